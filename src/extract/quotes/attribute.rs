//! Attribution: the `Resolver` that finds each quote's speaker in widening circles (speaker
//! labels, the quote's own sentence, the other parts and quotes of its paragraph, statements
//! that continue), and the sentence and window arithmetic those rules share.
//!
//! Decides: which words around a quote name its speaker. Leaves to others: what a description,
//! a pronoun or an unknown name stands for (`describe`), and genders (`gender`).

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::extract::vocabulary::HONORIFICS;
use crate::extract::{budget, Entity, EntityKind};

use super::cues::{
    speech_verbs, AUXILIARIES, CONJUNCTIONS, MAX_CONTEXT, MAX_DESCRIPTION_WORDS, MAX_LABEL_BYTES,
    MAX_NAME_WORDS, MAX_SUBJECT_WORDS, SENTENCE_OPENERS, STEPS_PER_QUOTE,
};
use super::gender::Gender;
use super::words::{
    bare_lower, has_word, is_abbreviation, is_according, is_speaker_kind, title_case, words_in,
};
use super::{Found, Span};

/// Finds speakers for the quotes of one text.
pub(super) struct Resolver<'a> {
    pub(super) text: &'a str,
    pub(super) entities: &'a [Entity],
    pub(super) paragraphs: &'a [(usize, usize)],
    /// The quotes being attributed, in text order and not overlapping.
    pub(super) quotes: &'a [Span],
    /// The gender of the people named, where a first name or title tells it.
    pub(super) genders: &'a HashMap<&'a str, Option<Gender>>,
    /// The first person named with each last name, upper-cased ("ROSS": "Wilbur Ross"), for
    /// speaker labels; built on the first label, once.
    pub(super) by_label: OnceCell<HashMap<String, String>>,
}

