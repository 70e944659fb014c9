use chrono::Local;
use praxis_core::{
    DayCount, Entry, EntryDraft, EntryId, EntrySummary, ListFilter, ProjectId, Revision, RevisionSummary, SearchHit,
    SearchOrder, TagCount,
};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn list_entries(state: State<'_, AppState>, filter: ListFilter) -> CommandResult<Vec<EntrySummary>> {
    Ok(state.journal()?.list_entries(&filter)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn search_entries(state: State<'_, AppState>, query: String, filter: ListFilter) -> CommandResult<Vec<SearchHit>> {
    Ok(state.journal()?.search(&query, &filter, SearchOrder::Newest)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_entry(state: State<'_, AppState>, id: EntryId) -> CommandResult<Entry> {
    Ok(state.journal()?.get_entry(id)?)
}

#[tauri::command(async)]
#[specta::specta]
/// Creates the entry, in `project` when one is given (one transaction).
pub fn create_entry(state: State<'_, AppState>, draft: EntryDraft, project: Option<ProjectId>) -> CommandResult<Entry> {
    Ok(state.journal()?.create_entry_in(EntryId::random(), &draft, project, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_entry(state: State<'_, AppState>, id: EntryId, draft: EntryDraft) -> CommandResult<Entry> {
    Ok(state.journal()?.update_entry(id, &draft, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_entry(state: State<'_, AppState>, id: EntryId) -> CommandResult<()> {
    Ok(state.journal()?.delete_entry(id, Local::now().fixed_offset())?)
}

/// Saves while the person types: `session` is `None` for an editing
/// session's first save, then the revision the previous save returned.
#[tauri::command(async)]
#[specta::specta]
pub fn autosave_entry(
    state: State<'_, AppState>,
    id: EntryId,
    draft: EntryDraft,
    session: Option<i64>,
) -> CommandResult<Entry> {
    Ok(state.journal()?.autosave_entry(id, &draft, session, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn timeline_days(state: State<'_, AppState>, filter: ListFilter) -> CommandResult<Vec<DayCount>> {
    Ok(state.journal()?.timeline_days(&filter)?)
}

/// Tags in use, most used first, with how many entries carry each.
#[tauri::command(async)]
#[specta::specta]
pub fn list_tags(state: State<'_, AppState>) -> CommandResult<Vec<TagCount>> {
    Ok(state.journal()?.list_tags()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_trash(state: State<'_, AppState>) -> CommandResult<Vec<EntrySummary>> {
    Ok(state.journal()?.list_trash()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn restore_entry(state: State<'_, AppState>, id: EntryId) -> CommandResult<Entry> {
    Ok(state.journal()?.restore_entry(id)?)
}

/// Deletes every entry in the trash for good; returns how many.
#[tauri::command(async)]
#[specta::specta]
pub fn empty_trash(state: State<'_, AppState>) -> CommandResult<usize> {
    Ok(state.journal()?.empty_trash()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn entry_history(state: State<'_, AppState>, id: EntryId) -> CommandResult<Vec<RevisionSummary>> {
    Ok(state.journal()?.history(id)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_revision(state: State<'_, AppState>, id: EntryId, revision: i64) -> CommandResult<Revision> {
    Ok(state.journal()?.get_revision(id, revision)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn revert_entry(state: State<'_, AppState>, id: EntryId, revision: i64) -> CommandResult<Entry> {
    Ok(state.journal()?.revert_entry(id, revision, Local::now().fixed_offset())?)
}
