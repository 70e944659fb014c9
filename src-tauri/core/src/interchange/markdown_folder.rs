//! A folder of Markdown notes (Obsidian, Logseq, Joplin exports): every `.md`
//! file below it, with optional YAML front matter (`title`, `date` or
//! `created`, `updated`, `tags` as a list or a comma string) and Obsidian's
//! inline `#tags`. Daily notes named `YYYY-MM-DD.md` (or Logseq's
//! `YYYY_MM_DD.md`) take their day from the name. A note with no date at all
//! takes its file's modification time, and is marked
//! [`ImportedEntry::dated_by_modification_time`] so that the preview can say
//! so and the person can choose to skip such notes instead
//! ([`ParsedSource::with_undated`]).
//!
//! The body is kept as written: `[[wiki links]]`, `![[embeds]]` and local
//! image links stay as text. Other files (images, PDFs, `.txt`) are listed as
//! skipped, each with why. Hidden files and folders (`.obsidian`, `.trash`,
//! `.DS_Store`) are passed over without a word, and links are not followed.
//!
//! Bounded whatever the folder holds: at most [`MAX_FILES`] notes and
//! [`MAX_ITEMS`] files and folders in all, a note of at most
//! [`MAX_NOTE_BYTES`] (checked by its length before it is read), and front
//! matter of at most [`MAX_FRONT_MATTER_BYTES`] nested at most
//! [`MAX_YAML_DEPTH`] deep (checked by a quick scan before the YAML parser
//! sees it: deep nesting is what makes YAML parsers slow).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;

use super::source::{split_title, ImportedEntry, ParsedSource, Skipped, SourceKind};
use crate::error::{Error, Result};
use crate::limits::{brief, longer_than, megabytes, read_capped, Capped};
use crate::model::tags::normalize_tags;
use crate::model::Kind;

/// The most notes one import reads.
pub const MAX_FILES: usize = 100_000;
/// The most files and folders (of any kind) one import looks at.
pub const MAX_ITEMS: usize = 1_000_000;
/// The largest note read: an entry's text holds at most 2 MB anyway.
pub const MAX_NOTE_BYTES: u64 = 2 * 1024 * 1024;
/// The largest front matter read; real ones are a few lines.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// How deep front matter may nest (lists in lists, maps in maps).
pub const MAX_YAML_DEPTH: usize = 32;
/// The longest path of a note, below the folder, in characters: the path is
/// the note's key for the next import, so it is not cut.
pub const MAX_PATH_CHARS: usize = 1024;

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
/// of that day) and times without an offset; a note without a date takes
/// its file's modification time, at `offset`.
pub fn parse(dir: &Path, offset: FixedOffset) -> Result<ParsedSource> {
    let mut files = Vec::new();
    collect(dir, &mut files, &mut 0, &mut 0)?;
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
        if longer_than(&relative, MAX_PATH_CHARS) {
            parsed.skipped.push(Skipped {
                location: format!("{}…", crate::limits::cut(&relative, 80)),
                reason: format!("its path is longer than {MAX_PATH_CHARS} characters"),
            });
            continue;
        }
        let skip = |reason: &str| Skipped { location: relative.clone(), reason: reason.into() };
        if !is_note(&path) {
            parsed.skipped.push(skip(NOT_A_NOTE));
            continue;
        }
        let bytes = match read_capped(&path, MAX_NOTE_BYTES).map_err(|e| Error::io(&path, e))? {
            Capped::Bytes(bytes) => bytes,
            Capped::TooLarge { .. } => {
                parsed.skipped.push(skip(&format!("it is larger than {} MB", megabytes(MAX_NOTE_BYTES))));
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            parsed.skipped.push(skip("it is not UTF-8 text"));
            continue;
        };
        let modified = || -> Result<DateTime<FixedOffset>> {
            let at = std::fs::metadata(&path).and_then(|m| m.modified()).map_err(|e| Error::io(&path, e))?;
            Ok(DateTime::<Utc>::from(at).with_timezone(&offset))
        };
        parsed.entries.push(note(&relative, &path, &text, offset, modified)?);
    }
    Ok(parsed)
}

/// Why a file that is not a note is skipped.
pub const NOT_A_NOTE: &str = "not a Markdown note (only .md and .markdown files are imported)";

