use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::experiment::{check_year, ExperimentSummary, MAX_FIELD_CHARS};
use super::{CommitmentId, EntryId, EntrySummary, ProjectId, SessionId};
use crate::error::{Error, Result};

/// My part in a peer session.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// I bring an issue to the group.
    Presenter,
    /// I ask questions that give insight, not advice.
    Questioner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Presenter => "presenter",
            Role::Questioner => "questioner",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "presenter" => Ok(Role::Presenter),
            "questioner" => Ok(Role::Questioner),
            _ => Err(Error::invalid(format!("\"{s}\" is not a role in a session. Use presenter or questioner."))),
        }
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub held_on: NaiveDate,
    pub group_name: String,
    pub role: Role,
    #[serde(default)]
    pub project: Option<ProjectId>,
}

impl SessionDraft {
    pub(crate) fn validated(&self) -> Result<SessionDraft> {
        check_year(self.held_on)?;
        let group_name = self.group_name.trim().to_string();
        if group_name.is_empty() || group_name.contains(['\n', '\r']) || group_name.chars().count() > 200 {
            return Err(Error::invalid("Name the group in one line (at most 200 characters), e.g. \"Tuesday set\"."));
        }
        Ok(SessionDraft { group_name, ..self.clone() })
    }
}

/// Where a commitment stands.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Open,
    Done,
    Dropped,
}

impl CommitmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
            CommitmentStatus::Done => "done",
            CommitmentStatus::Dropped => "dropped",
        }
    }
}

impl std::str::FromStr for CommitmentStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(CommitmentStatus::Open),
            "done" => Ok(CommitmentStatus::Done),
            "dropped" => Ok(CommitmentStatus::Dropped),
            _ => Err(Error::invalid(format!("\"{s}\" is not a commitment status. Use open, done or dropped."))),
        }
    }
}

/// What I commit to at a session: what, by when.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDraft {
    pub what: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

impl CommitmentDraft {
    pub(crate) fn validated(&self, session_on: NaiveDate) -> Result<CommitmentDraft> {
        let what = self.what.trim().to_string();
        if what.is_empty() {
            return Err(Error::invalid("A commitment says what you will do. Write it in a few words."));
        }
        if what.chars().count() > 1_000 {
            return Err(Error::out_of_range(
                "A commitment is one action in a sentence or two; this one is over 1,000 characters.",
            ));
        }
        if let Some(due) = self.due_on {
            check_year(due)?;
            if due < session_on {
                return Err(Error::conflict(format!(
                    "\"{what}\" is due on {due}, before the session on {session_on} where it is made. Pick a day on or after the session."
                )));
            }
        }
        Ok(CommitmentDraft { what, due_on: self.due_on })
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: CommitmentId,
    pub session: SessionId,
    /// The day of the session where it was made.
    pub session_on: NaiveDate,
    pub what: String,
    pub due_on: Option<NaiveDate>,
    pub status: CommitmentStatus,
    /// When it was marked done or dropped (written down).
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// The day it was done or dropped: the day given when it was recorded
    /// later, or the day of `closed_at`.
    pub closed_on: Option<NaiveDate>,
    pub created_at: DateTime<FixedOffset>,
}

impl Commitment {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == CommitmentStatus::Open && self.due_on.is_some_and(|due| due < today)
    }
}

/// What is written after a session.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionNotes {
    pub notes: String,
    pub insights: String,
    pub commitments: Vec<CommitmentDraft>,
}

impl SessionNotes {
    pub(crate) fn validated(&self, session_on: NaiveDate) -> Result<SessionNotes> {
        for (name, text) in [("notes", &self.notes), ("insights", &self.insights)] {
            if text.chars().count() > MAX_FIELD_CHARS * 10 {
                return Err(Error::out_of_range(format!(
                    "The {name} are too long for one session. Write the rest as an entry."
                )));
            }
        }
        Ok(SessionNotes {
            notes: self.notes.trim().to_string(),
            insights: self.insights.trim().to_string(),
            commitments: self.commitments.iter().map(|c| c.validated(session_on)).collect::<Result<_>>()?,
        })
    }

    /// The session notes entry's text.
    pub fn markdown(&self, commitments: &[Commitment]) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## Notes\n\n{}\n", or_blank(&self.notes));
        let _ = writeln!(out, "## Insights\n\n{}\n", or_blank(&self.insights));
        let _ = writeln!(out, "## What I commit to\n");
        if commitments.is_empty() {
            let _ = writeln!(out, "Nothing this time.");
        }
        for c in commitments {
            let _ = writeln!(out, "{}", commitment_line(c));
        }
        out
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerSession {
    pub id: SessionId,
    pub held_on: NaiveDate,
    pub group_name: String,
    pub role: Role,
    pub project: Option<ProjectId>,
    /// From the saved prep sheet.
    pub issue: String,
    pub question: String,
    /// The saved prep sheet (an entry of kind `session_prep`).
    pub prep_entry: Option<EntryId>,
    pub notes: String,
    pub insights: String,
    /// The notes written after it (an entry of kind `session_notes`).
    pub notes_entry: Option<EntryId>,
    /// What I committed to at this session.
    pub commitments: Vec<Commitment>,
    pub created_at: DateTime<FixedOffset>,
}

/// An outcome as the prep sheet and the weekly review list it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeLine {
    pub id: EntryId,
    pub experiment: EntryId,
    pub experiment_title: String,
    pub title: String,
    pub occurred_on: NaiveDate,
    pub happened: String,
}

