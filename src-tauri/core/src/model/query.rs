use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EntrySummary, Kind, ProjectId};

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 1000;

/// Narrows a list or a search. Every field is optional and they combine.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListFilter {
    pub kind: Option<Kind>,
    /// A tag, in any spelling that normalises to a stored tag.
    pub tag: Option<String>,
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    /// `Some(true)` keeps only starred entries.
    pub starred: Option<bool>,
    /// Only entries that belong to this project.
    pub project: Option<ProjectId>,
    /// Page size; `None` means [`DEFAULT_PAGE`], capped at [`MAX_PAGE`].
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

impl ListFilter {
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
}

/// How search results are ordered.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchOrder {
    /// The day an entry is about, newest first (the default).
    #[default]
    Newest,
    /// Best match first (BM25; titles and tags weigh more than the text).
    Relevance,
}

/// One piece of a search snippet. Hits are marked as data, not as HTML, so
/// that no caller is tempted to inject the writer's text as markup.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub entry: EntrySummary,
    pub snippet: Vec<SnippetPart>,
}

/// The most different words one search looks for. Each word is one more
/// posting list to read and intersect; past a dozen a search says no more
/// about what is wanted, it only costs more.
pub const MAX_SEARCH_TERMS: usize = 12;
/// The longest word searched, in characters. A longer word is searched by
/// its first characters (still as a prefix): no real word is longer, and a
/// pasted block of text must not become one enormous phrase to match.
pub const MAX_TERM_CHARS: usize = 48;

/// What a typed search becomes: the FTS5 query to run (`None` when nothing
/// searchable was typed), and whether words were left out or shortened on
/// the way, so that the person can be told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchTerms {
    pub query: Option<String>,
    pub trimmed: bool,
}

impl SearchTerms {
    /// The sentence to show beside the results of a trimmed search.
    pub fn note(&self) -> Option<String> {
        self.trimmed.then(|| {
            format!(
                "Only the first {MAX_SEARCH_TERMS} different words were searched, each by at most its first \
                 {MAX_TERM_CHARS} characters. Search fewer, shorter words to be sure of every hit."
            )
        })
    }
}

/// One word as a query term, with the tokens the full-text index would see
/// in it (split at anything not a letter or digit, lower-cased).
struct Term {
    quoted: String,
    tokens: Vec<String>,
}

/// Whether every entry matching the term `wide` also matches `narrow` (then
/// `narrow` adds nothing next to `wide` in an AND). A term is a phrase whose
/// last token is a prefix, so `"abc"*` is implied by `"abcd"*`, `"b"*` by
/// `"a b"*` and `"a b"*` by `"a bc"*`; `"a b"*` is not implied by `"ab c"*`.
/// The rule: the tokens of `narrow` appear in `wide` in a row, all equal
/// except the last, which only needs to start the token it lines up with.
fn implies(wide: &[String], narrow: &[String]) -> bool {
    let Some((last, rest)) = narrow.split_last() else {
        return true;
    };
    if narrow.len() > wide.len() {
        return false;
    }
    (0..=wide.len() - narrow.len())
        .any(|at| wide[at..at + rest.len()] == *rest && wide[at + rest.len()].starts_with(last.as_str()))
}

/// Turns what a person typed into a safe and bounded FTS5 query. Every word
/// becomes a quoted prefix term (`reflec` → `"reflec"*`), so operators
/// (`AND`, `NEAR`, `-`, `(`, `*`, quotes) are searched as text and never
/// change the query's meaning or break its syntax; words are joined with AND.
///
/// Bounded, whatever is typed or pasted: a word repeated, in another case, or
/// implied by another word (`abc` next to `abcd`) is searched once, as it
/// finds the same entries; a word is cut to [`MAX_TERM_CHARS`] characters;
/// and at most [`MAX_SEARCH_TERMS`] different words are searched. Only the
/// last two change what is found, and they set `trimmed`.
pub fn parse_search(typed: &str) -> SearchTerms {
    let mut kept: Vec<Term> = Vec::new();
    let mut trimmed = false;
    for word in typed.split_whitespace() {
        let cut = match word.char_indices().nth(MAX_TERM_CHARS) {
            Some((at, _)) => {
                trimmed = true;
                &word[..at]
            }
            None => word,
        };
        let tokens: Vec<String> =
            cut.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect();
        if tokens.is_empty() || kept.iter().any(|term| implies(&term.tokens, &tokens)) {
            continue;
        }
        kept.retain(|term| !implies(&tokens, &term.tokens));
        if kept.len() == MAX_SEARCH_TERMS {
            trimmed = true;
            break;
        }
        kept.push(Term { quoted: format!("\"{}\"*", cut.replace('"', "\"\"")), tokens });
    }
    let query = (!kept.is_empty()).then(|| kept.iter().map(|t| t.quoted.as_str()).collect::<Vec<_>>().join(" "));
    SearchTerms { query, trimmed }
}
