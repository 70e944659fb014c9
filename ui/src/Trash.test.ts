// The Trash screen, mounted on its own with the fake core and driven as
// people and the end-to-end tests use it: controls found by role, label and
// name, never by CSS class.
import { describe, expect, test, vi } from "vitest";
import type { Entry } from "./api/types";
import TrashScreen from "./components/TrashScreen.svelte";
import { formatDay } from "./lib/dates";
import { Trash } from "./lib/trash.svelte";
import { alertRegion, button, list, text } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore } from "./testing/fakeCore";

const trashed = "2026-05-09T18:00:00+02:00";

/** Two entries in the trash and one still in the journal. */
function coreWithTrash(): FakeCore {
  return new FakeCore([
    entry({ id: "a", title: "Weekly with the team", kind: "experiment", occurred_on: "2026-05-04", deleted_at: trashed }),
    entry({ id: "b", title: "  ", occurred_on: "2026-05-02", deleted_at: trashed }),
    entry({ id: "c", title: "Still here" }),
  ]);
}

type Opened = { core: FakeCore; trash: Trash; restored: Entry[] };

/** Installs `core` and shows the screen, once the trash has been read. */
async function openTrash(core = coreWithTrash()): Promise<Opened> {
  const trash = new Trash();
  const restored: Entry[] = [];
  show(TrashScreen, { trash, onrestored: (e: Entry) => restored.push(e) });
  await vi.waitFor(() => expect(trash.loaded).toBe(true));
  return { core, trash, restored };
}

const items = () => [...(list("Entries in the trash")?.querySelectorAll("li") ?? [])].map(text);
const status = () => text(document.querySelector('[role="status"]'));
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

describe("the Trash screen", () => {
  test("lists the trashed entries with title, kind and day, and says they are kept until the trash is emptied", async () => {
    const { core } = await openTrash();
    expect(text(document.querySelector("h2"))).toBe("Trash");
    expect(document.activeElement?.textContent, "the screen's heading takes the focus").toBe("Trash");
    expect(text(document.body)).toContain("Entries in the trash are kept, with every version, until you empty the trash.");
    expect(core.callsOf("list_trash")).toEqual([{}]);
    expect(items(), "an entry still in the journal is not in the trash").toHaveLength(2);
    expect(items()[0]).toContain("Weekly with the team");
    expect(items()[0]).toContain("Experiment");
    expect(items()[0]).toContain(formatDay("2026-05-04"));
    expect(items()[1], "a blank title reads Untitled").toContain("Untitled");
    expect(items()[1]).toContain("Reflection");
    expect(button("Restore Weekly with the team").getAttribute("aria-label")).toBe("Restore Weekly with the team");
    expect(button("Restore Untitled")).toBeTruthy();
  });

  test("an empty trash says so and offers nothing to empty", async () => {
    await openTrash(new FakeCore([entry({ id: "c", title: "Still here" })]));
    expect(text(document.body)).toContain("The trash is empty.");
    expect(list("Entries in the trash")).toBeNull();
    expect(() => button("Empty the trash…")).toThrow();
  });
});

describe("restoring", () => {
  test("sends restore_entry with the id, takes the entry off the list and tells the window", async () => {
    const { core, restored } = await openTrash();
    button("Restore Weekly with the team").click();
    await vi.waitFor(() => expect(status()).toBe("Restored “Weekly with the team”."));
    expect(core.callsOf("restore_entry")).toEqual([{ id: "a" }]);
    expect(items()).toHaveLength(1);
    expect(items()[0]).toContain("Untitled");
    expect(restored.map((e) => e.id), "the window must show the entry in its list again").toEqual(["a"]);
    expect(restored[0].deleted_at).toBeNull();
    expect(core.entries.find((e) => e.id === "a")?.deleted_at, "the entry is back in the journal").toBeNull();
    expect(document.activeElement, "the focus moves to the next entry's button, not nowhere").toBe(button("Restore Untitled"));
  });

  test("restoring the last entry leaves an empty trash and the focus on the heading", async () => {
    await openTrash(new FakeCore([entry({ id: "a", title: "Only one", deleted_at: trashed })]));
    button("Restore Only one").click();
    await vi.waitFor(() => expect(text(document.body)).toContain("The trash is empty."));
    expect(status()).toBe("Restored “Only one”.");
    expect(document.activeElement?.textContent).toBe("Trash");
  });

  test("a failed restore is said plainly and the entry stays in the list", async () => {
    const core = coreWithTrash();
    core.overrides.set("restore_entry", () => {
      throw { code: "busy", message: "The journal is busy. Please try again." };
    });
    const { restored } = await openTrash(core);
    button("Restore Weekly with the team").click();
    await vi.waitFor(() => expect(text(alertRegion())).toBe("The journal is busy. Please try again."));
    expect(items()).toHaveLength(2);
    expect(status(), "nothing was restored, so nothing is said to have been").toBe("");
    expect(restored).toEqual([]);
  });
});

