//! Word knowledge stored in the model: a gazetteer of entity strings learned from the training
//! data, and word clusters plus usual casing learned from unlabeled news text.

use anyhow::{bail, Result};

use super::features::{finish, fold, phrase_key, Case, KeyMap, Word};
use super::table::{KeyTable, Reader, Writer};
use super::{spans, Document};

/// Longest entity, in tokens, a gazetteer holds.
pub(crate) const MAX_PHRASE: usize = 6;

/// Value bit: some longer entry starts with this phrase.
const PREFIX_BIT: u8 = 1 << 4;

/// Entity strings (lower-cased token sequences) with the types they were seen with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    table: KeyTable,
    /// Per slot: type bits 0..4 and [`PREFIX_BIT`].
    values: Vec<u8>,
}

impl Gazetteer {
    /// Collects the gold entities of `documents`.
    pub(crate) fn from_documents<'a>(documents: impl Iterator<Item = &'a Document>) -> Gazetteer {
        let mut entries: KeyMap<u8> = KeyMap::default();
        let mut chars = Vec::new();
        for sentence in documents.flat_map(|d| &d.sentences) {
            let words: Vec<Word> = sentence
                .tokens
                .iter()
                .map(|t| Word::new(t, &mut chars))
                .collect();
            for (start, end, kind) in spans(&sentence.tags) {
                if end - start > MAX_PHRASE {
                    continue;
                }
                for prefix_end in start + 1..end {
                    *entries
                        .entry(phrase_key(&words[start..prefix_end]))
                        .or_default() |= PREFIX_BIT;
                }
                *entries.entry(phrase_key(&words[start..end])).or_default() |= 1 << kind as u8;
            }
        }
        let table = KeyTable::build(entries.keys().copied());
        let mut values = vec![0; table.len()];
        for (&key, &value) in &entries {
            if let Some(slot) = table.find(key) {
                values[slot] = value;
            }
        }
        Gazetteer { table, values }
    }

    /// Marks each token with the BILU positions of every entry matching around it
    /// (bit `type * 4 + position`, positions B, I, L, U).
    pub(crate) fn marks(&self, sentence: &[Word]) -> Vec<u16> {
        let mut marks = vec![0u16; sentence.len()];
        if self.values.is_empty() {
            return marks;
        }
        for start in 0..sentence.len() {
            let mut hash = 41;
            for end in start + 1..=(start + MAX_PHRASE).min(sentence.len()) {
                hash = fold(hash, sentence[end - 1].lower);
                let Some(slot) = self.table.find(finish(hash)) else {
                    break;
                };
                let value = self.values[slot];
                for kind in 0..4 {
                    if value & (1 << kind) != 0 {
                        super::features::mark_phrase(&mut marks, start, end, kind);
                    }
                }
                if value & PREFIX_BIT == 0 {
                    break;
                }
            }
        }
        marks
    }

    /// Appends the gazetteer to a model file.
    pub(crate) fn write(&self, out: &mut Writer) {
        self.table.write(out);
        out.u8s(&self.values);
    }

    /// Reads a gazetteer written by [`Gazetteer::write`].
    pub(crate) fn read(input: &mut Reader) -> Result<Gazetteer> {
        let table = KeyTable::read(input)?;
        let values = input.u8s()?;
        if values.len() != table.len() {
            bail!(
                "gazetteer has {} values for {} slots",
                values.len(),
                table.len()
            );
        }
        Ok(Gazetteer { table, values })
    }
}

/// Depth of the cluster hierarchy (leaves are `2^DEPTH` clusters).
const DEPTH: u8 = 10;

/// Path prefix lengths used as features, coarse to fine.
const PREFIX_LENGTHS: [u8; 4] = [3, 5, 7, 10];

/// Per word: a cluster path in a binary hierarchy of distributionally similar words, and the
/// casing the word usually has mid-sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordLexicon {
    table: KeyTable,
    /// Per slot: cluster path bits (most significant first, [`DEPTH`] bits).
    paths: Vec<u16>,
    /// Per slot: usual casing (0 unknown, 1 lower, 2 title, 3 upper, 4 varies).
    usual_case: Vec<u8>,
}

