//! An article and its extraction as a tantivy document, and back.

use std::collections::BTreeSet;

use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};
use time::OffsetDateTime;

use super::Fields;
use crate::extract::{EntityKind, Extracted};
use crate::ingest::{Article, PublishedSource, INDEXABLE_YEARS};

/// Builds the document for an article.
pub fn to_document(fields: &Fields, article: &Article, extracted: &Extracted) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
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
    for kind in EntityKind::ALL {
        for name in extracted.names(kind) {
            doc.add_text(fields.entity_kind(kind), name);
            doc.add_text(fields.entity, name);
        }
    }
    for token in date_tokens(&extracted.date_values()) {
        doc.add_text(fields.date, token);
    }
    for quote in &extracted.quotes {
        doc.add_text(fields.quote, &quote.text);
    }
    let speakers: BTreeSet<&str> = extracted
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    for speaker in speakers {
        doc.add_text(fields.speaker, speaker);
    }
    let json = serde_json::to_string(extracted).unwrap_or_default();
    doc.add_text(fields.extract, json);
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

/// The extraction stored with a document.
pub fn stored_extraction(fields: &Fields, doc: &TantivyDocument) -> Extracted {
    doc.get_first(fields.extract)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
