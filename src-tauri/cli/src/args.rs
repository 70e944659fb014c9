//! The arguments several groups of commands share: the global options, the
//! entry filters, and the parsers for days and the core's values. Each
//! group's own arguments are in its file; `cli.rs` puts them together.

use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use clap::Args;
use praxis_core::Kind;

// The options every command takes (`global`): where the journal is, how it
// opens, and how to print. (A plain comment: clap would take a doc comment
// here for the whole program's description.)
#[derive(Debug, Args)]
pub struct Global {
    /// The folder holding the journal (default: your per-user data folder).
    #[arg(long, global = true, env = "PRAXIS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Open the journal with the key in this file (64 hex digits or a
    /// recovery key) instead of the keychain: for scripts and tests. A new
    /// journal is encrypted with it.
    #[arg(long, global = true, env = "PRAXIS_KEY_FILE", value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Read the journal's passphrase from this file instead of asking (for
    /// journals on machines without a keychain).
    #[arg(long, global = true, env = "PRAXIS_PASSPHRASE_FILE", value_name = "FILE", conflicts_with = "key_file")]
    pub journal_passphrase_file: Option<PathBuf>,

    /// Print data as JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

// Which entries: `list`, `search` and `export` narrow with these.
#[derive(Debug, Args)]
pub struct NarrowArgs {
    #[arg(long, value_parser = parse::<Kind>)]
    pub kind: Option<Kind>,
    #[arg(long)]
    pub tag: Option<String>,
    /// First day to include.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub from: Option<NaiveDate>,
    /// Last day to include.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub to: Option<NaiveDate>,
    /// Only starred entries.
    #[arg(long)]
    pub starred: bool,
}

impl NarrowArgs {
    pub fn to_filter(&self) -> praxis_core::ListFilter {
        praxis_core::ListFilter {
            kind: self.kind,
            tag: self.tag.clone(),
            from: self.from,
            to: self.to,
            starred: self.starred.then_some(true),
            ..Default::default()
        }
    }
}

/// A value the core parses from its name: a kind, a status, a role.
pub fn parse<T: FromStr<Err = praxis_core::Error>>(text: &str) -> Result<T, praxis_core::Error> {
    text.parse()
}

pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-05-01"))
}
