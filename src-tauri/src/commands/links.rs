//! Links in entries. The window never follows one (navigation away from the
//! app is refused); after the person confirmed, the page asks for it here and
//! the system browser or mail program opens it. Only `https:` and `mailto:`
//! are ever opened, whatever the page asks.

use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use super::{CommandError, CommandResult};

/// Whether `url` is one Praxis opens outside: `https:` with a host, or `mailto:`.
pub fn may_open_outside(url: &str) -> bool {
    match tauri::Url::parse(url) {
        Ok(parsed) => match parsed.scheme() {
            "https" => parsed.host_str().is_some_and(|h| !h.is_empty()),
            "mailto" => true,
            _ => false,
        },
        Err(_) => false,
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_external(app: AppHandle, url: String) -> CommandResult<()> {
    if !may_open_outside(&url) {
        return Err(CommandError { code: "unsupported", message: "Praxis opens only https and mailto links.".into() });
    }
    app.opener().open_url(url, None::<&str>).map_err(|e| CommandError {
        code: "io",
        message: format!("The link could not be opened in your browser ({e})."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_and_mailto_links_are_opened_outside() {
        assert!(may_open_outside("https://example.org/page"));
        assert!(may_open_outside("mailto:coach@example.org"));
        assert!(!may_open_outside("http://example.org/"), "plain http is not opened");
        assert!(!may_open_outside("javascript:alert(1)"));
        assert!(!may_open_outside("file:///etc/passwd"));
        assert!(!may_open_outside("tauri://localhost/"));
        assert!(!may_open_outside("not a url"));
    }
}
