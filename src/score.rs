//! Scoring: every CV against every role, 0–100, with a criterion-by-criterion
//! explanation.
//!
//! A score combines four components, each in 0..=1:
//!
//! - **relevance**: tantivy BM25 of a MoreLikeThis-style query built from the CV's
//!   strongest terms (term frequency, dampened, times inverse document frequency
//!   over the roles), divided by the best score that query could reach, so it is an
//!   absolute measure rather than a rank;
//! - **skills**: the share of the role's skills (its skills list, and skills named
//!   in its criteria and description, weighted in that order) that the CV shows;
//!   presence counts, repetition does not;
//! - **criteria**: each Essential and Desirable criterion gets 0–3 evidence as in
//!   NHS shortlisting (skills, degree level, years of experience, registrations and
//!   the criterion's own words, looked up in the CV's lines); Essentials weigh
//!   double. A criterion is *met* at 2 or more;
//! - **title**: the CV's job titles (normalised to occupations through the titles
//!   taxonomy) against the role's title.
//!
//! The score is the weighted mean of the components the role supports (a role
//! without criteria or skills is scored on the rest), times 100. Weights are in
//! [`Weights`]. Matches sort by score descending, then role id.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::cv::{Cv, DegreeLevel, SectionKind};
use crate::error::Result;
use crate::index::{RoleIndex, SearchField};
use crate::roles::{Category, Priority, Role};
use crate::text::{self, analyzer};

/// Component weights of the rank score (the `[weights]` table of `cvmatch.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub relevance: f64,
    pub skills: f64,
    pub criteria: f64,
    pub title: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            relevance: 0.35,
            skills: 0.2,
            criteria: 0.3,
            title: 0.15,
        }
    }
}

/// Mentions of a term beyond this count add no weight to the relevance query.
const TF_CAP: u32 = 4;
/// How many of the CV's terms make the relevance query.
const QUERY_TERMS: usize = 80;
/// Field boosts for the relevance query.
const FIELD_BOOSTS: [(SearchField, f32); 4] = [
    (SearchField::Title, 2.0),
    (SearchField::Skills, 1.5),
    (SearchField::Criteria, 1.2),
    (SearchField::Body, 1.0),
];
/// BM25 k1 as used by tantivy: a term's score saturates at idf × (k1 + 1).
const BM25_K1: f32 = 1.2;
/// Skill weight added to every role's total: a prior against roles that name only
/// one or two skills.
const SKILLS_PRIOR: f32 = 1.0;
/// How fast relevance saturates: a normalised BM25 of 0.45 (a strong match)
/// gives 0.9.
const RELEVANCE_SLOPE: f32 = 5.1;

