//! Bounds on the work done for one CV: sizes checked before anything is read,
//! counts checked while reading, and one [`Deadline`] that every stage
//! (extraction, layout, analysis, scoring) checks cooperatively in its loops.
//!
//! A CV that goes over a bound is refused with an error that names the bound
//! and the `--limit` (or `--timeout`) that raises it ([`Hit`]); in a batch it
//! becomes that CV's error row and the other CVs go on.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// One MiB.
const MIB: u64 = 1 << 20;

/// The bounds, with defaults that no real CV comes near.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest PDF file read, in bytes.
    pub pdf_bytes: u64,
    /// Largest Word (.docx) file read, in bytes.
    pub docx_bytes: u64,
    /// Largest plain-text file read, in bytes.
    pub txt_bytes: u64,
    /// Most pages a PDF may have.
    pub pages: usize,
    /// Most characters of text one CV may give (after extraction).
    pub chars: usize,
    /// Most glyphs drawn on one PDF page.
    pub glyphs_per_page: usize,
    /// Most bytes decompressed from one PDF (content streams, fonts, forms) or
    /// one .docx (its XML parts).
    pub decompressed_bytes: u64,
    /// Longest time spent on one CV, from opening it to its scores.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            pdf_bytes: 50 * MIB,
            docx_bytes: 50 * MIB,
            txt_bytes: 5 * MIB,
            pages: 200,
            chars: 2_000_000,
            glyphs_per_page: 200_000,
            decompressed_bytes: 256 * MIB,
            time: Duration::from_secs(15),
        }
    }
}

/// The names `--limit NAME=VALUE` takes, with what each bounds and its unit.
pub const NAMES: &[(&str, &str)] = &[
    ("pdf-mb", "largest PDF file read, MiB"),
    ("docx-mb", "largest .docx file read, MiB"),
    ("txt-mb", "largest .txt file read, MiB"),
    ("pages", "most pages in one PDF"),
    ("chars", "most characters of text in one CV"),
    ("glyphs-per-page", "most glyphs drawn on one PDF page"),
    (
        "decompressed-mb",
        "most bytes decompressed from one CV file, MiB",
    ),
    (
        "time",
        "longest time spent on one CV, seconds (also --timeout)",
    ),
];

