//! `newsdex query`, `stats` and `show` on a small index built from hand-written records.

use crate::common::{QueryResponse, Workspace};

/// Four short articles across three months.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    let records = [
        serde_json::json!({"id": "n1", "title": "Harbour expansion approved",
            "body": "The port authority approved the harbour expansion on Monday. Dredging starts in May.",
            "published": "2024-03-04T09:00:00Z", "url": "https://news.example/n1"}),
        serde_json::json!({"id": "n2", "title": "Ferry strike ends",
            "body": "Ferry workers returned after a two-day strike over harbour wages.",
            "published": "2024-03-20T09:00:00Z"}),
        serde_json::json!({"id": "n3", "title": "Harbour tolls rise",
            "body": "Tolls at the harbour will rise by a tenth. \"It is a fair price,\" the minister said.",
            "published": "2024-04-02T09:00:00Z"}),
        serde_json::json!({"id": "n4", "title": "Rail line reopens",
            "body": "The coastal rail line reopened after repairs that began on 2 January 2024.",
            "published": "2024-05-15T09:00:00Z"}),
    ];
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    ws.write("feed.jsonl", lines);
    let run = ws.run(&["index", "feed.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

fn query(ws: &Workspace, args: &[&str]) -> QueryResponse {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = ws.run(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    run.json()
}

fn hit_ids(response: &QueryResponse) -> Vec<&str> {
    response.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn json_hits_decode_strictly_and_highlights_point_at_the_matched_words() {
    let ws = workspace();
    let response = query(&ws, &["harbour"]);
    assert_eq!(response.total_hits, 3);
    assert_eq!((response.offset, response.limit), (0, 10));
    for hit in &response.hits {
        assert!(!hit.snippet.highlights.is_empty(), "{hit:?}");
        for &(start, end) in &hit.snippet.highlights {
            assert_eq!(hit.snippet.text[start..end].to_lowercase(), "harbour");
        }
    }
    let first = &response.hits[0];
    assert_eq!(first.rank, 1);
    assert!(first.score > 0.0);
}

#[test]
fn two_word_phrases_keep_word_order_and_adjacency_and_highlight_both_words() {
    let ws = workspace();
    let response = query(&ws, &["\"harbour expansion\""]);
    assert_eq!(hit_ids(&response), ["n1"]);
    let snippet = &response.hits[0].snippet;
    let marked: Vec<String> = snippet
        .highlights
        .iter()
        .map(|&(start, end)| snippet.text[start..end].to_lowercase())
        .collect();
    assert!(marked.contains(&"harbour".to_string()), "{marked:?}");
    assert!(marked.contains(&"expansion".to_string()), "{marked:?}");
    assert_eq!(query(&ws, &["\"expansion harbour\""]).total_hits, 0);
    assert_eq!(query(&ws, &["\"port harbour\""]).total_hits, 0);
    let mut the_harbour = hit_ids(&query(&ws, &["\"THE Harbour\""]))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    the_harbour.sort();
    assert_eq!(the_harbour, ["n1", "n3"]);
    // The same phrase asked of each field by name (positions, not word pairs) agrees.
    let by_field = query(
        &ws,
        &["title:\"the harbour\" OR body:\"the harbour\" OR entity:\"the harbour\""],
    );
    assert_eq!(by_field.total_hits, 2);
    assert_eq!(
        hit_ids(&query(&ws, &["harbour -\"harbour wages\""])),
        ["n1", "n3"]
    );
    // A title match ranks above a body-only one.
    assert_eq!(
        hit_ids(&query(&ws, &["\"harbour tolls\" OR \"harbour wages\""]))[0],
        "n3"
    );
}

#[test]
fn title_matches_rank_first() {
    let ws = workspace();
    let response = query(&ws, &["harbour"]);
    // n2 only has "harbour" in its body; n1 and n3 have it in the title too.
    assert_eq!(response.hits[2].id, "n2");
}

#[test]
fn exit_status_says_whether_anything_matched() {
    let ws = workspace();
    assert_eq!(ws.run(&["query", "harbour"]).code, 0);
    let none = ws.run(&["query", "zeppelin"]);
    assert_eq!(none.code, 1);
    let jsonl = ws.run(&["query", "zeppelin", "--jsonl"]);
    assert_eq!((jsonl.code, jsonl.stdout.as_str()), (1, ""));
}

#[test]
fn bad_query_syntax_exits_2_with_a_message() {
    let ws = workspace();
    let run = ws.run(&["query", "title:\"harbour"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad query"), "{}", run.stderr);
    assert!(run.stderr.contains("not closed"), "{}", run.stderr);
    // tantivy's parser rejects (or has panicked on) a query of only exclusions.
    let run = ws.run(&["query", "--", "- *"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad query"), "{}", run.stderr);
    let run = ws.run(&["query", "persn:harbour"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field \"persn\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_index_is_named() {
    let ws = Workspace::new();
    let run = ws.run(&["query", "harbour", "--index", "elsewhere"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no index at elsewhere"),
        "{}",
        run.stderr
    );
}

#[test]
fn since_until_and_published_ranges_are_inclusive_days() {
    let ws = workspace();
    let march = query(
        &ws,
        &[
            "*", "--since", "2024-03", "--until", "2024-03", "--sort", "oldest",
        ],
    );
    assert_eq!(hit_ids(&march), ["n1", "n2"]);
    let day = query(
        &ws,
        &[
            "*",
            "--since",
            "2024-03-20",
            "--until",
            "2024-04-02",
            "--sort",
            "oldest",
        ],
    );
    assert_eq!(hit_ids(&day), ["n2", "n3"]);
    let range = query(
        &ws,
        &["published:[2024-03-01 TO 2024-03-31]", "--sort", "oldest"],
    );
    assert_eq!(hit_ids(&range), ["n1", "n2"]);
    let month = query(&ws, &["harbour AND published:2024-04"]);
    assert_eq!(hit_ids(&month), ["n3"]);
    let bad = ws.run(&["query", "*", "--since", "March"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}

#[test]
fn date_prefixes_match_mentioned_dates() {
    let ws = workspace();
    // n4 mentions 2 January 2024; n1 mentions May (2024-05) and Monday (2024-03-04).
    assert_eq!(hit_ids(&query(&ws, &["date:2024-01-02"])), ["n4"]);
    assert_eq!(hit_ids(&query(&ws, &["date:2024-01"])), ["n4"]);
    assert_eq!(hit_ids(&query(&ws, &["date:2024-05"])), ["n1"]);
    assert_eq!(hit_ids(&query(&ws, &["date:2024-03-04"])), ["n1"]);
}

#[test]
fn sorting_paging_and_jsonl() {
    let ws = workspace();
    assert_eq!(
        hit_ids(&query(&ws, &["*", "--sort", "newest"])),
        ["n4", "n3", "n2", "n1"]
    );
    let page = query(
        &ws,
        &["*", "--sort", "oldest", "--limit", "2", "--offset", "1"],
    );
    assert_eq!(hit_ids(&page), ["n2", "n3"]);
    assert_eq!(page.total_hits, 4);
    assert_eq!(page.hits[0].rank, 2);
    let run = ws.run(&["query", "*", "--sort", "oldest", "--jsonl", "--limit", "3"]);
    let lines: Vec<crate::common::Hit> = run.json_lines();
    assert_eq!(
        lines.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["n1", "n2", "n3"]
    );
}

#[test]
fn facets_count_every_match_not_just_the_page() {
    let ws = workspace();
    let response = query(&ws, &["harbour", "--facets", "--limit", "1"]);
    let facets = response.facets.expect("facets");
    assert_eq!(response.hits.len(), 1);
    assert_eq!(
        facets.published_month,
        [("2024-03".to_string(), 2), ("2024-04".to_string(), 1)]
    );
    assert!(query(&ws, &["harbour"]).facets.is_none());
}

#[test]
fn quotes_are_searchable_and_shown_as_the_snippet() {
    let ws = workspace();
    let response = query(&ws, &["quote:fair"]);
    assert_eq!(hit_ids(&response), ["n3"]);
    let snippet = &response.hits[0].snippet;
    assert_eq!(snippet.field, "quote");
    assert_eq!(snippet.text, "It is a fair price");
    assert_eq!(snippet.highlights, [(8, 12)]);
    // "the minister" names nobody: people are told so beside the quote.
    let human = ws.run(&["query", "quote:fair"]);
    assert!(
        human
            .stdout
            .contains("quote: \u{201c}It is a fair price\u{201d} (unattributed)"),
        "{}",
        human.stdout
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let ws = workspace();
    let plain = ws.run(&["query", "harbour"]);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "not a terminal: no colour"
    );
    let always = ws.run(&["query", "harbour", "--color", "always"]);
    assert!(always.stdout.contains("\u{1b}["), "{}", always.stdout);
    assert!(plain.stdout.contains("Harbour expansion approved"));
    assert!(plain.stdout.contains("n1"));
    assert!(plain.stdout.contains("2024-03-04"));
    // The labels of `stats` and `show` are styled too; `stats` sent them to a pipe.
    let commands: [(&[&str], &str); 2] = [
        (&["stats"], "articles:  4"),
        (&["show", "n1"], "Harbour expansion approved"),
    ];
    for (command, expected) in commands {
        let plain = ws.run(command);
        assert!(
            plain.stdout.contains(expected),
            "{command:?}: {}",
            plain.stdout
        );
        assert!(
            !plain.stdout.contains('\u{1b}'),
            "{command:?}: {}",
            plain.stdout
        );
        let always = ws.run(&[command, &["--color", "always"][..]].concat());
        assert!(
            always.stdout.contains("\u{1b}["),
            "{command:?}: {}",
            always.stdout
        );
    }
}

#[test]
fn stats_and_show_describe_the_index() {
    let ws = workspace();
    let stats: crate::common::Stats = ws.run(&["stats", "--json"]).json();
    assert_eq!(stats.docs, 4);
    assert!(stats.size_bytes > 0);
    assert_eq!(stats.size_by_field.values().sum::<u64>(), stats.size_bytes);
    assert!(stats.size_by_field["body"] > stats.size_by_field["title"]);
    assert_eq!(stats.published_min.as_deref(), Some("2024-03-04"));
    assert_eq!(stats.published_max.as_deref(), Some("2024-05-15"));
    let show = ws.run(&["show", "n1"]);
    assert_eq!(show.code, 0);
    assert!(
        show.stdout.contains("Dredging starts in May."),
        "{}",
        show.stdout
    );
    let missing = ws.run(&["show", "nope"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("no article with id \"nope\""));
}

/// `newsdex timeline --json`, decoded strictly.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineJson {
    query: String,
    by: String,
    total_hits: u64,
    undated: u64,
    took_ms: f64,
    buckets: Vec<BucketJson>,
}

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct BucketJson {
    key: String,
    start: String,
    count: u64,
}

#[test]
fn timelines_count_matches_per_bucket_with_empty_buckets_kept() {
    let ws = workspace();
    let run = ws.run(&["timeline", "--by", "month", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let months: TimelineJson = run.json();
    assert_eq!((months.query.as_str(), months.by.as_str()), ("*", "month"));
    assert_eq!((months.total_hits, months.undated), (4, 0));
    assert!(months.took_ms >= 0.0);
    let counts: Vec<(&str, &str, u64)> = months
        .buckets
        .iter()
        .map(|b| (b.key.as_str(), b.start.as_str(), b.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("2024-03", "2024-03-01", 2),
            ("2024-04", "2024-04-01", 1),
            ("2024-05", "2024-05-01", 1)
        ]
    );
    // 72 days from the first article to the last: weeks, with the quiet ones at zero.
    let weeks: TimelineJson = ws.run(&["timeline", "--json"]).json();
    assert_eq!(weeks.by, "week");
    assert_eq!(
        weeks.buckets.first().map(|b| b.key.as_str()),
        Some("2024-W10")
    );
    assert_eq!(
        weeks.buckets.last().map(|b| b.key.as_str()),
        Some("2024-W20")
    );
    assert_eq!(weeks.buckets.len(), 11);
    assert_eq!(weeks.buckets.iter().map(|b| b.count).sum::<u64>(), 4);
    // Harbour news spans 29 days: days.
    let days: TimelineJson = ws.run(&["timeline", "harbour", "--json"]).json();
    assert_eq!((days.by.as_str(), days.buckets.len()), ("day", 30));
    assert!(weeks.buckets.iter().any(|b| b.count == 0));
    let chart = ws.run(&["timeline", "--by", "month"]);
    assert!(
        chart.stdout.contains("2024-03 \u{2588}"),
        "{}",
        chart.stdout
    );
    assert_eq!(ws.run(&["timeline", "zeppelin"]).code, 1);
}

#[test]
fn an_article_about_someone_ranks_above_one_that_names_them_in_passing() {
    let ws = Workspace::new();
    // "passing" is indexed first, so that a tie would list it first: with each name counted
    // once per article, the two tied.
    let records = [
        serde_json::json!({"id": "passing", "title": "Port budget approved",
            "body": "The council approved the port budget on Monday. Maria Lund was among those \
                     at the meeting.",
            "published": "2024-03-04T09:00:00Z"}),
        serde_json::json!({"id": "profile", "title": "Harbour master retires",
            "body": "Maria Lund retired on Friday after thirty years as harbour master. Maria \
                     Lund said the port had changed beyond recognition. Colleagues said Maria \
                     Lund would be missed.",
            "published": "2024-03-05T09:00:00Z"}),
    ];
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    ws.write("feed.jsonl", lines);
    let run = ws.run(&["index", "feed.jsonl", "--quiet", "--threads", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let response = query(&ws, &["person:\"Maria Lund\""]);
    assert_eq!(hit_ids(&response), ["profile", "passing"]);
    assert!(response.hits[0].score > response.hits[1].score);
    // Facets still count articles, not mentions.
    let facets = query(&ws, &["person:\"Maria Lund\"", "--facets"])
        .facets
        .unwrap();
    let people = &facets.person;
    assert!(
        people.contains(&("Maria Lund".to_string(), 2)),
        "{people:?}"
    );
}
