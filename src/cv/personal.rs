//! Personal data: e-mail addresses, UK phone numbers, URLs and profile handles, UK
//! postcodes, dates of birth, the candidate's name and address lines. Hand-written
//! scanners; spans are byte offsets within a line's text.

use serde::Serialize;

/// Kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    Name,
    Email,
    Phone,
    Address,
    Postcode,
    DateOfBirth,
    Url,
}

impl PersonalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalKind::Name => "name",
            PersonalKind::Email => "email",
            PersonalKind::Phone => "phone",
            PersonalKind::Address => "address",
            PersonalKind::Postcode => "postcode",
            PersonalKind::DateOfBirth => "date_of_birth",
            PersonalKind::Url => "url",
        }
    }
}

fn email_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn email_domain(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// E-mail addresses: (start, end).
pub fn emails(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices('@') {
        let mut s = at;
        while let Some(c) = line[..s].chars().next_back() {
            if email_local(c) {
                s -= c.len_utf8();
            } else {
                break;
            }
        }
        while line[s..at].starts_with('.') {
            s += 1;
        }
        let mut e = at + 1;
        while let Some(c) = line[e..].chars().next() {
            if email_domain(c) {
                e += c.len_utf8();
            } else {
                break;
            }
        }
        while line[..e].ends_with(['.', '-']) {
            e -= 1;
        }
        let domain = &line[at + 1..e];
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
        if s < at && domain.contains('.') && tld_ok {
            out.push((s, e));
        }
    }
    out
}

const URL_HOSTS: &[&str] = &[
    "linkedin.com/",
    "github.com/",
    "gitlab.com/",
    "orcid.org/",
    "twitter.com/",
    "x.com/",
    "kaggle.com/",
    "huggingface.co/",
    "scholar.google.",
    "researchgate.net/",
    "medium.com/",
    "bitbucket.org/",
];

/// URLs and profile handles (http(s)://…, www.…, linkedin.com/in/…, github.com/…).
pub fn urls(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes_end = line.len();
    let mut spans = Vec::new();
    for (idx, c) in line.char_indices() {
        let sep = c.is_whitespace() || matches!(c, '|' | '·' | '•' | '<' | '>' | '"');
        match (sep, start) {
            (true, Some(s)) => {
                spans.push((s, idx));
                start = None;
            }
            (false, None) => start = Some(idx),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, bytes_end));
    }
    for (s, e) in spans {
        let mut s = s;
        let mut e = e;
        // Trim surrounding punctuation.
        while let Some(c) = line[s..e].chars().next() {
            if matches!(c, '(' | '[' | '{' | '\'' | '“' | '‘') {
                s += c.len_utf8();
            } else {
                break;
            }
        }
        while let Some(c) = line[s..e].chars().next_back() {
            if matches!(
                c,
                ')' | ']' | '}' | ',' | '.' | ';' | ':' | '\'' | '”' | '’'
            ) {
                e -= c.len_utf8();
            } else {
                break;
            }
        }
        let tok = &line[s..e];
        if tok.contains('@') || tok.len() < 5 {
            continue;
        }
        let lower = tok.to_ascii_lowercase();
        // "scholar.example.org/jo": a dotted host with an alphabetic TLD, then a path.
        let host_path = lower.find('/').is_some_and(|slash| {
            let host = &lower[..slash];
            let labels: Vec<&str> = host.split('.').collect();
            labels.len() >= 2
                && labels.iter().all(|l| {
                    !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
                && labels.last().is_some_and(|t| {
                    (2..=6).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphabetic())
                })
                && lower.len() > slash + 1
        });
        let is_url = host_path
            || lower.starts_with("http://")
            || lower.starts_with("https://")
            || (lower.starts_with("www.") && lower.len() > 8)
            || URL_HOSTS.iter().any(|h| {
                lower.find(h).is_some_and(|p| {
                    p == 0 || lower[..p].ends_with('.') || lower[..p].ends_with("//")
                }) && !lower.ends_with(h)
            });
        if is_url {
            out.push((s, e));
        }
    }
    out
}

/// UK phone numbers: +44 … or 0… with 10–11 digits, spaces, dashes, dots and
/// brackets between groups.
pub fn phones(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    // After a label ("Tel", "Phone", "Mobile"…) any run of 7 to 15 digits is a
    // number, whatever the country's format.
    let labelled = phone_label_end(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+');
        if boundary
            && (c == b'+' || c == b'(' || c.is_ascii_digit())
            && let Some(e) = phone_at(b, i, labelled.is_some_and(|l| right_after(line, l, i)))
        {
            out.push((i, e));
            i = e;
            continue;
        }
        i += 1;
    }
    out
}

/// Does the number at `start` follow the label ending at `label_end` directly
/// ("Tel: 612…", "Mobile - 98765…")? "Mobile app, 2019 - 2021" has words between.
fn right_after(line: &str, label_end: usize, start: usize) -> bool {
    start >= label_end
        && start - label_end <= 4
        && line
            .get(label_end..start)
            .is_some_and(|gap| gap.chars().all(|c| " :.-#/".contains(c)))
}

/// The byte offset just past a phone label ("Tel:", "Phone", "Mobile",
/// "Mob.", "Cell", "WhatsApp", "Téléphone"…) in `line`, if there is one.
fn phone_label_end(line: &str) -> Option<usize> {
    const LABELS: &[&str] = &[
        "phone",
        "tel",
        "telephone",
        "mobile",
        "mob",
        "cell",
        "whatsapp",
        "téléphone",
        "handy",
        "contact no",
        "contact number",
    ];
    let lower = line.to_lowercase();
    if lower.len() != line.len() {
        // Lower-casing changed byte offsets (rare scripts): no labelled numbers.
        return None;
    }
    LABELS
        .iter()
        .filter_map(|l| {
            lower.match_indices(l).find_map(|(i, m)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + m.len()..].chars().next();
                let word = !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric);
                word.then_some(i + m.len())
            })
        })
        .min()
}

