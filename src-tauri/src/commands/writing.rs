//! The writing room's settings: templates, the window's preferences, and
//! the data folder shown in the file manager.

use chrono::Local;
use praxis_core::{Kind, Preferences, Template};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use super::{CommandError, CommandResult};
use crate::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn list_templates(state: State<'_, AppState>) -> CommandResult<Vec<Template>> {
    Ok(state.journal()?.templates()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_template(state: State<'_, AppState>, kind: Kind, body: String) -> CommandResult<Template> {
    Ok(state.journal()?.set_template(kind, &body, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn reset_template(state: State<'_, AppState>, kind: Kind) -> CommandResult<Template> {
    Ok(state.journal()?.reset_template(kind)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_preferences(state: State<'_, AppState>) -> CommandResult<Preferences> {
    Ok(state.journal()?.preferences()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_preferences(state: State<'_, AppState>, preferences: Preferences) -> CommandResult<Preferences> {
    Ok(state.journal()?.set_preferences(&preferences)?)
}

/// Shows the data folder in the system's file manager. The page cannot
/// name a path: the folder is the app's own.
#[tauri::command(async)]
#[specta::specta]
pub fn reveal_data_folder(app: AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    let Some(database) = state.database_path() else {
        return Err(CommandError { code: "no_data_dir", message: "Praxis has no data folder yet.".into() });
    };
    app.opener().reveal_item_in_dir(&database).map_err(|e| CommandError {
        code: "io",
        message: format!("The file manager could not be opened ({e}). The folder is {}.", database.display()),
    })
}
