//! Sharing with a coach: the share and feedback documents, how they are
//! built from entries (whole, or an excerpt), and how they are sealed and
//! opened with age ([`seal`]). The format is in PRODUCT.md ("The share
//! file"): an age file, optionally armored, holding one UTF-8 JSON document.
//!
//! Share version 2 adds the structure of experiments and outcomes to their
//! items; version 1 files still open (their items simply have none).
//! Redaction is one pass over the whole document ([`ShareDocument::redacted`])
//! that names every field, so a field added later cannot leave unredacted
//! without the compiler pointing at it.
//!
//! Must not: write any plaintext of a share to disk (everything here works on
//! bytes in memory), store anything from a file before the whole file was
//! decrypted and checked, or claim to know who sent a file (age does not
//! authenticate senders: the `from` key is what the file *says*).

pub mod seal;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::limits::{brief, excerpt, longer_than, MAX_ID_CHARS, MAX_NAME_CHARS};
use crate::model::tags::{normalize_tag, MAX_TAGS};
use crate::model::{Entry, EntryId, Experiment, ExperimentStatus, Kind, Outcome};

pub const SHARE_FORMAT: &str = "praxis-share";
pub const FEEDBACK_FORMAT: &str = "praxis-feedback";
/// The share version this Praxis writes; it opens every version from 1 up to it.
pub const SHARE_VERSION: u32 = 2;
/// Feedback replies did not change with share version 2: they stay at
/// version 1, so a participant with an older Praxis can still import them.
pub const FEEDBACK_VERSION: u32 = 1;
/// The name a share is signed with when none was chosen (or redaction left none).
pub const DEFAULT_SENDER_NAME: &str = "A Praxis participant";

/// Who a document says it is from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub name: String,
    /// The sender's age recipient (`age1…`); replies are encrypted to it.
    pub public_key: String,
}

/// One shared piece of writing, exactly as it left (after redaction).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareItem {
    pub entry_id: EntryId,
    pub kind: Kind,
    pub title: String,
    pub occurred_on: NaiveDate,
    pub tags: Vec<String>,
    pub markdown: String,
    /// Only part of the entry was shared.
    pub excerpt: bool,
    /// For a whole experiment (version 2): what was expected, and where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<SharedExperiment>,
    /// For a whole outcome (version 2): what happened, against which experiment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<SharedOutcome>,
}

/// An experiment's structure as it leaves: the expectation (locked when the
/// experiment started), where it stands, and what was learnt.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedExperiment {
    pub hypothesis: String,
    pub planned_action: String,
    pub expected_outcome: String,
    pub success_signals: String,
    pub failure_signals: String,
    pub starts_on: NaiveDate,
    pub review_on: NaiveDate,
    /// When the expectation was locked (the experiment started); none while planned.
    pub locked_at: Option<DateTime<FixedOffset>>,
    pub status: ExperimentStatus,
    pub learning: String,
    pub next_step: String,
}

impl SharedExperiment {
    pub fn of(experiment: &Experiment) -> SharedExperiment {
        let x = &experiment.expectation;
        SharedExperiment {
            hypothesis: x.hypothesis.clone(),
            planned_action: x.planned_action.clone(),
            expected_outcome: x.expected_outcome.clone(),
            success_signals: x.success_signals.clone(),
            failure_signals: x.failure_signals.clone(),
            starts_on: experiment.starts_on,
            review_on: experiment.review_on,
            locked_at: experiment.locked_at,
            status: experiment.status,
            learning: experiment.learning.clone(),
            next_step: experiment.next_step.clone(),
        }
    }
}

impl ShareItem {
    /// Every text of the item, for searching Shared with me.
    pub fn searchable_text(&self) -> String {
        let mut parts = vec![self.title.as_str(), self.markdown.as_str()];
        parts.extend(self.tags.iter().map(String::as_str));
        if let Some(x) = &self.experiment {
            parts.extend([
                x.hypothesis.as_str(),
                x.planned_action.as_str(),
                x.expected_outcome.as_str(),
                x.success_signals.as_str(),
                x.failure_signals.as_str(),
                x.learning.as_str(),
                x.next_step.as_str(),
            ]);
        }
        if let Some(o) = &self.outcome {
            parts.extend([o.experiment.title.as_str(), o.surprised.as_str(), o.why_different.as_str()]);
        }
        parts.join(" ")
    }
}

/// The experiment an outcome answers.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperimentRef {
    pub entry_id: EntryId,
    pub title: String,
}

