//! The writing room in the real window: templates, filters, the trash,
//! the history, and writing with the keyboard alone.

use crate::harness::{add_entry, praxis_cli, praxis_json, xpath_literal, App};

fn listed_entry(title: &str) -> String {
    format!("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), {})]", xpath_literal(title))
}

const TAB: char = '\u{E004}';
/// The End key: with Control, the end of the text.
const CTRL_END: &str = "\u{E010}";
/// The editor's status once the core has committed what it shows.
const SAVED: &str = "//*[@role='status' and normalize-space(.)='Saved']";

fn titles(listed: &serde_json::Value) -> Vec<String> {
    listed.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_new_reflection_starts_from_the_gibbs_template_and_keeps_it_when_saved() {
    let app = App::start().await;
    app.button("New entry").await.click().await.unwrap();
    let body = app.wait_for_value("Body", "What happened?").await;
    assert!(body.starts_with("## What happened?"), "the reflection's prompts come first: {body}");
    app.field("Title").await.send_keys("From the template").await.unwrap();
    app.button("Save now").await.click().await.unwrap();
    app.wait_for(&listed_entry("From the template")).await;
    app.wait_for("//section[@aria-label='Preview']//h2[normalize-space(.)='What happened?']").await; // the prompts render as headings

    let shown = praxis_json(app.data_dir.path(), &["list"]);
    assert_eq!(titles(&shown), ["From the template"]);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_filter_narrows_the_list_to_one_kind_and_clearing_it_shows_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Plain reflection", "--body", "x"]);
    praxis_cli(dir.path(), &["add", "--kind", "experiment", "--title", "Silent first minute", "--body", "y"]);
    let app = App::start_in(dir).await;
    app.wait_for(&listed_entry("Plain reflection")).await;
    app.button("Filters").await.click().await.unwrap();
    let kind = app.field("Only kind").await;
    kind.select_by_value("experiment").await.unwrap();
    app.wait_gone(&listed_entry("Plain reflection")).await;
    app.wait_for(&listed_entry("Silent first minute")).await;
    app.button("Clear filters").await.click().await.unwrap();
    app.wait_for(&listed_entry("Plain reflection")).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_entry_moved_to_the_trash_is_restored_from_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Worth keeping", "--body", "x"]);
    let app = App::start_in(dir).await;
    app.wait_for(&listed_entry("Worth keeping")).await.click().await.unwrap();
    app.button("Move to trash").await.click().await.unwrap();
    app.wait_for("//*[@role='dialog']//button[normalize-space(.)='Move to trash']").await.click().await.unwrap();
    app.wait_gone(&listed_entry("Worth keeping")).await;
    assert!(titles(&praxis_json(app.data_dir.path(), &["list"])).is_empty(), "it left the journal's list");

    app.button("Trash").await.click().await.unwrap();
    app.list("Entries in the trash").await;
    app.button("Restore Worth keeping").await.click().await.unwrap();
    app.wait_for(&listed_entry("Worth keeping")).await;
    assert_eq!(titles(&praxis_json(app.data_dir.path(), &["list"])), ["Worth keeping"]);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_older_version_is_restored_from_the_history_and_the_newer_one_stays_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let id = add_entry(dir.path(), "Changing", "First thoughts");
    praxis_cli(dir.path(), &["update", &id, "--body", "Second thoughts"]);
    let app = App::start_in(dir).await;
    app.wait_for(&listed_entry("Changing")).await.click().await.unwrap();
    app.wait_for_text("Second thoughts").await;
    app.button("History").await.click().await.unwrap();
    app.list("Versions").await;
    app.button("Version 1").await.click().await.unwrap();
    app.wait_for_text("First thoughts").await;
    app.button("Restore this version").await.click().await.unwrap();
    app.wait_for("//*[@role='dialog']//button[starts-with(normalize-space(.), 'Restore')]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("//article//p[normalize-space(.)='First thoughts']").await;

    let shown = praxis_json(app.data_dir.path(), &["show", &id]);
    assert_eq!(shown["body"], "First thoughts");
    let history = praxis_cli(app.data_dir.path(), &["history", &id]);
    assert!(history.lines().count() >= 3, "both earlier versions stay in the history: {history}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_entry_is_written_and_saved_with_the_keyboard_alone() {
    let app = App::start().await;
    app.wait_for("//*[normalize-space(.)='Write your first reflection']").await;
    app.keyboard("n", true).await; // Ctrl+N: a new entry, the title field focused
    app.wait_for_value("Body", "What happened?").await;
    app.keyboard("Typed, never clicked", false).await;
    app.keyboard(&format!("{TAB}keyboard{TAB}"), false).await; // the tags, then the text
    app.keyboard(CTRL_END, true).await; // the end of the text
    app.keyboard("Only keys.", false).await;
    app.keyboard("s", true).await; // Ctrl+S saves now
    app.wait_for(SAVED).await;
    app.wait_for(&listed_entry("Typed, never clicked")).await;
    let listed = praxis_json(app.data_dir.path(), &["list"]);
    assert_eq!(listed[0]["title"], "Typed, never clicked");
    assert_eq!(listed[0]["tags"], serde_json::json!(["keyboard"]));

    // Ctrl+W closes it; Ctrl+F, Down and Enter open it again from the list.
    app.keyboard("w", true).await;
    app.wait_gone("//*[@aria-label='Body']").await;
    app.keyboard("f", true).await;
    app.keyboard("\u{E015}", false).await; // Down: from the search box to the first entry
    app.keyboard("\u{E007}", false).await; // Enter
    let body = app.wait_for_value("Body", "Only keys.").await;
    assert!(body.trim_end().ends_with("Only keys."), "typed at the end of the template: {body}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn the_window_comes_back_at_the_size_it_was_left() {
    let config = tempfile::tempdir().unwrap();
    let home = [("XDG_CONFIG_HOME", config.path().to_str().unwrap())];
    let app = App::launch_with(tempfile::tempdir().unwrap(), &home).await;
    app.client.set_window_size(900, 640).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await; // saved once it stopped changing
    let (_, _, width, height) = app.client.get_window_rect().await.unwrap();
    let app = app.restart_with(&home).await;
    let (_, _, w, h) = app.client.get_window_rect().await.unwrap();
    assert_eq!((w, h), (width, height), "the size set before the restart");
    assert_ne!((w, h), (1100, 760), "not the first-start size");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn the_window_writes_in_the_font_the_desktop_is_set_to() {
    // GTK reads the desktop's font from here when no settings daemon runs
    // (as under Xvfb). DejaVu Serif comes with fontconfig, and it is not
    // what fontconfig's sans-serif gives.
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("gtk-3.0")).unwrap();
    std::fs::write(config.path().join("gtk-3.0/settings.ini"), "[Settings]\ngtk-font-name=DejaVu Serif 11\n").unwrap();
    let app =
        App::launch_with(tempfile::tempdir().unwrap(), &[("XDG_CONFIG_HOME", config.path().to_str().unwrap())]).await;
    app.wait_for("//h1 | //h2").await;
    let widths = app
        .client
        .execute(
            "const width = (family) => {
               const probe = document.createElement('span');
               probe.textContent = 'Reflections on delegating the quarterly review';
               if (family) probe.style.fontFamily = family;
               document.body.append(probe);
               const w = probe.getBoundingClientRect().width;
               probe.remove();
               return w;
             };
             return [getComputedStyle(document.body).fontFamily, width(null), width('DejaVu Serif'), width('sans-serif')];",
            vec![],
        )
        .await
        .unwrap();
    let family = widths[0].as_str().unwrap();
    assert!(family.starts_with("\"DejaVu Serif\""), "the page's font, the desktop's first: {family}");
    assert_eq!(widths[1], widths[2], "the text is set in the desktop's font: {widths}");
    assert_ne!(widths[1], widths[3], "and not in fontconfig's sans-serif: {widths}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn the_page_runs_with_the_web_process_settings_the_app_chooses_unless_told_otherwise() {
    let app = App::start().await;
    let web = web_process_environment();
    assert!(web.contains(&"WEBKIT_DISABLE_COMPOSITING_MODE=1".to_string()), "{web:?}");
    assert!(web.contains(&"JSC_useGenerationalGC=false".to_string()), "{web:?}");
    let app = app.restart_with(&[("JSC_useGenerationalGC", "true")]).await;
    let web = web_process_environment();
    assert!(web.contains(&"JSC_useGenerationalGC=true".to_string()), "a setting given is kept: {web:?}");
    app.quit().await;
}

/// The environment of the web process of the running app of this build.
fn web_process_environment() -> Vec<String> {
    let processes = crate::harness::app_processes();
    let web = processes.iter().find(|p| p.name.starts_with("WebKitWebProc")).expect("the app has a web process");
    let environ = std::fs::read(format!("/proc/{}/environ", web.pid)).unwrap();
    environ.split(|b| *b == 0).map(|v| String::from_utf8_lossy(v).into_owned()).collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_template_edited_in_settings_is_kept_in_the_journal_and_starts_the_next_entry() {
    let app = App::start().await;
    app.button("Settings").await.click().await.unwrap();
    app.field("Template for").await.select_by_value("reflection").await.unwrap();
    app.wait_for_value("Template text", "What happened?").await;
    let text = app.field("Template text").await;
    text.clear().await.unwrap();
    text.send_keys("## My own first question\n").await.unwrap();
    app.button("Save template").await.click().await.unwrap();
    app.wait_for_text("Saved").await;

    let app = app.restart().await;
    app.button("New entry").await.click().await.unwrap();
    let body = app.wait_for_value("Body", "My own first question").await;
    assert!(!body.contains("What happened?"), "the built-in prompts were replaced: {body}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn the_dark_theme_chosen_in_settings_stays_after_a_restart() {
    let app = App::start().await;
    app.button("Settings").await.click().await.unwrap();
    app.wait_for("//label[normalize-space(.)='Dark']").await.click().await.unwrap();
    app.wait_for("//html[@data-theme='dark']").await;
    let app = app.restart().await;
    app.wait_for("//html[@data-theme='dark']").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_entry_edited_in_the_window_saves_itself_and_the_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let id = add_entry(dir.path(), "Weekly", "Before.");
    let app = App::start_in(dir).await;
    app.wait_for(&listed_entry("Weekly")).await.click().await.unwrap();
    app.wait_for(SAVED).await;
    app.field("Body").await.click().await.unwrap();
    app.keyboard(CTRL_END, true).await;
    app.keyboard(" After, saved without a click.", false).await;
    app.wait_for("//*[@role='status' and (normalize-space(.)='Unsaved changes' or normalize-space(.)='Saving…')]")
        .await;
    app.wait_for(SAVED).await;
    let shown = praxis_json(app.data_dir.path(), &["show", &id]);
    assert_eq!(shown["body"], "Before. After, saved without a click.");
    app.wait_for("//section[@aria-label='Preview']//p[normalize-space(.)='Before. After, saved without a click.']")
        .await;

    // The star is saved the same way, and the list shows it.
    app.button("Star").await.click().await.unwrap();
    app.wait_for(SAVED).await;
    app.wait_for(&format!("{}[contains(., '(starred)')]", listed_entry("Weekly"))).await;
    let history = praxis_cli(app.data_dir.path(), &["history", &id]);
    assert_eq!(history.lines().count(), 2, "one editing session is one version after the first: {history}");
    app.quit().await;
}

/// The app on a journal of two entries, "Handing over" (about delegating)
/// and "Budget talk", both listed.
async fn two_entries_to_search() -> App {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Handing over", "--body", "I practised delegating the agenda."]);
    praxis_cli(dir.path(), &["add", "--title", "Budget talk", "--body", "Numbers first."]);
    let app = App::start_in(dir).await;
    app.wait_for(&listed_entry("Budget talk")).await;
    app
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn search_finds_an_entry_by_the_start_of_a_word_while_typing_and_says_when_nothing_matches() {
    let app = two_entries_to_search().await;
    app.field("Search entries").await.send_keys("deleg").await.unwrap();
    app.wait_for(&format!("{}//mark[normalize-space(.)='delegating']", listed_entry("Handing over"))).await;
    app.wait_gone(&listed_entry("Budget talk")).await;
    app.field("Search entries").await.send_keys("xyz").await.unwrap();
    app.wait_for_text("Nothing matches “delegxyz”. Search for fewer words, or the start of a word.").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_single_letter_keeps_the_timeline_until_enter_searches_it() {
    let app = two_entries_to_search().await;
    app.field("Search entries").await.send_keys("d").await.unwrap();
    app.wait_for_text("Type one more letter to search, or press Enter.").await;
    app.wait_for(&listed_entry("Budget talk")).await;
    app.field("Search entries").await.send_keys("\u{E007}").await.unwrap(); // Enter
    app.wait_for(&format!("{}//mark[normalize-space(.)='delegating']", listed_entry("Handing over"))).await;
    app.wait_gone(&listed_entry("Budget talk")).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn text_typed_just_before_the_window_is_closed_is_saved_first() {
    let dir = tempfile::tempdir().unwrap();
    let id = add_entry(dir.path(), "Open", "Start");
    let mut app = App::start_in(dir).await;
    app.wait_for(&listed_entry("Open")).await.click().await.unwrap();
    app.field("Body").await.click().await.unwrap();
    app.keyboard(CTRL_END, true).await;
    app.keyboard(" and the last words", false).await;
    app.wait_for_value("Body", "the last words").await;
    // At once: well before the autosave's pause is over.
    app.close_window_like_a_person().await;
    let shown = praxis_json(app.data_dir.path(), &["show", &id]);
    assert_eq!(shown["body"], "Start and the last words");
    app.quit().await;
}
