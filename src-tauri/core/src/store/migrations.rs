//! The schema's history, applied in order and keyed on `PRAGMA user_version`.
//! Append only: a migration that has shipped is never edited, because
//! journals in the field were built by exactly that text.

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keys::DatabaseKey;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_entries.sql"),
    include_str!("migrations/0002_entries_fts.sql"),
    include_str!("migrations/0003_entry_sources.sql"),
    include_str!("migrations/0004_settings.sql"),
    include_str!("migrations/0005_sharing.sql"),
    include_str!("migrations/0006_templates.sql"),
    include_str!("migrations/0007_timeline_indexes.sql"),
    include_str!("migrations/0008_action_learning.sql"),
    include_str!("migrations/0009_reminders.sql"),
    include_str!("migrations/0010_records.sql"),
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// 'PRXS', set by the first migration; tells a Praxis journal from any other
/// SQLite file.
const APPLICATION_ID: i64 = 0x5052_5853;

/// Reads the schema version of an existing database without changing a byte
/// of it. A file SQLite cannot read, or a database some other program made,
/// is not a journal.
pub(crate) fn inspect(conn: &Connection, path: &std::path::Path) -> Result<i64> {
    if !super::cipher::is_plaintext(path) && !super::cipher::key_opens(conn).map_err(|e| super::about_file(e, path))? {
        // An encrypted file this key does not open: a wrong key, or a file
        // that is not a database at all. The caller, which knows which key
        // belongs to the journal, tells the two apart.
        return Err(Error::WrongKey);
    }
    // A failure to read these is trouble with the file (damage, the disk),
    // which `about_file` names; anything else means it is no journal.
    let not_a_journal = |err: rusqlite::Error| match super::about_file(err.into(), path) {
        Error::Database(_) => Error::NotAJournal { path: path.to_path_buf() },
        other => other,
    };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(not_a_journal)?;
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(not_a_journal)?;
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0)).map_err(not_a_journal)?;
    let fresh = version == 0 && application_id == 0 && tables == 0;
    if !fresh && application_id != APPLICATION_ID {
        return Err(Error::NotAJournal { path: path.to_path_buf() });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found: version, supported: SCHEMA_VERSION });
    }
    Ok(version)
}

/// Brings the schema to [`SCHEMA_VERSION`] in one transaction: either every
/// pending migration applies, or none does.
pub(crate) fn migrate(conn: &mut Connection, from: i64) -> Result<()> {
    if from == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Opens a keyed connection that can only read, for looking at a file
/// before deciding whether it may be written.
pub(crate) fn open_read_only(path: &std::path::Path, key: &DatabaseKey) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::about_file(e.into(), path))?;
    super::cipher::apply_key(&conn, key)?;
    Ok(conn)
}

/// Opens an unencrypted database read-only, to inspect a journal from a
/// Praxis before encryption before it is encrypted.
pub(crate) fn open_plaintext_read_only(path: &std::path::Path) -> Result<Connection> {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::about_file(e.into(), path))
}
