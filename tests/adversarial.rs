//! Bodies written to hit the extractors' worst cases (tests/common/adversarial.rs), each
//! extracted by the real binary under a memory limit; and a run that meets one such body among
//! good articles. Their time and peak memory at 1 MB are measured by `cargo bench --bench
//! adversarial`, not here.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use crate::common::adversarial::CASES;
use crate::common::{IndexSummary, QueryResponse, Workspace};

/// The body size here: large enough that a quadratic path shows (at 8,000 capitalised words one
/// took 500 MB), small enough for a debug build.
const BODY_BYTES: usize = 128 << 10;

/// The child's address space: a quadratic path runs out of it and fails the test.
const MEMORY_LIMIT: u64 = 1 << 30;

#[test]
fn every_adversarial_body_is_extracted_under_a_memory_limit() {
    let ws = Workspace::new();
    for (name, make) in CASES {
        let path = ws.write(
            &format!("{name}.txt"),
            format!("Title {name}\n\n{}", make(BODY_BYTES)),
        );
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        command
            .args(["extract", "--threads", "1"])
            .arg(path.file_name().expect("a file name"))
            .current_dir(ws.path())
            .stdin(Stdio::null());
        // SAFETY: setrlimit is async-signal-safe, and the closure touches nothing else.
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: MEMORY_LIMIT,
                    rlim_max: MEMORY_LIMIT,
                };
                match libc::setrlimit(libc::RLIMIT_AS, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
        let out = command.output().expect("run newsdex extract");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {:?}\n{stderr}", out.status);
        // Every stage finished within its budget: none was left out.
        assert!(!stderr.contains("budget"), "{name}: {stderr}");
        let record: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(record["id"], format!("{name}.txt"), "{name}");
    }
}

#[test]
fn a_10_mb_run_of_capitalised_words_among_good_articles_leaves_every_article_indexed() {
    let ws = Workspace::new();
    let good = |id: &str, word: &str| {
        let body = format!("Minister Sofia Brandt said on Monday that the {word} plan would pass.");
        serde_json::json!({"id": id, "title": format!("Good {id}"), "body": body}).to_string()
    };
    let crafted =
        serde_json::json!({"id": "crafted", "title": "Word", "body": "Word ".repeat(2 << 20)});
    let lines = [
        good("before", "heliotrope"),
        crafted.to_string(),
        good("after", "quillwort"),
        good("last", "zanzibarite"),
    ];
    ws.write("dump.jsonl", lines.join("\n") + "\n");
    let run = ws.run(&["index", "dump.jsonl", "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    // The one warning says the crafted body is analysed in part, as for any long article.
    assert_eq!(
        (summary.added, summary.docs, summary.warnings),
        (4, 4, 1),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("dump.jsonl:2: warning: article crafted is 10.5 MB"),
        "{}",
        run.stderr
    );
    for (word, id) in [
        ("heliotrope", "before"),
        ("quillwort", "after"),
        ("zanzibarite", "last"),
    ] {
        let found: QueryResponse = ws.run(&["query", word, "--json"]).json();
        assert_eq!(found.total_hits, 1, "{word}");
        assert_eq!(found.hits[0].id, id);
    }
    let people: QueryResponse = ws
        .run(&["query", "person:\"Sofia Brandt\"", "--json"])
        .json();
    assert_eq!(people.total_hits, 3);
}
