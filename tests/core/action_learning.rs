//! Action learning: projects, experiments and the lock on what was expected,
//! outcomes, peer sessions with their prep sheets, commitments, and the
//! day's and week's look back.

use std::io::Cursor;

use chrono::NaiveDate;

use praxis_core::{
    CommitmentDraft, CommitmentStatus, EntryId, Error, Expectation, ExperimentPlan, ExperimentStatus, Journal, Kind,
    ListFilter, OutcomeDraft, ProjectDraft, ProjectId, Role, SessionDraft, SessionId, SessionNotes,
};

use crate::common::*;

fn plan(hypothesis: &str, review_on: &str) -> ExperimentPlan {
    ExperimentPlan {
        title: String::new(),
        expectation: Expectation {
            hypothesis: hypothesis.to_string(),
            planned_action: "Say nothing for the first ten minutes of the weekly.".to_string(),
            expected_outcome: "Two people propose an agenda item.".to_string(),
            success_signals: "Someone else opens the meeting.".to_string(),
            failure_signals: "Silence, then everyone looks at me.".to_string(),
        },
        starts_on: Some(day("2026-05-04")),
        review_on: day(review_on),
        project: None,
        grew_from: None,
        tags: vec!["delegation".to_string()],
    }
}

fn planned(journal: &Journal, hypothesis: &str, when: &str) -> EntryId {
    journal.plan_experiment(EntryId::random(), &plan(hypothesis, "2026-05-18"), "", at(when)).unwrap().id()
}

fn started(journal: &Journal, hypothesis: &str, when: &str) -> EntryId {
    let id = planned(journal, hypothesis, when);
    journal.move_experiment(id, ExperimentStatus::Running, at(when)).unwrap();
    id
}

fn happened(facts: &str) -> OutcomeDraft {
    OutcomeDraft {
        title: String::new(),
        happened: facts.to_string(),
        surprised: "How long the silence lasted.".to_string(),
        why_different: "They were waiting to see if I meant it.".to_string(),
        occurred_on: None,
    }
}

// --- Experiments -----------------------------------------------------------

#[test]
fn an_experiment_goes_from_planned_to_concluded_and_every_status_is_recorded_with_its_time() {
    let j = temp_journal();
    let id = planned(&j, "If I stay quiet, then the team will lead", "2026-05-01T09:00:00+02:00");
    let experiment = j.get_experiment(id).unwrap();
    assert_eq!(experiment.status, ExperimentStatus::Planned);
    assert_eq!(experiment.entry.kind, Kind::Experiment, "an experiment is an entry of kind experiment");
    assert_eq!(
        experiment.entry.title, "If I stay quiet, then the team will lead",
        "the title defaults to the hypothesis"
    );

    j.move_experiment(id, ExperimentStatus::Running, at("2026-05-04T08:00:00+02:00")).unwrap();
    j.record_outcome(EntryId::random(), id, &happened("Ana opened the meeting."), at("2026-05-04T11:00:00+02:00"))
        .unwrap();
    let done = j
        .conclude_experiment(id, "Silence invites.", "Try it in the planning meeting.", at("2026-05-18T17:00:00+02:00"))
        .unwrap();

    let statuses: Vec<(ExperimentStatus, String)> =
        done.history.iter().map(|c| (c.status, c.at.to_rfc3339())).collect();
    assert_eq!(
        statuses,
        [
            (ExperimentStatus::Planned, "2026-05-01T09:00:00+02:00".to_string()),
            (ExperimentStatus::Running, "2026-05-04T08:00:00+02:00".to_string()),
            (ExperimentStatus::Observed, "2026-05-04T11:00:00+02:00".to_string()),
            (ExperimentStatus::Concluded, "2026-05-18T17:00:00+02:00".to_string()),
        ]
    );
    assert_eq!(done.learning, "Silence invites.");
    assert_eq!(done.next_step, "Try it in the planning meeting.");
}

