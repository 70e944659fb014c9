// The shapes the core sends and receives, field for field (snake_case, as the
// Rust types serialise). Keep in step with src-tauri/core/src/journal/.

export const KINDS = [
  "reflection",
  "experiment",
  "outcome",
  "session_prep",
  "session_notes",
  "coach_feedback",
] as const;

export type Kind = (typeof KINDS)[number];

/** An entry as lists show it: everything but the text. */
export type EntrySummary = {
  id: string;
  kind: Kind;
  title: string;
  /** The day the entry is about, `YYYY-MM-DD`. */
  occurred_on: string;
  /** Normalised by the core: lower-case, sorted, unique. */
  tags: string[];
  starred: boolean;
  /** RFC 3339, with the writer's UTC offset. */
  updated_at: string;
};

export type Entry = EntrySummary & {
  body: string;
  created_at: string;
  revision: number;
  deleted_at: string | null;
};

/** What the writer controls when creating or saving an entry. */
export type EntryDraft = {
  kind: Kind;
  title: string;
  body: string;
  tags: string[];
  /** `null` means "the day it was written". */
  occurred_on: string | null;
  starred: boolean;
};

/** Narrows a list or a search; every field is optional and they combine. */
export type ListFilter = {
  kind?: Kind | null;
  tag?: string | null;
  from?: string | null;
  to?: string | null;
  starred?: boolean | null;
  /** Only entries that belong to this project (its id). */
  project?: string | null;
  /** Page size; the core defaults to 50 and caps at 1000. */
  limit?: number | null;
  offset?: number | null;
};

/** One line of an entry's history (src-tauri/core/src/journal/entry.rs). */
export type RevisionSummary = {
  revision: number;
  title: string;
  /** RFC 3339: when this version was saved (it was current from then on). */
  saved_at: string;
  /** True for the version the entry has now. */
  current: boolean;
  words: number;
};

/** One version of an entry, earlier or current, in full. */
export type Revision = {
  revision: number;
  kind: Kind;
  title: string;
  body: string;
  tags: string[];
  occurred_on: string;
  starred: boolean;
  saved_at: string;
};

/** How many entries one day holds (the timeline's shape). */
export type DayCount = { day: string; entries: number };

/** One piece of a search snippet: hits are data, never HTML. */
export type SnippetPart = { text: string; hit: boolean };

export type SearchHit = { entry: EntrySummary; snippet: SnippetPart[] };

// Import and export (src-tauri/core/src/interchange/).

export type ImportFormat = "dayone" | "jrnl" | "markdown";

export type ExportFormat = "markdown_folder" | "markdown" | "html" | "jsonl";

/** Something in the source that will not become an entry, and why. */
export type Skipped = { location: string; reason: string };

/** What an import would do, worked out before anything is written. */
export type ImportPreview = {
  source: "day_one" | "jrnl" | "markdown";
  new_entries: number;
  /** Entries an earlier import already brought in; they are skipped. */
  already_imported: number;
  /** `YYYY-MM-DD`, or null when there is nothing new. */
  first_day: string | null;
  last_day: string | null;
  /** Each tag with the number of new entries that carry it. */
  tags: [string, number][];
  skipped: Skipped[];
  /** Parts of the source Praxis does not bring in (photos, locations, …). */
  not_imported: string[];
  /** New notes with no date of their own, dated by their file's modification time (Markdown folders). */
  dated_by_modification_time: string[];
};

/** What an import does with notes that have no date: date them by their file's modification time, or skip them. */
export type UndatedNotes = "modified" | "skip";

/** A read source waiting for the writer's yes or no; the token names it to the core. */
export type PendingImport = { token: number; source_name: string; preview: ImportPreview };

export type ExportSummary = { entries: number; first_day: string | null; last_day: string | null };

/** What a Praxis export (plain or encrypted) wrote: `records` counts every record, entries included. */
export type ExportReport = { entries: number; records: number };

/** What importing a Praxis export did: entries, and the other records (projects, sessions, …), added or already there. */
export type ImportReport = {
  imported: number;
  already_present: number;
  records_imported: number;
  records_already_present: number;
};

/** A chosen Praxis export: imported at once (plain), or waiting under `token` for its passphrase (encrypted). */
export type PraxisImport =
  | { state: "imported"; source_name: string; report: ImportReport }
  | { state: "needs_passphrase"; token: number; source_name: string };

// Backups (src-tauri/core/src/store/backup.rs).

export type BackupInfo = {
  /** The file name without its extension; ends with why it was taken (`-daily`, `-manual`, …). */
  id: string;
  path: string;
  /** RFC 3339, UTC. */
  taken_at: string;
  /** Entries in the backup, or null when it could not be read. */
  entries: number | null;
  bytes: number;
};

