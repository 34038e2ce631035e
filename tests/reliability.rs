//! Hostile input and concurrent use: odd encodings, a second writer, a killed indexer.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{IndexSummary, QueryResponse, Workspace};

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_read_as_text() {
    let ws = Workspace::new();
    ws.write(
        "d/le.txt",
        utf16("Caf\u{e9} opens\n\nThe caf\u{e9} opened in Oslo.\n", true),
    );
    let line = serde_json::json!({"id": "be", "title": "\u{201c}Quoted\u{201d}", "body": "Body in UTF-16BE"});
    ws.write("d/be.jsonl", utf16(&format!("{line}\n"), false));
    let run = ws.run(&["index", "d", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!((summary.added, summary.warnings), (2, 0));
    let le: serde_json::Value = ws.run(&["show", "le.txt", "--json"]).json();
    assert_eq!(le["title"], "Caf\u{e9} opens");
    let be: serde_json::Value = ws.run(&["show", "be", "--json"]).json();
    assert_eq!(be["title"], "\u{201c}Quoted\u{201d}");
}

#[test]
fn control_characters_and_right_to_left_text_are_kept() {
    let ws = Workspace::new();
    let body = "Tab\there, bell\u{7} and NUL-free control \u{1b}[1m text. \u{5e9}\u{5dc}\u{5d5}\u{5dd} \"quoted \u{202e}reversed\u{202c}\" said Dana Levi.";
    ws.write(
        "f.jsonl",
        format!("{}\n", serde_json::json!({"id": "c", "body": body})),
    );
    let run = ws.run(&["index", "f.jsonl", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article: serde_json::Value = ws.run(&["show", "c", "--json"]).json();
    assert_eq!(article["body"], body);
    for quote in article["quotes"].as_array().unwrap() {
        let (s, e) = (
            quote["start"].as_u64().unwrap() as usize,
            quote["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[s..e], quote["text"].as_str().unwrap());
    }
}

#[test]
fn truncated_archives_empty_files_and_wrong_types_are_skipped_and_named() {
    let ws = Workspace::new();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for n in 0..200 {
        writeln!(
            encoder,
            "{}",
            serde_json::json!({"id": format!("g{n}"), "body": "x ".repeat(50)})
        )
        .unwrap();
    }
    let gz = encoder.finish().unwrap();
    ws.write("d/cut.jsonl.gz", &gz[..gz.len() / 2]);
    let zst = zstd::encode_all(&b"{\"id\":\"z\",\"body\":\"b\"}\n".repeat(500)[..], 3).unwrap();
    ws.write("d/cut.jsonl.zst", &zst[..zst.len() / 2]);
    ws.write("d/empty.txt", "");
    ws.write("d/empty.jsonl", "");
    ws.write(
        "d/types.jsonl",
        "{\"id\": [1], \"body\": \"b\"}\n{\"id\": \"ok\", \"body\": \"fine\"}\n",
    );
    let run = ws.run(&["index", "d", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cut.jsonl.gz:"), "{}", run.stderr);
    assert!(run.stderr.contains("cut.jsonl.zst:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("empty.txt: skipped: no body"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("types.jsonl:1: skipped: field `id` is an array"),
        "{}",
        run.stderr
    );
    let summary: IndexSummary = run.json();
    assert!(
        summary.added > 1,
        "what could be read was indexed: {summary:?}"
    );
    assert!(summary
        .errors
        .iter()
        .any(|e| e.path.ends_with("cut.jsonl.gz")));
}

#[test]
fn deep_trees_spaces_and_symlink_loops_are_walked_safely() {
    let ws = Workspace::new();
    let deep: String = (0..40).map(|n| format!("level {n}/")).collect();
    ws.write(&format!("d/{deep}story.txt"), "Deep title\n\nDeep body.\n");
    std::os::unix::fs::symlink(ws.path().join("d"), ws.path().join("d/level 0/loop")).unwrap();
    let run = ws.run(&["index", "d", "--json"]);
    assert_eq!(run.code, 1, "the loop is reported: {}", run.stderr);
    assert!(run.stderr.contains("symbolic link loop"), "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!(summary.added, 1);
}

/// Waits until `path` exists, for a process started in the background.
fn wait_for(path: &std::path::Path) {
    let started = Instant::now();
    while !path.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_second_writer_fails_at_once_naming_the_lock_or_waits_with_wait() {
    let ws = Workspace::new();
    ws.write(
        "more.jsonl",
        format!("{}\n", serde_json::json!({"id": "m", "body": "More news"})),
    );
    let mut first = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", "-", "--quiet"])
        .env("NEWSDEX_INDEX", ws.index_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&ws.index_dir().join(".tantivy-writer.lock"));
    // tantivy holds the lock file while writing; give the first writer its lock.
    std::thread::sleep(Duration::from_millis(200));
    let second = ws.run(&["index", "more.jsonl"]);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second.stderr.contains(".tantivy-writer.lock"),
        "{}",
        second.stderr
    );
    assert!(
        second
            .stderr
            .contains(&ws.index_dir().display().to_string()),
        "{}",
        second.stderr
    );
    // Readers are not blocked by a writer.
    let reading = ws.run(&["query", "news"]);
    assert!(reading.code <= 1, "{}", reading.stderr);
    let waiting = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", "more.jsonl", "--wait", "--quiet"])
        .env("NEWSDEX_INDEX", ws.index_dir())
        .current_dir(ws.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = first.stdin.take().unwrap();
    writeln!(
        stdin,
        "{}",
        serde_json::json!({"id": "f", "body": "First news"})
    )
    .unwrap();
    drop(stdin);
    assert!(first.wait().unwrap().success());
    let waited = waiting.wait_with_output().unwrap();
    assert!(
        waited.status.success(),
        "{}",
        String::from_utf8_lossy(&waited.stderr)
    );
    let all: QueryResponse = ws.run(&["query", "news", "--json"]).json();
    assert_eq!(all.total_hits, 2);
}

#[test]
fn a_killed_indexer_leaves_an_index_that_opens_and_a_rerun_finishes_the_job() {
    let ws = Workspace::new();
    let mut lines = String::new();
    for n in 0..30_000 {
        let body = format!("Report {n} from Oslo: Lars Brekke said on Monday that output rose. \"We are ready,\" he said.");
        lines.push_str(&format!(
            "{}\n",
            serde_json::json!({"id": format!("k{n}"), "body": body})
        ));
    }
    ws.write("big.jsonl", lines);
    for delay in [50, 300, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(["index", "big.jsonl", "--quiet"])
            .env("NEWSDEX_INDEX", ws.index_dir())
            .current_dir(ws.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        if ws.index_dir().join("meta.json").exists() {
            let stats = ws.run(&["stats", "--json"]);
            assert_eq!(
                stats.code, 0,
                "the index opens after a kill: {}",
                stats.stderr
            );
        }
    }
    let run = ws.run(&["index", "big.jsonl", "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!(summary.docs, 30_000, "each article exactly once");
}

/// Runs `newsdex index` and kills it after `delay`, returning whether it was still running.
fn index_then_kill(ws: &Workspace, args: &[&str], delay: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .env("NEWSDEX_INDEX", ws.index_dir())
        .current_dir(ws.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

#[test]
fn twenty_kills_then_resume_keep_every_article_exactly_once() {
    let ws = Workspace::new();
    let total = 12_000;
    for file in 0..4 {
        let mut lines = String::new();
        for n in (file * total / 4)..((file + 1) * total / 4) {
            let body =
                format!("Dispatch {n}: Elin Sandberg said in Oslo on Tuesday that bids rose.");
            lines.push_str(&format!(
                "{}\n",
                serde_json::json!({"id": format!("a{n:05}"), "body": body})
            ));
        }
        ws.write(&format!("dump/part-{file}.jsonl"), lines);
    }
    let args = [
        "index",
        "dump",
        "--resume",
        "--commit-interval",
        "0.05",
        "--quiet",
    ];
    let mut state: u64 = 0x853c_49e6_748f_ea9b;
    let mut kills = 0;
    while kills < 20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let delay = Duration::from_millis(30 + state % 200);
        if !index_then_kill(&ws, &args, delay) {
            break; // it finished before the kill: the job is done
        }
        kills += 1;
        if ws.index_dir().join("meta.json").exists() {
            let stats = ws.run(&["stats", "--json"]);
            assert_eq!(stats.code, 0, "opens after kill {kills}: {}", stats.stderr);
        }
    }
    eprintln!("killed the indexer {kills} times");
    assert!(
        kills >= 20,
        "the job finished after {kills} kills: make it longer"
    );
    let run = ws.run(&["index", "dump", "--resume", "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!(
        summary.docs, total as u64,
        "every article exactly once after {kills} kills"
    );
    assert_eq!(
        summary.added + summary.replaced + summary.resumed,
        total as u64,
        "{summary:?}"
    );
    for id in ["a00000", "a05999", "a11999"] {
        let article: serde_json::Value = ws.run(&["show", id, "--json"]).json();
        let n: usize = id[1..].parse().unwrap();
        assert!(article["body"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Dispatch {n}:")));
        let names: Vec<&str> = article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["name"].as_str())
            .collect();
        assert!(names.contains(&"Elin Sandberg"), "{names:?}");
    }
    // Unchanged inputs already in: a resumed run extracts nothing again; a plain one redoes all.
    let again: IndexSummary = ws
        .run(&["index", "dump", "--resume", "--json", "--quiet"])
        .json();
    assert_eq!(
        (again.added, again.replaced, again.resumed),
        (0, 0, total as u64)
    );
    let redo: IndexSummary = ws.run(&["index", "dump", "--json", "--quiet"]).json();
    assert_eq!(
        (redo.replaced, redo.resumed, redo.docs),
        (total as u64, 0, total as u64)
    );
}
