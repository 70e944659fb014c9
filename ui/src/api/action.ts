// Action learning: experiments and outcomes, peer sessions and commitments,
// the day's view. The only file that knows these commands' names
// (src-tauri/src/commands/action.rs).
import { call } from "./ipc";
import type {
  ExperimentStatus,
  Role,
  CommitmentStatus,
  ProjectDraft,
  Expectation,
  ExperimentPlan,
  OutcomeDraft,
  CommitmentDraft,
} from "./types";

// The action-learning types, for the screens that import them from here.
export type * from "./types";

export const listProjects = () => call("list_projects");
/** A missing name (invalid_input), or an end before the start (conflict), is refused with a sentence saying why. */
export const createProject = (draft: ProjectDraft) => call("create_project", draft);
export const updateProject = (id: string, draft: ProjectDraft) => call("update_project", id, draft);
/** Its entries stay, without a project; answers how many it held. */
export const deleteProject = (id: string) => call("delete_project", id);
export const projectOverview = (id: string) => call("project_overview", id);
export const setEntryProject = (id: string, project: string | null) =>
  call("set_entry_project", id, project);

/** The ledger: reviews due first. */
export const listExperiments = () => call("list_experiments", null);
export const getExperiment = (id: string) => call("get_experiment", id);
/** A review date before the start is refused (conflict) with a sentence saying why. */
export const planExperiment = (plan: ExperimentPlan, notes = "") =>
  call("plan_experiment", plan, notes);
/** Refused with expectation_locked once the experiment has started. */
export const updateExpectation = (id: string, expectation: Expectation, start: string, review: string) =>
  call("update_expectation", id, expectation, start, review);
/** Statuses only go forward (status_change says why not); starting locks the expectation.
 *  `on`: the day it happened (null: today); a day after today, or before the start, is refused. */
export const moveExperiment = (id: string, to: ExperimentStatus, on: string | null = null) =>
  call("move_experiment", id, to, on);
export const recordOutcome = (experiment: string, draft: OutcomeDraft) =>
  call("record_outcome", experiment, draft);
export const concludeExperiment = (id: string, learning: string, next: string, on: string | null = null) =>
  call("conclude_experiment", id, learning, next, on);

/** The experiment and every one that grew from it, depth first. */
export const experimentChain = (id: string) => call("experiment_chain", id);

export const listSessions = () => call("list_sessions");
export const createSession = (draft: { held_on: string; group_name: string; role: Role; project: string | null }) =>
  call("create_session", draft);
export const prepSheet = (id: string) => call("prep_sheet", id);
export const savePrep = (id: string, issue: string, question: string, body: string) =>
  call("save_prep", id, issue, question, body);
/** Saves the sheet as a Markdown file where the person chooses; null when they cancelled. */
export const exportPrep = (id: string, markdown: string) => call("export_prep", id, markdown);
export const recordSessionNotes = (
  id: string,
  notes: { notes: string; insights: string; commitments: CommitmentDraft[] },
) => call("record_session_notes", id, notes);
export const listCommitments = (status: CommitmentStatus | null = "open") =>
  call("list_commitments", status);
/** `on`: the day it was done or dropped (null: today); a day after today, or before its session, is refused. */
export const setCommitmentStatus = (id: string, status: CommitmentStatus, on: string | null = null) =>
  call("set_commitment_status", id, status, on);
export const todayView = () => call("today_view");

/** The week, and the same as Markdown to start a reflection from (its questions last). */
export const weekReview = () => call("week_review");

/** "Ask Sam by 2026-05-08" → what and when; one commitment per line. */
export function parseCommitments(text: string): CommitmentDraft[] {
  return text
    .split("\n")
    .map((line) => line.trim().replace(/^[-*]\s*(\[ \]\s*)?/, ""))
    .filter((line) => line.length > 0)
    .map((line) => {
      const match = /^(.*?)[,;]?\s+by\s+(\d{4}-\d{2}-\d{2})$/.exec(line);
      return match ? { what: match[1].trim(), due_on: match[2] } : { what: line, due_on: null };
    });
}
