//! Taxonomy import: ESCO CSV, O*NET tab-separated files and cvmatch TOML.
//!
//! Synthetic files test the parsing and filters; the real ESCO and O*NET files in
//! `../shared/taxonomy` (when present) test counts, speed and matching.

use std::path::{Path, PathBuf};
use std::time::Instant;

use cvmatch::error::Error;
use cvmatch::text::import::{
    ESCO_ATTRIBUTION, attribution, read_occupations_file, read_skills_file,
};
use cvmatch::text::taxonomy::{Entry, Taxonomy};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn find<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    entries.iter().find(|e| e.name == name)
}

fn names(t: &Taxonomy, text: &str) -> Vec<String> {
    t.find(text)
        .into_iter()
        .map(|h| h.name.to_string())
        .collect()
}

const ESCO: &str = "conceptType,conceptUri,preferredLabel,status,skillType,altLabels,description\r\n\
KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/1,Haskell,released,knowledge,Haskell techniques,\"The techniques of Haskell.\"\r\n\
KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/2,apply statistical analysis techniques,released,skill/competence,\"use statistical analysis | statistical analysis methods\r\nstatistical modelling\",\"Use models,\r\nacross lines.\"\r\n\
KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/3,communication,released,skill/competence,communicate | communication skills,generic\r\n\
KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/4,data mining,released,knowledge,data | of the | 42 | DM | data mining methods,\"x\"\r\n";

#[test]
fn esco_skills_csv() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "skills_en.csv", ESCO);
    let e = read_skills_file(&p).unwrap();
    let got: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    // "communication" is a generic single word: dropped.
    assert_eq!(
        got,
        [
            "Haskell",
            "apply statistical analysis techniques",
            "data mining"
        ]
    );
    assert!(e.iter().all(|e| e.category == "esco"));
    let haskell = find(&e, "Haskell").unwrap();
    assert_eq!(
        haskell.exact,
        ["Haskell"],
        "capitalised single word is exact"
    );
    assert_eq!(haskell.aliases, ["Haskell techniques"]);
    // Alt labels split on " | " and on line breaks inside the quoted field.
    let stats = find(&e, "apply statistical analysis techniques").unwrap();
    assert_eq!(
        stats.aliases,
        [
            "use statistical analysis",
            "statistical analysis methods",
            "statistical modelling"
        ]
    );
    // Generic, stop-word-only, digit-only and short labels are dropped.
    assert_eq!(
        find(&e, "data mining").unwrap().aliases,
        ["data mining methods"]
    );
    assert_eq!(attribution(&p).as_deref(), Some(ESCO_ATTRIBUTION));
}

#[test]
fn onet_technology_skills() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "Technology Skills.txt",
        "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\r\n\
11-1011.00\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tY\r\n\
15-1252.00\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tN\r\n\
15-1252.00\tChef\t43232108\tConfiguration management software\tN\tN\r\n\
15-1252.00\tR\t43232605\tAnalytical or scientific software\tN\tN\r\n\
15-1252.00\tApache Kafka\t43232304\tData base management system software\tY\tN\r\n",
    );
    let e = read_skills_file(&p).unwrap();
    let got: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        got,
        ["Microsoft Excel", "Chef", "Apache Kafka"],
        "deduped, R too short"
    );
    assert_eq!(e[0].category, "spreadsheet software");
    assert_eq!(e[1].exact, ["Chef"]);
    let a = attribution(&p).unwrap();
    assert!(a.contains("USDOL/ETA") && a.contains("CC BY 4.0"), "{a}");

    // Merged into a taxonomy: the product Chef is not every chef.
    let t = Taxonomy::new(e);
    assert_eq!(
        names(&t, "Automated deploys with Chef and Apache Kafka"),
        ["Chef", "Apache Kafka"]
    );
    assert!(names(&t, "Worked as a sous chef").is_empty());
    assert_eq!(names(&t, "microsoft excel macros"), ["Microsoft Excel"]);
}

