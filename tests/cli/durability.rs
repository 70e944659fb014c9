//! A save that was reported is never lost: a `praxis` process writing one
//! entry per commit is killed with SIGKILL again and again, mid-stream; every
//! entry it had acknowledged must be there afterwards, and the journal must
//! pass its integrity check.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use praxis_core::{EntryId, Journal};

const KILLS: usize = 25;

#[test]
fn every_acknowledged_entry_survives_repeated_sigkill_mid_write() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("test.key");
    let key = praxis_core::keys::DatabaseKey::from_bytes([3; 32]);
    std::fs::write(&key_file, secrecy::ExposeSecret::expose_secret(&key.to_hex())).unwrap();
    let data = dir.path().join("journal");
    let mut acknowledged: Vec<EntryId> = Vec::new();
    for round in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--data-dir")
            .arg(&data)
            .arg("--key-file")
            .arg(&key_file)
            .args(["generate", "--one-by-one", "--count", "100000", "--seed", &round.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Vary the moment of death: after a few acknowledged saves, at a
        // different count each round, while the writer is mid-stream.
        let wanted = 3 + (round * 7) % 40;
        let started = Instant::now();
        let mut seen = 0;
        while seen < wanted && started.elapsed() < Duration::from_secs(20) {
            match lines.next() {
                Some(Ok(line)) => {
                    acknowledged.push(line.trim().parse().expect("the writer prints ids"));
                    seen += 1;
                }
                _ => break,
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush, no goodbye
                               // Ids printed between our last read and the kill were acknowledged too.
        for line in lines.map_while(Result::ok) {
            if let Ok(id) = line.trim().parse() {
                acknowledged.push(id);
            }
        }
        child.wait().unwrap();
        assert!(seen > 0, "round {round}: the writer acknowledged nothing");
    }
    let journal = Journal::open_in(&data, &key).expect("the journal opens after every crash");
    let report = journal.check().unwrap();
    assert!(report.is_healthy(), "integrity after {KILLS} kills: {:?}", report.problems);
    for id in &acknowledged {
        assert!(journal.get_entry(*id).is_ok(), "acknowledged entry {id} was lost");
    }
    assert!(report.entries as usize >= acknowledged.len(), "nothing acknowledged is missing from the count");
    eprintln!("{} kills, {} acknowledged entries, {} entries on disk", KILLS, acknowledged.len(), report.entries);
}
