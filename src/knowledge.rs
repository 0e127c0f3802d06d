//! Knowledge: the domain data the matcher reads, as one value.
//!
//! Skills, job titles, related words (and, as they are added, the other tables of
//! domain facts) are built once into a [`Knowledge`] and passed to whatever needs
//! them: CV analysis ([`crate::cv::analyse`]), role analysis and scoring
//! ([`crate::score::Matcher`]). Nothing holds them in process-global state, so a
//! program can use two knowledge sets side by side (built-in, and extended with
//! imported ESCO or O\*NET files) and tests can build their own.

mod image;

use std::path::Path;

use crate::text::background::Background;
use crate::text::occupations::Occupations;
use crate::text::qualities::Qualities;
use crate::text::registers::Registers;
use crate::text::taxonomy::{self, Entry};
use crate::text::{Concepts, Fnv, Taxonomy, concepts};

/// The domain data matching reads.
#[derive(Debug)]
pub struct Knowledge {
    /// Skills (`src/text/skills.toml`, plus imports).
    pub skills: Taxonomy,
    /// The domain's own job titles normalised to occupations
    /// (`src/text/titles.toml`, plus imports).
    pub titles: Taxonomy,
    /// The large job-title thesaurus: titles to O\*NET-SOC / ESCO occupation
    /// codes (`src/text/occupations.tsv.gz`).
    pub occupations: Occupations,
    /// Words a recruiter accepts for one another (`src/text/concepts.toml`).
    pub concepts: Concepts,
    /// Professional registers: regulators, accredited registers and bodies
    /// (`src/text/registers.toml`), read by CV analysis and criteria alike.
    pub registers: Registers,
    /// Personal qualities soft criteria ask for, and what shows them
    /// (`src/text/qualities.toml`).
    pub qualities: Qualities,
    /// How common each term is in descriptions of work in general
    /// (`src/text/background.tsv.gz`, from O\*NET and ESCO).
    pub background: Background,
    /// Skill name → its category, for the criterion rules that depend on it.
    categories: std::collections::HashMap<String, String>,
    fingerprint: u64,
}

impl Knowledge {
    /// A job title's words weighted by rarity ([`Occupations::title_words`]): a
    /// word in some title of the thesaurus by its rarity across occupations, a
    /// word in none by its rarity across the background's descriptions of work
    /// (the same squared, normalised idf), so a common word that no title uses
    /// ("newly" of "Newly Qualified Nurse") does not weigh as much as the rarest
    /// occupation noun, while a specific one ("MLOps") still does.
    pub fn title_words(&self, title: &str) -> crate::text::occupations::TitleWords {
        let n = self.background.docs() as f32;
        self.occupations.title_words_with(title, |term| {
            if n <= 0.0 {
                return 1.0;
            }
            let df = self.background.df(term) as f32;
            let idf = (((1.0 + n) / (1.0 + df)).ln() / (1.0 + n).ln()).clamp(0.0, 1.0);
            idf * idf
        })
    }

    /// The built-in knowledge.
    pub fn builtin() -> Knowledge {
        Knowledge::with_imports(Vec::new(), Vec::new())
    }

    /// The built-in knowledge extended with imported skills and occupations (see
    /// [`crate::text::import`]); built-in entries keep what they already match
    /// ([`Taxonomy::extend_with`]).
    pub fn with_imports(skills: Vec<Entry>, titles: Vec<Entry>) -> Knowledge {
        Knowledge::with_imports_in(skills, titles, None)
    }

