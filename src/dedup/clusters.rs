//! Assigning each article written to the index to a near-duplicate cluster.
//!
//! An article's candidates are the articles sharing one of its band keys: those already in
//! the index, found by term lookups on the `bands` field of the last commit, and those written
//! since that commit, kept here in memory until the next. A candidate whose shingles are at
//! least [`THRESHOLD`] similar is a near-duplicate, and the article joins its cluster. The
//! cost per article is a handful of term lookups and the few candidates' bodies, whatever
//! the size of the index.
//!
//! Which cluster wins when an article nearly duplicates several: an article already in the
//! index comes before one of this run, and within the run the one written first; among
//! articles already in the index, the most similar.

use std::collections::{HashMap, HashSet};

use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::signature::{jaccard, shingles, Signature, THRESHOLD};
use crate::index::{each_live_doc, Fields};

/// Candidates read from the index per article at most: a band key that many articles share
/// is boilerplate, and reading more would make one article cost what a thousand do.
const MAX_CANDIDATES: usize = 64;

/// An article written since the last commit.
struct Pending {
    id: String,
    /// The id of its cluster's first article (its own when it is the first).
    cluster: String,
    shingles: Vec<u64>,
    /// False once the same id was written again.
    live: bool,
}

/// The cluster of each article as it is written.
pub struct Clusters {
    fields: Fields,
    /// The index as of the last commit.
    searcher: Searcher,
    pending: Vec<Pending>,
    by_band: HashMap<[u8; 4], Vec<usize>>,
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
            written: HashMap::new(),
        }
    }

    /// After a commit: everything written so far is in the index.
    pub fn refresh(&mut self, searcher: Searcher) {
        self.searcher = searcher;
        self.pending.clear();
        self.by_band.clear();
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
    fn in_index(&self, id: &str, signature: &Signature) -> anyhow::Result<Option<String>> {
        let mut best: Option<(f64, String)> = None;
        for address in self.candidates(&signature.bands)? {
            let doc: TantivyDocument = self.searcher.doc(address)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str());
            let Some(candidate) = text(self.fields.id) else {
                continue;
            };
            if candidate == id || self.written.contains_key(candidate) {
                continue;
            }
            let body = text(self.fields.body).unwrap_or_default();
            let similarity = jaccard(&signature.shingles, &shingles(body));
            if similarity >= THRESHOLD && best.as_ref().is_none_or(|(b, _)| similarity > *b) {
                let cluster = text(self.fields.cluster).unwrap_or(candidate);
                best = Some((similarity, cluster.to_string()));
            }
        }
        Ok(best.map(|(_, cluster)| cluster))
    }

    /// Live documents of the last commit holding any of the band keys, up to a cap.
    fn candidates(&self, bands: &[[u8; 4]]) -> anyhow::Result<Vec<DocAddress>> {
        let mut found = HashSet::new();
        if self.searcher.num_docs() == 0 {
            return Ok(Vec::new());
        }
        for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
            for band in bands {
                let term = Term::from_field_bytes(self.fields.bands, band);
                let mut add = |address| {
                    found.insert(address);
                    found.len() < MAX_CANDIDATES
                };
                if !each_live_doc(segment, ordinal as u32, &term, &mut add)? {
                    return Ok(found.into_iter().collect());
                }
            }
        }
        Ok(found.into_iter().collect())
    }

    /// The cluster of the first near-duplicate written since the last commit.
    fn in_run(&self, id: &str, signature: &Signature) -> Option<String> {
        let mut places: Vec<usize> = signature
            .bands
            .iter()
            .filter_map(|band| self.by_band.get(band))
            .flatten()
            .copied()
            .collect();
        places.sort_unstable();
        places.dedup();
        places
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
}
