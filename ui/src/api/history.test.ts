import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import { AppError } from "./errors";
import { emptyTrash, entryHistory, getRevision, listTrash, restoreEntry, revertEntry } from "./history";

type Sent = { command: string; args: unknown };

/** Records what reaches the core and answers with `reply`. */
function recordCalls(reply: (command: string) => unknown = () => null): Sent[] {
  const sent: Sent[] = [];
  mockIPC((command, args) => {
    sent.push({ command, args });
    return reply(command);
  });
  return sent;
}

describe("the trash commands", () => {
  test("listing and emptying send no arguments and return the core's answer as it came", async () => {
    const trashed = [{ id: "a1", kind: "reflection", title: "T", occurred_on: "2026-05-01", tags: [], starred: false, updated_at: "x" }];
    const sent = recordCalls((command) => (command === "list_trash" ? trashed : 3));
    await expect(listTrash()).resolves.toEqual(trashed);
    await expect(emptyTrash()).resolves.toBe(3);
    expect(sent).toEqual([
      { command: "list_trash", args: {} },
      { command: "empty_trash", args: {} },
    ]);
  });

  test("restoring sends the entry's id under the key `id`", async () => {
    const sent = recordCalls(() => ({ id: "a1" }));
    await expect(restoreEntry("a1")).resolves.toEqual({ id: "a1" });
    expect(sent).toEqual([{ command: "restore_entry", args: { id: "a1" } }]);
  });
});

describe("the history commands", () => {
  test("send the id and the version number under the keys the Rust commands name", async () => {
    const sent = recordCalls(() => null);
    await entryHistory("a1");
    await getRevision("a1", 2);
    await revertEntry("a1", 2);
    expect(sent).toEqual([
      { command: "entry_history", args: { id: "a1" } },
      { command: "get_revision", args: { id: "a1", revision: 2 } },
      { command: "revert_entry", args: { id: "a1", revision: 2 } },
    ]);
  });

  test("a refused revert rejects as an AppError with the core's code and message", async () => {
    mockIPC(() => Promise.reject({ code: "revision_not_found", message: "This entry has no version 9." }));
    const failure = revertEntry("a1", 9);
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: "revision_not_found", message: "This entry has no version 9." });
  });
});
