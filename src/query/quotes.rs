//! Quote-level search: the quotations in the articles a query matches, each a hit of its own
//! with its speaker and article, ranked by how many of the query's words it holds and then by
//! its article's relevance.

use std::collections::BTreeMap;
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, TantivyDocument};
use time::OffsetDateTime;

use super::snippet::query_words;
use super::{narrow_to_window, parse, SearchRequest};
use crate::extract::QuoteKind;
use crate::index::{stored_extraction, NewsIndex, StoredArticle};

/// How many of the best matching articles are searched for quotes.
const CANDIDATE_ARTICLES: usize = 2000;

/// A quote search: the article query and options, and an optional speaker.
#[derive(Debug, Clone)]
pub struct QuoteRequest {
    /// Query, limit, offset, since and until as for articles (sort and facets unused).
    pub search: SearchRequest,
    /// Only quotes whose speaker's name holds these words.
    pub speaker: Option<String>,
    /// Only direct quotes, or only reported speech; both when `None`.
    pub kind: Option<QuoteKind>,
}

/// One quotation.
#[derive(Debug, Clone)]
pub struct QuoteHit {
    pub rank: usize,
    pub score: f32,
    /// A direct quote's words, or a reported speech's content.
    pub text: String,
    pub kind: QuoteKind,
    /// `[start, end)` byte offsets of the query's words in `text`.
    pub highlights: Vec<(usize, usize)>,
    pub speaker: Option<String>,
    pub speaker_mention: Option<String>,
    pub article_id: String,
    pub article_title: String,
    pub article_url: Option<String>,
    pub article_published: Option<OffsetDateTime>,
}

/// The answer to a quote search.
#[derive(Debug, Clone)]
pub struct QuoteResults {
    /// Matching quotes among the candidate articles.
    pub total_hits: usize,
    pub hits: Vec<QuoteHit>,
    pub took_ms: f64,
}

/// Runs a quote search.
pub fn search_quotes(index: &NewsIndex, request: &QuoteRequest) -> anyhow::Result<QuoteResults> {
    let started = Instant::now();
    let fields = &index.fields;
    let user_query = parse::parse(index, &request.search.query)?;
    let words = query_words(
        &*user_query,
        fields,
        &[
            fields.title,
            fields.body,
            fields.entity,
            fields.quote,
            fields.reported,
        ],
    );
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user_query)];
    let speaker_words = match &request.speaker {
        Some(name) => {
            let phrase = format!("speaker:\"{}\"", name.replace('"', " "));
            clauses.push((Occur::Must, parse::parse(index, &phrase)?));
            name_words(index, name)?
        }
        None => Vec::new(),
    };
    let query = narrow_to_window(index, Box::new(BooleanQuery::new(clauses)), &request.search)?;
    let searcher = index.searcher()?;
    let articles: Vec<(f32, DocAddress)> = searcher.search(
        &query,
        &TopDocs::with_limit(CANDIDATE_ARTICLES).order_by_score(),
    )?;
    let mut analyzer = index.index.tokenizer_for_field(fields.quote)?;
    let mut found: Vec<(usize, f32, QuoteHit)> = Vec::new();
    for (score, address) in articles {
        let doc: TantivyDocument = searcher.doc(address)?;
        let extracted = stored_extraction(fields, &doc);
        let article = StoredArticle::from_document(fields, &doc);
        for quote in extracted.quotes {
            if request.kind.is_some_and(|kind| kind != quote.kind) {
                continue;
            }
            if !speaker_words.is_empty()
                && !speaker_fits(quote.speaker.as_deref(), &speaker_words, &mut analyzer)
            {
                continue;
            }
            let highlights = mark_words(&quote.text, &words, &mut analyzer);
            if !words.is_empty() && highlights.is_empty() {
                continue;
            }
            let distinct = distinct_words(&quote.text, &highlights);
            found.push((
                distinct,
                score,
                QuoteHit {
                    rank: 0,
                    score,
                    highlights,
                    kind: quote.kind,
                    speaker: quote.speaker,
                    speaker_mention: quote.speaker_mention.map(|m| m.text),
                    text: quote.text,
                    article_id: article.id.clone(),
                    article_title: article.title.clone(),
                    article_url: article.url.clone(),
                    article_published: article.published,
                },
            ));
        }
    }
    // More of the query's words first, then the article's relevance; stable for ties.
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let total_hits = found.len();
    let hits = found
        .into_iter()
        .skip(request.search.offset)
        .take(request.search.limit)
        .enumerate()
        .map(|(i, (_, _, mut hit))| {
            hit.rank = request.search.offset + i + 1;
            hit
        })
        .collect();
    Ok(QuoteResults {
        total_hits,
        hits,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The words of a name as the analyser writes them.
fn name_words(index: &NewsIndex, name: &str) -> anyhow::Result<Vec<String>> {
    let mut analyzer = index.index.tokenizer_for_field(index.fields.speaker)?;
    let mut words = Vec::new();
    let mut stream = analyzer.token_stream(name);
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    Ok(words)
}

/// Whether every word asked for is a word of the speaker's name.
fn speaker_fits(
    speaker: Option<&str>,
    wanted: &[String],
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> bool {
    let Some(speaker) = speaker else {
        return false;
    };
    let mut words = Vec::new();
    let mut stream = analyzer.token_stream(speaker);
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    wanted.iter().all(|w| words.contains(w))
}

/// Byte ranges of the words of `text` that are among `words`.
fn mark_words(
    text: &str,
    words: &BTreeMap<String, f32>,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Vec<(usize, usize)> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut marks = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if words.contains_key(&token.text) {
            marks.push((token.offset_from, token.offset_to));
        }
    }
    marks
}

/// How many different words the marks cover, case-insensitively.
fn distinct_words(text: &str, marks: &[(usize, usize)]) -> usize {
    let mut seen: Vec<String> = marks
        .iter()
        .filter_map(|&(s, e)| text.get(s..e))
        .map(str::to_lowercase)
        .collect();
    seen.sort();
    seen.dedup();
    seen.len()
}
