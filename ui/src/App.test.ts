// The window as a whole, driven the way people and the end-to-end tests use
// it: controls found by their role and accessible name, never by CSS class.
import { describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { today } from "./lib/dates";
import { alertRegion, button, editorText, field, list, select, text, type, typeInEditor } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore } from "./testing/fakeCore";

/** Mounts the window and waits until it shows the journal (after access_status). */
async function start(core: FakeCore): Promise<FakeCore> {
  show(App);
  await vi.waitFor(() => button("New entry"));
  return core;
}

const entriesList = () => list("Entries");
const rows = () => [...(entriesList()?.querySelectorAll<HTMLButtonElement>("li button") ?? [])];
const last = <T,>(items: T[]): T | undefined => items[items.length - 1];

describe("an empty journal", () => {
  test("explains the three things Praxis is for and offers to write the first reflection", async () => {
    await start(new FakeCore([]));
    await vi.waitFor(() => expect(text(document.body)).toContain("Write your first reflection"));
    for (const purpose of ["Reflect", "Experiment", "Share with your coach"]) {
      expect(text(document.querySelector("dl")), purpose).toContain(purpose);
    }
    button("Write your first reflection").click();
    await vi.waitFor(() => expect(field("Kind").value).toBe("reflection"));
    expect(document.activeElement, "the writer can start typing the title at once").toBe(field("Title"));
  });
});

describe("the editor", () => {
  test("has every control under the name the end-to-end tests use", async () => {
    await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    expect(field("Kind").tagName).toBe("SELECT");
    expect(field("Title").tagName).toBe("INPUT");
    expect(field("Date").type).toBe("date");
    expect(field("Date").value, "a new entry is about today unless the writer says otherwise").toBe(today());
    expect(field("Tags").getAttribute("role")).toBe("combobox");
    expect(field("Body").getAttribute("contenteditable"), "the text is a CodeMirror editor, not a textarea").toBe("true");
    expect(button("Star").getAttribute("aria-pressed")).toBe("false");
    expect(button("Save now").getAttribute("aria-keyshortcuts")).toBe("Control+S");
    expect(field("Search entries").type).toBe("search");
  });

  test("typing saves by itself after a pause, and the status says Saved only once the core answered", async () => {
    const core = new FakeCore([]);
    let answer: (() => void) | undefined;
    core.overrides.set("create_entry", (args) => {
      core.overrides.delete("create_entry");
      return new Promise((resolve) => (answer = () => resolve(core.answer("create_entry", args))));
    });
    await start(core);
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    type(field("Title"), "Written in the window");
    typeInEditor("Body", "The team *took over* the weekly meeting.");
    type(field("Tags"), "Delegation, meetings");
    const status = () => text(document.querySelector('[role="status"]'));
    await vi.waitFor(() => expect(status()).toBe("Unsaved changes"));
    await vi.waitFor(() => expect(status()).toBe("Saving…"), { timeout: 3000 });
    expect(core.callsOf("create_entry")[0]).toMatchObject({ draft: { tags: ["delegation", "meetings"], occurred_on: today() } });
    answer!();
    await vi.waitFor(() => expect(status()).toBe("Saved"));
    await vi.waitFor(() => expect(entriesList()?.querySelector("li button")).not.toBeNull());
    expect(text(entriesList()!.querySelector("li button")).startsWith("Written in the window")).toBe(true);
    await vi.waitFor(() => expect(text(document.querySelector('[aria-label="Preview"] p'))).toBe("The team *took over* the weekly meeting."));
    expect(core.callsOf("render_markdown"), "the preview is the core's rendering").toContainEqual({ markdown: "The team *took over* the weekly meeting." });
  });

  test("a failed save says so plainly, keeps every word, and the next change tries again", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Kept" })]);
    core.overrides.set("autosave_entry", () => Promise.reject({ code: "storage_full", message: "The disk is full." }));
    await start(core);
    await vi.waitFor(() => button("Kept"));
    button("Kept").click();
    await vi.waitFor(() => field("Body"));
    typeInEditor("Body", "Every word of this");
    button("Save now").click();
    const status = () => text(document.querySelector('[role="status"]'));
    await vi.waitFor(() => expect(status()).toContain("Not saved: The disk is full."));
    expect(editorText("Body")).toBe("Every word of this");
    core.overrides.delete("autosave_entry");
    typeInEditor("Body", "Every word of this, and more");
    expect(status(), "the failure stays on screen until a save succeeds").toContain("Not saved");
    await vi.waitFor(() => expect(status()).toBe("Saved"), { timeout: 3000 });
    expect(core.entries[0].body).toBe("Every word of this, and more");
  });

  test("the tags field suggests tags already in the journal, and Enter takes one", async () => {
    await start(new FakeCore([entry({ id: "a", title: "A", tags: ["delegation", "meetings"] })]));
    button("New entry").click();
    await vi.waitFor(() => field("Tags"));
    type(field("Tags"), "meetings, del");
    await vi.waitFor(() => expect(list("Tag suggestions") ?? document.querySelector('[role="listbox"]')).not.toBeNull());
    const options = () => [...document.querySelectorAll('[role="option"]')].map((o) => text(o));
    await vi.waitFor(() => expect(options()).toEqual(["delegation"]));
    field("Tags").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await vi.waitFor(() => expect(field("Tags").getAttribute("aria-activedescendant")).toBe("entry-tags-option-0"));
    field("Tags").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await vi.waitFor(() => expect(field("Tags").value).toBe("meetings, delegation, "));
  });
});

