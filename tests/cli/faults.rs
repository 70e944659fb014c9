//! Never locked out, never shown an empty journal. Every multi-step change
//! of the journal's files (a key rotation, a restore over a damaged file)
//! is stopped dead at each of its named failpoints (`PRAXIS_FAILPOINT`,
//! honoured by debug builds only) and killed with SIGKILL at random
//! moments, for each way a journal is protected: a key file, a passphrase,
//! and the real keychain (gnome-keyring under `make test`). After each
//! interruption the next open finishes or undoes the change, the journal
//! opens with the old secret or the new one, and no entry is lost.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use praxis_core::keys::DatabaseKey;
use sha2::{Digest, Sha256};

use crate::common::{text, NO_KEYCHAIN};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Protection {
    KeyFile,
    Passphrase,
    Keychain,
}

/// A journal in a temporary home, with the secrets that open it.
struct Folder {
    home: tempfile::TempDir,
    dir: PathBuf,
    protection: Protection,
    /// The key file (key-file journals).
    key: PathBuf,
    /// The passphrase that opens it now, and the other one rotations switch to.
    passphrase: PathBuf,
    other_passphrase: PathBuf,
}

impl Folder {
    fn new(protection: Protection) -> Folder {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("journal");
        let key = home.path().join("journal.key");
        std::fs::write(&key, "5e".repeat(32)).unwrap();
        let passphrase = home.path().join("pass-a");
        std::fs::write(&passphrase, "a long walk by the river\n").unwrap();
        let other_passphrase = home.path().join("pass-b");
        std::fs::write(&other_passphrase, "a slow boat on the lake\n").unwrap();
        Folder { home, dir, protection, key, passphrase, other_passphrase }
    }

    /// `praxis` on this folder with `dir` as its data folder.
    fn command_in(&self, dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_praxis"));
        cmd.arg("--data-dir").arg(dir).stdin(Stdio::null());
        cmd.env_remove("PRAXIS_DATA_DIR").env_remove("PRAXIS_KEY_FILE").env_remove("PRAXIS_PASSPHRASE_FILE");
        cmd.env_remove("PRAXIS_FAILPOINT");
        match self.protection {
            Protection::KeyFile => {
                cmd.arg("--key-file").arg(&self.key);
            }
            Protection::Passphrase => {
                cmd.arg("--journal-passphrase-file").arg(&self.passphrase).env(NO_KEYCHAIN.0, NO_KEYCHAIN.1);
            }
            Protection::Keychain => {}
        }
        cmd.args(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command_in(&self.dir, args, &[]).output().unwrap()
    }

    fn run_with(&self, args: &[&str], envs: &[(&str, &str)]) -> Output {
        self.command_in(&self.dir, args, envs).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "praxis {args:?} failed: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A journal with `entries` entries and one backup of them.
    fn with_entries(protection: Protection, entries: usize) -> Folder {
        let folder = Folder::new(protection);
        folder.ok(&["generate", "--count", &entries.to_string(), "--seed", "7"]);
        folder.ok(&["backup", "now"]);
        folder
    }

    fn count_in(&self, dir: &Path) -> Result<usize, String> {
        let out = self.command_in(dir, &["--json", "list", "--limit", "100000"], &[]).output().unwrap();
        if !out.status.success() {
            return Err(text(&out));
        }
        let listed: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
        Ok(listed.as_array().map(Vec::len).unwrap_or(0))
    }

    fn count(&self) -> Result<usize, String> {
        self.count_in(&self.dir)
    }

    fn record(&self) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(self.dir.join("protection.json")).unwrap()).unwrap()
    }

    fn recovery_key_file(&self) -> PathBuf {
        let shown = self.ok(&["key", "recovery-show", "--yes"]);
        let path = self.home.path().join(format!("recovery-{}", self.record()["key_fingerprint"].as_str().unwrap()));
        std::fs::write(&path, shown.trim()).unwrap();
        path
    }

    /// The rotation's arguments: a new passphrase for passphrase journals.
    fn rotate_args(&self) -> Vec<String> {
        let mut args = vec!["key".to_owned(), "rotate".to_owned()];
        if self.protection == Protection::Passphrase {
            args.push("--new-passphrase-file".into());
            args.push(self.other_passphrase.to_str().unwrap().into());
        }
        args
    }

    fn swap_passphrases(&mut self) {
        std::mem::swap(&mut self.passphrase, &mut self.other_passphrase);
    }

    /// A copy of the whole data folder, as it is now.
    fn copy(&self, name: &str) -> PathBuf {
        let to = self.home.path().join(name);
        let status = Command::new("cp").arg("-a").arg(&self.dir).arg(&to).status().unwrap();
        assert!(status.success());
        to
    }

