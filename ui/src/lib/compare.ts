// How an earlier version's text became the current one, word by word, for
// the history panel. The parts are data, never HTML: the panel shows each as
// text, so an entry's words can never become markup.
import { diffWordsWithSpace, type Change as Piece } from "diff";

export type Change = "same" | "added" | "removed";

/** A run of text that is in both versions, only in the current one ("added"), or only in the older one ("removed"). */
export type ComparePart = { text: string; change: Change };

const SPACE = /^\s+$/;
const changeOf = (piece: Piece): Change => (piece.added ? "added" : piece.removed ? "removed" : "same");

/**
 * The changes from `older` to `current`, in reading order: joining the
 * "same" and "removed" parts gives `older` back, and joining the "same" and
 * "added" parts gives `current`. White space counts, so a new paragraph
 * shows as a change.
 *
 * Where several neighbouring words were replaced ("without me" → "on its
 * own"), the words taken out are given as one part and the words put in as
 * the next, rather than word against word, so the change reads as a phrase.
 * Neighbouring parts of the same change are joined and empty parts dropped.
 */
export function compareTexts(older: string, current: string): ComparePart[] {
  const pieces = diffWordsWithSpace(older, current).filter((piece) => piece.value !== "");
  const parts: ComparePart[] = [];
  const push = (text: string, change: Change) => {
    if (text === "") return;
    const last = parts[parts.length - 1];
    if (last && last.change === change) last.text += text;
    else parts.push({ text, change });
  };

  let i = 0;
  while (i < pieces.length) {
    if (changeOf(pieces[i]) === "same") {
      push(pieces[i].value, "same");
      i++;
      continue;
    }
    // A run of changes, with only white space in common between them.
    let end = i + 1;
    for (let j = i + 1; j < pieces.length; j++) {
      if (changeOf(pieces[j]) !== "same") end = j + 1;
      else if (!SPACE.test(pieces[j].value)) break;
    }
    const run = pieces.slice(i, end);
    i = end;
    if (!(run.some((p) => p.removed) && run.some((p) => p.added))) {
      for (const piece of run) push(piece.value, changeOf(piece));
      continue;
    }
    // Shared white space belongs to both sides of the replacement.
    let removed = run.filter((p) => !p.added).map((p) => p.value).join("");
    let added = run.filter((p) => !p.removed).map((p) => p.value).join("");
    const lead = commonSpace(removed, added, (s) => /^\s*/.exec(s)![0]);
    const trail = commonSpace(removed, added, (s) => /\s*$/.exec(s)![0]);
    removed = removed.slice(lead.length, removed.length - trail.length);
    added = added.slice(lead.length, added.length - trail.length);
    push(lead, "same");
    push(removed, "removed");
    push(added, "added");
    push(trail, "same");
  }
  return parts;
}

/** The white space both texts start (or end) with, so it is not shown as a change; never all of either text. */
function commonSpace(a: string, b: string, edge: (s: string) => string): string {
  const x = edge(a);
  const y = edge(b);
  if (x !== y || x.length === a.length || y.length === b.length) return "";
  return x;
}

/** Whether the two texts differ at all. */
export const changed = (parts: ComparePart[]) => parts.some((part) => part.change !== "same");
