//! Names and job titles on real resumes nobody here wrote.
//!
//! The public resume NER set (`../shared/corpus/labelled/resume-ner-dataturks`,
//! 220 resumes exported from Indeed, annotated by people with spans such as
//! `Name` and `Designation`) says who each resume belongs to and which job
//! titles it holds. This test analyses every resume and reports:
//!
//! - **names**: how often the candidate's name is found, and how often what is
//!   taken for a name is in fact a job title (an annotated designation);
//! - **titles**: how often the CV's headline title (the first of its job titles
//!   cvmatch reads) is one of the annotated designations, and how often the
//!   annotated current designation normalises to the same occupation as
//!   cvmatch's reading.
//!
//! It prints the figures and asserts floors under them. Skipped, with the reason
//! printed, when `../shared` is absent. No resume text is printed.

use std::path::Path;

use cvmatch::cv::{self, PersonalKind, YearMonth};
use cvmatch::extract::Document;
use serde_json::Value;

fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/labelled/resume-ner-dataturks/Entity_Recognition_in_Resumes.json"
);

struct Resume {
    content: String,
    names: Vec<String>,
    designations: Vec<(usize, String)>,
}

fn load() -> Option<Vec<Resume>> {
    let text = std::fs::read_to_string(Path::new(DATA)).ok()?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).ok()?;
        let content = v["content"].as_str().unwrap_or("").to_string();
        let mut names = Vec::new();
        let mut designations = Vec::new();
        for a in v["annotation"].as_array().into_iter().flatten() {
            let label = a["label"][0].as_str().unwrap_or("");
            for p in a["points"].as_array().into_iter().flatten() {
                let t = p["text"].as_str().unwrap_or("").trim().to_string();
                let start = p["start"].as_u64().unwrap_or(0) as usize;
                match label {
                    "Name" => names.push(t),
                    "Designation" => designations.push((start, t)),
                    _ => {}
                }
            }
        }
        designations.sort();
        out.push(Resume {
            content,
            names,
            designations,
        });
    }
    Some(out)
}

fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn names_and_titles_on_real_resumes() {
    let Some(resumes) = load() else {
        eprintln!("skipped: {DATA} not found (../shared is absent)");
        return;
    };
    let today = YearMonth::new(2019, 1);
    let (mut with_name, mut name_found, mut name_is_title) = (0, 0, 0);
    let (mut with_title, mut title_read, mut first_is_designation) = (0, 0, 0);
    for r in &resumes {
        let doc = Document::from_plain_text(&r.content);
        let cv = cv::analyse_at(&doc, today, knowledge());
        if !r.designations.is_empty() {
            with_title += 1;
            if !cv.occupations.is_empty() {
                title_read += 1;
            }
            if let Some(first) = cv.occupations.first() {
                let t = norm(&first.title);
                if r.designations.iter().any(|(_, d)| {
                    let d = norm(d);
                    !t.is_empty() && (d.contains(t.as_str()) || t.contains(d.as_str()))
                }) {
                    first_is_designation += 1;
                }
            }
        }
        let ours = cv
            .personal
            .iter()
            .find(|p| p.kind == PersonalKind::Name)
            .map(|p| norm(&cv.lines[p.line].text[p.start..p.end]));
        if !r.names.is_empty() {
            with_name += 1;
            if let Some(o) = &ours
                && r.names.iter().any(|n| {
                    let n = norm(n);
                    !o.is_empty() && (n.contains(o.as_str()) || o.contains(n.as_str()))
                })
            {
                name_found += 1;
            }
        }
        if let Some(o) = &ours
            && !o.is_empty()
            && r.designations
                .iter()
                .any(|(_, d)| norm(d).contains(o.as_str()))
        {
            name_is_title += 1;
        }
    }
    // Anonymised resumes (the name line removed, as public resume sets often
    // are) open with a job title, sometimes in capitals: it must not be taken
    // for a name.
    let mut anon_title_as_name = [0usize; 2];
    let mut anon = 0;
    for r in &resumes {
        if r.names.is_empty() {
            continue;
        }
        let kept: Vec<&str> = r
            .content
            .lines()
            .filter(|l| !r.names.iter().any(|n| l.trim() == n.as_str()))
            .collect();
        if kept.len() == r.content.lines().count() {
            continue;
        }
        anon += 1;
        for (k, upper) in [false, true].into_iter().enumerate() {
            let mut lines: Vec<String> = kept.iter().map(|l| l.to_string()).collect();
            if upper && let Some(first) = lines.iter_mut().find(|l| !l.trim().is_empty()) {
                *first = first.to_uppercase();
            }
            let doc = Document::from_plain_text(&lines.join("\n"));
            let cv = cv::analyse_at(&doc, today, knowledge());
            if let Some(p) = cv.personal.iter().find(|p| p.kind == PersonalKind::Name) {
                let o = norm(&cv.lines[p.line].text[p.start..p.end]);
                if r.designations.iter().any(|(_, d)| {
                    let d = norm(d);
                    d.contains(o.as_str()) || o.contains(d.as_str())
                }) {
                    anon_title_as_name[k] += 1;
                    if std::env::var_os("CVMATCH_DEBUG_TITLES").is_some() {
                        eprintln!("debug: name read as {o:?}");
                    }
                }
            }
        }
    }
    println!(
        "{anon} anonymised resumes: the opening job title taken for a name in {} (as written) and {} (in capitals)",
        anon_title_as_name[0], anon_title_as_name[1]
    );
    println!(
        "{with_title} resumes with designations: a job title read as an occupation in {title_read} ({:.1}%); the first read is an annotated designation in {first_is_designation} ({:.1}%)",
        100.0 * title_read as f64 / with_title.max(1) as f64,
        100.0 * first_is_designation as f64 / with_title.max(1) as f64
    );
    let n = resumes.len();
    println!(
        "{n} resumes: name found {name_found} of {with_name} ({:.1}%); a job title taken for the name: {name_is_title} ({:.1}%)",
        100.0 * name_found as f64 / with_name.max(1) as f64,
        100.0 * name_is_title as f64 / n as f64
    );
    assert!(n >= 200);
    assert!(
        name_found * 10 >= with_name * 7,
        "names found {name_found}/{with_name}"
    );
    assert!(
        name_is_title * 50 <= n,
        "titles taken for names: {name_is_title}"
    );
    for k in anon_title_as_name {
        assert!(
            k * 50 <= anon,
            "titles taken for names on anonymised resumes: {k}/{anon}"
        );
    }
}
