//! How a search answer reaches stdout: one JSON object (`--json`), its hits as JSON Lines
//! (`--jsonl`), or for people, coloured unless told otherwise.

use std::io::{BufWriter, Write};

use super::write_json_line;
use crate::cli::ColorArg;
use crate::config;

/// How a search answer is printed: one JSON object, its hits as JSON Lines, or for people.
pub struct Printer {
    json: bool,
    jsonl: bool,
    color: ColorArg,
}

impl Printer {
    pub fn new(json: bool, jsonl: bool, color: ColorArg) -> Printer {
        Printer { json, jsonl, color }
    }

    pub fn print<R: serde::Serialize, H: serde::Serialize>(
        &self,
        response: &R,
        hits: &[H],
        human: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let stdout = std::io::stdout().lock();
        if self.json || self.jsonl {
            let mut out = BufWriter::new(stdout);
            if self.json {
                write_json_line(&mut out, response)?;
            } else {
                for hit in hits {
                    write_json_line(&mut out, hit)?;
                }
            }
            out.flush()?;
        } else {
            let mut out = config::colored(stdout, self.color);
            human(&mut out)?;
            out.flush()?;
        }
        Ok(())
    }

    /// Prints one answer that has no hits to list: JSON with `--json`, else for people.
    pub fn print_one<R: serde::Serialize>(
        &self,
        answer: &R,
        human: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        self.print(answer, &[] as &[R], human)
    }
}