/// Splits a `NAME=VALUE` bound into its name and its value, a positive whole
/// number (shared by `--limit` and `--role-limit`).
pub(crate) fn name_and_value(spec: &str) -> Result<(&str, u64), String> {
    let (name, value) = spec
        .split_once('=')
        .ok_or_else(|| format!("`{spec}`: expected NAME=VALUE"))?;
    let n: u64 = value
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{spec}`: the value must be a positive whole number"))?;
    Ok((name, n))
}

impl Limits {
    /// Sets one bound from `NAME=VALUE` (names in [`NAMES`]). Values are
    /// positive whole numbers; sizes are in MiB and time in seconds.
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (name, n) = name_and_value(spec)?;
        let count = usize::try_from(n).unwrap_or(usize::MAX);
        match name.trim() {
            "pdf-mb" => self.pdf_bytes = n.saturating_mul(MIB),
            "docx-mb" => self.docx_bytes = n.saturating_mul(MIB),
            "txt-mb" => self.txt_bytes = n.saturating_mul(MIB),
            "pages" => self.pages = count,
            "chars" => self.chars = count,
            "glyphs-per-page" => self.glyphs_per_page = count,
            "decompressed-mb" => self.decompressed_bytes = n.saturating_mul(MIB),
            "time" => self.time = Duration::from_secs(n),
            other => {
                let known: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown limit `{other}` (known: {})",
                    known.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The file-size bound for a CV of this kind (lowercase extension), if any.
    pub fn file_bytes(&self, ext: &str) -> Option<(u64, Bound)> {
        match ext {
            "pdf" => Some((self.pdf_bytes, Bound::PdfSize)),
            "docx" => Some((self.docx_bytes, Bound::DocxSize)),
            "txt" => Some((self.txt_bytes, Bound::TxtSize)),
            _ => None,
        }
    }

    /// The largest of the file-size bounds: for input whose kind is not known
    /// until it is read (standard input).
    pub fn any_file_bytes(&self) -> u64 {
        self.pdf_bytes.max(self.docx_bytes).max(self.txt_bytes)
    }

    /// A deadline starting now.
    pub fn deadline(&self) -> Deadline {
        Deadline::after(self.time)
    }
}

/// Which bound was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// [`Limits::pdf_bytes`].
    PdfSize,
    /// [`Limits::docx_bytes`].
    DocxSize,
    /// [`Limits::txt_bytes`].
    TxtSize,
    /// [`Limits::pages`].
    Pages,
    /// [`Limits::chars`].
    Chars,
    /// [`Limits::glyphs_per_page`].
    GlyphsPerPage,
    /// [`Limits::decompressed_bytes`].
    Decompressed,
    /// [`Limits::time`].
    Time,
}

impl Bound {
    /// What the bound limits, as said in messages.
    fn what(self) -> &'static str {
        match self {
            Bound::PdfSize => "PDF file size",
            Bound::DocxSize => "Word file size",
            Bound::TxtSize => "text file size",
            Bound::Pages => "pages",
            Bound::Chars => "characters of text",
            Bound::GlyphsPerPage => "glyphs on one page",
            Bound::Decompressed => "decompressed bytes",
            Bound::Time => "time for one CV",
        }
    }

    /// How to raise it.
    fn flag(self) -> &'static str {
        match self {
            Bound::PdfSize => "--limit pdf-mb=N",
            Bound::DocxSize => "--limit docx-mb=N",
            Bound::TxtSize => "--limit txt-mb=N",
            Bound::Pages => "--limit pages=N",
            Bound::Chars => "--limit chars=N",
            Bound::GlyphsPerPage => "--limit glyphs-per-page=N",
            Bound::Decompressed => "--limit decompressed-mb=N",
            Bound::Time => "--timeout SECONDS",
        }
    }

    /// Whether the bound is on bytes (shown in MiB).
    fn in_bytes(self) -> bool {
        matches!(
            self,
            Bound::PdfSize | Bound::DocxSize | Bound::TxtSize | Bound::Decompressed
        )
    }
}

/// A bound that one CV went over: which, its value, and, where known, how
/// much the CV has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The bound.
    pub bound: Bound,
    /// Its value (bytes, a count, or milliseconds for [`Bound::Time`]).
    pub limit: u64,
    /// How much the CV has, when it was counted in full (file sizes, pages).
    pub actual: Option<u64>,
}

impl Hit {
    /// A hit on `bound` with value `limit`.
    pub fn new(bound: Bound, limit: u64) -> Hit {
        Hit {
            bound,
            limit,
            actual: None,
        }
    }

    /// The same hit, saying how much the CV has.
    pub fn with_actual(self, actual: u64) -> Hit {
        Hit {
            actual: Some(actual),
            ..self
        }
    }
}

impl fmt::Display for Hit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |n: u64| {
            if self.bound == Bound::Time {
                format!("{} s", n.div_ceil(1000))
            } else if self.bound.in_bytes() {
                format!("{} MiB", n.div_ceil(MIB))
            } else {
                n.to_string()
            }
        };
        match self.actual {
            Some(a) => write!(
                f,
                "{} over the limit: {} where at most {} are read (raise it with {})",
                self.bound.what(),
                show(a),
                show(self.limit),
                self.bound.flag()
            ),
            None if self.bound == Bound::Time => write!(
                f,
                "gave up after the {} limit per CV (raise it with {})",
                show(self.limit),
                self.bound.flag()
            ),
            None => write!(
                f,
                "{} over the limit of {} (raise it with {})",
                self.bound.what(),
                show(self.limit),
                self.bound.flag()
            ),
        }
    }
}

/// When work on one CV must stop. Loops that grow with the input call
/// [`check`](Deadline::check) (or [`tick`](Deadline::tick) on every
/// iteration, which reads the clock once in a while) and return the
/// [`Hit`] it gives.
#[derive(Debug)]
pub struct Deadline {
    at: Option<Instant>,
    budget: Duration,
    ticks: AtomicU32,
}

/// How many [`Deadline::tick`]s pass between readings of the clock.
const TICKS_PER_CHECK: u32 = 256;

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Deadline {
        Deadline {
            at: Instant::now().checked_add(budget),
            budget,
            ticks: AtomicU32::new(0),
        }
    }

    /// No deadline at all.
    pub fn never() -> Deadline {
        Deadline {
            at: None,
            budget: Duration::MAX,
            ticks: AtomicU32::new(0),
        }
    }

    /// The instant work must stop by, if any.
    pub fn instant(&self) -> Option<Instant> {
        self.at
    }

    /// The hit this deadline gives when it has passed.
    pub fn hit(&self) -> Hit {
        Hit::new(
            Bound::Time,
            u64::try_from(self.budget.as_millis()).unwrap_or(u64::MAX),
        )
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    /// `Err` once the deadline has passed.
    pub fn check(&self) -> Result<(), Hit> {
        if self.expired() {
            Err(self.hit())
        } else {
            Ok(())
        }
    }

    /// Like [`check`](Self::check), but reads the clock only on every
    /// `TICKS_PER_CHECK`th call: for tight loops.
    pub fn tick(&self) -> Result<(), Hit> {
        let t = self.ticks.fetch_add(1, Ordering::Relaxed);
        if t.is_multiple_of(TICKS_PER_CHECK) {
            self.check()
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_name_and_bad_specs_are_refused() {
        let mut l = Limits::default();
        l.set("pages=10").unwrap();
        l.set("pdf-mb=2").unwrap();
        l.set("time=3").unwrap();
        assert_eq!(l.pages, 10);
        assert_eq!(l.pdf_bytes, 2 << 20);
        assert_eq!(l.time, Duration::from_secs(3));
        assert!(l.set("pages").unwrap_err().contains("NAME=VALUE"));
        assert!(l.set("pages=0").unwrap_err().contains("positive"));
        assert!(
            l.set("pagez=3")
                .unwrap_err()
                .contains("unknown limit `pagez`")
        );
        // Every documented name is accepted.
        for (name, _) in NAMES {
            assert!(
                Limits::default().set(&format!("{name}=7")).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn messages_name_the_bound_and_how_to_raise_it() {
        let m = Hit::new(Bound::Pages, 200).with_actual(200_000).to_string();
        assert_eq!(
            m,
            "pages over the limit: 200000 where at most 200 are read (raise it with --limit pages=N)"
        );
        let m = Hit::new(Bound::TxtSize, 5 << 20)
            .with_actual(500 << 20)
            .to_string();
        assert!(
            m.contains("500 MiB") && m.contains("5 MiB") && m.contains("txt-mb"),
            "{m}"
        );
        let d = Deadline::after(Duration::from_millis(2500));
        assert_eq!(
            d.hit().to_string(),
            "gave up after the 3 s limit per CV (raise it with --timeout SECONDS)"
        );
    }

    #[test]
    fn a_passed_deadline_stops_checks_and_ticks() {
        let d = Deadline::after(Duration::ZERO);
        assert_eq!(d.check().unwrap_err().bound, Bound::Time);
        assert!((0..TICKS_PER_CHECK).any(|_| d.tick().is_err()));
        let never = Deadline::never();
        assert!(never.check().is_ok());
        assert!((0..10 * TICKS_PER_CHECK).all(|_| never.tick().is_ok()));
        let later = Deadline::after(Duration::from_secs(3600));
        assert!(later.check().is_ok());
    }
}
