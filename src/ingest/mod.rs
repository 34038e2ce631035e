//! Reading a news dump: the paths given are walked, each file's format and compression is
//! detected, and its records become [`Article`]s, streamed one at a time so that memory does
//! not grow with the size of the dump.
//!
//! A record that cannot be read is reported as a [`Problem`] naming its path and line, and
//! reading goes on with the next one.

mod formats;
mod published;
mod record;
mod walk;

use time::OffsetDateTime;

pub(crate) use formats::split_title;
pub use formats::{read_stream, Format, Sink};
pub use published::{parse_published, parse_published_bound, INDEXABLE_YEARS};
pub use walk::{files_with_extension, read_inputs, Inputs};

/// One news article as read from the input, before extraction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// A stable id: the record's own, else its url, else a hash of title and body; for a text
    /// file, its path relative to the PATH given.
    pub id: String,
    pub title: String,
    pub body: String,
    /// When the article was published, in UTC.
    pub published: Option<OffsetDateTime>,
    /// Where `published` came from.
    pub published_source: Option<PublishedSource>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// The publication or site.
    pub source: Option<String>,
}

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedSource {
    /// The record's own date field.
    Metadata,
    /// A statement in the text ("Published: 21 November 2019", a dateline).
    Text,
    /// A date in the url's path.
    Url,
    /// `--published` on the command line.
    Flag,
}

impl PublishedSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedSource::Metadata => "metadata",
            PublishedSource::Text => "text",
            PublishedSource::Url => "url",
            PublishedSource::Flag => "flag",
        }
    }

    /// The inverse of [`PublishedSource::as_str`].
    pub fn parse(text: &str) -> Option<PublishedSource> {
        [Self::Metadata, Self::Text, Self::Url, Self::Flag]
            .into_iter()
            .find(|source| source.as_str() == text)
    }
}

/// Where a record came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: String,
    /// 1-based line of the record's start; 0 when the problem is with the whole file.
    pub line: u64,
}

/// How bad a problem with the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The record was read, with a caveat (e.g. invalid UTF-8 decoded lossily).
    Warning,
    /// The record was skipped.
    Skipped,
}

/// Something wrong with one record or file of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub origin: Origin,
    pub severity: Severity,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Skipped => "skipped",
        };
        if self.origin.line == 0 {
            write!(f, "{}: {kind}: {}", self.origin.path, self.message)
        } else {
            write!(
                f,
                "{}:{}: {kind}: {}",
                self.origin.path, self.origin.line, self.message
            )
        }
    }
}

/// What reading the input yields, in input order.
#[derive(Debug)]
pub enum Event {
    Article(Box<Article>, Origin),
    Problem(Problem),
    /// Raw bytes consumed so far from one file, for progress.
    Bytes(u64),
}

/// A stable 64-bit FNV-1a hash of title and body, as hex: the id of a record that has none.
pub(crate) fn content_id(title: &str, body: &str) -> String {
    let hash = fnv1a(title.bytes().chain([0u8]).chain(body.bytes()));
    format!("{hash:016x}")
}

/// The 64-bit FNV-1a hash: stable across versions and platforms, unlike std's hasher.
pub(crate) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
