//! The desktop's own font for the window. The page asks for `system-ui`,
//! which macOS and Windows answer with their interface font. WebKitGTK does
//! not (measured: it falls through to the next name), so on Linux GTK's
//! `gtk-font-name` names the font the desktop shows (Cantarell or Adwaita
//! Sans on GNOME, Ubuntu on Ubuntu) and the page puts its family first
//! (ui/src/lib/preferences.svelte.ts). One installed name first also keeps
//! WebKit's font look-ups short: it looks up every name before the first
//! installed one, for each new size and weight (docs/performance.md). Where
//! GTK names no font of its own, the page's list stands: Arial's metrics
//! (fontconfig maps Arial to Liberation Sans or Nimbus Sans), then
//! fontconfig's sans-serif.

/// A script, run before the page's own, that tells the page the desktop's
/// font family; `None` where the page's own list is the better choice
/// (`system-ui` on macOS and Windows, GTK's generic "Sans").
pub fn page_script() -> Option<String> {
    desktop_family().map(|family| script_for(&family))
}

/// The page reads this global in `ui/src/api/window.ts`.
fn script_for(family: &str) -> String {
    format!("window.__PRAXIS_DESKTOP_FONT__ = {};", serde_json::Value::from(family))
}

/// Must run on the main thread, once GTK is up (Tauri's `setup`).
#[cfg(target_os = "linux")]
fn desktop_family() -> Option<String> {
    use gtk::prelude::GtkSettingsExt;
    family_of(&gtk::Settings::default()?.gtk_font_name()?)
}

#[cfg(not(target_os = "linux"))]
fn desktop_family() -> Option<String> {
    None
}

/// The family of a Pango font name such as "Cantarell 11" or "Noto Sans Bold 10".
/// GTK's own default, "Sans", names no font: it leaves the choice to
/// fontconfig, and so does the page's font list (app.css, --font-ui).
#[cfg(target_os = "linux")]
fn family_of(font_name: &str) -> Option<String> {
    let family = gtk::pango::FontDescription::from_string(font_name).family()?;
    let family = family.trim();
    let generic = ["sans", "sans-serif", "sans serif"].iter().any(|g| family.eq_ignore_ascii_case(g));
    (!family.is_empty() && !generic).then(|| family.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn the_family_is_the_font_name_without_its_size_and_style() {
        assert_eq!(family_of("Cantarell 11").as_deref(), Some("Cantarell"));
        assert_eq!(family_of("Adwaita Sans 11").as_deref(), Some("Adwaita Sans"));
        assert_eq!(family_of("Noto Sans Bold Italic 10").as_deref(), Some("Noto Sans"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_font_name_without_a_family_or_with_gtks_generic_default_gives_none() {
        assert_eq!(family_of(""), None);
        assert_eq!(family_of("12"), None);
        assert_eq!(family_of("Sans 10"), None);
        assert_eq!(family_of("sans-serif 11"), None);
    }

    #[test]
    fn the_script_hands_over_any_family_name_as_a_javascript_string() {
        assert_eq!(script_for("Cantarell"), r#"window.__PRAXIS_DESKTOP_FONT__ = "Cantarell";"#);
        assert_eq!(
            script_for(r#"Odd "Font" \ </script>"#),
            r#"window.__PRAXIS_DESKTOP_FONT__ = "Odd \"Font\" \\ </script>";"#
        );
    }
}
