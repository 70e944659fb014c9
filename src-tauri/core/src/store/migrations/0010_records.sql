-- Schema version 10: the record model's bookkeeping (src-tauri/core/src/records.rs),
-- and the day an action happened when it is written down later.
-- Shipped: never edit this file; add a new numbered migration instead.

-- This copy of the journal's name for itself in `record_changes.device`.
-- Never exported: a journal moved to another computer through an export
-- gets that computer's own.
INSERT OR IGNORE INTO settings (name, value) VALUES ('device_id', lower(hex(randomblob(16))));

-- When, and on which device, each record last changed: what an export
-- carries with every record, and what merging copies by id compares.
-- Kept by the triggers below, whatever writes to the file; an import sets
-- it to the values the record travelled with.
CREATE TABLE record_changes (
    type       TEXT NOT NULL,
    id         TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    device     TEXT NOT NULL,
    PRIMARY KEY (type, id)
) WITHOUT ROWID;

-- The day an experiment's move happened, when the person gave one (`--on`);
-- `at` stays the time it was written down.
ALTER TABLE experiment_events ADD COLUMN happened_on TEXT
    CHECK (happened_on IS NULL OR happened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
-- Likewise the day a commitment was done or dropped; `closed_at` is when
-- that was written down.
ALTER TABLE commitments ADD COLUMN closed_on TEXT
    CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Rows written before this version count as changed now, on this device.
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'entry', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'project', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM projects;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'experiment', e.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id')
    FROM experiments AS x JOIN entries AS e ON e.id = x.entry_id;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'outcome', e.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id')
    FROM outcomes AS o JOIN entries AS e ON e.id = o.entry_id;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'session', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM peer_sessions;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'commitment', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM commitments;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'coach', lower(name), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM coaches;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'share', id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM shares;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'inbox', id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM inbox;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'template', kind, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM templates;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'setting', name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM settings;
INSERT INTO record_changes (type, id, changed_at, device)
    SELECT 'import_source', source || '/' || source_key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entry_sources;

-- Entries: their text, tags, trash state, project and feedback link.
CREATE TRIGGER entries_changed_insert AFTER INSERT ON entries BEGIN
    INSERT INTO record_changes VALUES ('entry', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER entries_changed_update AFTER UPDATE ON entries BEGIN
    INSERT INTO record_changes VALUES ('entry', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER entries_changed_delete AFTER DELETE ON entries BEGIN
    DELETE FROM record_changes WHERE type IN ('entry', 'experiment', 'outcome') AND id = old.uuid;
END;
CREATE TRIGGER entry_projects_changed_insert AFTER INSERT ON entry_projects BEGIN
    INSERT INTO record_changes SELECT 'entry', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER entry_projects_changed_update AFTER UPDATE ON entry_projects BEGIN
    INSERT INTO record_changes SELECT 'entry', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER entry_projects_changed_delete AFTER DELETE ON entry_projects BEGIN
    INSERT INTO record_changes SELECT 'entry', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = old.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER feedback_links_changed_insert AFTER INSERT ON feedback_links BEGIN
    INSERT INTO record_changes SELECT 'entry', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;

CREATE TRIGGER projects_changed_insert AFTER INSERT ON projects BEGIN
    INSERT INTO record_changes VALUES ('project', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER projects_changed_update AFTER UPDATE ON projects BEGIN
    INSERT INTO record_changes VALUES ('project', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER projects_changed_delete AFTER DELETE ON projects BEGIN
    DELETE FROM record_changes WHERE type = 'project' AND id = old.uuid;
END;

-- An experiment: its expectation, status, learning, and its status history.
CREATE TRIGGER experiments_changed_insert AFTER INSERT ON experiments BEGIN
    INSERT INTO record_changes SELECT 'experiment', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER experiments_changed_update AFTER UPDATE ON experiments BEGIN
    INSERT INTO record_changes SELECT 'experiment', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER experiment_events_changed_insert AFTER INSERT ON experiment_events BEGIN
    INSERT INTO record_changes SELECT 'experiment', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.experiment_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER outcomes_changed_insert AFTER INSERT ON outcomes BEGIN
    INSERT INTO record_changes SELECT 'outcome', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER outcomes_changed_update AFTER UPDATE ON outcomes BEGIN
    INSERT INTO record_changes SELECT 'outcome', uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id') FROM entries WHERE id = new.entry_id
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;

CREATE TRIGGER peer_sessions_changed_insert AFTER INSERT ON peer_sessions BEGIN
    INSERT INTO record_changes VALUES ('session', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER peer_sessions_changed_update AFTER UPDATE ON peer_sessions BEGIN
    INSERT INTO record_changes VALUES ('session', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER peer_sessions_changed_delete AFTER DELETE ON peer_sessions BEGIN
    DELETE FROM record_changes WHERE type = 'session' AND id = old.uuid;
END;
CREATE TRIGGER commitments_changed_insert AFTER INSERT ON commitments BEGIN
    INSERT INTO record_changes VALUES ('commitment', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER commitments_changed_update AFTER UPDATE ON commitments BEGIN
    INSERT INTO record_changes VALUES ('commitment', new.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER commitments_changed_delete AFTER DELETE ON commitments BEGIN
    DELETE FROM record_changes WHERE type = 'commitment' AND id = old.uuid;
END;

CREATE TRIGGER coaches_changed_insert AFTER INSERT ON coaches BEGIN
    INSERT INTO record_changes VALUES ('coach', lower(new.name), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER coaches_changed_update AFTER UPDATE ON coaches BEGIN
    INSERT INTO record_changes VALUES ('coach', lower(new.name), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER coaches_changed_delete AFTER DELETE ON coaches BEGIN
    DELETE FROM record_changes WHERE type = 'coach' AND id = lower(old.name);
END;
CREATE TRIGGER shares_changed_insert AFTER INSERT ON shares BEGIN
    INSERT INTO record_changes VALUES ('share', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER inbox_changed_insert AFTER INSERT ON inbox BEGIN
    INSERT INTO record_changes VALUES ('inbox', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER inbox_changed_delete AFTER DELETE ON inbox BEGIN
    DELETE FROM record_changes WHERE type = 'inbox' AND id = old.id;
END;

CREATE TRIGGER templates_changed_insert AFTER INSERT ON templates BEGIN
    INSERT INTO record_changes VALUES ('template', new.kind, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER templates_changed_update AFTER UPDATE ON templates BEGIN
    INSERT INTO record_changes VALUES ('template', new.kind, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER templates_changed_delete AFTER DELETE ON templates BEGIN
    DELETE FROM record_changes WHERE type = 'template' AND id = old.kind;
END;
CREATE TRIGGER settings_changed_insert AFTER INSERT ON settings BEGIN
    INSERT INTO record_changes VALUES ('setting', new.name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER settings_changed_update AFTER UPDATE ON settings BEGIN
    INSERT INTO record_changes VALUES ('setting', new.name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER settings_changed_delete AFTER DELETE ON settings BEGIN
    DELETE FROM record_changes WHERE type = 'setting' AND id = old.name;
END;
CREATE TRIGGER entry_sources_changed_insert AFTER INSERT ON entry_sources BEGIN
    INSERT INTO record_changes VALUES ('import_source', new.source || '/' || new.source_key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
CREATE TRIGGER entry_sources_changed_update AFTER UPDATE ON entry_sources BEGIN
    INSERT INTO record_changes VALUES ('import_source', new.source || '/' || new.source_key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT value FROM settings WHERE name = 'device_id'))
    ON CONFLICT DO UPDATE SET changed_at = excluded.changed_at, device = excluded.device;
END;
