// One entry in the editor, new or saved, and its autosave. What is typed is
// saved a short pause after the last change; the status says "Saved" only
// once the core has committed it; a failed save leaves every word in the
// editor and says so, and the next change (or "Save now") tries again.
import { setEntryProject } from "../api/action";
import { autosaveEntry, createEntry } from "../api/entries";
import { toAppError, type AppError } from "../api/errors";
import type { Entry, EntryDraft, Kind } from "../api/types";
import { today } from "./dates";
import { debounce } from "./debounce";
import { formatTags, parseTags } from "./tags";

/** The pause in typing after which the entry is saved. */
export const AUTOSAVE_DELAY_MS = 600;

/** The editor's fields as typed: tags still one line of text, the date possibly blank. */
export type Fields = {
  kind: Kind;
  title: string;
  occurred_on: string;
  tags: string;
  body: string;
  starred: boolean;
};

/**
 * - `unchanged`: nothing typed since the editor opened;
 * - `changed`: typed, the save waits for a pause;
 * - `saving`: the core is writing it;
 * - `saved`: the core committed what the editor shows;
 * - `failed`: the last save failed; the text is still in the editor.
 */
export type SaveState = "unchanged" | "changed" | "saving" | "saved" | "failed";

export function blankFields(kind: Kind = "reflection", now: Date = new Date()): Fields {
  return { kind, title: "", occurred_on: today(now), tags: "", body: "", starred: false };
}

/** Line ends as the editor keeps them (CodeMirror turns \r\n into \n):
 *  opening an entry written on Windows must not count as a change. */
export const editorLines = (text: string) => text.replace(/\r\n?/g, "\n");

export function fieldsOf(entry: Entry): Fields {
  return {
    kind: entry.kind,
    title: entry.title,
    occurred_on: entry.occurred_on,
    tags: formatTags(entry.tags),
    body: editorLines(entry.body),
    starred: entry.starred,
  };
}

/** The draft the core receives for what the editor holds. */
export function draftOf(fields: Fields): EntryDraft {
  return {
    kind: fields.kind,
    title: fields.title.trim(),
    body: fields.body,
    tags: parseTags(fields.tags),
    occurred_on: fields.occurred_on.trim() === "" ? null : fields.occurred_on,
    starred: fields.starred,
  };
}

export type EditingOptions = {
  /** Called after each commit; `created` is true for a new entry's first save. */
  onsaved?: (entry: Entry, created: boolean) => void;
  /** Called after the entry moved to another project (or out of one). */
  onproject?: () => void;
  delayMs?: number;
};

export class Editing {
  fields: Fields = $state(blankFields());
  /** The entry as last saved; null for a new entry not saved yet. */
  entry: Entry | null = $state.raw(null);
  state: SaveState = $state("unchanged");
  error: AppError | null = $state.raw(null);
  /** The project the entry belongs to (its id), read with the entry; a new
   *  entry is created in it with its first save. */
  project: string | null = $state(null);
  /** Why the last change of project did not happen; null when it did. */
  projectError: AppError | null = $state.raw(null);

  /** A new entry's starting text (its kind's template): not "typed" until changed. */
  #template: string;
  #saved: string;
  #session: number | null = null;
  #inFlight: Promise<boolean> | null = null;
  #onsaved: EditingOptions["onsaved"];
  #onproject: EditingOptions["onproject"];
  #later: ReturnType<typeof debounce<[]>>;

  private constructor(fields: Fields, entry: Entry | null, template: string, options: EditingOptions) {
    this.fields = fields;
    this.entry = entry;
    this.project = entry?.project ?? null;
    this.#template = template;
    this.#saved = JSON.stringify(draftOf(fields));
    this.#onsaved = options.onsaved;
    this.#onproject = options.onproject;
    this.#later = debounce(() => void this.save(), options.delayMs ?? AUTOSAVE_DELAY_MS);
  }