/// An outcome's structure as it leaves.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedOutcome {
    pub experiment: ExperimentRef,
    /// What actually happened: the outcome entry's text.
    pub happened: String,
    pub surprised: String,
    pub why_different: String,
}

impl SharedOutcome {
    pub fn of(outcome: &Outcome, experiment_title: &str) -> SharedOutcome {
        SharedOutcome {
            experiment: ExperimentRef { entry_id: outcome.experiment, title: experiment_title.to_owned() },
            happened: outcome.happened.clone(),
            surprised: outcome.surprised.clone(),
            why_different: outcome.why_different.clone(),
        }
    }
}

/// A share file's content.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareDocument {
    pub format: String,
    pub version: u32,
    /// Tells one share from another (a file opened twice is stored once).
    pub id: String,
    pub created_at: DateTime<FixedOffset>,
    pub from: Sender,
    #[serde(default)]
    pub note: String,
    pub items: Vec<ShareItem>,
}

/// One comment of a coach on a shared item.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub entry_id: EntryId,
    pub comment_markdown: String,
}

/// A feedback reply's content: the same envelope, other items.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackDocument {
    pub format: String,
    pub version: u32,
    pub id: String,
    /// The share this replies to.
    #[serde(default)]
    pub in_reply_to: Option<String>,
    pub created_at: DateTime<FixedOffset>,
    pub from: Sender,
    #[serde(default)]
    pub note: String,
    pub items: Vec<FeedbackItem>,
}

/// What a decrypted file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Share(ShareDocument),
    Feedback(FeedbackDocument),
}

/// What to take from an entry: all of it, or the characters `start..end`
/// of its text (counted in characters, not bytes).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Selection {
    Whole { entry_id: EntryId },
    Excerpt { entry_id: EntryId, start: usize, end: usize },
}

impl Selection {
    pub fn entry_id(&self) -> EntryId {
        match self {
            Selection::Whole { entry_id } | Selection::Excerpt { entry_id, .. } => *entry_id,
        }
    }

    /// Reads `ID:START-END` (an excerpt) or `ID` (the whole entry); the id
    /// may be shortened, and is resolved by the caller.
    pub fn parse_excerpt(text: &str) -> Result<(String, usize, usize)> {
        let bad = || {
            Error::invalid(format!(
                "\"{}\" is not an excerpt: write ID:START-END, e.g. 3f2a9c1e:120-480.",
                excerpt(text)
            ))
        };
        let (id, range) = text.rsplit_once(':').ok_or_else(bad)?;
        let (start, end) = range.split_once('-').ok_or_else(bad)?;
        let start: usize = start.trim().parse().map_err(|_| bad())?;
        let end: usize = end.trim().parse().map_err(|_| bad())?;
        Ok((id.to_owned(), start, end))
    }
}

/// A find-and-replace applied to every shared text before it leaves
/// (names to initials; an empty replacement strikes the words).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    pub find: String,
    pub replace: String,
}

/// Applies redactions in order, matching the words exactly as written.
pub fn redact(text: &str, redactions: &[Redaction]) -> String {
    redactions.iter().filter(|r| !r.find.is_empty()).fold(text.to_owned(), |t, r| t.replace(&r.find, &r.replace))
}

/// Applies redactions to a tag. Tags are stored lower-case with `-` for
/// spaces, so each redaction is matched in that form too: `Priya=a colleague`
/// turns the tag `priya` into `a-colleague` and `1on1-priya` into
/// `1on1-a-colleague`. A tag left empty (`Priya=` on `priya`) is dropped.
/// The result is a valid tag again (normalised, no dangling `-`).
pub fn redact_tag(tag: &str, redactions: &[Redaction]) -> Option<String> {
    let mut tag = tag.to_owned();
    for r in redactions.iter().filter(|r| !r.find.is_empty()) {
        tag = tag.replace(&r.find, &r.replace);
        if let Some(find) = normalize_tag(&r.find) {
            let replace = normalize_tag(&r.replace).unwrap_or_default();
            tag = tag.replace(&find, &replace);
        }
    }
    let tag = normalize_tag(&tag)?;
    let parts: Vec<&str> = tag.split('-').filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join("-"))
}