fn phone_at(b: &[u8], start: usize, labelled: bool) -> Option<usize> {
    let mut digits = String::new();
    // Lengths of the digit groups, for the North American 3-3-4 shape.
    let mut groups: Vec<usize> = Vec::new();
    let mut j = start;
    let mut last_digit_end = start;
    let mut gap = 0;
    let mut plus = false;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            if gap > 0 || groups.is_empty() {
                groups.push(0);
            }
            if let Some(g) = groups.last_mut() {
                *g += 1;
            }
            digits.push(c as char);
            j += 1;
            last_digit_end = j;
            gap = 0;
        } else if c == b'+' && j == start {
            plus = true;
            j += 1;
        } else if matches!(c, b' ' | b'-' | b'.' | b'(' | b')') {
            gap += 1;
            if gap > 2 {
                break;
            }
            j += 1;
        } else {
            break;
        }
        if digits.len() > 17 {
            return None;
        }
    }
    // Must not run straight into more alphanumerics.
    if b.get(last_digit_end)
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let d = digits.as_bytes();
    let ok = if plus {
        // +44 (0)20 7946 0000, +1 (555) 123-4567, +91 98765 43210: a country
        // code and at most 15 digits (E.164), a "(0)" trunk prefix allowed.
        (8..=16).contains(&d.len()) && d[0] != b'0'
    } else if digits.starts_with("00") {
        // International prefix: 0049 30 1234567.
        (10..=17).contains(&d.len()) && d[2] != b'0'
    } else if digits.starts_with('0') {
        // UK national numbers: 07700 900218, (020) 7946 0958, 0113 496 0000.
        (10..=11).contains(&d.len()) && matches!(d[1], b'1' | b'2' | b'3' | b'7' | b'8')
    } else {
        // North American numbers written 3-3-4 with separators:
        // (555) 123-4567, 555-123-4567, 555.123.4567; any number after a label.
        // (Spaces alone, "943 476 5919", is how NHS numbers are written.)
        let marked = b[start..last_digit_end]
            .iter()
            .any(|c| matches!(c, b'-' | b'.' | b'('));
        (groups == [3, 3, 4] && d[0] != b'1' && marked) || (labelled && (7..=15).contains(&d.len()))
    };
    ok.then_some(last_digit_end)
}

