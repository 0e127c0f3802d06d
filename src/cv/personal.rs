//! Personal data: e-mail addresses, UK phone numbers, URLs and profile handles, UK
//! postcodes, dates of birth, the candidate's name and address lines. Hand-written
//! scanners; spans are byte offsets within a line's text.
//!
//! The candidate's name, once detected ([`name_in`]), becomes a [`NameForms`]:
//! its words and initials, from which [`name_mentions`] finds every other
//! mention in any line — the name's capitalised words on their own, author-list
//! forms with initials ("Okafor A", "A. Okafor", "Okafor, A."), and the name
//! glued into handles and words ("aokafor", "amaraokafor", "amara.okafor92").
//! [`handles`] finds profile handles that are not URLs ("GitHub: @jo",
//! "linkedin/jo-o", "@jo"). The analysis computes all spans once per CV
//! (`cv::Cv::personal`); every blind output is redacted from them.

use serde::Serialize;

/// Kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    /// The candidate's name and its other forms.
    Name,
    /// An email address.
    Email,
    /// A phone number.
    Phone,
    /// A postal address.
    Address,
    /// A postcode.
    Postcode,
    /// A date of birth.
    DateOfBirth,
    /// A web address or profile handle.
    Url,
    /// Passport, driving licence, national insurance and other identity
    /// numbers.
    IdNumber,
}

impl PersonalKind {
    /// The kind's name in reports (kebab-case).
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalKind::Name => "name",
            PersonalKind::Email => "email",
            PersonalKind::Phone => "phone",
            PersonalKind::Address => "address",
            PersonalKind::Postcode => "postcode",
            PersonalKind::DateOfBirth => "date_of_birth",
            PersonalKind::Url => "url",
            PersonalKind::IdNumber => "id_number",
        }
    }
}

/// How many ASCII digits `line` holds: numbers of every kind below need a
/// few, and most lines of a CV have fewer, so they are skipped at once.
fn ascii_digits(line: &str) -> usize {
    line.bytes().filter(u8::is_ascii_digit).count()
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
    // Every form below has a dot or a slash; most lines have neither.
    if !line.contains(['.', '/']) {
        return out;
    }
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
        // An e-mail address is not a URL ("x.com/@jo" is).
        // Every form below has a dot or a slash; most words have neither.
        if tok.len() < 5 || !tok.contains(['.', '/']) || tok.starts_with('@') {
            continue;
        }
        if !emails(tok).is_empty() {
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
            || bare_domain(tok)
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

/// Top-level domains of personal sites and profiles, for bare host names
/// ("debarghyadas.com", "jo.github.io", "blog.jo.dev").
const WEB_TLDS: &[&str] = &[
    "ai", "app", "au", "blog", "br", "ca", "cc", "ch", "cn", "co", "com", "de", "dev", "es", "eu",
    "fr", "ie", "in", "info", "io", "it", "jp", "kr", "me", "net", "nl", "nz", "online", "org",
    "page", "pk", "pl", "ru", "se", "site", "tech", "tv", "uk", "us", "vn", "website", "xyz", "za",
];

/// A bare host name: two or more dotted labels of letters, digits and hyphens,
/// ending in a web TLD written in lower case ("jo-okafor.dev", "jo.github.io";
/// not "ASP.NET", "e.g", "Node.js").
fn bare_domain(tok: &str) -> bool {
    let labels: Vec<&str> = tok.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels[0].len() >= 2
        && !labels[..labels.len() - 1]
            .iter()
            .all(|l| l.chars().all(|c| c.is_ascii_digit()))
        && labels.last().is_some_and(|t| WEB_TLDS.contains(t))
}

/// Sites whose name, as a label, introduces a profile handle ("GitHub: jo",
/// "linkedin/jo-o", "X: @jo"), folded to lower case.
const PROFILE_SITES: &[&str] = &[
    "github",
    "gitlab",
    "bitbucket",
    "linkedin",
    "twitter",
    "x",
    "kaggle",
    "medium",
    "stackoverflow",
    "stack overflow",
    "orcid",
    "researchgate",
    "research gate",
    "google scholar",
    "scholar",
    "huggingface",
    "hugging face",
    "leetcode",
    "hackerrank",
    "codeforces",
    "codechef",
    "behance",
    "dribbble",
    "telegram",
    "instagram",
    "facebook",
    "skype",
    "discord",
    "mastodon",
    "youtube",
];

fn handle_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// The end of the handle starting at `start`: its run of handle characters,
/// less a trailing dot or hyphen (the sentence's, not the handle's).
fn handle_end(line: &str, start: usize) -> usize {
    let mut end = start;
    for c in line[start..].chars() {
        if !handle_char(c) {
            break;
        }
        end += c.len_utf8();
    }
    while line[start..end].ends_with(['.', '-']) {
        end -= 1;
    }
    end
}

/// Profile handles that are not URLs: the handle after a profile site's name and
/// a colon or slash ("GitHub: @jo-o", "Kaggle: jo92", "github/jo-o" — this one
/// whole, being a path), and any `@handle` that is not part of an e-mail address.
pub fn handles(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // A site's handle follows ":" or "/": a line with neither has none.
    let separated = line.contains([':', '/', '：']);
    let lower = if separated {
        line.to_lowercase()
    } else {
        String::new()
    };
    if separated && lower.len() == line.len() {
        // Every site's every occurrence, in one pass over the line.
        static SITES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
            std::sync::LazyLock::new(|| {
                aho_corasick::AhoCorasick::new(PROFILE_SITES).expect("site names are literals")
            });
        for m in SITES.find_overlapping_iter(&lower) {
            let (i, e) = (m.start(), m.end());
            let before = lower[..i].chars().next_back();
            let after = lower[e..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '/' || c == '@')
                || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // The separator: ":" (spaces around it allowed) or "/".
            let rest = &line[e..];
            let gap = rest.len() - rest.trim_start().len();
            let (slash, mut h) = match rest.trim_start().chars().next() {
                Some(':') | Some('：') => {
                    let sep = rest.trim_start().chars().next().map_or(1, char::len_utf8);
                    // "GitHub: jo", "Github:// jo".
                    let r = &rest[gap + sep..];
                    let skip = r.len()
                        - r.trim_start_matches(|c: char| c.is_whitespace() || c == '/')
                            .len();
                    (false, e + gap + sep + skip)
                }
                Some('/') if gap == 0 => (true, e + 1),
                _ => continue,
            };
            if line[h..].starts_with('@') {
                h += 1;
            }
            let mut end = handle_end(line, h);
            let handle = &line[h..end];
            let folded = handle.to_lowercase();
            if handle.chars().filter(|c| c.is_alphanumeric()).count() < 2
                || PROFILE_SITES.contains(&folded.as_str())
                // "x: 2", "GitHub: 2019" are not handles.
                || handle.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            // A trailing slash belongs to a path ("linkedin/jo-o/").
            if slash && line[end..].starts_with('/') {
                end += 1;
            }
            let start = if slash {
                i
            } else {
                h - usize::from(line[..h].ends_with('@'))
            };
            out.push((start, end));
        }
    }
    // "@jo_okafor": an at sign that starts a word.
    for (at, _) in line.match_indices('@') {
        let before = line[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '/')) {
            continue;
        }
        let end = handle_end(line, at + 1);
        if line[at + 1..end]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            >= 2
        {
            out.push((at, end));
        }
    }
    out.sort();
    out.dedup();
    // Keep the outermost of overlapping spans.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (s, e) in out {
        match kept.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => kept.push((s, e)),
        }
    }
    kept
}

