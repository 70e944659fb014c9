-- Schema version 8: action learning. Projects; experiments and outcomes as
-- structure beside their entries; peer sessions and their commitments.
-- Shipped: never edit this file; add a new numbered migration instead.

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    challenge   TEXT    NOT NULL DEFAULT '',
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('active', 'paused', 'finished')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    CHECK (ends_on >= starts_on)
);

-- An entry belongs to at most one project. Deleting a project removes the
-- links only: its entries stay, without a project.
CREATE TABLE entry_projects (
    entry_id   INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE
);
CREATE INDEX entry_projects_by_project ON entry_projects (project_id);

-- The structure of an entry of kind 'experiment'.
CREATE TABLE experiments (
    entry_id         INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    hypothesis       TEXT    NOT NULL,
    planned_action   TEXT    NOT NULL DEFAULT '',
    expected_outcome TEXT    NOT NULL DEFAULT '',
    success_signals  TEXT    NOT NULL DEFAULT '',
    failure_signals  TEXT    NOT NULL DEFAULT '',
    starts_on        TEXT    NOT NULL,
    review_on        TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('planned', 'running', 'observed', 'concluded', 'abandoned')),
    -- Set when the experiment starts; the expectation is read-only after.
    locked_at        TEXT,
    learning         TEXT    NOT NULL DEFAULT '',
    next_step        TEXT    NOT NULL DEFAULT '',
    grew_from        INTEGER REFERENCES experiments (entry_id) ON DELETE SET NULL,
    CHECK (review_on >= starts_on),
    CHECK (status = 'planned' OR locked_at IS NOT NULL OR status = 'abandoned')
);
CREATE INDEX experiments_by_review ON experiments (review_on) WHERE status IN ('planned', 'running', 'observed');
CREATE INDEX experiments_by_parent ON experiments (grew_from) WHERE grew_from IS NOT NULL;

-- The lock, kept by the database itself: whatever writes to the file, a
-- locked expectation and its time stay as they were.
CREATE TRIGGER experiments_expectation_locked
BEFORE UPDATE ON experiments
WHEN OLD.locked_at IS NOT NULL AND (
       NEW.locked_at IS NOT OLD.locked_at
    OR NEW.hypothesis IS NOT OLD.hypothesis
    OR NEW.planned_action IS NOT OLD.planned_action
    OR NEW.expected_outcome IS NOT OLD.expected_outcome
    OR NEW.success_signals IS NOT OLD.success_signals
    OR NEW.failure_signals IS NOT OLD.failure_signals
    OR NEW.starts_on IS NOT OLD.starts_on)
BEGIN
    SELECT RAISE(ABORT, 'praxis: expectation locked');
END;

-- Every status an experiment had, with its time. Append only.
CREATE TABLE experiment_events (
    id            INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments (entry_id) ON DELETE CASCADE,
    status        TEXT    NOT NULL,
    at            TEXT    NOT NULL,
    retry         INTEGER NOT NULL DEFAULT 0 CHECK (retry IN (0, 1))
);
CREATE INDEX experiment_events_by_experiment ON experiment_events (experiment_id);
CREATE TRIGGER experiment_events_append_only
BEFORE UPDATE ON experiment_events
BEGIN
    SELECT RAISE(ABORT, 'praxis: status history is append only');
END;

-- The structure of an entry of kind 'outcome': the entry's text is what
-- actually happened.
CREATE TABLE outcomes (
    entry_id      INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    experiment_id INTEGER NOT NULL REFERENCES experiments (entry_id) ON DELETE CASCADE,
    surprised     TEXT    NOT NULL DEFAULT '',
    why_different TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outcomes_by_experiment ON outcomes (experiment_id);

CREATE TABLE peer_sessions (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    held_on     TEXT    NOT NULL,
    group_name  TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('presenter', 'questioner')),
    project_id  INTEGER REFERENCES projects (id) ON DELETE SET NULL,
    issue       TEXT    NOT NULL DEFAULT '',
    question    TEXT    NOT NULL DEFAULT '',
    prep_entry  INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    insights    TEXT    NOT NULL DEFAULT '',
    notes_entry INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX peer_sessions_by_day ON peer_sessions (held_on);

CREATE TABLE commitments (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES peer_sessions (id) ON DELETE CASCADE,
    what       TEXT    NOT NULL,
    due_on     TEXT,
    status     TEXT    NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    closed_at  TEXT,
    created_at TEXT    NOT NULL
);
CREATE INDEX commitments_open ON commitments (due_on) WHERE status = 'open';

-- An experiment or an outcome keeps its kind: its structure would
-- otherwise hang off an entry that no longer says what it is.
CREATE TRIGGER entries_structured_kind_fixed
BEFORE UPDATE OF kind ON entries
WHEN NEW.kind IS NOT OLD.kind AND (
       EXISTS (SELECT 1 FROM experiments WHERE entry_id = OLD.id)
    OR EXISTS (SELECT 1 FROM outcomes WHERE entry_id = OLD.id))
BEGIN
    SELECT RAISE(ABORT, 'praxis: structured kind fixed');
END;
