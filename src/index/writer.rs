//! Writing articles into the index: each id is upserted (an article indexed again replaces
//! the old one), and the writer commits at intervals so that a killed run keeps its work.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use tantivy::collector::Count;
use tantivy::directory::error::LockError;
use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::directory::cannot_write;
use super::NewsIndex;
use crate::checkpoint::Checkpoint;
use crate::dedup::{Clusters, Signature};

/// Segments with more documents than this are not merged further.
const MAX_DOCS_BEFORE_MERGE: usize = 250_000;

/// Segments whose document store is this large are not merged further: a merge reads each
/// input's store whole, so this bounds a merge's memory whatever the size of the articles.
const MAX_STORE_BYTES_BEFORE_MERGE: u64 = 128 << 20;

/// How often `--wait` tries the writer lock again.
const LOCK_POLL: Duration = Duration::from_millis(200);

/// The smallest budget tantivy accepts per indexing thread.
const MIN_BUDGET_PER_THREAD: usize = 15 << 20;

/// tantivy refuses a budget of 4 GB or more per thread.
const MAX_BUDGET_PER_THREAD: usize = 4000 << 20;

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
    /// Near-duplicate clusters, as of the last commit and since.
    clusters: Clusters,
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
        // One merge at a time: a merge reads each input segment's document store whole, so
        // tantivy's default of four at once could hold four stores in memory; with two cores
        // more would not finish sooner.
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread((budget / threads).min(MAX_BUDGET_PER_THREAD))
            .num_merge_threads(1)
            .build();
        let writer = loop {
            match index.index.writer_with_options(options.clone()) {
                Ok(writer) => break writer,
                Err(tantivy::TantivyError::LockFailure(LockError::IoError(err), _))
                    if cannot_write(&err) =>
                {
                    anyhow::bail!(
                        "cannot write to the index {}: {err} (query it as it is, or index into \
                         a directory you can write)",
                        index.path.display()
                    )
                }
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
        let mut policy = LogMergePolicy::default();
        policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
        writer.set_merge_policy(Box::new(SmallStoresOnly {
            inner: policy,
            dir: index.path.clone(),
            max_store_bytes: MAX_STORE_BYTES_BEFORE_MERGE,
        }));
        // A run killed or failed part way leaves segment files no commit names; they would
        // otherwise stay on disk, however many runs follow.
        writer
            .garbage_collect_files()
            .wait()
            .with_context(|| format!("cleaning up {}", index.path.display()))?;
        let before = index.lookup_searcher()?;
        let clusters = Clusters::new(index.fields, before.clone());
        Ok(IndexSink {
            index,
            writer,
            before,
            seen: HashSet::new(),
            counts: WriteCounts::default(),
            last_commit: Instant::now(),
            interval,
            clusters,
        })
    }

    /// Adds one article's document, replacing any with the same id, with its body's band
    /// keys and the near-duplicate cluster it joins.
    pub fn add(
        &mut self,
        id: &str,
        mut doc: TantivyDocument,
        signature: Signature,
    ) -> anyhow::Result<()> {
        let fields = &self.index.fields;
        for band in &signature.bands {
            doc.add_bytes(fields.bands, band.as_slice());
        }
        if let Some(cluster) = self.clusters.assign(id, signature)? {
            doc.add_text(fields.cluster, cluster);
        }
        let term = Term::from_field_text(self.index.fields.id, id);
        let fresh = self.seen.insert(id_hash(id)) && !self.existed(&term)?;
        if fresh {
            self.counts.added += 1;
        } else {
            self.counts.replaced += 1;
            self.writer.delete_term(term);
        }
        if let Err(err) = self.writer.add_document(doc) {
            return Err(self.abandon(err.into()));
        }
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
        let committed = self.writer.prepare_commit().and_then(|mut prepared| {
            prepared.set_payload(&checkpoint.to_payload());
            prepared.commit()
        });
        if let Err(err) = committed {
            return Err(self.abandon(err.into()));
        }
        self.clusters.refresh(self.index.lookup_searcher()?);
        self.last_commit = Instant::now();
        Ok(())
    }

    /// After a failed write: drops what was not committed, removes its files so that a full
    /// disk is not left fuller, and says what happened in terms a user can act on.
    fn abandon(&mut self, err: anyhow::Error) -> anyhow::Error {
        let path = self.index.path.display();
        let full = is_storage_full(&err) || no_room_in(&self.index.path);
        // Both are best effort: the error to report is the first one.
        let _ = self.writer.rollback();
        let _ = self.writer.garbage_collect_files().wait();
        if full {
            err.context(format!(
                "the disk holding the index {path} is full: what was committed before is kept \
                 and the unfinished files were removed; free some space and run the same \
                 command again with --resume"
            ))
        } else {
            err.context(format!(
                "writing to the index {path} failed: what was committed before is kept"
            ))
        }
    }

    /// Commits, waits for merges, and returns what was written.
    pub fn finish(mut self, checkpoint: &Checkpoint) -> anyhow::Result<WriteCounts> {
        self.commit(checkpoint)?;
        let counts = self.counts;
        self.writer.wait_merging_threads()?;
        Ok(counts)
    }
}

