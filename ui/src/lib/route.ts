// What the window's main pane shows, as one value, and the rules for moving
// between panes: one route decides it, so no order of precedence between
// flags has to be remembered.
//
// The route says *which pane*; it does not say which entry. The entry in the
// editor (new or saved) belongs to the Journal, which saves what it holds
// before anything replaces it and may refuse (a failed save keeps the words
// on screen). Keeping the id here too would make two answers to "which entry
// is open" that could disagree.
//
// Pure: no Svelte, no core, no DOM. App.svelte holds the one `route` and the
// table of screens; the screen names are that table's keys, so this module
// is generic over them.
import type { History } from "./history.svelte";
import type { ShareWizard } from "./sharing.svelte";

export type Route<Name extends string = string> =
  /** The journal's own pane: the entry being written or read; with none,
   *  the welcome (an empty journal) or a hint to choose one. */
  | { kind: "journal" }
  /** One of the screens of the sidebar (Today, Trash, Settings, …). */
  | { kind: "screen"; name: Name }
  /** The versions of the entry that was open. */
  | { kind: "history"; history: History }
  /** Sharing the entry that was open with a coach. */
  | { kind: "share"; wizard: ShareWizard };

/** The journal's pane: where opening an entry, or starting one, leads. */
export const JOURNAL = { kind: "journal" } as const satisfies Route<never>;

/** The sidebar button marked as the current place, if one is. */
export function currentScreen<Name extends string>(route: Route<Name>): Name | null {
  return route.kind === "screen" ? route.name : null;
}

/** The entry the list marks as open: only while the pane shows it, so the
 *  list never claims an entry is open behind a screen. */
export function listedAsOpen(route: Route, currentId: string | null): string | null {
  return route.kind === "journal" ? currentId : null;
}

/** The history and the share wizard belong to the entry they were opened
 *  from: they may open only while that entry is on screen. */
export function mayOpenOverEntry(route: Route): boolean {
  return route.kind === "journal";
}

/** Where closing a pane leads: the history and the share wizard go back to
 *  their entry; a screen and the journal have no "close" and stay. */
export function closed<Name extends string>(route: Route<Name>): Route<Name> {
  return route.kind === "history" || route.kind === "share" ? JOURNAL : route;
}

/** A view remembered across restarts (preferences' `last_view`). */
export type RememberedView<Name extends string> = { kind: "screen"; name: Name } | { kind: "entry"; id: string };

const ENTRY_PREFIX = "entry:";

/** What is kept as the last view: the screen's name, or `entry:<id>` for a
 *  saved entry in the editor (`editingId`). Nothing for the history or the
 *  share wizard (they need their entry's state), nor for an empty pane. */
export function viewToRemember(route: Route, editingId: string | null): string | null {
  switch (route.kind) {
    case "screen":
      return route.name;
    case "journal":
      return editingId === null ? null : `${ENTRY_PREFIX}${editingId}`;
    default:
      return null;
  }
}

/** Reads a remembered view back; a name no screen has any more (an older or
 *  newer Praxis wrote it) is nothing, and the window opens on the journal. */
export function rememberedView<Name extends string>(
  saved: string | null,
  names: readonly Name[],
): RememberedView<Name> | null {
  if (saved === null) return null;
  if (saved.startsWith(ENTRY_PREFIX)) {
    const id = saved.slice(ENTRY_PREFIX.length);
    return id === "" ? null : { kind: "entry", id };
  }
  const name = names.find((n) => n === saved);
  return name === undefined ? null : { kind: "screen", name };
}
