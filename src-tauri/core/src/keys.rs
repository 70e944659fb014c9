//! Key material and where it is kept. The journal is encrypted with a random
//! 256-bit [`DatabaseKey`]; the key is held by a [`KeyStore`] (the operating
//! system's keychain in the apps, an in-memory store in tests), can be written
//! down as a [`RecoveryKey`], or is derived from a passphrase with Argon2id
//! where no keychain exists.
//!
//! Must not: print, log or serialise a key (no `Debug` shows one), store a key
//! in a plain file, or block the caller on a keychain that does not answer.

use std::collections::HashMap;
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Bytes in a database key (SQLCipher's raw key: AES-256).
pub const KEY_BYTES: usize = 32;

/// The key that opens one journal (its database and its backups). Used as
/// SQLCipher's raw key, so opening costs no password stretching.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseKey(Zeroizing<[u8; KEY_BYTES]>);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(hidden)")
    }
}

impl DatabaseKey {
    /// A new random key from the operating system's secure random source.
    pub fn generate() -> Result<DatabaseKey> {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        getrandom::fill(bytes.as_mut())
            .map_err(|e| Error::invalid(format!("The system could not make a random key ({e}).")))?;
        Ok(DatabaseKey(bytes))
    }

    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> DatabaseKey {
        DatabaseKey(Zeroizing::new(bytes))
    }

    /// The key as 64 hexadecimal digits: what the keychain and key files hold.
    pub fn to_hex(&self) -> SecretString {
        SecretString::from(data_encoding::HEXLOWER.encode(self.0.as_ref()))
    }

    /// Reads a key written as 64 hexadecimal digits.
    pub fn from_hex(text: &str) -> Result<DatabaseKey> {
        let decoded = Zeroizing::new(
            data_encoding::HEXLOWER_PERMISSIVE
                .decode(text.trim().as_bytes())
                .map_err(|_| Error::invalid("The key is not 64 hexadecimal digits."))?,
        );
        let bytes: [u8; KEY_BYTES] =
            decoded.as_slice().try_into().map_err(|_| Error::invalid("The key is not 64 hexadecimal digits."))?;
        Ok(DatabaseKey::from_bytes(bytes))
    }

    /// Reads a key given either way a person may have it: 64 hex digits (a
    /// key file) or a recovery key as it was written down.
    pub fn parse_any(text: &str) -> Result<DatabaseKey> {
        let trimmed = text.trim();
        if trimmed.len() == 2 * KEY_BYTES && trimmed.bytes().all(|b| b.is_ascii_hexdigit()) {
            DatabaseKey::from_hex(trimmed)
        } else {
            RecoveryKey::parse(trimmed)
        }
    }

    /// SQLCipher's raw-key literal, `x'…'`. Only hex digits, so it can be
    /// placed in a pragma safely.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.to_hex().expose_secret()))
    }

    /// The recovery key for this key: what the person writes down once.
    pub fn recovery_key(&self) -> RecoveryKey {
        RecoveryKey::for_key(self)
    }

    /// Seals `other` with this key (XChaCha20-Poly1305 under a subkey of
    /// this one, bound to `context`), as hex. Only this key opens it again:
    /// the result may be written to a plain file. Used while a key rotation
    /// is under way, so that the old secret and the new one each lead to both
    /// keys (see `protection`).
    pub(crate) fn seal(&self, other: &DatabaseKey, context: &str) -> Result<String> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(self.sealing_key().as_ref().into());
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce)
            .map_err(|e| Error::invalid(format!("The system could not make a random number ({e}).")))?;
        let sealed = cipher
            .encrypt((&nonce).into(), Payload { msg: other.0.as_ref(), aad: context.as_bytes() })
            .map_err(|_| Error::invalid("A key could not be sealed."))?;
        Ok(data_encoding::HEXLOWER.encode(&[nonce.as_slice(), &sealed].concat()))
    }

    /// Opens what [`DatabaseKey::seal`] sealed with this key; `None` if this
    /// key did not seal it (or it was changed).
    pub(crate) fn unseal(&self, sealed: &str, context: &str) -> Option<DatabaseKey> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let bytes = data_encoding::HEXLOWER_PERMISSIVE.decode(sealed.as_bytes()).ok()?;
        if bytes.len() <= 24 {
            return None;
        }
        let (nonce, body) = bytes.split_at(24);
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(self.sealing_key().as_ref().into());
        let opened = Zeroizing::new(cipher.decrypt(nonce.into(), Payload { msg: body, aad: context.as_bytes() }).ok()?);
        let key: [u8; KEY_BYTES] = opened.as_slice().try_into().ok()?;
        Some(DatabaseKey::from_bytes(key))
    }

    /// A subkey for sealing: never the database key itself.
    fn sealing_key(&self) -> Zeroizing<[u8; 32]> {
        let digest = Sha256::digest([b"praxis-key-seal:".as_slice(), self.0.as_ref()].concat());
        Zeroizing::new(digest.into())
    }

    /// A short, stable fingerprint of the key (not secret): lets a person or
    /// a test tell two keys apart without seeing either.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest([b"praxis-key-fingerprint:".as_slice(), self.0.as_ref()].concat());
        data_encoding::HEXLOWER.encode(&digest[..4])
    }
}

