//! Assigning each article written to the index to a near-duplicate cluster.
//!
//! An article's candidates are the articles sharing one of its band keys: those already in
//! the index, found by term lookups on the `bands` field of the last commit, and those written
//! since that commit, kept here in memory until the next. A candidate whose shingles are at
//! least [`THRESHOLD`] similar is a near-duplicate, and the article joins its cluster. The
//! cost per article is bounded whatever the index and the dump hold: a handful of term
//! lookups and postings read, at most [`MAX_CANDIDATES`] comparisons from each side, and the
//! bodies of index candidates not met before. A dump of templated stories (results tables,
//! market reports) shares band keys between thousands of articles that are not duplicates;
//! without the bounds each article would be compared with all of them, and indexing would
//! slow down with the square of the dump.
//!
//! Which cluster wins when an article nearly duplicates several: an article already in the
//! index comes before one of this run, and within the run the one written first; among
//! articles already in the index, the most similar.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::signature::{jaccard, shingles, Signature, THRESHOLD};
use crate::index::{each_live_doc, Fields};

/// Candidates compared per article at most, from the index and from this run each: those that
/// share the most band keys with it. A near-duplicate shares several keys (2.5 of 20 on
/// average at the threshold, all 20 for a copy), an article that only shares boilerplate one.
const MAX_CANDIDATES: usize = 16;

/// Of those, candidates that share a single band key compared at most. Most pairs at the
/// threshold share two keys or more (three in four at 0.5, nineteen in twenty at 0.6), and
/// a dump of templated stories has thousands sharing one key each.
const MAX_WEAK_CANDIDATES: usize = 2;

/// Index documents looked at per band key and segment, the oldest first: a key that many
/// articles share is boilerplate, and reading all of them would make one article cost what a
/// thousand do.
const POSTINGS_PER_BAND: usize = 64;

/// Articles of this run compared per band key, from each end of its list: the first ones
/// written (a cluster is named after its first article) and the latest (an update follows its
/// story closely). A key shared by more is boilerplate.
const PER_BAND_END: usize = 8;

/// Index candidates whose shingles are kept between articles (cleared when full and at each
/// commit): the articles a run of related stories keeps meeting are read and shingled once.
const KNOWN_CAPACITY: usize = 8192;

/// What a candidate from the index is compared by.
struct Known {
    id: String,
    /// The id of its cluster's first article.
    cluster: String,
    shingles: Vec<u32>,
}

/// An article written since the last commit.
struct Pending {
    id: String,
    /// The id of its cluster's first article (its own when it is the first).
    cluster: String,
    shingles: Vec<u32>,
    /// False once the same id was written again.
    live: bool,
}

/// The cluster of each article as it is written.
pub struct Clusters {
    fields: Fields,
    /// The index as of the last commit.
    searcher: Searcher,
    pending: Vec<Pending>,
    /// Per band key, the places in `pending` holding it, in the order written.
    by_band: HashMap<[u8; 4], Vec<usize>>,
    /// Index candidates already read since the last commit.
    known: HashMap<DocAddress, Arc<Known>>,
    /// Ids written since the last commit, to their place in `pending`: the searcher's copies
    /// of them are being replaced.
    written: HashMap<String, usize>,
}

impl Clusters {
    /// Starts from the index as `searcher` sees it.
    pub fn new(fields: Fields, searcher: Searcher) -> Clusters {
        Clusters {
            fields,
            searcher,
            pending: Vec::new(),
            by_band: HashMap::new(),
            known: HashMap::new(),
            written: HashMap::new(),
        }
    }

    /// After a commit: everything written so far is in the index.
    pub fn refresh(&mut self, searcher: Searcher) {
        self.searcher = searcher;
        self.pending.clear();
        self.by_band.clear();
        self.known.clear();
        self.written.clear();
    }

    /// The cluster the article `id` joins: the id of the cluster's first article, or `None`
    /// when it nearly duplicates no other article and starts its own.
    pub fn assign(&mut self, id: &str, signature: Signature) -> anyhow::Result<Option<String>> {
        let cluster = match self.in_index(id, &signature)? {
            Some(cluster) => Some(cluster),
            None => self.in_run(id, &signature),
        };
        let cluster = cluster.filter(|cluster| cluster != id);
        self.remember(id, cluster.as_deref(), signature);
        Ok(cluster)
    }

    /// The cluster of the most similar near-duplicate in the last commit.
    fn in_index(&mut self, id: &str, signature: &Signature) -> anyhow::Result<Option<String>> {
        let mut best: Option<(f64, Arc<Known>)> = None;
        for address in self.candidates(&signature.bands)? {
            let candidate = self.known(address)?;
            if candidate.id.is_empty()
                || candidate.id == id
                || self.written.contains_key(&candidate.id)
            {
                continue;
            }
            let similarity = jaccard(&signature.shingles, &candidate.shingles);
            if similarity >= THRESHOLD && best.as_ref().is_none_or(|(b, _)| similarity > *b) {
                best = Some((similarity, candidate));
            }
        }
        Ok(best.map(|(_, known)| known.cluster.clone()))
    }

