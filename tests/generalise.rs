//! Generalisation check: real adverts, CVs we did not write.
//!
//! The issue asks that matching "generalise beyond your own samples: adverts
//! written by real employers, in JobPosting form, for CVs you did not write", and
//! that the right role come *first*, not merely in the top 3. This test measures
//! that on public data in `../shared/corpus` (never committed; the test prints a
//! reason and passes when it is absent):
//!
//! - **CVs**: the distinct resume texts of `labelled/updated-resume-dataset`
//!   (Kaggle "UpdatedResumeDataSet": 962 rows, 166 distinct texts, 25 categories;
//!   not valid UTF-8, read lossily), each labelled with its category.
//! - **Adverts**: for each category, one real posting chosen by a fixed rule that
//!   never looks at the CVs or at any score: the *first* posting, searching the
//!   NHS JobPostings, then the Glassdoor data-science CSVs, then the US city class
//!   specs, in file order, whose title contains (as whole words) the category's
//!   first keyword, else its second, and so on (see [`CATEGORIES`]); a keyword may
//!   also require a word in the description or forbid one in the title (to tell
//!   "Mechanical" from "Electrical"). Descriptions under 400 characters are
//!   passed over, and a posting is used for one category only. Categories with no
//!   such posting (there is no SAP or blockchain advert in these corpora) are left
//!   out, together with their CVs.
//! - **Distractors**: real postings for none of the categories, so that "first"
//!   means first among many: every 150th NHS posting and every 5th city class
//!   spec whose title holds none of the keywords (up to 80 and 20).
//!
//! The postings are written as schema.org JobPostings (JSON Lines, `identifier` =
//! the category, or `distractor-...`) into a temporary directory, loaded with
//! `roles::load_file`, indexed with `index::build`, and every CV is analysed and
//! scored with `Matcher` and the default weights. The same CVs and adverts are
//! ranked by the TF-IDF cosine baseline of `cvmatch eval`
//! (`cvmatch::eval::Baseline`: the shared analyser's terms, idf over the adverts,
//! sublinear tf) for comparison. The test prints top-1,
//! top-3 and MRR for both, per category and overall, and the most frequent
//! confusions.
//!
//! `CVMATCH_GENERALISE_JSON=FILE` writes, per CV, its category, both systems'
//! ranks and cvmatch's components for every advert (no CV text), for further
//! analysis; `scripts/generalise.sh` runs the report.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cvmatch::cv::{self, YearMonth};
use cvmatch::extract::Document;
use cvmatch::index::{self, RoleIndex, RoleSource};
use cvmatch::roles;
use cvmatch::score::{Matcher, Weights};
use rayon::prelude::*;
use serde_json::{Value, json};

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// How a category's advert is found: the title must contain `title` as whole
/// words; when `desc` is set the description must contain it too (any case);
/// when `not_title` is set the title must not contain it.
#[derive(Debug, Clone, Copy)]
struct Rule {
    title: &'static str,
    desc: Option<&'static str>,
    not_title: Option<&'static str>,
}

const fn t(title: &'static str) -> Rule {
    Rule {
        title,
        desc: None,
        not_title: None,
    }
}

const fn with_desc(title: &'static str, desc: &'static str) -> Rule {
    Rule {
        title,
        desc: Some(desc),
        not_title: None,
    }
}

const fn without(title: &'static str, not_title: &'static str) -> Rule {
    Rule {
        title,
        desc: None,
        not_title: Some(not_title),
    }
}

