#!/usr/bin/env python3
"""Check the BBC named-entity dev set (eval/bbc-dev) against the raw corpus.

Checks
  - entities.tsv has the expected header and 5 tab-separated fields per row
  - type is one of PER, ORG, LOC, MISC
  - raw_file_bytes[start:end] decodes (UTF-8) to exactly the text column
  - every span starts and ends on a word boundary (no letter/digit outside it)
  - spans of one article do not overlap; rows are sorted by (path, start)
  - every row's path is listed in articles.txt
  - articles.txt: no repeats, every file exists, is valid UTF-8, and no two
    listed articles have identical content
Then prints mention counts per section and per type.

Usage: python3 scripts/check_bbc_dev.py [--corpus DIR]
Exit status 1 if any check fails.
"""
import argparse
import collections
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEV = os.path.join(ROOT, "eval", "bbc-dev")
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "bbc"))
TYPES = ("PER", "ORG", "LOC", "MISC")
HEADER = ["path", "start", "end", "type", "text"]


def is_word_char(ch):
    return ch.isalnum() or ch == "_"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = ap.parse_args()
    errors = []

    with open(os.path.join(DEV, "articles.txt"), encoding="utf-8") as f:
        articles = [l.strip() for l in f if l.strip()]
    if len(set(articles)) != len(articles):
        errors.append("articles.txt lists a path more than once")
    raw = {}
    hashes = {}
    for p in articles:
        fp = os.path.join(args.corpus, p)
        if not os.path.isfile(fp):
            errors.append("%s: not in corpus" % p)
            continue
        b = open(fp, "rb").read()
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            errors.append("%s: not valid UTF-8" % p)
        h = hashlib.sha256(b).hexdigest()
        if h in hashes:
            errors.append("%s: same content as %s" % (p, hashes[h]))
        hashes[h] = p
        raw[p] = b

    rows = []
    with open(os.path.join(DEV, "entities.tsv"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        errors.append("entities.tsv: bad header %r" % (lines[0] if lines else ""))
    for n, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) != 5:
            errors.append("line %d: expected 5 fields, got %d" % (n, len(parts)))
            continue
        path, s, e, typ, text = parts
        try:
            s, e = int(s), int(e)
        except ValueError:
            errors.append("line %d: non-integer offsets" % n)
            continue
        if typ not in TYPES:
            errors.append("line %d: bad type %r" % (n, typ))
        if path not in raw:
            errors.append("line %d: path %s not in articles.txt" % (n, path))
            continue
        b = raw[path]
        if not (0 <= s < e <= len(b)):
            errors.append("line %d: offsets %d-%d out of range" % (n, s, e))
            continue
        try:
            got = b[s:e].decode("utf-8")
        except UnicodeDecodeError:
            errors.append("line %d: span is not on UTF-8 character boundaries" % n)
            continue
        if got != text:
            errors.append("line %d: bytes %r != text %r" % (n, got, text))
        before = b[:s].decode("utf-8", "replace")[-1:]
        after = b[e:].decode("utf-8", "replace")[:1]
        if (before and is_word_char(before)) or (after and is_word_char(after)):
            errors.append("line %d: %r is not on word boundaries" % (n, text))
        if text != text.strip():
            errors.append("line %d: %r has surrounding whitespace" % (n, text))
        rows.append((path, s, e, typ, text, n))

    for a, b in zip(rows, rows[1:]):
        if (a[0], a[1]) > (b[0], b[1]):
            errors.append("line %d: rows not sorted by (path, start)" % b[5])
        if a[0] == b[0] and b[1] < a[2]:
            errors.append("line %d: %r overlaps line %d %r" % (b[5], b[4], a[5], a[4]))

    by_sec = collections.defaultdict(collections.Counter)
    arts_by_sec = collections.Counter(p.split("/")[0] for p in articles)
    with_ents = set()
    for path, s, e, typ, text, n in rows:
        by_sec[path.split("/")[0]][typ] += 1
        with_ents.add(path)

    print("articles: %d (%d with at least one mention)" % (len(articles), len(with_ents)))
    print("%-14s %5s %5s %5s %5s %5s %6s" % ("section", "docs", "PER", "ORG", "LOC", "MISC", "total"))
    total = collections.Counter()
    for sec in sorted(arts_by_sec):
        c = by_sec[sec]
        total.update(c)
        print("%-14s %5d %5d %5d %5d %5d %6d" % (sec, arts_by_sec[sec], c["PER"], c["ORG"],
                                                 c["LOC"], c["MISC"], sum(c.values())))
    print("%-14s %5d %5d %5d %5d %5d %6d" % ("all", len(articles), total["PER"], total["ORG"],
                                             total["LOC"], total["MISC"], sum(total.values())))
    if errors:
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        print("%d error(s)" % len(errors), file=sys.stderr)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
