//! Exports for people and other tools: a Markdown folder (one file per entry
//! with front matter), one Markdown document, one HTML document.

use std::collections::BTreeMap;
use std::path::Path;

use praxis_core::interchange::markdown_export::ExportSummary;
use praxis_core::markdown::render_html;
use praxis_core::{Entry, EntryDraft, Error, Journal, Kind, ListFilter};
use serde_json::Value;

use crate::common::*;

fn entry_on(journal: &Journal, kind: Kind, title: &str, body: &str, tags: &[&str], on: &str) -> Entry {
    let mut d = EntryDraft::new(kind, title, body);
    d.tags = tags.iter().map(|t| t.to_string()).collect();
    d.occurred_on = Some(day(on));
    add(journal, &d, &format!("{on}T09:00:00+02:00"))
}

/// The names of the files in `dir`, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|item| item.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Splits a Markdown file into its front matter, read value by value as JSON
/// (every value is written as a JSON scalar; `tags` as a YAML block or `[]`),
/// and the body after it.
fn read_note(path: &Path) -> (BTreeMap<String, Value>, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("a note starts with front matter");
    let end = rest.find("\n---\n").expect("the front matter is closed");
    let mut fields = BTreeMap::new();
    let mut list: Option<String> = None;
    for line in rest[..end].lines() {
        if let Some(item) = line.strip_prefix("  - ") {
            let key = list.clone().expect("a list item belongs to a key");
            let value: Value = serde_json::from_str(item).expect("a list item is a JSON string");
            fields.entry(key).or_insert_with(|| Value::Array(Vec::new())).as_array_mut().unwrap().push(value);
            continue;
        }
        let (key, value) = line.split_once(':').expect("a front matter line is `key: value`");
        let value = value.trim();
        if value.is_empty() {
            list = Some(key.to_string());
            fields.insert(key.to_string(), Value::Array(Vec::new()));
        } else {
            let parsed = serde_json::from_str(value).unwrap_or_else(|e| panic!("{key}: {value} is not a scalar: {e}"));
            fields.insert(key.to_string(), parsed);
        }
    }
    (fields, rest[end + 5..].to_string())
}

