//! Near-duplicates: `cluster` and `similar` on hits, `--collapse`, `show` and `stats`, across
//! runs and when an article is indexed again.

use crate::common::{QueryResponse, Stats, Workspace};

const STORY: &str = "The council voted on Tuesday to close the old harbour bridge to cars \
    from next spring, after engineers found cracks in two of its supports.\n\nThe mayor said \
    the decision was painful but necessary, and that a ferry would run every twenty minutes \
    while the bridge is repaired.\n\nShop owners on the east bank fear they will lose customers \
    during the works, which are expected to last eighteen months and cost about forty million \
    pounds.\n\nA consultation on a new cycle lane across the harbour will open in the summer.";

/// The same event, written apart: it shares the names and the subject, not the sentences.
const OTHER_STORY: &str = "Drivers will have to find another way across the river from next \
    spring: the harbour bridge is to close to cars for repairs, the council decided on \
    Tuesday. Cracks were found in two supports. Traders on the east bank said the closure, \
    expected to last a year and a half, would hurt them; the mayor called it painful but \
    necessary. Cyclists hope for a lane of their own.";

const UNRELATED: &str = "The city orchestra will tour six countries next year, playing \
    the symphonies of a composer whose centenary falls in the autumn. Tickets for the opening \
    concert in the harbour hall go on sale on Friday, and the conductor said the players had \
    rehearsed the programme since January.";

fn record(id: &str, title: &str, body: &str, published: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "title": title, "body": body, "published": published})
    )
}

