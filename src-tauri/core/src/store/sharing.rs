//! Sharing in the store: this person's sharing identity (kept inside the
//! encrypted journal, so the recovery key and every backup cover it), the
//! coaches, the share log (never edited), the "Shared with me" inbox, and
//! coach feedback stored as `coach_feedback` entries linked to the originals.
//!
//! Everything read from a file is decrypted and checked whole ([`seal::open`]
//! and [`parse_document`]) before one row is written.

use chrono::{DateTime, FixedOffset};
use rusqlite::{named_params, Connection, OptionalExtension};
use secrecy::ExposeSecret;
use serde::Serialize;

use super::entries::{insert_entry, load_entry};
use super::rows::{parse_stamp, stamp};
use super::{settings, Journal};
use crate::error::{Error, Result};
use crate::model::{Entry, EntryDraft, EntryId, Kind};
use crate::share::seal::{self, OpenWith, SealTo, SharingIdentity};
use crate::share::{
    item_from, parse_document, Document, FeedbackDocument, FeedbackItem, Redaction, Selection, Sender, ShareDocument,
    SharedExperiment, SharedOutcome, FEEDBACK_FORMAT, FEEDBACK_VERSION, SHARE_FORMAT, SHARE_VERSION,
};

const IDENTITY: &str = "sharing_identity";
const NAME: &str = "sharing_name";

/// A person the participant shares with.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coach {
    pub name: String,
    pub public_key: String,
    /// To read aloud and compare: `ABCD-EFGH-IJKL`.
    pub fingerprint: String,
    pub added_at: DateTime<FixedOffset>,
    /// Set when the key was changed: the one before.
    pub previous_key: Option<String>,
    pub key_changed_at: Option<DateTime<FixedOffset>>,
}

/// Who a share goes to.
pub enum ShareTo {
    /// A coach added before, by name.
    Coach(String),
    /// A public key given directly.
    Key(String),
    /// A passphrase (told to the coach some other way).
    Passphrase(secrecy::SecretString),
}

/// A share that was sealed and logged: the bytes to save as the file.
#[derive(Debug, Clone)]
pub struct SealedShare {
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub document: ShareDocument,
}

/// One line of the share log.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoggedShare {
    pub id: String,
    pub sent_at: DateTime<FixedOffset>,
    /// A coach's name, a public key, or "passphrase".
    pub recipient: String,
    pub recipient_keys: Vec<String>,
    pub sha256: String,
    pub armored: bool,
    /// The exact document that was encrypted.
    pub document: String,
}

/// A share someone sent, as stored in "Shared with me".
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboxShare {
    pub id: String,
    pub received_at: DateTime<FixedOffset>,
    pub sender_name: String,
    /// The key the file *says* it came from; age does not prove it.
    pub sender_key: String,
    pub sender_fingerprint: String,
    pub sha256: String,
    pub document: ShareDocument,
    /// It was in the inbox already (the same file opened again).
    pub already_stored: bool,
}

/// What importing a feedback reply did.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackImport {
    pub from: Sender,
    /// The new coach_feedback entries.
    pub added: Vec<EntryId>,
    pub already_imported: usize,
}

fn coach_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Coach> {
    let public_key: String = row.get(1)?;
    Ok(Coach {
        name: row.get(0)?,
        fingerprint: seal::fingerprint(&public_key),
        public_key,
        added_at: parse_stamp(&row.get::<_, String>(2)?)?,
        previous_key: row.get(3)?,
        key_changed_at: row.get::<_, Option<String>>(4)?.map(|t| parse_stamp(&t)).transpose()?,
    })
}

fn find_coach(conn: &Connection, name: &str) -> Result<Option<Coach>> {
    Ok(conn
        .query_row(
            "SELECT name, public_key, added_at, previous_key, key_changed_at FROM coaches WHERE name = :name",
            named_params! { ":name": name.trim() },
            coach_row,
        )
        .optional()?)
}

