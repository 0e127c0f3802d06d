//! Criterion evidence against people's judgements (`eval/gold`).
//!
//! Each row of `eval/gold/judgements.csv` is a person's 0–3 judgement of one
//! criterion of a real NHS advert (from `../shared`) against one real or sample
//! CV. This test scores every judged pair with cvmatch and reports, for "met"
//! (2 or 3): precision, recall, Cohen's kappa, and the quadratic-weighted kappa
//! of the 0–3 scores, over all criteria and over Essentials; then the
//! disagreements. It is skipped, with the reason printed, without `../shared`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use cvmatch::index::{self, RoleIndex, RoleSource};
use cvmatch::score::{Matcher, Weights};

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn sha1_12(text: &str) -> String {
    // SHA-1, as scripts/gold_prepare.py keys criteria (hashlib.sha1(...)[:12]).
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut msg = text.as_bytes().to_vec();
    let bits = (msg.len() as u64) * 8;
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6u32),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect::<String>()[..12].to_string()
}

#[derive(Debug, Clone)]
struct Judgement {
    pair: usize,
    cv: String,
    advert: String,
    key: String,
    priority: String,
    gold: u8,
}

/// The judgements the test measures against: the first row of each (pair,
/// criterion, priority) (the annotator the pair was assigned to), `na` rows left
/// out.
fn read_judgements() -> Vec<Judgement> {
    let path = Path::new(ROOT).join("eval/gold/judgements.csv");
    let mut rdr = csv::Reader::from_path(&path).expect("judgements.csv");
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let r = rec.expect("a CSV row");
        let (pair, cv, advert, key, priority, judgement) =
            (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]);
        if !seen.insert((pair.to_string(), key.to_string(), priority.to_string())) {
            continue;
        }
        let Ok(gold) = judgement.parse::<u8>() else {
            continue;
        };
        out.push(Judgement {
            pair: pair.parse().expect("pair number"),
            cv: cv.to_string(),
            advert: advert.to_string(),
            key: key.to_string(),
            priority: priority.to_string(),
            gold,
        });
    }
    out
}

fn cohen_kappa(pairs: &[(u8, u8)], classes: u8, weighted: bool) -> f64 {
    let n = pairs.len() as f64;
    let k = classes as usize;
    let mut obs = vec![vec![0.0; k]; k];
    for &(a, b) in pairs {
        obs[a as usize][b as usize] += 1.0;
    }
    let row: Vec<f64> = (0..k).map(|i| obs[i].iter().sum()).collect();
    let col: Vec<f64> = (0..k).map(|j| (0..k).map(|i| obs[i][j]).sum()).collect();
    let w = |i: usize, j: usize| {
        if weighted {
            let d = i as f64 - j as f64;
            d * d / ((k - 1) as f64).powi(2)
        } else if i == j {
            0.0
        } else {
            1.0
        }
    };
    let (mut o, mut e) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            o += w(i, j) * obs[i][j] / n;
            e += w(i, j) * row[i] * col[j] / (n * n);
        }
    }
    if e == 0.0 { 1.0 } else { 1.0 - o / e }
}

/// Agreement of cvmatch's criterion scores with the gold ones.
#[derive(Debug, Clone, Copy)]
struct Agreement {
    n: usize,
    precision: f64,
    recall: f64,
    kappa: f64,
    weighted_kappa: f64,
}

fn agreement(pairs: &[(u8, u8)]) -> Agreement {
    let met = |x: u8| x >= 2;
    let tp = pairs.iter().filter(|(g, o)| met(*g) && met(*o)).count() as f64;
    let fp = pairs.iter().filter(|(g, o)| !met(*g) && met(*o)).count() as f64;
    let fneg = pairs.iter().filter(|(g, o)| met(*g) && !met(*o)).count() as f64;
    let binary: Vec<(u8, u8)> = pairs
        .iter()
        .map(|&(g, o)| (u8::from(met(g)), u8::from(met(o))))
        .collect();
    Agreement {
        n: pairs.len(),
        precision: if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 },
        recall: if tp + fneg > 0.0 {
            tp / (tp + fneg)
        } else {
            0.0
        },
        kappa: cohen_kappa(&binary, 2, false),
        weighted_kappa: cohen_kappa(pairs, 4, true),
    }
}

