//! Criteria: what a person-specification criterion asks for (parsed once per
//! role) and the 0–3 evidence a CV gives it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::features::CvFeatures;
use crate::cv::{DegreeLevel, SectionKind};
use crate::knowledge::Knowledge;
use crate::roles::{Category, Priority};
use crate::text::analyzer;

/// Words that say what kind of thing a criterion asks for rather than what it is
/// about ("experience of", "knowledge of", "ability to"). Stemmed.
pub(super) const GENERIC: &[&str] = &[
    "abil",
    "abl",
    "activ",
    "appropri",
    "area",
    "awar",
    "background",
    "base",
    "clear",
    "demonstr",
    "desir",
    "effect",
    "equival",
    "essenti",
    "evid",
    "excel",
    "experi",
    "familiar",
    "good",
    "high",
    "import",
    "includ",
    "knowledg",
    "level",
    "need",
    "particular",
    "practic",
    "proven",
    "qualif",
    "relat",
    "relev",
    "requir",
    "role",
    "similar",
    "skill",
    "strong",
    "substanti",
    "understand",
    "use",
    "work",
    "year",
    "within",
    "well",
    "least",
    "one",
    "two",
    "three",
    "four",
    "five",
    "like",
    "e.g",
    "eg",
    "ie",
    "plus",
    "etc",
    // Qualifiers of a criterion, not its content: "sound knowledge of",
    // "strong foundations in", "a wide range of", "across professions",
    // "in an NHS setting",
    // "non-specialists".
    "non",
    "foundat",
    "sound",
    "solid",
    "sever",
    "various",
    "rang",
    "set",
    "wide",
    "broad",
    "across",
];

/// The evidence a criterion found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub text: String,
    pub priority: Priority,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// 0 none, 1 partly, 2 met, 3 strong evidence in the experience section.
    pub score: u8,
    /// The CV line that is the evidence, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The section of that line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<SectionKind>,
    /// Why, in a few words ("Python, SQL found; R missing").
    pub reason: String,
    /// Index of the evidence line in [`Cv::lines`], for redaction.
    #[serde(skip)]
    pub evidence_line: Option<usize>,
}

impl CriterionResult {
    /// "met", "partly met" or "missing".
    pub fn status(&self) -> &'static str {
        match self.score {
            2.. => "met",
            1 => "partly met",
            0 => "missing",
        }
    }
}

/// What a criterion asks for, parsed once per role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Requirement {
    pub(super) skills: Vec<String>,
    pub(super) any_skill: bool,
    pub(super) degree: Option<DegreeLevel>,
    /// Lowest acceptable degree class: 4 First, 3 2:1, 2 2:2, 1 Third.
    pub(super) class: Option<u8>,
    pub(super) or_equivalent: bool,
    pub(super) years: Option<f32>,
    pub(super) registrations: Vec<String>,
    pub(super) terms: Vec<String>,
}

/// Professional registrations recognised in criteria, with the words that name them.
const REGISTRATIONS: &[(&str, &[&str])] = &[
    ("GMC", &["GMC", "General Medical Council"]),
    ("NMC", &["NMC", "Nursing and Midwifery Council"]),
    ("HCPC", &["HCPC", "Health and Care Professions Council"]),
    ("GPhC", &["GPhC", "General Pharmaceutical Council"]),
    ("GDC", &["GDC", "General Dental Council"]),
    ("SWE", &["Social Work England"]),
    ("AHCS", &["AHCS", "Academy for Healthcare Science"]),
    ("BCS", &["BCS", "British Computer Society"]),
    ("FCI", &["FCI", "Faculty of Clinical Informatics"]),
    ("UKCP", &["UKCP"]),
    ("BACP", &["BACP"]),
];

