//! Rule-based named-entity recognition: people, organisations, places and misc names.
//!
//! This is the first, hand-written recognizer; a trained one will replace the typing rules, so
//! the tokenizer ([`tokenize`]) stands on its own and yields tokens with byte offsets.
//!
//! Rule order, for the body first and then the title:
//! 1. Tokenize the raw text (words keep internal `'` `-` `.` `&`; abbreviations keep their dot)
//!    and mark sentence starts (after `.` `!` `?` `:`, at line breaks, through opening quotes).
//! 2. Candidates are maximal runs of capitalised words within a sentence, with lowercase
//!    connectors inside ("Bank of England", "Ludwig van Beethoven") and `&` ("Procter &
//!    Gamble"). A possessive `'s` is left out of the span.
//! 3. Runs are split at titles ("Commerce Secretary Wilbur Ross": the part before the title is
//!    kept only when it is a name in its own right, the part after is a person), leading
//!    function words, dates and honorifics are dropped, and a sentence-initial word that is not
//!    a known name and is lowercase elsewhere in the article (or never capitalised mid-sentence)
//!    is dropped.
//! 4. Each run is typed: honorific or title before it -> person; lexicon hit (orgs, places,
//!    demonyms and events); org head ("... Bank", "Department of ..."); known first name ->
//!    person; place or misc head; context cues ("X said", "in X", "X spokesman"); acronym -> org;
//!    otherwise org (unknown capitalised names in news are most often companies and bodies).
//! 5. Canonical names: "European Union (EU)" expands "EU"; a later mention that is a
//!    token-suffix (people) or token-prefix (orgs, misc) of an earlier longer one takes its name
//!    and type; "US Commerce Department" and "US Department of Commerce" share the first name.
//!    Then every mention of a name gets the type with the strongest evidence.
//! 6. The title (Title Case or ALL CAPS) only yields names the body has, or lexicon hits.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::lexicon;
use super::{Entity, EntityKind, TextField};

/// A lexicon list as a set, built once.
type WordSet = LazyLock<HashSet<&'static str>>;

/// Builds a set from a lexicon list.
fn set_of(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

static PLACES: WordSet = LazyLock::new(|| set_of(lexicon::PLACES));
static ORGS: WordSet = LazyLock::new(|| set_of(lexicon::ORGS));
static DEMONYMS: WordSet = LazyLock::new(|| set_of(lexicon::DEMONYMS));
static MISC_NAMES: WordSet = LazyLock::new(|| set_of(lexicon::MISC_NAMES));
static ORG_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::ORG_HEADS));
static PLACE_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::PLACE_HEADS));
static MISC_HEADS: WordSet = LazyLock::new(|| set_of(lexicon::MISC_HEADS));
static HONORIFICS: WordSet = LazyLock::new(|| set_of(lexicon::HONORIFICS));
static TITLES: WordSet = LazyLock::new(|| set_of(lexicon::TITLES));
static PERSON_CUES: WordSet = LazyLock::new(|| set_of(lexicon::PERSON_CUES));
static SAY_VERBS: WordSet = LazyLock::new(|| set_of(lexicon::SAY_VERBS));
static PLACE_CUES: WordSet = LazyLock::new(|| set_of(lexicon::PLACE_CUES));
static SPOKES_WORDS: WordSet = LazyLock::new(|| set_of(lexicon::SPOKES_WORDS));
static CONNECTORS: WordSet = LazyLock::new(|| set_of(lexicon::CONNECTORS));
static ABBREVIATIONS: WordSet = LazyLock::new(|| set_of(lexicon::ABBREVIATIONS));
static COMMON_WORDS: WordSet = LazyLock::new(|| set_of(lexicon::COMMON_WORDS));
static FIRST_NAMES: WordSet = LazyLock::new(|| set_of(lexicon::FIRST_NAMES));

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
    let mut chars = text.char_indices().peekable();
    let mut newline_since_last = true;
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            newline_since_last |= is_line_break(c);
            chars.next();
            continue;
        }
        let (end, kind) = if c.is_alphanumeric() {
            scan_word(text, start)
        } else {
            (start + c.len_utf8(), TokenKind::Punct)
        };
        while chars.peek().is_some_and(|&(i, _)| i < end) {
            chars.next();
        }
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
        let next_alnum = iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() {
            all_digits &= c.is_ascii_digit();
        } else if is_joiner(c, all_digits) && next_alnum && i > 0 {
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
fn lower_in(set: &HashSet<&'static str>, word: &str) -> bool {
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

/// Token index ranges `[start, end)` of maximal capitalised runs within a sentence, with
/// connectors inside.
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
        loop {
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
fn has_head(tokens: &[Token<'_>], seg: Segment, heads: &HashSet<&'static str>) -> bool {
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
    let compass = matches!(tokens[seg.start].text, "North" | "South" | "East" | "West");
    let two = seg.end - seg.start == 2;
    (two && compass && DEMONYMS.contains(last))
        || (seg.end - seg.start == 1
            && last.contains('-')
            && last.split('-').all(|p| DEMONYMS.contains(p)))
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

/// Gives each mention its canonical name: acronym expansions, then earlier longer names, then
/// reordered organisation names; a linked mention takes the earlier name's type too.
fn link_names(tokens: &[Token<'_>], mentions: &mut [Mention]) {
    let acronyms = bracketed_acronyms(tokens, mentions);
    let mut short_forms: HashMap<String, usize> = HashMap::new();
    let mut org_keys: HashMap<String, usize> = HashMap::new();
    for i in 0..mentions.len() {
        let name = mentions[i].name.as_str();
        let target = acronyms
            .get(name)
            .or_else(|| short_forms.get(name))
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
    mention.kind == earlier.kind
        || mention.evidence < Evidence::Strong
        || (mention.kind == EntityKind::Person && earlier.evidence == Evidence::Default)
}

/// Gives every mention of a name the type with the strongest evidence (the first on a tie).
fn make_types_consistent(mentions: &mut [Mention]) {
    let mut best: HashMap<String, (Evidence, EntityKind)> = HashMap::new();
    for m in mentions.iter() {
        let entry = best.entry(m.name.clone()).or_insert((m.evidence, m.kind));
        if m.evidence > entry.0 {
            *entry = (m.evidence, m.kind);
        }
    }
    for m in mentions.iter_mut() {
        if let Some(&(_, kind)) = best.get(&m.name) {
            m.kind = kind;
        }
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
// Entry point
// ---------------------------------------------------------------------------------------------

/// Every entity mention in an article: title mentions first, then body, each in text order.
pub fn find_entities(title: &str, body: &str) -> Vec<Entity> {
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
        assert!(has(body, "NATO", "NATO", EntityKind::Org));
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
        assert!(has(body, "US", "US", EntityKind::Place));
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
        assert_eq!(names, ["Microsoft", "Huawei", "US"]);
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
