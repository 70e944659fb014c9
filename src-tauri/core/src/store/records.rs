//! Whole entries with their history, as the interchange formats move them in.

use rusqlite::{named_params, Transaction};

use super::entries::insert_entry;
use super::rows::{day_text, join_tags, stamp};
use super::Journal;
use crate::error::{Error, Result};
use crate::interchange::jsonl::EntryRecord;
use crate::model::EntryDraft;

/// Inserts a whole entry with its history, unless an entry with its id is
/// already there. Returns the new row, or `None` when the entry was there.
/// `draft` is the record's validated draft.
pub(crate) fn insert_record(tx: &Transaction<'_>, record: &EntryRecord, draft: &EntryDraft) -> Result<Option<i64>> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM entries WHERE uuid = :uuid)")?
        .query_row(named_params! { ":uuid": record.id }, |row| row.get(0))?;
    if exists {
        return Ok(None);
    }
    let row = insert_entry(
        tx,
        record.id,
        draft,
        record.occurred_on,
        record.created_at,
        record.updated_at,
        record.revision,
        record.deleted_at,
    )?;
    let mut add = tx.prepare_cached(
        "INSERT INTO revisions (entry_id, revision, kind, title, body, tags, occurred_on, starred, saved_at)
         VALUES (:entry, :revision, :kind, :title, :body, :tags, :occurred_on, :starred, :saved_at)",
    )?;
    for old in &record.revisions {
        add.execute(named_params! {
            ":entry": row,
            ":revision": old.revision,
            ":kind": old.kind,
            ":title": old.title,
            ":body": old.body,
            ":tags": join_tags(&old.tags),
            ":occurred_on": day_text(old.occurred_on),
            ":starred": old.starred,
            ":saved_at": stamp(&old.saved_at),
        })
        .map_err(Error::from)?;
    }
    Ok(Some(row))
}

impl Journal {
    /// Adds generated entries in one transaction (see [`crate::sample`]).
    /// Returns how many were added.
    pub fn add_sample_entries(&self, entries: impl IntoIterator<Item = crate::sample::SampleEntry>) -> Result<usize> {
        self.write(|tx| {
            let mut added = 0;
            for sample in entries {
                let draft = sample.draft.validated()?;
                let day = draft.occurred_on.unwrap_or_else(|| sample.written_at.date_naive());
                insert_entry(tx, sample.id, &draft, day, sample.written_at, sample.written_at, 1, None)?;
                added += 1;
            }
            Ok(added)
        })
    }
}
