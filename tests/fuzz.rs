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

#[test]
fn long_structured_extraction_regressions() {
    replay("long_extract", checks::long_extraction);
}

/// Long structured inputs made at random, as the fuzz target makes them: runs of names,
/// quotes, abbreviations and date words, thousands long, in any order.
#[test]
fn long_structured_inputs_stay_within_the_work_budget() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..8 {
        let pairs = 4 + next() % 24;
        let data: Vec<u8> = (0..pairs * 2).map(|_| next() as u8).collect();
        let outcome = std::panic::catch_unwind(|| checks::long_extraction(&data));
        assert!(outcome.is_ok(), "fails on {data:?}");
    }
}
