// A part of the window whose code is fetched only when it is first needed,
// or ahead of time once the first page is on screen. The entry editor is the
// one such part: CodeMirror is about two thirds of the UI's code, and the
// timeline's first page does not need it.
import type { Component } from "svelte";

/** A component (`T`, whatever its props) whose code arrives later. */
export class Lazy<T extends Component<any>> {
  /** The component, once its code has arrived. */
  component: T | null = $state(null);
  /** Set if its code could not be loaded (a damaged installation). */
  failed: string | null = $state(null);
  #loading: Promise<void> | null = null;
  readonly #load: () => Promise<{ default: T }>;

  constructor(load: () => Promise<{ default: T }>) {
    this.#load = load;
  }

  /** Fetches the code once; later calls share the first (or retry after a failure). */
  load(): Promise<void> {
    this.#loading ??= this.#load().then(
      (module) => {
        this.component = module.default;
        this.failed = null;
      },
      (error: unknown) => {
        this.failed = error instanceof Error ? error.message : String(error);
        this.#loading = null; // the next call tries again
      },
    );
    return this.#loading;
  }
}

/** Runs `work` once the browser has painted what is on screen now. */
export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
