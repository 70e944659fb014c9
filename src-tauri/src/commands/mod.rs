//! Tauri commands: glue only. Each unpacks its arguments, calls one core
//! function, and returns. The clock and new ids are made here, at the edge.

pub mod access;
pub mod action;
pub mod backups;
pub mod entries;
pub mod interchange;
pub mod links;
pub mod markdown;
pub mod praxis_export;
pub mod sharing;
pub mod writing;

use serde::Serialize;

/// An error as the UI receives it: a stable code it may branch on, and a
/// sentence for the person.
#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl From<praxis_core::Error> for CommandError {
    fn from(err: praxis_core::Error) -> Self {
        CommandError { code: err.code(), message: err.to_string() }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
