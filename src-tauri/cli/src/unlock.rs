//! Finding the journal's key from a terminal: the keychain by default, a key
//! or passphrase file for scripts, and — when a person is at the terminal —
//! a prompt for the passphrase or the recovery key. A recovery key for a new
//! journal is printed once, on standard error, so it never ends up in a
//! script's output by accident.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use praxis_core::access::{Access, AccessState, Event};
use praxis_core::keys::{DatabaseKey, KeyStore, SystemKeychain};
use praxis_core::protection::{self, Method, Opened, Unlock};
use praxis_core::Error;
use secrecy::{ExposeSecret, SecretString};

use crate::args::Global;

/// Reads a secret from a file: its first line, without the line break.
pub fn read_secret_file(path: &Path) -> Result<SecretString> {
    use praxis_core::limits::{read_capped, Capped};
    // A key or a passphrase is a line; anything much longer is the wrong file.
    let bytes = match read_capped(path, 64 * 1024).with_context(|| format!("Could not read {}", path.display()))? {
        Capped::Bytes(bytes) => secrecy::SecretSlice::from(bytes),
        Capped::TooLarge { .. } => {
            return Err(anyhow!("{} is too large to hold a key or a passphrase. Check the file name.", path.display()))
        }
    };
    let text = std::str::from_utf8(bytes.expose_secret()).map_err(|_| anyhow!("{} is not text.", path.display()))?;
    let line = text.lines().next().unwrap_or("").to_owned();
    if line.is_empty() {
        return Err(anyhow!("{} is empty; it must hold the key or passphrase on its first line.", path.display()));
    }
    Ok(SecretString::from(line))
}

/// How the command line asks for the journal to be opened.
pub fn requested_unlock(global: &Global) -> Result<Unlock> {
    if let Some(file) = &global.key_file {
        let text = read_secret_file(file)?;
        return Ok(Unlock::KeyFile(DatabaseKey::parse_any(text.expose_secret())?));
    }
    if let Some(file) = &global.journal_passphrase_file {
        return Ok(Unlock::Passphrase(read_secret_file(file)?));
    }
    Ok(Unlock::Keychain)
}

fn ask(prompt: &str) -> Result<SecretString> {
    let answer = rpassword::prompt_password(prompt).context("Could not read from the terminal")?;
    Ok(SecretString::from(answer))
}

