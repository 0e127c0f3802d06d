//! Criteria: what a person-specification criterion asks for (parsed once per
//! role) and the 0–3 evidence a CV gives it.

use std::collections::HashMap;

use serde::Serialize;

mod parse;

pub(super) use parse::{Memo, Requirement, parse_requirement};

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
    // The same framing in other words: "a minimum of 6 months", "Experienced
    // RMN" (the stemmer keeps "experienced" apart from "experience").
    "month",
    "minimum",
    "maximum",
    "experienc",
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
    // Intensifiers: "large, complex datasets", "extensive experience",
    // "proficient in", "hands-on", "a track record of".
    "larg",
    "complex",
    "extens",
    "signific",
    "varieti",
    "multipl",
    "comprehens",
    "thorough",
    "proficient",
    "compet",
    "confid",
    "hand",
    "track",
    "previous",
    "robust",
    "major",
    // The framing of a personal quality, not what it is: "a dedication to
    // maintaining high standards", "commitment to", "enjoy", "keen to",
    // "willingness to", "enthusiasm for".
    "dedic",
    "commit",
    "enjoy",
    "keen",
    "willing",
    "will",
    "enthusiasm",
];

/// The evidence a criterion found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// The criterion as the role words it.
    pub text: String,
    /// Essential or Desirable.
    pub priority: Priority,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Its person-specification category, when given.
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
    /// Index of the evidence line in [`Cv::lines`](crate::cv::Cv::lines), for redaction.
    #[serde(skip)]
    pub evidence_line: Option<usize>,
}

impl CriterionResult {
    /// A judged criterion: its evidence line only when it scored above 0.
    fn judged(
        cv: &crate::cv::Cv,
        text: &str,
        (priority, category): (Priority, Option<Category>),
        score: u8,
        line: Option<usize>,
        reasons: &[String],
    ) -> CriterionResult {
        let line = line.filter(|_| score > 0);
        CriterionResult {
            text: text.to_string(),
            priority,
            category,
            score,
            evidence: line.map(|l| cv.lines[l].text.clone()),
            section: line.map(|l| cv.section_of(l)),
            reason: reasons.join("; "),
            evidence_line: line,
        }
    }

    /// "met", "partly met" or "missing".
    pub fn status(&self) -> &'static str {
        match self.score {
            2.. => "met",
            1 => "partly met",
            0 => "missing",
        }
    }
}

