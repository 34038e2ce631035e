#!/usr/bin/env python3
"""newsdex benchmarks: indexing throughput, peak memory, index size, query latency, extraction
speed, and tantivy-cli as the baseline, on a corpus made from the project's own material.

    scripts/bench.py                          # 100k synthetic articles
    scripts/bench.py --articles 1000000       # 1M (about 4 GB of text)
    scripts/bench.py --corpus bbc --repeat 50 # ../shared/corpus/bbc, 50 copies with distinct ids
    scripts/bench.py --corpus FILE.jsonl      # any JSON Lines dump
    scripts/bench.py --baseline               # also index with tantivy-cli (installed on first use)
    scripts/bench.py --extract-only           # only `newsdex extract` tokens/s on CoNLL dev
    scripts/bench.py --corpus bbc --repeat 40 --baseline   # the headline: real news, vs tantivy-cli
    scripts/bench.py --corpus bbc --repeat 40 --extract-only --baseline
                                              # extraction alone on that corpus, vs tantivy-cli
    scripts/bench.py --corpus bbc --repeat 8 --structures  # what each indexed structure costs
    scripts/bench.py --static                 # the static build (README), in target/static

Everything runs the release binary as a user would; figures print as a table and are kept in
target/bench/results.json. Timings are of this machine as it is: run on an idle machine.
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
BIN = ROOT / "target" / "release" / "newsdex"
# The static build's own target directory, so that switching between the builds rebuilds neither.
STATIC_TARGET = ROOT / "target" / "static"
SHARED = ROOT.parent / "shared"


def log(message):
    print(message, file=sys.stderr, flush=True)


def host_triple():
    for line in subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout.splitlines():
        if line.startswith("host: "):
            return line[len("host: "):]
    raise SystemExit("rustc -vV names no host")


def build(static_triple=None):
    """Builds the release binary, or with a target triple the static one (see the README)."""
    if static_triple is None:
        log("building the release binary")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        return
    log("building the static release binary (glibc linked in; once, takes minutes)")
    env = dict(os.environ, RUSTFLAGS="-C target-feature=+crt-static",
               CARGO_TARGET_DIR=str(STATIC_TARGET))
    subprocess.run(["cargo", "build", "--release", "--quiet", "--target", static_triple],
                   cwd=ROOT, env=env, check=True)


# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------

def sample_articles():
    """The sample corpus's articles as (title, body) pairs, and its gold names per type."""
    articles = []
    for line in open(ROOT / "sample-corpus" / "wire" / "2025-spring.jsonl", encoding="utf-8"):
        record = json.loads(line)
        articles.append((record["title"], record["body"]))
    for path in sorted((ROOT / "sample-corpus" / "articles").rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        articles.append((title, body.strip()))
    facts = json.load(open(ROOT / "tests" / "sample_facts.json", encoding="utf-8"))["articles"]
    names = {kind: set() for kind in ("person", "org", "place")}
    for fact in facts:
        for kind in names:
            names[kind].update(fact[kind])
    return articles, {kind: sorted(values) for kind, values in names.items()}


FIRST = ("Amara Lars Priya Daniel Hendrik Joost Rachel Sofia Marcus Grace Elin Carmen Wei Ana "
         "Tomas Ingrid Kwame Aisha Mateo Yuki Olga Rahul Fatima Pierre Hana Diego Leila Sven "
         "Nadia Omar Chloe Ivan Mei Kofi Lucia Arjun Zara Emil Noor Jonas").split()
LAST = ("Okafor Brekke Natarajan Reyes Vries Bakker Whitcombe Marchetti Hale Mwangi Sandberg "
        "Chen Silva Novak Larsen Mensah Khan Garcia Tanaka Petrova Sharma Haddad Dubois Kim "
        "Morales Nasser Berg Aziz Farouk Martin Volkov Lin Boateng Rossi Patel Ali Weber Hassan "
        "Jensen").split()
STEMS = ("Halvorsen Meridian Alder Kestrel Brightwater Orbis Atlantic Northlight Fjord Jambo "
         "Carrow Bramble Ferrum Solvik Tidewater Granite Lumen Harbour Cobalt Vega").split()
HEADS = ("Group Holdings Energy Partners Capital Analytics Semiconductor Telecom Freight Lines "
         "Bank Institute Mobile Research Airlines Motors").split()
PLACES = ("Oslo Lagos Nairobi Rotterdam Brussels London Paris Berlin Madrid Tokyo Seoul Austin "
          "Washington Beijing Mumbai Cairo Lima Toronto Sydney Stockholm Antwerp Abuja").split()


def zipf_pick(rng, items, s=1.1):
    """An item by a Zipf-like law: a few names are in most articles, as in real news."""
    weights = zipf_pick.cache.get((len(items), s))
    if weights is None:
        weights = [1.0 / (rank ** s) for rank in range(1, len(items) + 1)]
        zipf_pick.cache[(len(items), s)] = weights
    return rng.choices(items, weights=weights, k=1)[0]


zipf_pick.cache = {}


def synthetic(path, count, seed):
    """Writes `count` articles as JSON Lines: sentences of the sample corpus recombined, its
    names swapped for others drawn by a Zipf law, publication dates over six years."""
    rng = random.Random(seed)
    articles, gold = sample_articles()
    paragraphs = [p for _, body in articles for p in body.split("\n\n") if len(p) > 80]
    titles = [title for title, _ in articles]
    people = [f"{f} {l}" for f in FIRST for l in LAST]
    rng.shuffle(people)
    orgs = [f"{s} {h}" for s in STEMS for h in HEADS]
    rng.shuffle(orgs)
    swaps = [(name, "person") for name in gold["person"] if " " in name]
    swaps += [(name, "org") for name in gold["org"] if " " in name]
    pattern = re.compile("|".join(re.escape(n) for n, _ in sorted(swaps, key=lambda s: -len(s[0]))))
    kind_of = dict(swaps)
    start = time.mktime((2019, 1, 1, 0, 0, 0, 0, 0, 0))
    span = 6 * 365 * 86400
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            cast = {}

            def swap(match):
                name = match.group(0)
                if name not in cast:
                    pool = people if kind_of[name] == "person" else orgs
                    cast[name] = zipf_pick(rng, pool)
                return cast[name]

            body = "\n\n".join(pattern.sub(swap, p) for p in rng.sample(paragraphs, rng.randint(10, 22)))
            published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + rng.randrange(span)))
            record = {
                "id": f"syn-{seed}-{n:08d}",
                "title": pattern.sub(swap, rng.choice(titles)),
                "body": body,
                "published": published,
                "url": f"https://synthetic.example/{published[:10].replace('-', '/')}/{n}",
                "source": zipf_pick(rng, ["Newswire Example", "Harbour Ledger", "Tech Dispatch", "Daily Example"]),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if n and n % 100000 == 0:
                log(f"  {n} articles written")


def bbc(path, repeat, seed):
    """The BBC corpus `repeat` times with distinct ids and made-up publication dates."""
    rng = random.Random(seed)
    root = SHARED / "corpus" / "bbc"
    files = sorted(p for p in root.rglob("*.txt") if p.name[0].isdigit())
    texts = []
    for file in files:
        title, _, body = file.read_bytes().decode("utf-8", "replace").partition("\n")
        texts.append((str(file.relative_to(root)), title.strip(), body.strip()))
    start = time.mktime((2004, 1, 1, 0, 0, 0, 0, 0, 0))
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(repeat):
            for name, title, body in texts:
                published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + rng.randrange(2 * 365 * 86400)))
                out.write(json.dumps({"id": f"{copy}/{name}", "title": title, "body": body,
                                      "published": published}) + "\n")


