//! CV analysis over fictional plain-text CVs in `tests/fixtures/cv/`.

use cvmatch::cv::{self, Cv, DegreeLevel, PersonalKind, SectionKind, YearMonth};
use cvmatch::extract::Document;

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

const TODAY: YearMonth = YearMonth {
    year: 2025,
    month: 6,
};

fn load(name: &str) -> Cv {
    let path = format!("{}/tests/fixtures/cv/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    cv::analyse_at(&Document::from_plain_text(&text), TODAY, knowledge())
}

fn kinds(cv: &Cv) -> Vec<SectionKind> {
    cv.sections.iter().map(|s| s.kind).collect()
}

fn personal(cv: &Cv, kind: PersonalKind) -> Vec<&str> {
    cv.personal
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| &cv.lines[p.line].text[p.start..p.end])
        .collect()
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.051
}

#[test]
fn nhs_data_scientist() {
    let cv = load("nhs-data-scientist.txt");
    use SectionKind::*;
    assert_eq!(
        kinds(&cv),
        [
            Header,
            Profile,
            Experience,
            Education,
            Skills,
            Certifications,
            Registration,
            Other
        ]
    );
    // Four roles; the honorary contract overlaps the analyst post; the education
    // range "2013 – 2016" is not experience. 2016 (12 months) + Sep 2017..Jun 2025.
    assert_eq!(cv.experience.len(), 4);
    assert!(close(cv.years_experience, 8.8), "{}", cv.years_experience);
    let titles: Vec<Option<&str>> = cv.experience.iter().map(|e| e.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("Senior Data Scientist"),
            Some("Data Scientist"),
            Some("Information Analyst"),
            Some("Assistant Analyst")
        ]
    );
    assert!(cv.experience[0].current);
    assert!(!cv.experience[2].current);

    let degrees: Vec<(DegreeLevel, Option<&str>, Option<&str>)> = cv
        .degrees
        .iter()
        .map(|d| (d.level, d.subject.as_deref(), d.class.as_deref()))
        .collect();
    assert_eq!(
        degrees,
        [
            (
                DegreeLevel::Masters,
                Some("Health Data Science"),
                Some("Distinction")
            ),
            (DegreeLevel::Bachelors, Some("Mathematics"), Some("2:1")),
            (DegreeLevel::ALevel, Some("Mathematics"), None),
        ]
    );
    assert!(cv.has_degree_at_least(DegreeLevel::Masters));
    assert!(!cv.has_degree_at_least(DegreeLevel::Doctorate));

    assert!(cv.has_certification("AWS Certified Machine Learning"));
    assert!(cv.has_certification("Azure Data Scientist Associate"));
    assert!(cv.has_certification("PRINCE2 Foundation"));
    // Graduate Statistician is the Royal Statistical Society's register: one
    // register, named by its code from the shared table.
    assert!(cv.has_registration("RSS"));
    assert!(!cv.has_registration("GradStat"));

    assert_eq!(cv.name(), Some("Harriet Vossberg-Lane"));
    assert_eq!(personal(&cv, PersonalKind::Postcode), ["S10 2ZX"]);
    assert_eq!(personal(&cv, PersonalKind::Phone), ["07700 900555"]);
    assert_eq!(
        personal(&cv, PersonalKind::Email),
        ["harriet.vl@example.com"]
    );
    assert_eq!(personal(&cv, PersonalKind::Url).len(), 2);
    assert_eq!(
        personal(&cv, PersonalKind::Address),
        ["Flat 4, 27 Quarry Bank Road, Sheffield S10 2ZX"]
    );
    let red = cv.redacted_text();
    for secret in ["Vossberg", "S10 2ZX", "900555", "harriet.vl@", "github.com"] {
        assert!(!red.contains(secret), "{secret} in\n{red}");
    }
}

