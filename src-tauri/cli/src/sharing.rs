//! The sharing commands: coaches, `share`, `open`, the inbox and share log,
//! and feedback replies: their arguments, what they do and print. Files are
//! written under a temporary name and renamed, and only ever hold encrypted
//! bytes.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use chrono::{DateTime, FixedOffset};
use clap::{Args, Subcommand};
use praxis_core::limits::Capped;
use praxis_core::share::seal::{self, OpenWith, SharingIdentity};
use praxis_core::share::{FeedbackItem, Redaction, Selection, ShareDocument};
use praxis_core::{Journal, ShareTo};

use crate::args::Global;
use crate::context::{self, now};
use crate::print::{self, Empty};
use crate::unlock::read_secret_file;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Coaches you share with.
    Coach {
        #[command(subcommand)]
        action: CoachAction,
    },
    /// Share entries or excerpts with a coach, encrypted (age).
    Share(ShareArgs),
    /// Open a share file: show it and keep it in Shared with me.
    Open {
        file: PathBuf,
        /// An age identity file (age-keygen) instead of your own sharing key.
        #[arg(long, value_name = "FILE", conflicts_with = "passphrase_file")]
        identity_file: Option<PathBuf>,
        /// For a share protected by a passphrase: the passphrase, from this file.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Shares others sent you (Shared with me), newest first.
    Inbox {
        /// Only shares with every one of these words (a leading - is part of a word).
        #[arg(allow_hyphen_values = true)]
        query: Option<String>,
        /// Show each share whole: every item, with an experiment's expectation
        /// and an outcome's surprise.
        #[arg(long)]
        full: bool,
    },
    /// What you shared, when, with whom, exactly, with each file's SHA-256.
    ShareLog {
        /// Only shares with every one of these words (a leading - is part of a word).
        #[arg(allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Feedback replies: write one (coach), or import one (participant).
    Feedback {
        #[command(subcommand)]
        action: FeedbackAction,
    },
}

/// What to share and with whom (`praxis share`).
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// To a coach added with `praxis coach add`.
    #[arg(long, group = "recipient", value_name = "NAME")]
    pub coach: Option<String>,
    /// To this sharing key (age1…).
    #[arg(long, group = "recipient", value_name = "AGE1…")]
    pub to: Option<String>,
    /// To the passphrase in this file.
    #[arg(long, group = "recipient", value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// To six random words, printed once, to tell the coach by phone.
    #[arg(long, group = "recipient")]
    pub generate_passphrase: bool,
    /// A whole entry (repeat for several).
    #[arg(long = "entry", value_name = "ID")]
    pub entries: Vec<String>,
    /// Part of an entry: ID:START-END, in characters of its text.
    #[arg(long = "excerpt", value_name = "ID:START-END")]
    pub excerpts: Vec<String>,
    /// Replace words before they leave: FIND=REPLACE (e.g. "Sam Jones=S.J."); repeat for several.
    #[arg(long = "redact", value_name = "FIND=REPLACE")]
    pub redactions: Vec<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// ASCII armor, for pasting into an email.
    #[arg(long)]
    pub armor: bool,
    /// Print exactly what would leave, and write nothing.
    #[arg(long)]
    pub preview: bool,
    /// The file to write, or a folder (the name is then praxis-share-DATE.age).
    #[arg(long, value_name = "FILE", required_unless_present = "preview")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CoachAction {
    /// Add a coach by name and sharing key (age1…). A changed key is refused
    /// unless --replace-key confirms it.
    Add {
        name: String,
        public_key: String,
        #[arg(long)]
        replace_key: bool,
    },
    /// List coaches with their keys' fingerprints.
    List,
}

