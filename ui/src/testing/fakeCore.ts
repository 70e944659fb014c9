// A stand-in for the Rust core in tests: answers the entry, import, export
// and backup commands from in-memory lists through Tauri's own mockIPC, and
// records every call so tests can check the names and arguments the UI
// sends. Never bundled.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, vi } from "vitest";
import type { Answer, CommandName } from "../api/ipc";
import { KINDS } from "../api/types";
import type {
  AccessStatus,
  BackupInfo,
  Entry,
  EntryDraft,
  EntrySummary,
  ExportSummary,
  ImportPreview,
  JournalStatus,
  Kind,
  ListFilter,
  PendingImport,
  SearchHit,
} from "../api/types";

export type Call = { command: string; args: Record<string, unknown> };
type Override = (args: Record<string, unknown>) => unknown;
/** One answer per command the window may call, as the Rust command types it. */
type Handlers = { [K in CommandName]?: (args: Record<string, unknown>) => Answer<K> };

export function entry(fields: Partial<Entry> & { id: string; title: string }): Entry {
  return {
    kind: "reflection",
    occurred_on: "2026-05-01",
    tags: [],
    starred: false,
    updated_at: "2026-05-01T09:00:00+02:00",
    created_at: "2026-05-01T09:00:00+02:00",
    body: "",
    revision: 1,
    deleted_at: null,
    project: null,
    ...fields,
  };
}

export function preview(fields: Partial<ImportPreview> = {}): ImportPreview {
  return {
    source: "jrnl",
    new_entries: 0,
    already_imported: 0,
    first_day: null,
    last_day: null,
    tags: [],
    skipped: [],
    not_imported: [],
    dated_by_modification_time: [],
    ...fields,
  };
}

export function backup(id: string, taken_at: string, fields: Partial<BackupInfo> = {}): BackupInfo {
  return { id, path: `/journal/backups/${id}.sqlite3`, taken_at, entries: 3, bytes: 2_400_000, ...fields };
}

/** An earlier version of an entry, for `FakeCore.revisions`. */
export function revision(
  fields: Partial<import("../api/types").Revision> & { revision: number },
): import("../api/types").Revision {
  return {
    kind: "reflection",
    title: "",
    body: "",
    tags: [],
    occurred_on: "2026-05-01",
    starred: false,
    saved_at: "2026-05-01T09:00:00+02:00",
    ...fields,
  };
}

/** An entry as its current version. */
function asRevision(e: Entry): import("../api/types").Revision {
  const { revision, kind, title, body, tags, occurred_on, starred, updated_at } = e;
  return { revision, kind, title, body, tags, occurred_on, starred, saved_at: updated_at };
}

function summary(e: Entry): EntrySummary {
  const { id, kind, title, occurred_on, tags, starred, updated_at } = e;
  return { id, kind, title, occurred_on, tags, starred, updated_at };
}

export class FakeCore {
  entries: Entry[];
  calls: Call[] = [];
  /** What each kind's template holds (list_templates). */
  templateBodies: Partial<Record<Kind, string>> = { reflection: "## What happened?\n\n", outcome: "## What did I expect?\n\n" };
  /** Per-command replacements, e.g. to reject with a core error. */
  overrides = new Map<CommandName, Override>();
  /** What the next choose_import finds; null answers as a person who closed the dialog. */
  importSource: { source_name: string; preview: ImportPreview } | null = null;
  /** When true, export_journal answers as a person who closed the save dialog. */
  exportCancelled = false;
  /** What the next choose_praxis_import finds: a plain export (no passphrase) or an encrypted one and its passphrase; null answers as a closed dialog. */
  praxisExport: { source_name: string; passphrase: string | null; report: import("../api/types").ImportReport } | null = null;
  #praxisWaiting = new Map<number, { passphrase: string; report: import("../api/types").ImportReport }>();
  /** Newest first, as the core lists them. */
  backups: BackupInfo[] = [];
  /** What journal_status answers; healthy and checked unless a test says otherwise. */
  status: JournalStatus = {
    data_dir: "/home/person/.local/share/Praxis",
    damaged: false,
    problem_code: null,
    read_only: false,
    newest_backup: null,
    problem: null,
    checked: true,
  };
  /** What access_status answers: an open journal unless a test says otherwise. */
  access: AccessStatus = { state: "open", recovery_key: null, protected_by: null, app_lock: null };
  /** The journal's passphrase (passphrase and recovery screens) and the app lock's. */
  passphrase = "walking by the river";
  recoveryKey = "ABCDE-FGHIJ-KLMNO";
  appLockPassphrase: string | null = null;
  coaches: import("../api/types").Coach[] = [];
  inbox: import("../api/types").InboxShare[] = [];
  /** Coach feedback by the id of the entry it is about. */
  feedback = new Map<string, Entry[]>();
  /** The entries a backup holds, put back by restore_backup (when known). */
  backupContents = new Map<string, Entry[]>();
  /** The person's own templates (set_template); a kind without one lists its `templateBodies` text as built in. */
  ownTemplates = new Map<Kind, import("../api/types").Template>();
  /** What get_preferences answers: the core's defaults unless a test says otherwise. */
  preferences: import("../api/types").Preferences = { theme: "system", editor_font_size: 17, show_preview: true, last_view: null };
  /** Each entry's earlier versions by entry id, in any order (the current one is the entry itself). */
  revisions = new Map<string, import("../api/types").Revision[]>();
  /** The projects (list_projects) and which project each entry belongs to. */
  projects: import("../api/action").Project[] = [];
  entryProjects = new Map<string, string>();
  /** When a save (revert_entry) or a move to the trash happens. */
  now = "2026-05-10T14:00:00+02:00";
  #pending = new Map<number, ImportPreview>();
  #next = 1;

