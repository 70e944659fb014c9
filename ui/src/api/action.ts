// Action learning: experiments and outcomes, peer sessions and commitments,
// the day's view. The only file that knows these commands' names
// (src-tauri/src/commands/action.rs).
import { call } from "./ipc";
import type { EntrySummary } from "./types";

export type ExperimentStatus = "planned" | "running" | "observed" | "concluded" | "abandoned";
export type Role = "presenter" | "questioner";
export type CommitmentStatus = "open" | "done" | "dropped";
export type ProjectStatus = "active" | "paused" | "finished";

/** What the person gives for a project. */
export interface ProjectDraft {
  name: string;
  /** The challenge in one or two sentences. */
  challenge: string;
  starts_on: string;
  /** The planned end. */
  ends_on: string;
  status: ProjectStatus;
}

export interface Project extends ProjectDraft {
  id: string;
  created_at: string;
  updated_at: string;
}

export interface Expectation {
  hypothesis: string;
  planned_action: string;
  expected_outcome: string;
  success_signals: string;
  failure_signals: string;
}

export interface ExperimentPlan extends Expectation {
  title: string;
  starts_on: string | null;
  review_on: string;
  project: string | null;
  grew_from: string | null;
  tags: string[];
}

export interface ExperimentSummary {
  id: string;
  title: string;
  hypothesis: string;
  status: ExperimentStatus;
  starts_on: string;
  review_on: string;
  grew_from: string | null;
  project: string | null;
  outcomes: number;
  created_at: string;
  review_due: boolean;
}

export interface Outcome {
  id: string;
  experiment: string;
  title: string;
  occurred_on: string;
  happened: string;
  surprised: string;
  why_different: string;
  created_at: string;
}

export interface OutcomeDraft {
  title: string;
  happened: string;
  surprised: string;
  why_different: string;
  occurred_on: string | null;
}

export interface Experiment {
  entry: EntrySummary;
  notes: string;
  expectation: Expectation;
  locked_at: string | null;
  starts_on: string;
  review_on: string;
  status: ExperimentStatus;
  learning: string;
  next_step: string;
  grew_from: string | null;
  project: string | null;
  /** `at`: when it was written down; `happened_on`: the day it happened. */
  history: { status: ExperimentStatus; at: string; happened_on: string; retry: boolean }[];
  outcomes: Outcome[];
}

export interface Commitment {
  id: string;
  session: string;
  session_on: string;
  what: string;
  due_on: string | null;
  status: CommitmentStatus;
  /** When it was marked done or dropped (written down). */
  closed_at: string | null;
  /** The day it was done or dropped. */
  closed_on: string | null;
  created_at: string;
}

export interface PeerSession {
  id: string;
  held_on: string;
  group_name: string;
  role: Role;
  project: string | null;
  issue: string;
  question: string;
  prep_entry: string | null;
  notes: string;
  insights: string;
  notes_entry: string | null;
  commitments: Commitment[];
  created_at: string;
}

export interface PrepSheet {
  session: string;
  held_on: string;
  group_name: string;
  role: Role;
  since: string | null;
  issue: string;
  question: string;
  commitments: Commitment[];
  experiments: ExperimentSummary[];
  outcomes: { id: string; experiment: string; experiment_title: string; title: string; occurred_on: string; happened: string }[];
}

export interface PrepSheetView {
  sheet: PrepSheet;
  /** "Update since last time" as Markdown. */
  update: string;
  /** The whole sheet as Markdown. */
  markdown: string;
  /** The sheet as last saved, if it was. */
  saved: string | null;
}

export interface CommitmentDraft {
  what: string;
  due_on: string | null;
}

export interface Today {
  day: string;
  reviews: ExperimentSummary[];
  sessions: PeerSession[];
  commitments: Commitment[];
  on_this_day: EntrySummary[];
}

/** A project's page: its entries (newest first), experiments and sessions. */
export interface ProjectOverview {
  project: Project;
  entries: EntrySummary[];
  experiments: ExperimentSummary[];
  sessions: PeerSession[];
}

