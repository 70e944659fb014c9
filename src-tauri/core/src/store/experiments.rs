//! Experiments and their outcomes: the structure beside entries of kind
//! `experiment` and `outcome`, the status history, and the lock on what was
//! expected. The lock is checked here, with the time it was set, and kept by
//! the schema itself (trigger `experiments_expectation_locked`) for any
//! write that does not come through here.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};

use super::entries::{insert_entry, load_entry, row_id, save_version};
use super::projects::{link_entry, project_of_row};
use super::rows::{day_text, parse_day, parse_stamp, stamp};
use super::Journal;
use crate::error::{Error, Result};
use crate::model::experiment::{check_after_start, check_happened_on, check_review};
use crate::model::{
    EntryDraft, EntryId, Expectation, Experiment, ExperimentPlan, ExperimentStatus, ExperimentSummary, Kind, Outcome,
    OutcomeDraft, StatusChange,
};

/// The experiment row of a live or trashed entry, or why there is none.
fn experiment_row(conn: &Connection, id: EntryId) -> Result<i64> {
    let row = row_id(conn, id)?.ok_or_else(|| Error::EntryNotFound(id.to_string()))?;
    let found: Option<i64> = conn
        .query_row("SELECT entry_id FROM experiments WHERE entry_id = :row", named_params! { ":row": row }, |r| {
            r.get(0)
        })
        .optional()?;
    found.ok_or_else(|| Error::NotAnExperiment(id.to_string()))
}

/// A live experiment: one in the trash must be restored before it changes.
fn live_experiment_row(conn: &Connection, id: EntryId) -> Result<i64> {
    let row = experiment_row(conn, id)?;
    if load_entry(conn, id)?.deleted_at.is_some() {
        return Err(Error::EntryInTrash(id.to_string()));
    }
    Ok(row)
}

struct State {
    status: ExperimentStatus,
    locked_at: Option<String>,
    starts_on: NaiveDate,
}

fn state(conn: &Connection, row: i64) -> Result<State> {
    Ok(conn.query_row(
        "SELECT status, locked_at, starts_on FROM experiments WHERE entry_id = :row",
        named_params! { ":row": row },
        |r| Ok(State { status: r.get(0)?, locked_at: r.get(1)?, starts_on: parse_day(&r.get::<_, String>(2)?)? }),
    )?)
}

/// The day a move happened, as events store it: the day given, or the
/// day of the time it was written.
const EVENT_DAY: &str = "coalesce(happened_on, substr(at, 1, 10))";

/// Records the move to `status` on `day`, written down `now`.
fn record_status(
    tx: &Transaction<'_>,
    row: i64,
    status: ExperimentStatus,
    retry: bool,
    day: NaiveDate,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    tx.execute(
        "UPDATE experiments SET status = :status WHERE entry_id = :row",
        named_params! { ":status": status, ":row": row },
    )?;
    tx.execute(
        "INSERT INTO experiment_events (experiment_id, status, at, retry, happened_on)
         VALUES (:row, :status, :at, :retry, :day)",
        named_params! { ":row": row, ":status": status, ":at": stamp(&now), ":retry": retry, ":day": day_text(day) },
    )?;
    Ok(())
}

/// The day the experiment last started (its latest move to `running`),
/// if it has.
fn started_on(conn: &Connection, row: i64) -> Result<Option<NaiveDate>> {
    let day: Option<String> = conn
        .query_row(
            &format!(
                "SELECT {EVENT_DAY} FROM experiment_events
                 WHERE experiment_id = :row AND status = 'running' ORDER BY id DESC LIMIT 1"
            ),
            named_params! { ":row": row },
            |r| r.get(0),
        )
        .optional()?;
    Ok(day.as_deref().map(parse_day).transpose()?)
}

/// The day a move to `to` happened: `on`, or today when none is given;
/// refused when after today, or (for a started experiment's later moves)
/// before the day it started.
fn move_day(
    conn: &Connection,
    row: i64,
    to: ExperimentStatus,
    on: Option<NaiveDate>,
    now: DateTime<FixedOffset>,
) -> Result<NaiveDate> {
    let day = check_happened_on(on.unwrap_or(now.date_naive()), now.date_naive())?;
    if matches!(to, ExperimentStatus::Observed | ExperimentStatus::Concluded | ExperimentStatus::Abandoned) {
        if let Some(started) = started_on(conn, row)? {
            check_after_start(day, started, to)?;
        }
    }
    Ok(day)
}

