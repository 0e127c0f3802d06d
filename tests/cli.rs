//! End-to-end tests of the `cvmatch` binary: every subcommand, the JSON contract,
//! exit codes, bad input, and how the sample CVs rank.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn samples_cvs() -> PathBuf {
    root().join("samples/cvs")
}

/// A command with a private default index, run from the crate root.
fn cvmatch() -> Command {
    let mut c = Command::cargo_bin("cvmatch").unwrap();
    c.current_dir(root());
    c.env("CVMATCH_INDEX", shared_index().join("unused-default"));
    c
}

/// One index of the sample roles, built once for the tests that only read it.
fn shared_index() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::cargo_bin("cvmatch")
            .unwrap()
            .current_dir(root())
            .args(["index", "--roles", "samples/roles", "--index"])
            .arg(dir.path().join("idx"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
    .path()
}

fn index_dir() -> PathBuf {
    shared_index().join("idx")
}

fn stdout_of(c: &mut Command) -> (String, String, i32) {
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn expected() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(samples_cvs().join("expected.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (cv, role) = l.split_once(',').unwrap();
            (cv.trim().to_string(), role.trim().to_string())
        })
        .collect()
}

fn check_match_object(v: &Value, roles: usize) {
    assert_eq!(v["version"], cvmatch::OUTPUT_VERSION);
    assert!(v.get("error").is_none(), "{v}");
    let matches = v["matches"].as_array().expect("matches array");
    assert_eq!(matches.len(), roles);
    let mut prev: Option<(f64, String)> = None;
    for m in matches {
        let score = m["score"].as_f64().expect("numeric score");
        assert!((0.0..=100.0).contains(&score), "{score}");
        let id = m["role_id"].as_str().unwrap().to_string();
        assert!(!m["title"].as_str().unwrap().is_empty());
        let met = m["essentials_met"].as_u64().unwrap();
        let total = m["essentials_total"].as_u64().unwrap();
        assert!(met <= total);
        if let Some((ps, pid)) = &prev {
            assert!(
                *ps > score || (*ps == score && *pid < id),
                "not sorted: {ps} {pid} then {score} {id}"
            );
        }
        prev = Some((score, id));
    }
}

#[test]
fn index_then_roles_lists_every_sample_role() {
    let (out, _, code) = stdout_of(cvmatch().args(["roles", "--index"]).arg(index_dir()));
    assert_eq!(code, 0);
    for id in [
        "ai-research-scientist",
        "clinical-nlp-engineer",
        "nhs-data-scientist",
    ] {
        assert!(out.contains(id), "{id} missing from\n{out}");
    }
    assert!(out.contains("15 roles"), "{out}");
}

#[test]
fn match_json_is_one_line_with_every_role_sorted() {
    let (out, err, code) = stdout_of(
        cvmatch()
            .args([
                "match",
                "samples/cvs/priya-raman.pdf",
                "--format",
                "json",
                "--top",
                "0",
            ])
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cv"], "samples/cvs/priya-raman.pdf");
    check_match_object(&v, 15);
    assert_eq!(v["matches"][0]["role_id"], "ml-engineer-healthtech");
    assert!(v["matches"][0].get("criteria").is_none());
}

#[test]
fn match_table_explains_each_role() {
    let (out, _, code) = stdout_of(
        cvmatch()
            .args(["match", "samples/cvs/jose-alvarez.pdf", "--top", "2"])
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0);
    assert!(out.contains("genomics-bioinformatician"), "{out}");
    assert!(out.contains("why: relevance"), "{out}");
    assert!(out.contains("skills found:"), "{out}");

    let (out, _, code) = stdout_of(
        cvmatch()
            .args([
                "match",
                "samples/cvs/jose-alvarez.pdf",
                "--top",
                "1",
                "--explain",
            ])
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0);
    assert!(out.contains("Essential ["), "{out}");
    assert!(out.contains("evidence ("), "{out}");

    let (out, _, _) = stdout_of(
        cvmatch()
            .args([
                "match",
                "samples/cvs/jose-alvarez.pdf",
                "--format",
                "json",
                "--explain",
            ])
            .arg("--index")
            .arg(index_dir()),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let criteria = v["matches"][0]["criteria"]
        .as_array()
        .expect("criteria with --explain");
    assert!(!criteria.is_empty());
    for c in criteria {
        assert!(c["priority"] == "essential" || c["priority"] == "desirable");
        assert!(c["score"].as_u64().unwrap() <= 3);
    }
}

/// Every sample CV's expected role ranks first, and the CV meets all of that
/// role's essentials; the CVs that fit nothing
/// score below every CV that fits something and meet the essentials of no role.
#[test]
fn sample_cvs_rank_their_expected_role() {
    let (out, err, code) = stdout_of(
        cvmatch()
            .args(["batch", "samples/cvs", "--format", "jsonl", "--top", "0"])
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    let by_cv: HashMap<String, Value> = out
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let name = Path::new(v["cv"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, v)
        })
        .collect();
    let mut first = 0;
    let mut fitting_best = Vec::new();
    let mut none_best = Vec::new();
    let exp = expected();
    assert!(exp.len() >= 16);
    for (cv, role) in &exp {
        let v = by_cv.get(cv).unwrap_or_else(|| panic!("{cv} not reported"));
        let ids: Vec<&str> = v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role_id"].as_str().unwrap())
            .collect();
        let best = v["matches"][0]["score"].as_f64().unwrap();
        if role == "none" {
            none_best.push((cv.clone(), best));
            continue;
        }
        fitting_best.push(best);
        let rank = ids.iter().position(|id| id == role).map(|p| p + 1);
        let m = &v["matches"][rank.unwrap_or(1) - 1];
        let (met, total) = (
            m["essentials_met"].as_u64().unwrap(),
            m["essentials_total"].as_u64().unwrap(),
        );
        println!(
            "{cv:28} expected {role:40} rank {rank:?} (top: {}), essentials {met}/{total}",
            ids[0]
        );
        assert_eq!(rank, Some(1), "{cv}: {role} not first: {ids:?}");
        first += 1;
        // A CV a hiring manager would shortlist meets every essential of its role.
        assert!(
            total > 0 && met == total,
            "{cv}: {met}/{total} essentials of {role}"
        );
    }
    println!(
        "{first} of {} sample CVs rank their expected role first",
        fitting_best.len()
    );
    // The CVs that fit nothing meet the essentials of no role.
    for (cv, role) in exp.iter().filter(|(_, r)| r == "none") {
        for m in by_cv[cv]["matches"].as_array().unwrap() {
            let total = m["essentials_total"].as_u64().unwrap();
            assert!(
                total == 0 || m["essentials_met"].as_u64().unwrap() < total,
                "{cv} ({role}) meets every essential of {}",
                m["role_id"]
            );
        }
    }
    let weakest_fit = fitting_best.iter().copied().fold(f64::INFINITY, f64::min);
    for (cv, best) in none_best {
        assert!(
            best < weakest_fit,
            "{cv} (fits nothing) scores {best}, above a fitting CV's best {weakest_fit}"
        );
    }
}

#[test]
fn batch_is_deterministic_and_ordered_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    for (jobs, out) in [("1", &a), ("2", &b)] {
        let (_, err, code) = stdout_of(
            cvmatch()
                .args([
                    "batch",
                    "samples/cvs",
                    "--format",
                    "csv",
                    "--jobs",
                    jobs,
                    "--out",
                ])
                .arg(out)
                .arg("--index")
                .arg(index_dir()),
        );
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("skipped 1 file"), "{err}");
    }
    let ta = std::fs::read_to_string(&a).unwrap();
    assert_eq!(ta, std::fs::read_to_string(&b).unwrap());
    let mut rdr = csv::Reader::from_reader(ta.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 17 * 3, "17 CVs, top 3 each");
    let cvs: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let mut sorted = cvs.clone();
    sorted.sort();
    assert_eq!(cvs, sorted);
    let headers = rdr.headers().unwrap().clone();
    let score_col = headers.iter().position(|h| h == "score").unwrap();
    for r in &rows {
        let score = r.get(score_col).unwrap();
        assert_eq!(score.split('.').nth(1).map(str::len), Some(2), "{score}");
    }
}

#[test]
fn batch_csv_opens_cleanly_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    // File names that a spreadsheet would read as formulas.
    for name in ["=evil.pdf", "@evil.pdf", "+evil.pdf"] {
        std::fs::copy(
            samples_cvs().join("amara-okafor.pdf"),
            dir.path().join(name),
        )
        .unwrap();
    }
    let run = |extra: &[&str]| {
        let (out, err, code) = stdout_of(
            cvmatch()
                .current_dir(dir.path())
                .args(["batch", "=evil.pdf", "@evil.pdf", "+evil.pdf", "--top", "1"])
                .args(extra)
                .arg("--index")
                .arg(index_dir()),
        );
        assert_eq!(code, 0, "{err}");
        out
    };
    // `--out x.csv` alone means CSV, with a byte-order mark for Excel.
    run(&["-o", "report.csv"]);
    let bytes = std::fs::read(dir.path().join("report.csv")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}cv,rank,".as_bytes()),
        "{:?}",
        &bytes[..12]
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let cvs: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_string())
        .collect();
    assert_eq!(cvs, ["'+evil.pdf", "'=evil.pdf", "'@evil.pdf"]);
    // --no-bom leaves the mark out; stdout never has it.
    run(&["--no-bom", "-o", "plain.csv"]);
    let plain = std::fs::read(dir.path().join("plain.csv")).unwrap();
    assert!(plain.starts_with(b"cv,rank,"));
    let out = run(&["-f", "csv"]);
    assert!(out.starts_with("cv,rank,"), "{out}");
    // `--out x.jsonl` alone means JSON Lines.
    run(&["-o", "report.jsonl"]);
    let jl = std::fs::read_to_string(dir.path().join("report.jsonl")).unwrap();
    assert_eq!(jl.lines().count(), 3);
    for l in jl.lines() {
        serde_json::from_str::<Value>(l).unwrap();
    }
}

