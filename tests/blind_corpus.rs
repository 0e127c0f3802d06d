//! `--blind` on real CVs that nobody here wrote: the shared corpus of public CV
//! PDFs (`../shared/corpus/cv-pdfs`, never committed; skipped with a reason when
//! absent).
//!
//! Every CV is parsed with `parse --blind --format json`, and the whole folder is
//! matched with `batch --blind` as JSON Lines and as CSV (whose `top_evidence`
//! quotes CV lines). The output is then searched for personal data by checks of
//! its own, independent of cvmatch's redaction code:
//!
//! - **email**, **phone**, **url/handle**: regular expressions over every text
//!   value of the output (profile hosts, `*.github.io`, `@handle`, "GitHub: x",
//!   ORCID iDs, dotted domains with a path or a personal-site TLD);
//! - **name**: the tokens of the name cvmatch detects *without* `--blind`,
//!   case-insensitively, as whole words or glued to each other, an initial or
//!   digits ("aokafor", "amaraokafor", "okafor92");
//! - **file**: the CV's file name, its stem when that has several parts, the
//!   GitHub owner a `personal-repos` file is named after, and any part of the
//!   path in the `cv` field that names the CV.
//!
//! The counts per kind (each distinct leak of a CV once) are printed and must
//! all be zero. With `CVMATCH_LEAK_DETAILS=FILE` the leaks themselves are written
//! to FILE (never to the test log: the corpus holds real people's names).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/cv-pdfs");

fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

fn cvmatch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cvmatch"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(c: &mut Command) -> (String, String) {
    let out = c.output().expect("run cvmatch");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Every string in a JSON value (keys left out), except the echoed `config`.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => {
            for (k, x) in o {
                if k != "config" {
                    strings(x, out);
                }
            }
        }
        _ => {}
    }
}

/// What the independent checks look for in one CV's blind output.
struct Secrets {
    /// Lower-cased tokens (3+ characters) of the name detected without --blind.
    name_tokens: Vec<String>,
    /// First letters of the detected name's words, lower-cased.
    initials: Vec<char>,
    /// Lower-cased strings that give the file away: its file name, its stem
    /// when that has several parts, the owner a `personal-repos` file is named
    /// after.
    file_strings: Vec<String>,
    /// Lower-cased path tokens (3+ characters) that must not appear in the
    /// name shown for the CV.
    path_tokens: Vec<String>,
}

fn alnum_tokens(s: &str, min: usize) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= min)
        .map(str::to_lowercase)
        .collect()
}

