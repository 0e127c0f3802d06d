//! The index through the binary, as several processes see it: concurrent
//! writers, parallel `match` runs that rebuild the default index, a writer lock
//! held by someone else, a read-only shared index, damage, and role files that
//! must not become an index.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use cvmatch::index::{RoleIndex, WriterLock};

const ROLE_A: &str = r#"id = "analyst"
title = "Data Analyst"
description = "SQL and Python reporting for NHS services; dashboards for clinical teams."
skills = ["SQL", "Python", "Power BI"]
"#;

const ROLE_B: &str = r#"id = "pastry-chef"
title = "Pastry Chef"
description = "Croissants, laminated dough and plated desserts for a busy restaurant."
skills = ["baking", "food hygiene"]
"#;

const CV: &str = "Jane Doe\nData Analyst\n\nExperience\nData Analyst, NHS Trust, 2019 to 2024\n\
- Built SQL and Python reports and Power BI dashboards for clinical teams\n\nSkills\nSQL, Python, Power BI\n";

/// The binary, with no index or lock-wait settings from the environment.
fn cvmatch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cvmatch"));
    c.env_remove("CVMATCH_INDEX")
        .env_remove("CVMATCH_LOCK_WAIT");
    c
}

fn run(c: &mut Command) -> (String, String, i32) {
    let out: Output = c.output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// `dir/roles/` with two TOML roles, and `dir/one.toml` with one.
fn write_roles(dir: &Path) -> (PathBuf, PathBuf) {
    let roles = dir.join("roles");
    std::fs::create_dir_all(&roles).unwrap();
    std::fs::write(roles.join("analyst.toml"), ROLE_A).unwrap();
    std::fs::write(roles.join("pastry-chef.toml"), ROLE_B).unwrap();
    let one = dir.join("one.toml");
    std::fs::write(&one, ROLE_A).unwrap();
    (roles, one)
}

/// Every name under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    v.sort();
    v
}

fn generations(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count()
}

