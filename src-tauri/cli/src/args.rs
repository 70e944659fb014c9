//! The command line: every command, option and its help text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use praxis_core::Kind;

#[derive(Debug, Parser)]
#[command(name = "praxis", version, about = "Praxis: your private action-learning journal, from the terminal.")]
pub struct Cli {
    /// The folder holding the journal (default: your per-user data folder).
    #[arg(long, global = true, env = "PRAXIS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Open the journal with the key in this file (64 hex digits or a
    /// recovery key) instead of the keychain: for scripts and tests. A new
    /// journal is encrypted with it.
    #[arg(long, global = true, env = "PRAXIS_KEY_FILE", value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Read the journal's passphrase from this file instead of asking (for
    /// journals on machines without a keychain).
    #[arg(long, global = true, env = "PRAXIS_PASSPHRASE_FILE", value_name = "FILE", conflicts_with = "key_file")]
    pub journal_passphrase_file: Option<PathBuf>,

    /// Print data as JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    /// Print the process's peak memory on standard error when done (for benchmarks).
    #[arg(long, global = true, hide = true)]
    pub report_memory: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new entry; prints its id.
    Add {
        #[arg(long, value_parser = parse_kind, default_value = "reflection")]
        kind: Kind,
        #[arg(long)]
        title: String,
        #[command(flatten)]
        body: BodySource,
        /// A tag (repeat for several).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The day the entry is about (default: today).
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        occurred_on: Option<NaiveDate>,
        /// Mark the entry with a star.
        #[arg(long)]
        star: bool,
    },
    /// List entries, newest first.
    List {
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Show one entry in full.
    Show { id: String },
    /// Edit an entry in $EDITOR.
    Edit { id: String },
    /// Change an entry; options not given stay as they are.
    Update {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        body: BodySource,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// Replace the tags with these (repeat for several).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Remove every tag.
        #[arg(long, conflicts_with = "tags")]
        clear_tags: bool,
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        occurred_on: Option<NaiveDate>,
        #[arg(long, conflicts_with = "unstar")]
        star: bool,
        #[arg(long)]
        unstar: bool,
    },
    /// Move an entry to the trash.
    Delete { id: String },
    /// Bring an entry back from the trash.
    Restore { id: String },
    /// List the trash, or empty it.
    Trash {
        /// Delete everything in the trash for good.
        #[arg(long)]
        empty: bool,
    },
    /// Delete one entry in the trash for good.
    Purge { id: String },
    /// List the versions of an entry.
    History { id: String },
    /// Make an earlier version of an entry current again.
    Revert { id: String, revision: i64 },
    /// Search titles, texts and tags.
    Search {
        /// The words to find (every word, as a prefix). A leading - is part
        /// of a word, not an option: `praxis search -meeting` searches it.
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// Best match first instead of newest first.
        #[arg(long)]
        rank: bool,
    },
    /// Print the sanitised HTML the app shows for a Markdown file (or - for standard input).
    Render { file: PathBuf },
    /// Export the journal (or the entries the filters keep).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormatArg,
        #[command(flatten)]
        filter: NarrowArgs,
        /// The file to write (a new folder for markdown-folder; - for standard output).
        file: PathBuf,
        /// jsonl only: write the encrypted full export for moving to another
        /// computer (everything, the sharing key and the app lock included),
        /// encrypted with the passphrase on the first line of this file.
        #[arg(long, value_name = "FILE", conflicts_with = "encrypt_to")]
        passphrase_file: Option<PathBuf>,
        /// jsonl only: write the encrypted full export, encrypted to this age
        /// public key (age1…; may be given more than once).
        #[arg(long, value_name = "AGE_PUBLIC_KEY")]
        encrypt_to: Vec<String>,
    },
    /// Import entries: Praxis JSON Lines, a Day One export, a jrnl journal or a Markdown folder.
    Import {
        #[arg(long, value_enum)]
        format: ImportFormatArg,
        /// The file or folder to read (- for standard input, jsonl only).
        file: PathBuf,
        /// An encrypted full export: the file whose first line is its passphrase.
        #[arg(long, value_name = "FILE", conflicts_with = "identity_file")]
        passphrase_file: Option<PathBuf>,
        /// An encrypted full export made to an age key: the age identity file.
        #[arg(long, value_name = "FILE")]
        identity_file: Option<PathBuf>,
        /// Show what would be imported and what would be skipped, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Markdown notes with no date in their front matter or name: take the
        /// day their file was last modified, or skip them.
        #[arg(long, value_enum, default_value = "modified")]
        undated: UndatedArg,
    },
    /// Check the journal's integrity.
    Check {
        /// Rebuild the search index from the entries.
        #[arg(long)]
        repair_index: bool,
    },
    /// Save what can still be read of a damaged journal into a new one,
    /// written as a backup (restore it with `praxis backup restore`).
    Salvage,
    /// Set the journal in this folder aside (moved into previous-<time>/,
    /// nothing deleted) so that a new, empty journal starts here.
    StartNewJournal {
        /// Yes, set it aside.
        #[arg(long)]
        yes: bool,
    },
    /// Action-learning projects.
    Project {
        #[command(subcommand)]
        action: crate::action::ProjectAction,
    },
    /// Experiments: plan, start, observe, conclude; the ledger.
    Experiment {
        #[command(subcommand)]
        action: crate::action::ExperimentAction,
    },
    /// Peer sessions: the prep sheet before, the notes and commitments after.
    Session {
        #[command(subcommand)]
        action: crate::action::SessionAction,
    },
    /// Commitments made at peer sessions.
    Commitment {
        #[command(subcommand)]
        action: crate::action::CommitmentAction,
    },
    /// What needs attention today: reviews due, sessions, commitments, and entries on this day.
    Today {
        /// Another day than today.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        day: Option<NaiveDate>,
    },
    /// The weekly review: this week's experiments and outcomes, and open commitments.
    Week {
        /// A day in another week.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        day: Option<NaiveDate>,
    },
    /// Coaches you share with.
    Coach {
        #[command(subcommand)]
        action: CoachAction,
    },
    /// Share entries or excerpts with a coach, encrypted (age).
    Share(ShareArgs),
    /// Open a share file: show it and keep it in Shared with me.
    Open {
        file: PathBuf,
        /// An age identity file (age-keygen) instead of your own sharing key.
        #[arg(long, value_name = "FILE", conflicts_with = "passphrase_file")]
        identity_file: Option<PathBuf>,
        /// For a share protected by a passphrase: the passphrase, from this file.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Shares others sent you (Shared with me), newest first.
    Inbox {
        /// Only shares with every one of these words (a leading - is part of a word).
        #[arg(allow_hyphen_values = true)]
        query: Option<String>,
        /// Show each share whole: every item, with an experiment's expectation
        /// and an outcome's surprise.
        #[arg(long)]
        full: bool,
    },
    /// What you shared, when, with whom, exactly, with each file's SHA-256.
    ShareLog {
        /// Only shares with every one of these words (a leading - is part of a word).
        #[arg(allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Feedback replies: write one (coach), or import one (participant).
    Feedback {
        #[command(subcommand)]
        action: FeedbackAction,
    },
    /// The journal's encryption key: show the recovery key, or change the key.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Take, list or restore backups of the journal.
    Backup {
        #[command(subcommand)]
        action: BackupAction,
    },
    /// Fill a journal with generated entries (for trying Praxis out and for performance runs).
    #[command(hide = true)]
    Generate {
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Save each entry in its own transaction and print its id once saved.
        #[arg(long)]
        one_by_one: bool,
    },
}

/// What to share and with whom (`praxis share`).
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// To a coach added with `praxis coach add`.
    #[arg(long, group = "recipient", value_name = "NAME")]
    pub coach: Option<String>,
    /// To this sharing key (age1…).
    #[arg(long, group = "recipient", value_name = "AGE1…")]
    pub to: Option<String>,
    /// To the passphrase in this file.
    #[arg(long, group = "recipient", value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// To six random words, printed once, to tell the coach by phone.
    #[arg(long, group = "recipient")]
    pub generate_passphrase: bool,
    /// A whole entry (repeat for several).
    #[arg(long = "entry", value_name = "ID")]
    pub entries: Vec<String>,
    /// Part of an entry: ID:START-END, in characters of its text.
    #[arg(long = "excerpt", value_name = "ID:START-END")]
    pub excerpts: Vec<String>,
    /// Replace words before they leave: FIND=REPLACE (e.g. "Sam Jones=S.J."); repeat for several.
    #[arg(long = "redact", value_name = "FIND=REPLACE")]
    pub redactions: Vec<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// ASCII armor, for pasting into an email.
    #[arg(long)]
    pub armor: bool,
    /// Print exactly what would leave, and write nothing.
    #[arg(long)]
    pub preview: bool,
    /// The file to write, or a folder (the name is then praxis-share-DATE.age).
    #[arg(long, value_name = "FILE", required_unless_present = "preview")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CoachAction {
    /// Add a coach by name and sharing key (age1…). A changed key is refused
    /// unless --replace-key confirms it.
    Add {
        name: String,
        public_key: String,
        #[arg(long)]
        replace_key: bool,
    },
    /// List coaches with their keys' fingerprints.
    List,
}

#[derive(Debug, Subcommand)]
pub enum FeedbackAction {
    /// Write a feedback reply to a share in Shared with me, encrypted to its sender.
    Reply {
        /// The share's id (`praxis inbox` lists them; the first 8 characters are enough).
        share_id: String,
        /// A comment on one shared entry: ENTRY_ID=TEXT (repeat for several).
        #[arg(long = "comment", value_name = "ENTRY_ID=TEXT", required = true)]
        comments: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        armor: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a coach's feedback reply: each comment becomes a coach_feedback
    /// entry beside the entry it is about.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Show your sharing key (age1…) and its fingerprint, to give to your coach.
    Show,
    /// Set the name your shares are signed with.
    Name { name: String },
    /// Show the recovery key (asks first: anyone who sees it can open the journal).
    RecoveryShow {
        /// Do not ask; show it.
        #[arg(long)]
        yes: bool,
    },
    /// Re-encrypt the journal and its backups with a new key and show the new
    /// recovery key. The old recovery key stops working.
    Rotate {
        /// For a passphrase journal: the new passphrase, from this file.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupAction {
    /// Take a backup now.
    Now,
    /// List the backups, newest first.
    List,
    /// Replace the journal with a backup (the current content is backed up first).
    Restore { id: String },
}

/// What `import` does with a Markdown note that has no date of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UndatedArg {
    /// Date it by its file's modification time (the preview lists these notes).
    Modified,
    /// Skip it (the preview lists it as skipped).
    Skip,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormatArg {
    /// Praxis JSON Lines: lossless, for backups and moving journals.
    Jsonl,
    /// A Day One JSON export (.zip or .json).
    Dayone,
    /// A jrnl journal: its JSON export or its plain-text file.
    Jrnl,
    /// A folder of Markdown files with optional front matter (Obsidian).
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    /// A folder of Markdown files with front matter (Obsidian).
    MarkdownFolder,
    /// One Markdown document, for printing.
    Markdown,
    /// One HTML page, for printing.
    Html,
    /// Praxis JSON Lines: everything, lossless (filters do not apply).
    Jsonl,
}

#[derive(Debug, Args)]
pub struct NarrowArgs {
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    #[arg(long)]
    pub tag: Option<String>,
    /// First day to include.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub from: Option<NaiveDate>,
    /// Last day to include.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub to: Option<NaiveDate>,
    /// Only starred entries.
    #[arg(long)]
    pub starred: bool,
}

#[derive(Debug, Args)]
pub struct BodySource {
    /// The text of the entry (Markdown).
    #[arg(long, conflicts_with_all = ["body_file", "stdin"])]
    pub body: Option<String>,
    /// Read the text from a file (- for standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "stdin")]
    pub body_file: Option<PathBuf>,
    /// `-` reads the text from standard input.
    #[arg(value_name = "-", value_parser = parse_stdin_marker, hide = true)]
    pub stdin: Option<bool>,
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub narrow: NarrowArgs,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

fn parse_kind(text: &str) -> Result<Kind, praxis_core::Error> {
    text.parse()
}

pub(crate) fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-05-01"))
}

fn parse_stdin_marker(text: &str) -> anyhow::Result<bool> {
    anyhow::ensure!(text == "-", "unexpected argument \"{text}\"; use - to read the text from standard input");
    Ok(true)
}