#[test]
fn onet_alternate_titles_grouped_by_occupation() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Occupation Data.txt",
        "O*NET-SOC Code\tTitle\tDescription\r\n\
15-2051.00\tData Scientists\tDevelop and implement methods.\r\n\
29-1141.00\tRegistered Nurses\tAssess patient health problems.\r\n",
    );
    let p = write(
        dir.path(),
        "Alternate Titles.txt",
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\r\n\
15-2051.00\tMachine Learning Scientist\tn/a\t08\r\n\
15-2051.00\tData Analytics Scientist\tn/a\t08\r\n\
15-2051.00\tOperator\tn/a\t08\r\n\
15-2051.00\tTeam Lead\tn/a\t08\r\n\
29-1141.00\tStaff Nurse\tRN\t08\r\n\
29-1141.00\tTeam Lead\tn/a\t08\r\n",
    );
    let e = read_occupations_file(&p).unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(
        e[0].name, "Data Scientists",
        "title from Occupation Data.txt"
    );
    assert_eq!(
        e[0].aliases,
        ["Machine Learning Scientist", "Data Analytics Scientist"],
        "generic single word and ambiguous title dropped"
    );
    assert_eq!(e[1].name, "Registered Nurses");
    assert_eq!(e[1].aliases, ["Staff Nurse"], "short title RN too short");
    assert!(e.iter().all(|e| e.category == "occupation"));

    // A file with a Title column (older releases) needs no Occupation Data.
    let p2 = write(
        dir.path(),
        "alt_with_title.txt",
        "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n\
11-3021.00\tComputer and Information Systems Managers\tIT Director\tn/a\t08\n\
11-3021.00\tComputer and Information Systems Managers\tInformation Systems Director\tn/a\t08\n",
    );
    let e = read_occupations_file(&p2).unwrap();
    assert_eq!(e[0].name, "Computer and Information Systems Managers");
    // "IT" is a stop word, so "IT Director" would be any director: dropped.
    assert_eq!(e[0].aliases, ["Information Systems Director"]);

    // Occupation Data on its own.
    let e = read_occupations_file(&dir.path().join("Occupation Data.txt")).unwrap();
    assert_eq!(e.len(), 2);
}

#[test]
fn esco_occupations_with_newline_alt_labels() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "occupations_en.csv",
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status\r\n\
Occupation,http://data.europa.eu/esco/occupation/1,2654,technical director,\"technical and operations director\r\nhead of technical\r\nmanager\",,released\r\n",
    );
    let e = read_occupations_file(&p).unwrap();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].category, "occupation");
    assert_eq!(
        e[0].aliases,
        ["technical and operations director", "head of technical"]
    );
    // An occupations file given as skills says so.
    let err = read_skills_file(&p).unwrap_err().to_string();
    assert!(err.contains("occupations file"), "{err}");
}

#[test]
fn toml_files_are_taken_as_is() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "extra.toml",
        "[[skill]]\nname = \"Polars\"\ncategory = \"data\"\naliases = [\"polars dataframes\"]\n",
    );
    let e = read_skills_file(&p).unwrap();
    assert_eq!(e[0].name, "Polars");
    assert_eq!(e[0].aliases, ["polars dataframes"]);
    assert!(attribution(&p).is_none());

    let bad = write(dir.path(), "bad.toml", "[[skill]]\nname = \n");
    let err = read_skills_file(&bad).unwrap_err();
    assert!(matches!(err, Error::Syntax { line: 2, .. }), "{err}");
}

