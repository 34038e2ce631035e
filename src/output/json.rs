//! The JSON that scripts read. These structs are the format: fields are only ever added,
//! never renamed or removed. Absent values are `null`, never left out (except `facets`,
//! present only when asked for).
//!
//! `newsdex query --json` prints one [`QueryResponse`]:
//! ```json
//! {"query":"huawei","total_hits":12,"total_articles":12,"offset":0,"limit":10,"took_ms":1.7,
//!  "hits":[{"rank":1,"id":"…","score":7.12,"title":"…","url":null,"published":"2019-11-21",
//!           "published_source":"metadata",
//!           "snippet":{"field":"body","text":"… to Huawei …","highlights":[[31,37]]},
//!           "entities":{"person":["Wilbur Ross"],"org":["Huawei"],"place":[],"misc":[]},
//!           "dates":["2019-11-20"],
//!           "quotes":[{"text":"…","speaker":"Wilbur Ross"}],
//!           "cluster":"…","similar":0}],
//!  "facets":{"person":[["Wilbur Ross",3]],"org":[["Huawei",12]],"place":[],"misc":[],
//!            "speaker":[["Wilbur Ross",2]],"published_month":[["2019-11",12]]}}
//! ```
//! `--jsonl` prints one [`HitJson`] per line. `newsdex quotes --json` prints one
//! [`QuotesResponse`]:
//! ```json
//! {"query":"debt","speaker":null,"total_hits":3,"offset":0,"limit":10,"took_ms":0.9,
//!  "hits":[{"rank":1,"score":4.2,"text":"We are using this moment to pay down debt",
//!           "highlights":[[37,41]],"speaker":"Hendrik de Vries","speaker_mention":"he",
//!           "article":{"id":"wire-0006","title":"…","published":"2025-03-20","url":"…"}}]}
//! ```
//! and `--jsonl` one [`QuoteHitJson`] per line. `newsdex timeline --json` prints one
//! [`TimelineJson`]:
//! ```json
//! {"query":"huawei","by":"month","total_hits":14,"undated":2,"took_ms":1.1,
//!  "buckets":[{"key":"2019-10","start":"2019-10-01","count":3},{"key":"2019-11","start":"2019-11-01","count":9}]}
//! ``` `newsdex extract` prints one [`ExtractRecord`]
//! per article; `show --json` a [`ShowRecord`]; `stats --json` a [`StatsJson`]; `index --json`
//! an [`IndexSummary`].

use serde::Serialize;
use time::OffsetDateTime;

use crate::extract::{DateMention, Entity, EntityKind, Extracted, Quote, QuoteKind};
use crate::index::StoredArticle;
use crate::ingest::{Article, Problem, PublishedSource};
use crate::query::{
    Cluster, Facets, Hit, Profile, QuoteHit, QuoteResults, SearchResults, Timeline,
};

/// A day as `YYYY-MM-DD`.
pub fn day(when: Option<OffsetDateTime>) -> Option<String> {
    when.map(|w| format!("{:04}-{:02}-{:02}", w.year(), w.month() as u8, w.day()))
}

/// The summary of `newsdex index --json`.
#[derive(Debug, Serialize)]
pub struct IndexSummary {
    /// Articles with an id new to the index.
    pub added: u64,
    /// Articles that replaced one with the same id.
    pub replaced: u64,
    /// Records skipped as bad.
    pub skipped: u64,
    /// One item per skipped record.
    pub errors: Vec<ErrorJson>,
    /// Records read with a caveat (e.g. invalid UTF-8 decoded lossily).
    pub warnings: u64,
    /// Articles passed over with `--resume` because the last commit already had them.
    pub resumed: u64,
    /// Articles in the index after the run.
    pub docs: u64,
    pub elapsed_ms: u64,
}

/// A skipped record.
#[derive(Debug, Serialize)]
pub struct ErrorJson {
    pub path: String,
    /// 1-based; 0 when the whole file is meant.
    pub line: u64,
    pub message: String,
}

impl From<&Problem> for ErrorJson {
    fn from(problem: &Problem) -> Self {
        ErrorJson {
            path: problem.origin.path.clone(),
            line: problem.origin.line,
            message: problem.message.clone(),
        }
    }
}

/// `newsdex query --json`.
#[derive(Debug, Serialize)]
pub struct QueryResponse<'a> {
    pub query: &'a str,
    /// Articles matching, over all pages; with `--collapse`, near-duplicate clusters.
    pub total_hits: usize,
    /// Articles matching, over all pages (`total_hits` too unless `--collapse`).
    pub total_articles: usize,
    pub offset: usize,
    pub limit: usize,
    pub took_ms: f64,
    pub hits: Vec<HitJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetsJson<'a>>,
}

