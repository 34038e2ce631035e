//! Statistical named-entity recognition: people, organisations, places and misc names.
//!
//! A two-stage averaged structured perceptron over BILOU tags, decoded with Viterbi:
//! - stage 1 sees the words around a token (±2), their shapes, affixes and casing, the casing the
//!   same word has elsewhere in the document (for ALL-CAPS headlines), a gazetteer learned from the
//!   training entities and word clusters learned from unlabeled news text;
//! - stage 2 sees all of that plus what stage 1 said about the same words elsewhere in the
//!   document, so "Blackburn" in a headline agrees with "Peter Blackburn" in the body.
//!
//! The trained model is a file ([`Model::save`], [`Model::load`]); users only tag with it. Training
//! ([`train`]) and scoring ([`evaluate`]) read CoNLL-2003 files ([`read_conll`]).
//!
//! Tagging is a pure function of the tokens: it never panics, whatever the tokens are.

mod eval;
mod features;
mod files;
mod knowledge;
mod model;
mod table;
mod train;

use std::sync::{LazyLock, OnceLock};

pub use eval::{evaluate, Report, Scores};
pub use features::FeatureSet;
pub use files::{load_model_file, read_conll_file, read_data, texts_under};
pub use model::Model;
pub use train::{train, TrainOptions};

/// The trained model newsdex is built with (`models/ner.bin`, made by `newsdex train-ner`).
pub static BUILT_IN_MODEL: &[u8] = include_bytes!("../../../models/ner.bin");

/// A model that replaces the built-in one for the rest of the process ([`use_model`]).
static REPLACEMENT: OnceLock<Model> = OnceLock::new();

/// The model extraction uses: the built-in model, loaded on first use, unless [`use_model`] gave
/// another; `None` only if the file built in is not a model.
pub fn built_in() -> Option<&'static Model> {
    static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::load(BUILT_IN_MODEL).ok());
    REPLACEMENT.get().or_else(|| MODEL.as_ref())
}

/// Makes every later extraction in this process tag with `model` (`eval entities --model`, to
/// score a model file the way users get it without building it in). Only the first call takes
/// effect: the answer says whether this one did.
pub fn use_model(model: Model) -> bool {
    REPLACEMENT.set(model).is_ok()
}

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// People.
    Per,
    /// Organisations: companies, bodies, teams.
    Org,
    /// Places.
    Loc,
    /// Everything else with a name: nationalities, events, works, products.
    Misc,
}

impl EntityType {
    /// All types, in index order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// The CoNLL label: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The type of a CoNLL label, if it is one of the four.
    fn from_label(label: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.label() == label)
    }

    /// Position in [`EntityType::ALL`].
    fn index(self) -> usize {
        self as usize
    }
}

/// A token's BILOU tag: where it sits in an entity and the entity's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Not part of an entity.
    Outside,
    /// First token of a multi-token entity.
    Begin(EntityType),
    /// Inner token of an entity of three or more tokens.
    Inside(EntityType),
    /// Last token of a multi-token entity.
    Last(EntityType),
    /// A one-token entity.
    Unit(EntityType),
}

impl Tag {
    /// Number of distinct tags.
    pub(crate) const COUNT: usize = 17;

    /// Dense index: 0 for `Outside`, then four positions per type.
    pub(crate) fn index(self) -> usize {
        match self {
            Tag::Outside => 0,
            Tag::Begin(t) => 1 + t.index() * 4,
            Tag::Inside(t) => 2 + t.index() * 4,
            Tag::Last(t) => 3 + t.index() * 4,
            Tag::Unit(t) => 4 + t.index() * 4,
        }
    }

    /// The tag of a dense index; anything out of range is `Outside`.
    pub(crate) fn from_index(index: usize) -> Tag {
        if index == 0 || index >= Tag::COUNT {
            return Tag::Outside;
        }
        let kind = EntityType::ALL[(index - 1) / 4];
        match (index - 1) % 4 {
            0 => Tag::Begin(kind),
            1 => Tag::Inside(kind),
            2 => Tag::Last(kind),
            _ => Tag::Unit(kind),
        }
    }

    /// The entity type, if the tag is part of an entity.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Tag::Outside => None,
            Tag::Begin(t) | Tag::Inside(t) | Tag::Last(t) | Tag::Unit(t) => Some(t),
        }
    }
}

/// The entities in a tag sequence as `(start, end, type)` token ranges, `end` exclusive.
///
/// Tolerant of sequences a decoder would never produce: an `Inside` or `Last` that does not
/// continue an open entity of its type starts a new one, and an entity left open is closed.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, EntityType)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = |kind| matches!(open, Some((_, k)) if k == kind);
        match tag {
            Tag::Inside(kind) if continues(kind) => {}
            Tag::Last(kind) if continues(kind) => {
                if let Some((start, _)) = open.take() {
                    found.push((start, i + 1, kind));
                }
            }
            _ => {
                if let Some((start, kind)) = open.take() {
                    found.push((start, i, kind));
                }
                match tag {
                    Tag::Outside => {}
                    Tag::Unit(kind) | Tag::Last(kind) => found.push((i, i + 1, kind)),
                    Tag::Begin(kind) | Tag::Inside(kind) => open = Some((i, kind)),
                }
            }
        }
    }
    if let Some((start, kind)) = open {
        found.push((start, tags.len(), kind));
    }
    found
}

