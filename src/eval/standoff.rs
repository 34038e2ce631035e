//! Stand-off entity annotation over raw article files, as in `eval/bbc-dev`: `articles.txt`
//! lists the files (paths relative to a corpus root) and `entities.tsv` holds one
//! `path start end type text` row per mention, byte offsets into the raw file, headline
//! included. Each file is split into title and body the way `newsdex index` splits a `.txt`
//! file, each gold span is moved into its field, and what `find_entities` finds there is scored
//! by exact span and type.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, ensure, Context};

use super::conll::EntityReport;
use crate::extract::{find_entities, EntityKind, TextField};
use crate::ingest::split_title;

/// Where a span is: the field and `[start, end)` bytes within it.
type Place = (TextField, usize, usize);

/// The index file of a stand-off set.
const ENTITIES: &str = "entities.tsv";

/// The list of articles of a stand-off set.
const ARTICLES: &str = "articles.txt";

/// Whether `path` is a stand-off set: a directory with `entities.tsv` and `articles.txt`.
pub fn is_standoff_set(path: &Path) -> bool {
    path.join(ENTITIES).is_file() && path.join(ARTICLES).is_file()
}

/// The corpus root a set names by default: `../shared/corpus/bbc` beside the repository that
/// holds the set at `eval/NAME`.
pub fn default_corpus(set: &Path) -> PathBuf {
    set.join("../../../shared/corpus/bbc")
}

/// The contract's type for an annotation's type.
fn kind_of(label: &str) -> Option<EntityKind> {
    match label {
        "PER" => Some(EntityKind::Person),
        "ORG" => Some(EntityKind::Org),
        "LOC" => Some(EntityKind::Place),
        "MISC" => Some(EntityKind::Misc),
        _ => None,
    }
}

/// One gold row: raw-file byte range, type and the annotated text.
struct Gold {
    start: usize,
    end: usize,
    kind: EntityKind,
    text: String,
}

/// Reads `entities.tsv` into rows per article path.
fn read_gold(path: &Path) -> anyhow::Result<HashMap<String, Vec<Gold>>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut gold: HashMap<String, Vec<Gold>> = HashMap::new();
    for (n, line) in data.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.splitn(5, '\t').collect();
        let row = || format!("{}:{}", path.display(), n + 1);
        let [article, start, end, label, text] = fields[..] else {
            bail!("{}: expected 5 tab-separated columns", row());
        };
        let kind = kind_of(label).with_context(|| format!("{}: type {label:?}", row()))?;
        let number = |s: &str| {
            s.parse::<usize>()
                .with_context(|| format!("{}: {s:?}", row()))
        };
        gold.entry(article.to_string()).or_default().push(Gold {
            start: number(start)?,
            end: number(end)?,
            kind,
            text: text.to_string(),
        });
    }
    Ok(gold)
}

/// Byte offset of `part` within `whole`, which it is a slice of.
fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// Scores `find_entities` on the stand-off set in `set`, reading articles under `corpus`.
/// With `verbose`, the report lists each miss, false alarm and wrong type first.
pub fn evaluate_standoff(set: &Path, corpus: &Path, verbose: bool) -> anyhow::Result<EntityReport> {
    ensure!(
        corpus.is_dir(),
        "corpus root {} is not a directory (pass --corpus DIR)",
        corpus.display()
    );
    let list = set.join(ARTICLES);
    let articles =
        std::fs::read_to_string(&list).with_context(|| format!("reading {}", list.display()))?;
    let gold_rows = read_gold(&set.join(ENTITIES))?;
    let mut report = EntityReport::new();
    for article in articles.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let path = corpus.join(article);
        let raw = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
        let (title, body) =
            split_title(text).with_context(|| format!("{}: no body", path.display()))?;
        let fields = [
            (TextField::Title, offset_in(&raw, title), title),
            (TextField::Body, offset_in(&raw, body), body),
        ];
        let mut gold: HashSet<(Place, EntityKind)> = HashSet::new();
        for row in gold_rows
            .get(article)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            ensure!(
                raw.get(row.start..row.end) == Some(row.text.as_str()),
                "{article} {}..{}: the file has {:?} there, the annotation {:?}",
                row.start,
                row.end,
                raw.get(row.start..row.end).unwrap_or("<outside the file>"),
                row.text
            );
            let field = fields
                .iter()
                .find(|(_, at, text)| row.start >= *at && row.end <= at + text.len());
            let Some(&(field, at, _)) = field else {
                bail!(
                    "{article} {}..{}: not inside the title or the body",
                    row.start,
                    row.end
                );
            };
            gold.insert(((field, row.start - at, row.end - at), row.kind));
        }
        report.tokens += title.split_whitespace().count() + body.split_whitespace().count();
        let started = Instant::now();
        let predicted: HashSet<(Place, EntityKind)> = find_entities(title, body)
            .into_iter()
            .map(|e| ((e.field, e.start, e.end), e.kind))
            .collect();
        report.elapsed += started.elapsed();
        if verbose {
            list_errors(
                article,
                [title, body],
                &predicted,
                &gold,
                &mut report.errors,
            );
        }
        report.tally(&predicted, &gold);
    }
    ensure!(report.documents > 0, "no articles in {}", list.display());
    Ok(report)
}

