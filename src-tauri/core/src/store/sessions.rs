//! Peer sessions: the prep sheet assembled from the journal, the notes
//! after, and the commitments that come back on every prep sheet until they
//! are closed. Also the day's and the week's look back.

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};

use super::entries::{insert_entry, load_entry, save_version};
use super::experiments::experiment_summaries;
use super::projects::{link_entry, project_row};
use super::rows::{day_text, parse_day, parse_stamp, stamp, summary_from_row};
use super::Journal;
use crate::error::{Error, Result};
use crate::model::experiment::check_happened_on;
use crate::model::{
    Commitment, CommitmentId, CommitmentStatus, EntryDraft, EntryId, EntrySummary, ExperimentSummary, Kind,
    OutcomeLine, PeerSession, PrepSheet, SessionDraft, SessionId, SessionNotes, Today, WeekReview,
};

const SESSION_COLUMNS: &str = "s.id, s.uuid, s.held_on, s.group_name, s.role,
    (SELECT p.uuid FROM projects AS p WHERE p.id = s.project_id),
    s.issue, s.question, (SELECT e.uuid FROM entries AS e WHERE e.id = s.prep_entry),
    s.notes, s.insights, (SELECT e.uuid FROM entries AS e WHERE e.id = s.notes_entry), s.created_at";

const COMMITMENT_SQL: &str = "
    SELECT c.uuid, s.uuid, s.held_on, c.what, c.due_on, c.status, c.closed_at, c.created_at,
           CASE WHEN c.closed_at IS NOT NULL THEN coalesce(c.closed_on, substr(c.closed_at, 1, 10)) END
    FROM commitments AS c JOIN peer_sessions AS s ON s.id = c.session_id";

fn commitment_from_row(row: &Row<'_>) -> rusqlite::Result<Commitment> {
    Ok(Commitment {
        id: row.get(0)?,
        session: row.get(1)?,
        session_on: parse_day(&row.get::<_, String>(2)?)?,
        what: row.get(3)?,
        due_on: row.get::<_, Option<String>>(4)?.as_deref().map(parse_day).transpose()?,
        status: row.get(5)?,
        closed_at: row.get::<_, Option<String>>(6)?.as_deref().map(parse_stamp).transpose()?,
        created_at: parse_stamp(&row.get::<_, String>(7)?)?,
        closed_on: row.get::<_, Option<String>>(8)?.as_deref().map(parse_day).transpose()?,
    })
}

