//! The library's one error type.
//!
//! Every variant names the file (or index directory) it concerns and the cause, so
//! that a message printed on its own line is enough for a user to act on. The
//! binary wraps these in `anyhow` only at the very top.

use std::path::{Path, PathBuf};

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O failure on a named file or directory.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// A syntax error in a structured file, with its location (1-based).
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// What is wrong there.
        message: String,
    },

    /// A file that was read but whose content is not acceptable.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },

    /// Two role sources use the same id.
    #[error("duplicate role id `{id}`: defined in {first} and again in {second}")]
    DuplicateRole {
        /// The id.
        id: String,
        /// The source that defines it first.
        first: String,
        /// The source that defines it again.
        second: String,
    },

    /// A CV file (PDF or Word) that could not be read at all, with what kind
    /// of problem it was.
    #[error("{}: {message}", path.display())]
    Extract {
        /// The CV file.
        path: PathBuf,
        /// What kind of problem it is.
        kind: crate::extract::ExtractErrorKind,
        /// The problem, in words.
        message: String,
    },

    /// A CV that went over one of the bounds on the work done for one CV
    /// (size, pages, characters, time…), naming the bound and how to raise it.
    #[error("{}: {hit}", path.display())]
    Limit {
        /// The CV file.
        path: PathBuf,
        /// The bound that was hit.
        hit: crate::limits::Hit,
    },

    /// Something named that is not a regular file (a FIFO, device or socket):
    /// refused by its type, before it is opened.
    #[error("{}: is a {kind}, not a regular file; cvmatch reads CV files only", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is ("FIFO", "socket"…).
        kind: &'static str,
    },

    /// A file type that cvmatch does not read.
    #[error("{}: unsupported file type (expected .pdf, .docx or .txt)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },

    /// A CV format cvmatch cannot read (`.doc`, `.rtf`, `.odt`…), named.
    #[error("{}: {format} files are not supported; save it as .docx or PDF", path.display())]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// The format's name ("Rich Text Format (.rtf)").
        format: &'static str,
    },

    /// A file or folder named on the command line that does not exist.
    #[error("{}: no such file or folder", path.display())]
    Missing {
        /// The path.
        path: PathBuf,
    },

    /// A problem with the search index.
    #[error("index {}: {message}", path.display())]
    Index {
        /// The index directory.
        path: PathBuf,
        /// The problem, and how to fix it.
        message: String,
    },

    /// An index whose files are missing or corrupt. The reason is ours, never
    /// tantivy's debug text.
    #[error("index at {} is damaged ({reason}); rebuild it with `cvmatch index`", path.display())]
    IndexDamaged {
        /// The index directory.
        path: PathBuf,
        /// What is missing or corrupt.
        reason: String,
    },

    /// Another process holds the index's writer lock, and did not let go within
    /// the wait.
    #[error(
        "index at {} is being rebuilt by {} (waited {}); try again when it finishes",
        path.display(),
        pid.map_or_else(|| "another process".to_string(), |p| format!("pid {p}")),
        seconds(*waited)
    )]
    IndexBusy {
        /// The index directory.
        path: PathBuf,
        /// The holder, as written in the lock file (when it could be read).
        pid: Option<u32>,
        /// How long this process waited.
        waited: std::time::Duration,
    },

    /// A role source that holds no roles: nothing is indexed.
    #[error("{origin}: no roles found ({detail}); nothing was indexed")]
    NoRoles {
        /// The role source, in words.
        origin: String,
        /// Why nothing was found.
        detail: String,
    },

    /// A role file over one of the bounds in [`crate::roles::limits`].
    #[error(
        "{}{}{}: {}",
        path.display(),
        line.map_or_else(String::new, |n| format!(":{n}")),
        posting.map_or_else(String::new, |k| format!(" (posting {k})")),
        crate::roles::limits::LimitMessage { limit: *limit, max: *max, found: *found }
    )]
    RoleLimit {
        /// The role file.
        path: PathBuf,
        /// 1-based line of a JSON Lines file.
        line: Option<usize>,
        /// 1-based posting within a multi-posting line or document.
        posting: Option<usize>,
        /// The bound.
        limit: crate::roles::limits::Limit,
        /// Its value.
        max: u64,
        /// The size found, when known (a line is not read past the bound).
        found: Option<u64>,
    },

    /// A problem with how the library was asked to run (bad option values and so on).
    #[error("{0}")]
    Usage(String),
}

/// What kind of error stopped one CV, as its report row records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A file or folder that does not exist.
    Missing,
    /// A file type or format cvmatch does not read.
    Unsupported,
    /// A FIFO, device, socket or folder where a file was expected.
    NotAFile,
    /// A bound on the work for one CV other than time ([`crate::limits`]).
    Limit,
    /// The time bound for one CV.
    Timeout,
    /// An operating-system error reading it.
    Io,
    /// The file could not be read; see [`crate::extract::ExtractErrorKind`].
    Extract(crate::extract::ExtractErrorKind),
    /// The role index could not be read (damaged, or an I/O error in it).
    Index,
    /// Anything else.
    Other,
}

