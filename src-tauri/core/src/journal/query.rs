use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EntrySummary, Kind, ProjectId};

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 1000;

/// Narrows a list or a search. Every field is optional and they combine.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub entry: EntrySummary,
    pub snippet: Vec<SnippetPart>,
}
