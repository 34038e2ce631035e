//! Feature extraction: turns a document of tokens into, for each token, a list of 64-bit
//! feature keys (hashes of a template and its values) that the perceptron weighs.
//!
//! Everything is computed once per token ([`Word`]) or once per document ([`DocContext`]), so
//! that a token's features are a few dozen hash combinations. Curly quotes, dashes and the like
//! are normalised before hashing, so raw news text looks like the CoNLL training data.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::knowledge::{
    Gazetteer, NameLists, WordClusters, WordLexicon, GRANULARITIES, MAX_PHRASE,
};
use super::{spans, Tag};

/// Which feature families a model uses; stored in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSet {
    /// Word shapes and casing of the token and its neighbours.
    pub shapes: bool,
    /// Prefixes and suffixes (1 to 4 characters) of the token.
    pub affixes: bool,
    /// Words two to the left and right (one each side is always used).
    pub wide_window: bool,
    /// How a word in a headline or at a sentence start is cased elsewhere in the document.
    pub document_case: bool,
    /// Entity strings seen in the training data, with their types.
    pub gazetteer: bool,
    /// Word clusters and usual casing, learned from unlabeled text.
    pub clusters: bool,
    /// A second pass that sees the first pass's labels of the same words elsewhere.
    pub two_pass: bool,
    /// Clusters of the word and its neighbours in a large general text (GloVe), at three
    /// granularities.
    pub glove: bool,
    /// Matches in general-knowledge name lists: places by kind, given names.
    pub lists: bool,
    /// GloVe clusters two words away, and cluster pairs of neighbouring words.
    pub glove_context: bool,
}

impl Default for FeatureSet {
    fn default() -> FeatureSet {
        FeatureSet {
            shapes: true,
            affixes: true,
            wide_window: true,
            document_case: true,
            // Measured on CoNLL dev: no better with it (92.4-92.5 vs 92.6-92.7), and slower.
            gazetteer: false,
            clusters: true,
            two_pass: true,
            // CoNLL dev raw text 0.911 -> 0.915, BBC dev 0.772 -> 0.809.
            glove: true,
            // Measured with GloVe: CoNLL dev 0.915 -> 0.917, BBC dev 0.809 -> 0.801; given
            // names alone 0.916 / 0.806, places alone 0.918 / 0.795: within noise on BBC dev.
            lists: true,
            // Measured with GloVe and lists: CoNLL dev 0.917 -> 0.919, BBC dev 0.801 -> 0.800;
            // without lists 0.915 -> 0.916, BBC 0.809 -> 0.797. With both, and only with both
            // of the models tried, the entities unit tests hold ("The European Central Bank
            // and Huawei" is two names, "BBC Mr Howard" no name).
            glove_context: true,
        }
    }
}

impl FeatureSet {
    /// The switches as bits, for the model file (version 1 files hold the low 8).
    pub(crate) fn bits(self) -> u16 {
        [
            self.shapes,
            self.affixes,
            self.wide_window,
            self.document_case,
            self.gazetteer,
            self.clusters,
            self.two_pass,
            self.glove,
            self.lists,
            self.glove_context,
        ]
        .iter()
        .enumerate()
        .fold(0, |bits, (i, &on)| bits | (u16::from(on) << i))
    }

    /// The switches of [`FeatureSet::bits`].
    pub(crate) fn from_bits(bits: u16) -> FeatureSet {
        let on = |i: u8| bits & (1 << i) != 0;
        FeatureSet {
            shapes: on(0),
            affixes: on(1),
            wide_window: on(2),
            document_case: on(3),
            gazetteer: on(4),
            clusters: on(5),
            two_pass: on(6),
            glove: on(7),
            lists: on(8),
            glove_context: on(9),
        }
    }
}

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// Folds one value into a running hash (FxHash step): cheap, and the same on every platform,
/// which the model file relies on.
#[inline]
pub(crate) fn fold(hash: u64, value: u64) -> u64 {
    (hash.rotate_left(5) ^ value).wrapping_mul(MIX)
}

/// Final avalanche so low bits are usable as a table slot; never returns 0 (the empty slot).
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h.max(1)
}

