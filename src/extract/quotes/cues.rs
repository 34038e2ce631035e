//! The word lists and limits of quote attribution: speech verbs, the cues that make a quoted
//! stretch a title or a term, auxiliaries, roles, determiners, sentence openers, words that are
//! not names, and the bounds that keep each rule's window small.
//!
//! Decides: which words count as what. Leaves to others: how the lists are read (`scan`,
//! `attribute`, `describe`, `gender`).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::vocabulary::SPEECH_VERBS;

/// Longest stretch, in bytes, searched for an attribution on either side of a quote; it bounds
/// the work per quote on run-on text.
pub(super) const MAX_CONTEXT: usize = 400;
/// What resolving one quote's speaker counts against the article's work budget.
pub(super) const STEPS_PER_QUOTE: u64 = 32;
/// Most words a subject may have between a quote and the speech verb after it ("a spokeswoman
/// for the Chinese commerce ministry said"); longer runs belong to some other clause.
pub(super) const MAX_SUBJECT_WORDS: usize = 10;
/// Most words of a description ("a senior official at the department") read around a verb.
pub(super) const MAX_DESCRIPTION_WORDS: usize = 8;
/// Most words before a sentence's subject ("Former Chelsea captain Desailly").
pub(super) const MAX_SUBJECT_LEAD_WORDS: usize = 6;
/// How many entity mentions back an antecedent is looked for.
pub(super) const MAX_ANTECEDENT_LOOKBACK: usize = 200;
/// Most words of a quoted phrase after "the term" or "so-called" that is a term mention.
pub(super) const MAX_TERM_WORDS: usize = 4;
/// Most words of a quoted title ("Make America Great Again" is four).
pub(super) const MAX_TITLE_WORDS: usize = 10;

/// A speech verb, or "according to": the general list, and the past forms among the cues
/// learned from PolNeAR's train split that attribute where they stand at least
/// [`MIN_QUOTE_CUE_RATIO`] of the time ("pleaded", "quipped").
static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let mut verbs: Vec<&str> = SPEECH_VERBS.to_vec();
    for cue in derived_cues(MIN_QUOTE_CUE_RATIO) {
        let past = cue.ends_with("ed") && cue.bytes().all(|b| b.is_ascii_lowercase());
        if past && !verbs.contains(&cue) {
            verbs.push(cue);
        }
    }
    let verbs = verbs.join("|");
    Regex::new(&format!(r"\b(?:{verbs})\b|\b[Aa]ccording to\b"))
        .expect("the speech-verb pattern is valid")
});

/// The speech verbs in `text`, without "added to" (joined, not spoke).
pub(super) fn speech_verbs(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    SPEECH_VERB.find_iter(text).filter(move |m| {
        let joined = matches!(m.as_str(), "added" | "adds")
            && text[m.end()..].trim_start().starts_with("to ");
        !joined
    })
}

