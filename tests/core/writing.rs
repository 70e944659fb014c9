//! What the desktop editor relies on: templates kept in the journal,
//! autosave that makes one version per editing session and never loses
//! another writer's words, the timeline's days, and the preferences.

use praxis_core::store::built_in_template;
use praxis_core::{EntryDraft, Error, Journal, Kind, ListFilter, Preferences, Theme};

use crate::common::*;

#[test]
fn every_kind_starts_from_its_built_in_template_until_the_person_writes_their_own() {
    let journal = temp_journal();
    let templates = journal.templates().unwrap();
    assert_eq!(templates.iter().map(|t| t.kind).collect::<Vec<_>>(), Kind::ALL.to_vec());
    assert!(templates.iter().all(|t| t.built_in && t.updated_at.is_none()));
    let reflection = journal.template(Kind::Reflection).unwrap().body;
    assert!(reflection.contains("## What happened?") && reflection.contains("feeling"), "Gibbs: {reflection}");
    let outcome = journal.template(Kind::Outcome).unwrap().body;
    assert!(outcome.contains("What did I expect") && outcome.contains("Why was there a difference"), "AAR: {outcome}");
    let prep = journal.template(Kind::SessionPrep).unwrap().body;
    assert!(prep.contains("My issue in one sentence") && prep.contains("The question I bring"), "{prep}");
    assert!(journal.template(Kind::Experiment).unwrap().body.contains("If I …, I expect …"));
}

#[test]
fn a_template_the_person_wrote_is_stored_in_the_journal_and_survives_reopening() {
    let journal = temp_journal();
    let saved =
        journal.set_template(Kind::Reflection, "## Today\n\n## Tomorrow\n", at("2026-05-01T09:00:00+02:00")).unwrap();
    assert!(!saved.built_in);
    assert_eq!(saved.updated_at, Some(at("2026-05-01T09:00:00+02:00")));
    let path = journal.path().to_path_buf();
    drop(journal.journal);
    let reopened = Journal::open(&path, &test_key()).unwrap();
    assert_eq!(reopened.template(Kind::Reflection).unwrap().body, "## Today\n\n## Tomorrow\n");
    assert!(reopened.template(Kind::Outcome).unwrap().built_in, "other kinds keep theirs");
}

#[test]
fn resetting_a_template_or_saving_the_built_in_text_goes_back_to_the_built_in_one() {
    let journal = temp_journal();
    let now = at("2026-05-01T09:00:00+02:00");
    journal.set_template(Kind::Outcome, "mine", now).unwrap();
    let reset = journal.reset_template(Kind::Outcome).unwrap();
    assert!(reset.built_in);
    assert_eq!(reset.body, built_in_template(Kind::Outcome));
    journal.set_template(Kind::Outcome, "mine", now).unwrap();
    let same = journal.set_template(Kind::Outcome, built_in_template(Kind::Outcome), now).unwrap();
    assert!(same.built_in, "the built-in text saved again is the built-in template, so it follows later improvements");
}

#[test]
fn an_overlong_template_is_refused_and_the_old_one_stays() {
    let journal = temp_journal();
    let now = at("2026-05-01T09:00:00+02:00");
    journal.set_template(Kind::Reflection, "kept", now).unwrap();
    let err = journal.set_template(Kind::Reflection, &"x".repeat(20_001), now).unwrap_err();
    assert!(matches!(err, Error::OutOfRange(ref m) if m.contains("Shorten it")), "{err}");
    assert_eq!(journal.template(Kind::Reflection).unwrap().body, "kept");
}

#[test]
fn autosaves_of_one_editing_session_make_one_version_in_the_history() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Standup", "First words."), "2026-05-01T09:00:00+02:00");
    let mut d = entry.draft();
    d.body = "First words. More".into();
    let first = journal.autosave_entry(entry.id, &d, None, at("2026-05-01T09:01:00+02:00")).unwrap();
    assert_eq!(first.revision, 2, "the session's first save keeps the version it replaces");
    for (i, more) in [" and more", " and even more"].iter().enumerate() {
        d.body.push_str(more);
        let saved = journal
            .autosave_entry(entry.id, &d, Some(first.revision), at(&format!("2026-05-01T09:0{}:00+02:00", i + 2)))
            .unwrap();
        assert_eq!(saved.revision, 2, "later saves of the session overwrite its own version");
        assert_eq!(saved.body, d.body);
    }
    let history = journal.history(entry.id).unwrap();
    assert_eq!(history.len(), 2, "the version before the session, and the session's: {history:?}");
    assert_eq!(journal.get_revision(entry.id, 1).unwrap().body, "First words.");
    assert_eq!(journal.get_entry(entry.id).unwrap().updated_at, at("2026-05-01T09:03:00+02:00"));
    let found = journal.search("even", &ListFilter::default(), praxis_core::SearchOrder::Newest).unwrap();
    assert_eq!(found.len(), 1, "the index follows an overwriting save");
}

