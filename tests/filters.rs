//! Role filters through the binary (`match`, `batch`, `shortlist`): location,
//! band, salary, posting date and closed adverts, on a small role set written
//! here, with "today" fixed by `$CVMATCH_TODAY`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The day the runs below take as today.
const TODAY: &str = "2025-06-20";

/// Four roles, each with the facts one filter reads:
/// - `leeds-nurse` (TOML): Leeds LS9, Band 5, £29,970–£36,483 as text, posted
///   1 May, closes 1 July, a url;
/// - `york-analyst` (JSON-LD): York YO31, Band 6 in the title, a yearly
///   MonetaryAmount, posted 10 June, closed 15 June (before today);
/// - `remote-scientist` (JSON-LD): remote, Agenda for Change Band 8a, "£55,000
///   - £62,000 a year", posted 1 June, no closing date;
/// - `bradford-analyst` (TOML): Bradford, Band 6, no salary, no dates.
fn write_roles(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("leeds-nurse.toml"),
        r#"title = "Staff Nurse – Data Quality"
organisation = "Leeds Teaching Hospitals NHS Trust"
location = "Leeds"
region = "West Yorkshire"
postcode = "LS9 7TF"
country = "GB"
band = "Band 5"
salary = "£29,970 - £36,483 a year"
url = "https://www.jobs.nhs.uk/candidate/jobadvert/C9001"
date_posted = 2025-05-01
valid_through = "2025-07-01T23:59:59+01:00"
summary = "Nurse improving the quality of patient data and clinical coding."
skills = ["SQL", "Data Quality", "Nursing Care"]
essential = ["NMC registration", "Experience of SQL"]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("york-analyst.jsonld"),
        r#"{"@context":"https://schema.org","@type":"JobPosting",
  "identifier":"york-analyst",
  "title":"Data Analyst (Band 6)",
  "hiringOrganization":{"@type":"Organization","name":"York and Scarborough Teaching Hospitals"},
  "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"YORK","addressRegion":"North Yorkshire","postalCode":"YO31 8HE","addressCountry":"GB"}},
  "baseSalary":{"@type":"MonetaryAmount","currency":"GBP","value":{"@type":"QuantitativeValue","minValue":37338,"maxValue":44962,"unitText":"YEAR"}},
  "datePosted":"2025-06-10T09:00:00+0000",
  "validThrough":"2025-06-15T23:59:59+0000",
  "url":"https://www.jobs.nhs.uk/candidate/jobadvert/C9002",
  "description":"<p>Analyse hospital activity data with SQL and Python; build dashboards in Power BI.</p>",
  "skills":"SQL, Python, Power BI"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("remote-scientist.jsonld"),
        r#"{"@context":"https://schema.org","@type":"JobPosting",
  "identifier":"remote-scientist",
  "title":"Data Scientist",
  "hiringOrganization":"NHS England",
  "jobLocationType":"TELECOMMUTE",
  "applicantLocationRequirements":{"@type":"Country","name":"UK"},
  "baseSalary":{"@type":"MonetaryAmount","value":{"@type":"QuantitativeValue","value":"Agenda for Change Band 8a: £55,000 - £62,000 a year"}},
  "datePosted":"2025-06-01",
  "sameAs":"https://www.england.nhs.uk/jobs/ds-8a",
  "description":"<p>Build predictive models in Python and R on national NHS data sets; machine learning, survival analysis.</p>",
  "skills":"Python, R, Machine Learning, SQL"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("bradford-analyst.toml"),
        r#"title = "Information Analyst"
organisation = "Bradford Teaching Hospitals"
location = "Bradford, West Yorkshire"
band = "Band 6"
summary = "Reports on hospital performance with SQL and Excel."
skills = ["SQL", "Excel"]
"#,
    )
    .unwrap();
}

struct Fixture {
    _dir: tempfile::TempDir,
    index: PathBuf,
    cvs: PathBuf,
    cv: PathBuf,
}

