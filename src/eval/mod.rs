//! Evaluation: how well the matcher ranks labelled CVs, against a TF-IDF cosine
//! baseline on the same data.
//!
//! A labels file is CSV with two columns, `cv,role_id` (a header row `cv,role_id`
//! or `cv,best_role` is optional). CV paths are relative to the labels file's
//! folder; blank lines and lines starting with `#` are skipped. A `role_id` of
//! `none` marks a CV that should fit no role: such rows are reported on their
//! own (the top role, its score and essentials met) and do not count towards the
//! metrics.
//!
//! For every other row both systems rank every role, and the rank (from 1) of the
//! expected role gives:
//!
//! - **top-1**: share of CVs whose expected role is ranked first;
//! - **top-3**: share ranked in the first three;
//! - **MRR**: mean of 1/rank.
//!
//! A CV that cannot be read is an error row: listed, and left out of the
//! metrics for both systems alike.
//!
//! Beside cvmatch, the same CVs are ranked by the standard baselines of
//! [`baseline`]: a TF-IDF cosine (scikit-learn's, fitted on the roles and the
//! CVs) and Okapi BM25 (`rank_bm25`'s). Every metric has a 95% bootstrap interval
//! ([`stats`]), and cvmatch's difference from each baseline on the same CVs has
//! one too: when it lies wholly above zero, cvmatch is better beyond the noise
//! of the data set.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::cv;
use crate::error::{Error, Result};
use crate::extract;
use crate::index::RoleIndex;
use crate::roles::Role;
use crate::score::Matcher;

pub mod baseline;
pub mod stats;

pub use baseline::{Bm25Okapi, TfidfCosine};
pub use stats::Interval;

/// The `role_id` that marks a CV fitting no role.
pub const NONE_ROLE: &str = "none";
/// Name of the matcher in reports.
pub const SYSTEM_CVMATCH: &str = "cvmatch";
/// Name of the TF-IDF cosine baseline in reports.
pub const SYSTEM_TFIDF: &str = "tfidf-cosine";
/// Name of the BM25 baseline in reports.
pub const SYSTEM_BM25: &str = "bm25";
/// How many confused pairs a system summary keeps.
pub const MAX_CONFUSIONS: usize = 10;

/// Share of (fitting, non-fitting) pairs where the fitting CV's expected-role
/// score is above the non-fitting CV's best score (ties count half). A fitting
/// CV whose expected role was not ranked counts as scoring below everything.
pub fn separation(
    fitting: impl Iterator<Item = Option<f64>>,
    none: impl Iterator<Item = f64>,
) -> Option<f64> {
    let fitting: Vec<Option<f64>> = fitting.collect();
    let none: Vec<f64> = none.collect();
    if fitting.is_empty() || none.is_empty() {
        return None;
    }
    let mut wins = 0.0;
    for f in &fitting {
        for &n in &none {
            wins += match f {
                Some(f) if *f > n => 1.0,
                Some(f) if *f == n => 0.5,
                _ => 0.0,
            };
        }
    }
    Some(wins / (fitting.len() * none.len()) as f64)
}

/// One row of a labels file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The CV, resolved against the labels file's folder.
    pub cv: PathBuf,
    /// The expected role id, or [`NONE_ROLE`].
    pub role_id: String,
    /// 1-based line in the labels file.
    pub line: usize,
}

impl Label {
    /// Whether this CV is labelled as fitting no role.
    pub fn is_none(&self) -> bool {
        self.role_id == NONE_ROLE
    }
}

/// Reads a labels file (`cv,role_id`). Errors name the file and line.
///
/// Role ids are not checked here; see [`check_labels`].
pub fn read_labels(path: &Path) -> Result<Vec<Label>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let base = path.parent().unwrap_or_else(|| Path::new(""));
    let mut labels = Vec::new();
    let mut first = true;
    // One record a line, so that line numbers are exact (the csv reader does not
    // count the blank lines it skips).
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let rec = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(trimmed.as_bytes())
            .records()
            .next()
            .transpose()
            .map_err(|e| Error::Syntax {
                path: path.to_path_buf(),
                line,
                col: 1,
                message: format!("bad CSV: {e}"),
            })?
            .unwrap_or_default();
        // Lines of only commas or spaces are blank too.
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let is_first = std::mem::replace(&mut first, false);
        if is_first
            && rec.get(0).is_some_and(|c| c.eq_ignore_ascii_case("cv"))
            && rec.get(1).is_some_and(|c| {
                ["role_id", "best_role", "role"]
                    .iter()
                    .any(|h| c.eq_ignore_ascii_case(h))
            })
        {
            continue;
        }
        let syntax = |message: String| Error::Syntax {
            path: path.to_path_buf(),
            line,
            col: 1,
            message,
        };
        if rec.len() != 2 {
            return Err(syntax(format!(
                "expected 2 fields (cv,role_id), found {}",
                rec.len()
            )));
        }
        let (cv, role_id) = (&rec[0], &rec[1]);
        if cv.is_empty() {
            return Err(syntax("empty cv path".into()));
        }
        if role_id.is_empty() {
            return Err(syntax(format!(
                "empty role_id for {cv} (use `{NONE_ROLE}` for a CV that fits no role)"
            )));
        }
        let role_id = if role_id.eq_ignore_ascii_case(NONE_ROLE) {
            NONE_ROLE.to_string()
        } else {
            role_id.to_string()
        };
        labels.push(Label {
            cv: base.join(cv),
            role_id,
            line,
        });
    }
    if labels.is_empty() {
        return Err(Error::invalid(path, "no labelled CVs"));
    }
    Ok(labels)
}

