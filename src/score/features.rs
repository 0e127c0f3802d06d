//! Features: the CV side (terms, skills, titles, job entries) analysed once per
//! CV, the role side (skills, occupations, title words, requirements) analysed
//! once per role, and the skills and title components computed from the two.

use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::criteria::{Requirement, parse_requirement};
use crate::cv::{Cv, SectionKind};
use crate::knowledge::Knowledge;
use crate::roles::{Priority, Role};
use crate::text::analyzer;
use crate::text::occupations::TitleWords;

/// Skill weight added to every role's total: a prior against roles that name only
/// one or two skills.
pub(super) const SKILLS_PRIOR: f32 = 1.0;

/// Job-title words that say how senior, not what.
const SENIORITY: &[&str] = &[
    "senior", "junior", "lead", "princip", "head", "chief", "associ", "assist", "trainee",
    "graduat", "intern", "staff", "deputi", "band", "level", "i", "ii", "iii",
];

/// What a role asks for, analysed once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct RoleProfile {
    /// Skill name → weight.
    pub(super) skills: Vec<(String, f32)>,
    /// Skills asked for only as alternatives ("GMC, NMC or HCPC"): any one of the
    /// group satisfies each of them.
    pub(super) alternatives: HashMap<String, Vec<String>>,
    /// The domain's own occupations (`titles.toml`) the role's title names.
    pub(super) occupations: Vec<String>,
    pub(super) title_terms: Vec<String>,
    /// The role's title read through the thesaurus, when it names an
    /// occupation confidently.
    #[serde(default)]
    pub(super) occupation: Option<Occupation>,
    /// The role's field ([`RoleProfile::field`]), worked out when a criterion
    /// first needs it: derived from the title terms and skills, so not kept in
    /// the cache (it was a fifth of it, read on every start).
    #[serde(skip)]
    field: super::criteria::Memo<Vec<String>>,
    /// The title's words with their rarity weights, for the word overlap of
    /// the title component.
    #[serde(default)]
    pub(super) title_words: TitleWords,
    /// The role's seniority ([`role_seniority`]).
    #[serde(default)]
    pub(super) seniority: Option<u8>,
    pub(super) requirements: Vec<Requirement>,
}

impl RoleProfile {
    /// The role's field: the analysed words of its title and skills, the
    /// subject of "a degree in a relevant subject".
    pub(super) fn field(&self) -> &[String] {
        self.field.0.get_or_init(|| {
            let mut field: Vec<String> = self.title_terms.clone();
            for (name, _) in &self.skills {
                for t in analyzer().terms(name) {
                    if !field.contains(&t) {
                        field.push(t);
                    }
                }
            }
            field
        })
    }
}

/// An occupation of the thesaurus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupation {
    /// O\*NET-SOC code (`13-2011.00`) or `esco:<8 hex>`.
    pub code: String,
    /// Its name ("Accountants and Auditors").
    pub name: String,
}

/// Analyses a role once: its skills with weights, occupations, title words and
/// the requirements of its criteria.
pub(super) fn role_profile(k: &Knowledge, role: &Role) -> RoleProfile {
    let mut weights: HashMap<String, f32> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut add = |name: &str, w: f32| {
        let e = weights.entry(name.to_string()).or_insert_with(|| {
            order.push(name.to_string());
            0.0
        });
        if w > *e {
            *e = w;
        }
    };
    let mut solo: HashSet<String> = HashSet::new();
    let mut alternatives: HashMap<String, Vec<String>> = HashMap::new();
    for s in &role.skills {
        for h in k.skills.find_in_list(s) {
            add(h.name, 1.0);
            solo.insert(h.name.to_string());
        }
    }
    let requirements: Vec<Requirement> = role
        .criteria
        .iter()
        .map(|c| parse_requirement(k, &c.text))
        .collect();
    for (c, r) in role.criteria.iter().zip(&requirements) {
        let w = match c.priority {
            Priority::Essential => 1.0,
            Priority::Desirable => 0.5,
        };
        // Alternatives share their group's weight ("GMC, NMC or HCPC").
        let groups: Vec<Vec<usize>> = if r.groups.is_empty() {
            (0..r.skills.len()).map(|i| vec![i]).collect()
        } else {
            r.groups.clone()
        };
        for g in &groups {
            let names: Vec<String> = g.iter().filter_map(|&i| r.skills.get(i).cloned()).collect();
            if names.len() > 1 {
                let share = w / names.len() as f32;
                for s in &names {
                    add(s, share);
                    alternatives
                        .entry(s.clone())
                        .or_insert_with(|| names.clone());
                }
            } else {
                for s in &names {
                    add(s, w);
                    solo.insert(s.clone());
                }
            }
        }
    }
    for h in k.skills.find(&role.title) {
        add(h.name, 1.0);
    }
    for h in k.skills.find(&role.body_text()) {
        add(h.name, 0.3);
    }
    let mut skills: Vec<(String, f32)> = order.iter().map(|n| (n.clone(), weights[n])).collect();
    skills.sort_by(|a, b| b.1.total_cmp(&a.1));
    let occupations = k
        .titles
        .find(&role.title)
        .iter()
        .map(|h| h.name.to_string())
        .collect();
    let title_terms = title_terms(&role.title);
    alternatives.retain(|name, _| !solo.contains(name));
    let occupation = k
        .occupations
        .classify(&role.title)
        .filter(|m| m.score >= crate::text::occupations::CONFIDENT)
        .map(|m| Occupation {
            code: m.code.to_string(),
            name: m.name.to_string(),
        });
    RoleProfile {
        skills,
        alternatives,
        occupations,
        title_terms,
        occupation,
        field: Default::default(),
        title_words: k.title_words(&role.title),
        seniority: role_seniority(role),
        requirements,
    }
}

