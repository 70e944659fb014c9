// A stand-in for the Rust core in tests: answers the entry commands from an
// in-memory list through Tauri's own mockIPC, and records every call so
// tests can check the names and arguments the UI sends. Never bundled.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Entry, EntryDraft, EntrySummary, ListFilter, SearchHit } from "../api/types";

export type Call = { command: string; args: Record<string, unknown> };
type Override = (args: Record<string, unknown>) => unknown;

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
    ...fields,
  };
}

function summary(e: Entry): EntrySummary {
  const { id, kind, title, occurred_on, tags, starred, updated_at } = e;
  return { id, kind, title, occurred_on, tags, starred, updated_at };
}

export class FakeCore {
  entries: Entry[];
  calls: Call[] = [];
  /** Per-command replacements, e.g. to reject with a core error. */
  overrides = new Map<string, Override>();
  #next = 1;

  constructor(entries: Entry[] = []) {
    this.entries = entries;
    mockIPC((command, payload) => this.#handle(command, (payload ?? {}) as Record<string, unknown>));
  }

  static uninstall(): void {
    clearMocks();
  }

  callsOf(command: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.args);
  }

  #handle(command: string, args: Record<string, unknown>): unknown {
    this.calls.push({ command, args });
    const override = this.overrides.get(command);
    if (override) return override(args);
    switch (command) {
      case "list_entries": {
        const { limit, offset } = args.filter as ListFilter;
        const sorted = [...this.entries].sort((a, b) => b.occurred_on.localeCompare(a.occurred_on));
        const start = offset ?? 0;
        return sorted.slice(start, start + (limit ?? 50)).map(summary);
      }
      case "search_entries": {
        const words = String(args.query).toLowerCase().split(/\s+/);
        return this.entries
          .filter((e) => words.every((w) => `${e.title} ${e.body}`.toLowerCase().includes(w)))
          .map((e): SearchHit => ({ entry: summary(e), snippet: [{ text: e.body, hit: true }] }));
      }
      case "get_entry": {
        const found = this.entries.find((e) => e.id === args.id);
        if (!found) throw { code: "entry_not_found", message: "There is no entry with this id." };
        return found;
      }
      case "create_entry": {
        const draft = args.draft as EntryDraft;
        const created = entry({ ...draft, id: `e${this.#next++}`, occurred_on: draft.occurred_on ?? "2026-05-01" });
        this.entries.push(created);
        return created;
      }
      case "render_markdown":
        return `<p>${String(args.markdown)}</p>`;
      default:
        throw { code: "unknown_command", message: `The fake core has no ${command}.` };
    }
  }
}
