// Tags are typed as one line of comma-separated words. They are parsed the
// way the core normalises them (src-tauri/core/src/journal/tags.rs), so what
// the form shows before saving is what gets stored.

/** One tag in its normal form, or null when nothing is left of it. */
export function normalizeTag(raw: string): string | null {
  const trimmed = raw.trim().replace(/^[#@]+/, "").trim();
  if (trimmed === "") return null;
  return trimmed.split(/\s+/).join("-").toLowerCase();
}

/** "a, B ,c" → ["a", "b", "c"]: normalised, empty ones dropped, first spelling kept once. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(",")) {
    const tag = normalizeTag(part);
    if (tag !== null && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The inverse of parseTags, for putting stored tags back into the form. */
export function formatTags(tags: readonly string[]): string {
  return tags.join(", ");
}

/** Tags from `known` that complete the tag being typed (the text after the
 *  last comma): those that start with it first, then those that contain it;
 *  tags already in the line are left out. */
export function suggestTags(text: string, known: readonly string[], max = 6): string[] {
  const cut = text.lastIndexOf(",");
  const typed = normalizeTag(text.slice(cut + 1));
  if (typed === null) return [];
  const have = new Set(parseTags(text.slice(0, cut + 1)));
  const open = known.filter((tag) => !have.has(tag) && tag !== typed);
  const starts = open.filter((tag) => tag.startsWith(typed));
  const contains = open.filter((tag) => !tag.startsWith(typed) && tag.includes(typed));
  return [...starts, ...contains].slice(0, max);
}

/** The line with the tag being typed replaced by `tag`, ready for the next one. */
export function completeTag(text: string, tag: string): string {
  const cut = text.lastIndexOf(",");
  const before = cut < 0 ? "" : `${text.slice(0, cut + 1).trimEnd()} `;
  return `${before}${tag}, `;
}
