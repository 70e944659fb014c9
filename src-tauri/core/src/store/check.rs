//! The integrity check: SQLite's own page-level check, foreign keys, and the
//! full-text index against the entries it should hold.

use rusqlite::Connection;
use serde::Serialize;

use super::Journal;
use crate::error::Result;

/// What `check` found. `problems` is empty for a healthy journal.
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
        self.read(check)
    }
}

fn check(conn: &Connection) -> Result<CheckReport> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |row| row.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            problems.push(format!("database: {line}"));
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let broken = stmt.query_map([], |row| row.get::<_, String>(0))?.count();
    if broken > 0 {
        problems.push(format!("{broken} rows point at rows that do not exist"));
    }
    // rank = 1 also compares the index with the live entries it is built from.
    if let Err(err) = conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)", []) {
        problems.push(format!("search index: {err}. Rebuild it with `praxis check --repair-index`."));
    }
    let count = |sql: &str| conn.query_row(sql, [], |row| row.get::<_, i64>(0));
    Ok(CheckReport {
        entries: count("SELECT count(*) FROM entries WHERE deleted_at IS NULL")?,
        in_trash: count("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL")?,
        revisions: count("SELECT count(*) FROM revisions")?,
        schema_version: count("PRAGMA user_version")?,
        problems,
    })
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
    /// Fast enough to run at every app start, off the UI's path.
    pub fn quick_check(&self) -> Result<bool> {
        let reader = super::migrations::open_read_only(self.path(), self.key())?;
        let result: String = reader.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        Ok(result == "ok")
    }
}
