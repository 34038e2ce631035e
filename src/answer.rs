//! The answers the index gives, each as the JSON value `--json` prints: one function per
//! question, called alike by the command line (`commands`) and the web server (`serve`), so
//! that the API's bodies are the CLI's output by construction.
//!
//! Each answer owns its results and lends them to the borrowing structs of
//! [`crate::output::json`] through `json()`; the human printers read the same results.

use crate::extract::EntityKind;
use crate::index::{NewsIndex, StoredArticle};
use crate::output::json::{EntityJson, QueryResponse, QuotesResponse, ShowRecord, TimelineJson};
use crate::query::{
    self, Cluster, Granularity, Profile, QuoteRequest, QuoteResults, SearchRequest, SearchResults,
    Timeline,
};

/// `query --json`: a page of hits, and facets when asked for.
pub struct QueryAnswer {
    pub request: SearchRequest,
    pub results: SearchResults,
}

impl QueryAnswer {
    pub fn json(&self) -> QueryResponse<'_> {
        QueryResponse::new(
            &self.request.query,
            self.request.offset,
            self.request.limit,
            &self.results,
        )
    }
}

/// Runs a search.
pub fn query(index: &NewsIndex, request: SearchRequest) -> anyhow::Result<QueryAnswer> {
    let results = query::search(index, &request)?;
    Ok(QueryAnswer { request, results })
}

/// `quotes --json`: a page of quotations.
pub struct QuotesAnswer {
    pub request: QuoteRequest,
    pub results: QuoteResults,
}

impl QuotesAnswer {
    pub fn json(&self) -> QuotesResponse<'_> {
        QuotesResponse::new(
            &self.request.search.query,
            self.request.speaker.as_deref(),
            self.request.search.offset,
            self.request.search.limit,
            &self.results,
        )
    }
}

/// Runs a quote search.
pub fn quotes(index: &NewsIndex, request: QuoteRequest) -> anyhow::Result<QuotesAnswer> {
    let results = query::search_quotes(index, &request)?;
    Ok(QuotesAnswer { request, results })
}

/// `timeline --json`: matching articles per period.
pub struct TimelineAnswer {
    pub query: String,
    pub timeline: Timeline,
}

impl TimelineAnswer {
    pub fn json(&self) -> TimelineJson<'_> {
        TimelineJson::new(&self.query, &self.timeline)
    }
}

/// The search a timeline counts: every match of `query` within the window, no page of hits.
pub fn timeline_request(
    query: String,
    since: Option<String>,
    until: Option<String>,
    collapse: bool,
) -> SearchRequest {
    SearchRequest {
        query,
        limit: 1,
        offset: 0,
        sort: query::Sort::Relevance,
        since,
        until,
        facets: false,
        collapse,
    }
}

/// Counts the matches of `request` per period (`by`, else a width fitting their span).
pub fn timeline(
    index: &NewsIndex,
    request: &SearchRequest,
    by: Option<Granularity>,
) -> anyhow::Result<TimelineAnswer> {
    let timeline = query::timeline(index, request, by)?;
    Ok(TimelineAnswer {
        query: request.query.clone(),
        timeline,
    })
}

/// `show --json`: one stored article and its near-duplicate cluster.
pub struct ArticleAnswer {
    pub article: StoredArticle,
    pub cluster: Cluster,
}

impl ArticleAnswer {
    pub fn json(&self) -> ShowRecord<'_> {
        ShowRecord::new(&self.article, &self.cluster)
    }
}

/// The article `id`, or `None` when the index has no such article.
pub fn article(index: &NewsIndex, id: &str) -> anyhow::Result<Option<ArticleAnswer>> {
    let Some(article) = query::find_by_id(index, id)? else {
        return Ok(None);
    };
    let cluster = query::cluster_of(index, id)?.unwrap_or_else(|| Cluster {
        id: article.id.clone(),
        others: Vec::new(),
    });
    Ok(Some(ArticleAnswer { article, cluster }))
}

/// What is said when the index has no article `id`.
pub fn no_article(index: &NewsIndex, id: &str) -> String {
    format!("no article with id {id:?} in {}", index.path.display())
}

/// `entity --json`: one entity's profile.
pub struct EntityAnswer {
    pub profile: Profile,
}

impl EntityAnswer {
    pub fn json(&self) -> EntityJson<'_> {
        EntityJson::new(&self.profile)
    }
}

/// The profile of the entity `name` (of `kind`, if given), or `None` when no article names it.
pub fn entity(
    index: &NewsIndex,
    name: &str,
    kind: Option<EntityKind>,
) -> anyhow::Result<Option<EntityAnswer>> {
    Ok(query::profile(index, name, kind)?.map(|profile| EntityAnswer { profile }))
}

/// What is said when no article names `name`.
pub fn no_entity(name: &str) -> String {
    format!("no article names {name:?}")
}
