//! Near-duplicates: syndicated copies of one story (a changed headline, an added byline or
//! "Updated" line, a paragraph cut or added, some words changed) found while indexing.
//!
//! [`signature`] turns a body into word shingles and LSH band keys, a pure function of the
//! text; [`clusters`] decides, as each article is written, which cluster it joins. The index
//! stores the band keys (`bands`, indexed only) and, for an article that joined another's
//! cluster, that cluster's id (`cluster`, the id of its first article); the query side reads
//! them back to collapse results (`query::collapse`).

mod clusters;
mod signature;

pub use clusters::Clusters;
pub use signature::{jaccard, shingles, Signature, BANDS, MIN_WORDS, SHINGLE_WORDS, THRESHOLD};
