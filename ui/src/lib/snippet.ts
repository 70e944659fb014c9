// Search snippets arrive as parts ({text, hit}); the list renders each part
// as a text node, hits inside <mark>. Tidying them here keeps the markup
// free of empty marks and of a hit split across two marks.
import type { SnippetPart } from "../api/types";

/** Drops empty parts and joins neighbours that are both hits or both not. */
export function compactSnippet(parts: readonly SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const part of parts) {
    if (part.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.hit === part.hit) {
      out[out.length - 1] = { text: last.text + part.text, hit: last.hit };
    } else {
      out.push({ text: part.text, hit: part.hit });
    }
  }
  return out;
}