impl<'a> QueryResponse<'a> {
    pub fn new(query: &'a str, offset: usize, limit: usize, results: &'a SearchResults) -> Self {
        QueryResponse {
            query,
            total_hits: results.total_hits,
            total_articles: results.total_articles,
            offset,
            limit,
            took_ms: (results.took_ms * 1000.0).round() / 1000.0,
            hits: results.hits.iter().map(HitJson::from).collect(),
            facets: results.facets.as_ref().map(FacetsJson::from),
        }
    }
}

/// One hit.
#[derive(Debug, Serialize)]
pub struct HitJson<'a> {
    pub rank: usize,
    pub id: &'a str,
    pub score: f32,
    pub title: &'a str,
    pub url: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where `published` came from: `metadata`, `text`, `url` or `flag`.
    pub published_source: Option<&'static str>,
    pub snippet: SnippetJson<'a>,
    /// Distinct canonical names per type, in order of first mention.
    pub entities: EntitiesJson<'a>,
    /// Distinct TIMEX3 values mentioned.
    pub dates: Vec<&'a str>,
    pub quotes: Vec<QuoteBrief<'a>>,
    /// The id of the first indexed article of its near-duplicate cluster; its own id when
    /// it is that article or has no near-duplicate.
    pub cluster: &'a str,
    /// How many other indexed articles are in its cluster.
    pub similar: u64,
}

impl<'a> From<&'a Hit> for HitJson<'a> {
    fn from(hit: &'a Hit) -> Self {
        HitJson {
            rank: hit.rank,
            id: &hit.id,
            score: (hit.score * 1000.0).round() / 1000.0,
            title: &hit.title,
            url: hit.url.as_deref(),
            published: day(hit.published),
            published_source: hit.published_source.map(PublishedSource::as_str),
            snippet: SnippetJson {
                field: hit.snippet.field.as_str(),
                text: &hit.snippet.text,
                highlights: hit
                    .snippet
                    .highlights
                    .iter()
                    .map(|&(s, e)| [s, e])
                    .collect(),
            },
            entities: EntitiesJson::from(&hit.extracted),
            dates: hit.extracted.date_values(),
            quotes: hit
                .extracted
                .quotes
                .iter()
                .map(|q| QuoteBrief {
                    text: &q.text,
                    kind: q.kind,
                    speaker: q.speaker.as_deref(),
                })
                .collect(),
            cluster: &hit.cluster,
            similar: hit.similar,
        }
    }
}

/// The passage shown for a hit.
#[derive(Debug, Serialize)]
pub struct SnippetJson<'a> {
    /// `body` or `quote`.
    pub field: &'static str,
    pub text: &'a str,
    /// `[start, end)` byte offsets into `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// Names per entity type.
#[derive(Debug, Serialize)]
pub struct EntitiesJson<'a> {
    pub person: Vec<&'a str>,
    pub org: Vec<&'a str>,
    pub place: Vec<&'a str>,
    pub misc: Vec<&'a str>,
}

impl<'a> From<&'a Extracted> for EntitiesJson<'a> {
    fn from(extracted: &'a Extracted) -> Self {
        EntitiesJson {
            person: extracted.names(EntityKind::Person),
            org: extracted.names(EntityKind::Org),
            place: extracted.names(EntityKind::Place),
            misc: extracted.names(EntityKind::Misc),
        }
    }
}

/// A quote in a hit: its words, whether they are quoted or reported, and who said them.
#[derive(Debug, Serialize)]
pub struct QuoteBrief<'a> {
    pub text: &'a str,
    pub kind: QuoteKind,
    pub speaker: Option<&'a str>,
}

