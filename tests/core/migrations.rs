//! Opening journals of every age, and refusing what must not be opened —
//! without changing a byte of it.

use std::path::Path;

use praxis_core::{paths, Error, Journal, ListFilter, SearchOrder};

use crate::common::*;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_schema_1_journal_upgrades_and_its_entries_become_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    std::fs::copy(fixture("schema-v1.sqlite3"), &db).unwrap();

    let journal = Journal::open(&db, &test_key()).expect("an old journal opens");
    let report = journal.check().unwrap();
    assert_eq!(report.schema_version, praxis_core::store::SCHEMA_VERSION);
    assert!(report.is_healthy(), "{:?}", report.problems);
    assert_eq!(report.entries, 3, "the fixture's live entries are all there");
    assert_eq!(report.in_trash, 1);
    assert_eq!(report.revisions, 1);

    let list = journal.list_entries(&ListFilter::default()).unwrap();
    assert_eq!(titles(&list), vec!["Experiment: silence first", "Après la réunion", "First week"]);
    let hits = journal.search("reunion", &ListFilter::default(), SearchOrder::Newest).unwrap();
    assert_eq!(hits.len(), 1, "text written before the index existed is indexed by the upgrade");
    assert!(
        journal.search("binned", &ListFilter::default(), SearchOrder::Newest).unwrap().is_empty(),
        "trash stays out"
    );
    let first = &list[2];
    assert_eq!(journal.history(first.id).unwrap().len(), 2, "versions written under schema 1 are kept");
    assert_eq!(journal.get_entry(first.id).unwrap().created_at.offset().local_minus_utc(), 3600);
}

