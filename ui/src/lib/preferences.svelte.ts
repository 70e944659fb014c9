// The person's preferences (theme, the editor's text size, the preview, the
// view shown last) and how the window applies them. They are kept in the
// journal, so they can only be read once it is open; the theme is also
// mirrored in localStorage so that the lock screen, shown before, already
// has the right colours. A change shows at once and is saved; if the core
// refuses it, the saved value comes back and `error` says why.
import { untrack } from "svelte";
import type { AppError } from "../api/errors";
import { toAppError } from "../api/errors";
import type { Preferences as Saved, Theme } from "../api/types";
import * as api from "../api/writing";

/** The editor's text sizes the core accepts, in CSS pixels. */
export const FONT_SIZES = { min: 12, max: 28 } as const;

/** What the core answers when nothing was saved yet. */
export const DEFAULT_PREFERENCES: Readonly<Saved> = {
  theme: "system",
  editor_font_size: 17,
  show_preview: true,
  last_view: null,
};

/** The localStorage key of the theme's mirror. */
export const THEME_KEY = "praxis.theme";

const THEMES: readonly Theme[] = ["system", "light", "dark"];

/**
 * Puts the theme and the editor's text size on the page: `data-theme` on
 * `root` for an explicit light or dark (none for "system", so app.css follows
 * the operating system), and `--editor-font-size` in pixels.
 */
export function applyLook(
  prefs: Pick<Saved, "theme" | "editor_font_size">,
  root: HTMLElement = document.documentElement,
): void {
  if (prefs.theme === "light" || prefs.theme === "dark") root.dataset.theme = prefs.theme;
  else delete root.dataset.theme;
  root.style.setProperty("--editor-font-size", `${prefs.editor_font_size}px`);
}

/** Where the theme is mirrored; null where the webview keeps no storage. */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function rememberTheme(theme: Theme): void {
  try {
    storage()?.setItem(THEME_KEY, theme);
  } catch {
    // A full or refused storage only means the lock screen follows the system.
  }
}

/** Applies the theme mirrored at the last start, before the journal (and its preferences) can be read. */
export function applyStoredTheme(root: HTMLElement = document.documentElement): void {
  let stored: string | null = null;
  try {
    stored = storage()?.getItem(THEME_KEY) ?? null;
  } catch {
    return;
  }
  const theme = THEMES.find((t) => t === stored);
  if (theme === "light" || theme === "dark") root.dataset.theme = theme;
  else if (theme === "system") delete root.dataset.theme;
}

/** Puts the desktop's font first in the window's font (app.css, --font-ui). */
export function applyDesktopFont(family: string | null, root: HTMLElement = document.documentElement): void {
  if (family === null) return;
  // A quoted CSS string: any name works, and none can end the value early.
  const quoted = `"${family.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, " ")}"`;
  root.style.setProperty("--font-desktop", quoted);
}

export class Preferences {
  theme: Theme = $state(DEFAULT_PREFERENCES.theme);
  editorFontSize: number = $state(DEFAULT_PREFERENCES.editor_font_size);
  showPreview: boolean = $state(DEFAULT_PREFERENCES.show_preview);
  lastView: string | null = $state(DEFAULT_PREFERENCES.last_view);
  /** True once the saved preferences were read. */
  loaded = $state(false);
  /** Why the last change was not kept, or why they could not be read. */
  error: AppError | null = $state(null);
  /** What the core last confirmed; a refused change goes back to it. */
  #saved: Saved = { ...DEFAULT_PREFERENCES };
  /** Saves go to the core one after another, so the last change is the one kept. */
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** The preferences as shown now (including changes still being saved). */
  get current(): Saved {
    return {
      theme: this.theme,
      editor_font_size: this.editorFontSize,
      show_preview: this.showPreview,
      last_view: this.lastView,
    };
  }

  /** Reads the saved preferences and applies them; call once the journal is open. */
  async load(): Promise<void> {
    try {
      const saved = await api.getPreferences();
      this.#saved = saved;
      if (this.#pending === 0) this.#show(saved);
      this.loaded = true;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  setTheme(theme: Theme): Promise<boolean> {
    return this.#save({ theme });
  }

  setFontSize(pixels: number): Promise<boolean> {
    return this.#save({ editor_font_size: pixels });
  }

  setShowPreview(show: boolean): Promise<boolean> {
    return this.#save({ show_preview: show });
  }

  setLastView(view: string | null): Promise<boolean> {
    return this.#save({ last_view: view });
  }

  dismissError(): void {
    this.error = null;
  }

  #show(prefs: Saved): void {
    this.theme = prefs.theme;
    this.editorFontSize = prefs.editor_font_size;
    this.showPreview = prefs.show_preview;
    this.lastView = prefs.last_view;
    applyLook(prefs);
    rememberTheme(prefs.theme);
  }

  /** Shows the change at once, then saves it over what the core last confirmed. */
  async #save(change: Partial<Saved>): Promise<boolean> {
    // Called from an effect (e.g. to remember the view), this must not make the effect follow every preference.
    untrack(() => {
      this.error = null;
      this.#show({ ...this.current, ...change });
    });
    this.#pending++;
    const turn = this.#queue.then(async () => {
      try {
        this.#saved = await api.setPreferences({ ...this.#saved, ...change });
        return true;
      } catch (reason) {
        this.error = toAppError(reason);
        return false;
      } finally {
        // Once nothing else is on its way, show exactly what was kept.
        if (--this.#pending === 0) this.#show(this.#saved);
      }
    });
    this.#queue = turn;
    return turn;
  }
}
