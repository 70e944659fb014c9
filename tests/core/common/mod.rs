//! Helpers shared by the core's integration tests: a fresh journal in its own
//! temporary folder for every test, fixed instants, and short drafts.

use chrono::{DateTime, FixedOffset, NaiveDate};
use praxis_core::keys::DatabaseKey;
use praxis_core::{Entry, EntryDraft, EntryId, Journal, Kind};

pub struct TempJournal {
    pub dir: tempfile::TempDir,
    pub journal: Journal,
}

impl std::ops::Deref for TempJournal {
    type Target = Journal;
    fn deref(&self) -> &Journal {
        &self.journal
    }
}

pub fn temp_journal() -> TempJournal {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = Journal::open_in(dir.path(), &test_key()).expect("a new journal opens");
    TempJournal { dir, journal }
}

/// An instant with its offset, e.g. `at("2026-05-01T09:00:00+02:00")`.
pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("valid RFC 3339 in a test")
}

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid date in a test")
}

pub fn draft(title: &str, body: &str) -> EntryDraft {
    EntryDraft::new(Kind::Reflection, title, body)
}

pub fn add(journal: &Journal, draft: &EntryDraft, when: &str) -> Entry {
    journal.create_entry(EntryId::random(), draft, at(when)).expect("entry is created")
}

pub fn titles<'a>(items: impl IntoIterator<Item = &'a praxis_core::EntrySummary>) -> Vec<String> {
    items.into_iter().map(|e| e.title.clone()).collect()
}

/// The key every test journal is encrypted with (tests of keys make their own).
pub fn test_key() -> DatabaseKey {
    DatabaseKey::from_bytes([42; praxis_core::keys::KEY_BYTES])
}

/// A new active project running from April to December 2026.
pub fn project(journal: &Journal, name: &str) -> praxis_core::ProjectId {
    let draft = praxis_core::ProjectDraft {
        name: name.to_string(),
        challenge: "How do I let the team run the weekly without me?".to_string(),
        starts_on: day("2026-04-01"),
        ends_on: day("2026-12-31"),
        status: Default::default(),
    };
    journal.create_project(praxis_core::ProjectId::random(), &draft, at("2026-04-01T09:00:00+02:00")).unwrap().id
}

/// A passphrase or recovery key as the person types it.
pub fn secret(text: &str) -> secrecy::SecretString {
    secrecy::SecretString::from(text.to_owned())
}

/// A raw connection to an encrypted journal or backup, keyed with [`test_key`].
pub fn keyed_connection(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("the file opens");
    conn.pragma_update(None, "key", format!("x'{}'", "2a".repeat(32))).expect("the key applies");
    conn
}
