// The state of the Settings screen, apart from the preferences (see
// preferences.svelte.ts): where the journal lives on this computer, and the
// templates new entries start from. It lives as long as the window, so a
// template being edited is still there after a look at an entry; each kind
// keeps its own unsaved text, so choosing another kind loses nothing.
import { journalStatus } from "../api/backups";
import type { AppError } from "../api/errors";
import type { Kind, Template } from "../api/types";
import * as api from "../api/writing";
import { attempt } from "./attempt";
import { formatInstant } from "./dates";
import { KIND_OPTIONS } from "./kinds";

/** The kinds with a template: coach feedback arrives from a coach and is never started here. */
export const TEMPLATE_KINDS = KIND_OPTIONS.filter((option) => option.value !== "coach_feedback");

/** The folder that holds the journal, its backups and settings; shown in the file manager on request. */
export class DataFolder {
  /** The folder's path, or null while unknown (or when there is none yet). */
  path: string | null = $state(null);
  loaded = $state(false);
  error: AppError | null = $state(null);
  busy = $state(false);

  async load(): Promise<void> {
    const status = await attempt(this, () => journalStatus());
    if (status) {
      this.path = status.data_dir;
      this.loaded = true;
    }
  }

  /** Opens the file manager at the journal's file. */
  async reveal(): Promise<boolean> {
    return (await attempt(this, () => api.revealDataFolder())) !== undefined;
  }
}

/** The template of each kind, and the text being written for it. */
export class Templates {
  /** As the core keeps them, one per kind. */
  items: Template[] = $state.raw([]);
  loaded = $state(false);
  /** The kind shown in the editor. */
  kind: Kind = $state(TEMPLATE_KINDS[0].value);
  /** Unsaved text by kind; a kind without an entry shows its saved text. */
  drafts: Partial<Record<Kind, string>> = $state({});
  /** What the last action did, for the status line; cleared by the next edit. */
  done = $state("");
  error: AppError | null = $state(null);
  busy = $state(false);
  #onchanged: () => void;

  /** `onchanged` runs after a template was saved or reset (new entries must read it again). */
  constructor(onchanged: () => void = () => {}) {
    this.#onchanged = onchanged;
  }

  /** Reads the saved templates; unsaved text is kept. */
  async load(): Promise<void> {
    this.done = "";
    const items = await attempt(this, () => api.listTemplates());
    if (items) {
      this.items = items;
      this.loaded = true;
    }
  }

  /** The saved template of the kind shown; undefined until loaded. */
  get current(): Template | undefined {
    return this.saved(this.kind);
  }

  saved(kind: Kind): Template | undefined {
    return this.items.find((t) => t.kind === kind);
  }

  /** The text in the editor: the draft, or else the saved template. */
  get text(): string {
    return this.drafts[this.kind] ?? this.current?.body ?? "";
  }

  set text(value: string) {
    this.drafts[this.kind] = value;
    this.done = "";
    this.error = null;
  }

  /** Whether `kind` has text that differs from its saved template. */
  changed(kind: Kind = this.kind): boolean {
    const draft = this.drafts[kind];
    return draft !== undefined && draft !== this.saved(kind)?.body;
  }

  /** The kinds with unsaved text, in the order they are offered. */
  get unsaved(): Kind[] {
    return TEMPLATE_KINDS.map((option) => option.value).filter((kind) => this.changed(kind));
  }

  /** Shows another kind; its unsaved text, and this one's, are kept. */
  choose(kind: Kind): void {
    this.kind = kind;
    this.done = "";
    this.error = null;
  }

  /** Saves the text shown as the kind's template. On a refusal the text stays, with `error` saying why. */
  async save(): Promise<boolean> {
    const kind = this.kind;
    const body = this.text;
    if (this.busy || !this.current) return false;
    this.done = "";
    const saved = await attempt(this, () => api.setTemplate(kind, body));
    if (!saved) return false;
    this.#keep(saved);
    // Text typed while the save was on its way stays as a draft.
    if (this.drafts[kind] === body) delete this.drafts[kind];
    if (this.kind === kind) this.done = "Saved.";
    this.#onchanged();
    return true;
  }

  /** Whether there is something for "Use the built-in template" to do. */
  get resettable(): boolean {
    const current = this.current;
    return current !== undefined && (!current.built_in || this.changed());
  }

  /** Goes back to the built-in template, dropping the person's own one and any unsaved text. */
  async reset(): Promise<boolean> {
    const kind = this.kind;
    const current = this.current;
    if (this.busy || !current) return false;
    this.done = "";
    if (current.built_in) {
      // Nothing saved to forget: only the unsaved text goes.
      delete this.drafts[kind];
      this.done = "Back to the template built into Praxis.";
      return true;
    }
    const reset = await attempt(this, () => api.resetTemplate(kind));
    if (!reset) return false;
    this.#keep(reset);
    delete this.drafts[kind];
    if (this.kind === kind) this.done = "Back to the template built into Praxis.";
    this.#onchanged();
    return true;
  }

  /** The status line for the kind shown: what was just done, or where its text comes from. */
  get status(): string {
    const current = this.current;
    if (this.done) return this.done;
    if (!current) return "";
    if (this.changed()) return "Changes not saved yet.";
    if (current.built_in) return "This is the template built into Praxis.";
    return current.updated_at
      ? `Your own template, last changed ${formatInstant(current.updated_at)}.`
      : "Your own template.";
  }

  #keep(template: Template): void {
    this.items = this.items.map((t) => (t.kind === template.kind ? template : t));
  }
}

/** Everything the Settings screen holds (the preferences are their own store), made once per window. */
export class Settings {
  readonly folder = new DataFolder();
  readonly templates: Templates;

  /** `ontemplateschanged` runs after a template was saved or reset. */
  constructor(ontemplateschanged: () => void = () => {}) {
    this.templates = new Templates(ontemplateschanged);
  }

  /** Reads the data folder and the templates; the screen calls it each time it opens. */
  async load(): Promise<void> {
    await Promise.all([this.folder.load(), this.templates.load()]);
  }
}