/// Words just before a quote that make it the title of a work, not speech.
pub(super) const TITLE_CUES: &[&str] = &[
    "film",
    "movie",
    "book",
    "novel",
    "report",
    "album",
    "song",
    "titled",
    "called",
    "dubbed",
    "entitled",
    "headlined",
    "documentary",
    "series",
    "show",
    "memoir",
    "poem",
    "episode",
    "single",
    "play",
    "nicknamed",
    "hashtag",
];
/// Words just before a short quote that make it the mention of a term, not speech.
pub(super) const TERM_CUES: &[&str] = &[
    "so-called",
    "word",
    "words",
    "term",
    "phrase",
    "label",
    "slogan",
];
/// Prepositions before a title of a show or paper ("on", "of"), as opposed to speech.
pub(super) const TITLE_PREPOSITIONS: &[&str] = &["on", "of", "in", "to", "from", "at"];
/// Personal pronouns, which in marks alone are words mentioned, not speech.
pub(super) const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "i", "we", "you",
];
/// Words before a name that make it the object of a clause, not its subject.
pub(super) const OBJECT_CUES: &[&str] = &[
    "to", "with", "by", "against", "beat", "beats", "meet", "meets",
];
/// Words that stay lower case inside a title.
pub(super) const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as",
    "vs", "vs.", "but", "nor", "is", "&",
];
/// Words that may sit between a subject and its speech verb ("Ross has also said").
pub(super) const AUXILIARIES: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "later",
    "then",
    "previously",
    "once",
    "again",
    "recently",
    "repeatedly",
    "further",
    "would",
    "will",
    "publicly",
    "reportedly",
    "simply",
    "just",
    "quickly",
    "earlier",
    "privately",
    "flatly",
    "frequently",
    "often",
    "famously",
    "angrily",
    "bluntly",
    "once",
    "even",
    "may",
    "might",
    "could",
    "has",
    "did",
    "does",
    "only",
];
/// Nouns for a person by role that news uses for someone it has just named ("the defender
/// said", "the Old Trafford boss added").
///
/// Words every sportsman or celebrity may be called ("champion", "star", "player") are left
/// out: the last person so titled is too often someone else.
pub(super) const PERSON_ROLES: &[&str] = &[
    "boss",
    "manager",
    "coach",
    "defender",
    "striker",
    "midfielder",
    "winger",
    "goalkeeper",
    "keeper",
    "captain",
    "singer",
    "actor",
    "actress",
    "comedian",
    "director",
    "author",
    "musician",
    "rapper",
    "presenter",
    "mayor",
    "minister",
    "chairman",
    "chairwoman",
    "founder",
    "economist",
    "analyst",
];
/// Words that make a role another one: "deputy mayor", "assistant coach".
pub(super) const RANK_WORDS: &[&str] =
    &["deputy", "assistant", "vice", "shadow", "former", "acting"];
/// Words of an office that one person holds at a time, whoever the text is about.
pub(super) const OFFICE_WORDS: &[&str] =
    &["prime", "president", "first", "chancellor", "pope", "queen"];
/// Whether a word is an age used as a noun or adjective: "36-year-old", "36-year-old's".
pub(super) fn is_age(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
    let Some(years) = word.strip_suffix("-year-old") else {
        return false;
    };
    !years.is_empty() && years.len() <= 3 && years.bytes().all(|b| b.is_ascii_digit())
}

/// Words that end a description when reading backwards from a speech verb: they open a
/// clause or an adverbial, not a noun phrase.
pub(super) const DESCRIPTION_STOPS: &[&str] = &[
    "in", "on", "during", "after", "before", "when", "while", "that", "and", "but", "as",
    "because", "which", "who", "where", "since", "than", "if", "also", "said", "says", "told",
    "at",
];
/// Words that open a sentence before its subject: an adverbial up to a comma, or a conjunction.
pub(super) const SENTENCE_OPENERS: &[&str] = &[
    "in",
    "at",
    "on",
    "during",
    "after",
    "before",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "but",
    "and",
    "yet",
    "so",
    "still",
    "instead",
    "then",
    "now",
    "last",
    "speaking",
    "asked",
    "since",
    "while",
    "when",
    "as",
    "for",
    "with",
    "over",
    "also",
    "separately",
    "previously",
];
/// Openers that need no comma after them.
pub(super) const CONJUNCTIONS: &[&str] = &[
    "but", "and", "yet", "so", "still", "then", "also", "instead",
];
/// Capitalised words next to a speech verb that are not names (weekdays too: `is_weekday`).
#[rustfmt::skip]
pub(super) const NOT_NAMES: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "but",
    "and",
    "so",
    "yet",
    "when",
    "while",
    "if",
    "as",
    "in",
    "on",
    "at",
    "after",
    "before",
    "later",
    "also",
    "earlier",
    "today",
    "yesterday",
    "who",
    "what",
    "which",
    "everyone",
    "nobody",
    "someone",
    "officials",
    "police",
    "republicans",
    "democrats",
];
/// Longest transcript label looked for at the start of a quote ("SEN. TIM KAINE:").
pub(super) const MAX_LABEL_BYTES: usize = 40;
/// Most words of a name the entity extractor missed.
pub(super) const MAX_NAME_WORDS: usize = 4;
/// Prepositions that tie a description to the entity it names ("a spokeswoman for Microsoft").
pub(super) const LINKING_PREPOSITIONS: &[&str] =
    &["for", "of", "from", "with", "to", "representing"];
