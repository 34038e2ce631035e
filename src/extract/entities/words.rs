//! Words: the lexicon's lists as sets hashed once, the tests on a single word (name-like,
//! acronym, abbreviation, common word, given name), and what the whole body says about
//! words (`Vocabulary`: which are written lowercase or capitalised elsewhere).
//!
//! Decides: what one word is. Leaves to others: runs of words (`candidates`) and their types
//! (`typing`); the lists themselves live in `lexicon` and `vocabulary`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::extract::{lexicon, vocabulary, EntityKind};

use super::tokenize::{with_lowercase, Token, TokenKind};

/// A lexicon list as a set, built once.
type WordSet = LazyLock<Words>;

/// A set of lexicon words, hashed cheaply: the keys are short, trusted strings.
pub(super) type Words = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// FxHash over bytes: several times faster than SipHash on short words, and lexicon lookups
/// run for every capitalised token.
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// Builds a set from a lexicon list.
fn set_of(words: &'static [&'static str]) -> Words {
    words.iter().copied().collect()
}

pub(super) static PLACES: WordSet = LazyLock::new(|| set_of(lexicon::PLACES));
pub(super) static ORGS: WordSet = LazyLock::new(|| set_of(lexicon::ORGS));
pub(super) static DEMONYMS: WordSet = LazyLock::new(|| set_of(lexicon::DEMONYMS));
pub(super) static MISC_NAMES: WordSet = LazyLock::new(|| set_of(lexicon::MISC_NAMES));
pub(super) static ORG_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::ORG_HEADS));
pub(super) static PLACE_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::PLACE_HEADS));
pub(super) static MISC_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::MISC_HEADS));
pub(super) static HONORIFICS: WordSet = LazyLock::new(|| set_of(vocabulary::HONORIFICS));
pub(super) static TITLES: WordSet = LazyLock::new(|| set_of(lexicon::TITLES));
pub(super) static PERSON_CUES: WordSet = LazyLock::new(|| set_of(lexicon::PERSON_CUES));
pub(super) static SAY_VERBS: WordSet = LazyLock::new(|| set_of(vocabulary::SAY_VERBS));
pub(super) static PLACE_CUES: WordSet = LazyLock::new(|| set_of(lexicon::PLACE_CUES));
pub(super) static SPOKES_WORDS: WordSet = LazyLock::new(|| set_of(lexicon::SPOKES_WORDS));
pub(super) static CONNECTORS: WordSet = LazyLock::new(|| set_of(lexicon::CONNECTORS));
pub(super) static ABBREVIATIONS: WordSet = LazyLock::new(|| set_of(vocabulary::ABBREVIATIONS));
pub(super) static COMMON_WORDS: WordSet = LazyLock::new(|| {
    let dates = vocabulary::MONTHS
        .iter()
        .chain(vocabulary::MONTH_ABBREVIATIONS)
        .chain(&vocabulary::WEEKDAYS)
        .flat_map(|word| [word, &word[..3]])
        .map(|word| &*Box::leak(word.to_ascii_lowercase().into_boxed_str()));
    lexicon::COMMON_WORDS.iter().copied().chain(dates).collect()
});
pub(super) static FIRST_NAMES: WordSet = LazyLock::new(|| set_of(lexicon::FIRST_NAMES));

/// The first words of the lexicon's names of two words or more ("European" of "European
/// Union"), so that only they start a costlier multi-word lookup.
pub(super) static LEXICON_FIRST_WORDS: WordSet = LazyLock::new(|| {
    [lexicon::PLACES, lexicon::ORGS, lexicon::MISC_NAMES]
        .iter()
        .flat_map(|list| list.iter())
        .filter_map(|name| name.split_once(' ').map(|(first, _)| first))
        .collect()
});

