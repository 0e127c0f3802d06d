//! CV analysis: what a CV says.
//!
//! [`analyse`] turns an extracted [`Document`] into a [`Cv`]: the non-empty lines
//! with the section each belongs to, the sections, skills and job titles (from the
//! taxonomies in [`crate::text`]), degrees with subject and class, dated experience
//! spans and total years of experience, professional registrations and
//! certifications, and spans of personal data (name, e-mail, phone, address,
//! postcode, date of birth, URLs) for redaction.
//!
//! Every finding carries `line`, an index into [`Cv::lines`], as its evidence.
//!
//! Submodules hold the hand-written scanners (no regex): [`sections`] (heading
//! detection), [`dates`] (date ranges), [`degrees`], [`registrations`] (keyword
//! table of registrations and certifications) and [`personal`].

use serde::Serialize;

use crate::extract::Document;
use crate::knowledge::Knowledge;
use crate::limits::{Deadline, Hit as LimitHit};
use crate::text::Hit;

pub mod dates;
pub mod degrees;
pub mod personal;
pub mod registrations;
pub mod sections;

pub use dates::{DateRange, YearMonth};
pub use degrees::{DegreeLevel, subject_abbreviations};
pub use personal::PersonalKind;
pub use sections::SectionKind;

/// One non-empty line of the CV.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CvLine {
    /// The line's text, trimmed (non-breaking spaces become spaces).
    pub text: String,
    /// The section the line belongs to (a heading belongs to its own section).
    pub section: SectionKind,
    /// 1-based page number.
    pub page: usize,
    /// Index of this line in [`Cv::lines`].
    pub index: usize,
    /// Index of the source line in [`Document::lines`].
    pub source: usize,
}

/// A section of the CV: a heading and the lines up to the next heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// What kind of section it is.
    pub kind: SectionKind,
    /// The heading as written (without a trailing colon); empty for the implicit
    /// header section before the first heading.
    pub heading: String,
    /// First line (the heading line itself, except for the implicit header).
    pub first_line: usize,
    /// Last line, inclusive.
    pub last_line: usize,
}

/// A skill from the skills taxonomy, deduplicated by canonical name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillMention {
    /// Canonical name.
    pub name: String,
    /// The skill's category in the taxonomy.
    pub category: String,
    /// First line that mentions it.
    pub line: usize,
    /// Section of that line.
    pub section: SectionKind,
    /// Number of mentions in the whole CV.
    pub count: usize,
}

/// A qualification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Degree {
    /// Its level.
    pub level: DegreeLevel,
    /// "Data Science" in "MSc Data Science – University of …".
    pub subject: Option<String>,
    /// "First", "2:1", "2:2", "Third", "Distinction", "Merit", "Commendation" or "Pass".
    pub class: Option<String>,
    /// Index of the line it was found in ([`Cv::lines`]).
    pub line: usize,
}

/// Years of experience the CV states in words ("10+ years of experience in
/// data engineering"; [`dates::stated_years`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StatedYears {
    /// The years stated (the most on the CV, months as a fraction).
    pub years: f32,
    /// Index of the line that states them ([`Cv::lines`]).
    pub line: usize,
}

/// The years of experience a CV shows, and how ([`Cv::years_shown`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearsShown {
    /// Years.
    pub years: f32,
    /// The line that shows them: the statement, or the first dated span.
    pub line: Option<usize>,
    /// Stated in words rather than added up from dated roles.
    pub stated: bool,
}

/// A dated span ("Jan 2019 – Present") outside the education section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExperienceSpan {
    /// The first month of the span.
    pub start: YearMonth,
    /// Last month, inclusive (today's month when `current`).
    pub end: YearMonth,
    /// Runs to "Present" / "Current" / "Now".
    pub current: bool,
    /// Length in months (see [`DateRange::months`]).
    pub months: u32,
    /// Index of the line it was found in ([`Cv::lines`]).
    pub line: usize,
    /// The section of the line; only [`SectionKind::Experience`] spans count toward
    /// [`Cv::years_experience`] when there are any.
    pub section: SectionKind,
    /// The job title as written, from the same line or the lines just above.
    pub title: Option<String>,
}

/// A professional registration, membership or certification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Credential {
    /// For registrations, the register's code from [`crate::text::registers`]
    /// ("GMC", "HCPC", "SWE"); for certifications the canonical name ("PRINCE2
    /// Practitioner") or, for open-ended families, the text as written ("AWS
    /// Certified Machine Learning – Specialty").
    pub name: String,
    /// Index of the line it was found in ([`Cv::lines`]).
    pub line: usize,
    /// How the CV shows it.
    pub via: Via,
}

/// How a CV shows a credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// Named: the register's or certificate's name or acronym.
    Named,
    /// A register mark or post-nominal ("RGN", "MBCS").
    Mark,
    /// A registration PIN.
    Pin,
    /// Only a job title whose holders must be registered ("Staff Nurse",
    /// "Diagnostic Radiographer"): weaker than a stated registration.
    JobTitle,
    /// Applied for, awaited or worked towards, not yet held ("application to
    /// HCPC submitted", "leading to HCPC Clinical Scientist registration"): see
    /// [`PENDING_CUES`].
    Pending,
}

/// Words on a line that make a registration named there one not yet held.
pub const PENDING_CUES: &[&str] = &[
    "application for",
    "application to",
    "application submitted",
    "applied for",
    "applying for",
    "awaiting",
    "pending",
    "working towards",
    "work towards",
    "leading to",
    "preparing",
    "pursue",
    "pursuing",
    "eligible for",
    "eligible to",
    "intend to",
    "planned",
];

/// Whether a (lowercased) line names one part of an exam taken in parts:
/// "part 1", "part a", "part ii", "part two".
pub fn partial_exam(lower: &str) -> bool {
    const PARTS: &[&str] = &[
        "1", "2", "3", "a", "b", "c", "i", "ii", "iii", "one", "two", "three", "1a", "1b", "2a",
        "2b",
    ];
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .any(|w| w[0] == "part" && PARTS.contains(&w[1]))
}

/// One of the CV's job titles read as an occupation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OccupationReading {
    /// The title as the CV writes it.
    pub title: String,
    /// Occupation code: O\*NET-SOC (`13-2011.00`) or `esco:<8 hex>`.
    pub code: String,
    /// Occupation name ("Accountants and Auditors").
    pub name: String,
    /// How sure the reading is, 0..=1 (at least
    /// [`CONFIDENT`](crate::text::occupations::CONFIDENT)).
    pub score: f32,
    /// Index of the line it was found in ([`Cv::lines`]).
    pub line: usize,
    /// Where the title stands.
    pub source: TitleSource,
}

/// Where a CV states a job title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleSource {
    /// The headline at the top of the CV ("Senior Data Scientist" under the
    /// name, or alone as the first line).
    Headline,
    /// The title of a dated role.
    Role,
    /// Another line that is a job title.
    Line,
}

/// A job title from the titles taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleMention {
    /// The title's canonical name in the taxonomy.
    pub name: String,
    /// Index of the line it was found in ([`Cv::lines`]).
    pub line: usize,
}

