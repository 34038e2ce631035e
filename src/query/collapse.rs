//! Near-duplicate clusters at query time: the `cluster` and `similar` of a hit, the other
//! articles of a cluster, and `--collapse`, which keeps the best-ranked match of each cluster.
//!
//! Only an article that joined another's cluster stores a `cluster` (the id of that
//! cluster's first article, see `dedup`); the first article of a cluster stores nothing and
//! is found by its id. Collapsing therefore groups the matches by their `cluster` column, and
//! then puts each group's first article, if it matched, into its group.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DateTime, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};

use super::Sort;
use crate::index::{each_live_doc, Fields, PUBLISHED};

/// The most ids `show` lists for a cluster.
const MAX_MEMBERS: usize = 1000;

/// The stored cluster of a document: `None` when it is the first of its cluster.
pub(crate) fn stored_cluster(fields: &Fields, doc: &TantivyDocument) -> Option<String> {
    doc.get_first(fields.cluster)
        .and_then(|v| v.as_str())
        .map(String::from)
}

/// Whether the article `id` is in the index as the first article of its cluster.
fn is_first(searcher: &Searcher, fields: &Fields, id: &str) -> anyhow::Result<bool> {
    let query = TermQuery::new(
        Term::from_field_text(fields.id, id),
        IndexRecordOption::Basic,
    );
    let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match found.first() {
        Some((_, address)) => {
            let doc: TantivyDocument = searcher.doc(*address)?;
            Ok(stored_cluster(fields, &doc).is_none())
        }
        None => Ok(false),
    }
}

fn joined(cluster: &str, fields: &Fields) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(fields.cluster, cluster),
        IndexRecordOption::Basic,
    )
}

/// How many other articles are in the cluster of the article `id`, whose stored cluster is
/// `cluster`.
pub(crate) fn similar(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
    cluster: Option<&str>,
) -> anyhow::Result<u64> {
    Ok(match cluster {
        None => searcher.search(&joined(id, fields), &Count)? as u64,
        Some(first) => {
            let others =
                (searcher.search(&joined(first, fields), &Count)? as u64).saturating_sub(1);
            others + u64::from(is_first(searcher, fields, first)?)
        }
    })
}

/// The ids of the other articles in the cluster of the article `id`, first article first.
pub(crate) fn members(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
    cluster: Option<&str>,
) -> anyhow::Result<Vec<String>> {
    let first = cluster.unwrap_or(id);
    let mut ids = Vec::new();
    if first != id && is_first(searcher, fields, first)? {
        ids.push(first.to_string());
    }
    let found = searcher.search(
        &joined(first, fields),
        &TopDocs::with_limit(MAX_MEMBERS).order_by_score(),
    )?;
    let mut rest = Vec::new();
    for (_, address) in found {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(member) = doc.get_first(fields.id).and_then(|v| v.as_str()) {
            if member != id {
                rest.push(member.to_string());
            }
        }
    }
    rest.sort();
    ids.extend(rest);
    Ok(ids)
}

/// What a match is ranked by: the publication time for the date orders (0 for relevance),
/// then the score; higher first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rank {
    primary: i64,
    pub score: Score,
}

impl Rank {
    fn cmp(&self, other: &Rank) -> Ordering {
        self.primary
            .cmp(&other.primary)
            .then_with(|| self.score.total_cmp(&other.score))
    }
}

/// One cluster among the matches.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// Its best-ranked match.
    pub best: DocAddress,
    pub rank: Rank,
    /// Its matching articles.
    pub articles: u64,
    /// The cluster's id when it has more than one article in the index; `None` for an
    /// article alone.
    pub cluster: Option<String>,
}

impl Group {
    fn absorb(&mut self, rank: Rank, address: DocAddress, articles: u64) {
        if rank.cmp(&self.rank).then(self.best.cmp(&address)) == Ordering::Greater {
            self.rank = rank;
            self.best = address;
        }
        self.articles += articles;
    }
}

/// The matches of a query grouped by cluster, best-ranked group first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Collapsed {
    pub groups: Vec<Group>,
    /// Matching articles.
    pub articles: usize,
}

impl Collapsed {
    /// The best-ranked match of each group, by segment, for counting facets and timelines
    /// over one article per cluster.
    pub fn representatives(&self, segments: usize) -> Representatives {
        let mut docs = vec![HashSet::new(); segments];
        for group in &self.groups {
            if let Some(set) = docs.get_mut(group.best.segment_ord as usize) {
                set.insert(group.best.doc_id);
            }
        }
        Representatives(Arc::new(docs))
    }
}

