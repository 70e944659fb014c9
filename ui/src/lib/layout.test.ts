import { describe, expect, test } from "vitest";
import { DAY_HEIGHT, itemsIn, layOut, ROW_HEIGHT, rowTop } from "./layout";

const days = [
  { day: "2026-05-03", entries: 3 },
  { day: "2026-05-01", entries: 1 },
  { day: "2026-04-20", entries: 2 },
];

describe("the timeline's layout", () => {
  test("puts each day's heading above its entries, newest day first", () => {
    const layout = layOut(days);
    const items = itemsIn(layout, 0, 10_000);
    expect(items.map((i) => (i.type === "day" ? i.day : i.offset))).toEqual([
      "2026-05-03", 0, 1, 2, "2026-05-01", 3, "2026-04-20", 4, 5,
    ]);
    expect(layout.totalEntries).toBe(6);
    expect(layout.totalHeight).toBe(3 * DAY_HEIGHT + 6 * ROW_HEIGHT);
    const tops = items.map((i) => i.top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
  });

  test("gives only the rows that cross the visible window", () => {
    const layout = layOut(days);
    const top = DAY_HEIGHT + ROW_HEIGHT + 5; // inside the second row of the first day
    const items = itemsIn(layout, top, ROW_HEIGHT);
    expect(items).toEqual([
      { type: "entry", offset: 1, top: DAY_HEIGHT + ROW_HEIGHT },
      { type: "entry", offset: 2, top: DAY_HEIGHT + 2 * ROW_HEIGHT },
    ]);
  });

  test("lays out a hundred thousand entries and finds a deep row without walking them", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ day: `d${i}`, entries: i % 2 === 0 ? 33 : 34 }));
    const layout = layOut(many);
    expect(layout.totalEntries).toBe(1500 * 33 + 1500 * 34);
    const deep = rowTop(layout, 99_000);
    const items = itemsIn(layout, deep, 600);
    const firstRow = items.find((i) => i.type === "entry");
    expect(firstRow).toEqual({ type: "entry", offset: 99_000, top: deep });
    expect(items.length).toBeLessThan(14);
  });

  test("an empty timeline has no items and no height", () => {
    const layout = layOut([]);
    expect(itemsIn(layout, 0, 500)).toEqual([]);
    expect(layout.totalHeight).toBe(0);
  });
});
