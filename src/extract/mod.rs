//! Extraction: the people, organisations, places, dates and quotations an article carries.
//!
//! Every function here is a pure function of an [`Article`]'s text: no I/O, so the stages can
//! run on all cores and be tested by table.
//!
//! Cost: each extractor is linear in the text it reads, which is at most
//! [`ANALYSED_TITLE_BYTES`] and [`ANALYSED_BODY_BYTES`]; each module's header says what bounds
//! its own loops. [`extract_within_budget`] is the safety net should one still go over.

mod aliases;
pub mod budget;
mod dates;
mod entities;
mod lexicon;
pub mod ner;
mod published;
mod quotes;
mod types;
mod vocabulary;

use std::collections::HashSet;

use serde::Serialize;

pub use aliases::{forms_of, searched as searched_alias};
pub use dates::find_dates;
pub use entities::find_entities;
pub use published::{published_from_text, published_from_url, resolve_published};
pub use quotes::{find_attributions, find_quotes};
pub use types::{DateMention, Entity, EntityKind, Quote, QuoteKind, SpeakerMention, TextField};

use crate::ingest::Article;

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Extracted {
    /// One item per mention, title first, each in text order.
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
    pub quotes: Vec<Quote>,
}

impl Extracted {
    /// The distinct canonical names of one kind, in order of first mention.
    pub fn names(&self, kind: EntityKind) -> Vec<&str> {
        let names = self.entities.iter().filter(|e| e.kind == kind);
        distinct(names.map(|e| e.name.as_str()))
    }

    /// The first mention whose offsets do not slice its own text out of the article's field,
    /// described; `None` when every span is true. Every extractor promises that spans fall on
    /// character boundaries within their field: the tests and the fuzz targets hold them to it.
    pub fn misplaced_span(&self, article: &Article) -> Option<String> {
        let field_text = |field| match field {
            TextField::Title => article.title.as_str(),
            TextField::Body => article.body.as_str(),
        };
        let entities = self
            .entities
            .iter()
            .map(|e| (e.field, e.start, e.end, &e.text));
        let dates = self
            .dates
            .iter()
            .map(|d| (d.field, d.start, d.end, &d.text));
        let quotes = self
            .quotes
            .iter()
            .map(|q| (q.field, q.start, q.end, &q.text));
        let speakers = self.quotes.iter().filter_map(|q| {
            let m = q.speaker_mention.as_ref()?;
            Some((q.field, m.start, m.end, &m.text))
        });
        entities
            .chain(dates)
            .chain(quotes)
            .chain(speakers)
            .find(|&(field, start, end, text)| field_text(field).get(start..end) != Some(text))
            .map(|(field, start, end, text)| {
                format!("{field:?} {start}..{end} does not hold {text:?}")
            })
    }

    /// The distinct date values mentioned, in order of first mention.
    pub fn date_values(&self) -> Vec<&str> {
        distinct(self.dates.iter().map(|d| d.value.as_str()))
    }
}

/// The distinct items, in order of first appearance.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    items.filter(|item| seen.insert(*item)).collect()
}

/// How much of a body the extractors read. Past this, an article is a book or a data dump,
/// not news: it is indexed whole, but analysing all of it would cost seconds and hundreds of
/// megabytes for mentions nobody searches for.
pub const ANALYSED_BODY_BYTES: usize = 1 << 20;

/// How much of a title the extractors read.
pub const ANALYSED_TITLE_BYTES: usize = 4 << 10;

/// The prefix of `text` the extractors read: all of it when it is within `limit` bytes, else
/// cut at the last paragraph, sentence or word break before `limit` (never inside a character),
/// so that no mention is cut in half where a break is near.
pub fn analysed(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[end.saturating_sub(64 << 10)..end];
    let window_start = end - window.len();
    let cut = window
        .rfind('\n')
        .or_else(|| window.rfind(". ").map(|i| i + 1))
        .or_else(|| window.rfind(' '))
        .map_or(end, |i| window_start + i);
    &text[..cut]
}

/// Runs every extractor over an article, or over the first [`ANALYSED_BODY_BYTES`] of a body
/// longer than that.
pub fn extract(article: &Article) -> Extracted {
    extract_stages(article, None).0
}

/// [`extract`], each stage (entities, dates, quotes) stopped should it take more steps than
/// an article of its length may ([`budget::for_text`]). Indexing uses this: a stage over its
/// budget is left out of the article's extraction and named in the [`Overrun`], instead of
/// holding up or bringing down the whole run; the stages that finished are kept.
pub fn extract_within_budget(article: &Article) -> (Extracted, Option<Overrun>) {
    let bytes = analysed(&article.title, ANALYSED_TITLE_BYTES).len()
        + analysed(&article.body, ANALYSED_BODY_BYTES).len();
    extract_stages(article, Some(budget::for_text(bytes)))
}

/// Stages of an article's extraction that went over their budget, and were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    /// "entities", "dates" or "quotes".
    pub stages: Vec<&'static str>,
    /// The budget each stage had.
    pub steps: u64,
}

impl std::fmt::Display for Overrun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stages = self.stages.join(" and ");
        write!(
            f,
            "finding {stages} went over the budget of {} steps for an article this long; \
             indexed whole, without its {stages}",
            self.steps
        )
    }
}

