// Closing the window with unsaved text saves it first. Tauri asks the page
// before it closes; the window closes once `save` says the text is in the
// journal, and stays open (the reason on screen) when it could not be saved.
import { getCurrentWindow } from "@tauri-apps/api/window";
import { call } from "./ipc";

/** The first page is on screen: the core's background work (the health
 *  check, the daily backup) may start. */
export const windowReady = () => call("window_ready");

/** The desktop's font family, where the shell names it before the page's
 *  scripts run (src-tauri/src/fonts.rs: on Linux, from GTK's settings). */
export function desktopFont(): string | null {
  const family: unknown = (window as { __PRAXIS_DESKTOP_FONT__?: unknown }).__PRAXIS_DESKTOP_FONT__;
  return typeof family === "string" && family.trim() !== "" ? family.trim() : null;
}

export async function saveBeforeClose(save: () => Promise<boolean>): Promise<() => void> {
  try {
    return await getCurrentWindow().onCloseRequested(async (event) => {
      if (!(await save())) event.preventDefault();
    });
  } catch {
    return () => undefined; // not inside Tauri (unit tests): nothing to guard
  }
}
