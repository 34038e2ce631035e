//! One name per entity across articles: a search for any form of a country, a well-known
//! organisation, a party or an acronym another article defined finds the articles that write
//! any other form, and facets count the canonical name once.

use crate::common::{QueryResponse, Workspace};

/// Articles that each name an entity in one form only.
const ARTICLES: &[(&str, &str)] = &[
    (
        "dotted",
        "Exports to the U.S. rose sharply in March, traders in Lagos said.",
    ),
    (
        "plain",
        "Farmers in the US face a drought, officials in Kansas warned on Friday.",
    ),
    (
        "full",
        "The United States and Canada signed the accord in Ottawa.",
    ),
    (
        "britain",
        "Inflation in Britain fell to 2% last month, figures showed.",
    ),
    (
        "imf-full",
        "The International Monetary Fund cut its growth forecast for Ghana.",
    ),
    (
        "imf-short",
        "The IMF said Ghana's debt talks were going well.",
    ),
    (
        "tories",
        "The Tories chose a new leader in Manchester on Tuesday.",
    ),
    (
        "defines",
        "The Global Fisheries Council (GFC) met in Bergen. The GFC set new quotas.",
    ),
    (
        "acronym-only",
        "Quotas set by the GFC were criticised by Norwegian fishermen.",
    ),
];

fn workspace() -> Workspace {
    let ws = Workspace::new();
    let lines: Vec<String> = ARTICLES
        .iter()
        .map(|(id, body)| serde_json::json!({"id": id, "title": "News", "body": body}).to_string())
        .collect();
    ws.write("news.jsonl", lines.join("\n") + "\n");
    let run = ws.run(&["index", "news.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

fn ids(ws: &Workspace, query: &str) -> Vec<String> {
    let run = ws.run(&["query", query, "--json"]);
    let response: QueryResponse = run.json();
    let mut ids: Vec<String> = response.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

#[test]
fn any_form_of_a_name_finds_every_form() {
    let ws = workspace();
    let us = ["dotted", "full", "plain"];
    for query in [
        "place:\"United States\"",
        "place:US",
        "place:\"U.S.\"",
        "place:usa",
    ] {
        assert_eq!(ids(&ws, query), us, "{query}");
    }
    assert_eq!(ids(&ws, "place:\"United Kingdom\""), ["britain"]);
    for query in [
        "org:IMF",
        "org:\"International Monetary Fund\"",
        "entity:imf",
    ] {
        assert_eq!(ids(&ws, query), ["imf-full", "imf-short"], "{query}");
    }
    assert_eq!(ids(&ws, "org:\"Conservative Party\""), ["tories"]);
    assert_eq!(ids(&ws, "org:Tory"), ["tories"]);
    // An acronym one article defined, in the index's own alias table, both ways.
    assert_eq!(ids(&ws, "org:GFC"), ["acronym-only", "defines"]);
    assert_eq!(
        ids(&ws, "org:\"Global Fisheries Council\""),
        ["acronym-only", "defines"]
    );
}

#[test]
fn names_are_canonical_and_text_is_as_written() {
    let ws = workspace();
    let shown: serde_json::Value = ws.run(&["show", "dotted", "--json"]).json();
    let us = shown["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "U.S.")
        .expect("the U.S. mention");
    assert_eq!(
        (&us["name"], &us["type"]),
        (&"United States".into(), &"place".into())
    );
    let stats: serde_json::Value = ws.run(&["stats", "--json"]).json();
    let places = stats["top"]["place"].as_array().unwrap();
    // Each is [name, articles].
    let united_states: Vec<_> = places
        .iter()
        .filter(|p| {
            p[0].as_str()
                .is_some_and(|n| n.contains("United States") || n.contains("US"))
        })
        .collect();
    assert_eq!(united_states.len(), 1, "{places:?}");
    assert_eq!(united_states[0][1], 3);
}