describe("emptying the trash", () => {
  test("asks first, and Cancel sends nothing and deletes nothing", async () => {
    const { core } = await openTrash();
    const emptyButton = button("Empty the trash…");
    emptyButton.click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(dialog()!.getAttribute("aria-modal")).toBe("true");
    expect(text(dialog())).toContain("Delete 2 entries for good? This cannot be undone.");
    expect(document.activeElement, "the safe answer has the focus").toBe(button("Cancel", dialog()!));
    expect(core.callsOf("empty_trash"), "asking deletes nothing").toEqual([]);

    button("Cancel", dialog()!).click();
    await vi.waitFor(() => expect(dialog()).toBeNull());
    expect(core.callsOf("empty_trash")).toEqual([]);
    expect(items()).toHaveLength(2);
    expect(document.activeElement, "the focus goes back to where it was").toBe(emptyButton);
  });

  test("Escape closes the question without emptying", async () => {
    const { core } = await openTrash();
    button("Empty the trash…").click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    dialog()!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await vi.waitFor(() => expect(dialog()).toBeNull());
    expect(core.callsOf("empty_trash")).toEqual([]);
  });

  test("the yes sends empty_trash and says how many entries were deleted for good", async () => {
    const { core } = await openTrash();
    button("Empty the trash…").click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    button("Empty the trash", dialog()!).click();
    await vi.waitFor(() => expect(status()).toBe("Emptied the trash: 2 entries deleted for good."));
    expect(core.callsOf("empty_trash")).toEqual([{}]);
    expect(text(document.body)).toContain("The trash is empty.");
    expect(core.entries.map((e) => e.id), "entries outside the trash are untouched").toEqual(["c"]);
    expect(document.activeElement?.textContent).toBe("Trash");
  });

  test("one entry is asked about in the singular", async () => {
    await openTrash(new FakeCore([entry({ id: "a", title: "Only one", deleted_at: trashed })]));
    button("Empty the trash…").click();
    await vi.waitFor(() => expect(text(dialog())).toContain("Delete 1 entry for good? This cannot be undone."));
  });

  test("a failed emptying is said plainly and the list stays as it was", async () => {
    const core = coreWithTrash();
    core.overrides.set("empty_trash", () => Promise.reject({ code: "io", message: "The journal could not be written." }));
    await openTrash(core);
    button("Empty the trash…").click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    button("Empty the trash", dialog()!).click();
    await vi.waitFor(() => expect(text(alertRegion())).toBe("The journal could not be written."));
    expect(core.callsOf("empty_trash")).toEqual([{}]);
    expect(items()).toHaveLength(2);
    expect(status()).toBe("");
  });

  test("a trash that cannot be read is said plainly", async () => {
    const core = coreWithTrash();
    core.overrides.set("list_trash", () => Promise.reject({ code: "io", message: "The journal could not be read." }));
    const trash = new Trash();
    show(TrashScreen, { trash });
    await vi.waitFor(() => expect(text(alertRegion())).toBe("The journal could not be read."));
    expect(text(document.body), "an unread trash is not said to be empty").not.toContain("The trash is empty.");
  });
});
