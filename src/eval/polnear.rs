//! PolNeAR: news articles with attributions (source, cue, content) in brat standoff files.
//! A gold direct quote is the part of an attribution's content inside double quotation marks;
//! its speaker is the attribution's source. A gold reported speech is an attribution with a
//! source whose content is not all inside quotation marks ("Ross said [the department would
//! act]", "[talks will resume], according to the ministry"); its content may carry a partial
//! quote.
//!
//! Direct quotes are scored by overlap. Reported speech is scored by overlap too, but of at
//! least half the shorter of the two contents, and also by the class of its cue verb
//! ([`CueClass`]), so that errors show where they are. A speaker is right when the predicted
//! speaker mention overlaps the gold source, or when the predicted speaker's last name is a
//! word of the source (so "Clinton" resolved from "she" counts where the source reads
//! "Hillary Clinton").

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::{context, overlaps, ratio, Score};
use crate::extract::{find_attributions, find_entities, Quote, QuoteKind, TextField};

/// A quoted part of an attribution's content.
struct GoldQuote {
    start: usize,
    end: usize,
    /// The attribution's source spans.
    sources: Vec<(usize, usize)>,
}

/// An attribution of reported speech.
struct GoldReport {
    /// The content's spans (a content may be split by its source and cue).
    content: Vec<(usize, usize)>,
    sources: Vec<(usize, usize)>,
    cue: CueClass,
    /// The cue's words, for error listings.
    cue_text: String,
}

/// The attributions of one article.
struct Gold {
    quotes: Vec<GoldQuote>,
    reported: Vec<GoldReport>,
}

/// What a cue says about its content, for the breakdown of reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueClass {
    /// say, said, says, saying.
    Say,
    /// tell, told.
    Tell,
    /// according to.
    According,
    /// believe, think, want, plan, hope, expect, know, fear…: a state of mind.
    Belief,
    /// show, find, indicate, reveal, estimate: what a document or study holds.
    Evidence,
    /// Any other verb: warned, argued, called for, tweeted…
    Other,
    /// A colon or a dash with no word.
    Punctuation,
}

impl CueClass {
    /// The class of a cue's words.
    fn of(cue: &str) -> CueClass {
        let lower = cue.to_lowercase();
        if !lower.chars().any(char::is_alphabetic) {
            return CueClass::Punctuation;
        }
        if lower.contains("according") {
            return CueClass::According;
        }
        let has = |stems: &[&str]| {
            lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| stems.iter().any(|s| w.starts_with(s)))
        };
        if has(&["say", "said"]) {
            CueClass::Say
        } else if has(&["tell", "told"]) {
            CueClass::Tell
        } else if has(&[
            "believ", "think", "thought", "want", "plan", "hope", "expect", "know", "knew", "feel",
            "felt", "fear", "wish", "intend", "seek", "sought", "decide", "worr",
        ]) {
            CueClass::Belief
        } else if has(&["show", "found", "find", "indicat", "reveal", "estimat"]) {
            CueClass::Evidence
        } else {
            CueClass::Other
        }
    }

    fn name(self) -> &'static str {
        match self {
            CueClass::Say => "say",
            CueClass::Tell => "tell",
            CueClass::According => "according to",
            CueClass::Belief => "belief, intent",
            CueClass::Evidence => "evidence",
            CueClass::Other => "other verb",
            CueClass::Punctuation => "punctuation",
        }
    }
}

/// Scores of reported speech for one cue class.
#[derive(Debug, Clone, Copy, Default)]
pub struct CueScore {
    pub content: Score,
    pub speakers: usize,
    pub speakers_right: usize,
}

/// What `newsdex eval quotes` prints.
#[derive(Debug, Clone, Default)]
pub struct QuoteReport {
    pub documents: usize,
    /// Direct quotes.
    pub quotes: Score,
    /// Found gold quotes with a source, and how many of them got the right speaker.
    pub speakers: usize,
    pub speakers_right: usize,
    /// Reported speech, by content overlap.
    pub reported: Score,
    /// Found gold reported speech, and how many got the right speaker.
    pub reported_speakers: usize,
    pub reported_speakers_right: usize,
    /// Reported speech by cue class: gold counts by the gold cue, predictions by their own.
    pub by_cue: BTreeMap<CueClass, CueScore>,
    pub words: usize,
    pub elapsed: Duration,
    pub errors: Vec<String>,
}