#[test]
fn batch_folder_hygiene_names_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let cvs = dir.path().join("cvs");
    std::fs::create_dir(&cvs).unwrap();
    std::fs::copy(
        samples_cvs().join("amara-okafor.pdf"),
        cvs.join("amara.pdf"),
    )
    .unwrap();
    for junk in ["._amara.pdf", "~$old.docx", ".DS_Store"] {
        std::fs::write(cvs.join(junk), "junk").unwrap();
    }
    std::fs::write(cvs.join("old.doc"), "binary Word").unwrap();
    let (out, err, code) = stdout_of(
        cvmatch()
            .current_dir(dir.path())
            .args(["batch", "cvs", "cvz", "-f", "csv", "--top", "1", "--index"])
            .arg(index_dir()),
    );
    assert_eq!(code, 1, "two CVs could not be read: {err}");
    assert!(err.contains("skipped 3 hidden or lock files"), "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let error = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "error")
        .unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let by_cv = |cv: &str| rows.iter().find(|r| r.get(0) == Some(cv)).unwrap().clone();
    let error_of = |r: &csv::StringRecord| r.get(error).unwrap().to_string();
    assert_eq!(error_of(&by_cv("cvs/amara.pdf")), "");
    assert!(
        error_of(&by_cv("cvs/old.doc")).contains("Word 97-2003 (.doc) files are not supported")
    );
    assert!(
        error_of(&by_cv("cvz")).contains("no such file or folder"),
        "{out}"
    );
    assert_eq!(rows.len(), 3, "{out}");
}

