//! Reminders while the app runs, as OS notifications: an experiment's review
//! on the day it is due, a peer session the day before. No daemon: a thread
//! of this process looks once a minute, and only while the journal is open,
//! not locked and not read-only. What to remind and what was shown is the core's
//! (`Journal::pending_reminders`, `mark_reminded`); this shows the notices.

use std::time::Duration;

use chrono::Local;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::AppState;

/// How often the thread looks for a reminder that is due.
const EVERY: Duration = Duration::from_secs(60);
/// Started once the window has shown its first page and the journal's
/// health check has run (see `run`).
pub fn start<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || loop {
        remind(&app);
        std::thread::sleep(EVERY);
    });
}

fn remind<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    // Locked or not open yet: nothing is shown until it is. A damaged
    // journal (opened read-only) could not note a reminder as shown, so it
    // would come back every minute: the window's banner speaks instead.
    let Ok(journal) = state.journal_in_background() else { return };
    if journal.is_read_only() {
        return;
    }
    let now = Local::now();
    let pending = match journal.pending_reminders(now.date_naive()) {
        Ok(pending) => pending,
        Err(err) => {
            eprintln!("Praxis could not look for reminders: {err}");
            return;
        }
    };
    for notice in praxis_core::reminder_notices(&pending, now.date_naive()) {
        let shown = app.notification().builder().title(&notice.title).body(&notice.body).show();
        match shown {
            Ok(()) => {
                if let Err(err) = journal.mark_reminded(&notice.keys, now.fixed_offset()) {
                    eprintln!("Praxis could not note a reminder as shown: {err}");
                }
            }
            Err(err) => eprintln!("Praxis could not show a reminder: {err}"),
        }
    }
}
