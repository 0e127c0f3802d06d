//! Filters a hiring team applies before ranking: where the role is, its band,
//! its salary, when the advert was posted and whether it has closed.
//!
//! [`RoleFilter::select`] turns a filter into the positions of the roles it
//! keeps; the matcher then ranks those roles only
//! ([`crate::score::Matcher::score_among`]), so a filter never changes a
//! role's score, only which roles are ranked.
//!
//! - **Location** (`--location`, any of several): a place name matches the
//!   words of a role's town, region or location text as a whole-word sequence,
//!   folded for case and accents (`leeds` matches "LEEDS" and "St James's
//!   Hospital, Leeds"; `york` does not match "North Yorkshire"); a postcode
//!   matches by its area (`LS`), district (`LS1`, not `LS14`), sector (`LS1 4`)
//!   or in full; a country by its code or name (`GB`, `UK`, `United Kingdom`);
//!   `remote` matches remote roles.
//! - **Band** (`--band`, any of several): the role's Agenda for Change band
//!   ([`super::band_code`]: `8a` = `8A` = `Band 8a`).
//! - **Salary** (`--salary-min`, `--salary-max`): the role's salary range a year
//!   ([`Role::annual_salary`], in the role's own currency) overlaps the range
//!   asked for. Roles with no salary are kept unless `require_salary`.
//! - **Posted since**: `datePosted` on or after the date; roles with no
//!   `datePosted` are left out.
//! - **Closed adverts**: a role whose `validThrough` is before today is skipped
//!   unless `include_expired`. Roles with no `validThrough` never close.

use super::{Date, Role, band_code};
use crate::error::{Error, Result};
use crate::text::fold;

/// What to keep. The default keeps every role whose advert has not closed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleFilter {
    /// Places, any of which a role must be in (`remote` for remote roles).
    pub locations: Vec<String>,
    /// Agenda for Change bands (`6`, `8a`, `Band 8A`), any of which the role
    /// must have.
    pub bands: Vec<String>,
    /// The least the role may pay a year, at the top of its range.
    pub salary_min: Option<f64>,
    /// The most the role may pay a year, at the bottom of its range.
    pub salary_max: Option<f64>,
    /// Leave out roles with no salary (kept by default).
    pub require_salary: bool,
    /// Keep adverts whose `validThrough` has passed.
    pub include_expired: bool,
    /// Keep roles posted on or after this date only.
    pub posted_since: Option<Date>,
    /// The date adverts are compared with; `None`: today by the system clock.
    pub today: Option<Date>,
}

/// The roles a filter keeps, and why others were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Positions of the kept roles, in order.
    pub allowed: Vec<usize>,
    /// Roles the filter's criteria kept but whose advert has closed: skipped
    /// (0 with `include_expired`).
    pub expired: usize,
    /// Roles outside the filter's criteria (location, band, salary, posting date).
    pub excluded: usize,
    /// The date adverts were compared with.
    pub today: Date,
}

impl RoleFilter {
    /// Whether any criterion beyond the closing date is set.
    pub fn narrows(&self) -> bool {
        !self.locations.is_empty()
            || !self.bands.is_empty()
            || self.salary_min.is_some()
            || self.salary_max.is_some()
            || self.require_salary
            || self.posted_since.is_some()
    }

    /// Fails on values that can select nothing sensible: a band that is not an
    /// Agenda for Change band, an empty place, a negative salary or a minimum
    /// above the maximum.
    pub fn check(&self) -> Result<()> {
        for b in &self.bands {
            if band_code(b).is_none() {
                return Err(Error::Usage(format!(
                    "--band {b:?} is not an Agenda for Change band (1 to 9, 8a to 8d)"
                )));
            }
        }
        if self.locations.iter().any(|l| words(l).is_empty()) {
            return Err(Error::Usage("--location needs a place name".into()));
        }
        for (flag, v) in [
            ("--salary-min", self.salary_min),
            ("--salary-max", self.salary_max),
        ] {
            if v.is_some_and(|x| !x.is_finite() || x < 0.0) {
                return Err(Error::Usage(format!("{flag} must be a positive amount")));
            }
        }
        if let (Some(lo), Some(hi)) = (self.salary_min, self.salary_max)
            && lo > hi
        {
            return Err(Error::Usage(format!(
                "--salary-min ({lo}) is more than --salary-max ({hi})"
            )));
        }
        Ok(())
    }

