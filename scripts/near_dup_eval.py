#!/usr/bin/env python3
"""How well `newsdex index` puts near-duplicates in one cluster, and only them.

Builds a test set from the BBC corpus: for each of N original articles, one copy per kind of
small edit a syndicated or updated story goes through (a new headline, a byline and dateline,
an "Updated" line, a paragraph of one or two sentences cut or added, 5% of the words changed,
and the headline, byline, "Updated" line, a cut and half as many changed words at once); and pairs of different articles on the same subject (same section, sharing at least
two of their main names, fewer than a fifth of their sentences alike). Indexes it with the
built newsdex, reads every article's cluster back from `query --jsonl`, and prints, per edit
kind, precision and recall of "same cluster as its original", and for the pairs on the same
subject how many were kept apart.

    python3 scripts/near_dup_eval.py [--corpus /work/shared/corpus/bbc] [--originals 150]
        [--bin target/release/newsdex] [--seed 24]

Originals are drawn from articles whose body no other article of the corpus repeats, so that
the corpus's own duplicates do not count for or against; so are the corpus's own updated
versions of a story (articles sharing a third of their sentences with another). Deterministic for a given seed.
"""

import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+")
NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")

BYLINES = ["By Sarah Mitchell, Reuters", "By James Okafor\nBBC News Online", "From our correspondent in Brussels",
           "By Anna Lindqvist, Associated Press"]
UPDATED = ["Updated 14:32 GMT, Thursday", "Last updated at 09:15 GMT", "UPDATED: adds comment from spokesman",
           "This story was updated on Friday."]
HEADLINE_WORDS = ["Update:", "Analysis:", "Breaking:", "In full:", "Latest:"]


def read_corpus(root):
    articles = []
    for section in sorted(os.listdir(root)):
        folder = os.path.join(root, section)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            text = open(os.path.join(folder, name), "rb").read().decode("utf-8", "replace")
            title, _, body = text.strip().partition("\n")
            articles.append({"id": f"{section}/{name}", "section": section, "title": title.strip(),
                             "body": body.strip()})
    return articles


def words(text):
    return WORD.findall(text.lower())


def paragraphs(body):
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def edit(kind, article, rng, donors, change):
    title, body = article["title"], article["body"]
    parts = paragraphs(body)
    if kind == "headline":
        title = f"{rng.choice(HEADLINE_WORDS)} {' '.join(reversed(title.split()))}"
    elif kind == "byline":
        body = f"{rng.choice(BYLINES)}\n\n{body}"
    elif kind == "updated":
        line = rng.choice(UPDATED)
        body = f"{line}\n\n{body}" if rng.random() < 0.5 else f"{body}\n\n{line}"
    elif kind == "paragraph_cut":
        body = cut_paragraph(parts, rng)
    elif kind == "paragraph_added":
        donor = SENTENCE.split(rng.choice(donors)["body"])
        start = rng.randrange(0, max(1, len(donor) - 1))
        at = rng.randrange(1, len(parts) + 1)
        body = "\n\n".join(parts[:at] + [" ".join(donor[start:start + 2])] + parts[at:])
    elif kind == "bbc_paragraph_cut":
        cut = rng.randrange(1, len(parts))
        body = "\n\n".join(parts[:cut] + parts[cut + 1:])
    elif kind == "words_changed":
        body = change_words(body, rng, change)
    elif kind == "combined":
        title = f"{rng.choice(HEADLINE_WORDS)} {title}"
        body = cut_paragraph(parts, rng)
        body = f"{rng.choice(BYLINES)}\n\n{change_words(body, rng, change / 2)}\n\n{rng.choice(UPDATED)}"
    return title, body


def cut_paragraph(parts, rng):
    """Cuts one paragraph as a wire story has them: a BBC paragraph of more than two sentences
    holds several, so two of its sentences in a row go, else the whole paragraph."""
    at = rng.randrange(1, len(parts))
    sentences = SENTENCE.split(parts[at])
    if len(sentences) <= 2:
        return "\n\n".join(parts[:at] + parts[at + 1:])
    start = rng.randrange(0, len(sentences) - 1)
    kept = " ".join(sentences[:start] + sentences[start + 2:])
    return "\n\n".join(parts[:at] + [kept] + parts[at + 1:])


VOCABULARY = ["also", "however", "major", "key", "new", "said", "would", "could", "recent", "several",
              "people", "group", "plans", "report", "week", "month", "year", "government", "firm", "officials"]


def change_words(body, rng, share):
    tokens = re.split(r"(\s+)", body)
    spots = [i for i, t in enumerate(tokens) if WORD.fullmatch(t.strip(".,;:'\"")) and t.strip()]
    for i in rng.sample(spots, max(1, int(len(spots) * share))):
        tokens[i] = rng.choice(VOCABULARY)
    return "".join(tokens)


def main_names(article):
    counts = collections.Counter(NAME.findall(article["title"] + "\n" + article["body"]))
    return {name for name, n in counts.most_common(5) if n >= 2}


def sentence_overlap(a, b):
    sa = {s.strip() for s in SENTENCE.split(a["body"]) if len(s) > 20}
    sb = {s.strip() for s in SENTENCE.split(b["body"]) if len(s) > 20}
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def sentences(article):
    return {s.strip() for s in SENTENCE.split(article["body"]) if len(s) > 20}


