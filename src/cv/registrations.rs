//! Certifications (courses, exams, training) from a keyword table.
//!
//! Professional registrations and memberships are not here: they come from the
//! shared register table ([`crate::text::registers`]), which criterion parsing
//! reads too.

/// Registration (professional body) or certification (course, exam, training).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredKind {
    /// A registration with a regulator or an accredited register.
    Registration,
    /// A certification or professional membership.
    Certification,
}

struct Entry {
    /// Text to find, on word boundaries.
    needle: &'static str,
    /// Match case exactly (for acronyms that are also words or other things).
    exact_case: bool,
    /// Canonical name; empty means "the matched text extended to a delimiter".
    name: &'static str,
    kind: CredKind,
    /// The line must also contain one of these (lowercase) for the entry to count.
    context: &'static [&'static str],
}

use CredKind::Certification as C;

const fn e(
    needle: &'static str,
    exact_case: bool,
    name: &'static str,
    kind: CredKind,
    context: &'static [&'static str],
) -> Entry {
    Entry {
        needle,
        exact_case,
        name,
        kind,
        context,
    }
}

const CERT_WORDS: &[&str] = &[
    "certified",
    "certificate",
    "certification",
    "associate",
    "fundamentals",
    "expert",
    "specialty",
    "practitioner",
];
const TRAINING: &[&str] = &[
    "training",
    "trained",
    "course",
    "certificate",
    "certified",
    "accredited",
    "qualified",
    "module",
    "e-learning",
];
const CLINICAL_RESEARCH: &[&str] = &[
    "clinical", "ich", "nihr", "trial", "trials", "research", "training", "ctimp",
];