  constructor(entries: Entry[] = []) {
    this.entries = entries;
    mockIPC((command, payload) => this.#handle(command, (payload ?? {}) as Record<string, unknown>));
  }

  static uninstall(): void {
    clearMocks();
  }

  callsOf(command: CommandName): Record<string, unknown>[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.args);
  }

  /** Live entries that the filter keeps, as the core narrows them. */
  #narrowed(filter: ListFilter = {}): Entry[] {
    return this.entries.filter(
      (e) =>
        (e.deleted_at ?? null) === null &&
        (!filter.kind || e.kind === filter.kind) &&
        (!filter.tag || e.tags.includes(filter.tag)) &&
        (!filter.starred || e.starred) &&
        (!filter.from || e.occurred_on >= filter.from) &&
        (!filter.to || e.occurred_on <= filter.to) &&
        (!filter.project || this.entryProjects.get(e.id) === filter.project),
    );
  }

  #handle(command: string, args: Record<string, unknown>): unknown {
    this.calls.push({ command, args });
    const override = this.overrides.get(command as CommandName);
    if (override) return override(args);
    return this.answer(command, args);
  }

  /** What the core answers, without overrides and without being recorded (for overrides that answer later). */
  answer(command: string, args: Record<string, unknown>): unknown {
    const handler = this.#handlers[command as CommandName] as ((args: Record<string, unknown>) => unknown) | undefined;
    if (!handler) throw { code: "unknown_command", message: `The fake core has no ${command}.` };
    return handler(args);
  }

  /** The fake's answers, typed by the generated command map: a renamed
   *  command, or a field the core no longer sends, fails `npm run check`. */
  #handlers: Handlers = {
    list_entries: (args) => {
      const { limit, offset } = args.filter as ListFilter;
      const sorted = this.#narrowed(args.filter as ListFilter).sort((a, b) => b.occurred_on.localeCompare(a.occurred_on));
      const start = offset ?? 0;
      return sorted.slice(start, start + (limit ?? 50)).map(summary);
    },
    timeline_days: (args) => {
      const counts = new Map<string, number>();
      for (const e of this.#narrowed(args.filter as ListFilter)) counts.set(e.occurred_on, (counts.get(e.occurred_on) ?? 0) + 1);
      return [...counts].sort((a, b) => b[0].localeCompare(a[0])).map(([day, entries]) => ({ day, entries }));
    },
    autosave_entry: (args) => {
      const i = this.entries.findIndex((e) => e.id === args.id && (e.deleted_at ?? null) === null);
      if (i < 0) throw { code: "entry_not_found", message: "There is no entry with this id." };
      const draft = args.draft as EntryDraft;
      const before = this.entries[i];
      const revision = args.session === null ? before.revision + 1 : before.revision;
      this.entries[i] = { ...before, ...draft, occurred_on: draft.occurred_on ?? before.occurred_on, revision };
      return this.entries[i];
    },
    search_entries: (args) => {
      const words = String(args.query).toLowerCase().split(/\s+/);
      return this.#narrowed(args.filter as ListFilter)
        .filter((e) => words.every((w) => `${e.title} ${e.body}`.toLowerCase().includes(w)))
        .map((e): SearchHit => ({ entry: summary(e), snippet: [{ text: e.body, hit: true }] }));
    },
    list_templates: () => {
      return KINDS.map(
        (kind) => this.ownTemplates.get(kind) ?? { kind, body: this.templateBodies[kind] ?? "", built_in: true, updated_at: null },
      );
    },
    list_tags: () => {
      const uses = new Map<string, number>();
      for (const e of this.#narrowed()) for (const t of e.tags) uses.set(t, (uses.get(t) ?? 0) + 1);
      return [...uses]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([tag, entries]) => ({ tag, entries }));
    },
    get_entry: (args) => {
      const found = this.entries.find((e) => e.id === args.id);
      if (!found) throw { code: "entry_not_found", message: "There is no entry with this id." };
      return { ...found, project: this.entryProjects.get(found.id) ?? null };
    },
    create_entry: (args) => {
      const draft = args.draft as EntryDraft;
      const project = (args.project as string | null) ?? null;
      if (project !== null && !this.projects.some((p) => p.id === project))
        throw { code: "project_not_found", message: "There is no such project. It may have been deleted." };
      const created = entry({ ...draft, id: `e${this.#next++}`, occurred_on: draft.occurred_on ?? "2026-05-01", project });
      this.entries.push(created);
      if (project !== null) this.entryProjects.set(created.id, project);
      return created;
    },
    render_markdown: (args) =>
      `<p>${String(args.markdown)}</p>`,
    choose_import: () => {
      if (this.importSource === null) return null;
      const token = this.#next++;
      this.#pending.set(token, this.importSource.preview);
      return { token, ...this.importSource } satisfies PendingImport;
    },
    confirm_import: (args) =>
      this.#confirmImport(Number(args.token), args.undated === "skip"),
    cancel_import: (args) => {
      this.#pending.delete(Number(args.token));
      return null;
    },
    export_journal: (args) =>
      this.exportCancelled ? null : this.#export(args.filter as ListFilter),
    export_praxis: (args) => {
      if (args.passphrase !== null && String(args.passphrase).length < 8)
        throw { code: "invalid_input", message: "Choose a passphrase of at least 8 characters." };
      return this.exportCancelled ? null : { entries: this.entries.length, records: this.entries.length + this.projects.length };
    },
    choose_praxis_import: () => {
      const found = this.praxisExport;
      if (found === null) return null;
      if (found.passphrase === null) return { state: "imported", source_name: found.source_name, report: this.#importPraxis(found.report) };
      const token = this.#next++;
      this.#praxisWaiting.set(token, { passphrase: found.passphrase, report: found.report });
      return { state: "needs_passphrase", token, source_name: found.source_name };
    },
    import_praxis_with_passphrase: (args) => {
      const waiting = this.#praxisWaiting.get(Number(args.token));
      if (!waiting) throw { code: "not_found", message: "That export is no longer waiting. Choose the file again." };
      if (args.passphrase !== waiting.passphrase)
        throw {
          code: "share_wrong_passphrase",
          message: "That passphrase does not open this export. Nothing was imported. Type the passphrase chosen when the export was made.",
        };
      this.#praxisWaiting.delete(Number(args.token));
      return this.#importPraxis(waiting.report);
    },
    cancel_praxis_import: (args) => {
      this.#praxisWaiting.delete(Number(args.token));
      return null;
    },
    list_backups: () =>
      this.backups,
    backup_now: () =>
      this.#backUp("manual"),
    restore_backup: (args) =>
      this.#restore(String(args.id)),
    journal_status: () =>
      this.status,
    access_status: () =>
      this.access,
    unlock_with_passphrase: (args) => {
      if (args.passphrase !== this.passphrase)
        throw { code: "wrong_passphrase", message: "That passphrase does not open the journal." };
      this.access = { ...this.access, state: "open" };
      return this.access;
    },
    unlock_with_recovery_key: (args) => {
      if (args.recoveryKey !== this.recoveryKey)
        throw { code: "wrong_key", message: "This key does not open the journal." };
      this.access = { ...this.access, state: "open" };
      return this.access;
    },
    confirm_recovery_key: () => {
      this.access = { ...this.access, recovery_key: null };
      return null;
    },
    set_app_lock: (args) => {
      if (!args.enabled) {
        this.appLockPassphrase = null;
        this.access = { ...this.access, app_lock: null };
        return this.access;
      }
      if (typeof args.passphrase === "string") this.appLockPassphrase = args.passphrase;
      this.access = { ...this.access, app_lock: { idle_minutes: Number(args.idleMinutes) } };
      return this.access;
    },
    lock_app: () => {
      this.access = { ...this.access, state: "app_locked" };
      return null;
    },
    unlock_app: (args) => {
      if (args.passphrase !== this.appLockPassphrase)
        throw { code: "wrong_passphrase", message: "That passphrase does not open the journal." };
      this.access = { ...this.access, state: "open" };
      return this.access;
    },
    open_external: () =>
      null,
    sharing_key: () => ({ public_key: "age1participantkeyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", fingerprint: "ABCD-EFGH-IJKL", name: "Alex" }),
    list_coaches: () =>
      this.coaches,
    prepare_share: (args) => {
      const selections = args.selections as { entry_id: string; type: string; start?: number; end?: number }[];
      const redactions = args.redactions as { find: string; replace: string }[];
      const redact = (t: string) => redactions.reduce((acc, r) => acc.split(r.find).join(r.replace), t);
      const items = selections.map((sel) => {
        const e = this.entries.find((x) => x.id === sel.entry_id)!;
        const text = sel.type === "excerpt" ? [...e.body].slice(sel.start, sel.end).join("") : e.body;
        return { entry_id: e.id, kind: e.kind, title: redact(e.title), occurred_on: e.occurred_on, tags: e.tags, markdown: redact(text), excerpt: sel.type === "excerpt" };
      });
      const document = { format: "praxis-share", version: 1, id: "s1", created_at: "2026-05-03T09:00:00+02:00", from: { name: "Alex", public_key: "age1p" }, note: String(args.note), items };
      return { token: 7, document, text: JSON.stringify(document, null, 2) };
    },
    generate_share_passphrase: () =>
      "correct-horse-battery-staple-lamp-river",
    send_share: (args) => ({ file: args.asText ? null : "praxis-share-2026-05-03.age", armored_text: args.asText ? "-----BEGIN AGE ENCRYPTED FILE-----\n…" : null, sha256: "ab".repeat(32) }),
    share_log: () =>
      [],
    inbox: () =>
      this.inbox,
    feedback_reply: () => ({ file: null, armored_text: "-----BEGIN AGE ENCRYPTED FILE-----\nreply" }),
    feedback_on: (args) =>
      this.feedback.get(String(args.id)) ?? [],
    set_template: (args) => {
      const kind = args.kind as Kind;
      const body = String(args.body);
      if ([...body].length > 20_000)
        throw { code: "out_of_range", message: "A template can hold at most 20,000 characters." };
      // Saving exactly the built-in text makes the kind built-in again, as the core does.
      if (body === (this.templateBodies[kind] ?? "")) {
        this.ownTemplates.delete(kind);
        return { kind, body, built_in: true, updated_at: null };
      }
      const saved = { kind, body, built_in: false, updated_at: "2026-05-10T14:00:00+02:00" };
      this.ownTemplates.set(kind, saved);
      return saved;
    },
    reset_template: (args) => {
      const kind = args.kind as Kind;
      this.ownTemplates.delete(kind);
      return { kind, body: this.templateBodies[kind] ?? "", built_in: true, updated_at: null };
    },
    get_preferences: () =>
      this.preferences,
    set_preferences: (args) => {
      const wanted = args.preferences as import("../api/types").Preferences;
      if (!(wanted.editor_font_size >= 12 && wanted.editor_font_size <= 28))
        throw { code: "out_of_range", message: `The text size ${wanted.editor_font_size} is out of range. Choose a size from 12 to 28.` };
      this.preferences = { ...wanted };
      return this.preferences;
    },
    reveal_data_folder: () =>
      null,
    list_projects: () =>
      this.projects,
    set_entry_project: (args) => {
      const [id, project] = [args.id as string, args.project as string | null];
      if (!this.entries.some((e) => e.id === id)) throw { code: "entry_not_found", message: "There is no entry with this id." };
      if (project === null) this.entryProjects.delete(id);
      else if (!this.projects.some((p) => p.id === project))
        throw { code: "project_not_found", message: "There is no such project. It may have been deleted." };
      else this.entryProjects.set(id, project);
      return null;
    },
    delete_entry: (args) => {
      const found = this.#entry(args.id);
      if (found.deleted_at === null) found.deleted_at = this.now;
      return null;
    },
    list_trash: () =>
      this.entries.filter((e) => e.deleted_at !== null).map(summary),
    restore_entry: (args) => {
      const found = this.#entry(args.id);
      if (found.deleted_at === null) throw { code: "entry_not_in_trash", message: "This entry is not in the trash." };
      found.deleted_at = null;
      return { ...found };
    },
    empty_trash: () => {
      const kept = this.entries.filter((e) => e.deleted_at === null);
      const deleted = this.entries.length - kept.length;
      this.entries = kept;
      return deleted;
    },
    entry_history: (args) => {
      const found = this.#entry(args.id);
      const earlier = [...(this.revisions.get(found.id) ?? [])].sort((a, b) => b.revision - a.revision);
      return [asRevision(found), ...earlier].map((r, index) => ({
        revision: r.revision,
        title: r.title,
        saved_at: r.saved_at,
        current: index === 0,
        words: r.body.split(/\s+/).filter(Boolean).length,
      }));
    },
    get_revision: (args) =>
      this.#revision(args.id, Number(args.revision)),
    revert_entry: (args) => {
      const found = this.#entry(args.id);
      const old = this.#revision(found.id, Number(args.revision));
      // A revert is a new save: the version it replaces joins the history.
      this.revisions.set(found.id, [...(this.revisions.get(found.id) ?? []), asRevision(found)]);
      const { kind, title, body, tags, occurred_on, starred } = old;
      Object.assign(found, { kind, title, body, tags, occurred_on, starred, revision: found.revision + 1, updated_at: this.now });
      return { ...found };
    },
  };

  /** Any entry, live or in the trash, as load_entry finds it. */
  #entry(id: unknown): Entry {
    const found = this.entries.find((e) => e.id === id);
    if (!found) throw { code: "entry_not_found", message: "There is no entry with this id." };
    return found;
  }

  /** One version of an entry: the current one or an earlier one from `revisions`. */
  #revision(id: unknown, wanted: number): import("../api/types").Revision {
    const found = this.#entry(id);
    if (wanted === found.revision) return asRevision(found);
    const old = this.revisions.get(found.id)?.find((r) => r.revision === wanted);
    if (!old) throw { code: "revision_not_found", message: `This entry has no version ${wanted}.` };
    return old;
  }

  #confirmImport(token: number, skipUndated: boolean): ImportPreview {
    let pending = this.#pending.get(token);
    if (!pending) throw { code: "import_not_found", message: "This import was already finished or cancelled." };
    this.#pending.delete(token);
    if (skipUndated) {
      const undated = pending.dated_by_modification_time;
      pending = {
        ...pending,
        new_entries: pending.new_entries - undated.length,
        skipped: [...pending.skipped, ...undated.map((location) => ({ location, reason: "no date" }))],
        dated_by_modification_time: [],
      };
    }
    for (let i = 0; i < pending.new_entries; i++) {
      const id = `i${this.#next++}`;
      this.entries.push(entry({ id, title: `Imported ${id}`, occurred_on: pending.first_day ?? "2026-05-01" }));
    }
    return pending;
  }

  /** Adds the report's new entries to the journal, as importing a Praxis export would. */
  #importPraxis(report: import("../api/types").ImportReport): import("../api/types").ImportReport {
    for (let i = 0; i < report.imported; i++) {
      const id = `p${this.#next++}`;
      this.entries.push(entry({ id, title: `From the export ${id}` }));
    }
    return report;
  }

  #export(filter: ListFilter): ExportSummary {
    const days = this.entries
      .map((e) => e.occurred_on)
      .filter((day) => (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to))
      .sort();
    return { entries: days.length, first_day: days[0] ?? null, last_day: days[days.length - 1] ?? null };
  }

  #backUp(reason: string): BackupInfo {
    const taken = new Date(Date.UTC(2026, 4, 10, 12, 0, this.#next++));
    const stamp = taken.toISOString().replace(/[-:]|\.\d+/g, "");
    const made = backup(`praxis-${stamp}-${reason}`, taken.toISOString(), { entries: this.entries.length });
    this.backups = [made, ...this.backups];
    this.backupContents.set(made.id, [...this.entries]);
    return made;
  }

  #restore(id: string): BackupInfo {
    const found = this.backups.find((b) => b.id === id);
    if (!found) throw { code: "backup_not_found", message: "There is no backup with this name." };
    this.#backUp("before-restore");
    const contents = this.backupContents.get(id);
    if (contents) this.entries = [...contents];
    return found;
  }
}

/** For a test file whose tests run on fake timers against a FakeCore: both
 * are put back after every test. */
export function useFakeTimersAndCore(): void {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    FakeCore.uninstall();
  });
}
