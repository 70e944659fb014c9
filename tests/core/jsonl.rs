//! Praxis JSON Lines: lossless round trips and all-or-nothing imports.

use std::io::Cursor;

use praxis_core::{EntryDraft, EntryId, Error, Journal, Kind, ListFilter};

use crate::common::*;

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
    let header = "{\"format\":\"praxis-jsonl\",\"version\":2}\n";
    let good = String::from_utf8(export(&rich_journal())).unwrap();
    let line = good.lines().find(|l| l.contains("Silence first")).unwrap();
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
        ("{\"format\":\"praxis-jsonl\",\"version\":3}\n", "newer Praxis"),
    ] {
        let err = target.import_jsonl(&mut Cursor::new(file)).unwrap_err();
        assert!(err.to_string().contains(expect), "{file:?}: {err}");
    }
}

/// A journal with a record of every kind: a project, experiments (one
/// concluded through every status with an outcome, one growing from it),
/// a session with its prep and notes, commitments done and open, a
/// template, preferences, a coach, a share in the log, and the secrets.
fn whole_journal() -> TempJournal {
    use praxis_core::{
        CommitmentDraft, CommitmentStatus, Expectation, ExperimentPlan, ExperimentStatus, OutcomeDraft, ProjectDraft,
        ProjectId, ProjectStatus, Role, SessionDraft, SessionId, SessionNotes,
    };
    let journal = rich_journal();
    let project = journal
        .create_project(
            ProjectId::random(),
            &ProjectDraft {
                name: "Let the team run the weekly".into(),
                challenge: "How do I step back?".into(),
                starts_on: day("2026-03-01"),
                ends_on: day("2026-09-30"),
                status: ProjectStatus::Active,
            },
            at("2026-03-01T08:00:00Z"),
        )
        .unwrap()
        .id;
    let plan = |hypothesis: &str, grew_from| ExperimentPlan {
        title: String::new(),
        expectation: Expectation {
            hypothesis: hypothesis.into(),
            planned_action: "Say nothing for ten minutes.".into(),
            expected_outcome: "Two people propose an agenda item.".into(),
            success_signals: "Someone else opens.".into(),
            failure_signals: "Everyone looks at me.".into(),
        },
        starts_on: Some(day("2026-03-02")),
        review_on: day("2026-03-16"),
        project: Some(project),
        grew_from,
        tags: vec!["delegation".into()],
    };
    let first = journal
        .plan_experiment(EntryId::random(), &plan("If I wait, they speak", None), "", at("2026-03-01T09:00:00Z"))
        .unwrap()
        .id();
    journal.move_experiment(first, ExperimentStatus::Running, at("2026-03-02T09:00:00Z")).unwrap();
    journal
        .record_outcome(
            EntryId::random(),
            first,
            &OutcomeDraft {
                title: String::new(),
                happened: "Ana opened the meeting.".into(),
                surprised: "How long the silence lasted.".into(),
                why_different: "They waited to see if I meant it.".into(),
                occurred_on: None,
            },
            at("2026-03-09T09:00:00Z"),
        )
        .unwrap();
    journal
        .conclude_experiment(first, "Silence invites.", "Try it in the monthly.", at("2026-03-16T09:00:00Z"))
        .unwrap();
    let second = journal
        .plan_experiment(
            EntryId::random(),
            &plan("If I wait in the monthly too", Some(first)),
            "",
            at("2026-03-17T09:00:00Z"),
        )
        .unwrap()
        .id();
    journal.move_experiment(second, ExperimentStatus::Abandoned, at("2026-03-18T09:00:00Z")).unwrap();
    let session = SessionId::random();
    journal
        .create_session(
            session,
            &SessionDraft {
                held_on: day("2026-03-10"),
                group_name: "Tuesday set".into(),
                role: Role::Presenter,
                project: Some(project),
            },
            at("2026-03-05T09:00:00Z"),
        )
        .unwrap();
    journal
        .save_prep(session, "The team waits for me", "What am I protecting?", "", at("2026-03-09T20:00:00Z"))
        .unwrap();
    let notes = journal
        .record_session_notes(
            session,
            &SessionNotes {
                notes: "They asked what I fear.".into(),
                insights: "I fear being unneeded.".into(),
                commitments: vec![
                    CommitmentDraft { what: "Ask Sam for feedback".into(), due_on: Some(day("2026-03-20")) },
                    CommitmentDraft { what: "Skip one weekly".into(), due_on: None },
                ],
            },
            at("2026-03-10T18:00:00Z"),
        )
        .unwrap();
    journal.set_commitment_status(notes.commitments[0].id, CommitmentStatus::Done, at("2026-03-12T09:00:00Z")).unwrap();
    journal
        .set_template(Kind::Reflection, "## What happened\n\n## What I noticed\n", at("2026-03-01T07:00:00Z"))
        .unwrap();
    let mut preferences = journal.preferences().unwrap();
    preferences.editor_font_size = 20;
    journal.set_preferences(&preferences).unwrap();
    journal.sharing_identity().unwrap();
    journal
        .add_coach(
            "Dana",
            "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",
            false,
            at("2026-03-01T10:00:00Z"),
        )
        .unwrap();
    // A name with a letter SQLite's lower() leaves alone: its id must be the same both ways.
    let emile = praxis_core::share::seal::SharingIdentity::generate().public_key();
    journal.add_coach("Émile Durand", &emile, false, at("2026-03-02T10:00:00Z")).unwrap();
    let lock = praxis_core::applock::AppLock::new(&secrecy::SecretString::from("a long lock phrase"), 5).unwrap();
    journal.set_app_lock(Some(&lock)).unwrap();
    journal
}

