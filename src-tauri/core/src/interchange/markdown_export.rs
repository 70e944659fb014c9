//! Markdown exports, for people and other tools rather than for Praxis:
//! a folder with one `.md` file per entry (YAML front matter, Obsidian-friendly
//! names) and one Markdown document of a selection, for printing. Both are
//! lossy on purpose — history and trash stay behind; `jsonl` is the lossless
//! format.
//!
//! The folder keeps the action-learning structure readable without Praxis:
//! an experiment's file carries its expectation, status, dates, learning and
//! next step in the front matter and under headings around its own text
//! (`## Hypothesis`, `## What I expect`, `## Signals`, …, `## What I
//! learned`); an outcome's names its experiment and says what surprised and
//! why it differed; and each peer session gets a file of its own under
//! `sessions/`, with its prep, notes, insights and commitments. Importing
//! the folder back as Markdown reads the title, dates and tags and keeps the
//! rest as text.
//!
//! Must not: overwrite or mix with a person's files (a folder export only goes
//! into an empty or new folder, and appears there whole or not at all), let a
//! title choose a path outside that folder, or hold the whole journal in
//! memory (entries stream through [`Journal::for_each_entry`]).
//!
//! Also home to what both document exports share: [`ExportSummary`] and the
//! line stating the days a selection covers, which their headings need
//! before the first entry is written (the store reads those days, with the
//! same filter as the entries: [`Journal::day_range`]).

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Entry, EntryId, Experiment, Kind, ListFilter, Outcome, PeerSession};
use crate::store::Journal;

/// The longest title part of a file name, in characters and in bytes: short
/// enough for Windows paths and for 255-byte name limits with the date, a
/// ` (n)` suffix and `.md` around it, even for titles in non-Latin scripts.
const MAX_NAME_CHARS: usize = 80;
const MAX_NAME_BYTES: usize = 200;
/// How many ` (n)` suffixes are tried before a name is given up on.
const MAX_NAME_SUFFIX: usize = 100_000;
/// Characters that no file name keeps: invalid on Windows, macOS or Linux
/// (`/\:*?"<>|`), or breaking Obsidian's `[[links]]` (`#^[]`).
const NAME_FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|', '#', '^', '[', ']'];

/// The folder, inside a folder export, that holds one file per peer session.
pub const SESSIONS_FOLDER: &str = "sessions";

/// What an experiment or outcome entry holds beyond its text, with the
/// titles of the entries it points to.
enum Structure {
    Experiment { experiment: Box<Experiment>, grew_from_title: Option<String> },
    Outcome { outcome: Outcome, experiment_title: Option<String> },
}

/// What an export wrote: how many entries and the days they span.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub entries: usize,
    /// The day of the earliest entry written; `None` when none was.
    pub first_day: Option<NaiveDate>,
    /// The day of the latest entry written; `None` when none was.
    pub last_day: Option<NaiveDate>,
}

impl ExportSummary {
    /// Counts one written entry.
    pub(crate) fn add(&mut self, entry: &Entry) {
        let day = entry.occurred_on;
        self.entries += 1;
        self.first_day = Some(self.first_day.map_or(day, |first| first.min(day)));
        self.last_day = Some(self.last_day.map_or(day, |last| last.max(day)));
    }
}

