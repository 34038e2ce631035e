#!/usr/bin/env python3
"""End-to-end latency of two newsdex binaries on the same index, their runs interleaved so that the
machine's drift falls on both alike (run one after the other, two runs of the same binary differ
by more than a millisecond or two).

    scripts/compare.py target/release/newsdex target/static/x86_64-unknown-linux-gnu/release/newsdex
    scripts/compare.py A B --index target/bench/index --runs 25
    scripts/compare.py A B --extract ../shared/corpus/bbc --runs 5       # extraction speed
    scripts/compare.py A B --extract ../shared/ner/conll2003/eng.testa.txt --runs 5

Each command runs once untimed per binary, then `--runs` times per binary in turn; it prints the
p50 of each, in milliseconds from process start to exit. With `--extract PATH`, the command is
`newsdex extract PATH` on all cores instead, and it prints the words (whitespace-separated, of
every file under PATH) per second of each binary.
"""

import argparse
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands(index):
    return [
        ["--version"],
        ["query", "government", "--index", index, "--json"],
        ["query", '"chief executive"', "--index", index, "--json"],
        ["query", "government", "--sort", "newest", "--index", index, "--json"],
    ]


def run(binary, args):
    started = time.perf_counter()
    subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--index", default=str(ROOT / "target" / "bench" / "index"))
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--extract", help="compare `newsdex extract` on this file or directory")
    args = parser.parse_args()
    if args.extract:
        compare_extraction(args)
        return
    print(f"p50 ms, {args.runs} interleaved runs each: A = {args.a}, B = {args.b}")
    for command in commands(args.index):
        a, b = interleaved(args, command)
        label = " ".join(command[:2]) if command[0] == "query" else command[0]
        if "--sort" in command:
            label += " --sort newest"
        print(f"{label:32} A {a:6.2f}   B {b:6.2f}   A - B {a - b:5.2f}")


def interleaved(args, command):
    """The p50 in ms of each binary on `command`: one untimed run each, then `--runs` in turn."""
    times = {args.a: [], args.b: []}
    for binary in times:
        run(binary, command)
    for _ in range(args.runs):
        for binary in times:
            times[binary].append(run(binary, command))
    return statistics.median(times[args.a]), statistics.median(times[args.b])


def words_in(path):
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return sum(len(f.read_bytes().split()) for f in files)


def compare_extraction(args):
    words = words_in(Path(args.extract))
    p50 = interleaved(args, ["extract", args.extract])
    print(f"extract {args.extract}: {words:,} words; p50 of {args.runs} interleaved runs each")
    for name, binary, ms in (("A", args.a, p50[0]), ("B", args.b, p50[1])):
        print(f"{name} {ms:8.0f} ms  {words / ms * 1000 / 1e6:5.2f}M words/s  {binary}")


if __name__ == "__main__":
    main()