/// A span of personal data within one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalSpan {
    /// What kind of personal data it is.
    pub kind: PersonalKind,
    /// Index of the line ([`Cv::lines`]).
    pub line: usize,
    /// Byte offsets within `Cv::lines[line].text`.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// What a CV says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cv {
    /// Every non-empty line, except rule lines ("-----") that underline headings.
    pub lines: Vec<CvLine>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
    /// Skills of the taxonomy named in the CV.
    pub skills: Vec<SkillMention>,
    /// Degrees, with level, subject and class.
    pub degrees: Vec<Degree>,
    /// Dated spans of experience.
    pub experience: Vec<ExperienceSpan>,
    /// Union of the experience spans (overlaps merged), in years.
    pub years_experience: f32,
    /// Years of experience stated in words, when the CV states any.
    pub stated_years: Option<StatedYears>,
    /// Registrations with regulators and accredited registers.
    pub registrations: Vec<Credential>,
    /// Certifications and professional memberships.
    pub certifications: Vec<Credential>,
    /// Job titles of the titles taxonomy.
    pub titles: Vec<TitleMention>,
    /// The CV's job titles read as occupations through the thesaurus: the
    /// headline first, then the titles of dated roles, most recent first, then
    /// other title lines.
    pub occupations: Vec<OccupationReading>,
    /// Every span of personal data, by line and offset: the candidate's name
    /// and its other mentions, e-mail addresses, phones, URLs and handles,
    /// addresses, postcodes, dates of birth.
    pub personal: Vec<PersonalSpan>,
    /// The candidate's name where it was found (also in `personal`).
    pub name_span: Option<PersonalSpan>,
}

impl Cv {
    /// The section of line `line` ([`SectionKind::Other`] when out of range).
    pub fn section_of(&self, line: usize) -> SectionKind {
        self.lines
            .get(line)
            .map_or(SectionKind::Other, |l| l.section)
    }

    /// Does the CV have a section of this kind?
    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.sections.iter().any(|s| s.kind == kind)
    }

    /// The lines of all sections of this kind, in order.
    pub fn lines_in(&self, kind: SectionKind) -> impl Iterator<Item = &CvLine> + '_ {
        self.lines.iter().filter(move |l| l.section == kind)
    }

    /// The text of all sections of this kind, lines joined by `\n`.
    pub fn section_text(&self, kind: SectionKind) -> String {
        self.lines_in(kind)
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The years of experience the CV shows: the union of its dated roles, or the
    /// years it states in words when those are more (a CV that lists only its
    /// recent roles, or none with dates, still says "12 years' experience").
    pub fn years_shown(&self) -> YearsShown {
        let dated = YearsShown {
            years: self.years_experience,
            line: self.experience.first().map(|s| s.line),
            stated: false,
        };
        match self.stated_years {
            Some(s) if s.years > dated.years => YearsShown {
                years: s.years,
                line: Some(s.line),
                stated: true,
            },
            _ => dated,
        }
    }

    /// The highest qualification (by [`DegreeLevel`] rank; the first one on ties).
    pub fn highest_degree(&self) -> Option<&Degree> {
        self.degrees.iter().rev().max_by_key(|d| d.level)
    }

    /// Is there a qualification that meets a criterion asking for `level`
    /// ([`DegreeLevel::meets`])?
    pub fn has_degree_at_least(&self, level: DegreeLevel) -> bool {
        self.degrees.iter().any(|d| d.level.meets(level))
    }

    /// Is there a skill with this canonical name (case-insensitive)?
    pub fn has_skill(&self, name: &str) -> bool {
        self.skills
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Is there a registration with this name (case-insensitive), held rather
    /// than pending?
    pub fn has_registration(&self, name: &str) -> bool {
        self.registrations
            .iter()
            .any(|r| r.via != Via::Pending && r.name.eq_ignore_ascii_case(name))
    }

    /// Is there a certification whose name contains `needle` (case-insensitive)?
    pub fn has_certification(&self, needle: &str) -> bool {
        let n = needle.to_lowercase();
        self.certifications
            .iter()
            .any(|c| c.name.to_lowercase().contains(&n))
    }

    /// The candidate's name, if found.
    pub fn name(&self) -> Option<&str> {
        self.name_span
            .as_ref()
            .map(|p| &self.lines[p.line].text[p.start..p.end])
    }

    /// The personal-data spans of one line, in order.
    pub fn personal_in(&self, line: usize) -> Vec<&PersonalSpan> {
        let mut v: Vec<&PersonalSpan> = self.personal.iter().filter(|p| p.line == line).collect();
        v.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
        v
    }

    /// A line's text with personal data replaced by `[kind]` markers.
    pub fn redacted_line(&self, line: usize) -> String {
        let Some(l) = self.lines.get(line) else {
            return String::new();
        };
        let mut out = String::with_capacity(l.text.len());
        let mut at = 0;
        for p in self.personal_in(line) {
            if p.start < at {
                // Nested in a span already replaced, or overlapping its end.
                at = at.max(p.end);
                continue;
            }
            out.push_str(&l.text[at..p.start]);
            out.push('[');
            out.push_str(p.kind.as_str());
            out.push(']');
            at = p.end;
        }
        out.push_str(&l.text[at..]);
        out
    }

    /// Text derived from the CV's lines (a heading, a job title, a degree's
    /// subject) with every piece of personal data the CV holds replaced by its
    /// `[kind]` marker, wherever it appears as whole words.
    pub fn redact_str(&self, text: &str) -> String {
        let mut found: Vec<(&str, PersonalKind)> = self
            .personal
            .iter()
            .map(|p| (self.lines[p.line].text[p.start..p.end].trim(), p.kind))
            .filter(|(t, _)| t.chars().count() >= 2)
            .collect();
        found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
        found.dedup_by(|a, b| a.0 == b.0);
        let mut out = text.to_string();
        for (needle, kind) in found {
            let mut from = 0;
            while let Some(p) = out[from..].find(needle) {
                let s = from + p;
                let e = s + needle.len();
                let glued = out[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    || out[e..].chars().next().is_some_and(char::is_alphanumeric);
                if glued {
                    from = e;
                    continue;
                }
                let marker = format!("[{}]", kind.as_str());
                out.replace_range(s..e, &marker);
                from = s + marker.len();
            }
        }
        out
    }

    /// The whole CV with personal data redacted, lines joined by `\n`.
    pub fn redacted_text(&self) -> String {
        (0..self.lines.len())
            .map(|i| self.redacted_line(i))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Skills named in `text` (via [`Knowledge::skills`]).
fn find_skills<'k>(k: &'k Knowledge, text: &str, section: SectionKind) -> Vec<Hit<'k>> {
    let tax = &k.skills;
    if section == SectionKind::Skills {
        // A skills section is a list: ambiguous forms ("R", "Go", "SAS") count.
        // Elsewhere the taxonomy accepts them only in list-like context.
        tax.find_in_list(text)
    } else {
        tax.find(text)
    }
}

/// Job titles named in `text` (via [`Knowledge::titles`]).
///
/// A hit on an organisation's name ("Calderstone Consulting" is not an IT
/// consultant) is dropped unless it also holds a job word.
fn find_titles<'k>(k: &'k Knowledge, text: &str) -> Vec<Hit<'k>> {
    k.titles
        .find(text)
        .into_iter()
        .filter(|h| {
            let m = &text[h.start..h.end];
            !looks_like_org(m) || has_title_word(m)
        })
        .collect()
}

/// Analyses a CV, resolving "Present" to the current month.
pub fn analyse(doc: &Document, k: &Knowledge) -> Cv {
    analyse_at(doc, YearMonth::today(), k)
}

/// Analyses a CV with "Present" meaning `today` (for reproducible results).
pub fn analyse_at(doc: &Document, today: YearMonth, k: &Knowledge) -> Cv {
    analyse_within(doc, today, k, &Deadline::never()).expect("no deadline to pass")
}

