//! How a command ended, as its exit status: grep's convention, documented in the README's
//! "Exit status" table. Each command decides its status once, where its result is known.

use std::process::ExitCode;

/// A command's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit status 0: the command found what it was asked for, or did all it was told.
    Success,
    /// Exit status 1: the search found nothing, or some of the input was skipped.
    Partial,
    /// Exit status 2: an error stopped the command.
    Error,
}

impl Status {
    /// [`Status::Success`] when a search found something, else [`Status::Partial`].
    pub fn found(anything: bool) -> Status {
        if anything {
            Status::Success
        } else {
            Status::Partial
        }
    }

    /// [`Status::Success`] when no input was skipped, else [`Status::Partial`].
    pub fn skipped(count: usize) -> Status {
        Status::found(count == 0)
    }

    /// The exit status's number.
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Partial => 1,
            Status::Error => 2,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_greps() {
        assert_eq!(Status::found(true).code(), 0);
        assert_eq!(Status::found(false).code(), 1);
        assert_eq!(Status::skipped(0).code(), 0);
        assert_eq!(Status::skipped(3).code(), 1);
        assert_eq!(Status::Error.code(), 2);
    }
}
