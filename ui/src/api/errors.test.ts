import { describe, expect, test } from "vitest";
import { AppError, toAppError, UNKNOWN } from "./errors";

describe("toAppError", () => {
  test("keeps the code and message of an error sent by the core", () => {
    const error = toAppError({ code: "entry_not_found", message: "There is no such entry." });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("entry_not_found");
    expect(error.message).toBe("There is no such entry.");
  });

  test("turns a plain string rejection into an unknown error that keeps the text", () => {
    // Tauri itself rejects with strings, e.g. when a command is not allowed.
    const error = toAppError("command list_entries not allowed");
    expect(error.code).toBe(UNKNOWN);
    expect(error.message).toBe("command list_entries not allowed");
  });

  test("turns a thrown JavaScript error into an unknown error with its message", () => {
    const error = toAppError(new TypeError("x is undefined"));
    expect(error.code).toBe(UNKNOWN);
    expect(error.message).toBe("x is undefined");
  });

  test("gives a readable sentence when the rejection carries no message at all", () => {
    for (const reason of [undefined, null, 42, "", {}, { code: "" }, { message: "  " }]) {
      const error = toAppError(reason);
      expect(error.code, `code for ${JSON.stringify(reason)}`).toBe(UNKNOWN);
      expect(error.message.length, "the person must always be told something").toBeGreaterThan(10);
    }
  });

  test("keeps a core code even when its message is missing", () => {
    const error = toAppError({ code: "busy" });
    expect(error.code).toBe("busy");
    expect(error.message).not.toBe("");
  });

  test("treats an object without a code as unknown but keeps its message", () => {
    const error = toAppError({ message: "The disk is full." });
    expect(error).toMatchObject({ code: UNKNOWN, message: "The disk is full." });
  });

  test("returns an AppError unchanged", () => {
    const original = new AppError("invalid_input", "A title must be a single line.");
    expect(toAppError(original)).toBe(original);
  });
});
