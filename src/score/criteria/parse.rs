//! What a criterion asks for, parsed once per role.
//!
//! A person-specification criterion is more than its words. Parsing separates:
//!
//! - **asides**, the parts that are not required as they stand
//!   ([`ASIDES`]): optional parts ("ideally in primary care", "preferably AWS",
//!   "MSc desirable"), examples of a general requirement ("such as MLflow, Kubeflow
//!   or SageMaker"), and the routes that stand in for it ("or equivalent
//!   experience", "or working towards", "or near completion", "or a closely
//!   related discipline"). Their words are not required; their skills are
//!   alternatives (examples) or a bonus (optional);
//! - **alternatives**: skills joined by "or" need one of them; degree levels
//!   joined by "or" ("MSc or PhD") need the lowest, joined by "and" or "plus"
//!   the highest;
//! - **registrations** through the shared register table: registers named
//!   ("HCPC", "Social Work England", "CCAB"), and regulated professions asked for as
//!   registered or qualified ("Registered Nurse", "qualified pharmacist");
//! - **qualification levels**: degrees and UK levels (GCSE, A level, "Level 7");
//! - the **key words** left: what the criterion is about.

use serde::{Deserialize, Serialize};

use crate::cv::DegreeLevel;
use crate::knowledge::Knowledge;
use crate::text::analyzer;

/// A value worked out on first use and kept with what it was worked out from
/// (not serialised, never part of equality).
#[derive(Debug, Clone, Default)]
pub(crate) struct Memo<T>(pub(crate) std::sync::OnceLock<T>);

impl<T> PartialEq for Memo<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What a criterion asks for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Requirement {
    /// The criterion read as personal qualities (`soft_criterion`), when it is
    /// soft: it depends on the criterion and the knowledge alone.
    #[serde(skip)]
    pub(crate) soft_reading: Memo<Option<crate::text::qualities::SoftReading>>,
    /// The analysed words of each skill and example it names (`name_terms`),
    /// worked out once per criterion rather than once per CV.
    #[serde(skip)]
    pub(crate) skill_terms: Memo<rustc_hash::FxHashMap<String, Vec<String>>>,
    /// Skills the criterion requires (all of them, or one when `any_skill`).
    pub(crate) skills: Vec<String>,
    pub(crate) any_skill: bool,
    /// Skills given as examples of what is required ("such as MLflow or
    /// Kubeflow"): any one of them shows it.
    #[serde(default)]
    pub(crate) examples: Vec<String>,
    /// Examples that name no skill, each as written and as its analysed words:
    /// "bench scientists such as chemists and biologists", "clinical workflows
    /// (e.g. admission, orders and results, discharge)", "(Clinical or
    /// Counselling)". Where the criterion requires no skill, a CV line with
    /// every word of one of them shows the example.
    #[serde(default)]
    pub(crate) example_words: Vec<(String, Vec<String>)>,
    /// Skills the criterion would like but does not require ("ideally AWS").
    #[serde(default)]
    pub(crate) optional: Vec<String>,
    /// The lowest qualification level accepted.
    pub(crate) degree: Option<DegreeLevel>,
    /// Lowest acceptable degree class: 4 First, 3 2:1, 2 2:2, 1 Third.
    pub(crate) class: Option<u8>,
    /// "or equivalent (experience)": experience may stand in for the
    /// qualification.
    pub(crate) or_equivalent: bool,
    /// "or working towards", "or near completion": a qualification in progress
    /// counts.
    #[serde(default)]
    pub(crate) in_progress: bool,
    /// "or a (closely) related subject": a related subject counts.
    #[serde(default)]
    pub(crate) related: bool,
    pub(crate) years: Option<f32>,
    /// Registers that satisfy the criterion (any one), by code.
    pub(crate) registrations: Vec<String>,
    /// "Current professional registration" without naming a register: any
    /// regulator's or accredited register's registration.
    #[serde(default)]
    pub(crate) any_registration: bool,
    /// A qualification with no level ("teaching qualification", "qualified in
    /// phlebotomy", "certificate in first aid"): its subject must stand on a
    /// line of the education or certifications sections, not only in work
    /// done.
    #[serde(default)]
    pub(crate) credential: bool,
    /// Groups of required skills that are alternatives to one another (indexes
    /// into `skills`): "Python or R" is one group; each group needs one of its
    /// skills, every group is needed.
    #[serde(default)]
    pub(crate) groups: Vec<Vec<usize>>,
    /// The subject a qualification must be in ("degree in computer science or
    /// statistics"): analysed words, any one of which on the degree's line
    /// shows it; empty when the criterion names none.
    #[serde(default)]
    pub(crate) subject: Vec<String>,
    /// The skills the subject names ("machine learning, computer vision"), by
    /// canonical name: a degree in a skill broader or narrower than one of them
    /// is in a related subject ("MSc Artificial Intelligence" for machine
    /// learning).
    #[serde(default)]
    pub(crate) subject_skills: Vec<String>,
    /// The same words by alternative ("computer science, statistics or IT":
    /// [comput scienc], [statist], [inform technolog]): a degree is in the
    /// subject when every word of one alternative shows. Subject abbreviations
    /// are expanded ([`crate::cv::subject_abbreviations`]).
    #[serde(default)]
    pub(crate) subject_groups: Vec<Vec<String>>,
    /// The subject is only described as relevant to the role ("a degree in a
    /// relevant subject", "HND in a relevant technical subject"): the role's own
    /// field is the subject.
    #[serde(default)]
    pub(crate) relevant_subject: bool,
    /// Key words the criterion requires.
    pub(crate) terms: Vec<String>,
}

/// Words saying a subject must fit the role: "relevant", "appropriate",
/// "suitable", "related" (stemmed).
const RELEVANT: &[&str] = &["relev", "appropri", "suitabl", "relat", "applic"];

/// Words that describe a kind of subject rather than name one ("a numerate
/// subject", "a relevant discipline"): no constraint on the degree's subject.
const SUBJECT_KINDS: &[&str] = &[
    "numer",
    "quantit",
    "scientif",
    "scienc",
    "technic",
    "stem",
    "relev",
    "appropri",
    "subject",
    "disciplin",
    "field",
    "area",
    "relat",
    "similar",
    "recognis",
    "recogn",
    "uk",
    "accredit",
    "equival",
    "degre",
    "level",
    "qualif",
    "first",
    "honour",
    "hon",
    "good",
    "class",
    "second",
    "upper",
    "lower",
    "minimum",
    "least",
    "studi",
    "undergradu",
    "postgradu",
    "graduat",
    "master",
    "msc",
    "bsc",
    "ba",
    "ma",
    "phd",
    "doctor",
    "higher",
    "educ",
    "gcse",
    // Qualifications with no level of their own: GCE O and A levels, BTECs at
    // every level.
    "gce",
    "btec",
    "hnd",
    "hnc",
    "nvq",
    "diploma",
    "certif",
    "profession",
    "occup",
    "award",
    "standard",
];

