//! Retrieval and relevance: the CV's terms against the roles' index.
//!
//! **Relevance** is the cosine between the CV's and each role's tf-idf vectors,
//! read from tantivy's inverted index ([`Relevance`]):
//!
//! - a role's vector weighs each analysed term by (1 + ln tf) × idf, where tf sums
//!   the term's frequency over the role's fields (title terms count
//!   [`Params::title_boost`] times), and is divided by its length, so a long role
//!   that mentions many terms gains nothing by its length;
//! - the CV's vector weighs every term of the whole CV (personal data left out) by
//!   (1 + ln min(tf, [`Params::tf_cap`])) × idf: repetition is bounded;
//! - idf = ln((1 + N) / (1 + df)) + 1 over the roles, optionally with a
//!   background ([`Params::background`]).
//!
//! Every role's vector length is computed in one pass over the index's term
//! dictionary when a [`Relevance`] is built, and kept with the role profiles
//! beside the index (`score::cache`), so later runs skip the pass; scoring a CV
//! reads the postings of its terms only, and takes each term's idf from them
//! (from memory for an index of at most [`SMALL_INDEX_ROLES`] roles, whose
//! postings are kept from the pass over the term dictionary, or read once on
//! first use when the norms came from the cache).
//!
//! The former MoreLikeThis query (the CV's strongest terms through tantivy's
//! BM25, divided by the best score the query could reach) is kept, behind
//! [`Params::cosine`] = 0, to measure against.

use super::features::CvFeatures;
use super::params::Params;
use crate::error::Result;
use crate::index::{FieldFreqs, RoleIndex, SearchField};
use crate::text::background::Background;
use rustc_hash::FxHashMap;

/// Role-side statistics for the cosine: every role's vector length, and what
/// a term's idf is computed from.
#[derive(Debug, Clone)]
pub(super) struct Relevance {
    norms: Vec<f32>,
    /// Documents behind the idf (roles, plus the background's weight).
    docs: f32,
    boosts: [f32; 4],
    tf_cap: f32,
    background: f32,
    bm25: bool,
    /// For an index of at most [`SMALL_INDEX_ROLES`] roles, every term's
    /// postings, read in one pass on first use (`None` for a larger index,
    /// whose postings are read term by term).
    vocabulary: std::sync::OnceLock<Option<Vocabulary>>,
}

/// Every term of an index with the roles holding it.
type Vocabulary = FxHashMap<String, Vec<(usize, FieldFreqs)>>;

/// Up to this many roles, a batch reads the whole index's postings once and
/// looks every CV term up in memory (a few megabytes at most) instead of
/// walking tantivy's term dictionary for each term of each CV. Above it, the
/// term-by-term reads keep memory flat however many roles are indexed.
const SMALL_INDEX_ROLES: usize = 1000;

impl Relevance {
    /// One pass over the index: document frequencies, idf, role vector norms.
    pub(super) fn build(index: &RoleIndex, bg: &Background, p: &Params) -> Result<Relevance> {
        let mut r = Relevance::with_norms(Vec::new(), index, bg, p);
        let mut norm2 = vec![0.0f32; index.role_count()];
        // A small index keeps its postings from this same pass.
        let mut vocabulary = (index.role_count() <= SMALL_INDEX_ROLES).then(Vocabulary::default);
        index.for_each_term(|term, rows| {
            let w_idf = r.idf(rows.len(), term, bg);
            for (role, tf) in rows {
                let w = role_tf(tf, &r.boosts) * w_idf;
                if let Some(n) = norm2.get_mut(*role) {
                    *n += w * w;
                }
            }
            if let Some(v) = vocabulary.as_mut() {
                v.insert(term.to_string(), rows.to_vec());
            }
        })?;
        r.norms = norm2.into_iter().map(f32::sqrt).collect();
        r.vocabulary = std::sync::OnceLock::from(vocabulary);
        Ok(r)
    }

