//! Candidate runs for the rules: capitalised words joined by connectors, split at titles,
//! trimmed of sentence-initial common words, at most `MAX_NAME_TOKENS` long.
//!
//! Decides: which spans of tokens may be names. Leaves to others: their type (`typing`).

use super::tokenize::{Token, TokenKind};
use super::words::{is_name_like, lower_in, name_len, CONNECTORS, ORG_HEADS, PLACES};

/// The most tokens a name may have. The longest in CoNLL-2003 has 10; a longer span is a run
/// of capitalised words that no later mention would repeat, and each name's shorter forms
/// cost the square of its length, so this also bounds the work per name.
pub(super) const MAX_NAME_TOKENS: usize = 16;

/// Token index ranges `[start, end)` of maximal capitalised runs within a sentence, with
/// connectors inside, each of at most [`MAX_NAME_TOKENS`].
pub(super) fn capitalised_runs(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name_like(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end - start < MAX_NAME_TOKENS {
            match tokens.get(end) {
                // A possessive ends a name: "CNET's West Coast" is two.
                _ if name_len(tokens[end - 1].text) < tokens[end - 1].text.len() => break,
                Some(t) if is_name_like(t) && !t.sentence_start => end += 1,
                Some(_) => match connector_len(tokens, start, end) {
                    Some(n) => end += n,
                    None => break,
                },
                None => break,
            }
        }
        runs.push((start, end));
        i = end;
    }
    runs
}

/// Whether the words contain an org head followed by "of"/"for" ("Department for Trade").
fn has_head_of(words: &[Token<'_>]) -> bool {
    words
        .windows(2)
        .any(|w| matches!(w[1].text, "of" | "for") && lower_in(&ORG_HEADS, w[0].text))
}

/// How many connector tokens at `at` join the run `[start, at)` to a following capitalised
/// word ("of", "of the", "&", "van"), if any.
fn connector_len(tokens: &[Token<'_>], start: usize, at: usize) -> Option<usize> {
    let first = tokens.get(at)?;
    let mut n = 0;
    while let Some(t) = tokens.get(at + n) {
        if is_name_like(t) {
            break;
        }
        let allowed = match t.text {
            "&" => n == 0,
            // "the" only after "of" ("Chancellor of the Exchequer").
            "the" => n == 1 && first.text == "of",
            // "for" only after an org head ("Department for Education").
            "for" => n == 0 && lower_in(&ORG_HEADS, tokens[at - 1].text),
            // "and" only inside "Department of/for X and Y".
            "and" => n == 0 && has_head_of(&tokens[start..at]),
            // "of" before a place after a non-head names where someone is from:
            // "Francis Obikwelu of Portugal" is two names, "Bank of England" one.
            "of" => {
                let place_next = tokens.get(at + 1).is_some_and(|t| PLACES.contains(t.text));
                n == 0 && (!place_next || lower_in(&ORG_HEADS, tokens[at - 1].text))
            }
            w => n == 0 && t.kind == TokenKind::Word && CONNECTORS.contains(w),
        };
        if !allowed || n >= 2 {
            return None;
        }
        n += 1;
    }
    let next = tokens.get(at + n)?;
    let joins = n > 0 && is_name_like(next) && !next.sentence_start && at > start;
    joins.then_some(n)
}
