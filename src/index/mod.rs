//! The tantivy index: its schema, how an article becomes a document, writing and opening.
//!
//! An index directory holds tantivy's files plus `newsdex.json`, which records the schema
//! version so that an old or foreign index is refused with a clear message.

mod aliases;
mod directory;
mod document;
mod pairs;
mod schema;
mod space;
mod writer;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, Searcher};

use directory::{ReadableDirectory, Reads};

pub use aliases::learned_forms;
pub use document::{stored_extraction, to_document, to_document_with, StoredArticle, Structures};
pub use pairs::is_common;
pub use schema::{
    build_schema, facet_column_name, facet_columns, register_tokenizers, Fields, PUBLISHED,
    QUERY_FIELDS, SCHEMA_VERSION,
};
pub use space::size_by_field;
pub use writer::{IndexSink, WriteCounts};

/// The marker file that says a directory is a newsdex index, and of which version.
const MARKER: &str = "newsdex.json";

/// The contents of the marker file.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: String,
    schema_version: u32,
}

/// An opened index with its fields resolved.
pub struct NewsIndex {
    pub index: Index,
    pub fields: Fields,
    pub path: PathBuf,
    /// One reader kept for the life of a long-running reader (`serve`), so that a request
    /// does not open one; `None` for a command, which opens one per search.
    shared_reader: Option<IndexReader>,
}

impl NewsIndex {
    /// Opens an existing index for reading, checking that newsdex made it with this schema.
    pub fn open(path: &Path) -> anyhow::Result<NewsIndex> {
        Self::open_with(path, Reads::Mapped)
    }

    fn open_with(path: &Path, reads: Reads) -> anyhow::Result<NewsIndex> {
        if !path.join("meta.json").is_file() {
            bail!(
                "no index at {} (create one with `newsdex index PATH...`, or point --index or \
                 NEWSDEX_INDEX at it)",
                path.display()
            );
        }
        check_marker(path)?;
        let directory = ReadableDirectory::open(path, reads)
            .with_context(|| format!("opening index {}", path.display()))?;
        let mut index =
            Index::open(directory).with_context(|| format!("opening index {}", path.display()))?;
        // tantivy searches segment by segment; on more than one core the segments of a large
        // index are searched side by side, which is what facets over many matches need.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        Self::ready(index, path)
    }

    /// Opens the index for writing, creating it (and its directory) when there is none.
    /// A directory that holds other files is refused rather than written into.
    pub fn open_or_create(path: &Path) -> anyhow::Result<NewsIndex> {
        if path.join("meta.json").is_file() {
            return Self::open_with(path, Reads::Copied);
        }
        if path.exists() {
            let names: Vec<String> = std::fs::read_dir(path)
                .with_context(|| format!("reading {}", path.display()))?
                .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect::<Result<_, _>>()
                .with_context(|| format!("reading {}", path.display()))?;
            // A creation stopped before tantivy wrote meta.json leaves our marker, and perhaps
            // tantivy's hidden bookkeeping (`.managed.json`, lock files) written before it.
            let ours = names.iter().any(|name| name == MARKER);
            let unfinished = |name: &String| name == MARKER || (ours && name.starts_with('.'));
            if !names.iter().all(unfinished) {
                bail!(
                    "{} exists and is not a newsdex index; choose an empty or new directory",
                    path.display()
                );
            }
        }
        std::fs::create_dir_all(path)
            .with_context(|| format!("creating index directory {}", path.display()))?;
        // zstd rather than tantivy's default lz4 for the stored text and extraction: a third
        // smaller, for a few microseconds more per hit shown.
        let settings = IndexSettings {
            docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
            ..IndexSettings::default()
        };
        // The marker first: tantivy's meta.json is what makes a directory an index, so a run
        // stopped in between leaves either no index or one that opens.
        let marker = Marker {
            format: "newsdex".into(),
            schema_version: SCHEMA_VERSION,
        };
        std::fs::write(path.join(MARKER), serde_json::to_vec(&marker)?)
            .with_context(|| format!("writing {}", path.join(MARKER).display()))?;
        let directory = ReadableDirectory::open(path, Reads::Copied)
            .with_context(|| format!("opening {}", path.display()))?;
        let index = Index::create(directory, build_schema(), settings)
            .with_context(|| format!("creating index in {}", path.display()))?;
        Self::ready(index, path)
    }

