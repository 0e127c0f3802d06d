//! The library entry point, `cvmatch::Engine`: the same matches as the
//! `cvmatch match` command, from a path or from bytes, and a batch iterator
//! that keeps input order and goes on past a broken CV.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use cvmatch::{Engine, EngineOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cv(name: &str) -> PathBuf {
    root().join("samples/cvs").join(name)
}

/// One engine on the embedded sample roles for the whole test binary, keeping
/// every role so that orders can be compared in full.
fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::samples(EngineOptions::default().with_top(0)).unwrap())
}

fn ids(m: &cvmatch::CvMatch) -> Vec<&str> {
    m.matches.iter().map(|r| r.role_id.as_str()).collect()
}

#[test]
fn samples_engine_ranks_as_the_match_command() {
    let found = engine().match_path(cv("amara-okafor.pdf")).unwrap();
    assert_eq!(found.matches.len(), engine().role_count());
    assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    // The expected best role of this sample CV.
    assert_eq!(found.matches[0].role_id, "nhs-data-scientist");
    assert!(found.matches[0].essentials_total > 0);

    // The binary on the same embedded roles: a fresh default index in a
    // folder without samples/roles, so it is built from the embedded ones.
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("cvmatch")
        .unwrap()
        .current_dir(dir.path())
        .env("CVMATCH_INDEX", dir.path().join("index"))
        .env_remove("CVMATCH_TODAY")
        .args(["match", "--samples", "--format", "json", "--top", "0"])
        .arg(cv("amara-okafor.pdf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli: Vec<&str> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role_id"].as_str().unwrap())
        .collect();
    assert_eq!(cli, ids(&found));
    let top = &v["matches"][0];
    assert_eq!(top["essentials_met"], found.matches[0].essentials_met);
    let score = top["score"].as_f64().unwrap();
    assert!((score - found.matches[0].score).abs() < 1e-9, "{score}");
}

#[test]
fn matching_bytes_equals_matching_the_path() {
    let path = cv("gareth-pryce.pdf");
    let from_path = engine().match_path(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let from_bytes = engine().match_bytes(&bytes, "gareth-pryce.pdf").unwrap();
    assert_eq!(from_bytes.cv, "gareth-pryce.pdf");
    assert_eq!(from_path.matches, from_bytes.matches);
    // The name picks the format: a PDF named .txt is read as text.
    let as_text = engine().match_bytes(&bytes, "cv.txt").unwrap();
    assert_ne!(as_text.matches, from_path.matches);
    let e = engine().match_bytes(&bytes, "cv.rtf").unwrap_err();
    assert!(e.to_string().contains("Rich Text Format"), "{e}");
}

#[test]
fn batch_keeps_input_order_and_goes_on_past_a_broken_cv() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"this is not a PDF at all \x00\x01\x02").unwrap();
    let missing = dir.path().join("missing.pdf");
    let good = [
        "zoe-pemberton.pdf",
        "amara-okafor.pdf",
        "priya-raman.pdf",
        "daniel-hughes.pdf",
    ];
    let mut paths: Vec<PathBuf> = good.iter().map(|n| cv(n)).collect();
    paths.insert(1, broken.clone());
    paths.push(missing.clone());
    // Many more CVs than one parallel chunk, to cross chunk boundaries.
    let mut all = paths.clone();
    for _ in 0..8 {
        all.extend(good.iter().map(|n| cv(n)));
    }
    let batch = engine().batch(all.clone()).unwrap();
    assert_eq!(batch.len(), all.len());
    let items: Vec<cvmatch::BatchItem> = batch.collect();
    let got: Vec<&Path> = items.iter().map(|i| i.path.as_path()).collect();
    assert_eq!(got, all.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    for item in &items {
        if item.path == broken || item.path == missing {
            let e = item.result.as_ref().unwrap_err();
            assert!(
                e.to_string()
                    .contains(item.path.file_name().unwrap().to_str().unwrap()),
                "{e}"
            );
        } else {
            let found = item.result.as_ref().unwrap();
            let alone = engine().match_path(&item.path).unwrap();
            assert_eq!(found.matches, alone.matches, "{}", item.path.display());
        }
    }
    assert!(matches!(
        items[1].result,
        Err(cvmatch::Error::Extract { .. })
    ));
    assert!(matches!(
        items[5].result,
        Err(cvmatch::Error::Missing { .. })
    ));
}

#[test]
fn options_cut_name_and_blind() {
    let e = Engine::samples(
        EngineOptions::default()
            .with_top(2)
            .with_blind(true)
            .with_roles(["senior-data-analyst", "nhs-data-scientist"]),
    )
    .unwrap();
    assert_eq!(
        e.named_roles(),
        ["senior-data-analyst", "nhs-data-scientist"]
    );
    let found = e.match_path(cv("amara-okafor.pdf")).unwrap();
    assert_eq!(found.cv, "candidate-001");
    let mut got = ids(&found);
    got.sort();
    assert_eq!(got, ["nhs-data-scientist", "senior-data-analyst"]);
    for m in &found.matches {
        for c in &m.criteria {
            let ev = c.evidence.as_deref().unwrap_or("");
            assert!(!ev.contains("Okafor"), "{ev}");
        }
    }
    // A CV that cannot be read is named by its blind name in the error too.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Amara Okafor");
    std::fs::create_dir(&folder).unwrap();
    let broken = folder.join("AmaraOkaforCV.pdf");
    std::fs::write(&broken, b"not a PDF \x00\x01").unwrap();
    let missing = folder.join("amara-okafor-2024.docx");
    for (item, kind) in e
        .batch([broken.clone(), missing.clone()])
        .unwrap()
        .zip(["damaged", "missing"])
    {
        let err = item.result.unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("candidate-"), "{kind}: {text}");
        for leak in ["Okafor", "Amara", "amara"] {
            assert!(!text.contains(leak), "{kind}: {text}");
        }
        assert_eq!(
            item.path.parent(),
            Some(folder.as_path()),
            "the caller's path is kept"
        );
    }
    let err = e.match_path(&missing).unwrap_err().to_string();
    assert!(
        !err.contains("amara") && err.starts_with("candidate-"),
        "{err}"
    );

    let unknown = Engine::samples(EngineOptions::default().with_roles(["no-such-role"]));
    assert!(unknown.unwrap_err().to_string().contains("no-such-role"));
}

#[test]
fn open_needs_an_index_and_says_how_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    let e = Engine::open(dir.path().join("none"), EngineOptions::default()).unwrap_err();
    assert!(e.to_string().contains("cvmatch index"), "{e}");
    // An index built by the library opens, with the same roles.
    let roles = cvmatch::roles::embedded().unwrap();
    let idx = dir.path().join("idx");
    cvmatch::index::build(&roles, &cvmatch::index::RoleSource::Embedded, &idx).unwrap();
    let opened = Engine::open(&idx, EngineOptions::default()).unwrap();
    assert_eq!(opened.role_count(), roles.len());
    assert!(opened.warnings().is_empty(), "{:?}", opened.warnings());
    let found = opened.match_path(cv("amara-okafor.pdf")).unwrap();
    assert_eq!(found.matches.len(), 5);
    assert_eq!(found.matches[0].role_id, "nhs-data-scientist");
}
