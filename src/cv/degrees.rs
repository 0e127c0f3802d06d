//! Degrees and school qualifications: level, subject and class.

use serde::Serialize;

/// Level of a qualification, in increasing rank.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    /// GCSE, IGCSE, O level.
    Gcse,
    /// A level, AS level, Scottish Highers, International Baccalaureate.
    ALevel,
    /// Foundation degree (FdSc, FdA).
    Foundation,
    /// HND, HNC, DipHE, other diplomas.
    Diploma,
    /// BSc, BA, BEng, LLB, "Bachelor of …".
    Bachelors,
    /// PGCert, PGDip, PGCE.
    Postgraduate,
    /// MSc, MA, MRes, MPhil, MEng, MBA, MPH, LLM, "Master of …".
    Masters,
    /// Primary medical qualification: MBBS, MBChB, BMBS, BM BCh, MD.
    Medicine,
    /// PhD, DPhil, EdD, professional doctorates.
    Doctorate,
}

impl DegreeLevel {
    /// Rank for comparisons (higher is more advanced): 1 for GCSE up to 9 for a
    /// doctorate. A primary medical degree ranks above a master's.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }

    /// snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            DegreeLevel::Gcse => "gcse",
            DegreeLevel::ALevel => "a_level",
            DegreeLevel::Foundation => "foundation",
            DegreeLevel::Diploma => "diploma",
            DegreeLevel::Bachelors => "bachelors",
            DegreeLevel::Postgraduate => "postgraduate",
            DegreeLevel::Masters => "masters",
            DegreeLevel::Medicine => "medicine",
            DegreeLevel::Doctorate => "doctorate",
        }
    }

    /// Is this a university degree (bachelor's or above)?
    pub fn is_degree(self) -> bool {
        self >= DegreeLevel::Bachelors
    }

    /// Whether a qualification at this level meets a criterion asking for
    /// `asked`: the same level or a higher one, except that only a primary
    /// medical qualification is one (a doctorate is not an MBBS).
    pub fn meets(self, asked: DegreeLevel) -> bool {
        match asked {
            DegreeLevel::Medicine => self == DegreeLevel::Medicine,
            _ => self >= asked,
        }
    }

    /// Whether this level is the one just below `asked` on the same ladder
    /// (a foundation degree for a diploma, a bachelor's for a postgraduate
    /// certificate); nothing is just below a primary medical qualification.
    pub fn just_below(self, asked: DegreeLevel) -> bool {
        // Rank on the ladder of the other levels (a doctorate is one above a
        // master's).
        let step = |l: DegreeLevel| l.rank() - u8::from(l > DegreeLevel::Medicine);
        ![self, asked].contains(&DegreeLevel::Medicine) && step(self) + 1 == step(asked)
    }

    /// The level of a qualification at a level of the Regulated Qualifications
    /// Framework (England, Wales and Northern Ireland; "NVQ Level 3", "a Level 7
    /// qualification").
    pub fn of_rqf(level: u32) -> Option<DegreeLevel> {
        Some(match level {
            2 => DegreeLevel::Gcse,
            3 => DegreeLevel::ALevel,
            4 | 5 => DegreeLevel::Diploma,
            6 => DegreeLevel::Bachelors,
            7 => DegreeLevel::Masters,
            8 => DegreeLevel::Doctorate,
            _ => return None,
        })
    }
}

impl std::fmt::Display for DegreeLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

use DegreeLevel as L;

