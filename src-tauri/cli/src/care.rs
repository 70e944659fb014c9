//! Looking after the journal: `check`, `salvage`, `start-new-journal` and
//! `backup now | list | restore`, their arguments, what they do and print.
//! A journal that cannot be opened can still be salvaged, have its backups
//! listed and one put in its place.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{anyhow, Result};
use chrono::Utc;
use clap::Subcommand;
use praxis_core::{paths, BackupInfo, BackupReason, CheckReport};

use crate::args::Global;
use crate::context::Folder;
use crate::print::{self, Empty};
use crate::unlock;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the journal's integrity.
    Check {
        /// Rebuild the search index from the entries.
        #[arg(long)]
        repair_index: bool,
    },
    /// Save what can still be read of a damaged journal into a new one,
    /// written as a backup (restore it with `praxis backup restore`).
    Salvage,
    /// Set the journal in this folder aside (moved into previous-<time>/,
    /// nothing deleted) so that a new, empty journal starts here.
    StartNewJournal {
        /// Yes, set it aside.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupAction {
    /// Take a backup now.
    Now,
    /// List the backups, newest first.
    List,
    /// Replace the journal with a backup (the current content is backed up first).
    Restore { id: String },
}

/// Whether opening failed because of the journal's file itself (missing,
/// emptied, damaged, not a journal), not because of its key.
fn unopenable(err: &anyhow::Error) -> bool {
    err.downcast_ref::<unlock::Advised>().is_some_and(|a| a.error.is_about_the_file())
}

pub fn run(command: Command, global: &Global) -> Result<()> {
    let folder = Folder::of(global)?;
    let dir = &folder.dir;
    let json = global.json;
    match command {
        Command::StartNewJournal { yes } => start_new_journal(dir, yes, json),
        Command::Salvage => match folder.open(global) {
            Err(err) if unopenable(&err) => {
                let key = praxis_core::protection::find_key(dir, &unlock::requested_unlock(global)?, &folder.keychain)?;
                salvage(&paths::database_path(dir), &key, json)
            }
            opened => {
                let journal = opened?.journal;
                salvage(journal.path(), journal.key(), json)
            }
        },
        Command::Check { repair_index } => {
            let journal = folder.open(global)?.journal;
            let advice_unlock = unlock::requested_unlock(global)?;
            if repair_index {
                journal.rebuild_index()?;
            }
            let report = journal.check()?;
            print_check(&mut io::stdout().lock(), &report, json)?;
            if !report.is_healthy() {
                return Err(anyhow!(
                    "The journal has problems (listed above). Your entries were not changed.{}",
                    unlock::backup_advice(dir, &advice_unlock, &folder.keychain)
                ));
            }
            Ok(())
        }
    }
}

pub fn backup(action: BackupAction, global: &Global) -> Result<()> {
    let folder = Folder::of(global)?;
    let dir = &folder.dir;
    let json = global.json;
    let opened = match (folder.open(global), &action) {
        (Err(err), BackupAction::Restore { id }) if unopenable(&err) => {
            // The journal cannot be opened: put the backup in its place and
            // keep what was there aside, never writing over it.
            let key = praxis_core::protection::find_key(dir, &unlock::requested_unlock(global)?, &folder.keychain)?;
            let aside = praxis_core::store::backup::restore_over_damaged(dir, id, &key, Utc::now())?;
            let message = match aside {
                Some(aside) => {
                    format!("Restored {id}. What was in the journal's place was moved to {}.", aside.display())
                }
                None => format!("Restored {id}."),
            };
            return print::done(&mut io::stdout().lock(), json, &message);
        }
        (Err(err), BackupAction::List) if unopenable(&err) => {
            // The backups are what a person needs to see now.
            eprintln!("praxis: {err}");
            let key = praxis_core::protection::find_key(dir, &unlock::requested_unlock(global)?, &folder.keychain)?;
            let backups = praxis_core::store::backup::backups_beside(&paths::database_path(dir), &key);
            return print_backups(&mut io::stdout().lock(), &backups, json);
        }
        (opened, _) => opened?,
    };
    let journal = opened.journal;
    let out = &mut io::stdout().lock();
    match action {
        BackupAction::Now => {
            let backup = journal.backup_now(BackupReason::Manual, Utc::now())?;
            print_backups(out, std::slice::from_ref(&backup), json)
        }
        BackupAction::List => print_backups(out, &journal.list_backups()?, json),
        BackupAction::Restore { id } => {
            // A journal opened read-only is damaged; one that opened may be
            // found damaged while it is backed up first.
            let in_place = match journal.is_read_only() {
                true => Err(praxis_core::Error::Damaged { path: journal.path().to_path_buf() }),
                false => journal.restore_backup(&id, Utc::now()),
            };
            let backup = match in_place {
                Err(praxis_core::Error::Damaged { .. }) => {
                    // Moved aside, never written over.
                    let key = journal.key().clone();
                    drop(journal);
                    let aside = praxis_core::store::backup::restore_over_damaged(dir, &id, &key, Utc::now())?;
                    let aside = aside.map(|a| format!(" The damaged journal was moved to {}.", a.display()));
                    return print::done(out, json, &format!("Restored {id}.{}", aside.unwrap_or_default()));
                }
                other => other?,
            };
            print::done(
                out,
                json,
                &format!("Restored {}. What was there before is in a \"before-restore\" backup.", backup.id),
            )
        }
    }
}

