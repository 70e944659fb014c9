//! Runs one parsed command against the journal.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use chrono::{DateTime, FixedOffset, Local, Utc};
use praxis_core::interchange::source::UndatedNotes;
use praxis_core::interchange::{export_to_path, read_source, ExportFormat, ImportFormat};
use praxis_core::sample::SampleJournal;
use praxis_core::{markdown, paths, BackupReason, EntryDraft, EntryId, Journal, ListFilter, SearchOrder};

use crate::args::{
    BackupAction, BodySource, Cli, Command, ExportFormatArg, FilterArgs, ImportFormatArg, KeyAction, NarrowArgs,
};
use crate::{editor, print, sharing, unlock};

fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

fn data_dir(cli: &Cli) -> Result<PathBuf> {
    match &cli.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => paths::default_data_dir()
            .ok_or_else(|| anyhow!("Could not find your data folder. Give one with --data-dir DIR.")),
    }
}

/// Reads an entry's text from a file or standard input (`-`), refusing
/// more than an entry may hold before reading it all.
fn read_text(path: &Path) -> Result<String> {
    use praxis_core::journal::MAX_BODY_BYTES;
    use praxis_core::limits::{read_capped, Capped};
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

impl NarrowArgs {
    fn to_filter(&self) -> ListFilter {
        ListFilter {
            kind: self.kind,
            tag: self.tag.clone(),
            from: self.from,
            to: self.to,
            starred: self.starred.then_some(true),
            ..Default::default()
        }
    }
}

impl FilterArgs {
    fn to_filter(&self) -> ListFilter {
        ListFilter { limit: Some(self.limit), offset: Some(self.offset), ..self.narrow.to_filter() }
    }
}

pub fn run(cli: Cli) -> Result<()> {
    if let Command::Render { file } = &cli.command {
        // Rendering needs no journal.
        print!("{}", markdown::render_html(&read_text(file)?));
        return Ok(());
    }
    let dir = data_dir(&cli)?;
    let keychain = unlock::keychain();
    if let Command::StartNewJournal { yes } = &cli.command {
        return start_new_journal(&dir, *yes, cli.json);
    }
    let opened = match (unlock::open(&dir, &cli, &keychain), &cli.command) {
        (Err(err), Command::Backup { action: BackupAction::Restore { id } })
            if err.downcast_ref::<unlock::Advised>().is_some_and(|a| a.error.is_about_the_file()) =>
        {
            // The journal cannot be opened: put the backup in its place and
            // keep what was there aside, never writing over it.
            let key = praxis_core::protection::find_key(&dir, &unlock::requested_unlock(&cli)?, &keychain)?;
            let aside = praxis_core::store::backup::restore_over_damaged(&dir, id, &key, Utc::now())?;
            let message = match aside {
                Some(aside) => {
                    format!("Restored {id}. What was in the journal's place was moved to {}.", aside.display())
                }
                None => format!("Restored {id}."),
            };
            return print::done(&mut io::stdout().lock(), cli.json, &message);
        }
        (Err(err), Command::Salvage)
            if err.downcast_ref::<unlock::Advised>().is_some_and(|a| a.error.is_about_the_file()) =>
        {
            let key = praxis_core::protection::find_key(&dir, &unlock::requested_unlock(&cli)?, &keychain)?;
            return salvage(&paths::database_path(&dir), &key, cli.json);
        }
        (Err(err), Command::Backup { action: BackupAction::List })
            if err.downcast_ref::<unlock::Advised>().is_some_and(|a| a.error.is_about_the_file()) =>
        {
            // The backups are what a person needs to see now.
            eprintln!("praxis: {err}");
            let key = praxis_core::protection::find_key(&dir, &unlock::requested_unlock(&cli)?, &keychain)?;
            let backups = praxis_core::store::backup::backups_beside(&paths::database_path(&dir), &key);
            return print::backups(&mut io::stdout().lock(), &backups, cli.json);
        }
        (opened, _) => opened?,
    };
    if let Command::Key { action: action @ (KeyAction::RecoveryShow { .. } | KeyAction::Rotate { .. }) } = &cli.command
    {
        return run_key(&cli, &dir, opened, action, &keychain);
    }
    let advice_unlock = unlock::requested_unlock(&cli)?;
    let journal: Journal = opened.journal;
    let json = cli.json;
    let out = &mut io::stdout().lock();
    match cli.command {
        Command::Add { kind, title, body, tags, occurred_on, star } => {
            let draft =
                EntryDraft { kind, title, body: body.read()?.unwrap_or_default(), tags, occurred_on, starred: star };
            let entry = journal.create_entry(EntryId::random(), &draft, now())?;
            if json {
                print::json(out, &serde_json::json!({ "id": entry.id }))?;
            } else {
                writeln!(out, "{}", entry.id)?;
            }
        }
        Command::List { filter } => {
            let entries = journal.list_entries(&filter.to_filter())?;
            print::summaries(out, &entries, json)?;
        }
        Command::Show { id } => {
            let entry = journal.get_entry(journal.resolve_id(&id)?)?;
            print::entry(out, &entry, json)?;
        }
        Command::Edit { id } => {
            let entry = journal.get_entry(journal.resolve_id(&id)?)?;
            match editor::edit(&entry)? {
                Some(draft) => {
                    let saved = journal.update_entry(entry.id, &draft, now())?;
                    print::saved(out, &saved, json)?;
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
            print::saved(out, &saved, json)?;
        }
        Command::Delete { id } => {
            let id = journal.resolve_id(&id)?;
            journal.delete_entry(id, now())?;
            print::done(out, json, &format!("Moved {id} to the trash. `praxis restore {id}` brings it back."))?;
        }
        Command::Restore { id } => {
            let entry = journal.restore_entry(journal.resolve_id(&id)?)?;
            print::saved(out, &entry, json)?;
        }
        Command::Trash { empty } => {
            if empty {
                let purged = journal.empty_trash()?;
                print::done(out, json, &format!("Deleted {purged} entries from the trash for good."))?;
            } else {
                print::summaries(out, &journal.list_trash()?, json)?;
            }
        }
        Command::Purge { id } => {
            let id = journal.resolve_id(&id)?;
            journal.purge_entry(id)?;
            print::done(out, json, &format!("Deleted {id} for good."))?;
        }
        Command::History { id } => {
            let history = journal.history(journal.resolve_id(&id)?)?;
            print::history(out, &history, json)?;
        }
        Command::Revert { id, revision } => {
            let entry = journal.revert_entry(journal.resolve_id(&id)?, revision, now())?;
            print::saved(out, &entry, json)?;
        }
        Command::Search { query, filter, rank } => {
            let order = if rank { SearchOrder::Relevance } else { SearchOrder::Newest };
            let hits = journal.search(&query, &filter.to_filter(), order)?;
            print::hits(out, &hits, json)?;
            if let Some(note) = praxis_core::journal::parse_search(&query).note() {
                eprintln!("{note}");
            }
        }
        Command::Salvage => salvage(journal.path(), journal.key(), json)?,
        Command::Render { .. } | Command::StartNewJournal { .. } => {
            unreachable!("handled before opening the journal")
        }
        Command::Key { action: KeyAction::Show } => {
            let identity = journal.sharing_identity()?;
            let key = identity.public_key();
            let fingerprint = praxis_core::share::seal::fingerprint(&key);
            if json {
                print::json(
                    out,
                    &serde_json::json!({ "public_key": key, "fingerprint": fingerprint, "name": journal.sharing_name()? }),
                )?;
            } else {
                writeln!(out, "Your sharing key (give it to your coach): {key}")?;
                writeln!(out, "Fingerprint, to read aloud: {fingerprint}")?;
            }
        }
        Command::Key { action: KeyAction::Name { name } } => {
            journal.set_sharing_name(&name)?;
            print::done(out, json, &format!("Your shares are now signed \"{}\".", name.trim()))?;
        }
        Command::Key { .. } => unreachable!("handled right after opening the journal"),
        Command::Coach { action } => sharing::coach(&journal, action, json, now())?,
        Command::Project { action } => crate::action::project(&journal, action, json, now(), out)?,
        Command::Experiment { action } => crate::action::experiment(&journal, action, json, now(), out)?,
        Command::Session { action } => crate::action::session(&journal, action, json, now(), out)?,
        Command::Commitment { action } => crate::action::commitment(&journal, action, json, now(), out)?,
        Command::Today { day } => crate::action::today(&journal, day.unwrap_or(now().date_naive()), json, out)?,
        Command::Week { day } => crate::action::week(&journal, day.unwrap_or(now().date_naive()), json, out)?,
        Command::Share(args) => sharing::share(&journal, args, json, now())?,
        Command::Open { file, identity_file, passphrase_file } => {
            sharing::open(&journal, &file, identity_file.as_deref(), passphrase_file.as_deref(), json, now())?
        }
        Command::Inbox { query, full } => sharing::inbox(&journal, query.as_deref(), full, json)?,
        Command::ShareLog { query } => sharing::share_log(&journal, query.as_deref(), json)?,
        Command::Feedback { action } => sharing::feedback(&journal, action, json, now())?,
        Command::Export { format: ExportFormatArg::Jsonl, file, passphrase_file, encrypt_to, .. } => {
            crate::exchange::export(&journal, &file, passphrase_file.as_deref(), &encrypt_to, json, out)?
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
            } else {
                let summary = export_to_path(&journal, format, &filter, &file)?;
                print::done(out, json, &format!("Exported {} entries to {}.", summary.entries, file.display()))?;
            }
        }
        Command::Import { format: ImportFormatArg::Jsonl, file, dry_run, passphrase_file, identity_file, .. } => {
            if dry_run {
                return Err(anyhow!(
                    "--dry-run is for dayone, jrnl and markdown sources; a jsonl import is all or nothing already."
                ));
            }
            crate::exchange::import(&journal, &file, passphrase_file.as_deref(), identity_file.as_deref(), json, out)?
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
                crate::args::UndatedArg::Modified => UndatedNotes::Modified,
                crate::args::UndatedArg::Skip => UndatedNotes::Skip,
            };
            let parsed = read_source(format, &file, *now().offset())?.with_undated(undated);
            let preview = if dry_run { journal.preview_import(&parsed)? } else { journal.import_source(&parsed)? };
            print::import_preview(out, &preview, dry_run, json)?;
        }
        Command::Check { repair_index } => {
            if repair_index {
                journal.rebuild_index()?;
            }
            let report = journal.check()?;
            print::check(out, &report, json)?;
            if !report.is_healthy() {
                return Err(anyhow!(
                    "The journal has problems (listed above). Your entries were not changed.{}",
                    unlock::backup_advice(&dir, &advice_unlock, &keychain)
                ));
            }
        }
        Command::Backup { action } => match action {
            BackupAction::Now => {
                let backup = journal.backup_now(BackupReason::Manual, Utc::now())?;
                print::backups(out, std::slice::from_ref(&backup), json)?;
            }
            BackupAction::List => print::backups(out, &journal.list_backups()?, json)?,
            BackupAction::Restore { id } => {
                // A journal opened read-only is damaged; one that opened may be
                // found damaged while it is backed up first.
                let in_place = match journal.is_read_only() {
                    true => Err(praxis_core::Error::Damaged { path: journal.path().to_path_buf() }),
                    false => journal.restore_backup(&id, Utc::now()),
                };
                let backup = match in_place {
                    Err(praxis_core::Error::Damaged { .. }) => {
                        // Moved aside, never written over.
                        let key = journal.key().clone();
                        drop(journal);
                        let aside = praxis_core::store::backup::restore_over_damaged(&dir, &id, &key, Utc::now())?;
                        let aside = aside.map(|a| format!(" The damaged journal was moved to {}.", a.display()));
                        return print::done(out, json, &format!("Restored {id}.{}", aside.unwrap_or_default()));
                    }
                    other => other?,
                };
                print::done(
                    out,
                    json,
                    &format!("Restored {}. What was there before is in a \"before-restore\" backup.", backup.id),
                )?;
            }
        },
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

fn run_key(
    cli: &Cli,
    dir: &Path,
    opened: praxis_core::protection::Opened,
    action: &KeyAction,
    keychain: &dyn praxis_core::keys::KeyStore,
) -> Result<()> {
    use praxis_core::protection::{self, Method, NewKey};
    use secrecy::ExposeSecret;
    use std::io::IsTerminal;

    let out = &mut io::stdout().lock();
    match action {
        KeyAction::RecoveryShow { yes } => {
            if !yes {
                if !io::stdin().is_terminal() {
                    return Err(anyhow!(
                        "Anyone who sees the recovery key can open your journal. Add --yes to show it from a script."
                    ));
                }
                eprint!("Anyone who sees the recovery key can open your journal. Show it now? Type yes: ");
                let mut answer = String::new();
                io::stdin().read_line(&mut answer)?;
                if answer.trim() != "yes" {
                    return Err(anyhow!("Not shown."));
                }
            }
            let recovery = opened.journal.recovery_key();
            if cli.json {
                print::json(out, &serde_json::json!({ "recovery_key": recovery.expose() }))?;
            } else {
                writeln!(out, "{}", recovery.expose())?;
            }
        }
        KeyAction::Rotate { new_passphrase_file } => {
            let new_key = match (opened.method, new_passphrase_file) {
                (_, Some(file)) => NewKey::Passphrase(unlock::read_secret_file(file)?),
                (Method::Passphrase, None) => {
                    let first = rpassword::prompt_password("New passphrase: ")?;
                    if rpassword::prompt_password("The same passphrase again: ")? != first {
                        return Err(anyhow!("The two passphrases differ. The key was not changed."));
                    }
                    NewKey::Passphrase(secrecy::SecretString::from(first))
                }
                (_, None) => NewKey::Random,
            };
            let rotated = protection::rotate_key(dir, opened.journal, new_key, keychain)?;
            if let (Some(file), Method::KeyFile) = (&cli.key_file, rotated.method) {
                // Until the new recovery key is confirmed below, the old key
                // file still opens the journal (and the next open would put
                // the new key here): the new key is never only in memory.
                write_private(file, rotated.journal.key().to_hex().expose_secret())?;
            }
            let recovery = rotated.recovery_key.as_ref().map(|r| r.expose().to_owned()).unwrap_or_default();
            if cli.json {
                print::json(out, &serde_json::json!({ "recovery_key": recovery }))?;
            } else {
                writeln!(out, "The journal and its backups are encrypted with a new key. Your old recovery key no longer opens them.")?;
                writeln!(out, "Your new recovery key (write it down):\n\n    {recovery}\n")?;
            }
            out.flush()?;
            protection::confirm_recovery_key(dir)?;
        }
        KeyAction::Show | KeyAction::Name { .. } => unreachable!("run with the other commands"),
    }
    Ok(())
}

/// Writes a secret to a file only its owner can read: into a hidden
/// sibling first, synced, then renamed over `path`, so the file holds the
/// old secret or the new one, never part of either.
pub fn write_private(path: &Path, text: &str) -> Result<()> {
    let name = path.file_name().ok_or_else(|| anyhow!("{} is not a file name.", path.display()))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&partial).with_context(|| format!("Could not write {}", partial.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&partial, path).with_context(|| format!("Could not replace {}", path.display()))?;
    if let Some(dir) =
        path.parent().and_then(|d| File::open(if d.as_os_str().is_empty() { Path::new(".") } else { d }).ok())
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// `praxis salvage`: what can be read, into a new journal kept as a backup.
fn salvage(database: &Path, key: &praxis_core::keys::DatabaseKey, json: bool) -> Result<()> {
    let report = praxis_core::store::salvage::salvage(database, key, Utc::now())?;
    if json {
        return print::json(&mut io::stdout().lock(), &report);
    }
    let id = &report.backup.id;
    let mut message = format!("Saved {} entries into the backup {id}.", report.entries);
    if !report.damaged_tables.is_empty() {
        message.push_str(&format!(
            " Parts of {} could not be read; what was on them is not in it.",
            report.damaged_tables.join(", ")
        ));
    }
    if report.orphans_dropped > 0 {
        message.push_str(&format!(" {} rows that pointed at lost rows were left out.", report.orphans_dropped));
    }
    message.push_str(&format!(
        " `praxis backup restore {id}` puts it in place of the journal and keeps the damaged one aside."
    ));
    print::done(&mut io::stdout().lock(), false, &message)
}

/// `praxis start-new-journal --yes`: the explicit choice to start over in a
/// folder that held a journal. Nothing is deleted.
fn start_new_journal(dir: &Path, yes: bool, json: bool) -> Result<()> {
    if !yes {
        return Err(anyhow!(
            "This sets everything of the journal in {} aside (its file, key record and backups, moved into a \
             previous-<time> folder, not deleted) so that a new, empty journal starts there. Add --yes to do it.",
            dir.display()
        ));
    }
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let aside = praxis_core::protection::set_earlier_journal_aside(dir, &stamp)?;
    let message = format!(
        "The earlier journal is in {}. The next command starts a new journal in {}.",
        aside.display(),
        dir.display()
    );
    print::done(&mut io::stdout().lock(), json, &message)
}