fn outward_ok(s: &str) -> bool {
    // A9, A99, AA9, AA99, A9A, AA9A
    let c: Vec<char> = s.chars().collect();
    let l = |x: char| x.is_ascii_uppercase();
    let d = |x: char| x.is_ascii_digit();
    match c.len() {
        2 => l(c[0]) && d(c[1]),
        3 => l(c[0]) && ((d(c[1]) && (d(c[2]) || l(c[2]))) || (l(c[1]) && d(c[2]))),
        4 => l(c[0]) && l(c[1]) && d(c[2]) && (d(c[3]) || l(c[3])),
        _ => false,
    }
}

fn inward_ok(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    let ok_letter = |x: char| x.is_ascii_uppercase() && !"CIKMOV".contains(x);
    c.len() == 3 && c[0].is_ascii_digit() && ok_letter(c[1]) && ok_letter(c[2])
}

/// UK postcodes ("LS6 4QT", "SW1A 1AA", "CF235ZR"), upper case.
pub fn postcodes(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Alphanumeric words with offsets.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            words.push((s, i));
        }
    }
    if let Some(s) = start {
        words.push((s, line.len()));
    }
    // Guards against glued tokens: the char before a word start and after a word end
    // must not be alphanumeric or a hyphen-joined part.
    let mut k = 0;
    while k < words.len() {
        let (s, e) = words[k];
        let w = &line[s..e];
        if outward_ok(w) && k + 1 < words.len() {
            let (s2, e2) = words[k + 1];
            if line[e..s2] == *" " && inward_ok(&line[s2..e2]) {
                out.push((s, e2));
                k += 2;
                continue;
            }
        }
        if (5..=7).contains(&w.len()) {
            let (o, i) = w.split_at(w.len() - 3);
            if outward_ok(o) && inward_ok(i) {
                out.push((s, e));
            }
        }
        k += 1;
    }
    out
}

/// "Date of birth: 1 May 1990" / "DOB 01/05/1990": the span from the label to the
/// end of the line.
pub fn date_of_birth(line: &str) -> Option<(usize, usize)> {
    let lower = line.to_ascii_lowercase();
    for label in ["date of birth", "d.o.b", "dob"] {
        let mut from = 0;
        while let Some(p) = lower[from..].find(label) {
            let s = from + p;
            let e = s + label.len();
            from = e;
            let before = lower[..s].chars().next_back();
            let after = lower[e..].chars().next();
            if before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
            {
                // Up to a field separator, else the end of the line.
                let end = line[e..]
                    .find(['|', '·', '•'])
                    .map_or(line.len(), |p| e + p);
                let end = s + line[s..end].trim_end().len();
                return Some((s, end));
            }
        }
    }
    None
}

/// A word whose rarity across job titles (see
/// [`Occupations::word_weight`](crate::text::occupations::Occupations::word_weight))
/// is below this is common to many titles ("associate" 0.09, "support" 0.13,
/// "executive" 0.22) and never part of a name; surnames that are job words
/// ("Cook" 0.33, "Baker" 0.47) weigh more.
const GENERIC_TITLE_WORD: f32 = 0.25;

