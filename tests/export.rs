//! `newsdex export`: documents follow the engines' documented formats and match the mapping
//! generated from the same schema.

use serde_json::Value;

use crate::common::{sample_corpus, Workspace};

fn indexed() -> Workspace {
    let ws = Workspace::new();
    let corpus = sample_corpus();
    let run = ws.run(&["index", corpus.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Checks one exported document against the Elasticsearch mapping's property types.
fn check_against_mapping(doc: &Value, properties: &serde_json::Map<String, Value>) {
    let doc = doc.as_object().expect("a document is an object");
    for (name, value) in doc {
        let mapping = properties
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not mapped"));
        let strings = |v: &Value| v.as_array().is_some_and(|a| a.iter().all(Value::is_string));
        let ok = match mapping["type"].as_str().unwrap() {
            "keyword" => value.is_null() || value.is_string() || strings(value),
            "text" => value.is_string() || strings(value),
            "date" => {
                value.is_null()
                    || value.as_str().is_some_and(|d| {
                        time::OffsetDateTime::parse(
                            d,
                            &time::format_description::well_known::Rfc3339,
                        )
                        .is_ok()
                    })
            }
            "nested" => value.as_array().is_some_and(|quotes| {
                let nested = mapping["properties"]
                    .as_object()
                    .expect("nested properties");
                quotes.iter().all(|q| {
                    q.as_object()
                        .unwrap()
                        .keys()
                        .all(|k| nested.contains_key(k))
                        && q["text"].is_string()
                        && (q["kind"] == "direct" || q["kind"] == "indirect")
                        && (q["speaker"].is_string() || q["speaker"].is_null())
                })
            }),
            other => panic!("unexpected type {other}"),
        };
        assert!(ok, "{name}: {value} does not fit {mapping}");
    }
}

#[test]
fn ndjson_and_bulk_documents_fit_the_elasticsearch_mapping() {
    let ws = indexed();
    let mapping: Value = ws.run(&["export", "--mapping", "elasticsearch"]).json();
    let properties = mapping["mappings"]["properties"].as_object().unwrap();
    assert_eq!(mapping["mappings"]["dynamic"], "strict");

    let ndjson = ws.run(&["export"]);
    assert_eq!(ndjson.code, 0, "{}", ndjson.stderr);
    let docs = lines(&ndjson.stdout);
    assert_eq!(docs.len(), 46);
    for doc in &docs {
        check_against_mapping(doc, properties);
    }
    let kinds: std::collections::BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d["quotes"].as_array().unwrap())
        .filter_map(|q| q["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["direct", "indirect"].into(),
        "both kinds are exported"
    );
    let wire = docs.iter().find(|d| d["id"] == "wire-0006").unwrap();
    assert_eq!(wire["published"], "2025-03-20T09:30:00Z");
    assert!(wire["person"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "Hendrik de Vries"));

    let bulk = ws.run(&["export", "--format", "es-bulk"]);
    let bulk = lines(&bulk.stdout);
    assert_eq!(bulk.len(), 2 * docs.len());
    for pair in bulk.chunks(2) {
        let action = &pair[0]["index"];
        assert_eq!(action["_index"], "newsdex");
        assert_eq!(
            action["_id"], pair[1]["id"],
            "the action names the document"
        );
        assert_eq!(pair[0].as_object().unwrap().len(), 1);
        check_against_mapping(&pair[1], properties);
    }
}

#[test]
fn the_quickwit_config_maps_every_exported_field() {
    let ws = Workspace::new();
    let run = ws.run(&["export", "--mapping", "quickwit"]);
    assert_eq!(run.code, 0);
    let config = run.stdout;
    assert!(config.starts_with("version: 0.8\nindex_id: newsdex\ndoc_mapping:\n"));
    let es: Value = ws.run(&["export", "--mapping", "elasticsearch"]).json();
    for name in es["mappings"]["properties"].as_object().unwrap().keys() {
        assert!(
            config.contains(&format!("  - name: {name}\n")),
            "{name} missing:\n{config}"
        );
    }
    assert!(config.contains("  timestamp_field: published\n"));
    assert!(config.contains("    type: datetime\n    input_formats: [rfc3339]\n"));
}

#[test]
fn output_cut_short_by_the_reader_is_not_an_error() {
    let ws = indexed();
    let script = format!(
        "set -o pipefail; '{}' export --index '{}' | head -c 10 >/dev/null",
        env!("CARGO_BIN_EXE_newsdex"),
        ws.index_dir().display()
    );
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("Broken pipe"));
}
