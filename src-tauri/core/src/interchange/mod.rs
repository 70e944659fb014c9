//! Getting entries in and out of a journal. `jsonl` is Praxis's own lossless
//! format; other sources and targets (Day One, jrnl, Markdown) come here too.
//!
//! Every import is all-or-nothing: one transaction, validated record by
//! record, rolled back at the first bad one, which is reported by location.

pub mod export;
pub mod html_export;
pub mod jsonl;
pub mod markdown_export;
pub mod source;

pub use export::{export_to_path, ExportFormat};
pub use jsonl::{ExportReport, ImportReport};
pub use markdown_export::ExportSummary;
