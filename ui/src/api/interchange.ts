// Bringing entries in from other journals and taking them out. The only file
// that knows these commands' names. The core opens the file and folder
// dialogs itself, so the UI never sees or handles a path it did not get back.
import { call } from "./ipc";
import type { ExportFormat, ExportSummary, ImportFormat, ImportPreview, ListFilter, PendingImport } from "./types";

/** Asks for the file or folder and reads it without writing anything; null when the person cancelled. */
export const chooseImport = (format: ImportFormat) =>
  call<PendingImport | null>("choose_import", { format });

/** Writes the previewed entries; answers with what was actually imported. */
export const confirmImport = (token: number) => call<ImportPreview>("confirm_import", { token });

/** Forgets the previewed source; nothing is written. */
export const cancelImport = (token: number) => call<void>("cancel_import", { token });

/** Asks where to save and writes the export; null when the person cancelled. */
export const exportJournal = (format: ExportFormat, filter: ListFilter = {}) =>
  call<ExportSummary | null>("export_journal", { format, filter });
