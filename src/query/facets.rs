//! Facet counts over every article a query matches: top entities per type, top speakers, and
//! articles per publication month, from tantivy aggregations on fast fields.

use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::Query;
use tantivy::Searcher;

use crate::extract::EntityKind;

/// How many values each entity facet lists.
const TOP: usize = 10;

/// Counts of matching articles by value, most first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Per entity kind, in `EntityKind::ALL` order.
    pub entities: Vec<(EntityKind, Vec<(String, u64)>)>,
    pub speakers: Vec<(String, u64)>,
    /// `YYYY-MM`, in calendar order.
    pub published_month: Vec<(String, u64)>,
}

/// Runs the facet aggregations over the query's matches.
pub(crate) fn count(searcher: &Searcher, query: &dyn Query) -> anyhow::Result<Facets> {
    let mut request = serde_json::Map::new();
    for kind in EntityKind::ALL {
        request.insert(
            kind.as_str().into(),
            json!({"terms": {"field": kind.as_str(), "size": TOP}}),
        );
    }
    request.insert(
        "speaker".into(),
        json!({"terms": {"field": "speaker", "size": TOP}}),
    );
    request.insert(
        "published_month".into(),
        json!({"terms": {"field": "published_month", "size": 10_000, "order": {"_key": "asc"}}}),
    );
    let aggregations: Aggregations = serde_json::from_value(Value::Object(request))?;
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let results = serde_json::to_value(searcher.search(query, &collector)?)?;
    let buckets = |name: &str| -> Vec<(String, u64)> {
        results[name]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Facets {
        entities: EntityKind::ALL
            .iter()
            .map(|&kind| (kind, buckets(kind.as_str())))
            .collect(),
        speakers: buckets("speaker"),
        published_month: buckets("published_month"),
    })
}