/// Patterns: words separated by spaces; a word starting with `=` must match case
/// exactly, others case-insensitively. Longer patterns are tried first.
const PATTERNS: &[(&str, DegreeLevel)] = &[
    ("doctor of philosophy", L::Doctorate),
    ("phd", L::Doctorate),
    ("dphil", L::Doctorate),
    ("=EdD", L::Doctorate),
    ("=EngD", L::Doctorate),
    ("=DrPH", L::Doctorate),
    ("dclinpsy", L::Doctorate),
    ("doctorate", L::Doctorate),
    ("bachelor of medicine", L::Medicine),
    ("mbbs", L::Medicine),
    ("mbchb", L::Medicine),
    ("=MB =ChB", L::Medicine),
    ("=MB =BS", L::Medicine),
    ("=MB =BCh", L::Medicine),
    ("=MBBCh", L::Medicine),
    ("=BM =BCh", L::Medicine),
    ("=BM =BS", L::Medicine),
    ("bmbs", L::Medicine),
    ("=MD", L::Medicine),
    ("master of", L::Masters),
    ("masters", L::Masters),
    ("master's", L::Masters),
    ("msc", L::Masters),
    ("=MA", L::Masters),
    ("mres", L::Masters),
    ("mphil", L::Masters),
    ("meng", L::Masters),
    ("mba", L::Masters),
    ("=MPH", L::Masters),
    ("=LLM", L::Masters),
    ("msci", L::Masters),
    ("mmath", L::Masters),
    ("mpharm", L::Masters),
    ("mchem", L::Masters),
    ("mphys", L::Masters),
    ("=MEd", L::Masters),
    ("=MSt", L::Masters),
    // Masters abbreviations of India, the US and elsewhere ("M.Tech", "M.E.",
    // "M.S. in"): "MS" alone is also Microsoft's, so only before "in".
    ("mtech", L::Masters),
    ("=ME", L::Masters),
    ("=MCA", L::Masters),
    ("=MCom", L::Masters),
    ("=MS in", L::Masters),
    ("=MSN", L::Masters),
    ("=MSW", L::Masters),
    ("=MFA", L::Masters),
    ("postgraduate certificate", L::Postgraduate),
    ("postgraduate cert", L::Postgraduate),
    ("postgraduate diploma", L::Postgraduate),
    ("graduate diploma", L::Postgraduate),
    ("graduate certificate", L::Postgraduate),
    ("pg certificate", L::Postgraduate),
    ("pg cert", L::Postgraduate),
    ("pg diploma", L::Postgraduate),
    ("pg dip", L::Postgraduate),
    ("pgcert", L::Postgraduate),
    ("pgdip", L::Postgraduate),
    ("=PgC", L::Postgraduate),
    ("=PgD", L::Postgraduate),
    ("=PGCE", L::Postgraduate),
    ("=PGDE", L::Postgraduate),
    ("bachelor of", L::Bachelors),
    ("bachelors", L::Bachelors),
    ("bachelor's", L::Bachelors),
    ("bachelor", L::Bachelors),
    ("bsc", L::Bachelors),
    ("=BA", L::Bachelors),
    ("beng", L::Bachelors),
    ("=LLB", L::Bachelors),
    ("=BEd", L::Bachelors),
    ("bmus", L::Bachelors),
    ("=BN", L::Bachelors),
    ("=BMedSci", L::Bachelors),
    ("=BDS", L::Bachelors),
    // Bachelors abbreviations of India, the US and elsewhere ("B.Tech", "B.E.",
    // "B.S. in", "BSN"; dots are dropped before matching). "BS" alone is also a
    // British Standard (BS 7671), so only before "in".
    ("btech", L::Bachelors),
    ("=BE", L::Bachelors),
    ("=BS in", L::Bachelors),
    ("=BCA", L::Bachelors),
    ("=BBA", L::Bachelors),
    ("bcom", L::Bachelors),
    ("=BSN", L::Bachelors),
    ("=BSW", L::Bachelors),
    ("=BFA", L::Bachelors),
    ("barch", L::Bachelors),
    ("bpharm", L::Bachelors),
    ("undergraduate degree", L::Bachelors),
    ("foundation degree", L::Foundation),
    // The US associate degree: two years of higher education, a UK foundation
    // degree's level.
    ("associate of arts", L::Foundation),
    ("associate of science", L::Foundation),
    ("associate of applied science", L::Foundation),
    ("associate of applied arts", L::Foundation),
    ("associate degree", L::Foundation),
    ("associate's degree", L::Foundation),
    ("associates degree", L::Foundation),
    ("=FdSc", L::Foundation),
    ("=FdA", L::Foundation),
    ("higher national diploma", L::Diploma),
    ("higher national certificate", L::Diploma),
    ("hnd", L::Diploma),
    ("hnc", L::Diploma),
    ("diphe", L::Diploma),
    ("diploma", L::Diploma),
    // A US or Canadian high-school diploma (or its GED equivalent) ends
    // secondary school, as A levels do; it is not a higher diploma.
    ("high school diploma", L::ALevel),
    ("secondary school diploma", L::ALevel),
    ("=GED", L::ALevel),
    ("=A levels", L::ALevel),
    ("=A level", L::ALevel),
    ("=AS levels", L::ALevel),
    ("=AS level", L::ALevel),
    ("advanced highers", L::ALevel),
    ("highers", L::ALevel),
    ("international baccalaureate", L::ALevel),
    ("=IB diploma", L::ALevel),
    // India's Higher Secondary (class 12) ends school as A levels do. Its
    // abbreviation HSC is not taken: in the UK it is Health and Social Care.
    ("higher secondary", L::ALevel),
    ("gcses", L::Gcse),
    ("gcse", L::Gcse),
    ("igcses", L::Gcse),
    ("igcse", L::Gcse),
    ("=O levels", L::Gcse),
    ("=O level", L::Gcse),
];

/// One qualification found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its level (bachelor's, master's, doctorate…).
    pub level: DegreeLevel,
    /// The subject, when named.
    pub subject: Option<String>,
    /// The class or grade ("First", "2:1", "Merit"), when given.
    pub class: Option<String>,
    /// The subject ran to the end of the line (it may continue on the next one).
    pub open: bool,
}

/// Word tokens with byte offsets: runs of alphanumerics, `'` and `’`, with inner dots
/// removed from the key ("B.Sc." is "BSc").
fn tokens(line: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut key = String::new();
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner_dot =
            c == '.' && start.is_some() && iter.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphanumeric() || c == '\'' || c == '’' || inner_dot {
            if start.is_none() {
                start = Some(i);
            }
            match c {
                '.' => {}
                '’' => key.push('\''),
                _ => key.push(c),
            }
        } else if let Some(s) = start.take() {
            // A trailing dot of an abbreviation ("B.Sc.") belongs to it.
            let end = if c == '.' && key.len() <= 6 { i + 1 } else { i };
            out.push((std::mem::take(&mut key), s, end.min(line.len())));
        }
    }
    if let Some(s) = start {
        out.push((key, s, line.len()));
    }
    out
}

fn word_matches(pat: &str, tok: &str) -> bool {
    match pat.strip_prefix('=') {
        Some(exact) => exact == tok,
        None => {
            pat.eq_ignore_ascii_case(tok)
                || tok.contains('\'')
                    && pat.bytes().map(|b| b.to_ascii_lowercase()).eq(tok
                        .bytes()
                        .filter(|&b| b != b'\'')
                        .map(|b| b.to_ascii_lowercase()))
        }
    }
}

