//! Roles: the model, and loaders for TOML role files and schema.org `JobPosting`
//! JSON / JSON-LD / JSON Lines.
//!
//! A [`Role`] is what a CV is matched against: a title, descriptive text, a skills
//! list and an NHS-style person specification ([`Criterion`]s that are Essential or
//! Desirable, optionally categorised as qualifications, experience, skills or
//! knowledge). Loaders turn files into roles; [`load_paths`] walks files and folders
//! and rejects duplicate ids, naming both sources. The sample roles are embedded in
//! the binary ([`embedded`]) so an installed `cvmatch` works from any folder.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use date::Date;
pub use filter::RoleFilter;
use limits::{Limit, Limits};

mod bounded;
mod date;
pub mod filter;
pub mod html;
pub mod jsonld;
pub mod limits;
mod salary;
pub mod spec;
mod toml_file;

/// Whether a criterion is a gate (Essential) or a ranking aid (Desirable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// A gate: a candidate who lacks it is not shortlisted.
    Essential,
    /// A ranking aid.
    Desirable,
}

impl Priority {
    /// `"essential"` or `"desirable"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Essential => "essential",
            Priority::Desirable => "desirable",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Priority::Essential => "Essential",
            Priority::Desirable => "Desirable",
        })
    }
}

/// Words that make a person-specification heading of no [`Category`] of ours
/// ("Other", "Personal qualities", "Attributes", "Values and behaviours").
pub const UNCATEGORISED_HEADING_WORDS: &[&str] = &[
    "qualities",
    "attributes",
    "competencies",
    "behaviours",
    "values",
    "other",
];

/// The person-specification heading a criterion sits under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Qualifications and training.
    Qualifications,
    /// Experience.
    Experience,
    /// Skills and abilities.
    Skills,
    /// Knowledge.
    Knowledge,
}

impl Category {
    /// Parses a category name as written in role files and adverts
    /// ("Qualifications", "qualification", "Skills & Knowledge", "experience"...).
    /// "Skills and knowledge" maps to `Skills`.
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim().to_ascii_lowercase();
        let s = s.trim_end_matches(':').trim();
        if s.starts_with("qualification") || s == "education" || s.starts_with("education ") {
            Some(Category::Qualifications)
        } else if s.starts_with("experience") {
            Some(Category::Experience)
        } else if s.starts_with("skill") || s.starts_with("abilit") {
            Some(Category::Skills)
        } else if s.starts_with("knowledge") {
            Some(Category::Knowledge)
        } else {
            None
        }
    }

    /// Parses a category as written in a role file, where a person
    /// specification's headings of no category of ours ("Other", "Personal
    /// qualities", "Values and behaviours": see [`UNCATEGORISED_HEADING_WORDS`])
    /// are allowed too: `Some(Some(c))` for one of ours, `Some(None)` for such a
    /// heading, `None` for a name that is neither (a typo).
    pub fn parse_heading(s: &str) -> Option<Option<Category>> {
        if let Some(c) = Category::parse(s) {
            return Some(Some(c));
        }
        let lower = s.trim().trim_end_matches(':').to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let named = words
            .iter()
            .any(|w| UNCATEGORISED_HEADING_WORDS.contains(w));
        (named && words.len() <= 4).then_some(None)
    }

    /// Lower-case name, as used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Qualifications => "qualifications",
            Category::Experience => "experience",
            Category::Skills => "skills",
            Category::Knowledge => "knowledge",
        }
    }
}

/// One line of a person specification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// The criterion as the role words it.
    pub text: String,
    /// Essential or Desirable.
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Its person-specification category, when given.
    pub category: Option<Category>,
}

/// One address of a role: an address of the advert's `jobLocation`, or the
/// location keys of a role file. Every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Town or city (`addressLocality`; a place's name when it has no address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// County or region (`addressRegion`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The postcode.
    pub postcode: Option<String>,
    /// Country code or name as given (`GB`, `United Kingdom`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Place {
    /// Whether no part is known.
    pub fn is_empty(&self) -> bool {
        self.locality.is_none()
            && self.region.is_none()
            && self.postcode.is_none()
            && self.country.is_none()
    }
}

