//! The store: the only module that speaks SQL. It owns the journal database
//! (one SQLite file), its migrations and its full-text index.
//!
//! Habits kept here: reads take `&Connection`, writes take `&Transaction`, and
//! the public methods of [`Journal`] own the transaction, so every public write
//! is atomic and durable when it returns (WAL with `synchronous = FULL`). SQL
//! is literal text beside the function that runs it, with named parameters.

pub mod backup;
mod check;
pub mod cipher;
mod entries;
pub(crate) mod exchange;
mod experiments;
mod import;
mod migrations;
mod preferences;
mod projects;
mod records;
mod reminders;
mod rows;
pub mod salvage;
mod search;
mod sessions;
mod settings;
pub mod sharing;
mod templates;
mod timeline;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::keys::DatabaseKey;

pub use backup::{BackupInfo, BackupReason};
pub use check::CheckReport;
pub use import::ImportPreview;
pub use migrations::SCHEMA_VERSION;
pub use preferences::{Preferences, Theme};
pub use projects::ProjectOverview;
pub(crate) use records::insert_record;
pub use reminders::{reminder_notices, Notice, Reminder, ReminderKind};
pub use templates::{built_in_template, Template};
pub use timeline::{DayCount, TagCount};

/// An open journal. Cheap to share between threads (one connection behind a
/// mutex: SQLite serialises writers anyway, and every call is short).
pub struct Journal {
    conn: Mutex<Connection>,
    /// A second, read-only connection for searches, opened on first use: in
    /// WAL mode it reads its own snapshot, so a long search never holds up a
    /// save on `conn`.
    searcher: Mutex<Option<Connection>>,
    path: PathBuf,
    key: DatabaseKey,
    /// Set for a damaged journal opened only to read what can be read.
    read_only: bool,
    /// The data folder's shared lock, held while the journal is open (see
    /// [`crate::folder`]); none for a journal opened by path alone.
    folder_lock: Option<crate::folder::FolderLock>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Journal {
    /// Opens the journal in `data_dir` with `key` (creating the folder and an
    /// empty encrypted journal if there is none yet). Most callers go through
    /// [`crate::protection`], which finds the key.
    pub fn open_in(data_dir: &Path, key: &DatabaseKey) -> Result<Journal> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        Journal::open(&crate::paths::database_path(data_dir), key)
    }

    /// Opens the journal database at `path` with `key`, creating it if it
    /// does not exist, encrypting it if it is a plaintext journal from a
    /// Praxis before encryption, and upgrading its schema if it is older
    /// than this build.
    ///
    /// Errors, each leaving the file exactly as it was:
    /// [`Error::WrongKey`] for an encrypted file this key does not open,
    /// [`Error::NotAJournal`] for a damaged file or another program's
    /// database, [`Error::DatabaseTooNew`] for a journal from a newer Praxis.
    pub fn open(path: &Path, key: &DatabaseKey) -> Result<Journal> {
        let existed = path.exists();
        if existed {
            let plaintext = cipher::is_plaintext(path);
            cipher::roll_back_hot_journal(path, (!plaintext).then_some(key))?;
        }
        if existed && !cfg!(feature = "plaintext-benchmark") {
            // Left plaintext by an encryption in place that was interrupted
            // after the journal itself was done.
            backup::encrypt_plaintext_backups(path, key)?;
        }
        if existed && cipher::is_plaintext(path) && !cfg!(feature = "plaintext-benchmark") {
            // Look before touching, as below; then encrypt before anything
            // else is written, so no backup or upgrade writes plaintext.
            let probe = migrations::open_plaintext_read_only(path)?;
            migrations::inspect(&probe, path)?;
            drop(probe);
            cipher::encrypt_in_place(path, key)?;
            backup::encrypt_plaintext_backups(path, key)?;
        }
        let version = if existed {
            // Opening read-write would already switch the file to WAL mode,
            // which is a write: inspect through a read-only connection first.
            let probe = migrations::open_read_only(path, key)?;
            let version = migrations::inspect(&probe, path)?;
            if version > 0 && version < migrations::SCHEMA_VERSION {
                backup::backup_before_migration(&probe, path, version)?;
            }
            version
        } else {
            0
        };
        let mut conn = open_connection(path, key)?;
        migrations::migrate(&mut conn, version).map_err(|e| about_file(e, path))?;
        Ok(Journal::with_connection(conn, path, key, false))
    }