#[test]
fn completions_man_page_and_quiet() {
    for shell in ["bash", "zsh", "fish"] {
        let (out, err, code) = stdout_of(cvmatch().args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("batch") && out.contains("samples"), "{shell}");
    }
    let (out, _, code) = stdout_of(cvmatch().arg("man"));
    assert_eq!(code, 0);
    assert!(
        out.contains(".TH cvmatch 1") && out.contains("batch"),
        "{out}"
    );
    // --quiet: nothing on stderr, and the exit code still says a CV failed.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        samples_cvs().join("amara-okafor.pdf"),
        dir.path().join("a.pdf"),
    )
    .unwrap();
    std::fs::write(dir.path().join("b.pdf"), "not a pdf").unwrap();
    std::fs::write(dir.path().join("notes.md"), "x").unwrap();
    let (out, err, code) = stdout_of(
        cvmatch()
            .args(["-q", "batch", "-f", "jsonl"])
            .arg(dir.path())
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 1);
    assert_eq!(err, "", "quiet");
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn cvs_from_standard_input_and_path_lists() {
    // `match -`: a PDF or plain text on standard input.
    let pdf = std::fs::read(samples_cvs().join("amara-okafor.pdf")).unwrap();
    let by_file = stdout_of(
        cvmatch()
            .args(["match", "--format", "json", "--index"])
            .arg(index_dir())
            .arg(samples_cvs().join("amara-okafor.pdf")),
    );
    let out = cvmatch()
        .args(["match", "-", "--format", "json", "--index"])
        .arg(index_dir())
        .write_stdin(pdf)
        .output()
        .unwrap();
    assert!(out.status.success());
    let a: Value = serde_json::from_str(&by_file.0).unwrap();
    let b: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b["cv"], "<stdin>");
    assert_eq!(a["matches"], b["matches"], "the same CV, the same matches");
    let out = cvmatch()
        .args(["match", "-", "--format", "json", "--top", "1", "--index"])
        .arg(index_dir())
        .write_stdin(
            "Clinical Informatician\nRegistered nurse (NMC), EPR optimisation, SNOMED CT\n",
        )
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["matches"][0]["role_id"], "clinical-informatician");
    // `parse -` too.
    let out = cvmatch()
        .args(["parse", "-", "--format", "json"])
        .write_stdin("Clinical Informatician\nSkills\nSNOMED CT, HL7 FHIR\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cv"], "<stdin>");
    // `batch --files-from`: paths one per line, from a file or standard input.
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    let names = ["amara-okafor.pdf", "tom-whitfield.pdf"];
    let text: String = names
        .iter()
        .map(|n| format!("{}\n\n", samples_cvs().join(n).display()))
        .collect();
    std::fs::write(&list, &text).unwrap();
    let (out, err, code) = stdout_of(
        cvmatch()
            .args(["batch", "-f", "jsonl", "--files-from"])
            .arg(&list)
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    let out = cvmatch()
        .args(["batch", "-f", "jsonl", "--files-from", "-", "--index"])
        .arg(index_dir())
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn per_role_shortlists_rank_candidates_best_first() {
    // Each sample role's expected CV heads its shortlist.
    let expected = expected();
    let (out, err, code) = stdout_of(
        cvmatch()
            .args([
                "batch",
                "samples/cvs",
                "--by-role",
                "-f",
                "jsonl",
                "--top",
                "3",
                "--index",
            ])
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    let lists: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lists.len(), 15, "one line per role");
    for l in &lists {
        assert_eq!(l["version"], "1");
        let c = l["candidates"].as_array().unwrap();
        assert!(c.len() <= 3 && !c.is_empty());
        let scores: Vec<f64> = c.iter().map(|x| x["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
        for x in c {
            let unmet = x["unmet"].as_array().unwrap().len() as u64;
            assert_eq!(
                x["essentials_met"].as_u64().unwrap() + unmet,
                x["essentials_total"].as_u64().unwrap()
            );
        }
        let role = l["role_id"].as_str().unwrap();
        for (cv, best) in &expected {
            if best == role {
                let first = c[0]["cv"].as_str().unwrap();
                assert!(
                    expected
                        .iter()
                        .any(|(e, b)| b == role && first.ends_with(e.as_str())),
                    "{role}: {first} first, expected {cv} or another fitting CV"
                );
            }
        }
    }
    // `shortlist ROLE CVS`: the same for one role, as CSV.
    let (out, err, code) = stdout_of(
        cvmatch()
            .args([
                "shortlist",
                "clinical-informatician",
                "samples/cvs",
                "-f",
                "csv",
                "--index",
            ])
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let head: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &head[..6],
        ["role_id", "title", "organisation", "band", "rank", "cv"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 17, "every CV, as --top defaults to all");
    assert!(rows.iter().all(|r| &r[0] == "clinical-informatician"));
    assert!(
        rows[0][5].ends_with("siobhan-ni-bhriain.pdf"),
        "{:?}",
        rows[0]
    );
    // An unknown role is a clear error.
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["shortlist", "no-such-role", "samples/cvs", "--index"])
            .arg(index_dir()),
    );
    assert_eq!(code, 2);
    assert!(err.contains("no role `no-such-role`"), "{err}");
}

#[test]
fn batch_with_a_broken_pdf_reports_the_others_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        samples_cvs().join("gareth-pryce.pdf"),
        dir.path().join("gareth.pdf"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/broken/not-a-pdf.pdf"),
        dir.path().join("letter.pdf"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
    let (out, err, code) = stdout_of(
        cvmatch()
            .args(["batch", "--format", "jsonl"])
            .arg(dir.path())
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 1, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["cv"].as_str().unwrap().ends_with("gareth.pdf"));
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[0]["matches"][0]["role_id"], "senior-data-analyst");
    let e = lines[1]["error"].as_str().unwrap();
    assert!(e.contains("letter.pdf"), "{e}");
    assert!(lines[1].get("matches").is_none());
    assert_eq!(lines[1]["version"], cvmatch::OUTPUT_VERSION);
    assert!(err.contains("skipped 1 file"), "{err}");
}

#[test]
fn broken_fixtures_never_crash_the_batch() {
    let (out, err, code) = stdout_of(
        cvmatch()
            .args(["batch", "tests/fixtures/broken", "--format", "jsonl"])
            .arg("--index")
            .arg(index_dir()),
    );
    assert!(code == 0 || code == 1, "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn extract_prints_one_file_and_writes_several() {
    let (out, _, code) = stdout_of(cvmatch().args(["extract", "samples/cvs/aoife-gallagher.pdf"]));
    assert_eq!(code, 0);
    assert!(out.contains("Aoife"), "{out}");

    let (_, err, code) = stdout_of(cvmatch().args(["extract", "samples/cvs"]));
    assert_eq!(code, 2);
    assert!(err.contains("--out-dir"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["extract", "samples/cvs", "--jobs", "2", "--out-dir"])
            .arg(dir.path()),
    );
    assert_eq!(code, 0, "{err}");
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(n, 17);
    let text = std::fs::read_to_string(dir.path().join("tom-whitfield.txt")).unwrap();
    assert!(text.contains("Whitfield"));
}

#[test]
fn missing_cv_is_a_clear_error() {
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["match", "samples/cvs/nobody.pdf", "--index"])
            .arg(index_dir()),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("samples/cvs/nobody.pdf") && err.contains("no such file"),
        "{err}"
    );
}

#[test]
fn non_pdf_renamed_pdf_is_a_clear_error() {
    let (out, err, code) = stdout_of(
        cvmatch()
            .args([
                "match",
                "tests/fixtures/broken/not-a-pdf.pdf",
                "--format",
                "json",
                "--index",
            ])
            .arg(index_dir()),
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let e = v["error"].as_str().unwrap();
    assert!(
        e.contains("not-a-pdf.pdf") && e.to_lowercase().contains("not a pdf"),
        "{e}"
    );
    assert!(err.contains("not-a-pdf.pdf"), "{err}");
}

#[test]
fn empty_roles_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap();
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["index", "--roles"])
            .arg(&roles)
            .arg("--index")
            .arg(dir.path().join("idx")),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("no role files") && err.contains("roles"),
        "{err}"
    );
}

