//! What a long run shows on stderr while it works: each problem with the input as it comes
//! (counted for the summary and the exit status), and a progress spinner that those messages
//! do not tear.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::ingest::{Problem, Severity};

/// Problems with the input, printed as they come and counted.
#[derive(Default)]
pub struct ProblemLog {
    pub skipped: Vec<Problem>,
    pub warnings: u64,
}

impl ProblemLog {
    pub fn record(&mut self, problem: &Problem, bar: Option<&ProgressBar>) {
        let line = format!("newsdex: {problem}");
        match bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
        match problem.severity {
            Severity::Skipped => self.skipped.push(problem.clone()),
            Severity::Warning => self.warnings += 1,
        }
    }
}

/// A spinner with the article count and rate, on stderr, when `show`.
pub fn progress_bar(show: bool) -> Option<ProgressBar> {
    if !show {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    let style =
        ProgressStyle::with_template("{spinner} {elapsed} {pos} articles ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