/// Analyses a CV within a deadline shared with its other stages: every pass
/// over its lines checks it, and the [`LimitHit`] is returned once it has passed.
pub fn analyse_within(
    doc: &Document,
    today: YearMonth,
    k: &Knowledge,
    d: &Deadline,
) -> Result<Cv, LimitHit> {
    // Lines.
    let mut lines: Vec<CvLine> = Vec::new();
    let mut fonts: Vec<(f32, bool)> = Vec::new();
    let mut underlined: Vec<bool> = Vec::new();
    for (source, l) in doc.lines.iter().enumerate() {
        d.tick()?;
        let text = l.text.replace('\u{a0}', " ");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        // A rule under a line marks it as a heading; the rule itself is not content.
        if sections::is_rule(text) {
            if let Some(u) = underlined.last_mut() {
                *u = true;
            }
            continue;
        }
        underlined.push(false);
        fonts.push((l.font_size, l.bold));
        lines.push(CvLine {
            text: text.to_string(),
            section: SectionKind::Header,
            page: l.page,
            index: lines.len(),
            source,
        });
    }

    // Sections.
    let infos: Vec<sections::LineInfo<'_>> = lines
        .iter()
        .zip(&fonts)
        .zip(&underlined)
        .map(
            |((l, &(font_size, bold)), &underlined)| sections::LineInfo {
                text: &l.text,
                font_size,
                bold,
                underlined,
            },
        )
        .collect();
    d.check()?;
    let heads = sections::detect(&infos, k, d)?;
    drop(infos);
    d.check()?;
    let mut secs: Vec<Section> = Vec::new();
    let mut current = SectionKind::Header;
    for (i, h) in heads.iter().enumerate() {
        if let Some((kind, heading)) = h {
            current = *kind;
            if let Some(last) = secs.last_mut() {
                last.last_line = i - 1;
            }
            secs.push(Section {
                kind: *kind,
                heading: heading.clone(),
                first_line: i,
                last_line: i,
            });
        } else if i == 0 {
            secs.push(Section {
                kind: SectionKind::Header,
                heading: String::new(),
                first_line: 0,
                last_line: 0,
            });
        }
        lines[i].section = current;
    }
    if let Some(last) = secs.last_mut() {
        last.last_line = lines.len().saturating_sub(1);
    }
    let is_heading = |i: usize| heads[i].is_some();

    let mut cv = Cv {
        lines,
        sections: secs,
        skills: Vec::new(),
        degrees: Vec::new(),
        experience: Vec::new(),
        years_experience: 0.0,
        stated_years: None,
        registrations: Vec::new(),
        certifications: Vec::new(),
        titles: Vec::new(),
        occupations: Vec::new(),
        personal: Vec::new(),
        name_span: None,
    };

    d.check()?;
    find_degrees(&mut cv, &is_heading, d)?;
    find_experience(&mut cv, &is_heading, today, k, d)?;
    find_credentials(&mut cv, k, d)?;
    let bold: Vec<bool> = fonts.iter().map(|f| f.1).collect();
    find_titles_in(&mut cv, &bold, &is_heading, k, d)?;
    d.check()?;
    find_personal(&mut cv, &fonts, &is_heading, k, d)?;
    d.check()?;
    find_skills_in(&mut cv, k, d)?;
    find_occupations(&mut cv, &is_heading, k, d)?;
    Ok(cv)
}

/// Most job titles read per CV.
const MAX_OCCUPATIONS: usize = 8;

/// The CV's job titles as occupations: its headline (the first short header
/// line, or label such as "Title:", that reads as a job title and is not the
/// name), the titles of its dated roles (most recent first), and other short
/// lines that are job titles.
fn find_occupations(
    cv: &mut Cv,
    is_heading: &dyn Fn(usize) -> bool,
    k: &Knowledge,
    d: &Deadline,
) -> Result<(), LimitHit> {
    use crate::text::occupations::CONFIDENT;
    let mut out: Vec<OccupationReading> = Vec::new();
    let add = |text: &str, line: usize, source: TitleSource, out: &mut Vec<OccupationReading>| {
        let text = text.trim();
        if text.is_empty() || out.len() >= MAX_OCCUPATIONS {
            return;
        }
        if let Some(m) = k.occupations.classify(text)
            && m.score >= CONFIDENT
            && !out.iter().any(|o| o.line == line && o.code == m.code)
        {
            out.push(OccupationReading {
                title: text.to_string(),
                code: m.code.to_string(),
                name: m.name.to_string(),
                score: m.score,
                line,
                source,
            });
        }
    };
    // The headline: the first lines before any content section.
    for l in cv.lines.iter().take(8) {
        if is_heading(l.index) && l.section != SectionKind::Header {
            break;
        }
        if !matches!(l.section, SectionKind::Header | SectionKind::Profile) {
            continue;
        }
        // The line without its personal data ("Amara Okafor | Data Scientist"
        // is read as "| Data Scientist").
        let owned = without_personal(cv, l.index);
        let text = owned.trim_matches(|c: char| c.is_whitespace() || c == '|');
        // "Title: Staff Nurse", "Position: …".
        let text = match text.split_once(':') {
            Some((label, rest))
                if [
                    "title",
                    "job title",
                    "position",
                    "role",
                    "designation",
                    "current role",
                    "current position",
                ]
                .contains(&label.trim().to_lowercase().as_str()) =>
            {
                rest
            }
            _ => text,
        };
        // Not the name, contact details or a sentence.
        let personal: usize = cv
            .personal_in(l.index)
            .iter()
            .map(|p| p.end - p.start)
            .sum();
        if personal * 2 > text.len() || text.split_whitespace().count() > 10 || text.ends_with('.')
        {
            continue;
        }
        let before = out.len();
        add(text, l.index, TitleSource::Headline, &mut out);
        if out.len() > before {
            break;
        }
    }
    // The titles of dated roles, most recent first.
    let mut spans: Vec<&ExperienceSpan> =
        cv.experience.iter().filter(|e| e.title.is_some()).collect();
    spans.sort_by(|a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)));
    for e in spans {
        d.tick()?;
        if let Some(t) = &e.title {
            let line = (e.line.saturating_sub(3)..=e.line)
                .rev()
                .find(|&i| cv.lines.get(i).is_some_and(|l| l.text.contains(t.as_str())))
                .unwrap_or(e.line);
            add(t, line, TitleSource::Role, &mut out);
        }
    }
    // Other lines that are job titles.
    for t in &cv.titles {
        d.tick()?;
        let owned = without_personal(cv, t.line);
        let text = owned.trim_matches(|c: char| c.is_whitespace() || c == '|');
        if !out.iter().any(|o| o.line == t.line) {
            add(text, t.line, TitleSource::Line, &mut out);
        }
    }
    cv.occupations = out;
    Ok(())
}

/// A line's text with each span of personal data replaced by " | ", so that a
/// title beside a name or an address is read alone and never carries them.
fn without_personal(cv: &Cv, line: usize) -> String {
    let text = &cv.lines[line].text;
    let mut owned = String::with_capacity(text.len());
    let mut at = 0;
    for p in cv.personal_in(line) {
        if p.start < at {
            continue;
        }
        owned.push_str(&text[at..p.start]);
        owned.push_str(" | ");
        at = p.end;
    }
    owned.push_str(&text[at..]);
    owned
}

