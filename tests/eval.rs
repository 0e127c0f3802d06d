//! `cvmatch::eval` on the sample roles and CVs: cvmatch against the TF-IDF
//! baseline on `samples/cvs/expected.csv`.

use std::path::{Path, PathBuf};

use cvmatch::eval::{self, EvalReport, SYSTEM_CVMATCH, SYSTEM_TFIDF};
use cvmatch::index::{self, RoleIndex, RoleSource};
use cvmatch::score::{Matcher, Weights};

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds an index of `roles` in a tempdir and evaluates `labels` against it.
fn run(roles: &Path, labels: &Path) -> EvalReport {
    let tmp = tempfile::tempdir().unwrap();
    let paths = vec![roles.to_path_buf()];
    let loaded = cvmatch::roles::load_paths(&paths).unwrap();
    index::build(&loaded, &RoleSource::Paths { paths }, tmp.path()).unwrap();
    let idx = RoleIndex::open(tmp.path()).unwrap();
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();
    let labels_read = eval::read_labels(labels).unwrap();
    eval::check_labels(labels, &labels_read, idx.roles().unwrap()).unwrap();
    let report = eval::evaluate(&labels_read, &idx, &matcher, None, false);
    let mut out = Vec::new();
    eval::write_eval_table(&mut out, &report).unwrap();
    println!("{}", String::from_utf8(out).unwrap());
    report
}

#[test]
fn samples_cvmatch_beats_the_baseline() {
    let r = run(
        &root().join("samples/roles"),
        &root().join("samples/cvs/expected.csv"),
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.rows.len(), 15);
    assert_eq!(r.none_rows.len(), 2);
    let ours = r.system(SYSTEM_CVMATCH).unwrap();
    let base = r.system(SYSTEM_TFIDF).unwrap();
    assert_eq!(ours.n, 15);
    assert_eq!(base.n, 15);
    assert!(
        ours.top1 >= base.top1,
        "cvmatch top-1 {} < baseline {}",
        ours.top1,
        base.top1
    );
    assert_eq!(ours.top3, 1.0, "{:?}", r.rows);
    assert!(ours.mrr >= base.mrr);
    // The two `none` CVs score below every fitting CV's expected role.
    assert_eq!(ours.none_separation, Some(1.0));
    // Rows keep label order.
    assert!(r.rows.windows(2).all(|w| w[0].line < w[1].line));
    // Machine-readable too.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["systems"][1]["system"], SYSTEM_TFIDF);
}

/// A larger labelled set, only when one is provided: `CVMATCH_EVAL_LABELS`
/// (a `cv,role_id` file) and `CVMATCH_EVAL_ROLES` (role files or a folder).
/// Prints the figures; asserts nothing about them.
#[test]
fn labelled_corpus_when_provided() {
    let (Some(labels), Some(roles)) = (
        std::env::var_os("CVMATCH_EVAL_LABELS"),
        std::env::var_os("CVMATCH_EVAL_ROLES"),
    ) else {
        eprintln!(
            "skipped: set CVMATCH_EVAL_LABELS and CVMATCH_EVAL_ROLES to evaluate a labelled set"
        );
        return;
    };
    let (labels, roles) = (PathBuf::from(labels), PathBuf::from(roles));
    if !labels.exists() || !roles.exists() {
        eprintln!(
            "skipped: {} or {} missing",
            labels.display(),
            roles.display()
        );
        return;
    }
    let r = run(&roles, &labels);
    assert_eq!(r.systems.len(), 2);
}
