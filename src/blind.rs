//! Blind mode's names for CV files: `candidate-NNN`.
//!
//! A file name often holds the candidate's name ("AmaraOkaforCV.pdf",
//! "Amara Okafor/cv.pdf"), and a hash of the path can be reversed by guessing the
//! name. So in blind mode every CV is shown as `candidate-NNN`, where NNN is its
//! place in a random order of the run's files: the files are sorted by a keyed
//! hash (SipHash through [`std::collections::hash_map::RandomState`], whose key
//! comes from the operating system's random source and differs in every run), then
//! numbered from 1. Nothing of the file name or path appears in the name; the
//! same file has the same name throughout one run and, almost surely, another
//! name in the next. [`Pseudonyms::write_key`] writes the mapping back to the
//! paths for the panel's administrator, to a file only its owner can read.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The blind names of one run's CV files.
#[derive(Debug)]
pub struct Pseudonyms {
    names: HashMap<PathBuf, String>,
    /// Names given later to paths not in the run's list, in order of asking.
    late: Mutex<Vec<(PathBuf, String)>>,
    count: usize,
    width: usize,
}

impl Pseudonyms {
    /// Names for `files` (the run's CVs), numbered in an order drawn at random
    /// for this run.
    pub fn new(files: &[PathBuf]) -> Pseudonyms {
        Pseudonyms::with_hasher(files, &std::collections::hash_map::RandomState::new())
    }

    /// Names for `files`, numbered in the order of their hashes under `key`
    /// (tests give a fixed key; [`Pseudonyms::new`] a random one).
    pub fn with_hasher(files: &[PathBuf], key: &impl BuildHasher) -> Pseudonyms {
        let mut order: Vec<(u64, &PathBuf)> = files.iter().map(|f| (key.hash_one(f), f)).collect();
        order.sort();
        order.dedup_by(|a, b| a.1 == b.1);
        let width = digits(order.len()).max(3);
        let names = order
            .iter()
            .enumerate()
            .map(|(i, (_, f))| ((*f).clone(), format!("candidate-{:0width$}", i + 1)))
            .collect();
        Pseudonyms {
            names,
            late: Mutex::new(Vec::new()),
            count: order.len(),
            width,
        }
    }

    /// The name shown for `path`: its number in this run, or, for a path not in
    /// the run's list, the next free number (kept for the rest of the run).
    pub fn name(&self, path: &Path) -> String {
        if let Some(n) = self.names.get(path) {
            return n.clone();
        }
        let mut late = self.late.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, n)) = late.iter().find(|(p, _)| p == path) {
            return n.clone();
        }
        let n = format!(
            "candidate-{:0w$}",
            self.count + late.len() + 1,
            w = self.width
        );
        late.push((path.to_path_buf(), n.clone()));
        n
    }

    /// Every (name, path), by name.
    pub fn mapping(&self) -> Vec<(String, PathBuf)> {
        let late = self.late.lock().unwrap_or_else(|e| e.into_inner());
        let mut v: Vec<(String, PathBuf)> = self
            .names
            .iter()
            .map(|(p, n)| (n.clone(), p.clone()))
            .chain(late.iter().map(|(p, n)| (n.clone(), p.clone())))
            .collect();
        v.sort();
        v
    }

    /// Writes the mapping from names to paths as JSON
    /// (`{"version": "1", "candidates": [{"candidate": …, "path": …}, …]}`) to
    /// `file`, readable and writable by its owner only (mode 0600 on Unix). The
    /// file is written whole under a temporary name and then renamed, so it is
    /// never seen half-written or with wider permissions.
    pub fn write_key(&self, file: &Path) -> Result<()> {
        let candidates: Vec<serde_json::Value> = self
            .mapping()
            .into_iter()
            .map(|(n, p)| serde_json::json!({"candidate": n, "path": p.to_string_lossy()}))
            .collect();
        let doc = serde_json::json!({
            "version": crate::OUTPUT_VERSION,
            "candidates": candidates,
        });
        let dir = file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = file
            .file_name()
            .map_or_else(|| "blind-key".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = private_file(&tmp).and_then(|mut f| {
            f.write_all(doc.to_string().as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()
        });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(file, e));
        }
        std::fs::rename(&tmp, file).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(file, e)
        })
    }
}

