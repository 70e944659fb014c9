//! Whole entries with their history, as the interchange formats move them.

use rusqlite::{named_params, Transaction};

use super::entries::insert_entry;
use super::rows::{day_text, entry_from_row, join_tags, parse_day, parse_stamp, split_tags, stamp};
use super::Journal;
use crate::error::{Error, Result};
use crate::interchange::jsonl::EntryRecord;
use crate::journal::{EntryDraft, Revision};

impl Journal {
    /// Calls `visit` with every entry (live and trashed), oldest first, with
    /// its earlier versions. One entry is in memory at a time.
    pub(crate) fn for_each_record(&self, visit: &mut dyn FnMut(&EntryRecord) -> Result<()>) -> Result<()> {
        self.read(|conn| {
            let mut entries = conn.prepare(
                "SELECT uuid, kind, title, tags, occurred_on, created_at, updated_at, starred, revision, deleted_at, body, id
                 FROM entries ORDER BY sort_key",
            )?;
            let mut revisions = conn.prepare(
                "SELECT revision, kind, title, body, tags, occurred_on, starred, saved_at
                 FROM revisions WHERE entry_id = :entry ORDER BY revision",
            )?;
            let mut rows = entries.query([])?;
            while let Some(row) = rows.next()? {
                let entry = entry_from_row(row)?;
                let row_id: i64 = row.get(11)?;
                let history = revisions
                    .query_map(named_params! { ":entry": row_id }, |r| {
                        Ok(Revision {
                            revision: r.get(0)?,
                            kind: r.get(1)?,
                            title: r.get(2)?,
                            body: r.get(3)?,
                            tags: split_tags(&r.get::<_, String>(4)?),
                            occurred_on: parse_day(&r.get::<_, String>(5)?)?,
                            starred: r.get(6)?,
                            saved_at: parse_stamp(&r.get::<_, String>(7)?)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                visit(&EntryRecord {
                    id: entry.id,
                    kind: entry.kind,
                    title: entry.title,
                    tags: entry.tags,
                    occurred_on: entry.occurred_on,
                    created_at: entry.created_at,
                    updated_at: entry.updated_at,
                    starred: entry.starred,
                    revision: entry.revision,
                    deleted_at: entry.deleted_at,
                    body: entry.body,
                    revisions: history,
                })?;
            }
            Ok(())
        })
    }
}

/// Inserts a whole entry with its history, unless an entry with its id is
/// already there. Returns whether it was inserted. `draft` is the record's
/// validated draft.
pub(crate) fn insert_record(tx: &Transaction<'_>, record: &EntryRecord, draft: &EntryDraft) -> Result<bool> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM entries WHERE uuid = :uuid)")?
        .query_row(named_params! { ":uuid": record.id }, |row| row.get(0))?;
    if exists {
        return Ok(false);
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
    Ok(true)
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
