//! Retrieval and relevance: the CV's terms as a query over the roles' index.
//!
//! A MoreLikeThis-style query is built from the CV's strongest terms (term
//! frequency, dampened and capped, times inverse document frequency over the
//! roles), run through tantivy (BM25, best field per term) and divided by the
//! best score that query could reach, so relevance is an absolute measure rather
//! than a rank; it then saturates smoothly.

use super::features::CvFeatures;
use crate::error::Result;
use crate::index::{RoleIndex, SearchField};

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

/// The relevance of every role to the CV, in 0..=1, by role position.
pub(super) fn relevance(f: &CvFeatures<'_>, index: &RoleIndex) -> Result<Vec<f64>> {
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
