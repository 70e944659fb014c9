//! The one error type of the core. Each variant is something a caller can act
//! on; its `Display` text is a sentence a non-engineer understands and, where
//! there is one, says what to do next. `code()` is the stable identifier the
//! UI branches on.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("No entry with the id {0} exists.")]
    EntryNotFound(String),

    #[error("The id \"{0}\" matches more than one entry. Type more of it.")]
    AmbiguousId(String),

    #[error("Entry {entry} has no version {revision}.")]
    RevisionNotFound { entry: String, revision: i64 },

    #[error("Entry {0} is in the trash. Restore it first to change it.")]
    EntryInTrash(String),

    #[error("Entry {0} is not in the trash, so there is nothing to restore or purge.")]
    EntryNotInTrash(String),

    /// Input that is malformed: unparsable, empty where something is
    /// required, or of the wrong shape.
    #[error("{0}")]
    InvalidInput(String),

    /// A named thing (a backup, a coach, a share…) that does not exist.
    #[error("{0}")]
    NotFound(String),

    /// A day after today, a size or count over a limit, a number outside its
    /// range.
    #[error("{0}")]
    OutOfRange(String),

    /// Something already exists or is already in that state, a change the
    /// current state does not allow, or two things that contradict.
    #[error("{0}")]
    Conflict(String),

    /// A format, version, kind or feature this version of Praxis does not
    /// handle.
    #[error("{0}")]
    Unsupported(String),

    #[error(
        "What you expected was locked when the experiment started{}, so it cannot be changed: hindsight must not rewrite it. \
         Write what you have learnt since in an outcome, or in the experiment's learning. Nothing was changed.",
        locked_at.as_deref().map(|at| format!(" ({at})")).unwrap_or_default()
    )]
    ExpectationLocked { locked_at: Option<String> },

    #[error("{0}")]
    StatusChange(String),

    #[error("Entry {0} is not an experiment.")]
    NotAnExperiment(String),

    #[error("No project with the id {0} exists.")]
    ProjectNotFound(String),

    #[error("No peer session with the id {0} exists.")]
    SessionNotFound(String),

    #[error("No commitment with the id {0} exists.")]
    CommitmentNotFound(String),

    #[error(
        "This journal was written by a newer version of Praxis (format {found}; this version reads up to {supported}). \
         Update Praxis to open it. The file was not changed."
    )]
    DatabaseTooNew { found: i64, supported: i64 },

    #[error(
        "The file {path} is not a Praxis journal: it is another program's database or not a database at all. \
         Nothing was changed."
    )]
    NotAJournal { path: PathBuf },

    #[error(
        "The journal {path} is damaged: the right key opens it, but part of the file cannot be read. \
         Nothing was changed. Restore your newest backup; the damaged file is kept aside, never written over."
    )]
    Damaged { path: PathBuf },

    #[error(
        "The journal file {path} is {what}, but this folder held a journal ({evidence}). \
         Nothing was changed, and no new journal was made in its place. Restore your newest backup, \
         or put the journal file back."
    )]
    JournalMissing { path: PathBuf, what: &'static str, evidence: String },

    #[error(
        "The journal is damaged, so Praxis opened it read-only to protect what is in it. \
         Restore your newest backup."
    )]
    ReadOnly,

    #[error("The disk is full. Free some space and try again; nothing already saved was lost, and the journal is not damaged.")]
    DiskFull,

    #[error("The journal is busy in another program. Close the other Praxis window or command and try again. Nothing was changed.")]
    Busy,

    #[error("Praxis is restoring a backup. Try again in a moment.")]
    Restoring,

    #[error("Praxis could not find your data folder. Set PRAXIS_DATA_DIR to a folder and start it again.")]
    NoDataFolder,

    #[error(
        "This key does not open the journal. Nothing was changed. \
         Enter your recovery key (the 55 letters and digits you wrote down when Praxis was set up)."
    )]
    WrongKey,

    #[error("That passphrase does not open the journal. Nothing was changed. Check it and try again, or use your recovery key.")]
    WrongPassphrase,

    #[error(
        "Praxis has no key for this journal on this computer (the keychain has none for it). \
         Nothing was changed. Enter your recovery key to open it."
    )]
    KeyMissing,

    #[error(
        "No keychain is available on this computer, so Praxis needs a passphrase for this journal. \
         Choose one (at least 8 characters) or, for a journal you already have, type its passphrase."
    )]
    PassphraseNeeded,

    #[error("That is not a valid recovery key: a letter is wrong or missing. A recovery key has 55 letters and digits (2–7) in groups of five.")]
    InvalidRecoveryKey,

    #[error("Praxis is locked. Unlock it with your passphrase.")]
    Locked,

    #[error("This share could not be opened: {0}")]
    ShareInvalid(String),

    #[error("This share is protected by a passphrase. Ask the sender for it and type it in.")]
    ShareNeedsPassphrase,

    #[error(
        "This share was not encrypted to your sharing key (or it is encrypted to a key, not a passphrase). \
         Nothing was stored. Check that the sender used your current sharing key."
    )]
    ShareNotForYou,

    #[error("That passphrase does not open this share. Nothing was stored. Check it with the sender.")]
    ShareWrongPassphrase,

    #[error("{location} could not be imported: {message}. Nothing was imported.")]
    ImportSource { location: String, message: String },

    #[error("Line {line} of the import file is not valid: {message}. Nothing was imported.")]
    ImportLine { line: usize, message: String },

    /// Reading or writing a file failed for a reason of the system's
    /// (permissions, a device error), never because of what is in it. The
    /// cause is part of the sentence, not a second error in a chain, so it
    /// is said once.
    #[error("Praxis could not use {path}: {cause}. Nothing in the journal was changed by this.")]
    Io { path: PathBuf, cause: std::io::Error },

    #[error("The journal database reported a problem: {0}")]
    Database(rusqlite::Error),
}

