-- The timeline's shape (entries per day) and its pages, read from indexes
-- alone: without them both walk every live row, and so (encrypted) decrypt
-- most of the file, to count 100,000 entries or to skip to the 50,000th.
CREATE INDEX entries_live_days ON entries (occurred_on, sort_key, kind, starred) WHERE deleted_at IS NULL;
CREATE INDEX entries_live_order ON entries (sort_key, kind, starred) WHERE deleted_at IS NULL;
