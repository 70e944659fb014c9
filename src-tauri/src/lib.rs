//! The desktop shell: opens the journal, creates the one window, and wires
//! the commands. No journal rules live here (they are in praxis-core) and no
//! command does more than unpack, call the core once, and return.
#![deny(unsafe_code)] // one exception: memory::return_free_pages (malloc_trim)

mod commands;
mod fonts;
mod memory;
mod reminders;
mod state;
pub mod webkit;

use tauri::webview::WebviewWindowBuilder;
use tauri::{Manager, Url, WebviewUrl};

pub use state::AppState;

/// The health check and the daily backup begin this long after the window
/// shows its first page (or after [`BACKGROUND_AT_THE_LATEST`], if it never says so).
const BACKGROUND_DELAY: std::time::Duration = std::time::Duration::from_secs(3);
const BACKGROUND_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(30);

/// Only the app's own pages may load in the window: navigation anywhere else
/// (a link in an entry, a redirect) is refused.
fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

fn window_state() -> tauri_plugin_window_state::StateFlags {
    use tauri_plugin_window_state::StateFlags;
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

fn remember_window(app: &tauri::AppHandle) {
    use tauri_plugin_window_state::AppHandleExt;
    if let Err(err) = app.save_window_state(window_state()) {
        eprintln!("Praxis could not remember the window's size: {err}");
    }
}

pub fn run() {
    tauri::Builder::default()
        // Used from Rust only (the webview has no dialog permission): the
        // app, not the page, asks the person for a file, so no page can
        // name a path for the app to read or write.
        .plugin(tauri_plugin_dialog::init())
        // Also Rust-only: opens a confirmed https or mailto link outside.
        .plugin(tauri_plugin_opener::init())
        // The window's size and place (not whether it shows): restored when
        // it opens, saved whenever it closes.
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(window_state()).build())
        // Reminders (reviews due, sessions tomorrow), shown from Rust only:
        // the webview has no notification permission.
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::open_from_environment())
        .invoke_handler(commands::contract().invoke_handler())
        .setup(|app| {
            // The health check and the daily backup, off the UI's path: they
            // read through their own connection, but they read the whole
            // file (about 10 s and 7 s of a core for 100,000 entries), so
            // they wait until the window is up and its first page shown.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let state = handle.state::<AppState>();
                state.wait_until_shown(BACKGROUND_AT_THE_LATEST);
                std::thread::sleep(BACKGROUND_DELAY);
                // A damaged journal is swapped for a read-only one, and never
                // pushes good backups out of the rotation.
                let healthy = state.check_health();
                // Reminders write (what was shown): only once the journal is
                // known to be sound, or is read-only.
                reminders::start(handle.clone());
                memory::start(handle.clone());
                if healthy {
                    if let Ok(journal) = state.current() {
                        if let Err(err) = journal.backup_if_due(chrono::Utc::now()) {
                            eprintln!("Praxis could not take today's backup: {err}");
                        }
                    }
                }
            });
            let mut window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Praxis")
                .inner_size(1100.0, 760.0)
                .min_inner_size(640.0, 480.0)
                .on_navigation(is_app_url);
            if let Some(script) = fonts::page_script() {
                window = window.initialization_script(script);
            }
            let window = window.build()?;
            // Saved half a second after the window stops moving or resizing
            // (and when it closes), so even an ended process comes back as
            // it was left.
            let handle = app.handle().clone();
            let pending = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            window.on_window_event(move |event| match event {
                tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)
                    if !pending.swap(true, std::sync::atomic::Ordering::SeqCst) =>
                {
                    let (handle, pending) = (handle.clone(), pending.clone());
                    std::thread::spawn(move || {
                        std::thread::sleep(std::time::Duration::from_millis(500));
                        pending.store(false, std::sync::atomic::Ordering::SeqCst);
                        remember_window(&handle);
                    });
                }
                tauri::WindowEvent::CloseRequested { .. } => remember_window(&handle),
                _ => {}
            });
            Ok(())
        })
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("Praxis could not start its window");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_may_load() {
        assert!(is_app_url(&Url::parse("tauri://localhost/index.html").unwrap()));
        assert!(is_app_url(&Url::parse("http://tauri.localhost/").unwrap()));
        assert!(!is_app_url(&Url::parse("https://example.com/").unwrap()), "remote pages must never load");
        assert!(!is_app_url(&Url::parse("https://tauri.localhost.example.com/").unwrap()));
        assert!(!is_app_url(&Url::parse("file:///etc/passwd").unwrap()));
    }
}