/// Is `text` shaped like a person's name: 2–4 capitalised words of letters (accents,
/// hyphens and apostrophes allowed), no digits or `@`?
pub fn looks_like_name(text: &str, k: &crate::knowledge::Knowledge) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 60 || t.chars().any(|c| c.is_ascii_digit() || c == '@') {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    const NOT_NAMES: &[&str] = &[
        "curriculum",
        "vitae",
        "resume",
        "résumé",
        "cv",
        "page",
        "engineer",
        "scientist",
        "analyst",
        "manager",
        "officer",
        "consultant",
        "developer",
        "nurse",
        "doctor",
        "director",
        "lead",
        "head",
        "data",
        "senior",
        "junior",
        "clinical",
        "nhs",
        "trust",
        "university",
        "ltd",
        "limited",
        "hospital",
        "profile",
        "summary",
        "contact",
        "experience",
        "education",
        "skills",
        "skill",
        "skillset",
        "set",
        "knowledge",
        "proficiency",
        "computer",
        "strengths",
        "thinking",
        "player",
        "technical",
        "technologies",
        "framework",
        "systems",
        "operating",
        "details",
    ];
    if words
        .iter()
        .any(|w| NOT_NAMES.contains(&w.to_lowercase().trim_end_matches('.')))
    {
        return false;
    }
    // "Selenium WebDriver", "ITIL Management": a skill or a job title, not a
    // person. (Ambiguous forms such as "Julia" or "Jenkins" only count in a list
    // context, so "Julia Jenkins" stays a name.)
    if !k.skills.find(t).is_empty() || !k.titles.find(t).is_empty() {
        return false;
    }
    // "HR ADMINISTRATOR", "Staff Nurse": a job title, not a person, even in an
    // anonymised CV whose first line it is. (A surname that is also a job word,
    // "Mary Baker", reads below the thesaurus's confidence.)
    if k.occupations
        .classify(t)
        .is_some_and(|m| m.score >= crate::text::occupations::CONFIDENT)
    {
        return false;
    }
    // "Network Ops Associate", "IT Support", "HR Executive": a word common to
    // many job titles is not part of a name. Surnames that are job words
    // ("Baker", "Cook", "Turner") name one trade each and weigh far more.
    if words.iter().any(|w| {
        let weight = k.occupations.word_weight(w);
        weight > 0.0 && weight < GENERIC_TITLE_WORD
    }) {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase()
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    }) || words.iter().all(|w| {
        // Particles: "Siobhán Ní Bhriain", "Ana de la Cruz".
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    }) && words
        .first()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_lowercase))
            .all(|w| {
                matches!(
                    *w,
                    "de" | "da"
                        | "di"
                        | "du"
                        | "la"
                        | "le"
                        | "van"
                        | "von"
                        | "der"
                        | "den"
                        | "bin"
                        | "al"
                        | "el"
                        | "dos"
                        | "del"
                )
            })
}

/// "PhD", "MBChB", "FRCR", "MSc": letters only, at least two capitals, and either
/// no lower-case letters or a known degree/post-nominal shape.
fn is_post_nominal(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w.len() < 2 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let upper = w.chars().filter(char::is_ascii_uppercase).count();
    if upper == w.len() {
        return true;
    }
    const KNOWN: &[&str] = &[
        "PhD", "DPhil", "MBChB", "MBBS", "BMBS", "MSc", "BSc", "MRes", "MPhil", "BEng", "MEng",
        "MPH", "MBA", "LLM", "LLB", "EdD", "DClinPsy", "CEng", "CStat", "CSci", "GradStat",
        "MRCPsych", "FRCPath", "BMedSci", "MSci", "CPsychol", "RGN", "RMN",
    ];
    upper >= 2 && KNOWN.contains(&w)
}

/// The name segment at the start of a header line ("Daniel Hughes | Teacher" →
/// "Daniel Hughes"): (start, end) if it looks like a name.
pub fn name_in(line: &str, k: &crate::knowledge::Knowledge) -> Option<(usize, usize)> {
    let end = line
        .find(['|', '·', '•', ',', '–', '—', '\t'])
        .or_else(|| line.find("  "))
        .or_else(|| line.find(" - "))
        .unwrap_or(line.len());
    let seg = &line[..end];
    let mut s = seg.len() - seg.trim_start().len();
    let e = seg.trim_end().len();
    // Honorifics are not part of the name: "Dr Aoife Gallagher".
    for h in [
        "dr",
        "dr.",
        "prof",
        "prof.",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
    ] {
        let rest = &seg[s..e];
        if let Some((first, _)) = rest.split_once(' ')
            && first.eq_ignore_ascii_case(h)
        {
            s += first.len();
            s += seg[s..].len() - seg[s..].trim_start().len();
            break;
        }
    }
    // Post-nominals are not part of the name: "Fiona McAllister MBChB".
    let mut e = e;
    let all_caps = seg[s..e].chars().all(|c| !c.is_lowercase());
    while !all_caps && e > s {
        let cur = seg[s..e].trim_end();
        let Some((head, last)) = cur.rsplit_once(' ') else {
            break;
        };
        if !is_post_nominal(last) || head.split_whitespace().count() < 2 {
            break;
        }
        e = s + head.trim_end().len();
    }
    (e > s && looks_like_name(&seg[s..e], k)).then_some((s, e))
}