#[derive(Debug, Subcommand)]
pub enum FeedbackAction {
    /// Write a feedback reply to a share in Shared with me, encrypted to its sender.
    Reply {
        /// The share's id (`praxis inbox` lists them; the first 8 characters are enough).
        share_id: String,
        /// A comment on one shared entry: ENTRY_ID=TEXT (repeat for several).
        #[arg(long = "comment", value_name = "ENTRY_ID=TEXT", required = true)]
        comments: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        armor: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a coach's feedback reply: each comment becomes a coach_feedback
    /// entry beside the entry it is about.
    Import { file: PathBuf },
}

pub fn run(command: Command, global: &Global) -> Result<()> {
    let journal = context::journal(global)?;
    let json = global.json;
    match command {
        Command::Coach { action } => coach(&journal, action, json, now()),
        Command::Share(args) => share(&journal, args, json, now()),
        Command::Open { file, identity_file, passphrase_file } => {
            open(&journal, &file, identity_file.as_deref(), passphrase_file.as_deref(), json, now())
        }
        Command::Inbox { query, full } => inbox(&journal, query.as_deref(), full, json),
        Command::ShareLog { query } => share_log(&journal, query.as_deref(), json),
        Command::Feedback { action } => feedback(&journal, action, json, now()),
    }
}

/// The largest age identity file read (`age-keygen` writes about 200 bytes).
const MAX_IDENTITY_FILE_BYTES: u64 = 64 * 1024;

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(praxis_core::interchange::export::write_bytes_atomically(path, bytes)?)
}

/// A name that says nothing about what is inside: `praxis-share-2026-11-22.age`.
fn default_name(prefix: &str, now: DateTime<FixedOffset>, armor: bool) -> String {
    format!("{prefix}-{}.{}", now.format("%Y-%m-%d"), if armor { "age.txt" } else { "age" })
}

fn out_path(out: &Path, prefix: &str, now: DateTime<FixedOffset>, armor: bool) -> PathBuf {
    if out.is_dir() {
        out.join(default_name(prefix, now, armor))
    } else {
        out.to_path_buf()
    }
}

fn coach(journal: &Journal, action: CoachAction, json: bool, now: DateTime<FixedOffset>) -> Result<()> {
    let out = &mut std::io::stdout().lock();
    match action {
        CoachAction::Add { name, public_key, replace_key } => {
            let coach = journal.add_coach(&name, &public_key, replace_key, now)?;
            if json {
                print::json(out, &coach)?;
            } else {
                writeln!(out, "{} can now receive your shares. Key fingerprint: {}", coach.name, coach.fingerprint)?;
                if let Some(previous) = &coach.previous_key {
                    writeln!(out, "Their previous key ({}) will no longer be used.", seal::fingerprint(previous))?;
                }
            }
        }
        CoachAction::List => {
            let coaches = journal.list_coaches()?;
            let empty = Empty::Say("No coaches yet. Add one with `praxis coach add NAME age1…`.");
            print::listing(out, &coaches, json, empty, |c| {
                let changed =
                    c.key_changed_at.map(|t| format!("  (key changed {})", t.format("%Y-%m-%d"))).unwrap_or_default();
                format!("{:<24} {}  {}{changed}", c.name, c.fingerprint, c.public_key)
            })?;
        }
    }
    Ok(())
}

fn share(journal: &Journal, request: ShareArgs, json: bool, now: DateTime<FixedOffset>) -> Result<()> {
    let mut selections = Vec::new();
    for id in &request.entries {
        selections.push(Selection::Whole { entry_id: journal.resolve_id(id)? });
    }
    for text in &request.excerpts {
        let (id, start, end) = Selection::parse_excerpt(text)?;
        selections.push(Selection::Excerpt { entry_id: journal.resolve_id(&id)?, start, end });
    }
    let redactions = request
        .redactions
        .iter()
        .map(|r| {
            r.split_once('=')
                .map(|(find, replace)| Redaction { find: find.to_owned(), replace: replace.to_owned() })
                .ok_or_else(|| anyhow!("\"{r}\" is not a redaction: write FIND=REPLACE, e.g. \"Sam Jones=S.J.\"."))
        })
        .collect::<Result<Vec<_>>>()?;
    let document = journal.prepare_share(&selections, &redactions, &request.note, now)?;
    let out = &mut std::io::stdout().lock();
    if request.preview {
        out.write_all(&document.to_bytes())?;
        writeln!(out)?;
        return Ok(());
    }
    let mut generated = None;
    let chosen = match (request.coach, request.to, &request.passphrase_file) {
        (Some(name), _, _) => Some(ShareTo::Coach(name)),
        (_, Some(key), _) => Some(ShareTo::Key(key)),
        (_, _, Some(file)) => Some(ShareTo::Passphrase(read_secret_file(file)?)),
        _ => None,
    };
    let to = match (chosen, request.generate_passphrase) {
        (Some(to), _) => to,
        (None, true) => {
            let words = seal::generate_passphrase()?;
            generated = Some(seal::expose(&words).to_owned());
            ShareTo::Passphrase(words)
        }
        (None, false) => {
            return Err(anyhow!(
                "Say who the share is for: --coach NAME, --to age1…, --passphrase-file F or --generate-passphrase."
            ))
        }
    };
    let path = out_path(request.out.as_deref().unwrap_or(Path::new(".")), "praxis-share", now, request.armor);
    let sealed = journal.seal_share(&document, &to, request.armor, now)?;
    write_file(&path, &sealed.bytes)?;
    if json {
        print::json(
            out,
            &serde_json::json!({
                "file": path, "sha256": sealed.sha256, "id": sealed.document.id,
                "items": sealed.document.items.len(), "passphrase": generated,
            }),
        )?;
    } else {
        writeln!(
            out,
            "Shared {} item(s) in {} (SHA-256 {}).",
            sealed.document.items.len(),
            path.display(),
            sealed.sha256
        )?;
        if let Some(words) = generated {
            writeln!(out, "Tell your coach this passphrase by phone, not in the same email: {words}")?;
        }
    }
    Ok(())
}

