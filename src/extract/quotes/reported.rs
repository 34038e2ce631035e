//! Reported speech: "Ross said [the department would continue to monitor exports]",
//! "[talks will resume], according to the ministry". Each sentence of a paragraph is read for
//! a cue word (the cues learned from PolNeAR's train split, `cues::is_reporting_cue`, and
//! "according to") outside quotation marks, and the words around the cue are matched to one of
//! three shapes of attribution:
//! - **source, cue, content**: `Ross said (that) …`, `Officials believe …`: the content runs
//!   from the cue (after a "that" among its first words) to the sentence's end;
//! - **content, source cue**: `…, a spokesman said.`, `…, said Ross.`: a comma, a short subject
//!   (or none, with the source after the cue), and little after the cue;
//! - **according to**: `According to X, …` and `…, according to X`.
//!
//! The source is read by the same rules as a direct quote's speaker (`attribute`, `describe`):
//! pronouns, descriptions ("a White House official": the organisation; "the poll": nobody),
//! names the entity extractor found or missed. A plain plural before the cue ("officials say")
//! is a source with no name. A content that is mostly a direct quote is left to the direct
//! quote ("He said: "…""), and a content of a word or two is no clause.
//!
//! Decides: where reported speech is, its content's bounds and its source's words. Leaves to
//! others: what those words stand for (`describe`). Cost: one pass over each paragraph's
//! sentences; each cue tried reads at most [`MAX_CONTEXT`] bytes before it and
//! [`MAX_CONTENT`] after, and is charged to the budget.

use crate::extract::budget;

use super::attribute::{entity_found, Resolver};
use super::cues::{
    is_reporting_cue, AUXILIARIES, MAX_CONTEXT, MAX_DESCRIPTION_WORDS, MAX_SUBJECT_WORDS,
    STEPS_PER_QUOTE,
};
use super::words::{bare_lower, is_determiner, words_in};
use super::Found;

/// Longest reported content read after a cue, in bytes; a longer sentence is cut there.
pub(super) const MAX_CONTENT: usize = 600;
/// Most words after a cue in the shape `…, a spokesman said on Tuesday.`.
const MAX_TAIL_WORDS: usize = 6;
/// Most words between a cue and the "that" that opens its content ("told reporters on
/// Tuesday that").
const MAX_THAT_DISTANCE: usize = 8;
/// Fewest words a reported content has.
const MIN_CONTENT_WORDS: usize = 3;
/// Share of a content's bytes inside quotation marks above which it is a direct quote: a
/// content with a few words of its own around a quote ("voter fraud "would be…"") is
/// reported speech carrying a partial quote.
const MAX_QUOTED_SHARE: f64 = 0.95;

/// One attribution of reported speech.
#[derive(Debug, Clone)]
pub(super) struct Reported {
    /// The reported content, trimmed.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The cue's words ("said", "according to").
    pub(super) cue: (usize, usize),
    /// Who is reported, if the words say.
    pub(super) found: Option<Found>,
}

/// A word of a sentence: its span and its bare lower-case form.
struct Word {
    start: usize,
    end: usize,
    lower: String,
}

/// Prepositions that open an adverbial, not a clause: "said [in an interview]".
const ADVERBIAL_OPENERS: &[&str] = &[
    "in", "at", "during", "after", "before", "from", "with", "by", "of", "through", "while",
    "when", "as", "since", "into", "up", "out", "off", "back", "down", "over", "here", "there",
];
/// Relative pronouns, which PolNeAR takes as the source itself ("Trump, who said …").
const RELATIVE_PRONOUNS: &[&str] = &["who", "which"];
/// Words that are never a plain source by themselves.
const NOT_SOURCES: &[&str] = &[
    "and",
    "but",
    "or",
    "nor",
    "not",
    "than",
    "then",
    "also",
    "only",
    "just",
    "even",
    "still",
    "this",
    "these",
    "those",
    "there",
    "here",
    "what",
    "when",
    "where",
    "why",
    "how",
    "whom",
    "whose",
    "for",
    "with",
    "from",
    "into",
    "about",
    "over",
    "after",
    "before",
    "because",
    "while",
    "since",
    "until",
    "though",
    "although",
    "whether",
    "week",
    "year",
    "month",
    "today",
    "yesterday",
    "morning",
    "afternoon",
    "evening",
    "night",
];

