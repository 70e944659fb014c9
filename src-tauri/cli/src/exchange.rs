//! Entries in and out: `export` and `import`, their arguments, what they
//! do and print. Markdown, HTML and the other apps' formats go through the
//! core's interchange; the whole journal as Praxis JSON Lines, plain (no
//! secrets) or as the encrypted full export for moving to another computer,
//! is written and read here.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::{Subcommand, ValueEnum};
use praxis_core::interchange::export::write_atomically;
use praxis_core::interchange::jsonl::{ExportReport, ExportTo, ImportReport};
use praxis_core::interchange::source::UndatedNotes;
use praxis_core::interchange::{export_to_path, read_source, ExportFormat, ImportFormat};
use praxis_core::share::seal::{self, OpenWith, SharingIdentity};
use praxis_core::store::ImportPreview;
use praxis_core::Journal;

use crate::args::{Global, NarrowArgs};
use crate::context::{self, now};
use crate::print;
use crate::unlock::read_secret_file;

#[derive(Debug, Subcommand)]
pub enum Command {
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

pub fn run(command: Command, global: &Global) -> Result<()> {
    let journal = context::journal(global)?;
    let json = global.json;
    let out = &mut io::stdout().lock();
    match command {
        Command::Export { format: ExportFormatArg::Jsonl, file, passphrase_file, encrypt_to, .. } => {
            export_jsonl(&journal, &file, passphrase_file.as_deref(), &encrypt_to, json, out)
        }
        Command::Export { format, filter, file, passphrase_file, encrypt_to } => {
            if passphrase_file.is_some() || !encrypt_to.is_empty() {
                return Err(anyhow!(
                    "Only the jsonl export is encrypted (--passphrase-file, --encrypt-to): use --format jsonl."
                ));
            }
            let format = match format {
                ExportFormatArg::MarkdownFolder => ExportFormat::MarkdownFolder,
                ExportFormatArg::Markdown => ExportFormat::Markdown,
                ExportFormatArg::Html => ExportFormat::Html,
                ExportFormatArg::Jsonl => unreachable!("handled above"),
            };
            let filter = filter.to_filter();
            if file == Path::new("-") {
                let mut stdout = BufWriter::new(io::stdout().lock());
                match format {
                    ExportFormat::Markdown => drop(journal.export_markdown(&filter, &mut stdout)?),
                    ExportFormat::Html => drop(journal.export_html(&filter, "Praxis journal", &mut stdout)?),
                    ExportFormat::MarkdownFolder | ExportFormat::Jsonl => {
                        return Err(anyhow!("A Markdown folder cannot go to standard output. Give a folder name."))
                    }
                }
                Ok(())
            } else {
                let summary = export_to_path(&journal, format, &filter, &file)?;
                print::done(out, json, &format!("Exported {} entries to {}.", summary.entries, file.display()))
            }
        }
        Command::Import { format: ImportFormatArg::Jsonl, file, dry_run, passphrase_file, identity_file, .. } => {
            if dry_run {
                return Err(anyhow!(
                    "--dry-run is for dayone, jrnl and markdown sources; a jsonl import is all or nothing already."
                ));
            }
            import_jsonl(&journal, &file, passphrase_file.as_deref(), identity_file.as_deref(), json, out)
        }
        Command::Import { format, file, dry_run, undated, passphrase_file, identity_file } => {
            if passphrase_file.is_some() || identity_file.is_some() {
                return Err(anyhow!("--passphrase-file and --identity-file are for an encrypted jsonl export."));
            }
            let format = match format {
                ImportFormatArg::Dayone => ImportFormat::Dayone,
                ImportFormatArg::Jrnl => ImportFormat::Jrnl,
                ImportFormatArg::Markdown => ImportFormat::Markdown,
                ImportFormatArg::Jsonl => unreachable!("handled above"),
            };
            let undated = match undated {
                UndatedArg::Modified => UndatedNotes::Modified,
                UndatedArg::Skip => UndatedNotes::Skip,
            };
            let parsed = read_source(format, &file, *now().offset())?.with_undated(undated);
            let preview = if dry_run { journal.preview_import(&parsed)? } else { journal.import_source(&parsed)? };
            print_preview(out, &preview, dry_run, json)
        }
    }
}

/// Writes the journal to `file` (or standard output for `-`), encrypted
/// with everything when a passphrase file or a key is given.
fn export_jsonl(
    journal: &Journal,
    file: &Path,
    passphrase_file: Option<&Path>,
    to: &[String],
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let encrypt_to = match (passphrase_file, to) {
        (Some(path), _) => Some(ExportTo::Passphrase(read_secret_file(path)?)),
        (None, []) => None,
        (None, keys) => {
            Some(ExportTo::Recipients(keys.iter().map(|k| seal::parse_recipient(k)).collect::<Result<_, _>>()?))
        }
    };
    let write = |sink: &mut dyn Write| -> praxis_core::Result<ExportReport> {
        match &encrypt_to {
            Some(to) => journal.export_encrypted(to, sink),
            None => journal.export_jsonl(sink),
        }
    };
    let report = if file == Path::new("-") {
        let mut stdout = BufWriter::new(io::stdout().lock());
        write(&mut stdout)?;
        stdout.flush()?;
        return Ok(());
    } else {
        write_atomically(file, write)?
    };
    if json {
        return print::json(out, &report);
    }
    let what = if encrypt_to.is_some() {
        "an encrypted full export (the sharing key and app lock included)"
    } else {
        "JSON Lines"
    };
    print::done(
        out,
        false,
        &format!(
            "Exported {} entries and {} other records as {what} to {}.",
            report.entries,
            report.records - report.entries,
            file.display()
        ),
    )
}

/// Reads a Praxis JSON Lines file into the journal; an encrypted full
/// export is recognised by its first bytes and opened with the passphrase
/// or identity given.
fn import_jsonl(
    journal: &Journal,
    file: &Path,
    passphrase_file: Option<&Path>,
    identity_file: Option<&Path>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let report = if file == Path::new("-") {
        journal.import_jsonl(&mut io::stdin().lock())?
    } else {
        let opened = File::open(file).with_context(|| format!("Could not open {}", file.display()))?;
        let mut reader = BufReader::new(opened);
        let start = io::BufRead::fill_buf(&mut reader).with_context(|| format!("Could not read {}", file.display()))?;
        let encrypted =
            start.starts_with(b"age-encryption.org/") || start.trim_ascii_start().starts_with(b"-----BEGIN AGE");
        if encrypted {
            import_encrypted(journal, &mut reader, passphrase_file, identity_file)?
        } else {
            journal.import_jsonl(&mut reader)?
        }
    };
    print_report(&report, json, out)
}

fn import_encrypted(
    journal: &Journal,
    reader: &mut dyn Read,
    passphrase_file: Option<&Path>,
    identity_file: Option<&Path>,
) -> Result<ImportReport> {
    let identities: Vec<SharingIdentity>;
    let with = match (passphrase_file, identity_file) {
        (Some(path), _) => OpenWith::Passphrase(read_secret_file(path)?),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("Could not read {}", path.display()))?;
            identities = vec![SharingIdentity::parse(&text)?];
            OpenWith::Identities(&identities)
        }
        (None, None) => {
            return Err(anyhow!(
                "This is an encrypted full export. Give the passphrase it was made with (--passphrase-file FILE) \
                 or the age identity it was made for (--identity-file FILE)."
            ))
        }
    };
    Ok(journal.import_encrypted(reader, &with)?)
}