describe("templates", () => {
  test("a new entry starts from its kind's template, which follows the kind until the writer types", async () => {
    const core = new FakeCore([]);
    core.templateBodies = { reflection: "## What happened?\n\n", outcome: "## What did I expect?\n\n" };
    await start(core);
    button("New entry").click();
    await vi.waitFor(() => expect(editorText("Body")).toBe("## What happened?\n\n"));
    select(field("Kind"), "outcome");
    await vi.waitFor(() => expect(editorText("Body")).toBe("## What did I expect?\n\n"));
    typeInEditor("Body", "## What did I expect?\n\nThat they would object.");
    select(field("Kind"), "reflection");
    await Promise.resolve();
    expect(editorText("Body"), "what the writer typed is never replaced").toBe("## What did I expect?\n\nThat they would object.");
    expect(field("Kind").value).toBe("reflection");
  });

  test("without templates (the core could not answer) the entry starts blank", async () => {
    const core = new FakeCore([]);
    core.overrides.set("list_templates", () => {
      throw { code: "database", message: "no" };
    });
    await start(core);
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    await vi.waitFor(() => expect(core.callsOf("list_templates")).toHaveLength(1));
    expect(editorText("Body")).toBe("");
  });
});

describe("leaving a new entry", () => {
  test("Discard asks before throwing away what was written, and keeps it when the writer says so", async () => {
    const core = await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => field("Body"));
    type(field("Title"), "Half a thought");
    button("Discard").click();
    await vi.waitFor(() => button("Cancel", document.querySelector('[role="dialog"], dialog') ?? document));
    button("Cancel", document.querySelector('[role="dialog"], dialog') ?? document).click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"], dialog[open]')).toBeNull());
    expect(field("Title").value).toBe("Half a thought");
    button("Discard").click();
    await vi.waitFor(() => document.querySelector('[role="dialog"], dialog[open]'));
    const dialog = document.querySelector<HTMLElement>('[role="dialog"], dialog[open]')!;
    button("Discard", dialog).click();
    await vi.waitFor(() => expect(document.querySelector('[aria-label="New entry"]')).toBeNull());
    expect(core.callsOf("create_entry"), "discarding saves nothing").toEqual([]);
  });

  test("an untouched template closes at once and is never saved", async () => {
    const core = await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => expect(editorText("Body")).toBe("## What happened?\n\n"));
    button("Close").click();
    await vi.waitFor(() => expect(document.querySelector('[aria-label="New entry"]')).toBeNull());
    expect(core.callsOf("create_entry"), JSON.stringify(core.callsOf("create_entry"))).toEqual([]);
  });
});

