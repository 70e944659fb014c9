//! Sharing in the real window, between two real journals: the participant
//! selects an excerpt, replaces a name, previews and shares it to the coach's
//! key; the coach opens it in their own Praxis and replies; the participant
//! imports the reply and sees it beside the original. The encrypted files
//! travel as armored text (the "paste into an email" route), so no OS file
//! dialog is needed.

use crate::harness::{praxis_cli, praxis_json, App};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver, tauri-driver and a Secret Service: run `make test`"]
async fn an_excerpt_goes_to_the_coach_redacted_and_the_feedback_comes_back_beside_the_original() {
    let coach_dir = tempfile::tempdir().unwrap();
    praxis_cli(coach_dir.path(), &["key", "name", "Dana"]);
    let coach = praxis_json(coach_dir.path(), &["key", "show"]);
    let coach_key = coach["public_key"].as_str().unwrap().to_owned();

    let participant_dir = tempfile::tempdir().unwrap();
    praxis_cli(participant_dir.path(), &["key", "name", "Alex"]);
    praxis_cli(participant_dir.path(), &["coach", "add", "Dana", &coach_key]);
    praxis_cli(
        participant_dir.path(),
        &[
            "add",
            "--title",
            "After the review",
            "--body",
            "Sam said the plan was rushed. I listened first, then asked what would help.",
        ],
    );

    // The participant shares an excerpt with Sam's name replaced.
    let app = App::start_in(participant_dir).await;
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'After the review')]")
        .await
        .click()
        .await
        .unwrap();
    app.button("Share with your coach…").await.click().await.unwrap();
    app.field("Text of the entry (select a passage to share only that)").await;
    app.client
        .execute(
            "const label = [...document.querySelectorAll('label')].find(l => l.textContent.startsWith('Text of the entry'));
             const text = document.getElementById(label.htmlFor); text.focus(); text.setSelectionRange(0, 29);",
            vec![],
        )
        .await
        .unwrap();
    app.button("Add the selected text").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='To be shared']//*[contains(., 'Sam said the plan was rushed.')]").await;
    app.field("Replace").await.send_keys("Sam").await.unwrap();
    app.field("with").await.send_keys("S.").await.unwrap();
    app.button("Preview what leaves").await.click().await.unwrap();
    let preview = app.wait_for("//*[@aria-label='Preview of the share']").await;
    let previewed = preview.text().await.unwrap();
    assert!(previewed.contains("S. said the plan was rushed."), "{previewed}");
    assert!(
        !previewed.contains("Sam") && !previewed.contains("listened"),
        "only the redacted excerpt leaves: {previewed}"
    );
    app.button("Show it as text to paste").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='Shared']").await;
    let armored = app.value_of("Encrypted share to paste").await;
    assert!(armored.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"), "{armored}");
    let log = praxis_cli(app.data_dir.path(), &["share-log"]);
    assert!(log.contains("to Dana"), "the share is in the log: {log}");
    let participant_dir = app.close_keeping_data().await;

    // The coach opens it in their own Praxis, on their own data folder.
    let app = App::start_in(coach_dir).await;
    app.button("Sharing").await.click().await.unwrap();
    app.field("Or paste a share you received as text").await.send_keys(&armored).await.unwrap();
    app.button("Open the pasted share").await.click().await.unwrap();
    app.wait_for("//h4[contains(., 'From Alex')]").await;
    let seen = app.visible_text().await;
    assert!(seen.contains("not verified"), "the sender is never presented as proven");
    assert!(seen.contains("S. said the plan was rushed.") && !seen.contains("Sam"), "{seen}");
    app.field("Your comment on “After the review”")
        .await
        .send_keys("Listening first worked. What did S. need?")
        .await
        .unwrap();
    app.button("Show the reply as text").await.click().await.unwrap();
    app.wait_for("//*[@aria-label='Feedback reply']").await;
    let reply = app.value_of("Encrypted reply to paste").await;
    assert!(reply.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    app.quit().await;

    // The participant imports the reply and sees it beside the original.
    let app = App::start_in(participant_dir).await;
    app.button("Sharing").await.click().await.unwrap();
    app.field("Or paste feedback you received as text").await.send_keys(&reply).await.unwrap();
    app.button("Import the pasted feedback").await.click().await.unwrap();
    app.wait_for("//*[@role='status'][contains(., 'Added 1 comment')]").await;
    app.wait_for("//*[@aria-label='Entries']//button[starts-with(normalize-space(.), 'After the review')]")
        .await
        .click()
        .await
        .unwrap();
    let beside = app.wait_for("//*[@aria-label='Feedback from your coach']").await;
    assert!(beside.text().await.unwrap().contains("Listening first worked."), "the feedback sits beside the original");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver, tauri-driver and a Secret Service: run `make test`"]
async fn a_shared_experiment_shows_the_coach_what_was_expected_beside_what_happened_with_no_name_left() {
    let coach_dir = tempfile::tempdir().unwrap();
    praxis_cli(coach_dir.path(), &["key", "name", "Dana"]);
    let coach_key = praxis_json(coach_dir.path(), &["key", "show"])["public_key"].as_str().unwrap().to_owned();
    let participant = tempfile::tempdir().unwrap();
    let p = participant.path();
    praxis_cli(p, &["key", "name", "Alex"]);
    praxis_cli(p, &["coach", "add", "Dana", &coach_key]);
    let experiment = praxis_json(
        p,
        &[
            "experiment",
            "new",
            "--title",
            "Stay quiet in the weekly",
            "--hypothesis",
            "If I stay quiet, Priya will lead the weekly",
            "--action",
            "Say nothing for the first ten minutes",
            "--expect",
            "Priya proposes two agenda items",
            "--works-if",
            "Someone else opens the meeting",
            "--fails-if",
            "Everyone looks at me",
            "--start",
            "2026-01-05",
            "--review",
            "2026-01-19",
            "--tag",
            "priya",
        ],
    );
    let id = experiment["id"].as_str().unwrap().to_owned();
    praxis_cli(p, &["experiment", "start", &id]);
    praxis_cli(
        p,
        &[
            "experiment",
            "observe",
            &id,
            "--happened",
            "Priya opened the meeting after **two minutes**.",
            "--surprised",
            "How short the silence was",
            "--why",
            "Priya had prepared",
        ],
    );
    let outcome = praxis_json(p, &["experiment", "show", &id])["outcomes"][0]["id"].as_str().unwrap().to_owned();
    let file = p.join("share.age.txt");
    praxis_cli(
        p,
        &[
            "share",
            "--coach",
            "Dana",
            "--entry",
            &id,
            "--entry",
            &outcome,
            "--redact",
            "Priya=a colleague",
            "--armor",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let armored = std::fs::read_to_string(&file).unwrap();

    let app = App::start_in(coach_dir).await;
    app.button("Sharing").await.click().await.unwrap();
    app.field("Or paste a share you received as text").await.send_keys(&armored).await.unwrap();
    app.button("Open the pasted share").await.click().await.unwrap();
    let expected = app.wait_for("//*[@aria-label='What they expected']").await.text().await.unwrap();
    assert!(expected.contains("If I stay quiet, a colleague will lead the weekly"), "{expected}");
    assert!(expected.contains("a colleague proposes two agenda items"), "{expected}");
    let happened = app.wait_for("//*[@aria-label='What actually happened']").await.text().await.unwrap();
    assert!(happened.contains("a colleague opened the meeting after two minutes."), "rendered, no marks: {happened}");
    assert!(happened.contains("How short the silence was") && happened.contains("a colleague had prepared"));
    let seen = app.visible_text().await;
    assert!(seen.contains("What they expected was locked on") && seen.contains("Observed"), "{seen}");
    assert!(!seen.to_lowercase().contains("priya"), "no redacted name is shown, not even as a tag: {seen}");
    if let Some(shots) = std::env::var_os("PRAXIS_SCREENSHOT_DIR") {
        let shots = std::path::Path::new(&shots);
        app.client
            .execute(
                "document.querySelector('[aria-label=\"What they expected\"]').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        app.screenshot(&shots.join("shared-experiment-light.png")).await;
        app.client.execute("document.documentElement.dataset.theme = 'dark';", vec![]).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        app.screenshot(&shots.join("shared-experiment-dark.png")).await;
    }
    app.quit().await;
}
