//! Full-text search: prefixes, diacritics, snippets, order, filters, and
//! anything a person may type.

use praxis_core::{EntryDraft, Kind, ListFilter, SearchOrder};

use crate::common::*;

fn search(journal: &praxis_core::Journal, typed: &str) -> Vec<String> {
    let hits = journal.search(typed, &ListFilter::default(), SearchOrder::Newest).expect("search never fails on input");
    hits.iter().map(|h| h.entry.title.clone()).collect()
}

#[test]
fn a_partial_word_finds_the_whole_word() {
    let journal = temp_journal();
    add(&journal, &draft("Friday", "A long reflection on the offsite."), "2026-05-01T09:00:00Z");
    assert_eq!(search(&journal, "reflec"), vec!["Friday"]);
    assert_eq!(search(&journal, "REFLEC off"), vec!["Friday"], "every word is a prefix, case does not matter");
    assert!(search(&journal, "eflection").is_empty(), "prefixes, not infixes");
}

#[test]
fn diacritics_are_folded_in_both_directions() {
    let journal = temp_journal();
    add(&journal, &draft("Zürich", "Coffee at the café with Renée."), "2026-05-01T09:00:00Z");
    add(&journal, &draft("Plain", "a cafe and a resume"), "2026-05-02T09:00:00Z");
    assert_eq!(search(&journal, "zurich"), vec!["Zürich"]);
    assert_eq!(search(&journal, "renee"), vec!["Zürich"]);
    assert_eq!(search(&journal, "café"), vec!["Plain", "Zürich"], "an accent typed finds the plain spelling too");
    assert_eq!(search(&journal, "résumé"), vec!["Plain"]);
}

#[test]
fn titles_texts_and_tags_are_all_searched() {
    let journal = temp_journal();
    add(&journal, &draft("Budget review", "numbers"), "2026-05-01T09:00:00Z");
    add(&journal, &draft("Walk", "talked about the budget"), "2026-05-02T09:00:00Z");
    let mut tagged = draft("Quiet day", "nothing");
    tagged.tags = vec!["budget-cuts".into()];
    add(&journal, &tagged, "2026-05-03T09:00:00Z");
    assert_eq!(search(&journal, "budget"), vec!["Quiet day", "Walk", "Budget review"]);
}

#[test]
fn an_edited_entry_is_found_by_its_new_words_only() {
    let journal = temp_journal();
    let entry = add(&journal, &draft("Morning", "coffee and rain"), "2026-05-01T07:00:00Z");
    journal.update_entry(entry.id, &draft("Morning", "tea and sun"), at("2026-05-01T08:00:00Z")).unwrap();
    assert_eq!(search(&journal, "tea"), vec!["Morning"], "the index must follow edits");
    assert!(search(&journal, "coffee").is_empty(), "replaced words must leave the index");
    let mut moved = journal.get_entry(entry.id).unwrap().draft();
    moved.occurred_on = Some(day("2026-06-01"));
    journal.update_entry(entry.id, &moved, at("2026-05-01T09:00:00Z")).unwrap();
    assert_eq!(search(&journal, "sun"), vec!["Morning"], "moving the entry to another day keeps it findable");
    assert!(journal.check().unwrap().is_healthy(), "and the index stays consistent");
}

#[test]
fn newest_is_the_default_order_and_relevance_puts_the_best_match_first() {
    let journal = temp_journal();
    add(
        &journal,
        &draft("Delegation", "What I learned about delegation and delegation again."),
        "2026-05-01T09:00:00Z",
    );
    add(
        &journal,
        &draft("Tuesday", "a passing mention of delegation among many other words here"),
        "2026-05-09T09:00:00Z",
    );
    assert_eq!(search(&journal, "delegation"), vec!["Tuesday", "Delegation"]);
    let ranked = journal.search("delegation", &ListFilter::default(), SearchOrder::Relevance).unwrap();
    assert_eq!(ranked[0].entry.title, "Delegation", "a title match outranks a passing mention");
}

#[test]
fn snippets_mark_the_matching_words() {
    let journal = temp_journal();
    add(&journal, &draft("Note", "We spoke about trust and then about trusting the team."), "2026-05-01T09:00:00Z");
    let hits = journal.search("trust", &ListFilter::default(), SearchOrder::Newest).unwrap();
    let marked: Vec<&str> = hits[0].snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, vec!["trust", "trusting"]);
    let text: String = hits[0].snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(text.contains("We spoke about trust and then"), "the snippet is the text around the hit: {text}");
}

#[test]
fn anything_a_person_types_is_searched_as_text_and_never_fails() {
    let journal = temp_journal();
    add(&journal, &draft("Colours", "black and white, near the door, not now"), "2026-05-01T09:00:00Z");
    let hostile = [
        "\"",
        "\"\"",
        "a\"b",
        "-",
        "-black",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(black white)",
        "(",
        ")",
        "((",
        "*",
        "black*",
        "^black",
        "title:black",
        "{title body}: black",
        ":",
        "+",
        "'",
        "\\",
        "%",
        "_",
        "black AND",
        "OR white",
        "NOT black",
        "\u{0}",
        "🙂",
        "黑",
        "black \"and",
        "'; DROP TABLE entries; --",
        &"x".repeat(10_000),
    ];
    for typed in hostile {
        assert!(
            journal.search(typed, &ListFilter::default(), SearchOrder::Newest).is_ok(),
            "search failed for {typed:?}"
        );
        assert!(
            journal.search(typed, &ListFilter::default(), SearchOrder::Relevance).is_ok(),
            "ranked failed: {typed:?}"
        );
    }
    assert_eq!(search(&journal, "AND"), vec!["Colours"], "AND is a word to find, not an operator");
    assert_eq!(search(&journal, "NEAR"), vec!["Colours"]);
    assert_eq!(search(&journal, "NOT black"), vec!["Colours"], "NOT does not negate");
    assert_eq!(search(&journal, "-black"), vec!["Colours"], "a dash does not exclude");
    assert_eq!(search(&journal, "\"black and\""), vec!["Colours"]);
    assert!(search(&journal, "  ").is_empty(), "nothing typed finds nothing");
    assert!(journal.check().unwrap().is_healthy(), "and the journal is untouched");
}