/// The byte span of the subject a qualification must be in: after "in" or "of"
/// following the first qualification word ("MSc in data science, statistics or
/// a related subject"), or the words right after it ("BSc Radiography"), to the
/// end of the clause.
fn subject_span(lower: &str, required: &str) -> Option<(usize, usize)> {
    let (q, _) = crate::cv::degrees::asked(required).into_iter().next()?;
    let word_end = q + lower[q..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .unwrap_or(lower.len() - q);
    let rest = &lower[word_end..];
    let mut end = rest.len();
    for stop in [
        ";",
        ".",
        "\n",
        " plus ",
        " with ",
        " and experience",
        " and at least",
        " and a ",
        " and evidence",
        " and knowledge",
    ] {
        if let Some(p) = rest.find(stop) {
            end = end.min(p);
        }
    }
    let clause = &rest[..end];
    let (from, mut to) = match [" in ", " of "]
        .iter()
        .filter_map(|w| clause.find(w).map(|p| p + w.len()))
        .min()
    {
        // "degree-level qualification in nursing": the subject follows "in".
        Some(p) if p <= 40 => (p, end),
        _ => {
            // "BSc Radiography, MSc desirable": the words right after.
            let stop = clause.find([',', '(', ')']).unwrap_or(end);
            let first = clause[..stop].split_whitespace().next().unwrap_or("");
            if first.is_empty() || NOT_A_SUBJECT_AFTER.contains(&first) {
                // "Practice Managers diploma or equivalent": the words right
                // before.
                if let Some(span) = words_before(lower, q) {
                    return Some(span);
                }
            }
            (0, stop)
        }
    };
    to = to.min(end);
    (to > from).then_some((word_end + from, word_end + to))
}

/// Words that, right after a qualification word, show that no subject follows
/// it ("diploma or equivalent", "degree level", "MSc is desirable").
const NOT_A_SUBJECT_AFTER: &[&str] = &[
    "or",
    "and",
    "level",
    "to",
    "at",
    "from",
    "is",
    "are",
    "as",
    "required",
    "essential",
    "desirable",
    "preferred",
    "holder",
    "standard",
    "qualified",
    "educated",
    "with",
];

/// The words of a clause right before position `q` that can name a subject
/// ("practice managers" in "a Practice Managers diploma"), back to
/// punctuation or a word that cannot be part of one; `None` when there are
/// none.
fn words_before(lower: &str, q: usize) -> Option<(usize, usize)> {
    const STOPS: &[&str] = &[
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "to",
        "for",
        "with",
        "hold",
        "holds",
        "holding",
        "have",
        "has",
        "having",
        "possess",
        "possession",
        "plus",
        "by",
        "be",
        "educated",
        "qualified",
        "any",
        "other",
        "e.g",
        "eg",
        "-",
        "–",
    ];
    let head = &lower[..q];
    let clause_start = head
        .rfind([',', ';', '.', ':', '(', ')', '\n'])
        .map_or(0, |p| p + 1);
    let mut start = q;
    for (i, w) in head[clause_start..]
        .split_whitespace()
        .map(|w| {
            let off = w.as_ptr() as usize - head.as_ptr() as usize;
            (off, w)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        if STOPS.contains(&w) {
            break;
        }
        start = i;
    }
    let end = head.trim_end().len();
    (start < end).then_some((start, end))
}

/// The alternatives of a subject span, as byte ranges: the span cut at commas,
/// semicolons, slashes, brackets, "or" and "and" ("computer science, statistics
/// or a related subject"; "electrical and electronic engineering" reads as
/// "electrical" or "electronic engineering", the looser reading; "Healthcare
/// Science (Cardiac Physiology / …)" takes the subject or a specialism).
fn subject_pieces(lower: &str, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let span = &lower[a..b];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [",", ";", "/", " or ", " and ", " & ", "(", ")"] {
        for (i, m) in span.match_indices(sep) {
            cuts.push((i, i + m.len()));
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut from = 0;
    for (s, e) in cuts {
        if s >= from {
            if s > from {
                out.push((a + from, a + s));
            }
            from = e;
        }
    }
    if from < span.len() {
        out.push((a + from, b));
    }
    out
}

/// Kinds of aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aside {
    /// Not required: "ideally", "preferably", "desirable", "an advantage".
    Optional,
    /// Examples of the requirement: "such as", "e.g.", "including".
    Examples,
    /// Experience may stand in: "or equivalent (experience)".
    Equivalent,
    /// A qualification in progress counts: "or working towards".
    InProgress,
    /// A related subject counts: "or a closely related discipline".
    Related,
}

/// Phrases that open an aside, lowercase, matched on word boundaries; longer
/// phrases first where one contains another.
const ASIDES: &[(&str, Aside)] = &[
    ("would be an advantage", Aside::Optional),
    ("would be advantageous", Aside::Optional),
    ("would be beneficial", Aside::Optional),
    ("would be desirable", Aside::Optional),
    ("is desirable", Aside::Optional),
    ("is an advantage", Aside::Optional),
    ("an advantage", Aside::Optional),
    ("advantageous", Aside::Optional),
    ("desirable", Aside::Optional),
    ("ideally", Aside::Optional),
    ("preferably", Aside::Optional),
    ("preferred", Aside::Optional),
    ("where possible", Aside::Optional),
    ("if possible", Aside::Optional),
    ("a plus", Aside::Optional),
    // The employer's own setting: "Java for our back-end services".
    ("for our", Aside::Optional),
    ("in our", Aside::Optional),
    ("within our", Aside::Optional),
    ("across our", Aside::Optional),
    // Ways of showing what is asked are examples of it: "an interest in
    // digital health, evidenced by a digital project, system implementation or
    // relevant training".
    ("as evidenced by", Aside::Examples),
    ("evidenced by", Aside::Examples),
    ("evidenced through", Aside::Examples),
    ("as demonstrated by", Aside::Examples),
    ("demonstrated by", Aside::Examples),
    ("demonstrated through", Aside::Examples),
    ("such as", Aside::Examples),
    ("for example", Aside::Examples),
    ("for instance", Aside::Examples),
    ("e.g.", Aside::Examples),
    ("e.g", Aside::Examples),
    ("eg.", Aside::Examples),
    ("eg", Aside::Examples),
    ("including", Aside::Examples),
    ("in particular", Aside::Examples),
    ("particularly", Aside::Examples),
    ("especially", Aside::Examples),
    ("or equivalent experience", Aside::Equivalent),
    ("or equivalent level of experience", Aside::Equivalent),
    ("or equivalent", Aside::Equivalent),
    ("or an equivalent", Aside::Equivalent),
    ("or relevant experience", Aside::Equivalent),
    ("or demonstrable experience", Aside::Equivalent),
    ("or equivalent qualification", Aside::Equivalent),
    ("or experience", Aside::Equivalent),
    ("or eligible", Aside::InProgress),
    ("or be eligible", Aside::InProgress),
    ("or awaiting", Aside::InProgress),
    ("or willing to work towards", Aside::InProgress),
    ("or be working towards", Aside::InProgress),
    ("or working towards", Aside::InProgress),
    ("or working toward", Aside::InProgress),
    ("or near completion", Aside::InProgress),
    ("or nearing completion", Aside::InProgress),
    ("or close to completion", Aside::InProgress),
    ("or currently studying", Aside::InProgress),
    ("or studying towards", Aside::InProgress),
    ("or due to complete", Aside::InProgress),
    ("or a closely related", Aside::Related),
    ("or closely related", Aside::Related),
    ("or a related", Aside::Related),
    ("or related", Aside::Related),
    ("or another relevant", Aside::Related),
    ("or other relevant", Aside::Related),
    ("or a relevant", Aside::Related),
    ("or relevant", Aside::Related),
    ("or similar", Aside::Related),
    ("or allied", Aside::Related),
    ("or comparable", Aside::Related),
];

/// Where a list of examples stops before the end of its sentence: a comma and
/// a new clause of the criterion (an infinitive, or a new thing asked for).
const EXAMPLES_END: &[&str] = &[
    ", and to ",
    ", and the ability",
    ", and ability",
    ", and an ability",
    ", and be able",
    ", as well as ",
    ", and experience",
    ", and knowledge",
    ", and understanding",
    ", and an understanding",
];

/// Verbs whose object is a topic to be told to someone (see [`asides`]).
const TOPIC_VERBS: &[&str] = &[
    "explain",
    "explaining",
    "communicate",
    "communicating",
    "convey",
    "conveying",
    "present",
    "presenting",
    "describe",
    "describing",
];

/// Where the topic of a [`TOPIC_VERBS`] verb ends: its audience, its means,
/// or the clause's end.
const TOPIC_END: &[&str] = &[
    " to ",
    " using ",
    " with ",
    " through ",
    " via ",
    " in ",
    ",",
    ";",
    ".",
    "(",
];

/// Words that, beside a regulated profession, make a criterion ask for the
/// registration ("Registered Nurse", "qualified pharmacist", "nurse with a
/// current PIN").
const REGISTRATION_CUES: &[&str] = &[
    "registered",
    "registration",
    "register",
    "qualified",
    "pin",
    "licensed",
    "licence",
    "license",
    "chartered",
    "professional",
];

/// An aside's byte span.
#[derive(Debug, Clone, Copy)]
struct Span {
    kind: Aside,
    start: usize,
    end: usize,
}

/// The asides of `text` (lowercased, same byte positions): each runs from its
/// phrase to the end of its clause. Examples run to the end of the sentence (a
/// list of examples has commas); the others also stop at a comma.
fn asides(lower: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for &(phrase, kind) in ASIDES {
        for (i, _) in lower.match_indices(phrase) {
            let end_p = i + phrase.len();
            let before = lower[..i].chars().next_back();
            let after = lower[end_p..].chars().next();
            let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if !word_edge(before) || (!word_edge(after) && !phrase.ends_with('.')) {
                continue;
            }
            if out.iter().any(|s| i >= s.start && i < s.end) {
                continue;
            }
            // A parenthesis opened before the phrase closes the aside.
            let in_paren = lower[..i]
                .rfind('(')
                .is_some_and(|o| !lower[o..i].contains(')'));
            let rest = &lower[end_p..];
            let stop = |c: char| {
                matches!(c, ';' | '.' | '\n')
                    || (in_paren && c == ')')
                    || (kind != Aside::Examples && c == ',')
            };
            let end = rest
                .char_indices()
                .find(|&(j, c)| {
                    stop(c)
                        && !(c == '.'
                            && rest[j..]
                                .chars()
                                .nth(1)
                                .is_some_and(|n| n.is_alphanumeric()))
                })
                .map_or(lower.len(), |(j, _)| end_p + j);
            // A list of examples ends where a new clause of the criterion
            // begins: "bench scientists such as chemists and biologists, and to
            // explain model results to non-specialists" asks for the explaining
            // as well.
            let end = if kind == Aside::Examples {
                EXAMPLES_END
                    .iter()
                    .filter_map(|p| lower[end_p..end].find(p))
                    .min()
                    .map_or(end, |j| end_p + j)
            } else {
                end
            };
            // "Degree (desirable)" or "MSc desirable": an optional marker at the
            // end of a clause makes the words just before it optional.
            let mut start = i;
            if kind == Aside::Optional && rest[..end - end_p].trim().is_empty() {
                let head = &lower[..i];
                let clause_start = head.rfind([',', ';', '(', '.']).map_or(0, |p| p + 1);
                // Only when the clause is not the whole criterion.
                if clause_start > 0 {
                    start = clause_start;
                }
            }
            out.push(Span { kind, start, end });
        }
    }
    // What a criterion asks the candidate to explain is its topic, not a skill
    // asked for: "the ability to explain technical and statistical findings to
    // clinicians" does not ask for statistics. The topic runs from the verb to
    // the audience, a means ("using Power BI") or the clause's end.
    for verb in TOPIC_VERBS {
        for (i, _) in lower.match_indices(verb) {
            let end_v = i + verb.len();
            let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if !edge(lower[..i].chars().next_back()) || !edge(lower[end_v..].chars().next()) {
                continue;
            }
            if out.iter().any(|s| i >= s.start && i < s.end) {
                continue;
            }
            let rest = &lower[end_v..];
            let end = TOPIC_END
                .iter()
                .filter_map(|p| rest.find(p))
                .min()
                .map_or(lower.len(), |j| end_v + j);
            out.push(Span {
                kind: Aside::Optional,
                start: end_v,
                end,
            });
        }
    }
    // ", for data transformation" after what is asked says what it is for.
    for (i, _) in lower.match_indices(", for ") {
        if out.iter().any(|s| i >= s.start && i < s.end) {
            continue;
        }
        let end = lower[i + 2..]
            .find([',', ';', '.', '('])
            .map_or(lower.len(), |j| i + 2 + j);
        out.push(Span {
            kind: Aside::Optional,
            start: i,
            end,
        });
    }
    // A bracketed list after a general phrase gives examples of it: "a major
    // cloud provider (AWS, Azure or GCP)", "colleagues (clinical, regulatory)".
    let mut from = 0;
    while let Some(o) = lower[from..].find('(').map(|p| from + p) {
        let Some(c) = lower[o..].find(')').map(|p| o + p) else {
            break;
        };
        let inner = &lower[o + 1..c];
        let listy = inner.contains(',') || has_word(inner, "or") || inner.contains('/');
        if listy
            && o > 0
            && !out.iter().any(|s| o >= s.start && o < s.end)
            && !ASIDES
                .iter()
                .any(|(p, _)| inner.trim_start().starts_with(p))
        {
            out.push(Span {
                kind: Aside::Examples,
                start: o,
                end: c + 1,
            });
        }
        from = c + 1;
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Words in a list of examples that say nothing of their own ("or similar",
/// "etc", "other"), stemmed.
const EXAMPLE_FILLER: &[&str] = &["similar", "etc", "other", "equival", "relev", "relat"];

/// The most words an example of no skill may have: a list item, not a clause.
const EXAMPLE_WORDS_MAX: usize = 3;

/// The items of each list of examples in `text` (`lower` is it lowercased, with
/// the same byte positions) that no skill or register covers (`covered`), as
/// written and as analysed words (see [`Requirement::example_words`]). Items are split at commas, semicolons,
/// slashes, brackets, "and" and "or".
fn word_examples(
    text: &str,
    lower: &str,
    spans: &[Span],
    covered: &[(usize, usize)],
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for s in spans.iter().filter(|s| s.kind == Aside::Examples) {
        let mut from = s.start;
        // Past the phrase that opened the list ("such as", "e.g.").
        if let Some((p, _)) = ASIDES
            .iter()
            .filter(|(p, k)| *k == Aside::Examples && lower[from..s.end].starts_with(p))
            .max_by_key(|(p, _)| p.len())
        {
            from += p.len();
        }
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for (i, c) in lower[from..s.end].char_indices() {
            if matches!(c, ',' | ';' | '/' | '(' | ')') {
                cuts.push((from + i, from + i + c.len_utf8()));
            }
        }
        for w in [" and ", " or "] {
            for (i, _) in lower[from..s.end].match_indices(w) {
                cuts.push((from + i, from + i + w.len()));
            }
        }
        cuts.sort_unstable();
        let mut a = from;
        for (cut_start, cut_end) in cuts.into_iter().chain([(s.end, s.end)]) {
            if cut_start < a {
                continue;
            }
            let b = cut_start;
            let free = !covered.iter().any(|&(x, y)| a < y && x < b);
            if free && b > a {
                let item = text[a..b].trim();
                let terms: Vec<String> = analyzer()
                    .terms(item)
                    .into_iter()
                    .filter(|t| {
                        !EXAMPLE_FILLER.contains(&t.as_str())
                            && !super::GENERIC.contains(&t.as_str())
                    })
                    .collect();
                if !terms.is_empty()
                    && terms.len() <= EXAMPLE_WORDS_MAX
                    && !out.iter().any(|(_, t)| *t == terms)
                {
                    out.push((item.to_string(), terms));
                }
            }
            a = cut_end;
        }
    }
    out
}

fn inside(spans: &[Span], start: usize, end: usize) -> Option<Aside> {
    spans
        .iter()
        .find(|s| start >= s.start && end <= s.end)
        .map(|s| s.kind)
}

/// Parses one criterion.
pub(crate) fn parse_requirement(k: &Knowledge, text: &str) -> Requirement {
    let mut r = Requirement::default();
    let lower = text.to_lowercase();
    // Positions are shared with `text` only when lowercasing kept byte lengths.
    let spans = if lower.len() == text.len() {
        asides(&lower)
    } else {
        Vec::new()
    };
    for s in &spans {
        match s.kind {
            // "Or equivalent experience" lets experience stand in; "HND (or
            // equivalent)" only accepts other qualifications of the level.
            Aside::Equivalent => {
                if lower[s.start..s.end].contains("experience") {
                    r.or_equivalent = true;
                }
            }
            Aside::InProgress => r.in_progress = true,
            Aside::Related => r.related = true,
            Aside::Optional | Aside::Examples => {}
        }
    }
    // The text with asides blanked out (same byte positions), lower-cased for
    // key words and in its own case for the qualifications it names ("A
    // levels" but not "at a level appropriate to…").
    let blank = |t: &str| -> String {
        let mut b = t.as_bytes().to_vec();
        for s in &spans {
            if matches!(s.kind, Aside::Optional | Aside::Examples) {
                for x in &mut b[s.start..s.end] {
                    *x = b' ';
                }
            }
        }
        String::from_utf8(b).unwrap_or_else(|_| t.to_string())
    };
    let required_text = blank(&lower);
    let required_cased = blank(text);
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let subject = if lower.len() == text.len() {
        subject_span(&lower, &required_cased)
    } else {
        None
    };
    let in_subject = |s: usize, e: usize| subject.is_some_and(|(a, b)| s >= a && e <= b);
    let pieces = subject
        .map(|span| subject_pieces(&lower, span))
        .unwrap_or_default();
    let piece_of = |s: usize| pieces.iter().position(|&(a, b)| s >= a && s < b);
    r.subject_groups = vec![Vec::new(); pieces.len()];
    let add_subject = |r: &mut Requirement, term: &str, at: usize| {
        if !r.subject.iter().any(|t| t == term) {
            r.subject.push(term.to_string());
        }
        if let Some(g) = piece_of(at).and_then(|i| r.subject_groups.get_mut(i))
            && !g.iter().any(|t| t == term)
        {
            g.push(term.to_string());
        }
    };
    if subject.is_some() {
        for (a, e, full) in crate::cv::subject_abbreviations(text) {
            if in_subject(a, e) {
                for t in analyzer().terms(full) {
                    if !SUBJECT_KINDS.contains(&t.as_str()) {
                        add_subject(&mut r, &t, a);
                    }
                }
            }
        }
    }

    // Registrations: registers named, and regulated professions asked for as
    // registered or qualified.
    for f in k.registers.find(text) {
        covered.push((f.start, f.end));
        if inside(&spans, f.start, f.end) == Some(Aside::Optional) {
            continue;
        }
        let code = &k.registers.all()[f.register].code;
        if !r.registrations.contains(code) {
            r.registrations.push(code.clone());
        }
    }
    let cue_text = others_qualified(&required_text);
    let cue = REGISTRATION_CUES.iter().any(|c| has_word(&cue_text, c));
    for (reg, s, e) in k.registers.professions(text) {
        if cue && inside(&spans, s, e).is_none() {
            covered.push((s, e));
            let code = &k.registers.all()[reg].code;
            if !r.registrations.contains(code) {
                r.registrations.push(code.clone());
            }
        }
    }
    // "A current PIN": the register that issues PINs.
    if r.registrations.is_empty()
        && has_word(&required_text, "pin")
        && let Some(reg) = k.registers.all().iter().find(|reg| reg.pin)
    {
        r.registrations.push(reg.code.clone());
    }
    if r.registrations.is_empty()
        && (has_word(&required_text, "registration") || has_word(&required_text, "registered"))
        && [
            "professional",
            "regulator",
            "regulatory",
            "statutory",
            "body",
        ]
        .iter()
        .any(|w| has_word(&required_text, w))
    {
        r.any_registration = true;
    }

    // Skills: required, examples or optional by where they stand.
    let mut required: Vec<(usize, usize, String)> = Vec::new();
    for h in k.skills.find(text) {
        if covered.iter().any(|&(a, b)| h.start < b && a < h.end) {
            continue;
        }
        covered.push((h.start, h.end));
        let name = h.name.to_string();
        if in_subject(h.start, h.end) {
            if !r.subject_skills.contains(&name) {
                r.subject_skills.push(name.clone());
            }
            for t in analyzer().terms(&name) {
                if !SUBJECT_KINDS.contains(&t.as_str()) {
                    add_subject(&mut r, &t, h.start);
                }
            }
            continue;
        }
        match inside(&spans, h.start, h.end) {
            Some(Aside::Optional) => {
                if !r.optional.contains(&name) {
                    r.optional.push(name);
                }
            }
            Some(Aside::Examples) => {
                if !r.examples.contains(&name) {
                    r.examples.push(name);
                }
            }
            _ => {
                if !required.iter().any(|x| x.2 == name) {
                    required.push((h.start, h.end, name));
                }
            }
        }
    }
    if lower.len() == text.len() {
        r.example_words = word_examples(text, &lower, &spans, &covered);
    }
    // Skills joined by "or" need one: "Python or R", "Python, R or SQL" (a
    // list whose last link is "or"), "leadership/management". Skills joined
    // otherwise are each required: "leadership in clinical governance".
    required.sort_by_key(|x| x.0);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, w) in required.iter().enumerate() {
        let joined = i > 0 && {
            let prev = &required[i - 1];
            let gap = &lower[prev.1.min(w.0)..w.0];
            let or = has_word(gap, "or") || gap.trim() == "/";
            let list = gap.trim() == "," || gap.trim() == "/";
            or || (list && {
                // In a list "A, B or C", A and B join C's alternatives.
                let rest_end = required.get(i + 1).map_or(lower.len(), |n| n.0);
                let tail = &lower[w.1.min(rest_end)..rest_end];
                has_word(tail, "or") || tail.trim() == "/" || tail.trim() == ","
            })
        };
        match groups.last_mut() {
            Some(g) if joined => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    r.any_skill = groups.len() == 1 && required.len() > 1;
    r.groups = groups;
    r.skills = required.into_iter().map(|x| x.2).collect();

    r.degree = qualification_requirement(&required_cased);
    if r.degree.is_none() {
        // No qualification asked for: the subject span is meaningless.
        r.subject.clear();
        r.subject_skills.clear();
        r.subject_groups.clear();
        // "Post-qualification experience" asks for experience after
        // qualifying, not for a qualification.
        let asked = others_qualified(
            &required_text
                .replace("post-qualification", " ")
                .replace("post qualification", " ")
                .replace("post-qualified", " ")
                .replace("post qualified", " "),
        );
        r.credential = asks_credential(&asked);
    }
    r.class = r.degree.and(class_requirement(&lower));
    r.years = years_requirement(&lower);

    let mut negated: Option<usize> = None;
    // The end of a "post" that frames the word after it ("post-registration").
    let mut framed: Option<usize> = None;
    let mut framing: Vec<String> = Vec::new();
    // The words the level is read from ("post graduate", "GCSEs").
    let qualification_words = crate::cv::degrees::asked_spans(text);
    for t in analyzer().tokens(text) {
        // "non-specialists", "non-technical": the word after "non-" names the
        // opposite of what the criterion wants, so neither word is a key word.
        if t.term == "non" && text[t.end..].starts_with('-') {
            negated = Some(t.end + 1);
            continue;
        }
        if negated == Some(t.start) {
            continue;
        }
        // "Post-registration experience", "post-qualification": experience
        // after registering or qualifying, the years' framing, not key words.
        if t.term == "post" {
            let rest = text[t.end..].trim_start_matches(['-', ' ']).to_lowercase();
            if ["registration", "registered", "qualifi", "qualifying"]
                .iter()
                .any(|w| rest.starts_with(w))
            {
                framed = Some(t.end);
                framing.push(t.term);
                continue;
            }
        }
        if framed.is_some_and(|e| t.start > e && t.start <= e + 2) {
            framed = None;
            framing.push(t.term);
            continue;
        }
        if t.term.len() < 2 {
            continue;
        }
        if r.degree.is_some()
            && in_subject(t.start, t.end)
            && inside(&spans, t.start, t.end).is_none()
        {
            if RELEVANT.contains(&t.term.as_str()) {
                r.relevant_subject = true;
            }
            if !SUBJECT_KINDS.contains(&t.term.as_str())
                && !super::GENERIC.contains(&t.term.as_str())
                && crate::cv::degrees::asked(&text[t.start..t.end]).is_empty()
            {
                // An occupation named as the subject is its activity: a
                // "Practice Managers diploma" is in management.
                let acts = analyzer().activity_terms(&text[t.start..t.end]);
                match acts.as_slice() {
                    [one] if one.len() == 1 && one[0] != t.term => {
                        add_subject(&mut r, &one[0], t.start);
                    }
                    _ => add_subject(&mut r, &t.term, t.start),
                }
            }
            continue;
        }
        // A qualification's own words ("educated to degree level", "5 GCSEs",
        // "an MSc") are its level, judged as such: the degree table says which
        // words name a qualification.
        if r.degree.is_some()
            && (SUBJECT_KINDS.contains(&t.term.as_str())
                || !crate::cv::degrees::asked(&text[t.start..t.end]).is_empty()
                || qualification_words
                    .iter()
                    .any(|&(s, e, _)| t.start >= s && t.end <= e))
        {
            continue;
        }
        if inside(&spans, t.start, t.end).is_some()
            || covered.iter().any(|&(s, e)| t.start >= s && t.end <= e)
            || super::GENERIC.contains(&t.term.as_str())
            || t.term.len() < 2
            || t.term.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        if !r.terms.contains(&t.term) {
            r.terms.push(t.term);
        }
    }
    // Experience after registering is a registered professional's: with no
    // register named, any regulator's or accredited register's registration.
    if framing.iter().any(|t| t == "regist") && r.registrations.is_empty() {
        r.any_registration = true;
    }
    // "Good IT skills", "a competent IT user": "IT" in capitals (in a criterion
    // not written all in capitals) is information technology, which the
    // analyser drops as the pronoun. When the criterion is then a soft one, it
    // is read as ICT, a cue of IT literacy (`text::qualities`); a criterion
    // about something else ("safety cases for health IT") keeps its own key
    // words, since a CV's "IT" is dropped the same way, and a qualification
    // ("a degree in computer science, IT or a related subject") keeps IT as
    // its subject.
    if r.may_be_soft()
        && required_cased.chars().any(char::is_lowercase)
        && required_cased
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .any(|w| w == "IT" || w == "I.T" || w == "I.T.")
        && !r.terms.iter().any(|t| t == "ict")
    {
        let mut with = r.terms.clone();
        with.push("ict".to_string());
        if k.qualities.read(&with).coverage >= super::SOFT_COVERAGE {
            r.terms = with;
        }
    }
    // "Significant post qualification experience" asks for nothing else: its
    // framing words are all there is to look for.
    if r.terms.is_empty()
        && !r.any_registration
        && r.years.is_none()
        && r.skills.is_empty()
        && r.examples.is_empty()
        && r.example_words.is_empty()
        && r.registrations.is_empty()
        && r.degree.is_none()
        && !r.credential
    {
        for t in framing {
            if !super::GENERIC.contains(&t.as_str()) && !r.terms.contains(&t) {
                r.terms.push(t);
            }
        }
    }
    if r.credential {
        // "An appropriate professional qualification": the role's field is its
        // subject; the qualification's own words are not.
        if ["relevant", "appropriate", "suitable", "related"]
            .iter()
            .any(|w| has_word(&required_text, w))
        {
            r.relevant_subject = true;
        }
        r.terms
            .retain(|t| !SUBJECT_KINDS.contains(&t.as_str()) && !RELEVANT.contains(&t.as_str()));
    }
    if r.degree.is_some() {
        expand_families(&mut r, &lower, &pieces);
    }
    r.subject_groups.retain(|g| !g.is_empty());
    // A subject named outright wins over "relevant".
    if !r.subject.is_empty() || (r.credential && !r.terms.is_empty()) {
        r.relevant_subject = false;
    }
    r
}

/// "A healthcare related subject", "a scientific discipline", "a quantitative
/// field": a piece of the subject span (`pieces`, whose subject terms are
/// `r.subject_groups` in the same order) that names only a family of subjects
/// (`cv::degrees::SUBJECT_FAMILIES`), and does not ask for one relevant to the
/// role, makes each of the family's subjects (nursing, physiotherapy…; biology,
/// chemistry…) one of the alternatives.
fn expand_families(r: &mut Requirement, lower: &str, pieces: &[(usize, usize)]) {
    use crate::cv::degrees::SUBJECT_FAMILIES;
    let words: Vec<Vec<String>> = SUBJECT_FAMILIES
        .iter()
        .map(|f| f.words.iter().flat_map(|w| analyzer().terms(w)).collect())
        .collect();
    let name_words: Vec<Vec<String>> = SUBJECT_FAMILIES
        .iter()
        .map(|f| {
            f.name_words
                .iter()
                .flat_map(|w| analyzer().terms(w))
                .collect()
        })
        .collect();
    let mut named = vec![false; SUBJECT_FAMILIES.len()];
    for (i, &(a, b)) in pieces.iter().enumerate() {
        let group = r.subject_groups.get(i).map_or(&[][..], |g| &g[..]);
        // The families the piece names by their own words, and the words that
        // complete those families' names ("health profession" after "allied").
        let own: Vec<usize> = (0..words.len())
            .filter(|&f| group.iter().any(|t| words[f].contains(t)))
            .collect();
        let completing = |t: &String| own.iter().any(|&f| name_words[f].contains(t));
        let any_family = |t: &String| words.iter().any(|w| w.contains(t)) || completing(t);
        if !group.iter().all(any_family) {
            continue;
        }
        // A family named with its name words: those words name no other
        // family ("health" in "allied health profession" is not the health family).
        let terms: Vec<String> = analyzer()
            .terms(&lower[a..b])
            .into_iter()
            .filter(|t| !completing(t))
            .collect();
        // "A relevant technical subject" is relevant to the role: the role's
        // field, not every technical subject. "Related" is not: "a healthcare
        // related subject" is related to the family.
        if terms
            .iter()
            .any(|t| t != "relat" && RELEVANT.contains(&t.as_str()))
        {
            continue;
        }
        for (f, w) in words.iter().enumerate() {
            named[f] |= terms.iter().any(|t| w.contains(t));
        }
    }
    for (family, _) in SUBJECT_FAMILIES.iter().zip(&named).filter(|(_, n)| **n) {
        for s in family.subjects {
            let terms = analyzer().terms(s);
            for t in &terms {
                if !r.subject.contains(t) {
                    r.subject.push(t.clone());
                }
            }
            if !terms.is_empty() && !r.subject_groups.contains(&terms) {
                r.subject_groups.push(terms);
            }
        }
    }
}

/// Whether a criterion's (lowercased) text asks the candidate to hold a
/// qualification, certificate or accreditation. Accreditation and
/// certification are often a service's or a product's ("knowledge of ...
/// quality accreditation standards", "experience of working in an ISO 15189
/// accredited laboratory", "experience of UKAS accreditation"): after
/// "knowledge of", "experience of" and the like they are what is known or
/// worked with, not held.
fn asks_credential(asked: &str) -> bool {
    const HELD: &[&str] = &["qualification", "qualified", "certificate", "diploma"];
    const OF_SERVICES: &[&str] = &["accreditation", "accredited", "certification"];
    const OPENERS: &[&str] = &[
        "knowledge",
        "understanding",
        "experience",
        "awareness",
        "familiarity",
    ];
    let words: Vec<&str> = asked
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let opened = |i: usize| {
        words[..i]
            .windows(2)
            .any(|p| OPENERS.contains(&p[0]) && matches!(p[1], "of" | "with" | "in"))
    };
    words
        .iter()
        .enumerate()
        .any(|(i, w)| HELD.contains(w) || (OF_SERVICES.contains(w) && !opened(i)))
}

/// Words before "qualified" that make it describe other people: "supervision
/// to qualified staff", "managing other qualified nurses".
const OTHERS_BEFORE_QUALIFIED: &[&str] = &[
    "to",
    "for",
    "of",
    "by",
    "from",
    "among",
    "amongst",
    "other",
    "supervising",
    "supervise",
    "supervised",
    "managing",
    "manage",
    "leading",
    "lead",
    "support",
    "supporting",
];

/// `lower` with each "qualified" that describes other people (see
/// [`OTHERS_BEFORE_QUALIFIED`]) blanked: such a criterion asks for no
/// qualification or registration of the candidate's.
fn others_qualified(lower: &str) -> String {
    let mut out = lower.to_string();
    for (i, _) in lower.match_indices("qualified") {
        let before = lower[..i].trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let word_start = !lower[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if word_start && OTHERS_BEFORE_QUALIFIED.contains(&prev) {
            out.replace_range(i..i + "qualified".len(), "         ");
        }
    }
    out
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Rank of a UK degree class as [`crate::cv::degrees::find_class`] names it: 4
/// First, 3 2:1, 2 2:2, 1 Third; other classes (Distinction, Merit…) have none.
pub(crate) fn class_rank(class: &str) -> Option<u8> {
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
        .filter(|(f, _)| has_word(lower, f))
        .map(|&(_, r)| r)
        .min()
}

/// The lowest qualification level a criterion accepts: levels joined by "or"
/// are alternatives ("MSc or PhD": a master's), levels joined otherwise are all
/// required ("degree plus a postgraduate qualification": the highest).
pub(crate) fn qualification_requirement(text: &str) -> Option<DegreeLevel> {
    let masked = mask_memberships(text);
    let text = masked.as_str();
    let m = crate::cv::degrees::asked(text);
    let (first, rest) = m.split_first()?;
    let mut level = first.1;
    let mut prev = first.0;
    for &(at, l) in rest {
        let gap = text[prev..at].to_ascii_lowercase();
        level = if has_word(&gap, "or") || gap.contains('/') {
            level.min(l)
        } else {
            level.max(l)
        };
        prev = at;
    }
    Some(level)
}

/// `text` with each "membership diploma" (a Royal College's membership by
/// examination: "MRCP(UK) or an equivalent postgraduate membership diploma")
/// blanked out, positions kept: it is a professional body's membership, read
/// with the registers, not an academic qualification at a level.
fn mask_memberships(text: &str) -> String {
    const NOUNS: &[&str] = &["diploma", "qualification", "examination", "exam"];
    let lower = text.to_ascii_lowercase();
    let mut out = text.to_string();
    let mut from = 0;
    while let Some(p) = lower[from..].find("membership ") {
        let at = from + p;
        let after = &lower[at + "membership ".len()..];
        let Some(noun) = NOUNS.iter().find(|n| after.starts_with(**n)) else {
            from = at + 1;
            continue;
        };
        let mut start = at;
        let before = lower[..at].trim_end();
        if before.ends_with("postgraduate") {
            start = before.len() - "postgraduate".len();
        }
        let end = at + "membership ".len() + noun.len();
        // ASCII spans of an ASCII-lowercased copy: the same byte offsets.
        if out.is_char_boundary(start) && out.is_char_boundary(end) {
            out.replace_range(start..end, &" ".repeat(end - start));
        }
        from = end;
    }
    out
}

pub(crate) fn years_requirement(lower: &str) -> Option<f32> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        if !(next.starts_with("year") || next.starts_with("yr")) {
            continue;
        }
        if let Some(n) = crate::cv::dates::count(w)
            && n <= 40.0
        {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Requirement {
        parse_requirement(crate::knowledge::for_tests(), text)
    }

    #[test]
    fn examples_that_name_no_skill_are_kept_as_words() {
        let r = parse(
            "Sound understanding of clinical workflows in an acute hospital (e.g. admission, orders and results, discharge)",
        );
        let items: Vec<&str> = r.example_words.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(items, ["admission", "orders", "results", "discharge"]);
        let r = parse(
            "Ability to work with bench scientists such as chemists and biologists, and to explain model results",
        );
        let items: Vec<&str> = r.example_words.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(items, ["chemists", "biologists"]);
        // Ways of showing what is asked are examples of it.
        let r = parse(
            "Demonstrable interest in digital health, evidenced by involvement in a digital project or relevant training",
        );
        assert_eq!(r.skills, ["Digital Health"]);
        assert_eq!(r.example_words.len(), 2, "{r:?}");
        // A skill in the list is an example, not a word example; "or similar"
        // says nothing.
        let r = parse("Experience of a service desk tool (e.g. ServiceNow or similar)");
        assert!(r.example_words.is_empty(), "{r:?}");
    }

    #[test]
    fn what_is_to_be_explained_and_what_a_skill_is_for_are_not_asked_for() {
        let r = parse(
            "Excellent communication skills, with the ability to explain technical and statistical findings to clinicians",
        );
        assert_eq!(r.skills, ["Communication Skills"]);
        assert!(r.optional.iter().any(|s| s == "Statistics"), "{r:?}");
        assert!(r.terms.iter().any(|t| t == "explain"), "{r:?}");
        let r = parse("Ability to present data using Power BI to senior managers");
        assert_eq!(r.skills, ["Power BI"]);
        let r = parse("Proficiency in Python, for data transformation");
        assert_eq!(r.skills, ["Python"]);
    }

    #[test]
    fn qualified_other_people_ask_for_no_qualification() {
        let r = parse("Experience of providing clinical supervision to qualified staff");
        assert!(!r.credential, "{r:?}");
        let r = parse("Experience of supervising qualified nurses");
        assert!(r.registrations.is_empty(), "{r:?}");
        let r = parse("Qualified nurse");
        assert_eq!(r.registrations, ["NMC"]);
        let r = parse("Qualified in phlebotomy");
        assert!(r.credential, "{r:?}");
    }

    #[test]
    fn a_services_accreditation_is_known_not_held() {
        let r = parse(
            "Knowledge of governance for diagnostic services: clinical audit, incident reporting and quality accreditation standards",
        );
        assert!(!r.credential, "{r:?}");
        let r = parse("Experience of working in an ISO 15189 accredited laboratory");
        assert!(!r.credential, "{r:?}");
        let r = parse("BABCP accreditation or eligibility for BABCP accreditation");
        assert!(r.credential, "{r:?}");
        let r = parse("Experience of working as a qualified psychologist");
        assert!(r.credential, "{r:?}");
    }

    #[test]
    fn a_membership_diploma_is_no_degree() {
        let r = parse(
            "MRCP(UK) or an equivalent postgraduate membership diploma (e.g. MRCPCH, MRCEM, FRCA)",
        );
        assert_eq!(r.degree, None, "{r:?}");
        assert!(r.registrations.iter().any(|x| x == "MRCP"), "{r:?}");
        let r = parse("Postgraduate diploma in health informatics");
        assert!(r.degree.is_some(), "{r:?}");
    }

    #[test]
    fn post_registration_frames_the_years() {
        let r = parse("At least 5 years' post-registration experience in community care");
        assert_eq!(r.years, Some(5.0));
        assert!(
            !r.terms.iter().any(|t| t == "post" || t == "regist"),
            "{r:?}"
        );
        let r = parse("Post qualification experience in primary or secondary care");
        assert!(!r.terms.iter().any(|t| t == "post"), "{r:?}");
        // Experience after registering asks for a registration.
        let r = parse("Previous post registration experience");
        assert!(r.any_registration, "{r:?}");
        let r = parse("At least 3 years post-registration experience as an NMC registered nurse");
        assert_eq!(r.registrations, ["NMC"]);
        // With nothing else to look for, the framing words are the criterion.
        let r = parse("Significant post qualification experience");
        assert!(!r.any_registration, "{r:?}");
        assert!(r.terms.iter().any(|t| t == "post"), "{r:?}");
    }

    #[test]
    fn framing_words_of_duration_and_degree_are_not_key_words() {
        // "A minimum of", "months", "Experienced" frame what is asked, as "at
        // least", "years" and "experience" do; no CV repeats them.
        let r = parse("A minimum of 6 months experience working within the NHS");
        assert_eq!(r.terms, ["nhs"]);
        let r = parse("Experienced ward clerk, for a maximum of 20 hours a week");
        assert!(r.terms.iter().any(|t| t == "clerk"), "{:?}", r.terms);
        for framing in ["experienc", "maximum", "minimum", "month"] {
            assert!(!r.terms.iter().any(|t| t == framing), "{:?}", r.terms);
        }
    }

    #[test]
    fn qualification_names_are_levels_not_words_or_subjects() {
        // The degree table says which words name a qualification: they are the
        // level asked for, never a key word the CV must repeat or a subject.
        for (text, level) in [
            ("MSc or MBA", DegreeLevel::Masters),
            ("Bachelor degree", DegreeLevel::Bachelors),
            (
                "3 GCSEs or equivalent including Maths and English",
                DegreeLevel::Gcse,
            ),
            (
                "5 GCE O Levels, including English & Mathematics",
                DegreeLevel::Gcse,
            ),
            ("GCE A levels or BTEC equivalent", DegreeLevel::ALevel),
            // "Post graduate" in two words names the level as one does.
            ("Post graduate diploma", DegreeLevel::Postgraduate),
            ("Post-graduate qualification", DegreeLevel::Postgraduate),
            // A noun joined to a postgraduate one shares its "postgraduate":
            // a sub-degree diploma does not meet these.
            (
                "Postgraduate certificate or diploma",
                DegreeLevel::Postgraduate,
            ),
            (
                "Post graduate certificate or diploma",
                DegreeLevel::Postgraduate,
            ),
            (
                "Post Graduate certificate/diploma",
                DegreeLevel::Postgraduate,
            ),
            ("Postgraduate diploma or degree", DegreeLevel::Postgraduate),
            // Without "postgraduate" each noun is its own alternative.
            ("Diploma or degree", DegreeLevel::Diploma),
            ("Degree or postgraduate diploma", DegreeLevel::Bachelors),
        ] {
            let r = parse(text);
            assert_eq!(r.degree, Some(level), "{text}");
            assert!(r.terms.is_empty(), "{text}: {:?}", r.terms);
            assert!(r.subject.is_empty(), "{text}: {:?}", r.subject);
        }
        // A subject named beside them stays the subject.
        let r = parse("MSc in Health Informatics or an MBA");
        assert!(r.subject.iter().any(|s| s == "informat"), "{:?}", r.subject);
    }

    #[test]
    fn skills_years_degrees_and_registrations() {
        let r = parse("At least 3 years' experience with Python or R in the NHS");
        assert_eq!(r.years, Some(3.0));
        assert!(r.skills.iter().any(|s| s == "Python"), "{:?}", r.skills);
        assert!(r.any_skill);
        let r = parse("Current HCPC registration");
        assert_eq!(r.registrations, ["HCPC"]);
        let r = parse("Registered with Social Work England");
        assert_eq!(r.registrations, ["SWE"]);
        let r = parse("Ability to explain findings to non-technical audiences");
        assert!(r.terms.contains(&"explain".to_string()), "{:?}", r.terms);
        assert!(!r.terms.contains(&"abil".to_string()));
        assert!(
            !r.terms
                .iter()
                .any(|t| t == "non" || t.starts_with("technic")),
            "{:?}",
            r.terms
        );
        let r = parse("A first or upper second class degree in a numerate subject");
        assert_eq!((r.degree, r.class), (Some(DegreeLevel::Bachelors), Some(3)));
        assert_eq!(parse("Degree (minimum 2:2) in nursing").class, Some(2));
        assert_eq!(parse("First-line support experience").class, None);
        assert_eq!(years_requirement("two years of experience"), Some(2.0));
        assert_eq!(years_requirement("5+ years"), Some(5.0));
        assert_eq!(years_requirement("experience of nhs data"), None);
    }

    #[test]
    fn alternatives_need_one_and_the_lowest_level() {
        let r = parse("MSc or PhD in a quantitative subject, or equivalent experience");
        assert_eq!(r.degree, Some(DegreeLevel::Masters));
        assert!(r.or_equivalent);
        assert_eq!(
            parse("Degree plus a postgraduate qualification in informatics").degree,
            Some(DegreeLevel::Postgraduate)
        );
        assert_eq!(parse("MSc/PhD").degree, Some(DegreeLevel::Masters));
        assert_eq!(
            parse("Educated to Level 7").degree,
            Some(DegreeLevel::Masters)
        );
        assert_eq!(
            parse("5 GCSEs including English and Maths").degree,
            Some(DegreeLevel::Gcse)
        );
        let r = parse("Current registration with the NMC, HCPC, GMC or GPhC");
        assert_eq!(r.registrations.len(), 4, "{:?}", r.registrations);
    }

    #[test]
    fn a_subject_may_come_before_the_qualification_word() {
        let r = parse("Practice Managers diploma or equivalent");
        assert_eq!(r.degree, Some(DegreeLevel::Diploma), "{r:?}");
        assert!(r.subject.iter().any(|t| t == "manag"), "{r:?}");
        // A level word before it is no subject; a subject after it still wins.
        let r = parse("Postgraduate diploma or equivalent experience");
        assert!(r.subject.is_empty(), "{r:?}");
        let r = parse("BSc Radiography, MSc desirable");
        assert!(
            r.subject.iter().any(|t| t.starts_with("radiograph")),
            "{r:?}"
        );
        let r = parse("Three years' post-qualification experience of analysing real-world data");
        assert!(!r.credential && r.degree.is_none(), "{r:?}");
        let r = parse("Hold a relevant degree");
        assert!(r.subject.is_empty() && r.relevant_subject, "{r:?}");
    }

    #[test]
    fn qualifiers_are_not_required() {
        let r = parse("Experience of general practice, ideally in primary care");
        assert!(!r.terms.iter().any(|t| t == "primari"), "{:?}", r.terms);
        let r = parse("Hands-on experience of a major cloud platform, preferably AWS");
        assert!(
            r.optional.iter().any(|s| s == "Amazon Web Services"),
            "{r:?}"
        );
        assert!(
            !r.skills.iter().any(|s| s == "Amazon Web Services"),
            "{r:?}"
        );
        let r =
            parse("Experience with MLOps tooling such as MLflow, Kubeflow or SageMaker Pipelines");
        assert!(r.skills.iter().any(|s| s == "MLOps"), "{r:?}");
        assert!(r.examples.len() >= 2, "{r:?}");
        let r = parse("PhD in machine learning (or near completion)");
        assert!(
            r.in_progress && r.degree == Some(DegreeLevel::Doctorate),
            "{r:?}"
        );
        let r = parse("Degree in statistics or a closely related discipline");
        assert!(r.related, "{r:?}");
        assert!(!r.terms.iter().any(|t| t == "disciplin"), "{:?}", r.terms);
        let r = parse("Degree in computing, MSc desirable");
        assert_eq!(r.degree, Some(DegreeLevel::Bachelors), "{r:?}");
    }

    #[test]
    fn the_first_word_is_a_key_word_too() {
        assert_eq!(parse("NEBDN Certificate").terms, ["nebdn"]);
        assert!(
            parse("Analytical").terms.contains(&"analyt".to_string())
                || parse("Analytical").terms.contains(&"analyz".to_string())
        );
    }

    #[test]
    fn subjects_are_alternatives_with_abbreviations_expanded() {
        let r = parse("Degree in computer science, IT or a related subject");
        // "Science" names a kind of subject, not one: "computer science" is the
        // computing alternative.
        assert!(
            r.subject_groups.contains(&vec!["comput".to_string()]),
            "{r:?}"
        );
        assert!(
            r.subject_groups
                .iter()
                .any(|g| g.contains(&"inform".to_string()) && g.contains(&"technolog".to_string())),
            "IT stands for information technology: {r:?}"
        );
        let r = parse("BSc in statistics or mathematics");
        assert_eq!(r.subject_groups.len(), 2, "{r:?}");
        // A subject's specialisms in brackets are alternatives beside it: a
        // degree in the subject itself meets it.
        let r = parse("BSc in Medical Ultrasound (Obstetrics, Gynaecology)");
        assert!(
            r.subject_groups
                .iter()
                .any(|g| g.contains(&"ultrasound".to_string()) && !g.iter().any(|t| t == "obstetr")),
            "{r:?}"
        );
        let r = parse("Degree in health data science and epidemiology");
        assert!(
            r.subject_groups
                .iter()
                .any(|g| g.contains(&"health".to_string()) && g.contains(&"data".to_string())),
            "a subject of several words needs them all: {r:?}"
        );
    }

    #[test]
    fn a_level_in_lower_case_is_no_qualification() {
        let r = parse("Ability to communicate at a level appropriate to the audience");
        assert_eq!(r.degree, None, "{r:?}");
        let r = parse("Educated to A level or equivalent");
        assert_eq!(r.degree, Some(DegreeLevel::ALevel), "{r:?}");
        let r = parse("Two A-levels or equivalent");
        assert_eq!(r.degree, Some(DegreeLevel::ALevel), "{r:?}");
        let r = parse("5 GCSEs or O levels including English");
        assert_eq!(r.degree, Some(DegreeLevel::Gcse), "{r:?}");
    }

    #[test]
    fn qualifications_a_cv_lists_are_asked_for_by_name() {
        // The criterion side reads the CV side's degree table: an MBBS, an
        // MPharm or a foundation degree asked for by name is that level.
        let r = parse("Applicants must hold MBBS/MBChB or an equivalent medical qualification");
        assert_eq!(r.degree, Some(DegreeLevel::Medicine), "{r:?}");
        let r = parse("MPharm or equivalent");
        assert_eq!(r.degree, Some(DegreeLevel::Masters), "{r:?}");
        let r = parse("Foundation Degree in Health and Social Care");
        assert_eq!(r.degree, Some(DegreeLevel::Foundation), "{r:?}");
        let r = parse("HNC/HND or equivalent in an engineering discipline");
        assert_eq!(r.degree, Some(DegreeLevel::Diploma), "{r:?}");
    }

    #[test]
    fn a_degree_of_accuracy_is_no_qualification() {
        let r = parse("Able to work with a high degree of accuracy and numeracy");
        assert_eq!(r.degree, None, "{r:?}");
        let r = parse("Some degree of autonomy in planning own workload");
        assert_eq!(r.degree, None, "{r:?}");
        let r = parse("Degree of Bachelor of Science in Nursing");
        assert_eq!(r.degree, Some(DegreeLevel::Bachelors), "{r:?}");
        let r = parse("Degree or equivalent experience");
        assert_eq!(r.degree, Some(DegreeLevel::Bachelors), "{r:?}");
    }

    #[test]
    fn a_health_related_subject_is_any_of_the_health_subjects() {
        let r = parse("Degree in a healthcare related subject");
        assert!(
            r.subject_groups.contains(&analyzer().terms("nursing")),
            "{r:?}"
        );
        assert!(
            r.subject_groups
                .contains(&analyzer().terms("physiotherapy"))
        );
        // A named health subject, or a medical degree, is not the family.
        let r = parse("Degree in health informatics");
        assert!(
            !r.subject_groups.contains(&analyzer().terms("nursing")),
            "{r:?}"
        );
        let r = parse("Medical degree");
        assert!(
            !r.subject.contains(&analyzer().terms("nursing")[0]),
            "{r:?}"
        );
    }

    #[test]
    fn a_family_of_subjects_named_by_one_word_is_any_of_them() {
        let has = |r: &Requirement, s: &str| r.subject_groups.contains(&analyzer().terms(s));
        let r = parse("BEng/BSc in electronics or a scientific subject");
        assert!(has(&r, "electronics") && has(&r, "chemistry"), "{r:?}");
        let r = parse("Degree in a quantitative field");
        assert!(has(&r, "statistics") && has(&r, "economics"), "{r:?}");
        assert!(!has(&r, "history") && !has(&r, "chemistry"), "{r:?}");
        let r = parse("Degree in a STEM subject");
        assert!(has(&r, "physics"), "{r:?}");
        // One subject of a family is not the family.
        let r = parse("Degree in mathematics");
        assert!(!has(&r, "physics"), "{r:?}");
        let r = parse("MSc in computer science or data science");
        assert!(!has(&r, "biology"), "{r:?}");
        // No qualification asked for, no subject.
        let r = parse("Excellent scientific writing skills");
        assert!(r.subject_groups.is_empty(), "{r:?}");
    }

    #[test]
    fn a_relevant_subject_is_the_roles_field() {
        let r = parse("HND (or equivalent) in a relevant technical subject");
        assert!(r.relevant_subject && r.subject.is_empty(), "{r:?}");
        let r = parse("Degree in computer science or a relevant subject");
        assert!(!r.relevant_subject, "{r:?}");
    }

    #[test]
    fn regulated_professions_asked_for_as_registered() {
        assert_eq!(parse("Registered Nurse").registrations, ["NMC"]);
        assert_eq!(
            parse("Experience as a Registered General Nurse with a current Pin Number")
                .registrations,
            ["NMC"]
        );
        assert_eq!(parse("Qualified dental nurse").registrations, ["GDC"]);
        assert_eq!(
            parse("Pharmacist registered with the GPhC").registrations,
            ["GPhC"]
        );
        // Working with nurses does not ask for a nursing registration.
        assert!(
            parse("Experience of working with nurses and doctors")
                .registrations
                .is_empty()
        );
        assert!(parse("Current registration with a professional body").any_registration);
        let ccab = parse("CCAB or equivalent qualification and current professional registration");
        assert!(ccab.registrations.iter().any(|c| c == "ACCA"), "{ccab:?}");
    }
}