/// What a salary amount is paid per (schema.org `unitText`, or the words of a
/// salary text such as "per hour", "p/h", "a year", "per annum").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SalaryPeriod {
    /// Per hour.
    Hour,
    /// Per day.
    Day,
    /// Per week.
    Week,
    /// Per month.
    Month,
    /// Per year.
    Year,
    /// Per session, per shift or another unit with no fixed number a year.
    Other,
}

impl SalaryPeriod {
    /// Hours a year for an hourly rate: 37.5 hours a week, 52 weeks.
    pub const HOURS_A_YEAR: f64 = 37.5 * 52.0;
    /// Working days a year for a daily rate: 5 a week, 52 weeks.
    pub const DAYS_A_YEAR: f64 = 5.0 * 52.0;

    /// Reads a `unitText` or a role file's `salary_period`: `YEAR`, `hour`,
    /// `per annum`, `monthly`…; `None` when it names no unit.
    pub fn parse(s: &str) -> Option<SalaryPeriod> {
        let s = s.trim().to_ascii_lowercase();
        let s = s
            .trim_start_matches("per ")
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .trim();
        Some(match s {
            "" => return None,
            "hour" | "hours" | "hourly" | "hr" | "h" | "ph" => SalaryPeriod::Hour,
            "day" | "days" | "daily" | "diem" => SalaryPeriod::Day,
            "week" | "weeks" | "weekly" | "wk" | "pw" => SalaryPeriod::Week,
            "month" | "months" | "monthly" | "pcm" | "mo" => SalaryPeriod::Month,
            "year" | "years" | "yearly" | "annum" | "annual" | "annually" | "ann" | "pa" | "yr" => {
                SalaryPeriod::Year
            }
            _ => SalaryPeriod::Other,
        })
    }

    /// Lower-case name: `hour`, `day`, `week`, `month`, `year`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            SalaryPeriod::Hour => "hour",
            SalaryPeriod::Day => "day",
            SalaryPeriod::Week => "week",
            SalaryPeriod::Month => "month",
            SalaryPeriod::Year => "year",
            SalaryPeriod::Other => "other",
        }
    }

    /// How many of this period make a year (`None` for [`SalaryPeriod::Other`]).
    pub fn per_year(self) -> Option<f64> {
        match self {
            SalaryPeriod::Hour => Some(Self::HOURS_A_YEAR),
            SalaryPeriod::Day => Some(Self::DAYS_A_YEAR),
            SalaryPeriod::Week => Some(52.0),
            SalaryPeriod::Month => Some(12.0),
            SalaryPeriod::Year => Some(1.0),
            SalaryPeriod::Other => None,
        }
    }
}

/// The Agenda for Change band a text names, as a short code: "Band 7" → `7`,
/// "Agenda for Change Band 8A" → `8a`, "8b" → `8b`, "AfC band: 6" → `6`.
/// `None` when it names no band (`Grade 6`, `Band 55`, `negotiable`).
pub fn band_code(text: &str) -> Option<String> {
    let lower = text.trim().to_ascii_lowercase();
    let rest = match lower.find("band") {
        Some(i) => {
            if i > 0 && lower.as_bytes()[i - 1].is_ascii_alphanumeric() {
                return None;
            }
            &lower[i + 4..]
        }
        None => lower.as_str(),
    };
    let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let mut chars = rest.chars();
    let digit = chars.next().filter(|c| ('1'..='9').contains(c))?;
    let mut code = digit.to_string();
    match chars.next() {
        None => {}
        Some(c @ 'a'..='d') if digit == '8' => {
            if chars.next().is_some_and(|n| n.is_ascii_alphanumeric()) {
                return None;
            }
            code.push(c);
        }
        Some(c) if c.is_ascii_alphanumeric() => return None,
        Some(_) => {}
    }
    Some(code)
}