const STREET_WORDS: &[&str] = &[
    "road",
    "rd",
    "street",
    "st",
    "lane",
    "ln",
    "avenue",
    "ave",
    "terrace",
    "gardens",
    "crescent",
    "mews",
    "close",
    "drive",
    "way",
    "court",
    "place",
    "square",
    "grove",
    "flat",
    "apartment",
    "house",
    "cottages",
    "hill",
    "row",
    "walk",
    "parade",
    "park",
    "view",
    "rise",
    "green",
    "wharf",
    "quay",
];

/// Address segments of a header line: the field (between `|`, `·`, `•` or double
/// spaces) holding a postcode, or starting with a house number / "Flat" and naming a
/// street.
pub fn address_fields(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut fields: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let sep = matches!(c, '|' | '·' | '•' | '\t')
            || (c == ' ' && iter.peek().is_some_and(|(_, n)| *n == ' '));
        if sep {
            fields.push((s, i));
            s = i + c.len_utf8();
        }
    }
    fields.push((s, line.len()));
    for (a, b) in fields {
        let f = &line[a..b];
        let t = f.trim();
        if t.is_empty() {
            continue;
        }
        let a2 = a + (f.len() - f.trim_start().len());
        let b2 = a2 + t.len();
        let has_postcode = !postcodes(t).is_empty();
        let words: Vec<String> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let numbered = words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()) || w == "flat");
        let street = words
            .iter()
            .skip(1)
            .any(|w| STREET_WORDS.contains(&w.as_str()));
        if (has_postcode || (numbered && street)) && !t.contains('@') && phones(t).is_empty() {
            out.push((a2, b2));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> &'static crate::knowledge::Knowledge {
        crate::knowledge::for_tests()
    }

    fn texts<'a>(line: &'a str, spans: &[(usize, usize)]) -> Vec<&'a str> {
        spans.iter().map(|&(s, e)| &line[s..e]).collect()
    }

    #[test]
    fn email() {
        let l = "Contact: amara.okafor@example.com | jo+cv@mail.example.co.uk.";
        assert_eq!(
            texts(l, &emails(l)),
            ["amara.okafor@example.com", "jo+cv@mail.example.co.uk"]
        );
        assert!(emails("@handle and a@b").is_empty());
    }

    #[test]
    fn skills_and_headings_are_not_names() {
        for t in [
            "Selenium WebDriver",
            "ITIL Management",
            "Skill Set",
            "COMPUTER KNOWLEDGE",
            "Optimistic Thinking",
            "Operating Systems Windows",
            "Data Scientist",
        ] {
            assert!(!looks_like_name(t, k()), "{t}");
        }
        for t in [
            "Julia Jenkins",
            "Amara Okafor",
            "Siobhán Ní Bhriain",
            "Grace Hopper",
        ] {
            assert!(looks_like_name(t, k()), "{t}");
        }
    }

    #[test]
    fn phone() {
        for (l, want) in [
            ("07700 900218", "07700 900218"),
            ("Tel: +44 7700 900371 |", "+44 7700 900371"),
            ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("Mobile 07700-900-823", "07700-900-823"),
            ("(020) 7946 0958", "(020) 7946 0958"),
            ("0113 496 0000 (home)", "0113 496 0000"),
            ("+1 (555) 123-4567 | jane@example.com", "+1 (555) 123-4567"),
            ("+91 98765 43210", "+91 98765 43210"),
            ("Mobile: 0049 30 1234567", "0049 30 1234567"),
            ("(555) 123-4567", "(555) 123-4567"),
            ("call 555.123.4567 after six", "555.123.4567"),
            ("Phone: 98765 43210", "98765 43210"),
            ("Tel. 612 34 56 78", "612 34 56 78"),
        ] {
            assert_eq!(texts(l, &phones(l)), [want], "{l}");
        }
        for l in [
            "2019 - 2021",
            "0.74 AUROC",
            "ISO 13485",
            "NHS number 943 476 5919",
            "01/2020",
            "Jan 2019 - Dec 2021",
            "Reduced waiting lists by 1,234 patients in 2021",
            "Managed a budget of 2.5 million across 12 sites",
            "Telemetry data from 2019 - 2021",
            "ICD-10 codes 123 456 7890",
            "Mobile app development, 2019 - 2021",
            "Built a mobile 2024 release",
        ] {
            assert!(phones(l).is_empty(), "{l}");
        }
    }

    #[test]
    fn postcode() {
        for (l, want) in [
            ("Leeds LS6 4QT", "LS6 4QT"),
            ("London SW1A 1AA", "SW1A 1AA"),
            ("Cardiff CF23 5ZR.", "CF23 5ZR"),
            ("B1 1AA", "B1 1AA"),
            ("M60 2LA, UK", "M60 2LA"),
            ("HG27WJ", "HG27WJ"),
        ] {
            assert_eq!(texts(l, &postcodes(l)), [want], "{l}");
        }
        for l in [
            "ISO 9001",
            "HL7 FHIR",
            "R4 interface",
            "ls6 4qt",
            "P95 latency",
            "NEWS2 scores",
            "A1 9CK",
        ] {
            assert!(postcodes(l).is_empty(), "{l}");
        }
    }

    #[test]
    fn url() {
        let l = "github.com/example-praman | linkedin.com/in/priya-raman-example | https://example.org/cv.";
        assert_eq!(
            texts(l, &urls(l)),
            [
                "github.com/example-praman",
                "linkedin.com/in/priya-raman-example",
                "https://example.org/cv"
            ]
        );
        assert!(urls("I use GitHub and LinkedIn").is_empty());
        assert!(urls("me@github.com").is_empty());
        assert_eq!(urls("scholar.example.org/eagaoglu").len(), 1);
        assert!(urls("CI/CD and R/Python, e.g. 0.74/0.80").is_empty());
    }

    #[test]
    fn dob() {
        let l = "Date of birth: 3 March 1990 | Nationality: British";
        let (s, e) = date_of_birth(l).unwrap();
        assert_eq!(&l[s..e], "Date of birth: 3 March 1990");
        assert!(date_of_birth("DOB 01/02/1988").is_some());
        assert!(date_of_birth("Doberman owner").is_none());
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Amara Okafor", k()));
        assert!(looks_like_name("Zoë Pemberton", k()));
        assert!(looks_like_name("Siobhán Ní Bhriain", k()));
        assert!(looks_like_name("José Álvarez-Ruiz", k()));
        assert!(looks_like_name("Ana de la Cruz", k()));
        assert!(looks_like_name("AMARA OKAFOR", k()));
        assert!(!looks_like_name("Curriculum Vitae", k()));
        assert!(!looks_like_name("Data", k()));
        assert!(!looks_like_name("07700 900218", k()));
        assert!(!looks_like_name(
            "Statistician turned NHS data scientist",
            k()
        ));
        let l = "Daniel Hughes | Teacher of History";
        assert_eq!(name_in(l, k()), Some((0, 13)));
        let l = "Dr Fiona McAllister MBChB PhD";
        assert_eq!(
            name_in(l, k()).map(|(s, e)| &l[s..e]),
            Some("Fiona McAllister")
        );
        let l = "Dr Chloé Marchetti";
        assert_eq!(
            name_in(l, k()).map(|(s, e)| &l[s..e]),
            Some("Chloé Marchetti")
        );
    }

    #[test]
    fn address() {
        let l = "Teacher of History & Head of Year | 14 Penylan Gardens, Cardiff CF23 5ZR";
        assert_eq!(
            texts(l, &address_fields(l)),
            ["14 Penylan Gardens, Cardiff CF23 5ZR"]
        );
        let l = "Flat 3, 41 Hawksworth Terrace";
        assert_eq!(texts(l, &address_fields(l)), [l]);
        assert!(address_fields("07700 900218 | me@example.com").is_empty());
        assert!(address_fields("Led 3 teams across the Trust").is_empty());
    }
}
