import { afterEach, describe, expect, test, vi } from "vitest";
import { formatDay, formatInstant, today } from "./dates";

// Node applies a change of TZ at once, so each test can stand where a bug would show.
afterEach(() => vi.unstubAllEnvs());

describe("today", () => {
  test("is the local calendar day, zero-padded", () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });

  test("does not move to the next day late in the evening east of Greenwich", () => {
    vi.stubEnv("TZ", "Pacific/Auckland");
    // toISOString() would give the UTC day, which is tomorrow east of Greenwich at 23:30.
    expect(today(new Date(2026, 11, 31, 23, 30))).toBe("2026-12-31");
  });
});

describe("formatDay", () => {
  test("shows a day in words in the given locale", () => {
    expect(formatDay("2026-05-01", "en-GB")).toBe("1 May 2026");
  });

  test("shows the day it names, not the day before, west of Greenwich", () => {
    vi.stubEnv("TZ", "America/Los_Angeles");
    // new Date("2026-05-01") is midnight UTC, which is still 30 April west of Greenwich.
    expect(formatDay("2026-05-01", "en-US")).toBe("May 1, 2026");
  });

  test("shows the day it names east of Greenwich too, after a formatter was made in the west", () => {
    vi.stubEnv("TZ", "America/Los_Angeles");
    expect(formatDay("2026-05-01", "en-GB")).toBe("1 May 2026");
    vi.stubEnv("TZ", "Pacific/Auckland");
    expect(formatDay("2026-05-01", "en-GB")).toBe("1 May 2026");
    expect(formatDay("2026-12-31", "en-GB")).toBe("31 Dec 2026");
  });

  test("makes one formatter for a locale, not one for every day it shows", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    try {
      for (let d = 1; d <= 28; d++) formatDay(`2026-02-${String(d).padStart(2, "0")}`, "de-DE");
      expect(formatDay("2026-02-28", "de-DE")).toBe("28.02.2026");
      expect(made.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      made.mockRestore();
    }
  });

  test("returns text that is not a valid day unchanged rather than inventing one", () => {
    expect(formatDay("2026-02-30", "en-GB")).toBe("2026-02-30");
    expect(formatDay("someday", "en-GB")).toBe("someday");
  });
});

describe("formatInstant", () => {
  test("shows a UTC instant as the local day and time", () => {
    vi.stubEnv("TZ", "Europe/Berlin");
    expect(formatInstant("2026-05-04T08:00:00Z", "en-GB")).toBe("4 May 2026, 10:00");
  });

  test("returns text that is not an instant unchanged", () => {
    expect(formatInstant("yesterday", "en-GB")).toBe("yesterday");
  });
});
