// The state of the journal window: the list, the search, the open entry, the
// entry being written and the last error. Components read it and call its
// methods; it talks to the core only through src/api/.
import { createEntry, deleteEntry, getEntry, listEntries, listTags, searchEntries } from "../api/entries";
import { toAppError, type AppError } from "../api/errors";
import { renderMarkdown } from "../api/markdown";
import { listTemplates } from "../api/writing";
import type { Entry, EntryDraft, EntrySummary, Kind, ListFilter, SearchHit } from "../api/types";
import { today } from "./dates";
import { debounce } from "./debounce";
import { parseTags } from "./tags";

/** Entries fetched per page of the list (the core caps a page at 1000). */
export const PAGE_SIZE = 100;
/** The pause in typing after which a search runs. */
export const SEARCH_DELAY_MS = 150;

/** An entry on screen; `html` is null when rendering failed (the text shows plain). */
export type OpenEntry = { entry: Entry; html: string | null };

/** The new-entry form as typed: tags still one line of text, the date possibly blank. */
export type EntryForm = { kind: Kind; title: string; occurred_on: string; tags: string; body: string };

export function blankForm(kind: Kind = "reflection", now: Date = new Date()): EntryForm {
  return { kind, title: "", occurred_on: today(now), tags: "", body: "" };
}

/** The draft the core receives for what the form holds. */
export function draftFromForm(form: EntryForm): EntryDraft {
  return {
    kind: form.kind,
    title: form.title.trim(),
    body: form.body,
    tags: parseTags(form.tags),
    occurred_on: form.occurred_on.trim() === "" ? null : form.occurred_on,
    starred: false,
  };
}


/** The narrowing a person chooses; blank fields narrow nothing. */
export type Filter = Pick<ListFilter, "kind" | "tag" | "from" | "to" | "starred">;

/** Drops blank fields, so the core is sent only what narrows. */
export function cleanFilter(filter: Filter): Filter {
  const clean: Filter = {};
  if (filter.kind) clean.kind = filter.kind;
  if (filter.tag?.trim()) clean.tag = filter.tag.trim();
  if (filter.from) clean.from = filter.from;
  if (filter.to) clean.to = filter.to;
  if (filter.starred) clean.starred = true;
  return clean;
}

/** How many filters narrow the list. */
export function activeFilters(filter: Filter): number {
  return Object.keys(cleanFilter(filter)).length;
}

export class Journal {
  /** The newest entries, newest first, as far as the list has been paged. */
  entries = $state.raw<EntrySummary[]>([]);
  loaded = $state(false);
  hasMore = $state(false);
  /** The search box's text. */
  query = $state("");
  /** What the list and the search are narrowed to (kind, tag, days, starred). */
  filter = $state.raw<Filter>({});
  /** Tags in use, most used first: what the tag filter offers. */
  tags = $state.raw<string[]>([]);
  /** Results for the current query; null while not searching or not yet answered. */
  hits = $state.raw<SearchHit[] | null>(null);
  searching = $state(false);
  opened = $state.raw<OpenEntry | null>(null);
  /** True when the opened entry was just saved, so the view takes the focus. */
  openedBySave = $state(false);
  /** The unsaved new entry: kept when the writer looks at another entry meanwhile. */
  form = $state<EntryForm | null>(null);
  composing = $state(false);
  /** The "Journal data" screen (import, export, backups) is in the main area. */
  showingData = $state(false);
  saving = $state(false);
  error = $state.raw<AppError | null>(null);

  #listTurn = 0;
  #searchTurn = 0;
  #openTurn = 0;
  #searchLater = debounce((query: string) => void this.#search(query), SEARCH_DELAY_MS);

  get isSearching(): boolean {
    return this.query.trim() !== "";
  }

  /** Nothing written yet: the window explains what Praxis is for. */
  get isEmpty(): boolean {
    return this.loaded && this.entries.length === 0 && !this.isSearching && !this.isFiltered;
  }

  get isFiltered(): boolean {
    return activeFilters(this.filter) > 0;
  }

  /** Narrows (or widens) the list and the search; both load again. */
  async setFilter(filter: Filter): Promise<void> {
    this.filter = cleanFilter(filter);
    await this.refresh();
  }

