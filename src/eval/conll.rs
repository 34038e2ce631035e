//! CoNLL-2003: one token per line with its IOB tag, `-DOCSTART-` between documents. Each
//! document's sentences are joined with spaces, one sentence a line, and given to the entity
//! extractor as raw text; predictions are scored by exact span and type, conlleval style.

use std::collections::HashSet;
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
    pub tokens: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for EntityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "documents {}", self.documents)?;
        for (kind, score) in &self.by_kind {
            writeln!(f, "{:<8}  {score}", kind.as_str())?;
        }
        writeln!(f, "{:<8}  {}", "overall", self.overall)?;
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        write!(f, "speed     {:.0} tokens/s", self.tokens as f64 / seconds)
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
pub fn evaluate_entities(path: &Path) -> anyhow::Result<EntityReport> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let documents = documents(&data);
    anyhow::ensure!(!documents.is_empty(), "no documents in {}", path.display());
    let mut by_kind: Vec<(EntityKind, Score)> = EntityKind::ALL
        .iter()
        .map(|&k| (k, Score::default()))
        .collect();
    let mut report = EntityReport::default();
    for (text, gold) in &documents {
        report.documents += 1;
        report.tokens += text.split_whitespace().count();
        let started = Instant::now();
        let predicted: HashSet<Span> = find_entities("", text)
            .into_iter()
            .map(|e| (e.start, e.end, e.kind))
            .collect();
        report.elapsed += started.elapsed();
        let gold: HashSet<Span> = gold.iter().copied().collect();
        for (kind, score) in &mut by_kind {
            let of_kind = |spans: &HashSet<Span>| -> HashSet<Span> {
                spans.iter().filter(|s| s.2 == *kind).copied().collect()
            };
            let (p, g) = (of_kind(&predicted), of_kind(&gold));
            let right = p.intersection(&g).count();
            score.add(Score {
                predicted_right: right,
                predicted: p.len(),
                gold_found: right,
                gold: g.len(),
            });
        }
    }
    for (_, score) in &by_kind {
        report.overall.add(*score);
    }
    report.by_kind = by_kind;
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
