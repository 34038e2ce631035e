//! The values every extractor produces: mentions located by field and byte span.
//!
//! Offsets are `[start, end)` UTF-8 byte offsets into the field's text exactly as the
//! input record gave it, always on char boundaries.

use serde::{Deserialize, Serialize};

/// Which text of an article a mention sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextField {
    Title,
    Body,
}

/// The type of a named entity, as the contract names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    /// Nationalities, events, works, products.
    Misc,
}

impl EntityKind {
    /// Every kind, in the order the contract lists them.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Misc,
    ];

    /// The kind the contract names `name` (`person`, `org`, `place`, `misc`).
    pub fn from_name(name: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// The contract's name for the kind, which is also its query field.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Misc => "misc",
        }
    }
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The words as they stand in the text ("Ross", "Microsoft" out of "Microsoft's").
    pub text: String,
    /// The canonical name in this article: a later "Ross" after "Wilbur Ross" is "Wilbur Ross".
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub field: TextField,
    pub start: usize,
    pub end: usize,
}

/// One calendar date the text mentions, with its TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    /// `2019-11-20`, `2019-11`, `2019`, `2019-W47`, `2019-Q4`, `2019-SU`, `PRESENT_REF`, ...
    pub value: String,
    pub field: TextField,
    pub start: usize,
    pub end: usize,
}

/// The words in the text that name who said a quote ("he", "a Microsoft spokesperson").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Whether a quote gives the words said or reports what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words between quotation marks.
    #[default]
    Direct,
    /// Reported speech: the content of "Ross said [the department would act]".
    Indirect,
}

impl QuoteKind {
    /// The contract's name for the kind, as `--kind` and the JSON write it.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// One piece of speech: quoted directly, or reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words without the quotation marks, or the reported content.
    pub text: String,
    /// Direct or reported; an extraction stored before reported speech was found is direct.
    #[serde(default)]
    pub kind: QuoteKind,
    pub field: TextField,
    pub start: usize,
    pub end: usize,
    /// The canonical name of who said it, where the text allows.
    pub speaker: Option<String>,
    pub speaker_mention: Option<SpeakerMention>,
}
