//! Writing and reading entries: create, save (keeping the previous version),
//! history and revert, trash and restore.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension, Transaction};

use super::rows::{
    day_keys, day_text, entry_from_row, entry_project, join_tags, parse_day, parse_stamp, split_tags, stamp,
    summary_from_row,
};
use super::Journal;
use crate::error::{Error, Result};
use crate::model::{Entry, EntryDraft, EntryId, EntrySummary, ProjectId, Revision, RevisionSummary};

/// The earliest and latest day an entry may be about: four-digit years only,
/// which keeps dates unambiguous in every export format.
fn check_day(day: NaiveDate) -> Result<NaiveDate> {
    let year = chrono::Datelike::year(&day);
    if !(1000..=9999).contains(&year) {
        return Err(Error::out_of_range(format!(
            "The date {day} is out of range. Use a date between the years 1000 and 9999."
        )));
    }
    Ok(day)
}

impl Journal {
    /// Creates an entry with the given id. `now` is the writer's local time
    /// (its offset is kept); the entry is about `draft.occurred_on`, or the
    /// day of `now` if that is empty.
    pub fn create_entry(&self, id: EntryId, draft: &EntryDraft, now: DateTime<FixedOffset>) -> Result<Entry> {
        self.create_entry_in(id, draft, None, now)
    }

    /// Creates an entry that belongs to `project` from the start: the entry
    /// and its place in the project are one transaction, so no entry is left
    /// outside the project it was written for.
    pub fn create_entry_in(
        &self,
        id: EntryId,
        draft: &EntryDraft,
        project: Option<ProjectId>,
        now: DateTime<FixedOffset>,
    ) -> Result<Entry> {
        let draft = draft.validated()?;
        let day = check_day(draft.occurred_on.unwrap_or_else(|| now.date_naive()))?;
        self.write(|tx| {
            if row_id(tx, id)?.is_some() {
                return Err(Error::conflict(format!("An entry with the id {id} already exists.")));
            }
            let row = insert_entry(tx, id, &draft, day, now, now, 1, None)?;
            if project.is_some() {
                super::projects::link_entry(tx, row, project)?;
            }
            load_entry(tx, id)
        })
    }

    /// The entry with this id, whether live or in the trash.
    pub fn get_entry(&self, id: EntryId) -> Result<Entry> {
        self.read(|conn| load_entry(conn, id))
    }

    /// Saves a new version of an entry. The version it replaces is kept in
    /// the entry's history. Saving a draft identical to the current version
    /// changes nothing (autosave may call this freely).
    ///
    /// `draft.occurred_on = None` keeps the entry's day.
    pub fn update_entry(&self, id: EntryId, draft: &EntryDraft, now: DateTime<FixedOffset>) -> Result<Entry> {
        let draft = draft.validated()?;
        self.write(|tx| save_version(tx, id, &draft, now))
    }

    /// Saves while the person types. One editing session makes one version
    /// in the history, however often it saves: pass `None` for the session's
    /// first save, then the revision each save returned. A save overwrites
    /// the version its session wrote last, and only that one: if anyone
    /// else (another window, the CLI) saved in between, their version is
    /// kept in the history and this save becomes a new version. No save
    /// ever loses another's words.
    pub fn autosave_entry(
        &self,
        id: EntryId,
        draft: &EntryDraft,
        session: Option<i64>,
        now: DateTime<FixedOffset>,
    ) -> Result<Entry> {
        let draft = draft.validated()?;
        self.write(|tx| {
            let current = load_entry(tx, id)?;
            match session {
                Some(revision) if revision == current.revision && current.deleted_at.is_none() => {
                    write_version(tx, id, &current, &draft, now, false)
                }
                _ => save_version(tx, id, &draft, now),
            }
        })
    }

