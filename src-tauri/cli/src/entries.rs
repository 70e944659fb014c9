//! The entries: `add`, `list`, `show`, `edit`, `update`, `delete`,
//! `restore`, `trash`, `purge`, `history`, `revert`, `search`, `render`,
//! and the hidden `generate`: their arguments, what they do and print.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use praxis_core::sample::SampleJournal;
use praxis_core::{markdown, Entry, EntryDraft, EntryId, Kind, ListFilter, RevisionSummary, SearchHit, SearchOrder};

use crate::args::{parse, parse_day, Global, NarrowArgs};
use crate::context::{self, now};
use crate::editor;
use crate::print::{self, Empty};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new entry; prints its id.
    Add {
        #[arg(long, value_parser = parse::<Kind>, default_value = "reflection")]
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
        #[arg(long, value_parser = parse::<Kind>)]
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

// Where an entry's text comes from: --body, --body-file, or `-`.
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

// Which entries and which page of them (`list`, `search`).
#[derive(Debug, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub narrow: NarrowArgs,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

fn parse_stdin_marker(text: &str) -> anyhow::Result<bool> {
    anyhow::ensure!(text == "-", "unexpected argument \"{text}\"; use - to read the text from standard input");
    Ok(true)
}

impl BodySource {
    fn read(&self) -> Result<Option<String>> {
        if let Some(body) = &self.body {
            return Ok(Some(body.clone()));
        }
        if let Some(file) = &self.body_file {
            return read_text(file).map(Some);
        }
        if self.stdin == Some(true) {
            return read_text(Path::new("-")).map(Some);
        }
        Ok(None)
    }
}

impl FilterArgs {
    fn to_filter(&self) -> ListFilter {
        ListFilter { limit: Some(self.limit), offset: Some(self.offset), ..self.narrow.to_filter() }
    }
}

/// Reads an entry's text from a file or standard input (`-`), refusing
/// more than an entry may hold before reading it all.
fn read_text(path: &Path) -> Result<String> {
    use praxis_core::limits::{read_capped, Capped};
    use praxis_core::model::MAX_BODY_BYTES;
    let too_large = || {
        anyhow!("The text is larger than an entry may be ({} MB). Nothing was saved.", MAX_BODY_BYTES / (1024 * 1024))
    };
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(MAX_BODY_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .context("Could not read the text from standard input")?;
        if bytes.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        bytes
    } else {
        match read_capped(path, MAX_BODY_BYTES as u64).with_context(|| format!("Could not read {}", path.display()))? {
            Capped::Bytes(bytes) => bytes,
            Capped::TooLarge { .. } => return Err(too_large()),
        }
    };
    String::from_utf8(bytes).map_err(|_| anyhow!("{} is not UTF-8 text.", path.display()))
}

pub fn run(command: Command, global: &Global) -> Result<()> {
    if let Command::Render { file } = &command {
        // Rendering needs no journal.
        print!("{}", markdown::render_html(&read_text(file)?));
        return Ok(());
    }
    let journal = context::journal(global)?;
    let json = global.json;
    let out = &mut io::stdout().lock();
    match command {
        Command::Add { kind, title, body, tags, occurred_on, star } => {
            let draft =
                EntryDraft { kind, title, body: body.read()?.unwrap_or_default(), tags, occurred_on, starred: star };
            let entry = journal.create_entry(EntryId::random(), &draft, now())?;
            print::id(out, json, entry.id)?;
        }
        Command::List { filter } => {
            let entries = journal.list_entries(&filter.to_filter())?;
            print::listing(out, &entries, json, Empty::Quiet, print::summary_line)?;
        }
        Command::Show { id } => {
            let entry = journal.get_entry(journal.resolve_id(&id)?)?;
            print_entry(out, &entry, json)?;
        }
        Command::Edit { id } => {
            let entry = journal.get_entry(journal.resolve_id(&id)?)?;
            match editor::edit(&entry)? {
                Some(draft) => {
                    let saved = journal.update_entry(entry.id, &draft, now())?;
                    print_saved(out, &saved, json)?;
                }
                None => eprintln!("No changes; the entry was left as it was."),
            }
        }
        Command::Update { id, title, body, kind, tags, clear_tags, occurred_on, star, unstar } => {
            let entry = journal.get_entry(journal.resolve_id(&id)?)?;
            let mut draft = entry.draft();
            if let Some(title) = title {
                draft.title = title;
            }
            if let Some(body) = body.read()? {
                draft.body = body;
            }
            if let Some(kind) = kind {
                draft.kind = kind;
            }
            if clear_tags {
                draft.tags.clear();
            } else if !tags.is_empty() {
                draft.tags = tags;
            }
            if occurred_on.is_some() {
                draft.occurred_on = occurred_on;
            }
            if star || unstar {
                draft.starred = star;
            }
            let saved = journal.update_entry(entry.id, &draft, now())?;
            print_saved(out, &saved, json)?;
        }
        Command::Delete { id } => {
            let id = journal.resolve_id(&id)?;
            journal.delete_entry(id, now())?;
            print::done(out, json, &format!("Moved {id} to the trash. `praxis restore {id}` brings it back."))?;
        }
        Command::Restore { id } => {
            let entry = journal.restore_entry(journal.resolve_id(&id)?)?;
            print_saved(out, &entry, json)?;
        }
        Command::Trash { empty } => {
            if empty {
                let purged = journal.empty_trash()?;
                print::done(out, json, &format!("Deleted {purged} entries from the trash for good."))?;
            } else {
                print::listing(out, &journal.list_trash()?, json, Empty::Quiet, print::summary_line)?;
            }
        }
        Command::Purge { id } => {
            let id = journal.resolve_id(&id)?;
            journal.purge_entry(id)?;
            print::done(out, json, &format!("Deleted {id} for good."))?;
        }
        Command::History { id } => {
            let history = journal.history(journal.resolve_id(&id)?)?;
            print::listing(out, &history, json, Empty::Quiet, version_line)?;
        }
        Command::Revert { id, revision } => {
            let entry = journal.revert_entry(journal.resolve_id(&id)?, revision, now())?;
            print_saved(out, &entry, json)?;
        }
        Command::Search { query, filter, rank } => {
            let order = if rank { SearchOrder::Relevance } else { SearchOrder::Newest };
            let hits = journal.search(&query, &filter.to_filter(), order)?;
            let bold = io::stdout().is_terminal();
            let empty = Empty::Hint("Nothing found. Try fewer or shorter words, or remove a filter.");
            print::listing(out, &hits, json, empty, |hit| hit_lines(hit, bold))?;
            if let Some(note) = praxis_core::model::parse_search(&query).note() {
                eprintln!("{note}");
            }
        }
        Command::Render { .. } => unreachable!("handled before opening the journal"),
        Command::Generate { count, seed, one_by_one } => {
            let first_day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).expect("valid date");
            let entries = SampleJournal::new(seed, first_day, 6 * 365).take(count);
            if one_by_one {
                // Each line is printed only after its commit returned: a
                // printed id is a promise that the entry is on disk.
                for sample in entries {
                    let entry = journal.create_entry(sample.id, &sample.draft, sample.written_at)?;
                    writeln!(out, "{}", entry.id)?;
                    out.flush()?;
                }
            } else {
                let added = journal.add_sample_entries(entries)?;
                print::done(out, json, &format!("Added {added} generated entries."))?;
            }
        }
    }
    Ok(())
}

fn print_entry(out: &mut dyn Write, entry: &Entry, as_json: bool) -> Result<()> {
    if as_json {
        return print::json(out, entry);
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

fn print_saved(out: &mut dyn Write, entry: &Entry, as_json: bool) -> Result<()> {
    if as_json {
        return print::json(out, entry);
    }
    writeln!(out, "Saved {} (version {}).", entry.id, entry.revision)?;
    Ok(())
}

fn version_line(version: &RevisionSummary) -> String {
    format!(
        "{:>4}  {}  {:>6} words  {}{}",
        version.revision,
        version.saved_at.format("%Y-%m-%d %H:%M"),
        version.words,
        version.title,
        if version.current { "  (current)" } else { "" }
    )
}

/// A search hit: the entry's line, then the words around the match
/// (the matched words in bold on a terminal).
fn hit_lines(hit: &SearchHit, bold: bool) -> String {
    let mut snippet = String::from("    ");
    for part in &hit.snippet {
        let text = part.text.replace('\n', " ");
        if part.hit && bold {
            snippet.push_str(&format!("\x1b[1m{text}\x1b[0m"));
        } else {
            snippet.push_str(&text);
        }
    }
    format!("{}\n{snippet}", print::summary_line(&hit.entry))
}
