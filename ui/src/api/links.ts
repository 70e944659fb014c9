// Links in entries open outside Praxis, in the system browser or mail
// program, after the person said yes (src-tauri/src/commands/links.rs).
import { call } from "./ipc";

export const openExternal = (url: string) => call("open_external", url);
