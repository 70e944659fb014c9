//! praxis-core — the Praxis journal itself: the domain model, the SQLite store
//! with its full-text index, Markdown rendering, and the lossless interchange
//! format. Both faces of Praxis (the desktop app and the `praxis` CLI) are thin
//! layers over this crate.
//!
//! What this crate must not do: depend on Tauri or any UI crate, read the
//! clock, or pick paths on its own. Time, ids and paths are passed in by the
//! caller so that every behaviour is reproducible in tests.
#![forbid(unsafe_code)]

pub mod access;
pub mod applock;
pub mod error;
pub mod failpoint;
pub mod folder;
pub mod interchange;
pub mod keys;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod protection;
pub mod records;
pub mod sample;
pub mod share;
pub mod store;

pub use error::{Error, Result};
pub use model::{
    Commitment, CommitmentDraft, CommitmentId, CommitmentStatus, Entry, EntryDraft, EntryId, EntrySummary, Expectation,
    Experiment, ExperimentPlan, ExperimentStatus, ExperimentSummary, Kind, ListFilter, Outcome, OutcomeDraft,
    OutcomeLine, PeerSession, PrepSheet, Project, ProjectDraft, ProjectId, ProjectStatus, Revision, RevisionSummary,
    Role, SearchHit, SearchOrder, SearchTerms, SessionDraft, SessionId, SessionNotes, SnippetPart, StatusChange, Today,
    WeekReview, WEEK_PROMPTS,
};
pub use store::sharing::{Coach, FeedbackImport, InboxShare, LoggedShare, SealedShare, ShareTo};
pub use store::{
    reminder_notices, BackupInfo, BackupReason, CheckReport, DayCount, Journal, Notice, Preferences, ProjectOverview,
    Reminder, ReminderKind, TagCount, Template, Theme,
};