    /// The id, cluster and shingles of an index document, read once per commit.
    fn known(&mut self, address: DocAddress) -> anyhow::Result<Arc<Known>> {
        if let Some(known) = self.known.get(&address) {
            return Ok(Arc::clone(known));
        }
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str());
        let id = text(self.fields.id).unwrap_or_default().to_string();
        let known = Arc::new(Known {
            cluster: text(self.fields.cluster).unwrap_or(&id).to_string(),
            shingles: shingles(text(self.fields.body).unwrap_or_default()),
            id,
        });
        if self.known.len() >= KNOWN_CAPACITY {
            self.known.clear();
        }
        self.known.insert(address, Arc::clone(&known));
        Ok(known)
    }

    /// The live documents of the last commit that share the most band keys with `bands` (at
    /// most [`MAX_CANDIDATES`], most shared first, ties in index order), counted over the
    /// first [`POSTINGS_PER_BAND`] documents of each key in each segment.
    fn candidates(&self, bands: &[[u8; 4]]) -> anyhow::Result<Vec<DocAddress>> {
        if self.searcher.num_docs() == 0 {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        for band in bands {
            let term = Term::from_field_bytes(self.fields.bands, band);
            for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
                let mut taken = 0;
                let mut add = |address| {
                    found.push(address);
                    taken += 1;
                    taken < POSTINGS_PER_BAND
                };
                each_live_doc(segment, ordinal as u32, &term, &mut add)?;
            }
        }
        Ok(most_shared(found))
    }

    /// The cluster of the first near-duplicate written since the last commit, among the
    /// [`MAX_CANDIDATES`] articles that share the most band keys with this one.
    fn in_run(&self, id: &str, signature: &Signature) -> Option<String> {
        let places: Vec<usize> = signature
            .bands
            .iter()
            .filter_map(|band| self.by_band.get(band))
            .flat_map(|list| {
                let later = list.len().saturating_sub(PER_BAND_END).max(PER_BAND_END);
                list.iter()
                    .take(PER_BAND_END)
                    .chain(list.iter().skip(later))
            })
            .copied()
            .collect();
        let mut shared = most_shared(places);
        // The first written of them wins.
        shared.sort_unstable();
        shared
            .into_iter()
            .map(|place| &self.pending[place])
            .filter(|p| p.live && p.id != id)
            .find(|p| jaccard(&signature.shingles, &p.shingles) >= THRESHOLD)
            .map(|p| p.cluster.clone())
    }

    fn remember(&mut self, id: &str, cluster: Option<&str>, signature: Signature) {
        let place = self.pending.len();
        if let Some(old) = self.written.insert(id.to_string(), place) {
            self.pending[old].live = false;
        }
        for band in &signature.bands {
            self.by_band.entry(*band).or_default().push(place);
        }
        self.pending.push(Pending {
            id: id.to_string(),
            cluster: cluster.unwrap_or(id).to_string(),
            shingles: signature.shingles,
            live: true,
        });
    }
}

