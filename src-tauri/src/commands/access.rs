//! Who may see the journal: unlocking it with a passphrase or the recovery
//! key, the one-time recovery key notice, and the app lock.

use praxis_core::protection::Unlock;
use secrecy::SecretString;
use tauri::State;

use super::CommandResult;
use crate::state::AccessStatus;
use crate::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn access_status(state: State<'_, AppState>) -> AccessStatus {
    state.access()
}

/// Opens the journal with a passphrase (for a new journal: the one chosen).
#[tauri::command(async)]
#[specta::specta]
pub fn unlock_with_passphrase(state: State<'_, AppState>, passphrase: String) -> CommandResult<AccessStatus> {
    state.unlock(Unlock::Passphrase(SecretString::from(passphrase)))?;
    Ok(state.access())
}

#[tauri::command(async)]
#[specta::specta]
pub fn unlock_with_recovery_key(state: State<'_, AppState>, recovery_key: String) -> CommandResult<AccessStatus> {
    state.unlock(Unlock::RecoveryKey(SecretString::from(recovery_key)))?;
    Ok(state.access())
}

#[tauri::command(async)]
#[specta::specta]
pub fn confirm_recovery_key(state: State<'_, AppState>) -> CommandResult<()> {
    state.confirm_recovery_key()
}

#[tauri::command(async)]
#[specta::specta]
pub fn lock_app(state: State<'_, AppState>) -> CommandResult<()> {
    state.lock()
}

#[tauri::command(async)]
#[specta::specta]
pub fn unlock_app(state: State<'_, AppState>, passphrase: String) -> CommandResult<AccessStatus> {
    state.unlock_app(&SecretString::from(passphrase))?;
    Ok(state.access())
}

/// Turns the app lock on or off, or changes its idle minutes (`passphrase`
/// may be left out to keep the current one).
#[tauri::command(async)]
#[specta::specta]
pub fn set_app_lock(
    state: State<'_, AppState>,
    enabled: bool,
    passphrase: Option<String>,
    idle_minutes: u32,
) -> CommandResult<AccessStatus> {
    state.set_app_lock(passphrase.map(SecretString::from), idle_minutes, enabled)?;
    Ok(state.access())
}