#[test]
fn malformed_toml_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("broken-role.toml");
    std::fs::write(
        &f,
        "id = \"x\"\ntitle = \"X\"\nessential = [\"a\",\n  oops\n]\n",
    )
    .unwrap();
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["index", "--roles"])
            .arg(&f)
            .arg("--index")
            .arg(dir.path().join("idx")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("broken-role.toml:4:"), "{err}");
}

#[test]
fn duplicate_role_ids_name_both_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "id = \"dup\"\ntitle = \"A\"\n").unwrap();
    std::fs::write(dir.path().join("b.toml"), "id = \"dup\"\ntitle = \"B\"\n").unwrap();
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["index", "--roles"])
            .arg(dir.path())
            .arg("--index")
            .arg(dir.path().join("idx")),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("a.toml") && err.contains("b.toml") && err.contains("dup"),
        "{err}"
    );
}

#[test]
fn explicit_missing_index_is_an_error_for_match_and_batch() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["match", "samples/cvs/priya-raman.pdf"],
        vec!["batch", "samples/cvs"],
    ] {
        let (out, err, code) = stdout_of(
            cvmatch()
                .args(&args)
                .arg("--index")
                .arg(dir.path().join("none")),
        );
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains("no index"), "{err}");
    }
}

#[test]
fn default_index_is_built_from_embedded_roles_outside_the_repo_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let cv = samples_cvs().join("tom-whitfield.pdf");
    // Without --samples, a missing default index outside the crate is an error
    // that says how to build one, and nothing is built.
    let mut c = Command::cargo_bin("cvmatch").unwrap();
    c.current_dir(dir.path())
        .env("CVMATCH_INDEX", dir.path().join("idx"))
        .args(["match", "--format", "json"])
        .arg(&cv);
    let (out, err, code) = stdout_of(&mut c);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("cvmatch index --roles YOUR_ROLES") && err.contains("--samples"),
        "{err}"
    );
    assert!(!dir.path().join("idx").exists());
    let mut c = Command::cargo_bin("cvmatch").unwrap();
    c.current_dir(dir.path())
        .env("CVMATCH_INDEX", dir.path().join("idx"))
        .args(["match", "--samples", "--format", "json"])
        .arg(&cv);
    let (out, err, code) = stdout_of(&mut c);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("built-in sample roles"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matches"][0]["role_id"], "data-engineer-sde");
    // Second run: the index is fresh, nothing is rebuilt.
    let mut c = Command::cargo_bin("cvmatch").unwrap();
    c.current_dir(dir.path())
        .env("CVMATCH_INDEX", dir.path().join("idx"))
        .args(["match", "--format", "json"])
        .arg(&cv);
    let (_, err, code) = stdout_of(&mut c);
    assert_eq!(code, 0);
    assert!(!err.contains("note: the index"), "{err}");
}

#[test]
fn a_stale_index_hint_names_its_own_roles() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("my-roles");
    std::fs::create_dir_all(&roles).unwrap();
    std::fs::copy(
        root().join("samples/roles/nhs-data-scientist.toml"),
        roles.join("nhs-data-scientist.toml"),
    )
    .unwrap();
    let idx = dir.path().join("idx");
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["index", "--roles"])
            .arg(&roles)
            .arg("--index")
            .arg(&idx),
    );
    assert_eq!(code, 0, "{err}");
    std::fs::copy(
        root().join("samples/roles/senior-data-analyst.toml"),
        roles.join("senior-data-analyst.toml"),
    )
    .unwrap();
    let (_, err, code) = stdout_of(cvmatch().arg("roles").arg("--index").arg(&idx));
    assert_eq!(code, 0, "{err}");
    let want = format!(
        "cvmatch index --roles {} --index {}",
        roles.display(),
        idx.display()
    );
    assert!(
        err.contains(&want),
        "the hint rebuilds from the user's roles: {err}"
    );
}

#[test]
fn default_index_is_rebuilt_when_its_roles_change() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("samples/roles");
    std::fs::create_dir_all(&roles).unwrap();
    std::fs::copy(
        root().join("samples/roles/nhs-data-scientist.toml"),
        roles.join("nhs-data-scientist.toml"),
    )
    .unwrap();
    let cv = samples_cvs().join("amara-okafor.pdf");
    let run = || {
        let mut c = Command::cargo_bin("cvmatch").unwrap();
        c.current_dir(dir.path())
            .env("CVMATCH_INDEX", dir.path().join("idx"))
            .args(["match", "--format", "json", "--top", "0"])
            .arg(&cv);
        stdout_of(&mut c)
    };
    let (out, err, code) = run();
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matches"].as_array().unwrap().len(), 1);
    std::fs::copy(
        root().join("samples/roles/senior-data-analyst.toml"),
        roles.join("senior-data-analyst.toml"),
    )
    .unwrap();
    let (out, err, code) = run();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("older than its roles"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matches"].as_array().unwrap().len(), 2);
}

#[test]
fn top_zero_means_all_and_usage_errors_exit_2() {
    let (out, _, code) = stdout_of(
        cvmatch()
            .args([
                "batch",
                "samples/cvs/zoe-pemberton.pdf",
                "--format",
                "jsonl",
                "--top",
                "0",
            ])
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    check_match_object(&v, 15);

    let (_, _, code) = stdout_of(cvmatch().args(["batch", "samples/cvs", "--format", "xml"]));
    assert_eq!(code, 2);
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["batch", "samples/cvs", "--jobs", "0", "--index"])
            .arg(index_dir()),
    );
    assert_eq!(code, 2);
    assert!(err.contains("--jobs"), "{err}");
}

