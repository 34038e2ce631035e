//! TimeML (TimeBank, AQUAINT): every `.tml` file under a directory, tags stripped, the
//! document creation time taken as the published date. Scored over DATE timexes (the
//! creation time itself is not in the text and is skipped): relaxed span (any overlap), and
//! value (overlap and the exact TIMEX3 value, a gold week number read in two digits).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use time::macros::format_description;
use time::Date;

use super::{context, overlaps, Score};
use crate::extract::{find_dates, TextField};

/// A gold timex in the stripped text.
struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// One document: stripped text, creation date, gold timexes.
struct Document {
    name: String,
    text: String,
    created: Option<Date>,
    timexes: Vec<Timex>,
}

/// What `newsdex eval dates` prints.
#[derive(Debug, Clone, Default)]
pub struct DateReport {
    pub documents: usize,
    /// Relaxed span: a prediction is right when it overlaps a gold DATE.
    pub span: Score,
    /// A prediction is right when it overlaps a gold DATE and has its value.
    pub value: Score,
    pub bytes: usize,
    pub elapsed: Duration,
    /// Misses, false alarms and wrong values, one per line (with `verbose`).
    pub errors: Vec<String>,
}

impl std::fmt::Display for DateReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.errors {
            writeln!(f, "{line}")?;
        }
        writeln!(f, "documents     {}", self.documents)?;
        writeln!(f, "span  (overlap)  {}", self.span)?;
        writeln!(f, "value (overlap + exact value)  {}", self.value)?;
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        write!(
            f,
            "speed         {:.1} MB/s ({} bytes in {:.1} ms)",
            self.bytes as f64 / seconds / 1e6,
            self.bytes,
            seconds * 1000.0
        )
    }
}

/// Scores the date extractor on every `.tml` file under `dir`.
pub fn evaluate_dates(dir: &Path, verbose: bool) -> anyhow::Result<DateReport> {
    let files = crate::ingest::files_with_extension(dir, "tml")?;
    anyhow::ensure!(!files.is_empty(), "no .tml files under {}", dir.display());
    let mut report = DateReport::default();
    for path in &files {
        let raw =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let Some(document) = parse(path, &raw) else {
            continue;
        };
        score(&document, &mut report, verbose);
    }
    Ok(report)
}

fn score(document: &Document, report: &mut DateReport, verbose: bool) {
    report.documents += 1;
    report.bytes += document.text.len();
    let started = Instant::now();
    let predicted = find_dates(&document.text, TextField::Body, document.created);
    report.elapsed += started.elapsed();
    let gold: Vec<&Timex> = document
        .timexes
        .iter()
        .filter(|t| t.kind == "DATE")
        .collect();
    let text = &document.text;
    for p in &predicted {
        let span = (p.start, p.end);
        let hits: Vec<&&Timex> = gold
            .iter()
            .filter(|g| overlaps(span, (g.start, g.end)))
            .collect();
        report.span.predicted += 1;
        report.value.predicted += 1;
        report.span.predicted_right += usize::from(!hits.is_empty());
        report.value.predicted_right += usize::from(hits.iter().any(|g| g.value == p.value));
        if hits.is_empty() && verbose {
            report.errors.push(format!(
                "FP\t{}\t{:?}\t{}\t…{}…",
                document.name,
                p.text,
                p.value,
                context(text, p.start, p.end, 40, 20)
            ));
        }
    }
    for g in &gold {
        report.span.gold += 1;
        report.value.gold += 1;
        let found: Vec<_> = predicted
            .iter()
            .filter(|p| overlaps((p.start, p.end), (g.start, g.end)))
            .collect();
        report.span.gold_found += usize::from(!found.is_empty());
        let right = found.iter().any(|p| p.value == g.value);
        report.value.gold_found += usize::from(right);
        if verbose && !right {
            let kind = if found.is_empty() { "FN" } else { "VAL" };
            let got = found
                .first()
                .map_or(String::new(), |p| format!("got {}", p.value));
            report.errors.push(format!(
                "{kind}\t{}\t{:?}\tgold {}\t{got}\tdct {}\t…{}…",
                document.name,
                &text[g.start..g.end],
                g.value,
                document.created.map_or("-".into(), |d| d.to_string()),
                context(text, g.start, g.end, 80, 40)
            ));
        }
    }
}

