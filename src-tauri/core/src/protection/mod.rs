//! How a journal is protected and opened: which key opens it, where that key
//! lives, and the record (`protection.json`, beside the database) that says
//! so. The record holds no secret in the clear: the journal's id (which
//! names its keychain item), the method (keychain, passphrase or key file),
//! the passphrase's Argon2id salt and settings, a short fingerprint of the
//! key that tells a wrong key from a damaged file, and — only while a key
//! change is under way or unconfirmed — each key sealed with the other
//! (see [`rotation`]).
//!
//! Rules kept here:
//! - a new journal gets a random 256-bit key, stored in the keychain; where
//!   no keychain answers, the person chooses a passphrase instead — a key is
//!   never put in a plain file;
//! - an existing journal is never replaced: a missing keychain item or a
//!   wrong key is an error that offers the recovery key, and a missing,
//!   empty or foreign file in a folder that held a journal is refused, never
//!   replaced by a new journal (see [`folder::traces`]);
//! - every open first finishes or undoes whatever change of the folder's
//!   files was interrupted (a key rotation, a restore), holding the folder
//!   lock exclusively, and then holds it shared for as long as the journal
//!   is open;
//! - the recovery key is shown until the person confirms they kept it.

pub mod rotation;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::folder::{self, FolderLock};
use crate::interchange::export::write_bytes_atomically;
use crate::keys::{check_new_passphrase, DatabaseKey, KeyStore, PassphraseKdf, RecoveryKey};
use crate::store::{backup, cipher};
use crate::{paths, Journal};

pub use rotation::{rotate_key, NewKey};

/// The record's file name inside the data folder.
pub const PROTECTION_FILE: &str = "protection.json";

/// Where the key of a journal comes from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A random key held by the operating system's keychain.
    Keychain,
    /// A key derived from a passphrase the person types (no keychain).
    Passphrase,
    /// A key given explicitly by a file (scripts and tests).
    KeyFile,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Record {
    format: String,
    version: u32,
    pub(crate) journal_id: String,
    pub(crate) method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) kdf: Option<PassphraseKdf>,
    pub(crate) key_fingerprint: String,
    /// A key rotation under way (see [`rotation`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) rotation: Option<rotation::Rotation>,
    /// The key before the last rotation, still accepted until the person
    /// confirms the new recovery key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) previous: Option<rotation::Previous>,
    /// Written by earlier versions while a keychain rotation was under way;
    /// read, finished and never written again.
    #[serde(default, skip_serializing)]
    pub(crate) next_fingerprint: Option<String>,
    pub(crate) recovery_key_confirmed: bool,
}

const RECORD_FORMAT: &str = "praxis-protection";

/// How the caller asks to open the journal.
pub enum Unlock {
    /// With the key in the keychain (or, for a new journal, a new key put there).
    Keychain,
    /// With a passphrase (for a new journal: the one chosen).
    Passphrase(SecretString),
    /// With the recovery key the person wrote down; the key goes back into
    /// the keychain where there is one.
    RecoveryKey(SecretString),
    /// With a key given by a file (`--key-file`).
    KeyFile(DatabaseKey),
}

/// An opened journal and what the person must be told about it.
pub struct Opened {
    pub journal: Journal,
    pub method: Method,
    /// Set until the person confirms they kept it: show it, once per start.
    pub recovery_key: Option<RecoveryKey>,
    /// The secret given was the one from before the last key change (still
    /// accepted until the new recovery key is confirmed).
    pub with_previous_secret: bool,
    /// The quick check on open found damage: the journal is open read-only.
    pub damaged: bool,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").field("method", &self.method).finish_non_exhaustive()
    }
}

fn record_path(data_dir: &Path) -> PathBuf {
    data_dir.join(PROTECTION_FILE)
}

