//! What each fuzz target checks. The targets in `fuzz_targets/` call these on libFuzzer's
//! inputs, and `tests/fuzz.rs` replays every input kept in `fuzz/regressions/` through them,
//! so a crash once found stays fixed.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use newsdex::checkpoint::Checkpoint;
use newsdex::extract::{
    extract, extract_within_budget, find_dates, published_from_text, published_from_url,
    resolve_published, Extracted, TextField,
};
use newsdex::index::{build_schema, to_document, Fields, IndexSink, NewsIndex};
use newsdex::ingest::{read_inputs, read_stream, Article, Event, Format, Inputs};
use newsdex::query::{search, search_quotes, timeline, QuoteRequest, SearchRequest, Sort};

/// The record parsers: the first byte picks the format, the rest is the file.
pub fn records(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = [Format::Txt, Format::Jsonl, Format::Json, Format::Csv][selector as usize % 4];
    let fields = Fields::from_schema(&build_schema()).expect("the schema's fields");
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let mut sink = |event: Event| {
        match event {
            Event::Article(article, origin) => {
                assert!(!article.id.is_empty(), "an article without an id");
                assert!((1..=lines).contains(&origin.line), "line {}", origin.line);
                to_document(&fields, &article, &Extracted::default());
            }
            Event::Problem(problem) => {
                assert!(problem.origin.line <= lines, "line {}", problem.origin.line);
                assert!(!problem.message.is_empty());
            }
            Event::Bytes(_) => {}
        }
        Ok(())
    };
    read_stream(
        Box::new(Cursor::new(bytes)),
        format,
        "fuzz",
        "fuzz",
        &mut sink,
    )
    .expect("the sink never fails, so reading never does");
}

/// The extractors: the first two bytes place the title/body split, the next three the
/// publication date (anywhere in years -9999 to 9999, to find overflows), the rest is text.
pub fn extraction(data: &[u8]) {
    if data.len() < 5 {
        return;
    }
    let split = u16::from_le_bytes([data[0], data[1]]) as usize;
    let days = i32::from_le_bytes([data[2], data[3], data[4], 0]) - (1 << 23);
    let text = String::from_utf8_lossy(&data[5..]);
    let mut split = split.min(text.len());
    while !text.is_char_boundary(split) {
        split -= 1;
    }
    let epoch = time::Date::from_calendar_date(2000, time::Month::January, 1).unwrap();
    let published = epoch
        .checked_add(time::Duration::days(days.into()))
        .map(|date| date.midnight().assume_utc());
    let article = Article {
        id: "fuzz".into(),
        title: text[..split].to_string(),
        body: text[split..].to_string(),
        published,
        published_source: None,
        url: Some(text[..split].to_string()),
        authors: Vec::new(),
        source: None,
    };
    let extracted = extract(&article);
    assert_eq!(extracted.misplaced_span(&article), None);
    assert!(extracted.entities.iter().all(|e| !e.name.is_empty()));
    find_dates(&article.body, TextField::Body, None);
    published_from_text(&article.body);
    published_from_url(&article.title);
    let mut resolved = article.clone();
    resolved.published = None;
    resolve_published(&mut resolved, None);
}

/// Pieces that long structured inputs are made of: capitalised words, honorifics,
/// abbreviations, quotation marks and brackets, speech verbs, date words, line breaks.
const PIECES: &[&str] = &[
    "Word ",
    "Anna ",
    "Berg ",
    "Mr ",
    "Dr. ",
    "U.S. ",
    "Inc. ",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "'",
    "(",
    ")",
    "[",
    " said ",
    " told ",
    "according to ",
    "In May ",
    "Monday ",
    "2019 ",
    "last week ",
    "12 June ",
    "Q3 ",
    "the 1990s ",
    ". ",
    ", ",
    ": ",
    "\n",
    "\n\n",
    "of the ",
    "and ",
    "(EU) ",
    "European Union ",
    "a ",
    "the ",
    "he ",
    "she ",
    "\u{e9}",
    "-",
    "7 ",
];

/// The most bytes a long structured input expands to.
const LONG_INPUT_BYTES: usize = 256 << 10;

