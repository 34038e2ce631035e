//! Word knowledge stored in the model: a gazetteer of entity strings learned from the training
//! data, word clusters plus usual casing learned from unlabeled news text, word clusters of a
//! large general text (GloVe), and general-knowledge name lists (places, given names).

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

/// Word clusters of a large general text (GloVe 6B: Wikipedia and Gigaword), at three
/// granularities: per lower-cased word, its cluster at k = 64, 256 and 1024. Stored in the model
/// it was trained with, so the ids its weights refer to never change under it.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordClusters {
    table: KeyTable,
    /// Per slot: the three cluster ids, 10 bits apiece, and [`KNOWN_BIT`] (0 for an empty slot).
    ids: Vec<u32>,
    /// The words' hashes and packed ids in the order read, which is what the file stores.
    keys: Vec<u64>,
    packed: Vec<u32>,
}

/// Cluster granularities of [`WordClusters`].
pub(crate) const GRANULARITIES: usize = 3;

/// Set in every packed id of a known word.
const KNOWN_BIT: u32 = 1 << 31;

impl WordClusters {
    /// Reads `word<TAB>c64<TAB>c256<TAB>c1024` lines (`#` lines are comments); the first line of
    /// a word wins.
    pub(crate) fn parse(text: &str) -> Result<WordClusters> {
        let mut chars = Vec::new();
        let mut keys = Vec::new();
        let mut packed = Vec::new();
        let mut seen = KeyMap::<()>::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let word = fields.next().unwrap_or_default();
            let mut value = KNOWN_BIT;
            for g in 0..GRANULARITIES {
                let id: u32 = match fields.next().map(str::parse) {
                    Some(Ok(id)) if id < 1024 => id,
                    _ => bail!("word clusters line {}: {line:?}", n + 1),
                };
                value |= id << (10 * g);
            }
            let key = Word::new(word, &mut chars).lower;
            if seen.insert(key, ()).is_none() {
                keys.push(key);
                packed.push(value);
            }
        }
        Ok(WordClusters::from_parts(keys, packed))
    }

    fn from_parts(keys: Vec<u64>, packed: Vec<u32>) -> WordClusters {
        let table = KeyTable::build(keys.iter().copied());
        let mut ids = vec![0; table.len()];
        for (&key, &value) in keys.iter().zip(&packed) {
            if let Some(slot) = table.find(key) {
                ids[slot] = value;
            }
        }
        WordClusters {
            table,
            ids,
            keys,
            packed,
        }
    }

    /// The word's cluster ids, coarse to fine, 10 bits each, with bit 31 set; 0 when the word is
    /// not known.
    #[inline]
    pub(crate) fn lookup(&self, lower: u64) -> u32 {
        self.table.find(lower).map_or(0, |slot| self.ids[slot])
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Appends the clusters to a model file: the words' hashes and their packed ids.
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u64s(&self.keys);
        out.u32s(&self.packed);
    }

    /// Reads clusters written by [`WordClusters::write`].
    pub(crate) fn read(input: &mut Reader) -> Result<WordClusters> {
        let keys = input.u64s()?;
        let packed = input.u32s()?;
        if keys.len() != packed.len() {
            bail!("{} cluster words with {} ids", keys.len(), packed.len());
        }
        Ok(WordClusters::from_parts(keys, packed))
    }
}

/// The kinds of names in [`NameLists`], by bit.
pub(crate) const LIST_KINDS: [&str; 5] = ["country", "city", "admin", "continent", "given-name"];

/// Longest list entry, in tokens.
const LIST_PHRASE: usize = 4;

/// Value bit of [`NameLists`]: some longer entry starts with this phrase.
const LIST_PREFIX_BIT: u8 = 1 << 7;

/// General-knowledge name lists (GeoNames places by kind, census given names): lower-cased
/// phrases of up to [`LIST_PHRASE`] tokens with the kinds they are listed as. The model sees
/// where they match; they never decide a tag by themselves.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameLists {
    table: KeyTable,
    /// Per slot: kind bits (see [`LIST_KINDS`]) and [`LIST_PREFIX_BIT`].
    values: Vec<u8>,
}

