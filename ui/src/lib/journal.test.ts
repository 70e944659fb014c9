import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { entry, FakeCore } from "../testing/fakeCore";
import { blankForm, draftFromForm, Journal, PAGE_SIZE, SEARCH_DELAY_MS } from "./journal.svelte";

const days = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    entry({ id: `e${i}`, title: `Day ${i}`, occurred_on: `2026-01-${String((i % 28) + 1).padStart(2, "0")}` }),
  );

let core: FakeCore;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  FakeCore.uninstall();
});

describe("the list", () => {
  test("loads one page, asking for one entry more to learn whether older ones exist", async () => {
    core = new FakeCore(days(PAGE_SIZE + 5));
    const journal = new Journal();
    await journal.load();
    expect(core.callsOf("list_entries")).toEqual([{ filter: { limit: PAGE_SIZE + 1, offset: 0 } }]);
    expect(journal.entries).toHaveLength(PAGE_SIZE);
    expect(journal.hasMore).toBe(true);
  });

  test("loading more appends the entries after the ones shown", async () => {
    core = new FakeCore(days(PAGE_SIZE + 5));
    const journal = new Journal();
    await journal.load();
    await journal.loadMore();
    expect(core.callsOf("list_entries")[1]).toEqual({ filter: { limit: PAGE_SIZE + 1, offset: PAGE_SIZE } });
    expect(journal.entries).toHaveLength(PAGE_SIZE + 5);
    expect(journal.hasMore).toBe(false);
  });

  test("an empty journal counts as empty only once it has been loaded", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    expect(journal.isEmpty, "before the answer nothing is known yet").toBe(false);
    await journal.load();
    expect(journal.isEmpty).toBe(true);
  });

  test("a failed load shows the core's message", async () => {
    core = new FakeCore([]);
    core.overrides.set("list_entries", () => Promise.reject({ code: "busy", message: "The journal is busy." }));
    const journal = new Journal();
    await journal.load();
    expect(journal.error?.message).toBe("The journal is busy.");
  });
});

describe("the search", () => {
  test("typing quickly sends one search, with the last text, after a pause", async () => {
    core = new FakeCore([entry({ id: "a", title: "Weekly meeting", body: "meeting ran late" })]);
    const journal = new Journal();
    for (const text of ["m", "me", "meet", "meeting "]) {
      journal.setQuery(text);
      await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 50);
    }
    expect(core.callsOf("search_entries"), "no search while typing").toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(core.callsOf("search_entries")).toEqual([{ query: "meeting", filter: { limit: PAGE_SIZE } }]);
    expect(journal.hits?.map((h) => h.entry.id)).toEqual(["a"]);
    expect(journal.searching).toBe(false);
  });

  test("clearing the search box goes back to the list without asking the core", async () => {
    core = new FakeCore([entry({ id: "a", title: "Meeting" })]);
    const journal = new Journal();
    journal.setQuery("meet");
    journal.setQuery("   ");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS * 2);
    expect(core.callsOf("search_entries")).toEqual([]);
    expect(journal.isSearching).toBe(false);
    expect(journal.hits).toBeNull();
  });

  test("a slow answer to an older search does not replace the newer one", async () => {
    core = new FakeCore([]);
    core.overrides.set("search_entries", ({ query }) => {
      const hits = [{ entry: entry({ id: String(query), title: String(query) }), snippet: [] }];
      return new Promise((resolve) => setTimeout(() => resolve(hits), query === "old" ? 500 : 10));
    });
    const journal = new Journal();
    journal.setQuery("old");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    journal.setQuery("new");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS + 1000);
    expect(journal.hits?.map((h) => h.entry.id)).toEqual(["new"]);
  });

  test("a failed search shows the core's message", async () => {
    core = new FakeCore([]);
    core.overrides.set("search_entries", () => Promise.reject({ code: "database", message: "The journal could not be read." }));
    const journal = new Journal();
    journal.setQuery("x");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(journal.error).toMatchObject({ code: "database", message: "The journal could not be read." });
    expect(journal.searching).toBe(false);
  });
});

describe("opening an entry", () => {
  test("fetches it by id and shows its Markdown as the core rendered it", async () => {
    core = new FakeCore([entry({ id: "a", title: "A", body: "*hi*" })]);
    const journal = new Journal();
    await journal.openEntry("a");
    expect(core.callsOf("get_entry")).toEqual([{ id: "a" }]);
    expect(core.callsOf("render_markdown")).toEqual([{ markdown: "*hi*" }]);
    expect(journal.opened?.entry.id).toBe("a");
    expect(journal.opened?.html).toBe("<p>*hi*</p>");
  });

  test("a missing entry shows the core's message and leaves the open entry in place", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    await journal.openEntry("a");
    await journal.openEntry("gone");
    expect(journal.error).toMatchObject({ code: "entry_not_found" });
    expect(journal.opened?.entry.id).toBe("a");
  });
});