/// Words that say what kind of thing a criterion asks for rather than what it is
/// about ("experience of", "knowledge of", "ability to"). Stemmed.
const GENERIC: &[&str] = &[
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

/// Job-title words that say how senior, not what.
const SENIORITY: &[&str] = &[
    "senior", "junior", "lead", "princip", "head", "chief", "associ", "assist", "trainee",
    "graduat", "intern", "staff", "deputi", "band", "level", "i", "ii", "iii",
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

/// One role's match for one CV.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMatch {
    /// Position of the role in the index.
    #[serde(skip)]
    pub role: usize,
    pub role_id: String,
    pub title: String,
    /// 0–100, unrounded.
    pub score: f64,
    pub essentials_met: usize,
    pub essentials_total: usize,
    pub desirables_met: usize,
    pub desirables_total: usize,
    /// Component values in 0..=1 (absent when the role does not support one).
    pub relevance: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skills_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria_score: Option<f64>,
    pub title_score: f64,
    /// Role skills the CV shows, most important first.
    pub matched_skills: Vec<String>,
    /// Role skills the CV does not show, most important first.
    pub missing_skills: Vec<String>,
    /// The occupation both titles share, when they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_match: Option<String>,
    /// Set when the CV's seniority is two or more levels from the role's, which
    /// lowers the title fit ("CV graduate vs role head").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seniority: Option<String>,
    /// Criterion by criterion (filled for every match; the report decides what to
    /// show).
    pub criteria: Vec<CriterionResult>,
}

/// What a criterion asks for, parsed once per role.
#[derive(Debug, Clone, Default, PartialEq)]
struct Requirement {
    skills: Vec<&'static str>,
    any_skill: bool,
    degree: Option<DegreeLevel>,
    /// Lowest acceptable degree class: 4 First, 3 2:1, 2 2:2, 1 Third.
    class: Option<u8>,
    or_equivalent: bool,
    years: Option<f32>,
    registrations: Vec<&'static str>,
    terms: Vec<String>,
}

/// What a role asks for, analysed once.
#[derive(Debug, Clone, Default, PartialEq)]
struct RoleProfile {
    /// Skill name → weight.
    skills: Vec<(&'static str, f32)>,
    /// Skills asked for only as alternatives ("GMC, NMC or HCPC"): any one of the
    /// group satisfies each of them.
    alternatives: HashMap<&'static str, Vec<&'static str>>,
    occupations: Vec<&'static str>,
    title_terms: Vec<String>,
    requirements: Vec<Requirement>,
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

fn parse_requirement(text: &str) -> Requirement {
    let mut r = Requirement::default();
    let lower = text.to_lowercase();
    let hits = text::skills().find(text);
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
        if !r.skills.contains(&h.name) {
            r.skills.push(h.name);
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
            r.registrations.push(name);
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

fn degree_requirement(lower: &str) -> Option<DegreeLevel> {
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

fn years_requirement(lower: &str) -> Option<f32> {
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

fn role_profile(role: &Role) -> RoleProfile {
    let mut weights: HashMap<&'static str, f32> = HashMap::new();
    let mut order: Vec<&'static str> = Vec::new();
    let mut add = |name: &'static str, w: f32| {
        let e = weights.entry(name).or_insert_with(|| {
            order.push(name);
            0.0
        });
        if w > *e {
            *e = w;
        }
    };
    let mut solo: HashSet<&'static str> = HashSet::new();
    let mut alternatives: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    for s in &role.skills {
        for h in text::skills().find_in_list(s) {
            add(h.name, 1.0);
            solo.insert(h.name);
        }
    }
    let requirements: Vec<Requirement> = role
        .criteria
        .iter()
        .map(|c| parse_requirement(&c.text))
        .collect();
    for (c, r) in role.criteria.iter().zip(&requirements) {
        let w = match c.priority {
            Priority::Essential => 1.0,
            Priority::Desirable => 0.5,
        };
        if r.any_skill {
            // Alternatives share the criterion's weight.
            let share = w / r.skills.len() as f32;
            for s in &r.skills {
                add(s, share);
                alternatives.entry(*s).or_insert_with(|| r.skills.clone());
            }
        } else {
            for s in &r.skills {
                add(s, w);
                solo.insert(*s);
            }
        }
    }
    for h in text::skills().find(&role.title) {
        add(h.name, 1.0);
    }
    for h in text::skills().find(&role.body_text()) {
        add(h.name, 0.3);
    }
    let mut skills: Vec<(&'static str, f32)> = order.iter().map(|n| (*n, weights[n])).collect();
    skills.sort_by(|a, b| b.1.total_cmp(&a.1));
    let occupations = text::titles()
        .find(&role.title)
        .iter()
        .map(|h| h.name)
        .collect();
    let title_terms = title_terms(&role.title);
    alternatives.retain(|name, _| !solo.contains(name));
    RoleProfile {
        skills,
        alternatives,
        occupations,
        title_terms,
        requirements,
    }
}

fn title_terms(title: &str) -> Vec<String> {
    let mut v: Vec<String> = analyzer()
        .terms(title)
        .into_iter()
        .filter(|t| !SENIORITY.contains(&t.as_str()) && !t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    v.dedup();
    v
}

/// Experience older than this, counted back from the CV's most recent date, is
/// not "recent" evidence.
const RECENT_MONTHS: u32 = 60;

/// For every CV line, the head lines of the dated job entry it sits in (the line
/// with the date range and, when the job title was read from the line above,
/// that line too) and whether that entry is recent: it ended within
/// [`RECENT_MONTHS`] of the CV's latest date (so the result does not depend on
/// the day the CV is read). An entry runs from its head to the next entry's head
/// or the end of its section. Evidence for "experience of working in an imaging
/// service" is often split between a bullet and its entry's head ("PACS Manager,
/// Radiology").
fn entry_heads(cv: &Cv) -> (Vec<Vec<usize>>, Vec<Option<bool>>) {
    let mut heads: Vec<Vec<usize>> = vec![Vec::new(); cv.lines.len()];
    let mut recent: Vec<Option<bool>> = vec![None; cv.lines.len()];
    let latest = cv
        .experience
        .iter()
        .map(|e| e.end.index())
        .max()
        .unwrap_or(0);
    let mut spans: Vec<(usize, Vec<usize>, bool)> = Vec::new();
    for e in &cv.experience {
        if e.line >= cv.lines.len() || spans.iter().any(|(l, _, _)| *l == e.line) {
            continue;
        }
        let mut head = vec![e.line];
        if let (Some(title), Some(above)) = (&e.title, e.line.checked_sub(1))
            && cv.section_of(above) == e.section
            && cv.lines[above].text.contains(title.as_str())
        {
            head.insert(0, above);
        }
        let is_recent = e.current || e.end.index() + RECENT_MONTHS >= latest;
        spans.push((e.line, head, is_recent));
    }
    spans.sort_by_key(|(l, _, _)| *l);
    for (k, (line, head, is_recent)) in spans.iter().enumerate() {
        let first = head[0];
        let section = cv.section_of(*line);
        let next = spans.get(k + 1).map_or(cv.lines.len(), |(_, h, _)| h[0]);
        for i in first..next.min(cv.lines.len()) {
            if cv.section_of(i) != section {
                break;
            }
            heads[i].clone_from(head);
            recent[i] = Some(*is_recent);
        }
    }
    (heads, recent)
}

/// The CV side, analysed once per CV.
struct CvFeatures<'c> {
    cv: &'c Cv,
    /// Term → CV lines containing it.
    postings: HashMap<String, Vec<usize>>,
    /// Term → occurrences outside personal-data spans.
    tf: HashMap<String, u32>,
    /// Line → the head lines (title, organisation and dates) of the dated job
    /// entry the line belongs to; empty outside job entries.
    heads: Vec<Vec<usize>>,
    /// Line → whether its job entry is recent (see [`entry_heads`]); `None`
    /// outside job entries.
    recent: Vec<Option<bool>>,
    /// Lower-cased skill names implied by more specific skills → evidence line.
    implied: HashMap<String, usize>,
    /// Seniority of the most recent title (see [`seniority_of`]).
    seniority: Option<u8>,
    /// Skill name → first evidence line.
    skills: HashMap<&'static str, usize>,
    /// Occupations from the CV's titles, most recent (first) first.
    occupations: Vec<(&'static str, usize)>,
    /// Title-like text terms: the header and the titles of experience spans.
    title_terms: Vec<HashSet<String>>,
}

impl<'c> CvFeatures<'c> {
    fn new(cv: &'c Cv) -> Self {
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        let mut tf: HashMap<String, u32> = HashMap::new();
        let date_lines: HashSet<usize> = cv.experience.iter().map(|e| e.line).collect();
        for (i, l) in cv.lines.iter().enumerate() {
            let personal = cv.personal_in(i);
            for t in analyzer().tokens(&l.text) {
                // "2019 – Present" says nothing about presenting.
                if date_lines.contains(&i) && matches!(t.term.as_str(), "present" | "current") {
                    continue;
                }
                // Personal data (name, address, contacts) is not what the CV is
                // about: it stays out of the relevance query.
                if !personal.iter().any(|p| t.start < p.end && p.start < t.end) {
                    *tf.entry(t.term.clone()).or_default() += 1;
                }
                let v = postings.entry(t.term).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let skills = cv.skills.iter().map(|s| (s.name, s.line)).collect();
        // A specific skill implies the general one it names: "Microsoft SQL
        // Server" shows SQL, "Azure Machine Learning" shows machine learning.
        let mut implied: HashMap<String, usize> = HashMap::new();
        for s in &cv.skills {
            let words: Vec<String> = s.name.split_whitespace().map(str::to_lowercase).collect();
            for i in 0..words.len() {
                for j in i + 1..=words.len() {
                    if j - i < words.len() {
                        implied.entry(words[i..j].join(" ")).or_insert(s.line);
                    }
                }
            }
        }
        // And a skill implies the broader skills the taxonomy puts it under:
        // PyTorch shows deep learning, AWS shows cloud computing.
        for s in &cv.skills {
            for b in text::skills().broader_of(s.name) {
                implied.entry(b.to_lowercase()).or_insert(s.line);
            }
        }
        let occupations = cv.titles.iter().map(|t| (t.name, t.line)).collect();
        // Each title-like line on its own: the headline lines of the header and
        // the titles of dated roles.
        let mut cv_titles: Vec<HashSet<String>> = Vec::new();
        let headline = cv
            .lines
            .iter()
            .take(4)
            .filter(|l| l.section == SectionKind::Header)
            .map(|l| l.text.as_str());
        let jobs = cv.experience.iter().filter_map(|s| s.title.as_deref());
        for t in headline.chain(jobs) {
            let terms: HashSet<String> = title_terms(t).into_iter().collect();
            if !terms.is_empty() && terms.len() <= 8 {
                cv_titles.push(terms);
            }
        }
        let latest = cv
            .experience
            .iter()
            .filter(|e| e.section == SectionKind::Experience)
            .max_by_key(|e| (e.end, e.start))
            .and_then(|e| e.title.as_deref());
        let seniority = latest.map(|t| seniority_of(t).unwrap_or(2));
        let (heads, recent) = entry_heads(cv);
        CvFeatures {
            cv,
            postings,
            tf,
            heads,
            recent,
            implied,
            seniority,
            skills,
            occupations,
            title_terms: cv_titles,
        }
    }

    /// The evidence line of a skill the CV shows, directly or through a more
    /// specific skill that names it.
    fn skill_line(&self, name: &str) -> Option<usize> {
        self.skills
            .get(name)
            .copied()
            .or_else(|| self.implied.get(&name.to_lowercase()).copied())
    }

    /// The relevance query: the CV's strongest terms with tf-idf weights.
    /// Personal data (name and contact details) is left out.
    fn query(&self, index: &RoleIndex) -> Vec<(String, f32)> {
        let mut scored: Vec<(String, f32)> = self
            .tf
            .iter()
            .filter(|(term, _)| term.len() > 1 && !term.chars().all(|c| c.is_ascii_digit()))
            .map(|(term, &n)| (term.as_str(), n))
            .filter_map(|(term, n)| {
                let df = index.max_doc_freq(term);
                if df == 0 {
                    return None;
                }
                // The idf of the field where the term is most common: a term
                // that every role's description uses is not a strong term even if
                // few titles hold it.
                let idf = index.idf_of_df(df);
                // Mentions beyond a few add nothing: repeating a word is not
                // more evidence of it.
                let n = n.min(TF_CAP);
                let w = (1.0 + (n as f32).ln()) * idf.max(0.01);
                Some((term.to_string(), w))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        scored.truncate(QUERY_TERMS);
        scored
    }
}

/// Seniority from the words of a job title: 1 entry (trainee, junior,
/// graduate, assistant…), 3 senior, 4 lead/principal, 5 head/director/chief;
/// `None` when the title says nothing about it (read as 2, the middle).
fn seniority_of(title: &str) -> Option<u8> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if [
        "head", "director", "chief", "vp", "cio", "cto", "cfo", "ceo",
    ]
    .iter()
    .any(|w| has(w))
    {
        Some(5)
    } else if ["lead", "principal", "staff"].iter().any(|w| has(w)) {
        Some(4)
    } else if has("senior") || has("sr") {
        Some(3)
    } else if [
        "intern",
        "trainee",
        "apprentice",
        "junior",
        "jr",
        "graduate",
        "assistant",
        "student",
        "placement",
    ]
    .iter()
    .any(|w| has(w))
    {
        Some(1)
    } else {
        None
    }
}

/// A role's seniority: from its title, else from its Agenda for Change band.
fn role_seniority(role: &Role) -> Option<u8> {
    if let Some(l) = seniority_of(&role.title) {
        return Some(l);
    }
    let band = role.band.as_deref()?.to_lowercase();
    let band = band.trim_start_matches("band").trim();
    Some(match band {
        b if b.starts_with("8c") || b.starts_with("8d") || b.starts_with('9') => 5,
        b if b.starts_with("8a") || b.starts_with("8b") || b.starts_with('8') => 4,
        b if b.starts_with('7') => 3,
        b if b.starts_with('5') || b.starts_with('6') => 2,
        b if b.starts_with(['1', '2', '3', '4']) => 1,
        _ => return None,
    })
}

fn level_name(level: u8) -> &'static str {
    match level {
        0 | 1 => "entry-level",
        2 => "mid-level",
        3 => "senior",
        4 => "lead",
        _ => "head",
    }
}

/// Scores CVs against the roles of an index.
pub struct Matcher<'i> {
    index: &'i RoleIndex,
    profiles: Vec<RoleProfile>,
    weights: Weights,
    /// Criterion word → idf over the roles (in the field where it is most
    /// common): words most roles use ("systems", "standards") are weak evidence.
    term_idf: HashMap<String, f32>,
}

impl std::fmt::Debug for Matcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("roles", &self.profiles.len())
            .field("weights", &self.weights)
            .finish()
    }
}

impl<'i> Matcher<'i> {
    /// Analyses every role of `index` once (in parallel).
    ///
    /// Role analysis is cached next to the index (`profiles.json` in the live
    /// generation), keyed by the index and taxonomy fingerprints, so a large
    /// index is analysed once, not on every run. The cache is written best
    /// effort: a read-only index just means no cache.
    pub fn new(index: &'i RoleIndex, weights: Weights) -> Matcher<'i> {
        let profiles = match cache::load(index) {
            Some(p) => p,
            None => {
                let p: Vec<RoleProfile> = index.roles().par_iter().map(role_profile).collect();
                cache::store(index, &p);
                p
            }
        };
        let mut term_idf: HashMap<String, f32> = HashMap::new();
        for p in &profiles {
            for r in &p.requirements {
                for t in &r.terms {
                    if !term_idf.contains_key(t) {
                        let idf = index.idf_of_df(index.max_doc_freq(t)).max(0.05);
                        term_idf.insert(t.clone(), idf);
                    }
                }
            }
        }
        Matcher {
            index,
            profiles,
            weights,
            term_idf,
        }
    }

    /// The roles being matched.
    pub fn roles(&self) -> &[Role] {
        self.index.roles()
    }

    /// Scores one CV against every role, best first (score descending, then role
    /// id).
    pub fn score(&self, cv: &Cv) -> Result<Vec<RoleMatch>> {
        let f = CvFeatures::new(cv);
        let query = f.query(self.index);
        let bm25 = self.index.search_terms(&query, &FIELD_BOOSTS)?;
        let ideal: f32 = query
            .iter()
            .map(|(term, w)| {
                let best = FIELD_BOOSTS
                    .iter()
                    .filter(|&&(field, _)| self.index.doc_freq(field, term) > 0)
                    .map(|&(field, boost)| boost * self.index.idf(field, term))
                    .fold(0.0f32, f32::max);
                w * best * (1.0 + BM25_K1)
            })
            .sum();
        let mut out: Vec<RoleMatch> = self
            .roles()
            .iter()
            .enumerate()
            .map(|(i, role)| {
                let rel = if ideal > 0.0 { bm25[i] / ideal } else { 0.0 };
                self.score_role(&f, i, role, rel)
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.role_id.cmp(&b.role_id))
        });
        Ok(out)
    }

    fn score_role(&self, f: &CvFeatures<'_>, i: usize, role: &Role, rel_raw: f32) -> RoleMatch {
        let p = &self.profiles[i];
        let w = self.weights;
        // Saturating, never flat: roles above the "full" level still keep their
        // order (a hard clamp would tie them all at 1).
        let relevance = (1.0 - (-rel_raw.max(0.0) * RELEVANCE_SLOPE).exp()) as f64;

        // Skills.
        let mut matched = Vec::new();
        let mut missing = Vec::new();
        let (mut have, mut total) = (0.0f32, 0.0f32);
        for &(name, weight) in &p.skills {
            total += weight;
            if f.skill_line(name).is_some() {
                have += weight;
                matched.push(name.to_string());
            } else if p
                .alternatives
                .get(name)
                .is_some_and(|alts| alts.iter().any(|a| f.skill_line(a).is_some()))
            {
                // An alternative the CV has stands in for this one.
                have += weight;
            } else {
                missing.push(name.to_string());
            }
        }
        // One unmatched skill of prior weight keeps a role that names a single
        // common skill from scoring full marks on it.
        let skills_score = (total > 0.0).then(|| (have / (total + SKILLS_PRIOR)) as f64);

        // Criteria.
        let criteria: Vec<CriterionResult> = role
            .criteria
            .iter()
            .zip(&p.requirements)
            .map(|(c, r)| {
                evaluate(
                    f,
                    c.text.as_str(),
                    c.priority,
                    c.category,
                    r,
                    &self.term_idf,
                )
            })
            .collect();
        let (mut got, mut max) = (0.0f32, 0.0f32);
        for c in &criteria {
            let weight = match c.priority {
                Priority::Essential => 2.0,
                Priority::Desirable => 1.0,
            };
            got += weight * f32::from(c.score.min(3)) / 3.0;
            max += weight;
        }
        let criteria_score = (max > 0.0).then(|| (got / max) as f64);
        let count = |pr: Priority, met: bool| {
            criteria
                .iter()
                .filter(|c| c.priority == pr && (!met || c.score >= 2))
                .count()
        };

        // Title.
        let (mut title_score, title_match) = title_fit(f, p);
        // Seniority: a CV two or more levels away from the role fits its title
        // less well (a graduate for a head-of post, a director for a trainee).
        let role_level = role_seniority(role);
        let gap = match (f.seniority, role_level) {
            (Some(c), Some(r)) => c.abs_diff(r),
            _ => 0,
        };
        let seniority = (gap >= 2).then(|| {
            format!(
                "CV {} vs role {}",
                level_name(f.seniority.unwrap_or(2)),
                level_name(role_level.unwrap_or(2))
            )
        });
        title_score *= match gap {
            0 | 1 => 1.0,
            2 => 0.85,
            _ => 0.7,
        };

        let mut sum = w.relevance * relevance + w.title * title_score;
        let mut wsum = w.relevance + w.title;
        if let Some(s) = skills_score {
            sum += w.skills * s;
            wsum += w.skills;
        }
        if let Some(c) = criteria_score {
            sum += w.criteria * c;
            wsum += w.criteria;
        }
        let score = if wsum > 0.0 { 100.0 * sum / wsum } else { 0.0 };
        RoleMatch {
            role: i,
            role_id: role.id.clone(),
            title: role.title.clone(),
            score,
            essentials_met: count(Priority::Essential, true),
            essentials_total: count(Priority::Essential, false),
            desirables_met: count(Priority::Desirable, true),
            desirables_total: count(Priority::Desirable, false),
            relevance,
            skills_score,
            criteria_score,
            title_score,
            seniority,
            matched_skills: matched,
            missing_skills: missing,
            title_match,
            criteria,
        }
    }
}

fn title_fit(f: &CvFeatures<'_>, p: &RoleProfile) -> (f64, Option<String>) {
    let mut best = 0.0f64;
    let mut matched = None;
    for (rank, (occ, _line)) in f.occupations.iter().enumerate() {
        if p.occupations.contains(occ) {
            // The most recent titles count most.
            let s = if rank < 2 { 1.0 } else { 0.8 };
            if s > best {
                best = s;
                matched = Some(occ.to_string());
            }
        }
    }
    if !p.title_terms.is_empty() {
        // Dice overlap with the closest CV title: "Analyst" meets "Business
        // Analyst" only half-way, "Business Analyst" meets it fully.
        let role: HashSet<&str> = p.title_terms.iter().map(String::as_str).collect();
        for cv_title in &f.title_terms {
            let shared = role.iter().filter(|t| cv_title.contains(**t)).count();
            let dice = 2.0 * shared as f64 / (role.len() + cv_title.len()) as f64;
            best = best.max(0.9 * dice);
        }
    }
    (best, matched)
}

/// Scores one criterion against the CV.
fn evaluate(
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
        let by_skill = r.skills.iter().copied().find(|s| f.skill_line(s).is_some());
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
        for &s in &r.skills {
            if f.skill_line(s).is_some() {
                found.push(s);
                credits.push(1.0);
                continue;
            }
            let terms = skill_name_terms(s);
            if !(soft(s) || (field(s) && terms.len() == 1)) {
                credits.push(0.0);
                missing.push(s);
                continue;
            }
            let (share, _, line) = free_text_evidence(f, &terms, idf);
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
        let (line_share, all_share, best) = free_text_evidence(f, &r.terms, idf);
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
fn soft(skill: &str) -> bool {
    category_of(skill).is_some_and(|c| matches!(c, "soft" | "general"))
}

/// Is `skill` a clinical field ("Radiology", "Nursing Care")? A one-word field
/// can be shown by related words ("radiographer in NHS imaging"); a one-word
/// standard or tool (DCB0129, PACS, Python) has to be named.
fn field(skill: &str) -> bool {
    category_of(skill) == Some("clinical")
}

/// The taxonomy category of a skill name.
fn category_of(skill: &str) -> Option<&'static str> {
    static CATEGORIES: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    CATEGORIES
        .get_or_init(|| {
            text::skills()
                .entries()
                .iter()
                .map(|e| (e.name.clone(), e.category.clone()))
                .collect()
        })
        .get(skill)
        .map(String::as_str)
}

/// The key words of a skill's name ("Communication Skills" → `communic`).
fn skill_name_terms(name: &str) -> Vec<String> {
    analyzer()
        .terms(name)
        .into_iter()
        .filter(|t| t != "skill" && !GENERIC.contains(&t.as_str()))
        .collect()
}

/// Weight of a related word (see [`text::concepts`]) standing in for a
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
fn free_text_evidence(
    f: &CvFeatures<'_>,
    terms: &[String],
    idf: &HashMap<String, f32>,
) -> (f32, f32, Option<usize>) {
    let cv = f.cv;
    let concepts = text::concepts();
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

/// The on-disk cache of role profiles.
mod cache {
    use std::collections::HashMap;
    use std::sync::OnceLock;

    use serde::{Deserialize, Serialize};

    use super::{REGISTRATIONS, Requirement, RoleProfile};
    use crate::cv::DegreeLevel;
    use crate::index::RoleIndex;

    /// Bumped whenever profile computation changes meaning.
    const VERSION: u32 = 3;
    const FILE: &str = "profiles.json";

    #[derive(Serialize, Deserialize)]
    struct StoredRequirement {
        skills: Vec<String>,
        any_skill: bool,
        degree: Option<DegreeLevel>,
        #[serde(default)]
        class: Option<u8>,
        or_equivalent: bool,
        years: Option<f32>,
        registrations: Vec<String>,
        terms: Vec<String>,
    }

    #[derive(Serialize, Deserialize)]
    struct StoredProfile {
        skills: Vec<(String, f32)>,
        alternatives: Vec<(String, Vec<String>)>,
        occupations: Vec<String>,
        title_terms: Vec<String>,
        requirements: Vec<StoredRequirement>,
    }

    #[derive(Serialize, Deserialize)]
    struct Cache {
        version: u32,
        key: String,
        profiles: Vec<StoredProfile>,
    }

    fn key(index: &RoleIndex) -> String {
        let m = index.manifest();
        format!(
            "{}:{}:{}:{:016x}",
            m.fingerprint,
            m.built_at,
            index.roles().len(),
            crate::text::taxonomy_fingerprint()
        )
    }

    /// Taxonomy and registration names, so stored names map back to the
    /// `'static` names the matcher compares.
    fn intern(name: &str) -> Option<&'static str> {
        static NAMES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        NAMES
            .get_or_init(|| {
                let mut m = HashMap::new();
                for t in [crate::text::skills(), crate::text::titles()] {
                    for e in t.entries() {
                        m.insert(e.name.as_str(), e.name.as_str());
                    }
                }
                for (r, _) in REGISTRATIONS {
                    m.insert(*r, *r);
                }
                m
            })
            .get(name)
            .copied()
    }

    fn names(v: &[String]) -> Option<Vec<&'static str>> {
        v.iter().map(|n| intern(n)).collect()
    }

    pub(super) fn load(index: &RoleIndex) -> Option<Vec<RoleProfile>> {
        let bytes = std::fs::read(index.cache_path(FILE)).ok()?;
        let c: Cache = serde_json::from_slice(&bytes).ok()?;
        if c.version != VERSION || c.key != key(index) || c.profiles.len() != index.roles().len() {
            return None;
        }
        c.profiles
            .into_iter()
            .map(|p| {
                Some(RoleProfile {
                    skills: p
                        .skills
                        .iter()
                        .map(|(n, w)| intern(n).map(|n| (n, *w)))
                        .collect::<Option<_>>()?,
                    alternatives: p
                        .alternatives
                        .iter()
                        .map(|(n, alts)| Some((intern(n)?, names(alts)?)))
                        .collect::<Option<_>>()?,
                    occupations: names(&p.occupations)?,
                    title_terms: p.title_terms,
                    requirements: p
                        .requirements
                        .into_iter()
                        .map(|r| {
                            Some(Requirement {
                                skills: names(&r.skills)?,
                                any_skill: r.any_skill,
                                degree: r.degree,
                                class: r.class,
                                or_equivalent: r.or_equivalent,
                                years: r.years,
                                registrations: names(&r.registrations)?,
                                terms: r.terms,
                            })
                        })
                        .collect::<Option<_>>()?,
                })
            })
            .collect()
    }

    pub(super) fn store(index: &RoleIndex, profiles: &[RoleProfile]) {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let c = Cache {
            version: VERSION,
            key: key(index),
            profiles: profiles
                .iter()
                .map(|p| {
                    let mut alternatives: Vec<(String, Vec<String>)> = p
                        .alternatives
                        .iter()
                        .map(|(n, a)| (n.to_string(), own(a)))
                        .collect();
                    alternatives.sort();
                    StoredProfile {
                        skills: p.skills.iter().map(|(n, w)| (n.to_string(), *w)).collect(),
                        alternatives,
                        occupations: own(&p.occupations),
                        title_terms: p.title_terms.clone(),
                        requirements: p
                            .requirements
                            .iter()
                            .map(|r| StoredRequirement {
                                skills: own(&r.skills),
                                any_skill: r.any_skill,
                                degree: r.degree,
                                class: r.class,
                                or_equivalent: r.or_equivalent,
                                years: r.years,
                                registrations: own(&r.registrations),
                                terms: r.terms.clone(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        };
        let Ok(json) = serde_json::to_vec(&c) else {
            return;
        };
        let path = index.cache_path(FILE);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_are_parsed_from_criteria() {
        let r = parse_requirement("At least 3 years' experience with Python or R in the NHS");
        assert_eq!(r.years, Some(3.0));
        assert!(r.skills.contains(&"Python"), "{:?}", r.skills);
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
    fn role_profiles_round_trip_through_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let roles = crate::roles::embedded().unwrap();
        crate::index::build(&roles, &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx = RoleIndex::open(dir.path()).unwrap();
        assert!(
            cache::load(&idx).is_none(),
            "no cache before the first matcher"
        );
        let first = Matcher::new(&idx, Weights::default());
        let cached = cache::load(&idx).expect("cache written");
        assert_eq!(cached, first.profiles);
        // A rebuilt index (new generation) does not reuse the old cache.
        crate::index::build(&roles[1..], &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx2 = RoleIndex::open(dir.path()).unwrap();
        assert!(cache::load(&idx2).is_none());
    }

    #[test]
    fn seniority_from_titles_and_bands() {
        assert_eq!(seniority_of("Senior Data Scientist"), Some(3));
        assert_eq!(seniority_of("Head of Data Science"), Some(5));
        assert_eq!(seniority_of("Graduate Analyst"), Some(1));
        assert_eq!(seniority_of("Data Scientist"), None);
        let mut r = Role {
            title: "Data Scientist".into(),
            band: Some("Band 8a".into()),
            ..Role::default()
        };
        assert_eq!(role_seniority(&r), Some(4));
        r.title = "Trainee Data Scientist".into();
        assert_eq!(role_seniority(&r), Some(1));
        r.band = None;
        r.title = "Analyst".into();
        assert_eq!(role_seniority(&r), None);
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

    #[test]
    fn title_terms_drop_seniority() {
        assert_eq!(title_terms("Senior Data Scientist"), ["data", "scientist"]);
    }
}
