//! `praxis` — the Praxis journal from a terminal: for scripting, tests and
//! benchmarks. A thin face over praxis-core: it parses arguments, reads the
//! clock and the environment, calls the core, and prints. No WebKit, no GUI.
//!
//! `cli.rs` holds the command line; each group of commands has one file
//! with its arguments, what it does and what it prints (`entries`,
//! `exchange`, `care`, `action`, `sharing`, `keys`). The groups share
//! `args` (global options, filters, parsers), `context` (the data folder,
//! the opened journal, the clock), `unlock` (finding the journal's key) and
//! `print`; none of them uses `cli` or `main`.
#![forbid(unsafe_code)]

mod action;
mod args;
mod care;
mod cli;
mod context;
mod editor;
mod entries;
mod exchange;
mod hints;
mod keys;
mod print;
mod sharing;
mod unlock;

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use cli::{Cli, Command};

fn run(cli: Cli) -> Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Entries(command) => entries::run(command, global),
        Command::Exchange(command) => exchange::run(command, global),
        Command::Care(command) => care::run(command, global),
        Command::Action(command) => action::run(command, global),
        Command::Sharing(command) => sharing::run(command, global),
        Command::Key { action } => keys::run(action, global),
        Command::Backup { action } => care::backup(action, global),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let report_memory = cli.report_memory;
    let result = run(cli);
    if report_memory {
        // Linux only; the benchmark reads this line.
        if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
                eprintln!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
            }
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("praxis: {}", hints::error_line(&err));
            ExitCode::FAILURE
        }
    }
}
