//! Lists and full-text search. Both narrow by date through the sort key
//! range first (the index is keyed by it), then by kind, star and tag, and
//! fetch only the narrow list columns: bodies stay on disk.

use chrono::NaiveDate;
use rusqlite::{named_params, Connection};

use super::rows::{parse_day, range_keys, summary_from_row};
use super::{Journal, TagCount};
use crate::error::Result;
use crate::model::tags::normalize_tag;
use crate::model::{parse_search, EntrySummary, ListFilter, SearchHit, SearchOrder, SnippetPart};

/// Marks the FTS5 snippet function puts around hits: control characters that
/// cannot appear in the text a person types, so no hit marker can be forged
/// or mistaken for markup.
const HIT_START: char = '\u{2}';
const HIT_END: char = '\u{3}';

/// The FTS5 query for what a person typed: see [`parse_search`], which also
/// says whether the search was trimmed to stay bounded.
pub fn fts_query(typed: &str) -> Option<String> {
    parse_search(typed).query
}

fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    for ch in marked.chars() {
        let flip = match ch {
            HIT_START => !hit,
            HIT_END => hit,
            _ => false,
        };
        if flip {
            if !text.is_empty() {
                parts.push(SnippetPart { text: std::mem::take(&mut text), hit });
            }
            hit = !hit;
        } else if ch != HIT_START && ch != HIT_END {
            text.push(ch);
        }
    }
    if !text.is_empty() {
        parts.push(SnippetPart { text, hit });
    }
    parts
}

/// The part of a WHERE clause every list, search, day count and export
/// shares: kind, star, tag and project, each ignored when its parameter is
/// NULL. Callers bind `:kind`, `:starred`, `:tag` and `:project`.
macro_rules! narrowed {
    () => {
        "(:kind IS NULL OR e.kind = :kind)
         AND (:starred IS NULL OR e.starred = :starred)
         AND (:tag IS NULL OR e.id IN (SELECT et.entry_id FROM entry_tags AS et
                                       JOIN tags AS t ON t.id = et.tag_id WHERE t.name = :tag))
         AND (:project IS NULL OR e.id IN (SELECT ep.entry_id FROM entry_projects AS ep
                                           JOIN projects AS p ON p.id = ep.project_id WHERE p.uuid = :project))"
    };
}
pub(super) use narrowed;

pub(super) struct Narrowing {
    pub(super) lo: i64,
    pub(super) hi: i64,
    pub(super) kind: Option<&'static str>,
    pub(super) tag: Option<String>,
    pub(super) starred: Option<bool>,
    pub(super) project: Option<String>,
    limit: i64,
    offset: i64,
}

impl Narrowing {
    pub(super) fn from_filter(filter: &ListFilter) -> Result<Narrowing> {
        let (lo, hi) = range_keys(filter.from, filter.to)?;
        Ok(Narrowing {
            lo,
            hi,
            kind: filter.kind.map(|k| k.as_str()),
            // A tag that normalises to nothing matches no stored tag.
            tag: filter.tag.as_deref().map(|t| normalize_tag(t).unwrap_or_default()),
            starred: filter.starred,
            project: filter.project.map(|p| p.to_string()),
            limit: i64::from(filter.page_size()),
            offset: i64::from(filter.offset.unwrap_or(0)),
        })
    }
}

impl Journal {
    /// Live entries (not the trash), newest first by the day they are about.
    pub fn list_entries(&self, filter: &ListFilter) -> Result<Vec<EntrySummary>> {
        let n = Narrowing::from_filter(filter)?;
        self.read(|conn| list(conn, &n))
    }

    /// Full-text search over titles, texts and tags of live entries. Words
    /// match as prefixes, diacritics are ignored, and every hit carries a
    /// snippet. Nothing typed is an error: an empty query finds nothing.
    ///
    /// Its cost is bounded whatever is typed (see [`parse_search`]:
    /// [`Journal::search_was_trimmed`] says when words were left out), and
    /// it runs on the search connection, so a save never waits for it.
    pub fn search(&self, typed: &str, filter: &ListFilter, order: SearchOrder) -> Result<Vec<SearchHit>> {
        let n = Narrowing::from_filter(filter)?;
        let Some(query) = fts_query(typed) else {
            return Ok(Vec::new());
        };
        self.read_apart(|conn| search(conn, &query, &n, order))
    }

    /// Whether [`Journal::search`] leaves out or shortens words of `typed`
    /// (too many different words, or a word too long), so that the person
    /// can be told: [`crate::SearchTerms::note`] is the sentence.
    pub fn search_was_trimmed(&self, typed: &str) -> bool {
        parse_search(typed).trimmed
    }

