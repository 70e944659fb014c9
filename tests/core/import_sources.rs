//! Reading Day One, jrnl and Markdown folders from real and hand-made files,
//! and refusing what must not be read.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use praxis_core::interchange::source::{ParsedSource, UndatedNotes};
use praxis_core::interchange::{dayone, jrnl, markdown_folder, read_source, ImportFormat};
use praxis_core::{Error, ListFilter};

use crate::common::*;
use crate::zip_bomb;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(path)
}

fn paris() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn titles_of(parsed: &ParsedSource) -> Vec<&str> {
    parsed.entries.iter().map(|e| e.title.as_str()).collect()
}

fn zip_of(dir: &Path, members: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn a_real_day_one_export_keeps_text_times_zones_and_says_what_it_leaves_out() {
    let parsed = dayone::parse(&fixture("dayone/Journal.json")).unwrap();
    assert_eq!(titles_of(&parsed), vec!["Initial entry", "Second entry"]);
    let first = &parsed.entries[0];
    assert_eq!(first.source_key, "F4CF0509F3EA47D1B56F95D37F165F5E", "Day One's uuid de-duplicates");
    assert_eq!(first.created_at.to_rfc3339(), "2019-03-18T14:04:56+01:00", "Europe/Berlin in March is UTC+1");
    assert!(first.body.contains("[photo]") && !first.body.contains("dayone-moment"), "{}", first.body);
    assert_eq!(first.not_imported.len(), 1, "the photo is reported, not silently dropped");
    assert!(first.not_imported[0].contains("cf80411fda6ba991b6110b2365fb8286.jpeg"));
    assert_eq!(parsed.skipped.len(), 1, "the entry with no text is skipped with a reason");
    assert!(parsed.skipped[0].reason.contains("no text"));
}

#[test]
fn a_day_one_zip_reads_its_journal_and_ignores_its_photos() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read(fixture("dayone/Journal.json")).unwrap();
    let zip =
        zip_of(dir.path(), &[("Journal.json", &json), ("photos/cf80411fda6ba991b6110b2365fb8286.jpeg", b"\xff\xd8")]);
    let parsed = read_source(ImportFormat::Dayone, &zip, paris()).unwrap();
    assert_eq!(parsed.entries.len(), 2);
}

#[test]
fn a_zip_with_a_path_that_escapes_its_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zip = zip_of(dir.path(), &[("../evil.json", b"{}"), ("Journal.json", b"{\"entries\":[]}")]);
    let err = dayone::parse(&zip).unwrap_err();
    assert!(matches!(err, Error::ImportSource { .. }) && err.to_string().contains("outside its folder"), "{err}");
}

#[test]
fn a_zip_bomb_stops_at_the_unpacked_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = b"{\"entries\":[], \"pad\":\"".to_vec();
    bomb.extend(std::iter::repeat_n(b'0', 3 * 1024 * 1024));
    bomb.extend(b"\"}");
    let zip = zip_of(dir.path(), &[("Journal.json", &bomb)]);
    assert!(std::fs::metadata(&zip).unwrap().len() < 100_000, "the zip itself is small");
    let err = dayone::parse_with_limit(&zip, 1024 * 1024).unwrap_err();
    assert!(err.to_string().contains("unpacks to more than 1 MB"), "{err}");
}

#[test]
fn a_broken_day_one_entry_is_named_by_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Journal.json");
    std::fs::write(&path, r#"{"entries":[{"uuid":"A","text":"ok","creationDate":"2020-01-01T00:00:00Z"},{"uuid":"B","creationDate":"yesterday"}]}"#).unwrap();
    let err = dayone::parse(&path).unwrap_err();
    assert!(err.to_string().contains("Journal.json, entry 2"), "{err}");
}

#[test]
fn jrnls_own_json_export_keeps_titles_tags_stars_and_local_times() {
    let text = std::fs::read_to_string(fixture("jrnl/jrnl.json")).unwrap();
    let parsed = jrnl::parse_json(&text, paris()).unwrap();
    assert_eq!(parsed.entries.len(), 4);
    let hard = parsed.entries.iter().find(|e| e.title.starts_with("Hard conversation")).unwrap();
    assert!(hard.starred);
    assert_eq!(hard.tags, vec!["priya"]);
    assert_eq!(
        hard.created_at.to_rfc3339(),
        "2026-03-05T18:10:00+01:00",
        "jrnl's local time, at the importer's offset"
    );
    let french = parsed.entries.iter().find(|e| e.title.starts_with("Réflexion")).unwrap();
    assert_eq!(french.tags, vec!["leadership", "équipe"]);
}

