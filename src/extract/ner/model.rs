//! The trained recognizer: weights of one or two perceptron stages, the gazetteer and word
//! lexicon they consult, tagging by Viterbi decoding, and the model file format.
//!
//! File format (all little-endian; arrays are a `u32` length and the items): magic
//! `NDXNER\0\0`, version `u32`, feature switches (`u8` in version 1, `u16` since 2),
//! gazetteer, word lexicon, since version 2 the GloVe clusters and the name lists, then the
//! weights: stage count `u32`, slot fingerprints `u32`s, per row and stage a mask of non-zero
//! tags, the non-zero `i16` weights, a scale per stage and a transition matrix per stage.

use anyhow::{ensure, Context, Result};

use super::features::{DocContext, FeatureSet, Knowledge};
use super::knowledge::{Gazetteer, NameLists, WordClusters, WordLexicon};
use super::table::{Reader, Writer};
use super::Tag;

/// First bytes of a model file.
const MAGIC: &[u8; 8] = b"NDXNER\0\0";

/// Format version; bump when the layout or the feature hashing changes. Version 1 files (no
/// GloVe clusters or name lists) still load.
const VERSION: u32 = 2;

/// Number of tags.
const T: usize = Tag::COUNT;

/// Row of the transition matrix for "before the first token".
pub(crate) const START: usize = T;

/// A trained named-entity recognizer. Load one with [`Model::load`], tag with
/// [`Model::tag_document`] or [`Model::tag`].
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) features: FeatureSet,
    pub(crate) gazetteer: Gazetteer,
    pub(crate) lexicon: WordLexicon,
    pub(crate) glove: WordClusters,
    pub(crate) lists: NameLists,
    pub(crate) weights: Weights,
}

/// Tags that carry their own weights: all but `Outside`, whose weight is folded into the others
/// (adding the same amount to every tag of a token changes no decision).
const WEIGHTED: usize = T - 1;

/// One feature's weights in one stage, in units of the stage's scale.
type Row = [i16; WEIGHTED];

/// Most stages a model has.
const MAX_STAGES: usize = 2;

/// One feature's rows for every stage, in one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Block([Row; MAX_STAGES]);

/// The feature weights of every stage in one table, so a feature both stages use costs one
/// lookup: open addressing on the key's low bits, holding the key's high 32 bits to tell
/// features apart in a compact array, and the weights of each slot in a cache line of its own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    /// Per slot: key fingerprint, 0 when empty.
    prints: Vec<u32>,
    /// Per slot: the weights.
    blocks: Vec<Block>,
    stages: usize,
    /// Per stage: the weight of one row unit.
    scales: Vec<f32>,
    /// Per stage: `(T + 1) x T` scores of tag pairs, the last row for the sentence start.
    transitions: Vec<Vec<f32>>,
}

/// The part of a key kept in the table.
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// One stage of dense training weights: `keys[r]` owns `weights[r * T..][..T]`.
pub(crate) struct DenseStage<'a> {
    pub(crate) keys: &'a [u64],
    pub(crate) weights: &'a [f32],
    pub(crate) transitions: &'a [f32],
}

