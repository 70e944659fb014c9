// The state of the "Journal data" screen: an import waiting for a yes or no,
// an export, and the list of backups. It lives as long as the window, so a
// previewed import is still there after a look at an entry. Failures are
// said in the journal's alert; after an import or a restore the journal's
// list is reloaded.
import { backupNow, listBackups, restoreBackup } from "../api/backups";
import { AppError } from "../api/errors";
import { cancelImport, chooseImport, confirmImport, exportJournal, exportPraxis } from "../api/interchange";
import type { BackupInfo, ExportFormat, ImportFormat, ListFilter, PendingImport, UndatedNotes } from "../api/types";
import { entries } from "./count";
import { formatInstant } from "./dates";
import type { Journal } from "./journal.svelte";
import { exportedSentence, MIN_PASSPHRASE_CHARS, PraxisImportFlow } from "./praxisExport.svelte";

export const IMPORT_OPTIONS: { value: ImportFormat; label: string }[] = [
  { value: "dayone", label: "Day One export (.zip or .json)" },
  { value: "jrnl", label: "jrnl (JSON export or journal file)" },
  { value: "markdown", label: "Markdown folder (Obsidian)" },
];

/** A format other programs read, or the encrypted full export for another computer. */
export type ExportChoice = ExportFormat | "encrypted";

export const EXPORT_OPTIONS: { value: ExportChoice; label: string }[] = [
  { value: "markdown_folder", label: "Markdown files for Obsidian (a folder)" },
  { value: "markdown", label: "One Markdown document (for printing)" },
  { value: "html", label: "Web page to print (HTML)" },
  { value: "jsonl", label: "Everything, as a Praxis file (not encrypted)" },
  { value: "encrypted", label: "For another computer (encrypted, everything)" },
];

/** Choose a source, see what it holds, then import it or not. */
export class ImportFlow {
  format = $state<ImportFormat>("dayone");
  /** The source read and previewed, waiting for the writer's answer. */
  pending = $state.raw<PendingImport | null>(null);
  /** Notes without a date: dated by their file's modification time, or skipped. */
  undated = $state<UndatedNotes>("modified");
  busy = $state(false);
  /** What the last import did, for the status line. */
  done = $state("");
  #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  /** The core opens the file (or folder) dialog and reads the choice; nothing is written yet. */
  async choose(): Promise<void> {
    if (this.busy || this.pending !== null) return;
    this.busy = true;
    this.done = "";
    this.undated = "modified";
    this.#journal.dismissError();
    try {
      this.pending = await chooseImport(this.format);
    } catch (reason) {
      this.#journal.showError(reason);
    } finally {
      this.busy = false;
    }
  }

  /** Writes the previewed entries and reloads the journal's list. */
  async confirm(): Promise<void> {
    const pending = this.pending;
    if (pending === null || this.busy) return;
    this.busy = true;
    this.#journal.dismissError();
    try {
      const result = await confirmImport(pending.token, this.undated);
      this.pending = null;
      this.done = `Imported ${entries(result.new_entries)}.`;
    } catch (reason) {
      this.#journal.showError(reason);
      return;
    } finally {
      this.busy = false;
    }
    await this.#journal.refresh();
  }

  /** Lets go of the previewed source; nothing is written. */
  async cancel(): Promise<void> {
    const pending = this.pending;
    if (pending === null || this.busy) return;
    this.pending = null;
    try {
      await cancelImport(pending.token);
    } catch (reason) {
      this.#journal.showError(reason);
    }
  }
}