/// The sheet I bring to a peer session, assembled from the journal.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepSheet {
    pub session: SessionId,
    pub held_on: NaiveDate,
    pub group_name: String,
    pub role: Role,
    /// The day of the session before this one, if any: the update covers
    /// what happened after it.
    pub since: Option<NaiveDate>,
    pub issue: String,
    pub question: String,
    /// Every commitment still open from earlier sessions, and those closed
    /// since the previous one, with their status.
    pub commitments: Vec<Commitment>,
    /// Experiments planned or moved on since the previous session.
    pub experiments: Vec<ExperimentSummary>,
    /// Outcomes recorded since the previous session.
    pub outcomes: Vec<OutcomeLine>,
}

fn or_blank(text: &str) -> &str {
    if text.trim().is_empty() {
        "…"
    } else {
        text
    }
}

fn commitment_line(c: &Commitment) -> String {
    let due = c.due_on.map(|d| format!(" (by {d})")).unwrap_or_default();
    let on = c.closed_on.map(|d| format!(" on {d}")).unwrap_or_default();
    match c.status {
        CommitmentStatus::Open => format!("- [ ] {}{due}", c.what),
        CommitmentStatus::Done => format!("- [x] {}{due} — done{on}", c.what),
        CommitmentStatus::Dropped => format!("- ~~{}~~{due} — dropped{on}", c.what),
    }
}

/// Commitments as a Markdown task list, overdue ones marked; `none` when there are none.
fn commitment_list(out: &mut String, commitments: &[Commitment], today: NaiveDate, none: &str) {
    if commitments.is_empty() {
        let _ = writeln!(out, "{none}");
    }
    for c in commitments {
        let overdue = if c.is_overdue(today) { " — overdue" } else { "" };
        let _ = writeln!(out, "{}{overdue}", commitment_line(c));
    }
}

fn experiment_list(out: &mut String, experiments: &[ExperimentSummary], none: &str) {
    if experiments.is_empty() {
        let _ = writeln!(out, "{none}");
    }
    for e in experiments {
        let _ = writeln!(out, "- **{}** — {}, review on {}", e.title, e.status, e.review_on);
        if e.hypothesis != e.title {
            let _ = writeln!(out, "  {}", e.hypothesis.lines().next().unwrap_or_default());
        }
    }
}

fn outcome_list(out: &mut String, outcomes: &[OutcomeLine], none: &str) {
    if outcomes.is_empty() {
        let _ = writeln!(out, "{none}");
    }
    for o in outcomes {
        let _ = writeln!(
            out,
            "- **{}** ({}), from \"{}\": {}",
            o.title,
            o.occurred_on,
            o.experiment_title,
            o.happened.lines().next().unwrap_or_default()
        );
    }
}

impl PrepSheet {
    /// The "update since last time" part, as Markdown.
    pub fn update_markdown(&self, today: NaiveDate) -> String {
        let mut out = String::new();
        match self.since {
            Some(day) => {
                let _ = writeln!(out, "Since the session on {day}:\n");
            }
            None => {
                let _ = writeln!(out, "This is the first session in the journal.\n");
            }
        }
        let _ = writeln!(out, "### Commitments\n");
        commitment_list(&mut out, &self.commitments, today, "None open.");
        let _ = writeln!(out, "\n### Experiments\n");
        experiment_list(&mut out, &self.experiments, "None since then.");
        let _ = writeln!(out, "\n### Outcomes\n");
        outcome_list(&mut out, &self.outcomes, "None since then.");
        out
    }

    /// The whole sheet as Markdown: to print, export, or save as the
    /// session's prep entry.
    pub fn markdown(&self, today: NaiveDate) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Prep for {} on {}\n", self.group_name, self.held_on);
        let _ = writeln!(out, "My role: {}\n", self.role.as_str());
        let _ = writeln!(out, "## My issue in one sentence\n\n{}\n", or_blank(&self.issue));
        let _ = writeln!(out, "## Update since last time\n\n{}", self.update_markdown(today));
        let _ = writeln!(out, "## The question I bring to the group\n\n{}", or_blank(&self.question));
        out
    }
}

/// What needs attention today, and what happened on this day before.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    pub day: NaiveDate,
    /// Open experiments whose review is due today or overdue, oldest first.
    pub reviews: Vec<ExperimentSummary>,
    /// Sessions today or tomorrow.
    pub sessions: Vec<PeerSession>,
    /// Open commitments due today or overdue, and those due within a week.
    pub commitments: Vec<Commitment>,
    /// Entries about the same day of the month in earlier months and years.
    pub on_this_day: Vec<EntrySummary>,
}

/// The week's look back.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekReview {
    /// Monday.
    pub from: NaiveDate,
    /// Sunday.
    pub to: NaiveDate,
    pub experiments: Vec<ExperimentSummary>,
    pub outcomes: Vec<OutcomeLine>,
    pub open_commitments: Vec<Commitment>,
}

/// The questions the weekly review asks, after the week's lists.
pub const WEEK_PROMPTS: [&str; 3] = [
    "What did I try this week, and what actually happened?",
    "What did I learn — about the work, the people, myself?",
    "What will I try next week?",
];

impl WeekReview {
    /// The week as the start of a reflection: its experiments, outcomes and
    /// open commitments, then the review's questions to answer.
    pub fn markdown(&self, today: NaiveDate) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# The week of {} to {}\n", self.from, self.to);
        let _ = writeln!(out, "## Experiments this week\n");
        experiment_list(&mut out, &self.experiments, "None planned or moved on.");
        let _ = writeln!(out, "\n## Outcomes this week\n");
        outcome_list(&mut out, &self.outcomes, "None recorded.");
        let _ = writeln!(out, "\n## Open commitments\n");
        commitment_list(&mut out, &self.open_commitments, today, "None open.");
        for prompt in WEEK_PROMPTS {
            let _ = writeln!(out, "\n## {prompt}\n");
        }
        out
    }
}
