//! What finding near-duplicates adds to indexing, in CPU time per article, beside extraction
//! (most of what indexing costs): the signature of each body and its cluster assignment.
//!
//!     cargo bench --bench near_dup                      # the BBC corpus
//!     cargo bench --bench near_dup -- path/to/corpus    # another folder of .txt articles
//!
//! The target: the two together 5% or less of extraction alone.

use std::time::{Duration, Instant};

use newsdex::dedup::{Clusters, Signature};
use newsdex::extract::extract;
use newsdex::index::NewsIndex;
use newsdex::ingest::Article;

fn main() -> anyhow::Result<()> {
    let root = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .unwrap_or_else(|| "/work/shared/corpus/bbc".to_string());
    let mut articles = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry?;
        if entry.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path())?).into_owned();
        let (title, body) = text.trim().split_once('\n').unwrap_or((&text, ""));
        articles.push(Article {
            id: entry.path().display().to_string(),
            title: title.trim().to_string(),
            body: body.trim().to_string(),
            published: None,
            published_source: None,
            url: None,
            authors: Vec::new(),
            source: None,
        });
    }
    let dir = tempfile::tempdir()?;
    let index = NewsIndex::open_or_create(&dir.path().join("index"))?;
    let mut clusters = Clusters::new(index.fields, index.searcher()?);
    let (mut extraction, mut signing, mut assigning) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut joined = 0;
    for article in &articles {
        let started = Instant::now();
        std::hint::black_box(extract(article));
        extraction += started.elapsed();
        let started = Instant::now();
        let signature = Signature::of(&article.body);
        signing += started.elapsed();
        let started = Instant::now();
        joined += usize::from(clusters.assign(&article.id, signature)?.is_some());
        assigning += started.elapsed();
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / articles.len() as f64;
    println!(
        "{} articles from {root}; {joined} joined a cluster",
        articles.len()
    );
    println!("extraction   {:>8.1} µs per article", per(extraction));
    println!("signature    {:>8.1} µs per article", per(signing));
    println!("clustering   {:>8.1} µs per article", per(assigning));
    println!(
        "near-duplicates cost {:.2}% of extraction",
        100.0 * (signing + assigning).as_secs_f64() / extraction.as_secs_f64()
    );
    Ok(())
}
