//! Scoring properties that hold whatever the weights: bounded scores, keyword
//! stuffing does not pay, and the same input always gives the same output.

use cvmatch::extract::Document;
use cvmatch::index::{self, RoleIndex, RoleSource};
use cvmatch::score::{Matcher, Weights};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/cv/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn index() -> (tempfile::TempDir, RoleIndex) {
    let dir = tempfile::tempdir().unwrap();
    let roles = cvmatch::roles::embedded().unwrap();
    index::build(&roles, &RoleSource::Embedded, dir.path()).unwrap();
    let idx = RoleIndex::open(dir.path()).unwrap();
    (dir, idx)
}

#[test]
fn repeating_keywords_does_not_raise_scores_without_bound() {
    let (_dir, idx) = index();
    let m = Matcher::new(&idx, Weights::default());
    let files: Vec<String> =
        std::fs::read_dir(format!("{}/tests/fixtures/cv", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
    assert!(!files.is_empty());
    for f in files {
        let text = fixture(&f);
        let plain = cvmatch::cv::analyse(&Document::from_plain_text(&text));
        let stuffing =
            "Python machine learning deep learning PyTorch SQL FHIR NHS data science. ".repeat(300);
        let stuffed_text = format!("{text}\n{stuffing}");
        let stuffed = cvmatch::cv::analyse(&Document::from_plain_text(&stuffed_text));
        let a = m.score(&plain).unwrap();
        let b = m.score(&stuffed).unwrap();
        for rb in &b {
            assert!((0.0..=100.0).contains(&rb.score), "{f}: {}", rb.score);
            assert!(rb.relevance <= 1.0);
            let ra = a.iter().find(|r| r.role_id == rb.role_id).unwrap();
            // Stuffing adds skills it names (a real, bounded gain), but 300
            // repetitions must not count more than one mention would.
            let once = cvmatch::cv::analyse(&Document::from_plain_text(&format!(
                "{text}\nPython machine learning deep learning PyTorch SQL FHIR NHS data science."
            )));
            let ro = m
                .score(&once)
                .unwrap()
                .into_iter()
                .find(|r| r.role_id == rb.role_id)
                .unwrap();
            if rb.score - ro.score > 2.0 {
                println!(
                    "{f} {}: stuffed {:.2} once {:.2}",
                    rb.role_id, rb.score, ro.score
                );
            }
            assert!(
                rb.score <= ro.score + 5.0,
                "{f} vs {}: stuffed {:.1}, once {:.1}, plain {:.1}",
                rb.role_id,
                rb.score,
                ro.score,
                ra.score
            );
        }
    }
}

#[test]
fn scoring_is_deterministic() {
    let (_dir, idx) = index();
    let m = Matcher::new(&idx, Weights::default());
    let cv = cvmatch::cv::analyse(&Document::from_plain_text(&fixture(
        std::fs::read_dir(format!("{}/tests/fixtures/cv", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with(".txt"))
            .unwrap()
            .as_str(),
    )));
    let a = m.score(&cv).unwrap();
    let b = m.score(&cv).unwrap();
    assert_eq!(a, b);
}
