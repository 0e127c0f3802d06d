//! The tunable numbers of scoring, in one place, with their defaults.
//!
//! Every number here was chosen by cross-validation over the evaluation sets
//! (`scripts/tune.py`, `eval/README.md`): chosen on some sets, reported on the
//! others. For that tuning, and only for it, `CVMATCH_PARAMS` overrides them
//! (`name=value,name=value`; unknown names are ignored): a user never needs it,
//! and every output records the values in effect (the settings fingerprint
//! covers them).

use serde::Serialize;

/// Weight of a role's title words in its vector. Chosen by leave-one-set-out
/// cross-validation over the labelled, adverts and O\*NET sets (1, 2 or 4: every
/// fold chose 4); see `eval/README.md`.
pub const TITLE_BOOST: f32 = 4.0;

/// Weight of the background document frequencies: 0.01 makes the ~4,000
/// background documents count as ~40 roles, so idf stands on the roles
/// themselves once there are more than a few dozen, and on the background when
/// there are only a few (a shortlist for one role). Role ranking is level
/// between 0 and 0.01 (two folds of three chose 0); ranking CVs for a single role
/// gains (mean average precision 0.653 at 0, 0.663 at 0.01, labelled set).
pub const BACKGROUND: f32 = 0.01;

/// How many roles go on to have their criteria read when an index holds more:
/// the best by relevance, skills and title fused. Criteria are the costly
/// component (every criterion against every CV line); with the default weights
/// they do not move the rank, so the order is the same as scoring every role in
/// full, and only roles below this depth are left out of the output. See
/// `BENCHMARKS.md` for the speed at 15,000 roles.
pub const RERANK_DEPTH: usize = 300;

/// Exponent of a skill's rarity weight in the skills component: each role skill
/// counts its place weight times its idf over the roles (ln((1 + N) / (1 + df)) + 1)
/// to this power, so a skill most roles ask for ("communication") would show less
/// than one few ask for. Off (0): leave-one-set-out among 0, 1 and 2 (criteria
/// weight held at 0) chose 1 on two folds of three and on all three sets (held-out
/// top-1 / MRR against 0: labelled 0.789 / 0.867 against 0.789 / 0.866, adverts
/// 0.477 / 0.593 against 0.477 / 0.590, onet 0.723 / 0.806 against 0.717 / 0.804),
/// but on the sets that did not choose it, with the 14,842 NHS adverts, it lost:
/// labelled-nhs 0.584 / 0.676 against 0.627 / 0.711, onet-nhs 0.319 / 0.422 against
/// 0.331 / 0.442 (a skill rare among thousands of adverts, named in passing, lifts
/// the advert). Kept as a parameter for tuning.
pub const SKILL_IDF: f32 = 0.0;

/// Least spread of the title component across the roles when it is
/// standardised (`fusion::Stats`); every other component's floor is
/// `fusion::MIN_SPREAD`. Against thousands of roles, few share the CV's
/// occupation, so the title scores' spread is tiny and one matching title
/// became a z-score of 30–50 that outweighed every other component (a
/// misread headline put an unrelated NHS advert first). At 0.1 — the spread
/// of one role in 25 with a title score of 0.5 — a title match counts at
/// scale about as it counts among a few dozen roles. Chosen by leave-one-set-out
/// over 0.02, 0.05, 0.1, 0.2, 0.4 on `labelled`, `adverts` and `onet`
/// (every fold: 0.02–0.1 level, 0.2 and 0.4 worse on `adverts`; the largest
/// level value taken), reported on the NHS-scale sets that did not choose it
/// (`eval/README.md`).
pub const TITLE_SPREAD: f32 = 0.1;

