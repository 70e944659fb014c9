use chrono::Utc;
use praxis_core::{BackupInfo, BackupReason};
use tauri::State;

use super::CommandResult;
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
    Ok(state.journal()?.restore_backup(&id, Utc::now())?)
}