#[test]
fn concurrent_index_runs_always_leave_an_index_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (roles, one) = write_roles(dir.path());
    let idx = dir.path().join("idx");
    for round in 0..8 {
        let children: Vec<_> = [&roles, &one]
            .iter()
            .map(|r| {
                cvmatch()
                    .args(["-q", "index", "--roles"])
                    .arg(r)
                    .arg("--index")
                    .arg(&idx)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let opened = RoleIndex::open(&idx)
            .unwrap_or_else(|e| panic!("round {round}: the index does not open: {e}"));
        assert!(matches!(opened.role_count(), 1 | 2));
        let (_, err, code) = run(cvmatch().args(["roles", "--index"]).arg(&idx));
        assert_eq!(code, 0, "round {round}: {err}");
        assert!(generations(&idx) <= 2, "round {round}: {:?}", listing(&idx));
        assert!(
            !listing(&idx).iter().any(|n| n.starts_with(".tmp-")),
            "round {round}: {:?}",
            listing(&idx)
        );
    }
}

#[test]
fn parallel_matches_rebuild_the_default_index_once() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("samples/roles");
    std::fs::create_dir_all(&roles).unwrap();
    std::fs::write(roles.join("analyst.toml"), ROLE_A).unwrap();
    let cv = dir.path().join("cv.txt");
    std::fs::write(&cv, CV).unwrap();
    let matches = |expect_roles: usize, why: &str| {
        let children: Vec<_> = (0..5)
            .map(|_| {
                cvmatch()
                    .current_dir(dir.path())
                    .env("CVMATCH_INDEX", dir.path().join("index"))
                    .args(["match", "--format", "json", "--top", "0"])
                    .arg(&cv)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut rebuilt = 0;
        for c in children {
            let out = c.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                v["matches"].as_array().unwrap().len(),
                expect_roles,
                "{err}"
            );
            if err.contains(&format!("was {why}; indexed")) {
                rebuilt += 1;
            }
        }
        rebuilt
    };
    // Missing: one run builds it; the others wait for it and use it.
    assert_eq!(matches(1, "missing"), 1);
    // Stale (a role added): one run rebuilds it.
    std::fs::write(roles.join("pastry-chef.toml"), ROLE_B).unwrap();
    assert_eq!(matches(2, "older than its roles"), 1);
    assert!(generations(&dir.path().join("index")) <= 2);
}

#[test]
fn a_busy_index_names_the_pid_rebuilding_it() {
    let dir = tempfile::tempdir().unwrap();
    let (roles, _) = write_roles(dir.path());
    let idx = dir.path().join("idx");
    let lock = WriterLock::acquire(&idx, Duration::ZERO).unwrap();
    let index = |wait: &str| {
        run(cvmatch()
            .env("CVMATCH_LOCK_WAIT", wait)
            .args(["index", "--roles"])
            .arg(&roles)
            .arg("--index")
            .arg(&idx))
    };
    let want = format!(
        "index at {} is being rebuilt by pid {}",
        idx.display(),
        std::process::id()
    );
    let (_, err, code) = index("0");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&want), "{err}");
    // With a wait, it says it is waiting first.
    let (_, err, code) = index("0.2");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "note: {}; waiting up to 0.2 s",
            want.replacen("index at ", "index ", 1)
        )),
        "{err}"
    );
    let (_, err, code) = index("soon");
    assert_eq!(code, 2);
    assert!(err.contains("CVMATCH_LOCK_WAIT=soon"), "{err}");
    // --lock-wait wins over the environment.
    let (_, err, code) = run(cvmatch()
        .env("CVMATCH_LOCK_WAIT", "soon")
        .args(["index", "--lock-wait", "0.1", "--roles"])
        .arg(&roles)
        .arg("--index")
        .arg(&idx));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("waiting up to 0.1 s") && err.contains(&want),
        "{err}"
    );
    assert!(!cvmatch::index::exists(&idx), "nothing was built");
    drop(lock);
    let (_, err, code) = index("0");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_read_only_index_serves_another_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (roles, _) = write_roles(dir.path());
    let idx = dir.path().join("idx");
    let cv = dir.path().join("cv.txt");
    std::fs::write(&cv, CV).unwrap();
    let (_, err, code) = run(cvmatch()
        .args(["index", "--roles"])
        .arg(&roles)
        .arg("--index")
        .arg(&idx));
    assert_eq!(code, 0, "{err}");
    let set_tree = |file: u32, folder: u32| {
        for e in walkdir::WalkDir::new(dir.path()).contents_first(true) {
            let e = e.unwrap();
            let mode = if e.file_type().is_dir() { folder } else { file };
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    set_tree(0o444, 0o555);
    // As root, permissions bind nobody: run the readers as `nobody` instead.
    let as_reader = |args: &[&str]| {
        let root = std::fs::write(idx.join("probe"), "x").is_ok();
        let mut c = if root {
            let _ = std::fs::remove_file(idx.join("probe"));
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_cvmatch"));
            c.env_remove("CVMATCH_INDEX");
            c
        } else {
            cvmatch()
        };
        c.current_dir(dir.path())
            .args(args)
            .arg("--index")
            .arg(&idx);
        c.output()
    };
    let listed = as_reader(&["roles"]);
    let matched = as_reader(&["match", "cv.txt", "--format", "json"]);
    let after = listing(dir.path());
    set_tree(0o644, 0o755);
    let (listed, matched) = match (listed, matched) {
        (Ok(l), Ok(m)) => (l, m),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("skipped: running as root and cannot switch to `nobody` with setpriv ({e})");
            return;
        }
    };
    for out in [&listed, &matched] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(String::from_utf8_lossy(&listed.stdout).contains("pastry-chef"));
    let v: serde_json::Value = serde_json::from_slice(&matched.stdout).unwrap();
    assert_eq!(v["matches"][0]["role_id"], "analyst");
    assert!(
        !after
            .iter()
            .any(|n| n.contains(".lock") && !n.ends_with(".writer.lock"))
    );
}

