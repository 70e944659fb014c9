//! Changing the journal's key (`praxis key rotate`), as a journaled state
//! machine that a crash, a kill or a full disk can interrupt at any step
//! without locking anyone out.
//!
//! The steps, each durable before the next:
//!
//! 1. the folder lock is taken exclusively; if the journal is open anywhere
//!    the rotation is refused as busy and nothing at all has changed;
//! 2. the new key is kept where it will live (the keychain's second item;
//!    a passphrase is the person's; a key file is written by the CLI after
//!    the rotation, see below);
//! 3. **the intent** is written into `protection.json`: the new key's
//!    fingerprint, method and passphrase settings, and the two keys each
//!    sealed with the other ([`DatabaseKey::seal`]). From here on the old
//!    secret and the new one each lead to both keys, so any later open can
//!    finish the rotation with whichever the person gives;
//! 4. the journal, then each backup, is re-encrypted into a copy that is
//!    read back and renamed over the original (one file at a time, so the
//!    disk needs room for one copy); a file the new key already opens is
//!    done;
//! 5. the keychain's main item takes the new key;
//! 6. the record says the new key is the key, and keeps the old one's
//!    fingerprint and passphrase settings with the new key sealed under the
//!    old one ([`Previous`]): the old secret, and the old recovery key, keep
//!    opening the journal until the person has seen and confirmed the new
//!    recovery key.
//!
//! Every open finishes an interrupted rotation before anything else (see
//! [`finish_interrupted`]); the tests stop the process at each step's
//! failpoint and with SIGKILL at random moments.

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::{account, load_key, new_record, next_account, open_journal, read_record, write_record, Opened, Record};
use super::{Method, Unlock};
use crate::error::{Error, Result};
use crate::failpoint;
use crate::folder::FolderLock;
use crate::keys::{check_new_passphrase, DatabaseKey, KeyStore, PassphraseKdf, RecoveryKey};
use crate::store::{backup, cipher};
use crate::{paths, Journal};

/// A key rotation under way, as recorded in `protection.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Rotation {
    /// The new key's fingerprint.
    pub(crate) fingerprint: String,
    /// How the journal is opened once the rotation is done.
    pub(crate) method: Method,
    /// The new passphrase's settings (passphrase journals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) kdf: Option<PassphraseKdf>,
    /// The new key, sealed with the old one.
    new_key_sealed: String,
    /// The old key, sealed with the new one.
    old_key_sealed: String,
}

/// The key from before the last rotation, accepted until the new recovery
/// key is confirmed: its fingerprint, its passphrase settings, and the
/// current key sealed with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Previous {
    fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf: Option<PassphraseKdf>,
    key_sealed: String,
}

impl Previous {
    /// The previous key from its passphrase, where it had one.
    pub(crate) fn derive(&self, passphrase: &SecretString) -> Result<Option<DatabaseKey>> {
        self.kdf.as_ref().map(|kdf| kdf.derive(passphrase)).transpose()
    }

    /// The current key, if `key` is the previous one.
    pub(crate) fn unseal(&self, key: &DatabaseKey, journal_id: &str) -> Option<DatabaseKey> {
        if key.fingerprint() != self.fingerprint {
            return None;
        }
        key.unseal(&self.key_sealed, &context(journal_id))
    }
}

/// What a sealed key is bound to: this journal's rotations.
fn context(journal_id: &str) -> String {
    format!("praxis-rotation:{journal_id}")
}

/// What the new key of a rotation is.
pub enum NewKey {
    /// A new random key (keychain and key-file journals; the CLI writes a
    /// key-file journal's new key into its key file afterwards).
    Random,
    /// A key from a new passphrase (any journal; it becomes a passphrase
    /// journal).
    Passphrase(SecretString),
}

