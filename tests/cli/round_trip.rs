//! The whole journal leaves whole: a full action-learning cycle, exported
//! as JSON Lines and imported into an empty journal, reads the same in
//! every list, and exports to the same bytes.

use crate::sharing::Person;

fn id_of(value: &serde_json::Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

#[test]
fn a_whole_cycle_exported_and_imported_into_an_empty_journal_reads_the_same_everywhere_and_exports_the_same_bytes() {
    let alex = Person::new("a1");
    let dana = Person::new("d4");
    let scratch = tempfile::tempdir().unwrap();
    let path = |name: &str| scratch.path().join(name).to_str().unwrap().to_owned();
    alex.ok(&["key", "name", "Alex"]);
    dana.ok(&["key", "name", "Dana"]);

    let project = id_of(&alex.json(&[
        "project",
        "new",
        "--name",
        "Handing over the weekly",
        "--challenge",
        "How do I let the team run it?",
        "--start",
        "2026-09-01",
        "--end",
        "2027-03-31",
    ]));
    let first = id_of(&alex.json(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I stay quiet, then the team will lead",
        "--action",
        "Say nothing for ten minutes",
        "--expect",
        "Two people propose agenda items",
        "--works-if",
        "Someone opens the meeting",
        "--fails-if",
        "Everyone looks at me",
        "--start",
        "2026-10-05",
        "--review",
        "2026-10-19",
        "--project",
        &project,
        "--tag",
        "delegation",
    ]));
    alex.ok(&["experiment", "start", &first, "--on", "2026-10-05"]);
    alex.ok(&[
        "experiment",
        "observe",
        &first,
        "--happened",
        "Ana opened the meeting",
        "--surprised",
        "The silence was short",
        "--why",
        "They had been ready for weeks",
        "--on",
        "2026-10-12",
    ]);
    alex.ok(&[
        "experiment",
        "conclude",
        &first,
        "--learning",
        "Silence invites",
        "--next-step",
        "Try the monthly",
        "--on",
        "2026-10-19",
    ]);
    let second = id_of(&alex.json(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I ask first, then they answer first",
        "--action",
        "Ask before I speak",
        "--expect",
        "They answer first",
        "--start",
        "2026-10-20",
        "--review",
        "2026-11-02",
        "--grew-from",
        &first,
        "--project",
        &project,
    ]));
    alex.ok(&["experiment", "start", &second, "--on", "2026-10-20"]);
    alex.ok(&["experiment", "abandon", &second, "--on", "2026-10-22"]);
    alex.ok(&["experiment", "retry", &second, "--on", "2026-10-23"]);
    alex.json(&[
        "experiment",
        "new",
        "--hypothesis",
        "If I delegate the budget, then I sleep",
        "--review",
        "2026-12-20",
    ]);

    let session = id_of(&alex.json(&[
        "session",
        "new",
        "--on",
        "2026-10-10",
        "--group",
        "Tuesday set",
        "--role",
        "presenter",
        "--project",
        &project,
    ]));
    alex.ok(&[
        "session",
        "notes",
        &session,
        "--notes",
        "They asked what I protect",
        "--insights",
        "Questions beat advice",
        "--commit",
        "Ask Sam for feedback by 2026-10-17",
        "--commit",
        "Book the room",
        "--commit",
        "Skip one weekly",
    ]);
    let next =
        id_of(&alex.json(&["session", "new", "--on", "2026-10-24", "--group", "Tuesday set", "--role", "questioner"]));
    alex.ok(&["session", "prep", &next, "--issue", "The team still waits for me", "--save"]);
    let commitments = alex.json(&["commitment", "list"]);
    let find = |what: &str| {
        id_of(commitments.as_array().unwrap().iter().find(|c| c["what"] == what).expect("the commitment is listed"))
    };
    alex.ok(&["commitment", "done", &find("Ask Sam for feedback"), "--on", "2026-10-15"]);
    alex.ok(&["commitment", "drop", &find("Book the room"), "--on", "2026-10-16"]);

    let reflection = alex.ok(&[
        "add",
        "--title",
        "After the weekly",
        "--body",
        "I kept quiet. Priya spoke first.",
        "--tag",
        "priya",
    ]);
    let reflection = reflection.trim().to_owned();
    alex.ok(&["update", &reflection, "--body", "I kept quiet. Priya spoke first, then Sam."]);
    let binned = alex.ok(&["add", "--title", "Draft to bin", "--body", "x"]).trim().to_owned();
    alex.ok(&["delete", &binned]);

    alex.ok(&["coach", "add", "Dana", &dana.public_key()]);
    let shared = alex.json(&[
        "share",
        "--coach",
        "Dana",
        "--entry",
        &first,
        "--entry",
        &reflection,
        "--note",
        "For Thursday",
        "--out",
        &path("out"),
    ]);
    let opened = dana.json(&["open", shared["file"].as_str().unwrap()]);
    let reply = path("reply.age");
    dana.ok(&[
        "feedback",
        "reply",
        &id_of(&opened)[..8],
        "--comment",
        &format!("{first}=What did Ana say next?"),
        "--out",
        &reply,
    ]);
    alex.ok(&["feedback", "import", &reply]);
    dana.ok(&["add", "--title", "Coach's reading list", "--body", "Schein, Humble Inquiry."]);
    let dana_entry = dana.json(&["list"])[0]["id"].as_str().unwrap().to_owned();
    let back = dana.json(&["share", "--to", &alex.public_key(), "--entry", &dana_entry, "--out", &path("back")]);
    alex.ok(&["open", back["file"].as_str().unwrap()]);

    let exported = path("alex.jsonl");
    alex.ok(&["export", "--format", "jsonl", &exported]);
    let copy = Person::new("c3");
    let imported = copy.json(&["import", "--format", "jsonl", &exported]);
    assert_eq!(imported["already_present"], 0);
    let again = path("copy.jsonl");
    copy.ok(&["export", "--format", "jsonl", &again]);
    let (a, b) = (std::fs::read_to_string(&exported).unwrap(), std::fs::read_to_string(&again).unwrap());
    assert!(a == b, "export → import → export must give the same bytes");
    for kind in ["project", "experiment", "outcome", "session", "commitment", "coach", "share", "inbox"] {
        assert!(a.contains(&format!("{{\"type\":\"{kind}\"")), "the file holds the {kind} records");
    }

    let views: [&[&str]; 14] = [
        &["experiment", "list"],
        &["experiment", "chain", &second],
        &["experiment", "show", &first],
        &["session", "list"],
        &["session", "prep", &next],
        &["commitment", "list", "--all"],
        &["share-log"],
        &["inbox", "--full"],
        &["today", "--on", "2026-10-19"],
        &["week", "--on", "2026-10-19"],
        &["project", "show", &project],
        &["list"],
        &["trash"],
        &["history", &reflection],
    ];
    for view in views {
        let (original, imported) = (alex.ok(view), copy.ok(view));
        assert!(!original.trim().is_empty(), "{view:?} shows something");
        assert_eq!(imported, original, "{view:?} reads the same in the imported journal");
        let with_json = [&["--json"][..], view].concat();
        assert_eq!(copy.ok(&with_json), alex.ok(&with_json), "{view:?} --json is the same");
    }
    let feedback = copy.json(&["list", "--kind", "coach_feedback"]);
    assert_eq!(feedback.as_array().unwrap().len(), 1, "the coach's feedback came along");
    assert!(copy.ok(&["show", feedback[0]["id"].as_str().unwrap()]).contains("What did Ana say next?"));
    let link = b.lines().find(|l| l.contains("\"kind\":\"coach_feedback\"")).unwrap();
    assert!(
        link.contains(&format!("\"feedback\":{{\"about\":\"{first}\"")),
        "it stays beside the entry it is about: {link}"
    );
}