/// Fails on the first label whose role id is not one of `roles` (naming the
/// labels file, the line and the id).
pub fn check_labels(labels_path: &Path, labels: &[Label], roles: &[Role]) -> Result<()> {
    let known: HashSet<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    for l in labels {
        if !l.is_none() && !known.contains(l.role_id.as_str()) {
            return Err(Error::Syntax {
                path: labels_path.to_path_buf(),
                line: l.line,
                col: 1,
                message: format!(
                    "unknown role id `{}` (not in the index; `cvmatch roles` lists the ids, `{NONE_ROLE}` marks a CV that fits no role)",
                    l.role_id
                ),
            });
        }
    }
    Ok(())
}

/// The text of a role the baselines see: title, body, criteria and skills.
pub fn role_text(role: &Role) -> String {
    let mut parts = vec![role.title.clone(), role.body_text()];
    parts.extend(role.criteria.iter().map(|c| c.text.clone()));
    parts.extend(role.skills.iter().cloned());
    parts.join("\n")
}

/// A top-1 mistake and how often it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// The role the label names.
    pub expected: String,
    /// The role ranked first instead.
    pub predicted: String,
    /// How many CVs.
    pub count: usize,
}

/// cvmatch's difference from a baseline on the same CVs (cvmatch minus the
/// baseline), with bootstrap intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The baseline compared with.
    pub baseline: String,
    /// Difference in top-1 accuracy.
    pub top1: Interval,
    /// Difference in mean reciprocal rank.
    pub mrr: Interval,
}

impl Comparison {
    /// Whether cvmatch is better beyond the interval on both top-1 and MRR.
    pub fn better(&self) -> bool {
        self.top1.low > 0.0 && self.mrr.low > 0.0
    }
}

/// The metrics of one system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemScore {
    /// The system's name (`cvmatch`, `tfidf-cosine`, `bm25`).
    pub system: String,
    /// CVs counted (labelled with a role and read without error).
    pub n: usize,
    /// Share of CVs whose expected role is ranked first.
    pub top1: f64,
    /// Share of CVs whose expected role is in the first three.
    pub top3: f64,
    /// Mean reciprocal rank of the expected role.
    pub mrr: f64,
    /// 95% bootstrap intervals of the three.
    pub top1_ci: Interval,
    /// Interval of `top3`.
    pub top3_ci: Interval,
    /// Interval of `mrr`.
    pub mrr_ci: Interval,
    /// Top-1 mistakes, most frequent first (at most [`MAX_CONFUSIONS`]).
    pub confusions: Vec<Confusion>,
    /// Share of (labelled CV, `none` CV) pairs in which the labelled CV's
    /// expected role scores above the `none` CV's best role: 1.0 when some
    /// threshold would keep every fitting CV and drop every non-fitting one.
    /// Scale-free, so comparable across systems. `None` without both kinds.
    pub none_separation: Option<f64>,
    /// For cvmatch: its difference from each baseline on the same CVs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compared: Vec<Comparison>,
}

/// One outcome for [`summarise`]: the expected role, the rank (from 1) a system
/// gave it (`None`: not ranked at all), and the system's top role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome<'a> {
    /// The expected role id.
    pub expected: &'a str,
    /// Its rank (from 1), if ranked.
    pub rank: Option<usize>,
    /// The system's first role.
    pub top: Option<&'a str>,
}