/// The table. Order matters: earlier entries win overlapping text, so longer
/// needles come before their prefixes.
const TABLE: &[Entry] = &[
    // Project and programme management.
    e("PRINCE2 Agile", false, "PRINCE2 Agile", C, &[]),
    e(
        "PRINCE2 Practitioner",
        false,
        "PRINCE2 Practitioner",
        C,
        &[],
    ),
    e("PRINCE2 Foundation", false, "PRINCE2 Foundation", C, &[]),
    e("PRINCE2", false, "PRINCE2", C, &[]),
    e("Managing Successful Programmes", false, "MSP", C, &[]),
    e("MSP", true, "MSP", C, &[]),
    e("AgilePM", false, "AgilePM", C, &[]),
    e("Agile PM", false, "AgilePM", C, &[]),
    e(
        "Certified ScrumMaster",
        false,
        "Certified ScrumMaster (CSM)",
        C,
        &[],
    ),
    e(
        "Certified Scrum Master",
        false,
        "Certified ScrumMaster (CSM)",
        C,
        &[],
    ),
    e("CSM", true, "Certified ScrumMaster (CSM)", C, &[]),
    e(
        "Professional Scrum Master",
        false,
        "Professional Scrum Master (PSM)",
        C,
        &[],
    ),
    e("PSM", true, "Professional Scrum Master (PSM)", C, &[]),
    e(
        "Certified Scrum Product Owner",
        false,
        "Certified Scrum Product Owner (CSPO)",
        C,
        &[],
    ),
    e("CSPO", true, "Certified Scrum Product Owner (CSPO)", C, &[]),
    e(
        "Professional Scrum Product Owner",
        false,
        "Professional Scrum Product Owner (PSPO)",
        C,
        &[],
    ),
    e(
        "PSPO",
        true,
        "Professional Scrum Product Owner (PSPO)",
        C,
        &[],
    ),
    e(
        "Scrum Master",
        false,
        "Scrum Master certification",
        C,
        CERT_WORDS,
    ),
    e("PMP", true, "PMP", C, &[]),
    e("APM PMQ", false, "APM PMQ", C, &[]),
    e("PMQ", true, "APM PMQ", C, &[]),
    e("APM PFQ", false, "APM PFQ", C, &[]),
    e("Lean Six Sigma", false, "", C, &[]),
    e("Six Sigma", false, "", C, &[]),
    e("ITIL", true, "ITIL", C, &[]),
    e("CBAP", true, "CBAP", C, &[]),
    e("CCBA", true, "CCBA", C, &[]),
    e("ECBA", true, "ECBA", C, &[]),
    e("TOGAF", true, "TOGAF", C, &[]),
    // Security and data protection.
    e("CISSP", true, "CISSP", C, &[]),
    e("CISM", true, "CISM", C, &[]),
    e("CISA", true, "CISA", C, &[]),
    e("CompTIA", false, "", C, &[]),
    e(
        "ISO 27001 Lead Auditor",
        false,
        "ISO 27001 Lead Auditor",
        C,
        &[],
    ),
    e(
        "ISO/IEC 27001 Lead Auditor",
        false,
        "ISO 27001 Lead Auditor",
        C,
        &[],
    ),
    e(
        "ISO 27001 Lead Implementer",
        false,
        "ISO 27001 Lead Implementer",
        C,
        &[],
    ),
    e(
        "ISO/IEC 27001 Lead Implementer",
        false,
        "ISO 27001 Lead Implementer",
        C,
        &[],
    ),
    e(
        "Certified Information Privacy Professional",
        false,
        "CIPP",
        C,
        &[],
    ),
    e("CIPP", true, "CIPP", C, &[]),
    e("CIPM", true, "CIPM", C, &[]),
    e(
        "Practitioner Certificate in Data Protection",
        false,
        "BCS Practitioner Certificate in Data Protection",
        C,
        &[],
    ),
    e("BCS Foundation Certificate", false, "", C, &[]),
    // Cloud and data platforms.
    e("AWS Certified", false, "", C, &[]),
    e("Microsoft Certified", false, "", C, &[]),
    e("Azure", false, "", C, CERT_WORDS),
    e(
        "AZ-900",
        true,
        "Microsoft Azure Fundamentals (AZ-900)",
        C,
        &[],
    ),
    e(
        "AI-900",
        true,
        "Microsoft Azure AI Fundamentals (AI-900)",
        C,
        &[],
    ),
    e(
        "DP-900",
        true,
        "Microsoft Azure Data Fundamentals (DP-900)",
        C,
        &[],
    ),
    e(
        "AI-102",
        true,
        "Microsoft Azure AI Engineer Associate (AI-102)",
        C,
        &[],
    ),
    e(
        "DP-100",
        true,
        "Microsoft Azure Data Scientist Associate (DP-100)",
        C,
        &[],
    ),
    e(
        "DP-203",
        true,
        "Microsoft Azure Data Engineer Associate (DP-203)",
        C,
        &[],
    ),
    e(
        "PL-300",
        true,
        "Microsoft Power BI Data Analyst Associate (PL-300)",
        C,
        &[],
    ),
    e("Google Cloud Certified", false, "", C, &[]),
    e("Google Cloud Professional", false, "", C, &[]),
    e("Google Cloud", false, "", C, CERT_WORDS),
    e(
        "Google Data Analytics",
        false,
        "Google Data Analytics Professional Certificate",
        C,
        &[],
    ),
    e(
        "Google Advanced Data Analytics",
        false,
        "Google Advanced Data Analytics Certificate",
        C,
        &[],
    ),
    e(
        "Google Project Management",
        false,
        "Google Project Management Certificate",
        C,
        &[],
    ),
    e(
        "Certified Kubernetes Application Developer",
        false,
        "CKAD",
        C,
        &[],
    ),
    e("CKAD", true, "CKAD", C, &[]),
    e("Certified Kubernetes Administrator", false, "CKA", C, &[]),
    e("CKA", true, "CKA", C, &[]),
    e("HashiCorp Certified", false, "", C, &[]),
    e("Databricks Certified", false, "", C, &[]),
    e("SnowPro", false, "", C, &[]),
    e("Tableau Certified", false, "", C, &[]),
    e(
        "TensorFlow Developer Certificate",
        false,
        "TensorFlow Developer Certificate",
        C,
        &[],
    ),
    e(
        "Deep Learning Specialization",
        false,
        "Deep Learning Specialization",
        C,
        &[],
    ),
    e(
        "Machine Learning Specialization",
        false,
        "Machine Learning Specialization",
        C,
        &[],
    ),
    // Clinical safety and research.
    e(
        "DCB0129",
        false,
        "DCB0129 clinical safety training",
        C,
        TRAINING,
    ),
    e(
        "DCB 0129",
        false,
        "DCB0129 clinical safety training",
        C,
        TRAINING,
    ),
    e(
        "DCB0160",
        false,
        "DCB0160 clinical safety training",
        C,
        TRAINING,
    ),
    e(
        "DCB 0160",
        false,
        "DCB0160 clinical safety training",
        C,
        TRAINING,
    ),
    e(
        "Clinical Safety Officer",
        false,
        "Clinical Safety Officer training",
        C,
        TRAINING,
    ),
    e(
        "Good Clinical Practice",
        false,
        "Good Clinical Practice (GCP)",
        C,
        &[],
    ),
    e(
        "GCP",
        true,
        "Good Clinical Practice (GCP)",
        C,
        CLINICAL_RESEARCH,
    ),
    e("GCP", true, "Google Cloud certification", C, CERT_WORDS),
    // NHS leadership programmes and fellowships.
    e(
        "Mary Seacole",
        false,
        "NHS Leadership Academy Mary Seacole Programme",
        C,
        &[],
    ),
    e(
        "Edward Jenner",
        false,
        "NHS Leadership Academy Edward Jenner Programme",
        C,
        &[],
    ),
    e(
        "Rosalind Franklin Programme",
        false,
        "NHS Leadership Academy Rosalind Franklin Programme",
        C,
        &[],
    ),
    e("NHS Digital Academy", false, "NHS Digital Academy", C, &[]),
    e(
        "Topol Digital Fellowship",
        false,
        "Topol Digital Fellowship",
        C,
        &[],
    ),
    e("Topol Fellow", false, "Topol Digital Fellowship", C, &[]),
    e("ILM Level", false, "", C, &[]),
    e("CMI Level", false, "", C, &[]),
];

