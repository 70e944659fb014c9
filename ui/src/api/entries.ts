// The journal's entries: list, search, read, write, delete. The only file
// that knows these commands' names (src-tauri/src/commands/entries.rs).
import { call } from "./ipc";
import type { EntryDraft, ListFilter } from "./types";

/** Newest first (by the day each entry is about). */
export const listEntries = (filter: ListFilter = {}) =>
  call("list_entries", filter);

/** Every typed word is matched as a word prefix; no search syntax to learn. */
export const searchEntries = (query: string, filter: ListFilter = {}) =>
  call("search_entries", query, filter);

export const getEntry = (id: string) => call("get_entry", id);

/** A new entry, in `project` from the start when one is given (one save). */
export const createEntry = (draft: EntryDraft, project: string | null = null) =>
  call("create_entry", draft, project);

/** Keeps the previous version in the entry's history. */
export const updateEntry = (id: string, draft: EntryDraft) =>
  call("update_entry", id, draft);

/** Moves the entry to the trash, from where it can be restored. */
export const deleteEntry = (id: string) => call("delete_entry", id);

/** Tags in use, most used first, with how many entries carry each. */
export const listTags = () => call("list_tags");

/** Saves while the person types: `session` is null for an editing session's
 *  first save, then the revision the previous save returned. One editing
 *  session is one version in the entry's history. */
export const autosaveEntry = (id: string, draft: EntryDraft, session: number | null) =>
  call("autosave_entry", id, draft, session);

/** How many entries each day holds, newest day first: the timeline's shape. */
export const timelineDays = (filter: ListFilter = {}) => call("timeline_days", filter);
