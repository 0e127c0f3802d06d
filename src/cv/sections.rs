//! Section headings: which lines start a section, and of what kind.
//!
//! A heading is a short line whose words (after dropping modifiers such as
//! "relevant", "professional", "key") are heading words ("Experience", "Skills",
//! "Qualifications"…), optionally ALL CAPS or with a trailing colon. When the
//! document carries font information, short lines set larger than the body text
//! (or ALL CAPS short lines) after the first recognised heading are taken as headings
//! of unknown kind ([`SectionKind::Other`]).

use serde::Serialize;

/// The kind of a CV section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Lines before the first heading (name, contact details), and "Contact" or
    /// "Personal details" sections.
    Header,
    /// A profile, summary or personal statement.
    Profile,
    /// Employment history.
    Experience,
    /// Education and qualifications.
    Education,
    /// Skills.
    Skills,
    /// Certifications and training.
    Certifications,
    /// Professional registration.
    Registration,
    /// Publications.
    Publications,
    /// Projects.
    Projects,
    /// Anything else (and the header before the first heading).
    Other,
}

impl SectionKind {
    /// Lowercase name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Header => "header",
            SectionKind::Profile => "profile",
            SectionKind::Experience => "experience",
            SectionKind::Education => "education",
            SectionKind::Skills => "skills",
            SectionKind::Certifications => "certifications",
            SectionKind::Registration => "registration",
            SectionKind::Publications => "publications",
            SectionKind::Projects => "projects",
            SectionKind::Other => "other",
        }
    }
}

impl std::fmt::Display for SectionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

use SectionKind as K;

/// Whole-heading phrases (normalised: lowercase, `&` as "and", punctuation dropped).
const PHRASES: &[(&str, SectionKind)] = &[
    ("personal statement", K::Profile),
    ("personal profile", K::Profile),
    ("about me", K::Profile),
    ("career summary", K::Profile),
    ("career profile", K::Profile),
    ("professional summary", K::Profile),
    ("executive summary", K::Profile),
    ("career objective", K::Profile),
    ("professional development", K::Certifications),
    ("continuing professional development", K::Certifications),
    ("cpd", K::Certifications),
    ("professional qualifications", K::Certifications),
    ("licences and certifications", K::Certifications),
    ("licenses and certifications", K::Certifications),
    ("personal details", K::Header),
    ("personal information", K::Header),
    ("contact details", K::Header),
    ("contact information", K::Header),
    ("work history", K::Experience),
    // Terse CVs head their jobs "WORK".
    ("work", K::Experience),
    ("company details", K::Experience),
    ("skill details", K::Skills),
    ("skill set", K::Skills),
    ("skills set", K::Skills),
    ("skillset", K::Skills),
    ("skills details", K::Skills),
    ("education details", K::Education),
    ("employment history", K::Experience),
    ("career history", K::Experience),
    ("positions held", K::Experience),
    ("academic background", K::Education),
    ("academic history", K::Education),
    ("academic record", K::Education),
    ("professional bodies", K::Registration),
    ("research outputs", K::Publications),
    // Headings naming work done, which hold what the candidate did as an
    // experience section does ("RESEARCH AND AUDIT", "TEACHING").
    ("research", K::Projects),
    ("audit", K::Projects),
    ("audits", K::Projects),
    ("clinical audit", K::Projects),
    ("research and audit", K::Projects),
    ("audit and research", K::Projects),
    ("quality improvement", K::Projects),
    ("audit and quality improvement", K::Projects),
    ("quality improvement and audit", K::Projects),
    ("teaching", K::Projects),
    ("teaching and training", K::Projects),
    ("research and teaching", K::Projects),
    ("leadership", K::Projects),
    ("leadership and management", K::Projects),
    ("management and leadership", K::Projects),
    ("selected outputs", K::Publications),
    ("open source", K::Projects),
    ("additional information", K::Other),
    ("further information", K::Other),
    ("tech stack", K::Skills),
    ("areas of expertise", K::Skills),
    // US résumé conventions: "Highlights" and "Core Qualifications" list
    // skills; a "Summary of Qualifications" is a profile.
    ("highlights", K::Skills),
    ("core qualifications", K::Skills),
    ("summary of qualifications", K::Profile),
];

