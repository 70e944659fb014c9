//! Importing parsed outside sources: preview first, all or nothing, and
//! never twice.

use praxis_core::interchange::source::{ImportedEntry, ParsedSource, Skipped, SourceKind};
use praxis_core::{Kind, ListFilter, TagCount};

use crate::common::*;

fn entry(key: &str, title: &str, on: &str, tags: &[&str]) -> ImportedEntry {
    ImportedEntry {
        source_key: key.into(),
        kind: Kind::Reflection,
        title: title.into(),
        body: format!("Body of {title}"),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        occurred_on: day(on),
        created_at: at(&format!("{on}T08:00:00-04:00")),
        updated_at: at(&format!("{on}T09:00:00-04:00")),
        starred: false,
        not_imported: Vec::new(),
        dated_by_modification_time: false,
    }
}

fn source(entries: Vec<ImportedEntry>) -> ParsedSource {
    ParsedSource {
        source: SourceKind::DayOne,
        entries,
        skipped: vec![Skipped { location: "Journal.json, entry 3".into(), reason: "it has no text".into() }],
    }
}

#[test]
fn a_preview_shows_what_will_happen_and_writes_nothing() {
    let journal = temp_journal();
    let mut photo = entry("C", "With a photo", "2025-03-01", &["travel"]);
    photo.not_imported = vec!["1 photo (a.jpeg) was not imported".into()];
    let parsed =
        source(vec![entry("A", "One", "2024-01-05", &["Work"]), entry("B", "Two", "2024-02-01", &["work"]), photo]);
    let preview = journal.preview_import(&parsed).unwrap();
    assert_eq!(preview.new_entries, 3);
    assert_eq!((preview.first_day, preview.last_day), (Some(day("2024-01-05")), Some(day("2025-03-01"))));
    assert_eq!(preview.tags, vec![TagCount::new("work", 2), TagCount::new("travel", 1)], "tags as they will be stored");
    assert_eq!(preview.skipped.len(), 1, "what is skipped is said, with why");
    assert_eq!(preview.not_imported, vec!["C: 1 photo (a.jpeg) was not imported"]);
    assert!(journal.list_entries(&ListFilter::default()).unwrap().is_empty(), "a preview writes nothing");
}

#[test]
fn importing_the_same_source_twice_adds_nothing_and_deleted_entries_stay_deleted() {
    let journal = temp_journal();
    let parsed = source(vec![entry("A", "One", "2024-01-05", &[]), entry("B", "Two", "2024-02-01", &[])]);
    let done = journal.import_source(&parsed).unwrap();
    assert_eq!(done.new_entries, 2);
    let list = journal.list_entries(&ListFilter::default()).unwrap();
    assert_eq!(titles(&list), vec!["Two", "One"]);
    let one = journal.get_entry(list[1].id).unwrap();
    assert_eq!(one.created_at, at("2024-01-05T08:00:00-04:00"), "the source's times and offsets are kept");

    let again = journal.import_source(&parsed).unwrap();
    assert_eq!((again.new_entries, again.already_imported), (0, 2));

    journal.delete_entry(list[0].id, at("2026-01-01T00:00:00Z")).unwrap();
    journal.empty_trash().unwrap();
    let third = journal.import_source(&parsed).unwrap();
    assert_eq!(third.new_entries, 0, "a purged entry is not brought back by importing the source again");
    assert_eq!(titles(&journal.list_entries(&ListFilter::default()).unwrap()), vec!["One"]);
}

#[test]
fn a_bad_entry_stops_the_import_names_its_place_and_nothing_is_imported() {
    let journal = temp_journal();
    let bad = entry("entry-2", &"x".repeat(400), "2024-01-06", &[]);
    let parsed = source(vec![entry("entry-1", "Fine", "2024-01-05", &[]), bad]);
    let err = journal.import_source(&parsed).unwrap_err();
    assert_eq!(err.code(), "import_invalid");
    assert!(err.to_string().contains("entry-2") && err.to_string().contains("Nothing was imported"), "{err}");
    assert!(journal.list_entries(&ListFilter::default()).unwrap().is_empty());
}

#[test]
fn an_entry_that_appears_twice_in_a_source_is_imported_once() {
    let journal = temp_journal();
    let parsed = source(vec![entry("A", "One", "2024-01-05", &[]), entry("A", "One again", "2024-01-05", &[])]);
    let done = journal.import_source(&parsed).unwrap();
    assert_eq!(done.new_entries, 1);
    assert!(done.skipped.iter().any(|s| s.location == "A" && s.reason.contains("twice")));
}
