import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import { createEntry, deleteEntry, getEntry, listEntries, searchEntries, updateEntry } from "./entries";
import { AppError } from "./errors";
import { renderMarkdown } from "./markdown";
import type { EntryDraft } from "./types";

type Sent = { command: string; args: unknown };

/** Records what reaches the core and answers with `reply`. */
function recordCalls(reply: (command: string) => unknown = () => null): Sent[] {
  const sent: Sent[] = [];
  mockIPC((command, args) => {
    sent.push({ command, args });
    return reply(command);
  });
  return sent;
}

const draft: EntryDraft = {
  kind: "experiment",
  title: "Let the team run the weekly",
  body: "If I stay quiet, I expect …",
  tags: ["delegation"],
  occurred_on: "2026-05-04",
  starred: false,
};

describe("the entries commands", () => {
  test("listing sends the filter under the key `filter`", async () => {
    const sent = recordCalls(() => []);
    await listEntries({ limit: 101, offset: 0 });
    expect(sent).toEqual([{ command: "list_entries", args: { filter: { limit: 101, offset: 0 } } }]);
  });

  test("listing without a filter sends an empty one, which the core reads as its defaults", async () => {
    const sent = recordCalls(() => []);
    await listEntries();
    expect(sent[0].args).toEqual({ filter: {} });
  });

  test("searching sends the query and the filter as separate keys", async () => {
    const sent = recordCalls(() => []);
    await searchEntries("meeting", { kind: "reflection" });
    expect(sent).toEqual([{ command: "search_entries", args: { query: "meeting", filter: { kind: "reflection" } } }]);
  });

  test("reading, saving and deleting send exactly the arguments the Rust commands name", async () => {
    const sent = recordCalls();
    await getEntry("a1");
    await createEntry(draft);
    await createEntry(draft, "p1");
    await updateEntry("a1", draft);
    await deleteEntry("a1");
    expect(sent).toEqual([
      { command: "get_entry", args: { id: "a1" } },
      { command: "create_entry", args: { draft, project: null } },
      { command: "create_entry", args: { draft, project: "p1" } },
      { command: "update_entry", args: { id: "a1", draft } },
      { command: "delete_entry", args: { id: "a1" } },
    ]);
  });

  test("the draft keeps its snake_case field names on the way to the core", async () => {
    const sent = recordCalls();
    await createEntry(draft);
    const args = sent[0].args as { draft: Record<string, unknown> };
    expect(Object.keys(args.draft).sort()).toEqual(["body", "kind", "occurred_on", "starred", "tags", "title"]);
  });

  test("the answer of the core is returned as it came", async () => {
    const hits = [{ entry: { id: "a1", title: "T" }, snippet: [{ text: "meet", hit: true }] }];
    recordCalls(() => hits);
    await expect(searchEntries("meet")).resolves.toEqual(hits);
  });

  test("rendering Markdown sends the text under the key `markdown` and returns the HTML", async () => {
    const sent = recordCalls(() => "<p><em>hi</em></p>");
    await expect(renderMarkdown("*hi*")).resolves.toBe("<p><em>hi</em></p>");
    expect(sent).toEqual([{ command: "render_markdown", args: { markdown: "*hi*" } }]);
  });
});

describe("errors from the core", () => {
  test("a core error rejects as an AppError with the core's code and message", async () => {
    mockIPC(() => Promise.reject({ code: "entry_not_found", message: "There is no entry a1." }));
    const failure = getEntry("a1");
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: "entry_not_found", message: "There is no entry a1." });
  });

  test("a rejection that is not a core error becomes code unknown", async () => {
    mockIPC(() => {
      throw "command create_entry not found";
    });
    await expect(createEntry(draft)).rejects.toMatchObject({
      code: "unknown",
      message: "command create_entry not found",
    });
  });
});