/// Re-encrypts the journal, its WAL and every backup under a new key, and
/// returns the reopened journal with the new recovery key. The journal must
/// not be open anywhere else: [`Error::Busy`] otherwise, with nothing
/// changed.
///
/// Until the new recovery key is confirmed
/// ([`super::confirm_recovery_key`]), the old secret and the old recovery
/// key still open the journal.
pub fn rotate_key(data_dir: &Path, journal: Journal, new_key: NewKey, keystore: &dyn KeyStore) -> Result<Opened> {
    let old = journal.key().clone();
    drop(journal);
    let lock = FolderLock::try_exclusive(data_dir)?.ok_or(Error::Busy)?;
    let mut record = match read_record(data_dir)? {
        Some(record) => record,
        None => {
            let mut record = new_record(Method::KeyFile, None, &old);
            record.recovery_key_confirmed = true;
            record
        }
    };
    if record.key_fingerprint != old.fingerprint() {
        return Err(Error::WrongKey);
    }
    let (new, method, kdf) = match new_key {
        NewKey::Random if record.method == Method::Passphrase => {
            return Err(Error::invalid(
                "This journal is opened with a passphrase: give a new passphrase to change its key.",
            ))
        }
        NewKey::Random => (DatabaseKey::generate()?, record.method, None),
        NewKey::Passphrase(passphrase) => {
            check_new_passphrase(&passphrase)?;
            let kdf = PassphraseKdf::new_random()?;
            (kdf.derive(&passphrase)?, Method::Passphrase, Some(kdf))
        }
    };
    failpoint::hit("rotate:started");
    if method == Method::Keychain {
        keystore.store(&next_account(&record.journal_id), &new.to_hex()).map_err(|_| {
            Error::invalid("The keychain did not take the new key, so the key was not changed. Nothing was changed.")
        })?;
        failpoint::hit("rotate:new-key-stored");
    }
    let context = context(&record.journal_id);
    record.rotation = Some(Rotation {
        fingerprint: new.fingerprint(),
        method,
        kdf,
        new_key_sealed: old.seal(&new, &context)?,
        old_key_sealed: new.seal(&old, &context)?,
    });
    // A rotation ends the grace of the one before it.
    record.previous = None;
    write_record(data_dir, &record)?;
    failpoint::hit("rotate:intent-written");
    finish(data_dir, &record, keystore, &old, &new)?;
    drop(lock);
    open_journal(data_dir, &Unlock::KeyFile(new), keystore)
}

