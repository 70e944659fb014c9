//! `praxis edit`: the entry opens in $EDITOR as a small header and the text.
//!
//! ```text
//! Title: Difficult one-to-one
//! Kind: reflection
//! Date: 2026-05-01
//! Tags: feedback, listening
//!
//! The text, in Markdown…
//! ```

use std::io::Write;
use std::process::Command;

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use praxis_core::{Entry, EntryDraft};

fn render(entry: &Entry) -> String {
    format!(
        "Title: {}\nKind: {}\nDate: {}\nTags: {}\n\n{}",
        entry.title,
        entry.kind,
        entry.occurred_on,
        entry.tags.join(", "),
        entry.body
    )
}

fn parse(text: &str, original: &Entry) -> Result<EntryDraft> {
    let (header, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut draft = original.draft();
    draft.body = body.to_owned();
    for line in header.lines() {
        let (key, value) = line.split_once(':').ok_or_else(|| {
            anyhow!("The line \"{line}\" in the header is not \"Name: value\". Keep the header lines as they were.")
        })?;
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => draft.title = value.to_owned(),
            "kind" => draft.kind = value.parse()?,
            "date" => {
                draft.occurred_on = Some(
                    NaiveDate::parse_from_str(value, "%Y-%m-%d")
                        .map_err(|_| anyhow!("\"{value}\" is not a date; write it as YYYY-MM-DD."))?,
                )
            }
            "tags" => draft.tags = value.split(',').map(str::to_owned).collect(),
            other => bail!("\"{other}\" is not a header Praxis knows. Use Title, Kind, Date and Tags."),
        }
    }
    Ok(draft)
}

/// Opens the entry in the user's editor. Returns the edited draft, or `None`
/// when the file came back unchanged.
pub fn edit(entry: &Entry) -> Result<Option<EntryDraft>> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .map_err(|_| anyhow!("Set $EDITOR to the editor you want to use, e.g. EDITOR=nano."))?;
    let original = render(entry);
    let mut file = tempfile::Builder::new()
        .prefix("praxis-edit-")
        .suffix(".md")
        .tempfile()
        .context("Could not create a file to edit")?;
    file.write_all(original.as_bytes())?;
    file.flush()?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("praxis-edit")
        .arg(file.path())
        .status()
        .with_context(|| format!("Could not start the editor \"{editor}\""))?;
    if !status.success() {
        bail!("The editor exited with an error; the entry was left as it was.");
    }
    // An entry's text holds at most 2 MB: a larger file is refused by its
    // length, not read whole first.
    let cap = praxis_core::model::MAX_BODY_BYTES as u64 + 64 * 1024;
    let edited =
        match praxis_core::limits::read_capped(file.path(), cap).context("Could not read the edited file back")? {
            praxis_core::limits::Capped::Bytes(bytes) => String::from_utf8(bytes)
                .map_err(|_| anyhow!("The edited file is not UTF-8 text; the entry was left as it was."))?,
            praxis_core::limits::Capped::TooLarge { .. } => bail!(
                "The edited file is larger than an entry's text may be ({} MB); the entry was left as it was.",
                praxis_core::model::MAX_BODY_BYTES / (1024 * 1024)
            ),
        };
    if edited == original {
        return Ok(None);
    }
    parse(&edited, entry).map(Some)
}
