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

pub mod html;
mod jsonld;
pub mod spec;
mod toml_file;

/// Whether a criterion is a gate (Essential) or a ranking aid (Desirable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Essential,
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

/// The person-specification heading a criterion sits under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Qualifications,
    Experience,
    Skills,
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
    pub text: String,
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
}

/// A role that CVs are matched against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Unique id across everything indexed.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Agenda for Change band or similar grade ("Band 7", "8a").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_max: Option<f64>,
    /// Salary as text when it is not a number ("negotiable", "£40,000 pro rata").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<String>,
    /// A short summary of the role (plain text).
    #[serde(default)]
    pub summary: String,
    /// The long description (plain text, HTML already stripped).
    #[serde(default)]
    pub description: String,
    #[serde(default)]
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

/// Loads the roles in one file, by its type.
pub fn load_file(path: &Path) -> Result<Vec<Role>> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if name.ends_with(".toml") {
        let text = read_text(path)?;
        toml_file::parse(&text, path).map(|r| vec![r])
    } else if name.ends_with(".jsonl.gz") {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let mut text = String::new();
        use std::io::Read;
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .map_err(|e| Error::invalid(path, format!("cannot decompress gzip: {e}")))?;
        jsonld::parse_lines(&text, path)
    } else if name.ends_with(".jsonl") {
        jsonld::parse_lines(&read_text(path)?, path)
    } else if name.ends_with(".json") || name.ends_with(".jsonld") {
        jsonld::parse_document(&read_text(path)?, path)
    } else {
        Err(Error::invalid(
            path,
            "not a role file (expected .toml, .json, .jsonld, .jsonl or .jsonl.gz)",
        ))
    }
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(
            path,
            format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

/// Loads roles from files and folders (folders are read recursively, role files
/// only, in path order). Fails on the first unreadable file, on a duplicate id
/// (naming both sources), and when nothing at all was found.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Role>> {
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
                return Err(Error::invalid(
                    p,
                    "no role files found (expected .toml, .json, .jsonld, .jsonl or .jsonl.gz)",
                ));
            }
            for f in files {
                roles.extend(load_file(&f)?);
            }
        } else {
            roles.extend(load_file(p)?);
        }
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
        assert_eq!(stem_id(Path::new("embedded:ml-engineer.toml")), "ml-engineer");
        assert_eq!(stem_id(Path::new("a/b.JSON")), "b");
    }

    #[test]
    fn embedded_roles_load() {
        let roles = embedded().expect("embedded sample roles parse");
        assert!(roles.len() >= 14, "only {} embedded roles", roles.len());
        assert!(roles.iter().all(|r| r.source.starts_with("embedded:")));
    }
}