/// Maps typographic variants to the ASCII the training data uses.
pub(crate) fn normalise(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        '\u{00A0}' => ' ',
        c => c,
    }
}

/// How a word's letters are cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// No letters: numbers, punctuation.
    NoLetters = 0,
    /// All letters lower case.
    Lower = 1,
    /// First letter upper case, the rest lower.
    Title = 2,
    /// Two or more letters, all upper case.
    Upper = 3,
    /// Anything else ("iPhone", "McDonald").
    Mixed = 4,
}

/// Everything about one token that does not depend on its neighbours.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Hash of the lower-cased, normalised form.
    pub(crate) lower: u64,
    /// Hash of the normalised form as written.
    pub(crate) form: u64,
    /// Hash of the shape: `Xx`, `X.X.`, `d-d`, runs collapsed.
    pub(crate) shape: u64,
    /// Hashes of the first 1..=4 lower-case characters (0 when the word is not longer).
    pub(crate) prefixes: [u64; 4],
    /// Hashes of the last 1..=4 lower-case characters (0 when the word is not longer).
    pub(crate) suffixes: [u64; 4],
    /// Letter casing.
    pub(crate) case: Case,
    /// Letters in the word, by case (saturating).
    pub(crate) upper_letters: u8,
    /// Lower-case letters in the word (saturating).
    pub(crate) lower_letters: u8,
}

/// Hash of the sentence-boundary pseudo-word.
const BOUNDARY: u64 = 0x5151_5151_5151_5151;

impl Word {
    /// Analyses a token; `chars` is scratch space reused across calls.
    pub(crate) fn new(token: &str, chars: &mut Vec<char>) -> Word {
        chars.clear();
        // PTB-style quote tokens become the plain quote.
        if token == "``" || token == "''" {
            chars.push('"');
        } else {
            chars.extend(token.chars().map(normalise));
        }
        let mut form = 17u64;
        let mut shape = 29u64;
        let mut shape_len = 0;
        let mut last_class = '\0';
        let (mut upper, mut lower, mut first_upper) = (0u8, 0u8, false);
        for (i, &c) in chars.iter().enumerate() {
            form = fold(form, c as u64);
            let class = if c.is_uppercase() {
                upper = upper.saturating_add(1);
                first_upper |= i == 0;
                'X'
            } else if c.is_lowercase() {
                lower = lower.saturating_add(1);
                'x'
            } else if c.is_alphabetic() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            };
            if class != last_class && shape_len < 12 {
                shape = fold(shape, class as u64);
                shape_len += 1;
                last_class = class;
            }
        }
        for c in chars.iter_mut() {
            if c.is_uppercase() {
                *c = c.to_lowercase().next().unwrap_or(*c);
            }
        }
        let mut lower_hash = 31u64;
        let mut prefixes = [0; 4];
        for (i, &c) in chars.iter().enumerate() {
            lower_hash = fold(lower_hash, c as u64);
            if i < 4 && i + 1 < chars.len() {
                prefixes[i] = lower_hash;
            }
        }
        let mut suffixes = [0; 4];
        let mut suffix = 37u64;
        for (i, &c) in chars.iter().rev().enumerate().take(4) {
            suffix = fold(suffix, c as u64);
            if i + 1 < chars.len() {
                suffixes[i] = suffix;
            }
        }
        let case = match (upper, lower) {
            (0, 0) => Case::NoLetters,
            (0, _) => Case::Lower,
            (u, 0) if u >= 2 => Case::Upper,
            (1, _) if first_upper => Case::Title,
            _ => Case::Mixed,
        };
        Word {
            lower: finish(lower_hash),
            form: finish(form),
            shape,
            prefixes,
            suffixes,
            case,
            upper_letters: upper,
            lower_letters: lower,
        }
    }
}

/// Identity hasher for keys that are already good hashes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fold(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by feature or word hashes.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A set of feature or word hashes.
pub(crate) type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

