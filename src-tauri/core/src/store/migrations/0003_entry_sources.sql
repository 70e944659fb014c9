-- Schema version 3: where imported entries came from. Shipped: never edit.
-- A row outlives its entry (entry_id becomes NULL when the entry is purged),
-- so importing the same source again never brings back what was deleted.
CREATE TABLE entry_sources (
    source     TEXT NOT NULL,
    source_key TEXT NOT NULL,
    entry_id   INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    PRIMARY KEY (source, source_key)
);

CREATE INDEX entry_sources_by_entry ON entry_sources (entry_id);
