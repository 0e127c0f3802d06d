#!/usr/bin/env python3
"""Generate src/text/agent_nouns.txt: occupation nouns the analyser keeps apart from
their activities.

    scripts/gen_agent_nouns.py [TAXONOMY_DIR]      # default ../shared/taxonomy

The English (Porter2) stemmer merges many occupation nouns with the activity or
thing they are named after: accountant/account, designer/design, developer/develop,
manager/management, engineer/engine, nurse/nursing, operator/operations. A CV that
"designed a database" then matches a "Designer" role. This script lists the nouns to
protect, from public occupation titles (O*NET 29.2 occupation, alternate and reported
titles; ESCO 1.2.0 occupation labels) and the words of occupation texts (O*NET task
statements and descriptions; ESCO descriptions):

1. head nouns: the last word of each title (brackets and anything after a comma
   dropped), singular, used as the head of at least MIN_TITLES titles;
2. shaped like a noun for a person: ending in -er, -or, -ist, -ian, -ant, -ent, -eer,
   -ive, -ary, -ate or -man, or one of PERSON_NOUNS (nurse, aide, chef…);
3. whose Porter2 stem is shared with another word of the occupation texts that is
   not one of the noun's own forms (plural, possessive) and is used at least
   MIN_WORD times.

The analyser then maps such a noun (and its plural) to itself instead of its stem.
Needs: pip install snowballstemmer (the same Snowball English algorithm as
rust-stemmers). Writes the list sorted, with this provenance in its header.
"""
import collections
import csv
import re
import sys
from pathlib import Path

import snowballstemmer

MIN_TITLES = 3
MIN_WORD = 3
SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "eer", "ive", "ary", "ate", "man")
PERSON_NOUNS = {"nurse", "aide", "chef", "cook", "clerk", "guide", "midwife", "nanny", "porter", "steward"}
NOT_PERSONS = {"paper", "water", "center", "computer", "order", "meter", "member", "matter", "number",
               "power", "other", "border", "layer", "letter", "filter", "poster", "cluster", "folder",
               "tractor", "motor", "sector", "monitor", "reactor", "elevator", "generator", "factor",
               "vendor", "component", "equipment", "environment", "department", "agent", "patient",
               "content", "event", "client", "student", "parent", "resident", "recipient", "plant",
               "material", "sedative", "initiative", "native", "alternative", "corporate", "estate",
               "state", "rate", "plate", "gate", "date", "late", "private", "climate", "candidate",
               "delegate", "graduate", "primate", "summary", "library", "salary", "dictionary",
               "glossary", "boundary", "commentary", "temporary", "secondary", "primary", "military",
               "dietary", "veterinary", "sanitary", "stationary", "adversary", "beneficiary",
               "intermediary", "documentary", "lavatory", "human", "woman", "german", "roman",
               "development", "management", "register", "enginer", "placement", "statement",
               "treatment", "procurement", "recruitment", "assessment", "investment"}


def main() -> None:
    tax = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent.parent / "shared/taxonomy")
    stem = snowballstemmer.stemmer("english").stemWord
    titles, texts = [], []
    for f, col, into in [
        ("onet-29.2/occupation_data.txt", "Title", titles),
        ("onet-29.2/alternate_titles.txt", "Alternate Title", titles),
        ("onet-29.2/sample_of_reported_titles.txt", "Reported Job Title", titles),
        ("onet-29.2/task_statements.txt", "Task", texts),
        ("onet-29.2/occupation_data.txt", "Description", texts),
    ]:
        with open(tax / f, encoding="utf-8", newline="") as fh:
            into.extend(r[col] for r in csv.DictReader(fh, delimiter="\t"))
    with open(tax / "esco-1.2.0/occupations_en.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            titles.append(r["preferredLabel"])
            titles.extend(r["altLabels"].split("\n"))
            texts.append(r["description"])

    def singular(w: str) -> str:
        if w.endswith("ies") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            return w[:-1]
        return w

    heads = collections.Counter()
    for t in titles:
        t = re.sub(r"\(.*?\)", "", t.lower()).split(",")[0]
        words = re.findall(r"[a-z]+", t)
        if words:
            heads[singular(words[-1])] += 1
    vocab = collections.Counter()
    for t in texts + titles:
        vocab.update(re.findall(r"[a-z]+", t.lower()))
    by_stem = collections.defaultdict(set)
    for w in vocab:
        by_stem[stem(w)].add(w)
    out = []
    for n, c in heads.items():
        if c < MIN_TITLES or len(n) < 4 or n in NOT_PERSONS:
            continue
        if not (n.endswith(SUFFIXES) or n in PERSON_NOUNS):
            continue
        s = stem(n)
        if s == n:
            continue
        own = {n, n + "s", n + "es", n + "'s", n[:-1] + "ies" if n.endswith("y") else n}
        if any(vocab[o] >= MIN_WORD for o in by_stem[s] - own):
            out.append(n)
    out.sort()
    dest = Path(__file__).resolve().parent.parent / "src/text/agent_nouns.txt"
    with open(dest, "w", encoding="utf-8") as f:
        f.write("# Occupation nouns the analyser keeps apart from their activities (one per line).\n")
        f.write("# Generated by scripts/gen_agent_nouns.py from O*NET 29.2 (USDOL/ETA, CC BY 4.0, modified:\n")
        f.write("# title head nouns only) and ESCO 1.2.0 occupation data (\"This service uses the ESCO\n")
        f.write("# classification of the European Commission.\"). Do not edit by hand.\n")
        for n in out:
            f.write(n + "\n")
    print(f"{len(out)} nouns -> {dest}")


if __name__ == "__main__":
    main()
