//! Encryption at rest and the keys that open a journal: what a copied data
//! folder gives away (nothing), what a wrong or missing key does (says so,
//! changes nothing), and how a journal is opened again with its recovery key
//! or its passphrase.

use std::path::Path;
use std::process::Command;

use praxis_core::keys::{DatabaseKey, KeyStore, MemoryKeyStore, SystemKeychain};
use praxis_core::protection::{self, open_journal, Method, NewKey, Opened, Unlock};
use praxis_core::{paths, BackupReason, EntryId, Error, ListFilter, SearchOrder};

use crate::common::*;

const CANARY: &str = "Zanzibarquokka";

fn open(dir: &Path, unlock: &Unlock, keystore: &dyn KeyStore) -> Result<Opened, Error> {
    open_journal(dir, unlock, keystore)
}

/// Every byte of every file under `dir`, with its path.
fn files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn write_canary_entries(opened: &Opened) {
    for i in 0..30 {
        let body = format!("Talked with {CANARY} about the reorganisation, take {i}. {}", "More words. ".repeat(40));
        let entry = opened
            .journal
            .create_entry(
                EntryId::random(),
                &draft(&format!("{CANARY} meeting {i}"), &body),
                at("2026-05-01T09:00:00Z"),
            )
            .unwrap();
        opened
            .journal
            .update_entry(entry.id, &draft("Edited", &format!("{body} {CANARY} again")), at("2026-05-01T10:00:00Z"))
            .unwrap();
    }
}

#[test]
fn no_file_in_a_copied_data_folder_contains_a_word_of_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    write_canary_entries(&opened);
    opened.journal.backup_now(BackupReason::Manual, at("2026-05-02T09:00:00Z").into()).unwrap();
    let hits = opened.journal.search("zanzibar", &ListFilter::default(), SearchOrder::Newest).unwrap();
    assert_eq!(hits.len(), 30, "full-text search works on the encrypted journal, prefixes and all");

    // Read while the journal is still open, so the write-ahead log is there too.
    let all = files(dir.path());
    assert!(all.iter().any(|(p, _)| p.to_string_lossy().ends_with("-wal")), "the WAL is part of what is checked");
    assert!(all.iter().any(|(p, _)| p.to_string_lossy().contains("backups")), "so are the backups");
    for (path, bytes) in &all {
        assert!(!contains(bytes, CANARY.as_bytes()), "{} holds the journal's words in the clear", path.display());
        assert!(!contains(bytes, b"SQLite format 3"), "{} is an unencrypted database", path.display());
    }
}

#[test]
fn the_sqlite3_tool_cannot_read_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let opened = open(dir.path(), &Unlock::Keychain, &MemoryKeyStore::new()).unwrap();
    write_canary_entries(&opened);
    drop(opened);
    let out = Command::new("sqlite3")
        .arg(paths::database_path(dir.path()))
        .arg("SELECT count(*) FROM entries;")
        .output()
        .expect("this test needs the sqlite3 tool (make test installs it)");
    assert!(!out.status.success(), "sqlite3 must not read an encrypted journal");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a database"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn without_its_keychain_item_the_journal_asks_for_the_recovery_key_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &first).unwrap();
    let recovery = opened.recovery_key.as_ref().expect("a new journal shows its recovery key").expose().to_owned();
    write_canary_entries(&opened);
    drop(opened);
    let before = files(dir.path());

    let new_machine = MemoryKeyStore::new();
    let err = open(dir.path(), &Unlock::Keychain, &new_machine).unwrap_err();
    assert_eq!(err.code(), "key_missing", "{err}");
    assert!(err.to_string().contains("recovery key"), "the message offers the way out: {err}");
    assert_eq!(files(dir.path()), before, "a journal that could not be opened must not change");

    let opened = open(dir.path(), &Unlock::RecoveryKey(secret(&recovery.to_lowercase())), &new_machine).unwrap();
    assert_eq!(opened.journal.list_entries(&ListFilter::default()).unwrap().len(), 30);
    drop(opened);
    let again = open(dir.path(), &Unlock::Keychain, &new_machine).expect("the key went back into the keychain");
    assert_eq!(again.journal.list_entries(&ListFilter::default()).unwrap().len(), 30);
}

