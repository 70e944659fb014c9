import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import { backupNow, listBackups, restoreBackup } from "./backups";
import type { BackupInfo } from "./types";

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

const backup: BackupInfo = {
  id: "praxis-20260504T080000Z-manual",
  path: "/data/backups/praxis-20260504T080000Z-manual.sqlite3",
  taken_at: "2026-05-04T08:00:00Z",
  entries: 12,
  bytes: 2_400_000,
};

describe("the backup commands", () => {
  test("listing and backing up send no arguments and return the core's answer as it came", async () => {
    const sent = recordCalls((command) => (command === "list_backups" ? [backup] : backup));
    await expect(listBackups()).resolves.toEqual([backup]);
    await expect(backupNow()).resolves.toEqual(backup);
    expect(sent).toEqual([
      { command: "list_backups", args: {} },
      { command: "backup_now", args: {} },
    ]);
  });

  test("restoring sends the backup's id under the key `id`", async () => {
    const sent = recordCalls(() => backup);
    await expect(restoreBackup(backup.id)).resolves.toEqual(backup);
    expect(sent).toEqual([{ command: "restore_backup", args: { id: backup.id } }]);
  });

  test("a refused restore rejects with the core's code and message", async () => {
    mockIPC(() => Promise.reject({ code: "invalid_input", message: "This backup could not be read." }));
    await expect(restoreBackup("x")).rejects.toMatchObject({ code: "invalid_input", message: "This backup could not be read." });
  });
});