    /// The criteria as the command line gives them, for messages:
    /// `--location leeds, --band 6, --salary-min 30000`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.locations.iter().map(|l| format!("--location {l}")));
        parts.extend(self.bands.iter().map(|b| format!("--band {b}")));
        if let Some(x) = self.salary_min {
            parts.push(format!("--salary-min {x}"));
        }
        if let Some(x) = self.salary_max {
            parts.push(format!("--salary-max {x}"));
        }
        if self.require_salary {
            parts.push("--require-salary".into());
        }
        if let Some(d) = self.posted_since {
            parts.push(format!("--posted-since {d}"));
        }
        parts.join(", ")
    }

    /// Why `sel` (this filter's selection of `total` roles) is empty, for the
    /// error that says so.
    pub fn nothing_left(&self, sel: &Selection, total: usize) -> String {
        let closed = |n: usize| {
            format!(
                "{n} {} closed before {} (validThrough; --include-expired keeps {})",
                if n == 1 { "advert" } else { "adverts" },
                sel.today,
                if n == 1 { "it" } else { "them" }
            )
        };
        match (self.narrows(), sel.expired) {
            (true, 0) => format!(
                "no role passes the filters ({}): none of the {total} roles in the index",
                self.describe()
            ),
            (true, n) => format!(
                "no role passes the filters ({}): of the {total} roles in the index, {} \
                 outside them and the other {}",
                self.describe(),
                plural(sel.excluded, "is", "are"),
                closed(n)
            ),
            (false, _) => format!(
                "no role left: the adverts of all {total} roles in the index closed before {} \
                 (validThrough); --include-expired keeps them",
                sel.today
            ),
        }
    }

    /// The date adverts are compared with: [`RoleFilter::today`], else the
    /// system clock.
    pub fn today(&self) -> Date {
        self.today.unwrap_or_else(Date::today)
    }

    /// The roles this filter keeps, by position.
    pub fn select(&self, roles: &[Role]) -> Selection {
        let bands: Vec<String> = self.bands.iter().filter_map(|b| band_code(b)).collect();
        let places: Vec<Query> = self.locations.iter().map(|l| Query::new(l)).collect();
        self.tally(
            roles
                .iter()
                .map(|r| (self.keeps(r, &bands, &places), r.valid_through)),
        )
    }

    /// The selection from each role's verdict on every criterion but the
    /// closing date, and its closing date, by position.
    fn tally(&self, roles: impl Iterator<Item = (bool, Option<Date>)>) -> Selection {
        let today = self.today();
        let mut sel = Selection {
            allowed: Vec::new(),
            expired: 0,
            excluded: 0,
            today,
        };
        for (i, (kept, closes)) in roles.enumerate() {
            if !kept {
                sel.excluded += 1;
            } else if !self.include_expired && closes.is_some_and(|d| d < today) {
                sel.expired += 1;
            } else {
                sel.allowed.push(i);
            }
        }
        sel
    }

    /// Whether the filter reads more of a role than its closing date
    /// (location, band, dates posted, salary).
    pub fn needs_roles(&self) -> bool {
        !self.locations.is_empty()
            || !self.bands.is_empty()
            || self.posted_since.is_some()
            || self.salary_min.is_some()
            || self.salary_max.is_some()
            || self.require_salary
    }

    /// [`select`](Self::select) for a filter that reads closing dates alone
    /// ([`needs_roles`](Self::needs_roles) false), from each role's closing
    /// date by position.
    pub fn select_by_closing(&self, closes: &[Option<Date>]) -> Selection {
        self.tally(closes.iter().map(|&c| (true, c)))
    }

    /// Whether `role` meets every criterion but the closing date.
    fn keeps(&self, role: &Role, bands: &[String], places: &[Query]) -> bool {
        if !places.is_empty() && !places.iter().any(|q| q.matches(role)) {
            return false;
        }
        if !bands.is_empty() && !role.band_code().is_some_and(|b| bands.contains(&b)) {
            return false;
        }
        if let Some(since) = self.posted_since
            && role.date_posted.is_none_or(|d| d < since)
        {
            return false;
        }
        match role.annual_salary() {
            Some((lo, hi)) => {
                self.salary_min.is_none_or(|min| hi >= min)
                    && self.salary_max.is_none_or(|max| lo <= max)
            }
            None => !self.require_salary,
        }
    }
}

