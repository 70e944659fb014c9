//! The record model: every kind of thing a journal holds, as one versioned,
//! documented serialisation with stable ids. The lossless export and import
//! (`praxis-jsonl` version 2, [`crate::interchange::jsonl`]) move these
//! records, and sync between a person's computers is built on the same ones.
//!
//! A record travels in an [`Envelope`]:
//!
//! ```json
//! {"type":"experiment","id":"3f2a…","v":1,"changed_at":"2026-12-07T10:15:02.113Z","device":"9c0e…","data":{…}}
//! ```
//!
//! - `type` says what it is ([`RecordType`]), `id` which one: a UUID for
//!   entries, projects, sessions and commitments; an experiment or an
//!   outcome has its entry's id; a coach is their name in lower case; a
//!   template its kind; a setting its name; a share or an inbox item its
//!   share id; an import source `source/key`.
//! - `v` is the version of that type's `data` (all 1 today). A reader
//!   refuses a version it does not know, with a sentence.
//! - `changed_at` (RFC 3339, UTC) and `device` (the journal copy's id) say
//!   when and where the record last changed. The database keeps them
//!   itself (`record_changes`, kept by triggers, migration 10), so no
//!   write path can forget them; an import keeps the values the record
//!   travelled with.
//!
//! Records refer to each other by id only (`project`, `experiment`,
//! `session`, `grew_from`, …), never by row numbers, so they can be applied
//! on any copy of the journal. A file lists them so that a record comes
//! after the records it refers to (see [`RecordType::ORDER`]); the one
//! exception, an experiment growing from a later one, is settled at the end.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{
    CommitmentStatus, EntryId, ExperimentStatus, Kind, ProjectId, ProjectStatus, Revision, Role, SessionId,
};

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    /// A journal setting ([`SettingData`]).
    Setting,
    /// The person's own template for a kind ([`TemplateData`]).
    Template,
    /// A person they share with ([`CoachData`]).
    Coach,
    Project,
    /// An entry with its history, trash state, project and feedback link.
    Entry,
    /// The structure of an entry of kind `experiment`.
    Experiment,
    /// The structure of an entry of kind `outcome`.
    Outcome,
    /// A peer session with its prep sheet and notes.
    Session,
    Commitment,
    /// A line of the share log, exactly as it left.
    Share,
    /// A share someone sent ("Shared with me").
    Inbox,
    /// Where an imported entry came from, kept after the entry is purged.
    ImportSource,
}

impl RecordType {
    /// The order of a file: every record after those it may refer to.
    pub const ORDER: [RecordType; 12] = [
        RecordType::Setting,
        RecordType::Template,
        RecordType::Coach,
        RecordType::Project,
        RecordType::Entry,
        RecordType::Experiment,
        RecordType::Outcome,
        RecordType::Session,
        RecordType::Commitment,
        RecordType::Share,
        RecordType::Inbox,
        RecordType::ImportSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Setting => "setting",
            RecordType::Template => "template",
            RecordType::Coach => "coach",
            RecordType::Project => "project",
            RecordType::Entry => "entry",
            RecordType::Experiment => "experiment",
            RecordType::Outcome => "outcome",
            RecordType::Session => "session",
            RecordType::Commitment => "commitment",
            RecordType::Share => "share",
            RecordType::Inbox => "inbox",
            RecordType::ImportSource => "import_source",
        }
    }

    /// The version of this type's `data` this build writes and reads.
    pub fn version(self) -> u32 {
        1
    }

    pub fn from_name(name: &str) -> Option<RecordType> {
        RecordType::ORDER.into_iter().find(|t| t.as_str() == name)
    }
}

/// The settings that are secrets: the sharing identity and the app lock's
/// passphrase hash. They leave only in an encrypted full export.
pub const SECRET_SETTINGS: [&str; 2] = ["sharing_identity", "app_lock"];
/// Settings that belong to this copy of the journal and never leave it.
pub const LOCAL_SETTINGS: [&str; 1] = ["device_id"];

/// One record as it travels. `data` is the type's own shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope<T> {
    #[serde(rename = "type")]
    pub record_type: RecordType,
    pub id: String,
    pub v: u32,
    pub changed_at: String,
    pub device: String,
    pub data: T,
}

