//! Facet counts over every article a query matches: top entities per type, top speakers, and
//! articles per publication month.
//!
//! Counting is done on the term ordinals of the fast columns, in a dense array per segment,
//! and only the leading ordinals of each segment are turned back into strings. tantivy's terms
//! aggregation, which this replaced, spent most of its time in per-value bookkeeping: on a
//! million articles it took about half a second where this takes a fraction of it.

use std::cmp::Reverse;
use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::collapse::{Only, Representatives};
use crate::extract::EntityKind;
use crate::index::facet_columns;

/// How many values each entity and speaker facet lists.
const TOP: usize = 10;

/// How many of a segment's most frequent values go on to be merged across segments. A value
/// outside every segment's leaders is not listed; its count would have to be spread very evenly
/// across segments for it to belong in the top ten. Every month is kept: there are fewer
/// than this many in the years an index can hold.
const SEGMENT_LEADERS: usize = 10_000;

/// Counts of matching articles by value, most first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Per entity kind, in `EntityKind::ALL` order.
    pub entities: Vec<(EntityKind, Vec<(String, u64)>)>,
    pub speakers: Vec<(String, u64)>,
    /// `YYYY-MM`, in calendar order.
    pub published_month: Vec<(String, u64)>,
}

/// Counts the facets over the query's matches, or with `only` over those of its
/// representatives (one article per near-duplicate cluster).
pub(crate) fn count(
    searcher: &Searcher,
    query: &dyn Query,
    only: Option<Representatives>,
) -> anyhow::Result<Facets> {
    let counts = TermCounts {
        columns: facet_columns(),
    };
    let mut counted = match only {
        Some(docs) => searcher.search(
            query,
            &Only {
                inner: counts,
                docs,
            },
        )?,
        None => searcher.search(query, &counts)?,
    };
    let months = counted.pop().unwrap_or_default();
    let speakers = counted.pop().unwrap_or_default();
    let mut by_month: Vec<(String, u64)> = months.into_iter().collect();
    by_month.sort();
    Ok(Facets {
        entities: EntityKind::ALL
            .iter()
            .zip(counted)
            .map(|(&kind, counts)| (kind, leaders(counts, TOP)))
            .collect(),
        speakers: leaders(speakers, TOP),
        published_month: by_month,
    })
}

/// The `n` values counted most, most first, ties in name order.
fn leaders(counts: HashMap<String, u64>, n: usize) -> Vec<(String, u64)> {
    let mut ranked: Vec<(String, u64)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(n);
    ranked
}

/// Counts, per named string fast column, how many matching documents hold each value.
struct TermCounts {
    columns: Vec<String>,
}

