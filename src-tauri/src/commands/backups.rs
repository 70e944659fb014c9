use chrono::Utc;
use praxis_core::{BackupInfo, BackupReason};
use tauri::State;

use super::CommandResult;
use crate::state::JournalStatus;
use crate::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    Ok(state.journal()?.list_backups()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn backup_now(state: State<'_, AppState>) -> CommandResult<BackupInfo> {
    Ok(state.journal()?.backup_now(BackupReason::Manual, Utc::now())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn restore_backup(state: State<'_, AppState>, id: String) -> CommandResult<BackupInfo> {
    state.restore_backup(&id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn journal_status(state: State<'_, AppState>) -> JournalStatus {
    state.status()
}

/// The window has shown its first page: the health check and the daily
/// backup, which read the whole file, may start. With PRAXIS_STARTUP_REPORT
/// set, says when on standard error (for `make bench-window`).
#[tauri::command(async)]
#[specta::specta]
pub fn window_ready(state: State<'_, AppState>) {
    if std::env::var_os("PRAXIS_STARTUP_REPORT").is_some() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        eprintln!("praxis: first page shown at {} ms", now.as_millis());
    }
    state.window_shown();
}
