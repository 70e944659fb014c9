//! Helpers the modules share. Each module keeps its own way of running
//! `praxis` (`Praxis` in main.rs, `Person` in sharing.rs, `Journal` in
//! damage.rs, `Folder` in faults.rs, `praxis()` in keys.rs): they differ in
//! how the journal is opened.

use std::process::Output;

/// Everything a process printed: standard output, then standard error.
pub fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A session bus address where nothing listens: a machine without a keychain.
pub const NO_KEYCHAIN: (&str, &str) = ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/praxis-test-bus");