/// Scores one criterion against the CV.
///
/// The criterion's structured parts are checked first, each giving a share in
/// 0..=1: its qualification ([`degree_part`]), its skills ([`skills_part`]), its
/// registration ([`registration_part`]) and its years; then its other key words
/// are looked up line by line ([`free_text_evidence`]). The parts combine into a
/// 0–3 score as NHS shortlisting scores: 2 is met, 3 strong and recent.
#[allow(clippy::too_many_arguments)]
fn evaluate(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    text: &str,
    priority: Priority,
    category: Option<Category>,
    r: &Requirement,
    idf: &HashMap<String, f32>,
    field: &[String],
) -> CriterionResult {
    let cv = f.cv;
    if let Some(result) = soft_criterion(k, f, text, priority, category, r) {
        return result;
    }
    let mut parts: Vec<f32> = Vec::new();
    let mut skill_units = 1.0f32;
    let mut reasons: Vec<String> = Vec::new();
    let mut evidence: Option<usize> = None;
    let mut years_share: Option<f32> = None;
    let mut terms: &[String] = &r.terms;
    let mut examples_found = false;
    // A qualification without a level is in its named skills and its other
    // words ("a teaching qualification", "PRINCE2 certification"): the skills
    // are its subject, not experience asked for beside it.
    let credential_subject: Vec<String>;
    let mut skills_are_subject = false;
    if r.credential {
        let subject: &[String] = if r.relevant_subject {
            field
        } else {
            skills_are_subject = !r.skills.is_empty();
            credential_subject = r
                .terms
                .iter()
                .cloned()
                .chain(
                    r.skills
                        .iter()
                        .flat_map(|s| r.name_terms(s).iter().cloned()),
                )
                .collect();
            &credential_subject
        };
        let named: &[String] = if skills_are_subject { &r.skills } else { &[] };
        let c = credential_part(f, subject, named);
        parts.push(c.share);
        if c.line.is_some() {
            evidence = c.line;
        }
        reasons.push(c.reason);
        // Its words were the qualification's subject.
        terms = &[];
    }

    if let Some(level) = r.degree {
        let d = degree_part(k, f, r, level, field);
        parts.push(d.share);
        if d.line.is_some() {
            evidence = d.line;
        }
        reasons.push(d.reason);
    }
    if !skills_are_subject && (!r.skills.is_empty() || !r.examples.is_empty()) {
        let sp = skills_part(k, f, r, idf);
        parts.push(sp.share);
        skill_units = sp.units;
        examples_found = sp.examples_found;
        if sp.line.is_some() && evidence.is_none() {
            evidence = sp.line;
        }
        reasons.extend(sp.reasons);
    } else if r.skills.is_empty()
        && let Some((item, l)) = word_example(f, r)
    {
        // "Bench scientists such as chemists": an example of the criterion's
        // general words, though it names no skill.
        examples_found = true;
        evidence = evidence.or(Some(l));
        reasons.push(format!("{item} found"));
    }
    if let Some(years) = r.years {
        let shown = cv.years_shown();
        let have = shown.years;
        years_share = Some(years_part(have, years));
        let how = if shown.stated {
            "stated"
        } else {
            "in dated roles"
        };
        reasons.push(format!("{have:.1} of {years} years {how}"));
        if evidence.is_none() {
            evidence = shown.line;
        }
    }
    let registration = !r.registrations.is_empty() || r.any_registration;
    if registration {
        let (share, line, reason) = registration_part(k, f, r);
        parts.push(share);
        if line.is_some() {
            evidence = line;
        }
        reasons.push(reason);
    }

    // The criterion's own words, looked up line by line. An example of the
    // requirement found on the CV shows the general words it exemplifies
    // ("statistical software such as SPSS or Stata").
    let mut free = None;
    if !terms.is_empty() {
        let (line_share, all_share, best) = free_text_evidence(k, f, terms, idf);
        let mut s = 0.6 * line_share + 0.4 * all_share;
        if examples_found {
            s = s.max(EXAMPLE_SHOWS_WORDS);
        }
        free = Some(s);
        if let Some(l) = best
            && (evidence.is_none() || parts.is_empty())
        {
            evidence = Some(l);
        }
        // Said when the words carry the criterion: nothing structured, or
        // only examples of what it asks.
        let examples_only = r.skills.is_empty()
            && !r.examples.is_empty()
            && r.degree.is_none()
            && !r.credential
            && !registration
            && r.years.is_none();
        if parts.is_empty() || examples_only {
            let own = terms.iter().filter(|t| f.postings.contains_key(*t)).count();
            reasons.push(format!("{own} of {} key words found", terms.len()));
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
            let wb = if registration {
                0.2
            } else {
                let units = parts.len() as f32 - 1.0 + skill_units;
                let words = 0.5 * terms.len() as f32;
                (words / (units + words)).max(0.2)
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
    // Everything the criterion names is held (each skill, degree or
    // registration it asks for): its other words describe what those are, so
    // they cannot take it below met.
    let s = if structured.is_some_and(|a| a >= 1.0) && years_share.is_none_or(|y| y >= 1.0) {
        s.max(0.5)
    } else {
        s
    };
    let section = evidence.map(|l| cv.section_of(l));
    let strong_place = matches!(
        section,
        Some(SectionKind::Experience | SectionKind::Projects | SectionKind::Publications)
    ) || evidence.is_some_and(|l| f.in_dated_job(l));
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
    CriterionResult::judged(cv, text, (priority, category), score, evidence, &reasons)
}

/// A criterion is soft when the personal qualities it names and the people it
/// names them for make at least this share of its key words.
const SOFT_COVERAGE: f32 = 0.5;

/// A soft criterion ("excellent communication skills", "ability to influence
/// senior stakeholders", "IT literate") read as the personal qualities it names
/// (`text::qualities`), as a shortlisting panel reads it: met (2) when the CV
/// shows each quality in what the person did (its evidence words in the
/// experience, projects or publications sections, or, for some qualities,
/// tools or certifications held); partly met (1) when the CV only claims it in
/// a profile or a skills list; never strong (3): a CV cannot prove a personal
/// quality. `None` when the criterion is not soft, or asks for a
/// qualification, a registration or years as well.
fn soft_criterion(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    text: &str,
    priority: Priority,
    category: Option<Category>,
    r: &Requirement,
) -> Option<CriterionResult> {
    if !r.may_be_soft() {
        return None;
    }
    // The criterion's words, with its soft skills read as words and its other
    // skills as what they are: concrete content the qualities do not cover.
    // This depends on the criterion alone, so it is worked out once per role.
    let reading = r.soft_reading.0.get_or_init(|| {
        let mut terms = r.terms.clone();
        for s in &r.skills {
            let t = skill_name_terms(s);
            if soft(k, s) {
                terms.extend(t);
            } else {
                terms.push(format!("skill:{s}"));
            }
        }
        terms.sort();
        terms.dedup();
        let reading = k.qualities.read(&terms);
        (!reading.qualities.is_empty() && reading.coverage >= SOFT_COVERAGE).then_some(reading)
    });
    let reading = reading.as_ref()?;
    let cv = f.cv;
    let mut shares = Vec::new();
    let mut shown = Vec::new();
    let mut claimed = Vec::new();
    let mut missing = Vec::new();
    let mut evidence: Option<(bool, usize)> = None;
    for &qi in &reading.qualities {
        let q = &k.qualities.all()[qi];
        match quality_evidence(f, q) {
            Some((true, line)) => {
                shares.push(0.75);
                shown.push(q.name.as_str());
                if evidence.is_none_or(|(did, _)| !did) {
                    evidence = Some((true, line));
                }
            }
            Some((false, line)) => {
                shares.push(0.4);
                claimed.push(q.name.as_str());
                if evidence.is_none() {
                    evidence = Some((false, line));
                }
            }
            None => {
                shares.push(0.0);
                missing.push(q.name.as_str());
            }
        }
    }
    // Concrete content the qualities do not cover is asked for too: "clinical
    // experience in primary care and/or a primary care leadership role" needs
    // primary care, not only leadership. The criterion's concrete skills are
    // one more unit, met when the CV holds any of them (they are usually
    // alternatives or parts of one setting), and needed: without it the
    // qualities alone are at most partly met ("efficient and accurate keyboard
    // skills" is typing, however organised the CV).
    let mut setting_missing = false;
    let concrete: Vec<&str> = r
        .skills
        .iter()
        .map(String::as_str)
        .filter(|s| !soft(k, s))
        .collect();
    if !concrete.is_empty() {
        match concrete
            .iter()
            .find_map(|s| f.skill_line(s).map(|l| (*s, l)))
        {
            Some((s, line)) => {
                shares.push(0.75);
                shown.push(s);
                if evidence.is_none() {
                    evidence = Some((true, line));
                }
            }
            None => {
                shares.push(0.0);
                missing.extend(concrete);
                setting_missing = true;
            }
        }
    }
    // A concrete example the criterion gives, held by the CV, shows the
    // quality it exemplifies, as in the structured reading ("highly computer
    // literate (MS Office, MS Teams)" and Microsoft Office on the CV).
    let example = r
        .examples
        .iter()
        .map(String::as_str)
        .filter(|e| !soft(k, e))
        .find_map(|e| f.skill_line(e).map(|l| (e, l)));
    if let Some((e, line)) = example {
        shown.push(e);
        if evidence.is_none_or(|(did, _)| !did) {
            evidence = Some((true, line));
        }
    }
    let share = shares.iter().sum::<f32>() / shares.len() as f32;
    let score = if (share >= 0.5 || example.is_some()) && !setting_missing {
        2
    } else if share >= 0.25 {
        1
    } else {
        0
    };
    let mut reasons = Vec::new();
    if !shown.is_empty() {
        reasons.push(format!(
            "{} shown in what the CV describes",
            shown.join(", ")
        ));
    }
    if !claimed.is_empty() {
        reasons.push(format!("{} only claimed", claimed.join(", ")));
    }
    if !missing.is_empty() {
        reasons.push(format!("{} not shown", missing.join(", ")));
    }
    Some(CriterionResult::judged(
        cv,
        text,
        (priority, category),
        score,
        evidence.map(|(_, l)| l),
        &reasons,
    ))
}

/// Where the CV shows a quality: `(true, line)` in what the person did (the
/// experience, projects, publications or credentials sections), `(false, line)`
/// only elsewhere (a profile, a skills list), `None` nowhere.
fn quality_evidence(
    f: &CvFeatures<'_>,
    q: &crate::text::qualities::Quality,
) -> Option<(bool, usize)> {
    let cv = f.cv;
    // Learning done is shown where courses and training are listed too.
    let did = |line: usize| {
        f.in_dated_job(line)
            || matches!(
                cv.section_of(line),
                SectionKind::Experience
                    | SectionKind::Projects
                    | SectionKind::Publications
                    | SectionKind::Certifications
                    | SectionKind::Registration
            )
            || (q.credentials && cv.section_of(line) == SectionKind::Education)
    };
    // Every piece of evidence: (what it is, its line). A quality is shown when
    // two different pieces of it stand in what the person did; one word of
    // everyday CV language ("team") is not enough.
    let mut hits: Vec<(String, usize)> = Vec::new();
    for phrase in &q.evidence {
        let Some((first, rest)) = phrase.split_first() else {
            continue;
        };
        let Some(lines) = f.postings.get(first) else {
            continue;
        };
        for &l in lines {
            if rest.iter().all(|t| {
                f.postings
                    .get(t)
                    .is_some_and(|ls| ls.binary_search(&l).is_ok())
            }) {
                hits.push((phrase.join(" "), l));
            }
        }
    }
    for s in &cv.skills {
        if q.skill_categories
            .iter()
            .any(|c| c == &s.category.to_lowercase())
        {
            hits.push((format!("skill:{}", s.name), s.line));
        }
    }
    if q.credentials {
        for c in cv.certifications.iter().chain(&cv.registrations) {
            if !matches!(c.via, crate::cv::Via::JobTitle | crate::cv::Via::Pending) {
                hits.push((format!("credential:{}", c.name), c.line));
            }
        }
    }
    let mut done: Vec<&str> = hits
        .iter()
        .filter(|(_, l)| did(*l))
        .map(|(w, _)| w.as_str())
        .collect();
    done.sort_unstable();
    done.dedup();
    let first =
        |pred: &dyn Fn(usize) -> bool| hits.iter().map(|(_, l)| *l).filter(|&l| pred(l)).min();
    if done.len() >= 2 {
        first(&did).map(|l| (true, l))
    } else {
        first(&|_| true).map(|l| (false, l))
    }
}

/// The share of a registration criterion that a registration applied for or
/// worked towards, not yet held, earns where the criterion does not accept one
/// in progress.
const PENDING_REGISTRATION: f32 = 0.25;

/// Share of the years asked for below which a years criterion is not met
/// (before its other parts): "at least 5 years" takes 4 (a CV's dated roles
/// miss a month here and there), not 3.5.
const YEARS_TOLERANCE: f32 = 0.8;

/// The years part of a criterion: 1 with the years asked for, a half (met,
/// just) at [`YEARS_TOLERANCE`] of them, falling to 0 as far below that.
fn years_part(have: f32, asked: f32) -> f32 {
    if asked <= 0.0 {
        return 1.0;
    }
    let share = (have / asked).min(1.0);
    if share >= YEARS_TOLERANCE {
        0.5 + 0.5 * (share - YEARS_TOLERANCE) / (1.0 - YEARS_TOLERANCE)
    } else {
        (0.5 * (share - (2.0 * YEARS_TOLERANCE - 1.0)) / (1.0 - YEARS_TOLERANCE)).max(0.0)
    }
}

/// The share an example found gives the general words it is an example of.
const EXAMPLE_SHOWS_WORDS: f32 = 0.75;

/// One structured part of a criterion.
struct Part {
    share: f32,
    line: Option<usize>,
    reason: String,
}

/// The qualification part: a qualification at the level asked for or above, in
/// the subject asked for when the criterion names one.
///
/// - level and subject met: 1;
/// - level met, subject not: ⅓ (a degree, but not in the field), ½ when the
///   criterion accepts a related subject;
/// - one level below, or only "or equivalent" experience (three years or more):
///   ⅔ when the subject shows in the CV, else ⅓;
/// - "or working towards": a qualification at the level marked as in progress
///   counts ⅔.
///
/// A subject described only as relevant ("a relevant technical subject") is the
/// role's field: the words of its title and skills.
fn degree_part(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    r: &Requirement,
    level: DegreeLevel,
    field: &[String],
) -> Part {
    let cv = f.cv;
    let years_shown = cv.years_shown().years;
    // "A degree in a relevant subject": the role's own field is the subject.
    let subject: &[String] = if r.relevant_subject {
        field
    } else {
        &r.subject
    };
    let on_line = |d: &crate::cv::Degree| {
        let mut named = d
            .subject
            .as_deref()
            .map(|s| analyzer().terms(s))
            .unwrap_or_default();
        // A profession named as the subject is its activity, as on the
        // criterion's side ("Diploma of the College of Occupational
        // Therapists" is in occupational therapy).
        if let Some(s) = d.subject.as_deref() {
            named.extend(analyzer().activity_terms(s).into_iter().flatten());
        }
        // "B.Tech (CSE)", "BSc IT": the abbreviation stands for its words.
        for (_, _, full) in crate::cv::subject_abbreviations(&cv.lines[d.line].text) {
            named.extend(analyzer().terms(full));
        }
        let shows = |w: &String| {
            named.contains(w) || f.postings.get(w).is_some_and(|ls| ls.contains(&d.line))
        };
        if !r.relevant_subject && !r.subject_groups.is_empty() {
            // One alternative, all its words but the last, which is often
            // abbreviated or left out ("Mech. Engg" for mechanical engineering,
            // "Information Systems" for information technology): "mechanical
            // engineering" is not any engineering, "computer science" not
            // "political science".
            r.subject_groups
                .iter()
                .any(|g| g.iter().take(g.len().saturating_sub(1).max(1)).all(shows))
        } else {
            subject.iter().any(shows)
        }
    };
    let at_level: Vec<&crate::cv::Degree> =
        cv.degrees.iter().filter(|d| d.level.meets(level)).collect();
    let best = cv.degrees.iter().max_by_key(|d| d.level);
    let subject_ok = |d: &&crate::cv::Degree| subject.is_empty() || on_line(d);
    let class_factor = |share: f32, reasons: &mut Vec<String>| -> f32 {
        // "A 2:1 or above": the best class among the CV's degrees at that level
        // or higher. A class below the bar, or none stated, is partial evidence.
        let Some(want) = r.class else {
            return share;
        };
        let have = at_level
            .iter()
            .filter_map(|d| d.class.as_deref().and_then(parse::class_rank))
            .max();
        match have {
            Some(h) if h >= want => {
                reasons.push("degree class meets the bar".into());
                share
            }
            Some(_) => {
                reasons.push("degree class below the bar".into());
                share * 0.4
            }
            None => {
                reasons.push("degree class not stated".into());
                share * 0.75
            }
        }
    };
    let mut reasons: Vec<String> = Vec::new();
    let anywhere = subject.iter().any(|w| f.postings.contains_key(w.as_str()));
    let (share, line) = if let Some(d) = at_level.iter().find(|d| subject_ok(d)) {
        if subject.is_empty() {
            reasons.push(format!("{} found", d.level.as_str()));
        } else {
            reasons.push(format!("{} in the subject found", d.level.as_str()));
        }
        // GCSEs or A levels asked for, a degree shown: the level is there, the
        // certificates themselves are not listed.
        let share = if level <= DegreeLevel::ALevel && d.level > DegreeLevel::ALevel {
            0.67
        } else {
            1.0
        };
        (class_factor(share, &mut reasons), Some(d.line))
    } else if let Some(d) = at_level.iter().find(|d| {
        r.related && related_subject(k, d.subject.as_deref().unwrap_or(&cv.lines[d.line].text), r)
    }) {
        // "Or a related field": a degree in a broader or narrower field of a
        // subject named ("MSc Artificial Intelligence" for "machine learning").
        reasons.push(format!("{} in a related subject found", d.level.as_str()));
        (class_factor(1.0, &mut reasons), Some(d.line))
    } else if let Some(d) = at_level.first() {
        reasons.push(format!(
            "{} found, not in the subject asked for",
            d.level.as_str()
        ));
        // "Or equivalent experience" stands in for the subject as it does for
        // the level, when the experience is in that subject.
        let share = if r.or_equivalent && years_shown >= 3.0 && anywhere {
            0.67
        } else if r.related
            && (r.subject_skills.is_empty()
                || !known_subject(k, d.subject.as_deref().unwrap_or(&cv.lines[d.line].text)))
        {
            // A related subject may be there, but it cannot be told: the
            // subject asked for is none of the taxonomy's skills, or the
            // degree's is neither a skill nor a subject of a family ("B.Tech
            // Kakinada").
            0.5
        } else {
            0.34
        };
        (share, Some(d.line))
    } else if r.in_progress
        && let Some(d) = cv.degrees.iter().find(|d| {
            d.level.meets(level) && cv.lines[d.line].text.to_lowercase().contains("present")
        })
    {
        reasons.push("qualification in progress".into());
        (0.67, Some(d.line))
    } else if let Some(d) = cv
        .degrees
        .iter()
        .filter(|d| d.level.just_below(level))
        .max_by_key(|d| d.level)
    {
        reasons.push(format!("{} found, one level below", d.level.as_str()));
        let share = if r.or_equivalent && years_shown >= 3.0 && (subject.is_empty() || anywhere) {
            0.67
        } else {
            0.34
        };
        (share, Some(d.line))
    } else if r.or_equivalent && years_shown >= 3.0 {
        reasons.push(format!(
            "no qualification at that level; {:.1} years of experience in its place",
            years_shown
        ));
        (
            if subject.is_empty() || anywhere {
                0.67
            } else {
                0.34
            },
            None,
        )
    } else {
        reasons.push(match best {
            Some(d) => format!("highest qualification: {}", d.level.as_str()),
            None => "no qualification found".into(),
        });
        (0.0, None)
    };
    Part {
        share,
        line,
        reason: reasons.join("; "),
    }
}

/// A qualification without a level ("teaching qualification", "certificate in
/// first aid"): its subject words on a line of the education or certifications
/// sections, or among the certifications found, show it (1); the words only in
/// work done show experience, not the qualification (⅓).
fn credential_part(f: &CvFeatures<'_>, subject: &[String], skills: &[String]) -> Part {
    let cv = f.cv;
    let qualification_line = |l: usize| super::features::qualification_line(cv, l);
    let mut best: Option<(f32, usize)> = None;
    for (i, line) in (0..cv.lines.len()).map(|l| (l, l)) {
        let found = subject
            .iter()
            .filter(|t| {
                f.postings
                    .get(*t)
                    .is_some_and(|ls| ls.binary_search(&line).is_ok())
            })
            .count();
        if found * 2 < subject.len() || found == 0 {
            continue;
        }
        let share = if qualification_line(i) { 1.0 } else { 0.34 };
        if best.is_none_or(|(b, _)| share > b) {
            best = Some((share, i));
        }
    }
    // A skill the qualification is in, found under any of its names: first
    // where the CV names it, then on the lines of qualifications and training,
    // where a course shows the qualification even when the skill was first
    // named in a job ("Clinical Risk Management - Foundation and Practitioner,
    // NHS Digital" for clinical safety officer training).
    for line in skills.iter().filter_map(|s| f.skill_line(s)) {
        let share = if qualification_line(line) { 1.0 } else { 0.34 };
        if best.is_none_or(|(b, _)| share > b) {
            best = Some((share, line));
        }
    }
    if best.is_none_or(|(b, _)| b < 1.0)
        && let Some(line) = skills
            .iter()
            .filter_map(|s| f.qualification_skill_line(s))
            .min()
    {
        best = Some((1.0, line));
    }
    match best {
        Some((share, line)) => Part {
            share,
            line: Some(line),
            reason: if share >= 1.0 {
                "qualification found".into()
            } else {
                "experience of it, no qualification found".into()
            },
        },
        None => Part {
            share: 0.0,
            line: None,
            reason: "no such qualification found".into(),
        },
    }
}

/// The skills part of a criterion.
struct SkillsPart {
    share: f32,
    /// How many units of the criterion its skills make (see [`evaluate`]).
    units: f32,
    line: Option<usize>,
    reasons: Vec<String>,
    examples_found: bool,
}

/// The skills a criterion requires (all, or one of them), any of its examples
/// standing in for them, and soft skills shown in other words.
fn skills_part(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    r: &Requirement,
    idf: &HashMap<String, f32>,
) -> SkillsPart {
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
        let terms = r.name_terms(s);
        if !(soft(k, s) || (field(k, s) && terms.len() == 1)) {
            credits.push(0.0);
            missing.push(s);
            continue;
        }
        let (share, _, line) = free_text_evidence(k, f, terms, idf);
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
    // An example found shows the general requirement it exemplifies: "MLOps
    // tooling such as MLflow", "a cloud platform, e.g. Azure"; a soft example
    // ("e.g. mentorship") may be shown in other words.
    let mut example = r
        .examples
        .iter()
        .map(String::as_str)
        .find(|s| f.skill_line(s).is_some());
    if example.is_none()
        && r.skills.is_empty()
        && let Some((item, l)) = word_example(f, r)
    {
        example = Some(item);
        words_line = Some((1.0, l));
    }
    if example.is_none() {
        for e in r.examples.iter().map(String::as_str).filter(|e| soft(k, e)) {
            let (share, _, line) = free_text_evidence(k, f, r.name_terms(e), idf);
            if SKILL_IN_OTHER_WORDS * share >= 0.5 && line.is_some() {
                example = Some(e);
                words_line = line.map(|l| (1.0, l));
                break;
            }
        }
    }
    // Each group of alternatives needs one of its skills; every group counts.
    let groups: Vec<Vec<usize>> = if r.groups.is_empty() {
        (0..credits.len()).map(|i| vec![i]).collect()
    } else {
        r.groups.clone()
    };
    let mut share = if credits.is_empty() {
        0.0
    } else {
        groups
            .iter()
            .map(|g| {
                g.iter()
                    .filter_map(|&i| credits.get(i))
                    .copied()
                    .fold(0.0, f32::max)
            })
            .sum::<f32>()
            / groups.len() as f32
    };
    if example.is_some() && (r.any_skill || r.skills.len() <= 1) {
        // An example found shows a single (or any-of) requirement outright.
        // Beside several required skills it shows the one it is an example of,
        // which the taxonomy's broader links already credit.
        share = 1.0;
    }
    let mut reasons = Vec::new();
    let mut line = None;
    if let Some(first) = found.first() {
        line = f.skill_line(first);
        reasons.push(format!("{} found", found.join(", ")));
    } else if let Some(e) = example {
        line = f.skill_line(e).or(words_line.map(|(_, l)| l));
        reasons.push(format!("{e} found"));
    } else if let Some((c, l)) = words_line
        && c > 0.0
    {
        line = Some(l);
    }
    if !in_words.is_empty() && (!r.any_skill || found.is_empty()) {
        reasons.push(format!("{} shown in other words", in_words.join(", ")));
    }
    if !missing.is_empty()
        && example.is_none()
        && (!r.any_skill || (found.is_empty() && in_words.is_empty()))
    {
        reasons.push(format!("{} not found", missing.join(", ")));
    }
    if r.skills.is_empty() && example.is_none() && !r.examples.is_empty() {
        // "IT systems including Microsoft Office": the examples were its only
        // named skills, and none is on the CV.
        reasons.push(format!("no example found ({})", r.examples.join(", ")));
    }
    // Each group of skills named is one unit of what the criterion asks; the
    // criterion's other words are weighed against them.
    let units = groups.len().max(1) as f32;
    SkillsPart {
        share,
        units,
        line,
        reasons,
        examples_found: example.is_some(),
    }
}

/// Is a degree's subject related to the one a criterion names: a skill that is
/// one of the subject's skills, or broader or narrower than one in the
/// taxonomy ("Artificial Intelligence" for machine learning); or a subject of a
/// family ([`crate::cv::degrees::SUBJECT_FAMILIES`]) that the criterion's
/// subject is in too ("Biomedical Science" for health informatics)?
fn related_subject(k: &Knowledge, subject: &str, r: &Requirement) -> bool {
    let by_skill = k.skills.find(subject).iter().any(|h| {
        r.subject_skills.iter().any(|a| {
            a == h.name
                || k.skills.broader_of(h.name).contains(&a.as_str())
                || k.skills.broader_of(a).contains(&h.name)
        })
    });
    if by_skill {
        return true;
    }
    let have = analyzer().terms(subject);
    family_terms().iter().any(|(words, subjects)| {
        subjects.iter().any(|s| names_subject(s, &have))
            && words
                .iter()
                .chain(subjects)
                .any(|w| names_subject(w, &r.subject))
    })
}

/// Each subject family's words and subjects
/// ([`crate::cv::degrees::SUBJECT_FAMILIES`]), analysed once.
type FamilyTerms = Vec<(Vec<Vec<String>>, Vec<Vec<String>>)>;

fn family_terms() -> &'static FamilyTerms {
    static TERMS: std::sync::OnceLock<FamilyTerms> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| {
        let analyse = |names: &[&str]| -> Vec<Vec<String>> {
            names
                .iter()
                .map(|n| analyzer().terms(n))
                .filter(|t| !t.is_empty())
                .collect()
        };
        crate::cv::degrees::SUBJECT_FAMILIES
            .iter()
            .map(|fam| (analyse(fam.words), analyse(fam.subjects)))
            .collect()
    })
}

/// Are all the analysed words of one subject name (`name`) among `terms`?
fn names_subject(name: &[String], terms: &[String]) -> bool {
    name.iter().all(|x| terms.contains(x))
}

/// Does a degree's subject name something the relatedness test can judge: a
/// skill of the taxonomy or a subject of a family?
fn known_subject(k: &Knowledge, subject: &str) -> bool {
    if !k.skills.find(subject).is_empty() {
        return true;
    }
    let have = analyzer().terms(subject);
    family_terms()
        .iter()
        .flat_map(|(_, subjects)| subjects)
        .any(|s| names_subject(s, &have))
}

/// The first of the criterion's examples that name no skill
/// ([`Requirement::example_words`]) with all its words on one line of the CV:
/// the example as written, and the line.
fn word_example<'r>(f: &CvFeatures<'_>, r: &'r Requirement) -> Option<(&'r str, usize)> {
    r.example_words.iter().find_map(|(item, terms)| {
        let (first, rest) = terms.split_first()?;
        let line = f.postings.get(first)?.iter().copied().find(|l| {
            rest.iter()
                .all(|t| f.postings.get(t).is_some_and(|ls| ls.contains(l)))
        })?;
        Some((item.as_str(), line))
    })
}

