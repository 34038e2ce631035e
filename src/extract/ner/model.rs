//! The trained recognizer: weights of one or two perceptron stages, the gazetteer and word
//! lexicon they consult, tagging by Viterbi decoding, and the model file format.
//!
//! File format (all little-endian): magic `NDXNER\0\0`, version `u32`, feature switches `u8`,
//! gazetteer, word lexicon, stage count `u8`, then each stage: feature key table, per-slot entry
//! starts, entry tags, entry weights (`i16` times a per-stage `f32` scale) and the transition
//! matrix. Arrays are a `u32` length and the items.

use anyhow::{bail, ensure, Context, Result};

use super::features::{DocContext, FeatureSet};
use super::lexicon::{Gazetteer, WordLexicon};
use super::table::{KeyTable, Reader, Writer};
use super::Tag;

/// First bytes of a model file.
const MAGIC: &[u8; 8] = b"NDXNER\0\0";

/// Format version; bump when the layout or the feature hashing changes.
const VERSION: u32 = 1;

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
    pub(crate) first: Stage,
    pub(crate) second: Option<Stage>,
}

/// The weights of one perceptron stage, sparse: each feature keeps only its non-zero tags.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stage {
    table: KeyTable,
    /// Per slot, where its entries start (one extra at the end).
    starts: Vec<u32>,
    /// Tag index of each entry.
    entry_tags: Vec<u8>,
    /// Weight of each entry, in units of `scale`.
    entry_weights: Vec<i16>,
    scale: f32,
    /// `(T + 1) x T` scores of tag pairs, the last row for the sentence start.
    transitions: Vec<f32>,
}

impl Stage {
    /// Builds a stage from dense weights (`keys[r]` owns `weights[r * T..][..T]`), dropping
    /// weights too small to matter once quantised.
    pub(crate) fn from_dense(keys: &[u64], weights: &[f32], transitions: Vec<f32>) -> Stage {
        let largest = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 { largest / 32000.0 } else { 1.0 };
        let kept: Vec<usize> = (0..keys.len())
            .filter(|&r| {
                weights[r * T..(r + 1) * T]
                    .iter()
                    .any(|w| (w / scale).round() != 0.0)
            })
            .collect();
        let table = KeyTable::build(kept.iter().map(|&r| keys[r]));
        let mut row_of_slot = vec![usize::MAX; table.len()];
        for &r in &kept {
            if let Some(slot) = table.find(keys[r]) {
                row_of_slot[slot] = r;
            }
        }
        let mut stage = Stage {
            starts: Vec::with_capacity(table.len() + 1),
            scale,
            transitions,
            ..Stage::default()
        };
        for &row in &row_of_slot {
            stage.starts.push(stage.entry_tags.len() as u32);
            if row == usize::MAX {
                continue;
            }
            for (tag, &w) in weights[row * T..(row + 1) * T].iter().enumerate() {
                let q = (w / scale).round();
                if q != 0.0 {
                    stage.entry_tags.push(tag as u8);
                    stage.entry_weights.push(q.clamp(-32767.0, 32767.0) as i16);
                }
            }
        }
        stage.starts.push(stage.entry_tags.len() as u32);
        stage.table = table;
        stage
    }

    /// Adds the weights of `keys` to `scores` (one per tag).
    #[inline]
    fn score(&self, keys: &[u64], scores: &mut [f32]) {
        let mut sums = [0i32; T];
        for &key in keys {
            if let Some(slot) = self.table.find(key) {
                let (a, b) = (self.starts[slot] as usize, self.starts[slot + 1] as usize);
                for (&tag, &w) in self.entry_tags[a..b].iter().zip(&self.entry_weights[a..b]) {
                    sums[tag as usize] += w as i32;
                }
            }
        }
        for (score, sum) in scores.iter_mut().zip(sums) {
            *score = sum as f32 * self.scale;
        }
    }

