//! One JSON or CSV record to an [`Article`], by the contract's field names: the first name
//! present wins.

use serde_json::{Map, Value};

use super::{content_id, parse_published, Article, PublishedSource};

const ID: &[&str] = &["id", "_id", "uuid"];
const TITLE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &["body", "text", "maintext", "content", "article"];
const PUBLISHED: &[&str] = &[
    "published",
    "date_publish",
    "published_at",
    "publishedAt",
    "pub_date",
    "date",
];
const URL: &[&str] = &["url", "link"];
const SOURCE: &[&str] = &["source", "source_domain", "publication"];

/// A record that could be read, and the caveats to report about it.
pub(crate) struct Parsed {
    pub article: Article,
    pub warnings: Vec<String>,
}

/// The first of `names` present in `record` with a non-null value.
fn first<'a>(
    record: &'a Map<String, Value>,
    names: &[&'static str],
) -> Option<(&'static str, &'a Value)> {
    names
        .iter()
        .find_map(|&name| record.get(name).filter(|v| !v.is_null()).map(|v| (name, v)))
}

/// A field that must be text, if present.
fn text(record: &Map<String, Value>, names: &[&'static str]) -> Result<Option<String>, String> {
    match first(record, names) {
        None => Ok(None),
        Some((_, Value::String(s))) => Ok(Some(s.clone())),
        Some((name, other)) => Err(format!("field `{name}` is {}, not a string", kind(other))),
    }
}

/// An id may be a string or a number.
fn id(record: &Map<String, Value>) -> Result<Option<String>, String> {
    match first(record, ID) {
        None => Ok(None),
        Some((_, Value::String(s))) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
        Some((_, Value::String(_))) => Ok(None),
        Some((_, Value::Number(n))) => Ok(Some(n.to_string())),
        Some((name, other)) => Err(format!("field `{name}` is {}, not a string", kind(other))),
    }
}

/// `authors` is a list of names; `author` one name (or a comma-free list joined by " and ").
fn authors(record: &Map<String, Value>) -> Result<Vec<String>, String> {
    if let Some((name, value)) = first(record, &["authors"]) {
        return match value {
            Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.trim().to_string()),
                    other => Err(format!("`{name}` holds {}, not a string", kind(other))),
                })
                .filter(|name| name.as_ref().map_or(true, |n| !n.is_empty()))
                .collect(),
            Value::String(s) => Ok(split_authors(s)),
            other => Err(format!("field `{name}` is {}, not a list", kind(other))),
        };
    }
    Ok(text(record, &["author"])?
        .map(|s| split_authors(&s))
        .unwrap_or_default())
}

fn split_authors(text: &str) -> Vec<String> {
    text.split(',')
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The JSON type's name, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns one record into an article, or says why it cannot be one.
pub(crate) fn from_record(record: &Map<String, Value>) -> Result<Parsed, String> {
    let mut warnings = Vec::new();
    let title = text(record, TITLE)?.unwrap_or_default();
    let body = text(record, BODY)?.unwrap_or_default();
    if body.trim().is_empty() {
        return Err("no body (expected one of: body, text, maintext, content, article)".into());
    }
    let url = text(record, URL)?.filter(|u| !u.trim().is_empty());
    let published = match first(record, PUBLISHED) {
        None => None,
        Some((_, Value::String(s))) => match parse_published(s) {
            Ok(when) => when,
            Err(message) => {
                // A date we cannot read loses the date, not the article.
                warnings.push(format!("published date left unknown: {message}"));
                None
            }
        },
        Some((name, other)) => {
            return Err(format!("field `{name}` is {}, not a string", kind(other)))
        }
    };
    let id = match id(record)? {
        Some(id) => id,
        None => url.clone().unwrap_or_else(|| content_id(&title, &body)),
    };
    let article = Article {
        id,
        title,
        body,
        published_source: published.map(|_| PublishedSource::Metadata),
        published,
        url,
        authors: authors(record)?,
        source: text(record, SOURCE)?.filter(|s| !s.trim().is_empty()),
    };
    Ok(Parsed { article, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: Value) -> Result<Article, String> {
        let Value::Object(map) = value else {
            panic!("not an object")
        };
        from_record(&map).map(|parsed| parsed.article)
    }

    #[test]
    fn aliases_take_the_first_name_present() {
        let article = parse(json!({
            "_id": 42, "headline": "H", "maintext": "B", "date_publish": "2019-11-21 08:00:00",
            "link": "https://x.example/a", "author": "Ann Lee and Bo Chan", "source_domain": "x.example"
        }))
        .unwrap();
        assert_eq!(article.id, "42");
        assert_eq!(article.title, "H");
        assert_eq!(article.body, "B");
        assert_eq!(article.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(article.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(article.source.as_deref(), Some("x.example"));
        assert_eq!(article.published.unwrap().date().to_string(), "2019-11-21");
    }

    #[test]
    fn id_falls_back_to_url_then_content_hash() {
        let with_url = parse(json!({"url": "https://x.example/a", "body": "B"})).unwrap();
        assert_eq!(with_url.id, "https://x.example/a");
        let bare = parse(json!({"title": "T", "body": "B"})).unwrap();
        assert_eq!(bare.id, content_id("T", "B"));
        assert_eq!(bare.id.len(), 16);
    }

    #[test]
    fn bad_records_say_why() {
        let cases = [
            (json!({"title": "T"}), "no body"),
            (json!({"body": 5}), "field `body` is a number"),
            (
                json!({"body": "B", "title": ["x"]}),
                "field `title` is an array",
            ),
            (
                json!({"body": "B", "authors": [1]}),
                "`authors` holds a number",
            ),
            (
                json!({"body": "B", "date": {"y": 1}}),
                "field `date` is an object",
            ),
        ];
        for (record, reason) in cases {
            let err = parse(record.clone()).unwrap_err();
            assert!(err.contains(reason), "{record}: {err}");
        }
    }

    #[test]
    fn an_unreadable_date_is_a_warning_not_a_skip() {
        let Value::Object(map) = json!({"body": "B", "published": "yesterday-ish"}) else {
            unreachable!()
        };
        let parsed = from_record(&map).unwrap();
        assert_eq!(parsed.article.published, None);
        assert_eq!(parsed.warnings.len(), 1);
    }
}