/** The journal's own health, as the window shows it. */
export type JournalStatus = {
  data_dir: string | null;
  /** The journal's file could not be opened (damaged, missing, empty or
   *  another program's) or the integrity check found damage: a backup puts
   *  it right. A full disk or a busy journal is not damage. */
  damaged: boolean;
  /** The core's code for the problem: `damaged`, `journal_missing`,
   *  `not_a_journal`, `disk_full`, … */
  problem_code: string | null;
  /** Opened read-only to protect a damaged file. */
  read_only: boolean;
  /** The newest healthy backup, offered when damaged. */
  newest_backup: BackupInfo | null;
  problem: string | null;
  /** Whether the background integrity check has run yet. */
  checked: boolean;
};

// Templates and preferences (src-tauri/core/src/store/templates.rs, preferences.rs).

/** The text a new entry of `kind` starts from: the built-in one or the person's own. */
export type Template = {
  kind: Kind;
  body: string;
  /** True while the kind uses the template built into Praxis. */
  built_in: boolean;
  /** RFC 3339, when the person last changed it; null for a built-in one. */
  updated_at: string | null;
};

/** "system" follows the operating system's light or dark setting. */
export type Theme = "system" | "light" | "dark";

/** How the window looks and where it was; kept in the journal. */
export type Preferences = {
  theme: Theme;
  /** The editor's text size in CSS pixels, 12 to 28. */
  editor_font_size: number;
  show_preview: boolean;
  /** The view shown last (e.g. `entry:<id>`, `settings`); opaque to the core. */
  last_view: string | null;
};

// Access (src-tauri/src/state.rs): who may see the journal.

/** What the window may show, and what it must ask for first. */
export type AccessState =
  | "open"
  | "app_locked"
  /** A new journal on a computer without a keychain: choose a passphrase. */
  | "choose_passphrase"
  | "passphrase"
  | "recovery_key"
  /** Some other problem; journal_status explains it. */
  | "unavailable";

export type AccessStatus = {
  state: AccessState;
  /** A new journal's recovery key, until the person confirms they kept it. */
  recovery_key: string | null;
  /** What keeps the key day to day; set with `recovery_key`. */
  protected_by: "keychain" | "passphrase" | "key_file" | null;
  /** Set when the app lock is on. */
  app_lock: { idle_minutes: number } | null;
};

// Sharing (src-tauri/core/src/share/, src-tauri/src/commands/sharing.rs).

export type SharingKey = { public_key: string; fingerprint: string; name: string };

export type Coach = {
  name: string;
  public_key: string;
  fingerprint: string;
  added_at: string;
  previous_key: string | null;
  key_changed_at: string | null;
};

export type Selection =
  | { type: "whole"; entry_id: string }
  /** Characters start..end of the entry's text (Unicode code points). */
  | { type: "excerpt"; entry_id: string; start: number; end: number };

export type Redaction = { find: string; replace: string };

export type ShareItem = {
  entry_id: string;
  kind: Kind;
  title: string;
  occurred_on: string;
  tags: string[];
  markdown: string;
  excerpt: boolean;
  /** Share version 2, a whole experiment: what was expected and where it stands. */
  experiment?: SharedExperiment | null;
  /** Share version 2, a whole outcome: what happened against which experiment. */
  outcome?: SharedOutcome | null;
};

export type SharedExperiment = {
  hypothesis: string;
  planned_action: string;
  expected_outcome: string;
  success_signals: string;
  failure_signals: string;
  starts_on: string;
  review_on: string;
  /** When the expectation was locked (the experiment started); null while planned. */
  locked_at: string | null;
  status: import("./action").ExperimentStatus;
  learning: string;
  next_step: string;
};

export type SharedOutcome = {
  experiment: { entry_id: string; title: string };
  /** What actually happened: the outcome's text. */
  happened: string;
  surprised: string;
  why_different: string;
};

export type ShareDocument = {
  format: "praxis-share";
  version: number;
  id: string;
  created_at: string;
  from: { name: string; public_key: string };
  note: string;
  items: ShareItem[];
};

/** A previewed share: `text` is exactly what will be encrypted. */
export type PreparedShare = { token: number; document: ShareDocument; text: string };

export type SentShare = { file: string | null; armored_text: string | null; sha256: string };

export type LoggedShare = {
  id: string;
  sent_at: string;
  recipient: string;
  recipient_keys: string[];
  sha256: string;
  armored: boolean;
  document: string;
};

export type InboxShare = {
  id: string;
  received_at: string;
  sender_name: string;
  /** What the file says; age does not prove who sent it. */
  sender_key: string;
  sender_fingerprint: string;
  sha256: string;
  document: ShareDocument;
  already_stored: boolean;
};

export type FeedbackItem = { entry_id: string; comment_markdown: string };

export type Reply = { file: string | null; armored_text: string | null };

export type FeedbackImport = { from: { name: string; public_key: string }; added: string[]; already_imported: number };