/// An amount of money as people type it: `30000`, `30,000`, `£30,000`,
/// `30k`, `32.5k`.
pub fn parse_amount(s: &str) -> std::result::Result<f64, String> {
    let t = s.trim();
    let t = t.trim_start_matches(['£', '$', '€']).trim();
    let (num, k) = match t.strip_suffix(['k', 'K']) {
        Some(n) => (n, 1000.0),
        None => (t, 1.0),
    };
    let digits: String = num.chars().filter(|c| *c != ',' && *c != '_').collect();
    match digits.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 && !digits.starts_with(['+', '-']) => Ok(x * k),
        _ => Err(format!(
            "`{s}` is not an amount (for example 30000, 30,000 or 30k)"
        )),
    }
}

/// "1 is", "3 are".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether the role's advert closed before `today`.
pub fn is_expired(role: &Role, today: Date) -> bool {
    role.valid_through.is_some_and(|d| d < today)
}

/// A place name folded into words: case and accents folded, apostrophes
/// dropped, other punctuation a word break.
fn words(s: &str) -> Vec<String> {
    let folded: String = fold(s)
        .chars()
        .filter(|c| *c != '\'')
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().map(str::to_string).collect()
}

/// A UK-style postcode, or the first part of one: its outward code (`LS1`,
/// `EC1A`, or only the area letters `LS`) and as much of the inward code as
/// was given (`4AP`, the sector `4`, or nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Postcode {
    outward: String,
    inward: String,
}

impl Postcode {
    /// `s` read as a postcode when it has the shape of one (`LS1 4AP`,
    /// `LS14AP`, `LS1 4`, `LS1`, `LS`); `None` for place names.
    fn parse(s: &str) -> Option<Postcode> {
        let t = s.trim().to_ascii_uppercase();
        let parts: Vec<&str> = t.split_whitespace().collect();
        let (outward, inward) = match parts.as_slice() {
            [p] => {
                let b = p.as_bytes();
                let n = b.len();
                if n >= 5
                    && b[n - 3].is_ascii_digit()
                    && b[n - 2].is_ascii_alphabetic()
                    && b[n - 1].is_ascii_alphabetic()
                {
                    (&p[..n - 3], &p[n - 3..])
                } else {
                    (*p, "")
                }
            }
            [o, i] => (*o, *i),
            _ => return None,
        };
        let ob = outward.as_bytes();
        let area = ob.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let district = &ob[area..];
        let outward_ok = (1..=2).contains(&area)
            && (district.is_empty()
                || (district[0].is_ascii_digit()
                    && district.len() <= 2
                    && district.iter().all(u8::is_ascii_alphanumeric)));
        let ib = inward.as_bytes();
        let inward_ok = ib.is_empty()
            || (ib[0].is_ascii_digit()
                && ib.len() <= 3
                && ib[1..].iter().all(u8::is_ascii_alphabetic));
        (outward_ok && inward_ok && (inward.is_empty() || !district.is_empty())).then(|| Postcode {
            outward: outward.to_string(),
            inward: inward.to_string(),
        })
    }

    /// The area letters (`LS` of `LS14`).
    fn area(&self) -> &str {
        let n = self
            .outward
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        &self.outward[..n]
    }

    /// Whether this query names `full`: its area (a query of letters only),
    /// its district (`LS1` is not `LS14`), its sector or the whole postcode.
    fn names(&self, full: &Postcode) -> bool {
        if self.area() == self.outward {
            full.area() == self.outward
        } else {
            full.outward == self.outward && full.inward.starts_with(&self.inward)
        }
    }
}

/// Country names for the codes adverts use.
const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "gb",
        &["uk", "united kingdom", "great britain", "britain", "gbr"],
    ),
    ("ie", &["ireland", "republic of ireland", "irl"]),
    ("us", &["usa", "united states", "united states of america"]),
];

