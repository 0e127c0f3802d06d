//! The extraction cache (`--cache DIR`): extracted documents kept on disk, keyed
//! by a SHA-256 of the file's content, so a re-run skips extraction.
//!
//! Off unless asked for. **It holds personal data**: the full text of every CV
//! read with it, in plain JSON. Entries are created readable by their owner only
//! (0600, folders 0700), and [`clear`] (`cvmatch cache clear DIR`) empties it.
//!
//! The key covers everything extraction depends on: the file's bytes and kind,
//! the password given (hashed into the key, never stored), the limits on the
//! work (but not the time limit: a document that timed out is an error, and
//! errors are never cached), and the extractor itself — `build.rs` fingerprints
//! every source file of `src/extract`, so a changed extractor never reads
//! entries made by another.
//!
//! Layout: `DIR/CACHEDIR.TAG` (the [cache directory tag] that backup tools
//! skip, naming cvmatch), and `DIR/extract-v1/ab/cdef….json`, one entry per
//! document, named by its key. A folder that holds other files and no tag of
//! ours is refused, and [`clear`] removes only entries, so a mistyped
//! `--cache ~` can neither fill nor empty a home folder.
//!
//! A damaged or foreign entry is a miss; a failed write leaves the document
//! uncached. Neither fails the CV.
//!
//! [cache directory tag]: https://bford.info/cachedir/

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Document, ExtractOptions};
use crate::error::{Error, Result};

/// The tag file that marks a folder as a cvmatch cache.
const TAG_FILE: &str = "CACHEDIR.TAG";

/// The tag's text: the standard signature, then a line naming cvmatch.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by cvmatch (--cache).\n\
# It holds the extracted text of CVs: personal data. `cvmatch cache clear DIR` empties it.\n";

/// The line of the tag [`TAG`] that says the folder is ours.
const TAG_OWNER: &str = "created by cvmatch";

/// The folder of extraction entries; its number changes with the entry format.
const ENTRIES: &str = "extract-v1";

/// Largest entry read back (64 MiB): a document within the default limits
/// (2 M characters) takes a few MiB as JSON, so anything larger was not
/// written by cvmatch and is not read.
pub const MAX_ENTRY_BYTES: u64 = 64 << 20;

/// The extractor's fingerprint from `build.rs`.
const EXTRACTOR: &str = env!("CVMATCH_EXTRACTOR");

/// An extraction cache in a folder. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

/// One stored entry: its key (checked on reading) and the document.
#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    doc: Document,
}

/// What a cache folder holds, or what [`clear`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Entries (documents).
    pub entries: u64,
    /// Their size on disk, in bytes.
    pub bytes: u64,
}