/// Columns: uuid, title, hypothesis, status, starts_on, review_on, grew_from uuid, project uuid, outcomes, created_at.
const SUMMARY_SQL: &str = "
    SELECT e.uuid, e.title, x.hypothesis, x.status, x.starts_on, x.review_on,
           (SELECT pe.uuid FROM entries AS pe WHERE pe.id = x.grew_from),
           (SELECT p.uuid FROM entry_projects AS ep JOIN projects AS p ON p.id = ep.project_id WHERE ep.entry_id = e.id),
           (SELECT count(*) FROM outcomes AS o JOIN entries AS oe ON oe.id = o.entry_id
             WHERE o.experiment_id = x.entry_id AND oe.deleted_at IS NULL),
           e.created_at
    FROM experiments AS x JOIN entries AS e ON e.id = x.entry_id
    WHERE e.deleted_at IS NULL";

fn summary_from_row(row: &Row<'_>, today: NaiveDate) -> rusqlite::Result<ExperimentSummary> {
    let status: ExperimentStatus = row.get(3)?;
    let review_on = parse_day(&row.get::<_, String>(5)?)?;
    Ok(ExperimentSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        hypothesis: row.get(2)?,
        status,
        starts_on: parse_day(&row.get::<_, String>(4)?)?,
        review_on,
        grew_from: row.get(6)?,
        project: row.get(7)?,
        outcomes: row.get::<_, i64>(8)? as usize,
        created_at: parse_stamp(&row.get::<_, String>(9)?)?,
        review_due: status.is_open() && review_on <= today,
    })
}