/// Each resume category with its advert rules, tried in order: the category's
/// name or the job title it stands for first, then near synonyms. Fixed before
/// any measurement; not to be tuned against the results.
const CATEGORIES: &[(&str, &[Rule])] = &[
    ("Data Science", &[t("data scientist"), t("data science")]),
    ("HR", &[t("hr"), t("human resources")]),
    ("Advocate", &[t("solicitor"), t("lawyer"), t("legal")]),
    ("Arts", &[t("arts"), t("artist")]),
    (
        "Web Designing",
        &[t("web designer"), t("web developer"), t("front end")],
    ),
    (
        "Mechanical Engineer",
        &[
            t("mechanical engineer"),
            without("mechanical", "electrical"),
        ],
    ),
    ("Sales", &[t("sales")]),
    (
        "Health and fitness",
        &[t("fitness"), t("personal trainer"), t("exercise")],
    ),
    ("Civil Engineer", &[t("civil engineer"), t("city engineer")]),
    ("Java Developer", &[t("java developer"), t("java")]),
    ("Business Analyst", &[t("business analyst")]),
    ("SAP Developer", &[t("sap")]),
    (
        "Automation Testing",
        &[
            t("automation tester"),
            t("test automation"),
            with_desc("test", "automation"),
        ],
    ),
    (
        "Electrical Engineering",
        &[
            t("electrical engineer"),
            without("electrical", "mechanical"),
        ],
    ),
    ("Operations Manager", &[t("operations manager")]),
    (
        "Python Developer",
        &[t("python developer"), with_desc("developer", "python")],
    ),
    ("DevOps Engineer", &[t("devops")]),
    (
        "Network Security Engineer",
        &[
            t("network security"),
            t("network engineer"),
            t("security engineer"),
        ],
    ),
    (
        "PMO",
        &[
            t("pmo"),
            t("project management office"),
            t("project manager"),
        ],
    ),
    (
        "Database",
        &[t("database administrator"), t("dba"), t("database")],
    ),
    ("Hadoop", &[t("hadoop"), t("big data")]),
    ("ETL Developer", &[t("etl"), t("data warehouse")]),
    (
        "DotNet Developer",
        &[t(".net"), t("dotnet"), t("net developer")],
    ),
    ("Blockchain", &[t("blockchain")]),
    ("Testing", &[t("tester"), t("test analyst"), t("qa")]),
];

/// Descriptions shorter than this (in bytes, as stored) are not adverts.
const MIN_DESCRIPTION: usize = 400;
/// Every n-th NHS posting / city class spec is a distractor candidate.
const NHS_STRIDE: usize = 150;
const GOV_STRIDE: usize = 5;
const MAX_NHS_DISTRACTORS: usize = 80;
const MAX_GOV_DISTRACTORS: usize = 20;

/// "Present" in the CVs: the month the NHS adverts were collected, so results do
/// not drift with the calendar.
const TODAY: (u16, u8) = (2020, 11);

/// One real posting from the corpora.
struct Advert {
    /// "nhs", "glassdoor" or "govjobs", with the position in its file.
    origin: String,
    title: String,
    /// The description as stored, lower-cased (for the `desc` rule).
    description_lower: String,
    /// The posting as schema.org JSON (without `identifier`).
    posting: Value,
}

fn whole_word(hay: &str, needle: &str) -> bool {
    let hay = hay.to_lowercase();
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Rule {
    fn accepts(&self, ad: &Advert) -> bool {
        whole_word(&ad.title, self.title)
            && self.desc.is_none_or(|d| ad.description_lower.contains(d))
            && self.not_title.is_none_or(|n| !whole_word(&ad.title, n))
            && ad.description_lower.len() >= MIN_DESCRIPTION
    }
}

fn read_nhs(path: &Path) -> Vec<Advert> {
    let bytes = std::fs::read(path).expect("read NHS corpus");
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .expect("gunzip NHS corpus");
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let v: Value = serde_json::from_str(line).ok()?;
            let title = v.get("title")?.as_str()?.to_string();
            let description_lower = v
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            Some(Advert {
                origin: format!("nhs:{}", i + 1),
                title,
                description_lower,
                posting: v,
            })
        })
        .collect()
}

/// Reads a CSV with headers, lossily; returns (header → column) and the rows.
fn read_csv(path: &Path) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rdr.byte_headers().expect("CSV headers").clone();
    let cols = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (String::from_utf8_lossy(h).trim().to_string(), i))
        .collect();
    let rows = rdr
        .byte_records()
        .filter_map(|r| r.ok())
        .map(|r| {
            r.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect()
        })
        .collect();
    (cols, rows)
}