#[test]
fn filters_narrow_a_search() {
    let journal = temp_journal();
    let mut exp = EntryDraft::new(Kind::Experiment, "Try silence", "pause before answering");
    exp.tags = vec!["listening".into()];
    exp.occurred_on = Some(day("2026-04-02"));
    add(&journal, &exp, "2026-04-02T09:00:00Z");
    let mut starred = draft("Pause worked", "the pause helped");
    starred.starred = true;
    starred.occurred_on = Some(day("2026-04-20"));
    add(&journal, &starred, "2026-04-20T09:00:00Z");
    add(&journal, &draft("Later pause", "pause again"), "2026-06-01T09:00:00Z");

    let by = |filter: ListFilter| -> Vec<String> {
        journal.search("pause", &filter, SearchOrder::Newest).unwrap().into_iter().map(|h| h.entry.title).collect()
    };
    assert_eq!(by(ListFilter { kind: Some(Kind::Experiment), ..Default::default() }), vec!["Try silence"]);
    assert_eq!(by(ListFilter { tag: Some("Listening".into()), ..Default::default() }), vec!["Try silence"]);
    assert_eq!(by(ListFilter { starred: Some(true), ..Default::default() }), vec!["Pause worked"]);
    assert_eq!(
        by(ListFilter { from: Some(day("2026-04-01")), to: Some(day("2026-04-30")), ..Default::default() }),
        vec!["Pause worked", "Try silence"]
    );
    assert!(by(ListFilter { tag: Some("no-such-tag".into()), ..Default::default() }).is_empty());
}

/// A journal of `count` generated entries, added in one transaction (the
/// generator the benchmark uses, only smaller).
fn sample_journal(count: usize) -> TempJournal {
    let journal = temp_journal();
    let samples = praxis_core::sample::SampleJournal::new(42, day("2025-01-01"), 365).take(count);
    journal.add_sample_entries(samples).unwrap();
    journal
}

fn ids(journal: &praxis_core::Journal, typed: &str, order: SearchOrder) -> Vec<praxis_core::EntryId> {
    let all = ListFilter { limit: Some(1000), ..Default::default() };
    journal.search(typed, &all, order).unwrap().into_iter().map(|h| h.entry.id).collect()
}

#[test]
fn a_word_typed_a_hundred_times_finds_the_same_entries_as_the_word_once() {
    use praxis_core::sample::COMMON_WORD;
    let journal = sample_journal(300);
    let once = ids(&journal, COMMON_WORD, SearchOrder::Newest);
    assert!(once.len() > 10, "the common word is common: {} hits", once.len());
    let mut hundred = vec![COMMON_WORD.to_owned(); 50];
    hundred.extend(vec![COMMON_WORD.to_uppercase(); 50]);
    let hundred = hundred.join(" ");
    assert_eq!(ids(&journal, &hundred, SearchOrder::Newest), once);
    assert_eq!(ids(&journal, &hundred, SearchOrder::Relevance), ids(&journal, COMMON_WORD, SearchOrder::Relevance));
    assert!(!journal.search_was_trimmed(&hundred), "nothing was left out: the same word is the same search");
}

#[test]
fn a_ten_kilobyte_word_and_two_thousand_words_return_promptly_and_are_said_to_be_trimmed() {
    use praxis_core::sample::COMMON_WORD;
    let journal = sample_journal(300);
    let long_word = COMMON_WORD.repeat(10 * 1024 / COMMON_WORD.len());
    assert!(ids(&journal, &long_word, SearchOrder::Newest).is_empty(), "no entry holds the long word's start");
    assert!(journal.search_was_trimmed(&long_word));

    // Real words first (so the search has work to do), then made-up ones.
    let mut words: Vec<String> = Vec::new();
    for hit in journal.search(COMMON_WORD, &ListFilter::default(), SearchOrder::Newest).unwrap() {
        for part in hit.snippet {
            for word in part.text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 3) {
                let word = word.to_lowercase();
                if !words.iter().any(|w| w.starts_with(&word) || word.starts_with(w.as_str())) {
                    words.push(word);
                }
            }
        }
    }
    words.extend((0..2000).map(|i| format!("made{i}up")));
    words.truncate(2000);
    let typed = words.join(" ");
    assert!(journal.search_was_trimmed(&typed));
    let first = words[..praxis_core::model::MAX_SEARCH_TERMS].join(" ");
    assert!(!journal.search_was_trimmed(&first));
    for order in [SearchOrder::Newest, SearchOrder::Relevance] {
        assert_eq!(ids(&journal, &typed, order), ids(&journal, &first, order), "the first twelve words are searched");
    }
    let note = praxis_core::model::parse_search(&typed).note().expect("a trimmed search has a note");
    assert!(note.contains("Only the first 12"), "{note}");
}
