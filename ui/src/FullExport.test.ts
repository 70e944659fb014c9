// The whole journal as one Praxis export, in the "Journal data" screen: the
// encrypted full export for another computer (a passphrase typed twice),
// the plain Praxis file, and importing either back.
import { describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { importedSentence } from "./lib/praxisExport.svelte";
import { alertRegion, button, field, select, text, type } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore } from "./testing/fakeCore";

async function openData(core: FakeCore): Promise<FakeCore> {
  show(App);
  await vi.waitFor(() => expect(core.callsOf("timeline_days")).not.toEqual([]));
  button("Journal data").click();
  await vi.waitFor(() => field("Export as"));
  return core;
}

const exportStatus = () =>
  text(document.querySelector<HTMLElement>("#export-heading")?.closest("section")?.querySelector('[role="status"]'));
const importSection = () => {
  const heading = [...document.querySelectorAll("h4")].find((h) => text(h) === "Import a Praxis export");
  return heading?.closest("section") ?? null;
};
const importStatus = () => text(importSection()?.querySelector('[role="status"]'));
const sectionAlert = (section: Element | null | undefined) => text(section?.querySelector('[role="alert"]'));

const report = (imported: number, records_imported: number, already_present = 0, records_already_present = 0) => ({
  imported,
  already_present,
  records_imported,
  records_already_present,
});

describe("the encrypted full export", () => {
  test("says plainly what the file holds and that a forgotten passphrase cannot be recovered", async () => {
    await openData(new FakeCore([]));
    select(field("Export as"), "encrypted");
    await vi.waitFor(() => field("Passphrase for the file"));
    const said = text(document.getElementById("export-encrypted-note"));
    expect(said).toContain("including your sharing key");
    expect(said).toContain("Anyone with the passphrase can read it");
    expect(said).toContain("Praxis cannot recover a forgotten passphrase");
    expect(field("Passphrase for the file").type, "the passphrase is never shown").toBe("password");
    expect(field("Repeat the passphrase").type).toBe("password");
    expect(() => field("From"), "the days do not apply: it is everything").toThrow();
  });

  test("is not written until the passphrase is typed the same twice, then says what went out and clears both fields", async () => {
    const core = await openData(new FakeCore([entry({ id: "a", title: "A" }), entry({ id: "b", title: "B" })]));
    core.projects = [{ id: "p1" } as never];
    select(field("Export as"), "encrypted");
    await vi.waitFor(() => field("Passphrase for the file"));
    const exportSection = document.querySelector("#export-heading")?.closest("section");

    type(field("Passphrase for the file"), "river walk at dawn");
    type(field("Repeat the passphrase"), "river walk at dusk");
    button("Export…").click();
    await vi.waitFor(() => expect(sectionAlert(exportSection)).toBe("The two passphrases differ. Type the same one twice."));
    expect(core.callsOf("export_praxis"), "nothing is written while the two differ").toEqual([]);

    type(field("Passphrase for the file"), "short");
    type(field("Repeat the passphrase"), "short");
    button("Export…").click();
    await vi.waitFor(() => expect(sectionAlert(exportSection)).toContain("at least 8 characters"));
    expect(core.callsOf("export_praxis"), "nor with a passphrase too short to protect the sharing key").toEqual([]);

    type(field("Passphrase for the file"), "river walk at dawn");
    type(field("Repeat the passphrase"), "river walk at dawn");
    button("Export…").click();
    await vi.waitFor(() => expect(exportStatus()).toBe("Exported 2 entries and 1 other record, encrypted, for your other computer."));
    expect(core.callsOf("export_praxis")).toEqual([{ passphrase: "river walk at dawn" }]);
    expect(sectionAlert(exportSection), "the mismatch is no longer said").toBe("");
    expect(field("Passphrase for the file").value, "the passphrase leaves the page once written").toBe("");
    expect(field("Repeat the passphrase").value).toBe("");
  });

  test("closing the save dialog writes nothing and keeps the passphrase for another try", async () => {
    const core = await openData(new FakeCore([]));
    core.exportCancelled = true;
    select(field("Export as"), "encrypted");
    await vi.waitFor(() => field("Passphrase for the file"));
    type(field("Passphrase for the file"), "river walk at dawn");
    type(field("Repeat the passphrase"), "river walk at dawn");
    button("Export…").click();
    await vi.waitFor(() => expect(core.callsOf("export_praxis")).toHaveLength(1));
    expect(exportStatus()).toBe("");
    expect(field("Passphrase for the file").value).toBe("river walk at dawn");
  });
});

