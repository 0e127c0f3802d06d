//! The TOML role file format (documented in the README).
//!
//! Unknown keys are rejected, so a typo such as `esential` is an error with its line
//! and column rather than a silently empty person specification.

use std::path::Path;

use serde::Deserialize;

use super::{Category, Criterion, Priority, Role};
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    id: Option<String>,
    title: String,
    #[serde(alias = "organization", alias = "employer")]
    organisation: Option<String>,
    location: Option<String>,
    region: Option<String>,
    #[serde(alias = "postal_code")]
    postcode: Option<String>,
    country: Option<String>,
    #[serde(default)]
    remote: bool,
    band: Option<String>,
    salary_min: Option<f64>,
    salary_max: Option<f64>,
    salary: Option<String>,
    salary_currency: Option<String>,
    salary_period: Option<String>,
    url: Option<String>,
    date_posted: Option<DateValue>,
    valid_through: Option<DateValue>,
    employment_type: Option<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    responsibilities: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    occupational_category: Option<String>,
    #[serde(default)]
    essential: Vec<CriterionEntry>,
    #[serde(default)]
    desirable: Vec<CriterionEntry>,
}

/// One criterion: a plain string, or `{ text = "...", category = "..." }`.
struct CriterionEntry {
    text: String,
    category: Option<Category>,
}

impl<'de> Deserialize<'de> for CriterionEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = CriterionEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a table { text = \"...\", category = \"...\" }")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(CriterionEntry {
                    text: v.to_string(),
                    category: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                use serde::de::Error as _;
                let mut text = None;
                let mut category = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => text = Some(map.next_value::<String>()?),
                        "category" => category = map.next_value::<CategoryName>()?.0,
                        other => {
                            return Err(A::Error::unknown_field(other, &["text", "category"]));
                        }
                    }
                }
                let text = text.ok_or_else(|| A::Error::missing_field("text"))?;
                Ok(CriterionEntry { text, category })
            }
        }
        d.deserialize_any(V)
    }
}

/// A date as a TOML date (`2025-06-30`, or a date-time) or as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateValue {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateValue {
    fn text(&self) -> String {
        match self {
            DateValue::Toml(d) => d.to_string(),
            DateValue::Text(s) => s.clone(),
        }
    }
}

/// A criterion's `category`: one of ours, or a heading of none of ours
/// ("other", "personal qualities"), which leaves the criterion uncategorised.
struct CategoryName(Option<Category>);

impl<'de> Deserialize<'de> for CategoryName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Category::parse_heading(&s).map(CategoryName).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown criterion category `{s}` (expected qualifications, experience, skills, knowledge, or other)"
            ))
        })
    }
}

/// A `salary_period` value: `hour`, `day`, `week`, `month`, `year` (and their
/// usual spellings: `per annum`, `hourly`…) or `other`/`session`.
fn named_period(s: &str) -> Option<super::SalaryPeriod> {
    let p = super::SalaryPeriod::parse(s)?;
    let other = matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "other" | "session" | "per session" | "shift" | "per shift"
    );
    (p != super::SalaryPeriod::Other || other).then_some(p)
}