describe("writing a new entry", () => {
  test("the form becomes a draft with parsed tags, a trimmed title and the chosen day", () => {
    const form = { ...blankForm("experiment"), title: "  Quiet in the weekly ", tags: "Delegation, meetings", occurred_on: "2026-05-04", body: "If I …" };
    expect(draftFromForm(form)).toEqual({
      kind: "experiment",
      title: "Quiet in the weekly",
      body: "If I …",
      tags: ["delegation", "meetings"],
      occurred_on: "2026-05-04",
      starred: false,
    });
  });

  test("a blank date is sent as null, which the core reads as the day of writing", () => {
    expect(draftFromForm({ ...blankForm(), occurred_on: "" }).occurred_on).toBeNull();
  });

  test("a new form starts as a reflection dated today", () => {
    expect(blankForm(undefined, new Date(2026, 4, 4, 10))).toEqual({ kind: "reflection", title: "", occurred_on: "2026-05-04", tags: "", body: "" });
  });

  test("saving creates the entry, shows it, closes the form and lists it", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    await journal.load();
    journal.startNew();
    journal.form!.title = "Written in the window";
    journal.form!.tags = "Delegation, meetings";
    expect(await journal.saveNew()).toBe(true);
    expect(core.callsOf("create_entry")[0]).toMatchObject({ draft: { title: "Written in the window", tags: ["delegation", "meetings"] } });
    expect(journal.composing).toBe(false);
    expect(journal.form, "a saved form must not be saved again").toBeNull();
    expect(journal.opened?.entry.title).toBe("Written in the window");
    expect(journal.opened?.html).not.toBeNull();
    expect(journal.entries.map((e) => e.title)).toEqual(["Written in the window"]);
  });

  test("a refused save keeps the form as typed and says why", async () => {
    core = new FakeCore([]);
    core.overrides.set("create_entry", () => Promise.reject({ code: "invalid_input", message: "A title must be a single line." }));
    const journal = new Journal();
    journal.startNew();
    journal.form!.body = "Something worth keeping";
    expect(await journal.saveNew()).toBe(false);
    expect(journal.error?.message).toBe("A title must be a single line.");
    expect(journal.composing).toBe(true);
    expect(journal.form?.body).toBe("Something worth keeping");
    expect(journal.saving).toBe(false);
  });

  test("an entry that saved but could not be rendered shows as plain text, not as a form to save twice", async () => {
    core = new FakeCore([]);
    core.overrides.set("render_markdown", () => Promise.reject({ code: "unknown", message: "Rendering failed." }));
    const journal = new Journal();
    journal.startNew();
    journal.form!.body = "plain words";
    expect(await journal.saveNew()).toBe(true);
    expect(journal.form).toBeNull();
    expect(journal.opened).toMatchObject({ html: null, entry: { body: "plain words" } });
    expect(journal.error?.message).toBe("Rendering failed.");
  });

  test("looking at another entry keeps the unsaved text for when the writer comes back", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    journal.startNew();
    journal.form!.body = "half a thought";
    await journal.openEntry("a");
    expect(journal.composing).toBe(false);
    journal.startNew("experiment");
    expect(journal.form?.body).toBe("half a thought");
    journal.discardNew();
    journal.startNew("experiment");
    expect(journal.form).toMatchObject({ kind: "experiment", body: "" });
  });

  test("saving during a search runs the search again so the new entry can show up", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    journal.setQuery("window");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(journal.hits).toEqual([]);
    journal.startNew();
    journal.form!.title = "Window seat";
    await journal.saveNew();
    expect(journal.hits?.map((h) => h.entry.title)).toEqual(["Window seat"]);
  });
});

describe("the Journal data screen", () => {
  test("opening an entry or going back to the form leaves it, and the unsaved text is kept", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    journal.startNew();
    journal.form!.body = "half a thought";
    journal.showData();
    expect(journal.showingData).toBe(true);
    await journal.openEntry("a");
    expect(journal.showingData).toBe(false);
    journal.showData();
    journal.startNew();
    expect(journal.showingData).toBe(false);
    expect(journal.form?.body).toBe("half a thought");
  });

  test("after a restore the open entry closes and the list is loaded again", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    await journal.load();
    await journal.openEntry("a");
    core.entries = [entry({ id: "b", title: "B" })];
    await journal.replaced();
    expect(journal.opened).toBeNull();
    expect(journal.entries.map((e) => e.id)).toEqual(["b"]);
  });
});
