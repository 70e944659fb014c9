//! Projects, and which entries belong to them.

use chrono::{DateTime, FixedOffset};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::entries::row_id;
use super::rows::{day_text, parse_day, parse_stamp, stamp};
use super::Journal;
use crate::error::{Error, Result};
use crate::model::{
    EntryId, EntrySummary, ExperimentSummary, ListFilter, PeerSession, Project, ProjectDraft, ProjectId,
};

/// A project's page: the project, its entries (newest first), experiments
/// and sessions.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectOverview {
    pub project: Project,
    pub entries: Vec<EntrySummary>,
    pub experiments: Vec<ExperimentSummary>,
    pub sessions: Vec<PeerSession>,
}

const PROJECT_COLUMNS: &str = "uuid, name, challenge, starts_on, ends_on, status, created_at, updated_at";

fn project_from_row(row: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: row.get(0)?,
        name: row.get(1)?,
        challenge: row.get(2)?,
        starts_on: parse_day(&row.get::<_, String>(3)?)?,
        ends_on: parse_day(&row.get::<_, String>(4)?)?,
        status: row.get(5)?,
        created_at: parse_stamp(&row.get::<_, String>(6)?)?,
        updated_at: parse_stamp(&row.get::<_, String>(7)?)?,
    })
}

pub(crate) fn load_project(conn: &Connection, id: ProjectId) -> Result<Project> {
    conn.query_row(
        &format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE uuid = :uuid"),
        named_params! { ":uuid": id },
        project_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::ProjectNotFound(id.to_string()))
}

pub(crate) fn project_row(conn: &Connection, id: ProjectId) -> Result<i64> {
    conn.query_row("SELECT id FROM projects WHERE uuid = :uuid", named_params! { ":uuid": id }, |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::ProjectNotFound(id.to_string()))
}

/// Links the entry at `entry_row` to `project` (or to none).
pub(crate) fn link_entry(tx: &Transaction<'_>, entry_row: i64, project: Option<ProjectId>) -> Result<()> {
    match project {
        None => {
            tx.execute("DELETE FROM entry_projects WHERE entry_id = :entry", named_params! { ":entry": entry_row })?;
        }
        Some(project) => {
            let project_row = project_row(tx, project)?;
            tx.execute(
                "INSERT INTO entry_projects (entry_id, project_id) VALUES (:entry, :project)
                 ON CONFLICT (entry_id) DO UPDATE SET project_id = excluded.project_id",
                named_params! { ":entry": entry_row, ":project": project_row },
            )?;
        }
    }
    Ok(())
}

/// The project the entry at `entry_row` belongs to.
pub(crate) fn project_of_row(conn: &Connection, entry_row: i64) -> Result<Option<ProjectId>> {
    Ok(conn
        .query_row(
            "SELECT p.uuid FROM entry_projects AS ep JOIN projects AS p ON p.id = ep.project_id WHERE ep.entry_id = :entry",
            named_params! { ":entry": entry_row },
            |row| row.get(0),
        )
        .optional()?)
}