/// Feature templates: each key is a hash of one of these and its values.
mod template {
    pub const BIAS: u64 = 1;
    pub const LOWER: u64 = 2; // + offset
    pub const FORM: u64 = 10;
    pub const BIGRAM_LEFT: u64 = 11;
    pub const BIGRAM_RIGHT: u64 = 12;
    pub const SHAPE: u64 = 13; // + offset
    pub const SHAPE_TRIGRAM: u64 = 20;
    pub const CASE_POSITION: u64 = 21;
    pub const PREFIX: u64 = 22; // + length
    pub const SUFFIX: u64 = 30; // + length
    pub const DOC_CASE: u64 = 40;
    pub const GAZ: u64 = 41;
    pub const GAZ_CASE: u64 = 42;
    pub const GAZ_SIDE: u64 = 43; // + side
    pub const CLUSTER: u64 = 50; // + offset * 8 + prefix index
    pub const USUAL_CASE: u64 = 90;
    pub const FIRST_TAG: u64 = 100;
    pub const FIRST_TAG_LEFT: u64 = 101;
    pub const FIRST_TAG_RIGHT: u64 = 102;
    pub const ELSEWHERE: u64 = 103;
    pub const ELSEWHERE_CASE: u64 = 104;
    pub const ELSEWHERE_TYPE: u64 = 105;
    pub const DOC_ENTITY: u64 = 106;
    pub const GLOVE: u64 = 110; // + offset * 4 + granularity (3: not a known word)
    pub const GLOVE_CASE: u64 = 125;
    pub const LIST: u64 = 130;
    pub const LIST_CASE: u64 = 131;
    pub const LIST_SIDE: u64 = 132; // + side
    pub const GLOVE_FAR: u64 = 135; // + side
    pub const GLOVE_PAIR: u64 = 137; // + side
}

/// What a model knows about words, which feature extraction consults.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Knowledge<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) lexicon: &'a WordLexicon,
    pub(crate) glove: &'a WordClusters,
    pub(crate) lists: &'a NameLists,
}

/// A document analysed for feature extraction.
#[derive(Debug, Default)]
pub(crate) struct DocContext {
    /// The tokens of each sentence.
    words: Vec<Vec<Word>>,
    /// Whether each sentence is written in capitals (a headline or dateline).
    all_caps: Vec<bool>,
    /// Per word, how it is cased where casing is informative: lower, title, upper counts.
    doc_case: KeyMap<[u16; 3]>,
    /// Gazetteer marks per token (bit `type * 4 + position`).
    gazetteer: Vec<Vec<u16>>,
    /// Cluster paths (bit prefixes already hashed) and usual casing per token.
    clusters: Vec<Vec<([u64; 4], u8)>>,
    /// GloVe cluster ids per token, packed as [`WordClusters::lookup`] gives them.
    glove: Vec<Vec<u32>>,
    /// Name-list marks per token (bit `kind * 4 + position`).
    lists: Vec<Vec<u32>>,
    /// First-pass output, when building second-pass features.
    first_pass: Option<FirstPass>,
    /// Whether the document is cased like edited prose, so that a stretch of lower-case words
    /// names nothing (see [`DocContext::quiet_tokens`]).
    cased: bool,
}

/// Least share of capitalised tokens, among tokens with letters, for a document to count as
/// cased prose; news runs at 10-20%, text typed in lower case near 0.
const CASED_SHARE: f64 = 0.03;

/// What the first pass said about a document.
#[derive(Debug, Default)]
struct FirstPass {
    /// The tag indexes per sentence.
    tags: Vec<Vec<u8>>,
    /// Per word, how often the first pass gave it each label (outside, then the four types).
    labels: KeyMap<[u16; 5]>,
    /// Matches of the first pass's entities elsewhere in the document, per token.
    entity_marks: Vec<Vec<u16>>,
}

