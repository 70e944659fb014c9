//! Import and export from the window. The app, not the page, asks the person
//! for a file or folder through the OS dialog, so no page can name a path for
//! the app to read or write.

use chrono::Local;
use praxis_core::interchange::{export_to_path, ExportFormat, ExportSummary};
use praxis_core::ListFilter;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{CommandError, CommandResult};
use crate::AppState;

fn chosen_path(path: tauri_plugin_dialog::FilePath) -> CommandResult<std::path::PathBuf> {
    path.into_path().map_err(|_| CommandError {
        code: "invalid_input",
        message: "Praxis can only use files and folders on this computer. Choose another place.".into(),
    })
}

/// Exports after asking where to; `None` when the person cancelled.
#[tauri::command(async)]
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
