//! The whole journal as one Praxis export, from the window: written plain
//! (everything but the secrets) or encrypted to a passphrase (everything,
//! the sharing key and app lock included, for moving to a new computer),
//! and read back. The app asks for the file through the OS dialog, so no
//! page names a path; an encrypted file waits here, by token, for its
//! passphrase. A passphrase arrives as a string and becomes a
//! `SecretString` at once; it is never logged or kept.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use praxis_core::interchange::export::write_atomically;
use praxis_core::interchange::jsonl::{ExportReport, ExportTo, ImportReport};
use praxis_core::interchange::ExportFormat;
use praxis_core::share::seal::OpenWith;
use praxis_core::Journal;
use secrecy::SecretString;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::interchange::{ask_save_path, chosen_path};
use super::{CommandError, CommandResult};
use crate::AppState;

/// The extension of an encrypted full export. Praxis recognises the file by
/// its first bytes, not by its name; the name says what it is to a person.
const ENCRYPTED_EXTENSION: &str = "praxis-export";

/// The name offered for an encrypted full export made on `today`.
fn encrypted_name(today: NaiveDate) -> String {
    format!("Praxis full export {today}.{ENCRYPTED_EXTENSION}")
}

/// An age file, binary or armored: what `export_encrypted` writes.
fn is_encrypted(start: &[u8]) -> bool {
    start.starts_with(b"age-encryption.org/") || start.trim_ascii_start().starts_with(b"-----BEGIN AGE")
}

/// The core's words for a share, said of an export instead.
fn about_the_export(err: praxis_core::Error) -> CommandError {
    match err {
        praxis_core::Error::ShareWrongPassphrase => CommandError {
            code: "share_wrong_passphrase",
            message: "That passphrase does not open this export. Nothing was imported. Type the passphrase chosen \
                      when the export was made."
                .into(),
        },
        praxis_core::Error::ShareNotForYou => CommandError {
            code: "share_not_for_you",
            message: "This export was encrypted for a key, not with a passphrase, so the window cannot open it. \
                      Import it with the praxis command and the key it was made for (--identity-file)."
                .into(),
        },
        other => other.into(),
    }
}

/// Writes the whole journal to `path`: encrypted with everything when `to`
/// is given, else plain without the secrets. Nothing is left at `path` if
/// it fails.
fn export_file(journal: &Journal, path: &Path, to: Option<&ExportTo>) -> CommandResult<ExportReport> {
    Ok(write_atomically(path, |out| match to {
        Some(to) => journal.export_encrypted(to, out),
        None => journal.export_jsonl(out),
    })?)
}

/// Imports the export at `path`, all of it or nothing. `None` when the file
/// is encrypted and no passphrase was given: nothing was read past its
/// first bytes.
fn import_file(
    journal: &Journal,
    path: &Path,
    passphrase: Option<SecretString>,
) -> CommandResult<Option<ImportReport>> {
    let could_not_read = |cause| CommandError::from(praxis_core::Error::Io { path: path.to_owned(), cause });
    let mut reader = BufReader::new(File::open(path).map_err(could_not_read)?);
    let encrypted = is_encrypted(reader.fill_buf().map_err(could_not_read)?);
    match (encrypted, passphrase) {
        (false, _) => Ok(Some(journal.import_jsonl(&mut reader)?)),
        (true, None) => Ok(None),
        (true, Some(passphrase)) => {
            journal.import_encrypted(&mut reader, &OpenWith::Passphrase(passphrase)).map(Some).map_err(about_the_export)
        }
    }
}

