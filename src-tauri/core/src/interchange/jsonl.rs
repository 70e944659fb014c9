//! Praxis JSON Lines: the lossless format. The first line is a header
//! `{"format":"praxis-jsonl","version":2}`; each further line is one record
//! of [`crate::records`] (entries with their whole history and trash state,
//! projects, experiments, outcomes, sessions, commitments, coaches, the
//! share log, Shared with me, templates, settings). Export → import into an
//! empty journal → export gives the same bytes. Version 1 (every line an
//! entry, [`EntryRecord`]) still imports.

use std::io::{BufRead, Read, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{EntryDraft, EntryId, Kind, Revision};
use crate::records::Record;
use crate::store::exchange::Applied;
use crate::store::Journal;

pub const FORMAT: &str = "praxis-jsonl";
/// The version this build writes. Version 1 files (entries only) still import.
pub const VERSION: u32 = 2;
/// The longest line accepted: a maximal entry with some history.
const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// The first line. `secrets` is set only in an encrypted full export.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    secrets: bool,
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

    /// Rules a file cannot break, whoever wrote it, in sentences about the
    /// record (the caller names the line).
    pub(crate) fn check_rules(&self) -> Result<EntryDraft> {
        let bad = |message: &str| Error::invalid(message);
        let draft = self.draft().validated()?;
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

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Entries added to the journal.
    pub imported: usize,
    /// Entries already in the journal (same id), left as they were.
    pub already_present: usize,
    /// Other records added: projects, experiments, outcomes, sessions,
    /// commitments, coaches, the share log, Shared with me, templates, settings.
    pub records_imported: usize,
    /// Other records already in the journal (same type and id), left as they were.
    pub records_already_present: usize,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    pub entries: usize,
    /// Every record written, entries included.
    pub records: usize,
}

/// Who an encrypted full export is for: a passphrase, or age public keys.
pub use crate::share::seal::SealTo as ExportTo;

impl Journal {
    /// Writes the whole journal as Praxis JSON Lines version 2: every
    /// record of [`crate::records`], entries live and in the trash with
    /// their histories, except the secrets (the sharing identity and the
    /// app lock). Streams: memory use does not grow with the journal.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<ExportReport> {
        self.export_records(out, false)
    }

    /// The full export for moving to a new computer: everything, the
    /// secrets included, as one age file (to a passphrase or to keys).
    pub fn export_encrypted(&self, to: &ExportTo, out: &mut dyn Write) -> Result<ExportReport> {
        let failed = |e: &dyn std::fmt::Display| Error::invalid(format!("The export could not be encrypted ({e})."));
        let encryptor = match to {
            ExportTo::Recipients(recipients) => {
                if recipients.is_empty() {
                    return Err(Error::invalid("Say who can open the export: a passphrase or a public key."));
                }
                age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                    .map_err(|e| failed(&e))?
            }
            ExportTo::Passphrase(passphrase) => {
                let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
                recipient.set_work_factor(crate::share::seal::SCRYPT_WORK_FACTOR);
                age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                    .map_err(|e| failed(&e))?
            }
        };
        let mut writer = encryptor.wrap_output(out).map_err(|e| Error::io("the export file", e))?;
        let report = self.export_records(&mut writer, true)?;
        writer.finish().map_err(|e| Error::io("the export file", e))?;
        Ok(report)
    }

    fn export_records(&self, out: &mut dyn Write, with_secrets: bool) -> Result<ExportReport> {
        let io = |e| Error::io("the export file", e);
        let header = serde_json::to_string(&Header { format: FORMAT.into(), version: VERSION, secrets: with_secrets })
            .expect("header serialises");
        writeln!(out, "{header}").map_err(io)?;
        let mut report = ExportReport::default();
        self.for_each_full_record(with_secrets, &mut |record| {
            record.write_json(&mut *out).map_err(|e| Error::io("the export file", e.into()))?;
            out.write_all(b"\n").map_err(io)?;
            report.records += 1;
            if let Record::Entry(_) = record {
                report.entries += 1;
            }
            Ok(())
        })?;
        out.flush().map_err(io)?;
        Ok(report)
    }

    /// Reads Praxis JSON Lines (version 1 or 2), merging by id: a record
    /// whose type and id the journal has already is left as the journal has
    /// it, so importing the same file twice adds nothing. All or nothing:
    /// the first bad line stops the import, nothing at all is imported, and
    /// the error gives its line number. A locked expectation is never
    /// changed: a file that would is refused.
    pub fn import_jsonl<R: BufRead>(&self, input: &mut R) -> Result<ImportReport> {
        self.import_records(input, false)
    }

    /// Reads an encrypted full export ([`Journal::export_encrypted`]).
    pub fn import_encrypted(
        &self,
        input: &mut dyn Read,
        with: &crate::share::seal::OpenWith<'_>,
    ) -> Result<ImportReport> {
        let mut reader = std::io::BufReader::new(decrypting(input, with)?);
        self.import_records(&mut reader, true)
    }

    fn import_records(&self, input: &mut dyn BufRead, secrets_allowed: bool) -> Result<ImportReport> {
        self.write_in_bulk(|tx| {
            let mut report = ImportReport::default();
            let mut line = String::new();
            let mut number = 0usize;
            let mut version = None;
            let mut state = crate::store::exchange::Applying::default();
            let deferred = crate::store::exchange::defer_index(tx)?;
            loop {
                line.clear();
                let read = Read::take(&mut *input, MAX_LINE_BYTES as u64 + 1).read_line(&mut line).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::InvalidData && version.is_some() {
                        Error::ImportLine { line: number + 1, message: "it is not UTF-8 text, or the file is damaged".into() }
                    } else {
                        Error::ImportLine { line: number + 1, message: format!("it could not be read ({e})") }
                    }
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
                let Some(version) = version else {
                    let header: Header = serde_json::from_str(&line).map_err(|_| {
                        bad("the file does not start with a Praxis JSON Lines header; is it a Praxis export?".into())
                    })?;
                    if header.format != FORMAT {
                        return Err(bad(format!("the file is in the \"{}\" format, not \"{FORMAT}\"", header.format)));
                    }
                    if header.version > VERSION || header.version == 0 {
                        return Err(bad(format!(
                            "the file was written by a newer Praxis (format version {}; this Praxis reads up to {VERSION}); \
                             update Praxis to import it",
                            header.version
                        )));
                    }
                    if header.secrets && !secrets_allowed {
                        return Err(bad(
                            "the file holds secrets (the sharing key and the app lock), which Praxis imports only from \
                             the encrypted full export they came in; import that file instead"
                                .into(),
                        ));
                    }
                    state.secrets_allowed = header.secrets;
                    version = Some(header.version);
                    continue;
                };
                let on_line = |e: Error| {
                    if e.is_about_the_file() {
                        e
                    } else {
                        Error::ImportLine { line: number, message: e.to_string() }
                    }
                };
                if version == 1 {
                    let record: EntryRecord = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
                    let draft = record.check_rules().map_err(on_line)?;
                    if crate::store::insert_record(tx, &record, &draft).map_err(on_line)?.is_some() {
                        report.imported += 1;
                    } else {
                        report.already_present += 1;
                    }
                    continue;
                }
                let record = Record::parse(line.trim_end_matches(['\n', '\r'])).map_err(|p| bad(p.0))?;
                let applied = crate::store::exchange::apply(tx, &record, &mut state).map_err(on_line)?;
                let is_entry = matches!(record, Record::Entry(_));
                match (applied, is_entry) {
                    (Applied::Added, true) => report.imported += 1,
                    (Applied::AlreadyPresent, true) => report.already_present += 1,
                    (Applied::Added, false) => report.records_imported += 1,
                    (Applied::AlreadyPresent, false) => report.records_already_present += 1,
                }
            }
            if version.is_none() {
                return Err(Error::ImportLine { line: 1, message: "the file is empty".into() });
            }
            crate::store::exchange::finish(tx, &mut state)?;
            crate::store::exchange::finish_index(tx, deferred)?;
            Ok(report)
        })
    }
}

