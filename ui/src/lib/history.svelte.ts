// The state of one entry's history panel: every saved version, newest first,
// the one chosen to read, and bringing an earlier one back. Bringing one back
// is a new save (revert_entry): the text it replaces stays in the history,
// so nothing is ever lost by it. A failure leaves everything as it was, with
// `error` saying why.
import type { AppError } from "../api/errors";
import * as api from "../api/history";
import type { Entry, Revision, RevisionSummary } from "../api/types";
import { attempt } from "./attempt";
import { plural } from "./count";
import { formatInstant } from "./dates";

/** "Version 3, saved 4 May 2026, 10:00": how a version is named on its button and above its text. */
export const versionLabel = (version: { revision: number; saved_at: string }) =>
  `Version ${version.revision}, saved ${formatInstant(version.saved_at)}`;

export const words = (count: number) => plural(count, "word", "words");

export class History {
  /** The entry whose versions these are. */
  readonly id: string;
  /** Newest first; the first is the current version. */
  versions: RevisionSummary[] = $state.raw([]);
  loaded = $state(false);
  /** The version being read, or null. */
  chosen: Revision | null = $state.raw(null);
  /** The current version in full, to compare the chosen one with; read with the first choice. */
  current: Revision | null = $state.raw(null);
  error: AppError | null = $state(null);
  busy = $state(false);
  /** What the last restore did, for the status line. */
  done = $state("");
  /** True while "restore this version?" waits for an answer. */
  confirmingRestore = $state(false);
  #turn = 0;

  constructor(id: string) {
    this.id = id;
  }

  /** Whether `chosen` is an earlier version (one that can be compared and brought back). */
  get chosenIsEarlier(): boolean {
    return this.chosen !== null && this.chosen.revision !== this.versions[0]?.revision;
  }

  /** Reads the list of versions (again). A chosen version that is no longer listed is let go. */
  async load(): Promise<void> {
    const turn = ++this.#turn;
    const versions = await attempt(this, () => api.entryHistory(this.id));
    if (!versions || turn !== this.#turn) return;
    this.versions = versions;
    this.loaded = true;
    if (this.current && this.current.revision !== versions[0]?.revision) this.current = null;
    if (this.chosen && !versions.some((v) => v.revision === this.chosen?.revision)) this.chosen = null;
  }

  /** Reads `revision` in full (and the current version, to compare with, when not yet read). */
  async choose(revision: number): Promise<void> {
    const newest = this.versions[0]?.revision;
    if (newest === undefined) return;
    const turn = ++this.#turn;
    this.done = "";
    this.confirmingRestore = false;
    const known = this.current?.revision === newest ? this.current : null;
    const read = (wanted: number) =>
      wanted === newest && known ? Promise.resolve(known) : api.getRevision(this.id, wanted);
    const both = await attempt(this, () => {
      const current = read(newest);
      return Promise.all([revision === newest ? current : read(revision), current]);
    });
    if (!both || turn !== this.#turn) return;
    [this.chosen, this.current] = both;
  }

  /** Asks before bringing the chosen version back; nothing is saved until `restore()`. */
  askRestore(): void {
    if (this.busy || !this.chosenIsEarlier) return;
    this.done = "";
    this.confirmingRestore = true;
  }

  cancelRestore(): void {
    this.confirmingRestore = false;
  }

  /**
   * Makes the chosen earlier version the current text, as a new save, and
   * reads the versions again. Answers the entry as it now is, or undefined
   * when nothing was saved.
   */
  async restore(): Promise<Entry | undefined> {
    const chosen = this.chosen;
    this.confirmingRestore = false;
    if (chosen === null || !this.chosenIsEarlier || this.busy) return undefined;
    this.#turn++;
    const entry = await attempt(this, () => api.revertEntry(this.id, chosen.revision));
    if (!entry) return undefined;
    this.chosen = null;
    this.current = null;
    await this.load();
    this.done = `Restored version ${chosen.revision}. It is now the current text, and the text it replaced is kept in the history.`;
    return entry;
  }
}