/// Heading words and the section they name.
const WORDS: &[(&str, SectionKind)] = &[
    ("profile", K::Profile),
    ("summary", K::Profile),
    ("statement", K::Profile),
    ("objective", K::Profile),
    ("overview", K::Profile),
    ("introduction", K::Profile),
    ("about", K::Profile),
    ("experience", K::Experience),
    ("employment", K::Experience),
    ("career", K::Experience),
    ("appointments", K::Experience),
    ("positions", K::Experience),
    ("posts", K::Experience),
    ("volunteering", K::Experience),
    ("placements", K::Experience),
    ("internships", K::Experience),
    ("education", K::Education),
    ("qualifications", K::Education),
    ("qualification", K::Education),
    ("academic", K::Education),
    ("degrees", K::Education),
    ("skills", K::Skills),
    ("skill", K::Skills),
    ("competencies", K::Skills),
    ("competences", K::Skills),
    ("expertise", K::Skills),
    ("technologies", K::Skills),
    ("tools", K::Skills),
    ("languages", K::Skills),
    ("capabilities", K::Skills),
    ("strengths", K::Skills),
    ("proficiencies", K::Skills),
    ("methods", K::Skills),
    ("toolkit", K::Skills),
    ("systems", K::Skills),
    ("standards", K::Skills),
    ("funding", K::Other),
    ("grants", K::Other),
    ("certifications", K::Certifications),
    ("certification", K::Certifications),
    ("certificates", K::Certifications),
    ("training", K::Certifications),
    ("courses", K::Certifications),
    ("accreditations", K::Certifications),
    ("registration", K::Registration),
    ("registrations", K::Registration),
    ("memberships", K::Registration),
    ("membership", K::Registration),
    ("affiliations", K::Registration),
    ("publications", K::Publications),
    ("presentations", K::Publications),
    ("papers", K::Publications),
    ("posters", K::Publications),
    ("conferences", K::Publications),
    ("talks", K::Publications),
    ("outputs", K::Publications),
    ("patents", K::Publications),
    ("projects", K::Projects),
    ("portfolio", K::Projects),
    ("interests", K::Other),
    ("hobbies", K::Other),
    ("references", K::Other),
    ("referees", K::Other),
    ("awards", K::Other),
    ("achievements", K::Other),
    ("accomplishments", K::Other),
    ("honours", K::Other),
    ("activities", K::Other),
    ("contact", K::Header),
];

/// Words that may qualify a heading word without changing its kind.
const MODIFIERS: &[&str] = &[
    "and",
    "my",
    "key",
    "selected",
    "relevant",
    "recent",
    "professional",
    "work",
    "other",
    "additional",
    "further",
    "technical",
    "core",
    "clinical",
    "research",
    "teaching",
    "industry",
    "nhs",
    "employment",
    "main",
    "notable",
    "previous",
    "personal",
    "digital",
    "software",
    "it",
    "programming",
    "leadership",
    "management",
    "history",
    "highlights",
    "summary",
    "conference",
    "voluntary",
    "volunteer",
    "project",
    "academic",
    "a",
    "the",
    "of",
];

/// Heading words strong enough to name a section from the end of an otherwise
/// unknown phrase ("Clinical safety and digital experience").
const LAST_WORDS: &[&str] = &[
    "experience",
    "employment",
    "education",
    "qualifications",
    "skills",
    "competencies",
    "expertise",
    "certifications",
    "certificates",
    "training",
    "publications",
    "projects",
    "interests",
    "registration",
    "memberships",
    "profile",
    "summary",
];

/// Words that make a line a job title rather than a heading.
const JOB_WORDS: &[&str] = &[
    "head",
    "officer",
    "manager",
    "director",
    "lead",
    "leader",
    "coordinator",
    "assistant",
    "consultant",
    "fellow",
    "lecturer",
    "teacher",
    "tutor",
    "nurse",
    "scientist",
    "engineer",
    "analyst",
    "specialist",
    "administrator",
    "facilitator",
    "trainer",
    "developer",
    "chair",
    "member",
    "of",
    "for",
    "at",
    "in",
];

