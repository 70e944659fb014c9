import { describe, expect, test } from "vitest";
import type { History } from "./history.svelte";
import type { ShareWizard } from "./sharing.svelte";
import {
  closed,
  currentScreen,
  JOURNAL,
  listedAsOpen,
  mayOpenOverEntry,
  rememberedView,
  viewToRemember,
  type Route,
} from "./route";

const NAMES = ["today", "trash", "settings", "data"] as const;
type Name = (typeof NAMES)[number];

const screen = (name: Name): Route<Name> => ({ kind: "screen", name });
// The panes' own state is not looked at by these rules: stand-ins will do.
const history: Route<Name> = { kind: "history", history: {} as History };
const share: Route<Name> = { kind: "share", wizard: {} as ShareWizard };

describe("the sidebar", () => {
  test("marks the screen on show, and nothing while an entry, its history or its sharing is", () => {
    expect(currentScreen(screen("trash")), "the place the person is must be unmistakable").toBe("trash");
    for (const route of [JOURNAL, history, share]) {
      expect(currentScreen(route), `${route.kind} is no sidebar screen`).toBeNull();
    }
  });
});

describe("the list of entries", () => {
  test("marks the entry in the editor as open only while the pane shows it", () => {
    expect(listedAsOpen(JOURNAL, "a")).toBe("a");
    for (const route of [screen("data"), history, share]) {
      expect(listedAsOpen(route, "a"), `behind ${route.kind} the entry is kept, but not on show`).toBeNull();
    }
  });

  test("marks nothing when the journal's pane holds no entry", () => {
    expect(listedAsOpen(JOURNAL, null)).toBeNull();
  });
});

describe("an entry's history and its share wizard", () => {
  test("open only over the entry they belong to, never over a screen reached while the entry was being saved", () => {
    expect(mayOpenOverEntry(JOURNAL)).toBe(true);
    for (const route of [screen("today"), history, share]) expect(mayOpenOverEntry(route), route.kind).toBe(false);
  });

  test("closing either goes back to the entry", () => {
    expect(closed(history)).toEqual(JOURNAL);
    expect(closed(share)).toEqual(JOURNAL);
  });

  test("a screen or the journal has nothing to close, and stays", () => {
    const trash = screen("trash");
    expect(closed(trash)).toBe(trash);
    expect(closed(JOURNAL)).toBe(JOURNAL);
  });
});

describe("the view remembered across restarts", () => {
  test("is the screen's name, or the saved entry in the editor", () => {
    expect(viewToRemember(screen("settings"), "a")).toBe("settings");
    expect(viewToRemember(JOURNAL, "a")).toBe("entry:a");
  });

  test("is nothing for an empty pane, a new entry not saved yet, a history or a share wizard", () => {
    expect(viewToRemember(JOURNAL, null)).toBeNull();
    expect(viewToRemember(history, "a"), "a history needs its entry's state, which a restart loses").toBeNull();
    expect(viewToRemember(share, "a")).toBeNull();
  });

  test("reads back as what was remembered", () => {
    for (const name of NAMES) {
      expect(rememberedView(viewToRemember(screen(name), null), NAMES)).toEqual({ kind: "screen", name });
    }
    expect(rememberedView(viewToRemember(JOURNAL, "01J0ABC"), NAMES)).toEqual({ kind: "entry", id: "01J0ABC" });
  });

  test("is nothing when it names a screen this Praxis does not have, or is empty", () => {
    expect(rememberedView("insights", NAMES), "another version may have more screens").toBeNull();
    expect(rememberedView("entry:", NAMES), "an entry needs an id").toBeNull();
    expect(rememberedView(null, NAMES)).toBeNull();
  });

  test("keeps the names older versions wrote, so a restart after an update opens where the person was", () => {
    // Praxis wrote "data" for Journal data and "sharing" for Sharing before
    // the screens became one table; the names stayed.
    expect(rememberedView("data", NAMES)).toEqual({ kind: "screen", name: "data" });
    expect(rememberedView("entry:x", NAMES)).toEqual({ kind: "entry", id: "x" });
  });
});
