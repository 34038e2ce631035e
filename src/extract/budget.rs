//! The safety net under extraction: a budget of work per article, counted in steps, not time.
//!
//! Every extractor is meant to be linear in its input, with each walk over earlier mentions or
//! quotes bounded by a window. Should some input still find a costly path, the loops that could
//! grow with the article [`charge`] the steps they take against the article's budget. When it
//! runs out, extraction of that article stops at once (by unwinding to [`within`], which no
//! panic hook sees), and the article is indexed whole without its extraction. Because the
//! budget counts steps, whether an article goes over it never depends on the machine's load.
//!
//! The budget is set from the article's length ([`for_text`]): a generous multiple of what
//! real news costs, so that no article of the BBC corpus comes near it.

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

thread_local! {
    /// Steps left for the extraction running on this thread; unbounded outside [`within`].
    static LEFT: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Steps every article may take whatever its length: enough for any short article.
const BASE_STEPS: u64 = 1 << 20;

/// Steps per byte of analysed text. Real news takes a few steps a byte (the most costly BBC
/// article takes under 10); this leaves an order of magnitude above that.
const STEPS_PER_BYTE: u64 = 128;

/// The extraction of an article ran over its budget and was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted {
    /// The budget it was given.
    pub steps: u64,
}

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "extraction went over its budget of {} steps", self.steps)
    }
}

impl std::error::Error for Exhausted {}

/// The budget for an article whose analysed text is `bytes` long.
pub fn for_text(bytes: usize) -> u64 {
    BASE_STEPS.saturating_add(STEPS_PER_BYTE.saturating_mul(bytes as u64))
}

/// Spends `steps` of the running extraction's budget, and stops it if there are not enough.
/// Outside [`within`] nothing is counted that could run out.
pub fn charge(steps: u64) {
    LEFT.with(|left| match left.get().checked_sub(steps) {
        Some(rest) => left.set(rest),
        None => resume_unwind(Box::new(OverBudget)),
    });
}

/// The unwinding payload of a stopped extraction, told apart from any other panic by type.
struct OverBudget;

/// Runs `work` with a budget of `steps`: its result, or [`Exhausted`] if it ran over. A panic
/// of any other kind goes on unwinding.
pub fn within<R>(steps: u64, work: impl FnOnce() -> R) -> Result<R, Exhausted> {
    let outer = LEFT.with(|left| left.replace(steps));
    let result = catch_unwind(AssertUnwindSafe(work));
    LEFT.with(|left| left.set(outer));
    match result {
        Ok(value) => Ok(value),
        Err(payload) if payload.is::<OverBudget>() => Err(Exhausted { steps }),
        Err(payload) => resume_unwind(payload),
    }
}

/// Steps left on this thread, for measuring what extraction costs.
pub fn left() -> u64 {
    LEFT.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_within_its_budget_returns_its_result() {
        assert_eq!(within(10, || (0..10).for_each(|_| charge(1))), Ok(()));
        assert_eq!(left(), u64::MAX, "the thread is unbounded again");
    }

    #[test]
    fn work_over_its_budget_is_stopped_and_says_so() {
        let mut done = 0;
        let result = within(5, || {
            for _ in 0..100 {
                charge(1);
                done += 1;
            }
        });
        assert_eq!(result, Err(Exhausted { steps: 5 }));
        assert_eq!(done, 5);
        assert_eq!(left(), u64::MAX);
    }

    #[test]
    fn budgets_nest_and_other_panics_go_on() {
        let inner = within(100, || within(1, || charge(2)));
        assert_eq!(inner, Ok(Err(Exhausted { steps: 1 })));
        let panicked = catch_unwind(|| within(100, || panic!("a bug")));
        assert!(panicked.is_err());
        assert_eq!(left(), u64::MAX);
    }
}
