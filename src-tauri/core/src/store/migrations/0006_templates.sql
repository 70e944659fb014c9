-- Schema version 6: the person's own templates, one per kind. A kind with no
-- row here starts from the template built into Praxis (store/templates.rs),
-- so improvements to the built-in prompts reach everyone who did not write
-- their own. Shipped: never edit.
CREATE TABLE templates (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('reflection', 'experiment', 'outcome',
                                               'session_prep', 'session_notes', 'coach_feedback')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
