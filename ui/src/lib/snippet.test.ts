import { describe, expect, test } from "vitest";
import { compactSnippet } from "./snippet";

describe("compactSnippet", () => {
  test("keeps alternating parts as they are", () => {
    const parts = [
      { text: "the ", hit: false },
      { text: "meeting", hit: true },
      { text: " ran late", hit: false },
    ];
    expect(compactSnippet(parts)).toEqual(parts);
  });

  test("joins neighbouring hits so one word is one mark", () => {
    expect(
      compactSnippet([
        { text: "meet", hit: true },
        { text: "ing", hit: true },
        { text: " notes", hit: false },
      ]),
    ).toEqual([
      { text: "meeting", hit: true },
      { text: " notes", hit: false },
    ]);
  });

  test("drops empty parts and joins what they separated", () => {
    expect(
      compactSnippet([
        { text: "a ", hit: false },
        { text: "", hit: true },
        { text: "b", hit: false },
      ]),
    ).toEqual([{ text: "a b", hit: false }]);
  });

  test("leaves markup-looking text as plain text for the view to escape", () => {
    expect(compactSnippet([{ text: "<b>bold</b>", hit: true }])).toEqual([{ text: "<b>bold</b>", hit: true }]);
  });

  test("does not change the parts it was given", () => {
    const parts = [
      { text: "a", hit: true },
      { text: "b", hit: true },
    ];
    compactSnippet(parts);
    expect(parts).toEqual([
      { text: "a", hit: true },
      { text: "b", hit: true },
    ]);
  });
});
