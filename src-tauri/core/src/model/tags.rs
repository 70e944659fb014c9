//! Tags are normalised once, here, so that `Leadership`, `#leadership` and
//! ` leadership ` are the same tag everywhere: stored, filtered and searched.

use crate::error::{Error, Result};
use crate::limits::excerpt;

pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_TAGS: usize = 50;

/// The normal form of one tag: trimmed, without a leading `#` or `@`,
/// lower-cased (Unicode-aware), inner whitespace turned into `-`.
/// Returns `None` for a tag that is empty once normalised.
pub fn normalize_tag(raw: &str) -> Option<String> {
    let trimmed = raw.trim().trim_start_matches(['#', '@']).trim();
    if trimmed.is_empty() {
        return None;
    }
    let joined = trimmed.split_whitespace().collect::<Vec<_>>().join("-");
    Some(joined.to_lowercase())
}

/// Normalises, de-duplicates and sorts a list of tags, refusing ones that are
/// too long or too many.
pub fn normalize_tags<S: AsRef<str>>(raw: &[S]) -> Result<Vec<String>> {
    let too_long = |tag: &str| {
        Error::out_of_range(format!(
            "The tag \"{}\" is longer than {MAX_TAG_CHARS} characters. Use a shorter tag.",
            excerpt(tag)
        ))
    };
    let mut tags = Vec::with_capacity(raw.len().min(MAX_TAGS + 1));
    for raw in raw {
        let raw = raw.as_ref().trim();
        // Counted before normalising, so that a tag of megabytes is refused
        // without being copied: its letters all stay (lower case is never
        // shorter), so more of them than the limit is too long.
        if raw.trim_start_matches(['#', '@']).chars().filter(|c| !c.is_whitespace()).nth(MAX_TAG_CHARS).is_some() {
            return Err(too_long(raw));
        }
        let Some(tag) = normalize_tag(raw) else { continue };
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(too_long(&tag));
        }
        if tag.contains(',') {
            return Err(Error::invalid(format!(
                "The tag \"{}\" contains a comma. Give each tag separately.",
                excerpt(&tag)
            )));
        }
        tags.push(tag);
    }
    tags.sort();
    tags.dedup();
    if tags.len() > MAX_TAGS {
        return Err(Error::out_of_range(format!(
            "An entry can have at most {MAX_TAGS} tags; this one has {}.",
            tags.len()
        )));
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_differing_only_in_case_and_marks_are_one_tag() {
        let tags = normalize_tags(&["Leadership", "#leadership", " @LEADERSHIP "]).unwrap();
        assert_eq!(tags, vec!["leadership"], "case, # and @ must not split a tag");
    }

    #[test]
    fn inner_spaces_become_dashes_and_empty_tags_vanish() {
        let tags = normalize_tags(&["Cross  team", "  ", "#"]).unwrap();
        assert_eq!(tags, vec!["cross-team"]);
    }

    #[test]
    fn overlong_tag_is_refused_with_a_sentence() {
        let long = "a".repeat(MAX_TAG_CHARS + 1);
        let err = normalize_tags(&[long]).unwrap_err();
        assert!(err.to_string().contains("shorter tag"), "{err}");
        assert!(normalize_tags(&[format!("#{}", "a".repeat(MAX_TAG_CHARS))]).is_ok(), "the # is not counted");
        let spaced = format!("a{}b", " ".repeat(1000));
        assert_eq!(normalize_tags(&[spaced]).unwrap(), vec!["a-b"], "spaces that fold away are not counted");
    }

    #[test]
    fn a_tag_of_megabytes_is_refused_with_a_short_message() {
        let huge = "Ab".repeat(25 * 1024 * 1024);
        let message = normalize_tags(&[huge]).unwrap_err().to_string();
        assert!(message.len() < 200, "the message quotes an excerpt, not the tag: {} bytes", message.len());
        assert!(message.contains("AbAbAb") && message.contains('…'), "{message}");
    }
}