    /// The versions of an entry, newest first; the first is the current one.
    pub fn history(&self, id: EntryId) -> Result<Vec<RevisionSummary>> {
        self.read(|conn| {
            let current = load_entry(conn, id)?;
            let mut list = vec![RevisionSummary {
                revision: current.revision,
                title: current.title.clone(),
                saved_at: current.updated_at,
                current: true,
                words: current.body.split_whitespace().count(),
            }];
            let mut stmt = conn.prepare(
                "SELECT r.revision, r.title, r.saved_at, r.body
                 FROM revisions AS r JOIN entries AS e ON e.id = r.entry_id
                 WHERE e.uuid = :uuid
                 ORDER BY r.revision DESC",
            )?;
            let rows = stmt.query_map(named_params! { ":uuid": id }, |row| {
                Ok(RevisionSummary {
                    revision: row.get(0)?,
                    title: row.get(1)?,
                    saved_at: parse_stamp(&row.get::<_, String>(2)?)?,
                    current: false,
                    words: row.get::<_, String>(3)?.split_whitespace().count(),
                })
            })?;
            for row in rows {
                list.push(row?);
            }
            Ok(list)
        })
    }

    /// One version of an entry: an earlier one from its history, or the
    /// current one.
    pub fn get_revision(&self, id: EntryId, revision: i64) -> Result<Revision> {
        self.read(|conn| load_revision(conn, id, revision))
    }

    /// Makes an earlier version current again, as a new save: the version it
    /// replaces stays in the history, so a revert can itself be undone.
    pub fn revert_entry(&self, id: EntryId, revision: i64, now: DateTime<FixedOffset>) -> Result<Entry> {
        self.write(|tx| {
            let old = load_revision(tx, id, revision)?;
            let draft = EntryDraft {
                kind: old.kind,
                title: old.title,
                body: old.body,
                tags: old.tags,
                occurred_on: Some(old.occurred_on),
                starred: old.starred,
            };
            save_version(tx, id, &draft, now)
        })
    }

    /// Moves an entry to the trash. It leaves lists and search but keeps every
    /// word and version until the trash is emptied. Trashing an entry that
    /// is already in the trash changes nothing.
    pub fn delete_entry(&self, id: EntryId, now: DateTime<FixedOffset>) -> Result<()> {
        self.write(|tx| {
            let entry = load_entry(tx, id)?;
            if entry.deleted_at.is_none() {
                tx.execute(
                    "UPDATE entries SET deleted_at = :now WHERE uuid = :uuid",
                    named_params! { ":now": stamp(&now), ":uuid": id },
                )?;
            }
            Ok(())
        })
    }

    /// Brings an entry back from the trash, exactly as it was.
    pub fn restore_entry(&self, id: EntryId) -> Result<Entry> {
        self.write(|tx| {
            let entry = load_entry(tx, id)?;
            if entry.deleted_at.is_none() {
                return Err(Error::EntryNotInTrash(id.to_string()));
            }
            tx.execute("UPDATE entries SET deleted_at = NULL WHERE uuid = :uuid", named_params! { ":uuid": id })?;
            load_entry(tx, id)
        })
    }

    /// The entries in the trash, most recently trashed first.
    pub fn list_trash(&self) -> Result<Vec<EntrySummary>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT uuid, kind, title, occurred_on, tags, starred, updated_at
                 FROM entries WHERE deleted_at IS NOT NULL
                 ORDER BY deleted_at DESC, sort_key DESC",
            )?;
            let rows = stmt.query_map([], summary_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Deletes one entry from the trash for good, with its history. Only an
    /// entry already in the trash can be purged.
    pub fn purge_entry(&self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            let entry = load_entry(tx, id)?;
            if entry.deleted_at.is_none() {
                return Err(Error::EntryNotInTrash(id.to_string()));
            }
            tx.execute("DELETE FROM entries WHERE uuid = :uuid", named_params! { ":uuid": id })?;
            Ok(())
        })
    }

    /// Deletes every entry in the trash for good. Returns how many.
    pub fn empty_trash(&self) -> Result<usize> {
        self.write(|tx| Ok(tx.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?))
    }

    /// Finds the entry an id or a unique beginning of one (at least four
    /// characters, as `praxis list` prints them) refers to.
    pub fn resolve_id(&self, text: &str) -> Result<EntryId> {
        let text = text.trim().to_ascii_lowercase();
        if let Ok(id) = text.parse::<EntryId>() {
            return Ok(id);
        }
        if text.len() < 4 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::EntryNotFound(text));
        }
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT uuid FROM entries WHERE uuid >= :prefix AND uuid < :prefix || 'g' ORDER BY uuid LIMIT 2",
            )?;
            let ids = stmt
                .query_map(named_params! { ":prefix": text }, |row| row.get::<_, EntryId>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            match ids.as_slice() {
                [one] => Ok(*one),
                [] => Err(Error::EntryNotFound(text.clone())),
                _ => Err(Error::AmbiguousId(text.clone())),
            }
        })
    }
}