/// `praxis salvage`: what can be read, into a new journal kept as a backup.
fn salvage(database: &Path, key: &praxis_core::keys::DatabaseKey, json: bool) -> Result<()> {
    let report = praxis_core::store::salvage::salvage(database, key, Utc::now())?;
    if json {
        return print::json(&mut io::stdout().lock(), &report);
    }
    let id = &report.backup.id;
    let mut message = format!("Saved {} entries into the backup {id}.", report.entries);
    if !report.damaged_tables.is_empty() {
        message.push_str(&format!(
            " Parts of {} could not be read; what was on them is not in it.",
            report.damaged_tables.join(", ")
        ));
    }
    if report.orphans_dropped > 0 {
        message.push_str(&format!(" {} rows that pointed at lost rows were left out.", report.orphans_dropped));
    }
    message.push_str(&format!(
        " `praxis backup restore {id}` puts it in place of the journal and keeps the damaged one aside."
    ));
    print::done(&mut io::stdout().lock(), false, &message)
}

/// `praxis start-new-journal --yes`: the explicit choice to start over in a
/// folder that held a journal. Nothing is deleted.
fn start_new_journal(dir: &Path, yes: bool, json: bool) -> Result<()> {
    if !yes {
        return Err(anyhow!(
            "This sets everything of the journal in {} aside (its file, key record and backups, moved into a \
             previous-<time> folder, not deleted) so that a new, empty journal starts there. Add --yes to do it.",
            dir.display()
        ));
    }
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let aside = praxis_core::protection::set_earlier_journal_aside(dir, &stamp)?;
    let message = format!(
        "The earlier journal is in {}. The next command starts a new journal in {}.",
        aside.display(),
        dir.display()
    );
    print::done(&mut io::stdout().lock(), json, &message)
}

fn print_check(out: &mut dyn Write, report: &CheckReport, as_json: bool) -> Result<()> {
    if as_json {
        return print::json(out, report);
    }
    writeln!(
        out,
        "{} entries, {} in the trash, {} earlier versions (schema {}).",
        report.entries, report.in_trash, report.revisions, report.schema_version
    )?;
    if report.is_healthy() {
        writeln!(out, "The journal is healthy.")?;
    }
    for problem in &report.problems {
        writeln!(out, "problem: {}", crate::hints::problem_line(problem))?;
    }
    Ok(())
}

fn print_backups(out: &mut dyn Write, backups: &[BackupInfo], as_json: bool) -> Result<()> {
    let empty = Empty::Hint("No backups yet. `praxis backup now` takes one.");
    print::listing(out, backups, as_json, empty, |backup| {
        let entries = backup.entries.map(|n| format!("{n} entries")).unwrap_or_else(|| "unreadable".into());
        format!(
            "{}  {}  {:>14}  {:>6.1} MB",
            backup.id,
            backup.taken_at.format("%Y-%m-%d %H:%M UTC"),
            entries,
            backup.bytes as f64 / 1e6
        )
    })
}