fn normalise(text: &str) -> String {
    let t = text.trim();
    // Leading bullets / numbering ("1.", "•", "#").
    let t = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | ')' | '•' | '#' | '*' | '-' | '▪' | '■' | '§')
    });
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if c == '&' || c == '+' {
            out.push_str(" and ");
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            // "Master's" style apostrophes vanish.
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section kind a heading text names, if it is heading vocabulary.
pub fn heading_kind(text: &str) -> Option<SectionKind> {
    let n = normalise(text);
    if n.is_empty() {
        return None;
    }
    if let Some((_, k)) = PHRASES.iter().find(|(p, _)| *p == n) {
        return Some(*k);
    }
    let words: Vec<&str> = n.split(' ').collect();
    if words.len() > 6 {
        return None;
    }
    let mut kind = None;
    let mut unknown = false;
    for w in &words {
        if let Some((_, k)) = WORDS.iter().find(|(h, _)| h == w) {
            if kind.is_none() {
                kind = Some(*k);
            }
        } else if !MODIFIERS.contains(w) {
            unknown = true;
        }
    }
    if unknown {
        // Two headings joined ("Education & Professional Development",
        // "Skills and Continuing Professional Development"): the first names
        // the section when every part is a heading of its own.
        let parts: Vec<&str> = n.split(" and ").collect();
        if parts.len() > 1
            && let Some(kinds) = parts
                .iter()
                .map(|p| heading_kind(p))
                .collect::<Option<Vec<_>>>()
        {
            return kinds.first().copied();
        }
        // "Clinical safety and digital experience": a heading word last, no job
        // words ("Head of Education", "Director of Training" are titles).
        let last = words.last()?;
        if !LAST_WORDS.contains(last)
            || words.len() > 5
            || words.iter().any(|w| JOB_WORDS.contains(w))
            || text.contains('(')
            || !super::degrees::find(text).is_empty()
        {
            return None;
        }
        let (_, k) = WORDS.iter().find(|(h, _)| h == last)?;
        return Some(*k);
    }
    // A line of modifiers only ("Professional") is not a heading.
    kind?;
    // Prefer a word that is not also a modifier: "Academic qualifications" is
    // Education, "Summary of skills" is Skills.
    let strong = words
        .iter()
        .filter(|w| !MODIFIERS.contains(w))
        .find_map(|w| WORDS.iter().find(|(h, _)| h == w).map(|(_, k)| *k));
    strong.or(kind)
}

/// Facts about one line used by heading detection.
pub struct LineInfo<'a> {
    /// The line's text.
    pub text: &'a str,
    /// Its font size in points (0 for plain text).
    pub font_size: f32,
    /// Whether it is set in bold.
    pub bold: bool,
    /// Followed by a rule line ("-----", "=====") in plain text.
    pub underlined: bool,
}

/// Is this a rule line ("-----", "=====", "____"), used to underline headings in
/// plain-text CVs?
pub fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '~' | '*' | '#' | '─' | '━' | '═' | ' '))
}

fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| c.is_alphabetic())
}