pub(crate) fn row_id(conn: &Connection, id: EntryId) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM entries WHERE uuid = :uuid", named_params! { ":uuid": id }, |row| row.get(0))
        .optional()?)
}

pub(crate) fn load_entry(conn: &Connection, id: EntryId) -> Result<Entry> {
    conn.query_row(
        concat!(
            "SELECT e.uuid, e.kind, e.title, e.tags, e.occurred_on, e.created_at, e.updated_at, e.starred, e.revision,
                    e.deleted_at, e.body, ",
            entry_project!(),
            " FROM entries AS e WHERE e.uuid = :uuid"
        ),
        named_params! { ":uuid": id },
        entry_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::EntryNotFound(id.to_string()))
}

fn load_revision(conn: &Connection, id: EntryId, revision: i64) -> Result<Revision> {
    let current = load_entry(conn, id)?;
    if revision == current.revision {
        return Ok(Revision {
            revision,
            kind: current.kind,
            title: current.title,
            body: current.body,
            tags: current.tags,
            occurred_on: current.occurred_on,
            starred: current.starred,
            saved_at: current.updated_at,
        });
    }
    conn.query_row(
        "SELECT r.revision, r.kind, r.title, r.body, r.tags, r.occurred_on, r.starred, r.saved_at
         FROM revisions AS r JOIN entries AS e ON e.id = r.entry_id
         WHERE e.uuid = :uuid AND r.revision = :revision",
        named_params! { ":uuid": id, ":revision": revision },
        |row| {
            Ok(Revision {
                revision: row.get(0)?,
                kind: row.get(1)?,
                title: row.get(2)?,
                body: row.get(3)?,
                tags: split_tags(&row.get::<_, String>(4)?),
                occurred_on: parse_day(&row.get::<_, String>(5)?)?,
                starred: row.get(6)?,
                saved_at: parse_stamp(&row.get::<_, String>(7)?)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::RevisionNotFound { entry: id.to_string(), revision })
}

/// The next free sort key on `day`: after every entry already on that day.
fn next_sort_key(tx: &Transaction<'_>, day: NaiveDate) -> Result<i64> {
    let (lo, hi) = day_keys(day);
    let last: Option<i64> = tx
        .prepare_cached("SELECT max(sort_key) FROM entries WHERE sort_key BETWEEN :lo AND :hi")?
        .query_row(named_params! { ":lo": lo, ":hi": hi }, |row| row.get(0))?;
    match last {
        None => Ok(lo),
        Some(key) if key < hi => Ok(key + 1),
        Some(_) => Err(Error::out_of_range(format!("There are too many entries on {day} to add another."))),
    }
}

/// Inserts a new row; `draft` must be validated.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_entry(
    tx: &Transaction<'_>,
    id: EntryId,
    draft: &EntryDraft,
    day: NaiveDate,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    revision: i64,
    deleted_at: Option<DateTime<FixedOffset>>,
) -> Result<i64> {
    let sort_key = next_sort_key(tx, day)?;
    tx.prepare_cached(
        "INSERT INTO entries (uuid, sort_key, kind, title, tags, occurred_on, created_at, updated_at, starred, revision, deleted_at, body)
         VALUES (:uuid, :sort_key, :kind, :title, :tags, :occurred_on, :created_at, :updated_at, :starred, :revision, :deleted_at, :body)",
    )?
    .execute(named_params! {
            ":uuid": id,
            ":sort_key": sort_key,
            ":kind": draft.kind,
            ":title": draft.title,
            ":tags": join_tags(&draft.tags),
            ":occurred_on": day_text(day),
            ":created_at": stamp(&created_at),
            ":updated_at": stamp(&updated_at),
            ":starred": draft.starred,
            ":revision": revision,
            ":deleted_at": deleted_at.as_ref().map(stamp),
            ":body": draft.body,
    })?;
    let row = tx.last_insert_rowid();
    set_tags(tx, row, &draft.tags)?;
    Ok(row)
}

/// Replaces the tag links of one entry.
fn set_tags(tx: &Transaction<'_>, entry_row: i64, tags: &[String]) -> Result<()> {
    tx.prepare_cached("DELETE FROM entry_tags WHERE entry_id = :entry")?
        .execute(named_params! { ":entry": entry_row })?;
    let mut add_tag = tx.prepare_cached("INSERT INTO tags (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")?;
    let mut link =
        tx.prepare_cached("INSERT INTO entry_tags (tag_id, entry_id) SELECT id, :entry FROM tags WHERE name = :name")?;
    for tag in tags {
        add_tag.execute(named_params! { ":name": tag })?;
        link.execute(named_params! { ":entry": entry_row, ":name": tag })?;
    }
    Ok(())
}

fn same_as(current: &Entry, draft: &EntryDraft, day: NaiveDate) -> bool {
    draft.kind == current.kind
        && draft.title == current.title
        && draft.body == current.body
        && draft.tags == current.tags
        && day == current.occurred_on
        && draft.starred == current.starred
}

/// Saves `draft` (validated) as the new current version of entry `id`,
/// keeping the version it replaces.
pub(crate) fn save_version(
    tx: &Transaction<'_>,
    id: EntryId,
    draft: &EntryDraft,
    now: DateTime<FixedOffset>,
) -> Result<Entry> {
    let current = load_entry(tx, id)?;
    if current.deleted_at.is_some() {
        return Err(Error::EntryInTrash(id.to_string()));
    }
    write_version(tx, id, &current, draft, now, true)
}

/// Writes `draft` (validated) over entry `id`'s row. With `keep_previous`
/// the current version first goes into the history and the revision number
/// grows; without, the current version is overwritten (an autosave of the
/// session that wrote it). A draft equal to the current version changes
/// nothing.
fn write_version(
    tx: &Transaction<'_>,
    id: EntryId,
    current: &Entry,
    draft: &EntryDraft,
    now: DateTime<FixedOffset>,
    keep_previous: bool,
) -> Result<Entry> {
    let day = check_day(draft.occurred_on.unwrap_or(current.occurred_on))?;
    if same_as(current, draft, day) {
        return Ok(current.clone());
    }
    if keep_previous {
        tx.execute(
            "INSERT INTO revisions (entry_id, revision, kind, title, body, tags, occurred_on, starred, saved_at)
             SELECT id, revision, kind, title, body, tags, occurred_on, starred, updated_at
             FROM entries WHERE uuid = :uuid",
            named_params! { ":uuid": id },
        )?;
    }
    let sort_key: i64 = if day == current.occurred_on {
        tx.query_row("SELECT sort_key FROM entries WHERE uuid = :uuid", named_params! { ":uuid": id }, |row| {
            row.get(0)
        })?
    } else {
        next_sort_key(tx, day)?
    };
    tx.execute(
        "UPDATE entries
         SET kind = :kind, title = :title, body = :body, tags = :tags, occurred_on = :occurred_on,
             sort_key = :sort_key, starred = :starred, updated_at = :now, revision = revision + :step
         WHERE uuid = :uuid",
        named_params! {
            ":kind": draft.kind,
            ":title": draft.title,
            ":body": draft.body,
            ":tags": join_tags(&draft.tags),
            ":occurred_on": day_text(day),
            ":sort_key": sort_key,
            ":starred": draft.starred,
            ":now": stamp(&now),
            ":step": i64::from(keep_previous),
            ":uuid": id,
        },
    )?;
    if draft.tags != current.tags {
        let row = row_id(tx, id)?.ok_or_else(|| Error::EntryNotFound(id.to_string()))?;
        set_tags(tx, row, &draft.tags)?;
    }
    load_entry(tx, id)
}
