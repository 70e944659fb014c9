//! Where a journal lives by default. Pure functions of the platform: no I/O.

use std::path::{Path, PathBuf};

/// The file name of the journal database inside a data folder.
pub const DATABASE_FILE: &str = "journal.sqlite3";

/// The per-user data folder Praxis uses when none is given: the OS's data
/// folder (`~/.local/share` on Linux, `~/Library/Application Support` on
/// macOS, `%APPDATA%` on Windows) plus `Praxis`. Both the desktop app and the
/// CLI use it, so they see the same journal.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("Praxis"))
}

/// The journal database inside `data_dir`.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}
