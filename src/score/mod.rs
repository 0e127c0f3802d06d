//! Scoring: every CV against every role, 0–100, with a criterion-by-criterion
//! explanation.
//!
//! A score combines four components, each in 0..=1:
//!
//! - **relevance** (`retrieval`): the cosine between the CV's and the role's
//!   tf-idf vectors, read from tantivy's inverted index (sublinear, bounded term
//!   frequency over the whole CV; role vectors normalised by length, so a long
//!   role gains nothing by its length; idf over the roles with a built-in
//!   background from public occupation data, [`crate::text::background`]);
//! - **skills** ([`features`]): the share of the role's skills (its skills list,
//!   and skills named in its criteria and description, weighted in that order)
//!   that the CV shows; presence counts, repetition does not;
//! - **title** ([`features`]): the CV's headline and recent job titles, read as
//!   occupations of the built-in thesaurus ([`crate::text::occupations`]),
//!   against the role's title: a shared occupation code, else the overlap of
//!   their title words weighted by rarity, discounted by recency and by a
//!   seniority gap of two levels or more;
//! - **criteria** ([`criteria`]): each Essential and Desirable criterion gets 0–3
//!   evidence as in NHS shortlisting (skills, degree level and subject, years of
//!   experience, registrations and the criterion's own words, looked up in the
//!   CV's lines); Essentials weigh double. A criterion is *met* at 2 or more.
//!
//! [`fusion`] standardises each component across the roles for this CV (a
//! z-score, so no component decides the rank by its raw range alone) and adds
//! them with the [`Weights`] multipliers; the 0–100 score is the matching
//! weighted mean of the component values, and each match records which
//! components carried its rank ([`Contributions`]). Matches sort by score
//! descending, then role id. [`Matcher::score`] runs the stages in order and
//! reads criteria only for the best [`params::RERANK_DEPTH`] roles of a large
//! index.
//!
//! The stages live in their own modules: `retrieval` (the roles' index and
//! relevance), [`features`] (the CV side and the role side, skills and title
//! fit), [`criteria`] (person-specification criteria: parsing and evidence),
//! [`fusion`] (combining components) and `cache` (role analysis kept with the
//! index).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::cv::Cv;
use crate::error::{Error, Result};
use crate::index::RoleIndex;
use crate::knowledge::Knowledge;
use crate::limits::{Deadline, Hit};
use crate::roles::{Priority, Role};

pub(crate) mod cache;
pub mod criteria;
pub mod features;
pub mod fusion;
pub mod params;
pub(crate) mod retrieval;

pub use criteria::CriterionResult;

/// How a criterion's text is read (for diagnostics): its requirement, as debug
/// text.
#[doc(hidden)]
pub fn debug_parse(k: &Knowledge, text: &str) -> String {
    format!("{:?}", criteria::parse_requirement(k, text))
}
pub use fusion::{CALIBRATION_MIN_CVS, Calibration, Contributions, Weights, calibrate};
pub use params::Params;

use features::{CvFeatures, RoleProfile};

/// One role's match for one CV.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoleMatch {
    /// Position of the role in the index.
    #[serde(skip)]
    pub role: usize,
    /// The role's id.
    pub role_id: String,
    /// The role's title.
    pub title: String,
    /// 0–100, unrounded.
    pub score: f64,
    /// What batch calibration added to the score (`batch --calibrate`; see
    /// [`calibrate`]), when it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calibration: Option<f64>,
    /// Essential criteria the CV meets (evidence 2 or more).
    pub essentials_met: usize,
    /// Essential criteria of the role.
    pub essentials_total: usize,
    /// Desirable criteria the CV meets.
    pub desirables_met: usize,
    /// Desirable criteria of the role.
    pub desirables_total: usize,
    /// Component values in 0..=1 (absent when the role does not support one).
    pub relevance: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Share of the role's skills the CV shows (when the role names skills).
    pub skills_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Criteria evidence (when the role has criteria).
    pub criteria_score: Option<f64>,
    /// Job-title fit.
    pub title_score: f64,
    /// Each component's share of the rank against the other roles for this CV:
    /// its `[weights]` multiplier times its z-score across the roles.
    pub contributions: Contributions,
    /// Role skills the CV shows, most important first.
    pub matched_skills: Vec<String>,
    /// Role skills the CV does not show, most important first.
    pub missing_skills: Vec<String>,
    /// The role's title read as an occupation of the thesaurus (O\*NET-SOC or
    /// ESCO code and name), when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation: Option<features::Occupation>,
    /// The occupation both titles share, when they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_match: Option<String>,
    /// Set when the CV's seniority is two or more levels from the role's, which
    /// lowers the title fit ("CV graduate vs role head").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seniority: Option<String>,
    /// Criterion by criterion (filled for every match; the report decides what to
    /// show).
    pub criteria: Vec<CriterionResult>,
}