/// Appends a line per gold span not found (`miss`), predicted span not in the gold (`false`)
/// and span found with another type (`type`), in field and text order.
fn list_errors(
    article: &str,
    texts: [&str; 2],
    predicted: &HashSet<(Place, EntityKind)>,
    gold: &HashSet<(Place, EntityKind)>,
    out: &mut Vec<String>,
) {
    let kinds = |spans: &HashSet<(Place, EntityKind)>| -> HashMap<Place, EntityKind> {
        spans.iter().copied().collect()
    };
    let (p, g) = (kinds(predicted), kinds(gold));
    let mut places: Vec<Place> = p.keys().chain(g.keys()).copied().collect();
    places.sort_by_key(|&(field, start, end)| (field == TextField::Body, start, end));
    places.dedup();
    for place in places {
        let (field, start, end) = place;
        let text = texts[usize::from(field == TextField::Body)];
        let words = text.get(start..end).unwrap_or_default();
        let name = if field == TextField::Body {
            "body"
        } else {
            "title"
        };
        let line = match (g.get(&place), p.get(&place)) {
            (Some(want), Some(got)) if want == got => continue,
            (Some(want), Some(got)) => format!("type   {} not {}", want.as_str(), got.as_str()),
            (Some(want), None) => format!("miss   {}", want.as_str()),
            (None, Some(got)) => format!("false  {}", got.as_str()),
            (None, None) => continue,
        };
        out.push(format!(
            "{line:<20} {article} {name} {start}..{end} {words:?}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_moves_into_title_and_body() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("news")).unwrap();
        let raw = "Huawei wins in Paris\n\nPeter Blackburn of Huawei said so.\n";
        std::fs::write(corpus.join("news/001.txt"), raw).unwrap();
        let set = dir.path().join("set");
        std::fs::create_dir_all(&set).unwrap();
        std::fs::write(set.join(ARTICLES), "news/001.txt\n").unwrap();
        let at = |s: &str| raw.find(s).unwrap();
        let peter = at("Peter");
        let rows = format!(
            "path\tstart\tend\ttype\ttext\nnews/001.txt\t15\t20\tLOC\tParis\n\
             news/001.txt\t{peter}\t{}\tPER\tPeter Blackburn\n",
            peter + 15
        );
        std::fs::write(set.join(ENTITIES), rows).unwrap();
        assert!(is_standoff_set(&set));
        let report = evaluate_standoff(&set, &corpus, true).expect("scores");
        assert_eq!(report.documents, 1);
        assert_eq!(report.overall.gold, 2);
        // The body starts after the blank line, so Peter Blackburn is at 0 in the body.
        let listed = report.errors.join("\n");
        assert!(!listed.contains("body 0..15"), "{listed}");
        assert!(report.overall.gold_found >= 1, "{report}");

        std::fs::write(
            set.join(ENTITIES),
            "path\tstart\tend\ttype\ttext\nnews/001.txt\t0\t5\tORG\tHuawei\n",
        )
        .unwrap();
        let error = evaluate_standoff(&set, &corpus, false).unwrap_err();
        assert!(format!("{error:#}").contains("the file has \"Huawe\""));
    }
}
