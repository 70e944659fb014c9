//! What every outside source (Day One, jrnl, a Markdown folder) is parsed
//! into before anything touches the journal: plain entries with a stable key
//! per source (for de-duplication), plus what was skipped and why. Parsing is
//! pure and complete — a whole source is read and checked before the store
//! sees a single entry, so an import is all or nothing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::Kind;

/// Where entries came from; stored with each imported entry so that
/// importing the same source again adds nothing.
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
    /// The source gave no date, so the day is the file's modification time
    /// (Markdown notes without a date in their front matter or their name).
    pub dated_by_modification_time: bool,
}

/// What to do with a note that has no date of its own.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndatedNotes {
    /// The note takes the day its file was last changed.
    #[default]
    Modified,
    /// The note is skipped, and listed as skipped.
    Skip,
}

/// Why an undated note is skipped when the person chose to skip them.
pub const UNDATED_SKIPPED: &str = "no date in its front matter or its name (undated notes are skipped)";

/// Something in the source that will not become an entry, and why.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// File, line or entry index, e.g. `Journal.json, entry 12` or `notes/a.md`.
    pub location: String,
    pub reason: String,
}

/// A whole source, read and checked.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedSource {
    pub source: SourceKind,
    pub entries: Vec<ImportedEntry>,
    pub skipped: Vec<Skipped>,
}

impl ParsedSource {
    /// Applies the person's choice for entries the source gave no date:
    /// keep them (dated by their file's modification time) or move them to
    /// the skipped list, each with why.
    pub fn with_undated(mut self, undated: UndatedNotes) -> Self {
        if undated == UndatedNotes::Skip {
            let (undated, dated): (Vec<_>, Vec<_>) =
                self.entries.into_iter().partition(|entry| entry.dated_by_modification_time);
            self.entries = dated;
            self.skipped.extend(
                undated.into_iter().map(|entry| Skipped { location: entry.source_key, reason: UNDATED_SKIPPED.into() }),
            );
        }
        self
    }
}

/// Splits a text into a title and a body the way journals write them: a
/// first line that is a Markdown heading, or a short line (at most 120
/// characters) followed by more text, becomes the title (without `#`); the
/// rest is the body. Otherwise the title is empty and the text is the body.
pub(crate) fn split_title(text: &str) -> (String, String) {
    let text = text.trim_start_matches(['\n', '\r']);
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r');
    let heading = first.starts_with('#') && first.trim_start_matches('#').starts_with(' ');
    if heading || (first.chars().count() <= 120 && !rest.trim().is_empty()) {
        let title = first.trim_start_matches('#').trim().to_owned();
        (title, rest.trim_start_matches(['\n', '\r']).to_owned())
    } else if first.chars().count() <= 120 && rest.trim().is_empty() {
        (first.trim().to_owned(), String::new())
    } else {
        (String::new(), text.to_owned())
    }
}

/// A stable key for an entry that has no id of its own in its source.
pub(crate) fn content_key(parts: &[&str]) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x4c1f_7a2e_93b0_4d5e_8f61_0a2b_3c4d_5e6f);
    format!("hash-{}", uuid::Uuid::new_v5(&NAMESPACE, parts.join("\u{0}").as_bytes()).simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_or_a_short_first_line_becomes_the_title() {
        assert_eq!(split_title("# Monday\n\nText."), ("Monday".into(), "Text.".into()));
        assert_eq!(split_title("Monday\nText."), ("Monday".into(), "Text.".into()));
        assert_eq!(split_title("Only a line"), ("Only a line".into(), String::new()));
        let long = "x".repeat(200);
        assert_eq!(split_title(&long), (String::new(), long.clone()), "a long paragraph is not a title");
    }
}