/// The registration part: a registration with one of the registers asked for
/// (any regulator or accredited register when none is named). A registration
/// the CV states (by name, PIN or register mark) counts fully; one implied only
/// by a job title ("Staff Nurse") counts ¾: met, not strong; one applied for
/// or worked towards counts where the criterion takes those eligible, and
/// [`PENDING_REGISTRATION`] otherwise.
fn registration_part(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    r: &Requirement,
) -> (f32, Option<usize>, String) {
    use crate::cv::Via;
    use crate::text::registers::Kind;
    let cv = f.cv;
    let wanted = |code: &str| {
        if r.registrations.is_empty() {
            k.registers
                .get(code)
                .is_some_and(|reg| reg.kind != Kind::Body)
        } else {
            r.registrations.iter().any(|c| c == code)
        }
    };
    let best = cv
        .registrations
        .iter()
        .filter(|c| wanted(&c.name))
        .max_by_key(|c| match c.via {
            Via::Pending => 0,
            Via::JobTitle => 1,
            _ => 2,
        });
    let asked = if r.registrations.is_empty() {
        "professional".to_string()
    } else {
        r.registrations.join("/")
    };
    match best {
        Some(c) if c.via == Via::JobTitle => (
            0.75,
            Some(c.line),
            format!("{} registration implied by a job title", c.name),
        ),
        // Applied for or awaited: met where the criterion accepts those
        // eligible or working towards it.
        Some(c) if c.via == Via::Pending && r.in_progress => (
            1.0,
            Some(c.line),
            format!("{} registration applied for, which is accepted", c.name),
        ),
        Some(c) if c.via == Via::Pending => (
            PENDING_REGISTRATION,
            Some(c.line),
            format!(
                "{} registration applied for or worked towards, not held",
                c.name
            ),
        ),
        Some(c) => (1.0, Some(c.line), format!("{} registration found", c.name)),
        None => (0.0, None, format!("no {asked} registration found")),
    }
}

