//! Loads real job-posting corpora through the public API, when they are present
//! (they live outside the repository, in `../shared/corpus/jobs`), and the sample
//! JSON-LD roles, which always are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cvmatch::roles::{self, Priority};

const JOBS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/jobs");

#[test]
fn nhs_jobs_corpus_loads() {
    let path = Path::new(JOBS).join("nhs-jobs/nhs_jobs.jsonl.gz");
    if !path.exists() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let t = Instant::now();
    let roles = roles::load_file(&path).expect("NHS corpus loads");
    let took = t.elapsed();
    assert!(roles.len() > 10_000, "only {} postings", roles.len());
    let mut ids = HashSet::new();
    for r in &roles {
        assert!(!r.title.trim().is_empty(), "{}: empty title", r.source);
        assert!(ids.insert(r.id.as_str()), "duplicate id {}", r.id);
        assert!(r.source.contains("nhs_jobs.jsonl.gz:"), "{}", r.source);
        assert!(
            !r.description.contains("&lt;"),
            "{}: escaped HTML left",
            r.source
        );
        for c in &r.criteria {
            assert!(
                c.text.chars().count() <= 301,
                "{}: long criterion",
                r.source
            );
        }
    }
    // CVMATCH_DUMP_ROLES=file writes the loaded roles as JSON Lines, for review.
    if let Some(out) = std::env::var_os("CVMATCH_DUMP_ROLES") {
        let mut text = String::new();
        for r in &roles {
            text.push_str(&serde_json::to_string(r).unwrap());
            text.push('\n');
        }
        std::fs::write(out, text).unwrap();
    }
    let with_essential = roles.iter().filter(|r| r.essentials_total() > 0).count();
    let with_desirable = roles
        .iter()
        .filter(|r| r.criteria_with(Priority::Desirable).count() > 0)
        .count();
    let criteria: usize = roles.iter().map(|r| r.criteria.len()).sum();
    let with_salary = roles.iter().filter(|r| r.salary_min.is_some()).count();
    let with_band = roles.iter().filter(|r| r.band.is_some()).count();
    let with_location = roles.iter().filter(|r| r.location.is_some()).count();
    let with_org = roles.iter().filter(|r| r.organisation.is_some()).count();
    eprintln!(
        "NHS jobs: {} postings in {:.2?}; {with_essential} with Essential criteria, \
         {with_desirable} with Desirable, {criteria} criteria in all; \
         {with_salary} with salary numbers, {with_band} with a band, \
         {with_location} with a location, {with_org} with an organisation",
        roles.len(),
        took
    );
    assert!(
        with_essential >= 200,
        "only {with_essential} with Essential criteria"
    );
    assert!(with_salary > roles.len() / 2);
    assert!(with_org == roles.len());

    // The facts filters read: every NHS advert has both dates, a url and a
    // postal address; most have a salary a year.
    let n = roles.len();
    let count = |f: &dyn Fn(&roles::Role) -> bool| roles.iter().filter(|r| f(r)).count();
    let dated = count(&|r| r.date_posted.is_some() && r.valid_through.is_some());
    let urls = count(&|r| {
        r.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://www.jobs.nhs.uk/"))
    });
    let placed = count(&|r| {
        r.places
            .iter()
            .any(|p| p.postcode.is_some() && p.country.as_deref() == Some("GB"))
    });
    let yearly = count(&|r| r.annual_salary().is_some());
    let banded = count(&|r| r.band_code().is_some());
    let warned = count(&|r| !r.warnings.is_empty());
    let in_order = count(&|r| match (r.date_posted, r.valid_through) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    });
    eprintln!(
        "NHS jobs filters: {dated} with both dates, {urls} with a jobs.nhs.uk url, \
         {placed} with a GB postcode, {yearly} with a yearly salary, {banded} with a band code, \
         {warned} with warnings"
    );
    assert_eq!((dated, urls, placed, warned), (n, n, n, 0));
    assert!(yearly > n * 8 / 10, "{yearly} of {n} with a yearly salary");
    // Agenda for Change bands only: "band 1A" of junior doctors' on-call pay
    // is no band code.
    assert!(
        banded <= with_band && banded * 1000 >= with_band * 999,
        "{banded} band codes of {with_band} bands"
    );
    assert!(in_order > n * 99 / 100, "{in_order} posted before closing");
    // Every yearly salary is a range a person could be paid.
    for r in &roles {
        if let Some((lo, hi)) = r.annual_salary() {
            assert!(lo <= hi && lo > 0.0, "{}: {lo}..{hi}", r.source);
        }
    }
}

/// The Glassdoor data-science postings are CSV files, not schema.org
/// `JobPosting`s; loaded only if a JSON form appears.
#[test]
fn glassdoor_postings_load_if_in_jobposting_form() {
    let dir = Path::new(JOBS).join("glassdoor-ds-jobs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| roles::is_role_file(p))
        .collect();
    files.sort();
    if files.is_empty() {
        eprintln!(
            "skipping: {} has no JobPosting JSON / JSON Lines (CSV only)",
            dir.display()
        );
        return;
    }
    let roles = roles::load_paths(&files).expect("Glassdoor postings load");
    assert!(roles.iter().all(|r| !r.title.trim().is_empty()));
    eprintln!("Glassdoor: {} postings", roles.len());
}

#[test]
fn sample_jsonld_roles_load() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/roles"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonld"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let roles = roles::load_paths(&files).expect("sample JSON-LD roles load");
    assert_eq!(roles.len(), 3);
    for r in &roles {
        assert!(!r.title.is_empty());
        assert!(r.essentials_total() >= 3, "{}: {:?}", r.id, r.criteria);
        assert!(r.salary_min.is_some(), "{}", r.id);
        assert!(!r.skills.is_empty(), "{}", r.id);
        assert_eq!(r.employment_type.as_deref(), Some("Full time"), "{}", r.id);
    }
    // The whole samples folder (TOML and JSON-LD) loads with unique ids.
    let all = roles::load_paths(&[dir.to_path_buf()]).expect("samples load");
    assert!(all.len() >= 15, "{}", all.len());
}
