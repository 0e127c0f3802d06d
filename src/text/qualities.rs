//! Personal qualities: what soft criteria ask for and what a CV shows them with
//! (`qualities.toml`; its header explains the fields). Cue and evidence words
//! are analysed with the shared analyser, so any form of a word counts.

use std::collections::HashSet;

use serde::Deserialize;

use super::analyzer;

/// The built-in table.
pub const DATA: &str = include_str!("qualities.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    audiences: Vec<String>,
    quality: Vec<RawQuality>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuality {
    name: String,
    cues: Vec<String>,
    evidence: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    credentials: bool,
}

/// One quality, analysed.
#[derive(Debug, Clone)]
pub struct Quality {
    /// The quality's name.
    pub name: String,
    /// Cue phrases as analysed terms.
    cues: Vec<Vec<String>>,
    /// Evidence phrases as analysed terms.
    pub evidence: Vec<Vec<String>>,
    /// Skill categories (lowercase) that show it.
    pub skill_categories: Vec<String>,
    /// Whether certifications and memberships show it.
    pub credentials: bool,
}

/// The qualities, with the audiences soft criteria name.
#[derive(Debug, Clone)]
pub struct Qualities {
    list: Vec<Quality>,
    audiences: HashSet<String>,
}

/// The qualities a criterion is about.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftReading {
    /// Indexes into [`Qualities::all`].
    pub qualities: Vec<usize>,
    /// Share of the criterion's key words that are cues or audiences: 1 for
    /// "excellent communication skills", lower when the criterion also asks for
    /// something concrete.
    pub coverage: f32,
}

fn phrases(words: &[String]) -> Vec<Vec<String>> {
    words
        .iter()
        .map(|w| analyzer().terms(w))
        .filter(|t| !t.is_empty())
        .collect()
}

impl Qualities {
    /// The built-in table.
    pub fn builtin() -> Qualities {
        // Compiled in; a unit test checks it.
        Qualities::from_toml(DATA).expect("src/text/qualities.toml parses")
    }

    /// Parses a table in the built-in format.
    pub fn from_toml(text: &str) -> Result<Qualities, toml::de::Error> {
        let f: File = toml::from_str(text)?;
        Ok(Qualities {
            audiences: f
                .audiences
                .iter()
                .flat_map(|w| analyzer().terms(w))
                .collect(),
            list: f
                .quality
                .into_iter()
                .map(|q| Quality {
                    cues: phrases(&q.cues),
                    evidence: phrases(&q.evidence),
                    skill_categories: q.skills.iter().map(|s| s.to_lowercase()).collect(),
                    credentials: q.credentials,
                    name: q.name,
                })
                .collect(),
        })
    }

    /// Every quality.
    pub fn all(&self) -> &[Quality] {
        &self.list
    }

    /// The qualities named by a criterion's key words (analysed terms), and how
    /// much of the criterion they and its audiences cover.
    pub fn read(&self, terms: &[String]) -> SoftReading {
        let set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let mut covered: HashSet<&str> = HashSet::new();
        let mut qualities = Vec::new();
        for (i, q) in self.list.iter().enumerate() {
            let mut hit = false;
            for cue in &q.cues {
                if cue.iter().all(|t| set.contains(t.as_str())) {
                    hit = true;
                    for t in cue {
                        covered.insert(t.as_str());
                    }
                }
            }
            if hit {
                qualities.push(i);
            }
        }
        for t in terms {
            if self.audiences.contains(t) {
                covered.insert(t.as_str());
            }
        }
        let coverage = if terms.is_empty() {
            0.0
        } else {
            covered.len() as f32 / set.len().max(1) as f32
        };
        SoftReading {
            qualities,
            coverage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<String>, f32) {
        let q = Qualities::builtin();
        // As criteria give them: without words such as "excellent", "skills".
        let generic = analyzer().terms("excellent skills ability experience of");
        let terms: Vec<String> = analyzer()
            .terms(text)
            .into_iter()
            .filter(|t| !generic.contains(t))
            .collect();
        let r = q.read(&terms);
        (
            r.qualities
                .iter()
                .map(|&i| q.all()[i].name.clone())
                .collect(),
            r.coverage,
        )
    }

    #[test]
    fn table_parses_with_analysed_words() {
        let q = Qualities::builtin();
        assert!(q.all().len() >= 10);
        assert!(
            q.all()
                .iter()
                .all(|x| !x.cues.is_empty() && !x.evidence.is_empty())
        );
    }

    #[test]
    fn soft_criteria_are_read_as_qualities() {
        let (names, cov) = read("Excellent communication and interpersonal skills");
        assert_eq!(names, ["communication"]);
        assert!(cov > 0.6, "{cov}");
        let (names, cov) =
            read("Ability to influence senior stakeholders and explain analysis to clinicians");
        assert!(
            names.contains(&"influencing".to_string())
                && names.contains(&"communication".to_string())
        );
        assert!(cov >= 0.5, "{cov}");
        let (names, _) = read("IT literate");
        assert_eq!(names, ["IT literacy"]);
        // A concrete criterion is not soft.
        let (names, cov) = read("Experience of Python and SQL for data linkage");
        assert!(names.is_empty() && cov < 0.5, "{names:?} {cov}");
    }
}
