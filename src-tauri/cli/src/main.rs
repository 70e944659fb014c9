//! `praxis` — the Praxis journal from a terminal: for scripting, tests and
//! benchmarks. A thin face over praxis-core: it parses arguments, reads the
//! clock and the environment, calls the core, and prints. No WebKit, no GUI.
#![forbid(unsafe_code)]

mod args;
mod editor;
mod print;
mod run;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("praxis: {err:#}");
            ExitCode::FAILURE
        }
    }
}
