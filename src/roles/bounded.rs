//! Bounded reading of role files: a byte budget for a whole load (after
//! decompression), whole files up to a size, and lines up to a length read
//! without ever holding more than the bound. The bounds are in
//! [`super::limits`].

use std::io::{self, BufRead, Read};
use std::path::Path;

use super::limits::Limit;
use crate::error::{Error, Result};

/// A reader that takes what it reads from a load's byte budget and fails once
/// the budget is spent and more input remains (so a gzip bomb is decompressed
/// only up to the budget).
pub(super) struct Budgeted<'a, R> {
    inner: R,
    left: &'a mut u64,
    /// Set when the input went past the budget.
    over: bool,
}

impl<'a, R: Read> Budgeted<'a, R> {
    pub(super) fn new(inner: R, left: &'a mut u64) -> Self {
        Budgeted {
            inner,
            left,
            over: false,
        }
    }

    /// Whether reading stopped because the budget ran out.
    pub(super) fn over(&self) -> bool {
        self.over
    }
}

impl<R: Read> Read for Budgeted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if *self.left == 0 {
            // Spent: end of input is fine, anything more is over the bound.
            let mut probe = [0u8; 1];
            let n = loop {
                match self.inner.read(&mut probe) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            if n == 0 {
                return Ok(0);
            }
            self.over = true;
            return Err(io::Error::other("over the decompressed role bytes limit"));
        }
        let cap = buf
            .len()
            .min(usize::try_from(*self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        *self.left -= n as u64;
        Ok(n)
    }
}

/// The [`Error::RoleLimit`] for a whole-file or load bound.
pub(super) fn limit_error(path: &Path, limit: Limit, max: u64, found: Option<u64>) -> Error {
    Error::RoleLimit {
        path: path.to_path_buf(),
        line: None,
        posting: None,
        limit,
        max,
        found,
    }
}

/// Reads a whole UTF-8 file of at most `max` bytes (`limit` names the bound),
/// taking its size from `budget`.
pub(super) fn read_text(path: &Path, max: u64, limit: Limit, budget: &mut u64) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len > max {
        return Err(limit_error(path, limit, max, Some(len)));
    }
    let total_max = *budget;
    let mut r = Budgeted::new(file, budget).take(max + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    if let Err(e) = r.read_to_end(&mut bytes) {
        return Err(if r.get_ref().over() {
            limit_error(path, Limit::TotalBytes, total_max, None)
        } else {
            Error::io(path, e)
        });
    }
    if bytes.len() as u64 > max {
        // The file grew while it was read.
        return Err(limit_error(path, limit, max, None));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e.utf8_error()))
}

/// [`read_text`] for a file already held in memory: `bytes` must be at most
/// `max` bytes (`limit` names the bound) and UTF-8; their size is taken from
/// `budget`.
pub(super) fn text_of<'b>(
    bytes: &'b [u8],
    path: &Path,
    max: u64,
    limit: Limit,
    budget: &mut u64,
) -> Result<&'b str> {
    let len = bytes.len() as u64;
    if len > max {
        return Err(limit_error(path, limit, max, Some(len)));
    }
    if len > *budget {
        return Err(limit_error(path, Limit::TotalBytes, *budget, None));
    }
    *budget -= len;
    std::str::from_utf8(bytes).map_err(|e| not_utf8(path, e))
}

/// The error for a role file that is not UTF-8.
fn not_utf8(path: &Path, e: std::str::Utf8Error) -> Error {
    Error::invalid(
        path,
        format!("not valid UTF-8 (at byte {})", e.valid_up_to()),
    )
}

/// What [`LineReader::next_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line {
    /// A line (1-based number) is in the buffer, without its `\n` or `\r\n`.
    Text(usize),
    /// The line with this number is longer than the bound; it was not read
    /// past the bound.
    TooLong(usize),
    /// End of input.
    End,
}

/// Splits input into lines of at most `max` bytes, never buffering more than
/// that (unlike `read_line`, which grows its string to the line's length).
pub(super) struct LineReader<R> {
    inner: R,
    max: u64,
    line_no: usize,
}

impl<R: BufRead> LineReader<R> {
    pub(super) fn new(inner: R, max: u64) -> Self {
        LineReader {
            inner,
            max,
            line_no: 0,
        }
    }

    pub(super) fn get_ref(&self) -> &R {
        &self.inner
    }

    /// Reads the next line into `buf` (cleared first).
    pub(super) fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Line> {
        buf.clear();
        let mut started = false;
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                if !started {
                    return Ok(Line::End);
                }
                self.line_no += 1;
                return Ok(Line::Text(self.line_no));
            }
            started = true;
            let newline = avail.iter().position(|&b| b == b'\n');
            let take = newline.unwrap_or(avail.len());
            if (buf.len() + take) as u64 > self.max {
                self.line_no += 1;
                return Ok(Line::TooLong(self.line_no));
            }
            buf.extend_from_slice(&avail[..take]);
            self.inner.consume(take + usize::from(newline.is_some()));
            if newline.is_some() {
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                self.line_no += 1;
                return Ok(Line::Text(self.line_no));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<(Line, String)> {
        let mut r = LineReader::new(io::BufReader::with_capacity(4, input), max);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            let l = r.next_line(&mut buf).unwrap();
            let stop = matches!(l, Line::End | Line::TooLong(_));
            out.push((l, String::from_utf8_lossy(&buf).into_owned()));
            if stop {
                return out;
            }
        }
    }

    #[test]
    fn lines_split_like_str_lines() {
        let got = lines(b"ab\r\n\ncdef\ngh", 10);
        let want = [
            (Line::Text(1), "ab"),
            (Line::Text(2), ""),
            (Line::Text(3), "cdef"),
            (Line::Text(4), "gh"),
            (Line::End, ""),
        ];
        assert_eq!(got.len(), want.len());
        for ((l, t), (wl, wt)) in got.iter().zip(want) {
            assert_eq!((l, t.as_str()), (&wl, wt));
        }
    }

    #[test]
    fn a_long_line_is_refused_without_reading_it_all() {
        let got = lines(b"ok\n0123456789abcdef\nnever", 8);
        assert_eq!(got[0].0, Line::Text(1));
        assert_eq!(got[1].0, Line::TooLong(2));
        assert!(got[1].1.len() <= 8, "buffered {} bytes", got[1].1.len());
        // A line of exactly the bound is fine.
        assert_eq!(lines(b"12345678", 8)[0].0, Line::Text(1));
    }

    #[test]
    fn the_budget_stops_reading_when_more_input_remains() {
        let mut left = 5u64;
        let mut r = Budgeted::new(&b"0123456789"[..], &mut left);
        let mut out = Vec::new();
        assert!(r.read_to_end(&mut out).is_err());
        assert!(r.over());
        assert_eq!(out, b"01234");
        // Input that ends exactly at the budget is fine.
        let mut left = 5u64;
        let mut r = Budgeted::new(&b"01234"[..], &mut left);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert!(!r.over());
        assert_eq!(left, 0);
    }
}