fn record_types(file: &str) -> Vec<String> {
    let mut types: Vec<String> = file
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["type"].as_str().unwrap().to_owned())
        .collect();
    types.dedup();
    types
}

#[test]
fn every_kind_of_record_survives_export_and_import_into_an_empty_journal_byte_for_byte() {
    let source = whole_journal();
    let first = String::from_utf8(export(&source)).unwrap();
    assert_eq!(
        record_types(&first),
        ["setting", "template", "coach", "project", "entry", "experiment", "outcome", "session", "commitment"],
        "every kind of record is in the file, in file order"
    );
    let target = temp_journal();
    let report = target.import_jsonl(&mut Cursor::new(&first)).unwrap();
    assert_eq!(report.records_already_present + report.already_present, 0);
    let second = String::from_utf8(export(&target)).unwrap();
    assert_eq!(second, first, "the format must be lossless");
    assert!(target.check().unwrap().is_healthy());

    let experiments = |j: &Journal| serde_json::to_value(j.list_experiments(None, day("2026-04-01")).unwrap()).unwrap();
    assert_eq!(experiments(&target), experiments(&source));
    assert_eq!(
        serde_json::to_value(target.list_sessions().unwrap()).unwrap(),
        serde_json::to_value(source.list_sessions().unwrap()).unwrap()
    );
    assert_eq!(target.list_coaches().unwrap(), source.list_coaches().unwrap());
    assert_eq!(target.preferences().unwrap().editor_font_size, 20);
    assert_eq!(target.template(Kind::Reflection).unwrap(), source.template(Kind::Reflection).unwrap());
}

