//! Local backups: consistent snapshots of the journal taken with SQLite's
//! `VACUUM INTO` (never a raw file copy), kept in `backups/` beside the
//! journal. Daily while the app runs, before every schema upgrade and before
//! a restore; rolling: the newest of each of the last 7 days and of each of
//! the last 4 weeks are kept.
//!
//! Backups are encrypted exactly like the journal: `VACUUM INTO` from a
//! SQLCipher connection writes its copy with the same key.
//!
//! Must not: overwrite a backup, leave a half-written one under a real name,
//! or restore anything it has not checked first.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{named_params, Connection};
use serde::Serialize;

use super::{cipher, migrations, Journal};
use crate::error::{Error, Result};
use crate::keys::DatabaseKey;

const PREFIX: &str = "praxis-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    Daily,
    Manual,
    BeforeMigration,
    BeforeRestore,
}

impl BackupReason {
    fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeRestore => "before-restore",
        }
    }
}

/// One backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// The file name without its extension; what `praxis backup restore` takes.
    pub id: String,
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    /// Live entries in the backup (`None` if it could not be read).
    pub entries: Option<i64>,
    pub bytes: u64,
}

/// The folder backups of the journal at `database` live in.
pub fn backup_dir(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("backups")
}

fn backup_name(taken_at: DateTime<Utc>, reason: BackupReason) -> String {
    format!("{PREFIX}{}-{}", taken_at.format(STAMP), reason.as_str())
}

fn parse_name(stem: &str) -> Option<DateTime<Utc>> {
    let rest = stem.strip_prefix(PREFIX)?;
    let stamp = rest.get(..16)?;
    NaiveDateTime::parse_from_str(stamp, STAMP).ok().map(|t| t.and_utc())
}

/// Writes a snapshot of `conn`'s main database to `dir/name.sqlite3`: first
/// under a temporary name, synced, then renamed, so a crash never leaves a
/// half-written backup under a real name.
fn snapshot(conn: &Connection, dir: &Path, name: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let target = dir.join(format!("{name}{SUFFIX}"));
    if target.exists() {
        return Err(Error::invalid(format!("A backup named {name} already exists; wait a second and try again.")));
    }
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let path_text = partial.to_str().ok_or_else(|| Error::invalid("The backup folder's path is not valid text."))?;
    if let Err(err) = conn.execute("VACUUM INTO :path", named_params! { ":path": path_text }) {
        let _ = std::fs::remove_file(&partial);
        return Err(err.into());
    }
    let file = std::fs::File::open(&partial).map_err(|e| Error::io(&partial, e))?;
    file.sync_all().map_err(|e| Error::io(&partial, e))?;
    std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
    if let Ok(dir_handle) = std::fs::File::open(dir) {
        let _ = dir_handle.sync_all();
    }
    Ok(target)
}

/// A snapshot of the journal at `database` taken before its schema is
/// upgraded, through the read-only connection that inspected it.
pub(crate) fn backup_before_migration(probe: &Connection, database: &Path, from: i64) -> Result<PathBuf> {
    let dir = backup_dir(database);
    let name = format!("{PREFIX}schema-{from}-before-migration");
    let existing = dir.join(format!("{name}{SUFFIX}"));
    if existing.exists() {
        // An earlier attempt already kept this version; keep the older copy.
        return Ok(existing);
    }
    snapshot(probe, &dir, &name)
}

fn describe(path: &Path, key: &DatabaseKey) -> Option<BackupInfo> {
    let stem = path.file_name()?.to_str()?.strip_suffix(SUFFIX)?.to_owned();
    if !stem.starts_with(PREFIX) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    let taken_at = parse_name(&stem).or_else(|| meta.modified().ok().map(DateTime::<Utc>::from))?;
    let entries = migrations::open_read_only(path, key).ok().and_then(|conn| {
        conn.query_row("SELECT count(*) FROM entries WHERE deleted_at IS NULL", [], |row| row.get(0)).ok()
    });
    Some(BackupInfo { id: stem, path: path.to_path_buf(), taken_at, entries, bytes: meta.len() })
}

