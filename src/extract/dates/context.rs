//! Context a regex cannot see: the words just before and after a match ("in May", "Theresa
//! May", "2019 people"), and the word lists that make a bare month, season or year a date.
//!
//! Decides: whether the neighbouring words make a match a date. Leaves to others: the tense of
//! the sentence (`tense`) and what the date resolves to (`resolve`).

use super::calendar::month_number;
use super::resolve::POSSESSIVE;

/// Words that make a following bare year a date.
pub(super) const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "before",
    "after",
    "during",
    "from",
    "through",
    "throughout",
    "into",
    "circa",
    "year",
    "spring",
    "summer",
    "autumn",
    "winter",
];

/// Words that make a following bare year a date unless a counted noun follows ("by 2000 votes").
pub(super) const YEAR_WEAK_CONTEXT: &[&str] = &[
    "of", "by", "to", "between", "and", "or", "than", "the", "a", "its", "his", "her", "their",
    "for", "fall", "late", "early", "both", "that", "this", "due",
];

/// Words that introduce a bare month name as a date ("in May", "since March").
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "before", "after", "during", "of", "from", "through",
    "to", "between", "early", "late", "mid", "around", "last", "next", "this", "each", "every",
];

/// Words that introduce a bare season as a date ("in the fall", "during summer").
pub(super) const SEASON_CONTEXT: &[&str] = &[
    "in", "into", "during", "by", "until", "till", "since", "through", "over", "before", "after",
    "this", "that", "last", "next", "until",
];

/// Words after "the past"/"the future" that make it a duration ("the past week").
pub(super) const DURATION_FOLLOWERS: &[&str] = &[
    "few", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "century", "of", "hour", "hours",
];

/// Whether a bare month name is a date here; "May" and "March" need a preposition.
pub(super) fn bare_month_in_context(text: &str, start: usize, end: usize, name: &str) -> bool {
    if prev_word_in(text, start, MONTH_CONTEXT) {
        return true;
    }
    // "in May and August": a month in a list of months.
    if prev_word_in(text, start, &["and", "or", "to", "through"]) {
        let before = prev_word_span(text, start).map_or(start, |(s, _)| s);
        if prev_word(text, before).is_some_and(|w| month_number(w).is_some()) {
            return true;
        }
    }
    if matches!(name, "May" | "March") {
        return false;
    }
    // "April Ryan", "August Wilson": a month name before a capitalised word is a first name.
    !next_word(text, end).is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// The word (letters, digits, apostrophes) that ends just before `pos`, skipping spaces
/// and punctuation other than sentence ends.
pub(super) fn prev_word_span(text: &str, pos: usize) -> Option<(usize, usize)> {
    let head = text.get(..pos)?;
    let trimmed = head.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '-');
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'')
        .last()
        .map(|(i, _)| i)?;
    Some((start, end))
}

/// The word ending just before `pos`, if any.
pub(super) fn prev_word(text: &str, pos: usize) -> Option<&str> {
    prev_word_span(text, pos).and_then(|(s, e)| text.get(s..e))
}

/// The word starting just after `pos` (after spaces), if any.
pub(super) fn next_word(text: &str, pos: usize) -> Option<&str> {
    let tail = text.get(pos..)?.trim_start();
    let len = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\''))
        .map_or(tail.len(), |(i, _)| i);
    (len > 0).then(|| &tail[..len])
}

/// Whether `pos` opens a sentence (or the text).
pub(super) fn starts_sentence(text: &str, pos: usize) -> bool {
    let head = text.get(..pos).unwrap_or("").trim_end();
    head.is_empty() || head.ends_with(['.', '!', '?', '"', '\'', '”', '’', ':'])
}

/// Whether the word before `pos` is one of `words` (ASCII case-insensitive).
pub(super) fn prev_word_in(text: &str, pos: usize, words: &[&str]) -> bool {
    prev_word(text, pos).is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Whether the word after `pos` is one of `words` (ASCII case-insensitive).
pub(super) fn next_word_in(text: &str, pos: usize, words: &[&str]) -> bool {
    next_word(text, pos).is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Whether the previous word is itself a year, as in the list "1996, 1997 and 1998".
pub(super) fn prev_word_is_year(text: &str, pos: usize) -> bool {
    prev_word(text, pos).is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the previous word is a possessive ("the company's 1989 results").
pub(super) fn prev_word_is_possessive(text: &str, pos: usize) -> bool {
    prev_word(text, pos).is_some_and(|w| w.len() > 2 && POSSESSIVE.iter().any(|s| w.ends_with(s)))
}

/// Whether a currency or number sign is glued to the front ("$2000", "#1999").
pub(super) fn preceded_by_symbol(text: &str, pos: usize) -> bool {
    text.get(..pos)
        .and_then(|h| h.chars().next_back())
        .is_some_and(|c| matches!(c, '$' | '€' | '£' | '#' | '.' | ',' | '/' | ':'))
}

/// Whether the number goes on ("2019.5", "2019,000", "2019-20"), so it is no year.
pub(super) fn followed_by_number(text: &str, pos: usize) -> bool {
    let mut chars = text.get(pos..).unwrap_or("").chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('.' | ',' | ':'), Some('0'..='9')) | (Some('%'), _)
    )
}

/// Whether a plural noun follows, as after a count ("2000 people", "1500 votes").
pub(super) fn followed_by_counted_noun(text: &str, pos: usize) -> bool {
    next_word(text, pos).is_some_and(|w| {
        w.starts_with(|c: char| c.is_lowercase())
            && (w.ends_with('s') || ["people", "men", "women", "children"].contains(&w))
            && !["was", "has", "is", "as"].contains(&w)
    })
}