    /// The statistics with role vector lengths computed before (by
    /// [`build`](Self::build), for the same index, background and parameters).
    pub(super) fn with_norms(
        norms: Vec<f32>,
        index: &RoleIndex,
        bg: &Background,
        p: &Params,
    ) -> Relevance {
        Relevance {
            norms,
            docs: index.role_count() as f32 + p.background * bg.docs() as f32,
            boosts: [p.title_boost, 1.0, 1.0, 1.0],
            tf_cap: p.tf_cap,
            background: p.background,
            bm25: p.cosine == 0.0,
            vocabulary: std::sync::OnceLock::new(),
        }
    }

    /// Every role's vector length, by role position.
    pub(super) fn norms(&self) -> &[f32] {
        &self.norms
    }

    /// idf of a term held by `roles` roles (0: its background idf alone).
    fn idf(&self, roles: usize, term: &str, bg: &Background) -> f32 {
        let df = roles as f32 + self.background * bg.df(term) as f32;
        ((1.0 + self.docs) / (1.0 + df)).ln() + 1.0
    }

    /// The relevance of every role to the CV, in 0..=1, by role position.
    pub(super) fn scores(
        &self,
        f: &CvFeatures<'_>,
        index: &RoleIndex,
        bg: &Background,
    ) -> Result<Vec<f64>> {
        if self.bm25 {
            return relevance_bm25(f, index);
        }
        let mut dot = vec![0.0f32; index.role_count()];
        let mut cv_norm2 = 0.0f32;
        // Sorted terms: the sum's order, and so the result, is reproducible.
        let mut terms: Vec<(&String, &u32)> = f.tf.iter().collect();
        terms.sort_unstable();
        let vocabulary = self
            .vocabulary
            .get_or_init(|| small_vocabulary(index))
            .as_ref();
        let mut read;
        for (term, &n) in terms {
            if term.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let postings: &[(usize, FieldFreqs)] = match vocabulary {
                Some(v) => v.get(term.as_str()).map_or(&[], Vec::as_slice),
                None => {
                    read = index.postings(term)?;
                    &read
                }
            };
            let idf = self.idf(postings.len(), term, bg);
            let w = (1.0 + (n as f32).min(self.tf_cap).ln()) * idf;
            cv_norm2 += w * w;
            for &(role, ref tf) in postings {
                if let Some(d) = dot.get_mut(role) {
                    *d += w * role_tf(tf, &self.boosts) * idf;
                }
            }
        }
        let cv_norm = cv_norm2.sqrt();
        Ok(dot
            .iter()
            .zip(&self.norms)
            .map(|(&d, &n)| {
                if d > 0.0 && n > 0.0 && cv_norm > 0.0 {
                    f64::from((d / (n * cv_norm)).min(1.0))
                } else {
                    0.0
                }
            })
            .collect())
    }
}

/// Every term's postings of a small index, or `None` for a large one or when
/// the pass fails (the term-by-term reads then report the error). Used when
/// the role vector lengths came from the cache, so [`Relevance::build`] (which
/// keeps them from its own pass) did not run.
fn small_vocabulary(index: &RoleIndex) -> Option<Vocabulary> {
    if index.role_count() > SMALL_INDEX_ROLES {
        return None;
    }
    let mut v = Vocabulary::default();
    index
        .for_each_term(|term, rows| {
            v.insert(term.to_string(), rows.to_vec());
        })
        .ok()?;
    Some(v)
}

/// A role's weighted, dampened term frequency: 1 + ln(Σ boost × tf), 0 when absent.
fn role_tf(tf: &[u32; 4], boosts: &[f32; 4]) -> f32 {
    let t: f32 = tf.iter().zip(boosts).map(|(&n, b)| n as f32 * b).sum();
    if t > 0.0 { 1.0 + t.ln().max(0.0) } else { 0.0 }
}