/// The item for `selection` of `entry`, as written (not yet redacted: see
/// [`ShareDocument::redacted`]). An excerpt carries only the selected text;
/// the structure of an experiment or outcome is added by the caller for a
/// whole entry only.
pub fn item_from(entry: &Entry, selection: &Selection) -> Result<ShareItem> {
    let (markdown, excerpt) = match *selection {
        Selection::Whole { .. } => (entry.body.clone(), false),
        Selection::Excerpt { start, end, .. } => {
            let chars = entry.body.chars().count();
            if start >= end || end > chars {
                return Err(Error::out_of_range(format!(
                    "The excerpt {start}-{end} is not inside \"{}\", whose text has {chars} characters.",
                    excerpt(&entry.title)
                )));
            }
            (entry.body.chars().skip(start).take(end - start).collect(), true)
        }
    };
    Ok(ShareItem {
        entry_id: entry.id,
        kind: entry.kind,
        title: entry.title.clone(),
        occurred_on: entry.occurred_on,
        tags: entry.tags.clone(),
        markdown,
        excerpt,
        experiment: None,
        outcome: None,
    })
}

/// The largest number of items in one document.
pub const MAX_ITEMS: usize = 500;
/// The longest title of a shared item, in characters (an entry's title has
/// at most 300; redaction may lengthen it).
pub const MAX_ITEM_TITLE_CHARS: usize = 1000;
/// The longest tag of a shared item, in characters (an entry's tag has at
/// most 64).
pub const MAX_ITEM_TAG_CHARS: usize = 100;

impl ShareDocument {
    /// The exact bytes that will be encrypted: what the preview shows.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a share document always serialises")
    }

    /// The document with `redactions` applied to every text that leaves: the
    /// sender's name, the note, and each item's title, tags, text and every
    /// text of its experiment or outcome. Every struct is taken apart field
    /// by field, so a new field does not compile until it is decided here.
    /// Fails (with what to change) when a replacement makes a title, tag or
    /// name longer than Praxis opens.
    pub fn redacted(self, redactions: &[Redaction]) -> Result<ShareDocument> {
        let ShareDocument { format, version, id, created_at, from, note, items } = self;
        let Sender { name, public_key } = from;
        let name = redact(&name, redactions).trim().to_owned();
        let name = if name.is_empty() { DEFAULT_SENDER_NAME.to_owned() } else { name };
        if longer_than(&name, MAX_NAME_CHARS) {
            return Err(Error::out_of_range(format!(
                "With the replacements, your name on shares would be longer than {MAX_NAME_CHARS} characters. Use a shorter replacement."
            )));
        }
        let items = items.into_iter().map(|item| redact_item(item, redactions)).collect::<Result<Vec<_>>>()?;
        Ok(ShareDocument {
            format,
            version,
            id,
            created_at,
            from: Sender { name, public_key },
            note: redact(&note, redactions),
            items,
        })
    }
}

fn redact_item(item: ShareItem, redactions: &[Redaction]) -> Result<ShareItem> {
    let ShareItem { entry_id, kind, title, occurred_on, tags, markdown, excerpt: part, experiment, outcome } = item;
    let text = |t: &str| redact(t, redactions);
    let title = text(&title);
    let too_long = |what: &str, max: usize| {
        Error::out_of_range(format!(
            "With the replacements, {what} would be longer than {max} characters. Use a shorter replacement."
        ))
    };
    if longer_than(&title, MAX_ITEM_TITLE_CHARS) {
        return Err(too_long(&format!("the title \"{}\"", excerpt(&title)), MAX_ITEM_TITLE_CHARS));
    }
    let mut redacted_tags = Vec::with_capacity(tags.len());
    for tag in &tags {
        let Some(tag) = redact_tag(tag, redactions) else { continue };
        if longer_than(&tag, MAX_ITEM_TAG_CHARS) {
            return Err(too_long(&format!("the tag \"{}\"", excerpt(&tag)), MAX_ITEM_TAG_CHARS));
        }
        redacted_tags.push(tag);
    }
    redacted_tags.sort();
    redacted_tags.dedup();
    let experiment = experiment.map(|x| {
        let SharedExperiment {
            hypothesis,
            planned_action,
            expected_outcome,
            success_signals,
            failure_signals,
            starts_on,
            review_on,
            locked_at,
            status,
            learning,
            next_step,
        } = x;
        SharedExperiment {
            hypothesis: text(&hypothesis),
            planned_action: text(&planned_action),
            expected_outcome: text(&expected_outcome),
            success_signals: text(&success_signals),
            failure_signals: text(&failure_signals),
            starts_on,
            review_on,
            locked_at,
            status,
            learning: text(&learning),
            next_step: text(&next_step),
        }
    });
    let outcome = match outcome {
        None => None,
        Some(SharedOutcome { experiment: ExperimentRef { entry_id, title }, happened, surprised, why_different }) => {
            let title = text(&title);
            if longer_than(&title, MAX_ITEM_TITLE_CHARS) {
                return Err(too_long(&format!("the title \"{}\"", excerpt(&title)), MAX_ITEM_TITLE_CHARS));
            }
            Some(SharedOutcome {
                experiment: ExperimentRef { entry_id, title },
                happened: text(&happened),
                surprised: text(&surprised),
                why_different: text(&why_different),
            })
        }
    };
    Ok(ShareItem {
        entry_id,
        kind,
        title,
        occurred_on,
        tags: redacted_tags,
        markdown: text(&markdown),
        excerpt: part,
        experiment,
        outcome,
    })
}

