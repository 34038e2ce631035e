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

// Regression: a run killed while creating the index, after tantivy wrote its hidden
// bookkeeping but before meta.json, left a directory the next run refused as "not a newsdex
// index" (seen once under load in `a_killed_indexer_…` above).
#[test]
fn a_creation_stopped_before_meta_json_is_finished_by_the_next_run() {
    let ws = Workspace::new();
    ws.write(
        "a.txt",
        "Oslo\n\nLars Brekke said on Monday that output rose.",
    );
    let index = ws.index_dir();
    std::fs::create_dir_all(&index).unwrap();
    std::fs::write(
        index.join("newsdex.json"),
        r#"{"format":"newsdex","schema_version":1}"#,
    )
    .unwrap();
    std::fs::write(index.join(".managed.json"), "[]").unwrap();
    let run = ws.run(&["index", "a.txt", "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Hidden files without our marker are someone else's directory, and stay refused.
    let ws = Workspace::new();
    ws.write(
        "a.txt",
        "Oslo\n\nLars Brekke said on Monday that output rose.",
    );
    std::fs::create_dir_all(ws.index_dir()).unwrap();
    std::fs::write(ws.index_dir().join(".hidden"), "x").unwrap();
    let run = ws.run(&["index", "a.txt", "--quiet"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a newsdex index"), "{}", run.stderr);
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
        let names = entity_names(&article);
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

#[test]
fn a_200_mb_record_and_a_10_mb_article_are_indexed_whole_and_analysed_in_part() {
    let ws = Workspace::new();
    // Words vary so that the body is not one repeated token; the last ones are unique.
    let filler: String = (0..20_000).map(|n| format!("report{} ", n % 977)).collect();
    let mut body = String::from("Astrid Moberg said in Bergen on Monday that talks resumed. ");
    while body.len() < 200_000_000 {
        body.push_str(&filler);
    }
    body.push_str("The closing word is zanzibarite.");
    let record = serde_json::json!({"id": "huge", "title": "Huge record", "body": body});
    ws.write("huge.jsonl", format!("{record}\n"));
    drop((record, body));
    let mut article = String::from("Long article\n\nHenrik Lund said in Tromso that work began. ");
    while article.len() < 10_000_000 {
        article.push_str(&filler);
    }
    article.push_str("Near the end, Ingrid Vold of Oslo spoke about quillwort.");
    ws.write("long/ten-mb.txt", &article);
    drop(article);

    let run = ws.run(&["index", "huge.jsonl", "long", "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!((summary.added, summary.warnings), (2, 2), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "huge.jsonl:1: warning: article huge is 200.1 MB; it is indexed whole, but its \
             entities, dates and quotes come from its first 1 MB"
        ),
        "{}",
        run.stderr
    );
    // Indexed whole: the last words are found.
    for (word, id) in [("zanzibarite", "huge"), ("quillwort", "ten-mb.txt")] {
        let found: QueryResponse = ws.run(&["query", word, "--json"]).json();
        assert_eq!(found.total_hits, 1, "{word}");
        assert_eq!(found.hits[0].id, id);
    }
    // Analysed in part: the first name is extracted, the one past the first megabyte is not.
    let shown: serde_json::Value = ws.run(&["show", "ten-mb.txt", "--json"]).json();
    let names = entity_names(&shown);
    assert!(names.contains(&"Henrik Lund"), "{names:?}");
    assert!(!names.contains(&"Ingrid Vold"), "{names:?}");
}

#[test]
fn file_names_that_are_not_utf8_keep_distinct_ids() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let ws = Workspace::new();
    let dir = ws.path().join("d");
    std::fs::create_dir_all(&dir).unwrap();
    // Latin-1 "café" and "cafë": both would be "caf\u{fffd}.txt" if decoded lossily.
    for (name, body) in [
        (&b"caf\xe9.txt"[..], "First cafe."),
        (b"caf\xeb.txt", "Second cafe."),
    ] {
        std::fs::write(
            dir.join(OsStr::from_bytes(name)),
            format!("Title\n\n{body}\n"),
        )
        .unwrap();
    }
    let run = ws.run(&["index", "d", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!((summary.added, summary.docs), (2, 2));
    assert!(
        run.stderr
            .contains("warning: file name is not valid UTF-8; its id is caf%E9.txt"),
        "{}",
        run.stderr
    );
    let shown: serde_json::Value = ws.run(&["show", "caf%EB.txt", "--json"]).json();
    assert_eq!(shown["body"], "Second cafe.");
}

/// The entity names in `newsdex show --json` output.
fn entity_names(article: &serde_json::Value) -> Vec<&str> {
    article["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect()
}

/// Indexes one JSON record with this id and body into the workspace's index.
fn index_one(ws: &Workspace, id: &str, body: &str) {
    let record = serde_json::json!({"id": id, "body": body});
    ws.write("one.jsonl", format!("{record}\n"));
    let run = ws.run(&["index", "one.jsonl", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Whether the tests run as root, who may write anything whatever its permissions.
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

/// Runs newsdex as a user who cannot write the workspace: as `nobody` when the tests run as
/// root, else as ourselves (the test removes write permission).
fn as_reader(ws: &Workspace, args: &[&str]) -> crate::common::Run {
    let mut command = if is_root() {
        // `nobody` may not be able to reach the build directory: run a copy.
        let binary = ws.path().join("newsdex-copy");
        if !binary.exists() {
            std::fs::copy(env!("CARGO_BIN_EXE_newsdex"), &binary).unwrap();
        }
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(binary);
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_newsdex"))
    };
    let output = command
        .args(args)
        .env("NEWSDEX_INDEX", ws.index_dir())
        .env("HOME", "/")
        .current_dir("/")
        .output()
        .unwrap();
    crate::common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Sets the permission bits of a tree: `dirs` on directories, `files` on files.
fn chmod_tree(root: &std::path::Path, dirs: u32, files: u32) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if root.is_dir() { dirs } else { files };
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(mode)).unwrap();
    if root.is_dir() {
        for entry in std::fs::read_dir(root).unwrap() {
            chmod_tree(&entry.unwrap().path(), dirs, files);
        }
    }
}

#[test]
fn a_read_only_index_can_be_queried_but_not_written() {
    if is_root() && Command::new("setpriv").arg("--version").output().is_err() {
        crate::common::skipped(
            "read-only index",
            "running as root without setpriv to drop privileges",
        );
        return;
    }
    let ws = Workspace::new();
    index_one(
        &ws,
        "r",
        "Solveig Dahl said in Oslo that the port reopened.",
    );
    chmod_tree(ws.path(), 0o555, 0o444);
    let query = as_reader(&ws, &["query", "person:\"Solveig Dahl\"", "--json"]);
    let writing = as_reader(&ws, &["index", "/dev/null", "--format", "jsonl"]);
    chmod_tree(ws.path(), 0o755, 0o644);
    assert_eq!(query.code, 0, "{}", query.stderr);
    let found: QueryResponse = query.json();
    assert_eq!(found.total_hits, 1);
    assert_eq!(writing.code, 2, "{}", writing.stderr);
    assert!(
        writing.stderr.contains(&format!(
            "cannot write to the index {}",
            ws.index_dir().display()
        )),
        "{}",
        writing.stderr
    );
}

#[test]
fn queries_while_indexing_see_the_last_commit() {
    let ws = Workspace::new();
    let mut indexer = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", "-", "--quiet", "--commit-interval", "0"])
        .env("NEWSDEX_INDEX", ws.index_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = indexer.stdin.take().unwrap();
    let mut send = |from: usize, to: usize| {
        for n in from..to {
            let body = format!("Bulletin {n}: the harbour in Tromso reopened.");
            writeln!(
                stdin,
                "{}",
                serde_json::json!({"id": format!("b{n}"), "body": body})
            )
            .unwrap();
        }
        stdin.flush().unwrap();
    };
    // Two full batches: the indexer commits each while it waits for more input.
    send(0, 512);
    let started = Instant::now();
    let seen = loop {
        let run = ws.run(&["query", "harbour", "--json", "--limit", "1"]);
        if run.code <= 1 && !run.stdout.is_empty() {
            let hits = run.json::<QueryResponse>().total_hits;
            assert!(hits <= 512, "never more than was written: {hits}");
            if hits > 0 {
                break hits;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no commit became visible while indexing"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(seen % 256, 0, "readers see whole commits: {seen}");
    send(512, 600);
    drop(stdin);
    assert!(indexer.wait().unwrap().success());
    let all: QueryResponse = ws.run(&["query", "harbour", "--json"]).json();
    assert_eq!(all.total_hits, 600);
}

/// A 2 MB tmpfs mounted in a workspace, unmounted when dropped.
struct SmallDisk {
    path: std::path::PathBuf,
}

impl SmallDisk {
    /// `None` where this process may not mount file systems (not root, or in a container).
    fn mount(ws: &Workspace) -> Option<SmallDisk> {
        let path = ws.path().join("small");
        std::fs::create_dir_all(&path).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(&path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { path })
    }

    fn grow(&self) {
        let grown = Command::new("mount")
            .args(["-o", "remount,size=64m"])
            .arg(&self.path)
            .status()
            .unwrap();
        assert!(grown.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn a_full_disk_fails_clearly_and_the_next_run_finishes() {
    let ws = Workspace::new();
    let Some(disk) = SmallDisk::mount(&ws) else {
        crate::common::skipped("full disk", "cannot mount a small tmpfs here");
        return;
    };
    let total = 6000;
    let mut lines = String::new();
    for n in 0..total {
        let body: String = (0..40)
            .map(|w| format!("w{} ", (n * 7919 + w * 104_729) % 100_003))
            .collect();
        let body = format!("Kari Holm said in Oslo on Friday: {body}");
        lines.push_str(&format!(
            "{}\n",
            serde_json::json!({"id": format!("s{n}"), "body": body})
        ));
    }
    ws.write("many.jsonl", lines);
    let index = disk.path.join("index");
    let index_arg = index.to_str().unwrap();
    let args = [
        "index",
        "many.jsonl",
        "--index",
        index_arg,
        "--commit-interval",
        "0",
        "--quiet",
    ];
    let full = ws.run(&args);
    assert_eq!(full.code, 2, "{}", full.stderr);
    assert!(
        full.stderr
            .contains(&format!("the disk holding the index {index_arg} is full")),
        "{}",
        full.stderr
    );
    disk.grow();
    let mut rerun = args.to_vec();
    rerun.extend(["--resume", "--json"]);
    let run = ws.run(&rerun);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = run.json();
    assert_eq!(summary.docs, total as u64);
}

#[test]
fn a_damaged_index_file_gives_a_clear_error() {
    let ws = Workspace::new();
    index_one(&ws, "d", "Tove Berg said the ferry to Bodo was late.");
    let term = std::fs::read_dir(ws.index_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "term"))
        .expect("a term dictionary");
    let bytes = std::fs::read(&term).unwrap();
    std::fs::write(&term, &bytes[..bytes.len() / 2]).unwrap();
    let run = ws.run(&["query", "ferry"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let name = term.file_name().unwrap().to_str().unwrap();
    assert!(
        run.stderr
            .contains(&format!("the index file {name} is damaged")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}