    /// Tags every sentence of a document, as tag indexes.
    fn decode(&self, context: &DocContext, features: FeatureSet) -> Vec<Vec<u8>> {
        let mut keys = Vec::with_capacity(128);
        let mut scores = Vec::new();
        let mut lattice = Lattice::default();
        context
            .sentence_lengths()
            .enumerate()
            .map(|(s, len)| {
                scores.clear();
                scores.resize(len * T, 0.0);
                for i in 0..len {
                    keys.clear();
                    context.features(features, s, i, &mut keys);
                    self.score(&keys, &mut scores[i * T..(i + 1) * T]);
                }
                let mut tags = Vec::with_capacity(len);
                lattice.viterbi(&scores, &self.transitions, &mut tags);
                tags
            })
            .collect()
    }

    /// Number of weights kept.
    pub(crate) fn weight_count(&self) -> usize {
        self.entry_weights.len()
    }

    fn write(&self, out: &mut Writer) {
        self.table.write(out);
        out.u32s(&self.starts);
        out.u8s(&self.entry_tags);
        out.i16s(&self.entry_weights);
        out.f32s(&[self.scale]);
        out.f32s(&self.transitions);
    }

    fn read(input: &mut Reader) -> Result<Stage> {
        let table = KeyTable::read(input)?;
        let starts = input.u32s()?;
        let entry_tags = input.u8s()?;
        let entry_weights = input.i16s()?;
        let scale = input.f32s()?;
        let transitions = input.f32s()?;
        ensure!(starts.len() == table.len() + 1, "stage starts do not match its table");
        ensure!(
            entry_tags.len() == entry_weights.len(),
            "stage entry arrays differ in length"
        );
        ensure!(
            starts.windows(2).all(|w| w[0] <= w[1])
                && starts.last().is_some_and(|&s| s as usize == entry_tags.len()),
            "stage entry starts out of order"
        );
        ensure!(entry_tags.iter().all(|&t| (t as usize) < T), "stage tag out of range");
        ensure!(transitions.len() == (T + 1) * T, "stage transition matrix has wrong size");
        let [scale] = scale[..] else {
            bail!("stage scale missing");
        };
        ensure!(
            scale.is_finite() && transitions.iter().all(|t| t.is_finite()),
            "stage weights not finite"
        );
        Ok(Stage {
            table,
            starts,
            entry_tags,
            entry_weights,
            scale,
            transitions,
        })
    }
}

/// Tags that may follow "outside", the end of an entity, or the sentence start.
const AFTER_OUTSIDE: [u8; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// Tags a tag may follow under BILOU: `Inside` and `Last` continue `Begin`/`Inside` of their
/// type; everything else follows `Outside`, `Last` or `Unit`.
pub(crate) fn predecessors(tag: usize) -> &'static [u8] {
    const CONTINUED: [[u8; 2]; 4] = [[1, 2], [5, 6], [9, 10], [13, 14]];
    match tag {
        0 => &AFTER_OUTSIDE,
        t if (t - 1) % 4 == 1 || (t - 1) % 4 == 2 => &CONTINUED[(t - 1) / 4],
        _ => &AFTER_OUTSIDE,
    }
}

/// Whether a tag may end a sentence (`Outside`, `Last`, `Unit`).
fn may_end(tag: usize) -> bool {
    tag == 0 || (tag - 1) % 4 >= 2
}

/// Whether a tag may start a sentence (`Outside`, `Begin`, `Unit`).
fn may_start(tag: usize) -> bool {
    tag == 0 || (tag - 1) % 4 == 0 || (tag - 1) % 4 == 3
}

/// Reusable Viterbi buffers.
#[derive(Debug, Default)]
pub(crate) struct Lattice {
    best: Vec<f32>,
    back: Vec<u8>,
}

