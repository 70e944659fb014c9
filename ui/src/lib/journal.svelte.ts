// The state of the journal window: the timeline, the search, the entry in
// the editor and the last error. Components read it and call its
// methods; it talks to the core only through src/api/. Which pane the
// window shows (this entry, or a screen in front of it) is App.svelte's
// route (lib/route.ts), not the journal's.
import { listProjects, type Project } from "../api/action";
import { deleteEntry, getEntry, listTags, searchEntries } from "../api/entries";
import { toAppError, type AppError } from "../api/errors";
import { renderMarkdown } from "../api/markdown";
import { listTemplates } from "../api/writing";
import type { Entry, Kind, ListFilter, SearchHit } from "../api/types";
import { debounce } from "./debounce";
import { Editing } from "./editing.svelte";
import { PAGE_SIZE, Timeline } from "./timeline.svelte";

/** The pause in typing after which a search runs: short, because the
 *  core answers a prefix search over 100,000 entries in milliseconds. */
export const SEARCH_DELAY_MS = 60;
/** Searches as you type start at this many characters; a shorter query is
 *  searched on Enter. One letter matches nearly every entry, and no index is
 *  that short: in 100,000 entries `t` takes 0.4 s, and the word typed next
 *  waited for it (make bench-window). */
export const SEARCH_AS_YOU_TYPE_FROM = 2;

/** A read-only entry on screen (coach feedback); `html` is null when rendering failed. */
export type OpenEntry = { entry: Entry; html: string | null };

/** The narrowing a person chooses; blank fields narrow nothing. */
export type Filter = Pick<ListFilter, "kind" | "tag" | "from" | "to" | "starred" | "project">;

/** Drops blank fields, so the core is sent only what narrows. */
export function cleanFilter(filter: Filter): Filter {
  const clean: Filter = {};
  if (filter.kind) clean.kind = filter.kind;
  if (filter.tag?.trim()) clean.tag = filter.tag.trim();
  if (filter.from) clean.from = filter.from;
  if (filter.to) clean.to = filter.to;
  if (filter.starred) clean.starred = true;
  if (filter.project) clean.project = filter.project;
  return clean;
}

/** How many filters narrow the list. */
export function activeFilters(filter: Filter): number {
  return Object.keys(cleanFilter(filter)).length;
}

/** What the list shows of an entry: when it changes, the list loads again. */
function listedAs(entry: Entry): string {
  return JSON.stringify([entry.title, entry.kind, entry.occurred_on, entry.tags, entry.starred]);
}

export class Journal {
  /** Every entry the filters keep, by day, fetched as it scrolls into view. */
  timeline = new Timeline();
  /** The search box's text. */
  query = $state("");
  /** What the list and the search are narrowed to (kind, tag, days, starred). */
  filter = $state.raw<Filter>({});
  /** Tags in use, most used first: what the tag filter and the editor offer. */
  tags = $state.raw<string[]>([]);
  /** The projects, the latest started first: what the project filter and the editor offer. */
  projects = $state.raw<Project[]>([]);
  /** Results for the current query; null while not searching or not yet answered. */
  hits = $state.raw<SearchHit[] | null>(null);
  searching = $state(false);
  /** The entry in the editor, new or saved. */
  editing = $state.raw<Editing | null>(null);
  /** A read-only entry (coach feedback is the coach's words, not the writer's). */
  opened = $state.raw<OpenEntry | null>(null);
  error = $state.raw<AppError | null>(null);

  #searchTurn = 0;
  #openTurn = 0;
  #searchLater = debounce((query: string) => void this.#search(query), SEARCH_DELAY_MS);
  #templates = new Map<Kind, string>();

  get loaded(): boolean {
    return this.timeline.loaded;
  }

  get isSearching(): boolean {
    return this.query.trim() !== "";
  }

  /** Nothing written yet: the window explains what Praxis is for. */
  get isEmpty(): boolean {
    return this.loaded && this.timeline.total === 0 && !this.isSearching && !this.isFiltered;
  }

  get isFiltered(): boolean {
    return activeFilters(this.filter) > 0;
  }

  /** The id of the entry in the main area, if any. */
  get currentId(): string | null {
    return this.editing?.entry?.id ?? this.opened?.entry.id ?? null;
  }