impl Resolver<'_> {
    /// The attribution of every quote, in the order of `quotes`.
    pub(super) fn resolve_all(&self) -> Vec<Option<Found>> {
        let mut found: Vec<Option<Found>> = (0..self.quotes.len())
            .map(|i| {
                // Each rule reads a bounded window of the text around the quote and walks
                // back over a bounded number of mentions: a quote costs a fixed amount.
                budget::charge(STEPS_PER_QUOTE);
                self.transcript(i)
                    .or_else(|| self.introduced_by_name(i))
                    .or_else(|| self.in_sentence(i))
            })
            .collect();
        self.share_within_chains(&mut found);
        self.share_within_paragraphs(&mut found);
        for (i, slot) in found.iter_mut().enumerate() {
            if slot.is_none() {
                *slot = self.in_paragraph(i);
            }
        }
        self.share_within_chains(&mut found);
        self.continue_statements(&mut found);
        found
    }

    /// A transcript's speaker label: `"WALLACE: Let's start…"`, or `PENCE: "Well…"` at the
    /// start of the paragraph.
    fn transcript(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let label = |lo: usize, hi: usize| {
            let head = &self.text[lo..hi];
            let colon = head.find(':')?;
            let name = head[..colon].trim();
            let name_start = lo + (head.len() - head.trim_start().len());
            self.speaker_label(name, name_start)
        };
        let inside_hi = self.floor_boundary((span.start + MAX_LABEL_BYTES).min(span.end));
        label(span.start, inside_hi).or_else(|| {
            let before = self.text[para_start..span.open].trim_end();
            // A label opens its paragraph: its colon is among the first few words.
            let label_hi = self.floor_boundary((para_start + MAX_LABEL_BYTES).min(span.open));
            before
                .ends_with(':')
                .then(|| label(para_start, label_hi))
                .flatten()
        })
    }

    /// A quote introduced by the speaker's name and a colon, with no verb: `Blackburn boss
    /// Mark Hughes: "Burnley are resolute…"`. The name must end at the colon, and the words
    /// from the sentence's start to it must not hold a speech verb, or the name would be
    /// whom the speaker addressed ("Ross told Xi: "…"").
    fn introduced_by_name(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let before = self.text[para_start..span.open].trim_end();
        let colon = before.strip_suffix(':')?;
        let name_end = para_start + colon.trim_end().len();
        let lo = self.floor_boundary(name_end.saturating_sub(MAX_CONTEXT).max(para_start));
        let start = self.sentence_start(lo, name_end);
        let entity = self
            .speaker_entities(start, name_end)
            .next_back()
            .filter(|e| e.end == name_end)?;
        let lead = &self.text[start..entity.start];
        let few_words = lead.split_whitespace().count() <= MAX_DESCRIPTION_WORDS;
        (few_words && speech_verbs(lead).next().is_none()).then(|| entity_found(entity))
    }

    /// A speaker label `name` (upper-case words like "WALLACE" or "SEN. KAINE") at `start`.
    fn speaker_label(&self, name: &str, start: usize) -> Option<Found> {
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let plain = name
            .chars()
            .all(|c| c.is_uppercase() || " .'’-".contains(c));
        if letters < 2 || !plain || name.split_whitespace().count() > 3 {
            return None;
        }
        let last = name.split_whitespace().next_back()?;
        let by_label = self.by_label.get_or_init(|| {
            let mut by_label = HashMap::new();
            for e in self
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person)
            {
                if let Some(word) = e.name.split_whitespace().next_back() {
                    by_label
                        .entry(word.to_uppercase())
                        .or_insert_with(|| e.name.clone());
                }
            }
            by_label
        });
        let known = by_label.get(last).cloned();
        let titled = name
            .split_whitespace()
            .filter(|w| !HONORIFICS.contains(&bare_lower(w).as_str()))
            .map(title_case)
            .collect::<Vec<_>>()
            .join(" ");
        Some(Found {
            speaker: known.or_else(|| (!titled.is_empty()).then_some(titled)),
            start,
            end: start + name.len(),
        })
    }

    /// The attribution in the quote's own sentence: after the quote first, then before it.
    fn in_sentence(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (lo, hi) = self.after_range(i);
        // `"We won." Trump said.` is common enough: after a full stop inside the marks, only a
        // short subject right after the quote counts.
        let ends_sentence = self.text[span.start..span.raw_end].ends_with(['.', '!', '?']);
        let limit = if ends_sentence { 4 } else { MAX_SUBJECT_WORDS };
        let sentence_end = self.sentence_end(lo, hi);
        self.attribution_after(lo, sentence_end, limit)
            .or_else(|| {
                let (lo, hi) = self.before_range(i);
                let lo = lo.max(self.sentence_start(lo, hi));
                self.attribution_before(lo, hi)
            })
            .or_else(|| self.sentence_subject(i))
    }

    /// The subject of the sentence a quote sits inside, when no speech verb names one: in
    /// "Trump likened the refugees to a “vicious snake”" the words are Trump's.
    fn sentence_subject(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (lo, hi) = self.before_range(i);
        let start = self.sentence_start(lo, hi);
        let (para_start, _) = self.paragraphs[span.paragraph];
        let after_full_stop = i
            .checked_sub(1)
            .map(|p| &self.quotes[p])
            .is_some_and(|p| self.text[p.start..p.raw_end].ends_with(['.', '!', '?']));
        if start == lo && lo != para_start && !after_full_stop {
            return None;
        }
        let mut words = words_in(self.text, start, hi);
        // "In a statement, the IMF…", "But Trump…": the subject follows the opener.
        if let Some(&(s, e)) = words.first() {
            let opener = bare_lower(&self.text[s..e]);
            if SENTENCE_OPENERS.contains(&opener.as_str()) {
                let comma = words
                    .iter()
                    .take(MAX_DESCRIPTION_WORDS)
                    .position(|&(s, e)| self.text[s..e].ends_with(','));
                let skip = match comma {
                    Some(n) => n + 1,
                    None if CONJUNCTIONS.contains(&opener.as_str()) => 1,
                    None => return None,
                };
                words.drain(..skip.min(words.len()));
            }
        }
        let &(first_start, first_end) = words.first()?;
        if let Some(found) = self.pronoun(first_start, first_end) {
            return Some(found);
        }
        // The first name of the sentence, with only titles before it ("Sen. Bernie Sanders").
        let window = words[..words.len().min(4)]
            .last()
            .map_or(first_start, |w| w.1);
        let entity = self.speaker_entities(first_start, window).next()?;
        let titles_only = words_in(self.text, first_start, entity.start)
            .iter()
            .all(|&(s, e)| self.text[s..e].starts_with(char::is_uppercase));
        let possessive = self.text[entity.end..].starts_with(['\'', '’']);
        (titles_only && !possessive && !self.passive_after(entity.end, hi))
            .then(|| entity_found(entity))
    }

    /// Whether the words from `lo` open with a passive verb ("was added to"): its subject did
    /// not speak.
    fn passive_after(&self, lo: usize, hi: usize) -> bool {
        let words: Vec<String> = words_in(self.text, lo, hi)
            .iter()
            .take(4)
            .map(|&(s, e)| bare_lower(&self.text[s..e]))
            .collect();
        words.windows(2).take(2).any(|pair| {
            let be = matches!(
                pair[0].as_str(),
                "is" | "was" | "were" | "are" | "been" | "being" | "be"
            );
            be && (pair[1].ends_with("ed") || pair[1].ends_with("en"))
        })
    }

    /// The attribution in the quote's paragraph, outside its sentence.
    fn in_paragraph(&self, i: usize) -> Option<Found> {
        let (lo, hi) = self.before_range(i);
        self.attribution_before(lo, hi)
            .or_else(|| {
                let (lo, hi) = self.after_range(i);
                self.attribution_after(lo, hi, MAX_SUBJECT_WORDS)
            })
            .or_else(|| self.introduced(i))
    }

    /// The attribution of a paragraph that ends with a colon and introduces the quote opening
    /// the next one ("The New York Times reports:").
    fn introduced(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let previous = span.paragraph.checked_sub(1)?;
        let (prev_start, prev_end) = self.paragraphs[previous];
        let intro = self.text[prev_start..prev_end].trim_end();
        if !intro.ends_with(':') || !self.text[para_start..span.open].trim().is_empty() {
            return None;
        }
        let hi = prev_start + intro.len();
        let lo = self.ceil_boundary(prev_start.max(hi.saturating_sub(MAX_CONTEXT)));
        self.attribution_before(lo, hi)
    }

    /// The paragraph's text between the previous quote's closing mark and quote `i`.
    fn before_range(&self, i: usize) -> (usize, usize) {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let prev_end = i
            .checked_sub(1)
            .map(|p| &self.quotes[p])
            .filter(|p| p.paragraph == span.paragraph)
            .map_or(para_start, |p| p.close_end);
        let lo = prev_end.max(span.open.saturating_sub(MAX_CONTEXT));
        (self.ceil_boundary(lo.min(span.open)), span.open)
    }

    /// The paragraph's text between quote `i`'s closing mark and the next quote.
    fn after_range(&self, i: usize) -> (usize, usize) {
        let span = &self.quotes[i];
        let (_, para_end) = self.paragraphs[span.paragraph];
        let next_open = self
            .quotes
            .get(i + 1)
            .filter(|n| n.paragraph == span.paragraph)
            .map_or(para_end, |n| n.open);
        let hi = next_open
            .min(span.close_end + MAX_CONTEXT)
            .max(span.close_end);
        (span.close_end, self.floor_boundary(hi))
    }

    /// The nearest char boundary at or after `i`.
    fn ceil_boundary(&self, mut i: usize) -> usize {
        while i < self.text.len() && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The nearest char boundary at or before `i`.
    pub(super) fn floor_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// Where the sentence holding `hi` starts, searching no further back than `lo`.
    pub(super) fn sentence_start(&self, lo: usize, hi: usize) -> usize {
        let bytes = self.text.as_bytes();
        (lo..hi)
            .rev()
            .find(|&i| {
                self.ends_sentence_at(lo, i)
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
            })
            .map_or(lo, |i| i + 1)
    }

    /// Where the sentence running from `lo` ends, searching no further than `hi`.
    pub(super) fn sentence_end(&self, lo: usize, hi: usize) -> usize {
        let bytes = self.text.as_bytes();
        (lo..hi)
            .find(|&i| {
                self.ends_sentence_at(lo, i)
                    && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            })
            .map_or(hi, |i| i + 1)
    }

    /// Whether the byte at `i` is a full stop, question or exclamation mark ending a sentence
    /// (not the dot of "Mr." or "U.S.").
    fn ends_sentence_at(&self, lo: usize, i: usize) -> bool {
        match self.text.as_bytes()[i] {
            b'!' | b'?' => true,
            b'.' => {
                let word_start = self.text.as_bytes()[lo..i]
                    .iter()
                    .rposition(|b| b.is_ascii_whitespace() || *b == b'(')
                    .map_or(lo, |p| lo + p + 1);
                let word = &self.text[word_start..i];
                let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
                !(initial || word.contains('.') || is_abbreviation(word))
            }
            _ => false,
        }
    }

    /// An attribution in `lo..hi`, text that follows a quote: `, Ross said`, `said Ross`,
    /// `according to Ross`. A subject longer than `limit` words is some other clause's.
    fn attribution_after(&self, lo: usize, hi: usize, limit: usize) -> Option<Found> {
        let Some(verb) = speech_verbs(&self.text[lo..hi]).next() else {
            return self.dash_credit(lo, hi);
        };
        let (verb_start, verb_end) = (lo + verb.start(), lo + verb.end());
        if is_according(verb.as_str()) {
            return self.named_after_verb(verb_end, hi);
        }
        let subject = self.text[lo..verb_start]
            .trim_start_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
        let subject_start = verb_start - subject.len();
        if subject.trim().is_empty() {
            return self.named_after_verb(verb_end, hi);
        }
        if subject.split_whitespace().count() > limit {
            return self.apposed_subject(subject_start, verb_start);
        }
        self.subject_of(subject_start, verb_start)
    }

    /// A subject too long to be one, that is a name and an apposition between commas up to
    /// the verb: `"…" Jane Roe, a pollster who worked on the survey with two partners, said`.
    fn apposed_subject(&self, lo: usize, verb_start: usize) -> Option<Found> {
        let subject = self.text[lo..verb_start].trim_end();
        let inner = subject.strip_suffix(',')?;
        let comma = inner.find(',')?;
        let name = &inner[..comma];
        let short = name.split_whitespace().count() <= MAX_NAME_WORDS;
        let long_aside = inner[comma..].len() <= MAX_CONTEXT;
        if !short || !long_aside || speech_verbs(inner).next().is_some() {
            return None;
        }
        let entity = self.speaker_entities(lo, lo + comma).next_back()?;
        Some(entity_found(entity))
    }

    /// A credit line after a quote: `”― Pamela Padilla`, the name right after a dash.
    fn dash_credit(&self, lo: usize, hi: usize) -> Option<Found> {
        let rest = self.text[lo..hi].trim_start();
        let name = rest.strip_prefix(['―', '—', '–', '-'])?.trim_start();
        let name_start = hi - name.len();
        let mut entities = self.speaker_entities(name_start, hi);
        entities
            .next()
            .filter(|e| e.start == name_start)
            .map(entity_found)
    }

    /// An attribution in `lo..hi`, text that precedes a quote: the last speech verb there.
    fn attribution_before(&self, lo: usize, hi: usize) -> Option<Found> {
        let verb = speech_verbs(&self.text[lo..hi]).last()?;
        let (verb_start, verb_end) = (lo + verb.start(), lo + verb.end());
        if is_according(verb.as_str()) {
            return self.named_after_verb(verb_end, hi);
        }
        let subject_start = self.sentence_start(lo, verb_start);
        self.subject_of(subject_start, verb_start)
            .or_else(|| self.named_after_verb(verb_end, hi))
    }

    /// The speaker named by the words `lo..hi` right before a speech verb.
    pub(super) fn subject_of(&self, lo: usize, hi: usize) -> Option<Found> {
        let hi = self.strip_auxiliaries(lo, hi);
        let words = words_in(self.text, lo, hi);
        let &(last_start, last_end) = words.last()?;
        if let Some(found) = self.pronoun(last_start, last_end) {
            return Some(found);
        }
        if let Some(found) = self.description_before(&words) {
            return Some(found);
        }
        // "Trump met Xi and said", "Trump attacked Clinton, saying": the clause's subject
        // is its first name, not the nearest.
        let verb = bare_lower(
            self.text[hi..]
                .split_whitespace()
                .next()
                .unwrap_or_default(),
        );
        let clause_subject =
            bare_lower(&self.text[last_start..last_end]) == "and" || verb.ends_with("ing");
        self.subject_entity(lo, hi, clause_subject)
            .map(entity_found)
            .or_else(|| self.unknown_name(&words, true))
    }

    /// `hi` moved back over words like "has" and "also" that sit before a verb.
    pub(super) fn strip_auxiliaries(&self, lo: usize, mut hi: usize) -> usize {
        loop {
            let trimmed = self.text[lo..hi].trim_end();
            // A no-break space is two bytes: the word starts after the whole space.
            let word_start = trimmed.trim_end_matches(|c: char| !c.is_whitespace()).len();
            let word = &trimmed[word_start..];
            if word.is_empty() || !AUXILIARIES.contains(&word.to_lowercase().as_str()) {
                return lo + trimmed.len();
            }
            hi = lo + word_start;
        }
    }

    /// The entity that is the subject of a verb, among person and organisation mentions in
    /// `lo..hi`: the one nearest the verb, but the first when `first` (a verb after "and" or a
    /// participle), and the one before an aside between commas ("Ross, who met Xi, said").
    pub(super) fn subject_entity(&self, lo: usize, hi: usize, first: bool) -> Option<&Entity> {
        let zone = self.text[lo..hi].trim_end();
        let mut hi = lo + zone.len();
        if let Some(inner) = zone.strip_suffix(',') {
            if let Some(comma) = inner.rfind(',') {
                hi = lo + comma;
            }
        }
        let candidates = self.speaker_entities(lo, hi);
        if first {
            return candidates.clone().next();
        }
        let mut fallback = None;
        for entity in candidates.rev() {
            let possessive = self
                .text
                .get(entity.end..)
                .is_some_and(|rest| rest.starts_with(['\'', '’']));
            if possessive && entity.kind == EntityKind::Person {
                fallback = fallback.or(Some(entity));
                continue;
            }
            return Some(entity);
        }
        fallback.filter(|e| e.kind == EntityKind::Org)
    }

    /// Person and organisation mentions inside `lo..hi` that are not inside a quote.
    pub(super) fn speaker_entities(
        &self,
        lo: usize,
        hi: usize,
    ) -> impl DoubleEndedIterator<Item = &Entity> + Clone {
        let first = self.entities.partition_point(|e| e.start < lo);
        let last = self.entities.partition_point(|e| e.start < hi);
        self.entities[first..last.max(first)]
            .iter()
            .filter(move |e| {
                e.end <= hi && self.located(e) && is_speaker_kind(e.kind) && !self.in_quote(e.start)
            })
    }

    /// Whether a mention's offsets can be sliced. Offsets come from another extractor: a bad
    /// one is skipped, not sliced.
    pub(super) fn located(&self, e: &Entity) -> bool {
        e.start <= e.end
            && e.end <= self.text.len()
            && self.text.is_char_boundary(e.start)
            && self.text.is_char_boundary(e.end)
    }

    /// Gives every part of a multi-paragraph quote the attribution found for any part.
    /// The part before comes first: in a transcript each part keeps the last speaker named.
    fn share_within_chains(&self, found: &mut [Option<Found>]) {
        let quotes = self.quotes;
        // Parts of one chain sit in consecutive paragraphs, so the search stops one back.
        let near = |i: usize, j: usize| quotes[i].paragraph.abs_diff(quotes[j].paragraph) <= 1;
        for i in 0..quotes.len() {
            let Some(chain) = quotes[i].chain.filter(|_| found[i].is_none()) else {
                continue;
            };
            let previous = (0..i)
                .rev()
                .take_while(|&j| near(i, j))
                .find(|&j| quotes[j].chain == Some(chain));
            if let Some(j) = previous {
                found[i] = found[j].clone();
            }
        }
        for i in (0..quotes.len()).rev() {
            let Some(chain) = quotes[i].chain.filter(|_| found[i].is_none()) else {
                continue;
            };
            let next = (i + 1..quotes.len())
                .take_while(|&j| near(i, j))
                .find(|&j| quotes[j].chain == Some(chain));
            if let Some(j) = next {
                found[i] = found[j].clone();
            }
        }
    }

    /// Gives a quote with no attribution that of the nearest quote of its paragraph, the
    /// previous one first ("…," he said. "…"). Quotes are in text order, so one pass each way
    /// finds every quote's nearest attributed neighbours in its paragraph.
    fn share_within_paragraphs(&self, found: &mut [Option<Found>]) {
        let quotes = &self.quotes;
        let own: Vec<bool> = found.iter().map(Option::is_some).collect();
        let same_paragraph = |i: usize, j: usize| quotes[i].paragraph == quotes[j].paragraph;
        let mut previous = vec![None; quotes.len()];
        let mut last = None;
        for i in 0..quotes.len() {
            last = last.filter(|&j| same_paragraph(i, j));
            previous[i] = last;
            if own[i] {
                last = Some(i);
            }
        }
        let mut next = None;
        for i in (0..quotes.len()).rev() {
            next = next.filter(|&j| same_paragraph(i, j));
            if !own[i] {
                if let Some(j) = previous[i].or(next) {
                    found[i] = found[j].clone();
                }
            } else {
                next = Some(i);
            }
        }
    }

    /// Gives the quotes of a quote-only paragraph the speaker of the quote just before it,
    /// when that speaker is known: a statement continued over paragraphs.
    fn continue_statements(&self, found: &mut [Option<Found>]) {
        // Whether the paragraph last asked about is quote-only: each is asked about once.
        let mut quote_only: Option<(usize, bool)> = None;
        for i in 1..self.quotes.len() {
            let paragraph = self.quotes[i].paragraph;
            let previous = &self.quotes[i - 1];
            if found[i].is_some() || paragraph == 0 || previous.paragraph + 1 < paragraph {
                continue;
            }
            let known = found[i - 1]
                .as_ref()
                .filter(|f| f.speaker.is_some())
                .cloned();
            if known.is_none() {
                continue;
            }
            let only = match quote_only {
                Some((p, only)) if p == paragraph => only,
                _ => self.is_quote_only(paragraph),
            };
            quote_only = Some((paragraph, only));
            if only {
                found[i] = known;
            }
        }
    }

    /// Whether a paragraph holds nothing but quotes and punctuation.
    fn is_quote_only(&self, paragraph: usize) -> bool {
        let (start, end) = self.paragraphs[paragraph];
        let first = self.quotes.partition_point(|q| q.paragraph < paragraph);
        let mut pos = start;
        for span in self.quotes[first..]
            .iter()
            .take_while(|q| q.paragraph == paragraph)
        {
            if has_word(&self.text[pos..span.open]) {
                return false;
            }
            pos = span.close_end;
        }
        !has_word(&self.text[pos.min(end)..end])
    }
}

/// The attribution of an entity mention: its canonical name, located at the mention.
pub(super) fn entity_found(entity: &Entity) -> Found {
    Found {
        speaker: Some(entity.name.clone()),
        start: entity.start,
        end: entity.end,
    }
}
