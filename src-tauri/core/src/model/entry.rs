use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{tags::normalize_tags, EntryId, Kind, ProjectId};
use crate::error::{Error, Result};

pub const MAX_TITLE_CHARS: usize = 300;
/// A generous cap (about 300 pages of prose) that keeps a pasted binary or a
/// runaway import from bloating the journal.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What the writer gives when creating or saving an entry: everything the
/// writer controls, nothing the journal decides (id, times, revision).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDraft {
    pub kind: Kind,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The day the entry is about; `None` means the day it was written.
    #[serde(default)]
    pub occurred_on: Option<NaiveDate>,
    #[serde(default)]
    pub starred: bool,
}

impl EntryDraft {
    pub fn new(kind: Kind, title: impl Into<String>, body: impl Into<String>) -> Self {
        EntryDraft { kind, title: title.into(), body: body.into(), tags: Vec::new(), occurred_on: None, starred: false }
    }

    /// The draft in its stored form: title trimmed, tags normalised, sizes
    /// checked. Errors are sentences that say what to change.
    pub(crate) fn validated(&self) -> Result<EntryDraft> {
        let title = self.title.trim().to_string();
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(Error::out_of_range(format!(
                "The title is longer than {MAX_TITLE_CHARS} characters. Shorten it and move the rest into the text."
            )));
        }
        if title.contains(['\n', '\r']) {
            return Err(Error::invalid("A title must be a single line."));
        }
        if self.body.len() > MAX_BODY_BYTES {
            return Err(Error::out_of_range(format!(
                "The text is larger than {} MB. Split it into several entries.",
                MAX_BODY_BYTES / (1024 * 1024)
            )));
        }
        Ok(EntryDraft {
            kind: self.kind,
            title,
            body: self.body.clone(),
            tags: normalize_tags(&self.tags)?,
            occurred_on: self.occurred_on,
            starred: self.starred,
        })
    }
}

/// One piece of writing, as stored.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    /// Normalised, sorted, unique.
    pub tags: Vec<String>,
    pub occurred_on: NaiveDate,
    /// When it was first written, with the writer's UTC offset at the time.
    pub created_at: DateTime<FixedOffset>,
    /// When it was last saved, with the writer's UTC offset at the time.
    pub updated_at: DateTime<FixedOffset>,
    pub starred: bool,
    /// Starts at 1 and grows by one with every save that changed something.
    pub revision: i64,
    /// Set while the entry is in the trash.
    pub deleted_at: Option<DateTime<FixedOffset>>,
    /// The project it belongs to, if any.
    pub project: Option<ProjectId>,
}

impl Entry {
    pub fn summary(&self) -> EntrySummary {
        EntrySummary {
            id: self.id,
            kind: self.kind,
            title: self.title.clone(),
            occurred_on: self.occurred_on,
            tags: self.tags.clone(),
            starred: self.starred,
            updated_at: self.updated_at,
        }
    }

    /// The writer-controlled part of this entry, e.g. to edit and save back.
    pub fn draft(&self) -> EntryDraft {
        EntryDraft {
            kind: self.kind,
            title: self.title.clone(),
            body: self.body.clone(),
            tags: self.tags.clone(),
            occurred_on: Some(self.occurred_on),
            starred: self.starred,
        }
    }
}

/// The narrow row used by lists and search results: no body.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub id: EntryId,
    pub kind: Kind,
    pub title: String,
    pub occurred_on: NaiveDate,
    pub tags: Vec<String>,
    pub starred: bool,
    pub updated_at: DateTime<FixedOffset>,
}

/// An earlier version of an entry, kept when a later save replaced it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub revision: i64,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub occurred_on: NaiveDate,
    pub starred: bool,
    /// When this version was saved (it was current from then on).
    pub saved_at: DateTime<FixedOffset>,
}

/// One line of an entry's history.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub revision: i64,
    pub title: String,
    pub saved_at: DateTime<FixedOffset>,
    /// True for the version the entry has now.
    pub current: bool,
    pub words: usize,
}
