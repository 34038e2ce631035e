//! An article body's near-duplicate signature: the set of its word shingles (runs of
//! [`SHINGLE_WORDS`] words), a MinHash sketch of that set, and the sketch cut into LSH bands.
//!
//! Two bodies whose shingle sets have Jaccard similarity J agree on each MinHash value with
//! probability J, so on a whole band of [`ROWS`] values with probability J^ROWS, and share at
//! least one of [`BANDS`] band keys with probability 1 - (1 - J^ROWS)^BANDS: about 0.93 at
//! J = 0.5, 0.99 at 0.6, and 0.002 at 0.05, the overlap of two articles written apart on the
//! same event. A shared band key only makes a pair a candidate; [`jaccard`] on the two shingle
//! sets decides. What the candidates are compared against, and where they come from, is
//! `clusters`' business.

use crate::ingest::fnv1a;

/// Words per shingle. Four keeps a changed word from breaking more than four shingles,
/// while two articles written apart share few runs of four words outside their quotes.
pub const SHINGLE_WORDS: usize = 4;

/// Rows (MinHash values) per band.
pub const ROWS: usize = 3;

/// Bands per signature: each is one band key in the index.
pub const BANDS: usize = 20;

/// MinHash values (bins) per signature.
const HASHES: usize = ROWS * BANDS;

/// Bodies with fewer words than this get no band keys: a one-line body ("Photo: Reuters")
/// says too little for two articles sharing it to be the same story.
pub const MIN_WORDS: usize = 12;

/// Estimated or measured Jaccard similarity of the shingle sets at or above which two bodies
/// are the same story. Chosen with `scripts/near_dup_eval.py` (see the README).
pub const THRESHOLD: f64 = 0.5;

/// A body's shingles and band keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    /// The set of shingle hashes, sorted (see [`shingles`]).
    pub shingles: Vec<u32>,
    /// One key per band, each naming its band; empty for bodies too short to compare.
    pub bands: Vec<[u8; 4]>,
}

impl Signature {
    /// The signature of a body.
    pub fn of(body: &str) -> Signature {
        let hashes = shingle_hashes(body);
        if hashes.is_empty() {
            return Signature::default();
        }
        let sketch = minhash(&hashes);
        let bands = sketch
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| band_key(band, rows))
            .collect();
        Signature {
            shingles: compact(&hashes),
            bands,
        }
    }
}

/// The words of a text, lower-cased, hashed: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            if word.is_ascii() {
                fnv1a(word.bytes().map(|b| b.to_ascii_lowercase()))
            } else {
                let lower = word.to_lowercase();
                fnv1a(lower.bytes())
            }
        })
}

/// The set of a text's shingles as compared: 32-bit hashes, sorted; empty for a text of fewer
/// than [`MIN_WORDS`] words. Sorted here, on the extraction workers, so that comparing two
/// sets on the one thread that assigns clusters is a single merge. Half the bytes of the
/// 64-bit hashes matter: an indexer holds the sets of every article since its last commit,
/// and two of an article's few hundred shingles colliding by chance is one in tens of
/// millions.
pub fn shingles(text: &str) -> Vec<u32> {
    compact(&shingle_hashes(text))
}

/// The 64-bit hashes of a text's shingles (runs of [`SHINGLE_WORDS`] words), in text order;
/// none for a text of fewer than [`MIN_WORDS`] words. The sketch takes its bins and values
/// from them; order and repeats do not change it.
fn shingle_hashes(text: &str) -> Vec<u64> {
    let words: Vec<u64> = words(text).collect();
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    words
        .windows(SHINGLE_WORDS)
        .map(|run| {
            run.iter()
                .fold(0u64, |hash, &word| mix(hash.rotate_left(17) ^ word))
        })
        .collect()
}

/// 64-bit shingle hashes folded to 32 bits, as a sorted set.
fn compact(hashes: &[u64]) -> Vec<u32> {
    sorted_set(hashes.iter().map(|&hash| (hash ^ (hash >> 32)) as u32))
}

/// 32-bit hashes as a sorted set.
fn sorted_set(hashes: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut set: Vec<u32> = hashes.collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// `shingles` as a sorted set: borrowed when it already is one (what [`shingles`] gives).
fn as_set(shingles: &[u32]) -> std::borrow::Cow<'_, [u32]> {
    if shingles.is_sorted_by(|a, b| a < b) {
        return std::borrow::Cow::Borrowed(shingles);
    }
    std::borrow::Cow::Owned(sorted_set(shingles.iter().copied()))
}

