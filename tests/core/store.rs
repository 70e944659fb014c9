//! The store's behaviour: entries, versions, trash, filters, bad input.

use praxis_core::{EntryDraft, EntryId, Error, Journal, Kind, ListFilter, TagCount};

use crate::common::*;

#[test]
fn a_new_entry_reads_back_as_written_with_the_writers_offset_kept() {
    let journal = temp_journal();
    let mut d = draft("Difficult one-to-one", "I listened *first*.");
    d.tags = vec!["Feedback".into()];
    d.starred = true;
    let created = add(&journal, &d, "2026-05-01T09:15:00+02:00");
    let read = journal.get_entry(created.id).unwrap();
    assert_eq!(read, created, "what create returns is what is stored");
    assert_eq!(read.body, "I listened *first*.");
    assert_eq!(read.created_at.offset().local_minus_utc(), 2 * 3600, "the writer's UTC offset must survive");
    assert_eq!(read.created_at, at("2026-05-01T07:15:00Z"), "and the instant must be the same");
    assert_eq!(read.revision, 1);
    assert!(read.starred);
    assert_eq!(read.tags, vec!["feedback"]);
}

#[test]
fn the_day_of_an_entry_defaults_to_the_writers_local_day_not_the_utc_day() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Late", "night"), "2026-05-01T23:30:00-05:00");
    assert_eq!(entry.occurred_on, day("2026-05-01"), "it is already 2 May in UTC, but the writer lives on 1 May");
}

#[test]
fn tags_are_one_tag_whatever_their_case_and_filtering_ignores_case() {
    let journal = temp_journal();
    let mut d = draft("Board prep", "numbers");
    d.tags = vec!["Leadership".into(), "#leadership".into(), "Board Meeting".into()];
    let entry = add(&journal, &d, "2026-05-01T09:00:00Z");
    assert_eq!(entry.tags, vec!["board-meeting", "leadership"]);
    let found = journal.list_entries(&ListFilter { tag: Some("LEADERSHIP".into()), ..Default::default() }).unwrap();
    assert_eq!(titles(&found), vec!["Board prep"], "a tag filter must not care about case");
    assert_eq!(journal.list_tags().unwrap(), vec![TagCount::new("board-meeting", 1), TagCount::new("leadership", 1)]);
}

#[test]
fn every_save_keeps_the_version_it_replaces() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Plan", "first words"), "2026-05-01T09:00:00Z");
    journal.update_entry(entry.id, &draft("Plan", "second words"), at("2026-05-01T10:00:00Z")).unwrap();
    let third = journal.update_entry(entry.id, &draft("Plan B", "third words"), at("2026-05-01T11:00:00Z")).unwrap();
    assert_eq!(third.revision, 3);
    assert_eq!(third.created_at, entry.created_at, "saving never changes when the entry was first written");
    let history = journal.history(entry.id).unwrap();
    let revisions: Vec<i64> = history.iter().map(|h| h.revision).collect();
    assert_eq!(revisions, vec![3, 2, 1], "newest first, the current one included");
    assert!(history[0].current && !history[1].current);
    assert_eq!(journal.get_revision(entry.id, 1).unwrap().body, "first words");
    assert_eq!(journal.get_revision(entry.id, 2).unwrap().body, "second words");
    assert_eq!(journal.get_revision(entry.id, 2).unwrap().saved_at, at("2026-05-01T10:00:00Z"));
}

#[test]
fn saving_an_unchanged_draft_adds_no_version() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Same", "text"), "2026-05-01T09:00:00Z");
    let saved = journal.update_entry(entry.id, &entry.draft(), at("2026-05-01T10:00:00Z")).unwrap();
    assert_eq!(saved.revision, 1, "autosave of unchanged text must not flood the history");
    assert_eq!(saved.updated_at, entry.updated_at);
    assert_eq!(journal.history(entry.id).unwrap().len(), 1);
}

#[test]
fn reverting_brings_back_old_text_and_keeps_the_text_it_replaced() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Plan", "original"), "2026-05-01T09:00:00Z");
    journal.update_entry(entry.id, &draft("Plan", "rewritten"), at("2026-05-01T10:00:00Z")).unwrap();
    let reverted = journal.revert_entry(entry.id, 1, at("2026-05-01T11:00:00Z")).unwrap();
    assert_eq!(reverted.body, "original");
    assert_eq!(reverted.revision, 3, "a revert is a new save");
    assert_eq!(journal.get_revision(entry.id, 2).unwrap().body, "rewritten", "the reverted-away text is not lost");
}