fn secrets_of(path: &Path, rel: &Path) -> Secrets {
    let name = cvmatch::extract::extract_path(path)
        .ok()
        .map(|doc| cvmatch::cv::analyse(&doc, knowledge()))
        .and_then(|cv| cv.name().map(str::to_string));
    let mut name_tokens = name
        .as_deref()
        .map_or_else(Vec::new, |n| alnum_tokens(n, 3));
    name_tokens.sort();
    name_tokens.dedup();
    let initials: Vec<char> = name
        .as_deref()
        .map_or_else(Vec::new, |n| alnum_tokens(n, 1))
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    let file = rel
        .file_name()
        .map(|f| f.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = rel
        .file_stem()
        .map(|f| f.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut file_strings = vec![file];
    if alnum_tokens(&stem, 1).len() >= 2 && stem.len() >= 5 {
        file_strings.push(stem.clone());
    }
    if let Some((owner, _)) = stem.split_once("__")
        && owner.chars().filter(|c| c.is_alphanumeric()).count() >= 4
    {
        file_strings.push(owner.to_string());
    }
    Secrets {
        name_tokens,
        initials,
        file_strings,
        path_tokens: alnum_tokens(&rel.to_string_lossy(), 3),
    }
}

/// Leak counts by kind: each distinct thing found for a CV counts once, however
/// often the output repeats it.
#[derive(Default)]
struct Leaks {
    by_kind: BTreeMap<&'static str, usize>,
    /// (kind, CV index, what was found), for `CVMATCH_LEAK_DETAILS` only.
    details: BTreeSet<(&'static str, usize, String)>,
}

impl Leaks {
    fn add(&mut self, kind: &'static str, cv: usize, what: &str) {
        if self.details.insert((kind, cv, what.to_lowercase())) {
            *self.by_kind.entry(kind).or_default() += 1;
        }
    }
    fn total(&self) -> usize {
        self.by_kind.values().sum()
    }
}

struct Patterns {
    email: Regex,
    urls: Vec<Regex>,
    phone: Regex,
}

fn patterns() -> Patterns {
    const HOSTS: &str = "github|gitlab|linkedin|twitter|x|kaggle|medium|stackoverflow|orcid|researchgate|bitbucket|behance|dribbble|huggingface|leetcode|codeforces|hackerrank|scholar\\.google";
    Patterns {
        email: Regex::new(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .unwrap(),
        urls: vec![
            // Schemes and www.
            Regex::new(r"(?i)\b(?:https?://|www\.)\S+").unwrap(),
            // Profile hosts, with or without a path.
            Regex::new(&format!(
                r"(?i)\b(?:[a-z0-9-]+\.)*(?:{HOSTS})\.(?:com|org|net|io|co|in)\b\S*"
            ))
            .unwrap(),
            // name.github.io and friends.
            Regex::new(r"(?i)\b[a-z0-9-]+\.(?:github|gitlab)\.io\b").unwrap(),
            // A dotted host with a path: example.org/jo, about.me/jo.
            Regex::new(r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/[A-Za-z0-9_~%.-]+").unwrap(),
            // A personal site: jo-okafor.dev, jo.me, okafor.co.uk.
            Regex::new(r"(?i)\b[a-z0-9-]{3,}\.(?:dev|me|site|page|tech|xyz|co\.uk|blog|website)\b")
                .unwrap(),
            // @handle (not an e-mail address: nothing glued before the @).
            Regex::new(r"(?:^|[\s(:,;|])@[A-Za-z0-9_][A-Za-z0-9_.-]{1,}").unwrap(),
            // "GitHub: handle", "github/handle", "X: @handle" (not "GitHub |
            // GitLab", a list of link labels).
            Regex::new(&format!(
                r"(?i)\b(?:{HOSTS}|stack ?overflow|research ?gate)\b(?:\s*:\s*|/)@?[a-z0-9][a-z0-9_.-]{{1,}}"
            ))
            .unwrap(),
            // ORCID iD.
            Regex::new(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b").unwrap(),
        ],
        // Not glued to letters before it ("TN1420180011003" is a licence).
        phone: Regex::new(r"(?:^|[^A-Za-z0-9+])(\+?\(?\d[\d ().-]{6,}\d)").unwrap(),
    }
}

/// Is a digit run a phone number: 9 to 15 digits, and not a list of years or
/// a date range?
fn phone_like(m: &str) -> bool {
    let digits: String = m.chars().filter(char::is_ascii_digit).collect();
    if !(9..=15).contains(&digits.len()) {
        return false;
    }
    let groups: Vec<&str> = m
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let year = |g: &&str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    let month_or_day = |g: &&str| g.len() <= 2;
    // "2019 - 2021", "03.2019 - 07.2021", "2019-01-02".
    !(groups.iter().all(|g| year(g) || month_or_day(g)) && groups.iter().any(year))
}

fn glued_name(run: &str, s: &Secrets) -> bool {
    // The run is made only of name tokens, digits and at most two other
    // letters that are initials of the name: "aokafor", "amaraokafor",
    // "okafor92" ("spark" is not "s" + "park" for Byungjin Park).
    let mut rest = run.to_string();
    let mut any = false;
    let mut sorted: Vec<&String> = s.name_tokens.iter().collect();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for t in sorted {
        if rest.contains(t.as_str()) {
            any = true;
            rest = rest.replace(t.as_str(), " ");
        }
    }
    let letters: Vec<char> = rest.chars().filter(|c| c.is_alphabetic()).collect();
    any && letters.len() <= 2 && letters.iter().all(|c| s.initials.contains(c))
}

fn check_text(text: &str, cv: Option<(usize, &Secrets)>, p: &Patterns, leaks: &mut Leaks) {
    let who = cv.map_or(usize::MAX, |c| c.0);
    for m in p.email.find_iter(text) {
        leaks.add("email", who, m.as_str());
    }
    let mut url_spans: Vec<(usize, usize)> = Vec::new();
    for re in &p.urls {
        for m in re.find_iter(text) {
            if url_spans.iter().any(|&(a, b)| m.start() < b && a < m.end())
                || p.email
                    .find_iter(text)
                    .any(|e| m.start() < e.end() && e.start() < m.end())
            {
                continue;
            }
            url_spans.push((m.start(), m.end()));
            leaks.add("url_handle", who, m.as_str());
        }
    }
    for c in p.phone.captures_iter(text) {
        let m = c.get(1).map_or("", |m| m.as_str());
        if phone_like(m) {
            leaks.add("phone", who, m);
        }
    }
    let Some((_, s)) = cv else { return };
    let lower = text.to_lowercase();
    for run in lower.split(|c: char| !c.is_alphanumeric()) {
        if run.is_empty() {
            continue;
        }
        if s.name_tokens.iter().any(|t| t == run) || glued_name(run, s) {
            leaks.add("name", who, run);
        }
    }
    for f in &s.file_strings {
        for _ in lower.match_indices(f.as_str()) {
            leaks.add("file", who, f);
        }
    }
}

/// The name shown for a CV: `candidate-NNN`, with nothing from its path.
fn check_shown(shown: &str, who: usize, s: &Secrets, leaks: &mut Leaks) {
    let lower = shown.to_lowercase();
    for t in &s.path_tokens {
        if lower.contains(t.as_str()) {
            leaks.add("file", who, t);
        }
    }
}

#[test]
fn blind_output_of_real_cvs_leaks_nothing() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        println!("skipped: no corpus at {}", dir.display());
        return;
    }
    let files = pdfs_under(dir);
    assert!(!files.is_empty(), "no PDFs under {}", dir.display());
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("idx");
    let (_, err) = run(cvmatch()
        .args(["index", "--roles", "samples/roles", "--index"])
        .arg(&index));
    assert!(index.is_dir(), "index: {err}");
    let secrets: Vec<Secrets> = files
        .iter()
        .map(|f| secrets_of(f, f.strip_prefix(dir).unwrap()))
        .collect();
    let named = secrets.iter().filter(|s| !s.name_tokens.is_empty()).count();
    let p = patterns();
    let mut leaks = Leaks::default();

    // parse --blind --format json, one CV at a time, on two threads.
    let outputs: Vec<(String, String)> = std::thread::scope(|scope| {
        let half = files.len().div_ceil(2);
        let handles: Vec<_> = files
            .chunks(half)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| {
                            run(cvmatch()
                                .arg("parse")
                                .arg(f)
                                .args(["--blind", "--format", "json"]))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut parsed = 0;
    for (i, (out, err)) in outputs.iter().enumerate() {
        let s = &secrets[i];
        check_text(err, Some((i, s)), &p, &mut leaks);
        let Ok(v) = serde_json::from_str::<Value>(out.trim()) else {
            continue;
        };
        parsed += 1;
        check_shown(v["cv"].as_str().unwrap_or(""), i, s, &mut leaks);
        let mut all = Vec::new();
        strings(&v, &mut all);
        for t in &all {
            check_text(t, Some((i, s)), &p, &mut leaks);
        }
    }

    // batch --blind, as JSON Lines and as CSV; the key file maps the names
    // shown back to the files.
    let key = work.path().join("key.json");
    let mut by_shown: HashMap<String, usize> = HashMap::new();
    for format in ["jsonl", "csv"] {
        let (out, err) = run(cvmatch()
            .arg("batch")
            .arg(dir)
            .args([
                "--blind",
                "--top",
                "0",
                "-j",
                "2",
                "-f",
                format,
                "--blind-key",
            ])
            .arg(&key)
            .arg("--index")
            .arg(&index));
        let mapping: Value =
            serde_json::from_str(&std::fs::read_to_string(&key).expect("--blind-key file"))
                .expect("key file is JSON");
        by_shown.clear();
        for e in mapping["candidates"].as_array().expect("candidates") {
            let path = PathBuf::from(e["path"].as_str().unwrap());
            let i = files
                .iter()
                .position(|f| *f == path)
                .expect("a corpus file");
            by_shown.insert(e["candidate"].as_str().unwrap().to_string(), i);
        }
        assert_eq!(by_shown.len(), files.len(), "every CV in the key file");
        for line in err.lines() {
            check_text(line, None, &p, &mut leaks);
            for (i, s) in secrets.iter().enumerate() {
                check_text(line, Some((i, s)), &p, &mut leaks);
            }
        }
        let rows: Vec<(String, Vec<String>)> = if format == "jsonl" {
            out.lines()
                .map(|l| {
                    let v: Value = serde_json::from_str(l).expect("a JSON line");
                    let mut all = Vec::new();
                    strings(&v, &mut all);
                    (v["cv"].as_str().unwrap_or("").to_string(), all)
                })
                .collect()
        } else {
            let mut r = csv::Reader::from_reader(out.as_bytes());
            r.records()
                .map(|rec| {
                    let rec = rec.expect("a CSV row");
                    (
                        rec.get(0).unwrap_or("").to_string(),
                        rec.iter().map(str::to_string).collect(),
                    )
                })
                .collect()
        };
        assert!(!rows.is_empty(), "batch -f {format} wrote nothing: {err}");
        for (shown, cells) in rows {
            let i = *by_shown
                .get(&shown)
                .unwrap_or_else(|| panic!("a row for a CV not in the key file"));
            let s = &secrets[i];
            check_shown(&shown, i, s, &mut leaks);
            for c in &cells {
                check_text(c, Some((i, s)), &p, &mut leaks);
            }
        }
    }

    println!(
        "{} CVs ({} with a detected name, {} parsed); blind leaks by kind:",
        files.len(),
        named,
        parsed
    );
    for kind in ["email", "phone", "url_handle", "name", "file"] {
        println!(
            "  {kind:<10} {}",
            leaks.by_kind.get(kind).copied().unwrap_or(0)
        );
    }
    if let Some(f) = std::env::var_os("CVMATCH_LEAK_DETAILS") {
        let text: String = leaks
            .details
            .iter()
            .map(|(k, i, w)| {
                let file = files
                    .get(*i)
                    .map_or("(stderr)".into(), |f| f.display().to_string());
                format!("{k}\t{file}\t{w}\n")
            })
            .collect();
        std::fs::write(&f, text).unwrap();
    }
    assert!(parsed * 10 >= files.len() * 9, "most CVs parse");
    assert_eq!(
        leaks.total(),
        0,
        "blind output leaks personal data (counts above)"
    );
}

#[test]
fn the_checks_find_what_they_look_for() {
    // The independent checks can fail: on text that holds each kind.
    let p = patterns();
    let s = Secrets {
        name_tokens: vec!["amara".into(), "okafor".into()],
        initials: vec!['a', 'o'],
        file_strings: vec!["amaraokafor_cv.pdf".into(), "aokafor".into()],
        path_tokens: vec!["amaraokafor".into()],
    };
    let mut leaks = Leaks::default();
    for t in [
        "amara.okafor@example.com",
        "call +44 7700 900218",
        "github.com/aokafor-x",
        "see https://example.org",
        "aokafor.github.io",
        "GitHub: @jo-dev",
        "X: ao_tweets",
        "orcid 0000-0002-1825-0097",
        "jo-okafor.dev",
        "Okafor A, Smith J. A model.",
        "amaraokafor",
        "AmaraOkaforCV.pdf read as amaraokafor_cv.pdf",
    ] {
        check_text(t, Some((0, &s)), &p, &mut leaks);
    }
    check_shown("cvs/AmaraOkafor/candidate-001", 0, &s, &mut leaks);
    for kind in ["email", "phone", "url_handle", "name", "file"] {
        assert!(leaks.by_kind.get(kind).is_some_and(|&n| n > 0), "{kind}");
    }
    // And do not cry wolf on ordinary output.
    let mut none = Leaks::default();
    for t in [
        "2019 - 2021",
        "03.2019 - 07.2021",
        "Node.js, ASP.NET, scikit-learn",
        "[name] A, Smith J. A model.",
        "GitHub: [url]",
        "[email] | [phone]",
        "Johnson & Johnson",
        "Apache Spark, sokafor (s is no initial)",
        "Driving licence TN1420180011003",
        "candidate-007",
        "CI/CD and R/Python",
    ] {
        check_text(t, Some((0, &s)), &p, &mut none);
    }
    check_shown("candidate-001", 0, &s, &mut none);
    assert_eq!(none.total(), 0, "{:?}", none.details);
}
