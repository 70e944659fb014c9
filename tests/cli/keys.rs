//! The journal's key from a terminal: the keychain by default, a key file or
//! passphrase file for scripts, and `praxis key recovery-show | rotate`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{text, NO_KEYCHAIN};

fn praxis(dir: &Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_praxis"));
    cmd.arg("--data-dir").arg(dir).args(args).stdin(Stdio::null());
    cmd.env_remove("PRAXIS_DATA_DIR").env_remove("PRAXIS_KEY_FILE").env_remove("PRAXIS_PASSPHRASE_FILE");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn write(path: &Path, text: &str) -> String {
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn the_recovery_key_is_shown_only_when_asked_for_and_opens_the_journal_as_a_key_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("journal");
    let key = write(&home.path().join("k"), &"5e".repeat(32));
    assert!(praxis(&dir, &[], &["--key-file", &key, "add", "--title", "Kept", "--body", "x"]).status.success());

    let refused = praxis(&dir, &[], &["--key-file", &key, "key", "recovery-show"]);
    assert!(!refused.status.success(), "a script must ask for it explicitly");
    assert!(text(&refused).contains("--yes"), "{}", text(&refused));

    let shown = praxis(&dir, &[], &["--key-file", &key, "key", "recovery-show", "--yes"]);
    assert!(shown.status.success(), "{}", text(&shown));
    let recovery = String::from_utf8(shown.stdout).unwrap().trim().to_owned();
    assert_eq!(recovery.len(), 65, "eleven groups of five: {recovery}");
    let as_file = write(&home.path().join("recovery.txt"), &recovery);
    let list = praxis(&dir, &[], &["--key-file", &as_file, "list"]);
    assert!(text(&list).contains("Kept"), "the written-down key opens the journal: {}", text(&list));
}

#[test]
fn a_wrong_key_file_is_refused_with_a_sentence_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("journal");
    let key = write(&home.path().join("k"), &"5e".repeat(32));
    assert!(praxis(&dir, &[], &["--key-file", &key, "add", "--title", "Kept", "--body", "x"]).status.success());
    let db = dir.join("journal.sqlite3");
    let _ = praxis(&dir, &[], &["--key-file", &key, "check"]);
    let before = std::fs::read(&db).unwrap();
    let wrong = write(&home.path().join("wrong"), &"11".repeat(32));
    let out = praxis(&dir, &[], &["--key-file", &wrong, "list"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("does not open the journal") && text(&out).contains("recovery key"), "{}", text(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn rotating_a_key_file_journal_replaces_the_key_file_and_the_old_key_stops_working() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("journal");
    let key = write(&home.path().join("k"), &"5e".repeat(32));
    let old = write(&home.path().join("old"), &"5e".repeat(32));
    assert!(praxis(&dir, &[], &["--key-file", &key, "add", "--title", "Kept", "--body", "quokka"]).status.success());
    assert!(praxis(&dir, &[], &["--key-file", &key, "backup", "now"]).status.success());

    let out = praxis(&dir, &[], &["--key-file", &key, "key", "rotate"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("new recovery key"), "{}", text(&out));
    assert_ne!(std::fs::read_to_string(&key).unwrap().trim(), "5e".repeat(32), "the key file holds the new key");
    assert!(!home.path().join("k.new").exists(), "no leftover key file");

    let search = praxis(&dir, &[], &["--key-file", &key, "search", "quok"]);
    assert!(text(&search).contains("Kept"), "{}", text(&search));
    let backups = praxis(&dir, &[], &["--key-file", &key, "--json", "backup", "list"]);
    assert!(String::from_utf8_lossy(&backups.stdout).contains("\"entries\": 1"), "{}", text(&backups));
    let stale = praxis(&dir, &[], &["--key-file", &old, "list"]);
    assert!(!stale.status.success(), "the old key must open nothing");
}

#[test]
fn without_a_keychain_a_script_is_told_to_give_a_passphrase_and_the_passphrase_opens_the_journal() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("journal");
    let out = praxis(&dir, &[NO_KEYCHAIN], &["add", "--title", "Kept", "--body", "x"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("--journal-passphrase-file"), "{}", text(&out));
    assert!(!dir.join("journal.sqlite3").exists(), "no journal without a key");

    let pass = write(&home.path().join("pass"), "a long walk by the river\n");
    let out =
        praxis(&dir, &[NO_KEYCHAIN], &["--journal-passphrase-file", &pass, "add", "--title", "Kept", "--body", "x"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("recovery key"), "the recovery key is shown once");
    let listed = praxis(&dir, &[NO_KEYCHAIN], &["--journal-passphrase-file", &pass, "list"]);
    assert!(text(&listed).contains("Kept"));
    let wrong = write(&home.path().join("wrong"), "a long walk by the sea\n");
    let out = praxis(&dir, &[NO_KEYCHAIN], &["--journal-passphrase-file", &wrong, "list"]);
    assert!(!out.status.success() && text(&out).contains("passphrase does not open"), "{}", text(&out));
}

#[test]
#[ignore = "needs a Secret Service: make test runs it under gnome-keyring in dbus-run-session"]
fn the_cli_keeps_the_key_in_the_keychain_and_asks_for_the_recovery_key_when_it_is_gone() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("journal");
    let first = praxis(&dir, &[], &["add", "--title", "Kept", "--body", "x"]);
    assert!(first.status.success(), "{}", text(&first));
    let stderr = String::from_utf8_lossy(&first.stderr).into_owned();
    assert!(stderr.contains("recovery key"), "a new journal shows its recovery key: {stderr}");
    let recovery = stderr.lines().map(str::trim).find(|l| l.len() == 65 && l.matches('-').count() == 10).unwrap();
    assert!(text(&praxis(&dir, &[], &["list"])).contains("Kept"), "the keychain opens it without being asked");
    let second = praxis(&dir, &[], &["list"]);
    assert!(!String::from_utf8_lossy(&second.stderr).contains(recovery), "shown once only");

    // Lose the keychain item, as on a new computer.
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("protection.json")).unwrap()).unwrap();
    let account = format!("database-key:{}", record["journal_id"].as_str().unwrap());
    let cleared = Command::new("secret-tool")
        .args(["clear", "service", "Praxis journal", "username", &account])
        .status()
        .unwrap();
    assert!(cleared.success());
    let out = praxis(&dir, &[], &["list"]);
    assert!(!out.status.success() && text(&out).contains("recovery key"), "{}", text(&out));
    let as_file = write(&home.path().join("recovery.txt"), recovery);
    assert!(text(&praxis(&dir, &[], &["--key-file", &as_file, "list"])).contains("Kept"));
}
