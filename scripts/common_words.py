#!/usr/bin/env python3
"""Derives data/common-words.txt: the most frequent words of English text, for the word pairs
the index keeps (src/index/pairs.rs). A two-word phrase of common words is what a positional
phrase query answers slowly (both words are in most articles); a phrase with a rarer word is
bounded by that word's few articles, and needs no pair.

The words are the first of data/glove-clusters.tsv.gz (GloVe 6B's vocabulary, most frequent
first; see DATA-SOURCES.md) that the index's analyser keeps as one word: letters and digits only.

    scripts/common_words.py [--count 1000] > data/common-words.txt
"""

import argparse
import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    one_word = re.compile(r"^[a-z0-9]+$")
    words = []
    with gzip.open(ROOT / "data" / "glove-clusters.tsv.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            word = line.split("\t", 1)[0]
            if one_word.match(word):
                words.append(word)
            if len(words) == args.count:
                break
    print(f"# the {len(words)} most frequent one-word entries of GloVe 6B (PDDL-1.0), by "
          "scripts/common_words.py")
    print("\n".join(words))


if __name__ == "__main__":
    main()
