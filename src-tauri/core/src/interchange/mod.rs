//! Getting entries in and out of a journal. `jsonl` is Praxis's own lossless
//! format; other sources and targets (Day One, jrnl, Markdown) come here too.
//!
//! Every import is all-or-nothing: one transaction, validated record by
//! record, rolled back at the first bad one, which is reported by location.

pub mod dayone;
pub mod export;
pub mod html_export;
pub mod jrnl;
pub mod jsonl;
pub mod markdown_export;
pub mod markdown_folder;
pub mod source;
pub mod sources;

pub use export::{export_to_path, ExportFormat};
pub use jsonl::{ExportReport, ImportReport};
pub use markdown_export::ExportSummary;
pub use sources::{read_source, ImportFormat};
