//! `praxis project …`: the projects a participant works on.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;
use praxis_core::{Journal, ProjectDraft, ProjectId, ProjectStatus};

use super::{experiment_lines, resolve_project};
use crate::args::{parse, parse_day};
use crate::print::{self, short, Empty};

#[derive(Debug, Subcommand)]
pub enum ProjectAction {
    /// Start a project; prints its id.
    New {
        #[arg(long)]
        name: String,
        /// The challenge, in one or two sentences.
        #[arg(long, default_value = "")]
        challenge: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        start: NaiveDate,
        /// The planned end (6–12 months after the start is typical).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        end: NaiveDate,
    },
    /// List the projects.
    List,
    /// Show a project: its entries, experiments and sessions.
    Show { project: String },
    /// Change a project; options not given stay as they are.
    Update {
        project: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        challenge: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        start: Option<NaiveDate>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        end: Option<NaiveDate>,
        /// active, paused or finished.
        #[arg(long, value_parser = parse::<ProjectStatus>)]
        status: Option<ProjectStatus>,
    },
    /// Put an entry in a project (or take it out with --none).
    Assign {
        entry: String,
        #[arg(required_unless_present = "none")]
        project: Option<String>,
        #[arg(long, conflicts_with = "project")]
        none: bool,
    },
    /// Delete a project. Its entries stay, without a project.
    Delete { project: String },
}

pub(super) fn project(
    journal: &Journal,
    action: ProjectAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    match action {
        ProjectAction::New { name, challenge, start, end } => {
            let draft = ProjectDraft { name, challenge, starts_on: start, ends_on: end, status: ProjectStatus::Active };
            let project = journal.create_project(ProjectId::random(), &draft, now)?;
            print::id(out, json, project.id)
        }
        ProjectAction::List => {
            let projects = journal.list_projects()?;
            let empty = Empty::Say("No projects yet. `praxis project new --name … --start … --end …` starts one.");
            print::listing(out, &projects, json, empty, |p| {
                format!("{}  {} → {}  {:<8}  {}", short(p.id), p.starts_on, p.ends_on, p.status.as_str(), p.name)
            })
        }
        ProjectAction::Show { project } => {
            let overview = journal.project_overview(journal.resolve_project(&project)?, now.date_naive())?;
            if json {
                return print::json(out, &overview);
            }
            let p = &overview.project;
            writeln!(out, "# {}\n", p.name)?;
            writeln!(out, "{} → {}, {}", p.starts_on, p.ends_on, p.status.as_str())?;
            if !p.challenge.is_empty() {
                writeln!(out, "\n{}", p.challenge)?;
            }
            writeln!(out, "\n## Experiments")?;
            experiment_lines(out, &overview.experiments)?;
            writeln!(out, "\n## Sessions")?;
            print::lines(out, &overview.sessions, Empty::Quiet, |s| {
                format!("{}  {}  {} ({})", short(s.id), s.held_on, s.group_name, s.role.as_str())
            })?;
            writeln!(out, "\n## Timeline")?;
            print::lines(out, &overview.entries, Empty::Quiet, print::summary_line)
        }
        ProjectAction::Update { project, name, challenge, start, end, status } => {
            let id = journal.resolve_project(&project)?;
            let mut draft = journal.get_project(id)?.draft();
            draft.name = name.unwrap_or(draft.name);
            draft.challenge = challenge.unwrap_or(draft.challenge);
            draft.starts_on = start.unwrap_or(draft.starts_on);
            draft.ends_on = end.unwrap_or(draft.ends_on);
            draft.status = status.unwrap_or(draft.status);
            let saved = journal.update_project(id, &draft, now)?;
            if json {
                return print::json(out, &saved);
            }
            print::done(out, false, &format!("Saved the project {}.", saved.name))
        }
        ProjectAction::Assign { entry, project, none } => {
            let entry = journal.resolve_id(&entry)?;
            let project = if none { None } else { resolve_project(journal, project.as_deref())? };
            journal.set_entry_project(entry, project)?;
            let message = match project {
                Some(p) => format!("Entry {} is in the project {}.", short(entry), journal.get_project(p)?.name),
                None => format!("Entry {} is in no project now.", short(entry)),
            };
            print::done(out, json, &message)
        }
        ProjectAction::Delete { project } => {
            let id = journal.resolve_project(&project)?;
            let name = journal.get_project(id)?.name;
            let kept = journal.delete_project(id)?;
            print::done(out, json, &format!("Deleted the project {name}. Its {kept} entries stay, without a project."))
        }
    }
}
