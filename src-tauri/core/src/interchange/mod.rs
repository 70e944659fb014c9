//! Getting entries in and out of a journal. `jsonl` is Praxis's own lossless
//! format; other sources and targets (Day One, jrnl, Markdown) come here too.
//!
//! Every import is all-or-nothing: one transaction, validated record by
//! record, rolled back at the first bad one, which is reported by location.

pub mod jsonl;
pub mod source;

pub use jsonl::{ExportReport, ImportReport};