impl NameLists {
    /// Builds the lists from `name<TAB>kind` lines of places and one given name a line; `#`
    /// lines are comments, and unknown kinds are an error.
    pub(crate) fn parse(places: &str, given_names: &str) -> Result<NameLists> {
        let mut entries: KeyMap<u8> = KeyMap::default();
        let mut chars = Vec::new();
        let mut add = |name: &str, kind: usize, entries: &mut KeyMap<u8>| {
            let words: Vec<Word> = name
                .split_whitespace()
                .map(|t| Word::new(t, &mut chars))
                .collect();
            if words.is_empty() || words.len() > LIST_PHRASE {
                return;
            }
            for end in 1..words.len() {
                *entries.entry(phrase_key(&words[..end])).or_default() |= LIST_PREFIX_BIT;
            }
            *entries.entry(phrase_key(&words)).or_default() |= 1 << kind;
        };
        for (n, line) in places.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((name, kind)) = line.split_once('\t') else {
                bail!("places line {}: no kind in {line:?}", n + 1);
            };
            let Some(kind) = LIST_KINDS[..4].iter().position(|&k| k == kind.trim()) else {
                bail!("places line {}: unknown kind {kind:?}", n + 1);
            };
            add(name, kind, &mut entries);
        }
        for line in given_names.lines() {
            if !line.starts_with('#') && !line.trim().is_empty() {
                add(line.trim(), 4, &mut entries);
            }
        }
        let table = KeyTable::build(entries.keys().copied());
        let mut values = vec![0; table.len()];
        for (&key, &value) in &entries {
            if let Some(slot) = table.find(key) {
                values[slot] = value;
            }
        }
        Ok(NameLists { table, values })
    }

    /// Marks the leftmost-longest matches of a sentence: for each token inside one, bit
    /// `kind * 4 + position` (positions B, I, L, U) for every kind of the entry.
    pub(crate) fn marks(&self, sentence: &[Word]) -> Vec<u32> {
        let mut marks = vec![0u32; sentence.len()];
        if self.values.is_empty() {
            return marks;
        }
        let mut start = 0;
        while start < sentence.len() {
            let mut hash = 41;
            let mut longest = None;
            for end in start + 1..=(start + LIST_PHRASE).min(sentence.len()) {
                hash = fold(hash, sentence[end - 1].lower);
                let Some(slot) = self.table.find(finish(hash)) else {
                    break;
                };
                let value = self.values[slot];
                if value & !LIST_PREFIX_BIT != 0 {
                    longest = Some((end, value & !LIST_PREFIX_BIT));
                }
                if value & LIST_PREFIX_BIT == 0 {
                    break;
                }
            }
            let Some((end, kinds)) = longest else {
                start += 1;
                continue;
            };
            for kind in (0..LIST_KINDS.len()).filter(|&k| kinds & (1 << k) != 0) {
                let base = kind * 4;
                if end - start == 1 {
                    marks[start] |= 1 << (base + 3);
                } else {
                    marks[start] |= 1 << base;
                    for mark in &mut marks[start + 1..end - 1] {
                        *mark |= 1 << (base + 1);
                    }
                    marks[end - 1] |= 1 << (base + 2);
                }
            }
            start = end;
        }
        marks
    }

    /// Number of slots holding an entry or a prefix of one.
    pub(crate) fn len(&self) -> usize {
        self.values.iter().filter(|&&v| v != 0).count()
    }

    /// Appends the lists to a model file.
    pub(crate) fn write(&self, out: &mut Writer) {
        self.table.write(out);
        out.u8s(&self.values);
    }

    /// Reads lists written by [`NameLists::write`].
    pub(crate) fn read(input: &mut Reader) -> Result<NameLists> {
        let table = KeyTable::read(input)?;
        let values = input.u8s()?;
        if values.len() != table.len() {
            bail!(
                "name lists have {} values for {} slots",
                values.len(),
                table.len()
            );
        }
        Ok(NameLists { table, values })
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

    fn words(tokens: &[&str]) -> Vec<Word> {
        tokens
            .iter()
            .map(|t| Word::new(t, &mut Vec::new()))
            .collect()
    }

    #[test]
    fn name_lists_mark_the_leftmost_longest_match() {
        let places = "# comment\nNew York\tcity\nYork\tcity\nNew York City\tcity\n\
                      Georgia\tcountry\nGeorgia\tadmin\n";
        let lists = NameLists::parse(places, "# names\nGeorgia\n").expect("lists parse");
        let marks = lists.marks(&words(&["in", "NEW", "YORK", "and", "Georgia", "York"]));
        let (city, country, admin, given) = (1, 0, 2, 4);
        assert_eq!(marks[0], 0);
        assert_eq!(marks[1], 1 << (city * 4)); // B-city: "New York", not "York" alone
        assert_eq!(marks[2], 1 << (city * 4 + 2)); // L-city
        assert_eq!(marks[3], 0);
        let unit = |kind: usize| 1u32 << (kind * 4 + 3);
        assert_eq!(marks[4], unit(country) | unit(admin) | unit(given));
        assert_eq!(marks[5], unit(city));
        assert!(NameLists::parse("Paris\ttown\n", "").is_err());

        let mut out = Writer::default();
        lists.write(&mut out);
        let read = NameLists::read(&mut Reader::new(&out.bytes)).expect("lists read");
        assert_eq!(
            read.marks(&words(&["new", "york", "city"]))[2],
            1 << (city * 4 + 2)
        );
    }

    #[test]
    fn word_clusters_pack_three_ids() {
        let clusters =
            WordClusters::parse("# c\nthe\t0\t0\t0\nparis\t5\t17\t1000\nParis\t1\t1\t1\n")
                .expect("clusters parse");
        assert_eq!(clusters.len(), 2);
        let paris = clusters.lookup(Word::new("PARIS", &mut Vec::new()).lower);
        assert_eq!(paris, 5 | (17 << 10) | (1000 << 20) | KNOWN_BIT);
        assert_eq!(
            clusters.lookup(Word::new("London", &mut Vec::new()).lower),
            0
        );
        let mut out = Writer::default();
        clusters.write(&mut out);
        let read = WordClusters::read(&mut Reader::new(&out.bytes)).expect("clusters read");
        assert_eq!(
            read.lookup(Word::new("paris", &mut Vec::new()).lower),
            paris
        );
        assert!(WordClusters::parse("word\t1\tx\t2\n").is_err());
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