pub(super) fn parse_requirement(k: &Knowledge, text: &str) -> Requirement {
    let mut r = Requirement::default();
    let lower = text.to_lowercase();
    let hits = k.skills.find(text);
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let names_register = REGISTRATIONS
        .iter()
        .any(|(_, forms)| forms.iter().any(|f| contains_word(text, f)));
    for h in &hits {
        // A register named in the criterion is checked as a registration, not
        // again as a skill.
        if names_register && h.category == "registration" {
            covered.push((h.start, h.end));
            continue;
        }
        if !r.skills.iter().any(|s| s == h.name) {
            r.skills.push(h.name.to_string());
        }
        covered.push((h.start, h.end));
    }
    r.any_skill = r.skills.len() > 1
        && (lower.contains(" or ") || lower.contains(" such as ") || lower.contains("e.g"));
    r.degree = degree_requirement(&lower);
    r.class = r.degree.and(class_requirement(&lower));
    r.or_equivalent = lower.contains("equivalent");
    r.years = years_requirement(&lower);
    for (name, forms) in REGISTRATIONS {
        if forms.iter().any(|f| contains_word(text, f)) {
            r.registrations.push(name.to_string());
        }
    }
    let mut negated_until = 0usize;
    for t in analyzer().tokens(text) {
        // "non-specialists", "non-technical": the word after "non-" names the
        // opposite of what the criterion wants, so neither word is a key word.
        if t.term == "non" && text[t.end..].starts_with('-') {
            negated_until = t.end + 1;
            continue;
        }
        if t.start == negated_until {
            continue;
        }
        let inside_skill = covered.iter().any(|&(s, e)| t.start >= s && t.end <= e);
        if inside_skill || GENERIC.contains(&t.term.as_str()) || t.term.len() < 2 {
            continue;
        }
        if t.term.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if !r.terms.contains(&t.term) {
            r.terms.push(t.term);
        }
    }
    r
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Rank of a UK degree class as [`crate::cv::degrees::find_class`] names it: 4
/// First, 3 2:1, 2 2:2, 1 Third; other classes (Distinction, Merit…) have none.
fn class_rank(class: &str) -> Option<u8> {
    match class {
        "First" => Some(4),
        "2:1" => Some(3),
        "2:2" => Some(2),
        "Third" => Some(1),
        _ => None,
    }
}

/// The lowest degree class a criterion accepts: "a 2:1 or above", "first or
/// upper second class degree" (2:1), "minimum 2:2".
fn class_requirement(lower: &str) -> Option<u8> {
    const FORMS: &[(&str, u8)] = &[
        ("first class", 4),
        ("first-class", 4),
        ("1st class", 4),
        ("first or", 4),
        ("2:1", 3),
        ("2.1", 3),
        ("2(i)", 3),
        ("upper second", 3),
        ("2:2", 2),
        ("2.2", 2),
        ("2(ii)", 2),
        ("lower second", 2),
        ("third class", 1),
    ];
    FORMS
        .iter()
        .filter(|(f, _)| contains_word(lower, f))
        .map(|&(_, r)| r)
        .min()
}

pub(super) fn degree_requirement(lower: &str) -> Option<DegreeLevel> {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("phd") || has("dphil") || has("doctorate") || has("doctoral") {
        Some(DegreeLevel::Doctorate)
    } else if has("msc")
        || has("masters")
        || has("master's")
        || has("master")
        || has("mres")
        || has("postgraduate")
        || has("mphil")
        || has("mba")
    {
        Some(DegreeLevel::Masters)
    } else if has("degree")
        || has("bsc")
        || has("ba")
        || has("beng")
        || has("bachelor")
        || has("bachelor's")
        || has("graduate")
        || has("undergraduate")
    {
        Some(DegreeLevel::Bachelors)
    } else {
        None
    }
}

pub(super) fn years_requirement(lower: &str) -> Option<f32> {
    const NUMBERS: &[(&str, f32)] = &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
    ];
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        if !(next.starts_with("year") || next.starts_with("yr")) {
            continue;
        }
        let w = w.trim_end_matches('+');
        let n = w
            .parse::<f32>()
            .ok()
            .or_else(|| NUMBERS.iter().find(|(s, _)| *s == w).map(|&(_, n)| n));
        if let Some(n) = n
            && n > 0.0
            && n <= 40.0
        {
            return Some(n);
        }
    }
    None
}