/// Parses one TOML role file. `path` names the file in errors and becomes the
/// role's source; the file stem is the id when `id` is absent.
pub(super) fn parse(text: &str, path: &Path) -> Result<Role> {
    let file: RoleFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().to_string();
        Error::syntax_at(path, text, offset, msg)
    })?;
    let mut criteria = Vec::new();
    for (priority, entries) in [
        (Priority::Essential, file.essential),
        (Priority::Desirable, file.desirable),
    ] {
        for entry in entries {
            criteria.push(Criterion {
                text: entry.text,
                priority,
                category: entry.category,
            });
        }
    }
    let id = match file.id {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        Some(_) => return Err(Error::invalid(path, "`id` is empty")),
        None => super::stem_id(path),
    };
    if file.title.trim().is_empty() {
        return Err(Error::invalid(path, "`title` is empty"));
    }
    if let (Some(lo), Some(hi)) = (file.salary_min, file.salary_max)
        && lo > hi
    {
        return Err(Error::invalid(
            path,
            format!("salary_min ({lo}) is greater than salary_max ({hi})"),
        ));
    }
    let source = path.display().to_string();
    let mut warnings = Vec::new();
    let mut date = |key: &str, v: Option<DateValue>| {
        let text = v?.text();
        let d = super::Date::parse(&text);
        if d.is_none() {
            warnings.push(format!(
                "{source} (role `{id}`): `{key}` {text:?} is not an ISO 8601 date (YYYY-MM-DD); left out"
            ));
        }
        d
    };
    let date_posted = date("date_posted", file.date_posted);
    let valid_through = date("valid_through", file.valid_through);
    let url = file.url.map(|u| u.trim().to_string()).filter(|u| {
        let ok = super::jsonld::is_web_address(u);
        if !ok {
            warnings.push(format!(
                "{source} (role `{id}`): `url` {u:?} is not an http(s) address; left out"
            ));
        }
        ok
    });
    let salary_period = match file.salary_period.as_deref() {
        None => None,
        Some(p) => Some(named_period(p).ok_or_else(|| {
            Error::invalid(
                path,
                format!(
                    "`salary_period` {p:?} is not a period (hour, day, week, month, year or other)"
                ),
            )
        })?),
    };
    // A salary given only as text ("£35,392 - £42,618 a year") gives its
    // amounts, period and currency.
    let (mut salary_min, mut salary_max) = (file.salary_min, file.salary_max);
    let mut salary_period = salary_period;
    let mut salary_currency = file
        .salary_currency
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    if salary_min.is_none()
        && salary_max.is_none()
        && let Some(t) = file.salary.as_deref().and_then(super::salary::parse)
    {
        (salary_min, salary_max) = (Some(t.min), Some(t.max));
        salary_period = salary_period.or(t.period);
        salary_currency = salary_currency.or(t.currency.map(String::from));
    }
    let place = super::Place {
        locality: file.location.clone(),
        region: file.region,
        postcode: file.postcode.map(|p| p.trim().to_ascii_uppercase()),
        country: file.country,
    };
    let mut role = Role {
        id,
        title: file.title.trim().to_string(),
        organisation: file.organisation,
        location: file.location,
        band: file.band,
        salary_min,
        salary_max,
        salary_text: file.salary,
        salary_currency,
        salary_period,
        url,
        date_posted,
        valid_through,
        places: if place.is_empty() {
            vec![]
        } else {
            vec![place]
        },
        remote: file.remote,
        employment_type: file.employment_type,
        summary: file.summary.trim().to_string(),
        description: file.description.trim().to_string(),
        responsibilities: file.responsibilities,
        skills: file.skills,
        occupational_category: file.occupational_category,
        criteria,
        source,
        warnings,
    };
    role.normalise_criteria();
    Ok(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "ds-1"
title = "Data Scientist"
organisation = "Leeds Teaching Hospitals NHS Trust"
band = "Band 7"
salary_min = 46148
salary_max = 52809.5
summary = "Build models."
skills = ["Python", "SQL"]
essential = [
  "MSc in a quantitative subject",
  { text = "Experience of Python", category = "experience" },
]
desirable = [{ text = "Knowledge of FHIR", category = "Knowledge" }]
"#;

    #[test]
    fn parses_a_full_role() {
        let r = parse(GOOD, Path::new("roles/ds.toml")).unwrap();
        assert_eq!(r.id, "ds-1");
        assert_eq!(r.salary_min, Some(46148.0));
        assert_eq!(r.salary_max, Some(52809.5));
        assert_eq!(r.essentials_total(), 2);
        assert_eq!(r.criteria[1].category, Some(Category::Experience));
        assert_eq!(r.criteria[2].priority, Priority::Desirable);
        assert_eq!(r.criteria[2].category, Some(Category::Knowledge));
        assert_eq!(r.source, "roles/ds.toml");
    }

    #[test]
    fn id_defaults_to_file_stem() {
        let r = parse("title = \"Analyst\"", Path::new("x/senior-analyst.toml")).unwrap();
        assert_eq!(r.id, "senior-analyst");
        assert_eq!(r.essentials_total(), 0);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let bad = "title = \"A\"\nskills = [\"Python\",\n summary = 3\n";
        let e = parse(bad, Path::new("r.toml")).unwrap_err().to_string();
        assert!(e.starts_with("r.toml:3:"), "{e}");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = parse("title = \"A\"\nesential = [\"x\"]\n", Path::new("r.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.toml:2:"), "{e}");
        assert!(e.contains("esential"), "{e}");
    }

    #[test]
    fn bad_category_is_an_error() {
        let e = parse(
            "title = \"A\"\nessential = [{ text = \"x\", category = \"hobbies\" }]\n",
            Path::new("r.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("hobbies"), "{e}");
    }

    #[test]
    fn other_and_personal_qualities_are_categories_of_no_kind_of_ours() {
        let r = parse(
            "title = \"A\"\nessential = [{ text = \"Able to travel\", category = \"other\" }, \
             { text = \"Compassionate\", category = \"Personal qualities\" }, \
             { text = \"SQL\", category = \"skills\" }]\n",
            Path::new("r.toml"),
        )
        .unwrap();
        let categories: Vec<_> = r.criteria.iter().map(|c| c.category).collect();
        assert_eq!(categories, [None, None, Some(Category::Skills)]);
    }

    #[test]
    fn filter_keys_dates_url_place_and_salary_text() {
        let text = r#"
title = "Staff Nurse"
location = "Leeds"
region = "West Yorkshire"
postcode = "ls9 7tf"
country = "GB"
remote = true
band = "Band 5"
salary = "£29,970 - £36,483 a year"
url = "https://example.org/jobs/nurse"
date_posted = 2025-06-01
valid_through = "2025-07-01T23:59:59+01:00"
"#;
        let r = parse(text, Path::new("r/nurse.toml")).unwrap();
        assert_eq!(r.date_posted.unwrap().to_string(), "2025-06-01");
        assert_eq!(r.valid_through.unwrap().to_string(), "2025-07-01");
        assert_eq!(r.url.as_deref(), Some("https://example.org/jobs/nurse"));
        assert!(r.remote);
        assert_eq!(r.places.len(), 1);
        assert_eq!(r.places[0].locality.as_deref(), Some("Leeds"));
        assert_eq!(r.places[0].postcode.as_deref(), Some("LS9 7TF"));
        assert_eq!((r.salary_min, r.salary_max), (Some(29970.0), Some(36483.0)));
        assert_eq!(r.salary_period, Some(super::super::SalaryPeriod::Year));
        assert_eq!(r.salary_currency.as_deref(), Some("GBP"));
        assert_eq!(r.band_code().as_deref(), Some("5"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // Numbers win over the text; the period is the file's.
        let r = parse(
            "title = \"A\"\nsalary_min = 20\nsalary_max = 25\nsalary_period = \"hour\"\nsalary = \"£40k\"\n",
            Path::new("a.toml"),
        )
        .unwrap();
        assert_eq!(r.annual_salary(), Some((39000.0, 48750.0)));
    }

    #[test]
    fn bad_dates_and_urls_warn_and_bad_periods_fail() {
        let r = parse(
            "title = \"A\"\ndate_posted = \"June\"\nurl = \"www.x.org\"\n",
            Path::new("r/a.toml"),
        )
        .unwrap();
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
        assert!(
            r.warnings[0].starts_with("r/a.toml (role `a`): `date_posted` \"June\""),
            "{:?}",
            r.warnings
        );
        assert!(r.warnings[1].contains("`url`"), "{:?}", r.warnings);
        assert_eq!((r.date_posted, r.url), (None, None));
        let e = parse(
            "title = \"A\"\nsalary_period = \"fortnight\"\n",
            Path::new("r/a.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("salary_period") && e.contains("fortnight"),
            "{e}"
        );
    }
}
