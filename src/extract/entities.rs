//! Named-entity recognition: people, organisations, places and misc names.
//!
//! The trained recognizer ([`ner`], built into the binary) finds the spans and their types;
//! the hand-written rules below it keep what they do better:
//! 1. Tokens for the model: the raw-text tokenizer ([`tokenize`]: byte offsets, abbreviations
//!    keep their dot) with clitics split off as CoNLL writes them ("Microsoft" "'s", "does"
//!    "n't") and "..." or "--" kept whole. Sentences end at line breaks and end punctuation.
//!    Headline and body are tagged as one document, headline first, so the model's
//!    document-level features see how a headline word is cased in the body.
//! 2. Each span loses punctuation, a possessive and a leading "With"/"For" ("With Beacon");
//!    a person span is split at titles ("Commerce Secretary Wilbur Ross" -> "Wilbur Ross",
//!    the part before kept only when it is a name on its own: "US President ..." -> "US").
//! 3. Types: nationalities are misc; a lexicon name of several words, or a company, takes the
//!    lexicon's type; a person or place span with an organisation head is an organisation
//!    ("Brightwater Analytics"); "Name Surname, X's chief executive" is a person; a product
//!    with a model number written so twice is misc ("Beacon 3"); an ALL-CAPS dateline is a
//!    place named in Title Case ("OSLO -" -> "Oslo"); common abbreviations ("AI") are dropped;
//!    lexicon names the model left out are added ("US" in "US President", CoNLL has "U.S.").
//! 4. Canonical names as the rules do them: "European Union (EU)" and initials expand an
//!    acronym; a later mention that is a token-suffix (people) or token-prefix (orgs, misc)
//!    of an earlier longer one takes its name and type, unless it is a lexicon name of another
//!    type ("US" is not short for "US Commerce Department"); "US Commerce Department" and "US
//!    Department of Commerce" share the first name. Then every mention of a name gets the
//!    type with the strongest evidence, the most frequent on a tie.
//! 5. Headline mentions take the body's names; in a Title Case or ALL CAPS headline only
//!    names the body or the lexicon knows are kept.
//! 6. Names general knowledge gives another form of ("U.S.", "Tories", "IMF") take the
//!    canonical one ([`aliases`]).
//!
//! Should the built-in model fail to load, the rules alone recognize names (see
//! [`rule_entities`]): capitalised runs with connectors, split at titles, trimmed of
//! sentence-initial common words, typed by honorifics, lexicon, heads and context cues.
//!
//! Cost is linear in the text: the model reads at most [`MAX_FIELD_TOKENS`] tokens of a field,
//! in sentences of at most [`MAX_SENTENCE_TOKENS`]; a name has at most [`MAX_NAME_TOKENS`]
//! tokens, so its short forms (quadratic in its length) cost a constant; every map of names is
//! a hash lookup per mention. The short forms and the scans for numbered products are charged
//! to the article's work budget ([`super::budget`]).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::aliases;
use super::budget;
use super::lexicon;
use super::ner;
use super::vocabulary;
use super::{Entity, EntityKind, TextField};

/// A lexicon list as a set, built once.
type WordSet = LazyLock<Words>;

/// A set of lexicon words, hashed cheaply: the keys are short, trusted strings.
type Words = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// FxHash over bytes: several times faster than SipHash on short words, and lexicon lookups
/// run for every capitalised token.
#[derive(Default)]
struct WordHasher(u64);

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

static PLACES: WordSet = LazyLock::new(|| set_of(lexicon::PLACES));
static ORGS: WordSet = LazyLock::new(|| set_of(lexicon::ORGS));
static DEMONYMS: WordSet = LazyLock::new(|| set_of(lexicon::DEMONYMS));
static MISC_NAMES: WordSet = LazyLock::new(|| set_of(lexicon::MISC_NAMES));
static ORG_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::ORG_HEADS));
static PLACE_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::PLACE_HEADS));
static MISC_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::MISC_HEADS));
static HONORIFICS: WordSet = LazyLock::new(|| set_of(vocabulary::HONORIFICS));
static TITLES: WordSet = LazyLock::new(|| set_of(lexicon::TITLES));
static PERSON_CUES: WordSet = LazyLock::new(|| set_of(lexicon::PERSON_CUES));
static SAY_VERBS: WordSet = LazyLock::new(|| set_of(vocabulary::SAY_VERBS));
static PLACE_CUES: WordSet = LazyLock::new(|| set_of(lexicon::PLACE_CUES));
static SPOKES_WORDS: WordSet = LazyLock::new(|| set_of(lexicon::SPOKES_WORDS));
static CONNECTORS: WordSet = LazyLock::new(|| set_of(lexicon::CONNECTORS));
static ABBREVIATIONS: WordSet = LazyLock::new(|| set_of(vocabulary::ABBREVIATIONS));
static COMMON_WORDS: WordSet = LazyLock::new(|| set_of(lexicon::COMMON_WORDS));
static FIRST_NAMES: WordSet = LazyLock::new(|| set_of(lexicon::FIRST_NAMES));

/// The first words of the lexicon's names of two words or more ("European" of "European
/// Union"), so that only they start a costlier multi-word lookup.
static LEXICON_FIRST_WORDS: WordSet = LazyLock::new(|| {
    [lexicon::PLACES, lexicon::ORGS, lexicon::MISC_NAMES]
        .iter()
        .flat_map(|list| list.iter())
        .filter_map(|name| name.split_once(' ').map(|(first, _)| first))
        .collect()
});