#[test]
fn jrnls_plain_text_journal_reads_the_same_entries_as_its_json_export() {
    let text = std::fs::read_to_string(fixture("jrnl/journal.txt")).unwrap();
    let from_text = jrnl::parse_text(&text, paris()).unwrap();
    let json = std::fs::read_to_string(fixture("jrnl/jrnl.json")).unwrap();
    let from_json = jrnl::parse_json(&json, paris()).unwrap();
    let view = |p: &ParsedSource| {
        p.entries
            .iter()
            .map(|e| (e.title.clone(), e.body.clone(), e.tags.clone(), e.starred, e.created_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(view(&from_text), view(&from_json), "two forms of one journal give the same entries");
    assert!(jrnl::parse_text("just some notes\nwithout dates", paris()).is_err(), "not a jrnl file");
}

#[test]
fn a_markdown_vault_reads_front_matter_daily_notes_and_inline_tags() {
    let parsed = markdown_folder::parse(&fixture("markdown/vault"), paris()).unwrap();
    let keys: Vec<&str> = parsed.entries.iter().map(|e| e.source_key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "2026-04-01.md",
            "comma-tags.md",
            "journals/2026_04_05.md",
            "projects/delegation.md",
            "projects/no-date.md"
        ]
    );
    let daily = &parsed.entries[0];
    assert_eq!((daily.title.as_str(), daily.occurred_on), ("Offsite day one", day("2026-04-01")));
    assert_eq!(daily.tags, vec!["strategy", "team-a"], "Obsidian's inline #tags");
    let comma = &parsed.entries[1];
    assert_eq!(comma.tags, vec!["feedback", "listening"]);
    assert_eq!(comma.created_at.to_rfc3339(), "2026-04-06T12:00:00+01:00", "a date without a time is noon");
    assert_eq!(parsed.entries[2].occurred_on, day("2026-04-05"), "Logseq's journals/YYYY_MM_DD.md");
    let front = &parsed.entries[3];
    assert_eq!(front.title, "Delegation: what I'm trying");
    assert_eq!(front.created_at.to_rfc3339(), "2026-04-03T09:30:00+02:00");
    assert_eq!(front.tags, vec!["delegation", "one-to-one"]);
    assert!(front.body.starts_with("If I hand over"), "the front matter is not part of the text");
    let undated: Vec<&str> =
        parsed.entries.iter().filter(|e| e.dated_by_modification_time).map(|e| e.source_key.as_str()).collect();
    assert_eq!(undated, vec!["projects/no-date.md"], "only the note with no date takes its file's time");
    assert_eq!(parsed.skipped, vec![], "{:?}", parsed.skipped);
    assert!(!keys.iter().any(|k| k.contains(".obsidian")), "hidden folders are not read");
}

/// A copy of `fixture/vault` in a temporary folder, with the modification
/// times the tests count on (Git does not keep them): every file at
/// 2026-05-01, the undated notes at their own times.
fn obsidian_vault() -> (tempfile::TempDir, PathBuf) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for item in std::fs::read_dir(from).unwrap() {
            let item = item.unwrap();
            let target = to.join(item.file_name());
            if item.file_type().unwrap().is_dir() {
                copy(&item.path(), &target);
            } else {
                std::fs::copy(item.path(), &target).unwrap();
                set_modified(&target, "2026-05-01T09:00:00Z");
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy(&fixture("obsidian/vault"), &vault);
    std::fs::write(vault.join(".DS_Store"), b"\x00\x00\x00\x01Bud1").unwrap();
    for (note, modified) in UNDATED_NOTES {
        set_modified(&vault.join(note), modified);
    }
    (dir, vault)
}

/// The notes of the Obsidian fixture with no date of their own, and the
/// modification time each is given. The last one's UTC day is the day before
/// its day in Paris.
const UNDATED_NOTES: [(&str, &str); 3] = [
    ("Ideas/Someday/Reading list.md", "2026-01-15T23:30:00Z"),
    ("People/Priya.md", "2025-12-24T15:30:00Z"),
    ("Welcome.md", "2025-11-03T10:00:00Z"),
];

fn set_modified(path: &Path, when: &str) {
    let when: std::time::SystemTime = at(when).with_timezone(&chrono::Utc).into();
    std::fs::File::options().write(true).open(path).unwrap().set_modified(when).unwrap();
}

#[test]
fn a_real_obsidian_vault_imports_every_note_and_dates_the_undated_ones_by_their_modification_time() {
    let (_dir, vault) = obsidian_vault();
    let parsed = markdown_folder::parse(&vault, paris()).unwrap();
    let keys: Vec<&str> = parsed.entries.iter().map(|e| e.source_key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "Daily/2026-03-02.md",
            "Ideas/Someday/Reading list.md",
            "People/Priya.md",
            "Projects/Delegation log.md",
            "Projects/Team offsite.md",
            "Welcome.md",
        ],
        "every note in every folder, and nothing from .obsidian or .trash"
    );
    for (note, modified) in UNDATED_NOTES {
        let entry = parsed.entries.iter().find(|e| e.source_key == note).unwrap();
        assert!(entry.dated_by_modification_time, "{note}");
        assert_eq!(entry.created_at, at(modified), "{note}");
        assert_eq!(entry.created_at.offset(), &paris(), "{note}: shown at the importer's offset");
        assert_eq!(entry.occurred_on, at(modified).with_timezone(&paris()).date_naive(), "{note}");
    }
    let reading = parsed.entries.iter().find(|e| e.source_key == "Ideas/Someday/Reading list.md").unwrap();
    assert_eq!(reading.occurred_on, day("2026-01-16"), "the local day of the modification, not the UTC one");
    let dated: Vec<(&str, chrono::NaiveDate)> = parsed
        .entries
        .iter()
        .filter(|e| !e.dated_by_modification_time)
        .map(|e| (e.source_key.as_str(), e.occurred_on))
        .collect();
    assert_eq!(
        dated,
        vec![
            ("Daily/2026-03-02.md", day("2026-03-02")),
            ("Projects/Delegation log.md", day("2026-02-20")),
            ("Projects/Team offsite.md", day("2026-03-10")),
        ],
        "a date in the name or the front matter wins over the file's time"
    );
    let priya = parsed.entries.iter().find(|e| e.source_key == "People/Priya.md").unwrap();
    assert_eq!((priya.title.as_str(), priya.tags.clone()), ("Priya", vec!["people".to_string()]));
    let offsite = parsed.entries.iter().find(|e| e.source_key == "Projects/Team offsite.md").unwrap();
    assert_eq!(offsite.tags, vec!["offsite", "team"]);

    let skipped: Vec<(&str, &str)> = parsed.skipped.iter().map(|s| (s.location.as_str(), s.reason.as_str())).collect();
    assert_eq!(
        skipped,
        vec![
            ("Inbox/meeting-transcript.txt", markdown_folder::NOT_A_NOTE),
            ("attachments/whiteboard.png", markdown_folder::NOT_A_NOTE),
        ],
        "other files are listed with why; hidden ones are not mentioned"
    );
    assert!(markdown_folder::NOT_A_NOTE.contains("not a Markdown note"));
}

#[test]
fn the_preview_says_which_notes_are_dated_by_their_modification_time_and_the_import_brings_them_all() {
    let (_dir, vault) = obsidian_vault();
    let journal = temp_journal();
    let parsed = read_source(ImportFormat::Markdown, &vault, paris()).unwrap();
    let preview = journal.preview_import(&parsed).unwrap();
    assert_eq!(preview.new_entries, 6);
    let mut undated: Vec<&str> = UNDATED_NOTES.iter().map(|(note, _)| *note).collect();
    undated.sort();
    assert_eq!(preview.dated_by_modification_time, undated);
    assert_eq!((preview.first_day, preview.last_day), (Some(day("2025-11-03")), Some(day("2026-03-10"))));
    assert_eq!(preview.skipped.len(), 2, "{:?}", preview.skipped);
    assert!(journal.list_entries(&ListFilter::default()).unwrap().is_empty(), "a preview writes nothing");

    let done = journal.import_source(&parsed).unwrap();
    assert_eq!(done.new_entries, 6);
    let list = journal.list_entries(&ListFilter::default()).unwrap();
    assert_eq!(list.len(), 6);
    let welcome = list.iter().find(|e| e.title == "Welcome to my leadership vault").unwrap();
    assert_eq!(welcome.occurred_on, day("2025-11-03"));
    assert!(journal.check().unwrap().is_healthy());
}

#[test]
fn wiki_links_embeds_and_local_image_links_stay_in_the_text_as_written() {
    let (_dir, vault) = obsidian_vault();
    let journal = temp_journal();
    journal.import_source(&read_source(ImportFormat::Markdown, &vault, paris()).unwrap()).unwrap();
    let list = journal.list_entries(&ListFilter::default()).unwrap();
    let body_of = |title: &str| journal.get_entry(list.iter().find(|e| e.title == title).unwrap().id).unwrap().body;
    let welcome = body_of("Welcome to my leadership vault");
    for link in ["[[Delegation log]]", "[[People/Priya|Priya]]", "[[Team offsite#Agenda]]", "![[whiteboard.png]]"] {
        assert!(welcome.contains(link), "{link} in {welcome}");
    }
    assert!(body_of("2026-03-02").contains("![[whiteboard.png|300]]"));
    assert!(body_of("Delegation log").contains("See the diagram: ![](../attachments/whiteboard.png)"));
    assert!(body_of("Reading list").contains("![cover](covers/humble-inquiry.jpg)"));
}

#[test]
fn choosing_to_skip_undated_notes_skips_exactly_those_and_says_why() {
    let (_dir, vault) = obsidian_vault();
    let journal = temp_journal();
    let parsed = read_source(ImportFormat::Markdown, &vault, paris()).unwrap().with_undated(UndatedNotes::Skip);
    let keys: Vec<&str> = parsed.entries.iter().map(|e| e.source_key.as_str()).collect();
    assert_eq!(keys, vec!["Daily/2026-03-02.md", "Projects/Delegation log.md", "Projects/Team offsite.md"]);
    let preview = journal.preview_import(&parsed).unwrap();
    assert_eq!(preview.dated_by_modification_time, Vec::<String>::new());
    let mut skipped_undated: Vec<&str> = preview
        .skipped
        .iter()
        .filter(|s| s.reason.contains("no date in its front matter or its name"))
        .map(|s| s.location.as_str())
        .collect();
    skipped_undated.sort();
    let mut undated: Vec<&str> = UNDATED_NOTES.iter().map(|(note, _)| *note).collect();
    undated.sort();
    assert_eq!(skipped_undated, undated);
    assert_eq!(preview.skipped.len(), 3 + 2, "the undated notes and the two other files");
    assert_eq!(journal.import_source(&parsed).unwrap().new_entries, 3);
    assert_eq!(journal.list_entries(&ListFilter::default()).unwrap().len(), 3);
    let modified = read_source(ImportFormat::Markdown, &vault, paris()).unwrap().with_undated(UndatedNotes::Modified);
    assert_eq!(modified.entries.len(), 6, "the other choice keeps them");
}

#[test]
fn invalid_front_matter_names_the_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    std::fs::write(dir.path().join("notes/bad.md"), "---\ntitle: [unclosed\n---\ntext").unwrap();
    let err = markdown_folder::parse(dir.path(), paris()).unwrap_err();
    assert!(err.to_string().contains("notes/bad.md") && err.to_string().contains("not valid YAML"), "{err}");
}

#[test]
fn every_source_imports_once_even_when_imported_twice() {
    let journal = temp_journal();
    for (format, path) in [
        (ImportFormat::Dayone, fixture("dayone/Journal.json")),
        (ImportFormat::Jrnl, fixture("jrnl/journal.txt")),
        (ImportFormat::Markdown, fixture("markdown/vault")),
    ] {
        let parsed = read_source(format, &path, paris()).unwrap();
        let first = journal.import_source(&parsed).unwrap();
        assert!(first.new_entries > 0);
        let again = journal.import_source(&read_source(format, &path, paris()).unwrap()).unwrap();
        assert_eq!((again.new_entries, again.already_imported), (0, first.new_entries), "{format:?}");
    }
    assert_eq!(journal.list_entries(&ListFilter::default()).unwrap().len(), 2 + 4 + 5);
    assert_eq!(journal.search("silence", &ListFilter::default(), Default::default()).unwrap().len(), 1);
    assert!(journal.check().unwrap().is_healthy());
}

/// A sparse file of `len` bytes (no disk used) starting with `start`.
fn sparse(path: &Path, start: &[u8], len: u64) {
    let mut file = std::fs::File::create(path).unwrap();
    file.write_all(start).unwrap();
    file.set_len(len).unwrap();
}

/// A message that quotes an excerpt of the input, not the input.
fn assert_short(err: &Error) {
    let message = err.to_string();
    assert!(message.len() < 500, "the message is {} bytes: {message:.300}", message.len());
}

#[test]
fn the_hand_made_zip_bomb_is_a_real_deflate_stream_of_zeros() {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(&zip_bomb::deflated_zeros(10)[..]).read_to_end(&mut out).unwrap();
    assert_eq!(out.len(), 1 + 258 * 10);
    assert!(out.iter().all(|&b| b == 0));
}

#[test]
fn a_zip_bomb_that_declares_a_gigabyte_is_refused_before_a_byte_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    let unpacked = zip_bomb::write_zip_bomb(&path, zip_bomb::GIGABYTE_COPIES, 1_083_600_001);
    assert!(unpacked > 1_000_000_000 && std::fs::metadata(&path).unwrap().len() < 8_000_000);
    let err = dayone::parse(&path).unwrap_err();
    assert!(err.to_string().contains("unpacks to more than 512 MB"), "{err}");
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_unpacked_no_further_than_it_says() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    zip_bomb::write_zip_bomb(&path, zip_bomb::GIGABYTE_COPIES, 1000);
    let err = dayone::parse(&path).unwrap_err();
    assert!(matches!(err, Error::ImportSource { .. }), "{err:?}");
    assert!(err.to_string().contains("Journal.json"), "{err}");
    assert_short(&err);
}

