//! Reminders while the app runs: an experiment's review on the day it is
//! due (or the first day the app runs after it), and a peer session the day
//! before (or on the day). Each is shown once; what was shown is kept in
//! `reminders_sent`, so a restart does not show it again.
//!
//! The notices are discreet on purpose: a notification can appear on a
//! locked screen, so it names no experiment or group and quotes nothing
//! written.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use rusqlite::{named_params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::rows::stamp;
use super::Journal;
use crate::error::Result;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Review,
    Session,
}

/// Something to remind the person of, not shown yet.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// What makes it shown once: the experiment and its review date, or
    /// the session and its date.
    pub key: String,
    pub kind: ReminderKind,
    /// The review date, or the session's date.
    pub on: NaiveDate,
}

/// One OS notification.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub title: String,
    pub body: String,
    /// The reminders it stands for: mark them shown once it was.
    pub keys: Vec<String>,
}

impl Journal {
    /// The reminders due on `day` that were not shown yet: reviews due or
    /// overdue of experiments still open, sessions today or tomorrow.
    pub fn pending_reminders(&self, day: NaiveDate) -> Result<Vec<Reminder>> {
        let (reviews, sessions) = self.due(day)?;
        let mut due: Vec<Reminder> = reviews
            .iter()
            .map(|x| Reminder {
                key: format!("review:{}:{}", x.id, x.review_on),
                kind: ReminderKind::Review,
                on: x.review_on,
            })
            .collect();
        due.extend(sessions.iter().map(|s| Reminder {
            key: format!("session:{}:{}", s.id, s.held_on),
            kind: ReminderKind::Session,
            on: s.held_on,
        }));
        self.read(|conn| {
            let mut sent = conn.prepare_cached("SELECT 1 FROM reminders_sent WHERE key = :key")?;
            let mut pending = Vec::with_capacity(due.len());
            for reminder in due {
                let shown = sent.query_row(named_params! { ":key": reminder.key }, |_| Ok(())).optional()?.is_some();
                if !shown {
                    pending.push(reminder);
                }
            }
            Ok(pending)
        })
    }

    /// Records that these reminders were shown.
    pub fn mark_reminded(&self, keys: &[String], now: DateTime<FixedOffset>) -> Result<()> {
        self.write(|tx| {
            let mut insert =
                tx.prepare_cached("INSERT OR IGNORE INTO reminders_sent (key, sent_at) VALUES (:key, :at)")?;
            for key in keys {
                insert.execute(named_params! { ":key": key, ":at": stamp(&now) })?;
            }
            Ok(())
        })
    }
}

/// The notifications for `pending` on `day`: one for all the reviews, one
/// per session.
pub fn reminder_notices(pending: &[Reminder], day: NaiveDate) -> Vec<Notice> {
    let mut out = Vec::new();
    let reviews: Vec<&Reminder> = pending.iter().filter(|r| r.kind == ReminderKind::Review).collect();
    if !reviews.is_empty() {
        let title = match reviews.len() {
            1 => "An experiment's review is due".to_string(),
            n => format!("{n} experiment reviews are due"),
        };
        out.push(Notice {
            title,
            body: "Open Today in Praxis to see what you expected and record what happened.".into(),
            keys: reviews.iter().map(|r| r.key.clone()).collect(),
        });
    }
    let tomorrow = day.checked_add_days(Days::new(1)).unwrap_or(day);
    for session in pending.iter().filter(|r| r.kind == ReminderKind::Session) {
        let when = if session.on == tomorrow { "tomorrow" } else { "today" };
        out.push(Notice {
            title: format!("A peer session is {when}"),
            body: "Your prep sheet is waiting in Praxis, with your commitments from last time.".into(),
            keys: vec![session.key.clone()],
        });
    }
    out
}