impl DocContext {
    /// Analyses a document's sentences for first-pass features.
    pub(crate) fn new<S: AsRef<str>>(
        sentences: &[Vec<S>],
        features: FeatureSet,
        knowledge: Knowledge<'_>,
    ) -> DocContext {
        let Knowledge {
            gazetteer,
            lexicon,
            glove,
            lists,
        } = knowledge;
        let mut chars = Vec::new();
        let words: Vec<Vec<Word>> = sentences
            .iter()
            .map(|s| {
                s.iter()
                    .map(|t| Word::new(t.as_ref(), &mut chars))
                    .collect()
            })
            .collect();
        let all_caps: Vec<bool> = words
            .iter()
            .map(|s| {
                s.iter().all(|w| w.lower_letters == 0) && s.iter().any(|w| w.upper_letters >= 2)
            })
            .collect();
        let mut doc_case: KeyMap<[u16; 3]> = KeyMap::default();
        if features.document_case {
            for (sentence, &caps) in words.iter().zip(&all_caps) {
                if caps {
                    continue;
                }
                for word in sentence.iter().skip(1) {
                    let slot = match word.case {
                        Case::Lower => 0,
                        Case::Title => 1,
                        Case::Upper => 2,
                        _ => continue,
                    };
                    let counts = doc_case.entry(word.lower).or_default();
                    counts[slot] = counts[slot].saturating_add(1);
                }
            }
        }
        let gazetteer = if features.gazetteer {
            words.iter().map(|s| gazetteer.marks(s)).collect()
        } else {
            Vec::new()
        };
        let clusters = if features.clusters {
            words
                .iter()
                .map(|s| s.iter().map(|w| lexicon.lookup(w.lower)).collect())
                .collect()
        } else {
            Vec::new()
        };
        let glove = if features.glove {
            words
                .iter()
                .map(|s| s.iter().map(|w| glove.lookup(w.lower)).collect())
                .collect()
        } else {
            Vec::new()
        };
        let lists = if features.lists {
            words.iter().map(|s| lists.marks(s)).collect()
        } else {
            Vec::new()
        };
        let (capitalised, lettered) = words
            .iter()
            .flatten()
            .filter(|w| w.case != Case::NoLetters)
            .fold((0usize, 0usize), |(c, l), w| {
                (c + usize::from(w.upper_letters > 0), l + 1)
            });
        let cased = capitalised as f64 >= CASED_SHARE * lettered as f64 && capitalised > 0;
        DocContext {
            words,
            all_caps,
            doc_case,
            gazetteer,
            clusters,
            glove,
            lists,
            first_pass: None,
            cased,
        }
    }

    /// Per sentence and token, whether the token is outside every name without asking the
    /// model: in cased prose, a token with no capital letter whose neighbours in the sentence
    /// have none either. A name has a capital within one token of each of its words ("Bank of
    /// England", "Jose de la Cruz"), so this passes over most of an article's tokens; on CoNLL
    /// dev it changes F1 from 92.67 to 92.68. Words of scripts without case count as having
    /// no capital. Text typed all in lower case is not cased prose, and nothing in it is quiet.
    pub(crate) fn quiet_tokens(&self) -> Vec<Vec<bool>> {
        let quiet = |sentence: &[Word], i: usize| {
            let around = &sentence[i.saturating_sub(1)..(i + 2).min(sentence.len())];
            around.iter().all(|w| w.upper_letters == 0)
        };
        self.words
            .iter()
            .map(|sentence| {
                (0..sentence.len())
                    .map(|i| self.cased && quiet(sentence, i))
                    .collect()
            })
            .collect()
    }

    /// Records the first pass's tags (indexes per sentence) for second-pass features.
    pub(crate) fn set_first_pass(&mut self, tags: Vec<Vec<u8>>) {
        let mut labels: KeyMap<[u16; 5]> = KeyMap::default();
        let mut entities: KeyMap<[u16; 4]> = KeyMap::default();
        let mut first_words = KeySet::default();
        let mut sentence_spans = Vec::with_capacity(tags.len());
        for (sentence, tags) in self.words.iter().zip(&tags) {
            for (word, &tag) in sentence.iter().zip(tags) {
                let label = label_of(tag);
                let counts = labels.entry(word.lower).or_default();
                counts[label] = counts[label].saturating_add(1);
            }
            let tags: Vec<Tag> = tags.iter().map(|&t| Tag::from_index(t as usize)).collect();
            let found = spans(&tags);
            for &(start, end, kind) in &found {
                if end - start <= MAX_PHRASE {
                    let key = phrase_key(&sentence[start..end]);
                    let counts = entities.entry(key).or_default();
                    counts[kind as usize] = counts[kind as usize].saturating_add(1);
                    first_words.insert(sentence[start].lower);
                }
            }
            sentence_spans.push(found);
        }
        let entity_marks = self
            .words
            .iter()
            .zip(&sentence_spans)
            .map(|(sentence, own)| document_entity_marks(sentence, own, &entities, &first_words))
            .collect();
        self.first_pass = Some(FirstPass {
            tags,
            labels,
            entity_marks,
        });
    }