fn inbox_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<InboxShare> {
    let document: String = row.get(4)?;
    let sender_key: String = row.get(3)?;
    Ok(InboxShare {
        id: row.get(0)?,
        received_at: parse_stamp(&row.get::<_, String>(1)?)?,
        sender_name: row.get(2)?,
        sender_fingerprint: seal::fingerprint(&sender_key),
        sender_key,
        document: serde_json::from_str(&document)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e)))?,
        sha256: row.get(5)?,
        already_stored: false,
    })
}

/// Whether `text` matches `query` (every word, ignoring case).
fn matches(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    query.split_whitespace().all(|w| text.contains(&w.to_lowercase()))
}

impl Journal {
    /// This person's sharing identity, made the first time it is asked for.
    pub fn sharing_identity(&self) -> Result<SharingIdentity> {
        if let Some(secret) = self.read(|conn| settings::get(conn, IDENTITY))? {
            return SharingIdentity::parse(&secret);
        }
        self.write(|tx| {
            // Another window may have made it meanwhile: keep the first.
            if let Some(secret) = settings::get(tx, IDENTITY)? {
                return SharingIdentity::parse(&secret);
            }
            let identity = SharingIdentity::generate();
            settings::put(tx, IDENTITY, identity.to_secret().expose_secret())?;
            Ok(identity)
        })
    }

    /// The name shares are signed with (`from.name`); by default "A Praxis participant".
    pub fn sharing_name(&self) -> Result<String> {
        Ok(self.read(|conn| settings::get(conn, NAME))?.unwrap_or_else(|| crate::share::DEFAULT_SENDER_NAME.into()))
    }