describe("the list", () => {
  test("shows newest first with title, kind, day and tags, and opens an entry when clicked", async () => {
    await start(
      new FakeCore([
        entry({ id: "old", title: "Older", occurred_on: "2026-04-01" }),
        entry({ id: "new", title: "Team offsite", kind: "session_notes", occurred_on: "2026-05-02", tags: ["offsite"], body: "We agreed." }),
      ]),
    );
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    const [first, second] = rows();
    expect(text(first)).toBe("Team offsite Session notes offsite");
    expect(text(second).startsWith("Older")).toBe(true);
    const days = [...entriesList()!.querySelectorAll("h3")].map((h) => text(h));
    expect(days, "grouped by day, newest first").toEqual([expect.stringContaining("May"), expect.stringContaining("Apr")]);

    first.click();
    await vi.waitFor(() => expect(field("Title").value).toBe("Team offsite"));
    await vi.waitFor(() => expect(rows()[0].getAttribute("aria-current")).toBe("true"));
    expect(editorText("Body")).toBe("We agreed.");
  });

  test("filters narrow the list and the search, and clearing them shows every entry again", async () => {
    const core = await start(
      new FakeCore([
        entry({ id: "r", title: "A reflection", tags: ["team"], occurred_on: "2026-05-02" }),
        entry({ id: "x", title: "An experiment", kind: "experiment", occurred_on: "2026-05-01", body: "team" }),
      ]),
    );
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    button("Filters").click();
    await vi.waitFor(() => expect([...field("Only tag").options].map((o) => o.value)).toContain("team"));
    select(field("Only kind"), "experiment");
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(text(entriesList())).toContain("An experiment");
    expect(last(core.callsOf("timeline_days"))?.filter).toMatchObject({ kind: "experiment" });
    expect(last(core.callsOf("list_entries"))?.filter).toMatchObject({ kind: "experiment" });
    expect(text(button("Filters"))).toBe("Filters (1 on)");

    type(field("Search entries"), "nothing-like-this");
    await vi.waitFor(() => expect(text(document.body)).toContain("with these filters. Clear the filters"));
    expect(last(core.callsOf("search_entries"))?.filter).toMatchObject({ kind: "experiment" });

    type(field("Search entries"), "");
    button("Clear filters").click();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(last(core.callsOf("list_entries"))?.filter).not.toHaveProperty("kind");
  });

  test("one letter says to type another or press Enter, and Enter searches it", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Team day" }), entry({ id: "b", title: "Quiet" })]);
    await start(core);
    type(field("Search entries"), "t");
    await vi.waitFor(() => expect(text(document.body)).toContain("Type one more letter to search, or press Enter."));
    expect(core.callsOf("search_entries")).toEqual([]);
    expect(rows(), "the timeline stays").toHaveLength(2);
    field("Search entries").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await vi.waitFor(() => expect(core.callsOf("search_entries")).toEqual([{ query: "t", filter: expect.any(Object) }]));
    await vi.waitFor(() => expect(text(document.body)).not.toContain("Type one more letter"));
  });

  test("search results mark the hits, and snippet text is never read as markup", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Weekly" })]);
    core.overrides.set("search_entries", () => [
      {
        entry: entry({ id: "a", title: "Weekly" }),
        snippet: [
          { text: '<img src=x onerror="alert(1)"> before the ', hit: false },
          { text: "meeting", hit: true },
        ],
      },
    ]);
    await start(core);
    type(field("Search entries"), "meeting");
    await vi.waitFor(() => expect(entriesList()?.querySelector("mark") ?? null).not.toBeNull());
    expect(core.callsOf("search_entries")).toEqual([{ query: "meeting", filter: expect.any(Object) }]);
    expect(text(entriesList()!.querySelector("mark"))).toBe("meeting");
    expect(document.querySelector("img"), "a snippet must not create elements").toBeNull();
    expect(text(entriesList())).toContain('<img src=x onerror="alert(1)"> before the meeting');
  });
});

describe("the keyboard", () => {
  test("Down from the search box reaches the first entry, Down and End move on, Enter opens", async () => {
    await start(
      new FakeCore([
        entry({ id: "a", title: "First", occurred_on: "2026-05-03" }),
        entry({ id: "b", title: "Second", occurred_on: "2026-05-02" }),
        entry({ id: "c", title: "Third", occurred_on: "2026-05-01" }),
      ]),
    );
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    field("Search entries").focus();
    key(field("Search entries"), "ArrowDown");
    await vi.waitFor(() => expect(document.activeElement).toBe(rows()[0]));
    key(document.activeElement!, "ArrowDown");
    await vi.waitFor(() => expect(document.activeElement).toBe(rows()[1]));
    key(document.activeElement!, "End");
    await vi.waitFor(() => expect(text(document.activeElement).startsWith("Third")).toBe(true));
    key(document.activeElement!, "Home");
    await vi.waitFor(() => expect(text(document.activeElement).startsWith("First")).toBe(true));
    (document.activeElement as HTMLButtonElement).click(); // Enter on a button is a click
    await vi.waitFor(() => expect(field("Title").value).toBe("First"));
  });

  test("Ctrl+N opens a new entry at its title, and Ctrl+S saves it at once", async () => {
    const core = await start(new FakeCore([]));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "n", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(document.activeElement).toBe(field("Title")));
    type(field("Title"), "Typed without a mouse");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(core.callsOf("create_entry")).toHaveLength(1));
    expect(core.callsOf("create_entry")[0]).toMatchObject({ draft: { title: "Typed without a mouse" } });
  });
});