impl Journal {
    /// Writes every live entry `filter` keeps (its limit and offset are
    /// ignored) as one Markdown file in the new folder `dir`: named
    /// `YYYY-MM-DD Title.md`, with the entry's data as YAML front matter and
    /// then its Markdown text unchanged. Experiments and outcomes also carry
    /// their structure, in the front matter and under headings around the
    /// text; peer sessions held on the days `filter` keeps get one file each
    /// under [`SESSIONS_FOLDER`] (unless `filter` asks for a tag, starred
    /// entries or a kind other than the session kinds).
    ///
    /// `dir` must not exist or be an empty folder; its parent is created if
    /// needed. The files are written into a hidden folder beside `dir` that is
    /// renamed into place at the end, so `dir` holds either the whole export
    /// or nothing.
    ///
    /// Errors: [`Error::InvalidInput`] when `dir` holds anything or is a file
    /// (nothing is touched), [`Error::Io`] when writing fails (nothing is
    /// left behind).
    pub fn export_markdown_folder(&self, filter: &ListFilter, dir: &Path) -> Result<ExportSummary> {
        let target_exists = check_export_folder(dir)?;
        let name = dir.file_name().ok_or_else(|| {
            Error::invalid(format!("\"{}\" does not name a folder. Choose an empty folder by its name.", dir.display()))
        })?;
        let parent = match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;

        // The process id keeps two Praxis processes apart; within one, a
        // second export to the same folder finds this one's folder and stops.
        let mut partial_name = std::ffi::OsString::from(".");
        partial_name.push(name);
        partial_name.push(format!(".praxis-partial-{}", std::process::id()));
        let partial = PartialFolder::create(parent.join(partial_name))?;

        let structures = self.structures(filter)?;
        let mut names = FileNames::default();
        let mut summary = ExportSummary::default();
        self.for_each_entry(filter, &mut |entry| {
            let (path, file) = names.create(&partial.path, entry.occurred_on, &entry.title)?;
            let io = |e| Error::io(&path, e);
            let mut out = BufWriter::new(file);
            let structure = structures.get(&entry.id);
            write_front_matter(&mut out, entry, structure).map_err(io)?;
            match structure {
                None => out.write_all(entry.body.as_bytes()).map_err(io)?,
                Some(structure) => write_structured_body(&mut out, entry, structure).map_err(io)?,
            }
            out.into_inner().map_err(|e| io(e.into_error()))?;
            summary.add(entry);
            Ok(())
        })?;
        self.write_sessions(filter, &partial.path)?;

        if target_exists {
            // Only an empty folder can be removed this way; anything put into
            // it meanwhile makes this fail and stays where it is.
            std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::rename(&partial.path, dir).map_err(|e| Error::io(dir, e))?;
        partial.keep();
        Ok(summary)
    }

    /// The experiments and outcomes among the entries `filter` keeps, by id:
    /// read before the entries stream (the store reads one thing at a time),
    /// and small beside the entries' text.
    fn structures(&self, filter: &ListFilter) -> Result<HashMap<EntryId, Structure>> {
        let mut ids = Vec::new();
        for kind in [Kind::Experiment, Kind::Outcome] {
            if filter.kind.is_some_and(|wanted| wanted != kind) {
                continue;
            }
            let narrowed = ListFilter { kind: Some(kind), ..filter.clone() };
            self.for_each_entry(&narrowed, &mut |entry| {
                ids.push((entry.id, kind));
                Ok(())
            })?;
        }
        let title_of = |id: EntryId| match self.get_entry(id) {
            Ok(entry) => Ok(Some(display_title(&entry))),
            Err(Error::EntryNotFound(_)) => Ok(None),
            Err(e) => Err(e),
        };
        let mut structures = HashMap::new();
        for (id, kind) in ids {
            let structure = match kind {
                Kind::Experiment => match self.get_experiment(id) {
                    Ok(experiment) => {
                        let grew_from_title = experiment.grew_from.map(title_of).transpose()?.flatten();
                        Structure::Experiment { experiment: Box::new(experiment), grew_from_title }
                    }
                    // An entry of kind experiment written as plain text.
                    Err(Error::NotAnExperiment(_)) => continue,
                    Err(e) => return Err(e),
                },
                _ => match self.get_outcome(id)? {
                    Some(outcome) => {
                        let experiment_title = title_of(outcome.experiment)?;
                        Structure::Outcome { outcome, experiment_title }
                    }
                    None => continue,
                },
            };
            structures.insert(id, structure);
        }
        Ok(structures)
    }

    /// Writes one file per peer session `filter` keeps into
    /// `dir`/[`SESSIONS_FOLDER`], made only when there is one.
    fn write_sessions(&self, filter: &ListFilter, dir: &Path) -> Result<()> {
        let sessions: Vec<PeerSession> =
            self.list_sessions()?.into_iter().filter(|session| session_kept(filter, session)).collect();
        if sessions.is_empty() {
            return Ok(());
        }
        let folder = dir.join(SESSIONS_FOLDER);
        std::fs::create_dir(&folder).map_err(|e| Error::io(&folder, e))?;
        let mut names = FileNames::default();
        for session in sessions.iter().rev() {
            let (path, file) = names.create(&folder, session.held_on, &session.group_name)?;
            let io = |e| Error::io(&path, e);
            let mut out = BufWriter::new(file);
            write_session(&mut out, session).map_err(io)?;
            out.into_inner().map_err(|e| io(e.into_error()))?;
        }
        Ok(())
    }

    /// Writes every live entry `filter` keeps (its limit and offset are
    /// ignored) as one Markdown document for reading and printing, oldest
    /// first: a title, the days covered, then each entry under a `##` heading
    /// with a line for its kind, day and tags, and a `---` rule after it. The
    /// entries' own text is kept as written.
    ///
    /// Errors: [`Error::InvalidInput`] for a filter whose start is after its
    /// end, [`Error::Io`] when `out` fails (what was written stays written).
    pub fn export_markdown(&self, filter: &ListFilter, out: &mut dyn Write) -> Result<ExportSummary> {
        let io = |e| Error::io("the export file", e);
        let range = self.day_range(filter)?;
        let mut out = BufWriter::new(out);
        write!(out, "# Praxis journal\n\n{}\n\n", markdown_text(&range_line(range))).map_err(io)?;
        let mut summary = ExportSummary::default();
        self.for_each_entry(filter, &mut |entry| {
            write_document_entry(&mut out, entry).map_err(io)?;
            summary.add(entry);
            Ok(())
        })?;
        out.flush().map_err(io)?;
        Ok(summary)
    }
}

/// Whether `dir` exists; an error unless it is an empty folder or absent.
fn check_export_folder(dir: &Path) -> Result<bool> {
    let not_empty = || {
        Error::conflict(format!(
            "The folder {} is not empty. Choose an empty folder (or a new one) for the export, so that none of your files is overwritten.",
            dir.display()
        ))
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(dir, e)),
        Ok(meta) if !meta.is_dir() => Err(not_empty()),
        Ok(_) => {
            let mut items = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
            match items.next() {
                None => Ok(true),
                Some(_) => Err(not_empty()),
            }
        }
    }
}