/// The key a token or a pattern's first word is looked up by: lowercase, with
/// no apostrophes and no `=` mark. Every token a pattern word matches
/// ([`word_matches`]) has the pattern word's key.
fn word_key(word: &str) -> String {
    word.trim_start_matches('=')
        .chars()
        .filter(|&c| c != '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Patterns split into words, in [`PATTERNS`] order.
type SplitPatterns = Vec<(Vec<&'static str>, DegreeLevel)>;

/// [`PATTERNS`] split into words once, indexed by the key of their first word.
static PATTERN_WORDS: std::sync::LazyLock<std::collections::HashMap<String, SplitPatterns>> =
    std::sync::LazyLock::new(|| {
        let mut index: std::collections::HashMap<String, Vec<_>> = std::collections::HashMap::new();
        for (pat, level) in PATTERNS {
            let words: Vec<&str> = pat.split(' ').collect();
            index
                .entry(word_key(words[0]))
                .or_default()
                .push((words, *level));
        }
        index
    });

/// Every qualification [`PATTERNS`] names in `text`, as byte spans with their
/// level, left to right: the longest pattern wins at each position.
fn spans(text: &str) -> Vec<(usize, usize, DegreeLevel)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut best: Option<(usize, DegreeLevel)> = None;
        let candidates = PATTERN_WORDS.get(&word_key(&toks[i].0));
        for (words, level) in candidates.into_iter().flatten() {
            if i + words.len() > toks.len() {
                continue;
            }
            if words
                .iter()
                .zip(&toks[i..])
                .all(|(p, t)| word_matches(p, &t.0))
                && best.is_none_or(|(n, _)| words.len() > n)
            {
                best = Some((words.len(), *level));
            }
        }
        // Not a piece of a longer bracketed name: "IR(ME)R" is a regulation,
        // not a master's.
        let (start, _) = text.split_at(toks[i].1);
        let glued = start.ends_with('(') && {
            let before = start[..start.len() - 1].chars().next_back();
            before.is_some_and(char::is_alphanumeric)
        };
        match best {
            Some((n, level)) if !glued => {
                out.push((toks[i].1, toks[i + n - 1].2, level));
                i += n;
            }
            _ => i += 1,
        }
    }
    out
}

/// All qualifications in one line (first match wins at each position).
pub fn find(line: &str) -> Vec<(Found, usize)> {
    let class = find_class(line);
    let mut out: Vec<(Found, usize)> = Vec::new();
    for (start, end, level) in spans(line) {
        // "Bachelor of" / "Master of" leave "Science in X" to the subject.
        let (subject, open) = subject_after(&line[end..]);
        // "BA/MA" or "MB ChB" parts do not make duplicates.
        if !out.iter().any(|(f, _)| f.level == level) {
            out.push((
                Found {
                    level,
                    subject,
                    class: class.clone(),
                    open,
                },
                start,
            ));
        }
    }
    out
}

/// Words by which person specifications ask for a level without naming a
/// qualification ("a degree", "graduate calibre", "a postgraduate
/// qualification", "doctoral training", "educated to master level"). Matched
/// as lower-case whole words, outside a qualification [`PATTERNS`] names
/// ("foundation degree" is a foundation degree, not a degree). A CV line with
/// one of them alone shows no qualification.
const ASKED_WORDS: &[(&str, DegreeLevel)] = &[
    // Longest first: "post graduate" is not also "graduate".
    ("post graduate", L::Postgraduate),
    ("post-graduate", L::Postgraduate),
    ("undergraduate", L::Bachelors),
    ("postgraduate", L::Postgraduate),
    ("graduate", L::Bachelors),
    ("doctoral", L::Doctorate),
    ("a-levels", L::ALevel),
    // Hyphenated, "a-level" is A levels in any case; "a level" in lower case
    // is an extent ("communicate at a level appropriate to the audience").
    ("a-level", L::ALevel),
    ("degree", L::Bachelors),
    ("master", L::Masters),
];

/// Words after "postgraduate" that make it a qualification ("postgraduate
/// diploma", "post-graduate study"); without one, "postgraduate experience"
/// and "post-graduate clinical practice" are experience after graduating.
const POSTGRADUATE_NOUNS: &[&str] = &[
    "qualification",
    "qualifications",
    "qualified",
    "diploma",
    "certificate",
    "cert",
    "degree",
    "study",
    "studies",
    "course",
    "courses",
    "training",
    "level",
    "award",
    "masters",
    "msc",
];

/// The qualification levels a criterion names, with their byte offsets in
/// `text`, left to right: qualifications of the one table (`PATTERNS`, case
/// as there), the words that ask for a level (`ASKED_WORDS`) and levels of
/// the Regulated Qualifications Framework ("NVQ Level 3",
/// [`DegreeLevel::of_rqf`]).
pub fn asked(text: &str) -> Vec<(usize, DegreeLevel)> {
    asked_spans(text)
        .into_iter()
        .map(|(s, _, l)| (s, l))
        .collect()
}

/// [`asked`], with the byte span of the words that name each level: the
/// words a criterion's level is read from, and so never one of its key words
/// ("post graduate", "GCSEs").
pub fn asked_spans(text: &str) -> Vec<(usize, usize, DegreeLevel)> {
    let named = spans(text);
    // ASCII lower case keeps byte offsets.
    let lower = text.to_ascii_lowercase();
    // "Post graduate certificate": the table names "graduate certificate";
    // "post" is part of the name too.
    let mut out: Vec<(usize, usize, DegreeLevel)> = named
        .iter()
        .map(|&(s, e, l)| {
            let before = lower[..s].trim_end_matches([' ', '-']);
            match before.strip_suffix("post") {
                Some(b)
                    if lower[s..].starts_with("graduate")
                        && !b.ends_with(char::is_alphanumeric) =>
                {
                    (b.len(), e, l)
                }
                _ => (s, e, l),
            }
        })
        .collect();
    let mut taken: Vec<(usize, usize)> = out.iter().map(|&(s, e, _)| (s, e)).collect();
    for &(w, level) in ASKED_WORDS {
        for (i, _) in lower.match_indices(w) {
            let end = i + w.len();
            let edge = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '\'');
            if edge(lower[..i].chars().next_back())
                || edge(lower[end..].chars().next())
                || taken.iter().any(|&(s, e)| i < e && end > s)
            {
                continue;
            }
            if let Some(level) = asked_word_level(&lower, i, end, level, !named.is_empty()) {
                taken.push((i, end));
                out.push((i, end, level));
            }
        }
    }
    // UK qualification levels: "Level 7", "NVQ Level 3", "RQF level 6".
    for (i, _) in lower.match_indices("level ") {
        if lower[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let digits: String = lower[i + 6..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Some(level) = digits.parse().ok().and_then(DegreeLevel::of_rqf) {
            out.push((i, i + 6 + digits.len(), level));
        }
    }
    out.sort_by_key(|x| x.0);
    drop_elided(&lower, &mut out);
    out
}

/// Qualification nouns that a "postgraduate" before them makes postgraduate.
const ELIDED_NOUNS: &[&str] = &[
    "certificate",
    "certificates",
    "cert",
    "diploma",
    "diplomas",
    "degree",
    "degrees",
    "qualification",
    "qualifications",
];

/// Drops from `out` (levels asked in the lower-cased `lower`, by offset) a
/// qualification noun joined to a postgraduate one: in "postgraduate
/// certificate or diploma" and "post graduate diploma/degree" the second noun
/// shares the first's "postgraduate" (an ellipsis); it asks for no lower level
/// of its own, which as an alternative would let a sub-degree diploma meet the
/// criterion.
fn drop_elided(lower: &str, out: &mut Vec<(usize, usize, DegreeLevel)>) {
    let words = |t: &str| -> Vec<String> {
        t.replace('/', " / ")
            .split(|c: char| !(c.is_alphanumeric() || c == '/'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut i = 1;
    while i < out.len() {
        let ((a, _, la), (b, _, _)) = (out[i - 1], out[i]);
        let between = words(lower.get(a..b).unwrap_or(""));
        let head = match between.first().map(String::as_str) {
            // "Graduate certificate" is postgraduate in the table; "post
            // graduate certificate" is read from its second word.
            Some("postgraduate" | "graduate" | "pg") => 1,
            Some("post") if between.get(1).is_some_and(|w| w == "graduate") => 2,
            _ => 0,
        };
        let joined = head > 0
            && between.len() == head + 2
            && ELIDED_NOUNS.contains(&between[head].as_str())
            && ["or", "and", "/"].contains(&between[head + 1].as_str());
        let noun = words(lower.get(b..).unwrap_or(""))
            .first()
            .is_some_and(|w| ELIDED_NOUNS.contains(&w.as_str()));
        if la == L::Postgraduate && joined && noun {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// The level a word of [`ASKED_WORDS`] at `i..end` of the lower-cased `lower`
/// asks for there (`level` is the word's own), or `None` when it asks for none;
/// `named` says whether the text names a qualification as well.
fn asked_word_level(
    lower: &str,
    i: usize,
    end: usize,
    level: DegreeLevel,
    named: bool,
) -> Option<DegreeLevel> {
    let word = &lower[i..end];
    let rest = lower[end..].trim_start();
    match word {
        // "A high degree of accuracy", "some degree of autonomy": an extent
        // (a "degree of Bachelor of Science" names the bachelor's);
        // "360-degree feedback": an angle. "A 2:1 degree" is a degree.
        "degree" => {
            let extent = rest.starts_with("of ")
                && !["of bachelor", "of master", "of doctor"]
                    .iter()
                    .any(|p| rest.starts_with(p));
            let angle = lower[..i]
                .trim_end_matches([' ', '-'])
                .rsplit([' ', '-'])
                .next()
                .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
            (!extent && !angle).then_some(level)
        }
        // "Master" asks for a master's before a word of study ("master degree",
        // "master in statistics") or beside another qualification ("bachelor or
        // master"); not in "master data management", "Scrum Master", "trial
        // master file" or "master new tools".
        "master" => {
            const STUDY: &[&str] = &[
                "degree",
                "degrees",
                "level",
                "levels",
                "in",
                "qualification",
                "qualifications",
                "programme",
                "program",
                "student",
                "studies",
            ];
            let next = rest
                .split(|c: char| !c.is_alphanumeric())
                .find(|t| !t.is_empty());
            let study = next.is_some_and(|n| STUDY.contains(&n));
            let ends = rest.is_empty()
                || rest.starts_with([',', ';', '.', '/', ')'])
                || rest.starts_with("or ")
                || rest.starts_with("and ");
            let beside = named
                || ["bachelor", "degree", "phd", "doctorate"]
                    .iter()
                    .any(|q| lower.contains(q));
            let scrum = lower[..i].trim_end().ends_with("scrum");
            (!scrum && (study || (ends && beside))).then_some(level)
        }
        // "Two years' postgraduate experience", "post-graduate clinical
        // practice": experience after a degree, which it implies.
        _ if level == L::Postgraduate => {
            let clause = rest.split([',', ';', '.', '(']).next().unwrap_or("");
            let words: Vec<&str> = clause.split_whitespace().take(5).collect();
            let noun = words.iter().position(|w| POSTGRADUATE_NOUNS.contains(w));
            let practice = words
                .iter()
                .position(|w| ["experience", "practice"].contains(w));
            Some(if practice.is_some_and(|p| noun.is_none_or(|n| p < n)) {
                L::Bachelors
            } else {
                level
            })
        }
        _ => Some(level),
    }
}

/// A family of subjects that person specifications name by one word ("a
/// healthcare related subject", "a scientific discipline", "a quantitative
/// field"): a degree in any of its subjects is in the family.
#[derive(Debug)]
pub struct SubjectFamily {
    /// The words that name the family.
    pub words: &'static [&'static str],
    /// Words that complete the family's name beside its words, and then name
    /// no other family ("health" in "allied health profession").
    pub name_words: &'static [&'static str],
    /// Its subjects.
    pub subjects: &'static [&'static str],
}

/// The subject families. A criterion's subject that is only a family's word
/// accepts any of the family's subjects.
pub const SUBJECT_FAMILIES: &[SubjectFamily] = &[
    // The health professions: those the HCPC, NMC, GMC, GDC, GPhC and GOC
    // regulate, and the health sciences. Not "medical": a medical degree is
    // medicine's.
    SubjectFamily {
        words: &["health", "healthcare", "health care", "clinical"],
        name_words: &[],
        subjects: HEALTH_SUBJECTS,
    },
    // The natural and formal sciences, and the applied ones built on them.
    SubjectFamily {
        words: &["science", "sciences", "scientific", "STEM"],
        name_words: &[],
        subjects: &[
            "biology",
            "biological sciences",
            "chemistry",
            "physics",
            "mathematics",
            "maths",
            "statistics",
            "computer science",
            "computing",
            "engineering",
            "biochemistry",
            "biomedical science",
            "life sciences",
            "natural sciences",
            "genetics",
            "microbiology",
            "pharmacology",
            "physiology",
            "neuroscience",
            "psychology",
            "bioinformatics",
            "data science",
            "environmental science",
            "earth sciences",
            "geology",
            "astronomy",
            "zoology",
            "ecology",
            "biotechnology",
            "materials science",
        ],
    },
    // The allied health professions (NHS England's fourteen), named by
    // "allied health profession": narrower than the health family, whose word
    // "health" is here part of the name.
    SubjectFamily {
        words: &["allied", "AHP", "AHPs"],
        name_words: &["health", "profession", "professions"],
        subjects: &[
            "art therapy",
            "art psychotherapy",
            "drama therapy",
            "dramatherapy",
            "music therapy",
            "podiatry",
            "chiropody",
            "dietetics",
            "occupational therapy",
            "operating department practice",
            "orthoptics",
            "osteopathy",
            "paramedic",
            "paramedic science",
            "paramedicine",
            "physiotherapy",
            "prosthetics",
            "orthotics",
            "radiography",
            "diagnostic radiography",
            "therapeutic radiography",
            "speech and language therapy",
            "speech therapy",
        ],
    },
    // Subjects whose core is mathematics.
    SubjectFamily {
        // Not "mathematical": it stems as "mathematics" does, which names one
        // subject.
        words: &["quantitative", "numerate"],
        name_words: &[],
        subjects: &[
            "mathematics",
            "maths",
            "statistics",
            "physics",
            "economics",
            "econometrics",
            "computer science",
            "engineering",
            "operational research",
            "operations research",
            "actuarial science",
            "data science",
            "biostatistics",
            "epidemiology",
        ],
    },
    // Engineering and computing.
    SubjectFamily {
        words: &["technical"],
        name_words: &[],
        subjects: &[
            "engineering",
            "computer science",
            "computing",
            "information technology",
            "information systems",
            "software engineering",
            "electronics",
            "physics",
            "mathematics",
            "data science",
        ],
    },
];

/// The subjects of the health family.
const HEALTH_SUBJECTS: &[&str] = &[
    "nursing",
    "midwifery",
    "medicine",
    "medical",
    "surgery",
    "dentistry",
    "dental",
    "pharmacy",
    "pharmacology",
    "physiotherapy",
    "occupational therapy",
    "speech and language therapy",
    "radiography",
    "paramedic",
    "paramedic science",
    "dietetics",
    "nutrition",
    "podiatry",
    "orthoptics",
    "optometry",
    "audiology",
    "psychology",
    "biomedical",
    "biomedical science",
    "public health",
    "epidemiology",
    "health",
    "healthcare",
    "clinical",
    "operating department practice",
    "prosthetics",
    "physiology",
];

/// Subjects commonly written as abbreviations on CVs and in person
/// specifications, with what they stand for. Matched case-sensitively as whole
/// words ("IT", not "it"); only forms that name nothing else as a subject.
pub const SUBJECT_ABBREVIATIONS: &[(&str, &str)] = &[
    ("IT", "information technology"),
    ("ICT", "information and communication technology"),
    ("CS", "computer science"),
    ("CSE", "computer science and engineering"),
    ("EEE", "electrical and electronic engineering"),
    ("ECE", "electronics and communication engineering"),
    ("EIE", "electronics and instrumentation engineering"),
    ("PPE", "philosophy, politics and economics"),
    // Qualifications named for their subject: the name stands for it.
    ("MBBS", "medicine and surgery"),
    ("MBChB", "medicine and surgery"),
    ("MB ChB", "medicine and surgery"),
    ("MBBCh", "medicine and surgery"),
    ("BMBS", "medicine and surgery"),
    ("BM BCh", "medicine and surgery"),
    ("MPharm", "pharmacy"),
    ("BPharm", "pharmacy"),
    ("BDS", "dental surgery"),
    ("LLB", "law"),
    ("LLM", "law"),
    ("BVSc", "veterinary science"),
    ("BVetMed", "veterinary medicine"),
];

/// The subject abbreviations ([`SUBJECT_ABBREVIATIONS`]) in `text`, as byte
/// spans with what each stands for.
pub fn subject_abbreviations(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    for (abbr, full) in SUBJECT_ABBREVIATIONS {
        for (i, _) in text.match_indices(abbr) {
            let end = i + abbr.len();
            let before = text[..i].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
            {
                out.push((i, end, *full));
            }
        }
    }
    out
}

const SUBJECT_STOP_WORDS: &[&str] = &[
    "university",
    "college",
    "institute",
    "school",
    "at",
    "from",
    "with",
    "first",
    "upper",
    "lower",
    "distinction",
    "merit",
    "awarded",
    "expected",
    "grade",
    "grades",
    "class",
];

/// The subject in the text following a degree abbreviation.
fn subject_after(rest: &str) -> (Option<String>, bool) {
    let mut s = rest;
    // Leading "(Hons)", "Hons", "in", "of", ":", "degree".
    loop {
        let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '.');
        let lower = t.to_lowercase();
        let mut cut = None;
        for p in [
            "(hons.)",
            "(hons)",
            "hons.",
            "hons",
            "(honours)",
            "honours",
            "degree",
            "in ",
            "of ",
            "by research",
        ] {
            if lower.starts_with(p)
                && (p.ends_with(' ')
                    || p.ends_with(')')
                    || lower[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric()))
            {
                cut = Some(p.len());
                break;
            }
        }
        match cut {
            Some(n) => s = &t[n..],
            None => {
                s = t;
                break;
            }
        }
    }
    // "Diploma of the College of Occupational Therapists", "Certificate of the
    // Society of Radiographers": awarded by a profession's body, the
    // qualification is in that profession.
    let lower = s.to_lowercase();
    if lower.len() == s.len()
        && let Some(rest) = lower.strip_prefix("the ")
    {
        let rest = rest.strip_prefix("royal ").unwrap_or(rest);
        s = &s[s.len() - rest.len()..];
        for body in [
            "college of ",
            "society of ",
            "institute of ",
            "association of ",
        ] {
            if rest.starts_with(body) {
                s = &s[body.len()..];
                break;
            }
        }
    }
    // Up to a delimiter.
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if matches!(
            c,
            ',' | '–' | '—' | '(' | '|' | ';' | '/' | '[' | '·' | '•' | '\t'
        ) || c.is_ascii_digit()
            || (c == '-' && s[i + 1..].starts_with(' '))
            || s[i..].starts_with("  ")
        {
            end = i;
            break;
        }
    }
    let mut open = end == s.len();
    let mut words: Vec<&str> = Vec::new();
    for w in s[..end].split_whitespace() {
        let lw = w.to_lowercase();
        if SUBJECT_STOP_WORDS.contains(&lw.as_str()) {
            open = false;
            break;
        }
        words.push(w);
    }
    // "Science in Computer Science" after "Bachelor of".
    if let Some(pos) = words.iter().position(|w| *w == "in")
        && pos > 0
        && pos <= 2
    {
        words.drain(..=pos);
    }
    while words
        .last()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "and" | "&" | "-" | "of" | "in"))
    {
        words.pop();
    }
    let subject = words.join(" ");
    let subject = subject.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    if subject.chars().filter(|c| c.is_alphabetic()).count() < 2
        || !subject.chars().next().is_some_and(|c| c.is_alphabetic())
        || subject.len() > 80
    {
        return (None, open);
    }
    (Some(subject.to_string()), open)
}

fn has_word(lower: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(p) = lower[from..].find(word) {
        let s = from + p;
        let e = s + word.len();
        let before = lower[..s].chars().next_back();
        let after = lower[e..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return true;
        }
        from = e;
    }
    false
}

/// The degree class mentioned in a line: "First", "2:1", "2:2", "Third",
/// "Distinction", "Merit", "Commendation", "Pass".
pub fn find_class(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let class = if has_word(&lower, "first class")
        || has_word(&lower, "first-class")
        || has_word(&lower, "1st class")
        || has_word(&lower, "first class honours")
        || first_as_class(line)
    {
        "First"
    } else if has_word(&lower, "2:1")
        || has_word(&lower, "2.1")
        || has_word(&lower, "2(i)")
        || has_word(&lower, "upper second")
    {
        "2:1"
    } else if has_word(&lower, "2:2")
        || has_word(&lower, "2.2")
        || has_word(&lower, "2(ii)")
        || has_word(&lower, "lower second")
    {
        "2:2"
    } else if has_word(&lower, "third class") {
        "Third"
    } else if has_word(&lower, "distinction") {
        "Distinction"
    } else if has_word(&lower, "merit") {
        "Merit"
    } else if has_word(&lower, "commendation") {
        "Commendation"
    } else if has_word(&lower, "pass") && (lower.contains("– pass") || lower.contains("- pass")) {
        "Pass"
    } else {
        return None;
    };
    Some(class.to_string())
}

/// "… 2018 – First" / "(First)": a capitalised "First" after a dash, comma or
/// bracket, not followed by "-year" or a noun like "author".
fn first_as_class(line: &str) -> bool {
    let mut from = 0;
    while let Some(p) = line[from..].find("First") {
        let s = from + p;
        let e = s + "First".len();
        from = e;
        let before = line[..s].trim_end().chars().next_back();
        let after = line[e..].chars().next();
        if before.is_some_and(|c| matches!(c, '–' | '—' | '-' | ',' | '(' | ':'))
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '-')
        {
            let next_word = line[e..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            if !matches!(next_word.as_str(), "author" | "year" | "place" | "prize") {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Found {
        let f = find(line);
        assert_eq!(f.len(), 1, "{line}: {f:?}");
        f.into_iter().next().unwrap().0
    }

    #[test]
    fn us_associate_degrees_and_high_school_diplomas() {
        let f = one("Associate of Applied Science : Culinary Arts , 2009");
        assert_eq!(f.level, L::Foundation);
        assert_eq!(f.subject.as_deref(), Some("Culinary Arts"));
        assert_eq!(one("Associate's degree in Nursing").level, L::Foundation);
        // Not a higher diploma, and not the bare "Diploma" it contains.
        assert_eq!(one("High School Diploma , 2005").level, L::ALevel);
        assert_eq!(one("GED , 2004").level, L::ALevel);
        // "associate" alone is a job title word, not a degree.
        assert!(find("Marketing Associate, 2016 to 2018").is_empty());
    }

    #[test]
    fn qualifications_awarded_by_a_professions_body_are_in_that_profession() {
        let f = one("Diploma of the College of Occupational Therapists, Glenhaven College, 1998");
        assert_eq!(f.level, L::Diploma);
        assert_eq!(f.subject.as_deref(), Some("Occupational Therapists"));
        let f = one("Diploma of the Royal Society of Radiographers 1994");
        assert_eq!(f.subject.as_deref(), Some("Radiographers"));
        // Any other "the" before a subject is no part of it.
        let f = one("Diploma of the Theory of Music, 2001");
        assert_eq!(f.subject.as_deref(), Some("Theory of Music"));
    }

    #[test]
    fn abbreviations_with_subject_and_class() {
        let f = one("BSc (Hons) Mathematics and Statistics – Northshire University, 2018 – 2:1");
        assert_eq!(f.level, L::Bachelors);
        assert_eq!(f.subject.as_deref(), Some("Mathematics and Statistics"));
        assert_eq!(f.class.as_deref(), Some("2:1"));

        let f = one("MSc Data Science – University of Eastbridge, 2019 – Distinction");
        assert_eq!(f.level, L::Masters);
        assert_eq!(f.subject.as_deref(), Some("Data Science"));
        assert_eq!(f.class.as_deref(), Some("Distinction"));

        let f = one(
            "BEng (Hons) Computer Systems Engineering – University of Wexcombe, 2018 – First Class",
        );
        assert_eq!(f.level, L::Bachelors);
        assert_eq!(f.subject.as_deref(), Some("Computer Systems Engineering"));
        assert_eq!(f.class.as_deref(), Some("First"));

        let f = one("B.Sc. Biomedical Science, University of Northby (2012), Upper Second");
        assert_eq!(f.level, L::Bachelors);
        assert_eq!(f.subject.as_deref(), Some("Biomedical Science"));
        assert_eq!(f.class.as_deref(), Some("2:1"));
    }

    #[test]
    fn spelled_out_degrees() {
        let f = one("Bachelor of Science in Computer Science, Eastbridge University");
        assert_eq!(f.level, L::Bachelors);
        assert_eq!(f.subject.as_deref(), Some("Computer Science"));
        let f = one("Master's in Public Health (MPH) with Merit");
        assert_eq!(f.level, L::Masters);
        assert_eq!(f.subject.as_deref(), Some("Public Health"));
        assert_eq!(f.class.as_deref(), Some("Merit"));
        let f = one("Doctor of Philosophy in Biostatistics, 2016");
        assert_eq!(f.level, L::Doctorate);
        assert_eq!(f.subject.as_deref(), Some("Biostatistics"));
        let f = one("PhD, Health Informatics – University of Kingsmere");
        assert_eq!(f.level, L::Doctorate);
        assert_eq!(f.subject, None);
        let f = one("PhD in Computational Imaging (2015-2019)");
        assert_eq!(f.subject.as_deref(), Some("Computational Imaging"));
    }

    #[test]
    fn abbreviations_of_india_and_the_us() {
        let f = one("August 2014 to May 2018 B.Tech. Computer Science Manipal Institute");
        assert_eq!(f.level, L::Bachelors);
        assert_eq!(
            one("January 2010 B.E. computer science Bhopal").level,
            L::Bachelors
        );
        assert_eq!(
            one("BE Electronics & Communication Jabalpur").level,
            L::Bachelors
        );
        assert_eq!(one("MCA YMCAUST, Faridabad").level, L::Masters);
        assert_eq!(one("M.Tech in Data Science, 2016").level, L::Masters);
        assert_eq!(one("B.S. in Biology, 2012").level, L::Bachelors);
        let f = one("M.S. in Computer Science, Ohio State University");
        assert_eq!(f.level, L::Masters);
        assert_eq!(f.subject.as_deref(), Some("Computer Science"));
        assert_eq!(one("BSN, Registered Nursing, 2015").level, L::Bachelors);
        assert_eq!(
            one("Higher Secondary, Maharashtra State Board").level,
            L::ALevel
        );
        // Microsoft's MS, British Standards, Health and Social Care, and "be"
        // and "me" as words, are no degrees.
        assert!(find("MS Office, MS Excel").is_empty());
        assert!(find("18th Edition BS 7671 wiring regulations").is_empty());
        assert!(find("HSC trust, Belfast").is_empty());
        assert!(find("Willing to be trained; contact me").is_empty());
    }

    #[test]
    fn medicine() {
        assert_eq!(
            one("MBChB, University of Westhaven, 2009").level,
            L::Medicine
        );
        assert_eq!(one("MB ChB (Hons) 2009").level, L::Medicine);
        assert_eq!(one("MBBS with Distinction").level, L::Medicine);
        assert_eq!(one("BM BCh, Oxbury").level, L::Medicine);
        assert!(L::Medicine > L::Masters && L::Doctorate > L::Medicine);
    }

    #[test]
    fn school_and_diplomas() {
        let f = one("A levels: History (A), English Literature (A), Welsh (B)");
        assert_eq!(f.level, L::ALevel);
        assert_eq!(f.subject.as_deref(), Some("History"));
        assert_eq!(one("10 GCSEs at grades 9-7").level, L::Gcse);
        assert_eq!(one("A-levels in Maths, Physics").level, L::ALevel);
        assert_eq!(one("HND Computing, Riverside College").level, L::Diploma);
        assert_eq!(one("PGCE Secondary History, 2013").level, L::Postgraduate);
        assert_eq!(
            one("PGCE Secondary History, 2013").subject.as_deref(),
            Some("Secondary History")
        );
        assert_eq!(
            one("PG Cert Data Ethics & AI (2021)").level,
            L::Postgraduate
        );
    }

    #[test]
    fn criteria_name_levels_from_the_same_table() {
        let levels = |t: &str| asked(t).into_iter().map(|(_, l)| l).collect::<Vec<_>>();
        // Qualifications of the table, which criteria name too.
        assert_eq!(levels("MBBS or equivalent"), vec![L::Medicine]);
        assert_eq!(
            levels("MPharm or equivalent overseas degree"),
            vec![L::Masters, L::Bachelors]
        );
        assert_eq!(
            levels("Cert Ed, PGCE or Masters"),
            vec![L::Postgraduate, L::Masters]
        );
        // A named qualification is not also its generic word.
        assert_eq!(
            levels("Foundation Degree Nursing Associate"),
            vec![L::Foundation]
        );
        assert_eq!(
            levels("A postgraduate diploma in clinical pharmacy"),
            vec![L::Postgraduate]
        );
        // Words that ask for a level, and framework levels.
        assert_eq!(levels("Degree level education"), vec![L::Bachelors]);
        assert_eq!(levels("Educated to master level"), vec![L::Masters]);
        assert_eq!(
            levels("NVQ Level 3 in Health and Social Care"),
            vec![L::ALevel]
        );
        assert_eq!(levels("a Level 7 qualification"), vec![L::Masters]);
        assert_eq!(levels("Two a-levels"), vec![L::ALevel]);
        // Extents and other words are not qualifications.
        assert!(levels("communicate at a level appropriate to the audience").is_empty());
        assert!(levels("a high degree of accuracy").is_empty());
        assert!(levels("Experience of 360-degree feedback").is_empty());
        assert!(levels("Runs 360 degree appraisals").is_empty());
        assert_eq!(
            levels("A 2:1 degree in a relevant subject"),
            vec![L::Bachelors]
        );
        assert!(levels("sublevel 3 of the masterclass").is_empty());
        assert!(levels("level 10 of the game").is_empty());
        assert!(levels("IR(ME)R training").is_empty());
        // "Post graduate" is "postgraduate"; experience after graduating asks
        // for a degree, not a postgraduate qualification.
        assert_eq!(
            levels("Post graduate qualification in governance"),
            vec![L::Postgraduate]
        );
        assert_eq!(
            levels("A post-graduate diploma in nursing"),
            vec![L::Postgraduate]
        );
        assert_eq!(
            levels("2 years postgraduate experience"),
            vec![L::Bachelors]
        );
        assert_eq!(
            levels("Post-graduate clinical experience as a Band 5 therapist"),
            vec![L::Bachelors]
        );
        assert_eq!(
            levels("Postgraduate training in CBT"),
            vec![L::Postgraduate]
        );
    }

    #[test]
    fn a_primary_medical_degree_is_met_only_by_one() {
        assert!(L::Medicine.meets(L::Medicine));
        assert!(!L::Doctorate.meets(L::Medicine));
        assert!(!L::Masters.meets(L::Medicine));
        assert!(L::Medicine.meets(L::Masters));
        assert!(L::Doctorate.meets(L::Masters));
        assert!(!L::Bachelors.meets(L::Masters));
        // Nothing is "one level below" an MBBS, and an MBBS is on no ladder
        // below a doctorate.
        assert!(!L::Masters.just_below(L::Medicine));
        assert!(!L::Medicine.just_below(L::Doctorate));
        assert!(L::Masters.just_below(L::Doctorate));
        assert!(L::Bachelors.just_below(L::Postgraduate));
        assert!(!L::Bachelors.just_below(L::Bachelors));
    }

    #[test]
    fn several_on_one_line_and_no_false_hits() {
        let f = find("BA (Hons) Psychology; MSc Health Psychology");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0.level, L::Bachelors);
        assert_eq!(f[1].0.level, L::Masters);
        assert!(find("Managed a team of data analysts at a masterclass").is_empty());
        assert!(find("Ma and pa; md5 checksums").is_empty());
    }

    #[test]
    fn classes() {
        assert_eq!(find_class("2:2").as_deref(), Some("2:2"));
        assert_eq!(
            find_class("Lower Second Class Honours").as_deref(),
            Some("2:2")
        );
        assert_eq!(find_class("First-class honours").as_deref(), Some("First"));
        assert_eq!(
            find_class("BSc Physics, 2010 – First").as_deref(),
            Some("First")
        );
        assert_eq!(find_class("First author on two papers"), None);
        assert_eq!(find_class("Final-year project"), None);
    }

    #[test]
    fn ranks() {
        assert!(L::Gcse.rank() < L::ALevel.rank());
        assert_eq!(L::Doctorate.rank(), 9);
        assert!(L::Bachelors.is_degree() && !L::Diploma.is_degree());
    }
}