impl QuoteReport {
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.speakers)
    }

    pub fn reported_speaker_accuracy(&self) -> f64 {
        ratio(self.reported_speakers_right, self.reported_speakers)
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
        writeln!(f, "reported   {}", self.reported)?;
        writeln!(
            f,
            "reported speakers accuracy {:.3}  ({} of {} found)",
            self.reported_speaker_accuracy(),
            self.reported_speakers_right,
            self.reported_speakers
        )?;
        writeln!(f, "by cue class (reported speech)")?;
        for (class, score) in &self.by_cue {
            writeln!(
                f,
                "  {:<15} {}  speakers {:.3}",
                class.name(),
                score.content,
                ratio(score.speakers_right, score.speakers)
            )?;
        }
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
    let files = crate::ingest::files_with_extension(&attributions, "ann")?;
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
            &gold_attributions(&text, &annotation),
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

fn score(name: &str, text: &str, gold: &Gold, report: &mut QuoteReport, verbose: bool) {
    report.documents += 1;
    report.words += text.split_whitespace().count();
    let started = Instant::now();
    let entities = find_entities("", text);
    let found = find_attributions(text, TextField::Body, &entities);
    report.elapsed += started.elapsed();
    let direct: Vec<&Quote> = found
        .iter()
        .filter(|(q, _)| q.kind == QuoteKind::Direct)
        .map(|(q, _)| q)
        .collect();
    let reported: Vec<(&Quote, CueClass)> = found
        .iter()
        .filter(|(q, _)| q.kind == QuoteKind::Indirect)
        .map(|(q, cue)| {
            let class = cue.map_or(CueClass::Other, |(s, e)| CueClass::of(&text[s..e]));
            (q, class)
        })
        .collect();
    score_direct(name, text, &gold.quotes, &direct, report, verbose);
    score_reported(name, text, &gold.reported, &reported, report, verbose);
}

fn score_direct(
    name: &str,
    text: &str,
    gold: &[GoldQuote],
    predicted: &[&Quote],
    report: &mut QuoteReport,
    verbose: bool,
) {
    for p in predicted {
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
        if speaker_matches(text, found, &g.sources) {
            report.speakers_right += 1;
        } else if verbose {
            report.errors.push(speaker_error(
                "SPEAKER",
                name,
                text,
                found,
                &g.sources,
                (g.start, g.end),
            ));
        }
    }
}

/// How many bytes a predicted content shares with a gold one.
fn shared_bytes(predicted: (usize, usize), gold: &[(usize, usize)]) -> usize {
    gold.iter()
        .map(|&(s, e)| e.min(predicted.1).saturating_sub(s.max(predicted.0)))
        .sum()
}

/// Whether a predicted content matches a gold one: they share at least half of the shorter.
fn content_matches(predicted: (usize, usize), gold: &[(usize, usize)]) -> bool {
    let shared = shared_bytes(predicted, gold);
    let gold_len: usize = gold.iter().map(|&(s, e)| e.saturating_sub(s)).sum();
    let shorter = (predicted.1 - predicted.0).min(gold_len);
    shared > 0 && 2 * shared >= shorter
}

fn score_reported(
    name: &str,
    text: &str,
    gold: &[GoldReport],
    predicted: &[(&Quote, CueClass)],
    report: &mut QuoteReport,
    verbose: bool,
) {
    for &(p, class) in predicted {
        let right = gold
            .iter()
            .any(|g| content_matches((p.start, p.end), &g.content));
        for score in [
            &mut report.reported,
            &mut report.by_cue.entry(class).or_default().content,
        ] {
            score.predicted += 1;
            score.predicted_right += usize::from(right);
        }
        if verbose && !right {
            report.errors.push(format!(
                "RFP\t{name}\t{:?}\t{:?}",
                p.speaker_mention.as_ref().map(|m| m.text.as_str()),
                p.text
            ));
        }
    }
    for g in gold {
        let class = report.by_cue.entry(g.cue).or_default();
        class.content.gold += 1;
        report.reported.gold += 1;
        let found = predicted
            .iter()
            .filter(|(p, _)| content_matches((p.start, p.end), &g.content))
            .max_by_key(|(p, _)| shared_bytes((p.start, p.end), &g.content));
        let span = (
            g.content.iter().map(|s| s.0).min().unwrap_or_default(),
            g.content.iter().map(|s| s.1).max().unwrap_or_default(),
        );
        let Some(&(found, _)) = found else {
            if verbose {
                report.errors.push(format!(
                    "RFN\t{name}\t{:?}\t{:?}",
                    g.cue_text,
                    context(text, span.0, span.1, 0, 0)
                ));
            }
            continue;
        };
        class.content.gold_found += 1;
        class.speakers += 1;
        report.reported.gold_found += 1;
        report.reported_speakers += 1;
        if speaker_matches(text, found, &g.sources) {
            class.speakers_right += 1;
            report.reported_speakers_right += 1;
        } else if verbose {
            report.errors.push(speaker_error(
                "RSPEAKER", name, text, found, &g.sources, span,
            ));
        }
    }
}

/// An error line for a wrong speaker.
fn speaker_error(
    label: &str,
    name: &str,
    text: &str,
    found: &Quote,
    sources: &[(usize, usize)],
    (start, end): (usize, usize),
) -> String {
    let sources: Vec<&str> = sources.iter().map(|&(s, e)| &text[s..e]).collect();
    format!(
        "{label}\t{name}\tgold {sources:?}\tgot {:?} via {:?}\t…{}…",
        found.speaker,
        found.speaker_mention.as_ref().map(|m| m.text.as_str()),
        context(text, start, end, 60, 80)
    )
}

/// Whether the predicted speaker fits the gold source.
fn speaker_matches(text: &str, quote: &Quote, sources: &[(usize, usize)]) -> bool {
    let Some(mention) = &quote.speaker_mention else {
        return false;
    };
    if sources
        .iter()
        .any(|&s| overlaps(s, (mention.start, mention.end)))
    {
        return true;
    }
    let Some(speaker) = &quote.speaker else {
        return false;
    };
    let head = speaker.split_whitespace().last().unwrap_or_default();
    sources.iter().any(|&(s, e)| {
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

/// Whether `text[start..end]` has a word outside the quoted regions.
fn has_unquoted_words(
    text: &str,
    (start, end): (usize, usize),
    regions: &[(usize, usize)],
) -> bool {
    let mut pos = start;
    for &(r_start, r_end) in regions.iter().filter(|r| r.1 > start && r.0 < end) {
        // The marks themselves sit just outside the region.
        let before = r_start.saturating_sub(3).max(pos).min(end);
        if text
            .get(pos..before)
            .is_some_and(|s| s.chars().any(char::is_alphanumeric))
        {
            return true;
        }
        pos = pos.max(r_end.min(end));
    }
    text.get(pos..end)
        .is_some_and(|s| s.chars().any(char::is_alphanumeric))
}

/// Reads a brat standoff file into the gold quotes and reported speech of `text`.
fn gold_attributions(text: &str, annotation: &str) -> Gold {
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
    let mut reported = Vec::new();
    for event in events {
        let role = |name: &str| -> Vec<(usize, usize)> {
            event
                .split_whitespace()
                .filter_map(|part| part.split_once(':'))
                .filter(|(role, _)| {
                    // One annotator wrote "source", and a second content "Content2".
                    role.trim_end_matches(|c: char| c.is_ascii_digit())
                        .eq_ignore_ascii_case(name)
                })
                .flat_map(|(_, id)| spans.get(id).cloned().unwrap_or_default())
                .collect()
        };
        let sources = role("Source");
        let content = role("Content");
        for &(content_start, content_end) in &content {
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
        let unquoted = content
            .iter()
            .any(|&span| has_unquoted_words(text, span, &regions));
        if !sources.is_empty() && unquoted {
            let cue: Vec<&str> = role("Cue")
                .iter()
                .filter_map(|&(s, e)| text.get(s..e))
                .collect();
            reported.push(GoldReport {
                content,
                sources,
                cue: CueClass::of(&cue.join(" ")),
                cue_text: cue.join(" "),
            });
        }
    }
    quotes.sort_by_key(|q| (q.start, q.end));
    quotes.dedup_by_key(|q| (q.start, q.end));
    Gold { quotes, reported }
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
        let gold = gold_attributions(text, &annotation);
        assert_eq!(gold.quotes.len(), 1);
        assert_eq!(
            &text[gold.quotes[0].start..gold.quotes[0].end],
            "We will win."
        );
        assert_eq!(gold.quotes[0].sources, [(0, 8)]);
        assert!(gold.reported.is_empty(), "a content all in marks is direct");
        let mut report = QuoteReport::default();
        score("doc", text, &gold, &mut report, false);
        assert_eq!(report.quotes.gold_found, 1);
        assert_eq!(report.speakers_right, 1);
    }

    #[test]
    fn gold_reported_speech_is_attributed_content_outside_marks() {
        let text = "Jane Doe said the plan would fail next year. The rest is prose.";
        let start = text.find("the plan").unwrap();
        let end = text.find(". The").unwrap();
        let annotation = format!(
            "T1\tSource 0 8\tJane Doe\nT2\tCue 9 13\tsaid\nT3\tContent {start} {end}\tx\n\
             E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        );
        let gold = gold_attributions(text, &annotation);
        assert!(gold.quotes.is_empty());
        assert_eq!(gold.reported.len(), 1);
        assert_eq!(gold.reported[0].cue, CueClass::Say);
        let mut report = QuoteReport::default();
        score("doc", text, &gold, &mut report, false);
        assert_eq!(report.reported.gold_found, 1, "{report}");
        assert_eq!(report.reported_speakers_right, 1, "{report}");
    }

    #[test]
    fn contents_match_on_half_the_shorter_span() {
        assert!(content_matches((0, 10), &[(0, 100)]));
        assert!(content_matches((0, 100), &[(40, 60)]));
        assert!(!content_matches((0, 10), &[(6, 100)]));
        assert!(content_matches((0, 10), &[(5, 100)]));
        assert!(content_matches((0, 10), &[(0, 3), (6, 8)]));
        assert!(!content_matches((0, 10), &[(20, 30)]));
        assert_eq!(CueClass::of("has also said"), CueClass::Say);
        assert_eq!(CueClass::of("According to"), CueClass::According);
        assert_eq!(CueClass::of("believes"), CueClass::Belief);
        assert_eq!(CueClass::of(":"), CueClass::Punctuation);
        assert_eq!(CueClass::of("warned"), CueClass::Other);
    }
}
