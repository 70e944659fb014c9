//! Tags are normalised once, here, so that `Leadership`, `#leadership` and
//! ` leadership ` are the same tag everywhere: stored, filtered and searched.

use crate::error::{Error, Result};

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
    let mut tags = Vec::with_capacity(raw.len());
    for tag in raw.iter().filter_map(|t| normalize_tag(t.as_ref())) {
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid(format!(
                "The tag \"{tag}\" is longer than {MAX_TAG_CHARS} characters. Use a shorter tag."
            )));
        }
        if tag.contains(',') {
            return Err(Error::invalid(format!("The tag \"{tag}\" contains a comma. Give each tag separately.")));
        }
        tags.push(tag);
    }
    tags.sort();
    tags.dedup();
    if tags.len() > MAX_TAGS {
        return Err(Error::invalid(format!("An entry can have at most {MAX_TAGS} tags; this one has {}.", tags.len())));
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
    }
}