    /// Damages the journal's first page: the right key no longer opens it.
    fn damage_first_page(&self) {
        let path = self.dir.join("journal.sqlite3");
        let mut bytes = std::fs::read(&path).unwrap();
        for b in &mut bytes[100..400] {
            *b ^= 0x5a;
        }
        std::fs::write(&path, bytes).unwrap();
    }

    fn newest_backup_id(&self) -> String {
        let out = self.ok(&["--json", "backup", "list"]);
        let list: serde_json::Value = serde_json::from_str(&out).unwrap();
        list[0]["id"].as_str().unwrap().to_owned()
    }
}

/// Every file of the folder with its SHA-256 (lock file aside: it holds nothing).
fn fingerprints(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name() != "praxis.lock" {
                let digest = Sha256::digest(std::fs::read(&path).unwrap());
                found.push((path.strip_prefix(dir).unwrap().display().to_string(), format!("{digest:x}")));
            }
        }
    }
    found.sort();
    found
}

fn aborted(out: &Output) -> bool {
    !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("failpoint")
}

const ENTRIES: usize = 12;

/// The failpoints of a rotation, in order; those before the intent leave
/// nothing to finish.
const ROTATION_STEPS: &[&str] = &[
    "rotate:started",
    "rotate:new-key-stored",
    "rotate:intent-written",
    "rewrite:copy-verified",
    "rotate:database-rekeyed",
    "rewrite:copy-verified#2",
    "rotate:backup-rekeyed",
    "rotate:backups-rekeyed",
    "rotate:keychain-updated",
    "rotate:record-finished",
];

fn rotation_interrupted_at_every_step(protection: Protection) {
    let mut reached = 0;
    for &step in ROTATION_STEPS {
        let mut folder = Folder::with_entries(protection, ENTRIES);
        let old_recovery = folder.recovery_key_file();
        let old_fingerprint = folder.record()["key_fingerprint"].as_str().unwrap().to_owned();
        let args = folder.rotate_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = folder.run_with(&args, &[("PRAXIS_FAILPOINT", step)]);
        if !aborted(&out) {
            // A keychain step in a journal without a keychain: not on its path.
            assert!(out.status.success(), "{step}: {}", text(&out));
            continue;
        }
        reached += 1;
        let began = !matches!(step, "rotate:started" | "rotate:new-key-stored");
        let copy = folder.copy("copy");

        // The day-to-day secret from before the change opens it.
        assert_eq!(folder.count(), Ok(ENTRIES), "{protection:?} {step}: the old secret, every entry");
        let record = folder.record();
        assert!(record.get("rotation").is_none(), "{step}: the open finished the rotation: {record}");
        assert_eq!(record["key_fingerprint"] != old_fingerprint.as_str(), began, "{step}: finished iff it began");
        if began {
            // The new secret opens it from now on.
            if protection == Protection::Passphrase {
                folder.swap_passphrases();
            }
            if protection == Protection::KeyFile {
                let key = DatabaseKey::parse_any(&std::fs::read_to_string(&folder.key).unwrap()).unwrap();
                assert_eq!(record["key_fingerprint"], key.fingerprint(), "{step}: the key file took the new key");
            }
            assert_eq!(folder.count(), Ok(ENTRIES), "{step}: the new secret");
        }
        let backups = folder.ok(&["--json", "backup", "list"]);
        assert!(!backups.contains("\"entries\": null"), "{step}: every backup opens with the key: {backups}");

        // The recovery key from before the change opens the interrupted copy.
        let by_recovery = Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--data-dir")
            .arg(&copy)
            .arg("--key-file")
            .arg(&old_recovery)
            .args(["--json", "list"])
            .env_remove("PRAXIS_FAILPOINT")
            .env(NO_KEYCHAIN.0, NO_KEYCHAIN.1)
            .output()
            .unwrap();
        assert!(by_recovery.status.success(), "{step}: the old recovery key: {}", text(&by_recovery));
    }
    assert!(reached >= 7, "{protection:?}: only {reached} failpoints were on the rotation's path");
}

#[test]
fn a_key_file_rotation_stopped_at_any_step_opens_with_the_old_key_or_the_new_one_and_loses_nothing() {
    rotation_interrupted_at_every_step(Protection::KeyFile);
}

#[test]
fn a_passphrase_rotation_stopped_at_any_step_opens_with_the_old_passphrase_or_the_new_one_and_loses_nothing() {
    rotation_interrupted_at_every_step(Protection::Passphrase);
}

#[test]
#[ignore = "needs a Secret Service: make test runs it under gnome-keyring in dbus-run-session"]
fn a_keychain_rotation_stopped_at_any_step_opens_from_the_keychain_and_loses_nothing() {
    rotation_interrupted_at_every_step(Protection::Keychain);
}

