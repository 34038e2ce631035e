//! Scoring a model against gold documents the way conlleval does: an entity counts only when
//! its tokens and type both match exactly.

use std::fmt;
use std::time::Instant;

use super::{spans, Document, EntityType, Model, Tag};

/// Counts of entities for precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Entities in the gold data.
    pub gold: usize,
    /// Entities the model found.
    pub predicted: usize,
    /// Entities found with exactly the gold tokens and type.
    pub correct: usize,
}

impl Scores {
    /// Correct over predicted (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Correct over gold (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.predicted)
    }

    fn add(&mut self, other: Scores) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Adds one sentence's entity counts, per type, to `by_type`.
pub(crate) fn tally(gold: &[Tag], predicted: &[Tag], by_type: &mut [Scores; 4]) {
    let gold = spans(gold);
    let predicted = spans(predicted);
    for &(_, _, kind) in &gold {
        by_type[kind as usize].gold += 1;
    }
    for span in &predicted {
        let scores = &mut by_type[span.2 as usize];
        scores.predicted += 1;
        if gold.contains(span) {
            scores.correct += 1;
        }
    }
}

/// Overall scores of per-type counts.
pub(crate) fn overall(by_type: &[Scores; 4]) -> Scores {
    by_type.iter().fold(Scores::default(), |mut all, s| {
        all.add(*s);
        all
    })
}

/// How well a model tags a set of documents, and how fast.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Scores per type, in [`EntityType::ALL`] order.
    pub by_type: [Scores; 4],
    /// Scores over all types.
    pub overall: Scores,
    /// Tokens tagged.
    pub tokens: usize,
    /// Seconds spent tagging (feature extraction and decoding), on one thread.
    pub seconds: f64,
}

impl Report {
    /// Tagging speed.
    pub fn tokens_per_second(&self) -> f64 {
        ratio(self.tokens, 1) / self.seconds.max(1e-9)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "type      gold  found  right  precision  recall      F1")?;
        let rows = EntityType::ALL
            .iter()
            .map(|t| (t.label(), self.by_type[*t as usize]))
            .chain([("overall", self.overall)]);
        for (label, s) in rows {
            writeln!(
                f,
                "{label:<8}{:>6}{:>7}{:>7}{:>11.2}{:>8.2}{:>8.2}",
                s.gold,
                s.predicted,
                s.correct,
                100.0 * s.precision(),
                100.0 * s.recall(),
                100.0 * s.f1()
            )?;
        }
        write!(
            f,
            "{} tokens in {:.3} s: {:.0} tokens/s",
            self.tokens,
            self.seconds,
            self.tokens_per_second()
        )
    }
}

/// Tags each document with `model` and scores it against its gold tags.
pub fn evaluate(model: &Model, documents: &[Document]) -> Report {
    let mut report = Report::default();
    for document in documents {
        let sentences: Vec<Vec<&str>> = document
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let started = Instant::now();
        let tagged = model.tag_document(&sentences);
        report.seconds += started.elapsed().as_secs_f64();
        for (sentence, predicted) in document.sentences.iter().zip(&tagged) {
            report.tokens += sentence.tokens.len();
            tally(&sentence.tags, predicted, &mut report.by_type);
        }
    }
    report.overall = overall(&report.by_type);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only() {
        use EntityType::*;
        let gold = [
            Tag::Begin(Per),
            Tag::Last(Per),
            Tag::Outside,
            Tag::Unit(Loc),
        ];
        let predicted = [Tag::Unit(Per), Tag::Outside, Tag::Outside, Tag::Unit(Loc)];
        let mut by_type = [Scores::default(); 4];
        tally(&gold, &predicted, &mut by_type);
        let all = overall(&by_type);
        assert_eq!((all.gold, all.predicted, all.correct), (2, 2, 1));
        assert!((all.f1() - 0.5).abs() < 1e-9);
    }
}