/// Fields of a contact line: between `|`, `·`, `•`, `,`, `;` or two spaces.
fn fields(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let sep = matches!(c, '|' | '·' | '•' | ',' | ';' | '\t')
            || (c == ' ' && iter.peek().is_some_and(|(_, n)| *n == ' '));
        if sep {
            out.push((s, i));
            s = i + c.len_utf8();
        }
    }
    out.push((s, line.len()));
    out.into_iter()
        .filter_map(|(a, b)| {
            let f = &line[a..b];
            let t = f.trim();
            (!t.is_empty()).then(|| {
                let a2 = a + (f.len() - f.trim_start().len());
                (a2, a2 + t.len())
            })
        })
        .collect()
}

/// Handles standing alone in a contact line — one holding an e-mail address, a
/// phone number or a URL — whose links were lost: a field that is one word of
/// letters and digits, or with an underscore ("1231Lisette", "jo_okafor",
/// "0neir0s"), not in capitals ("COVID-19", "PRINCE2") and without a dot
/// ("Python3.11"), of 4 to 39 characters as on GitHub.
pub fn contact_handles(line: &str) -> Vec<(usize, usize)> {
    let contact = !emails(line).is_empty() || !phones(line).is_empty() || !urls(line).is_empty();
    contact_handles_on(line, contact)
}

/// [`contact_handles`] for a caller that already knows whether `line` holds an
/// e-mail address, a phone number or a URL (`contact`).
pub(crate) fn contact_handles_on(line: &str, contact: bool) -> Vec<(usize, usize)> {
    if !contact {
        return Vec::new();
    }
    fields(line)
        .into_iter()
        .filter(|&(a, b)| {
            let f = &line[a..b];
            let letters = f.chars().filter(|c| c.is_alphabetic()).count();
            let digits = f.chars().filter(|c| c.is_ascii_digit()).count();
            (3..=39).contains(&f.chars().count())
                && f.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                && letters >= 2
                && f.chars().any(char::is_lowercase)
                && (digits >= 1 || f.contains('_'))
                && f.starts_with(|c: char| c.is_alphanumeric())
                && emails(f).is_empty()
                && phones(f).is_empty()
                && postcodes(f).is_empty()
                // "B2", "A1/A2": levels, not handles.
                && f.chars().count() > 3
        })
        .collect()
}

/// Labels of identity numbers (folded to lower case).
/// [`ID_LABELS`] with their automaton.
static ID_LABEL_SET: LabelSet = LabelSet::new(ID_LABELS);

const ID_LABELS: &[&str] = &[
    "passport",
    "driving licence",
    "driving license",
    "driver's license",
    "drivers license",
    "licence no",
    "license no",
    "national insurance",
    "ni number",
    "ni no",
    "social security",
    "ssn",
    "cnic",
    "nic",
    "aadhaar",
    "aadhar",
    "pan",
    "pan card",
    "national id",
    "id card",
    "id no",
    "id number",
    "visa no",
    "visa number",
];

/// A list of field labels with the automaton that finds them all in one pass
/// (built on first use).
pub(crate) struct LabelSet {
    labels: &'static [&'static str],
    automaton: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<usize>)>,
}

impl LabelSet {
    const fn new(labels: &'static [&'static str]) -> LabelSet {
        LabelSet {
            labels,
            automaton: std::sync::OnceLock::new(),
        }
    }

    /// The automaton over every label and, for labels with an apostrophe, its
    /// curly form; with each pattern's place in the order spans are reported
    /// (label by label, straight form before curly).
    fn automaton(&self) -> &(aho_corasick::AhoCorasick, Vec<usize>) {
        self.automaton.get_or_init(|| {
            let mut patterns: Vec<String> = Vec::new();
            let mut order = Vec::new();
            for (i, label) in self.labels.iter().enumerate() {
                patterns.push(label.to_string());
                order.push(2 * i);
                if label.contains('\'') {
                    patterns.push(label.replace('\'', "’"));
                    order.push(2 * i + 1);
                }
            }
            let ac = aho_corasick::AhoCorasick::new(&patterns)
                .expect("label patterns are small literals");
            (ac, order)
        })
    }
}

/// The line lowercased, and where each label of `set` (lowercase, with straight
/// apostrophes) occurs in it, a curly apostrophe in the line matching a
/// straight one: byte spans valid in `line` too, label by label, each label's
/// occurrences left to right and not overlapping one another. `None` when
/// lowercasing changes the line's length, so offsets would not carry over.
fn label_spans(line: &str, set: &LabelSet) -> Option<(String, Vec<(usize, usize)>)> {
    let lower = line.to_lowercase();
    if lower.len() != line.len() {
        return None;
    }
    let (ac, order) = set.automaton();
    let mut found: Vec<(usize, usize, usize)> = ac
        .find_overlapping_iter(&lower)
        .map(|m| (order[m.pattern().as_usize()], m.start(), m.end()))
        .collect();
    found.sort_unstable();
    let mut spans = Vec::with_capacity(found.len());
    let mut last: Option<(usize, usize)> = None;
    for (o, start, end) in found {
        if last.is_some_and(|(lo, lend)| lo == o && start < lend) {
            continue;
        }
        last = Some((o, end));
        spans.push((start, end));
    }
    Some((lower, spans))
}

