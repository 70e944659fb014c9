// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![forbid(unsafe_code)]

fn main() {
    // WebKitGTK draws the page without compositing layers unless told
    // otherwise (WEBKIT_DISABLE_COMPOSITING_MODE=0). A journal's text needs
    // none, and without a GPU (software rendering) the layers cost memory
    // and frames: measured with 100,000 entries (make bench-window), idle
    // memory 561 → 427 MB and a scrolling frame 40 → 13 ms. Set before
    // anything starts, so the web process inherits it.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    praxis_desktop::run();
}
