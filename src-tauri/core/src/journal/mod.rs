//! The journal's domain model: entries, their kinds, tags, revisions and the
//! questions one can ask of a journal (filters, search). Pure data and rules —
//! no I/O and no SQL; the store persists these types.

mod entry;
mod id;
mod kind;
mod query;
pub mod tags;

pub use entry::{Entry, EntryDraft, EntrySummary, Revision, RevisionSummary, MAX_BODY_BYTES, MAX_TITLE_CHARS};
pub use id::EntryId;
pub use kind::Kind;
pub use query::{ListFilter, SearchHit, SearchOrder, SnippetPart, DEFAULT_PAGE, MAX_PAGE};
