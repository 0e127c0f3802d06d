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
        // Chosen by leave-one-set-out cross-validation (scripts/tune.py): each
        // fold's choice, reported on the set that did not choose it, is in
        // eval/README.md. Criteria evidence is reported (essentials met) but
        // does not move the rank: on every fold it added nothing or lost.
        Weights {
            relevance: 1.0,
            skills: 0.25,
            criteria: 0.0,
            title: 0.5,
        }
    }
}

/// The components of one role's match, each in 0..=1 (`None`: the role does not
/// support it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Components {
    pub(super) relevance: f64,
    pub(super) skills: Option<f64>,
    pub(super) criteria: Option<f64>,
    pub(super) title: f64,
}

impl Components {
    fn get(&self, k: usize) -> Option<f64> {
        match k {
            0 => Some(self.relevance),
            1 => self.skills,
            2 => self.criteria,
            _ => Some(self.title),
        }
    }
}

/// Each component's share of a role's rank for one CV: its `[weights]`
/// multiplier times its z-score across the roles (0 for a component the role
/// does not support).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Contributions {
    pub relevance: f64,
    pub skills: f64,
    pub criteria: f64,
    pub title: f64,
}

impl Contributions {
    /// The components, largest share first, with their names.
    pub fn ranked(&self) -> Vec<(&'static str, f64)> {
        let mut v = vec![
            ("relevance", self.relevance),
            ("skills", self.skills),
            ("criteria", self.criteria),
            ("title", self.title),
        ];
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }
}

/// A component's spread across the roles never counts as less than this: a
/// component that hardly varies cannot take over the rank by its tiny spread.
const MIN_SPREAD: f64 = 0.02;

/// One role's fused result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Fused {
    /// 0–100: a weighted mean of the role's component values, in which each
    /// component weighs its `[weights]` multiplier divided by its spread across
    /// the roles for this CV. Sorting by it is sorting by the sum of
    /// standardised components, so it ranks exactly as z-scores do.
    pub(super) score: f64,
    /// Each component's share of the rank: multiplier × z-score (0 for a
    /// component the role does not support).
    pub(super) contributions: [f64; 4],
}

/// Standardises each component across `all` (the roles scored for one CV) and
/// combines them with the multipliers `w`.
///
/// For component k with mean μ and spread σ (standard deviation, at least
/// [`MIN_SPREAD`]) over the roles that support it, a role's z-score is
/// (c − μ) / σ, and its rank key is Σ w_k z_k. A wide-ranged component no
/// longer decides the rank by its scale. A role that lacks a component (no
/// criteria, no skills) is neither helped nor hurt by it: it is taken at the
/// mean. The score shown is (Σ (w_k / σ_k) c_k) / Σ (w_k / σ_k), which differs
/// from the rank key only by a constant for the CV and a positive factor, so it
/// sorts the same, stays in 0–100 and still reads as an absolute fit: a CV that
/// fits nothing scores low everywhere.
pub(super) fn fuse(w: &Weights, all: &[Components]) -> Vec<Fused> {
    let mult = [w.relevance, w.skills, w.criteria, w.title];
    let mut mean = [0.0f64; 4];
    let mut spread = [MIN_SPREAD; 4];
    for k in 0..4 {
        let vals: Vec<f64> = all.iter().filter_map(|c| c.get(k)).collect();
        if vals.is_empty() {
            continue;
        }
        let n = vals.len() as f64;
        let m = vals.iter().sum::<f64>() / n;
        let var = vals.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / n;
        mean[k] = m;
        spread[k] = var.sqrt().max(MIN_SPREAD);
    }
    let weight: Vec<f64> = (0..4).map(|k| mult[k] / spread[k]).collect();
    let total: f64 = weight.iter().sum();
    all.iter()
        .map(|c| {
            let mut contributions = [0.0; 4];
            let mut sum = 0.0;
            for k in 0..4 {
                let v = c.get(k).unwrap_or(mean[k]);
                contributions[k] = mult[k] * (v - mean[k]) / spread[k];
                sum += weight[k] * v;
            }
            Fused {
                score: if total > 0.0 {
                    100.0 * sum / total
                } else {
                    0.0
                },
                contributions,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(relevance: f64, skills: Option<f64>, criteria: Option<f64>, title: f64) -> Components {
        Components {
            relevance,
            skills,
            criteria,
            title,
        }
    }

    #[test]
    fn a_wide_component_does_not_decide_alone() {
        // Criteria vary widely (0 to 1), relevance narrowly (0.10 to 0.20).
        // Role 0 is the most relevant by far for its spread; role 1 wins
        // criteria. Raw sums would pick role 1; standardised, the relevance
        // gap counts as much as the criteria gap.
        let all = [
            c(0.20, None, Some(0.5), 0.0),
            c(0.10, None, Some(1.0), 0.0),
            c(0.10, None, Some(0.0), 0.0),
        ];
        let w = Weights {
            relevance: 1.0,
            skills: 1.0,
            criteria: 1.0,
            title: 1.0,
        };
        let f = fuse(&w, &all);
        assert!(f[0].score > f[1].score, "{f:?}");
        // The score sorts as the sum of contributions does.
        let key = |x: &Fused| x.contributions.iter().sum::<f64>();
        for a in &f {
            for b in &f {
                assert_eq!(a.score > b.score, key(a) > key(b) + 1e-12);
            }
        }
        assert!(f.iter().all(|x| (0.0..=100.0).contains(&x.score)));
    }

    #[test]
    fn a_missing_component_counts_as_the_mean() {
        let all = [
            c(0.3, None, None, 0.0),
            c(0.3, None, Some(1.0), 0.0),
            c(0.3, None, Some(0.0), 0.0),
        ];
        let w = Weights {
            relevance: 1.0,
            skills: 1.0,
            criteria: 1.0,
            title: 1.0,
        };
        let f = fuse(&w, &all);
        assert_eq!(f[0].contributions[2], 0.0);
        assert!(f[1].score > f[0].score && f[0].score > f[2].score, "{f:?}");
    }
}
