use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ProjectId;
use crate::error::{Error, Result};

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_CHALLENGE_CHARS: usize = 2_000;

/// Where a project stands.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    #[default]
    Active,
    Paused,
    Finished,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 3] = [ProjectStatus::Active, ProjectStatus::Paused, ProjectStatus::Finished];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Active => "active",
            ProjectStatus::Paused => "paused",
            ProjectStatus::Finished => "finished",
        }
    }
}

impl std::str::FromStr for ProjectStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase();
        ProjectStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == wanted)
            .ok_or_else(|| Error::invalid(format!("\"{s}\" is not a project status. Use active, paused or finished.")))
    }
}

/// What the person gives for a project.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectDraft {
    pub name: String,
    /// The challenge in one or two sentences.
    #[serde(default)]
    pub challenge: String,
    pub starts_on: NaiveDate,
    /// The planned end (6–12 months after the start is typical).
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub status: ProjectStatus,
}

impl ProjectDraft {
    pub(crate) fn validated(&self) -> Result<ProjectDraft> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::invalid(
                "A project needs a name. Give it the few words you would use to tell a colleague.",
            ));
        }
        if name.chars().count() > MAX_NAME_CHARS || name.contains(['\n', '\r']) {
            return Err(Error::invalid(format!(
                "A project's name is one line of at most {MAX_NAME_CHARS} characters. Put the rest in the challenge."
            )));
        }
        let challenge = self.challenge.trim().to_string();
        if challenge.chars().count() > MAX_CHALLENGE_CHARS {
            return Err(Error::out_of_range(format!(
                "The challenge is longer than {MAX_CHALLENGE_CHARS} characters. Say it in one or two sentences and write the rest as an entry."
            )));
        }
        super::experiment::check_year(self.starts_on)?;
        super::experiment::check_year(self.ends_on)?;
        if self.ends_on < self.starts_on {
            return Err(Error::conflict(format!(
                "The planned end {} is before the start {}. A project ends after it starts.",
                self.ends_on, self.starts_on
            )));
        }
        Ok(ProjectDraft { name, challenge, ..self.clone() })
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    pub challenge: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: ProjectStatus,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

impl Project {
    pub fn draft(&self) -> ProjectDraft {
        ProjectDraft {
            name: self.name.clone(),
            challenge: self.challenge.clone(),
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            status: self.status,
        }
    }
}
