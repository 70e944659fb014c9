//! Generates the Tauri context and the permission manifest of our commands:
//! with an app manifest, a command is callable only when a capability grants
//! it, so the window can reach exactly the commands listed in
//! `src-tauri/capabilities/`.

// The command list is src/commands/list.rs, shared with the app itself.
macro_rules! praxis_commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/commands/list.rs");

/// Permissions beyond Praxis's own commands: closing the window and hearing
/// the app's events (the journal's state changing underneath the page).
const CORE_PERMISSIONS: &[&str] =
    &["core:window:allow-destroy", "core:event:allow-listen", "core:event:allow-unlisten"];

/// The window's capability, written from the command list: the window may
/// call exactly the commands the app registers. Checked in, so a review sees
/// any change to what the page can reach; rewritten only when it changes.
fn write_capability() {
    let permissions: Vec<String> = COMMANDS
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .chain(CORE_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect();
    let capability = format!(
        r#"{{
  "$schema": "../../gen/schemas/desktop-schema.json",
  "identifier": "main-window",
  "description": "Written by src-tauri/build.rs from src-tauri/src/commands/list.rs: do not edit. The journal window: Praxis's own commands and nothing else. No file system, shell, HTTP or other plugin access.",
  "windows": [
    "main"
  ],
  "permissions": [
{}
  ]
}}
"#,
        permissions.iter().map(|p| format!("    \"{p}\"")).collect::<Vec<_>>().join(",\n")
    );
    let path = std::path::Path::new("src-tauri/capabilities/main.json");
    if std::fs::read_to_string(path).ok().as_deref() != Some(capability.as_str()) {
        std::fs::write(path, capability).expect("could not write src-tauri/capabilities/main.json");
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/commands/list.rs");
    write_capability();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and src-tauri/capabilities/");
}
