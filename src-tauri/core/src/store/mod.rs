//! The store: the only module that speaks SQL. It owns the journal database
//! (one SQLite file), its migrations and its full-text index.
//!
//! Habits kept here: reads take `&Connection`, writes take `&Transaction`, and
//! the public methods of [`Journal`] own the transaction, so every public write
//! is atomic and durable when it returns (WAL with `synchronous = FULL`). SQL
//! is literal text beside the function that runs it, with named parameters.

pub mod backup;
mod check;
mod entries;
mod import;
mod migrations;
mod records;
mod rows;
mod search;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use backup::{BackupInfo, BackupReason};
pub use check::CheckReport;
pub use import::ImportPreview;
pub use migrations::SCHEMA_VERSION;
pub(crate) use records::insert_record;

/// An open journal. Cheap to share between threads (one connection behind a
/// mutex: SQLite serialises writers anyway, and every call is short).
pub struct Journal {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// Set for a damaged journal opened only to read what can be read.
    read_only: bool,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Journal {
    /// Opens the journal in `data_dir` (creating the folder and an empty
    /// journal if there is none yet).
    pub fn open_in(data_dir: &Path) -> Result<Journal> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        Journal::open(&crate::paths::database_path(data_dir))
    }

    /// Opens the journal database at `path`, creating it if it does not exist
    /// and upgrading its schema if it is older than this build.
    ///
    /// Errors, each leaving the file exactly as it was:
    /// [`Error::NotAJournal`] for a damaged file or another program's
    /// database, [`Error::DatabaseTooNew`] for a journal from a newer Praxis.
    pub fn open(path: &Path) -> Result<Journal> {
        let existed = path.exists();
        let version = if existed {
            // Look before touching: opening read-write would already switch
            // the file to WAL mode, which is a write.
            let probe = migrations::open_read_only(path)?;
            let version = migrations::inspect(&probe, path)?;
            if version > 0 && version < migrations::SCHEMA_VERSION {
                backup::backup_before_migration(&probe, path, version)?;
            }
            version
        } else {
            0
        };
        let mut conn = open_connection(path).map_err(|err| match err {
            Error::Database(err) if !existed => Error::io(path, std::io::Error::other(err)),
            Error::Database(_) => Error::not_a_journal(path),
            other => other,
        })?;
        migrations::migrate(&mut conn, version)?;
        Ok(Journal { conn: Mutex::new(conn), path: path.to_path_buf(), read_only: false })
    }

    /// Opens a journal only to read it: for a damaged file, whose intact
    /// parts stay readable while nothing can write to it. No migration runs;
    /// every write fails with [`Error::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Journal> {
        let conn = migrations::open_read_only(path)?;
        migrations::inspect(&conn, path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        Ok(Journal { conn: Mutex::new(conn), path: path.to_path_buf(), read_only: true })
    }

    /// Whether this journal was opened read-only (see [`Journal::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The database file this journal lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (a
        // dropped transaction rolls back), so the connection stays usable.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Opens and configures a read-write connection to the journal at `path`.
pub(crate) fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    Ok(conn)
}

/// Connection settings every journal connection needs. `synchronous = FULL`
/// in WAL mode makes a commit durable when it returns: a save the writer saw
/// succeed survives a crash or a power cut.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::invalid(format!(
            "The journal could not switch to safe write-ahead mode (it is in \"{mode}\" mode). Move the data folder to a local disk."
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -32000;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}