  /** A new entry, starting from `template` (the kind's prompts). */
  static forNew(kind: Kind, template: string, options: EditingOptions = {}): Editing {
    const text = editorLines(template);
    return new Editing({ ...blankFields(kind), body: text }, null, text, options);
  }

  static forEntry(entry: Entry, options: EditingOptions = {}): Editing {
    return new Editing(fieldsOf(entry), entry, "", options);
  }

  get isNew(): boolean {
    return this.entry === null;
  }

  /** Something differs from what the journal holds. */
  get dirty(): boolean {
    return JSON.stringify(draftOf(this.fields)) !== this.#saved;
  }

  /** A new entry holds something the writer typed (an untouched template is not). */
  get touched(): boolean {
    if (!this.isNew) return true;
    const f = this.fields;
    const typedBody = f.body.trim() !== "" && f.body !== this.#template;
    return typedBody || f.title.trim() !== "" || f.tags.trim() !== "" || f.starred;
  }

  /** True while a save is waiting, running or failed: closing now would need a save first. */
  get unsaved(): boolean {
    return this.dirty && this.touched;
  }

  /** Call after every change to a field: the save follows a pause in typing. */
  changed(): void {
    if (!this.unsaved) {
      this.#later.cancel();
      if (this.state !== "saving") this.state = this.entry === null ? "unchanged" : "saved";
      return;
    }
    // A failure stays on screen until a save succeeds.
    if (this.state !== "saving" && this.state !== "failed") this.state = "changed";
    this.#later();
  }

  /** A new entry's kind changed: an untouched template gives way to the new kind's. */
  changeKind(kind: Kind, raw: string | null): void {
    const template = raw === null ? null : editorLines(raw);
    const untouchedBody = this.fields.body.trim() === "" || this.fields.body === this.#template;
    this.fields.kind = kind;
    if (this.isNew && untouchedBody && template !== null) {
      this.fields.body = template;
      this.#template = template;
    }
    this.changed();
  }

  /** The template arrived after the editor opened: it fills a body still untouched. */
  useTemplate(raw: string): void {
    const template = editorLines(raw);
    if (!this.isNew || this.fields.body !== this.#template) return;
    this.fields.body = template;
    this.#template = template;
  }

  /** Puts the entry in `project` (or, with null, in none). A saved entry
   *  moves at once; a new one with its first save. False when it failed:
   *  the entry stays where it was, and `projectError` says why. */
  async setProject(project: string | null): Promise<boolean> {
    const before = this.project;
    this.project = project;
    this.projectError = null;
    const id = this.entry?.id;
    if (!id) return true;
    try {
      await setEntryProject(id, project);
      this.#onproject?.();
      return true;
    } catch (reason) {
      this.project = before;
      this.projectError = toAppError(reason);
      return false;
    }
  }

  /** Saves now (waiting for a save already running). True when what the
   *  editor shows is in the journal afterwards. */
  async save(): Promise<boolean> {
    this.#later.cancel();
    while (this.#inFlight !== null) await this.#inFlight;
    if (!this.unsaved) return true;
    const draft = draftOf(this.fields);
    const snapshot = JSON.stringify(draft);
    const saved = this.entry;
    this.state = "saving";
    const run = (async () => {
      try {
        const entry =
          saved === null
            ? await createEntry(draft, this.project)
            : await autosaveEntry(saved.id, draft, this.#session);
        this.#session = entry.revision;
        this.entry = entry;
        this.#saved = snapshot;
        this.error = null;
        this.state = this.dirty ? "changed" : "saved";
        if (this.dirty) this.#later(); // typed on while it saved
        this.#onsaved?.(entry, saved === null);
        return true;
      } catch (reason) {
        this.error = toAppError(reason);
        this.state = "failed";
        return false;
      }
    })();
    this.#inFlight = run;
    try {
      return await run;
    } finally {
      this.#inFlight = null;
    }
  }

  /** Stops a pending save (the editor is thrown away). */
  forget(): void {
    this.#later.cancel();
  }
}
