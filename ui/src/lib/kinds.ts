// The plain-words names of the kinds, as the core's Kind::label() spells them.
import { KINDS, type Kind } from "../api/types";

const LABELS: Record<Kind, string> = {
  reflection: "Reflection",
  experiment: "Experiment",
  outcome: "Outcome",
  session_prep: "Session prep",
  session_notes: "Session notes",
  coach_feedback: "Coach feedback",
};

/** The label for a kind; an unknown kind (from a newer core) shows as itself. */
export function kindLabel(kind: string): string {
  return (LABELS as Record<string, string>)[kind] ?? kind;
}

/** Every kind with its label, in the order the form offers them. */
export const KIND_OPTIONS: ReadonlyArray<{ value: Kind; label: string }> = KINDS.map((value) => ({
  value,
  label: LABELS[value],
}));
