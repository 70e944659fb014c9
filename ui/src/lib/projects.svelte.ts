// The Projects screen's store: every project, the one in view with its
// entries, experiments and sessions, and the form that makes or edits one.
import * as api from "../api/action";
import type { AppError } from "../api/errors";
import { attempt } from "./attempt";
import { today } from "./dates";

export const PROJECT_STATUS_LABELS: Record<api.ProjectStatus, string> = {
  active: "Active",
  paused: "Paused",
  finished: "Finished",
};

/** `day` plus `months`, as YYYY-MM-DD (the 31st of a short month is its last day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(y, m - 1 + months + 1, 0).getDate();
  return today(new Date(y, m - 1 + months, Math.min(d, last), 12));
}

/** A new project starts today and is planned for nine months (6–12 is typical). */
export function blankProject(): api.ProjectDraft {
  const start = today();
  return { name: "", challenge: "", starts_on: start, ends_on: addMonths(start, 9), status: "active" };
}

export class Projects {
  list: api.Project[] = $state.raw([]);
  loaded = $state(false);
  /** The project in view, with everything that belongs to it. */
  current: api.ProjectOverview | null = $state.raw(null);
  /** The form: a new project (`null` id) or the one being edited. */
  form: { id: string | null; draft: api.ProjectDraft } | null = $state(null);
  busy = $state(false);
  error: AppError | null = $state(null);
  done = $state("");
  #onchanged: () => void;

  /** `onchanged` follows every change to the projects (the timeline's filter and the editor list them). */
  constructor(onchanged: () => void = () => {}) {
    this.#onchanged = onchanged;
  }

  async load(): Promise<void> {
    const list = await attempt(this, () => api.listProjects());
    if (list) {
      this.list = list;
      this.loaded = true;
    }
  }

  async open(id: string): Promise<boolean> {
    this.done = "";
    const overview = await attempt(this, () => api.projectOverview(id));
    if (!overview) return false;
    this.current = overview;
    this.form = null;
    return true;
  }

  startNew(): void {
    this.done = "";
    this.error = null;
    this.current = null;
    this.form = { id: null, draft: blankProject() };
  }

  startEditing(): void {
    const project = this.current?.project;
    if (!project) return;
    this.done = "";
    this.error = null;
    const { name, challenge, starts_on, ends_on, status } = project;
    this.form = { id: project.id, draft: { name, challenge, starts_on, ends_on, status } };
  }

  cancelForm(): void {
    this.form = null;
    this.error = null;
  }

  /** Saves the form; on success the project is in view. */
  async save(): Promise<boolean> {
    const form = this.form;
    if (!form) return false;
    const draft = { ...form.draft };
    const saved = await attempt(this, () =>
      form.id === null ? api.createProject(draft) : api.updateProject(form.id!, draft),
    );
    if (!saved) return false;
    await this.load();
    await this.open(saved.id);
    this.done = form.id === null ? `Started the project “${saved.name}”.` : "Saved the project.";
    this.#onchanged();
    return true;
  }

  /** Deletes the project in view; its entries stay, without a project. */
  async remove(): Promise<boolean> {
    const project = this.current?.project;
    if (!project) return false;
    const held = await attempt(this, () => api.deleteProject(project.id));
    if (held === undefined) return false;
    this.current = null;
    await this.load();
    const kept =
      held === 0 ? "" : held === 1 ? " Its one entry stays in your journal, without a project." : ` Its ${held} entries stay in your journal, without a project.`;
    this.done = `Deleted the project “${project.name}”.${kept}`;
    this.#onchanged();
    return true;
  }
}