def versions_of_one_story(articles):
    """Articles sharing a third of their sentences with another article of the corpus: the
    corpus's own copies and updated versions, judged apart from the shingles newsdex uses."""
    holders = collections.defaultdict(set)
    for article in articles:
        for sentence in sentences(article):
            holders[sentence].add(article["id"])
    size = {a["id"]: max(1, len(sentences(a))) for a in articles}
    shared = collections.Counter()
    for ids in holders.values():
        for a in ids:
            for b in ids:
                if a != b:
                    shared[a, b] += 1
    return {a for (a, b), n in shared.items() if n >= size[a] / 3 or n >= size[b] / 3}


def same_subject_pairs(articles, rng, limit):
    by_section = collections.defaultdict(list)
    for article in articles:
        names = main_names(article)
        if len(names) >= 2:
            by_section[article["section"]].append((article, names))
    pairs = []
    for section, items in sorted(by_section.items()):
        for i, (a, na) in enumerate(items):
            for b, nb in items[i + 1:]:
                if len(na & nb) >= 2 and a["title"] != b["title"] and sentence_overlap(a, b) < 0.2:
                    pairs.append((a, b))
    rng.shuffle(pairs)
    return pairs[:limit]


KINDS = ["headline", "byline", "updated", "paragraph_cut", "paragraph_added", "words_changed", "combined"]
# Not a small edit: BBC paragraphs run to several sentences (the median article has four, the
# largest after the first holding 45% of the words). Reported, not held to the target.
STRESS = ["bbc_paragraph_cut"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/work/shared/corpus/bbc")
    parser.add_argument("--originals", type=int, default=150)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--change", type=float, default=0.05, help="share of words changed")
    parser.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "newsdex"))
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    articles = read_corpus(args.corpus)
    twinned = versions_of_one_story(articles)
    unique = [a for a in articles if a["id"] not in twinned
              and len(paragraphs(a["body"])) >= 4 and len(words(a["body"])) >= 120]
    originals = rng.sample(unique, args.originals)
    pairs = same_subject_pairs(unique, rng, args.pairs)

    records = {}
    story = {}
    for article in originals + [x for pair in pairs for x in pair]:
        records[article["id"]] = {"id": article["id"], "title": article["title"], "body": article["body"]}
        story[article["id"]] = article["id"]
    kind_of = {}
    for article in originals:
        for kind in KINDS + STRESS:
            title, body = edit(kind, article, rng, articles, args.change)
            copy = f"copy/{kind}/{article['id']}"
            records[copy] = {"id": copy, "title": title, "body": body}
            story[copy] = article["id"]
            kind_of[copy] = kind

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "set.jsonl")
        with open(data, "w") as out:
            for record in records.values():
                out.write(json.dumps(record) + "\n")
        index = os.path.join(tmp, "index")
        subprocess.run([args.bin, "index", "--index", index, "--quiet", data], check=True,
                       stderr=subprocess.DEVNULL)
        found = subprocess.run([args.bin, "query", "*", "--index", index, "--jsonl", "--limit",
                                str(len(records) + 10)], check=True, capture_output=True, text=True)
    cluster = {}
    for line in found.stdout.splitlines():
        hit = json.loads(line)
        cluster[hit["id"]] = hit["cluster"]
    members = collections.defaultdict(list)
    for doc, c in cluster.items():
        members[c].append(doc)

    print(f"{len(records)} articles: {len(originals)} originals x {len(KINDS)} edit kinds, "
          f"{len(pairs)} pairs on the same subject; {len(members)} clusters")
    print(f"{'edit kind':<18} {'precision':>9} {'recall':>7} {'pairs':>6}")
    worst = 1.0
    for kind in KINDS + STRESS:
        copies = [c for c, k in kind_of.items() if k == kind]
        found_pairs = sum(cluster[c] == cluster[story[c]] for c in copies)
        predicted = true = 0
        for c in copies:
            for other in members[cluster[c]]:
                if other != c:
                    predicted += 1
                    true += story[other] == story[c]
        recall = found_pairs / len(copies)
        precision = true / predicted if predicted else 1.0
        if kind in KINDS:
            worst = min(worst, recall, precision)
        note = "  (stress, no target)" if kind in STRESS else ""
        print(f"{kind:<18} {precision:>9.3f} {recall:>7.3f} {len(copies):>6}{note}")
        if args.verbose:
            for c in copies:
                if cluster[c] != cluster[story[c]]:
                    print(f"    missed {c}")
    if args.verbose:
        for c, docs in sorted(members.items()):
            stories = sorted({story[d] for d in docs})
            if len(stories) > 1:
                print(f"    one cluster, several stories: {' '.join(stories)}")
    apart = sum(cluster[a["id"]] != cluster[b["id"]] for a, b in pairs)
    print(f"{'same subject':<18} {'kept apart':>9} {apart / max(1, len(pairs)):>7.3f} {len(pairs):>6}")
    if args.verbose:
        for a, b in pairs:
            if cluster[a["id"]] == cluster[b["id"]]:
                print(f"    merged {a['id']} {b['id']}")
    return 0 if worst >= 0.98 and apart == len(pairs) else 1


if __name__ == "__main__":
    sys.exit(main())