impl ErrorKind {
    /// The kind as written in reports (`needs-password`, `timeout`…).
    pub fn as_str(self) -> &'static str {
        use crate::extract::ExtractErrorKind as E;
        match self {
            ErrorKind::Missing => "missing",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::NotAFile => "not-a-file",
            ErrorKind::Limit => "limit",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Io => "io",
            ErrorKind::Extract(E::WrongFormat) => "wrong-format",
            ErrorKind::Extract(E::NeedsPassword) => "needs-password",
            ErrorKind::Extract(E::WrongPassword) => "wrong-password",
            ErrorKind::Extract(E::UnsupportedEncryption) => "unsupported-encryption",
            ErrorKind::Extract(E::Damaged) => "damaged",
            ErrorKind::Extract(E::TooLarge) => "too-large",
            ErrorKind::Index => "index",
            ErrorKind::Other => "other",
        }
    }
}

impl Error {
    /// What kind of error this is, for a CV's report row.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Missing { .. } => ErrorKind::Missing,
            Error::Unsupported { .. } | Error::UnsupportedFormat { .. } => ErrorKind::Unsupported,
            Error::NotAFile { .. } => ErrorKind::NotAFile,
            Error::Limit { hit, .. } if hit.bound == crate::limits::Bound::Time => {
                ErrorKind::Timeout
            }
            Error::Limit { .. } => ErrorKind::Limit,
            Error::Io { .. } => ErrorKind::Io,
            Error::Extract { kind, .. } => ErrorKind::Extract(*kind),
            Error::Index { .. } | Error::IndexDamaged { .. } => ErrorKind::Index,
            _ => ErrorKind::Other,
        }
    }

    /// The same error naming the CV at `path` as `shown` (its blind-mode
    /// name): in the error's path, and in its message wherever the path, its
    /// file name or its stem appear. Errors about other things (the index,
    /// role files, usage) are returned as they are.
    pub(crate) fn shown_as(self, path: &Path, shown: &str) -> Error {
        let p = |q: PathBuf| {
            if q == path {
                PathBuf::from(shown)
            } else {
                PathBuf::from(without_path(&q.display().to_string(), path, shown))
            }
        };
        let m = |s: String| without_path(&s, path, shown);
        match self {
            Error::Io { path: q, source } => Error::Io {
                path: p(q),
                source: std::io::Error::new(source.kind(), m(source.to_string())),
            },
            Error::Syntax {
                path: q,
                line,
                col,
                message,
            } => Error::Syntax {
                path: p(q),
                line,
                col,
                message: m(message),
            },
            Error::Invalid { path: q, message } => Error::Invalid {
                path: p(q),
                message: m(message),
            },
            Error::Extract {
                path: q,
                kind,
                message,
            } => Error::Extract {
                path: p(q),
                kind,
                message: m(message),
            },
            Error::Limit { path: q, hit } => Error::Limit { path: p(q), hit },
            Error::NotAFile { path: q, kind } => Error::NotAFile { path: p(q), kind },
            Error::Unsupported { path: q } => Error::Unsupported { path: p(q) },
            Error::UnsupportedFormat { path: q, format } => {
                Error::UnsupportedFormat { path: p(q), format }
            }
            Error::Missing { path: q } => Error::Missing { path: p(q) },
            other => other,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// Content of `path` that is not acceptable.
    pub fn invalid(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.as_ref().to_path_buf(),
            message: message.into(),
        }
    }

    /// An index failure on the index at `path`.
    pub fn index(path: impl AsRef<Path>, message: impl ToString) -> Self {
        Error::Index {
            path: path.as_ref().to_path_buf(),
            message: message.to_string(),
        }
    }

    /// A syntax error at a byte offset of `text`, converted to line and column.
    pub fn syntax_at(
        path: impl AsRef<Path>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = line_col(text, offset);
        Error::Syntax {
            path: path.as_ref().to_path_buf(),
            line,
            col,
            message: message.into(),
        }
    }

    /// The message on one line, as used in error rows and JSON `error` fields.
    pub fn one_line(&self) -> String {
        let mut s = self.to_string();
        let mut src = std::error::Error::source(self);
        while let Some(e) = src {
            let m = e.to_string();
            if !s.contains(&m) {
                s.push_str(": ");
                s.push_str(&m);
            }
            src = e.source();
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A duration in seconds as people write it: `60 s`, `0.2 s`.
pub fn seconds(d: std::time::Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut cut = offset;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// A message about `path` with the path, its file name and its stem replaced
/// by the name shown for it (blind mode).
pub(crate) fn without_path(msg: &str, path: &Path, shown: &str) -> String {
    let mut out = msg.replace(&path.display().to_string(), shown);
    for part in [path.file_name(), path.file_stem()].into_iter().flatten() {
        let part = part.to_string_lossy();
        if part.chars().count() >= 3 {
            out = out.replace(part.as_ref(), shown);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let t = "ab\ncdé\nf";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 7), (2, 4));
        assert_eq!(line_col(t, 999), (3, 2));
    }

    #[test]
    fn messages_name_the_file() {
        let e = Error::io(
            "cvs/a.pdf",
            std::io::Error::new(std::io::ErrorKind::NotFound, "No such file"),
        );
        assert_eq!(e.one_line(), "cvs/a.pdf: No such file");
        let e = Error::syntax_at("r.toml", "a = 1\nb = ", 9, "expected a value");
        assert_eq!(e.to_string(), "r.toml:2:4: expected a value");
    }
}
