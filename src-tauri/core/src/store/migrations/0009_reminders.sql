-- The reminders the desktop app has shown, so each shows once: an
-- experiment's review (keyed by experiment and review date) and the day
-- before a peer session (keyed by session and date).
CREATE TABLE reminders_sent (
    key     TEXT NOT NULL PRIMARY KEY,
    sent_at TEXT NOT NULL
) WITHOUT ROWID;
