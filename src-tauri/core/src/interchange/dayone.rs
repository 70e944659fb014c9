//! Day One's JSON export ("Day One 2"): a `.zip` holding `Journal.json` (or
//! `<Name>.json`) and `photos/`, or the bare `.json`. Text, dates, time
//! zone, tags, star and the Day One `uuid` are kept; photos, videos and
//! audio are not imported yet and are listed as such.
//!
//! A zip is read in memory, never unpacked to disk: names that would escape
//! a folder are refused, and sizes are checked before anything is read: a
//! bare JSON's length, then each journal's size as the zip declares it. The
//! declared size is not trusted either: no more than it is unpacked, and all
//! journals together stop at the limit, so a zip bomb costs no more than the
//! limit whatever its headers say.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;

use super::source::{split_title, ImportedEntry, ParsedSource, Skipped, SourceKind};
use crate::error::{Error, Result};
use crate::limits::{brief, excerpt, longer_than, megabytes, MAX_ID_CHARS};
use crate::model::tags::normalize_tags;
use crate::model::Kind;

/// The most a Day One export may unpack to, in all its JSON files together
/// (and the most a bare JSON export may be).
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Deserialize)]
struct Export {
    entries: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    uuid: String,
    text: Option<String>,
    creation_date: DateTime<Utc>,
    modified_date: Option<DateTime<Utc>>,
    time_zone: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    photos: Vec<Attachment>,
    #[serde(default)]
    videos: Vec<Attachment>,
    #[serde(default)]
    audios: Vec<Attachment>,
}

#[derive(Deserialize)]
struct Attachment {
    md5: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// Reads a Day One export (`.zip` or `.json`) at `path`.
pub fn parse(path: &Path) -> Result<ParsedSource> {
    parse_with_limit(path, MAX_UNPACKED_BYTES)
}

/// [`parse`] with a chosen limit on the unpacked size of a zip's JSON files.
pub fn parse_with_limit(path: &Path, max_unpacked: u64) -> Result<ParsedSource> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut parsed = ParsedSource { source: SourceKind::DayOne, entries: Vec::new(), skipped: Vec::new() };
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut magic = [0u8; 4];
    let is_zip = file.read(&mut magic).map_err(|e| Error::io(path, e))? == 4 && magic == *b"PK\x03\x04";
    let too_large = || Error::ImportSource {
        location: name.clone(),
        message: format!("it is larger than {} MB, more than a Day One export holds", megabytes(max_unpacked)),
    };
    if !is_zip {
        // Refused by its length before a byte is read; the reading is capped
        // too, for a file that grows meanwhile.
        if size > max_unpacked {
            return Err(too_large());
        }
        let mut text = String::new();
        file.rewind().and_then(|()| (&mut file).take(max_unpacked + 1).read_to_string(&mut text)).map_err(|_| {
            Error::ImportSource { location: name.clone(), message: "it is not a Day One JSON export".into() }
        })?;
        if text.len() as u64 > max_unpacked {
            return Err(too_large());
        }
        read_journal(&name, &text, &mut parsed)?;
        return Ok(parsed);
    }
    let bad_zip = |message: String| Error::ImportSource { location: name.clone(), message };
    let unpacks_too_much = || bad_zip(format!("it unpacks to more than {} MB", megabytes(max_unpacked)));
    drop(file);
    let mut archive = zip::ZipArchive::new(File::open(path).map_err(|e| Error::io(path, e))?)
        .map_err(|e| bad_zip(format!("it is not a readable zip file ({})", brief(e))))?;
    let mut unpacked = 0u64;
    let mut journals = 0;
    for index in 0..archive.len() {
        let mut member = archive.by_index(index).map_err(|e| bad_zip(format!("it is damaged ({})", brief(e))))?;
        let member_name = member
            .name()
            .map_err(|e| bad_zip(format!("it holds an unreadable file name ({})", brief(e))))?
            .into_owned();
        if member.enclosed_name().is_none() {
            return Err(bad_zip(format!(
                "it holds a file named \"{}\" that points outside its folder",
                excerpt(&member_name)
            )));
        }
        let is_journal = member.is_file() && member_name.ends_with(".json") && !member_name.contains('/');
        if !is_journal {
            continue;
        }
        let member_name = excerpt(&member_name);
        // What the zip says first: a bomb that declares its size stops here,
        // before a byte is unpacked.
        let budget = max_unpacked - unpacked;
        let declared = member.size();
        if declared > budget {
            return Err(unpacks_too_much());
        }
        // Then what it holds: never more than it declared (a zip that says
        // less than it holds is damaged or hostile), nor than the budget.
        let mut bytes = Vec::new();
        (&mut member)
            .take(declared + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad_zip(format!("{member_name} could not be unpacked ({})", brief(e))))?;
        if bytes.len() as u64 > declared {
            return Err(bad_zip(format!("it is damaged: {member_name} holds more than the zip says it does")));
        }
        unpacked += bytes.len() as u64;
        if unpacked > max_unpacked {
            return Err(unpacks_too_much());
        }
        let text = String::from_utf8(bytes).map_err(|_| bad_zip(format!("{member_name} is not UTF-8 text")))?;
        read_journal(&format!("{name}: {member_name}"), &text, &mut parsed)?;
        journals += 1;
    }
    if journals == 0 {
        return Err(bad_zip("it holds no Day One journal (.json)".into()));
    }
    Ok(parsed)
}