/// Scores one criterion against the CV.
fn evaluate(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    text: &str,
    priority: Priority,
    category: Option<Category>,
    r: &Requirement,
    idf: &HashMap<String, f32>,
) -> CriterionResult {
    let cv = f.cv;
    let mut parts: Vec<f32> = Vec::new();
    let mut skill_units = 1.0f32;
    let mut reasons: Vec<String> = Vec::new();
    let mut evidence: Option<usize> = None;
    let mut years_share: Option<f32> = None;

    if !r.skills.is_empty() && r.degree.is_some() {
        // Skills in a degree criterion are subjects, and alternatives: "degree
        // in radiography, medical physics or computer science". The degree's own
        // line counts as evidence of its subject.
        let subject_words: Vec<String> = r
            .skills
            .iter()
            .flat_map(|s| analyzer().terms(s))
            .chain(r.terms.iter().cloned())
            .collect();
        let by_skill = r
            .skills
            .iter()
            .map(String::as_str)
            .find(|s| f.skill_line(s).is_some());
        let by_degree = cv.degrees.iter().find(|d| {
            subject_words
                .iter()
                .any(|w| f.postings.get(w).is_some_and(|ls| ls.contains(&d.line)))
        });
        let related = text.to_lowercase().contains("related");
        match (by_skill, by_degree) {
            (_, Some(d)) => {
                parts.push(1.0);
                evidence = Some(d.line);
                reasons.push("degree subject matches".into());
            }
            (Some(s), None) => {
                parts.push(1.0);
                evidence = f.skill_line(s);
                reasons.push(format!("{s} found"));
            }
            (None, None) => {
                parts.push(if related { 0.5 } else { 0.0 });
                reasons.push("degree subject not found".into());
            }
        }
    } else if !r.skills.is_empty() {
        // A soft skill, or a one-word clinical field such as radiology, that the
        // taxonomy does not find can still be shown in other words: "trained 120
        // radiographers" for communication skills, "radiographer in NHS imaging"
        // for radiology. It gets part credit from its name's words and their
        // related words (see `free_text_evidence`). Other skills are named when
        // held: "food safety" is not "Clinical Safety".
        let mut found: Vec<&str> = Vec::new();
        let mut in_words: Vec<&str> = Vec::new();
        let mut missing: Vec<&str> = Vec::new();
        let mut credits: Vec<f32> = Vec::new();
        let mut words_line: Option<(f32, usize)> = None;
        for s in r.skills.iter().map(String::as_str) {
            if f.skill_line(s).is_some() {
                found.push(s);
                credits.push(1.0);
                continue;
            }
            let terms = skill_name_terms(s);
            if !(soft(k, s) || (field(k, s) && terms.len() == 1)) {
                credits.push(0.0);
                missing.push(s);
                continue;
            }
            let (share, _, line) = free_text_evidence(k, f, &terms, idf);
            let credit = SKILL_IN_OTHER_WORDS * share;
            credits.push(credit);
            if credit >= 0.5 {
                in_words.push(s);
            } else {
                missing.push(s);
            }
            if let Some(l) = line
                && words_line.is_none_or(|(c, _)| credit > c)
            {
                words_line = Some((credit, l));
            }
        }
        let share = if r.any_skill {
            credits.iter().copied().fold(0.0, f32::max)
        } else {
            credits.iter().sum::<f32>() / credits.len() as f32
        };
        parts.push(share);
        // Each skill named is one unit of what the criterion asks; the criterion's
        // other words are weighed against them below.
        skill_units = if r.any_skill {
            1.0
        } else {
            r.skills.len() as f32
        };
        if let Some(first) = found.first() {
            evidence = f.skill_line(first);
            reasons.push(format!("{} found", found.join(", ")));
        } else if let Some((c, l)) = words_line
            && c > 0.0
        {
            evidence = Some(l);
        }
        if !in_words.is_empty() && (!r.any_skill || found.is_empty()) {
            reasons.push(format!("{} shown in other words", in_words.join(", ")));
        }
        if !missing.is_empty() && (!r.any_skill || (found.is_empty() && in_words.is_empty())) {
            reasons.push(format!("{} not found", missing.join(", ")));
        }
    }
    if let Some(level) = r.degree {
        let best = cv.degrees.iter().max_by_key(|d| d.level);
        let mut s = match best {
            Some(d) if d.level >= level => 1.0,
            Some(d) if d.level.rank() + 1 >= level.rank() || r.or_equivalent => 0.5,
            _ if r.or_equivalent && cv.years_experience >= 3.0 => 0.5,
            _ => 0.0,
        };
        // "A 2:1 or above": the best class among the CV's degrees at that level
        // or higher. A class below the bar, or none stated, is partial evidence.
        if let Some(want) = r.class
            && s > 0.0
        {
            let have = cv
                .degrees
                .iter()
                .filter(|d| d.level >= level)
                .filter_map(|d| d.class.as_deref().and_then(class_rank))
                .max();
            match have {
                Some(h) if h >= want => reasons.push("degree class meets the bar".into()),
                Some(_) => {
                    s *= 0.4;
                    reasons.push("degree class below the bar".into());
                }
                None => {
                    s *= 0.75;
                    reasons.push("degree class not stated".into());
                }
            }
        }
        parts.push(s);
        match best {
            Some(d) => {
                if evidence.is_none() || s >= 1.0 {
                    evidence = Some(d.line);
                }
                reasons.push(format!("highest qualification: {}", d.level.as_str()));
            }
            None => reasons.push("no degree found".into()),
        }
    }
    if let Some(years) = r.years {
        let have = cv.years_experience;
        years_share = Some((have / years).min(1.0));
        reasons.push(format!("{have:.1} of {years} years in dated roles"));
        if evidence.is_none() {
            evidence = cv.experience.first().map(|s| s.line);
        }
    }
    if !r.registrations.is_empty() {
        // Registers named together are alternatives ("NMC, HCPC, GMC or GPhC").
        let found = r.registrations.iter().find_map(|reg| {
            cv.registrations
                .iter()
                .chain(&cv.certifications)
                .find(|c| c.name.eq_ignore_ascii_case(reg) || c.name.contains(reg))
                .map(|c| (reg, c.line))
        });
        match found {
            Some((reg, line)) => {
                parts.push(1.0);
                evidence = Some(line);
                reasons.push(format!("{reg} registration found"));
            }
            None => {
                parts.push(0.0);
                reasons.push(format!(
                    "no {} registration found",
                    r.registrations.join("/")
                ));
            }
        }
    }

    // The criterion's own words, looked up line by line.
    let mut free = None;
    if !r.terms.is_empty() {
        let (line_share, all_share, best) = free_text_evidence(k, f, &r.terms, idf);
        let s = 0.6 * line_share + 0.4 * all_share;
        free = Some(s);
        if let Some(l) = best
            && (evidence.is_none() || parts.is_empty())
        {
            evidence = Some(l);
        }
        if parts.is_empty() {
            let own = r
                .terms
                .iter()
                .filter(|t| f.postings.contains_key(*t))
                .count();
            reasons.push(format!("{own} of {} key words found", r.terms.len()));
        }
    }

    let structured = (!parts.is_empty()).then(|| parts.iter().sum::<f32>() / parts.len() as f32);
    let base = match (structured, free) {
        // The structured parts (skills, degree) against the criterion's other
        // words: each structured part or named skill is a unit, each other key
        // word half a unit, with those words at least a fifth. "Experience with
        // Docker, Kubernetes and CI/CD pipelines" rests on its skills;
        // "experience of working in an NHS radiology or imaging service" mostly
        // on its words. A registration settles its criterion ("current
        // registration with a UK professional regulator"): there the other words
        // only add a fifth.
        (Some(a), Some(b)) => {
            let wb = if r.registrations.is_empty() {
                let units = parts.len() as f32 - 1.0 + skill_units;
                let words = 0.5 * r.terms.len() as f32;
                (words / (units + words)).max(0.2)
            } else {
                0.2
            };
            Some((1.0 - wb) * a + wb * b)
        }
        (Some(a), None) => Some(a),
        (None, Some(b)) => Some(b),
        (None, None) => None,
    };
    // Years qualify what the rest asks for: "three years' experience deploying
    // models" needs both the years and the deploying.
    let s = match (years_share, base) {
        (Some(y), Some(b)) if structured.is_some() => y * b,
        (Some(y), Some(b)) => y * (0.3 + 0.7 * b),
        (Some(y), None) => y,
        (None, Some(b)) => b,
        (None, None) => 0.0,
    };
    let section = evidence.map(|l| cv.section_of(l));
    let strong_place = matches!(
        section,
        Some(SectionKind::Experience | SectionKind::Projects | SectionKind::Publications)
    );
    // Strong evidence is recent: a line in a job that ended years before the
    // CV's latest one shows the criterion, but not strongly.
    let stale = evidence.is_some_and(|l| f.recent.get(l).copied().flatten() == Some(false));
    let score = if s >= 0.75 {
        if !stale && (strong_place || structured.is_some_and(|a| a >= 1.0)) {
            3
        } else {
            2
        }
    } else if s >= 0.5 {
        2
    } else if s >= 0.25 {
        1
    } else {
        0
    };
    if score == 0 {
        evidence = None;
    }
    CriterionResult {
        text: text.to_string(),
        priority,
        category,
        score,
        evidence: evidence.map(|l| cv.lines[l].text.clone()),
        section: evidence.map(|l| cv.section_of(l)),
        reason: reasons.join("; "),
        evidence_line: evidence,
    }
}

