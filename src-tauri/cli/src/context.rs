//! What a command starts from: the data folder, the journal opened in it,
//! and the clock.

use std::path::PathBuf;

use anyhow::{anyhow, Result};
use chrono::{DateTime, FixedOffset, Local};
use praxis_core::keys::SystemKeychain;
use praxis_core::protection::Opened;
use praxis_core::{paths, Journal};

use crate::args::Global;
use crate::unlock;

pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

pub fn data_dir(global: &Global) -> Result<PathBuf> {
    match &global.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => paths::default_data_dir()
            .ok_or_else(|| anyhow!("Could not find your data folder. Give one with --data-dir DIR.")),
    }
}

/// The data folder, and the keychain that may hold its journal's key.
pub struct Folder {
    pub dir: PathBuf,
    pub keychain: SystemKeychain,
}

impl Folder {
    pub fn of(global: &Global) -> Result<Folder> {
        Ok(Folder { dir: data_dir(global)?, keychain: unlock::keychain() })
    }

    /// Opens the journal in the folder (`unlock::open`: asking at the
    /// terminal when the keychain cannot give the key).
    pub fn open(&self, global: &Global) -> Result<Opened> {
        unlock::open(&self.dir, global, &self.keychain)
    }
}

/// The journal in the data folder, opened: what most commands work on.
pub fn journal(global: &Global) -> Result<Journal> {
    Ok(Folder::of(global)?.open(global)?.journal)
}
