// The stores of the action-learning screens: the experiment ledger with
// the experiment in view, and the peer sessions with the one in view.
import * as api from "../api/action";
import type { AppError } from "../api/errors";
import { attempt } from "./attempt";
import { today } from "./dates";

export const STATUS_LABELS: Record<api.ExperimentStatus, string> = {
  planned: "Planned",
  running: "Running",
  observed: "Observed",
  concluded: "Concluded",
  abandoned: "Abandoned",
};

/** `day` plus `days`, as YYYY-MM-DD. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00`);
  date.setDate(date.getDate() + days);
  return today(date);
}

/** A new plan starts today, with its review two weeks later. */
/** A plan being written: every field the form binds is present. */
export type PlanDraft = api.ExperimentPlan & { project: string | null };

export function blankPlan(): PlanDraft {
  const start = today();
  return {
    title: "",
    hypothesis: "",
    planned_action: "",
    expected_outcome: "",
    success_signals: "",
    failure_signals: "",
    starts_on: start,
    review_on: addDays(start, 14),
    project: null,
    grew_from: null,
    tags: [],
  };
}

export class Experiments {
  ledger: api.ExperimentSummary[] = $state.raw([]);
  loaded = $state(false);
  current: api.Experiment | null = $state.raw(null);
  /** The experiment in view and every one it grew from or that grew from it, from the first. */
  chain: api.ChainLink[] = $state.raw([]);
  /** The plan being written in the form; null while no form is shown. */
  draft: PlanDraft | null = $state(null);
  /** The experiment whose plan the form changes (before it starts); null for a new plan. */
  editingPlan: string | null = $state(null);
  /** A new plan put aside unsaved (another experiment was opened). */
  #unsaved: PlanDraft | null = null;
  busy = $state(false);
  error: AppError | null = $state(null);
  done = $state("");

  async load(): Promise<void> {
    const ledger = await attempt(this, () => api.listExperiments());
    if (ledger) {
      this.ledger = ledger;
      this.loaded = true;
    }
  }

  get planning(): boolean {
    return this.draft !== null;
  }

  async open(id: string): Promise<void> {
    this.done = "";
    const experiment = await attempt(this, () => api.getExperiment(id));
    if (experiment) {
      this.current = experiment;
      // A new plan left unsaved comes back with the next "Plan an experiment".
      if (this.draft !== null && this.editingPlan === null) this.#unsaved = this.draft;
      this.draft = null;
      this.editingPlan = null;
      await this.#loadChain(experiment);
    }
  }

