//! The journal the window works on, and its health. Opening can fail (a
//! damaged file, a journal from a newer Praxis) or damage can be found later
//! by the background check; the window still works and every command answers
//! plainly, and a restore from a backup puts things right without a restart.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::Utc;
use praxis_core::interchange::source::ParsedSource;
use praxis_core::store::backup::{newest_healthy_backup, restore_over_damaged};
use praxis_core::{paths, BackupInfo, Journal};
use serde::Serialize;

use crate::commands::CommandError;

pub struct AppState {
    data_dir: Option<PathBuf>,
    journal: RwLock<Result<Arc<Journal>, CommandError>>,
    /// A source read for an import the person has not confirmed yet.
    pending_import: Mutex<Option<(u64, ParsedSource)>>,
    import_tokens: AtomicU64,
    /// Set once the background integrity check has run.
    checked: AtomicBool,
}

/// What the window shows about the journal itself.
#[derive(Debug, Clone, Serialize)]
pub struct JournalStatus {
    pub data_dir: Option<PathBuf>,
    /// The journal could not be opened, or was found damaged.
    pub damaged: bool,
    /// Opened read-only to protect a damaged file.
    pub read_only: bool,
    /// The newest healthy backup, to offer when damaged.
    pub newest_backup: Option<BackupInfo>,
    pub problem: Option<String>,
    /// Whether the background integrity check has run yet.
    pub checked: bool,
}

fn open(dir: &Option<PathBuf>) -> Result<Arc<Journal>, CommandError> {
    match dir {
        Some(dir) => Journal::open_in(dir).map(Arc::new).map_err(CommandError::from),
        None => Err(CommandError {
            code: "no_data_dir",
            message: "Praxis could not find your data folder. Set PRAXIS_DATA_DIR to a folder and start it again."
                .into(),
        }),
    }
}

impl AppState {
    /// Opens the journal in `PRAXIS_DATA_DIR`, or the per-user data folder —
    /// the same one the `praxis` CLI uses.
    pub fn open_from_environment() -> AppState {
        let data_dir = std::env::var_os("PRAXIS_DATA_DIR").map(PathBuf::from).or_else(paths::default_data_dir);
        let journal = RwLock::new(open(&data_dir));
        AppState {
            data_dir,
            journal,
            pending_import: Mutex::new(None),
            import_tokens: AtomicU64::new(1),
            checked: AtomicBool::new(false),
        }
    }

    /// Keeps a read source until it is confirmed or cancelled (one at a time).
    pub fn hold_import(&self, parsed: ParsedSource) -> u64 {
        let token = self.import_tokens.fetch_add(1, Ordering::Relaxed);
        *self.pending_import.lock().unwrap_or_else(|p| p.into_inner()) = Some((token, parsed));
        token
    }

    /// The source held under `token`, if it is still the one waiting.
    pub fn take_import(&self, token: u64) -> Option<ParsedSource> {
        let mut pending = self.pending_import.lock().unwrap_or_else(|p| p.into_inner());
        match pending.take() {
            Some((held, parsed)) if held == token => Some(parsed),
            other => {
                *pending = other;
                None
            }
        }
    }

    pub fn journal(&self) -> Result<Arc<Journal>, CommandError> {
        self.journal.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn database(&self) -> Option<PathBuf> {
        self.data_dir.as_deref().map(paths::database_path)
    }

    /// Runs the quick integrity check; a damaged journal is swapped for a
    /// read-only one, so nothing can make the damage worse. Returns whether
    /// the journal is healthy.
    pub fn check_health(&self) -> bool {
        let healthy = self.swap_if_damaged();
        self.checked.store(true, Ordering::Release);
        healthy
    }

    fn swap_if_damaged(&self) -> bool {
        let Ok(journal) = self.journal() else {
            return false;
        };
        if journal.quick_check().unwrap_or(false) {
            return true;
        }
        let read_only = Journal::open_read_only(journal.path()).map(Arc::new).map_err(CommandError::from);
        *self.journal.write().unwrap_or_else(|p| p.into_inner()) = read_only;
        false
    }

    pub fn status(&self) -> JournalStatus {
        let current = self.journal();
        let read_only = current.as_ref().is_ok_and(|j| j.is_read_only());
        let damaged = read_only || current.is_err();
        JournalStatus {
            data_dir: self.data_dir.clone(),
            damaged,
            read_only,
            newest_backup: if damaged { self.database().and_then(|db| newest_healthy_backup(&db)) } else { None },
            problem: current.err().map(|e| e.message),
            checked: self.checked.load(Ordering::Acquire),
        }
    }

    /// Restores a backup. A healthy journal restores in place (backing up
    /// what it replaces); a damaged or unopenable one is moved aside, never
    /// written over, and the backup put in its place.
    pub fn restore_backup(&self, id: &str) -> Result<BackupInfo, CommandError> {
        let current = self.journal();
        if let Ok(journal) = &current {
            if !journal.is_read_only() {
                return Ok(journal.restore_backup(id, Utc::now())?);
            }
        }
        let database = self.database().ok_or_else(|| CommandError {
            code: "no_data_dir",
            message: "Praxis could not find your data folder, so there is nothing to restore into.".into(),
        })?;
        let mut slot = self.journal.write().unwrap_or_else(|p| p.into_inner());
        *slot = Err(CommandError { code: "busy", message: "Praxis is restoring a backup.".into() });
        let restored = restore_over_damaged(&database, id, Utc::now());
        *slot = open(&self.data_dir);
        restored?;
        let journal = slot.clone()?;
        let info = journal.list_backups()?.into_iter().find(|b| b.id == id);
        info.ok_or_else(|| CommandError { code: "invalid_input", message: format!("The backup {id} is gone.") })
    }
}
