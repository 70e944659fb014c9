// The history panel of one entry, mounted on its own with the fake core and
// driven as people and the end-to-end tests use it: controls found by role,
// label and name, never by CSS class.
import { describe, expect, test, vi } from "vitest";
import type { Entry } from "./api/types";
import HistoryPanel from "./components/HistoryPanel.svelte";
import { formatInstant } from "./lib/dates";
import { History } from "./lib/history.svelte";
import { alertRegion, button, field, list, text } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore, revision } from "./testing/fakeCore";

const at = {
  1: "2026-05-01T09:00:00+02:00",
  2: "2026-05-02T10:30:00+02:00",
  3: "2026-05-03T18:15:00+02:00",
};

/** An entry saved three times: version 3 is the current one. */
function coreWithVersions(): FakeCore {
  const core = new FakeCore([
    entry({
      id: "e1",
      title: "Weekly with the team",
      body: "The team ran the weekly on its own and it went well.",
      revision: 3,
      updated_at: at[3],
    }),
  ]);
  core.revisions.set("e1", [
    revision({ revision: 1, title: "Weekly", body: "Plan: stay quiet.", saved_at: at[1] }),
    revision({ revision: 2, title: "Weekly with the team", body: "The team ran the weekly without me and it went badly.", saved_at: at[2] }),
  ]);
  return core;
}

type Opened = { core: FakeCore; history: History; restored: Entry[]; closed: () => number };

/** Installs `core` and shows the panel of entry e1, once its versions have been read. */
async function openHistory(core = coreWithVersions()): Promise<Opened> {
  const history = new History("e1");
  const restored: Entry[] = [];
  let closes = 0;
  show(HistoryPanel, { history, onrestored: (e: Entry) => restored.push(e), onclose: () => closes++ });
  await vi.waitFor(() => expect(history.loaded).toBe(true));
  return { core, history, restored, closed: () => closes };
}

const versionButtons = () => [...(list("Versions")?.querySelectorAll("button") ?? [])];
const versionButton = (n: 1 | 2 | 3) => button(`Version ${n}, saved ${formatInstant(at[n])}`);
/** The chosen version's part of the panel, found by its heading ("Version 2, saved …"). */
const chosen = () => [...document.querySelectorAll("h3")].find((h) => text(h).startsWith("Version"))?.closest("section") ?? null;
const chosenText = () => text(chosen());
const status = () => text(document.querySelector('[role="status"]'));
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

