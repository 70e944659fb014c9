//! Saving what can still be read from a damaged journal into a new one,
//! never in place: the new journal is written as a backup beside the
//! others (`praxis-<time>-salvaged.sqlite3`), and restoring it goes through
//! the same journaled restore as any backup, which keeps the damaged file
//! aside.
//!
//! Row by row: every table of a fresh journal is filled from the damaged
//! file's table of the same name, in batches in rowid order. A batch that
//! cannot be read is skipped by probing further and further ahead until
//! reading works again, then narrowing back to the first row after the
//! damaged part, so one damaged page costs the rows on it and a few probes.
//! Tables without rowids (tag links, settings) are copied whole or not at
//! all. Rows that point at rows that were lost are dropped, and the search
//! index is built anew from the entries saved.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{named_params, Connection, OpenFlags};
use serde::Serialize;

use super::{backup, cipher, migrations, Journal};
use crate::error::{Error, Result};
use crate::keys::DatabaseKey;

/// What a salvage saved.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct SalvageReport {
    /// The backup it was written as.
    pub backup: backup::BackupInfo,
    /// Live entries saved.
    pub entries: i64,
    /// Tables of which a part could not be read (their rows there are lost).
    pub damaged_tables: Vec<String>,
    /// Rows dropped because what they pointed at was lost.
    pub orphans_dropped: usize,
}

const BATCH: i64 = 500;

/// Reads what can be read of the journal at `database` (opened with `key`)
/// into a new journal written as a backup beside it. The damaged file is
/// only read.
pub fn salvage(database: &Path, key: &DatabaseKey, now: DateTime<Utc>) -> Result<SalvageReport> {
    let dir = backup::backup_dir(database);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = format!("praxis-{}-salvaged", now.format("%Y%m%dT%H%M%SZ"));
    let target = dir.join(format!("{name}.sqlite3"));
    if target.exists() {
        return Err(Error::conflict("A salvage was made this second already; wait a second and try again."));
    }
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        // A fresh journal of this version, with the same key.
        drop(Journal::open(&partial, key)?);
        let (damaged_tables, orphans_dropped) = fill(&partial, database, key)?;
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| Error::io(&partial, e))?;
        Ok((damaged_tables, orphans_dropped))
    })();
    let (damaged_tables, orphans_dropped) = match result {
        Ok(done) => done,
        Err(err) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
            }
            return Err(err);
        }
    };
    std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
    let info = backup::backups_beside(database, key)
        .into_iter()
        .find(|b| b.path == target)
        .ok_or_else(|| Error::invalid("The salvaged journal could not be read back."))?;
    Ok(SalvageReport { entries: info.entries.unwrap_or(0), backup: info, damaged_tables, orphans_dropped })
}