/// Most credit a required skill gets when the CV shows it only in other words.
const SKILL_IN_OTHER_WORDS: f32 = 0.8;

/// Is `skill` a soft skill ("Communication Skills", "Attention to Detail"),
/// which people show in their own words rather than by name? (Concrete general
/// skills such as teaching or payroll are named when held.)
fn soft(k: &Knowledge, skill: &str) -> bool {
    k.skill_category(skill) == Some("soft")
}

/// Is `skill` a clinical field ("Radiology", "Nursing Care")? A one-word field
/// can be shown by related words ("radiographer in NHS imaging"); a one-word
/// standard or tool (DCB0129, PACS, Python) has to be named.
fn field(k: &Knowledge, skill: &str) -> bool {
    k.skill_category(skill) == Some("clinical")
}

/// The key words of a skill's name ("Communication Skills" → `communic`).
impl Requirement {
    /// Whether the criterion can be a soft one ([`soft_criterion`]): it asks
    /// for no qualification, registration or years.
    pub(super) fn may_be_soft(&self) -> bool {
        self.degree.is_none()
            && !self.credential
            && self.registrations.is_empty()
            && !self.any_registration
            && self.years.is_none()
    }

    /// [`skill_name_terms`] of one of the criterion's skills or examples,
    /// remembered with the criterion.
    fn name_terms(&self, name: &str) -> &[String] {
        let memo = self.skill_terms.0.get_or_init(|| {
            self.skills
                .iter()
                .chain(&self.examples)
                .map(|s| (s.clone(), skill_name_terms(s)))
                .collect()
        });
        memo.get(name).map_or(&[], Vec::as_slice)
    }
}

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
        .map(|(c, r)| {
            evaluate(
                k,
                f,
                c.text.as_str(),
                c.priority,
                c.category,
                r,
                idf,
                p.field(),
            )
        })
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