def conll_jsonl(path, copies):
    """CoNLL-2003 dev as JSON Lines, one document an article, `copies` times; returns tokens."""
    documents, current = [], []
    for line in open(SHARED / "ner" / "conll2003" / "eng.testa", encoding="utf-8"):
        columns = line.split()
        if not columns:
            current.append("\n")
        elif columns[0] == "-DOCSTART-":
            if current:
                documents.append(current)
            current = []
        else:
            current.append(columns[0])
    if current:
        documents.append(current)
    tokens = 0
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(copies):
            for n, words in enumerate(documents):
                text = " ".join(words).replace(" \n ", "\n").strip()
                tokens += sum(1 for w in words if w != "\n")
                out.write(json.dumps({"id": f"{copy}-{n}", "body": text, "published": "1996-08-30"}) + "\n")
    return tokens


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

def timed(command, stdin=None):
    """Runs a command: (seconds, peak RSS in MB, completed process). Peak RSS is the kernel's
    (ru_maxrss); the process also gets `anon_mb` and `file_mb`, the peaks of its heap and of the
    file pages it maps (tantivy's segments), sampled from /proc every 20 ms."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdin=stdin, stdout=out, stderr=err)
        peaks = {"RssAnon": 0, "RssFile": 0}
        status = Path(f"/proc/{child.pid}/status")
        while True:
            pid, code, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            try:
                for line in status.read_text().splitlines():
                    key, _, value = line.partition(":")
                    if key in peaks:
                        peaks[key] = max(peaks[key], int(value.split()[0]))
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(code)
        cpu = usage.ru_utime + usage.ru_stime
        rss = usage.ru_maxrss / 1024
        out.seek(0)
        err.seek(0)
        process = subprocess.CompletedProcess(command, child.returncode,
                                              out.read().decode("utf-8", "replace"),
                                              err.read().decode("utf-8", "replace"))
    process.cpu_s = cpu
    process.anon_mb = round(peaks["RssAnon"] / 1024, 1)
    process.file_mb = round(peaks["RssFile"] / 1024, 1)
    return seconds, rss, process


def dir_size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_index(corpus, index, threads, extra=(), runs=1):
    """Indexes `corpus` `runs` times into a new index; the figures of the median run."""
    command = [str(BIN), "index", str(corpus), "--index", str(index), "--json", "--quiet", *extra]
    if threads:
        command += ["--threads", str(threads)]
    measured = []
    for _ in range(runs):
        shutil.rmtree(index, ignore_errors=True)
        seconds, rss, process = timed(command)
        if process.returncode not in (0, 1):
            raise SystemExit(f"indexing failed: {process.stderr[-2000:]}")
        measured.append((seconds, rss, process))
    seconds, rss, process = sorted(measured, key=lambda m: m[0])[len(measured) // 2]
    summary = json.loads(process.stdout)
    articles = summary["added"] + summary["replaced"]
    megabytes = corpus.stat().st_size / 1e6
    return {
        "articles": articles,
        "seconds": round(seconds, 2),
        "cpu_s": round(process.cpu_s, 2),
        "articles_per_s": round(articles / seconds),
        "mb_per_s": round(megabytes / seconds, 1),
        "input_mb": round(megabytes, 1),
        "peak_rss_mb": round(rss, 1),
        "peak_anon_mb": process.anon_mb,
        "peak_file_mb": process.file_mb,
        "index_mb": round(dir_size(index) / 1e6, 1),
        "text_index_mb": round(text_index_bytes(index) / 1e6, 1),
    }


# What newsdex adds to an index of the text: its extraction, searchable and stored.
EXTRACTED_FIELDS = {"person", "org", "place", "misc", "person_names", "org_names", "place_names",
                    "misc_names", "entity", "date", "quote", "speaker", "extract"}


def text_index_bytes(index):
    """The index's size with the extracted fields aside, from `stats --json`'s size by field."""
    stats = json.loads(subprocess.run([str(BIN), "stats", "--index", str(index), "--json"],
                                      capture_output=True, text=True, check=True).stdout)
    return sum(size for field, size in stats["size_by_field"].items()
               if field not in EXTRACTED_FIELDS)


def query_set(index):
    """A fixed set of queries, with the person and date range taken from the index itself."""
    stats = json.loads(subprocess.run([str(BIN), "stats", "--index", str(index), "--json"],
                                      capture_output=True, text=True, check=True).stdout)
    person = stats["top"]["person"][0][0] if stats["top"]["person"] else "Lars Brekke"
    months = [m for m, _ in stats["top"]["published_month"]] or ["2019-11"]
    month = months[len(months) // 2]
    return [
        ("term", ["government"]),
        ("phrase", ['"chief executive"']),
        # Not both among the common words that get pairs: answered from positions.
        ("phrase, rarer", ['"mobile phone"']),
        ("person", [f'person:"{person}"']),
        ("date range", [f"published:[{month}-01 TO {month}-28]"]),
        ("facets", ["government", "--facets"]),
        ("sort newest", ["government", "--sort", "newest"]),
    ]


def bench_queries(index, runs):
    """Each query once to warm the page cache (its time is kept as `first_ms`), then `runs`
    times for p50/p95. The indexer's writes are flushed first, so that the disk is idle."""
    os.sync()
    rows = []
    for name, args in query_set(index):
        wall, inside = [], []
        for run in range(runs + 1):
            started = time.perf_counter()
            process = subprocess.run([str(BIN), "query", "--index", str(index), "--json"] + args,
                                     capture_output=True, text=True)
            elapsed = (time.perf_counter() - started) * 1000
            if process.returncode > 1:
                raise SystemExit(f"query {args} failed: {process.stderr}")
            if run == 0:
                first = elapsed
                continue
            wall.append(elapsed)
            inside.append(json.loads(process.stdout)["took_ms"])
        rows.append({
            "query": name, "args": " ".join(args), "first_ms": round(first, 1),
            "p50_ms": round(statistics.median(wall), 1), "p95_ms": round(percentile(wall, 95), 1),
            "in_process_p50_ms": round(statistics.median(inside), 2),
            "in_process_p95_ms": round(percentile(inside, 95), 2),
        })
    return rows