#[test]
fn every_record_says_what_it_is_its_id_its_version_and_when_and_where_it_changed() {
    let source = whole_journal();
    let file = String::from_utf8(export(&source)).unwrap();
    assert_eq!(file.lines().next().unwrap(), "{\"format\":\"praxis-jsonl\",\"version\":2}");
    for line in file.lines().skip(1) {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = record.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["changed_at", "data", "device", "id", "type", "v"], "{line}");
        assert_eq!(record["v"], 1);
        assert_eq!(record["device"].as_str().unwrap().len(), 32, "{line}");
        chrono::DateTime::parse_from_rfc3339(record["changed_at"].as_str().unwrap()).unwrap();
    }
    let experiment = file.lines().find(|l| l.starts_with("{\"type\":\"experiment\"")).unwrap();
    for field in ["If I wait, they speak", "Two people propose", "Someone else opens", "locked_at", "Silence invites"] {
        assert!(experiment.contains(field), "the experiment carries {field}: {experiment}");
    }
    let outcome = file.lines().find(|l| l.starts_with("{\"type\":\"outcome\"")).unwrap();
    assert!(outcome.contains("How long the silence lasted") && outcome.contains("They waited"), "{outcome}");
}

#[test]
fn a_plain_export_carries_no_secret_and_an_encrypted_full_export_carries_them_to_a_new_computer() {
    use praxis_core::interchange::jsonl::ExportTo;
    use praxis_core::share::seal::OpenWith;
    use secrecy::SecretString;

    let source = whole_journal();
    let secret = secrecy::ExposeSecret::expose_secret(&source.sharing_identity().unwrap().to_secret()).to_owned();
    let plain = String::from_utf8(export(&source)).unwrap();
    assert!(!plain.contains(&secret) && !plain.contains("AGE-SECRET-KEY"), "no sharing identity in a plain export");
    assert!(!plain.contains("app_lock") && !plain.contains("device_id"), "no app lock, no device id");

    let mut sealed = Vec::new();
    source.export_encrypted(&ExportTo::Passphrase(SecretString::from("moving day")), &mut sealed).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&sealed).contains("Silence invites"), "it is encrypted");

    let target = temp_journal();
    let wrong = target
        .import_encrypted(&mut Cursor::new(&sealed), &OpenWith::Passphrase(SecretString::from("wrong")))
        .unwrap_err();
    assert!(matches!(wrong, Error::ShareWrongPassphrase), "{wrong:?}");
    assert!(target.list_entries(&ListFilter::default()).unwrap().is_empty(), "nothing from a failed open");

    target
        .import_encrypted(&mut Cursor::new(&sealed), &OpenWith::Passphrase(SecretString::from("moving day")))
        .unwrap();
    assert_eq!(target.sharing_identity().unwrap().public_key(), source.sharing_identity().unwrap().public_key());
    assert!(target.app_lock().unwrap().unwrap().accepts(&SecretString::from("a long lock phrase")));
    assert_eq!(export(&target), export(&source), "and everything else came along");

    let mut decrypted = Vec::new();
    source.export_encrypted(&ExportTo::Passphrase(SecretString::from("x")), &mut decrypted).unwrap();
    let mut with_secrets = Vec::new();
    std::io::Read::read_to_end(
        &mut age::Decryptor::new(&decrypted[..])
            .unwrap()
            .decrypt(std::iter::once(&age::scrypt::Identity::new(SecretString::from("x")) as &dyn age::Identity))
            .unwrap(),
        &mut with_secrets,
    )
    .unwrap();
    let refused = temp_journal().import_jsonl(&mut Cursor::new(&with_secrets)).unwrap_err();
    assert!(refused.to_string().contains("encrypted full export"), "{refused}");
}

#[test]
fn a_broken_record_in_the_middle_of_a_version_2_file_imports_nothing_and_names_its_line() {
    let file = String::from_utf8(export(&whole_journal())).unwrap();
    let mut lines: Vec<String> = file.lines().map(str::to_owned).collect();
    let middle = lines.iter().position(|l| l.starts_with("{\"type\":\"experiment\"")).unwrap();
    lines[middle] = lines[middle].replace("\"status\":\"concluded\"", "\"status\":\"finished\"");
    let target = temp_journal();
    let err = target.import_jsonl(&mut Cursor::new(lines.join("\n"))).unwrap_err();
    assert!(matches!(err, Error::ImportLine { line, .. } if line == middle + 1), "{err:?}");
    assert!(err.to_string().contains("Nothing was imported"), "{err}");
    assert!(target.list_entries(&ListFilter::default()).unwrap().is_empty(), "all or nothing");
    assert!(target.list_projects().unwrap().is_empty());
}