#[test]
fn an_autosave_after_another_writer_saved_keeps_their_version_in_the_history() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Shared", "Start."), "2026-05-01T09:00:00+02:00");
    let mut mine = entry.draft();
    mine.body = "Start. Mine".into();
    let session = journal.autosave_entry(entry.id, &mine, None, at("2026-05-01T09:01:00+02:00")).unwrap().revision;
    let mut theirs = entry.draft();
    theirs.body = "Start. Theirs, from the CLI".into();
    journal.update_entry(entry.id, &theirs, at("2026-05-01T09:02:00+02:00")).unwrap();
    mine.body.push_str(" and more");
    let saved = journal.autosave_entry(entry.id, &mine, Some(session), at("2026-05-01T09:03:00+02:00")).unwrap();
    assert_eq!(saved.revision, 4, "a new version, not an overwrite of theirs");
    let bodies: Vec<String> = (1..=4).map(|r| journal.get_revision(entry.id, r).unwrap().body).collect();
    assert_eq!(bodies, ["Start.", "Start. Mine", "Start. Theirs, from the CLI", "Start. Mine and more"]);
}

#[test]
fn an_autosave_into_the_trash_is_refused_and_changes_nothing() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Gone", "Text."), "2026-05-01T09:00:00+02:00");
    journal.delete_entry(entry.id, at("2026-05-01T09:01:00+02:00")).unwrap();
    let mut d = entry.draft();
    d.body = "Changed".into();
    let err = journal.autosave_entry(entry.id, &d, Some(1), at("2026-05-01T09:02:00+02:00")).unwrap_err();
    assert!(matches!(err, Error::EntryInTrash(_)), "{err}");
    assert_eq!(journal.get_entry(entry.id).unwrap().body, "Text.");
}

#[test]
fn the_timelines_days_and_counts_match_the_list_page_for_page_under_every_filter() {
    let journal = temp_journal();
    for (i, when) in
        ["2026-05-01", "2026-05-01", "2026-05-03", "2026-04-20", "2026-05-03", "2026-05-03"].iter().enumerate()
    {
        let mut d = EntryDraft::new(if i % 2 == 0 { Kind::Reflection } else { Kind::Experiment }, format!("e{i}"), "x");
        d.occurred_on = Some(day(when));
        d.starred = i % 3 == 0;
        d.tags = if i < 3 { vec!["team".into()] } else { vec![] };
        add(&journal, &d, "2026-05-04T09:00:00+02:00");
    }
    let filters = [
        ListFilter::default(),
        ListFilter { kind: Some(Kind::Reflection), ..Default::default() },
        ListFilter { starred: Some(true), ..Default::default() },
        ListFilter { tag: Some("Team".into()), ..Default::default() },
        ListFilter { from: Some(day("2026-05-01")), to: Some(day("2026-05-02")), ..Default::default() },
    ];
    for filter in filters {
        let days = journal.timeline_days(&filter).unwrap();
        let listed = journal.list_entries(&ListFilter { limit: Some(1000), ..filter.clone() }).unwrap();
        let expanded: Vec<_> = days.iter().flat_map(|d| std::iter::repeat_n(d.day, d.entries as usize)).collect();
        let listed_days: Vec<_> = listed.iter().map(|e| e.occurred_on).collect();
        assert_eq!(expanded, listed_days, "{filter:?}");
    }
    let all = journal.timeline_days(&ListFilter::default()).unwrap();
    assert_eq!(
        all.iter().map(|d| (d.day.to_string(), d.entries)).collect::<Vec<_>>(),
        [("2026-05-03".to_string(), 3), ("2026-05-01".to_string(), 2), ("2026-04-20".to_string(), 1)]
    );
}

#[test]
fn preferences_start_from_defaults_and_read_back_as_saved() {
    let journal = temp_journal();
    assert_eq!(journal.preferences().unwrap(), Preferences::default());
    let mine = Preferences {
        theme: Theme::Dark,
        editor_font_size: 20,
        show_preview: true,
        last_view: Some("settings".into()),
    };
    assert_eq!(journal.set_preferences(&mine).unwrap(), mine);
    assert_eq!(journal.preferences().unwrap(), mine);
}

#[test]
fn a_text_size_out_of_range_is_refused_and_the_saved_preferences_stay() {
    let journal = temp_journal();
    let mine = Preferences { editor_font_size: 19, ..Default::default() };
    journal.set_preferences(&mine).unwrap();
    let err = journal.set_preferences(&Preferences { editor_font_size: 80, ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("from 12 to 28"), "{err}");
    assert_eq!(journal.preferences().unwrap(), mine);
}
