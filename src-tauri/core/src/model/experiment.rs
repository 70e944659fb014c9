use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{EntryId, EntrySummary, ProjectId};
use crate::error::{Error, Result};

/// A field of an experiment longer than this is an entry, not a field.
pub const MAX_FIELD_CHARS: usize = 10_000;

/// Four-digit years only, as for entries.
pub(crate) fn check_year(day: NaiveDate) -> Result<NaiveDate> {
    if !(1000..=9999).contains(&day.year()) {
        return Err(Error::out_of_range(format!(
            "The date {day} is out of range. Use a date between the years 1000 and 9999."
        )));
    }
    Ok(day)
}

/// Where an experiment is in its life: `planned` → `running` → `observed` →
/// `concluded`, or `abandoned` on the way (and from there, `planned` again
/// for a retry).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentStatus {
    Planned,
    Running,
    Observed,
    Concluded,
    Abandoned,
}

impl ExperimentStatus {
    pub const ALL: [ExperimentStatus; 5] = [
        ExperimentStatus::Planned,
        ExperimentStatus::Running,
        ExperimentStatus::Observed,
        ExperimentStatus::Concluded,
        ExperimentStatus::Abandoned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExperimentStatus::Planned => "planned",
            ExperimentStatus::Running => "running",
            ExperimentStatus::Observed => "observed",
            ExperimentStatus::Concluded => "concluded",
            ExperimentStatus::Abandoned => "abandoned",
        }
    }

    /// Still waiting for its review: not concluded, not abandoned.
    pub fn is_open(self) -> bool {
        matches!(self, ExperimentStatus::Planned | ExperimentStatus::Running | ExperimentStatus::Observed)
    }

    /// Whether an experiment may move from `self` to `to`. Statuses only go
    /// forward, one step at a time; any open experiment may be abandoned;
    /// an abandoned one may be planned again (a retry). The error says why
    /// not, in words.
    pub fn check_move(self, to: ExperimentStatus) -> Result<()> {
        use ExperimentStatus::*;
        let allowed = matches!(
            (self, to),
            (Planned, Running)
                | (Running, Observed)
                | (Observed, Concluded)
                | (Planned | Running | Observed, Abandoned)
                | (Abandoned, Planned)
        );
        if allowed {
            return Ok(());
        }
        let why = match (self, to) {
            (from, to) if from == to => format!("The experiment is already {}.", to.as_str()),
            (Planned, Observed | Concluded) => {
                "Start the experiment first: what you expect is locked when it starts, before anything is observed."
                    .to_string()
            }
            (Running, Concluded) => "Record what you observed first (an outcome), then conclude.".to_string(),
            (Concluded, _) => {
                "A concluded experiment stays concluded. Start a new experiment that grows from it.".to_string()
            }
            (Abandoned, _) => "An abandoned experiment can only be planned again, as a retry.".to_string(),
            (from, to) => format!(
                "An experiment cannot go back from {} to {}. Statuses only move forward.",
                from.as_str(),
                to.as_str()
            ),
        };
        Err(Error::StatusChange(why))
    }
}

impl std::fmt::Display for ExperimentStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ExperimentStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase();
        ExperimentStatus::ALL.into_iter().find(|st| st.as_str() == wanted).ok_or_else(|| {
            Error::invalid(format!(
                "\"{s}\" is not an experiment status. Use planned, running, observed, concluded or abandoned."
            ))
        })
    }
}

/// The expectation: what the person believes before trying. Locked, with
/// its time, when the experiment starts.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Expectation {
    /// "If I …, then …".
    pub hypothesis: String,
    pub planned_action: String,
    pub expected_outcome: String,
    /// What would show it worked.
    pub success_signals: String,
    /// What would show it didn't.
    pub failure_signals: String,
}

/// What the person gives when planning an experiment.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperimentPlan {
    /// A short name for lists; the hypothesis when empty.
    #[serde(default)]
    pub title: String,
    #[serde(flatten)]
    pub expectation: Expectation,
    /// When it is meant to start; the day it is planned when absent.
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    pub review_on: NaiveDate,
    #[serde(default)]
    pub project: Option<ProjectId>,
    /// The experiment this one grew from.
    #[serde(default)]
    pub grew_from: Option<EntryId>,
    #[serde(default)]
    pub tags: Vec<String>,
}

fn field(name: &str, text: &str) -> Result<String> {
    let text = text.trim().to_string();
    if text.chars().count() > MAX_FIELD_CHARS {
        return Err(Error::out_of_range(format!(
            "The {name} is longer than {MAX_FIELD_CHARS} characters. Keep it short and write the rest in the experiment's notes."
        )));
    }
    Ok(text)
}

impl Expectation {
    pub(crate) fn validated(&self) -> Result<Expectation> {
        Ok(Expectation {
            hypothesis: field("hypothesis", &self.hypothesis)?,
            planned_action: field("planned action", &self.planned_action)?,
            expected_outcome: field("expected outcome", &self.expected_outcome)?,
            success_signals: field("sign that it worked", &self.success_signals)?,
            failure_signals: field("sign that it did not work", &self.failure_signals)?,
        })
    }

    /// What must be said before an experiment may start (and be locked).
    pub(crate) fn check_ready(&self) -> Result<()> {
        let missing: Vec<&str> = [
            ("the hypothesis", &self.hypothesis),
            ("the planned action", &self.planned_action),
            ("the expected outcome", &self.expected_outcome),
        ]
        .into_iter()
        .filter(|(_, text)| text.trim().is_empty())
        .map(|(name, _)| name)
        .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::invalid(format!(
            "Write {} before you start: what you expect is locked when the experiment starts.",
            missing.join(" and ")
        )))
    }
}

