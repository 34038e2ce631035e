//! Output for people: ranked hits with highlighted snippets, articles, and summaries.
//! Colour goes through `anstream`, which drops it when told to or when NO_COLOR is set.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anstyle::{AnsiColor, Style};

use super::json::day;
use crate::extract::{EntityKind, Extracted, QuoteKind};
use crate::index::StoredArticle;
use crate::query::{
    Cluster, Facets, Overview, Profile, QuoteResults, SearchResults, SnippetField, Timeline,
};

const RANK: Style = Style::new().dimmed();
const TITLE: Style = Style::new().bold();
const DATE: Style = AnsiColor::Green.on_default();
const ID: Style = AnsiColor::Cyan.on_default();
const MATCH: Style = AnsiColor::Red.on_default().bold();
const LABEL: Style = AnsiColor::Yellow.on_default();

/// What stands for the publication date of an article that has none, as wide as a date.
const UNDATED: &str = "undated   ";

/// Prints query hits, then facets if any, then a count line.
pub fn print_results(out: &mut dyn Write, results: &SearchResults) -> std::io::Result<()> {
    for hit in &results.hits {
        let date = day(hit.published).unwrap_or_else(|| UNDATED.into());
        writeln!(
            out,
            "{RANK}{:>3}.{RANK:#} {TITLE}{}{TITLE:#}",
            hit.rank,
            if hit.title.is_empty() {
                "(untitled)"
            } else {
                &hit.title
            }
        )?;
        writeln!(out, "     {DATE}{date}{DATE:#}  {ID}{}{ID:#}", hit.id)?;
        let snippet = &hit.snippet;
        let ellipsis = |cut: bool| if cut { "\u{2026}" } else { "" };
        let line = format!(
            "{}{}{}",
            ellipsis(snippet.cut.0),
            mark(&snippet.text, &snippet.highlights).trim(),
            ellipsis(snippet.cut.1)
        );
        if snippet.field == SnippetField::Quote {
            let speaker = snippet.speaker.as_deref().unwrap_or("unattributed");
            writeln!(
                out,
                "     {LABEL}quote:{LABEL:#} \u{201c}{line}\u{201d} ({speaker})"
            )?;
        } else {
            writeln!(out, "     {line}")?;
        }
        if hit.similar > 0 {
            writeln!(out, "     {RANK}+{} similar{RANK:#}", hit.similar)?;
        }
        writeln!(out)?;
    }
    if let Some(facets) = &results.facets {
        print_facets(out, facets)?;
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{RANK}{} of {}{} ({:.1} ms){RANK:#}",
        shown,
        results.total_hits,
        if results.total_hits == results.total_articles {
            " matching articles".to_string()
        } else {
            format!(" clusters of {} matching articles", results.total_articles)
        },
        results.took_ms
    )
}

/// Prints quote hits: the quote with the query's words marked, who said it, and where.
pub fn print_quotes(out: &mut dyn Write, results: &QuoteResults) -> std::io::Result<()> {
    for hit in &results.hits {
        let quote = mark(&hit.text, &hit.highlights);
        // Reported speech is not the speaker's words: it is shown without marks.
        match hit.kind {
            QuoteKind::Direct => writeln!(
                out,
                "{RANK}{:>3}.{RANK:#} \u{201c}{quote}\u{201d}",
                hit.rank
            )?,
            QuoteKind::Indirect => {
                writeln!(out, "{RANK}{:>3}.{RANK:#} (reported) {quote}", hit.rank)?
            }
        }
        let speaker = hit.speaker.as_deref().unwrap_or("unattributed");
        let via = match &hit.speaker_mention {
            Some(mention) if mention != speaker => format!(" ({mention})"),
            _ => String::new(),
        };
        writeln!(out, "     {TITLE}\u{2014} {speaker}{TITLE:#}{via}")?;
        let date = day(hit.article_published).unwrap_or_else(|| UNDATED.into());
        writeln!(
            out,
            "     {DATE}{date}{DATE:#}  {ID}{}{ID:#}  {}",
            hit.article_id, hit.article_title
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{RANK}{} of {} matching quotes ({:.1} ms){RANK:#}",
        results.hits.len(),
        results.total_hits,
        results.took_ms
    )
}

/// The longest bar of a timeline, in characters.
const BAR_WIDTH: u64 = 50;

/// Prints a timeline as a horizontal bar chart, one bucket a line.
pub fn print_timeline(out: &mut dyn Write, timeline: &Timeline) -> std::io::Result<()> {
    let most = timeline
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let label_width = timeline
        .buckets
        .iter()
        .map(|b| b.label.len())
        .max()
        .unwrap_or(0);
    for bucket in &timeline.buckets {
        // Any article at all gets at least one block, so no non-empty bucket looks empty.
        let blocks = (bucket.count * BAR_WIDTH).div_ceil(most) as usize;
        writeln!(
            out,
            "{DATE}{:<label_width$}{DATE:#} {MATCH}{}{MATCH:#} {}",
            bucket.label,
            "\u{2588}".repeat(blocks),
            bucket.count
        )?;
    }
    let undated = if timeline.undated > 0 {
        format!(", {} without a date", timeline.undated)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{RANK}{} articles by {}{undated} ({:.1} ms){RANK:#}",
        timeline.dated,
        timeline.granularity.as_str(),
        timeline.took_ms
    )
}

/// `text` with the given byte ranges in the match style.
fn mark(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut marked = String::new();
    let mut at = 0;
    for &(start, end) in ranges {
        let (Some(before), Some(word)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        marked.push_str(before);
        marked.push_str(&format!("{MATCH}{word}{MATCH:#}"));
        at = end;
    }
    marked.push_str(text.get(at..).unwrap_or(""));
    marked
}

/// Prints an entity's profile: name, forms, dates, timeline, neighbours and quotes.
pub fn print_profile(out: &mut dyn Write, profile: &Profile) -> std::io::Result<()> {
    writeln!(
        out,
        "{TITLE}{}{TITLE:#} ({})",
        profile.name,
        profile.kind.as_str()
    )?;
    let forms: Vec<String> = profile
        .forms
        .iter()
        .map(|(form, n)| format!("{form} ({n})"))
        .collect();
    print_line(out, "written", &forms.join(", "))?;
    let span = match (day(profile.first_published), day(profile.last_published)) {
        (Some(first), Some(last)) => format!(", {first} to {last}"),
        _ => String::new(),
    };
    print_line(out, "articles", &format!("{}{span}", profile.articles))?;
    writeln!(out)?;
    print_timeline(out, &profile.timeline)?;
    writeln!(out)?;
    print_facets(out, &profile.related)?;
    for (label, quotes) in [("said", &profile.said), ("named in", &profile.mentioned_in)] {
        if quotes.hits.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{LABEL}{label:>9}:{LABEL:#} {} quotes",
            quotes.total_hits
        )?;
        for hit in &quotes.hits {
            let speaker = hit.speaker.as_deref().unwrap_or("unattributed");
            writeln!(
                out,
                "  \u{201c}{}\u{201d} {RANK}{speaker}, {}{RANK:#}",
                hit.text, hit.article_id
            )?;
        }
    }
    Ok(())
}

fn print_line(out: &mut dyn Write, label: &str, text: &str) -> std::io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    writeln!(out, "{LABEL}{label:>9}:{LABEL:#} {text}")
}

/// Prints facet counts as labelled lists.
pub fn print_facets(out: &mut dyn Write, facets: &Facets) -> std::io::Result<()> {
    for (kind, counts) in &facets.entities {
        print_counts(out, kind.as_str(), counts)?;
    }
    print_counts(out, "speaker", &facets.speakers)?;
    print_counts(out, "published", &facets.published_month)?;
    writeln!(out)
}

fn print_counts(out: &mut dyn Write, label: &str, counts: &[(String, u64)]) -> std::io::Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let items: Vec<String> = counts.iter().map(|(k, n)| format!("{k} ({n})")).collect();
    writeln!(out, "{LABEL}{label:>9}:{LABEL:#} {}", items.join(", "))
}

/// Prints one article and what was extracted from it.
pub fn print_article(out: &mut dyn Write, article: &StoredArticle) -> std::io::Result<()> {
    writeln!(out, "{TITLE}{}{TITLE:#}", article.title)?;
    let date = match (day(article.published), article.published_source) {
        (Some(date), Some(source)) => format!("{date} (from {})", source.as_str()),
        (Some(date), None) => date,
        (None, _) => "date unknown".into(),
    };
    writeln!(out, "{DATE}{date}{DATE:#}  {ID}{}{ID:#}", article.id)?;
    for (label, value) in [("url", &article.url), ("source", &article.source)] {
        if let Some(value) = value {
            writeln!(out, "{LABEL}{label}:{LABEL:#} {value}")?;
        }
    }
    if !article.authors.is_empty() {
        writeln!(
            out,
            "{LABEL}authors:{LABEL:#} {}",
            article.authors.join(", ")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", article.body)?;
    writeln!(out)?;
    print_extraction(out, &article.extracted)
}

/// Prints the other articles of an article's near-duplicate cluster, if it has any.
pub fn print_cluster(out: &mut dyn Write, cluster: &Cluster) -> std::io::Result<()> {
    if cluster.others.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{LABEL}similar ({}):{LABEL:#} {}",
        cluster.others.len(),
        cluster.others.join(", ")
    )
}

/// Prints the near-duplicate clusters of `stats`: how many, and the largest.
pub fn print_clusters(
    out: &mut dyn Write,
    clusters: u64,
    largest: &[(String, u64)],
) -> std::io::Result<()> {
    writeln!(out, "clusters:  {clusters} (near-duplicates counted once)")?;
    if !largest.is_empty() {
        let listed: Vec<String> = largest
            .iter()
            .map(|(cluster, articles)| format!("{cluster} ({articles})"))
            .collect();
        writeln!(out, "largest:   {}", listed.join(", "))?;
    }
    Ok(())
}

/// Prints `stats`: where the index is, its articles, size (largest fields first), date range,
/// near-duplicate clusters and top names.
pub fn print_stats(
    out: &mut dyn Write,
    path: &Path,
    overview: &Overview,
    size_bytes: u64,
    size_by_field: &BTreeMap<String, u64>,
) -> std::io::Result<()> {
    writeln!(out, "index:     {}", path.display())?;
    writeln!(out, "articles:  {}", overview.docs)?;
    let mut largest: Vec<(String, u64)> = size_by_field
        .iter()
        .map(|(field, bytes)| (field.clone(), *bytes))
        .collect();
    largest.sort_by_key(|(_, bytes)| std::cmp::Reverse(*bytes));
    let largest: Vec<String> = largest
        .iter()
        .take(6)
        .map(|(field, bytes)| format!("{field} {:.1}", *bytes as f64 / 1e6))
        .collect();
    writeln!(
        out,
        "size:      {:.1} MB ({} MB, …)",
        size_bytes as f64 / 1e6,
        largest.join(", ")
    )?;
    let range = |when| day(when).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "published: {} to {}",
        range(overview.published_min),
        range(overview.published_max)
    )?;
    print_clusters(out, overview.clusters, &overview.largest_clusters)?;
    writeln!(out)?;
    print_facets(out, &overview.facets)
}

/// Prints entity names per type, dates with their values, and quotes with speakers.
pub fn print_extraction(out: &mut dyn Write, extracted: &Extracted) -> std::io::Result<()> {
    for kind in EntityKind::ALL {
        let names = extracted.names(kind);
        if !names.is_empty() {
            writeln!(
                out,
                "{LABEL}{:>8}:{LABEL:#} {}",
                kind.as_str(),
                names.join("; ")
            )?;
        }
    }
    if !extracted.dates.is_empty() {
        let dates: Vec<String> = extracted
            .dates
            .iter()
            .map(|d| format!("{} = {}", d.text, d.value))
            .collect();
        writeln!(out, "{LABEL}   dates:{LABEL:#} {}", dates.join("; "))?;
    }
    for quote in &extracted.quotes {
        let speaker = quote.speaker.as_deref().unwrap_or("unattributed");
        match quote.kind {
            QuoteKind::Direct => writeln!(
                out,
                "{LABEL}   quote:{LABEL:#} \u{201c}{}\u{201d} ({speaker})",
                quote.text
            )?,
            QuoteKind::Indirect => {
                writeln!(out, "{LABEL}reported:{LABEL:#} {} ({speaker})", quote.text)?
            }
        }
    }
    Ok(())
}
