// The journal's local backups. The only file that knows these commands'
// names (src-tauri/src/commands/backups.rs).
import { call } from "./ipc";

/** Newest first. */
export const listBackups = () => call("list_backups");

export const backupNow = () => call("backup_now");

/** Replaces the journal with the backup, after backing up what is there now. */
export const restoreBackup = (id: string) => call("restore_backup", id);

/** Whether the journal is healthy, and the backup to offer if it is not. */
export const journalStatus = () => call("journal_status");