/// A database key written for people: 55 characters of base32 (letters and
/// the digits 2–7, so no 0/O or 1/I confusion) in groups of five, ending in a
/// checksum so a typo is caught before anything is tried.
pub struct RecoveryKey(SecretString);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(hidden)")
    }
}

const CHECKSUM_BYTES: usize = 2;

fn checksum(key: &[u8]) -> [u8; CHECKSUM_BYTES] {
    let digest = Sha256::digest([b"praxis-recovery:".as_slice(), key].concat());
    [digest[0], digest[1]]
}

impl RecoveryKey {
    fn for_key(key: &DatabaseKey) -> RecoveryKey {
        let mut raw = Zeroizing::new(Vec::with_capacity(KEY_BYTES + CHECKSUM_BYTES));
        raw.extend_from_slice(key.0.as_ref());
        raw.extend_from_slice(&checksum(key.0.as_ref()));
        let encoded = Zeroizing::new(data_encoding::BASE32_NOPAD.encode(&raw));
        let grouped: Vec<&str> = encoded.as_bytes().chunks(5).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
        RecoveryKey(SecretString::from(grouped.join("-")))
    }

    /// The text to show or print: `ABCDE-FGHIJ-…`.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Reads a recovery key as a person typed it: case, spaces and dashes do
    /// not matter. A typo is reported as such, never tried as a key.
    pub fn parse(text: &str) -> Result<DatabaseKey> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect(),
        );
        let raw = Zeroizing::new(
            data_encoding::BASE32_NOPAD.decode(cleaned.as_bytes()).map_err(|_| Error::InvalidRecoveryKey)?,
        );
        if raw.len() != KEY_BYTES + CHECKSUM_BYTES {
            return Err(Error::InvalidRecoveryKey);
        }
        let (key, sum) = raw.split_at(KEY_BYTES);
        if checksum(key) != sum {
            return Err(Error::InvalidRecoveryKey);
        }
        let bytes: [u8; KEY_BYTES] = key.try_into().map_err(|_| Error::InvalidRecoveryKey)?;
        Ok(DatabaseKey::from_bytes(bytes))
    }
}

/// How a key is stretched from a passphrase. Stored (it is not secret) so a
/// journal keeps opening after the defaults change.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassphraseKdf {
    /// Always `argon2id`.
    pub algorithm: String,
    /// Random, 16 bytes, hexadecimal.
    pub salt: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// The smallest passphrase Praxis accepts for encrypting a journal.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

impl PassphraseKdf {
    /// Argon2id with 64 MiB, 3 passes, one lane (OWASP's first choice is
    /// 46 MiB and 1 pass; this is stronger and still about half a second).
    pub fn new_random() -> Result<PassphraseKdf> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt)
            .map_err(|e| Error::invalid(format!("The system could not make a random salt ({e}).")))?;
        Ok(PassphraseKdf {
            algorithm: "argon2id".into(),
            salt: data_encoding::HEXLOWER.encode(&salt),
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        })
    }

    /// Derives the database key from `passphrase`.
    pub fn derive(&self, passphrase: &SecretString) -> Result<DatabaseKey> {
        if self.algorithm != "argon2id" {
            return Err(Error::unsupported(format!(
                "This journal's passphrase uses \"{}\", which this version of Praxis does not know. Update Praxis.",
                self.algorithm
            )));
        }
        // Bounds keep a tampered record from asking for gigabytes or hours.
        if !(8 * 1024..=1024 * 1024).contains(&self.memory_kib) || !(1..=16).contains(&self.iterations) {
            return Err(Error::out_of_range(
                "The journal's passphrase settings are out of range; the record is damaged.",
            ));
        }
        let salt = data_encoding::HEXLOWER_PERMISSIVE
            .decode(self.salt.as_bytes())
            .map_err(|_| Error::invalid("The journal's passphrase salt is damaged."))?;
        let params = argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(KEY_BYTES))
            .map_err(|e| Error::invalid(format!("The journal's passphrase settings are not valid ({e}).")))?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        argon
            .hash_password_into(passphrase.expose_secret().as_bytes(), &salt, bytes.as_mut())
            .map_err(|e| Error::invalid(format!("The passphrase could not be used ({e}).")))?;
        Ok(DatabaseKey(bytes))
    }
}