    /// Appends the first-pass features of token `i` of sentence `s` to `out`.
    pub(crate) fn features(&self, features: FeatureSet, s: usize, i: usize, out: &mut Vec<u64>) {
        let sentence = &self.words[s];
        let caps = u64::from(self.all_caps[s]);
        let word = &sentence[i];
        let at = |offset: isize| -> Option<&Word> {
            let j = i as isize + offset;
            (j >= 0).then(|| sentence.get(j as usize)).flatten()
        };
        let lower_at = |offset| at(offset).map_or(BOUNDARY, |w| w.lower);
        let shape_at = |offset| at(offset).map_or(BOUNDARY, |w| w.shape);
        let key1 = |t: u64, a: u64| finish(fold(t, a));
        let key2 = |t: u64, a: u64, b: u64| finish(fold(fold(t, a), b));

        out.push(key1(template::BIAS, 0));
        out.push(key1(template::LOWER + 2, word.lower));
        if !self.all_caps[s] {
            out.push(key1(template::FORM, word.form));
        }
        out.push(key1(template::LOWER + 1, lower_at(-1)));
        out.push(key1(template::LOWER + 3, lower_at(1)));
        out.push(key2(template::BIGRAM_LEFT, lower_at(-1), word.lower));
        out.push(key2(template::BIGRAM_RIGHT, word.lower, lower_at(1)));
        if features.wide_window {
            out.push(key1(template::LOWER, lower_at(-2)));
            out.push(key1(template::LOWER + 4, lower_at(2)));
        }
        if features.shapes {
            for offset in -1..=1 {
                let t = template::SHAPE + (offset + 1) as u64;
                out.push(key2(t, shape_at(offset), caps));
            }
            let trigram = fold(fold(shape_at(-1), word.shape), shape_at(1));
            out.push(key2(template::SHAPE_TRIGRAM, trigram, caps));
            let position = if i == 0 { 0 } else { 1 + caps };
            out.push(key2(template::CASE_POSITION, word.case as u64, position));
        }
        if features.affixes {
            for (n, (&prefix, &suffix)) in word.prefixes.iter().zip(&word.suffixes).enumerate() {
                if prefix != 0 {
                    out.push(key1(template::PREFIX + n as u64, prefix));
                }
                if suffix != 0 {
                    out.push(key1(template::SUFFIX + n as u64, suffix));
                }
            }
        }
        if features.document_case && (i == 0 || caps == 1) {
            let usual = match self.doc_case.get(&word.lower) {
                None => 3,
                Some(counts) => (0..3).max_by_key(|&k| (counts[k], k)).unwrap_or(3),
            };
            out.push(key2(template::DOC_CASE, usual as u64, caps));
        }
        if let Some(marks) = self.gazetteer.get(s) {
            self.gazetteer_features(marks, i, word.case, out);
        }
        if let Some(ids) = self.glove.get(s) {
            glove_features(ids, i, word.case, out);
            if features.glove_context {
                glove_context_features(ids, i, out);
            }
        }
        if let Some(marks) = self.lists.get(s) {
            list_features(marks, i, word.case, out);
        }
        if let Some(clusters) = self.clusters.get(s) {
            for offset in -1..=1isize {
                let j = i as isize + offset;
                let Some((paths, _)) = usize::try_from(j).ok().and_then(|j| clusters.get(j)) else {
                    continue;
                };
                for (n, &path) in paths.iter().enumerate() {
                    if path != 0 {
                        let t = template::CLUSTER + ((offset + 1) as u64) * 8 + n as u64;
                        out.push(key1(t, path));
                    }
                }
            }
            if let Some(&(_, usual)) = clusters.get(i) {
                let here = if i == 0 { 2 } else { caps };
                out.push(key2(
                    template::USUAL_CASE,
                    usual as u64 * 8 + word.case as u64,
                    here,
                ));
            }
        }
    }