    pub fn set_sharing_name(&self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::invalid("Give a name of 1 to 100 characters."));
        }
        self.write(|tx| settings::put(tx, NAME, name))
    }

    /// Adds a coach, or confirms one. A different key for a coach already
    /// known is refused unless `replace_key` is set: a changed key must be
    /// noticed, and is then kept as the previous key.
    pub fn add_coach(
        &self,
        name: &str,
        public_key: &str,
        replace_key: bool,
        now: DateTime<FixedOffset>,
    ) -> Result<Coach> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::invalid("Give the coach a name of 1 to 100 characters."));
        }
        let key = seal::parse_recipient(public_key)?.to_string();
        self.write(|tx| {
            match find_coach(tx, name)? {
                None => {
                    tx.execute(
                        "INSERT INTO coaches (name, public_key, added_at) VALUES (:name, :key, :now)",
                        named_params! { ":name": name, ":key": key, ":now": stamp(&now) },
                    )?;
                }
                Some(existing) if existing.public_key == key => {}
                Some(existing) if !replace_key => {
                    return Err(Error::conflict(format!(
                        "{} already has a different sharing key (fingerprint {}, added {}); the new one's fingerprint is {}. \
                         Check with {} that the key really changed, then add it again confirming the change.",
                        existing.name,
                        existing.fingerprint,
                        existing.added_at.format("%Y-%m-%d"),
                        seal::fingerprint(&key),
                        existing.name
                    )))
                }
                Some(existing) => {
                    tx.execute(
                        "UPDATE coaches SET public_key = :key, previous_key = :old, key_changed_at = :now WHERE name = :name",
                        named_params! { ":key": key, ":old": existing.public_key, ":now": stamp(&now), ":name": existing.name },
                    )?;
                }
            }
            find_coach(tx, name)?.ok_or_else(|| Error::invalid("The coach could not be saved."))
        })
    }

    pub fn list_coaches(&self) -> Result<Vec<Coach>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT name, public_key, added_at, previous_key, key_changed_at FROM coaches ORDER BY name COLLATE NOCASE",
            )?;
            let coaches = stmt.query_map([], coach_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(coaches)
        })
    }

    /// The document a share would carry: the selected entries or excerpts,
    /// with the structure of each whole experiment and outcome, redacted
    /// everywhere (see [`ShareDocument::redacted`]), with the note. This is
    /// what the preview shows, byte for byte, and what [`Journal::seal_share`]
    /// encrypts and logs.
    pub fn prepare_share(
        &self,
        selections: &[Selection],
        redactions: &[Redaction],
        note: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<ShareDocument> {
        if selections.is_empty() {
            return Err(Error::invalid("Choose at least one entry or excerpt to share."));
        }
        if selections.len() > crate::share::MAX_ITEMS {
            return Err(Error::out_of_range(format!("A share holds at most {} items.", crate::share::MAX_ITEMS)));
        }
        let identity = self.sharing_identity()?;
        let name = self.sharing_name()?;
        let mut items = self.read(|conn| {
            selections
                .iter()
                .map(|selection| {
                    let entry = load_entry(conn, selection.entry_id())?;
                    if entry.deleted_at.is_some() {
                        return Err(Error::EntryInTrash(entry.id.to_string()));
                    }
                    item_from(&entry, selection)
                })
                .collect::<Result<Vec<_>>>()
        })?;
        for (item, selection) in items.iter_mut().zip(selections) {
            if let Selection::Whole { .. } = selection {
                self.add_structure(item)?;
            }
        }
        ShareDocument {
            format: SHARE_FORMAT.into(),
            version: SHARE_VERSION,
            id: uuid::Uuid::new_v4().to_string(),
            created_at: now,
            from: Sender { name, public_key: identity.public_key() },
            note: note.trim().to_owned(),
            items,
        }
        .redacted(redactions)
    }

    /// Adds the structure of an experiment or outcome to its whole item. An
    /// entry of either kind without one (imported as plain text) stays text.
    fn add_structure(&self, item: &mut crate::share::ShareItem) -> Result<()> {
        match item.kind {
            Kind::Experiment => match self.get_experiment(item.entry_id) {
                Ok(experiment) => item.experiment = Some(SharedExperiment::of(&experiment)),
                Err(Error::NotAnExperiment(_)) => {}
                Err(other) => return Err(other),
            },
            Kind::Outcome => {
                if let Some(outcome) = self.get_outcome(item.entry_id)? {
                    let title = self.read(|conn| load_entry(conn, outcome.experiment))?.title;
                    item.outcome = Some(SharedOutcome::of(&outcome, &title));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Encrypts `document` exactly as it is (to a coach or key, and to this
    /// person's own key so they can reopen it; or to a passphrase) and writes
    /// the share log line in the same step. Returns the file's bytes.
    pub fn seal_share(
        &self,
        document: &ShareDocument,
        to: &ShareTo,
        armor: bool,
        now: DateTime<FixedOffset>,
    ) -> Result<SealedShare> {
        let identity = self.sharing_identity()?;
        if document.from.public_key != identity.public_key() {
            return Err(Error::conflict("This share was prepared with another sharing key. Prepare it again."));
        }
        let (recipient, keys, seal_to) = match to {
            ShareTo::Coach(name) => {
                let coach = self.read(|conn| find_coach(conn, name))?.ok_or_else(|| {
                    Error::not_found(format!("There is no coach named \"{}\".", crate::limits::excerpt(name)))
                })?;
                let key = seal::parse_recipient(&coach.public_key)?;
                (coach.name, vec![coach.public_key], SealTo::Recipients(vec![key, identity.recipient()]))
            }
            ShareTo::Key(text) => {
                let key = seal::parse_recipient(text)?;
                let label = key.to_string();
                (label.clone(), vec![label], SealTo::Recipients(vec![key, identity.recipient()]))
            }
            ShareTo::Passphrase(passphrase) => {
                if passphrase.expose_secret().chars().count() < 8 {
                    return Err(Error::invalid(
                        "Use a passphrase of at least 8 characters, or the six words Praxis suggests.",
                    ));
                }
                ("passphrase".to_owned(), Vec::new(), SealTo::Passphrase(passphrase.clone()))
            }
        };
        let plaintext = zeroize::Zeroizing::new(document.to_bytes());
        let bytes = seal::seal(&plaintext, &seal_to, armor)?;
        let sha256 = seal::sha256_hex(&bytes);
        let text = std::str::from_utf8(&plaintext).map_err(|e| Error::invalid(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO shares (id, sent_at, recipient, recipient_keys, document, sha256, armored)
                 VALUES (:id, :sent_at, :recipient, :keys, :document, :sha256, :armored)",
                named_params! {
                    ":id": document.id,
                    ":sent_at": stamp(&now),
                    ":recipient": recipient,
                    ":keys": keys.join(" "),
                    ":document": text,
                    ":sha256": sha256,
                    ":armored": armor,
                },
            )?;
            Ok(())
        })?;
        Ok(SealedShare { bytes, sha256, document: document.clone() })
    }

    /// The share log, newest first; `query` narrows it to shares whose
    /// recipient or content has every word.
    pub fn share_log(&self, query: Option<&str>) -> Result<Vec<LoggedShare>> {
        let all = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, sent_at, recipient, recipient_keys, sha256, armored, document FROM shares ORDER BY sent_at DESC",
            )?;
            let rows = stmt
                .query_map([], |row| {
                    Ok(LoggedShare {
                        id: row.get(0)?,
                        sent_at: parse_stamp(&row.get::<_, String>(1)?)?,
                        recipient: row.get(2)?,
                        recipient_keys: row.get::<_, String>(3)?.split(' ').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
                        sha256: row.get(4)?,
                        armored: row.get(5)?,
                        document: row.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })?;
        Ok(match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => all.into_iter().filter(|s| matches(&format!("{} {}", s.recipient, s.document), q)).collect(),
            None => all,
        })
    }

    /// Opens a share file and stores it in "Shared with me": decrypted and
    /// checked whole first; nothing is stored if any of it fails. Opening
    /// the same share again stores nothing new.
    pub fn receive_share(&self, file: &[u8], with: &OpenWith<'_>, now: DateTime<FixedOffset>) -> Result<InboxShare> {
        let plaintext = seal::open(file, with)?;
        let document = match parse_document(&plaintext)? {
            Document::Share(document) => document,
            Document::Feedback(_) => return Err(Error::invalid("This is a feedback reply, not a share.")),
        };
        let sha256 = seal::sha256_hex(file);
        let text = std::str::from_utf8(&plaintext).map_err(|_| Error::ShareInvalid("Its text is not UTF-8.".into()))?;
        self.write(|tx| {
            let existing = tx
                .query_row(
                    "SELECT id, received_at, sender_name, sender_key, document, sha256 FROM inbox WHERE id = :id",
                    named_params! { ":id": document.id },
                    inbox_row,
                )
                .optional()?;
            if let Some(mut existing) = existing {
                existing.already_stored = true;
                return Ok(existing);
            }
            tx.execute(
                "INSERT INTO inbox (id, received_at, sender_name, sender_key, document, sha256)
                 VALUES (:id, :now, :name, :key, :document, :sha256)",
                named_params! {
                    ":id": document.id,
                    ":now": stamp(&now),
                    ":name": document.from.name,
                    ":key": document.from.public_key,
                    ":document": text,
                    ":sha256": sha256,
                },
            )?;
            Ok(InboxShare {
                id: document.id.clone(),
                received_at: now,
                sender_name: document.from.name.clone(),
                sender_fingerprint: seal::fingerprint(&document.from.public_key),
                sender_key: document.from.public_key.clone(),
                sha256,
                document: document.clone(),
                already_stored: false,
            })
        })
    }

    /// "Shared with me", newest first, narrowed by `query` (every word, in
    /// the sender's name or the shared text).
    pub fn inbox(&self, query: Option<&str>) -> Result<Vec<InboxShare>> {
        let all = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, received_at, sender_name, sender_key, document, sha256 FROM inbox ORDER BY received_at DESC",
            )?;
            let rows = stmt.query_map([], inbox_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })?;
        Ok(match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => all
                .into_iter()
                .filter(|s| {
                    let text: String = s.document.items.iter().map(|i| i.searchable_text() + " ").collect();
                    matches(&format!("{} {} {text}", s.sender_name, s.document.note), q)
                })
                .collect(),
            None => all,
        })
    }

    /// A feedback reply to a share in the inbox, encrypted to the key the
    /// share came from (and to this person's own key). Each comment must be
    /// about an item of that share.
    pub fn feedback_reply(
        &self,
        share_id: &str,
        comments: &[FeedbackItem],
        note: &str,
        armor: bool,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<u8>> {
        let share = self
            .inbox(None)?
            .into_iter()
            .find(|s| s.id == share_id || (share_id.len() >= 8 && s.id.starts_with(share_id)))
            .ok_or_else(|| {
                Error::not_found(format!(
                    "There is no share \"{}\" in Shared with me.",
                    crate::limits::excerpt(share_id)
                ))
            })?;
        let comments: Vec<FeedbackItem> =
            comments.iter().filter(|c| !c.comment_markdown.trim().is_empty()).cloned().collect();
        if comments.is_empty() {
            return Err(Error::invalid("Write at least one comment before sending feedback."));
        }
        for comment in &comments {
            if !share.document.items.iter().any(|i| i.entry_id == comment.entry_id) {
                return Err(Error::conflict(format!("Entry {} is not part of this share.", comment.entry_id)));
            }
        }
        let identity = self.sharing_identity()?;
        let document = FeedbackDocument {
            format: FEEDBACK_FORMAT.into(),
            version: FEEDBACK_VERSION,
            id: uuid::Uuid::new_v4().to_string(),
            in_reply_to: Some(share.id.clone()),
            created_at: now,
            from: Sender { name: self.sharing_name()?, public_key: identity.public_key() },
            note: note.trim().to_owned(),
            items: comments,
        };
        let participant = seal::parse_recipient(&share.sender_key)?;
        let plaintext = zeroize::Zeroizing::new(document.to_bytes());
        seal::seal(&plaintext, &SealTo::Recipients(vec![participant, identity.recipient()]), armor)
    }

    /// Imports a feedback reply: each comment becomes a `coach_feedback`
    /// entry linked to the entry it is about. Decrypted and checked whole
    /// first; importing the same reply again adds nothing.
    pub fn import_feedback(&self, file: &[u8], now: DateTime<FixedOffset>) -> Result<FeedbackImport> {
        let identity = self.sharing_identity()?;
        let plaintext = seal::open(file, &OpenWith::Identity(&identity))?;
        let document = match parse_document(&plaintext)? {
            Document::Feedback(document) => document,
            Document::Share(_) => return Err(Error::invalid("This is a share, not a feedback reply.")),
        };
        let day = document.created_at.date_naive();
        self.write(|tx| {
            let mut added = Vec::new();
            let mut already = 0;
            for item in &document.items {
                let known: Option<i64> = tx
                    .query_row(
                        "SELECT entry_id FROM feedback_links WHERE feedback_id = :f AND about_entry = :e",
                        named_params! { ":f": document.id, ":e": item.entry_id },
                        |row| row.get(0),
                    )
                    .optional()?;
                if known.is_some() {
                    already += 1;
                    continue;
                }
                let about = load_entry(tx, item.entry_id).ok();
                let title = match &about {
                    Some(entry) => format!("Feedback from {} on \"{}\"", document.from.name, entry.title),
                    None => format!("Feedback from {}", document.from.name),
                };
                let mut draft = EntryDraft::new(
                    Kind::CoachFeedback,
                    title.chars().take(300).collect::<String>(),
                    &item.comment_markdown,
                );
                draft.occurred_on = Some(day);
                let draft = draft.validated()?;
                let id = EntryId::random();
                let row = insert_entry(tx, id, &draft, day, now, now, 1, None)?;
                tx.execute(
                    "INSERT INTO feedback_links (entry_id, about_entry, feedback_id) VALUES (:row, :about, :feedback)",
                    named_params! { ":row": row, ":about": item.entry_id, ":feedback": document.id },
                )?;
                added.push(id);
            }
            Ok(FeedbackImport { from: document.from.clone(), added, already_imported: already })
        })
    }

    /// The coach feedback on an entry, oldest first.
    pub fn feedback_on(&self, entry: EntryId) -> Result<Vec<Entry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT e.uuid FROM feedback_links f JOIN entries e ON e.id = f.entry_id
                 WHERE f.about_entry = :about AND e.deleted_at IS NULL ORDER BY e.created_at",
            )?;
            let ids = stmt
                .query_map(named_params! { ":about": entry }, |row| row.get::<_, EntryId>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids.into_iter().map(|id| load_entry(conn, id)).collect()
        })
    }
}