/// BILOU tags for `len` tokens carrying the given entity spans (later spans win on overlap).
pub(crate) fn tags_of_spans(len: usize, entities: &[(usize, usize, EntityType)]) -> Vec<Tag> {
    let mut tags = vec![Tag::Outside; len];
    for &(start, end, kind) in entities {
        let end = end.min(len);
        if start >= end {
            continue;
        }
        if end - start == 1 {
            tags[start] = Tag::Unit(kind);
            continue;
        }
        tags[start] = Tag::Begin(kind);
        for tag in &mut tags[start + 1..end - 1] {
            *tag = Tag::Inside(kind);
        }
        tags[end - 1] = Tag::Last(kind);
    }
    tags
}

/// One sentence of a labelled corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The words and punctuation, as written.
    pub tokens: Vec<String>,
    /// The gold BILOU tag of each token.
    pub tags: Vec<Tag>,
}

/// One document of a labelled corpus: a news story, headline and dateline first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The sentences in order.
    pub sentences: Vec<Sentence>,
}

/// Reads CoNLL-2003 text: `WORD ... TAG` per line, blank lines between sentences and
/// `-DOCSTART-` lines between documents (at the start or the end of each, both occur).
///
/// Tags may be IOB1, IOB2 or BIOES/BILOU; they are turned into BILOU. Types other than
/// PER/ORG/LOC/MISC are read as outside. Lines without a tag are skipped.
pub fn read_conll(text: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut document = Document::default();
    let mut tokens: Vec<String> = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    let end_sentence = |tokens: &mut Vec<String>, labels: &mut Vec<&str>, doc: &mut Document| {
        if !tokens.is_empty() {
            let tags = tags_of_spans(tokens.len(), &spans_of_labels(labels));
            doc.sentences.push(Sentence {
                tokens: std::mem::take(tokens),
                tags,
            });
            labels.clear();
        }
    };
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else {
            end_sentence(&mut tokens, &mut labels, &mut document);
            continue;
        };
        if word == "-DOCSTART-" {
            end_sentence(&mut tokens, &mut labels, &mut document);
            if !document.sentences.is_empty() {
                documents.push(std::mem::take(&mut document));
            }
            continue;
        }
        let Some(label) = fields.next_back() else {
            continue;
        };
        tokens.push(word.to_string());
        labels.push(label);
    }
    end_sentence(&mut tokens, &mut labels, &mut document);
    if !document.sentences.is_empty() {
        documents.push(document);
    }
    documents
}

/// Entity spans of a sentence's chunk labels, the way conlleval reads them: a chunk starts at
/// `B-`/`S-`/`U-`, or where the type changes, and ends after `E-`/`L-`/`S-`/`U-`.
fn spans_of_labels(labels: &[&str]) -> Vec<(usize, usize, EntityType)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, label) in labels.iter().enumerate() {
        let (prefix, kind) = match label.split_once('-') {
            Some((prefix, kind)) => (prefix, EntityType::from_label(kind)),
            None => ("O", None),
        };
        let Some(kind) = kind else {
            if let Some((start, k)) = open.take() {
                found.push((start, i, k));
            }
            continue;
        };
        let starts =
            matches!(prefix, "B" | "S" | "U") || !matches!(open, Some((_, k)) if k == kind);
        if starts {
            if let Some((start, k)) = open.take() {
                found.push((start, i, k));
            }
            open = Some((i, kind));
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            if let Some((start, k)) = open.take() {
                found.push((start, i + 1, k));
            }
        }
    }
    if let Some((start, k)) = open {
        found.push((start, labels.len(), k));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_becomes_bilou() {
        let text = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n\
                    Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nSmith NNP I-NP B-PER\n\
                    -DOCSTART- -X- O O\n\nLondon NNP I-NP I-LOC\n";
        let docs = read_conll(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].sentences[0].tags,
            vec![
                Tag::Unit(EntityType::Org),
                Tag::Outside,
                Tag::Unit(EntityType::Misc)
            ]
        );
        assert_eq!(
            spans(&docs[0].sentences[1].tags),
            vec![(0, 2, EntityType::Per), (2, 3, EntityType::Per)]
        );
        assert_eq!(docs[1].sentences[0].tags, vec![Tag::Unit(EntityType::Loc)]);
    }

    #[test]
    fn spans_survive_ill_formed_tags() {
        use EntityType::*;
        let tags = [
            Tag::Inside(Per),
            Tag::Last(Per),
            Tag::Last(Org),
            Tag::Begin(Loc),
            Tag::Inside(Misc),
            Tag::Begin(Loc),
        ];
        assert_eq!(
            spans(&tags),
            vec![
                (0, 2, Per),
                (2, 3, Org),
                (3, 4, Loc),
                (4, 5, Misc),
                (5, 6, Loc)
            ]
        );
        assert!(spans(&[]).is_empty());
    }

    #[test]
    fn tag_index_round_trips() {
        for i in 0..Tag::COUNT {
            assert_eq!(Tag::from_index(i).index(), i);
        }
    }
}
