#!/usr/bin/env python3
"""Regenerate eval/bbc-dev/entities.tsv from the hand-written annotation lists.

Inputs
  eval/bbc-dev/articles.txt          one corpus-relative path per line
  eval/bbc-dev/source/<sec>-<NNN>.txt  annotation list for <sec>/<NNN>.txt

Annotation list format (UTF-8, one entry per line, '#' starts a comment line):

  SURFACE<TAB>TYPE                 every occurrence of SURFACE
  SURFACE<TAB>TYPE<TAB>2,4         only occurrences 2 and 4 (1-based)

TYPE is PER, ORG, LOC, MISC, or O (O claims the occurrence but emits
nothing: used to block a shorter entry from matching there).

Occurrences of SURFACE are its case-sensitive matches in the raw article text
that are not preceded or followed by a letter/digit/underscore (so "US" does
not match inside "USA" or "bus"), counted left to right over the whole
article. Entries are resolved longest surface first: an all-occurrences entry
silently skips matches that overlap a span already claimed by a longer entry
(so "Allied Domecq" wins over "Allied"); an explicit occurrence that overlaps
an earlier claim is an error, as is an entry that matches nothing.

Offsets written are BYTE offsets into the raw file (end exclusive).

Usage
  python3 scripts/bbc_dev_offsets.py [--corpus DIR] [--show PATH] [--uncovered]
  python3 scripts/bbc_dev_offsets.py --select    # re-derive articles.txt

  --select       print the article selection (see select_articles) and say
                 whether it matches articles.txt; writes nothing

  --show PATH    print every occurrence of every entry of one article with
                 its occurrence number and context (to pick occurrence lists)
  --uncovered    list capitalised tokens not inside any span (review aid)
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEV = os.path.join(ROOT, "eval", "bbc-dev")
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "bbc"))
TYPES = {"PER", "ORG", "LOC", "MISC", "O"}


def source_name(path):
    sec, fn = path.split("/")
    return os.path.join(DEV, "source", "%s-%s" % (sec, fn))


def parse_source(fname):
    entries = []
    with open(fname, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) not in (2, 3):
                raise SystemExit("%s:%d: expected 2 or 3 tab-separated fields" % (fname, ln))
            surf, typ = parts[0], parts[1].strip()
            if typ not in TYPES:
                raise SystemExit("%s:%d: bad type %r" % (fname, ln, typ))
            occ = None
            if len(parts) == 3:
                occ = [int(x) for x in parts[2].split(",") if x.strip()]
            entries.append((surf, typ, occ, ln))
    return entries


def occurrences(text, surf):
    pat = re.compile(r"(?<!\w)" + re.escape(surf) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def resolve(path, text, entries):
    claimed = []  # (start, end, type, surf) in char offsets
    errors = []

    def overlaps(s, e):
        return any(s < ce and cs < e for cs, ce, _, _ in claimed)

    order = sorted(range(len(entries)), key=lambda i: (-len(entries[i][0]), i))
    for i in order:
        surf, typ, occ, ln = entries[i]
        occs = occurrences(text, surf)
        if not occs:
            errors.append("%s line %d: %r not found" % (path, ln, surf))
            continue
        if occ is None:
            for s, e in occs:
                if not overlaps(s, e):
                    claimed.append((s, e, typ, surf))
        else:
            for k in occ:
                if k < 1 or k > len(occs):
                    errors.append("%s line %d: %r has %d occurrences, asked for #%d"
                                  % (path, ln, surf, len(occs), k))
                    continue
                s, e = occs[k - 1]
                if overlaps(s, e):
                    errors.append("%s line %d: %r occurrence #%d overlaps an existing span"
                                  % (path, ln, surf, k))
                    continue
                claimed.append((s, e, typ, surf))
    claimed.sort()
    return claimed, errors


def char_to_byte(text):
    table = [0] * (len(text) + 1)
    b = 0
    for i, ch in enumerate(text):
        table[i] = b
        b += len(ch.encode("utf-8"))
    table[len(text)] = b
    return table


SKIP = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "President", "Minister", "Secretary",
        "Chancellor", "Judge", "Senator", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday", "MP", "MPs", "MSP", "MSPs", "MEP", "MEPs", "Archbishop", "TV", "GMT", "However", "Meanwhile", "Separately", "January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December", "I"}


SECTIONS = ("business", "entertainment", "politics", "sport", "tech")


def select_articles(corpus, per_section=13, first=5, step=20):
    """The selection rule: in each section, for k = 0..12 take file
    NNN = 005 + 20k; if that file is not valid UTF-8, or its bytes are
    identical to any other file in the corpus (either member of a duplicate
    pair is skipped), take the next number up that qualifies."""
    import hashlib
    owners = {}
    for sec in SECTIONS:
        for fn in os.listdir(os.path.join(corpus, sec)):
            b = open(os.path.join(corpus, sec, fn), "rb").read()
            owners.setdefault(hashlib.sha256(b).hexdigest(), []).append("%s/%s" % (sec, fn))
    dup = {p for v in owners.values() if len(v) > 1 for p in v}
    picked = []
    for sec in SECTIONS:
        for k in range(per_section):
            n = first + step * k
            while True:
                p = "%s/%03d.txt" % (sec, n)
                b = open(os.path.join(corpus, p), "rb").read()
                try:
                    b.decode("utf-8")
                    ok = p not in dup
                except UnicodeDecodeError:
                    ok = False
                if ok:
                    break
                n += 1
            picked.append(p)
    return picked


def corpus_vocab(corpus):
    """Word counts over the whole corpus (case-sensitive), for --uncovered."""
    counts = {}
    for sec in sorted(os.listdir(corpus)):
        d = os.path.join(corpus, sec)
        if not os.path.isdir(d):
            continue
        for fn in os.listdir(d):
            t = open(os.path.join(d, fn), "rb").read().decode("utf-8", "replace")
            for w in re.findall(r"\w+", t):
                counts[w] = counts.get(w, 0) + 1
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--show")
    ap.add_argument("--uncovered", action="store_true")
    ap.add_argument("--select", action="store_true")
    args = ap.parse_args()

    if args.select:
        picked = select_articles(args.corpus)
        print("\n".join(picked))
        with open(os.path.join(DEV, "articles.txt")) as f:
            listed = [l.strip() for l in f if l.strip()]
        print("matches articles.txt" if picked == listed else "DIFFERS from articles.txt",
              file=sys.stderr)
        return

    with open(os.path.join(DEV, "articles.txt")) as f:
        paths = [l.strip() for l in f if l.strip()]

    rows = []
    all_errors = []
    vocab = None
    for path in paths:
        raw = open(os.path.join(args.corpus, path), "rb").read()
        text = raw.decode("utf-8")
        src = source_name(path)
        entries = parse_source(src) if os.path.exists(src) else []
        if not os.path.exists(src):
            all_errors.append("%s: no annotation list %s" % (path, src))
        if args.show and args.show == path:
            for surf, typ, occ, ln in entries:
                for k, (s, e) in enumerate(occurrences(text, surf), 1):
                    ctx = text[max(0, s - 40):e + 40].replace("\n", " ")
                    print("%-5s #%d %-25r ...%s..." % (typ, k, surf, ctx))
        claimed, errors = resolve(path, text, entries)
        all_errors.extend(errors)
        b = char_to_byte(text)
        for s, e, typ, surf in claimed:
            if typ == "O":
                continue
            bs, be = b[s], b[e]
            assert raw[bs:be].decode("utf-8") == surf
            rows.append((path, bs, be, typ, surf))
        if args.uncovered:
            vocab = vocab or corpus_vocab(args.corpus)
            for m in re.finditer(r"\b[A-Z][\w]*", text):
                s, e = m.start(), m.end()
                w = m.group(0)
                if vocab.get(w.lower(), 0) >= vocab.get(w, 0) or w in SKIP:
                    continue  # mostly a common word (sentence-initial) or a title
                if not any(cs < e and s < ce for cs, ce, _, _ in claimed):
                    ctx = text[max(0, s - 30):e + 30].replace("\n", " ")
                    print("%s\t%s\t...%s..." % (path, w, ctx))

    if all_errors:
        for e in all_errors:
            print("ERROR:", e, file=sys.stderr)
        sys.exit(1)
    rows.sort(key=lambda r: (r[0], r[1]))
    out = os.path.join(DEV, "entities.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("path\tstart\tend\ttype\ttext\n")
        for r in rows:
            f.write("%s\t%d\t%d\t%s\t%s\n" % r)
    print("wrote %d mentions for %d articles to %s" % (len(rows), len(paths), out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