/// The [`MAX_CANDIDATES`] items found most often in `found` (one per band key they share),
/// most first, ties in item order; of those found once, only the first
/// [`MAX_WEAK_CANDIDATES`].
fn most_shared<T: Ord + Copy>(mut found: Vec<T>) -> Vec<T> {
    found.sort_unstable();
    let mut counted: Vec<(T, usize)> = Vec::with_capacity(found.len());
    for item in found {
        match counted.last_mut() {
            Some((last, count)) if *last == item => *count += 1,
            _ => counted.push((item, 1)),
        }
    }
    counted.sort_by_key(|&(item, count)| (Reverse(count), item));
    let strong = counted.iter().take_while(|(_, count)| *count > 1).count();
    counted.truncate(MAX_CANDIDATES.min(strong + MAX_WEAK_CANDIDATES));
    counted.into_iter().map(|(item, _)| item).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::Checkpoint;
    use crate::extract::Extracted;
    use crate::index::{to_document, IndexSink, NewsIndex};
    use crate::ingest::Article;

    const STORY: &str = "The council voted on Tuesday to close the old harbour bridge to \
        cars from next spring, after engineers found cracks in two of its supports. The mayor \
        said the decision was painful but necessary, and that a ferry would run every twenty \
        minutes while the bridge is repaired. Shop owners on the east bank fear they will lose \
        customers during the works, which are expected to last eighteen months.";

    const OTHER: &str = "The city orchestra will tour six countries next year, playing the \
        symphonies of a composer whose centenary falls in the autumn. Tickets for the opening \
        concert go on sale on Friday, and the conductor said the players were ready.";

    fn empty() -> (tempfile::TempDir, NewsIndex) {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(&dir.path().join("index")).unwrap();
        (dir, index)
    }

    fn assign(clusters: &mut Clusters, id: &str, body: &str) -> Option<String> {
        clusters.assign(id, Signature::of(body)).unwrap()
    }

    #[test]
    fn a_copy_written_in_the_same_run_joins_the_first_articles_cluster() {
        let (_dir, index) = empty();
        let mut clusters = Clusters::new(index.fields, index.searcher().unwrap());
        assert_eq!(assign(&mut clusters, "a", STORY), None);
        assert_eq!(assign(&mut clusters, "b", OTHER), None);
        let copy = format!("By Jane Doe\n\n{STORY}");
        assert_eq!(assign(&mut clusters, "c", &copy), Some("a".into()));
        // A copy of the copy joins the first article's cluster, not the copy's.
        assert_eq!(assign(&mut clusters, "d", &copy), Some("a".into()));
    }

    #[test]
    fn an_article_written_again_is_not_its_own_near_duplicate() {
        let (_dir, index) = empty();
        let mut clusters = Clusters::new(index.fields, index.searcher().unwrap());
        assert_eq!(assign(&mut clusters, "a", STORY), None);
        assert_eq!(assign(&mut clusters, "a", STORY), None);
        // The first version is gone: a copy finds the second, which is still "a".
        assert_eq!(assign(&mut clusters, "b", STORY), Some("a".into()));
    }

    #[test]
    fn a_short_body_joins_no_cluster() {
        let (_dir, index) = empty();
        let mut clusters = Clusters::new(index.fields, index.searcher().unwrap());
        assert_eq!(assign(&mut clusters, "a", "Photo: Reuters"), None);
        assert_eq!(assign(&mut clusters, "b", "Photo: Reuters"), None);
    }

    #[test]
    fn a_later_run_finds_the_cluster_in_the_index() {
        let (_dir, index) = empty();
        let article = |id: &str, body: &str| Article {
            id: id.into(),
            title: "t".into(),
            body: body.into(),
            ..Article::default()
        };
        let write = |articles: &[Article]| {
            let mut sink = IndexSink::new(&index, 1, 64, false, std::time::Duration::MAX).unwrap();
            for a in articles {
                let doc = to_document(&index.fields, a, &Extracted::default());
                sink.add(&a.id, doc, Signature::of(&a.body)).unwrap();
            }
            sink.finish(&Checkpoint::default()).unwrap();
        };
        write(&[
            article("a", STORY),
            article("b", &format!("{STORY} Updated.")),
        ]);
        let mut clusters = Clusters::new(index.fields, index.searcher().unwrap());
        let edited = STORY.replace("painful", "hard");
        // Both "a" and "b" are candidates; "b" stores "a" as its cluster.
        assert_eq!(assign(&mut clusters, "c", &edited), Some("a".into()));
        assert_eq!(assign(&mut clusters, "d", OTHER), None);
        // Written again in this run, "b" is no longer a candidate as the index has it.
        assert_eq!(assign(&mut clusters, "b", OTHER), Some("d".into()));
    }

    /// A results table: the same paragraph in every article, then numbers of its own, so
    /// that the articles share band keys without being near-duplicates.
    fn templated(n: usize) -> String {
        format!(
            "{OTHER} Result {n}: team {} scored {} points against side {} in round {} of \
             league {} before {} fans on day {} under referee {} with {} minutes played.",
            n * 2,
            n * 3,
            n * 7,
            n * 11,
            n * 13,
            n * 17,
            n * 19,
            n * 23,
            n * 29
        )
    }

    #[test]
    fn templated_stories_stay_apart_and_their_copies_still_find_them() {
        let (_dir, index) = empty();
        let mut clusters = Clusters::new(index.fields, index.searcher().unwrap());
        let stories = 300;
        for n in 0..stories {
            let id = format!("t{n}");
            assert_eq!(assign(&mut clusters, &id, &templated(n)), None, "{id}");
        }
        let shared = clusters.by_band.values().map(Vec::len).max().unwrap();
        assert!(shared > 2 * PER_BAND_END, "some key is shared by {shared}");
        for n in [0, 150, stories - 1] {
            let copy = format!("By Jane Doe\n\n{}", templated(n));
            let found = assign(&mut clusters, &format!("copy{n}"), &copy);
            assert_eq!(found, Some(format!("t{n}")));
        }
    }

    #[test]
    fn copies_of_templated_stories_are_found_in_the_index() {
        let (_dir, index) = empty();
        let stories: Vec<Article> = (0..200)
            .map(|n| Article {
                id: format!("t{n}"),
                title: "t".into(),
                body: templated(n),
                ..Article::default()
            })
            .collect();
        let mut sink = IndexSink::new(&index, 1, 64, false, std::time::Duration::MAX).unwrap();
        for a in &stories {
            let doc = to_document(&index.fields, a, &Extracted::default());
            sink.add(&a.id, doc, Signature::of(&a.body)).unwrap();
        }
        sink.finish(&Checkpoint::default()).unwrap();
        let mut clusters = Clusters::new(index.fields, index.searcher().unwrap());
        for n in [0, 100, 199] {
            let copy = format!("{} Updated.", templated(n));
            let found = assign(&mut clusters, &format!("copy{n}"), &copy);
            assert_eq!(found, Some(format!("t{n}")));
        }
    }
}
