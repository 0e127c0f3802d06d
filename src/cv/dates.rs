//! Date ranges in CV lines ("Jan 2019 – Present", "2019–2021", "03/2018 - 06/2020",
//! "September 2015 to August 2017", "2020 - now") and the union of ranges in months.
//!
//! Hand-written scanner, no regex. Years are accepted in 1950..=2100 only, and a date
//! must not be glued to letters or digits (so `DCB0129`, `ISO 13485` or `1,300` are
//! never dates).

use serde::Serialize;

/// A calendar month. Serialises as `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year (four digits).
    pub year: u16,
    /// 1..=12
    pub month: u8,
}

impl YearMonth {
    /// A month; `month` is clamped into 1..=12.
    pub fn new(year: u16, month: u8) -> YearMonth {
        YearMonth {
            year,
            month: month.clamp(1, 12),
        }
    }

    /// Months since year 0 (January of year 0 is 0).
    pub fn index(self) -> u32 {
        u32::from(self.year) * 12 + u32::from(self.month) - 1
    }

    /// Inverse of [`YearMonth::index`].
    pub fn from_index(index: u32) -> YearMonth {
        YearMonth {
            year: (index / 12) as u16,
            month: (index % 12) as u8 + 1,
        }
    }

    /// The current month (UTC) from the system clock.
    pub fn today() -> YearMonth {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let days = (secs / 86_400) as i64;
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        YearMonth::new(year.clamp(0, 9999) as u16, month as u8)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A date range found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// First month of the range.
    pub start: YearMonth,
    /// Last month of the range, inclusive (today's month when `current`). For a
    /// year-only end ("2019–2021") this is January of the end year, or December when
    /// start and end are the same year.
    pub end: YearMonth,
    /// Whether the range runs to "Present" / "Current" / "Now".
    pub current: bool,
    /// Length in months. Month-precision ranges count both ends ("Jan–Dec 2019" is
    /// 12); year-only ranges count whole years ("2019–2021" is 24).
    pub months: u32,
    /// Byte offsets of the whole range within the line.
    pub start_byte: usize,
    /// End of the range within the line (exclusive).
    pub end_byte: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Month(YearMonth),
    Year(u16),
    Present,
}

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const PRESENT: &[&str] = &["present", "current", "now", "date", "today", "ongoing"];

const SEPARATOR_WORDS: &[&str] = &["to", "until", "till", "through", "thru"];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '−' | '‐' | '‑' | '‒' | '―' | '~')
}

fn valid_year(y: u32) -> bool {
    (1950..=2100).contains(&y)
}