/// Finishes a rotation that an earlier process began, with the secret the
/// person gives now: the old one or the new one (either leads to both
/// keys). Called by every open with the folder lock held exclusively.
pub(crate) fn finish_interrupted(data_dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<()> {
    let Some(mut record) = read_record(data_dir)? else {
        return Ok(());
    };
    if let Some(rotation) = record.rotation.clone() {
        let (old, new) = keys_for(&record, &rotation, unlock, keystore)?;
        return finish(data_dir, &record, keystore, &old, &new);
    }
    if record.next_fingerprint.is_some() {
        // An earlier version's keychain rotation: its new key waits in the
        // keychain's second item. Finished with both keys where both are
        // there; otherwise the rotation never began (the journal opens with
        // its recorded key) and the leftover mark is dropped.
        let keys = match record.method {
            Method::Keychain => (
                load_key(keystore, &account(&record.journal_id)).ok().flatten(),
                load_key(keystore, &next_account(&record.journal_id)).ok().flatten(),
            ),
            _ => (None, None),
        };
        if let (Some(old), Some(new)) = keys {
            if old.fingerprint() == record.key_fingerprint
                && record.next_fingerprint.as_deref() == Some(&new.fingerprint())
            {
                let context = context(&record.journal_id);
                record.rotation = Some(Rotation {
                    fingerprint: new.fingerprint(),
                    method: Method::Keychain,
                    kdf: None,
                    new_key_sealed: old.seal(&new, &context)?,
                    old_key_sealed: new.seal(&old, &context)?,
                });
                record.next_fingerprint = None;
                write_record(data_dir, &record)?;
                return finish(data_dir, &record, keystore, &old, &new);
            }
        }
        record.next_fingerprint = None;
        write_record(data_dir, &record)?;
    }
    Ok(())
}

/// The old key and the new one, from whichever secret the person gives.
fn keys_for(
    record: &Record,
    rotation: &Rotation,
    unlock: &Unlock,
    keystore: &dyn KeyStore,
) -> Result<(DatabaseKey, DatabaseKey)> {
    let candidates: Vec<DatabaseKey> = match unlock {
        Unlock::KeyFile(key) => vec![key.clone()],
        Unlock::RecoveryKey(text) => vec![RecoveryKey::parse(text.expose_secret())?],
        Unlock::Passphrase(passphrase) => {
            let mut keys = Vec::new();
            for kdf in [record.kdf.as_ref(), rotation.kdf.as_ref()].into_iter().flatten() {
                keys.push(kdf.derive(passphrase)?);
            }
            if keys.is_empty() {
                return Err(Error::conflict(
                    "This journal is not opened with a passphrase. Use your recovery key instead.",
                ));
            }
            keys
        }
        Unlock::Keychain => match record.method {
            Method::Passphrase => return Err(Error::PassphraseNeeded),
            Method::KeyFile => return Err(Error::KeyMissing),
            Method::Keychain => [account(&record.journal_id), next_account(&record.journal_id)]
                .iter()
                .filter_map(|name| load_key(keystore, name).ok().flatten())
                .collect(),
        },
    };
    let context = context(&record.journal_id);
    for key in candidates {
        if key.fingerprint() == record.key_fingerprint {
            if let Some(new) = key.unseal(&rotation.new_key_sealed, &context) {
                return Ok((key, new));
            }
        }
        if key.fingerprint() == rotation.fingerprint {
            if let Some(old) = key.unseal(&rotation.old_key_sealed, &context) {
                return Ok((old, key));
            }
        }
    }
    Err(match unlock {
        Unlock::Passphrase(_) => Error::WrongPassphrase,
        Unlock::Keychain => Error::KeyMissing,
        _ => Error::WrongKey,
    })
}

/// Steps 4 to 6. Idempotent: a file already under the new key is left as
/// it is, so this may run again after any interruption.
fn finish(
    data_dir: &Path,
    record: &Record,
    keystore: &dyn KeyStore,
    old: &DatabaseKey,
    new: &DatabaseKey,
) -> Result<()> {
    let Some(rotation) = record.rotation.clone() else {
        return Ok(());
    };
    let database = paths::database_path(data_dir);
    if database.exists() {
        // A kill while the journal was switched to rollback mode for its
        // copy leaves a hot journal, which a read-only look cannot undo.
        cipher::roll_back_hot_journal(&database, Some(old))?;
    }
    if database.exists() && cipher::key_opens_file(&database, old)? {
        cipher::reencrypt_in_place(&database, old, new)?;
    }
    failpoint::hit("rotate:database-rekeyed");
    backup::reencrypt_backups(&database, old, new)?;
    failpoint::hit("rotate:backups-rekeyed");
    // Where the keychain cannot take the key now (a rotation finished with
    // the recovery key on a computer without it), the new key stays in the
    // keychain's second item, and the new recovery key is shown.
    let in_keychain =
        rotation.method == Method::Keychain && keystore.store(&account(&record.journal_id), &new.to_hex()).is_ok();
    if in_keychain {
        failpoint::hit("rotate:keychain-updated");
    }
    let mut done = record.clone();
    done.previous =
        Some(Previous { fingerprint: old.fingerprint(), kdf: record.kdf.clone(), key_sealed: rotation.new_key_sealed });
    done.key_fingerprint = rotation.fingerprint;
    done.method = rotation.method;
    done.kdf = if rotation.method == Method::Passphrase { rotation.kdf } else { None };
    done.rotation = None;
    done.next_fingerprint = None;
    done.recovery_key_confirmed = false;
    write_record(data_dir, &done)?;
    failpoint::hit("rotate:record-finished");
    if in_keychain || (record.method == Method::Keychain && rotation.method != Method::Keychain) {
        let _ = keystore.delete(&next_account(&record.journal_id));
    }
    Ok(())
}
