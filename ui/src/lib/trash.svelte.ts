// The state of the Trash screen: the entries moved to the trash, bringing one
// back, and emptying the trash for good after a clear yes. Nothing here
// deletes anything until `empty()` runs, and `empty()` only runs from the
// dialog's answer. A failure leaves the list as it was, with `error` saying
// why.
import type { AppError } from "../api/errors";
import * as api from "../api/history";
import type { Entry, EntrySummary } from "../api/types";
import { attempt } from "./attempt";
import { entries } from "./count";

/** An entry's title as lists show it: a blank title reads "Untitled". */
export const titleOf = (entry: { title: string }) => entry.title.trim() || "Untitled";

export class Trash {
  /** Most recently trashed first, as the core lists them. */
  items: EntrySummary[] = $state.raw([]);
  loaded = $state(false);
  busy = $state(false);
  error: AppError | null = $state(null);
  /** What the last action did, for the status line. */
  done = $state("");
  /** True while the "empty the trash" question waits for an answer. */
  confirmingEmpty = $state(false);
  #turn = 0;

  /** Reads the trash again; what the last action did is forgotten. */
  async load(): Promise<void> {
    const turn = ++this.#turn;
    this.done = "";
    const items = await attempt(this, () => api.listTrash());
    if (items && turn === this.#turn) {
      this.items = items;
      this.loaded = true;
    }
  }

  /** Brings `item` back, exactly as it was; answers the entry, or undefined on failure (the item stays). */
  async restore(item: EntrySummary): Promise<Entry | undefined> {
    if (this.busy) return undefined;
    this.done = "";
    const restored = await attempt(this, () => api.restoreEntry(item.id));
    if (!restored) return undefined;
    this.#turn++;
    this.items = this.items.filter((e) => e.id !== item.id);
    this.done = `Restored “${titleOf(restored)}”.`;
    return restored;
  }

  /** Asks before emptying; nothing is deleted until `empty()`. */
  askEmpty(): void {
    if (this.busy || this.items.length === 0) return;
    this.done = "";
    this.confirmingEmpty = true;
  }

  cancelEmpty(): void {
    this.confirmingEmpty = false;
  }

  /** Deletes every entry in the trash for good; only after `askEmpty()` was answered yes. */
  async empty(): Promise<boolean> {
    if (!this.confirmingEmpty || this.busy) return false;
    this.confirmingEmpty = false;
    const deleted = await attempt(this, () => api.emptyTrash());
    if (deleted === undefined) return false;
    this.#turn++;
    this.items = [];
    this.loaded = true;
    this.done = `Emptied the trash: ${entries(deleted)} deleted for good.`;
    return true;
  }

  /** The question the dialog asks, with the number of entries at stake. */
  get emptyQuestion(): string {
    return `Delete ${entries(this.items.length)} for good? This cannot be undone.`;
  }
}