/// The two test roles indexed by `cvmatch index` under `dir`: the role folder,
/// the index and its live generation.
fn built_index(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (roles, _) = write_roles(dir);
    let idx = dir.join("idx");
    let (_, err, code) = run(cvmatch()
        .args(["index", "--roles"])
        .arg(&roles)
        .arg("--index")
        .arg(&idx));
    assert_eq!(code, 0, "{err}");
    let current = std::fs::read_to_string(idx.join("CURRENT")).unwrap();
    let gen_dir = idx.join(current.trim());
    (roles, idx, gen_dir)
}

#[test]
fn a_damaged_index_says_how_to_rebuild_it() {
    let dir = tempfile::tempdir().unwrap();
    let (roles, idx, gen_dir) = built_index(dir.path());
    let meta = std::fs::read(gen_dir.join("meta.json")).unwrap();
    std::fs::write(gen_dir.join("meta.json"), &meta[..meta.len() / 2]).unwrap();
    let (_, err, code) = run(cvmatch().args(["roles", "--index"]).arg(&idx));
    assert_eq!(code, 2, "{err}");
    let want = format!("index at {} is damaged (", idx.display());
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("meta.json is not valid JSON"), "{err}");
    assert!(err.contains("); rebuild it with `cvmatch index`"), "{err}");
    assert!(
        !err.contains("Data corruption") && !err.contains("Content:"),
        "{err}"
    );
    // Rebuilding repairs it.
    let (_, err, code) = run(cvmatch()
        .args(["index", "--roles"])
        .arg(&roles)
        .arg("--index")
        .arg(&idx));
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = run(cvmatch().args(["roles", "--index"]).arg(&idx));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn damaged_stored_roles_are_an_error_when_read_not_a_panic() {
    // Roles are read from the index's document store when first needed (a
    // listing reads them all, a lookup the ones it ranks): damage there is
    // found then, and said as damage to the index.
    let dir = tempfile::tempdir().unwrap();
    let (_, idx, gen_dir) = built_index(dir.path());
    let store = std::fs::read_dir(&gen_dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "store"))
        .expect("a document store");
    let mut bytes = std::fs::read(&store).unwrap();
    // The compressed blocks come first, the block index and footer last.
    let n = bytes.len();
    for b in &mut bytes[..n / 2] {
        *b = 0xff;
    }
    std::fs::write(&store, &bytes).unwrap();
    let want = format!("index at {} is damaged (", idx.display());
    let cv = dir.path().join("cv.txt");
    std::fs::write(
        &cv,
        "Data analyst. SQL, Python, dashboards for NHS trusts.\n",
    )
    .unwrap();
    for args in [
        vec!["roles".to_string()],
        vec!["match".to_string(), cv.display().to_string()],
    ] {
        let (_, err, code) = run(cvmatch().args(&args).arg("--index").arg(&idx));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(&want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

#[test]
fn role_files_that_must_not_become_an_index_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let (roles, _) = write_roles(dir.path());
    // 256 MiB on one line, in a gzip of about 256 KiB.
    let bomb = {
        let member = gzip(&vec![b'a'; 16 << 20]);
        member.repeat(16)
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.jsonl.gz", gzip(b""), "no roles found"),
        ("blank.jsonl", b"\n\n".to_vec(), "no roles found"),
        (
            "bomb.jsonl.gz",
            bomb,
            ":1: a JSON Lines record goes past the JSON Lines line size limit of 8 MiB",
        ),
        (
            "broken.jsonl.gz",
            b"\x1f\x8b\x08\x00garbage".to_vec(),
            "cannot decompress gzip",
        ),
    ];
    for (name, bytes, cause) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        // Into a fresh folder: no index at all.
        let fresh = dir.path().join(format!("fresh-{name}"));
        let (_, err, code) = run(cvmatch()
            .args(["index", "--roles"])
            .arg(&file)
            .arg("--index")
            .arg(&fresh));
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(name) && err.contains(cause), "{name}: {err}");
        assert!(!fresh.exists(), "{name}: {:?}", listing(&fresh));
        // Over an existing index: left as it was.
        let idx = dir.path().join(format!("idx-{name}"));
        let (_, err, code) = run(cvmatch()
            .args(["-q", "index", "--roles"])
            .arg(&roles)
            .arg("--index")
            .arg(&idx));
        assert_eq!(code, 0, "{err}");
        let before = listing(&idx);
        let (_, err, code) = run(cvmatch()
            .args(["index", "--roles"])
            .arg(&file)
            .arg("--index")
            .arg(&idx));
        assert_eq!(code, 2, "{name}: {err}");
        assert_eq!(listing(&idx), before, "{name}");
        assert_eq!(RoleIndex::open(&idx).unwrap().role_count(), 2);
    }
}