/// Most credit a required skill gets when the CV shows it only in other words.
const SKILL_IN_OTHER_WORDS: f32 = 0.8;

/// Is `skill` a soft or general skill ("Communication Skills", "Attention to
/// Detail"), which people show in their own words rather than by name?
fn soft(k: &Knowledge, skill: &str) -> bool {
    k.skill_category(skill)
        .is_some_and(|c| matches!(c, "soft" | "general"))
}

/// Is `skill` a clinical field ("Radiology", "Nursing Care")? A one-word field
/// can be shown by related words ("radiographer in NHS imaging"); a one-word
/// standard or tool (DCB0129, PACS, Python) has to be named.
fn field(k: &Knowledge, skill: &str) -> bool {
    k.skill_category(skill) == Some("clinical")
}

/// The key words of a skill's name ("Communication Skills" → `communic`).
fn skill_name_terms(name: &str) -> Vec<String> {
    analyzer()
        .terms(name)
        .into_iter()
        .filter(|t| t != "skill" && !GENERIC.contains(&t.as_str()))
        .collect()
}

/// Weight of a related word (see [`crate::text::Concepts`]) standing in for a
/// criterion's own word, in the evidence line and anywhere in the CV.
const RELATED_IN_LINE: f32 = 0.7;
const RELATED_ANYWHERE: f32 = 0.5;

