// The window as a whole, driven the way people and the end-to-end tests use
// it: controls found by their role and accessible name, never by CSS class.
import { mount, unmount } from "svelte";
import { afterEach, describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { today } from "./lib/dates";
import { alertRegion, button, field, list, select, text, type } from "./testing/dom";
import { entry, FakeCore } from "./testing/fakeCore";

let app: ReturnType<typeof mount> | undefined;

/** Mounts the window and waits until it shows the journal (after access_status). */
async function start(core: FakeCore): Promise<FakeCore> {
  app = mount(App, { target: document.body });
  await vi.waitFor(() => button("New entry"));
  return core;
}

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = "";
  FakeCore.uninstall();
});

const entriesList = () => list("Entries");
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

describe("the new-entry form", () => {
  test("has every control under the name the end-to-end tests use", async () => {
    await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    expect(field("Kind").tagName).toBe("SELECT");
    expect(field("Title").tagName).toBe("INPUT");
    expect(field("Date").type).toBe("date");
    expect(field("Date").value, "a new entry is about today unless the writer says otherwise").toBe(today());
    expect(field("Tags").tagName).toBe("INPUT");
    expect(field("Body").tagName).toBe("TEXTAREA");
    expect(button("Save entry").type).toBe("submit");
    expect(field("Search entries").type).toBe("search");
  });

  test("saving lists the entry under Entries, sends normalised tags and shows the rendered text", async () => {
    const core = await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    type(field("Title"), "Written in the window");
    type(field("Body"), "The team took over the weekly meeting.");
    type(field("Tags"), "Delegation, meetings");
    button("Save entry").click();

    await vi.waitFor(() => expect(entriesList()).not.toBeNull());
    const item = entriesList()!.querySelector("li button");
    expect(text(item).startsWith("Written in the window"), text(item)).toBe(true);
    expect(core.callsOf("create_entry")[0]).toMatchObject({ draft: { tags: ["delegation", "meetings"], occurred_on: today() } });
    await vi.waitFor(() => expect(text(document.querySelector("article p:last-child"))).toBe("The team took over the weekly meeting."));
    expect(text(document.querySelector("h2"))).toBe("Written in the window");
    expect(document.querySelector("form"), "the form closes once saved").toBeNull();
  });
});

describe("templates", () => {
  test("a new entry starts from its kind's template, which follows the kind until the writer types", async () => {
    const core = new FakeCore([]);
    core.templateBodies = { reflection: "## What happened?\n\n", outcome: "## What did I expect?\n\n" };
    await start(core);
    button("New entry").click();
    await vi.waitFor(() => expect(field("Body").value).toBe("## What happened?\n\n"));
    select(field("Kind"), "outcome");
    await vi.waitFor(() => expect(field("Body").value).toBe("## What did I expect?\n\n"));
    type(field("Body"), "## What did I expect?\n\nThat they would object.");
    select(field("Kind"), "reflection");
    await Promise.resolve();
    expect(field("Body").value, "what the writer typed is never replaced").toBe("## What did I expect?\n\nThat they would object.");
    expect(field("Kind").value).toBe("reflection");
  });

  test("without templates (the core could not answer) the form starts blank", async () => {
    const core = new FakeCore([]);
    core.overrides.set("list_templates", () => {
      throw { code: "database", message: "no" };
    });
    await start(core);
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    await vi.waitFor(() => expect(core.callsOf("list_templates")).toHaveLength(1));
    expect(field("Body").value).toBe("");
  });
});

describe("leaving the new-entry form", () => {
  test("asks before throwing away what was written, and keeps it when the writer says so", async () => {
    const core = await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => field("Body"));
    type(field("Body"), "Half a thought");
    button("Cancel").click();
    await vi.waitFor(() => button("Keep writing"));
    button("Keep writing").click();
    await vi.waitFor(() => expect(field("Body").value).toBe("Half a thought"));
    button("Cancel").click();
    await vi.waitFor(() => button("Discard"));
    button("Discard").click();
    await vi.waitFor(() => expect(document.querySelector("form")).toBeNull());
    expect(core.callsOf("create_entry"), "discarding saves nothing").toEqual([]);
  });

  test("an untouched template closes at once, as an empty form does", async () => {
    await start(new FakeCore([]));
    button("New entry").click();
    await vi.waitFor(() => expect(field("Body").value).toBe("## What happened?\n\n"));
    button("Cancel").click();
    await vi.waitFor(() => expect(document.querySelector("form")).toBeNull());
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
    await vi.waitFor(() => expect(entriesList()?.children).toHaveLength(2));
    const [first, second] = [...entriesList()!.querySelectorAll("li button")];
    expect(text(first)).toMatch(/^Team offsite Session notes · .*2026.* offsite$/);
    expect(text(second).startsWith("Older")).toBe(true);

    (first as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text(document.querySelector("h2"))).toBe("Team offsite"));
    expect(first.getAttribute("aria-current")).toBe("true");
    expect(text(document.querySelector("article"))).toContain("We agreed.");
  });

  test("filters narrow the list and the search, and clearing them shows every entry again", async () => {
    const core = await start(
      new FakeCore([
        entry({ id: "r", title: "A reflection", tags: ["team"], occurred_on: "2026-05-02" }),
        entry({ id: "x", title: "An experiment", kind: "experiment", occurred_on: "2026-05-01", body: "team" }),
      ]),
    );
    await vi.waitFor(() => expect(entriesList()?.children).toHaveLength(2));
    button("Filters").click();
    await vi.waitFor(() => expect([...field("Only tag").options].map((o) => o.value)).toContain("team"));
    select(field("Only kind"), "experiment");
    await vi.waitFor(() => expect(entriesList()?.children).toHaveLength(1));
    expect(text(entriesList())).toContain("An experiment");
    expect(last(core.callsOf("list_entries"))?.filter).toMatchObject({ kind: "experiment" });
    expect(text(button("Filters"))).toBe("Filters (1 on)");

    type(field("Search entries"), "nothing-like-this");
    await vi.waitFor(() => expect(text(document.body)).toContain("with these filters. Clear the filters"));
    expect(last(core.callsOf("search_entries"))?.filter).toMatchObject({ kind: "experiment" });

    type(field("Search entries"), "");
    button("Clear filters").click();
    await vi.waitFor(() => expect(entriesList()?.children).toHaveLength(2));
    expect(last(core.callsOf("list_entries"))?.filter).not.toHaveProperty("kind");
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

describe("an open entry", () => {
  test("keeps the window on Praxis when a link in the text is clicked", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Links" })]);
    core.overrides.set("render_markdown", () => '<p><a href="https://example.org/">a site</a> <a href="#fn1">1</a></p>');
    await start(core);
    await vi.waitFor(() => expect(entriesList()).not.toBeNull());
    button("Links").click();
    await vi.waitFor(() => expect(document.querySelector("article a")).not.toBeNull());
    const [external, footnote] = [...document.querySelectorAll("article a")];
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
    core.overrides.set("list_entries", () => Promise.reject({ code: "database_too_new", message: "This journal was written by a newer Praxis." }));
    await start(core);
    await vi.waitFor(() => expect(text(alertRegion())).toContain("This journal was written by a newer Praxis."));
    button("Dismiss").click();
    await vi.waitFor(() => expect(text(alertRegion())).toBe(""));
    expect(alertRegion(), "the region stays so the next message is announced").not.toBeNull();
  });
});