describe("the main pane", () => {
  const current = () => [...document.querySelectorAll('nav[aria-label="Screens"] [aria-current="page"]')].map((b) => text(b));
  const heading = () => text(document.querySelector("main h2"));

  test("the sidebar marks the one screen on show, and the list marks the entry only while it is on show", async () => {
    await start(new FakeCore([entry({ id: "a", title: "Weekly" })]));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    rows()[0].click();
    await vi.waitFor(() => expect(rows()[0].getAttribute("aria-current")).toBe("true"));
    expect(current()).toEqual([]);
    button("Journal data").click();
    await vi.waitFor(() => expect(heading()).toBe("Journal data"));
    expect(current()).toEqual(["Journal data"]);
    expect(rows()[0].getAttribute("aria-current"), "the entry is kept behind the screen, not on show").toBeNull();
    button("Trash").click();
    await vi.waitFor(() => expect(heading()).toBe("Trash"));
    expect(current(), "one place at a time").toEqual(["Trash"]);
  });

  test("going back from a screen to the entry finds every word typed before", async () => {
    const core = await start(new FakeCore([entry({ id: "a", title: "Weekly" })]));
    await vi.waitFor(() => button("Weekly"));
    button("Weekly").click();
    await vi.waitFor(() => expect(field("Title").value).toBe("Weekly"));
    type(field("Title"), "Weekly, retitled");
    button("Settings").click();
    await vi.waitFor(() => expect(heading()).toBe("Settings"));
    button("Weekly").click();
    await vi.waitFor(() => expect(field("Title").value).toBe("Weekly, retitled"));
    await vi.waitFor(() => expect(core.entries[0].title).toBe("Weekly, retitled"), { timeout: 3000 });
  });

  test("Ctrl+L without an app lock shows Journal data, where the lock is set up, and Ctrl+N leaves it for a new entry", async () => {
    await start(new FakeCore([]));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "l", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(heading()).toBe("Journal data"));
    expect(current()).toEqual(["Journal data"]);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "n", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(document.activeElement).toBe(field("Title")));
    expect(current()).toEqual([]);
  });
});

describe("an open entry", () => {
  test("keeps the window on Praxis when a link in the preview is clicked", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Links", body: "links" })]);
    core.overrides.set("render_markdown", () => '<p><a href="https://example.org/">a site</a> <a href="#fn1">1</a></p>');
    await start(core);
    await vi.waitFor(() => expect(entriesList()).not.toBeNull());
    button("Links").click();
    await vi.waitFor(() => expect(document.querySelector('[aria-label="Preview"] a')).not.toBeNull());
    const [external, footnote] = [...document.querySelectorAll('[aria-label="Preview"] a')];
    const click = () => new MouseEvent("click", { bubbles: true, cancelable: true });
    const away = click();
    external.dispatchEvent(away);
    expect(away.defaultPrevented, "an https link must not replace the journal").toBe(true);
    const inPage = click();
    footnote.dispatchEvent(inPage);
    expect(inPage.defaultPrevented, "footnote links stay usable").toBe(false);
  });
});

describe("errors", () => {
  test("are said in the alert region with the core's message, and can be dismissed", async () => {
    const core = new FakeCore([]);
    core.overrides.set("timeline_days", () => Promise.reject({ code: "database_too_new", message: "This journal was written by a newer Praxis." }));
    await start(core);
    await vi.waitFor(() => expect(text(alertRegion())).toContain("This journal was written by a newer Praxis."));
    button("Dismiss").click();
    await vi.waitFor(() => expect(text(alertRegion())).toBe(""));
    expect(alertRegion(), "the region stays so the next message is announced").not.toBeNull();
  });
});
