//! The `newsdex` binary: parse the command line, run it, print any error once.

use std::process::ExitCode;

use clap::Parser;

use newsdex::cli::Cli;
use newsdex::commands::{self, EXIT_ERROR, EXIT_OK};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(EXIT_OK),
        Err(err) => {
            eprintln!("newsdex: {err:#}");
            if is_damage(&err) {
                eprintln!(
                    "newsdex: the index's files are damaged and cannot be repaired in place; \
                     index the articles again into a new directory"
                );
            }
            ExitCode::from(EXIT_ERROR)
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

/// Whether tantivy found an index file truncated or corrupted, as opposed to unreadable.
fn is_damage(err: &anyhow::Error) -> bool {
    use tantivy::directory::error::OpenReadError;
    let damaged = |io: &std::io::Error| {
        matches!(
            io.kind(),
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
        )
    };
    err.chain().any(
        |cause| match cause.downcast_ref::<tantivy::TantivyError>() {
            Some(tantivy::TantivyError::DataCorruption(_)) => true,
            Some(tantivy::TantivyError::OpenReadError(OpenReadError::IoError {
                io_error, ..
            })) => damaged(io_error),
            Some(tantivy::TantivyError::IoError(io)) => damaged(io),
            _ => false,
        },
    )
}