/// Which roles [`Matcher::score_scoped`] scores.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every role; with more than [`params::RERANK_DEPTH`], only that many
    /// best by the cheaper components have their criteria read and are
    /// returned.
    All,
    /// Exactly these roles (positions in the index), each scored in full
    /// whatever their number: a per-role shortlist needs every CV's score for
    /// its role.
    Only(&'a [usize]),
    /// The roles among these positions (a filter's selection), with the same
    /// cut as [`Scope::All`] taken among them.
    Among(&'a [usize]),
}

/// Scores CVs against the roles of an index.
pub struct Matcher<'i> {
    index: &'i RoleIndex,
    knowledge: &'i Knowledge,
    weights: Weights,
    prepared: Arc<Prepared>,
}

/// What a matcher knows of the roles: made once for an index and knowledge,
/// and shared by every matcher made from it ([`Matcher::prepared`],
/// [`Matcher::from_prepared`]), so a service matching one CV at a time pays
/// for it once.
pub(crate) struct Prepared {
    profiles: Vec<RoleProfile>,
    relevance: retrieval::Relevance,
    /// Criterion word → idf over the roles (in the field where it is most
    /// common): words most roles use ("systems", "standards") are weak evidence.
    term_idf: HashMap<String, f32>,
    /// Roles re-ranked in full when the index holds more.
    depth: usize,
    /// Floor on the title component's spread ([`Params::title_spread`]).
    title_spread: f64,
    /// Share of the title score the words decide ([`Params::title_words`]).
    title_words: f64,
    /// Skill name → its weight by rarity over the roles ([`Params::skill_idf`]);
    /// empty when that is off.
    skill_rarity: HashMap<String, f32>,
}

impl std::fmt::Debug for Matcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("roles", &self.prepared.profiles.len())
            .field("weights", &self.weights)
            .finish()
    }
}