pub(crate) fn read_record(data_dir: &Path) -> Result<Option<Record>> {
    let path = record_path(data_dir);
    match std::fs::read(&path) {
        Ok(bytes) => {
            let record: Record = serde_json::from_slice(&bytes).map_err(|_| {
                Error::invalid(format!(
                    "{} is damaged. Move it aside and open the journal with your recovery key.",
                    path.display()
                ))
            })?;
            if record.format != RECORD_FORMAT || record.version != 1 {
                return Err(Error::unsupported(format!(
                    "{} was written by a newer Praxis. Update Praxis to open this journal.",
                    path.display()
                )));
            }
            Ok(Some(record))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

pub(crate) fn write_record(data_dir: &Path, record: &Record) -> Result<()> {
    let text = serde_json::to_vec_pretty(record).map_err(|e| Error::invalid(e.to_string()))?;
    write_bytes_atomically(&record_path(data_dir), &text)
}

/// The keychain account that holds a journal's key.
pub(crate) fn account(journal_id: &str) -> String {
    format!("database-key:{journal_id}")
}

/// The keychain account that holds the new key while a rotation is under way.
pub(crate) fn next_account(journal_id: &str) -> String {
    format!("database-key-next:{journal_id}")
}

pub(crate) fn load_key(keystore: &dyn KeyStore, account: &str) -> Result<Option<DatabaseKey>> {
    match keystore.load(account) {
        Ok(Some(hex)) => DatabaseKey::from_hex(hex.expose_secret()).map(Some),
        Ok(None) => Ok(None),
        Err(_) => Err(Error::KeyMissing),
    }
}

pub(crate) fn new_record(method: Method, kdf: Option<PassphraseKdf>, key: &DatabaseKey) -> Record {
    Record {
        format: RECORD_FORMAT.into(),
        version: 1,
        journal_id: uuid::Uuid::new_v4().to_string(),
        method,
        kdf,
        key_fingerprint: key.fingerprint(),
        rotation: None,
        previous: None,
        next_fingerprint: None,
        recovery_key_confirmed: false,
    }
}

/// Chooses the key for a journal that has none yet (new, or plaintext from
/// an earlier Praxis) and records it. The keychain is tried first; where it
/// does not answer, [`Error::PassphraseNeeded`] asks the caller for one.
fn provide_key(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<(DatabaseKey, Record)> {
    let (key, record) = match unlock {
        Unlock::Keychain => {
            let key = DatabaseKey::generate()?;
            let record = new_record(Method::Keychain, None, &key);
            keystore.store(&account(&record.journal_id), &key.to_hex()).map_err(|_| Error::PassphraseNeeded)?;
            (key, record)
        }
        Unlock::Passphrase(passphrase) => {
            check_new_passphrase(passphrase)?;
            let kdf = PassphraseKdf::new_random()?;
            let key = kdf.derive(passphrase)?;
            let record = new_record(Method::Passphrase, Some(kdf), &key);
            (key, record)
        }
        Unlock::KeyFile(key) => (key.clone(), new_record(Method::KeyFile, None, key)),
        Unlock::RecoveryKey(_) => {
            return Err(Error::not_found(
                "There is no journal in this folder to open with a recovery key. Check the data folder.",
            ))
        }
    };
    write_record(data_dir, &record)?;
    Ok((key, record))
}

/// What the journal's database file is, looked at without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    Missing,
    /// 0 bytes: SQLite would take it for a new, empty database.
    Empty,
    /// An unencrypted SQLite database: a journal from a Praxis before
    /// encryption, an empty database, or another program's.
    Plaintext,
    Encrypted,
}

fn file_state(database: &Path) -> Result<FileState> {
    match std::fs::metadata(database) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(FileState::Missing),
        Err(err) => Err(Error::io(database, err)),
        Ok(meta) if meta.len() == 0 => Ok(FileState::Empty),
        Ok(_) if cipher::is_plaintext(database) => Ok(FileState::Plaintext),
        Ok(_) => Ok(FileState::Encrypted),
    }
}

/// The largest journal the check on open reads whole (SQLite's quick
/// check): it finds damage in a journal of a few hundred entries before the
/// first command runs, at a cost of a few milliseconds. A larger journal is
/// checked whole by the window's background check and by `praxis check`; on
/// open it is read only as far as opening needs.
const CHECK_ON_OPEN_MAX_BYTES: u64 = 2 * 1024 * 1024;

/// Opens the journal in `data_dir`, creating an encrypted one if there is
/// none and encrypting a plaintext one from an earlier Praxis in place.
/// First finishes whatever change of the folder's files was interrupted.
///
/// Errors, each leaving every file as it was: [`Error::KeyMissing`] (no key
/// in the keychain: ask for the recovery key), [`Error::PassphraseNeeded`]
/// (no keychain, or a passphrase journal: ask for the passphrase),
/// [`Error::WrongKey`], [`Error::WrongPassphrase`],
/// [`Error::InvalidRecoveryKey`], [`Error::Damaged`] (the right key, a
/// damaged file), [`Error::JournalMissing`] (the folder held a journal that
/// is not there), [`Error::Busy`], [`Error::DiskFull`], and those of
/// [`Journal::open`].
pub fn open_journal(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<Opened> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let lock = settle_folder(data_dir, unlock, keystore)?;
    let database = paths::database_path(data_dir);
    let state = file_state(&database)?;
    let plaintext_kind = match state {
        // Refuse a too-new or foreign file before any key is made for it.
        FileState::Plaintext => Some(Journal::inspect_plaintext(&database)?),
        _ => None,
    };
    let fresh = matches!(state, FileState::Missing | FileState::Empty) || plaintext_kind == Some(0);
    if fresh {
        // What shows that a journal lived here. A key record alone counts
        // once its recovery key was confirmed: before that, it is a first
        // start that was interrupted, and the same key is used again.
        let mut traces = folder::traces(data_dir);
        if read_record(data_dir)?.is_some_and(|r| r.recovery_key_confirmed) {
            traces.insert(0, format!("its key record {PROTECTION_FILE}"));
        }
        if !traces.is_empty() {
            let what = match state {
                FileState::Missing => "missing",
                FileState::Empty => "empty (0 bytes)",
                _ => "an empty database",
            };
            return Err(Error::JournalMissing { path: database, what, evidence: traces.join(", ") });
        }
    }

    let (key, record, with_previous_secret) = match (state, read_record(data_dir)?) {
        // A new journal, or an earlier Praxis's plaintext one: a new key.
        (FileState::Missing | FileState::Empty | FileState::Plaintext, None) => {
            let (key, record) = provide_key(data_dir, unlock, keystore)?;
            crate::failpoint::hit("open:key-recorded");
            (key, Some(record), false)
        }
        // A new journal whose first start was interrupted after its key was
        // chosen, or an encryption in place interrupted: the same key again.
        _ => key_and_record(data_dir, unlock, keystore)?,
    };
    let known = record.is_some();
    let journal = match Journal::open(&database, &key) {
        Ok(journal) => journal,
        // The right key that no longer opens the file: the file is damaged.
        Err(Error::WrongKey) if known => return Err(Error::Damaged { path: database }),
        Err(Error::WrongKey) if matches!(unlock, Unlock::Passphrase(_)) => return Err(Error::WrongPassphrase),
        Err(err) => return Err(err),
    };

    let record = match (record, unlock) {
        (Some(record), Unlock::RecoveryKey(_)) if record.method == Method::Keychain => {
            // Put the key back where it belongs; if the keychain still
            // cannot take it, the journal opens for this session only.
            let _ = keystore.store(&account(&record.journal_id), &key.to_hex());
            record
        }
        (Some(record), _) => record,
        (None, unlock) => {
            // A database without its record (copied alone): record it anew.
            let method = match unlock {
                Unlock::KeyFile(_) => Method::KeyFile,
                _ => Method::Keychain,
            };
            let mut record = new_record(method, None, &key);
            record.recovery_key_confirmed = true;
            if method == Method::Keychain {
                let _ = keystore.store(&account(&record.journal_id), &key.to_hex());
            }
            write_record(data_dir, &record)?;
            record
        }
    };
    let recovery_key = (!record.recovery_key_confirmed).then(|| key.recovery_key());
    let small = std::fs::metadata(&database).is_ok_and(|m| m.len() <= CHECK_ON_OPEN_MAX_BYTES);
    let (journal, damaged) = match small.then(|| journal.quick_check_on_open()) {
        Some(Ok(false)) => {
            drop(journal);
            (Journal::open_read_only(&database, &key)?, true)
        }
        _ => (journal, false),
    };
    let journal = journal.holding(lock);
    Ok(Opened { journal, method: record.method, recovery_key, with_previous_secret, damaged })
}

/// Finishes or undoes whatever change of the folder's files was
/// interrupted, with the folder lock held exclusively, removes what it left
/// behind, then returns the shared lock an open journal holds.
fn settle_folder(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<FolderLock> {
    let started = Instant::now();
    loop {
        if let Some(exclusive) = FolderLock::try_exclusive(data_dir)? {
            finish_interrupted(data_dir, unlock, keystore)?;
            folder::remove_leftovers(data_dir, &exclusive);
        }
        let shared = FolderLock::shared(data_dir)?;
        if !is_pending(data_dir)? {
            return Ok(shared);
        }
        // Another process holds the folder too and has not finished it yet.
        drop(shared);
        if started.elapsed() > Duration::from_secs(10) {
            return Err(Error::Busy);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether a change of the folder's files is waiting to be finished.
fn is_pending(data_dir: &Path) -> Result<bool> {
    let rotating = read_record(data_dir)?.is_some_and(|r| r.rotation.is_some() || r.next_fingerprint.is_some());
    Ok(rotating || backup::restore_pending(data_dir))
}

/// Finishes the interrupted changes: a restore (which needs no key), then a
/// key rotation (which needs the old secret or the new one).
fn finish_interrupted(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<()> {
    backup::finish_restore(data_dir)?;
    rotation::finish_interrupted(data_dir, unlock, keystore)
}

/// The key of the existing, encrypted journal in `data_dir`, checked against
/// the journal's record (a wrong key is refused before it is tried on any
/// file). Used to open the journal, and to restore a backup over a journal
/// too damaged to open.
pub fn find_key(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<DatabaseKey> {
    key_and_record(data_dir, unlock, keystore).map(|(key, _, _)| key)
}

/// [`find_key`], with the record, and whether the secret given was the one
/// from before the last key change.
fn key_and_record(
    data_dir: &Path,
    unlock: &Unlock,
    keystore: &dyn KeyStore,
) -> Result<(DatabaseKey, Option<Record>, bool)> {
    let record = read_record(data_dir)?;
    let wrong = || match unlock {
        Unlock::Passphrase(_) => Error::WrongPassphrase,
        _ => Error::WrongKey,
    };
    let key = match unlock {
        Unlock::KeyFile(key) => key.clone(),
        Unlock::RecoveryKey(text) => RecoveryKey::parse(text.expose_secret())?,
        Unlock::Passphrase(passphrase) => {
            let not_by_passphrase =
                || Error::conflict("This journal is not opened with a passphrase. Use your recovery key instead.");
            let r = record.as_ref().ok_or_else(not_by_passphrase)?;
            let current = r.kdf.as_ref().map(|kdf| kdf.derive(passphrase)).transpose()?;
            match current {
                Some(key) if key.fingerprint() == r.key_fingerprint => key,
                // Perhaps the passphrase from before the last change.
                other => match r.previous.as_ref().map(|p| p.derive(passphrase)).transpose()?.flatten() {
                    Some(key) => key,
                    None => other.ok_or_else(not_by_passphrase)?,
                },
            }
        }
        Unlock::Keychain => match &record {
            None => return Err(Error::KeyMissing),
            Some(r) if r.method == Method::Passphrase => return Err(Error::PassphraseNeeded),
            Some(r) if r.method == Method::KeyFile => return Err(Error::KeyMissing),
            Some(r) => match load_key(keystore, &account(&r.journal_id))? {
                Some(key) if key.fingerprint() == r.key_fingerprint => key,
                // A rotation finished where the keychain could not take the
                // new key: it waits in the second item.
                main => match load_key(keystore, &next_account(&r.journal_id))? {
                    Some(next) if next.fingerprint() == r.key_fingerprint => {
                        let _ = keystore.store(&account(&r.journal_id), &next.to_hex());
                        next
                    }
                    _ => main.ok_or(Error::KeyMissing)?,
                },
            },
        },
    };
    let Some(r) = &record else {
        return Ok((key, record, false));
    };
    if r.key_fingerprint == key.fingerprint() {
        return Ok((key, record, false));
    }
    // The secret from before the last key change, until the new recovery
    // key is confirmed: it unseals the current key.
    match r.previous.as_ref().and_then(|p| p.unseal(&key, &r.journal_id)) {
        Some(current) if current.fingerprint() == r.key_fingerprint => Ok((current, record, true)),
        _ => Err(wrong()),
    }
}

/// Records that the person has kept the recovery key: it is not shown
/// again, and the secret from before the last key change stops working.
pub fn confirm_recovery_key(data_dir: &Path) -> Result<()> {
    if let Some(mut record) = read_record(data_dir)? {
        if record.recovery_key_confirmed && record.previous.is_none() {
            return Ok(());
        }
        record.recovery_key_confirmed = true;
        record.previous = None;
        write_record(data_dir, &record)?;
    }
    Ok(())
}

/// How the journal in `data_dir` is protected, if it has been set up.
pub fn method(data_dir: &Path) -> Result<Option<Method>> {
    Ok(read_record(data_dir)?.map(|r| r.method))
}

/// The fingerprint of the key that opens the journal in `data_dir` now, if
/// it has been set up (not secret).
pub fn key_fingerprint(data_dir: &Path) -> Result<Option<String>> {
    Ok(read_record(data_dir)?.map(|r| r.key_fingerprint))
}

/// What a failed attempt to open the journal in `data_dir` tells the access
/// machine: a needed passphrase is one to choose when no encrypted journal
/// is there yet (a new journal, or a plaintext one from an earlier Praxis).
pub fn failed_attempt<J>(data_dir: &Path, error: Error) -> crate::access::Event<J> {
    let database = paths::database_path(data_dir);
    let unencrypted =
        matches!(error, Error::PassphraseNeeded) && (!database.exists() || cipher::is_plaintext(&database));
    crate::access::Event::Failed { error, unencrypted }
}

/// The newest backup beside the journal in `data_dir` that the journal's
/// own key opens and that is healthy: what to offer when the journal itself
/// cannot be opened. The key is found as for opening (and checked against
/// the record), so a backup is never probed with a key that is not the
/// journal's.
pub fn newest_backup(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Option<crate::BackupInfo> {
    let key = find_key(data_dir, unlock, keystore).ok()?;
    backup::newest_healthy_backup(&paths::database_path(data_dir), &key)
}

/// Starts a new, empty journal in a folder that held one, by the person's
/// explicit choice: everything of the earlier journal (its file if any, its
/// key record, its backups) is moved, never deleted, into `previous-<time>/`.
/// Returns that folder. Refused while the journal is open anywhere.
pub fn set_earlier_journal_aside(data_dir: &Path, stamp: &str) -> Result<PathBuf> {
    let _lock = FolderLock::try_exclusive(data_dir)?.ok_or(Error::Busy)?;
    let aside = data_dir.join(format!("previous-{stamp}"));
    std::fs::create_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
    let database = paths::database_path(data_dir);
    let mut names: Vec<std::ffi::OsString> = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = database.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        names.push(name);
    }
    names.push(PROTECTION_FILE.into());
    names.push("backups".into());
    for name in names {
        let from = data_dir.join(&name);
        if from.exists() {
            std::fs::rename(&from, aside.join(&name)).map_err(|e| Error::io(&from, e))?;
        }
    }
    if let Ok(read) = std::fs::read_dir(data_dir) {
        for entry in read.filter_map(|e| e.ok()) {
            if entry.file_name().to_string_lossy().starts_with("damaged-") {
                let _ = std::fs::rename(entry.path(), aside.join(entry.file_name()));
            }
        }
    }
    Ok(aside)
}

/// Opens the journal at `database` read-only (for a damaged file: its
/// intact parts stay readable while nothing can write to it), holding the
/// folder's shared lock like any open journal.
pub fn open_read_only(database: &Path, key: &DatabaseKey) -> Result<Journal> {
    let data_dir = database.parent().unwrap_or(Path::new("."));
    let lock = FolderLock::shared(data_dir)?;
    Ok(Journal::open_read_only(database, key)?.holding(lock))
}
