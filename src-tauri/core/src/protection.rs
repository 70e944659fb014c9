//! How a journal is protected and opened: which key opens it, where that key
//! lives, and the record (`protection.json`, beside the database) that says
//! so. The record holds no secret: the journal's id (which names its keychain
//! item), the method (keychain, passphrase or key file), the passphrase's
//! Argon2id salt and settings, and a short fingerprint of the key that tells
//! a wrong key from a damaged file.
//!
//! Rules kept here:
//! - a new journal gets a random 256-bit key, stored in the keychain; where
//!   no keychain answers, the person chooses a passphrase instead — a key is
//!   never put in a plain file;
//! - an existing journal is never replaced: a missing keychain item or a
//!   wrong key is an error that offers the recovery key, and the file stays
//!   exactly as it was;
//! - the recovery key is shown until the person confirms they kept it.

use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::interchange::export::write_bytes_atomically;
use crate::keys::{check_new_passphrase, DatabaseKey, KeyStore, PassphraseKdf, RecoveryKey};
use crate::store::{backup, cipher};
use crate::{paths, Journal};

/// The record's file name inside the data folder.
pub const PROTECTION_FILE: &str = "protection.json";

/// Where the key of a journal comes from.
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
struct Record {
    format: String,
    version: u32,
    journal_id: String,
    method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf: Option<PassphraseKdf>,
    key_fingerprint: String,
    /// A key rotation in progress: the new key's fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    next_fingerprint: Option<String>,
    recovery_key_confirmed: bool,
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
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").field("method", &self.method).finish_non_exhaustive()
    }
}

fn record_path(data_dir: &Path) -> PathBuf {
    data_dir.join(PROTECTION_FILE)
}

