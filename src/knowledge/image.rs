//! The prepared image of the built-in tables that are slow to build: the
//! skills and titles taxonomies and the occupation thesaurus, analysed.
//!
//! Building them analyses tens of thousands of titles and aliases, which was
//! most of a cold `match`'s start-up; reading them back from an image is
//! several times faster. The image is kept next to the index, in its live
//! generation (`knowledge.bin`), like the role analysis cache: `cvmatch index`
//! writes it, and a run that finds none, or one made by another build of
//! cvmatch, builds the tables and writes it (best effort: a read-only index
//! just means no image). It holds public reference data only, never CV data.
//!
//! An image is used only when its header names this format and this build's
//! analyser (`CVMATCH_ANALYSER`: a hash of `src/text`, where the tables and
//! their analysis live, and of `Cargo.lock`, which fixes the stemmer), its
//! body has the checksum the header gives, and every id inside points where
//! it should ([`Taxonomy::is_consistent`], [`Occupations::is_consistent`]). A
//! damaged or foreign image is ignored and rewritten.

use std::hash::Hasher;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::text::Taxonomy;
use crate::text::occupations::Occupations;

/// Bumped whenever the image's layout changes other than through `src/text`.
const VERSION: u32 = 2;
/// The image's file name in the index's live generation.
const FILE: &str = "knowledge.bin";
/// This build's analyser and built-in data (see the module docs).
const ANALYSER: &str = env!("CVMATCH_ANALYSER");

/// The built-in tables an image holds.
#[derive(Serialize, Deserialize)]
pub(super) struct Tables {
    pub(super) skills: Taxonomy,
    pub(super) titles: Taxonomy,
    pub(super) occupations: Occupations,
}

impl Tables {
    /// Builds the tables from the built-in data (the slow way).
    pub(super) fn build() -> Tables {
        let ((skills, titles), occupations) = rayon::join(
            || (Taxonomy::builtin_skills(), Taxonomy::builtin_titles()),
            Occupations::builtin,
        );
        Tables {
            skills,
            titles,
            occupations,
        }
    }

    /// The tables from the image in the index folder `dir`, when there is a
    /// sound one made by this build; else built, and the image (re)written.
    pub(super) fn read_or_build(dir: &Path) -> Tables {
        if let Some(t) = read(dir) {
            return t;
        }
        let t = Tables::build();
        write(dir, &t);
        t
    }

    fn is_consistent(&self) -> bool {
        self.skills.is_consistent()
            && self.titles.is_consistent()
            && self.occupations.is_consistent()
    }
}

/// The image's header: format, analyser, and the body's checksum.
#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    analyser: String,
    checksum: u64,
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// The image in the live generation of the index folder `dir`, when it is
/// sound and made by this build.
fn read(dir: &Path) -> Option<Tables> {
    let bytes = std::fs::read(crate::index::live_generation_file(dir, FILE)?).ok()?;
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Option<Tables> {
    let (h, body): (Header, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if h.version != VERSION || h.analyser != ANALYSER || h.checksum != checksum(body) {
        return None;
    }
    let t: Tables = postcard::from_bytes(body).ok()?;
    t.is_consistent().then_some(t)
}

fn image(t: &Tables) -> Option<Vec<u8>> {
    let body = postcard::to_allocvec(t).ok()?;
    let header = Header {
        version: VERSION,
        analyser: ANALYSER.to_string(),
        checksum: checksum(&body),
    };
    let mut bytes = postcard::to_allocvec(&header).ok()?;
    bytes.extend_from_slice(&body);
    Some(bytes)
}

/// Writes the image into the live generation of the index folder `dir` (best
/// effort, atomically by rename, readable by every user of a shared index).
fn write(dir: &Path, t: &Tables) {
    let Some(path) = crate::index::live_generation_file(dir, FILE) else {
        return;
    };
    if path.parent().is_none_or(|p| !p.is_dir()) {
        return;
    }
    if let Some(bytes) = image(t) {
        crate::index::write_cache_file(&path, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> &'static (Tables, Vec<u8>) {
        static T: std::sync::OnceLock<(Tables, Vec<u8>)> = std::sync::OnceLock::new();
        T.get_or_init(|| {
            let t = Tables::build();
            let bytes = image(&t).expect("image");
            (t, bytes)
        })
    }

    #[test]
    fn an_image_reads_back_as_the_tables_it_was_made_from() {
        let (t, bytes) = tables();
        assert!(t.is_consistent());
        let back = parse(bytes).expect("the image parses");
        assert!(back.is_consistent());
        // The same answers: every built-in title's occupation, and the skills
        // found in text naming every built-in skill.
        let titles: Vec<&str> = t.titles.entries().iter().map(|e| e.name.as_str()).collect();
        assert!(titles.len() > 100);
        for title in titles
            .iter()
            .copied()
            .chain(["Senior Data Scientist", "Staff Nurse"])
        {
            let a = t.occupations.classify(title);
            let b = back.occupations.classify(title);
            assert_eq!(a, b, "{title}");
            assert_eq!(t.titles.find(title), back.titles.find(title), "{title}");
        }
        assert!(t.occupations.classify("Radiographer").is_some());
        for e in t.skills.entries() {
            let text = format!("Skills: {}, {}", e.name, e.aliases.join(", "));
            assert_eq!(t.skills.find(&text), back.skills.find(&text), "{}", e.name);
        }
    }

    #[test]
    fn a_damaged_or_foreign_image_is_refused() {
        let (_, bytes) = tables();
        // A flipped byte in the body fails the checksum.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        assert!(parse(&flipped).is_none());
        // Cut short.
        assert!(parse(&bytes[..bytes.len() / 2]).is_none());
        assert!(parse(&[]).is_none());
        // Made by another analyser.
        let (mut h, body): (Header, &[u8]) = postcard::take_from_bytes(bytes).unwrap();
        h.analyser.push('x');
        let mut other = postcard::to_allocvec(&h).unwrap();
        other.extend_from_slice(body);
        assert!(parse(&other).is_none());
    }

    #[test]
    fn an_image_whose_ids_point_nowhere_is_refused_even_with_a_good_checksum() {
        let (t, _) = tables();
        // A taxonomy with an alias pointing past its entries, as a tampered
        // image could hold: it parses, and is still refused.
        let mut skills: serde_json::Value = serde_json::to_value(&t.skills).unwrap();
        let phrases = skills["phrases"].as_object_mut().unwrap();
        let (_, v) = phrases.iter_mut().next().unwrap();
        *v = serde_json::json!(1_000_000);
        let bad = Tables {
            skills: serde_json::from_value(skills).unwrap(),
            titles: t.titles.clone(),
            occupations: t.occupations.clone(),
        };
        assert!(!bad.is_consistent());
        let bytes = image(&bad).unwrap();
        assert!(parse(&bytes).is_none());
    }
}
