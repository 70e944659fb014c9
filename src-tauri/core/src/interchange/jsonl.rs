//! Praxis JSON Lines: the lossless format. The first line is a header
//! `{"format":"praxis-jsonl","version":1}`; each further line is one entry
//! with its whole history and trash state. Export → import into an empty
//! journal → export gives the same bytes.

use std::io::{BufRead, Read, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::journal::{EntryDraft, EntryId, Kind, Revision};
use crate::store::Journal;

pub const FORMAT: &str = "praxis-jsonl";
pub const VERSION: u32 = 1;
/// The longest line accepted: a maximal entry with some history.
const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
}

/// One entry as it travels: everything the journal knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRecord {
    pub id: EntryId,
    pub kind: Kind,
    pub title: String,
    pub tags: Vec<String>,
    pub occurred_on: NaiveDate,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub starred: bool,
    pub revision: i64,
    pub deleted_at: Option<DateTime<FixedOffset>>,
    pub body: String,
    /// Earlier versions, oldest first.
    pub revisions: Vec<Revision>,
}

impl EntryRecord {
    pub(crate) fn draft(&self) -> EntryDraft {
        EntryDraft {
            kind: self.kind,
            title: self.title.clone(),
            body: self.body.clone(),
            tags: self.tags.clone(),
            occurred_on: Some(self.occurred_on),
            starred: self.starred,
        }
    }

    /// Rules a file cannot break, whoever wrote it; `line` names the record.
    fn check(&self, line: usize) -> Result<EntryDraft> {
        let bad = |message: &str| Error::ImportLine { line, message: message.to_owned() };
        let draft = self.draft().validated().map_err(|e| bad(&e.to_string()))?;
        if draft.tags != self.tags {
            return Err(bad("its tags are not in normal form (lower case, sorted, unique)"));
        }
        if draft.title != self.title {
            return Err(bad("its title has leading or trailing spaces"));
        }
        if self.revision < 1 {
            return Err(bad("its revision number must be 1 or more"));
        }
        let mut last = 0;
        for old in &self.revisions {
            if old.revision <= last || old.revision >= self.revision {
                return Err(bad("its revisions must be numbered upwards and below the current revision"));
            }
            last = old.revision;
        }
        Ok(draft)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Entries added to the journal.
    pub imported: usize,
    /// Entries already in the journal (same id), left as they were.
    pub already_present: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    pub entries: usize,
}

impl Journal {
    /// Writes every entry — live and in the trash, with their histories — as
    /// Praxis JSON Lines, oldest first. Streams: memory use does not grow with
    /// the journal.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<ExportReport> {
        let io = |e| Error::io("the export file", e);
        let header =
            serde_json::to_string(&Header { format: FORMAT.into(), version: VERSION }).expect("header serialises");
        writeln!(out, "{header}").map_err(io)?;
        let mut report = ExportReport::default();
        self.for_each_record(&mut |record| {
            serde_json::to_writer(&mut *out, record).map_err(|e| Error::io("the export file", e.into()))?;
            out.write_all(b"\n").map_err(io)?;
            report.entries += 1;
            Ok(())
        })?;
        out.flush().map_err(io)?;
        Ok(report)
    }

    /// Reads Praxis JSON Lines. Entries whose id is already in the journal
    /// are left alone, so importing the same file twice adds nothing. The
    /// first bad line stops the import and nothing at all is imported; the
    /// error gives its line number.
    pub fn import_jsonl<R: BufRead>(&self, input: &mut R) -> Result<ImportReport> {
        self.write_in_bulk(|tx| {
            let mut report = ImportReport::default();
            let mut line = String::new();
            let mut number = 0usize;
            let mut seen_header = false;
            loop {
                line.clear();
                let read = input.by_ref().take(MAX_LINE_BYTES as u64 + 1).read_line(&mut line).map_err(|e| {
                    Error::ImportLine { line: number + 1, message: format!("it could not be read ({e})") }
                })?;
                if read == 0 {
                    break;
                }
                number += 1;
                let bad = |message: String| Error::ImportLine { line: number, message };
                if read > MAX_LINE_BYTES {
                    return Err(bad(format!("it is longer than {} MB", MAX_LINE_BYTES / (1024 * 1024))));
                }
                if line.trim().is_empty() {
                    continue;
                }
                if !seen_header {
                    let header: Header = serde_json::from_str(&line).map_err(|_| {
                        bad("the file does not start with a Praxis JSON Lines header; is it a Praxis export?".into())
                    })?;
                    if header.format != FORMAT {
                        return Err(bad(format!("the file is in the \"{}\" format, not \"{FORMAT}\"", header.format)));
                    }
                    if header.version > VERSION {
                        return Err(bad(format!(
                            "the file was written by a newer Praxis (format version {}); update Praxis to import it",
                            header.version
                        )));
                    }
                    seen_header = true;
                    continue;
                }
                let record: EntryRecord = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
                let draft = record.check(number)?;
                if crate::store::insert_record(tx, &record, &draft)? {
                    report.imported += 1;
                } else {
                    report.already_present += 1;
                }
            }
            if !seen_header {
                return Err(Error::ImportLine { line: 1, message: "the file is empty".into() });
            }
            Ok(report)
        })
    }
}
