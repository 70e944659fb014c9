//! The HTML export: one self-contained, print-ready HTML5 document of a
//! selection of entries, e.g. to bring to a coaching session or save as PDF.
//!
//! Must not: run anything or fetch anything when opened. The document holds
//! no script and no external resource, and its own Content-Security-Policy
//! forbids both; entry texts go through the app's sanitiser
//! ([`crate::markdown::render_html`]), and every other piece of text put into
//! the page (titles, tags, kinds, days) is HTML-escaped here. Entries stream
//! through [`Journal::for_each_entry`]; the journal is never held in memory.

use std::io::{BufWriter, Write};

use crate::error::{Error, Result};
use crate::interchange::markdown_export::{display_title, long_day, range_line, ExportSummary};
use crate::markdown::render_html;
use crate::model::{Entry, ListFilter};
use crate::store::Journal;

/// The document's only styling: calm, system fonts, a readable measure, and
/// page breaks that keep a heading with what follows it.
const STYLE: &str = r#"
:root { color-scheme: light; }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 11pt; line-height: 1.55; color: #1f2328; background: #fff;
  max-width: 66ch; margin: 2.5rem auto; padding: 0 1.25rem;
}
h1, h2, h3, h4, h5, h6 {
  line-height: 1.25; page-break-after: avoid; break-after: avoid;
  page-break-inside: avoid; break-inside: avoid;
}
body > header { margin-bottom: 2.5rem; }
body > header h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
.range, .meta { color: #59636e; font-size: .9rem; margin: 0; }
article { margin-top: 2.5rem; padding-top: 1.5rem; border-top: 1px solid #d1d9e0; }
article > header h2 { font-size: 1.35rem; margin: 0 0 .25rem; }
.entry-body h1 { font-size: 1.2rem; }
.entry-body h2 { font-size: 1.1rem; }
.entry-body h3, .entry-body h4, .entry-body h5, .entry-body h6 { font-size: 1rem; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: .75rem; border-radius: 4px; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #d1d9e0; color: #454c54; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d1d9e0; padding: .25rem .6rem; }
a { color: inherit; }
@page { margin: 2cm 2.2cm; }
@media print {
  body { margin: 0 auto; padding: 0; }
  article { page-break-inside: auto; }
  pre, blockquote, table, li { page-break-inside: avoid; break-inside: avoid; }
}
"#;

impl Journal {
    /// Writes every live entry `filter` keeps (its limit and offset are
    /// ignored) as one HTML5 document titled `title` (`Praxis journal` when
    /// blank), oldest first: the title and the days covered, then each entry
    /// as an `<article>` with its title, a line for its kind, day and tags,
    /// and its sanitised text.
    ///
    /// Errors: [`Error::InvalidInput`] for a filter whose start is after its
    /// end, [`Error::Io`] when `out` fails (what was written stays written).
    pub fn export_html(&self, filter: &ListFilter, title: &str, out: &mut dyn Write) -> Result<ExportSummary> {
        let io = |e| Error::io("the export file", e);
        let title = match title.trim() {
            "" => "Praxis journal",
            given => given,
        };
        let range = self.day_range(filter)?;
        let mut out = BufWriter::new(out);
        write_head(&mut out, title, &range_line(range)).map_err(io)?;
        let mut summary = ExportSummary::default();
        self.for_each_entry(filter, &mut |entry| {
            write_article(&mut out, entry).map_err(io)?;
            summary.add(entry);
            Ok(())
        })?;
        write!(out, "</main>\n</body>\n</html>\n").map_err(io)?;
        out.flush().map_err(io)?;
        Ok(summary)
    }
}

/// Text made safe to put between tags or inside a quoted attribute.
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

fn write_head(out: &mut dyn Write, title: &str, range: &str) -> std::io::Result<()> {
    let title = escape_html(title);
    write!(
        out,
        "<!DOCTYPE html>\n\
         <html lang=\"en\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Praxis\">\n\
         <title>{title}</title>\n\
         <style>{STYLE}</style>\n\
         </head>\n\
         <body>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"range\">{range}</p>\n</header>\n\
         <main>\n",
        range = escape_html(range),
    )
}

fn write_article(out: &mut dyn Write, entry: &Entry) -> std::io::Result<()> {
    let day = entry.occurred_on;
    let mut meta = format!(
        "{} · <time datetime=\"{}\">{}</time>",
        escape_html(entry.kind.label()),
        day.format("%Y-%m-%d"),
        escape_html(&long_day(day))
    );
    if !entry.tags.is_empty() {
        let tags: Vec<String> = entry.tags.iter().map(|t| format!("#{}", escape_html(t))).collect();
        meta.push_str(" · ");
        meta.push_str(&tags.join(" "));
    }
    write!(
        out,
        "<article>\n<header>\n<h2>{}</h2>\n<p class=\"meta\">{meta}</p>\n</header>\n<div class=\"entry-body\">\n{}</div>\n</article>\n",
        escape_html(&display_title(entry)),
        render_html(&entry.body),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_could_open_markup_is_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
