//! The command line: the global options and every command, each group's
//! commands from its own file, in the order `praxis --help` lists them.

use clap::{Parser, Subcommand};

use crate::args::Global;
use crate::{action, care, entries, exchange, keys, sharing};

#[derive(Debug, Parser)]
#[command(name = "praxis", version, about = "Praxis: your private action-learning journal, from the terminal.")]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    /// Print the process's peak memory on standard error when done (for benchmarks).
    #[arg(long, global = true, hide = true)]
    pub report_memory: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    // add, list, show, edit, update, delete, restore, trash, purge,
    // history, revert, search, render (and the hidden generate).
    #[command(flatten)]
    Entries(entries::Command),
    // export, import.
    #[command(flatten)]
    Exchange(exchange::Command),
    // check, salvage, start-new-journal.
    #[command(flatten)]
    Care(care::Command),
    // project, experiment, session, commitment, today, week.
    #[command(flatten)]
    Action(action::Command),
    // coach, share, open, inbox, share-log, feedback.
    #[command(flatten)]
    Sharing(sharing::Command),
    /// The journal's encryption key: show the recovery key, or change the key.
    Key {
        #[command(subcommand)]
        action: keys::KeyAction,
    },
    /// Take, list or restore backups of the journal.
    Backup {
        #[command(subcommand)]
        action: care::BackupAction,
    },
}
