import { describe, expect, test, vi } from "vitest";
import { entry, FakeCore, useFakeTimersAndCore } from "../testing/fakeCore";
import { AUTOSAVE_DELAY_MS } from "./editing.svelte";
import { Journal, SEARCH_DELAY_MS } from "./journal.svelte";
import { KEPT_PAGES, PAGE_SIZE } from "./timeline.svelte";

const days = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    entry({ id: `e${i}`, title: `Day ${i}`, occurred_on: `2026-01-${String((i % 28) + 1).padStart(2, "0")}` }),
  );

let core: FakeCore;

useFakeTimersAndCore();

describe("the timeline", () => {
  test("loads the shape of the journal by day and only the first page of entries", async () => {
    core = new FakeCore(days(PAGE_SIZE * 3));
    const journal = new Journal();
    await journal.load();
    expect(core.callsOf("timeline_days")).toEqual([{ filter: {} }]);
    expect(core.callsOf("list_entries")).toEqual([{ filter: { limit: PAGE_SIZE, offset: 0 } }]);
    expect(journal.timeline.total).toBe(PAGE_SIZE * 3);
    expect(journal.timeline.layout.days[0]).toEqual({ day: "2026-01-28", entries: 10 });
    expect(journal.timeline.at(0)?.occurred_on).toBe("2026-01-28");
    expect(journal.timeline.at(PAGE_SIZE), "a page not on screen is not fetched").toBeUndefined();
  });

  test("rows scrolled into view fetch their page once, however often they are asked for", async () => {
    core = new FakeCore(days(PAGE_SIZE * 3));
    const journal = new Journal();
    await journal.load();
    journal.timeline.show(PAGE_SIZE * 2 + 5, PAGE_SIZE * 2 + 20);
    journal.timeline.show(PAGE_SIZE * 2 + 6, PAGE_SIZE * 2 + 21);
    await vi.runAllTimersAsync();
    expect(core.callsOf("list_entries").slice(1)).toEqual([{ filter: { limit: PAGE_SIZE, offset: PAGE_SIZE * 2 } }]);
    expect(journal.timeline.at(PAGE_SIZE * 2 + 5)).toBeDefined();
  });

  test("a long scroll keeps only the pages near the rows on screen, and fetches a dropped one again", async () => {
    const pages = KEPT_PAGES * 3;
    core = new FakeCore(days(PAGE_SIZE * pages));
    const journal = new Journal();
    await journal.load();
    const newest = journal.timeline.at(0)?.id;
    for (let page = 1; page < pages; page++) {
      journal.timeline.show(page * PAGE_SIZE, page * PAGE_SIZE + 10);
      await vi.runAllTimersAsync();
    }
    const kept = Array.from({ length: pages }, (_, page) => journal.timeline.at(page * PAGE_SIZE) !== undefined);
    expect(kept.filter(Boolean).length).toBe(KEPT_PAGES + 1);
    expect(journal.timeline.at(0), "the first page, far above, was dropped").toBeUndefined();
    expect(journal.timeline.at((pages - 1) * PAGE_SIZE)).toBeDefined();

    journal.timeline.show(0, 10);
    await vi.runAllTimersAsync();
    expect(journal.timeline.at(0)?.id).toBe(newest);
    expect(core.callsOf("list_entries").filter((call) => (call.filter as { offset?: number }).offset === 0)).toHaveLength(2);
  });

  test("a filter narrows the timeline and the pages it fetches", async () => {
    core = new FakeCore([
      entry({ id: "a", title: "A", kind: "experiment", occurred_on: "2026-05-02" }),
      entry({ id: "b", title: "B", occurred_on: "2026-05-01" }),
    ]);
    const journal = new Journal();
    await journal.setFilter({ kind: "experiment", tag: "  " });
    expect(core.callsOf("timeline_days").slice(-1)[0]).toEqual({ filter: { kind: "experiment" } });
    expect(journal.timeline.total).toBe(1);
    expect(journal.timeline.at(0)?.id).toBe("a");
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
    core.overrides.set("timeline_days", () => Promise.reject({ code: "busy", message: "The journal is busy." }));
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

  test("one letter is not searched as it is typed, and Enter searches it", async () => {
    core = new FakeCore([entry({ id: "a", title: "Team day", body: "t for team" })]);
    const journal = new Journal();
    journal.setQuery(" t ");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS * 2);
    expect(core.callsOf("search_entries")).toEqual([]);
    expect(journal.hits).toBeNull();
    expect(journal.searching).toBe(false);
    journal.searchNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(core.callsOf("search_entries")).toEqual([{ query: "t", filter: { limit: PAGE_SIZE } }]);
    expect(journal.hits?.map((h) => h.entry.id)).toEqual(["a"]);
  });

  test("the second letter starts the search as you type, and a one-letter query asked for once stays searched", async () => {
    core = new FakeCore([entry({ id: "a", title: "Team day" })]);
    const journal = new Journal();
    journal.setQuery("t");
    journal.searchNow();
    await vi.advanceTimersByTimeAsync(0);
    journal.setQuery("te");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(core.callsOf("search_entries").map((c) => c.query)).toEqual(["t", "te"]);
    await journal.refresh();
    journal.setQuery("t");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(core.callsOf("search_entries").map((c) => c.query)).toEqual(["t", "te", "te", "t"]);
  });

  test("a refresh does not search a one letter query no one asked for", async () => {
    core = new FakeCore([entry({ id: "a", title: "Team day" })]);
    const journal = new Journal();
    journal.setQuery("t");
    await journal.refresh();
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS * 2);
    expect(core.callsOf("search_entries")).toEqual([]);
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
    journal.setQuery("xy");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(journal.error).toMatchObject({ code: "database", message: "The journal could not be read." });
    expect(journal.searching).toBe(false);
  });
});