fn read_record(data_dir: &Path) -> Result<Option<Record>> {
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
                return Err(Error::invalid(format!(
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

fn write_record(data_dir: &Path, record: &Record) -> Result<()> {
    let text = serde_json::to_vec_pretty(record).map_err(|e| Error::invalid(e.to_string()))?;
    write_bytes_atomically(&record_path(data_dir), &text)
}

/// The keychain account that holds a journal's key.
fn account(journal_id: &str) -> String {
    format!("database-key:{journal_id}")
}

fn next_account(journal_id: &str) -> String {
    format!("database-key-next:{journal_id}")
}

fn load_key(keystore: &dyn KeyStore, account: &str) -> Result<Option<DatabaseKey>> {
    match keystore.load(account) {
        Ok(Some(hex)) => DatabaseKey::from_hex(hex.expose_secret()).map(Some),
        Ok(None) => Ok(None),
        Err(_) => Err(Error::KeyMissing),
    }
}

fn new_record(method: Method, kdf: Option<PassphraseKdf>, key: &DatabaseKey) -> Record {
    Record {
        format: RECORD_FORMAT.into(),
        version: 1,
        journal_id: uuid::Uuid::new_v4().to_string(),
        method,
        kdf,
        key_fingerprint: key.fingerprint(),
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
            return Err(Error::invalid(
                "There is no journal in this folder to open with a recovery key. Check the data folder.",
            ))
        }
    };
    write_record(data_dir, &record)?;
    Ok((key, record))
}

/// Opens the journal in `data_dir`, creating an encrypted one if there is
/// none and encrypting a plaintext one from an earlier Praxis in place.
///
/// Errors, each leaving every file as it was: [`Error::KeyMissing`] (no key
/// in the keychain: ask for the recovery key), [`Error::PassphraseNeeded`]
/// (no keychain, or a passphrase journal: ask for the passphrase),
/// [`Error::WrongKey`], [`Error::WrongPassphrase`],
/// [`Error::InvalidRecoveryKey`], and those of [`Journal::open`].
pub fn open_journal(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<Opened> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let database = paths::database_path(data_dir);
    if !database.exists() || cipher::is_plaintext(&database) {
        if database.exists() {
            // Refuse a too-new or foreign file before any key is made for it.
            Journal::inspect_plaintext(&database)?;
        }
        let (key, record) = provide_key(data_dir, unlock, keystore)?;
        let journal = Journal::open(&database, &key)?;
        return Ok(Opened { journal, method: record.method, recovery_key: Some(key.recovery_key()) });
    }

    let (key, record) = key_and_record(data_dir, unlock, keystore)?;
    let known = record.as_ref().map(|r| r.key_fingerprint.clone());
    let journal = match Journal::open(&database, &key) {
        Ok(journal) => journal,
        // The right key that no longer opens the file: the file is damaged.
        Err(Error::WrongKey) if known.is_some() => return Err(Error::not_a_journal(&database, &key)),
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
    Ok(Opened { journal, method: record.method, recovery_key })
}

/// The key of the existing, encrypted journal in `data_dir`, checked against
/// the journal's record (a wrong key is refused before it is tried on any
/// file). Used to open the journal, and to restore a backup over a journal
/// too damaged to open.
pub fn find_key(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<DatabaseKey> {
    key_and_record(data_dir, unlock, keystore).map(|(key, _)| key)
}

/// [`find_key`], with the record as it is after the key was found.
fn key_and_record(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<(DatabaseKey, Option<Record>)> {
    let record = read_record(data_dir)?;
    let key = match unlock {
        Unlock::KeyFile(key) => key.clone(),
        Unlock::RecoveryKey(text) => RecoveryKey::parse(text.expose_secret())?,
        Unlock::Passphrase(passphrase) => match record.as_ref().and_then(|r| r.kdf.as_ref()) {
            Some(kdf) => kdf.derive(passphrase)?,
            None => {
                return Err(Error::invalid(
                    "This journal is not opened with a passphrase. Use your recovery key instead.",
                ))
            }
        },
        Unlock::Keychain => match &record {
            None => return Err(Error::KeyMissing),
            Some(r) if r.method == Method::Passphrase => return Err(Error::PassphraseNeeded),
            Some(r) if r.method == Method::KeyFile => return Err(Error::KeyMissing),
            Some(r) => keychain_key(data_dir, r, keystore)?,
        },
    };
    // Read again only if finding the key finished an interrupted rotation.
    let record = match &record {
        Some(r) if r.next_fingerprint.is_some() => read_record(data_dir)?,
        _ => record,
    };
    if record.as_ref().is_some_and(|r| r.key_fingerprint != key.fingerprint()) {
        return Err(match unlock {
            Unlock::Passphrase(_) => Error::WrongPassphrase,
            _ => Error::WrongKey,
        });
    }
    Ok((key, record))
}

/// The key in the keychain for `record`, finishing a rotation that a crash
/// interrupted (the new key is stored under a second account first).
fn keychain_key(data_dir: &Path, record: &Record, keystore: &dyn KeyStore) -> Result<DatabaseKey> {
    let current = load_key(keystore, &account(&record.journal_id))?;
    if let Some(key) = &current {
        if key.fingerprint() == record.key_fingerprint && record.next_fingerprint.is_none() {
            return Ok(key.clone());
        }
    }
    let next = load_key(keystore, &next_account(&record.journal_id))?;
    match (current, next) {
        (Some(old), Some(new)) if record.next_fingerprint.as_deref() == Some(&new.fingerprint()) => {
            finish_rotation(data_dir, record, keystore, &old, &new)?;
            Ok(new)
        }
        (Some(key), _) => Ok(key),
        (None, _) => Err(Error::KeyMissing),
    }
}

fn finish_rotation(
    data_dir: &Path,
    record: &Record,
    keystore: &dyn KeyStore,
    old: &DatabaseKey,
    new: &DatabaseKey,
) -> Result<()> {
    let database = paths::database_path(data_dir);
    if cipher::key_opens_file(&database, old) {
        cipher::reencrypt_in_place(&database, old, new)?;
    }
    backup::reencrypt_backups(&database, old, new)?;
    if record.method == Method::Keychain {
        keystore.store(&account(&record.journal_id), &new.to_hex()).map_err(|_| Error::KeyMissing)?;
        let _ = keystore.delete(&next_account(&record.journal_id));
    }
    let mut done = record.clone();
    done.key_fingerprint = new.fingerprint();
    done.next_fingerprint = None;
    done.recovery_key_confirmed = false;
    write_record(data_dir, &done)
}

/// What the new key of a rotation is.
pub enum NewKey {
    /// A new random key (keychain and key-file journals).
    Random,
    /// A key from a new passphrase (passphrase journals).
    Passphrase(SecretString),
    /// This key, which the caller has already put somewhere safe (key-file
    /// journals: the new key file is written before anything changes).
    Given(DatabaseKey),
}

/// Re-encrypts the journal, its WAL and every backup under a new key, and
/// returns the reopened journal with the new recovery key (the old one no
/// longer opens anything). The journal must not be open anywhere else.
///
/// Crash-safe: the new key is stored before any file changes, each file is
/// re-encrypted into a copy that is verified before it replaces the
/// original, and an interrupted rotation is finished on the next open.
pub fn rotate_key(data_dir: &Path, journal: Journal, new_key: NewKey, keystore: &dyn KeyStore) -> Result<Opened> {
    let old = journal.key().clone();
    drop(journal);
    let mut record = match read_record(data_dir)? {
        Some(record) => record,
        None => new_record(Method::KeyFile, None, &old),
    };
    let new = match new_key {
        NewKey::Random if record.method == Method::Passphrase => {
            return Err(Error::invalid(
                "This journal is opened with a passphrase: give a new passphrase to change its key.",
            ))
        }
        NewKey::Random => DatabaseKey::generate()?,
        NewKey::Given(key) => key,
        NewKey::Passphrase(passphrase) => {
            check_new_passphrase(&passphrase)?;
            let kdf = PassphraseKdf::new_random()?;
            let key = kdf.derive(&passphrase)?;
            record.kdf = Some(kdf);
            record.method = Method::Passphrase;
            key
        }
    };
    if record.method == Method::Keychain {
        keystore.store(&next_account(&record.journal_id), &new.to_hex()).map_err(|_| Error::KeyMissing)?;
    }
    record.next_fingerprint = Some(new.fingerprint());
    write_record(data_dir, &record)?;
    finish_rotation(data_dir, &record, keystore, &old, &new)?;
    let journal = Journal::open(&paths::database_path(data_dir), &new)?;
    Ok(Opened { journal, method: record.method, recovery_key: Some(new.recovery_key()) })
}

/// Records that the person has kept the recovery key: it is not shown again.
pub fn confirm_recovery_key(data_dir: &Path) -> Result<()> {
    if let Some(mut record) = read_record(data_dir)? {
        record.recovery_key_confirmed = true;
        write_record(data_dir, &record)?;
    }
    Ok(())
}

/// How the journal in `data_dir` is protected, if it has been set up.
pub fn method(data_dir: &Path) -> Result<Option<Method>> {
    Ok(read_record(data_dir)?.map(|r| r.method))
}