/// Rotations killed with SIGKILL at random moments, one after another on
/// the same journal: each time it opens with one of the two secrets, with
/// every entry, and the next rotation starts from there.
fn rotation_killed_at_random(protection: Protection) {
    const ROUNDS: usize = 30;
    let mut folder = Folder::with_entries(protection, 150);
    folder.ok(&["backup", "now"]);
    // How long a whole rotation takes here: the kills fall inside it.
    let args = folder.rotate_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let started = Instant::now();
    folder.ok(&args);
    let whole = started.elapsed().as_millis().max(20) as u64;
    if protection == Protection::Passphrase {
        folder.swap_passphrases();
    }
    let mut rng = fastrand::Rng::with_seed(20);
    let (mut interrupted, mut mid_rotation) = (0, 0);
    for round in 0..ROUNDS {
        let args = folder.rotate_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child =
            folder.command_in(&folder.dir, &args, &[]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(0..whole + whole / 4)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            interrupted += 1;
        }
        if folder.record().get("rotation").is_some() {
            mid_rotation += 1;
        }
        let mut count = folder.count();
        if count.is_err() && protection == Protection::Passphrase {
            folder.swap_passphrases();
            count = folder.count();
        }
        assert_eq!(count, Ok(150), "{protection:?} round {round}: the journal opens with every entry");
        if protection == Protection::Passphrase {
            // Settle which passphrase is current: the new one, if the
            // rotation went through (the old one stopped at that open).
            folder.swap_passphrases();
            if folder.count().is_err() {
                folder.swap_passphrases();
            }
        }
        assert!(folder.record().get("rotation").is_none(), "round {round}: nothing left pending");
    }
    let backups = folder.ok(&["--json", "backup", "list"]);
    assert!(!backups.contains("\"entries\": null"), "every backup opens with the final key: {backups}");
    eprintln!(
        "{protection:?}: {ROUNDS} rotations, {interrupted} killed before they finished, \
         {mid_rotation} of them after the intent was written (a whole rotation: {whole} ms)"
    );
}

#[test]
fn key_file_rotations_killed_at_random_moments_never_lock_the_journal() {
    rotation_killed_at_random(Protection::KeyFile);
}

#[test]
fn passphrase_rotations_killed_at_random_moments_never_lock_the_journal() {
    rotation_killed_at_random(Protection::Passphrase);
}

#[test]
#[ignore = "needs a Secret Service: make test runs it under gnome-keyring in dbus-run-session"]
fn keychain_rotations_killed_at_random_moments_never_lock_the_journal() {
    rotation_killed_at_random(Protection::Keychain);
}

#[test]
fn a_rotation_refused_because_the_journal_is_open_changes_no_byte() {
    for protection in [Protection::KeyFile, Protection::Passphrase] {
        let folder = Folder::with_entries(protection, ENTRIES);
        let before = fingerprints(&folder.dir);
        // Another Praxis holding the journal open: its shared folder lock.
        let lock = std::fs::File::open(folder.dir.join("praxis.lock")).unwrap();
        lock.lock_shared().unwrap();
        let args = folder.rotate_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = folder.run(&args);
        assert!(!out.status.success(), "{protection:?}: refused");
        assert!(text(&out).contains("busy") && text(&out).contains("Nothing was changed"), "{}", text(&out));
        drop(lock);
        assert_eq!(fingerprints(&folder.dir), before, "{protection:?}: not a byte changed");
        assert_eq!(folder.count(), Ok(ENTRIES), "{protection:?}: the same secret opens it");
    }
}

const RESTORE_STEPS: &[&str] = &[
    "restore:intent-written",
    "restore:copy-partly-written",
    "restore:copy-written",
    "restore:damaged-moved",
    "restore:copy-placed",
];