fn is_all_caps(text: &str) -> bool {
    let mut n = 0;
    for c in letters(text) {
        if c.is_lowercase() {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// Could this line be a heading by shape (short, no sentence punctuation)?
fn heading_shaped(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    if t.is_empty() || t.chars().count() > 60 || t.ends_with('.') || t.ends_with(',') {
        return false;
    }
    if t.split_whitespace().count() > 6 {
        return false;
    }
    let first = t
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next();
    // Headings start with a capital (or are numbered).
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !t
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .chars()
            .any(|c| c.is_ascii_digit() || c == '@')
}

/// Whether a section of this kind is made of entries that may have headings of
/// their own (employers, projects, institutions, groups of skills).
fn holds_entries(kind: SectionKind) -> bool {
    matches!(
        kind,
        K::Experience
            | K::Education
            | K::Skills
            | K::Projects
            | K::Publications
            | K::Certifications
            | K::Registration
    )
}

/// How a heading is set, to tell a section's peers from its entries' headings.
struct HeadStyle {
    size: f32,
    bold: bool,
    caps: bool,
    underlined: bool,
}

impl HeadStyle {
    fn of(l: &LineInfo<'_>) -> HeadStyle {
        HeadStyle {
            size: l.font_size,
            bold: l.bold,
            caps: is_all_caps(l.text),
            underlined: l.underlined,
        }
    }

    /// Whether a line of unknown name is set like this heading, so starts a
    /// section of its own: as large (a quarter point's slack), bold and in
    /// capitals when this one is. In plain text, where capitals are how
    /// employers and headings alike are set, only a rule under both tells
    /// ("EXPERIENCE" then "ACCENTURE UK" is an entry, not a section).
    fn peer(&self, l: &LineInfo<'_>, has_fonts: bool) -> bool {
        let caps = !self.caps || is_all_caps(l.text);
        if has_fonts && self.size > 0.0 && l.font_size > 0.0 {
            l.font_size >= self.size - 0.25 && (l.bold || !self.bold) && caps
        } else {
            self.underlined && l.underlined && caps
        }
    }
}

/// Per line: `Some((kind, heading text))` when the line starts a section.
///
/// A line "Skills: Python, SQL" starts a Skills section whose heading is "Skills".
pub fn detect(
    lines: &[LineInfo<'_>],
    knowledge: &crate::knowledge::Knowledge,
    deadline: &crate::limits::Deadline,
) -> Result<Vec<Option<(SectionKind, String)>>, crate::limits::Hit> {
    let sizes: Vec<f32> = {
        let mut v: Vec<f32> = lines
            .iter()
            .filter(|l| l.font_size > 0.0)
            .map(|l| l.font_size)
            .collect();
        v.sort_by(|a, b| a.total_cmp(b));
        v
    };
    let has_fonts = !sizes.is_empty();
    let median = if has_fonts {
        sizes[sizes.len() / 2]
    } else {
        0.0
    };
    // Recognised headings set the bar for unknown ones: a job title set in bold at
    // 10.5 pt is not a heading when "EXPERIENCE" is 11.5 pt.
    let known_min = lines
        .iter()
        .filter(|l| l.font_size > 0.0 && heading_shaped(l.text) && heading_kind(l.text).is_some())
        .map(|l| l.font_size)
        .min_by(|a, b| a.total_cmp(b));
    let larger = |l: &LineInfo<'_>| {
        has_fonts
            && l.font_size > median * 1.12
            && known_min.is_none_or(|k| l.font_size >= k - 0.25)
    };

    let mut out = Vec::with_capacity(lines.len());
    let mut seen_heading = false;
    // The kind and look of the heading that opened the current section.
    let mut current: Option<(SectionKind, HeadStyle)> = None;
    let mut prev_text = "";
    for l in lines {
        deadline.tick()?;
        let text = l.text.trim();
        let mut found = None;
        let bullet = text.starts_with(['•', '-', '*', '▪', '■', '◦', '‣', '–', '·', '>']);
        // A line continuing the previous one ("… MHRA AI guidance," / "NICE ESF").
        let continuation =
            prev_text.ends_with([',', '&', '-', '/', '(']) || prev_text.ends_with(" and");
        prev_text = text;
        if bullet || continuation {
            out.push(None);
            continue;
        }
        let mut named = false;
        if heading_shaped(text) {
            if let Some(k) = heading_kind(text) {
                named = true;
                found = Some((k, text.trim_end_matches(':').trim_end().to_string()));
            } else if l.underlined
                && text.split_whitespace().count() <= 5
                // An underlined name at the top is still the header.
                && (seen_heading || !super::personal::looks_like_name(text, knowledge))
            {
                found = Some((K::Other, text.trim_end_matches(':').trim_end().to_string()));
            } else if seen_heading {
                // Unknown heading: larger font, or ALL CAPS (bold or no font info).
                let short = text.split_whitespace().count() <= 5;
                let caps = is_all_caps(text)
                    && text.split_whitespace().count() <= 4
                    && !text.trim_end_matches(':').contains(':')
                    && text
                        .split(|c: char| !c.is_alphabetic())
                        .any(|w| w.chars().count() >= 5);
                let bold_enough = l.bold && known_min.is_none_or(|k| l.font_size >= k - 0.25);
                if short && (larger(l) || (caps && (!has_fonts || bold_enough))) {
                    found = Some((K::Other, text.trim_end_matches(':').trim_end().to_string()));
                }
            }
        }
        if found.is_none()
            && let Some((head, rest)) = text.split_once(':')
        {
            // Inline heading: "Key skills: Python, SQL".
            let head = head.trim();
            if !rest.trim().is_empty()
                && head.split_whitespace().count() <= 3
                && heading_shaped(head)
                && let Some(k) = heading_kind(head)
            {
                // Only whole known phrases or a single heading word, to keep
                // "Languages: Python" inside a skills list from spawning sections of
                // other kinds.
                named = true;
                found = Some((k, head.to_string()));
            }
        }
        // A heading of no known name inside a section of content is one of its
        // entries' headings (an employer, a project, a group of skills) unless
        // it looks like the heading that opened the section.
        if !named
            && found.is_some()
            && let Some((kind, style)) = &current
            && holds_entries(*kind)
            && !style.peer(l, has_fonts)
        {
            found = None;
        }
        if let Some((kind, _)) = &found {
            seen_heading = true;
            current = Some((*kind, HeadStyle::of(l)));
        }
        out.push(found);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[&'static str]) -> Vec<Option<SectionKind>> {
        let infos: Vec<LineInfo<'_>> = lines
            .iter()
            .map(|t| LineInfo {
                text: t,
                font_size: 0.0,
                bold: false,
                underlined: false,
            })
            .collect();
        kinds(&infos)
    }

    /// A line of a PDF: its text, font size and boldness.
    fn mk(text: &'static str, font_size: f32, bold: bool) -> LineInfo<'static> {
        LineInfo {
            text,
            font_size,
            bold,
            underlined: false,
        }
    }

    /// The section kind each line starts, if any.
    fn kinds(infos: &[LineInfo<'_>]) -> Vec<Option<SectionKind>> {
        detect(
            infos,
            crate::knowledge::for_tests(),
            &crate::limits::Deadline::never(),
        )
        .unwrap()
        .into_iter()
        .map(|o| o.map(|(k, _)| k))
        .collect()
    }

    #[test]
    fn vocabulary() {
        for (t, k) in [
            ("Profile", K::Profile),
            ("PERSONAL STATEMENT", K::Profile),
            ("About me", K::Profile),
            ("Professional Summary:", K::Profile),
            ("Work experience", K::Experience),
            ("Employment History", K::Experience),
            ("Teaching experience", K::Experience),
            ("CAREER HISTORY", K::Experience),
            ("Education", K::Education),
            ("Education and qualifications", K::Education),
            ("Academic Qualifications", K::Education),
            ("Technical skills", K::Skills),
            ("Key Skills", K::Skills),
            ("Core competencies", K::Skills),
            ("Highlights", K::Skills),
            ("Skill Highlights", K::Skills),
            ("Core Qualifications", K::Skills),
            ("Summary of Qualifications", K::Profile),
            ("Accomplishments", K::Other),
            ("Skills & interests", K::Skills),
            ("Certifications", K::Certifications),
            ("Training and courses", K::Certifications),
            ("Professional development", K::Certifications),
            ("EDUCATION & PROFESSIONAL DEVELOPMENT", K::Education),
            ("RESEARCH AND AUDIT", K::Projects),
            ("Teaching", K::Projects),
            ("Research interests", K::Other),
            ("Skills and continuing professional development", K::Skills),
            ("Professional registration", K::Registration),
            ("MEMBERSHIPS", K::Registration),
            ("Publications and presentations", K::Publications),
            ("Selected outputs", K::Publications),
            ("Projects", K::Projects),
            ("Interests", K::Other),
            ("Contact", K::Header),
            ("1. Experience", K::Experience),
            ("Clinical safety and digital experience", K::Experience),
            ("SKILL SET", K::Skills),
            ("Technical proficiencies", K::Skills),
            ("Clinical placements", K::Experience),
            ("Internships", K::Experience),
            ("Conferences", K::Publications),
            ("WORK", K::Experience),
            ("Work:", K::Experience),
        ] {
            assert_eq!(heading_kind(t), Some(k), "{t}");
        }
        for t in [
            "Head of Education",
            "Data Scientist",
            "Skills lab facilitator at the Trust",
            "Professional",
            "Education Officer",
            "Director of Clinical Training",
            "BSc (Hons) Business Information Systems",
            "Clinical information systems",
        ] {
            assert_eq!(heading_kind(t), None, "{t}");
        }
    }

    #[test]
    fn plain_text_detection() {
        let got = plain(&[
            "Jane Example",
            "jane@example.com",
            "Summary",
            "I build models.",
            "EXPERIENCE",
            "Data Scientist, Acme    Jan 2020 - Present",
            "Skills are important in this job, as is experience.",
            "Education:",
            "MSc Data Science",
            "Key skills: Python, SQL",
            "METHODS",
            "• Languages",
            "Data: EPR extracts, SUS,",
            "NICE ESF",
            "RIS: CRIS",
        ]);
        assert_eq!(
            got,
            vec![
                None,
                None,
                Some(K::Profile),
                None,
                Some(K::Experience),
                None,
                None,
                Some(K::Education),
                None,
                Some(K::Skills),
                Some(K::Skills),
                None,
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn entry_headings_in_capitals_do_not_end_a_plain_text_section() {
        // Employers in capitals under a heading in capitals: entries of the
        // experience section, not sections of unknown kind (which would take
        // the jobs below them out of the experience).
        let got = plain(&[
            "Jane Example",
            "EXPERIENCE",
            "ACCENTURE UK",
            "Senior Analyst, Jan 2019 - Present",
            "NHS DIGITAL",
            "Analyst, 2015 - 2018",
            "EDUCATION",
            "UNIVERSITY OF LEEDS",
            "BSc Mathematics, 2014",
        ]);
        assert_eq!(
            got,
            vec![
                None,
                Some(K::Experience),
                None,
                None,
                None,
                None,
                Some(K::Education),
                None,
                None,
            ]
        );
        // With a rule under every heading, an unknown one ruled like the others
        // is a section of its own.
        let lines = [
            ("EXPERIENCE", true),
            ("ACCENTURE UK", false),
            ("Senior Analyst, Jan 2019 - Present", false),
            ("MILITARY SERVICE", true),
            ("Royal Signals, 2010 - 2014", false),
        ];
        let infos: Vec<LineInfo<'_>> = lines
            .iter()
            .map(|&(text, underlined)| LineInfo {
                text,
                font_size: 0.0,
                bold: false,
                underlined,
            })
            .collect();
        let got = kinds(&infos);
        assert_eq!(
            got,
            vec![Some(K::Experience), None, None, Some(K::Other), None]
        );
    }

    #[test]
    fn entry_headings_set_unlike_the_section_heading_stay_in_the_section() {
        let lines = vec![
            mk("Jane Example", 28.0, true),
            mk("EDUCATION", 10.0, true),
            mk("BSc Business, 2009", 9.0, false),
            mk("WORK EXPERIENCE", 10.0, true),
            mk(
                "Delta Dental Business Analyst Dec 2017 - Present",
                11.0,
                false,
            ),
            // Larger than the heading, but not in capitals as it is: a project
            // inside the job.
            mk("Descriptive Data Analytics Reporting", 11.0, true),
            mk(
                "Built pivot tables and dashboards for the directors.",
                9.0,
                false,
            ),
            // Set as the headings are: a section of its own.
            mk("LEADERSHIP DEVELOPMENT", 10.0, true),
            mk("Completed a leadership course.", 9.0, false),
        ];
        let got = kinds(&lines);
        assert_eq!(
            got,
            vec![
                None,
                Some(K::Education),
                None,
                Some(K::Experience),
                None,
                None,
                None,
                Some(K::Other),
                None
            ]
        );
    }

    #[test]
    fn font_size_headings() {
        let lines = vec![
            mk("Jane Example", 20.0, true),
            mk("Clinical data scientist", 10.0, false),
            mk("Experience", 13.0, true),
            mk("Senior Analyst", 10.0, true),
            mk("Did things well for many years in a row.", 10.0, false),
            mk("Where I volunteer", 13.0, true),
            mk("Ran a coding club.", 10.0, false),
            mk("Odd Heading", 10.0, false),
            mk("Senior Analyst", 11.5, true),
        ];
        let got = kinds(&lines);
        assert_eq!(
            got,
            vec![
                None,
                None,
                Some(K::Experience),
                None,
                None,
                Some(K::Other),
                None,
                None,
                None
            ]
        );
    }
}
