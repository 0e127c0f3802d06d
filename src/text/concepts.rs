//! Related words for free-text criteria.
//!
//! A person-specification criterion such as "strong training and communication
//! skills with clinical staff" is scored by the CV lines that share its words
//! (see `score`). People rarely use the spec's own words: "Trained 120
//! radiographers and radiologists" is evidence of it. [`Concepts`] holds groups
//! of single words that a recruiter accepts for one another (`concepts.toml`,
//! shipped in the binary), analysed with the shared [`analyzer`], so a group
//! relates stems: `related("clinician")` includes `radiograph`, `nurs`,
//! `doctor`… A related word counts for less than the criterion's own word.

use std::collections::HashMap;

use serde::Deserialize;

use super::analyzer;

const DATA: &str = include_str!("concepts.toml");

#[derive(Deserialize)]
struct File {
    group: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    name: String,
    words: Vec<String>,
}

/// Stem → the other stems it shares a group with.
#[derive(Debug, Default)]
pub struct Concepts {
    related: HashMap<String, Vec<String>>,
    groups: usize,
}

impl Concepts {
    /// Builds the relation from TOML text (`[[group]] name, words`). Entries that
    /// do not analyse to exactly one term are an error, named with their group.
    pub fn from_toml(text: &str) -> Result<Concepts, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut related: HashMap<String, Vec<String>> = HashMap::new();
        for g in &file.group {
            let mut stems: Vec<String> = Vec::new();
            for w in &g.words {
                let t = analyzer().terms(w);
                if t.len() != 1 || super::raw_tokens(w).len() != 1 {
                    return Err(format!(
                        "group {:?}: {w:?} is not one word to the analyser ({t:?})",
                        g.name
                    ));
                }
                if !stems.contains(&t[0]) {
                    stems.push(t[0].clone());
                }
            }
            for s in &stems {
                let v = related.entry(s.clone()).or_default();
                for o in &stems {
                    if o != s && !v.contains(o) {
                        v.push(o.clone());
                    }
                }
            }
        }
        Ok(Concepts {
            related,
            groups: file.group.len(),
        })
    }

    /// The stems related to `stem` (never `stem` itself); empty when it is in no
    /// group.
    pub fn related(&self, stem: &str) -> &[String] {
        self.related.get(stem).map_or(&[], Vec::as_slice)
    }

    /// Number of groups.
    pub fn groups(&self) -> usize {
        self.groups
    }
}

impl Concepts {
    /// The built-in groups (`src/text/concepts.toml`).
    pub fn builtin() -> Concepts {
        Concepts::from_toml(DATA).expect("built-in concepts.toml is valid")
    }
}

/// The built-in groups' file.
pub const CONCEPTS_TOML: &str = DATA;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_groups_load_and_every_entry_is_one_word() {
        let c = Concepts::from_toml(DATA).expect("concepts.toml is valid");
        assert!(c.groups() >= 30, "{} groups", c.groups());
    }

    #[test]
    fn related_words_are_stems_of_the_same_group() {
        let c = Concepts::builtin();
        let clinician = &analyzer().terms("clinicians")[0];
        let related = c.related(clinician);
        for w in ["radiographers", "nurses", "doctor"] {
            let s = &analyzer().terms(w)[0];
            assert!(related.contains(s), "{w} ({s}) not related to clinicians");
        }
        assert!(!related.contains(clinician));
        // Not every word is related to every other.
        let python = &analyzer().terms("python")[0];
        assert!(c.related(python).is_empty());
        let deploy = &analyzer().terms("deploying")[0];
        assert!(!c.related(deploy).contains(clinician));
    }

    #[test]
    fn multi_word_entries_are_rejected_with_their_group() {
        let e = Concepts::from_toml("[[group]]\nname = \"x\"\nwords = [\"roll-out\", \"deploy\"]")
            .unwrap_err();
        assert!(e.contains("group \"x\"") && e.contains("roll-out"), "{e}");
    }
}
