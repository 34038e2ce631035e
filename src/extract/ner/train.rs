//! Training: averaged structured perceptron over BILOU tags, one or two stages.
//!
//! The training documents are split into folds so that the features which depend on other
//! data are as noisy in training as they will be on new text: each document's gazetteer comes
//! from the other folds, and the second stage learns from first-stage labels predicted by a
//! model that never saw the document. The number of epochs of each stage is chosen on the
//! development documents when given.

use std::time::Instant;

use super::eval::{overall, tally, Scores};
use anyhow::Context;

use super::features::{DocContext, FeatureSet, KeyMap, Knowledge};
use super::knowledge::{
    next_random, rough_tokens, Gazetteer, NameLists, WordClusters, WordLexicon,
};
use super::model::{DenseStage, Lattice, Model, Weights, START};
use super::{Document, Tag};

/// Number of tags.
const T: usize = Tag::COUNT;

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most passes over the training data per stage (the best on dev is kept).
    pub epochs: usize,
    /// Seed of the shuffling and clustering; the same seed gives the same model.
    pub seed: u64,
    /// Feature families to use.
    pub features: FeatureSet,
    /// Folds for the gazetteer and first-stage labels of the training data (2 or more).
    pub folds: usize,
    /// Raw unlabeled texts (one sentence or paragraph per line) to learn word clusters from.
    pub unlabeled: Vec<String>,
    /// GloVe word clusters, `word<TAB>c64<TAB>c256<TAB>c1024` lines (data/glove-clusters.tsv).
    pub glove_clusters: String,
    /// Places, `name<TAB>kind` lines (data/places.tsv).
    pub places: String,
    /// Given names, one a line (data/first-names.txt).
    pub given_names: String,
    /// Words seen fewer times than this get no cluster.
    pub cluster_min_count: u32,
    /// Features seen fewer times than this in training get no weight (smaller, faster model).
    pub feature_min_count: u32,
    /// Progress on stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 15,
            seed: 1,
            features: FeatureSet::default(),
            folds: 5,
            unlabeled: Vec::new(),
            glove_clusters: String::new(),
            places: String::new(),
            given_names: String::new(),
            cluster_min_count: 3,
            feature_min_count: 2,
            verbose: false,
        }
    }
}

/// One sentence as feature rows per token and gold tag indexes.
#[derive(Debug, Default)]
struct Encoded {
    /// Feature rows of all tokens, token `i`'s at `starts[i]..starts[i + 1]`.
    rows: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
    /// Index of the document in its corpus.
    document: usize,
}

impl Encoded {
    fn len(&self) -> usize {
        self.gold.len()
    }