/// Every lexicon name by its lowercase form, for case-blind title matching.
static LEXICON_BY_LOWER: LazyLock<HashMap<String, (&'static str, EntityKind)>> =
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

// ---------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------

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
fn is_line_break(c: char) -> bool {
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
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
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

// ---------------------------------------------------------------------------------------------
// Word tests
// ---------------------------------------------------------------------------------------------

/// A word that can be part of a name: capitalised ("Ross", "U.S.") or camel-cased ("iPhone").
fn is_name_like(token: &Token<'_>) -> bool {
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
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-'))
}

/// The word without a trailing abbreviation dot, for list lookups ("Corp." -> "Corp").
fn without_dot(word: &str) -> &str {
    word.strip_suffix('.').unwrap_or(word)
}

/// Whether the lowercase form of `word` (without its dot) is in `set`.
fn lower_in(set: &Words, word: &str) -> bool {
    with_lowercase(without_dot(word), |w| set.contains(w))
}

/// The part of a word before a contraction ("It" of "It'll"); the word itself otherwise.
fn contraction_base(word: &str) -> &str {
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
fn is_negated_verb(word: &str) -> bool {
    word.ends_with("n't") || word.ends_with("n’t") || word.ends_with("N'T")
}

/// The byte length of the name part of a word: without a possessive ("Microsoft's") or a
/// lowercase hyphenated tail ("US-based"). Lexicon names keep their apostrophe ("McDonald's").
fn name_len(word: &str) -> usize {
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
fn is_known_word(word: &str) -> bool {
    PLACES.contains(word)
        || ORGS.contains(word)
        || DEMONYMS.contains(word)
        || MISC_NAMES.contains(word)
        || FIRST_NAMES.contains(word)
}

// ---------------------------------------------------------------------------------------------
// The article's vocabulary
// ---------------------------------------------------------------------------------------------

/// What the whole body says about words, for judging sentence-initial capitals.
struct Vocabulary<'a> {
    /// Words written in lowercase somewhere ("two", "update").
    lowercase: HashSet<&'a str>,
    /// Words capitalised somewhere other than a sentence start, possessive removed.
    capitalised: HashSet<&'a str>,
}

impl<'a> Vocabulary<'a> {
    /// Collects the vocabulary of a tokenized body.
    fn of(tokens: &[Token<'a>]) -> Self {
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
    fn seen_lowercase(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.lowercase.contains(w))
    }
}

// ---------------------------------------------------------------------------------------------
// Candidate runs
// ---------------------------------------------------------------------------------------------

/// The most tokens a name may have. The longest in CoNLL-2003 has 10; a longer span is a run
/// of capitalised words that no later mention would repeat, and each name's shorter forms
/// cost the square of its length, so this also bounds the work per name.
const MAX_NAME_TOKENS: usize = 16;

/// Token index ranges `[start, end)` of maximal capitalised runs within a sentence, with
/// connectors inside, each of at most [`MAX_NAME_TOKENS`].
fn capitalised_runs(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
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

// ---------------------------------------------------------------------------------------------
// From runs to typed mentions
// ---------------------------------------------------------------------------------------------

/// How sure a mention's type is; when mentions of one name disagree, the strongest wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    /// No rule fired; the default type.
    Default,
    /// A context cue ("X said", "in X") or a head word.
    Cue,
    /// A lexicon hit, a title or honorific, a known first name.
    Strong,
}

/// One mention before canonical naming: tokens `[first, last]` and the byte span of the name.
#[derive(Debug, Clone)]
struct Mention {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    kind: EntityKind,
    evidence: Evidence,
    /// The canonical name, once linked; the mention text with whitespace normalised before.
    name: String,
}

/// A run piece between titles, and what stands before it.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    /// Right after a title or honorific ("Secretary Wilbur Ross"): a person.
    after_title: bool,
    /// Right before a title ("Commerce Secretary"): kept only if it is a name on its own.
    before_title: bool,
}

/// Whether a token is a courtesy title ("Mr", "Dr").
fn is_honorific(token: &Token<'_>) -> bool {
    lower_in(&HONORIFICS, token.text)
}

/// Whether a token inside a run is a title or honorific that splits it.
fn is_title_word(token: &Token<'_>) -> bool {
    lower_in(&TITLES, token.text) || lower_in(&HONORIFICS, token.text)
}

/// Splits a run at title words ("US President Donald Trump" -> "US" | "Donald Trump"), unless
/// the title word ends the run after a first name ("Stephen King").
fn split_at_titles(tokens: &[Token<'_>], start: usize, end: usize) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut seg_start = start;
    let mut after_title = false;
    let mut i = start;
    while i < end {
        let surname_like = i + 1 == end && i > start && FIRST_NAMES.contains(tokens[i - 1].text);
        if !is_title_word(&tokens[i]) || surname_like {
            i += 1;
            continue;
        }
        if seg_start < i {
            segments.push(Segment {
                start: seg_start,
                end: i,
                after_title,
                before_title: true,
            });
        }
        while i < end && is_title_word(&tokens[i]) {
            i += 1;
        }
        seg_start = i;
        after_title = true;
    }
    if seg_start < end {
        segments.push(Segment {
            start: seg_start,
            end,
            after_title,
            before_title: false,
        });
    }
    segments
}

/// Whether a token at the edge of a segment is not part of a name: a connector, a function
/// word, a date word, a negated verb or a lone letter.
fn is_edge_noise(token: &Token<'_>, after_title: bool) -> bool {
    if !is_name_like(token) {
        return true;
    }
    let word = token.text;
    if is_negated_verb(word) || word.chars().count() == 1 {
        return true;
    }
    // After a title the month-like words are surnames ("Mrs May").
    !after_title && lower_in(&COMMON_WORDS, contraction_base(word)) && !is_known_word(word)
}

/// Whether a sentence-initial word is just a capitalised common word, not a name.
fn is_initial_common_word(token: &Token<'_>, vocab: &Vocabulary<'_>, alone: bool) -> bool {
    let word = &token.text[..name_len(token.text)];
    if is_known_word(word) || is_acronym(word) || vocab.capitalised.contains(word) {
        return false;
    }
    let lower_elsewhere = vocab.seen_lowercase(word);
    let adverb_or_verb = word.len() > 4 && (word.ends_with("ly") || word.ends_with("ing"));
    lower_elsewhere || adverb_or_verb || alone
}

/// Trims a segment to its name: edge noise off both ends, a common sentence-initial word off
/// the front; then the first-name start after a title ("Secretary of State John Kerry").
fn trim_segment(tokens: &[Token<'_>], seg: Segment, vocab: &Vocabulary<'_>) -> Option<Segment> {
    let (mut start, mut end) = (seg.start, seg.end);
    loop {
        while start < end && is_edge_noise(&tokens[start], seg.after_title && start == seg.start) {
            start += 1;
        }
        while start < end && is_edge_noise(&tokens[end - 1], seg.after_title) {
            end -= 1;
        }
        if start >= end {
            return None;
        }
        let initial = tokens[start].sentence_start;
        if !(initial && is_initial_common_word(&tokens[start], vocab, end - start == 1)) {
            break;
        }
        start += 1;
    }
    // "Governor of the Reserve Bank" names an office, not a person, unless a first name
    // follows ("Secretary of State John Kerry").
    let office = seg.after_title && !is_name_like(&tokens[seg.start]);
    let mut after_title = seg.after_title && !office;
    if seg.after_title && !FIRST_NAMES.contains(tokens[start].text) {
        if let Some(i) = (start + 1..end).find(|&i| FIRST_NAMES.contains(tokens[i].text)) {
            start = i;
            after_title = true;
        }
    }
    Some(Segment {
        start,
        end,
        after_title,
        ..seg
    })
}

/// The mention text of tokens `[start, end)` with whitespace normalised, possessive removed.
fn joined_name(text: &str, tokens: &[Token<'_>], start: usize, end: usize) -> String {
    let last = &tokens[end - 1];
    let span = &text[tokens[start].start..last.start + name_len(last.text)];
    if !span.contains(char::is_whitespace) {
        return span.to_string();
    }
    span.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lexicon's type for a whole name, if it has one.
fn lexicon_kind(name: &str) -> Option<EntityKind> {
    if DEMONYMS.contains(name) || MISC_NAMES.contains(name) {
        Some(EntityKind::Misc)
    } else if PLACES.contains(name) {
        Some(EntityKind::Place)
    } else if ORGS.contains(name) {
        Some(EntityKind::Org)
    } else {
        None
    }
}

/// Whether the segment names an organisation by its head: last word "Bank", "Inc", "Group",
/// or a head followed by "of"/"for" ("Bank of England", "Department of Commerce").
fn has_org_head(tokens: &[Token<'_>], seg: Segment) -> bool {
    if seg.end - seg.start < 2 {
        return false;
    }
    let last = tokens[seg.end - 1].text;
    lower_in(&ORG_HEADS, &last[..name_len(last)])
        || (seg.start..seg.end - 1).any(|i| {
            lower_in(&ORG_HEADS, tokens[i].text) && matches!(tokens[i + 1].text, "of" | "for")
        })
}

/// Whether the last word of a multi-word segment is in `heads` ("West Coast", "World Cup").
fn has_head(tokens: &[Token<'_>], seg: Segment, heads: &Words) -> bool {
    let last = tokens[seg.end - 1].text;
    seg.end - seg.start >= 2 && lower_in(heads, &last[..name_len(last)])
}

/// English county names ("Derbyshire") and compass-qualified places ("South Yorkshire").
fn is_region_name(tokens: &[Token<'_>], seg: Segment) -> bool {
    let last = tokens[seg.end - 1].text;
    let compass = matches!(
        tokens[seg.start].text,
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
            | "Greater"
            | "Upper"
            | "Lower"
    );
    last.ends_with("shire") || (compass && seg.end - seg.start == 2 && PLACES.contains(last))
}

/// The lowercase word before the segment, skipping nothing; `None` at the start of text.
fn word_before<'a>(tokens: &[Token<'a>], seg: Segment) -> Option<&'a str> {
    seg.start.checked_sub(1).map(|i| tokens[i].text)
}

/// The word after the segment, skipping a comma ("Wilbur Ross, 81, said" is not handled).
fn word_after<'a>(tokens: &[Token<'a>], seg: Segment) -> Option<&'a str> {
    tokens.get(seg.end).map(|t| t.text)
}

/// The type the context around the segment suggests, if any.
fn context_kind(tokens: &[Token<'_>], seg: Segment) -> Option<EntityKind> {
    let len = seg.end - seg.start;
    let before = word_before(tokens, seg).unwrap_or("");
    let after = word_after(tokens, seg).unwrap_or("");
    let plain_words = (seg.start..seg.end).all(|i| !is_acronym(tokens[i].text));
    if SPOKES_WORDS.contains(after) || spokes_for(tokens, seg) {
        return Some(EntityKind::Org);
    }
    if PERSON_CUES.contains(before) && len <= 3 && plain_words {
        return Some(EntityKind::Person);
    }
    let said = SAY_VERBS.contains(after) || SAY_VERBS.contains(before);
    if said && (2..=3).contains(&len) && plain_words {
        return Some(EntityKind::Person);
    }
    if PLACE_CUES.contains(before) && len == 1 && plain_words {
        return Some(EntityKind::Place);
    }
    None
}

/// "a spokesman for X": the two words before the segment.
fn spokes_for(tokens: &[Token<'_>], seg: Segment) -> bool {
    seg.start >= 2
        && matches!(tokens[seg.start - 1].text, "for" | "at")
        && SPOKES_WORDS.contains(tokens[seg.start - 2].text)
}

/// Types a trimmed segment whose normalised text is `name`, by the rule order in the header.
fn classify(tokens: &[Token<'_>], seg: Segment, name: &str) -> (EntityKind, Evidence) {
    let first = tokens[seg.start].text;
    let multi = seg.end - seg.start >= 2;
    // After a title even a demonym is a surname ("Mr German"), but not a place or an org.
    let place_or_org = PLACES.contains(name) || ORGS.contains(name);
    if seg.after_title && !place_or_org {
        return (EntityKind::Person, Evidence::Strong);
    }
    if let Some(kind) = lexicon_kind(name) {
        return (kind, Evidence::Strong);
    }
    if has_org_head(tokens, seg) {
        return (EntityKind::Org, Evidence::Strong);
    }
    if multi && FIRST_NAMES.contains(first) {
        return (EntityKind::Person, Evidence::Strong);
    }
    if has_head(tokens, seg, &PLACE_HEADS) || is_region_name(tokens, seg) {
        return (EntityKind::Place, Evidence::Cue);
    }
    if has_head(tokens, seg, &MISC_HEADS) {
        return (EntityKind::Misc, Evidence::Cue);
    }
    if let Some(kind) = context_kind(tokens, seg) {
        return (kind, Evidence::Cue);
    }
    if FIRST_NAMES.contains(first) {
        return (EntityKind::Person, Evidence::Cue);
    }
    if is_acronym(name) {
        return (EntityKind::Org, Evidence::Cue);
    }
    if is_demonym_compound(tokens, seg) {
        return (EntityKind::Misc, Evidence::Cue);
    }
    // Two or three plain capitalised words with nothing else to go on are most often a
    // person whose first name the list lacks ("Doris Lessing"); anything else, an org.
    if is_name_shaped(tokens, seg) {
        return (EntityKind::Person, Evidence::Default);
    }
    (EntityKind::Org, Evidence::Default)
}

/// "South Korean", "French-Israeli": demonyms qualified by a compass word or hyphenated.
fn is_demonym_compound(tokens: &[Token<'_>], seg: Segment) -> bool {
    let last = tokens[seg.end - 1].text;
    let last = &last[..name_len(last)];
    let compass = is_compass(tokens[seg.start].text);
    let two = seg.end - seg.start == 2;
    (two && compass && DEMONYMS.contains(last))
        || (seg.end - seg.start == 1
            && last.contains('-')
            && last.split('-').all(|p| DEMONYMS.contains(p)))
}

/// A compass word that qualifies a name ("South Korean", "West Bank").
fn is_compass(word: &str) -> bool {
    matches!(word, "North" | "South" | "East" | "West")
}

/// Two or three capitalised words (and name particles: "van", "de") with no acronym, digit,
/// or lexicon word.
fn is_name_shaped(tokens: &[Token<'_>], seg: Segment) -> bool {
    let words = &tokens[seg.start..seg.end];
    let particle =
        |t: &Token<'_>| !matches!(t.text, "of" | "for" | "the") && CONNECTORS.contains(t.text);
    let name_words = words.iter().filter(|t| !particle(t)).count();
    (2..=3).contains(&name_words)
        && words.iter().filter(|t| !particle(t)).all(|t| {
            let word = &t.text[..name_len(t.text)];
            word.chars().next().is_some_and(char::is_uppercase)
                && !is_acronym(word)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                && !is_known_word(word)
                && !lower_in(&COMMON_WORDS, word)
        })
}

/// Splits a leading demonym off a name it only describes ("American | Justin Gatlin"), but
/// not off a name it is part of ("British Airways", "Chinese Communist Party").
fn split_demonym(text: &str, tokens: &[Token<'_>], seg: Segment) -> Vec<Segment> {
    let whole = joined_name(text, tokens, seg.start, seg.end);
    let part_of_name = lexicon_kind(&whole).is_some()
        || has_org_head(tokens, seg)
        || has_head(tokens, seg, &MISC_HEADS);
    if seg.end - seg.start < 2 || !DEMONYMS.contains(tokens[seg.start].text) || part_of_name {
        return vec![seg];
    }
    let demonym = Segment {
        end: seg.start + 1,
        before_title: false,
        ..seg
    };
    let rest = Segment {
        start: seg.start + 1,
        after_title: false,
        ..seg
    };
    vec![demonym, rest]
}

/// The typed mentions of one capitalised run.
fn run_mentions(
    text: &str,
    tokens: &[Token<'_>],
    run: (usize, usize),
    vocab: &Vocabulary<'_>,
    out: &mut Vec<Mention>,
) {
    let (start, end) = run;
    let whole = joined_name(text, tokens, start, end);
    // A lexicon name may contain a title word ("Burger King"): keep it whole.
    let segments = if lexicon_kind(&whole).is_some() {
        vec![Segment {
            start,
            end,
            after_title: false,
            before_title: false,
        }]
    } else {
        split_at_titles(tokens, start, end)
    };
    for seg in segments
        .into_iter()
        .flat_map(|seg| split_demonym(text, tokens, seg))
    {
        let Some(seg) = trim_segment(tokens, seg, vocab) else {
            continue;
        };
        let name = joined_name(text, tokens, seg.start, seg.end);
        let single = seg.end - seg.start == 1;
        if name.is_empty()
            || (seg.before_title && single && !is_known_word(&name) && !is_acronym(&name))
        {
            continue;
        }
        let (kind, evidence) = classify(tokens, seg, &name);
        let last = &tokens[seg.end - 1];
        out.push(Mention {
            first: seg.start,
            last: seg.end - 1,
            start: tokens[seg.start].start,
            end: last.start + name_len(last.text),
            kind,
            evidence,
            name,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Canonical names and consistent types
// ---------------------------------------------------------------------------------------------

/// Whether `acronym` could abbreviate `name`: its first letter starts the name.
fn abbreviates(acronym: &str, name: &str) -> bool {
    is_acronym(acronym) && acronym.chars().next() == name.chars().next()
}

/// Acronyms introduced in brackets after their expansion: "European Union (EU)".
fn bracketed_acronyms(tokens: &[Token<'_>], mentions: &[Mention]) -> HashMap<String, usize> {
    let mut expansions = HashMap::new();
    for (i, pair) in mentions.windows(2).enumerate() {
        let (long, short) = (&pair[0], &pair[1]);
        let bracketed = short.first == long.last + 2
            && short.first == short.last
            && tokens[long.last + 1].text == "("
            && tokens.get(short.last + 1).is_some_and(|t| t.text == ")");
        if bracketed && long.last > long.first && abbreviates(&short.name, &long.name) {
            expansions.insert(short.name.clone(), i);
        }
    }
    expansions
}

/// The order-free key of an organisation's words ("US Commerce Department" and "US Department
/// of Commerce" share one), or `None` for names too short to compare that way.
fn org_word_key(name: &str) -> Option<String> {
    let mut words: Vec<String> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "of" | "the" | "for" | "and" | "&"))
        .map(str::to_lowercase)
        .collect();
    if words.len() < 2 {
        return None;
    }
    words.sort_unstable();
    Some(words.join(" "))
}

/// Registers the shorter forms a later mention may use for an earlier name: surnames for
/// people, any token prefix or suffix for organisations and misc names.
fn register_short_forms(mention: &Mention, short_forms: &mut HashMap<String, usize>, at: usize) {
    let words: Vec<&str> = mention.name.split_whitespace().collect();
    // Every form is a copy of part of the name.
    budget::charge((words.len() * mention.name.len()) as u64);
    if mention.kind != EntityKind::Person {
        if let Some(initials) = initialism(&words) {
            short_forms.entry(initials).or_insert(at);
        }
    }
    for cut in 1..words.len() {
        let suffix = words[cut..].join(" ");
        match mention.kind {
            EntityKind::Person => {
                short_forms.insert(suffix, at);
            }
            EntityKind::Org | EntityKind::Misc => {
                short_forms.insert(suffix, at);
                short_forms.insert(words[..cut].join(" "), at);
            }
            EntityKind::Place => {}
        }
    }
}

/// The initials of a name of two or more capitalised words ("EU" of "European Union", "ECB"
/// of "European Central Bank"), function words skipped.
fn initialism(words: &[&str]) -> Option<String> {
    let initials: String = words
        .iter()
        .filter(|w| !matches!(**w, "of" | "the" | "for" | "and" | "&"))
        .map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect::<Option<String>>()?;
    (initials.chars().count() >= 2).then_some(initials)
}

/// Gives each mention its canonical name: acronym expansions, then earlier longer names, then
/// reordered organisation names; a linked mention takes the earlier name's type too.
fn link_names(tokens: &[Token<'_>], mentions: &mut [Mention]) {
    let acronyms = bracketed_acronyms(tokens, mentions);
    let mut short_forms: HashMap<String, usize> = HashMap::new();
    let mut org_keys: HashMap<String, usize> = HashMap::new();
    for i in 0..mentions.len() {
        let name = mentions[i].name.as_str();
        budget::charge(1 + name.len() as u64);
        let target = acronyms
            .get(name)
            .or_else(|| short_forms.get(name))
            .or_else(|| {
                short_forms
                    .get(&name.replace('.', ""))
                    .filter(|_| is_acronym(name))
            })
            .copied()
            .filter(|&j| j < i && compatible(&mentions[i], &mentions[j]));
        let target = target.or_else(|| {
            let key = org_word_key(name).filter(|_| mentions[i].kind == EntityKind::Org)?;
            let first = *org_keys.entry(key).or_insert(i);
            (first != i).then_some(first)
        });
        if let Some(j) = target {
            let (name, mut kind) = (mentions[j].name.clone(), mentions[j].kind);
            if mentions[i].evidence > mentions[j].evidence {
                kind = mentions[i].kind;
            }
            let evidence = mentions[i].evidence.max(mentions[j].evidence);
            let m = &mut mentions[i];
            (m.name, m.kind, m.evidence) = (name, kind, evidence);
        } else if mentions[i].last > mentions[i].first {
            register_short_forms(&mentions[i], &mut short_forms, i);
        }
    }
}

/// Whether a mention may take an earlier mention's name: same type, or either type is weak
/// (then the stronger evidence decides the type: "Enrico Bondi" ... "Mr Bondi" is a person).
fn compatible(mention: &Mention, earlier: &Mention) -> bool {
    // A lexicon name is a name in its own right: "US" is not short for "US Commerce Department".
    if lexicon_kind(&mention.name).is_some_and(|kind| kind != earlier.kind) {
        return false;
    }
    mention.kind == earlier.kind
        || mention.evidence < Evidence::Strong
        || (mention.kind == EntityKind::Person && earlier.evidence == Evidence::Default)
}

/// Gives every mention of a name the type with the strongest evidence; on a tie, the type
/// most of its mentions have, then the first.
fn make_types_consistent(mentions: &mut [Mention]) {
    /// A type's votes: its strongest evidence, its mentions, its first mention (negated, so
    /// that the larger key is the earlier).
    type Votes = (Evidence, usize, isize);
    let mut tally: HashMap<&str, Vec<(EntityKind, Votes)>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let votes = tally.entry(m.name.as_str()).or_default();
        match votes.iter_mut().find(|(kind, _)| *kind == m.kind) {
            Some((_, (evidence, count, _))) => {
                *evidence = (*evidence).max(m.evidence);
                *count += 1;
            }
            None => votes.push((m.kind, (m.evidence, 1, -(i as isize)))),
        }
    }
    let chosen: Vec<EntityKind> = mentions
        .iter()
        .map(|m| {
            tally[m.name.as_str()]
                .iter()
                .max_by_key(|(_, votes)| *votes)
                .map_or(m.kind, |&(kind, _)| kind)
        })
        .collect();
    for (m, kind) in mentions.iter_mut().zip(chosen) {
        m.kind = kind;
    }
}

// ---------------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------------

/// The longest title phrase tried against known names, in tokens.
const MAX_TITLE_NAME_TOKENS: usize = 6;

/// The body's names by the lowercase form of every mention text and canonical name.
fn body_names(body: &str, mentions: &[Mention]) -> HashMap<String, (String, EntityKind)> {
    let mut names = HashMap::new();
    for m in mentions {
        let text = body[m.start..m.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let value = (m.name.clone(), m.kind);
        names.entry(m.name.to_lowercase()).or_insert(value.clone());
        names.entry(text.to_lowercase()).or_insert(value);
    }
    names
}

/// Mentions in a headline: only names the body has, or lexicon names. Longest match first.
fn title_entities(
    title: &str,
    known: &HashMap<String, (String, EntityKind)>,
    out: &mut Vec<Entity>,
) {
    let tokens = tokenize(title);
    let all_caps = !title.chars().any(char::is_lowercase);
    let mut i = 0;
    while i < tokens.len() {
        let starts_name =
            tokens[i].kind == TokenKind::Word && (all_caps || is_name_like(&tokens[i]));
        let found = starts_name
            .then(|| title_match(title, &tokens, i, known, all_caps))
            .flatten();
        match found {
            Some((len, entity)) => {
                out.push(entity);
                i += len;
            }
            None => i += 1,
        }
    }
}

/// The longest known name starting at title token `i`: its token count and entity.
fn title_match(
    title: &str,
    tokens: &[Token<'_>],
    i: usize,
    known: &HashMap<String, (String, EntityKind)>,
    all_caps: bool,
) -> Option<(usize, Entity)> {
    let longest = MAX_TITLE_NAME_TOKENS.min(tokens.len() - i);
    for len in (1..=longest).rev() {
        let last = &tokens[i + len - 1];
        if last.kind != TokenKind::Word {
            continue;
        }
        let (start, end) = (tokens[i].start, last.start + name_len(last.text));
        let phrase = title[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let lower = phrase.to_lowercase();
        let from_body = known.get(&lower).cloned();
        // A capitalised common word in an ALL CAPS headline ("US", "WHO") needs the body.
        let common = len == 1 && lower_in(&COMMON_WORDS, &phrase);
        let from_lexicon = || {
            let (name, kind) = LEXICON_BY_LOWER.get(&lower)?;
            let exact_case = !all_caps || phrase == *name;
            (exact_case || !common).then(|| (name.to_string(), *kind))
        };
        if let Some((name, kind)) = from_body.or_else(from_lexicon) {
            let entity = Entity {
                text: title[start..end].to_string(),
                name,
                kind,
                field: TextField::Title,
                start,
                end,
            };
            return Some((len, entity));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// The trained model
// ---------------------------------------------------------------------------------------------

/// Clitics the CoNLL training data writes as tokens of their own ("Microsoft 's", "does n't").
const CLITICS: [&str; 7] = ["s", "ll", "re", "ve", "d", "m", "t"];

/// Whether `c` is an apostrophe, straight or curly.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The byte length of a word's stem before a clitic the training data splits off ("It" of
/// "It'll", "does" of "doesn't"), or `None` when there is none.
fn clitic_stem_len(word: &str) -> Option<usize> {
    let lower_end = |tail: &str| tail.chars().all(|c| c.is_alphabetic());
    if let Some(stem) = word
        .strip_suffix("n't")
        .or_else(|| word.strip_suffix("n’t"))
        .or_else(|| word.strip_suffix("N'T"))
    {
        return (!stem.is_empty()).then_some(stem.len());
    }
    let i = word.rfind(is_apostrophe)?;
    let tail = &word[i..].trim_start_matches(is_apostrophe);
    let known = lower_end(tail) && with_lowercase(tail, |t| CLITICS[..6].contains(&t));
    (known && i > 0).then_some(i)
}

/// Splits raw text into tokens as the model was trained on them: the tokenizer's words with
/// clitics split off ("Microsoft" "'s"), and punctuation runs ("...", "--") kept whole.
fn model_tokens(text: &str) -> Vec<Token<'_>> {
    let raw = tokenize(text);
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 16);
    let mut i = 0;
    while i < raw.len() {
        let token = raw[i];
        i += 1;
        match token.kind {
            TokenKind::Word => match clitic_stem_len(token.text) {
                Some(len) => {
                    let cut = token.start + len;
                    out.push(Token {
                        text: &text[token.start..cut],
                        end: cut,
                        ..token
                    });
                    out.push(Token {
                        text: &text[cut..token.end],
                        start: cut,
                        sentence_start: false,
                        ..token
                    });
                }
                None => out.push(token),
            },
            TokenKind::Number => out.push(token),
            TokenKind::Punct => {
                let mut end = token.end;
                let apostrophe = token.text.starts_with(is_apostrophe);
                match raw.get(i) {
                    // "'s" written apart from its word ("Microsoft 's").
                    Some(next)
                        if apostrophe
                            && next.start == end
                            && with_lowercase(next.text, |w| CLITICS.contains(&w)) =>
                    {
                        end = next.end;
                        i += 1;
                    }
                    _ => {
                        while raw
                            .get(i)
                            .is_some_and(|n| n.start == end && n.text == token.text)
                        {
                            end = raw[i].end;
                            i += 1;
                        }
                    }
                }
                out.push(Token {
                    text: &text[token.start..end],
                    end,
                    ..token
                });
            }
        }
    }
    out
}

/// The most tokens of a field the model reads: 1 MB of news is about 200,000. The model's
/// memory grows with the tokens of the whole field (its document-level features), so text
/// made of one-letter tokens stops being read for names here.
const MAX_FIELD_TOKENS: usize = 1 << 18;

/// The most tokens the model is given as one sentence. CoNLL's longest has 124; text with no
/// sentence end (a list, or a dump's run-on line) is cut here, so that the model's memory per
/// sentence stays small.
const MAX_SENTENCE_TOKENS: usize = 512;

/// Token ranges `[start, end)` of the sentences the model sees: a sentence ends at a line
/// break and after end punctuation (and any closing quote or bracket after it).
fn model_sentences(text: &str, tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        let (prev, next) = (&tokens[i - 1], &tokens[i]);
        let line_break = text[prev.end..next.start].contains(is_line_break);
        let too_long = i - start >= MAX_SENTENCE_TOKENS;
        if too_long || line_break || ends_sentence(tokens, i - 1) && !closes_quote(next) {
            sentences.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        sentences.push((start, tokens.len()));
    }
    sentences
}

/// Whether token `i` ends a sentence: end punctuation, or a closing mark right after one.
fn ends_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    let end_mark =
        |t: &Token<'_>| t.kind == TokenKind::Punct && t.text.starts_with(['.', '!', '?', '…']);
    end_mark(&tokens[i]) || (closes_quote(&tokens[i]) && i > 0 && end_mark(&tokens[i - 1]))
}

/// A closing quote or bracket.
fn closes_quote(token: &Token<'_>) -> bool {
    matches!(token.text, "\"" | "”" | "’" | "'" | ")" | "]")
}

/// The contract's kind for a model type.
fn kind_of(kind: ner::EntityType) -> EntityKind {
    match kind {
        ner::EntityType::Per => EntityKind::Person,
        ner::EntityType::Org => EntityKind::Org,
        ner::EntityType::Loc => EntityKind::Place,
        ner::EntityType::Misc => EntityKind::Misc,
    }
}

/// One field's text and model tokens.
struct Field<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    sentences: Vec<(usize, usize)>,
}

impl<'a> Field<'a> {
    /// Tokenizes a field for the model; a headline is one sentence.
    fn new(text: &'a str, one_sentence: bool) -> Self {
        let mut tokens = model_tokens(text);
        tokens.truncate(MAX_FIELD_TOKENS);
        let sentences = if one_sentence {
            vec![(0, tokens.len())]
                .into_iter()
                .filter(|s| s.1 > 0)
                .collect()
        } else {
            model_sentences(text, &tokens)
        };
        Field {
            text,
            tokens,
            sentences,
        }
    }

    /// The model's spans as global token ranges, given its tags for this field's sentences;
    /// a span longer than [`MAX_NAME_TOKENS`] is no name and is left out.
    fn spans(&self, tags: &[Vec<ner::Tag>]) -> Vec<(usize, usize, EntityKind)> {
        let mut spans = Vec::new();
        for (&(start, _), tags) in self.sentences.iter().zip(tags) {
            for (a, b, kind) in ner::spans(tags) {
                if b - a <= MAX_NAME_TOKENS {
                    spans.push((start + a, start + b, kind_of(kind)));
                }
            }
        }
        spans
    }
}

/// The longest lexicon name tried where the model found nothing, in tokens.
const MAX_LEXICON_NAME_TOKENS: usize = 4;

/// Adds the lexicon's names the model left out ("US" in "US President Donald Trump": CoNLL
/// writes "U.S."), keeping the spans in order.
fn add_lexicon_names(field: &Field<'_>, spans: &mut Vec<(usize, usize, EntityKind)>) {
    let tokens = &field.tokens;
    let mut covered = vec![false; tokens.len()];
    for &(start, end, _) in spans.iter() {
        covered[start..end].fill(true);
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] || !is_name_like(&tokens[i]) {
            i += 1;
            continue;
        }
        let word = &tokens[i].text[..name_len(tokens[i].text)];
        let single = lexicon_kind(word).map(|kind| (i + 1, kind));
        let longer = || {
            (i + 1..tokens.len().min(i + MAX_LEXICON_NAME_TOKENS))
                .take_while(|&j| !covered[j])
                .filter_map(|j| {
                    let name = joined_name(field.text, tokens, i, j + 1);
                    lexicon_kind(&name).map(|kind| (j + 1, kind))
                })
                .last()
        };
        let longest = if LEXICON_FIRST_WORDS.contains(word) {
            longer().or(single)
        } else {
            single
        };
        match longest {
            Some((end, kind)) => {
                added.push((i, end, kind));
                i = end;
            }
            None => i += 1,
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_unstable_by_key(|s| s.0);
    }
}

/// The typed mentions of the model's spans in one field: possessives, titles and leading
/// function words left out, nationalities made misc, and the rules' strong cues applied.
fn model_mentions(
    field: &Field<'_>,
    spans: &[(usize, usize, EntityKind)],
    texts: [&str; 2],
) -> Vec<Mention> {
    let tokens = &field.tokens;
    let mut out = Vec::with_capacity(spans.len());
    for &(start, end, kind) in spans {
        let Some((start, end)) = trim_span(field, start, end) else {
            continue;
        };
        if end - start == 1 && is_common_acronym(tokens[start].text) {
            continue;
        }
        if kind != EntityKind::Person && is_numbered_product(field, start, end, texts) {
            out.push(product_mention(field, start, end + 1));
            continue;
        }
        // An office is no organisation: "Trade and Industry Secretary" is left out, like
        // "Commerce Secretary" before a person's name.
        let office = is_title_word(&tokens[end - 1]) && !is_honorific(&tokens[end - 1]);
        // "Mr Howard" is a person whatever the model made of it, also in "BBC Mr Howard".
        let honorific = (start..end - 1).any(|i| is_honorific(&tokens[i]));
        let kind = if honorific { EntityKind::Person } else { kind };
        let segments = if kind == EntityKind::Person || office {
            split_at_titles(tokens, start, end)
        } else {
            vec![Segment {
                start,
                end,
                after_title: false,
                before_title: false,
            }]
        };
        for seg in segments {
            let name = joined_name(field.text, tokens, seg.start, seg.end);
            let known = lexicon_kind(&name);
            // The part of a person span before a title is kept only as a name on its own:
            // "US" of "US President Donald Trump", not "Commerce" of "Commerce Secretary".
            if seg.before_title && known.is_none() && !is_acronym(&name) {
                continue;
            }
            let (mut kind, mut evidence) = retype(tokens, seg, &name, kind);
            let mut name = name;
            if is_dateline(field, seg) {
                name = title_case(&name);
                kind = lexicon_kind(&name).unwrap_or(EntityKind::Place);
                evidence = Evidence::Cue;
            }
            let last = &tokens[seg.end - 1];
            out.push(Mention {
                first: seg.start,
                last: seg.end - 1,
                start: tokens[seg.start].start,
                end: last.start + name_len(last.text),
                kind,
                evidence,
                name,
            });
        }
    }
    out
}

/// An abbreviation that is a common noun ("AI", "CEO", "GDP"), not a name.
fn is_common_acronym(word: &str) -> bool {
    is_acronym(word) && lower_in(&COMMON_WORDS, word) && !is_known_word(word)
}

/// Whether a span is a product with a model number ("Beacon 3", "Talon 7"): a small number
/// right after it, and the pair written so at least twice in the article (a sports score is
/// written once).
fn is_numbered_product(field: &Field<'_>, start: usize, end: usize, texts: [&str; 2]) -> bool {
    let tokens = &field.tokens;
    let Some(number) = tokens.get(end) else {
        return false;
    };
    let small = number.kind == TokenKind::Number && number.text.len() <= 2;
    let score_table = tokens
        .get(end + 1)
        .is_some_and(|t| t.kind == TokenKind::Number);
    if !small || score_table || field.text[tokens[end - 1].end..number.start] != *" " {
        return false;
    }
    let written = &field.text[tokens[start].start..number.end];
    // A scan of the whole article, for each span followed by a small number: fine for news,
    // counted so that a text made of such spans stops at its budget.
    budget::charge(1 + (texts[0].len() + texts[1].len()) as u64 / 64);
    texts
        .iter()
        .map(|t| t.matches(written).count())
        .sum::<usize>()
        >= 2
}

/// A product mention over tokens `[start, end)`.
fn product_mention(field: &Field<'_>, start: usize, end: usize) -> Mention {
    Mention {
        first: start,
        last: end - 1,
        start: field.tokens[start].start,
        end: field.tokens[end - 1].end,
        kind: EntityKind::Misc,
        evidence: Evidence::Strong,
        name: joined_name(field.text, &field.tokens, start, end),
    }
}

/// Whether a segment is an ALL-CAPS dateline: first on its line, before a dash or comma
/// ("OSLO - ...", "NICE , France").
fn is_dateline(field: &Field<'_>, seg: Segment) -> bool {
    let tokens = &field.tokens;
    let caps = (seg.start..seg.end).all(|i| !tokens[i].text.contains(char::is_lowercase));
    let before_mark = tokens
        .get(seg.end)
        .is_some_and(|t| matches!(t.text, "-" | "–" | "—" | ","));
    let after_line_break = || {
        let before = seg.start.checked_sub(1).map_or(0, |i| tokens[i].end);
        seg.start == 0 || field.text[before..tokens[seg.start].start].contains(is_line_break)
    };
    caps && before_mark && after_line_break()
}

/// "NEW YORK" -> "New York".
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphabetic();
    }
    out
}

/// A model span without punctuation or clitics at its end and without a capitalised function
/// word at its start ("With Beacon" -> "Beacon"); `None` when nothing is left.
fn trim_span(field: &Field<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let tokens = &field.tokens;
    let (mut start, mut end) = (start, end);
    while end > start && !tokens[end - 1].text.starts_with(char::is_alphanumeric) {
        end -= 1;
    }
    while end - start > 1
        && is_leading_connective(tokens[start].text)
        && lexicon_kind(&joined_name(field.text, tokens, start, end)).is_none()
    {
        start += 1;
    }
    (end > start).then_some((start, end))
}

/// A preposition or conjunction that a sentence-initial capital can glue to a name ("With
/// Beacon 3 the answer is yes").
fn is_leading_connective(word: &str) -> bool {
    matches!(
        word,
        "With"
            | "For"
            | "In"
            | "On"
            | "At"
            | "To"
            | "By"
            | "From"
            | "After"
            | "Before"
            | "But"
            | "And"
            | "If"
            | "When"
            | "As"
            | "While"
            | "Since"
            | "Although"
            | "Because"
            | "Despite"
            | "However"
            | "Meanwhile"
            | "During"
            | "Under"
            | "Like"
            | "Unlike"
    )
}

/// The type of a model mention after the rules' strongest cues, and how sure it is.
fn retype(
    tokens: &[Token<'_>],
    seg: Segment,
    name: &str,
    kind: EntityKind,
) -> (EntityKind, Evidence) {
    let multi = seg.end - seg.start >= 2;
    let known = lexicon_kind(name);
    if DEMONYMS.contains(name) || is_demonym_compound(tokens, seg) {
        return (EntityKind::Misc, Evidence::Strong);
    }
    if seg.before_title {
        return (known.unwrap_or(kind), Evidence::Strong);
    }
    // A multi-word lexicon name is unambiguous; a single word is trusted over the model only
    // for companies, which the model often takes for places or people ("Huawei"). Single-word
    // places stay as the model says: "Jordan" may be a player, "Barcelona" a team.
    let trusted = |known: EntityKind| known == kind || multi || known == EntityKind::Org;
    match known {
        Some(known) if trusted(known) => return (known, Evidence::Strong),
        _ => {}
    }
    if names_org_by_head(tokens, seg, kind) {
        return (EntityKind::Org, Evidence::Cue);
    }
    if kind != EntityKind::Person && is_appositive_person(tokens, seg) {
        return (EntityKind::Person, Evidence::Cue);
    }
    // "Oslo-based" and ALL-CAPS datelines say little about the type: other mentions decide,
    // or failing them the place list ("a Lagos-based analyst").
    let last = tokens[seg.end - 1].text;
    let weak = name_len(last) < last.len() || !name.chars().any(char::is_lowercase);
    if weak && known == Some(EntityKind::Place) {
        return (EntityKind::Place, Evidence::Default);
    }
    (
        kind,
        if weak {
            Evidence::Default
        } else {
            Evidence::Cue
        },
    )
}

/// Whether a person or place span is an organisation by its head word ("Brightwater
/// Analytics", "Skarp Bank"); heads that also end place names ("Panama City", "National
/// Tennis Centre", "West Bank") leave a place alone.
fn names_org_by_head(tokens: &[Token<'_>], seg: Segment, kind: EntityKind) -> bool {
    let last = tokens[seg.end - 1].text;
    let place_like = with_lowercase(without_dot(last), |w| {
        matches!(
            w,
            "city" | "centre" | "center" | "union" | "united" | "league" | "games" | "exchange"
        )
    }) || is_compass(tokens[seg.start].text);
    match kind {
        EntityKind::Person => has_org_head(tokens, seg),
        EntityKind::Place => !place_like && has_org_head(tokens, seg),
        _ => false,
    }
}

/// "Lars Brekke, Halvorsen's chief executive": a plain two- or three-word name followed by a
/// comma and a job title.
fn is_appositive_person(tokens: &[Token<'_>], seg: Segment) -> bool {
    is_name_shaped(tokens, seg)
        && tokens.get(seg.end).is_some_and(|t| t.text == ",")
        && tokens[seg.end + 1..]
            .iter()
            .take(5)
            .take_while(|t| t.text != "," && t.text != ".")
            .any(|t| TITLES.contains(t.text))
}

/// The mentions the model finds in a headline and a body tagged as one document, the
/// body's canonically named.
fn tagged_mentions(model: &ner::Model, title: &str, body: &str) -> (Vec<Mention>, Vec<Mention>) {
    let title = Field::new(title, true);
    let body = Field::new(body, false);
    let sentences: Vec<Vec<&str>> = [&title, &body]
        .iter()
        .flat_map(|f| {
            f.sentences
                .iter()
                .map(|&(a, b)| f.tokens[a..b].iter().map(|t| t.text).collect())
        })
        .collect();
    let tags = model.tag_document(&sentences);
    let (title_tags, body_tags) = tags.split_at(title.sentences.len().min(tags.len()));
    let texts = [title.text, body.text];
    let title_mentions = model_mentions(&title, &title.spans(title_tags), texts);
    let mut body_spans = body.spans(body_tags);
    add_lexicon_names(&body, &mut body_spans);
    let mut body_mentions = model_mentions(&body, &body_spans, texts);
    link_names(&body.tokens, &mut body_mentions);
    make_types_consistent(&mut body_mentions);
    (title_mentions, body_mentions)
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/// Every entity mention in an article: title mentions first, then body, each in text order,
/// each with its canonical name ([`aliases`]) and the text as written.
pub fn find_entities(title: &str, body: &str) -> Vec<Entity> {
    let mut entities = match ner::built_in() {
        Some(model) => model_entities(model, title, body),
        None => rule_entities(title, body),
    };
    for entity in &mut entities {
        if let Some((name, kind)) = aliases::canonical(&entity.name, entity.kind) {
            entity.name = name.to_string();
            entity.kind = kind;
        }
    }
    entities
}

/// The model's entity mentions, typed and named by the rules above.
fn model_entities(model: &ner::Model, title: &str, body: &str) -> Vec<Entity> {
    let (title_mentions, body_mentions) = tagged_mentions(model, title, body);
    let mut entities = Vec::with_capacity(title_mentions.len() + body_mentions.len());
    if !title.trim().is_empty() {
        headline_entities(title, title_mentions, body, &body_mentions, &mut entities);
    }
    entities.extend(body_mentions.into_iter().map(|m| Entity {
        text: body[m.start..m.end].to_string(),
        name: m.name,
        kind: m.kind,
        field: TextField::Body,
        start: m.start,
        end: m.end,
    }));
    entities
}

/// The headline's mentions, named as in the body. A Title Case or ALL CAPS headline capitalises
/// everything, so there only names the body or the lexicon knows are kept; known names the
/// model missed are added as the rules find them.
fn headline_entities(
    title: &str,
    mentions: Vec<Mention>,
    body: &str,
    body_mentions: &[Mention],
    out: &mut Vec<Entity>,
) {
    let known = body_names(body, body_mentions);
    let short = short_names(body_mentions);
    let capitalised = is_capitalised_headline(title);
    let mut found = Vec::with_capacity(mentions.len());
    for m in mentions {
        let text = &title[m.start..m.end];
        let lower = text.to_lowercase();
        let from_body = known.get(&lower).or_else(|| short.get(&lower)).cloned();
        let from_lexicon = || {
            let &(name, kind) = LEXICON_BY_LOWER.get(&lower)?;
            Some((name.to_string(), kind))
        };
        let (name, kind) = match from_body.or_else(from_lexicon) {
            Some(found) => found,
            None if capitalised => continue,
            None => (m.name, m.kind),
        };
        found.push(Entity {
            text: text.to_string(),
            name,
            kind,
            field: TextField::Title,
            start: m.start,
            end: m.end,
        });
    }
    let mut by_rules = Vec::new();
    title_entities(title, &known, &mut by_rules);
    for entity in by_rules {
        if !found
            .iter()
            .any(|e| e.start < entity.end && entity.start < e.end)
        {
            found.push(entity);
        }
    }
    found.sort_by_key(|e| e.start);
    out.extend(found);
}

/// Whether a headline capitalises (nearly) every word: "Big Win For Microsoft In Paris".
fn is_capitalised_headline(title: &str) -> bool {
    let words = title.split_whitespace().filter(|w| w.len() > 3);
    let (mut capitalised, mut all) = (0, 0);
    for word in words {
        all += 1;
        capitalised += usize::from(word.starts_with(char::is_uppercase));
    }
    all > 0 && capitalised * 5 >= all * 4
}

/// The body's names by the lowercase form of their shorter forms ("ross" for "Wilbur Ross").
fn short_names(mentions: &[Mention]) -> HashMap<String, (String, EntityKind)> {
    let mut forms = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.name.contains(' ') {
            register_short_forms(m, &mut forms, i);
        }
    }
    forms
        .into_iter()
        .map(|(form, i)| {
            (
                form.to_lowercase(),
                (mentions[i].name.clone(), mentions[i].kind),
            )
        })
        .collect()
}

/// The rules alone, for a build whose model does not load.
fn rule_entities(title: &str, body: &str) -> Vec<Entity> {
    let tokens = tokenize(body);
    let vocab = Vocabulary::of(&tokens);
    let mut mentions = Vec::new();
    for run in capitalised_runs(&tokens) {
        run_mentions(body, &tokens, run, &vocab, &mut mentions);
    }
    link_names(&tokens, &mut mentions);
    make_types_consistent(&mut mentions);

    let mut entities = Vec::with_capacity(mentions.len() + 8);
    title_entities(title, &body_names(body, &mentions), &mut entities);
    entities.extend(mentions.into_iter().map(|m| Entity {
        text: body[m.start..m.end].to_string(),
        name: m.name,
        kind: m.kind,
        field: TextField::Body,
        start: m.start,
        end: m.end,
    }));
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (text, name, kind) of every mention in one field.
    fn mentions(title: &str, body: &str, field: TextField) -> Vec<(String, String, EntityKind)> {
        find_entities(title, body)
            .into_iter()
            .filter(|e| e.field == field)
            .map(|e| (e.text, e.name, e.kind))
            .collect()
    }

    /// Whether `body` yields a mention with this text, name and kind.
    fn has(body: &str, text: &str, name: &str, kind: EntityKind) -> bool {
        mentions("", body, TextField::Body)
            .iter()
            .any(|(t, n, k)| t == text && n == name && *k == kind)
    }

    /// The texts of all body mentions.
    fn texts(body: &str) -> Vec<String> {
        mentions("", body, TextField::Body)
            .into_iter()
            .map(|m| m.0)
            .collect()
    }

    #[test]
    fn seed_article() {
        let Some(seed) = crate::extract::seed_article() else {
            return;
        };
        let (title, body) = seed.split_once('\n').unwrap_or((&seed, ""));
        let body = format!("{body}\nRoss said the rules would stay.");
        use EntityKind::*;
        let expected = [
            ("Wilbur Ross", "Wilbur Ross", Person),
            ("Donald Trump", "Donald Trump", Person),
            ("Microsoft", "Microsoft", Org),
            ("Huawei", "Huawei", Org),
            ("Reuters", "Reuters", Org),
            ("US Commerce Department", "US Commerce Department", Org),
            ("US Department of Commerce", "US Commerce Department", Org),
            ("United States", "United States", Place),
            ("Sydney", "Sydney", Place),
            ("Australia", "Australia", Place),
            ("California", "California", Place),
            ("Chinese", "Chinese", Misc),
            ("Ross", "Wilbur Ross", Person),
        ];
        for (text, name, kind) in expected {
            assert!(has(&body, text, name, kind), "{text} -> {name} {kind:?}");
        }
        let all = texts(&body);
        for wrong in [
            "It",
            "It'll",
            "Two",
            "Update",
            "The",
            "However",
            "Commerce Secretary",
        ] {
            assert!(!all.iter().any(|t| t == wrong), "{wrong} is not an entity");
        }
        let title_names: Vec<_> = mentions(title, &body, TextField::Title);
        assert_eq!(title_names.len(), 2, "{title_names:?}");
    }

    #[test]
    fn sentence_initial_common_words_are_dropped() {
        let body = "The deal is done. However, talks go on. It'll close. Two firms agreed.\n\
                    Update: two more. After Monday, we met.\nSpeaking in Paris, he left.";
        assert_eq!(texts(body), ["Paris"]);
    }

    #[test]
    fn possessive_is_left_out_of_the_span() {
        let body = "We saw Microsoft's results and Google’s too.";
        let found = find_entities("", body);
        let spans: Vec<_> = found.iter().map(|e| &body[e.start..e.end]).collect();
        assert_eq!(spans, ["Microsoft", "Google"]);
    }

    #[test]
    fn connectors_stay_inside_names() {
        let body = "Officials at the Bank of England met Ludwig van Beethoven fans, \
                    Procter & Gamble and the Department of Commerce.";
        assert!(has(
            body,
            "Bank of England",
            "Bank of England",
            EntityKind::Org
        ));
        assert!(has(
            body,
            "Ludwig van Beethoven",
            "Ludwig van Beethoven",
            EntityKind::Person
        ));
        assert!(has(
            body,
            "Procter & Gamble",
            "Procter & Gamble",
            EntityKind::Org
        ));
        assert!(has(
            body,
            "Department of Commerce",
            "Department of Commerce",
            EntityKind::Org
        ));
    }

    #[test]
    fn acronyms_are_orgs_and_expand() {
        let body = "The European Union (EU) fined it. Later the EU and NATO met the BBC.";
        assert!(has(body, "EU", "European Union", EntityKind::Org));
        // Names everyone knows by an acronym take the full name (see aliases.rs).
        let nato = "North Atlantic Treaty Organization";
        assert!(has(body, "NATO", nato, EntityKind::Org));
        assert!(has(body, "BBC", "BBC", EntityKind::Org));
    }

    #[test]
    fn short_forms_take_the_earlier_name() {
        let body = "Huawei Technologies and Halvorsen Energy Group signed. Later Huawei and \
                    Halvorsen said more. Mr Ross agreed with Commerce Secretary Wilbur Ross.";
        assert!(has(body, "Huawei", "Huawei Technologies", EntityKind::Org));
        assert!(has(
            body,
            "Halvorsen",
            "Halvorsen Energy Group",
            EntityKind::Org
        ));
        assert!(has(body, "Wilbur Ross", "Wilbur Ross", EntityKind::Person));
    }

    #[test]
    fn demonyms_are_misc_and_titles_are_not_in_spans() {
        let body = "The Norwegian firm hired American Justin Gatlin, said US President \
                    Donald Trump.";
        assert!(has(body, "Norwegian", "Norwegian", EntityKind::Misc));
        assert!(has(body, "American", "American", EntityKind::Misc));
        assert!(has(
            body,
            "Justin Gatlin",
            "Justin Gatlin",
            EntityKind::Person
        ));
        assert!(has(body, "US", "United States", EntityKind::Place));
        assert!(has(
            body,
            "Donald Trump",
            "Donald Trump",
            EntityKind::Person
        ));
    }

    #[test]
    fn all_caps_headline_takes_body_names() {
        let title = "MICROSOFT WINS HUAWEI LICENCE, SAYS US";
        let body = "Microsoft can sell to Huawei, the US said.";
        let found = mentions(title, body, TextField::Title);
        let names: Vec<_> = found.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(names, ["Microsoft", "Huawei", "United States"]);
    }

    #[test]
    fn title_case_headline_ignores_unknown_words() {
        let found = mentions(
            "Big Win For Microsoft In Paris",
            "Nothing here.",
            TextField::Title,
        );
        let names: Vec<_> = found.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(names, ["Microsoft", "Paris"]);
    }

    #[test]
    fn model_tokens_split_clitics_as_conll_does() {
        let text =
            "Microsoft's chief doesn't know... It'll rain, Microsoft 's rival said -- twice.";
        let words: Vec<_> = model_tokens(text).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Microsoft",
                "'s",
                "chief",
                "does",
                "n't",
                "know",
                "...",
                "It",
                "'ll",
                "rain",
                ",",
                "Microsoft",
                "'s",
                "rival",
                "said",
                "--",
                "twice",
                "."
            ]
        );
        for t in model_tokens(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }

    #[test]
    fn rules_correct_the_model_where_news_differs_from_conll() {
        use EntityKind::*;
        let body = "OSLO - Lars Brekke, Halvorsen's chief executive, praised Brightwater \
                    Analytics and its Beacon 3 model. The European Central Bank and Huawei use \
                    AI. Later the ECB tested Beacon 3 in Oslo.";
        let expected = [
            ("OSLO", "Oslo", Place),
            ("Lars Brekke", "Lars Brekke", Person),
            ("Brightwater Analytics", "Brightwater Analytics", Org),
            ("Beacon 3", "Beacon 3", Misc),
            ("Huawei", "Huawei", Org),
            ("ECB", "European Central Bank", Org),
            ("Oslo", "Oslo", Place),
        ];
        for (text, name, kind) in expected {
            assert!(has(body, text, name, kind), "{text} -> {name} {kind:?}");
        }
        assert!(!texts(body).iter().any(|t| t == "AI"));
    }

    #[test]
    fn an_honorific_makes_a_person_and_stays_out_of_the_span() {
        // The model tagged "Mr Howard" an organisation in a BBC politics story.
        let body =
            "Michael Howard spoke. Mr Howard told the BBC Mr Howard would win. Mr Jobs smiled.";
        assert!(has(body, "Howard", "Michael Howard", EntityKind::Person));
        assert!(!texts(body)
            .iter()
            .any(|t| t.starts_with("Mr") || t.contains("BBC Mr")));
        assert!(has(body, "Jobs", "Jobs", EntityKind::Person));
    }

    #[test]
    fn tokenizer_keeps_abbreviations_and_offsets() {
        let text = "Mr. O'Brien of AT&T met U.S. officials at 3:05 in Coca-Cola's office.";
        let words: Vec<_> = tokenize(text).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Mr.",
                "O'Brien",
                "of",
                "AT&T",
                "met",
                "U.S.",
                "officials",
                "at",
                "3:05",
                "in",
                "Coca-Cola's",
                "office",
                "."
            ]
        );
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }

    #[test]
    fn odd_unicode_never_panics_and_stays_on_char_boundaries() {
        let inputs = [
            "",
            "   \n\n",
            "É’s Ünïcödé ’s 'S Straße Ελλάδα Москва 北京 😀 Ab\u{301}c ‐Ω",
            "ǅ ǈ ẞ İstanbul’s «Paris» “London” — Zürich's AG. ﬁnal Ａｂｃ",
            "a'b' 'c -d- .e. &&& ’’’ ... Mr. Mr. Mr.",
        ];
        for body in inputs {
            for e in find_entities(body, body) {
                assert!(body.is_char_boundary(e.start) && body.is_char_boundary(e.end));
                assert_eq!(&body[e.start..e.end], e.text);
            }
        }
        let huge = "Ünï Paris 北京 Москва Ross. ".repeat(20_000);
        assert!(!find_entities("", &huge).is_empty());
    }
}