impl Resolver<'_> {
    /// Every attribution of reported speech in the text, in order.
    pub(super) fn reported_speech(&self) -> Vec<Reported> {
        let mut out = Vec::new();
        for &(para_start, para_end) in self.paragraphs {
            let mut start = para_start;
            while start < para_end {
                let end = self.sentence_end_outside_quotes(start, para_end);
                self.reported_in_sentence(start, end, &mut out);
                start = self.ceil_char(end.max(start + 1));
            }
        }
        out
    }

    /// Where the sentence from `lo` ends, passing over full stops inside quotation marks.
    fn sentence_end_outside_quotes(&self, lo: usize, hi: usize) -> usize {
        let mut from = lo;
        loop {
            let end = self.sentence_end(from, hi);
            if end >= hi || end <= from || !self.in_quote(end - 1) {
                return self.floor_boundary(end.min(hi));
            }
            from = end;
        }
    }

    /// The attributions of one sentence: a closing attribution (`…, officials said.`) takes
    /// the whole sentence; else each cue in turn, and after a match the words past its
    /// content.
    fn reported_in_sentence(&self, lo: usize, hi: usize, out: &mut Vec<Reported>) {
        let spans = words_in(self.text, lo, hi);
        budget::charge(spans.len() as u64);
        let cues: Vec<usize> = (0..spans.len())
            .filter(|&k| self.may_be_cue(&spans, k))
            .collect();
        if cues.is_empty() {
            return;
        }
        // Only the words around a cue are read by their lower-case form: the others keep an
        // empty one, which costs no allocation.
        let mut near = vec![false; spans.len()];
        for &k in &cues {
            let from = k.saturating_sub(MAX_SUBJECT_WORDS + 2);
            let to = (k + MAX_TAIL_WORDS + MAX_DESCRIPTION_WORDS + 2).min(spans.len());
            near[from..to].iter_mut().for_each(|n| *n = true);
        }
        let words: Vec<Word> = spans
            .iter()
            .zip(near)
            .map(|(&(start, end), near)| Word {
                start,
                end,
                lower: if near {
                    bare_lower(&self.text[start..end])
                } else {
                    String::new()
                },
            })
            .collect();
        let cues: Vec<usize> = cues
            .into_iter()
            .filter(|&k| self.cue_use(&words, k))
            .collect();
        if let Some(&last) = cues.last() {
            budget::charge(STEPS_PER_QUOTE);
            let closing = self
                .closing_attribution(lo, hi, &words, last)
                .filter(|r| self.is_reported_clause(r));
            if let Some(reported) = closing {
                out.push(reported);
                return;
            }
        }
        let mut from = lo;
        for k in cues {
            if words[k].start < from {
                continue;
            }
            budget::charge(STEPS_PER_QUOTE);
            let found = if words[k].lower == "according" {
                self.according_to(from, hi, &words, k)
            } else {
                self.source_first(from, hi, &words, k)
            };
            if let Some(reported) = found.filter(|r| self.is_reported_clause(r)) {
                from = reported.end.max(reported.cue.1);
                out.push(reported);
            }
        }
    }

    /// Whether the word at `k` is a cue word: a reporting cue, or "according" before "to".
    /// Cheap, before the words of the sentence are lower-cased.
    fn may_be_cue(&self, spans: &[(usize, usize)], k: usize) -> bool {
        let (start, end) = spans[k];
        let word = &self.text[start..end];
        if word.len() < 3 || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return false;
        }
        let bare = word.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        if bare.eq_ignore_ascii_case("according") {
            return spans
                .get(k + 1)
                .is_some_and(|&(s, e)| self.text[s..e].eq_ignore_ascii_case("to"));
        }
        if bare.bytes().all(|b| b.is_ascii_lowercase()) {
            return is_reporting_cue(bare);
        }
        false
    }

    /// Whether the cue word at `k` is used as a verb of attribution where it stands: outside
    /// quotes, not after a determiner ("the report", "a call"), not passive ("was told",
    /// "asked by").
    fn cue_use(&self, words: &[Word], k: usize) -> bool {
        let word = &words[k];
        if self.in_quote(word.start) {
            return false;
        }
        let previous = k.checked_sub(1).map(|p| words[p].lower.as_str());
        if previous.is_some_and(|p| {
            is_determiner(p) || matches!(p, "was" | "were" | "been" | "being" | "be" | "is" | "are")
        }) {
            return false;
        }
        words.get(k + 1).is_none_or(|next| next.lower != "by")
    }

    /// `…, a spokesman said (on Tuesday).` and `…, said Ross.`: the last cue of the sentence,
    /// after a comma and a short subject or none, with little after it. The content is the
    /// sentence up to the comma.
    fn closing_attribution(
        &self,
        lo: usize,
        hi: usize,
        words: &[Word],
        k: usize,
    ) -> Option<Reported> {
        if words[k].lower == "according" || words[k].lower.ends_with("ing") {
            return None;
        }
        let cue = (words[k].start, words[k].end);
        let tail = &words[k + 1..];
        let c = self.comma_before(words, 0, k)?;
        let subject_words = k - c - 1;
        // After the verb, a source may bring its description: "said Jane Roe, a pollster".
        let most = if subject_words == 0 {
            MAX_TAIL_WORDS + MAX_DESCRIPTION_WORDS
        } else {
            MAX_TAIL_WORDS
        };
        if tail.len() > most || tail.iter().any(|w| w.lower == "that") {
            return None;
        }
        // A subject holds no other cue: "…, saying the economy was her first concern" is
        // one attribution, not one whose subject is "saying the economy".
        if words[c + 1..k].iter().any(|w| is_reporting_cue(&w.lower)) {
            return None;
        }
        if subject_words > MAX_SUBJECT_WORDS {
            return None;
        }
        let found = if subject_words == 0 {
            self.named_after_verb(cue.1, hi)
        } else {
            self.subject_of(words[c + 1].start, cue.0)
                .or_else(|| self.plain_source(&words[c + 1..k]))
        }?;
        let (start, end) = self.content_bounds(lo, self.comma_at(&words[c]));
        Some(Reported {
            start,
            end,
            cue,
            found: Some(found),
        })
    }

    /// The last word in `from..k` that ends with a comma (closing mark and all: `win,"`),
    /// outside quotes.
    fn comma_before(&self, words: &[Word], from: usize, k: usize) -> Option<usize> {
        (from..k).rev().find(|&i| {
            let w = &self.text[words[i].start..words[i].end];
            w.trim_end_matches(['"', '”', '’', '\'']).ends_with(',')
                && !self.in_quote(words[i].start)
        })
    }

    /// Where the comma of a word that ends with one is.
    fn comma_at(&self, word: &Word) -> usize {
        word.start
            + self.text[word.start..word.end]
                .rfind(',')
                .unwrap_or(word.end - word.start)
    }

    /// `According to X, …` or `…, according to X`.
    fn according_to(&self, lo: usize, hi: usize, words: &[Word], k: usize) -> Option<Reported> {
        let cue = (words[k].start, words[k + 1].end);
        let before = self.text[lo..cue.0].trim();
        let opener_only = before.split_whitespace().all(|w| {
            matches!(
                bare_lower(w).as_str(),
                "but" | "and" | "yet" | "so" | "also"
            )
        });
        let found = self.named_after_verb(cue.1, hi);
        let (start, end) = if opener_only {
            // The source runs to the first comma; the content is the rest.
            let comma = self.text[cue.1..hi].find(',').map(|p| cue.1 + p + 1)?;
            self.content_bounds(comma, hi)
        } else {
            self.content_bounds(lo, cue.0)
        };
        Some(Reported {
            start,
            end,
            cue,
            found,
        })
    }

    /// `source cue content`: `Ross said (that) …`, `…, saying …`. The content runs from the
    /// cue, or a "that" among its first words, to the sentence's end.
    fn source_first(&self, lo: usize, hi: usize, words: &[Word], k: usize) -> Option<Reported> {
        let cue = (words[k].start, words[k].end);
        let first = words.partition_point(|w| w.start < lo);
        let tail = &words[k + 1..];
        let after_comma = k > first && self.comma_before(words, k - 1, k).is_some();
        if after_comma && !words[k].lower.ends_with("ing") {
            // "…, said Ross, …": the source follows, and the content came before.
            return None;
        }
        let found = self.source_before(lo, words, first, k)?;
        let that = tail
            .iter()
            .take(MAX_THAT_DISTANCE)
            .take_while(|w| !self.text[w.start..w.end].ends_with([',', ';', ':']))
            .find(|w| w.lower == "that");
        if that.is_none()
            && tail
                .first()
                .is_some_and(|w| ADVERBIAL_OPENERS.contains(&w.lower.as_str()))
        {
            // "said in an interview": the rest of a direct quote's attribution.
            return None;
        }
        let content_lo = that.map_or(cue.1, |w| w.end);
        let content_hi = self.floor_boundary(hi.min(content_lo + MAX_CONTENT));
        let (start, end) = self.content_bounds(content_lo, content_hi);
        Some(Reported {
            start,
            end,
            cue,
            found: Some(found),
        })
    }

    /// The source of a cue at `k` whose content follows it.
    fn source_before(&self, lo: usize, words: &[Word], first: usize, k: usize) -> Option<Found> {
        let cue_start = words[k].start;
        // A participle ("…, saying", "tweeted Friday, arguing") has the sentence's subject.
        if words[k].lower.ends_with("ing") {
            return self.sentence_source(words, first, k);
        }
        // "Trump, who said", "the group, which believes": the relative pronoun is the source.
        let mut before = k;
        while before > first && AUXILIARIES.contains(&words[before - 1].lower.as_str()) {
            before -= 1;
        }
        // An infinitive ("decided not to discuss", "urged the FBI to release") has the
        // sentence's subject, not the object before it.
        if before > first && matches!(words[before - 1].lower.as_str(), "to" | "not") {
            return self.sentence_source(words, first, k);
        }
        if let Some(w) = before.checked_sub(1).map(|p| &words[p]) {
            if before > first && RELATIVE_PRONOUNS.contains(&w.lower.as_str()) {
                let speaker = self
                    .speaker_entities(
                        self.floor_boundary(w.start.saturating_sub(MAX_CONTEXT)),
                        w.start,
                    )
                    .next_back()
                    .filter(|e| self.text[e.end..w.start].trim().len() <= 1)
                    .map(|e| e.name.clone());
                let (start, end) = self.bare_span(w);
                return Some(Found {
                    speaker,
                    start,
                    end,
                });
            }
        }
        let subject_lo = self.ceil_char(cue_start.saturating_sub(MAX_CONTEXT).max(lo));
        self.subject_of(subject_lo, cue_start)
            .or_else(|| self.plain_source(&words[first..k]))
    }

    /// The subject of a sentence, for a participle: a pronoun opening it, else its first
    /// person or organisation before the cue.
    fn sentence_source(&self, words: &[Word], first: usize, k: usize) -> Option<Found> {
        let opener = words.get(first)?;
        let (start, end) = self.bare_span(opener);
        if let Some(found) = self.pronoun(start, end) {
            return Some(found);
        }
        let hi = words[k].start;
        let lo = self.ceil_char(hi.saturating_sub(MAX_CONTEXT).max(opener.start));
        self.subject_entity(lo, hi, true).map(entity_found)
    }

    /// A word's span without the punctuation around it.
    fn bare_span(&self, word: &Word) -> (usize, usize) {
        let surface = &self.text[word.start..word.end];
        let tail = surface.trim_start_matches(|c: char| !c.is_alphanumeric());
        let start = word.end - tail.len();
        let bare = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
        (start, start + bare.len())
    }

    /// `lo..hi` trimmed of spaces and the punctuation that bounds a clause.
    fn content_bounds(&self, lo: usize, hi: usize) -> (usize, usize) {
        let slice = &self.text[lo..hi];
        let trimmed_start =
            slice.trim_start_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
        let start = lo + (slice.len() - trimmed_start.len());
        let trimmed =
            trimmed_start.trim_end_matches(|c: char| c.is_whitespace() || ",;:.—–-".contains(c));
        (start, start + trimmed.len())
    }

    /// The nearest char boundary at or after `i`.
    fn ceil_char(&self, mut i: usize) -> usize {
        while i < self.text.len() && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// A source that names nobody: the plain plural or noun right before the cue ("officials
    /// say", "many Republicans believe"), up to two words, with no name to give.
    fn plain_source(&self, before: &[Word]) -> Option<Found> {
        let mut n = before.len();
        while n > 0 && AUXILIARIES.contains(&before[n - 1].lower.as_str()) {
            n -= 1;
        }
        let last = before[..n].last()?;
        let surface = &self.text[last.start..last.end];
        let object = n >= 2 && ADVERBIAL_OPENERS.contains(&before[n - 2].lower.as_str());
        let plural = last.lower.ends_with('s') && !last.lower.ends_with("ss");
        let plain = surface.chars().all(|c| c.is_alphabetic() || c == '-')
            && plural
            && !object
            && last.lower.len() > 3
            && !NOT_SOURCES.contains(&last.lower.as_str())
            && !RELATIVE_PRONOUNS.contains(&last.lower.as_str())
            && !ADVERBIAL_OPENERS.contains(&last.lower.as_str());
        if !plain {
            return None;
        }
        let start = before[..n - 1]
            .last()
            .filter(|w| {
                let s = &self.text[w.start..w.end];
                s.chars().all(char::is_alphabetic) && !s.starts_with(char::is_uppercase)
            })
            .map_or(last.start, |w| w.start);
        Some(Found {
            speaker: None,
            start,
            end: last.end,
        })
    }

    /// Whether an attribution's content is a clause of reported speech: a few words at least,
    /// and not mostly a direct quote.
    fn is_reported_clause(&self, r: &Reported) -> bool {
        if r.end <= r.start || words_in(self.text, r.start, r.end).len() < MIN_CONTENT_WORDS {
            return false;
        }
        // Letters and digits, inside quotes and in all: marks and spaces do not count.
        let letters = |lo: usize, hi: usize| {
            self.text[lo..hi]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count()
        };
        let first = self.quotes.partition_point(|q| q.end <= r.start);
        let quoted: usize = self.quotes[first..]
            .iter()
            .take_while(|q| q.start < r.end)
            .map(|q| {
                let (lo, hi) = (q.start.max(r.start), q.end.min(r.end));
                if lo < hi {
                    letters(lo, hi)
                } else {
                    0
                }
            })
            .sum();
        (quoted as f64) < MAX_QUOTED_SHARE * letters(r.start, r.end) as f64
    }
}