/// A role that CVs are matched against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Unique id across everything indexed.
    pub id: String,
    /// The job title.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The employer.
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where the job is, as written.
    pub location: Option<String>,
    /// Agenda for Change band or similar grade ("Band 7", "8a").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The salary range's lower end, in `salary_currency`, per `salary_period`.
    pub salary_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The salary range's upper end.
    pub salary_max: Option<f64>,
    /// Salary as text when it is not a number ("negotiable", "£40,000 pro rata").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_text: Option<String>,
    /// The currency of `salary_min`/`salary_max` (ISO 4217: `GBP`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_currency: Option<String>,
    /// What `salary_min`/`salary_max` are paid per; `None` when the source
    /// does not say (read as a year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_period: Option<SalaryPeriod>,
    /// The advert's address on the web (`url`, else `sameAs`): http(s) only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the advert was posted (`datePosted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_posted: Option<Date>,
    /// The advert's closing date (`validThrough`): open through this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<Date>,
    /// The role's addresses, each part kept apart for filtering (`location`
    /// is the same for people to read).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    /// Remote working (`jobLocationType: TELECOMMUTE`; `remote = true`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remote: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Full-time, part-time, fixed term…, as written.
    pub employment_type: Option<String>,
    /// A short summary of the role (plain text).
    #[serde(default)]
    pub summary: String,
    /// The long description (plain text, HTML already stripped).
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    /// Responsibilities, one a line.
    pub responsibilities: Vec<String>,
    /// Skills named by the role.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Occupational category (SOC/O*NET code or name) when the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupational_category: Option<String>,
    /// The person specification: Essential criteria first, then Desirable, each in
    /// source order.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Where the role came from: a file path, `file:line` for JSON Lines, or
    /// `embedded:<name>` for the built-in samples.
    #[serde(default)]
    pub source: String,
    /// Values the loader could not read and left out (a date that is not a
    /// date…), each naming the file and the posting, for the caller to show.
    /// Not stored in the index.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

impl Role {
    /// The criteria with the given priority, in order.
    pub fn criteria_with(&self, priority: Priority) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(move |c| c.priority == priority)
    }

    /// Number of Essential criteria.
    pub fn essentials_total(&self) -> usize {
        self.criteria_with(Priority::Essential).count()
    }

    /// The salary range a year, in the role's currency: the amounts times
    /// [`SalaryPeriod::per_year`] (a year when the period is not given).
    /// `None` without amounts, or when they are per session or another unit
    /// with no fixed number a year.
    pub fn annual_salary(&self) -> Option<(f64, f64)> {
        let (lo, hi) = match (self.salary_min, self.salary_max) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) | (None, Some(a)) => (a, a),
            (None, None) => return None,
        };
        let k = self
            .salary_period
            .unwrap_or(SalaryPeriod::Year)
            .per_year()?;
        Some((lo.min(hi) * k, lo.max(hi) * k))
    }

    /// The role's Agenda for Change band as a short code (`7`, `8a`); see
    /// [`band_code`].
    pub fn band_code(&self) -> Option<String> {
        self.band.as_deref().and_then(band_code)
    }

    /// The descriptive text of the role (summary, description, responsibilities)
    /// as one string, for indexing.
    pub fn body_text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if !self.summary.is_empty() {
            parts.push(&self.summary);
        }
        if !self.description.is_empty() {
            parts.push(&self.description);
        }
        parts.extend(self.responsibilities.iter().map(String::as_str));
        parts.join("\n")
    }

    /// Puts Essential criteria before Desirable ones, keeping source order within
    /// each, and drops empty or repeated criteria.
    pub fn normalise_criteria(&mut self) {
        let mut seen = std::collections::HashSet::new();
        let mut v: Vec<Criterion> = std::mem::take(&mut self.criteria)
            .into_iter()
            .map(|mut c| {
                c.text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
                c
            })
            .filter(|c| !c.text.is_empty())
            .filter(|c| seen.insert((c.priority, c.text.to_lowercase())))
            .collect();
        v.sort_by_key(|c| c.priority);
        self.criteria = v;
    }
}

/// Role file types that [`load_paths`] reads from a folder.
pub fn is_role_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".toml")
        || name.ends_with(".json")
        || name.ends_with(".jsonld")
        || name.ends_with(".jsonl")
        || name.ends_with(".jsonl.gz")
}

/// Loads the roles in one file, by its type, within the default [`Limits`].
pub fn load_file(path: &Path) -> Result<Vec<Role>> {
    load_file_with(path, &Limits::default())
}

/// Loads the roles in one file, by its type, within `limits`.
pub fn load_file_with(path: &Path, limits: &Limits) -> Result<Vec<Role>> {
    let mut budget = limits.total_bytes;
    load_file_budgeted(path, limits, &mut budget)
}

