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
    band: Option<String>,
    salary_min: Option<f64>,
    salary_max: Option<f64>,
    salary: Option<String>,
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
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
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
                        "category" => category = Some(map.next_value::<CategoryName>()?.0),
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

struct CategoryName(Category);

impl<'de> Deserialize<'de> for CategoryName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Category::parse(&s).map(CategoryName).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown criterion category `{s}` (expected qualifications, experience, skills or knowledge)"
            ))
        })
    }
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
    let mut role = Role {
        id,
        title: file.title.trim().to_string(),
        organisation: file.organisation,
        location: file.location,
        band: file.band,
        salary_min: file.salary_min,
        salary_max: file.salary_max,
        salary_text: file.salary,
        employment_type: file.employment_type,
        summary: file.summary.trim().to_string(),
        description: file.description.trim().to_string(),
        responsibilities: file.responsibilities,
        skills: file.skills,
        occupational_category: file.occupational_category,
        criteria,
        source: path.display().to_string(),
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
}
