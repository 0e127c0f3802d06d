//! Bootstrap intervals for per-CV metrics.
//!
//! Each system gives every labelled CV three numbers: top-1 (0 or 1), top-3 (0
//! or 1) and the reciprocal rank. A metric is their mean over the CVs; its 95%
//! interval comes from [`RESAMPLES`] resamples of the CVs with replacement (the
//! 2.5th and 97.5th percentiles), drawn from a fixed seed so the figures are
//! reproducible. [`paired`] resamples the per-CV *differences* between two
//! systems on the same CVs: when its whole interval is above zero, the first
//! system is better beyond the noise of this data set.

use serde::Serialize;

/// Bootstrap resamples.
pub const RESAMPLES: usize = 1000;
/// The fixed seed of the resampling.
pub const SEED: u64 = 1;

/// A mean with its 95% bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// The mean.
    pub mean: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

impl Interval {
    /// `0.462 [0.441, 0.483]`.
    pub fn show(&self) -> String {
        format!("{:.3} [{:.3}, {:.3}]", self.mean, self.low, self.high)
    }
}

/// SplitMix64: a small, well-mixed generator for reproducible resampling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The mean of `values` with its bootstrap interval (all zero when empty).
pub fn bootstrap(values: &[f64]) -> Interval {
    let n = values.len();
    if n == 0 {
        return Interval {
            mean: 0.0,
            low: 0.0,
            high: 0.0,
        };
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let mut rng = SplitMix(SEED);
    let mut means: Vec<f64> = (0..RESAMPLES)
        .map(|_| (0..n).map(|_| values[rng.below(n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    Interval {
        mean,
        low: means[RESAMPLES * 25 / 1000],
        high: means[RESAMPLES * 975 / 1000 - 1],
    }
}

/// The mean difference `a - b` over paired values with its bootstrap interval.
pub fn paired(a: &[f64], b: &[f64]) -> Interval {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    bootstrap(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_brackets_the_mean_and_narrows_with_more_data() {
        let small: Vec<f64> = (0..20).map(|i| f64::from(i % 2)).collect();
        let large: Vec<f64> = (0..2000).map(|i| f64::from(i % 2)).collect();
        let s = bootstrap(&small);
        let l = bootstrap(&large);
        assert!((s.mean - 0.5).abs() < 1e-12 && (l.mean - 0.5).abs() < 1e-12);
        assert!(s.low < 0.5 && s.high > 0.5);
        assert!(l.high - l.low < s.high - s.low);
        // Reproducible.
        assert_eq!(bootstrap(&small), s);
        // Constant data: no spread.
        let c = bootstrap(&[1.0; 10]);
        assert_eq!((c.low, c.high), (1.0, 1.0));
        assert_eq!(bootstrap(&[]).mean, 0.0);
    }

    #[test]
    fn paired_difference_sees_a_consistent_gain() {
        let a: Vec<f64> = (0..100)
            .map(|i| if i % 10 == 0 { 0.0 } else { 1.0 })
            .collect();
        let b: Vec<f64> = (0..100)
            .map(|i| if i % 2 == 0 { 0.0 } else { 1.0 })
            .collect();
        let d = paired(&a, &b);
        assert!((d.mean - 0.4).abs() < 1e-12);
        assert!(d.low > 0.0, "{d:?}");
    }
}
