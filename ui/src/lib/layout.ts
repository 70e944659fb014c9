// The timeline's layout: entries grouped by day, newest first, laid out
// without fetching them. The core says how many entries each day holds
// (timeline_days); every day heading and every entry row has a fixed height,
// so the position of any row is known in advance and only the rows on screen
// are fetched and drawn, whatever the journal's size.
import type { DayCount } from "../api/types";

export const DAY_HEIGHT = 34;
export const ROW_HEIGHT = 58;

export type Layout = {
  days: readonly DayCount[];
  /** Pixel top of each day's heading. */
  dayTops: Float64Array;
  /** The list position (offset) of each day's first entry. */
  firstEntry: Uint32Array;
  totalHeight: number;
  totalEntries: number;
};

export type Item =
  | { type: "day"; day: string; entries: number; top: number }
  | { type: "entry"; offset: number; top: number };

export function layOut(days: readonly DayCount[]): Layout {
  const dayTops = new Float64Array(days.length);
  const firstEntry = new Uint32Array(days.length);
  let top = 0;
  let offset = 0;
  days.forEach((day, i) => {
    dayTops[i] = top;
    firstEntry[i] = offset;
    top += DAY_HEIGHT + day.entries * ROW_HEIGHT;
    offset += day.entries;
  });
  return { days, dayTops, firstEntry, totalHeight: top, totalEntries: offset };
}

/** The last day whose heading starts at or above `y`. */
function dayAt(layout: Layout, y: number): number {
  let lo = 0;
  let hi = layout.days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.dayTops[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The headings and rows that cross `top .. top + height`, in order. */
export function itemsIn(layout: Layout, top: number, height: number): Item[] {
  const items: Item[] = [];
  if (layout.days.length === 0) return items;
  const bottom = top + height;
  for (let d = dayAt(layout, Math.max(0, top)); d < layout.days.length; d++) {
    const dayTop = layout.dayTops[d];
    if (dayTop >= bottom) break;
    const { day, entries } = layout.days[d];
    if (dayTop + DAY_HEIGHT > top) items.push({ type: "day", day, entries, top: dayTop });
    const rowsTop = dayTop + DAY_HEIGHT;
    const first = Math.max(0, Math.floor((top - rowsTop) / ROW_HEIGHT));
    for (let r = first; r < entries; r++) {
      const rowTop = rowsTop + r * ROW_HEIGHT;
      if (rowTop >= bottom) break;
      items.push({ type: "entry", offset: layout.firstEntry[d] + r, top: rowTop });
    }
  }
  return items;
}

/** The pixel top of the row at list position `offset`. */
export function rowTop(layout: Layout, offset: number): number {
  let lo = 0;
  let hi = layout.days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.firstEntry[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return layout.dayTops[lo] + DAY_HEIGHT + (offset - layout.firstEntry[lo]) * ROW_HEIGHT;
}