/// Per-CV values of the three metrics: top-1, top-3 and reciprocal rank.
fn per_cv(outcomes: &[Outcome<'_>]) -> [Vec<f64>; 3] {
    let hit = |k: usize| {
        outcomes
            .iter()
            .map(|o| f64::from(u8::from(o.rank.is_some_and(|r| r <= k))))
            .collect::<Vec<_>>()
    };
    let rr = outcomes
        .iter()
        .map(|o| o.rank.map_or(0.0, |r| 1.0 / r.max(1) as f64))
        .collect();
    [hit(1), hit(3), rr]
}

/// Top-1, top-3, MRR (with intervals) and the confused pairs over some outcomes.
pub fn summarise(system: &str, outcomes: &[Outcome<'_>]) -> SystemScore {
    let n = outcomes.len();
    let [top1, top3, rr] = per_cv(outcomes);
    let (top1_ci, top3_ci, mrr_ci) = (
        stats::bootstrap(&top1),
        stats::bootstrap(&top3),
        stats::bootstrap(&rr),
    );
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for o in outcomes {
        if o.rank != Some(1) {
            *pairs
                .entry((o.expected, o.top.unwrap_or("(nothing)")))
                .or_default() += 1;
        }
    }
    let mut confusions: Vec<Confusion> = pairs
        .into_iter()
        .map(|((e, p), count)| Confusion {
            expected: e.to_string(),
            predicted: p.to_string(),
            count,
        })
        .collect();
    confusions.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.expected.cmp(&b.expected))
            .then_with(|| a.predicted.cmp(&b.predicted))
    });
    confusions.truncate(MAX_CONFUSIONS);
    SystemScore {
        system: system.to_string(),
        n,
        top1: top1_ci.mean,
        top3: top3_ci.mean,
        mrr: mrr_ci.mean,
        top1_ci,
        top3_ci,
        mrr_ci,
        confusions,
        none_separation: None,
        compared: Vec::new(),
    }
}

/// The paired comparison of two systems' outcomes on the same CVs.
pub fn compare(baseline: &str, mine: &[Outcome<'_>], theirs: &[Outcome<'_>]) -> Comparison {
    let [a1, _, ar] = per_cv(mine);
    let [b1, _, br] = per_cv(theirs);
    Comparison {
        baseline: baseline.to_string(),
        top1: stats::paired(&a1, &b1),
        mrr: stats::paired(&ar, &br),
    }
}

/// One labelled CV, ranked by every system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CvRow {
    /// The CV's path as labelled.
    pub cv: String,
    /// Line of the labels file.
    pub line: usize,
    /// The expected role id.
    pub expected: String,
    /// Rank (from 1) of the expected role under cvmatch.
    pub rank_cvmatch: Option<usize>,
    /// Rank (from 1) of the expected role under the TF-IDF cosine baseline.
    pub rank_tfidf: Option<usize>,
    /// Rank (from 1) of the expected role under the BM25 baseline.
    pub rank_bm25: Option<usize>,
    /// cvmatch's first role and its score.
    pub top_cvmatch: Option<String>,
    /// cvmatch's score for its first role.
    pub top_score: Option<f64>,
    /// Score cvmatch gave the expected role.
    pub expected_score: Option<f64>,
    /// Cosine the TF-IDF baseline gave the expected role.
    pub expected_cosine: Option<f64>,
    /// The TF-IDF baseline's first role.
    pub top_tfidf: Option<String>,
    /// The BM25 baseline's first role.
    pub top_bm25: Option<String>,
    /// Essentials of the expected role the CV meets (`None` when the role was
    /// not among the roles retrieved for the CV), of how many.
    pub essentials_met: Option<usize>,
    /// Essentials of the expected role (see `essentials_met`).
    pub essentials_total: Option<usize>,
}

/// A CV labelled `none`: what cvmatch ranks first anyway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoneRow {
    /// The CV's path as labelled.
    pub cv: String,
    /// Line of the labels file.
    pub line: usize,
    /// cvmatch's first role.
    pub top_cvmatch: Option<String>,
    /// Score of the top role (0–100).
    pub best_score: f64,
    /// Essentials of the top role the CV meets.
    pub essentials_met: usize,
    /// Essentials of the top role.
    pub essentials_total: usize,
    /// Roles whose every essential (at least one) the CV meets.
    pub roles_all_essentials: usize,
    /// The TF-IDF baseline's first role.
    pub top_tfidf: Option<String>,
    /// The TF-IDF baseline's best cosine.
    pub best_cosine: f64,
}

/// A CV that could not be read or scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRow {
    /// The CV's path as labelled.
    pub cv: String,
    /// Line of the labels file.
    pub line: usize,
    /// The expected role id.
    pub expected: String,
    /// Why it could not be read or scored.
    pub error: String,
}

