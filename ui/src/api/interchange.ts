// Bringing entries in from other journals and taking them out. The only file
// that knows these commands' names. The core opens the file and folder
// dialogs itself, so the UI never sees or handles a path it did not get back.
import { call } from "./ipc";
import type { ExportFormat, ImportFormat, ListFilter, UndatedNotes } from "./types";

/** Asks for the file or folder and reads it without writing anything; null when the person cancelled. */
export const chooseImport = (format: ImportFormat) =>
  call("choose_import", format);

/** Writes the previewed entries, dating or skipping notes without a date as `undated` says; answers with what was actually imported. */
export const confirmImport = (token: number, undated: UndatedNotes = "modified") =>
  call("confirm_import", token, undated);

/** Forgets the previewed source; nothing is written. */
export const cancelImport = (token: number) => call("cancel_import", token);

/** Asks where to save and writes the whole journal: encrypted with everything when a passphrase is given, else the plain Praxis file; null when the person cancelled. */
export const exportPraxis = (passphrase: string | null) => call("export_praxis", passphrase);

/** Asks for a Praxis export and imports a plain one at once; an encrypted one waits for its passphrase. Null when the person cancelled. */
export const choosePraxisImport = () => call("choose_praxis_import");

/** Imports the encrypted export waiting under `token`; a wrong passphrase keeps it waiting. */
export const importPraxisWithPassphrase = (token: number, passphrase: string) =>
  call("import_praxis_with_passphrase", token, passphrase);

/** Forgets the encrypted export waiting under `token`; nothing is imported. */
export const cancelPraxisImport = (token: number) => call("cancel_praxis_import", token);

/** Asks where to save and writes the export; null when the person cancelled. */
export const exportJournal = (format: ExportFormat, filter: ListFilter = {}) =>
  call("export_journal", format, filter);
