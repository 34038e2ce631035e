//! Where an index's bytes go, field by field: what `newsdex stats` reports, and what the
//! benchmark uses to compare the text part of the index with a bare tantivy index.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use tantivy::schema::document::{ReferenceValue, Value};
use tantivy::space_usage::PerFieldSpaceUsage;
use tantivy::{DocAddress, TantivyDocument};

use super::NewsIndex;

/// How many stored documents per segment are read to share out the compressed document store.
const STORE_SAMPLE: u32 = 250;

/// Bytes per field, with the document store shared out among the stored fields in proportion
/// to how well each compresses in a sample of stored documents (the store is compressed in
/// blocks of whole documents, so a field's share is an estimate). `other` is the rest of the directory: tantivy's and newsdex's metadata,
/// deletes, the store's own index.
pub fn size_by_field(index: &NewsIndex) -> anyhow::Result<BTreeMap<String, u64>> {
    let searcher = index.searcher()?;
    let usage = searcher.space_usage().context("measuring the index")?;
    let mut sizes: BTreeMap<String, u64> = BTreeMap::new();
    let mut store = 0u64;
    let mut add = |per_field: &PerFieldSpaceUsage| {
        for field in per_field.fields() {
            *sizes.entry(field.field_name().to_string()).or_default() += field.total().get_bytes();
        }
    };
    for segment in usage.segments() {
        add(segment.termdict());
        add(segment.postings());
        add(segment.positions());
        add(segment.fast_fields());
        add(segment.fieldnorms());
        store += segment.store().data_usage().get_bytes();
    }

    let schema = index.index.schema();
    let mut stored: HashMap<String, Vec<u8>> = HashMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let step = (segment.max_doc() / STORE_SAMPLE.max(1)).max(1);
        for doc in (0..segment.max_doc())
            .step_by(step as usize)
            .take(STORE_SAMPLE as usize)
        {
            let document: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
            for (field, value) in document.field_values() {
                let sample = stored
                    .entry(schema.get_field_name(field).to_string())
                    .or_default();
                match value.as_value() {
                    ReferenceValue::Leaf(leaf) if leaf.as_str().is_some() => {
                        sample.extend_from_slice(leaf.as_str().unwrap_or_default().as_bytes())
                    }
                    _ => sample.extend_from_slice(&[0; 8]),
                }
            }
        }
    }
    let compressed: Vec<(String, u64)> = stored
        .into_iter()
        .map(|(field, sample)| {
            let bytes = zstd::bulk::compress(&sample, 1).map_or(sample.len(), |c| c.len());
            (field, bytes as u64)
        })
        .collect();
    let sampled: u64 = compressed.iter().map(|(_, bytes)| bytes).sum();
    if sampled > 0 {
        for (field, bytes) in compressed {
            *sizes.entry(field).or_default() +=
                (store as f64 * bytes as f64 / sampled as f64) as u64;
        }
    }
    let counted: u64 = sizes.values().sum();
    sizes.insert("other".into(), index.size_bytes().saturating_sub(counted));
    Ok(sizes)
}