/// Scores every judged pair; `None` when `../shared` is absent.
fn measure() -> Option<(Agreement, Agreement, Vec<String>)> {
    let shared = Path::new(ROOT).join("../shared/corpus");
    let nhs = shared.join("jobs/nhs-jobs/nhs_jobs.jsonl.gz");
    if !nhs.exists() {
        eprintln!("skipped: {} not found (../shared is absent)", nhs.display());
        return None;
    }
    let judgements = read_judgements();
    assert!(judgements.len() >= 300, "{} judgements", judgements.len());
    let wanted: std::collections::HashSet<&str> =
        judgements.iter().map(|j| j.advert.as_str()).collect();
    let roles: Vec<cvmatch::roles::Role> = cvmatch::roles::load_file(&nhs)
        .expect("NHS adverts load")
        .into_iter()
        .filter(|r| wanted.contains(r.id.as_str()))
        .collect();
    assert_eq!(roles.len(), wanted.len(), "every judged advert loads");
    let dir = tempfile::tempdir().unwrap();
    index::build(&roles, &RoleSource::Paths { paths: vec![nhs] }, dir.path()).unwrap();
    let idx = RoleIndex::open(dir.path()).unwrap();
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();

    // Score each CV once against every judged advert.
    let mut by_cv: BTreeMap<&str, Vec<&Judgement>> = BTreeMap::new();
    for j in &judgements {
        by_cv.entry(j.cv.as_str()).or_default().push(j);
    }
    let mut all: Vec<(u8, u8)> = Vec::new();
    let mut essential: Vec<(u8, u8)> = Vec::new();
    let mut missing_keys = 0usize;
    let mut disagreements: Vec<String> = Vec::new();
    for (cv_key, js) in by_cv {
        let path: PathBuf = match cv_key.strip_prefix("shared/") {
            Some(rest) => Path::new(ROOT).join("../shared").join(rest),
            None => Path::new(ROOT).join(cv_key),
        };
        let doc = cvmatch::extract::extract_path(&path).expect("gold CV extracts");
        let cv = cvmatch::cv::analyse(&doc, knowledge());
        let matches = matcher.score(&cv).expect("scores");
        let results: HashMap<(&str, String, String), (u8, &str)> = matches
            .iter()
            .flat_map(|m| {
                m.criteria.iter().map(move |c| {
                    let priority = serde_json::to_value(c.priority)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    (
                        (m.role_id.as_str(), sha1_12(&c.text), priority),
                        (c.score, c.reason.as_str()),
                    )
                })
            })
            .collect();
        for j in js {
            let Some(&(ours, reason)) =
                results.get(&(j.advert.as_str(), j.key.clone(), j.priority.clone()))
            else {
                missing_keys += 1;
                continue;
            };
            all.push((j.gold, ours));
            if j.priority == "essential" {
                essential.push((j.gold, ours));
            }
            if (j.gold >= 2) != (ours >= 2) {
                let text = roles
                    .iter()
                    .find(|r| r.id == j.advert)
                    .and_then(|r| r.criteria.iter().find(|c| sha1_12(&c.text) == j.key))
                    .map_or(String::new(), |c| c.text.chars().take(90).collect());
                disagreements.push(format!(
                    "pair {:>2} gold {} ours {}  {} | {} || {}",
                    j.pair, j.gold, ours, cv_key, text, reason
                ));
            }
        }
    }
    if missing_keys > 0 {
        println!("{missing_keys} judged criteria are no longer read the same way by the parser");
    }
    Some((agreement(&all), agreement(&essential), disagreements))
}

#[test]
fn sha1_matches_the_reference() {
    assert_eq!(sha1_12("abc"), "a9993e364706");
    assert_eq!(sha1_12(""), "da39a3ee5e6b");
}

#[test]
fn kappa_of_perfect_and_chance_agreement() {
    let perfect = [(0, 0), (2, 2), (3, 3), (1, 1)];
    assert!((cohen_kappa(&perfect, 4, true) - 1.0).abs() < 1e-12);
    let a = agreement(&[(0, 0), (0, 2), (3, 3), (2, 0)]);
    assert_eq!((a.precision, a.recall), (0.5, 0.5));
    assert!(a.kappa.abs() < 1e-12);
}

/// Criterion evidence agrees with people's judgements. The floors sit under
/// the figures measured when they were set (see the note on the issue).
///
/// Measured 2026-12-07 on 765 judged criteria (461 essentials): "met" (2–3)
/// precision 0.754, recall 0.750, Cohen's kappa 0.662, weighted kappa on 0–3
/// 0.698; essentials 0.754 / 0.772 / 0.671 / 0.692. On 2026-12-06: 0.694 /
/// 0.632 / 0.546 / 0.639. Before the parser and evidence work: 0.579 /
/// 0.431 / 0.345 / 0.466.
#[test]
fn criterion_evidence_agrees_with_the_gold_set() {
    let Some((all, ess, disagreements)) = measure() else {
        return;
    };
    for (name, a) in [("all criteria", all), ("essentials", ess)] {
        println!(
            "{name}: n {}  met precision {:.3} recall {:.3}  kappa {:.3}  weighted kappa (0-3) {:.3}",
            a.n, a.precision, a.recall, a.kappa, a.weighted_kappa
        );
    }
    println!("disagreements on met ({}):", disagreements.len());
    for d in &disagreements {
        println!("  {d}");
    }
    assert!(all.n >= 300);
    for (name, a) in [("all criteria", all), ("essentials", ess)] {
        assert!(
            a.precision >= 0.74,
            "{name}: met precision {:.3}",
            a.precision
        );
        assert!(a.recall >= 0.72, "{name}: met recall {:.3}", a.recall);
        assert!(a.kappa >= 0.64, "{name}: kappa {:.3}", a.kappa);
        assert!(
            a.weighted_kappa >= 0.67,
            "{name}: weighted kappa {:.3}",
            a.weighted_kappa
        );
    }
}
