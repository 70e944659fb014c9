//! The `praxis` command run as a process, the way scripts and people use it.
//!
//! The CLI's integration tests, in one binary: the tests here and one
//! module per area (durability, keys, sharing, damage, faults, …). One binary
//! links once and runs every test in one process (its tests still run in
//! parallel), which keeps `cargo test` quick on a small machine. Test names
//! are sentences, prefixed by their module:
//! `cargo test -p praxis-cli --test cli keys::` runs one module's tests.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
#[path = "../support/zip_bomb.rs"]
mod zip_bomb;

mod action_learning;
mod damage;
mod durability;
mod faults;
mod keys;
mod round_trip;
mod sharing;

struct Praxis {
    dir: tempfile::TempDir,
    /// The journal's key, given with PRAXIS_KEY_FILE as a script would
    /// (tests/cli/keys.rs covers the keychain and the key commands).
    key_file: tempfile::NamedTempFile,
}

/// A key file holding 64 hex digits.
fn key_file() -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{}", "17".repeat(32)).unwrap();
    file
}

impl Praxis {
    fn new() -> Self {
        Praxis { dir: tempfile::tempdir().unwrap(), key_file: key_file() }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_praxis"));
        cmd.arg("--data-dir")
            .arg(self.dir.path())
            .env_remove("PRAXIS_DATA_DIR")
            .env("PRAXIS_KEY_FILE", self.key_file.path())
            .env("NO_COLOR", "1");
        cmd
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).stdin(Stdio::null()).output().unwrap()
    }

    /// Runs a command that must succeed; returns its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "praxis {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).expect("--json prints JSON")
    }

    fn add(&self, title: &str, body: &str, extra: &[&str]) -> String {
        let mut args = vec!["add", "--title", title, "--body", body];
        args.extend_from_slice(extra);
        self.ok(&args).trim().to_owned()
    }

    /// A failing command: its exit code is not 0 and it says why on stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "praxis {args:?} should have failed");
        assert!(out.stdout.is_empty(), "a failure prints nothing on stdout");
        String::from_utf8(out.stderr).unwrap()
    }
}

fn titles(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect()
}

#[test]
fn an_added_entry_is_listed_and_shown() {
    let praxis = Praxis::new();
    let id = praxis.add("First reflection", "It went *well*.", &["--tag", "Team", "--on", "2026-05-01", "--star"]);
    assert_eq!(id.len(), 36, "add prints the new id: {id}");
    let list = praxis.json(&["list"]);
    assert_eq!(titles(&list), vec!["First reflection"]);
    assert_eq!(list[0]["tags"], serde_json::json!(["team"]));
    assert_eq!(list[0]["occurred_on"], "2026-05-01");
    assert_eq!(list[0]["starred"], true);
    let shown = praxis.json(&["show", &id[..8]]);
    assert_eq!(shown["body"], "It went *well*.", "a short id is enough to show an entry");
    assert!(praxis.ok(&["list"]).contains("First reflection  #team  ★"));
}

#[test]
fn the_text_can_come_from_standard_input_or_a_file() {
    let praxis = Praxis::new();
    let out = praxis.run_with_stdin(&["add", "--title", "Piped", "-"], "from stdin\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(praxis.json(&["show", &id])["body"], "from stdin\n");

    let file = praxis.dir.path().join("body.md");
    std::fs::write(&file, "from a file").unwrap();
    let id = praxis.ok(&["add", "--title", "Filed", "--body-file", file.to_str().unwrap()]).trim().to_owned();
    assert_eq!(praxis.json(&["show", &id])["body"], "from a file");
}

#[test]
fn updates_keep_history_and_revert_brings_an_old_version_back() {
    let praxis = Praxis::new();
    let id = praxis.add("Plan", "version one", &[]);
    let file = praxis.dir.path().join("v2.md");
    std::fs::write(&file, "version two").unwrap();
    praxis.ok(&["update", &id, "--title", "Plan B", "--body-file", file.to_str().unwrap(), "--tag", "x"]);
    let history = praxis.json(&["history", &id]);
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[0]["current"], true);
    praxis.ok(&["revert", &id, "1"]);
    let entry = praxis.json(&["show", &id]);
    assert_eq!((entry["title"].as_str(), entry["body"].as_str()), (Some("Plan"), Some("version one")));
    assert_eq!(entry["revision"], 3);
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let praxis = Praxis::new();
    let id = praxis.add("Oops", "x", &[]);
    praxis.ok(&["delete", &id]);
    assert_eq!(titles(&praxis.json(&["list"])), Vec::<&str>::new());
    assert_eq!(titles(&praxis.json(&["trash"])), vec!["Oops"]);
    praxis.ok(&["restore", &id]);
    assert_eq!(titles(&praxis.json(&["list"])), vec!["Oops"]);
    praxis.ok(&["delete", &id]);
    praxis.ok(&["trash", "--empty"]);
    assert!(praxis.fails(&["show", &id]).contains("No entry"));
}