/// Opens the journal in `dir`, asking at the terminal when the keychain
/// cannot give the key and a person is there to answer. What to ask, and
/// when to stop, is the core's access machine (`praxis_core::access`), the
/// same one the window uses.
pub fn open(dir: &Path, global: &Global, keystore: &dyn KeyStore) -> Result<Opened> {
    let unlock = requested_unlock(global)?;
    let interactive = io::stdin().is_terminal() && io::stderr().is_terminal();
    let attempt = |unlock: &Unlock| match protection::open_journal(dir, unlock, keystore) {
        Ok(opened) => Event::Opened(opened),
        // A new journal, or a plaintext one from an earlier Praxis, gets its
        // first passphrase: typed twice.
        Err(error) => protection::failed_attempt(dir, error),
    };
    let (access, _) = Access::new().after(attempt(&unlock));
    let (access, mistyped) = match access {
        Access::Passphrase | Access::ChoosePassphrase if interactive => {
            let passphrase = ask("Passphrase for your journal: ")?;
            if access.state() == AccessState::ChoosePassphrase
                && ask("The same passphrase again: ")?.expose_secret() != passphrase.expose_secret()
            {
                return Err(anyhow!("The two passphrases differ. Nothing was created; try again."));
            }
            access.after(attempt(&Unlock::Passphrase(passphrase)))
        }
        Access::RecoveryKey(ref why) if interactive => {
            eprintln!("{why}");
            let recovery = ask("Recovery key: ")?;
            access.after(attempt(&Unlock::RecoveryKey(recovery)))
        }
        other => (other, None),
    };
    if let Some(error) = mistyped {
        return Err(error.into());
    }
    let opened = match access {
        Access::Open(opened) | Access::AppLocked(opened) => opened,
        Access::Passphrase | Access::ChoosePassphrase => {
            return Err(anyhow!(
                "{} From a script, give it with --journal-passphrase-file FILE (or PRAXIS_PASSPHRASE_FILE).",
                Error::PassphraseNeeded
            ))
        }
        Access::RecoveryKey(Error::KeyMissing) => {
            return Err(anyhow!(
                "{} From a script, give it with --key-file FILE (or PRAXIS_KEY_FILE).",
                Error::KeyMissing
            ))
        }
        Access::RecoveryKey(error) => return Err(error.into()),
        Access::Unavailable(error) if error.is_about_the_file() => {
            let advice = backup_advice(dir, &unlock, keystore);
            return Err(Advised { error, advice }.into());
        }
        Access::Unavailable(error) => return Err(error.into()),
    };
    if opened.damaged {
        eprintln!(
            "praxis: warning: the check on opening found damage, so the journal is open read-only: \
             you can read and export what is there, nothing can be changed.{}",
            backup_advice(dir, &unlock, keystore)
        );
    }
    if opened.with_previous_secret {
        match (&global.key_file, opened.method) {
            (Some(file), Method::KeyFile) => {
                // The key changed and this key file still held the old key:
                // it takes the new one now, before the old one stops working.
                write_private(file, opened.journal.key().to_hex().expose_secret())?;
                eprintln!("praxis: the journal's key was changed; {} now holds the new key.", file.display());
            }
            _ => eprintln!(
                "praxis: the journal's key was changed, and the secret you gave is the one from before. \
                 It opens the journal for the last time: from now on use the new one."
            ),
        }
    }
    if let Some(recovery) = &opened.recovery_key {
        if opened.method != Method::KeyFile {
            show_recovery_key(recovery.expose(), "Your journal is encrypted.");
        }
        protection::confirm_recovery_key(dir)?;
    }
    Ok(opened)
}

/// A core error about the journal's file, with the CLI's advice after it
/// (which backup to restore, and the command that does it).
#[derive(Debug)]
pub struct Advised {
    pub error: Error,
    advice: String,
}

impl std::fmt::Display for Advised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.error, self.advice)
    }
}

impl std::error::Error for Advised {}

/// The newest backup the journal's own key opens, as advice to append to a
/// message about a journal that cannot be opened or is damaged.
pub fn backup_advice(dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> String {
    match protection::newest_backup(dir, unlock, keystore) {
        Some(backup) => format!(
            " Your newest backup is {id} ({entries} entries): `praxis backup restore {id}` puts it in place \
             and keeps the current file aside.",
            id = backup.id,
            entries = backup.entries.unwrap_or(0)
        ),
        None => match protection::find_key(dir, unlock, keystore) {
            Ok(_) => " There is no healthy backup this journal's key opens.".into(),
            Err(_) => " Give the journal's key (or recovery key) to find its backups.".into(),
        },
    }
}

/// Prints a recovery key on standard error with what it is for.
pub fn show_recovery_key(recovery: &str, headline: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "{headline} Write down this recovery key and keep it somewhere safe, away from this computer.\n\
         With it your journal opens on a new computer or if the keychain loses its key; without it, nobody can open it.\n\n    {recovery}\n"
    );
}

/// The keychain the CLI uses: the same one as the desktop app.
pub fn keychain() -> SystemKeychain {
    SystemKeychain::new()
}

/// Writes a secret to a file only its owner can read: into a hidden
/// sibling first, synced, then renamed over `path`, so the file holds the
/// old secret or the new one, never part of either.
pub fn write_private(path: &Path, text: &str) -> Result<()> {
    let name = path.file_name().ok_or_else(|| anyhow!("{} is not a file name.", path.display()))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&partial).with_context(|| format!("Could not write {}", partial.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&partial, path).with_context(|| format!("Could not replace {}", path.display()))?;
    if let Some(dir) =
        path.parent().and_then(|d| File::open(if d.as_os_str().is_empty() { Path::new(".") } else { d }).ok())
    {
        let _ = dir.sync_all();
    }
    Ok(())
}