/// Facet counts as `[value, articles]` pairs, most first (months in calendar order).
#[derive(Debug, Serialize)]
pub struct FacetsJson<'a> {
    pub person: Vec<(&'a str, u64)>,
    pub org: Vec<(&'a str, u64)>,
    pub place: Vec<(&'a str, u64)>,
    pub misc: Vec<(&'a str, u64)>,
    pub speaker: Vec<(&'a str, u64)>,
    pub published_month: Vec<(&'a str, u64)>,
}

fn pairs(counts: &[(String, u64)]) -> Vec<(&str, u64)> {
    counts.iter().map(|(k, n)| (k.as_str(), *n)).collect()
}

impl<'a> From<&'a Facets> for FacetsJson<'a> {
    fn from(facets: &'a Facets) -> Self {
        let kind = |wanted: EntityKind| {
            facets
                .entities
                .iter()
                .find(|(k, _)| *k == wanted)
                .map(|(_, counts)| pairs(counts))
                .unwrap_or_default()
        };
        FacetsJson {
            person: kind(EntityKind::Person),
            org: kind(EntityKind::Org),
            place: kind(EntityKind::Place),
            misc: kind(EntityKind::Misc),
            speaker: pairs(&facets.speakers),
            published_month: pairs(&facets.published_month),
        }
    }
}

/// One line of `newsdex extract`: every mention, located by field and byte offsets.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub published: Option<String>,
    /// Where `published` came from: `metadata`, `text`, `url` or `flag`.
    pub published_source: Option<&'static str>,
    pub entities: &'a [Entity],
    pub dates: &'a [DateMention],
    pub quotes: &'a [Quote],
}

impl<'a> ExtractRecord<'a> {
    pub fn new(article: &'a Article, extracted: &'a Extracted) -> Self {
        Self::from_parts(
            &article.id,
            &article.title,
            article.published,
            article.published_source,
            extracted,
        )
    }

    fn from_parts(
        id: &'a str,
        title: &'a str,
        published: Option<OffsetDateTime>,
        published_source: Option<PublishedSource>,
        extracted: &'a Extracted,
    ) -> Self {
        ExtractRecord {
            id,
            title,
            published: day(published),
            published_source: published_source.map(PublishedSource::as_str),
            entities: &extracted.entities,
            dates: &extracted.dates,
            quotes: &extracted.quotes,
        }
    }
}

/// `newsdex show --json`: the extraction plus the stored article.
#[derive(Debug, Serialize)]
pub struct ShowRecord<'a> {
    #[serde(flatten)]
    pub extract: ExtractRecord<'a>,
    pub body: &'a str,
    pub url: Option<&'a str>,
    pub source: Option<&'a str>,
    pub authors: &'a [String],
    /// As in a hit: the id of the first article of its near-duplicate cluster.
    pub cluster: &'a str,
    /// How many other indexed articles are in its cluster.
    pub similar: usize,
    /// Their ids, the cluster's first article first.
    pub similar_ids: &'a [String],
}

impl<'a> ShowRecord<'a> {
    pub fn new(article: &'a StoredArticle, cluster: &'a Cluster) -> Self {
        ShowRecord {
            extract: ExtractRecord::from_parts(
                &article.id,
                &article.title,
                article.published,
                article.published_source,
                &article.extracted,
            ),
            body: &article.body,
            url: article.url.as_deref(),
            source: article.source.as_deref(),
            authors: &article.authors,
            cluster: &cluster.id,
            similar: cluster.others.len(),
            similar_ids: &cluster.others,
        }
    }
}

/// `newsdex stats --json`.
#[derive(Debug, Serialize)]
pub struct StatsJson<'a> {
    pub docs: u64,
    pub size_bytes: u64,
    pub published_min: Option<String>,
    pub published_max: Option<String>,
    /// The most mentioned names per type, with article counts, and articles per month.
    pub top: FacetsJson<'a>,
    /// Bytes per field (its terms, postings, positions, fast column and norms, plus an
    /// estimated share of the compressed document store), and `other` for the rest.
    pub size_by_field: std::collections::BTreeMap<String, u64>,
    /// Near-duplicate clusters, an article with no near-duplicate counting as one.
    pub clusters: u64,
    /// The largest clusters of more than one article, largest first (at most ten).
    pub largest_clusters: Vec<ClusterJson<'a>>,
}

/// A near-duplicate cluster in `stats`.
#[derive(Debug, Serialize)]
pub struct ClusterJson<'a> {
    /// The id of its first article.
    pub cluster: &'a str,
    pub articles: u64,
}

impl<'a> ClusterJson<'a> {
    pub fn list(largest: &'a [(String, u64)]) -> Vec<ClusterJson<'a>> {
        largest
            .iter()
            .map(|(cluster, articles)| ClusterJson {
                cluster,
                articles: *articles,
            })
            .collect()
    }
}

/// `newsdex quotes --json`.
#[derive(Debug, Serialize)]
pub struct QuotesResponse<'a> {
    pub query: &'a str,
    pub speaker: Option<&'a str>,
    /// Matching quotes, over all pages.
    pub total_hits: usize,
    pub offset: usize,
    pub limit: usize,
    pub took_ms: f64,
    pub hits: Vec<QuoteHitJson<'a>>,
}

impl<'a> QuotesResponse<'a> {
    pub fn new(
        query: &'a str,
        speaker: Option<&'a str>,
        offset: usize,
        limit: usize,
        results: &'a QuoteResults,
    ) -> Self {
        QuotesResponse {
            query,
            speaker,
            total_hits: results.total_hits,
            offset,
            limit,
            took_ms: (results.took_ms * 1000.0).round() / 1000.0,
            hits: results.hits.iter().map(QuoteHitJson::from).collect(),
        }
    }
}

