//! Encryption at rest with SQLCipher: every connection to a journal or to one
//! of its backups is keyed here, before its first statement, with the raw
//! 256-bit key (no password stretching on open). SQLCipher encrypts every
//! page, so the write-ahead log, backups made with `VACUUM INTO` and any
//! spilled temporary data are encrypted too (`temp_store = MEMORY` keeps
//! temporary tables off the disk altogether).
//!
//! Also here: turning a plaintext journal from an earlier Praxis into an
//! encrypted one, and re-encrypting a journal under a new key. Both write an
//! encrypted copy under a temporary name, verify it, then swap it in with a
//! rename, so a crash at any moment leaves one whole, readable journal.
//!
//! Must not: write a single plaintext page of an encrypted journal, or
//! replace a file before its successor has been read back.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{named_params, Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keys::DatabaseKey;

/// The first 16 bytes of every unencrypted SQLite database.
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Keys a freshly opened connection. Must run before anything else does.
pub(crate) fn apply_key(conn: &Connection, key: &DatabaseKey) -> Result<()> {
    if cfg!(feature = "plaintext-benchmark") {
        return Ok(());
    }
    // A wrong key is an answer Praxis handles, not something to print.
    let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
    conn.pragma_update(None, "key", key.sqlcipher_literal().as_str())?;
    Ok(())
}

/// Whether the file at `path` is an unencrypted SQLite database (a journal
/// from a Praxis before encryption, or another program's file).
pub fn is_plaintext(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_ok() && &header == PLAINTEXT_HEADER
}

/// Whether `conn`'s key opens its database: SQLCipher checks the first
/// page's MAC on the first read. `Ok(false)` is SQLite's "not a database"
/// (a wrong key, or a first page that is not this journal's); any other
/// failure (a full disk, an I/O error, a busy file) is an error, never
/// taken for a wrong key or for damage.
pub(crate) fn key_opens(conn: &Connection) -> Result<bool> {
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get::<_, i64>(0)) {
        Ok(_) => Ok(true),
        Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Ok(false),
        Err(err) => Err(err.into()),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn path_text(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| Error::invalid("The data folder's path is not valid text."))
}

/// Writes an encrypted copy of `source`'s main database to `target` with
/// `key`, carrying the schema version and application id (which
/// `sqlcipher_export` leaves behind), then fsyncs it.
fn export_encrypted(source: &Connection, target: &Path, key: &DatabaseKey) -> Result<()> {
    let _ = std::fs::remove_file(target);
    let version: i64 = source.query_row("PRAGMA main.user_version", [], |row| row.get(0))?;
    let application_id: i64 = source.query_row("PRAGMA main.application_id", [], |row| row.get(0))?;
    let literal = key.sqlcipher_literal();
    source.execute(
        "ATTACH DATABASE :path AS praxis_target KEY :key",
        named_params! { ":path": path_text(target)?, ":key": literal.as_str() },
    )?;
    let exported = (|| -> Result<()> {
        source.query_row("SELECT sqlcipher_export('praxis_target')", [], |_| Ok(()))?;
        source.pragma_update(Some("praxis_target"), "user_version", version)?;
        source.pragma_update(Some("praxis_target"), "application_id", application_id)?;
        Ok(())
    })();
    let detached = source.execute("DETACH DATABASE praxis_target", []);
    exported?;
    detached?;
    std::fs::File::open(target).and_then(|f| f.sync_all()).map_err(|e| Error::io(target, e))?;
    Ok(())
}

/// Reads an encrypted file back with `key`: healthy, and holding the same
/// number of entries and revisions as the original.
fn verify_copy(copy: &Path, key: &DatabaseKey, expected: (i64, i64)) -> Result<()> {
    let conn = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    apply_key(&conn, key)?;
    let health: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    let counts = counts(&conn)?;
    if health != "ok" || counts != expected {
        return Err(Error::invalid(
            "The encrypted copy of the journal did not read back the same, so the original was kept unchanged.",
        ));
    }
    Ok(())
}

