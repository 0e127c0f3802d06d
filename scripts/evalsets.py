#!/usr/bin/env python3
"""Build and run cvmatch's evaluation sets: real CVs and real or public-data roles, each
set with its own roles, cvmatch beside the standard baselines, with bootstrap intervals.

    scripts/evalsets.py build OUT_DIR            # write every set (needs ../shared)
    scripts/evalsets.py run OUT_DIR [--sets a,b] [--config FILE] [--json DIR] [--batch DIR]
                                    [--reference] [--calibrate]

`build` writes OUT_DIR/<set>/ with `labels.csv` (`cv,role_id`), `cvs/` and the role
files, outside the repository (the texts are public data that is not ours to commit).
`run` indexes each set's roles, runs `cvmatch eval` (cvmatch, the TF-IDF cosine and the
BM25 baseline, 95% bootstrap intervals, cvmatch's paired difference from each baseline)
and prints one table. `--json DIR` keeps each set's eval report; `--batch DIR` also
writes each set's `cvmatch batch --top 0 --format jsonl` (every role's components, for
cross-validated tuning: scripts/tune.py); `--reference` also runs
../shared/tools/baseline.py (scikit-learn, rank_bm25; `$BASELINE_PYTHON` or python3) on
the same texts, to check that the Rust baselines agree with the reference ones.
cvmatch is `$CVMATCH_BIN`, else target/release/cvmatch under `$CARGO_TARGET_DIR` or the
repository.

The sets (each fixed by a rule written before any measurement; none chooses a number):

- `labelled`: the 166 distinct texts of the labelled resume set (25 categories) against
  the 25 roles we wrote for those categories (eval/labelled-roles). The texts are split
  into lines (scripts/labelled_eval.py's rule) and every line that is exactly a category
  name is dropped (66 texts carry their own label as a line: a leak).
- `adverts`: the labelled CVs (raw text, category lines dropped) whose category has a real
  advert, against real adverts: per category the first NHS, Glassdoor or US-city posting
  whose title holds the category's keyword (the rule of the former tests/generalise.rs),
  plus 100 real distractor postings.
- `onet`: zero-shot. The same CVs as `labelled` against roles generated here only from
  O*NET 29.2 (../shared/taxonomy): per category the O*NET occupation that lists the
  category's job title (ONET below), its description, its core tasks as responsibilities,
  and its hot technologies as skills (narrowed to the technology a category names, where
  several categories share an occupation). Role text includes O*NET data (CC BY 4.0,
  USDOL/ETA); it is generated at run time and never committed.
- `labelled-nhs`, `onet-nhs`: `labelled` and `onet` with the 14,842 real NHS adverts added
  as distractors (ranking at scale: the retrieval depth and title hubs show here).
- `samples`: the 17 sample CVs against the 15 sample roles (samples/cvs/expected.csv).
- `samples-nhs`: the same CVs with the 14,842 real NHS adverts added as distractors.
- `healthcare`: eval/healthcare (held-out UK healthcare roles and CVs written without
  reading the scoring code), when present; `healthcare-nhs`: the same with the NHS
  adverts added as distractors.
- `healthcare2`, `healthcare2-nhs`: the same from eval/healthcare2, a second held-out
  set by two other writers (2026-12-07), measured before any change made with it in view.
- `healthcare3`, `healthcare3-nhs`: the same from eval/healthcare3, a third held-out set
  by two more writers (2026-12-07, seventh session).
- `healthcare4`, `healthcare4-nhs`: the same from eval/healthcare4, a fourth held-out set
  by two more writers (2026-12-07, eighth session).
- `healthcare5`, `healthcare5-nhs`: the same from eval/healthcare5, a fifth held-out set
  by two more writers (2026-12-08, ninth session).
- `healthcare6`, `healthcare6-nhs`: the same from eval/healthcare6, a sixth held-out set
  by two more writers (2026-12-08, ninth session).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_eval import decode, slug, split_lines  # noqa: E402

RESUMES = SHARED / "corpus/labelled/updated-resume-dataset/UpdatedResumeDataSet.csv"
SETS = ["labelled", "adverts", "onet", "labelled-nhs", "onet-nhs", "samples", "samples-nhs", "healthcare", "healthcare-nhs",
        "healthcare2", "healthcare2-nhs", "healthcare3", "healthcare3-nhs", "healthcare4", "healthcare4-nhs",
        "healthcare5", "healthcare5-nhs", "healthcare6", "healthcare6-nhs"]

# ---- adverts: category -> title rules (title words, required description word, forbidden title word)
ADVERT_RULES = {
    "Data Science": [("data scientist",), ("data science",)],
    "HR": [("hr",), ("human resources",)],
    "Advocate": [("solicitor",), ("lawyer",), ("legal",)],
    "Arts": [("arts",), ("artist",)],
    "Web Designing": [("web designer",), ("web developer",), ("front end",)],
    "Mechanical Engineer": [("mechanical engineer",), ("mechanical", None, "electrical")],
    "Sales": [("sales",)],
    "Health and fitness": [("fitness",), ("personal trainer",), ("exercise",)],
    "Civil Engineer": [("civil engineer",), ("city engineer",)],
    "Java Developer": [("java developer",), ("java",)],
    "Business Analyst": [("business analyst",)],
    "SAP Developer": [("sap",)],
    "Automation Testing": [("automation tester",), ("test automation",), ("test", "automation")],
    "Electrical Engineering": [("electrical engineer",), ("electrical", None, "mechanical")],
    "Operations Manager": [("operations manager",)],
    "Python Developer": [("python developer",), ("developer", "python")],
    "DevOps Engineer": [("devops",)],
    "Network Security Engineer": [("network security",), ("network engineer",), ("security engineer",)],
    "PMO": [("pmo",), ("project management office",), ("project manager",)],
    "Database": [("database administrator",), ("dba",), ("database",)],
    "Hadoop": [("hadoop",), ("big data",)],
    "ETL Developer": [("etl",), ("data warehouse",)],
    "DotNet Developer": [(".net",), ("dotnet",), ("net developer",)],
    "Blockchain": [("blockchain",)],
    "Testing": [("tester",), ("test analyst",), ("qa",)],
}
MIN_DESCRIPTION = 400
NHS_STRIDE, GOV_STRIDE, MAX_NHS, MAX_GOV = 150, 5, 80, 20

# ---- onet: category -> (O*NET-SOC code, role title, technologies narrowed to these words)
ONET = {
    "Data Science": ("15-2051.00", "Data Scientist", None),
    "HR": ("13-1071.00", "Human Resources Specialist", None),
    "Advocate": ("23-1011.00", "Lawyer", None),
    "Arts": ("27-1013.00", "Artist", None),
    "Web Designing": ("15-1255.00", "Web Designer", None),
    "Mechanical Engineer": ("17-2141.00", "Mechanical Engineer", None),
    "Sales": ("41-4012.00", "Sales Representative", None),
    "Health and fitness": ("39-9031.00", "Fitness Trainer", None),
    "Civil Engineer": ("17-2051.00", "Civil Engineer", None),
    "Java Developer": ("15-1251.00", "Java Developer", ["java"]),
    "Business Analyst": ("13-1111.00", "Business Analyst", None),
    "SAP Developer": ("15-1252.00", "SAP Developer", ["sap"]),
    "Automation Testing": ("15-1253.00", "Automation Tester", None),
    "Electrical Engineering": ("17-2071.00", "Electrical Engineer", None),
    "Operations Manager": ("11-1021.00", "Operations Manager", None),
    "Python Developer": ("15-1252.00", "Python Developer", ["python"]),
    "DevOps Engineer": ("15-1252.00", "DevOps Engineer", None),
    "Network Security Engineer": ("15-1299.05", "Network Security Engineer", None),
    "PMO": ("13-1082.00", "Project Management Specialist", None),
    "Database": ("15-1242.00", "Database Administrator", None),
    "Hadoop": ("15-1243.00", "Big Data Engineer", ["hadoop"]),
    "ETL Developer": ("15-1243.01", "ETL Developer", None),
    "DotNet Developer": ("15-1252.00", ".NET Developer", [".net"]),
    "Blockchain": ("15-1299.07", "Blockchain Developer", None),
    "Testing": ("15-1253.00", "Software Tester", None),
}
ONET_TASKS, ONET_TECH = 20, 30


def binary() -> str:
    if os.environ.get("CVMATCH_BIN"):
        return os.environ["CVMATCH_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return str(target / "release/cvmatch")


def read_resumes() -> list[tuple[str, str]]:
    csv.field_size_limit(1 << 24)
    seen: set[str] = set()
    out = []
    with io.StringIO(decode(RESUMES.read_bytes()), newline="") as f:
        for row in csv.DictReader(f):
            cat, text = (row.get("Category") or "").strip(), row.get("Resume") or ""
            if cat and text.strip() and text not in seen:
                seen.add(text)
                out.append((cat, text))
    return out


def drop_category_lines(text: str, categories: set[str]) -> str:
    return "\n".join(l for l in text.replace("\r\n", "\n").split("\n")
                     if l.strip().lower() not in categories) + "\n"


def write_cvs(d: Path, resumes, prepare, keep=lambda cat: True) -> None:
    (d / "cvs").mkdir(parents=True)
    with open(d / "labels.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["cv", "role_id"])
        for i, (cat, text) in enumerate(resumes, 1):
            if keep(cat):
                name = f"cvs/cv-{i:03d}.txt"
                (d / name).write_text(prepare(text), encoding="utf-8")
                w.writerow([name, slug(cat)])


def whole_word(hay: str, needle: str) -> bool:
    hay = hay.lower()
    return any(not (m.start() > 0 and hay[m.start() - 1].isalnum())
               and not (m.end() < len(hay) and hay[m.end()].isalnum())
               for m in re.finditer(re.escape(needle), hay))


def adverts() -> tuple[dict, list]:
    """The category adverts and the distractors, as schema.org JobPostings."""
    nhs = []
    with gzip.open(SHARED / "corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                v = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(v.get("title"), str):
                nhs.append({"origin": f"nhs:{i}", "title": v["title"],
                            "desc": (v.get("description") or "").lower(), "posting": v})

    def read_csv(p: Path, title_col: str, desc_col: str, tag: str, company=None):
        out = []
        with open(p, encoding="utf-8", errors="replace", newline="") as f:
            for i, row in enumerate(csv.DictReader(f), 2):
                title = (row.get(title_col) or "").strip()
                desc = row.get(desc_col) or ""
                org = company or (row.get("Company Name") or "").split("\n")[0].strip()
                posting = {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
                           "description": desc, "hiringOrganization": {"@type": "Organization", "name": org}}
                if row.get("Location"):
                    posting["jobLocation"] = {"@type": "Place", "address": row["Location"].strip()}
                out.append({"origin": f"{tag}:{i}", "title": title, "desc": desc.lower(), "posting": posting})
        return out

    gd = SHARED / "corpus/jobs/glassdoor-ds-jobs"
    other = (read_csv(gd / "glassdoor_jobs.csv", "Job Title", "Job Description", "glassdoor/glassdoor_jobs")
             + read_csv(gd / "Uncleaned_DS_jobs.csv", "Job Title", "Job Description", "glassdoor/uncleaned_ds_jobs"))
    gov = read_csv(SHARED / "corpus/jobs/govjobs-classspecs/job_descriptions.csv", "title", "description",
                   "govjobs", company="City of Eastvale")
    everything = nhs + other + gov

    def accepts(rule, ad) -> bool:
        title, desc, not_title = (rule + (None, None))[:3]
        return (whole_word(ad["title"], title) and (desc is None or desc in ad["desc"])
                and (not_title is None or not whole_word(ad["title"], not_title))
                and len(ad["desc"]) >= MIN_DESCRIPTION)

    picked, used = {}, set()
    for cat, rules in ADVERT_RULES.items():
        for rule in rules:
            ad = next((a for a in everything if a["origin"] not in used and accepts(rule, a)), None)
            if ad:
                used.add(ad["origin"])
                picked[cat] = ad
                break
    keywords = [r[0] for rules in ADVERT_RULES.values() for r in rules]

    def distractor(ad) -> bool:
        return (ad["origin"] not in used and len(ad["desc"]) >= MIN_DESCRIPTION
                and not any(whole_word(ad["title"], k) for k in keywords))

    distractors = [a for a in nhs[::NHS_STRIDE] if distractor(a)][:MAX_NHS]
    distractors += [a for a in gov[::GOV_STRIDE] if distractor(a)][:MAX_GOV]
    return picked, distractors


def onet_roles() -> list[dict]:
    base = SHARED / "taxonomy/onet-29.2"

    def rows(name):
        with open(base / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f, delimiter="\t"))

    desc = {r["O*NET-SOC Code"]: r["Description"].strip() for r in rows("occupation_data.txt")}
    tasks: dict[str, list] = {}
    for r in rows("task_statements.txt"):
        tasks.setdefault(r["O*NET-SOC Code"], []).append(r)
    tech: dict[str, list] = {}
    for r in rows("technology_skills.txt"):
        tech.setdefault(r["O*NET-SOC Code"], []).append(r)
    out = []
    for cat, (code, title, narrow) in ONET.items():
        ts = sorted(tasks.get(code, []), key=lambda r: (r["Task Type"] != "Core", int(r["Task ID"])))
        techs = tech.get(code, [])
        if narrow:
            techs = [t for t in techs if any(w in t["Example"].lower() for w in narrow)]
        techs = sorted(techs, key=lambda t: t["Hot Technology"] != "Y")
        skills = []
        for t in techs:
            if t["Example"] not in skills:
                skills.append(t["Example"])
        out.append({
            "@context": "https://schema.org", "@type": "JobPosting", "identifier": slug(cat),
            "title": title, "description": desc[code],
            "responsibilities": [t["Task"].strip() for t in ts[:ONET_TASKS]],
            "skills": skills[:ONET_TECH],
            "occupationalCategory": code,
        })
    return out


def build(out: Path) -> None:
    if ROOT in out.parents or out == ROOT:
        sys.exit("OUT_DIR must be outside the repository (it holds CV text)")
    if not RESUMES.exists():
        print(f"skipped: {RESUMES} not found (../shared is not present)")
        return
    if out.exists():
        shutil.rmtree(out)
    resumes = read_resumes()
    categories = {c.lower() for c, _ in resumes}

    d = out / "labelled"
    write_cvs(d, resumes, lambda t: drop_category_lines(split_lines(t), categories))
    shutil.copytree(ROOT / "eval/labelled-roles", d / "roles")

    d = out / "onet"
    write_cvs(d, resumes, lambda t: drop_category_lines(split_lines(t), categories))
    (d / "roles").mkdir()
    with open(d / "roles/onet.jsonl", "w") as f:
        for r in onet_roles():
            f.write(json.dumps(r) + "\n")

    d = out / "adverts"
    picked, distractors = adverts()
    write_cvs(d, resumes, lambda t: drop_category_lines(t, categories), keep=lambda c: c in picked)
    (d / "roles").mkdir()
    with open(d / "roles/adverts.jsonl", "w") as f:
        for cat, ad in picked.items():
            f.write(json.dumps(dict(ad["posting"], identifier=slug(cat))) + "\n")
        for ad in distractors:
            f.write(json.dumps(dict(ad["posting"], identifier=f"distractor-{ad['origin']}")) + "\n")
    nhs = SHARED / "corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz"
    for name in ["labelled", "onet"]:
        # The same CVs and roles with every NHS advert added as a distractor: ranking
        # at scale, where tantivy retrieves and cvmatch re-ranks.
        d = out / f"{name}-nhs"
        d.mkdir(parents=True)
        with open(out / name / "labels.csv") as f, open(d / "labels.csv", "w") as g:
            g.write("cv,role_id\n")
            for row in csv.DictReader(f):
                g.write(f"{out / name / row['cv']},{row['role_id']}\n")
        (d / "roles.txt").write_text(f"{out / name / 'roles'}\n{nhs}\n")

    print(f"adverts: {len(picked)} categories with an advert, {len(distractors)} distractors; "
          f"no advert for {sorted(set(ADVERT_RULES) - set(picked))}")

    for name, extra in [("samples", []), ("samples-nhs", [SHARED / "corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz"])]:
        d = out / name
        d.mkdir(parents=True)
        with open(ROOT / "samples/cvs/expected.csv") as f, open(d / "labels.csv", "w") as g:
            g.write("cv,role_id\n")
            for row in csv.DictReader(f):
                g.write(f"{ROOT / 'samples/cvs' / row['cv']},{row['best_role']}\n")
        (d / "roles.txt").write_text("\n".join(str(p) for p in [ROOT / "samples/roles", *extra]) + "\n")

    for hc_name in ["healthcare", "healthcare2", "healthcare3", "healthcare4", "healthcare5",
                    "healthcare6"]:
        build_healthcare(out, hc_name)
    print(f"built {', '.join(sorted(p.name for p in out.iterdir()))} in {out}")


def build_healthcare(out: Path, hc_name: str) -> None:
    """A held-out healthcare set from eval/<hc_name>, alone and with the NHS adverts."""
    hc = ROOT / "eval" / hc_name
    for name, extra in [(hc_name, []), (f"{hc_name}-nhs", [SHARED / "corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz"])]:
        if not (hc / "labels.csv").exists():
            break
        d = out / name
        d.mkdir(parents=True)
        with open(hc / "labels.csv") as f, open(d / "labels.csv", "w") as g:
            g.write("cv,role_id\n")
            for row in csv.DictReader(f):
                g.write(f"{hc / row['cv']},{row['role_id']}\n")
        (d / "roles.txt").write_text("\n".join(str(p) for p in [hc / "roles", *extra]) + "\n")


def role_paths(d: Path) -> list[str]:
    if (d / "roles.txt").exists():
        return [l for l in (d / "roles.txt").read_text().split("\n") if l]
    return [str(d / "roles")]


def run(out: Path, sets: list[str], config: str | None, json_dir: str | None,
        batch_dir: str | None, reference: bool, calibrate: bool = False) -> int:
    cvm = binary()
    results = []
    for name in sets:
        d = out / name
        if not (d / "labels.csv").exists():
            print(f"{name}: not built, skipped")
            continue
        idx = d / "index"
        cmd = [cvm, "index", "--index", str(idx)]
        for p in role_paths(d):
            cmd += ["--roles", p]
        subprocess.run(cmd, check=True, capture_output=True)
        cmd = [cvm, "eval", str(d / "labels.csv"), "--index", str(idx), "--format", "json"]
        if config:
            cmd += ["--config", config]
        if calibrate:
            cmd += ["--calibrate"]
        rep = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        results.append((name, rep))
        if json_dir:
            Path(json_dir).mkdir(parents=True, exist_ok=True)
            (Path(json_dir) / f"{name}.json").write_text(json.dumps(rep, indent=1) + "\n")
        if batch_dir:
            Path(batch_dir).mkdir(parents=True, exist_ok=True)
            cvs = []
            with open(d / "labels.csv") as f:
                for row in csv.DictReader(f):
                    p = Path(row["cv"])
                    cvs.append(str(p if p.is_absolute() else d / p))
            cmd = [cvm, "batch", *cvs, "--index", str(idx), "--top", "0", "--format", "jsonl", "--include-expired",
                   "--out", str(Path(batch_dir) / f"{name}.jsonl")]
            if config:
                cmd += ["--config", config]
            subprocess.run(cmd, capture_output=True)
        if reference:
            run_reference(cvm, d, idx)
    print(f"{'set':<12} {'system':<13} {'n':>4}  {'top-1 [95% CI]':<22}  {'MRR [95% CI]':<22}  essentials")
    for name, rep in results:
        for s in rep["systems"]:
            ess = ""
            if s["system"] == "cvmatch" and rep.get("all_essentials"):
                a, n = rep["all_essentials"]
                ess = f"{a}/{n} meet all"
                nones = rep.get("none_rows") or []
                if nones:
                    ess += f"; none-CVs meeting all of some role: {sum(1 for r in nones if r['roles_all_essentials'])}/{len(nones)}"
            ci = lambda c: f"{c['mean']:.3f} [{c['low']:.3f}, {c['high']:.3f}]"
            print(f"{name:<12} {s['system']:<13} {s['n']:>4}  {ci(s['top1_ci']):<22}  {ci(s['mrr_ci']):<22}  {ess}")
        for s in rep["systems"]:
            for c in s.get("compared", []):
                flag = "  better beyond CI" if c["top1"]["low"] > 0 and c["mrr"]["low"] > 0 else ""
                print(f"{'':<12} - {c['baseline']:<11} top-1 {c['top1']['mean']:+.3f} [{c['top1']['low']:+.3f}, "
                      f"{c['top1']['high']:+.3f}]  MRR {c['mrr']['mean']:+.3f} [{c['mrr']['low']:+.3f}, "
                      f"{c['mrr']['high']:+.3f}]{flag}")
    return 0


def run_reference(cvm: str, d: Path, idx: Path) -> None:
    """Runs ../shared/tools/baseline.py on the same roles and texts."""
    tool = SHARED / "tools/baseline.py"
    py = os.environ.get("BASELINE_PYTHON", "python3")
    ref = d / "reference"
    if ref.exists():
        shutil.rmtree(ref)
    (ref / "txt").mkdir(parents=True)
    roles = subprocess.run([cvm, "roles", "--index", str(idx), "--format", "jsonl"], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    with open(ref / "roles.jsonl", "w") as f:
        for line in roles:
            r = json.loads(line)
            parts = [r["title"], *[x for x in [r.get("summary"), r.get("description")] if x],
                     *r.get("responsibilities", []), *[c["text"] for c in r.get("criteria", [])],
                     *r.get("skills", [])]
            f.write(json.dumps({"id": r["id"], "text": "\n".join(parts)}) + "\n")
    labels = []
    with open(d / "labels.csv") as f:
        for row in csv.DictReader(f):
            p = Path(row["cv"])
            labels.append((p if p.is_absolute() else d / p, row["role_id"]))
    subprocess.run([cvm, "extract", *[str(p) for p, _ in labels], "--out-dir", str(ref / "txt")],
                   check=True, capture_output=True)
    with open(ref / "labels.csv", "w") as f:
        f.write("cv,role_id\n")
        for p, r in labels:
            f.write(f"{p.stem},{r}\n")
    res = subprocess.run([py, str(tool), str(ref / "roles.jsonl"), str(ref / "txt"), str(ref / "labels.csv")],
                         capture_output=True, text=True)
    print(f"reference baseline.py on {d.name}:\n{res.stdout}{res.stderr}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["build", "run"])
    ap.add_argument("out")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--config")
    ap.add_argument("--json")
    ap.add_argument("--batch")
    ap.add_argument("--reference", action="store_true")
    ap.add_argument("--calibrate", action="store_true",
                    help="score each CV relative to each role's mean over the set (eval --calibrate)")
    a = ap.parse_args()
    out = Path(a.out).resolve()
    if a.command == "build":
        build(out)
        return 0
    return run(out, [s for s in a.sets.split(",") if s], a.config, a.json, a.batch, a.reference, a.calibrate)


if __name__ == "__main__":
    sys.exit(main())