/** One experiment in a chain, `depth` steps from the one it starts at. */
export interface ChainLink {
  depth: number;
  experiment: ExperimentSummary;
}

export const listProjects = () => call<Project[]>("list_projects", {});
/** A missing name, or an end before the start, is refused (invalid_input) with a sentence saying why. */
export const createProject = (draft: ProjectDraft) => call<Project>("create_project", { draft });
export const updateProject = (id: string, draft: ProjectDraft) => call<Project>("update_project", { id, draft });
/** Its entries stay, without a project; answers how many it held. */
export const deleteProject = (id: string) => call<number>("delete_project", { id });
export const projectOverview = (id: string) => call<ProjectOverview>("project_overview", { id });
export const entryProject = (id: string) => call<string | null>("entry_project", { id });
export const setEntryProject = (id: string, project: string | null) =>
  call<null>("set_entry_project", { id, project });

/** The ledger: reviews due first. */
export const listExperiments = () => call<ExperimentSummary[]>("list_experiments", { status: null });
export const getExperiment = (id: string) => call<Experiment>("get_experiment", { id });
/** A review date before the start is refused (invalid_input) with a sentence saying why. */
export const planExperiment = (plan: ExperimentPlan, notes = "") =>
  call<Experiment>("plan_experiment", { plan, notes });
/** Refused with expectation_locked once the experiment has started. */
export const updateExpectation = (id: string, expectation: Expectation, start: string, review: string) =>
  call<Experiment>("update_expectation", { id, expectation, start, review });
/** Statuses only go forward (status_change says why not); starting locks the expectation.
 *  `on`: the day it happened (null: today); a day after today, or before the start, is refused. */
export const moveExperiment = (id: string, to: ExperimentStatus, on: string | null = null) =>
  call<Experiment>("move_experiment", { id, to, on });
export const recordOutcome = (experiment: string, draft: OutcomeDraft) =>
  call<Outcome>("record_outcome", { experiment, draft });
export const concludeExperiment = (id: string, learning: string, next: string, on: string | null = null) =>
  call<Experiment>("conclude_experiment", { id, learning, next, on });

/** The experiment and every one that grew from it, depth first. */
export const experimentChain = (id: string) => call<ChainLink[]>("experiment_chain", { id });

export const listSessions = () => call<PeerSession[]>("list_sessions", {});
export const createSession = (draft: { held_on: string; group_name: string; role: Role; project: string | null }) =>
  call<PeerSession>("create_session", { draft });
export const prepSheet = (id: string) => call<PrepSheetView>("prep_sheet", { id });
export const savePrep = (id: string, issue: string, question: string, body: string) =>
  call<PeerSession>("save_prep", { id, issue, question, body });
/** Saves the sheet as a Markdown file where the person chooses; null when they cancelled. */
export const exportPrep = (id: string, markdown: string) => call<string | null>("export_prep", { id, markdown });
export const recordSessionNotes = (
  id: string,
  notes: { notes: string; insights: string; commitments: CommitmentDraft[] },
) => call<PeerSession>("record_session_notes", { id, notes });
export const listCommitments = (status: CommitmentStatus | null = "open") =>
  call<Commitment[]>("list_commitments", { status });
/** `on`: the day it was done or dropped (null: today); a day after today, or before its session, is refused. */
export const setCommitmentStatus = (id: string, status: CommitmentStatus, on: string | null = null) =>
  call<Commitment>("set_commitment_status", { id, status, on });
export const todayView = () => call<Today>("today_view", {});

/** Monday to Sunday of this week. */
export interface WeekReview {
  from: string;
  to: string;
  experiments: ExperimentSummary[];
  outcomes: PrepSheet["outcomes"];
  open_commitments: Commitment[];
}

/** The week, and the same as Markdown to start a reflection from (its questions last). */
export const weekReview = () => call<{ review: WeekReview; markdown: string }>("week_review", {});

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