impl Journal {
    pub fn create_project(&self, id: ProjectId, draft: &ProjectDraft, now: DateTime<FixedOffset>) -> Result<Project> {
        let draft = draft.validated()?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO projects (uuid, name, challenge, starts_on, ends_on, status, created_at, updated_at)
                 VALUES (:uuid, :name, :challenge, :starts_on, :ends_on, :status, :now, :now)",
                named_params! {
                    ":uuid": id, ":name": draft.name, ":challenge": draft.challenge,
                    ":starts_on": day_text(draft.starts_on), ":ends_on": day_text(draft.ends_on),
                    ":status": draft.status, ":now": stamp(&now),
                },
            )?;
            load_project(tx, id)
        })
    }

    /// Changes a project's name, challenge, dates or status.
    pub fn update_project(&self, id: ProjectId, draft: &ProjectDraft, now: DateTime<FixedOffset>) -> Result<Project> {
        let draft = draft.validated()?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE projects SET name = :name, challenge = :challenge, starts_on = :starts_on, ends_on = :ends_on,
                                     status = :status, updated_at = :now
                 WHERE uuid = :uuid",
                named_params! {
                    ":uuid": id, ":name": draft.name, ":challenge": draft.challenge,
                    ":starts_on": day_text(draft.starts_on), ":ends_on": day_text(draft.ends_on),
                    ":status": draft.status, ":now": stamp(&now),
                },
            )?;
            if changed == 0 {
                return Err(Error::ProjectNotFound(id.to_string()));
            }
            load_project(tx, id)
        })
    }

    pub fn get_project(&self, id: ProjectId) -> Result<Project> {
        self.read(|conn| load_project(conn, id))
    }

    /// Every project, the most recently started first.
    pub fn list_projects(&self) -> Result<Vec<Project>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare(&format!("SELECT {PROJECT_COLUMNS} FROM projects ORDER BY starts_on DESC, name"))?;
            let rows = stmt.query_map([], project_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Deletes a project. Its entries, experiments and sessions stay, with
    /// no project. Returns how many entries it held.
    pub fn delete_project(&self, id: ProjectId) -> Result<usize> {
        self.write(|tx| {
            let row = project_row(tx, id)?;
            let held =
                tx.execute("DELETE FROM entry_projects WHERE project_id = :row", named_params! { ":row": row })?;
            tx.execute(
                "UPDATE peer_sessions SET project_id = NULL WHERE project_id = :row",
                named_params! { ":row": row },
            )?;
            tx.execute("DELETE FROM projects WHERE id = :row", named_params! { ":row": row })?;
            Ok(held)
        })
    }

    /// Puts an entry in a project, or (with `None`) takes it out.
    pub fn set_entry_project(&self, entry: EntryId, project: Option<ProjectId>) -> Result<()> {
        self.write(|tx| {
            let row = row_id(tx, entry)?.ok_or_else(|| Error::EntryNotFound(entry.to_string()))?;
            link_entry(tx, row, project)
        })
    }

    /// The project an entry belongs to, if any.
    pub fn entry_project(&self, entry: EntryId) -> Result<Option<ProjectId>> {
        self.read(|conn| {
            let row = row_id(conn, entry)?.ok_or_else(|| Error::EntryNotFound(entry.to_string()))?;
            project_of_row(conn, row)
        })
    }

    /// Finds a project by a unique start of its id or by its exact name
    /// (any case).
    pub fn resolve_project(&self, text: &str) -> Result<ProjectId> {
        let wanted = text.trim();
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT uuid FROM projects
                 WHERE lower(name) = lower(:text) OR (length(:text) >= 4 AND uuid LIKE lower(:text) || '%')
                 LIMIT 2",
            )?;
            let ids = stmt
                .query_map(named_params! { ":text": wanted }, |row| row.get::<_, ProjectId>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            match ids.as_slice() {
                [one] => Ok(*one),
                [] => Err(Error::ProjectNotFound(wanted.to_string())),
                _ => Err(Error::invalid(format!("\"{wanted}\" matches more than one project. Use more of its id."))),
            }
        })
    }

    /// A project's page.
    pub fn project_overview(&self, id: ProjectId, today: chrono::NaiveDate) -> Result<ProjectOverview> {
        let project = self.get_project(id)?;
        let entries = self.list_entries(&ListFilter {
            project: Some(id),
            limit: Some(crate::model::MAX_PAGE),
            ..Default::default()
        })?;
        let experiments = self.list_experiments(None, today)?.into_iter().filter(|e| e.project == Some(id)).collect();
        let sessions = self.list_sessions()?.into_iter().filter(|s| s.project == Some(id)).collect();
        Ok(ProjectOverview { project, entries, experiments, sessions })
    }
}
