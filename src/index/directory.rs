//! A memory-mapped index directory that can also be read by someone who cannot write it.
//!
//! tantivy's reader takes the directory's meta lock by opening the lock file for writing, so
//! an index on a read-only mount, or one shared by another user, could not even be queried.
//! Here a lock that cannot be opened for writing is taken on a read-only handle instead: it
//! still keeps the owner's garbage collection from deleting files a reader is loading.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

#[derive(Debug, Clone)]
pub(crate) struct ReadableDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl ReadableDirectory {
    pub(crate) fn open(root: &Path) -> Result<ReadableDirectory, tantivy::TantivyError> {
        Ok(ReadableDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
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
        self.inner.get_file_handle(path)
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
