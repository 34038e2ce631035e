//! Snippets: the passage of a hit that best shows why it matched, with the matched words'
//! byte offsets.
//!
//! The body snippet highlights every word the query looks for in any text field, so that
//! `person:"Wilbur Ross"` shows where the body names him. When the query searches quotations
//! and one of the article's quotes matches, that quote is the snippet instead.

use std::collections::BTreeMap;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

use crate::extract::{analysed, ANALYSED_BODY_BYTES};
use crate::index::{Fields, NewsIndex, StoredArticle};

/// Longest snippet, in characters.
const MAX_CHARS: usize = 220;

/// Which text a snippet was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnippetField {
    Body,
    Quote,
}

impl SnippetField {
    pub fn as_str(self) -> &'static str {
        match self {
            SnippetField::Body => "body",
            SnippetField::Quote => "quote",
        }
    }
}

/// A passage with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub field: SnippetField,
    /// On one line: newlines and tabs are replaced by spaces.
    pub text: String,
    /// `[start, end)` byte offsets into `text`.
    pub highlights: Vec<(usize, usize)>,
    /// Who said the quote the snippet was cut from, when that is known.
    pub speaker: Option<String>,
    /// Whether the quote or body goes on before the snippet, and after it.
    pub cut: (bool, bool),
}

/// Snippet generators for one query.
pub(crate) struct Snippets {
    body: SnippetGenerator,
    quote: Option<SnippetGenerator>,
}

impl Snippets {
    pub(crate) fn new(
        index: &NewsIndex,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> anyhow::Result<Snippets> {
        let fields = &index.fields;
        let textual = [
            fields.title,
            fields.body,
            fields.entity,
            fields.person,
            fields.org,
            fields.place,
            fields.misc,
            fields.quote,
            fields.speaker,
        ];
        let words = query_words(query, fields, &textual);
        let searches_quotes = !query_words(query, fields, &[fields.quote]).is_empty();
        let tokenizer = index.index.tokenizer_for_field(fields.body)?;
        let body = SnippetGenerator::new(words, tokenizer, fields.body, MAX_CHARS);
        let quote = if searches_quotes {
            let mut quote = SnippetGenerator::create(searcher, query, fields.quote)?;
            quote.set_max_num_chars(MAX_CHARS);
            Some(quote)
        } else {
            None
        };
        Ok(Snippets { body, quote })
    }

    /// The best snippet for an article: a matching quote, else the body.
    pub(crate) fn best(&self, article: &StoredArticle) -> Snippet {
        if let Some(generator) = &self.quote {
            let best = article
                .extracted
                .quotes
                .iter()
                .map(|quote| (generator.snippet(&quote.text), quote))
                .filter(|(s, _)| !s.highlighted().is_empty())
                .max_by_key(|(s, _)| s.highlighted().len());
            if let Some((snippet, quote)) = best {
                return Snippet {
                    speaker: quote.speaker.clone(),
                    ..to_snippet(SnippetField::Quote, &snippet, &quote.text)
                };
            }
        }
        // Tokenizing a whole 200 MB body to find one passage would take seconds: look where
        // the extractors looked.
        let snippet = self
            .body
            .snippet(analysed(&article.body, ANALYSED_BODY_BYTES));
        if snippet.highlighted().is_empty() {
            return lead(&article.body);
        }
        to_snippet(SnippetField::Body, &snippet, &article.body)
    }
}

/// The words a query looks for in the given fields (as the analyser wrote them); a word pair
/// searched in the title or body pairs counts as its two words in the title or body.
pub(crate) fn query_words(
    query: &dyn Query,
    index_fields: &Fields,
    fields: &[Field],
) -> BTreeMap<String, f32> {
    let mut words = BTreeMap::new();
    query.query_terms(&mut |term, _| {
        if fields.contains(&index_fields.source_of(term.field())) {
            if let Some(text) = term.value().as_str() {
                for word in text.split(' ') {
                    words.insert(word.to_string(), 1.0);
                }
            }
        }
    });
    words
}

/// A snippet cut from `source`, the text it was made of.
fn to_snippet(field: SnippetField, snippet: &tantivy::snippet::Snippet, source: &str) -> Snippet {
    let fragment = snippet.fragment();
    let cut = match source.find(fragment) {
        Some(start) => cut_around(source, start, start + fragment.len()),
        None => (false, false),
    };
    Snippet {
        field,
        text: one_line(fragment),
        highlights: snippet
            .highlighted()
            .iter()
            .map(|range| (range.start, range.end))
            .collect(),
        speaker: None,
        cut,
    }
}

/// Whether `source` has more words before `start`, and after `end` (a full stop left out of
/// the snippet is not more).
fn cut_around(source: &str, start: usize, end: usize) -> (bool, bool) {
    let more = |text: Option<&str>| text.is_some_and(|t| t.chars().any(char::is_alphanumeric));
    (more(source.get(..start)), more(source.get(end..)))
}

/// The start of the body, cut at a word boundary, when no word of the query is in it.
fn lead(body: &str) -> Snippet {
    let mut end = body.len();
    if let Some((index, _)) = body.char_indices().nth(MAX_CHARS) {
        end = body[..index].rfind(' ').unwrap_or(index);
    }
    Snippet {
        field: SnippetField::Body,
        text: one_line(&body[..end]),
        highlights: Vec::new(),
        speaker: None,
        cut: cut_around(body, 0, end),
    }
}

/// Replaces line breaks and tabs by spaces: one byte for one, so offsets stay true.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_say_whether_the_text_goes_on() {
        let text = "Alpha beta gamma.";
        assert_eq!(cut_around(text, 6, 10), (true, true));
        // A full stop left out is not more text.
        assert_eq!(cut_around(text, 0, 16), (false, false));
        assert_eq!(cut_around("  beta", 2, 6), (false, false));
        assert_eq!(lead(&"word ".repeat(100)).cut, (false, true));
        assert_eq!(lead("A short body.").cut, (false, false));
    }
}
