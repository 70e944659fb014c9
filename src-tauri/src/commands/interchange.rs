//! Import and export from the window. The app, not the page, asks the person
//! for a file or folder through the OS dialog, so no page can name a path for
//! the app to read or write.

use chrono::Local;
use praxis_core::interchange::source::UndatedNotes;
use praxis_core::interchange::{export_to_path, read_source, ExportFormat, ExportSummary, ImportFormat};
use praxis_core::store::ImportPreview;
use praxis_core::ListFilter;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{CommandError, CommandResult};
use crate::AppState;

pub(crate) fn chosen_path(path: tauri_plugin_dialog::FilePath) -> CommandResult<std::path::PathBuf> {
    path.into_path().map_err(|_| CommandError {
        code: "unsupported",
        message: "Praxis can only use files and folders on this computer. Choose another place.".into(),
    })
}

/// Asks where to save a file called `name` by default; `None` when the
/// person cancelled.
pub(crate) fn ask_save_path(
    app: &AppHandle,
    title: &str,
    name: &str,
    filter: Option<(&str, &[&str])>,
) -> CommandResult<Option<std::path::PathBuf>> {
    let mut dialog = app.dialog().file().set_title(title).set_file_name(name);
    if let Some((label, extensions)) = filter {
        dialog = dialog.add_filter(label, extensions);
    }
    dialog.blocking_save_file().map(chosen_path).transpose()
}

/// Exports after asking where to; `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn export_journal(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
    filter: ListFilter,
) -> CommandResult<Option<ExportSummary>> {
    let journal = state.journal()?;
    let name = format.default_name(Local::now().date_naive());
    let dialog = app.dialog().file();
    let chosen = match format {
        ExportFormat::MarkdownFolder => dialog
            .set_title("Choose where to put the export folder")
            .blocking_pick_folder()
            .map(chosen_path)
            .transpose()?
            .map(|parent| parent.join(&name)),
        _ => dialog
            .set_title("Export your journal")
            .set_file_name(&name)
            .blocking_save_file()
            .map(chosen_path)
            .transpose()?,
    };
    match chosen {
        Some(path) => Ok(Some(export_to_path(&journal, format, &filter, &path)?)),
        None => Ok(None),
    }
}

/// A source read and checked, waiting for the person to confirm.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PendingImport {
    pub token: u64,
    /// The file or folder's name, to show what is being imported.
    pub source_name: String,
    pub preview: ImportPreview,
}

/// Asks for the source, reads and checks all of it, and returns what an
/// import would do; nothing is written. `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn choose_import(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ImportFormat,
) -> CommandResult<Option<PendingImport>> {
    let journal = state.journal()?;
    let dialog = app.dialog().file().set_title("Choose what to import");
    let chosen = match format {
        ImportFormat::Markdown => dialog.blocking_pick_folder(),
        ImportFormat::Dayone => dialog.add_filter("Day One export", &["zip", "json"]).blocking_pick_file(),
        ImportFormat::Jrnl => dialog.blocking_pick_file(),
    };
    let Some(path) = chosen.map(chosen_path).transpose()? else {
        return Ok(None);
    };
    let offset = *Local::now().offset();
    let parsed = read_source(format, &path, offset)?;
    let preview = journal.preview_import(&parsed)?;
    let token = state.hold_import(parsed);
    let source_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(PendingImport { token, source_name, preview }))
}

/// Imports the source `choose_import` read, all of it or nothing. Notes the
/// source gave no date are dated by their file's modification time or
/// skipped, as the person chose (`undated`; dated when absent).
#[tauri::command(async)]
#[specta::specta]
pub fn confirm_import(
    state: State<'_, AppState>,
    token: u64,
    undated: Option<UndatedNotes>,
) -> CommandResult<ImportPreview> {
    let parsed = state.take_import(token).ok_or_else(|| CommandError {
        code: "not_found",
        message: "That import is no longer waiting. Choose the file again.".into(),
    })?;
    Ok(state.journal()?.import_source(&parsed.with_undated(undated.unwrap_or_default()))?)
}

/// Forgets the source `choose_import` read.
#[tauri::command(async)]
#[specta::specta]
pub fn cancel_import(state: State<'_, AppState>, token: u64) {
    state.take_import(token);
}
