//! Searching: a query string and its options in, ranked [`Hit`]s with snippets (and, on
//! request, facet counts over every match) out.

mod collapse;
mod entity;
mod facets;
mod parse;
mod quotes;
mod snippet;
mod timeline;

use std::ops::Bound;
use std::time::Instant;

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};
use time::OffsetDateTime;

pub use entity::{profile, Profile};
pub use facets::Facets;
pub use quotes::{search_quotes, QuoteHit, QuoteRequest, QuoteResults};
pub use snippet::{Snippet, SnippetField};
pub use timeline::{timeline, Bucket, Granularity, Timeline};

use crate::extract::Extracted;
use crate::index::{NewsIndex, StoredArticle, PUBLISHED};
use crate::ingest::{parse_published_bound, PublishedSource};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

/// A checked search request.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Published on or after (inclusive), as `YYYY[-MM[-DD]]`.
    pub since: Option<String>,
    /// Published on or before (inclusive), as `YYYY[-MM[-DD]]`.
    pub until: Option<String>,
    pub facets: bool,
    /// Keep the best-ranked match of each near-duplicate cluster.
    pub collapse: bool,
}

/// One matching article.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based, counting the offset.
    pub rank: usize,
    pub id: String,
    pub score: f32,
    pub title: String,
    pub url: Option<String>,
    /// The publication or site it came from, as stored.
    pub source: Option<String>,
    pub published: Option<OffsetDateTime>,
    pub published_source: Option<PublishedSource>,
    pub snippet: Snippet,
    pub extracted: Extracted,
    /// The id of the first article of its near-duplicate cluster (its own when it is).
    pub cluster: String,
    /// How many other articles of the index are in its cluster.
    pub similar: u64,
}

/// The answer to a request.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Matching articles, or with `collapse` matching clusters.
    pub total_hits: usize,
    /// Matching articles.
    pub total_articles: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
    pub took_ms: f64,
}

