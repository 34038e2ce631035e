//! Checked settings built from the command line: where the index is, how many threads, how to
//! read the input, whether to colour.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{ColorArg, FormatArg, IndexLocation, InputArgs};
use crate::ingest::{Format, Inputs};

/// The index directory when neither `--index` nor `NEWSDEX_INDEX` names one.
pub const DEFAULT_INDEX: &str = "newsdex-index";

/// The index directory: `--index`, else `$NEWSDEX_INDEX` (clap reads both), else the default.
pub fn index_path(location: &IndexLocation) -> PathBuf {
    location
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// Worker threads: as asked, else every core.
pub fn threads(asked: Option<usize>) -> usize {
    asked
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The checked inputs of `index` or `extract`.
pub fn inputs(args: &InputArgs) -> anyhow::Result<Inputs> {
    let format = args.format.map(|f| match f {
        FormatArg::Txt => Format::Txt,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
    });
    Inputs::new(args.paths.clone(), format)
}

/// The publication date `--published` imposes on every article.
pub fn published(args: &InputArgs) -> anyhow::Result<Option<time::OffsetDateTime>> {
    let Some(text) = &args.published else {
        return Ok(None);
    };
    match crate::ingest::parse_published(text) {
        Ok(Some(when)) => Ok(Some(when)),
        Ok(None) => anyhow::bail!(
            "--published {text:?}: expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 3339"
        ),
        Err(message) => anyhow::bail!(
            "--published: {message} (expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 3339)"
        ),
    }
}

/// `out`, coloured as `choice` says: for `auto`, only on a terminal and without NO_COLOR.
pub fn colored<W: anstream::stream::RawStream>(
    out: W,
    choice: ColorArg,
) -> anstream::AutoStream<W> {
    let choice = match choice {
        ColorArg::Always => anstream::ColorChoice::Always,
        ColorArg::Never => anstream::ColorChoice::Never,
        ColorArg::Auto => anstream::ColorChoice::Auto,
    };
    anstream::AutoStream::new(out, choice)
}

/// Whether to draw a progress bar: only for a person watching stderr.
pub fn progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}
