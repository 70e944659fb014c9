//! The whole journal as one Praxis export, in the real window: the encrypted
//! full export for another computer and importing an export back. The OS
//! file dialogs cannot be driven and Praxis has no test-only way around
//! them, so these tests stop where a dialog would open; the commands'
//! writing and reading of the files (plain and encrypted, a wrong
//! passphrase, a file that is not an export) are tested in Rust beside them
//! (src-tauri/src/commands/praxis_export.rs).

use crate::harness::{praxis_cli, App};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn the_encrypted_full_export_says_what_the_file_holds_and_wants_the_same_passphrase_twice() {
    let dir = tempfile::tempdir().unwrap();
    praxis_cli(dir.path(), &["add", "--title", "The handover meeting", "--body", "I let Ana run it."]);

    let app = App::start_in(dir).await;
    app.button("Journal data").await.click().await.unwrap();
    app.wait_for("//h4[normalize-space(.)='Import a Praxis export']").await;
    app.button("Choose the export file…").await;
    app.field("Export as").await.select_by_value("encrypted").await.unwrap();
    let note = app.wait_for("//*[@id='export-encrypted-note']").await.text().await.unwrap();
    assert!(note.contains("including your sharing key"), "the note says what leaves: {note}");
    assert!(note.contains("Praxis cannot recover a forgotten passphrase"), "{note}");
    let visible = app.visible_text().await;
    assert!(!visible.contains("Leave “From” and “To” empty"), "the days do not apply to everything: {visible}");

    app.field("Passphrase for the file").await.send_keys("river walk at dawn").await.unwrap();
    app.field("Repeat the passphrase").await.send_keys("river walk at dusk").await.unwrap();
    app.button("Export…").await.click().await.unwrap();
    // Had the export started, the save dialog would hold the window here.
    app.wait_for("//*[@role='alert'][normalize-space(.)='The two passphrases differ. Type the same one twice.']").await;

    if let Some(shots) = std::env::var_os("PRAXIS_SCREENSHOT_DIR") {
        let shots = std::path::Path::new(&shots);
        for (size, (width, height)) in [("wide", (1100, 760)), ("narrow", (700, 560))] {
            app.client.set_window_size(width, height).await.unwrap();
            for theme in ["light", "dark"] {
                for (part, heading) in [("export", "#export-heading"), ("import", ".praxis-import h4")] {
                    let set = format!(
                        "document.documentElement.dataset.theme = '{theme}'; \
                         document.querySelector('{heading}').scrollIntoView({{block: 'start'}})"
                    );
                    app.client.execute(&set, vec![]).await.unwrap();
                    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                    app.screenshot(&shots.join(format!("full-{part}-{size}-{theme}.png"))).await;
                }
            }
        }
    }

    app.quit().await;
}