/// tantivy's log merge policy, over the segments whose document store is smaller than
/// `max_store_bytes`.
#[derive(Debug)]
struct SmallStoresOnly {
    inner: LogMergePolicy,
    dir: PathBuf,
    max_store_bytes: u64,
}

impl MergePolicy for SmallStoresOnly {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let small: Vec<SegmentMeta> = segments
            .iter()
            .filter(|segment| {
                let store = self
                    .dir
                    .join(segment.relative_path(SegmentComponent::Store));
                // A store that cannot be measured is merged, as tantivy would.
                std::fs::metadata(store).map_or(0, |m| m.len()) < self.max_store_bytes
            })
            .cloned()
            .collect();
        self.inner.compute_merge_candidates(&small)
    }
}

/// Whether an error comes from a full disk or quota. tantivy's indexing threads often report
/// only that they stopped, so [`no_room_in`] asks the disk itself.
fn is_storage_full(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|io| io.kind());
        matches!(
            io,
            Some(std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
        ) || cause.to_string().contains("No space left on device")
    })
}

/// Whether a 1 MiB file can no longer be written beside the index.
fn no_room_in(dir: &std::path::Path) -> bool {
    use std::io::Write;
    let probe = dir.join(".newsdex-space-probe");
    let written = std::fs::File::create(&probe)
        .and_then(|mut file| file.write_all(&[0; 1 << 20]).and_then(|()| file.sync_all()));
    let _ = std::fs::remove_file(&probe);
    matches!(written, Err(err) if err.kind() == std::io::ErrorKind::StorageFull)
}

/// Ids seen in a run are kept as hashes to bound memory.
fn id_hash(id: &str) -> u64 {
    crate::ingest::fnv1a(id.bytes())
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::Index;

    use super::*;

    #[test]
    fn segments_with_large_stores_are_not_merged_again() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_in_dir(dir.path(), crate::index::build_schema()).unwrap();
        // Ten segments of the same size; two of them have stores past the cap.
        let segments: Vec<SegmentMeta> = (0..10)
            .map(|n| {
                let meta = index.new_segment_meta(SegmentId::generate_random(), 1000);
                let store = dir.path().join(meta.relative_path(SegmentComponent::Store));
                let size = if n < 2 { 20_000 } else { 1_000 };
                std::fs::write(store, vec![0u8; size]).unwrap();
                meta
            })
            .collect();
        let policy = SmallStoresOnly {
            inner: LogMergePolicy::default(),
            dir: dir.path().to_path_buf(),
            max_store_bytes: 10_000,
        };
        let candidates = policy.compute_merge_candidates(&segments);
        let merged: Vec<SegmentId> = candidates.into_iter().flat_map(|c| c.0).collect();
        assert_eq!(merged.len(), 8, "{merged:?}");
        for big in &segments[..2] {
            assert!(!merged.contains(&big.id()));
        }
    }
}