impl Weights {
    /// Builds the table from dense weights of each stage (at most [`MAX_STAGES`]), dropping
    /// weights too small to matter once quantised.
    pub(crate) fn from_dense(stages: &[DenseStage]) -> Weights {
        let stages = &stages[..stages.len().min(MAX_STAGES)];
        let normalised: Vec<(Vec<f32>, f32)> = stages
            .iter()
            .map(|stage| {
                let rows: Vec<f32> = stage
                    .weights
                    .chunks_exact(T)
                    .flat_map(|w| w[1..].iter().map(move |x| x - w[0]))
                    .collect();
                let largest = rows.iter().fold(0f32, |m, w| m.max(w.abs()));
                (
                    rows,
                    if largest > 0.0 {
                        largest / 32000.0
                    } else {
                        1.0
                    },
                )
            })
            .collect();
        let kept = |s: usize, r: usize| {
            let (rows, scale) = &normalised[s];
            rows[r * WEIGHTED..(r + 1) * WEIGHTED]
                .iter()
                .any(|w| (w / scale).round() != 0.0)
        };
        let count: usize = (0..stages.len())
            .map(|s| (0..stages[s].keys.len()).filter(|&r| kept(s, r)).count())
            .sum();
        let size = (count * 2).next_power_of_two().max(2);
        let mut weights = Weights {
            prints: vec![0; size],
            blocks: vec![Block::default(); size],
            stages: stages.len(),
            scales: normalised.iter().map(|(_, scale)| *scale).collect(),
            transitions: stages.iter().map(|s| s.transitions.to_vec()).collect(),
        };
        for (s, stage) in stages.iter().enumerate() {
            let (rows, scale) = &normalised[s];
            for (r, &key) in stage.keys.iter().enumerate() {
                if !kept(s, r) {
                    continue;
                }
                let slot = weights.insert(key);
                let target = &mut weights.blocks[slot].0[s];
                for (q, w) in target.iter_mut().zip(&rows[r * WEIGHTED..]) {
                    let w = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                    *q = q.saturating_add(w);
                }
            }
        }
        weights
    }