/// Scores a criterion's key words against the CV. Each word counts by its rarity
/// across roles (`idf`, default 1), fully when the CV uses the word itself and
/// partly when it uses a related word. Returns the share of the weight found
/// around the best line, the share found anywhere in the CV, and that line.
///
/// A line's context is the line, the next line of its section (a sentence that
/// wraps still counts as one piece of evidence) and the head of its job entry
/// (title, organisation, dates). Ties go to the experience section, then to the
/// earliest line.
pub(super) fn free_text_evidence(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    terms: &[String],
    idf: &HashMap<String, f32>,
) -> (f32, f32, Option<usize>) {
    let cv = f.cv;
    let concepts = &k.concepts;
    // Per term: weight, lines with the word itself, lines with a related word.
    let mut matches: Vec<(f32, &[usize], Vec<usize>)> = Vec::with_capacity(terms.len());
    let mut total_w = 0.0f32;
    let mut anywhere_w = 0.0f32;
    let mut anchors: Vec<usize> = Vec::new();
    for t in terms {
        let w = idf.get(t).copied().unwrap_or(1.0);
        total_w += w;
        let own: &[usize] = f.postings.get(t).map_or(&[], Vec::as_slice);
        let mut related: Vec<usize> = Vec::new();
        // Related words count in a line even when the word itself is elsewhere
        // in the CV: "chaired the clinical decision support group" shows
        // engaging clinicians though "clinicians" appears in another line.
        for r in concepts.related(t) {
            if let Some(ls) = f.postings.get(r) {
                related.extend_from_slice(ls);
            }
        }
        related.sort_unstable();
        related.dedup();
        anywhere_w += if !own.is_empty() {
            w
        } else if !related.is_empty() {
            RELATED_ANYWHERE * w
        } else {
            0.0
        };
        anchors.extend_from_slice(own);
        anchors.extend_from_slice(&related);
        matches.push((w, own, related));
    }
    if total_w <= 0.0 {
        return (0.0, 0.0, None);
    }
    anchors.sort_unstable();
    anchors.dedup();
    let mut best: Option<(usize, f32)> = None;
    let mut context: Vec<usize> = Vec::with_capacity(6);
    for &a in &anchors {
        context.clear();
        context.push(a);
        if a + 1 < cv.lines.len() && cv.section_of(a + 1) == cv.section_of(a) {
            context.push(a + 1);
        }
        if let Some(h) = f.heads.get(a) {
            context.extend_from_slice(h);
        }
        let hit = |lines: &[usize]| context.iter().any(|c| lines.binary_search(c).is_ok());
        let score: f32 = matches
            .iter()
            .map(|(w, own, related)| {
                if hit(own) {
                    *w
                } else if hit(related) {
                    RELATED_IN_LINE * w
                } else {
                    0.0
                }
            })
            .sum();
        let better = match best {
            None => true,
            Some((b, bs)) => {
                score > bs
                    || (score == bs
                        && section_rank(cv.section_of(a)) > section_rank(cv.section_of(b)))
            }
        };
        if better {
            best = Some((a, score));
        }
    }
    let line_share = best.map_or(0.0, |(_, s)| s / total_w);
    (line_share, anywhere_w / total_w, best.map(|(l, _)| l))
}

