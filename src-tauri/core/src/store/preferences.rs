//! How the window looks and where it was: the person's preferences, kept in
//! the journal's settings (so they move with the journal and its backups).

use serde::{Deserialize, Serialize};

use super::settings::{get, put};
use super::Journal;
use crate::error::{Error, Result};

const PREFERENCES: &str = "preferences";
pub const FONT_SIZES: std::ops::RangeInclusive<u8> = 12..=28;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follows the operating system's light or dark setting.
    #[default]
    System,
    Light,
    Dark,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: Theme,
    /// The editor's text size in CSS pixels.
    pub editor_font_size: u8,
    /// Whether the editor shows the rendered preview beside the text.
    pub show_preview: bool,
    /// The view the window showed last (e.g. `entry:<id>`, `settings`), to
    /// come back to at the next start. Opaque to the core.
    pub last_view: Option<String>,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences { theme: Theme::System, editor_font_size: 17, show_preview: true, last_view: None }
    }
}

impl Preferences {
    fn validated(&self) -> Result<Preferences> {
        if !FONT_SIZES.contains(&self.editor_font_size) {
            return Err(Error::out_of_range(format!(
                "The text size {} is out of range. Choose a size from {} to {}.",
                self.editor_font_size,
                FONT_SIZES.start(),
                FONT_SIZES.end()
            )));
        }
        let mut clean = self.clone();
        clean.last_view = clean.last_view.filter(|v| !v.is_empty() && v.len() <= 200);
        Ok(clean)
    }
}

impl Journal {
    /// The saved preferences; the defaults where none were saved (or what
    /// was saved cannot be read any more).
    pub fn preferences(&self) -> Result<Preferences> {
        let text = self.read(|conn| get(conn, PREFERENCES))?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
    }

    pub fn set_preferences(&self, preferences: &Preferences) -> Result<Preferences> {
        let clean = preferences.validated()?;
        let text = serde_json::to_string(&clean).map_err(|e| Error::invalid(e.to_string()))?;
        self.write(|tx| put(tx, PREFERENCES, &text))?;
        Ok(clean)
    }
}
