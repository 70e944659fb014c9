//! The journal the window works on, its health and who may see it. Opening
//! can fail (a damaged file, a journal from a newer Praxis, a key the
//! keychain no longer has, a passphrase to ask for) or damage can be found
//! later by the background check; the window still works and every command
//! answers plainly, an unlock or a restore puts things right without a
//! restart, and while the app lock is on no command reads the journal.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::Utc;
use praxis_core::access::{Access, AccessState, Event};
use praxis_core::applock::AppLock;
use praxis_core::interchange::source::ParsedSource;
use praxis_core::keys::{DatabaseKey, KeyStore, RecoveryKey, SystemKeychain};
use praxis_core::protection::{self, Method, Opened, Unlock};
use praxis_core::store::backup::{newest_healthy_backup, restore_over_damaged};
use praxis_core::{paths, BackupInfo, Journal};
use secrecy::SecretString;
use serde::Serialize;

use crate::commands::CommandError;

pub struct AppState {
    data_dir: Option<PathBuf>,
    /// Who may see the journal, and the journal while it is open
    /// (praxis_core::access: the same machine the CLI uses).
    access: RwLock<Access<Arc<Journal>>>,
    keychain: Box<dyn KeyStore>,
    /// The key that opened the journal: a damaged journal's backups are
    /// checked and restored with it.
    key: Mutex<Option<DatabaseKey>>,
    /// The recovery key of a new journal, until the person confirms they kept it.
    recovery_key: Mutex<Option<(RecoveryKey, Method)>>,
    /// A source read for an import the person has not confirmed yet.
    pending_import: Mutex<Option<(u64, ParsedSource)>>,
    import_tokens: AtomicU64,
    /// An encrypted Praxis export the person chose, waiting for its passphrase.
    pending_praxis_import: Mutex<Option<(u64, PathBuf)>>,
    /// A share previewed in the wizard, waiting to be sent exactly as shown.
    prepared_share: Mutex<Option<(u64, praxis_core::share::ShareDocument)>>,
    /// An encrypted share file waiting for its passphrase.
    share_file: Mutex<Option<Vec<u8>>>,
    /// Set once the background integrity check has run.
    checked: AtomicBool,
    /// Set once the window has shown its first page (`window_ready`).
    shown: (Mutex<bool>, std::sync::Condvar),
    /// Counts the commands that used the journal (see [`crate::memory`]).
    uses: AtomicU64,
}

/// What the window shows about the journal itself.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct JournalStatus {
    pub data_dir: Option<PathBuf>,
    /// The journal's file could not be opened (damaged, missing, empty or
    /// another program's), or was found damaged: a backup puts it right.
    /// Trouble around the file (a full disk, permissions, a busy journal)
    /// is not damage: it is in `problem` alone.
    pub damaged: bool,
    /// The core's code for the problem (`damaged`, `journal_missing`,
    /// `not_a_journal`, `disk_full`, …), so the window words it rightly.
    pub problem_code: Option<&'static str>,
    /// Opened read-only to protect a damaged file.
    pub read_only: bool,
    /// The newest healthy backup, to offer when damaged.
    pub newest_backup: Option<BackupInfo>,
    pub problem: Option<String>,
    /// Whether the background integrity check has run yet.
    pub checked: bool,
}

/// How the window's journal is to be opened when it starts: with the key
/// file in `PRAXIS_KEY_FILE` if one is set (as for the CLI), else with the
/// keychain.
fn startup_unlock() -> Unlock {
    use praxis_core::limits::{read_capped, Capped};
    // A key file is one line; a larger file is not one (read no further).
    let from_file = std::env::var_os("PRAXIS_KEY_FILE")
        .and_then(|f| match read_capped(std::path::Path::new(&f), 64 * 1024) {
            Ok(Capped::Bytes(bytes)) => String::from_utf8(bytes).ok(),
            _ => None,
        })
        .and_then(|text| DatabaseKey::parse_any(text.lines().next().unwrap_or("")).ok());
    match from_file {
        Some(key) => Unlock::KeyFile(key),
        None => Unlock::Keychain,
    }
}

fn no_data_dir() -> CommandError {
    praxis_core::Error::NoDataFolder.into()
}

