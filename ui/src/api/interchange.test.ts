import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import {
  cancelImport,
  cancelPraxisImport,
  chooseImport,
  choosePraxisImport,
  confirmImport,
  exportJournal,
  exportPraxis,
  importPraxisWithPassphrase,
} from "./interchange";
import type { ImportPreview } from "./types";

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

const preview: ImportPreview = {
  source: "jrnl",
  new_entries: 2,
  already_imported: 0,
  first_day: "2025-01-02",
  last_day: "2025-03-04",
  tags: [{ tag: "work", entries: 2 }],
  skipped: [],
  not_imported: [],
  dated_by_modification_time: [],
};

describe("the import commands", () => {
  test("choosing sends the format under the key `format` and returns the pending import as it came", async () => {
    const pending = { token: 7, source_name: "journal.json", preview };
    const sent = recordCalls(() => pending);
    await expect(chooseImport("jrnl")).resolves.toEqual(pending);
    expect(sent).toEqual([{ command: "choose_import", args: { format: "jrnl" } }]);
  });

  test("choosing answers null when the person closed the dialog", async () => {
    recordCalls(() => null);
    await expect(chooseImport("markdown")).resolves.toBeNull();
  });

  test("confirming and cancelling send the token under the key `token`", async () => {
    const sent = recordCalls((command) => (command === "confirm_import" ? preview : null));
    await expect(confirmImport(7)).resolves.toEqual(preview);
    await cancelImport(8);
    expect(sent).toEqual([
      { command: "confirm_import", args: { token: 7, undated: "modified" } },
      { command: "cancel_import", args: { token: 8 } },
    ]);
  });

  test("confirming sends the choice for notes without a date under the key `undated`", async () => {
    const sent = recordCalls(() => preview);
    await confirmImport(9, "skip");
    expect(sent).toEqual([{ command: "confirm_import", args: { token: 9, undated: "skip" } }]);
  });
});

describe("the export command", () => {
  test("sends the format and the filter as separate keys", async () => {
    const summary = { entries: 3, first_day: "2026-01-01", last_day: "2026-02-01" };
    const sent = recordCalls(() => summary);
    await expect(exportJournal("html", { from: "2026-01-01", to: "2026-02-01" })).resolves.toEqual(summary);
    expect(sent).toEqual([
      { command: "export_journal", args: { format: "html", filter: { from: "2026-01-01", to: "2026-02-01" } } },
    ]);
  });

  test("without a filter sends an empty one, which the core reads as the whole journal", async () => {
    const sent = recordCalls(() => null);
    await expect(exportJournal("jsonl")).resolves.toBeNull();
    expect(sent[0].args).toEqual({ format: "jsonl", filter: {} });
  });
});

describe("the Praxis export commands", () => {
  test("the passphrase travels under the key `passphrase`, null for the plain file", async () => {
    const sent = recordCalls(() => ({ entries: 2, records: 5 }));
    await expect(exportPraxis("river walk at dawn")).resolves.toEqual({ entries: 2, records: 5 });
    await exportPraxis(null);
    expect(sent).toEqual([
      { command: "export_praxis", args: { passphrase: "river walk at dawn" } },
      { command: "export_praxis", args: { passphrase: null } },
    ]);
  });

  test("an encrypted export is opened by its token with the passphrase, or let go by its token", async () => {
    const sent = recordCalls((command) => (command === "choose_praxis_import" ? { state: "needs_passphrase", token: 4, source_name: "x" } : null));
    await expect(choosePraxisImport()).resolves.toEqual({ state: "needs_passphrase", token: 4, source_name: "x" });
    await importPraxisWithPassphrase(4, "river walk at dawn");
    await cancelPraxisImport(4);
    expect(sent).toEqual([
      { command: "choose_praxis_import", args: {} },
      { command: "import_praxis_with_passphrase", args: { token: 4, passphrase: "river walk at dawn" } },
      { command: "cancel_praxis_import", args: { token: 4 } },
    ]);
  });
});