/// Opens an encrypted full export for reading as it is decrypted. age
/// checks each 64 KiB chunk as it comes, and a damaged or cut file fails the
/// import's one transaction, so nothing of it is kept.
fn decrypting<'a>(input: &'a mut dyn Read, with: &crate::share::seal::OpenWith<'_>) -> Result<impl Read + 'a> {
    use crate::share::seal::{OpenWith, MAX_SCRYPT_WORK_FACTOR};
    use secrecy::ExposeSecret;
    let unreadable =
        |why: &str| Error::invalid(format!("The file cannot be opened as an encrypted Praxis export: {why}."));
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(std::io::BufReader::new(input)))
        .map_err(|_| unreadable("it is not age-encrypted, or its beginning is damaged"))?;
    let keys = |list: Vec<std::result::Result<age::x25519::Identity, &str>>| -> Result<Vec<age::x25519::Identity>> {
        list.into_iter().map(|k| k.map_err(|_| Error::invalid("That is not an age identity."))).collect()
    };
    let as_age = |identity: &crate::share::seal::SharingIdentity| {
        use std::str::FromStr;
        age::x25519::Identity::from_str(identity.to_secret().expose_secret())
    };
    let map = |e: age::DecryptError| match e {
        age::DecryptError::NoMatchingKeys => Error::ShareNotForYou,
        age::DecryptError::ExcessiveWork { required, .. } => Error::out_of_range(format!(
            "The file's passphrase protection asks for too much work to open (scrypt work factor {required}; \
             Praxis allows up to {MAX_SCRYPT_WORK_FACTOR})."
        )),
        _ => unreadable("it is damaged or cut short"),
    };
    match with {
        OpenWith::Passphrase(passphrase) => {
            if !decryptor.is_scrypt() {
                return Err(Error::ShareNotForYou);
            }
            let mut identity = age::scrypt::Identity::new(passphrase.clone());
            identity.set_max_work_factor(MAX_SCRYPT_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
                age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => Error::ShareWrongPassphrase,
                other => map(other),
            })
        }
        OpenWith::Identity(identity) => {
            if decryptor.is_scrypt() {
                return Err(Error::ShareNeedsPassphrase);
            }
            let keys = keys(vec![as_age(identity)])?;
            decryptor.decrypt(keys.iter().map(|k| k as &dyn age::Identity)).map_err(map)
        }
        OpenWith::Identities(identities) => {
            if decryptor.is_scrypt() {
                return Err(Error::ShareNeedsPassphrase);
            }
            let keys = keys(identities.iter().map(as_age).collect())?;
            decryptor.decrypt(keys.iter().map(|k| k as &dyn age::Identity)).map_err(map)
        }
    }
}
