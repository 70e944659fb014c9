// How a backup is described in the list: why it was taken (the end of its
// id, as src-tauri/core/src/store/backup.rs names it) and how big it is.

const REASONS: [suffix: string, label: string][] = [
  ["-daily", "Daily"],
  ["-manual", "Made by you"],
  ["-before-restore", "Before a restore"],
  ["-before-migration", "Before an upgrade"],
];

/** "praxis-20260504T080000Z-manual" → "Made by you"; an unknown ending is just a "Backup". */
export function backupReason(id: string): string {
  return REASONS.find(([suffix]) => id.endsWith(suffix))?.[1] ?? "Backup";
}

/** Bytes as megabytes with one decimal, e.g. "2.4 MB"; never "0.0 MB". */
export function formatSize(bytes: number): string {
  const megabytes = bytes / 1_000_000;
  if (megabytes < 0.1) return "less than 0.1 MB";
  return `${megabytes.toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
}
