#!/usr/bin/env bash
# Seeds the fuzz corpora, fuzz/corpus/<target>/, from the repository's samples and
# fixtures and from the shared corpus (../shared/corpus beside the repository, or
# $CVMATCH_CORPUS). fuzz/corpus is git-ignored: the shared corpus holds real
# people's CVs and must not be committed. Safe to re-run: seeds are named by
# their SHA-1, so a re-run adds nothing twice (and keeps what fuzzing found).
#
#   fuzz/seed.sh            # a few hundred postings (every 50th of the NHS feed)
#   JOBS_EVERY=10 fuzz/seed.sh   # more postings
set -euo pipefail
cd "$(dirname "$0")"
repo=..
shared="${CVMATCH_CORPUS:-$repo/../shared/corpus}"
every="${JOBS_EVERY:-50}"
max_pdf=$((1 << 20)) # libFuzzer truncates inputs to 1 MiB anyway

# seed TARGET FILE...: copies each file to corpus/TARGET/<sha1>.
seed() {
    local target="$1"
    shift
    mkdir -p "corpus/$target"
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "corpus/$target/$(sha1sum <"$f" | cut -c1-40)"
    done
}

if [ ! -d "$shared" ]; then
    echo "seed: no shared corpus at $shared; seeding from the repository only" >&2
fi

# pdf: the sample CVs, the broken fixtures, the real CVs and the hostile PDFs.
seed pdf "$repo"/samples/cvs/*.pdf "$repo"/tests/fixtures/broken/*
if [ -d "$shared" ]; then
    while IFS= read -r -d '' f; do
        seed pdf "$f"
    done < <(find "$shared/cv-pdfs" "$shared/bad-pdfs" -type f -name '*.pdf' -size -$((max_pdf + 1))c -print0)
fi

# roles_toml: the sample role files.
seed roles_toml "$repo"/samples/roles/*.toml

# roles_jsonld: the sample JSON-LD roles; single postings, short JSON Lines runs
# and one small .jsonl.gz from the NHS feed.
seed roles_jsonld "$repo"/samples/roles/*.jsonld
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
feed="$shared/jobs/nhs-jobs/nhs_jobs.jsonl.gz"
if [ -f "$feed" ]; then
    gzip -dc "$feed" | awk -v every="$every" 'NR % every == 1' >"$tmp/jobs.jsonl" || true
    split -l 1 -a 4 "$tmp/jobs.jsonl" "$tmp/line-"
    seed roles_jsonld "$tmp"/line-*
    head -n 5 "$tmp/jobs.jsonl" >"$tmp/five.jsonl"
    head -n 20 "$tmp/jobs.jsonl" | gzip -c >"$tmp/twenty.jsonl.gz"
    seed roles_jsonld "$tmp/five.jsonl" "$tmp/twenty.jsonl.gz"
fi

# advert_html: the descriptions of those postings and of the sample roles.
python3 - "$tmp" "$repo"/samples/roles/*.jsonld <<'PY'
import json, os, sys
tmp, samples = sys.argv[1], sys.argv[2:]
texts = []
path = os.path.join(tmp, "jobs.jsonl")
if os.path.exists(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                texts.append(json.loads(line).get("description", ""))
            except ValueError:
                pass
for s in samples:
    with open(s, encoding="utf-8") as f:
        v = json.load(f)
    texts.append(v.get("description", ""))
    q = v.get("qualifications")
    if isinstance(q, str):
        texts.append(q)
os.makedirs(os.path.join(tmp, "html"), exist_ok=True)
for i, t in enumerate(t for t in texts if isinstance(t, str) and t):
    with open(os.path.join(tmp, "html", f"{i:05}"), "w", encoding="utf-8") as f:
        f.write(t)
PY
seed advert_html "$tmp"/html/*

# docx: the .docx fixtures as they are, and their XML parts as a parts list (see
# fuzz_targets/docx.rs) so that mutations reach the XML.
seed docx "$repo"/tests/fixtures/docx/*.docx
python3 - "$tmp" "$repo"/tests/fixtures/docx/*.docx <<'PY'
import os, sys, zipfile
tmp, files = sys.argv[1], sys.argv[2:]
parts = ["word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml",
         "_rels/.rels", "word/_rels/document.xml.rels", "[Content_Types].xml"]
sep = b"\n--cvmatch-part--\n"
os.makedirs(os.path.join(tmp, "docx"), exist_ok=True)
for n, path in enumerate(files):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        got = [z.read(p) if p in names else b"" for p in parts]
    for k in (1, 2, len(parts)):  # the body alone, with styles, and all parts
        with open(os.path.join(tmp, "docx", f"{n}-{k}"), "wb") as f:
            f.write(sep.join(got[:k]))
PY
seed docx "$tmp"/docx/*

for t in pdf docx roles_toml roles_jsonld advert_html; do
    printf 'seed: corpus/%-13s %5d files\n' "$t" "$(find "corpus/$t" -type f | wc -l)"
done
