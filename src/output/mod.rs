//! Printing: [`human`] for people at a terminal, [`json`] for scripts.

pub mod human;
pub mod json;

use std::io::Write;

use serde::Serialize;

/// Writes a value as one line of JSON.
pub fn write_json_line(out: &mut dyn Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