#[test]
fn a_wrong_key_or_a_mistyped_recovery_key_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    write_canary_entries(&opened);
    drop(opened);
    let before = files(dir.path());

    let other = DatabaseKey::from_bytes([9; 32]);
    let err = open(dir.path(), &Unlock::KeyFile(other.clone()), &keystore).unwrap_err();
    assert_eq!(err.code(), "wrong_key");
    let err = open(dir.path(), &Unlock::RecoveryKey(secret(other.recovery_key().expose())), &keystore).unwrap_err();
    assert_eq!(err.code(), "wrong_key", "a valid recovery key of another journal is a wrong key");
    let err = open(dir.path(), &Unlock::RecoveryKey(secret("ABCDE-FGHIJ")), &keystore).unwrap_err();
    assert_eq!(err.code(), "invalid_recovery_key", "a typo is named as such");
    assert_eq!(files(dir.path()), before, "no refused key may change a byte");
}

#[test]
fn without_a_keychain_a_passphrase_protects_the_journal_and_only_it_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let no_keychain = MemoryKeyStore::unavailable();
    let err = open(dir.path(), &Unlock::Keychain, &no_keychain).unwrap_err();
    assert_eq!(err.code(), "passphrase_needed", "no keychain: ask for a passphrase, never write the key to a file");
    assert!(!paths::database_path(dir.path()).exists(), "nothing is created until there is a key");
    let err = open(dir.path(), &Unlock::Passphrase(secret("short")), &no_keychain).unwrap_err();
    assert_eq!(err.code(), "invalid_input", "a too-short passphrase is refused");

    let opened = open(dir.path(), &Unlock::Passphrase(secret("walking by the river")), &no_keychain).unwrap();
    assert_eq!(opened.method, Method::Passphrase);
    write_canary_entries(&opened);
    let hex = praxis_core::keys::DatabaseKey::parse_any(opened.recovery_key.as_ref().unwrap().expose()).unwrap();
    drop(opened);
    for (path, bytes) in files(dir.path()) {
        assert!(
            !contains(&bytes, secrecy::ExposeSecret::expose_secret(&hex.to_hex()).as_bytes()),
            "{}",
            path.display()
        );
    }

    let before = files(dir.path());
    let err = open(dir.path(), &Unlock::Keychain, &no_keychain).unwrap_err();
    assert_eq!(err.code(), "passphrase_needed");
    let err = open(dir.path(), &Unlock::Passphrase(secret("walking by the rivers")), &no_keychain).unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase", "{err}");
    assert_eq!(files(dir.path()), before);
    let opened = open(dir.path(), &Unlock::Passphrase(secret("walking by the river")), &no_keychain).unwrap();
    assert_eq!(opened.journal.list_entries(&ListFilter::default()).unwrap().len(), 30);
}

#[test]
fn a_plaintext_journal_from_an_earlier_praxis_is_encrypted_in_place_with_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-v2.sqlite3");
    std::fs::copy(&fixture, &db).unwrap();
    std::fs::create_dir(dir.path().join("backups")).unwrap();
    std::fs::copy(&fixture, dir.path().join("backups/praxis-20260101T000000Z-daily.sqlite3")).unwrap();
    let words = b"silence";
    assert!(contains(&std::fs::read(&db).unwrap(), words), "the fixture is plaintext to begin with");

    let opened = open(dir.path(), &Unlock::Keychain, &MemoryKeyStore::new()).unwrap();
    assert_eq!(opened.journal.list_entries(&ListFilter::default()).unwrap().len(), 4, "every entry came across");
    assert_eq!(opened.journal.search("silence", &ListFilter::default(), SearchOrder::Newest).unwrap().len(), 2);
    assert!(opened.recovery_key.is_some(), "the new key's recovery key is shown");
    let backups = opened.journal.list_backups().unwrap();
    assert!(backups.iter().all(|b| b.entries.is_some()), "old backups still open, now with the key: {backups:?}");
    drop(opened);
    for (path, bytes) in files(dir.path()) {
        assert!(!contains(&bytes, words), "{} still holds plaintext", path.display());
    }
}

#[test]
fn a_damaged_journal_whose_key_is_known_is_reported_as_damaged_with_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    write_canary_entries(&opened);
    let backup = opened.journal.backup_now(BackupReason::Manual, at("2026-05-02T09:00:00Z").into()).unwrap();
    drop(opened);
    let db = paths::database_path(dir.path());
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[..4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let err = open(dir.path(), &Unlock::Keychain, &keystore).unwrap_err();
    assert_eq!(err.code(), "damaged", "the right key on a broken file means damage, not a wrong key: {err}");
    let offered = protection::newest_backup(dir.path(), &Unlock::Keychain, &keystore).map(|b| b.id);
    assert_eq!(offered, Some(backup.id), "the newest backup the journal's own key opens is offered");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "a damaged journal is never written over");
}