/// Identity numbers after their label ("Passport No: K1234567", "Driving
/// License: TN1420180011003", "CNIC: 36302-5018729-7", "NI number QQ 12 34 56
/// C"): the value, letters and digits with at least four digits.
pub fn id_numbers(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // A value holds at least four digits.
    if ascii_digits(line) < 4 {
        return out;
    }
    let Some((lower, labels)) = label_spans(line, &ID_LABEL_SET) else {
        return out;
    };
    for (i, e) in labels {
        let before = lower[..i].chars().next_back();
        let after = lower[e..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        // Skip "no", "no.", "number", "#", ":" and spaces after the label.
        let mut v = e;
        loop {
            let rest = &lower[v..];
            let t = rest.trim_start_matches([' ', ':', '#', '.', '-', '–']);
            let t2 = ["number", "num", "no"]
                .iter()
                .find_map(|w| {
                    t.strip_prefix(w)
                        .filter(|r| !r.starts_with(char::is_alphanumeric))
                })
                .unwrap_or(t);
            if t2.len() == rest.len() {
                break;
            }
            v = lower.len() - t2.len();
        }
        // The value: alphanumeric groups joined by single spaces, "-" or
        // "/", up to a field separator.
        let mut end = v;
        let mut digits = 0;
        for (k, c) in line[v..].char_indices() {
            if c.is_ascii_alphanumeric() {
                digits += usize::from(c.is_ascii_digit());
                end = v + k + 1;
            } else if matches!(c, '-' | '/' | ' ')
                && line[v + k + 1..].starts_with(|n: char| n.is_ascii_alphanumeric())
                && !(c == ' ' && line[v..v + k].ends_with(' '))
            {
                continue;
            } else {
                break;
            }
        }
        if digits >= 4 && end > v {
            out.push((v, end));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// UK phone numbers: +44 … or 0… with 10–11 digits, spaces, dashes, dots and
/// brackets between groups.
pub fn phones(line: &str) -> Vec<(usize, usize)> {
    // Every number below has at least seven digits.
    if ascii_digits(line) < 7 {
        return Vec::new();
    }
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
    } else if groups.len() == 1 && (10..=15).contains(&d.len()) && !digits.starts_with('0') {
        // One unbroken run of 10 to 15 digits: a mobile number written without
        // spaces (15016034468, 9760702320) or an identity number, never a
        // quantity (an ISBN-13, 978…/979…, is not personal).
        !(d.len() == 13 && (digits.starts_with("978") || digits.starts_with("979")))
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
    // Both halves hold a digit.
    if ascii_digits(line) < 2 {
        return out;
    }
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
        "personal",
        "information",
        "job",
        "applied",
        "your",
        "location",
        "updated",
        "welcome",
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

/// A span on a line: the line's index and the byte range.
pub type LineSpan = (usize, (usize, usize));

/// How many of a CV's first lines are searched for a name its contact handles
/// corroborate ([`name_from_handles`]).
pub const HANDLE_NAME_LINES: usize = 24;

/// The letters of a contact handle, folded to lower case: the whole (for
/// names run together, `johndoe`) and its words (`john.doe`, `christian_l`).
struct Handle {
    letters: String,
    words: Vec<String>,
}

fn handle_of(text: &str) -> Option<Handle> {
    let folded = crate::text::fold(text);
    let letters: String = folded.chars().filter(|c| c.is_alphabetic()).collect();
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect();
    (letters.chars().count() >= 3).then_some(Handle { letters, words })
}

/// The handles a line gives: the local part of each email address, the last
/// path segment of each address and the first label of its host (a personal
/// site), and `@handle`-style handles.
fn handles_on(line: &str, out: &mut Vec<Handle>) {
    for (s, e) in emails(line) {
        let t = &line[s..e];
        if let Some(h) = t.split('@').next().and_then(handle_of) {
            out.push(h);
        }
    }
    for (s, e) in urls(line).into_iter().chain(handles(line)) {
        let t = line[s..e].trim_start_matches('@');
        let t = t
            .split_once("://")
            .map_or(t, |(_, rest)| rest)
            .trim_start_matches("www.");
        let mut parts = t.split('/');
        if let Some(host) = parts.next()
            && let Some(h) = host.split('.').next().and_then(handle_of)
        {
            out.push(h);
        }
        if let Some(h) = parts.rfind(|p| !p.is_empty()).and_then(handle_of) {
            out.push(h);
        }
    }
}

/// The candidate's name when no header line reads as one: a run of two to four
/// capitalised words on one of the first lines that reads as a name and that
/// the CV's own contact handles bear out, because two of its words run together
/// make part of a handle ("John Doe" beside `john.doe@…` or `johndoe.com`) or
/// one of its words is a word of a handle ("LARICO DEPAZ" beside
/// `christian.larico@…`). Returns the line (an index into `lines`) and the span,
/// and any lone capitalised word within two lines of it that is a handle's word
/// (a name set over two lines: "CHRISTIAN" above "LARICO DEPAZ").
pub fn name_from_handles(
    lines: &[&str],
    k: &crate::knowledge::Knowledge,
) -> Option<(LineSpan, Vec<LineSpan>)> {
    let mut hs: Vec<Handle> = Vec::new();
    for l in lines {
        handles_on(l, &mut hs);
    }
    if hs.is_empty() {
        return None;
    }
    let is_handle_word = |w: &str| {
        let f = crate::text::fold(w);
        f.chars().count() >= 4 && hs.iter().any(|h| h.words.contains(&f))
    };
    let runs_together = |a: &str, b: &str| {
        let joined: String = crate::text::fold(&format!("{a}{b}"))
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        joined.chars().count() >= 5 && hs.iter().any(|h| h.letters.contains(&joined))
    };
    // (strength, line, span): 2 when two words run together in a handle, 1 when
    // one word is a handle's word.
    let mut best: Option<(u8, usize, (usize, usize))> = None;
    for (i, line) in lines.iter().enumerate() {
        for run in capitalised_runs(line) {
            for size in (2..=run.len().min(4)).rev() {
                for w in run.windows(size) {
                    let (s, e) = (w[0].0, w[size - 1].1);
                    let words: Vec<&str> = w.iter().map(|&(a, b)| &line[a..b]).collect();
                    let strength = if words.windows(2).any(|p| runs_together(p[0], p[1])) {
                        2
                    } else if words.iter().any(|x| is_handle_word(x)) {
                        1
                    } else {
                        continue;
                    };
                    if best.is_some_and(|(b, _, _)| b >= strength)
                        || !looks_like_name(&line[s..e], k)
                    {
                        continue;
                    }
                    best = Some((strength, i, (s, e)));
                }
            }
        }
    }
    let (_, at, span) = best?;
    let mut more = Vec::new();
    for (i, line) in lines
        .iter()
        .enumerate()
        .take(at + 3)
        .skip(at.saturating_sub(2))
    {
        for run in capitalised_runs(line) {
            if let [(s, e)] = run[..]
                && i != at
                && is_handle_word(&line[s..e])
            {
                more.push((i, (s, e)));
            }
        }
    }
    Some(((at, span), more))
}

/// The runs of consecutive capitalised words of a line (letters, hyphens and
/// apostrophes), as byte spans, each run cut at punctuation between words.
fn capitalised_runs(line: &str) -> Vec<Vec<(usize, usize)>> {
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut cur: Vec<(usize, usize)> = Vec::new();
    let mut prev_end = 0;
    for (s, w) in line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
    {
        let core = w.trim_end_matches([',', ';', ':', '|', '/', '.']);
        let ok = core.chars().count() >= 2
            && core.starts_with(char::is_uppercase)
            && core
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
        let joined = line[prev_end..s].trim().is_empty();
        if ok && (cur.is_empty() || joined) {
            cur.push((s, s + core.len()));
        } else {
            if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
            if ok {
                cur.push((s, s + core.len()));
            }
        }
        // Punctuation after the word ends the run.
        if ok && core.len() < w.len() {
            runs.push(std::mem::take(&mut cur));
        }
        prev_end = s + w.len();
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Degrees and post-nominals written after names.
const KNOWN_POST_NOMINALS: &[&str] = &[
    "PhD", "DPhil", "MBChB", "MBBS", "BMBS", "MSc", "BSc", "MRes", "MPhil", "BEng", "MEng", "MPH",
    "MBA", "LLM", "LLB", "EdD", "DClinPsy", "CEng", "CStat", "CSci", "GradStat", "MRCPsych",
    "FRCPath", "BMedSci", "MSci", "CPsychol", "RGN", "RMN", "BTech", "MTech", "BA", "MA", "BS",
    "MS", "CA", "CPA", "PE",
];

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
    upper >= 2 && KNOWN_POST_NOMINALS.contains(&w)
}

/// A degree or post-nominal in any case, dots and all: "M.Sc.", "PHD", "MBA".
fn degree_like(word: &str) -> bool {
    let bare: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    bare.len() >= 2
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && (KNOWN_POST_NOMINALS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&bare))
            || (word.contains('.') && bare.len() <= 4 && bare.len() >= 3))
}

/// Labels before a name on its line: "Personal information Sofia Example",
/// "Name: Jo Example".
const NAME_PREFIXES: &[&str] = &[
    "personal information",
    "personal details",
    "full name:",
    "candidate name:",
    "name:",
];

/// Does the word end a name that starts a line ("Jo Example jo-ex", "JO EXAMPLE
/// Mobile: …", "Jo Example +44…")?
fn ends_name(word: &str, name_all_caps: bool) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    !first.is_alphabetic()
        || (first.is_lowercase() && !PARTICLES.contains(&word))
        || (name_all_caps && word.chars().any(char::is_lowercase))
}

/// Words of two to four CJK characters that head a CV or a section, not
/// names: "résumé", "personal details", "education", "work experience"…
/// (Chinese, Japanese and Korean).
const CJK_NOT_NAMES: &[&str] = &[
    "简历",
    "个人简历",
    "求职简历",
    "个人信息",
    "基本信息",
    "个人资料",
    "教育背景",
    "教育经历",
    "工作经历",
    "工作经验",
    "项目经验",
    "项目经历",
    "专业技能",
    "技能",
    "自我评价",
    "获奖情况",
    "荣誉奖项",
    "联系方式",
    "求职意向",
    "实习经历",
    "校园经历",
    "证书",
    "语言能力",
    "兴趣爱好",
    "個人簡歷",
    "簡歷",
    "履歴書",
    "職務経歴書",
    "이력서",
    "자기소개서",
    "경력",
    "학력",
];

/// A name written in Chinese, Japanese or Korean characters alone on its line
/// ("彭永强", "姓名：张三", "김민준"): two to four Han characters, or two to
/// five Hangul syllables, and not a heading word ([`CJK_NOT_NAMES`]). The
/// span within `seg`.
fn cjk_name(seg: &str) -> Option<(usize, usize)> {
    let han = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}');
    let hangul = |c: char| matches!(c, '\u{AC00}'..='\u{D7A3}');
    let mut start = seg.len() - seg.trim_start().len();
    let rest = seg[start..].trim_end();
    // "姓名：张三": the label is not the name.
    if let Some(after) = rest.strip_prefix("姓名") {
        let value = after.trim_start_matches([':', '：', ' ']);
        start += rest.len() - value.len();
    }
    let name = seg[start..].trim_end();
    let letters: Vec<char> = name
        .chars()
        .filter(|c| !matches!(c, '·' | '・' | ' '))
        .collect();
    let all_han = letters.iter().all(|&c| han(c)) && (2..=4).contains(&letters.len());
    let all_hangul = letters.iter().all(|&c| hangul(c)) && (2..=5).contains(&letters.len());
    let spaced = name.split(' ').filter(|w| !w.is_empty()).count();
    if !(all_han || all_hangul) || spaced > 2 || CJK_NOT_NAMES.contains(&name) {
        return None;
    }
    Some((start, start + name.len()))
}

/// The name segment at the start of a header line ("Daniel Hughes | Teacher" →
/// "Daniel Hughes"): (start, end) if it looks like a name. Labels before it
/// ("Personal information", "Name:") and a markdown `#` are skipped; a name
/// followed on its line by a handle, a phone number or a label ("Jo Example
/// jo-ex", "JO EXAMPLE Mobile: …") is found as the words before them.
pub fn name_in(line: &str, k: &crate::knowledge::Knowledge) -> Option<(usize, usize)> {
    let end = line
        .find(['|', '·', '•', ',', '–', '—', '\t', '('])
        .or_else(|| line.find("  "))
        .or_else(|| line.find(" - "))
        .unwrap_or(line.len());
    let seg = &line[..end];
    let mut s = seg.len()
        - seg
            .trim_start_matches(|c: char| c.is_whitespace() || c == '#')
            .len();
    let e = seg.trim_end().len();
    if s >= e {
        return None;
    }
    let lower = seg[s..e].to_lowercase();
    if lower.len() == e - s {
        for p in NAME_PREFIXES {
            if lower.starts_with(p) && lower[p.len()..].starts_with([' ', ':']) {
                s += p.len();
                s += seg[s..].len() - seg[s..].trim_start_matches([' ', ':']).len();
                break;
            }
        }
    }
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
    if s >= e {
        return None;
    }
    // Post-nominals are not part of the name: "Fiona McAllister MBChB",
    // "JAN EXAMPLE M.SC.".
    let mut e = e;
    let all_caps = seg[s..e].chars().all(|c| !c.is_lowercase());
    while e > s {
        let cur = seg[s..e].trim_end();
        let Some((head, last)) = cur.rsplit_once(' ') else {
            break;
        };
        let strip = if all_caps {
            degree_like(last)
        } else {
            is_post_nominal(last) || degree_like(last)
        };
        if !strip || head.split_whitespace().count() < 2 {
            break;
        }
        e = s + head.trim_end().len();
    }
    if looks_like_name(&seg[s..e], k) {
        return Some((s, e));
    }
    if let Some(span) = cjk_name(&seg[s..e]) {
        return Some((s + span.0, s + span.1));
    }
    // The first words, up to a handle, a number or a change of case.
    let words: Vec<(usize, &str)> = seg[s..e]
        .split(' ')
        .scan(s, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let caps = |w: &str| w.chars().all(|c| !c.is_lowercase());
    for n in (2..=4.min(words.len().saturating_sub(1))).rev() {
        let name_caps = words[..n].iter().all(|(_, w)| caps(w));
        // Two real words at least: not "Mz J" of "Mz J lote 21".
        let long = words[..n]
            .iter()
            .filter(|(_, w)| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .count();
        if long >= 2 && ends_name(words[n].1, name_caps) {
            let (last_at, last) = words[n - 1];
            let ne = last_at + last.len();
            if looks_like_name(&seg[s..ne], k) {
                return Some((s, ne));
            }
        }
    }
    None
}

/// Name particles, never matched on their own ("de", "van", "bin").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "la", "le", "van", "von", "der", "den", "bin", "binti", "al", "el",
    "dos", "del", "ter", "ten", "ibn", "y",
];

/// The candidate's name, broken into what its other mentions are made of: its
/// words ("tokens", folded to lower case without accents, 2+ letters, particles
/// and post-nominals left out; "Küster" also as "kuester") and the initials of
/// its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameForms {
    tokens: Vec<String>,
    initials: Vec<char>,
}

impl NameForms {
    /// The forms of a detected name ("Dr Amara N. Okafor" → amara, okafor; a,
    /// n, o). `None` when no word of 2+ letters is left.
    pub fn new(name: &str) -> Option<NameForms> {
        let mixed_case = name.chars().any(char::is_lowercase);
        let mut tokens: Vec<String> = Vec::new();
        let mut initials: Vec<char> = Vec::new();
        for word in name.split_whitespace() {
            if is_post_nominal(word) && word.chars().any(char::is_lowercase) {
                continue;
            }
            for piece in word.split(|c: char| !c.is_alphanumeric()) {
                let n = piece.chars().count();
                if n == 0 {
                    continue;
                }
                let folded = crate::text::fold(piece);
                // "AR" in "Athul AR", "J" in "Avesh J. Krishna": initials.
                let caps_initials = mixed_case && n <= 2 && piece.chars().all(char::is_uppercase);
                if n == 1 || caps_initials {
                    initials.extend(folded.chars().filter(|c| c.is_alphanumeric()));
                    continue;
                }
                if PARTICLES.contains(&folded.as_str()) {
                    continue;
                }
                if let Some(c) = folded.chars().next() {
                    initials.push(c);
                }
                // German umlauts are also written out: Küster, Kuester.
                let lower = piece.to_lowercase();
                if lower.contains(['ä', 'ö', 'ü']) {
                    let spelt = lower
                        .replace('ä', "ae")
                        .replace('ö', "oe")
                        .replace('ü', "ue");
                    tokens.push(crate::text::fold(&spelt));
                }
                tokens.push(folded);
            }
        }
        tokens.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        tokens.dedup();
        initials.sort_unstable();
        initials.dedup();
        (!tokens.is_empty()).then_some(NameForms { tokens, initials })
    }

    /// The name's words, folded, longest first.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    fn is_token(&self, folded: &str) -> bool {
        self.tokens.iter().any(|t| t == folded)
    }

    /// Does `folded` hold one of the name's words of three or more letters? Every
    /// glued or camel-case form does; most words do not, and this is cheap.
    fn holds_word(&self, folded: &str) -> bool {
        self.tokens
            .iter()
            .any(|t| t.len() >= 3 && folded.contains(t.as_str()))
    }

    fn is_initial(&self, folded: &str) -> bool {
        let mut c = folded.chars();
        matches!((c.next(), c.next()), (Some(x), None) if self.initials.contains(&x))
    }

    /// Is `folded` (a word without separators) the name glued together with
    /// initials or digits — "aokafor", "amaraokafor", "okafor92" — and not
    /// merely one of its words? At least one word of 3+ letters, at most two
    /// initials ("spark" is not "s" + "park" unless "s" is an initial).
    fn is_glued(&self, folded: &str) -> bool {
        if self.is_token(folded) || !self.holds_word(folded) {
            return false;
        }
        let chars: Vec<char> = folded.chars().collect();
        let n = chars.len();
        // best[i]: parts so far (long words, initials) reaching i, if any.
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0, 0));
        for i in 0..n {
            let Some((words, inits, parts)) = best[i] else {
                continue;
            };
            let mut step = |j: usize, w: usize, ini: usize| {
                let cand = (words + w, inits + ini, parts + 1);
                let better = match best[j] {
                    None => true,
                    Some(old) => {
                        (cand.0, std::cmp::Reverse(cand.1)) > (old.0, std::cmp::Reverse(old.1))
                    }
                };
                if better {
                    best[j] = Some(cand);
                }
            };
            for t in &self.tokens {
                let tc: Vec<char> = t.chars().collect();
                if chars[i..].starts_with(&tc) {
                    step(i + tc.len(), usize::from(tc.len() >= 3), 0);
                }
            }
            if self.initials.contains(&chars[i]) {
                step(i + 1, 0, 1);
            }
            if chars[i].is_ascii_digit() {
                let mut j = i;
                while j < n && chars[j].is_ascii_digit() {
                    j += 1;
                }
                step(j, 0, 0);
            }
        }
        best[n].is_some_and(|(words, inits, parts)| words >= 1 && inits <= 2 && parts >= 2)
    }
}

