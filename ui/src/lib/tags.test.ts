import { describe, expect, test } from "vitest";
import { completeTag, formatTags, normalizeTag, parseTags, suggestTags } from "./tags";

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

describe("tag suggestions", () => {
  const known = ["meetings", "delegation", "team-meetings", "feedback"];

  test("complete the tag being typed: starting with it first, then containing it", () => {
    expect(suggestTags("meet", known)).toEqual(["meetings", "team-meetings"]);
    expect(suggestTags("feedback, De", known)).toEqual(["delegation"]);
  });

  test("leave out tags already in the line, and offer nothing before a letter is typed", () => {
    expect(suggestTags("meetings, ", known)).toEqual([]);
    expect(suggestTags("meetings, me", known)).toEqual(["team-meetings"]);
  });

  test("taking one replaces the fragment and readies the next tag", () => {
    expect(completeTag("feedback,  del", "delegation")).toBe("feedback, delegation, ");
    expect(completeTag("me", "meetings")).toBe("meetings, ");
  });
});
