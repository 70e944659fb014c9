//! `praxis` — the Praxis journal from a terminal: for scripting, tests and
//! benchmarks. A thin face over praxis-core: it parses arguments, reads the
//! clock and the environment, calls the core, and prints. No WebKit, no GUI.
#![forbid(unsafe_code)]

mod action;
mod args;
mod editor;
mod exchange;
mod print;
mod run;
mod sharing;
mod unlock;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let report_memory = cli.report_memory;
    let result = run::run(cli);
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
            eprintln!("praxis: {err:#}");
            ExitCode::FAILURE
        }
    }
}
