//! The action-learning commands: projects, experiments, peer sessions,
//! commitments, today and the week. Each kind has its own file with its
//! arguments, what it does and prints; the helpers they share and the two
//! overviews (today, the week) are here.

mod experiments;
mod projects;
mod sessions;

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use praxis_core::{Journal, ProjectId};

use crate::args::{parse_day, Global};
use crate::context::{self, now};
use crate::print::{self, short, Empty};
use experiments::{experiment, experiment_lines, ExperimentAction};
use projects::{project, ProjectAction};
use sessions::{commitment, commitment_line, session, session_line, CommitmentAction, SessionAction};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Action-learning projects.
    Project {
        #[command(subcommand)]
        action: ProjectAction,
    },
    /// Experiments: plan, start, observe, conclude; the ledger.
    Experiment {
        #[command(subcommand)]
        action: ExperimentAction,
    },
    /// Peer sessions: the prep sheet before, the notes and commitments after.
    Session {
        #[command(subcommand)]
        action: SessionAction,
    },
    /// Commitments made at peer sessions.
    Commitment {
        #[command(subcommand)]
        action: CommitmentAction,
    },
    /// What needs attention today: reviews due, sessions, commitments, and entries on this day.
    Today {
        /// Another day than today.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        day: Option<NaiveDate>,
    },
    /// The weekly review: this week's experiments and outcomes, and open commitments.
    Week {
        /// A day in another week.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        day: Option<NaiveDate>,
    },
}

pub fn run(command: Command, global: &Global) -> Result<()> {
    let journal = context::journal(global)?;
    let json = global.json;
    let out = &mut io::stdout().lock();
    match command {
        Command::Project { action } => project(&journal, action, json, now(), out),
        Command::Experiment { action } => experiment(&journal, action, json, now(), out),
        Command::Session { action } => session(&journal, action, json, now(), out),
        Command::Commitment { action } => commitment(&journal, action, json, now(), out),
        Command::Today { day } => today(&journal, day.unwrap_or(now().date_naive()), json, out),
        Command::Week { day } => week(&journal, day.unwrap_or(now().date_naive()), json, out),
    }
}

fn resolve_project(journal: &Journal, text: Option<&str>) -> Result<Option<ProjectId>> {
    Ok(text.map(|t| journal.resolve_project(t)).transpose()?)
}

fn today(journal: &Journal, day: NaiveDate, json: bool, out: &mut dyn Write) -> Result<()> {
    let today = journal.today(day)?;
    if json {
        return print::json(out, &today);
    }
    writeln!(out, "# Today, {day}\n\n## Reviews due")?;
    experiment_lines(out, &today.reviews)?;
    writeln!(out, "\n## Sessions today or tomorrow")?;
    print::lines(out, &today.sessions, Empty::Say("None."), session_line)?;
    writeln!(out, "\n## Commitments due this week")?;
    print::lines(out, &today.commitments, Empty::Say("None."), |c| commitment_line(c, day))?;
    writeln!(out, "\n## On this day")?;
    let empty = Empty::Say("Nothing written on this day in earlier months.");
    print::lines(out, &today.on_this_day, empty, print::summary_line)
}

fn week(journal: &Journal, day: NaiveDate, json: bool, out: &mut dyn Write) -> Result<()> {
    let week = journal.week_review(day)?;
    if json {
        return print::json(out, &week);
    }
    writeln!(out, "# The week of {} to {}\n\n## Experiments", week.from, week.to)?;
    experiment_lines(out, &week.experiments)?;
    writeln!(out, "\n## Outcomes")?;
    print::lines(out, &week.outcomes, Empty::Say("None this week."), |o| {
        format!("{}  {}  {} (from {})", short(o.id), o.occurred_on, o.title, o.experiment_title)
    })?;
    writeln!(out, "\n## Open commitments")?;
    print::lines(out, &week.open_commitments, Empty::Say("None."), |c| commitment_line(c, day))?;
    writeln!(out, "\nLook back: what did you try, what happened, and what will you try next?")?;
    Ok(())
}