pub(crate) fn experiment_summaries(
    conn: &Connection,
    extra_where: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
    today: NaiveDate,
) -> Result<Vec<ExperimentSummary>> {
    let mut stmt = conn.prepare(&format!("{SUMMARY_SQL} {extra_where}"))?;
    let rows = stmt.query_map(params, |row| summary_from_row(row, today))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn load_outcomes(conn: &Connection, experiment_row: i64) -> Result<Vec<Outcome>> {
    let mut stmt = conn.prepare(
        "SELECT oe.uuid, xe.uuid, oe.title, oe.occurred_on, oe.body, o.surprised, o.why_different, oe.created_at
         FROM outcomes AS o
         JOIN entries AS oe ON oe.id = o.entry_id
         JOIN entries AS xe ON xe.id = o.experiment_id
         WHERE o.experiment_id = :row AND oe.deleted_at IS NULL
         ORDER BY oe.sort_key",
    )?;
    let rows = stmt.query_map(named_params! { ":row": experiment_row }, |r| {
        Ok(Outcome {
            id: r.get(0)?,
            experiment: r.get(1)?,
            title: r.get(2)?,
            occurred_on: parse_day(&r.get::<_, String>(3)?)?,
            happened: r.get(4)?,
            surprised: r.get(5)?,
            why_different: r.get(6)?,
            created_at: parse_stamp(&r.get::<_, String>(7)?)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn load_experiment(conn: &Connection, id: EntryId) -> Result<Experiment> {
    let row = experiment_row(conn, id)?;
    let entry = load_entry(conn, id)?;
    let (expectation, locked_at, starts_on, review_on, status, learning, next_step, grew_from) = conn.query_row(
        "SELECT x.hypothesis, x.planned_action, x.expected_outcome, x.success_signals, x.failure_signals,
                x.locked_at, x.starts_on, x.review_on, x.status, x.learning, x.next_step,
                (SELECT pe.uuid FROM entries AS pe WHERE pe.id = x.grew_from)
         FROM experiments AS x WHERE x.entry_id = :row",
        named_params! { ":row": row },
        |r| {
            Ok((
                Expectation {
                    hypothesis: r.get(0)?,
                    planned_action: r.get(1)?,
                    expected_outcome: r.get(2)?,
                    success_signals: r.get(3)?,
                    failure_signals: r.get(4)?,
                },
                r.get::<_, Option<String>>(5)?.as_deref().map(parse_stamp).transpose()?,
                parse_day(&r.get::<_, String>(6)?)?,
                parse_day(&r.get::<_, String>(7)?)?,
                r.get::<_, ExperimentStatus>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, String>(10)?,
                r.get::<_, Option<EntryId>>(11)?,
            ))
        },
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT status, at, retry, {EVENT_DAY} FROM experiment_events WHERE experiment_id = :row ORDER BY id"
    ))?;
    let history = stmt
        .query_map(named_params! { ":row": row }, |r| {
            Ok(StatusChange {
                status: r.get(0)?,
                at: parse_stamp(&r.get::<_, String>(1)?)?,
                retry: r.get(2)?,
                happened_on: parse_day(&r.get::<_, String>(3)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Experiment {
        notes: entry.body.clone(),
        entry: entry.summary(),
        expectation,
        locked_at,
        starts_on,
        review_on,
        status,
        learning,
        next_step,
        grew_from,
        project: project_of_row(conn, row)?,
        history,
        outcomes: load_outcomes(conn, row)?,
    })
}

/// The order of the ledger: reviews due first (the most overdue first),
/// then by status along the cycle, then by review date.
const LEDGER_ORDER: &str = "
    ORDER BY (x.status IN ('planned', 'running', 'observed') AND x.review_on <= :today) DESC,
             CASE WHEN x.status IN ('planned', 'running', 'observed') AND x.review_on <= :today THEN x.review_on END,
             CASE x.status WHEN 'running' THEN 0 WHEN 'observed' THEN 1 WHEN 'planned' THEN 2
                           WHEN 'concluded' THEN 3 ELSE 4 END,
             x.review_on, e.sort_key";

impl Journal {
    /// Plans an experiment: an entry of kind `experiment` (its text is
    /// `notes`) with the expectation beside it, status `planned`.
    pub fn plan_experiment(
        &self,
        id: EntryId,
        plan: &ExperimentPlan,
        notes: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Experiment> {
        let plan = plan.validated(now.date_naive())?;
        let starts_on = plan.starts_on.unwrap_or(now.date_naive());
        let draft = EntryDraft {
            kind: Kind::Experiment,
            title: plan.title.clone(),
            body: notes.to_string(),
            tags: plan.tags.clone(),
            occurred_on: Some(now.date_naive()),
            starred: false,
        }
        .validated()?;
        self.write(|tx| {
            if row_id(tx, id)?.is_some() {
                return Err(Error::conflict(format!("An entry with the id {id} already exists.")));
            }
            let parent = plan.grew_from.map(|parent| live_experiment_row(tx, parent)).transpose()?;
            let row = insert_entry(tx, id, &draft, now.date_naive(), now, now, 1, None)?;
            let x = &plan.expectation;
            tx.execute(
                "INSERT INTO experiments (entry_id, hypothesis, planned_action, expected_outcome, success_signals,
                                          failure_signals, starts_on, review_on, status, grew_from)
                 VALUES (:row, :hypothesis, :action, :expected, :success, :failure, :starts_on, :review_on, 'planned', :parent)",
                named_params! {
                    ":row": row, ":hypothesis": x.hypothesis, ":action": x.planned_action,
                    ":expected": x.expected_outcome, ":success": x.success_signals, ":failure": x.failure_signals,
                    ":starts_on": day_text(starts_on), ":review_on": day_text(plan.review_on), ":parent": parent,
                },
            )?;
            tx.execute(
                "INSERT INTO experiment_events (experiment_id, status, at, happened_on)
                 VALUES (:row, 'planned', :at, :day)",
                named_params! { ":row": row, ":at": stamp(&now), ":day": day_text(now.date_naive()) },
            )?;
            link_entry(tx, row, plan.project)?;
            load_experiment(tx, id)
        })
    }

    pub fn get_experiment(&self, id: EntryId) -> Result<Experiment> {
        self.read(|conn| load_experiment(conn, id))
    }

    /// Changes a planned experiment's expectation, start and review dates.
    /// Once it has started the expectation is locked: this fails with
    /// [`Error::ExpectationLocked`] and changes nothing.
    pub fn update_expectation(
        &self,
        id: EntryId,
        expectation: &Expectation,
        starts_on: NaiveDate,
        review_on: NaiveDate,
    ) -> Result<Experiment> {
        let expectation = expectation.validated()?;
        if expectation.hypothesis.is_empty() {
            return Err(Error::invalid("An experiment needs a hypothesis: \"If I …, then …\"."));
        }
        crate::model::experiment::check_year(starts_on)?;
        check_review(starts_on, review_on)?;
        self.write(|tx| {
            let row = live_experiment_row(tx, id)?;
            if let Some(locked_at) = state(tx, row)?.locked_at {
                return Err(Error::ExpectationLocked { locked_at: Some(locked_at) });
            }
            let x = &expectation;
            tx.execute(
                "UPDATE experiments SET hypothesis = :hypothesis, planned_action = :action, expected_outcome = :expected,
                        success_signals = :success, failure_signals = :failure, starts_on = :starts_on, review_on = :review_on
                 WHERE entry_id = :row",
                named_params! {
                    ":row": row, ":hypothesis": x.hypothesis, ":action": x.planned_action,
                    ":expected": x.expected_outcome, ":success": x.success_signals, ":failure": x.failure_signals,
                    ":starts_on": day_text(starts_on), ":review_on": day_text(review_on),
                },
            )?;
            load_experiment(tx, id)
        })
    }

    /// Moves the review to another day (it may move after the start too:
    /// a review date is a plan, not an expectation).
    pub fn set_review_date(&self, id: EntryId, review_on: NaiveDate) -> Result<Experiment> {
        self.write(|tx| {
            let row = live_experiment_row(tx, id)?;
            check_review(state(tx, row)?.starts_on, review_on)?;
            tx.execute(
                "UPDATE experiments SET review_on = :review_on WHERE entry_id = :row",
                named_params! { ":row": row, ":review_on": day_text(review_on) },
            )?;
            load_experiment(tx, id)
        })
    }

    /// Moves an experiment to `to` today, recording when. Starting it
    /// locks the expectation (the first start sets the time; a retry keeps
    /// it).
    pub fn move_experiment(&self, id: EntryId, to: ExperimentStatus, now: DateTime<FixedOffset>) -> Result<Experiment> {
        self.move_experiment_on(id, to, None, now)
    }

    /// Moves an experiment to `to` as it happened on `on` (today when
    /// `None`), written down `now`. A day after today is refused, and so is
    /// a day before the experiment started for its later moves; the lock
    /// keeps the time it was written.
    pub fn move_experiment_on(
        &self,
        id: EntryId,
        to: ExperimentStatus,
        on: Option<NaiveDate>,
        now: DateTime<FixedOffset>,
    ) -> Result<Experiment> {
        self.write(|tx| move_to(tx, id, to, on, now))
    }

    /// Writes what was learnt and the next step. Allowed at any time: this
    /// is where hindsight belongs.
    pub fn set_learning(&self, id: EntryId, learning: &str, next_step: &str) -> Result<Experiment> {
        let (learning, next_step) = check_learning(learning, next_step)?;
        self.write(|tx| {
            let row = live_experiment_row(tx, id)?;
            write_learning(tx, row, learning, next_step)?;
            load_experiment(tx, id)
        })
    }

    /// Writes the learning and next step and concludes today, in one
    /// transaction: a refused move writes no learning either.
    pub fn conclude_experiment(
        &self,
        id: EntryId,
        learning: &str,
        next_step: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Experiment> {
        self.conclude_experiment_on(id, learning, next_step, None, now)
    }

    /// As [`Journal::conclude_experiment`], concluded on `on` (today when
    /// `None`): not after today, not before the experiment started.
    pub fn conclude_experiment_on(
        &self,
        id: EntryId,
        learning: &str,
        next_step: &str,
        on: Option<NaiveDate>,
        now: DateTime<FixedOffset>,
    ) -> Result<Experiment> {
        let (learning, next_step) = check_learning(learning, next_step)?;
        self.write(|tx| {
            let row = live_experiment_row(tx, id)?;
            state(tx, row)?.status.check_move(ExperimentStatus::Concluded)?;
            write_learning(tx, row, learning, next_step)?;
            move_to(tx, id, ExperimentStatus::Concluded, on, now)
        })
    }

    /// Records what actually happened: a new entry of kind `outcome` linked
    /// to `experiment`, about the draft's day (today when none). The
    /// experiment must have started (so its expectation was locked before
    /// anything was observed); a running one becomes `observed` on that
    /// day. A day after today, or before the experiment started, is refused.
    pub fn record_outcome(
        &self,
        id: EntryId,
        experiment: EntryId,
        draft: &OutcomeDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Outcome> {
        let draft = draft.validated()?;
        self.write(|tx| {
            let experiment_row = live_experiment_row(tx, experiment).map_err(|err| match err {
                Error::EntryNotFound(_) => Error::not_found(format!(
                    "There is no experiment {experiment} to link this outcome to."
                )),
                other => other,
            })?;
            let current = state(tx, experiment_row)?;
            if current.locked_at.is_none() {
                return Err(Error::StatusChange(
                    "This experiment has not started, so nothing can have been observed yet. \
                     Start it first: what you expect is locked when it starts."
                        .to_string(),
                ));
            }
            if row_id(tx, id)?.is_some() {
                return Err(Error::conflict(format!("An entry with the id {id} already exists.")));
            }
            let observed_on = move_day(tx, experiment_row, ExperimentStatus::Observed, draft.occurred_on, now)?;
            let parent = load_entry(tx, experiment)?;
            let entry = EntryDraft {
                kind: Kind::Outcome,
                title: if draft.title.is_empty() { format!("Outcome: {}", parent.title) } else { draft.title.clone() },
                body: draft.happened.clone(),
                tags: parent.tags.clone(),
                occurred_on: draft.occurred_on,
                starred: false,
            }
            .validated()?;
            let day = draft.occurred_on.unwrap_or(now.date_naive());
            let row = insert_entry(tx, id, &entry, day, now, now, 1, None)?;
            tx.execute(
                "INSERT INTO outcomes (entry_id, experiment_id, surprised, why_different)
                 VALUES (:row, :experiment, :surprised, :why)",
                named_params! {
                    ":row": row, ":experiment": experiment_row, ":surprised": draft.surprised, ":why": draft.why_different,
                },
            )?;
            link_entry(tx, row, project_of_row(tx, experiment_row)?)?;
            if current.status == ExperimentStatus::Running {
                record_status(tx, experiment_row, ExperimentStatus::Observed, false, observed_on, now)?;
            }
            load_outcomes(tx, experiment_row)?
                .into_iter()
                .find(|o| o.id == id)
                .ok_or_else(|| Error::EntryNotFound(id.to_string()))
        })
    }

    /// Changes what surprised me and why it differed, for an outcome; what
    /// happened is the outcome entry's text, edited as any entry.
    pub fn update_outcome(
        &self,
        id: EntryId,
        happened: &str,
        surprised: &str,
        why_different: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Outcome> {
        let draft = OutcomeDraft {
            title: String::new(),
            happened: happened.to_string(),
            surprised: surprised.to_string(),
            why_different: why_different.to_string(),
            occurred_on: None,
        }
        .validated()?;
        self.write(|tx| {
            let row = row_id(tx, id)?.ok_or_else(|| Error::EntryNotFound(id.to_string()))?;
            let experiment_row: i64 = tx
                .query_row(
                    "SELECT experiment_id FROM outcomes WHERE entry_id = :row",
                    named_params! { ":row": row },
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::not_found(format!("Entry {id} is not an outcome of an experiment.")))?;
            let mut entry = load_entry(tx, id)?.draft();
            entry.body = draft.happened.clone();
            save_version(tx, id, &entry, now)?;
            tx.execute(
                "UPDATE outcomes SET surprised = :surprised, why_different = :why WHERE entry_id = :row",
                named_params! { ":row": row, ":surprised": draft.surprised, ":why": draft.why_different },
            )?;
            load_outcomes(tx, experiment_row)?
                .into_iter()
                .find(|o| o.id == id)
                .ok_or_else(|| Error::EntryNotFound(id.to_string()))
        })
    }

    /// The outcome entry `id`, if it is one.
    pub fn get_outcome(&self, id: EntryId) -> Result<Option<Outcome>> {
        self.read(|conn| {
            let Some(row) = row_id(conn, id)? else { return Err(Error::EntryNotFound(id.to_string())) };
            let experiment_row: Option<i64> = conn
                .query_row(
                    "SELECT experiment_id FROM outcomes WHERE entry_id = :row",
                    named_params! { ":row": row },
                    |r| r.get(0),
                )
                .optional()?;
            match experiment_row {
                None => Ok(None),
                Some(x) => Ok(load_outcomes(conn, x)?.into_iter().find(|o| o.id == id)),
            }
        })
    }

    /// The experiment ledger: every live experiment (of one status, if
    /// given). Reviews that are due or overdue come first.
    pub fn list_experiments(
        &self,
        status: Option<ExperimentStatus>,
        today: NaiveDate,
    ) -> Result<Vec<ExperimentSummary>> {
        self.read(|conn| {
            let today_text = day_text(today);
            experiment_summaries(
                conn,
                &format!("AND (:status IS NULL OR x.status = :status) {LEDGER_ORDER}"),
                &[(":status", &status), (":today", &today_text)],
                today,
            )
        })
    }

    /// An experiment and every experiment that grew from it, depth first:
    /// `(depth, experiment)`, the root at depth 0.
    pub fn experiment_chain(&self, id: EntryId, today: NaiveDate) -> Result<Vec<(usize, ExperimentSummary)>> {
        let all = self.list_experiments(None, today)?;
        let root = all.iter().find(|e| e.id == id).cloned().ok_or_else(|| match self.get_experiment(id) {
            Err(err) => err,
            Ok(_) => Error::EntryInTrash(id.to_string()),
        })?;
        let mut chain = Vec::new();
        let mut stack = vec![(0, root)];
        while let Some((depth, node)) = stack.pop() {
            let mut children: Vec<_> = all.iter().filter(|e| e.grew_from == Some(node.id)).cloned().collect();
            children.sort_by_key(|e| std::cmp::Reverse(e.created_at));
            chain.push((depth, node));
            stack.extend(children.into_iter().map(|c| (depth + 1, c)));
        }
        Ok(chain)
    }
}

fn check_learning<'a>(learning: &'a str, next_step: &'a str) -> Result<(&'a str, &'a str)> {
    let (learning, next_step) = (learning.trim(), next_step.trim());
    for (name, text) in [("learning", learning), ("next step", next_step)] {
        if text.chars().count() > crate::model::experiment::MAX_FIELD_CHARS {
            return Err(Error::out_of_range(format!(
                "The {name} is too long. Write the rest in the experiment's notes."
            )));
        }
    }
    Ok((learning, next_step))
}

fn write_learning(tx: &Transaction<'_>, row: i64, learning: &str, next_step: &str) -> Result<()> {
    tx.execute(
        "UPDATE experiments SET learning = :learning, next_step = :next WHERE entry_id = :row",
        named_params! { ":row": row, ":learning": learning, ":next": next_step },
    )?;
    Ok(())
}

fn move_to(
    tx: &Transaction<'_>,
    id: EntryId,
    to: ExperimentStatus,
    on: Option<NaiveDate>,
    now: DateTime<FixedOffset>,
) -> Result<Experiment> {
    let row = live_experiment_row(tx, id)?;
    let current = state(tx, row)?;
    current.status.check_move(to)?;
    let day = move_day(tx, row, to, on, now)?;
    if to == ExperimentStatus::Running && current.locked_at.is_none() {
        load_experiment(tx, id)?.expectation.check_ready()?;
        tx.execute(
            "UPDATE experiments SET locked_at = :at WHERE entry_id = :row",
            named_params! { ":row": row, ":at": stamp(&now) },
        )?;
    }
    let retry = current.status == ExperimentStatus::Abandoned && to == ExperimentStatus::Planned;
    record_status(tx, row, to, retry, day, now)?;
    load_experiment(tx, id)
}
