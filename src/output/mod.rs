//! Printing: [`human`] for people at a terminal, [`json`] for scripts, [`Printer`] choosing
//! between them, and [`ProblemLog`] and [`progress_bar`] for what a run says on stderr.

pub mod human;
pub mod json;
mod printer;
mod problems;

pub use printer::Printer;
pub use problems::{progress_bar, ProblemLog};

use std::io::Write;

use serde::Serialize;

/// Writes a value as one line of JSON.
pub fn write_json_line(out: &mut dyn Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