#[test]
fn the_encrypted_full_export_moves_the_sharing_key_to_a_new_computer_and_opens_with_the_age_tool() {
    let alex = Person::new("a1");
    let scratch = tempfile::tempdir().unwrap();
    alex.ok(&["add", "--title", "Moving day", "--body", "Everything comes along."]);
    let public_key = alex.public_key();
    let (identity, recipient) = crate::sharing::age_keygen(scratch.path());
    let sealed = scratch.path().join("journal.jsonl.age");
    alex.ok(&["export", "--format", "jsonl", "--encrypt-to", &recipient, sealed.to_str().unwrap()]);

    let plain = std::process::Command::new("age").arg("-d").arg("-i").arg(&identity).arg(&sealed).output().unwrap();
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(text.starts_with("{\"format\":\"praxis-jsonl\",\"version\":2,\"secrets\":true}"), "{text}");
    assert!(text.contains("AGE-SECRET-KEY-1"), "the sharing key travels, encrypted");

    let new_computer = Person::new("b2");
    let refused = new_computer.run(&["import", "--format", "jsonl", sealed.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--identity-file"), "it says what to give");
    new_computer.ok(&[
        "import",
        "--format",
        "jsonl",
        sealed.to_str().unwrap(),
        "--identity-file",
        identity.to_str().unwrap(),
    ]);
    assert_eq!(new_computer.public_key(), public_key, "the coach's shares open on the new computer");
    assert_eq!(new_computer.json(&["list"])[0]["title"], "Moving day");

    let plain_export = scratch.path().join("plain.jsonl");
    alex.ok(&["export", "--format", "jsonl", plain_export.to_str().unwrap()]);
    assert!(
        !std::fs::read_to_string(&plain_export).unwrap().contains("AGE-SECRET-KEY"),
        "a plain export has no secret"
    );
}
