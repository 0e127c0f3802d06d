//! Bounds on role input, in one place.
//!
//! Role files come from job boards and feeds that cvmatch does not control, so
//! every read of them is bounded: a line, a posting, a JSON document, and the
//! bytes of one load after decompression. Going over a bound is an error that
//! names the file (and line), the bound and its size ([`Error::RoleLimit`]); the
//! index is then left as it was.
//!
//! [`Error::RoleLimit`]: crate::error::Error::RoleLimit

use std::fmt;

/// Longest JSON Lines record (one line of a `.jsonl` or `.jsonl.gz`), in bytes:
/// 8 MiB. Lines are read with a bounded reader, so a longer line is refused after
/// reading at most this much of it, however long it really is (a 1 GB line in a
/// 1 MB gzip never allocates 1 GB). The longest posting in the 14,842 NHS adverts
/// of the jobs corpus is 15 KB.
pub const MAX_LINE_BYTES: u64 = 8 << 20;

/// Largest single posting, in bytes of text (1 MiB): the strings and keys of
/// one `JobPosting` object, or the size of one TOML role file. This bounds the
/// work done per role (HTML to text, person-specification parsing, indexing and
/// role analysis), which grows with the role's text.
pub const MAX_POSTING_BYTES: u64 = 1 << 20;

/// Largest `.json` / `.jsonld` document (256 MiB). Such a document is parsed
/// whole; bigger feeds should be JSON Lines, which are read line by line.
pub const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

/// Most role bytes one load reads, after decompression (2 GiB), over all its
/// files. This is what stops a gzip bomb: decompression stops at the bound.
pub const MAX_TOTAL_BYTES: u64 = 2 << 30;

/// The bounds a load applies; [`Default`] gives the constants above. Smaller
/// values are for tests and for callers that know their feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// See [`MAX_LINE_BYTES`].
    pub line_bytes: u64,
    /// See [`MAX_POSTING_BYTES`].
    pub posting_bytes: u64,
    /// See [`MAX_DOCUMENT_BYTES`].
    pub document_bytes: u64,
    /// See [`MAX_TOTAL_BYTES`].
    pub total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line_bytes: MAX_LINE_BYTES,
            posting_bytes: MAX_POSTING_BYTES,
            document_bytes: MAX_DOCUMENT_BYTES,
            total_bytes: MAX_TOTAL_BYTES,
        }
    }
}

/// The names `--role-limit NAME=VALUE` takes, with what each bounds (all in MiB).
pub const NAMES: &[(&str, &str)] = &[
    ("line-mb", "longest JSON Lines record"),
    ("posting-mb", "largest single posting or TOML role file"),
    ("document-mb", "largest .json/.jsonld document"),
    (
        "total-mb",
        "most role bytes one load reads, after decompression",
    ),
];

impl Limits {
    /// Sets one bound from `NAME=VALUE` (names in [`NAMES`]): a positive whole
    /// number of MiB.
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (name, n) = crate::limits::name_and_value(spec)?;
        let bytes = n.saturating_mul(1 << 20);
        match name.trim() {
            "line-mb" => self.line_bytes = bytes,
            "posting-mb" => self.posting_bytes = bytes,
            "document-mb" => self.document_bytes = bytes,
            "total-mb" => self.total_bytes = bytes,
            other => {
                let known: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown role limit `{other}` (known: {})",
                    known.join(", ")
                ));
            }
        }
        Ok(())
    }
}

/// Which bound was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_LINE_BYTES`].
    LineBytes,
    /// [`MAX_POSTING_BYTES`].
    PostingBytes,
    /// [`MAX_DOCUMENT_BYTES`].
    DocumentBytes,
    /// [`MAX_TOTAL_BYTES`].
    TotalBytes,
}

impl Limit {
    /// The limit's name, as it appears in messages.
    pub fn name(self) -> &'static str {
        match self {
            Limit::LineBytes => "JSON Lines line size",
            Limit::PostingBytes => "posting size",
            Limit::DocumentBytes => "JSON document size",
            Limit::TotalBytes => "decompressed role bytes",
        }
    }

    /// Its name in `--role-limit NAME=VALUE`.
    pub fn flag_name(self) -> &'static str {
        match self {
            Limit::LineBytes => "line-mb",
            Limit::PostingBytes => "posting-mb",
            Limit::DocumentBytes => "document-mb",
            Limit::TotalBytes => "total-mb",
        }
    }

    /// What went over it.
    fn subject(self) -> &'static str {
        match self {
            Limit::LineBytes => "a JSON Lines record",
            Limit::PostingBytes => "a posting",
            Limit::DocumentBytes => "the JSON document",
            Limit::TotalBytes => "the role input",
        }
    }
}

/// `12 MiB`, `1.5 GiB`, `300 bytes`.
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let x = n as f64 / size as f64;
            return if n.is_multiple_of(size) {
                format!("{} {unit}", n / size)
            } else {
                format!("{x:.1} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

/// The message of [`Error::RoleLimit`](crate::error::Error::RoleLimit) after
/// the location.
pub(crate) struct LimitMessage {
    pub limit: Limit,
    pub max: u64,
    pub found: Option<u64>,
}

impl fmt::Display for LimitMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = self.limit.subject();
        let (name, max) = (self.limit.name(), human_bytes(self.max));
        match self.found {
            Some(n) => write!(
                f,
                "{subject} of {} is over the {name} limit of {max}",
                human_bytes(n)
            )?,
            None => write!(f, "{subject} goes past the {name} limit of {max}")?,
        }
        match self.limit {
            Limit::LineBytes | Limit::TotalBytes => write!(f, "; the file was not read further")?,
            Limit::DocumentBytes => write!(f, "; split it into JSON Lines (.jsonl)")?,
            Limit::PostingBytes => {}
        }
        write!(
            f,
            " (raise it with `cvmatch index --role-limit {}=MIB`)",
            self.limit.flag_name()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(MAX_LINE_BYTES), "8 MiB");
        assert_eq!(human_bytes(MAX_TOTAL_BYTES), "2 GiB");
        assert_eq!(human_bytes(1536 << 10), "1.5 MiB");
        assert_eq!(human_bytes(12), "12 bytes");
    }

    #[test]
    fn defaults_are_the_constants() {
        let l = Limits::default();
        assert_eq!(l.line_bytes, MAX_LINE_BYTES);
        assert_eq!(l.posting_bytes, MAX_POSTING_BYTES);
        assert_eq!(l.document_bytes, MAX_DOCUMENT_BYTES);
        assert_eq!(l.total_bytes, MAX_TOTAL_BYTES);
        const { assert!(MAX_POSTING_BYTES <= MAX_LINE_BYTES) };
    }
}
