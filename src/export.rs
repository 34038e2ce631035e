//! Export: every indexed article with what was extracted from it, as NDJSON or as an
//! Elasticsearch/OpenSearch bulk body, and the matching index mapping for Elasticsearch or
//! index config for Quickwit, so a user who outgrows one machine loads the same data into a
//! cluster. Documents and mappings are both generated from [`EXPORTED`], so they cannot drift.

use std::io::Write;

use serde::Serialize;
use serde_json::{json, Map, Value};
use time::format_description::well_known::Rfc3339;

use crate::extract::EntityKind;
use crate::index::{NewsIndex, StoredArticle};

/// How a field is typed in a search engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Exact value: ids, urls, TIMEX3 values.
    Keyword,
    /// Analysed prose.
    Text,
    /// Names: analysed, with an exact `raw` sub-field for aggregations.
    Name,
    /// An RFC 3339 timestamp.
    Date,
    /// Quotations: objects of `text` (prose) and `speaker` (name).
    Quotes,
}

/// Every exported field, in document order. Lists (authors, names, dates, quotes) are arrays.
pub const EXPORTED: &[(&str, FieldType)] = &[
    ("id", FieldType::Keyword),
    ("title", FieldType::Text),
    ("body", FieldType::Text),
    ("url", FieldType::Keyword),
    ("source", FieldType::Keyword),
    ("authors", FieldType::Name),
    ("published", FieldType::Date),
    ("published_source", FieldType::Keyword),
    ("person", FieldType::Name),
    ("org", FieldType::Name),
    ("place", FieldType::Name),
    ("misc", FieldType::Name),
    ("dates", FieldType::Keyword),
    ("quotes", FieldType::Quotes),
];

/// The name of the index in bulk actions and configs.
pub const INDEX_NAME: &str = "newsdex";

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One document per line.
    Ndjson,
    /// Elasticsearch/OpenSearch `_bulk` body: an action line, then the document.
    EsBulk,
}

/// One article as exported.
#[derive(Debug, Serialize)]
struct ExportedArticle<'a> {
    id: &'a str,
    title: &'a str,
    body: &'a str,
    url: Option<&'a str>,
    source: Option<&'a str>,
    authors: &'a [String],
    published: Option<String>,
    published_source: Option<&'static str>,
    person: Vec<&'a str>,
    org: Vec<&'a str>,
    place: Vec<&'a str>,
    misc: Vec<&'a str>,
    dates: Vec<&'a str>,
    quotes: Vec<ExportedQuote<'a>>,
}

#[derive(Debug, Serialize)]
struct ExportedQuote<'a> {
    text: &'a str,
    /// `direct` (the words between quotation marks) or `indirect` (reported speech).
    kind: &'static str,
    speaker: Option<&'a str>,
}

impl<'a> From<&'a StoredArticle> for ExportedArticle<'a> {
    fn from(article: &'a StoredArticle) -> Self {
        let names = |kind| article.extracted.names(kind);
        ExportedArticle {
            id: &article.id,
            title: &article.title,
            body: &article.body,
            url: article.url.as_deref(),
            source: article.source.as_deref(),
            authors: &article.authors,
            published: article.published.and_then(|p| p.format(&Rfc3339).ok()),
            published_source: article.published_source.map(|s| s.as_str()),
            person: names(EntityKind::Person),
            org: names(EntityKind::Org),
            place: names(EntityKind::Place),
            misc: names(EntityKind::Misc),
            dates: article.extracted.date_values(),
            quotes: article
                .extracted
                .quotes
                .iter()
                .map(|q| ExportedQuote {
                    text: &q.text,
                    kind: q.kind.as_str(),
                    speaker: q.speaker.as_deref(),
                })
                .collect(),
        }
    }
}

/// Writes every article of the index; returns how many.
pub fn export(index: &NewsIndex, format: ExportFormat, out: &mut dyn Write) -> anyhow::Result<u64> {
    let searcher = index.searcher()?;
    let mut count = 0;
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64)?;
        for doc in store.iter::<tantivy::TantivyDocument>(segment.alive_bitset()) {
            let article = StoredArticle::from_document(&index.fields, &doc?);
            if format == ExportFormat::EsBulk {
                let action = json!({"index": {"_index": INDEX_NAME, "_id": article.id}});
                serde_json::to_writer(&mut *out, &action)?;
                out.write_all(b"\n")?;
            }
            serde_json::to_writer(&mut *out, &ExportedArticle::from(&article))?;
            out.write_all(b"\n")?;
            count += 1;
        }
    }
    Ok(count)
}

/// The Elasticsearch/OpenSearch index body (`PUT /newsdex`) for exported documents.
pub fn elasticsearch_mapping() -> Value {
    let mut properties = Map::new();
    for &(name, kind) in EXPORTED {
        let mapping = match kind {
            FieldType::Keyword => json!({"type": "keyword"}),
            FieldType::Text => json!({"type": "text"}),
            FieldType::Name => {
                json!({"type": "text", "fields": {"raw": {"type": "keyword", "ignore_above": 256}}})
            }
            FieldType::Date => json!({"type": "date", "format": "strict_date_optional_time"}),
            FieldType::Quotes => json!({"type": "nested", "properties": {
                "text": {"type": "text"},
                "kind": {"type": "keyword"},
                "speaker": {"type": "text", "fields": {"raw": {"type": "keyword", "ignore_above": 256}}}
            }}),
        };
        properties.insert(name.to_string(), mapping);
    }
    json!({"mappings": {"dynamic": "strict", "properties": properties}})
}

/// The Quickwit index config (YAML) for exported documents.
pub fn quickwit_config() -> String {
    let mut yaml = format!(
        "version: 0.8\nindex_id: {INDEX_NAME}\ndoc_mapping:\n  mode: strict\n  field_mappings:\n"
    );
    for &(name, kind) in EXPORTED {
        let lines = match kind {
            FieldType::Keyword => "    type: text\n    tokenizer: raw\n    fast: true\n".to_string(),
            FieldType::Text => "    type: text\n    tokenizer: default\n    record: position\n".to_string(),
            FieldType::Name => "    type: array<text>\n    tokenizer: default\n    record: position\n    fast: true\n".to_string(),
            FieldType::Date => "    type: datetime\n    input_formats: [rfc3339]\n    fast: true\n    fast_precision: seconds\n".to_string(),
            FieldType::Quotes => "    type: array<json>\n    tokenizer: default\n".to_string(),
        };
        let lines = if kind == FieldType::Keyword && name == "dates" {
            lines.replace("type: text", "type: array<text>")
        } else {
            lines
        };
        yaml.push_str(&format!("  - name: {name}\n{lines}"));
    }
    yaml.push_str(
        "  timestamp_field: published\nsearch_settings:\n  default_search_fields: [title, body]\n",
    );
    yaml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_cover_every_exported_field() {
        let mapping = elasticsearch_mapping();
        let properties = mapping["mappings"]["properties"].as_object().unwrap();
        assert_eq!(properties.len(), EXPORTED.len());
        assert_eq!(properties["published"]["type"], "date");
        assert_eq!(properties["quotes"]["type"], "nested");
        let config = quickwit_config();
        for (name, _) in EXPORTED {
            assert!(config.contains(&format!("  - name: {name}\n")), "{name}");
        }
        assert!(config.contains("timestamp_field: published"));
    }
}
