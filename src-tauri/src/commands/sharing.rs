//! Sharing from the window: the sharing key, coaches, the share wizard's
//! prepare-then-send, the share log, the "Shared with me" inbox and feedback
//! replies. Files are chosen through the OS dialog by the app, never named by
//! the page; a share can also be handed over as armored text to paste.

use chrono::Local;
use praxis_core::share::seal::{self, OpenWith};
use praxis_core::share::{FeedbackItem, Redaction, Selection, ShareDocument};
use praxis_core::{Coach, Entry, EntryId, FeedbackImport, InboxShare, LoggedShare, ShareTo};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{CommandError, CommandResult};
use crate::AppState;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SharingKey {
    pub public_key: String,
    pub fingerprint: String,
    pub name: String,
}

fn sharing_key_of(state: &AppState) -> CommandResult<SharingKey> {
    let journal = state.journal()?;
    let public_key = journal.sharing_identity()?.public_key();
    Ok(SharingKey { fingerprint: seal::fingerprint(&public_key), public_key, name: journal.sharing_name()? })
}

#[tauri::command(async)]
#[specta::specta]
pub fn sharing_key(state: State<'_, AppState>) -> CommandResult<SharingKey> {
    sharing_key_of(&state)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_sharing_name(state: State<'_, AppState>, name: String) -> CommandResult<SharingKey> {
    state.journal()?.set_sharing_name(&name)?;
    sharing_key_of(&state)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_coaches(state: State<'_, AppState>) -> CommandResult<Vec<Coach>> {
    Ok(state.journal()?.list_coaches()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_coach(
    state: State<'_, AppState>,
    name: String,
    public_key: String,
    replace_key: bool,
) -> CommandResult<Coach> {
    Ok(state.journal()?.add_coach(&name, &public_key, replace_key, Local::now().fixed_offset())?)
}

/// A document ready to send: exactly these bytes leave.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PreparedShare {
    pub token: u64,
    pub document: ShareDocument,
    /// The document as it will be encrypted, byte for byte.
    pub text: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn prepare_share(
    state: State<'_, AppState>,
    selections: Vec<Selection>,
    redactions: Vec<Redaction>,
    note: String,
) -> CommandResult<PreparedShare> {
    let document = state.journal()?.prepare_share(&selections, &redactions, &note, Local::now().fixed_offset())?;
    let text = String::from_utf8(document.to_bytes()).unwrap_or_default();
    let token = state.hold_share(document.clone());
    Ok(PreparedShare { token, document, text })
}

#[tauri::command(async)]
#[specta::specta]
pub fn generate_share_passphrase() -> CommandResult<String> {
    Ok(seal::expose(&seal::generate_passphrase()?).to_owned())
}

/// Who a share is for: a coach by name, or a passphrase.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct Recipient {
    pub coach: Option<String>,
    pub passphrase: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SentShare {
    /// The file's name, when it was saved to a file.
    pub file: Option<String>,
    /// The armored text, when it is to be pasted into an email.
    pub armored_text: Option<String>,
    pub sha256: String,
}

/// Seals the prepared share and either saves it through the save dialog
/// (`None` if the person cancelled: nothing is logged) or returns it as
/// armored text.
#[tauri::command(async)]
#[specta::specta]
pub fn send_share(
    app: AppHandle,
    state: State<'_, AppState>,
    token: u64,
    recipient: Recipient,
    armor: bool,
    as_text: bool,
) -> CommandResult<Option<SentShare>> {
    let journal = state.journal()?;
    let document = state.prepared_share(token).ok_or_else(|| CommandError {
        code: "conflict",
        message: "This preview is out of date. Preview the share again.".into(),
    })?;
    let to = match (recipient.coach, recipient.passphrase) {
        (Some(coach), _) => ShareTo::Coach(coach),
        (None, Some(passphrase)) => ShareTo::Passphrase(SecretString::from(passphrase)),
        (None, None) => {
            return Err(CommandError { code: "invalid_input", message: "Choose a coach or a passphrase.".into() })
        }
    };
    let now = Local::now().fixed_offset();
    let armor = armor || as_text;
    let path = if as_text {
        None
    } else {
        let name = format!("praxis-share-{}.age", now.format("%Y-%m-%d"));
        match super::interchange::ask_save_path(&app, "Save the share", &name, None)? {
            Some(path) => Some(path),
            None => return Ok(None),
        }
    };
    let sealed = journal.seal_share(&document, &to, armor, now)?;
    state.forget_share(token);
    if let Some(path) = &path {
        write_file(path, &sealed.bytes)?;
    }
    Ok(Some(SentShare {
        file: path.and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())),
        armored_text: as_text.then(|| String::from_utf8_lossy(&sealed.bytes).into_owned()),
        sha256: sealed.sha256,
    }))
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> CommandResult<()> {
    Ok(praxis_core::interchange::export::write_bytes_atomically(path, bytes)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn share_log(state: State<'_, AppState>, query: Option<String>) -> CommandResult<Vec<LoggedShare>> {
    Ok(state.journal()?.share_log(query.as_deref())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn inbox(state: State<'_, AppState>, query: Option<String>) -> CommandResult<Vec<InboxShare>> {
    Ok(state.journal()?.inbox(query.as_deref())?)
}

fn receive(state: &AppState, bytes: &[u8], passphrase: Option<String>) -> CommandResult<InboxShare> {
    let journal = state.journal()?;
    let now = Local::now().fixed_offset();
    let opened = match passphrase {
        Some(p) => journal.receive_share(bytes, &OpenWith::Passphrase(SecretString::from(p)), now)?,
        None => {
            let identity = journal.sharing_identity()?;
            journal.receive_share(bytes, &OpenWith::Identity(&identity), now)?
        }
    };
    Ok(opened)
}

/// Opens a share file chosen in the open dialog (`None`: cancelled). A file
/// that needs a passphrase is kept in memory for [`open_pending_share`].
#[tauri::command(async)]
#[specta::specta]
pub fn open_share_file(app: AppHandle, state: State<'_, AppState>) -> CommandResult<Option<InboxShare>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Open a share")
        .add_filter("Shares", &["age", "praxis-share", "txt"])
        .blocking_pick_file();
    let Some(path) = chosen else { return Ok(None) };
    let path = super::interchange::chosen_path(path)?;
    // Refused by its length before it is read: a file of gigabytes costs nothing.
    let bytes = seal::read_file(&path)?;
    state.hold_share_file(bytes.clone());
    receive(&state, &bytes, None).map(Some)
}

/// Opens pasted armored text, or the file held after "needs a passphrase".
#[tauri::command(async)]
#[specta::specta]
pub fn open_share_text(
    state: State<'_, AppState>,
    text: String,
    passphrase: Option<String>,
) -> CommandResult<InboxShare> {
    receive(&state, &seal::from_pasted_text(&text), passphrase)
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_pending_share(state: State<'_, AppState>, passphrase: String) -> CommandResult<InboxShare> {
    let bytes = state
        .held_share_file()
        .ok_or_else(|| CommandError { code: "not_found", message: "Choose the share file again.".into() })?;
    receive(&state, &bytes, Some(passphrase))
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Reply {
    pub file: Option<String>,
    pub armored_text: Option<String>,
}

/// Writes a feedback reply to a share in the inbox, saved through the save
/// dialog or returned as armored text.
#[tauri::command(async)]
#[specta::specta]
pub fn feedback_reply(
    app: AppHandle,
    state: State<'_, AppState>,
    share_id: String,
    comments: Vec<FeedbackItem>,
    note: String,
    as_text: bool,
) -> CommandResult<Option<Reply>> {
    let journal = state.journal()?;
    let now = Local::now().fixed_offset();
    let bytes = journal.feedback_reply(&share_id, &comments, &note, as_text, now)?;
    if as_text {
        return Ok(Some(Reply { file: None, armored_text: Some(String::from_utf8_lossy(&bytes).into_owned()) }));
    }
    let name = format!("praxis-feedback-{}.age", now.format("%Y-%m-%d"));
    let Some(path) = super::interchange::ask_save_path(&app, "Save your feedback", &name, None)? else {
        return Ok(None);
    };
    write_file(&path, &bytes)?;
    Ok(Some(Reply { file: path.file_name().map(|n| n.to_string_lossy().into_owned()), armored_text: None }))
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_feedback_file(app: AppHandle, state: State<'_, AppState>) -> CommandResult<Option<FeedbackImport>> {
    let Some(path) = app.dialog().file().set_title("Import your coach's feedback").blocking_pick_file() else {
        return Ok(None);
    };
    let path = super::interchange::chosen_path(path)?;
    let bytes = seal::read_file(&path)?;
    Ok(Some(state.journal()?.import_feedback(&bytes, Local::now().fixed_offset())?))
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_feedback_text(state: State<'_, AppState>, text: String) -> CommandResult<FeedbackImport> {
    Ok(state.journal()?.import_feedback(&seal::from_pasted_text(&text), Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn feedback_on(state: State<'_, AppState>, id: EntryId) -> CommandResult<Vec<Entry>> {
    Ok(state.journal()?.feedback_on(id)?)
}