/// Words that make a certification plausible on an experience line ("Completed
/// PRINCE2 Practitioner training"), where acronyms are otherwise usually tools or
/// work products ("wrote the DCB0129 safety case", "ran the MSP programme board").
const EXPERIENCE_CONTEXT: &[&str] = &[
    "certif",
    "accredit",
    "qualified",
    "training",
    "trained",
    "course",
    "passed",
    "exam",
];

fn boundary_ok(line: &str, s: usize, e: usize) -> bool {
    let before = line[..s].chars().next_back();
    let after = line[e..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Extends a match to the following words up to a delimiter ("AWS Certified Machine
/// Learning – Specialty (2023)" → "AWS Certified Machine Learning – Specialty").
/// Returns the name and its end byte in `line`.
fn capture(line: &str, s: usize, e: usize) -> (String, usize) {
    let rest = &line[e..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        if matches!(c, ',' | '(' | ';' | '|' | '[' | '·' | '•' | '\t')
            || (c.is_ascii_digit() && is_year(&rest[i..]))
            || rest[i..].starts_with("  ")
        {
            end = i;
            break;
        }
    }
    // At most eight more words.
    let mut count = 0;
    let mut cut = end;
    let mut in_word = false;
    for (i, c) in rest[..end].char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
            if count > 8 {
                cut = i;
                break;
            }
        }
    }
    let text = line[s..e + cut]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '.'));
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (name, s + text.len())
}

fn is_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && b.get(4).is_none_or(|c| !c.is_ascii_alphanumeric())
        && matches!(&s[..2], "19" | "20")
}

/// Credentials in one line: (kind, name, byte start, byte end).
pub fn find(line: &str, in_experience: bool) -> Vec<(CredKind, String, usize, usize)> {
    find_impl(line, in_experience, false)
}

/// Fixed-name credentials broken across two lines ("PRINCE2 Practitioner · Certified
/// Scrum" / "Product Owner (2019)"): those that start on `line` and end on `next`.
pub fn find_wrapped(line: &str, next: &str, in_experience: bool) -> Vec<(CredKind, String)> {
    let joined = format!("{} {}", line.trim_end(), next.trim_start());
    let cut = line.trim_end().len();
    find_impl(&joined, in_experience, true)
        .into_iter()
        .filter(|x| x.2 < cut && x.3 > cut)
        .map(|x| (x.0, x.1))
        .collect()
}

/// All needles of [`TABLE`] in one automaton: case-insensitive entries are
/// matched ASCII-case-insensitively (the same bytes as searching the
/// lowercased line), exact-case entries by a second automaton. Pattern ids are
/// indices into `TABLE`'s entries of that kind, mapped by the second element.
struct Needles {
    folded: aho_corasick::AhoCorasick,
    folded_entries: Vec<usize>,
    exact: aho_corasick::AhoCorasick,
    exact_entries: Vec<usize>,
}

static NEEDLES: std::sync::LazyLock<Needles> = std::sync::LazyLock::new(|| {
    let build = |exact_case: bool| {
        let entries: Vec<usize> = (0..TABLE.len())
            .filter(|&i| TABLE[i].exact_case == exact_case)
            .collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(!exact_case)
            .build(entries.iter().map(|&i| TABLE[i].needle))
            .expect("the certification table builds an automaton");
        (automaton, entries)
    };
    let (folded, folded_entries) = build(false);
    let (exact, exact_entries) = build(true);
    Needles {
        folded,
        folded_entries,
        exact,
        exact_entries,
    }
});

