//! A folder of Markdown notes (Obsidian, Logseq, Joplin exports): every `.md`
//! file below it, with optional YAML front matter (`title`, `date` or
//! `created`, `updated`, `tags` as a list or a comma string) and Obsidian's
//! inline `#tags`. Daily notes named `YYYY-MM-DD.md` (or Logseq's
//! `YYYY_MM_DD.md`) take their day from the name. A note with no date at all
//! is skipped and said so: Praxis does not guess a day from file times.
//!
//! Hidden folders (`.obsidian`, `.trash`) and links are not followed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::Deserialize;

use super::source::{split_title, ImportedEntry, ParsedSource, Skipped, SourceKind};
use crate::error::{Error, Result};
use crate::journal::tags::normalize_tags;
use crate::journal::Kind;

const MAX_FILES: usize = 100_000;
const MAX_NOTE_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Deserialize, Default)]
#[serde(default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<serde_norway::Value>,
    created: Option<serde_norway::Value>,
    updated: Option<serde_norway::Value>,
    tags: Option<serde_norway::Value>,
}

/// Reads every note below `dir`. `offset` places dates without a time (noon
/// of that day) and times without an offset.
pub fn parse(dir: &Path, offset: FixedOffset) -> Result<ParsedSource> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut parsed = ParsedSource { source: SourceKind::Markdown, entries: Vec::new(), skipped: Vec::new() };
    for path in files {
        let relative = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let skip = |reason: &str| Skipped { location: relative.clone(), reason: reason.into() };
        let size = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?.len();
        if size > MAX_NOTE_BYTES {
            parsed.skipped.push(skip("it is larger than 2 MB"));
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let Ok(text) = String::from_utf8(bytes) else {
            parsed.skipped.push(skip("it is not UTF-8 text"));
            continue;
        };
        match note(&relative, &path, &text, offset)? {
            Some(entry) => parsed.entries.push(entry),
            None => parsed.skipped.push(skip("no date in its front matter or its name")),
        }
    }
    Ok(parsed)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for item in read {
        let item = item.map_err(|e| Error::io(dir, e))?;
        let name = item.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = item.file_type().map_err(|e| Error::io(item.path(), e))?;
        if kind.is_dir() {
            collect(&item.path(), files)?;
        } else if kind.is_file() && item.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            files.push(item.path());
            if files.len() > MAX_FILES {
                return Err(Error::ImportSource {
                    location: dir.display().to_string(),
                    message: format!("it holds more than {MAX_FILES} notes; import a smaller folder"),
                });
            }
        }
    }
    Ok(())
}

/// The front matter's YAML and the text after it, if the note has any.
fn front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&rest[..offset]), &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, text)
}

fn scalar(value: &serde_norway::Value) -> Option<String> {
    match value {
        serde_norway::Value::String(s) => Some(s.clone()),
        serde_norway::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn instant(text: &str, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at);
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return offset.from_local_datetime(&at).single();
        }
    }
    day(text).and_then(|d| offset.from_local_datetime(&d.and_time(NaiveTime::from_hms_opt(12, 0, 0)?)).single())
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%Y_%m_%d")).ok()
}

/// Obsidian's inline tags: `#word` (not a heading's `# `), `#nested/tag`.
fn inline_tags(body: &str) -> Vec<String> {
    let mut in_code = false;
    let mut tags = Vec::new();
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        for word in line.split_whitespace() {
            if let Some(tag) = word.strip_prefix('#') {
                let tag = tag.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_' && c != '/');
                if tag.chars().next().is_some_and(char::is_alphabetic) {
                    tags.push(tag.to_owned());
                }
            }
        }
    }
    tags
}

fn note(relative: &str, path: &Path, text: &str, offset: FixedOffset) -> Result<Option<ImportedEntry>> {
    let (yaml, body) = front_matter(text);
    let meta: FrontMatter = match yaml {
        Some(yaml) if !yaml.trim().is_empty() => serde_norway::from_str(yaml).map_err(|e| Error::ImportSource {
            location: relative.to_owned(),
            message: format!("its front matter is not valid YAML ({e})"),
        })?,
        _ => FrontMatter::default(),
    };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let created_at = meta
        .date
        .as_ref()
        .or(meta.created.as_ref())
        .and_then(scalar)
        .and_then(|t| instant(&t, offset))
        .or_else(|| instant(&stem, offset));
    let Some(created_at) = created_at else {
        return Ok(None);
    };
    let updated_at =
        meta.updated.as_ref().and_then(scalar).and_then(|t| instant(&t, offset)).unwrap_or(created_at).max(created_at);
    let mut tags: Vec<String> = match &meta.tags {
        Some(serde_norway::Value::Sequence(list)) => list.iter().filter_map(scalar).collect(),
        Some(value) => scalar(value).map(|s| s.split(',').map(str::to_owned).collect()).unwrap_or_default(),
        None => Vec::new(),
    };
    tags.extend(inline_tags(body));
    let tags = normalize_tags(&tags)
        .map_err(|e| Error::ImportSource { location: relative.to_owned(), message: e.to_string() })?;
    let title = match meta.title {
        Some(title) => title.trim().to_owned(),
        None => {
            let (heading, _) = split_title(body);
            let first = body.trim_start().lines().next().unwrap_or("");
            if first.starts_with("# ") {
                heading
            } else {
                stem.clone()
            }
        }
    };
    Ok(Some(ImportedEntry {
        source_key: relative.to_owned(),
        kind: Kind::Reflection,
        title,
        body: body.trim_start_matches(['\n', '\r']).to_owned(),
        tags,
        occurred_on: created_at.date_naive(),
        created_at,
        updated_at,
        starred: false,
        not_imported: Vec::new(),
    }))
}
