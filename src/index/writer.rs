//! Writing articles into the index: each id is upserted (an article indexed again replaces
//! the old one), and the writer commits at intervals so that a killed run keeps its work.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use anyhow::Context;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::NewsIndex;
use crate::checkpoint::Checkpoint;

/// Segments with more documents than this are not merged further.
const MAX_DOCS_BEFORE_MERGE: usize = 250_000;

/// How often `--wait` tries the writer lock again.
const LOCK_POLL: Duration = Duration::from_millis(200);

/// The smallest budget tantivy accepts per indexing thread.
const MIN_BUDGET_PER_THREAD: usize = 15 << 20;

/// What a run of writes did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteCounts {
    /// Articles whose id was new.
    pub added: u64,
    /// Articles that replaced one with the same id (indexed before, or earlier in this run).
    pub replaced: u64,
}

/// An open writer on an index.
pub struct IndexSink<'a> {
    index: &'a NewsIndex,
    writer: IndexWriter,
    /// The index as it was when the run began, to tell replacements from additions.
    before: Searcher,
    /// Hashes of the ids written in this run.
    seen: HashSet<u64>,
    counts: WriteCounts,
    last_commit: Instant,
    /// How often to commit while indexing.
    interval: Duration,
}

impl<'a> IndexSink<'a> {
    /// Takes the index's writer lock, failing at once if another process holds it, or with
    /// `wait` waiting for it. `memory_mb` is the writer's total budget.
    pub fn new(
        index: &'a NewsIndex,
        threads: usize,
        memory_mb: usize,
        wait: bool,
        interval: Duration,
    ) -> anyhow::Result<Self> {
        let budget = memory_mb.saturating_mul(1 << 20).max(MIN_BUDGET_PER_THREAD);
        let threads = threads.clamp(1, 8).min(budget / MIN_BUDGET_PER_THREAD);
        let writer = loop {
            match index.index.writer_with_num_threads(threads, budget) {
                Ok(writer) => break writer,
                Err(tantivy::TantivyError::LockFailure(..)) if wait => {
                    std::thread::sleep(LOCK_POLL);
                }
                Err(tantivy::TantivyError::LockFailure(..)) => anyhow::bail!(
                    "another process is writing to the index {} (it holds the lock {}); \
                     try again when it is done, or pass --wait",
                    index.path.display(),
                    index.path.join(".tantivy-writer.lock").display()
                ),
                Err(other) => {
                    return Err(anyhow::Error::new(other)
                        .context(format!("opening a writer on {}", index.path.display())))
                }
            }
        };
        // Merging ever larger segments is what made memory grow with the dump; segments past
        // this size are left as they are.
        let mut policy = tantivy::indexer::LogMergePolicy::default();
        policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
        writer.set_merge_policy(Box::new(policy));
        let before = index.index.reader()?.searcher();
        Ok(IndexSink {
            index,
            writer,
            before,
            seen: HashSet::new(),
            counts: WriteCounts::default(),
            last_commit: Instant::now(),
            interval,
        })
    }

    /// Adds one article's document, replacing any with the same id.
    pub fn add(&mut self, id: &str, doc: TantivyDocument) -> anyhow::Result<()> {
        let term = Term::from_field_text(self.index.fields.id, id);
        let fresh = self.seen.insert(id_hash(id)) && !self.existed(&term)?;
        if fresh {
            self.counts.added += 1;
        } else {
            self.counts.replaced += 1;
            self.writer.delete_term(term);
        }
        self.writer.add_document(doc)?;
        Ok(())
    }

    fn existed(&self, term: &Term) -> anyhow::Result<bool> {
        if self.before.num_docs() == 0 {
            return Ok(false);
        }
        let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
        Ok(self.before.search(&query, &Count)? > 0)
    }

    /// Commits if the interval has passed since the last commit.
    pub fn commit_if_due(&mut self, checkpoint: &Checkpoint) -> anyhow::Result<()> {
        if self.last_commit.elapsed() >= self.interval {
            self.commit(checkpoint)?;
        }
        Ok(())
    }

    /// Makes everything added so far durable and visible to readers, recording what it covers.
    pub fn commit(&mut self, checkpoint: &Checkpoint) -> anyhow::Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&checkpoint.to_payload());
        prepared
            .commit()
            .with_context(|| format!("committing to {}", self.index.path.display()))?;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Commits, waits for merges, and returns what was written.
    pub fn finish(mut self, checkpoint: &Checkpoint) -> anyhow::Result<WriteCounts> {
        self.commit(checkpoint)?;
        let counts = self.counts;
        self.writer.wait_merging_threads()?;
        Ok(counts)
    }
}

/// Ids seen in a run are kept as hashes to bound memory.
fn id_hash(id: &str) -> u64 {
    crate::ingest::fnv1a(id.bytes())
}
