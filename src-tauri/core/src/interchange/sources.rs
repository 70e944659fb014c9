//! Reading an outside source in the format the person named: the one entry
//! point the app and the CLI share. Everything is read and checked here,
//! before the store sees a single entry.

use std::path::Path;

use chrono::FixedOffset;
use serde::{Deserialize, Serialize};

use super::source::ParsedSource;
use super::{dayone, jrnl, markdown_folder};
use crate::error::{Error, Result};
use crate::limits::{megabytes, read_capped, Capped};

/// A jrnl journal larger than this is not a journal someone typed. Checked
/// by the file's length before it is read.
const MAX_JRNL_BYTES: u64 = 256 * 1024 * 1024;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// A Day One JSON export: the `.zip` or its `.json`.
    Dayone,
    /// jrnl: its JSON export or its plain-text journal file.
    Jrnl,
    /// A folder of Markdown files (Obsidian and others).
    Markdown,
}

/// Reads and checks the source at `path`. `offset` is the importing
/// machine's UTC offset, for sources whose times carry none (jrnl, dates in
/// Markdown front matter).
pub fn read_source(format: ImportFormat, path: &Path, offset: FixedOffset) -> Result<ParsedSource> {
    match format {
        ImportFormat::Dayone => dayone::parse(path),
        ImportFormat::Markdown => markdown_folder::parse(path, offset),
        ImportFormat::Jrnl => {
            let location = path.display().to_string();
            let bytes = match read_capped(path, MAX_JRNL_BYTES).map_err(|e| Error::io(path, e))? {
                Capped::Bytes(bytes) => bytes,
                Capped::TooLarge { .. } => {
                    return Err(Error::ImportSource {
                        location,
                        message: format!("it is larger than {} MB", megabytes(MAX_JRNL_BYTES)),
                    })
                }
            };
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::ImportSource { location, message: "it is not UTF-8 text".into() })?;
            if text.trim_start().starts_with('{') {
                jrnl::parse_json(&text, offset)
            } else {
                jrnl::parse_text(&text, offset)
            }
        }
    }
}
