//! A project in the window: started, given an experiment and an entry,
//! shown on its page and in the timeline, and deleted without losing what
//! belonged to it.

use crate::harness::{add_entry, praxis_json, xpath_literal, App};

fn listed_entry(title: &str) -> String {
    format!("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), {})]", xpath_literal(title))
}

fn titles(entries: &serde_json::Value) -> Vec<String> {
    let mut titles: Vec<String> =
        entries.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect();
    titles.sort();
    titles
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver and tauri-driver: run `make test`"]
async fn a_project_gathers_its_experiments_and_entries_and_deleting_it_keeps_every_one() {
    let dir = tempfile::tempdir().unwrap();
    add_entry(dir.path(), "Unrelated", "Not part of the project.");
    let app = App::start_in(dir).await;
    app.button("Projects").await.click().await.unwrap();
    app.button("New project").await.click().await.unwrap();
    app.field("Name").await.send_keys("Let the team lead").await.unwrap();
    app.field("Challenge").await.send_keys("They wait for me to decide.").await.unwrap();
    app.button("Start the project").await.click().await.unwrap();
    app.wait_for_text("Started the project “Let the team lead”.").await;

    app.button("Experiments").await.click().await.unwrap();
    app.button("Plan an experiment").await.click().await.unwrap();
    app.field("Hypothesis").await.send_keys("If I ask first, then they answer").await.unwrap();
    app.field("Project").await.select_by_label("Let the team lead").await.unwrap();
    app.button("Save the plan").await.click().await.unwrap();
    app.wait_for_text("Planned “If I ask first, then they answer”.").await;

    // The project is chosen before a word is typed: the entry joins it when it is first saved.
    app.button("New entry").await.click().await.unwrap();
    app.field("Project").await.select_by_label("Let the team lead").await.unwrap();
    app.field("Title").await.send_keys("Monday's standup").await.unwrap();
    app.wait_for("//*[@role='status' and normalize-space(.)='Saved']").await;

    let projects = praxis_json(app.data_dir.path(), &["project", "list"]);
    let id = projects[0]["id"].as_str().unwrap().to_owned();
    let page = praxis_json(app.data_dir.path(), &["project", "show", &id]);
    assert_eq!(titles(&page["entries"]), ["If I ask first, then they answer", "Monday's standup"]);

    app.button("Projects").await.click().await.unwrap();
    app.wait_for("//ul[@aria-label='Projects']//button[.//span[normalize-space(.)='Let the team lead']]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("//section[@aria-label='Its experiments']//button[contains(., 'If I ask first, then they answer')]")
        .await;
    app.wait_for("//section[@aria-label='Its entries']//button[contains(., \"Monday's standup\")]").await;

    app.button("Show its entries in the timeline").await.click().await.unwrap();
    app.wait_gone(&listed_entry("Unrelated")).await;
    app.wait_for(&listed_entry("Monday's standup")).await;
    app.button("Filters (1 on)").await;

    app.button("Delete project").await.click().await.unwrap();
    app.wait_for("//*[@role='dialog']//button[normalize-space(.)='Delete project']").await.click().await.unwrap();
    app.wait_for_text("Its 2 entries stay in your journal, without a project.").await;
    // The filter on the project went with it: the whole journal shows again.
    app.wait_for(&listed_entry("Unrelated")).await;
    assert_eq!(
        titles(&praxis_json(app.data_dir.path(), &["list"])),
        ["If I ask first, then they answer", "Monday's standup", "Unrelated"]
    );
    assert!(praxis_json(app.data_dir.path(), &["project", "list"]).as_array().unwrap().is_empty());
    app.quit().await;
}