fn read_journal(location: &str, text: &str, parsed: &mut ParsedSource) -> Result<()> {
    // A field of tens of megabytes is refused before the parser copies it.
    let longest = crate::limits::longest_json_string(text);
    if longest > crate::limits::MAX_JSON_STRING_BYTES {
        return Err(Error::ImportSource {
            location: location.to_owned(),
            message: format!("it holds a field of {} MB, longer than any Day One field", megabytes(longest as u64)),
        });
    }
    let export: Export = serde_json::from_str(text).map_err(|e| Error::ImportSource {
        location: location.to_owned(),
        message: format!("it is not a Day One JSON export ({})", brief(e)),
    })?;
    for (index, value) in export.entries.into_iter().enumerate() {
        let at = format!("{location}, entry {}", index + 1);
        let bad = |message: String| Error::ImportSource { location: at.clone(), message };
        let entry: DayOneEntry = serde_json::from_value(value).map_err(|e| bad(brief(e)))?;
        // Refused, not cut: the uuid is what tells this entry from every
        // other one on the next import, and no real one is this long.
        if longer_than(&entry.uuid, MAX_ID_CHARS) {
            return Err(bad(format!(
                "its uuid \"{}\" is longer than {MAX_ID_CHARS} characters; is this a Day One export?",
                excerpt(&entry.uuid)
            )));
        }
        let attachments = describe_attachments(&entry);
        let Some(text) = entry.text.as_deref().filter(|t| !t.trim().is_empty()) else {
            let reason = match attachments.is_empty() {
                true => "it has no text".to_owned(),
                false => format!("it has no text, only {}", attachments.join(", ")),
            };
            parsed.skipped.push(Skipped { location: at, reason });
            continue;
        };
        let zone: Option<chrono_tz::Tz> = entry.time_zone.as_deref().and_then(|z| z.parse().ok());
        let local = |utc: DateTime<Utc>| -> DateTime<FixedOffset> {
            match zone {
                Some(tz) => utc.with_timezone(&tz).fixed_offset(),
                None => utc.fixed_offset(),
            }
        };
        let created_at = local(entry.creation_date);
        let updated_at = local(entry.modified_date.unwrap_or(entry.creation_date)).max(created_at);
        let (title, body) = split_title(&unescape(&replace_moments(text)));
        let tags = normalize_tags(&entry.tags).map_err(|e| bad(e.to_string()))?;
        parsed.entries.push(ImportedEntry {
            source_key: entry.uuid,
            kind: Kind::Reflection,
            title,
            body,
            tags,
            occurred_on: created_at.date_naive(),
            created_at,
            updated_at,
            starred: entry.starred,
            not_imported: if attachments.is_empty() {
                Vec::new()
            } else {
                vec![format!("{} not imported yet (kept in the Day One export)", attachments.join(", "))]
            },
            dated_by_modification_time: false,
        });
    }
    Ok(())
}

fn describe_attachments(entry: &DayOneEntry) -> Vec<String> {
    let mut notes = Vec::new();
    for (list, one, many) in [
        (&entry.photos, "photo", "photos"),
        (&entry.videos, "video", "videos"),
        (&entry.audios, "recording", "recordings"),
    ] {
        if list.is_empty() {
            continue;
        }
        let files: Vec<String> = list
            .iter()
            .filter_map(|a| {
                Some(format!("{}.{}", excerpt(a.md5.as_deref()?), excerpt(a.kind.as_deref().unwrap_or("bin"))))
            })
            .collect();
        let what = if list.len() == 1 { one } else { many };
        notes.push(format!("{} {what} ({})", list.len(), files.join(", ")));
    }
    notes
}

/// `![](dayone-moment://ID)` (and the video/audio forms) become `[photo]`.
fn replace_moments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("![](dayone-moment:") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find(')') {
            Some(end) => {
                let link = &after[..end];
                out.push_str(if link.contains("/video/") {
                    "[video]"
                } else if link.contains("/audio/") {
                    "[recording]"
                } else {
                    "[photo]"
                });
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Day One escapes punctuation that needs no escaping in Markdown prose
/// (`\.` `\-` `\(` `\)` `\!` `\+` `\#` `\>`); those backslashes go.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if matches!(next, '.' | '-' | '(' | ')' | '!' | '+' | '#' | '>') {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moment_links_become_plain_markers_and_needless_escapes_go() {
        assert_eq!(replace_moments("a ![](dayone-moment://ABC) b"), "a [photo] b");
        assert_eq!(replace_moments("![](dayone-moment:/video/X)"), "[video]");
        assert_eq!(unescape(r"Done\. See \(this\) \*bold\*"), r"Done. See (this) \*bold\*");
    }
}