#[test]
fn a_record_of_an_unknown_type_or_of_a_newer_version_is_refused_with_a_sentence() {
    let header = "{\"format\":\"praxis-jsonl\",\"version\":2}\n";
    let envelope = |t: &str, v: u32| {
        format!("{header}{{\"type\":\"{t}\",\"id\":\"x\",\"v\":{v},\"changed_at\":\"2026-01-01T00:00:00Z\",\"device\":\"ab12\",\"data\":{{\"value\":\"1\"}}}}\n")
    };
    let unknown = temp_journal().import_jsonl(&mut Cursor::new(envelope("attachment", 1))).unwrap_err();
    assert!(
        unknown.to_string().contains("\"attachment\", which this Praxis does not know; update Praxis"),
        "{unknown}"
    );
    let newer = temp_journal().import_jsonl(&mut Cursor::new(envelope("setting", 2))).unwrap_err();
    assert!(newer.to_string().contains("version 2, and this Praxis reads version 1; update Praxis"), "{newer}");
}

#[test]
fn an_import_never_changes_a_locked_expectation() {
    let source = whole_journal();
    let file = String::from_utf8(export(&source)).unwrap();
    let target = temp_journal();
    target.import_jsonl(&mut Cursor::new(&file)).unwrap();
    let hindsight = file.replace("If I wait, they speak", "If I wait, they speak (as I always knew)");
    let err = target.import_jsonl(&mut Cursor::new(&hindsight)).unwrap_err();
    assert!(err.to_string().contains("locked"), "{err}");
    assert_eq!(String::from_utf8(export(&target)).unwrap(), file, "nothing changed");
}

#[test]
fn importing_a_whole_journal_into_a_journal_that_has_it_adds_no_duplicate() {
    let source = whole_journal();
    let file = export(&source);
    let target = temp_journal();
    add(&target, &draft("Already mine", "x"), "2026-01-01T09:00:00Z");
    let first = target.import_jsonl(&mut Cursor::new(&file)).unwrap();
    let again = target.import_jsonl(&mut Cursor::new(&file)).unwrap();
    assert_eq!((again.imported, again.records_imported), (0, 0));
    assert_eq!(
        (again.already_present, again.records_already_present),
        (first.imported, first.records_imported),
        "every record is found by its id"
    );
    assert_eq!(target.list_sessions().unwrap().len(), 1);
    assert_eq!(target.list_commitments(None).unwrap().len(), 2);
    let found = |word: &str| target.search(word, &ListFilter::default(), Default::default()).unwrap().len();
    assert_eq!((found("emotions"), found("mine")), (1, 1), "what came in and what was there are both searchable");
    assert!(target.check().unwrap().is_healthy());
}

#[test]
fn a_version_1_file_still_imports() {
    let v1 = concat!(
        "{\"format\":\"praxis-jsonl\",\"version\":1}\n",
        "{\"id\":\"7d3c0d52-2f4b-4f63-9a55-1c1f3f0d2a11\",\"kind\":\"reflection\",\"title\":\"From version 1\",",
        "\"tags\":[\"old\"],\"occurred_on\":\"2025-06-01\",\"created_at\":\"2025-06-01T09:00:00+00:00\",",
        "\"updated_at\":\"2025-06-01T09:00:00+00:00\",\"starred\":false,\"revision\":1,\"deleted_at\":null,",
        "\"body\":\"Still here.\",\"revisions\":[]}\n"
    );
    let target = temp_journal();
    assert_eq!(target.import_jsonl(&mut Cursor::new(v1)).unwrap().imported, 1);
    let listed = target.list_entries(&ListFilter::default()).unwrap();
    assert_eq!(titles(&listed), ["From version 1"]);
}