#[test]
fn clinical_informatician() {
    let cv = load("clinical-informatician.txt");
    use SectionKind::*;
    assert_eq!(
        kinds(&cv),
        [
            Header,
            Profile,
            Registration,
            Experience,
            Education,
            Certifications,
            Skills
        ]
    );
    // "2020 - now", "03/2018 - 06/2020", "September 2015 to August 2017" and the
    // overlapping bank post "2016–2018": Sep 2015..Dec 2017 + Mar 2018..Jun 2025.
    assert_eq!(cv.experience.len(), 4);
    assert!(cv.experience[0].current);
    assert_eq!(cv.experience[1].start, YearMonth::new(2018, 3));
    assert_eq!(cv.experience[2].end, YearMonth::new(2017, 8));
    assert!(close(cv.years_experience, 9.7), "{}", cv.years_experience);
    assert_eq!(cv.experience[0].title.as_deref(), Some("Lead Nurse"));

    assert_eq!(cv.degrees.len(), 3);
    assert_eq!(cv.degrees[0].class.as_deref(), Some("First"));
    assert_eq!(cv.degrees[1].level, DegreeLevel::Postgraduate);
    assert_eq!(cv.degrees[2].level, DegreeLevel::Masters);
    assert_eq!(cv.degrees[2].subject.as_deref(), Some("Health Informatics"));
    // The class is on the line after the degree.
    assert_eq!(cv.degrees[2].class.as_deref(), Some("2:1"));
    assert_eq!(cv.highest_degree().unwrap().level, DegreeLevel::Masters);

    assert!(cv.has_registration("NMC"));
    assert!(cv.has_registration("FCI"));
    assert!(cv.has_certification("Clinical Safety Officer training"));
    assert!(cv.has_certification("DCB0129"));
    assert!(cv.has_certification("Good Clinical Practice"));
    assert!(!cv.has_certification("Google Cloud"));
    // "Deputy Clinical Safety Officer under DCB0160" in the experience section is
    // work, not a certificate: the DCB0160 evidence is the training line.
    let dcb0160 = cv
        .certifications
        .iter()
        .find(|c| c.name.starts_with("DCB0160"))
        .unwrap();
    assert_eq!(cv.section_of(dcb0160.line), Certifications);

    assert_eq!(cv.name(), Some("Bronagh Ó Ceallaigh-Whitlow"));
    assert_eq!(
        personal(&cv, PersonalKind::DateOfBirth),
        ["Date of birth: 14 February 1986"]
    );
    assert_eq!(personal(&cv, PersonalKind::Phone), ["+44 (0)115 496 0321"]);
    assert_eq!(personal(&cv, PersonalKind::Postcode), ["NG9 2ZQ"]);
}

#[test]
fn radiology_researcher_without_experience_heading() {
    let cv = load("ai-radiology-researcher.txt");
    use SectionKind::*;
    // "MILESTONES" is not heading vocabulary: an ALL CAPS heading of unknown kind.
    assert_eq!(
        kinds(&cv),
        [
            Header,
            Profile,
            Other,
            Education,
            Registration,
            Publications,
            Skills
        ]
    );
    assert!(!cv.has_section(Experience));
    // Fallback: all dated ranges outside education. Aug 2014..Jul 2021 (the
    // fellowship lies inside the registrar post) + Jan 2022..Jun 2025.
    assert_eq!(cv.experience.len(), 5);
    assert!(close(cv.years_experience, 10.5), "{}", cv.years_experience);
    assert!(cv.experience.iter().all(|e| e.section == Other));

    let levels: Vec<DegreeLevel> = cv.degrees.iter().map(|d| d.level).collect();
    assert_eq!(
        levels,
        [
            DegreeLevel::Doctorate,
            DegreeLevel::Medicine,
            DegreeLevel::Bachelors
        ]
    );
    assert_eq!(
        cv.degrees[0].subject.as_deref(),
        Some("Medical Image Computing")
    );
    assert_eq!(cv.degrees[2].class.as_deref(), Some("First"));
    assert!(cv.has_degree_at_least(DegreeLevel::Doctorate));

    assert!(cv.has_registration("GMC"));
    assert!(
        cv.has_registration("RCR"),
        "FRCR is the Royal College of Radiologists' fellowship"
    );

    assert_eq!(cv.name(), Some("TEODOR ABERNATHY-KIM"));
    assert_eq!(
        personal(&cv, PersonalKind::Url),
        ["https://example.org/tak"]
    );
    assert!(personal(&cv, PersonalKind::Address).is_empty());
}

