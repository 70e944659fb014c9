//! How the CLI prints: short readable text by default, JSON with `--json`.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use praxis_core::store::ImportPreview;
use praxis_core::{BackupInfo, CheckReport, Entry, EntrySummary, RevisionSummary, SearchHit};
use serde::Serialize;

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// The first 8 characters of an id: enough to type back (`praxis show 3f2a9c1e`).
fn short(id: &praxis_core::EntryId) -> String {
    id.to_string()[..8].to_owned()
}

fn summary_line(entry: &EntrySummary) -> String {
    let mut line = format!(
        "{}  {}  {:<14} {}",
        short(&entry.id),
        entry.occurred_on,
        entry.kind.as_str(),
        if entry.title.is_empty() { "(untitled)" } else { &entry.title }
    );
    for tag in &entry.tags {
        line.push_str(&format!("  #{tag}"));
    }
    if entry.starred {
        line.push_str("  ★");
    }
    line
}

pub fn summaries(out: &mut dyn Write, entries: &[EntrySummary], as_json: bool) -> Result<()> {
    if as_json {
        return json(out, &entries);
    }
    for entry in entries {
        writeln!(out, "{}", summary_line(entry))?;
    }
    Ok(())
}

pub fn entry(out: &mut dyn Write, entry: &Entry, as_json: bool) -> Result<()> {
    if as_json {
        return json(out, entry);
    }
    writeln!(out, "# {}", if entry.title.is_empty() { "(untitled)" } else { &entry.title })?;
    writeln!(out, "id:       {}", entry.id)?;
    writeln!(out, "kind:     {}", entry.kind.label())?;
    writeln!(out, "day:      {}", entry.occurred_on)?;
    if !entry.tags.is_empty() {
        writeln!(out, "tags:     {}", entry.tags.join(", "))?;
    }
    writeln!(out, "written:  {}", entry.created_at.format("%Y-%m-%d %H:%M %:z"))?;
    writeln!(out, "saved:    {} (version {})", entry.updated_at.format("%Y-%m-%d %H:%M %:z"), entry.revision)?;
    if entry.starred {
        writeln!(out, "starred:  yes")?;
    }
    if let Some(deleted) = entry.deleted_at {
        writeln!(out, "trash:    since {}", deleted.format("%Y-%m-%d %H:%M"))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", entry.body)?;
    Ok(())
}

pub fn saved(out: &mut dyn Write, entry: &Entry, as_json: bool) -> Result<()> {
    if as_json {
        return json(out, entry);
    }
    writeln!(out, "Saved {} (version {}).", entry.id, entry.revision)?;
    Ok(())
}

pub fn done(out: &mut dyn Write, as_json: bool, message: &str) -> Result<()> {
    if as_json {
        return json(out, &serde_json::json!({ "message": message }));
    }
    writeln!(out, "{message}")?;
    Ok(())
}

pub fn history(out: &mut dyn Write, history: &[RevisionSummary], as_json: bool) -> Result<()> {
    if as_json {
        return json(out, &history);
    }
    for version in history {
        writeln!(
            out,
            "{:>4}  {}  {:>6} words  {}{}",
            version.revision,
            version.saved_at.format("%Y-%m-%d %H:%M"),
            version.words,
            version.title,
            if version.current { "  (current)" } else { "" }
        )?;
    }
    Ok(())
}

pub fn hits(out: &mut dyn Write, hits: &[SearchHit], as_json: bool) -> Result<()> {
    if as_json {
        return json(out, &hits);
    }
    let bold = std::io::stdout().is_terminal();
    for hit in hits {
        writeln!(out, "{}", summary_line(&hit.entry))?;
        let mut snippet = String::from("    ");
        for part in &hit.snippet {
            let text = part.text.replace('\n', " ");
            if part.hit && bold {
                snippet.push_str(&format!("\x1b[1m{text}\x1b[0m"));
            } else {
                snippet.push_str(&text);
            }
        }
        writeln!(out, "{snippet}")?;
    }
    if hits.is_empty() {
        eprintln!("Nothing found. Try fewer or shorter words, or remove a filter.");
    }
    Ok(())
}

pub fn check(out: &mut dyn Write, report: &CheckReport, as_json: bool) -> Result<()> {
    if as_json {
        return json(out, report);
    }
    writeln!(
        out,
        "{} entries, {} in the trash, {} earlier versions (schema {}).",
        report.entries, report.in_trash, report.revisions, report.schema_version
    )?;
    if report.is_healthy() {
        writeln!(out, "The journal is healthy.")?;
    }
    for problem in &report.problems {
        writeln!(out, "problem: {problem}")?;
    }
    Ok(())
}

pub fn backups(out: &mut dyn Write, backups: &[BackupInfo], as_json: bool) -> Result<()> {
    if as_json {
        return json(out, &backups);
    }
    for backup in backups {
        let entries = backup.entries.map(|n| format!("{n} entries")).unwrap_or_else(|| "unreadable".into());
        writeln!(
            out,
            "{}  {}  {:>14}  {:>6.1} MB",
            backup.id,
            backup.taken_at.format("%Y-%m-%d %H:%M UTC"),
            entries,
            backup.bytes as f64 / 1e6
        )?;
    }
    if backups.is_empty() {
        eprintln!("No backups yet. `praxis backup now` takes one.");
    }
    Ok(())
}

pub fn import_preview(out: &mut dyn Write, preview: &ImportPreview, dry_run: bool, as_json: bool) -> Result<()> {
    if as_json {
        return json(out, preview);
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
        let tags: Vec<String> = preview.tags.iter().map(|(tag, n)| format!("#{tag} ({n})")).collect();
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