    fn ready(index: Index, path: &Path) -> anyhow::Result<NewsIndex> {
        register_tokenizers(&index);
        let fields = Fields::from_schema(&index.schema()).with_context(|| {
            format!("{} was not made by this version of newsdex", path.display())
        })?;
        Ok(NewsIndex {
            index,
            fields,
            path: path.to_path_buf(),
            shared_reader: None,
        })
    }

    /// Opens an existing index for a process that answers many searches over one commit:
    /// one reader is opened now and every [`NewsIndex::searcher`] is taken from it.
    pub fn open_shared(path: &Path) -> anyhow::Result<NewsIndex> {
        let mut index = Self::open(path)?;
        index.shared_reader = Some(index.reader()?);
        Ok(index)
    }

    fn reader(&self) -> anyhow::Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("opening an index reader on {}", self.path.display()))
    }

    /// A searcher over the last commit (with [`NewsIndex::open_shared`], over the commit of
    /// when it was opened). A command is one process reading one commit, so the reader does
    /// not start a thread to watch for newer ones.
    pub fn searcher(&self) -> anyhow::Result<Searcher> {
        match &self.shared_reader {
            Some(reader) => Ok(reader.searcher()),
            None => Ok(self.reader()?.searcher()),
        }
    }

    /// A searcher over the last commit for a writer's lookups at random places (near-duplicate
    /// candidates, ids being replaced), which the writer's own reads would each serve with a
    /// window of the file: terms and postings mapped, stored documents read a block at a time
    /// ([`Reads::Lookup`]). Taken again after each commit, so what it maps is let go.
    pub fn lookup_searcher(&self) -> anyhow::Result<Searcher> {
        Self::open_with(&self.path, Reads::Lookup)?.searcher()
    }

    /// The total size of the index's files, in bytes.
    pub fn size_bytes(&self) -> u64 {
        std::fs::read_dir(&self.path)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

fn check_marker(path: &Path) -> anyhow::Result<()> {
    let marker_path = path.join(MARKER);
    let Ok(bytes) = std::fs::read(&marker_path) else {
        bail!(
            "{} is a tantivy index that newsdex did not make (no {MARKER})",
            path.display()
        );
    };
    let marker: Marker = serde_json::from_slice(&bytes)
        .with_context(|| format!("reading {}", marker_path.display()))?;
    if marker.schema_version != SCHEMA_VERSION {
        bail!(
            "the index at {} has schema version {}, and this newsdex reads version {}: \
             index the articles again into a new directory",
            path.display(),
            marker.schema_version,
            SCHEMA_VERSION
        );
    }
    Ok(())
}

/// Calls `each` with every live document of `segment` (the `ordinal`th of its searcher) that
/// holds `term`, in order, until `each` returns false; returns false when it was stopped so.
pub fn each_live_doc(
    segment: &tantivy::SegmentReader,
    ordinal: u32,
    term: &tantivy::Term,
    each: &mut dyn FnMut(tantivy::DocAddress) -> bool,
) -> tantivy::Result<bool> {
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocSet, TERMINATED};
    let inverted = segment.inverted_index(term.field())?;
    let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
        return Ok(true);
    };
    let mut doc = postings.doc();
    while doc != TERMINATED {
        let alive = segment
            .alive_bitset()
            .is_none_or(|alive| alive.is_alive(doc));
        if alive && !each(tantivy::DocAddress::new(ordinal, doc)) {
            return Ok(false);
        }
        doc = postings.advance();
    }
    Ok(true)
}