/// Writes the whole journal after asking where to; `None` when the person
/// cancelled. With a passphrase: the encrypted full export, everything
/// included (refused if the passphrase is too short). Without: the plain
/// Praxis file, without the sharing key and the app lock.
#[tauri::command(async)]
#[specta::specta]
pub fn export_praxis(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> CommandResult<Option<ExportReport>> {
    let to = passphrase.map(|p| ExportTo::Passphrase(SecretString::from(p)));
    if let Some(ExportTo::Passphrase(passphrase)) = &to {
        praxis_core::keys::check_new_passphrase(passphrase)?;
    }
    let journal = state.journal()?;
    let today = Local::now().date_naive();
    let chosen = match to {
        Some(_) => ask_save_path(
            &app,
            "Save the export for your other computer",
            &encrypted_name(today),
            Some(("Praxis full export", &[ENCRYPTED_EXTENSION])),
        )?,
        None => ask_save_path(&app, "Export your journal", &ExportFormat::Jsonl.default_name(today), None)?,
    };
    match chosen {
        Some(path) => export_file(&journal, &path, to.as_ref()).map(Some),
        None => Ok(None),
    }
}

/// What choosing a Praxis export did.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PraxisImport {
    /// A plain export, imported.
    Imported { source_name: String, report: ImportReport },
    /// An encrypted export, waiting under `token` for [`import_praxis_with_passphrase`].
    NeedsPassphrase { token: u64, source_name: String },
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Asks for a Praxis export and imports it, all or nothing; an encrypted
/// one waits for its passphrase. `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn choose_praxis_import(app: AppHandle, state: State<'_, AppState>) -> CommandResult<Option<PraxisImport>> {
    let journal = state.journal()?;
    let chosen = app
        .dialog()
        .file()
        .set_title("Choose the Praxis export")
        .add_filter("Praxis export", &["jsonl", ENCRYPTED_EXTENSION, "age"])
        .blocking_pick_file();
    let Some(path) = chosen.map(chosen_path).transpose()? else {
        return Ok(None);
    };
    let source_name = file_name(&path);
    match import_file(&journal, &path, None)? {
        Some(report) => Ok(Some(PraxisImport::Imported { source_name, report })),
        None => Ok(Some(PraxisImport::NeedsPassphrase { token: state.hold_praxis_import(path), source_name })),
    }
}

/// Imports the encrypted export waiting under `token`. After a wrong
/// passphrase it keeps waiting, so the person can type it again.
#[tauri::command(async)]
#[specta::specta]
pub fn import_praxis_with_passphrase(
    state: State<'_, AppState>,
    token: u64,
    passphrase: String,
) -> CommandResult<ImportReport> {
    let passphrase = SecretString::from(passphrase);
    let path: PathBuf = state.praxis_import(token).ok_or_else(|| CommandError {
        code: "not_found",
        message: "That export is no longer waiting. Choose the file again.".into(),
    })?;
    let journal = state.journal()?;
    let result = import_file(&journal, &path, Some(passphrase));
    if !matches!(&result, Err(e) if e.code == "share_wrong_passphrase") {
        state.forget_praxis_import(token);
    }
    result?.ok_or_else(|| CommandError {
        code: "import_invalid",
        message: "The file is no longer encrypted: it changed since it was chosen. Choose it again.".into(),
    })
}

/// Forgets the encrypted export waiting under `token`; nothing is imported.
#[tauri::command(async)]
#[specta::specta]
pub fn cancel_praxis_import(state: State<'_, AppState>, token: u64) {
    state.forget_praxis_import(token);
}

#[cfg(test)]
mod tests {
    use super::*;
    use praxis_core::keys::DatabaseKey;
    use praxis_core::model::{EntryDraft, EntryId, Kind, ProjectDraft, ProjectId};

    fn journal(dir: &Path) -> Journal {
        Journal::open_in(dir, &DatabaseKey::generate().unwrap()).unwrap()
    }

    fn write(journal: &Journal, title: &str) {
        let draft = EntryDraft {
            kind: Kind::Reflection,
            title: title.into(),
            body: format!("{title}: what happened and what I learned."),
            tags: vec!["delegation".into()],
            occurred_on: None,
            starred: false,
        };
        journal.create_entry(EntryId::random(), &draft, Local::now().fixed_offset()).unwrap();
    }