fn open(
    journal: &Journal,
    file: &Path,
    identity_file: Option<&Path>,
    passphrase_file: Option<&Path>,
    json: bool,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    // Refused by its length before it is read: a file of gigabytes costs nothing.
    let bytes = seal::read_file(file)?;
    let own;
    let given;
    let with = match (identity_file, passphrase_file) {
        (_, Some(p)) => OpenWith::Passphrase(read_secret_file(p)?),
        (Some(f), None) => {
            let text = match praxis_core::limits::read_capped(f, MAX_IDENTITY_FILE_BYTES)
                .with_context(|| format!("Could not read {}", f.display()))?
            {
                Capped::Bytes(bytes) => String::from_utf8(bytes)
                    .map_err(|_| anyhow!("{} is not an age identity file: it is not text.", f.display()))?,
                Capped::TooLarge { .. } => {
                    return Err(anyhow!(
                        "{} is not an age identity file: it is larger than {} KB.",
                        f.display(),
                        MAX_IDENTITY_FILE_BYTES / 1024
                    ))
                }
            };
            given = vec![SharingIdentity::parse(&text)?];
            OpenWith::Identities(&given)
        }
        (None, None) => {
            own = journal.sharing_identity()?;
            OpenWith::Identity(&own)
        }
    };
    let share = journal.receive_share(&bytes, &with, now)?;
    let out = &mut std::io::stdout().lock();
    if json {
        return print::json(out, &share);
    }
    writeln!(
        out,
        "From {} — not verified: the file says it came from key {} (fingerprint {}).",
        share.sender_name, share.sender_key, share.sender_fingerprint
    )?;
    writeln!(
        out,
        "Share {} · {} item(s){}",
        share.id,
        share.document.items.len(),
        if share.already_stored { " · already in Shared with me" } else { "" }
    )?;
    write!(out, "{}", Document(&share.document))?;
    Ok(())
}

/// A share as a coach reads it: the note, then each item; an experiment's
/// expectation before what happened, an outcome's facts before the surprise.
struct Document<'a>(&'a ShareDocument);

