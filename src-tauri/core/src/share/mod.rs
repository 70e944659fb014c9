//! Sharing with a coach: the share and feedback documents, how they are
//! built from entries (whole, or an excerpt), and how they are sealed and
//! opened with age ([`seal`]). The format is in PRODUCT.md ("The share
//! file"): an age file, optionally armored, holding one UTF-8 JSON document.
//!
//! Must not: write any plaintext of a share to disk (everything here works on
//! bytes in memory), store anything from a file before the whole file was
//! decrypted and checked, or claim to know who sent a file (age does not
//! authenticate senders: the `from` key is what the file *says*).

pub mod seal;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::journal::{Entry, EntryId, Kind};
use crate::limits::{brief, excerpt, longer_than, MAX_ID_CHARS, MAX_NAME_CHARS};

pub const SHARE_FORMAT: &str = "praxis-share";
pub const FEEDBACK_FORMAT: &str = "praxis-feedback";
pub const VERSION: u32 = 1;

/// Who a document says it is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub name: String,
    /// The sender's age recipient (`age1…`); replies are encrypted to it.
    pub public_key: String,
}

/// One shared piece of writing, exactly as it left (after redaction).
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
}

/// A share file's content.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub entry_id: EntryId,
    pub comment_markdown: String,
}

/// A feedback reply's content: the same envelope, other items.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    pub find: String,
    pub replace: String,
}

/// Applies redactions in order, matching the words exactly as written.
pub fn redact(text: &str, redactions: &[Redaction]) -> String {
    redactions.iter().filter(|r| !r.find.is_empty()).fold(text.to_owned(), |t, r| t.replace(&r.find, &r.replace))
}

/// The item for `selection` of `entry`, redacted.
pub fn item_from(entry: &Entry, selection: &Selection, redactions: &[Redaction]) -> Result<ShareItem> {
    let (markdown, excerpt) = match *selection {
        Selection::Whole { .. } => (entry.body.clone(), false),
        Selection::Excerpt { start, end, .. } => {
            let chars = entry.body.chars().count();
            if start >= end || end > chars {
                return Err(Error::invalid(format!(
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
        title: redact(&entry.title, redactions),
        occurred_on: entry.occurred_on,
        tags: entry.tags.clone(),
        markdown: redact(&markdown, redactions),
        excerpt,
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
    if version != VERSION {
        return Err(Error::ShareInvalid(format!(
            "It is a {format} file of version {version}; this Praxis reads version {VERSION}. Update Praxis to open it."
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
            if item.tags.len() > crate::journal::tags::MAX_TAGS {
                return Err(Error::ShareInvalid(format!(
                    "A shared entry has {} tags; an entry has at most {}. Nothing was stored.",
                    item.tags.len(),
                    crate::journal::tags::MAX_TAGS
                )));
            }
            for tag in &item.tags {
                check_length("A shared entry's tag", tag, MAX_ITEM_TAG_CHARS)?;
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