#[test]
fn a_rotated_key_opens_the_journal_and_its_backups_and_the_old_one_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    let old_recovery = opened.recovery_key.as_ref().unwrap().expose().to_owned();
    write_canary_entries(&opened);
    opened.journal.backup_now(BackupReason::Manual, at("2026-05-02T09:00:00Z").into()).unwrap();

    let rotated = protection::rotate_key(dir.path(), opened.journal, NewKey::Random, &keystore).unwrap();
    let new_recovery = rotated.recovery_key.as_ref().unwrap().expose().to_owned();
    assert_ne!(new_recovery, old_recovery);
    assert_eq!(rotated.journal.search("zanzibar", &ListFilter::default(), SearchOrder::Newest).unwrap().len(), 30);
    assert!(rotated.journal.list_backups().unwrap().iter().all(|b| b.entries.is_some()), "backups follow the key");
    drop(rotated);

    // Until the person has seen and confirmed the new recovery key, the old
    // one still opens the journal (and says so); then it opens nothing.
    let by_old = open(dir.path(), &Unlock::RecoveryKey(secret(&old_recovery)), &keystore).unwrap();
    assert!(by_old.with_previous_secret, "opened with the key from before the change");
    assert_eq!(by_old.recovery_key.as_ref().unwrap().expose(), new_recovery, "the new recovery key is shown");
    drop(by_old);
    protection::confirm_recovery_key(dir.path()).unwrap();
    let err = open(dir.path(), &Unlock::RecoveryKey(secret(&old_recovery)), &keystore).unwrap_err();
    assert_eq!(err.code(), "wrong_key", "once the new one is confirmed, the old key must open nothing");
    assert!(open(dir.path(), &Unlock::Keychain, &keystore).is_ok(), "the keychain holds the new key");
    let elsewhere = MemoryKeyStore::new();
    assert!(open(dir.path(), &Unlock::RecoveryKey(secret(&new_recovery)), &elsewhere).is_ok());
}

#[test]
fn the_recovery_key_is_offered_until_it_is_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let first = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    let shown = first.recovery_key.as_ref().unwrap().expose().to_owned();
    drop(first);
    let second = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    assert_eq!(second.recovery_key.as_ref().unwrap().expose(), shown, "not confirmed yet: shown again");
    drop(second);
    protection::confirm_recovery_key(dir.path()).unwrap();
    assert!(open(dir.path(), &Unlock::Keychain, &keystore).unwrap().recovery_key.is_none());
}

#[test]
#[ignore = "needs a Secret Service: make test runs it under gnome-keyring in dbus-run-session"]
fn the_system_keychain_keeps_the_key_in_its_persistent_collection() {
    let service = format!("Praxis test {}", uuid::Uuid::new_v4());
    let keychain = SystemKeychain::with_service(&service);
    let dir = tempfile::tempdir().unwrap();
    let opened = open(dir.path(), &Unlock::Keychain, &keychain).expect("the real keychain answers");
    assert_eq!(opened.method, Method::Keychain);
    write_canary_entries(&opened);
    drop(opened);

    // Ask the Secret Service itself where the item lives.
    let out = Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets"])
        .arg("org.freedesktop.Secret.Service.SearchItems")
        .arg(format!("dict:string:string:service,{service}"))
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(listing.contains("/collection/login/"), "the key must be in the persistent login collection: {listing}");
    assert!(!listing.contains("/collection/session/"), "never the session-only collection: {listing}");
    let out = Command::new("secret-tool").args(["search", "--all", "service", &service]).output().unwrap();

    let again = open(dir.path(), &Unlock::Keychain, &keychain).expect("the key comes back from the keychain");
    assert_eq!(again.journal.list_entries(&ListFilter::default()).unwrap().len(), 30);
    let rotated = protection::rotate_key(dir.path(), again.journal, NewKey::Random, &keychain).unwrap();
    drop(rotated);
    assert!(open(dir.path(), &Unlock::Keychain, &keychain).is_ok(), "rotation leaves the new key in the keychain");
    let listed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let account = listed
        .lines()
        .find_map(|l| l.strip_prefix("attribute.username = ").map(str::to_owned))
        .expect("the item names its account");
    keychain.delete(&account).unwrap();
    assert_eq!(open(dir.path(), &Unlock::Keychain, &keychain).unwrap_err().code(), "key_missing");
}