def bench_extract(copies):
    corpus = WORK / "conll-dev.jsonl"
    tokens = conll_jsonl(corpus, copies)
    seconds, rss, process = timed([str(BIN), "extract", str(corpus)])
    if process.returncode != 0:
        raise SystemExit(f"extract failed: {process.stderr[-2000:]}")
    return {"tokens": tokens, "seconds": round(seconds, 2), "tokens_per_s": round(tokens / seconds),
            "peak_rss_mb": round(rss, 1)}


def words_of(corpus):
    """Whitespace-separated words of every record's title and body."""
    words = 0
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            words += len(record.get("title", "").split()) + len(record.get("body", "").split())
    return words


def bench_extract_corpus(corpus, threads, runs):
    """`newsdex extract` over a JSON Lines corpus, its output thrown away: the median of `runs`."""
    command = [str(BIN), "extract", str(corpus)]
    if threads:
        command += ["--threads", str(threads)]
    measured = []
    for _ in range(runs):
        seconds, rss, process = timed(command)
        if process.returncode != 0:
            raise SystemExit(f"extract failed: {process.stderr[-2000:]}")
        measured.append((seconds, rss, process.cpu_s))
    seconds, rss, cpu = sorted(measured)[len(measured) // 2]
    words = words_of(corpus)
    megabytes = corpus.stat().st_size / 1e6
    return {"words": words, "seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
            "words_per_s": round(words / seconds), "mb_per_s": round(megabytes / seconds, 1),
            "input_mb": round(megabytes, 1), "peak_rss_mb": round(rss, 1)}


# What each structure `index --ablate` can leave out serves.
STRUCTURES = [
    ("pairs", ["--ablate", "pairs"], ["title_pairs", "body_pairs"],
     'two-word phrases from one posting list ("chief executive")'),
    ("mention-tokens", ["--ablate", "mention-tokens"], [],
     "ranking an article naming someone often above one naming them once"),
    ("stored-extraction", ["--ablate", "stored-extraction"], ["extract"],
     "show, hits' entities and quotes, entity profiles"),
    ("date-prefixes", ["--ablate", "date-prefixes"], [],
     "date:2019, date:2019-11 matching a day mentioned"),
    ("near-duplicates", ["--no-dedup"], ["bands", "cluster"], "cluster, similar, --collapse"),
]


def bench_structures(corpus, threads, runs):
    """Indexes `corpus` whole and without each structure, in turn, `runs` times each: the CPU
    time (user + system, steadier than wall time on a busy machine) and the index size each
    structure adds. Also times extraction alone (`newsdex extract`, its JSON output included)."""
    variants = [("everything", [])] + [(name, extra) for name, extra, _, _ in STRUCTURES]
    cpu = {name: [] for name, _ in variants}
    sizes = {}
    by_field = None
    index = WORK / "structures-index"
    for run in range(runs):
        for name, extra in variants:
            log(f"  run {run + 1}/{runs}: without {name}")
            result = bench_index(corpus, index, threads, extra)
            cpu[name].append(result["cpu_s"])
            sizes[name] = dir_size(index)
            if name == "everything":
                by_field = json.loads(subprocess.run(
                    [str(BIN), "stats", "--index", str(index), "--json"],
                    capture_output=True, text=True, check=True).stdout)["size_by_field"]
    extraction = bench_extract_corpus(corpus, threads, runs)
    whole_cpu = statistics.median(cpu["everything"])
    whole_size = sizes["everything"]
    rows = [{"structure": "everything (CPU s, MB)", "time_share": round(whole_cpu, 2),
             "size_share": round(whole_size / 1e6, 1), "serves": ""},
            {"structure": "extraction (extract, JSON out)",
             "time_share": f"{extraction['cpu_s'] / whole_cpu:.0%}", "size_share": "",
             "serves": "entities, dates, quotes"}]
    for name, _, fields, serves in STRUCTURES:
        saved = whole_cpu - statistics.median(cpu[name])
        size = whole_size - sizes[name]
        rows.append({"structure": name, "time_share": f"{saved / whole_cpu:.1%}",
                     "size_share": f"{size / whole_size:.1%}", "serves": serves})
    for field in ("body", "title", "entity", "person", "org", "place", "misc", "quote",
                  "speaker", "date", "alias"):
        rows.append({"structure": f"field {field}", "time_share": "",
                     "size_share": f"{by_field.get(field, 0) / whole_size:.1%}", "serves": ""})
    return {"cpu_s": cpu, "sizes": sizes, "size_by_field": by_field, "extraction": extraction,
            "rows": rows}


# ---------------------------------------------------------------------------------------------
# tantivy-cli, the baseline
# ---------------------------------------------------------------------------------------------

TANTIVY_CLI_VERSION = "0.24.0"


def tantivy_cli():
    tools = WORK / "tools"
    binary = tools / "bin" / "tantivy"
    if not binary.exists():
        log(f"installing tantivy-cli {TANTIVY_CLI_VERSION} (once; takes minutes)")
        subprocess.run(["cargo", "install", "tantivy-cli", "--version", TANTIVY_CLI_VERSION,
                        "--root", str(tools), "--quiet"], check=True)
    return binary


def bench_baseline(corpus, threads, runs=1):
    """tantivy-cli indexing title and body only, with positions, stored: raw tantivy. The
    figures of the median of `runs` runs."""
    measured = [baseline_once(corpus, threads) for _ in range(runs)]
    return sorted(measured, key=lambda m: m["seconds"])[len(measured) // 2]


def baseline_once(corpus, threads):
    binary = tantivy_cli()
    index = WORK / "tantivy-cli-index"
    shutil.rmtree(index, ignore_errors=True)
    index.mkdir(parents=True)
    text = {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"}, "stored": True}
    meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
            "segments": [], "schema": [{"name": "title", "type": "text", "options": text},
                                       {"name": "body", "type": "text", "options": text}],
            "opstamp": 0}
    (index / "meta.json").write_text(json.dumps(meta))
    docs = WORK / f"title-body-{corpus.stem}.jsonl"
    if not docs.exists() or docs.stat().st_mtime < corpus.stat().st_mtime:
        with open(corpus, encoding="utf-8") as source, open(docs, "w", encoding="utf-8") as out:
            for line in source:
                record = json.loads(line)
                out.write(json.dumps({"title": record.get("title", ""), "body": record["body"]})
                          + "\n")
    command = [str(binary), "index", "-i", str(index)]
    if threads:
        command += ["-t", str(threads)]
    with open(docs, "rb") as stdin:
        seconds, rss, process = timed(command, stdin=stdin)
    if process.returncode != 0:
        raise SystemExit(f"tantivy-cli failed: {process.stderr[-2000:]}")
    count = sum(1 for _ in open(docs, encoding="utf-8"))
    return {"articles": count, "seconds": round(seconds, 2), "cpu_s": round(process.cpu_s, 2),
            "articles_per_s": round(count / seconds),
            "mb_per_s": round(corpus.stat().st_size / 1e6 / seconds, 1), "peak_rss_mb": round(rss, 1),
            "peak_anon_mb": process.anon_mb, "peak_file_mb": process.file_mb,
            "index_mb": round(dir_size(index) / 1e6, 1)}


# ---------------------------------------------------------------------------------------------

def table(rows, columns):
    widths = [max(len(str(c)), *(len(str(r.get(c, ""))) for r in rows)) for c in columns]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(str(r.get(c, "")).ljust(w) for c, w in zip(columns, widths)) for r in rows]
    return "\n".join(lines)


def print_queries(rows, runs):
    print(f"queries, {runs} runs each after one to warm the cache (first_ms); end to end = "
          "process start to output")
    print(table(rows, ["query", "p50_ms", "p95_ms", "in_process_p50_ms", "in_process_p95_ms",
                       "first_ms"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="synthetic", help="synthetic, bbc, or a .jsonl file")
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles")
    parser.add_argument("--repeat", type=int, default=20, help="copies of the BBC corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=0, help="indexing threads (0: all cores)")
    parser.add_argument("--runs", type=int, default=20, help="runs of each query")
    parser.add_argument("--baseline", action="store_true", help="also run tantivy-cli")
    parser.add_argument("--median-of", type=int, default=3,
                        help="runs of indexing (and of tantivy-cli) whose median is reported")
    parser.add_argument("--structures", action="store_true",
                        help="what each indexed structure costs, in CPU time and size")
    parser.add_argument("--extract-only", action="store_true")
    parser.add_argument("--extract-copies", type=int, default=20, help="copies of CoNLL dev")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--binary", help="measure this newsdex binary (implies --no-build)")
    parser.add_argument("--static", action="store_true",
                        help="build and measure the static binary (see the README)")
    parser.add_argument("--queries-only", action="store_true",
                        help="only query the index the last run left in target/bench/index")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    global BIN
    static_triple = host_triple() if args.static else None
    if static_triple:
        BIN = STATIC_TARGET / static_triple / "release" / "newsdex"
    if args.binary:
        BIN = Path(args.binary).resolve()
    elif not args.no_build:
        build(static_triple)
    log(f"measuring {BIN}")
    results = {"machine": {"cores": os.cpu_count()}, "binary": str(BIN)}
    index = WORK / "index"
    if args.queries_only:
        results["queries"] = bench_queries(index, args.runs)
        print_queries(results["queries"], args.runs)
        (WORK / "results-queries.json").write_text(json.dumps(results, indent=1))
        return

    if args.corpus == "synthetic":
        corpus = WORK / f"synthetic-{args.articles}-{args.seed}.jsonl"
        if not corpus.exists():
            log(f"generating {args.articles} synthetic articles")
            synthetic(corpus, args.articles, args.seed)
    elif args.corpus == "bbc":
        corpus = WORK / f"bbc-x{args.repeat}.jsonl"
        if not corpus.exists():
            if not (SHARED / "corpus" / "bbc").is_dir():
                raise SystemExit(f"no BBC corpus at {SHARED / 'corpus' / 'bbc'}")
            bbc(corpus, args.repeat, args.seed)
    else:
        corpus = Path(args.corpus).resolve()

    if args.structures:
        log(f"structures: indexing {corpus.name} whole and without each, "
            f"{args.median_of} times each")
        results["structures"] = bench_structures(corpus, args.threads, args.median_of)
        print(f"what each structure costs on {corpus.name}: the share of indexing CPU time "
              f"(median of {args.median_of}) and of the index's size it adds")
        print(table(results["structures"]["rows"],
                    ["structure", "time_share", "size_share", "serves"]))
        (WORK / "results-structures.json").write_text(json.dumps(results, indent=1))
        return

    if args.extract_only and args.corpus != "synthetic":
        log(f"extract: {corpus.name}, median of {args.median_of}")
        results["extract"] = bench_extract_corpus(corpus, args.threads, args.median_of)
        rows = [dict(tool="newsdex extract", **results["extract"])]
        if args.baseline:
            log("indexing with tantivy-cli")
            results["baseline"] = bench_baseline(corpus, args.threads, args.median_of)
            rows.append(dict(tool="tantivy-cli index", **results["baseline"]))
        print(f"extraction on {corpus.name} ({results['extract']['input_mb']} MB), "
              f"median of {args.median_of}")
        print(table(rows, ["tool", "words", "seconds", "cpu_s", "words_per_s", "mb_per_s",
                           "peak_rss_mb"]))
        if args.baseline:
            ratio = results["extract"]["seconds"] / results["baseline"]["seconds"]
            print(f"newsdex extract takes {ratio:.2f} times tantivy-cli's indexing time")
        (WORK / "results-extract.json").write_text(json.dumps(results, indent=1))
        return

    if (SHARED / "ner" / "conll2003" / "eng.testa").exists():
        log(f"extract: CoNLL dev x{args.extract_copies} as JSON Lines")
        results["extract"] = bench_extract(args.extract_copies)
        print("newsdex extract (entities, dates, quotes) on CoNLL dev as JSONL")
        print(table([results["extract"]], ["tokens", "seconds", "tokens_per_s", "peak_rss_mb"]))
        print()
    if args.extract_only:
        return

    log(f"indexing {corpus.name}")
    results["index"] = bench_index(corpus, index, args.threads, runs=args.median_of)
    rows = [dict(tool="newsdex", **results["index"])]
    if args.baseline:
        log("indexing with tantivy-cli")
        results["baseline"] = bench_baseline(corpus, args.threads, args.median_of)
        rows.append(dict(tool="tantivy-cli", **results["baseline"]))
        results["ratio"] = {
            "throughput": round(results["index"]["mb_per_s"] / results["baseline"]["mb_per_s"], 2),
            "index_size": round(results["index"]["index_mb"] / results["baseline"]["index_mb"], 2),
            "text_index_size": round(results["index"]["text_index_mb"]
                                     / results["baseline"]["index_mb"], 2),
        }
    print(f"indexing {corpus.name} ({results['index']['input_mb']} MB), median of {args.median_of}")
    print(table(rows, ["tool", "articles", "seconds", "cpu_s", "articles_per_s", "mb_per_s", "peak_rss_mb",
                             "peak_anon_mb", "peak_file_mb", "index_mb", "text_index_mb"]))
    if "ratio" in results:
        print(f"newsdex/tantivy-cli: throughput {results['ratio']['throughput']}, "
              f"index size {results['ratio']['index_size']} "
              f"({results['ratio']['text_index_size']} with the extracted fields aside)")
    print()
    log("querying")
    results["queries"] = bench_queries(index, args.runs)
    print_queries(results["queries"], args.runs)
    (WORK / "results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