#[test]
fn errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    // Unknown format.
    let p = write(dir.path(), "skills.txt", "just some words\nand more\n");
    let err = read_skills_file(&p).unwrap_err().to_string();
    assert!(err.contains("skills.txt"), "{err}");
    assert!(
        err.contains("ESCO") && err.contains("O*NET") && err.contains("TOML"),
        "{err}"
    );
    let err = read_occupations_file(&p).unwrap_err().to_string();
    assert!(
        err.contains("Alternate Titles") && err.contains("ESCO"),
        "{err}"
    );

    // A CSV row with too many fields.
    let p = write(
        dir.path(),
        "broken.csv",
        "conceptUri,preferredLabel,altLabels\nu1,Haskell,\nu2,Rust,x,extra\n",
    );
    match read_skills_file(&p).unwrap_err() {
        Error::Syntax { path, line, .. } => {
            assert_eq!(path, p);
            assert_eq!(line, 3);
        }
        e => panic!("{e}"),
    }
    // An empty label.
    let p = write(
        dir.path(),
        "empty.csv",
        "conceptUri,preferredLabel,altLabels\nu1,Haskell,\nu2,\"\",x\n",
    );
    let err = read_skills_file(&p).unwrap_err();
    assert!(matches!(err, Error::Syntax { line: 3, .. }), "{err}");
    assert!(err.to_string().contains("empty.csv:3:"), "{err}");

    // A short O*NET row.
    let p = write(
        dir.path(),
        "tech.txt",
        "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\n11-1011.00\tExcel\t1\tSpreadsheets\n11-1011.00\tWord\n",
    );
    let err = read_skills_file(&p).unwrap_err();
    assert!(matches!(err, Error::Syntax { line: 3, .. }), "{err}");

    // A missing file.
    let err = read_skills_file(&dir.path().join("nope.csv")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
}

#[test]
fn built_in_entries_win() {
    let builtin = Taxonomy::new(vec![
        Entry {
            name: "Swift".into(),
            category: "language".into(),
            aliases: vec![],
            exact: vec!["Swift".into()],
        },
        Entry {
            name: "Machine Learning".into(),
            category: "data".into(),
            aliases: vec!["ML models".into()],
            exact: vec![],
        },
    ]);
    let mut t = builtin.clone();
    let added = t.extend_with(vec![
        // Would turn every "swift" into the language.
        Entry {
            name: "swift".into(),
            category: "esco".into(),
            aliases: vec![],
            exact: vec![],
        },
        // Would take over the built-in alias.
        Entry {
            name: "statistical learning".into(),
            category: "esco".into(),
            aliases: vec!["machine learning".into(), "ml model".into()],
            exact: vec![],
        },
        Entry {
            name: "machine learning".into(),
            category: "esco".into(),
            aliases: vec!["learning machines".into()],
            exact: vec![],
        },
    ]);
    assert_eq!(added, 1, "only statistical learning is new");
    assert!(names(&t, "a swift reply").is_empty());
    assert_eq!(names(&t, "machine learning"), ["Machine Learning"]);
    assert_eq!(names(&t, "ML models"), ["Machine Learning"]);
    assert_eq!(names(&t, "learning machines"), ["Machine Learning"]);
    assert_eq!(names(&t, "statistical learning"), ["statistical learning"]);
}

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/taxonomy"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