  /** The chain from its first experiment: up through `grew_from` in the ledger, then down. */
  async #loadChain(experiment: api.Experiment): Promise<void> {
    if (!this.loaded) await this.load();
    const byId = new Map(this.ledger.map((e) => [e.id, e]));
    let root = experiment.entry.id;
    const seen = new Set([root]);
    for (let up = byId.get(root)?.grew_from; up && byId.has(up) && !seen.has(up); up = byId.get(up)?.grew_from) {
      seen.add(up);
      root = up;
    }
    const grewFrom = experiment.grew_from !== null;
    const grewOn = this.ledger.some((e) => e.grew_from === experiment.entry.id);
    if (!grewFrom && !grewOn) {
      this.chain = [];
      return;
    }
    this.chain = (await attempt(this, () => api.experimentChain(root))) ?? [];
  }

  /** Opens the form; a follow-up grows from the experiment in view, in its project. */
  startPlanning(followUp = false): void {
    const from = followUp ? this.current : null;
    this.editingPlan = null;
    this.done = "";
    this.error = null;
    this.current = null;
    this.chain = [];
    const unsaved = this.#unsaved;
    this.#unsaved = null;
    this.draft =
      unsaved && !followUp ? unsaved : { ...blankPlan(), grew_from: from?.entry.id ?? null, project: from?.project ?? null };
  }

  /** Opens the form on the plan of the experiment in view, while it may still change (not started). */
  startEditingPlan(): void {
    const e = this.current;
    if (!e || e.locked_at) return;
    this.done = "";
    this.error = null;
    this.draft = {
      ...e.expectation,
      title: e.entry.title,
      starts_on: e.starts_on,
      review_on: e.review_on,
      project: e.project,
      grew_from: e.grew_from,
      tags: e.entry.tags,
    };
    this.editingPlan = e.entry.id;
  }

  cancelPlanning(): void {
    this.draft = null;
    this.editingPlan = null;
    this.error = null;
  }

  /** Saves the form: a new plan, or the changed plan of one not started yet. */
  async plan(): Promise<boolean> {
    const plan = this.draft === null ? null : $state.snapshot(this.draft);
    if (plan === null) return false;
    const editing = this.editingPlan;
    if (editing !== null) {
      const { hypothesis, planned_action, expected_outcome, success_signals, failure_signals } = plan;
      const expectation = { hypothesis, planned_action, expected_outcome, success_signals, failure_signals };
      const changed = await attempt(this, () =>
        api.updateExpectation(editing, expectation, plan.starts_on ?? "", plan.review_on),
      );
      if (!changed) return false;
      this.draft = null;
      this.editingPlan = null;
      this.current = changed;
      this.done = "Saved the plan. It can change until you start the experiment.";
      await this.load();
      return true;
    }
    const made = await attempt(this, () => api.planExperiment(plan));
    if (!made) return false;
    this.draft = null;
    this.done = `Planned “${made.entry.title}”.`;
    await this.load();
    this.current = made;
    await this.#loadChain(made);
    return true;
  }

  async #changed(change: () => Promise<api.Experiment | api.Outcome>, message: string): Promise<boolean> {
    const id = this.current?.entry.id;
    if (!id) return false;
    const result = await attempt(this, change);
    if (!result) return false;
    // A move or a conclusion answers the experiment; an outcome only itself.
    const experiment = "entry" in result ? result : await attempt(this, () => api.getExperiment(id));
    if (experiment) this.current = experiment;
    this.done = message;
    await this.load();
    if (experiment && this.chain.length > 0) await this.#loadChain(experiment);
    return true;
  }

  // `on`: the day it happened (`YYYY-MM-DD`); empty or null means today.

  start(on: string | null = null): Promise<boolean> {
    const id = this.current?.entry.id ?? "";
    return this.#changed(
      () => api.moveExperiment(id, "running", on || null),
      "Started. What you expected is locked from now on.",
    );
  }

  abandon(on: string | null = null): Promise<boolean> {
    const id = this.current?.entry.id ?? "";
    return this.#changed(() => api.moveExperiment(id, "abandoned", on || null), "Abandoned. You can plan it again later.");
  }

  retry(on: string | null = null): Promise<boolean> {
    const id = this.current?.entry.id ?? "";
    return this.#changed(() => api.moveExperiment(id, "planned", on || null), "Planned again, as a retry.");
  }

  recordOutcome(draft: api.OutcomeDraft): Promise<boolean> {
    const id = this.current?.entry.id ?? "";
    return this.#changed(() => api.recordOutcome(id, draft), "Recorded what happened.");
  }

  conclude(learning: string, next: string, on: string | null = null): Promise<boolean> {
    const id = this.current?.entry.id ?? "";
    return this.#changed(() => api.concludeExperiment(id, learning, next, on || null), "Concluded.");
  }
}

const UPDATE_HEADING = "## Update since last time\n\n";
const QUESTION_HEADING = "\n## The question I bring to the group";

/** The sheet the Sessions screen saves: the issue, the update as edited, the question. */
export function prepMarkdown(sheet: api.PrepSheet, issue: string, update: string, question: string): string {
  return (
    `# Prep for ${sheet.group_name} on ${sheet.held_on}\n\nMy role: ${sheet.role}\n\n` +
    `## My issue in one sentence\n\n${issue || "…"}\n\n${UPDATE_HEADING}${update.trimEnd()}\n` +
    `${QUESTION_HEADING}\n\n${question || "…"}\n`
  );
}