#[test]
fn search_finds_partial_words_with_filters_and_ranking() {
    let praxis = Praxis::new();
    praxis.add("Delegation", "delegating the budget", &["--kind", "experiment", "--on", "2026-04-01"]);
    praxis.add("Monday", "a reflection on delegating", &["--on", "2026-04-05"]);
    assert_eq!(
        titles(&praxis.json(&["search", "delegat"]).as_array().unwrap().iter().map(|h| h["entry"].clone()).collect()),
        vec!["Monday", "Delegation"]
    );
    let experiments = praxis.json(&["search", "delegat", "--kind", "experiment"]);
    assert_eq!(experiments.as_array().unwrap().len(), 1);
    let ranked = praxis.json(&["search", "delegation", "--rank"]);
    assert_eq!(ranked[0]["entry"]["title"], "Delegation");
    let hostile = praxis.ok(&["search", "\"NEAR( AND -x *"]);
    assert!(hostile.is_empty(), "operators are text; nothing matches, nothing fails");
}

#[test]
fn a_search_starting_with_a_dash_is_a_search_without_a_double_dash_first() {
    let praxis = Praxis::new();
    praxis.add("Standup", "the -meeting ran long", &[]);
    let hits = |args: &[&str]| -> Vec<String> {
        // --json first: after `--` it would be a word to search.
        let found: Value = serde_json::from_str(&praxis.ok(&[&["--json"], args].concat())).unwrap();
        found.as_array().unwrap().iter().map(|h| h["entry"]["title"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(hits(&["search", "-meeting"]), vec!["Standup"], "-meeting is the word, not an option");
    assert_eq!(hits(&["search", "-meeting", "--limit", "5"]), vec!["Standup"], "options after it still count");
    assert!(hits(&["search", "-x"]).is_empty(), "-x is a word that is not there, not an unknown option");
    assert_eq!(hits(&["search", "--", "-meeting"]), vec!["Standup"], "the double dash still works");
    praxis.ok(&["inbox", "-x"]);
    praxis.ok(&["share-log", "-x"]);
}

#[test]
fn render_prints_sanitised_html() {
    let praxis = Praxis::new();
    let out = praxis.run_with_stdin(&["render", "-"], "# Hi\n\n<script>alert(1)</script> [x](javascript:alert(1))");
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<h1>Hi</h1>"));
    assert!(!html.contains("<script>") && !html.contains("href"), "{html}");
}

#[test]
fn export_and_import_round_trip_and_a_second_import_adds_nothing() {
    let source = Praxis::new();
    source.add("One", "first", &["--on", "2026-01-01"]);
    let id = source.add("Two", "second", &["--on", "2026-01-02"]);
    source.ok(&["update", &id, "--body", "second, edited"]);
    let file = source.dir.path().join("all.jsonl");
    source.ok(&["export", "--format", "jsonl", file.to_str().unwrap()]);

    let target = Praxis::new();
    let report = target.json(&["import", "--format", "jsonl", file.to_str().unwrap()]);
    assert_eq!(report["imported"], 2);
    let again = target.json(&["import", "--format", "jsonl", file.to_str().unwrap()]);
    assert_eq!((again["imported"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(2)));
    let back = target.dir.path().join("back.jsonl");
    target.ok(&["export", "--format", "jsonl", back.to_str().unwrap()]);
    assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(&back).unwrap(), "lossless through the CLI too");
}

#[test]
fn a_bad_import_line_is_named_and_nothing_is_imported() {
    let praxis = Praxis::new();
    let file = praxis.dir.path().join("bad.jsonl");
    std::fs::write(&file, "{\"format\":\"praxis-jsonl\",\"version\":1}\n{oops}\n").unwrap();
    let err = praxis.fails(&["import", "--format", "jsonl", file.to_str().unwrap()]);
    assert!(err.contains("Line 2") && err.contains("Nothing was imported"), "{err}");
    assert_eq!(praxis.json(&["list"]), serde_json::json!([]));
}

#[test]
fn mistakes_get_a_sentence_on_stderr_and_a_failing_exit_code() {
    let praxis = Praxis::new();
    assert!(praxis.fails(&["show", "0b6f1d7e-8a47-4c3e-9a1e-2f6d5c4b3a21"]).contains("No entry with the id"));
    assert!(praxis.fails(&["add", "--title", "x", "--on", "yesterday"]).contains("YYYY-MM-DD"));
    assert!(praxis.fails(&["add", "--title", "x", "--kind", "diary"]).contains("is not a kind of entry"));
    assert!(praxis.fails(&["list", "--from", "2026-05-02", "--to", "2026-05-01"]).contains("after the end date"));
}

#[test]
fn the_cli_adds_its_command_to_a_core_message_that_names_none() {
    let id = "0b6f1d7e-8a47-4c3e-9a1e-2f6d5c4b3a21";
    let core = praxis_core::Error::EntryNotFound(id.into()).to_string();
    assert!(!core.contains("praxis"), "the core's sentence speaks to no particular face: {core}");

    let stderr = Praxis::new().fails(&["show", id]);
    assert_eq!(stderr.trim_end(), format!("praxis: {core} Check the id with `praxis list`."));
}

#[test]
fn edit_opens_the_editor_and_saves_what_was_changed() {
    let praxis = Praxis::new();
    let id = praxis.add("Draft", "old text", &["--tag", "a"]);
    let editor = praxis.dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nsed -i -e 's/old text/new text/' -e 's/^Tags: a$/Tags: a, B/' \"$1\"\n")
        .unwrap();
    let status = Command::new("chmod").arg("+x").arg(&editor).status().unwrap();
    assert!(status.success());
    let out = praxis.command().args(["edit", &id]).env("EDITOR", &editor).env_remove("VISUAL").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let entry = praxis.json(&["show", &id]);
    assert_eq!(entry["body"], "new text");
    assert_eq!(entry["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(entry["revision"], 2);
}

#[test]
fn check_reports_a_healthy_journal() {
    let praxis = Praxis::new();
    praxis.add("One", "x", &[]);
    let report = praxis.json(&["check"]);
    assert_eq!(report["entries"], 1);
    assert_eq!(report["problems"], serde_json::json!([]));
}

#[test]
fn a_journal_from_a_newer_version_is_refused_and_not_changed() {
    let praxis = Praxis::new();
    let db = praxis.dir.path().join("journal.sqlite3");
    // An unencrypted journal (as Praxis wrote before encryption) from a newer
    // Praxis: refused before it is encrypted or upgraded.
    let status = Command::new("sqlite3")
        .arg(&db)
        .arg("PRAGMA application_id = 1347573843; PRAGMA user_version = 42; CREATE TABLE entries (id TEXT);")
        .status();
    if !status.map(|s| s.success()).unwrap_or(false) {
        panic!("this test needs the sqlite3 tool (apt-get install sqlite3)");
    }
    let before = std::fs::read(&db).unwrap();
    let err = praxis.fails(&["list"]);
    assert!(err.contains("newer version of Praxis"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn the_data_folder_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let key = key_file();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_praxis"))
            .args(args)
            .env("PRAXIS_DATA_DIR", dir.path())
            .env("PRAXIS_KEY_FILE", key.path())
            .output()
            .unwrap()
    };
    assert!(run(&["add", "--title", "Env", "--body", "x"]).status.success());
    assert!(Path::new(&dir.path().join("journal.sqlite3")).exists());
    let list = String::from_utf8(run(&["list"]).stdout).unwrap();
    assert!(list.contains("Env"));
}

#[test]
fn backups_can_be_taken_listed_and_restored_from_the_cli() {
    let praxis = Praxis::new();
    praxis.add("Kept", "x", &[]);
    let taken = praxis.json(&["backup", "now"]);
    let id = taken[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(taken[0]["entries"], 1);
    praxis.add("Later", "y", &[]);
    praxis.ok(&["backup", "restore", &id]);
    assert_eq!(titles(&praxis.json(&["list"])), vec!["Kept"]);
    let list = praxis.json(&["backup", "list"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|b| b["id"].as_str().unwrap().ends_with("before-restore") && b["entries"] == 2),
        "the content replaced by the restore was backed up first: {list}"
    );
    assert!(praxis.fails(&["backup", "restore", "praxis-nope"]).contains("backup list"));
}

#[test]
fn a_damaged_journal_is_never_written_over_and_the_newest_backup_puts_it_right() {
    let praxis = Praxis::new();
    praxis.add("Precious", "x", &[]);
    let backup = praxis.json(&["backup", "now"])[0]["id"].as_str().unwrap().to_owned();
    let db = praxis.dir.path().join("journal.sqlite3");
    let _ = std::fs::remove_file(praxis.dir.path().join("journal.sqlite3-wal"));
    let _ = std::fs::remove_file(praxis.dir.path().join("journal.sqlite3-shm"));
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].copy_from_slice(&[0xAB; 100]); // the header is gone
    std::fs::write(&db, &bytes).unwrap();

    let err = praxis.fails(&["list"]);
    assert!(err.contains("damaged") && err.contains(&format!("praxis backup restore {backup}")), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "a failed open changes nothing");

    let out = praxis.ok(&["backup", "restore", &backup]);
    assert!(out.contains("moved to"), "{out}");
    assert_eq!(titles(&praxis.json(&["list"])), vec!["Precious"]);
    let aside: Vec<_> = std::fs::read_dir(praxis.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path().join("journal.sqlite3")).unwrap(),
        bytes,
        "the damaged file is kept as it was"
    );
}

#[test]
fn the_praxis_binary_links_no_webkit_and_no_gtk() {
    let out =
        Command::new("ldd").arg(env!("CARGO_BIN_EXE_praxis")).output().expect("ldd is part of every glibc system");
    assert!(out.status.success());
    let libraries = String::from_utf8(out.stdout).unwrap().to_lowercase();
    assert!(libraries.contains("libc.so"), "ldd listed the libraries: {libraries}");
    for gui in ["webkit", "gtk", "gdk", "javascriptcore"] {
        assert!(!libraries.contains(gui), "the CLI must not link {gui}: {libraries}");
    }
}

#[test]
fn exports_write_markdown_folders_documents_and_html_for_the_filtered_entries() {
    let praxis = Praxis::new();
    praxis.add("Spring talk", "In *April*.", &["--on", "2026-04-02", "--tag", "board"]);
    praxis.add("Summer test", "If I wait…", &["--on", "2026-07-01", "--kind", "experiment"]);
    let dir = praxis.dir.path();

    let folder = dir.join("obsidian");
    praxis.ok(&["export", "--format", "markdown-folder", folder.to_str().unwrap()]);
    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, vec!["2026-04-02 Spring talk.md", "2026-07-01 Summer test.md"]);
    let note = std::fs::read_to_string(folder.join("2026-04-02 Spring talk.md")).unwrap();
    assert!(
        note.starts_with("---\n") && note.contains("title: \"Spring talk\"") && note.ends_with("In *April*."),
        "{note}"
    );
    assert!(praxis.fails(&["export", "--format", "markdown-folder", folder.to_str().unwrap()]).contains("not empty"));

    let html = dir.join("print.html");
    praxis.ok(&["export", "--format", "html", "--to", "2026-06-30", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Spring talk") && !page.contains("Summer test"), "the date filter applies");
    assert!(page.contains("<em>April</em>") && !page.contains("<script"));

    let document = praxis.ok(&["export", "--format", "markdown", "--kind", "experiment", "-"]);
    assert!(document.contains("## Summer test") && !document.contains("Spring talk"), "{document}");
}

#[test]
fn a_dry_run_previews_an_import_and_writes_nothing_then_the_import_happens_once() {
    let praxis = Praxis::new();
    let vault = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/markdown/vault");
    let vault = vault.to_str().unwrap();
    let preview = praxis.json(&["import", "--format", "markdown", "--undated", "skip", "--dry-run", vault]);
    assert_eq!(preview["new_entries"], 4);
    assert_eq!(preview["skipped"][0]["location"], "projects/no-date.md");
    assert_eq!(praxis.json(&["list"]), serde_json::json!([]), "a dry run writes nothing");
    let text = praxis.ok(&["import", "--format", "markdown", "--undated", "skip", "--dry-run", vault]);
    assert!(
        text.contains("Would import 4 new entries from 2026-04-01 to 2026-04-06.")
            && text.contains("Nothing was written"),
        "{text}"
    );

    praxis.ok(&["import", "--format", "markdown", "--undated", "skip", vault]);
    assert_eq!(praxis.json(&["list"]).as_array().unwrap().len(), 4);
    let again = praxis.json(&["import", "--format", "markdown", "--undated", "skip", vault]);
    assert_eq!((again["new_entries"].as_u64(), again["already_imported"].as_u64()), (Some(0), Some(4)));
    let jrnl = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/jrnl/jrnl.json");
    praxis.ok(&["import", "--format", "jrnl", jrnl.to_str().unwrap()]);
    assert_eq!(praxis.json(&["list", "--tag", "leadership"]).as_array().unwrap().len(), 2);
}

/// A copy of the Obsidian fixture vault whose every file was last modified
/// on 2025-11-03 at 10:00 UTC (Git does not keep modification times).
fn obsidian_vault_copy() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for item in std::fs::read_dir(from).unwrap() {
            let item = item.unwrap();
            let target = to.join(item.file_name());
            if item.file_type().unwrap().is_dir() {
                copy(&item.path(), &target);
            } else {
                std::fs::copy(item.path(), &target).unwrap();
                let modified = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_762_164_000);
                std::fs::File::options().write(true).open(&target).unwrap().set_modified(modified).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/obsidian/vault"), dir.path());
    dir
}

#[test]
fn an_obsidian_vault_imports_its_undated_notes_by_their_modification_time_or_skips_them_when_asked() {
    let vault = obsidian_vault_copy();
    let vault = vault.path().to_str().unwrap();
    let praxis = Praxis::new();
    let text = praxis.ok(&["import", "--format", "markdown", "--dry-run", vault]);
    for line in [
        "Would import 6 new entries from 2025-11-03 to 2026-03-10.",
        "skipped: attachments/whiteboard.png: not a Markdown note",
        "skipped: Inbox/meeting-transcript.txt: not a Markdown note",
        "dated by its modification time: Welcome.md",
        "dated by its modification time: People/Priya.md",
        "dated by its modification time: Ideas/Someday/Reading list.md",
        "add --undated skip to leave them out",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert!(!text.contains(".obsidian") && !text.contains(".trash"), "hidden folders are not mentioned: {text}");
    let skipping = praxis.json(&["import", "--format", "markdown", "--undated", "skip", "--dry-run", vault]);
    assert_eq!(skipping["new_entries"], 3);
    assert_eq!(skipping["dated_by_modification_time"], serde_json::json!([]));
    assert_eq!(skipping["skipped"].as_array().unwrap().len(), 3 + 2);

    let done = praxis.json(&["import", "--format", "markdown", vault]);
    assert_eq!(done["new_entries"], 6);
    let list = praxis.json(&["list", "--from", "2025-11-03", "--to", "2025-11-03"]);
    assert_eq!(titles(&list).len(), 3, "the three undated notes are on their files' day: {list}");
    assert!(praxis.fails(&["import", "--format", "markdown", "--undated", "never", vault]).contains("modified"));
}

/// The peak memory `praxis --report-memory` printed on stderr, in kB.
fn peak_kb(stderr: &str) -> u64 {
    let line = stderr.lines().find_map(|l| l.strip_prefix("peak memory: ")).expect("--report-memory prints it");
    line.trim_end_matches(" kB").trim().parse().unwrap()
}

#[test]
fn zip_bombs_and_a_600_mb_day_one_json_are_refused_with_little_memory_and_nothing_imported() {
    let praxis = Praxis::new();
    praxis.add("Before", "already here", &[]);
    let dir = tempfile::tempdir().unwrap();
    let declared = dir.path().join("declared.zip");
    zip_bomb::write_zip_bomb(&declared, zip_bomb::GIGABYTE_COPIES, 1_083_600_001);
    let lying = dir.path().join("lying.zip");
    zip_bomb::write_zip_bomb(&lying, zip_bomb::GIGABYTE_COPIES, 1000);
    let json = dir.path().join("Journal.json");
    let mut file = std::fs::File::create(&json).unwrap();
    file.write_all(b"{\"entries\": [").unwrap();
    file.set_len(600 * 1024 * 1024).unwrap(); // sparse: no disk used
    drop(file);
    for (path, says) in [(&declared, "unpacks to more than"), (&lying, "Journal.json"), (&json, "larger than")] {
        for extra in [&["--dry-run"][..], &[]] {
            let mut args = vec!["--report-memory", "import", "--format", "dayone", path.to_str().unwrap()];
            args.extend_from_slice(extra);
            let stderr = praxis.fails(&args);
            assert!(stderr.contains(says) && stderr.contains("Nothing was imported"), "{stderr}");
            assert!(peak_kb(&stderr) <= 100 * 1024, "{path:?}: peak memory {} kB", peak_kb(&stderr));
        }
    }
    assert_eq!(titles(&praxis.json(&["list"])), vec!["Before"], "nothing was imported");
}
