//! Streaming batch output under `kill -9`, and `--resume`: every CV appears
//! exactly once, whatever point the first run was killed at.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(assert_cmd::cargo::cargo_bin!("cvmatch"))
}

/// A folder of `copies` × the sample CVs, under distinct names.
fn cv_folder(dir: &Path, copies: usize) -> Vec<String> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/cvs");
    let mut names = Vec::new();
    let cvs = dir.join("cvs");
    std::fs::create_dir_all(&cvs).unwrap();
    for entry in std::fs::read_dir(&samples).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "pdf") {
            for i in 0..copies {
                let name = format!("{i:02}-{}", p.file_name().unwrap().to_string_lossy());
                std::fs::copy(&p, cvs.join(&name)).unwrap();
                names.push(cvs.join(&name).display().to_string());
            }
        }
    }
    names
}

fn batch(dir: &Path, out: &Path, resume: bool) -> Command {
    let mut c = Command::new(bin());
    c.arg("--samples")
        .arg("batch")
        .arg(dir.join("cvs"))
        .arg("--out")
        .arg(out)
        .arg("-j")
        .arg("1")
        .env("CVMATCH_INDEX", dir.join("index"));
    if resume {
        c.arg("--resume");
    }
    c
}

/// Counts of each CV's rows in the report.
fn rows(out: &Path) -> HashMap<String, usize> {
    let text = std::fs::read_to_string(out).unwrap();
    let mut seen = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| {
            panic!("bad line {line:?}: {e}");
        });
        *seen
            .entry(v["cv"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    seen
}

#[test]
fn kill_9_then_resume_reports_every_cv_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let names = cv_folder(dir.path(), 6);
    let out = dir.path().join("out.jsonl");
    // Build the index first, so that the kill lands in the batch itself.
    let built = Command::new(bin())
        .args(["--samples", "roles"])
        .env("CVMATCH_INDEX", dir.path().join("index"))
        .output()
        .unwrap();
    assert!(built.status.success());

    let mut child = batch(dir.path(), &out, false)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some, but not all, CVs are written.
    let started = Instant::now();
    loop {
        let lines = std::fs::read_to_string(&out)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if lines >= 5 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the batch ended ({status}) before it could be killed");
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no output after 300 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix.
    child.wait().unwrap();
    let before = rows(&out);
    assert!(
        before.len() < names.len(),
        "killed after every CV was written"
    );
    assert!(before.values().all(|&n| n == 1));
    // What a kill in the middle of a write leaves: half a line.
    let mut text = std::fs::read_to_string(&out).unwrap();
    text.push_str("{\"cv\":\"");
    text.push_str(&names[names.len() - 1][..10]);
    std::fs::write(&out, text).unwrap();

    let resumed = batch(dir.path(), &out, true).output().unwrap();
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(
        stderr.contains(&format!("{} CVs already in", before.len())),
        "{stderr}"
    );
    let after = rows(&out);
    for n in &names {
        assert_eq!(after.get(n), Some(&1), "{n} in\n{after:?}");
    }
    assert_eq!(after.len(), names.len());

    // Resuming a finished run does nothing more.
    let again = batch(dir.path(), &out, true).output().unwrap();
    assert!(again.status.success());
    assert_eq!(rows(&out), after);
}

#[test]
fn resume_needs_a_jsonl_out_file() {
    let dir = tempfile::tempdir().unwrap();
    cv_folder(dir.path(), 1);
    let o = batch(dir.path(), &dir.path().join("out.csv"), true)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--resume needs --out FILE"));
}

/// Blind names are drawn afresh each run, so a blind report cannot say which
/// CVs are done: `--resume --blind` is refused before anything is read or
/// written, rather than appending every CV a second time.
#[test]
fn resume_is_refused_in_blind_mode() {
    let dir = tempfile::tempdir().unwrap();
    cv_folder(dir.path(), 1);
    let out = dir.path().join("out.jsonl");
    let o = batch(dir.path(), &out, true)
        .arg("--blind")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--blind"), "{err}");
    assert!(!out.exists());
}

#[test]
fn streamed_output_is_in_input_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut names = cv_folder(dir.path(), 3);
    names.sort();
    let mut reports = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = dir.path().join(format!("out-{jobs}.jsonl"));
        let o = Command::new(bin())
            .args(["--samples", "batch"])
            .arg(dir.path().join("cvs"))
            .arg("--out")
            .arg(&out)
            .args(["-j", jobs])
            .env("CVMATCH_INDEX", dir.path().join("index"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&out).unwrap();
        let order: Vec<String> = text
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["cv"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(order, names);
        reports.push(text);
    }
    assert!(reports.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn a_closed_pipe_ends_the_batch_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    cv_folder(dir.path(), 4);
    let mut child = Command::new(bin())
        .args(["--samples", "batch", "-f", "jsonl", "-j", "1"])
        .arg(dir.path().join("cvs"))
        .env("CVMATCH_INDEX", dir.path().join("index"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Broken pipe"));
}