    /// Every tag in use by a live entry, with how many entries carry it,
    /// most used first.
    pub fn list_tags(&self) -> Result<Vec<TagCount>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                // Every use, less the uses by entries in the trash: counting
                // live uses directly looks up every entry (the whole file,
                // decrypted); this reads the tag index and the (small) trash.
                "SELECT t.name, n.uses - coalesce(dead.uses, 0) AS live
                 FROM tags AS t
                 JOIN (SELECT tag_id, count(*) AS uses FROM entry_tags GROUP BY tag_id) AS n ON n.tag_id = t.id
                 LEFT JOIN (SELECT d.tag_id, count(*) AS uses
                            FROM entries AS x INDEXED BY entries_trash
                            CROSS JOIN entry_tags AS d ON d.entry_id = x.id
                            WHERE x.deleted_at IS NOT NULL
                            GROUP BY d.tag_id) AS dead ON dead.tag_id = t.id
                 WHERE live > 0
                 ORDER BY live DESC, t.name",
            )?;
            let rows = stmt.query_map([], |row| Ok(TagCount { tag: row.get(0)?, entries: row.get(1)? }))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

fn list(conn: &Connection, n: &Narrowing) -> Result<Vec<EntrySummary>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT e.uuid, e.kind, e.title, e.occurred_on, e.tags, e.starred, e.updated_at
         FROM entries AS e
         WHERE e.deleted_at IS NULL
           AND e.sort_key BETWEEN :lo AND :hi AND ",
        narrowed!(),
        "
         ORDER BY e.sort_key DESC
         LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":lo": n.lo, ":hi": n.hi, ":kind": n.kind, ":starred": n.starred, ":tag": n.tag, ":project": n.project,
            ":limit": n.limit, ":offset": n.offset,
        },
        summary_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn search(conn: &Connection, query: &str, n: &Narrowing, order: SearchOrder) -> Result<Vec<SearchHit>> {
    // Two literal statements rather than one assembled at run time: the
    // order decides the plan (rowid order is free, rank order sorts matches).
    let sql = match order {
        SearchOrder::Newest => {
            concat!(
                "SELECT e.uuid, e.kind, e.title, e.occurred_on, e.tags, e.starred, e.updated_at,
                    snippet(entries_fts, -1, char(2), char(3), '…', 16)
             FROM entries_fts
             JOIN entries AS e ON e.sort_key = entries_fts.rowid
             WHERE entries_fts MATCH :query
               AND entries_fts.rowid BETWEEN :lo AND :hi AND ",
                narrowed!(),
                "
             ORDER BY entries_fts.rowid DESC
             LIMIT :limit OFFSET :offset"
            )
        }
        SearchOrder::Relevance => {
            concat!(
                "SELECT e.uuid, e.kind, e.title, e.occurred_on, e.tags, e.starred, e.updated_at,
                    snippet(entries_fts, -1, char(2), char(3), '…', 16)
             FROM entries_fts
             JOIN entries AS e ON e.sort_key = entries_fts.rowid
             WHERE entries_fts MATCH :query
               AND entries_fts.rowid BETWEEN :lo AND :hi AND ",
                narrowed!(),
                "
             ORDER BY entries_fts.rank
             LIMIT :limit OFFSET :offset"
            )
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(
        named_params! {
            ":query": query, ":lo": n.lo, ":hi": n.hi, ":kind": n.kind, ":starred": n.starred,
            ":tag": n.tag, ":project": n.project, ":limit": n.limit, ":offset": n.offset,
        },
        |row| Ok(SearchHit { entry: summary_from_row(row)?, snippet: snippet_parts(&row.get::<_, String>(7)?) }),
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Journal {
    /// Calls `visit` with every live entry that `filter` keeps (its limit and
    /// offset are ignored), oldest first, one entry in memory at a time. For
    /// exports: memory use does not grow with the journal.
    pub fn for_each_entry(
        &self,
        filter: &ListFilter,
        visit: &mut dyn FnMut(&crate::model::Entry) -> Result<()>,
    ) -> Result<usize> {
        let n = Narrowing::from_filter(filter)?;
        self.read(|conn| {
            let mut stmt = conn.prepare(concat!(
"SELECT e.uuid, e.kind, e.title, e.tags, e.occurred_on, e.created_at, e.updated_at, e.starred, e.revision,
                        e.deleted_at, e.body, ",
 super::rows::entry_project!(),
"
                 FROM entries AS e
                 WHERE e.deleted_at IS NULL
                   AND e.sort_key BETWEEN :lo AND :hi AND ",
 narrowed!(),
"
                 ORDER BY e.sort_key"))?;
            let mut rows = stmt.query(named_params! {
                ":lo": n.lo, ":hi": n.hi, ":kind": n.kind, ":starred": n.starred, ":tag": n.tag, ":project": n.project,
            })?;
            let mut count = 0;
            while let Some(row) = rows.next()? {
                visit(&super::rows::entry_from_row(row)?)?;
                count += 1;
            }
            Ok(count)
        })
    }
}

impl Journal {
    /// The first and last day of the live entries `filter` keeps (its limit
    /// and offset are ignored), without reading a single text: what a
    /// document's heading says before its entries stream in. The same
    /// narrowing as [`Journal::for_each_entry`], so the days stated are the
    /// days of the entries written.
    pub(crate) fn day_range(&self, filter: &ListFilter) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let n = Narrowing::from_filter(filter)?;
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(concat!(
                "SELECT min(e.occurred_on), max(e.occurred_on)
                 FROM entries AS e
                 WHERE e.deleted_at IS NULL
                   AND e.sort_key BETWEEN :lo AND :hi AND ",
                narrowed!()
            ))?;
            Ok(stmt.query_row(
                named_params! {
                    ":lo": n.lo, ":hi": n.hi, ":kind": n.kind, ":starred": n.starred, ":tag": n.tag, ":project": n.project,
                },
                |row| match (row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?) {
                    (Some(first), Some(last)) => Ok(Some((parse_day(&first)?, parse_day(&last)?))),
                    _ => Ok(None),
                },
            )?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SearchTerms, MAX_SEARCH_TERMS, MAX_TERM_CHARS};

    #[test]
    fn operators_typed_by_a_person_become_quoted_prefix_terms() {
        assert_eq!(fts_query("NEAR(a b)").as_deref(), Some("\"NEAR(a\"* \"b)\"*"));
        assert_eq!(fts_query("say \"hi\"").as_deref(), Some("\"say\"* \"\"\"hi\"\"\"*"));
    }

    #[test]
    fn punctuation_alone_is_not_a_search() {
        assert_eq!(fts_query(" - * ( \" "), None, "no term means no query, not an FTS syntax error");
    }

    #[test]
    fn a_word_repeated_in_any_case_is_searched_once() {
        let terms = parse_search(&"Meeting meeting MEETING ".repeat(100));
        assert_eq!(terms.query.as_deref(), Some("\"Meeting\"*"));
        assert!(!terms.trimmed, "repeating a word changes nothing that is found");
    }

    #[test]
    fn a_word_that_starts_another_word_adds_nothing_and_goes() {
        assert_eq!(fts_query("abc abcd").as_deref(), Some("\"abcd\"*"), "the wider term replaces the narrower");
        assert_eq!(fts_query("abcd abc").as_deref(), Some("\"abcd\"*"), "a narrower term after a wider one goes");
        assert_eq!(fts_query("team-lead team lead").as_deref(), Some("\"team-lead\"*"), "a phrase implies its words");
        assert_eq!(fts_query("ab c-d").as_deref(), Some("\"ab\"* \"c-d\"*"), "unrelated terms both stay");
        assert_eq!(
            fts_query("a-b ab").as_deref(),
            Some("\"a-b\"* \"ab\"*"),
            "\"a b\"* does not find \"ab\": both stay"
        );
        assert_eq!(fts_query("x-bc x-b").as_deref(), Some("\"x-bc\"*"), "only the last token of a phrase is a prefix");
        assert_eq!(fts_query("xb-c x-c").as_deref(), Some("\"xb-c\"* \"x-c\"*"), "inner tokens must match whole");
    }

    #[test]
    fn at_most_twelve_different_words_are_searched_and_the_rest_is_said() {
        let typed: Vec<String> = (0..2000).map(|i| format!("w{i}x")).collect();
        let terms = parse_search(&typed.join(" "));
        let query = terms.query.unwrap();
        assert_eq!(query.matches('*').count(), MAX_SEARCH_TERMS, "{query}");
        assert!(query.starts_with("\"w0x\"* \"w1x\"*"), "the first words typed are the ones searched: {query}");
        assert!(terms.trimmed);
        let note = SearchTerms { query: None, trimmed: true }.note().unwrap();
        assert!(note.starts_with(&format!("Only the first {MAX_SEARCH_TERMS} ")), "{note}");
        let twelve: Vec<String> = (0..MAX_SEARCH_TERMS).map(|i| format!("w{i}x")).collect();
        assert!(!parse_search(&twelve.join(" ")).trimmed, "exactly the limit is not trimmed");
    }

    #[test]
    fn a_long_word_is_cut_at_a_character_boundary_and_stays_a_prefix() {
        let terms = parse_search(&"é".repeat(10_000));
        assert_eq!(terms.query, Some(format!("\"{}\"*", "é".repeat(MAX_TERM_CHARS))));
        assert!(terms.trimmed);
        assert!(!parse_search(&"x".repeat(MAX_TERM_CHARS)).trimmed, "a word of exactly the limit is whole");
        let quotes = parse_search(&"\"".repeat(10_000));
        assert_eq!(quotes.query, None, "cut or not, punctuation alone is no search");
    }

    #[test]
    fn snippet_markers_become_parts_and_never_leak() {
        let parts = snippet_parts("a \u{2}hit\u{3} b");
        assert_eq!(
            parts,
            vec![
                SnippetPart { text: "a ".into(), hit: false },
                SnippetPart { text: "hit".into(), hit: true },
                SnippetPart { text: " b".into(), hit: false },
            ]
        );
    }
}
