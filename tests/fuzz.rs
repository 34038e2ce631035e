//! The fuzz targets' checks, replayed on every input kept in `fuzz/regressions/`: the crashes
//! fuzzing found, and the inputs that once broke tantivy or newsdex, stay fixed.

use std::path::Path;

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

/// Runs `check` on each file in `fuzz/regressions/<target>`, naming the file that fails.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", input.display());
    }
}

#[test]
fn record_parser_regressions() {
    replay("records", checks::records);
}

#[test]
fn extractor_regressions() {
    replay("extract", checks::extraction);
}

#[test]
fn query_regressions() {
    replay("query", checks::query);
}
