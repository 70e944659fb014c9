//! Finding the journal's key from a terminal: the keychain by default, a key
//! or passphrase file for scripts, and — when a person is at the terminal —
//! a prompt for the passphrase or the recovery key. A recovery key for a new
//! journal is printed once, on standard error, so it never ends up in a
//! script's output by accident.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use praxis_core::keys::{DatabaseKey, KeyStore, SystemKeychain};
use praxis_core::protection::{self, Method, Opened, Unlock};
use praxis_core::Error;
use secrecy::{ExposeSecret, SecretString};

use crate::args::Cli;

/// Reads a secret from a file: its first line, without the line break.
pub fn read_secret_file(path: &Path) -> Result<SecretString> {
    let text = std::fs::read_to_string(path).with_context(|| format!("Could not read {}", path.display()))?;
    let line = text.lines().next().unwrap_or("").to_owned();
    if line.is_empty() {
        return Err(anyhow!("{} is empty; it must hold the key or passphrase on its first line.", path.display()));
    }
    Ok(SecretString::from(line))
}

/// How the command line asks for the journal to be opened.
pub fn requested_unlock(cli: &Cli) -> Result<Unlock> {
    if let Some(file) = &cli.key_file {
        let text = read_secret_file(file)?;
        return Ok(Unlock::KeyFile(DatabaseKey::parse_any(text.expose_secret())?));
    }
    if let Some(file) = &cli.journal_passphrase_file {
        return Ok(Unlock::Passphrase(read_secret_file(file)?));
    }
    Ok(Unlock::Keychain)
}

fn ask(prompt: &str) -> Result<SecretString> {
    let answer = rpassword::prompt_password(prompt).context("Could not read from the terminal")?;
    Ok(SecretString::from(answer))
}

/// Opens the journal in `dir`, asking at the terminal when the keychain
/// cannot give the key and a person is there to answer.
pub fn open(dir: &Path, cli: &Cli, keystore: &dyn KeyStore) -> Result<Opened> {
    let unlock = requested_unlock(cli)?;
    let interactive = io::stdin().is_terminal() && io::stderr().is_terminal();
    let first = protection::open_journal(dir, &unlock, keystore);
    let opened = match first {
        Err(Error::PassphraseNeeded) if interactive => {
            let database = praxis_core::paths::database_path(dir);
            let is_new = !database.exists() || praxis_core::store::cipher::is_plaintext(&database);
            let passphrase = ask("Passphrase for your journal: ")?;
            if is_new && ask("The same passphrase again: ")?.expose_secret() != passphrase.expose_secret() {
                return Err(anyhow!("The two passphrases differ. Nothing was created; try again."));
            }
            protection::open_journal(dir, &Unlock::Passphrase(passphrase), keystore)?
        }
        Err(Error::KeyMissing) if interactive => {
            eprintln!("{}", Error::KeyMissing);
            let recovery = ask("Recovery key: ")?;
            protection::open_journal(dir, &Unlock::RecoveryKey(recovery), keystore)?
        }
        Err(Error::PassphraseNeeded) => {
            return Err(anyhow!(
                "{} From a script, give it with --journal-passphrase-file FILE (or PRAXIS_PASSPHRASE_FILE).",
                Error::PassphraseNeeded
            ))
        }
        Err(Error::KeyMissing) => {
            return Err(anyhow!(
                "{} From a script, give it with --key-file FILE (or PRAXIS_KEY_FILE).",
                Error::KeyMissing
            ))
        }
        other => other?,
    };
    if let Some(recovery) = &opened.recovery_key {
        if opened.method != Method::KeyFile {
            show_recovery_key(recovery.expose(), "Your journal is encrypted.");
        }
        protection::confirm_recovery_key(dir)?;
    }
    Ok(opened)
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