    /// Appends the second-pass features of token `i` of sentence `s` (none before
    /// [`DocContext::set_first_pass`]).
    pub(crate) fn second_pass_features(&self, s: usize, i: usize, out: &mut Vec<u64>) {
        if let Some(first) = &self.first_pass {
            first_pass_features(first, &self.words[s][i], s, i, out);
        }
    }

    /// Gazetteer features of token `i`: its own marks, with its casing, and its neighbours'.
    fn gazetteer_features(&self, marks: &[u16], i: usize, case: Case, out: &mut Vec<u64>) {
        let here = marks.get(i).copied().unwrap_or(0);
        for bit in 0..16 {
            if here & (1 << bit) != 0 {
                out.push(finish(fold(template::GAZ, bit)));
                out.push(finish(fold(fold(template::GAZ_CASE, bit), case as u64)));
            }
        }
        let left = i.checked_sub(1).and_then(|j| marks.get(j)).copied();
        for (side, mark) in [(0, left), (1, marks.get(i + 1).copied())] {
            if let Some(mark) = mark.filter(|&m| m != 0) {
                out.push(finish(fold(
                    fold(template::GAZ_SIDE + side, mark as u64),
                    here as u64,
                )));
            }
        }
    }
}

/// GloVe cluster features of token `i`: the clusters of it and its neighbours at each
/// granularity (or that the word is not among the known ones), and its middle-sized cluster
/// with its casing.
fn glove_features(ids: &[u32], i: usize, case: Case, out: &mut Vec<u64>) {
    for offset in 0..3usize {
        let Some(&packed) = (i + offset).checked_sub(1).and_then(|j| ids.get(j)) else {
            continue;
        };
        let base = template::GLOVE + offset as u64 * 4;
        if packed == 0 {
            out.push(finish(fold(base + 3, 0)));
            continue;
        }
        for g in 0..GRANULARITIES as u64 {
            out.push(finish(fold(base + g, u64::from(packed >> (10 * g)) & 1023)));
        }
    }
    let here = ids.get(i).copied().unwrap_or(0);
    let middle = u64::from(here >> 10) & 1023;
    out.push(finish(fold(
        fold(template::GLOVE_CASE, middle),
        case as u64,
    )));
}

/// Wider GloVe features of token `i`: the middle-sized clusters of the words two away, and of
/// the token paired with each neighbour.
fn glove_context_features(ids: &[u32], i: usize, out: &mut Vec<u64>) {
    let middle = |j: Option<usize>| -> u64 {
        match j.and_then(|j| ids.get(j)) {
            None => 2048,
            Some(0) => 1024,
            Some(&packed) => u64::from(packed >> 10) & 1023,
        }
    };
    let here = middle(Some(i));
    out.push(finish(fold(template::GLOVE_FAR, middle(i.checked_sub(2)))));
    out.push(finish(fold(template::GLOVE_FAR + 1, middle(Some(i + 2)))));
    out.push(finish(fold(
        fold(template::GLOVE_PAIR, middle(i.checked_sub(1))),
        here,
    )));
    out.push(finish(fold(
        fold(template::GLOVE_PAIR + 1, here),
        middle(Some(i + 1)),
    )));
}

/// Name-list features of token `i`: its own marks, with its casing, and its neighbours'.
fn list_features(marks: &[u32], i: usize, case: Case, out: &mut Vec<u64>) {
    let here = marks.get(i).copied().unwrap_or(0);
    for bit in (0..32).filter(|&bit| here & (1 << bit) != 0) {
        out.push(finish(fold(template::LIST, bit)));
        out.push(finish(fold(fold(template::LIST_CASE, bit), case as u64)));
    }
    let left = i.checked_sub(1).and_then(|j| marks.get(j)).copied();
    for (side, mark) in [(0, left), (1, marks.get(i + 1).copied())] {
        if let Some(mark) = mark.filter(|&m| m != 0) {
            out.push(finish(fold(
                fold(template::LIST_SIDE + side, u64::from(mark)),
                u64::from(here),
            )));
        }
    }
}

