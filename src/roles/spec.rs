//! Person specifications in free text: Essential / Desirable criteria.
//!
//! Job adverts state their person specification in two ways, both handled by
//! [`parse`]:
//!
//! - inline labels: `Essential: a; b; c. Desirable: x; y.`
//! - headings on their own line followed by a list, as on NHS Jobs:
//!
//!   ```text
//!   Person Specification
//!   Qualifications
//!   Essential
//!   • Degree in nursing
//!   Desirable
//!   • MSc
//!   Experience
//!   Essential
//!   • Two years on a ward
//!   ```
//!
//! Category headings ("Qualifications", "Skills and Knowledge", see
//! [`Category::parse`]) set the category of the criteria that follow. A section
//! ends at the next line that does not belong to a list (a prose paragraph, a
//! question, an unrelated `Heading:`), so the rest of an advert is not turned into
//! criteria. Text without an Essential/Desirable label gives no criteria; use
//! [`list_items`] for fields that are lists by definition.
//!
//! The input is plain text as made by [`super::html::to_text`]: one block per
//! line, list items as `• item` lines.

use super::{Category, Criterion, Priority};

/// Longest criterion kept, in characters; longer items are cut at a word.
pub const MAX_CRITERION_CHARS: usize = 300;

/// Longest plain (unbulleted) line taken as an item; longer ones are prose.
const LINE_ITEM_CHARS: usize = 220;

/// Most criteria taken from one list section (a runaway list is not a spec).
const MAX_SECTION_ITEMS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// After a heading, no item yet.
    Fresh,
    /// Items are bullet lines; a plain line ends the section.
    Bullets,
    /// Items are plain short lines.
    Lines,
}

struct State {
    priority: Option<Priority>,
    category: Option<Category>,
    mode: Mode,
    items: usize,
    out: Vec<Criterion>,
}

impl State {
    fn end_section(&mut self) {
        self.priority = None;
        self.category = None;
        self.mode = Mode::Fresh;
        self.items = 0;
    }

    fn push(&mut self, text: &str, priority: Priority, category: Option<Category>) {
        if self.items >= MAX_SECTION_ITEMS {
            return;
        }
        if let Some(t) = clean_item(text) {
            // An item may carry its own priority: "Degree (Desirable)".
            let (t, p) = trailing_priority(&t).unwrap_or((t.clone(), priority));
            self.items += 1;
            self.out.push(Criterion {
                text: t,
                priority: p,
                category,
            });
        }
    }
}