/// Share of the title component that the title words decide when the CV's
/// title and the role's read as occupations at least as close as their words
/// are (same code: "Automation Tester" for both "Test Automation Engineer" and
/// "Software Test Engineer"): the title score is the occupation reading less
/// this share of its lead over the words' overlap. Off (0): leave-one-set-out
/// over 0, 0.25 and 0.5 chose 0.25 on two folds of three, but held out it moved
/// MRR by +0.003 (labelled) and −0.004 (onet), and 0.25 was level or a
/// thousandth lower on the NHS-scale sets that chose nothing (`eval/README.md`).
/// Kept as a parameter for tuning.
pub const TITLE_WORDS: f32 = 0.0;

/// Scoring parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Params {
    /// Relevance: 1 = cosine over tf-idf vectors (role length normalised);
    /// 0 = the former BM25 MoreLikeThis query (kept for comparison only).
    pub cosine: f32,
    /// Weight of a role's title terms in its vector, against 1 for its other
    /// text.
    pub title_boost: f32,
    /// A CV term's frequency counts up to this many mentions (then 1 + ln tf).
    pub tf_cap: f32,
    /// Weight of the built-in background's document frequencies beside the
    /// roles' own (0: idf over the roles alone).
    pub background: f32,
    /// Roles re-ranked in full when an index holds more ([`RERANK_DEPTH`]).
    pub depth: usize,
    /// Exponent of a skill's rarity weight over the roles (idf) in the skills
    /// component: 0 = every skill of a role by its place alone.
    pub skill_idf: f32,
    /// Least spread of the title component in fusion ([`TITLE_SPREAD`]).
    /// Not in the fingerprint: it changes no cached role analysis.
    pub title_spread: f32,
    /// Share of the title score the words decide under a closer occupation
    /// ([`TITLE_WORDS`]). Not in the fingerprint: it changes no cached role
    /// analysis.
    pub title_words: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            cosine: 1.0,
            title_boost: TITLE_BOOST,
            tf_cap: 10.0,
            background: BACKGROUND,
            depth: RERANK_DEPTH,
            skill_idf: SKILL_IDF,
            title_spread: TITLE_SPREAD,
            title_words: TITLE_WORDS,
        }
    }
}

impl Params {
    /// The defaults, overridden by `CVMATCH_PARAMS` when it is set.
    pub fn from_env() -> Params {
        let mut p = Params::default();
        if let Ok(spec) = std::env::var("CVMATCH_PARAMS") {
            p.apply(&spec);
        }
        p
    }

    /// Applies `name=value,…` overrides; malformed or unknown entries are ignored.
    pub fn apply(&mut self, spec: &str) {
        for item in spec.split(',') {
            let Some((k, v)) = item.split_once('=') else {
                continue;
            };
            let Ok(v) = v.trim().parse::<f32>() else {
                continue;
            };
            if !v.is_finite() {
                continue;
            }
            match k.trim() {
                "cosine" => self.cosine = v,
                "title_boost" => self.title_boost = v,
                "tf_cap" => self.tf_cap = v.max(1.0),
                "background" => self.background = v.max(0.0),
                "depth" => self.depth = (v.max(1.0) as usize).min(1 << 24),
                "skill_idf" => self.skill_idf = v.clamp(0.0, 4.0),
                "title_spread" => self.title_spread = v.clamp(0.02, 1.0),
                "title_words" => self.title_words = v.clamp(0.0, 1.0),
                _ => {}
            }
        }
    }

    /// A fingerprint of the values, for caches.
    pub fn fingerprint(&self) -> u64 {
        let mut h = crate::text::Fnv::new();
        for v in [
            self.cosine,
            self.title_boost,
            self.tf_cap,
            self.background,
            self.skill_idf,
        ] {
            h.write(&v.to_le_bytes());
        }
        h.write(&(self.depth as u64).to_le_bytes());
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_and_bad_entries_are_ignored() {
        let mut p = Params::default();
        p.apply("title_boost=2, tf_cap=0, nonsense=3, background=x, cosine, depth=20");
        assert_eq!(p.title_boost, 2.0);
        assert_eq!(p.tf_cap, 1.0);
        assert_eq!(p.background, Params::default().background);
        assert_eq!(p.depth, 20);
        assert_ne!(p.fingerprint(), Params::default().fingerprint());
    }
}
