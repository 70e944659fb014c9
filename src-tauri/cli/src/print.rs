//! How the CLI prints: short readable text by default, JSON with `--json`.
//! The printing every group shares is here; what only one group prints is
//! in its own file.

use std::io::Write;

use anyhow::Result;
use praxis_core::EntrySummary;
use serde::Serialize;

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A sentence saying what was done, or `{"message": …}` with `--json`.
pub fn done(out: &mut dyn Write, as_json: bool, message: &str) -> Result<()> {
    if as_json {
        return json(out, &serde_json::json!({ "message": message }));
    }
    writeln!(out, "{message}")?;
    Ok(())
}

/// The id of something just made: alone on its line, or `{"id": …}`.
pub fn id(out: &mut dyn Write, as_json: bool, id: impl ToString) -> Result<()> {
    if as_json {
        json(out, &serde_json::json!({ "id": id.to_string() }))
    } else {
        writeln!(out, "{}", id.to_string())?;
        Ok(())
    }
}

/// What a listing says when there is nothing in it.
#[derive(Debug, Clone, Copy)]
pub enum Empty<'a> {
    /// Nothing at all.
    Quiet,
    /// This sentence, on standard output.
    Say(&'a str),
    /// This sentence, on standard error: a hint beside the (empty) data.
    Hint(&'a str),
}

/// A list: as JSON with `--json`; otherwise what `lines` prints.
pub fn listing<T: Serialize>(
    out: &mut dyn Write,
    items: &[T],
    as_json: bool,
    empty: Empty,
    line: impl FnMut(&T) -> String,
) -> Result<()> {
    if as_json {
        return json(out, &items);
    }
    lines(out, items, empty, line)
}

/// A list as text: each item's line (which may hold several lines), or
/// what to say when there are none.
pub fn lines<T>(out: &mut dyn Write, items: &[T], empty: Empty, mut line: impl FnMut(&T) -> String) -> Result<()> {
    if items.is_empty() {
        match empty {
            Empty::Quiet => {}
            Empty::Say(sentence) => writeln!(out, "{sentence}")?,
            Empty::Hint(sentence) => eprintln!("{sentence}"),
        }
    }
    for item in items {
        writeln!(out, "{}", line(item))?;
    }
    Ok(())
}

/// The first 8 characters of an id: enough to type back (`praxis show 3f2a9c1e`).
pub fn short(id: impl ToString) -> String {
    id.to_string()[..8].to_owned()
}

/// An entry on one line, as `list`, `trash`, `search` and the overviews show it.
pub fn summary_line(entry: &EntrySummary) -> String {
    let mut line = format!(
        "{}  {}  {:<14} {}",
        short(entry.id),
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
