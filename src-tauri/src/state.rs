//! The journal the window works on. Opening can fail (a damaged file, a
//! journal from a newer Praxis); the window still opens and every command
//! answers with that error, so the person sees what happened instead of a
//! window that never appears.

use std::path::PathBuf;

use praxis_core::{paths, Journal};

use crate::commands::CommandError;

pub struct AppState {
    journal: Result<Journal, CommandError>,
}

impl AppState {
    /// Opens the journal in `PRAXIS_DATA_DIR`, or the per-user data folder —
    /// the same one the `praxis` CLI uses.
    pub fn open_from_environment() -> AppState {
        let dir = std::env::var_os("PRAXIS_DATA_DIR").map(PathBuf::from).or_else(paths::default_data_dir);
        let journal = match dir {
            Some(dir) => Journal::open_in(&dir).map_err(CommandError::from),
            None => Err(CommandError {
                code: "no_data_dir",
                message: "Praxis could not find your data folder. Set PRAXIS_DATA_DIR to a folder and start it again."
                    .into(),
            }),
        };
        AppState { journal }
    }

    pub fn journal(&self) -> Result<&Journal, CommandError> {
        self.journal.as_ref().map_err(Clone::clone)
    }
}