    /// The slot of `key`, taken if new. Keys with the same fingerprint in one probe chain
    /// share a slot; with 32-bit fingerprints that is rare enough not to matter.
    fn insert(&mut self, key: u64) -> usize {
        let mask = self.prints.len() - 1;
        let print = fingerprint(key);
        let mut slot = key as usize & mask;
        while self.prints[slot] != print && self.prints[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.prints[slot] = print;
        slot
    }

    /// The slot of `key`, if it has weights.
    #[inline]
    fn find(&self, key: u64) -> Option<u32> {
        let mask = self.prints.len().checked_sub(1)?;
        let print = fingerprint(key);
        let mut slot = key as usize & mask;
        loop {
            let here = self.prints[slot];
            if here == print {
                return Some(slot as u32);
            }
            if here == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds the weights of `slot` in `stage` to `sums`.
    #[inline]
    fn add(&self, slot: u32, stage: usize, sums: &mut [i32; WEIGHTED]) {
        if let Some(block) = self.blocks.get(slot as usize) {
            for (sum, &w) in sums.iter_mut().zip(&block.0[stage.min(MAX_STAGES - 1)]) {
                *sum += w as i32;
            }
        }
    }

    /// Turns row sums of `stage` into the scores of one token.
    fn scores(&self, stage: usize, sums: &[i32; WEIGHTED], scores: &mut [f32]) {
        scores[0] = 0.0;
        for (score, &sum) in scores[1..].iter_mut().zip(sums) {
            *score = sum as f32 * self.scales[stage];
        }
    }

    /// Rows of the used slots, stage by stage.
    fn used_rows(&self) -> impl Iterator<Item = &Row> + '_ {
        self.prints
            .iter()
            .zip(&self.blocks)
            .filter(|(&print, _)| print != 0)
            .flat_map(move |(_, block)| &block.0[..self.stages])
    }

    /// Number of non-zero weights.
    fn count(&self) -> usize {
        self.used_rows().flatten().filter(|&&w| w != 0).count()
    }

    /// Writes the table: slot fingerprints, then for each used slot and stage a mask of the
    /// non-zero tags, then those weights.
    fn write(&self, out: &mut Writer) {
        out.u32(self.stages as u32);
        out.u32s(&self.prints);
        let mut masks = Vec::new();
        let mut values = Vec::new();
        for row in self.used_rows() {
            let mut mask = 0u16;
            for (t, &w) in row.iter().enumerate() {
                if w != 0 {
                    mask |= 1 << t;
                    values.push(w);
                }
            }
            masks.push(mask as i16);
        }
        out.i16s(&masks);
        out.i16s(&values);
        out.f32s(&self.scales);
        for transitions in &self.transitions {
            out.f32s(transitions);
        }
    }

    /// Reads a table written by [`Weights::write`].
    fn read(input: &mut Reader) -> Result<Weights> {
        let stages = input.u32()? as usize;
        ensure!(
            (1..=MAX_STAGES).contains(&stages),
            "model has {stages} stages"
        );
        let prints = input.u32s()?;
        ensure!(
            prints.len().is_power_of_two() && prints.contains(&0),
            "corrupt weight table of {} slots",
            prints.len()
        );
        let masks = input.i16s()?;
        let values = input.i16s()?;
        let used = prints.iter().filter(|&&p| p != 0).count();
        ensure!(
            masks.len() == used * stages,
            "weight rows do not match the table"
        );
        let mut blocks = vec![Block::default(); prints.len()];
        let mut masks = masks.into_iter();
        let mut values = values.into_iter();
        for (&print, block) in prints.iter().zip(&mut blocks) {
            if print == 0 {
                continue;
            }
            for row in &mut block.0[..stages] {
                let mask = masks.next().context("weight masks truncated")? as u16;
                for (t, w) in row.iter_mut().enumerate() {
                    if mask & (1 << t) != 0 {
                        *w = values.next().context("weight values truncated")?;
                    }
                }
            }
        }
        ensure!(values.next().is_none(), "extra weight values");
        let scales = input.f32s()?;
        ensure!(
            scales.len() == stages && scales.iter().all(|s| s.is_finite()),
            "bad weight scales"
        );
        let transitions = (0..stages)
            .map(|_| {
                let t = input.f32s()?;
                ensure!(
                    t.len() == (T + 1) * T && t.iter().all(|x| x.is_finite()),
                    "bad transition matrix"
                );
                Ok(t)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Weights {
            prints,
            blocks,
            stages,
            scales,
            transitions,
        })
    }
}

/// Tags that may follow "outside", the end of an entity, or the sentence start.
const AFTER_OUTSIDE: [u8; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// Per tag, the tags it may follow under BILOU: `Inside` and `Last` continue `Begin`/`Inside`
/// of their type; everything else follows `Outside`, `Last` or `Unit`.
const PREDECESSORS: [&[u8]; T] = [
    &AFTER_OUTSIDE,
    &AFTER_OUTSIDE,
    &[1, 2],
    &[1, 2],
    &AFTER_OUTSIDE,
    &AFTER_OUTSIDE,
    &[5, 6],
    &[5, 6],
    &AFTER_OUTSIDE,
    &AFTER_OUTSIDE,
    &[9, 10],
    &[9, 10],
    &AFTER_OUTSIDE,
    &AFTER_OUTSIDE,
    &[13, 14],
    &[13, 14],
    &AFTER_OUTSIDE,
];

/// The tags `tag` may follow.
#[cfg(test)]
fn predecessors(tag: usize) -> &'static [u8] {
    PREDECESSORS[tag]
}

/// Whether a tag may end a sentence (`Outside`, `Last`, `Unit`).
fn may_end(tag: usize) -> bool {
    tag == 0 || (tag - 1) % 4 >= 2
}

/// Whether a tag may start a sentence (`Outside`, `Begin`, `Unit`).
fn may_start(tag: usize) -> bool {
    tag == 0 || (tag - 1).is_multiple_of(4) || (tag - 1) % 4 == 3
}

/// Reusable Viterbi buffers.
#[derive(Debug, Default)]
pub(crate) struct Lattice {
    best: Vec<f32>,
}

impl Lattice {
    /// The best BILOU-valid tag sequence for per-token `scores` (`len x T`) and `transitions`
    /// (`(T + 1) x T`; any other size decodes everything as outside).
    ///
    /// The forward pass keeps only the best scores, branch-free; the few back-pointers on the
    /// chosen path are recomputed while walking back.
    pub(crate) fn viterbi(&mut self, scores: &[f32], transitions: &[f32], out: &mut Vec<u8>) {
        out.clear();
        out.resize(scores.len() / T, 0);
        self.viterbi_between(scores, transitions, false, false, out);
    }

    /// [`Lattice::viterbi`] for a stretch of a sentence: one that follows a token known to be
    /// outside (`after_outside`; otherwise it starts the sentence) and precedes one
    /// (`before_outside`; otherwise it ends the sentence). Decoding each stretch between such
    /// tokens gives the tags of decoding the sentence whole with those tokens held outside (up
    /// to float rounding of near ties: the whole sentence adds up longer sums). `out` holds a
    /// tag per token.
    fn viterbi_between(
        &mut self,
        scores: &[f32],
        transitions: &[f32],
        after_outside: bool,
        before_outside: bool,
        out: &mut [u8],
    ) {
        out.fill(0);
        let len = (scores.len() / T).min(out.len());
        let Ok(transitions) = <&[f32; (T + 1) * T]>::try_from(transitions) else {
            return;
        };
        if len == 0 {
            return;
        }
        self.best.clear();
        self.best.resize(len * T, f32::NEG_INFINITY);
        let from = if after_outside { 0 } else { START };
        for tag in (0..T).filter(|&t| may_start(t)) {
            self.best[tag] = scores[tag] + transitions[from * T + tag];
        }
        for i in 1..len {
            let (done, rest) = self.best.split_at_mut(i * T);
            let mut previous = [0f32; T];
            previous.copy_from_slice(&done[(i - 1) * T..]);
            let here = &scores[i * T..(i + 1) * T];
            // Tags after "outside"-like tags, all at once (independent lanes, no branches)...
            let mut most = [f32::NEG_INFINITY; T];
            for &p in &AFTER_OUTSIDE {
                let from = previous[p as usize];
                let row = &transitions[p as usize * T..(p as usize + 1) * T];
                for (m, &t) in most.iter_mut().zip(row) {
                    let through = from + t;
                    *m = if through > *m { through } else { *m };
                }
            }
            // ...then `Inside` and `Last`, which continue `Begin` or `Inside` of their type.
            for kind in 0..4 {
                let (begin, inside) = (1 + 4 * kind, 2 + 4 * kind);
                for tag in [inside, inside + 1] {
                    let a = previous[begin] + transitions[begin * T + tag];
                    let b = previous[inside] + transitions[inside * T + tag];
                    most[tag] = if a > b { a } else { b };
                }
            }
            for ((best, m), s) in rest[..T].iter_mut().zip(most).zip(here) {
                *best = m + s;
            }
        }
        // Ending the sentence, or going on to an outside token: the tags that may do either
        // are the same, and going on adds the step to `Outside`.
        let last = &self.best[(len - 1) * T..];
        let end = |t: usize| {
            last[t]
                + if before_outside {
                    transitions[t * T]
                } else {
                    0.0
                }
        };
        let mut tag = (0..T)
            .filter(|&t| may_end(t))
            .fold(0, |b, t| if end(t) > end(b) { t } else { b });
        out[len - 1] = tag as u8;
        for i in (1..len).rev() {
            let previous = &self.best[(i - 1) * T..i * T];
            let through = |p: u8| previous[p as usize] + transitions[p as usize * T + tag];
            tag = PREDECESSORS[tag]
                .iter()
                .copied()
                .fold(None, |b: Option<u8>, p| match b {
                    Some(b) if through(b) >= through(p) => Some(b),
                    _ => Some(p),
                })
                .map_or(0, usize::from);
            out[i - 1] = tag as u8;
        }
    }
}

/// The tags of a sentence from its tokens' `scores`: the `quiet` tokens (see
/// [`DocContext::quiet_tokens`]) are outside, and each stretch between them is decoded on its
/// own.
fn decode_around(
    scores: &[f32],
    transitions: &[f32],
    quiet: &[bool],
    lattice: &mut Lattice,
) -> Vec<u8> {
    let len = quiet.len().min(scores.len() / T);
    let mut tags = vec![0u8; len];
    let mut i = 0;
    while i < len {
        if quiet[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < len && !quiet[i] {
            i += 1;
        }
        let scores = &scores[start * T..i * T];
        let stretch = &mut tags[start..i];
        lattice.viterbi_between(scores, transitions, start > 0, i < len, stretch);
    }
    tags
}

impl Model {
    /// Reads a model file written by [`Model::save`].
    pub fn load(bytes: &[u8]) -> Result<Model> {
        let mut input = Reader::new(bytes);
        ensure!(
            input.take(MAGIC.len()).ok() == Some(&MAGIC[..]),
            "not a newsdex NER model (bad magic)"
        );
        let version = input.u32()?;
        ensure!(
            (1..=VERSION).contains(&version),
            "NER model version {version}, this build reads versions 1 to {VERSION}"
        );
        let bits = if version == 1 {
            u16::from(input.u8()?)
        } else {
            u16::from_le_bytes([input.u8()?, input.u8()?])
        };
        let features = FeatureSet::from_bits(bits);
        let gazetteer = Gazetteer::read(&mut input).context("reading gazetteer")?;
        let lexicon = WordLexicon::read(&mut input).context("reading word lexicon")?;
        let (glove, lists) = if version == 1 {
            Default::default()
        } else {
            (
                WordClusters::read(&mut input).context("reading GloVe clusters")?,
                NameLists::read(&mut input).context("reading name lists")?,
            )
        };
        let weights = Weights::read(&mut input).context("reading weights")?;
        ensure!(
            weights.stages == 1 + usize::from(features.two_pass),
            "model has {} stages for its features",
            weights.stages
        );
        ensure!(input.is_empty(), "trailing bytes after model");
        Ok(Model {
            features,
            gazetteer,
            lexicon,
            glove,
            lists,
            weights,
        })
    }

    /// The model file's bytes.
    pub fn save(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(VERSION);
        for byte in self.features.bits().to_le_bytes() {
            out.u8(byte);
        }
        self.gazetteer.write(&mut out);
        self.lexicon.write(&mut out);
        self.glove.write(&mut out);
        self.lists.write(&mut out);
        self.weights.write(&mut out);
        out.bytes
    }

    /// Tags a document: its sentences of tokens, in order. Words are tagged consistently
    /// across the document, so pass whole articles (title first) rather than single sentences.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Tag>> {
        let context = DocContext::new(sentences, self.features, self.knowledge());
        self.tag_context(context)
    }

    /// Tags one sentence as a document of its own.
    pub fn tag<S: AsRef<str>>(&self, sentence: &[S]) -> Vec<Tag> {
        let document = [sentence.iter().map(AsRef::as_ref).collect::<Vec<&str>>()];
        self.tag_document(&document).pop().unwrap_or_default()
    }

    /// Runs the stages over an analysed document.
    fn tag_context(&self, mut context: DocContext) -> Vec<Vec<Tag>> {
        let weights = &self.weights;
        let first_features = FeatureSet {
            two_pass: false,
            ..self.features
        };
        let quiet_tokens = context.quiet_tokens();
        let mut keys = Vec::with_capacity(128);
        let two_stages = weights.stages == 2;
        // Each token's second-stage sums over its first-pass features, added up while the
        // first pass has their weights in cache (both stages share a cache line per feature).
        let mut later_sums: Vec<[i32; WEIGHTED]> = Vec::new();
        let mut tags = self.run_stage(0, &quiet_tokens, |s, i| {
            keys.clear();
            context.features(first_features, s, i, &mut keys);
            let mut sums = [0i32; WEIGHTED];
            let mut later = [0i32; WEIGHTED];
            for &key in &keys {
                if let Some(slot) = weights.find(key) {
                    weights.add(slot, 0, &mut sums);
                    if two_stages {
                        weights.add(slot, 1, &mut later);
                    }
                }
            }
            if two_stages {
                later_sums.push(later);
            }
            sums
        });
        if two_stages {
            context.set_first_pass(tags);
            // One entry per token that is not quiet, in the order `run_stage` asks for them.
            let mut later_sums = later_sums.into_iter();
            tags = self.run_stage(1, &quiet_tokens, |s, i| {
                let mut sums = later_sums.next().unwrap_or_default();
                keys.clear();
                context.second_pass_features(s, i, &mut keys);
                for &key in &keys {
                    if let Some(slot) = weights.find(key) {
                        weights.add(slot, 1, &mut sums);
                    }
                }
                sums
            });
        }
        tags.into_iter()
            .map(|s| s.into_iter().map(|t| Tag::from_index(t as usize)).collect())
            .collect()
    }

    /// Tags every sentence with one stage. `sums(s, i)` gives the weight sums of token `i` of
    /// sentence `s`, asked in order for each token that is not quiet; quiet tokens are outside.
    fn run_stage(
        &self,
        stage: usize,
        quiet_tokens: &[Vec<bool>],
        mut sums: impl FnMut(usize, usize) -> [i32; WEIGHTED],
    ) -> Vec<Vec<u8>> {
        let transitions = &self.weights.transitions[stage];
        let mut scores = Vec::new();
        let mut lattice = Lattice::default();
        quiet_tokens
            .iter()
            .enumerate()
            .map(|(s, quiet)| {
                scores.clear();
                scores.resize(quiet.len() * T, 0.0);
                for (i, _) in quiet.iter().enumerate().filter(|(_, &q)| !q) {
                    let token = &mut scores[i * T..(i + 1) * T];
                    self.weights.scores(stage, &sums(s, i), token);
                }
                decode_around(&scores, transitions, quiet, &mut lattice)
            })
            .collect()
    }

    /// The word knowledge the features consult.
    pub(crate) fn knowledge(&self) -> Knowledge<'_> {
        Knowledge {
            gazetteer: &self.gazetteer,
            lexicon: &self.lexicon,
            glove: &self.glove,
            lists: &self.lists,
        }
    }

    /// Number of non-zero weights in all stages.
    pub fn weight_count(&self) -> usize {
        self.weights.count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_decode_like_the_whole_sentence() {
        // Small whole numbers, exact in f32, so that ties are common and sums exact.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |range: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % range
        };
        let transitions: Vec<f32> = (0..(T + 1) * T).map(|_| next(7) as f32 - 3.0).collect();
        let mut lattice = Lattice::default();
        let (mut all_quiet, mut quiet_ends) = (false, false);
        for round in 0..500 {
            let len = 1 + round % 13;
            let quiet: Vec<bool> = (0..len).map(|_| next(3) == 0).collect();
            let scores: Vec<f32> = (0..len * T).map(|_| next(7) as f32 - 3.0).collect();
            // Whole: the quiet tokens held outside by scores no path would pay.
            let mut held = scores.clone();
            for i in (0..len).filter(|&i| quiet[i]) {
                held[i * T..(i + 1) * T].fill(-1.0e4);
                held[i * T] = 0.0;
            }
            let mut whole = Vec::new();
            lattice.viterbi(&held, &transitions, &mut whole);
            let parts = decode_around(&scores, &transitions, &quiet, &mut lattice);
            assert_eq!(parts, whole, "round {round}, quiet {quiet:?}");
            all_quiet |= quiet.iter().all(|&q| q);
            quiet_ends |= len > 2 && quiet[0] && quiet[len - 1] && quiet.contains(&false);
        }
        assert!(all_quiet && quiet_ends, "the rounds cover both edge cases");
    }

    // Quiet tokens before, between and after names: both stages keep their per-token sums in
    // step, and the names come out as without quiet tokens.
    #[test]
    fn names_around_quiet_words() {
        use super::super::{built_in, spans, EntityType};
        let model = built_in().expect("built-in model");
        let sentence = "Peter Blackburn said on monday that he had flown to London to see the \
                        board of Vega Motors , which he had not met in years ."
            .split(' ')
            .collect::<Vec<_>>();
        assert_eq!(
            spans(&model.tag(&sentence)),
            vec![
                (0, 2, EntityType::Per),
                (10, 11, EntityType::Loc),
                (16, 18, EntityType::Org)
            ]
        );
    }

    #[test]
    fn viterbi_keeps_bilou_valid() {
        // Scores that alone would say I-PER, O, L-ORG: invalid, so the decoder must repair it.
        let mut scores = vec![0.0; 3 * T];
        scores[2] = 5.0;
        scores[T] = 5.0;
        scores[2 * T + 7] = 5.0;
        let mut out = Vec::new();
        Lattice::default().viterbi(&scores, &vec![0.0; (T + 1) * T], &mut out);
        let tags: Vec<Tag> = out.iter().map(|&t| Tag::from_index(t as usize)).collect();
        assert!(may_start(out[0] as usize) && may_end(out[2] as usize));
        for pair in out.windows(2) {
            assert!(
                predecessors(pair[1] as usize).contains(&pair[0]),
                "{tags:?}"
            );
        }
    }
}