/// A posting over a role-file bound is refused with the flag that raises it,
/// and `--role-limit` raises it.
#[test]
fn role_limits_are_named_and_raised_by_flag() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Care for patients on a busy ward. ".repeat(40_000);
    let posting = serde_json::json!({
        "@type": "JobPosting",
        "identifier": "long-1",
        "title": "Staff Nurse",
        "description": long,
    });
    let file = dir.path().join("long.jsonl");
    std::fs::write(&file, format!("{posting}\n")).unwrap();
    let index = |extra: &[&str]| {
        run(cvmatch()
            .arg("index")
            .args(extra)
            .arg("--roles")
            .arg(&file)
            .arg("--index")
            .arg(dir.path().join("idx")))
    };
    let (_, err, code) = index(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("long.jsonl:1:") && err.contains("--role-limit posting-mb="),
        "{err}"
    );
    let (_, err, code) = index(&["--role-limit", "posting-mb=4"]);
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = index(&["--role-limit", "posting=4"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown role limit `posting`"), "{err}");
}

#[test]
fn the_knowledge_image_is_written_with_the_index_and_a_damaged_one_is_rebuilt() {
    // `cvmatch index` leaves the prepared knowledge image (and the role
    // analysis) in the live generation; a match gives the same answer with
    // it, without it, and with a damaged one, which it replaces.
    let dir = tempfile::tempdir().unwrap();
    let (_, idx, gen_dir) = built_index(dir.path());
    let image = gen_dir.join("knowledge.bin");
    let made = std::fs::read(&image).expect("index writes knowledge.bin");
    assert!(made.len() > 100_000, "{} bytes", made.len());
    assert!(gen_dir.join("profiles.bin").is_file());
    let cv = dir.path().join("cv.txt");
    std::fs::write(&cv, CV).unwrap();
    let matched = || {
        let (out, err, code) = run(cvmatch()
            .args(["match", "--format", "json"])
            .arg(&cv)
            .arg("--index")
            .arg(&idx));
        assert_eq!(code, 0, "{err}");
        let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v.as_object_mut().unwrap().remove("config");
        v
    };
    let with_image = matched();
    assert_eq!(with_image["matches"][0]["role_id"], "analyst");
    let mut damaged = made.clone();
    let at = damaged.len() / 2;
    damaged[at] ^= 0xff;
    for bad in [
        damaged,
        made[..made.len() / 3].to_vec(),
        b"not an image".to_vec(),
    ] {
        std::fs::write(&image, &bad).unwrap();
        assert_eq!(matched(), with_image);
        let rewritten = std::fs::read(&image).unwrap();
        assert_ne!(rewritten, bad, "the damaged image is replaced");
        assert!(rewritten.len() > 100_000);
    }
    std::fs::remove_file(&image).unwrap();
    assert_eq!(matched(), with_image);
    assert!(image.is_file(), "a missing image is written again");
}
