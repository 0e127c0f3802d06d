#!/usr/bin/env python3
"""Generate the built-in job-title thesaurus: src/text/occupations.tsv.gz.

    scripts/gen_occupations.py [TAXONOMY_DIR]

TAXONOMY_DIR defaults to ../shared/taxonomy (next to the repository) and must hold
onet-29.2/{occupation_data,alternate_titles,sample_of_reported_titles}.txt and
esco-1.2.0/occupations_en.csv (see its SOURCES.md). Python 3.11, standard library only.
Writes src/text/occupations.tsv.gz (gzip with mtime 0 and sorted rows, so the same
input always gives the same bytes) and src/text/NOTICE-occupations.md, and prints counts.

## Output format (UTF-8 text, one record a line, fields separated by TAB)

    # comment                     attribution and provenance (lines starting with '#')
    O<TAB>code<TAB>name           an occupation
    T<TAB>code<TAB>votes<TAB>title a job title of that occupation

- O rows come first, sorted by code; T rows follow, sorted by (comparison key, code).
- `code` is an O*NET-SOC code (`15-2051.00`) or `esco:<8 hex>` for an ESCO occupation
  that no O*NET occupation shares a label with (the last 8 hex digits of its conceptUri).
- `votes` (>= 1) is how many sources list that title for that code. The sources are: the
  O*NET occupation title; each O*NET source of an alternate title (the `Source(s)` column,
  e.g. `04,06` counts two); the O*NET short title; the O*NET reported titles; ESCO
  preferred labels; ESCO alternative labels. A title listed for several codes has one row
  per code, so a reader can prefer the most attested code.
- One row per (code, comparison key): the comparison key folds case, accents, punctuation
  and a plural "s" ("Accountants" = "accountant"), and drops "and"/"the"/"a"/"an". The
  title shown is the first form seen, O*NET before ESCO.

## What goes in

- O*NET 29.2: every occupation (code and title); as titles, the occupation title itself
  (except the residual "..., All Other" categories, whose titles are not job titles: they
  analyse to a bare "Managers" or "Engineers"), every alternate title and short title,
  and every reported title.
- ESCO 1.2.0: each occupation's preferred and alternative labels. An ESCO occupation is
  linked to the O*NET occupation with which it shares the most labels (compared by key;
  ties go to the shared labels that fewer O*NET occupations use, then the lowest code);
  its labels become titles of that code. With no shared label it becomes its own
  occupation, `esco:<8 hex>`, named by its preferred label.
- Title clean-up: the O*NET "Certified Public Accountant (CPA)" gives both "Certified
  Public Accountant" and "CPA" (O*NET puts synonyms in brackets; ESCO puts qualifiers
  there, "welfare officer (education)", so ESCO labels stay whole); whitespace and
  invisible format characters are normalised. Dropped: empty titles, titles over 80 characters, and
  noise: no letter, nothing but stop words and digits, or a single word of one or two
  letters ("MD", "RA", "CO": too ambiguous to match on).
- A few titles of cvmatch's own (EXTRA_TITLES, source "cvmatch"), each with its reason.
"""
import csv
import gzip
import io
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "text" / "occupations.tsv.gz"
NOTICE = ROOT / "src" / "text" / "NOTICE-occupations.md"
GENERATOR = "scripts/gen_occupations.py"

MAX_TITLE_CHARS = 80
# Words left out of the comparison key, and words a title may not consist of alone.
KEY_DROP = {"and", "the", "a", "an"}
STOP = KEY_DROP | {
    "of", "for", "in", "on", "at", "to", "or", "with", "by", "all", "other", "n", "na",
}

# cvmatch's own additions, one vote each (source "cvmatch"): titles common in UK and
# software CVs that neither source has, or where the sources' vote is misleading for
# CVs. Kept short; each says why.
EXTRA_TITLES = [
    # Scrum's other named role, next to "Scrum Master" (in neither source).
    ("15-1299.09", "Product Owner"),
    # In CVs a "Developer" writes software; O*NET's votes tip the bare word to
    # photographic film developers (51-9151.00, 4 sources against 3).
    ("15-1252.00", "Developer"),
    # UK radiographers are diagnostic radiographers (NHS); O*NET ties three codes and
    # the lowest is a residual "All Other" one.
    ("29-2034.00", "Radiographer"),
    # UK social care: O*NET lists "Care Assistant" only under animal caretakers, and
    # neither source has "Carer" or a bare "Support Worker".
    ("31-1122.00", "Care Assistant"),
    ("31-1122.00", "Carer"),
    ("21-1093.00", "Support Worker"),
]

