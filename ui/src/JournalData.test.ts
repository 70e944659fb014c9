// The "Journal data" screen (import, export, backups), driven as people and
// the end-to-end tests use it: controls found by role, label and name.
import { describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { formatSize } from "./lib/backups";
import { formatDay, formatInstant } from "./lib/dates";
import { alertRegion, button, field, list, select, text, type } from "./testing/dom";
import { show } from "./testing/page";
import { backup, entry, FakeCore, preview } from "./testing/fakeCore";

/** Opens the window on `core` and goes to the "Journal data" screen. */
async function openData(core: FakeCore): Promise<FakeCore> {
  show(App);
  await vi.waitFor(() => expect(core.callsOf("timeline_days")).not.toEqual([]));
  button("Journal data").click();
  await vi.waitFor(() => field("Import from"));
  return core;
}

const status = (section: string) => {
  const heading = [...document.querySelectorAll("h3")].find((h) => text(h) === section);
  return text(heading?.closest("section")?.querySelector('[role="status"]'));
};
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

const jrnlSource = {
  source_name: "journal.json",
  preview: preview({
    new_entries: 3,
    already_imported: 2,
    first_day: "2025-01-02",
    last_day: "2025-03-04",
    tags: [
      { tag: "work", entries: 2 },
      { tag: "family", entries: 1 },
    ],
    skipped: [{ location: "line 40", reason: "the date could not be read" }],
    not_imported: ["Photos are not imported."],
  }),
};

describe("the Journal data screen", () => {
  test("opens from the sidebar with import, export and backups, each control under its plain name", async () => {
    await openData(new FakeCore([]));
    expect([...document.querySelectorAll("h3")].map(text)).toEqual(["Import", "Export", "Backups", "Privacy"]);
    expect([...field("Import from").options].map((o) => [o.value, text(o)])).toEqual([
      ["dayone", "Day One export (.zip or .json)"],
      ["jrnl", "jrnl (JSON export or journal file)"],
      ["markdown", "Markdown folder (Obsidian)"],
    ]);
    expect([...field("Export as").options].map((o) => o.value)).toEqual(["markdown_folder", "markdown", "html", "jsonl", "encrypted"]);
    expect(field("From").type).toBe("date");
    expect(field("To").type).toBe("date");
    expect(text(button("Choose file…"))).toBe("Choose file…");
    select(field("Import from"), "markdown");
    await vi.waitFor(() => expect(text(button("Choose folder…"))).toBe("Choose folder…"));
    expect(document.activeElement?.textContent, "the screen's heading takes the focus").toBe("Journal data");
  });

  test("opening an entry from the list leaves the screen", async () => {
    await openData(new FakeCore([entry({ id: "a", title: "Weekly" })]));
    button("Weekly").click();
    await vi.waitFor(() => expect(field("Title").value).toBe("Weekly"));
    expect(document.querySelector('[aria-label="Backups"]')).toBeNull();
  });
});

describe("importing", () => {
  test("shows what the source holds, and imports nothing until “Import 3 entries” is pressed", async () => {
    const core = new FakeCore([]);
    core.importSource = jrnlSource;
    await openData(core);
    select(field("Import from"), "jrnl");
    button("Choose file…").click();

    const range = `3 new entries from ${formatDay("2025-01-02")} to ${formatDay("2025-03-04")}.`;
    await vi.waitFor(() => expect(text(document.body)).toContain(range));
    expect(core.callsOf("choose_import")).toEqual([{ format: "jrnl" }]);
    expect(text(document.body)).toContain("journal.json");
    expect(text(document.body)).toContain("2 were imported before and will be skipped.");
    expect([...list("Tags")!.querySelectorAll("li")].map(text)).toEqual(["work (2)", "family (1)"]);
    expect([...list("Will not be imported")!.querySelectorAll("li")].map(text)).toEqual([
      "line 40 — the date could not be read",
      "Photos are not imported.",
    ]);
    expect(core.callsOf("confirm_import"), "a preview writes nothing").toEqual([]);
    expect(core.entries).toEqual([]);

    button("Import 3 entries").click();
    await vi.waitFor(() => expect(status("Import")).toBe("Imported 3 entries."));
    expect(core.callsOf("confirm_import")).toEqual([{ token: expect.any(Number), undated: "modified" }]);
    await vi.waitFor(() => expect(list("Entries")?.querySelectorAll("li button")).toHaveLength(3));
    expect(text(button("Choose file…")), "the screen is ready for the next import").toBe("Choose file…");
  });

  test("notes without a date are listed and dated by their file's time, unless “Skip them” is chosen", async () => {
    const core = new FakeCore([]);
    const undated = ["Welcome.md", "People/Priya.md"];
    core.importSource = {
      source_name: "vault",
      preview: preview({ source: "markdown", new_entries: 5, dated_by_modification_time: undated }),
    };
    await openData(core);
    select(field("Import from"), "markdown");
    await vi.waitFor(() => button("Choose folder…"));
    button("Choose folder…").click();
    await vi.waitFor(() => expect(text(document.body)).toContain("2 notes have no date of their own"));
    expect([...list("Notes without a date")!.querySelectorAll("li")].map(text)).toEqual(undated);
    const dated = field("Date them by the day the file was last changed") as HTMLInputElement;
    expect(dated.checked, "dating them is the default").toBe(true);
    expect(text(button("Import 5 entries"))).toBe("Import 5 entries");

    const skip = field("Skip them") as HTMLInputElement;
    skip.click();
    await vi.waitFor(() => expect(text(button("Import 3 entries"))).toBe("Import 3 entries"));
    expect(text(document.body)).toContain("3 new entries");
    button("Import 3 entries").click();
    await vi.waitFor(() => expect(status("Import")).toBe("Imported 3 entries."));
    expect(core.callsOf("confirm_import")).toEqual([{ token: expect.any(Number), undated: "skip" }]);
  });

  test("Cancel lets go of the source with cancel_import and writes nothing", async () => {
    const core = new FakeCore([]);
    core.importSource = jrnlSource;
    await openData(core);
    button("Choose file…").click();
    await vi.waitFor(() => button("Import 3 entries"));
    button("Cancel").click();
    await vi.waitFor(() => expect(core.callsOf("cancel_import")).toHaveLength(1));
    expect(core.callsOf("cancel_import")[0]).toEqual({ token: expect.any(Number) });
    expect(core.callsOf("confirm_import")).toEqual([]);
    await vi.waitFor(() => expect(list("Will not be imported")).toBeNull());
    expect(core.entries).toEqual([]);
  });

  test("a source with nothing new says so and offers only Close", async () => {
    const core = new FakeCore([]);
    core.importSource = { source_name: "Day One.zip", preview: preview({ source: "day_one", already_imported: 5 }) };
    await openData(core);
    button("Choose file…").click();
    await vi.waitFor(() => expect(text(document.body)).toContain("There is nothing new to import."));
    expect(text(document.body)).toContain("5 were imported before and will be skipped.");
    expect(() => button("Import")).toThrow();
    button("Close").click();
    await vi.waitFor(() => expect(core.callsOf("cancel_import")).toHaveLength(1));
    expect(core.callsOf("confirm_import")).toEqual([]);
  });

  test("closing the file dialog shows no preview and writes nothing", async () => {
    const core = new FakeCore([]);
    await openData(core);
    button("Choose file…").click();
    await vi.waitFor(() => expect(core.callsOf("choose_import")).toEqual([{ format: "dayone" }]));
    await vi.waitFor(() => expect(button("Choose file…").disabled).toBe(false));
    expect(text(document.body)).not.toContain("new entr");
    expect(status("Import")).toBe("");
  });
});

describe("exporting", () => {
  test("sends the chosen format and days, and says how many entries were exported", async () => {
    const core = new FakeCore([
      entry({ id: "a", title: "A", occurred_on: "2026-01-10" }),
      entry({ id: "b", title: "B", occurred_on: "2026-02-10" }),
      entry({ id: "c", title: "C", occurred_on: "2025-12-31" }),
    ]);
    await openData(core);
    select(field("Export as"), "html");
    type(field("From"), "2026-01-01");
    button("Export…").click();
    await vi.waitFor(() => expect(status("Export")).toBe("Exported 2 entries."));
    expect(core.callsOf("export_journal")).toEqual([{ format: "html", filter: { from: "2026-01-01" } }]);
  });

  test("a “From” day after the “To” day is said in the alert and nothing is exported", async () => {
    const core = await openData(new FakeCore([]));
    type(field("From"), "2026-03-01");
    type(field("To"), "2026-01-01");
    button("Export…").click();
    await vi.waitFor(() => expect(text(alertRegion())).toContain("The “From” day is after the “To” day."));
    expect(core.callsOf("export_journal")).toEqual([]);
  });
});

describe("backups", () => {
  const taken = "2026-05-04T08:00:00Z";
  const backups = [
    backup("praxis-20260504T080000Z-manual", taken, { entries: 12, bytes: 2_400_000 }),
    backup("praxis-20260503T080000Z-daily", "2026-05-03T08:00:00Z", { entries: null }),
    backup("praxis-20260502T080000Z-before-restore", "2026-05-02T08:00:00Z"),
    backup("praxis-schema-3-before-migration", "2026-05-01T08:00:00Z"),
  ];

  function coreWithBackups(): FakeCore {
    const core = new FakeCore([entry({ id: "now", title: "Written today" })]);
    core.backups = [...backups];
    core.backupContents.set(backups[0].id, [entry({ id: "old", title: "From the backup" })]);
    return core;
  }

  test("are listed with when, why (from the end of the id), how many entries and how big", async () => {
    await openData(coreWithBackups());
    await vi.waitFor(() => expect(list("Backups")?.querySelectorAll("li")).toHaveLength(4));
    const rows = [...list("Backups")!.querySelectorAll("li")].map(text);
    expect(rows[0]).toContain(formatInstant(taken));
    expect(rows[0]).toContain("Made by you");
    expect(rows[0]).toContain("12 entries");
    expect(rows[0]).toContain(formatSize(2_400_000));
    expect(rows[1]).toContain("Daily");
    expect(rows[1]).toContain("unreadable");
    expect(rows[2]).toContain("Before a restore");
    expect(rows[3]).toContain("Before an upgrade");
    expect(text(document.body)).toContain("Praxis keeps a backup every day, and before every upgrade and restore.");
  });

  test("restoring asks first, and calls restore_backup only after “Restore” in the dialog", async () => {
    const core = await openData(coreWithBackups());
    const restoreButton = await vi.waitFor(() => button(`Restore backup from ${formatInstant(taken)}`));
    restoreButton.click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(dialog()!.getAttribute("aria-modal")).toBe("true");
    expect(text(dialog())).toContain("Replace your journal with this backup? What is there now will be backed up first.");
    expect(document.activeElement, "the safe answer has the focus").toBe(button("Cancel", dialog()!));
    expect(core.callsOf("restore_backup"), "asking restores nothing").toEqual([]);

    button("Cancel", dialog()!).click();
    await vi.waitFor(() => expect(dialog()).toBeNull());
    expect(core.callsOf("restore_backup")).toEqual([]);
    expect(document.activeElement, "the focus goes back to where it was").toBe(restoreButton);

    restoreButton.click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    button("Restore", dialog()!).click();
    await vi.waitFor(() => expect(status("Backups")).toBe(`Restored the backup from ${formatInstant(taken)}.`));
    expect(core.callsOf("restore_backup")).toEqual([{ id: backups[0].id }]);
    await vi.waitFor(() => expect(text(list("Entries"))).toContain("From the backup"));
    await vi.waitFor(() => expect(list("Backups")?.querySelectorAll("li")).toHaveLength(5));
    expect(text(list("Backups")!.querySelector("li"))).toContain("Before a restore");
  });

  test("Escape closes the restore dialog without restoring", async () => {
    const core = await openData(coreWithBackups());
    (await vi.waitFor(() => button(`Restore backup from ${formatInstant(taken)}`))).click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    dialog()!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await vi.waitFor(() => expect(dialog()).toBeNull());
    expect(core.callsOf("restore_backup")).toEqual([]);
  });

  test("“Back up now” makes a backup and lists it first", async () => {
    const core = await openData(coreWithBackups());
    await vi.waitFor(() => expect(list("Backups")?.querySelectorAll("li")).toHaveLength(4));
    button("Back up now").click();
    await vi.waitFor(() => expect(list("Backups")?.querySelectorAll("li")).toHaveLength(5));
    expect(core.callsOf("backup_now")).toEqual([{}]);
    expect(text(list("Backups")!.querySelector("li"))).toContain("Made by you");
    expect(status("Backups")).toBe("Made a backup of 1 entry.");
  });

  test("a failure is said in the alert with the core's message as it is", async () => {
    const core = new FakeCore([]);
    core.overrides.set("list_backups", () => Promise.reject({ code: "io", message: "The backups folder could not be read." }));
    await openData(core);
    await vi.waitFor(() => expect(text(alertRegion())).toContain("The backups folder could not be read."));
  });
});