describe("the plain Praxis file", () => {
  test("exports everything without a passphrase and counts the other records too", async () => {
    const core = await openData(new FakeCore([entry({ id: "a", title: "A" })]));
    core.projects = [{ id: "p1" } as never, { id: "p2" } as never];
    select(field("Export as"), "jsonl");
    await vi.waitFor(() => expect(() => field("From")).toThrow());
    button("Export…").click();
    await vi.waitFor(() => expect(exportStatus()).toBe("Exported 1 entry and 2 other records."));
    expect(core.callsOf("export_praxis")).toEqual([{ passphrase: null }]);
    expect(core.callsOf("export_journal")).toEqual([]);
  });
});

describe("importing a Praxis export", () => {
  test("the report is said in words: added entries and other records, and how many were already there", () => {
    expect(importedSentence(report(120, 34, 2, 1))).toBe("Added 120 entries and 34 other records; 3 were already in your journal.");
    expect(importedSentence(report(1, 1))).toBe("Added 1 entry and 1 other record.");
    expect(importedSentence(report(4, 0, 1))).toBe("Added 4 entries; 1 was already in your journal.");
    expect(importedSentence(report(0, 2))).toBe("Added no new entries and 2 other records.");
    expect(importedSentence(report(0, 0, 5, 2))).toBe("Nothing new to add: 7 were already in your journal.");
    expect(importedSentence(report(1_234, 0))).toBe("Added 1,234 entries.");
  });

  test("a plain export is imported at once, its report said, and the timeline shows what came in", async () => {
    const core = await openData(new FakeCore([]));
    core.praxisExport = { source_name: "praxis-journal-2026-05-10.jsonl", passphrase: null, report: report(2, 3, 1, 0) };
    button("Choose the export file…").click();
    await vi.waitFor(() => expect(importStatus()).toBe("Added 2 entries and 3 other records; 1 was already in your journal."));
    await vi.waitFor(() => expect(text(document.querySelector('[aria-label="Entries"]'))).toContain("From the export"));
    expect(core.callsOf("import_praxis_with_passphrase"), "a plain file needs no passphrase").toEqual([]);
  });

  test("an encrypted export asks for its passphrase; a wrong one is said in plain words and may be typed again", async () => {
    const core = await openData(new FakeCore([]));
    core.praxisExport = { source_name: "Praxis full export 2026-05-10.praxis-export", passphrase: "river walk at dawn", report: report(5, 8) };
    button("Choose the export file…").click();
    await vi.waitFor(() => field("Passphrase of the export"));
    expect(text(importSection())).toContain("Praxis full export 2026-05-10.praxis-export is encrypted");
    expect(document.activeElement, "the passphrase field takes the focus").toBe(field("Passphrase of the export"));

    type(field("Passphrase of the export"), "river walk at dusk");
    button("Import", importSection()!).click();
    await vi.waitFor(() =>
      expect(sectionAlert(importSection())).toBe(
        "That passphrase does not open this export. Nothing was imported. Type the passphrase chosen when the export was made.",
      ),
    );
    expect(text(alertRegion()), "said beside the field, not as a failure of the window").not.toContain("Something went wrong");
    expect(field("Passphrase of the export").value, "the wrong passphrase is cleared").toBe("");
    expect(importStatus()).toBe("");

    type(field("Passphrase of the export"), "river walk at dawn");
    button("Import", importSection()!).click();
    await vi.waitFor(() => expect(importStatus()).toBe("Added 5 entries and 8 other records."));
    expect(core.callsOf("import_praxis_with_passphrase").map((a) => a.passphrase)).toEqual([
      "river walk at dusk",
      "river walk at dawn",
    ]);
    expect(() => field("Passphrase of the export"), "the passphrase step is gone").toThrow();
    await vi.waitFor(() => expect(text(document.querySelector('[aria-label="Entries"]'))).toContain("From the export"));
  });

  test("Cancel lets go of the encrypted export and imports nothing", async () => {
    const core = await openData(new FakeCore([]));
    core.praxisExport = { source_name: "full.praxis-export", passphrase: "river walk at dawn", report: report(5, 8) };
    button("Choose the export file…").click();
    await vi.waitFor(() => field("Passphrase of the export"));
    button("Cancel", importSection()!).click();
    await vi.waitFor(() => expect(core.callsOf("cancel_praxis_import")).toHaveLength(1));
    expect(core.callsOf("import_praxis_with_passphrase")).toEqual([]);
    expect(core.entries).toEqual([]);
    expect(text(button("Choose the export file…"))).toBe("Choose the export file…");
  });

  test("a file that is not a Praxis export is refused with the core's sentence in the alert", async () => {
    const core = await openData(new FakeCore([]));
    core.overrides.set("choose_praxis_import", () => {
      throw { code: "import_invalid", message: "Line 1 of the import file is not valid: it is not JSON. Nothing was imported." };
    });
    button("Choose the export file…").click();
    await vi.waitFor(() => expect(text(alertRegion())).toContain("Line 1 of the import file is not valid"));
    expect(importStatus()).toBe("");
  });
});
