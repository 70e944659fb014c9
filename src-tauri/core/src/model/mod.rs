//! The journal's domain model: entries, their kinds, tags, revisions and the
//! questions one can ask of a journal (filters, search); and the action
//! learning around them: projects, experiments and their outcomes, peer
//! sessions and commitments. Pure data and rules — no I/O and no SQL; the
//! store persists these types.

mod entry;
pub mod experiment;
mod id;
mod kind;
pub mod project;
mod query;
pub mod session;
pub mod tags;

pub use entry::{Entry, EntryDraft, EntrySummary, Revision, RevisionSummary, MAX_BODY_BYTES, MAX_TITLE_CHARS};
pub use experiment::{
    Expectation, Experiment, ExperimentPlan, ExperimentStatus, ExperimentSummary, Outcome, OutcomeDraft, StatusChange,
};
pub use id::{CommitmentId, EntryId, ProjectId, SessionId};
pub use kind::Kind;
pub use project::{Project, ProjectDraft, ProjectStatus};
pub use query::{
    parse_search, ListFilter, SearchHit, SearchOrder, SearchTerms, SnippetPart, DEFAULT_PAGE, MAX_PAGE,
    MAX_SEARCH_TERMS, MAX_TERM_CHARS,
};
pub use session::{
    Commitment, CommitmentDraft, CommitmentStatus, OutcomeLine, PeerSession, PrepSheet, Role, SessionDraft,
    SessionNotes, Today, WeekReview, WEEK_PROMPTS,
};
