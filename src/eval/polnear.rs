//! PolNeAR: news articles with attributions (source, cue, content) in brat standoff files.
//! A gold direct quote is the part of an attribution's content inside double quotation marks;
//! its speaker is the attribution's source.
//!
//! Quotes are scored by overlap. A speaker is right when the predicted speaker mention
//! overlaps the gold source, or when the predicted speaker's last name is a word of the
//! source (so "Clinton" resolved from "she" counts where the source reads "Hillary Clinton").

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::{context, overlaps, ratio, Score};
use crate::extract::{find_entities, find_quotes, Quote, TextField};

/// A quoted part of an attribution's content.
struct GoldQuote {
    start: usize,
    end: usize,
    /// The attribution's source spans.
    sources: Vec<(usize, usize)>,
}

/// What `newsdex eval quotes` prints.
#[derive(Debug, Clone, Default)]
pub struct QuoteReport {
    pub documents: usize,
    pub quotes: Score,
    /// Found gold quotes with a source, and how many of them got the right speaker.
    pub speakers: usize,
    pub speakers_right: usize,
    pub words: usize,
    pub elapsed: Duration,
    pub errors: Vec<String>,
}

impl QuoteReport {
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.speakers)
    }
}

impl std::fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.errors {
            writeln!(f, "{line}")?;
        }
        writeln!(f, "documents  {}", self.documents)?;
        writeln!(f, "quotes     {}", self.quotes)?;
        writeln!(
            f,
            "speakers   accuracy {:.3}  ({} of {} found quotes with an annotated source)",
            self.speaker_accuracy(),
            self.speakers_right,
            self.speakers
        )?;
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        write!(
            f,
            "speed      {:.0} words/s (entities and quotes)",
            self.words as f64 / seconds
        )
    }
}

/// Scores quote extraction on a PolNeAR split directory (with `attributions/` and `text/`).
/// Articles annotated twice are scored once, on their first annotation.
pub fn evaluate_quotes(dir: &Path, verbose: bool) -> anyhow::Result<QuoteReport> {
    let attributions = dir.join("attributions");
    let mut files: Vec<_> = std::fs::read_dir(&attributions)
        .with_context(|| format!("reading {}", attributions.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ann"))
        .collect();
    files.sort();
    let mut report = QuoteReport::default();
    let mut seen = HashSet::new();
    for path in files {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some((article, _annotator)) = stem.as_deref().and_then(|s| s.rsplit_once('_')) else {
            continue;
        };
        if !seen.insert(article.to_string()) {
            continue;
        }
        let text_path = dir.join("text").join(format!("{article}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let annotation = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        score(
            article,
            &text,
            &gold_quotes(&text, &annotation),
            &mut report,
            verbose,
        );
    }
    anyhow::ensure!(
        report.documents > 0,
        "no PolNeAR articles under {}",
        dir.display()
    );
    Ok(report)
}

fn score(name: &str, text: &str, gold: &[GoldQuote], report: &mut QuoteReport, verbose: bool) {
    report.documents += 1;
    report.words += text.split_whitespace().count();
    let started = Instant::now();
    let entities = find_entities("", text);
    let predicted = find_quotes(text, TextField::Body, &entities);
    report.elapsed += started.elapsed();
    for p in &predicted {
        let right = gold
            .iter()
            .any(|g| overlaps((g.start, g.end), (p.start, p.end)));
        report.quotes.predicted += 1;
        report.quotes.predicted_right += usize::from(right);
        if verbose && !right {
            report.errors.push(format!("FP\t{name}\t{:?}", p.text));
        }
    }
    for g in gold {
        report.quotes.gold += 1;
        let found = predicted
            .iter()
            .find(|p| overlaps((g.start, g.end), (p.start, p.end)));
        let Some(found) = found else {
            if verbose {
                report
                    .errors
                    .push(format!("FN\t{name}\t{:?}", &text[g.start..g.end]));
            }
            continue;
        };
        report.quotes.gold_found += 1;
        if g.sources.is_empty() {
            continue;
        }
        report.speakers += 1;
        if speaker_matches(text, found, g) {
            report.speakers_right += 1;
        } else if verbose {
            let sources: Vec<&str> = g.sources.iter().map(|&(s, e)| &text[s..e]).collect();
            report.errors.push(format!(
                "SPEAKER\t{name}\tgold {sources:?}\tgot {:?} via {:?}\t…{}…",
                found.speaker,
                found.speaker_mention.as_ref().map(|m| m.text.as_str()),
                context(text, g.start, g.end, 60, 80)
            ));
        }
    }
}

/// Whether the predicted speaker fits the gold source.
fn speaker_matches(text: &str, quote: &Quote, gold: &GoldQuote) -> bool {
    let Some(mention) = &quote.speaker_mention else {
        return false;
    };
    if gold
        .sources
        .iter()
        .any(|&s| overlaps(s, (mention.start, mention.end)))
    {
        return true;
    }
    let Some(speaker) = &quote.speaker else {
        return false;
    };
    let head = speaker.split_whitespace().last().unwrap_or_default();
    gold.sources.iter().any(|&(s, e)| {
        text[s..e]
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == head)
    })
}

/// The byte offset of every char offset, and one past the end (brat counts chars).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    offsets
}

/// Byte ranges inside double quotation marks, paired naively per line as annotators read them.
fn quoted_regions(text: &str) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut open: Option<usize> = None;
        for (i, c) in line.char_indices() {
            let at = offset + i;
            match (c, open) {
                ('\u{201c}', _) => open = Some(at + c.len_utf8()),
                ('\u{201d}' | '"', Some(start)) => {
                    regions.push((start, at));
                    open = None;
                }
                ('"', None) => open = Some(at + 1),
                _ => {}
            }
        }
        if let Some(start) = open {
            regions.push((start, offset + line.trim_end().len()));
        }
        offset += line.len();
    }
    regions
}

