#!/usr/bin/env python3
"""Prepare the criterion gold set's judging tasks: real NHS adverts against real and sample CVs.

    scripts/gold_prepare.py OUT_DIR

Needs ../shared/corpus (NHS adverts, real CV PDFs), pdftotext, and a release build of
cvmatch ($CVMATCH_BIN, else target/release/cvmatch). Writes, outside the repository:

- OUT_DIR/cvs/<cv-key>.txt: the CV texts to read (sample CVs through `cvmatch extract`,
  real CVs through poppler's pdftotext, an extractor that is not ours);
- OUT_DIR/tasks.jsonl: one (CV, advert) pair a line, with the advert's title and every
  criterion of its person specification as cvmatch's parser reads it (priority, text, key);
- OUT_DIR/pairs.csv: the pairs.

The committed result is eval/gold/judgements.csv (see eval/gold/README.md); this script
only fixes which pairs are judged. Choices, fixed before any judging or scoring:

- ADVERTS: 28 NHS adverts with at least three Essential criteria, picked by reading their
  titles for a spread of occupations (IT, data, finance, administration, management,
  engineering technicians, pharmacy, psychology, nursing, allied health, medicine), one per
  kind of post;
- CVS: the 17 sample CVs and 18 real English CVs of ../shared/corpus/cv-pdfs (software,
  data, product, business analysis, sales, finance, construction, design, security);
- each CV is paired with the advert most similar to it by a plain TF-IDF cosine (the
  advert a recruiter would try first) and with one other advert drawn at random (seed 7),
  so that both fitting and non-fitting pairs are judged.
"""
import json, math, os, random, re, subprocess, sys, tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
ADVERTS = [
    "nhs_jobs:6590", "nhs_jobs:9663", "nhs_jobs:9466", "nhs_jobs:6409", "nhs_jobs:12419",
    "nhs_jobs:11913", "nhs_jobs:12800", "nhs_jobs:9480", "nhs_jobs:14773", "nhs_jobs:235",
    "nhs_jobs:5753", "nhs_jobs:11390", "nhs_jobs:11410", "nhs_jobs:2775", "nhs_jobs:9871",
    "nhs_jobs:3637", "nhs_jobs:9970", "nhs_jobs:4675", "nhs_jobs:7689", "nhs_jobs:1371",
    "nhs_jobs:1544", "nhs_jobs:1715", "nhs_jobs:6937", "nhs_jobs:1654", "nhs_jobs:12274",
    "nhs_jobs:5294", "nhs_jobs:8954", "nhs_jobs:9890",
]
REAL_CVS = [
    "resume-matcher/john_doe.pdf", "resume-matcher/template_single-column.pdf",
    "resume-matcher/alfred_pennyworth_pm.pdf", "resume-matcher/bruce_wayne_fullstack.pdf",
    "resume-matcher/Nandagopal.pdf", "resume-matcher/CV_Athul_Sivan.pdf",
    "omkar-resumeparser/Abhisheks_Resume.pdf", "omkar-resumeparser/Alvin_Amegashie_Resume.pdf",
    "omkar-resumeparser/Sales_Associate.pdf", "omkar-resumeparser/atulsharma.pdf",
    "keshav-resumeocr/Ganeshni.pdf", "keshav-resumeocr/MriduG_Resume.pdf",
    "europass/Europass-CV-20130618-Emmanouilidi-EN.pdf", "mcdowell-cv/pr_Joe_Gutstadt_Resume.pdf",
    "personal-repos/0lzi__Oliver_Kelly.pdf", "personal-repos/0xTheMercury__Resume.pdf",
    "personal-repos/006080__CV_pdf24.pdf", "personal-repos/1234shakil__Resume.pdf",
]
STOP = set("a an and are as at be by for from has have in is it its of on or that the to was were will with you your we our this".split())


def binary():
    b = os.environ.get("CVMATCH_BIN")
    if b:
        return b
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "release" / "cvmatch")