/// Skills, deduplicated by name. Hits inside personal data ("Penylan Gardens" is
/// not horticulture) and short ambiguous forms in publications (author initials
/// "C", "R") are dropped.
fn find_skills_in(cv: &mut Cv, k: &Knowledge, d: &Deadline) -> Result<(), LimitHit> {
    let mut found: Vec<(Hit<'_>, usize, SectionKind)> = Vec::new();
    for (i, l) in cv.lines.iter().enumerate() {
        d.tick()?;
        let personal: Vec<(usize, usize)> = cv
            .personal
            .iter()
            .filter(|p| p.line == l.index)
            .map(|p| (p.start, p.end))
            .collect();
        for h in find_skills(k, &l.text, l.section) {
            if personal.iter().any(|&(a, b)| h.start < b && a < h.end) {
                continue;
            }
            if l.section == SectionKind::Publications && h.end - h.start <= 2 {
                continue;
            }
            found.push((h, l.index, l.section));
        }
        // A break next to personal data (a name over two lines) joins nothing.
        if let Some(next) = cv.lines.get(i + 1)
            && personal.is_empty()
            && !cv.personal.iter().any(|p| p.line == next.index)
        {
            found.extend(
                wrapped_skills(k, l, next)
                    .into_iter()
                    .map(|h| (h, l.index, l.section)),
            );
        }
    }
    for (h, line, section) in found {
        if let Some(s) = cv.skills.iter_mut().find(|s| s.name == h.name) {
            s.count += 1;
        } else {
            cv.skills.push(SkillMention {
                name: h.name.to_string(),
                category: h.category.to_string(),
                line,
                section,
                count: 1,
            });
        }
    }
    Ok(())
}

/// Words of a wrapped phrase looked at on each side of a line break.
const WRAP_WORDS: usize = 4;

/// Skills whose name runs from the end of `line` onto the start of `next`
/// ("…Leadership, Communication, Project" / "Management, Agile…"): the words
/// after the line's last separator joined to the words before the next line's
/// first one, at most [`WRAP_WORDS`] each, in the same section. Only hits that
/// cross the break count; each line's own are found on it.
fn wrapped_skills<'k>(k: &'k Knowledge, line: &CvLine, next: &CvLine) -> Vec<Hit<'k>> {
    const SEPARATORS: &[char] = &[',', ';', ':', '.', '|', '•', '·', '(', ')', '/', '–', '—'];
    if next.section != line.section || next.page != line.page {
        return Vec::new();
    }
    let tail = line.text.rsplit(SEPARATORS).next().unwrap_or("").trim();
    let head = next.text.split(SEPARATORS).next().unwrap_or("").trim();
    let tail_words: Vec<&str> = tail.split_whitespace().collect();
    let head_words: Vec<&str> = head.split_whitespace().collect();
    if tail_words.is_empty() || head_words.is_empty() {
        return Vec::new();
    }
    let tail = tail_words[tail_words.len().saturating_sub(WRAP_WORDS)..].join(" ");
    let head = head_words[..head_words.len().min(WRAP_WORDS)].join(" ");
    let seam = format!("{tail} {head}");
    find_skills(k, &seam, line.section)
        .into_iter()
        .filter(|h| h.start < tail.len() && h.end > tail.len() + 1)
        .collect()
}

fn find_degrees(
    cv: &mut Cv,
    is_heading: &dyn Fn(usize) -> bool,
    d: &Deadline,
) -> Result<(), LimitHit> {
    let has_education = cv.has_section(SectionKind::Education);
    let use_line = |l: &CvLine| {
        if has_education {
            l.section == SectionKind::Education
        } else {
            !matches!(
                l.section,
                SectionKind::Experience | SectionKind::Publications | SectionKind::Skills
            )
        }
    };
    for i in 0..cv.lines.len() {
        d.tick()?;
        let l = &cv.lines[i];
        if is_heading(i) || !use_line(l) {
            continue;
        }
        // Following lines of the same entry (a narrow column wraps "BSc (Hons)
        // Diagnostic" / "Radiography" / "Sheaf Valley University, 2013 – 2:1").
        let follow: Vec<usize> = (i + 1..(i + 3).min(cv.lines.len()))
            .take_while(|&j| {
                let n = &cv.lines[j];
                n.section == l.section
                    && !is_heading(j)
                    && !n.text.starts_with(['•', '-', '*', '▪', '◦'])
                    && degrees::find(&n.text).is_empty()
            })
            .collect();
        for (found, _) in degrees::find(&l.text) {
            let mut class = found.class;
            let mut subject = found.subject;
            if found.open
                && let Some(&j) = follow.first()
            {
                let field = cv.lines[j]
                    .text
                    .split([',', '–', '—', '(', '|', ';'])
                    .next()
                    .unwrap_or("")
                    .trim();
                let words = field.split_whitespace().count();
                let institution = field.split_whitespace().any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "university" | "college" | "institute" | "school" | "academy" | "of"
                    )
                });
                if (1..=3).contains(&words)
                    && !institution
                    && !field.chars().any(|c| c.is_ascii_digit())
                    && field.starts_with(char::is_uppercase)
                    && degrees::find_class(field).is_none()
                {
                    subject = Some(match subject {
                        Some(s) => format!("{s} {field}"),
                        None => field.to_string(),
                    });
                }
            }
            // A class on a following line ("… 2018 –" / "2:1").
            if class.is_none() {
                class = follow
                    .iter()
                    .filter(|&&j| cv.lines[j].text.split_whitespace().count() <= 8)
                    .find_map(|&j| degrees::find_class(&cv.lines[j].text));
            }
            cv.degrees.push(Degree {
                level: found.level,
                subject,
                class,
                line: i,
            });
        }
    }
    Ok(())
}

const ORG_WORDS: &[&str] = &[
    "nhs",
    "trust",
    "ltd",
    "limited",
    "plc",
    "llp",
    "inc",
    "university",
    "hospital",
    "hospitals",
    "council",
    "school",
    "college",
    "services",
    "foundation",
    "group",
    "centre",
    "center",
    "institute",
    "board",
    "partnership",
    "practice",
    "surgery",
    "ccg",
    "icb",
    "department",
    "agency",
    "authority",
    "academy",
    "company",
    "consulting",
    "health",
    "diagnostics",
    "consultancy",
    "solutions",
    "technologies",
    "digital",
    "unit",
    "deanery",
    "payments",
    "lab",
    "labs",
    "network",
    "commissioning",
];

fn looks_like_org(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The first field of a line fragment: up to `,`, `|`, `–`, ` - `, `(` or a double
/// space, trimmed of punctuation.
fn first_field(text: &str) -> &str {
    let t = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | ',' | '–' | '—' | '-' | '(' | ')' | '·' | '•' | ':')
    });
    let end = t
        .find([',', '|', '–', '—', '(', '·', '\t'])
        .into_iter()
        .chain(t.find(" - "))
        .chain(t.find("  "))
        .min()
        .unwrap_or(t.len());
    t[..end].trim()
}

/// Head nouns of job titles, for choosing the title line near a date when the
/// titles taxonomy has nothing to say.
const TITLE_WORDS: &[&str] = &[
    "teacher",
    "scientist",
    "engineer",
    "analyst",
    "manager",
    "officer",
    "lead",
    "leader",
    "consultant",
    "nurse",
    "researcher",
    "associate",
    "assistant",
    "director",
    "head",
    "developer",
    "fellow",
    "specialist",
    "lecturer",
    "doctor",
    "registrar",
    "physician",
    "surgeon",
    "radiographer",
    "pharmacist",
    "practitioner",
    "owner",
    "architect",
    "administrator",
    "coordinator",
    "statistician",
    "informatician",
    "bioinformatician",
    "chef",
    "designer",
    "programmer",
    "intern",
    "trainee",
    "apprentice",
    "advisor",
    "adviser",
    "technician",
    "therapist",
    "midwife",
    "psychologist",
    "epidemiologist",
    "economist",
    "editor",
    "writer",
    "chair",
    "secretary",
    "founder",
    "partner",
    "president",
    "student",
    "researcher",
    "professor",
    "postdoc",
    "clinician",
    "gp",
    "cso",
    "cio",
    "cto",
    "cnio",
    "cmio",
    "dpo",
    "pmo",
    "sister",
    "matron",
    "worker",
    "supervisor",
    "executive",
];