fn section_rank(s: SectionKind) -> u8 {
    match s {
        SectionKind::Experience => 4,
        SectionKind::Projects | SectionKind::Publications => 3,
        SectionKind::Skills | SectionKind::Education | SectionKind::Certifications => 2,
        SectionKind::Profile | SectionKind::Registration => 1,
        _ => 0,
    }
}

/// Every criterion of a role, evaluated, and the criteria component.
pub(super) struct CriteriaFit {
    pub(super) results: Vec<CriterionResult>,
    /// Evidence over the role's criteria, Essentials double (`None`: no
    /// criteria).
    pub(super) score: Option<f64>,
}

/// Evaluates every criterion of `role`.
pub(super) fn evaluate_all(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    role: &crate::roles::Role,
    p: &super::features::RoleProfile,
    idf: &HashMap<String, f32>,
) -> CriteriaFit {
    let results: Vec<CriterionResult> = role
        .criteria
        .iter()
        .zip(&p.requirements)
        .map(|(c, r)| evaluate(k, f, c.text.as_str(), c.priority, c.category, r, idf))
        .collect();
    let (mut got, mut max) = (0.0f32, 0.0f32);
    for c in &results {
        let weight = match c.priority {
            Priority::Essential => 2.0,
            Priority::Desirable => 1.0,
        };
        got += weight * f32::from(c.score.min(3)) / 3.0;
        max += weight;
    }
    CriteriaFit {
        score: (max > 0.0).then(|| f64::from(got / max)),
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_requirement(text: &str) -> Requirement {
        super::parse_requirement(crate::knowledge::for_tests(), text)
    }
    #[test]
    fn requirements_are_parsed_from_criteria() {
        let r = parse_requirement("At least 3 years' experience with Python or R in the NHS");
        assert_eq!(r.years, Some(3.0));
        assert!(r.skills.iter().any(|s| s == "Python"), "{:?}", r.skills);
        let r = parse_requirement("MSc or PhD in a quantitative subject, or equivalent experience");
        assert_eq!(r.degree, Some(DegreeLevel::Doctorate));
        assert!(r.or_equivalent);
        let r = parse_requirement("Current HCPC registration");
        assert_eq!(r.registrations, ["HCPC"]);
        let r = parse_requirement("Ability to explain findings to non-technical audiences");
        assert!(r.terms.contains(&"explain".to_string()), "{:?}", r.terms);
        assert!(!r.terms.contains(&"abil".to_string()));
        // "non-technical" asks for the opposite of "technical".
        assert!(
            !r.terms
                .iter()
                .any(|t| t == "non" || t.starts_with("technic")),
            "{:?}",
            r.terms
        );
        assert!(r.terms.contains(&"audienc".to_string()), "{:?}", r.terms);
        let r = parse_requirement("A first or upper second class degree in a numerate subject");
        assert_eq!((r.degree, r.class), (Some(DegreeLevel::Bachelors), Some(3)));
        let r = parse_requirement("Degree (minimum 2:2) in nursing");
        assert_eq!(r.class, Some(2));
        // "First" alone is not a class ("first-line support"); no degree, no class.
        assert_eq!(
            parse_requirement("First-line support experience").class,
            None
        );
        assert_eq!(years_requirement("two years of experience"), Some(2.0));
        assert_eq!(years_requirement("5+ years"), Some(5.0));
        assert_eq!(years_requirement("experience of nhs data"), None);
    }

    #[test]
    fn degree_words() {
        assert_eq!(
            degree_requirement("degree in statistics"),
            Some(DegreeLevel::Bachelors)
        );
        assert_eq!(
            degree_requirement("master's degree"),
            Some(DegreeLevel::Masters)
        );
        assert_eq!(degree_requirement("experience of sql"), None);
    }
}
