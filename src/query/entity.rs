//! One entity over the whole index: its canonical name and the forms articles write it in,
//! how many articles name it and when, the names most often beside it, and its quotes.
//!
//! The name is matched as a name field search would (`person:"NAME"`, with the forms aliases
//! give it); without a type, the type whose field matches the most articles is taken.

use std::collections::HashMap;
use std::time::Instant;

use time::OffsetDateTime;

use super::{search, search_quotes, timeline, Facets, QuoteRequest, QuoteResults, SearchRequest};
use super::{Sort, Timeline};
use crate::extract::{searched_alias, EntityKind};
use crate::index::NewsIndex;

/// How many articles are read for the forms of the name.
const ARTICLES_FOR_FORMS: usize = 500;

/// How many quotes of each kind a profile shows.
const QUOTES_SHOWN: usize = 10;

/// One entity's profile.
#[derive(Debug)]
pub struct Profile {
    /// The canonical name.
    pub name: String,
    pub kind: EntityKind,
    /// The query that finds its articles (`person:"Wilbur Ross"`).
    pub query: String,
    /// The query that finds the quotes naming it (`quote:"Wilbur Ross"`).
    pub quote_query: String,
    /// The texts articles write for it, with how many mentions each (most first), over the
    /// first articles that name it.
    pub forms: Vec<(String, u64)>,
    /// Articles that name it.
    pub articles: usize,
    pub first_published: Option<OffsetDateTime>,
    pub last_published: Option<OffsetDateTime>,
    pub timeline: Timeline,
    /// The names most often in the same articles, itself left out.
    pub related: Facets,
    /// What it said, as a quote's speaker.
    pub said: QuoteResults,
    /// Quotes whose words name it.
    pub mentioned_in: QuoteResults,
    pub took_ms: f64,
}

/// The query that finds the articles naming `name` as a `kind`.
fn name_query(kind: EntityKind, name: &str) -> String {
    format!("{}:\"{}\"", kind.as_str(), name.replace('"', " "))
}

fn request(query: String, limit: usize, sort: Sort, facets: bool) -> SearchRequest {
    SearchRequest {
        query,
        limit,
        offset: 0,
        sort,
        since: None,
        until: None,
        facets,
        collapse: false,
    }
}

/// The profile of the entity named `name`, of `kind` if given; `None` when no article names
/// it.
pub fn profile(
    index: &NewsIndex,
    name: &str,
    kind: Option<EntityKind>,
) -> anyhow::Result<Option<Profile>> {
    let started = Instant::now();
    let kinds = kind.map_or(EntityKind::ALL.to_vec(), |kind| vec![kind]);
    let mut best: Option<(usize, EntityKind)> = None;
    for kind in kinds {
        let found = search(
            index,
            &request(name_query(kind, name), 0, Sort::Relevance, false),
        )?;
        if found.total_hits > best.map_or(0, |(hits, _)| hits) {
            best = Some((found.total_hits, kind));
        }
    }
    let Some((_, kind)) = best else {
        return Ok(None);
    };
    let first = search(
        index,
        &request(name_query(kind, name), 0, Sort::Relevance, true),
    )?;
    let canonical = searched_alias(name, Some(kind)).map_or_else(
        || canonical_name(name, kind, &first.facets.unwrap_or_default()),
        str::to_string,
    );
    let query = name_query(kind, &canonical);
    let found = search(
        index,
        &request(query.clone(), ARTICLES_FOR_FORMS, Sort::Relevance, true),
    )?;
    let mut related = found.facets.unwrap_or_default();
    for (k, names) in &mut related.entities {
        if *k == kind {
            names.retain(|(n, _)| *n != canonical);
        }
    }
    let mut forms: HashMap<&str, u64> = HashMap::new();
    for hit in &found.hits {
        for entity in hit.extracted.entities.iter().filter(|e| e.kind == kind) {
            if entity.name == canonical {
                *forms.entry(entity.text.as_str()).or_default() += 1;
            }
        }
    }
    let mut forms: Vec<(String, u64)> =
        forms.into_iter().map(|(f, n)| (f.to_string(), n)).collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let dated = |sort| -> anyhow::Result<Option<OffsetDateTime>> {
        let found = search(
            index,
            &request(format!("({query}) AND published:*"), 1, sort, false),
        )?;
        Ok(found.hits.first().and_then(|hit| hit.published))
    };
    let quotes = |query: String, speaker: Option<String>| {
        search_quotes(
            index,
            &QuoteRequest {
                search: request(query, QUOTES_SHOWN, Sort::Relevance, false),
                speaker,
                kind: None,
            },
        )
    };
    let said = quotes("*".into(), Some(canonical.clone()))?;
    let quote_query = format!("quote:\"{}\"", canonical.replace('"', " "));
    let mentioned_in = quotes(quote_query.clone(), None)?;
    Ok(Some(Profile {
        kind,
        forms,
        articles: found.total_hits,
        first_published: dated(Sort::Oldest)?,
        last_published: dated(Sort::Newest)?,
        timeline: timeline(
            index,
            &request(query.clone(), 0, Sort::Relevance, false),
            None,
        )?,
        query,
        quote_query,
        related,
        said,
        mentioned_in,
        name: canonical,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    }))
}

/// The canonical name the searched `name` stands for: the most frequent name of its type in
/// the matching articles that holds every word searched ("ross" is "Wilbur Ross"), else the
/// name as given.
fn canonical_name(name: &str, kind: EntityKind, facets: &Facets) -> String {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wanted = words(name);
    let names = facets.entities.iter().find(|(k, _)| *k == kind);
    names
        .and_then(|(_, names)| {
            names.iter().find(|(candidate, _)| {
                let have = words(candidate);
                wanted.iter().all(|w| have.contains(w))
            })
        })
        .or_else(|| names.and_then(|(_, names)| names.first()))
        .map_or_else(|| name.to_string(), |(candidate, _)| candidate.clone())
}