fn commitments(
    conn: &Connection,
    extra_where: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<Commitment>> {
    let mut stmt = conn.prepare(&format!("{COMMITMENT_SQL} {extra_where}"))?;
    let rows = stmt.query_map(params, commitment_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn session_from_row(conn: &Connection, row: &Row<'_>) -> Result<PeerSession> {
    let session_row: i64 = row.get(0)?;
    Ok(PeerSession {
        id: row.get(1)?,
        held_on: parse_day(&row.get::<_, String>(2)?)?,
        group_name: row.get(3)?,
        role: row.get(4)?,
        project: row.get(5)?,
        issue: row.get(6)?,
        question: row.get(7)?,
        prep_entry: row.get(8)?,
        notes: row.get(9)?,
        insights: row.get(10)?,
        notes_entry: row.get(11)?,
        created_at: parse_stamp(&row.get::<_, String>(12)?)?,
        commitments: commitments(conn, "WHERE c.session_id = :row ORDER BY c.id", &[(":row", &session_row)])?,
    })
}

fn sessions(conn: &Connection, extra_where: &str, params: &[(&str, &dyn rusqlite::ToSql)]) -> Result<Vec<PeerSession>> {
    let mut stmt = conn.prepare(&format!("SELECT {SESSION_COLUMNS} FROM peer_sessions AS s {extra_where}"))?;
    let mut rows = stmt.query(params)?;
    let mut list = Vec::new();
    while let Some(row) = rows.next()? {
        list.push(session_from_row(conn, row)?);
    }
    Ok(list)
}

fn session_row(conn: &Connection, id: SessionId) -> Result<i64> {
    conn.query_row("SELECT id FROM peer_sessions WHERE uuid = :uuid", named_params! { ":uuid": id }, |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::SessionNotFound(id.to_string()))
}

fn load_session(conn: &Connection, id: SessionId) -> Result<PeerSession> {
    sessions(conn, "WHERE s.uuid = :uuid", &[(":uuid", &id)])?
        .pop()
        .ok_or_else(|| Error::SessionNotFound(id.to_string()))
}

/// Outcomes of live experiments recorded (by the day they are about) in `from ..= to`.
fn outcome_lines(conn: &Connection, from: Option<NaiveDate>, to: NaiveDate) -> Result<Vec<OutcomeLine>> {
    let mut stmt = conn.prepare(
        "SELECT oe.uuid, xe.uuid, xe.title, oe.title, oe.occurred_on, oe.body
         FROM outcomes AS o
         JOIN entries AS oe ON oe.id = o.entry_id
         JOIN entries AS xe ON xe.id = o.experiment_id
         WHERE oe.deleted_at IS NULL AND xe.deleted_at IS NULL
           AND (:from IS NULL OR oe.occurred_on >= :from) AND oe.occurred_on <= :to
         ORDER BY oe.sort_key",
    )?;
    let rows = stmt.query_map(named_params! { ":from": from.map(day_text), ":to": day_text(to) }, |r| {
        Ok(OutcomeLine {
            id: r.get(0)?,
            experiment: r.get(1)?,
            experiment_title: r.get(2)?,
            title: r.get(3)?,
            occurred_on: parse_day(&r.get::<_, String>(4)?)?,
            happened: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Experiments planned, or whose status changed, on a day in `from ..= to`:
/// the day it happened when one was given, or else the writer's own
/// calendar day when it was written.
fn experiments_moved(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<crate::model::ExperimentSummary>> {
    let from = from.map(day_text);
    let to = day_text(to);
    experiment_summaries(
        conn,
        "AND EXISTS (SELECT 1 FROM experiment_events AS ev WHERE ev.experiment_id = x.entry_id
                       AND (:from IS NULL OR coalesce(ev.happened_on, substr(ev.at, 1, 10)) >= :from)
                       AND coalesce(ev.happened_on, substr(ev.at, 1, 10)) <= :to)
         ORDER BY e.sort_key",
        &[(":from", &from), (":to", &to)],
        today,
    )
}

/// Writes `body` as the entry `existing`, or as a new entry when there is none; gives its row.
#[allow(clippy::too_many_arguments)]
fn write_session_entry(
    tx: &Transaction<'_>,
    existing: Option<EntryId>,
    kind: Kind,
    title: String,
    body: String,
    day: NaiveDate,
    project: Option<crate::model::ProjectId>,
    now: DateTime<FixedOffset>,
) -> Result<i64> {
    let draft = EntryDraft { kind, title, body, tags: Vec::new(), occurred_on: Some(day), starred: false };
    let draft = draft.validated()?;
    match existing.map(|id| load_entry(tx, id)).transpose()? {
        Some(entry) if entry.deleted_at.is_none() => {
            let keep = EntryDraft { tags: entry.tags.clone(), starred: entry.starred, ..draft };
            save_version(tx, entry.id, &keep, now)?;
            super::entries::row_id(tx, entry.id)?.ok_or_else(|| Error::EntryNotFound(entry.id.to_string()))
        }
        // None yet, or the last one was put in the trash: write a new one.
        _ => {
            let row = insert_entry(tx, EntryId::random(), &draft, day, now, now, 1, None)?;
            link_entry(tx, row, project)?;
            Ok(row)
        }
    }
}

impl Journal {
    pub fn create_session(
        &self,
        id: SessionId,
        draft: &SessionDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<PeerSession> {
        let draft = draft.validated()?;
        self.write(|tx| {
            let project = draft.project.map(|p| project_row(tx, p)).transpose()?;
            tx.execute(
                "INSERT INTO peer_sessions (uuid, held_on, group_name, role, project_id, created_at)
                 VALUES (:uuid, :held_on, :group, :role, :project, :now)",
                named_params! {
                    ":uuid": id, ":held_on": day_text(draft.held_on), ":group": draft.group_name,
                    ":role": draft.role, ":project": project, ":now": stamp(&now),
                },
            )?;
            load_session(tx, id)
        })
    }

    pub fn get_session(&self, id: SessionId) -> Result<PeerSession> {
        self.read(|conn| load_session(conn, id))
    }

    /// Every peer session, the latest first.
    pub fn list_sessions(&self) -> Result<Vec<PeerSession>> {
        self.read(|conn| sessions(conn, "ORDER BY s.held_on DESC, s.id DESC", &[]))
    }

    /// Finds a session by a unique start of its id.
    pub fn resolve_session(&self, text: &str) -> Result<SessionId> {
        resolve(self, "peer_sessions", text, Error::SessionNotFound)
    }

    /// Finds a commitment by a unique start of its id.
    pub fn resolve_commitment(&self, text: &str) -> Result<CommitmentId> {
        resolve(self, "commitments", text, Error::CommitmentNotFound)
    }

    /// The prep sheet for a session, assembled now: the saved issue and
    /// question, and the update since the previous session (the one on the
    /// latest earlier day):
    /// - every commitment from an earlier session that is still open, and
    ///   those closed (on the day they were done or dropped, not the day
    ///   that was written down) on or after the previous session's day;
    /// - the experiments planned or moved on from the previous session's day
    ///   up to this session's day;
    /// - the outcomes about a day in that span.
    pub fn prep_sheet(&self, id: SessionId, today: NaiveDate) -> Result<PrepSheet> {
        self.read(|conn| {
            let session = load_session(conn, id)?;
            let held_on = day_text(session.held_on);
            let since: Option<NaiveDate> = conn
                .query_row(
                    "SELECT max(held_on) FROM peer_sessions WHERE held_on < :held_on",
                    named_params! { ":held_on": held_on },
                    |r| r.get::<_, Option<String>>(0),
                )?
                .as_deref()
                .map(parse_day)
                .transpose()?;
            let since_text = since.map(day_text);
            let carried = commitments(
                conn,
                "WHERE s.held_on < :held_on
                   AND (c.status = 'open'
                        OR (:since IS NOT NULL AND coalesce(c.closed_on, substr(c.closed_at, 1, 10)) >= :since))
                 ORDER BY s.held_on, c.id",
                &[(":held_on", &held_on), (":since", &since_text)],
            )?;
            Ok(PrepSheet {
                session: session.id,
                held_on: session.held_on,
                group_name: session.group_name.clone(),
                role: session.role,
                since,
                issue: session.issue.clone(),
                question: session.question.clone(),
                commitments: carried,
                experiments: experiments_moved(conn, since, session.held_on, today)?,
                outcomes: outcome_lines(conn, since, session.held_on)?,
            })
        })
    }

    /// Saves the prep sheet: the issue and question on the session, and
    /// `body` (the sheet as edited) as its `session_prep` entry.
    pub fn save_prep(
        &self,
        id: SessionId,
        issue: &str,
        question: &str,
        body: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<PeerSession> {
        let (issue, question) = (issue.trim(), question.trim());
        if issue.contains('\n') {
            return Err(Error::invalid("Say your issue in one sentence, on one line."));
        }
        self.write(|tx| {
            let session = load_session(tx, id)?;
            let row = write_session_entry(
                tx,
                session.prep_entry,
                Kind::SessionPrep,
                format!("Prep for {} on {}", session.group_name, session.held_on),
                body.to_string(),
                session.held_on,
                session.project,
                now,
            )?;
            tx.execute(
                "UPDATE peer_sessions SET issue = :issue, question = :question, prep_entry = :entry WHERE uuid = :uuid",
                named_params! { ":uuid": id, ":issue": issue, ":question": question, ":entry": row },
            )?;
            load_session(tx, id)
        })
    }

    /// Saves what was said and learnt at a session, and adds the
    /// commitments made there. The session's `session_notes` entry holds
    /// the notes, insights and every commitment of the session.
    pub fn record_session_notes(
        &self,
        id: SessionId,
        notes: &SessionNotes,
        now: DateTime<FixedOffset>,
    ) -> Result<PeerSession> {
        self.write(|tx| {
            let session = load_session(tx, id)?;
            let notes = notes.validated(session.held_on)?;
            let session_row = session_row(tx, id)?;
            for c in &notes.commitments {
                tx.execute(
                    "INSERT INTO commitments (uuid, session_id, what, due_on, status, created_at)
                     VALUES (:uuid, :session, :what, :due, 'open', :now)",
                    named_params! {
                        ":uuid": CommitmentId::random(), ":session": session_row, ":what": c.what,
                        ":due": c.due_on.map(day_text), ":now": stamp(&now),
                    },
                )?;
            }
            let all = commitments(tx, "WHERE c.session_id = :row ORDER BY c.id", &[(":row", &session_row)])?;
            let row = write_session_entry(
                tx,
                session.notes_entry,
                Kind::SessionNotes,
                format!("Notes from {} on {}", session.group_name, session.held_on),
                notes.markdown(&all),
                session.held_on,
                session.project,
                now,
            )?;
            tx.execute(
                "UPDATE peer_sessions SET notes = :notes, insights = :insights, notes_entry = :entry WHERE id = :row",
                named_params! { ":row": session_row, ":notes": notes.notes, ":insights": notes.insights, ":entry": row },
            )?;
            load_session(tx, id)
        })
    }

    /// Commitments, of one status if given: by due day (none last), then
    /// as they were made.
    pub fn list_commitments(&self, status: Option<CommitmentStatus>) -> Result<Vec<Commitment>> {
        self.read(|conn| {
            commitments(
                conn,
                "WHERE (:status IS NULL OR c.status = :status)
                 ORDER BY c.due_on IS NULL, c.due_on, s.held_on, c.id",
                &[(":status", &status)],
            )
        })
    }

    /// Marks a commitment done or dropped today (with the time), or open again.
    pub fn set_commitment_status(
        &self,
        id: CommitmentId,
        status: CommitmentStatus,
        now: DateTime<FixedOffset>,
    ) -> Result<Commitment> {
        self.set_commitment_status_on(id, status, None, now)
    }

    /// Marks a commitment done or dropped as it happened on `on` (today
    /// when `None`), written down `now`; or open again (the day is then
    /// not kept). A day after today, or before the session where it was
    /// made, is refused.
    pub fn set_commitment_status_on(
        &self,
        id: CommitmentId,
        status: CommitmentStatus,
        on: Option<NaiveDate>,
        now: DateTime<FixedOffset>,
    ) -> Result<Commitment> {
        self.write(|tx| {
            let current = commitments(tx, "WHERE c.uuid = :uuid", &[(":uuid", &id)])?
                .pop()
                .ok_or_else(|| Error::CommitmentNotFound(id.to_string()))?;
            if current.status == status {
                return Err(Error::conflict(format!("\"{}\" is already {}.", current.what, status.as_str())));
            }
            let closed = if status == CommitmentStatus::Open {
                None
            } else {
                let day = check_happened_on(on.unwrap_or(now.date_naive()), now.date_naive())?;
                if day < current.session_on {
                    return Err(Error::conflict(format!(
                        "\"{}\" was made at the session on {}, so it cannot have been {} on {day}. \
                         Give a day on or after {}.",
                        current.what,
                        current.session_on,
                        status.as_str(),
                        current.session_on
                    )));
                }
                Some((stamp(&now), day_text(day)))
            };
            let (closed_at, closed_on) = closed.unzip();
            tx.execute(
                "UPDATE commitments SET status = :status, closed_at = :closed, closed_on = :closed_on WHERE uuid = :uuid",
                named_params! { ":uuid": id, ":status": status, ":closed": closed_at, ":closed_on": closed_on },
            )?;
            commitments(tx, "WHERE c.uuid = :uuid", &[(":uuid", &id)])?
                .pop()
                .ok_or_else(|| Error::CommitmentNotFound(id.to_string()))
        })
    }

    /// What needs attention on `day`: reviews due or overdue, sessions today
    /// or tomorrow, commitments due within a week or overdue; and the
    /// entries about the same day of the month in earlier months and years.
    pub fn today(&self, day: NaiveDate) -> Result<Today> {
        let week = day.checked_add_days(Days::new(7)).unwrap_or(day);
        let (reviews, sessions) = self.due(day)?;
        self.read(|conn| {
            let commitments = commitments(
                conn,
                "WHERE c.status = 'open' AND c.due_on <= :week ORDER BY c.due_on, c.id",
                &[(":week", &day_text(week))],
            )?;
            Ok(Today { day, reviews, sessions, commitments, on_this_day: on_this_day(conn, day)? })
        })
    }

    /// Open experiments whose review is due on `day` or overdue, and the
    /// sessions on `day` or the next: what Today and the reminders share.
    pub(crate) fn due(&self, day: NaiveDate) -> Result<(Vec<ExperimentSummary>, Vec<PeerSession>)> {
        let tomorrow = day.checked_add_days(Days::new(1)).unwrap_or(day);
        self.read(|conn| {
            let day_t = day_text(day);
            let reviews = experiment_summaries(
                conn,
                "AND x.status IN ('planned', 'running', 'observed') AND x.review_on <= :today
                 ORDER BY x.review_on, e.sort_key",
                &[(":today", &day_t)],
                day,
            )?;
            let sessions = sessions(
                conn,
                "WHERE s.held_on BETWEEN :today AND :tomorrow ORDER BY s.held_on, s.id",
                &[(":today", &day_t), (":tomorrow", &day_text(tomorrow))],
            )?;
            Ok((reviews, sessions))
        })
    }

    /// The week (Monday to Sunday) that holds `day`: experiments planned or
    /// moved on in it, its outcomes, and every open commitment.
    pub fn week_review(&self, day: NaiveDate) -> Result<WeekReview> {
        let from = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
        let to = from + chrono::Duration::days(6);
        self.read(|conn| {
            Ok(WeekReview {
                from,
                to,
                experiments: experiments_moved(conn, Some(from), to, day)?,
                outcomes: outcome_lines(conn, Some(from), to)?,
                open_commitments: commitments(
                    conn,
                    "WHERE c.status = 'open' ORDER BY c.due_on IS NULL, c.due_on, c.id",
                    &[],
                )?,
            })
        })
    }
}

/// Live entries about the same day of the month as `day`, in earlier
/// months and years, the latest first (at most 50).
fn on_this_day(conn: &Connection, day: NaiveDate) -> Result<Vec<EntrySummary>> {
    let mut stmt = conn.prepare(
        "SELECT e.uuid, e.kind, e.title, e.occurred_on, e.tags, e.starred, e.updated_at
         FROM entries AS e
         WHERE e.deleted_at IS NULL AND substr(e.occurred_on, 9, 2) = :dom AND e.occurred_on < :day
         ORDER BY e.sort_key DESC
         LIMIT 50",
    )?;
    let rows =
        stmt.query_map(named_params! { ":dom": format!("{:02}", day.day()), ":day": day_text(day) }, summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn resolve<T: std::str::FromStr<Err = Error> + rusqlite::types::FromSql>(
    journal: &Journal,
    table: &str,
    text: &str,
    not_found: fn(String) -> Error,
) -> Result<T> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(id) = text.parse::<T>() {
        return Ok(id);
    }
    if text.len() < 4 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(not_found(text));
    }
    journal.read(|conn| {
        let mut stmt = conn.prepare(&format!(
            "SELECT uuid FROM {table} WHERE uuid >= :prefix AND uuid < :prefix || 'g' ORDER BY uuid LIMIT 2"
        ))?;
        let ids = stmt
            .query_map(named_params! { ":prefix": text }, |row| row.get::<_, T>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut ids = ids.into_iter();
        match (ids.next(), ids.next()) {
            (Some(one), None) => Ok(one),
            (None, _) => Err(not_found(text.clone())),
            _ => Err(Error::AmbiguousId(text.clone())),
        }
    })
}
