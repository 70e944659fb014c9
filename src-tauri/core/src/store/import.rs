//! Bringing a parsed outside source (Day One, jrnl, Markdown) into the
//! journal: a preview that writes nothing, then an all-or-nothing import that
//! skips whatever was imported from the same source before.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use super::entries::insert_entry;
use super::{Journal, TagCount};
use crate::error::{Error, Result};
use crate::interchange::source::{ImportedEntry, ParsedSource, Skipped, SourceKind};
use crate::model::{EntryDraft, EntryId};

/// Ids of imported entries are derived from their source and key, so the
/// same source entry gets the same id in every journal it is imported into.
const IMPORT_NAMESPACE: Uuid = Uuid::from_u128(0x9d3c_52a1_7e0b_4f6c_a8f1_2b6d_0c4e_9a17);

/// What an import will do (preview) or did (import).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    pub source: SourceKind,
    /// Entries that are new to this journal.
    pub new_entries: usize,
    /// Entries imported from this source before (even if deleted since).
    pub already_imported: usize,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// Tags of the new entries, with how many carry each, most used first.
    pub tags: Vec<TagCount>,
    /// What the source holds that will not become an entry, and why.
    pub skipped: Vec<Skipped>,
    /// Attachments and other parts that are not brought in.
    pub not_imported: Vec<String>,
    /// New entries the source gave no date, dated by their file's
    /// modification time instead (Markdown notes), by location.
    pub dated_by_modification_time: Vec<String>,
}

fn entry_id(source: SourceKind, key: &str) -> EntryId {
    EntryId::from_uuid(Uuid::new_v5(&IMPORT_NAMESPACE, format!("{}\u{0}{key}", source.as_str()).as_bytes()))
}

fn draft(entry: &ImportedEntry) -> Result<EntryDraft> {
    EntryDraft {
        kind: entry.kind,
        title: entry.title.clone(),
        body: entry.body.clone(),
        tags: entry.tags.clone(),
        occurred_on: Some(entry.occurred_on),
        starred: entry.starred,
    }
    .validated()
    .map_err(|err| Error::ImportSource {
        // Keys are bounded by the parsers; a message stays short all the same.
        location: crate::limits::shortened(&entry.source_key, 200),
        message: err.to_string(),
    })
}

fn seen_before(conn: &Connection, source: SourceKind, entry: &ImportedEntry) -> Result<bool> {
    let known: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM entry_sources WHERE source = :source AND source_key = :key")?
        .query_row(named_params! { ":source": source.as_str(), ":key": entry.source_key }, |row| row.get(0))
        .optional()?;
    if known.is_some() {
        return Ok(true);
    }
    let id = entry_id(source, &entry.source_key);
    Ok(conn
        .prepare_cached("SELECT 1 FROM entries WHERE uuid = :uuid")?
        .query_row(named_params! { ":uuid": id }, |row| row.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// An entry to insert: its id, its checked draft, and its index in the source.
type Planned = (EntryId, EntryDraft, usize);

/// Checks every entry and works out what an import would do, without writing.
fn plan(conn: &Connection, parsed: &ParsedSource) -> Result<(ImportPreview, Vec<Planned>)> {
    let mut preview = ImportPreview {
        source: parsed.source,
        new_entries: 0,
        already_imported: 0,
        first_day: None,
        last_day: None,
        tags: Vec::new(),
        skipped: parsed.skipped.clone(),
        not_imported: Vec::new(),
        dated_by_modification_time: Vec::new(),
    };
    let mut tags: BTreeMap<String, u32> = BTreeMap::new();
    let mut new = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for (index, entry) in parsed.entries.iter().enumerate() {
        let draft = draft(entry)?;
        if !keys.insert(entry.source_key.as_str()) {
            preview.skipped.push(Skipped {
                location: entry.source_key.clone(),
                reason: "it appears twice in the source; the first one is imported".into(),
            });
            continue;
        }
        if seen_before(conn, parsed.source, entry)? {
            preview.already_imported += 1;
            continue;
        }
        preview.new_entries += 1;
        preview.first_day = preview.first_day.min(Some(entry.occurred_on)).or(Some(entry.occurred_on));
        preview.last_day = preview.last_day.max(Some(entry.occurred_on));
        for tag in &draft.tags {
            *tags.entry(tag.clone()).or_default() += 1;
        }
        preview.not_imported.extend(entry.not_imported.iter().map(|note| format!("{}: {note}", entry.source_key)));
        if entry.dated_by_modification_time {
            preview.dated_by_modification_time.push(entry.source_key.clone());
        }
        new.push((entry_id(parsed.source, &entry.source_key), draft, index));
    }
    let mut tags: Vec<TagCount> = tags.into_iter().map(|(tag, entries)| TagCount { tag, entries }).collect();
    tags.sort_by(|a, b| b.entries.cmp(&a.entries).then(a.tag.cmp(&b.tag)));
    preview.tags = tags;
    Ok((preview, new))
}

impl Journal {
    /// What importing `parsed` would do. Writes nothing.
    pub fn preview_import(&self, parsed: &ParsedSource) -> Result<ImportPreview> {
        self.read(|conn| plan(conn, parsed).map(|(preview, _)| preview))
    }

    /// Imports the new entries of `parsed` in one transaction: all of them or,
    /// on any error, none. Entries imported from the same source before are
    /// skipped, even if they were deleted since.
    pub fn import_source(&self, parsed: &ParsedSource) -> Result<ImportPreview> {
        self.write_in_bulk(|tx| {
            let (preview, new) = plan(tx, parsed)?;
            let deferred = super::exchange::defer_index(tx)?;
            // Oldest first, so entries of one day keep their written order.
            let mut order: Vec<_> = new.iter().collect();
            order.sort_by_key(|(_, _, index)| (parsed.entries[*index].occurred_on, parsed.entries[*index].created_at));
            for (id, draft, index) in order {
                let entry = &parsed.entries[*index];
                let day = entry.occurred_on;
                let row = insert_entry(tx, *id, draft, day, entry.created_at, entry.updated_at, 1, None)?;
                tx.prepare_cached(
                    "INSERT INTO entry_sources (source, source_key, entry_id) VALUES (:source, :key, :entry)",
                )?
                .execute(
                    named_params! { ":source": parsed.source.as_str(), ":key": entry.source_key, ":entry": row },
                )?;
            }
            super::exchange::finish_index(tx, deferred)?;
            Ok(preview)
        })
    }
}
