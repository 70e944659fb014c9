//! Backups: snapshots that open as journals, a rolling policy, restore that
//! can be undone, and a copy kept before every schema upgrade.

use chrono::{DateTime, TimeZone, Utc};
use praxis_core::store::backup::{backups_to_keep, BackupInfo};
use praxis_core::{paths, BackupReason, Journal, ListFilter};

use crate::common::*;

fn utc(text: &str) -> DateTime<Utc> {
    at(text).with_timezone(&Utc)
}

#[test]
fn a_backup_opens_as_a_journal_with_the_same_entries() {
    let journal = temp_journal();
    add(&journal, &draft("Kept safe", "words"), "2026-05-01T09:00:00Z");
    let backup = journal.backup_now(BackupReason::Manual, utc("2026-05-01T10:00:00Z")).unwrap();
    assert_eq!(backup.entries, Some(1));
    assert!(backup.id.starts_with("praxis-20260501T100000Z-manual"), "{}", backup.id);
    let copy = Journal::open(&backup.path, &test_key()).unwrap();
    assert_eq!(titles(&copy.list_entries(&ListFilter::default()).unwrap()), vec!["Kept safe"]);
    assert!(copy.check().unwrap().is_healthy());
}

#[test]
fn restoring_a_backup_brings_back_its_content_and_can_itself_be_undone() {
    let journal = temp_journal();
    add(&journal, &draft("Before", "x"), "2026-05-01T09:00:00Z");
    let backup = journal.backup_now(BackupReason::Manual, utc("2026-05-01T10:00:00Z")).unwrap();
    add(&journal, &draft("After", "y"), "2026-05-02T09:00:00Z");

    journal.restore_backup(&backup.id, utc("2026-05-02T10:00:00Z")).unwrap();
    assert_eq!(titles(&journal.list_entries(&ListFilter::default()).unwrap()), vec!["Before"]);
    assert!(journal.check().unwrap().is_healthy());

    let undo = journal.list_backups().unwrap().into_iter().find(|b| b.id.ends_with("before-restore")).unwrap();
    assert_eq!(undo.entries, Some(2), "what was there before the restore was kept");
    journal.restore_backup(&undo.id, utc("2026-05-02T11:00:00Z")).unwrap();
    assert_eq!(titles(&journal.list_entries(&ListFilter::default()).unwrap()), vec!["After", "Before"]);
    assert!(undo.path.exists(), "restoring never deletes the backup it restored");
    assert_eq!(
        journal.search("y", &ListFilter::default(), Default::default()).unwrap().len(),
        1,
        "the index came back too"
    );
}

#[test]
fn a_damaged_backup_is_refused_and_the_journal_is_left_alone() {
    let journal = temp_journal();
    add(&journal, &draft("Current", "x"), "2026-05-01T09:00:00Z");
    let backup = journal.backup_now(BackupReason::Manual, utc("2026-05-01T10:00:00Z")).unwrap();
    let mut bytes = std::fs::read(&backup.path).unwrap();
    for byte in bytes.iter_mut().skip(100).take(4000) {
        *byte ^= 0x5a;
    }
    std::fs::write(&backup.path, bytes).unwrap();
    assert!(journal.restore_backup(&backup.id, utc("2026-05-01T11:00:00Z")).is_err());
    assert_eq!(titles(&journal.list_entries(&ListFilter::default()).unwrap()), vec!["Current"]);
    assert!(journal.restore_backup("praxis-nope", utc("2026-05-01T11:00:00Z")).is_err());
}

fn info(id: &str, taken_at: DateTime<Utc>) -> BackupInfo {
    BackupInfo { id: id.into(), path: id.into(), taken_at, entries: None, bytes: 0 }
}

#[test]
fn the_rolling_policy_keeps_the_last_seven_days_and_four_weeks() {
    // One backup a day, morning and evening, for 60 days, newest first.
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
    let mut backups: Vec<BackupInfo> = (0..120)
        .map(|i| {
            let when = start + chrono::Duration::hours(12 * i);
            info(&format!("b{i:03}-daily"), when)
        })
        .collect();
    backups.insert(3, info("m001-manual", start));
    backups.reverse();
    let keep = backups_to_keep(&backups);
    let newest_seven_days: Vec<String> = (0..7).map(|d| format!("b{:03}", 119 - 2 * d)).collect();
    for id in &newest_seven_days {
        assert!(keep.contains(&format!("{id}-daily")), "the newest backup of each of the last 7 days stays: {id}");
    }
    assert!(!keep.contains("b118-daily"), "an older backup of a kept day goes");
    // The last backup is on Wednesday 29 April: the 7 days reach back into the
    // week before, so the 4 weeks add the newest of the two weeks before that.
    assert!(keep.contains("b099-daily"), "newest of the week of 13–19 April (the 19th, evening)");
    assert!(keep.contains("b085-daily"), "newest of the week of 6–12 April");
    assert!(!keep.contains("b071-daily"), "a fifth week back is not kept");
    assert!(keep.contains("m001-manual"), "only daily backups roll; the others are kept");
    assert_eq!(keep.len(), 10);
}

#[test]
fn pruning_deletes_what_the_policy_does_not_keep_and_daily_backups_wait_a_day() {
    let journal = temp_journal();
    add(&journal, &draft("Daily", "x"), "2026-05-01T09:00:00Z");
    for day in 1..=20 {
        let when = Utc.with_ymd_and_hms(2026, 5, day, 9, 0, 0).unwrap();
        journal.backup_now(BackupReason::Daily, when).unwrap();
    }
    let left = journal.list_backups().unwrap();
    assert!(left.len() <= 7 + 4, "old backups are pruned, {} left", left.len());
    assert!(left.iter().any(|b| b.id.contains("20260520")), "the newest is kept");
    assert!(left.iter().any(|b| b.id.contains("20260514")), "so is the one from 7 days back");
    assert!(
        !left.iter().any(|b| b.id.contains("20260513")),
        "the 8th day back is within a kept week? not the newest of it"
    );

    let soon = Utc.with_ymd_and_hms(2026, 5, 21, 8, 0, 0).unwrap();
    assert!(journal.backup_if_due(soon).unwrap().is_none(), "less than a day since the last backup");
    let later = Utc.with_ymd_and_hms(2026, 5, 21, 10, 0, 0).unwrap();
    assert!(journal.backup_if_due(later).unwrap().is_some());
}

#[test]
fn upgrading_an_old_journal_keeps_a_copy_of_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = paths::database_path(dir.path());
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-v1.sqlite3");
    std::fs::copy(fixture, &db).unwrap();
    let journal = Journal::open(&db, &test_key()).unwrap();
    let backups = journal.list_backups().unwrap();
    let before = backups.iter().find(|b| b.id == "praxis-schema-1-before-migration").expect("a pre-upgrade copy");
    let conn = keyed_connection(&before.path);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the copy is the journal as it was before the upgrade");
    assert_eq!(before.entries, Some(3));
}
