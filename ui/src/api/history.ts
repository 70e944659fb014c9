// The trash and the versions of an entry. The only file that knows these
// commands' names (src-tauri/src/commands/entries.rs). Moving an entry to
// the trash is `deleteEntry` in entries.ts.
import { call } from "./ipc";

/** The entries in the trash, most recently trashed first. */
export const listTrash = () => call("list_trash");

/** Brings an entry back from the trash exactly as it was; one not in the trash is refused (entry_not_in_trash). */
export const restoreEntry = (id: string) => call("restore_entry", id);

/** Deletes every entry in the trash for good, with its history; answers how many. */
export const emptyTrash = () => call("empty_trash");

/** The versions of an entry, newest first; the first is the current one. */
export const entryHistory = (id: string) => call("entry_history", id);

/** One version in full: an earlier one or the current one. */
export const getRevision = (id: string, revision: number) => call("get_revision", id, revision);

/** Makes an earlier version current as a new save; the version it replaces stays in the history. */
export const revertEntry = (id: string, revision: number) => call("revert_entry", id, revision);
