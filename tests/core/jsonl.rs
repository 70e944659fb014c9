//! Praxis JSON Lines: lossless round trips and all-or-nothing imports.

mod common;

use std::io::Cursor;

use common::*;
use praxis_core::{EntryDraft, Error, Journal, Kind, ListFilter};

fn export(journal: &Journal) -> Vec<u8> {
    let mut out = Vec::new();
    journal.export_jsonl(&mut out).unwrap();
    out
}

fn rich_journal() -> TempJournal {
    let journal = temp_journal();
    let mut exp = EntryDraft::new(Kind::Experiment, "Silence first", "If I wait ten seconds…\n\n- [ ] try it");
    exp.tags = vec!["listening".into(), "meetings".into()];
    exp.starred = true;
    exp.occurred_on = Some(day("2026-03-02"));
    let e = add(&journal, &exp, "2026-03-02T08:00:00-05:00");
    let mut changed = exp.clone();
    changed.body.push_str("\n\nUpdated.");
    journal.update_entry(e.id, &changed, at("2026-03-03T09:00:00+05:30")).unwrap();
    add(&journal, &draft("Same day", "émotions \"quoted\" \\ back"), "2026-03-02T22:00:00Z");
    let binned = add(&journal, &draft("Binned", "x"), "2026-03-04T09:00:00Z");
    journal.delete_entry(binned.id, at("2026-03-05T09:00:00Z")).unwrap();
    journal
}

#[test]
fn export_then_import_into_an_empty_journal_then_export_gives_the_same_bytes() {
    let source = rich_journal();
    let first = export(&source);
    let target = temp_journal();
    let report = target.import_jsonl(&mut Cursor::new(&first)).unwrap();
    assert_eq!(report.imported, 3);
    let second = export(&target);
    assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first).unwrap(), "the format must be lossless");
    assert_eq!(target.list_trash().unwrap().len(), 1, "the trash travels too");
    assert!(target.check().unwrap().is_healthy());
    assert_eq!(target.search("emotions", &ListFilter::default(), Default::default()).unwrap().len(), 1);
}

#[test]
fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let source = rich_journal();
    let file = export(&source);
    let target = temp_journal();
    target.import_jsonl(&mut Cursor::new(&file)).unwrap();
    let again = target.import_jsonl(&mut Cursor::new(&file)).unwrap();
    assert_eq!((again.imported, again.already_present), (0, 3));
    assert_eq!(target.list_entries(&ListFilter::default()).unwrap().len(), 2);
}

#[test]
fn a_bad_line_is_reported_by_number_and_nothing_is_imported() {
    let source = rich_journal();
    let mut file = String::from_utf8(export(&source)).unwrap();
    file.push_str("{\"id\": \"not json at all\"\n");
    let target = temp_journal();
    let err = target.import_jsonl(&mut Cursor::new(file.as_bytes())).unwrap_err();
    assert!(matches!(err, Error::ImportLine { line: 5, .. }), "{err:?}");
    assert!(err.to_string().contains("Line 5") && err.to_string().contains("Nothing was imported"), "{err}");
    assert!(target.list_entries(&ListFilter::default()).unwrap().is_empty(), "all or nothing");
    assert!(target.list_trash().unwrap().is_empty());
}

#[test]
fn records_that_break_the_rules_are_refused() {
    let header = "{\"format\":\"praxis-jsonl\",\"version\":1}\n";
    let good = String::from_utf8(export(&rich_journal())).unwrap();
    let line = good.lines().nth(1).unwrap();
    let cases = [
        line.replace("\"listening\"", "\"Listening\""),
        line.replace("\"kind\":\"experiment\"", "\"kind\":\"diary\""),
        line.replace("\"occurred_on\":\"2026-03-02\"", "\"occurred_on\":\"2026-02-30\""),
        line.replace("\"revision\":2", "\"revision\":1"),
        line.replace("\"starred\":true", "\"starred\":true,\"extra\":1"),
    ];
    for case in cases {
        let target = temp_journal();
        let err = target.import_jsonl(&mut Cursor::new(format!("{header}{case}\n"))).unwrap_err();
        assert!(matches!(err, Error::ImportLine { line: 2, .. }), "{case}: {err:?}");
    }
}

#[test]
fn files_that_are_not_praxis_exports_or_are_from_a_newer_praxis_are_refused() {
    let target = temp_journal();
    for (file, expect) in [
        ("", "empty"),
        ("hello\n", "header"),
        ("{\"format\":\"other\",\"version\":1}\n", "\"other\""),
        ("{\"format\":\"praxis-jsonl\",\"version\":2}\n", "newer Praxis"),
    ] {
        let err = target.import_jsonl(&mut Cursor::new(file)).unwrap_err();
        assert!(err.to_string().contains(expect), "{file:?}: {err}");
    }
}