fn is_note(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Adds the files below `dir` to `files` (notes, and others to list as
/// skipped); `notes` counts the notes and `seen` every file and folder
/// looked at, so that a folder of millions of other files (or of empty
/// folders) is refused instead of walked for minutes.
fn collect(dir: &Path, files: &mut Vec<PathBuf>, notes: &mut usize, seen: &mut usize) -> Result<()> {
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for item in read {
        let item = item.map_err(|e| Error::io(dir, e))?;
        *seen += 1;
        if *seen > MAX_ITEMS {
            return Err(Error::ImportSource {
                location: dir.display().to_string(),
                message: format!("it holds more than {MAX_ITEMS} files and folders; import a smaller folder"),
            });
        }
        let name = item.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = item.file_type().map_err(|e| Error::io(item.path(), e))?;
        if kind.is_dir() {
            collect(&item.path(), files, notes, seen)?;
        } else if kind.is_file() {
            let path = item.path();
            *notes += usize::from(is_note(&path));
            files.push(path);
            if *notes > MAX_FILES {
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

/// Whether `yaml` nests deeper than `max`, found by a scan that costs one
/// pass over the text (the YAML parser takes minutes on 100,000 levels).
/// Counts the open flow collections (`[`, `{`, outside quotes and comments)
/// plus the open block levels: each deeper indentation and each `- ` or `? `
/// at the start of a line is one level. Block scalars (`|`, `>`) are text,
/// and their lines are not counted. An estimate that errs towards too many
/// levels on odd input: real front matter is two or three levels deep, far
/// below the limit.
fn nests_deeper_than(yaml: &str, max: usize) -> bool {
    let mut blocks: Vec<usize> = Vec::new(); // the indentation of each open block level
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    let mut block_scalar: Option<usize> = None; // the indentation of the line that opened one
    for line in yaml.lines() {
        let content = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - content.len();
        if let Some(opener) = block_scalar {
            if content.is_empty() || indent > opener {
                continue;
            }
            block_scalar = None;
        }
        if flow == 0 && quote.is_none() {
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            while blocks.last().is_some_and(|&open| open >= indent) {
                blocks.pop();
            }
            blocks.push(indent);
            let mut rest = content;
            let mut column = indent;
            while let Some(after) = ["- ", "? ", "-\t"].iter().find_map(|m| rest.strip_prefix(m)) {
                let next = after.trim_start_matches([' ', '\t']);
                column += rest.len() - next.len();
                blocks.push(column);
                rest = next;
            }
            if blocks.len() > max {
                return true;
            }
        }
        // Where a scalar may start: a quote opens one only there (not the
        // apostrophe in "don't", nor a quote inside a plain scalar).
        let mut at_start = true;
        let mut previous = ' ';
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            let spaced = |next: Option<&char>| next.is_none_or(|n| *n == ' ' || *n == '\t');
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some(open) if c == open => quote = None,
                Some(_) => {}
                None => match c {
                    ' ' | '\t' => {}
                    '#' if previous == ' ' || previous == '\t' => break,
                    '"' | '\'' if at_start => {
                        quote = Some(c);
                        at_start = false;
                    }
                    '-' | '?' if at_start && spaced(chars.peek()) => {}
                    ':' if spaced(chars.peek()) || flow > 0 => at_start = true,
                    ',' if flow > 0 => at_start = true,
                    // A flow collection starts where a node starts; `[` inside
                    // a plain scalar ("Notes [draft") is text.
                    '[' | '{' if at_start || flow > 0 => {
                        flow += 1;
                        at_start = true;
                        if blocks.len() + flow > max {
                            return true;
                        }
                    }
                    ']' | '}' if flow > 0 => {
                        flow -= 1;
                        at_start = false;
                    }
                    _ => at_start = false,
                },
            }
            previous = c;
        }
        let header = content.split(" #").next().unwrap_or("").trim_end();
        if flow == 0
            && quote.is_none()
            && header.rsplit(' ').next().is_some_and(|last| {
                last.starts_with(['|', '>']) && last[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9'))
            })
        {
            block_scalar = Some(indent);
        }
    }
    false
}

/// One note as an entry; `modified` is asked only when the note has no date
/// of its own.
fn note(
    relative: &str,
    path: &Path,
    text: &str,
    offset: FixedOffset,
    modified: impl FnOnce() -> Result<DateTime<FixedOffset>>,
) -> Result<ImportedEntry> {
    let (yaml, body) = front_matter(text);
    let refuse = |message: String| Error::ImportSource { location: relative.to_owned(), message };
    let meta: FrontMatter = match yaml {
        Some(yaml) if !yaml.trim().is_empty() => {
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                return Err(refuse(format!(
                    "its front matter is larger than {} KB; front matter holds a title, dates and tags",
                    MAX_FRONT_MATTER_BYTES / 1024
                )));
            }
            if nests_deeper_than(yaml, MAX_YAML_DEPTH) {
                return Err(refuse(format!(
                    "its front matter nests more than {MAX_YAML_DEPTH} levels deep; front matter holds a title, \
                     dates and tags"
                )));
            }
            serde_norway::from_str(yaml)
                .map_err(|e| refuse(format!("its front matter is not valid YAML ({})", brief(e))))?
        }
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
    let dated_by_modification_time = created_at.is_none();
    let created_at = match created_at {
        Some(at) => at,
        None => modified()?,
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
    Ok(ImportedEntry {
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
        dated_by_modification_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_front_matter_is_shallow() {
        let yaml = "title: \"Don't [stop\"\ntags:\n  - a\n  - b\ndate: 2026-04-01\nnotes: |\n  text\n      - - - - indented text\nmeta: {a: [1, 2], b: {c: d}}\nsay: it's a [draft\n";
        assert!(!nests_deeper_than(yaml, 4), "quotes, text and block scalars do not nest");
        assert!(!nests_deeper_than("a:\n  b:\n    c: [d]\n", 4));
        assert!(nests_deeper_than("a:\n  b:\n    c: [d]\n", 3));
    }

    #[test]
    fn deep_front_matter_is_found_in_every_shape() {
        let depth = 100_000;
        let flow = format!("x: {}{}", "[".repeat(depth), "]".repeat(depth));
        let braces = format!("x: {}", "{a: ".repeat(depth));
        let dashes = format!("{}x", "- ".repeat(depth));
        // (Indentation grows with depth: a thousand levels are enough.)
        let indented: String = (0..1000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        let stacked: String = (0..1000).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
        for yaml in [flow, braces, dashes, indented, stacked] {
            assert!(nests_deeper_than(&yaml, MAX_YAML_DEPTH), "{}", crate::limits::excerpt(&yaml));
        }
        let just = format!("x: {}{}", "[".repeat(MAX_YAML_DEPTH - 1), "]".repeat(MAX_YAML_DEPTH - 1));
        assert!(!nests_deeper_than(&just, MAX_YAML_DEPTH), "the limit itself is allowed");
    }
}
