//! Exports for people and other tools: a Markdown folder (one file per entry
//! with front matter), one Markdown document, one HTML document.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use praxis_core::interchange::markdown_export::ExportSummary;
use praxis_core::markdown::render_html;
use praxis_core::{Entry, EntryDraft, Error, Journal, Kind, ListFilter};
use serde_json::Value;

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

    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
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
    assert!(matches!(err, Error::InvalidInput(_)), "a file is not an empty folder: {err:?}");
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

    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
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