/// Loads one file, taking what it reads (after decompression) from `budget`.
fn load_file_budgeted(path: &Path, limits: &Limits, budget: &mut u64) -> Result<Vec<Role>> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if name.ends_with(".toml") {
        // One TOML file is one role: its size is the posting's size.
        let text = bounded::read_text(path, limits.posting_bytes, Limit::PostingBytes, budget)?;
        toml_file::parse(&text, path).map(|r| vec![r])
    } else if name.ends_with(".jsonl.gz") {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let gz = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file));
        let roles = jsonld::read_lines(gz, path, limits, budget, true)?;
        not_empty(roles, path)
    } else if name.ends_with(".jsonl") {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let roles = jsonld::read_lines(file, path, limits, budget, false)?;
        not_empty(roles, path)
    } else if name.ends_with(".json") || name.ends_with(".jsonld") {
        let text = bounded::read_text(path, limits.document_bytes, Limit::DocumentBytes, budget)?;
        jsonld::parse_str_with(&text, path, limits)
    } else {
        Err(Error::invalid(
            path,
            "not a role file (expected .toml, .json, .jsonld, .jsonl or .jsonl.gz)",
        ))
    }
}

/// Loads the roles of a role file held in memory, within `limits`, exactly as
/// [`load_file_with`] would load a file holding `bytes`: the type comes from
/// `origin`'s name (`.toml`, `.json`, `.jsonld`, `.jsonl`, `.jsonl.gz`), and
/// `origin` names the input in errors and becomes the roles' source (nothing
/// is read from it). For callers that already hold the bytes: tests and the
/// fuzz targets in `fuzz/`.
pub fn load_bytes_with(bytes: &[u8], origin: &Path, limits: &Limits) -> Result<Vec<Role>> {
    let name = origin
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut budget = limits.total_bytes;
    if name.ends_with(".toml") {
        let text = bounded::text_of(
            bytes,
            origin,
            limits.posting_bytes,
            Limit::PostingBytes,
            &mut budget,
        )?;
        toml_file::parse(text, origin).map(|r| vec![r])
    } else if name.ends_with(".jsonl.gz") {
        let gz = flate2::read::MultiGzDecoder::new(bytes);
        let roles = jsonld::read_lines(gz, origin, limits, &mut budget, true)?;
        not_empty(roles, origin)
    } else if name.ends_with(".jsonl") {
        let roles = jsonld::read_lines(bytes, origin, limits, &mut budget, false)?;
        not_empty(roles, origin)
    } else if name.ends_with(".json") || name.ends_with(".jsonld") {
        let text = bounded::text_of(
            bytes,
            origin,
            limits.document_bytes,
            Limit::DocumentBytes,
            &mut budget,
        )?;
        jsonld::parse_str_with(text, origin, limits)
    } else {
        Err(Error::invalid(
            origin,
            "not a role file (expected .toml, .json, .jsonld, .jsonl or .jsonl.gz)",
        ))
    }
}

/// A JSON Lines file with no records is an error, not zero roles.
fn not_empty(roles: Vec<Role>, path: &Path) -> Result<Vec<Role>> {
    if roles.is_empty() {
        return Err(Error::NoRoles {
            origin: path.display().to_string(),
            detail: "the file holds no JSON Lines records".into(),
        });
    }
    Ok(roles)
}

/// Loads roles from files and folders (folders are read recursively, role files
/// only, in path order), within the default [`Limits`]. Fails on the first
/// unreadable file, on a duplicate id (naming both sources), on a file over a
/// limit, and when nothing at all was found.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Role>> {
    load_paths_with(paths, &Limits::default())
}