  /** Narrows (or widens) the list and the search; both load again. */
  async setFilter(filter: Filter): Promise<void> {
    this.filter = cleanFilter(filter);
    await this.refresh();
  }

  /** Loads the timeline (and the tags) again. */
  async load(): Promise<void> {
    try {
      await this.timeline.load({ ...this.filter });
    } catch (reason) {
      this.error = toAppError(reason);
    }
    // After the timeline: the commands share one connection, and counting
    // every tag's uses must not hold back the first page.
    void listTags()
      .then((tags) => (this.tags = tags.map(({ tag }) => tag)))
      .catch(() => (this.tags = []));
    void this.loadProjects();
  }

  /** Loads the projects again (after one was made, renamed or deleted). */
  async loadProjects(): Promise<void> {
    try {
      this.projects = await listProjects();
    } catch {
      return; // the list stays as it was, and so does the filter
    }
    // A filter on a project that is gone narrows to nothing: it goes too.
    const project = this.filter.project;
    if (project && !this.projects.some((p) => p.id === project)) await this.setFilter({ ...this.filter, project: null });
  }

  /** Follows the search box: searches after a pause in typing, stops when it is cleared. */
  setQuery(text: string): void {
    this.query = text;
    const query = text.trim();
    if (!this.#wanted(query)) {
      this.#searchLater.cancel();
      this.#searchTurn++;
      this.hits = null;
      this.searching = false;
      return;
    }
    this.searching = true;
    this.#searchLater(query);
  }

  /** Searches what the search box holds now, however short (Enter). */
  searchNow(): void {
    const query = this.query.trim();
    if (query === "") return;
    this.#askedFor = query;
    this.#searchLater.cancel();
    this.searching = true;
    void this.#search(query);
  }

  /** Whether the query is too short to search as it is typed and waits for Enter. */
  get waitsForEnter(): boolean {
    const query = this.query.trim();
    return query !== "" && !this.#wanted(query);
  }

  /** A query shorter than SEARCH_AS_YOU_TYPE_FROM that Enter asked for. */
  #askedFor: string | null = $state(null);

