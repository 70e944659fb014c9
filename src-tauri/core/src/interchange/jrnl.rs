//! jrnl: its JSON export (`jrnl --format json`) and its plain-text journal
//! (`[YYYY-MM-DD HH:MM] Title` then the body, a trailing ` *` for a starred
//! entry, `@tags` in the text). jrnl's times carry no offset: the importing
//! machine's offset is passed in.

use chrono::{FixedOffset, NaiveDateTime, TimeZone};
use serde::Deserialize;

use super::source::{content_key, ImportedEntry, ParsedSource, Skipped, SourceKind};
use crate::error::{Error, Result};
use crate::limits::{brief, excerpt, longer_than, MAX_ID_CHARS};
use crate::model::tags::normalize_tags;
use crate::model::Kind;

#[derive(Deserialize)]
struct Export {
    entries: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct JrnlEntry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    uuid: Option<String>,
}

fn local(at: NaiveDateTime, offset: FixedOffset) -> chrono::DateTime<FixedOffset> {
    offset.from_local_datetime(&at).single().unwrap_or_else(|| offset.from_utc_datetime(&at))
}

/// Words marked with `@` in jrnl's way.
fn at_tags(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(|word| word.strip_prefix('@'))
        .map(|tag| tag.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_'))
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One jrnl entry as read, before it becomes an [`ImportedEntry`].
struct Raw<'a> {
    key: String,
    title: &'a str,
    body: &'a str,
    at: NaiveDateTime,
    tags: Vec<String>,
    starred: bool,
}

fn entry(raw: Raw<'_>, offset: FixedOffset, location: &str) -> Result<ImportedEntry> {
    let Raw { key, title, body, at, tags, starred } = raw;
    let created_at = local(at, offset);
    let tags =
        normalize_tags(&tags).map_err(|e| Error::ImportSource { location: location.into(), message: e.to_string() })?;
    Ok(ImportedEntry {
        source_key: key,
        kind: Kind::Reflection,
        title: title.trim().to_owned(),
        body: body.trim_matches('\n').to_owned(),
        tags,
        occurred_on: created_at.date_naive(),
        created_at,
        updated_at: created_at,
        starred,
        not_imported: Vec::new(),
        dated_by_modification_time: false,
    })
}

/// Reads jrnl's JSON export.
pub fn parse_json(text: &str, offset: FixedOffset) -> Result<ParsedSource> {
    // A field of tens of megabytes is refused before the parser copies it.
    let longest = crate::limits::longest_json_string(text);
    if longest > crate::limits::MAX_JSON_STRING_BYTES {
        return Err(Error::ImportSource {
            location: "the jrnl file".into(),
            message: format!("it holds a field of {} MB, longer than any jrnl field", longest / (1024 * 1024)),
        });
    }
    let export: Export = serde_json::from_str(text).map_err(|e| Error::ImportSource {
        location: "the jrnl file".into(),
        message: format!("it is not a jrnl JSON export ({})", brief(e)),
    })?;
    let mut parsed = ParsedSource { source: SourceKind::Jrnl, entries: Vec::new(), skipped: Vec::new() };
    for (index, value) in export.entries.into_iter().enumerate() {
        let location = format!("entry {}", index + 1);
        let bad = |message: String| Error::ImportSource { location: location.clone(), message };
        let e: JrnlEntry = serde_json::from_value(value).map_err(|e| bad(brief(e)))?;
        let at = NaiveDateTime::parse_from_str(&format!("{} {}", e.date, e.time), "%Y-%m-%d %H:%M")
            .map_err(|_| bad(format!("\"{} {}\" is not a date and time", excerpt(&e.date), excerpt(&e.time))))?;
        // Refused, not cut: the uuid tells this entry apart on the next import.
        if let Some(uuid) = e.uuid.as_deref().filter(|u| longer_than(u, MAX_ID_CHARS)) {
            return Err(bad(format!(
                "its uuid \"{}\" is longer than {MAX_ID_CHARS} characters; is this a jrnl export?",
                excerpt(uuid)
            )));
        }
        let key = e.uuid.clone().unwrap_or_else(|| content_key(&[&e.date, &e.time, &e.title]));
        let tags: Vec<String> = e.tags.iter().map(|t| t.trim_start_matches('@').to_owned()).collect();
        let raw = Raw { key, title: &e.title, body: &e.body, at, tags, starred: e.starred };
        parsed.entries.push(entry(raw, offset, &location)?);
    }
    Ok(parsed)
}

/// The date and the rest of a jrnl header line `[YYYY-MM-DD HH:MM] …`.
fn header(line: &str) -> Option<(NaiveDateTime, &str)> {
    let inside = line.strip_prefix('[')?;
    let (stamp, rest) = inside.split_once(']')?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M").ok()?;
    Some((at, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// Reads jrnl's plain-text journal file.
pub fn parse_text(text: &str, offset: FixedOffset) -> Result<ParsedSource> {
    let mut parsed = ParsedSource { source: SourceKind::Jrnl, entries: Vec::new(), skipped: Vec::new() };
    let mut current: Option<(usize, NaiveDateTime, String, Vec<&str>)> = None;
    let finish =
        |current: Option<(usize, NaiveDateTime, String, Vec<&str>)>, parsed: &mut ParsedSource| -> Result<()> {
            if let Some((line, at, title_line, body)) = current {
                let body = body.join("\n");
                let mut title = title_line.trim().to_owned();
                let mut starred = false;
                if let Some(stripped) = title.strip_suffix(" *").or_else(|| title.strip_prefix("* ")) {
                    title = stripped.trim().to_owned();
                    starred = true;
                }
                let tags = at_tags(&format!("{title} {body}"));
                let key = content_key(&[&at.format("%Y-%m-%d %H:%M").to_string(), &title]);
                let raw = Raw { key, title: &title, body: &body, at, tags, starred };
                parsed.entries.push(entry(raw, offset, &format!("line {line}"))?);
            }
            Ok(())
        };
    let mut preamble = 0;
    for (index, line) in text.lines().enumerate() {
        if let Some((at, rest)) = header(line) {
            finish(current.take(), &mut parsed)?;
            current = Some((index + 1, at, rest.to_owned(), Vec::new()));
        } else if let Some((_, _, _, body)) = current.as_mut() {
            body.push(line);
        } else if !line.trim().is_empty() {
            preamble += 1;
        }
    }
    finish(current.take(), &mut parsed)?;
    if parsed.entries.is_empty() {
        return Err(Error::ImportSource {
            location: "the jrnl file".into(),
            message: "no entry starts with a [YYYY-MM-DD HH:MM] line; is it a jrnl journal?".into(),
        });
    }
    if preamble > 0 {
        parsed.skipped.push(Skipped {
            location: "the start of the file".into(),
            reason: format!("{preamble} lines before the first dated entry belong to no entry"),
        });
    }
    Ok(parsed)
}
