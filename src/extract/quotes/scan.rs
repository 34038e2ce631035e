//! Finding the quotes: pairing quotation marks paragraph by paragraph, chaining the parts of a
//! statement that runs over several paragraphs, and leaving out titles and term mentions.
//!
//! Decides: where a quote starts and ends and whether it is speech. Leaves to others: who said
//! it (`attribute`).

use super::cues::{
    MAX_TERM_WORDS, MAX_TITLE_WORDS, PRONOUNS, TERM_CUES, TITLE_CUES, TITLE_PREPOSITIONS,
    TITLE_SMALL_WORDS,
};
use super::words::bare_lower;
use super::Span;

/// A quotation mark as it stands in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// `"`, whose direction comes from its neighbours.
    Straight,
    /// `“` or `„`.
    DoubleOpen,
    /// `”`.
    DoubleClose,
    /// `‘`.
    SingleOpen,
    /// `’`, far more often an apostrophe.
    SingleClose,
}

/// A quote whose closing mark has not been seen yet.
#[derive(Debug, Clone, Copy)]
struct OpenMark {
    mark: usize,
    content: usize,
    single: bool,
    /// The chain of a part that continues an earlier one in the same line.
    chain: Option<usize>,
}

/// The non-empty lines of `text` as byte ranges, without their line breaks.
pub(super) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        if text[start..end].bytes().any(|b| !b.is_ascii_whitespace()) {
            out.push((start, end));
        }
        start += line.len();
    }
    out
}