/// Label class of a tag index: 0 outside, 1 + type otherwise.
fn label_of(tag: u8) -> usize {
    Tag::from_index(tag as usize)
        .entity_type()
        .map_or(0, |t| 1 + t as usize)
}

/// Hash of a phrase of words (lower-cased), as gazetteers key them.
pub(crate) fn phrase_key(words: &[Word]) -> u64 {
    finish(words.iter().fold(41, |h, w| fold(h, w.lower)))
}

/// Marks where the first pass's entities (elsewhere in the document) occur in a sentence.
/// A match with the sentence's own entity at the same place counts only if it occurs again.
/// `first_words` holds the first word of every entity, so most places are passed over unhashed.
fn document_entity_marks(
    sentence: &[Word],
    own: &[(usize, usize, super::EntityType)],
    entities: &KeyMap<[u16; 4]>,
    first_words: &KeySet,
) -> Vec<u16> {
    let mut marks = vec![0u16; sentence.len()];
    if entities.is_empty() {
        return marks;
    }
    for start in 0..sentence.len() {
        if !first_words.contains(&sentence[start].lower) {
            continue;
        }
        for end in start + 1..=(start + MAX_PHRASE).min(sentence.len()) {
            let Some(counts) = entities.get(&phrase_key(&sentence[start..end])) else {
                continue;
            };
            // `own` is in order and without overlaps, so the span starting here is found by
            // bisection: a sentence of a million names costs no more per name.
            let is_own = |kind: usize| {
                own.binary_search_by_key(&start, |s| s.0)
                    .is_ok_and(|at| own[at].1 == end && own[at].2 as usize == kind)
            };
            for (kind, &count) in counts.iter().enumerate() {
                if count >= 2 || (count == 1 && !is_own(kind)) {
                    mark_phrase(&mut marks, start, end, kind);
                }
            }
        }
    }
    marks
}

/// Sets the BILU position bits of type `kind` on `marks[start..end]`.
pub(crate) fn mark_phrase(marks: &mut [u16], start: usize, end: usize, kind: usize) {
    let base = kind * 4;
    if end - start == 1 {
        marks[start] |= 1 << (base + 3);
        return;
    }
    marks[start] |= 1 << base;
    for mark in &mut marks[start + 1..end - 1] {
        *mark |= 1 << (base + 1);
    }
    marks[end - 1] |= 1 << (base + 2);
}

