//! A whole action-learning cycle through the CLI: project → experiment →
//! outcome → session prep → commitments → the next session.

use chrono::{Days, Local, NaiveDate};

use super::Praxis;

/// The day `n` days before today, as the CLI's clock sees it.
fn days_ago(n: u64) -> String {
    let today: NaiveDate = Local::now().date_naive();
    (today - Days::new(n)).to_string()
}

fn planned_experiment(praxis: &Praxis) -> String {
    let id = praxis.ok(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I stay quiet, then the team will lead",
        "--action",
        "Say nothing for ten minutes",
        "--expect",
        "Two people propose agenda items",
        "--start",
        &days_ago(10),
        "--review",
        &days_ago(0),
    ]);
    id.trim().to_owned()
}

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
    let started = praxis.ok(&["experiment", "start", &experiment[..8], "--on", "2026-01-05"]);
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

#[test]
fn moves_written_down_later_keep_the_day_they_happened_in_the_history_and_in_that_weeks_review() {
    let praxis = Praxis::new();
    let id = planned_experiment(&praxis);
    let (started, observed, concluded) = (days_ago(8), days_ago(7), days_ago(1));
    praxis.ok(&["experiment", "start", &id, "--on", &started]);
    praxis.ok(&["experiment", "observe", &id, "--happened", "Ana opened the meeting", "--on", &observed]);
    let done = praxis.ok(&["experiment", "conclude", &id, "--learning", "Silence invites", "--on", &concluded]);
    assert!(done.contains("is concluded"), "{done}");

    let shown = praxis.ok(&["experiment", "show", &id]);
    let history = &shown[shown.find("## Status history").expect("the history is shown")..];
    let today = days_ago(0);
    for (day, status) in
        [(&today, "planned"), (&started, "running"), (&observed, "observed"), (&concluded, "concluded")]
    {
        let line = history.lines().find(|l| l.contains(status)).unwrap_or_else(|| panic!("{status}: {history}"));
        assert!(line.starts_with(day.as_str()), "{status} on {day}: {line}");
        assert!(line.contains(&format!("(written {today}")), "and when it was written: {line}");
    }
    let json = praxis.json(&["experiment", "show", &id]);
    assert_eq!(json["history"][1]["happened_on"], started.as_str());

    let week = praxis.json(&["week", "--on", &started]);
    let ids: Vec<&str> = week["experiments"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [id.as_str()], "the week it started counts the move: {week}");
}

#[test]
fn a_commitment_done_on_an_earlier_day_is_on_the_next_prep_sheet_as_closed_since_the_last_session_that_day() {
    let praxis = Praxis::new();
    let (first_on, done_on, second_on) = (days_ago(20), days_ago(10), days_ago(5));
    let first = praxis.json(&["session", "new", "--on", &first_on, "--group", "Tuesday set", "--role", "presenter"]);
    let first = first["id"].as_str().unwrap().to_owned();
    let notes = praxis.json(&["session", "notes", &first, "--commit", "Ask Sam for feedback"]);
    let ask_sam = notes["commitments"][0]["id"].as_str().unwrap().to_owned();
    let second = praxis.json(&["session", "new", "--on", &second_on, "--group", "Tuesday set", "--role", "questioner"]);
    let second = second["id"].as_str().unwrap().to_owned();

    let too_early = praxis.fails(&["commitment", "done", &ask_sam, "--on", &days_ago(21)]);
    assert!(too_early.contains(&format!("Give a day on or after {first_on}")), "{too_early}");
    let done = praxis.ok(&["commitment", "done", &ask_sam[..8], "--on", &done_on]);
    assert!(done.contains(&format!("is done now (on {done_on})")), "{done}");

    let sheet = praxis.ok(&["session", "prep", &second]);
    assert!(sheet.contains(&format!("Since the session on {first_on}")), "{sheet}");
    assert!(sheet.contains(&format!("- [x] Ask Sam for feedback — done on {done_on}")), "{sheet}");
    let json = praxis.json(&["session", "prep", &second]);
    assert_eq!(json["sheet"]["commitments"][0]["closed_on"], done_on.as_str());
}

#[test]
fn a_day_after_today_is_refused_with_a_sentence_and_changes_nothing() {
    let praxis = Praxis::new();
    let id = planned_experiment(&praxis);
    let tomorrow = (Local::now().date_naive() + Days::new(1)).to_string();
    let err = praxis.fails(&["experiment", "start", &id, "--on", &tomorrow]);
    assert!(err.contains(&format!("{tomorrow} is after today")), "{err}");
    assert!(err.contains("today or an earlier day"), "it says what to do: {err}");
    let shown = praxis.json(&["experiment", "show", &id]);
    assert_eq!(shown["status"], "planned");
    assert_eq!(shown["locked_at"], serde_json::Value::Null, "not locked");
    assert_eq!(shown["history"].as_array().unwrap().len(), 1);

    let session =
        praxis.json(&["session", "new", "--on", &days_ago(3), "--group", "Tuesday set", "--role", "presenter"]);
    let notes = praxis.json(&["session", "notes", session["id"].as_str().unwrap(), "--commit", "Book the room"]);
    let commitment = notes["commitments"][0]["id"].as_str().unwrap();
    let err = praxis.fails(&["commitment", "drop", commitment, "--on", &tomorrow]);
    assert!(err.contains("is after today"), "{err}");
    let open = praxis.json(&["commitment", "list"]);
    assert_eq!(open[0]["status"], "open");
    assert_eq!(open[0]["closed_on"], serde_json::Value::Null);
    let err = praxis.fails(&["experiment", "start", &id, "--on", "yesterday"]);
    assert!(err.contains("write it as YYYY-MM-DD"), "{err}");
}