fn has_title_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_lowercase();
        TITLE_WORDS.contains(&w.as_str())
            || TITLE_WORDS
                .iter()
                .any(|t| w.len() == t.len() + 1 && w.starts_with(t) && w.ends_with('s'))
    })
}

fn title_candidate(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=10).contains(&words)
        && !text.ends_with('.')
        && text.chars().next().is_some_and(char::is_uppercase)
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

fn span_title(
    k: &Knowledge,
    cv: &Cv,
    i: usize,
    range: &DateRange,
    is_heading: &dyn Fn(usize) -> bool,
) -> Option<String> {
    let text = &cv.lines[i].text;
    let rest = format!("{}  {}", &text[..range.start_byte], &text[range.end_byte..]);
    let mut candidates: Vec<String> = Vec::new();
    let here = first_field(&rest).to_string();
    if !here.is_empty() {
        candidates.push(here);
    }
    for back in 1..=3 {
        let Some(j) = i.checked_sub(back) else { break };
        let l = &cv.lines[j];
        if is_heading(j)
            || l.section != cv.lines[i].section
            || !dates::find_ranges(&l.text, YearMonth::new(2000, 1)).is_empty()
        {
            break;
        }
        if l.text.starts_with(['•', '-', '*', '▪', '–']) || l.text.ends_with('.') {
            break;
        }
        candidates.push(first_field(&l.text).to_string());
    }
    let titled = |c: &String| !find_titles(k, c).is_empty();
    let org = |c: &String| looks_like_org(c) && !has_title_word(c);
    if let Some(c) = candidates.iter().find(|c| titled(c) && !org(c)) {
        return Some(c.clone());
    }
    if let Some(c) = candidates
        .iter()
        .find(|c| title_candidate(c) && has_title_word(c))
    {
        return Some(c.clone());
    }
    if let Some(c) = candidates.iter().find(|c| titled(c)) {
        return Some(c.clone());
    }
    candidates
        .into_iter()
        .find(|c| title_candidate(c) && !looks_like_org(c))
}

fn find_experience(
    cv: &mut Cv,
    is_heading: &dyn Fn(usize) -> bool,
    today: YearMonth,
    k: &Knowledge,
    d: &Deadline,
) -> Result<(), LimitHit> {
    let mut spans = Vec::new();
    for i in 0..cv.lines.len() {
        d.tick()?;
        let section = cv.lines[i].section;
        if section == SectionKind::Education || is_heading(i) {
            continue;
        }
        let mut ranges = dates::find_ranges(&cv.lines[i].text, today);
        if ranges.is_empty()
            && let Some(next) = cv.lines.get(i + 1)
            && let Some(r) = dates::find_wrapped_range(&cv.lines[i].text, &next.text, today)
                .or_else(|| dates::find_split_range(&cv.lines[i].text, &next.text, today))
        {
            ranges.push(r);
        }
        // "Jan 2021 –" with nothing after it, in the experience section: ongoing.
        if ranges.is_empty()
            && section == SectionKind::Experience
            && let Some(r) = dates::find_wrapped_range(&cv.lines[i].text, "Present", today)
        {
            ranges.push(r);
        }
        for r in ranges {
            spans.push(ExperienceSpan {
                start: r.start,
                end: r.end,
                current: r.current,
                months: r.months,
                line: i,
                section,
                title: span_title(k, cv, i, &r, is_heading),
            });
        }
    }
    let in_experience: Vec<(YearMonth, u32)> = spans
        .iter()
        .filter(|s| s.section == SectionKind::Experience)
        .map(|s| (s.start, s.months))
        .collect();
    let counted = if in_experience.is_empty() {
        spans
            .iter()
            .filter(|s| s.section != SectionKind::Publications)
            .map(|s| (s.start, s.months))
            .collect()
    } else {
        in_experience
    };
    let months = dates::union_months(&counted, today);
    cv.years_experience = ((months as f32 / 12.0) * 10.0).round() / 10.0;
    cv.experience = spans;
    for l in &cv.lines {
        d.tick()?;
        if l.section == SectionKind::Publications {
            continue;
        }
        if let Some(years) = dates::stated_years(&l.text)
            && cv.stated_years.is_none_or(|s| years > s.years)
        {
            cv.stated_years = Some(StatedYears {
                years: ((years * 10.0).round()) / 10.0,
                line: l.index,
            });
        }
    }
    Ok(())
}

fn find_credentials(cv: &mut Cv, k: &Knowledge, d: &Deadline) -> Result<(), LimitHit> {
    use crate::text::registers::How;
    for l in &cv.lines {
        d.tick()?;
        let in_experience = l.section == SectionKind::Experience;
        let mut found: Vec<(usize, How)> = k
            .registers
            .find(&l.text)
            .into_iter()
            .map(|f| (f.register, f.how))
            .collect();
        let mut certs: Vec<String> = registrations::find(&l.text, in_experience)
            .into_iter()
            .map(|x| x.1)
            .collect();
        if let Some(next) = cv.lines.get(l.index + 1)
            && next.section == l.section
        {
            // A name broken across two lines ("Health and Care Professions" /
            // "Council").
            let joined = format!("{} {}", l.text.trim_end(), next.text.trim_start());
            let cut = l.text.trim_end().len();
            found.extend(
                k.registers
                    .find(&joined)
                    .into_iter()
                    .filter(|f| f.start < cut && f.end > cut)
                    .map(|f| (f.register, f.how)),
            );
            certs.extend(
                registrations::find_wrapped(&l.text, &next.text, in_experience)
                    .into_iter()
                    .map(|x| x.1),
            );
        }
        let lower = l.text.to_lowercase();
        let pending = PENDING_CUES.iter().any(|c| lower.contains(c));
        let partial = partial_exam(&lower);
        for (reg, how) in found {
            let register = &k.registers.all()[reg];
            let code = &register.code;
            let via = match how {
                // An umbrella name ("CCAB") on a CV names no one register.
                How::Group => continue,
                _ if pending => Via::Pending,
                // A membership taken by exams in parts ("MRCP(UK) Part 1 –
                // passed") is not held until the last part is passed.
                _ if partial && register.kind == crate::text::registers::Kind::Body => Via::Pending,
                How::Mark => Via::Mark,
                How::Pin => Via::Pin,
                How::Name | How::Acronym => Via::Named,
            };
            match cv.registrations.iter_mut().find(|c| &c.name == code) {
                // Held, stated on a later line, outranks pending.
                Some(c) if c.via == Via::Pending && via != Via::Pending => {
                    c.via = via;
                    c.line = l.index;
                }
                Some(_) => {}
                None => cv.registrations.push(Credential {
                    name: code.clone(),
                    line: l.index,
                    via,
                }),
            }
        }
        for name in certs {
            if !cv.certifications.iter().any(|c| c.name == name) {
                cv.certifications.push(Credential {
                    name,
                    line: l.index,
                    via: Via::Named,
                });
            }
        }
    }
    Ok(())
}

/// Registrations a CV shows only through job titles: a "Staff Nurse" or
/// "Diagnostic Radiographer" title means a registration its holder must have.
fn find_title_registrations(cv: &mut Cv, k: &Knowledge, lines: &[usize]) {
    for &i in lines {
        for (reg, _, _) in k.registers.professions(&cv.lines[i].text) {
            let code = &k.registers.all()[reg].code;
            if !cv.registrations.iter().any(|c| &c.name == code) {
                cv.registrations.push(Credential {
                    name: code.clone(),
                    line: i,
                    via: Via::JobTitle,
                });
            }
        }
    }
}