    /// [`with_imports`](Self::with_imports), with the built-in tables read
    /// from the prepared image kept in the index folder `image_dir` when it
    /// holds a sound one, and the image written there when not (see
    /// [`image`]): the same knowledge, built several times faster.
    pub(crate) fn with_imports_in(
        skills: Vec<Entry>,
        titles: Vec<Entry>,
        image_dir: Option<&Path>,
    ) -> Knowledge {
        let mut h = Fnv::new();
        h.write(taxonomy::SKILLS_TOML.as_bytes());
        h.write(taxonomy::TITLES_TOML.as_bytes());
        h.write(concepts::CONCEPTS_TOML.as_bytes());
        h.write(crate::text::background::BUILTIN);
        h.write(crate::text::registers::DATA.as_bytes());
        h.write(crate::text::qualities::DATA.as_bytes());
        h.write(crate::text::occupations::BUILTIN_GZ);
        for (tag, entries) in [(b"skills", &skills), (b"titles", &titles)] {
            if entries.is_empty() {
                continue;
            }
            h.write(tag);
            for e in entries {
                for s in std::iter::once(&e.name)
                    .chain([&e.category])
                    .chain(&e.aliases)
                    .chain(&e.exact)
                {
                    h.write(s.as_bytes());
                    h.write(&[0]);
                }
                h.write(&[1]);
            }
        }
        let image::Tables {
            skills: mut skill_tax,
            titles: mut title_tax,
            occupations,
        } = match image_dir {
            Some(dir) => image::Tables::read_or_build(dir),
            None => image::Tables::build(),
        };
        if !skills.is_empty() {
            skill_tax.extend_with(skills);
        }
        if !titles.is_empty() {
            title_tax.extend_with(titles);
        }
        let categories = skill_tax
            .entries()
            .iter()
            .map(|e| (e.name.clone(), e.category.clone()))
            .collect();
        Knowledge {
            skills: skill_tax,
            titles: title_tax,
            occupations,
            concepts: Concepts::builtin(),
            background: Background::builtin(),
            registers: Registers::builtin(),
            qualities: Qualities::builtin(),
            categories,
            fingerprint: h.finish(),
        }
    }

    /// A fingerprint of the data (built-in files and imports), for caches and for
    /// tracing a result to what produced it.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The taxonomy category of a skill name ("soft", "clinical", "tool"…).
    pub fn skill_category(&self, skill: &str) -> Option<&str> {
        self.categories.get(skill).map(String::as_str)
    }
}

/// The built-in knowledge, built once, for the library's own tests.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Knowledge {
    static K: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(Knowledge::builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implied_skills_name_real_entries() {
        let k = for_tests();
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            implies: Vec<Imp>,
        }
        #[derive(serde::Deserialize)]
        struct Imp {
            occupation: String,
            skills: Vec<String>,
        }
        let f: File = toml::from_str(crate::text::taxonomy::TITLES_TOML).unwrap();
        assert!(!f.implies.is_empty());
        for i in f.implies {
            assert!(k.titles.lookup(&i.occupation).is_some(), "{}", i.occupation);
            for s in i.skills {
                assert!(
                    k.skills.lookup(&s).is_some(),
                    "{s} (implied by {})",
                    i.occupation
                );
            }
        }
    }

    #[test]
    fn title_words_in_no_title_weigh_by_background_rarity() {
        let k = for_tests();
        // "newly" is in no title of the thesaurus but common in descriptions of
        // work: two titles sharing it and "qualified" overlap less than before.
        // "MLOps" is in neither: it weighs as much as before.
        let with = |t: &str| k.title_words(t);
        let plain = |t: &str| k.occupations.title_words(t);
        let common = with("Newly Qualified Nurse").overlap(&with("Newly Qualified Teacher"));
        let before = plain("Newly Qualified Nurse").overlap(&plain("Newly Qualified Teacher"));
        assert!(common < before, "{common} vs {before}");
        let rare = with("MLOps Engineer").overlap(&with("MLOps Lead"));
        let rare_before = plain("MLOps Engineer").overlap(&plain("MLOps Lead"));
        assert!((rare - rare_before).abs() < 1e-6, "{rare} vs {rare_before}");
    }

    #[test]
    fn imports_extend_and_change_the_fingerprint() {
        let base = Knowledge::builtin();
        let entry = Entry {
            name: "Quantum Basket Weaving".into(),
            category: "craft".into(),
            aliases: vec![],
            exact: vec![],
        };
        let more = Knowledge::with_imports(vec![entry], Vec::new());
        assert_ne!(base.fingerprint(), more.fingerprint());
        assert_eq!(more.skills.len(), base.skills.len() + 1);
        assert!(base.skills.find("quantum basket weaving").is_empty());
        assert_eq!(more.skills.find("quantum basket weaving").len(), 1);
        assert_eq!(Knowledge::builtin().fingerprint(), base.fingerprint());
    }
}
