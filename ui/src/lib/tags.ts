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
