//! CoNLL-2003: one token per line with its IOB tag, `-DOCSTART-` between documents. Each
//! document's sentences are joined with spaces, one sentence a line, and given to the entity
//! extractor as raw text; predictions are scored by exact span and type, conlleval style.

use std::collections::HashSet;
use std::hash::Hash;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::Score;
use crate::extract::{find_entities, EntityKind};

/// A span of one document: `[start, end)` bytes and type.
type Span = (usize, usize, EntityKind);

/// What `newsdex eval entities` prints.
#[derive(Debug, Clone, Default)]
pub struct EntityReport {
    pub documents: usize,
    /// Per type, in `EntityKind::ALL` order.
    pub by_kind: Vec<(EntityKind, Score)>,
    pub overall: Score,
    /// Spans alone, whatever their type: tells boundary errors from typing errors.
    pub spans: Score,
    pub tokens: usize,
    pub elapsed: Duration,
    /// With `--verbose`: one line per miss, false alarm and wrong type, printed first.
    pub errors: Vec<String>,
}

impl std::fmt::Display for EntityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for error in &self.errors {
            writeln!(f, "{error}")?;
        }
        writeln!(f, "documents {}", self.documents)?;
        for (kind, score) in &self.by_kind {
            writeln!(f, "{:<8}  {score}", kind.as_str())?;
        }
        writeln!(f, "{:<8}  {}", "overall", self.overall)?;
        writeln!(f, "{:<8}  {}", "spans", self.spans)?;
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        write!(f, "speed     {:.0} tokens/s", self.tokens as f64 / seconds)
    }
}

impl EntityReport {
    /// An empty report with a row per type.
    pub(crate) fn new() -> EntityReport {
        EntityReport {
            by_kind: EntityKind::ALL
                .iter()
                .map(|&k| (k, Score::default()))
                .collect(),
            ..EntityReport::default()
        }
    }

    /// Scores one document's predicted spans against its gold spans, exactly: per type, and by
    /// location alone. `L` is where a span is (byte range, and field where there are several).
    pub(crate) fn tally<L: Copy + Eq + Hash>(
        &mut self,
        predicted: &HashSet<(L, EntityKind)>,
        gold: &HashSet<(L, EntityKind)>,
    ) {
        self.documents += 1;
        for (kind, score) in &mut self.by_kind {
            let of_kind = |spans: &HashSet<(L, EntityKind)>| -> HashSet<(L, EntityKind)> {
                spans.iter().filter(|s| s.1 == *kind).copied().collect()
            };
            let (p, g) = (of_kind(predicted), of_kind(gold));
            let right = p.intersection(&g).count();
            let counts = Score {
                predicted_right: right,
                predicted: p.len(),
                gold_found: right,
                gold: g.len(),
            };
            score.add(counts);
            self.overall.add(counts);
        }
        let places = |spans: &HashSet<(L, EntityKind)>| -> HashSet<L> {
            spans.iter().map(|s| s.0).collect()
        };
        let (p, g) = (places(predicted), places(gold));
        let right = p.intersection(&g).count();
        self.spans.add(Score {
            predicted_right: right,
            predicted: p.len(),
            gold_found: right,
            gold: g.len(),
        });
    }
}

/// The contract's type for a CoNLL type.
fn kind_of(tag: &str) -> EntityKind {
    match tag {
        "PER" => EntityKind::Person,
        "ORG" => EntityKind::Org,
        "LOC" => EntityKind::Place,
        _ => EntityKind::Misc,
    }
}

/// Reads CoNLL text into documents of raw text and gold spans.
fn documents(data: &str) -> Vec<(String, Vec<Span>)> {
    let mut documents = Vec::new();
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<Span> = None;
    for line in data.lines().chain(std::iter::once("-DOCSTART- -X- O O")) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let (Some(&word), Some(&tag)) = (columns.first(), columns.last()) else {
            gold.extend(open.take());
            text.push('\n');
            continue;
        };
        if word == "-DOCSTART-" {
            gold.extend(open.take());
            if !text.trim().is_empty() {
                documents.push((std::mem::take(&mut text), std::mem::take(&mut gold)));
            }
            text.clear();
            continue;
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        let end = text.len();
        let (bio, kind) = match tag.split_once('-') {
            Some((bio, kind)) => (bio, Some(kind_of(kind))),
            None => ("O", None),
        };
        match (open, kind) {
            (Some((s, _, k)), Some(kind)) if bio == "I" && k == kind => open = Some((s, end, k)),
            _ => {
                gold.extend(open.take());
                open = kind.map(|kind| (start, end, kind));
            }
        }
    }
    documents
}

/// Scores the entity extractor on a CoNLL file.
pub fn evaluate_conll(path: &Path) -> anyhow::Result<EntityReport> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let documents = documents(&data);
    anyhow::ensure!(!documents.is_empty(), "no documents in {}", path.display());
    let mut report = EntityReport::new();
    for (text, gold) in &documents {
        report.tokens += text.split_whitespace().count();
        let started = Instant::now();
        let predicted: HashSet<((usize, usize), EntityKind)> = find_entities("", text)
            .into_iter()
            .map(|e| ((e.start, e.end), e.kind))
            .collect();
        report.elapsed += started.elapsed();
        let gold: HashSet<((usize, usize), EntityKind)> =
            gold.iter().map(|&(s, e, k)| ((s, e), k)).collect();
        report.tally(&predicted, &gold);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob_tags_become_spans_over_joined_text() {
        let data = "-DOCSTART- -X- O O\n\nEU NNP I-NGP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n";
        let documents = documents(data);
        assert_eq!(documents.len(), 1);
        let (text, gold) = &documents[0];
        assert_eq!(text.trim(), "EU rejects German\nPeter Blackburn");
        let names: Vec<(&str, EntityKind)> =
            gold.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(
            names,
            [
                ("EU", EntityKind::Org),
                ("German", EntityKind::Misc),
                ("Peter Blackburn", EntityKind::Person)
            ]
        );
    }
}
