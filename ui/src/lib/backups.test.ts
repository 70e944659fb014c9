import { describe, expect, test } from "vitest";
import { backupReason, formatSize } from "./backups";
import { entries } from "./count";

describe("backup reasons", () => {
  test("are read from the end of the backup's id, in plain words", () => {
    expect(backupReason("praxis-20260504T080000Z-daily")).toBe("Daily");
    expect(backupReason("praxis-20260504T080000Z-manual")).toBe("Made by you");
    expect(backupReason("praxis-20260504T080000Z-before-restore")).toBe("Before a restore");
    expect(backupReason("praxis-schema-3-before-migration")).toBe("Before an upgrade");
  });

  test("an ending a newer core invented is still called a backup rather than left blank", () => {
    expect(backupReason("praxis-20260504T080000Z-weekly")).toBe("Backup");
  });
});

describe("backup sizes", () => {
  test("are megabytes with one decimal", () => {
    expect(formatSize(2_400_000)).toMatch(/^2.4 MB$/);
    expect(formatSize(12_000_000)).toMatch(/^12.0 MB$/);
  });

  test("a tiny backup does not claim to be empty", () => {
    expect(formatSize(40_000)).toBe("less than 0.1 MB");
  });
});

describe("counting entries", () => {
  test("says one entry and many entries", () => {
    expect(entries(1)).toBe("1 entry");
    expect(entries(0)).toBe("0 entries");
    expect(entries(3)).toBe("3 entries");
  });
});