/// Every lexicon name by its lowercase form, for case-blind title matching.
pub(super) static LEXICON_BY_LOWER: LazyLock<HashMap<String, (&'static str, EntityKind)>> =
    LazyLock::new(|| {
        let lists = [
            (lexicon::MISC_NAMES, EntityKind::Misc),
            (lexicon::DEMONYMS, EntityKind::Misc),
            (lexicon::ORGS, EntityKind::Org),
            (lexicon::PLACES, EntityKind::Place),
        ];
        let mut map = HashMap::new();
        // Later lists win, so places beat orgs beat demonyms on a shared lowercase form.
        for (list, kind) in lists {
            for &name in list {
                map.insert(name.to_lowercase(), (name, kind));
            }
        }
        map
    });

/// A word that can be part of a name: capitalised ("Ross", "U.S.") or camel-cased ("iPhone").
pub(super) fn is_name_like(token: &Token<'_>) -> bool {
    if token.kind != TokenKind::Word {
        return false;
    }
    let mut chars = token.text.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
        _ => false,
    }
}

/// An all-capitals abbreviation of two to six letters ("EU", "BBC", "U.S.", "AT&T").
pub(super) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-'))
}

/// The word without a trailing abbreviation dot, for list lookups ("Corp." -> "Corp").
pub(super) fn without_dot(word: &str) -> &str {
    word.strip_suffix('.').unwrap_or(word)
}

/// Whether the lowercase form of `word` (without its dot) is in `set`.
pub(super) fn lower_in(set: &Words, word: &str) -> bool {
    with_lowercase(without_dot(word), |w| set.contains(w))
}

/// The part of a word before a contraction ("It" of "It'll"); the word itself otherwise.
pub(super) fn contraction_base(word: &str) -> &str {
    match word.find(['\'', '’']) {
        Some(i) => {
            let tail = word[i..].trim_start_matches(['\'', '’']);
            let contraction = matches!(tail, "s" | "ll" | "re" | "ve" | "d" | "m" | "S" | "LL");
            if contraction {
                &word[..i]
            } else {
                word
            }
        }
        None => word,
    }
}

/// A word that is never part of a name: "Didn't", "Won't".
pub(super) fn is_negated_verb(word: &str) -> bool {
    word.ends_with("n't") || word.ends_with("n’t") || word.ends_with("N'T")
}

/// The byte length of the name part of a word: without a possessive ("Microsoft's") or a
/// lowercase hyphenated tail ("US-based"). Lexicon names keep their apostrophe ("McDonald's").
pub(super) fn name_len(word: &str) -> usize {
    if ORGS.contains(word) {
        return word.len();
    }
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem.len();
        }
    }
    if let Some(i) = word.rfind('-') {
        let tail = &word[i + 1..];
        if tail.chars().next().is_some_and(char::is_lowercase) {
            return word.find('-').unwrap_or(i);
        }
    }
    word.len()
}

/// Whether a single word is a name the lexicon knows, of any kind.
pub(super) fn is_known_word(word: &str) -> bool {
    PLACES.contains(word)
        || ORGS.contains(word)
        || DEMONYMS.contains(word)
        || MISC_NAMES.contains(word)
        || FIRST_NAMES.contains(word)
}

/// What the whole body says about words, for judging sentence-initial capitals.
pub(super) struct Vocabulary<'a> {
    /// Words written in lowercase somewhere ("two", "update").
    lowercase: HashSet<&'a str>,
    /// Words capitalised somewhere other than a sentence start, possessive removed.
    pub(super) capitalised: HashSet<&'a str>,
}

impl<'a> Vocabulary<'a> {
    /// Collects the vocabulary of a tokenized body.
    pub(super) fn of(tokens: &[Token<'a>]) -> Self {
        let mut lowercase = HashSet::new();
        let mut capitalised = HashSet::new();
        for token in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            if token.text.chars().next().is_some_and(char::is_lowercase) {
                lowercase.insert(token.text);
            } else if !token.sentence_start && is_name_like(token) {
                capitalised.insert(&token.text[..name_len(token.text)]);
            }
        }
        Vocabulary {
            lowercase,
            capitalised,
        }
    }

    /// Whether `word` is written lowercase elsewhere in the article.
    pub(super) fn seen_lowercase(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.lowercase.contains(w))
    }
}
