//! A generator of realistic journals for benchmarks and UI performance runs:
//! entries of 50–800 words with a skewed (Zipf-like) vocabulary, a spread of
//! kinds, tags and days. Seeded, so every run builds the same journal.
//!
//! Three marker words make search benchmarks meaningful at any size:
//! [`RARE_WORD`] is in about 1 entry in 1,000, [`COMMON_WORD`] in about half,
//! and words starting with [`PREFIX`] are in about 1 entry in 10.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

use crate::model::{EntryDraft, EntryId, Kind};

pub const RARE_WORD: &str = "serendipity";
pub const COMMON_WORD: &str = "conversation";
pub const PREFIX: &str = "reflec";

const BASE_WORDS: &[&str] = &[
    "the",
    "and",
    "to",
    "of",
    "a",
    "I",
    "in",
    "that",
    "it",
    "was",
    "with",
    "my",
    "for",
    "we",
    "on",
    "team",
    "they",
    "is",
    "this",
    "me",
    "but",
    "about",
    "what",
    "meeting",
    "felt",
    "not",
    "when",
    "so",
    "had",
    "at",
    "how",
    "would",
    "said",
    "next",
    "time",
    "asked",
    "people",
    "work",
    "project",
    "because",
    "think",
    "more",
    "she",
    "he",
    "them",
    "there",
    "manager",
    "question",
    "listen",
    "decision",
    "week",
    "noticed",
    "again",
    "feedback",
    "change",
    "trust",
    "group",
    "coach",
    "learning",
    "plan",
    "tried",
    "expected",
    "surprised",
    "quiet",
    "energy",
    "colleague",
    "board",
    "budget",
    "deadline",
    "stakeholder",
    "challenge",
    "together",
    "pressure",
    "silence",
    "curious",
    "assumption",
    "delegate",
    "priority",
    "customer",
    "strategy",
    "habit",
    "insight",
    "tension",
    "calm",
    "honest",
    "support",
];

const TAGS: &[&str] = &[
    "delegation",
    "feedback",
    "listening",
    "one-to-one",
    "board",
    "conflict",
    "strategy",
    "hiring",
    "energy",
    "stakeholders",
    "coaching",
    "peer-group",
    "planning",
    "trust",
    "decisions",
    "meetings",
    "focus",
    "culture",
    "change",
    "wellbeing",
    "budget",
    "customers",
    "team-a",
    "team-b",
    "offsite",
    "mentoring",
    "habits",
    "voice",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "ta", "vor", "sel", "an", "ti", "qua", "ber", "dol", "fin", "gra", "hu", "jen", "ko",
    "lum", "nex", "or", "pra", "ris", "sto", "ul", "vex", "wen", "yar", "zu", "tion", "ment", "ing", "ly",
];

/// A generated entry and when it was written.
#[derive(Debug, Clone)]
pub struct SampleEntry {
    pub id: EntryId,
    pub draft: EntryDraft,
    pub written_at: DateTime<FixedOffset>,
}

/// Generates entries deterministically from a seed.
pub struct SampleJournal {
    rng: fastrand::Rng,
    vocabulary: Vec<String>,
    /// Cumulative Zipf weights over `vocabulary`.
    cumulative: Vec<f64>,
    first_day: NaiveDate,
    days: i64,
}

impl SampleJournal {
    /// Entries spread over `days` days starting at `first_day`.
    pub fn new(seed: u64, first_day: NaiveDate, days: i64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut vocabulary: Vec<String> = BASE_WORDS.iter().map(|w| (*w).to_owned()).collect();
        while vocabulary.len() < 20_000 {
            let parts = rng.usize(2..=4);
            let word: String = (0..parts).map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())]).collect();
            vocabulary.push(word);
        }
        let mut total = 0.0;
        let cumulative = (1..=vocabulary.len())
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(1.05);
                total
            })
            .collect();
        SampleJournal { rng, vocabulary, cumulative, first_day, days: days.max(1) }
    }

    fn word(&mut self) -> &str {
        let total = *self.cumulative.last().expect("vocabulary is not empty");
        let target = self.rng.f64() * total;
        let index = self.cumulative.partition_point(|&c| c < target).min(self.vocabulary.len() - 1);
        &self.vocabulary[index]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut text = String::new();
        for i in 0..words {
            let word = self.word().to_owned();
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(&word);
            }
        }
        text.push('.');
        text
    }

    /// The next entry.
    pub fn next_entry(&mut self) -> SampleEntry {
        let rng = &mut self.rng;
        let kind = match rng.u8(..100) {
            0..=54 => Kind::Reflection,
            55..=69 => Kind::Experiment,
            70..=84 => Kind::Outcome,
            85..=91 => Kind::SessionPrep,
            92..=97 => Kind::SessionNotes,
            _ => Kind::CoachFeedback,
        };
        let day = self.first_day + Duration::days(rng.i64(0..self.days));
        let hour = rng.u32(6..23);
        let minute = rng.u32(..60);
        let offset = FixedOffset::east_opt(3600).expect("valid offset");
        let written_at = offset
            .from_local_datetime(&day.and_hms_opt(hour, minute, 0).expect("valid time"))
            .single()
            .expect("fixed offsets are unambiguous");
        let id = EntryId::from_uuid(uuid::Builder::from_random_bytes(self.rng.u128(..).to_le_bytes()).into_uuid());
        let tag_count = self.rng.usize(0..=3);
        let tags: Vec<String> = (0..tag_count).map(|_| TAGS[self.rng.usize(..TAGS.len())].to_owned()).collect();
        let starred = self.rng.u8(..100) < 5;
        let target_words = self.rng.usize(50..=800);
        let title_words = self.rng.usize(3..=7);
        let title = self.sentence(title_words).trim_end_matches('.').to_owned();

        let mut body = String::with_capacity(target_words * 7);
        let mut written = 0;
        let mut markers: Vec<&str> = Vec::new();
        if self.rng.u16(..1000) == 0 {
            markers.push(RARE_WORD);
        }
        if self.rng.bool() {
            markers.push(COMMON_WORD);
        }
        if self.rng.u8(..10) == 0 {
            markers.push(["reflection", "reflective", "reflected"][self.rng.usize(..3)]);
        }
        while written < target_words {
            let words = self.rng.usize(6..=18).min(target_words - written).max(1);
            let mut sentence = self.sentence(words);
            if let Some(marker) = markers.pop() {
                sentence.insert_str(sentence.len() - 1, &format!(" {marker}"));
            }
            if !body.is_empty() {
                body.push_str(if self.rng.u8(..5) == 0 { "\n\n" } else { " " });
            }
            body.push_str(&sentence);
            written += words;
        }
        let draft = EntryDraft { kind, title, body, tags, occurred_on: Some(day), starred };
        SampleEntry { id, draft, written_at }
    }
}

impl Iterator for SampleJournal {
    type Item = SampleEntry;

    fn next(&mut self) -> Option<SampleEntry> {
        Some(self.next_entry())
    }
}
