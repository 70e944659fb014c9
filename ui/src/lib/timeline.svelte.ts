// The timeline: every entry the filters keep, grouped by day, newest first.
// Its shape (how many entries each day holds) comes from the core in one
// call; the entries themselves are fetched a page at a time, only for the
// rows on screen, so a journal of 100,000 entries scrolls like one of ten.
import { SvelteMap } from "svelte/reactivity";
import { listEntries, timelineDays } from "../api/entries";
import type { EntrySummary, ListFilter } from "../api/types";
import { layOut, type Layout } from "./layout";

/** Entries fetched per page (the core caps a page at 1000). */
export const PAGE_SIZE = 100;
/** Pages kept on either side of the rows asked for last. Farther pages are
 *  dropped as new ones arrive, and fetched again if scrolled back to, so a
 *  scroll through 100,000 entries holds a few thousand of them, not all. */
export const KEPT_PAGES = 10;

export class Timeline {
  layout: Layout = $state.raw(layOut([]));
  loaded = $state(false);
  #pages = new SvelteMap<number, readonly EntrySummary[]>();
  #inFlight = new Set<number>();
  #filter: ListFilter = {};
  #turn = 0;
  /** The rows last asked for, so a reload fetches them before it shows. */
  #wanted: [number, number] = [0, PAGE_SIZE];

  get total(): number {
    return this.layout.totalEntries;
  }

  /** The entry at list position `offset`, or undefined while its page loads. */
  at(offset: number): EntrySummary | undefined {
    return this.#pages.get(Math.floor(offset / PAGE_SIZE))?.[offset % PAGE_SIZE];
  }

  /** Loads the shape again, and the pages on screen, then shows them at once
   *  (no flash of empty rows after a save or a filter change). */
  async load(filter: ListFilter): Promise<void> {
    const turn = ++this.#turn;
    this.#filter = filter;
    const days = await timelineDays(filter);
    if (turn !== this.#turn) return;
    const layout = layOut(days);
    const [from, to] = this.#wanted;
    const wanted = pagesOf(from, Math.min(to, layout.totalEntries));
    const pages = await Promise.all(wanted.map((page) => this.#fetch(page, filter)));
    if (turn !== this.#turn) return;
    this.#inFlight.clear();
    this.#pages.clear();
    wanted.forEach((page, i) => this.#pages.set(page, pages[i]));
    this.layout = layout;
    this.loaded = true;
  }

  /** Makes sure rows `from .. to` (list positions) are fetched. */
  show(from: number, to: number): void {
    this.#wanted = [from, to];
    const turn = this.#turn;
    const filter = this.#filter;
    for (const page of pagesOf(from, Math.min(to, this.total))) {
      if (this.#pages.has(page) || this.#inFlight.has(page)) continue;
      this.#inFlight.add(page);
      void this.#fetch(page, filter)
        .then((rows) => {
          if (turn !== this.#turn) return;
          this.#pages.set(page, rows);
          this.#forgetFar();
        })
        .catch(() => undefined) // the row stays "Loading…"; the next scroll asks again
        .finally(() => {
          if (turn === this.#turn) this.#inFlight.delete(page);
        });
    }
  }

  /** Drops the pages more than KEPT_PAGES away from the rows asked for last. */
  #forgetFar(): void {
    const first = Math.floor(this.#wanted[0] / PAGE_SIZE) - KEPT_PAGES;
    const last = Math.floor(this.#wanted[1] / PAGE_SIZE) + KEPT_PAGES;
    for (const page of [...this.#pages.keys()]) {
      if (page < first || page > last) this.#pages.delete(page);
    }
  }

  #fetch(page: number, filter: ListFilter): Promise<EntrySummary[]> {
    return listEntries({ ...filter, limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  }
}

function pagesOf(from: number, to: number): number[] {
  const pages: number[] = [];
  if (to <= from) return pages;
  for (let p = Math.floor(Math.max(0, from) / PAGE_SIZE); p * PAGE_SIZE < to; p++) pages.push(p);
  return pages;
}