/// The value of attribute `name` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(tag[from..from + len].to_string())
}

/// A value with its ISO week number in two digits, as TIMEX3 writes it: some AQUAINT files
/// write `2000-W6` for week 6, which names the same week as `2000-W06`.
fn padded_week(value: String) -> String {
    let bytes = value.as_bytes();
    let single_digit = bytes.len() >= 7
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && &bytes[4..6] == b"-W"
        && bytes[6].is_ascii_digit()
        && bytes.get(7).is_none_or(|b| !b.is_ascii_digit());
    if single_digit {
        format!("{}0{}", &value[..6], &value[6..])
    } else {
        value
    }
}

/// Decodes the XML entities the corpus uses.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Strips the tags of one `.tml` document's `<TEXT>`, keeping where each timex was.
fn parse(path: &Path, raw: &str) -> Option<Document> {
    let created_at = raw.find("functionInDocument=\"CREATION_TIME\"")?;
    let tag_start = raw[..created_at].rfind('<')?;
    let tag_end = tag_start + raw[tag_start..].find('>')?;
    let created = attribute(&raw[tag_start..tag_end], "value")
        .and_then(|v| Date::parse(v.get(..10)?, format_description!("[year]-[month]-[day]")).ok());
    let body_from = raw.find("<TEXT>")? + "<TEXT>".len();
    let body_to = raw.find("</TEXT>")?;
    let mut rest = raw.get(body_from..body_to)?;
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    while let Some(lt) = rest.find('<') {
        text.push_str(&unescape(&rest[..lt]));
        let gt = lt + rest[lt..].find('>')?;
        let tag = &rest[lt..=gt];
        if tag.starts_with("<TIMEX3") {
            let kind = attribute(tag, "type").unwrap_or_default();
            let value = padded_week(attribute(tag, "value").unwrap_or_default());
            open = Some((text.len(), kind, value));
        } else if tag.starts_with("</TIMEX3") {
            if let Some((start, kind, value)) = open.take() {
                timexes.push(Timex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&unescape(rest));
    Some(Document {
        name: path.file_name()?.to_string_lossy().into_owned(),
        text,
        created,
        timexes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" functionInDocument="CREATION_TIME">02/27/1998</TIMEX3></DCT>
<TEXT>Sales rose &amp; fell <TIMEX3 tid="t1" type="DATE" value="1998-02-26">yesterday</TIMEX3>, for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.</TEXT></TimeML>"#;

    #[test]
    fn documents_are_stripped_and_scored() {
        let document = parse(Path::new("a.tml"), SAMPLE).unwrap();
        assert_eq!(
            document.text,
            "Sales rose & fell yesterday, for three years."
        );
        assert_eq!(document.created.unwrap().to_string(), "1998-02-27");
        let t = &document.timexes[0];
        assert_eq!(&document.text[t.start..t.end], "yesterday");
        let mut report = DateReport::default();
        score(&document, &mut report, true);
        assert_eq!(report.value.gold, 1);
        assert_eq!(report.value.gold_found, 1, "{:?}", report.errors);
        assert_eq!(report.span.predicted, report.span.predicted_right);
    }

    #[test]
    fn week_numbers_are_compared_in_two_digits() {
        for (gold, read) in [
            ("2000-W6", "2000-W06"),
            ("2000-W6-WE", "2000-W06-WE"),
            ("2000-W16", "2000-W16"),
            ("1989-WXX", "1989-WXX"),
            ("2000-05", "2000-05"),
            ("PRESENT_REF", "PRESENT_REF"),
        ] {
            assert_eq!(padded_week(gold.to_string()), read);
        }
    }
}