#[test]
fn opening_an_up_to_date_journal_twice_changes_nothing() {
    let TempJournal { dir: _dir, journal } = temp_journal();
    add(&journal, &draft("Kept", "x"), "2026-05-01T09:00:00Z");
    let path = journal.path().to_path_buf();
    drop(journal);
    let again = Journal::open(&path, &test_key()).unwrap();
    assert_eq!(again.list_entries(&ListFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_journal_from_a_newer_praxis_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    {
        let journal = Journal::open(&db, &test_key()).unwrap();
        journal
            .create_entry(praxis_core::EntryId::random(), &draft("Future", "x"), at("2026-05-01T09:00:00Z"))
            .unwrap();
    }
    {
        let conn = keyed_connection(&db);
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = bytes(&db);
    let err = Journal::open(&db, &test_key()).unwrap_err();
    assert!(matches!(err, Error::DatabaseTooNew { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("Update Praxis"), "the message says what to do: {err}");
    assert_eq!(bytes(&db), before, "a refused journal must not change");
    assert!(!dir.path().join("journal.sqlite3-wal").exists(), "not even a WAL file may appear");
}

#[test]
fn a_damaged_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();
    let err = Journal::open_in(dir.path(), &test_key()).unwrap_err();
    // Without the journal's key record, a file no key opens cannot be told
    // from an encrypted journal under another key (tests/core/protection.rs
    // covers the damaged journal whose key is known).
    assert_eq!(err.code(), "wrong_key");
    assert!(err.to_string().contains("Nothing was changed"), "{err}");
    assert_eq!(bytes(&db), garbage, "never write over an unreadable file");
}

#[test]
fn another_programs_database_is_not_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('precious');").unwrap();
    }
    let before = bytes(&db);
    let err = Journal::open(&db, &test_key()).unwrap_err();
    assert_eq!(err.code(), "not_a_journal");
    assert_eq!(bytes(&db), before);
}

#[test]
fn a_schema_2_journal_upgrades_keeping_its_index_and_gains_import_tracking() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    std::fs::copy(fixture("schema-v2.sqlite3"), &db).unwrap();
    let journal = Journal::open(&db, &test_key()).expect("a schema-2 journal opens");
    let report = journal.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
    assert_eq!(report.schema_version, praxis_core::store::SCHEMA_VERSION);
    assert_eq!(report.entries, 4);
    let hits = journal.search("silence", &ListFilter::default(), SearchOrder::Newest).unwrap();
    assert_eq!(hits.len(), 2, "the index built under schema 2 still answers");
    assert!(journal.list_backups().unwrap().iter().any(|b| b.id == "praxis-schema-2-before-migration"));
}

/// A journal as schema 9 left it (the last schema before the record model),
/// built with the shipped migrations and rows written as that version wrote
/// them: an experiment started and observed, its outcome, a project, a peer
/// session with a commitment done, a coach and a setting.
fn schema_9_journal(path: &Path) {
    use chrono::Datelike;
    let conn = keyed_connection(path);
    for sql in [
        include_str!("../../src-tauri/core/src/store/migrations/0001_entries.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0002_entries_fts.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0003_entry_sources.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0004_settings.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0005_sharing.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0006_templates.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0007_timeline_indexes.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0008_action_learning.sql"),
        include_str!("../../src-tauri/core/src/store/migrations/0009_reminders.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    let key = |d: &str, n: i64| ((day(d).num_days_from_ce() as i64) << 24) + n;
    conn.execute_batch(&format!(
        "INSERT INTO entries (id, uuid, sort_key, kind, title, tags, occurred_on, created_at, updated_at, starred, revision, deleted_at, body) VALUES
           (1, '11111111-1111-4111-8111-111111111111', {}, 'experiment', 'Stay quiet', 'delegation', '2026-04-06',
            '2026-04-05T20:00:00.000+02:00', '2026-04-06T09:00:00.000+02:00', 0, 1, NULL, 'Notes.'),
           (2, '22222222-2222-4222-8222-222222222222', {}, 'outcome', 'Outcome: Stay quiet', '', '2026-04-13',
            '2026-04-13T18:00:00.000+02:00', '2026-04-13T18:00:00.000+02:00', 0, 1, NULL, 'Ana opened the meeting.'),
           (3, '33333333-3333-4333-8333-333333333333', {}, 'reflection', 'After the weekly', 'team', '2026-04-14',
            '2026-04-14T21:00:00.000+02:00', '2026-04-14T21:00:00.000+02:00', 1, 1, NULL, 'I kept quiet.');
         INSERT INTO tags (id, name) VALUES (1, 'delegation'), (2, 'team');
         INSERT INTO entry_tags (tag_id, entry_id) VALUES (1, 1), (2, 3);
         INSERT INTO projects (id, uuid, name, challenge, starts_on, ends_on, status, created_at, updated_at)
           VALUES (1, '44444444-4444-4444-8444-444444444444', 'The weekly', 'Step back', '2026-04-01', '2026-09-30',
                   'active', '2026-04-01T09:00:00.000+02:00', '2026-04-01T09:00:00.000+02:00');
         INSERT INTO entry_projects (entry_id, project_id) VALUES (1, 1);
         INSERT INTO experiments (entry_id, hypothesis, planned_action, expected_outcome, success_signals, failure_signals,
                                  starts_on, review_on, status, locked_at, learning, next_step, grew_from)
           VALUES (1, 'If I stay quiet, then the team will lead', 'Say nothing', 'Two proposals', 'Someone opens', 'Silence',
                   '2026-04-06', '2026-04-20', 'observed', '2026-04-06T09:00:00.000+02:00', '', '', NULL);
         INSERT INTO experiment_events (experiment_id, status, at, retry) VALUES
           (1, 'planned', '2026-04-05T20:00:00.000+02:00', 0),
           (1, 'running', '2026-04-06T09:00:00.000+02:00', 0),
           (1, 'observed', '2026-04-13T18:00:00.000+02:00', 0);
         INSERT INTO outcomes (entry_id, experiment_id, surprised, why_different) VALUES (2, 1, 'How short the silence was', 'They were ready');
         INSERT INTO peer_sessions (id, uuid, held_on, group_name, role, project_id, issue, question, prep_entry, notes, insights, notes_entry, created_at)
           VALUES (1, '55555555-5555-4555-8555-555555555555', '2026-04-10', 'Tuesday set', 'presenter', 1, 'The team waits',
                   '', NULL, '', 'Questions beat advice', NULL, '2026-04-08T09:00:00.000+02:00');
         INSERT INTO commitments (id, uuid, session_id, what, due_on, status, closed_at, created_at)
           VALUES (1, '66666666-6666-4666-8666-666666666666', 1, 'Ask Sam for feedback', '2026-04-17', 'done',
                   '2026-04-16T00:30:00.000+02:00', '2026-04-10T18:00:00.000+02:00');
         INSERT INTO coaches (name, public_key, added_at) VALUES ('Dana', '{}', '2026-04-01T10:00:00.000+02:00');
         INSERT INTO settings (name, value) VALUES ('sharing_name', 'Alex');
         INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
         PRAGMA user_version = 9;",
        key("2026-04-06", 0),
        key("2026-04-13", 0),
        key("2026-04-14", 0),
        praxis_core::share::seal::SharingIdentity::generate().public_key(),
    ))
    .unwrap();
}

#[test]
fn a_schema_9_journal_upgrades_into_records_that_leave_whole_and_keep_the_days_things_happened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    schema_9_journal(&path);
    let journal = Journal::open(&path, &test_key()).unwrap();
    assert!(journal.check().unwrap().is_healthy());

    let mut file = Vec::new();
    journal.export_jsonl(&mut file).unwrap();
    let file = String::from_utf8(file).unwrap();
    let records: Vec<serde_json::Value> = file.lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect();
    let types: Vec<&str> = records.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        ["setting", "coach", "project", "entry", "entry", "entry", "experiment", "outcome", "session", "commitment"],
        "every record written before the record model is in the file"
    );
    let device = records[0]["device"].as_str().unwrap();
    assert_eq!(device.len(), 32, "the upgrade gave this copy of the journal its id");
    assert!(records.iter().all(|r| r["device"] == device), "and stamped every earlier record with it");
    let experiment = &records[6]["data"];
    assert_eq!(experiment["locked_at"], "2026-04-06T09:00:00+02:00");
    assert_eq!(experiment["events"].as_array().unwrap().len(), 3);
    assert_eq!(records[3]["data"]["project"], "44444444-4444-4444-8444-444444444444");

    // A move or a commitment written before the day was recorded happened on
    // the writer's own day of writing it.
    let id: praxis_core::EntryId = "11111111-1111-4111-8111-111111111111".parse().unwrap();
    let days: Vec<String> =
        journal.get_experiment(id).unwrap().history.iter().map(|c| c.happened_on.to_string()).collect();
    assert_eq!(days, ["2026-04-05", "2026-04-06", "2026-04-13"]);
    let done = journal.list_commitments(None).unwrap();
    assert_eq!(done[0].closed_on.map(|d| d.to_string()).as_deref(), Some("2026-04-16"), "the writer's day, not UTC's");

    let target = temp_journal();
    target.import_jsonl(&mut std::io::Cursor::new(&file)).unwrap();
    let mut again = Vec::new();
    target.export_jsonl(&mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), file, "and they leave whole");
    assert_eq!(target.search("quiet", &ListFilter::default(), SearchOrder::Newest).unwrap().len(), 3);
}