/// Checks a new passphrase before anything is encrypted with it.
pub fn check_new_passphrase(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(format!(
            "Choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters; a short sentence is easy to remember and hard to guess."
        )));
    }
    Ok(())
}

/// Why a key store could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStoreError {
    /// No keychain is reachable (no Secret Service, a locked keychain that
    /// nobody can unlock, or no answer in time).
    Unavailable(String),
}

/// Where secrets are kept: one secret per account name. The apps use the
/// operating system's keychain ([`SystemKeychain`]); tests use
/// [`MemoryKeyStore`] or the real keychain.
pub trait KeyStore: Send + Sync {
    /// The secret stored under `account`, `Ok(None)` if there is none.
    fn load(&self, account: &str) -> std::result::Result<Option<SecretString>, KeyStoreError>;
    fn store(&self, account: &str, secret: &SecretString) -> std::result::Result<(), KeyStoreError>;
    /// Removes the secret; removing a missing one is not an error.
    fn delete(&self, account: &str) -> std::result::Result<(), KeyStoreError>;
}

/// A key store in memory, for tests and for the "no keychain" case.
#[derive(Default)]
pub struct MemoryKeyStore {
    secrets: Mutex<HashMap<String, SecretString>>,
    unavailable: bool,
}

impl MemoryKeyStore {
    pub fn new() -> MemoryKeyStore {
        MemoryKeyStore::default()
    }

    /// A store that behaves like a machine without a keychain.
    pub fn unavailable() -> MemoryKeyStore {
        MemoryKeyStore { unavailable: true, ..MemoryKeyStore::default() }
    }

    fn check(&self) -> std::result::Result<(), KeyStoreError> {
        if self.unavailable {
            return Err(KeyStoreError::Unavailable("no keychain on this machine".into()));
        }
        Ok(())
    }
}

impl KeyStore for MemoryKeyStore {
    fn load(&self, account: &str) -> std::result::Result<Option<SecretString>, KeyStoreError> {
        self.check()?;
        let secrets = self.secrets.lock().unwrap_or_else(|p| p.into_inner());
        Ok(secrets.get(account).map(|s| SecretString::from(s.expose_secret().to_owned())))
    }

    fn store(&self, account: &str, secret: &SecretString) -> std::result::Result<(), KeyStoreError> {
        self.check()?;
        let mut secrets = self.secrets.lock().unwrap_or_else(|p| p.into_inner());
        secrets.insert(account.to_owned(), SecretString::from(secret.expose_secret().to_owned()));
        Ok(())
    }

    fn delete(&self, account: &str) -> std::result::Result<(), KeyStoreError> {
        self.check()?;
        self.secrets.lock().unwrap_or_else(|p| p.into_inner()).remove(account);
        Ok(())
    }
}

/// The operating system's keychain through the `keyring` crate: Secret
/// Service (GNOME Keyring, KWallet) on Linux — its default, persistent
/// collection, never the session-only one —, Keychain on macOS, Credential
/// Manager on Windows.
///
/// Every call runs on its own thread and is given up after a timeout: a
/// Secret Service waiting for an unlock prompt nobody can answer must not
/// freeze the window; the caller then falls back to a passphrase.
pub struct SystemKeychain {
    service: String,
    timeout: Duration,
}

/// The service name Praxis's keychain items are filed under.
pub const KEYCHAIN_SERVICE: &str = "Praxis journal";

impl SystemKeychain {
    pub fn new() -> SystemKeychain {
        SystemKeychain { service: KEYCHAIN_SERVICE.into(), timeout: Duration::from_secs(5) }
    }

    /// The same keychain under another service name (tests keep theirs apart).
    pub fn with_service(service: &str) -> SystemKeychain {
        SystemKeychain { service: service.into(), timeout: Duration::from_secs(5) }
    }

    fn call<T: Send + 'static>(
        &self,
        account: &str,
        op: impl FnOnce(keyring::Entry) -> std::result::Result<T, keyring::Error> + Send + 'static,
    ) -> std::result::Result<T, KeyStoreError> {
        let (service, account) = (self.service.clone(), account.to_owned());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let result = keyring::Entry::new(&service, &account).and_then(op);
            let _ = tx.send(result);
        });
        match rx.recv_timeout(self.timeout) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(err)) => Err(KeyStoreError::Unavailable(err.to_string())),
            Err(_) => Err(KeyStoreError::Unavailable("the keychain did not answer in time".into())),
        }
    }
}

