//! What every outside source (Day One, jrnl, a Markdown folder) is parsed
//! into before anything touches the journal: plain entries with a stable key
//! per source (for de-duplication), plus what was skipped and why. Parsing is
//! pure and complete — a whole source is read and checked before the store
//! sees a single entry, so an import is all or nothing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::journal::Kind;

/// Where entries came from; stored with each imported entry so that
/// importing the same source again adds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    DayOne,
    Jrnl,
    Markdown,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::DayOne => "dayone",
            SourceKind::Jrnl => "jrnl",
            SourceKind::Markdown => "markdown",
        }
    }
}

/// One entry read from a source, not yet in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedEntry {
    /// Stable within the source: Day One's `uuid`; jrnl's `uuid` if present,
    /// else a hash of its date, time and title; a Markdown file's path
    /// relative to the folder.
    pub source_key: String,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub occurred_on: NaiveDate,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub starred: bool,
    /// Attachments that were not brought in (e.g. Day One photos), said plainly.
    pub not_imported: Vec<String>,
}

/// Something in the source that will not become an entry, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// File, line or entry index, e.g. `Journal.json, entry 12` or `notes/a.md`.
    pub location: String,
    pub reason: String,
}

/// A whole source, read and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedSource {
    pub source: SourceKind,
    pub entries: Vec<ImportedEntry>,
    pub skipped: Vec<Skipped>,
}