  #wanted(query: string): boolean {
    return query !== "" && ([...query].length >= SEARCH_AS_YOU_TYPE_FROM || this.#askedFor === query);
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

  /** Saves what the editor holds. False (and the reason shown) when it could
   *  not be saved: the text stays in the editor and nothing else may replace it. */
  async flush(): Promise<boolean> {
    const editing = this.editing;
    if (editing === null || (await editing.save())) return true;
    this.error = editing.error;
    return false;
  }

  /** Puts one entry in the editor (coach feedback opens read-only). What was
   *  in the editor is saved first; if that fails it stays, and this says why. */
  async openEntry(id: string): Promise<boolean> {
    const turn = ++this.#openTurn;
    this.error = null;
    if (this.editing?.entry?.id === id) return true;
    if (!(await this.flush())) return false;
    try {
      const entry = await getEntry(id);
      if (turn !== this.#openTurn) return false;
      await this.#show(entry, turn);
      return turn === this.#openTurn;
    } catch (reason) {
      if (turn === this.#openTurn) this.error = toAppError(reason);
      return false;
    }
  }

  async #show(entry: Entry, turn: number): Promise<void> {
    this.editing?.forget();
    if (entry.kind === "coach_feedback" || entry.deleted_at !== null) {
      this.editing = null;
      this.opened = { entry, html: null };
      try {
        const html = await renderMarkdown(entry.body);
        if (turn === this.#openTurn) this.opened = { entry, html };
      } catch {
        // the text shows plain
      }
    } else {
      this.opened = null;
      this.#listed.set(entry.id, listedAs(entry));
      this.editing = Editing.forEntry(entry, {
        onsaved: (saved, created) => this.#saved(saved, created),
        onproject: () => this.#movedProject(),
      });
    }
  }

  /** Opens a new entry in the editor, starting from its kind's template
   *  (Settings → Templates), or from `start` (the weekly review's lists).
   *  Either counts as untouched until the writer adds to it. What was in
   *  the editor is saved first; an untouched new entry is simply reused. */
  async startNew(kind: Kind = "reflection", start: string | null = null): Promise<boolean> {
    this.error = null;
    const current = this.editing;
    if (current !== null && current.isNew && !current.touched && start === null) {
      if (current.fields.kind !== kind) current.changeKind(kind, this.#templates.get(kind) ?? null);
      return true;
    }
    if (!(await this.flush())) return false;
    this.#openTurn++;
    this.opened = null;
    current?.forget();
    const editing = Editing.forNew(kind, start ?? this.#templates.get(kind) ?? "", {
      onsaved: (saved, created) => this.#saved(saved, created),
      onproject: () => this.#movedProject(),
    });
    this.editing = editing;
    if (start === null && this.#templates.size === 0) {
      try {
        for (const t of await listTemplates()) this.#templates.set(t.kind, t.body);
      } catch {
        return true; // no template: the entry starts blank, which loses nothing
      }
      editing.useTemplate(this.#templates.get(editing.fields.kind) ?? "");
    }
    return true;
  }

  /** The template of `kind`, if known (the editor's kind menu asks). */
  templateOf(kind: Kind): string | null {
    return this.#templates.get(kind) ?? null;
  }

  /** Templates changed in Settings: the next new entry reads them again. */
  templatesChanged(): void {
    this.#templates.clear();
  }

  #saved(entry: Entry, created: boolean): void {
    // The list shows title, kind, day, tags and star: it loads again when one
    // of them changed; a search runs again, since the words may have.
    const before = this.#listed.get(entry.id);
    const summary = listedAs(entry);
    this.#listed.set(entry.id, summary);
    if (created || before !== summary) {
      void this.refresh();
    } else if (this.#wanted(this.query.trim())) {
      void this.#search(this.query.trim());
    }
  }

  #listed = new Map<string, string>();

  /** An entry changed project: a list narrowed to one shows it, or no longer. */
  #movedProject(): void {
    if (this.filter.project) void this.refresh();
  }

  /** Closes the editor, after saving what it holds. */
  async close(): Promise<boolean> {
    const [editing, opened] = [this.editing, this.opened];
    if (!(await this.flush())) return false;
    this.#letGo(editing, opened);
    return true;
  }

  /** Empties the main area, unless another entry was opened meanwhile. */
  #letGo(editing: Editing | null, opened: OpenEntry | null): void {
    if (this.editing === editing) {
      editing?.forget();
      this.editing = null;
    }
    if (this.opened === opened) this.opened = null;
  }

  /** Throws away the new entry in the editor (never saved). */
  discardNew(): void {
    if (this.editing?.isNew) {
      this.editing.forget();
      this.editing = null;
    }
  }

  /** Moves the entry in the editor (or the open one) to the trash, with its
   *  last words saved first; the list and search load again without it. */
  async trashOpened(): Promise<boolean> {
    const [editing, opened, id] = [this.editing, this.opened, this.currentId];
    if (id === null && editing === null) return false;
    if (!(await this.flush())) return false;
    // A new entry's id is known once its first save (just now) returned.
    const trashed = id ?? editing?.entry?.id ?? null;
    if (trashed === null) return false;
    editing?.forget();
    try {
      await deleteEntry(trashed);
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    }
    this.#letGo(editing, opened);
    await this.refresh();
    return true;
  }

  /** Shows `entry` as it now is (after a restore from the trash or from its history). */
  async showSaved(entry: Entry): Promise<void> {
    const turn = ++this.#openTurn;
    await Promise.all([this.#show(entry, turn), this.refresh()]);
  }

  dismissError(): void {
    this.error = null;
  }

  /** Says a failure from elsewhere in the window (e.g. the "Journal data" screen) in the alert. */
  showError(reason: unknown): void {
    this.error = toAppError(reason);
  }

  /** Reloads the list (and the search) after entries changed. */
  async refresh(): Promise<void> {
    const query = this.query.trim();
    await Promise.all([this.load(), this.#wanted(query) ? this.#search(query) : Promise.resolve()]);
  }

  /** After a restore the journal is another one: the open entry may be gone, so it closes. */
  async replaced(): Promise<void> {
    this.#openTurn++;
    this.editing?.forget();
    this.editing = null;
    this.opened = null;
    await this.refresh();
  }
}