/** The update part of a sheet saved by `prepMarkdown`, or null if it is not there. */
export function savedUpdate(saved: string): string | null {
  const start = saved.indexOf(UPDATE_HEADING);
  const end = saved.lastIndexOf(QUESTION_HEADING);
  if (start < 0 || end < start) return null;
  return saved.slice(start + UPDATE_HEADING.length, end).trimEnd() + "\n";
}

export class Sessions {
  list: api.PeerSession[] = $state.raw([]);
  loaded = $state(false);
  current: api.PeerSession | null = $state.raw(null);
  prep: api.PrepSheetView | null = $state.raw(null);
  creating = $state(false);
  busy = $state(false);
  error: AppError | null = $state(null);
  done = $state("");

  async load(): Promise<void> {
    const list = await attempt(this, () => api.listSessions());
    if (list) {
      this.list = list;
      this.loaded = true;
    }
  }

  async open(id: string): Promise<void> {
    this.done = "";
    const list = await attempt(this, () => api.listSessions());
    const prep = await attempt(this, () => api.prepSheet(id));
    if (list && prep) {
      this.list = list;
      this.current = list.find((s) => s.id === id) ?? null;
      this.prep = prep;
      this.creating = false;
    }
  }

  startCreating(): void {
    this.done = "";
    this.error = null;
    this.current = null;
    this.creating = true;
  }

  async create(draft: { held_on: string; group_name: string; role: api.Role; project: string | null }): Promise<boolean> {
    const made = await attempt(this, () => api.createSession(draft));
    if (!made) return false;
    await this.open(made.id);
    this.done = "Added the session. Its prep sheet is below.";
    return true;
  }

  async savePrep(issue: string, question: string, body: string): Promise<boolean> {
    const id = this.current?.id;
    if (!id) return false;
    const saved = await attempt(this, () => api.savePrep(id, issue, question, body));
    if (!saved) return false;
    await this.open(id);
    this.done = "Saved the prep sheet.";
    return true;
  }

  /** Saves the sheet as shown (edits and all) as a Markdown file; the person chooses where. */
  async exportPrep(markdown: string): Promise<boolean> {
    const id = this.current?.id;
    if (!id) return false;
    const file = await attempt(this, () => api.exportPrep(id, markdown));
    if (file === undefined) return false;
    this.done = file === null ? "" : `Saved the prep sheet as ${file}.`;
    return file !== null;
  }

  async saveNotes(notes: string, insights: string, commitments: string): Promise<boolean> {
    const id = this.current?.id;
    if (!id) return false;
    const drafts = api.parseCommitments(commitments);
    const saved = await attempt(this, () => api.recordSessionNotes(id, { notes, insights, commitments: drafts }));
    if (!saved) return false;
    await this.open(id);
    this.done = drafts.length === 1 ? "Saved the notes and one commitment." : `Saved the notes and ${drafts.length} commitments.`;
    return true;
  }

  /** `on`: the day it was done or dropped; empty or null means today (not kept when reopening). */
  async setCommitment(commitment: api.Commitment, status: api.CommitmentStatus, on: string | null = null): Promise<void> {
    const day = status === "open" ? null : on || null;
    const changed = await attempt(this, () => api.setCommitmentStatus(commitment.id, status, day));
    if (!changed) return;
    if (this.current) await this.open(this.current.id);
    this.done = `“${changed.what}” is ${changed.status} now.`;
  }
}

/** The Today screen: what needs attention today, and the week so far. */
export class TodayView {
  today: api.Today | null = $state.raw(null);
  week: { review: api.WeekReview; markdown: string } | null = $state.raw(null);
  busy = $state(false);
  error: AppError | null = $state(null);

  async load(): Promise<void> {
    const both = await attempt(this, () => Promise.all([api.todayView(), api.weekReview()]));
    if (both) [this.today, this.week] = both;
  }
}
