//! Per-role shortlists built as the batch goes: each role keeps only its best
//! `K` candidates, so `batch --by-role` against thousands of roles holds
//! `roles × K` matches, not `CVs × roles`.

use crate::report::CvReport;
use crate::score::RoleMatch;

/// One candidate on a role's list: the report it came from, its name (the
/// tie-break, as `report::shortlists` orders) and the match.
struct Entry {
    report: usize,
    cv: std::sync::Arc<str>,
    m: RoleMatch,
}

/// Best first: score descending, then CV name ascending.
fn better(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    b.m.score
        .total_cmp(&a.m.score)
        .then_with(|| a.cv.cmp(&b.cv))
}

/// Every role's best `K` candidates so far (`K` = 0: all of them).
pub(super) struct RoleHeaps {
    lists: Vec<Vec<Entry>>,
    k: usize,
}

impl RoleHeaps {
    /// Empty lists for `roles` roles, `k` candidates each (0 = no bound).
    pub(super) fn new(roles: usize, k: usize) -> RoleHeaps {
        RoleHeaps {
            lists: (0..roles).map(|_| Vec::new()).collect(),
            k,
        }
    }

    /// Offers one CV's matches (the report at `report`, named `cv`) to their
    /// roles. A list that reaches twice its bound is sorted and cut back to
    /// it, so each holds at most `2K` entries and the cost stays `O(log K)` a
    /// match, amortised.
    pub(super) fn offer(&mut self, report: usize, cv: &str, matches: Vec<RoleMatch>) {
        // One copy of the name per CV, shared by its entries on every role.
        let cv: std::sync::Arc<str> = cv.into();
        for m in matches {
            let Some(list) = self.lists.get_mut(m.role) else {
                continue;
            };
            list.push(Entry {
                report,
                cv: cv.clone(),
                m,
            });
            if self.k > 0 && list.len() >= 2 * self.k {
                list.sort_by(better);
                list.truncate(self.k);
            }
        }
    }

    /// Gives each report back the matches that made some role's list, best
    /// first (score descending, then role id): what the shortlist writers read.
    pub(super) fn into_reports(self, reports: &mut [CvReport]) {
        let k = self.k;
        for mut list in self.lists {
            list.sort_by(better);
            if k > 0 {
                list.truncate(k);
            }
            for e in list {
                if let Some(Ok(ms)) = reports.get_mut(e.report).map(|r| &mut r.outcome) {
                    ms.push(e.m);
                }
            }
        }
        for r in reports {
            if let Ok(ms) = &mut r.outcome {
                ms.sort_by(|a, b| {
                    b.score
                        .total_cmp(&a.score)
                        .then_with(|| a.role_id.cmp(&b.role_id))
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(role: usize, score: f64) -> RoleMatch {
        RoleMatch {
            role,
            role_id: format!("r{role}"),
            score,
            ..RoleMatch::default()
        }
    }

    fn report(cv: &str) -> CvReport {
        CvReport {
            cv: cv.into(),
            outcome: Ok(Vec::new()),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn each_role_keeps_its_best_k_whatever_the_order() {
        // 50 CVs over 3 roles; role r scores CV i as (i * 7 + r * 13) % 50.
        let score = |i: usize, r: usize| ((i * 7 + r * 13) % 50) as f64;
        let names: Vec<String> = (0..50).map(|i| format!("cv-{i:02}")).collect();
        for k in [1, 3, 0] {
            let mut heaps = RoleHeaps::new(3, k);
            let mut reports: Vec<CvReport> = names.iter().map(|n| report(n)).collect();
            for (i, n) in names.iter().enumerate() {
                heaps.offer(i, n, (0..3).map(|r| m(r, score(i, r))).collect());
            }
            heaps.into_reports(&mut reports);
            for r in 0..3 {
                let mut want: Vec<(f64, &str)> =
                    (0..50).map(|i| (score(i, r), names[i].as_str())).collect();
                want.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
                if k > 0 {
                    want.truncate(k);
                }
                let mut got: Vec<(f64, &str)> = reports
                    .iter()
                    .filter_map(|rep| {
                        let ms = rep.outcome.as_ref().unwrap();
                        ms.iter()
                            .find(|x| x.role == r)
                            .map(|x| (x.score, rep.cv.as_str()))
                    })
                    .collect();
                got.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
                assert_eq!(got, want, "role {r}, k {k}");
            }
        }
    }

    #[test]
    fn ties_go_to_the_first_name_and_errors_are_left_alone() {
        let mut heaps = RoleHeaps::new(1, 1);
        let mut reports = vec![report("b.pdf"), report("a.pdf"), report("c.pdf")];
        reports[2].outcome = Err(crate::report::RowError {
            kind: crate::error::ErrorKind::Extract(crate::extract::ExtractErrorKind::Damaged),
            message: "c.pdf: damaged".into(),
        });
        heaps.offer(0, "b.pdf", vec![m(0, 5.0)]);
        heaps.offer(1, "a.pdf", vec![m(0, 5.0)]);
        heaps.into_reports(&mut reports);
        assert!(reports[0].outcome.as_ref().unwrap().is_empty());
        assert_eq!(reports[1].outcome.as_ref().unwrap().len(), 1);
        assert!(reports[2].outcome.is_err());
    }
}
