//! The integrity check: SQLite's own page-level check, foreign keys, and the
//! full-text index against the entries it should hold. A check reports what
//! it finds, even when the file is too damaged for a part of it to run: a
//! part that cannot read the file is itself a finding, never an error that
//! hides the others.

use rusqlite::Connection;
use serde::Serialize;

use super::Journal;
use crate::error::{Error, Result};

/// What `check` found. `problems` is empty for a healthy journal.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub entries: i64,
    pub in_trash: i64,
    pub revisions: i64,
    pub schema_version: i64,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Journal {
    /// Runs every integrity check. Read-only; a problem is reported, never
    /// repaired behind the writer's back.
    pub fn check(&self) -> Result<CheckReport> {
        check(&self.lock(), self.is_read_only())
    }
}

/// How many lines of one check a report shows.
const MAX_LINES: usize = 10;

/// The lines a pragma answers, or the reason it could not answer.
fn lines(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    rows.collect()
}

/// Why a part of the check could not read the file, in words.
fn unreadable(err: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match err.sqlite_error_code() {
        // SQLCipher answers a page that fails its authentication check with
        // one of these, or with a bare "SQL logic error".
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase | ErrorCode::Unknown) => {
            "a page of the file is damaged".into()
        }
        _ => match err {
            rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
            other => other.to_string(),
        },
    }
}

fn check(conn: &Connection, read_only: bool) -> Result<CheckReport> {
    let mut problems = Vec::new();
    match lines(conn, "PRAGMA integrity_check") {
        Ok(found) => {
            // SQLite lists every consequence of one damaged page; the first
            // few say where it is.
            let found: Vec<String> = found
                .iter()
                .flat_map(|row| row.lines())
                .filter(|l| *l != "ok" && !l.starts_with("*** in database"))
                .map(String::from)
                .collect();
            let more = found.len().saturating_sub(MAX_LINES);
            problems.extend(found.into_iter().take(MAX_LINES).map(|l| format!("database: {l}")));
            if more > 0 {
                problems.push(format!("database: and {more} more findings of the same check"));
            }
        }
        Err(err) => problems.push(format!("database: the check could not finish: {}", unreadable(&err))),
    }
    // SQLCipher's own check reads every page, free ones too, and verifies
    // its authentication code: damage anywhere in the file, even where no
    // table reaches.
    if !cfg!(feature = "plaintext-benchmark") {
        match lines(conn, "PRAGMA cipher_integrity_check") {
            Ok(found) => problems.extend(found.into_iter().map(|l| format!("encryption: {l}"))),
            Err(err) => problems.push(format!("encryption: the check could not finish: {}", unreadable(&err))),
        }
    }
    let broken = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| s.query_map([], |_| Ok(()))?.collect::<rusqlite::Result<Vec<()>>>().map(|rows| rows.len()));
    match broken {
        Ok(0) => {}
        Ok(broken) => problems.push(format!("{broken} rows point at rows that do not exist")),
        Err(err) => problems.push(format!("links between rows could not be checked ({})", unreadable(&err))),
    }
    // rank = 1 also compares the index with the live entries it is built from.
    // (It is a write: a damaged journal open read-only skips it.)
    let index = (!read_only)
        .then(|| conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)", []));
    if let Some(Err(err)) = index {
        problems.push(format!("search index: {}.", unreadable(&err)));
    }
    let mut count = |what: &str, sql: &str| match conn.query_row(sql, [], |row| row.get::<_, i64>(0)) {
        Ok(n) => n,
        Err(err) => {
            problems.push(format!("{what} could not be counted ({})", unreadable(&err)));
            0
        }
    };
    let entries = count("entries", "SELECT count(*) FROM entries WHERE deleted_at IS NULL");
    let in_trash = count("entries in the trash", "SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL");
    let revisions = count("versions", "SELECT count(*) FROM revisions");
    let schema_version = count("the format version", "PRAGMA user_version");
    Ok(CheckReport { entries, in_trash, revisions, schema_version, problems })
}

impl Journal {
    /// Rebuilds the full-text index from the live entries. Safe at any time:
    /// the entries themselves are not touched.
    pub fn rebuild_index(&self) -> Result<()> {
        self.write(|tx| {
            tx.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')", [])?;
            Ok(())
        })
    }
}

impl Journal {
    /// SQLite's quick page-level check: `true` when the file is healthy.
    /// Reads the whole file: for the background check, off the UI's path.
    pub fn quick_check(&self) -> Result<bool> {
        let reader = super::migrations::open_read_only(self.path(), self.key())?;
        match reader.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)) {
            Ok(result) => Ok(result == "ok"),
            // SQLCipher answers some pages that fail their authentication
            // with a bare "SQL logic error": for a check, that is damage too.
            Err(err) => match super::about_file(err.into(), self.path()) {
                Error::Damaged { .. } | Error::Database(_) => Ok(false),
                other => Err(other),
            },
        }
    }

    /// The quick check on the journal's own connection, for opening a
    /// small journal: `false` if it found damage.
    pub fn quick_check_on_open(&self) -> Result<bool> {
        let conn = self.lock();
        match conn.query_row("PRAGMA quick_check(1)", [], |row| row.get::<_, String>(0)) {
            Ok(result) => Ok(result == "ok"),
            // SQLCipher answers some pages that fail their authentication
            // with a bare "SQL logic error": for a check, that is damage too.
            Err(err) => match super::about_file(err.into(), self.path()) {
                Error::Damaged { .. } | Error::Database(_) => Ok(false),
                other => Err(other),
            },
        }
    }
}