/// Everything `cvmatch eval` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Labels read (every row, `none` and errors included).
    pub labels: usize,
    /// `cvmatch` first, then `tfidf-cosine` and `bm25`.
    pub systems: Vec<SystemScore>,
    /// Labelled CVs in label order.
    pub rows: Vec<CvRow>,
    /// CVs labelled `none`.
    pub none_rows: Vec<NoneRow>,
    /// CVs that could not be read or scored.
    pub errors: Vec<ErrorRow>,
    /// Of the labelled CVs whose expected role has essentials, how many meet
    /// every one of them (`None` when no expected role has essentials).
    pub all_essentials: Option<(usize, usize)>,
}

impl EvalReport {
    /// The summary of a system by name.
    pub fn system(&self, name: &str) -> Option<&SystemScore> {
        self.systems.iter().find(|s| s.system == name)
    }
}

/// A CV read and scored by cvmatch, before the baselines see it.
struct Scored {
    text: String,
    matches: Vec<crate::score::RoleMatch>,
}

fn score_one(label: &Label, matcher: &Matcher<'_>) -> Result<Scored> {
    let doc = extract::extract_path(&label.cv)?;
    let cv = cv::analyse(&doc, matcher.knowledge());
    let matches = matcher.score(&cv)?;
    Ok(Scored {
        text: doc.text,
        matches,
    })
}

/// Extracts, analyses and ranks every labelled CV with the matcher and with the
/// baselines (in parallel on `jobs` threads, all cores when `None`), keeping
/// label order. A CV that cannot be read becomes an error row. The TF-IDF
/// baseline is fitted on the roles and every CV read, as the reference does.
///
/// With `calibrate`, cvmatch's scores are centred per role over the labelled
/// CVs first, as `batch --calibrate` does ([`crate::score::calibrate`]).
///
/// A label naming a role that is not in the index simply ranks nowhere; call
/// [`check_labels`] first to refuse such files.
pub fn evaluate(
    labels: &[Label],
    index: &RoleIndex,
    matcher: &Matcher<'_>,
    jobs: Option<usize>,
    calibrate: bool,
) -> EvalReport {
    // Read (and any damage reported) by `check_labels` before this runs.
    let roles = index.roles().unwrap_or_default();
    let role_texts: Vec<String> = roles.iter().map(role_text).collect();
    let mut builder = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("cvmatch-eval-{i}"));
    if let Some(n) = jobs.filter(|&n| n > 0) {
        builder = builder.num_threads(n);
    }
    let run =
        || -> Vec<Result<Scored>> { labels.par_iter().map(|l| score_one(l, matcher)).collect() };
    let mut scored: Vec<Result<Scored>> = match builder.build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    };
    if calibrate {
        let mut lists: Vec<&mut Vec<crate::score::RoleMatch>> = scored
            .iter_mut()
            .filter_map(|s| s.as_mut().ok())
            .map(|s| &mut s.matches)
            .collect();
        crate::score::calibrate(&mut lists);
    }
    let texts: Vec<String> = scored
        .iter()
        .filter_map(|s| s.as_ref().ok())
        .map(|s| s.text.clone())
        .collect();
    let tfidf = TfidfCosine::fit(&role_texts, &texts);
    let bm25 = Bm25Okapi::new(&role_texts);
    let mut report = EvalReport {
        labels: labels.len(),
        systems: Vec::new(),
        rows: Vec::new(),
        none_rows: Vec::new(),
        errors: Vec::new(),
        all_essentials: None,
    };
    let id = |i: usize| roles[i].id.clone();
    for (label, s) in labels.iter().zip(scored) {
        let cv_name = label.cv.display().to_string();
        let s = match s {
            Ok(s) => s,
            Err(e) => {
                report.errors.push(ErrorRow {
                    cv: cv_name,
                    line: label.line,
                    expected: label.role_id.clone(),
                    error: e.one_line(),
                });
                continue;
            }
        };
        let cos = tfidf.scores(&s.text);
        let by_cos = baseline::order(&cos);
        let by_bm25 = bm25.rank(&s.text);
        let matches = &s.matches;
        if label.is_none() {
            let top = matches.first();
            report.none_rows.push(NoneRow {
                cv: cv_name,
                line: label.line,
                top_cvmatch: top.map(|m| m.role_id.clone()),
                best_score: top.map_or(0.0, |m| m.score),
                essentials_met: top.map_or(0, |m| m.essentials_met),
                essentials_total: top.map_or(0, |m| m.essentials_total),
                roles_all_essentials: matches
                    .iter()
                    .filter(|m| m.essentials_total > 0 && m.essentials_met == m.essentials_total)
                    .count(),
                top_tfidf: by_cos.first().map(|&i| id(i)),
                best_cosine: by_cos.first().map_or(0.0, |&i| cos[i]),
            });
            continue;
        }
        let pos = matches.iter().position(|m| m.role_id == label.role_id);
        let rank_in = |order: &[usize]| {
            order
                .iter()
                .position(|&i| roles[i].id == label.role_id)
                .map(|p| p + 1)
        };
        let expected = pos.map(|p| &matches[p]);
        report.rows.push(CvRow {
            cv: cv_name,
            line: label.line,
            expected: label.role_id.clone(),
            rank_cvmatch: pos.map(|p| p + 1),
            rank_tfidf: rank_in(&by_cos),
            rank_bm25: rank_in(&by_bm25),
            top_cvmatch: matches.first().map(|m| m.role_id.clone()),
            top_score: matches.first().map(|m| m.score),
            expected_score: expected.map(|m| m.score),
            expected_cosine: roles
                .iter()
                .position(|r| r.id == label.role_id)
                .map(|i| cos[i]),
            top_tfidf: by_cos.first().map(|&i| id(i)),
            top_bm25: by_bm25.first().map(|&i| id(i)),
            essentials_met: expected.map(|m| m.essentials_met),
            // A role the retrieval stage did not return still counts, as failing.
            essentials_total: expected.map(|m| m.essentials_total).or_else(|| {
                roles.iter().find(|r| r.id == label.role_id).map(|r| {
                    r.criteria
                        .iter()
                        .filter(|c| c.priority == crate::roles::Priority::Essential)
                        .count()
                })
            }),
        });
    }
    let with_essentials: Vec<&CvRow> = report
        .rows
        .iter()
        .filter(|r| r.essentials_total.is_some_and(|t| t > 0))
        .collect();
    if !with_essentials.is_empty() {
        let all = with_essentials
            .iter()
            .filter(|r| r.essentials_met == r.essentials_total)
            .count();
        report.all_essentials = Some((all, with_essentials.len()));
    }
    let outcomes = |rank: fn(&CvRow) -> Option<usize>, top: fn(&CvRow) -> Option<&str>| {
        report
            .rows
            .iter()
            .map(|r| Outcome {
                expected: &r.expected,
                rank: rank(r),
                top: top(r),
            })
            .collect::<Vec<_>>()
    };
    let mine = outcomes(|r| r.rank_cvmatch, |r| r.top_cvmatch.as_deref());
    let cos_out = outcomes(|r| r.rank_tfidf, |r| r.top_tfidf.as_deref());
    let bm_out = outcomes(|r| r.rank_bm25, |r| r.top_bm25.as_deref());
    let mut cvmatch = summarise(SYSTEM_CVMATCH, &mine);
    cvmatch.compared = vec![
        compare(SYSTEM_TFIDF, &mine, &cos_out),
        compare(SYSTEM_BM25, &mine, &bm_out),
    ];
    let mut tfidf_score = summarise(SYSTEM_TFIDF, &cos_out);
    let bm25_score = summarise(SYSTEM_BM25, &bm_out);
    cvmatch.none_separation = separation(
        report.rows.iter().map(|r| r.expected_score),
        report.none_rows.iter().map(|r| r.best_score),
    );
    tfidf_score.none_separation = separation(
        report.rows.iter().map(|r| r.expected_cosine),
        report.none_rows.iter().map(|r| r.best_cosine),
    );
    report.systems = vec![cvmatch, tfidf_score, bm25_score];
    report
}