impl Lattice {
    /// The best BILOU-valid tag sequence for per-token `scores` (`len x T`) and `transitions`.
    pub(crate) fn viterbi(&mut self, scores: &[f32], transitions: &[f32], out: &mut Vec<u8>) {
        out.clear();
        let len = scores.len() / T;
        if len == 0 {
            return;
        }
        self.best.clear();
        self.best.resize(len * T, f32::NEG_INFINITY);
        self.back.clear();
        self.back.resize(len * T, 0);
        for tag in (0..T).filter(|&t| may_start(t)) {
            self.best[tag] = scores[tag] + transitions[START * T + tag];
        }
        for i in 1..len {
            let (done, rest) = self.best.split_at_mut(i * T);
            let previous = &done[(i - 1) * T..];
            for tag in 0..T {
                let mut best = f32::NEG_INFINITY;
                let mut from = 0u8;
                for &p in predecessors(tag) {
                    let s = previous[p as usize] + transitions[p as usize * T + tag];
                    if s > best {
                        best = s;
                        from = p;
                    }
                }
                rest[tag] = best + scores[i * T + tag];
                self.back[i * T + tag] = from;
            }
        }
        let last = &self.best[(len - 1) * T..];
        let mut tag = (0..T)
            .filter(|&t| may_end(t))
            .fold(0, |b, t| if last[t] > last[b] { t } else { b });
        out.resize(len, 0);
        for i in (0..len).rev() {
            out[i] = tag as u8;
            tag = self.back[i * T + tag] as usize;
        }
    }
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
            version == VERSION,
            "NER model version {version}, this build reads version {VERSION}"
        );
        let features = FeatureSet::from_bits(input.u8()?);
        let gazetteer = Gazetteer::read(&mut input).context("reading gazetteer")?;
        let lexicon = WordLexicon::read(&mut input).context("reading word lexicon")?;
        let stages = input.u8()?;
        ensure!(
            stages == 1 + u8::from(features.two_pass),
            "model has {stages} stages for its features"
        );
        let first = Stage::read(&mut input).context("reading first stage")?;
        let second = if features.two_pass {
            Some(Stage::read(&mut input).context("reading second stage")?)
        } else {
            None
        };
        ensure!(input.is_empty(), "trailing bytes after model");
        Ok(Model {
            features,
            gazetteer,
            lexicon,
            first,
            second,
        })
    }

    /// The model file's bytes.
    pub fn save(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(VERSION);
        out.u8(self.features.bits());
        self.gazetteer.write(&mut out);
        self.lexicon.write(&mut out);
        out.u8(1 + u8::from(self.second.is_some()));
        self.first.write(&mut out);
        if let Some(second) = &self.second {
            second.write(&mut out);
        }
        out.bytes
    }

    /// Tags a document: its sentences of tokens, in order. Words are tagged consistently
    /// across the document, so pass whole articles (title first) rather than single sentences.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Tag>> {
        let context = DocContext::new(sentences, self.features, &self.gazetteer, &self.lexicon);
        self.tag_context(context)
    }

    /// Tags one sentence as a document of its own.
    pub fn tag<S: AsRef<str>>(&self, sentence: &[S]) -> Vec<Tag> {
        let document = [sentence.iter().map(AsRef::as_ref).collect::<Vec<&str>>()];
        self.tag_document(&document).pop().unwrap_or_default()
    }

    /// Runs the stages over an analysed document.
    pub(crate) fn tag_context(&self, mut context: DocContext) -> Vec<Vec<Tag>> {
        let mut tags = self.first.decode(&context, self.first_features());
        if let Some(second) = &self.second {
            context.set_first_pass(tags);
            tags = second.decode(&context, self.features);
        }
        tags.into_iter()
            .map(|s| s.into_iter().map(|t| Tag::from_index(t as usize)).collect())
            .collect()
    }

    /// Features of the first stage: everything but the second pass.
    pub(crate) fn first_features(&self) -> FeatureSet {
        FeatureSet {
            two_pass: false,
            ..self.features
        }
    }

    /// Number of weights kept in all stages.
    pub fn weight_count(&self) -> usize {
        self.first.weight_count() + self.second.as_ref().map_or(0, Stage::weight_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(predecessors(pair[1] as usize).contains(&pair[0]), "{tags:?}");
        }
    }
}