/// Extraction on long structured text: each pair of input bytes is a piece of [`PIECES`]
/// and a count (up to thousands), so a few bytes of fuzz input make a long text of runs of
/// names, quotes and date words, the kind of input that finds a superlinear path. Every stage
/// must finish within its work budget and every span must slice its text.
pub fn long_extraction(data: &[u8]) {
    let mut body = String::new();
    for pair in data.chunks_exact(2) {
        let piece = PIECES[pair[0] as usize % PIECES.len()];
        let count = 1 + (pair[1] as usize).pow(2) / 4;
        if body.len() + piece.len() * count > LONG_INPUT_BYTES {
            break;
        }
        for _ in 0..count {
            body.push_str(piece);
        }
    }
    let article = Article {
        id: "long".into(),
        title: "Long".into(),
        body,
        published: time::Date::from_calendar_date(2019, time::Month::November, 21)
            .ok()
            .map(|date| date.midnight().assume_utc()),
        published_source: None,
        url: None,
        authors: Vec::new(),
        source: None,
    };
    let (extracted, overrun) = extract_within_budget(&article);
    assert_eq!(overrun, None);
    assert_eq!(extracted.misplaced_span(&article), None);
}

/// The sample corpus indexed once, for the query target.
struct Fixture {
    index: NewsIndex,
    _dir: tempfile::TempDir,
}

fn sample_corpus() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [here.join("sample-corpus"), here.join("../sample-corpus")]
        .into_iter()
        .find(|path| path.is_dir())
        .expect("the sample corpus beside the fuzz crate")
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let index = NewsIndex::open_or_create(&dir.path().join("index")).expect("an index");
        let inputs = Inputs::new(vec![sample_corpus().display().to_string()], None).unwrap();
        let mut sink = IndexSink::new(&index, 1, 64, false, std::time::Duration::MAX).unwrap();
        read_inputs(&inputs, &mut |event| {
            if let Event::Article(mut article, _) = event {
                resolve_published(&mut article, None);
                let document = to_document(&index.fields, &article, &extract(&article));
                let signature = newsdex::dedup::Signature::of(&article.body);
                sink.add(&article.id, document, signature)?;
            }
            Ok(())
        })
        .unwrap();
        sink.finish(&Checkpoint::default()).unwrap();
        Fixture { index, _dir: dir }
    })
}

thread_local! {
    /// Set by the panic hook when the panic came from a place newsdex guards or that is known
    /// to fire only in tantivy's debug builds.
    static TOLERATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sources of panics the fuzz targets do not count as crashes: tantivy's query parser, whose
/// panics newsdex catches and reports as a bad query, and two `debug_assert!`s in tantivy's
/// scorers that fire on legal seeks (an excluded phrase, a range query's explain) and are not
/// compiled into release builds, nor into newsdex's debug builds (see Cargo.toml).
const TOLERATED_PANICS: &[&str] = &[
    "query-grammar",
    "query_parser",
    "tantivy-0.27.0/src/docset.rs",
    "tantivy-0.27.0/src/query/phrase_query/phrase_scorer.rs",
];

/// Installs a panic hook that passes tolerated panics by (libFuzzer's hook would abort on
/// them even when they are caught); any other panic still goes to the hook that was there.
pub fn allow_guarded_panics() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map_or("", |l| l.file());
            if TOLERATED_PANICS.iter().any(|place| file.contains(place)) {
                TOLERATED.set(true);
            } else {
                abort(info);
            }
        }));
    });
}

/// Runs `f`, letting a tolerated panic pass as if `f` had returned an error.
fn tolerating<T>(f: impl FnOnce() -> T) -> Option<T> {
    TOLERATED.set(false);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(_) if TOLERATED.get() => None,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The query path: the input is `QUERY\0SINCE\0UNTIL\0SPEAKER`, each optional, and the last
/// byte picks the sort, paging and facets. Every request gets hits or an error.
pub fn query(data: &[u8]) {
    let fixture = fixture();
    let Some((&options, text)) = data.split_last() else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    let mut parts = text.split('\0');
    let query = parts.next().unwrap_or("").to_string();
    let mut next = || parts.next().filter(|p| !p.is_empty()).map(str::to_string);
    let (since, until, speaker) = (next(), next(), next());
    let request = SearchRequest {
        query,
        limit: 1 + (options & 0x0f) as usize,
        offset: ((options >> 4) & 3) as usize,
        sort: [Sort::Relevance, Sort::Newest, Sort::Oldest][(options >> 6) as usize % 3],
        since,
        until,
        facets: options & 0x80 != 0,
        collapse: options.count_ones() % 2 == 1,
    };
    if let Some(Ok(results)) = tolerating(|| search(&fixture.index, &request)) {
        assert!(results.hits.len() <= request.limit);
        for hit in &results.hits {
            for &(start, end) in &hit.snippet.highlights {
                assert!(
                    hit.snippet.text.get(start..end).is_some(),
                    "highlight {start}..{end}"
                );
            }
        }
    }
    tolerating(|| timeline(&fixture.index, &request, None));
    let quotes = QuoteRequest {
        search: request,
        speaker,
        kind: None,
    };
    tolerating(|| search_quotes(&fixture.index, &quotes));
}
