//! The journal benchmark: builds a realistic journal (100,000 entries of
//! 50–800 words by default; set PRAXIS_BENCH_ENTRIES to change it), imports
//! it through the real import path, then measures what a person waits for:
//! search (also typed or pasted with hostile intent, and a save made while
//! such searches run), list, open, save, and a whole `praxis search` process. It prints
//! figures; it asserts nothing (targets are in the README).
//!
//! Run: `cargo bench -p praxis-cli --bench journal`

use std::io::{BufReader, BufWriter, Write};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use praxis_core::records::{EntryData, Envelope, Record, RecordType};
use praxis_core::sample::{SampleJournal, COMMON_WORD, PREFIX, RARE_WORD};
use praxis_core::{EntryId, Journal, ListFilter, SearchOrder};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn measure(runs: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    f(0); // warm the cache and the prepared statements
    let mut samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed()
        })
        .collect();
    (percentile(&mut samples, 0.5), percentile(&mut samples, 0.95))
}

fn report(name: &str, (p50, p95): (Duration, Duration)) {
    println!("{name:<48} p50 {:>12}   p95 {:>12}", ms(p50), ms(p95));
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this once with no flag: keep that quick.
    let entries: usize = std::env::var("PRAXIS_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::args().any(|a| a == "--bench") { 100_000 } else { 500 });
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("journal.jsonl");
    let now: DateTime<FixedOffset> = DateTime::parse_from_rfc3339("2027-01-01T09:00:00+01:00").unwrap();

    let encryption = if cfg!(feature = "plaintext-benchmark") {
        "OFF (a plaintext-benchmark build, for comparison only)"
    } else {
        "on (SQLCipher, AES-256, raw key)"
    };
    println!("Praxis journal benchmark: {entries} entries, encryption {encryption}");
    let key = praxis_core::keys::DatabaseKey::from_bytes([0x42; 32]);
    let key_file = dir.path().join("bench.key");
    std::fs::write(&key_file, secrecy::ExposeSecret::expose_secret(&key.to_hex())).unwrap();
    let start = Instant::now();
    let mut words = 0usize;
    {
        let mut out = BufWriter::new(std::fs::File::create(&file).unwrap());
        writeln!(out, "{{\"format\":\"praxis-jsonl\",\"version\":2}}").unwrap();
        let first_day = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        let mut samples: Vec<_> = SampleJournal::new(42, first_day, 6 * 365).take(entries).collect();
        samples.sort_by_key(|s| (s.draft.occurred_on, s.written_at));
        for sample in samples {
            words += sample.draft.body.split_whitespace().count();
            let mut tags = sample.draft.tags.clone();
            tags.sort();
            tags.dedup();
            let record = Record::Entry(Envelope {
                record_type: RecordType::Entry,
                id: sample.id.to_string(),
                v: 1,
                changed_at: "2026-01-01T00:00:00.000Z".into(),
                device: "0123456789abcdef0123456789abcdef".into(),
                data: EntryData {
                    kind: sample.draft.kind,
                    title: sample.draft.title,
                    tags,
                    occurred_on: sample.draft.occurred_on.unwrap(),
                    created_at: sample.written_at,
                    updated_at: sample.written_at,
                    starred: sample.draft.starred,
                    revision: 1,
                    deleted_at: None,
                    body: sample.draft.body,
                    revisions: Vec::new(),
                    project: None,
                    feedback: None,
                },
            });
            record.write_json(&mut out).unwrap();
            out.write_all(b"\n").unwrap();
        }
    }
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "generated                                        {:.1} s ({} MB of JSON Lines, {} words, {} words/entry on average)",
        start.elapsed().as_secs_f64(),
        size / 1_000_000,
        words,
        words / entries.max(1)
    );

    let data = dir.path().join("data");
    let journal = Journal::open_in(&data, &key).unwrap();
    let start = Instant::now();
    let imported = journal.import_jsonl(&mut BufReader::new(std::fs::File::open(&file).unwrap())).unwrap();
    println!(
        "import (one transaction, index complete)         {:.2} s ({} entries)",
        start.elapsed().as_secs_f64(),
        imported.imported
    );
    let db_size = std::fs::metadata(journal.path()).unwrap().len();
    println!("database size                                    {} MB", db_size / 1_000_000);
    if std::env::var_os("PRAXIS_BENCH_IMPORT_ONLY").is_some() {
        return;
    }

    let ids: Vec<EntryId> = journal
        .list_entries(&ListFilter { limit: Some(1000), ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    let page = ListFilter { limit: Some(20), ..Default::default() };
    let count = |term: &str| {
        journal
            .search(term, &ListFilter { limit: Some(1000), ..Default::default() }, SearchOrder::Newest)
            .unwrap()
            .len()
    };
    println!(
        "terms: rare \"{RARE_WORD}\" ({} hits), common \"{COMMON_WORD}\" ({}{} hits), prefix \"{PREFIX}\" ({}{} hits)",
        count(RARE_WORD),
        if count(COMMON_WORD) == 1000 { "≥" } else { "" },
        count(COMMON_WORD),
        if count(PREFIX) == 1000 { "≥" } else { "" },
        count(PREFIX),
    );
    println!();
    for term in [RARE_WORD, COMMON_WORD, PREFIX, "conv", "the"] {
        report(
            &format!("search \"{term}\", newest first, page of 20"),
            measure(200, |_| {
                journal.search(term, &page, SearchOrder::Newest).unwrap();
            }),
        );
    }
    for term in [RARE_WORD, PREFIX, COMMON_WORD, "conv"] {
        let runs = if term == COMMON_WORD || term == "conv" { 40 } else { 200 };
        report(
            &format!("search \"{term}\", by relevance, page of 20"),
            measure(runs, |_| {
                journal.search(term, &page, SearchOrder::Relevance).unwrap();
            }),
        );
    }
    let narrowed = ListFilter {
        tag: Some("delegation".into()),
        from: Some(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()),
        to: Some(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()),
        limit: Some(20),
        ..Default::default()
    };
    report(
        &format!("search \"{COMMON_WORD}\" + tag + year, newest first"),
        measure(200, |_| {
            journal.search(COMMON_WORD, &narrowed, SearchOrder::Newest).unwrap();
        }),
    );
    report(
        "list a page of 20 (newest)",
        measure(500, |_| {
            journal.list_entries(&page).unwrap();
        }),
    );
    report(
        "list a page of 20 (page 50)",
        measure(500, |_| {
            journal.list_entries(&ListFilter { limit: Some(20), offset: Some(1000), ..Default::default() }).unwrap();
        }),
    );
    report(
        "list a page of 20 (one tag)",
        measure(500, |_| {
            journal
                .list_entries(&ListFilter { tag: Some("delegation".into()), limit: Some(20), ..Default::default() })
                .unwrap();
        }),
    );
    report(
        "open an entry",
        measure(500, |i| {
            journal.get_entry(ids[(i * 7919) % ids.len()]).unwrap();
        }),
    );
    report(
        "durable save (edit an entry)",
        measure(200, |i| {
            let id = ids[(i * 104_729) % ids.len()];
            let mut draft = journal.get_entry(id).unwrap().draft();
            draft.body.push_str(&format!("\n\nEdit {i}."));
            journal.update_entry(id, &draft, now).unwrap();
        }),
    );
    report(
        "durable save (new entry)",
        measure(200, |i| {
            let draft =
                praxis_core::EntryDraft::new(praxis_core::Kind::Reflection, format!("New {i}"), "A short new entry.");
            journal.create_entry(EntryId::random(), &draft, now).unwrap();
        }),
    );
    println!();

    // Hostile searches: what a paste or a script may type. Each is bounded
    // (repeats searched once, at most 12 words of at most 48 characters):
    // the target is 100 ms, however the search was typed.
    let repeated = vec![COMMON_WORD; 100].join(" ");
    let long_word = COMMON_WORD.repeat(10 * 1024 / COMMON_WORD.len() + 1);
    let mut distinct: Vec<String> = Vec::new();
    for id in ids.iter().take(200) {
        for word in journal.get_entry(*id).unwrap().body.split(|c: char| !c.is_alphanumeric()) {
            let word = word.to_lowercase();
            if word.len() > 2 && !distinct.contains(&word) {
                distinct.push(word);
            }
        }
    }
    distinct.extend((0..2000).map(|i| format!("made{i}up")));
    distinct.truncate(2000);
    let distinct = distinct.join(" ");
    let hostile: [(&str, &str); 3] =
        [("100 × a common word", &repeated), ("10 KB of one word", &long_word), ("2,000 distinct words", &distinct)];
    println!("hostile searches (target: 100 ms each), page of 20");
    for (what, typed) in hostile {
        for (order, name) in [(SearchOrder::Newest, "newest first"), (SearchOrder::Relevance, "by relevance")] {
            report(
                &format!("search {what}, {name}"),
                measure(20, |_| {
                    journal.search(typed, &page, order).unwrap();
                }),
            );
        }
    }
    // A save made while hostile searches run on another thread: searches
    // run on their own connection, so the save should not wait for them.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (latency, searches) = std::thread::scope(|scope| {
        let searcher = scope.spawn(|| {
            let all = ListFilter { limit: Some(1000), ..Default::default() };
            let mut searches = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for (_, typed) in hostile {
                    journal.search(typed, &all, SearchOrder::Relevance).unwrap();
                    searches += 1;
                }
            }
            searches
        });
        let latency = measure(100, |i| {
            let id = ids[(i * 15_485_863) % ids.len()];
            let mut draft = journal.get_entry(id).unwrap().draft();
            draft.body.push_str(&format!("\n\nEdit during a search {i}."));
            journal.update_entry(id, &draft, now).unwrap();
        });
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        (latency, searcher.join().unwrap())
    });
    report("durable save while hostile searches run", latency);
    println!("  ({searches} hostile searches of up to 1,000 hits ran on another thread meanwhile)");
    println!();
    let start = Instant::now();
    let exported = journal
        .export_jsonl(&mut BufWriter::new(std::fs::File::create(dir.path().join("export.jsonl")).unwrap()))
        .unwrap();
    println!(
        "export to JSON Lines ({} entries)                 {:.2} s",
        exported.entries,
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let backup = journal.backup_now(praxis_core::BackupReason::Manual, chrono::Utc::now()).unwrap();
    println!(
        "backup (VACUUM INTO, {} MB)                      {:.2} s",
        backup.bytes / 1_000_000,
        start.elapsed().as_secs_f64()
    );
    drop(journal);

    // A Day One export of 10,000 generated entries, through the real parser and import.
    let dayone_count = (entries / 10).max(100);
    let dayone = dir.path().join("Journal.json");
    {
        let mut out = BufWriter::new(std::fs::File::create(&dayone).unwrap());
        let first_day = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let items: Vec<serde_json::Value> = SampleJournal::new(7, first_day, 3 * 365)
            .take(dayone_count)
            .map(|s| {
                serde_json::json!({
                    "uuid": s.id.as_uuid().simple().to_string().to_uppercase(),
                    "text": format!("# {}\n\n{}", s.draft.title, s.draft.body),
                    "creationDate": s.written_at.with_timezone(&chrono::Utc).to_rfc3339(),
                    "modifiedDate": s.written_at.with_timezone(&chrono::Utc).to_rfc3339(),
                    "timeZone": "Europe/Berlin",
                    "tags": s.draft.tags,
                    "starred": s.draft.starred,
                })
            })
            .collect();
        serde_json::to_writer(&mut out, &serde_json::json!({"metadata": {"version": "1.0"}, "entries": items}))
            .unwrap();
    }
    let fresh = Journal::open_in(&dir.path().join("dayone-journal"), &key).unwrap();
    let start = Instant::now();
    let parsed =
        praxis_core::interchange::read_source(praxis_core::interchange::ImportFormat::Dayone, &dayone, *now.offset())
            .unwrap();
    let done = fresh.import_source(&parsed).unwrap();
    println!(
        "import a Day One export ({} entries, parse + import) {:.2} s",
        done.new_entries,
        start.elapsed().as_secs_f64()
    );
    drop(fresh);

    let praxis = env!("CARGO_BIN_EXE_praxis");
    for (what, args) in [
        ("export to JSON Lines", vec!["export", "--format", "jsonl"]),
        ("export to one HTML page", vec!["export", "--format", "html"]),
        ("export to a Markdown folder", vec!["export", "--format", "markdown-folder"]),
        ("list (for comparison)", vec!["list", "--limit", "20"]),
    ] {
        let out_file = dir.path().join(format!("process-export-{}", args.get(2).unwrap_or(&"list")));
        let start = Instant::now();
        let mut command = Command::new(praxis);
        command.arg("--data-dir").arg(&data).arg("--key-file").arg(&key_file).arg("--report-memory").args(&args);
        if args[0] == "export" {
            command.arg(&out_file);
        }
        let out = command.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let peak = stderr.lines().find_map(|l| l.strip_prefix("peak memory: ")).unwrap_or("?").to_owned();
        println!("`praxis {}` process: {what:<24} {:.2} s, peak memory {peak}", args[0], start.elapsed().as_secs_f64());
    }
    println!();
    for term in [RARE_WORD, COMMON_WORD] {
        report(
            &format!("whole `praxis search {term}` process"),
            measure(30, |_| {
                let out = Command::new(praxis)
                    .arg("--data-dir")
                    .arg(&data)
                    .arg("--key-file")
                    .arg(&key_file)
                    .args(["search", term, "--limit", "20"])
                    .output()
                    .unwrap();
                assert!(out.status.success());
            }),
        );
    }
}
