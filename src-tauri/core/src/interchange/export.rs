//! One way to export, whatever the format: the app and the CLI both call
//! [`export_to_path`]. Single files are written beside their destination and
//! renamed into place, so an interrupted export never leaves a half-written
//! file under the name the person chose.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::markdown_export::ExportSummary;
use crate::error::{Error, Result};
use crate::model::ListFilter;
use crate::store::Journal;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// A folder of Markdown files with YAML front matter (Obsidian).
    MarkdownFolder,
    /// One Markdown document, for printing.
    Markdown,
    /// One self-contained HTML page, for printing.
    Html,
    /// Praxis JSON Lines: everything, lossless (the filter does not apply).
    Jsonl,
}

impl ExportFormat {
    /// A name for the export that says nothing about its content.
    pub fn default_name(self, today: NaiveDate) -> String {
        match self {
            ExportFormat::MarkdownFolder => format!("Praxis export {today}"),
            ExportFormat::Markdown => format!("praxis-journal-{today}.md"),
            ExportFormat::Html => format!("praxis-journal-{today}.html"),
            ExportFormat::Jsonl => format!("praxis-journal-{today}.jsonl"),
        }
    }
}

/// Writes `path` through `write`: into a hidden sibling first, synced, then
/// renamed into place. On error nothing is left behind. Every file Praxis
/// writes for the person (exports, share files, its key record) goes through here.
pub fn write_atomically<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::invalid(format!("{} is not a file name.", path.display())))?;
    let partial: PathBuf = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let result = (|| {
        let file = File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        let mut writer = BufWriter::new(file);
        let value = write(&mut writer)?;
        let file = writer.into_inner().map_err(|e| Error::io(&partial, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, path).map_err(|e| Error::io(path, e))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Writes `bytes` to `path` with [`write_atomically`].
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |out| out.write_all(bytes).map_err(|e| Error::io(path, e)))
}

/// Exports the entries `filter` keeps to `path` in `format`. For
/// [`ExportFormat::MarkdownFolder`], `path` is the new folder (it must not
/// exist or be empty); otherwise the file (replaced if it exists).
pub fn export_to_path(
    journal: &Journal,
    format: ExportFormat,
    filter: &ListFilter,
    path: &Path,
) -> Result<ExportSummary> {
    match format {
        ExportFormat::MarkdownFolder => journal.export_markdown_folder(filter, path),
        ExportFormat::Markdown => write_atomically(path, |out| journal.export_markdown(filter, out)),
        ExportFormat::Html => write_atomically(path, |out| journal.export_html(filter, "Praxis journal", out)),
        ExportFormat::Jsonl => write_atomically(path, |out| {
            let report = journal.export_jsonl(out)?;
            Ok(ExportSummary { entries: report.entries, first_day: None, last_day: None })
        }),
    }
}