fn counts(conn: &Connection) -> Result<(i64, i64)> {
    let has_entries: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'entries'", [], |row| row.get(0))?;
    if has_entries == 0 {
        return Ok((0, 0));
    }
    let entries = conn.query_row("SELECT count(*) FROM entries", [], |row| row.get(0))?;
    let revisions = conn.query_row("SELECT count(*) FROM revisions", [], |row| row.get(0)).unwrap_or(0);
    Ok((entries, revisions))
}

/// Puts `copy` in `original`'s place. The original must have no `-wal` file
/// left (it was checkpointed and switched out of WAL mode first), so nothing
/// stale can be replayed into the copy.
fn swap_in(copy: &Path, original: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = sibling(original, suffix);
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(|e| Error::io(&stale, e))?;
        }
    }
    std::fs::rename(copy, original).map_err(|e| Error::io(original, e))?;
    if let Some(dir) = original.parent().and_then(|d| std::fs::File::open(d).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Folds the write-ahead log into the main file and leaves WAL mode, so the
/// main file alone holds everything.
fn settle(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
    Ok(())
}

/// A read-write connection to an existing file that may create the copy it
/// attaches (attached databases share the main one's open flags).
fn open_existing_for_copy(path: &Path) -> rusqlite::Result<Connection> {
    if !path.exists() {
        return Err(rusqlite::Error::InvalidPath(path.to_path_buf()));
    }
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Encrypts the plaintext database at `path` with `key`, in place: an
/// encrypted copy is written beside it, read back and compared, then renamed
/// over the original. A crash leaves either the old file or the new one.
pub(crate) fn encrypt_in_place(path: &Path, key: &DatabaseKey) -> Result<()> {
    rewrite_in_place(path, None, key, ".encrypting").map_err(|err| match err {
        Error::Database(_) => Error::invalid(format!("{} could not be opened to encrypt it.", path.display())),
        other => other,
    })
}

/// Re-encrypts the encrypted database at `path` from `old` to `new`, in
/// place, the same way as [`encrypt_in_place`].
pub(crate) fn reencrypt_in_place(path: &Path, old: &DatabaseKey, new: &DatabaseKey) -> Result<()> {
    rewrite_in_place(path, Some(old), new, ".rekeying")
}

/// Writes `path`'s content, read with `old` (none: plaintext), into a copy
/// encrypted with `new`, verifies the copy, then swaps it in.
fn rewrite_in_place(path: &Path, old: Option<&DatabaseKey>, new: &DatabaseKey, suffix: &str) -> Result<()> {
    let copy = sibling(path, suffix);
    {
        let conn = open_existing_for_copy(path)?;
        if let Some(old) = old {
            apply_key(&conn, old)?;
            if !key_opens(&conn).map_err(|e| super::about_file(e, path))? {
                return Err(Error::WrongKey);
            }
        }
        settle(&conn)?;
        let expected = counts(&conn)?;
        export_encrypted(&conn, &copy, new)?;
        if let Err(err) = verify_copy(&copy, new, expected) {
            let _ = std::fs::remove_file(&copy);
            return Err(err);
        }
    }
    crate::failpoint::hit("rewrite:copy-verified");
    swap_in(&copy, path)
}

/// Whether `key` opens the encrypted file at `path` (read-only, changes
/// nothing). An error is trouble reading the file, not an answer.
pub(crate) fn key_opens_file(path: &Path, key: &DatabaseKey) -> Result<bool> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::about_file(e.into(), path))?;
    apply_key(&conn, key)?;
    key_opens(&conn).map_err(|e| super::about_file(e, path))
}

/// Lets SQLite roll back a transaction a crash interrupted while the
/// database was in rollback-journal mode (re-keying switches a file to it
/// for a moment): a *hot* journal beside the file is undone by the first
/// reader that may write, before a read-only connection (which cannot)
/// looks at the file. Only with the journal's own key (none for a
/// plaintext file), checked by the caller against its record.
pub(crate) fn roll_back_hot_journal(path: &Path, key: Option<&DatabaseKey>) -> Result<()> {
    let journal = sibling(path, "-journal");
    if !std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::about_file(e.into(), path))?;
    if let Some(key) = key {
        apply_key(&conn, key)?;
    }
    key_opens(&conn).map_err(|e| super::about_file(e, path))?;
    Ok(())
}