impl ExperimentPlan {
    pub(crate) fn validated(&self, today: NaiveDate) -> Result<ExperimentPlan> {
        let expectation = self.expectation.validated()?;
        if expectation.hypothesis.is_empty() {
            return Err(Error::invalid("An experiment needs a hypothesis: \"If I …, then …\"."));
        }
        let starts_on = check_year(self.starts_on.unwrap_or(today))?;
        check_review(starts_on, self.review_on)?;
        let title = match self.title.trim() {
            "" => expectation.hypothesis.lines().next().unwrap_or_default().chars().take(120).collect(),
            title => title.to_string(),
        };
        Ok(ExperimentPlan { title, expectation, starts_on: Some(starts_on), ..self.clone() })
    }
}

pub(crate) fn check_review(starts_on: NaiveDate, review_on: NaiveDate) -> Result<()> {
    check_year(review_on)?;
    if review_on < starts_on {
        return Err(Error::conflict(format!(
            "The review date {review_on} is before the start date {starts_on}: there would be nothing to review yet. Pick a review date on or after the start."
        )));
    }
    Ok(())
}

/// The day a move or a closed commitment happened, given the day it is
/// written down: any day up to `today`, never after. Recording late is
/// normal; recording ahead is not.
pub(crate) fn check_happened_on(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    check_year(day)?;
    if day > today {
        return Err(Error::out_of_range(format!(
            "{day} is after today ({today}). Give the day it happened: today or an earlier day."
        )));
    }
    Ok(day)
}

/// A move of a started experiment (an outcome, concluding, abandoning)
/// cannot be dated before the day it started.
pub(crate) fn check_after_start(day: NaiveDate, started_on: NaiveDate, to: ExperimentStatus) -> Result<()> {
    if day >= started_on {
        return Ok(());
    }
    let what = match to {
        ExperimentStatus::Observed => "nothing can have been observed",
        ExperimentStatus::Concluded => "it cannot have been concluded",
        ExperimentStatus::Abandoned => "it cannot have been abandoned",
        _ => "it cannot have moved",
    };
    Err(Error::conflict(format!(
        "This experiment started on {started_on}, so {what} on {day}. Give a day on or after {started_on}."
    )))
}

/// One recorded status change.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: ExperimentStatus,
    /// When it was written down.
    pub at: DateTime<FixedOffset>,
    /// The day it happened: the day given when it was recorded later, or
    /// the day of `at`.
    pub happened_on: NaiveDate,
    /// True when an abandoned experiment was planned again.
    pub retry: bool,
}

/// An experiment as stored: its entry, the expectation (and when it was
/// locked), where it stands and what was learnt.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experiment {
    pub entry: EntrySummary,
    /// The experiment's own notes (the entry's text).
    pub notes: String,
    pub expectation: Expectation,
    /// Set when the experiment started; the expectation is read-only after.
    pub locked_at: Option<DateTime<FixedOffset>>,
    pub starts_on: NaiveDate,
    pub review_on: NaiveDate,
    pub status: ExperimentStatus,
    pub learning: String,
    pub next_step: String,
    pub grew_from: Option<EntryId>,
    pub project: Option<ProjectId>,
    /// Every status it has had, oldest first (the first is `planned`).
    pub history: Vec<StatusChange>,
    pub outcomes: Vec<Outcome>,
}

impl Experiment {
    pub fn id(&self) -> EntryId {
        self.entry.id
    }

    /// Whether its review is due on or before `today` and it is still open.
    pub fn review_due(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.review_on <= today
    }
}

/// The line an experiment takes in the ledger.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperimentSummary {
    pub id: EntryId,
    pub title: String,
    pub hypothesis: String,
    pub status: ExperimentStatus,
    pub starts_on: NaiveDate,
    pub review_on: NaiveDate,
    pub grew_from: Option<EntryId>,
    pub project: Option<ProjectId>,
    pub outcomes: usize,
    /// When the experiment was planned.
    pub created_at: DateTime<FixedOffset>,
    /// Its open review is due today or earlier.
    pub review_due: bool,
}

/// What actually happened, as the person writes it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeDraft {
    /// A short name for lists; "Outcome: <experiment>" when empty.
    #[serde(default)]
    pub title: String,
    /// The facts: what actually happened (the entry's text).
    pub happened: String,
    #[serde(default)]
    pub surprised: String,
    /// Why it differed from what was expected.
    #[serde(default)]
    pub why_different: String,
    /// The day it happened; today when absent.
    #[serde(default)]
    pub occurred_on: Option<NaiveDate>,
}

impl OutcomeDraft {
    pub(crate) fn validated(&self) -> Result<OutcomeDraft> {
        let happened = self.happened.trim().to_string();
        if happened.is_empty() {
            return Err(Error::invalid("Write what actually happened: the facts, as a camera would have seen them."));
        }
        if happened.len() > super::MAX_BODY_BYTES {
            return Err(Error::out_of_range("What happened is too long for one outcome. Split it into several."));
        }
        Ok(OutcomeDraft {
            title: self.title.trim().to_string(),
            happened,
            surprised: field("surprise", &self.surprised)?,
            why_different: field("reason it differed", &self.why_different)?,
            occurred_on: self.occurred_on.map(check_year).transpose()?,
        })
    }
}

/// An outcome entry, linked to its experiment.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: EntryId,
    pub experiment: EntryId,
    pub title: String,
    pub occurred_on: NaiveDate,
    pub happened: String,
    pub surprised: String,
    pub why_different: String,
    pub created_at: DateTime<FixedOffset>,
}
