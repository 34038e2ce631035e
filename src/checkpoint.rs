//! Checkpoints: every commit records which inputs it covers (each file with its size and
//! modification time, and how many of its articles are in), so that `index --resume` after a
//! kill goes on where the last commit stopped instead of extracting everything again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::index::NewsIndex;

/// One input file as far as a commit covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputMark {
    pub path: String,
    pub size: u64,
    /// Modification time, in seconds since the epoch.
    pub modified: i64,
    /// Articles of this file that are in the index.
    pub articles: u64,
    /// Whether every article of the file is in.
    pub complete: bool,
}

/// What a commit covers: the payload of each commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// True on the last commit of a run that read all its inputs.
    pub finished: bool,
    pub inputs: Vec<InputMark>,
}

/// A file's size and modification time, or `None` for standard input and unreadable paths.
fn identity(path: &str) -> Option<(u64, i64)> {
    if path == "<stdin>" {
        return None;
    }
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?;
    let seconds = modified
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Some((metadata.len(), seconds))
}

impl Checkpoint {
    /// The checkpoint of the index's last commit, if it has one.
    pub fn last(index: &NewsIndex) -> Option<Checkpoint> {
        let metas = index.index.load_metas().ok()?;
        serde_json::from_str(metas.payload.as_deref()?).ok()
    }

    /// Counts one more article of `path` as written: the file before it is then complete.
    pub fn record(&mut self, path: &str) {
        if let Some(last) = self.inputs.last_mut() {
            if last.path == path {
                last.articles += 1;
                return;
            }
            last.complete = true;
        }
        if let Some((size, modified)) = identity(path) {
            self.inputs.push(InputMark {
                path: path.to_string(),
                size,
                modified,
                articles: 1,
                complete: false,
            });
        }
    }

    /// Marks everything read: the last file is complete too.
    pub fn finish(&mut self) {
        if let Some(last) = self.inputs.last_mut() {
            last.complete = true;
        }
        self.finished = true;
    }

    /// As the payload of a commit.
    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Tells, while reading, which articles an earlier run already committed.
#[derive(Debug, Default)]
pub struct Resume {
    /// Files the checkpoint covers, by path, if they are unchanged since.
    marks: HashMap<String, Option<InputMark>>,
    checkpoint: HashMap<String, InputMark>,
    /// Articles of each file seen so far in this run.
    seen: HashMap<String, u64>,
    /// Articles skipped as already in the index.
    pub skipped: u64,
}

impl Resume {
    pub fn new(checkpoint: Option<Checkpoint>) -> Resume {
        let checkpoint = checkpoint
            .map(|c| c.inputs.into_iter().map(|m| (m.path.clone(), m)).collect())
            .unwrap_or_default();
        Resume {
            checkpoint,
            ..Resume::default()
        }
    }

    /// Whether the next article of `path` is already in the index.
    pub fn already_in(&mut self, path: &str) -> bool {
        if self.checkpoint.is_empty() {
            return false;
        }
        let mark = self.marks.entry(path.to_string()).or_insert_with(|| {
            let mark = self.checkpoint.get(path)?;
            let unchanged = identity(path) == Some((mark.size, mark.modified));
            unchanged.then(|| mark.clone())
        });
        let Some(mark) = mark else {
            return false;
        };
        let seen = self.seen.entry(path.to_string()).or_insert(0);
        *seen += 1;
        let done = mark.complete || *seen <= mark.articles;
        self.skipped += u64::from(done);
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_counts_articles_per_file_and_resume_skips_them() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "y").unwrap();
        let (a, b) = (a.display().to_string(), b.display().to_string());
        let mut checkpoint = Checkpoint::default();
        for path in [&a, &a, &a, &b] {
            checkpoint.record(path);
        }
        assert_eq!(checkpoint.inputs.len(), 2);
        assert!(checkpoint.inputs[0].complete && !checkpoint.inputs[1].complete);
        assert_eq!(
            (checkpoint.inputs[0].articles, checkpoint.inputs[1].articles),
            (3, 1)
        );
        let payload = checkpoint.to_payload();
        let mut resume = Resume::new(serde_json::from_str(&payload).ok());
        let done: Vec<bool> = [&a, &a, &a, &a, &b, &b]
            .iter()
            .map(|p| resume.already_in(p))
            .collect();
        assert_eq!(done, [true, true, true, true, true, false]);
        assert_eq!(resume.skipped, 5);
        // A changed file is read again from the start.
        std::fs::write(&b, "changed").unwrap();
        let mut resume = Resume::new(serde_json::from_str(&payload).ok());
        assert!(!resume.already_in(&b));
        let mut nothing = Resume::new(None);
        assert!(!nothing.already_in(&a));
    }
}
