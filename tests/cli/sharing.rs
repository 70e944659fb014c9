//! Sharing from the command line, and interoperability with the stock `age`
//! tool (Debian's package): Praxis files open with `age -d`, and files made
//! with `age -r` open in Praxis.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A participant or a coach with a journal of their own (round_trip.rs too).
pub(crate) struct Person {
    dir: tempfile::TempDir,
    key: tempfile::NamedTempFile,
}

impl Person {
    pub(crate) fn new(key_byte: &str) -> Person {
        let mut key = tempfile::NamedTempFile::new().unwrap();
        writeln!(key, "{}", key_byte.repeat(32)).unwrap();
        Person { dir: tempfile::tempdir().unwrap(), key }
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--data-dir")
            .arg(self.dir.path())
            .env_remove("PRAXIS_DATA_DIR")
            .env("PRAXIS_KEY_FILE", self.key.path())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "praxis {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    pub(crate) fn public_key(&self) -> String {
        self.json(&["key", "show"])["public_key"].as_str().unwrap().to_owned()
    }
}

pub(crate) fn age_keygen(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("age-key.txt");
    let out =
        Command::new("age-keygen").arg("-o").arg(&path).output().expect("this test needs age (make test installs it)");
    assert!(out.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    let public = text.lines().find_map(|l| l.strip_prefix("# public key: ")).unwrap().trim().to_owned();
    (path, public)
}

#[test]
fn a_praxis_share_opens_with_the_stock_age_tool_armored_or_not() {
    let alex = Person::new("a1");
    let scratch = tempfile::tempdir().unwrap();
    let (identity, public) = age_keygen(scratch.path());
    let id = alex.ok(&[
        "add",
        "--title",
        "After the review",
        "--body",
        "Sam said the plan was rushed.",
        "--tag",
        "feedback",
    ]);
    let id = id.trim();
    for armor in [false, true] {
        let out = scratch.path().join(format!("share-{armor}.age"));
        let mut args =
            vec!["share", "--to", &public, "--entry", id, "--redact", "Sam=S.", "--out", out.to_str().unwrap()];
        if armor {
            args.push("--armor");
        }
        alex.ok(&args);
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"), armor);
        let decrypted = Command::new("age").arg("-d").arg("-i").arg(&identity).arg(&out).output().unwrap();
        assert!(decrypted.status.success(), "age -d: {}", String::from_utf8_lossy(&decrypted.stderr));
        let doc: Value = serde_json::from_slice(&decrypted.stdout).expect("age gives the JSON document");
        assert_eq!(doc["format"], "praxis-share");
        assert_eq!(doc["version"], 2);
        assert_eq!(doc["items"][0]["markdown"], "S. said the plan was rushed.");
        assert_eq!(doc["items"][0]["excerpt"], false);
        assert_eq!(doc["from"]["public_key"], alex.public_key().as_str());
    }
    let log = alex.json(&["share-log"]);
    assert_eq!(log.as_array().unwrap().len(), 2, "both files are in the share log");
}

#[test]
fn a_share_made_with_age_r_opens_in_praxis_and_lands_in_the_inbox() {
    let dana = Person::new("d4");
    let key = dana.public_key();
    let scratch = tempfile::tempdir().unwrap();
    let document = serde_json::json!({
        "format": "praxis-share", "version": 1, "id": "b4d6c0de-0000-4000-8000-000000000001",
        "created_at": "2026-05-03T09:00:00+02:00",
        "from": {"name": "Alex", "public_key": "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"},
        "note": "Written by hand",
        "items": [{"entry_id": "3f2a9c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "kind": "reflection", "title": "By hand",
                   "occurred_on": "2026-05-02", "tags": [], "markdown": "Made with the age tool.", "excerpt": true}]
    });
    let plain = scratch.path().join("share.json");
    std::fs::write(&plain, serde_json::to_vec(&document).unwrap()).unwrap();
    let file = scratch.path().join("from-age.age");
    let status = Command::new("age").args(["-r", &key, "-o"]).arg(&file).arg(&plain).status().unwrap();
    assert!(status.success());

    let opened = dana.json(&["open", file.to_str().unwrap()]);
    assert_eq!(opened["document"]["items"][0]["markdown"], "Made with the age tool.");
    assert_eq!(opened["sender_name"], "Alex");
    let text = dana.ok(&["open", file.to_str().unwrap()]);
    assert!(text.contains("not verified"), "the sender is labelled as unproven: {text}");
    let inbox = dana.json(&["inbox"]);
    assert_eq!(inbox.as_array().unwrap().len(), 1, "opened twice, stored once");
    assert_eq!(dana.json(&["inbox", "age tool"]).as_array().unwrap().len(), 1, "the inbox is searchable");
}

#[test]
fn the_whole_round_trip_runs_from_the_cli_share_open_reply_and_import_beside_the_original() {
    let alex = Person::new("a1");
    let dana = Person::new("d4");
    let scratch = tempfile::tempdir().unwrap();
    alex.ok(&["key", "name", "Alex"]);
    dana.ok(&["key", "name", "Dana"]);
    let dana_key = dana.public_key();
    alex.ok(&["coach", "add", "Dana", &dana_key]);
    let coaches = alex.json(&["coach", "list"]);
    assert_eq!(coaches[0]["name"], "Dana");

    let id = alex
        .ok(&["add", "--title", "Hard one-to-one", "--body", "I interrupted Sam twice. Next time: wait."])
        .trim()
        .to_owned();
    let preview = alex.ok(&[
        "share",
        "--coach",
        "Dana",
        "--excerpt",
        &format!("{}:0-24", &id[..8]),
        "--redact",
        "Sam=S.",
        "--preview",
    ]);
    let previewed: Value = serde_json::from_str(&preview).unwrap();
    assert_eq!(previewed["items"][0]["markdown"], "I interrupted S. twice.", "the preview is the exact document");
    assert!(alex.json(&["share-log"]).as_array().unwrap().is_empty(), "a preview sends and logs nothing");

    let shared = alex.json(&[
        "share",
        "--coach",
        "Dana",
        "--excerpt",
        &format!("{}:0-24", &id[..8]),
        "--redact",
        "Sam=S.",
        "--note",
        "For Thursday",
        "--out",
        scratch.path().to_str().unwrap(),
    ]);
    let file = shared["file"].as_str().unwrap().to_owned();
    assert!(
        Path::new(&file).file_name().unwrap().to_str().unwrap().starts_with("praxis-share-"),
        "the name tells nothing: {file}"
    );
    assert!(!file.contains("one-to-one"));

    let opened = dana.json(&["open", &file]);
    let share_id = opened["id"].as_str().unwrap().to_owned();
    let reply = scratch.path().join("reply.age");
    dana.ok(&[
        "feedback",
        "reply",
        &share_id[..8],
        "--comment",
        &format!("{id}=Waiting is a good experiment."),
        "--out",
        reply.to_str().unwrap(),
    ]);

    let imported = alex.json(&["feedback", "import", reply.to_str().unwrap()]);
    assert_eq!(imported["added"].as_array().unwrap().len(), 1);
    let feedback = alex.json(&["list", "--kind", "coach_feedback"]);
    assert_eq!(feedback.as_array().unwrap().len(), 1);
    assert!(feedback[0]["title"].as_str().unwrap().contains("Dana"));
    let again = alex.json(&["feedback", "import", reply.to_str().unwrap()]);
    assert_eq!(again["already_imported"], 1, "importing twice adds nothing");
}

#[test]
fn a_passphrase_share_opens_with_the_words_and_a_broken_file_is_refused_and_stores_nothing() {
    let alex = Person::new("a1");
    let dana = Person::new("d4");
    let scratch = tempfile::tempdir().unwrap();
    let id = alex.ok(&["add", "--title", "Words", "--body", "Shared by phone."]).trim().to_owned();
    let out = scratch.path().join("p.age");
    let shared = alex.json(&["share", "--generate-passphrase", "--entry", &id, "--out", out.to_str().unwrap()]);
    let words = shared["passphrase"].as_str().unwrap().to_owned();
    assert_eq!(words.split('-').count(), 6);
    let pass = scratch.path().join("pass.txt");
    std::fs::write(&pass, &words).unwrap();

    let mut broken = std::fs::read(&out).unwrap();
    let n = broken.len() - 5;
    broken[n] ^= 0x40;
    let bad = scratch.path().join("broken.age");
    std::fs::write(&bad, &broken).unwrap();
    let refused = dana.run(&["open", bad.to_str().unwrap(), "--passphrase-file", pass.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("damaged"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let without = dana.run(&["open", out.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&without.stderr).contains("passphrase"), "asks for the passphrase");
    assert!(dana.json(&["inbox"]).as_array().unwrap().is_empty(), "nothing stored from a failed open");

    let opened = dana.json(&["open", out.to_str().unwrap(), "--passphrase-file", pass.to_str().unwrap()]);
    assert_eq!(opened["document"]["items"][0]["markdown"], "Shared by phone.");
}

#[test]
fn an_identity_file_from_age_keygen_opens_a_share_sent_to_it() {
    let alex = Person::new("a1");
    let dana = Person::new("d4");
    let scratch = tempfile::tempdir().unwrap();
    let (identity, public) = age_keygen(scratch.path());
    let id = alex.ok(&["add", "--title", "To a plain age key", "--body", "x"]).trim().to_owned();
    let out = scratch.path().join("s.age");
    alex.ok(&["share", "--to", &public, "--entry", &id, "--out", out.to_str().unwrap()]);
    let refused = dana.run(&["open", out.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not encrypted to your sharing key"));
    let opened = dana.json(&["open", out.to_str().unwrap(), "--identity-file", identity.to_str().unwrap()]);
    assert_eq!(opened["document"]["items"][0]["title"], "To a plain age key");
}

#[test]
fn a_4_gib_file_given_to_open_or_feedback_import_is_refused_by_its_size_with_little_memory() {
    let me = Person::new("21");
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.age");
    std::fs::File::create(&huge).unwrap().set_len(4 * 1024 * 1024 * 1024).unwrap(); // sparse: no disk used
    for args in [&["open"][..], &["feedback", "import"]] {
        let mut all = vec!["--report-memory"];
        all.extend_from_slice(args);
        all.push(huge.to_str().unwrap());
        let out = me.run(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains("shares of up to 32 MB"), "{args:?}: {stderr}");
        let peak: u64 = stderr
            .lines()
            .find_map(|l| l.strip_prefix("peak memory: "))
            .and_then(|kb| kb.trim_end_matches(" kB").trim().parse().ok())
            .expect("--report-memory prints the peak");
        assert!(peak <= 100 * 1024, "{args:?}: peak memory {peak} kB");
    }
    assert_eq!(me.json(&["inbox"]), serde_json::json!([]), "nothing was stored");
}

#[test]
fn a_shared_experiment_opens_with_age_d_as_json_holding_its_expectation_and_when_it_was_locked() {
    let alex = Person::new("a1");
    let dana = Person::new("d4");
    let scratch = tempfile::tempdir().unwrap();
    let (identity, public) = age_keygen(scratch.path());
    let experiment = alex.json(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I stay quiet, Priya will lead",
        "--action",
        "Say nothing for ten minutes",
        "--expect",
        "Priya proposes two agenda items",
        "--works-if",
        "Someone opens the meeting",
        "--fails-if",
        "Everyone looks at me",
        "--start",
        "2026-01-05",
        "--review",
        "2026-01-19",
        "--tag",
        "priya",
    ]);
    let id = experiment["id"].as_str().unwrap().to_owned();
    alex.ok(&["experiment", "start", &id]);
    alex.ok(&["experiment", "observe", &id, "--happened", "Priya opened it", "--surprised", "Priya was ready"]);
    let outcome = alex.json(&["experiment", "show", &id])["outcomes"][0]["id"].as_str().unwrap().to_owned();

    let out = scratch.path().join("x.age");
    let args =
        ["share", "--to", &public, "--entry", &id, "--entry", &outcome, "--redact", "Priya=a colleague", "--out"];
    let mut args = args.to_vec();
    args.push(out.to_str().unwrap());
    let preview: Value = {
        let mut p = args[..args.len() - 2].to_vec();
        p.push("--preview");
        serde_json::from_str(&alex.ok(&p)).unwrap()
    };
    alex.ok(&args);
    let decrypted = Command::new("age").arg("-d").arg("-i").arg(&identity).arg(&out).output().unwrap();
    assert!(decrypted.status.success(), "age -d: {}", String::from_utf8_lossy(&decrypted.stderr));
    let text = String::from_utf8(decrypted.stdout).unwrap();
    let doc: Value = serde_json::from_str(&text).expect("age gives the JSON document");
    assert_eq!(doc["version"], 2);
    let x = &doc["items"][0]["experiment"];
    assert_eq!(x["hypothesis"], "If I stay quiet, a colleague will lead");
    assert_eq!(x["expected_outcome"], "a colleague proposes two agenda items");
    assert_eq!(x["status"], "observed");
    assert!(x["locked_at"].as_str().is_some_and(|t| t.len() >= 20), "when it was locked: {x}");
    assert_eq!(doc["items"][0]["tags"], serde_json::json!(["a-colleague"]), "the tag is redacted too");
    let o = &doc["items"][1]["outcome"];
    assert_eq!(o["experiment"]["entry_id"], id.as_str());
    assert_eq!(o["surprised"], "a colleague was ready");
    assert!(!text.to_lowercase().contains("priya"), "no redacted word leaves: {text}");
    let mut previewed = preview.clone();
    previewed["id"] = doc["id"].clone();
    previewed["created_at"] = doc["created_at"].clone();
    assert_eq!(previewed, doc, "the preview is what leaves (but for its id and time)");

    // The coach reads it laid out, in the terminal.
    dana.ok(&["open", out.to_str().unwrap(), "--identity-file", identity.to_str().unwrap()]);
    let shown = dana.ok(&["inbox", "--full"]);
    for line in [
        "Hypothesis: If I stay quiet, a colleague will lead",
        "Expected outcome: a colleague proposes two agenda items",
        "What they expected was locked on",
        "What surprised them: a colleague was ready",
        "Status: observed",
    ] {
        assert!(shown.contains(line), "{line:?} in:\n{shown}");
    }
    let expected = shown.find("What they expected").unwrap();
    let happened = shown.find("### What actually happened").unwrap();
    assert!(expected < happened, "the expectation comes before what happened:\n{shown}");
}