#[test]
fn a_600_mb_day_one_json_is_refused_by_its_length_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Journal.json");
    sparse(&path, b"{\"entries\": [", 600 * 1024 * 1024);
    let err = read_source(ImportFormat::Dayone, &path, paris()).unwrap_err();
    assert!(err.to_string().contains("larger than 512 MB"), "{err}");
}

#[test]
fn a_jrnl_file_or_a_note_of_gigabytes_is_refused_or_skipped_by_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let jrnl_file = dir.path().join("journal.txt");
    sparse(&jrnl_file, b"[2026-01-01 09:00] Title\n", 4 * 1024 * 1024 * 1024);
    let err = read_source(ImportFormat::Jrnl, &jrnl_file, paris()).unwrap_err();
    assert!(err.to_string().contains("larger than 256 MB"), "{err}");

    let vault = dir.path().join("vault");
    std::fs::create_dir(&vault).unwrap();
    sparse(&vault.join("2026-01-02.md"), b"# Huge\n", 4 * 1024 * 1024 * 1024);
    std::fs::write(vault.join("2026-01-01.md"), "# Small\n\nA note.").unwrap();
    let parsed = markdown_folder::parse(&vault, paris()).unwrap();
    assert_eq!(titles_of(&parsed), vec!["Small"]);
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].location, "2026-01-02.md");
    assert!(parsed.skipped[0].reason.contains("larger than 2 MB"), "{:?}", parsed.skipped);
}