/// The Essential/Desirable criteria in labelled person-specification text, in
/// source order (not normalised).
pub fn parse(text: &str) -> Vec<Criterion> {
    let mut st = State {
        priority: None,
        category: None,
        mode: Mode::Fresh,
        items: 0,
        out: Vec::new(),
    };
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (bullet, content) = strip_bullet(line);
        if content.is_empty() {
            continue;
        }

        // A heading on its own line.
        if let Some(h) = heading(content, bullet) {
            if h.person_spec {
                st.end_section();
            }
            if let Some(p) = h.priority {
                st.priority = Some(p);
            }
            if h.category.is_some() || h.priority.is_none() {
                st.category = h.category;
            }
            st.mode = Mode::Fresh;
            st.items = 0;
            continue;
        }

        // Inline labels: "Essential: a; b. Desirable: c".
        let labels = find_labels(content);
        if !labels.is_empty() {
            let prefix = content[..labels[0].start]
                .trim()
                .trim_end_matches([':', '-', '–', '(', ','])
                .trim();
            if !prefix.is_empty() {
                if let Some(h) = heading(prefix, false) {
                    if h.category.is_some() {
                        st.category = h.category;
                    }
                } else if st.priority.is_none() {
                    st.category = None;
                }
            }
            let mut any = false;
            for (k, l) in labels.iter().enumerate() {
                let end = labels.get(k + 1).map_or(content.len(), |n| n.start);
                let body = &content[l.end..end];
                if l.category.is_some() {
                    st.category = l.category;
                }
                st.priority = Some(l.priority);
                st.items = 0;
                let cat = st.category;
                for item in split_inline(body) {
                    st.push(item, l.priority, cat);
                    any = true;
                }
            }
            st.mode = if any { Mode::Bullets } else { Mode::Fresh };
            continue;
        }

        let Some(priority) = st.priority else {
            // Outside a section: an item marked "(Essential)" / "(Desirable)" counts;
            // prose resets a pending category heading.
            if content.chars().count() <= MAX_CRITERION_CHARS
                && let Some((_, p)) = trailing_priority(content)
            {
                let cat = st.category;
                st.push(content, p, cat);
            } else {
                st.category = None;
            }
            continue;
        };
        let chars = content.chars().count();
        if bullet {
            if (st.mode == Mode::Lines && chars > MAX_CRITERION_CHARS) || ends_list(content) {
                st.end_section();
                continue;
            }
            let cat = st.category;
            st.push(content, priority, cat);
            // Once a section has bullets, a plain line ends it.
            st.mode = Mode::Bullets;
            continue;
        }
        // A plain line inside a section.
        let trimmed = content.trim_end_matches(['-', ' ']);
        let ends_section = st.mode == Mode::Bullets
            || chars > LINE_ITEM_CHARS
            || trimmed.ends_with('?')
            || (trimmed.ends_with(':') && chars < 120)
            || starts_other_part(content)
            || split_sentences(content).len() > 2;
        if ends_section {
            st.end_section();
            continue;
        }
        st.mode = Mode::Lines;
        let cat = st.category;
        for item in split_inline(content) {
            st.push(item, priority, cat);
        }
    }
    st.out
}

/// Whether a plain line starts the next part of an advert (applying, benefits,
/// contacts), which ends a person-specification list.
fn starts_other_part(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "please ",
        "for further",
        "for more",
        "for an informal",
        "for informal",
        "informal enquiries",
        "closing date",
        "interview",
        "if you ",
        "we offer",
        "we can offer",
        "in return",
        "why ",
        "how to apply",
        "to apply",
        "benefits",
        "what we offer",
        "what you can expect",
        "what's in it",
        "about us",
        "about the",
        "apply ",
        "applicants ",
        "we reserve",
        "we are ",
        "we're ",
        "our ",
        "this post ",
        "this role ",
        "this is ",
        "the post ",
        "the successful",
        "the role ",
        "job description",
        "salary",
        "hours",
        "contract",
        "location",
        "note:",
        "further information",
        "selection process",
        "important information",
    ];
    let lower = line.trim_start().to_lowercase();
    STARTS.iter().any(|s| lower.starts_with(s))
}

/// Whether a bulleted line is advert boilerplate rather than a criterion.
fn ends_list(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "please ",
        "if this ",
        "if you would like",
        "if you are interested",
        "why not apply",
        "apply now",
        "apply today",
        "closing date",
        "interview date",
        "for further",
        "for more information",
    ];
    let lower = line.trim_start().to_lowercase();
    STARTS.iter().any(|s| lower.starts_with(s))
}

/// The items of a text that is a list by definition (a `qualifications` or
/// `educationRequirements` field): lines, bullets, `;`-separated parts and, for a
/// single run of prose, sentences. Items longer than [`MAX_CRITERION_CHARS`] are
/// dropped as prose.
pub fn list_items(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let (_, content) = strip_bullet(raw.trim());
        for item in split_inline(content) {
            if item.chars().count() <= MAX_CRITERION_CHARS
                && let Some(t) = clean_item(item)
            {
                out.push(t);
            }
        }
    }
    out
}

/// Lines of a text (list markers removed), with prose lines split into
/// sentences: for `responsibilities`.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let (_, content) = strip_bullet(raw.trim());
        for s in split_sentences(content) {
            let s = s.trim();
            if s.chars().any(char::is_alphanumeric) {
                out.push(s.to_string());
            }
        }
    }
    out
}

