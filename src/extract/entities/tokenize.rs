//! The raw-text tokenizer: byte offsets, words whose abbreviations keep their dot, numbers,
//! punctuation, and sentence starts at line breaks and end punctuation.
//!
//! Decides: where tokens and sentences begin and end. Leaves to others: what a token means
//! (`words`) and the model's own tokens (`model`).

use super::words::ABBREVIATIONS;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (and digits) with internal `'` `-` `.` `&`: "O'Brien", "U.S.", "AT&T", "5G".
    Word,
    /// Digits with internal `.` `,` `:`: "1.13", "2,000", "3:05".
    Number,
    /// One character of anything else.
    Punct,
}

/// One token of raw text, located by UTF-8 byte offsets into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The exact slice `text[start..end]`.
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokenKind,
    /// First token of a sentence (or of a line, or right after a colon or opening quote).
    pub(crate) sentence_start: bool,
}

/// Splits raw text into words, numbers and punctuation, with sentence starts marked.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(text.len() / 5 + 1);
    let mut newline_since_last = true;
    let mut start = 0;
    while let Some(c) = text.get(start..).and_then(|rest| rest.chars().next()) {
        if c.is_whitespace() {
            newline_since_last |= is_line_break(c);
            start += c.len_utf8();
            continue;
        }
        let (end, kind) = if c.is_alphanumeric() {
            scan_word(text, start)
        } else {
            (start + c.len_utf8(), TokenKind::Punct)
        };
        let slice = &text[start..end];
        let sentence_start = newline_since_last || tokens.last().is_none_or(opens_sentence);
        tokens.push(Token {
            text: slice,
            start,
            end,
            kind,
            sentence_start,
        });
        newline_since_last = false;
        start = end;
    }
    tokens
}

/// Line and paragraph separators: a line break always ends a sentence (headings, bylines).
pub(super) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Whether the token after `prev` starts a sentence: after end punctuation, a colon, or an
/// opening quote or bracket that itself started one.
fn opens_sentence(prev: &Token<'_>) -> bool {
    match prev.text {
        "." | "!" | "?" | "…" | ":" | ";" | "•" => true,
        "\"" | "“" | "‘" | "'" | "(" | "[" | "-" | "–" | "—" | "*" => prev.sentence_start,
        _ => false,
    }
}

/// Scans a word or number starting at `start` (an alphanumeric char); returns its end and kind.
fn scan_word(text: &str, start: usize) -> (usize, TokenKind) {
    let rest = &text[start..];
    let mut end = start;
    let mut all_digits = true;
    let mut has_dot = false;
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            all_digits &= c.is_ascii_digit();
        } else if i > 0
            && is_joiner(c, all_digits)
            && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
        {
            has_dot |= c == '.';
        } else {
            break;
        }
        end = start + i + c.len_utf8();
    }
    if all_digits {
        return (end, TokenKind::Number);
    }
    // "Mr.", "Corp.", "U.S.", "J.": the period belongs to the word and ends no sentence.
    if text[end..].starts_with('.') && (has_dot || is_abbreviation(&text[start..end])) {
        end += 1;
    }
    (end, TokenKind::Word)
}

/// Characters allowed inside a word between two alphanumerics.
fn is_joiner(c: char, in_number: bool) -> bool {
    match c {
        '\'' | '’' | '-' | '‐' | '.' | '&' => true,
        ',' | ':' => in_number,
        _ => false,
    }
}

/// A known abbreviation or a single-letter initial ("J" in "J. K. Rowling").
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let single_upper = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    single_upper || with_lowercase(word, |w| ABBREVIATIONS.contains(w))
}

/// Calls `f` with the lowercase form of `word`, on the stack for short ASCII words (no
/// allocation on the hot path), allocating only for long or non-ASCII words.
pub(super) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 32;
    if word.is_ascii() && word.len() <= MAX {
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lowercasing ASCII keeps it valid UTF-8; the fallback is never taken.
        f(std::str::from_utf8(lower).unwrap_or(word))
    } else {
        f(&word.to_lowercase())
    }
}