/// Mentions of a term beyond this count add no weight to the relevance query.
const TF_CAP: u32 = 4;
/// How many of the CV's terms make the relevance query.
const QUERY_TERMS: usize = 80;
/// Field boosts for the relevance query.
const FIELD_BOOSTS: [(SearchField, f32); 4] = [
    (SearchField::Title, 2.0),
    (SearchField::Skills, 1.5),
    (SearchField::Criteria, 1.2),
    (SearchField::Body, 1.0),
];
/// BM25 k1 as used by tantivy: a term's score saturates at idf × (k1 + 1).
const BM25_K1: f32 = 1.2;
/// How fast relevance saturates: a normalised BM25 of 0.45 (a strong match)
/// gives 0.9.
const RELEVANCE_SLOPE: f32 = 5.1;

/// The relevance query: the CV's strongest terms with tf-idf weights.
/// Personal data (name and contact details) is left out.
fn query(f: &CvFeatures<'_>, index: &RoleIndex) -> Vec<(String, f32)> {
    let mut scored: Vec<(String, f32)> =
        f.tf.iter()
            .filter(|(term, _)| term.len() > 1 && !term.chars().all(|c| c.is_ascii_digit()))
            .map(|(term, &n)| (term.as_str(), n))
            .filter_map(|(term, n)| {
                let df = index.max_doc_freq(term);
                if df == 0 {
                    return None;
                }
                // The idf of the field where the term is most common: a term
                // that every role's description uses is not a strong term even if
                // few titles hold it.
                let idf = index.idf_of_df(df);
                // Mentions beyond a few add nothing: repeating a word is not
                // more evidence of it.
                let n = n.min(TF_CAP);
                let w = (1.0 + (n as f32).ln()) * idf.max(0.01);
                Some((term.to_string(), w))
            })
            .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(QUERY_TERMS);
    scored
}

/// The former relevance: BM25 of the query, divided by the best score it could
/// reach, saturating.
fn relevance_bm25(f: &CvFeatures<'_>, index: &RoleIndex) -> Result<Vec<f64>> {
    let query = query(f, index);
    let bm25 = index.search_terms(&query, &FIELD_BOOSTS)?;
    let ideal: f32 = query
        .iter()
        .map(|(term, w)| {
            let best = FIELD_BOOSTS
                .iter()
                .filter(|&&(field, _)| index.doc_freq(field, term) > 0)
                .map(|&(field, boost)| boost * index.idf(field, term))
                .fold(0.0f32, f32::max);
            w * best * (1.0 + BM25_K1)
        })
        .sum();
    Ok(bm25
        .into_iter()
        .map(|b| {
            let raw = if ideal > 0.0 { b / ideal } else { 0.0 };
            // Saturating, never flat: roles above the "full" level still keep
            // their order (a hard clamp would tie them all at 1).
            f64::from(1.0 - (-raw.max(0.0) * RELEVANCE_SLOPE).exp())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    /// A small index's postings read in one pass give every role the same
    /// relevance, bit for bit, as reading them term by term.
    #[test]
    fn the_small_index_vocabulary_changes_no_score() {
        let dir = tempfile::tempdir().unwrap();
        let roles = crate::roles::embedded().unwrap();
        crate::index::build(&roles, &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx = RoleIndex::open(dir.path()).unwrap();
        let k = Knowledge::builtin();
        let p = Params::default();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/cv/nhs-data-scientist.txt"
        ))
        .unwrap();
        let cv = crate::cv::analyse(&crate::extract::Document::from_plain_text(&text), &k);
        let f = CvFeatures::new(&cv, &k);
        // Built in one pass with the norms, and read on first use when the
        // norms come from the cache.
        let in_memory = Relevance::build(&idx, &k.background, &p).unwrap();
        let norms = in_memory.norms().to_vec();
        let later = Relevance::with_norms(norms.clone(), &idx, &k.background, &p);
        let by_term = Relevance::with_norms(norms, &idx, &k.background, &p);
        by_term.vocabulary.set(None).unwrap();
        let a = in_memory.scores(&f, &idx, &k.background).unwrap();
        let b = by_term.scores(&f, &idx, &k.background).unwrap();
        assert!(in_memory.vocabulary.get().unwrap().is_some());
        assert_eq!(a, b);
        assert_eq!(later.scores(&f, &idx, &k.background).unwrap(), a);
        assert!(a.iter().any(|&s| s > 0.1), "{a:?}");
    }
}
