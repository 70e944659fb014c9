//! Errors say what really happened, and a journal that existed is never
//! replaced by a new one: a 0-byte file, an empty SQLite file, another
//! program's database, damage in the middle or on the last page, and a full
//! disk — each refused or reported with the right backup named, and not a
//! byte of the journal or its key record changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

use crate::common::text;

struct Journal {
    _home: tempfile::TempDir,
    dir: PathBuf,
    key: PathBuf,
}

impl Journal {
    fn in_folder(home: tempfile::TempDir, dir: PathBuf) -> Journal {
        let key = home.path().join("journal.key");
        std::fs::write(&key, "6f".repeat(32)).unwrap();
        Journal { _home: home, dir, key }
    }

    /// A key-file journal with ten entries and a backup of them.
    fn new() -> Journal {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("journal");
        let journal = Journal::in_folder(home, dir);
        journal.ok(&["generate", "--count", "10", "--seed", "3"]);
        journal.ok(&["backup", "now"]);
        journal
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--data-dir")
            .arg(&self.dir)
            .arg("--key-file")
            .arg(&self.key)
            .args(args)
            .env_remove("PRAXIS_DATA_DIR")
            .env_remove("PRAXIS_FAILPOINT")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "praxis {args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn database(&self) -> PathBuf {
        self.dir.join("journal.sqlite3")
    }

    fn backup_id(&self) -> String {
        let list: serde_json::Value = serde_json::from_str(&self.ok(&["--json", "backup", "list"])).unwrap();
        list[0]["id"].as_str().unwrap().to_owned()
    }

    fn count(&self) -> usize {
        let listed: serde_json::Value =
            serde_json::from_str(&self.ok(&["--json", "list", "--limit", "100000"])).unwrap();
        listed.as_array().unwrap().len()
    }

    /// SHA-256 of the journal's file and of its key record.
    fn digests(&self) -> (String, String) {
        let of = |path: &Path| format!("{:x}", Sha256::digest(std::fs::read(path).unwrap_or_default()));
        (of(&self.database()), of(&self.dir.join("protection.json")))
    }