ONET_DB = "O*NET 29.2 Database"
ONET_CREDIT = (
    f"This product includes information from the {ONET_DB} by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. cvmatch has modified all or some of this information (titles are cleaned, "
    "normalised, merged with ESCO labels and used as a matching thesaurus); USDOL/ETA has "
    "not approved, endorsed, or tested these modifications. O*NET\u00ae is a trademark of "
    "USDOL/ETA."
)
ESCO_CREDIT = "This service uses the ESCO classification of the European Commission."
ESCO_DETAIL = (
    "ESCO v1.2.0 occupations (English labels), (c) European Union; reuse authorised under "
    "Commission Decision 2011/833/EU provided the source is acknowledged. The labels were "
    "modified (cleaned, normalised, linked to O*NET occupations and merged)."
)


def clean(text: str) -> str:
    """Normalises whitespace and drops invisible format characters (zero-width spaces)."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text).strip().strip('"').strip()


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key(title: str) -> str:
    """Comparison key: case, accents, punctuation and a plural "s" folded."""
    words = re.sub(r"[^0-9a-z]+", " ", fold(title).replace("'s", "")).split()
    return " ".join(singular(w) for w in words if w not in KEY_DROP)


def is_noise(title: str) -> bool:
    if not title or len(title) > MAX_TITLE_CHARS or not re.search(r"[^\W\d_]", title):
        return True
    words = re.sub(r"[^0-9a-z]+", " ", fold(title)).split()
    content = [w for w in words if w not in STOP and not w.isdigit()]
    if not content:
        return True
    return len(words) == 1 and len(words[0]) <= 2


def variants(raw: str, split_brackets: bool) -> list[str]:
    """A title and, for O*NET titles ending in a bracketed synonym ("Certified Public
    Accountant (CPA)"), both halves. The bracketed half is kept only when it has two
    words or more or is an acronym: a single ordinary word in brackets qualifies rather
    than names ("(Cyber)", "(Admin)"). ESCO brackets qualify ("welfare officer
    (education)"), so ESCO labels are kept whole."""
    title = clean(raw)
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", title) if split_brackets else None
    if m:
        inner = clean(m.group(2))
        out = [m.group(1)]
        if len(inner.split()) >= 2 or (inner.isupper() and len(inner) >= 3):
            out.append(inner)
    else:
        out = [title]
    return [clean(t) for t in out if not is_noise(clean(t))]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> None:
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "taxonomy"
    onet = base / "onet-29.2"
    esco_path = base / "esco-1.2.0" / "occupations_en.csv"

    names: dict[str, str] = {}
    # (code, key) -> [surface form, set of source tags]
    titles: dict[tuple[str, str], list] = {}

    def add(code: str, raw: str, source: str) -> None:
        for t in variants(raw, source.startswith("onet:")):
            k = key(t)
            if not k:
                continue
            entry = titles.setdefault((code, k), [t, set()])
            entry[1].add(source)

    for r in read_tsv(onet / "occupation_data.txt"):
        code, title = r["O*NET-SOC Code"].strip(), clean(r["Title"])
        names[code] = title
        if not title.endswith("All Other"):
            add(code, title, "onet:title")
    for r in read_tsv(onet / "alternate_titles.txt"):
        code = r["O*NET-SOC Code"].strip()
        for src in r["Source(s)"].split(","):
            add(code, r["Alternate Title"], f"onet:alt:{src.strip()}")
        short = clean(r["Short Title"])
        if short and short != "n/a":
            add(code, short, "onet:short")
    for r in read_tsv(onet / "sample_of_reported_titles.txt"):
        add(r["O*NET-SOC Code"].strip(), r["Reported Job Title"], "onet:reported")
    onet_titles = len(titles)

    unknown = {c for c, _ in titles} - names.keys()
    if unknown:
        sys.exit(f"titles for unknown O*NET codes: {sorted(unknown)[:5]}")

    # Which O*NET codes use each key, for linking ESCO occupations.
    codes_of_key: dict[str, set[str]] = defaultdict(set)
    for code, k in titles:
        codes_of_key[k].add(code)

    with esco_path.open(encoding="utf-8", newline="") as f:
        esco = list(csv.DictReader(f))
    linked = own = 0
    for r in sorted(esco, key=lambda r: r["conceptUri"]):
        pref = clean(r["preferredLabel"])
        alts = [clean(a) for a in r["altLabels"].split("\n") if clean(a)]
        keys = {key(t) for label in [pref, *alts] for t in variants(label, False)} - {""}
        shared: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        for k in keys:
            for code in codes_of_key.get(k, ()):
                shared[code][0] += 1
                shared[code][1] += 1.0 / len(codes_of_key[k])
        if shared:
            code = min(shared, key=lambda c: (-shared[c][0], -shared[c][1], c))
            linked += 1
        else:
            code = "esco:" + r["conceptUri"].rstrip("/").rsplit("/", 1)[-1].replace("-", "")[-8:]
            if code in names:
                sys.exit(f"ESCO code collision: {code}")
            names[code] = pref
            own += 1
        add(code, pref, "esco:pref")
        for a in alts:
            add(code, a, "esco:alt")

    # After linking, so that they do not sway it.
    for code, title in EXTRA_TITLES:
        add(code, title, "cvmatch")

    o_rows = [f"O\t{c}\t{names[c]}" for c in sorted(names)]
    t_rows = [
        f"T\t{code}\t{len(srcs)}\t{surface}"
        for (code, k), (surface, srcs) in sorted(titles.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]
    keys_codes: dict[str, int] = defaultdict(int)
    for code, k in titles:
        keys_codes[k] += 1
    header = [
        "# cvmatch job-title thesaurus: occupations (O rows) and their job titles (T rows).",
        f"# Generated by {GENERATOR} from O*NET 29.2 and ESCO 1.2.0; do not edit by hand.",
        "# Format: O<TAB>code<TAB>name | T<TAB>code<TAB>votes<TAB>title (votes: sources listing it).",
        f"# O*NET: {ONET_CREDIT}",
        f"# ESCO: {ESCO_CREDIT} {ESCO_DETAIL}",
    ]
    text = "\n".join(header + o_rows + t_rows) + "\n"
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    NOTICE.write_text(notice(), encoding="utf-8")

    onet_codes = sum(1 for c in names if not c.startswith("esco:"))
    print(f"occupations: {len(names)} ({onet_codes} O*NET, {own} ESCO-only)")
    print(f"ESCO occupations: {len(esco)} ({linked} linked to O*NET, {own} own codes)")
    print(f"title rows: {len(t_rows)} ({onet_titles} O*NET (code, title) pairs, the rest ESCO and cvmatch's own)")
    print(f"distinct title keys: {len(keys_codes)} ({sum(1 for n in keys_codes.values() if n > 1)} under several codes)")
    print(f"{OUT.relative_to(ROOT)}: {len(text.encode('utf-8'))} bytes, {len(buf.getvalue())} gzipped")


def notice() -> str:
    return f"""# Job-title thesaurus: data sources and licences

`occupations.tsv.gz` (the built-in thesaurus of `occupations.rs`) is generated by
`{GENERATOR}` from two public classifications. It is not the original data:
titles were cleaned (bracketed synonyms split off, whitespace normalised, noise and
titles over {MAX_TITLE_CHARS} characters dropped), normalised for comparison (case,
punctuation, plural "s"), de-duplicated and merged: ESCO occupations were linked to
the O*NET occupation sharing most labels, and their labels added to it as titles. A
handful of titles are cvmatch's own additions (`EXTRA_TITLES` in the generator, each
with its reason).

## O*NET 29.2 Database

- Files: `Occupation Data.txt`, `Alternate Titles.txt`, `Sample of Reported Titles.txt`
  (O*NET 29.2, February 2025), from <https://www.onetcenter.org/database.html>.
- Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),
  <https://creativecommons.org/licenses/by/4.0/>; see
  <https://www.onetcenter.org/license_db.html>.
- Required credit:

  {ONET_CREDIT}

## ESCO 1.2.0 occupations (English)

- File: `occupations_en.csv` (preferred and alternative labels, concept URIs).
- Licence: reuse is authorised provided the source is acknowledged (Commission Decision
  2011/833/EU on the reuse of Commission documents).
- Required credit:

  {ESCO_CREDIT}

  {ESCO_DETAIL}
"""


if __name__ == "__main__":
    main()
