//! The record model ([`crate::records`]) in the store: every record of the
//! journal read out in file order, and records applied to a journal, merged
//! by id. The interchange formats stay free of SQL.

use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};

use super::rows::{day_text, parse_day, parse_stamp, split_tags, stamp};
use super::Journal;
use crate::error::{Error, Result};
use crate::interchange::jsonl::EntryRecord;
use crate::model::{EntryId, Kind, Revision};
use crate::records::*;

/// The `changed_at` and `device` columns every record query ends with.
const META: &str = "coalesce(rc.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     coalesce(rc.device, (SELECT value FROM settings WHERE name = 'device_id'), 'unknown')";

fn envelope<T>(
    record_type: RecordType,
    id: String,
    row: &Row<'_>,
    meta_at: usize,
    data: T,
) -> rusqlite::Result<Envelope<T>> {
    Ok(Envelope {
        record_type,
        id,
        v: record_type.version(),
        changed_at: row.get(meta_at)?,
        device: row.get(meta_at + 1)?,
        data,
    })
}

fn stamp_opt(text: Option<String>) -> rusqlite::Result<Option<chrono::DateTime<chrono::FixedOffset>>> {
    text.as_deref().map(parse_stamp).transpose()
}

fn day_opt(text: Option<String>) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    text.as_deref().map(parse_day).transpose()
}

/// Calls `each` for every row of `sql` (which takes no parameters).
fn rows(conn: &Connection, sql: &str, each: &mut dyn FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(row)?;
    }
    Ok(())
}

