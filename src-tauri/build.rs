//! Generates the Tauri context and the permission manifest of our commands:
//! with an app manifest, a command is callable only when a capability grants
//! it, so the window can reach exactly the commands listed in
//! `src-tauri/capabilities/`.

const COMMANDS: &[&str] = &[
    "list_entries",
    "search_entries",
    "get_entry",
    "create_entry",
    "update_entry",
    "delete_entry",
    "render_markdown",
    "list_backups",
    "backup_now",
    "restore_backup",
    "journal_status",
    "export_journal",
    "choose_import",
    "confirm_import",
    "cancel_import",
    "access_status",
    "unlock_with_passphrase",
    "unlock_with_recovery_key",
    "confirm_recovery_key",
    "lock_app",
    "unlock_app",
    "set_app_lock",
    "open_external",
    "sharing_key",
    "set_sharing_name",
    "list_coaches",
    "add_coach",
    "prepare_share",
    "generate_share_passphrase",
    "send_share",
    "share_log",
    "inbox",
    "open_share_file",
    "open_share_text",
    "open_pending_share",
    "feedback_reply",
    "import_feedback_file",
    "import_feedback_text",
    "feedback_on",
    "autosave_entry",
    "timeline_days",
    "list_tags",
    "list_trash",
    "restore_entry",
    "empty_trash",
    "entry_history",
    "get_revision",
    "revert_entry",
    "list_templates",
    "set_template",
    "reset_template",
    "get_preferences",
    "set_preferences",
    "reveal_data_folder",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and src-tauri/capabilities/");
}
