use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;

/// The stable identity of an entry: a UUID. It travels in exports and share
/// files, so it never changes once given, whatever happens to the entry.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(Uuid);

impl EntryId {
    /// A new random id. Callers at the edge (commands, CLI) make ids; the
    /// core never invents one on its own.
    pub fn random() -> Self {
        EntryId(Uuid::new_v4())
    }

    pub fn from_uuid(uuid: Uuid) -> Self {
        EntryId(uuid)
    }

    pub fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.as_hyphenated().fmt(f)
    }
}

impl FromStr for EntryId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim())
            .map(EntryId)
            .map_err(|_| Error::invalid(format!("\"{s}\" is not an entry id (ids look like 3f2a9c1e-…).")))
    }
}

/// Ids of the other records a journal holds. Each is a UUID, like an entry's,
/// and says in its error which kind of record it names.
macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident, $noun:literal) => {
        $(#[$doc])*
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub fn random() -> Self {
                $name(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.as_hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map($name).map_err(|_| {
                    Error::invalid(format!(concat!("\"{}\" is not a ", $noun, " id."), s))
                })
            }
        }
    };
}

record_id!(
    /// The identity of a project.
    ProjectId,
    "project"
);
record_id!(
    /// The identity of a peer session.
    SessionId,
    "session"
);
record_id!(
    /// The identity of a commitment made at a peer session.
    CommitmentId,
    "commitment"
);
