//! Markdown → sanitised HTML: the only HTML the app ever shows of an entry.
//!
//! Entry bodies are untrusted (they arrive by import and share files), so the
//! output is strict: raw HTML is shown as text, only `https:` and `mailto:`
//! links survive, relative URLs are dropped, images become their alt text (an
//! entry can never make the app fetch anything), and no `style`, `class`,
//! `id` or event attribute reaches the page.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::default();
        builder
            .rm_tags(["img", "area", "map"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .tag_attribute_values(HashMap::from([("input", HashMap::from([("type", HashSet::from(["checkbox"]))]))]))
            .url_schemes(HashSet::from(["https", "mailto"]))
            .url_relative(UrlRelative::Deny)
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true);
        builder
    })
}

/// Renders Markdown (CommonMark with tables, task lists, strikethrough and
/// footnotes) to HTML that is safe to insert into the app's page.
pub fn render_html(markdown: &str) -> String {
    let mut in_image = 0usize;
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        // Raw HTML is shown as what it is: text.
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        // An image becomes its alt text, so nothing is ever fetched.
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Text(text) if in_image > 0 => Some(Event::Text(CowStr::from(format!("[{text}]")))),
        other => Some(other),
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    sanitizer().clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_emphasis_render_as_html() {
        let html = render_html("# Title\n\nSome *words*.");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<em>words</em>"), "{html}");
    }
}