#[test]
fn reverting_to_a_version_that_never_existed_is_refused() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Plan", "original"), "2026-05-01T09:00:00Z");
    let err = journal.revert_entry(entry.id, 7, at("2026-05-01T11:00:00Z")).unwrap_err();
    assert!(matches!(err, Error::RevisionNotFound { revision: 7, .. }), "{err:?}");
    assert_eq!(journal.get_entry(entry.id).unwrap().revision, 1, "a refused revert changes nothing");
}

#[test]
fn a_deleted_entry_leaves_lists_and_search_and_comes_back_intact() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Hard talk", "with the board"), "2026-05-01T09:00:00Z");
    journal.update_entry(entry.id, &draft("Hard talk", "with the whole board"), at("2026-05-01T10:00:00Z")).unwrap();
    journal.delete_entry(entry.id, at("2026-05-02T09:00:00Z")).unwrap();

    assert!(journal.list_entries(&ListFilter::default()).unwrap().is_empty(), "trash is not in the list");
    assert!(journal.search("board", &ListFilter::default(), Default::default()).unwrap().is_empty());
    assert_eq!(titles(&journal.list_trash().unwrap()), vec!["Hard talk"]);

    let restored = journal.restore_entry(entry.id).unwrap();
    assert_eq!(restored.body, "with the whole board");
    assert_eq!(restored.deleted_at, None);
    assert_eq!(journal.history(entry.id).unwrap().len(), 2, "the history survives the trash");
    assert_eq!(journal.search("board", &ListFilter::default(), Default::default()).unwrap().len(), 1);
    assert!(journal.list_trash().unwrap().is_empty());
}

#[test]
fn an_entry_in_the_trash_cannot_be_edited_and_restoring_a_live_one_is_refused() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Note", "text"), "2026-05-01T09:00:00Z");
    assert!(matches!(journal.restore_entry(entry.id), Err(Error::EntryNotInTrash(_))));
    journal.delete_entry(entry.id, at("2026-05-02T09:00:00Z")).unwrap();
    let err = journal.update_entry(entry.id, &draft("Note", "changed"), at("2026-05-02T10:00:00Z")).unwrap_err();
    assert!(matches!(err, Error::EntryInTrash(_)), "{err:?}");
    assert!(err.to_string().contains("Restore it first"), "the error says what to do: {err}");
    assert_eq!(journal.get_entry(entry.id).unwrap().body, "text");
}

#[test]
fn purging_works_only_from_the_trash_and_removes_the_entry_for_good() {
    let journal = temp_journal();
    let keep = add(&journal, &draft("Keep", "a"), "2026-05-01T09:00:00Z");
    let gone = add(&journal, &draft("Gone", "b"), "2026-05-01T09:00:00Z");
    journal.update_entry(gone.id, &draft("Gone", "c"), at("2026-05-01T10:00:00Z")).unwrap();
    assert!(matches!(journal.purge_entry(keep.id), Err(Error::EntryNotInTrash(_))), "live entries are never purged");
    journal.delete_entry(gone.id, at("2026-05-02T09:00:00Z")).unwrap();
    journal.purge_entry(gone.id).unwrap();
    assert!(matches!(journal.get_entry(gone.id), Err(Error::EntryNotFound(_))));
    assert_eq!(journal.check().unwrap().revisions, 0, "its history went with it");
    assert_eq!(journal.get_entry(keep.id).unwrap().title, "Keep");
}

#[test]
fn emptying_the_trash_deletes_only_what_is_in_it() {
    let journal = temp_journal();
    let keep = add(&journal, &draft("Keep", "a"), "2026-05-01T09:00:00Z");
    for title in ["One", "Two"] {
        let e = add(&journal, &draft(title, "x"), "2026-05-01T09:00:00Z");
        journal.delete_entry(e.id, at("2026-05-02T09:00:00Z")).unwrap();
    }
    assert_eq!(journal.empty_trash().unwrap(), 2);
    assert_eq!(titles(&journal.list_entries(&ListFilter::default()).unwrap()), vec!["Keep"]);
    assert_eq!(journal.get_entry(keep.id).unwrap().title, "Keep");
}

#[test]
fn lists_are_newest_first_by_the_day_entries_are_about() {
    let journal = temp_journal();
    let mut old = draft("Backdated", "x");
    old.occurred_on = Some(day("2026-03-01"));
    add(&journal, &draft("Monday", "x"), "2026-05-04T09:00:00Z");
    add(&journal, &draft("Tuesday", "x"), "2026-05-05T09:00:00Z");
    add(&journal, &old, "2026-05-06T09:00:00Z");
    add(&journal, &draft("Tuesday later", "x"), "2026-05-05T18:00:00Z");
    let list = journal.list_entries(&ListFilter::default()).unwrap();
    assert_eq!(
        titles(&list),
        vec!["Tuesday later", "Tuesday", "Monday", "Backdated"],
        "written last is not newest: the day it is about decides, then the order written"
    );
}