/// An envelope whose `data` is not read yet: what a reader looks at first.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    #[serde(rename = "type")]
    pub record_type: String,
    pub id: String,
    pub v: u32,
    pub changed_at: String,
    pub device: String,
    pub data: Box<serde_json::value::RawValue>,
}

/// A journal setting: its name is the record's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingData {
    pub value: String,
}

/// A template the person wrote for a kind (the kind is the record's id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateData {
    pub body: String,
    pub updated_at: DateTime<FixedOffset>,
}

/// A coach, with the key before the last change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachData {
    pub name: String,
    pub public_key: String,
    pub added_at: DateTime<FixedOffset>,
    pub previous_key: Option<String>,
    pub key_changed_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectData {
    pub name: String,
    pub challenge: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: ProjectStatus,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

/// Which entry a `coach_feedback` entry comments on, and in which reply it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackLink {
    pub about: String,
    pub reply: String,
}

/// An entry: its current version, its earlier versions (oldest first), its
/// trash state, and the project it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryData {
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
    pub revisions: Vec<Revision>,
    pub project: Option<ProjectId>,
    pub feedback: Option<FeedbackLink>,
}

/// One move of an experiment: `at` is when it was written down,
/// `happened_on` the day it happened (when the person gave one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentEvent {
    pub status: ExperimentStatus,
    pub at: DateTime<FixedOffset>,
    pub happened_on: Option<NaiveDate>,
    pub retry: bool,
}

/// An experiment: the expectation (locked at `locked_at`), where it is, what
/// was learnt, the experiment it grew from, and every move it made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentData {
    pub hypothesis: String,
    pub planned_action: String,
    pub expected_outcome: String,
    pub success_signals: String,
    pub failure_signals: String,
    pub starts_on: NaiveDate,
    pub review_on: NaiveDate,
    pub status: ExperimentStatus,
    pub locked_at: Option<DateTime<FixedOffset>>,
    pub learning: String,
    pub next_step: String,
    pub grew_from: Option<EntryId>,
    pub events: Vec<ExperimentEvent>,
}

/// An outcome: what happened is its entry's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeData {
    pub experiment: EntryId,
    pub surprised: String,
    pub why_different: String,
}

/// A peer session: the prep (issue, question, prep entry) and the notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionData {
    pub held_on: NaiveDate,
    pub group_name: String,
    pub role: Role,
    pub project: Option<ProjectId>,
    pub issue: String,
    pub question: String,
    pub prep_entry: Option<EntryId>,
    pub notes: String,
    pub insights: String,
    pub notes_entry: Option<EntryId>,
    pub created_at: DateTime<FixedOffset>,
}

/// A commitment: `closed_at` is when it was marked done or dropped,
/// `closed_on` the day that happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentData {
    pub session: SessionId,
    pub what: String,
    pub due_on: Option<NaiveDate>,
    pub status: CommitmentStatus,
    pub closed_at: Option<DateTime<FixedOffset>>,
    pub closed_on: Option<NaiveDate>,
    pub created_at: DateTime<FixedOffset>,
}

/// A share as it left: the exact document, its recipients and checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareData {
    pub sent_at: DateTime<FixedOffset>,
    pub recipient: String,
    pub recipient_keys: String,
    pub document: String,
    pub sha256: String,
    pub armored: bool,
}

/// A share received, as stored in "Shared with me".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxData {
    pub received_at: DateTime<FixedOffset>,
    pub sender_name: String,
    pub sender_key: String,
    pub document: String,
    pub sha256: String,
}

/// Where an imported entry came from; `entry` is empty once it was purged,
/// so that importing the same source again does not bring it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSourceData {
    pub source: String,
    pub key: String,
    pub entry: Option<EntryId>,
}

/// Any record, with its data read.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Setting(Envelope<SettingData>),
    Template(Envelope<TemplateData>),
    Coach(Envelope<CoachData>),
    Project(Envelope<ProjectData>),
    Entry(Envelope<EntryData>),
    Experiment(Envelope<ExperimentData>),
    Outcome(Envelope<OutcomeData>),
    Session(Envelope<SessionData>),
    Commitment(Envelope<CommitmentData>),
    Share(Envelope<ShareData>),
    Inbox(Envelope<InboxData>),
    ImportSource(Envelope<ImportSourceData>),
}

/// Why a line is not a record this build can apply, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem(pub String);

