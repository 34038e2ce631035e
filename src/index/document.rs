//! An article and its extraction as a tantivy document, and back.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};
use time::OffsetDateTime;

use super::aliases;
use super::Fields;
use crate::extract::{
    DateMention, Entity, EntityKind, Extracted, Quote, QuoteKind, SpeakerMention, TextField,
};
use crate::ingest::{Article, PublishedSource, INDEXABLE_YEARS};

/// The parts of a document beyond the words of its text that can be left out, to measure
/// what each costs in indexing time and size (`index --ablate`, hidden; `scripts/bench.py
/// --structures`). An index built without one of them answers some queries wrongly, so users
/// always get [`Structures::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Structures {
    /// Word pairs of title and body (two-word phrases from one posting list).
    pub pairs: bool,
    /// A name field token per mention, rather than per distinct name.
    pub mention_tokens: bool,
    /// The extraction stored as JSON (`show`, hits' entities and quotes, snippets' marks).
    pub stored_extraction: bool,
    /// A mentioned date's coarser prefixes (`date:2019` for 2019-11-20).
    pub date_prefixes: bool,
}

impl Structures {
    /// Everything: what users get.
    pub const ALL: Structures = Structures {
        pairs: true,
        mention_tokens: true,
        stored_extraction: true,
        date_prefixes: true,
    };
}

/// Builds the document for an article.
pub fn to_document(fields: &Fields, article: &Article, extracted: &Extracted) -> TantivyDocument {
    to_document_with(fields, article, extracted, Structures::ALL)
}

/// [`to_document`] with only the given structures.
pub fn to_document_with(
    fields: &Fields,
    article: &Article,
    extracted: &Extracted,
    structures: Structures,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    if structures.pairs {
        doc.add_text(fields.title_pairs, &article.title);
        doc.add_text(fields.body_pairs, &article.body);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    for author in &article.authors {
        doc.add_text(fields.authors, author);
    }
    // Every way a date comes in is checked against the years the index holds; this is the
    // last guard, since tantivy's conversion overflows past them.
    let published = article
        .published
        .filter(|when| INDEXABLE_YEARS.contains(&when.year()));
    if let Some(published) = published {
        doc.add_date(
            fields.published,
            DateTime::from_timestamp_secs(published.unix_timestamp()),
        );
        let month = format!("{:04}-{:02}", published.year(), published.month() as u8);
        if let Some(source) = article.published_source {
            doc.add_text(fields.published_source, source.as_str());
        }
        doc.add_text(fields.published_month, month);
    }
    // Searched once per mention, so that how often an article names someone counts; counted
    // in facets once per article.
    if structures.mention_tokens {
        for entity in &extracted.entities {
            doc.add_text(fields.entity_kind(entity.kind), &entity.name);
            doc.add_text(fields.entity, &entity.name);
        }
    }
    for kind in EntityKind::ALL {
        for name in extracted.names(kind) {
            doc.add_text(fields.facet_column(kind), name);
            if !structures.mention_tokens {
                doc.add_text(fields.entity_kind(kind), name);
                doc.add_text(fields.entity, name);
            }
        }
    }
    if structures.date_prefixes {
        for token in date_tokens(&extracted.date_values()) {
            doc.add_text(fields.date, token);
        }
    } else {
        for value in extracted.date_values() {
            doc.add_text(fields.date, value);
        }
    }
    for quote in &extracted.quotes {
        let field = match quote.kind {
            QuoteKind::Direct => fields.quote,
            QuoteKind::Indirect => fields.reported,
        };
        doc.add_text(field, &quote.text);
    }
    let speakers: BTreeSet<&str> = extracted
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    for speaker in speakers {
        doc.add_text(fields.speaker, speaker);
    }
    for term in aliases::alias_terms(&extracted.entities) {
        doc.add_text(fields.alias, term);
    }
    if structures.stored_extraction {
        let stored = StoredExtraction::new(extracted, &article.title, &article.body);
        doc.add_text(
            fields.extract,
            serde_json::to_string(&stored).unwrap_or_default(),
        );
    }
    doc
}

/// The terms a set of TIMEX3 values is indexed under: each value and its coarser prefixes
/// (month, year, decade, century), and for a day its ISO week, so `date:2019`,
/// `date:2019-11`, `date:2019-W47` and `date:201` all match a mention of 2019-11-20.
fn date_tokens(values: &[&str]) -> BTreeSet<String> {
    let mut tokens = BTreeSet::new();
    for value in values {
        tokens.insert((*value).to_string());
        let year = value
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
        let Some(year) = year else { continue };
        // The decade and century too, as TIMEX3 writes them ("199" is the 1990s).
        tokens.insert(year.to_string());
        tokens.insert(year[..3].to_string());
        tokens.insert(year[..2].to_string());
        let bytes = str::as_bytes(value);
        if bytes.len() >= 7 && bytes[4] == b'-' && bytes[5..7].iter().all(u8::is_ascii_digit) {
            tokens.insert(value[..7].to_string());
        }
        let day_format = time::macros::format_description!("[year]-[month]-[day]");
        if let Ok(day) = time::Date::parse(value, day_format) {
            let (week_year, week, _) = day.to_iso_week_date();
            tokens.insert(format!("{week_year:04}-W{week:02}"));
        }
    }
    tokens
}

/// An article as stored in the index.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<OffsetDateTime>,
    pub published_source: Option<PublishedSource>,
    pub extracted: Extracted,
}