/** Save the journal, or some days of it, in another format. */
export class ExportFlow {
  format = $state<ExportChoice>("markdown_folder");
  /** `YYYY-MM-DD` or blank for no limit. */
  from = $state("");
  to = $state("");
  /** The encrypted export's passphrase, typed twice; cleared once it is written. */
  passphrase = $state("");
  repeat = $state("");
  /** Said beside the passphrase fields: why the export cannot start yet. */
  problem = $state("");
  busy = $state(false);
  done = $state("");
  #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  get filter(): ListFilter {
    const filter: ListFilter = {};
    if (this.from !== "") filter.from = this.from;
    if (this.to !== "") filter.to = this.to;
    return filter;
  }

  /** The Praxis file and the encrypted export always hold the whole journal: the days do not apply. */
  get wholeJournal(): boolean {
    return this.format === "jsonl" || this.format === "encrypted";
  }

  /** The core opens the save dialog and writes the file (or folder). */
  async run(): Promise<void> {
    if (this.busy) return;
    this.done = "";
    this.problem = "";
    if (this.wholeJournal) return this.#runWhole();
    if (this.from !== "" && this.to !== "" && this.from > this.to) {
      this.#journal.showError(new AppError("conflict", "The “From” day is after the “To” day."));
      return;
    }
    this.busy = true;
    this.#journal.dismissError();
    try {
      const summary = await exportJournal(this.format as ExportFormat, this.filter);
      if (summary !== null) this.done = `Exported ${entries(summary.entries)}.`;
    } catch (reason) {
      this.#journal.showError(reason);
    } finally {
      this.busy = false;
    }
  }

  /** The whole journal: plain, or encrypted once the passphrase is long enough and typed the same twice. */
  async #runWhole(): Promise<void> {
    const encrypted = this.format === "encrypted";
    if (encrypted) {
      if (this.passphrase.length < MIN_PASSPHRASE_CHARS) {
        this.problem = `Choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters; a short sentence is easy to remember and hard to guess.`;
        return;
      }
      if (this.passphrase !== this.repeat) {
        this.problem = "The two passphrases differ. Type the same one twice.";
        return;
      }
    }
    this.busy = true;
    this.#journal.dismissError();
    try {
      const report = await exportPraxis(encrypted ? this.passphrase : null);
      if (report !== null) {
        this.done = exportedSentence(report, encrypted);
        this.passphrase = "";
        this.repeat = "";
      }
    } catch (reason) {
      this.#journal.showError(reason);
    } finally {
      this.busy = false;
    }
  }
}

/** The backups on this computer, newest first; back up now; restore one after a yes. */
export class BackupList {
  items = $state.raw<BackupInfo[]>([]);
  loaded = $state(false);
  busy = $state(false);
  /** What the last action did, for the status line. */
  done = $state("");
  /** The backup the writer asked to restore, waiting for a yes. */
  confirming = $state.raw<BackupInfo | null>(null);
  #journal: Journal;
  #turn = 0;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  async load(): Promise<void> {
    const turn = ++this.#turn;
    try {
      const items = await listBackups();
      if (turn !== this.#turn) return;
      this.items = items;
      this.loaded = true;
    } catch (reason) {
      if (turn === this.#turn) this.#journal.showError(reason);
    }
  }

  async backUpNow(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.done = "";
    this.#journal.dismissError();
    try {
      const made = await backupNow();
      this.done = `Made a backup of ${made.entries === null ? "your journal" : entries(made.entries)}.`;
    } catch (reason) {
      this.#journal.showError(reason);
      return;
    } finally {
      this.busy = false;
    }
    await this.load();
  }

  askRestore(backup: BackupInfo): void {
    if (this.busy) return;
    this.done = "";
    this.confirming = backup;
  }

  cancelRestore(): void {
    this.confirming = null;
  }

  /** Restores the backup being confirmed, then reloads the backups and the journal. */
  async restore(): Promise<void> {
    const backup = this.confirming;
    if (backup === null || this.busy) return;
    this.confirming = null;
    this.busy = true;
    this.#journal.dismissError();
    try {
      await restoreBackup(backup.id);
      this.done = `Restored the backup from ${formatInstant(backup.taken_at)}.`;
    } catch (reason) {
      this.#journal.showError(reason);
      return;
    } finally {
      this.busy = false;
    }
    await Promise.all([this.load(), this.#journal.replaced()]);
  }
}

/** Everything the screen holds, made once per window. */
export class JournalData {
  readonly importer: ImportFlow;
  readonly exporter: ExportFlow;
  readonly backups: BackupList;
  readonly praxisImport: PraxisImportFlow;

  constructor(journal: Journal) {
    this.praxisImport = new PraxisImportFlow(journal);
    this.importer = new ImportFlow(journal);
    this.exporter = new ExportFlow(journal);
    this.backups = new BackupList(journal);
  }
}