/// Parses a run of ASCII digits at `i`; returns (value, digit count, end).
fn digits_at(s: &str, i: usize) -> Option<(u32, usize, usize)> {
    let b = s.as_bytes();
    let mut j = i;
    let mut v: u32 = 0;
    while j < b.len() && b[j].is_ascii_digit() && j - i < 6 {
        v = v * 10 + u32::from(b[j] - b'0');
        j += 1;
    }
    if j == i || (j < b.len() && b[j].is_ascii_digit()) {
        return None;
    }
    Some((v, j - i, j))
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn next_char(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    while let Some(c) = next_char(s, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Is position `i` at the end of a token (end of text or non-alphanumeric next)?
fn ends_word(s: &str, i: usize) -> bool {
    next_char(s, i).is_none_or(|c| !c.is_alphanumeric())
}

/// A date token starting exactly at `i` (which must be a word start).
fn token_at(s: &str, i: usize) -> Option<(Tok, usize)> {
    let c = next_char(s, i)?;
    if c.is_ascii_digit() {
        let (v, n, j) = digits_at(s, i)?;
        if n == 4 && valid_year(v) {
            // ISO-style "2019-03" / "2019/03".
            if let Some(sep) = next_char(s, j)
                && matches!(sep, '-' | '/')
                && let Some((m, 2, e)) = digits_at(s, j + 1)
                && (1..=12).contains(&m)
                && ends_word(s, e)
                && !next_char(s, e).is_some_and(|c| matches!(c, '-' | '/' | '.'))
            {
                return Some((Tok::Month(YearMonth::new(v as u16, m as u8)), e));
            }
            // Not a "2019/20" academic-year fragment or "2019.5".
            if let Some(d) = next_char(s, j)
                && d.is_alphanumeric()
            {
                return None;
            }
            return Some((Tok::Year(v as u16), j));
        }
        if (1..=2).contains(&n) && (1..=12).contains(&v) {
            let sep = next_char(s, j)?;
            if matches!(sep, '/' | '.' | '-') {
                let k = j + 1;
                let (y, yn, e) = digits_at(s, k)?;
                if yn == 4 && valid_year(y) && ends_word(s, e) {
                    return Some((Tok::Month(YearMonth::new(y as u16, v as u8)), e));
                }
            }
        }
        return None;
    }
    if !c.is_alphabetic() {
        return None;
    }
    let mut j = i;
    while let Some(d) = next_char(s, j) {
        if d.is_alphabetic() {
            j += d.len_utf8();
        } else {
            break;
        }
    }
    let word = s[i..j].to_lowercase();
    if PRESENT.contains(&word.as_str()) {
        return Some((Tok::Present, j));
    }
    let month = MONTHS.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)?;
    let is_apostrophe = |c: Option<char>| matches!(c, Some('\'' | '’' | '‘'));
    let mut k = j;
    let mut apostrophe = false;
    if next_char(s, k) == Some('.') {
        k += 1;
    }
    if is_apostrophe(next_char(s, k)) {
        apostrophe = true;
        k = skip_spaces(s, k + next_char(s, k).map_or(0, char::len_utf8));
    }
    if next_char(s, k) == Some(',') {
        k += 1;
    }
    k = skip_spaces(s, k);
    if is_apostrophe(next_char(s, k)) {
        apostrophe = true;
        k += next_char(s, k).map_or(0, char::len_utf8);
    }
    let (mut y, mut yn, mut e) = digits_at(s, k)?;
    // "June 4, 2018", "JUNE 4,2018": a day of the month before the year.
    if !apostrophe
        && yn <= 2
        && (1..=31).contains(&y)
        && next_char(s, e) == Some(',')
        && let Some((y2, 4, e2)) = digits_at(s, skip_spaces(s, e + 1))
    {
        (y, yn, e) = (y2, 4, e2);
    }
    // "Feb’19", "Jan '19": an apostrophe marks a two-digit year.
    if apostrophe && yn == 2 {
        y += if y <= 50 { 2000 } else { 1900 };
        yn = 4;
    }
    if yn == 4 && valid_year(y) && ends_word(s, e) {
        Some((Tok::Month(YearMonth::new(y as u16, month)), e))
    } else {
        None
    }
}

/// "2019–21": a two-digit end year after a four-digit start year.
fn short_year_at(s: &str, i: usize, start: Tok) -> Option<(Tok, usize)> {
    let Tok::Year(y) = start else { return None };
    let (v, n, e) = digits_at(s, i)?;
    if n != 2 || !ends_word(s, e) || next_char(s, e).is_some_and(|c| matches!(c, '/' | '.' | ':')) {
        return None;
    }
    let end = u32::from(y) / 100 * 100 + v;
    (end > u32::from(y) && valid_year(end)).then_some((Tok::Year(end as u16), e))
}

/// After a start token ending at `i`: the position after a range separator.
fn separator_after(s: &str, i: usize) -> Option<usize> {
    let mut k = skip_spaces(s, i);
    let c = next_char(s, k)?;
    if is_dash(c) {
        k += c.len_utf8();
        // "--" or "–-"
        while let Some(d) = next_char(s, k) {
            if is_dash(d) {
                k += d.len_utf8();
            } else {
                break;
            }
        }
        return Some(till_date(s, skip_spaces(s, k)));
    }
    if c.is_alphabetic() {
        let mut j = k;
        while let Some(d) = next_char(s, j) {
            if d.is_alphabetic() {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let w = s[k..j].to_lowercase();
        if SEPARATOR_WORDS.contains(&w.as_str()) && j > i && k > i {
            return Some(till_date(s, skip_spaces(s, j)));
        }
    }
    None
}

/// After a separator: "till" or "until" before "date" ("to till date", "–
/// till date") is part of the open end, so the end token is read at "date".
fn till_date(s: &str, k: usize) -> usize {
    let rest = &s[k..];
    for w in ["till ", "until "] {
        if rest.len() > w.len()
            && rest.is_char_boundary(w.len())
            && rest[..w.len()].eq_ignore_ascii_case(w)
        {
            let after = skip_spaces(s, k + w.len());
            if s[after..].len() >= 4
                && s.is_char_boundary(after + 4)
                && s[after..after + 4].eq_ignore_ascii_case("date")
            {
                return after;
            }
        }
    }
    k
}

/// Date ranges that start on `line` and end at the start of `next` ("Jun 2018 –" /
/// "Present"), with byte offsets relative to `line` (the end clipped to its length).
pub fn find_wrapped_range(line: &str, next: &str, today: YearMonth) -> Option<DateRange> {
    let t = line.trim_end();
    if !t.ends_with(|c: char| is_dash(c)) && !t.ends_with(" to") {
        return None;
    }
    let joined = format!("{t} {}", next.trim_start());
    find_ranges(&joined, today)
        .into_iter()
        .find(|r| r.start_byte < t.len() && r.end_byte > t.len())
        .map(|mut r| {
            r.end_byte = t.len();
            r
        })
}

/// A date range split over two lines by a date column read beside the text: the
/// start date leads `line`, then a dash and other words ("June 2020 – Developer,
/// OpenAI"), and the end date leads `next` ("Present Working on…"). Byte offsets
/// are relative to `line`, the range ending at the dash.
pub fn find_split_range(line: &str, next: &str, today: YearMonth) -> Option<DateRange> {
    let lead = line.len() - line.trim_start().len();
    let (start, e1) = token_at(line, lead)?;
    if start == Tok::Present {
        return None;
    }
    let k = separator_after(line, e1)?;
    // The dash must be a dash, and no end date may follow it on this line.
    if !line[e1..k].contains(is_dash) || token_at(line, k).is_some() {
        return None;
    }
    let next = next.trim_start();
    token_at(next, 0)?;
    let joined = format!("{} {next}", &line[..k]);
    find_ranges(&joined, today)
        .into_iter()
        .find(|r| r.start_byte == lead && r.end_byte > k)
        .map(|mut r| {
            r.end_byte = line[..k].trim_end().len();
            r
        })
}

/// All date ranges in `line`, left to right. `today` resolves "Present".
pub fn find_ranges(line: &str, today: YearMonth) -> Vec<DateRange> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let c = match next_char(line, i) {
            Some(c) => c,
            None => break,
        };
        let at_word_start = prev_char(line, i).is_none_or(|p| !p.is_alphanumeric());
        if at_word_start
            && c.is_alphanumeric()
            && let Some((start, e1)) = token_at(line, i)
        {
            if start != Tok::Present
                && let Some(k) = separator_after(line, e1)
                && let Some((end, e2)) = token_at(line, k).or_else(|| short_year_at(line, k, start))
            {
                if let Some(r) = make_range(start, end, today, i, e2) {
                    out.push(r);
                }
                i = e2;
            } else {
                // Never start again inside a date ("Jun 2020" → "2020").
                i = e1;
            }
            continue;
        }
        i += c.len_utf8();
    }
    out
}

fn make_range(
    start: Tok,
    end: Tok,
    today: YearMonth,
    start_byte: usize,
    end_byte: usize,
) -> Option<DateRange> {
    let (s, start_year_only) = match start {
        Tok::Month(m) => (m, false),
        Tok::Year(y) => (YearMonth::new(y, 1), true),
        Tok::Present => return None,
    };
    let (e, excl, current) = match end {
        Tok::Month(m) => (m, m.index() + 1, false),
        Tok::Year(y) => {
            if y == s.year {
                let e = YearMonth::new(y, 12);
                (e, e.index() + 1, false)
            } else if start_year_only {
                let e = YearMonth::new(y, 1);
                (e, e.index(), false)
            } else {
                // "Sep 2019 – 2021": assume the end year's middle.
                let e = YearMonth::new(y, 6);
                (e, e.index() + 1, false)
            }
        }
        Tok::Present => (today, today.index() + 1, true),
    };
    if excl <= s.index() {
        return None;
    }
    Some(DateRange {
        start: s,
        end: e,
        current,
        months: excl - s.index(),
        start_byte,
        end_byte,
    })
}

/// Total months covered by the union of `(start, months)` intervals, with overlaps
/// merged, clipped at `today` (inclusive) and capped at 50 years.
pub fn union_months(spans: &[(YearMonth, u32)], today: YearMonth) -> u32 {
    let limit = today.index() + 1;
    let mut iv: Vec<(u32, u32)> = spans
        .iter()
        .map(|(s, m)| (s.index(), (s.index() + m).min(limit)))
        .filter(|(a, b)| b > a)
        .collect();
    iv.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(u32, u32)> = None;
    for (a, b) in iv {
        match cur {
            Some((ca, cb)) if a <= cb => cur = Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                total += cb - ca;
                cur = Some((a, b));
            }
            None => cur = Some((a, b)),
        }
    }
    if let Some((a, b)) = cur {
        total += b - a;
    }
    total.min(50 * 12)
}

/// A count written as digits ("5", "1.5", "10+") or as a word ("three").
/// Shared by the CV side (years a CV states) and the criterion side (years a
/// criterion asks for), so both read the same numbers.
pub fn count(word: &str) -> Option<f32> {
    const WORDS: &[(&str, f32)] = &[
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
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
    ];
    let w = word.trim_end_matches('+');
    if w.is_empty() {
        return None;
    }
    let n = if w.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        w.parse::<f32>().ok()?
    } else {
        WORDS.iter().find(|(s, _)| *s == w)?.1
    };
    (n.is_finite() && n > 0.0).then_some(n)
}