/// Runs a search.
pub fn search(index: &NewsIndex, request: &SearchRequest) -> anyhow::Result<SearchResults> {
    let started = Instant::now();
    let query = build_query(index, request)?;
    let searcher = index.searcher()?;
    if request.collapse {
        return search_collapsed(index, request, &searcher, &*query, started);
    }
    let limit = request.limit.max(1);
    let page = TopDocs::with_limit(limit).and_offset(request.offset);
    let (addresses, total_hits): (Vec<(f32, DocAddress)>, usize) = match request.sort {
        Sort::Relevance if count_apart(&searcher, &*query) => (
            searcher.search(&query, &page.order_by_score())?,
            searcher.search(&query, &Count)?,
        ),
        Sort::Relevance => searcher.search(&query, &(page.order_by_score(), Count))?,
        Sort::Newest | Sort::Oldest => {
            let order = if request.sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            // Ties on the date go to the more relevant; the score comes with the sort key,
            // where asking `explain` for it tripped an assertion inside tantivy.
            let by_date = page.order_by((
                (
                    SortByStaticFastValue::<DateTime>::for_field(PUBLISHED),
                    order,
                ),
                (SortBySimilarityScore, Order::Desc),
            ));
            let (docs, total) = searcher.search(&query, &(by_date, Count))?;
            let scored = docs
                .into_iter()
                .map(|((_, score), address)| (score, address))
                .collect();
            (scored, total)
        }
    };
    let addresses = if request.limit == 0 {
        Vec::new()
    } else {
        addresses
    };
    let hits = hits_at(index, request, &searcher, &*query, addresses)?;
    let facets = if request.facets {
        Some(facets::count(&searcher, &query, None)?)
    } else {
        None
    };
    Ok(SearchResults {
        total_hits,
        total_articles: total_hits,
        hits,
        facets,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// [`search`] with `collapse`: every match is grouped by cluster, and the groups paged.
fn search_collapsed(
    index: &NewsIndex,
    request: &SearchRequest,
    searcher: &Searcher,
    query: &dyn Query,
    started: Instant,
) -> anyhow::Result<SearchResults> {
    let collapsed = collapse::collapse(searcher, &index.fields, query, request.sort)?;
    let addresses = collapsed
        .groups
        .iter()
        .skip(request.offset)
        .take(request.limit)
        .map(|group| (group.rank.score, group.best))
        .collect();
    let hits = hits_at(index, request, searcher, query, addresses)?;
    let facets = if request.facets {
        let only = collapsed.representatives(searcher.segment_readers().len());
        Some(facets::count(searcher, query, Some(only))?)
    } else {
        None
    };
    Ok(SearchResults {
        total_hits: collapsed.groups.len(),
        total_articles: collapsed.articles,
        hits,
        facets,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The hits of a page of matches, ranked from `request.offset`.
fn hits_at(
    index: &NewsIndex,
    request: &SearchRequest,
    searcher: &Searcher,
    query: &dyn Query,
    addresses: Vec<(f32, DocAddress)>,
) -> anyhow::Result<Vec<Hit>> {
    let snippets = snippet::Snippets::new(index, searcher, query)?;
    let mut hits = Vec::with_capacity(addresses.len());
    for (position, (score, address)) in addresses.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(address)?;
        let article = StoredArticle::from_document(&index.fields, &doc);
        let cluster = collapse::stored_cluster(&index.fields, &doc);
        let similar = collapse::similar(searcher, &index.fields, &article.id, cluster.as_deref())?;
        hits.push(Hit {
            rank: request.offset + position + 1,
            snippet: snippets.best(&article),
            cluster: cluster.unwrap_or_else(|| article.id.clone()),
            similar,
            id: article.id,
            score,
            title: article.title,
            url: article.url,
            source: article.source,
            published: article.published,
            published_source: article.published_source,
            extracted: article.extracted,
        });
    }
    Ok(hits)
}

/// Whether to count the matches in a pass of their own. Apart, each collector takes its
/// shortcut: the top hits skip blocks of documents that cannot beat those already found
/// (block-max WAND where the query is a union or intersection of terms), and counting scores
/// nothing; collected together, every match is scored. That pays for word queries, not
/// where both passes would do the same costly work: matching the positions of phrases whose
/// words are common, or walking a date range, whose matches all score alike.
fn count_apart(searcher: &Searcher, query: &dyn Query) -> bool {
    if has_range(query) {
        return false;
    }
    let mut phrase_words = 0u64;
    query.query_terms(&mut |term, positions| {
        if positions {
            let found = searcher.doc_freq(term).unwrap_or(u64::MAX);
            phrase_words = phrase_words.saturating_add(found);
        }
    });
    phrase_words <= searcher.num_docs() / 100
}

/// Whether a query holds a range or "any value" clause.
fn has_range(query: &dyn Query) -> bool {
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        return boolean
            .clauses()
            .iter()
            .any(|(_, clause)| has_range(&**clause));
    }
    query.is::<RangeQuery>() || query.is::<ExistsQuery>()
}

/// Checks a request's query and publication window without searching: an error here is the
/// asker's (the message the CLI prints), not the index's.
pub fn check(index: &NewsIndex, request: &SearchRequest) -> anyhow::Result<()> {
    build_query(index, request).map(|_| ())
}

/// The user's query, narrowed to the publication window when one is given.
fn build_query(index: &NewsIndex, request: &SearchRequest) -> anyhow::Result<Box<dyn Query>> {
    narrow_to_window(index, parse::parse(index, &request.query)?, request)
}

/// Narrows a query to articles published within `--since`/`--until`, if given.
pub(crate) fn narrow_to_window(
    index: &NewsIndex,
    query: Box<dyn Query>,
    request: &SearchRequest,
) -> anyhow::Result<Box<dyn Query>> {
    if request.since.is_none() && request.until.is_none() {
        return Ok(query);
    }
    let bound = |date: &Option<String>, end: bool, flag: &str| -> anyhow::Result<Bound<Term>> {
        match date {
            None => Ok(Bound::Unbounded),
            Some(text) => {
                let when = parse_published_bound(text, end)
                    .map_err(|err| anyhow::anyhow!("--{flag}: {err}"))?;
                let term = Term::from_field_date_for_search(
                    index.fields.published,
                    DateTime::from_timestamp_secs(when.unix_timestamp()),
                );
                Ok(if end {
                    Bound::Excluded(term)
                } else {
                    Bound::Included(term)
                })
            }
        }
    };
    let window = RangeQuery::new(
        bound(&request.since, false, "since")?,
        bound(&request.until, true, "until")?,
    );
    Ok(Box::new(BooleanQuery::new(vec![
        (Occur::Must, query),
        (Occur::Must, Box::new(window)),
    ])))
}

/// An article's near-duplicate cluster: its id (that of its first article) and the ids of
/// the cluster's other articles, first article first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub id: String,
    pub others: Vec<String>,
}

/// The cluster of the article `id`, if the index has it.
pub fn cluster_of(index: &NewsIndex, id: &str) -> anyhow::Result<Option<Cluster>> {
    let searcher = index.searcher()?;
    let term = Term::from_field_text(index.fields.id, id);
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, address)) = found.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(*address)?;
    let stored = collapse::stored_cluster(&index.fields, &doc);
    let others = collapse::members(&searcher, &index.fields, id, stored.as_deref())?;
    Ok(Some(Cluster {
        id: stored.unwrap_or_else(|| id.to_string()),
        others,
    }))
}

/// Finds one article by id.
pub fn find_by_id(index: &NewsIndex, id: &str) -> anyhow::Result<Option<StoredArticle>> {
    let searcher = index.searcher()?;
    let term = Term::from_field_text(index.fields.id, id);
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match found.first() {
        Some((_, address)) => {
            let doc: TantivyDocument = searcher.doc(*address)?;
            Ok(Some(StoredArticle::from_document(&index.fields, &doc)))
        }
        None => Ok(None),
    }
}

/// What `newsdex stats` reports.
#[derive(Debug, Clone)]
pub struct Overview {
    pub docs: u64,
    pub published_min: Option<OffsetDateTime>,
    pub published_max: Option<OffsetDateTime>,
    /// Top names per type and articles per month, over the whole index.
    pub facets: Facets,
    /// Near-duplicate clusters, an article alone counting as one.
    pub clusters: u64,
    /// The clusters of more than one article, largest first (at most [`LARGEST_CLUSTERS`]):
    /// the id of each one's first article and its articles.
    pub largest_clusters: Vec<(String, u64)>,
}

/// How many clusters `stats` lists.
pub const LARGEST_CLUSTERS: usize = 10;

/// Counts and ranges over the whole index.
pub fn overview(index: &NewsIndex) -> anyhow::Result<Overview> {
    let searcher = index.searcher()?;
    let dated = ExistsQuery::new(PUBLISHED.into(), false);
    let edge = |order: Order| -> anyhow::Result<Option<OffsetDateTime>> {
        let collector = TopDocs::with_limit(1).order_by_fast_field::<DateTime>(PUBLISHED, order);
        let found = searcher.search(&dated, &collector)?;
        Ok(found
            .first()
            .and_then(|(when, _)| *when)
            .and_then(|when| OffsetDateTime::from_unix_timestamp(when.into_timestamp_secs()).ok()))
    };
    let collapsed = collapse::collapse(
        &searcher,
        &index.fields,
        &tantivy::query::AllQuery,
        Sort::Relevance,
    )?;
    let mut largest_clusters: Vec<(String, u64)> = collapsed
        .groups
        .iter()
        .filter(|group| group.articles > 1)
        .filter_map(|group| Some((group.cluster.clone()?, group.articles)))
        .collect();
    largest_clusters.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    largest_clusters.truncate(LARGEST_CLUSTERS);
    Ok(Overview {
        docs: searcher.num_docs(),
        published_min: edge(Order::Asc)?,
        published_max: edge(Order::Desc)?,
        facets: facets::count(&searcher, &tantivy::query::AllQuery, None)?,
        clusters: collapsed.groups.len() as u64,
        largest_clusters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_counted_apart_only_where_that_saves_work() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(&dir.path().join("index")).unwrap();
        let fields = index.fields;
        let mut writer: tantivy::IndexWriter =
            index.index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..300 {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.id, format!("a{n}"));
            let body = if n % 3 == 0 {
                "prime minister"
            } else {
                "minister prime"
            };
            doc.add_text(fields.body, body);
            doc.add_text(fields.body_pairs, body);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.searcher().unwrap();
        let apart = |query: &str| {
            let query = parse::parse(&index, query).unwrap();
            count_apart(&searcher, &*query)
        };
        assert!(apart("prime"));
        assert!(apart("prime minister"));
        // Word pairs (of two common words) need no positions...
        assert!(apart("\"prime minister\""));
        // ...but a phrase of common words asked of the body by name does.
        assert!(!apart("body:\"prime minister\""));
        assert!(!apart("prime AND published:[2019 TO 2020]"));

        // Both ways give the same hits and the same count.
        for text in [
            "prime",
            "prime minister",
            "\"prime minister\"",
            "minister OR prime",
        ] {
            let query = parse::parse(&index, text).unwrap();
            let top = || TopDocs::with_limit(5).and_offset(2).order_by_score();
            let together = searcher.search(&query, &(top(), Count)).unwrap();
            let apart = (
                searcher.search(&query, &top()).unwrap(),
                searcher.search(&query, &Count).unwrap(),
            );
            let addresses = |hits: &[(f32, DocAddress)]| -> Vec<DocAddress> {
                hits.iter().map(|&(_, address)| address).collect()
            };
            assert_eq!(addresses(&together.0), addresses(&apart.0), "{text}");
            assert_eq!(together.1, apart.1, "{text}");
        }
        let request = SearchRequest {
            query: "\"prime minister\"".to_string(),
            limit: 5,
            offset: 0,
            sort: Sort::Relevance,
            since: None,
            until: None,
            facets: false,
            collapse: false,
        };
        let results = search(&index, &request).unwrap();
        assert_eq!((results.total_hits, results.hits.len()), (100, 5));
    }
}
