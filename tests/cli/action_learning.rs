//! A whole action-learning cycle through the CLI: project → experiment →
//! outcome → session prep → commitments → the next session.

use super::Praxis;

#[test]
fn a_whole_cycle_runs_through_the_cli_from_project_to_the_next_sessions_prep_sheet() {
    let praxis = Praxis::new();
    let project = praxis.json(&[
        "project",
        "new",
        "--name",
        "Handing over the weekly",
        "--challenge",
        "How do I let the team run it?",
        "--start",
        "2026-01-01",
        "--end",
        "2026-09-30",
    ]);
    let project = project["id"].as_str().unwrap().to_owned();

    let experiment = praxis.json(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I stay quiet, then the team will lead",
        "--action",
        "Say nothing for ten minutes",
        "--expect",
        "Two people propose agenda items",
        "--works-if",
        "Someone opens the meeting",
        "--fails-if",
        "Everyone looks at me",
        "--start",
        "2026-01-05",
        "--review",
        "2026-01-19",
        "--project",
        "Handing over the weekly",
    ]);
    let experiment = experiment["id"].as_str().unwrap().to_owned();
    let started = praxis.ok(&["experiment", "start", &experiment[..8]]);
    assert!(started.contains("locked from now on"), "{started}");

    let refused = praxis.fails(&["experiment", "edit", &experiment, "--expect", "Nobody would speak"]);
    assert!(refused.contains("locked when the experiment started"), "{refused}");
    assert!(refused.contains("Nothing was changed"), "{refused}");

    praxis.ok(&[
        "experiment",
        "observe",
        &experiment,
        "--happened",
        "Ana opened the meeting",
        "--surprised",
        "The silence was short",
        "--on",
        "2026-01-12",
    ]);
    let shown = praxis.ok(&["experiment", "show", &experiment]);
    let expected = shown.find("## What I expected").expect("expected is shown");
    let actual = shown.find("## What actually happened").expect("actual is shown");
    assert!(
        expected < actual
            && shown.contains("Two people propose agenda items")
            && shown.contains("Ana opened the meeting")
    );
    let ledger = praxis.json(&["experiment", "list"]);
    assert_eq!(ledger[0]["status"], "observed");

    let first = praxis.json(&["session", "new", "--on", "2026-01-10", "--group", "Tuesday set", "--role", "presenter"]);
    let first = first["id"].as_str().unwrap().to_owned();
    praxis.ok(&[
        "session",
        "notes",
        &first,
        "--insights",
        "Questions beat advice",
        "--commit",
        "Ask Sam for feedback by 2026-01-17",
        "--commit",
        "Book the room",
    ]);
    let second =
        praxis.json(&["session", "new", "--on", "2026-01-24", "--group", "Tuesday set", "--role", "questioner"]);
    let second = second["id"].as_str().unwrap().to_owned();
    let sheet = praxis.ok(&["session", "prep", &second, "--issue", "The team still waits for me", "--save"]);
    assert!(sheet.contains("## My issue in one sentence\n\nThe team still waits for me"), "{sheet}");
    assert!(sheet.contains("- [ ] Ask Sam for feedback (by 2026-01-17) — overdue"), "{sheet}");
    assert!(sheet.contains("- [ ] Book the room"), "{sheet}");
    assert!(sheet.contains("Ana opened the meeting"), "the outcome since last time: {sheet}");

    let open = praxis.json(&["commitment", "list"]);
    let ask_sam = open.as_array().unwrap().iter().find(|c| c["what"] == "Ask Sam for feedback").unwrap();
    assert_eq!(ask_sam["due_on"], "2026-01-17");
    praxis.ok(&["commitment", "done", ask_sam["id"].as_str().unwrap()]);
    let sheet = praxis.json(&["session", "prep", &second]);
    let statuses: Vec<(&str, &str)> = sheet["sheet"]["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["what"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses, [("Ask Sam for feedback", "done"), ("Book the room", "open")]);
    assert_eq!(sheet["sheet"]["issue"], "The team still waits for me", "the saved issue comes back");

    let overview = praxis.json(&["project", "show", &project[..8]]);
    assert_eq!(overview["experiments"].as_array().unwrap().len(), 1);
    assert_eq!(overview["entries"].as_array().unwrap().len(), 2, "the experiment and its outcome");
    let today = praxis.json(&["today", "--on", "2026-01-23"]);
    assert_eq!(today["sessions"][0]["id"], second.as_str(), "tomorrow's session");
    praxis.ok(&["project", "delete", &project]);
    assert_eq!(praxis.json(&["list"]).as_array().unwrap().len(), 4, "every entry stays");
}

#[test]
fn a_review_date_before_the_start_and_a_backwards_status_are_refused_with_a_sentence() {
    let praxis = Praxis::new();
    let err = praxis.fails(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I …",
        "--start",
        "2026-02-01",
        "--review",
        "2026-01-01",
    ]);
    assert!(err.contains("is before the start date 2026-02-01"), "{err}");
    let id = praxis.ok(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I …",
        "--action",
        "a",
        "--expect",
        "b",
        "--start",
        "2026-02-01",
        "--review",
        "2026-02-15",
    ]);
    let id = id.trim();
    praxis.ok(&["experiment", "start", id]);
    let err = praxis.fails(&["experiment", "retry", id]);
    assert!(err.contains("cannot go back from running to planned"), "{err}");
    let err = praxis.fails(&["experiment", "observe", "0000aaaa", "--happened", "x"]);
    assert!(err.contains("0000aaaa"), "{err}");
}