impl Collector for TermCounts {
    /// Per column, in order: value → documents.
    type Fruit = Vec<HashMap<String, u64>>;
    type Child = SegmentTermCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTermCounts> {
        let columns = self
            .columns
            .iter()
            .map(|name| {
                Ok(reader.fast_fields().str(name)?.map(|column| {
                    let counts = vec![0u32; column.num_terms()];
                    ColumnCounts {
                        ords: column.ords().clone(),
                        column,
                        counts,
                    }
                }))
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(SegmentTermCounts {
            columns,
            docs: Vec::new(),
            rows: Vec::new(),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<Vec<HashMap<String, u64>>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut merged = vec![HashMap::new(); self.columns.len()];
        for segment in segments {
            for (into, counts) in merged.iter_mut().zip(segment) {
                for (value, count) in counts {
                    *into.entry(value).or_insert(0) += count;
                }
            }
        }
        Ok(merged)
    }
}

struct ColumnCounts {
    column: StrColumn,
    /// The column's term ordinals per document (cloned out of `column`, which keeps the
    /// dictionary).
    ords: Column<u64>,
    /// Documents per term ordinal.
    counts: Vec<u32>,
}

struct SegmentTermCounts {
    /// `None` where the segment has no value in the column.
    columns: Vec<Option<ColumnCounts>>,
    // Buffers reused across blocks.
    docs: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
}

impl SegmentCollector for SegmentTermCounts {
    type Fruit = Vec<HashMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for column in self.columns.iter_mut().flatten() {
            for ord in column.ords.values_for_doc(doc) {
                column.counts[ord as usize] += 1;
            }
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for column in self.columns.iter_mut().flatten() {
            self.docs.clear();
            self.rows.clear();
            column
                .ords
                .row_ids_for_docs(docs, &mut self.docs, &mut self.rows);
            self.ords.resize(self.rows.len(), 0);
            column.ords.values.get_vals(&self.rows, &mut self.ords);
            for &ord in &self.ords {
                column.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|column| column.map(ColumnCounts::named).unwrap_or_default())
            .collect()
    }
}

impl ColumnCounts {
    /// The segment's leading values by name. A dictionary that cannot be read (a damaged
    /// index) yields what was read before the damage.
    fn named(self) -> HashMap<String, u64> {
        let mut ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        if ords.len() > SEGMENT_LEADERS {
            ords.select_nth_unstable_by_key(SEGMENT_LEADERS, |&ord| {
                Reverse(self.counts[ord as usize])
            });
            ords.truncate(SEGMENT_LEADERS);
            ords.sort_unstable();
        }
        let mut named = HashMap::with_capacity(ords.len());
        let mut next = ords.iter();
        let _ = self
            .column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(&ord) = next.next() {
                    named.insert(
                        String::from_utf8_lossy(bytes).into_owned(),
                        u64::from(self.counts[ord as usize]),
                    );
                }
            });
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{build_schema, register_tokenizers, Fields};
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    #[test]
    fn counts_match_documents_across_segments_and_deletes() {
        let index = Index::create_in_ram(build_schema());
        register_tokenizers(&index);
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // (person names, month, has "harbour"), one segment per commit.
        let articles: [&[(&[&str], &str, bool)]; 3] = [
            &[
                (&["Ada Obi", "Lars Brekke"], "2024-03", true),
                (&["Ada Obi"], "2024-04", false),
            ],
            &[(&["Lars Brekke"], "2024-03", true), (&[], "2024-05", true)],
            &[
                (&["Ada Obi", "Mei Silva"], "2024-03", true),
                (&["Mei Silva"], "2024-06", false),
            ],
        ];
        for batch in articles {
            for (people, month, harbour) in batch {
                let mut doc = TantivyDocument::new();
                doc.add_text(fields.body, if *harbour { "harbour" } else { "dock" });
                doc.add_text(fields.id, format!("{people:?}{month}{harbour}"));
                for person in *people {
                    doc.add_text(fields.facet_column(EntityKind::Person), person);
                }
                doc.add_text(fields.published_month, month);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        writer.delete_term(Term::from_field_text(
            fields.id,
            "[\"Ada Obi\", \"Mei Silva\"]2024-03true",
        ));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);

        let harbour = TermQuery::new(
            Term::from_field_text(fields.body, "harbour"),
            IndexRecordOption::Basic,
        );
        let facets = count(&searcher, &harbour, None).unwrap();
        let people = &facets.entities[0];
        assert_eq!(people.0, EntityKind::Person);
        assert_eq!(
            people.1,
            [("Lars Brekke".to_string(), 2), ("Ada Obi".to_string(), 1)]
        );
        assert_eq!(
            facets.published_month,
            [("2024-03".to_string(), 2), ("2024-05".to_string(), 1)]
        );

        let all = count(&searcher, &AllQuery, None).unwrap();
        assert_eq!(
            all.entities[0].1,
            [
                ("Ada Obi".to_string(), 2),
                ("Lars Brekke".to_string(), 2),
                ("Mei Silva".to_string(), 1)
            ]
        );
        assert!(all.speakers.is_empty());
    }
}