/// Whether the window may see the journal, and if not, what it must ask for.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AccessStatus {
    /// What the window must ask for first (`unavailable`: see `JournalStatus`).
    pub state: AccessState,
    /// Set while a new journal's recovery key has not been confirmed.
    pub recovery_key: Option<String>,
    /// What keeps the key day to day (`keychain`, `passphrase` or
    /// `key_file`), so the notice says the right thing; set with `recovery_key`.
    pub protected_by: Option<Method>,
    pub app_lock: Option<AppLockStatus>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppLockStatus {
    pub idle_minutes: u32,
}

impl AppState {
    /// Opens the journal in `PRAXIS_DATA_DIR`, or the per-user data folder —
    /// the same one the `praxis` CLI uses.
    pub fn open_from_environment() -> AppState {
        let data_dir = std::env::var_os("PRAXIS_DATA_DIR").map(PathBuf::from).or_else(paths::default_data_dir);
        let state = AppState {
            data_dir,
            access: RwLock::new(Access::Unavailable(praxis_core::Error::NoDataFolder)),
            keychain: Box::new(SystemKeychain::new()),
            key: Mutex::new(None),
            recovery_key: Mutex::new(None),
            pending_import: Mutex::new(None),
            prepared_share: Mutex::new(None),
            share_file: Mutex::new(None),
            import_tokens: AtomicU64::new(1),
            pending_praxis_import: Mutex::new(None),
            checked: AtomicBool::new(false),
            shown: (Mutex::new(false), std::sync::Condvar::new()),
            uses: AtomicU64::new(0),
        };
        let _ = state.unlock(startup_unlock());
        if state.current().is_ok_and(|j| j.app_lock().ok().flatten().is_some()) {
            // The app lock guards the window from the start, too.
            state.report(Event::AppLocked);
        }
        state
    }

    /// Opens the journal with `unlock` and makes it the window's journal.
    /// A failure leaves every file as it was and is also remembered, so
    /// every command explains it.
    pub fn unlock(&self, unlock: Unlock) -> Result<(), CommandError> {
        let Some(dir) = &self.data_dir else {
            return Err(no_data_dir());
        };
        let opened = protection::open_journal(dir, &unlock, self.keychain.as_ref());
        let (event, failure) = match opened {
            Ok(Opened { journal, recovery_key, method, .. }) => {
                *self.key.lock().unwrap_or_else(|p| p.into_inner()) = Some(journal.key().clone());
                *self.recovery_key.lock().unwrap_or_else(|p| p.into_inner()) = recovery_key.map(|k| (k, method));
                (Event::Opened(Arc::new(journal)), None)
            }
            Err(error) => {
                if error.is_about_the_file() {
                    // Damaged, missing or foreign: keep the journal's key, to
                    // find and restore its backups with.
                    if let Ok(key) = protection::find_key(dir, &unlock, self.keychain.as_ref()) {
                        *self.key.lock().unwrap_or_else(|p| p.into_inner()) = Some(key);
                    }
                }
                let failure = CommandError::from(&error);
                (protection::failed_attempt(dir, error), Some(failure))
            }
        };
        self.report(event);
        failure.map_or(Ok(()), Err)
    }

    /// Moves the access machine on, and hands back what it says.
    fn report(&self, event: Event<Arc<Journal>>) -> Option<praxis_core::Error> {
        let mut slot = self.access.write().unwrap_or_else(|p| p.into_inner());
        let (next, handed_back) = std::mem::take(&mut *slot).after(event);
        *slot = next;
        handed_back
    }

    /// What the window may show, and what it must ask for first.
    pub fn access(&self) -> AccessStatus {
        let current = self.current();
        let state = self.access.read().unwrap_or_else(|p| p.into_inner()).state();
        let open = state == AccessState::Open;
        let notice = if open {
            self.recovery_key
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
                .map(|(k, m)| (k.expose().to_owned(), *m))
        } else {
            None
        };
        AccessStatus {
            state,
            protected_by: notice.as_ref().map(|(_, method)| *method),
            recovery_key: notice.map(|(key, _)| key),
            app_lock: if open {
                current
                    .ok()
                    .and_then(|j| j.app_lock().ok().flatten())
                    .map(|l| AppLockStatus { idle_minutes: l.idle_minutes })
            } else {
                None
            },
        }
    }

    /// The person confirmed they kept the recovery key: it is not shown again.
    pub fn confirm_recovery_key(&self) -> Result<(), CommandError> {
        let dir = self.data_dir.as_ref().ok_or_else(no_data_dir)?;
        protection::confirm_recovery_key(dir)?;
        *self.recovery_key.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }

    /// Engages the app lock (only if one is set up).
    pub fn lock(&self) -> Result<(), CommandError> {
        if self.journal()?.app_lock()?.is_none() {
            return Err(CommandError {
                code: "conflict",
                message: "Set a passphrase for the app lock first (Journal data → Privacy).".into(),
            });
        }
        self.report(Event::AppLocked);
        Ok(())
    }

    /// Lifts the app lock if `passphrase` is its passphrase.
    pub fn unlock_app(&self, passphrase: &SecretString) -> Result<(), CommandError> {
        let journal = self.current()?;
        match journal.app_lock()? {
            Some(lock) if !lock.accepts(passphrase) => Err(praxis_core::Error::WrongPassphrase.into()),
            _ => {
                self.report(Event::AppUnlocked);
                Ok(())
            }
        }
    }

    /// Sets, changes or (with no passphrase and `enabled` false) removes the app lock.
    pub fn set_app_lock(
        &self,
        passphrase: Option<SecretString>,
        idle_minutes: u32,
        enabled: bool,
    ) -> Result<(), CommandError> {
        let journal = self.journal()?;
        let lock = match (enabled, passphrase, journal.app_lock()?) {
            (false, _, _) => None,
            (true, Some(passphrase), _) => Some(AppLock::new(&passphrase, idle_minutes)?),
            (true, None, Some(existing)) => Some(existing.with_idle_minutes(idle_minutes)?),
            (true, None, None) => {
                return Err(CommandError {
                    code: "invalid_input",
                    message: "Choose a passphrase for the app lock.".into(),
                })
            }
        };
        Ok(journal.set_app_lock(lock.as_ref())?)
    }

    /// Keeps a read source until it is confirmed or cancelled (one at a time).
    pub fn hold_import(&self, parsed: ParsedSource) -> u64 {
        let token = self.import_tokens.fetch_add(1, Ordering::Relaxed);
        *self.pending_import.lock().unwrap_or_else(|p| p.into_inner()) = Some((token, parsed));
        token
    }

    /// Keeps the path of an encrypted Praxis export until its passphrase
    /// comes (one at a time; the page only ever sees the token).
    pub fn hold_praxis_import(&self, path: PathBuf) -> u64 {
        let token = self.import_tokens.fetch_add(1, Ordering::Relaxed);
        *self.pending_praxis_import.lock().unwrap_or_else(|p| p.into_inner()) = Some((token, path));
        token
    }

    /// The encrypted export waiting under `token`, if it is still the one waiting.
    pub fn praxis_import(&self, token: u64) -> Option<PathBuf> {
        match &*self.pending_praxis_import.lock().unwrap_or_else(|p| p.into_inner()) {
            Some((held, path)) if *held == token => Some(path.clone()),
            _ => None,
        }
    }

    pub fn forget_praxis_import(&self, token: u64) {
        let mut slot = self.pending_praxis_import.lock().unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_some_and(|(held, _)| *held == token) {
            *slot = None;
        }
    }

    /// Keeps a previewed share until it is sent (one at a time).
    pub fn hold_share(&self, document: praxis_core::share::ShareDocument) -> u64 {
        let token = self.import_tokens.fetch_add(1, Ordering::Relaxed);
        *self.prepared_share.lock().unwrap_or_else(|p| p.into_inner()) = Some((token, document));
        token
    }

    /// The share previewed under `token`, if it is still the one waiting.
    pub fn prepared_share(&self, token: u64) -> Option<praxis_core::share::ShareDocument> {
        match &*self.prepared_share.lock().unwrap_or_else(|p| p.into_inner()) {
            Some((held, document)) if *held == token => Some(document.clone()),
            _ => None,
        }
    }

    pub fn forget_share(&self, token: u64) {
        let mut slot = self.prepared_share.lock().unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_some_and(|(held, _)| *held == token) {
            *slot = None;
        }
    }

    pub fn hold_share_file(&self, bytes: Vec<u8>) {
        *self.share_file.lock().unwrap_or_else(|p| p.into_inner()) = Some(bytes);
    }