#[test]
fn starting_an_experiment_locks_its_expectation_with_the_time_and_a_later_change_is_refused_without_changing_anything()
{
    let j = temp_journal();
    let id = started(&j, "If I stay quiet, then the team will lead", "2026-05-04T08:00:00+02:00");
    let before = j.get_experiment(id).unwrap();
    assert_eq!(before.locked_at.unwrap().to_rfc3339(), "2026-05-04T08:00:00+02:00");

    let mut hindsight = before.expectation.clone();
    hindsight.expected_outcome = "Nobody would speak, as I always knew.".to_string();
    let err = j.update_expectation(id, &hindsight, before.starts_on, before.review_on).unwrap_err();
    assert!(matches!(err, Error::ExpectationLocked { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("locked when the experiment started"), "{message}");
    assert!(message.contains("2026-05-04"), "the message says when it was locked: {message}");
    assert_eq!(err.code(), "expectation_locked");
    assert_eq!(j.get_experiment(id).unwrap().expectation, before.expectation, "nothing changed");

    // What comes after goes into learning, and the review may still move.
    j.set_learning(id, "I expected too much too soon.", "").unwrap();
    let moved = j.set_review_date(id, day("2026-05-25")).unwrap();
    assert_eq!(moved.review_on, day("2026-05-25"));
    assert_eq!(moved.expectation, before.expectation);
}

#[test]
fn a_planned_experiment_may_still_change_its_expectation() {
    let j = temp_journal();
    let id = planned(&j, "If I stay quiet, then the team will lead", "2026-05-01T09:00:00+02:00");
    let mut better = j.get_experiment(id).unwrap().expectation;
    better.hypothesis = "If I arrive five minutes late, then someone else starts".to_string();
    let changed = j.update_expectation(id, &better, day("2026-05-04"), day("2026-05-11")).unwrap();
    assert_eq!(changed.expectation.hypothesis, "If I arrive five minutes late, then someone else starts");
    assert_eq!(changed.review_on, day("2026-05-11"));
}

#[test]
fn a_locked_expectation_cannot_be_changed_by_writing_to_the_database_file_directly() {
    let j = temp_journal();
    let id = started(&j, "If I stay quiet, then the team will lead", "2026-05-04T08:00:00+02:00");
    let path = j.path().to_path_buf();
    let raw = keyed_connection(&path);
    for sql in [
        "UPDATE experiments SET expected_outcome = 'rewritten'",
        "UPDATE experiments SET hypothesis = 'rewritten'",
        "UPDATE experiments SET locked_at = NULL",
        "UPDATE experiments SET locked_at = '2030-01-01T00:00:00.000+00:00'",
        "UPDATE experiments SET starts_on = '2026-05-10'",
    ] {
        let err = raw.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("praxis: expectation locked"), "{sql}: {err}");
    }
    let history_edit = raw.execute("UPDATE experiment_events SET at = '2020-01-01T00:00:00.000+00:00'", []);
    assert!(history_edit.is_err(), "the status history is append only");
    drop(raw);
    let experiment = j.get_experiment(id).unwrap();
    assert_eq!(experiment.expectation.expected_outcome, "Two people propose an agenda item.");
    assert_eq!(experiment.locked_at.unwrap().to_rfc3339(), "2026-05-04T08:00:00+02:00");
}

#[test]
fn importing_a_changed_copy_of_a_locked_experiment_leaves_it_as_it_was() {
    let j = temp_journal();
    let id = started(&j, "If I stay quiet, then the team will lead", "2026-05-04T08:00:00+02:00");
    let before = j.get_experiment(id).unwrap();
    let mut export = Vec::new();
    j.export_jsonl(&mut export).unwrap();
    let tampered = String::from_utf8(export).unwrap().replace("\"kind\":\"experiment\"", "\"kind\":\"reflection\"");
    let report = j.import_jsonl(&mut Cursor::new(tampered)).unwrap();
    assert_eq!((report.imported, report.already_present), (0, 1));
    let after = j.get_experiment(id).unwrap();
    assert_eq!(after.expectation, before.expectation);
    assert_eq!(after.entry.kind, Kind::Experiment);
}

#[test]
fn an_experiment_keeps_its_kind_when_its_entry_is_saved_as_another_kind() {
    let j = temp_journal();
    let id = planned(&j, "If I stay quiet, then the team will lead", "2026-05-01T09:00:00+02:00");
    let mut draft = j.get_entry(id).unwrap().draft();
    draft.kind = Kind::Reflection;
    let err = j.update_entry(id, &draft, at("2026-05-02T09:00:00+02:00")).unwrap_err();
    assert!(err.to_string().contains("its kind stays as it is"), "{err}");
    assert_eq!(j.get_entry(id).unwrap().kind, Kind::Experiment);
    // Its notes are an entry's text, edited as any entry.
    draft.kind = Kind::Experiment;
    draft.body = "Remember to tell Ana first.".to_string();
    j.update_entry(id, &draft, at("2026-05-02T09:00:00+02:00")).unwrap();
    assert_eq!(j.get_experiment(id).unwrap().notes, "Remember to tell Ana first.");
}

#[test]
fn a_status_cannot_go_backwards_and_each_refusal_says_why() {
    let j = temp_journal();
    let id = started(&j, "If I stay quiet, then the team will lead", "2026-05-04T08:00:00+02:00");
    let back = j.move_experiment(id, ExperimentStatus::Planned, at("2026-05-05T08:00:00+02:00")).unwrap_err();
    assert!(back.to_string().contains("cannot go back from running to planned"), "{back}");
    let skip = j.move_experiment(id, ExperimentStatus::Concluded, at("2026-05-05T08:00:00+02:00")).unwrap_err();
    assert!(skip.to_string().contains("Record what you observed first"), "{skip}");
    assert_eq!(j.get_experiment(id).unwrap().history.len(), 2, "refusals record nothing");
    let refused = j.conclude_experiment(id, "Too early to say", "", at("2026-05-05T08:00:00+02:00")).unwrap_err();
    assert!(refused.to_string().contains("Record what you observed first"), "{refused}");
    assert_eq!(j.get_experiment(id).unwrap().learning, "", "a refused conclusion writes no learning either");

    let fresh = planned(&j, "If I ask first, then I learn more", "2026-05-04T08:00:00+02:00");
    let early = j.move_experiment(fresh, ExperimentStatus::Observed, at("2026-05-05T08:00:00+02:00")).unwrap_err();
    assert!(early.to_string().contains("Start the experiment first"), "{early}");
}

#[test]
fn an_abandoned_experiment_can_be_planned_again_and_the_retry_is_recorded_as_such() {
    let j = temp_journal();
    let id = started(&j, "If I stay quiet, then the team will lead", "2026-05-04T08:00:00+02:00");
    j.move_experiment(id, ExperimentStatus::Abandoned, at("2026-05-06T08:00:00+02:00")).unwrap();
    let retried = j.move_experiment(id, ExperimentStatus::Planned, at("2026-05-07T08:00:00+02:00")).unwrap();
    let last = retried.history.last().unwrap();
    assert_eq!((last.status, last.retry), (ExperimentStatus::Planned, true));
    assert!(retried.history[..3].iter().all(|c| !c.retry), "only the retry is marked");
    assert_eq!(
        retried.locked_at.unwrap().to_rfc3339(),
        "2026-05-04T08:00:00+02:00",
        "a retry does not unlock what was expected the first time"
    );
    let err = j.update_expectation(id, &retried.expectation, retried.starts_on, retried.review_on).unwrap_err();
    assert!(matches!(err, Error::ExpectationLocked { .. }));
    let restarted = j.move_experiment(id, ExperimentStatus::Running, at("2026-05-08T08:00:00+02:00")).unwrap();
    assert_eq!(restarted.locked_at, retried.locked_at);
}

#[test]
fn an_experiment_starts_only_once_it_says_what_will_be_done_and_what_is_expected() {
    let j = temp_journal();
    let mut vague = plan("If I stay quiet, then the team will lead", "2026-05-18");
    vague.expectation.planned_action = String::new();
    vague.expectation.expected_outcome = "  ".to_string();
    let id = j.plan_experiment(EntryId::random(), &vague, "", at("2026-05-01T09:00:00+02:00")).unwrap().id();
    let err = j.move_experiment(id, ExperimentStatus::Running, at("2026-05-04T08:00:00+02:00")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Write the planned action and the expected outcome before you start: what you expect is locked when the experiment starts."
    );
    assert_eq!(j.get_experiment(id).unwrap().status, ExperimentStatus::Planned);
    assert!(j.get_experiment(id).unwrap().locked_at.is_none());
}

#[test]
fn a_review_date_before_the_start_is_refused_with_a_sentence_saying_why() {
    let j = temp_journal();
    let err = j
        .plan_experiment(EntryId::random(), &plan("If I …", "2026-05-01"), "", at("2026-04-20T09:00:00+02:00"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The review date 2026-05-01 is before the start date 2026-05-04: there would be nothing to review yet. \
         Pick a review date on or after the start."
    );
    assert!(j.list_experiments(None, day("2026-05-01")).unwrap().is_empty(), "nothing was planned");
    let id = planned(&j, "If I …", "2026-05-01T09:00:00+02:00");
    assert!(j.set_review_date(id, day("2026-05-03")).is_err());
}

#[test]
fn an_experiment_needs_a_hypothesis() {
    let j = temp_journal();
    let err = j.plan_experiment(EntryId::random(), &plan("   ", "2026-05-18"), "", at("2026-05-01T09:00:00+02:00"));
    assert!(err.unwrap_err().to_string().contains("needs a hypothesis"));
}

// --- Outcomes --------------------------------------------------------------

#[test]
fn an_outcome_cannot_be_linked_to_a_missing_experiment_or_to_an_entry_that_is_not_one() {
    let j = temp_journal();
    let missing =
        j.record_outcome(EntryId::random(), EntryId::random(), &happened("x"), at("2026-05-04T11:00:00+02:00"));
    assert!(missing.unwrap_err().to_string().contains("There is no experiment"), "a missing experiment is named");
    let reflection = add(&j, &draft("Not an experiment", "…"), "2026-05-04T09:00:00+02:00");
    let err = j.record_outcome(EntryId::random(), reflection.id, &happened("x"), at("2026-05-04T11:00:00+02:00"));
    assert!(matches!(err, Err(Error::NotAnExperiment(_))));
    assert_eq!(j.list_entries(&ListFilter::default()).unwrap().len(), 1, "no outcome entry was written");
}

#[test]
fn an_outcome_needs_an_experiment_that_has_started() {
    let j = temp_journal();
    let id = planned(&j, "If I stay quiet, then the team will lead", "2026-05-01T09:00:00+02:00");
    let err = j.record_outcome(EntryId::random(), id, &happened("x"), at("2026-05-04T11:00:00+02:00")).unwrap_err();
    assert!(err.to_string().contains("has not started"), "{err}");
}

#[test]
fn an_experiment_has_several_outcomes_and_shows_expected_beside_actual() {
    let j = temp_journal();
    let id = started(&j, "If I stay quiet, then the team will lead", "2026-05-04T08:00:00+02:00");
    let first = j
        .record_outcome(EntryId::random(), id, &happened("Ana opened the meeting."), at("2026-05-04T11:00:00+02:00"))
        .unwrap();
    j.record_outcome(
        EntryId::random(),
        id,
        &OutcomeDraft { title: "Second week".into(), ..happened("Nobody spoke for a minute.") },
        at("2026-05-11T11:00:00+02:00"),
    )
    .unwrap();
    let outcome_entry = j.get_entry(first.id).unwrap();
    assert_eq!(outcome_entry.kind, Kind::Outcome);
    assert_eq!(outcome_entry.body, "Ana opened the meeting.", "what happened is the outcome's text");
    assert_eq!(outcome_entry.title, "Outcome: If I stay quiet, then the team will lead");

    let experiment = j.get_experiment(id).unwrap();
    assert_eq!(experiment.status, ExperimentStatus::Observed);
    let actual: Vec<&str> = experiment.outcomes.iter().map(|o| o.happened.as_str()).collect();
    assert_eq!(actual, ["Ana opened the meeting.", "Nobody spoke for a minute."]);
    assert_eq!(experiment.expectation.expected_outcome, "Two people propose an agenda item.");
    assert_eq!(experiment.outcomes[0].why_different, "They were waiting to see if I meant it.");
    assert_eq!(j.get_outcome(first.id).unwrap().unwrap().experiment, id);
}

// --- The ledger ------------------------------------------------------------

#[test]
fn the_ledger_puts_due_and_overdue_reviews_first_then_follows_the_cycle() {
    let j = temp_journal();
    let plan_on = |hypothesis: &str, review: &str| {
        j.plan_experiment(EntryId::random(), &plan(hypothesis, review), "", at("2026-05-01T09:00:00+02:00"))
            .unwrap()
            .id()
    };
    let later = plan_on("Later", "2026-06-30");
    let overdue = plan_on("Overdue", "2026-05-10");
    let due_today = plan_on("Due today", "2026-05-20");
    let running = plan_on("Running", "2026-06-15");
    j.move_experiment(running, ExperimentStatus::Running, at("2026-05-04T09:00:00+02:00")).unwrap();
    let finished = plan_on("Finished long ago", "2026-05-05");
    j.move_experiment(finished, ExperimentStatus::Abandoned, at("2026-05-04T09:00:00+02:00")).unwrap();

    let ledger = j.list_experiments(None, day("2026-05-20")).unwrap();
    let order: Vec<&str> = ledger.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(order, ["Overdue", "Due today", "Running", "Later", "Finished long ago"]);
    assert!(ledger[0].review_due && ledger[1].review_due && !ledger[2].review_due);
    assert!(!ledger[4].review_due, "an abandoned experiment has no review due");
    let only_running = j.list_experiments(Some(ExperimentStatus::Running), day("2026-05-20")).unwrap();
    assert_eq!(only_running.iter().map(|e| e.id).collect::<Vec<_>>(), [running]);
    let _ = (later, overdue, due_today);
}

#[test]
fn the_chain_follows_an_experiment_to_the_ones_that_grew_from_it() {
    let j = temp_journal();
    let root = started(&j, "Root", "2026-05-01T09:00:00+02:00");
    let grow = |from: EntryId, hypothesis: &str, when: &str| {
        let p = ExperimentPlan { grew_from: Some(from), ..plan(hypothesis, "2026-05-18") };
        j.plan_experiment(EntryId::random(), &p, "", at(when)).unwrap().id()
    };
    let child = grow(root, "Child", "2026-05-02T09:00:00+02:00");
    let grandchild = grow(child, "Grandchild", "2026-05-03T09:00:00+02:00");
    let sibling = grow(root, "Sibling", "2026-05-04T09:00:00+02:00");
    planned(&j, "Unrelated", "2026-05-05T09:00:00+02:00");

    let chain: Vec<(usize, EntryId)> =
        j.experiment_chain(root, day("2026-05-10")).unwrap().into_iter().map(|(d, e)| (d, e.id)).collect();
    assert_eq!(chain, [(0, root), (1, child), (2, grandchild), (1, sibling)]);
    assert_eq!(j.get_experiment(grandchild).unwrap().grew_from, Some(child));
    let missing = ExperimentPlan { grew_from: Some(EntryId::random()), ..plan("Orphan", "2026-05-18") };
    assert!(j.plan_experiment(EntryId::random(), &missing, "", at("2026-05-05T09:00:00+02:00")).is_err());
}

// --- Projects --------------------------------------------------------------

#[test]
fn an_entry_written_in_a_project_belongs_to_it_from_the_start_and_is_read_with_it() {
    let j = temp_journal();
    let p = project(&j, "Handing over the weekly");
    let created = j
        .create_entry_in(EntryId::random(), &draft("In the project", "…"), Some(p), at("2026-05-01T09:00:00+02:00"))
        .unwrap();
    assert_eq!(created.project, Some(p), "what create returns says where it is");
    assert_eq!(j.get_entry(created.id).unwrap().project, Some(p), "one read gives the entry and its project");
    let elsewhere = add(&j, &draft("Outside", "…"), "2026-05-01T10:00:00+02:00");
    assert_eq!(elsewhere.project, None);
    j.set_entry_project(elsewhere.id, Some(p)).unwrap();
    assert_eq!(j.get_entry(elsewhere.id).unwrap().project, Some(p));
}

#[test]
fn an_entry_for_a_project_that_is_gone_is_not_written_at_all() {
    let j = temp_journal();
    let gone = ProjectId::random();
    let refused =
        j.create_entry_in(EntryId::random(), &draft("Lost", "words"), Some(gone), at("2026-05-01T09:00:00+02:00"));
    assert!(matches!(refused, Err(Error::ProjectNotFound(_))), "{refused:?}");
    assert!(j.list_entries(&ListFilter::default()).unwrap().is_empty(), "the entry and its project are one step");
}

#[test]
fn deleting_a_project_keeps_its_entries_experiments_and_sessions_without_a_project() {
    let j = temp_journal();
    let p = project(&j, "Handing over the weekly");
    let entry = add(&j, &draft("In the project", "…"), "2026-05-01T09:00:00+02:00");
    j.set_entry_project(entry.id, Some(p)).unwrap();
    let experiment = j
        .plan_experiment(
            EntryId::random(),
            &ExperimentPlan { project: Some(p), ..plan("If I …", "2026-05-18") },
            "",
            at("2026-05-01T09:00:00+02:00"),
        )
        .unwrap()
        .id();
    let session = j
        .create_session(
            SessionId::random(),
            &SessionDraft {
                held_on: day("2026-05-20"),
                group_name: "Set A".into(),
                role: Role::Presenter,
                project: Some(p),
            },
            at("2026-05-01T09:00:00+02:00"),
        )
        .unwrap();
    let overview = j.project_overview(p, day("2026-05-10")).unwrap();
    assert_eq!(overview.entries.len(), 2, "the entry and the experiment");
    assert_eq!(overview.experiments.len(), 1);
    assert_eq!(overview.sessions.len(), 1);

    assert_eq!(j.delete_project(p).unwrap(), 2);
    assert!(matches!(j.get_project(p), Err(Error::ProjectNotFound(_))));
    assert_eq!(j.get_entry(entry.id).unwrap().title, "In the project");
    assert_eq!(j.entry_project(entry.id).unwrap(), None);
    assert_eq!(j.get_experiment(experiment).unwrap().project, None);
    assert_eq!(j.get_session(session.id).unwrap().project, None);
    assert_eq!(j.list_entries(&ListFilter::default()).unwrap().len(), 2);
}

#[test]
fn a_project_filter_narrows_the_list_the_search_and_the_days() {
    let j = temp_journal();
    let p = project(&j, "Handing over the weekly");
    let inside = add(&j, &draft("Weekly handover", "the team"), "2026-05-01T09:00:00+02:00");
    add(&j, &draft("Budget", "the team"), "2026-05-02T09:00:00+02:00");
    j.set_entry_project(inside.id, Some(p)).unwrap();
    let filter = ListFilter { project: Some(p), ..Default::default() };
    assert_eq!(titles(&j.list_entries(&filter).unwrap()), ["Weekly handover"]);
    let hits = j.search("team", &filter, Default::default()).unwrap();
    assert_eq!(hits.iter().map(|h| h.entry.title.as_str()).collect::<Vec<_>>(), ["Weekly handover"]);
    assert_eq!(j.timeline_days(&filter).unwrap().len(), 1);
    assert_eq!(j.list_entries(&ListFilter::default()).unwrap().len(), 2);
}

#[test]
fn a_project_ends_after_it_starts_and_needs_a_name() {
    let j = temp_journal();
    let mut bad = ProjectDraft {
        name: "Handing over".into(),
        challenge: String::new(),
        starts_on: day("2026-06-01"),
        ends_on: day("2026-05-01"),
        status: Default::default(),
    };
    let err = j.create_project(ProjectId::random(), &bad, at("2026-05-01T09:00:00+02:00")).unwrap_err();
    assert!(err.to_string().contains("before the start"), "{err}");
    bad.ends_on = day("2026-12-01");
    bad.name = "  ".into();
    assert!(j.create_project(ProjectId::random(), &bad, at("2026-05-01T09:00:00+02:00")).is_err());
    assert!(j.list_projects().unwrap().is_empty());
}

// --- Peer sessions and commitments ----------------------------------------

fn session(j: &Journal, on: &str) -> SessionId {
    let draft =
        SessionDraft { held_on: day(on), group_name: "Tuesday set".into(), role: Role::Presenter, project: None };
    j.create_session(SessionId::random(), &draft, at(&format!("{on}T08:00:00+02:00"))).unwrap().id
}

fn commit(j: &Journal, s: SessionId, on: &str, what: &[&str]) -> Vec<praxis_core::CommitmentId> {
    let notes = SessionNotes {
        notes: "We talked.".into(),
        insights: "Questions beat advice.".into(),
        commitments: what.iter().map(|w| CommitmentDraft { what: w.to_string(), due_on: None }).collect(),
    };
    let saved = j.record_session_notes(s, &notes, at(&format!("{on}T18:00:00+02:00"))).unwrap();
    saved.commitments.iter().filter(|c| what.contains(&c.what.as_str())).map(|c| c.id).collect()
}

#[test]
fn three_sessions_each_get_a_prep_sheet_with_exactly_the_commitments_experiments_and_outcomes_since_the_one_before() {
    let j = temp_journal();
    // Before the first session.
    let early = started(&j, "Early experiment", "2026-04-20T09:00:00+02:00");
    j.record_outcome(
        EntryId::random(),
        early,
        &OutcomeDraft { occurred_on: Some(day("2026-04-25")), ..happened("Early facts") },
        at("2026-04-25T09:00:00+02:00"),
    )
    .unwrap();

    let first = session(&j, "2026-05-01");
    let sheet = j.prep_sheet(first, day("2026-05-01")).unwrap();
    assert_eq!(sheet.since, None);
    assert!(sheet.commitments.is_empty());
    assert_eq!(sheet.experiments.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["Early experiment"]);
    assert_eq!(sheet.outcomes.iter().map(|o| o.happened.as_str()).collect::<Vec<_>>(), ["Early facts"]);
    let [ask_sam, write_plan, call_hr] = commit(&j, first, "2026-05-01", &["Ask Sam", "Write the plan", "Call HR"])[..]
    else {
        panic!("three commitments")
    };

    // Between the first and the second session.
    let middle = started(&j, "Middle experiment", "2026-05-05T09:00:00+02:00");
    j.record_outcome(
        EntryId::random(),
        middle,
        &OutcomeDraft { occurred_on: Some(day("2026-05-08")), ..happened("Middle facts") },
        at("2026-05-08T09:00:00+02:00"),
    )
    .unwrap();
    j.set_commitment_status(ask_sam, CommitmentStatus::Done, at("2026-05-06T09:00:00+02:00")).unwrap();
    j.set_commitment_status(call_hr, CommitmentStatus::Dropped, at("2026-05-07T09:00:00+02:00")).unwrap();

    let second = session(&j, "2026-05-15");
    let sheet = j.prep_sheet(second, day("2026-05-14")).unwrap();
    assert_eq!(sheet.since, Some(day("2026-05-01")));
    let carried: Vec<(&str, CommitmentStatus)> =
        sheet.commitments.iter().map(|c| (c.what.as_str(), c.status)).collect();
    assert_eq!(
        carried,
        [
            ("Ask Sam", CommitmentStatus::Done),
            ("Write the plan", CommitmentStatus::Open),
            ("Call HR", CommitmentStatus::Dropped)
        ]
    );
    assert_eq!(sheet.experiments.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["Middle experiment"]);
    assert_eq!(sheet.outcomes.iter().map(|o| o.happened.as_str()).collect::<Vec<_>>(), ["Middle facts"]);
    let [book_room] = commit(&j, second, "2026-05-15", &["Book the room"])[..] else { panic!("one commitment") };

    // Between the second and the third: the early experiment is concluded.
    j.conclude_experiment(early, "It worked.", "", at("2026-05-20T09:00:00+02:00")).unwrap();
    let third = session(&j, "2026-05-29");
    let sheet = j.prep_sheet(third, day("2026-05-28")).unwrap();
    assert_eq!(sheet.since, Some(day("2026-05-15")));
    let carried: Vec<&str> = sheet.commitments.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(
        carried,
        ["Write the plan", "Book the room"],
        "the open one from the first session comes back; closed ones do not"
    );
    assert_eq!(
        sheet.experiments.iter().map(|e| (e.title.as_str(), e.status)).collect::<Vec<_>>(),
        [("Early experiment", ExperimentStatus::Concluded)]
    );
    assert!(sheet.outcomes.is_empty());

    // Closing the carried commitment takes it off the next sheet.
    j.set_commitment_status(write_plan, CommitmentStatus::Done, at("2026-05-28T09:00:00+02:00")).unwrap();
    let sheet = j.prep_sheet(third, day("2026-05-28")).unwrap();
    let carried: Vec<(&str, CommitmentStatus)> =
        sheet.commitments.iter().map(|c| (c.what.as_str(), c.status)).collect();
    assert_eq!(carried, [("Write the plan", CommitmentStatus::Done), ("Book the room", CommitmentStatus::Open)]);
    let _ = book_room;

    let markdown = sheet.markdown(day("2026-05-28"));
    assert!(markdown.contains("## Update since last time"), "{markdown}");
    assert!(markdown.contains("Since the session on 2026-05-15"), "{markdown}");
    assert!(markdown.contains("- [x] Write the plan — done"), "{markdown}");
    assert!(markdown.contains("- [ ] Book the room"), "{markdown}");
    assert!(markdown.contains("**Early experiment** — concluded"), "{markdown}");
}

#[test]
fn the_saved_prep_sheet_keeps_the_edits_as_a_session_prep_entry() {
    let j = temp_journal();
    let s = session(&j, "2026-05-01");
    let sheet = j.prep_sheet(s, day("2026-05-01")).unwrap();
    let edited = sheet.markdown(day("2026-05-01")).replace("…", "My own words");
    let saved = j
        .save_prep(s, "The team waits for me.", "What keeps them waiting?", &edited, at("2026-04-30T20:00:00+02:00"))
        .unwrap();
    let entry = j.get_entry(saved.prep_entry.unwrap()).unwrap();
    assert_eq!(entry.kind, Kind::SessionPrep);
    assert_eq!(entry.body, edited);
    assert_eq!(entry.occurred_on, day("2026-05-01"));
    assert_eq!(j.prep_sheet(s, day("2026-05-01")).unwrap().issue, "The team waits for me.");
    // Saving again is a new version of the same entry, not a second entry.
    let again = j.save_prep(s, "The team waits.", "", "Shorter.", at("2026-04-30T21:00:00+02:00")).unwrap();
    assert_eq!(again.prep_entry, saved.prep_entry);
    assert_eq!(j.history(entry.id).unwrap().len(), 2);
    assert!(j.save_prep(s, "Two\nlines", "", "", at("2026-04-30T21:00:00+02:00")).is_err());
}

#[test]
fn session_notes_are_an_entry_and_commitments_are_due_on_or_after_the_session() {
    let j = temp_journal();
    let s = session(&j, "2026-05-01");
    let too_early = SessionNotes {
        commitments: vec![CommitmentDraft { what: "Ask Sam".into(), due_on: Some(day("2026-04-30")) }],
        ..Default::default()
    };
    let err = j.record_session_notes(s, &too_early, at("2026-05-01T18:00:00+02:00")).unwrap_err();
    assert!(err.to_string().contains("before the session on 2026-05-01"), "{err}");
    assert!(j.list_commitments(None).unwrap().is_empty(), "nothing was saved");

    let notes = SessionNotes {
        notes: "Ana asked what I was afraid of.".into(),
        insights: "I fear losing touch.".into(),
        commitments: vec![CommitmentDraft { what: "Ask Sam".into(), due_on: Some(day("2026-05-08")) }],
    };
    let saved = j.record_session_notes(s, &notes, at("2026-05-01T18:00:00+02:00")).unwrap();
    let entry = j.get_entry(saved.notes_entry.unwrap()).unwrap();
    assert_eq!(entry.kind, Kind::SessionNotes);
    assert!(
        entry.body.contains("I fear losing touch.") && entry.body.contains("- [ ] Ask Sam (by 2026-05-08)"),
        "{}",
        entry.body
    );
    let c = &saved.commitments[0];
    assert!(!c.is_overdue(day("2026-05-08")) && c.is_overdue(day("2026-05-09")));
    let again = j.set_commitment_status(c.id, CommitmentStatus::Done, at("2026-05-03T09:00:00+02:00")).unwrap();
    assert!(again.closed_at.is_some());
    assert!(j.set_commitment_status(c.id, CommitmentStatus::Done, at("2026-05-03T09:00:00+02:00")).is_err());
    let reopened = j.set_commitment_status(c.id, CommitmentStatus::Open, at("2026-05-04T09:00:00+02:00")).unwrap();
    assert_eq!(reopened.closed_at, None);
}

// --- Today and the week -----------------------------------------------------

#[test]
fn today_lists_reviews_due_sessions_today_or_tomorrow_commitments_due_and_entries_on_this_day() {
    let j = temp_journal();
    let due = j
        .plan_experiment(EntryId::random(), &plan("Due", "2026-05-20"), "", at("2026-05-01T09:00:00+02:00"))
        .unwrap()
        .id();
    j.plan_experiment(EntryId::random(), &plan("Not yet", "2026-05-21"), "", at("2026-05-01T09:00:00+02:00")).unwrap();
    let tomorrow = session(&j, "2026-05-21");
    session(&j, "2026-05-22");
    let c = commit(&j, session(&j, "2026-05-10"), "2026-05-10", &["Overdue thing"]);
    let _ = c;
    let mut dated = draft("A year ago", "…");
    dated.occurred_on = Some(day("2025-05-20"));
    add(&j, &dated, "2025-05-20T09:00:00+02:00");
    dated.title = "A month ago".into();
    dated.occurred_on = Some(day("2026-04-20"));
    add(&j, &dated, "2026-04-20T09:00:00+02:00");
    dated.title = "Another day".into();
    dated.occurred_on = Some(day("2026-04-21"));
    add(&j, &dated, "2026-04-21T09:00:00+02:00");

    let today = j.today(day("2026-05-20")).unwrap();
    assert_eq!(today.reviews.iter().map(|e| e.id).collect::<Vec<_>>(), [due]);
    assert_eq!(today.sessions.iter().map(|s| s.id).collect::<Vec<_>>(), [tomorrow]);
    assert!(today.commitments.is_empty(), "a commitment with no due day is not due");
    assert_eq!(titles(&today.on_this_day), ["A month ago", "A year ago"]);
}

#[test]
fn the_weekly_review_lists_the_weeks_experiments_outcomes_and_every_open_commitment() {
    let j = temp_journal();
    started(&j, "Last week", "2026-05-08T09:00:00+02:00");
    let this_week = started(&j, "This week", "2026-05-12T09:00:00+02:00");
    j.record_outcome(
        EntryId::random(),
        this_week,
        &OutcomeDraft { occurred_on: Some(day("2026-05-13")), ..happened("Facts") },
        at("2026-05-13T09:00:00+02:00"),
    )
    .unwrap();
    commit(&j, session(&j, "2026-05-01"), "2026-05-01", &["Still open"]);
    let week = j.week_review(day("2026-05-14")).unwrap();
    assert_eq!((week.from, week.to), (day("2026-05-11"), day("2026-05-17")));
    assert_eq!(week.experiments.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["This week"]);
    assert_eq!(week.outcomes.len(), 1);
    assert_eq!(week.open_commitments.iter().map(|c| c.what.as_str()).collect::<Vec<_>>(), ["Still open"]);

    let text = week.markdown(day("2026-05-14"));
    assert!(text.starts_with("# The week of 2026-05-11 to 2026-05-17\n"), "{text}");
    assert!(text.contains("- **This week** — observed, review on 2026-05-18"), "{text}");
    assert!(!text.contains("Last week"), "only the week's experiments: {text}");
    assert!(text.contains("from \"This week\": Facts"), "{text}");
    assert!(text.contains("- [ ] Still open"), "{text}");
    let asks: Vec<&str> = praxis_core::WEEK_PROMPTS.to_vec();
    let at_end: Vec<&str> = text.lines().filter(|l| l.starts_with("## What")).map(|l| &l[3..]).collect();
    assert_eq!(at_end, asks, "the review's questions come last, each a heading to write under");
}

// --- Recording late ---------------------------------------------------------

#[test]
fn an_experiment_started_observed_and_concluded_on_earlier_days_keeps_each_day_and_when_it_was_written() {
    let j = temp_journal();
    // Everything is written on Monday 2026-05-11 about the week before.
    let monday = "2026-05-11T20:00:00+02:00";
    let id = planned(&j, "If I stay quiet, then the team will lead", monday);
    let started = j.move_experiment_on(id, ExperimentStatus::Running, Some(day("2026-05-06")), at(monday)).unwrap();
    assert_eq!(started.locked_at.unwrap().to_rfc3339(), monday, "the lock keeps the time it was written");
    j.record_outcome(
        EntryId::random(),
        id,
        &OutcomeDraft { occurred_on: Some(day("2026-05-07")), ..happened("Ana opened the meeting.") },
        at(monday),
    )
    .unwrap();
    let done = j.conclude_experiment_on(id, "Silence invites.", "", Some(day("2026-05-08")), at(monday)).unwrap();

    let history: Vec<(ExperimentStatus, String, String)> =
        done.history.iter().map(|c| (c.status, c.happened_on.to_string(), c.at.to_rfc3339())).collect();
    assert_eq!(
        history,
        [
            (ExperimentStatus::Planned, "2026-05-11".to_string(), monday.to_string()),
            (ExperimentStatus::Running, "2026-05-06".to_string(), monday.to_string()),
            (ExperimentStatus::Observed, "2026-05-07".to_string(), monday.to_string()),
            (ExperimentStatus::Concluded, "2026-05-08".to_string(), monday.to_string()),
        ]
    );

    let earlier_week = j.week_review(day("2026-05-07")).unwrap();
    assert_eq!(
        earlier_week.experiments.iter().map(|e| e.id).collect::<Vec<_>>(),
        [id],
        "the week it happened counts the moves"
    );
    let session = session(&j, "2026-05-09");
    let sheet = j.prep_sheet(session, day("2026-05-11")).unwrap();
    assert_eq!(sheet.experiments.iter().map(|e| e.id).collect::<Vec<_>>(), [id], "the prep sheet too");
}

#[test]
fn a_move_dated_after_today_is_refused_with_a_sentence_and_changes_nothing() {
    let j = temp_journal();
    let now = "2026-05-11T20:00:00+02:00";
    let id = planned(&j, "If I stay quiet, then the team will lead", now);
    let err = j.move_experiment_on(id, ExperimentStatus::Running, Some(day("2026-05-12")), at(now)).unwrap_err();
    assert_eq!(err.code(), "out_of_range");
    assert!(err.to_string().contains("2026-05-12 is after today (2026-05-11)"), "{err}");
    assert!(err.to_string().contains("today or an earlier day"), "it says what to do: {err}");
    let unchanged = j.get_experiment(id).unwrap();
    assert_eq!((unchanged.status, unchanged.locked_at, unchanged.history.len()), (ExperimentStatus::Planned, None, 1));

    j.move_experiment(id, ExperimentStatus::Running, at(now)).unwrap();
    let later = OutcomeDraft { occurred_on: Some(day("2026-05-13")), ..happened("Not yet happened.") };
    assert!(j.record_outcome(EntryId::random(), id, &later, at(now)).is_err());
    assert!(j.get_experiment(id).unwrap().outcomes.is_empty(), "no outcome was saved");

    let s = session(&j, "2026-05-01");
    let [c] = commit(&j, s, "2026-05-01", &["Ask Sam"])[..] else { panic!("one commitment") };
    let err = j.set_commitment_status_on(c, CommitmentStatus::Done, Some(day("2026-05-12")), at(now)).unwrap_err();
    assert!(err.to_string().contains("is after today"), "{err}");
    let still = &j.list_commitments(None).unwrap()[0];
    assert_eq!((still.status, still.closed_at, still.closed_on), (CommitmentStatus::Open, None, None));
}

#[test]
fn an_outcome_or_a_conclusion_dated_before_the_experiment_started_is_refused_with_the_day_to_use() {
    let j = temp_journal();
    let now = "2026-05-11T20:00:00+02:00";
    let id = planned(&j, "If I stay quiet, then the team will lead", now);
    j.move_experiment_on(id, ExperimentStatus::Running, Some(day("2026-05-06")), at(now)).unwrap();
    let too_early = OutcomeDraft { occurred_on: Some(day("2026-05-05")), ..happened("Before it started.") };
    let err = j.record_outcome(EntryId::random(), id, &too_early, at(now)).unwrap_err();
    assert!(err.to_string().contains("started on 2026-05-06"), "{err}");
    assert!(err.to_string().contains("Give a day on or after 2026-05-06"), "{err}");
    let unchanged = j.get_experiment(id).unwrap();
    assert_eq!((unchanged.status, unchanged.outcomes.len()), (ExperimentStatus::Running, 0));

    let on_time = OutcomeDraft { occurred_on: Some(day("2026-05-06")), ..happened("The same day.") };
    j.record_outcome(EntryId::random(), id, &on_time, at(now)).unwrap();
    let err = j.conclude_experiment_on(id, "Hindsight.", "", Some(day("2026-05-04")), at(now)).unwrap_err();
    assert!(err.to_string().contains("cannot have been concluded on 2026-05-04"), "{err}");
    let unchanged = j.get_experiment(id).unwrap();
    assert_eq!(
        (unchanged.status, unchanged.learning.as_str()),
        (ExperimentStatus::Observed, ""),
        "no learning written"
    );
}

#[test]
fn a_commitment_done_on_an_earlier_day_is_on_the_next_prep_sheet_as_closed_that_day_and_not_on_the_one_after() {
    let j = temp_journal();
    let first = session(&j, "2026-05-01");
    let [ask_sam] = commit(&j, first, "2026-05-01", &["Ask Sam"])[..] else { panic!("one commitment") };
    let second = session(&j, "2026-05-15");
    let third = session(&j, "2026-05-29");

    // Done the day before the second session, written down after it.
    let err = j
        .set_commitment_status_on(
            ask_sam,
            CommitmentStatus::Done,
            Some(day("2026-04-30")),
            at("2026-05-20T09:00:00+02:00"),
        )
        .unwrap_err();
    assert!(err.to_string().contains("made at the session on 2026-05-01"), "{err}");
    assert!(err.to_string().contains("Give a day on or after 2026-05-01"), "{err}");
    let done = j
        .set_commitment_status_on(
            ask_sam,
            CommitmentStatus::Done,
            Some(day("2026-05-14")),
            at("2026-05-20T09:00:00+02:00"),
        )
        .unwrap();
    assert_eq!(done.closed_on, Some(day("2026-05-14")));
    assert_eq!(done.closed_at.unwrap().to_rfc3339(), "2026-05-20T09:00:00+02:00", "and when it was written");

    let sheet = j.prep_sheet(second, day("2026-05-20")).unwrap();
    let carried: Vec<(&str, CommitmentStatus, Option<NaiveDate>)> =
        sheet.commitments.iter().map(|c| (c.what.as_str(), c.status, c.closed_on)).collect();
    assert_eq!(carried, [("Ask Sam", CommitmentStatus::Done, Some(day("2026-05-14")))]);
    let markdown = sheet.markdown(day("2026-05-20"));
    assert!(markdown.contains("- [x] Ask Sam — done on 2026-05-14"), "{markdown}");
    assert!(
        j.prep_sheet(third, day("2026-05-20")).unwrap().commitments.is_empty(),
        "closed before the second session: not news at the third"
    );

    // Reopened, it has no day; done without a day, it is done today.
    let reopened = j.set_commitment_status(ask_sam, CommitmentStatus::Open, at("2026-05-21T09:00:00+02:00")).unwrap();
    assert_eq!((reopened.closed_at, reopened.closed_on), (None, None));
    let today = j.set_commitment_status(ask_sam, CommitmentStatus::Dropped, at("2026-05-22T09:00:00+02:00")).unwrap();
    assert_eq!(today.closed_on, Some(day("2026-05-22")));
}

#[test]
fn moves_and_commitments_written_before_the_day_was_kept_count_the_day_they_were_written_in_its_own_offset() {
    let j = temp_journal();
    let id = planned(&j, "If I stay quiet, then the team will lead", "2026-05-04T09:00:00+02:00");
    let s = session(&j, "2026-05-01");
    commit(&j, s, "2026-05-01", &["Ask Sam"]);
    let raw = keyed_connection(j.path());
    raw.execute(
        "INSERT INTO experiment_events (experiment_id, status, at) SELECT entry_id, 'abandoned', '2026-05-10T23:30:00.000-05:00' FROM experiments",
        [],
    )
    .unwrap();
    raw.execute("UPDATE experiments SET status = 'abandoned'", []).unwrap();
    raw.execute("UPDATE commitments SET status = 'done', closed_at = '2026-05-10T23:30:00.000-05:00'", []).unwrap();
    drop(raw);
    let history = j.get_experiment(id).unwrap().history;
    assert_eq!(history.last().unwrap().happened_on, day("2026-05-10"), "the writer's day, not UTC's");
    assert_eq!(j.list_commitments(None).unwrap()[0].closed_on, Some(day("2026-05-10")));
}

// --- Reminders --------------------------------------------------------------

#[test]
fn a_review_due_and_a_session_tomorrow_are_reminded_once_each_and_a_concluded_or_abandoned_experiment_not_at_all() {
    let j = temp_journal();
    let due = j
        .plan_experiment(EntryId::random(), &plan("Due today", "2026-05-20"), "", at("2026-05-01T09:00:00+02:00"))
        .unwrap()
        .id();
    let next = j
        .plan_experiment(EntryId::random(), &plan("Not yet", "2026-05-21"), "", at("2026-05-01T09:00:00+02:00"))
        .unwrap()
        .id();
    let closed = j
        .plan_experiment(EntryId::random(), &plan("Given up", "2026-05-19"), "", at("2026-05-01T09:00:00+02:00"))
        .unwrap()
        .id();
    j.move_experiment(closed, ExperimentStatus::Abandoned, at("2026-05-02T09:00:00+02:00")).unwrap();
    let finished = j
        .plan_experiment(EntryId::random(), &plan("Learnt from", "2026-05-19"), "", at("2026-05-01T09:00:00+02:00"))
        .unwrap()
        .id();
    j.move_experiment(finished, ExperimentStatus::Running, at("2026-05-04T09:00:00+02:00")).unwrap();
    j.record_outcome(EntryId::random(), finished, &happened("It worked."), at("2026-05-05T09:00:00+02:00")).unwrap();
    j.conclude_experiment(finished, "Ask first.", "", at("2026-05-06T09:00:00+02:00")).unwrap();
    let tomorrow = session(&j, "2026-05-21");
    session(&j, "2026-05-23");

    let pending = j.pending_reminders(day("2026-05-20")).unwrap();
    let keys: Vec<&str> = pending.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, [format!("review:{due}:2026-05-20"), format!("session:{tomorrow}:2026-05-21")]);

    let notices = praxis_core::reminder_notices(&pending, day("2026-05-20"));
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[0].title, "An experiment's review is due");
    assert!(!notices[0].body.contains("Due today"), "a notice quotes nothing written: {}", notices[0].body);
    assert_eq!(notices[1].title, "A peer session is tomorrow");
    assert!(
        notices.iter().all(|n| !format!("{}{}", n.title, n.body).contains("Tuesday set")),
        "a notice names no group either"
    );

    j.mark_reminded(&notices[0].keys, at("2026-05-20T09:00:00+02:00")).unwrap();
    let left = j.pending_reminders(day("2026-05-20")).unwrap();
    assert_eq!(left.iter().map(|r| r.kind).collect::<Vec<_>>(), [praxis_core::ReminderKind::Session]);
    j.mark_reminded(&notices[1].keys, at("2026-05-20T09:00:00+02:00")).unwrap();
    assert!(j.pending_reminders(day("2026-05-20")).unwrap().is_empty(), "each is shown once");
    let next_day = j.pending_reminders(day("2026-05-21")).unwrap();
    assert_eq!(
        next_day.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        [format!("review:{next}:2026-05-21")],
        "only the review due that day: the overdue one and the session on its day were shown already"
    );
}