/// The hidden folder an export is written into. Removed with everything in
/// it when dropped, unless [`PartialFolder::keep`] was called after it was
/// renamed into place: an export that fails or panics leaves nothing behind.
struct PartialFolder {
    path: PathBuf,
    armed: bool,
}

impl PartialFolder {
    /// Creates the folder; it must be new, so that dropping this never
    /// removes a folder someone else made.
    fn create(path: PathBuf) -> Result<PartialFolder> {
        match std::fs::create_dir(&path) {
            Ok(()) => Ok(PartialFolder { path, armed: true }),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(Error::conflict(format!(
                "Another export to this folder is under way, or an earlier one stopped half-way. \
                 Wait for it to finish, or delete {} and try again.",
                path.display()
            ))),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    fn keep(mut self) {
        self.armed = false;
    }
}

impl Drop for PartialFolder {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// The names given so far in one folder export, lower-cased: file systems on
/// macOS and Windows do not tell `Plan.md` from `plan.md`.
#[derive(Default)]
struct FileNames {
    taken: HashSet<String>,
}

impl FileNames {
    /// Creates the file for an entry of `day` titled `title` in `dir`, under
    /// the first free name of `YYYY-MM-DD Title.md`, `YYYY-MM-DD Title (2).md`,
    /// … . The file is created new, so nothing is ever overwritten, even a
    /// name the file system considers equal in a way not foreseen here.
    fn create(&mut self, dir: &Path, day: NaiveDate, title: &str) -> Result<(PathBuf, File)> {
        let stem = format!("{} {}", day.format("%Y-%m-%d"), safe_title(title));
        for n in 1..=MAX_NAME_SUFFIX {
            let name = if n == 1 { format!("{stem}.md") } else { format!("{stem} ({n}).md") };
            if !self.taken.insert(name.to_lowercase()) {
                continue;
            }
            let path = dir.join(&name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => return Ok((path, file)),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Err(Error::out_of_range(format!("Too many entries of {day} share the title \"{title}\" to name them all.")))
    }
}

/// A title made safe as part of a file name on every system: no path
/// separators or characters Windows, macOS, Linux or Obsidian's links reject,
/// no control or text-direction characters (which could disguise a name), no
/// dots or spaces at either end, at most [`MAX_NAME_CHARS`] characters, and
/// `Untitled` when nothing is left. The result never contains a path
/// separator, so it always names a file inside the export folder.
fn safe_title(title: &str) -> String {
    let kept: String = title
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_invisible_format(*c) && !NAME_FORBIDDEN.contains(c))
        .collect();
    let words = kept.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let mut short = String::new();
    for c in words.trim_matches(['.', ' ']).chars() {
        if short.chars().count() == MAX_NAME_CHARS || short.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        short.push(c);
    }
    let short = short.trim_end_matches(['.', ' ']);
    if short.is_empty() {
        "Untitled".to_string()
    } else {
        short.to_string()
    }
}

/// Zero-width and text-direction characters: invisible, and able to make a
/// name read differently from what it is (`txt.exe` shown as `exe.txt`).
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A string as a YAML double-quoted scalar: JSON's escaping (a subset of
/// YAML's), plus escapes for the characters YAML forbids or reads as line
/// breaks, which JSON leaves as they are. Still valid JSON.
fn yaml_string(text: &str) -> String {
    let json = serde_json::Value::String(text.to_string()).to_string();
    if !json.chars().any(needs_yaml_escape) {
        return json;
    }
    let mut escaped = String::with_capacity(json.len() + 12);
    for c in json.chars() {
        if needs_yaml_escape(c) {
            escaped.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            escaped.push(c);
        }
    }
    escaped
}

fn needs_yaml_escape(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

fn stamp(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn day_string(day: NaiveDate) -> String {
    yaml_string(&day.format("%Y-%m-%d").to_string())
}

/// A YAML value for something that may be absent: `null` when it is.
fn yaml_or_null(value: Option<String>) -> String {
    value.unwrap_or_else(|| "null".to_string())
}

fn write_front_matter(out: &mut dyn Write, entry: &Entry, structure: Option<&Structure>) -> std::io::Result<()> {
    writeln!(out, "---")?;
    writeln!(out, "id: {}", yaml_string(&entry.id.to_string()))?;
    writeln!(out, "kind: {}", yaml_string(entry.kind.as_str()))?;
    writeln!(out, "title: {}", yaml_string(&entry.title))?;
    writeln!(out, "date: {}", yaml_string(&entry.occurred_on.format("%Y-%m-%d").to_string()))?;
    writeln!(out, "created: {}", yaml_string(&stamp(&entry.created_at)))?;
    writeln!(out, "updated: {}", yaml_string(&stamp(&entry.updated_at)))?;
    if entry.tags.is_empty() {
        writeln!(out, "tags: []")?;
    } else {
        writeln!(out, "tags:")?;
        for tag in &entry.tags {
            writeln!(out, "  - {}", yaml_string(tag))?;
        }
    }
    writeln!(out, "starred: {}", entry.starred)?;
    match structure {
        None => {}
        Some(Structure::Experiment { experiment: x, grew_from_title }) => {
            let e = &x.expectation;
            writeln!(out, "hypothesis: {}", yaml_string(&e.hypothesis))?;
            writeln!(out, "planned_action: {}", yaml_string(&e.planned_action))?;
            writeln!(out, "expected_outcome: {}", yaml_string(&e.expected_outcome))?;
            writeln!(out, "success_signals: {}", yaml_string(&e.success_signals))?;
            writeln!(out, "failure_signals: {}", yaml_string(&e.failure_signals))?;
            writeln!(out, "status: {}", yaml_string(x.status.as_str()))?;
            writeln!(out, "starts_on: {}", day_string(x.starts_on))?;
            writeln!(out, "review_on: {}", day_string(x.review_on))?;
            writeln!(out, "locked_at: {}", yaml_or_null(x.locked_at.as_ref().map(|at| yaml_string(&stamp(at)))))?;
            writeln!(out, "learning: {}", yaml_string(&x.learning))?;
            writeln!(out, "next_step: {}", yaml_string(&x.next_step))?;
            writeln!(out, "grew_from: {}", yaml_or_null(x.grew_from.map(|id| yaml_string(&id.to_string()))))?;
            writeln!(out, "grew_from_title: {}", yaml_or_null(grew_from_title.as_deref().map(yaml_string)))?;
        }
        Some(Structure::Outcome { outcome, experiment_title }) => {
            writeln!(out, "experiment: {}", yaml_string(&outcome.experiment.to_string()))?;
            writeln!(out, "experiment_title: {}", yaml_or_null(experiment_title.as_deref().map(yaml_string)))?;
            writeln!(out, "surprised: {}", yaml_string(&outcome.surprised))?;
            writeln!(out, "why_different: {}", yaml_string(&outcome.why_different))?;
        }
    }
    writeln!(out, "---")
}

/// A `## heading` and its text, left out when the text is empty; a block
/// the text leaves open (a code fence) is closed so the next heading stays
/// a heading.
fn write_section(out: &mut dyn Write, heading: &str, text: &str) -> std::io::Result<()> {
    let text = text.trim_matches(['\n', '\r']).trim_end();
    if text.trim().is_empty() {
        return Ok(());
    }
    write!(out, "{heading}\n\n{text}\n\n")?;
    if let Some(closer) = closer_for(text) {
        write!(out, "{closer}\n\n")?;
    }
    Ok(())
}

/// An experiment's or outcome's file body: its structure under headings,
/// with the entry's own text in its place among them.
fn write_structured_body(out: &mut dyn Write, entry: &Entry, structure: &Structure) -> std::io::Result<()> {
    match structure {
        Structure::Experiment { experiment: x, .. } => {
            let e = &x.expectation;
            write_section(out, "## Hypothesis", &e.hypothesis)?;
            write_section(out, "## What I will do", &e.planned_action)?;
            write_section(out, "## What I expect", &e.expected_outcome)?;
            if !(e.success_signals.trim().is_empty() && e.failure_signals.trim().is_empty()) {
                write!(out, "## Signals\n\n")?;
                write_section(out, "### It worked if", &e.success_signals)?;
                write_section(out, "### It did not work if", &e.failure_signals)?;
            }
            write_section(out, "## Notes", &entry.body)?;
            write_section(out, "## What I learned", &x.learning)?;
            write_section(out, "## Next step", &x.next_step)?;
            if !x.outcomes.is_empty() {
                let lines: Vec<String> = x
                    .outcomes
                    .iter()
                    .map(|o| format!("- {} {}", o.occurred_on.format("%Y-%m-%d"), markdown_text(&one_line(&o.title))))
                    .collect();
                write_section(out, "## Outcomes", &lines.join("\n"))?;
            }
        }
        Structure::Outcome { outcome, experiment_title } => {
            if let Some(title) = experiment_title {
                write!(out, "Outcome of the experiment *{}*.\n\n", markdown_text(title))?;
            }
            write_section(out, "## What happened", &entry.body)?;
            write_section(out, "## What surprised me", &outcome.surprised)?;
            write_section(out, "## Why it was different", &outcome.why_different)?;
        }
    }
    Ok(())
}

/// Text on one line: control characters (line breaks) become spaces.
fn one_line(text: &str) -> String {
    text.split(char::is_control).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether a folder export with `filter` includes `session`: sessions are
/// not entries, so only the days and the project narrow them; a filter on
/// tags, stars or a kind other than the session kinds leaves them out.
fn session_kept(filter: &ListFilter, session: &PeerSession) -> bool {
    filter.kind.is_none_or(|kind| matches!(kind, Kind::SessionPrep | Kind::SessionNotes))
        && filter.tag.is_none()
        && filter.starred != Some(true)
        && filter.from.is_none_or(|from| session.held_on >= from)
        && filter.to.is_none_or(|to| session.held_on <= to)
        && filter.project.is_none_or(|project| session.project == Some(project))
}

/// A peer session's file: its data and commitments as front matter, then
/// the prep, notes, insights and commitments under headings.
fn write_session(out: &mut dyn Write, session: &PeerSession) -> std::io::Result<()> {
    let title = format!("Peer session: {}", one_line(&session.group_name));
    writeln!(out, "---")?;
    writeln!(out, "id: {}", yaml_string(&session.id.to_string()))?;
    writeln!(out, "kind: \"peer_session\"")?;
    writeln!(out, "title: {}", yaml_string(&title))?;
    writeln!(out, "date: {}", day_string(session.held_on))?;
    writeln!(out, "created: {}", yaml_string(&stamp(&session.created_at)))?;
    writeln!(out, "tags: []")?;
    writeln!(out, "held_on: {}", day_string(session.held_on))?;
    writeln!(out, "group: {}", yaml_string(&session.group_name))?;
    writeln!(out, "role: {}", yaml_string(session.role.as_str()))?;
    writeln!(out, "issue: {}", yaml_string(&session.issue))?;
    writeln!(out, "question: {}", yaml_string(&session.question))?;
    writeln!(out, "notes: {}", yaml_string(&session.notes))?;
    writeln!(out, "insights: {}", yaml_string(&session.insights))?;
    writeln!(out, "prep_entry: {}", yaml_or_null(session.prep_entry.map(|id| yaml_string(&id.to_string()))))?;
    writeln!(out, "notes_entry: {}", yaml_or_null(session.notes_entry.map(|id| yaml_string(&id.to_string()))))?;
    if session.commitments.is_empty() {
        writeln!(out, "commitments: []")?;
    } else {
        writeln!(out, "commitments:")?;
        for c in &session.commitments {
            writeln!(out, "  - what: {}", yaml_string(&c.what))?;
            writeln!(out, "    status: {}", yaml_string(c.status.as_str()))?;
            writeln!(out, "    due: {}", yaml_or_null(c.due_on.map(day_string)))?;
            writeln!(out, "    closed: {}", yaml_or_null(c.closed_on.map(day_string)))?;
        }
    }
    writeln!(out, "---")?;
    write!(out, "# {}\n\n", markdown_text(&title).replace('#', "\\#"))?;
    write!(out, "*{} · I was the {}*\n\n", markdown_text(&long_day(session.held_on)), session.role.as_str())?;
    write_section(out, "## My issue", &session.issue)?;
    write_section(out, "## My question", &session.question)?;
    write_section(out, "## Notes", &session.notes)?;
    write_section(out, "## Insights", &session.insights)?;
    if !session.commitments.is_empty() {
        let lines: Vec<String> = session
            .commitments
            .iter()
            .map(|c| {
                let done = if c.status == crate::model::CommitmentStatus::Open { " " } else { "x" };
                let mut line = format!("- [{done}] {}", markdown_text(&one_line(&c.what)));
                if let Some(due) = c.due_on {
                    line.push_str(&format!(" (by {})", due.format("%Y-%m-%d")));
                }
                if let Some(closed) = c.closed_on {
                    line.push_str(&format!(" — {} {}", c.status.as_str(), closed.format("%Y-%m-%d")));
                }
                line
            })
            .collect();
        write_section(out, "## Commitments", &lines.join("\n"))?;
    }
    Ok(())
}

/// A day as people write it: `1 May 2026`.
pub(crate) fn long_day(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// The line under a document's title that says which days it covers.
pub(crate) fn range_line(range: Option<(NaiveDate, NaiveDate)>) -> String {
    match range {
        None => "No entries match this selection.".to_string(),
        Some((first, last)) if first == last => long_day(first),
        Some((first, last)) => format!("{} – {}", long_day(first), long_day(last)),
    }
}

/// The title an entry is shown under: its own, on one line, or `Untitled`.
pub(crate) fn display_title(entry: &Entry) -> String {
    let title = entry.title.split(char::is_control).collect::<Vec<_>>().join(" ");
    let title = title.trim();
    if title.is_empty() {
        "Untitled".to_string()
    } else {
        title.to_string()
    }
}

/// Plain text made literal in Markdown's inline context: every character
/// that could start emphasis, a link, code, raw HTML or an entity is
/// backslash-escaped, so a title like `<img src=x>` or `*draft*` prints as
/// typed.
fn markdown_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

fn write_document_entry(out: &mut dyn Write, entry: &Entry) -> std::io::Result<()> {
    let mut meta = format!("{} · {}", entry.kind.label(), long_day(entry.occurred_on));
    if !entry.tags.is_empty() {
        let tags: Vec<String> = entry.tags.iter().map(|t| format!("#{t}")).collect();
        meta.push_str(" · ");
        meta.push_str(&tags.join(" "));
    }
    // `#` is escaped in the heading only: at its end it would close the
    // heading and vanish; in the meta line it marks tags, as in Obsidian.
    let title = markdown_text(&display_title(entry)).replace('#', "\\#");
    write!(out, "## {title}\n\n*{}*\n\n", markdown_text(&meta))?;
    let body = entry.body.trim_end();
    if !body.is_empty() {
        write!(out, "{body}\n\n")?;
        if let Some(closer) = closer_for(body) {
            write!(out, "{closer}\n\n")?;
        }
    }
    write!(out, "---\n\n")
}

/// What to write after `body` so that the blocks after it in a document are
/// read as blocks of their own: an unclosed code fence or HTML comment would
/// otherwise swallow every later entry. `None` when the body closes what it
/// opens (nearly always), or when no known closer helps.
fn closer_for(body: &str) -> Option<String> {
    if next_block_survives(body) {
        return None;
    }
    // The longest fence of each kind closes any fence of that kind opened
    // before it, whatever its length.
    let longest_fence = |mark: char| {
        body.lines()
            .map(|line| line.trim_start_matches(' ').chars().take_while(|c| *c == mark).count())
            .max()
            .filter(|run| *run >= 3)
            .map(|run| mark.to_string().repeat(run))
    };
    let fences = [longest_fence('`'), longest_fence('~')];
    let candidates = ["-->", "]]>", "?>", ">", "</pre>", "</script>", "</style>", "</textarea>"];
    fences
        .into_iter()
        .flatten()
        .chain(candidates.iter().map(|c| c.to_string()))
        .find(|closer| next_block_survives(&format!("{body}\n\n{closer}")))
}

/// Whether a heading written after `text` (and a blank line) is read as a
/// heading, rather than as part of a block `text` left open.
fn next_block_survives(text: &str) -> bool {
    let probe = format!("{text}\n\n## probe\n");
    let probe_start = text.len() + 2;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(&probe, options)
        .into_offset_iter()
        .any(|(event, range)| matches!(event, Event::Start(Tag::Heading { .. })) && range.start == probe_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_characters_never_survive_in_a_file_name() {
        assert_eq!(safe_title("../../etc/passwd"), "etcpasswd");
        assert_eq!(safe_title("a\\b:c*d?e\"f<g>h|i"), "abcdefghi");
        assert_eq!(safe_title(" ..  . "), "Untitled", "a title of dots and spaces has nothing left");
        assert_eq!(safe_title("Plan\u{202E}txt.exe"), "Plantxt.exe", "direction overrides could disguise a name");
    }

    #[test]
    fn long_titles_are_cut_to_a_size_every_file_system_accepts() {
        assert_eq!(safe_title(&"a".repeat(300)).chars().count(), MAX_NAME_CHARS);
        assert!(safe_title(&"界".repeat(300)).len() <= MAX_NAME_BYTES, "255-byte name limits count bytes");
    }

    #[test]
    fn yaml_strings_escape_what_json_leaves_raw_and_stay_json() {
        let text = "a\u{7F}b\u{85}c\u{2028}d \"q\" \\";
        let yaml = yaml_string(text);
        assert!(!yaml.chars().any(needs_yaml_escape), "{yaml}");
        assert_eq!(serde_json::from_str::<String>(&yaml).unwrap(), text, "the value must read back unchanged");
    }

    #[test]
    fn an_unclosed_code_fence_is_closed_so_later_entries_stay_visible() {
        assert_eq!(closer_for("text\n\n```rust\nfn main() {}"), Some("```".to_string()));
        assert_eq!(closer_for("````\n```\ninner"), Some("````".to_string()), "a longer fence needs a longer close");
        assert_eq!(closer_for("~~~\ntilde"), Some("~~~".to_string()));
        assert_eq!(closer_for("<!-- note"), Some("-->".to_string()));
        assert_eq!(closer_for("```\ncode\n```"), None, "a closed fence needs nothing");
        assert_eq!(closer_for("plain *text*"), None);
    }
}