    pub fn held_share_file(&self) -> Option<Vec<u8>> {
        self.share_file.lock().unwrap_or_else(|p| p.into_inner()).clone()
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

    /// The journal, for commands that show or change what is in it: refused
    /// while the app lock is engaged.
    pub fn journal(&self) -> Result<Arc<Journal>, CommandError> {
        let journal = self.journal_in_background()?;
        self.uses.fetch_add(1, Ordering::Relaxed);
        Ok(journal)
    }

    /// The journal for background work (reminders): refused while the app
    /// lock is engaged, like [`Self::journal`], but not counted as a use, so
    /// it does not keep [`crate::memory`] from seeing the window left alone.
    pub fn journal_in_background(&self) -> Result<Arc<Journal>, CommandError> {
        match &*self.access.read().unwrap_or_else(|p| p.into_inner()) {
            Access::AppLocked(_) => Err(praxis_core::Error::Locked.into()),
            _ => self.current(),
        }
    }

    /// How many times the window has used the journal so far.
    pub fn uses(&self) -> u64 {
        self.uses.load(Ordering::Relaxed)
    }

    /// The journal whatever the app lock says: for the lock itself and
    /// background work that shows nothing.
    pub fn current(&self) -> Result<Arc<Journal>, CommandError> {
        use praxis_core::Error;
        match &*self.access.read().unwrap_or_else(|p| p.into_inner()) {
            Access::Open(journal) | Access::AppLocked(journal) => Ok(journal.clone()),
            Access::ChoosePassphrase | Access::Passphrase => Err(Error::PassphraseNeeded.into()),
            Access::RecoveryKey(error) | Access::Unavailable(error) => Err(error.into()),
        }
    }

    fn key(&self) -> Option<DatabaseKey> {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Where the journal's database file is (or will be).
    pub fn database_path(&self) -> Option<PathBuf> {
        self.data_dir.as_deref().map(paths::database_path)
    }

    /// The window has shown its first page: work that waits for it may start.
    pub fn window_shown(&self) {
        let (shown, changed) = &self.shown;
        *shown.lock().unwrap_or_else(|p| p.into_inner()) = true;
        changed.notify_all();
    }

    /// Waits until the window has shown its first page, or `at_most`.
    pub fn wait_until_shown(&self, at_most: std::time::Duration) {
        let (shown, changed) = &self.shown;
        let guard = shown.lock().unwrap_or_else(|p| p.into_inner());
        let _ = changed.wait_timeout_while(guard, at_most, |shown| !*shown);
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
        let Ok(journal) = self.current() else {
            return false;
        };
        if journal.quick_check().unwrap_or(false) {
            return true;
        }
        let read_only = protection::open_read_only(journal.path(), journal.key()).map(Arc::new);
        self.report(Event::FoundDamaged(read_only));
        false
    }

    pub fn status(&self) -> JournalStatus {
        let current = self.journal();
        let read_only = current.as_ref().is_ok_and(|j| j.is_read_only());
        // Asking for a key or a passphrase is not damage, and neither is a
        // full disk or a busy journal.
        let about_the_file = matches!(
            &*self.access.read().unwrap_or_else(|p| p.into_inner()),
            Access::Unavailable(error) if error.is_about_the_file()
        );
        let damaged = read_only || about_the_file;
        let key = self.key();
        JournalStatus {
            data_dir: self.data_dir.clone(),
            damaged,
            read_only,
            newest_backup: match (damaged, &key) {
                (true, Some(key)) => self.database_path().and_then(|db| newest_healthy_backup(&db, key)),
                _ => None,
            },
            problem_code: if read_only { Some("damaged") } else { current.as_ref().err().map(|e| e.code) },
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
                match journal.restore_backup(id, Utc::now()) {
                    // Found damaged while backing it up first: moved aside below.
                    Err(praxis_core::Error::Damaged { .. }) => {}
                    other => return Ok(other?),
                }
            }
        }
        drop(current);
        let key = self.key().ok_or(praxis_core::Error::KeyMissing)?;
        let database = self.database_path().ok_or(praxis_core::Error::NoDataFolder)?;
        self.report(Event::Closed(praxis_core::Error::Restoring));
        let data_dir = database.parent().map(PathBuf::from).unwrap_or_default();
        let restored = restore_over_damaged(&data_dir, id, &key, Utc::now());
        let reopened = self.unlock(Unlock::KeyFile(key));
        restored?;
        reopened?;
        let journal = self.current()?;
        let info = journal.list_backups()?.into_iter().find(|b| b.id == id);
        info.ok_or_else(|| CommandError { code: "not_found", message: format!("The backup {id} is gone.") })
    }
}