#[test]
fn deeply_nested_front_matter_is_refused_before_the_yaml_parser_sees_it_and_names_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 30_000; // within the size limit, far beyond the depth limit
    let cases = [
        ("flow.md", format!("title: {}{}", "[".repeat(depth), "]".repeat(depth)), "nests more than 32 levels"),
        ("maps.md", format!("title: {}", "{a: ".repeat(depth / 4)), "nests more than 32 levels"),
        ("dashes.md", format!("{}x", "- ".repeat(depth)), "nests more than 32 levels"),
        ("huge.md", format!("title: {}", "[".repeat(100_000)), "larger than 64 KB"),
    ];
    for (name, yaml, says) in cases {
        let vault = dir.path().join(name.trim_end_matches(".md"));
        std::fs::create_dir(&vault).unwrap();
        std::fs::write(vault.join(name), format!("---\n{yaml}\n---\nText.")).unwrap();
        let err = markdown_folder::parse(&vault, paris()).unwrap_err();
        assert!(err.to_string().contains(name) && err.to_string().contains(says), "{name}: {err}");
        assert_short(&err);
    }
}

#[test]
fn an_imported_id_or_tag_of_50_mb_is_refused_with_a_short_message_and_nothing_is_imported() {
    let journal = temp_journal();
    let dir = tempfile::tempdir().unwrap();
    // JSON written by hand: serialising 50 MB with serde in a debug build takes seconds.
    let huge = "A".repeat(50 * 1024 * 1024);
    let path = dir.path().join("Journal.json");
    let day_one = |uuid: &str, tag: &str, starred: &str| {
        std::fs::write(
            &path,
            format!(
                r#"{{"entries": [{{"uuid": "{uuid}", "text": "Hello", "creationDate": "2020-01-01T00:00:00Z",
                    "tags": ["{tag}"], "starred": {starred}}}]}}"#
            ),
        )
        .unwrap();
        read_source(ImportFormat::Dayone, &path, paris())
    };
    let uuid = "F4CF0509F3EA47D1B56F95D37F165F5E";
    assert!(day_one(uuid, "ok", "false").is_ok(), "a real uuid and tag are fine");
    // 50 MB in any field: refused by a scan before the parser copies it.
    for (what, refused) in [
        ("uuid", day_one(&huge, "ok", "false").unwrap_err()),
        ("tag", day_one(uuid, &huge, "false").unwrap_err()),
        ("wrong type", day_one(uuid, "ok", &format!("\"{huge}\"")).unwrap_err()),
    ] {
        assert!(refused.to_string().contains("a field of 50 MB"), "{what}: {refused}");
        assert_short(&refused);
    }
    // Shorter, but still no real id or tag: refused by the field's own rule.
    let long = "A".repeat(100_000);
    let by_uuid = day_one(&long, "ok", "false").unwrap_err();
    assert!(by_uuid.to_string().contains("uuid") && by_uuid.to_string().contains("AAAA"), "{by_uuid}");
    assert_short(&by_uuid);
    let by_tag = day_one(uuid, &long, "false").unwrap_err();
    assert!(by_tag.to_string().contains("tag") && by_tag.to_string().contains("AAAA"), "{by_tag}");
    assert_short(&by_tag);
    // serde quotes a value of the wrong type in its message: only the start of it remains.
    let wrong_type = day_one(uuid, "ok", &format!("\"{long}\"")).unwrap_err();
    assert!(wrong_type.to_string().contains("AAAA"), "{wrong_type}");
    assert_short(&wrong_type);

    let jrnl_with = |uuid: &str| {
        format!(r#"{{"entries": [{{"title": "t", "date": "2026-01-01", "time": "09:00", "uuid": "{uuid}"}}]}}"#)
    };
    let by_jrnl_huge = jrnl::parse_json(&jrnl_with(&huge), paris()).unwrap_err();
    assert!(by_jrnl_huge.to_string().contains("a field of 50 MB"), "{by_jrnl_huge}");
    assert_short(&by_jrnl_huge);
    let by_jrnl_uuid = jrnl::parse_json(&jrnl_with(&long), paris()).unwrap_err();
    assert!(by_jrnl_uuid.to_string().contains("uuid"), "{by_jrnl_uuid}");
    assert_short(&by_jrnl_uuid);
    let bad_date = format!(r#"{{"entries": [{{"title": "t", "date": "{long}", "time": "09:00"}}]}}"#);
    assert_short(&jrnl::parse_json(&bad_date, paris()).unwrap_err());

    assert!(journal.list_entries(&ListFilter::default()).unwrap().is_empty(), "nothing reached the journal");
}