impl Error {
    /// The stable machine-readable code for this error, sent to the UI as
    /// `{code, message}`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EntryNotFound(_) => "entry_not_found",
            Error::AmbiguousId(_) => "ambiguous_id",
            Error::RevisionNotFound { .. } => "revision_not_found",
            Error::EntryInTrash(_) => "entry_in_trash",
            Error::EntryNotInTrash(_) => "entry_not_in_trash",
            Error::InvalidInput(_) => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::OutOfRange(_) => "out_of_range",
            Error::Conflict(_) => "conflict",
            Error::Unsupported(_) => "unsupported",
            Error::ExpectationLocked { .. } => "expectation_locked",
            Error::StatusChange(_) => "status_change",
            Error::NotAnExperiment(_) => "not_an_experiment",
            Error::ProjectNotFound(_) => "project_not_found",
            Error::SessionNotFound(_) => "session_not_found",
            Error::CommitmentNotFound(_) => "commitment_not_found",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::NotAJournal { .. } => "not_a_journal",
            Error::Damaged { .. } => "damaged",
            Error::JournalMissing { .. } => "journal_missing",
            Error::DiskFull => "disk_full",
            Error::ReadOnly => "read_only",
            Error::Busy | Error::Restoring => "busy",
            Error::NoDataFolder => "no_data_dir",
            Error::ImportLine { .. } | Error::ImportSource { .. } => "import_invalid",
            Error::Io { .. } => "io",
            Error::WrongKey => "wrong_key",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::KeyMissing => "key_missing",
            Error::PassphraseNeeded => "passphrase_needed",
            Error::InvalidRecoveryKey => "invalid_recovery_key",
            Error::Locked => "locked",
            Error::ShareInvalid(_) => "share_invalid",
            Error::ShareNeedsPassphrase => "share_needs_passphrase",
            Error::ShareNotForYou => "share_not_for_you",
            Error::ShareWrongPassphrase => "share_wrong_passphrase",
            Error::Database(_) => "database",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Error::NotFound(message.into())
    }

    pub(crate) fn out_of_range(message: impl Into<String>) -> Self {
        Error::OutOfRange(message.into())
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Error::Conflict(message.into())
    }

    pub(crate) fn unsupported(message: impl Into<String>) -> Self {
        Error::Unsupported(message.into())
    }

    pub(crate) fn io(path: impl Into<PathBuf>, cause: std::io::Error) -> Self {
        // ENOSPC and EDQUOT: the disk (or the person's quota) is full.
        if matches!(cause.raw_os_error(), Some(28 | 122)) || cause.kind() == std::io::ErrorKind::StorageFull {
            return Error::DiskFull;
        }
        Error::Io { path: path.into(), cause }
    }

    /// Whether this error says the journal's file itself cannot be used as a
    /// journal (damaged, foreign or missing), as opposed to a problem around
    /// it (a key, the disk, permissions, another program).
    pub fn is_about_the_file(&self) -> bool {
        matches!(self, Error::NotAJournal { .. } | Error::Damaged { .. } | Error::JournalMissing { .. })
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy,
            // The schema's own guard (migration 0008), for any write that
            // did not go through the checks in Rust first.
            Some(ErrorCode::ConstraintViolation) if err.to_string().contains("praxis: expectation locked") => {
                Error::ExpectationLocked { locked_at: None }
            }
            Some(ErrorCode::ConstraintViolation) if err.to_string().contains("praxis: structured kind fixed") => {
                Error::conflict(
                    "This entry is an experiment or an outcome, so its kind stays as it is. \
                     Write a new entry of the other kind instead. Nothing was changed.",
                )
            }
            _ => Error::Database(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn each_kind_of_refusal_has_its_own_code() {
        for (error, code) in [
            (Error::invalid("x"), "invalid_input"),
            (Error::not_found("x"), "not_found"),
            (Error::out_of_range("x"), "out_of_range"),
            (Error::conflict("x"), "conflict"),
            (Error::unsupported("x"), "unsupported"),
        ] {
            assert_eq!(error.code(), code, "{error:?}");
            assert_eq!(error.to_string(), "x", "the message is the sentence given, nothing added");
        }
    }

    #[test]
    fn core_messages_name_no_command() {
        let id = "0b6f1c4e-7d2a-4c1e-9f3b-2a8d5e6f7a10".to_string();
        for error in [
            Error::EntryNotFound("3f2a9c1e".into()),
            Error::RevisionNotFound { entry: id.clone(), revision: 7 },
            Error::NotAnExperiment(id),
            Error::ProjectNotFound("3f2a".into()),
            Error::SessionNotFound("3f2a".into()),
            Error::CommitmentNotFound("3f2a".into()),
            Error::ReadOnly,
        ] {
            assert!(!error.to_string().contains("praxis "), "{error}");
        }
    }
}
