//! Measuring the extractors against annotated corpora: CoNLL-2003 and stand-off sets over raw
//! articles (eval/bbc-dev) for entities, TimeML (TimeBank, AQUAINT) for dates, PolNeAR for
//! quotes. Each reader turns its corpus into raw
//! text plus gold spans and runs the same extractors `newsdex extract` runs, so the figures
//! describe what users get.

mod conll;
mod polnear;
mod standoff;
mod timeml;

use std::fmt;
use std::path::Path;

pub use conll::{evaluate_conll, EntityReport};
pub use polnear::{evaluate_quotes, QuoteReport};
pub use standoff::{default_corpus, evaluate_standoff, is_standoff_set};
pub use timeml::{evaluate_dates, DateReport};

/// Scores the entity extractor on `path`: a stand-off set (a directory with `entities.tsv` and
/// `articles.txt`, read against `corpus` or its default) or a CoNLL-2003 file.
pub fn evaluate_entities(
    path: &Path,
    corpus: Option<&Path>,
    verbose: bool,
) -> anyhow::Result<EntityReport> {
    if is_standoff_set(path) {
        let corpus = corpus.map_or_else(|| default_corpus(path), Path::to_path_buf);
        evaluate_standoff(path, &corpus, verbose)
    } else {
        evaluate_conll(path)
    }
}

/// Precision and recall counts. Precision and recall may count matches differently (one
/// prediction can overlap two gold spans), so each side keeps its own numerator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Predictions that match some gold item.
    pub predicted_right: usize,
    pub predicted: usize,
    /// Gold items that some prediction matches.
    pub gold_found: usize,
    pub gold: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_right, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another score's counts.
    pub fn add(&mut self, other: Score) {
        self.predicted_right += other.predicted_right;
        self.predicted += other.predicted;
        self.gold_found += other.gold_found;
        self.gold += other.gold;
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3}  R {:.3}  F1 {:.3}  ({} predicted, {} gold)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.predicted,
            self.gold
        )
    }
}

pub(crate) fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Whether two `[start, end)` ranges share at least one byte.
pub(crate) fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A window of `text` around `[start, end)` on one line, for error listings.
pub(crate) fn context(text: &str, start: usize, end: usize, before: usize, after: usize) -> String {
    let mut from = start.saturating_sub(before);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + after).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_compute_precision_recall_and_f1() {
        let score = Score {
            predicted_right: 8,
            predicted: 10,
            gold_found: 8,
            gold: 16,
        };
        assert_eq!(score.precision(), 0.8);
        assert_eq!(score.recall(), 0.5);
        assert!((score.f1() - 0.615_384).abs() < 1e-5);
        assert_eq!(Score::default().f1(), 0.0);
        assert_eq!(context("ab\ncd é", 3, 4, 10, 10), "ab cd é");
    }
}
