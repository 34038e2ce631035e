//! Quotations: the direct speech in an article's text, and who said it.
//!
//! Finding quotes is a byte scan per paragraph (a line of the text). Straight `"` and curly
//! `“ ”` marks pair up by the characters around them; curly single `‘ ’` marks count only
//! where they cannot be apostrophes. A quote never crosses a paragraph boundary: a mark left
//! open at a paragraph's end is a quote only when the next paragraph opens with a new mark
//! (the newspaper convention for a statement that runs over several paragraphs); otherwise it
//! is dropped, so a stray mark cannot swallow the rest of the article. Dumps that ran a
//! statement's paragraphs into one line (the BBC corpus, often) leave the same convention
//! inside a line: a fresh opening mark after a finished sentence, with a quote still open, ends
//! that quote's part there and starts the next part of the same statement. Quoted titles ("the film
//! "Selma"", or all words capitalised) and term mentions ("the so-called "deal"") are not
//! speech and are left out; other short phrases are scare quotes and kept, attributed or not
//! (`added to the "entity list"` has a null speaker).
//!
//! Attribution is resolved in widening circles, each a pure function of the text and the
//! entity mentions another extractor found:
//! 1. a speaker label (`"WALLACE: …`, `PENCE: "…"`) or a name and a colon with no verb
//!    before the quote (`Blackburn boss Mark Hughes: "…"`); else
//!    the quote's own sentence, after the quote first ("…," Ross said), then before it
//!    (Huawei said it is being "treated unfairly"). The words before a speech verb name the
//!    speaker as a pronoun (resolved to the most recent person, or organisation for
//!    "they"/"it", outside quotes), as a description ("a Microsoft spokesperson": the
//!    organisation inside it; "the company": the most recent organisation; "the mayor": the
//!    last person the text called that; "the 36-year-old": the person last named as a
//!    sentence's subject), or as an entity;
//!    after the verb ("said Ross", "according to Ross") the same forms are read forwards;
//! 2. the other parts of the same multi-paragraph quote, then the other quotes of the
//!    paragraph ("…," he said. "…"), then any attribution in the paragraph's own words;
//! 3. a paragraph holding nothing but quotes, right after a quote whose speaker is known,
//!    continues that statement.
//!
//! What stays unresolved has a null speaker; a description that names no entity ("a senior
//! official said") keeps its mention with a null speaker.
//!
//! Cost is linear in the text and the quotes: each rule reads at most [`cues::MAX_CONTEXT`]
//! bytes around a quote and walks back over at most [`cues::MAX_ANTECEDENT_LOOKBACK`] mentions;
//! sharing an attribution between the quotes of a paragraph is one pass each way; speaker
//! labels look names up in a map built once. Each quote is charged to the article's work budget.

mod attribute;
mod cues;
mod describe;
mod gender;
mod reported;
mod scan;
#[cfg(test)]
mod tests;
mod words;

use std::cell::OnceCell;

use super::{Entity, Quote, QuoteKind, SpeakerMention, TextField};

use attribute::Resolver;
use gender::genders;
use scan::{is_title_or_term, paragraphs, scan_quotes};

/// Finds the quotations in `text` (one field of an article), direct and reported, and
/// resolves who said each.
///
/// `entities` are the entity mentions found in this same text, sorted by start; speakers are
/// given by their canonical `name`. Quotes come out in text order (by start) with byte spans
/// that exclude the quotation marks.
pub fn find_quotes(text: &str, field: TextField, entities: &[Entity]) -> Vec<Quote> {
    find_attributions(text, field, entities)
        .into_iter()
        .map(|(quote, _)| quote)
        .collect()
}

/// [`find_quotes`], each quote with the span of its cue word where it is reported speech
/// ("said", "according to"), for evaluation by cue.
pub fn find_attributions(
    text: &str,
    field: TextField,
    entities: &[Entity],
) -> Vec<(Quote, Option<(usize, usize)>)> {
    let paragraphs = paragraphs(text);
    let mut spans = scan_quotes(text, &paragraphs);
    spans.retain(|span| !is_title_or_term(text, span));
    let genders = genders(text, entities);
    let resolver = Resolver {
        text,
        entities,
        paragraphs: &paragraphs,
        quotes: &spans,
        genders: &genders,
        by_label: OnceCell::new(),
    };
    let mut found = resolver.resolve_all();
    let reported = resolver.reported_speech();
    give_clause_sources(&spans, &mut found, &reported);
    let mut out: Vec<(Quote, Option<(usize, usize)>)> = spans
        .iter()
        .zip(found)
        .map(|(span, found)| {
            let quote = to_quote(
                text,
                field,
                QuoteKind::Direct,
                (span.start, span.end),
                found,
            );
            (quote, None)
        })
        .collect();
    out.extend(reported.into_iter().map(|r| {
        let quote = to_quote(text, field, QuoteKind::Indirect, (r.start, r.end), r.found);
        (quote, Some(r.cue))
    }));
    out.sort_by_key(|(q, _)| (q.start, q.end));
    out
}

/// A direct quote inside the content of reported speech is part of what the clause's source
/// said (`X called the decision "a disgrace"`): it takes that source. Both lists are in text
/// order, so one walk pairs them.
fn give_clause_sources(
    spans: &[Span],
    found: &mut [Option<Found>],
    reported: &[reported::Reported],
) {
    let mut r = 0;
    for (span, slot) in spans.iter().zip(found.iter_mut()) {
        while r < reported.len() && reported[r].end < span.end {
            r += 1;
        }
        let Some(clause) = reported.get(r) else {
            break;
        };
        // A quote attributed to the clause's own source keeps its own words for them, and one
        // whose speaker is named after it (`"…," Ross said`) keeps its speaker.
        let same = slot.as_ref().map(|f| &f.speaker) == clause.found.as_ref().map(|f| &f.speaker);
        let named_after = slot.as_ref().is_some_and(|f| f.start >= span.end);
        if clause.start <= span.start && clause.found.is_some() && !same && !named_after {
            *slot = clause.found.clone();
        }
    }
}

/// One quoted stretch of a paragraph.
#[derive(Debug, Clone)]
struct Span {
    /// Byte offset of the opening mark.
    open: usize,
    /// The quoted words, trimmed of spaces and a trailing comma.
    start: usize,
    end: usize,
    /// Where the quoted words end before trimming, for punctuation checks.
    raw_end: usize,
    /// Just past the closing mark, or the paragraph's end for an open-ended part.
    close_end: usize,
    /// Index into the list of paragraphs.
    paragraph: usize,
    /// Shared by the parts of a quote that runs over several paragraphs.
    chain: Option<usize>,
}

/// An attribution: the words that name a speaker, and the speaker's canonical name if known.
#[derive(Debug, Clone)]
struct Found {
    speaker: Option<String>,
    start: usize,
    end: usize,
}

/// Builds the public quote from its words' span and its attribution.
fn to_quote(
    text: &str,
    field: TextField,
    kind: QuoteKind,
    (start, end): (usize, usize),
    found: Option<Found>,
) -> Quote {
    let (speaker, speaker_mention) = match found {
        Some(found) => (
            found.speaker,
            Some(SpeakerMention {
                text: text[found.start..found.end].to_string(),
                start: found.start,
                end: found.end,
            }),
        ),
        None => (None, None),
    };
    Quote {
        text: text[start..end].to_string(),
        kind,
        field,
        start,
        end,
        speaker,
        speaker_mention,
    }
}