impl fmt::Display for Document<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let document = self.0;
        if !document.note.is_empty() {
            writeln!(out, "\nNote: {}", document.note)?;
        }
        for item in &document.items {
            writeln!(
                out,
                "\n## {}{} ({}, {})\n",
                item.title,
                if item.excerpt { " — excerpt" } else { "" },
                item.kind,
                item.occurred_on
            )?;
            if !item.tags.is_empty() {
                writeln!(out, "Tags: {}\n", item.tags.join(", "))?;
            }
            if let Some(x) = &item.experiment {
                writeln!(out, "Status: {}  ·  from {} to the review on {}", x.status, x.starts_on, x.review_on)?;
                match x.locked_at {
                    Some(at) => writeln!(out, "What they expected was locked on {}.", at.format("%Y-%m-%d %H:%M %:z"))?,
                    None => writeln!(out, "Not started yet: what they expect can still change.")?,
                }
                writeln!(out, "\n### What they expected\n")?;
                let field = |label: &str, text: &str| format!("{label}: {}", if text.is_empty() { "—" } else { text });
                writeln!(out, "{}", field("Hypothesis", &x.hypothesis))?;
                writeln!(out, "{}", field("Planned action", &x.planned_action))?;
                writeln!(out, "{}", field("Expected outcome", &x.expected_outcome))?;
                writeln!(out, "{}", field("It worked if", &x.success_signals))?;
                writeln!(out, "{}", field("It did not work if", &x.failure_signals))?;
                let outcomes: Vec<_> = document
                    .items
                    .iter()
                    .filter(|o| o.outcome.as_ref().is_some_and(|o| o.experiment.entry_id == item.entry_id))
                    .collect();
                if !outcomes.is_empty() {
                    writeln!(out, "\n### What actually happened\n")?;
                    for o in outcomes {
                        writeln!(out, "- {} ({}): see below", o.title, o.occurred_on)?;
                    }
                }
                if !x.learning.is_empty() || !x.next_step.is_empty() {
                    writeln!(out, "\n### What they learnt\n")?;
                    writeln!(out, "{}", field("Learning", &x.learning))?;
                    writeln!(out, "{}", field("Next step", &x.next_step))?;
                }
                if !item.markdown.trim().is_empty() {
                    writeln!(out, "\n### Notes\n\n{}", item.markdown)?;
                }
            } else if let Some(o) = &item.outcome {
                writeln!(out, "An outcome of the experiment \"{}\".\n", o.experiment.title)?;
                writeln!(out, "### What actually happened\n\n{}", o.happened)?;
                if !o.surprised.is_empty() {
                    writeln!(out, "\nWhat surprised them: {}", o.surprised)?;
                }
                if !o.why_different.is_empty() {
                    writeln!(out, "Why it differed: {}", o.why_different)?;
                }
            } else {
                writeln!(out, "{}", item.markdown)?;
            }
            writeln!(out, "\n(entry {})", item.entry_id)?;
        }
        Ok(())
    }
}

fn inbox(journal: &Journal, query: Option<&str>, full: bool, json: bool) -> Result<()> {
    let shares = journal.inbox(query)?;
    let out = &mut std::io::stdout().lock();
    let empty = Empty::Say("Nothing here. `praxis open FILE` opens a share someone sent you.");
    print::listing(out, &shares, json, empty, |s| {
        let line = format!(
            "{}  {}  from {} (not verified, {})  {} item(s)",
            &s.id[..8],
            s.received_at.format("%Y-%m-%d"),
            s.sender_name,
            s.sender_fingerprint,
            s.document.items.len()
        );
        // Whole, the share follows its line, and a blank line ends it.
        if full {
            format!("{line}\n{}", Document(&s.document))
        } else {
            line
        }
    })
}

fn share_log(journal: &Journal, query: Option<&str>, json: bool) -> Result<()> {
    let log = journal.share_log(query)?;
    let out = &mut std::io::stdout().lock();
    print::listing(out, &log, json, Empty::Say("You have not shared anything."), |s| {
        format!("{}  {}  to {}  sha256 {}", &s.id[..8], s.sent_at.format("%Y-%m-%d %H:%M"), s.recipient, s.sha256)
    })
}

fn feedback(journal: &Journal, action: FeedbackAction, json: bool, now: DateTime<FixedOffset>) -> Result<()> {
    let out = &mut std::io::stdout().lock();
    match action {
        FeedbackAction::Reply { share_id, comments, note, armor, out: target } => {
            let items = comments
                .iter()
                .map(|c| {
                    let (id, text) =
                        c.split_once('=').ok_or_else(|| anyhow!("\"{c}\" is not a comment: write ENTRY_ID=TEXT."))?;
                    Ok(FeedbackItem {
                        entry_id: id
                            .trim()
                            .parse()
                            .map_err(|_| anyhow!("\"{id}\" is not an entry id from this share."))?,
                        comment_markdown: text.to_owned(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let bytes = journal.feedback_reply(&share_id, &items, &note, armor, now)?;
            let path = out_path(&target, "praxis-feedback", now, armor);
            write_file(&path, &bytes)?;
            if json {
                print::json(out, &serde_json::json!({ "file": path, "sha256": seal::sha256_hex(&bytes) }))?;
            } else {
                writeln!(out, "Wrote your feedback to {}, encrypted for the person who shared.", path.display())?;
            }
        }
        FeedbackAction::Import { file } => {
            let bytes = seal::read_file(&file)?;
            let imported = journal.import_feedback(&bytes, now)?;
            if json {
                print::json(out, &imported)?;
            } else {
                writeln!(
                    out,
                    "Added {} comment(s) from {} beside your entries; {} were already here.",
                    imported.added.len(),
                    imported.from.name,
                    imported.already_imported
                )?;
            }
        }
    }
    Ok(())
}
