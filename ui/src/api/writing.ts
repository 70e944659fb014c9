// The writing room's settings: templates, the window's preferences, and the
// data folder shown in the file manager. The only file that knows these
// commands' names (src-tauri/src/commands/writing.rs).
import { call } from "./ipc";
import type { Kind, Preferences } from "./types";

/** One template for every kind, in the order of KINDS. */
export const listTemplates = () => call("list_templates");

/** Saving exactly the built-in text makes the kind built-in again; over 20,000 characters is refused (out_of_range). */
export const setTemplate = (kind: Kind, body: string) => call("set_template", kind, body);

/** Forgets the person's own template: the kind starts from the built-in one again. */
export const resetTemplate = (kind: Kind) => call("reset_template", kind);

/** The saved preferences, or the defaults where none were saved. */
export const getPreferences = () => call("get_preferences") as Promise<Preferences>;

/** Answers with what was kept; a text size outside 12–28 is refused (out_of_range). */
export const setPreferences = (preferences: Preferences) =>
  call("set_preferences", preferences) as Promise<Preferences>;

/** Opens the system's file manager at the journal's file; the page never names a path. */
export const revealDataFolder = () => call("reveal_data_folder");