impl Default for SystemKeychain {
    fn default() -> Self {
        SystemKeychain::new()
    }
}

impl KeyStore for SystemKeychain {
    fn load(&self, account: &str) -> std::result::Result<Option<SecretString>, KeyStoreError> {
        self.call(account, |entry| match entry.get_password() {
            Ok(secret) => Ok(Some(SecretString::from(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(err),
        })
    }

    fn store(&self, account: &str, secret: &SecretString) -> std::result::Result<(), KeyStoreError> {
        let secret = Zeroizing::new(secret.expose_secret().to_owned());
        self.call(account, move |entry| entry.set_password(&secret))
    }

    fn delete(&self, account: &str) -> std::result::Result<(), KeyStoreError> {
        self.call(account, |entry| match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(err),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_to_the_same_key_however_it_is_typed() {
        let key = DatabaseKey::generate().unwrap();
        let written = key.recovery_key();
        assert_eq!(written.expose().len(), 55 + 10, "11 groups of five with dashes between");
        let typed = written.expose().to_lowercase().replace('-', " ");
        assert_eq!(RecoveryKey::parse(&typed).unwrap(), key, "case, spaces and dashes must not matter");
        assert_eq!(DatabaseKey::parse_any(written.expose()).unwrap(), key);
        assert_eq!(DatabaseKey::parse_any(key.to_hex().expose_secret()).unwrap(), key, "a key file holds hex");
    }

    #[test]
    fn a_mistyped_recovery_key_is_caught_by_its_checksum() {
        let key = DatabaseKey::from_bytes([7; KEY_BYTES]);
        let text = key.recovery_key().expose().to_owned();
        let first = text.chars().next().unwrap();
        let typo = format!("{}{}", if first == 'A' { 'B' } else { 'A' }, &text[1..]);
        assert!(matches!(RecoveryKey::parse(&typo), Err(Error::InvalidRecoveryKey)), "one wrong letter");
        assert!(matches!(RecoveryKey::parse(&text[..text.len() - 5]), Err(Error::InvalidRecoveryKey)), "cut short");
    }

    #[test]
    fn a_passphrase_derives_the_same_key_only_with_the_same_salt() {
        let kdf = PassphraseKdf { memory_kib: 8 * 1024, iterations: 1, ..PassphraseKdf::new_random().unwrap() };
        let pass = SecretString::from("a long walk by the river".to_owned());
        assert_eq!(kdf.derive(&pass).unwrap(), kdf.derive(&pass).unwrap(), "the derivation must be repeatable");
        let other = PassphraseKdf { salt: "00".repeat(16), ..kdf.clone() };
        assert_ne!(kdf.derive(&pass).unwrap(), other.derive(&pass).unwrap(), "the salt must matter");
        let wrong = SecretString::from("a long walk by the rivers".to_owned());
        assert_ne!(kdf.derive(&pass).unwrap(), kdf.derive(&wrong).unwrap());
    }

    #[test]
    fn a_sealed_key_opens_only_with_the_key_and_context_that_sealed_it() {
        let (old, new) = (DatabaseKey::from_bytes([1; KEY_BYTES]), DatabaseKey::from_bytes([2; KEY_BYTES]));
        let sealed = old.seal(&new, "journal-a").unwrap();
        assert!(!sealed.contains(&new.to_hex().expose_secret()[..16]), "the sealed text must not show the key");
        assert_eq!(old.unseal(&sealed, "journal-a"), Some(new.clone()));
        assert_eq!(new.unseal(&sealed, "journal-a"), None, "another key must not open it");
        assert_eq!(old.unseal(&sealed, "journal-b"), None, "it is bound to its journal");
        let mut tampered = sealed.clone().into_bytes();
        tampered[60] = if tampered[60] == b'0' { b'1' } else { b'0' };
        assert_eq!(old.unseal(std::str::from_utf8(&tampered).unwrap(), "journal-a"), None);
    }

    #[test]
    fn no_debug_output_shows_a_key() {
        let key = DatabaseKey::from_bytes([0x5c; KEY_BYTES]);
        assert!(!format!("{key:?}").contains("5c5c"), "Debug must not print key bytes");
        assert!(!format!("{:?}", key.recovery_key()).contains(&key.recovery_key().expose()[..5]));
    }
}