impl StoredArticle {
    /// Reads the stored fields of a document.
    pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> StoredArticle {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from)
        };
        let published = doc
            .get_first(fields.published)
            .and_then(|v| v.as_datetime())
            .and_then(|d| OffsetDateTime::from_unix_timestamp(d.into_timestamp_secs()).ok());
        StoredArticle {
            id: text(fields.id).unwrap_or_default(),
            title: text(fields.title).unwrap_or_default(),
            body: text(fields.body).unwrap_or_default(),
            url: text(fields.url),
            source: text(fields.source),
            authors: doc
                .get_all(fields.authors)
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            published,
            published_source: text(fields.published_source)
                .as_deref()
                .and_then(PublishedSource::parse),
            extracted: stored_extraction(fields, doc),
        }
    }
}

/// The extraction as the index stores it: each mention by kind, field and offsets, with its
/// text kept only where it is not the slice of the field that the offsets name (and a name only
/// where it is not the text). Texts are slices nearly always, so this is a fifth of the size of
/// the `extract` JSON, which used to be stored as it is and was most of the index.
///
/// Fields and kinds are numbers: a field is 0 for the title and 1 for the body; a kind is its
/// place in `EntityKind::ALL`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StoredExtraction {
    /// `[kind, field, start, end, name, text]`.
    #[serde(rename = "e", default)]
    entities: Vec<StoredEntity>,
    /// `[field, start, end, value, text]`.
    #[serde(rename = "d", default)]
    dates: Vec<(u8, usize, usize, String, Option<String>)>,
    /// `[field, start, end, speaker, [mention start, mention end, mention text], text, kind]`,
    /// kind 0 for a direct quote and 1 for reported speech.
    #[serde(rename = "q", default)]
    quotes: Vec<StoredQuote>,
}

type StoredEntity = (u8, u8, usize, usize, Option<String>, Option<String>);

type StoredQuote = (
    u8,
    usize,
    usize,
    Option<String>,
    Option<(usize, usize, Option<String>)>,
    Option<String>,
    u8,
);

/// Texts by field number.
struct Texts<'a>([&'a str; 2]);

impl Texts<'_> {
    fn number(field: TextField) -> u8 {
        match field {
            TextField::Title => 0,
            TextField::Body => 1,
        }
    }

    fn field(number: u8) -> TextField {
        if number == 0 {
            TextField::Title
        } else {
            TextField::Body
        }
    }

    fn slice(&self, field: u8, start: usize, end: usize) -> Option<&str> {
        self.0.get(usize::from(field))?.get(start..end)
    }

    /// `None` when `text` is what the offsets name, so it need not be stored.
    fn unless_slice(&self, text: &str, field: u8, start: usize, end: usize) -> Option<String> {
        (self.slice(field, start, end) != Some(text)).then(|| text.to_string())
    }

    fn text_of(&self, stored: Option<String>, field: u8, start: usize, end: usize) -> String {
        stored.unwrap_or_else(|| {
            self.slice(field, start, end)
                .unwrap_or_default()
                .to_string()
        })
    }
}

impl StoredExtraction {
    fn new(extracted: &Extracted, title: &str, body: &str) -> StoredExtraction {
        let texts = Texts([title, body]);
        let entities = extracted
            .entities
            .iter()
            .map(|e| {
                let field = Texts::number(e.field);
                let kind = EntityKind::ALL
                    .iter()
                    .position(|&k| k == e.kind)
                    .unwrap_or(0);
                (
                    kind as u8,
                    field,
                    e.start,
                    e.end,
                    (e.name != e.text).then(|| e.name.clone()),
                    texts.unless_slice(&e.text, field, e.start, e.end),
                )
            })
            .collect();
        let dates = extracted
            .dates
            .iter()
            .map(|d| {
                let field = Texts::number(d.field);
                let text = texts.unless_slice(&d.text, field, d.start, d.end);
                (field, d.start, d.end, d.value.clone(), text)
            })
            .collect();
        let quotes = extracted
            .quotes
            .iter()
            .map(|q| {
                let field = Texts::number(q.field);
                let mention = q.speaker_mention.as_ref().map(|m| {
                    let text = texts.unless_slice(&m.text, field, m.start, m.end);
                    (m.start, m.end, text)
                });
                let text = texts.unless_slice(&q.text, field, q.start, q.end);
                let kind = u8::from(q.kind == QuoteKind::Indirect);
                (
                    field,
                    q.start,
                    q.end,
                    q.speaker.clone(),
                    mention,
                    text,
                    kind,
                )
            })
            .collect();
        StoredExtraction {
            entities,
            dates,
            quotes,
        }
    }