/// The most years a CV states in words that are years of experience and not
/// anything else: the count, then "years"/"yrs" (and optionally months) or
/// "months", with
/// "experience", "exp" or "expertise" shortly after ("5+ years of experience in",
/// "over ten years' hands-on experience", "9yrs experience as") or just before
/// ("Total Experience: 2 Year(s) 4 Month(s)", "experience of 3 years"). "Less
/// than" or "under" a count states no years; a count over 50 years is not a career
/// ("a 300-year-old bank").
pub fn stated_years(line: &str) -> Option<f32> {
    const CUES: &[&str] = &["experience", "exp", "expertise", "experienced"];
    const AFTER: usize = 6;
    const BEFORE: usize = 4;
    // Most lines name no unit: look before lowercasing.
    let has = |unit: &[u8]| {
        line.as_bytes()
            .windows(unit.len())
            .any(|w| w.eq_ignore_ascii_case(unit))
    };
    if !has(b"yr") && !has(b"year") && !has(b"month") {
        return None;
    }
    let lower = line.to_lowercase();
    // Words, with a count glued to its unit split off ("9yrs" → "9", "yrs").
    let mut words: Vec<&str> = Vec::new();
    for w in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '+'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
    {
        let digits = w
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+'))
            .unwrap_or(w.len());
        if digits > 0 && digits < w.len() {
            words.push(&w[..digits]);
            words.push(&w[digits..]);
        } else {
            words.push(w);
        }
    }
    let is_unit = |w: &str, unit: &[&str]| unit.iter().any(|u| w.starts_with(u));
    let mut best: Option<f32> = None;
    for i in 0..words.len().saturating_sub(1) {
        let months = is_unit(words[i + 1], &["month"]);
        if !months && !is_unit(words[i + 1], &["year", "yr"]) {
            continue;
        }
        let Some(mut n) = count(words[i]) else {
            continue;
        };
        if months {
            n /= 12.0;
        }
        let before = &words[i.saturating_sub(BEFORE)..i];
        let fewer = match before {
            [.., "under"] => true,
            [.., w, "than"] => matches!(*w, "less" | "fewer"),
            _ => false,
        };
        let mut j = i + 2;
        // "2 Year(s) 4 Month(s)": the "(s)" is a word of its own.
        if words.get(j) == Some(&"s") {
            j += 1;
        }
        // An age, not a career.
        if fewer || words.get(j) == Some(&"old") {
            continue;
        }
        if let (false, Some(m), Some(unit)) = (
            months,
            words.get(j).and_then(|w| count(w)),
            words.get(j + 1),
        ) && is_unit(unit, &["month", "mo"])
            && m < 12.0
        {
            n += m / 12.0;
            j += 2;
        }
        let after = &words[j.min(words.len())..(j + AFTER).min(words.len())];
        let cued =
            after.iter().any(|w| CUES.contains(w)) || before.iter().any(|w| CUES.contains(w));
        if cued && n <= 50.0 && best.is_none_or(|b| n > b) {
            best = Some(n);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: YearMonth = YearMonth {
        year: 2025,
        month: 6,
    };

    #[test]
    fn two_digit_years_after_an_apostrophe_and_days_of_the_month() {
        let r = one("Feb’ 19 to Present");
        assert_eq!((r.start.year, r.start.month), (2019, 2));
        assert!(r.current);
        let r = one("Jan '98 - Mar '01");
        assert_eq!((r.start.year, r.end.year, r.end.month), (1998, 2001, 3));
        let r = one("JUNE 4,2018 – JULY 16,2018");
        assert_eq!((r.start.month, r.end.month, r.end.year), (6, 7, 2018));
        let r = one("June 4, 2018 - July 16, 2019");
        assert_eq!(r.end.year, 2019);
        // No apostrophe, no two-digit year; a day without a year is no date.
        assert!(find_ranges("Feb 19 - Mar 20", TODAY).is_empty());
        assert!(find_ranges("June 4, 12 - July 16", TODAY).is_empty());
    }

    #[test]
    fn till_date_is_an_open_end() {
        let r = one("Period Sept' 2017 to till date");
        assert!(r.current);
        assert_eq!((r.start.year, r.start.month), (2017, 9));
        assert!(one("Duration Oct 2017- Till Date").current);
        assert!(one("March 2015 until date").current);
        // "till" alone ends nothing.
        assert!(find_ranges("March 2015 to till", TODAY).is_empty());
    }

    #[test]
    fn ranges_split_by_a_date_column() {
        let r = find_split_range(
            "June 2020 – MERN Stack Developer, OpenAI",
            "Present Working on the ChatGPT project",
            TODAY,
        )
        .unwrap();
        assert!(r.current);
        assert_eq!((r.start.year, r.start.month), (2020, 6));
        let r = find_split_range(
            "July 2015 – Full Stack Developer, Uber",
            "May 2020 Developed apps",
            TODAY,
        )
        .unwrap();
        assert_eq!((r.end.year, r.end.month), (2020, 5));
        assert_eq!(r.end_byte, "July 2015 –".len());
        // The next line must begin with the end date; the first must start with a date.
        assert!(
            find_split_range("June 2020 – Developer", "Working on Present things", TODAY).is_none()
        );
        assert!(find_split_range("Developer June 2020 – OpenAI", "May 2021", TODAY).is_none());
        assert!(find_split_range("June 2020 Developer", "May 2021 more", TODAY).is_none());
    }

    #[test]
    fn years_a_cv_states() {
        let y = |s: &str| stated_years(s);
        assert_eq!(
            y("Data scientist with 5+ years of experience in NLP"),
            Some(5.0)
        );
        assert_eq!(y("Over ten years' hands-on experience of SQL"), Some(10.0));
        assert_eq!(y("9yrs experience as a nutritionist"), Some(9.0));
        assert_eq!(
            y("Engineer with 15+ years of hands-on software engineering expertise"),
            Some(15.0)
        );
        let t = y("Total Experience: 2 Year(s) 6 Month(s) Notice Period: 1 Month").unwrap();
        assert!((t - 2.5).abs() < 0.01, "{t}");
        assert_eq!(
            y("Experience of 3 years in retail and 7 years' experience in care"),
            Some(7.0)
        );
        // Not years of experience.
        assert_eq!(y("Python - Experience - Less than 1 year months"), None);
        assert_eq!(
            y("a UK bank over 300 years old with experience of wealth"),
            None
        );
        assert_eq!(y("Age: 25 years old. Experience: retail"), None);
        assert_eq!(y("Led a 3 year programme of work"), None);
        assert_eq!(y("Two years in a row, employee of the month"), None);
        assert_eq!(y("18 months' experience in retail"), Some(1.5));
        assert_eq!(y("Worked 6 months on the project"), None);
    }

    #[test]
    fn counts_in_digits_and_words() {
        assert_eq!(count("three"), Some(3.0));
        assert_eq!(count("1.5"), Some(1.5));
        assert_eq!(count("10+"), Some(10.0));
        assert_eq!(count("0"), None);
        assert_eq!(count("many"), None);
        assert_eq!(count("+"), None);
    }

    fn one(s: &str) -> DateRange {
        let r = find_ranges(s, TODAY);
        assert_eq!(r.len(), 1, "{s:?} -> {r:?}");
        r[0]
    }

    #[test]
    fn month_year_to_present() {
        let r = one("Data Scientist, Acme NHS Trust    Jan 2019 – Present");
        assert_eq!(r.start, YearMonth::new(2019, 1));
        assert_eq!(r.end, TODAY);
        assert!(r.current);
        assert_eq!(r.months, 6 * 12 + 6);
        assert_eq!(
            &"Data Scientist, Acme NHS Trust    Jan 2019 – Present"[r.start_byte..r.end_byte],
            "Jan 2019 – Present"
        );
    }

    #[test]
    fn present_synonyms_and_case() {
        assert!(one("2020 - now").current);
        assert!(one("Mar 2021 — CURRENT").current);
        assert!(one("June 2022 to date").current);
        assert_eq!(one("2020 - now").start, YearMonth::new(2020, 1));
    }

    #[test]
    fn year_only_ranges() {
        let r = one("2019–2021");
        assert_eq!(r.start, YearMonth::new(2019, 1));
        assert_eq!(r.months, 24);
        assert_eq!(one("(2018 - 2018)").months, 12);
        let r = one("Research Assistant, 2019–21");
        assert_eq!(r.end, YearMonth::new(2021, 1));
        assert_eq!(r.months, 24);
        assert!(find_ranges("2019 - 12:30", TODAY).is_empty());
        assert!(find_ranges("2019 - 05", TODAY).is_empty());
    }

    #[test]
    fn numeric_month_ranges() {
        let r = one("03/2018 - 06/2020");
        assert_eq!(r.start, YearMonth::new(2018, 3));
        assert_eq!(r.end, YearMonth::new(2020, 6));
        assert_eq!(r.months, 28);
        assert_eq!(one("01.2015–12.2015").months, 12);
    }

    #[test]
    fn iso_months() {
        let r = one("2019-03 – 2020-11");
        assert_eq!(r.start, YearMonth::new(2019, 3));
        assert_eq!(r.end, YearMonth::new(2020, 11));
        assert_eq!(one("2019/03 to present").start, YearMonth::new(2019, 3));
        // A short end year is not a month.
        assert_eq!(one("2019-21").end, YearMonth::new(2021, 1));
    }

    #[test]
    fn full_month_names_and_to() {
        let r = one("September 2015 to August 2017");
        assert_eq!(r.start, YearMonth::new(2015, 9));
        assert_eq!(r.end, YearMonth::new(2017, 8));
        assert_eq!(r.months, 24);
        let r = one("Sept. 2015 until Aug, 2017");
        assert_eq!(r.start, YearMonth::new(2015, 9));
        assert_eq!(r.end, YearMonth::new(2017, 8));
    }

    #[test]
    fn wrapped_ranges() {
        let r = find_wrapped_range("Acme Ltd, Leeds  Jun 2018 –", "Present", TODAY).unwrap();
        assert!(r.current);
        assert_eq!(r.start, YearMonth::new(2018, 6));
        assert!(find_wrapped_range("BSc Maths, 2018 –", "2:1", TODAY).is_none());
        assert!(find_wrapped_range("Jan 2018 – Mar 2019", "Present", TODAY).is_none());
    }

    #[test]
    fn several_ranges_on_a_line() {
        let r = find_ranges("Jan 2010 - Feb 2011; Mar 2012–Apr 2013", TODAY);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].start, YearMonth::new(2012, 3));
    }

    #[test]
    fn not_dates() {
        for s in [
            "Years 7–11 and Key Stages 3–5",
            "DCB0129-2020 safety case",
            "ISO 13485 - 2016",
            "1,300 pupils - 2,000 staff",
            "2019/20 – 2021/22",
            "Now shown to discharge coordinators",
            "May the 4th",
            "Present 2019",
            "Tel 07700 900218 - 07700 900219",
            "2021 - 19 staff",
        ] {
            assert!(find_ranges(s, TODAY).is_empty(), "{s}");
        }
    }

    #[test]
    fn end_before_start_is_ignored() {
        assert!(find_ranges("2021 - 2019", TODAY).is_empty());
        assert!(find_ranges("Jun 2020 - Jan 2020", TODAY).is_empty());
    }

    #[test]
    fn union_merges_overlaps() {
        let a = (YearMonth::new(2015, 1), 24); // 2015-01..2016-12
        let b = (YearMonth::new(2016, 1), 24); // 2016-01..2017-12 overlaps a by 12
        let c = (YearMonth::new(2020, 1), 12);
        assert_eq!(union_months(&[a, b, c], TODAY), 36 + 12);
        // Contained span adds nothing.
        let d = (YearMonth::new(2015, 6), 3);
        assert_eq!(union_months(&[a, d], TODAY), 24);
        // Adjacent spans join.
        let e = (YearMonth::new(2017, 1), 12);
        assert_eq!(union_months(&[a, e], TODAY), 36);
    }

    #[test]
    fn union_clips_and_caps() {
        // Future months are not counted.
        assert_eq!(union_months(&[(YearMonth::new(2025, 1), 24)], TODAY), 6);
        assert_eq!(union_months(&[(YearMonth::new(1950, 1), 900)], TODAY), 600);
    }

    #[test]
    fn serialises_as_text() {
        let j = serde_json::to_string(&YearMonth::new(2019, 3)).unwrap();
        assert_eq!(j, "\"2019-03\"");
    }

    #[test]
    fn today_is_plausible() {
        let t = YearMonth::today();
        assert!(t.year >= 2024 && (1..=12).contains(&t.month));
        assert_eq!(YearMonth::from_index(t.index()), t);
    }
}