#[test]
fn the_last_unencrypted_journal_format_is_encrypted_upgraded_and_keeps_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-v3.sqlite3");
    std::fs::copy(&fixture, &db).unwrap();
    let opened = open(dir.path(), &Unlock::Keychain, &MemoryKeyStore::new()).unwrap();
    let report = opened.journal.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
    assert_eq!(report.schema_version, praxis_core::store::SCHEMA_VERSION, "upgraded after it was encrypted");
    assert_eq!(report.entries, 5, "every live entry came across");
    let hits = opened.journal.search("slowed", &ListFilter::default(), SearchOrder::Newest).unwrap();
    assert_eq!(hits.len(), 1, "the index was carried over and still answers");
    let backups = opened.journal.list_backups().unwrap();
    assert!(backups.iter().any(|b| b.id == "praxis-schema-3-before-migration" && b.entries == Some(5)));
    drop(opened);
    for (path, bytes) in files(dir.path()) {
        assert!(!contains(&bytes, b"slowed them down"), "{} still holds plaintext", path.display());
    }
}

#[test]
fn a_passphrase_change_keeps_the_old_passphrase_working_until_the_new_recovery_key_is_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::unavailable();
    let old = Unlock::Passphrase(secret("a long walk by the river"));
    let opened = open(dir.path(), &old, &keystore).unwrap();
    write_canary_entries(&opened);
    let rotated = protection::rotate_key(
        dir.path(),
        opened.journal,
        NewKey::Passphrase(secret("a slow boat on the lake")),
        &keystore,
    )
    .unwrap();
    drop(rotated);
    let record = std::fs::read_to_string(dir.path().join("protection.json")).unwrap();
    assert!(!record.contains("river") && !record.contains("lake"), "no passphrase in the record");
    let by_old = open(dir.path(), &old, &keystore).unwrap();
    assert!(by_old.with_previous_secret);
    assert_eq!(by_old.journal.search(CANARY, &ListFilter::default(), SearchOrder::Newest).unwrap().len(), 30);
    drop(by_old);
    protection::confirm_recovery_key(dir.path()).unwrap();
    assert_eq!(open(dir.path(), &old, &keystore).unwrap_err().code(), "wrong_passphrase");
    let by_new = open(dir.path(), &Unlock::Passphrase(secret("a slow boat on the lake")), &keystore).unwrap();
    assert!(!by_new.with_previous_secret);
}

#[test]
fn a_rotation_cannot_start_while_the_journal_is_open_elsewhere_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    write_canary_entries(&opened);
    drop(opened);
    let window = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    let cli = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    let before = files(dir.path());
    let err = protection::rotate_key(dir.path(), cli.journal, NewKey::Random, &keystore).unwrap_err();
    assert_eq!(err.code(), "busy", "{err}");
    assert_eq!(files(dir.path()), before, "not a byte changed");
    drop(window);
    assert!(open(dir.path(), &Unlock::Keychain, &keystore).is_ok(), "the same key opens it");
}

#[test]
fn a_keychain_journal_whose_file_was_emptied_is_refused_and_no_new_key_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let keystore = MemoryKeyStore::new();
    let opened = open(dir.path(), &Unlock::Keychain, &keystore).unwrap();
    write_canary_entries(&opened);
    let backup = opened.journal.backup_now(BackupReason::Manual, at("2026-05-02T09:00:00Z").into()).unwrap();
    drop(opened);
    protection::confirm_recovery_key(dir.path()).unwrap();
    let record = std::fs::read(dir.path().join("protection.json")).unwrap();
    std::fs::write(paths::database_path(dir.path()), b"").unwrap();
    let err = open(dir.path(), &Unlock::Keychain, &keystore).unwrap_err();
    assert_eq!(err.code(), "journal_missing", "{err}");
    assert_eq!(std::fs::read(dir.path().join("protection.json")).unwrap(), record, "the key record is unchanged");
    assert_eq!(std::fs::metadata(paths::database_path(dir.path())).unwrap().len(), 0, "no new journal");
    let offered = protection::newest_backup(dir.path(), &Unlock::Keychain, &keystore).map(|b| b.id);
    assert_eq!(offered, Some(backup.id), "the backup the journal's own key opens");
}

#[test]
fn a_needed_passphrase_is_one_to_choose_only_while_no_encrypted_journal_is_there() {
    use praxis_core::access::{Access, AccessState};
    let state = |dir: &Path, error: Error| Access::<()>::new().after(protection::failed_attempt(dir, error)).0.state();
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(state(empty.path(), Error::PassphraseNeeded), AccessState::ChoosePassphrase, "a new journal");
    let journal = temp_journal();
    assert_eq!(state(journal.dir.path(), Error::PassphraseNeeded), AccessState::Passphrase, "an encrypted one");
    assert_eq!(state(empty.path(), Error::KeyMissing), AccessState::RecoveryKey, "other failures keep their meaning");
}