/// Lines that name a job: the top of the header, lines holding an experience date
/// range and the short, non-bullet lines just above them (title, organisation).
fn title_lines(
    k: &Knowledge,
    cv: &Cv,
    bold: &[bool],
    is_heading: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    let mut out: Vec<usize> = cv
        .lines
        .iter()
        .filter(|l| l.section == SectionKind::Header && l.index < 6 && !is_heading(l.index))
        .map(|l| l.index)
        .collect();
    let in_experience = cv
        .experience
        .iter()
        .any(|s| s.section == SectionKind::Experience);
    for span in &cv.experience {
        if in_experience && span.section != SectionKind::Experience {
            continue;
        }
        let i = span.line;
        out.push(i);
        for back in 1..=3 {
            let Some(j) = i.checked_sub(back) else { break };
            let l = &cv.lines[j];
            if is_heading(j)
                || l.section != cv.lines[i].section
                || cv.experience.iter().any(|s| s.line == j)
                || l.text.starts_with(['•', '-', '*', '▪', '–', '◦'])
                || l.text.ends_with(['.', ',', ';'])
                || l.text.split_whitespace().count() > 12
            {
                break;
            }
            out.push(j);
        }
    }
    // A short line that is itself a job title ("Data Scientist", "Java
    // Developer"), wherever it stands outside a skills list: a headline or a
    // role heading.
    for l in &cv.lines {
        let text = l.text.trim();
        if is_heading(l.index)
            || l.section == SectionKind::Skills
            || text.is_empty()
            || text.split_whitespace().count() > 5
        {
            continue;
        }
        if find_titles(k, text)
            .iter()
            .any(|h| (h.end - h.start) * 10 >= text.len() * 6)
        {
            out.push(l.index);
        }
    }
    // Bold short lines of the experience section (job titles in most layouts).
    for (i, l) in cv.lines.iter().enumerate() {
        if bold[i]
            && l.section == SectionKind::Experience
            && !is_heading(i)
            && l.text.split_whitespace().count() <= 12
        {
            out.push(i);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn find_titles_in(
    cv: &mut Cv,
    bold: &[bool],
    is_heading: &dyn Fn(usize) -> bool,
    k: &Knowledge,
    d: &Deadline,
) -> Result<(), LimitHit> {
    let lines = title_lines(k, cv, bold, is_heading);
    find_title_registrations(cv, k, &lines);
    for i in lines {
        d.tick()?;
        for h in find_titles(k, &cv.lines[i].text) {
            if !cv.titles.iter().any(|t| t.name == h.name) {
                cv.titles.push(TitleMention {
                    name: h.name.to_string(),
                    line: i,
                });
            }
        }
    }
    Ok(())
}

fn find_personal(
    cv: &mut Cv,
    fonts: &[(f32, bool)],
    is_heading: &dyn Fn(usize) -> bool,
    k: &Knowledge,
    d: &Deadline,
) -> Result<(), LimitHit> {
    use PersonalKind as P;
    let mut out: Vec<PersonalSpan> = Vec::new();
    let push = |out: &mut Vec<PersonalSpan>, kind, line, (start, end): (usize, usize)| {
        out.push(PersonalSpan {
            kind,
            line,
            start,
            end,
        });
    };

    // The name: the first header lines (or the first lines of the CV when it opens
    // with a heading); with font information, the largest name-shaped line.
    let header: Vec<usize> = {
        let h: Vec<usize> = cv
            .lines
            .iter()
            .filter(|l| {
                l.index < 8
                    // A large name set as an unrecognised heading ("Other") still
                    // counts: two-column CVs often put it beside a section heading.
                    && (l.section == SectionKind::Header
                        || (l.section == SectionKind::Other && is_heading(l.index)))
            })
            .map(|l| l.index)
            .collect();
        if h.is_empty() {
            // A CV that opens with a heading: its first lines, except those of
            // sections a name never sits in ("Hr Operations" under "Skill
            // Details" is a skill, not a person).
            (0..cv.lines.len().min(6))
                .filter(|&i| {
                    !is_heading(i)
                        && !matches!(
                            cv.lines[i].section,
                            SectionKind::Skills
                                | SectionKind::Experience
                                | SectionKind::Education
                                | SectionKind::Certifications
                                | SectionKind::Publications
                                | SectionKind::Projects
                        )
                })
                .collect()
        } else {
            h
        }
    };
    let mut name: Option<(usize, (usize, usize))> = None;
    for &i in header.iter().take(6) {
        if let Some(span) = personal::name_in(&cv.lines[i].text, k) {
            let better = match name {
                None => true,
                Some((j, _)) => fonts[i].0 > fonts[j].0 + 0.5,
            };
            if better {
                name = Some((i, span));
            }
        }
    }
    if name.is_none() {
        // No header line reads as a name: one that the CV's own email or
        // profile addresses bear out ([`personal::name_from_handles`]).
        let first: Vec<&str> = cv
            .lines
            .iter()
            .take(personal::HANDLE_NAME_LINES)
            .map(|l| l.text.as_str())
            .collect();
        if let Some((found, more)) = personal::name_from_handles(&first, k) {
            name = Some(found);
            for (i, span) in more {
                push(&mut out, P::Name, i, span);
            }
        }
    }
    if let Some((i, span)) = name {
        push(&mut out, P::Name, i, span);
        cv.name_span = Some(PersonalSpan {
            kind: P::Name,
            line: i,
            start: span.0,
            end: span.1,
        });
        // Every other mention: the name's words, author-list forms, the name
        // glued into handles ([`personal::name_mentions`]).
        if let Some(forms) = personal::NameForms::new(&cv.lines[i].text[span.0..span.1]) {
            for l in &cv.lines {
                d.tick()?;
                let mut skills: Option<Vec<Hit>> = None;
                for (s, e) in personal::name_mentions(&l.text, &forms) {
                    if l.index == i && s < span.1 && span.0 < e {
                        continue;
                    }
                    // A name word that is also the skill named here ("Julia",
                    // "Jenkins" in a list of tools) stays a skill.
                    let hits = skills.get_or_insert_with(|| find_skills(k, &l.text, l.section));
                    if hits.iter().any(|h| h.start == s && h.end == e) {
                        continue;
                    }
                    push(&mut out, P::Name, l.index, (s, e));
                }
            }
        }
    }

    for l in &cv.lines {
        d.tick()?;
        let t = &l.text;
        let i = l.index;
        let emails = personal::emails(t);
        let urls = personal::urls(t);
        let phones = personal::phones(t);
        let contact = !emails.is_empty() || !phones.is_empty() || !urls.is_empty();
        for s in emails {
            push(&mut out, P::Email, i, s);
        }
        for s in urls {
            // "Socket.io", "fast.ai": a tool's name, not a site.
            let u = &t[s.0..s.1];
            if !u.contains('/') && k.skills.find(u).iter().any(|h| h.end - h.start == u.len()) {
                continue;
            }
            push(&mut out, P::Url, i, s);
        }
        for s in personal::handles(t) {
            push(&mut out, P::Url, i, s);
        }
        for s in personal::labelled_names(t) {
            push(&mut out, P::Name, i, s);
        }
        for s in personal::contact_handles_on(t, contact) {
            push(&mut out, P::Url, i, s);
        }
        for s in personal::id_numbers(t) {
            push(&mut out, P::IdNumber, i, s);
        }
        for s in phones {
            push(&mut out, P::Phone, i, s);
        }
        for s in personal::postcodes(t) {
            push(&mut out, P::Postcode, i, s);
        }
        if let Some(s) = personal::date_of_birth(t) {
            push(&mut out, P::DateOfBirth, i, s);
        }
        // Contact details may sit in a sidebar that lands in another section.
        let addressable = l.section == SectionKind::Header || header.contains(&i) || i < 15;
        if addressable {
            for s in personal::address_fields(t) {
                // The name line is not an address.
                if name.is_some_and(|(j, (a, b))| j == i && s.0 < b && a < s.1) {
                    continue;
                }
                push(&mut out, P::Address, i, s);
            }
        }
    }
    // A URL broken at the end of a line ("linkedin.com/in/jo-" / "example"): the
    // first word of the next line is the rest of it.
    let mut more = Vec::new();
    for p in out.iter().filter(|p| p.kind == P::Url) {
        let text = &cv.lines[p.line].text;
        if p.end == text.len()
            && text.ends_with(['-', '/', '_', '.'])
            && let Some(next) = cv.lines.get(p.line + 1)
        {
            let w = next.text.split_whitespace().next().unwrap_or("");
            if !w.is_empty()
                && next.text.starts_with(w)
                && w.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '/')
                })
            {
                more.push(PersonalSpan {
                    kind: P::Url,
                    line: p.line + 1,
                    start: 0,
                    end: w.len(),
                });
            }
        }
    }
    out.extend(more);
    // An address field that is only a postcode is reported as the postcode.
    // (A set: a crafted CV can hold a postcode on each of many thousand lines.)
    let postcodes: std::collections::HashSet<(usize, usize, usize)> = out
        .iter()
        .filter(|p| p.kind == P::Postcode)
        .map(|p| (p.line, p.start, p.end))
        .collect();
    d.check()?;
    out.retain(|p| p.kind != P::Address || !postcodes.contains(&(p.line, p.start, p.end)));
    out.sort_by_key(|p| (p.line, p.start, std::cmp::Reverse(p.end)));
    cv.personal = out;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Line;

    const TODAY: YearMonth = YearMonth {
        year: 2025,
        month: 6,
    };

    const SAMPLE: &str = "\
Jane Q. Example
Clinical Data Scientist | 12 Example Road, Leeds LS6 4QT | 07700 900123 | jane@example.com
linkedin.com/in/jane-
example

Profile
Data scientist with a clinical background.

Experience
Senior Data Scientist, Northby NHS Trust    Jan 2020 – Present
• Built a readmission model; PRINCE2 mentioned in passing.
Data Analyst
Westhaven Council, Westhaven
Mar 2016 – Jun 2020

Education
MSc Health Data Science – University of Eastbridge, 2015 – Distinction
BSc (Hons) Psychology, Northshire University, 2010 – 2014 – 2:1

Certifications
PRINCE2 Foundation (2018)
Registered with the HCPC (CS12345)

Publications
Example J, Smith K. A readmission model for Examplesville. 2024.
";

    /// A plain-text CV analysed, and how it shows each register's code.
    fn registrations_of(text: &str) -> (Cv, impl Fn(&Cv, &str) -> Option<Via>) {
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let via = |cv: &Cv, code: &str| {
            cv.registrations
                .iter()
                .find(|c| c.name == code)
                .map(|c| c.via)
        };
        (cv, via)
    }

    #[test]
    fn a_registration_applied_for_is_pending_not_held() {
        let (cv, via) = registrations_of(
            "Sam Example\n\nRegistration\nHCPC registration application submitted 3 November 2026 (awaiting decision)\nNMC registered nurse, PIN 12A3456E\n",
        );
        assert_eq!(via(&cv, "HCPC"), Some(Via::Pending));
        assert!(!cv.has_registration("HCPC"));
        assert!(cv.has_registration("NMC"));
    }

    #[test]
    fn one_part_of_a_membership_exam_is_pending_not_held() {
        let (cv, via) = registrations_of(
            "Sam Example\n\nQualifications\nMRCP(UK) Part 1 - passed 2023\nMRCS Part A\nFRCR (2019)\nNMC Part 1 register, adult nursing\n",
        );
        assert_eq!(via(&cv, "MRCP"), Some(Via::Pending));
        assert!(!cv.has_registration("MRCP"));
        assert!(cv.has_registration("RCR"), "{:?}", cv.registrations);
        // A regulator's register in parts is held: only memberships by exam wait.
        assert!(cv.has_registration("NMC"), "{:?}", cv.registrations);
        assert!(partial_exam("mrcp part ii"));
        assert!(!partial_exam("part of the team"));
    }

    #[test]
    fn end_to_end_plain_text() {
        let cv = analyse_at(
            &Document::from_plain_text(SAMPLE),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let kinds: Vec<SectionKind> = cv.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Header,
                SectionKind::Profile,
                SectionKind::Experience,
                SectionKind::Education,
                SectionKind::Certifications,
                SectionKind::Publications
            ]
        );
        assert_eq!(cv.section_of(0), SectionKind::Header);
        assert_eq!(cv.lines[cv.sections[2].first_line].text, "Experience");
        // Experience: 2016-03 .. 2025-06 with the overlap merged.
        assert_eq!(cv.experience.len(), 2);
        assert!(
            (cv.years_experience - 9.3).abs() < 0.05,
            "{}",
            cv.years_experience
        );
        assert_eq!(
            cv.experience[0].title.as_deref(),
            Some("Senior Data Scientist")
        );
        assert_eq!(cv.experience[1].title.as_deref(), Some("Data Analyst"));
        // The education range 2010 – 2014 does not count.
        assert!(
            cv.experience
                .iter()
                .all(|s| s.section == SectionKind::Experience)
        );
        // Degrees.
        assert_eq!(cv.degrees.len(), 2);
        assert_eq!(cv.degrees[0].level, DegreeLevel::Masters);
        assert_eq!(
            cv.degrees[0].subject.as_deref(),
            Some("Health Data Science")
        );
        assert_eq!(cv.degrees[1].class.as_deref(), Some("2:1"));
        assert!(cv.has_degree_at_least(DegreeLevel::Masters));
        assert!(!cv.has_degree_at_least(DegreeLevel::Doctorate));
        assert_eq!(cv.highest_degree().unwrap().level, DegreeLevel::Masters);
        // Credentials: the experience-line PRINCE2 is not a certification, the one in
        // the certifications section is.
        assert_eq!(cv.certifications.len(), 1);
        assert_eq!(cv.certifications[0].name, "PRINCE2 Foundation");
        assert!(cv.has_registration("hcpc"));
        // Personal data.
        assert_eq!(cv.name(), Some("Jane Q. Example"));
        let kinds: Vec<PersonalKind> = cv.personal.iter().map(|p| p.kind).collect();
        for k in [
            PersonalKind::Name,
            PersonalKind::Address,
            PersonalKind::Postcode,
            PersonalKind::Phone,
            PersonalKind::Email,
            PersonalKind::Url,
        ] {
            assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
        }
        assert_eq!(
            cv.redacted_line(1),
            "Clinical Data Scientist | [address] | [phone] | [email]"
        );
        // Later mentions of the (family) name are personal data too, with the
        // candidate's initials in an author list.
        let n = cv.lines.len();
        assert_eq!(
            cv.redacted_line(n - 1),
            "[name], Smith K. A readmission model for Examplesville. 2024."
        );
        // A URL wrapped onto the next line is redacted on both.
        assert_eq!(cv.redacted_line(2), "[url]");
        assert_eq!(cv.redacted_line(3), "[url]");
    }

    #[test]
    fn open_ended_range_in_experience_is_current() {
        let text = "Sam Example\nExperience\nAnalyst, Acme Ltd, Jan 2021 –\n• Built things.\nEducation\nBSc Maths, 2018 –\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        assert_eq!(cv.experience.len(), 1);
        assert!(cv.experience[0].current);
        assert!((cv.years_experience - 4.5).abs() < 0.01);
    }

    #[test]
    fn a_short_line_that_is_a_job_title_is_a_title_line() {
        // A headline under a heading, not in the top lines and not near a date.
        let text = "Sam Example\nsam@example.com\nLeeds\n07700 900123\nGitHub\n\
                    linkedin.com/in/sam\nProfile\nData Scientist\n\
                    Five years of modelling hospital activity.\n\
                    Skills\nStatistician tools: R, Stata\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let names: Vec<&str> = cv.titles.iter().map(|t| t.name.as_str()).collect();
        assert!(
            names.iter().any(|n| n.contains("Data Scientist")),
            "{names:?}"
        );
        // A skills-list line naming a job is not a title line.
        assert!(
            !names.iter().any(|n| n.contains("Statistician")),
            "{names:?}"
        );
    }

    #[test]
    fn no_name_is_taken_from_a_skills_section() {
        // A CV with no name at all, opening with a heading.
        let text = "Education Details\nBA   Mumbai University\nSkill Details\n\
                    Hr Operations- Experience - Less than 1 year\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        assert!(
            !cv.personal.iter().any(|p| p.kind == PersonalKind::Name),
            "{:?}",
            cv.personal
        );
        assert!(
            cv.skills
                .iter()
                .any(|s| s.name == "Human Resources Management")
        );
        // A name after an opening "Personal details" heading is still found.
        let text = "Personal Details\nPriya Raman\npriya@example.com\nSkills\nPython\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        assert!(
            cv.personal.iter().any(|p| p.kind == PersonalKind::Name),
            "{:?}",
            cv.personal
        );
    }

    #[test]
    fn no_experience_section_falls_back() {
        let text =
            "Sam Example\nSummary\nWorked at Acme 2015 - 2020\nEducation\nBSc Maths 2011 - 2014\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        assert!(!cv.has_section(SectionKind::Experience));
        assert_eq!(cv.experience.len(), 1);
        assert!((cv.years_experience - 5.0).abs() < 0.01);
    }

    #[test]
    fn font_headings_and_name_by_size() {
        let mk = |text: &str, font_size: f32, bold: bool| Line {
            text: text.to_string(),
            page: 1,
            x: 0.0,
            y: 0.0,
            font_size,
            bold,
        };
        let doc = Document {
            text: String::new(),
            lines: vec![
                mk("Curriculum Vitae", 12.0, false),
                mk("Ana de la Cruz", 22.0, true),
                mk("Clinical informatician", 10.0, false),
                mk("Where I have worked", 14.0, true),
                mk(
                    "Clinical Safety Officer, Eastbridge Hospitals 2018 – 2024",
                    10.0,
                    true,
                ),
                mk("Completed DCB0129 and DCB0160 training", 10.0, false),
                mk("Education", 14.0, true),
                mk("MBChB, University of Westhaven", 10.0, false),
            ],
            pages: 1,
            stats: Default::default(),
        };
        let cv = analyse_at(&doc, TODAY, crate::knowledge::for_tests());
        assert_eq!(cv.name(), Some("Ana de la Cruz"));
        // "Where I have worked" is an unknown heading, but only after a known one; here
        // it is the first heading, so it stays in the header.
        assert_eq!(cv.section_of(3), SectionKind::Header);
        assert_eq!(cv.section_of(7), SectionKind::Education);
        assert_eq!(cv.degrees[0].level, DegreeLevel::Medicine);
        assert_eq!(cv.years_experience, 6.0);
        assert!(cv.has_certification("DCB0129"));
        assert!(cv.has_certification("DCB0160"));
    }

    #[test]
    fn degrees_wrapped_in_a_narrow_column() {
        let text = "Kim Example\nQualifications\nBSc (Hons) Diagnostic\nRadiography\nSheaf Valley University, 2013 – 2:1\nLLM Information Law & Data\nProtection, University of\nEastbridge – Distinction (2012)\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        assert_eq!(cv.degrees.len(), 2);
        assert_eq!(
            cv.degrees[0].subject.as_deref(),
            Some("Diagnostic Radiography")
        );
        assert_eq!(cv.degrees[0].class.as_deref(), Some("2:1"));
        assert_eq!(
            cv.degrees[1].subject.as_deref(),
            Some("Information Law & Data Protection")
        );
        assert_eq!(cv.degrees[1].class.as_deref(), Some("Distinction"));
    }

    #[test]
    fn a_skill_wrapped_onto_the_next_line_is_found() {
        let text = "Sam Example\nSkills\nLeadership, Communication, Project\nManagement, Agile\n\
                    Python, Data,\nScience Museum volunteer\nExperience\nBuilt pipelines\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let pm = cv.skills.iter().find(|s| s.name == "Project Management");
        assert_eq!(pm.map(|s| s.line), Some(2), "{:?}", cv.skills);
        // A separator at the end of a line ends the phrase there.
        assert!(!cv.has_skill("Data Science"), "{:?}", cv.skills);
    }

    #[test]
    fn skills_deduplicated_with_first_evidence() {
        let text = "Sam Example\n14 Penylan Gardens, Cardiff CF23 5ZR\nProfile\nAnalyst using Python daily.\nSkills\nPython, R, SQL\nPublications\nExample S, Jones R, Lee C. A study. 2024.\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let py = cv.skills.iter().find(|s| s.name == "Python").unwrap();
        assert_eq!(py.count, 2);
        assert_eq!(py.line, 3);
        assert_eq!(py.section, SectionKind::Profile);
        let r = cv.skills.iter().find(|s| s.name == "R").unwrap();
        assert_eq!((r.count, r.section), (1, SectionKind::Skills));
        assert!(cv.has_skill("sql"));
        // Nothing from the address line.
        assert!(cv.skills.iter().all(|s| s.line != 1));
    }

    #[test]
    fn underlined_plain_text_headings() {
        let text = "Sam Example\n===========\nWhere I have worked\n-------------------\nAnalyst, Acme Ltd, 2019 - 2021\n\nEDUCATION\n=========\nBSc Maths\n";
        let cv = analyse_at(
            &Document::from_plain_text(text),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let kinds: Vec<SectionKind> = cv.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Header,
                SectionKind::Other,
                SectionKind::Education
            ]
        );
        assert_eq!(cv.sections[1].heading, "Where I have worked");
        assert_eq!(cv.name(), Some("Sam Example"));
        assert!(cv.lines.iter().all(|l| !l.text.starts_with("---")));
        assert!((cv.years_experience - 2.0).abs() < 0.01);
    }

    #[test]
    fn empty_document() {
        let cv = analyse_at(&Document::default(), TODAY, crate::knowledge::for_tests());
        assert!(cv.lines.is_empty() && cv.sections.is_empty());
        assert_eq!(cv.years_experience, 0.0);
        assert_eq!(cv.section_of(3), SectionKind::Other);
    }

    #[test]
    fn serialises_lowercase() {
        let cv = analyse_at(
            &Document::from_plain_text(SAMPLE),
            TODAY,
            crate::knowledge::for_tests(),
        );
        let json = serde_json::to_string(&cv).unwrap();
        assert!(json.contains("\"kind\":\"experience\""));
        assert!(json.contains("\"level\":\"masters\""));
        assert!(json.contains("\"kind\":\"email\""));
    }
}