fn field<'r>(row: &'r [String], cols: &HashMap<String, usize>, name: &str) -> &'r str {
    cols.get(name)
        .and_then(|&i| row.get(i))
        .map_or("", String::as_str)
}

fn read_glassdoor(path: &Path, tag: &str) -> Vec<Advert> {
    let (cols, rows) = read_csv(path);
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let title = field(row, &cols, "Job Title").trim().to_string();
            let description = field(row, &cols, "Job Description");
            // "Company\n3.8": the rating follows the name.
            let company = field(row, &cols, "Company Name")
                .lines()
                .next()
                .unwrap_or("")
                .trim();
            let location = field(row, &cols, "Location").trim();
            Advert {
                origin: format!("glassdoor/{tag}:{}", i + 2),
                title: title.clone(),
                description_lower: description.to_lowercase(),
                posting: json!({
                    "@context": "https://schema.org",
                    "@type": "JobPosting",
                    "title": title,
                    "description": description,
                    "hiringOrganization": {"@type": "Organization", "name": company},
                    "jobLocation": {"@type": "Place", "address": location},
                }),
            }
        })
        .collect()
}

fn read_govjobs(path: &Path) -> Vec<Advert> {
    let (cols, rows) = read_csv(path);
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let title = field(row, &cols, "title").trim().to_string();
            let description = field(row, &cols, "description");
            Advert {
                origin: format!("govjobs:{}", i + 2),
                title: title.clone(),
                description_lower: description.to_lowercase(),
                posting: json!({
                    "@context": "https://schema.org",
                    "@type": "JobPosting",
                    "title": title,
                    "description": description,
                    "hiringOrganization": {"@type": "Organization", "name": "City of Eastvale"},
                }),
            }
        })
        .collect()
}

/// The labelled resumes: distinct (category, text) pairs in file order.
fn read_resumes(path: &Path) -> Vec<(String, String)> {
    let (cols, rows) = read_csv(path);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for row in rows {
        let cat = field(&row, &cols, "Category").trim().to_string();
        let text = field(&row, &cols, "Resume").to_string();
        if !cat.is_empty() && !text.trim().is_empty() && seen.insert((cat.clone(), text.clone())) {
            out.push((cat, text));
        }
    }
    out
}

/// Ranks of one system: for each CV, the 1-based position of the right advert.
#[derive(Default, Clone)]
struct Ranks(Vec<usize>);

impl Ranks {
    fn top(&self, k: usize) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        self.0.iter().filter(|&&r| r <= k).count() as f64 / self.0.len() as f64
    }
    fn mrr(&self) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        self.0.iter().map(|&r| 1.0 / r as f64).sum::<f64>() / self.0.len() as f64
    }
}

fn position(ids: &[&str], want: &str) -> usize {
    ids.iter()
        .position(|id| *id == want)
        .map_or(usize::MAX, |p| p + 1)
}

struct Outcome {
    category: String,
    cvmatch_rank: usize,
    cvmatch_first: String,
    baseline_rank: usize,
    baseline_first: String,
    /// cvmatch's components for the advert ranked first and the right one.
    cvmatch_detail: Value,
    /// cvmatch's components for every advert (for the JSON dump).
    cvmatch_all: Vec<Value>,
}

/// A match's score and components, for the JSON dump.
fn detail(m: Option<&cvmatch::score::RoleMatch>) -> Value {
    match m {
        None => Value::Null,
        Some(m) => json!({
            "role": m.role_id,
            "score": m.score,
            "relevance": m.relevance,
            "skills": m.skills_score,
            "criteria": m.criteria_score,
            "title": m.title_score,
            "role_skills": m.matched_skills.len() + m.missing_skills.len(),
            "matched_skills": m.matched_skills.len(),
            "criteria_total": m.criteria.len(),
        }),
    }
}