def words(t):
    return [w for w in re.findall(r"[a-z0-9]+", t.lower()) if len(w) > 1 and w not in STOP]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1]).resolve()
    if ROOT in out.parents or out == ROOT:
        sys.exit("OUT_DIR must be outside the repository (it holds CV text)")
    (out / "cvs").mkdir(parents=True, exist_ok=True)
    cvm = binary()
    with tempfile.TemporaryDirectory() as tmp:
        idx = Path(tmp) / "idx"
        subprocess.run([cvm, "index", "--roles", str(SHARED / "jobs/nhs-jobs/nhs_jobs.jsonl.gz"),
                        "--index", str(idx)], check=True, capture_output=True)
        roles = {}
        for line in subprocess.run([cvm, "roles", "--index", str(idx), "--format", "jsonl"],
                                   check=True, capture_output=True, text=True).stdout.splitlines():
            r = json.loads(line)
            if r["id"] in ADVERTS:
                roles[r["id"]] = r
        ex = Path(tmp) / "ex"
        subprocess.run([cvm, "extract", str(ROOT / "samples/cvs"), "--out-dir", str(ex)],
                       check=True, capture_output=True)
        cvs = {}
        for f in sorted(ex.glob("*.txt")):
            cvs[f"samples/cvs/{f.stem}.pdf"] = f.read_text()
    for rel in REAL_CVS:
        txt = subprocess.run(["pdftotext", "-enc", "UTF-8", str(SHARED / "cv-pdfs" / rel), "-"],
                             check=True, capture_output=True, text=True).stdout
        cvs[f"shared/corpus/cv-pdfs/{rel}"] = txt
    missing = [a for a in ADVERTS if a not in roles]
    if missing:
        sys.exit(f"adverts not found: {missing}")

    def advert_text(r):
        return "\n".join([r["title"], r.get("summary", ""), r.get("description", "")]
                         + [c["text"] for c in r.get("criteria", [])])

    docs = {a: Counter(words(advert_text(roles[a]))) for a in ADVERTS}
    cvw = {k: Counter(words(v)) for k, v in cvs.items()}
    n = len(docs) + len(cvw)
    df = Counter()
    for c in list(docs.values()) + list(cvw.values()):
        df.update(c.keys())
    idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}

    def vec(c):
        v = {w: (1 + math.log(tf)) * idf[w] for w, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    dv = {a: vec(c) for a, c in docs.items()}
    rng = random.Random(7)
    pairs = []
    for key in sorted(cvs):
        v = vec(cvw[key])
        sims = sorted(ADVERTS, key=lambda a: -sum(x * dv[a].get(w, 0) for w, x in v.items()))
        other = rng.choice(sims[1:])
        pairs += [(key, sims[0], "tfidf-top"), (key, other, "random")]
    safe = lambda k: re.sub(r"[^A-Za-z0-9_.-]+", "_", k)
    for key, text in cvs.items():
        (out / "cvs" / (safe(key) + ".txt")).write_text(text)
    import hashlib
    with open(out / "tasks.jsonl", "w") as f, open(out / "pairs.csv", "w") as p:
        p.write("pair,cv,advert,why\n")
        for i, (key, a, why) in enumerate(pairs, 1):
            r = roles[a]
            crit = [{"key": hashlib.sha1(c["text"].encode()).hexdigest()[:12],
                     "priority": c["priority"], "text": c["text"]} for c in r["criteria"]]
            f.write(json.dumps({"pair": i, "cv": key, "cv_file": f"cvs/{safe(key)}.txt",
                                "advert": a, "title": r["title"], "band": r.get("band"),
                                "criteria": crit}) + "\n")
            p.write(f"{i},{key},{a},{why}\n")
    print(f"{len(pairs)} pairs, {sum(len(roles[a]['criteria']) for _, a, _ in pairs)} criteria, "
          f"{len(cvs)} CVs, {len(roles)} adverts -> {out}")


if __name__ == "__main__":
    main()