    /// Opens a journal only to read it: for a damaged file, whose intact
    /// parts stay readable while nothing can write to it. No migration runs;
    /// every write fails with [`Error::ReadOnly`].
    pub fn open_read_only(path: &Path, key: &DatabaseKey) -> Result<Journal> {
        let conn = migrations::open_read_only(path, key)?;
        migrations::inspect(&conn, path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        Ok(Journal::with_connection(conn, path, key, true))
    }

    fn with_connection(conn: Connection, path: &Path, key: &DatabaseKey, read_only: bool) -> Journal {
        Journal {
            conn: Mutex::new(conn),
            searcher: Mutex::new(None),
            path: path.to_path_buf(),
            key: key.clone(),
            read_only,
            folder_lock: None,
        }
    }

    /// This journal, holding the data folder's shared lock until it closes.
    pub(crate) fn holding(mut self, lock: crate::folder::FolderLock) -> Journal {
        self.folder_lock = Some(lock);
        self
    }

    /// Checks a plaintext database from a Praxis before encryption without
    /// changing it: a journal from a newer Praxis or another program's file
    /// is refused before any key is made for it.
    pub(crate) fn inspect_plaintext(path: &Path) -> Result<i64> {
        let probe = migrations::open_plaintext_read_only(path)?;
        migrations::inspect(&probe, path)
    }

    /// The recovery key of the key this journal is open with.
    pub fn recovery_key(&self) -> crate::keys::RecoveryKey {
        self.key.recovery_key()
    }

    /// The key this journal was opened with (for backups, restores over a
    /// damaged file, and re-keying). Never printed: see [`DatabaseKey`].
    pub fn key(&self) -> &DatabaseKey {
        &self.key
    }

    /// Whether this journal was opened read-only (see [`Journal::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The database file this journal lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Gives back the pages the connection holds in its cache (they are read
    /// again when needed): for when the window has been left alone.
    pub fn release_memory(&self) -> Result<()> {
        self.lock().execute_batch("PRAGMA shrink_memory")?;
        if let Some(searcher) = self.searcher.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            searcher.execute_batch("PRAGMA shrink_memory")?;
        }
        Ok(())
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (a
        // dropped transaction rolls back), so the connection stays usable.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock()).map_err(|e| about_file(e, &self.path))
    }

    /// [`Journal::read`] on the search connection: for reads that may take
    /// long (searches), so that saves on the main connection never wait for
    /// them. Sees every commit made before it starts.
    pub(crate) fn read_apart<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut slot = self.searcher.lock().unwrap_or_else(|p| p.into_inner());
        let conn = match slot.take() {
            Some(conn) => conn,
            None => {
                let conn = migrations::open_read_only(&self.path, &self.key)?;
                conn.busy_timeout(Duration::from_secs(5))?;
                conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
                conn.execute_batch("PRAGMA temp_store = MEMORY")?;
                conn
            }
        };
        f(slot.insert(conn)).map_err(|e| about_file(e, &self.path))
    }

    /// Closes the search connection (it is opened again on next use): after
    /// the file's content was replaced under it.
    pub(crate) fn forget_searcher(&self) {
        *self.searcher.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        transact(&mut self.lock(), f).map_err(|e| about_file(e, &self.path))
    }

    /// [`Journal::write`] for an import: the page cache holds
    /// [`BULK_CACHE_KIB`] while it runs, then [`CACHE_KIB`] again, emptied.
    pub(crate) fn write_in_bulk<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        let mut conn = self.lock();
        conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let written = transact(&mut conn, f).map_err(|e| about_file(e, &self.path));
        // Only the cache's size: if it cannot be set back, it stays larger.
        let _ = conn.pragma_update(None, "cache_size", -CACHE_KIB);
        let _ = conn.execute_batch("PRAGMA shrink_memory");
        written
    }
}

