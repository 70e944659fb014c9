//! The action-learning commands: projects, experiments, peer sessions,
//! commitments, today and the week. Each kind has its own file; the helpers
//! they share and the two overviews (today, the week) are here.

mod experiments;
mod projects;
mod sessions;

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use praxis_core::{Journal, ProjectId};

use crate::print;
use experiments::experiment_lines;
pub use experiments::{experiment, ExperimentAction};
pub use projects::{project, ProjectAction};
pub use sessions::{commitment, session, CommitmentAction, SessionAction};
use sessions::{commitment_lines, session_line};

fn parse<T: std::str::FromStr<Err = praxis_core::Error>>(text: &str) -> Result<T, praxis_core::Error> {
    text.parse()
}

fn short(id: impl ToString) -> String {
    id.to_string()[..8].to_string()
}

fn resolve_project(journal: &Journal, text: Option<&str>) -> Result<Option<ProjectId>> {
    Ok(text.map(|t| journal.resolve_project(t)).transpose()?)
}

fn print_id(out: &mut dyn Write, json: bool, id: impl ToString) -> Result<()> {
    if json {
        print::json(out, &serde_json::json!({ "id": id.to_string() }))
    } else {
        writeln!(out, "{}", id.to_string())?;
        Ok(())
    }
}

pub fn today(journal: &Journal, day: NaiveDate, json: bool, out: &mut dyn Write) -> Result<()> {
    let today = journal.today(day)?;
    if json {
        return print::json(out, &today);
    }
    writeln!(out, "# Today, {day}\n\n## Reviews due")?;
    experiment_lines(out, &today.reviews)?;
    writeln!(out, "\n## Sessions today or tomorrow")?;
    if today.sessions.is_empty() {
        writeln!(out, "None.")?;
    }
    for s in &today.sessions {
        writeln!(out, "{}", session_line(s))?;
    }
    writeln!(out, "\n## Commitments due this week")?;
    if today.commitments.is_empty() {
        writeln!(out, "None.")?;
    }
    commitment_lines(out, &today.commitments, day)?;
    writeln!(out, "\n## On this day")?;
    if today.on_this_day.is_empty() {
        writeln!(out, "Nothing written on this day in earlier months.")?;
    }
    print::summaries(out, &today.on_this_day, false)
}

pub fn week(journal: &Journal, day: NaiveDate, json: bool, out: &mut dyn Write) -> Result<()> {
    let week = journal.week_review(day)?;
    if json {
        return print::json(out, &week);
    }
    writeln!(out, "# The week of {} to {}\n\n## Experiments", week.from, week.to)?;
    experiment_lines(out, &week.experiments)?;
    writeln!(out, "\n## Outcomes")?;
    if week.outcomes.is_empty() {
        writeln!(out, "None this week.")?;
    }
    for o in &week.outcomes {
        writeln!(out, "{}  {}  {} (from {})", short(o.id), o.occurred_on, o.title, o.experiment_title)?;
    }
    writeln!(out, "\n## Open commitments")?;
    if week.open_commitments.is_empty() {
        writeln!(out, "None.")?;
    }
    commitment_lines(out, &week.open_commitments, day)?;
    writeln!(out, "\nLook back: what did you try, what happened, and what will you try next?")?;
    Ok(())
}
