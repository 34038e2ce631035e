#!/usr/bin/env python3
"""Derives data/speech-cues.tsv, the cue words of attribution, from PolNeAR's train split.

Usage: scripts/speech_cues.py [POLNEAR_TRAIN_DIR] > data/speech-cues.tsv

For every attribution of the train split that has a source, the words of its cue span are
read (lower-cased; auxiliaries, negation and adverbs such as "has", "not", "also" dropped, so
"has also said" gives "said"; "according to" is kept whole). Each cue word is then counted
twice: how often it is a cue of an attributed source (`cue`), and how often it appears as a
word in the split's text at all (`seen`). Their ratio is how often the word, where it stands,
attributes something: "said" nearly always, "called" sometimes, "in" almost never. Words that
are a cue fewer than MIN_CUE times are left out. Only the train split is read: dev is for
tuning what the extractor does with the list, and test is held out.
"""

import collections
import os
import re
import sys

MIN_CUE = 3
WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# Words of a cue span that are not the cue itself: general English, not from the corpus.
SKIP = set("""
has have had having is are was were be been being will would shall should can could may might
must do does did not n't never also just still again already now then later recently first
reportedly publicly privately repeatedly previously once even only further strongly openly
flatly quickly immediately often frequently actually really too all to a an the that it he she
they we i you his her their its this there who which
""".split())


def parse(annotation):
    spans, events = {}, []
    for line in annotation.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, ranges = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]
        elif parts[0].startswith("E"):
            roles = collections.defaultdict(list)
            for part in parts[1].split():
                role, ident = part.split(":")
                roles[role.rstrip("0123456789")].append(ident)
            events.append(roles)
    return spans, events


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/quotes/polnear/data/train"
    cue = collections.Counter()
    seen = collections.Counter()
    done = set()
    for name in sorted(os.listdir(os.path.join(root, "attributions"))):
        article = name.rsplit("_", 1)[0]
        if not name.endswith(".ann") or article in done:
            continue
        done.add(article)
        with open(os.path.join(root, "text", article + ".txt"), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(root, "attributions", name), encoding="utf-8") as f:
            spans, events = parse(f.read())
        lower = text.lower()
        words = WORD.findall(lower)
        seen.update(words)
        seen["according to"] += lower.count("according to")
        for event in events:
            if not event.get("Source"):
                continue
            cue_text = " ".join(
                lower[a:b] for ident in event.get("Cue", []) for a, b in spans.get(ident, [])
            )
            if "according to" in cue_text:
                cue["according to"] += 1
                continue
            for word in WORD.findall(cue_text):
                if word not in SKIP:
                    cue[word] += 1
    print("# PolNeAR v1.0.0 train split, cue words of attributions with a source "
          "(scripts/speech_cues.py): word, times a cue, times seen")
    for word, n in sorted(cue.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_CUE:
            print(f"{word}\t{n}\t{max(seen[word], n)}")


if __name__ == "__main__":
    main()
