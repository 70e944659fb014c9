use super::CommandResult;

/// The sanitised HTML of an entry's Markdown: the only HTML the UI inserts.
#[tauri::command(async)]
#[specta::specta]
pub fn render_markdown(markdown: String) -> CommandResult<String> {
    Ok(praxis_core::markdown::render_html(&markdown))
}