fn markdown_document(journal: &Journal, filter: &ListFilter) -> (String, ExportSummary) {
    let mut out = Vec::new();
    let summary = journal.export_markdown(filter, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

fn html_document(journal: &Journal, filter: &ListFilter, title: &str) -> (String, ExportSummary) {
    let mut out = Vec::new();
    let summary = journal.export_html(filter, title, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

#[test]
fn a_folder_export_writes_one_dated_file_per_entry_with_front_matter_that_reads_back() {
    let journal = temp_journal();
    let tricky = "Q1: \"review\" \\ notes # with\u{7f}odd\u{2028}characters";
    let mut d = EntryDraft::new(Kind::Experiment, tricky, "# My heading\n\nText *as written*.\n");
    d.tags = vec!["Leadership".into(), "one-to-one".into()];
    d.occurred_on = Some(day("2026-05-01"));
    d.starred = true;
    let first = add(&journal, &d, "2026-05-01T09:15:00+02:00");
    let second = entry_on(&journal, Kind::Reflection, "", "untitled text", &[], "2026-05-03");
    let out = journal.dir.path().join("export");

    let summary = journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();

    assert_eq!(
        summary,
        ExportSummary { entries: 2, first_day: Some(day("2026-05-01")), last_day: Some(day("2026-05-03")) }
    );
    assert_eq!(
        file_names(&out),
        vec!["2026-05-01 Q1 review notes withodd characters.md", "2026-05-03 Untitled.md"],
        "names are the day and the title without characters a file system or Obsidian rejects"
    );
    let (fields, body) = read_note(&out.join("2026-05-01 Q1 review notes withodd characters.md"));
    assert_eq!(fields["id"], first.id.to_string());
    assert_eq!(fields["kind"], "experiment");
    assert_eq!(fields["title"], tricky, "quotes, backslashes and odd characters must survive the front matter");
    assert_eq!(fields["date"], "2026-05-01");
    assert_eq!(fields["created"], "2026-05-01T09:15:00+02:00", "the writer's offset is kept");
    assert_eq!(fields["updated"], "2026-05-01T09:15:00+02:00");
    assert_eq!(fields["tags"], serde_json::json!(["leadership", "one-to-one"]));
    assert_eq!(fields["starred"], true);
    assert_eq!(body, "# My heading\n\nText *as written*.\n", "the body is written unchanged");

    let (fields, body) = read_note(&out.join("2026-05-03 Untitled.md"));
    assert_eq!(fields["id"], second.id.to_string());
    assert_eq!(fields["title"], "", "the front matter keeps the real, empty title");
    assert_eq!(fields["tags"], serde_json::json!([]), "no tags is an empty list, not a missing key");
    assert_eq!(fields["starred"], false);
    assert_eq!(body, "untitled text");
}

#[test]
fn entries_sharing_a_day_and_a_title_in_any_case_get_numbered_names() {
    let journal = temp_journal();
    entry_on(&journal, Kind::Reflection, "Weekly review", "one", &[], "2026-05-01");
    entry_on(&journal, Kind::Reflection, "weekly REVIEW", "two", &[], "2026-05-01");
    entry_on(&journal, Kind::Reflection, "Weekly review", "three", &[], "2026-05-01");
    entry_on(&journal, Kind::Reflection, "Weekly review", "other day", &[], "2026-05-02");
    let out = journal.dir.path().join("export");

    journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();

    assert_eq!(
        file_names(&out),
        vec![
            "2026-05-01 Weekly review (3).md",
            "2026-05-01 Weekly review.md",
            "2026-05-01 weekly REVIEW (2).md",
            "2026-05-02 Weekly review.md",
        ],
        "names equal but for case would overwrite each other on macOS and Windows"
    );
    let (_, body) = read_note(&out.join("2026-05-01 Weekly review (3).md"));
    assert_eq!(body, "three", "suffixes follow the entries' order");
}

#[test]
fn a_title_made_of_path_characters_still_names_a_file_inside_the_folder() {
    let journal = temp_journal();
    for title in ["../../etc/passwd", "..\\..\\Windows\\win.ini", "/", "..", "C:\\x", "a\u{0}b\u{202e}c"] {
        entry_on(&journal, Kind::Reflection, title, "x", &[], "2026-05-01");
    }
    let out = journal.dir.path().join("nested").join("export");

    let summary = journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();

    let names = file_names(&out);
    assert_eq!(names.len(), summary.entries, "every entry has its own file in the folder itself");
    for name in &names {
        assert!(!name.contains(['/', '\\', ':']) && !name.contains(".."), "{name} must not reach out of the folder");
        assert!(!name.chars().any(char::is_control), "{name} must hold no control characters");
        assert!(name.starts_with("2026-05-01 ") && name.ends_with(".md"), "{name}");
    }
    assert!(names.contains(&"2026-05-01 etcpasswd.md".to_string()), "{names:?}");
    assert!(names.contains(&"2026-05-01 Untitled.md".to_string()), "a title of separators alone is no title");
    assert_eq!(
        file_names(&journal.dir.path().join("nested")),
        vec!["export"],
        "nothing is written beside the export folder"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_untouched() {
    let journal = temp_journal();
    entry_on(&journal, Kind::Reflection, "Mine", "text", &[], "2026-05-01");
    let out = journal.dir.path().join("notes");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("2026-05-01 Mine.md"), "the person's own file").unwrap();

    let err = journal.export_markdown_folder(&ListFilter::default(), &out).unwrap_err();

    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("Choose an empty folder"), "the message says what to do: {err}");
    assert_eq!(file_names(&out), vec!["2026-05-01 Mine.md"], "nothing may be added to the person's folder");
    assert_eq!(
        std::fs::read_to_string(out.join("2026-05-01 Mine.md")).unwrap(),
        "the person's own file",
        "and nothing of theirs may be overwritten"
    );
    let file = journal.dir.path().join("a-file");
    std::fs::write(&file, "data").unwrap();
    let err = journal.export_markdown_folder(&ListFilter::default(), &file).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "a file is not an empty folder: {err:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "data");
}

#[test]
fn an_existing_empty_folder_receives_the_export_and_nothing_is_left_beside_it() {
    let journal = temp_journal();
    entry_on(&journal, Kind::Reflection, "Morning", "coffee", &[], "2026-05-01");
    let parent = journal.dir.path().join("exports");
    let out = parent.join("praxis");
    std::fs::create_dir_all(&out).unwrap();

    journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();

    assert_eq!(file_names(&out), vec!["2026-05-01 Morning.md"]);
    assert_eq!(file_names(&parent), vec!["praxis"], "the temporary folder must be gone");
}

#[test]
fn a_failed_folder_export_leaves_nothing_behind() {
    let journal = temp_journal();
    entry_on(&journal, Kind::Reflection, "Morning", "coffee", &[], "2026-05-01");
    let parent = journal.dir.path().join("exports");
    std::fs::create_dir(&parent).unwrap();
    let out = parent.join("praxis");
    let backwards = ListFilter { from: Some(day("2026-06-01")), to: Some(day("2026-05-01")), ..Default::default() };

    let err = journal.export_markdown_folder(&backwards, &out).unwrap_err();

    assert!(matches!(err, Error::Conflict(_)), "a start after the end contradicts it: {err:?}");
    assert!(file_names(&parent).is_empty(), "neither the target nor a half-written folder may remain");
}

#[test]
fn filters_by_kind_tag_and_days_limit_what_every_export_writes() {
    let journal = temp_journal();
    entry_on(&journal, Kind::Reflection, "April reflection", "a", &["focus"], "2026-04-30");
    entry_on(&journal, Kind::Reflection, "May reflection", "b", &["focus"], "2026-05-02");
    entry_on(&journal, Kind::Experiment, "May experiment", "c", &["focus"], "2026-05-03");
    entry_on(&journal, Kind::Reflection, "Untagged May", "d", &[], "2026-05-04");
    entry_on(&journal, Kind::Reflection, "June reflection", "e", &["focus"], "2026-06-01");
    let binned = entry_on(&journal, Kind::Reflection, "Binned", "f", &["focus"], "2026-05-05");
    journal.delete_entry(binned.id, at("2026-05-06T09:00:00Z")).unwrap();
    let filter = ListFilter {
        kind: Some(Kind::Reflection),
        tag: Some("#Focus".into()),
        from: Some(day("2026-05-01")),
        to: Some(day("2026-05-31")),
        ..Default::default()
    };

    let out = journal.dir.path().join("export");
    let summary = journal.export_markdown_folder(&filter, &out).unwrap();
    assert_eq!(file_names(&out), vec!["2026-05-02 May reflection.md"], "only what the filter keeps, never the trash");
    assert_eq!(summary.entries, 1);

    let (markdown, summary) = markdown_document(&journal, &filter);
    assert_eq!(summary.entries, 1);
    assert!(markdown.contains("## May reflection"), "{markdown}");
    for left_out in ["April", "experiment", "Untagged", "June", "Binned"] {
        assert!(!markdown.contains(left_out), "{left_out} is outside the filter: {markdown}");
    }
    assert!(markdown.contains("\n2 May 2026\n"), "the range line covers the selected entries only: {markdown}");

    let (html, summary) = html_document(&journal, &filter, "For my coach");
    assert_eq!(summary.entries, 1);
    assert_eq!(html.matches("<article>").count(), 1, "{html}");
    assert!(html.contains("May reflection") && !html.contains("June"), "{html}");
}

#[test]
fn the_markdown_document_holds_every_selected_entry_in_date_order() {
    let journal = temp_journal();
    entry_on(&journal, Kind::SessionNotes, "Third", "# Own heading\n\nkept as is", &["coach", "q2"], "2026-05-10");
    entry_on(&journal, Kind::Reflection, "First", "first text", &[], "2026-05-01");
    entry_on(&journal, Kind::Reflection, "", "no title here", &[], "2026-05-05");
    entry_on(&journal, Kind::Reflection, "*Not* <b>bold</b>", "```\nunclosed fence", &[], "2026-05-07");

    let (markdown, summary) = markdown_document(&journal, &ListFilter::default());

    assert_eq!(summary.entries, 4);
    assert!(markdown.starts_with("# Praxis journal\n\n1 May 2026 – 10 May 2026\n"), "{markdown}");
    let order: Vec<usize> = ["## First", "## Untitled", "## \\*Not\\*", "## Third"]
        .iter()
        .map(|heading| markdown.find(heading).unwrap_or_else(|| panic!("{heading} is missing: {markdown}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "entries come oldest first: {markdown}");
    assert!(markdown.contains("*Session notes · 10 May 2026 · #coach #q2*"), "{markdown}");
    assert!(markdown.contains("*Reflection · 1 May 2026*\n\nfirst text\n\n---\n"), "{markdown}");
    assert!(markdown.contains("# Own heading\n\nkept as is"), "bodies' own headings stay as they are");
    assert_eq!(markdown.matches("\n---\n").count(), 4, "a rule after every entry");

    let rendered = render_html(&markdown);
    assert!(rendered.contains("<h2>Third</h2>"), "an unclosed fence must not swallow later entries: {rendered}");
    assert!(rendered.contains("<h2>*Not* &lt;b&gt;bold&lt;/b&gt;</h2>"), "titles print as typed: {rendered}");
}

#[test]
fn a_document_of_one_projects_entries_states_the_first_and_last_day_of_that_project_only() {
    let journal = temp_journal();
    let weekly = project(&journal, "The weekly");
    let hiring = project(&journal, "Hiring");
    for (title, on, project) in [
        ("Hiring starts", "2026-04-20", Some(hiring)),
        ("Quiet in the weekly", "2026-05-03", Some(weekly)),
        ("Ana ran the weekly", "2026-05-08", Some(weekly)),
        ("Last interview", "2026-05-20", Some(hiring)),
        ("No project", "2026-06-01", None),
    ] {
        let entry = entry_on(&journal, Kind::Reflection, title, "text", &[], on);
        journal.set_entry_project(entry.id, project).unwrap();
    }

    for (project, range) in [(weekly, "3 May 2026 – 8 May 2026"), (hiring, "20 April 2026 – 20 May 2026")] {
        let filter = ListFilter { project: Some(project), ..ListFilter::default() };
        let (markdown, summary) = markdown_document(&journal, &filter);
        assert_eq!(summary.entries, 2);
        assert!(markdown.starts_with(&format!("# Praxis journal\n\n{range}\n")), "{markdown}");
        let (html, summary) = html_document(&journal, &filter, "");
        assert_eq!(summary.entries, 2);
        assert!(html.contains(&format!("<p class=\"range\">{range}</p>")), "{html}");
    }
}

#[test]
fn the_html_export_runs_nothing_and_shows_a_hostile_title_as_text() {
    let journal = temp_journal();
    let hostile = "<img src=x onerror=alert(1)>";
    let mut d = EntryDraft::new(
        Kind::CoachFeedback,
        hostile,
        "<script>alert(1)</script>\n\n[link](javascript:alert(1)) ![pic](https://example.com/x.png)\n\n**kept**",
    );
    d.tags = vec!["<b>tag</b>".into()];
    d.occurred_on = Some(day("2026-05-01"));
    add(&journal, &d, "2026-05-01T09:00:00Z");
    entry_on(&journal, Kind::Reflection, "Later", "second", &[], "2026-05-02");

    let (html, summary) = html_document(&journal, &ListFilter::default(), "Q2 \"review\" & <notes>");

    assert_eq!(summary.entries, 2);
    assert!(!html.to_lowercase().contains("<script"), "no script may reach the document: {html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http://"), "nothing is fetched: {html}");
    assert!(html.contains("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>"), "the title shows as text: {html}");
    assert!(html.contains("#&lt;b&gt;tag&lt;/b&gt;"), "tags are escaped too: {html}");
    assert!(html.contains("<title>Q2 &quot;review&quot; &amp; &lt;notes&gt;</title>"), "{html}");
    assert!(html.contains("<strong>kept</strong>"), "bodies are rendered Markdown: {html}");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{html}");
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(
        html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        ),
        "the document forbids scripts and fetches itself"
    );
    assert!(html.contains("@page") && html.contains("page-break-inside: avoid"), "print CSS is inline");
    assert!(html.contains("<p class=\"range\">1 May 2026 – 2 May 2026</p>"), "{html}");
    let first = html.find("<h2>&lt;img").unwrap();
    assert!(first < html.find("<h2>Later</h2>").unwrap(), "entries come oldest first");
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn exporting_an_empty_selection_says_so_and_writes_no_entry() {
    let journal = temp_journal();
    entry_on(&journal, Kind::Reflection, "Morning", "coffee", &[], "2026-05-01");
    let none = ListFilter { kind: Some(Kind::Outcome), ..Default::default() };

    let (markdown, summary) = markdown_document(&journal, &none);
    assert_eq!(summary, ExportSummary::default());
    assert!(markdown.contains("No entries match this selection."), "{markdown}");
    let (html, _) = html_document(&journal, &none, " ");
    assert!(html.contains("<title>Praxis journal</title>"), "a blank title falls back to the app's name");
    assert!(!html.contains("<article>"));
    let out = journal.dir.path().join("export");
    assert_eq!(journal.export_markdown_folder(&none, &out).unwrap().entries, 0);
    assert!(file_names(&out).is_empty(), "an empty selection gives an empty folder");
}

// --- The action-learning structure in a folder export ------------------------

/// A front matter read with a YAML parser, as Obsidian and other tools read
/// it, and the body after it.
fn read_yaml_note(path: &Path) -> (serde_norway::Mapping, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("a note starts with front matter");
    let end = rest.find("\n---\n").expect("the front matter is closed");
    let fields: serde_norway::Mapping = serde_norway::from_str(&rest[..end]).unwrap();
    (fields, rest[end + 5..].to_string())
}

fn text_of<'a>(fields: &'a serde_norway::Mapping, key: &str) -> &'a str {
    fields.get(key).unwrap_or_else(|| panic!("no {key} in {fields:?}")).as_str().unwrap_or_else(|| panic!("{key}"))
}

/// The headings of a Markdown body, in order.
fn headings(body: &str) -> Vec<&str> {
    body.lines().filter(|line| line.starts_with('#')).collect()
}

/// A journal with an experiment that grew from another, ran, has an outcome
/// and was concluded, and a peer session with a prep sheet, notes and two
/// commitments (one done).
fn action_learning_journal() -> (TempJournal, praxis_core::EntryId, praxis_core::EntryId, praxis_core::EntryId) {
    use praxis_core::{
        CommitmentDraft, CommitmentStatus, EntryId, Expectation, ExperimentPlan, ExperimentStatus, OutcomeDraft, Role,
        SessionDraft, SessionId, SessionNotes,
    };
    let journal = temp_journal();
    let plan = |title: &str, grew_from: Option<EntryId>| ExperimentPlan {
        title: title.to_string(),
        expectation: Expectation {
            hypothesis: "If I stay silent, the team will run the weekly.".to_string(),
            planned_action: "Say nothing for the first ten minutes.".to_string(),
            expected_outcome: "Two people propose an agenda item.".to_string(),
            success_signals: "Someone else opens the meeting.".to_string(),
            failure_signals: "Silence, then everyone looks at me.".to_string(),
        },
        starts_on: Some(day("2026-05-04")),
        review_on: day("2026-05-18"),
        project: None,
        grew_from,
        tags: vec!["delegation".to_string()],
    };
    let first = journal
        .plan_experiment(EntryId::random(), &plan("Silent start", None), "", at("2026-05-01T09:00:00+02:00"))
        .unwrap()
        .id();
    let id = journal
        .plan_experiment(
            EntryId::random(),
            &plan("Silent weekly", Some(first)),
            "My own notes on the plan.",
            at("2026-05-02T09:00:00+02:00"),
        )
        .unwrap()
        .id();
    journal.move_experiment(id, ExperimentStatus::Running, at("2026-05-04T09:00:00+02:00")).unwrap();
    let outcome = OutcomeDraft {
        title: "The first silent weekly".to_string(),
        happened: "Ana opened the meeting after four minutes.".to_string(),
        surprised: "How long the silence lasted.".to_string(),
        why_different: "They were waiting to see if I meant it.".to_string(),
        occurred_on: None,
    };
    let outcome = journal.record_outcome(EntryId::random(), id, &outcome, at("2026-05-11T18:00:00+02:00")).unwrap().id;
    journal
        .conclude_experiment(id, "Silence invites.", "Try it in the planning meeting.", at("2026-05-18T17:00:00+02:00"))
        .unwrap();

    let session = SessionDraft {
        held_on: day("2026-05-12"),
        group_name: "Tuesday set".into(),
        role: Role::Presenter,
        project: None,
    };
    let s = journal.create_session(SessionId::random(), &session, at("2026-05-10T08:00:00+02:00")).unwrap().id;
    journal
        .save_prep(s, "The team waits for me.", "How do I step back?", "Prep text.", at("2026-05-11T20:00:00+02:00"))
        .unwrap();
    let notes = SessionNotes {
        notes: "Ana asked what I was afraid of.".into(),
        insights: "I fear losing touch.".into(),
        commitments: vec![
            CommitmentDraft { what: "Ask Sam to chair".into(), due_on: Some(day("2026-05-19")) },
            CommitmentDraft { what: "Skip one stand-up".into(), due_on: None },
        ],
    };
    let saved = journal.record_session_notes(s, &notes, at("2026-05-12T18:00:00+02:00")).unwrap();
    let ask = saved.commitments.iter().find(|c| c.what == "Ask Sam to chair").unwrap().id;
    journal.set_commitment_status(ask, CommitmentStatus::Done, at("2026-05-14T09:00:00+02:00")).unwrap();
    (journal, first, id, outcome)
}

#[test]
fn an_exported_experiment_carries_its_expectation_status_learning_and_origin_in_front_matter_and_headings() {
    let (journal, first, id, _) = action_learning_journal();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();
    let (fields, body) = read_yaml_note(&out.join("2026-05-02 Silent weekly.md"));
    let expected = [
        ("kind", "experiment"),
        ("hypothesis", "If I stay silent, the team will run the weekly."),
        ("planned_action", "Say nothing for the first ten minutes."),
        ("expected_outcome", "Two people propose an agenda item."),
        ("success_signals", "Someone else opens the meeting."),
        ("failure_signals", "Silence, then everyone looks at me."),
        ("status", "concluded"),
        ("starts_on", "2026-05-04"),
        ("review_on", "2026-05-18"),
        ("learning", "Silence invites."),
        ("next_step", "Try it in the planning meeting."),
        ("grew_from_title", "Silent start"),
    ];
    for (key, value) in expected {
        assert_eq!(text_of(&fields, key), value, "{key}");
    }
    assert_eq!(text_of(&fields, "grew_from"), first.to_string());
    assert_eq!(text_of(&fields, "locked_at"), "2026-05-04T09:00:00+02:00", "locked when it started");
    assert_eq!(
        headings(&body),
        vec![
            "## Hypothesis",
            "## What I will do",
            "## What I expect",
            "## Signals",
            "### It worked if",
            "### It did not work if",
            "## Notes",
            "## What I learned",
            "## Next step",
            "## Outcomes",
        ]
    );
    let section = |heading: &str| body.split(heading).nth(1).unwrap().trim_start().lines().next().unwrap().to_string();
    assert_eq!(section("## What I expect"), "Two people propose an agenda item.");
    assert_eq!(section("## Notes"), "My own notes on the plan.", "the entry's own text has its place");
    assert_eq!(section("## What I learned"), "Silence invites.");
    assert_eq!(section("## Outcomes"), "- 2026-05-11 The first silent weekly");

    let (origin, _) = read_yaml_note(&out.join("2026-05-01 Silent start.md"));
    assert_eq!(text_of(&origin, "status"), "planned");
    assert!(origin.get("locked_at").unwrap().is_null(), "a planned experiment is not locked yet");
    assert!(origin.get("grew_from").unwrap().is_null());
    assert!(journal.get_experiment(id).is_ok());
}

#[test]
fn an_exported_outcome_names_its_experiment_and_says_what_surprised_and_why() {
    let (journal, _, id, outcome) = action_learning_journal();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();
    let (fields, body) = read_yaml_note(&out.join("2026-05-11 The first silent weekly.md"));
    assert_eq!(text_of(&fields, "id"), outcome.to_string());
    assert_eq!(text_of(&fields, "kind"), "outcome");
    assert_eq!(text_of(&fields, "experiment"), id.to_string());
    assert_eq!(text_of(&fields, "experiment_title"), "Silent weekly");
    assert_eq!(text_of(&fields, "surprised"), "How long the silence lasted.");
    assert_eq!(text_of(&fields, "why_different"), "They were waiting to see if I meant it.");
    assert_eq!(headings(&body), vec!["## What happened", "## What surprised me", "## Why it was different"]);
    assert!(body.starts_with("Outcome of the experiment *Silent weekly*."), "{body}");
    assert!(body.contains("## What happened\n\nAna opened the meeting after four minutes."), "{body}");
}

#[test]
fn each_peer_session_gets_a_file_with_its_prep_notes_insights_and_commitments() {
    let (journal, _, _, _) = action_learning_journal();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();
    assert_eq!(file_names(&out.join("sessions")), vec!["2026-05-12 Tuesday set.md"]);
    let (fields, body) = read_yaml_note(&out.join("sessions/2026-05-12 Tuesday set.md"));
    for (key, value) in [
        ("held_on", "2026-05-12"),
        ("group", "Tuesday set"),
        ("role", "presenter"),
        ("issue", "The team waits for me."),
        ("question", "How do I step back?"),
        ("notes", "Ana asked what I was afraid of."),
        ("insights", "I fear losing touch."),
    ] {
        assert_eq!(text_of(&fields, key), value, "{key}");
    }
    let commitments = fields.get("commitments").unwrap().as_sequence().unwrap();
    let view: Vec<(String, String, Option<String>, Option<String>)> = commitments
        .iter()
        .map(|c| {
            let c = c.as_mapping().unwrap();
            let text = |key: &str| c.get(key).and_then(|v| v.as_str()).map(str::to_string);
            (text("what").unwrap(), text("status").unwrap(), text("due"), text("closed"))
        })
        .collect();
    assert_eq!(
        view,
        vec![
            ("Ask Sam to chair".into(), "done".into(), Some("2026-05-19".into()), Some("2026-05-14".into())),
            ("Skip one stand-up".into(), "open".into(), None, None),
        ]
    );
    assert_eq!(
        headings(&body),
        vec![
            "# Peer session: Tuesday set",
            "## My issue",
            "## My question",
            "## Notes",
            "## Insights",
            "## Commitments"
        ]
    );
    assert!(body.contains("- [x] Ask Sam to chair (by 2026-05-19) — done 2026-05-14"), "{body}");
    assert!(body.contains("- [ ] Skip one stand-up"), "{body}");

    let only_reflections = ListFilter { kind: Some(Kind::Reflection), ..Default::default() };
    let narrowed = dir.path().join("reflections");
    journal.export_markdown_folder(&only_reflections, &narrowed).unwrap();
    assert!(!narrowed.join("sessions").exists(), "sessions are not reflections");
    let before = ListFilter { to: Some(day("2026-05-11")), ..Default::default() };
    let early = dir.path().join("early");
    journal.export_markdown_folder(&before, &early).unwrap();
    assert!(!early.join("sessions").exists(), "the session was held after the last day asked for");
}

#[test]
fn a_folder_export_with_structure_imports_back_as_markdown() {
    use praxis_core::interchange::{read_source, ImportFormat};
    let (journal, _, _, _) = action_learning_journal();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let summary = journal.export_markdown_folder(&ListFilter::default(), &out).unwrap();
    let offset = chrono::FixedOffset::east_opt(7200).unwrap();
    let parsed = read_source(ImportFormat::Markdown, &out, offset).unwrap();
    assert_eq!(parsed.skipped, vec![], "every file reads back");
    assert_eq!(parsed.entries.len(), summary.entries + 1, "each entry and the session");
    assert!(parsed.entries.iter().all(|e| !e.dated_by_modification_time), "every file has its date");
    let experiment = parsed.entries.iter().find(|e| e.title == "Silent weekly").unwrap();
    assert_eq!(experiment.occurred_on, day("2026-05-02"));
    assert_eq!(experiment.tags, vec!["delegation"]);
    assert!(experiment.body.contains("## What I learned\n\nSilence invites."), "{}", experiment.body);
    let session = parsed.entries.iter().find(|e| e.source_key == "sessions/2026-05-12 Tuesday set.md").unwrap();
    assert_eq!((session.title.as_str(), session.occurred_on), ("Peer session: Tuesday set", day("2026-05-12")));
    let fresh = temp_journal();
    assert_eq!(fresh.import_source(&parsed).unwrap().new_entries, summary.entries + 1);
}
