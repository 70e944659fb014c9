import { describe, expect, test } from "vitest";
import { changed, compareTexts, type ComparePart } from "./compare";

const older = (parts: ComparePart[]) => parts.filter((p) => p.change !== "added").map((p) => p.text).join("");
const current = (parts: ComparePart[]) => parts.filter((p) => p.change !== "removed").map((p) => p.text).join("");

describe("compareTexts", () => {
  test("marks a replaced word as removed from the older text and added in the current one", () => {
    expect(compareTexts("The meeting ran late.", "The meeting ran long.")).toEqual([
      { text: "The meeting ran ", change: "same" },
      { text: "late", change: "removed" },
      { text: "long", change: "added" },
      { text: ".", change: "same" },
    ]);
  });

  test("compares whole words, not letters, so a changed word reads as one change", () => {
    const parts = compareTexts("I was tired", "I was tiring");
    expect(parts.filter((p) => p.change !== "same")).toEqual([
      { text: "tired", change: "removed" },
      { text: "tiring", change: "added" },
    ]);
  });

  test("gives several replaced words as one phrase taken out and one put in, not word against word", () => {
    expect(compareTexts("ran the weekly without me and it went", "ran the weekly on its own and it went")).toEqual([
      { text: "ran the weekly ", change: "same" },
      { text: "without me", change: "removed" },
      { text: "on its own", change: "added" },
      { text: " and it went", change: "same" },
    ]);
  });

  test("words only put in keep the spaces between them unmarked", () => {
    expect(compareTexts("a b", "a x y b")).toEqual([
      { text: "a ", change: "same" },
      { text: "x y ", change: "added" },
      { text: "b", change: "same" },
    ]);
  });

  test("gives both texts back for any pair of texts", () => {
    const words = ["a", "b", "went", "well", " ", "  ", "\n", "\n\n", ".", ","];
    let seed = 7;
    const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length];
    const sample = () => Array.from({ length: seed % 23 }, pick).join("");
    for (let round = 0; round < 300; round++) {
      const a = sample();
      const b = sample();
      const parts = compareTexts(a, b);
      expect(older(parts), JSON.stringify({ a, b })).toBe(a);
      expect(current(parts), JSON.stringify({ a, b })).toBe(b);
      expect(parts.every((p) => p.text !== ""), "no empty parts").toBe(true);
      expect(parts.every((p, k) => k === 0 || parts[k - 1].change !== p.change), "neighbours differ").toBe(true);
    }
  });

  test("gives both texts back: the older without the added parts, the current without the removed ones", () => {
    const a = "Monday.\n\nThe team ran the weekly without me and it went well.";
    const b = "Monday.\n\nThe team ran the weekly on its own, and it went better than I expected.\nNext: ask Sam.";
    const parts = compareTexts(a, b);
    expect(older(parts), "nothing of the older text may be lost").toBe(a);
    expect(current(parts), "nothing of the current text may be lost").toBe(b);
  });

  test("counts a new paragraph as a change, because white space is part of the text", () => {
    const parts = compareTexts("One line", "One line\n\nAnother");
    expect(parts).toEqual([
      { text: "One line", change: "same" },
      { text: "\n\nAnother", change: "added" },
    ]);
  });

  test("an empty older text is all added, and an emptied one all removed", () => {
    expect(compareTexts("", "New words")).toEqual([{ text: "New words", change: "added" }]);
    expect(compareTexts("Old words", "")).toEqual([{ text: "Old words", change: "removed" }]);
    expect(compareTexts("", "")).toEqual([]);
  });

  test("the same text is one unchanged part, and changed says so", () => {
    const parts = compareTexts("Same words", "Same words");
    expect(parts).toEqual([{ text: "Same words", change: "same" }]);
    expect(changed(parts)).toBe(false);
    expect(changed(compareTexts("a", "b"))).toBe(true);
  });

  test("leaves markup-looking text as plain text for the panel to show as it is", () => {
    const parts = compareTexts("<b>bold</b>", "<b>bold</b> <script>");
    expect(current(parts), "the parts carry the characters, not HTML to insert").toBe("<b>bold</b> <script>");
    expect(parts[0]).toEqual({ text: "<b>bold</b>", change: "same" });
  });
});