impl WordLexicon {
    /// The hashed cluster path prefixes and usual casing of a word; zeros when unknown.
    pub(crate) fn lookup(&self, lower: u64) -> ([u64; 4], u8) {
        let Some(slot) = self.table.find(lower) else {
            return ([0; 4], 0);
        };
        let path = self.paths[slot];
        let mut prefixes = [0; 4];
        for (prefix, &len) in prefixes.iter_mut().zip(&PREFIX_LENGTHS) {
            *prefix = fold(len as u64, (path >> (DEPTH - len)) as u64 + 1);
        }
        (prefixes, self.usual_case[slot])
    }

    /// Learns clusters from sentences of tokens: words are described by their left and right
    /// neighbours among the most frequent words, then split in two again and again
    /// (spherical 2-means) to give each word a path in a binary tree, as Brown clusters do.
    pub(crate) fn learn(sentences: &[Vec<String>], min_count: u32, seed: u64) -> WordLexicon {
        let mut chars = Vec::new();
        let mut ids: KeyMap<u32> = KeyMap::default();
        let mut counts: Vec<u32> = Vec::new();
        let mut casing: Vec<[u32; 3]> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        let encoded: Vec<Vec<u32>> = sentences
            .iter()
            .map(|sentence| {
                sentence
                    .iter()
                    .enumerate()
                    .map(|(i, token)| {
                        let word = Word::new(token, &mut chars);
                        let id = *ids.entry(word.lower).or_insert_with(|| {
                            keys.push(word.lower);
                            counts.push(0);
                            casing.push([0; 3]);
                            (keys.len() - 1) as u32
                        });
                        counts[id as usize] += 1;
                        let slot = match word.case {
                            Case::Lower => Some(0),
                            Case::Title => Some(1),
                            Case::Upper => Some(2),
                            _ => None,
                        };
                        if let (Some(slot), true) = (slot, i > 0) {
                            casing[id as usize][slot] += 1;
                        }
                        id
                    })
                    .collect()
            })
            .collect();

        // Context vocabulary: the most frequent words, plus one slot for "anything else".
        const CONTEXTS: usize = 800;
        let mut by_count: Vec<u32> = (0..keys.len() as u32).collect();
        by_count.sort_by_key(|&id| (std::cmp::Reverse(counts[id as usize]), keys[id as usize]));
        let mut context_of = vec![CONTEXTS as u32; keys.len()];
        for (rank, &id) in by_count.iter().take(CONTEXTS).enumerate() {
            context_of[id as usize] = rank as u32;
        }
        let boundary = CONTEXTS as u32 + 1;
        let width = 2 * (CONTEXTS + 2);
        let kept: Vec<u32> = by_count
            .iter()
            .copied()
            .filter(|&id| counts[id as usize] >= min_count)
            .collect();
        let mut row_of = vec![u32::MAX; keys.len()];
        for (row, &id) in kept.iter().enumerate() {
            row_of[id as usize] = row as u32;
        }
        let mut contexts: Vec<KeyMap<f32>> = vec![KeyMap::default(); kept.len()];
        for sentence in &encoded {
            for (i, &id) in sentence.iter().enumerate() {
                let row = row_of[id as usize];
                if row == u32::MAX {
                    continue;
                }
                let left = i
                    .checked_sub(1)
                    .map_or(boundary, |j| context_of[sentence[j] as usize]);
                let right = sentence
                    .get(i + 1)
                    .map_or(boundary, |&w| context_of[w as usize]);
                let map = &mut contexts[row as usize];
                *map.entry(left as u64).or_default() += 1.0;
                *map.entry((CONTEXTS + 2) as u64 + right as u64).or_default() += 1.0;
            }
        }
        let vectors: Vec<Vec<(u32, f32)>> = contexts
            .into_iter()
            .map(|map| {
                let mut v: Vec<(u32, f32)> = map
                    .into_iter()
                    .map(|(k, c)| (k as u32, (1.0 + c).ln()))
                    .collect();
                v.sort_by_key(|&(k, _)| k);
                let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-6);
                v.iter_mut().for_each(|(_, x)| *x /= norm);
                v
            })
            .collect();
        let mut paths = vec![0u16; kept.len()];
        let mut rng = seed | 1;
        let all: Vec<u32> = (0..kept.len() as u32).collect();
        split(&vectors, width, all, 0, 0, &mut paths, &mut rng);

