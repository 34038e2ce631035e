//! `newsdex index` and `newsdex extract`: formats, bad input, replacing, exit codes.

use std::io::Write;

use crate::common::{ExtractRecord, IndexSummary, QueryResponse, Stats, Workspace};

fn jsonl(records: &[serde_json::Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn ids(ws: &Workspace) -> Vec<String> {
    let run = ws.run(&["query", "*", "--json", "--limit", "100", "--sort", "oldest"]);
    let mut ids: Vec<String> = run
        .json::<QueryResponse>()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_format_in_the_contract_is_read() {
    let ws = Workspace::new();
    ws.write(
        "dump/txt/one.txt",
        "Title one\n\nBody of the first article.\n",
    );
    ws.write("dump/notes.md", "# Markdown title\n\nBody in markdown.\n");
    ws.write("dump/skip.html", "<html>not an article</html>");
    ws.write("dump/README.md", "# About this dump\n\nNot an article.\n");
    let lines = jsonl(&[
        serde_json::json!({"id": "j1", "title": "T", "text": "Body j1", "published": "2019-11-21"}),
        serde_json::json!({"uuid": "j2", "headline": "T", "content": "Body j2"}),
    ]);
    ws.write("dump/feed.jsonl.gz", gzip(lines.as_bytes()));
    let zst = zstd::encode_all(
        jsonl(&[serde_json::json!({"_id": "z1", "body": "Body z1"})]).as_bytes(),
        3,
    )
    .unwrap();
    ws.write("dump/more.ndjson.zst", zst);
    ws.write(
        "dump/array.json",
        r#"[{"id": "a1", "body": "Body a1"}, {"id": "a2", "article": "Body a2"}]"#,
    );
    ws.write(
        "dump/news-please/site.example/abc.json",
        r#"{"authors": ["Ann Lee"], "date_publish": "2019-11-21 08:15:00", "maintext": "Body np",
            "source_domain": "site.example", "title": "NP", "url": "https://site.example/np",
            "language": "en", "description": null}"#,
    );
    ws.write(
        "dump/export.csv",
        ",id,title,publication,author,date,url,content\n0,c1,CSV title,Pub,Bo Chan,2019-11-20,https://x.example/c1,\"Body, with comma\"\n",
    );
    let run = ws.run(&["index", "dump", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("README.md: warning: passed over"),
        "{}",
        run.stderr
    );
    let summary: IndexSummary = run.json();
    assert_eq!(summary.added, 9);
    assert_eq!(summary.docs, 9);
    assert_eq!(
        ids(&ws),
        [
            "a1",
            "a2",
            "c1",
            "https://site.example/np",
            "j1",
            "j2",
            "notes.md",
            "txt/one.txt",
            "z1"
        ]
    );
    let show = ws.run(&["show", "https://site.example/np", "--json"]);
    let article: serde_json::Value = show.json();
    assert_eq!(article["published"], "2019-11-21");
    assert_eq!(article["source"], "site.example");
    assert_eq!(article["authors"], serde_json::json!(["Ann Lee"]));
    let csv: serde_json::Value = ws.run(&["show", "c1", "--json"]).json();
    assert_eq!(csv["body"], "Body, with comma");
    assert_eq!(csv["source"], "Pub");
}

#[test]
fn a_malformed_jsonl_line_is_reported_and_the_rest_indexed() {
    let ws = Workspace::new();
    let good = |id: &str| serde_json::json!({"id": id, "body": "Some body"}).to_string();
    let text = format!(
        "{}\n{{\"id\": \"broken\", \n{}\n{{\"id\": 7, \"body\": 5}}\n",
        good("g1"),
        good("g2")
    );
    ws.write("feed.jsonl", text);
    let run = ws.run(&["index", "feed.jsonl", "--json"]);
    assert_eq!(run.code, 1, "some records were skipped: {}", run.stderr);
    assert!(
        run.stderr.contains("feed.jsonl:2: skipped: invalid JSON"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("feed.jsonl:4: skipped: field `body` is a number"),
        "{}",
        run.stderr
    );
    let summary: IndexSummary = run.json();
    assert_eq!((summary.added, summary.skipped, summary.docs), (2, 2, 2));
    assert_eq!(summary.errors[0].path, "feed.jsonl");
    assert_eq!(summary.errors[0].line, 2);
    assert_eq!(summary.errors[1].line, 4);
}

#[test]
fn indexing_again_replaces_instead_of_duplicating() {
    let ws = Workspace::new();
    ws.write(
        "feed.jsonl",
        jsonl(&[
            serde_json::json!({"id": "r1", "body": "First version"}),
            serde_json::json!({"id": "r2", "body": "Other"}),
            serde_json::json!({"id": "r1", "body": "Second version"}),
        ]),
    );
    let first: IndexSummary = ws.run(&["index", "feed.jsonl", "--json"]).json();
    assert_eq!((first.added, first.replaced, first.docs), (2, 1, 2));
    let second: IndexSummary = ws.run(&["index", "feed.jsonl", "--json"]).json();
    assert_eq!((second.added, second.replaced, second.docs), (0, 3, 2));
    let stats: Stats = ws.run(&["stats", "--json"]).json();
    assert_eq!(stats.docs, 2);
    let article: serde_json::Value = ws.run(&["show", "r1", "--json"]).json();
    assert_eq!(article["body"], "Second version");
}

#[test]
fn standard_input_is_read_as_json_lines() {
    let ws = Workspace::new();
    let input =
        jsonl(&[serde_json::json!({"id": "s1", "title": "From a pipe", "body": "Piped body"})]);
    let run = ws.run_with_stdin(&["index", "-", "--json"], Some(&input));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&ws), ["s1"]);
}

#[test]
fn invalid_utf8_is_indexed_with_a_warning_and_binary_files_are_skipped() {
    let ws = Workspace::new();
    ws.write(
        "d/latin1.txt",
        b"Caf\xe9 opens\n\nThe caf\xe9 opened on Monday.\n",
    );
    ws.write("d/blob.txt", b"\x00\x01\x02binary\x00");
    let run = ws.run(&["index", "d", "--json"]);
    assert_eq!(run.code, 1, "the binary file is skipped: {}", run.stderr);
    assert!(
        run.stderr.contains("latin1.txt: warning: invalid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("blob.txt: skipped: binary file"),
        "{}",
        run.stderr
    );
    let summary: IndexSummary = run.json();
    assert_eq!(
        (summary.added, summary.skipped, summary.warnings),
        (1, 1, 1)
    );
}

#[test]
fn a_missing_input_path_is_an_error_before_anything_is_written() {
    let ws = Workspace::new();
    let run = ws.run(&["index", "no-such-dir"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);
    assert!(!ws.index_dir().exists());
}

#[test]
fn a_directory_that_is_not_an_index_is_refused() {
    let ws = Workspace::new();
    ws.write("feed.jsonl", jsonl(&[serde_json::json!({"body": "x"})]));
    ws.write("index/precious.txt", "keep me");
    let run = ws.run(&["index", "feed.jsonl"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a newsdex index"),
        "{}",
        run.stderr
    );
    let query = ws.run(&["query", "x"]);
    assert_eq!(query.code, 2);
    assert!(query.stderr.contains("no index at"), "{}", query.stderr);
}

#[test]
fn an_index_of_another_schema_version_gets_a_clear_message() {
    let ws = Workspace::new();
    ws.write("feed.jsonl", jsonl(&[serde_json::json!({"body": "x"})]));
    assert_eq!(ws.run(&["index", "feed.jsonl"]).code, 0);
    ws.write(
        "index/newsdex.json",
        r#"{"format":"newsdex","schema_version":0}"#,
    );
    let run = ws.run(&["query", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("schema version 0"), "{}", run.stderr);
}

#[test]
fn extract_offsets_slice_the_text_they_name() {
    let ws = Workspace::new();
    let body = "Microsoft's chief, Satya Nadella, spoke in Seattle on Thursday. \
                \u{201c}We are ready,\u{201d} Nadella said. Later, on November 20, 2019, he left.";
    ws.write(
        "feed.jsonl",
        jsonl(&[
            serde_json::json!({"id": "e1", "title": "Nadella in Seattle", "body": body,
                                   "published": "2019-11-22T10:00:00Z"}),
        ]),
    );
    let run = ws.run(&["extract", "feed.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records: Vec<ExtractRecord> = run.json_lines();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.published.as_deref(), Some("2019-11-22"));
    let text_of = |field: &str| {
        if field == "title" {
            record.title.as_str()
        } else {
            body
        }
    };
    for e in &record.entities {
        assert_eq!(&text_of(&e.field)[e.start..e.end], e.text);
    }
    for d in &record.dates {
        assert_eq!(&text_of(&d.field)[d.start..d.end], d.text);
    }
    assert!(record
        .dates
        .iter()
        .any(|d| d.text == "November 20, 2019" && d.value == "2019-11-20"));
    assert!(record
        .dates
        .iter()
        .any(|d| d.text == "Thursday" && d.value == "2019-11-21"));
    assert_eq!(record.quotes.len(), 1);
    let quote = &record.quotes[0];
    assert_eq!(quote.text, "We are ready,".trim_end_matches(','));
    assert_eq!(&body[quote.start..quote.end], quote.text);
    let mention = quote.speaker_mention.as_ref().expect("a speaker mention");
    assert_eq!(&body[mention.start..mention.end], mention.text);
}

/// The BBC corpus from ../shared, when it is there (CI has it; a bare clone need not).
#[test]
fn the_bbc_corpus_indexes_whole_including_its_invalid_utf8_article() {
    let bbc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    if !bbc.is_dir() {
        crate::common::skipped("bbc corpus", &format!("{} is not there", bbc.display()));
        return;
    }
    let ws = Workspace::new();
    let run = ws.run(&["index", bbc.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("sport/199.txt: warning: invalid UTF-8"),
        "{}",
        run.stderr
    );
    let summary: IndexSummary = run.json();
    assert_eq!(
        (summary.added, summary.skipped, summary.docs),
        (2225, 0, 2225)
    );
    let response: QueryResponse = ws
        .run(&["query", "org:Microsoft", "--json", "--limit", "20"])
        .json();
    assert!(response.total_hits >= 20, "{}", response.total_hits);
    let tech = response
        .hits
        .iter()
        .filter(|h| h.id.starts_with("tech/"))
        .count();
    assert!(
        tech >= 18,
        "Microsoft is tech news: {:?}",
        response.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    for hit in &response.hits {
        assert!(
            hit.entities.org.iter().any(|o| o.contains("Microsoft")),
            "{}",
            hit.id
        );
    }
}

#[test]
fn publication_dates_say_where_they_came_from() {
    let ws = Workspace::new();
    ws.write(
        "feed.jsonl",
        jsonl(&[
            serde_json::json!({"id": "m", "body": "On Monday it rained.", "published": "2019-11-21"}),
            serde_json::json!({"id": "u", "body": "On Monday it rained.",
                               "url": "https://x.example/2019/11/22/rain"}),
            serde_json::json!({"id": "t", "body": "On Monday it rained.\n\nPublished: 23 November 2019"}),
            serde_json::json!({"id": "d", "body": "OSLO, Nov 24 (Newswire) - On Monday it rained.",
                               "url": "https://x.example/2019/rain"}),
            serde_json::json!({"id": "n", "body": "On Monday it rained."}),
        ]),
    );
    let run = ws.run(&["extract", "feed.jsonl"]);
    let records: Vec<ExtractRecord> = run.json_lines();
    // id, published, where from, first date mentioned
    type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let got: Vec<Row> = records
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.published.as_deref(),
                r.published_source.as_deref(),
                r.dates.first().map(|d| d.value.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "m",
                Some("2019-11-21"),
                Some("metadata"),
                Some("2019-11-18")
            ),
            ("u", Some("2019-11-22"), Some("url"), Some("2019-11-18")),
            ("t", Some("2019-11-23"), Some("text"), Some("2019-11-18")),
            // The dateline is itself the first date mentioned.
            ("d", Some("2019-11-24"), Some("text"), Some("2019-11-24")),
            ("n", None, None, None),
        ]
    );
    // --published overrides every record's own date.
    let run = ws.run(&["index", "feed.jsonl", "--published", "2020-02-02", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let response: QueryResponse = ws.run(&["query", "rained", "--json"]).json();
    assert_eq!(response.hits.len(), 5);
    for hit in &response.hits {
        assert_eq!(hit.published.as_deref(), Some("2020-02-02"));
        assert_eq!(hit.published_source.as_deref(), Some("flag"));
        // "On Monday" now resolves against the flag's date.
        assert!(hit.dates.iter().any(|d| d == "2020-01-27"), "{}", hit.id);
    }
    let bad = ws.run(&["index", "feed.jsonl", "--published", "soon"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--published"), "{}", bad.stderr);
}
