//! Extraction: the people, organisations, places, dates and quotations an article carries.
//!
//! Every function here is a pure function of an [`Article`]'s text: no I/O, so the stages can
//! run on all cores and be tested by table.

mod dates;
mod entities;
mod lexicon;
pub mod ner;
mod published;
mod quotes;
mod types;

use serde::Serialize;

pub use dates::find_dates;
pub use entities::find_entities;
pub use published::{published_from_text, published_from_url, resolve_published};
pub use quotes::find_quotes;
pub use types::{DateMention, Entity, EntityKind, Quote, SpeakerMention, TextField};

use crate::ingest::Article;

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Extracted {
    /// One item per mention, title first, each in text order.
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
    pub quotes: Vec<Quote>,
}

impl Extracted {
    /// The distinct canonical names of one kind, in order of first mention.
    pub fn names(&self, kind: EntityKind) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for entity in self.entities.iter().filter(|e| e.kind == kind) {
            if !names.contains(&entity.name.as_str()) {
                names.push(&entity.name);
            }
        }
        names
    }

    /// The distinct date values mentioned, in order of first mention.
    pub fn date_values(&self) -> Vec<&str> {
        let mut values: Vec<&str> = Vec::new();
        for date in &self.dates {
            if !values.contains(&date.value.as_str()) {
                values.push(&date.value);
            }
        }
        values
    }
}

/// Runs every extractor over an article.
pub fn extract(article: &Article) -> Extracted {
    let entities = find_entities(&article.title, &article.body);
    let published = article.published.map(|when| when.date());
    let mut dates = find_dates(&article.title, TextField::Title, published);
    dates.extend(find_dates(&article.body, TextField::Body, published));
    // Title mentions come first, so the body's are the tail.
    let body_start = entities
        .iter()
        .position(|e| e.field == TextField::Body)
        .unwrap_or(entities.len());
    let quotes = find_quotes(&article.body, TextField::Body, &entities[body_start..]);
    Extracted {
        entities,
        dates,
        quotes,
    }
}

/// The product's seed article from `../shared`, for tests; `None` where the shared folder is
/// not beside the checkout (its text is never copied into the project).
#[cfg(test)]
pub(crate) fn seed_article() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/seed-article.txt"
    );
    let text = std::fs::read_to_string(path).ok();
    if text.is_none() {
        eprintln!("skipped: {path} is not there");
    }
    text
}
