//! Fusion: the components combined into one score.

use serde::Serialize;

/// Component weights of the rank score (the `[weights]` table of `cvmatch.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub relevance: f64,
    pub skills: f64,
    pub criteria: f64,
    pub title: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            relevance: 0.35,
            skills: 0.2,
            criteria: 0.3,
            title: 0.15,
        }
    }
}

/// The 0–100 score: the weighted mean of the components a role supports (a role
/// without criteria or skills is scored on the rest).
pub(super) fn combine(
    w: &Weights,
    relevance: f64,
    skills: Option<f64>,
    criteria: Option<f64>,
    title: f64,
) -> f64 {
    let mut sum = w.relevance * relevance + w.title * title;
    let mut wsum = w.relevance + w.title;
    if let Some(s) = skills {
        sum += w.skills * s;
        wsum += w.skills;
    }
    if let Some(c) = criteria {
        sum += w.criteria * c;
        wsum += w.criteria;
    }
    if wsum > 0.0 { 100.0 * sum / wsum } else { 0.0 }
}
