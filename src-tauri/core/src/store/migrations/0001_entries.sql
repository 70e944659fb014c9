-- Schema version 1: entries, tags, revisions. Shipped: never edit this file;
-- add a new numbered migration instead.

PRAGMA application_id = 1347573843; -- 'PRXS'

CREATE TABLE entries (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    -- Orders entries by the day they are about, then by arrival on that day:
    -- (days since 0001-01-01) << 24 | sequence. Full-text hits come back in
    -- this order for free, which keeps "newest first" cheap at any size.
    sort_key    INTEGER NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('reflection', 'experiment', 'outcome',
                                                 'session_prep', 'session_notes', 'coach_feedback')),
    title       TEXT    NOT NULL,
    -- Normalised tags joined by single spaces: what lists show and the index reads.
    tags        TEXT    NOT NULL DEFAULT '',
    occurred_on TEXT    NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  TEXT    NOT NULL, -- RFC 3339 with the writer's offset
    updated_at  TEXT    NOT NULL,
    starred     INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    revision    INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    deleted_at  TEXT,
    -- Last, so that reading the narrow list columns never walks a long text.
    body        TEXT    NOT NULL
);

CREATE INDEX entries_live_by_kind ON entries (kind, sort_key) WHERE deleted_at IS NULL;
CREATE INDEX entries_live_starred ON entries (sort_key) WHERE deleted_at IS NULL AND starred = 1;
CREATE INDEX entries_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE entry_tags (
    tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, entry_id)
) WITHOUT ROWID;

CREATE INDEX entry_tags_by_entry ON entry_tags (entry_id);

-- Earlier versions of an entry; the current one lives in `entries`.
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    tags        TEXT    NOT NULL,
    occurred_on TEXT    NOT NULL,
    starred     INTEGER NOT NULL,
    saved_at    TEXT    NOT NULL,
    UNIQUE (entry_id, revision)
);