        let table = KeyTable::build(kept.iter().map(|&id| keys[id as usize]));
        let mut lexicon = WordLexicon {
            paths: vec![0; table.len()],
            usual_case: vec![0; table.len()],
            table,
        };
        for (row, &id) in kept.iter().enumerate() {
            if let Some(slot) = lexicon.table.find(keys[id as usize]) {
                lexicon.paths[slot] = paths[row];
                lexicon.usual_case[slot] = usual_case(casing[id as usize]);
            }
        }
        lexicon
    }

    /// Appends the lexicon to a model file.
    pub(crate) fn write(&self, out: &mut Writer) {
        self.table.write(out);
        let paths: Vec<i16> = self.paths.iter().map(|&p| p as i16).collect();
        out.i16s(&paths);
        out.u8s(&self.usual_case);
    }

    /// Reads a lexicon written by [`WordLexicon::write`].
    pub(crate) fn read(input: &mut Reader) -> Result<WordLexicon> {
        let table = KeyTable::read(input)?;
        let paths: Vec<u16> = input.i16s()?.into_iter().map(|p| p as u16).collect();
        let usual_case = input.u8s()?;
        if paths.len() != table.len() || usual_case.len() != table.len() {
            bail!("word lexicon arrays do not match its {} slots", table.len());
        }
        Ok(WordLexicon {
            table,
            paths,
            usual_case,
        })
    }
}

/// Usual casing class from mid-sentence counts of lower, title and upper case.
fn usual_case([lower, title, upper]: [u32; 3]) -> u8 {
    let total = lower + title + upper;
    if total == 0 {
        0
    } else if lower * 10 >= total * 9 {
        1
    } else if title * 10 >= total * 9 {
        2
    } else if upper * 10 >= total * 9 {
        3
    } else {
        4
    }
}