/// Copies every readable row into the fresh journal at `target`.
fn fill(target: &Path, damaged: &Path, key: &DatabaseKey) -> Result<(Vec<String>, usize)> {
    let conn = Connection::open_with_flags(
        target,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::apply_key(&conn, key)?;
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA journal_mode = DELETE;")?;
    let uri = format!("file:{}?mode=ro", damaged.to_str().ok_or_else(|| Error::invalid("The path is not text."))?);
    let literal = key.sqlcipher_literal();
    conn.execute("ATTACH DATABASE :uri AS damaged KEY :key", named_params! { ":uri": uri, ":key": literal.as_str() })?;
    if !cipher::key_opens(&conn).unwrap_or(false) {
        return Err(Error::WrongKey);
    }
    let tables: Vec<(String, bool)> = {
        let mut stmt = conn.prepare(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM main.sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entries_fts%'",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut damaged_tables = Vec::new();
    for (table, without_rowid) in tables {
        let columns = shared_columns(&conn, &table);
        if columns.is_empty() {
            continue;
        }
        let whole =
            if without_rowid { copy_whole(&conn, &table, &columns) } else { copy_by_rowid(&conn, &table, &columns) };
        if !whole {
            damaged_tables.push(table);
        }
    }
    let orphans = drop_orphans(&conn)?;
    conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')", [])?;
    conn.execute("DETACH DATABASE damaged", [])?;
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |row| row.get(0))?;
    debug_assert_eq!(version, migrations::SCHEMA_VERSION);
    Ok((damaged_tables, orphans))
}

/// The columns `table` has both in the fresh journal and in the damaged one
/// (an older journal may lack some), quoted.
fn shared_columns(conn: &Connection, table: &str) -> String {
    let names = |schema: &str| -> Vec<String> {
        let sql = format!("SELECT name FROM pragma_table_info(?1, '{schema}')");
        conn.prepare(&sql)
            .and_then(|mut s| s.query_map([table], |row| row.get::<_, String>(0))?.collect())
            .unwrap_or_default()
    };
    let old = names("damaged");
    names("main")
        .into_iter()
        .filter(|c| old.contains(c))
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted(table: &str) -> String {
    format!("\"{}\"", table.replace('"', "\"\""))
}

fn copy_whole(conn: &Connection, table: &str, columns: &str) -> bool {
    let t = quoted(table);
    conn.execute(&format!("INSERT OR IGNORE INTO main.{t} ({columns}) SELECT {columns} FROM damaged.{t}"), []).is_ok()
}

/// Copies `table` batch by batch in rowid order, skipping what cannot be
/// read. Returns whether every row was read.
fn copy_by_rowid(conn: &Connection, table: &str, columns: &str) -> bool {
    let t = quoted(table);
    let next_batch_end = |after: i64| -> rusqlite::Result<Option<i64>> {
        conn.query_row(
            &format!(
                "SELECT max(rowid) FROM (SELECT rowid FROM damaged.{t} WHERE rowid > ?1 ORDER BY rowid LIMIT {BATCH})"
            ),
            [after],
            |row| row.get(0),
        )
    };
    let insert = |after: i64, upto: i64| {
        conn.execute(
            &format!(
                "INSERT OR IGNORE INTO main.{t} ({columns})
                 SELECT {columns} FROM damaged.{t} WHERE rowid > ?1 AND rowid <= ?2"
            ),
            [after, upto],
        )
    };
    let mut after = i64::MIN;
    let mut whole = true;
    loop {
        match next_batch_end(after) {
            Ok(None) => return whole,
            Ok(Some(upto)) => {
                if insert(after, upto).is_err() {
                    // A row's content is unreadable: one row at a time.
                    whole = false;
                    let mut at = after;
                    while let Ok(Some(next)) = next_batch_end_one(conn, &t, at) {
                        if next > upto {
                            break;
                        }
                        let _ = insert(at, next);
                        at = next;
                    }
                }
                after = upto;
            }
            Err(_) => {
                whole = false;
                match first_readable_after(conn, &t, after) {
                    Some(resume) => after = resume,
                    None => return false,
                }
            }
        }
    }
}

fn next_batch_end_one(conn: &Connection, t: &str, after: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row(&format!("SELECT min(rowid) FROM damaged.{t} WHERE rowid > ?1"), [after], |row| row.get(0))
}

/// The smallest `s > after` from which reading on works again (rows
/// between are on damaged pages), found by probing further and further
/// ahead, then narrowing back.
fn first_readable_after(conn: &Connection, t: &str, after: i64) -> Option<i64> {
    let readable = |from: i64| next_batch_end_one(conn, t, from).is_ok();
    let mut step: i64 = 1;
    let mut bad = after;
    let good = loop {
        let probe = after.saturating_add(step);
        if readable(probe) {
            break probe;
        }
        bad = probe;
        if probe == i64::MAX {
            return None;
        }
        step = step.saturating_mul(2);
    };
    // Narrow back: the smallest start in (bad, good] that reads.
    let (mut lo, mut hi) = (bad, good);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if readable(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// Deletes rows that point at rows that were lost; returns how many.
fn drop_orphans(conn: &Connection) -> Result<usize> {
    let mut dropped = 0;
    for _ in 0..8 {
        let broken: Vec<(String, Option<i64>)> = {
            let mut stmt = conn.prepare("PRAGMA main.foreign_key_check")?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if broken.is_empty() {
            break;
        }
        for (table, rowid) in broken {
            if let Some(rowid) = rowid {
                dropped += conn.execute(&format!("DELETE FROM main.{} WHERE rowid = ?1", quoted(&table)), [rowid])?;
            }
        }
    }
    Ok(dropped)
}