/// [`load_paths`] within `limits`; [`Limits::total_bytes`] bounds the whole load.
pub fn load_paths_with(paths: &[PathBuf], limits: &Limits) -> Result<Vec<Role>> {
    let mut budget = limits.total_bytes;
    let mut roles = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(p).follow_links(true) {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(p).to_path_buf();
                    Error::io(&path, e.into())
                })?;
                if entry.file_type().is_file() && is_role_file(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(Error::NoRoles {
                    origin: p.display().to_string(),
                    detail: "no role files in the folder (expected .toml, .json, .jsonld, .jsonl or .jsonl.gz)".into(),
                });
            }
            for f in files {
                roles.extend(load_file_budgeted(&f, limits, &mut budget)?);
            }
        } else {
            roles.extend(load_file_budgeted(p, limits, &mut budget)?);
        }
    }
    if roles.is_empty() {
        return Err(Error::NoRoles {
            origin: paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            detail: "no role files were given".into(),
        });
    }
    check_unique(&roles)?;
    Ok(roles)
}

/// Fails with both sources named when two roles share an id.
pub fn check_unique(roles: &[Role]) -> Result<()> {
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(roles.len());
    for r in roles {
        if let Some(first) = seen.insert(&r.id, &r.source) {
            return Err(Error::DuplicateRole {
                id: r.id.clone(),
                first: first.to_string(),
                second: r.source.clone(),
            });
        }
    }
    Ok(())
}

/// The sample roles shipped inside the binary (from `samples/roles` at build time).
pub fn embedded() -> Result<Vec<Role>> {
    let mut roles = Vec::new();
    for (name, text) in EMBEDDED_ROLES {
        let path = PathBuf::from(format!("embedded:{name}"));
        let lower = name.to_ascii_lowercase();
        let mut loaded = if lower.ends_with(".toml") {
            vec![toml_file::parse(text, &path)?]
        } else if lower.ends_with(".jsonl") {
            jsonld::parse_lines(text, &path)?
        } else {
            jsonld::parse_document(text, &path)?
        };
        roles.append(&mut loaded);
    }
    check_unique(&roles)?;
    Ok(roles)
}

/// A fingerprint of the embedded roles, so an index built from them can tell when
/// the binary's samples changed.
pub fn embedded_fingerprint() -> u64 {
    let mut h = crate::text::Fnv::new();
    for (name, text) in EMBEDDED_ROLES {
        h.write(name.as_bytes());
        h.write(&[0]);
        h.write(text.as_bytes());
        h.write(&[0]);
    }
    h.finish()
}

include!(concat!(env!("OUT_DIR"), "/embedded_roles.rs"));

