//! Opening journals of every age, and refusing what must not be opened —
//! without changing a byte of it.

mod common;

use std::path::Path;

use common::*;
use praxis_core::{paths, Error, Journal, ListFilter, SearchOrder};

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