fn find_impl(
    line: &str,
    in_experience: bool,
    fixed_only: bool,
) -> Vec<(CredKind, String, usize, usize)> {
    // Every occurrence of every needle in one pass, as (entry, start, end);
    // entries are then taken in table order, as the table's precedence needs.
    let needles = &*NEEDLES;
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for (automaton, entries) in [
        (&needles.folded, &needles.folded_entries),
        (&needles.exact, &needles.exact_entries),
    ] {
        for m in automaton.find_overlapping_iter(line) {
            hits.push((entries[m.pattern().as_usize()], m.start(), m.end()));
        }
    }
    if hits.is_empty() {
        return Vec::new();
    }
    hits.sort_unstable();
    let lower = line.to_ascii_lowercase();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let experience_ok = EXPERIENCE_CONTEXT.iter().any(|w| lower.contains(w));
    let mut k = 0;
    while k < hits.len() {
        let index = hits[k].0;
        let group_end = k + hits[k..].iter().take_while(|h| h.0 == index).count();
        let entry = &TABLE[index];
        let occurrences = &hits[k..group_end];
        k = group_end;
        if entry.kind == CredKind::Certification && in_experience && !experience_ok
            || fixed_only && entry.name.is_empty()
        {
            continue;
        }
        if !entry.context.is_empty() && !entry.context.iter().any(|w| has_word(&lower, w)) {
            continue;
        }
        // Occurrences of one needle do not overlap one another (a search
        // resumes after the previous occurrence, taken or not).
        let mut from = 0;
        for &(_, s, e) in occurrences {
            if s < from {
                continue;
            }
            from = e;
            if !boundary_ok(line, s, e) || taken.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            let (name, e) = if entry.name.is_empty() {
                capture(line, s, e)
            } else {
                (entry.name.to_string(), e)
            };
            // An exam code in brackets right after a captured name is part of it:
            // "Microsoft Certified: … Associate (PL-300)".
            let mut taken_end = e;
            if entry.name.is_empty() {
                let after = &line[e..];
                let trimmed = after.trim_start();
                if trimmed.starts_with('(')
                    && let Some(close) = trimmed.find(')')
                {
                    taken_end = e + (after.len() - trimmed.len()) + close + 1;
                }
            }
            taken.push((s, taken_end));
            if !out
                .iter()
                .any(|x: &(CredKind, String, usize, usize)| x.1 == name)
            {
                out.push((entry.kind, name, s, e));
            }
        }
    }
    out.sort_by_key(|x| x.2);
    out
}

fn has_word(lower: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(p) = lower[from..].find(word) {
        let s = from + p;
        let e = s + word.len();
        if boundary_ok(lower, s, e) {
            return true;
        }
        from = e;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        find(line, false).into_iter().map(|x| x.1).collect()
    }

    #[test]
    fn certifications() {
        assert_eq!(
            names("PRINCE2 Practitioner (2019); MSP Foundation"),
            ["PRINCE2 Practitioner", "MSP"]
        );
        assert_eq!(
            names("AWS Certified Machine Learning – Specialty (2023)"),
            ["AWS Certified Machine Learning – Specialty"]
        );
        assert_eq!(
            names("Microsoft Certified: Azure Data Scientist Associate, 2022"),
            ["Microsoft Certified: Azure Data Scientist Associate"]
        );
        assert_eq!(
            names("Certified Kubernetes Application Developer (CKAD), 2022"),
            ["CKAD"]
        );
        assert_eq!(
            names("HashiCorp Certified: Terraform Associate (2021)"),
            ["HashiCorp Certified: Terraform Associate"]
        );
        assert_eq!(
            names("DCB0129 / DCB0160 Clinical Safety Officer training, NHS England"),
            [
                "DCB0129 clinical safety training",
                "DCB0160 clinical safety training",
                "Clinical Safety Officer training"
            ]
        );
        assert_eq!(
            names("Google Data Analytics Professional Certificate (Coursera)"),
            ["Google Data Analytics Professional Certificate"]
        );
        assert_eq!(names("ITIL 4 Foundation"), ["ITIL"]);
        assert_eq!(
            names("Microsoft Certified: Power BI Data Analyst Associate (PL-300), 2023"),
            ["Microsoft Certified: Power BI Data Analyst Associate"]
        );
    }

    #[test]
    fn wrapped() {
        let w = find_wrapped(
            "PRINCE2 Practitioner (2017) · Certified Scrum",
            "Product Owner (2019)",
            false,
        );
        assert_eq!(w, [(C, "Certified Scrum Product Owner (CSPO)".to_string())]);
        assert!(find_wrapped("AWS Certified Cloud Practitioner", "CKAD, 2022", false).is_empty());
    }

    #[test]
    fn gcp_disambiguation() {
        assert_eq!(
            names("NIHR Good Clinical Practice (GCP) training, 2023"),
            ["Good Clinical Practice (GCP)"]
        );
        assert_eq!(
            names("GCP refresher for clinical trials"),
            ["Good Clinical Practice (GCP)"]
        );
        assert_eq!(
            names("GCP Professional Data Engineer certification"),
            ["Google Cloud certification"]
        );
        assert!(names("Cloud: AWS, GCP, Azure").is_empty());
    }

    #[test]
    fn experience_lines_need_context() {
        assert!(find("Wrote the DCB0129 safety case and hazard log", true).is_empty());
        assert!(find("Ran the MSP programme board for the EPR", true).is_empty());
        assert_eq!(
            find("Completed PRINCE2 Practitioner training", true).len(),
            1
        );
    }
}
