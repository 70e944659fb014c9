import { describe, expect, test } from "vitest";
import { formatTags, normalizeTag, parseTags } from "./tags";

describe("parseTags", () => {
  test("splits on commas, trims and lower-cases", () => {
    expect(parseTags("a, B ,c")).toEqual(["a", "b", "c"]);
  });

  test("drops empty pieces left by stray or doubled commas", () => {
    expect(parseTags(" , delegation,, ,meetings, ")).toEqual(["delegation", "meetings"]);
  });

  test("returns no tags for a blank line", () => {
    expect(parseTags("")).toEqual([]);
    expect(parseTags("   ")).toEqual([]);
  });

  test("keeps one copy of tags that differ only in case or a leading # or @", () => {
    expect(parseTags("Leadership, #leadership, @LEADERSHIP, team")).toEqual(["leadership", "team"]);
  });

  test("turns inner spaces into dashes, as the core stores them", () => {
    expect(parseTags("Cross  team, one to one")).toEqual(["cross-team", "one-to-one"]);
  });

  test("lower-cases letters beyond ASCII", () => {
    expect(parseTags("Équipe, ÜBUNG")).toEqual(["équipe", "übung"]);
  });
});

describe("normalizeTag", () => {
  test("gives null for a tag that is only marks and spaces", () => {
    expect(normalizeTag(" # ")).toBeNull();
    expect(normalizeTag("@")).toBeNull();
  });
});

describe("formatTags", () => {
  test("writes tags back as the comma-separated line parseTags reads", () => {
    const tags = ["delegation", "cross-team"];
    expect(formatTags(tags)).toBe("delegation, cross-team");
    expect(parseTags(formatTags(tags))).toEqual(tags);
  });
});