describe("opening an entry", () => {
  test("puts a saved entry in the editor, fields as stored", async () => {
    core = new FakeCore([entry({ id: "a", title: "A", body: "*hi*", tags: ["x", "y"] })]);
    const journal = new Journal();
    expect(await journal.openEntry("a")).toBe(true);
    expect(core.callsOf("get_entry")).toEqual([{ id: "a" }]);
    expect(journal.editing?.fields).toMatchObject({ title: "A", body: "*hi*", tags: "x, y" });
    expect(journal.editing?.state).toBe("unchanged");
    expect(journal.currentId).toBe("a");
  });

  test("coach feedback opens read-only, rendered by the core", async () => {
    core = new FakeCore([entry({ id: "c", title: "From Sam", kind: "coach_feedback", body: "*well done*" })]);
    const journal = new Journal();
    await journal.openEntry("c");
    expect(journal.editing).toBeNull();
    expect(journal.opened).toMatchObject({ entry: { id: "c" }, html: "<p>*well done*</p>" });
  });

  test("a missing entry shows the core's message and leaves the entry in the editor", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    await journal.openEntry("a");
    expect(await journal.openEntry("gone")).toBe(false);
    expect(journal.error).toMatchObject({ code: "entry_not_found" });
    expect(journal.editing?.entry?.id).toBe("a");
  });

  test("changes typed into the open entry are saved before another one opens", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" }), entry({ id: "b", title: "B" })]);
    const journal = new Journal();
    await journal.openEntry("a");
    journal.editing!.fields.body = "a second thought";
    journal.editing!.changed();
    await journal.openEntry("b");
    expect(core.callsOf("autosave_entry")).toEqual([
      { id: "a", draft: expect.objectContaining({ body: "a second thought" }), session: null },
    ]);
    expect(journal.editing?.entry?.id).toBe("b");
  });

  test("when that save fails the typed text stays in the editor and the other entry does not open", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" }), entry({ id: "b", title: "B" })]);
    core.overrides.set("autosave_entry", () => Promise.reject({ code: "storage_full", message: "The disk is full." }));
    const journal = new Journal();
    await journal.openEntry("a");
    journal.editing!.fields.body = "do not lose me";
    journal.editing!.changed();
    expect(await journal.openEntry("b")).toBe(false);
    expect(journal.editing?.entry?.id).toBe("a");
    expect(journal.editing?.fields.body).toBe("do not lose me");
    expect(journal.error?.message).toBe("The disk is full.");
  });
});

