//! Templates: the reflective prompts each kind of entry starts from. The
//! built-in ones follow the models the programme teaches (Gibbs for a
//! reflection, Kolb for an experiment, the After Action Review for an
//! outcome, the set format for session prep); the person may replace any of
//! them with their own, which is stored in the journal.

use chrono::{DateTime, FixedOffset};
use rusqlite::{named_params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::rows::{parse_stamp, stamp};
use super::Journal;
use crate::error::{Error, Result};
use crate::model::Kind;

/// A template longer than this is surely a pasted entry, not a template.
pub const MAX_TEMPLATE_CHARS: usize = 20_000;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub kind: Kind,
    pub body: String,
    /// True while the kind uses the template built into Praxis.
    pub built_in: bool,
    /// When the person last changed it; `None` for a built-in one.
    pub updated_at: Option<DateTime<FixedOffset>>,
}

/// The template Praxis ships for `kind`.
pub fn built_in_template(kind: Kind) -> &'static str {
    match kind {
        // Gibbs' reflective cycle.
        Kind::Reflection => {
            "## What happened?\n\n\n## What was I thinking and feeling?\n\n\n## What was good and bad about it?\n\n\n\
             ## What sense can I make of it?\n\n\n## What else could I have done?\n\n\n## If it happened again, I would…\n\n"
        }
        // Kolb's cycle, ending in the next experiment.
        Kind::Experiment => {
            "## What I noticed\n\n\n## What I make of it\n\n\n## The idea I want to test\n\n\n\
             ## If I …, I expect …\n\n\n## It worked if I see…\n\n\n## It did not work if I see…\n\n"
        }
        // The After Action Review's four questions.
        Kind::Outcome => {
            "## What did I expect to happen?\n\n\n## What actually happened?\n\n\n## Why was there a difference?\n\n\n\
             ## What will I keep, and what will I change?\n\n"
        }
        // The set format of a peer session.
        Kind::SessionPrep => {
            "## My issue in one sentence\n\n\n## Update since last time\n\n\n## The question I bring to the group\n\n"
        }
        Kind::SessionNotes => {
            "## What was said\n\n\n## What struck me\n\n\n## What I commit to (what, by when)\n\n- [ ] \n"
        }
        Kind::CoachFeedback => "",
    }
}

fn built_in(kind: Kind) -> Template {
    Template { kind, body: built_in_template(kind).to_string(), built_in: true, updated_at: None }
}

fn load(conn: &rusqlite::Connection, kind: Kind) -> Result<Template> {
    let own: Option<(String, String)> = conn
        .query_row(
            "SELECT body, updated_at FROM templates WHERE kind = :kind",
            named_params! { ":kind": kind },
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match own {
        Some((body, at)) => Ok(Template { kind, body, built_in: false, updated_at: Some(parse_stamp(&at)?) }),
        None => Ok(built_in(kind)),
    }
}

impl Journal {
    /// One template for every kind, in the order kinds are listed.
    pub fn templates(&self) -> Result<Vec<Template>> {
        self.read(|conn| Kind::ALL.iter().map(|&kind| load(conn, kind)).collect())
    }

    /// The template a new entry of `kind` starts from.
    pub fn template(&self, kind: Kind) -> Result<Template> {
        self.read(|conn| load(conn, kind))
    }

    /// Replaces the template of `kind` with the person's own text. Saving
    /// the built-in text again goes back to the built-in template.
    pub fn set_template(&self, kind: Kind, body: &str, now: DateTime<FixedOffset>) -> Result<Template> {
        if body.chars().count() > MAX_TEMPLATE_CHARS {
            return Err(Error::out_of_range(format!(
                "This template is longer than {MAX_TEMPLATE_CHARS} characters. Shorten it: a template holds prompts, not an entry."
            )));
        }
        if body == built_in_template(kind) {
            return self.reset_template(kind);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO templates (kind, body, updated_at) VALUES (:kind, :body, :now)
                 ON CONFLICT (kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                named_params! { ":kind": kind, ":body": body, ":now": stamp(&now) },
            )?;
            load(tx, kind)
        })
    }

    /// Goes back to the template built into Praxis for `kind`.
    pub fn reset_template(&self, kind: Kind) -> Result<Template> {
        self.write(|tx| {
            tx.execute("DELETE FROM templates WHERE kind = :kind", named_params! { ":kind": kind })?;
            Ok(built_in(kind))
        })
    }
}
