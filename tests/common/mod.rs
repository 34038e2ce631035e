//! A temporary workspace with an index, and the real binary to run in it.

#![allow(dead_code)]

pub mod adversarial;
pub mod serve;
pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde::Deserialize;

/// A temporary directory holding input files and an index.
pub struct Workspace {
    root: PathBuf,
    /// Removes the directory when dropped; `None` for a workspace kept for the whole run.
    _temp: Option<tempfile::TempDir>,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Decodes stdout as one JSON value.
    pub fn json<T: for<'de> Deserialize<'de>>(&self) -> T {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!("bad JSON ({err}): {}\nstderr: {}", self.stdout, self.stderr)
        })
    }

    /// Decodes stdout as JSON Lines.
    pub fn json_lines<T: for<'de> Deserialize<'de>>(&self) -> Vec<T> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|err| panic!("bad JSON ({err}): {line}"))
            })
            .collect()
    }
}

impl Workspace {
    pub fn new() -> Workspace {
        let temp = tempfile::tempdir().expect("temporary directory");
        Workspace {
            root: temp.path().to_path_buf(),
            _temp: Some(temp),
        }
    }

    /// A workspace under cargo's scratch directory for tests, emptied first, kept after the
    /// run (for one index shared by many tests).
    pub fn shared(name: &str) -> Workspace {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("clear the shared workspace");
        }
        std::fs::create_dir_all(&root).expect("create the shared workspace");
        Workspace { root, _temp: None }
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root.join("index")
    }

    /// Writes a file below the workspace, creating its directories.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// Runs newsdex with `args`, pointed at this workspace's index.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("NEWSDEX_INDEX", self.index_dir())
            .env_remove("NO_COLOR")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("run newsdex");
        if let Some(input) = stdin {
            use std::io::Write;
            let mut pipe = child.stdin.take().expect("stdin");
            pipe.write_all(input.as_bytes()).expect("write stdin");
        }
        Run::from(child.wait_with_output().expect("wait for newsdex"))
    }
}

/// Says that a test was skipped, and why, where the person running the tests sees it: the test
/// harness keeps `eprintln!` output of passing tests to itself, so a skipped test would
/// otherwise pass silently.
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// The path of the repository's sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

/// `newsdex index --json`, decoded strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSummary {
    pub added: u64,
    pub replaced: u64,
    pub skipped: u64,
    pub errors: Vec<ErrorItem>,
    pub warnings: u64,
    pub resumed: u64,
    pub docs: u64,
    pub elapsed_ms: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorItem {
    pub path: String,
    pub line: u64,
    pub message: String,
}

/// `newsdex query --json`, decoded strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryResponse {
    pub query: String,
    pub total_hits: usize,
    pub total_articles: usize,
    pub offset: usize,
    pub limit: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub rank: usize,
    pub id: String,
    pub score: f64,
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub published_source: Option<String>,
    pub snippet: Snippet,
    pub entities: Entities,
    pub dates: Vec<String>,
    pub quotes: Vec<QuoteBrief>,
    pub cluster: String,
    pub similar: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snippet {
    pub field: String,
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entities {
    pub person: Vec<String>,
    pub org: Vec<String>,
    pub place: Vec<String>,
    pub misc: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteBrief {
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facets {
    pub person: Vec<(String, u64)>,
    pub org: Vec<(String, u64)>,
    pub place: Vec<(String, u64)>,
    pub misc: Vec<(String, u64)>,
    pub speaker: Vec<(String, u64)>,
    pub published_month: Vec<(String, u64)>,
}

/// One line of `newsdex extract`, decoded strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractRecord {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub published_source: Option<String>,
    pub entities: Vec<EntityMention>,
    pub dates: Vec<DateMention>,
    pub quotes: Vec<QuoteMention>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMention {
    pub text: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateMention {
    pub text: String,
    pub value: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteMention {
    pub text: String,
    pub kind: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub speaker_mention: Option<SpeakerMention>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// `newsdex stats --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub docs: u64,
    pub size_bytes: u64,
    pub published_min: Option<String>,
    pub published_max: Option<String>,
    pub top: Facets,
    pub size_by_field: std::collections::BTreeMap<String, u64>,
    pub clusters: u64,
    pub largest_clusters: Vec<ClusterItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterItem {
    pub cluster: String,
    pub articles: u64,
}
