//! `praxis export --format jsonl` and `praxis import --format jsonl`: the
//! whole journal as Praxis JSON Lines, plain (no secrets) or as the
//! encrypted full export for moving to another computer.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use praxis_core::interchange::export::write_atomically;
use praxis_core::interchange::jsonl::{ExportReport, ExportTo, ImportReport};
use praxis_core::share::seal::{self, OpenWith, SharingIdentity};
use praxis_core::Journal;

use crate::print;
use crate::unlock::read_secret_file;

/// Writes the journal to `file` (or standard output for `-`), encrypted
/// with everything when a passphrase file or a key is given.
pub fn export(
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
pub fn import(
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
