//! The reading and extraction stages joined: one thread reads the input in order and hands
//! batches of articles over a bounded channel; each batch is extracted on all cores (rayon)
//! and handed on, in input order. The bounded channel keeps memory flat whatever the dump's
//! size. An article whose extraction goes over its work budget is handed on without its
//! extraction, and reported as a warning naming its file and line.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;

use rayon::prelude::*;

use time::OffsetDateTime;

use crate::checkpoint::Resume;
use crate::extract::{extract_within_budget, resolve_published, Extracted};
use crate::ingest::{read_inputs, Article, Event, Inputs, Origin, Problem, Severity};

/// An article through extraction, with the input it came from.
#[derive(Debug)]
pub struct Processed {
    pub article: Article,
    /// The input file, as messages name it.
    pub path: String,
    pub extracted: Extracted,
}

/// Articles per batch: large enough to keep every core busy, small enough to bound memory.
const BATCH: usize = 256;

/// Batches in flight between the reader and the workers.
const IN_FLIGHT: usize = 4;

/// The reader's signal that the consumer has gone away, told apart by type, not by message.
#[derive(Debug)]
struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("reading stopped: the consumer has gone")
    }
}

impl std::error::Error for Stopped {}

/// Live counters, readable from any thread (for the progress bar).
#[derive(Debug, Default)]
pub struct Progress {
    pub articles: AtomicU64,
    pub bytes: AtomicU64,
}

/// Runs the pipeline. `published`, if given, is every article's publication date; articles
/// `resume` says are already in the index are passed over unextracted; `on_problem` sees each
/// problem with the input as it is read; `on_batch` sees each batch of extracted articles, in
/// input order.
pub fn run(
    inputs: &Inputs,
    published: Option<OffsetDateTime>,
    resume: &mut Resume,
    pool: &rayon::ThreadPool,
    progress: &Progress,
    on_problem: &mut (dyn FnMut(&Problem) + Send),
    on_batch: &mut dyn FnMut(Vec<Processed>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (sender, receiver) = sync_channel::<Vec<(Article, Origin)>>(IN_FLIGHT);
    // Problems come from the reader (the input) and from extraction (the budget).
    let on_problem = Mutex::new(on_problem);
    let report = |problem: &Problem| {
        let mut on_problem = on_problem.lock().unwrap_or_else(|e| e.into_inner());
        (*on_problem)(problem)
    };
    let report = &report;
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            read_inputs(inputs, &mut |event| {
                match event {
                    Event::Article(article, origin) => {
                        if resume.already_in(&origin.path) {
                            return Ok(());
                        }
                        batch.push((*article, origin));
                        if batch.len() >= BATCH {
                            sender
                                .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                                .map_err(|_| anyhow::Error::new(Stopped))?;
                        }
                    }
                    Event::Problem(problem) => report(&problem),
                    Event::Bytes(n) => {
                        progress.bytes.fetch_add(n, Ordering::Relaxed);
                    }
                }
                Ok(())
            })?;
            if !batch.is_empty() {
                sender.send(batch).ok();
            }
            anyhow::Ok(())
        });
        let mut result = Ok(());
        for batch in receiver.iter() {
            let extracted: Vec<Processed> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|(mut article, origin)| {
                        resolve_published(&mut article, published);
                        let (extracted, overrun) = extract_within_budget(&article);
                        if let Some(overrun) = overrun {
                            report(&Problem {
                                message: overrun.to_string(),
                                severity: Severity::Warning,
                                origin: origin.clone(),
                            });
                        }
                        Processed {
                            article,
                            path: origin.path,
                            extracted,
                        }
                    })
                    .collect()
            });
            progress
                .articles
                .fetch_add(extracted.len() as u64, Ordering::Relaxed);
            if let Err(err) = on_batch(extracted) {
                result = Err(err);
                break;
            }
        }
        // Dropping the receiver makes a blocked reader fail its send and stop.
        drop(receiver);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the reader thread panicked")));
        // The reader stopping because the consumer failed is not an error of its own.
        result.and(read.or_else(|err| {
            if err.is::<Stopped>() {
                Ok(())
            } else {
                Err(err)
            }
        }))
    })
}
