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
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
    // Two backups in the same second get the next free name: a backup is
    // never written over.
    let (name, target) = (1..)
        .map(|n| if n == 1 { name.to_owned() } else { format!("{name}-{n}") })
        .map(|name| {
            let target = dir.join(format!("{name}{SUFFIX}"));
            (name, target)
        })
        .find(|(_, target)| !target.exists())
        .expect("some name is free");
    let name = name.as_str();
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
        let backup = self
            .list_backups()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| Error::not_found(format!("There is no backup \"{id}\".")))?;
        // The backup stays open from the check to the copy, so what is
        // copied is exactly what was checked, whatever happens to the file.
        let source = migrations::open_read_only(&backup.path, &self.key)?;
        let version = migrations::inspect(&source, &backup.path)?;
        let health: String = source.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if health != "ok" {
            return Err(Error::Damaged { path: backup.path });
        }
        // A journal that cannot be read or written whole is damaged: it is
        // not restored over in place but moved aside (`restore_over_damaged`,
        // which the callers use on `Error::Damaged`). The copy is one write
        // transaction: if it fails, the journal is as it was.
        let damaged_or = |err: Error| match self.quick_check() {
            Ok(false) => Error::Damaged { path: self.path.clone() },
            _ => err,
        };
        self.backup_now(BackupReason::BeforeRestore, now).map_err(damaged_or)?;
        let copied = (|| -> Result<()> {
            let mut conn = self.lock();
            rusqlite::backup::Backup::new(&source, &mut conn)?.run_to_completion(
                1024,
                std::time::Duration::ZERO,
                None,
            )?;
            // A fresh connection: the old one's cached statements and full-text
            // tables describe the content that was just replaced.
            *conn = super::open_connection(&self.path, &self.key)?;
            migrations::migrate(&mut conn, version)?;
            Ok(())
        })();
        self.forget_searcher();
        copied.map_err(damaged_or)?;
        Ok(backup)
    }
}

fn is_healthy(path: &Path, key: &DatabaseKey) -> bool {
    // (A backup the key does not open is not this journal's: not healthy.)
    migrations::open_read_only(path, key)
        .ok()
        .and_then(|conn| {
            migrations::inspect(&conn, path).ok()?;
            conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)).ok()
        })
        .is_some_and(|result| result == "ok")
}

/// The backups beside the journal at `database`, newest first, described
/// with `key` (a backup `key` does not open shows no entry count).
pub fn backups_beside(database: &Path, key: &DatabaseKey) -> Vec<BackupInfo> {
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

/// Re-encrypts every backup beside `database` from `old` to `new`, one at a
/// time. Backups `old` does not open (damaged ones, or those already under
/// `new` after an interruption) are left as they are.
pub(crate) fn reencrypt_backups(database: &Path, old: &DatabaseKey, new: &DatabaseKey) -> Result<()> {
    let Ok(read) = std::fs::read_dir(backup_dir(database)) else {
        return Ok(());
    };
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let is_backup = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(SUFFIX));
        // A damaged backup is not this rotation's to judge: it stays as it is.
        if is_backup && cipher::key_opens_file(&path, old).unwrap_or(false) {
            cipher::reencrypt_in_place(&path, old, new)?;
            crate::failpoint::hit("rotate:backup-rekeyed");
        }
    }
    Ok(())
}

/// The intent of a restore over a journal that cannot be opened, written
/// before any file moves (see [`restore_over_damaged`]).
const RESTORE_INTENT: &str = "restoring.json";

#[derive(Debug, Serialize, serde::Deserialize)]
struct RestoreIntent {
    format: String,
    backup: String,
    /// The folder, beside the journal, the damaged file is moved into.
    aside: String,
}

/// The complete copy of the backup, waiting to be put in the journal's place.
fn restore_copy(database: &Path) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_os_string();
    name.push(".restoring");
    database.with_file_name(name)
}

fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Puts a backup in place of a journal that cannot be opened (damaged,
/// missing, empty or another program's file). A journaled change, so that
/// an interruption at any step leaves the journal as it was or the backup
/// in its place, never nothing:
///
/// 1. the folder lock is taken exclusively (refused as busy otherwise);
/// 2. the intent (`restoring.json`: which backup, where the damaged file
///    goes) is written;
/// 3. a complete copy of the backup is written beside the journal
///    (`journal.sqlite3.restoring`, under a temporary name until synced);
/// 4. the damaged file, its WAL and shared-memory files are moved, never
///    written over, into `damaged-<time>/`;
/// 5. the copy is renamed into the journal's place, and the intent removed.
///
/// Every open finishes steps 4–5 if the copy is complete, and otherwise
/// undoes 2–3 ([`finish_restore`]). Returns the folder the damaged file was
/// moved into, if there was one to move.
pub fn restore_over_damaged(
    data_dir: &Path,
    id: &str,
    key: &DatabaseKey,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>> {
    let _lock = crate::folder::FolderLock::exclusive(data_dir)?;
    finish_restore(data_dir)?;
    let database = crate::paths::database_path(data_dir);
    let backup = backups_beside(&database, key).into_iter().find(|b| b.id == id).ok_or_else(|| {
        Error::not_found(format!("There is no backup \"{id}\" that this key opens. Nothing was changed."))
    })?;
    if !is_healthy(&backup.path, key) {
        return Err(Error::Damaged { path: backup.path });
    }
    let aside = format!("damaged-{}", now.format(STAMP));
    let intent = RestoreIntent { format: "praxis-restore".into(), backup: id.to_owned(), aside: aside.clone() };
    let text = serde_json::to_vec_pretty(&intent).map_err(|e| Error::invalid(e.to_string()))?;
    crate::interchange::export::write_bytes_atomically(&data_dir.join(RESTORE_INTENT), &text)?;
    crate::failpoint::hit("restore:intent-written");

    let copy = restore_copy(&database);
    let partial = data_dir.join(".journal.sqlite3.restoring.partial");
    let _ = std::fs::remove_file(&partial);
    let written = (|| -> Result<()> {
        let source = migrations::open_read_only(&backup.path, key)?;
        let path_text = partial.to_str().ok_or_else(|| Error::invalid("The data folder's path is not valid text."))?;
        source
            .execute("VACUUM INTO :path", named_params! { ":path": path_text })
            .map_err(|e| super::about_file(e.into(), &partial))?;
        crate::failpoint::hit("restore:copy-partly-written");
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, &copy).map_err(|e| Error::io(&copy, e))?;
        sync_dir(data_dir);
        Ok(())
    })();
    if let Err(err) = written {
        // Nothing was moved yet: undo the intent, the journal is as it was.
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(data_dir.join(RESTORE_INTENT));
        return Err(err);
    }
    crate::failpoint::hit("restore:copy-written");
    let had_file = database.exists();
    finish_restore(data_dir)?;
    Ok(had_file.then(|| data_dir.join(aside)))
}

/// Whether a restore over a damaged journal was interrupted.
pub(crate) fn restore_pending(data_dir: &Path) -> bool {
    data_dir.join(RESTORE_INTENT).exists()
}

/// Finishes an interrupted [`restore_over_damaged`] (its copy is complete)
/// or undoes it (it is not; the journal was not touched yet). Needs no key.
/// Call with the folder lock held exclusively.
pub(crate) fn finish_restore(data_dir: &Path) -> Result<()> {
    let intent_path = data_dir.join(RESTORE_INTENT);
    let intent: Option<RestoreIntent> = match std::fs::read(&intent_path) {
        Ok(bytes) => serde_json::from_slice(&bytes).ok(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(Error::io(&intent_path, err)),
    };
    let database = crate::paths::database_path(data_dir);
    let copy = restore_copy(&database);
    match intent {
        Some(intent) if copy.exists() => {
            let aside = data_dir.join(&intent.aside);
            for suffix in ["-wal", "-shm", ""] {
                let mut name = database.file_name().unwrap_or_default().to_os_string();
                name.push(suffix);
                let from = data_dir.join(&name);
                if from.exists() {
                    std::fs::create_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
                    std::fs::rename(&from, aside.join(&name)).map_err(|e| Error::io(&from, e))?;
                    sync_dir(&aside);
                }
            }
            crate::failpoint::hit("restore:damaged-moved");
            std::fs::rename(&copy, &database).map_err(|e| Error::io(&database, e))?;
            sync_dir(data_dir);
            crate::failpoint::hit("restore:copy-placed");
        }
        // The copy never became complete: nothing was moved, undo.
        _ => {
            let _ = std::fs::remove_file(data_dir.join(".journal.sqlite3.restoring.partial"));
            let _ = std::fs::remove_file(&copy);
        }
    }
    std::fs::remove_file(&intent_path).map_err(|e| Error::io(&intent_path, e))?;
    sync_dir(data_dir);
    Ok(())
}
