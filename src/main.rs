//! The `newsdex` binary: parse the command line, run it, print any error once.

use std::process::ExitCode;

use clap::Parser;

use newsdex::cli::Cli;
use newsdex::commands;
use newsdex::status::Status;

/// mimalloc rather than the system's allocator: extraction allocates per token and per
/// mention, and tantivy per posting block; see BENCHMARKS.md for what it saves.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(Status::Success),
        Err(err) => {
            match damage(&err) {
                // tantivy's own words for this run to several lines of Debug output.
                Some(damage) => eprintln!(
                    "newsdex: {damage}; the index cannot be repaired in place: index the \
                     articles again into a new directory"
                ),
                None => eprintln!("newsdex: {err:#}"),
            }
            ExitCode::from(Status::Error)
        }
    }
}

/// Output piped into `head` that closes early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|io| io.kind());
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(|json| json.io_error_kind());
        io == broken || json == broken
    })
}

/// What tantivy found truncated or corrupted in the index, as opposed to unreadable.
fn damage(err: &anyhow::Error) -> Option<String> {
    use tantivy::directory::error::OpenReadError;
    let damaged = |io: &std::io::Error| {
        matches!(
            io.kind(),
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
        )
    };
    err.chain().find_map(
        |cause| match cause.downcast_ref::<tantivy::TantivyError>() {
            Some(tantivy::TantivyError::DataCorruption(corruption)) => {
                Some(format!("the index is damaged: {corruption:?}"))
            }
            Some(tantivy::TantivyError::OpenReadError(OpenReadError::IoError {
                io_error,
                filepath,
            })) if damaged(io_error) => {
                let reason = io_error.to_string();
                let reason = reason.split(". ").next().unwrap_or(&reason);
                Some(format!(
                    "the index file {} is damaged ({reason})",
                    filepath.display()
                ))
            }
            Some(tantivy::TantivyError::IoError(io)) if damaged(io) => {
                Some(format!("the index is damaged: {io}"))
            }
            _ => None,
        },
    )
}