/// The alphanumeric pieces of `text` with their byte offsets.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Mentions of the candidate's name in a line, as byte spans:
///
/// - a name word on its own when capitalised ("Okafor", "OKAFOR"; not "rose" or
///   "will" for Rose Will);
/// - with the initials beside it in author lists ("Okafor A", "Okafor, A.",
///   "A. N. Okafor"), when they are the candidate's initials;
/// - the name glued into a word or handle, whatever its case ("aokafor",
///   "AmaraOkafor", "okafor92"), and handles joined by `.`, `_`, `-` or an
///   apostrophe made only of the name's words and initials ("amara.okafor",
///   "a-okafor").
pub fn name_mentions(line: &str, name: &NameForms) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let ps = pieces(line);
    // Runs of pieces joined by one separator character: "amara.okafor".
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < ps.len() {
        let mut j = k;
        while j + 1 < ps.len() {
            let gap = &line[ps[j].1..ps[j + 1].0];
            if gap.chars().count() == 1
                && gap
                    .chars()
                    .all(|c| matches!(c, '.' | '_' | '-' | '\'' | '’'))
            {
                j += 1;
            } else {
                break;
            }
        }
        runs.push((k, j));
        k = j + 1;
    }
    for (a, b) in runs {
        let folded: Vec<String> = (a..=b)
            .map(|i| crate::text::fold(&line[ps[i].0..ps[i].1]))
            .collect();
        if b > a {
            let all_name = folded.iter().all(|f| {
                name.is_token(f)
                    || name.is_initial(f)
                    || name.is_glued(f)
                    || f.chars().all(|c| c.is_ascii_digit())
            });
            let some_word = folded
                .iter()
                .any(|f| (name.is_token(f) && f.chars().count() >= 3) || name.is_glued(f));
            if all_name && some_word {
                out.push((ps[a].0, ps[b].1));
                continue;
            }
        }
        for (i, f) in (a..=b).zip(&folded) {
            let (s, e) = ps[i];
            let piece = &line[s..e];
            let capitalised = piece.chars().next().is_some_and(char::is_uppercase);
            if name.is_token(f) && capitalised {
                let (s2, e2) = with_initials(line, s, e, name);
                out.push((s2, e2));
            } else if !name.holds_word(f) {
                // Neither glued nor camel case: both hold a word of the name.
            } else if name.is_glued(f) {
                out.push((s, e));
            } else if let Some((s2, e2)) = camel_name(piece, name) {
                out.push((s + s2, s + e2));
            }
        }
    }
    out.sort();
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (s, e) in out {
        match kept.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => kept.push((s, e)),
        }
    }
    kept
}