/// One quote hit.
#[derive(Debug, Serialize)]
pub struct QuoteHitJson<'a> {
    pub rank: usize,
    /// The relevance of the quote's article.
    pub score: f32,
    /// The quoted words, without the marks, or the reported content.
    pub text: &'a str,
    /// `direct` or `indirect` (reported speech).
    pub kind: QuoteKind,
    /// `[start, end)` byte offsets of the query's words in `text`.
    pub highlights: Vec<[usize; 2]>,
    pub speaker: Option<&'a str>,
    /// The words that name the speaker ("he", "a Microsoft spokesperson").
    pub speaker_mention: Option<&'a str>,
    pub article: ArticleRef<'a>,
}

/// The article a quote is from.
#[derive(Debug, Serialize)]
pub struct ArticleRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub published: Option<String>,
    pub url: Option<&'a str>,
}

impl<'a> From<&'a QuoteHit> for QuoteHitJson<'a> {
    fn from(hit: &'a QuoteHit) -> Self {
        QuoteHitJson {
            rank: hit.rank,
            score: (hit.score * 1000.0).round() / 1000.0,
            text: &hit.text,
            kind: hit.kind,
            highlights: hit.highlights.iter().map(|&(s, e)| [s, e]).collect(),
            speaker: hit.speaker.as_deref(),
            speaker_mention: hit.speaker_mention.as_deref(),
            article: ArticleRef {
                id: &hit.article_id,
                title: &hit.article_title,
                published: day(hit.article_published),
                url: hit.article_url.as_deref(),
            },
        }
    }
}

/// `newsdex timeline --json`.
#[derive(Debug, Serialize)]
pub struct TimelineJson<'a> {
    pub query: &'a str,
    /// `day`, `week`, `month` or `year`.
    pub by: &'static str,
    /// Matching articles, dated or not.
    pub total_hits: u64,
    /// Matching articles without a publication date (in no bucket).
    pub undated: u64,
    pub took_ms: f64,
    /// Every bucket from the first matching article's to the last's, empty ones included.
    pub buckets: Vec<BucketJson>,
}

/// One bucket of a timeline.
#[derive(Debug, Serialize)]
pub struct BucketJson {
    /// `2019-11-21`, `2019-W47`, `2019-11` or `2019`.
    pub key: String,
    /// The bucket's first day, `YYYY-MM-DD`.
    pub start: String,
    pub count: u64,
}

impl<'a> TimelineJson<'a> {
    pub fn new(query: &'a str, timeline: &Timeline) -> Self {
        TimelineJson {
            query,
            by: timeline.granularity.as_str(),
            total_hits: timeline.dated + timeline.undated,
            undated: timeline.undated,
            took_ms: (timeline.took_ms * 1000.0).round() / 1000.0,
            buckets: timeline
                .buckets
                .iter()
                .map(|b| BucketJson {
                    key: b.label.clone(),
                    start: b.start.to_string(),
                    count: b.count,
                })
                .collect(),
        }
    }
}

/// `newsdex entity --json`: one entity over the index.
#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    /// The canonical name.
    pub name: &'a str,
    /// `person`, `org`, `place` or `misc`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The texts articles write for it, most mentions first (over up to 500 articles).
    pub forms: Vec<FormJson<'a>>,
    /// Articles that name it.
    pub articles: usize,
    /// The first and last publication days of those articles, `YYYY-MM-DD`.
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Its articles per period, as `timeline --json`.
    pub timeline: TimelineJson<'a>,
    /// The names most often in the same articles, as `query --facets`; itself left out.
    pub related: FacetsJson<'a>,
    /// Quotes it said, as `quotes --json --speaker NAME`.
    pub quotes_said: QuotesResponse<'a>,
    /// Quotes whose words name it, as `quotes --json 'quote:"NAME"'`.
    pub quotes_mentioning: QuotesResponse<'a>,
    pub took_ms: f64,
}

/// One form of a name, and how many mentions write it so.
#[derive(Debug, Serialize)]
pub struct FormJson<'a> {
    pub text: &'a str,
    pub mentions: u64,
}

impl<'a> EntityJson<'a> {
    pub fn new(profile: &'a Profile) -> Self {
        EntityJson {
            name: &profile.name,
            kind: profile.kind.as_str(),
            forms: profile
                .forms
                .iter()
                .map(|(text, mentions)| FormJson {
                    text,
                    mentions: *mentions,
                })
                .collect(),
            articles: profile.articles,
            first_published: day(profile.first_published),
            last_published: day(profile.last_published),
            timeline: TimelineJson::new(&profile.query, &profile.timeline),
            related: FacetsJson::from(&profile.related),
            quotes_said: QuotesResponse::new(
                "*",
                Some(&profile.name),
                0,
                profile.said.hits.len(),
                &profile.said,
            ),
            quotes_mentioning: QuotesResponse::new(
                &profile.quote_query,
                None,
                0,
                profile.mentioned_in.hits.len(),
                &profile.mentioned_in,
            ),
            took_ms: (profile.took_ms * 1000.0).round() / 1000.0,
        }
    }
}