#[test]
fn real_esco_and_onet_files() {
    let Some(dir) = shared() else { return };
    let builtin_skills =
        cvmatch::text::taxonomy::Taxonomy::from_toml(include_str!("../src/text/skills.toml"))
            .unwrap();
    let builtin_titles = Taxonomy::from_toml(include_str!("../src/text/titles.toml")).unwrap();

    let mut skills = builtin_skills.clone();
    for f in [
        "esco-1.2.0/digitalSkillsCollection_en.csv",
        "esco-1.2.0/transversalSkillsCollection_en.csv",
        "esco-1.2.0/researchSkillsCollection_en.csv",
        "onet-29.2/technology_skills.txt",
    ] {
        let p = dir.join(f);
        if !p.exists() {
            eprintln!("skipped {f}: not found");
            continue;
        }
        let t0 = Instant::now();
        let entries = read_skills_file(&p).unwrap();
        let read = t0.elapsed();
        let n = entries.len();
        let aliases: usize = entries
            .iter()
            .map(|e| e.aliases.len() + e.exact.len())
            .sum();
        let t1 = Instant::now();
        let mut alone = Taxonomy::default();
        alone.extend_with(entries.clone());
        let build_alone = t1.elapsed();
        let t2 = Instant::now();
        let added = skills.extend_with(entries);
        let merge = t2.elapsed();
        eprintln!(
            "{f}: {n} entries, {aliases} aliases/exact forms; read {read:.2?}, \
             build alone {build_alone:.2?}, merge {merge:.2?}, {added} new"
        );
        assert!(n > 0);
        assert!(attribution(&p).is_some());
    }
    eprintln!(
        "skills: {} built-in + imports = {}",
        builtin_skills.len(),
        skills.len()
    );
    eprintln!(
        "attribution (O*NET): {}",
        attribution(&dir.join("onet-29.2/technology_skills.txt")).unwrap_or_default()
    );
    let text = "Built dashboards in Tableau and Microsoft Power BI, wrote Haskell, \
        Smalltalk and Apache Kafka consumers, test rigs in National Instruments LabVIEW, \
        statistical analysis in IBM SPSS Statistics, and used KDevelop. Excellent \
        communication and management skills; experience with design.";
    let found = names(&skills, text);
    eprintln!("found: {found:?}");
    let before = names(&builtin_skills, text);
    assert!(found.len() > before.len(), "{found:?} vs {before:?}");
    // Built-in entries still win where they match.
    for want in ["Haskell", "Apache Kafka", "SPSS", "Tableau", "Power BI"] {
        assert!(found.iter().any(|n| n == want), "{want} in {found:?}");
    }
    // Imported ones add to them.
    for want in ["Smalltalk", "LabVIEW", "KDevelop"] {
        // (LabVIEW from O*NET: ESCO has it only under "computer programming".)
        assert!(
            found.iter().any(|n| n.contains(want)),
            "{want} in {found:?}"
        );
    }
    // Generic ESCO skills and one-word alternative labels do not fire.
    let new: Vec<&String> = found.iter().filter(|n| !before.contains(n)).collect();
    assert_eq!(new.len(), 3, "{new:?}");

    // What the imports add on the sample CVs (for review; no assertion).
    let samples = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/src/latex"));
    let mut tex: Vec<PathBuf> = std::fs::read_dir(samples)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    tex.sort();
    for p in tex.iter().take(4) {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let old = names(&builtin_skills, &text);
        let mut new: Vec<String> = names(&skills, &text)
            .into_iter()
            .filter(|n| !old.contains(n))
            .collect();
        new.sort();
        new.dedup();
        eprintln!(
            "{}: {} built-in hits, imported adds {:?}",
            p.file_name().unwrap().to_string_lossy(),
            old.len(),
            new
        );
    }

    let mut titles = builtin_titles.clone();
    for f in [
        "onet-29.2/alternate_titles.txt",
        "onet-29.2/occupation_data.txt",
        "esco-1.2.0/occupations_en.csv",
    ] {
        let p = dir.join(f);
        if !p.exists() {
            eprintln!("skipped {f}: not found");
            continue;
        }
        let t0 = Instant::now();
        let entries = read_occupations_file(&p).unwrap();
        let read = t0.elapsed();
        let n = entries.len();
        let aliases: usize = entries
            .iter()
            .map(|e| e.aliases.len() + e.exact.len())
            .sum();
        let t1 = Instant::now();
        let added = titles.extend_with(entries);
        eprintln!(
            "{f}: {n} occupations, {aliases} aliases/exact forms; read {read:.2?}, \
             merge {:.2?}, {added} new",
            t1.elapsed()
        );
        assert!(n > 0);
    }
    eprintln!(
        "titles: {} built-in + imports = {}",
        builtin_titles.len(),
        titles.len()
    );
    let found = names(&titles, "Senior Blockchain Engineer");
    eprintln!("title found: {found:?}");
    assert!(!found.is_empty());
}

/// Imports extend a knowledge value, not process-wide state: the built-in
/// knowledge is unchanged beside the extended one.
#[test]
fn extending_a_knowledge_value() {
    use cvmatch::knowledge::Knowledge;
    let before = Knowledge::builtin();
    let extended = Knowledge::with_imports(
        vec![Entry {
            name: "Zyxwv Modelling Toolkit".into(),
            category: "test".into(),
            aliases: vec!["zyxwv toolkit".into()],
            exact: vec![],
        }],
        vec![],
    );
    assert_ne!(before.fingerprint(), extended.fingerprint());
    assert_eq!(
        names(
            &extended.skills,
            "Built models with the Zyxwv toolkit in Python"
        ),
        ["Zyxwv Modelling Toolkit", "Python"]
    );
    assert_eq!(
        names(
            &before.skills,
            "Built models with the Zyxwv toolkit in Python"
        ),
        ["Python"]
    );
}