fn transact<T>(conn: &mut Connection, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// The page cache of a journal connection, in KiB. With 100,000 entries, 48
/// searches as they are typed kept 15 MB in memory with 8 MB and 37 MB with
/// 32 MB, and took the same time (1.1 s); `praxis export` peaks at 24 MB
/// instead of 49 MB.
const CACHE_KIB: i64 = 8_000;
/// The page cache while an import writes: importing 100,000 entries (make
/// bench) took 58.5 s with 8 MB and 49.7 s with 32 MB.
const BULK_CACHE_KIB: i64 = 32_000;

/// Opens and configures a read-write connection to the journal at `path`.
pub(crate) fn open_connection(path: &Path, key: &DatabaseKey) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| about_file(e.into(), path))?;
    cipher::apply_key(&conn, key)?;
    if !cipher::key_opens(&conn).map_err(|e| about_file(e, path))? {
        return Err(Error::WrongKey);
    }
    configure(&conn).map_err(|e| about_file(e, path))?;
    Ok(conn)
}

/// Says what really happened when SQLite failed on the journal at `path`:
/// a page that does not read back is [`Error::Damaged`]; a file the system
/// could not open, read or write is a full disk ([`Error::DiskFull`], when
/// its file system has no room left) or an [`Error::Io`] naming the cause —
/// never damage. Other errors pass through unchanged.
pub(crate) fn about_file(err: Error, path: &Path) -> Error {
    use rusqlite::ErrorCode;
    let Error::Database(inner) = &err else {
        return err;
    };
    match inner.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::Damaged { path: path.to_path_buf() },
        Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            if crate::folder::is_nearly_full(path) {
                Error::DiskFull
            } else {
                let cause = match inner {
                    rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
                    other => other.to_string(),
                };
                Error::Io { path: path.to_path_buf(), cause: std::io::Error::other(cause) }
            }
        }
        _ => err,
    }
}

/// Connection settings every journal connection needs. `synchronous = FULL`
/// in WAL mode makes a commit durable when it returns: a save the writer saw
/// succeed survives a crash or a power cut. The page cache holds
/// [`CACHE_KIB`].
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::unsupported(format!(
            "The journal could not switch to safe write-ahead mode (it is in \"{mode}\" mode). Move the data folder to a local disk."
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KEY_BYTES;

    fn cache_size(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA cache_size", [], |row| row.get(0)).unwrap()
    }

    #[test]
    fn a_save_does_not_wait_for_a_search_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        let journal =
            std::sync::Arc::new(Journal::open_in(dir.path(), &DatabaseKey::from_bytes([9; KEY_BYTES])).unwrap());
        let draft = crate::EntryDraft::new(crate::Kind::Reflection, "Before", "searchable words");
        let at = chrono::DateTime::parse_from_rfc3339("2026-05-01T09:00:00Z").unwrap();
        journal.create_entry(crate::EntryId::random(), &draft, at).unwrap();
        // A search holds its connection, as a long one would.
        let (saved_tx, saved_rx) = std::sync::mpsc::channel();
        journal
            .read_apart(|_conn| {
                let writer = std::sync::Arc::clone(&journal);
                let draft = draft.clone();
                std::thread::spawn(move || {
                    let _ = saved_tx.send(writer.create_entry(crate::EntryId::random(), &draft, at).is_ok());
                });
                let saved = saved_rx.recv_timeout(std::time::Duration::from_secs(20));
                assert_eq!(saved, Ok(true), "the save finished while the search still held its connection");
                Ok(())
            })
            .unwrap();
        assert_eq!(journal.search("searchable", &Default::default(), crate::SearchOrder::Newest).unwrap().len(), 2);
    }

    #[test]
    fn a_bulk_write_has_the_larger_page_cache_and_gives_it_back_whether_it_succeeds_or_fails() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open_in(dir.path(), &DatabaseKey::from_bytes([9; KEY_BYTES])).unwrap();
        assert_eq!(journal.read(|conn| Ok(cache_size(conn))).unwrap(), -CACHE_KIB);
        let inside = journal.write_in_bulk(|tx| Ok(cache_size(tx))).unwrap();
        assert_eq!(inside, -BULK_CACHE_KIB);
        assert_eq!(journal.read(|conn| Ok(cache_size(conn))).unwrap(), -CACHE_KIB);
        let failed = journal.import_jsonl(&mut "not a Praxis export\n".as_bytes());
        assert!(matches!(failed, Err(Error::ImportLine { line: 1, .. })), "{failed:?}");
        assert_eq!(journal.read(|conn| Ok(cache_size(conn))).unwrap(), -CACHE_KIB);
    }
}
