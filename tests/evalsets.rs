//! The evaluation sets of `eval/README.md`, checked on every CI run: cvmatch
//! against the standard TF-IDF cosine baseline, with paired bootstrap intervals.
//!
//! `scripts/evalsets.py build` makes the sets from the public data in
//! `../shared` (never committed) and from `eval/healthcare`; this test then
//! indexes each set's roles and runs `cvmatch::eval::evaluate` with the default
//! settings. It prints every set's table and asserts the rule:
//!
//! - on no set does cvmatch lose to the TF-IDF cosine beyond the 95% interval of
//!   the paired difference (top-1 and MRR);
//! - on the real-advert and zero-shot O\*NET sets it is better beyond the
//!   interval;
//! - on the healthcare set (UK person specifications, CVs written apart from the
//!   scoring code), the right role is first for at least 96% of fitting CVs, at
//!   least 80% of them meet every essential of their role, and a CV that fits
//!   nothing meets every essential of no role.
//!
//! Skips with a printed reason when `python3` or `../shared` is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use cvmatch::eval::{self, EvalReport, SYSTEM_CVMATCH, SYSTEM_TFIDF};
use cvmatch::index::{self, RoleIndex, RoleSource};
use cvmatch::score::{Matcher, Weights};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

/// Builds the sets into `out`, or says why not.
fn build(out: &Path) -> Result<(), String> {
    if !root().join("../shared/corpus/labelled").is_dir() {
        return Err("../shared/corpus not found".into());
    }
    let run = Command::new("python3")
        .arg(root().join("scripts/evalsets.py"))
        .arg("build")
        .arg(out)
        .output()
        .map_err(|e| format!("python3 not runnable: {e}"))?;
    if !run.status.success() {
        panic!(
            "scripts/evalsets.py build failed:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    Ok(())
}

/// Indexes one set's roles and evaluates its labels.
fn evaluate(set: &Path) -> EvalReport {
    let roles_txt = set.join("roles.txt");
    let paths: Vec<PathBuf> = if roles_txt.exists() {
        std::fs::read_to_string(&roles_txt)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    } else {
        vec![set.join("roles")]
    };
    let roles = cvmatch::roles::load_paths(&paths).expect("roles load");
    let dir = set.join("index");
    index::build(&roles, &RoleSource::Paths { paths }, &dir).expect("index builds");
    let idx = RoleIndex::open(&dir).unwrap();
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();
    let labels_path = set.join("labels.csv");
    let labels = eval::read_labels(&labels_path).unwrap();
    eval::check_labels(&labels_path, &labels, idx.roles().unwrap()).unwrap();
    let report = eval::evaluate(&labels, &idx, &matcher, None, false);
    let mut out = Vec::new();
    eval::write_eval_table(&mut out, &report).unwrap();
    println!(
        "== {} ==\n{}",
        set.file_name().unwrap().to_string_lossy(),
        String::from_utf8(out).unwrap()
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// The paired difference from the TF-IDF cosine.
fn against_tfidf(r: &EvalReport) -> &eval::Comparison {
    r.system(SYSTEM_CVMATCH)
        .unwrap()
        .compared
        .iter()
        .find(|c| c.baseline == SYSTEM_TFIDF)
        .expect("compared with the TF-IDF cosine")
}

#[test]
fn cvmatch_holds_against_the_standard_baseline_on_every_set() {
    let tmp = tempfile::tempdir().unwrap();
    if let Err(why) = build(tmp.path()) {
        eprintln!("skipping the evaluation sets: {why}");
        return;
    }
    let mut failures = Vec::new();
    for name in ["labelled", "adverts", "onet", "healthcare"] {
        let set = tmp.path().join(name);
        if !set.join("labels.csv").exists() {
            failures.push(format!("{name}: not built"));
            continue;
        }
        let r = evaluate(&set);
        let d = against_tfidf(&r);
        if d.top1.high < 0.0 || d.mrr.high < 0.0 {
            failures.push(format!(
                "{name}: worse than the TF-IDF cosine beyond the interval (top-1 {:+.3} [{:+.3}, {:+.3}], MRR {:+.3} [{:+.3}, {:+.3}])",
                d.top1.mean, d.top1.low, d.top1.high, d.mrr.mean, d.mrr.low, d.mrr.high
            ));
        }
        if matches!(name, "adverts" | "onet") && !d.better() {
            failures.push(format!(
                "{name}: no longer better than the TF-IDF cosine beyond the interval (top-1 {:+.3} [{:+.3}, {:+.3}], MRR {:+.3} [{:+.3}, {:+.3}])",
                d.top1.mean, d.top1.low, d.top1.high, d.mrr.mean, d.mrr.low, d.mrr.high
            ));
        }
        if name == "healthcare" {
            let ours = r.system(SYSTEM_CVMATCH).unwrap();
            if ours.top1 < 0.96 {
                failures.push(format!("healthcare: right role first {:.3}", ours.top1));
            }
            let (all, n) = r.all_essentials.expect("healthcare roles have essentials");
            if (all as f64) < 0.8 * n as f64 {
                failures.push(format!(
                    "healthcare: {all} of {n} fitting CVs meet every essential"
                ));
            }
            assert!(
                !r.none_rows.is_empty(),
                "healthcare has CVs that fit nothing"
            );
            for row in &r.none_rows {
                if row.roles_all_essentials > 0 {
                    failures.push(format!(
                        "healthcare: {} fits nothing but meets every essential of {} role(s)",
                        row.cv, row.roles_all_essentials
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
