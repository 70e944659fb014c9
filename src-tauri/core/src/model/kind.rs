use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// What a piece of writing is. The names are the domain words of PRODUCT.md
/// and are stored as text, so they must never be renamed.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Reflection,
    Experiment,
    Outcome,
    SessionPrep,
    SessionNotes,
    CoachFeedback,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::Reflection, Kind::Experiment, Kind::Outcome, Kind::SessionPrep, Kind::SessionNotes, Kind::CoachFeedback];

    /// The name stored in the database and used in files and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Experiment => "experiment",
            Kind::Outcome => "outcome",
            Kind::SessionPrep => "session_prep",
            Kind::SessionNotes => "session_notes",
            Kind::CoachFeedback => "coach_feedback",
        }
    }

    /// The plain-words label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Reflection => "Reflection",
            Kind::Experiment => "Experiment",
            Kind::Outcome => "Outcome",
            Kind::SessionPrep => "Session prep",
            Kind::SessionNotes => "Session notes",
            Kind::CoachFeedback => "Coach feedback",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Kind::ALL.into_iter().find(|kind| kind.as_str() == wanted).ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            Error::invalid(format!("\"{s}\" is not a kind of entry. Use one of: {}.", names.join(", ")))
        })
    }
}