/// Which backups the rolling policy keeps: every backup that is not a daily
/// one (manual, before a migration, before a restore), and of the daily ones
/// the newest of each of the last [`KEEP_DAYS`] days and of each of the last
/// [`KEEP_WEEKS`] ISO weeks. `backups` must be sorted newest first.
pub fn backups_to_keep(backups: &[BackupInfo]) -> HashSet<String> {
    let mut keep = HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for backup in backups {
        if !backup.id.ends_with(BackupReason::Daily.as_str()) {
            keep.insert(backup.id.clone());
            continue;
        }
        let day = backup.taken_at.date_naive();
        if !days.contains(&day) && days.len() < KEEP_DAYS {
            days.push(day);
            keep.insert(backup.id.clone());
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKS {
            weeks.push(week);
            keep.insert(backup.id.clone());
        }
    }
    keep
}

impl Journal {
    /// The backups of this journal, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        Ok(backups_beside(&self.path, &self.key))
    }

    /// Takes a backup now, then applies the rolling policy to the older ones.
    pub fn backup_now(&self, reason: BackupReason, now: DateTime<Utc>) -> Result<BackupInfo> {
        let dir = backup_dir(&self.path);
        // Its own read-only connection: WAL lets it read a consistent snapshot
        // while the journal keeps saving, so a long backup blocks no one.
        let reader = migrations::open_read_only(&self.path, &self.key)?;
        let path = snapshot(&reader, &dir, &backup_name(now, reason))?;
        self.prune_backups()?;
        describe(&path, &self.key).ok_or_else(|| Error::invalid("The new backup could not be read back."))
    }

    /// Takes the daily backup if none was taken in the last 24 hours.
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let newest = self.list_backups()?.into_iter().next();
        match newest {
            Some(b) if now.signed_duration_since(b.taken_at) < chrono::Duration::hours(24) => Ok(None),
            _ => self.backup_now(BackupReason::Daily, now).map(Some),
        }
    }

    /// Deletes the backups the rolling policy does not keep. Returns their ids.
    pub fn prune_backups(&self) -> Result<Vec<String>> {
        let backups = self.list_backups()?;
        let keep = backups_to_keep(&backups);
        let mut removed = Vec::new();
        for backup in backups.into_iter().filter(|b| !keep.contains(&b.id)) {
            std::fs::remove_file(&backup.path).map_err(|e| Error::io(&backup.path, e))?;
            removed.push(backup.id);
        }
        Ok(removed)
    }

    /// Replaces the journal's content with a backup, after checking that the
    /// backup is a healthy Praxis journal this version can read, and after
    /// backing up the current content (so a restore can itself be undone).
    pub fn restore_backup(&self, id: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
        let backup =
            self.list_backups()?.into_iter().find(|b| b.id == id).ok_or_else(|| {
                Error::invalid(format!("There is no backup \"{id}\". `praxis backup list` shows them."))
            })?;
        // The backup stays open from the check to the copy, so what is
        // copied is exactly what was checked, whatever happens to the file.
        let source = migrations::open_read_only(&backup.path, &self.key)?;
        let version = migrations::inspect(&source, &backup.path, &self.key)?;
        let health: String = source.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if health != "ok" {
            return Err(Error::not_a_journal(&backup.path, &self.key));
        }
        self.backup_now(BackupReason::BeforeRestore, now)?;
        let mut conn = self.lock();
        rusqlite::backup::Backup::new(&source, &mut conn)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        // A fresh connection: the old one's cached statements and full-text
        // tables describe the content that was just replaced.
        *conn = super::open_connection(&self.path, &self.key)?;
        migrations::migrate(&mut conn, version)?;
        Ok(backup)
    }
}

fn is_healthy(path: &Path, key: &DatabaseKey) -> bool {
    migrations::open_read_only(path, key)
        .ok()
        .and_then(|conn| {
            migrations::inspect(&conn, path, key).ok()?;
            conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)).ok()
        })
        .is_some_and(|result| result == "ok")
}

fn backups_beside(database: &Path, key: &DatabaseKey) -> Vec<BackupInfo> {
    let Ok(read) = std::fs::read_dir(backup_dir(database)) else {
        return Vec::new();
    };
    let mut backups: Vec<BackupInfo> = read.filter_map(|e| e.ok()).filter_map(|e| describe(&e.path(), key)).collect();
    backups.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.id.cmp(&a.id)));
    backups
}

/// The newest backup beside `database` that is a healthy journal `key` opens.
pub fn newest_healthy_backup(database: &Path, key: &DatabaseKey) -> Option<BackupInfo> {
    backups_beside(database, key).into_iter().find(|b| is_healthy(&b.path, key))
}

/// Encrypts, in place, the backups an earlier Praxis wrote in plaintext.
pub(crate) fn encrypt_plaintext_backups(database: &Path, key: &DatabaseKey) -> Result<()> {
    let Ok(read) = std::fs::read_dir(backup_dir(database)) else {
        return Ok(());
    };
    for path in read.filter_map(|e| e.ok()).map(|e| e.path()) {
        let is_backup = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(SUFFIX));
        if is_backup && cipher::is_plaintext(&path) {
            cipher::encrypt_in_place(&path, key)?;
        }
    }
    Ok(())
}

/// Re-encrypts every backup beside `database` from `old` to `new`. Backups
/// `old` does not open (damaged ones) are left as they are.
pub(crate) fn reencrypt_backups(database: &Path, old: &DatabaseKey, new: &DatabaseKey) -> Result<()> {
    let Ok(read) = std::fs::read_dir(backup_dir(database)) else {
        return Ok(());
    };
    for path in read.filter_map(|e| e.ok()).map(|e| e.path()) {
        let is_backup = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(SUFFIX));
        if is_backup && cipher::key_opens_file(&path, old) {
            cipher::reencrypt_in_place(&path, old, new)?;
        }
    }
    Ok(())
}

/// Puts a backup in place of a journal that cannot be opened. The damaged
/// file (with its WAL and shared-memory files) is moved, not overwritten,
/// into `damaged-<time>/` beside it. Returns that folder.
pub fn restore_over_damaged(database: &Path, id: &str, key: &DatabaseKey, now: DateTime<Utc>) -> Result<PathBuf> {
    let backup = backups_beside(database, key)
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| Error::invalid(format!("There is no backup \"{id}\". `praxis backup list` shows them.")))?;
    if !is_healthy(&backup.path, key) {
        return Err(Error::not_a_journal(&backup.path, key));
    }
    let parent = database.parent().unwrap_or(Path::new("."));
    let aside = parent.join(format!("damaged-{}", now.format(STAMP)));
    std::fs::create_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = database.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        let from = parent.join(&name);
        if from.exists() {
            std::fs::rename(&from, aside.join(&name)).map_err(|e| Error::io(&from, e))?;
        }
    }
    let source = migrations::open_read_only(&backup.path, key)?;
    let name = database.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let placed = snapshot(&source, parent, name.strip_suffix(SUFFIX).unwrap_or(&name))?;
    debug_assert_eq!(placed, database);
    Ok(aside)
}
