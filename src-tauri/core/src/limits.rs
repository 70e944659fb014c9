//! Bounds on what comes from outside — files to import or open, shares,
//! identifiers and names inside them — and how such input is quoted back.
//!
//! A hostile or broken file must cost a bounded amount of memory and time:
//! sizes are checked before anything is read (the file's length first, then
//! the reading itself is capped, so a file that grows meanwhile is still
//! bounded). And a message about an input quotes a short excerpt of it, never
//! the megabytes it complains about.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The longest identifier accepted from outside: a source's key or uuid, a
/// share's id. Real ones are 32–40 characters.
pub const MAX_ID_CHARS: usize = 128;
/// The longest name of a person accepted from outside (a share's sender).
pub const MAX_NAME_CHARS: usize = 200;
/// How many characters of an input a message quotes.
pub const EXCERPT_CHARS: usize = 40;
/// How many characters of a parser's own message are kept: serde quotes the
/// value it did not expect, which may be anything a file holds.
const MESSAGE_CHARS: usize = 200;

/// The start of `text` to quote in a message: at most [`EXCERPT_CHARS`]
/// characters, then "…" if there was more. Line breaks and other control
/// characters become spaces, so the message stays one line.
pub fn excerpt(text: &str) -> String {
    shortened(text, EXCERPT_CHARS)
}

/// A message from a parser (serde, YAML, zip), shortened in the same way:
/// such messages may quote the input.
pub fn brief(message: impl std::fmt::Display) -> String {
    shortened(&message.to_string(), MESSAGE_CHARS)
}

/// The start of `text` in a message: at most `max` characters, then "…".
pub fn shortened(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// `text` cut to at most `max` characters, at a character boundary.
pub fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// Whether `text` has more than `max` characters, without counting past them.
pub fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().nth(max).is_some()
}

/// A file read with a cap on its size.
#[derive(Debug)]
pub enum Capped {
    /// The whole file, at most the cap.
    Bytes(Vec<u8>),
    /// The file is larger than the cap; nothing more than the cap (plus one
    /// byte) was read. `size` is its length as far as it is known.
    TooLarge { size: u64 },
}

/// Reads the file at `path` if it holds at most `cap` bytes. Its length is
/// checked before reading, and the reading stops one byte past the cap, so
/// neither a huge file nor one that grows meanwhile (or a device that never
/// ends) costs more than `cap` bytes of memory.
pub fn read_capped(path: &Path, cap: u64) -> std::io::Result<Capped> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > cap {
        return Ok(Capped::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Ok(Capped::TooLarge { size: size.max(bytes.len() as u64) });
    }
    Ok(Capped::Bytes(bytes))
}

/// The longest string any field of an import may hold, as JSON text: an
/// entry's text is at most 2 MB, and JSON may spell a character in up to
/// six bytes (`\uXXXX`).
pub const MAX_JSON_STRING_BYTES: usize = 16 * 1024 * 1024;

/// The length in bytes of the longest string literal in the JSON `text`
/// (a cheap scan, no parsing). Lets an import refuse a field of tens of
/// megabytes before the parser copies it.
pub fn longest_json_string(text: &str) -> usize {
    let (mut longest, mut start, mut inside, mut escaped) = (0, 0, false, false);
    for (at, byte) in text.bytes().enumerate() {
        if !inside {
            if byte == b'"' {
                inside = true;
                start = at;
            }
        } else if escaped {
            escaped = false;
        } else if byte == b'\\' {
            escaped = true;
        } else if byte == b'"' {
            inside = false;
            longest = longest.max(at - start - 1);
        }
    }
    if inside {
        longest = longest.max(text.len() - start - 1);
    }
    longest
}

/// `bytes` in whole megabytes (rounded down), for messages.
pub fn megabytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_json_string_is_measured_across_escapes() {
        assert_eq!(longest_json_string(r#"{"a": "xyz", "b": "x\"yz\\"}"#), 7, "the escapes count as written");
        assert_eq!(longest_json_string(r#"[1, 2, {"key": 3}]"#), 3);
        assert_eq!(longest_json_string(r#"{"open": "never closed"#), 12);
    }

    #[test]
    fn an_excerpt_keeps_the_first_forty_characters_on_one_line() {
        assert_eq!(excerpt("short"), "short");
        let long = "é".repeat(50);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(40)));
        assert_eq!(excerpt("a\nb\tc"), "a b c", "control characters never break the message's line");
        assert_eq!(excerpt(&"x".repeat(40)), "x".repeat(40), "exactly the limit is quoted whole");
    }

    #[test]
    fn cutting_stops_at_a_character_boundary() {
        assert_eq!(cut("héllo", 2), "hé");
        assert_eq!(cut("hi", 5), "hi");
        assert!(longer_than("héllo", 4) && !longer_than("héllo", 5));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_its_length_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        let file = File::create(&path).unwrap();
        file.set_len(1 << 40).unwrap(); // sparse: no disk used
        assert!(matches!(read_capped(&path, 1024).unwrap(), Capped::TooLarge { size } if size == 1 << 40));
        std::fs::write(&path, b"12345").unwrap();
        assert!(matches!(read_capped(&path, 5).unwrap(), Capped::Bytes(b) if b == b"12345"));
        assert!(matches!(read_capped(&path, 4).unwrap(), Capped::TooLarge { .. }));
    }

    #[test]
    fn a_device_that_never_ends_is_read_only_up_to_the_cap() {
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert!(matches!(read_capped(zero, 1024).unwrap(), Capped::TooLarge { .. }));
        }
    }
}
