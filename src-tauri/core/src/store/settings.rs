//! The journal's settings table: small named values that belong with the
//! journal (and so are encrypted and backed up with it), such as the app lock.

use rusqlite::{named_params, Connection, OptionalExtension};

use super::Journal;
use crate::applock::AppLock;
use crate::error::Result;

const APP_LOCK: &str = "app_lock";

pub(crate) fn get(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE name = :name", named_params! { ":name": name }, |row| row.get(0))
        .optional()?)
}

impl Journal {
    /// The app lock, if the person turned it on.
    pub fn app_lock(&self) -> Result<Option<AppLock>> {
        let text = self.read(|conn| get(conn, APP_LOCK))?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Turns the app lock on (or changes it), or off with `None`.
    pub fn set_app_lock(&self, lock: Option<&AppLock>) -> Result<()> {
        self.write(|tx| {
            match lock {
                Some(lock) => {
                    let value = serde_json::to_string(lock).map_err(|e| crate::Error::invalid(e.to_string()))?;
                    tx.execute(
                        "INSERT INTO settings (name, value) VALUES (:name, :value)
                         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        named_params! { ":name": APP_LOCK, ":value": value },
                    )?;
                }
                None => {
                    tx.execute("DELETE FROM settings WHERE name = :name", named_params! { ":name": APP_LOCK })?;
                }
            }
            Ok(())
        })
    }
}

pub(crate) fn put(tx: &rusqlite::Transaction<'_>, name: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (name, value) VALUES (:name, :value)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        named_params! { ":name": name, ":value": value },
    )?;
    Ok(())
}