impl FeedbackDocument {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a feedback document always serialises")
    }
}

/// Reads a decrypted document and checks it is a Praxis share or feedback
/// reply this version understands.
pub fn parse_document(plaintext: &[u8]) -> Result<Document> {
    #[derive(Deserialize)]
    struct Envelope {
        format: Option<String>,
        version: Option<u32>,
    }
    let not_a_share = || {
        Error::ShareInvalid(
            "It opened, but what is inside is not something Praxis shares (no praxis-share or praxis-feedback document)."
                .into(),
        )
    };
    let envelope: Envelope = serde_json::from_slice(plaintext).map_err(|_| not_a_share())?;
    let version = envelope.version.unwrap_or(0);
    let format = envelope.format.unwrap_or_default();
    if format != SHARE_FORMAT && format != FEEDBACK_FORMAT {
        return Err(not_a_share());
    }
    let newest = if format == SHARE_FORMAT { SHARE_VERSION } else { FEEDBACK_VERSION };
    if version > newest {
        return Err(Error::ShareInvalid(format!(
            "It is a {format} file of version {version}, made by a newer Praxis; this Praxis opens versions 1 to {newest}. \
             Update Praxis to open it."
        )));
    }
    if version == 0 {
        return Err(Error::ShareInvalid(format!(
            "It says it is a {format} file but gives no version (1 to {newest}), so Praxis cannot read it. Ask the sender to share it again."
        )));
    }
    let damaged =
        |e: serde_json::Error| Error::ShareInvalid(format!("Its content is incomplete or damaged ({}).", brief(e)));
    let document = if format == SHARE_FORMAT {
        let doc: ShareDocument = serde_json::from_slice(plaintext).map_err(damaged)?;
        check_items(doc.items.len())?;
        check_envelope(&doc.id, None, &doc.from)?;
        for item in &doc.items {
            check_length("A shared entry's title", &item.title, MAX_ITEM_TITLE_CHARS)?;
            if item.tags.len() > MAX_TAGS {
                return Err(Error::ShareInvalid(format!(
                    "A shared entry has {} tags; an entry has at most {MAX_TAGS}. Nothing was stored.",
                    item.tags.len(),
                )));
            }
            for tag in &item.tags {
                check_length("A shared entry's tag", tag, MAX_ITEM_TAG_CHARS)?;
            }
            if let Some(outcome) = &item.outcome {
                check_length(
                    "The title of a shared outcome's experiment",
                    &outcome.experiment.title,
                    MAX_ITEM_TITLE_CHARS,
                )?;
            }
        }
        Document::Share(doc)
    } else {
        let doc: FeedbackDocument = serde_json::from_slice(plaintext).map_err(damaged)?;
        check_items(doc.items.len())?;
        check_envelope(&doc.id, doc.in_reply_to.as_deref(), &doc.from)?;
        Document::Feedback(doc)
    };
    Ok(document)
}

fn check_items(count: usize) -> Result<()> {
    if count == 0 || count > MAX_ITEMS {
        return Err(Error::ShareInvalid(format!("It holds {count} items; a share holds 1 to {MAX_ITEMS}.")));
    }
    Ok(())
}

/// Refuses (does not cut) an identifier or name longer than Praxis writes:
/// what is stored must be what the file says, and no real one is this long.
fn check_length(what: &str, text: &str, max: usize) -> Result<()> {
    if longer_than(text, max) {
        return Err(Error::ShareInvalid(format!(
            "{what} (\"{}\") is longer than {max} characters, which Praxis never writes. Nothing was stored.",
            excerpt(text)
        )));
    }
    Ok(())
}

fn check_envelope(id: &str, in_reply_to: Option<&str>, from: &Sender) -> Result<()> {
    check_length("Its id", id, MAX_ID_CHARS)?;
    check_length("The id of the share it replies to", in_reply_to.unwrap_or(""), MAX_ID_CHARS)?;
    check_length("The sender's name", &from.name, MAX_NAME_CHARS)?;
    check_length("The sender's key", &from.public_key, MAX_ID_CHARS)
}
