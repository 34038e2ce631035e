//! The index directory: memory-mapped for queries, read into memory of its own for writing,
//! and readable by someone who cannot write it.
//!
//! tantivy's reader takes the directory's meta lock by opening the lock file for writing, so
//! an index on a read-only mount, or one shared by another user, could not even be queried.
//! Here a lock that cannot be opened for writing is taken on a read-only handle instead: it
//! still keeps the owner's garbage collection from deleting files a reader is loading.
//!
//! The writer reads segments only to merge them, once, front to back. Mapped, every page a
//! merge touches stays in the process's resident memory until the merged segments are let go:
//! at a million articles that was 0.9 GB of the indexer's peak. Read with `pread` instead, a
//! merge holds only what it is working on, and the pages stay in the kernel's cache.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// How the directory's files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reads {
    /// Memory-mapped: cheap random access, for queries.
    Mapped,
    /// Copied with positioned reads: memory that is freed once used, for the writer.
    Copied,
    /// For a writer's lookups at random places: mapped, but the document stores (most of an
    /// index's bytes, read a block at a time for near-duplicate candidates) read with one
    /// exact positioned read per block. Mapped, every store page such lookups touched stayed
    /// resident: past 1.3 GB at a million articles.
    Lookup,
}

#[derive(Debug, Clone)]
pub(crate) struct ReadableDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    reads: Reads,
}

impl ReadableDirectory {
    pub(crate) fn open(
        root: &Path,
        reads: Reads,
    ) -> Result<ReadableDirectory, tantivy::TantivyError> {
        Ok(ReadableDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            reads,
        })
    }
}

/// Reads up to this long share one window of the file, read ahead of them.
const SMALL_READ: usize = 16 << 10;

/// How much of a file one positioned read brings in for small reads.
const WINDOW: usize = 256 << 10;

/// A file read with `pread` rather than mapped. Small reads, such as the postings of one term,
/// are served from a window read ahead of them, since a merge walks each file in order.
/// (tantivy's own `WrapFile` makes one system call per read, and refuses empty ones.)
#[derive(Debug)]
struct CopiedFile {
    file: File,
    len: usize,
    /// The last window: where it starts in the file, and its bytes.
    window: Mutex<Option<(usize, OwnedBytes)>>,
    /// Whether small reads bring in a window ahead of them (reads in file order), or only
    /// what they ask for (reads at random places).
    read_ahead: bool,
}

impl CopiedFile {
    fn open(path: &Path, read_ahead: bool) -> io::Result<CopiedFile> {
        let file = File::open(path)?;
        let len = usize::try_from(file.metadata()?.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "file too large"))?;
        Ok(CopiedFile {
            file,
            len,
            window: Mutex::new(None),
            read_ahead,
        })
    }

    fn read(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut bytes = vec![0; range.len()];
        self.file.read_exact_at(&mut bytes, range.start as u64)?;
        Ok(OwnedBytes::new(bytes))
    }
}

impl HasLen for CopiedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for CopiedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("read of {range:?} from a file of {} bytes", self.len),
            ));
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        if range.len() > SMALL_READ || !self.read_ahead {
            return self.read(range);
        }
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((start, bytes)) = &*window {
            if range.start >= *start && range.end <= start + bytes.len() {
                return Ok(bytes.slice(range.start - start..range.end - start));
            }
        }
        let end = (range.start + WINDOW).min(self.len);
        let bytes = self.read(range.start..end)?;
        let wanted = bytes.slice(0..range.len());
        *window = Some((range.start, bytes));
        Ok(wanted)
    }
}

/// Whether an error means the place cannot be written, not that something went wrong.
pub(crate) fn cannot_write(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for ReadableDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let read_ahead = match self.reads {
            Reads::Mapped => return self.inner.get_file_handle(path),
            Reads::Lookup if path.extension().is_none_or(|e| e != "store") => {
                return self.inner.get_file_handle(path)
            }
            Reads::Lookup => false,
            Reads::Copied => true,
        };
        match CopiedFile::open(&self.root.join(path), read_ahead) {
            Ok(file) => Ok(Arc::new(file)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(err) => Err(OpenReadError::wrap_io_error(err, path.to_path_buf())),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only a blocking lock (the meta lock readers take) falls back: the writer's lock
            // must fail, since nobody who cannot write the directory can index into it.
            Err(LockError::IoError(err)) if lock.is_blocking && cannot_write(&err) => {
                match File::open(self.root.join(&lock.filepath)) {
                    Ok(file) => {
                        file.lock_shared().map_err(LockError::wrap_io_error)?;
                        Ok(DirectoryLock::from(Box::new(file)))
                    }
                    // No lock file: nobody has written here since it became read-only.
                    Err(missing) if missing.kind() == io::ErrorKind::NotFound => {
                        Ok(DirectoryLock::from(Box::new(())))
                    }
                    Err(_) => Err(LockError::IoError(err)),
                }
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `len` bytes, each its offset mod 251, read through a copied handle.
    fn copied(len: usize) -> (tempfile::TempDir, CopiedFile, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("f"), &bytes).unwrap();
        let file = CopiedFile::open(&dir.path().join("f"), true).unwrap();
        (dir, file, bytes)
    }

    #[test]
    fn copied_reads_match_the_file_inside_and_across_windows() {
        let len = 2 * WINDOW + 1000;
        let (_dir, file, bytes) = copied(len);
        assert_eq!(file.len(), len);
        let ranges = [
            0..10,
            10..SMALL_READ,
            // Served from the window the previous read brought in.
            100..200,
            // Straddles the end of that window, so it reads a new one.
            WINDOW - 5..WINDOW + 5,
            // A large read, past any window.
            1..SMALL_READ + 2,
            len - 3..len,
            len..len,
            0..len,
        ];
        for range in ranges {
            let read = file.read_bytes(range.clone()).unwrap();
            assert_eq!(read.as_slice(), &bytes[range.clone()], "{range:?}");
        }
    }

    #[test]
    fn copied_reads_past_the_end_fail_and_missing_files_are_named() {
        let (dir, file, _) = copied(100);
        assert!(file.read_bytes(90..101).is_err());
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 50..40;
        assert!(file.read_bytes(backwards).is_err());
        let directory = ReadableDirectory::open(dir.path(), Reads::Copied).unwrap();
        assert!(matches!(
            directory.get_file_handle(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(path)) if path == Path::new("missing")
        ));
        let handle = directory.get_file_handle(Path::new("f")).unwrap();
        assert_eq!(handle.read_bytes(98..100).unwrap().as_slice(), &[98, 99]);
    }
}