    fn passphrase(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    #[test]
    fn an_encrypted_export_is_recognised_by_its_first_bytes_whatever_its_name() {
        assert!(is_encrypted(b"age-encryption.org/v1\n-> scrypt"), "a binary age file");
        assert!(is_encrypted(b"\n  -----BEGIN AGE ENCRYPTED FILE-----\n"), "armored, after white space");
        assert!(!is_encrypted(b"{\"format\":\"praxis-jsonl\",\"version\":2}\n"), "the plain export is not encrypted");
        assert!(!is_encrypted(b""), "an empty file is not encrypted (the import says what is wrong with it)");
    }

    #[test]
    fn the_encrypted_export_is_offered_under_a_dated_name_that_says_what_it_is() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 10).unwrap();
        assert_eq!(encrypted_name(day), "Praxis full export 2026-05-10.praxis-export");
    }

    #[test]
    fn an_encrypted_export_waits_for_its_passphrase_then_brings_everything_into_another_journal() {
        let from_dir = tempfile::tempdir().unwrap();
        let from = journal(from_dir.path());
        write(&from, "The handover meeting");
        write(&from, "Saying no to the board");
        let file = from_dir.path().join(encrypted_name(NaiveDate::from_ymd_opt(2026, 5, 10).unwrap()));
        let exported =
            export_file(&from, &file, Some(&ExportTo::Passphrase(passphrase("river walk at dawn")))).unwrap();
        assert_eq!(exported.entries, 2, "both entries are in the export");
        let bytes = std::fs::read(&file).unwrap();
        assert!(is_encrypted(&bytes), "the file on disk is encrypted");
        assert!(!String::from_utf8_lossy(&bytes).contains("handover"), "no entry's words are readable in the file");

        let to_dir = tempfile::tempdir().unwrap();
        let to = journal(to_dir.path());
        assert!(import_file(&to, &file, None).unwrap().is_none(), "without a passphrase the file only asks for one");
        assert_eq!(to.export_jsonl(&mut Vec::new()).unwrap().entries, 0, "asking for the passphrase imported nothing");

        let wrong = import_file(&to, &file, Some(passphrase("river walk at dusk"))).unwrap_err();
        assert_eq!(wrong.code, "share_wrong_passphrase", "the page keeps asking on this code");
        assert!(wrong.message.contains("export") && !wrong.message.contains("share"), "{}", wrong.message);

        let report = import_file(&to, &file, Some(passphrase("river walk at dawn"))).unwrap().unwrap();
        assert_eq!(report.imported, 2, "both entries arrive");
        assert_eq!(report.already_present, 0);
        assert_eq!(
            report.records_imported + report.imported,
            exported.records,
            "every exported record arrives (the secrets included)"
        );
        let again = import_file(&to, &file, Some(passphrase("river walk at dawn"))).unwrap().unwrap();
        assert_eq!((again.imported, again.already_present), (0, 2), "a second import adds nothing");
    }

    #[test]
    fn a_plain_export_is_imported_at_once_and_counts_its_other_records() {
        let from_dir = tempfile::tempdir().unwrap();
        let from = journal(from_dir.path());
        write(&from, "First week as director");
        let project = ProjectDraft {
            name: "Turning the team around".into(),
            challenge: "Win back the trust of the night shift.".into(),
            starts_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            status: Default::default(),
        };
        from.create_project(ProjectId::random(), &project, Local::now().fixed_offset()).unwrap();
        let file = from_dir.path().join("praxis-journal.jsonl");
        let exported = export_file(&from, &file, None).unwrap();
        assert_eq!((exported.entries, exported.records), (1, 2), "the entry and the project: {exported:?}");

        let to_dir = tempfile::tempdir().unwrap();
        let to = journal(to_dir.path());
        let report = import_file(&to, &file, None).unwrap().expect("a plain file needs no passphrase");
        assert_eq!((report.imported, report.records_imported), (1, 1), "the entry and the project arrive");
    }

    #[test]
    fn a_file_that_is_not_an_export_is_refused_with_its_line_and_nothing_is_imported() {
        let dir = tempfile::tempdir().unwrap();
        let to = journal(dir.path());
        let file = dir.path().join("notes.jsonl");
        std::fs::write(&file, "Dear diary,\nToday I delegated.\n").unwrap();
        let err = import_file(&to, &file, None).unwrap_err();
        assert_eq!(err.code, "import_invalid", "{}", err.message);
        assert!(err.message.contains("Line 1"), "the message names the line: {}", err.message);
        assert_eq!(to.export_jsonl(&mut Vec::new()).unwrap().entries, 0, "nothing was imported");
    }

    #[test]
    fn a_failed_export_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let from = journal(dir.path());
        let file = dir.path().join("missing folder").join("export.praxis-export");
        assert!(export_file(&from, &file, Some(&ExportTo::Passphrase(passphrase("river walk at dawn")))).is_err());
        assert!(!file.exists());
    }
}