/// a1, its copy with a new headline and a byline, its copy with a paragraph cut; b1 on the
/// same event written apart; c1 unrelated.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    let cut = STORY.replace(
        "\n\nA consultation on a new cycle lane across the harbour will open in the summer.",
        "",
    );
    let lines = [
        record("a1", "Harbour bridge to close", STORY, "2024-03-04"),
        record(
            "a2",
            "Bridge shut for repairs",
            &format!("By Jane Doe, Reuters\n\n{STORY}"),
            "2024-03-05",
        ),
        record("a3", "Harbour bridge to close", &cut, "2024-04-01"),
        record(
            "b1",
            "Drivers face bridge closure",
            OTHER_STORY,
            "2024-03-04",
        ),
        record("c1", "Orchestra to tour", UNRELATED, "2024-05-01"),
    ];
    ws.write("feed.jsonl", lines.concat());
    let run = ws.run(&["index", "feed.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

fn query(ws: &Workspace, args: &[&str]) -> QueryResponse {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    all.extend(["--json", "--limit", "20"]);
    let run = ws.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

/// (id, cluster, similar) of every hit, by id.
fn clusters(response: &QueryResponse) -> Vec<(String, String, u64)> {
    let mut found: Vec<_> = response
        .hits
        .iter()
        .map(|h| (h.id.clone(), h.cluster.clone(), h.similar))
        .collect();
    found.sort();
    found
}

fn expected(rows: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    rows.iter()
        .map(|(id, cluster, similar)| (id.to_string(), cluster.to_string(), *similar))
        .collect()
}

#[test]
fn copies_share_the_first_articles_cluster_and_a_story_written_apart_does_not() {
    let ws = workspace();
    let response = query(&ws, &["harbour"]);
    assert_eq!((response.total_hits, response.total_articles), (5, 5));
    assert_eq!(
        clusters(&response),
        expected(&[
            ("a1", "a1", 2),
            ("a2", "a1", 2),
            ("a3", "a1", 2),
            ("b1", "b1", 0),
            ("c1", "c1", 0)
        ])
    );
    let jsonl = ws.run(&["query", "bridge", "--jsonl"]);
    assert!(
        jsonl.stdout.contains("\"cluster\":\"a1\",\"similar\":2"),
        "{}",
        jsonl.stdout
    );
}

#[test]
fn collapse_keeps_one_hit_per_cluster_and_counts_both() {
    let ws = workspace();
    let response = query(&ws, &["harbour", "--collapse", "--facets"]);
    assert_eq!((response.total_hits, response.total_articles), (3, 5));
    let ids: Vec<&str> = response.hits.iter().map(|h| h.cluster.as_str()).collect();
    assert_eq!(ids.len(), 3);
    for cluster in ["a1", "b1", "c1"] {
        assert!(ids.contains(&cluster), "{ids:?}");
    }
    // One article per cluster in the month counts: the best-ranked copy of a1 is from March.
    let months = response.facets.unwrap().published_month;
    let total: u64 = months.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 3, "{months:?}");

    let paged = query(&ws, &["harbour", "--collapse", "--offset", "2"]);
    assert_eq!((paged.total_hits, paged.hits.len()), (3, 1));
    assert_eq!(paged.hits[0].rank, 3);

    let newest = query(&ws, &["harbour", "--collapse", "--sort", "newest"]);
    assert_eq!(newest.hits[0].id, "c1");
    assert_eq!(
        newest.hits[1].id, "a3",
        "the newest copy stands for its cluster"
    );

    let timeline = ws.run(&["timeline", "harbour", "--collapse", "--json"]);
    let timeline: serde_json::Value = serde_json::from_str(&timeline.stdout).unwrap();
    assert_eq!(timeline["total_hits"], 3);
    let plain = ws.run(&["timeline", "harbour", "--json"]);
    let plain: serde_json::Value = serde_json::from_str(&plain.stdout).unwrap();
    assert_eq!(plain["total_hits"], 5);
}

#[test]
fn the_terminal_says_how_many_are_similar() {
    let ws = workspace();
    let run = ws.run(&["query", "bridge", "--color", "never"]);
    assert!(run.stdout.contains("+2 similar"), "{}", run.stdout);
    let run = ws.run(&["query", "bridge", "--collapse", "--color", "never"]);
    assert!(run.stdout.contains("clusters of"), "{}", run.stdout);
}

#[test]
fn show_lists_the_clusters_other_articles_and_stats_counts_clusters() {
    let ws = workspace();
    let run = ws.run(&["show", "a2", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(shown["cluster"], "a1");
    assert_eq!(shown["similar"], 2);
    assert_eq!(shown["similar_ids"], serde_json::json!(["a1", "a3"]));
    let run = ws.run(&["show", "a1", "--color", "never"]);
    assert!(run.stdout.contains("similar (2): a2, a3"), "{}", run.stdout);

    let stats: Stats = ws.run(&["stats", "--json"]).json();
    assert_eq!(stats.clusters, 3);
    assert_eq!(stats.largest_clusters.len(), 1);
    assert_eq!(
        (
            stats.largest_clusters[0].cluster.as_str(),
            stats.largest_clusters[0].articles
        ),
        ("a1", 3)
    );
    let run = ws.run(&["stats", "--color", "never"]);
    assert!(run.stdout.contains("clusters:  3"), "{}", run.stdout);
}

#[test]
fn clusters_hold_across_runs_and_when_an_article_is_indexed_again() {
    let ws = workspace();
    // A later run finds the copy's cluster in the index, not in memory.
    let changed = STORY
        .replace("painful", "hard")
        .replace("eighteen", "sixteen");
    ws.write(
        "later.jsonl",
        record("a4", "Bridge to shut", &changed, "2024-06-01"),
    );
    let run = ws.run(&["index", "later.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The same article again: it keeps its cluster and is not counted twice.
    ws.write(
        "again.jsonl",
        record(
            "a2",
            "Bridge shut for repairs",
            &format!("By Jane Doe, Reuters\n\n{STORY}"),
            "2024-03-05",
        ),
    );
    let run = ws.run(&["index", "again.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let response = query(&ws, &["harbour"]);
    assert_eq!(
        clusters(&response),
        expected(&[
            ("a1", "a1", 3),
            ("a2", "a1", 3),
            ("a3", "a1", 3),
            ("a4", "a1", 3),
            ("b1", "b1", 0),
            ("c1", "c1", 0)
        ])
    );
    // Replaced by a different story, a copy leaves the cluster.
    ws.write(
        "replaced.jsonl",
        record("a3", "Orchestra news", UNRELATED, "2024-04-01"),
    );
    let run = ws.run(&["index", "replaced.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let response = query(&ws, &["harbour"]);
    let a3 = response.hits.iter().find(|h| h.id == "a3").unwrap();
    assert_eq!((a3.cluster.as_str(), a3.similar), ("c1", 1));
    let a1 = response.hits.iter().find(|h| h.id == "a1").unwrap();
    assert_eq!(a1.similar, 2);
}

#[test]
fn resume_keeps_clusters() {
    let ws = workspace();
    // A second run over the same input with --resume adds nothing and changes no cluster.
    let run = ws.run(&["index", "feed.jsonl", "--quiet", "--resume"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: Stats = ws.run(&["stats", "--json"]).json();
    assert_eq!((stats.docs, stats.clusters), (5, 3));
}

/// The BBC corpus (when it is there): its 100 identical pairs and its updated versions of one
/// story collapse, and every article joined to a cluster nearly duplicates its first article.
#[test]
fn the_bbc_corpus_collapses_only_near_duplicates() {
    let bbc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    if !bbc.is_dir() {
        eprintln!("skipped: {} is not there", bbc.display());
        return;
    }
    let ws = Workspace::new();
    let run = ws.run(&["index", bbc.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: Stats = ws.run(&["stats", "--json"]).json();
    assert_eq!(stats.docs, 2225);
    assert!(
        (2000..=2125).contains(&stats.clusters),
        "{} clusters",
        stats.clusters
    );
    let all = ws.run(&["query", "*", "--jsonl", "--limit", "3000"]);
    let body = |id: &str| {
        let text = String::from_utf8_lossy(&std::fs::read(bbc.join(id)).unwrap()).into_owned();
        text.trim()
            .split_once('\n')
            .map(|(_, b)| b.to_string())
            .unwrap_or_default()
    };
    let mut joined = 0;
    for hit in all.json_lines::<crate::common::Hit>() {
        if hit.cluster != hit.id {
            joined += 1;
            let (a, b) = (body(&hit.id), body(&hit.cluster));
            let similarity = newsdex::dedup::jaccard(
                &newsdex::dedup::shingles(&a),
                &newsdex::dedup::shingles(&b),
            );
            assert!(
                similarity >= newsdex::dedup::THRESHOLD,
                "{} {}",
                hit.id,
                hit.cluster
            );
        }
    }
    assert_eq!(joined as u64, 2225 - stats.clusters);
}
