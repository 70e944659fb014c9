-- Schema version 2: the full-text index. Shipped: never edit this file.
--
-- The index covers live entries only (not the trash). It reads its text from
-- a view of those entries, keyed by sort_key, so that hits arrive newest
-- first and FTS5's own 'rebuild' and 'integrity-check' see exactly the rows
-- that should be indexed.

CREATE VIEW live_entries AS
    SELECT sort_key, title, body, tags FROM entries WHERE deleted_at IS NULL;

CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, tags,
    content = 'live_entries',
    content_rowid = 'sort_key',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Titles and tags say more about an entry than any one word of its text.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0)');

CREATE TRIGGER entries_fts_after_insert AFTER INSERT ON entries
WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO entries_fts (rowid, title, body, tags)
    VALUES (new.sort_key, new.title, new.body, new.tags);
END;

CREATE TRIGGER entries_fts_after_delete AFTER DELETE ON entries
WHEN old.deleted_at IS NULL
BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, tags)
    VALUES ('delete', old.sort_key, old.title, old.body, old.tags);
END;

CREATE TRIGGER entries_fts_after_update AFTER UPDATE OF title, body, tags, sort_key, deleted_at ON entries
BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, tags)
    SELECT 'delete', old.sort_key, old.title, old.body, old.tags WHERE old.deleted_at IS NULL;
    INSERT INTO entries_fts (rowid, title, body, tags)
    SELECT new.sort_key, new.title, new.body, new.tags WHERE new.deleted_at IS NULL;
END;

-- Entries written under schema 1 become searchable.
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
