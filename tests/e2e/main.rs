//! End-to-end tests of the real desktop app. They need a display, WebKit's
//! WebDriver and tauri-driver, so plain `cargo test` lists them as ignored;
//! `make test` runs them under Xvfb.

mod action;
mod full_export;
mod harness;
mod privacy;
mod projects;
mod reminders;
mod sharing;
mod writing;

use harness::{praxis_cli, praxis_json, App};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_entry_written_in_the_window_is_listed_by_the_cli_on_the_same_data_folder() {
    let app = App::start().await;
    app.button("New entry").await.click().await.unwrap();
    app.field("Title").await.send_keys("Written in the window").await.unwrap();
    app.field("Body").await.send_keys("The team *took over* the weekly meeting.").await.unwrap();
    app.field("Tags").await.send_keys("Delegation, meetings").await.unwrap();
    app.button("Save now").await.click().await.unwrap();

    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Written in the window')]").await;
    let list = app.list("Entries").await;
    let listed_text = list.text().await.unwrap();
    assert!(listed_text.contains("Written in the window"), "the window lists what it saved: {listed_text:?}");
    app.wait_for("//em[normalize-space(.)='took over']").await; // the saved entry is shown, its Markdown rendered by the core

    let listed = praxis_json(app.data_dir.path(), &["list"]);
    assert_eq!(listed[0]["title"], "Written in the window", "the CLI sees the same journal");
    assert_eq!(listed[0]["tags"], serde_json::json!(["delegation", "meetings"]));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_backup_is_restored_from_the_journal_data_screen_after_a_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Kept in the backup", "--body", "x"]);
    let backup = praxis_json(dir.path(), &["backup", "now"]);
    praxis_cli(dir.path(), &["add", "--title", "Written after the backup", "--body", "y"]);

    let app = App::start_in(dir).await;
    app.button("Journal data").await.click().await.unwrap();
    app.list("Backups").await;
    app.button("Restore backup from").await.click().await.unwrap();
    let dialog = app.wait_for("//*[@role='dialog']").await;
    assert!(dialog.text().await.unwrap().contains("What is there now will be backed up first"));
    app.wait_for("//*[@role='dialog']//button[normalize-space(.)='Restore']").await.click().await.unwrap();
    app.wait_for_text("Restored the backup from").await;

    let listed = praxis_json(app.data_dir.path(), &["list"]);
    let titles: Vec<&str> = listed.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, vec!["Kept in the backup"], "the journal is the backup {} again", backup[0]["id"]);
    let backups = praxis_cli(app.data_dir.path(), &["backup", "list"]);
    assert!(backups.contains("before-restore"), "what was replaced was backed up first: {backups}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_damaged_journal_is_named_in_the_window_and_its_newest_backup_puts_it_right() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Safe in the backup", "--body", "x"]);
    praxis_cli(dir.path(), &["backup", "now"]);
    let db = dir.path().join("journal.sqlite3");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].copy_from_slice(&[0xAB; 100]);
    std::fs::write(&db, &bytes).unwrap();
    for extra in ["journal.sqlite3-wal", "journal.sqlite3-shm"] {
        let _ = std::fs::remove_file(dir.path().join(extra));
    }

    let app = App::start_in(dir).await;
    let banner = app.wait_for("//*[@role='alert'][contains(., 'Your journal is damaged')]").await;
    assert!(banner.text().await.unwrap().contains("changed nothing"), "the window says what happened");
    app.button("Restore the newest backup").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Safe in the backup')]").await;

    let listed = praxis_cli(app.data_dir.path(), &["list"]);
    assert!(listed.contains("Safe in the backup"), "{listed}");
    let aside = std::fs::read_dir(app.data_dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
        .expect("the damaged file was moved aside, not overwritten");
    assert_eq!(std::fs::read(aside.path().join("journal.sqlite3")).unwrap(), bytes);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_missing_journal_file_is_named_as_missing_never_replaced_and_its_backup_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Kept in the backup", "--body", "x"]);
    praxis_cli(dir.path(), &["backup", "now"]);
    for name in ["journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }

    let app = App::start_in(dir).await;
    let banner = app.wait_for("//*[@role='alert'][contains(., 'missing or empty')]").await;
    let said = banner.text().await.unwrap();
    assert!(said.contains("made no new journal") && !said.contains("is damaged"), "{said}");
    assert!(!app.data_dir.path().join("journal.sqlite3").exists(), "no new, empty journal was made");
    let page = app.visible_text().await;
    assert_eq!(page.matches("no new journal").count(), 1, "said once, by the banner: {page}");
    if let Some(shots) = std::env::var_os("PRAXIS_SCREENSHOT_DIR") {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        app.screenshot(&std::path::Path::new(&shots).join("journal-missing.png")).await;
    }
    app.button("Restore the newest backup").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Kept in the backup')]").await;
    app.quit().await;
}
