//! Extraction: the people, organisations, places, dates and quotations an article carries.
//!
//! Every function here is a pure function of an [`Article`]'s text: no I/O, so the stages can
//! run on all cores and be tested by table.

mod dates;
mod entities;
mod lexicon;
pub mod ner;
mod published;
mod quotes;
mod types;

use serde::Serialize;

pub use dates::find_dates;
pub use entities::find_entities;
pub use published::{published_from_text, published_from_url, resolve_published};
pub use quotes::find_quotes;
pub use types::{DateMention, Entity, EntityKind, Quote, SpeakerMention, TextField};

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
        let mut names: Vec<&str> = Vec::new();
        for entity in self.entities.iter().filter(|e| e.kind == kind) {
            if !names.contains(&entity.name.as_str()) {
                names.push(&entity.name);
            }
        }
        names
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
        let mut values: Vec<&str> = Vec::new();
        for date in &self.dates {
            if !values.contains(&date.value.as_str()) {
                values.push(&date.value);
            }
        }
        values
    }
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
    let title = analysed(&article.title, ANALYSED_TITLE_BYTES);
    let body = analysed(&article.body, ANALYSED_BODY_BYTES);
    let entities = find_entities(title, body);
    let published = article.published.map(|when| when.date());
    let mut dates = find_dates(title, TextField::Title, published);
    dates.extend(find_dates(body, TextField::Body, published));
    // Title mentions come first, so the body's are the tail.
    let body_start = entities
        .iter()
        .position(|e| e.field == TextField::Body)
        .unwrap_or(entities.len());
    let quotes = find_quotes(body, TextField::Body, &entities[body_start..]);
    Extracted {
        entities,
        dates,
        quotes,
    }
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
        eprintln!("skipped: {path} is not there");
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
