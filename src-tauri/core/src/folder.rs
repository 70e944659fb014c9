//! The data folder as a whole: who may change its files, what a change that
//! was interrupted left behind, and whether a journal has lived here.
//!
//! - **The folder lock** (`praxis.lock`, an OS file lock, released by the
//!   system when a process ends however it ends): every open journal holds
//!   it shared; a change of the journal's files as a whole (a key rotation,
//!   a restore over a damaged file, finishing an interrupted change) holds
//!   it exclusively. A change that cannot get it changes nothing and says
//!   the journal is busy.
//! - **Leftovers** of interrupted work (half-written copies) are removed
//!   only under the exclusive lock, once what they belonged to has been
//!   finished or undone.
//! - **Traces** of an earlier journal (its protection record, backups, a
//!   damaged file kept aside) are what keeps Praxis from ever making a new,
//!   empty journal where one existed.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The lock file's name inside the data folder. It holds no data.
pub const LOCK_FILE: &str = "praxis.lock";

/// How long an open waits for a change in another process to finish.
const WAIT: Duration = Duration::from_secs(5);

/// A held lock on the data folder; released when dropped.
#[derive(Debug)]
pub struct FolderLock {
    /// Held open for the lock's sake: the system releases the lock when
    /// this file is closed (or the process ends).
    _file: File,
    exclusive: bool,
}

impl FolderLock {
    fn file(data_dir: &Path) -> Result<File> {
        let path = data_dir.join(LOCK_FILE);
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(path, e))
    }

    /// The shared lock an open journal holds, waiting a few seconds for a
    /// change in another process to finish.
    pub fn shared(data_dir: &Path) -> Result<FolderLock> {
        let file = FolderLock::file(data_dir)?;
        let started = Instant::now();
        loop {
            match file.try_lock_shared() {
                Ok(()) => return Ok(FolderLock { _file: file, exclusive: false }),
                Err(TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(25))
                }
                Err(TryLockError::WouldBlock) => return Err(Error::Busy),
                Err(TryLockError::Error(e)) => return Err(Error::io(data_dir.join(LOCK_FILE), e)),
            }
        }
    }

    /// The exclusive lock, only if nobody else holds the folder: `None`
    /// when the journal is open elsewhere (in this process too).
    pub fn try_exclusive(data_dir: &Path) -> Result<Option<FolderLock>> {
        let file = FolderLock::file(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(FolderLock { _file: file, exclusive: true })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io(data_dir.join(LOCK_FILE), e)),
        }
    }

    /// The exclusive lock, waiting a few seconds for others to let go;
    /// [`Error::Busy`] if they do not.
    pub fn exclusive(data_dir: &Path) -> Result<FolderLock> {
        let started = Instant::now();
        loop {
            if let Some(lock) = FolderLock::try_exclusive(data_dir)? {
                return Ok(lock);
            }
            if started.elapsed() >= WAIT {
                return Err(Error::Busy);
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn is_exclusive(&self) -> bool {
        self.exclusive
    }
}

/// Names that only interrupted work leaves behind: copies being written
/// (`.rekeying`, `.encrypting`, `.restoring`, `.partial`).
fn is_leftover(name: &str) -> bool {
    // With SQLite's own files of such a copy (its journal, WAL, shared memory).
    let name = ["-journal", "-wal", "-shm"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name);
    [".rekeying", ".encrypting", ".restoring", ".partial"].iter().any(|suffix| name.ends_with(suffix))
}

/// Removes what interrupted work left in the data folder and its backups
/// folder. Call only with the exclusive lock held and nothing pending.
/// Returns the names removed.
pub fn remove_leftovers(data_dir: &Path, _lock: &FolderLock) -> Vec<String> {
    debug_assert!(_lock.is_exclusive());
    let mut removed = Vec::new();
    for dir in [data_dir.to_path_buf(), data_dir.join("backups")] {
        let Ok(read) = std::fs::read_dir(&dir) else { continue };
        for entry in read.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_leftover(&name)
                && entry.file_type().is_ok_and(|t| t.is_file())
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed.push(name);
            }
        }
    }
    removed
}

/// What shows that a journal lived in `data_dir`: backups, or a damaged
/// journal kept aside (the protection record is judged by its reader). Empty for a folder where no
/// journal ever was.
pub fn traces(data_dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let backups = std::fs::read_dir(data_dir.join("backups"))
        .map(|read| {
            read.filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".sqlite3")).count()
        })
        .unwrap_or(0);
    if backups > 0 {
        found.push(format!("{backups} backup{}", if backups == 1 { "" } else { "s" }));
    }
    let aside = std::fs::read_dir(data_dir)
        .map(|read| read.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().starts_with("damaged-")))
        .unwrap_or(false);
    if aside {
        found.push("a damaged journal kept aside".into());
    }
    found
}

/// Free bytes for the person on the file system that holds `path`, where
/// the system can say.
pub fn available_space(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        let stat = rustix::fs::statvfs(path).ok()?;
        Some(stat.f_bavail.saturating_mul(stat.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether the file system that holds `path` is (nearly) full: less than
/// what SQLite needs for a page and its log.
pub fn is_nearly_full(path: &Path) -> bool {
    let probe: PathBuf =
        if path.is_dir() { path.to_path_buf() } else { path.parent().unwrap_or(Path::new(".")).to_path_buf() };
    available_space(&probe).is_some_and(|free| free < 256 * 1024)
}