describe("the history panel", () => {
  test("lists the versions newest first, each with when it was saved and its words, the current one marked", async () => {
    const { core } = await openHistory();
    expect(core.callsOf("entry_history")).toEqual([{ id: "e1" }]);
    expect(text(document.querySelector("h2"))).toBe("History");
    expect(document.activeElement?.textContent, "the panel's heading takes the focus").toBe("History");
    expect(versionButtons().map(text)).toEqual([
      `Version 3, saved ${formatInstant(at[3])}, 12 words, current`,
      `Version 2, saved ${formatInstant(at[2])}, 11 words`,
      `Version 1, saved ${formatInstant(at[1])}, 3 words`,
    ]);
    expect(versionButtons().every((b) => b.getAttribute("aria-pressed") === "false"), "nothing is chosen yet").toBe(true);
  });

  test("“Close history” tells the window to close the panel", async () => {
    const { closed } = await openHistory();
    button("Close history").click();
    expect(closed()).toBe(1);
  });

  test("choosing an earlier version shows its own title and text, and marks its button", async () => {
    const { core } = await openHistory();
    versionButton(1).click();
    await vi.waitFor(() => expect(chosenText()).toContain("Plan: stay quiet."));
    expect(core.callsOf("get_revision")).toContainEqual({ id: "e1", revision: 1 });
    expect(text(document.querySelector("h3"))).toBe(`Version 1, saved ${formatInstant(at[1])}`);
    expect(chosenText()).toContain("Weekly");
    expect(chosenText()).not.toContain("went well");
    expect(versionButton(1).getAttribute("aria-pressed")).toBe("true");
    expect(versionButton(3).getAttribute("aria-pressed")).toBe("false");
    expect(button("Restore this version")).toBeTruthy();
  });

  test("choosing the current version says so and offers nothing to compare or restore", async () => {
    await openHistory();
    versionButton(3).click();
    await vi.waitFor(() => expect(chosenText()).toContain("This is the current text."));
    expect(chosenText()).toContain("went well");
    expect(() => button("Restore this version")).toThrow();
    expect(() => field("Compare with the current text")).toThrow();
  });

  test("comparing marks the words added since the version and those taken out, in words as well as looks", async () => {
    await openHistory();
    versionButton(2).click();
    await vi.waitFor(() => expect(chosenText()).toContain("without me"));
    expect(chosen()!.querySelector("ins, del"), "no marks until the person asks to compare").toBeNull();

    const compare = field("Compare with the current text");
    expect(compare.type).toBe("checkbox");
    compare.click();
    await vi.waitFor(() => expect(chosen()!.querySelector("ins")).not.toBeNull());
    const added = [...chosen()!.querySelectorAll("ins")].map(text);
    const removed = [...chosen()!.querySelectorAll("del")].map(text);
    expect(added, "words are marked as whole phrases, in the order they are read").toEqual(["[added: on its own]", "[added: well]"]);
    expect(removed).toEqual(["[removed: without me]", "[removed: badly]"]);
    const cues = [...chosen()!.querySelectorAll("ins, del")].map((mark) => text(mark.firstElementChild));
    expect(cues, "every mark says in words what changed, for screen readers").toEqual([
      "[removed:",
      "[added:",
      "[removed:",
      "[added:",
    ]);
    expect(chosenText()).toContain("The team ran the weekly");
    expect(chosenText(), "the title is the same in both, so it has no marks").toContain("Weekly with the team");
    expect(chosenText()).toContain("Underlined words were added since this version; struck-through words were taken out.");

    compare.click();
    await vi.waitFor(() => expect(chosen()!.querySelector("ins")).toBeNull());
    expect(chosenText()).toContain("The team ran the weekly without me and it went badly.");
  });

  test("comparing marks a changed title too", async () => {
    await openHistory();
    versionButton(1).click();
    await vi.waitFor(() => expect(chosenText()).toContain("Plan: stay quiet."));
    field("Compare with the current text").click();
    await vi.waitFor(() => expect(chosen()!.querySelector("h4 ins")).not.toBeNull());
    expect(text(chosen()!.querySelector("h4 ins"))).toBe("[added: with the team]");
  });

  test("restoring asks first, and Cancel saves nothing", async () => {
    const { core, restored } = await openHistory();
    versionButton(2).click();
    const restoreButton = await vi.waitFor(() => button("Restore this version"));
    restoreButton.click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(text(dialog())).toContain("Your current text stays in the history, so you can come back to it.");
    expect(document.activeElement, "the safe answer has the focus").toBe(button("Cancel", dialog()!));
    button("Cancel", dialog()!).click();
    await vi.waitFor(() => expect(dialog()).toBeNull());
    expect(core.callsOf("revert_entry")).toEqual([]);
    expect(restored).toEqual([]);
    expect(document.activeElement, "the focus goes back to where it was").toBe(restoreButton);
  });

  test("the yes sends revert_entry with the version, tells the window, and lists the new current version", async () => {
    const { core, restored } = await openHistory();
    versionButton(2).click();
    (await vi.waitFor(() => button("Restore this version"))).click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    button("Restore this version", dialog()!).click();

    await vi.waitFor(() => expect(restored).toHaveLength(1));
    expect(core.callsOf("revert_entry")).toEqual([{ id: "e1", revision: 2 }]);
    expect(restored[0]).toMatchObject({ id: "e1", revision: 4, body: "The team ran the weekly without me and it went badly." });
    await vi.waitFor(() => expect(versionButtons()).toHaveLength(4));
    expect(text(versionButtons()[0])).toContain("Version 4");
    expect(text(versionButtons()[0])).toContain("current");
    expect(text(versionButtons()[1]), "the replaced text stays in the history").toContain("Version 3");
    expect(status()).toContain("Restored version 2.");
    expect(document.querySelector("h3"), "the restored version is the current text now, so nothing stays chosen").toBeNull();
  });

  test("a failed restore is said plainly and nothing changes", async () => {
    const core = coreWithVersions();
    core.overrides.set("revert_entry", () => Promise.reject({ code: "busy", message: "The journal is busy. Please try again." }));
    const { restored } = await openHistory(core);
    versionButton(1).click();
    (await vi.waitFor(() => button("Restore this version"))).click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    button("Restore this version", dialog()!).click();
    await vi.waitFor(() => expect(text(alertRegion())).toBe("The journal is busy. Please try again."));
    expect(core.callsOf("revert_entry")).toEqual([{ id: "e1", revision: 1 }]);
    expect(restored).toEqual([]);
    expect(versionButtons()).toHaveLength(3);
    expect(chosenText(), "the chosen version is still shown, to try again").toContain("Plan: stay quiet.");
    expect(status()).toBe("");
  });

  test("a version that cannot be read is said plainly", async () => {
    const core = coreWithVersions();
    core.overrides.set("get_revision", () => Promise.reject({ code: "revision_not_found", message: "This entry has no version 1." }));
    await openHistory(core);
    versionButton(1).click();
    await vi.waitFor(() => expect(text(alertRegion())).toBe("This entry has no version 1."));
    expect(document.querySelector("h3")).toBeNull();
  });
});