fn print_report(report: &ImportReport, json: bool, out: &mut dyn Write) -> Result<()> {
    if json {
        return print::json(out, report);
    }
    writeln!(
        out,
        "Imported {} entries and {} other records (projects, experiments, sessions, …); {} were already in the journal.",
        report.imported,
        report.records_imported,
        report.already_present + report.records_already_present
    )?;
    Ok(())
}

fn print_preview(out: &mut dyn Write, preview: &ImportPreview, dry_run: bool, as_json: bool) -> Result<()> {
    if as_json {
        return print::json(out, preview);
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    let range = match (preview.first_day, preview.last_day) {
        (Some(first), Some(last)) => format!(" from {first} to {last}"),
        _ => String::new(),
    };
    writeln!(out, "{verb} {} new entries{range}.", preview.new_entries)?;
    if preview.already_imported > 0 {
        writeln!(out, "{} were imported before and are skipped.", preview.already_imported)?;
    }
    if !preview.tags.is_empty() {
        let tags: Vec<String> = preview.tags.iter().map(|t| format!("#{} ({})", t.tag, t.entries)).collect();
        writeln!(out, "Tags: {}", tags.join(", "))?;
    }
    for skipped in &preview.skipped {
        writeln!(out, "skipped: {}: {}", skipped.location, skipped.reason)?;
    }
    for location in &preview.dated_by_modification_time {
        writeln!(out, "dated by its modification time: {location}")?;
    }
    if !preview.dated_by_modification_time.is_empty() {
        writeln!(
            out,
            "Notes without a date of their own ({}) take the day their file was last modified; \
             add --undated skip to leave them out.",
            preview.dated_by_modification_time.len()
        )?;
    }
    for note in &preview.not_imported {
        writeln!(out, "not imported: {note}")?;
    }
    if dry_run {
        writeln!(out, "Nothing was written. Run the same command without --dry-run to import.")?;
    }
    Ok(())
}