/// The MinHash sketch, by one-permutation hashing: each shingle's hash picks one of
/// [`HASHES`] bins by its high bits, and each bin keeps the least low bits it was given. One
/// hash per shingle rather than one per shingle and bin: the signature costs a tenth of what
/// it did. A bin no shingle fell in takes the value of the next bin that has one, mixed with
/// the distance, so two sets still agree on it with the probability that they agree on that
/// bin (densification by rotation, Shrivastava and Li 2014).
fn minhash(shingles: &[u64]) -> [u64; HASHES] {
    let mut sketch = [u64::MAX; HASHES];
    for &shingle in shingles {
        let bin = (((shingle >> 32) * HASHES as u64) >> 32) as usize;
        sketch[bin] = sketch[bin].min(shingle & 0xffff_ffff);
    }
    let filled = sketch.iter().filter(|&&value| value != u64::MAX).count();
    if filled == 0 || filled == HASHES {
        return sketch;
    }
    let mut dense = sketch;
    for bin in 0..HASHES {
        if sketch[bin] == u64::MAX {
            let distance = (1..HASHES)
                .find(|d| sketch[(bin + d) % HASHES] != u64::MAX)
                .unwrap_or(0);
            dense[bin] = mix(sketch[(bin + distance) % HASHES] ^ ((distance as u64) << 40));
        }
    }
    dense
}

/// One band's key: a 32-bit hash of the band's number and its rows. Keys of 32 bits keep the
/// index small; a chance collision only costs one candidate that [`jaccard`] turns away.
fn band_key(band: usize, rows: &[u64]) -> [u8; 4] {
    let hash = rows
        .iter()
        .fold(mix(band as u64 + 1), |hash, &row| mix(hash ^ row));
    ((hash >> 32) as u32).to_be_bytes()
}

/// The Jaccard similarity of the sets of two lists of shingle hashes (sets as [`shingles`]
/// gives them cost no sorting).
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (a, b) = (as_set(a), as_set(b));
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// splitmix64's finalizer: a fast, well-mixed 64-bit hash of a 64-bit value.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The council voted on Tuesday to close the old harbour bridge to \
        cars from next spring, after engineers found cracks in two of its supports. The mayor \
        said the decision was painful but necessary, and that a ferry would run every twenty \
        minutes while the bridge is repaired. Shop owners on the east bank fear they will lose \
        customers during the works, which are expected to last eighteen months and cost about \
        forty million pounds. A consultation on a new cycle lane will open in the summer.";

    #[test]
    fn words_are_compared_without_case_or_punctuation() {
        let a = shingles(STORY);
        let b = shingles(&STORY.to_uppercase().replace(',', " ; "));
        assert_eq!(a, b);
        assert!(a.len() > 50);
        assert_eq!(jaccard(&a, &b), 1.0);
    }

    #[test]
    fn a_body_too_short_to_compare_has_no_bands() {
        assert_eq!(Signature::of("Photo: Reuters"), Signature::default());
        assert_eq!(Signature::of(STORY).bands.len(), BANDS);
    }

    #[test]
    fn identical_bodies_share_every_band() {
        assert_eq!(Signature::of(STORY), Signature::of(STORY));
    }

    #[test]
    fn a_small_edit_keeps_the_similarity_above_the_threshold() {
        let original = shingles(STORY);
        let edits = [
            format!("By Jane Doe, Updated 10:42\n\n{STORY}"),
            STORY.replace(
                " A consultation on a new cycle lane will open in the summer.",
                "",
            ),
            STORY
                .replace("painful", "hard")
                .replace("eighteen", "sixteen"),
        ];
        for edit in edits {
            let similarity = jaccard(&original, &shingles(&edit));
            assert!(similarity >= THRESHOLD, "{similarity}: {edit}");
        }
    }

    #[test]
    fn a_story_written_apart_falls_far_below_the_threshold() {
        let other = "Drivers will have to find another way across the river from next \
            spring: the harbour bridge is to close to cars for repairs, the council decided \
            on Tuesday. Cracks were found in two supports. Traders on the east bank said the \
            closure, expected to last a year and a half, would hurt them; the mayor called it \
            painful but necessary.";
        let similarity = jaccard(&shingles(STORY), &shingles(other));
        assert!(similarity < 0.1, "{similarity}");
    }

    #[test]
    fn the_sketch_estimates_the_similarity() {
        let edited = STORY.replace("painful", "hard");
        let (a, b) = (Signature::of(STORY), Signature::of(&edited));
        let agree = minhash(&shingle_hashes(STORY))
            .iter()
            .zip(minhash(&shingle_hashes(&edited)))
            .filter(|(x, y)| **x == *y)
            .count();
        let estimate = agree as f64 / HASHES as f64;
        assert!((estimate - jaccard(&a.shingles, &b.shingles)).abs() < 0.2);
    }

    #[test]
    fn jaccard_counts_shared_over_union() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[3, 1, 2, 1], &[2, 4, 3]), 0.5);
        assert_eq!(jaccard(&[], &[1]), 0.0);
    }
}