/// Second-pass features: the first pass's tags around the token, its labels of the same word
/// elsewhere in the document, and its entities found again here.
fn first_pass_features(first: &FirstPass, word: &Word, s: usize, i: usize, out: &mut Vec<u64>) {
    let tags = &first.tags[s];
    let tag_at = |j: Option<usize>| j.and_then(|j| tags.get(j)).map_or(99, |&t| t as u64);
    let here = tag_at(Some(i));
    out.push(finish(fold(template::FIRST_TAG, here)));
    out.push(finish(fold(
        fold(template::FIRST_TAG_LEFT, tag_at(i.checked_sub(1))),
        here,
    )));
    out.push(finish(fold(
        fold(template::FIRST_TAG_RIGHT, here),
        tag_at(Some(i + 1)),
    )));
    if let Some(counts) = first.labels.get(&word.lower) {
        let mut others = *counts;
        let own = label_of(tags.get(i).copied().unwrap_or(0));
        others[own] = others[own].saturating_sub(1);
        if others.iter().any(|&c| c > 0) {
            let majority = (0..5).max_by_key(|&k| (others[k], k)).unwrap_or(0) as u64;
            out.push(finish(fold(template::ELSEWHERE, majority)));
            out.push(finish(fold(
                fold(template::ELSEWHERE_CASE, majority),
                word.case as u64,
            )));
            for (kind, &count) in others.iter().enumerate().skip(1) {
                if count > 0 {
                    out.push(finish(fold(template::ELSEWHERE_TYPE, kind as u64)));
                }
            }
        }
    }
    let mark = first.entity_marks[s].get(i).copied().unwrap_or(0);
    for bit in 0..16 {
        if mark & (1 << bit) != 0 {
            out.push(finish(fold(template::DOC_ENTITY, bit)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(token: &str) -> Word {
        Word::new(token, &mut Vec::new())
    }

    fn nothing_known() -> Knowledge<'static> {
        Knowledge {
            gazetteer: Box::leak(Box::default()),
            lexicon: Box::leak(Box::default()),
            glove: Box::leak(Box::default()),
            lists: Box::leak(Box::default()),
        }
    }

    #[test]
    fn casing_and_shapes() {
        assert_eq!(word("London").case, Case::Title);
        assert_eq!(word("LONDON").case, Case::Upper);
        assert_eq!(word("london").case, Case::Lower);
        assert_eq!(word("McDonald").case, Case::Mixed);
        assert_eq!(word("1996-08-22").case, Case::NoLetters);
        assert_eq!(word("").case, Case::NoLetters);
        assert_eq!(word("London").lower, word("LONDON").lower);
        assert_ne!(word("London").form, word("LONDON").form);
        assert_eq!(word("Xx").shape, word("London").shape);
        assert_eq!(word("U.S.").shape, word("E.U.").shape);
    }

    #[test]
    fn curly_quotes_look_like_straight_ones() {
        assert_eq!(word("\u{2019}s").lower, word("'s").lower);
        assert_eq!(word("\u{201C}").form, word("\"").form);
        assert_eq!(word("``").form, word("\"").form);
        assert_eq!(word("\u{2014}").shape, word("-").shape);
    }

    #[test]
    fn affixes_need_a_longer_word() {
        let w = word("at");
        assert_ne!(w.prefixes[0], 0);
        assert_eq!(w.prefixes[1], 0);
        assert_eq!(
            word("STRA\u{df}E").suffixes[3],
            word("stra\u{df}e").suffixes[3]
        );
    }

    #[test]
    fn only_words_away_from_capitals_are_quiet() {
        let context = |sentences: &[Vec<&str>]| {
            DocContext::new(sentences, FeatureSet::default(), nothing_known())
        };
        let cased = context(&[
            "the bank of england said on monday that rates would stay"
                .split(' ')
                .collect(),
            "Rates at the Bank of England stay put , it said"
                .split(' ')
                .collect(),
        ]);
        let quiet = |c: &DocContext, s: usize| -> Vec<usize> {
            let quiet = c.quiet_tokens();
            (0..quiet[s].len()).filter(|&i| quiet[s][i]).collect()
        };
        // The second sentence's capitals make the document cased prose.
        assert_eq!(quiet(&cased, 0), (0..11).collect::<Vec<_>>());
        // "of" sits between capitals; "at", "the" and "stay" touch one. At the sentence's end,
        // one neighbour is enough.
        assert_eq!(quiet(&cased, 1), vec![7, 8, 9, 10]);
        // Text typed in lower case is left to the model.
        let lower = context(&["the bank of england said so".split(' ').collect()]);
        assert!(quiet(&lower, 0).is_empty());
        assert!(!context(&[vec![]]).cased);
        // Cased prose has a capital on at least 3 in 100 words with letters.
        let mut words = vec!["word"; 32];
        words.push("London");
        assert!(context(&[words.clone()]).cased);
        words.extend(["word"; 2]);
        assert!(!context(&[words]).cased);
    }

    #[test]
    fn every_token_gets_features() {
        let features = FeatureSet::default();
        let sentences = vec![vec!["", "\u{1F600}", "EU", "rejects"], vec![]];
        let context = DocContext::new(&sentences, features, nothing_known());
        let mut out = Vec::new();
        for i in 0..4 {
            out.clear();
            context.features(features, 0, i, &mut out);
            assert!(out.len() > 10);
            assert!(out.iter().all(|&k| k != 0));
        }
    }
}