#[test]
fn present_follows_the_clock() {
    let path = format!(
        "{}/tests/fixtures/cv/nhs-data-scientist.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let now = cv::analyse(&Document::from_plain_text(&text), knowledge());
    assert!(now.years_experience >= 8.8);
    assert!(now.years_experience <= 50.0);
}

#[test]
fn every_line_has_a_section_and_json_serialises() {
    for name in [
        "nhs-data-scientist.txt",
        "clinical-informatician.txt",
        "ai-radiology-researcher.txt",
    ] {
        let cv = load(name);
        for (i, l) in cv.lines.iter().enumerate() {
            assert_eq!(l.index, i);
            assert!(!l.text.is_empty());
            assert_eq!(cv.section_of(i), l.section);
        }
        // Sections tile the lines.
        let mut next = 0;
        for s in &cv.sections {
            assert_eq!(s.first_line, next, "{name}");
            assert!(s.last_line >= s.first_line);
            next = s.last_line + 1;
        }
        assert_eq!(next, cv.lines.len());
        let json = serde_json::to_value(&cv).unwrap();
        assert!(json["sections"].is_array());
    }
}

/// The sample PDFs through the real extractor: loose properties for all, a few
/// exact facts for two.
#[test]
fn sample_pdfs() {
    let dir = format!("{}/samples/cvs", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 17);
    for path in &paths {
        let doc = cvmatch::extract::extract_path(path).unwrap();
        let cv = cv::analyse_at(&doc, TODAY, knowledge());
        let file = path.file_name().unwrap().to_string_lossy();
        assert!(cv.name().is_some(), "{file}: no name");
        assert_eq!(personal(&cv, PersonalKind::Email).len(), 1, "{file}");
        assert_eq!(personal(&cv, PersonalKind::Phone).len(), 1, "{file}");
        assert_eq!(personal(&cv, PersonalKind::Postcode).len(), 1, "{file}");
        assert!(cv.has_section(SectionKind::Experience), "{file}");
        // (The pastry chef has "Training & certificates" instead of education.)
        assert!(
            cv.has_section(SectionKind::Education) || cv.has_section(SectionKind::Certifications),
            "{file}"
        );
        assert!(
            cv.years_experience > 1.0 && cv.years_experience < 30.0,
            "{file}: {}",
            cv.years_experience
        );
        assert!(!cv.degrees.is_empty(), "{file}: no qualifications");
        let red = cv.redacted_text();
        let email = personal(&cv, PersonalKind::Email)[0];
        assert!(!red.contains(email), "{file}");
        assert!(!red.contains(cv.name().unwrap()), "{file}");
    }

    let load_pdf = |name: &str| {
        let doc =
            cvmatch::extract::extract_path(std::path::Path::new(&format!("{dir}/{name}"))).unwrap();
        cv::analyse_at(&doc, TODAY, knowledge())
    };
    let priya = load_pdf("priya-raman.pdf");
    assert_eq!(priya.name(), Some("Priya Raman"));
    assert!(
        close(priya.years_experience, 7.0),
        "{}",
        priya.years_experience
    );
    assert_eq!(priya.degrees.len(), 1);
    assert_eq!(priya.degrees[0].level, DegreeLevel::Bachelors);
    assert_eq!(priya.degrees[0].class.as_deref(), Some("First"));
    assert!(priya.has_certification("AWS Certified Machine Learning"));
    assert!(priya.has_certification("CKAD"));
    let titles: Vec<Option<&str>> = priya
        .experience
        .iter()
        .map(|e| e.title.as_deref())
        .collect();
    assert_eq!(
        titles,
        [
            Some("Senior ML Engineer"),
            Some("ML Engineer"),
            Some("Software Engineer")
        ]
    );
    assert!(priya.has_skill("PyTorch"));

    let daniel = load_pdf("daniel-hughes.pdf");
    let levels: Vec<DegreeLevel> = daniel.degrees.iter().map(|d| d.level).collect();
    assert_eq!(
        levels,
        [
            DegreeLevel::Postgraduate,
            DegreeLevel::Bachelors,
            DegreeLevel::ALevel
        ]
    );
    // Sep 2013 .. Jun 2025; the examiner role under "Professional development"
    // does not count.
    assert!(
        close(daniel.years_experience, 11.8),
        "{}",
        daniel.years_experience
    );
}

/// Noise made of CV-ish fragments never panics, and personal spans are valid
/// char-boundary ranges.
#[test]
fn never_panics_on_noise() {
    let parts: &[&str] = &[
        "a",
        "Z",
        "é",
        "Ø",
        "–",
        "—",
        "-",
        "@",
        ".",
        "/",
        "(",
        ")",
        ":",
        ",",
        "0",
        "7",
        "4",
        " ",
        "  ",
        "\n",
        "•",
        "'",
        "’",
        "Jan ",
        "2019",
        " to ",
        "Present",
        "BSc ",
        "MSc",
        "PhD",
        "(Hons)",
        "2:1",
        " First",
        "GMC",
        "AWS Certified",
        "GCP",
        "linkedin.com/in/",
        "+44 ",
        "07700 900",
        "LS6 4QT",
        "Experience\n",
        "SKILLS\n",
        "Education\n",
        "Dr ",
        "Date of birth",
        "ß",
        "\u{a0}",
        "\t",
        "|",
        "·",
        "MB ChB",
        "A levels",
        "Master of",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..(seed % 50) + 1 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(parts[(seed % parts.len() as u64) as usize]);
        }
        let cv = cv::analyse_at(&Document::from_plain_text(&s), TODAY, knowledge());
        let _ = cv.redacted_text();
        for p in &cv.personal {
            let t = &cv.lines[p.line].text;
            assert!(p.start <= p.end && t.is_char_boundary(p.start) && t.is_char_boundary(p.end));
        }
    }
}