/// The folder all `paths` share (to show CVs as short relative paths).
fn common_dir<'a>(paths: impl Iterator<Item = &'a str>) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for p in paths {
        let dir = Path::new(p).parent().unwrap_or_else(|| Path::new(""));
        common = Some(match common {
            None => dir.to_path_buf(),
            Some(c) => c
                .components()
                .zip(dir.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    common.unwrap_or_default()
}

fn short(cv: &str, base: &Path) -> String {
    Path::new(cv)
        .strip_prefix(base)
        .map_or_else(|_| cv.to_string(), |p| p.display().to_string())
}

fn rank_str(r: Option<usize>) -> String {
    r.map_or_else(|| "-".to_string(), |r| r.to_string())
}

/// Writes the evaluation as a table for people: the summary per system, the most
/// confused pairs, the CVs cvmatch does not rank first, the `none` rows and the
/// errors.
pub fn write_eval_table(out: &mut dyn Write, r: &EvalReport) -> io::Result<()> {
    let n = r.rows.len();
    let base = common_dir(
        r.rows
            .iter()
            .map(|x| x.cv.as_str())
            .chain(r.none_rows.iter().map(|x| x.cv.as_str()))
            .chain(r.errors.iter().map(|x| x.cv.as_str())),
    );
    writeln!(
        out,
        "{} label{}: {n} with a role, {} `{NONE_ROLE}`, {} error{}",
        r.labels,
        if r.labels == 1 { "" } else { "s" },
        r.none_rows.len(),
        r.errors.len(),
        if r.errors.len() == 1 { "" } else { "s" },
    )?;
    writeln!(out)?;
    let sys_w = r
        .systems
        .iter()
        .map(|s| s.system.len())
        .max()
        .unwrap_or(6)
        .max(6);
    writeln!(
        out,
        "{:<sys_w$}  {:>5}  {:<22}  {:<22}  {:<22}  {:>8}",
        "SYSTEM", "N", "TOP-1 [95% CI]", "TOP-3 [95% CI]", "MRR [95% CI]", "NONE-SEP"
    )?;
    for s in &r.systems {
        writeln!(
            out,
            "{:<sys_w$}  {:>5}  {:<22}  {:<22}  {:<22}  {:>8}",
            s.system,
            s.n,
            s.top1_ci.show(),
            s.top3_ci.show(),
            s.mrr_ci.show(),
            s.none_separation
                .map_or_else(|| "-".to_string(), |x| format!("{x:.3}")),
        )?;
    }
    for s in &r.systems {
        for c in &s.compared {
            writeln!(
                out,
                "{} - {}: top-1 {:+.3} [{:+.3}, {:+.3}], MRR {:+.3} [{:+.3}, {:+.3}]{}",
                s.system,
                c.baseline,
                c.top1.mean,
                c.top1.low,
                c.top1.high,
                c.mrr.mean,
                c.mrr.low,
                c.mrr.high,
                if c.better() {
                    " (better beyond the interval)"
                } else {
                    ""
                }
            )?;
        }
    }
    if let Some((all, n)) = r.all_essentials {
        writeln!(
            out,
            "CVs meeting every essential of their expected role: {all} of {n}"
        )?;
    }
    if !r.none_rows.is_empty() {
        let any = r
            .none_rows
            .iter()
            .filter(|x| x.roles_all_essentials > 0)
            .count();
        writeln!(
            out,
            "`{NONE_ROLE}` CVs meeting every essential of some role: {any} of {}",
            r.none_rows.len()
        )?;
    }

    if r.systems.iter().any(|s| s.none_separation.is_some()) {
        writeln!(
            out,
            "NONE-SEP: share of (labelled, `{NONE_ROLE}`) CV pairs where the expected role outscores the `{NONE_ROLE}` CV's best role"
        )?;
    }
    if !base.as_os_str().is_empty() {
        writeln!(out, "(CVs below are under {})", base.display())?;
    }

    writeln!(out)?;
    writeln!(out, "Most confused (expected -> ranked first instead):")?;
    for s in &r.systems {
        if s.confusions.is_empty() {
            writeln!(out, "  {}: none", s.system)?;
            continue;
        }
        writeln!(out, "  {}:", s.system)?;
        for c in &s.confusions {
            writeln!(out, "    {:>3}  {} -> {}", c.count, c.expected, c.predicted)?;
        }
    }

    let misses: Vec<&CvRow> = r
        .rows
        .iter()
        .filter(|row| row.rank_cvmatch != Some(1))
        .collect();
    writeln!(out)?;
    if misses.is_empty() {
        writeln!(out, "cvmatch ranks every labelled CV's role first.")?;
    } else {
        writeln!(out, "CVs cvmatch does not rank first ({}):", misses.len())?;
        let cv_w = misses
            .iter()
            .map(|m| short(&m.cv, &base).chars().count())
            .max()
            .unwrap_or(2)
            .clamp(2, 60);
        let id_w = misses
            .iter()
            .map(|m| m.expected.chars().count())
            .max()
            .unwrap_or(8)
            .clamp(8, 40);
        writeln!(
            out,
            "  {:<cv_w$}  {:<id_w$}  {:>4}  {:>8}  {:>5}  TOP (SCORE)",
            "CV", "EXPECTED", "RANK", "SCORE", "TFIDF"
        )?;
        for m in misses {
            writeln!(
                out,
                "  {:<cv_w$}  {:<id_w$}  {:>4}  {:>8}  {:>5}  {} ({})",
                short(&m.cv, &base),
                m.expected,
                rank_str(m.rank_cvmatch),
                m.expected_score
                    .map_or_else(|| "-".to_string(), |s| format!("{s:.2}")),
                rank_str(m.rank_tfidf),
                m.top_cvmatch.as_deref().unwrap_or("-"),
                m.top_score
                    .map_or_else(|| "-".to_string(), |s| format!("{s:.2}")),
            )?;
        }
    }

    if !r.none_rows.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "CVs labelled `{NONE_ROLE}` (not counted above), with cvmatch's top role:"
        )?;
        let cv_w = r
            .none_rows
            .iter()
            .map(|m| short(&m.cv, &base).chars().count())
            .max()
            .unwrap_or(2)
            .clamp(2, 60);
        let id_w = r
            .none_rows
            .iter()
            .filter_map(|m| m.top_cvmatch.as_deref())
            .map(|id| id.chars().count())
            .max()
            .unwrap_or(8)
            .clamp(8, 40);
        writeln!(
            out,
            "  {:<cv_w$}  {:>6}  {:>10}  {:<id_w$}  {:>6}  TFIDF TOP",
            "CV", "SCORE", "ESSENTIALS", "TOP ROLE", "COSINE"
        )?;
        for m in &r.none_rows {
            writeln!(
                out,
                "  {:<cv_w$}  {:>6.2}  {:>10}  {:<id_w$}  {:>6.3}  {}",
                short(&m.cv, &base),
                m.best_score,
                format!("{}/{}", m.essentials_met, m.essentials_total),
                m.top_cvmatch.as_deref().unwrap_or("-"),
                m.best_cosine,
                m.top_tfidf.as_deref().unwrap_or("-"),
            )?;
        }
    }

    if !r.errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "Errors (not counted above):")?;
        for e in &r.errors {
            writeln!(out, "  line {}: {}", e.line, e.error)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::{Criterion, Priority};

    fn o<'a>(expected: &'a str, rank: Option<usize>, top: &'a str) -> Outcome<'a> {
        Outcome {
            expected,
            rank,
            top: Some(top),
        }
    }

    #[test]
    fn metrics_from_ranks() {
        let s = summarise(
            "x",
            &[
                o("a", Some(1), "a"),
                o("b", Some(2), "a"),
                o("c", Some(3), "a"),
                o("d", Some(4), "b"),
                o("e", None, "a"),
            ],
        );
        assert_eq!(s.n, 5);
        assert!((s.top1 - 0.2).abs() < 1e-9);
        assert!((s.top3 - 0.6).abs() < 1e-9);
        let mrr = (1.0 + 0.5 + 1.0 / 3.0 + 0.25 + 0.0) / 5.0;
        assert!((s.mrr - mrr).abs() < 1e-9);
        assert_eq!(s.confusions.len(), 4);
        assert!(s.confusions.iter().all(|c| c.count == 1));
        // Ties in count by expected id.
        assert_eq!(s.confusions[0].expected, "b");
    }

    #[test]
    fn confusions_most_frequent_first_and_capped() {
        let mut v = vec![o("x", Some(2), "y"); 3];
        v.push(o("p", Some(5), "q"));
        for i in 0..20 {
            v.push(Outcome {
                expected: "many",
                rank: Some(2),
                top: Some(
                    [
                        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "ra", "rb",
                    ][i % 12],
                ),
            });
        }
        let s = summarise("x", &v);
        assert_eq!(s.confusions.len(), MAX_CONFUSIONS);
        assert_eq!(
            s.confusions[0],
            Confusion {
                expected: "x".into(),
                predicted: "y".into(),
                count: 3
            }
        );
        assert_eq!(summarise("x", &[]).top1, 0.0);
    }

    #[test]
    fn separation_of_none_rows() {
        let f = [Some(50.0), Some(30.0), None];
        assert_eq!(
            separation(f.into_iter(), [20.0].into_iter()),
            Some(2.0 / 3.0)
        );
        assert_eq!(
            separation(f.into_iter(), [30.0].into_iter()),
            Some(1.5 / 3.0)
        );
        assert_eq!(separation(f.into_iter(), std::iter::empty()), None);
        assert_eq!(separation(std::iter::empty(), [1.0].into_iter()), None);
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn labels_relative_to_file_with_either_header() {
        let tmp = tempfile::tempdir().unwrap();
        let sub = tmp.path().join("set");
        std::fs::create_dir_all(&sub).unwrap();
        for header in ["cv,role_id\n", "cv,best_role\n", "CV , Role_ID\n", ""] {
            let p = write(
                &sub,
                "labels.csv",
                &format!(
                    "{header}# a comment\n\na.pdf,data-scientist\n\ncvs/b.txt , none\n\"c, d.pdf\",analyst\n"
                ),
            );
            let l = read_labels(&p).unwrap();
            assert_eq!(l.len(), 3, "header {header:?}");
            assert_eq!(l[0].cv, sub.join("a.pdf"));
            assert_eq!(l[0].role_id, "data-scientist");
            assert_eq!(l[1].cv, sub.join("cvs/b.txt"));
            assert!(l[1].is_none());
            assert_eq!(l[2].cv, sub.join("c, d.pdf"));
            let skip = if header.is_empty() { 0 } else { 1 };
            assert_eq!(
                l.iter().map(|x| x.line).collect::<Vec<_>>(),
                [3 + skip, 5 + skip, 6 + skip]
            );
        }
    }

    #[test]
    fn bad_label_rows_name_file_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(tmp.path(), "l.csv", "cv,role_id\na.pdf,x\nb.pdf\n");
        let e = read_labels(&p).unwrap_err().to_string();
        assert!(
            e.contains("l.csv:3:") && e.contains("expected 2 fields"),
            "{e}"
        );
        let p = write(tmp.path(), "l.csv", "a.pdf,\n");
        let e = read_labels(&p).unwrap_err().to_string();
        assert!(e.contains("l.csv:1:") && e.contains("empty role_id"), "{e}");
        let p = write(tmp.path(), "l.csv", "cv,role_id\n# nothing\n");
        assert!(
            read_labels(&p)
                .unwrap_err()
                .to_string()
                .contains("no labelled CVs")
        );
        assert!(read_labels(&tmp.path().join("missing.csv")).is_err());
    }

    #[test]
    fn unknown_role_id_names_file_line_and_id() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(
            tmp.path(),
            "labels.csv",
            "cv,role_id\na.pdf,analyst\nb.pdf,none\n\nc.pdf,astronaut\n",
        );
        let labels = read_labels(&p).unwrap();
        let roles = vec![role("analyst", "Analyst", "", &[])];
        let e = check_labels(&p, &labels, &roles).unwrap_err().to_string();
        assert!(
            e.contains("labels.csv:5:") && e.contains("unknown role id `astronaut`"),
            "{e}"
        );
        assert!(check_labels(&p, &labels[..2], &roles).is_ok());
    }

    fn role(id: &str, title: &str, body: &str, skills: &[&str]) -> Role {
        Role {
            id: id.into(),
            title: title.into(),
            description: body.into(),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            criteria: vec![Criterion {
                text: format!("Experience as {title}"),
                priority: Priority::Essential,
                category: None,
            }],
            source: format!("test:{id}"),
            ..Role::default()
        }
    }

    fn roles() -> Vec<Role> {
        vec![
            role(
                "gardener",
                "Gardener",
                "Tend roses, prune hedges and mow lawns in the park.",
                &["pruning", "horticulture"],
            ),
            role(
                "baker",
                "Baker",
                "Bake bread and pastries; knead dough before dawn.",
                &["baking", "pastry"],
            ),
            role(
                "pilot",
                "Pilot",
                "Fly passenger aircraft safely between airports.",
                &["aviation", "navigation"],
            ),
        ]
    }

    #[test]
    fn evaluate_on_a_tiny_index() {
        let tmp = tempfile::tempdir().unwrap();
        let idx_dir = tmp.path().join("index");
        crate::index::build(&roles(), &crate::index::RoleSource::Embedded, &idx_dir).unwrap();
        let index = RoleIndex::open(&idx_dir).unwrap();
        let matcher = Matcher::new(
            &index,
            crate::knowledge::for_tests(),
            crate::score::Weights::default(),
        )
        .unwrap();
        write(
            tmp.path(),
            "g.txt",
            "Jo Bloggs\nExperience\nGardener, City Parks, 2015 - 2024\nPruning roses, hedges and lawns; horticulture.\n",
        );
        write(
            tmp.path(),
            "b.txt",
            "Sam Smith\nExperience\nBaker, Corner Bakery, 2010 - 2024\nBread, pastry, dough and baking.\n",
        );
        let p = write(
            tmp.path(),
            "labels.csv",
            "cv,role_id\ng.txt,gardener\nb.txt,baker\nmissing.txt,pilot\ng.txt,none\n",
        );
        let labels = read_labels(&p).unwrap();
        check_labels(&p, &labels, index.roles().unwrap()).unwrap();
        let r = evaluate(&labels, &index, &matcher, Some(1), false);
        assert_eq!(r.labels, 4);
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].line, 4);
        assert_eq!(r.none_rows.len(), 1);
        assert_eq!(r.none_rows[0].top_cvmatch.as_deref(), Some("gardener"));
        let base = r.system(SYSTEM_TFIDF).unwrap();
        assert_eq!((base.n, base.top1), (2, 1.0));
        assert_eq!(r.rows[0].rank_tfidf, Some(1));
        assert_eq!(r.system(SYSTEM_BM25).unwrap().n, 2);
        let mine = r.system(SYSTEM_CVMATCH).unwrap();
        assert_eq!(mine.compared.len(), 2);
        let mut out = Vec::new();
        write_eval_table(&mut out, &r).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("tfidf-cosine") && text.contains("bm25"),
            "{text}"
        );
        assert!(text.contains("Errors (not counted above)"), "{text}");
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["systems"][0]["system"], "cvmatch");
    }
}