/// A country's code and names, folded.
fn country_names(s: &str) -> Vec<String> {
    let f = words(s).join(" ");
    for (code, names) in COUNTRIES {
        if f == *code || names.contains(&f.as_str()) {
            let mut all = vec![code.to_string()];
            all.extend(names.iter().map(|n| n.to_string()));
            return all;
        }
    }
    vec![f]
}

/// One `--location` value, read once.
struct Query {
    words: Vec<String>,
    postcode: Option<Postcode>,
    remote: bool,
}

impl Query {
    fn new(text: &str) -> Query {
        let words = words(text);
        Query {
            remote: words == ["remote"],
            postcode: Postcode::parse(text),
            words,
        }
    }

    fn matches(&self, role: &Role) -> bool {
        if self.remote && role.remote {
            return true;
        }
        let named = |text: &str| contains_words(&words(text), &self.words);
        if role.location.as_deref().is_some_and(named) {
            return true;
        }
        let query = self.words.join(" ");
        role.places.iter().any(|p| {
            p.locality.as_deref().is_some_and(named)
                || p.region.as_deref().is_some_and(named)
                || p.country
                    .as_deref()
                    .is_some_and(|c| country_names(c).contains(&query))
                || match (
                    &self.postcode,
                    p.postcode.as_deref().and_then(Postcode::parse),
                ) {
                    (Some(q), Some(pc)) => q.names(&pc),
                    _ => false,
                }
        })
    }
}