impl<'i> Matcher<'i> {
    /// Analyses every role of `index` once (in parallel), with `knowledge`.
    ///
    /// Role analysis is cached next to the index (`profiles.bin` in the live
    /// generation), keyed by the index and knowledge fingerprints, so a large
    /// index is analysed once, not on every run. The cache is written best
    /// effort: a read-only index just means no cache. Fails only when the index
    /// cannot be read.
    pub fn new(
        index: &'i RoleIndex,
        knowledge: &'i Knowledge,
        weights: Weights,
    ) -> Result<Matcher<'i>> {
        Matcher::with_preloaded(index, knowledge, weights, None)
    }

    /// [`new`](Self::new), with the role analysis cache read ahead
    /// ([`cache::preload`]); used when it fits this index and knowledge.
    pub(crate) fn with_preloaded(
        index: &'i RoleIndex,
        knowledge: &'i Knowledge,
        weights: Weights,
        preloaded: Option<cache::Preloaded>,
    ) -> Result<Matcher<'i>> {
        let params = Params::from_env();
        let (profiles, relevance) = match cache::load(index, knowledge, &params, preloaded) {
            Some((p, norms)) => {
                let r =
                    retrieval::Relevance::with_norms(norms, index, &knowledge.background, &params);
                (p, r)
            }
            None => {
                let p: Vec<RoleProfile> = index
                    .roles()?
                    .par_iter()
                    .map(|r| features::role_profile(knowledge, r))
                    .collect();
                let r = retrieval::Relevance::build(index, &knowledge.background, &params)?;
                cache::store(index, knowledge, &params, &p, r.norms());
                (p, r)
            }
        };
        let mut term_idf: HashMap<String, f32> = HashMap::new();
        for p in &profiles {
            for r in &p.requirements {
                for t in &r.terms {
                    if !term_idf.contains_key(t) {
                        let idf = index.idf_of_df(index.max_doc_freq(t)).max(0.05);
                        term_idf.insert(t.clone(), idf);
                    }
                }
            }
        }
        let mut skill_rarity: HashMap<String, f32> = HashMap::new();
        if params.skill_idf > 0.0 {
            let mut df: HashMap<&str, usize> = HashMap::new();
            for p in &profiles {
                for (name, _) in &p.skills {
                    *df.entry(name.as_str()).or_default() += 1;
                }
            }
            let n = profiles.len() as f32;
            for (name, d) in df {
                let idf = ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0;
                skill_rarity.insert(name.to_string(), idf.powf(params.skill_idf));
            }
        }
        Ok(Matcher {
            index,
            knowledge,
            weights,
            prepared: Arc::new(Prepared {
                profiles,
                relevance,
                term_idf,
                depth: params.depth,
                title_spread: params.title_spread as f64,
                title_words: params.title_words as f64,
                skill_rarity,
            }),
        })
    }

    /// The role analysis this matcher scores with, to make more matchers
    /// from ([`Matcher::from_prepared`]).
    pub(crate) fn prepared(&self) -> Arc<Prepared> {
        Arc::clone(&self.prepared)
    }

    /// A matcher on role analysis made before by [`Matcher::with_preloaded`]
    /// for the same `index` and `knowledge`.
    pub(crate) fn from_prepared(
        index: &'i RoleIndex,
        knowledge: &'i Knowledge,
        weights: Weights,
        prepared: Arc<Prepared>,
    ) -> Matcher<'i> {
        Matcher {
            index,
            knowledge,
            weights,
            prepared,
        }
    }

    /// How many roles are being matched.
    pub fn role_count(&self) -> usize {
        self.index.role_count()
    }

    /// The knowledge the matcher reads.
    pub fn knowledge(&self) -> &Knowledge {
        self.knowledge
    }

    /// Scores one CV against the roles, best first (score descending, then role
    /// id).
    ///
    /// In stages. **Retrieval**: the relevance of every role, from the index's
    /// postings of the CV's terms. **Features**: the skills and title
    /// components of every role (cheap: set lookups on what was analysed once).
    /// **Fusion**: the three standardised across all roles and combined; with
    /// more than [`params::RERANK_DEPTH`] roles only that many, best first, go
    /// on. **Criteria**: every criterion of the remaining roles read against the
    /// CV, fused with the rest (its own spread taken across those roles), and
    /// returned. With the default weights (criteria 0) the order is exactly
    /// that of scoring every role in full.
    pub fn score(&self, cv: &Cv) -> Result<Vec<RoleMatch>> {
        self.score_for(cv, None)
    }

    /// Like [`score`](Self::score), but when `only` names roles (positions in
    /// the index), exactly those are scored in full and returned, whatever the
    /// index's size: a per-role shortlist needs every CV's score for its role.
    /// The components are still standardised across all roles.
    pub fn score_for(&self, cv: &Cv, only: Option<&[usize]>) -> Result<Vec<RoleMatch>> {
        self.score_within(cv, only, &Deadline::never(), Path::new(""))
    }

    /// Like [`score_for`](Self::score_for), within a deadline shared with the
    /// CV's other stages: scoring stops with an [`Error::Limit`] naming
    /// `origin` once it has passed.
    pub fn score_within(
        &self,
        cv: &Cv,
        only: Option<&[usize]>,
        deadline: &Deadline,
        origin: &Path,
    ) -> Result<Vec<RoleMatch>> {
        let scope = match only {
            Some(ids) => Scope::Only(ids),
            None => Scope::All,
        };
        self.score_scoped(cv, scope, deadline, origin)
    }

    /// Like [`score_within`](Self::score_within) with no `only`, but among the
    /// roles at positions `allowed` (a filter's selection,
    /// [`crate::roles::RoleFilter::select`]): the same stages, with the cut to
    /// [`params::RERANK_DEPTH`] taken among those roles, so a filter that keeps
    /// thousands of roles costs what the whole index does. The components are
    /// still standardised across all roles, so a role's score does not depend
    /// on the filter; the allowed roles come out in the order they have
    /// without it.
    pub fn score_among(
        &self,
        cv: &Cv,
        allowed: &[usize],
        deadline: &Deadline,
        origin: &Path,
    ) -> Result<Vec<RoleMatch>> {
        self.score_scoped(cv, Scope::Among(allowed), deadline, origin)
    }

    /// Scores the roles of `scope` (see [`Scope`]).
    pub fn score_scoped(
        &self,
        cv: &Cv,
        scope: Scope<'_>,
        deadline: &Deadline,
        origin: &Path,
    ) -> Result<Vec<RoleMatch>> {
        let expired = |hit| Error::Limit {
            path: origin.to_path_buf(),
            hit,
        };
        deadline.check().map_err(expired)?;
        let f = CvFeatures::new(cv, self.knowledge);
        deadline.check().map_err(expired)?;
        let relevance =
            self.prepared
                .relevance
                .scores(&f, self.index, &self.knowledge.background)?;
        deadline.check().map_err(expired)?;
        let n_roles = self.role_count();
        let cheap: Vec<(Option<f64>, features::TitleFit)> = self
            .prepared
            .profiles
            .par_iter()
            .map(|p| {
                deadline.tick()?;
                Ok((
                    features::skills_score(&f, p, &self.prepared.skill_rarity),
                    features::title_component(self.knowledge, &f, p, self.prepared.title_words),
                ))
            })
            .collect::<std::result::Result<_, Hit>>()
            .map_err(expired)?;
        let comps: Vec<fusion::Components> = cheap
            .iter()
            .zip(&relevance)
            .map(|((skills, title), &relevance)| fusion::Components {
                relevance,
                skills: *skills,
                criteria: None,
                title: title.score,
            })
            .collect();
        let stats = fusion::Stats::of(&comps).with_title_floor(self.prepared.title_spread);
        let (mut picked, cut): (Vec<usize>, bool) = match scope {
            Scope::All => ((0..n_roles).collect(), true),
            Scope::Only(ids) => (
                ids.iter().copied().filter(|&i| i < n_roles).collect(),
                false,
            ),
            Scope::Among(ids) => {
                let mut ids: Vec<usize> = ids.iter().copied().filter(|&i| i < n_roles).collect();
                ids.sort_unstable();
                ids.dedup();
                (ids, true)
            }
        };
        if cut && picked.len() > self.prepared.depth {
            let pre: Vec<f64> = comps
                .iter()
                .map(|c| stats.fuse(&self.weights, c).score)
                .collect();
            // Ties by position in the index: the roles themselves are read
            // only for the ones re-ranked.
            let order = |a: &usize, b: &usize| pre[*b].total_cmp(&pre[*a]).then_with(|| a.cmp(b));
            picked.select_nth_unstable_by(self.prepared.depth, order);
            picked.truncate(self.prepared.depth);
        }
        let roles: Vec<&Role> = picked
            .par_iter()
            .map(|&i| {
                self.index.role(i)?.ok_or_else(|| Error::IndexDamaged {
                    path: self.index.dir().to_path_buf(),
                    reason: format!("role {i} is missing"),
                })
            })
            .collect::<Result<_>>()?;
        let mut out: Vec<RoleMatch> = picked
            .par_iter()
            .zip(&roles)
            .map(|(&i, role)| {
                deadline.check()?;
                Ok(self.score_role(&f, i, role, relevance[i], cheap[i].1.clone()))
            })
            .collect::<std::result::Result<_, Hit>>()
            .map_err(expired)?;
        let comps: Vec<fusion::Components> = out
            .iter()
            .map(|m| fusion::Components {
                relevance: m.relevance,
                skills: m.skills_score,
                criteria: m.criteria_score,
                title: m.title_score,
            })
            .collect();
        let stats = stats.with_criteria_of(&comps);
        for (m, c) in out.iter_mut().zip(&comps) {
            let fused = stats.fuse(&self.weights, c);
            m.score = fused.score;
            let [relevance, skills, criteria, title] = fused.contributions;
            m.contributions = Contributions {
                relevance,
                skills,
                criteria,
                title,
            };
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.role_id.cmp(&b.role_id))
        });
        Ok(out)
    }

    fn score_role(
        &self,
        f: &CvFeatures<'_>,
        i: usize,
        role: &Role,
        relevance: f64,
        title: features::TitleFit,
    ) -> RoleMatch {
        let p = &self.prepared.profiles[i];
        let skills = features::skills_fit(f, p, &self.prepared.skill_rarity);
        let criteria = criteria::evaluate_all(self.knowledge, f, role, p, &self.prepared.term_idf);
        let count = |pr: Priority, met: bool| {
            criteria
                .results
                .iter()
                .filter(|c| c.priority == pr && (!met || c.score >= 2))
                .count()
        };
        RoleMatch {
            role: i,
            role_id: role.id.clone(),
            title: role.title.clone(),
            score: 0.0,
            calibration: None,
            essentials_met: count(Priority::Essential, true),
            essentials_total: count(Priority::Essential, false),
            desirables_met: count(Priority::Desirable, true),
            desirables_total: count(Priority::Desirable, false),
            relevance,
            skills_score: skills.score,
            criteria_score: criteria.score,
            title_score: title.score,
            contributions: Contributions::default(),
            seniority: title.seniority,
            matched_skills: skills.matched,
            missing_skills: skills.missing,
            title_match: title.matched,
            occupation: p.occupation.clone(),
            criteria: criteria.results,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn role_profiles_round_trip_through_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let roles = crate::roles::embedded().unwrap();
        crate::index::build(&roles, &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx = RoleIndex::open(dir.path()).unwrap();
        let k = Knowledge::builtin();
        let p = Params::from_env();
        assert!(
            cache::load(&idx, &k, &p, None).is_none(),
            "no cache before the first matcher"
        );
        let first = Matcher::new(&idx, &k, Weights::default()).unwrap();
        let (cached, norms) = cache::load(&idx, &k, &p, None).expect("cache written");
        assert_eq!(cached, first.prepared.profiles);
        // The norms read back are the ones a fresh pass computes, bit for bit.
        let fresh = retrieval::Relevance::build(&idx, &k.background, &p).unwrap();
        assert_eq!(norms, fresh.norms());
        assert!(norms.iter().all(|n| *n > 0.0));
        // Other scoring parameters do not reuse it.
        let other = Params {
            title_boost: p.title_boost + 1.0,
            ..p
        };
        assert!(cache::load(&idx, &k, &other, None).is_none());
        // A rebuilt index (new generation) does not reuse the old cache.
        crate::index::build(&roles[1..], &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx2 = RoleIndex::open(dir.path()).unwrap();
        assert!(cache::load(&idx2, &k, &p, None).is_none());
    }

    #[test]
    fn a_cache_read_ahead_is_used_only_when_it_fits() {
        let dir = tempfile::tempdir().unwrap();
        let roles = crate::roles::embedded().unwrap();
        crate::index::build(&roles, &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx = RoleIndex::open(dir.path()).unwrap();
        let k = Knowledge::builtin();
        assert!(cache::preload(dir.path()).is_none(), "nothing to read yet");
        let first = Matcher::new(&idx, &k, Weights::default()).unwrap();
        let ahead = cache::preload(dir.path()).expect("the cache file is read");
        let same = Matcher::with_preloaded(&idx, &k, Weights::default(), Some(ahead)).unwrap();
        assert_eq!(same.prepared.profiles, first.prepared.profiles);
        // Read ahead, then the index is rebuilt with fewer roles: the file read
        // ahead belongs to the old generation and is not used.
        let stale = cache::preload(dir.path()).unwrap();
        crate::index::build(&roles[2..], &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx2 = RoleIndex::open(dir.path()).unwrap();
        let m = Matcher::with_preloaded(&idx2, &k, Weights::default(), Some(stale)).unwrap();
        assert_eq!(m.prepared.profiles.len(), roles.len() - 2);
        assert_eq!(
            m.prepared.profiles,
            Matcher::new(&idx2, &k, Weights::default())
                .unwrap()
                .prepared
                .profiles
        );
    }

    #[test]
    fn among_allowed_roles_scores_and_order_are_those_without_the_filter() {
        let dir = tempfile::tempdir().unwrap();
        let roles = crate::roles::embedded().unwrap();
        crate::index::build(&roles, &crate::index::RoleSource::Embedded, dir.path()).unwrap();
        let idx = RoleIndex::open(dir.path()).unwrap();
        let k = Knowledge::builtin();
        let mut m = Matcher::new(&idx, &k, Weights::default()).unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/cv/nhs-data-scientist.txt"
        ))
        .unwrap();
        let cv = crate::cv::analyse(&crate::extract::Document::from_plain_text(&text), &k);
        let never = Deadline::never();
        let all = m.score(&cv).unwrap();
        assert_eq!(all.len(), roles.len());
        // Every other role, given out of order and with a repeat.
        let mut allowed: Vec<usize> = (0..roles.len()).step_by(2).collect();
        allowed.reverse();
        allowed.push(allowed[0]);
        let among = m
            .score_among(&cv, &allowed, &never, Path::new("cv"))
            .unwrap();
        let expected: Vec<(&str, f64)> = all
            .iter()
            .filter(|r| r.role % 2 == 0)
            .map(|r| (r.role_id.as_str(), r.score))
            .collect();
        let got: Vec<(&str, f64)> = among
            .iter()
            .map(|r| (r.role_id.as_str(), r.score))
            .collect();
        assert_eq!(got, expected);
        // The cut to the re-rank depth is taken among the allowed roles: the
        // best of them by the cheap components, not all of them in full
        // (which `Only` does).
        Arc::get_mut(&mut m.prepared).expect("one matcher").depth = 3;
        let among = m
            .score_among(&cv, &allowed, &never, Path::new("cv"))
            .unwrap();
        let ids: Vec<&str> = among.iter().map(|r| r.role_id.as_str()).collect();
        assert_eq!(ids, expected[..3].iter().map(|e| e.0).collect::<Vec<_>>());
        let only = m
            .score_for(&cv, Some(&allowed[..allowed.len() - 1]))
            .unwrap();
        assert_eq!(only.len(), expected.len());
        assert!(
            m.score_among(&cv, &[], &never, Path::new("cv"))
                .unwrap()
                .is_empty()
        );
    }
}