  /** Loads the first page of the list again. */
  async load(): Promise<void> {
    const turn = ++this.#listTurn;
    void listTags()
      .then((tags) => (this.tags = tags.map(([name]) => name)))
      .catch(() => (this.tags = []));
    try {
      const page = await listEntries({ ...this.filter, limit: PAGE_SIZE + 1, offset: 0 });
      if (turn !== this.#listTurn) return;
      this.entries = page.slice(0, PAGE_SIZE);
      this.hasMore = page.length > PAGE_SIZE;
      this.loaded = true;
    } catch (reason) {
      if (turn === this.#listTurn) this.error = toAppError(reason);
    }
  }

  /** Appends the next page to the list. */
  async loadMore(): Promise<void> {
    const turn = ++this.#listTurn;
    try {
      const page = await listEntries({ ...this.filter, limit: PAGE_SIZE + 1, offset: this.entries.length });
      if (turn !== this.#listTurn) return;
      this.entries = [...this.entries, ...page.slice(0, PAGE_SIZE)];
      this.hasMore = page.length > PAGE_SIZE;
    } catch (reason) {
      if (turn === this.#listTurn) this.error = toAppError(reason);
    }
  }

  /** Follows the search box: searches after a pause in typing, stops when it is cleared. */
  setQuery(text: string): void {
    this.query = text;
    const query = text.trim();
    if (query === "") {
      this.#searchLater.cancel();
      this.#searchTurn++;
      this.hits = null;
      this.searching = false;
      return;
    }
    this.searching = true;
    this.#searchLater(query);
  }

  async #search(query: string): Promise<void> {
    const turn = ++this.#searchTurn;
    try {
      const hits = await searchEntries(query, { ...this.filter, limit: PAGE_SIZE });
      if (turn !== this.#searchTurn) return;
      this.hits = hits;
    } catch (reason) {
      if (turn === this.#searchTurn) this.error = toAppError(reason);
    } finally {
      if (turn === this.#searchTurn) this.searching = false;
    }
  }

  /** Shows one entry, its Markdown rendered by the core. */
  async openEntry(id: string): Promise<void> {
    const turn = ++this.#openTurn;
    this.error = null;
    try {
      const entry = await getEntry(id);
      const html = await renderMarkdown(entry.body);
      if (turn !== this.#openTurn) return;
      this.opened = { entry, html };
      this.openedBySave = false;
      this.composing = false;
      this.showingData = false;
    } catch (reason) {
      if (turn === this.#openTurn) this.error = toAppError(reason);
    }
  }

  /** Opens the new-entry form, or returns to the unsaved one. A new form
   *  starts from the kind's template (Settings → Templates). */
  startNew(kind: Kind = "reflection"): void {
    this.error = null;
    if (this.form === null) {
      this.form = blankForm(kind);
      void this.#useTemplate(this.form.kind, "");
    }
    this.composing = true;
    this.showingData = false;
  }

  /** The kind of the new entry changed: an untouched template follows it. */
  changeKind(kind: Kind): void {
    const form = this.form;
    if (form === null || form.kind === kind) return;
    const untouched = form.body.trim() === "" || form.body === this.#templates.get(form.kind);
    const before = form.body;
    form.kind = kind;
    if (untouched) void this.#useTemplate(kind, before);
  }

  #templates = new Map<Kind, string>();

  /** Whether the new entry holds anything the writer typed (an untouched template is not). */
  get formTouched(): boolean {
    const form = this.form;
    if (form === null) return false;
    const typedBody = form.body.trim() !== "" && form.body !== this.#templates.get(form.kind);
    return typedBody || form.title.trim() !== "" || form.tags.trim() !== "";
  }

  /** Puts the template of `kind` in the form if its text is still `expected`. */
  async #useTemplate(kind: Kind, expected: string): Promise<void> {
    try {
      if (this.#templates.size === 0) {
        for (const t of await listTemplates()) this.#templates.set(t.kind, t.body);
      }
    } catch {
      return; // no template: the form starts blank, which loses nothing
    }
    const form = this.form;
    if (form !== null && form.kind === kind && form.body === expected) form.body = this.#templates.get(kind) ?? "";
  }

  /** Templates changed in Settings: the next new entry reads them again. */
  templatesChanged(): void {
    this.#templates.clear();
  }

  /** Shows the "Journal data" screen; the unsaved form, if any, is kept. */
  showData(): void {
    this.error = null;
    this.showingData = true;
  }

  /** Throws away the unsaved entry. */
  discardNew(): void {
    this.form = null;
    this.composing = false;
  }

  /** Saves the form as a new entry and shows it; on failure the form stays as typed. */
  async saveNew(): Promise<boolean> {
    if (this.form === null || this.saving) return false;
    this.saving = true;
    this.error = null;
    let entry: Entry;
    try {
      entry = await createEntry(draftFromForm(this.form));
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.saving = false;
    }
    // Saved: from here on a failure must not leave the form open to be saved twice.
    this.#openTurn++;
    this.form = null;
    this.composing = false;
    this.opened = { entry, html: null };
    this.openedBySave = true;
    await Promise.all([this.#renderOpened(entry), this.refresh()]);
    return true;
  }

  /** Moves the open entry to the trash; the list and search load again without it. */
  async trashOpened(): Promise<boolean> {
    const opened = this.opened;
    if (opened === null) return false;
    try {
      await deleteEntry(opened.entry.id);
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    }
    this.#openTurn++;
    this.opened = null;
    await this.refresh();
    return true;
  }

  /** Shows `entry` as it now is (after a restore from the trash or from its history). */
  async showSaved(entry: Entry): Promise<void> {
    this.#openTurn++;
    this.opened = { entry, html: null };
    this.openedBySave = false;
    this.composing = false;
    this.showingData = false;
    await Promise.all([this.#renderOpened(entry), this.refresh()]);
  }

  dismissError(): void {
    this.error = null;
  }

  /** Says a failure from elsewhere in the window (e.g. the "Journal data" screen) in the alert. */
  showError(reason: unknown): void {
    this.error = toAppError(reason);
  }

  /** Reloads the list (and the search) after entries arrived from outside, e.g. an import. */
  async refresh(): Promise<void> {
    const query = this.query.trim();
    await Promise.all([this.load(), query === "" ? Promise.resolve() : this.#search(query)]);
  }

  /** After a restore the journal is another one: the open entry may be gone, so it closes. */
  async replaced(): Promise<void> {
    this.#openTurn++;
    this.opened = null;
    this.openedBySave = false;
    await this.refresh();
  }

  async #renderOpened(entry: Entry): Promise<void> {
    const turn = this.#openTurn;
    try {
      const html = await renderMarkdown(entry.body);
      if (turn === this.#openTurn) this.opened = { entry, html };
    } catch (reason) {
      if (turn === this.#openTurn) this.error = toAppError(reason);
    }
  }
}