    fn folder_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// A refusal that names the backup to restore and leaves every byte as it was.
fn assert_refused_naming_the_backup(journal: &Journal, backup: &str, what: &str, says: &str) {
    let before = journal.digests();
    let out = journal.run(&["list"]);
    assert!(!out.status.success(), "{what}: refused");
    let message = text(&out);
    assert!(message.contains(says), "{what}: says {says:?}: {message}");
    assert!(message.contains(&format!("praxis backup restore {backup}")), "{what}: names the backup: {message}");
    assert!(!message.contains("ERROR CORE") && !message.contains("hmac"), "{what}: no SQLCipher log: {message}");
    assert_eq!(journal.digests(), before, "{what}: nothing changed");
    assert!(!journal.folder_names().iter().any(|n| n.starts_with("damaged-")), "{what}: nothing moved");
    // And the backup it names puts the journal back.
    let listed = journal.run(&["backup", "list"]);
    assert!(text(&listed).contains(backup), "{what}: the backups are listed still: {}", text(&listed));
    journal.ok(&["backup", "restore", backup]);
    assert_eq!(journal.count(), 10, "{what}: every entry of the backup");
}

#[test]
fn an_emptied_journal_file_is_refused_never_replaced_by_a_new_journal() {
    let journal = Journal::new();
    let backup = journal.backup_id();
    std::fs::write(journal.database(), b"").unwrap();
    assert_refused_naming_the_backup(&journal, &backup, "0-byte file", "is empty");
}

#[test]
fn a_missing_journal_file_is_refused_never_replaced_by_a_new_journal() {
    let journal = Journal::new();
    std::fs::remove_file(journal.database()).unwrap();
    let out = journal.run(&["list"]);
    assert!(text(&out).contains("is missing") && text(&out).contains("no new journal"), "{}", text(&out));
    assert!(!journal.database().exists(), "no new journal was made");
    let started_over = journal.run(&["start-new-journal"]);
    assert!(!started_over.status.success() && text(&started_over).contains("--yes"), "an explicit choice");
    journal.ok(&["start-new-journal", "--yes"]);
    assert_eq!(journal.count(), 0, "a new journal, by choice");
    assert!(journal.folder_names().iter().any(|n| n.starts_with("previous-")), "the earlier one is kept aside");
}

#[test]
fn an_empty_sqlite_file_in_the_journals_place_is_refused() {
    let journal = Journal::new();
    let backup = journal.backup_id();
    std::fs::remove_file(journal.database()).unwrap();
    let conn = rusqlite::Connection::open(journal.database()).unwrap();
    conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;").unwrap();
    drop(conn);
    assert_refused_naming_the_backup(&journal, &backup, "empty SQLite file", "an empty database");
}

#[test]
fn another_programs_database_is_refused_and_the_backup_the_right_key_opens_is_named() {
    let journal = Journal::new();
    let backup = journal.backup_id();
    std::fs::remove_file(journal.database()).unwrap();
    let conn = rusqlite::Connection::open(journal.database()).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('not ours');").unwrap();
    drop(conn);
    assert_refused_naming_the_backup(&journal, &backup, "another program's database", "not a Praxis journal");
}

/// Flips bytes inside the page at `page` (counted from the end if negative).
fn damage_page(path: &Path, page: i64) {
    let mut bytes = std::fs::read(path).unwrap();
    let pages = (bytes.len() / 4096) as i64;
    let at = if page < 0 { pages + page } else { page } as usize * 4096;
    for b in &mut bytes[at + 200..at + 600] {
        *b ^= 0xa5;
    }
    std::fs::write(path, bytes).unwrap();
}

/// `found_on_open`: the check on opening reads the pages a journal's tables
/// use; a damaged free page at the end is for `check` (which reads them all).
fn damage_is_reported_with_its_backup(page: i64, what: &str, found_on_open: bool) {
    let journal = Journal::new();
    // Enough pages that the damage is not on the first one.
    journal.ok(&["generate", "--count", "40", "--seed", "4"]);
    journal.ok(&["backup", "now"]);
    let backup = journal.backup_id();
    damage_page(&journal.database(), page);
    let before = journal.digests();
    let out = journal.run(&["check"]);
    assert!(!out.status.success(), "{what}: check fails");
    let message = text(&out);
    assert!(message.contains("problems") && !message.contains("SQL logic error"), "{what}: {message}");
    assert!(message.contains(&format!("praxis backup restore {backup}")), "{what}: names the backup: {message}");
    assert_eq!(journal.digests(), before, "{what}: the check changed nothing");
    if found_on_open {
        let listed = journal.run(&["list"]);
        let listed = text(&listed);
        assert!(listed.contains("damage"), "{what}: the open says so: {listed}");
        assert!(listed.contains(&format!("praxis backup restore {backup}")), "{what}: {listed}");
        let added = journal.run(&["add", "--title", "Not now", "--body", "x"]);
        assert!(!added.status.success(), "{what}: nothing is written into a damaged file");
        assert_eq!(journal.digests(), before, "{what}: nothing changed");
    }
    journal.ok(&["backup", "restore", &backup]);
    assert_eq!(journal.count(), 50, "{what}: every entry of the backup");
}

#[test]
fn damage_in_the_middle_of_the_file_is_found_and_reported_with_its_backup() {
    let journal_pages = 6;
    damage_is_reported_with_its_backup(journal_pages, "mid-file damage", true);
}

#[test]
fn damage_on_the_last_page_is_found_and_reported_with_its_backup() {
    damage_is_reported_with_its_backup(-1, "last-page damage", false);
}

#[test]
fn leftovers_of_interrupted_work_are_cleaned_on_the_next_open() {
    let journal = Journal::new();
    for name in ["journal.sqlite3.rekeying", ".journal.sqlite3.restoring.partial", ".protection.json.partial"] {
        std::fs::write(journal.dir.join(name), b"half").unwrap();
    }
    std::fs::write(journal.dir.join("backups").join(".praxis-20260101T000000Z-daily.partial"), b"half").unwrap();
    assert_eq!(journal.count(), 10);
    let names = journal.folder_names();
    assert!(!names.iter().any(|n| n.ends_with(".rekeying") || n.ends_with(".partial")), "{names:?}");
    let backups: Vec<_> = std::fs::read_dir(journal.dir.join("backups")).unwrap().filter_map(|e| e.ok()).collect();
    assert_eq!(backups.len(), 1, "only the real backup is left");
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

/// A small tmpfs as the data folder, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, megabytes: u32) -> SmallDisk {
        std::fs::create_dir_all(at).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(at)
            .status()
            .unwrap();
        assert!(status.success(), "mount a tmpfs (the test runs as root)");
        SmallDisk(at.to_path_buf())
    }