/// The quotation mark starting at byte `i`, with its length.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Mark, usize)> {
    match bytes[i] {
        b'"' => Some((Mark::Straight, 1)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0x9C) | Some(0x9E) => Some((Mark::DoubleOpen, 3)),
            Some(0x9D) => Some((Mark::DoubleClose, 3)),
            Some(0x98) => Some((Mark::SingleOpen, 3)),
            Some(0x99) => Some((Mark::SingleClose, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a mark between `prev` and `next` looks like it opens a quote.
fn opens_like(prev: Option<char>, next: Option<char>) -> bool {
    let after_gap = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/“‘".contains(c));
    after_gap && next.is_some_and(|c| !c.is_whitespace())
}

/// Whether a mark between `prev` and `next` looks like it closes a quote.
fn closes_like(prev: Option<char>, next: Option<char>) -> bool {
    let after_word = prev.is_some_and(|c| !c.is_whitespace());
    after_word && next.is_none_or(|c| c.is_whitespace() || is_punctuation(c))
}

/// Punctuation that may follow a closing mark.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "—–…”’".contains(c)
}

/// All quoted stretches of the text, in order, with multi-paragraph quotes chained.
pub(super) fn scan_quotes(text: &str, paragraphs: &[(usize, usize)]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut chains = 0;
    let mut carried_chain: Option<usize> = None;
    for (index, &(start, end)) in paragraphs.iter().enumerate() {
        let first_span = spans.len();
        let open = scan_paragraph(text, index, start, end, &mut chains, &mut spans);
        if let Some(chain) = carried_chain.take() {
            // The part that continues the previous paragraph opens at the paragraph's start.
            if let Some(span) = spans.get_mut(first_span) {
                if text[start..span.open].trim().is_empty() {
                    span.chain = Some(chain);
                }
            }
        }
        let Some(open) = open else { continue };
        let continues = paragraphs
            .get(index + 1)
            .is_some_and(|&(next, next_end)| opens_paragraph(text, next, next_end, open.single));
        if !continues {
            continue;
        }
        // A mark left open has no span yet: its chain is the one it continues, if any.
        let chain = open.chain.unwrap_or_else(|| {
            chains += 1;
            chains
        });
        if let Some(span) = make_span(text, index, open, end, end, Some(chain)) {
            spans.push(span);
        }
        carried_chain = Some(chain);
    }
    spans
}

/// Whether the paragraph at `start..end` begins with an opening mark of the given kind.
fn opens_paragraph(text: &str, start: usize, end: usize, single: bool) -> bool {
    let body = text[start..end].trim_start();
    match body.chars().next() {
        Some('"') | Some('“') | Some('„') => !single,
        Some('‘') => single,
        _ => false,
    }
}

/// Scans one paragraph, pushing its closed quotes; returns a mark left open at its end.
/// `chains` counts the chains made so far, for a quote whose paragraphs were run together.
fn scan_paragraph(
    text: &str,
    index: usize,
    start: usize,
    end: usize,
    chains: &mut usize,
    spans: &mut Vec<Span>,
) -> Option<OpenMark> {
    let bytes = text.as_bytes();
    let mut open: Option<OpenMark> = None;
    let mut i = start;
    while i < end {
        let Some((mark, len)) = mark_at(bytes, i) else {
            i += 1;
            continue;
        };
        let prev = text[start..i].chars().next_back();
        let next = text[i + len..end].chars().next();
        let here = |single| OpenMark {
            mark: i,
            content: i + len,
            single,
            chain: None,
        };
        let double_open = open.filter(|o| !o.single);
        match mark {
            // `<tweet author="x">`: an attribute value in markup, not a quote.
            Mark::Straight if prev == Some('=') => {}
            Mark::Straight => match double_open {
                Some(o) if opens_like(prev, next) && !closes_like(prev, next) => {
                    // A fresh opener while one is open: the earlier mark was never closed.
                    // After a finished sentence, that is a quote of several paragraphs whose
                    // line breaks were lost ("…a major slowdown. "Whereas…"): the earlier part
                    // ends here, and the two share their speaker. Otherwise the earlier mark
                    // was a stray.
                    let mut fresh = here(false);
                    if ends_sentence(&text[o.content..i]) {
                        let chain = o.chain.unwrap_or_else(|| {
                            *chains += 1;
                            *chains
                        });
                        spans.extend(make_span(text, index, o, i, i, Some(chain)));
                        fresh.chain = Some(chain);
                    }
                    open = Some(fresh);
                }
                Some(o) => {
                    spans.extend(make_span(text, index, o, i, i + len, o.chain));
                    open = None;
                }
                None if closes_like(prev, next) && !opens_like(prev, next) => {}
                None => open = Some(here(false)),
            },
            Mark::DoubleOpen => open = Some(here(false)),
            Mark::DoubleClose => match double_open {
                Some(o) => {
                    spans.extend(make_span(text, index, o, i, i + len, o.chain));
                    open = None;
                }
                // Some sites use the closing mark on both sides.
                None if opens_like(prev, next) && !closes_like(prev, next) => {
                    open = Some(here(false));
                }
                None => {}
            },
            Mark::SingleOpen => {
                let quoting = opens_like(prev, next) && next.is_some_and(char::is_alphanumeric);
                if double_open.is_none() && quoting {
                    open = Some(here(true));
                }
            }
            Mark::SingleClose => {
                let closing = closes_like(prev, next) && !next.is_some_and(char::is_alphanumeric);
                if let Some(o) = open.filter(|o| o.single && closing) {
                    spans.extend(make_span(text, index, o, i, i + len, None));
                    open = None;
                }
            }
        }
        i += len;
    }
    open
}

/// Whether quoted words end a sentence: their last character, spaces aside, is `.`, `?` or
/// `!`.
pub(super) fn ends_sentence(words: &str) -> bool {
    words.trim_end().ends_with(['.', '?', '!'])
}

/// A span for the words between an opening mark and `close` (the closing mark's offset),
/// or `None` when nothing worth quoting is inside.
fn make_span(
    text: &str,
    paragraph: usize,
    open: OpenMark,
    close: usize,
    close_end: usize,
    chain: Option<usize>,
) -> Option<Span> {
    let inner = &text[open.content..close];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    // A comma before the closing mark is the newspaper's punctuation, not the speaker's words.
    let words = trimmed.trim_end_matches(',').trim_end();
    if !words.chars().any(char::is_alphanumeric) {
        return None;
    }
    let start = open.content + lead;
    Some(Span {
        open: open.mark,
        start,
        end: start + words.len(),
        raw_end: start + trimmed.len(),
        close_end,
        paragraph,
        chain,
    })
}

/// Whether a quoted stretch is the title of a work or the mention of a term, not speech.
pub(super) fn is_title_or_term(text: &str, span: &Span) -> bool {
    let quoted = &text[span.start..span.raw_end];
    let words = quoted.split_whitespace().count();
    let before = floor_str(text, span.open.saturating_sub(40), span.open).unwrap_or_default();
    let mut lead = before.split_whitespace().rev().map(|w| {
        w.trim_matches(|c: char| c.is_ascii_punctuation() && c != '-')
            .to_ascii_lowercase()
    });
    let last = lead.next().unwrap_or_default();
    if TITLE_CUES.contains(&last.as_str()) {
        return true;
    }
    if words <= MAX_TERM_WORDS && TERM_CUES.contains(&last.as_str()) {
        return true;
    }
    // A lone pronoun in marks is the word itself ("replace “he” with “she”").
    if words == 1 && PRONOUNS.contains(&bare_lower(quoted).as_str()) {
        return true;
    }
    // `on CBS's "Face the Nation,"`: American style puts the comma inside the marks.
    let after_name = before.trim_end().ends_with("'s") || before.trim_end().ends_with("’s");
    if let Some(bare) = quoted.strip_suffix(',') {
        if after_name || TITLE_PREPOSITIONS.contains(&last.as_str()) {
            return looks_like_title(bare, words);
        }
    }
    looks_like_title(quoted, words)
}

/// The slice `start..end` of `text`, widened to char boundaries.
pub(super) fn floor_str(text: &str, mut start: usize, end: usize) -> Option<&str> {
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    text.get(start..end)
}

/// A short run of capitalised words with no closing punctuation ("The Art of the Deal").
fn looks_like_title(quoted: &str, words: usize) -> bool {
    // American style puts a full stop inside the marks even after a title ("Face the Nation.").
    let ends_full_stop = quoted.ends_with('.') && words >= 2;
    let punctuated = quoted.ends_with([',', '!', '?', ';', ':', '…']);
    if words == 0
        || words > MAX_TITLE_WORDS
        || punctuated
        || (quoted.ends_with('.') && !ends_full_stop)
    {
        return false;
    }
    let mut capitalised = 0;
    for word in quoted.split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if first.is_uppercase() || first.is_numeric() {
            capitalised += 1;
        } else if !TITLE_SMALL_WORDS.contains(&word.to_lowercase().as_str()) {
            return false;
        }
    }
    capitalised > 0
}
