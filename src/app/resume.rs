//! `batch --resume`: what an earlier, stopped run of the same batch already
//! wrote to its JSON Lines report.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{Error, Result};

/// The CVs a JSON Lines report already holds.
#[derive(Debug, Default)]
pub struct Done {
    /// The `cv` of every complete line.
    pub cvs: HashSet<String>,
    /// Complete lines.
    pub lines: usize,
    /// Lines that are error rows.
    pub errors: usize,
}

/// Reads the report at `path`, dropping a partial last line (left by a run
/// that was killed while writing it) so that its CV is done again. A missing
/// file is an empty report. A complete line that is not a report row is an
/// error: the file is not this batch's report, and appending to it would mix
/// two files.
pub fn read_done(path: &Path) -> Result<Done> {
    let mut file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Done::default()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if complete < bytes.len() {
        file.set_len(complete as u64)
            .and_then(|()| file.seek(SeekFrom::End(0)).map(|_| ()))
            .map_err(|e| Error::io(path, e))?;
    }
    let mut done = Done::default();
    for (n, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let row: serde_json::Value = serde_json::from_slice(line).map_err(|e| Error::Syntax {
            path: path.to_path_buf(),
            line: n + 1,
            col: e.column(),
            message: format!("not a batch report line ({e}); --resume appends only to a JSON Lines report of cvmatch batch"),
        })?;
        let Some(cv) = row.get("cv").and_then(|c| c.as_str()) else {
            return Err(Error::Syntax {
                path: path.to_path_buf(),
                line: n + 1,
                col: 1,
                message: "a JSON line without `cv`; --resume appends only to a JSON Lines report of cvmatch batch".into(),
            });
        };
        if row.get("error").is_some() {
            done.errors += 1;
        }
        done.cvs.insert(cv.to_string());
        done.lines += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_last_line_is_dropped_and_done_again() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        std::fs::write(
            &p,
            "{\"cv\":\"a.pdf\",\"matches\":[]}\n{\"cv\":\"b.pdf\",\"error\":\"b.pdf: damaged\"}\n{\"cv\":\"c.p",
        )
        .unwrap();
        let d = read_done(&p).unwrap();
        assert_eq!(d.lines, 2);
        assert_eq!(d.errors, 1);
        assert!(d.cvs.contains("a.pdf") && d.cvs.contains("b.pdf"));
        assert!(!d.cvs.iter().any(|c| c.starts_with('c')));
        // The partial line is gone from the file.
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .ends_with("damaged\"}\n")
        );
    }

    #[test]
    fn a_missing_file_starts_afresh_and_a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = read_done(&dir.path().join("none.jsonl")).unwrap();
        assert_eq!(d.lines, 0);
        let p = dir.path().join("notes.jsonl");
        std::fs::write(&p, "hello\n").unwrap();
        let e = read_done(&p).unwrap_err().to_string();
        assert!(
            e.contains("notes.jsonl:1:") && e.contains("--resume"),
            "{e}"
        );
    }
}