/// Splits a run of text into items on `;`, inline bullets and, when there is no
/// other separator, sentence ends.
fn split_inline(body: &str) -> Vec<&str> {
    let parts: Vec<&str> = body
        .split([';', '•', '·', '▪', '●', '◦'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() > 1 {
        return parts;
    }
    let Some(one) = parts.first() else {
        return parts;
    };
    split_sentences(one)
}

/// Splits at ". " followed by an upper-case letter or digit (not after a short
/// abbreviation such as "e.g." or "Dr.").
fn split_sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] == b'.' && b[i + 1] == b' ' {
            let next = s[i + 2..].chars().next().unwrap_or(' ');
            let word_before = s[start..i].rsplit(' ').next().unwrap_or("");
            let abbrev = word_before.len() <= 2
                || word_before.contains('.')
                || ["etc", "approx", "incl", "inc"].contains(&word_before.to_lowercase().as_str());
            if (next.is_uppercase() || next.is_ascii_digit()) && !abbrev {
                out.push(s[start..=i].trim());
                start = i + 2;
            }
        }
        i += 1;
    }
    out.push(s[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// Removes a leading list marker: bullets (•, -, *, ·, ▪, ...) and numbering
/// ("1.", "2)", "(a)"). Returns whether there was one and the rest.
pub fn strip_bullet(line: &str) -> (bool, &str) {
    let t = line.trim_start();
    let mut chars = t.chars();
    if let Some(c) = chars.next() {
        if matches!(
            c,
            '•' | '·'
                | '▪'
                | '●'
                | '◦'
                | '‣'
                | '■'
                | '□'
                | '○'
                | '➢'
                | '►'
                | '▶'
                | '✓'
                | '✔'
                | '⁃'
        ) {
            return (true, chars.as_str().trim_start());
        }
        if matches!(c, '-' | '*' | '–' | '—' | '+') {
            let rest = chars.as_str();
            if rest.starts_with(' ') || rest.starts_with('\t') {
                return (true, rest.trim_start());
            }
        }
    }
    // Numbering: "1.", "12)", "a)", "(i)", "iv."
    let b = t.as_bytes();
    let mut i = 0;
    let paren = b.first() == Some(&b'(');
    if paren {
        i = 1;
    }
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let letters = if digits == 0 {
        b[i..].iter().take_while(|c| c.is_ascii_lowercase()).count()
    } else {
        0
    };
    let n = digits + letters;
    if (1..=2).contains(&digits) || ((1..=3).contains(&letters) && paren) || letters == 1 {
        let j = i + n;
        let close = b.get(j).copied();
        let ok = if paren {
            close == Some(b')')
        } else {
            close == Some(b'.') || close == Some(b')')
        };
        if ok && b.get(j + 1).is_some_and(|c| *c == b' ' || *c == b'\t') {
            // "e. g." or a decimal number are not numbering.
            if !(letters == 1
                && close == Some(b'.')
                && b.get(j + 2).is_some_and(|c| c.is_ascii_lowercase()))
            {
                return (true, t[j + 1..].trim_start());
            }
        }
    }
    (false, t)
}

struct Heading {
    priority: Option<Priority>,
    category: Option<Category>,
    person_spec: bool,
}

/// Recognises a heading line: made only of person-specification words
/// ("Essential", "Desirable criteria", "Qualifications", "Skills & Knowledge",
/// "Person Specification", "Personal qualities"...), optionally with a trailing
/// colon or dash. A bulleted line is a heading only when it names a priority or
/// ends with a colon.
fn heading(content: &str, bullet: bool) -> Option<Heading> {
    let t = content.trim();
    let colon = t.ends_with(':');
    let t = t.trim_end_matches([':', '-', '–', '.', ';', ' ']);
    // "Essential Criteria (band 2)": the parenthesis is not part of the heading.
    let t = match (t.find('('), t.ends_with(')')) {
        (Some(open), true) if open > 0 => t[..open].trim_end_matches([':', '-', '–', ' ']),
        _ => t,
    };
    let t = t.trim_matches(['*', '_', '(', ')', '[', ']', ' ']);
    if t.is_empty() || t.chars().count() > 60 {
        return None;
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    const FILLER: &[&str] = &[
        "and",
        "or",
        "criteria",
        "criterion",
        "requirements",
        "requirement",
        "required",
        "other",
        "personal",
        "qualities",
        "attributes",
        "professional",
        "registration",
        "specific",
        "aptitudes",
        "understanding",
        "competencies",
        "competences",
        "key",
        "additional",
        "technical",
        "training",
        "educational",
        "include",
        "includes",
        "person",
        "specification",
        "spec",
        "values",
        "behaviours",
        "e",
        "d",
    ];
    let mut priority = None;
    let mut category = None;
    let mut both = false;
    for w in &words {
        match *w {
            "essential" => {
                both |= priority == Some(Priority::Desirable);
                priority = Some(Priority::Essential);
            }
            "desirable" | "preferred" => {
                both |= priority == Some(Priority::Essential);
                priority = Some(Priority::Desirable);
            }
            _ => {
                if let Some(c) = Category::parse(w) {
                    if !is_category_word(w) {
                        return None;
                    }
                    if category.is_none() {
                        category = Some(c);
                    }
                } else if !FILLER.contains(w) {
                    return None;
                }
            }
        }
    }
    if both {
        priority = None;
    }
    let person_spec = words.contains(&"person") && words.contains(&"specification");
    if bullet && priority.is_none() && !colon {
        return None;
    }
    // Single letters only count with a priority word ("E" and "D" columns).
    if priority.is_none() && category.is_none() && !person_spec {
        // Filler-only heading ("Personal qualities", "Other"): only with a colon or
        // with at least one clearly heading-like word.
        let strong = words
            .iter()
            .any(|w| super::UNCATEGORISED_HEADING_WORDS.contains(w));
        if !(strong && words.len() <= 4) {
            return None;
        }
        if words.iter().all(|w| *w == "e" || *w == "d") {
            return None;
        }
    }
    Some(Heading {
        priority,
        category,
        person_spec,
    })
}

fn is_category_word(w: &str) -> bool {
    matches!(
        w,
        "qualification"
            | "qualifications"
            | "education"
            | "educational"
            | "experience"
            | "experiences"
            | "skill"
            | "skills"
            | "knowledge"
            | "ability"
            | "abilities"
    )
}

struct Label {
    /// Byte offset where the label starts.
    start: usize,
    /// Byte offset just after the label's colon.
    end: usize,
    priority: Priority,
    category: Option<Category>,
}

/// Finds "Essential:" / "Desirable criteria:" / "Essential skills:" labels (the
/// colon is required) in a line.
fn find_labels(s: &str) -> Vec<Label> {
    let lower = s.to_ascii_lowercase();
    let mut out = Vec::new();
    for (word, priority) in [
        ("essential", Priority::Essential),
        ("desirable", Priority::Desirable),
    ] {
        let mut from = 0;
        while let Some(p) = lower[from..].find(word) {
            let start = from + p;
            from = start + word.len();
            if start > 0 && lower.as_bytes()[start - 1].is_ascii_alphanumeric() {
                continue;
            }
            // Qualifier words ("criteria", "skills"...), then a colon. At the start
            // of a line (or after "Heading: ") a few other words may come first:
            // "Essential skills as a Bank Nurse:".
            let at_line_start = {
                let before = lower[..start].trim_end();
                before.is_empty() || before.ends_with(':') || before.ends_with('.')
            };
            let mut j = from;
            let mut category = None;
            let mut ok = false;
            for _ in 0..7 {
                let rest = &lower[j..];
                let ws = rest.len() - rest.trim_start_matches([' ', '/', '&']).len();
                let rest = &rest[ws..];
                if rest.starts_with(':') {
                    j += ws + 1;
                    ok = true;
                    break;
                }
                // At the start of a line a dash separates too: "Essential – MSc".
                if start == 0
                    && let Some(d) = ["- ", "– ", "— "].iter().find(|d| rest.starts_with(**d))
                {
                    j += ws + d.len();
                    ok = true;
                    break;
                }
                let w: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                if w.is_empty() {
                    break;
                }
                let known = matches!(
                    w.as_str(),
                    "criteria" | "requirements" | "and" | "include" | "includes"
                ) || is_category_word(&w);
                if !known && !at_line_start {
                    break;
                }
                if is_category_word(&w) && category.is_none() {
                    category = Category::parse(&w);
                }
                j += ws + w.len();
            }
            if ok {
                out.push(Label {
                    start,
                    end: j,
                    priority,
                    category,
                });
            }
        }
    }
    out.sort_by_key(|l| l.start);
    // Overlapping labels ("Desirable but not essential:"): the first wins.
    let mut end = 0;
    out.retain(|l| {
        let keep = l.start >= end;
        if keep {
            end = l.end;
        }
        keep
    });
    out
}

/// "Degree in nursing (Desirable)" or "NMC registration - E": the item's own
/// priority, with the marker removed.
fn trailing_priority(t: &str) -> Option<(String, Priority)> {
    let lower = t.to_ascii_lowercase();
    for (suffix, p) in [
        ("(essential)", Priority::Essential),
        ("(desirable)", Priority::Desirable),
        ("- essential", Priority::Essential),
        ("- desirable", Priority::Desirable),
        ("(e)", Priority::Essential),
        ("(d)", Priority::Desirable),
    ] {
        if lower.ends_with(suffix) {
            let cut = t.len() - suffix.len();
            if t.is_char_boundary(cut) {
                let rest = t[..cut].trim().trim_end_matches([',', ';', '-']).trim();
                if !rest.is_empty() {
                    return Some((rest.to_string(), p));
                }
            }
        }
    }
    None
}

/// Tidies an item: list markers and trailing separators removed, whitespace
/// collapsed, cut to [`MAX_CRITERION_CHARS`]. `None` for empty or filler items.
fn clean_item(s: &str) -> Option<String> {
    let (_, s) = strip_bullet(s.trim());
    let s = s.trim().trim_end_matches([';', ',', ' ']);
    let s = s.strip_suffix('.').unwrap_or(s).trim();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = s.to_ascii_lowercase();
    if !s.chars().any(char::is_alphanumeric)
        || matches!(lower.as_str(), "n/a" | "na" | "none" | "nil" | "-" | "tbc")
    {
        return None;
    }
    Some(truncate_words(&s, MAX_CRITERION_CHARS))
}

/// `s` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let head = match head.rfind(' ') {
        Some(sp) if sp > max / 2 => &head[..sp],
        _ => head,
    };
    format!("{}…", head.trim_end_matches([',', ';', ' ', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &[Criterion], p: Priority) -> Vec<&str> {
        c.iter()
            .filter(|c| c.priority == p)
            .map(|c| c.text.as_str())
            .collect()
    }

    #[test]
    fn inline_labels() {
        let c = parse("Essential: MSc in statistics; Python; SQL. Desirable: FHIR; dbt.");
        assert_eq!(
            texts(&c, Priority::Essential),
            ["MSc in statistics", "Python", "SQL"]
        );
        assert_eq!(texts(&c, Priority::Desirable), ["FHIR", "dbt"]);
        assert!(c.iter().all(|c| c.category.is_none()));
    }

    #[test]
    fn inline_labels_with_sentences_and_categories() {
        let c = parse(
            "Qualifications - Essential: Degree in nursing. Current NMC registration.\nDesirable criteria: Masters",
        );
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Degree in nursing", "Current NMC registration"]
        );
        assert_eq!(texts(&c, Priority::Desirable), ["Masters"]);
        assert_eq!(c[0].category, Some(Category::Qualifications));
    }

    #[test]
    fn nhs_heading_form() {
        let text = "About us\n\nWe are a busy trust.\n\nPerson Specification\n\nQualifications\n\nEssential\n\n• Degree in nursing\n• NMC registration\n\nDesirable\n\n• Masters degree\n\nExperience\n\nEssential\n\n• Two years on an acute ward\n\nSkills\nDesirable\n• Phlebotomy\n\nWe offer a generous pension and lots of other things that make this a great place to work, honestly, please apply.";
        let c = parse(text);
        assert_eq!(
            texts(&c, Priority::Essential),
            [
                "Degree in nursing",
                "NMC registration",
                "Two years on an acute ward"
            ]
        );
        assert_eq!(
            texts(&c, Priority::Desirable),
            ["Masters degree", "Phlebotomy"]
        );
        assert_eq!(c[0].category, Some(Category::Qualifications));
        assert_eq!(c[2].category, Some(Category::Qualifications));
        assert_eq!(c[3].category, Some(Category::Experience));
        assert_eq!(c[4].category, Some(Category::Skills));
    }

    #[test]
    fn bullet_list_ends_at_prose() {
        let text = "Skills and Experience:\n\nEssential:\n\n• Ability to assess needs\n• Willingness to travel\n\nDesirable:\n\n• Research\n\nWhy Vita Health Group?\n\nOur purpose is to make people better.\n\n• Leadership\n• Quality";
        let c = parse(text);
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Ability to assess needs", "Willingness to travel"]
        );
        assert_eq!(texts(&c, Priority::Desirable), ["Research"]);
        assert_eq!(c[0].category, Some(Category::Skills));
    }

    #[test]
    fn plain_line_items_and_unrelated_heading_end() {
        let text = "Essential\n\nPro-choice advocate\n\nA registered nurse; a team player\n\nIn return we offer:\n\n• Pension";
        let c = parse(text);
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Pro-choice advocate", "A registered nurse", "a team player"]
        );
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn dash_labels_parenthesised_headings_and_stop_lines() {
        let c = parse("Essential Qualifications – Advanced Practice Level 7 – MSc");
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Advanced Practice Level 7 – MSc"]
        );
        assert_eq!(c[0].category, Some(Category::Qualifications));
        let c = parse(
            "Essential Criteria (band 2)\n• Communication\nEssential Requirements;\nRegistered Midwife\nNMC Registration\nPlease apply today\nMore",
        );
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Communication", "Registered Midwife", "NMC Registration"]
        );
        let c = parse(
            "Desirable:\nCitrix\n• Citrix ADC\nScripting: Powershell\nWork with the team to deliver. Manage services. Maintain things.",
        );
        assert_eq!(texts(&c, Priority::Desirable), ["Citrix", "Citrix ADC"]);
    }

    #[test]
    fn nhs_heading_form_with_plain_lines() {
        let text = "Person Specification\nQualifications\nEssential\nDegree in nursing\nRelevant experience\nDesirable\nMasters\nExperience\nEssential\nTwo years of ward work\nKnowledge and Understanding\nDesirable\nFHIR";
        let c = parse(text);
        let got: Vec<_> = c
            .iter()
            .map(|c| (c.text.as_str(), c.priority, c.category))
            .collect();
        use Category::*;
        use Priority::*;
        assert_eq!(
            got,
            [
                ("Degree in nursing", Essential, Some(Qualifications)),
                ("Relevant experience", Essential, Some(Qualifications)),
                ("Masters", Desirable, Some(Qualifications)),
                ("Two years of ward work", Essential, Some(Experience)),
                ("FHIR", Desirable, Some(Knowledge)),
            ]
        );
    }

    #[test]
    fn looser_labels_and_marked_items() {
        let c = parse(
            "THE IDEAL CANDIDATE: Essential skills as a Bank Nurse:\n• NMC Registration\n\nDesirable / Requirements: QCF Level 2\n\nEssential Criteria Includes:\n• GCSEs",
        );
        assert_eq!(
            texts(&c, Priority::Essential),
            ["NMC Registration", "GCSEs"]
        );
        assert_eq!(texts(&c, Priority::Desirable), ["QCF Level 2"]);
        let c = parse(
            "Who we're looking for?\n• Experience with people (Essential)\n• Registered Nurse (Essential)\n• A&E (Desirable)\n• Pension",
        );
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Experience with people", "Registered Nurse"]
        );
        assert_eq!(texts(&c, Priority::Desirable), ["A&E"]);
        assert!(parse("It is essential that you drive: we cover a large area.").is_empty());
        let c = parse("Desirable not essential: Prescribing\nDesirable but not essential:\n• X");
        assert_eq!(texts(&c, Priority::Desirable), ["Prescribing", "X"]);
    }

    #[test]
    fn numbered_and_other_bullets() {
        let c = parse("Essential criteria:\n1. Degree\n2) MSc\n- Python\n* R\n▪ SQL\n· Git");
        assert_eq!(
            texts(&c, Priority::Essential),
            ["Degree", "MSc", "Python", "R", "SQL", "Git"]
        );
    }

    #[test]
    fn no_labels_no_criteria() {
        let text = "We need someone with experience of Python. It is essential that you are a team player.\n\n• Python\n• SQL\nExperience\n• Five years";
        assert!(parse(text).is_empty());
    }

    #[test]
    fn long_items_are_cut_and_long_prose_ends_lines_section() {
        let long = "word ".repeat(100);
        let c = parse(&format!("Essential:\n• {long}\n"));
        assert_eq!(c.len(), 1);
        assert!(c[0].text.chars().count() <= MAX_CRITERION_CHARS + 1);
        assert!(c[0].text.ends_with('…'));
        let c = parse(&format!("Essential\nDegree\n{long}\nShort line"));
        assert_eq!(texts(&c, Priority::Essential), ["Degree"]);
    }

    #[test]
    fn item_level_priority_markers() {
        let c = parse("Essential:\n• Degree (Essential)\n• MSc (Desirable)");
        assert_eq!(texts(&c, Priority::Essential), ["Degree"]);
        assert_eq!(texts(&c, Priority::Desirable), ["MSc"]);
    }

    #[test]
    fn sentences_split() {
        assert_eq!(
            sentences("Build models. Ship them, e.g. to AWS.\n• Measure"),
            ["Build models.", "Ship them, e.g. to AWS.", "Measure"]
        );
    }

    #[test]
    fn list_items_split() {
        assert_eq!(
            list_items("Degree in nursing; NMC registration\n• Driving licence."),
            ["Degree in nursing", "NMC registration", "Driving licence"]
        );
        assert!(list_items(&"prose ".repeat(80)).is_empty());
    }

    #[test]
    fn bullets_strip() {
        assert_eq!(strip_bullet("• a"), (true, "a"));
        assert_eq!(strip_bullet("12. a"), (true, "a"));
        assert_eq!(strip_bullet("(iv) a"), (true, "a"));
        assert_eq!(strip_bullet("a) b"), (true, "b"));
        assert_eq!(strip_bullet("-5 degrees"), (false, "-5 degrees"));
        assert_eq!(strip_bullet("e. g. this"), (false, "e. g. this"));
        assert_eq!(strip_bullet("3.5 years"), (false, "3.5 years"));
    }

    #[test]
    fn never_panics_on_cut_text() {
        let text = "Person Specification\nEssential – Dégree; “MSc”\n• Ré (Desirable)\n1) é\n(iv) x\nDesirable: é. É. Essential";
        let mut cuts: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        cuts.dedup();
        for &a in &cuts {
            let _ = parse(&text[a..]);
            let _ = parse(&text[..a]);
            let _ = list_items(&text[a..]);
            let _ = super::super::html::to_text(&text[..a]);
        }
    }
}
