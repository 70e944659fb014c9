//! `praxis session …` and `praxis commitment …`: peer sessions and the
//! commitments made in them.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;
use praxis_core::{
    Commitment, CommitmentDraft, CommitmentStatus, Journal, PeerSession, Role, SessionDraft, SessionId, SessionNotes,
};

use super::resolve_project;
use crate::args::{parse, parse_day};
use crate::print::{self, short, Empty};

#[derive(Debug, Subcommand)]
pub enum SessionAction {
    /// Add a peer session; prints its id.
    New {
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        held_on: NaiveDate,
        #[arg(long)]
        group: String,
        /// presenter or questioner.
        #[arg(long, value_parser = parse::<Role>)]
        role: Role,
        #[arg(long)]
        project: Option<String>,
    },
    /// Print the prep sheet as Markdown; with --save, keep it (and the issue and question).
    Prep {
        session: String,
        /// My issue in one sentence.
        #[arg(long)]
        issue: Option<String>,
        /// The question I bring to the group.
        #[arg(long)]
        question: Option<String>,
        /// Save the sheet as the session's prep entry.
        #[arg(long)]
        save: bool,
    },
    /// After the session: notes, insights and commitments.
    Notes {
        session: String,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long, default_value = "")]
        insights: String,
        /// A commitment, "what" or "what by YYYY-MM-DD" (repeat for several).
        #[arg(long = "commit", value_name = "WHAT")]
        commitments: Vec<String>,
    },
    /// List the sessions, latest first.
    List,
}

#[derive(Debug, Subcommand)]
pub enum CommitmentAction {
    /// List commitments (open ones by default).
    List {
        /// open, done or dropped; --all for every one.
        #[arg(long, value_parser = parse::<CommitmentStatus>, conflicts_with = "all")]
        status: Option<CommitmentStatus>,
        #[arg(long)]
        all: bool,
    },
    /// Mark a commitment done.
    Done {
        commitment: String,
        /// The day it was done, when you write it down later (default:
        /// today); not before the session where it was made.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
    /// Drop a commitment.
    Drop {
        commitment: String,
        /// The day you dropped it, when you write it down later (default:
        /// today); not before the session where it was made.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
    /// Open a closed commitment again.
    Reopen { commitment: String },
}

/// "Ask Sam by 2026-05-08" → what and when; without " by <date>", no due day.
fn commitment_draft(text: &str) -> Result<CommitmentDraft> {
    if let Some((what, when)) = text.rsplit_once(" by ") {
        if let Ok(due) = NaiveDate::parse_from_str(when.trim(), "%Y-%m-%d") {
            return Ok(CommitmentDraft {
                what: what.trim_end_matches([',', ';']).trim().to_string(),
                due_on: Some(due),
            });
        }
    }
    Ok(CommitmentDraft { what: text.trim().to_string(), due_on: None })
}

pub(super) fn session_line(s: &PeerSession) -> String {
    let open = s.commitments.iter().filter(|c| c.status == CommitmentStatus::Open).count();
    format!(
        "{}  {}  {:<10}  {}  ({} commitments, {open} open)",
        short(s.id),
        s.held_on,
        s.role.as_str(),
        s.group_name,
        s.commitments.len()
    )
}

pub(super) fn session(
    journal: &Journal,
    action: SessionAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = now.date_naive();
    match action {
        SessionAction::New { held_on, group, role, project } => {
            let draft = SessionDraft {
                held_on,
                group_name: group,
                role,
                project: resolve_project(journal, project.as_deref())?,
            };
            let s = journal.create_session(SessionId::random(), &draft, now)?;
            print::id(out, json, s.id)
        }
        SessionAction::Prep { session, issue, question, save } => {
            let id = journal.resolve_session(&session)?;
            let mut sheet = journal.prep_sheet(id, today)?;
            if let Some(issue) = issue {
                sheet.issue = issue;
            }
            if let Some(question) = question {
                sheet.question = question;
            }
            let markdown = sheet.markdown(today);
            if save {
                journal.save_prep(id, &sheet.issue, &sheet.question, &markdown, now)?;
            }
            if json {
                return print::json(out, &serde_json::json!({ "sheet": sheet, "markdown": markdown, "saved": save }));
            }
            write!(out, "{markdown}")?;
            Ok(())
        }
        SessionAction::Notes { session, notes, insights, commitments } => {
            let id = journal.resolve_session(&session)?;
            let commitments = commitments.iter().map(|c| commitment_draft(c)).collect::<Result<Vec<_>>>()?;
            let saved = journal.record_session_notes(id, &SessionNotes { notes, insights, commitments }, now)?;
            if json {
                return print::json(out, &saved);
            }
            writeln!(out, "{}", session_line(&saved))?;
            print::lines(out, &saved.commitments, Empty::Quiet, |c| commitment_line(c, today))
        }
        SessionAction::List => {
            let list = journal.list_sessions()?;
            let empty = Empty::Say("No sessions yet. `praxis session new --on … --group … --role presenter` adds one.");
            print::listing(out, &list, json, empty, session_line)
        }
    }
}

pub(super) fn commitment_line(c: &Commitment, today: NaiveDate) -> String {
    let due = c.due_on.map(|d| format!("  by {d}")).unwrap_or_default();
    let overdue = if c.is_overdue(today) { "  OVERDUE" } else { "" };
    format!("{}  {:<7}  {}{due}{overdue}", short(c.id), c.status.as_str(), c.what)
}

pub(super) fn commitment(
    journal: &Journal,
    action: CommitmentAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    let set = |out: &mut dyn Write, text: String, status: CommitmentStatus, on: Option<NaiveDate>| -> Result<()> {
        let c = journal.set_commitment_status_on(journal.resolve_commitment(&text)?, status, on, now)?;
        if json {
            return print::json(out, &c);
        }
        let day = match (on, c.closed_on) {
            (Some(_), Some(day)) => format!(" (on {day})"),
            _ => String::new(),
        };
        print::done(out, false, &format!("\"{}\" is {} now{day}.", c.what, c.status.as_str()))
    };
    match action {
        CommitmentAction::List { status, all } => {
            let status = if all { None } else { Some(status.unwrap_or(CommitmentStatus::Open)) };
            let list = journal.list_commitments(status)?;
            let today = now.date_naive();
            print::listing(out, &list, json, Empty::Say("No commitments."), |c| commitment_line(c, today))
        }
        CommitmentAction::Done { commitment, on } => set(out, commitment, CommitmentStatus::Done, on),
        CommitmentAction::Drop { commitment, on } => set(out, commitment, CommitmentStatus::Dropped, on),
        CommitmentAction::Reopen { commitment } => set(out, commitment, CommitmentStatus::Open, None),
    }
}
