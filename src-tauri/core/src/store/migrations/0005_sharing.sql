-- Schema version 5: sharing with a coach. Shipped: never edit.

-- The people a participant may share with, by their age public key.
CREATE TABLE coaches (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    public_key     TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    -- The key before the last change, kept so the change can be shown.
    previous_key   TEXT,
    key_changed_at TEXT
);

-- The share log: what left, exactly as it left, to whom, and the file's
-- checksum. Never edited.
CREATE TABLE shares (
    id             TEXT PRIMARY KEY,
    sent_at        TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    recipient_keys TEXT NOT NULL,
    document       TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    armored        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER shares_are_never_edited BEFORE UPDATE ON shares
BEGIN
    SELECT RAISE(ABORT, 'The share log is never edited.');
END;

CREATE TRIGGER shares_are_never_deleted BEFORE DELETE ON shares
BEGIN
    SELECT RAISE(ABORT, 'The share log is never edited.');
END;

-- "Shared with me": shares opened by this person (a coach), read-only.
CREATE TABLE inbox (
    id          TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    sender_key  TEXT NOT NULL,
    document    TEXT NOT NULL,
    sha256      TEXT NOT NULL
) WITHOUT ROWID;

-- Which entry a coach_feedback entry comments on, and which reply it came in.
CREATE TABLE feedback_links (
    entry_id    INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    about_entry TEXT NOT NULL,
    feedback_id TEXT NOT NULL,
    UNIQUE (feedback_id, about_entry)
);

CREATE INDEX feedback_links_by_original ON feedback_links (about_entry);