    /// Fills the disk with a file until it is full; returns the file.
    fn fill(&self) -> PathBuf {
        let filler = self.0.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![7u8; 64 * 1024];
        while std::io::Write::write_all(&mut file, &block).is_ok() {}
        let small = vec![7u8; 512];
        while std::io::Write::write_all(&mut file, &small).is_ok() {}
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_reported_as_a_full_disk_and_freeing_space_loses_nothing() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root (CI runs as root)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("journal");
    let disk = SmallDisk::mount(&dir, 8);
    let journal = Journal::in_folder(home, dir);
    journal.ok(&["generate", "--count", "30", "--seed", "5"]);
    journal.ok(&["backup", "now"]);
    let names = journal.folder_names();

    // Full while the journal is closed.
    let filler = disk.fill();
    for args in [&["list"][..], &["add", "--title", "No room", "--body", "x"], &["check"]] {
        let out = journal.run(args);
        let message = text(&out);
        assert!(!message.contains("is damaged") && !message.contains("not a Praxis journal"), "{args:?}: {message}");
        assert!(!message.contains("backup restore"), "{args:?}: no advice to restore: {message}");
        if !out.status.success() {
            assert!(message.contains("disk is full"), "{args:?}: says the disk is full: {message}");
        }
    }
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(journal.count(), 30, "nothing lost once space is free");
    assert_eq!(journal.folder_names(), names, "no file moved or made");

    // Filling up while the journal is open and writing.
    let out = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--data-dir")
        .arg(&journal.dir)
        .arg("--key-file")
        .arg(&journal.key)
        .args(["generate", "--one-by-one", "--count", "100000", "--seed", "6"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the disk filled up");
    assert!(text(&out).contains("disk is full") && !text(&out).contains("is damaged"), "{}", text(&out));
    let acknowledged = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(acknowledged > 0, "some entries were saved before the disk filled");
    // Free room (the backups folder) and look.
    std::fs::remove_dir_all(journal.dir.join("backups")).unwrap();
    assert_eq!(journal.count(), 30 + acknowledged, "every acknowledged entry is there");
    let check = journal.run(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
    drop(disk);
}

#[test]
fn a_salvage_of_a_healthy_journal_keeps_every_entry_and_its_search() {
    let journal = Journal::new();
    let out = journal.ok(&["--json", "salvage"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["entries"], 10, "{report}");
    assert_eq!(report["damaged_tables"], serde_json::json!([]));
    let id = report["backup"]["id"].as_str().unwrap().to_owned();
    assert!(id.ends_with("-salvaged"), "{id}");
    let before = journal.ok(&["search", "the"]);
    journal.ok(&["backup", "restore", &id]);
    assert_eq!(journal.count(), 10);
    assert_eq!(journal.ok(&["search", "the"]), before, "the index was built anew");
    assert!(journal.run(&["check"]).status.success());
}

#[test]
fn a_salvage_of_a_damaged_journal_saves_what_can_be_read_into_a_backup_never_in_place() {
    let journal = Journal::new();
    journal.ok(&["generate", "--count", "200", "--seed", "8"]);
    damage_page(&journal.database(), 20);
    let before = journal.digests();
    let out = journal.run(&["--json", "salvage"]);
    assert!(out.status.success(), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let saved = report["entries"].as_i64().unwrap();
    assert!(saved > 150 && saved <= 210, "most entries are saved: {report}");
    assert_eq!(journal.digests(), before, "the damaged journal is only read");
    let id = report["backup"]["id"].as_str().unwrap().to_owned();
    journal.ok(&["backup", "restore", &id]);
    assert_eq!(journal.count() as i64, saved);
    let check = journal.run(&["check"]);
    assert!(check.status.success(), "the salvaged journal is healthy: {}", text(&check));
}
