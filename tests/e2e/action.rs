//! Action learning in the window: an experiment from plan to outcome, and a
//! prep sheet that brings back the last session's commitment.

use crate::harness::{praxis_cli, praxis_json, App};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn an_experiment_is_planned_started_and_observed_and_shows_what_was_expected_beside_what_happened() {
    let app = App::start().await;
    app.button("Experiments").await.click().await.unwrap();
    app.button("Plan an experiment").await.click().await.unwrap();
    app.field("Hypothesis").await.send_keys("If I stay quiet, then the team will lead").await.unwrap();
    app.field("Planned action").await.send_keys("Say nothing for ten minutes").await.unwrap();
    app.field("Expected outcome").await.send_keys("Two people propose agenda items").await.unwrap();
    app.button("Save the plan").await.click().await.unwrap();
    app.wait_for_text("Planned “If I stay quiet, then the team will lead”.").await;

    app.button("Start the experiment").await.click().await.unwrap();
    app.wait_for_text("What you expected is locked from now on.").await;
    app.wait_for_text("it can no longer change").await;
    // Each status, with its time.
    app.wait_for("//section[@aria-label='Its history']//li[contains(., 'Planned') and .//time]").await;
    app.wait_for("//section[@aria-label='Its history']//li[contains(., 'Running') and .//time]").await;
    app.field("What actually happened").await.send_keys("Ana opened the meeting herself").await.unwrap();
    app.button("Record outcome").await.click().await.unwrap();

    app.wait_for(
        "//section[@aria-label='What actually happened']//p[normalize-space(.)='Ana opened the meeting herself']",
    )
    .await;
    app.wait_for("//section[@aria-label='What I expected']//dd[normalize-space(.)='Two people propose agenda items']")
        .await;
    // Each action asks when it happened, today by default.
    let today = chrono::Local::now().date_naive().to_string();
    let when = app.wait_for("//form[@aria-label='Conclude']//input[@type='date']").await;
    assert_eq!(when.prop("value").await.unwrap().as_deref(), Some(today.as_str()));
    assert_eq!(when.attr("max").await.unwrap().as_deref(), Some(today.as_str()), "never after today");
    if let Some(shots) = std::env::var_os("PRAXIS_SCREENSHOT_DIR") {
        for theme in ["light", "dark"] {
            let set = format!(
                "document.documentElement.dataset.theme = '{theme}'; \
                 document.querySelector('form[aria-label=\"Record an outcome\"]').scrollIntoView()"
            );
            app.client.execute(&set, vec![]).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            app.screenshot(&std::path::Path::new(&shots).join(format!("experiment-when-{theme}.png"))).await;
        }
    }
    if let Some(shots) = std::env::var_os("PRAXIS_SCREENSHOT_DIR") {
        // Every sidebar screen, drawn by the one screen frame, in both themes
        // and at a small and a large size.
        let shots = std::path::Path::new(&shots);
        for (size, (width, height)) in [("small", (800, 600)), ("large", (1440, 900))] {
            app.client.set_window_size(width, height).await.unwrap();
            for screen in ["Today", "Experiments", "Sessions", "Projects", "Sharing", "Settings", "Trash"] {
                app.button(screen).await.click().await.unwrap();
                for theme in ["light", "dark"] {
                    let set = format!("document.documentElement.dataset.theme = '{theme}'; window.scrollTo(0, 0)");
                    app.client.execute(&set, vec![]).await.unwrap();
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                    app.screenshot(&shots.join(format!("screen-{}-{size}-{theme}.png", screen.to_lowercase()))).await;
                }
            }
        }
    }
    let ledger = praxis_json(app.data_dir.path(), &["experiment", "list"]);
    assert_eq!(ledger[0]["status"], "observed");
    let id = ledger[0]["id"].as_str().unwrap().to_owned();
    let shown = praxis_json(app.data_dir.path(), &["experiment", "show", &id]);
    assert!(shown["locked_at"].is_string(), "the expectation was locked when it started: {shown}");
    assert_eq!(shown["outcomes"][0]["happened"], "Ana opened the meeting herself");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn the_prep_sheet_of_a_new_session_brings_back_the_last_sessions_commitment() {
    let dir = tempfile::tempdir().unwrap();
    let last = praxis_json(
        dir.path(),
        &["session", "new", "--on", "2026-01-10", "--group", "Tuesday set", "--role", "presenter"],
    );
    let last = last["id"].as_str().unwrap().to_owned();
    praxis_cli(dir.path(), &["session", "notes", &last, "--commit", "Ask Sam for feedback by 2026-01-17"]);

    let app = App::start_in(dir).await;
    app.button("Sessions").await.click().await.unwrap();
    app.button("Add a session").await.click().await.unwrap();
    app.field("Group").await.send_keys("Tuesday set").await.unwrap();
    app.button("Add the session").await.click().await.unwrap();
    app.wait_for_text("Its prep sheet is below.").await;
    app.wait_for_value("Update since last time", "- [ ] Ask Sam for feedback (by 2026-01-17) — overdue").await;
    app.field("My issue in one sentence").await.send_keys("The team still waits for me").await.unwrap();
    app.field("Update since last time").await.send_keys("Sam has not answered yet.").await.unwrap();
    app.button("Save the prep sheet").await.click().await.unwrap();
    app.wait_for_text("Saved the prep sheet.").await;

    // Opened again, the sheet is the one saved, with the line added by hand.
    app.wait_for("//ul[@aria-label='Sessions']//button[.//time[@datetime='2026-01-10']]").await.click().await.unwrap();
    app.wait_for_value("Update since last time", "This is the first session").await;
    app.wait_for("//ul[@aria-label='Sessions']//button[not(.//time[@datetime='2026-01-10'])]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_value("Update since last time", "Sam has not answered yet.").await;

    let sessions = praxis_json(app.data_dir.path(), &["session", "list"]);
    let new = sessions.as_array().unwrap().iter().find(|s| s["id"] != last.as_str()).unwrap();
    assert_eq!(new["issue"], "The team still waits for me");
    let prep = praxis_json(app.data_dir.path(), &["show", new["prep_entry"].as_str().unwrap()]);
    let body = prep["body"].as_str().unwrap();
    assert!(body.contains("Ask Sam for feedback (by 2026-01-17)"), "the saved sheet keeps the commitment: {body}");
    assert!(body.contains("Sam has not answered yet."), "and what was added by hand: {body}");
    app.quit().await;
}
