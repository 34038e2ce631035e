//! The files training and scoring read: CoNLL-2003 files, model files, unlabeled text for the
//! word clusters, and the data tables (gzipped or not) of `data/`.
//!
//! Decides: how each file is read and what a missing or malformed one says. Leaves to others:
//! what is learned or scored from them (`train`, `eval`).

use std::path::Path;

use anyhow::{ensure, Context, Result};

use super::{read_conll, Document, Model};

/// Reads a CoNLL-2003 file.
pub fn read_conll_file(path: &Path) -> Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let documents = read_conll(&text);
    ensure!(
        !documents.is_empty(),
        "no CoNLL documents in {}",
        path.display()
    );
    Ok(documents)
}

/// Reads an entity model file.
pub fn load_model_file(file: &Path) -> Result<Model> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    Model::load(&bytes).with_context(|| format!("loading {}", file.display()))
}

/// Every `.txt` file under `dir`, in path order so that training is reproducible.
pub fn texts_under(dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for path in crate::ingest::files_with_extension(dir, "txt")? {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        out.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(())
}

/// A data table, gunzipped when its name ends in `.gz`.
pub fn read_data(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .with_context(|| format!("decompressing {}", path.display()))?;
        Ok(text)
    } else {
        String::from_utf8(bytes).with_context(|| format!("reading {}", path.display()))
    }
}
