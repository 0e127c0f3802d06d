#!/usr/bin/env python3
"""Evaluate cvmatch on the labelled resumes against our own role descriptions.

    scripts/labelled_eval.py [--config FILE] [--raw] [--json-out FILE]
                             [--keep-dir DIR] [--roles DIR] [--csv FILE]

Reads `../shared/corpus/labelled/updated-resume-dataset/UpdatedResumeDataSet.csv`
(relative to the repository root; skips with a message when absent). The file is
not valid UTF-8: mangled bullets and quotes are mapped (see `decode`), the
rest is read lossily. Every DISTINCT resume text (166 of 962 rows)
is written to a temporary directory as `cv-NNN.txt`, with `labels.csv`
(`cv,role_id`; the role id is the category slug: lowercase, runs of other
characters as `-`, e.g. "Health and fitness" -> `health-and-fitness`). The roles
in `eval/labelled-roles` (one per category, written by us) are indexed in the
same temporary directory, and

    cvmatch eval labels.csv --index IDX --format json [--config FILE]

is run with `$CVMATCH_BIN`, else `target/release/cvmatch` under
`$CARGO_TARGET_DIR` or the repository. The summary (top-1, top-3, MRR and most
confused pairs, cvmatch and the TF-IDF baseline) is printed; `--json-out` also
saves the full report (per-CV ranks, no resume text). Resume text is never
printed, and the temporary directory is deleted unless `--keep-dir` names one
(which must be outside the repository).

Line-splitting rule (`--raw` turns it off and writes the texts as they are).
The texts keep few line breaks: bullets, headings and fields run on inside one
line, so cvmatch's section and evidence analysis, which works on lines, would
see one long "line" per section. In order:

1. `\\r\\n` and `\\r` become `\\n`; no-break spaces become spaces.
2. Bullets become line breaks: a run of bullet characters (`*`, `•`, `·`, `▪`,
   `●`, `◦`, `❖`, `➢`, `►`, `✓`, private-use symbol-font glyphs U+F000-U+F0FF,
   and U+FFFD with the `?` that the mangled UTF-8 bullet leaves) that starts the
   text or follows whitespace and is followed by whitespace.
3. Known section headings that run into the text (the dataset glues them on,
   e.g. `...learning.Education Details`) get a line of their own: `Education
   Details`, `Skill Details`, `Company Details`, `Project Details`, `Technical
   Skills`, `Key Skills`, `Work Experience`, `Professional Experience`,
   `Personal Details`, `Career Objective`, `Professional Summary` (case-sensitive,
   as written).
4. A line still longer than 200 characters is split after sentence ends
   (`.`, `;` or `!` followed by a space and a capital or digit) and at ` - `
   separators between fields.

The rule is about the layout of the text only; it never looks at the category.

`--drop-category-lines` (a label-leak guard) drops every line that is exactly
one of the 25 category names (any category, not the CV's own; case-insensitive).
66 of the 166 texts hold a line that is exactly their own category ("Data
Science", "Testing", ...), which a title-aware matcher can read as the answer.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_DEFAULT = ROOT.parent / "shared/corpus/labelled/updated-resume-dataset/UpdatedResumeDataSet.csv"
ROLES_DEFAULT = ROOT / "eval/labelled-roles"

BULLET_CHARS = "*•·▪●◦❖➢►✓\ufffd\uf000-\uf0ff"
BULLET = re.compile(r"(?:^|(?<=\s))[" + BULLET_CHARS + r"][" + BULLET_CHARS + r"?]*(?=\s|$)", re.M)
HEADINGS = [
    "Education Details", "Skill Details", "Company Details", "Project Details",
    "Technical Skills", "Key Skills", "Work Experience", "Professional Experience",
    "Personal Details", "Career Objective", "Professional Summary",
]
HEADING = re.compile(r"\s*(" + "|".join(re.escape(h) for h in HEADINGS) + r")\s*")
SENTENCE = re.compile(r"(?<=[.;!])\s+(?=[A-Z0-9])")
FIELD = re.compile(r"\s+-\s+")
LONG = 200


# The file's multi-byte characters lost their middle byte to "?" (e.g. "•",
# E2 80 A2, is stored as E2 3F A2). Bullet-like ones become a spaced "•", an
# ellipsis "...", a quote "'"; the rest is decoded lossily (U+FFFD).
MANGLED = [
    (re.compile(rb"\xe2\?[\xa2\xaa\xb6\x8f\x9d]|\xe2\x9d\?|\xef\?\xb7|\xef\x81\xb6"), " \u2022 ".encode()),
    (re.compile(rb"\xe2\?\xa6"), b"..."),
    (re.compile(rb"\xe2\?\?|\xef\?\?"), b"'"),
]


def decode(data: bytes) -> str:
    for pattern, repl in MANGLED:
        data = pattern.sub(repl, data)
    return data.decode("utf-8", errors="replace")


def slug(category: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", category.lower()).strip("-")


def split_lines(text: str) -> str:
    t = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    t = BULLET.sub("\n", t)
    t = HEADING.sub(lambda m: "\n" + m.group(1) + "\n", t)
    out = []
    for line in t.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > LONG:
            parts = []
            for sentence in SENTENCE.split(line):
                parts.extend(FIELD.split(sentence) if len(sentence) > LONG else [sentence])
            out.extend(p.strip() for p in parts if p.strip())
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def find_binary() -> Path:
    if os.environ.get("CVMATCH_BIN"):
        return Path(os.environ["CVMATCH_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return target / "release/cvmatch"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", help="cvmatch settings file (weights), passed through")
    ap.add_argument("--raw", action="store_true", help="write the texts without line splitting")
    ap.add_argument("--drop-category-lines", action="store_true",
                    help="drop lines that equal any category name (label-leak guard)")
    ap.add_argument("--json-out", help="save cvmatch's JSON eval report here")
    ap.add_argument("--keep-dir", help="work in this directory (outside the repo) and keep it")
    ap.add_argument("--roles", default=str(ROLES_DEFAULT), help="role files to index")
    ap.add_argument("--csv", default=str(CSV_DEFAULT), help="the labelled resume CSV")
    args = ap.parse_args()

    csv_path = Path(args.csv)
    if not csv_path.exists():
        print(f"skipped: {csv_path} not found (the shared corpus is not present)")
        return 0
    binary = find_binary()
    if not binary.exists():
        print(f"error: no cvmatch binary at {binary}; build with `cargo build --release` "
              "or set CVMATCH_BIN", file=sys.stderr)
        return 2

    csv.field_size_limit(1 << 24)
    seen: set[str] = set()
    resumes: list[tuple[str, str]] = []
    with io.StringIO(decode(csv_path.read_bytes()), newline="") as f:
        for row in csv.DictReader(f):
            cat, text = (row.get("Category") or "").strip(), row.get("Resume") or ""
            if cat and text.strip() and text not in seen:
                seen.add(text)
                resumes.append((cat, text))

    categories = {c.lower() for c, _ in resumes}

    def prepare(text: str) -> str:
        t = text if args.raw else split_lines(text)
        if args.drop_category_lines:
            t = "\n".join(l for l in t.replace("\r\n", "\n").split("\n")
                          if l.strip().lower() not in categories) + "\n"
        return t

    role_ids = {p.stem for p in Path(args.roles).rglob("*.toml")}
    missing = sorted({slug(c) for c, _ in resumes} - role_ids)
    if missing:
        print(f"error: no role file for {', '.join(missing)}", file=sys.stderr)
        return 2

    if args.keep_dir:
        work = Path(args.keep_dir).resolve()
        if ROOT in work.parents or work == ROOT:
            print("error: --keep-dir must be outside the repository", file=sys.stderr)
            return 2
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="cvmatch-labelled-"))
    try:
        cvs = work / "cvs"
        cvs.mkdir()
        with open(cvs / "labels.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["cv", "role_id"])
            for i, (cat, text) in enumerate(resumes, 1):
                name = f"cv-{i:03d}.txt"
                (cvs / name).write_text(prepare(text), encoding="utf-8")
                w.writerow([name, slug(cat)])
        idx = work / "index"
        subprocess.run([str(binary), "index", "--roles", args.roles, "--index", str(idx)],
                       check=True, stdout=subprocess.DEVNULL)
        cmd = [str(binary), "eval", str(cvs / "labels.csv"), "--index", str(idx), "--format", "json"]
        if args.config:
            cmd += ["--config", args.config]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(report, indent=1) + "\n")
    finally:
        if not args.keep_dir:
            shutil.rmtree(work, ignore_errors=True)

    print(f"{len(resumes)} distinct CVs, {len(role_ids)} roles, "
          f"{'raw text' if args.raw else 'split lines'}"
          f"{', category-name lines dropped' if args.drop_category_lines else ''}, config: {args.config or 'defaults'}")
    print(f"{'system':<16} {'n':>4} {'top1':>6} {'top3':>6} {'MRR':>6}")
    for s in report["systems"]:
        print(f"{s['system']:<16} {s['n']:>4} {s['top1']:>6.3f} {s['top3']:>6.3f} {s['mrr']:>6.3f}")
    rows = report["rows"]
    wins = sum(1 for r in rows if (r["rank_cvmatch"] or 99) < (r["rank_baseline"] or 99))
    losses = sum(1 for r in rows if (r["rank_cvmatch"] or 99) > (r["rank_baseline"] or 99))
    print(f"per CV: cvmatch ranks the right role higher in {wins}, lower in {losses}, "
          f"same in {len(rows) - wins - losses}")
    for s in report["systems"]:
        pairs = ", ".join(f"{c['expected']}->{c['predicted']} {c['count']}" for c in s["confusions"][:6])
        print(f"confused ({s['system']}): {pairs}")
    if report.get("errors"):
        print(f"errors: {len(report['errors'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