    fn token_rows(&self, i: usize) -> &[u32] {
        &self.rows[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Maps feature keys to dense rows; only training data adds rows.
#[derive(Debug, Default)]
struct Indexer {
    rows: KeyMap<u32>,
    keys: Vec<u64>,
}

impl Indexer {
    /// Encodes every sentence of the analysed documents. When `grow` (training data), keys
    /// seen at least `min_count` times get new rows; other unknown keys are dropped.
    fn encode(
        &mut self,
        contexts: &[DocContext],
        documents: &[Document],
        features: FeatureSet,
        grow: bool,
        min_count: u32,
    ) -> Vec<Encoded> {
        let mut keys: Vec<Vec<Vec<u64>>> = Vec::new();
        let mut counts: KeyMap<u32> = KeyMap::default();
        for (context, document) in contexts.iter().zip(documents) {
            for (s, sentence) in document.sentences.iter().enumerate() {
                let mut sentence_keys = Vec::with_capacity(sentence.tokens.len());
                for i in 0..sentence.tokens.len() {
                    let mut token_keys = Vec::new();
                    context.features(features, s, i, &mut token_keys);
                    if features.two_pass {
                        context.second_pass_features(s, i, &mut token_keys);
                    }
                    if grow {
                        for &key in &token_keys {
                            *counts.entry(key).or_default() += 1;
                        }
                    }
                    sentence_keys.push(token_keys);
                }
                keys.push(sentence_keys);
            }
        }
        let mut out = Vec::with_capacity(keys.len());
        let sentences = documents
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| doc.sentences.iter().map(move |s| (d, s)));
        for ((d, sentence), sentence_keys) in sentences.zip(keys) {
            let mut encoded = Encoded {
                document: d,
                ..Encoded::default()
            };
            encoded.starts.push(0);
            for token_keys in sentence_keys {
                for key in token_keys {
                    let row = match self.rows.get(&key) {
                        Some(&row) => row,
                        None if grow && counts.get(&key).is_some_and(|&c| c >= min_count) => {
                            let row = self.keys.len() as u32;
                            self.rows.insert(key, row);
                            self.keys.push(key);
                            row
                        }
                        None => continue,
                    };
                    encoded.rows.push(row);
                }
                encoded.starts.push(encoded.rows.len() as u32);
            }
            encoded.gold = sentence.tags.iter().map(|t| t.index() as u8).collect();
            out.push(encoded);
        }
        out
    }
}

/// Weights being learned, with the sums that make their average.
#[derive(Debug, Clone)]
struct Perceptron {
    weights: Vec<f32>,
    /// Sum of `step * change` of each weight (Daumé's averaging trick).
    changes: Vec<f64>,
    transitions: Vec<f32>,
    transition_changes: Vec<f64>,
    step: f64,
}

/// Averaged weights, ready to decode with.
#[derive(Debug, Clone)]
struct Averaged {
    weights: Vec<f32>,
    transitions: Vec<f32>,
}

impl Perceptron {
    fn new(rows: usize) -> Perceptron {
        Perceptron {
            weights: vec![0.0; rows * T],
            changes: vec![0.0; rows * T],
            transitions: vec![0.0; (T + 1) * T],
            transition_changes: vec![0.0; (T + 1) * T],
            step: 1.0,
        }
    }

    /// Moves the weights toward the gold tags and away from the predicted ones.
    fn update(&mut self, sentence: &Encoded, predicted: &[u8]) {
        self.step += 1.0;
        if predicted == sentence.gold.as_slice() {
            return;
        }
        let step = self.step;
        for (i, (&gold, &guess)) in sentence.gold.iter().zip(predicted).enumerate() {
            if gold != guess {
                for &row in sentence.token_rows(i) {
                    for (tag, delta) in [(gold, 1.0), (guess, -1.0)] {
                        let at = row as usize * T + tag as usize;
                        self.weights[at] += delta;
                        self.changes[at] += step * delta as f64;
                    }
                }
            }
            let before = |tags: &[u8]| if i == 0 { START } else { tags[i - 1] as usize };
            let gold_pair = (before(&sentence.gold), gold);
            let guess_pair = (before(predicted), guess);
            if gold_pair != guess_pair {
                for ((from, to), delta) in [(gold_pair, 1.0), (guess_pair, -1.0)] {
                    let at = from * T + to as usize;
                    self.transitions[at] += delta;
                    self.transition_changes[at] += step * delta as f64;
                }
            }
        }
    }

    fn averaged(&self) -> Averaged {
        let average = |w: &[f32], c: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(c)
                .map(|(&w, &c)| (w as f64 - c / self.step) as f32)
                .collect()
        };
        Averaged {
            weights: average(&self.weights, &self.changes),
            transitions: average(&self.transitions, &self.transition_changes),
        }
    }
}

/// Decodes a sentence with dense weights. Training decodes every token, where tagging holds
/// quiet ones outside ([`DocContext::quiet_tokens`]): the model learns from all of them, and the
/// difference in the first-pass tags the second stage learns from is negligible (dev F1
/// 92.67 with every token decoded, 92.68 with quiet ones held outside).
fn decode(
    weights: &[f32],
    transitions: &[f32],
    sentence: &Encoded,
    lattice: &mut Lattice,
    scores: &mut Vec<f32>,
    out: &mut Vec<u8>,
) {
    scores.clear();
    scores.resize(sentence.len() * T, 0.0);
    for i in 0..sentence.len() {
        let here = &mut scores[i * T..(i + 1) * T];
        for &row in sentence.token_rows(i) {
            let w = &weights[row as usize * T..(row as usize + 1) * T];
            for (s, w) in here.iter_mut().zip(w) {
                *s += w;
            }
        }
    }
    lattice.viterbi(scores, transitions, out);
}

/// Decodes all sentences with averaged weights.
fn decode_all(model: &Averaged, sentences: &[Encoded]) -> Vec<Vec<u8>> {
    let mut lattice = Lattice::default();
    let mut scores = Vec::new();
    sentences
        .iter()
        .map(|sentence| {
            let mut out = Vec::new();
            decode(
                &model.weights,
                &model.transitions,
                sentence,
                &mut lattice,
                &mut scores,
                &mut out,
            );
            out
        })
        .collect()
}

/// Entity F1 of predicted tag indexes against the sentences' gold.
fn f1(sentences: &[Encoded], predicted: &[Vec<u8>]) -> f64 {
    let mut by_type = [Scores::default(); 4];
    let tags = |t: &[u8]| -> Vec<Tag> { t.iter().map(|&t| Tag::from_index(t as usize)).collect() };
    for (sentence, guess) in sentences.iter().zip(predicted) {
        tally(&tags(&sentence.gold), &tags(guess), &mut by_type);
    }
    overall(&by_type).f1()
}

/// Trains on the sentences for which `include` holds, for `epochs` passes, or picking the best
/// epoch on `dev` when given; returns the averaged weights and the number of epochs used.
/// Progress goes to stderr under `label`, when given.
fn learn(
    rows: usize,
    sentences: &[Encoded],
    include: impl Fn(&Encoded) -> bool,
    dev: Option<&[Encoded]>,
    epochs: usize,
    rng: &mut u64,
    label: Option<&str>,
) -> (Averaged, usize) {
    let mut perceptron = Perceptron::new(rows);
    let mut order: Vec<usize> = (0..sentences.len())
        .filter(|&i| include(&sentences[i]))
        .collect();
    let mut best: Option<(f64, usize, Averaged)> = None;
    let mut lattice = Lattice::default();
    let (mut scores, mut predicted) = (Vec::new(), Vec::new());
    for epoch in 1..=epochs {
        let started = Instant::now();
        for i in (1..order.len()).rev() {
            order.swap(i, next_random(rng) as usize % (i + 1));
        }
        let mut wrong = 0usize;
        for &i in &order {
            let sentence = &sentences[i];
            decode(
                &perceptron.weights,
                &perceptron.transitions,
                sentence,
                &mut lattice,
                &mut scores,
                &mut predicted,
            );
            wrong += sentence
                .gold
                .iter()
                .zip(&predicted)
                .filter(|(g, p)| g != p)
                .count();
            perceptron.update(sentence, &predicted);
        }
        let Some(dev) = dev else {
            if let Some(label) = label {
                eprintln!("{label} epoch {epoch}: {wrong} token errors");
            }
            continue;
        };
        let averaged = perceptron.averaged();
        let score = f1(dev, &decode_all(&averaged, dev));
        if let Some(label) = label {
            eprintln!(
                "{label} epoch {epoch}: {wrong} token errors, dev F1 {:.2} ({:.1} s)",
                100.0 * score,
                started.elapsed().as_secs_f64()
            );
        }
        if best.as_ref().is_none_or(|(f, _, _)| score > *f) {
            best = Some((score, epoch, averaged));
        } else if best.as_ref().is_some_and(|(_, e, _)| epoch >= e + 4) {
            break;
        }
    }
    match best {
        Some((_, epoch, averaged)) => (averaged, epoch),
        None => (perceptron.averaged(), epochs),
    }
}

/// Trains a model on `train`, choosing epochs on `dev` when given. Fails only on malformed
/// GloVe cluster or name-list tables.
pub fn train(
    train: &[Document],
    dev: Option<&[Document]>,
    options: &TrainOptions,
) -> anyhow::Result<Model> {
    let features = options.features;
    let first_features = FeatureSet {
        two_pass: false,
        ..features
    };
    let verbose = options.verbose;
    let mut rng = options.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let started = Instant::now();

    let lexicon = if features.clusters {
        let mut sentences: Vec<Vec<String>> = options
            .unlabeled
            .iter()
            .flat_map(|t| rough_tokens(t))
            .collect();
        sentences.extend(
            train
                .iter()
                .flat_map(|d| &d.sentences)
                .map(|s| s.tokens.clone()),
        );
        WordLexicon::learn(&sentences, options.cluster_min_count, options.seed)
    } else {
        WordLexicon::default()
    };
    if verbose {
        eprintln!("lexicon learned ({:.1} s)", started.elapsed().as_secs_f64());
    }
    let glove = if features.glove {
        WordClusters::parse(&options.glove_clusters).context("reading GloVe clusters")?
    } else {
        WordClusters::default()
    };
    let lists = if features.lists {
        NameLists::parse(&options.places, &options.given_names).context("reading name lists")?
    } else {
        NameLists::default()
    };
    if verbose {
        eprintln!(
            "{} GloVe words, {} name-list phrases",
            glove.len(),
            lists.len()
        );
    }
    let folds = options.folds.max(2);
    let fold_of = |d: usize| d % folds;
    let gazetteer = if features.gazetteer {
        Gazetteer::from_documents(train.iter())
    } else {
        Gazetteer::default()
    };
    let fold_gazetteers: Vec<Gazetteer> = if features.gazetteer {
        (0..folds)
            .map(|k| {
                let others = train.iter().enumerate().filter(|&(d, _)| fold_of(d) != k);
                Gazetteer::from_documents(others.map(|(_, doc)| doc))
            })
            .collect()
    } else {
        vec![Gazetteer::default(); folds]
    };
    let analyse = |doc: &Document, gazetteer: &Gazetteer| {
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let knowledge = Knowledge {
            gazetteer,
            lexicon: &lexicon,
            glove: &glove,
            lists: &lists,
        };
        DocContext::new(&sentences, features, knowledge)
    };
    let mut train_contexts: Vec<DocContext> = train
        .iter()
        .enumerate()
        .map(|(d, doc)| analyse(doc, &fold_gazetteers[fold_of(d)]))
        .collect();
    let dev = dev.unwrap_or(&[]);
    let mut dev_contexts: Vec<DocContext> =
        dev.iter().map(|doc| analyse(doc, &gazetteer)).collect();

    let mut indexer = Indexer::default();
    let train_encoded = indexer.encode(
        &train_contexts,
        train,
        first_features,
        true,
        options.feature_min_count,
    );
    let dev_encoded = indexer.encode(&dev_contexts, dev, first_features, false, 0);
    let dev_sentences = (!dev.is_empty()).then_some(dev_encoded.as_slice());
    if verbose {
        eprintln!(
            "stage 1: {} features ({:.1} s)",
            indexer.keys.len(),
            started.elapsed().as_secs_f64()
        );
    }
    let rows = indexer.keys.len();
    let (first, epochs) = learn(
        rows,
        &train_encoded,
        |_| true,
        dev_sentences,
        options.epochs,
        &mut rng,
        verbose.then_some("stage 1"),
    );
    let first_keys = std::mem::take(&mut indexer.keys);
    let first_stage = DenseStage {
        keys: &first_keys,
        weights: &first.weights,
        transitions: &first.transitions,
    };
    if !features.two_pass {
        return Ok(Model {
            features,
            gazetteer,
            lexicon,
            glove,
            lists,
            weights: Weights::from_dense(&[first_stage]),
        });
    }

    // First-stage labels of each training document from a model trained without its fold.
    let mut train_first: Vec<Vec<Vec<u8>>> = train
        .iter()
        .map(|d| vec![Vec::new(); d.sentences.len()])
        .collect();
    for k in 0..folds {
        let (held_out, _) = learn(
            rows,
            &train_encoded,
            |s| fold_of(s.document) != k,
            None,
            epochs,
            &mut rng,
            None,
        );
        let mut sentence_of_doc = vec![0usize; train.len()];
        for sentence in train_encoded.iter().filter(|s| fold_of(s.document) == k) {
            let tags = decode_all(&held_out, std::slice::from_ref(sentence));
            let d = sentence.document;
            train_first[d][sentence_of_doc[d]] = tags.into_iter().next().unwrap_or_default();
            sentence_of_doc[d] += 1;
        }
        if verbose {
            eprintln!(
                "fold {k} labelled ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    for (context, tags) in train_contexts.iter_mut().zip(train_first) {
        context.set_first_pass(tags);
    }
    let dev_first = decode_all(&first, &dev_encoded);
    let mut dev_first = dev_first.into_iter();
    for (context, doc) in dev_contexts.iter_mut().zip(dev) {
        context.set_first_pass(dev_first.by_ref().take(doc.sentences.len()).collect());
    }
    drop(train_encoded);
    drop(dev_encoded);

    let mut indexer = Indexer::default();
    let train_encoded = indexer.encode(
        &train_contexts,
        train,
        features,
        true,
        options.feature_min_count,
    );
    let dev_encoded = indexer.encode(&dev_contexts, dev, features, false, 0);
    let dev_sentences = (!dev.is_empty()).then_some(dev_encoded.as_slice());
    if verbose {
        eprintln!(
            "stage 2: {} features ({:.1} s)",
            indexer.keys.len(),
            started.elapsed().as_secs_f64()
        );
    }
    let (second, _) = learn(
        indexer.keys.len(),
        &train_encoded,
        |_| true,
        dev_sentences,
        options.epochs,
        &mut rng,
        verbose.then_some("stage 2"),
    );
    Ok(Model {
        features,
        gazetteer,
        lexicon,
        glove,
        lists,
        weights: Weights::from_dense(&[
            first_stage,
            DenseStage {
                keys: &indexer.keys,
                weights: &second.weights,
                transitions: &second.transitions,
            },
        ]),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{evaluate, read_conll, spans, EntityType};
    use super::*;

    const TINY: &str = "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nvisited VBD I-VP O\n\
        London NNP I-NP I-LOC\n. . O O\n\nIBM NNP I-NP I-ORG\nhired VBD I-VP O\n\
        Peter NNP I-NP I-PER\n. . O O\n-DOCSTART- -X- O O\n\n\
        Anna NNP I-NP I-PER\nleft VBD I-VP O\nParis NNP I-NP I-LOC\n. . O O\n\
        -DOCSTART- -X- O O\n";

    fn tiny_model(features: FeatureSet) -> Model {
        let docs = read_conll(TINY);
        let options = TrainOptions {
            epochs: 5,
            features,
            folds: 2,
            unlabeled: vec!["Anna went to London. Peter went to Paris.".to_string()],
            glove_clusters: "# c\nlondon\t1\t2\t3\nparis\t1\t2\t4\nwent\t2\t3\t5\n".to_string(),
            places: "# p\nLondon\tcity\nParis\tcity\n".to_string(),
            given_names: "# n\nPeter\nAnna\n".to_string(),
            cluster_min_count: 1,
            feature_min_count: 1,
            ..TrainOptions::default()
        };
        train(&docs, Some(&docs), &options).expect("tables parse")
    }

    #[test]
    fn learns_the_training_data_and_round_trips() {
        let docs = read_conll(TINY);
        let model = tiny_model(FeatureSet {
            gazetteer: true,
            ..FeatureSet::default()
        });
        assert!(evaluate(&model, &docs).overall.f1() > 0.99);
        let loaded = Model::load(&model.save()).expect("saved model loads");
        assert_eq!(loaded.save(), model.save());
        let sentence = ["Peter", "Blackburn", "visited", "London", "."];
        assert_eq!(
            spans(&loaded.tag(&sentence)),
            vec![(0, 2, EntityType::Per), (3, 4, EntityType::Loc)]
        );
    }

    #[test]
    fn training_is_deterministic() {
        let features = FeatureSet {
            two_pass: false,
            ..FeatureSet::default()
        };
        assert_eq!(tiny_model(features).save(), tiny_model(features).save());
    }

    #[test]
    fn odd_input_never_panics() {
        let model = tiny_model(FeatureSet::default());
        let huge = "x".repeat(100_000);
        let odd: Vec<Vec<&str>> = vec![
            vec![],
            vec![""],
            vec!["\u{1F600}", "\u{0301}", "\u{201C}", "İSTANBUL"],
            vec![huge.as_str(); 3],
        ];
        let tags = model.tag_document(&odd);
        assert_eq!(tags.iter().map(Vec::len).collect::<Vec<_>>(), [0, 1, 4, 3]);
        assert!(Model::load(&model.save()[..100]).is_err());
        assert!(Model::load(b"not a model").is_err());
    }
}