pub(super) fn title_terms(title: &str) -> Vec<String> {
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
pub(super) fn entry_heads(cv: &Cv) -> (Vec<Vec<usize>>, Vec<Option<bool>>) {
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

/// Whether a line is a reference to a paper in the usual form: an author
/// list ("Raghunathan P, Coombes L, Hart D." or "Smith J et al."), then a
/// year with a volume or pages ("2020;6:44–51", "2019, 12(3)") or a DOI.
pub(super) fn is_citation(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Two authors at least: "Surname I," then another "Surname I".
    let words: Vec<&str> = t.split_whitespace().take(8).collect();
    let author = |w: &[&str]| {
        w.len() == 2
            && w[0].chars().next().is_some_and(char::is_uppercase)
            && w[0]
                .chars()
                .skip(1)
                .all(|c| c.is_lowercase() || c == '-' || c == '\'')
            && w[0].chars().count() >= 2
            && {
                let initials = w[1].trim_end_matches([',', '.', ';']);
                (1..=3).contains(&initials.chars().count())
                    && initials.chars().all(|c| c.is_uppercase())
            }
    };
    let authors =
        words.len() >= 4 && author(&words[0..2]) && (author(&words[2..4]) || t.contains(" et al"));
    if !authors {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("doi") {
        return true;
    }
    // A year followed by ";" or "," and a volume, or by volume:pages.
    let b = t.as_bytes();
    (0..b.len().saturating_sub(5)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (b[i] == b'1' || b[i] == b'2')
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && matches!(b[i + 4], b';' | b',' | b':')
            && t[i + 5..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The CV's job titles with their lines: titles recognised as occupations, the
/// titles of dated roles, and the short headline lines at the top.
fn title_texts(cv: &Cv) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    for t in &cv.titles {
        out.push((t.line, cv.lines[t.line].text.as_str()));
    }
    for e in &cv.experience {
        if let Some(title) = e.title.as_deref() {
            let line = (e.line.saturating_sub(3)..=e.line)
                .rev()
                .find(|&i| cv.lines.get(i).is_some_and(|l| l.text.contains(title)))
                .unwrap_or(e.line);
            out.push((line, title));
        }
    }
    for l in cv.lines.iter().take(4) {
        if l.section == SectionKind::Header
            && l.text.split_whitespace().count() <= 8
            && cv.personal_in(l.index).is_empty()
        {
            out.push((l.index, l.text.as_str()));
        }
    }
    out
}

/// The CV side, analysed once per CV.
pub(super) struct CvFeatures<'c> {
    pub(super) cv: &'c Cv,
    /// Term → CV lines containing it.
    pub(super) postings: FxHashMap<String, Vec<usize>>,
    /// Term → occurrences outside personal-data spans.
    pub(super) tf: FxHashMap<String, u32>,
    /// Line → the head lines (title, organisation and dates) of the dated job
    /// entry the line belongs to; empty outside job entries.
    pub(super) heads: Vec<Vec<usize>>,
    /// Line → whether its job entry is recent (see [`entry_heads`]); `None`
    /// outside job entries.
    pub(super) recent: Vec<Option<bool>>,
    /// Lower-cased skill names implied by more specific skills → evidence line.
    implied: FxHashMap<String, usize>,
    /// Seniority of the most recent title (see [`seniority_of`]).
    pub(super) seniority: Option<u8>,
    /// Skill name → first evidence line.
    skills: FxHashMap<&'c str, usize>,
    /// Occupations from the CV's titles, most recent (first) first.
    occupations: Vec<(&'c str, usize)>,
    /// The CV's job titles, each with how much it counts (the headline and the
    /// latest role most) and its occupation code when it names one.
    titles: Vec<TitleCandidate<'c>>,
    /// Skill name → first line of a qualification or training that names it.
    qualification_skills: FxHashMap<String, usize>,
}

/// Whether a line states a qualification or training: in the education,
/// certifications or registration sections, or where a certification or a
/// degree was found.
pub(super) fn qualification_line(cv: &Cv, l: usize) -> bool {
    matches!(
        cv.section_of(l),
        SectionKind::Education | SectionKind::Certifications | SectionKind::Registration
    ) || cv.certifications.iter().any(|c| c.line == l)
        || cv.degrees.iter().any(|d| d.line == l)
}

/// One of the CV's job titles, for the title component.
#[derive(Debug, Clone)]
struct TitleCandidate<'c> {
    text: &'c str,
    words: TitleWords,
    code: Option<&'c str>,
    /// Recency weight, 0..=1.
    weight: f64,
}

/// How much a CV title counts by its place: the headline and the latest role
/// fully, then older roles less.
const TITLE_RECENCY: [f64; 4] = [1.0, 1.0, 0.85, 0.7];
/// What any title beyond [`TITLE_RECENCY`] counts.
const TITLE_OLDEST: f64 = 0.6;

impl<'c> CvFeatures<'c> {
    /// Whether `line` sits in a dated job entry (its head or the lines under
    /// it) outside any section of a known kind: a CV with no experience
    /// heading still describes its jobs ([`entry_heads`]), where a dated line
    /// under "Education" or "Skills" keeps that section's meaning.
    pub(super) fn in_dated_job(&self, line: usize) -> bool {
        matches!(
            self.cv.section_of(line),
            SectionKind::Header | SectionKind::Other
        ) && self.heads.get(line).is_some_and(|h| !h.is_empty())
    }

    pub(super) fn new(cv: &'c Cv, k: &Knowledge) -> Self {
        let mut postings: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut tf: FxHashMap<String, u32> = FxHashMap::default();
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
        let skills = cv
            .skills
            .iter()
            .map(|s| (s.name.as_str(), s.line))
            .collect();
        // A specific skill implies the general one it names: "Microsoft SQL
        // Server" shows SQL, "Azure Machine Learning" shows machine learning.
        let mut implied: FxHashMap<String, usize> = FxHashMap::default();
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
        // A job title shows its work: "Senior Data Scientist" shows data
        // science, "Software Engineer" software engineering, "Statistician"
        // statistics (its occupation nouns read as their activities); and some
        // occupations show skills their words do not say ("Product Owner":
        // product management).
        let mut shown: Vec<(String, usize)> = Vec::new();
        for (line, text) in title_texts(cv) {
            let lattice = analyzer().activity_terms(text);
            for name in k.skills.find_term_lattice(&lattice) {
                shown.push((name.to_string(), line));
            }
        }
        for t in &cv.titles {
            for name in k.titles.implied_by(&t.name) {
                shown.push((name.clone(), t.line));
            }
        }
        // A list of publications shows scientific writing, and so does one
        // reference to the candidate's own paper wherever it is cited.
        if let Some(first) = cv
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Publications && s.last_line > s.first_line)
            .map(|s| s.first_line + 1)
            .next()
            .or_else(|| cv.lines.iter().position(|l| is_citation(&l.text)))
        {
            shown.push(("Scientific Writing".to_string(), first));
        }
        for (name, line) in shown {
            implied.entry(name.to_lowercase()).or_insert(line);
            for b in k.skills.broader_of(&name) {
                implied.entry(b.to_lowercase()).or_insert(line);
            }
        }
        // And a skill implies the broader skills the taxonomy puts it under:
        // PyTorch shows deep learning, AWS shows cloud computing.
        for s in &cv.skills {
            for b in k.skills.broader_of(&s.name) {
                implied.entry(b.to_lowercase()).or_insert(s.line);
            }
        }
        let occupations = cv
            .titles
            .iter()
            .map(|t| (t.name.as_str(), t.line))
            .collect();
        // The job titles: those read as occupations (headline first, then
        // roles by recency), then the short header lines and the titles of
        // dated roles that the thesaurus does not know, for word overlap.
        let mut titles: Vec<TitleCandidate<'c>> = Vec::new();
        let push = |text: &'c str, code: Option<&'c str>, titles: &mut Vec<TitleCandidate<'c>>| {
            if text.split_whitespace().count() > 12 || titles.iter().any(|t| t.text == text) {
                return;
            }
            let weight = TITLE_RECENCY
                .get(titles.len())
                .copied()
                .unwrap_or(TITLE_OLDEST);
            titles.push(TitleCandidate {
                text,
                words: k.title_words(text),
                code,
                weight,
            });
        };
        for o in &cv.occupations {
            push(o.title.as_str(), Some(o.code.as_str()), &mut titles);
        }
        // Short header lines shaped like a title: no personal data, no
        // digits, links or separators of contact lines, and not a list ("Database
        // MsSQL, MySQL, Oracle": two commas, or a comma and two skills).
        for l in cv.lines.iter().take(4) {
            let t = l.text.as_str();
            let commas = t.matches(',').count();
            let list = commas >= 2
                || (commas == 1 && cv.skills.iter().filter(|s| s.line == l.index).count() >= 2);
            if l.section == SectionKind::Header
                && !list
                && cv.personal_in(l.index).is_empty()
                && t.split_whitespace().count() <= 8
                && !t.contains(|c: char| c.is_ascii_digit() || matches!(c, '@' | '|' | '/' | ':'))
                && !t.contains(".com")
                && !t.contains("www")
            {
                push(t, None, &mut titles);
            }
        }
        let mut spans: Vec<&crate::cv::ExperienceSpan> = cv.experience.iter().collect();
        spans.sort_by(|a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)));
        for e in spans {
            if let Some(t) = e.title.as_deref() {
                push(t, None, &mut titles);
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
        // Skills named on the lines of qualifications and training, each with
        // its first such line: a course there shows a qualification in it even
        // when the skill was first named in a job.
        let mut qualification_skills: FxHashMap<String, usize> = FxHashMap::default();
        for l in (0..cv.lines.len()).filter(|&l| qualification_line(cv, l)) {
            for h in k.skills.find(&cv.lines[l].text) {
                qualification_skills.entry(h.name.to_string()).or_insert(l);
            }
        }
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
            titles,
            qualification_skills,
        }
    }

    /// The first line of qualifications or training that names this skill.
    pub(super) fn qualification_skill_line(&self, name: &str) -> Option<usize> {
        self.qualification_skills.get(name).copied()
    }

    /// The evidence line of a skill the CV shows, directly or through a more
    /// specific skill that names it.
    pub(super) fn skill_line(&self, name: &str) -> Option<usize> {
        self.skills
            .get(name)
            .copied()
            .or_else(|| self.implied.get(&name.to_lowercase()).copied())
    }
}

/// Seniority from the words of a job title: 1 entry (trainee, junior,
/// graduate, assistant…), 3 senior, 4 lead/principal, 5 head/director/chief;
/// `None` when the title says nothing about it (read as 2, the middle).
pub(super) fn seniority_of(title: &str) -> Option<u8> {
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
pub(super) fn role_seniority(role: &Role) -> Option<u8> {
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

/// How well the CV's job titles fit the role's: for each CV title, the
/// closer of two readings, times the title's recency weight; the best counts.
///
/// - **Occupation**: both titles read as occupations of the thesaurus; same code
///   1, then partial credit along the O\*NET-SOC hierarchy
///   ([`Occupations::code_similarity`](crate::text::occupations::Occupations::code_similarity)).
/// - **Words**: their words' overlap, each word weighted by its rarity across
///   job titles
///   ([`Occupations::title_overlap`](crate::text::occupations::Occupations::title_overlap)):
///   "Staff Accountant" meets "Accountant", "Sales Manager" hardly meets
///   "Operations Manager".
///
/// The domain's own occupations (`titles.toml`) named by both count fully too.
fn title_fit(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    p: &RoleProfile,
    words_share: f64,
) -> (f64, Option<String>) {
    let mut best = 0.0f64;
    let mut matched = None;
    // The closest the CV's titles come to the role's by their words alone.
    let words = if words_share > 0.0 {
        f.titles
            .iter()
            .map(|t| f64::from(t.words.overlap(&p.title_words)))
            .fold(0.0, f64::max)
    } else {
        0.0
    };
    for (rank, (occ, _line)) in f.occupations.iter().enumerate() {
        if p.occupations.iter().any(|o| o == occ) {
            let r = TITLE_RECENCY.get(rank).copied().unwrap_or(TITLE_OLDEST);
            let s = r - words_share * (r - words.min(r));
            if s > best {
                best = s;
                matched = Some(occ.to_string());
            }
        }
    }
    for t in &f.titles {
        let by_code = match (t.code, &p.occupation) {
            (Some(c), Some(o)) => f64::from(k.occupations.code_similarity(c, &o.code)),
            _ => 0.0,
        };
        let by_words = f64::from(t.words.overlap(&p.title_words));
        let closer = by_code.max(by_words);
        let s = t.weight * (closer - words_share * (closer - by_words));
        if s > best + 1e-9 {
            best = s;
            matched = Some(match &p.occupation {
                Some(o) if by_code >= 1.0 => format!("{} ({})", o.name, o.code),
                _ => t.text.to_string(),
            });
        }
    }
    (best, matched)
}

/// The skills component of one role.
pub(super) struct SkillsFit {
    /// Share of the role's skill weight the CV shows (`None`: the role names no
    /// skills).
    pub(super) score: Option<f64>,
    /// Role skills the CV shows, most important first.
    pub(super) matched: Vec<String>,
    /// Role skills the CV does not show, most important first.
    pub(super) missing: Vec<String>,
}

/// The share of the role's skills the CV shows, with the lists of skills found
/// and missing.
pub(super) fn skills_fit(
    f: &CvFeatures<'_>,
    p: &RoleProfile,
    rarity: &HashMap<String, f32>,
) -> SkillsFit {
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    let score = skills_walk(f, p, rarity, |name, found| {
        if found == Some(true) {
            matched.push(name.to_string());
        } else if found.is_none() {
            missing.push(name.to_string());
        }
    });
    SkillsFit {
        score,
        matched,
        missing,
    }
}

/// The share of the role's skills the CV shows, alone (no lists: cheap enough
/// for every role of a large index).
pub(super) fn skills_score(
    f: &CvFeatures<'_>,
    p: &RoleProfile,
    rarity: &HashMap<String, f32>,
) -> Option<f64> {
    skills_walk(f, p, rarity, |_, _| {})
}

/// Walks the role's skills: `seen(name, Some(true))` for a skill the CV shows,
/// `Some(false)` for one an alternative stands in for, `None` for a missing one.
fn skills_walk(
    f: &CvFeatures<'_>,
    p: &RoleProfile,
    rarity: &HashMap<String, f32>,
    mut seen: impl FnMut(&str, Option<bool>),
) -> Option<f64> {
    let (mut have, mut total) = (0.0f32, 0.0f32);
    for (name, weight) in &p.skills {
        let weight = weight * rarity.get(name).copied().unwrap_or(1.0);
        total += weight;
        if f.skill_line(name).is_some() {
            have += weight;
            seen(name, Some(true));
        } else if p
            .alternatives
            .get(name)
            .is_some_and(|alts| alts.iter().any(|a| f.skill_line(a).is_some()))
        {
            // An alternative the CV has stands in for this one.
            have += weight;
            seen(name, Some(false));
        } else {
            seen(name, None);
        }
    }
    // One unmatched skill of prior weight keeps a role that names a single
    // common skill from scoring full marks on it.
    (total > 0.0).then(|| f64::from(have / (total + SKILLS_PRIOR)))
}

/// The title component of one role.
#[derive(Debug, Clone, Default)]
pub(super) struct TitleFit {
    pub(super) score: f64,
    /// The occupation both titles share, when they do.
    pub(super) matched: Option<String>,
    /// Set when the CV's seniority is two or more levels from the role's.
    pub(super) seniority: Option<String>,
}

/// Title fit, lowered when the CV is two or more seniority levels from the role
/// (a graduate for a head-of post, a director for a trainee).
pub(super) fn title_component(
    k: &Knowledge,
    f: &CvFeatures<'_>,
    p: &RoleProfile,
    words_share: f64,
) -> TitleFit {
    let (mut score, matched) = title_fit(k, f, p, words_share);
    let role_level = p.seniority;
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
    score *= match gap {
        0 | 1 => 1.0,
        2 => 0.85,
        _ => 0.7,
    };
    TitleFit {
        score,
        matched,
        seniority,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn citations_of_papers() {
        assert!(is_citation(
            "  Raghunathan P, Coombes L, Hart D. Paediatric early warning scores. Archives of Child Health Practice 2020;6:44–51."
        ));
        assert!(is_citation(
            "Okafor A, Smith J. A model. J Clin Inf. 2021, 12(3):101-9"
        ));
        assert!(is_citation("Smith J et al. Title. doi:10.1000/xyz"));
        assert!(!is_citation(
            "Python P, SQL S and more since 2019, 3 projects"
        ));
        assert!(!is_citation("Band 7 Lead, Calder NHS Trust, 2019; 3 staff"));
        assert!(!is_citation("Presented at the RCPCH Conference 2019"));
    }

    #[test]
    fn title_terms_drop_seniority() {
        assert_eq!(title_terms("Senior Data Scientist"), ["data", "scientist"]);
    }
}