/// The stages of [`extract`], each within `steps` when given.
fn extract_stages(article: &Article, steps: Option<u64>) -> (Extracted, Option<Overrun>) {
    let mut over = Vec::new();
    let mut stage = |name, work: &mut dyn FnMut()| match steps {
        None => work(),
        Some(steps) => {
            if budget::within(steps, work).is_err() {
                over.push(name);
            }
        }
    };
    let title = analysed(&article.title, ANALYSED_TITLE_BYTES);
    let body = analysed(&article.body, ANALYSED_BODY_BYTES);
    let mut extracted = Extracted::default();
    stage("entities", &mut || {
        extracted.entities = find_entities(title, body)
    });
    let published = article.published.map(|when| when.date());
    stage("dates", &mut || {
        let mut dates = find_dates(title, TextField::Title, published);
        dates.extend(find_dates(body, TextField::Body, published));
        extracted.dates = dates;
    });
    // Title mentions come first, so the body's are the tail.
    let entities = &extracted.entities;
    let body_start = entities
        .iter()
        .position(|e| e.field == TextField::Body)
        .unwrap_or(entities.len());
    let mut quotes = Vec::new();
    stage("quotes", &mut || {
        quotes = find_quotes(body, TextField::Body, &entities[body_start..]);
    });
    extracted.quotes = quotes;
    let overrun = (!over.is_empty()).then(|| Overrun {
        stages: over,
        steps: steps.unwrap_or_default(),
    });
    (extracted, overrun)
}

/// The product's seed article from `../shared`, for tests; `None` where the shared folder is
/// not beside the checkout (its text is never copied into the project).
#[cfg(test)]
pub(crate) fn seed_article() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/seed-article.txt"
    );
    let text = std::fs::read_to_string(path).ok();
    if text.is_none() {
        // Past the test harness's capture, so that a skipped test does not pass silently.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED seed article tests: {path} is not there"
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_at_a_break_and_never_inside_a_character() {
        assert_eq!(analysed("short", 10), "short");
        assert_eq!(analysed("one two three", 10), "one two");
        assert_eq!(analysed("First. Second one", 12), "First.");
        assert_eq!(analysed("line\nnext line", 12), "line");
        let accents = "é".repeat(10);
        assert_eq!(analysed(&accents, 5), "éé");
        assert_eq!(analysed("abcdefghij", 4), "abcd");
    }

    fn article(title: &str, body: &str) -> Article {
        Article {
            id: "a".into(),
            title: title.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn a_stage_over_its_budget_is_left_out_and_named_and_the_others_kept() {
        let a = article(
            "Talks",
            "\"We agree,\" Mona Keller said in Zurich on 3 May 2021.",
        );
        let (whole, overrun) = extract_within_budget(&a);
        assert_eq!(overrun, None);
        assert_eq!(whole, extract(&a));
        assert!(!whole.entities.is_empty() && !whole.dates.is_empty() && !whole.quotes.is_empty());
        // 20 steps: the one date costs 11 (one a match and one a byte), a person's name more
        // than that in its short forms, and a quote 32.
        let (partial, overrun) = extract_stages(&a, Some(20));
        let overrun = overrun.expect("an overrun");
        assert_eq!(overrun.stages, ["entities", "quotes"]);
        assert_eq!(partial.dates, whole.dates);
        assert!(partial.entities.is_empty() && partial.quotes.is_empty());
        assert!(overrun
            .to_string()
            .contains("finding entities and quotes went over the budget of 20 steps"));
    }

    /// A small deterministic generator, so the test needs no crate and fails reproducibly.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// Pieces that stress the extractors: quotes, dates, names, and multi-byte characters.
    const PIECES: &[&str] = &[
        "\"",
        "\u{201c}",
        "\u{201d}",
        "'",
        "\u{2019}",
        " said ",
        " he said",
        "Mr. ",
        "Ross",
        "Wilbur Ross",
        "Microsoft's",
        "(EU)",
        " the ",
        "\n\n",
        "\n",
        ". ",
        ", ",
        "Nov. 21",
        "2019",
        "on Thursday",
        "last week",
        "the 1990s",
        "Q3",
        "20/11/2019",
        "é",
        "\u{5d0}",
        "\u{1f600}",
        "\u{0301}",
        "\u{200b}",
        "\t",
        "according to ",
        "-",
        "\u{2014}",
        "A",
        "THE ",
        "spokesperson",
        "\u{feff}",
        "\u{a0}",
        "0",
        "'s",
        ":",
        "(",
        ")",
    ];

    #[test]
    fn extraction_never_panics_and_spans_slice_their_text() {
        let mut random = XorShift(0x9e37_79b9_7f4a_7c15);
        let published = time::macros::datetime!(2019-11-21 12:00 UTC);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(random.next() % 60) {
                text.push_str(PIECES[(random.next() % PIECES.len() as u64) as usize]);
            }
            let split = (random.next() % (text.len() as u64 + 1)) as usize;
            let split = (0..=split)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let article = Article {
                id: "r".into(),
                title: text[..split].to_string(),
                body: text[split..].to_string(),
                published: random.next().is_multiple_of(2).then_some(published),
                published_source: None,
                url: None,
                authors: Vec::new(),
                source: None,
            };
            let extracted = extract(&article);
            assert_eq!(extracted.misplaced_span(&article), None, "{text:?}");
        }
    }
}
