//! Privacy in the real window: the recovery key of a new journal, kept in the
//! real keychain, and the app lock that hides everything.

use crate::harness::{praxis_cli, App};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver, tauri-driver and a Secret Service: run `make test`"]
async fn a_new_journal_shows_its_recovery_key_once_and_the_key_opens_the_journal_anywhere() {
    let app = App::launch(tempfile::tempdir().unwrap()).await;
    let dialog = app.wait_for("//*[@role='dialog'][.//*[normalize-space(.)='Write down your recovery key']]").await;
    let shown = app.wait_for("//*[@aria-label='Recovery key']").await.text().await.unwrap();
    let recovery: String = shown.split_whitespace().collect();
    assert_eq!(recovery.len(), 65, "eleven groups of five: {recovery}");
    assert!(dialog.text().await.unwrap().contains("keychain"), "the notice says where the key is kept");
    app.button("I have written it down").await.click().await.unwrap();
    app.wait_gone("//*[@role='dialog']").await;
    app.button("New entry").await.click().await.unwrap();
    app.field("Title").await.send_keys("Behind the key").await.unwrap();
    app.button("Save now").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Behind the key')]").await;

    // The CLI finds the same key in the same keychain…
    assert!(praxis_cli(app.data_dir.path(), &["list"]).contains("Behind the key"));
    // …and the recovery key alone opens the journal, as on a new computer.
    let key_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(key_file.path(), &recovery).unwrap();
    let with_key = praxis_cli(app.data_dir.path(), &["--key-file", key_file.path().to_str().unwrap(), "list"]);
    assert!(with_key.contains("Behind the key"), "{with_key}");

    let app = app.restart().await;
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Behind the key')]").await;
    assert!(!app.visible_text().await.contains("Write down your recovery key"), "confirmed once, never shown again");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver, tauri-driver and a Secret Service: run `make test`"]
async fn the_locked_app_shows_nothing_and_unlocks_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "Confidential about Sam", "--body", "Sam's review went badly."]);
    let app = App::start_in(dir).await;
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Confidential about Sam')]").await;
    app.button("Journal data").await.click().await.unwrap();
    app.field("App lock passphrase").await.send_keys("morning pages").await.unwrap();
    app.field("Repeat app lock passphrase").await.send_keys("morning pages").await.unwrap();
    app.button("Turn on the app lock").await.click().await.unwrap();
    app.button("Lock now").await.click().await.unwrap();

    app.wait_for("//h1[normalize-space(.)='Praxis is locked']").await;
    let seen = app.visible_text().await;
    assert!(!seen.contains("Sam"), "nothing of the journal may show while locked: {seen}");
    app.field("Passphrase").await.send_keys("evening pages\u{E007}").await.unwrap();
    app.wait_for("//*[@role='alert'][contains(., 'does not open')]").await;
    assert!(!app.visible_text().await.contains("Sam"));

    // A restart does not get round the lock.
    let app = app.restart().await;
    app.wait_for("//h1[normalize-space(.)='Praxis is locked']").await;
    assert!(!app.visible_text().await.contains("Sam"), "the lock holds from the start");
    app.field("Passphrase").await.send_keys("morning pages\u{E007}").await.unwrap();
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Confidential about Sam')]").await;

    // Ctrl+L locks again from anywhere in the window.
    app.field("Search entries").await.send_keys("\u{E009}l").await.unwrap();
    app.wait_for("//h1[normalize-space(.)='Praxis is locked']").await;
    assert!(!app.visible_text().await.contains("Sam"));
    app.quit().await;
}

/// A session bus address where nothing listens: a computer without a keychain.
const NO_KEYCHAIN: [(&str, &str); 1] = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/praxis-test-bus")];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn without_a_keychain_the_window_asks_for_a_passphrase_and_only_it_opens_the_journal() {
    let app = App::launch_with(tempfile::tempdir().unwrap(), &NO_KEYCHAIN).await;
    app.wait_for("//h1[normalize-space(.)='Choose a passphrase for your journal']").await;
    app.field("Passphrase").await.send_keys("walking by the river").await.unwrap();
    app.field("Repeat passphrase").await.send_keys("walking by the river").await.unwrap();
    app.button("Create journal").await.click().await.unwrap();
    app.button("I have written it down").await.click().await.unwrap();
    app.wait_gone("//*[@role='dialog']").await;
    app.button("New entry").await.click().await.unwrap();
    app.field("Title").await.send_keys("Written without a keychain").await.unwrap();
    app.button("Save now").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Written without')]").await;

    let app = app.restart_with(&NO_KEYCHAIN).await;
    app.wait_for("//h1[normalize-space(.)='Enter your passphrase']").await;
    assert!(!app.visible_text().await.contains("Written without"), "nothing shows before the passphrase");
    app.field("Passphrase").await.send_keys("walking by the sea\u{E007}").await.unwrap();
    app.wait_for("//*[@role='alert'][contains(., 'passphrase does not open')]").await;
    app.field("Passphrase").await.clear().await.unwrap();
    app.field("Passphrase").await.send_keys("walking by the river\u{E007}").await.unwrap();
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Written without')]").await;

    let pass = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(pass.path(), "walking by the river\n").unwrap();
    let listed = praxis_cli(app.data_dir.path(), &["--journal-passphrase-file", pass.path().to_str().unwrap(), "list"]);
    assert!(listed.contains("Written without a keychain"), "the CLI opens it with the same passphrase: {listed}");
    app.quit().await;
}