/// Reads a brat standoff file into the gold quotes of `text`.
fn gold_quotes(text: &str, annotation: &str) -> Vec<GoldQuote> {
    let offsets = char_to_byte(text);
    let byte = |c: usize| offsets.get(c).copied().unwrap_or(text.len());
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut events = Vec::new();
    for line in annotation.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = body.split_once(' ') else {
                continue;
            };
            let ranges = ranges
                .split(';')
                .filter_map(|range| {
                    let (a, b) = range.split_once(' ')?;
                    Some((byte(a.parse().ok()?), byte(b.parse().ok()?)))
                })
                .collect();
            spans.insert(id, ranges);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let regions = quoted_regions(text);
    let mut quotes = Vec::new();
    for event in events {
        let role = |name: &str| -> Vec<(usize, usize)> {
            event
                .split_whitespace()
                .filter_map(|part| part.split_once(':'))
                .filter(|(role, _)| *role == name)
                .flat_map(|(_, id)| spans.get(id).cloned().unwrap_or_default())
                .collect()
        };
        let sources = role("Source");
        for (content_start, content_end) in role("Content") {
            for &(region_start, region_end) in &regions {
                let (start, end) = (content_start.max(region_start), content_end.min(region_end));
                if start < end && text[start..end].chars().any(char::is_alphanumeric) {
                    quotes.push(GoldQuote {
                        start,
                        end,
                        sources: sources.clone(),
                    });
                }
            }
        }
    }
    quotes.sort_by_key(|q| (q.start, q.end));
    quotes.dedup_by_key(|q| (q.start, q.end));
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_quotes_are_the_quoted_part_of_attributed_content() {
        let text = "Jane Doe said: \u{201c}We will win.\u{201d} The rest is prose.";
        let quote_start = text.find("We").unwrap();
        let chars = |byte: usize| text[..byte].chars().count();
        let annotation = format!(
            "T1\tSource 0 8\tJane Doe\nT2\tContent {} {}\tx\nE1\tAttribution:T3 Source:T1 Content:T2\n",
            chars(quote_start) - 1,
            chars(text.find(" The").unwrap())
        );
        let gold = gold_quotes(text, &annotation);
        assert_eq!(gold.len(), 1);
        assert_eq!(&text[gold[0].start..gold[0].end], "We will win.");
        assert_eq!(gold[0].sources, [(0, 8)]);
        let mut report = QuoteReport::default();
        score("doc", text, &gold, &mut report, false);
        assert_eq!(report.quotes.gold_found, 1);
        assert_eq!(report.speakers_right, 1);
    }
}