/// xorshift64: the deterministic generator used wherever training needs chance.
pub(crate) fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Splits `members` in two by spherical 2-means and recurses, writing each word's path.
fn split(
    vectors: &[Vec<(u32, f32)>],
    width: usize,
    members: Vec<u32>,
    depth: u8,
    path: u16,
    paths: &mut [u16],
    rng: &mut u64,
) {
    if depth == DEPTH {
        return;
    }
    if members.len() < 2 {
        for &m in &members {
            paths[m as usize] = path << (DEPTH - depth);
        }
        return;
    }
    let mut centroids = [vec![0f32; width], vec![0f32; width]];
    // Seeds: the most frequent member (members are in frequency order) and a random one.
    let second = 1 + (next_random(rng) as usize) % (members.len() - 1);
    for (centroid, &m) in centroids
        .iter_mut()
        .zip([members[0], members[second]].iter())
    {
        for &(k, x) in &vectors[m as usize] {
            centroid[k as usize] = x;
        }
    }
    let mut side = vec![false; members.len()];
    for _ in 0..6 {
        for (s, &m) in side.iter_mut().zip(&members) {
            let v = &vectors[m as usize];
            let dot = |c: &Vec<f32>| v.iter().map(|&(k, x)| c[k as usize] * x).sum::<f32>();
            *s = dot(&centroids[1]) > dot(&centroids[0]);
        }
        for (which, centroid) in centroids.iter_mut().enumerate() {
            centroid.iter_mut().for_each(|x| *x = 0.0);
            for (&s, &m) in side.iter().zip(&members) {
                if s == (which == 1) {
                    for &(k, x) in &vectors[m as usize] {
                        centroid[k as usize] += x;
                    }
                }
            }
            let norm = centroid.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            centroid.iter_mut().for_each(|x| *x /= norm);
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (&m, &s) in members.iter().zip(&side) {
        if s {
            right.push(m);
        } else {
            left.push(m);
        }
    }
    if left.is_empty() || right.is_empty() {
        // No split found: the words stay together down the tree.
        let all = if left.is_empty() { right } else { left };
        for &m in &all {
            paths[m as usize] = path << (DEPTH - depth);
        }
        return;
    }
    for &m in &left {
        paths[m as usize] = (path << 1) << (DEPTH - depth - 1);
    }
    for &m in &right {
        paths[m as usize] = ((path << 1) | 1) << (DEPTH - depth - 1);
    }
    split(vectors, width, left, depth + 1, path << 1, paths, rng);
    split(
        vectors,
        width,
        right,
        depth + 1,
        (path << 1) | 1,
        paths,
        rng,
    );
}

/// Splits raw text into rough CoNLL-like tokens, for learning clusters: words, numbers and
/// punctuation; a clitic `'s` and trailing punctuation come off, inner dots and hyphens stay.
pub(crate) fn rough_tokens(text: &str) -> Vec<Vec<String>> {
    let mut sentences = Vec::new();
    for line in text.lines() {
        let mut tokens = Vec::new();
        for piece in line.split_whitespace() {
            let piece: String = piece.chars().map(super::features::normalise).collect();
            let mut word = piece.as_str();
            let mut leading = Vec::new();
            while let Some(c) = word.chars().next().filter(|c| !c.is_alphanumeric()) {
                leading.push(c.to_string());
                word = &word[c.len_utf8()..];
            }
            let mut trailing = Vec::new();
            while let Some(c) = word.chars().next_back().filter(|c| !c.is_alphanumeric()) {
                // Keep the dot of "U.S." and "Corp." on the word.
                if c == '.' && word[..word.len() - 1].contains('.') {
                    break;
                }
                trailing.push(c.to_string());
                word = &word[..word.len() - c.len_utf8()];
            }
            let mut clitic = None;
            if let Some(stem) = word.strip_suffix("'s") {
                clitic = Some("'s");
                word = stem;
            }
            tokens.extend(leading);
            if !word.is_empty() {
                tokens.push(word.to_string());
            }
            tokens.extend(clitic.map(str::to_string));
            tokens.extend(trailing.into_iter().rev());
        }
        if !tokens.is_empty() {
            sentences.push(tokens);
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::super::{read_conll, EntityType, Tag};
    use super::*;

    #[test]
    fn gazetteer_marks_longest_and_inner_entries() {
        let docs = read_conll("New NNP I-NP I-LOC\nYork NNP I-NP I-LOC\n\nYork NNP I-NP I-PER\n");
        let gazetteer = Gazetteer::from_documents(docs.iter());
        let words: Vec<Word> = ["in", "NEW", "YORK"]
            .iter()
            .map(|t| Word::new(t, &mut Vec::new()))
            .collect();
        let marks = gazetteer.marks(&words);
        assert_eq!(marks[0], 0);
        assert_eq!(marks[1], 1 << (2 * 4)); // B-LOC
        assert_eq!(marks[2], (1 << (2 * 4 + 2)) | (1 << 3)); // L-LOC and U-PER
        assert_eq!(Tag::from_index(9), Tag::Begin(EntityType::Loc));
    }

    #[test]
    fn rough_tokens_split_like_conll() {
        let got = rough_tokens("\u{201C}Microsoft's U.S. unit,\u{201D} he said.");
        assert_eq!(
            got[0],
            [
                "\"",
                "Microsoft",
                "'s",
                "U.S.",
                "unit",
                ",",
                "\"",
                "he",
                "said",
                "."
            ]
        );
    }
}