/// The overall figures of one run.
struct Summary {
    cvmatch: Ranks,
    baseline: Ranks,
}

/// Builds the adverts and the index, scores every CV, prints the report.
/// `None` when the corpus is absent.
fn run() -> Option<Summary> {
    let corpus = PathBuf::from(CORPUS);
    let resumes_path = corpus.join("labelled/updated-resume-dataset/UpdatedResumeDataSet.csv");
    let nhs_path = corpus.join("jobs/nhs-jobs/nhs_jobs.jsonl.gz");
    let glassdoor_paths = [
        (
            corpus.join("jobs/glassdoor-ds-jobs/glassdoor_jobs.csv"),
            "glassdoor_jobs",
        ),
        (
            corpus.join("jobs/glassdoor-ds-jobs/Uncleaned_DS_jobs.csv"),
            "uncleaned_ds_jobs",
        ),
    ];
    let gov_path = corpus.join("jobs/govjobs-classspecs/job_descriptions.csv");
    for p in [&resumes_path, &nhs_path, &gov_path]
        .into_iter()
        .chain(glassdoor_paths.iter().map(|(p, _)| p))
    {
        if !p.exists() {
            eprintln!(
                "skipping the generalisation check: {} not found",
                p.display()
            );
            return None;
        }
    }
    let started = Instant::now();

    // 1. The adverts, in search order: NHS, Glassdoor, city class specs.
    let nhs = read_nhs(&nhs_path);
    let mut other: Vec<Advert> = Vec::new();
    for (p, tag) in &glassdoor_paths {
        other.extend(read_glassdoor(p, tag));
    }
    let gov = read_govjobs(&gov_path);
    let all: Vec<&Advert> = nhs.iter().chain(&other).chain(&gov).collect();

    let mut picked: BTreeMap<&str, &Advert> = BTreeMap::new();
    let mut used: HashSet<&str> = HashSet::new();
    let mut skipped: Vec<&str> = Vec::new();
    for (cat, rules) in CATEGORIES {
        let found = rules.iter().find_map(|rule| {
            all.iter()
                .find(|ad| !used.contains(ad.origin.as_str()) && rule.accepts(ad))
        });
        match found {
            Some(ad) => {
                used.insert(ad.origin.as_str());
                picked.insert(cat, ad);
            }
            None => skipped.push(cat),
        }
    }
    let keywords: Vec<&str> = CATEGORIES
        .iter()
        .flat_map(|(_, rules)| rules.iter().map(|r| r.title))
        .collect();
    let is_distractor = |ad: &Advert| {
        !used.contains(ad.origin.as_str())
            && ad.description_lower.len() >= MIN_DESCRIPTION
            && !keywords.iter().any(|k| whole_word(&ad.title, k))
    };
    let distractors: Vec<&Advert> = nhs
        .iter()
        .step_by(NHS_STRIDE)
        .filter(|ad| is_distractor(ad))
        .take(MAX_NHS_DISTRACTORS)
        .chain(
            gov.iter()
                .step_by(GOV_STRIDE)
                .filter(|ad| is_distractor(ad))
                .take(MAX_GOV_DISTRACTORS),
        )
        .collect();

    // 2. Write them as JobPostings, load, index.
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("adverts.jsonl");
    let mut lines = String::new();
    for (cat, ad) in &picked {
        let mut v = ad.posting.clone();
        v["identifier"] = json!(cat);
        lines.push_str(&serde_json::to_string(&v).unwrap());
        lines.push('\n');
    }
    for ad in &distractors {
        let mut v = ad.posting.clone();
        v["identifier"] = json!(format!("distractor-{}", ad.origin));
        lines.push_str(&serde_json::to_string(&v).unwrap());
        lines.push('\n');
    }
    std::fs::write(&jsonl, lines).expect("write adverts");
    let roles = roles::load_file(&jsonl).expect("adverts load");
    assert_eq!(roles.len(), picked.len() + distractors.len());
    let index_dir = dir.path().join("index");
    index::build(
        &roles,
        &RoleSource::Paths {
            paths: vec![jsonl.clone()],
        },
        &index_dir,
    )
    .expect("index builds");
    let idx = RoleIndex::open(&index_dir).expect("index opens");
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();
    let titles: HashMap<&str, &str> = idx
        .roles()
        .unwrap()
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect();

    // 3. The CVs of the categories that have an advert.
    // Some texts carry their own label as a line ("Data Science"): that line
    // is the dataset's, not the candidate's, and would leak the answer to both
    // systems, so lines equal to a category name are dropped.
    let resumes: Vec<(String, String)> = read_resumes(&resumes_path)
        .into_iter()
        .filter(|(cat, _)| picked.contains_key(cat.as_str()))
        .map(|(cat, text)| {
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| {
                    !CATEGORIES
                        .iter()
                        .any(|(c, _)| l.trim().eq_ignore_ascii_case(c))
                })
                .collect();
            (cat, kept.join("\n"))
        })
        .collect();
    assert!(!resumes.is_empty(), "no labelled resumes");
    // The standard TF-IDF cosine, fitted on the adverts and the CVs.
    let role_texts: Vec<String> = idx
        .roles()
        .unwrap()
        .iter()
        .map(cvmatch::eval::role_text)
        .collect();
    let cv_texts: Vec<String> = resumes.iter().map(|(_, t)| t.clone()).collect();
    let baseline = cvmatch::eval::TfidfCosine::fit(&role_texts, &cv_texts);
    let today = YearMonth::new(TODAY.0, TODAY.1);
    let dump_path = std::env::var_os("CVMATCH_GENERALISE_JSON");
    let dump = dump_path.is_some();
    let outcomes: Vec<Outcome> = resumes
        .par_iter()
        .map(|(cat, text)| {
            let doc = Document::from_plain_text(text);
            let cv = cv::analyse_at(&doc, today, knowledge());
            let matches = matcher.score(&cv).expect("scores");
            let ids: Vec<&str> = matches.iter().map(|m| m.role_id.as_str()).collect();
            let base: Vec<&str> = baseline
                .rank(text)
                .into_iter()
                .map(|i| idx.roles().unwrap()[i].id.as_str())
                .collect();
            Outcome {
                category: cat.clone(),
                cvmatch_rank: position(&ids, cat),
                cvmatch_first: ids.first().map_or(String::new(), |s| s.to_string()),
                baseline_rank: position(&base, cat),
                baseline_first: base.first().map_or(String::new(), |s| s.to_string()),
                cvmatch_detail: json!({
                    "first": detail(matches.first()),
                    "right": detail(matches.iter().find(|m| m.role_id == *cat)),
                }),
                cvmatch_all: if dump {
                    matches.iter().map(|m| detail(Some(m))).collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let elapsed = started.elapsed();

    // 4. Report.
    let cvm = Ranks(outcomes.iter().map(|o| o.cvmatch_rank).collect());
    let base = Ranks(outcomes.iter().map(|o| o.baseline_rank).collect());
    println!();
    println!(
        "generalisation: {} CVs in {} categories, {} adverts ({} targets + {} distractors), {:.1}s",
        outcomes.len(),
        picked.len(),
        idx.role_count(),
        picked.len(),
        distractors.len(),
        elapsed.as_secs_f64()
    );
    if !skipped.is_empty() {
        println!("no advert found for: {}", skipped.join(", "));
    }
    println!(
        "{:<26} {:>3}  {:>6} {:>6}  {:>6} {:>6}  {:>6} {:>6}  advert",
        "category", "n", "cvm@1", "base@1", "cvm@3", "base@3", "cvmMRR", "baseMRR"
    );
    let mut macro_cvm = 0.0;
    let mut macro_base = 0.0;
    for (cat, ad) in &picked {
        let of = |f: fn(&Outcome) -> usize| {
            Ranks(
                outcomes
                    .iter()
                    .filter(|o| o.category == *cat)
                    .map(f)
                    .collect(),
            )
        };
        let c = of(|o| o.cvmatch_rank);
        let b = of(|o| o.baseline_rank);
        macro_cvm += c.top(1);
        macro_base += b.top(1);
        println!(
            "{:<26} {:>3}  {:>6.2} {:>6.2}  {:>6.2} {:>6.2}  {:>6.2} {:>6.2}  {} [{}]",
            cat,
            c.0.len(),
            c.top(1),
            b.top(1),
            c.top(3),
            b.top(3),
            c.mrr(),
            b.mrr(),
            ad.title,
            ad.origin
        );
    }
    let cats = picked.len() as f64;
    println!(
        "{:<26} {:>3}  {:>6.3} {:>6.3}  {:>6.3} {:>6.3}  {:>6.3} {:>6.3}",
        "ALL (per CV)",
        outcomes.len(),
        cvm.top(1),
        base.top(1),
        cvm.top(3),
        base.top(3),
        cvm.mrr(),
        base.mrr()
    );
    println!(
        "macro top-1 (per category): cvmatch {:.3}, baseline {:.3}",
        macro_cvm / cats,
        macro_base / cats
    );
    let confusions = |first: fn(&Outcome) -> &str, rank: fn(&Outcome) -> usize| {
        let mut m: HashMap<(String, String), usize> = HashMap::new();
        for o in outcomes.iter().filter(|o| rank(o) != 1) {
            *m.entry((o.category.clone(), first(o).to_string()))
                .or_default() += 1;
        }
        let mut v: Vec<((String, String), usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(12);
        v
    };
    for (name, v) in [
        (
            "cvmatch",
            confusions(|o| o.cvmatch_first.as_str(), |o| o.cvmatch_rank),
        ),
        (
            "baseline",
            confusions(|o| o.baseline_first.as_str(), |o| o.baseline_rank),
        ),
    ] {
        println!("most frequent {name} confusions (category -> advert ranked first):");
        for ((cat, id), n) in v {
            let title = titles.get(id.as_str()).copied().unwrap_or("");
            println!("  {n:>3}  {cat} -> {id} ({title})");
        }
    }
    if let Some(out) = dump_path {
        let rows: Vec<Value> = outcomes
            .iter()
            .map(|o| {
                json!({
                    "category": o.category,
                    "cvmatch_rank": o.cvmatch_rank,
                    "cvmatch_first": o.cvmatch_first,
                    "baseline_rank": o.baseline_rank,
                    "baseline_first": o.baseline_first,
                    "cvmatch": o.cvmatch_detail,
                    "cvmatch_all": o.cvmatch_all,
                })
            })
            .collect();
        std::fs::write(out, serde_json::to_string_pretty(&rows).unwrap()).unwrap();
    }

    Some(Summary {
        cvmatch: cvm,
        baseline: base,
    })
}

/// The target: the right role *first*, on adverts and CVs nobody here
/// wrote, and clearly more often than a plain TF-IDF cosine ranks it first.
///
/// Measured on 2026-12-05 (155 CVs, 23 category adverts, 97 distractors):
/// cvmatch top-1 0.471, top-3 0.613, MRR 0.568; TF-IDF baseline 0.348 / 0.452 /
/// 0.431 (with the texts' own category-name lines removed; with them, 0.510 /
/// 0.645 / 0.605 against 0.361 / 0.471 / 0.447). Later the same day, with criteria
/// read in the CV's own words, headline title lines and no names read from
/// skills lines: cvmatch 0.490 / 0.645 / 0.589, against the baseline shared with
/// `cvmatch eval` (unsmoothed idf; this test had its own copy until then) at
/// 0.361 / 0.477 / 0.450.
/// On 2026-12-06 (cosine relevance with a background idf, the title thesaurus,
/// z-score fusion; baseline now scikit-learn's TF-IDF cosine fitted on roles and
/// CVs): cvmatch 0.477 / 0.658 / 0.590 against 0.381 / 0.523 / 0.480.
/// Before two fixes this test found, cvmatch was *below* the baseline
/// (0.258 top-1): the relevance query skipped whole header sections (a CV with no
/// recognised heading is all header) instead of just personal data, and a role
/// naming one common skill scored full marks on skills. The floors sit just under
/// the measured figures.
#[test]
fn matching_generalises_to_real_adverts_and_unseen_cvs() {
    let Some(s) = run() else {
        return;
    };
    assert!(
        s.cvmatch.top(1) >= s.baseline.top(1) + 0.05,
        "cvmatch top-1 {:.3} is not clearly above the TF-IDF baseline's {:.3}",
        s.cvmatch.top(1),
        s.baseline.top(1)
    );
    assert!(
        s.cvmatch.top(1) >= 0.44,
        "cvmatch top-1 {:.3}",
        s.cvmatch.top(1)
    );
    assert!(
        s.cvmatch.top(3) >= 0.58,
        "cvmatch top-3 {:.3}",
        s.cvmatch.top(3)
    );
    assert!(
        s.cvmatch.mrr() >= 0.53,
        "cvmatch MRR {:.3}",
        s.cvmatch.mrr()
    );
}

#[test]
fn pdf_pairs_report_the_rank_of_the_paired_description() {
    let corpus = PathBuf::from(CORPUS);
    let jd_dir = corpus.join("jobs/resume-matcher-jd-pdfs");
    let pairs_path = jd_dir.join("PAIRS.tsv");
    let Ok(pairs) = std::fs::read_to_string(&pairs_path) else {
        eprintln!(
            "skipping the PDF pairs check: {} not found",
            pairs_path.display()
        );
        return;
    };
    let mut jds: Vec<PathBuf> = std::fs::read_dir(&jd_dir)
        .expect("read JD folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".pdf") && !name.ends_with("_es.pdf")
        })
        .collect();
    jds.sort();
    let mut postings = String::new();
    for p in &jds {
        let doc =
            cvmatch::extract::extract_path(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let mut lines = doc
            .lines
            .iter()
            .map(|l| l.text.trim())
            .filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or("").to_string();
        let description: Vec<&str> = lines.collect();
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let v = json!({
            "@type": "JobPosting",
            "identifier": id,
            "title": title,
            "description": description.join("\n"),
        });
        postings.push_str(&serde_json::to_string(&v).unwrap());
        postings.push('\n');
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("jds.jsonl");
    std::fs::write(&jsonl, postings).unwrap();
    let roles = roles::load_file(&jsonl).expect("JDs load");
    let index_dir = dir.path().join("index");
    index::build(
        &roles,
        &RoleSource::Paths { paths: vec![jsonl] },
        &index_dir,
    )
    .unwrap();
    let idx = RoleIndex::open(&index_dir).unwrap();
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();
    let today = YearMonth::new(TODAY.0, TODAY.1);
    println!();
    println!("PDF pairs ({} English job descriptions):", roles.len());
    for line in pairs.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [cv_rel, jd_rel, relation, ..] = cols[..] else {
            continue;
        };
        let cv_path = corpus.join(cv_rel);
        let cv_name = Path::new(cv_rel).file_name().unwrap().to_string_lossy();
        if !cv_path.exists() {
            println!("  {cv_name}: not in the corpus, skipped");
            continue;
        }
        let want = Path::new(jd_rel).file_stem().unwrap().to_string_lossy();
        let doc = cvmatch::extract::extract_path(&cv_path)
            .unwrap_or_else(|e| panic!("{}: {e}", cv_path.display()));
        let cv = cv::analyse_at(&doc, today, knowledge());
        let matches = matcher.score(&cv).expect("scores");
        let ids: Vec<&str> = matches.iter().map(|m| m.role_id.as_str()).collect();
        println!(
            "  {cv_name} ({relation}): {want} ranked {} of {}; first {} ({:.1})",
            position(&ids, &want),
            ids.len(),
            matches[0].role_id,
            matches[0].score
        );
    }
}