describe("writing a new entry", () => {
  test("starts from the kind's template, dated today", async () => {
    core = new FakeCore([]);
    core.templateBodies.experiment = "## If I …";
    const journal = new Journal();
    await journal.startNew("experiment");
    expect(journal.editing?.isNew).toBe(true);
    expect(journal.editing?.fields).toMatchObject({ kind: "experiment", body: "## If I …", title: "" });
  });

  test("typing creates the entry after a pause, once, and later saves update it", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    await journal.load();
    await journal.startNew();
    const editing = journal.editing!;
    editing.fields.title = "Written in the window";
    editing.fields.tags = "Delegation, meetings";
    editing.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(core.callsOf("create_entry")).toEqual([
      {
        draft: expect.objectContaining({ title: "Written in the window", tags: ["delegation", "meetings"] }),
        project: null,
      },
    ]);
    expect(editing.state).toBe("saved");
    editing.fields.body = "More";
    editing.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(core.callsOf("create_entry"), "a saved entry is never created twice").toHaveLength(1);
    expect(core.callsOf("autosave_entry")).toEqual([{ id: "e1", draft: expect.objectContaining({ body: "More" }), session: 1 }]);
    expect(journal.timeline.at(0)?.title, "the new entry is listed").toBe("Written in the window");
  });

  test("an untouched new entry is reused by the next New entry and never saved", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    await journal.startNew();
    const first = journal.editing;
    await journal.startNew("experiment");
    expect(journal.editing).toBe(first);
    expect(journal.editing?.fields.kind).toBe("experiment");
    await journal.close();
    expect(core.callsOf("create_entry")).toEqual([]);
  });

  test("can start from a given text (the week's review), which is saved only once the writer adds to it", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    await journal.startNew();
    const blank = journal.editing;
    await journal.startNew("reflection", "# The week of 2026-05-18 to 2026-05-24\n\n## What will I try next week?\n");
    expect(journal.editing, "an untouched blank entry gives way to the review").not.toBe(blank);
    const editing = journal.editing!;
    expect(editing.fields.body).toContain("## What will I try next week?");
    expect(editing.touched).toBe(false);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(core.callsOf("create_entry")).toEqual([]);
    editing.fields.body += "\nAsk before I answer.\n";
    editing.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(core.callsOf("create_entry")).toEqual([
      {
        draft: expect.objectContaining({ kind: "reflection", body: expect.stringContaining("Ask before I answer.") }),
        project: null,
      },
    ]);
  });

  test("discarding a new entry throws it away without saving", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    await journal.startNew();
    journal.editing!.fields.title = "Never mind";
    journal.discardNew();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(journal.editing).toBeNull();
    expect(core.callsOf("create_entry")).toEqual([]);
  });

  test("saving during a search runs the search again so the new entry can show up", async () => {
    core = new FakeCore([]);
    const journal = new Journal();
    journal.setQuery("window");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(journal.hits).toEqual([]);
    await journal.startNew();
    journal.editing!.fields.title = "Window seat";
    journal.editing!.changed();
    expect(await journal.flush()).toBe(true);
    await vi.runAllTimersAsync();
    expect(journal.hits?.map((h) => h.entry.title)).toEqual(["Window seat"]);
  });
});

describe("moving an entry to the trash", () => {
  test("an entry opened while the trashed one is still being moved stays open", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" }), entry({ id: "b", title: "B" })]);
    let finish: () => void = () => undefined;
    core.overrides.set("delete_entry", (args) => new Promise((resolve) => (finish = () => resolve(core.answer("delete_entry", args)))));
    const journal = new Journal();
    await journal.openEntry("a");
    const trashing = journal.trashOpened();
    await vi.advanceTimersByTimeAsync(0);
    await journal.openEntry("b");
    finish();
    expect(await trashing).toBe(true);
    expect(journal.editing?.entry?.id).toBe("b");
  });
});

describe("the entry behind a screen", () => {
  // Leaving a screen for the entry is the window's route (route.test.ts, App.test.ts).
  test("opening the entry already in the editor keeps it as it is, words not yet saved and all", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    await journal.openEntry("a");
    const editing = journal.editing;
    editing!.fields.title = "A, retitled";
    editing!.changed();
    expect(await journal.openEntry("a")).toBe(true);
    expect(journal.editing, "the same editor, not a fresh copy of the saved entry").toBe(editing);
    expect(journal.editing?.fields.title).toBe("A, retitled");
    expect(core.callsOf("get_entry"), "nothing is read again").toHaveLength(1);
  });
});

describe("a restore from a backup", () => {

  test("after a restore the open entry closes and the list is loaded again", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const journal = new Journal();
    await journal.load();
    await journal.openEntry("a");
    core.entries = [entry({ id: "b", title: "B" })];
    await journal.replaced();
    expect(journal.editing).toBeNull();
    expect(journal.timeline.at(0)?.id).toBe("b");
  });
});
