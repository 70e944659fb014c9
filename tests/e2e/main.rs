//! End-to-end tests of the real desktop app. They need a display, WebKit's
//! WebDriver and tauri-driver, so plain `cargo test` lists them as ignored;
//! `make test` runs them under Xvfb.

mod harness;

use harness::{praxis_cli, App};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_entry_written_in_the_window_is_listed_by_the_cli_on_the_same_data_folder() {
    let app = App::start().await;
    app.button("New entry").await.click().await.unwrap();
    app.field("Title").await.send_keys("Written in the window").await.unwrap();
    app.field("Body").await.send_keys("The team *took over* the weekly meeting.").await.unwrap();
    app.field("Tags").await.send_keys("Delegation, meetings").await.unwrap();
    app.button("Save entry").await.click().await.unwrap();

    let list = app.list("Entries").await;
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'Written in the window')]").await;
    assert!(list.text().await.unwrap().contains("Written in the window"), "the window lists what it saved");
    app.wait_for("//em[normalize-space(.)='took over']").await; // the saved entry is shown, its Markdown rendered by the core

    let listed: serde_json::Value =
        serde_json::from_str(&praxis_cli(app.data_dir.path(), &["list", "--json"])).unwrap();
    assert_eq!(listed[0]["title"], "Written in the window", "the CLI sees the same journal");
    assert_eq!(listed[0]["tags"], serde_json::json!(["delegation", "meetings"]));
    app.quit().await;
}
