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

/// An error as the UI receives it: a stable code it may branch on (the
/// core's, or `internal` for a fault inside Praxis, whose cause is logged),
/// and a sentence for the person.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl From<praxis_core::Error> for CommandError {
    fn from(err: praxis_core::Error) -> Self {
        CommandError::from(&err)
    }
}

impl From<&praxis_core::Error> for CommandError {
    fn from(err: &praxis_core::Error) -> Self {
        match err {
            // SQLite's own words mean nothing to the person: they are logged
            // for whoever looks into it, and the window says what to do.
            praxis_core::Error::Database(cause) => {
                eprintln!("Praxis: the journal database reported: {cause}");
                CommandError {
                    code: "internal",
                    message: "Something went wrong inside Praxis, and nothing was changed. \
                              Try again; if it keeps happening, restart Praxis."
                        .into(),
                }
            }
            _ => CommandError { code: err.code(), message: err.to_string() },
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

macro_rules! praxis_commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// Every command the window may call, with the types of their
        /// arguments and results: registers the invoke handler, and writes
        /// the TypeScript bindings the UI is type-checked against.
        pub fn contract() -> tauri_specta::Builder<tauri::Wry> {
            tauri_specta::Builder::<tauri::Wry>::new()
                .commands(tauri_specta::collect_commands![$($module::$name),*])
                .error_handling(tauri_specta::ErrorHandlingMode::Throw)
                .function_casing(tauri_specta::Casing::SnakeCase)
                .dangerously_cast_bigints_to_number()
                .disable_serde_phases()
        }
    };
}
include!("list.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn a_database_fault_reaches_the_window_as_internal_without_sqlites_words() {
        let fault = praxis_core::Error::Database(rusqlite::Error::InvalidColumnName("sort_key".into()));
        let shown = super::CommandError::from(fault);
        assert_eq!(shown.code, "internal");
        assert!(!shown.message.contains("sort_key"), "{}", shown.message);
        assert!(shown.message.contains("nothing was changed"), "{}", shown.message);
    }

    #[test]
    fn every_other_error_keeps_the_cores_code_and_sentence() {
        let shown = super::CommandError::from(praxis_core::Error::DiskFull);
        assert_eq!(shown.code, "disk_full");
        assert_eq!(shown.message, praxis_core::Error::DiskFull.to_string());
    }

    /// Where the generated TypeScript contract lives, from the repository root.
    const BINDINGS: &str = "ui/src/api/bindings.ts";

    /// The bindings as [`super::contract`] writes them, with the header that says where
    /// they come from.
    fn bindings() -> String {
        let dir = tempfile_dir();
        let path = dir.join("bindings.ts");
        super::contract()
            .export(
                specta_typescript::Typescript::default().header(
                    "// Generated from the Rust commands by `make bindings` (from src-tauri/src/commands/list.rs): do not edit.\n\
                     // A test checks this file is current, so a renamed command or field fails `npm run check`.\n",
                ),
                &path,
            )
            .expect("the TypeScript bindings could not be generated");
        let text = std::fs::read_to_string(&path).expect("the generated bindings could not be read");
        let _ = std::fs::remove_dir_all(&dir);
        text
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("praxis-bindings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder for the bindings");
        dir
    }

    /// `PRAXIS_WRITE_BINDINGS=1 cargo test -p praxis-desktop --lib bindings`
    /// (what `make bindings` runs) rewrites the file instead.
    #[test]
    fn the_checked_in_typescript_bindings_are_the_ones_the_commands_generate() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS);
        let generated = bindings();
        if std::env::var_os("PRAXIS_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "{} is out of date with the Rust commands: run `make bindings` and commit the result",
            BINDINGS
        );
    }
}