/// Personal data of a sample CV, as the analyser finds it: whole spans, plus the
/// words of the name (matched as whole words, case-insensitively).
fn personal_data(path: &Path) -> (Vec<String>, Vec<String>) {
    let doc = cvmatch::extract::extract_path(path).unwrap();
    let cv = cvmatch::cv::analyse(&doc, knowledge());
    let mut spans = Vec::new();
    let mut name_words = Vec::new();
    for p in &cv.personal {
        let t = cv.lines[p.line].text[p.start..p.end].trim().to_string();
        if p.kind == cvmatch::cv::PersonalKind::Name {
            for w in t.split(|c: char| !c.is_alphanumeric()) {
                if w.chars().count() >= 3 {
                    name_words.push(w.to_lowercase());
                }
            }
        } else if t.chars().count() >= 4 {
            spans.push(t);
        }
    }
    (spans, name_words)
}

fn leaks(output: &str, spans: &[String], name_words: &[String]) -> Vec<String> {
    let mut found: Vec<String> = spans
        .iter()
        .filter(|s| output.contains(s.as_str()))
        .cloned()
        .collect();
    let lower = output.to_lowercase();
    for w in name_words {
        let whole = lower.match_indices(w.as_str()).any(|(i, m)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if whole {
            found.push(w.clone());
        }
    }
    found
}

/// `--blind` output carries none of the sample CVs' personal data, in any format,
/// while the same commands without `--blind` do show it.
#[test]
fn blind_mode_leaks_no_personal_data() {
    let mut cvs: Vec<PathBuf> = std::fs::read_dir(samples_cvs())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    cvs.sort();
    let mut all_outputs = String::new();
    for format in ["jsonl", "csv", "table"] {
        let (out, err, code) = stdout_of(
            cvmatch()
                .args([
                    "batch",
                    "samples/cvs",
                    "--blind",
                    "--top",
                    "0",
                    "--format",
                    format,
                ])
                .arg("--index")
                .arg(index_dir()),
        );
        assert_eq!(code, 0, "{err}");
        all_outputs.push_str(&out);
        all_outputs.push_str(&err);
    }
    let mut checked = 0;
    for cv in &cvs {
        let rel = cv
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let (spans, names) = personal_data(cv);
        assert!(!names.is_empty(), "{rel}: no name found to check");
        let mut outputs = all_outputs.clone();
        for args in [
            vec![
                "match",
                rel.as_str(),
                "--blind",
                "--explain",
                "--format",
                "json",
                "--top",
                "0",
            ],
            vec!["match", rel.as_str(), "--blind", "--explain", "--top", "0"],
            vec!["parse", rel.as_str(), "--blind", "--format", "json"],
            vec!["parse", rel.as_str(), "--blind"],
        ] {
            let mut c = cvmatch();
            c.args(&args);
            if args[0] == "match" {
                c.arg("--index").arg(index_dir());
            }
            let (out, err, code) = stdout_of(&mut c);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert!(!out.is_empty(), "{args:?}");
            outputs.push_str(&out);
            outputs.push_str(&err);
        }
        let found = leaks(&outputs, &spans, &names);
        assert!(found.is_empty(), "{rel}: blind output shows {found:?}");
        // The check can fail: without --blind the same data is there.
        let (out, _, _) = stdout_of(cvmatch().args(["parse", rel.as_str(), "--format", "json"]));
        assert!(
            !leaks(&out, &spans, &names).is_empty(),
            "{rel}: nothing to redact?"
        );
        checked += 1;
    }
    assert_eq!(checked, cvs.len());
}

/// Contact details in other countries' formats are redacted too: international
/// and North American phone numbers, a US street address, a profile URL.
#[test]
fn blind_mode_redacts_international_contact_details() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("cv.txt");
    let secrets = [
        "Ngozi Adeyemi-Clarke",
        "+1 (555) 123-4567",
        "+91 98765 43210",
        "0049 30 1234567",
        "ngozi.ac@example.org",
        "742 Evergreen Terrace",
        "linkedin.com/in/ngozi-ac",
    ];
    std::fs::write(
        &cv,
        format!(
            "{}\nSenior Data Scientist\n{} | {} | {}, Springfield, IL 62704\n\
             Mobile: {}\nWhatsApp {}\n{}\n\nExperience\n\
             Senior Data Scientist, Acme Health, Jan 2020 - Present\n\
             - Built readmission models in Python and SQL for NHS trusts.\n\
             Education\nMSc Statistics, 2019\n",
            secrets[0], secrets[1], secrets[4], secrets[5], secrets[3], secrets[2], secrets[6]
        ),
    )
    .unwrap();
    let path = cv.to_string_lossy().into_owned();
    for args in [
        vec!["parse", path.as_str(), "--blind", "--format", "json"],
        vec![
            "match",
            path.as_str(),
            "--blind",
            "--explain",
            "--format",
            "json",
        ],
        vec!["match", path.as_str(), "--blind", "--explain"],
    ] {
        let mut c = cvmatch();
        c.args(&args);
        if args[0] == "match" {
            c.arg("--index").arg(index_dir());
        }
        let (out, err, code) = stdout_of(&mut c);
        assert_eq!(code, 0, "{args:?}: {err}");
        for s in secrets {
            assert!(!out.contains(s) && !err.contains(s), "{args:?} shows {s}");
        }
    }
    // Without --blind they are there, so the check can fail.
    let (out, _, _) = stdout_of(cvmatch().args(["parse", path.as_str(), "--format", "json"]));
    for s in secrets {
        assert!(out.contains(s), "parse without --blind lacks {s}");
    }
}

#[test]
fn eval_reports_top1_top3_mrr_for_cvmatch_and_the_baseline() {
    let (out, err, code) = stdout_of(
        cvmatch()
            .args([
                "eval",
                "samples/cvs/expected.csv",
                "--format",
                "json",
                "--index",
            ])
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let systems = v["systems"].as_array().unwrap();
    assert_eq!(systems.len(), 3);
    assert_eq!(systems[1]["system"], "tfidf-cosine");
    assert_eq!(systems[2]["system"], "bm25");
    let cvm = &systems[0];
    assert_eq!(cvm["n"], 15);
    assert!(cvm["top3"].as_f64().unwrap() >= 1.0 - 1e-9, "{cvm}");
    assert!(cvm["top1"].as_f64().unwrap() >= systems[1]["top1"].as_f64().unwrap());

    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels.csv");
    std::fs::write(&labels, "cv,role_id\nx.pdf,astronaut\n").unwrap();
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["eval"])
            .arg(&labels)
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("labels.csv:2") && err.contains("astronaut"),
        "{err}"
    );
}

