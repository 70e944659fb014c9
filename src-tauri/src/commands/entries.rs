use chrono::Local;
use praxis_core::{Entry, EntryDraft, EntryId, EntrySummary, ListFilter, SearchHit, SearchOrder};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command(async)]
pub fn list_entries(state: State<'_, AppState>, filter: ListFilter) -> CommandResult<Vec<EntrySummary>> {
    Ok(state.journal()?.list_entries(&filter)?)
}

#[tauri::command(async)]
pub fn search_entries(state: State<'_, AppState>, query: String, filter: ListFilter) -> CommandResult<Vec<SearchHit>> {
    Ok(state.journal()?.search(&query, &filter, SearchOrder::Newest)?)
}

#[tauri::command(async)]
pub fn get_entry(state: State<'_, AppState>, id: EntryId) -> CommandResult<Entry> {
    Ok(state.journal()?.get_entry(id)?)
}

#[tauri::command(async)]
pub fn create_entry(state: State<'_, AppState>, draft: EntryDraft) -> CommandResult<Entry> {
    Ok(state.journal()?.create_entry(EntryId::random(), &draft, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
pub fn update_entry(state: State<'_, AppState>, id: EntryId, draft: EntryDraft) -> CommandResult<Entry> {
    Ok(state.journal()?.update_entry(id, &draft, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
pub fn delete_entry(state: State<'_, AppState>, id: EntryId) -> CommandResult<()> {
    Ok(state.journal()?.delete_entry(id, Local::now().fixed_offset())?)
}
