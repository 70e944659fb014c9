// The whole journal as one Praxis export: the words for what an export or
// an import did, and the two-step import of an export (choose the file; an
// encrypted one then asks for its passphrase). A passphrase lives in the
// page only while it is typed: it is cleared once the core has it.
import { cancelPraxisImport, choosePraxisImport, importPraxisWithPassphrase } from "../api/interchange";
import type { ExportReport, ImportReport } from "../api/types";
import { toAppError } from "../api/errors";
import { entries, plural } from "./count";
import type { Journal } from "./journal.svelte";

/** The core's minimum for a new passphrase (praxis_core::keys::MIN_PASSPHRASE_CHARS). */
export const MIN_PASSPHRASE_CHARS = 8;

const otherRecords = (count: number) => plural(count, "other record", "other records");

/** "123 entries and 45 other records" (the other records left out when there are none). */
function entriesAndRecords(entryCount: number, records: number): string {
  return records > 0 ? `${entries(entryCount)} and ${otherRecords(records)}` : entries(entryCount);
}

/** What an export wrote, in words. */
export function exportedSentence(report: ExportReport, encrypted: boolean): string {
  const what = entriesAndRecords(report.entries, report.records - report.entries);
  return encrypted ? `Exported ${what}, encrypted, for your other computer.` : `Exported ${what}.`;
}

/** What an import did, in words: "Added 120 entries and 34 other records; 3 were already in your journal." */
export function importedSentence(report: ImportReport): string {
  const already = report.already_present + report.records_already_present;
  const alreadyThere = `${plural(already, "was", "were")} already in your journal`;
  if (report.imported === 0 && report.records_imported === 0) {
    return already > 0 ? `Nothing new to add: ${alreadyThere}.` : "Nothing was added: the export is empty.";
  }
  const added =
    report.imported > 0
      ? `Added ${entriesAndRecords(report.imported, report.records_imported)}`
      : `Added no new entries and ${otherRecords(report.records_imported)}`;
  return already > 0 ? `${added}; ${alreadyThere}.` : `${added}.`;
}

/** Choose a Praxis export and import it; an encrypted one first asks for its passphrase. */
export class PraxisImportFlow {
  /** An encrypted export chosen, waiting for its passphrase. */
  waiting = $state.raw<{ token: number; source_name: string } | null>(null);
  passphrase = $state("");
  busy = $state(false);
  /** What the last import did, for the status line. */
  done = $state("");
  /** Said beside the passphrase field: it did not open the export. */
  problem = $state("");
  #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  /** The core opens the file dialog; a plain export is imported at once. */
  async choose(): Promise<void> {
    if (this.busy || this.waiting !== null) return;
    this.busy = true;
    this.done = "";
    this.problem = "";
    this.#journal.dismissError();
    try {
      const chosen = await choosePraxisImport();
      if (chosen === null) return;
      if (chosen.state === "needs_passphrase") {
        this.waiting = { token: chosen.token, source_name: chosen.source_name };
        return;
      }
      this.done = importedSentence(chosen.report);
    } catch (reason) {
      this.#journal.showError(reason);
      return;
    } finally {
      this.busy = false;
    }
    await this.#imported();
  }

  /** Opens the waiting export with the passphrase typed; a wrong one is said beside the field and may be typed again. */
  async submit(): Promise<void> {
    const waiting = this.waiting;
    if (waiting === null || this.busy) return;
    this.problem = "";
    if (this.passphrase === "") {
      this.problem = "Type the passphrase chosen when the export was made.";
      return;
    }
    const passphrase = this.passphrase;
    this.passphrase = "";
    this.busy = true;
    this.#journal.dismissError();
    try {
      const report = await importPraxisWithPassphrase(waiting.token, passphrase);
      this.waiting = null;
      this.done = importedSentence(report);
    } catch (reason) {
      const error = toAppError(reason);
      if (error.code === "share_wrong_passphrase") {
        this.problem = error.message;
      } else {
        this.waiting = null;
        this.#journal.showError(error);
      }
      return;
    } finally {
      this.busy = false;
    }
    await this.#imported();
  }

  /** Lets go of the waiting export; nothing is imported. */
  async cancel(): Promise<void> {
    const waiting = this.waiting;
    if (waiting === null || this.busy) return;
    this.waiting = null;
    this.passphrase = "";
    this.problem = "";
    try {
      await cancelPraxisImport(waiting.token);
    } catch (reason) {
      this.#journal.showError(reason);
    }
  }

  /** An import may bring entries, projects and templates: the lists load again. */
  async #imported(): Promise<void> {
    this.#journal.templatesChanged();
    await this.#journal.refresh();
  }
}
