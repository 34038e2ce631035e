//! Small tests and helpers on words that both the scan and the attribution use: word spans,
//! lower-casing for list look-ups, title case, determiners and function words.
//!
//! Decides: nothing about quotes or speakers; pure functions of a word or a stretch of text.

use crate::extract::EntityKind;

use crate::extract::vocabulary::{
    ABBREVIATIONS, ARTICLES, POSSESSIVE_DETERMINERS, QUANTIFIERS, STATE_ABBREVIATIONS,
};

use super::cues::LINKING_PREPOSITIONS;

/// Whether a word is lower case with letters.
pub(super) fn is_lowercase_word(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// The whitespace-separated words of `text[lo..hi]` as byte ranges. Every sentence of an
/// article passes through here, so ASCII is told apart by its byte and only other characters
/// are decoded (whitespace as `char::is_whitespace` has it).
pub(super) fn words_in(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    let mut i = lo;
    while i < hi {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        };
        match (space, start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, hi));
    }
    out
}

/// A word without surrounding punctuation, lower-cased for comparison with word lists.
pub(super) fn bare_lower(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// "WALLACE" as "Wallace".
pub(super) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// Whether `s` has a letter or digit.
pub(super) fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Whether a verb match is "according to", which names its speaker after it.
pub(super) fn is_according(verb: &str) -> bool {
    verb.eq_ignore_ascii_case("according to")
}

/// Whether a lower-cased word opens a description ("a", "the", "one", "another").
pub(super) fn is_determiner(lower: &str) -> bool {
    ARTICLES.contains(&lower)
        || POSSESSIVE_DETERMINERS.contains(&lower)
        || QUANTIFIERS.contains(&lower)
}

/// Whether an entity of this kind can speak.
pub(super) fn is_speaker_kind(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Person | EntityKind::Org)
}

/// Determiners and prepositions, which do not make a phrase a description.
pub(super) fn is_function_word(word: &str) -> bool {
    let lower = bare_lower(word);
    ARTICLES.contains(&lower.as_str()) || LINKING_PREPOSITIONS.contains(&lower.as_str())
}

/// Whether a word before a full stop is an abbreviation whose stop ends no sentence: as
/// listed ("vs", "etc"), or capitalised ("Mr", "Jun", "Calif"). State abbreviations count
/// only capitalised: "ill" and "miss" are words.
pub(super) fn is_abbreviation(word: &str) -> bool {
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let lower = word.to_lowercase();
    word.starts_with(char::is_uppercase)
        && (ABBREVIATIONS.contains(&lower.as_str())
            || STATE_ABBREVIATIONS.contains(&lower.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_any_whitespace_and_keep_their_offsets() {
        let text = "a  b\tc\u{a0}d\u{2003}é\nf ";
        let words: Vec<&str> = words_in(text, 0, text.len())
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["a", "b", "c", "d", "é", "f"]);
        assert_eq!(words_in(text, 1, 4), [(3, 4)]);
        assert_eq!(words_in("ab", 0, 2), [(0, 2)]);
    }
}