/// Groups a query's matches by cluster.
pub(crate) fn collapse(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    sort: Sort,
) -> anyhow::Result<Collapsed> {
    let (named, singles) = searcher.search(query, &ByCluster { sort })?;
    let articles = singles.len() + named.values().map(|g| g.articles as usize).sum::<usize>();
    let mut alone: HashMap<DocAddress, Rank> = singles.into_iter().collect();
    let mut groups = Vec::with_capacity(named.len() + alone.len());
    for (cluster, mut group) in named {
        // The cluster's first article stores no cluster: found by its id.
        for address in live_docs_with_id(searcher, fields, &cluster)? {
            if let Some(rank) = alone.remove(&address) {
                group.absorb(rank, address, 1);
            }
        }
        group.cluster = Some(cluster);
        groups.push(group);
    }
    groups.extend(alone.into_iter().map(|(best, rank)| Group {
        best,
        rank,
        articles: 1,
        cluster: None,
    }));
    groups.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.best.cmp(&b.best)));
    Ok(Collapsed { groups, articles })
}

fn live_docs_with_id(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
) -> anyhow::Result<Vec<DocAddress>> {
    let term = Term::from_field_text(fields.id, id);
    let mut found = Vec::new();
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let mut add = |address| {
            found.push(address);
            true
        };
        each_live_doc(segment, ordinal as SegmentOrdinal, &term, &mut add)?;
    }
    Ok(found)
}

/// Collects every match with its rank: grouped by stored cluster where it has one, else
/// alone.
struct ByCluster {
    sort: Sort,
}

type ByClusterFruit = (HashMap<String, Group>, Vec<(DocAddress, Rank)>);

struct SegmentByCluster {
    segment: SegmentOrdinal,
    sort: Sort,
    cluster: Option<StrColumn>,
    published: Option<Column<DateTime>>,
    named: HashMap<u64, Group>,
    singles: Vec<(DocAddress, Rank)>,
}

impl Collector for ByCluster {
    type Fruit = ByClusterFruit;
    type Child = SegmentByCluster;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentByCluster> {
        let published = match self.sort {
            Sort::Relevance => None,
            Sort::Newest | Sort::Oldest => Some(reader.fast_fields().date(PUBLISHED)?),
        };
        Ok(SegmentByCluster {
            segment,
            sort: self.sort,
            cluster: reader.fast_fields().str("cluster")?,
            published,
            named: HashMap::new(),
            singles: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<ByClusterFruit>) -> tantivy::Result<ByClusterFruit> {
        let mut named: HashMap<String, Group> = HashMap::new();
        let mut singles = Vec::new();
        for (segment_named, segment_singles) in fruits {
            for (cluster, group) in segment_named {
                match named.get_mut(&cluster) {
                    Some(into) => into.absorb(group.rank, group.best, group.articles),
                    None => {
                        named.insert(cluster, group);
                    }
                }
            }
            singles.extend(segment_singles);
        }
        Ok((named, singles))
    }
}

impl SegmentCollector for SegmentByCluster {
    type Fruit = ByClusterFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let when = || {
            self.published
                .as_ref()
                .and_then(|column| column.first(doc))
                .map(|when| when.into_timestamp_secs())
        };
        let primary = match self.sort {
            Sort::Relevance => 0,
            Sort::Newest => when().unwrap_or(i64::MIN),
            Sort::Oldest => when().map_or(i64::MIN, |secs| -secs),
        };
        let rank = Rank { primary, score };
        let address = DocAddress::new(self.segment, doc);
        match self.cluster.as_ref().and_then(|c| c.ords().first(doc)) {
            Some(ord) => match self.named.get_mut(&ord) {
                Some(group) => group.absorb(rank, address, 1),
                None => {
                    self.named.insert(
                        ord,
                        Group {
                            best: address,
                            rank,
                            articles: 1,
                            cluster: None,
                        },
                    );
                }
            },
            None => self.singles.push((address, rank)),
        }
    }

    fn harvest(self) -> ByClusterFruit {
        let mut named = HashMap::with_capacity(self.named.len());
        if let Some(column) = &self.cluster {
            for (ord, group) in self.named {
                let mut cluster = String::new();
                if column.ord_to_str(ord, &mut cluster).unwrap_or(false) {
                    named.insert(cluster, group);
                }
            }
        }
        (named, self.singles)
    }
}

/// Per segment, the documents that stand for their cluster.
#[derive(Debug, Clone)]
pub(crate) struct Representatives(Arc<Vec<HashSet<DocId>>>);

/// A collector that sees only the representatives among the matches.
pub(crate) struct Only<C> {
    pub inner: C,
    pub docs: Representatives,
}

/// [`Only`]'s segment collector.
pub(crate) struct SegmentOnly<S> {
    inner: S,
    keep: Arc<Vec<HashSet<DocId>>>,
    segment: usize,
    buffer: Vec<DocId>,
}

impl<C: Collector> Collector for Only<C> {
    type Fruit = C::Fruit;
    type Child = SegmentOnly<C::Child>;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentOnly {
            inner: self.inner.for_segment(segment, reader)?,
            keep: Arc::clone(&self.docs.0),
            segment: segment as usize,
            buffer: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for SegmentOnly<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self
            .keep
            .get(self.segment)
            .is_some_and(|set| set.contains(&doc))
        {
            self.inner.collect(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(keep) = self.keep.get(self.segment) else {
            return;
        };
        self.buffer.clear();
        self.buffer
            .extend(docs.iter().copied().filter(|doc| keep.contains(doc)));
        self.inner.collect_block(&self.buffer);
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}
