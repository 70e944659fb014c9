import { describe, expect, test } from "vitest";
import { KINDS } from "../api/types";
import { KIND_OPTIONS, kindLabel } from "./kinds";

describe("kind labels", () => {
  test("use the plain words the core uses", () => {
    expect(KIND_OPTIONS.map((o) => o.label)).toEqual([
      "Reflection",
      "Experiment",
      "Outcome",
      "Session prep",
      "Session notes",
      "Coach feedback",
    ]);
  });

  test("the form offers every kind, reflection first", () => {
    expect(KIND_OPTIONS.map((o) => o.value)).toEqual([...KINDS]);
    expect(KIND_OPTIONS[0].value).toBe("reflection");
  });

  test("an unknown kind from a newer core is shown as its name rather than blank", () => {
    expect(kindLabel("mood")).toBe("mood");
    expect(kindLabel("session_prep")).toBe("Session prep");
  });
});