/// A new file that only its owner may read (0600 on Unix).
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

fn digits(n: usize) -> usize {
    n.to_string().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasherDefault, DefaultHasher};

    fn files(n: usize) -> Vec<PathBuf> {
        (0..n)
            .map(|i| PathBuf::from(format!("cvs/Person {i}/AmaraOkafor{i}CV.pdf")))
            .collect()
    }

    #[test]
    fn names_hold_nothing_of_the_path_and_are_stable_in_a_run() {
        let f = files(12);
        let p = Pseudonyms::new(&f);
        let mut seen: Vec<String> = f.iter().map(|x| p.name(x)).collect();
        for (x, n) in f.iter().zip(&seen) {
            assert_eq!(&p.name(x), n, "stable");
            let digits = n.strip_prefix("candidate-").unwrap();
            assert!(
                digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()),
                "{n}"
            );
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 12, "no two files share a name");
        assert_eq!(seen[0], "candidate-001");
        assert_eq!(seen[11], "candidate-012");
        // More than 999 files: wider numbers, still all distinct.
        let p = Pseudonyms::new(&files(1200));
        assert_eq!(p.name(&files(1200)[0]).len(), "candidate-0000".len());
    }

    #[test]
    fn the_order_depends_on_the_key_not_the_path() {
        // Under two fixed keys the same files get different numbers: the number
        // is not a function of the path alone.
        let f = files(40);
        let fixed = Pseudonyms::with_hasher(&f, &BuildHasherDefault::<DefaultHasher>::default());
        let a: Vec<String> = f.iter().map(|x| fixed.name(x)).collect();
        let again = Pseudonyms::with_hasher(&f, &BuildHasherDefault::<DefaultHasher>::default());
        assert_eq!(a, f.iter().map(|x| again.name(x)).collect::<Vec<_>>());
        // Random keys: some run numbers the files differently (40! orders; five
        // identical runs in a row would mean the key is not random).
        let differs = (0..5).any(|_| {
            let r = Pseudonyms::new(&f);
            f.iter().map(|x| r.name(x)).collect::<Vec<_>>() != a
        });
        assert!(differs);
        // Nor is it the input order.
        let sorted: Vec<String> = (1..=40).map(|i| format!("candidate-{i:03}")).collect();
        let runs_in_input_order = (0..5).all(|_| {
            let r = Pseudonyms::new(&f);
            f.iter().map(|x| r.name(x)).collect::<Vec<_>>() == sorted
        });
        assert!(!runs_in_input_order);
    }

    #[test]
    fn unknown_paths_get_the_next_numbers() {
        let f = files(3);
        let p = Pseudonyms::new(&f);
        let other = Path::new("elsewhere/Jo Example.pdf");
        assert_eq!(p.name(other), "candidate-004");
        assert_eq!(p.name(other), "candidate-004");
        assert_eq!(p.name(Path::new("x.pdf")), "candidate-005");
        assert_eq!(p.mapping().len(), 5);
    }

    #[test]
    fn the_key_file_maps_names_to_paths_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(3);
        let p = Pseudonyms::new(&f);
        let key = dir.path().join("key.json");
        p.write_key(&key).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
        let rows = v["candidates"].as_array().unwrap();
        assert_eq!(rows.len(), 3);
        for r in rows {
            let path = PathBuf::from(r["path"].as_str().unwrap());
            assert_eq!(p.name(&path), r["candidate"].as_str().unwrap());
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        // Written again over an existing, world-readable file: private again.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
            p.write_key(&key).unwrap();
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        // No temporary file left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let e = p
            .write_key(&dir.path().join("missing/key.json"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing/key.json"), "{e}");
    }
}