    fn into_extracted(self, title: &str, body: &str) -> Extracted {
        let texts = Texts([title, body]);
        let entities = self
            .entities
            .into_iter()
            .map(|(kind, field, start, end, name, text)| {
                let text = texts.text_of(text, field, start, end);
                Entity {
                    name: name.unwrap_or_else(|| text.clone()),
                    text,
                    kind: EntityKind::ALL[usize::from(kind).min(EntityKind::ALL.len() - 1)],
                    field: Texts::field(field),
                    start,
                    end,
                }
            })
            .collect();
        let dates = self
            .dates
            .into_iter()
            .map(|(field, start, end, value, text)| DateMention {
                text: texts.text_of(text, field, start, end),
                value,
                field: Texts::field(field),
                start,
                end,
            })
            .collect();
        let quotes = self
            .quotes
            .into_iter()
            .map(|(field, start, end, speaker, mention, text, kind)| Quote {
                text: texts.text_of(text, field, start, end),
                kind: if kind == 1 {
                    QuoteKind::Indirect
                } else {
                    QuoteKind::Direct
                },
                field: Texts::field(field),
                start,
                end,
                speaker,
                speaker_mention: mention.map(|(start, end, text)| SpeakerMention {
                    text: texts.text_of(text, field, start, end),
                    start,
                    end,
                }),
            })
            .collect();
        Extracted {
            entities,
            dates,
            quotes,
        }
    }
}

/// The extraction stored with a document.
pub fn stored_extraction(fields: &Fields, doc: &TantivyDocument) -> Extracted {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
    doc.get_first(fields.extract)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str::<StoredExtraction>(json).ok())
        .unwrap_or_default()
        .into_extracted(text(fields.title), text(fields.body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::index::{build_schema, Fields};

    fn stored_and_read(fields: &Fields, article: &Article, extracted: &Extracted) -> Extracted {
        let doc = to_document(fields, article, extracted);
        let json = doc
            .get_first(fields.extract)
            .and_then(|v| v.as_str())
            .unwrap();
        assert!(!json.contains("\"text\""), "{json}");
        stored_extraction(fields, &doc)
    }

    #[test]
    fn the_stored_extraction_reads_back_whole_and_is_compact() {
        let fields = Fields::from_schema(&build_schema()).unwrap();
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-corpus/articles/politics"
        );
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let (title, body) = text.split_once('\n').unwrap();
            let article = Article {
                id: "a".into(),
                title: title.into(),
                body: body.into(),
                published: Some(time::macros::datetime!(2024-03-04 00:00 UTC)),
                published_source: Some(PublishedSource::Metadata),
                url: None,
                authors: Vec::new(),
                source: None,
            };
            let extracted = extract(&article);
            assert_eq!(stored_and_read(&fields, &article, &extracted), extracted);
            let full = serde_json::to_string(&extracted).unwrap().len();
            let doc = to_document(&fields, &article, &extracted);
            let stored = doc
                .get_first(fields.extract)
                .and_then(|v| v.as_str())
                .unwrap();
            assert!(stored.len() * 3 < full, "{} of {full} bytes", stored.len());
            checked += 1;
        }
        assert!(checked > 0);
    }

    #[test]
    fn texts_that_are_not_their_slice_are_kept() {
        let fields = Fields::from_schema(&build_schema()).unwrap();
        let article = Article {
            id: "a".into(),
            title: "Ross speaks".into(),
            body: "Wilbur Ross said \"no\" on Thursday.".into(),
            ..Article::default()
        };
        let mut extracted = extract(&article);
        assert!(!extracted.entities.is_empty() && !extracted.quotes.is_empty());
        extracted.entities[0].text = "not the slice".into();
        extracted.quotes[0].text = "nor this".into();
        extracted.quotes[0].start = 500;
        let doc = to_document(&fields, &article, &extracted);
        assert_eq!(stored_extraction(&fields, &doc), extracted);
    }

    #[test]
    fn date_values_are_indexed_with_their_prefixes() {
        let tokens = date_tokens(&["2019-11-20", "2019-W47", "2018-Q4", "199", "PRESENT_REF"]);
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        assert_eq!(
            tokens,
            [
                "199",
                "20",
                "201",
                "2018",
                "2018-Q4",
                "2019",
                "2019-11",
                "2019-11-20",
                "2019-W47",
                "PRESENT_REF"
            ]
        );
    }
}