#[test]
fn word_cvs_are_matched_in_a_batch() {
    let (out, err, code) = stdout_of(
        cvmatch()
            .args(["batch", "tests/fixtures/docx", "--format", "jsonl"])
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    for l in &lines {
        assert!(l["cv"].as_str().unwrap().ends_with(".docx"));
        check_match_object(l, 3);
    }
}

#[test]
fn extract_stats_reports_status_per_file() {
    let (out, err, code) = stdout_of(cvmatch().args([
        "extract",
        "--stats",
        "samples/cvs/tom-whitfield.pdf",
        "tests/fixtures/broken",
    ]));
    assert_eq!(code, 1, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let ok = lines
        .iter()
        .find(|l| l["cv"].as_str().unwrap().ends_with("tom-whitfield.pdf"))
        .unwrap();
    assert_eq!(ok["status"], "ok");
    assert!(ok["chars"].as_u64().unwrap() > 500);
    assert_eq!(ok["unmapped_glyphs"], 0);
    assert!(ok.get("error").is_none());
    let bad = lines
        .iter()
        .find(|l| l["cv"].as_str().unwrap().ends_with("not-a-pdf.pdf"))
        .unwrap();
    assert!(bad["error"].as_str().unwrap().contains("not a PDF"));
}

#[test]
fn encrypted_pdfs_need_the_right_password() {
    let pdf = root().join("../shared/corpus/bad-pdfs/qpdf-qtest/c-r2.pdf");
    if !pdf.exists() {
        eprintln!("skipped: {} not present", pdf.display());
        return;
    }
    let (_, err, code) = stdout_of(cvmatch().arg("extract").arg(&pdf));
    assert_eq!(code, 2);
    assert!(err.contains("needs a password"), "{err}");
    let (_, err, code) = stdout_of(
        cvmatch()
            .arg("extract")
            .arg(&pdf)
            .args(["--password", "nope"]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("wrong password"), "{err}");
    let (out, err, code) = stdout_of(
        cvmatch()
            .arg("extract")
            .arg(&pdf)
            .args(["--password", "user1"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.trim().is_empty());
    // The password from a file (trailing newline trimmed) or the environment,
    // so that it does not show in `ps`; for batch and match too.
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw.txt");
    std::fs::write(&pw, "user1\n").unwrap();
    let (file_out, err, code) = stdout_of(
        cvmatch()
            .arg("extract")
            .arg(&pdf)
            .arg("--password-file")
            .arg(&pw),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(file_out, out);
    let (env_out, err, code) = stdout_of(
        cvmatch()
            .arg("extract")
            .arg(&pdf)
            .env("CVMATCH_PASSWORD", "user1"),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(env_out, out);
    let (_, err, code) = stdout_of(
        cvmatch()
            .arg("batch")
            .arg(&pdf)
            .arg("--password-file")
            .arg(&pw)
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    // A file given beats the environment; a wrong one says so.
    std::fs::write(&pw, "nope\n").unwrap();
    let (_, err, code) = stdout_of(
        cvmatch()
            .arg("extract")
            .arg(&pdf)
            .arg("--password-file")
            .arg(&pw)
            .env("CVMATCH_PASSWORD", "user1"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("wrong password"), "{err}");
    // An unreadable file is an error that names it.
    let missing = dir.path().join("no-such-password-file");
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["match", "samples/cvs/amara-okafor.pdf", "--password-file"])
            .arg(&missing)
            .arg("--index")
            .arg(index_dir()),
    );
    assert_eq!(code, 2);
    assert!(err.contains("no-such-password-file"), "{err}");
    // Not both --password and --password-file.
    let (_, err, code) = stdout_of(
        cvmatch()
            .arg("extract")
            .arg(&pdf)
            .args(["--password", "user1", "--password-file"])
            .arg(&pw),
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn taxonomy_and_occupation_imports_extend_matching() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("skills.csv");
    std::fs::write(
        &csv,
        "conceptUri,preferredLabel,altLabels\nhttp://x/1,Quantum Widget Tuning,\"qwt\nwidget tuning\"\n",
    )
    .unwrap();
    let cv = dir.path().join("cv.txt");
    std::fs::write(&cv, "Jane Doe\n\nSkills\nQuantum Widget Tuning, Python\n").unwrap();
    let (out, err, code) = stdout_of(
        cvmatch()
            .arg("--taxonomy")
            .arg(&csv)
            .args(["parse", "--format", "json"])
            .arg(&cv),
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let skills: Vec<&str> = v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(skills.contains(&"Quantum Widget Tuning"), "{skills:?}");
    // Without the import it is unknown.
    let (out, _, _) = stdout_of(cvmatch().args(["parse", "--format", "json"]).arg(&cv));
    assert!(!out.contains("Quantum Widget Tuning\","), "{out}");
    // A missing or malformed file is a usage error naming it.
    let (_, err, code) = stdout_of(cvmatch().args(["--taxonomy", "nope.csv", "roles"]));
    assert_eq!(code, 2);
    assert!(err.contains("nope.csv"), "{err}");
}

/// `--blind` shows every CV as `candidate-NNN`, with nothing of its file name or
/// folder, numbered afresh each run and listed in that order; `--blind-key`
/// writes the mapping to a private file and never prints it.
#[test]
fn blind_names_hold_nothing_of_the_path_and_the_key_maps_them() {
    let dir = tempfile::tempdir().unwrap();
    let cvs = dir.path().join("Amara Okafor");
    std::fs::create_dir(&cvs).unwrap();
    let mut originals = Vec::new();
    for (i, name) in [
        "AmaraOkaforCV.pdf",
        "aokafor.pdf",
        "okafor-2024.txt",
        "zz-okafor.doc",
    ]
    .iter()
    .enumerate()
    {
        let src = samples_cvs().join(["amara-okafor.pdf", "priya-raman.pdf"][i % 2]);
        let to = cvs.join(name);
        if name.ends_with(".txt") {
            std::fs::write(&to, "Sam Example\nData Scientist\nPython and SQL\n").unwrap();
        } else {
            std::fs::copy(src, &to).unwrap();
        }
        originals.push(to);
    }
    let key = dir.path().join("key.json");
    let mut names_by_run = Vec::new();
    for format in ["jsonl", "csv", "table"] {
        let (out, err, code) = stdout_of(
            cvmatch()
                .arg("batch")
                .arg(&cvs)
                .args(["--blind", "--top", "2", "-f", format, "--blind-key"])
                .arg(&key)
                .arg("--index")
                .arg(index_dir()),
        );
        assert_eq!(code, 1, "the .doc is an error row: {err}");
        for text in [&out, &err] {
            let lower = text.to_lowercase();
            for bad in [
                "okafor",
                "amara",
                "aokafor",
                "okafor-2024",
                "key.json",
                "zz-",
            ] {
                assert!(!lower.contains(bad), "{format}: shows {bad}:\n{text}");
            }
        }
        // The rows come in the order of the blind names.
        let shown: Vec<String> = out
            .lines()
            .filter_map(|l| {
                let i = l.find("candidate-")?;
                Some(l[i..i + "candidate-000".len()].to_string())
            })
            .collect();
        assert!(!shown.is_empty(), "{out}");
        assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
        // The key maps every name to its file; only its owner can read it.
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
        let map: HashMap<String, PathBuf> = v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["candidate"].as_str().unwrap().to_string(),
                    PathBuf::from(c["path"].as_str().unwrap()),
                )
            })
            .collect();
        assert_eq!(map.len(), originals.len());
        for name in &shown {
            assert!(originals.contains(&map[name]), "{name}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        let mut order: Vec<(String, PathBuf)> = map.into_iter().collect();
        order.sort();
        names_by_run.push(order);
    }
    // Each run draws its own order: over three runs of four files, the same
    // numbering three times would mean the key is not random (1 in 576).
    assert!(
        names_by_run.windows(2).any(|w| w[0] != w[1]),
        "three runs numbered the files alike"
    );
    // parse and match: the same naming, and --blind-key needs --blind.
    let one = originals[0].to_string_lossy().into_owned();
    let (out, _, code) = stdout_of(cvmatch().args(["parse", one.as_str(), "--blind"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("CV: candidate-001\n"), "{out}");
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["match", one.as_str(), "--blind-key"])
            .arg(dir.path().join("k2.json")),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--blind"), "{err}");
    assert!(!dir.path().join("k2.json").exists());
}

/// Control characters and bidirectional overrides in file names, CV text and
/// role titles never reach the terminal, a table or a CSV file: not ESC, CR,
/// BEL, DEL, C1 controls, nor U+202A–U+202E and U+2066–U+2069.
#[test]
fn control_characters_never_reach_the_output() {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    let dir = tempfile::tempdir().unwrap();
    let cvs = dir.path().join("cvs");
    std::fs::create_dir(&cvs).unwrap();
    let cv = cvs.join("evil\u{1b}[2J\u{202e}fdp.txt");
    std::fs::write(
        &cv,
        "Sam Example\nData Scientist\u{1b}]0;owned\u{7}\n\nExperience\n\
         Senior Data Scientist, Acme Health, Jan 2020 - Present\n\
         - Built \u{1b}[31mPython\u{1b}[0m and SQL models\u{9b}2J for NHS trusts.\u{7f}\r\n\
         Skills\nPython, SQL, \u{2066}R\u{2069}, Machine Learning\n",
    )
    .unwrap();
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap();
    std::fs::write(
        roles.join("r.toml"),
        "id = \"evil-role\"\ntitle = \"Data \\u001b[31mScientist\\u202e\\u0007\"\n\
         summary = \"Builds models in Python and SQL.\"\nskills = [\"Python\", \"SQL\"]\n\
         essential = [{ text = \"Experience with Python \\u001b[5m\" }]\n",
    )
    .unwrap();
    let index = dir.path().join("idx");
    let (_, err, code) = stdout_of(
        cvmatch()
            .args(["index", "--roles"])
            .arg(&roles)
            .arg("--index")
            .arg(&index),
    );
    assert_eq!(code, 0, "{err}");
    let cv_s = cv.to_string_lossy().into_owned();
    let cvs_s = cvs.to_string_lossy().into_owned();
    let idx_s = index.to_string_lossy().into_owned();
    let runs: Vec<Vec<&str>> = vec![
        vec!["batch", &cvs_s, "--index", &idx_s, "--top", "0"],
        vec!["batch", &cvs_s, "--index", &idx_s, "-f", "csv"],
        vec!["batch", &cvs_s, "--index", &idx_s, "-f", "jsonl"],
        vec!["batch", &cvs_s, "--index", &idx_s, "--by-role"],
        vec!["match", &cv_s, "--index", &idx_s, "--explain"],
        vec![
            "match",
            &cv_s,
            "--index",
            &idx_s,
            "--explain",
            "--format",
            "json",
        ],
        vec!["parse", &cv_s],
        vec!["parse", &cv_s, "--format", "json"],
        vec!["extract", &cv_s],
        vec!["extract", &cv_s, "--stats"],
        vec!["roles", "--index", &idx_s],
        vec!["roles", "--index", &idx_s, "--format", "jsonl"],
        vec!["match", "missing\u{1b}[2J.pdf", "--index", &idx_s],
    ];
    for args in runs {
        let (out, err, _) = stdout_of(cvmatch().args(&args));
        assert!(!out.is_empty() || !err.is_empty(), "{args:?}");
        for (what, text) in [("stdout", &out), ("stderr", &err)] {
            // CSV rows end in CRLF; no other CR.
            let text = text.replace("\r\n", "\n");
            let found: Vec<char> = text.chars().filter(|&c| bad(c)).collect();
            assert!(found.is_empty(), "{args:?} {what}: {found:?} in {text:?}");
            assert!(!text.contains("\\u001b"), "{args:?} {what}: {text}");
        }
    }
    // The check can fail: the file really holds them.
    assert!(std::fs::read_to_string(&cv).unwrap().chars().any(bad));
}

/// `--cache DIR` keeps extracted text between runs: a re-run gives the same
/// report, the cached text is what it reads (a changed entry shows), and
/// `cache clear` empties it while a foreign folder is left alone.
#[test]
fn extraction_cache_is_reused_and_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let batch = |with_cache: bool| {
        let mut c = cvmatch();
        c.args(["batch", "samples/cvs", "-f", "jsonl", "--index"])
            .arg(index_dir());
        if with_cache {
            c.arg("--cache").arg(&cache);
        }
        let (out, err, code) = stdout_of(&mut c);
        assert_eq!(code, 0, "{err}");
        out
    };
    let plain = batch(false);
    assert_eq!(batch(true), plain, "filling the cache changes nothing");
    assert_eq!(batch(true), plain, "reading the cache changes nothing");
    let info = |c: &mut Command| stdout_of(c.args(["cache", "info"]).arg(&cache)).0;
    assert!(
        info(&mut cvmatch()).contains(": 17 cached documents"),
        "{}",
        info(&mut cvmatch())
    );

    // The cache is really read: rewrite the one entry of a text CV and parse it.
    let cv = tmp.path().join("cv.txt");
    std::fs::write(&cv, "Data Scientist\nPython and SQL\n").unwrap();
    let parse = || {
        stdout_of(
            cvmatch()
                .arg("parse")
                .arg(&cv)
                .args(["--format", "json", "--cache"])
                .arg(&cache),
        )
    };
    let (before, err, code) = parse();
    assert_eq!(code, 0, "{err}");
    let entries: Vec<PathBuf> = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let marker = "PyTorch";
    let mut changed = 0;
    for e in &entries {
        let mut v: Value = serde_json::from_slice(&std::fs::read(e).unwrap()).unwrap();
        if v["doc"]["stats"]["glyphs"] == 0 && v["doc"]["text"].as_str().is_some() {
            let text = v["doc"]["text"].as_str().unwrap().to_string();
            let wanted = std::fs::read_to_string(&cv).unwrap();
            if text.trim() == wanted.trim() {
                v["doc"]["text"] = Value::from(format!("{marker}\n{text}"));
                v["doc"]["lines"][0]["text"] = Value::from(marker);
                std::fs::write(e, serde_json::to_vec(&v).unwrap()).unwrap();
                changed += 1;
            }
        }
    }
    assert_eq!(changed, 1, "one entry holds the text CV");
    let (after, _, _) = parse();
    assert!(
        !before.contains(marker) && after.contains(marker),
        "{after}"
    );

    let (out, err, code) = stdout_of(cvmatch().args(["cache", "clear"]).arg(&cache));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed 18 cached documents"), "{out}");
    assert!(info(&mut cvmatch()).contains(": 0 cached documents"));
    let (after_clear, _, _) = parse();
    assert_eq!(after_clear, before);

    // A folder that is not a cache is neither filled nor emptied.
    let foreign = tmp.path().join("docs");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    for args in [
        vec!["cache", "clear"],
        vec!["parse", "samples/cvs/amara-okafor.pdf", "--cache"],
    ] {
        let (_, err, code) = stdout_of(cvmatch().args(&args).arg(&foreign));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("not a cvmatch cache"), "{err}");
    }
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
}

/// `--by-role --top K` keeps each role's best K candidates over the whole
/// batch, calibrated or not: the same lists as ranking every CV's full
/// (calibrated) report per role. (Each CV's own top K must not cut a role's
/// list.)
#[test]
fn shortlists_are_each_roles_best_over_the_batch() {
    for calibrate in [false, true] {
        let run = |extra: &[&str]| {
            let mut c = cvmatch();
            c.args(["batch", "samples/cvs", "-f", "jsonl", "--index"])
                .arg(index_dir())
                .args(extra);
            if calibrate {
                c.arg("--calibrate");
            }
            let (out, err, code) = stdout_of(&mut c);
            assert_eq!(code, 0, "{err}");
            out.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect::<Vec<Value>>()
        };
        let full = run(&["--top", "0"]);
        let mut by_role: HashMap<String, Vec<(f64, String)>> = HashMap::new();
        for cv in &full {
            for m in cv["matches"].as_array().unwrap() {
                by_role
                    .entry(m["role_id"].as_str().unwrap().to_string())
                    .or_default()
                    .push((
                        m["score"].as_f64().unwrap(),
                        cv["cv"].as_str().unwrap().into(),
                    ));
            }
        }
        let lists = run(&["--by-role", "--top", "2"]);
        assert_eq!(lists.len(), by_role.len());
        for l in &lists {
            let mut want = by_role[l["role_id"].as_str().unwrap()].clone();
            want.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            want.truncate(2);
            let got: Vec<(f64, String)> = l["candidates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    (
                        c["score"].as_f64().unwrap(),
                        c["cv"].as_str().unwrap().into(),
                    )
                })
                .collect();
            assert_eq!(got, want, "calibrate {calibrate}: {}", l["role_id"]);
        }
    }
}

/// `batch --explain` lists every criterion with its evidence under each match,
/// in JSON Lines (as `match --explain` does) and in the table, redacted in
/// blind mode; a CSV or shortlist report refuses it with a reason.
#[test]
fn batch_explain_lists_the_criteria_of_each_match() {
    let cv = "samples/cvs/amara-okafor.pdf";
    let (out, err, code) = stdout_of(
        cvmatch()
            .args([
                "batch",
                cv,
                "--top",
                "2",
                "-f",
                "jsonl",
                "--explain",
                "--index",
            ])
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    let line: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let matches = line["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 2);
    for m in matches {
        let criteria = m["criteria"].as_array().expect("criteria listed");
        let essentials = criteria
            .iter()
            .filter(|c| c["priority"] == "essential")
            .count();
        assert_eq!(essentials as u64, m["essentials_total"].as_u64().unwrap());
        assert!(criteria.iter().any(|c| c["evidence"].is_string()), "{m}");
    }
    // Without --explain the line has no criteria.
    let (plain, _, _) = stdout_of(
        cvmatch()
            .args(["batch", cv, "--top", "2", "-f", "jsonl", "--index"])
            .arg(index_dir()),
    );
    let plain: serde_json::Value = serde_json::from_str(plain.lines().next().unwrap()).unwrap();
    assert!(plain["matches"][0].get("criteria").is_none(), "{plain}");

    let (table, err, code) = stdout_of(
        cvmatch()
            .args(["batch", cv, "--top", "1", "--explain", "--blind", "--index"])
            .arg(index_dir()),
    );
    assert_eq!(code, 0, "{err}");
    assert!(table.contains("Essential ["), "{table}");
    assert!(table.contains("evidence ("), "{table}");
    assert!(!table.contains("Okafor"), "blind table names the candidate");

    for extra in [&["-f", "csv"][..], &["--by-role"][..]] {
        let (_, err, code) = stdout_of(
            cvmatch()
                .args(["batch", cv, "--explain"])
                .args(extra)
                .arg("--index")
                .arg(index_dir()),
        );
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(
            err.contains("--explain") || err.contains("--by-role"),
            "{err}"
        );
    }
}