/// The roles, their index and two CVs, made once for this test binary.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let roles = dir.path().join("roles");
        write_roles(&roles);
        let cvs = dir.path().join("cvs");
        std::fs::create_dir_all(&cvs).unwrap();
        for name in ["nhs-data-scientist.txt", "clinical-informatician.txt"] {
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/cv")
                    .join(name),
                cvs.join(name),
            )
            .unwrap();
        }
        let index = dir.path().join("idx");
        let out = Command::cargo_bin("cvmatch")
            .unwrap()
            .arg("index")
            .arg("--roles")
            .arg(&roles)
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cv = cvs.join("nhs-data-scientist.txt");
        Fixture {
            _dir: dir,
            index,
            cvs,
            cv,
        }
    })
}

fn cvmatch() -> Command {
    let mut c = Command::cargo_bin("cvmatch").unwrap();
    c.env("CVMATCH_TODAY", TODAY);
    c.env_remove("CVMATCH_INDEX");
    c
}

fn run(c: &mut Command) -> (String, String, i32) {
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// `match` of the data scientist CV as JSON with `args`: the role ids matched
/// (sorted) and stderr.
fn matched(args: &[&str]) -> (Vec<String>, String) {
    let f = fixture();
    let (out, err, code) = run(cvmatch()
        .arg("match")
        .arg(&f.cv)
        .args(["--format", "json", "--top", "0", "--index"])
        .arg(&f.index)
        .args(args));
    assert_eq!(code, 0, "{args:?}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut ids: Vec<String> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    (ids, err)
}

/// Just the ids.
fn ids(args: &[&str]) -> Vec<String> {
    matched(args).0
}

#[test]
fn closed_adverts_are_skipped_with_a_note_unless_included() {
    let (got, err) = matched(&[]);
    assert_eq!(got, ["bradford-analyst", "leeds-nurse", "remote-scientist"]);
    assert!(
        err.contains(
            "note: skipped 1 role whose advert closed before 2025-06-20 (validThrough); \
             --include-expired keeps them"
        ),
        "{err}"
    );
    let (got, err) = matched(&["--include-expired"]);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(!err.contains("skipped"), "{err}");
    // The date compared with is today's unless told: a later day closes
    // the Leeds advert too.
    let f = fixture();
    let (out, err, code) = run(cvmatch()
        .env("CVMATCH_TODAY", "2025-07-02")
        .arg("match")
        .arg(&f.cv)
        .args(["--format", "json", "--top", "0", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("skipped 2 roles whose advert closed before 2025-07-02"),
        "{err}"
    );
    assert_eq!(out.matches("\"role_id\"").count(), 2);
    // --quiet keeps the note off stderr.
    let (_, err, code) = run(cvmatch()
        .args(["-q", "match"])
        .arg(&f.cv)
        .arg("--index")
        .arg(&f.index));
    assert_eq!((code, err.as_str()), (0, ""));
    // A bad $CVMATCH_TODAY is a usage error.
    let (_, err, code) = run(cvmatch()
        .env("CVMATCH_TODAY", "tomorrow")
        .arg("match")
        .arg(&f.cv)
        .arg("--index")
        .arg(&f.index));
    assert_eq!(code, 2);
    assert!(
        err.contains("CVMATCH_TODAY=tomorrow is not a date"),
        "{err}"
    );
}

#[test]
fn location_matches_towns_regions_postcodes_and_remote() {
    assert_eq!(ids(&["--location", "leeds"]), ["leeds-nurse"]);
    assert_eq!(ids(&["--location", "LEEDS"]), ["leeds-nurse"]);
    assert_eq!(
        ids(&["--location", "west yorkshire"]),
        ["bradford-analyst", "leeds-nurse"]
    );
    assert_eq!(ids(&["--location", "LS9"]), ["leeds-nurse"]);
    assert_eq!(ids(&["--location", "remote"]), ["remote-scientist"]);
    assert_eq!(
        ids(&["--location", "leeds", "--location", "remote"]),
        ["leeds-nurse", "remote-scientist"]
    );
    // York's advert has closed: only --include-expired brings it back.
    assert_eq!(
        ids(&["--location", "York", "--include-expired"]),
        ["york-analyst"]
    );
    assert_eq!(
        ids(&["--location", "YO31", "--include-expired"]),
        ["york-analyst"]
    );
    let (got, err) = matched(&["--location", "Bradford"]);
    assert_eq!(got, ["bradford-analyst"]);
    assert!(
        err.contains("note: 1 of 4 roles pass the filters (--location Bradford)"),
        "{err}"
    );
}

#[test]
fn band_matches_whatever_its_spelling() {
    let (got, err) = matched(&["--band", "6"]);
    assert_eq!(got, ["bradford-analyst"], "York's Band 6 advert has closed");
    assert!(err.contains("skipped 1 role"), "{err}");
    assert_eq!(
        ids(&["--band", "6", "--include-expired"]),
        ["bradford-analyst", "york-analyst"]
    );
    assert_eq!(ids(&["--band", "8A"]), ["remote-scientist"]);
    assert_eq!(ids(&["--band", "8a"]), ["remote-scientist"]);
    assert_eq!(
        ids(&["--band", "5", "--band", "Band 8a"]),
        ["leeds-nurse", "remote-scientist"]
    );
    let f = fixture();
    let (_, err, code) = run(cvmatch()
        .arg("match")
        .arg(&f.cv)
        .args(["--band", "senior", "--index"])
        .arg(&f.index));
    assert_eq!(code, 2);
    assert!(
        err.contains("`senior` is not an Agenda for Change band"),
        "{err}"
    );
}

#[test]
fn salary_range_overlaps_and_unknown_salaries_are_kept_unless_required() {
    assert_eq!(
        ids(&["--salary-min", "50000"]),
        ["bradford-analyst", "remote-scientist"],
        "no salary is kept"
    );
    assert_eq!(
        ids(&["--salary-min", "50k", "--require-salary"]),
        ["remote-scientist"]
    );
    assert_eq!(
        ids(&["--salary-max", "30,000", "--require-salary"]),
        ["leeds-nurse"],
        "£29,970 starts below £30,000"
    );
    assert_eq!(
        ids(&[
            "--salary-min",
            "36000",
            "--salary-max",
            "40000",
            "--require-salary",
            "--include-expired"
        ]),
        ["leeds-nurse", "york-analyst"]
    );
    assert_eq!(
        ids(&["--require-salary"]),
        ["leeds-nurse", "remote-scientist"]
    );
    let f = fixture();
    let (_, err, code) = run(cvmatch()
        .arg("match")
        .arg(&f.cv)
        .args(["--salary-min", "60000", "--salary-max", "50000", "--index"])
        .arg(&f.index));
    assert_eq!(code, 2);
    assert!(
        err.contains("--salary-min (60000) is more than --salary-max (50000)"),
        "{err}"
    );
}

#[test]
fn posted_since_keeps_roles_posted_on_or_after_the_date() {
    assert_eq!(ids(&["--posted-since", "2025-06-01"]), ["remote-scientist"]);
    assert_eq!(
        ids(&["--posted-since", "2025-06-01", "--include-expired"]),
        ["remote-scientist", "york-analyst"]
    );
    assert_eq!(
        ids(&["--posted-since", "2025-05-01"]),
        ["leeds-nurse", "remote-scientist"],
        "undated roles are left out"
    );
    let f = fixture();
    let (_, err, code) = run(cvmatch()
        .arg("match")
        .arg(&f.cv)
        .args(["--posted-since", "June", "--index"])
        .arg(&f.index));
    assert_eq!(code, 2);
    assert!(err.contains("`June` is not a date"), "{err}");
}

#[test]
fn a_filter_that_leaves_no_role_is_a_clear_error() {
    let f = fixture();
    let fails = |args: &[&str], today: &str| {
        let (out, err, code) = run(cvmatch()
            .env("CVMATCH_TODAY", today)
            .arg("match")
            .arg(&f.cv)
            .args(args)
            .arg("--index")
            .arg(&f.index));
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.is_empty(), "{out}");
        err
    };
    let err = fails(&["--location", "Manchester"], TODAY);
    assert!(
        err.contains(
            "error: no role passes the filters (--location Manchester): none of the 4 roles"
        ),
        "{err}"
    );
    let err = fails(&["--band", "5"], "2025-08-01");
    assert!(
        err.contains("no role passes the filters (--band 5)")
            && err.contains("3 are outside them and the other 1 advert closed before 2025-08-01")
            && err.contains("--include-expired"),
        "{err}"
    );
    // The same for batch and shortlist.
    let (_, err, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args(["--location", "Manchester", "--index"])
        .arg(&f.index));
    assert_eq!(code, 2);
    assert!(err.contains("no role passes the filters"), "{err}");
}

#[test]
fn output_shows_the_advert_url() {
    let f = fixture();
    // match JSON: `url` on each match whose role has one (sameAs counts).
    let (out, err, code) = run(cvmatch()
        .arg("match")
        .arg(&f.cv)
        .args(["--format", "json", "--top", "0", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    for m in v["matches"].as_array().unwrap() {
        let url = m.get("url").and_then(Value::as_str);
        match m["role_id"].as_str().unwrap() {
            "leeds-nurse" => assert_eq!(
                url,
                Some("https://www.jobs.nhs.uk/candidate/jobadvert/C9001")
            ),
            "remote-scientist" => assert_eq!(url, Some("https://www.england.nhs.uk/jobs/ds-8a")),
            _ => assert_eq!(url, None),
        }
    }
    // match table: under the role's heading.
    let (out, _, code) = run(cvmatch()
        .arg("match")
        .arg(&f.cv)
        .args(["--location", "remote", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0);
    assert!(
        out.contains("advert: https://www.england.nhs.uk/jobs/ds-8a"),
        "{out}"
    );
    // batch CSV: a `url` column at the end, every row of the filtered role.
    let (out, err, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args(["-f", "csv", "--location", "leeds", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let head: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(head.last().map(String::as_str), Some("url"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "two CVs, one role each");
    for r in &rows {
        assert_eq!(&r[2], "leeds-nurse");
        assert_eq!(
            r.iter().next_back(),
            Some("https://www.jobs.nhs.uk/candidate/jobadvert/C9001")
        );
    }
    // batch JSON Lines and table.
    let (out, _, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args(["-f", "jsonl", "--band", "8a", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0);
    for l in out.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["matches"][0]["role_id"], "remote-scientist");
        assert_eq!(
            v["matches"][0]["url"],
            "https://www.england.nhs.uk/jobs/ds-8a"
        );
    }
    let (out, _, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args(["--top", "0", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0);
    let head = out.lines().next().unwrap();
    assert!(head.ends_with("URL"), "{out}");
    assert!(
        out.lines().any(|l| l.contains("leeds-nurse")
            && l.ends_with("https://www.jobs.nhs.uk/candidate/jobadvert/C9001")),
        "{out}"
    );
}

#[test]
fn batch_and_shortlists_rank_only_the_roles_the_filters_keep() {
    let f = fixture();
    let (out, err, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args([
            "-f",
            "jsonl",
            "--top",
            "0",
            "--location",
            "west yorkshire",
            "--index",
        ])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    for l in out.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        let mut got: Vec<&str> = v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role_id"].as_str().unwrap())
            .collect();
        got.sort();
        assert_eq!(got, ["bradford-analyst", "leeds-nurse"]);
    }
    // Filtering never changes a role's score, only which roles are ranked.
    let scores = |args: &[&str]| -> Vec<(String, f64)> {
        let (out, err, code) = run(cvmatch()
            .arg("match")
            .arg(&f.cv)
            .args(["--format", "json", "--top", "0", "--index"])
            .arg(&f.index)
            .args(args));
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["role_id"].as_str().unwrap().to_string(),
                    m["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let all = scores(&["--include-expired"]);
    let some = scores(&["--band", "6", "--band", "8a", "--include-expired"]);
    let expected: Vec<(String, f64)> = all
        .into_iter()
        .filter(|(id, _)| id != "leeds-nurse")
        .collect();
    assert_eq!(some, expected);
    // batch --by-role: a line per kept role only.
    let (out, err, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args(["--by-role", "-f", "jsonl", "--band", "6", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    let roles: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["role_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(roles, ["bradford-analyst"]);
}

#[test]
fn a_named_role_is_shortlisted_after_its_advert_closed() {
    let f = fixture();
    let (out, err, code) = run(cvmatch()
        .args(["shortlist", "york-analyst"])
        .arg(&f.cvs)
        .args(["-f", "jsonl", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "note: the advert of `york-analyst` closed on 2025-06-15; kept because it was named"
        ),
        "{err}"
    );
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["role_id"], "york-analyst");
    assert_eq!(
        v["url"],
        "https://www.jobs.nhs.uk/candidate/jobadvert/C9002"
    );
    assert_eq!(v["candidates"].as_array().unwrap().len(), 2);
    // With --include-expired there is nothing to say.
    let (_, err, code) = run(cvmatch()
        .args(["shortlist", "york-analyst"])
        .arg(&f.cvs)
        .args(["--include-expired", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0);
    assert!(!err.contains("closed on"), "{err}");
    // Other filters still apply to named roles.
    let (_, err, code) = run(cvmatch()
        .args(["shortlist", "york-analyst"])
        .arg(&f.cvs)
        .args(["--location", "leeds", "--index"])
        .arg(&f.index));
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "no role passes the filters (--location leeds): `york-analyst` named, outside them"
        ),
        "{err}"
    );
    let (out, err, code) = run(cvmatch()
        .arg("batch")
        .arg(&f.cvs)
        .args([
            "--by-role",
            "--role",
            "york-analyst",
            "--role",
            "leeds-nurse",
        ])
        .args(["-f", "jsonl", "--location", "leeds", "--index"])
        .arg(&f.index));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: `york-analyst` left out by the filters (--location leeds)"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("\"role_id\":\"leeds-nurse\""), "{out}");
}

#[test]
fn role_files_with_bad_dates_index_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("roles");
    std::fs::create_dir_all(&roles).unwrap();
    std::fs::write(
        roles.join("a.toml"),
        "title = \"Analyst\"\nvalid_through = \"soon\"\n",
    )
    .unwrap();
    std::fs::write(
        roles.join("feed.jsonl"),
        "{\"title\":\"Nurse\",\"identifier\":\"n-1\",\"datePosted\":\"2025-02-30\"}\n",
    )
    .unwrap();
    let (out, err, code) = run(cvmatch()
        .arg("index")
        .arg("--roles")
        .arg(&roles)
        .arg("--index")
        .arg(dir.path().join("idx")));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("indexed 2 roles"), "{out}");
    assert!(
        err.contains("a.toml (role `a`): `valid_through` \"soon\" is not an ISO 8601 date"),
        "{err}"
    );
    assert!(
        err.contains(
            "feed.jsonl:1 (posting `n-1`): `datePosted` \"2025-02-30\" is not an ISO 8601 date"
        ),
        "{err}"
    );
    // The role is still matched, with no closing date.
    let (out, err, code) = run(cvmatch()
        .args(["roles", "--format", "jsonl", "--index"])
        .arg(dir.path().join("idx")));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    assert!(!out.contains("valid_through"), "{out}");
}

#[test]
fn an_index_in_an_older_format_is_rebuilt_or_named() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("samples/roles");
    write_roles(&roles);
    let idx = dir.path().join("index");
    let (_, err, code) = run(cvmatch()
        .current_dir(dir.path())
        .arg("index")
        .arg("--roles")
        .arg(&roles)
        .arg("--index")
        .arg(&idx));
    assert_eq!(code, 0, "{err}");
    // Make it look like an index an older cvmatch built.
    let current = std::fs::read_to_string(idx.join("CURRENT")).unwrap();
    let manifest = idx.join(current.trim()).join("manifest.json");
    let mut m: Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    m["format"] = 2.into();
    std::fs::write(&manifest, m.to_string()).unwrap();
    // An explicit index says how to rebuild it from its own roles.
    let (_, err, code) = run(cvmatch()
        .current_dir(dir.path())
        .args(["roles", "--index"])
        .arg(&idx));
    assert_eq!(code, 2);
    assert!(
        err.contains("built by another cvmatch (index format 2")
            && err.contains(&format!("cvmatch index --roles {}", roles.display())),
        "{err}"
    );
    // The default index is rebuilt from its own roles.
    let (out, err, code) = run(cvmatch()
        .current_dir(dir.path())
        .args(["roles", "--format", "jsonl"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("was built by another cvmatch (index format 2); indexed 4 roles"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 4);
    assert!(out.contains("\"valid_through\":\"2025-06-15\""), "{out}");
}
