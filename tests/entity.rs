//! `newsdex entity`: one entity's profile over an index, checked against the searches it is
//! made of.

use crate::common::{sample_corpus, QueryResponse, Workspace};

fn sample() -> Workspace {
    let ws = Workspace::new();
    let run = ws.run(&["index", sample_corpus().to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

#[test]
fn a_profile_agrees_with_the_searches_it_is_made_of() {
    let ws = sample();
    let run = ws.run(&["entity", "Okafor", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let profile: serde_json::Value = run.json();
    assert_eq!(profile["name"], "Amara Okafor");
    assert_eq!(profile["type"], "person");
    let articles: QueryResponse = ws
        .run(&[
            "query",
            "person:\"Amara Okafor\"",
            "--json",
            "--limit",
            "100",
        ])
        .json();
    assert_eq!(profile["articles"], articles.total_hits);
    // First and last publication days are those of the oldest and newest of her articles.
    let mut days: Vec<&str> = articles
        .hits
        .iter()
        .filter_map(|h| h.published.as_deref())
        .map(|d| &d[..10])
        .collect();
    days.sort();
    assert_eq!(profile["first_published"], days[0]);
    assert_eq!(profile["last_published"], *days.last().unwrap());
    // The timeline counts every dated article once.
    let buckets = profile["timeline"]["buckets"].as_array().unwrap();
    let counted: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(counted as usize, days.len());
    // Forms are what articles wrote, the full name among them.
    let forms: Vec<&str> = profile["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(forms.contains(&"Amara Okafor"), "{forms:?}");
    // Her quotes are those `quotes --speaker` finds.
    let said: serde_json::Value = ws
        .run(&["quotes", "--speaker", "Amara Okafor", "--json"])
        .json();
    assert_eq!(profile["quotes_said"]["total_hits"], said["total_hits"]);
    // She is not among her own neighbours.
    let people = profile["related"]["person"].as_array().unwrap();
    assert!(people.iter().all(|p| p[0] != "Amara Okafor"));
}

#[test]
fn an_unknown_name_exits_1_and_a_type_settles_ambiguity() {
    let ws = sample();
    let run = ws.run(&["entity", "Nobody Anywhere", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no article names"), "{}", run.stderr);
    let run = ws.run(&["entity", "Amara Okafor", "--type", "place"]);
    assert_eq!(run.code, 1, "no place is called that: {}", run.stderr);
    let run = ws.run(&["entity", "Okafor"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Amara Okafor (person)"),
        "{}",
        run.stdout
    );
}
