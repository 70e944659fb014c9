use chrono::Utc;
use praxis_core::{BackupInfo, BackupReason};
use tauri::State;

use super::CommandResult;
use crate::state::JournalStatus;
use crate::AppState;

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    Ok(state.journal()?.list_backups()?)
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CommandResult<BackupInfo> {
    Ok(state.journal()?.backup_now(BackupReason::Manual, Utc::now())?)
}

#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, id: String) -> CommandResult<BackupInfo> {
    state.restore_backup(&id)
}

#[tauri::command(async)]
pub fn journal_status(state: State<'_, AppState>) -> JournalStatus {
    state.status()
}