impl Journal {
    /// Calls `visit` with every record of the journal in file order
    /// ([`RecordType::ORDER`]); within a type, in the journal's order
    /// (entries oldest first). The secrets ([`SECRET_SETTINGS`]) come only
    /// when `with_secrets`. One entry is in memory at a time.
    pub fn for_each_full_record(&self, with_secrets: bool, visit: &mut dyn FnMut(&Record) -> Result<()>) -> Result<()> {
        self.read(|conn| {
            rows(
                conn,
                &format!(
                    "SELECT s.name, s.value, {META} FROM settings AS s
                     LEFT JOIN record_changes AS rc ON rc.type = 'setting' AND rc.id = s.name ORDER BY s.name"
                ),
                &mut |row| {
                    let name: String = row.get(0)?;
                    if LOCAL_SETTINGS.contains(&name.as_str())
                        || (!with_secrets && SECRET_SETTINGS.contains(&name.as_str()))
                    {
                        return Ok(());
                    }
                    let data = SettingData { value: row.get(1)? };
                    visit(&Record::Setting(envelope(RecordType::Setting, name, row, 2, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT t.kind, t.body, t.updated_at, {META} FROM templates AS t
                     LEFT JOIN record_changes AS rc ON rc.type = 'template' AND rc.id = t.kind ORDER BY t.kind"
                ),
                &mut |row| {
                    let data = TemplateData { body: row.get(1)?, updated_at: parse_stamp(&row.get::<_, String>(2)?)? };
                    visit(&Record::Template(envelope(RecordType::Template, row.get(0)?, row, 3, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT c.name, c.public_key, c.added_at, c.previous_key, c.key_changed_at, {META} FROM coaches AS c
                     LEFT JOIN record_changes AS rc ON rc.type = 'coach' AND rc.id = lower(c.name) ORDER BY c.id"
                ),
                &mut |row| {
                    let name: String = row.get(0)?;
                    let data = CoachData {
                        name: name.clone(),
                        public_key: row.get(1)?,
                        added_at: parse_stamp(&row.get::<_, String>(2)?)?,
                        previous_key: row.get(3)?,
                        key_changed_at: stamp_opt(row.get(4)?)?,
                    };
                    visit(&Record::Coach(envelope(RecordType::Coach, coach_id(&name), row, 5, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT p.uuid, p.name, p.challenge, p.starts_on, p.ends_on, p.status, p.created_at, p.updated_at, {META}
                     FROM projects AS p LEFT JOIN record_changes AS rc ON rc.type = 'project' AND rc.id = p.uuid ORDER BY p.id"
                ),
                &mut |row| {
                    let data = ProjectData {
                        name: row.get(1)?,
                        challenge: row.get(2)?,
                        starts_on: parse_day(&row.get::<_, String>(3)?)?,
                        ends_on: parse_day(&row.get::<_, String>(4)?)?,
                        status: row.get(5)?,
                        created_at: parse_stamp(&row.get::<_, String>(6)?)?,
                        updated_at: parse_stamp(&row.get::<_, String>(7)?)?,
                    };
                    visit(&Record::Project(envelope(RecordType::Project, row.get(0)?, row, 8, data)?))
                },
            )?;
            self.visit_entries(conn, visit)?;
            let mut events = conn.prepare(
                "SELECT status, at, happened_on, retry FROM experiment_events WHERE experiment_id = :row ORDER BY id",
            )?;
            rows(
                conn,
                &format!(
                    "SELECT e.uuid, x.hypothesis, x.planned_action, x.expected_outcome, x.success_signals, x.failure_signals,
                            x.starts_on, x.review_on, x.status, x.locked_at, x.learning, x.next_step,
                            (SELECT g.uuid FROM entries AS g WHERE g.id = x.grew_from), x.entry_id, {META}
                     FROM experiments AS x JOIN entries AS e ON e.id = x.entry_id
                     LEFT JOIN record_changes AS rc ON rc.type = 'experiment' AND rc.id = e.uuid ORDER BY e.sort_key"
                ),
                &mut |row| {
                    let row_id: i64 = row.get(13)?;
                    let history = events
                        .query_map(named_params! { ":row": row_id }, |r| {
                            Ok(ExperimentEvent {
                                status: r.get(0)?,
                                at: parse_stamp(&r.get::<_, String>(1)?)?,
                                happened_on: day_opt(r.get(2)?)?,
                                retry: r.get(3)?,
                            })
                        })?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    let data = ExperimentData {
                        hypothesis: row.get(1)?,
                        planned_action: row.get(2)?,
                        expected_outcome: row.get(3)?,
                        success_signals: row.get(4)?,
                        failure_signals: row.get(5)?,
                        starts_on: parse_day(&row.get::<_, String>(6)?)?,
                        review_on: parse_day(&row.get::<_, String>(7)?)?,
                        status: row.get(8)?,
                        locked_at: stamp_opt(row.get(9)?)?,
                        learning: row.get(10)?,
                        next_step: row.get(11)?,
                        grew_from: row.get(12)?,
                        events: history,
                    };
                    visit(&Record::Experiment(envelope(RecordType::Experiment, row.get(0)?, row, 14, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT e.uuid, x.uuid, o.surprised, o.why_different, {META}
                     FROM outcomes AS o JOIN entries AS e ON e.id = o.entry_id JOIN entries AS x ON x.id = o.experiment_id
                     LEFT JOIN record_changes AS rc ON rc.type = 'outcome' AND rc.id = e.uuid ORDER BY e.sort_key"
                ),
                &mut |row| {
                    let data =
                        OutcomeData { experiment: row.get(1)?, surprised: row.get(2)?, why_different: row.get(3)? };
                    visit(&Record::Outcome(envelope(RecordType::Outcome, row.get(0)?, row, 4, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT s.uuid, s.held_on, s.group_name, s.role, (SELECT p.uuid FROM projects AS p WHERE p.id = s.project_id),
                            s.issue, s.question, (SELECT e.uuid FROM entries AS e WHERE e.id = s.prep_entry), s.notes, s.insights,
                            (SELECT e.uuid FROM entries AS e WHERE e.id = s.notes_entry), s.created_at, {META}
                     FROM peer_sessions AS s LEFT JOIN record_changes AS rc ON rc.type = 'session' AND rc.id = s.uuid
                     ORDER BY s.id"
                ),
                &mut |row| {
                    let data = SessionData {
                        held_on: parse_day(&row.get::<_, String>(1)?)?,
                        group_name: row.get(2)?,
                        role: row.get(3)?,
                        project: row.get(4)?,
                        issue: row.get(5)?,
                        question: row.get(6)?,
                        prep_entry: row.get(7)?,
                        notes: row.get(8)?,
                        insights: row.get(9)?,
                        notes_entry: row.get(10)?,
                        created_at: parse_stamp(&row.get::<_, String>(11)?)?,
                    };
                    visit(&Record::Session(envelope(RecordType::Session, row.get(0)?, row, 12, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT c.uuid, s.uuid, c.what, c.due_on, c.status, c.closed_at, c.closed_on, c.created_at, {META}
                     FROM commitments AS c JOIN peer_sessions AS s ON s.id = c.session_id
                     LEFT JOIN record_changes AS rc ON rc.type = 'commitment' AND rc.id = c.uuid ORDER BY c.id"
                ),
                &mut |row| {
                    let data = CommitmentData {
                        session: row.get(1)?,
                        what: row.get(2)?,
                        due_on: day_opt(row.get(3)?)?,
                        status: row.get(4)?,
                        closed_at: stamp_opt(row.get(5)?)?,
                        closed_on: day_opt(row.get(6)?)?,
                        created_at: parse_stamp(&row.get::<_, String>(7)?)?,
                    };
                    visit(&Record::Commitment(envelope(RecordType::Commitment, row.get(0)?, row, 8, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT s.id, s.sent_at, s.recipient, s.recipient_keys, s.document, s.sha256, s.armored, {META}
                     FROM shares AS s LEFT JOIN record_changes AS rc ON rc.type = 'share' AND rc.id = s.id
                     ORDER BY s.sent_at, s.id"
                ),
                &mut |row| {
                    let data = ShareData {
                        sent_at: parse_stamp(&row.get::<_, String>(1)?)?,
                        recipient: row.get(2)?,
                        recipient_keys: row.get(3)?,
                        document: row.get(4)?,
                        sha256: row.get(5)?,
                        armored: row.get(6)?,
                    };
                    visit(&Record::Share(envelope(RecordType::Share, row.get(0)?, row, 7, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT i.id, i.received_at, i.sender_name, i.sender_key, i.document, i.sha256, {META}
                     FROM inbox AS i LEFT JOIN record_changes AS rc ON rc.type = 'inbox' AND rc.id = i.id
                     ORDER BY i.received_at, i.id"
                ),
                &mut |row| {
                    let data = InboxData {
                        received_at: parse_stamp(&row.get::<_, String>(1)?)?,
                        sender_name: row.get(2)?,
                        sender_key: row.get(3)?,
                        document: row.get(4)?,
                        sha256: row.get(5)?,
                    };
                    visit(&Record::Inbox(envelope(RecordType::Inbox, row.get(0)?, row, 6, data)?))
                },
            )?;
            rows(
                conn,
                &format!(
                    "SELECT s.source, s.source_key, (SELECT e.uuid FROM entries AS e WHERE e.id = s.entry_id), {META}
                     FROM entry_sources AS s
                     LEFT JOIN record_changes AS rc ON rc.type = 'import_source' AND rc.id = s.source || '/' || s.source_key
                     ORDER BY s.source, s.source_key"
                ),
                &mut |row| {
                    let data = ImportSourceData { source: row.get(0)?, key: row.get(1)?, entry: row.get(2)? };
                    let id = import_source_id(&data.source, &data.key);
                    visit(&Record::ImportSource(envelope(RecordType::ImportSource, id, row, 3, data)?))
                },
            )?;
            Ok(())
        })
    }

    fn visit_entries(&self, conn: &Connection, visit: &mut dyn FnMut(&Record) -> Result<()>) -> Result<()> {
        let mut revisions = conn.prepare(
            "SELECT revision, kind, title, body, tags, occurred_on, starred, saved_at
             FROM revisions WHERE entry_id = :entry ORDER BY revision",
        )?;
        rows(
            conn,
            &format!(
                "SELECT e.uuid, e.kind, e.title, e.tags, e.occurred_on, e.created_at, e.updated_at, e.starred, e.revision,
                        e.deleted_at, e.body, {PROJECT}, e.id, f.about_entry, f.feedback_id, {META}
                 FROM entries AS e LEFT JOIN feedback_links AS f ON f.entry_id = e.id
                 LEFT JOIN record_changes AS rc ON rc.type = 'entry' AND rc.id = e.uuid ORDER BY e.sort_key",
                PROJECT = super::rows::entry_project!(),
            ),
            &mut |row| {
                let entry = super::rows::entry_from_row(row)?;
                let row_id: i64 = row.get(12)?;
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
                let about: Option<String> = row.get(13)?;
                let reply: Option<String> = row.get(14)?;
                let data = EntryData {
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
                    project: entry.project,
                    feedback: about.zip(reply).map(|(about, reply)| FeedbackLink { about, reply }),
                };
                visit(&Record::Entry(envelope(RecordType::Entry, entry.id.to_string(), row, 15, data)?))
            },
        )
    }
}

/// A coach's record id: their name as the journal compares names (the
/// table's `NOCASE` and the triggers' `lower()` fold ASCII letters only).
pub(crate) fn coach_id(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn import_source_id(source: &str, key: &str) -> String {
    format!("{source}/{key}")
}

/// What applying one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    Added,
    /// A record with its id was there: the journal's own is kept.
    AlreadyPresent,
}

/// The state of one import across its records: experiments whose parent
/// comes later in the file.
#[derive(Default)]
pub(crate) struct Applying {
    grew_from: Vec<(EntryId, EntryId, String, String)>,
    /// Whether the file may carry the secrets (an encrypted full export).
    pub(crate) secrets_allowed: bool,
}

fn set_meta<T>(tx: &Transaction<'_>, record: &Envelope<T>) -> Result<()> {
    put_meta(tx, record.record_type, &record.id, &record.changed_at, &record.device)
}

fn put_meta(tx: &Transaction<'_>, record_type: RecordType, id: &str, changed_at: &str, device: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO record_changes (type, id, changed_at, device) VALUES (:type, :id, :at, :device)
         ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device",
    )?
    .execute(named_params! { ":type": record_type.as_str(), ":id": id, ":at": changed_at, ":device": device })?;
    Ok(())
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid(message.into())
}

fn exists(tx: &Transaction<'_>, sql: &str, id: &dyn rusqlite::ToSql) -> Result<bool> {
    Ok(tx.prepare_cached(sql)?.query_row([id], |row| row.get(0))?)
}

/// The row and kind of the entry `id`, if the journal has it.
fn entry_row(tx: &Transaction<'_>, id: EntryId) -> Result<Option<(i64, Kind)>> {
    Ok(tx
        .prepare_cached("SELECT id, kind FROM entries WHERE uuid = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

fn needed_entry(tx: &Transaction<'_>, id: EntryId, what: &str) -> Result<(i64, Kind)> {
    entry_row(tx, id)?.ok_or_else(|| invalid(format!("{what} {id} is neither earlier in the file nor in the journal")))
}

fn parse_id<T: std::str::FromStr>(id: &str, noun: &str) -> Result<T> {
    id.parse().map_err(|_| invalid(format!("its id is not a {noun} id")))
}

fn check_text(field: &str, text: &str, max_chars: usize) -> Result<()> {
    if text.chars().count() > max_chars {
        return Err(invalid(format!("its {field} is longer than {max_chars} characters")));
    }
    Ok(())
}

/// Applies one record inside an import's transaction: added if the journal
/// has no record of its type and id, otherwise left as the journal has it.
/// An experiment whose expectation is locked here is never changed: a file
/// that says otherwise is refused. Errors are sentences about the record;
/// the caller adds the line.
pub(crate) fn apply(tx: &Transaction<'_>, record: &Record, state: &mut Applying) -> Result<Applied> {
    let applied = match record {
        Record::Setting(r) => {
            if LOCAL_SETTINGS.contains(&r.id.as_str()) {
                return Err(invalid(format!("the setting \"{}\" belongs to one computer and is never imported", r.id)));
            }
            if SECRET_SETTINGS.contains(&r.id.as_str()) && !state.secrets_allowed {
                return Err(invalid(format!(
                    "the setting \"{}\" is a secret, which only an encrypted full export may carry",
                    r.id
                )));
            }
            check_text("value", &r.data.value, 1_000_000)?;
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM settings WHERE name = ?1)", &r.id)? {
                Applied::AlreadyPresent
            } else {
                tx.prepare_cached("INSERT INTO settings (name, value) VALUES (?1, ?2)")?
                    .execute(rusqlite::params![r.id, r.data.value])?;
                Applied::Added
            }
        }
        Record::Template(r) => {
            let kind: Kind = r.id.parse().map_err(|_| invalid("its id is not a kind of entry"))?;
            if r.data.body.len() > crate::model::MAX_BODY_BYTES {
                return Err(invalid("its body is larger than an entry may be"));
            }
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM templates WHERE kind = ?1)", &kind)? {
                Applied::AlreadyPresent
            } else {
                tx.prepare_cached("INSERT INTO templates (kind, body, updated_at) VALUES (?1, ?2, ?3)")?
                    .execute(rusqlite::params![kind, r.data.body, stamp(&r.data.updated_at)])?;
                Applied::Added
            }
        }
        Record::Coach(r) => {
            if coach_id(&r.data.name) != r.id || r.data.name.trim().is_empty() {
                return Err(invalid("its id is not its name in lower case"));
            }
            crate::share::seal::parse_recipient(&r.data.public_key)?;
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM coaches WHERE name = ?1)", &r.data.name)? {
                Applied::AlreadyPresent
            } else {
                tx.prepare_cached(
                    "INSERT INTO coaches (name, public_key, added_at, previous_key, key_changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(rusqlite::params![
                    r.data.name,
                    r.data.public_key,
                    stamp(&r.data.added_at),
                    r.data.previous_key,
                    r.data.key_changed_at.as_ref().map(stamp)
                ])?;
                Applied::Added
            }
        }
        Record::Project(r) => {
            let id: crate::model::ProjectId = parse_id(&r.id, "project")?;
            if r.data.name.trim().is_empty() {
                return Err(invalid("its name is empty"));
            }
            if r.data.ends_on < r.data.starts_on {
                return Err(invalid("it ends before it starts"));
            }
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM projects WHERE uuid = ?1)", &id)? {
                Applied::AlreadyPresent
            } else {
                tx.prepare_cached(
                    "INSERT INTO projects (uuid, name, challenge, starts_on, ends_on, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(rusqlite::params![
                    id,
                    r.data.name,
                    r.data.challenge,
                    day_text(r.data.starts_on),
                    day_text(r.data.ends_on),
                    r.data.status,
                    stamp(&r.data.created_at),
                    stamp(&r.data.updated_at)
                ])?;
                Applied::Added
            }
        }
        Record::Entry(r) => apply_entry(tx, r)?,
        Record::Experiment(r) => apply_experiment(tx, r, state)?,
        Record::Outcome(r) => {
            let id: EntryId = parse_id(&r.id, "entry")?;
            let (row, kind) = needed_entry(tx, id, "its entry")?;
            if kind != Kind::Outcome {
                return Err(invalid(format!("its entry is of kind {kind}, not outcome")));
            }
            check_text("surprised", &r.data.surprised, crate::model::experiment::MAX_FIELD_CHARS)?;
            check_text("why_different", &r.data.why_different, crate::model::experiment::MAX_FIELD_CHARS)?;
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM outcomes WHERE entry_id = ?1)", &row)? {
                Applied::AlreadyPresent
            } else {
                let experiment = experiment_row(tx, r.data.experiment)?.ok_or_else(|| {
                    invalid(format!(
                        "its experiment {} is neither earlier in the file nor in the journal",
                        r.data.experiment
                    ))
                })?;
                tx.prepare_cached(
                    "INSERT INTO outcomes (entry_id, experiment_id, surprised, why_different) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(rusqlite::params![
                    row,
                    experiment,
                    r.data.surprised,
                    r.data.why_different
                ])?;
                Applied::Added
            }
        }
        Record::Session(r) => {
            let id: crate::model::SessionId = parse_id(&r.id, "session")?;
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM peer_sessions WHERE uuid = ?1)", &id)? {
                Applied::AlreadyPresent
            } else {
                let project = r.data.project.map(|p| project_row(tx, p)).transpose()?;
                let prep = r.data.prep_entry.map(|e| needed_entry(tx, e, "its prep entry")).transpose()?;
                let notes = r.data.notes_entry.map(|e| needed_entry(tx, e, "its notes entry")).transpose()?;
                tx.prepare_cached(
                    "INSERT INTO peer_sessions (uuid, held_on, group_name, role, project_id, issue, question, prep_entry,
                                                notes, insights, notes_entry, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?
                .execute(rusqlite::params![
                    id,
                    day_text(r.data.held_on),
                    r.data.group_name,
                    r.data.role,
                    project,
                    r.data.issue,
                    r.data.question,
                    prep.map(|p| p.0),
                    r.data.notes,
                    r.data.insights,
                    notes.map(|n| n.0),
                    stamp(&r.data.created_at)
                ])?;
                Applied::Added
            }
        }
        Record::Commitment(r) => {
            let id: crate::model::CommitmentId = parse_id(&r.id, "commitment")?;
            if r.data.what.trim().is_empty() {
                return Err(invalid("it says nothing (its what is empty)"));
            }
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM commitments WHERE uuid = ?1)", &id)? {
                Applied::AlreadyPresent
            } else {
                let session: i64 = tx
                    .prepare_cached("SELECT id FROM peer_sessions WHERE uuid = ?1")?
                    .query_row([r.data.session], |row| row.get(0))
                    .optional()?
                    .ok_or_else(|| {
                        invalid(format!(
                            "its session {} is neither earlier in the file nor in the journal",
                            r.data.session
                        ))
                    })?;
                tx.prepare_cached(
                    "INSERT INTO commitments (uuid, session_id, what, due_on, status, closed_at, closed_on, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(rusqlite::params![
                    id,
                    session,
                    r.data.what,
                    r.data.due_on.map(day_text),
                    r.data.status,
                    r.data.closed_at.as_ref().map(stamp),
                    r.data.closed_on.map(day_text),
                    stamp(&r.data.created_at)
                ])?;
                Applied::Added
            }
        }
        Record::Share(r) => {
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM shares WHERE id = ?1)", &r.id)? {
                Applied::AlreadyPresent
            } else {
                tx.prepare_cached(
                    "INSERT INTO shares (id, sent_at, recipient, recipient_keys, document, sha256, armored)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(rusqlite::params![
                    r.id,
                    stamp(&r.data.sent_at),
                    r.data.recipient,
                    r.data.recipient_keys,
                    r.data.document,
                    r.data.sha256,
                    r.data.armored
                ])?;
                Applied::Added
            }
        }
        Record::Inbox(r) => {
            crate::share::parse_document(r.data.document.as_bytes())
                .map_err(|e| invalid(format!("its document is not a share ({e})")))?;
            if exists(tx, "SELECT EXISTS (SELECT 1 FROM inbox WHERE id = ?1)", &r.id)? {
                Applied::AlreadyPresent
            } else {
                tx.prepare_cached(
                    "INSERT INTO inbox (id, received_at, sender_name, sender_key, document, sha256)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(rusqlite::params![
                    r.id,
                    stamp(&r.data.received_at),
                    r.data.sender_name,
                    r.data.sender_key,
                    r.data.document,
                    r.data.sha256
                ])?;
                Applied::Added
            }
        }
        Record::ImportSource(r) => {
            if import_source_id(&r.data.source, &r.data.key) != r.id {
                return Err(invalid("its id is not source/key"));
            }
            let present: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM entry_sources WHERE source = ?1 AND source_key = ?2)")?
                .query_row(rusqlite::params![r.data.source, r.data.key], |row| row.get(0))?;
            if present {
                Applied::AlreadyPresent
            } else {
                let entry = r.data.entry.map(|e| needed_entry(tx, e, "its entry")).transpose()?;
                tx.prepare_cached("INSERT INTO entry_sources (source, source_key, entry_id) VALUES (?1, ?2, ?3)")?
                    .execute(rusqlite::params![r.data.source, r.data.key, entry.map(|e| e.0)])?;
                Applied::Added
            }
        }
    };
    if applied == Applied::Added {
        match record {
            Record::Setting(r) => set_meta(tx, r)?,
            Record::Template(r) => set_meta(tx, r)?,
            Record::Coach(r) => set_meta(tx, r)?,
            Record::Project(r) => set_meta(tx, r)?,
            Record::Entry(r) => set_meta(tx, r)?,
            Record::Experiment(r) => set_meta(tx, r)?,
            Record::Outcome(r) => set_meta(tx, r)?,
            Record::Session(r) => set_meta(tx, r)?,
            Record::Commitment(r) => set_meta(tx, r)?,
            Record::Share(r) => set_meta(tx, r)?,
            Record::Inbox(r) => set_meta(tx, r)?,
            Record::ImportSource(r) => set_meta(tx, r)?,
        }
    }
    Ok(applied)
}

fn project_row(tx: &Transaction<'_>, id: crate::model::ProjectId) -> Result<i64> {
    super::projects::project_row(tx, id)
        .map_err(|_| invalid(format!("its project {id} is neither earlier in the file nor in the journal")))
}

fn experiment_row(tx: &Transaction<'_>, id: EntryId) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT x.entry_id FROM experiments AS x JOIN entries AS e ON e.id = x.entry_id WHERE e.uuid = ?1",
        )?
        .query_row([id], |row| row.get(0))
        .optional()?)
}

fn apply_entry(tx: &Transaction<'_>, r: &Envelope<EntryData>) -> Result<Applied> {
    let id: EntryId = parse_id(&r.id, "entry")?;
    let d = &r.data;
    let record = EntryRecord {
        id,
        kind: d.kind,
        title: d.title.clone(),
        tags: d.tags.clone(),
        occurred_on: d.occurred_on,
        created_at: d.created_at,
        updated_at: d.updated_at,
        starred: d.starred,
        revision: d.revision,
        deleted_at: d.deleted_at,
        body: d.body.clone(),
        revisions: d.revisions.clone(),
    };
    let draft = record.check_rules()?;
    let Some(row) = super::records::insert_record(tx, &record, &draft)? else {
        return Ok(Applied::AlreadyPresent);
    };
    if let Some(project) = d.project {
        let project = project_row(tx, project)?;
        tx.prepare_cached("INSERT INTO entry_projects (entry_id, project_id) VALUES (?1, ?2)")?
            .execute(rusqlite::params![row, project])?;
    }
    if let Some(link) = &d.feedback {
        if d.kind != Kind::CoachFeedback {
            return Err(invalid("it has a feedback link but is not of kind coach_feedback"));
        }
        tx.prepare_cached("INSERT INTO feedback_links (entry_id, about_entry, feedback_id) VALUES (?1, ?2, ?3)")?
            .execute(rusqlite::params![row, link.about, link.reply])?;
    }
    Ok(Applied::Added)
}

fn apply_experiment(tx: &Transaction<'_>, r: &Envelope<ExperimentData>, state: &mut Applying) -> Result<Applied> {
    let id: EntryId = parse_id(&r.id, "entry")?;
    let d = &r.data;
    let (row, kind) = needed_entry(tx, id, "its entry")?;
    if kind != Kind::Experiment {
        return Err(invalid(format!("its entry is of kind {kind}, not experiment")));
    }
    for (field, text) in [
        ("hypothesis", &d.hypothesis),
        ("planned_action", &d.planned_action),
        ("expected_outcome", &d.expected_outcome),
        ("success_signals", &d.success_signals),
        ("failure_signals", &d.failure_signals),
        ("learning", &d.learning),
        ("next_step", &d.next_step),
    ] {
        check_text(field, text, crate::model::experiment::MAX_FIELD_CHARS)?;
    }
    if d.review_on < d.starts_on {
        return Err(invalid("its review day is before its start"));
    }
    if d.locked_at.is_none()
        && !matches!(d.status, crate::model::ExperimentStatus::Planned | crate::model::ExperimentStatus::Abandoned)
    {
        return Err(invalid(format!("it is {} but its expectation was never locked", d.status)));
    }
    type Locked = (Option<String>, String, String, String, String, String, String);
    let here: Option<Locked> = tx
        .prepare_cached(
            "SELECT locked_at, hypothesis, planned_action, expected_outcome, success_signals, failure_signals, starts_on
             FROM experiments WHERE entry_id = ?1",
        )?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .optional()?;
    if let Some((locked_at, hypothesis, planned, expected, success, failure, starts_on)) = here {
        let same = locked_at.as_deref().map(parse_stamp).transpose()? == d.locked_at
            && hypothesis == d.hypothesis
            && planned == d.planned_action
            && expected == d.expected_outcome
            && success == d.success_signals
            && failure == d.failure_signals
            && starts_on == day_text(d.starts_on);
        if let (Some(locked_at), false) = (locked_at, same) {
            return Err(invalid(format!(
                "it would change the expectation of an experiment that was locked at {locked_at}; a locked expectation never changes"
            )));
        }
        return Ok(Applied::AlreadyPresent);
    }
    tx.prepare_cached(
        "INSERT INTO experiments (entry_id, hypothesis, planned_action, expected_outcome, success_signals, failure_signals,
                                  starts_on, review_on, status, locked_at, learning, next_step)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(rusqlite::params![
        row,
        d.hypothesis,
        d.planned_action,
        d.expected_outcome,
        d.success_signals,
        d.failure_signals,
        day_text(d.starts_on),
        day_text(d.review_on),
        d.status,
        d.locked_at.as_ref().map(stamp),
        d.learning,
        d.next_step
    ])?;
    let mut add = tx.prepare_cached(
        "INSERT INTO experiment_events (experiment_id, status, at, happened_on, retry) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for event in &d.events {
        add.execute(rusqlite::params![
            row,
            event.status,
            stamp(&event.at),
            event.happened_on.map(day_text),
            event.retry
        ])?;
    }
    if let Some(parent) = d.grew_from {
        state.grew_from.push((id, parent, r.changed_at.clone(), r.device.clone()));
    }
    Ok(Applied::Added)
}

/// Links the experiments of this import to the ones they grew from, once
/// every record is in. Returns the id of a child whose parent is missing.
pub(crate) fn finish(tx: &Transaction<'_>, state: &mut Applying) -> Result<()> {
    for (child, parent, changed_at, device) in state.grew_from.drain(..) {
        let parent_row = experiment_row(tx, parent)?.ok_or_else(|| {
            invalid(format!("The experiment {child} grew from the experiment {parent}, which is neither in the file nor in the journal."))
        })?;
        let child_row = experiment_row(tx, child)?.expect("inserted by this import");
        tx.prepare_cached("UPDATE experiments SET grew_from = ?1 WHERE entry_id = ?2")?
            .execute(rusqlite::params![parent_row, child_row])?;
        put_meta(tx, RecordType::Experiment, &child.to_string(), &changed_at, &device)?;
    }
    Ok(())
}

/// The full-text index while an import into an empty journal writes:
/// instead of one index update per entry through the insert trigger, the
/// index is built once from all the rows at the end (`'rebuild'`) and then
/// merged into one segment (`'optimize'`). Both happen inside the import's
/// one transaction, so the index is complete whenever the import is. An
/// import into a journal that has entries keeps the trigger: `'optimize'`
/// costs in proportion to the whole index, not to what was imported.
///
/// Measured with `make bench`'s generator, encrypted: 30,000 entries took
/// 25–32 s through the trigger and 20–25 s this way; 100,000 took 105 s and
/// 86 s on the same (slow) machine. Without the `'optimize'` (and also with
/// a 64 MB term buffer, which imported 100,000 entries in 64–68 s), searches
/// by relevance after the next few saves took 13 times as long (500 ms
/// instead of 37 ms for a common word over 30,000 entries), so both were
/// left out.
pub(crate) struct DeferredIndex {
    trigger_sql: String,
}

/// Drops the insert trigger for this transaction when the journal has no
/// entry yet; `None` (nothing changed) otherwise.
pub(crate) fn defer_index(tx: &Transaction<'_>) -> Result<Option<DeferredIndex>> {
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM entries)", [], |row| row.get(0))?;
    if !empty {
        return Ok(None);
    }
    let trigger_sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'entries_fts_after_insert'",
        [],
        |row| row.get(0),
    )?;
    tx.execute_batch("DROP TRIGGER entries_fts_after_insert")?;
    Ok(Some(DeferredIndex { trigger_sql }))
}

/// Builds the index [`defer_index`] deferred and puts the trigger back.
pub(crate) fn finish_index(tx: &Transaction<'_>, deferred: Option<DeferredIndex>) -> Result<()> {
    let Some(deferred) = deferred else {
        return Ok(());
    };
    tx.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')", [])?;
    tx.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')", [])?;
    tx.execute_batch(&deferred.trigger_sql)?;
    Ok(())
}