/// The id a role gets from its file name when the file gives none.
pub(crate) fn stem_id(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("role")
        .to_string();
    let name = name.strip_prefix("embedded:").unwrap_or(&name).to_string();
    let lower = name.to_ascii_lowercase();
    for ext in [".jsonl.gz", ".jsonld", ".jsonl", ".json", ".toml"] {
        if lower.ends_with(ext) {
            return name[..name.len() - ext.len()].to_string();
        }
    }
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("role")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_parse_from_headings() {
        assert_eq!(
            Category::parse("Qualifications"),
            Some(Category::Qualifications)
        );
        assert_eq!(Category::parse("Education"), Some(Category::Qualifications));
        assert_eq!(
            Category::parse("Skills & Knowledge"),
            Some(Category::Skills)
        );
        assert_eq!(Category::parse("knowledge:"), Some(Category::Knowledge));
        assert_eq!(Category::parse("Experience"), Some(Category::Experience));
        assert_eq!(Category::parse("Other"), None);
    }

    #[test]
    fn criteria_are_ordered_and_deduplicated() {
        let mut r = Role {
            criteria: vec![
                Criterion {
                    text: "SQL".into(),
                    priority: Priority::Desirable,
                    category: None,
                },
                Criterion {
                    text: " Python  ".into(),
                    priority: Priority::Essential,
                    category: None,
                },
                Criterion {
                    text: "python".into(),
                    priority: Priority::Essential,
                    category: None,
                },
                Criterion {
                    text: "  ".into(),
                    priority: Priority::Essential,
                    category: None,
                },
            ],
            ..Role::default()
        };
        r.normalise_criteria();
        let texts: Vec<_> = r.criteria.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Python", "SQL"]);
        assert_eq!(r.essentials_total(), 1);
    }

    #[test]
    fn duplicate_ids_name_both_sources() {
        let a = Role {
            id: "x".into(),
            source: "a.toml".into(),
            ..Role::default()
        };
        let b = Role {
            id: "x".into(),
            source: "b.jsonl:3".into(),
            ..Role::default()
        };
        let e = check_unique(&[a, b]).unwrap_err().to_string();
        assert!(e.contains("a.toml") && e.contains("b.jsonl:3"), "{e}");
    }

    #[test]
    fn stem_ids() {
        assert_eq!(stem_id(Path::new("x/nhs.jsonl.gz")), "nhs");
        assert_eq!(
            stem_id(Path::new("embedded:ml-engineer.toml")),
            "ml-engineer"
        );
        assert_eq!(stem_id(Path::new("a/b.JSON")), "b");
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    }

    fn small_limits() -> Limits {
        Limits {
            line_bytes: 4 << 10,
            posting_bytes: 1 << 10,
            document_bytes: 8 << 10,
            total_bytes: 64 << 10,
        }
    }

    fn limit_of(e: &Error) -> Option<(Limit, Option<usize>, Option<usize>)> {
        match e {
            Error::RoleLimit {
                limit,
                line,
                posting,
                ..
            } => Some((*limit, *line, *posting)),
            _ => None,
        }
    }

    #[test]
    fn a_role_file_with_no_postings_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, Vec<u8>); 4] = [
            ("empty.jsonl", Vec::new()),
            ("blank.jsonl", b"\n  \n\r\n".to_vec()),
            ("empty.jsonl.gz", gzip(b"")),
            ("blank.jsonl.gz", gzip(b"\n\n")),
        ];
        for (name, bytes) in cases {
            let f = dir.path().join(name);
            std::fs::write(&f, bytes).unwrap();
            let e = load_paths(std::slice::from_ref(&f)).unwrap_err();
            assert!(matches!(e, Error::NoRoles { .. }), "{name}: {e:?}");
            let msg = e.to_string();
            assert!(
                msg.contains(name) && msg.contains("no roles found"),
                "{msg}"
            );
        }
        // A folder with no role files names the folder.
        let empty = dir.path().join("none");
        std::fs::create_dir(&empty).unwrap();
        let e = load_paths(std::slice::from_ref(&empty)).unwrap_err();
        assert!(matches!(e, Error::NoRoles { .. }), "{e:?}");
        assert!(e.to_string().contains("no role files"), "{e}");
    }

    #[test]
    fn a_long_line_is_refused_naming_file_line_and_limit() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{{\"title\": \"{}\"}}", "x".repeat(5 << 10));
        let text = format!("{{\"title\": \"A\"}}\n{long}\n{{\"title\": \"B\"}}\n");
        for (name, bytes) in [
            ("long.jsonl", text.clone().into_bytes()),
            ("long.jsonl.gz", gzip(text.as_bytes())),
        ] {
            let f = dir.path().join(name);
            std::fs::write(&f, bytes).unwrap();
            let e = load_file_with(&f, &small_limits()).unwrap_err();
            assert_eq!(
                limit_of(&e),
                Some((Limit::LineBytes, Some(2), None)),
                "{e:?}"
            );
            let msg = e.to_string();
            assert!(
                msg.contains(&format!("{name}:2: "))
                    && msg.contains("JSON Lines line size limit of 4 KiB"),
                "{msg}"
            );
        }
    }

    #[test]
    fn a_large_posting_is_refused_naming_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let big = format!(
            "{{\"@type\": \"JobPosting\", \"title\": \"Big\", \"description\": \"{}\"}}",
            "y".repeat(2 << 10)
        );
        // JSON Lines: line 3.
        let f = dir.path().join("feed.jsonl");
        std::fs::write(&f, format!("{{\"title\": \"A\"}}\n\n{big}\n")).unwrap();
        let e = load_file_with(&f, &small_limits()).unwrap_err();
        assert_eq!(
            limit_of(&e),
            Some((Limit::PostingBytes, Some(3), None)),
            "{e:?}"
        );
        assert!(
            e.to_string().contains(
                "feed.jsonl:3: a posting of 2.0 KiB is over the posting size limit of 1 KiB"
            ),
            "{e}"
        );
        // An array on one line: posting 2 of line 1.
        std::fs::write(&f, format!("[{{\"title\": \"A\"}}, {big}]\n")).unwrap();
        let e = load_file_with(&f, &small_limits()).unwrap_err();
        assert_eq!(
            limit_of(&e),
            Some((Limit::PostingBytes, Some(1), Some(2))),
            "{e:?}"
        );
        assert!(e.to_string().contains("feed.jsonl:1 (posting 2): "), "{e}");
        // A JSON document: posting 2.
        let f = dir.path().join("feed.json");
        std::fs::write(&f, format!("[{{\"title\": \"A\"}}, {big}]")).unwrap();
        let e = load_file_with(&f, &small_limits()).unwrap_err();
        assert_eq!(
            limit_of(&e),
            Some((Limit::PostingBytes, None, Some(2))),
            "{e:?}"
        );
        // A TOML role file is one posting.
        let f = dir.path().join("big.toml");
        std::fs::write(
            &f,
            format!(
                "id = 'x'\ntitle = 'X'\ndescription = '{}'\n",
                "z".repeat(2 << 10)
            ),
        )
        .unwrap();
        let e = load_file_with(&f, &small_limits()).unwrap_err();
        assert_eq!(
            limit_of(&e),
            Some((Limit::PostingBytes, None, None)),
            "{e:?}"
        );
        assert!(e.to_string().contains("big.toml: a posting of"), "{e}");
        // Within the limits, the same files load.
        let roomy = Limits::default();
        assert_eq!(load_file_with(&f, &roomy).unwrap().len(), 1);
    }

    #[test]
    fn a_large_json_document_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("feed.json");
        let postings: Vec<String> = (0..600)
            .map(|i| format!("{{\"title\": \"Role {i}\"}}"))
            .collect();
        std::fs::write(&f, format!("[{}]", postings.join(","))).unwrap();
        let e = load_file_with(&f, &small_limits()).unwrap_err();
        assert!(
            matches!(limit_of(&e), Some((Limit::DocumentBytes, None, None))),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .contains("JSON document size limit of 8 KiB; split it into JSON Lines"),
            "{e}"
        );
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_decompressed_limit() {
        let dir = tempfile::tempdir().unwrap();
        // 8 MiB of blank lines, in a gzip of a few KiB.
        let line = format!("{}\n", " ".repeat(1023));
        let bomb = gzip(line.repeat(8 << 10).as_bytes());
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let f = dir.path().join("bomb.jsonl.gz");
        std::fs::write(&f, &bomb).unwrap();
        let e = load_file_with(&f, &small_limits()).unwrap_err();
        assert!(
            matches!(limit_of(&e), Some((Limit::TotalBytes, None, None))),
            "{e:?}"
        );
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("{}: ", f.display()))
                && msg.contains("decompressed role bytes limit of 64 KiB"),
            "{msg}"
        );
        // The budget covers a whole load: two files each within it, but not together.
        let text = (0..50)
            .map(|i| {
                format!(
                    "{{\"title\": \"Role {i}\", \"description\": \"{}\"}}\n",
                    "w".repeat(700)
                )
            })
            .collect::<String>();
        assert!(text.len() < 64 << 10 && text.len() * 2 > 64 << 10);
        for name in ["a.jsonl", "b.jsonl"] {
            let text = text.replace("Role", name);
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        std::fs::remove_file(&f).unwrap();
        let limits = Limits {
            posting_bytes: 1 << 20,
            ..small_limits()
        };
        assert_eq!(
            load_file_with(&dir.path().join("a.jsonl"), &limits)
                .unwrap()
                .len(),
            50
        );
        let e = load_paths_with(&[dir.path().to_path_buf()], &limits).unwrap_err();
        assert!(
            matches!(limit_of(&e), Some((Limit::TotalBytes, None, None))),
            "{e:?}"
        );
        assert!(e.to_string().contains("b.jsonl"), "{e}");
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("bad.jsonl");
        std::fs::write(&f, b"{\"title\": \"A\"}\n{\"title\": \"caf\xe9\"}\n").unwrap();
        let e = load_file(&f).unwrap_err().to_string();
        assert!(e.contains("bad.jsonl:2:15: not valid UTF-8"), "{e}");
    }

    #[test]
    fn embedded_roles_load() {
        let roles = embedded().expect("embedded sample roles parse");
        assert!(roles.len() >= 14, "only {} embedded roles", roles.len());
        assert!(roles.iter().all(|r| r.source.starts_with("embedded:")));
    }
}