fn restore_interrupted_at_every_step(protection: Protection) {
    for &step in RESTORE_STEPS {
        let folder = Folder::with_entries(protection, ENTRIES);
        folder.ok(&["add", "--title", "After the backup", "--body", "x"]);
        let fingerprint = folder.record()["key_fingerprint"].clone();
        let id = folder.newest_backup_id();
        folder.damage_first_page();
        let refused = folder.run(&["list"]);
        assert!(text(&refused).contains("damaged") && text(&refused).contains(&id), "{}", text(&refused));

        let out = folder.run_with(&["backup", "restore", &id], &[("PRAXIS_FAILPOINT", step)]);
        assert!(aborted(&out), "{step}: {}", text(&out));
        match folder.count() {
            // The copy was complete: the open put it in place.
            Ok(n) => assert_eq!(n, ENTRIES, "{step}: the backup's entries"),
            // It was not: the journal is as it was, and says so again.
            Err(message) => {
                assert!(message.contains("damaged") && message.contains(&id), "{step}: {message}");
                folder.ok(&["backup", "restore", &id]);
                assert_eq!(folder.count(), Ok(ENTRIES), "{step}: restored on the second try");
            }
        }
        assert_eq!(folder.record()["key_fingerprint"], fingerprint, "{step}: the same key, never a new one");
        let aside: Vec<_> = std::fs::read_dir(&folder.dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
            .collect();
        assert_eq!(aside.len(), 1, "{step}: the damaged file is kept aside");
        assert!(aside[0].path().join("journal.sqlite3").exists(), "{step}");
        assert!(!folder.dir.join("restoring.json").exists() && !folder.dir.join("journal.sqlite3.restoring").exists());
    }
}

#[test]
fn a_restore_over_a_damaged_key_file_journal_stopped_at_any_step_never_leaves_an_empty_journal() {
    restore_interrupted_at_every_step(Protection::KeyFile);
}

#[test]
fn a_restore_over_a_damaged_passphrase_journal_stopped_at_any_step_never_leaves_an_empty_journal() {
    restore_interrupted_at_every_step(Protection::Passphrase);
}

#[test]
#[ignore = "needs a Secret Service: make test runs it under gnome-keyring in dbus-run-session"]
fn a_restore_over_a_damaged_keychain_journal_stopped_at_any_step_keeps_its_key() {
    restore_interrupted_at_every_step(Protection::Keychain);
}

fn restore_killed_at_random(protection: Protection) {
    const ROUNDS: usize = 30;
    let folder = Folder::with_entries(protection, 150);
    let fingerprint = folder.record()["key_fingerprint"].clone();
    let id = folder.newest_backup_id();
    let started = Instant::now();
    folder.damage_first_page();
    folder.ok(&["backup", "restore", &id]);
    let whole = started.elapsed().as_millis().max(20) as u64;
    let mut rng = fastrand::Rng::with_seed(30);
    let (mut still_damaged, mut mid_restore) = (0, 0);
    for round in 0..ROUNDS {
        folder.damage_first_page();
        let mut child = folder
            .command_in(&folder.dir, &["backup", "restore", &id], &[])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(0..whole + whole / 4)));
        let _ = child.kill();
        child.wait().unwrap();
        if folder.dir.join("restoring.json").exists() {
            mid_restore += 1;
        }
        match folder.count() {
            Ok(n) => assert_eq!(n, 150, "{protection:?} round {round}"),
            Err(message) => {
                assert!(message.contains("damaged"), "round {round}: never an empty or new journal: {message}");
                still_damaged += 1;
                folder.ok(&["backup", "restore", &id]);
                assert_eq!(folder.count(), Ok(150), "round {round}");
            }
        }
        assert_eq!(folder.record()["key_fingerprint"], fingerprint, "round {round}: the same key");
    }
    eprintln!(
        "{protection:?}: {ROUNDS} restores killed at random, {mid_restore} after the intent was written, \
         {still_damaged} before the copy was complete"
    );
}

#[test]
fn key_file_restores_killed_at_random_moments_never_leave_an_empty_journal() {
    restore_killed_at_random(Protection::KeyFile);
}

#[test]
fn passphrase_restores_killed_at_random_moments_never_leave_an_empty_journal() {
    restore_killed_at_random(Protection::Passphrase);
}

#[test]
#[ignore = "needs a Secret Service: make test runs it under gnome-keyring in dbus-run-session"]
fn keychain_restores_killed_at_random_moments_never_make_a_new_key() {
    restore_killed_at_random(Protection::Keychain);
}

#[test]
fn encrypting_an_earlier_plaintext_journal_stopped_at_any_step_keeps_one_key_and_every_entry() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-v3.sqlite3");
    for protection in [Protection::KeyFile, Protection::Passphrase] {
        for step in ["open:key-recorded", "rewrite:copy-verified"] {
            let folder = Folder::new(protection);
            std::fs::create_dir_all(&folder.dir).unwrap();
            std::fs::copy(&fixture, folder.dir.join("journal.sqlite3")).unwrap();
            let out = folder.run_with(&["list"], &[("PRAXIS_FAILPOINT", step)]);
            assert!(aborted(&out), "{protection:?} {step}: {}", text(&out));
            let chosen = folder.record()["key_fingerprint"].clone();
            assert_eq!(folder.count(), Ok(5), "{protection:?} {step}: every entry, encrypted on the next open");
            assert_eq!(folder.record()["key_fingerprint"], chosen, "{protection:?} {step}: the key chosen first");
            let head = std::fs::read(folder.dir.join("journal.sqlite3")).unwrap();
            assert!(!head.starts_with(b"SQLite format 3"), "{protection:?} {step}: encrypted");
        }
    }
}
