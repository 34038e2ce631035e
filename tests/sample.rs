//! The sample corpus against its gold facts (tests/sample_facts.json): searches by person,
//! organisation, place, speaker, quote and date return exactly the articles the facts name,
//! and extraction as a whole stays above a measured floor.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::common::{sample_corpus, ExtractRecord, IndexSummary, QueryResponse, Workspace};

/// The gold facts of one sample article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    id: String,
    path: String,
    published: Option<String>,
    person: Vec<String>,
    org: Vec<String>,
    place: Vec<String>,
    misc: Vec<String>,
    dates: Vec<GoldDate>,
    quotes: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldDate {
    text: String,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldQuote {
    starts_with: String,
    speaker: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FactsFile {
    articles: Vec<Facts>,
}

fn facts() -> &'static [Facts] {
    static FACTS: OnceLock<Vec<Facts>> = OnceLock::new();
    FACTS.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sample_facts.json");
        let text = std::fs::read_to_string(path).expect("the facts file");
        serde_json::from_str::<FactsFile>(&text)
            .expect("valid facts")
            .articles
    })
}

/// The sample corpus indexed once for all the tests here, as the README does it.
fn indexed() -> &'static Workspace {
    static INDEXED: OnceLock<Workspace> = OnceLock::new();
    INDEXED.get_or_init(|| {
        let ws = Workspace::shared("sample-index");
        let corpus = sample_corpus();
        let run = ws.run(&["index", corpus.to_str().expect("a UTF-8 path"), "--json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let summary: IndexSummary = run.json();
        assert_eq!(summary.added as usize, facts().len());
        ws
    })
}

/// The ids a query returns, all of them.
fn ids(args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--json", "--limit", "1000"]);
    let run = indexed().run(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    let response: QueryResponse = run.json();
    assert_eq!(response.total_hits, response.hits.len());
    response.hits.into_iter().map(|h| h.id).collect()
}

/// The ids of the articles whose facts satisfy `keep`.
fn gold(keep: impl Fn(&Facts) -> bool) -> BTreeSet<String> {
    facts()
        .iter()
        .filter(|f| keep(f))
        .map(|f| f.id.clone())
        .collect()
}

#[test]
fn every_article_is_indexed_under_the_id_the_facts_give() {
    let all = ids(&["*"]);
    assert_eq!(all, gold(|_| true));
    for f in facts() {
        assert!(f.path.starts_with("sample-corpus/"), "{}", f.path);
    }
}

#[test]
fn a_person_search_returns_exactly_the_articles_that_name_them() {
    for name in [
        "Amara Okafor",
        "Lars Brekke",
        "Priya Natarajan",
        "Daniel Reyes",
        "Hendrik de Vries",
        "Joost Bakker",
        "Rachel Whitcombe",
        "Sofia Marchetti",
        "Marcus Hale",
        "Grace Mwangi",
        "Elin Sandberg",
        "Oluwaseun Adeyemi",
    ] {
        let query = format!("person:\"{name}\"");
        let expected = gold(|f| f.person.iter().any(|p| p == name));
        assert_eq!(ids(&[&query]), expected, "{query}");
    }
}

#[test]
fn a_surname_alone_finds_everyone_who_bears_it() {
    // Daniel Reyes and Carmen Reyes are different people.
    let expected = gold(|f| f.person.iter().any(|p| p.ends_with(" Reyes")));
    assert_eq!(ids(&["person:reyes"]), expected);
    assert!(expected.contains("wire-0014"));
}

#[test]
fn organisation_and_place_searches_return_their_articles() {
    for (field, name) in [
        ("org", "Halvorsen Energy Group"),
        ("org", "Alder Capital Partners"),
        ("org", "World Bank"),
        ("place", "Nigeria"),
        ("place", "Lagos"),
        ("place", "Kenya"),
    ] {
        let query = format!("{field}:\"{name}\"");
        let expected = gold(|f| {
            let names = if field == "org" { &f.org } else { &f.place };
            names.iter().any(|n| n == name)
        });
        assert_eq!(ids(&[&query]), expected, "{query}");
    }
}

#[test]
fn speaker_search_returns_the_articles_that_quote_them() {
    for name in [
        "Lars Brekke",
        "Priya Natarajan",
        "Hendrik de Vries",
        "Amara Okafor",
    ] {
        let query = format!("speaker:\"{name}\"");
        let expected = gold(|f| f.quotes.iter().any(|q| q.speaker.as_deref() == Some(name)));
        assert_eq!(ids(&[&query]), expected, "{query}");
    }
}

#[test]
fn a_quote_search_shows_the_quote_as_the_snippet() {
    let run = indexed().run(&["query", "quote:\"pay down debt\"", "--json"]);
    let response: QueryResponse = run.json();
    assert_eq!(response.hits.len(), 1, "{:?}", response.hits);
    let hit = &response.hits[0];
    assert_eq!(hit.id, "wire-0006");
    assert_eq!(hit.snippet.field, "quote");
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .map(|&(s, e)| &hit.snippet.text[s..e])
        .collect();
    assert_eq!(marked, ["pay", "down", "debt"]);
    // People read who said it beside the quote.
    let human = indexed().run(&["query", "quote:\"pay down debt\""]);
    assert!(
        human
            .stdout
            .contains("debt and renew the fleet\u{201d} (Hendrik de Vries)"),
        "{}",
        human.stdout
    );
    // A passage from the middle of a body says that the text goes on at both ends (the
    // Lagos diesel story names her mid-body; all six of her articles are listed).
    let passages = indexed().run(&["query", "person:\"Amara Okafor\"", "--limit", "6"]);
    assert!(
        passages
            .stdout
            .lines()
            .any(|line| line.starts_with("     \u{2026}") && line.ends_with('\u{2026}')),
        "{}",
        passages.stdout
    );
}

#[test]
fn published_filters_match_the_publication_dates() {
    let may = gold(|f| {
        f.published
            .as_deref()
            .is_some_and(|p| p.starts_with("2025-05"))
    });
    assert_eq!(ids(&["*", "--since", "2025-05", "--until", "2025-05"]), may);
    assert_eq!(ids(&["published:[2025-05-01 TO 2025-05-31]"]), may);
    let first_week = gold(|f| {
        f.published
            .as_deref()
            .is_some_and(|p| ("2025-03-01".."2025-03-08").contains(&p))
    });
    assert_eq!(ids(&["*", "--until", "2025-03-07"]), first_week);
}

#[test]
fn date_prefixes_find_the_articles_that_mention_the_period() {
    for prefix in [
        "199",
        "2023",
        "2026",
        "2024-Q4",
        "2025-Q1",
        "2025-03",
        "2025-04",
        "2025-03-19",
        "2025-04-14",
    ] {
        let query = format!("date:{prefix}");
        let expected = gold(|f| f.dates.iter().any(|d| d.value.starts_with(prefix)));
        assert_eq!(ids(&[&query]), expected, "{query}");
    }
}

#[test]
fn person_queries_give_snippets_that_highlight_the_name() {
    let run = indexed().run(&["query", "person:\"Amara Okafor\"", "--json"]);
    let response: QueryResponse = run.json();
    assert!(!response.hits.is_empty());
    for hit in &response.hits {
        assert!(!hit.snippet.highlights.is_empty(), "{}", hit.id);
        for &(s, e) in &hit.snippet.highlights {
            let word = &hit.snippet.text[s..e];
            assert!(["Amara", "Okafor"].contains(&word), "{}: {word}", hit.id);
        }
        assert!(hit.entities.person.iter().any(|p| p == "Amara Okafor"));
    }
}

/// Precision and recall over the whole corpus, as counts.
#[derive(Default)]
struct Score {
    true_positive: usize,
    predicted: usize,
    gold: usize,
}

impl Score {
    fn add(&mut self, predicted: &BTreeSet<String>, gold: &BTreeSet<String>) {
        self.true_positive += predicted.intersection(gold).count();
        self.predicted += predicted.len();
        self.gold += gold.len();
    }
    fn precision(&self) -> f64 {
        self.true_positive as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_positive as f64 / self.gold.max(1) as f64
    }
}

/// A floor under extraction quality on the sample corpus: the figures measured when each
/// extractor landed, less a small margin, so a regression fails here.
#[test]
fn extraction_quality_stays_above_its_floor() {
    let corpus = sample_corpus();
    let run = Workspace::new().run(&["extract", corpus.to_str().expect("a UTF-8 path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records: HashMap<String, ExtractRecord> = run
        .json_lines::<ExtractRecord>()
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let (mut entities, mut dates) = (Score::default(), Score::default());
    let (mut quotes_found, mut quotes, mut speakers_right, mut speakers) = (0, 0, 0, 0);
    for f in facts() {
        let record = &records[&f.id];
        for (kind, names) in [
            ("person", &f.person),
            ("org", &f.org),
            ("place", &f.place),
            ("misc", &f.misc),
        ] {
            let predicted = record
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.name.clone())
                .collect();
            entities.add(&predicted, &names.iter().cloned().collect());
        }
        let predicted = record.dates.iter().map(|d| d.value.clone()).collect();
        dates.add(
            &predicted,
            &f.dates.iter().map(|d| d.value.clone()).collect(),
        );
        for gold in &f.quotes {
            quotes += 1;
            let head: String = gold.starts_with.chars().take(20).collect();
            let Some(found) = record.quotes.iter().find(|q| q.text.contains(&head)) else {
                continue;
            };
            quotes_found += 1;
            if gold.speaker.is_some() {
                speakers += 1;
                speakers_right += usize::from(found.speaker == gold.speaker);
            }
        }
        assert!(f.dates.iter().all(|d| !d.text.is_empty()));
    }
    let report = format!(
        "entities P {:.3} R {:.3}; date values P {:.3} R {:.3}; quotes {quotes_found}/{quotes}; \
         speakers {speakers_right}/{speakers}",
        entities.precision(),
        entities.recall(),
        dates.precision(),
        dates.recall()
    );
    eprintln!("{report}");
    assert!(entities.precision() >= ENTITY_FLOOR.0, "{report}");
    assert!(entities.recall() >= ENTITY_FLOOR.1, "{report}");
    assert!(
        dates.precision() >= 0.93 && dates.recall() >= 0.93,
        "{report}"
    );
    assert!(quotes_found as f64 >= 0.97 * quotes as f64, "{report}");
    assert!(
        speakers_right as f64 >= SPEAKER_FLOOR * speakers as f64,
        "{report}"
    );
}

/// Entity precision and recall floors (name and type must both match).
const ENTITY_FLOOR: (f64, f64) = (0.89, 0.89);

/// The share of attributed quotes whose speaker must be right.
const SPEAKER_FLOOR: f64 = 0.85;

/// `newsdex quotes --json`, decoded strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesResponse {
    query: String,
    speaker: Option<String>,
    total_hits: usize,
    offset: usize,
    limit: usize,
    took_ms: f64,
    hits: Vec<QuoteHit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteHit {
    rank: usize,
    score: f64,
    text: String,
    kind: String,
    highlights: Vec<(usize, usize)>,
    speaker: Option<String>,
    speaker_mention: Option<String>,
    article: ArticleRef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleRef {
    id: String,
    title: String,
    published: Option<String>,
    url: Option<String>,
}

#[test]
fn quotes_kind_chooses_reported_speech_or_direct_quotes_and_both_by_default() {
    let workspace = indexed();
    let kinds = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["quotes", "--limit", "1000", "--json"];
        all.extend_from_slice(args);
        let run = workspace.run(&all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let response: QuotesResponse = run.json();
        response.hits.into_iter().map(|hit| hit.kind).collect()
    };
    let indirect = kinds(&["--kind", "indirect"]);
    let direct = kinds(&["--kind", "direct"]);
    assert!(!indirect.is_empty() && indirect.iter().all(|k| k == "indirect"));
    assert!(!direct.is_empty() && direct.iter().all(|k| k == "direct"));
    assert_eq!(kinds(&[]).len(), indirect.len() + direct.len());
}

#[test]
fn quotes_are_hits_of_their_own_with_speaker_and_article() {
    let run = indexed().run(&["quotes", "debt", "--kind", "direct", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let response: QuotesResponse = run.json();
    assert_eq!(
        (response.query.as_str(), response.speaker.as_deref()),
        ("debt", None)
    );
    assert_eq!(response.total_hits, 1);
    let hit = &response.hits[0];
    assert_eq!(hit.rank, 1);
    assert_eq!(hit.kind, "direct");
    assert!(hit.score > 0.0);
    assert!(hit
        .text
        .starts_with("We are using this moment to pay down debt"));
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(s, e)| &hit.text[s..e])
        .collect();
    assert_eq!(marked, ["debt"]);
    assert_eq!(hit.speaker.as_deref(), Some("Hendrik de Vries"));
    assert!(hit.speaker_mention.is_some());
    assert_eq!(hit.article.id, "wire-0006");
    assert_eq!(hit.article.published.as_deref(), Some("2025-03-20"));
    assert!(hit.article.url.is_some() && !hit.article.title.is_empty());
}

#[test]
fn quotes_by_a_speaker_are_theirs_and_from_their_articles() {
    let name = "Lars Brekke";
    let run = indexed().run(&["quotes", "--speaker", name, "--json", "--limit", "100"]);
    let response: QuotesResponse = run.json();
    let gold_quotes: usize = facts()
        .iter()
        .flat_map(|f| &f.quotes)
        .filter(|q| q.speaker.as_deref() == Some(name))
        .count();
    // Most of their quotes are attributed to them (the rest count against the speaker floor).
    assert!(
        response.total_hits * 10 >= gold_quotes * 8,
        "{} of {gold_quotes}",
        response.total_hits
    );
    assert_eq!((response.offset, response.limit), (0, 100));
    assert!(response.took_ms >= 0.0);
    let articles = gold(|f| f.quotes.iter().any(|q| q.speaker.as_deref() == Some(name)));
    for hit in &response.hits {
        assert_eq!(hit.speaker.as_deref(), Some(name), "{hit:?}");
        assert!(articles.contains(&hit.article.id), "{hit:?}");
        assert!(hit.highlights.is_empty());
    }
    let page = indexed().run(&[
        "quotes",
        "--speaker",
        "brekke",
        "--jsonl",
        "--limit",
        "2",
        "--offset",
        "1",
    ]);
    let ranks: Vec<usize> = page
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<QuoteHit>(l).unwrap().rank)
        .collect();
    assert_eq!(ranks, [2, 3]);
    assert_eq!(indexed().run(&["quotes", "zeppelin"]).code, 1);
}
