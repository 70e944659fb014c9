//! The app lock: an optional passphrase that hides the open journal after a
//! few idle minutes or on request. It guards the window of a journal that is
//! already decrypted (a colleague at an unattended laptop); the encryption
//! at rest is separate and does not depend on it.
//!
//! Only an Argon2id hash of the passphrase is kept (in PHC form, inside the
//! encrypted journal). Must not: keep or compare the passphrase itself.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::keys::check_new_passphrase;

/// Idle minutes allowed before the journal locks itself.
pub const IDLE_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppLock {
    /// Argon2id, PHC string format.
    passphrase_hash: String,
    /// Minutes without a key press or a click before the journal locks.
    pub idle_minutes: u32,
}

fn hasher() -> argon2::Argon2<'static> {
    // 19 MiB, 2 passes: OWASP's recommendation for password hashing; the
    // check runs once per unlock.
    let params = argon2::Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

impl AppLock {
    /// A lock with this passphrase. Errors: a passphrase that is too short,
    /// idle minutes outside [`IDLE_MINUTES`].
    pub fn new(passphrase: &SecretString, idle_minutes: u32) -> Result<AppLock> {
        check_new_passphrase(passphrase)?;
        check_idle_minutes(idle_minutes)?;
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::invalid(format!("The system could not make a random salt ({e}).")))?;
        let salt = SaltString::encode_b64(&bytes)
            .map_err(|e| Error::invalid(format!("The passphrase could not be stored ({e}).")))?;
        let hash = hasher()
            .hash_password(passphrase.expose_secret().as_bytes(), &salt)
            .map_err(|e| Error::invalid(format!("The passphrase could not be stored ({e}).")))?;
        Ok(AppLock { passphrase_hash: hash.to_string(), idle_minutes })
    }

    /// The same lock with other idle minutes.
    pub fn with_idle_minutes(&self, idle_minutes: u32) -> Result<AppLock> {
        check_idle_minutes(idle_minutes)?;
        Ok(AppLock { idle_minutes, ..self.clone() })
    }

    /// Whether `passphrase` is the lock's passphrase.
    pub fn accepts(&self, passphrase: &SecretString) -> bool {
        PasswordHash::new(&self.passphrase_hash)
            .is_ok_and(|hash| hasher().verify_password(passphrase.expose_secret().as_bytes(), &hash).is_ok())
    }
}

fn check_idle_minutes(minutes: u32) -> Result<()> {
    if !IDLE_MINUTES.contains(&minutes) {
        return Err(Error::out_of_range(format!(
            "Choose between {} and {} idle minutes before Praxis locks.",
            IDLE_MINUTES.start(),
            IDLE_MINUTES.end()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    #[test]
    fn the_lock_accepts_its_passphrase_only() {
        let lock = AppLock::new(&secret("morning pages"), 5).unwrap();
        assert!(lock.accepts(&secret("morning pages")));
        assert!(!lock.accepts(&secret("morning page")), "one letter off must fail");
        assert!(!lock.passphrase_hash.contains("morning"), "only a hash is kept");
    }

    #[test]
    fn short_passphrases_and_odd_idle_times_are_refused() {
        assert!(AppLock::new(&secret("short"), 5).is_err());
        assert!(AppLock::new(&secret("long enough"), 0).is_err());
        assert!(AppLock::new(&secret("long enough"), 10_000).is_err());
    }
}
