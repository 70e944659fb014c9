//! Action learning: experiments and their outcomes, peer sessions and
//! commitments, the day's view. Glue only, as every command.

use chrono::{Local, NaiveDate};
use praxis_core::{
    Commitment, CommitmentId, CommitmentStatus, EntryId, Expectation, Experiment, ExperimentPlan, ExperimentStatus,
    ExperimentSummary, Outcome, OutcomeDraft, PeerSession, PrepSheet, Project, ProjectDraft, ProjectId,
    ProjectOverview, SessionDraft, SessionId, SessionNotes, Today, WeekReview,
};
use serde::Serialize;
use tauri::{AppHandle, State};

use super::CommandResult;
use crate::AppState;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_projects(state: State<'_, AppState>) -> CommandResult<Vec<Project>> {
    Ok(state.journal()?.list_projects()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_project(state: State<'_, AppState>, draft: ProjectDraft) -> CommandResult<Project> {
    Ok(state.journal()?.create_project(ProjectId::random(), &draft, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_project(state: State<'_, AppState>, id: ProjectId, draft: ProjectDraft) -> CommandResult<Project> {
    Ok(state.journal()?.update_project(id, &draft, Local::now().fixed_offset())?)
}

/// Deletes the project; its entries stay, without a project. Answers how
/// many entries it held.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_project(state: State<'_, AppState>, id: ProjectId) -> CommandResult<usize> {
    Ok(state.journal()?.delete_project(id)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn project_overview(state: State<'_, AppState>, id: ProjectId) -> CommandResult<ProjectOverview> {
    Ok(state.journal()?.project_overview(id, today())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_entry_project(state: State<'_, AppState>, id: EntryId, project: Option<ProjectId>) -> CommandResult<()> {
    Ok(state.journal()?.set_entry_project(id, project)?)
}

/// One experiment in a chain, `depth` steps from the one it started at.
#[derive(Debug, Serialize, specta::Type)]
pub struct ChainLink {
    pub depth: usize,
    pub experiment: ExperimentSummary,
}

#[tauri::command(async)]
#[specta::specta]
pub fn experiment_chain(state: State<'_, AppState>, id: EntryId) -> CommandResult<Vec<ChainLink>> {
    let chain = state.journal()?.experiment_chain(id, today())?;
    Ok(chain.into_iter().map(|(depth, experiment)| ChainLink { depth, experiment }).collect())
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_experiments(
    state: State<'_, AppState>,
    status: Option<ExperimentStatus>,
) -> CommandResult<Vec<ExperimentSummary>> {
    Ok(state.journal()?.list_experiments(status, today())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_experiment(state: State<'_, AppState>, id: EntryId) -> CommandResult<Experiment> {
    Ok(state.journal()?.get_experiment(id)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn plan_experiment(state: State<'_, AppState>, plan: ExperimentPlan, notes: String) -> CommandResult<Experiment> {
    Ok(state.journal()?.plan_experiment(EntryId::random(), &plan, &notes, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_expectation(
    state: State<'_, AppState>,
    id: EntryId,
    expectation: Expectation,
    start: NaiveDate,
    review: NaiveDate,
) -> CommandResult<Experiment> {
    Ok(state.journal()?.update_expectation(id, &expectation, start, review)?)
}

/// `on`: the day it happened, when written down later (today when absent).
#[tauri::command(async)]
#[specta::specta]
pub fn move_experiment(
    state: State<'_, AppState>,
    id: EntryId,
    to: ExperimentStatus,
    on: Option<NaiveDate>,
) -> CommandResult<Experiment> {
    Ok(state.journal()?.move_experiment_on(id, to, on, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn record_outcome(state: State<'_, AppState>, experiment: EntryId, draft: OutcomeDraft) -> CommandResult<Outcome> {
    Ok(state.journal()?.record_outcome(EntryId::random(), experiment, &draft, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn conclude_experiment(
    state: State<'_, AppState>,
    id: EntryId,
    learning: String,
    next: String,
    on: Option<NaiveDate>,
) -> CommandResult<Experiment> {
    Ok(state.journal()?.conclude_experiment_on(id, &learning, &next, on, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_sessions(state: State<'_, AppState>) -> CommandResult<Vec<PeerSession>> {
    Ok(state.journal()?.list_sessions()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_session(state: State<'_, AppState>, draft: SessionDraft) -> CommandResult<PeerSession> {
    Ok(state.journal()?.create_session(SessionId::random(), &draft, Local::now().fixed_offset())?)
}

/// A prep sheet and its "update since last time" as Markdown, for the
/// editable sheet.
#[derive(Debug, Serialize, specta::Type)]
pub struct PrepSheetView {
    pub sheet: PrepSheet,
    pub update: String,
    pub markdown: String,
    /// The sheet as last saved (the session's prep entry), if it was.
    pub saved: Option<String>,
}

#[tauri::command(async)]
#[specta::specta]
pub fn prep_sheet(state: State<'_, AppState>, id: SessionId) -> CommandResult<PrepSheetView> {
    let journal = state.journal()?;
    let sheet = journal.prep_sheet(id, today())?;
    let saved = match journal.get_session(id)?.prep_entry {
        Some(entry) => Some(journal.get_entry(entry)?).filter(|e| e.deleted_at.is_none()).map(|e| e.body),
        None => None,
    };
    Ok(PrepSheetView { update: sheet.update_markdown(today()), markdown: sheet.markdown(today()), sheet, saved })
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_prep(
    state: State<'_, AppState>,
    id: SessionId,
    issue: String,
    question: String,
    body: String,
) -> CommandResult<PeerSession> {
    Ok(state.journal()?.save_prep(id, &issue, &question, &body, Local::now().fixed_offset())?)
}

/// Saves a prep sheet (as shown, edits and all) as a Markdown file where
/// the person chooses; `None` when they cancelled. Answers the file's name.
#[tauri::command(async)]
#[specta::specta]
pub fn export_prep(
    app: AppHandle,
    state: State<'_, AppState>,
    id: SessionId,
    markdown: String,
) -> CommandResult<Option<String>> {
    let session = state.journal()?.get_session(id)?;
    let name = format!("praxis-prep-{}.md", session.held_on);
    let chosen = super::interchange::ask_save_path(&app, "Save the prep sheet", &name, Some(("Markdown", &["md"])))?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    praxis_core::interchange::export::write_bytes_atomically(&path, markdown.as_bytes())?;
    Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn record_session_notes(
    state: State<'_, AppState>,
    id: SessionId,
    notes: SessionNotes,
) -> CommandResult<PeerSession> {
    Ok(state.journal()?.record_session_notes(id, &notes, Local::now().fixed_offset())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_commitments(
    state: State<'_, AppState>,
    status: Option<CommitmentStatus>,
) -> CommandResult<Vec<Commitment>> {
    Ok(state.journal()?.list_commitments(status)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_commitment_status(
    state: State<'_, AppState>,
    id: CommitmentId,
    status: CommitmentStatus,
    on: Option<NaiveDate>,
) -> CommandResult<Commitment> {
    Ok(state.journal()?.set_commitment_status_on(id, status, on, Local::now().fixed_offset())?)
}

/// The week's look back, and the same as the start of a reflection.
#[derive(Debug, Serialize, specta::Type)]
pub struct WeekView {
    pub review: WeekReview,
    pub markdown: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn week_review(state: State<'_, AppState>) -> CommandResult<WeekView> {
    let day = today();
    let review = state.journal()?.week_review(day)?;
    Ok(WeekView { markdown: review.markdown(day), review })
}

#[tauri::command(async)]
#[specta::specta]
pub fn today_view(state: State<'_, AppState>) -> CommandResult<Today> {
    Ok(state.journal()?.today(today())?)
}