impl Cache {
    /// Opens the cache in `dir`, creating the folder (owner-only) and its tag
    /// when needed. Fails when `dir` cannot be created or written, and when it is
    /// a folder with other files in it and no cvmatch tag.
    pub fn open(dir: &Path) -> Result<Cache> {
        if dir.exists() {
            if !dir.is_dir() {
                return Err(Error::invalid(dir, "--cache needs a folder, not a file"));
            }
            if !is_ours(dir) {
                let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
                if entries.next().is_some() {
                    return Err(Error::invalid(
                        dir,
                        "not a cvmatch cache (it holds other files and no CACHEDIR.TAG \
                         from cvmatch); choose a new or empty folder",
                    ));
                }
            }
        } else {
            private_dir(dir)?;
        }
        let tag = dir.join(TAG_FILE);
        if !is_ours(dir) {
            write_private(&tag, TAG.as_bytes()).map_err(|e| Error::io(&tag, e))?;
        }
        private_dir(&dir.join(ENTRIES))?;
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The document stored under `key`, if any (a damaged entry, or one larger
    /// than [`MAX_ENTRY_BYTES`], is a miss).
    pub fn get(&self, key: &str) -> Option<Document> {
        let path = self.entry_path(key);
        if fs::metadata(&path).ok()?.len() > MAX_ENTRY_BYTES {
            return None;
        }
        let bytes = fs::read(path).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        (entry.key == key).then_some(entry.doc)
    }

    /// Stores `doc` under `key`, atomically (a temporary file renamed into
    /// place), readable by the owner only.
    pub fn put(&self, key: &str, doc: &Document) -> std::io::Result<()> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let path = self.entry_path(key);
        let folder = path.parent().expect("entries live in a folder");
        if !folder.is_dir() {
            private_dir(folder).map_err(std::io::Error::other)?;
        }
        let entry = Entry {
            key: key.to_string(),
            doc: doc.clone(),
        };
        let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let tmp = folder.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let written = write_private(&tmp, &json).and_then(|()| fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }

    /// Where the entry of `key` lives: `extract-v1/<first two>/<rest>.json`.
    fn entry_path(&self, key: &str) -> PathBuf {
        let (head, rest) = key.split_at(2.min(key.len()));
        self.dir
            .join(ENTRIES)
            .join(head)
            .join(format!("{rest}.json"))
    }
}

/// The cache key of a document: a SHA-256 over the extractor's fingerprint, the
/// file kind, the password (if any), the limits other than time, and the bytes.
pub(crate) fn key(kind: &str, bytes: &[u8], opts: &ExtractOptions) -> String {
    let mut h = Sha256::new();
    h.update(b"cvmatch-extract\0");
    h.update(EXTRACTOR.as_bytes());
    h.update(b"\0");
    h.update(kind.as_bytes());
    h.update(b"\0");
    match &opts.password {
        Some(p) => {
            h.update(b"p");
            h.update((p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        None => h.update(b"-"),
    }
    let l = &opts.limits;
    for n in [
        l.pdf_bytes,
        l.docx_bytes,
        l.txt_bytes,
        l.pages as u64,
        l.chars as u64,
        l.glyphs_per_page as u64,
        l.decompressed_bytes,
    ] {
        h.update(n.to_le_bytes());
    }
    h.update(bytes);
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// Whether `dir` holds a cvmatch cache tag.
fn is_ours(dir: &Path) -> bool {
    fs::read_to_string(dir.join(TAG_FILE)).is_ok_and(|t| t.contains(TAG_OWNER))
}

/// Whether `name` is an entry's file name (62 hex digits and `.json`) or a
/// temporary file a write left behind.
fn is_entry_name(name: &str) -> bool {
    if name.starts_with(".tmp-") {
        return true;
    }
    name.strip_suffix(".json")
        .is_some_and(|h| h.len() == 62 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Walks the entries of the cache in `dir`, calling `f` on each entry file
/// with its size; `dir` must be ours.
fn walk_entries(dir: &Path, mut f: impl FnMut(&Path, u64) -> Result<()>) -> Result<()> {
    let root = dir.join(ENTRIES);
    let Ok(folders) = fs::read_dir(&root) else {
        return Ok(());
    };
    let mut folders: Vec<PathBuf> = folders.flatten().map(|e| e.path()).collect();
    folders.sort();
    for folder in folders {
        let two_hex = folder
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()));
        if !two_hex || !folder.is_dir() {
            continue;
        }
        let files = fs::read_dir(&folder).map_err(|e| Error::io(&folder, e))?;
        for file in files.flatten() {
            let path = file.path();
            let name_ok = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_entry_name);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if name_ok && meta.is_file() {
                f(&path, meta.len())?;
            }
        }
    }
    Ok(())
}

/// Refuses a folder that is not a cvmatch cache.
fn check_ours(dir: &Path) -> Result<()> {
    if is_ours(dir) {
        Ok(())
    } else {
        Err(Error::invalid(
            dir,
            "not a cvmatch cache (no CACHEDIR.TAG from cvmatch); nothing touched",
        ))
    }
}

/// What the cache in `dir` holds. A missing folder holds nothing.
pub fn usage(dir: &Path) -> Result<Usage> {
    if !dir.exists() {
        return Ok(Usage::default());
    }
    check_ours(dir)?;
    let mut usage = Usage::default();
    walk_entries(dir, |_, len| {
        usage.entries += 1;
        usage.bytes += len;
        Ok(())
    })?;
    Ok(usage)
}

/// Empties the cache in `dir`: removes every entry (and empty entry folders),
/// keeping the folder and its tag. A missing folder is already empty; a folder
/// that is not a cvmatch cache is refused and left untouched. Returns what
/// was removed.
pub fn clear(dir: &Path) -> Result<Usage> {
    if !dir.exists() {
        return Ok(Usage::default());
    }
    check_ours(dir)?;
    let mut removed = Usage::default();
    walk_entries(dir, |path, len| {
        fs::remove_file(path).map_err(|e| Error::io(path, e))?;
        removed.entries += 1;
        removed.bytes += len;
        Ok(())
    })?;
    if let Ok(folders) = fs::read_dir(dir.join(ENTRIES)) {
        for folder in folders.flatten() {
            // Only empty folders go; anything else stays.
            let _ = fs::remove_dir(folder.path());
        }
    }
    Ok(removed)
}

/// Creates `dir` (and its parents), owner-only where the platform allows.
fn private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| Error::io(dir, e))
}

/// Writes `bytes` to a new file at `path`, readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_data().or(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_plain_text(text)
    }

    #[test]
    fn entries_round_trip_and_keys_separate_inputs() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::open(&tmp.path().join("c")).unwrap();
        let opts = ExtractOptions::default();
        let k1 = key("txt", b"Jane Doe\nNurse", &opts);
        assert_eq!(cache.get(&k1), None);
        let d = doc("Jane Doe\nNurse");
        cache.put(&k1, &d).unwrap();
        assert_eq!(cache.get(&k1), Some(d));
        // Another content, kind, password or limit is another key.
        let with_pw = ExtractOptions {
            password: Some("x".into()),
            ..ExtractOptions::default()
        };
        let mut fewer_pages = ExtractOptions::default();
        fewer_pages.limits.pages = 3;
        let mut shorter = ExtractOptions::default();
        shorter.limits.time = std::time::Duration::from_secs(1);
        let others = [
            key("txt", b"Jane Doe\nNurse.", &opts),
            key("pdf", b"Jane Doe\nNurse", &opts),
            key("txt", b"Jane Doe\nNurse", &with_pw),
            key("txt", b"Jane Doe\nNurse", &fewer_pages),
        ];
        for k in &others {
            assert_ne!(k, &k1);
            assert_eq!(cache.get(k), None);
        }
        // The time limit does not change what extraction gives.
        assert_eq!(key("txt", b"Jane Doe\nNurse", &shorter), k1);
        assert_eq!(usage(cache.dir()).unwrap().entries, 1);
    }