#[test]
fn moving_an_entry_to_another_day_moves_it_in_the_list() {
    let journal = temp_journal();
    let first = add(&journal, &draft("First", "x"), "2026-05-01T09:00:00Z");
    add(&journal, &draft("Second", "x"), "2026-05-02T09:00:00Z");
    let mut moved = first.draft();
    moved.occurred_on = Some(day("2026-05-03"));
    journal.update_entry(first.id, &moved, at("2026-05-03T09:00:00Z")).unwrap();
    assert_eq!(titles(&journal.list_entries(&ListFilter::default()).unwrap()), vec!["First", "Second"]);
}

#[test]
fn list_filters_combine_and_pages_do_not_overlap() {
    let journal = temp_journal();
    let mut exp = EntryDraft::new(Kind::Experiment, "Delegate the report", "if I let go...");
    exp.tags = vec!["delegation".into()];
    exp.starred = true;
    exp.occurred_on = Some(day("2026-04-10"));
    add(&journal, &exp, "2026-04-10T09:00:00Z");
    let mut other = exp.clone();
    other.title = "Delegate hiring".into();
    other.starred = false;
    add(&journal, &other, "2026-04-10T10:00:00Z");
    let mut refl = draft("Reflection on delegating", "x");
    refl.tags = vec!["delegation".into()];
    refl.starred = true;
    add(&journal, &refl, "2026-04-12T09:00:00Z");

    let filter = ListFilter {
        kind: Some(Kind::Experiment),
        tag: Some("Delegation".into()),
        from: Some(day("2026-04-01")),
        to: Some(day("2026-04-30")),
        starred: Some(true),
        ..Default::default()
    };
    assert_eq!(titles(&journal.list_entries(&filter).unwrap()), vec!["Delegate the report"]);

    let none = ListFilter { from: Some(day("2026-04-11")), to: Some(day("2026-04-11")), ..Default::default() };
    assert!(journal.list_entries(&none).unwrap().is_empty(), "a date range excludes the days around it");

    let page = |offset| ListFilter { limit: Some(2), offset: Some(offset), ..Default::default() };
    let first = titles(&journal.list_entries(&page(0)).unwrap());
    let second = titles(&journal.list_entries(&page(2)).unwrap());
    assert_eq!(first.len() + second.len(), 3);
    assert!(first.iter().all(|t| !second.contains(t)), "pages must not repeat entries");
}

#[test]
fn a_start_date_after_the_end_date_is_explained_not_ignored() {
    let journal = temp_journal();
    let filter = ListFilter { from: Some(day("2026-05-02")), to: Some(day("2026-05-01")), ..Default::default() };
    let err = journal.list_entries(&filter).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("after the end date"), "{err}");
}

#[test]
fn bad_drafts_are_refused_with_a_sentence_and_nothing_is_stored() {
    let journal = temp_journal();
    let too_long = draft(&"t".repeat(301), "x");
    let two_lines = draft("one\ntwo", "x");
    let mut far = draft("Far", "x");
    far.occurred_on = Some(day("0999-12-31"));
    for (bad, code) in [(too_long, "out_of_range"), (two_lines, "invalid_input"), (far, "out_of_range")] {
        let err = journal.create_entry(EntryId::random(), &bad, at("2026-05-01T09:00:00Z")).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(err.to_string().ends_with('.'), "errors are sentences: {err}");
    }
    assert!(journal.list_entries(&ListFilter::default()).unwrap().is_empty());
}

#[test]
fn a_missing_entry_is_named_without_a_command_for_one_face() {
    let journal = temp_journal();
    let missing = EntryId::random();
    let err = journal.get_entry(missing).unwrap_err();
    assert!(matches!(err, Error::EntryNotFound(_)), "{err:?}");
    assert_eq!(err.to_string(), format!("No entry with the id {missing} exists."));
    assert!(!err.to_string().contains("praxis"), "the CLI adds its command, the window its button: {err}");
    let not_an_id = "nonsense".parse::<EntryId>().unwrap_err();
    assert!(!not_an_id.to_string().contains("praxis"), "{not_an_id}");
}