/// Head nouns of a definite description that stands for the last organisation mentioned.
pub(super) const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "ministry",
    "department",
    "agency",
    "group",
    "organization",
    "organisation",
    "committee",
    "government",
    "administration",
    "campaign",
    "party",
    "union",
    "bank",
    "network",
    "giant",
    "maker",
    "manufacturer",
    "retailer",
    "carrier",
    "operator",
    "regulator",
    "council",
    "commission",
    "office",
    "bureau",
    "board",
    "court",
    "team",
    "club",
    "league",
    "association",
    "foundation",
    "institute",
    "university",
    "newspaper",
    "paper",
    "outlet",
    "startup",
    "corporation",
    "conglomerate",
    "insurer",
    "lender",
    "airline",
    "automaker",
    "studio",
    "publisher",
    "charity",
    "coalition",
    "alliance",
    "federation",
    "embassy",
    "military",
    "army",
    "police",
    "service",
    "watchdog",
    "website",
    "site",
];

/// The cue words of attribution learned from PolNeAR's train split (`data/speech-cues.tsv`,
/// made by `scripts/speech_cues.py`): each word with how often it was an annotated cue and how
/// often it was seen at all.
static DERIVED_CUES: &str = include_str!("../../../data/speech-cues.tsv");
/// How often, at least, a derived word must attribute where it stands to count as a cue of
/// reported speech; tuned on PolNeAR dev (0.45: F1 0.657, 0.25: 0.706, 0.2: 0.731, 0.15:
/// 0.732 with speakers falling). The shapes a cue must stand in keep the rest out.
pub(super) const MIN_CUE_RATIO: f64 = 0.2;
/// How often, at least, a derived word must attribute where it stands to count as a speech
/// verb after or before a direct quote, where a wrong verb moves a speaker.
pub(super) const MIN_QUOTE_CUE_RATIO: f64 = 0.6;

/// The derived cue words whose ratio of annotated cues to sightings is at least `ratio`.
fn derived_cues(ratio: f64) -> impl Iterator<Item = &'static str> {
    DERIVED_CUES
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(move |line| {
            let mut fields = line.split('\t');
            let word = fields.next()?;
            let cue: f64 = fields.next()?.parse().ok()?;
            let seen: f64 = fields.next()?.parse().ok()?;
            (seen > 0.0 && cue / seen >= ratio).then_some(word)
        })
}

/// FNV-1a: the cue set is looked up once for every word of the text, and its keys are short
/// and ours, so a hash that resists flooding is not needed.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The cue words of reported speech: the derived cues and the speech verbs.
static REPORTING_CUES: LazyLock<HashSet<&'static str, BuildHasherDefault<Fnv>>> =
    LazyLock::new(|| {
        derived_cues(MIN_CUE_RATIO)
            .chain(SPEECH_VERBS.iter().copied())
            .filter(|w| !w.contains(' ') && w.chars().all(|c| c.is_ascii_lowercase()))
            .collect()
    });

/// Whether a lower-cased word is a cue of reported speech ("said", "warned", "believes").
pub(super) fn is_reporting_cue(lower: &str) -> bool {
    // Most words of a text are no cue: the lengths the cues have for each first letter tell
    // most of them apart without hashing ("the", "and", "of" have none).
    let first = lower.bytes().next().unwrap_or_default();
    let fits = first.is_ascii_lowercase()
        && lower.len() < 64
        && CUE_LENGTHS[usize::from(first - b'a')] & (1 << lower.len()) != 0;
    fits && REPORTING_CUES.contains(lower)
}

/// For each first letter `a`..`z`, a bit for each length that a cue starting with it has.
static CUE_LENGTHS: LazyLock<[u64; 26]> = LazyLock::new(|| {
    let mut lengths = [0u64; 26];
    for cue in REPORTING_CUES.iter() {
        if let Some(first) = cue.bytes().next().filter(u8::is_ascii_lowercase) {
            if cue.len() < 64 {
                lengths[usize::from(first - b'a')] |= 1 << cue.len();
            }
        }
    }
    lengths
});