    #[test]
    fn damaged_or_moved_entries_are_misses() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::open(tmp.path()).unwrap();
        let opts = ExtractOptions::default();
        let k = key("txt", b"a", &opts);
        cache.put(&k, &doc("a")).unwrap();
        let path = cache.entry_path(&k);
        // An entry copied under another key's name is not read as that key.
        let k2 = key("txt", b"b", &opts);
        fs::create_dir_all(cache.entry_path(&k2).parent().unwrap()).unwrap();
        fs::copy(&path, cache.entry_path(&k2)).unwrap();
        assert_eq!(cache.get(&k2), None);
        fs::write(&path, b"{\"key\": 1").unwrap();
        assert_eq!(cache.get(&k), None);
        // An entry grown past the bound is not read, though it is valid JSON
        // (trailing white space).
        cache.put(&k, &doc("a")).unwrap();
        let mut json = fs::read(&path).unwrap();
        json.resize(MAX_ENTRY_BYTES as usize, b' ');
        fs::write(&path, &json).unwrap();
        assert!(cache.get(&k).is_some(), "at the bound it is read");
        json.push(b' ');
        fs::write(&path, &json).unwrap();
        assert_eq!(cache.get(&k), None);
    }

    #[test]
    fn foreign_folders_are_neither_filled_nor_emptied() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("thesis.txt"), b"mine").unwrap();
        assert!(Cache::open(tmp.path()).is_err());
        assert!(clear(tmp.path()).is_err());
        assert!(tmp.path().join("thesis.txt").exists());
        assert!(!tmp.path().join(TAG_FILE).exists());
        // A missing folder is an empty cache.
        assert_eq!(clear(&tmp.path().join("none")).unwrap(), Usage::default());
    }

    #[test]
    fn clear_removes_entries_only() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::open(tmp.path()).unwrap();
        let opts = ExtractOptions::default();
        for t in ["a", "b", "c"] {
            cache
                .put(&key("txt", t.as_bytes(), &opts), &doc(t))
                .unwrap();
        }
        // A file of the user's that strayed into the cache stays.
        let stray = tmp.path().join(ENTRIES).join("notes.txt");
        fs::write(&stray, b"keep").unwrap();
        let before = usage(tmp.path()).unwrap();
        assert_eq!(before.entries, 3);
        assert_eq!(clear(tmp.path()).unwrap(), before);
        assert_eq!(usage(tmp.path()).unwrap(), Usage::default());
        assert!(stray.exists());
        assert!(is_ours(tmp.path()));
        // The cache still works after clearing.
        let k = key("txt", b"a", &opts);
        cache.put(&k, &doc("a")).unwrap();
        assert!(cache.get(&k).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn entries_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let cache = Cache::open(&dir).unwrap();
        let k = key("txt", b"a", &ExtractOptions::default());
        cache.put(&k, &doc("a")).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&cache.entry_path(&k)), 0o600);
        assert_eq!(mode(cache.entry_path(&k).parent().unwrap()), 0o700);
    }
}