#[test]
fn a_review_missed_while_the_app_was_closed_is_reminded_on_the_next_day_it_runs_and_a_moved_review_again() {
    let j = temp_journal();
    let id = planned(&j, "If I ask first, then they answer", "2026-05-01T09:00:00+02:00");
    assert!(j.pending_reminders(day("2026-05-17")).unwrap().is_empty(), "not due before its day");
    let late = j.pending_reminders(day("2026-05-25")).unwrap();
    assert_eq!(late.iter().map(|r| r.on).collect::<Vec<_>>(), [day("2026-05-18")]);
    j.mark_reminded(&[late[0].key.clone()], at("2026-05-25T09:00:00+02:00")).unwrap();

    j.set_review_date(id, day("2026-05-26")).unwrap();
    assert!(j.pending_reminders(day("2026-05-25")).unwrap().is_empty());
    let moved = j.pending_reminders(day("2026-05-26")).unwrap();
    assert_eq!(moved.len(), 1, "a review moved to a later day is reminded on that day");

    let several = praxis_core::reminder_notices(
        &[moved[0].clone(), praxis_core::Reminder { key: "review:x:2026-05-26".into(), ..moved[0].clone() }],
        day("2026-05-26"),
    );
    assert_eq!(several.len(), 1, "reviews due together make one notice");
    assert_eq!(several[0].title, "2 experiment reviews are due");
    assert_eq!(several[0].keys.len(), 2);
}
