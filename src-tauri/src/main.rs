// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![forbid(unsafe_code)]

fn main() {
    // Before anything starts, so WebKit's web process inherits them.
    praxis_desktop::webkit::set_web_process_defaults();
    praxis_desktop::run();
}