/// The name inside a camel-case word ("AmaraOkaforCV", "CVAmaraOkafor",
/// "OkaforCV"): the parts that are the name's words or initials, when there are
/// two of them or the other parts are capitals ("CV"), not "McDonald" for a
/// Donald. Byte span within `word`.
fn camel_name(word: &str, name: &NameForms) -> Option<(usize, usize)> {
    // Split before a capital that follows a lower-case letter or digit, and
    // before the last capital of a run followed by a lower-case letter.
    let cs: Vec<(usize, char)> = word.char_indices().collect();
    let mut bounds = vec![0];
    for w in 1..cs.len() {
        let (i, c) = cs[w];
        let prev = cs[w - 1].1;
        let next = cs.get(w + 1).map(|x| x.1);
        if c.is_uppercase()
            && (prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next.is_some_and(char::is_lowercase)))
        {
            bounds.push(i);
        }
    }
    bounds.push(word.len());
    if bounds.len() < 3 {
        return None;
    }
    let parts: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let is_name = |&(s, e): &(usize, usize)| {
        let f = crate::text::fold(&word[s..e]);
        name.is_token(&f) || name.is_initial(&f) || name.is_glued(&f)
    };
    let is_word = |&(s, e): &(usize, usize)| {
        let f = crate::text::fold(&word[s..e]);
        (name.is_token(&f) && f.chars().count() >= 3) || name.is_glued(&f)
    };
    // The longest run of name parts holding a word of the name.
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < parts.len() {
        if !is_name(&parts[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < parts.len() && is_name(&parts[j + 1]) {
            j += 1;
        }
        let others_caps = parts[..i]
            .iter()
            .chain(&parts[j + 1..])
            .all(|&(s, e)| word[s..e].chars().all(|c| !c.is_lowercase()));
        if (i..=j).any(|x| is_word(&parts[x]))
            && (j > i || others_caps)
            && best.is_none_or(|(a, b)| j - i > b - a)
        {
            best = Some((i, j));
        }
        i = j + 1;
    }
    best.map(|(a, b)| (parts[a].0, parts[b].1))
}

/// Widens a surname's span over the candidate's initials written beside it in
/// an author list: "Okafor A", "Okafor, A. N.", "A. Okafor", "A.N. Okafor".
fn with_initials(line: &str, s: usize, e: usize, name: &NameForms) -> (usize, usize) {
    // A capital that is one of the candidate's initials, standing alone.
    let initial_at = |i: usize| -> Option<usize> {
        let c = line.get(i..)?.chars().next()?;
        let alone = !line[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        (alone && c.is_uppercase() && name.is_initial(&crate::text::fold(&c.to_string())))
            .then_some(c.len_utf8())
    };
    let starts_letter = |i: usize| line[i..].starts_with(char::is_alphabetic);
    // After: [","] then initials "A", "A.", "AN", "A. N." each after a space
    // (or right after the previous initial's dot).
    let mut end = e;
    let mut at = e + usize::from(line[e..].starts_with(','));
    loop {
        let i = at + (line[at..].len() - line[at..].trim_start_matches(' ').len());
        if i == e {
            break;
        }
        let Some(n) = initial_at(i) else { break };
        let mut j = i + n;
        if let Some(c2) = line[j..].chars().next()
            && c2.is_uppercase()
            && name.is_initial(&crate::text::fold(&c2.to_string()))
            && !starts_letter(j + c2.len_utf8())
        {
            j += c2.len_utf8();
        }
        if starts_letter(j) {
            break;
        }
        j += usize::from(line[j..].starts_with('.'));
        end = j;
        at = j;
    }
    // Initials before a capitalised word are that next author's: "Athul, R.
    // Obonyo".
    if line[end..].trim_start().starts_with(char::is_uppercase) {
        end = e;
    }
    // Before: initials "A. ", "A ", "A.", "A.N. " directly before the name.
    let mut start = s;
    loop {
        let head = &line[..start];
        let t = head.trim_end_matches(' ');
        let t = t.strip_suffix('.').unwrap_or(t);
        if t.len() == head.len() {
            break;
        }
        let Some(c) = t.chars().next_back() else {
            break;
        };
        let i = t.len() - c.len_utf8();
        if initial_at(i).is_none() {
            break;
        }
        start = i;
    }
    (start, end)
}

/// Labels whose value is a person's name: the candidate's ("Name:") or a
/// relative's ("Father's name:"), both personal data.
/// [`NAME_LABELS`] with their automaton.
static NAME_LABEL_SET: LabelSet = LabelSet::new(NAME_LABELS);

const NAME_LABELS: &[&str] = &[
    "name",
    "full name",
    "candidate name",
    "father's name",
    "fathers name",
    "father name",
    "mother's name",
    "mothers name",
    "mother name",
    "husband's name",
    "husband name",
    "spouse's name",
    "spouse name",
    "guardian's name",
    "guardian name",
    "s/o",
    "d/o",
    "w/o",
];

/// The value of a name field ("Father's Name: Muhammad Nasir"): from after the
/// colon to the next field separator, when it is 1–5 words of letters.
pub fn labelled_names(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // The value follows a colon.
    if !line.contains(':') {
        return out;
    }
    let Some((lower, labels)) = label_spans(line, &NAME_LABEL_SET) else {
        return out;
    };
    for (i, e) in labels {
        let before = lower[..i].trim_end().chars().next_back();
        if before.is_some_and(|c| !matches!(c, '|' | '·' | '•' | ',' | ';')) {
            continue;
        }
        let rest = &line[e..];
        let Some(after_colon) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let vs = line.len() - after_colon.trim_start().len();
        let ve = line[vs..]
            .find(['|', '·', '•', ',', ';', '\t'])
            .map_or(line.len(), |p| vs + p);
        let value = line[vs..ve].trim_end();
        let words = value.split_whitespace().count();
        if (1..=5).contains(&words)
            && value
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
        {
            out.push((vs, vs + value.len()));
        }
    }
    out.sort();
    out.dedup();
    out
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

    #[test]
    fn a_name_borne_out_by_the_contact_handles() {
        let lines = [
            "street and number",
            "jdoe@example.org",
            "www.johndoe.example",
            "Curriculum Vitae",
            "Jane Smith Associates",
            "John Doe",
        ];
        let ((i, (s, e)), _) = name_from_handles(&lines, k()).unwrap();
        assert_eq!(&lines[i][s..e], "John Doe");
        // A name over two lines, one word in the email address.
        let lines = [
            "Lima",
            "christian.larico@example.edu",
            "CHRISTIAN x/",
            "LARICO DEPAZ",
        ];
        let ((i, (s, e)), more) = name_from_handles(&lines, k()).unwrap();
        assert_eq!(&lines[i][s..e], "LARICO DEPAZ");
        let more: Vec<&str> = more.iter().map(|&(l, (s, e))| &lines[l][s..e]).collect();
        assert_eq!(more, ["CHRISTIAN"]);
        // Nothing bears a name out: none is made up.
        let lines = ["info@acme.example", "Acme Widgets Ltd", "Project Manager"];
        assert!(name_from_handles(&lines, k()).is_none());
        let lines = ["Senior Data Scientist", "data.scientist@example.org"];
        assert!(name_from_handles(&lines, k()).is_none());
    }

    #[test]
    fn names_in_cjk_characters() {
        let k = crate::knowledge::for_tests();
        let name = |line: &str| name_in(line, k).map(|(s, e)| line[s..e].to_string());
        assert_eq!(name("彭永强").as_deref(), Some("彭永强"));
        assert_eq!(name("姓名：张三").as_deref(), Some("张三"));
        assert_eq!(name("김민준").as_deref(), Some("김민준"));
        // Headings and lines with more than a name are not names.
        for line in [
            "个人简历",
            "教育背景",
            "工作经验",
            "男，25岁，汉族",
            "北京大学计算机科学与技术专业",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
    }

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

    fn mentions<'a>(line: &'a str, name: &str) -> Vec<&'a str> {
        let forms = NameForms::new(name).unwrap();
        texts(line, &name_mentions(line, &forms))
    }

    #[test]
    fn name_forms_keep_words_and_initials() {
        let f = NameForms::new("Amara N. Okafor").unwrap();
        assert_eq!(f.tokens(), ["okafor", "amara"]);
        assert_eq!(f.initials, ['a', 'n', 'o']);
        // Particles, post-nominals and capital initials are not words.
        let f = NameForms::new("Ana de la Cruz MSc").unwrap();
        assert_eq!(f.tokens(), ["cruz", "ana"]);
        let f = NameForms::new("Athul AR").unwrap();
        assert_eq!(f.tokens(), ["athul"]);
        assert!(f.initials.contains(&'r'));
        let f = NameForms::new("Jan Küster").unwrap();
        assert_eq!(f.tokens(), ["kuester", "kuster", "jan"]);
        assert!(NameForms::new("A. B.").is_none());
    }

    #[test]
    fn author_lists_lose_the_name_and_its_initials() {
        let n = "Amara Okafor";
        assert_eq!(
            mentions("Okafor A, Smith J. A readmission model. 2024.", n),
            ["Okafor A"]
        );
        assert_eq!(mentions("Smith J, Okafor A.", n), ["Okafor A."]);
        assert_eq!(
            mentions("A. Okafor, J. Smith and K. Jones", n),
            ["A. Okafor"]
        );
        assert_eq!(
            mentions("Smith, J. and Okafor, A. (2021)", n),
            ["Okafor, A."]
        );
        assert_eq!(
            mentions("A.N. Okafor et al.", "Amara N. Okafor"),
            ["A.N. Okafor"]
        );
        assert_eq!(mentions("OKAFOR A, SMITH J", n), ["OKAFOR A"]);
        // Someone else's initials stay: only the surname goes.
        assert_eq!(mentions("J. Okafor, K. Smith", n), ["Okafor"]);
        assert_eq!(
            mentions("[1] A. R. Athul, R. Obonyo and T. Stoica", "Athul AR"),
            ["A. R. Athul"]
        );
        assert_eq!(
            mentions(
                "S. Mariño, J. Lares, Wilmer Gonzalez.",
                "Wilmer A. Gonzalez S."
            ),
            ["Wilmer", "Gonzalez"]
        );
    }

    #[test]
    fn the_name_inside_handles_and_words() {
        let n = "Amara Okafor";
        for (line, want) in [
            ("aokafor", "aokafor"),
            ("amaraokafor", "amaraokafor"),
            ("AmaraOkaforCV", "AmaraOkafor"),
            ("okafor92 on Kaggle", "okafor92"),
            ("amara.okafor | amara-okafor", "amara.okafor"),
            ("okafor_a", "okafor_a"),
        ] {
            let got = mentions(line, n);
            assert!(got.contains(&want), "{line}: {got:?}");
        }
        // "AmaraOkaforCV": the glued name, not the "CV" after it.
        assert_eq!(mentions("see AmaraOkaforCV.pdf", n), ["AmaraOkafor"]);
        assert_eq!(mentions("OkaforCV", n), ["Okafor"]);
        assert!(mentions("McDonald's", "Donald Example").is_empty());
        // Accents and spelt-out umlauts: Küster, KUSTER, kuester.
        assert_eq!(
            mentions("Küster J, KUSTER and jkuester", "Jan Küster"),
            ["Küster J", "KUSTER", "jkuester"]
        );
    }

    #[test]
    fn ordinary_words_are_not_names() {
        // Rose Will: the words stay when not capitalised as names.
        let n = "Rose Will";
        assert!(mentions("Sales rose by 20% and will rise again", n).is_empty());
        assert_eq!(
            mentions("Presented with Will and Rose Smith", n),
            ["Will", "Rose"]
        );
        // A word that holds a name word is not the name glued: "Spark" is not
        // "s" + "Park" for Byungjin Park, "Johnson" is not John.
        assert!(mentions("Apache Spark, parking, Johnson & Johnson", "Byungjin Park").is_empty());
        assert!(mentions("Johnson & Johnson, johnny", "John Doe").is_empty());
        assert!(mentions("mark-up and well-known", "Mark Well").is_empty());
        // But the name glued to an initial is: "bpark", "jdoe".
        assert_eq!(mentions("bpark", "Byungjin Park"), ["bpark"]);
        assert_eq!(mentions("jdoe42", "John Doe"), ["jdoe42"]);
    }

    #[test]
    fn profile_handles() {
        for (l, want) in [
            (
                "GitHub: @amara-o | LinkedIn: amaraokafor",
                vec!["@amara-o", "amaraokafor"],
            ),
            ("Github: 2hard4me", vec!["2hard4me"]),
            ("Github:// 0neir0s", vec!["0neir0s"]),
            (
                "linkedin/joseph-ex/ | github/picklesueat",
                vec!["linkedin/joseph-ex/", "github/picklesueat"],
            ),
            ("X: @amara_tweets", vec!["@amara_tweets"]),
            ("Kaggle : ao92, Medium: @ao", vec!["ao92", "@ao"]),
            ("Stack Overflow: user123", vec!["user123"]),
            ("follow @amara_o on Mastodon", vec!["@amara_o"]),
        ] {
            assert_eq!(texts(l, &handles(l)), want, "{l}");
        }
        for l in [
            "GitHub | GitLab | LinkedIn",
            "me@example.com",
            "Used GitHub Actions and GitLab CI",
            "Git, GitHub: 2019",
            "Python @ scale",
        ] {
            assert!(handles(l).is_empty(), "{l}: {:?}", texts(l, &handles(l)));
        }
    }

    #[test]
    fn bare_domains_and_profile_urls() {
        for (l, want) in [
            ("debarghyadas.com", "debarghyadas.com"),
            ("0neir0s.github.io | me@x.org", "0neir0s.github.io"),
            ("x.com/@amara_o", "x.com/@amara_o"),
            ("Blog: blog.example.dev.", "blog.example.dev"),
            (
                "orcid.org/0000-0002-1825-0097",
                "orcid.org/0000-0002-1825-0097",
            ),
        ] {
            assert_eq!(texts(l, &urls(l)), [want], "{l}");
        }
        for l in [
            "ASP.NET and VB.NET",
            "Node.js, Vue.js",
            "e.g. this, i.e. that",
            "version 1.2.3",
            "Ph.D. in physics",
            "resume.pdf",
        ] {
            assert!(urls(l).is_empty(), "{l}: {:?}", texts(l, &urls(l)));
        }
    }

    #[test]
    fn unbroken_mobile_numbers() {
        for (l, want) in [
            ("15016034468 · me@qq.com", "15016034468"),
            ("PRERNA EXAMPLE Mobile : 9760702320", "9760702320"),
            ("+918800969376", "+918800969376"),
        ] {
            assert_eq!(texts(l, &phones(l)), [want], "{l}");
        }
        assert!(phones("ISBN 9780131103627").is_empty());
        assert!(phones("Order 12345678 shipped").is_empty());
    }

    #[test]
    fn name_fields() {
        let l = "FATHER NAME: MUHAMMAD EXAMPLE";
        assert_eq!(texts(l, &labelled_names(l)), ["MUHAMMAD EXAMPLE"]);
        let l = "Name: Jo Example | Father's Name: Sam Example";
        assert_eq!(texts(l, &labelled_names(l)), ["Jo Example", "Sam Example"]);
        assert!(labelled_names("Company name: Acme 2020").is_empty());
        assert!(labelled_names("Renamed: things").is_empty());
        // A curly apostrophe reads as a straight one.
        let l = "Father’s Name: Sam Example";
        assert_eq!(texts(l, &labelled_names(l)), ["Sam Example"]);
    }

    #[test]
    fn names_after_labels_and_before_handles() {
        for (l, want) in [
            ("PERSONAL INFORMATION Sofia Example", "Sofia Example"),
            ("Name: Jo Example", "Jo Example"),
            ("# Oliver Example", "Oliver Example"),
            ("Eva Example (she/her)", "Eva Example"),
            ("John Doe yourusername yourusername", "John Doe"),
            ("PRERNA EXAMPLE Mobile : 9760702320", "PRERNA EXAMPLE"),
            ("Abhishek Example +91 9112340675", "Abhishek Example"),
            ("JAN EXAMPLE M.SC.", "JAN EXAMPLE"),
        ] {
            assert_eq!(name_in(l, k()).map(|(s, e)| &l[s..e]), Some(want), "{l}");
        }
        for l in [
            "JOB APPLIED FOR",
            "Your Location",
            "Data Scientist with Python",
            "Mz J lote 21 S1 B2",
        ] {
            assert_eq!(name_in(l, k()), None, "{l}");
        }
    }

    #[test]
    fn identity_numbers() {
        for (l, want) in [
            ("Driving License: TN1420180011003", "TN1420180011003"),
            ("CNIC: 36302-5018729-7", "36302-5018729-7"),
            ("Passport No. K1234567 | Nationality: Indian", "K1234567"),
            ("NI number: QQ 12 34 56 C", "QQ 12 34 56 C"),
        ] {
            assert_eq!(texts(l, &id_numbers(l)), [want], "{l}");
        }
        for l in [
            "Passport to success",
            "PAN-India rollout across 12 sites",
            "Company name: Pantheon",
            "Driving licence: full, clean",
        ] {
            assert!(
                id_numbers(l).is_empty(),
                "{l}: {:?}",
                texts(l, &id_numbers(l))
            );
        }
    }

    #[test]
    fn handles_in_contact_lines() {
        let l = "15016034468 · 2405848522@qq.com · 1231Lisette · My Blog";
        assert_eq!(texts(l, &contact_handles(l)), ["1231Lisette"]);
        let l = "jo@example.com | jo_okafor | Leeds LS6 4QT";
        assert_eq!(texts(l, &contact_handles(l)), ["jo_okafor"]);
        // Not a contact line, or fields that are not handles.
        assert!(contact_handles("Python3 | Leeds").is_empty());
        assert!(contact_handles("jo@example.com | B2 | Level 3 | COVID-19 | PRINCE2").is_empty());
        assert!(contact_handles("jo@example.com | Python3.11 | Leeds").is_empty());
    }
}
