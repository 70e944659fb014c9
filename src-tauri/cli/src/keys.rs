//! The journal's key and the sharing key: `key show | name | recovery-show
//! | rotate`, their arguments, what they do and print. How the journal's
//! key is found when it opens is in `unlock.rs`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::Subcommand;
use praxis_core::protection::{self, Method, NewKey};
use secrecy::ExposeSecret;

use crate::args::Global;
use crate::context::Folder;
use crate::print;
use crate::unlock;

#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Show your sharing key (age1…) and its fingerprint, to give to your coach.
    Show,
    /// Set the name your shares are signed with.
    Name { name: String },
    /// Show the recovery key (asks first: anyone who sees it can open the journal).
    RecoveryShow {
        /// Do not ask; show it.
        #[arg(long)]
        yes: bool,
    },
    /// Re-encrypt the journal and its backups with a new key and show the new
    /// recovery key. The old recovery key stops working.
    Rotate {
        /// For a passphrase journal: the new passphrase, from this file.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

pub fn run(action: KeyAction, global: &Global) -> Result<()> {
    let folder = Folder::of(global)?;
    let opened = folder.open(global)?;
    let json = global.json;
    let out = &mut io::stdout().lock();
    match action {
        KeyAction::Show => {
            let journal = opened.journal;
            let identity = journal.sharing_identity()?;
            let key = identity.public_key();
            let fingerprint = praxis_core::share::seal::fingerprint(&key);
            if json {
                print::json(
                    out,
                    &serde_json::json!({ "public_key": key, "fingerprint": fingerprint, "name": journal.sharing_name()? }),
                )?;
            } else {
                writeln!(out, "Your sharing key (give it to your coach): {key}")?;
                writeln!(out, "Fingerprint, to read aloud: {fingerprint}")?;
            }
        }
        KeyAction::Name { name } => {
            opened.journal.set_sharing_name(&name)?;
            print::done(out, json, &format!("Your shares are now signed \"{}\".", name.trim()))?;
        }
        KeyAction::RecoveryShow { yes } => {
            if !yes {
                if !io::stdin().is_terminal() {
                    return Err(anyhow!(
                        "Anyone who sees the recovery key can open your journal. Add --yes to show it from a script."
                    ));
                }
                eprint!("Anyone who sees the recovery key can open your journal. Show it now? Type yes: ");
                let mut answer = String::new();
                io::stdin().read_line(&mut answer)?;
                if answer.trim() != "yes" {
                    return Err(anyhow!("Not shown."));
                }
            }
            let recovery = opened.journal.recovery_key();
            if json {
                print::json(out, &serde_json::json!({ "recovery_key": recovery.expose() }))?;
            } else {
                writeln!(out, "{}", recovery.expose())?;
            }
        }
        KeyAction::Rotate { new_passphrase_file } => {
            let new_key = match (opened.method, new_passphrase_file) {
                (_, Some(file)) => NewKey::Passphrase(unlock::read_secret_file(&file)?),
                (Method::Passphrase, None) => {
                    let first = rpassword::prompt_password("New passphrase: ")?;
                    if rpassword::prompt_password("The same passphrase again: ")? != first {
                        return Err(anyhow!("The two passphrases differ. The key was not changed."));
                    }
                    NewKey::Passphrase(secrecy::SecretString::from(first))
                }
                (_, None) => NewKey::Random,
            };
            let dir = &folder.dir;
            let rotated = protection::rotate_key(dir, opened.journal, new_key, &folder.keychain)?;
            if let (Some(file), Method::KeyFile) = (&global.key_file, rotated.method) {
                // Until the new recovery key is confirmed below, the old key
                // file still opens the journal (and the next open would put
                // the new key here): the new key is never only in memory.
                unlock::write_private(file, rotated.journal.key().to_hex().expose_secret())?;
            }
            let recovery = rotated.recovery_key.as_ref().map(|r| r.expose().to_owned()).unwrap_or_default();
            if json {
                print::json(out, &serde_json::json!({ "recovery_key": recovery }))?;
            } else {
                writeln!(out, "The journal and its backups are encrypted with a new key. Your old recovery key no longer opens them.")?;
                writeln!(out, "Your new recovery key (write it down):\n\n    {recovery}\n")?;
            }
            out.flush()?;
            protection::confirm_recovery_key(dir)?;
        }
    }
    Ok(())
}