/// Whether `needle` occurs in `hay` as a run of whole words.
fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::super::{Place, SalaryPeriod};
    use super::*;

    fn role(id: &str) -> Role {
        Role {
            id: id.into(),
            title: id.into(),
            ..Role::default()
        }
    }

    fn at(locality: &str, region: Option<&str>, postcode: &str) -> Place {
        Place {
            locality: Some(locality.into()),
            region: region.map(String::from),
            postcode: Some(postcode.into()),
            country: Some("GB".into()),
        }
    }

    fn kept(f: &RoleFilter, roles: &[Role]) -> Vec<String> {
        f.select(roles)
            .allowed
            .iter()
            .map(|&i| roles[i].id.clone())
            .collect()
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn places() -> Vec<Role> {
        let mut leeds = role("leeds");
        leeds.places = vec![at("LEEDS", Some("West Yorkshire"), "LS1 3EX")];
        let mut hospital = role("hospital");
        hospital.places = vec![at("St James's University Hospital, Leeds", None, "LS9 7TF")];
        let mut york = role("york");
        york.places = vec![at("York", Some("North Yorkshire"), "YO31 8HE")];
        let mut ls14 = role("ls14");
        ls14.places = vec![at("Seacroft", None, "LS14 6UH")];
        let mut remote = role("remote");
        remote.remote = true;
        remote.location = Some("Remote".into());
        let mut toml = role("toml");
        toml.location = Some("Zürich, Switzerland".into());
        vec![leeds, hospital, york, ls14, remote, toml]
    }

    #[test]
    fn locations_match_places_postcodes_countries_and_remote() {
        let roles = places();
        let by = |l: &[&str]| {
            let f = RoleFilter {
                locations: l.iter().map(|s| s.to_string()).collect(),
                ..RoleFilter::default()
            };
            kept(&f, &roles)
        };
        assert_eq!(by(&["leeds"]), ["leeds", "hospital"]);
        assert_eq!(by(&["LEEDS"]), ["leeds", "hospital"]);
        assert_eq!(by(&["West Yorkshire"]), ["leeds"]);
        assert_eq!(by(&["york"]), ["york"], "york is not yorkshire");
        assert_eq!(by(&["st jamess university hospital"]), ["hospital"]);
        assert_eq!(by(&["LS"]), ["leeds", "hospital", "ls14"]);
        assert_eq!(by(&["ls1"]), ["leeds"], "LS1 is not LS14");
        assert_eq!(by(&["LS1 3"]), ["leeds"]);
        assert_eq!(by(&["ls1 3ex"]), ["leeds"]);
        assert_eq!(by(&["LS14"]), ["ls14"]);
        assert_eq!(by(&["uk"]), ["leeds", "hospital", "york", "ls14"]);
        assert_eq!(by(&["United Kingdom"]).len(), 4);
        assert_eq!(by(&["remote"]), ["remote"]);
        assert_eq!(by(&["zurich"]), ["toml"], "accents fold");
        assert_eq!(by(&["york", "remote"]), ["york", "remote"], "any of");
        assert!(by(&["Manchester"]).is_empty());
    }

    #[test]
    fn bands_match_whatever_their_spelling() {
        let mut roles = Vec::new();
        for (id, band) in [
            ("b6", Some("Band 6")),
            ("b8a", Some("Agenda for Change Band 8A")),
            ("b8b", Some("8b")),
            ("none", None),
        ] {
            let mut r = role(id);
            r.band = band.map(String::from);
            roles.push(r);
        }
        let by = |b: &[&str]| {
            let f = RoleFilter {
                bands: b.iter().map(|s| s.to_string()).collect(),
                ..RoleFilter::default()
            };
            f.check().unwrap();
            kept(&f, &roles)
        };
        assert_eq!(by(&["6"]), ["b6"]);
        assert_eq!(by(&["8a"]), ["b8a"]);
        assert_eq!(by(&["8A", "band 8b"]), ["b8a", "b8b"]);
        assert!(by(&["7"]).is_empty());
        assert!(by(&["8"]).is_empty(), "8 is not 8a");
        let bad = RoleFilter {
            bands: vec!["senior".into()],
            ..RoleFilter::default()
        };
        assert!(bad.check().unwrap_err().to_string().contains("senior"));
    }

    #[test]
    fn salary_ranges_overlap_a_year_and_unknown_salaries_are_kept_unless_required() {
        let mut roles = Vec::new();
        for (id, lo, hi, period) in [
            ("b5", Some(29_970.0), Some(36_483.0), None),
            (
                "b7",
                Some(47_810.0),
                Some(54_710.0),
                Some(SalaryPeriod::Year),
            ),
            ("hourly", Some(20.0), Some(22.0), Some(SalaryPeriod::Hour)),
            (
                "session",
                Some(375.0),
                Some(450.0),
                Some(SalaryPeriod::Other),
            ),
            ("none", None, None, None),
        ] {
            let mut r = role(id);
            (r.salary_min, r.salary_max, r.salary_period) = (lo, hi, period);
            roles.push(r);
        }
        let by = |min: Option<f64>, max: Option<f64>, require: bool| {
            let f = RoleFilter {
                salary_min: min,
                salary_max: max,
                require_salary: require,
                ..RoleFilter::default()
            };
            f.check().unwrap();
            kept(&f, &roles)
        };
        // 20–22 an hour is 39,000–42,900 a year.
        assert_eq!(
            by(Some(40_000.0), None, false),
            ["b7", "hourly", "session", "none"]
        );
        assert_eq!(by(Some(40_000.0), None, true), ["b7", "hourly"]);
        assert_eq!(
            by(None, Some(36_483.0), false),
            ["b5", "session", "none"],
            "the range's ends count"
        );
        assert_eq!(by(Some(43_000.0), Some(47_810.0), true), ["b7"]);
        assert_eq!(by(None, None, true), ["b5", "b7", "hourly"]);
        let bad = RoleFilter {
            salary_min: Some(50_000.0),
            salary_max: Some(40_000.0),
            ..RoleFilter::default()
        };
        assert!(bad.check().is_err());
    }

    #[test]
    fn closed_adverts_are_skipped_and_counted_unless_included() {
        let mut roles = Vec::new();
        for (id, closes, posted) in [
            ("closed", Some("2025-05-31"), Some("2025-05-01")),
            ("closes-today", Some("2025-06-01"), Some("2025-05-20")),
            ("open", Some("2025-07-01"), None),
            ("undated", None, Some("2025-06-01")),
        ] {
            let mut r = role(id);
            r.valid_through = closes.map(d);
            r.date_posted = posted.map(d);
            roles.push(r);
        }
        let mut f = RoleFilter {
            today: Some(d("2025-06-01")),
            ..RoleFilter::default()
        };
        let sel = f.select(&roles);
        assert_eq!(sel.expired, 1);
        assert_eq!(sel.today, d("2025-06-01"));
        assert_eq!(kept(&f, &roles), ["closes-today", "open", "undated"]);
        // Closing dates alone give the same selection.
        let closes: Vec<Option<Date>> = roles.iter().map(|r| r.valid_through).collect();
        assert!(!f.needs_roles());
        assert_eq!(f.select_by_closing(&closes), sel);
        f.include_expired = true;
        assert_eq!(f.select_by_closing(&closes), f.select(&roles));
        assert_eq!(f.select(&roles).expired, 0);
        assert_eq!(kept(&f, &roles).len(), 4);
        // Posted since: on or after; no date posted is left out.
        f.posted_since = Some(d("2025-05-20"));
        assert!(f.needs_roles());
        assert_eq!(kept(&f, &roles), ["closes-today", "undated"]);
        f.include_expired = false;
        f.today = Some(d("2026-01-01"));
        let sel = f.select(&roles);
        assert_eq!(
            (sel.allowed.len(), sel.expired, sel.excluded),
            (1, 1, 2),
            "expired counts only roles the other criteria kept"
        );
    }

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(parse_amount("30000"), Ok(30000.0));
        assert_eq!(parse_amount("£30,000"), Ok(30000.0));
        assert_eq!(parse_amount("32.5k"), Ok(32500.0));
        assert_eq!(parse_amount(" 40K "), Ok(40000.0));
        for bad in ["", "lots", "-5", "30kk", "nan", "inf"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nothing_left_says_why() {
        let mut roles = Vec::new();
        for (id, band, closes) in [("a", "Band 6", "2025-01-31"), ("b", "Band 7", "2026-01-31")] {
            let mut r = role(id);
            r.band = Some(band.into());
            r.valid_through = Some(d(closes));
            roles.push(r);
        }
        let f = RoleFilter {
            bands: vec!["6".into()],
            today: Some(d("2025-06-01")),
            ..RoleFilter::default()
        };
        let sel = f.select(&roles);
        assert!(sel.allowed.is_empty());
        let why = f.nothing_left(&sel, roles.len());
        assert!(
            why.contains("--band 6")
                && why.contains("1 is outside them")
                && why.contains("1 advert closed before 2025-06-01")
                && why.contains("--include-expired"),
            "{why}"
        );
        let f = RoleFilter {
            today: Some(d("2027-01-01")),
            ..RoleFilter::default()
        };
        let why = f.nothing_left(&f.select(&roles), 2);
        assert!(
            why.contains("the adverts of all 2 roles in the index closed before 2027-01-01"),
            "{why}"
        );
        let f = RoleFilter {
            bands: vec!["9".into()],
            ..RoleFilter::default()
        };
        let why = f.nothing_left(&f.select(&roles), 2);
        assert!(why.contains("none of the 2 roles"), "{why}");
    }

    #[test]
    fn postcode_shapes() {
        let p = |s: &str| Postcode::parse(s).map(|p| format!("{}|{}", p.outward, p.inward));
        assert_eq!(p("ls1 4ap").as_deref(), Some("LS1|4AP"));
        assert_eq!(p("LS14AP").as_deref(), Some("LS1|4AP"));
        assert_eq!(p("EC1A 1BB").as_deref(), Some("EC1A|1BB"));
        assert_eq!(p("EC1A").as_deref(), Some("EC1A|"));
        assert_eq!(p("LS1 4").as_deref(), Some("LS1|4"));
        assert_eq!(p("B").as_deref(), Some("B|"));
        for not in [
            "Leeds",
            "1AB",
            "LS 4AP",
            "L S1",
            "West Yorkshire",
            "LS1 4APX",
        ] {
            assert_eq!(p(not), None, "{not}");
        }
        let names = |q: &str, full: &str| {
            Postcode::parse(q)
                .unwrap()
                .names(&Postcode::parse(full).unwrap())
        };
        assert!(names("LS", "LS14 6UH"));
        assert!(names("LS1", "LS1 3EX"));
        assert!(!names("LS1", "LS14 6UH"));
        assert!(names("LS1 3", "LS1 3EX"));
        assert!(!names("LS1 3", "LS13 1AB"), "sector 3 of LS1 is not LS13");
        assert!(!names("L", "LS1 3EX"));
    }
}