impl Record {
    pub fn record_type(&self) -> RecordType {
        match self {
            Record::Setting(_) => RecordType::Setting,
            Record::Template(_) => RecordType::Template,
            Record::Coach(_) => RecordType::Coach,
            Record::Project(_) => RecordType::Project,
            Record::Entry(_) => RecordType::Entry,
            Record::Experiment(_) => RecordType::Experiment,
            Record::Outcome(_) => RecordType::Outcome,
            Record::Session(_) => RecordType::Session,
            Record::Commitment(_) => RecordType::Commitment,
            Record::Share(_) => RecordType::Share,
            Record::Inbox(_) => RecordType::Inbox,
            Record::ImportSource(_) => RecordType::ImportSource,
        }
    }

    /// Writes the record as one line of JSON (without the newline).
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()> {
        match self {
            Record::Setting(r) => serde_json::to_writer(out, r),
            Record::Template(r) => serde_json::to_writer(out, r),
            Record::Coach(r) => serde_json::to_writer(out, r),
            Record::Project(r) => serde_json::to_writer(out, r),
            Record::Entry(r) => serde_json::to_writer(out, r),
            Record::Experiment(r) => serde_json::to_writer(out, r),
            Record::Outcome(r) => serde_json::to_writer(out, r),
            Record::Session(r) => serde_json::to_writer(out, r),
            Record::Commitment(r) => serde_json::to_writer(out, r),
            Record::Share(r) => serde_json::to_writer(out, r),
            Record::Inbox(r) => serde_json::to_writer(out, r),
            Record::ImportSource(r) => serde_json::to_writer(out, r),
        }
    }

    /// Reads one line: the envelope, then the data of its type and version.
    pub fn parse(line: &str) -> std::result::Result<Record, RecordProblem> {
        let raw: RawEnvelope =
            serde_json::from_str(line).map_err(|e| RecordProblem(format!("it is not a Praxis record ({e})")))?;
        let Some(record_type) = RecordType::from_name(&raw.record_type) else {
            return Err(RecordProblem(format!(
                "it is a record of type \"{}\", which this Praxis does not know; update Praxis to import the file",
                crate::limits::shortened(&raw.record_type, 40)
            )));
        };
        if raw.v > record_type.version() || raw.v == 0 {
            return Err(RecordProblem(format!(
                "it is a {} record of version {}, and this Praxis reads version {}; update Praxis to import the file",
                record_type.as_str(),
                raw.v,
                record_type.version()
            )));
        }
        if DateTime::parse_from_rfc3339(&raw.changed_at).is_err() {
            return Err(RecordProblem("its changed_at is not a time (RFC 3339)".into()));
        }
        if raw.device.is_empty() || raw.device.len() > 64 || !raw.device.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(RecordProblem("its device is not a device id (letters and digits)".into()));
        }
        if raw.id.is_empty() || raw.id.len() > 400 {
            return Err(RecordProblem("its id is empty or too long".into()));
        }
        fn data<T: serde::de::DeserializeOwned>(
            raw: &RawEnvelope,
            record_type: RecordType,
        ) -> std::result::Result<Envelope<T>, RecordProblem> {
            let data = serde_json::from_str(raw.data.get())
                .map_err(|e| RecordProblem(format!("its {} data cannot be read ({e})", record_type.as_str())))?;
            Ok(Envelope {
                record_type,
                id: raw.id.clone(),
                v: raw.v,
                changed_at: raw.changed_at.clone(),
                device: raw.device.clone(),
                data,
            })
        }
        Ok(match record_type {
            RecordType::Setting => Record::Setting(data(&raw, record_type)?),
            RecordType::Template => Record::Template(data(&raw, record_type)?),
            RecordType::Coach => Record::Coach(data(&raw, record_type)?),
            RecordType::Project => Record::Project(data(&raw, record_type)?),
            RecordType::Entry => Record::Entry(data(&raw, record_type)?),
            RecordType::Experiment => Record::Experiment(data(&raw, record_type)?),
            RecordType::Outcome => Record::Outcome(data(&raw, record_type)?),
            RecordType::Session => Record::Session(data(&raw, record_type)?),
            RecordType::Commitment => Record::Commitment(data(&raw, record_type)?),
            RecordType::Share => Record::Share(data(&raw, record_type)?),
            RecordType::Inbox => Record::Inbox(data(&raw, record_type)?),
            RecordType::ImportSource => Record::ImportSource(data(&raw, record_type)?),
        })
    }
}