#[test]
fn an_id_that_exists_cannot_be_created_twice() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Once", "x"), "2026-05-01T09:00:00Z");
    let err = journal.create_entry(entry.id, &draft("Twice", "y"), at("2026-05-01T10:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(journal.get_entry(entry.id).unwrap().title, "Once");
}

#[test]
fn unknown_ids_are_reported_and_short_ids_resolve_when_unique() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Mine", "x"), "2026-05-01T09:00:00Z");
    assert!(matches!(journal.get_entry(EntryId::random()), Err(Error::EntryNotFound(_))));
    let short = &entry.id.to_string()[..8];
    assert_eq!(journal.resolve_id(short).unwrap(), entry.id);
    assert_eq!(journal.resolve_id(&short.to_uppercase()).unwrap(), entry.id, "ids are not case-sensitive");
    assert!(matches!(journal.resolve_id("abc"), Err(Error::EntryNotFound(_))), "too short to be safe");
    assert!(matches!(journal.resolve_id("zzzzzzzz"), Err(Error::EntryNotFound(_))));
}

#[test]
fn a_save_that_returned_is_seen_by_another_connection_and_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let app = Journal::open_in(dir.path(), &test_key()).unwrap();
    let cli = Journal::open_in(dir.path(), &test_key()).unwrap();
    let entry = app.create_entry(EntryId::random(), &draft("Shared", "x"), at("2026-05-01T09:00:00Z")).unwrap();
    assert_eq!(cli.get_entry(entry.id).unwrap().title, "Shared", "the CLI sees what the app saved");
    drop(app);
    drop(cli);
    let again = Journal::open_in(dir.path(), &test_key()).unwrap();
    assert_eq!(again.get_entry(entry.id).unwrap(), entry);
    assert!(again.check().unwrap().is_healthy());
}

#[test]
fn a_journal_opened_read_only_reads_but_refuses_every_write_and_changes_nothing() {
    let TempJournal { dir: _dir, journal } = temp_journal();
    let entry = add(&journal, &draft("Readable", "x"), "2026-05-01T09:00:00Z");
    let path = journal.path().to_path_buf();
    drop(journal);
    let before = std::fs::read(&path).unwrap();
    let reader = Journal::open_read_only(&path, &test_key()).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(reader.get_entry(entry.id).unwrap().title, "Readable", "what is intact stays readable");
    let err = reader.update_entry(entry.id, &draft("Changed", "y"), at("2026-05-02T09:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "read_only");
    assert!(err.to_string().contains("Restore your newest backup"), "{err}");
    assert!(reader.delete_entry(entry.id, at("2026-05-02T09:00:00Z")).is_err());
    assert!(reader.create_entry(EntryId::random(), &draft("New", "z"), at("2026-05-02T09:00:00Z")).is_err());
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before, "a read-only journal never changes its file");
}

#[test]
fn tag_counts_leave_out_entries_in_the_trash_and_a_tag_used_only_there_is_not_listed() {
    let journal = temp_journal();
    let mut d = draft("Kept", "x");
    d.tags = vec!["leadership".into(), "feedback".into()];
    add(&journal, &d, "2026-05-01T09:00:00Z");
    d.title = "Also kept".into();
    d.tags = vec!["leadership".into()];
    add(&journal, &d, "2026-05-02T09:00:00Z");
    d.title = "Thrown away".into();
    d.tags = vec!["leadership".into(), "only-in-the-trash".into()];
    let gone = add(&journal, &d, "2026-05-03T09:00:00Z");
    journal.delete_entry(gone.id, at("2026-05-04T09:00:00Z")).unwrap();

    assert_eq!(journal.list_tags().unwrap(), vec![TagCount::new("leadership", 2), TagCount::new("feedback", 1)]);
    journal.restore_entry(gone.id).unwrap();
    assert_eq!(
        journal.list_tags().unwrap(),
        vec![TagCount::new("leadership", 3), TagCount::new("feedback", 1), TagCount::new("only-in-the-trash", 1)]
    );
}

#[test]
fn giving_back_the_page_cache_keeps_every_entry_readable_searchable_and_writable() {
    let journal = temp_journal();
    let first = add(&journal, &draft("Before", "the quiet river"), "2026-05-01T09:00:00Z");
    assert_eq!(journal.search("river", &ListFilter::default(), Default::default()).unwrap().len(), 1);
    journal.release_memory().unwrap();
    assert_eq!(journal.get_entry(first.id).unwrap(), first);
    assert_eq!(journal.search("river", &ListFilter::default(), Default::default()).unwrap().len(), 1);
    let second = add(&journal, &draft("After", "another river"), "2026-05-02T09:00:00Z");
    journal.release_memory().unwrap();
    assert_eq!(journal.get_entry(second.id).unwrap(), second);
    assert_eq!(journal.search("river", &ListFilter::default(), Default::default()).unwrap().len(), 2);
}
