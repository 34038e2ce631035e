//! Word pairs: two adjacent common words of a text as one token ("chief executive"), indexed
//! beside the title and body so that a two-word phrase of common words is answered from one
//! posting list, without reading positions (Elasticsearch's `index_phrases` and common grams
//! do the like). A phrase query otherwise checks the positions of every article holding both
//! words, which for two common words is most of the index; with a rarer word, the articles to
//! check are that word's few, and no pair is needed.
//!
//! Only pairs of two [`is_common`] words are kept: on the BBC corpus they are 44% of all pairs
//! and 19% of the distinct ones, and keeping every pair cost a quarter of indexing time and
//! over a quarter of the index (BENCHMARKS.md). The query parser pairs a phrase by the same
//! test, so an index built with every pair (before) answers the same.

use std::collections::HashSet;
use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The most frequent words of English (`data/common-words.txt`, see DATA-SOURCES.md), as the
/// analyser writes them.
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-words.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect()
});

/// Whether an analysed word is among the most frequent of English, so that a phrase of two
/// such words is indexed as a pair.
pub fn is_common(word: &str) -> bool {
    COMMON.contains(word)
}

/// Joins each word to the word before it, as "first second", when the two are adjacent
/// (a word the analyser dropped between them breaks the pair, as it breaks a phrase) and
/// both [`is_common`].
#[derive(Clone, Copy, Debug, Default)]
pub struct PairFilter;

impl TokenFilter for PairFilter {
    type Tokenizer<T: Tokenizer> = PairTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PairTokenizer<T> {
        PairTokenizer { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct PairTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PairTokenizer<T> {
    type TokenStream<'a> = PairStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairStream {
            words: self.inner.token_stream(text),
            previous: None,
            previous_text: String::new(),
            pair: Token::default(),
        }
    }
}

pub struct PairStream<S> {
    words: S,
    /// Where the word before the current one starts, and its position, when it is common
    /// (only a common word starts a pair).
    previous: Option<(usize, usize)>,
    /// That common word.
    previous_text: String,
    pair: Token,
}

impl<S: TokenStream> TokenStream for PairStream<S> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let word = self.words.token();
            let common = is_common(&word.text);
            let adjacent = self
                .previous
                .filter(|&(_, position)| common && position + 1 == word.position);
            if let Some((from, position)) = adjacent {
                self.pair.text.clear();
                self.pair.text.push_str(&self.previous_text);
                self.pair.text.push(' ');
                self.pair.text.push_str(&word.text);
                self.pair.offset_from = from;
                self.pair.offset_to = word.offset_to;
                self.pair.position = position;
                self.pair.position_length = 2;
            }
            self.previous = common.then_some((word.offset_from, word.position));
            if common {
                self.previous_text.clear();
                self.previous_text.push_str(&word.text);
            }
            if adjacent.is_some() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.pair
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.pair
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

    use super::*;

    fn pairs(text: &str) -> Vec<(String, usize, usize)> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(10))
            .filter(PairFilter)
            .build();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push((t.text.clone(), t.offset_from, t.offset_to)));
        out
    }

    #[test]
    fn adjacent_common_words_pair_up_with_the_span_of_both() {
        assert_eq!(
            pairs("chief executive, said"),
            vec![
                ("chief executive".to_string(), 0, 15),
                ("executive said".to_string(), 6, 21),
            ]
        );
        // "wilbur" is not a common word: a phrase with it is cheap from positions.
        assert_eq!(
            pairs("said wilbur ross of the"),
            vec![("of the".to_string(), 17, 23)]
        );
    }

    #[test]
    fn one_word_makes_no_pair_and_a_dropped_word_breaks_one() {
        assert!(pairs("alone").is_empty());
        assert!(pairs("").is_empty());
        // "toolongword" is removed: "a" and "the" are not adjacent, as in a phrase query.
        assert_eq!(
            pairs("a toolongword the new"),
            vec![("the new".to_string(), 14, 21)]
        );
    }

    #[test]
    fn the_common_words_are_the_most_frequent() {
        for word in ["the", "of", "said", "minister", "chief", "executive"] {
            assert!(is_common(word), "{word}");
        }
        for word in ["wilbur", "ross", "huawei", "The", ""] {
            assert!(!is_common(word), "{word}");
        }
    }
}
