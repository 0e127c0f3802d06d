//! The tantivy index of roles, built atomically and opened for matching.
//!
//! **Layout.** An index directory holds generations: `gen-<n>/` is a complete
//! tantivy index plus a `manifest.json`, and the small file `CURRENT` names the live
//! generation. [`build`] writes a new generation in a temporary directory (removed
//! on any failure), renames it into place, then replaces `CURRENT` by an atomic
//! rename, so a reader always sees either the old index or the new one, never half
//! of one.
//!
//! **Writers.** Every build holds [`WriterLock`], an OS advisory lock on
//! `DIR/.writer.lock` (which holds the writer's pid), for its whole run; a second
//! writer waits (up to [`DEFAULT_LOCK_WAIT`] by default) or fails with
//! [`Error::IndexBusy`] ("index at DIR is being rebuilt by pid N"). Under the
//! lock, clean-up re-reads `CURRENT` and keeps the generation it names and the
//! one it named before (which a reader may just have opened); it removes the
//! other generations and what writers that died left behind. An empty role set is
//! refused before anything is written ([`Error::NoRoles`]).
//!
//! **Readers** need no write access: a generation is never written after it is
//! built, so it is opened through a read-only tantivy directory that takes no
//! lock file, and its files are made 0644 (tantivy writes some 0600) before it is
//! renamed into place. A missing or corrupt file is [`Error::IndexDamaged`]
//! ("index at DIR is damaged (reason); rebuild it with `cvmatch index`"), in our
//! words rather than tantivy's debug text.
//!
//! **Schema.** `id` (raw, stored), `title`, `body` (summary, description,
//! responsibilities), `criteria` (the person specification) and `skills`, each
//! analysed by the shared [`crate::text`] analyser; `role` stores the whole
//! [`crate::roles::Role`] as JSON, so output never needs the original files; `ord` keeps the
//! load order.
//!
//! **Freshness.** The manifest records where the roles came from and a fingerprint
//! of them (file paths, sizes and modification times, or the embedded samples'
//! content) together with the analyser version. [`RoleIndex::is_fresh_for`] tells
//! the matcher whether the default index must be rebuilt.
//!
//! Role text is not CV text: the index never holds anything from a CV.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::roles::{self, Role};
use crate::text::{self, Fnv};

/// Bumped whenever the schema, the analyser or what a stored role holds
/// changes meaning, so old indexes are rebuilt rather than misread. 3: roles
/// hold the advert's dates, url, places and salary period, which filters read.
/// 4: each advert's closing date is also a fast field, so an index opens
/// without reading its stored roles.
pub const INDEX_FORMAT: u32 = 4;

const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "manifest.json";

/// Where the indexed roles came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RoleSource {
    /// The sample roles compiled into the binary.
    Embedded,
    /// Role files and folders on disk.
    Paths {
        /// The files and folders, absolute.
        paths: Vec<PathBuf>,
    },
}

impl RoleSource {
    /// Loads the roles this source names.
    pub fn load(&self) -> Result<Vec<Role>> {
        self.load_with(&roles::limits::Limits::default())
    }

    /// Like [`load`](Self::load), within `limits` (the embedded samples are
    /// small and not bounded).
    pub fn load_with(&self, limits: &roles::limits::Limits) -> Result<Vec<Role>> {
        match self {
            RoleSource::Embedded => roles::embedded(),
            RoleSource::Paths { paths } => roles::load_paths_with(paths, limits),
        }
    }

    /// The source in words, for messages.
    pub fn describe(&self) -> String {
        match self {
            RoleSource::Embedded => "the built-in sample roles".into(),
            RoleSource::Paths { paths } => paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// A fingerprint of the roles as they are now: content for the embedded
    /// samples; path, size and modification time of every role file otherwise.
    pub fn fingerprint(&self) -> Result<u64> {
        let mut h = Fnv::new();
        h.write(&INDEX_FORMAT.to_le_bytes());
        match self {
            RoleSource::Embedded => h.write(&roles::embedded_fingerprint().to_le_bytes()),
            RoleSource::Paths { paths } => {
                for p in paths {
                    let mut files = Vec::new();
                    let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
                    if meta.is_dir() {
                        for entry in walkdir::WalkDir::new(p).follow_links(true) {
                            let entry = entry.map_err(|e| {
                                let path = e.path().unwrap_or(p).to_path_buf();
                                Error::io(&path, e.into())
                            })?;
                            if entry.file_type().is_file() && roles::is_role_file(entry.path()) {
                                files.push(entry.into_path());
                            }
                        }
                        files.sort();
                    } else {
                        files.push(p.clone());
                    }
                    for f in files {
                        let m = std::fs::metadata(&f).map_err(|e| Error::io(&f, e))?;
                        h.write(f.to_string_lossy().as_bytes());
                        h.write(&m.len().to_le_bytes());
                        let mtime = m
                            .modified()
                            .ok()
                            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                            .map_or(0, |d| d.as_nanos());
                        h.write(&mtime.to_le_bytes());
                    }
                }
            }
        }
        Ok(h.finish())
    }
}

/// What `manifest.json` records about a generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The index format ([`INDEX_FORMAT`]) it was written in.
    pub format: u32,
    /// The cvmatch version that built it.
    pub cvmatch_version: String,
    /// Seconds since the Unix epoch when the generation was built.
    pub built_at: u64,
    /// Where the roles came from.
    pub source: RoleSource,
    /// Fingerprint of the roles when they were indexed (hex).
    pub fingerprint: String,
    /// How many roles it holds.
    pub roles: usize,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    ord: Field,
    title: Field,
    body: Field,
    criteria: Field,
    skills: Field,
    role: Field,
    /// The advert's closing date (`validThrough`) as `yyyymmdd`; 0 for none.
    closes: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(text::TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        ord: b.add_u64_field("ord", INDEXED | STORED | FAST),
        title: b.add_text_field("title", analysed.clone()),
        body: b.add_text_field("body", analysed.clone()),
        criteria: b.add_text_field("criteria", analysed.clone()),
        skills: b.add_text_field("skills", analysed),
        role: b.add_text_field("role", STORED),
        closes: b.add_u64_field("closes", FAST),
    };
    (b.build(), fields)
}

/// The searchable fields, for queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    /// The role title.
    Title,
    /// Summary, description and responsibilities.
    Body,
    /// Person-specification criteria.
    Criteria,
    /// The skills list.
    Skills,
}

impl SearchField {
    /// Every searched field.
    pub const ALL: [SearchField; 4] = [
        SearchField::Title,
        SearchField::Body,
        SearchField::Criteria,
        SearchField::Skills,
    ];
}

/// How long a build waits for another process's build of the same index
/// before giving up with [`Error::IndexBusy`].
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(60);

/// The writer lock file in an index directory (never inside a generation, so
/// readers never touch it).
pub const LOCK_FILE: &str = ".writer.lock";

/// How often a waiting build tries the lock again.
const LOCK_POLL: Duration = Duration::from_millis(50);

/// The exclusive right to write the index in one directory: an OS advisory
/// lock (`flock`) on `DIR/.writer.lock`, which holds the holder's pid. The
/// lock goes when the value is dropped, or when the process dies however it
/// dies; the file stays (removing it would let two writers lock two different
/// files).
#[derive(Debug)]
pub struct WriterLock {
    dir: PathBuf,
    file: File,
}

impl WriterLock {
    /// Takes the lock on the index in `dir` (created if needed), waiting up to
    /// `wait` for another writer to finish.
    pub fn acquire(dir: &Path, wait: Duration) -> Result<WriterLock> {
        Self::acquire_with(dir, wait, |_| {})
    }

    /// [`acquire`](Self::acquire), calling `on_wait` with the holder's pid (when
    /// known) once, if it has to wait.
    pub fn acquire_with(
        dir: &Path,
        wait: Duration,
        mut on_wait: impl FnMut(Option<u32>),
    ) -> Result<WriterLock> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let pid = lock_holder(&path);
                    let waited = start.elapsed();
                    if waited >= wait {
                        return Err(Error::IndexBusy {
                            path: dir.to_path_buf(),
                            pid,
                            waited,
                        });
                    }
                    if !told {
                        on_wait(pid);
                        told = true;
                    }
                    std::thread::sleep(LOCK_POLL.min(wait - waited));
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        let lock = WriterLock {
            dir: dir.to_path_buf(),
            file,
        };
        let mut f = &lock.file;
        f.set_len(0)
            .and_then(|()| f.seek(SeekFrom::Start(0)))
            .and_then(|_| f.write_all(format!("{}\n", std::process::id()).as_bytes()))
            .map_err(|e| Error::io(&path, e))?;
        set_mode(&path, 0o644);
        Ok(lock)
    }

    /// The index directory this lock is for.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Clear the pid while still holding the lock, then let go.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// The pid written in a lock file, if it can be read.
fn lock_holder(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// Refuses what must never be indexed: no roles, or two roles with one id.
fn check_roles(roles: &[Role], source: &RoleSource) -> Result<()> {
    if roles.is_empty() {
        return Err(Error::NoRoles {
            origin: source.describe(),
            detail: "the source holds no roles".into(),
        });
    }
    roles::check_unique(roles)
}

/// Builds an index of `roles` in `dir` (created if needed), atomically replacing
/// any index already there. Takes the writer lock first, waiting up to
/// [`DEFAULT_LOCK_WAIT`] for another build.
pub fn build(roles: &[Role], source: &RoleSource, dir: &Path) -> Result<Manifest> {
    check_roles(roles, source)?;
    let lock = WriterLock::acquire(dir, DEFAULT_LOCK_WAIT)?;
    build_locked(&lock, roles, source)
}

/// Builds a new generation under a writer lock already held: the index is
/// written to `.tmp-*` (removed on any failure), its files made readable by
/// everyone (0644), renamed to a fresh `gen-<n>`, and `CURRENT` swapped to it by
/// rename. Then the generations other than the one `CURRENT` names (re-read) and
/// the one it named before are removed, as are leftovers of writers that died.
pub fn build_locked(lock: &WriterLock, roles: &[Role], source: &RoleSource) -> Result<Manifest> {
    check_roles(roles, source)?;
    let dir = lock.dir();
    remove_leftovers(dir);
    let fingerprint = source.fingerprint()?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = TempDir(Some(
        dir.join(format!(".tmp-{}-{nanos}", std::process::id())),
    ));
    let tmp_path = tmp.path().to_path_buf();
    let manifest = build_in(roles, source, fingerprint, &tmp_path)?;
    fail_point("after-build")?;
    finish_generation(&tmp_path)?;
    // A fresh generation name, numbered after every existing one.
    let newest = generations(dir).into_iter().map(|(n, _)| n).max();
    let n = newest.map_or(nanos, |m| nanos.max(m + 1));
    let gen_name = format!("gen-{n}");
    let gen_dir = dir.join(&gen_name);
    std::fs::rename(&tmp_path, &gen_dir).map_err(|e| Error::io(&gen_dir, e))?;
    tmp.keep();
    let previous = read_current(dir).ok();
    if let Err(e) = swap_current(dir, &gen_name) {
        let _ = std::fs::remove_dir_all(&gen_dir);
        return Err(e);
    }
    remove_old_generations(dir, previous.as_deref());
    Ok(manifest)
}

/// A directory removed when dropped (on every error path, and on unwinding),
/// unless kept.
struct TempDir(Option<PathBuf>);

impl TempDir {
    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    /// The directory was moved into place: nothing to remove.
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Makes [`build_locked`] fail at a named point (tests only).
    static FAIL_AT: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Fails when a test asked for a failure at `point`.
fn fail_point(point: &'static str) -> Result<()> {
    #[cfg(test)]
    if FAIL_AT.with(|f| f.get()) == Some(point) {
        return Err(Error::index("<test>", format!("injected failure {point}")));
    }
    let _ = point;
    Ok(())
}

/// Points `CURRENT` at `gen_name` by writing a temporary file and renaming it.
fn swap_current(dir: &Path, gen_name: &str) -> Result<()> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let current_tmp = dir.join(format!(".{CURRENT}.{}-{nanos}", std::process::id()));
    let current = dir.join(CURRENT);
    let result = std::fs::write(&current_tmp, format!("{gen_name}\n"))
        .map_err(|e| Error::io(&current_tmp, e))
        .and_then(|()| {
            set_mode(&current_tmp, 0o644);
            fail_point("before-swap")
        })
        .and_then(|()| std::fs::rename(&current_tmp, &current).map_err(|e| Error::io(&current, e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&current_tmp);
    }
    result
}

/// Makes a finished generation readable by everyone and free of tantivy's lock
/// files, so readers need no write access: tantivy writes `meta.json` through
/// a 0600 temporary file, and its writer leaves `.tantivy-*.lock` behind.
fn finish_generation(tmp: &Path) -> Result<()> {
    let entries = std::fs::read_dir(tmp).map_err(|e| Error::io(tmp, e))?;
    for e in entries {
        let e = e.map_err(|e| Error::io(tmp, e))?;
        let path = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with(".tantivy-") {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        } else {
            set_mode(&path, 0o644);
        }
    }
    set_mode(tmp, 0o755);
    Ok(())
}

/// Sets a file's permission bits (Unix; best effort).
fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

fn build_in(roles: &[Role], source: &RoleSource, fingerprint: u64, tmp: &Path) -> Result<Manifest> {
    std::fs::create_dir_all(tmp).map_err(|e| Error::io(tmp, e))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(tmp, schema).map_err(|e| Error::index(tmp, e))?;
    text::register(&index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 64_000_000)
        .map_err(|e| Error::index(tmp, e))?;
    for (ord, role) in roles.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &role.id);
        doc.add_u64(f.ord, ord as u64);
        doc.add_u64(f.closes, role.valid_through.map_or(0, date_number));
        doc.add_text(f.title, &role.title);
        doc.add_text(f.body, role.body_text());
        for c in &role.criteria {
            doc.add_text(f.criteria, &c.text);
        }
        for s in &role.skills {
            doc.add_text(f.skills, s);
        }
        let json = serde_json::to_string(role).map_err(|e| Error::index(tmp, e))?;
        doc.add_text(f.role, json);
        writer.add_document(doc).map_err(|e| Error::index(tmp, e))?;
    }
    writer.commit().map_err(|e| Error::index(tmp, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| Error::index(tmp, e))?;
    let manifest = Manifest {
        format: INDEX_FORMAT,
        cvmatch_version: env!("CARGO_PKG_VERSION").to_string(),
        built_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        source: source.clone(),
        fingerprint: format!("{fingerprint:016x}"),
        roles: roles.len(),
    };
    let path = tmp.join(MANIFEST);
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| Error::index(tmp, e))?;
    std::fs::write(&path, json).map_err(|e| Error::io(&path, e))?;
    Ok(manifest)
}

/// The generations in `dir`, by number.
fn generations(dir: &Path) -> Vec<(u128, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(u128, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let n = name.strip_prefix("gen-")?.parse().ok()?;
            Some((n, name))
        })
        .collect();
    out.sort();
    out
}

/// Removes every generation except the one `CURRENT` names now (read again
/// here) and `previous`, the one it named before the swap, which a reader may
/// just have opened. Best effort.
fn remove_old_generations(dir: &Path, previous: Option<&str>) {
    let Ok(current) = read_current(dir) else {
        // No readable pointer: delete nothing.
        return;
    };
    for (_, name) in generations(dir) {
        if name != current && Some(name.as_str()) != previous {
            let _ = std::fs::remove_dir_all(dir.join(&name));
        }
    }
}

/// Removes what writers that died left behind (`.tmp-*` folders, `.CURRENT.*`
/// files). Only called under the writer lock, when no other writer is running.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".tmp-") {
            let _ = std::fs::remove_dir_all(e.path());
        } else if name.starts_with(&format!(".{CURRENT}.")) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Does `dir` hold an index (a `CURRENT` pointer)?
pub fn exists(dir: &Path) -> bool {
    dir.join(CURRENT).is_file()
}

/// Reads the manifest of the live generation in `dir`.
pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    let name = read_current(dir)?;
    read_generation_manifest(dir, &name)
}

fn read_generation_manifest(dir: &Path, gen_name: &str) -> Result<Manifest> {
    let gen_dir = dir.join(gen_name);
    let path = gen_dir.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(damaged(
                dir,
                if gen_dir.is_dir() {
                    format!("{gen_name}/{MANIFEST} is missing")
                } else {
                    format!("the generation `{gen_name}` that {CURRENT} names is missing")
                },
            ));
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    serde_json::from_str(&text)
        .map_err(|e| damaged(dir, format!("{gen_name}/{MANIFEST} is not valid: {e}")))
}

/// The name of the live generation, from `CURRENT`.
/// `name` in the generation that is live in the index folder `dir` now (a
/// cache file beside the index), without opening the index; `None` when no
/// generation is live.
pub(crate) fn live_generation_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let generation = read_current(dir).ok()?;
    Some(dir.join(generation).join(name))
}

/// Writes a cache file of the live generation (the role analysis, the
/// knowledge image) best effort: atomically by rename, and readable by every
/// user of a shared index, whatever the writer's umask. A failure leaves no
/// partial file.
pub(crate) fn write_cache_file(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o644));
    }
    if std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn read_current(dir: &Path) -> Result<String> {
    let current = dir.join(CURRENT);
    let name = std::fs::read_to_string(&current).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::index(
            dir,
            "no index here (run `cvmatch index --index DIR` to build one)",
        ),
        _ => Error::io(&current, e),
    })?;
    let name = name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(damaged(
            dir,
            format!("{CURRENT} names an invalid generation `{name}`"),
        ));
    }
    Ok(name.to_string())
}

/// The roles of an open index: where each is stored, read on first use.
struct RoleStore {
    /// Each role's document, by role position.
    addrs: Vec<tantivy::DocAddress>,
    /// Each advert's closing date, by role position (a fast field).
    closes: Vec<Option<roles::Date>>,
    /// Roles read one at a time.
    one: Vec<std::sync::OnceLock<Box<Role>>>,
    /// Every role, once something asked for them all.
    all: std::sync::OnceLock<Vec<Role>>,
}

/// A date as the number `yyyymmdd`, for a fast field.
fn date_number(d: roles::Date) -> u64 {
    u64::from(d.year()) * 10_000 + u64::from(d.month()) * 100 + u64::from(d.day())
}

/// The date a fast field's `yyyymmdd` stands for (0: none).
fn date_of_number(n: u64) -> Option<roles::Date> {
    let y = u16::try_from(n / 10_000).ok()?;
    roles::Date::new(y, (n / 100 % 100) as u8, (n % 100) as u8)
}

/// [`Error::IndexDamaged`] for the index at `dir`.
fn damaged(dir: &Path, reason: impl Into<String>) -> Error {
    Error::IndexDamaged {
        path: dir.to_path_buf(),
        reason: reason.into(),
    }
}

/// A tantivy failure to read generation `gen_name` of the index at `dir`, in
/// our words: missing and corrupt files make the index damaged; other I/O
/// failures (permissions...) name the file and the cause. Never tantivy's
/// debug text.
fn read_error(dir: &Path, gen_name: &str, e: &tantivy::TantivyError) -> Error {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
    let file = |p: &Path| format!("{gen_name}/{}", p.display());
    let io = |p: &Path, e: &std::io::Error| {
        Error::io(
            dir.join(gen_name).join(p),
            std::io::Error::new(e.kind(), e.to_string()),
        )
    };
    match e {
        T::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            damaged(dir, format!("{} is missing", file(p)))
        }
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) if corrupt(io_error) => {
            damaged(dir, format!("{} is corrupt or truncated", file(filepath)))
        }
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => io(filepath, io_error),
        T::OpenReadError(OpenReadError::IncompatibleIndex(_)) | T::IncompatibleIndex(_) => damaged(
            dir,
            "its files are not a tantivy index this cvmatch can read (truncated, or from another version)",
        ),
        T::OpenDirectoryError(OpenDirectoryError::DoesNotExist(_)) => damaged(
            dir,
            format!("the generation `{gen_name}` that {CURRENT} names is missing"),
        ),
        T::DataCorruption(c) => {
            // tantivy's `DataCorruption` shows its file only in its debug text.
            let dbg = format!("{c:?}");
            let name = dbg
                .split_once("(in file `")
                .and_then(|(_, rest)| rest.split_once("`)"))
                .map(|(f, _)| f.trim_matches('"').to_string());
            match name {
                Some(f) => damaged(dir, format!("{} is corrupt", file(Path::new(&f)))),
                None => damaged(dir, "a data file is corrupt"),
            }
        }
        T::IoError(io_error) if corrupt(io_error) => {
            damaged(dir, "a data file is corrupt or truncated")
        }
        T::IoError(io_error) => Error::index(dir, format!("read error in {gen_name}: {io_error}")),
        T::FieldNotFound(f) => damaged(dir, format!("the field `{f}` is missing")),
        T::SchemaError(m) => damaged(dir, format!("its schema is not valid: {m}")),
        T::DeserializeError(_) => damaged(dir, "a stored role cannot be read"),
        _ => damaged(dir, "its data files cannot be read"),
    }
}

/// Whether an I/O error reading index data means the data is bad (rather
/// than, say, a permission problem).
fn corrupt(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData
    )
}

/// A directory that tantivy may only read: no lock files, no writes, no
/// watching. Generations are never written after they are built, so readers
/// need none of tantivy's locks, and a read-only shared index opens as well as
/// a writable one.
#[derive(Clone, Debug)]
struct ReadOnlyDirectory(tantivy::directory::MmapDirectory);

impl ReadOnlyDirectory {
    fn refused(path: &Path) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{} is read-only to cvmatch readers", path.display()),
        )
    }
}

impl tantivy::Directory for ReadOnlyDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<
        std::sync::Arc<dyn tantivy::directory::FileHandle>,
        tantivy::directory::error::OpenReadError,
    > {
        self.0.get_file_handle(path)
    }

    fn delete(
        &self,
        path: &Path,
    ) -> std::result::Result<(), tantivy::directory::error::DeleteError> {
        Err(tantivy::directory::error::DeleteError::IoError {
            io_error: std::sync::Arc::new(Self::refused(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(
        &self,
        path: &Path,
    ) -> std::result::Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> std::result::Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError>
    {
        Err(tantivy::directory::error::OpenWriteError::wrap_io_error(
            Self::refused(path),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(
        &self,
        path: &Path,
    ) -> std::result::Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(Self::refused(path))
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(
        &self,
        _lock: &tantivy::directory::Lock,
    ) -> std::result::Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError>
    {
        // Nothing can change under a reader: a lock that locks nothing.
        Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
    }

    fn watch(
        &self,
        _callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        Ok(tantivy::directory::WatchHandle::empty())
    }
}

/// An open index: the tantivy reader plus every role, in load order.
pub struct RoleIndex {
    dir: PathBuf,
    /// The live generation's directory (for caches derived from it).
    gen_dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    roles: RoleStore,
    manifest: Manifest,
    /// Per segment, document id → role position.
    ords: Vec<Vec<u32>>,
}

/// A term's frequency in each searchable field of one role, in the order of
/// [`SearchField::ALL`] (title, body, criteria, skills).
pub type FieldFreqs = [u32; 4];

impl std::fmt::Debug for RoleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleIndex")
            .field("dir", &self.dir)
            .field("roles", &self.roles.addrs.len())
            .finish()
    }
}

impl RoleIndex {
    /// Opens the live generation of the index in `dir`, for reading only: no
    /// file is created or written, so a read-only index opens. When a build
    /// swaps `CURRENT` while this opens (and cleans up the generation being
    /// opened), it opens the new one instead.
    pub fn open(dir: &Path) -> Result<RoleIndex> {
        let mut tries = 0;
        loop {
            let gen_name = read_current(dir)?;
            match Self::open_generation(dir, &gen_name) {
                Ok(idx) => return Ok(idx),
                Err(e) => {
                    tries += 1;
                    let moved = read_current(dir).is_ok_and(|now| now != gen_name);
                    if !(moved && tries < 5) {
                        return Err(e);
                    }
                }
            }
        }
    }

    fn open_generation(dir: &Path, gen_name: &str) -> Result<RoleIndex> {
        let manifest = read_generation_manifest(dir, gen_name)?;
        if manifest.format != INDEX_FORMAT {
            return Err(Error::index(
                dir,
                format!(
                    "index format {} is not supported by this cvmatch (expects {INDEX_FORMAT}); rebuild it with `cvmatch index`",
                    manifest.format
                ),
            ));
        }
        let gen_dir = dir.join(gen_name);
        // tantivy's own message for a broken meta.json quotes the whole file.
        let meta = gen_dir.join("meta.json");
        match std::fs::read(&meta) {
            Ok(bytes) => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    return Err(damaged(
                        dir,
                        format!("{gen_name}/meta.json is not valid JSON: {e}"),
                    ));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(damaged(dir, format!("{gen_name}/meta.json is missing")));
            }
            Err(e) => return Err(Error::io(&meta, e)),
        }
        let err = |e: tantivy::TantivyError| read_error(dir, gen_name, &e);
        let mmap = tantivy::directory::MmapDirectory::open(&gen_dir)
            .map_err(|e| err(tantivy::TantivyError::from(e)))?;
        let index = Index::open(ReadOnlyDirectory(mmap)).map_err(err)?;
        text::register(&index);
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        // Each role's place and closing date come from fast fields; the
        // stored roles themselves are read when first asked for
        // ([`RoleIndex::role`]): a single lookup needs a few hundred of them.
        let searcher = reader.searcher();
        let n = manifest.roles;
        // Checked before anything is sized by the manifest's count.
        let docs = searcher.num_docs();
        if docs != n as u64 {
            return Err(damaged(
                dir,
                format!("it holds {docs} roles where its manifest says {n}"),
            ));
        }
        let mut addrs: Vec<Option<tantivy::DocAddress>> = vec![None; n];
        let mut closes: Vec<Option<roles::Date>> = vec![None; n];
        let mut ords: Vec<Vec<u32>> = Vec::new();
        for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
            let columns = seg.fast_fields();
            let ord_col = columns.u64("ord").map_err(err)?;
            let closes_col = columns.u64("closes").map_err(err)?;
            let mut seg_ords = vec![u32::MAX; seg.max_doc() as usize];
            for doc_id in seg.doc_ids_alive() {
                // `ord` numbers the roles 0..n when the index was built;
                // anything else (a damaged index) is refused rather than misread.
                let slot = ord_col
                    .first(doc_id)
                    .and_then(|o| usize::try_from(o).ok())
                    .filter(|&o| o < n && addrs[o].is_none())
                    .ok_or_else(|| damaged(dir, "role order numbers are not 0..n"))?;
                addrs[slot] = Some(tantivy::DocAddress::new(seg_ord as u32, doc_id));
                closes[slot] = closes_col.first(doc_id).and_then(date_of_number);
                seg_ords[doc_id as usize] = slot as u32;
            }
            ords.push(seg_ords);
        }
        let addrs: Vec<tantivy::DocAddress> = addrs.into_iter().flatten().collect();
        if addrs.len() != n {
            return Err(damaged(dir, "role order numbers are not 0..n"));
        }
        Ok(RoleIndex {
            dir: dir.to_path_buf(),
            gen_dir,
            index,
            reader,
            fields,
            roles: RoleStore {
                one: (0..n).map(|_| std::sync::OnceLock::new()).collect(),
                addrs,
                closes,
                all: std::sync::OnceLock::new(),
            },
            manifest,
            ords,
        })
    }

    /// A tantivy failure while reading this index, in our words.
    fn read_error(&self, e: &tantivy::TantivyError) -> Error {
        let gen_name = self
            .gen_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        read_error(&self.dir, &gen_name, e)
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many roles the index holds.
    pub fn role_count(&self) -> usize {
        self.roles.addrs.len()
    }

    /// Every advert's closing date (`validThrough`), by role position, read
    /// without reading the roles.
    pub fn closing_dates(&self) -> &[Option<roles::Date>] {
        &self.roles.closes
    }

    /// The role at position `i` (`None` past the end), read from the index
    /// the first time it is asked for.
    pub fn role(&self, i: usize) -> Result<Option<&Role>> {
        if let Some(all) = self.roles.all.get() {
            return Ok(all.get(i));
        }
        let (Some(&addr), Some(cell)) = (self.roles.addrs.get(i), self.roles.one.get(i)) else {
            return Ok(None);
        };
        if let Some(r) = cell.get() {
            return Ok(Some(r));
        }
        let role = self.read_role(&self.reader.searcher(), addr)?;
        Ok(Some(cell.get_or_init(|| Box::new(role))))
    }

    /// Every role, in the order they were loaded (all read from the index on
    /// first use).
    pub fn roles(&self) -> Result<&[Role]> {
        if let Some(all) = self.roles.all.get() {
            return Ok(all);
        }
        let searcher = self.reader.searcher();
        let mut all = Vec::with_capacity(self.roles.addrs.len());
        for (cell, &addr) in self.roles.one.iter().zip(&self.roles.addrs) {
            all.push(match cell.get() {
                Some(r) => Role::clone(r),
                None => self.read_role(&searcher, addr)?,
            });
        }
        Ok(self.roles.all.get_or_init(|| all))
    }

    /// Reads one stored role.
    fn read_role(&self, searcher: &tantivy::Searcher, addr: tantivy::DocAddress) -> Result<Role> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.read_error(&e))?;
        let json = doc
            .get_first(self.fields.role)
            .and_then(|v| v.as_str())
            .ok_or_else(|| damaged(&self.dir, "a document has no stored role"))?;
        serde_json::from_str(json)
            .map_err(|e| damaged(&self.dir, format!("a stored role is not valid: {e}")))
    }

    /// Where a cache derived from this generation's roles lives (inside the
    /// generation, so it goes when the generation does). Caches hold role
    /// analysis only, never CV data.
    pub fn cache_path(&self, name: &str) -> PathBuf {
        self.gen_dir.join(name)
    }

    /// The manifest of the open generation.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Whether the index still reflects `source` as it is now.
    pub fn is_fresh_for(&self, source: &RoleSource) -> Result<bool> {
        Ok(self.manifest.source == *source
            && self.manifest.fingerprint == format!("{:016x}", source.fingerprint()?))
    }

    /// The tantivy field for a searchable field.
    fn field(&self, f: SearchField) -> Field {
        match f {
            SearchField::Title => self.fields.title,
            SearchField::Body => self.fields.body,
            SearchField::Criteria => self.fields.criteria,
            SearchField::Skills => self.fields.skills,
        }
    }

    /// Number of roles containing `term` (an analysed term) in `field`.
    pub fn doc_freq(&self, field: SearchField, term: &str) -> u64 {
        let t = Term::from_field_text(self.field(field), term);
        self.reader.searcher().doc_freq(&t).unwrap_or(0)
    }

    /// BM25 inverse document frequency of `term` in `field`, as tantivy computes it.
    pub fn idf(&self, field: SearchField, term: &str) -> f32 {
        self.idf_of_df(self.doc_freq(field, term))
    }

    /// The highest document frequency of `term` over the searchable fields.
    pub fn max_doc_freq(&self, term: &str) -> u64 {
        SearchField::ALL
            .iter()
            .map(|&f| self.doc_freq(f, term))
            .max()
            .unwrap_or(0)
    }

    /// BM25 inverse document frequency for a document frequency over these roles.
    pub fn idf_of_df(&self, df: u64) -> f32 {
        let n = self.role_count() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Runs a weighted-terms query (each term searched in every field, the best
    /// field counting) and returns the BM25 score of every matching role, by role
    /// position in [`roles`](Self::roles).
    pub fn search_terms(
        &self,
        terms: &[(String, f32)],
        field_boosts: &[(SearchField, f32)],
    ) -> Result<Vec<f32>> {
        use tantivy::collector::TopDocs;
        use tantivy::query::{
            BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery,
        };
        let mut scores = vec![0.0f32; self.role_count()];
        if terms.is_empty() || self.role_count() == 0 {
            return Ok(scores);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(terms.len());
        for (term, weight) in terms {
            let per_field: Vec<Box<dyn Query>> = field_boosts
                .iter()
                .map(|&(f, boost)| {
                    let t = Term::from_field_text(self.field(f), term);
                    let q = TermQuery::new(t, IndexRecordOption::WithFreqs);
                    Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>
                })
                .collect();
            let dismax = DisjunctionMaxQuery::new(per_field);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(dismax), *weight)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(self.role_count()).order_by_score(),
            )
            .map_err(|e| self.read_error(&e))?;
        for (score, addr) in top {
            let ord = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("ord")
                .ok()
                .and_then(|col| col.first(addr.doc_id));
            let ord = match ord {
                Some(o) => o,
                None => {
                    let doc: TantivyDocument =
                        searcher.doc(addr).map_err(|e| self.read_error(&e))?;
                    doc.get_first(self.fields.ord)
                        .and_then(|v| v.as_u64())
                        .unwrap_or(u64::MAX)
                }
            };
            if let Some(s) = scores.get_mut(ord as usize) {
                *s = score;
            }
        }
        Ok(scores)
    }

    /// The roles holding `term` (an analysed term) in any searchable field, by
    /// role position, with the term's frequency in each field; in no particular
    /// order.
    pub fn postings(&self, term: &str) -> Result<Vec<(usize, FieldFreqs)>> {
        let searcher = self.reader.searcher();
        let mut out: Vec<(usize, FieldFreqs)> = Vec::new();
        let mut slots: Vec<u32> = Vec::new();
        for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
            let key = term.as_bytes();
            self.segment_postings(seg, seg_ord, key, &mut slots, &mut out)?;
        }
        Ok(out)
    }

    /// Appends the roles of one segment holding the term `key` to `out`.
    /// `slots` is scratch space (doc id → row in `out`), left all unset.
    fn segment_postings(
        &self,
        seg: &tantivy::SegmentReader,
        seg_ord: usize,
        key: &[u8],
        slots: &mut Vec<u32>,
        out: &mut Vec<(usize, FieldFreqs)>,
    ) -> Result<()> {
        use tantivy::DocSet;
        use tantivy::postings::Postings;
        let err = |e: std::io::Error| Error::index(&self.dir, e);
        slots.resize(seg.max_doc() as usize, u32::MAX);
        let mut touched: Vec<u32> = Vec::new();
        for (k, f) in SearchField::ALL.iter().enumerate() {
            let inv = seg
                .inverted_index(self.field(*f))
                .map_err(|e| self.read_error(&e))?;
            let Some(info) = inv.terms().get(key).map_err(err)? else {
                continue;
            };
            let mut p = inv
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                .map_err(err)?;
            let mut doc = p.doc();
            while doc != tantivy::TERMINATED {
                let slot = &mut slots[doc as usize];
                if *slot == u32::MAX {
                    *slot = out.len() as u32;
                    touched.push(doc);
                    let role = self.ords[seg_ord][doc as usize] as usize;
                    out.push((role, [0; 4]));
                }
                out[*slot as usize].1[k] = p.term_freq();
                doc = p.advance();
            }
        }
        // Leave the scratch space unset for the next call.
        for d in touched {
            slots[d as usize] = u32::MAX;
        }
        Ok(())
    }

    /// Calls `visit` once for every analysed term of the searchable fields, in
    /// term order, with the roles holding it as [`postings`](Self::postings)
    /// gives them. One pass over the whole index (for document frequencies and
    /// role vector norms).
    pub fn for_each_term(&self, mut visit: impl FnMut(&str, &[(usize, FieldFreqs)])) -> Result<()> {
        let searcher = self.reader.searcher();
        let err = |e: std::io::Error| Error::index(&self.dir, e);
        // Every distinct term over the fields and segments, sorted.
        let mut terms: std::collections::BTreeSet<Vec<u8>> = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            for f in SearchField::ALL {
                let inv = seg
                    .inverted_index(self.field(f))
                    .map_err(|e| self.read_error(&e))?;
                let mut stream = inv.terms().stream().map_err(err)?;
                while stream.advance() {
                    terms.insert(stream.key().to_vec());
                }
            }
        }
        let mut rows: Vec<(usize, FieldFreqs)> = Vec::new();
        let mut slots: Vec<u32> = Vec::new();
        for key in terms {
            rows.clear();
            for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
                self.segment_postings(seg, seg_ord, &key, &mut slots, &mut rows)?;
            }
            if let Ok(text) = std::str::from_utf8(&key) {
                visit(text, &rows);
            }
        }
        Ok(())
    }

    /// The underlying tantivy index (for benchmarks and diagnostics).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::{Criterion, Priority};

    fn role(id: &str, title: &str, body: &str) -> Role {
        Role {
            id: id.into(),
            title: title.into(),
            description: body.into(),
            skills: vec!["Python".into()],
            criteria: vec![Criterion {
                text: "Degree in a numerate subject".into(),
                priority: Priority::Essential,
                category: None,
            }],
            source: format!("{id}.toml"),
            ..Role::default()
        }
    }

    #[test]
    fn closing_dates_are_read_without_the_roles() {
        let dir = tempfile::tempdir().unwrap();
        let mut roles = vec![role("a", "Nurse", "Wards"), role("b", "Porter", "Wards")];
        roles[0].valid_through = roles::Date::new(2026, 12, 31);
        build(&roles, &RoleSource::Embedded, dir.path()).unwrap();
        let idx = RoleIndex::open(dir.path()).unwrap();
        assert_eq!(
            idx.closing_dates(),
            [roles::Date::new(2026, 12, 31), None].as_slice()
        );
        assert!(idx.roles.one.iter().all(|c| c.get().is_none()));
        assert!(idx.roles.all.get().is_none());
        assert_eq!(
            date_of_number(date_number(roles::Date::new(1999, 2, 28).unwrap())),
            roles::Date::new(1999, 2, 28)
        );
        assert_eq!(date_of_number(0), None);
    }

    #[test]
    fn build_open_search_and_rebuild_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let roles = vec![
            role(
                "a",
                "Data Scientist",
                "Machine learning models in Python for the NHS",
            ),
            role("b", "Pastry Chef", "Croissants and laminated dough"),
        ];
        let m = build(&roles, &RoleSource::Embedded, dir.path()).unwrap();
        assert_eq!(m.roles, 2);
        let idx = RoleIndex::open(dir.path()).unwrap();
        assert_eq!(idx.role_count(), 2);
        // Read one at a time before all, the same roles.
        assert_eq!(idx.role(1).unwrap().map(|r| r.id.as_str()), Some("b"));
        assert!(idx.role(2).unwrap().is_none());
        assert_eq!(idx.roles().unwrap(), roles.as_slice());
        assert_eq!(idx.role(0).unwrap(), Some(&roles[0]));
        let q = vec![("learn".to_string(), 1.0), ("model".to_string(), 1.0)];
        let s = idx
            .search_terms(&q, &[(SearchField::Body, 1.0), (SearchField::Title, 2.0)])
            .unwrap();
        assert!(s[0] > 0.0 && s[1] == 0.0, "{s:?}");
        assert_eq!(idx.doc_freq(SearchField::Skills, "python"), 2);

        // Rebuild with one role: the new generation replaces the old one.
        build(&roles[1..], &RoleSource::Embedded, dir.path()).unwrap();
        let idx2 = RoleIndex::open(dir.path()).unwrap();
        assert_eq!(idx2.role_count(), 1);
        let gens = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
            .count();
        assert_eq!(gens, 2, "the current and the previous generation are kept");
        // A third build removes the first generation.
        build(&roles, &RoleSource::Embedded, dir.path()).unwrap();
        let names: Vec<String> = generations(dir.path())
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(names[1], read_current(dir.path()).unwrap());
        // The already-open reader still works on its own generation's data.
        assert_eq!(idx.role_count(), 2);
    }

    fn two_roles() -> Vec<Role> {
        vec![
            role("a", "Data Scientist", "Machine learning models in Python"),
            role("b", "Pastry Chef", "Croissants and laminated dough"),
        ]
    }

    /// Every file and folder name under `dir`, relative, sorted.
    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_writer_lock_is_exclusive_and_names_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let a = WriterLock::acquire(dir.path(), Duration::ZERO).unwrap();
        let pid = std::process::id();
        assert_eq!(lock_holder(&dir.path().join(LOCK_FILE)), Some(pid));
        let e = WriterLock::acquire(dir.path(), Duration::ZERO).unwrap_err();
        assert!(
            matches!(e, Error::IndexBusy { pid: Some(p), .. } if p == pid),
            "{e:?}"
        );
        let msg = e.to_string();
        assert!(
            msg.contains(&format!(
                "index at {} is being rebuilt by pid {pid}",
                dir.path().display()
            )),
            "{msg}"
        );
        drop(a);
        assert_eq!(
            lock_holder(&dir.path().join(LOCK_FILE)),
            None,
            "pid cleared"
        );
        let b = WriterLock::acquire(dir.path(), Duration::ZERO).unwrap();
        build_locked(&b, &two_roles(), &RoleSource::Embedded).unwrap();
        drop(b);
        assert_eq!(RoleIndex::open(dir.path()).unwrap().role_count(), 2);
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let (locked_tx, locked_rx) = std::sync::mpsc::channel::<()>();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let path = dir.path().to_path_buf();
        let holder = std::thread::spawn(move || {
            let lock = WriterLock::acquire(&path, Duration::ZERO).unwrap();
            build_locked(&lock, &two_roles()[..1], &RoleSource::Embedded).unwrap();
            locked_tx.send(()).unwrap();
            // Hold the lock until the other writer is seen waiting.
            release_rx.recv().unwrap();
        });
        locked_rx.recv().unwrap();
        let mut waited_for = None;
        let lock = WriterLock::acquire_with(dir.path(), Duration::from_secs(600), |pid| {
            waited_for = Some(pid);
            release_tx.send(()).unwrap();
        })
        .unwrap();
        holder.join().unwrap();
        assert_eq!(waited_for, Some(Some(std::process::id())));
        build_locked(&lock, &two_roles(), &RoleSource::Embedded).unwrap();
        assert_eq!(RoleIndex::open(dir.path()).unwrap().role_count(), 2);
    }

    #[test]
    fn forty_rounds_of_two_concurrent_writers_leave_an_index_that_opens() {
        let dir = tempfile::tempdir().unwrap();
        let roles = two_roles();
        build(&roles, &RoleSource::Embedded, dir.path()).unwrap();
        for round in 0..40 {
            let start = std::sync::Barrier::new(3);
            let done = std::sync::atomic::AtomicUsize::new(0);
            std::thread::scope(|s| {
                for w in 0..2 {
                    let (start, done, roles, path) = (&start, &done, &roles, dir.path());
                    s.spawn(move || {
                        start.wait();
                        build(&roles[..1 + w], &RoleSource::Embedded, path).unwrap();
                        done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    });
                }
                // A reader opening the index all the while.
                start.wait();
                while done.load(std::sync::atomic::Ordering::SeqCst) < 2 {
                    let idx = RoleIndex::open(dir.path())
                        .unwrap_or_else(|e| panic!("round {round}: reader failed: {e}"));
                    assert!(matches!(idx.role_count(), 1 | 2));
                }
            });
            let idx = RoleIndex::open(dir.path())
                .unwrap_or_else(|e| panic!("round {round}: index unusable: {e}"));
            assert!(matches!(idx.role_count(), 1 | 2));
            assert!(generations(dir.path()).len() <= 2, "round {round}");
        }
    }

    #[test]
    fn clean_up_keeps_what_current_names_and_removes_dead_writers_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        build(&two_roles(), &RoleSource::Embedded, dir.path()).unwrap();
        let live = read_current(dir.path()).unwrap();
        // A writer that died: a half-built generation, a pointer never swapped,
        // and a finished generation that CURRENT never named.
        std::fs::create_dir(dir.path().join(".tmp-999999-1")).unwrap();
        std::fs::write(dir.path().join(".CURRENT.999999"), "gen-1\n").unwrap();
        std::fs::create_dir(dir.path().join("gen-99999999999999999999999")).unwrap();
        build(&two_roles()[..1], &RoleSource::Embedded, dir.path()).unwrap();
        let names = listing(dir.path());
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with(".tmp-") || n.starts_with(".CURRENT.")),
            "{names:?}"
        );
        let current = read_current(dir.path()).unwrap();
        let gens: Vec<String> = generations(dir.path())
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        // The new generation is numbered after every existing one; the one
        // CURRENT named before is kept; the stray one is gone.
        assert_eq!(gens, vec![live, current.clone()]);
        assert_eq!(gens.last(), Some(&current));
        assert_eq!(RoleIndex::open(dir.path()).unwrap().role_count(), 1);
    }

    #[test]
    fn a_failed_build_leaves_no_temporary_folder_and_the_old_index_in_place() {
        let dir = tempfile::tempdir().unwrap();
        build(&two_roles(), &RoleSource::Embedded, dir.path()).unwrap();
        let before = listing(dir.path());
        for point in ["after-build", "before-swap"] {
            FAIL_AT.with(|f| f.set(Some(point)));
            let e = build(&two_roles()[..1], &RoleSource::Embedded, dir.path()).unwrap_err();
            FAIL_AT.with(|f| f.set(None));
            assert!(e.to_string().contains(point), "{e}");
            assert_eq!(listing(dir.path()), before, "after a failure at {point}");
            assert_eq!(RoleIndex::open(dir.path()).unwrap().role_count(), 2);
        }
    }

    #[test]
    fn an_empty_role_source_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let idx = dir.path().join("idx");
        let src = RoleSource::Paths {
            paths: vec![PathBuf::from("roles/empty.jsonl")],
        };
        let e = build(&[], &src, &idx).unwrap_err();
        assert!(matches!(e, Error::NoRoles { .. }), "{e:?}");
        let msg = e.to_string();
        assert!(
            msg.contains("roles/empty.jsonl") && msg.contains("no roles"),
            "{msg}"
        );
        assert!(!idx.exists(), "nothing written");
    }

    #[test]
    fn generations_are_world_readable_and_readers_create_no_files() {
        let dir = tempfile::tempdir().unwrap();
        build(&two_roles(), &RoleSource::Embedded, dir.path()).unwrap();
        let before = listing(dir.path());
        assert!(
            !before.iter().any(|n| n.contains(".tantivy-")),
            "{before:?}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let gen_dir = dir.path().join(read_current(dir.path()).unwrap());
            for e in std::fs::read_dir(&gen_dir).unwrap().flatten() {
                let mode = e.metadata().unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o644, "{}", e.path().display());
            }
            let mode = std::fs::metadata(&gen_dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o755);
        }
        let idx = RoleIndex::open(dir.path()).unwrap();
        let q = vec![("learn".to_string(), 1.0)];
        idx.search_terms(&q, &[(SearchField::Body, 1.0)]).unwrap();
        idx.for_each_term(|_, _| {}).unwrap();
        assert_eq!(
            listing(dir.path()),
            before,
            "opening and searching wrote nothing"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_index_opens_and_searches() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let idx_dir = dir.path().join("idx");
        build(&two_roles(), &RoleSource::Embedded, &idx_dir).unwrap();
        let set_tree = |file: u32, folder: u32| {
            for e in walkdir::WalkDir::new(&idx_dir).contents_first(true) {
                let e = e.unwrap();
                let mode = if e.file_type().is_dir() { folder } else { file };
                std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
            }
        };
        set_tree(0o444, 0o555);
        if std::fs::write(idx_dir.join("probe"), "x").is_ok() {
            set_tree(0o644, 0o755);
            eprintln!("skipped: permissions are not enforced here (running as root?)");
            return;
        }
        let opened = RoleIndex::open(&idx_dir).map(|idx| {
            let q = vec![("learn".to_string(), 1.0), ("model".to_string(), 1.0)];
            idx.search_terms(&q, &[(SearchField::Body, 1.0)])
                .map(|s| (idx.role_count(), s))
        });
        set_tree(0o644, 0o755);
        let (n, scores) = opened.unwrap().unwrap();
        assert_eq!(n, 2);
        assert!(scores[0] > 0.0 && scores[1] == 0.0, "{scores:?}");
    }

    /// Builds an index, breaks it with `damage` (given the live generation's
    /// folder) and returns the error opening it gives.
    fn damaged_error(damage: impl FnOnce(&Path)) -> (PathBuf, Error, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        build(&two_roles(), &RoleSource::Embedded, dir.path()).unwrap();
        let gen_dir = dir.path().join(read_current(dir.path()).unwrap());
        damage(&gen_dir);
        let e = RoleIndex::open(dir.path()).unwrap_err();
        (dir.path().to_path_buf(), e, dir)
    }

    fn assert_damaged(dir: &Path, e: &Error, reason: &str) {
        assert!(matches!(e, Error::IndexDamaged { .. }), "{e:?}");
        let msg = e.to_string();
        let head = format!("index at {} is damaged (", dir.display());
        assert!(msg.starts_with(&head), "{msg}");
        assert!(msg.ends_with("); rebuild it with `cvmatch index`"), "{msg}");
        assert!(msg.contains(reason), "{msg} lacks {reason}");
        for debug in [
            "DataCorruption",
            "Data corruption",
            "Content:",
            "IoError",
            "Os {",
            "\\\"",
        ] {
            assert!(!msg.contains(debug), "{msg} shows tantivy's debug text");
        }
    }

    #[test]
    fn a_garbled_or_truncated_meta_json_is_damage_named_in_our_words() {
        let (dir, e, _t) = damaged_error(|g| {
            std::fs::write(g.join("meta.json"), "{\"segments\": [garbage").unwrap()
        });
        assert_damaged(&dir, &e, "meta.json is not valid JSON");
        let (dir, e, _t) = damaged_error(|g| {
            let text = std::fs::read(g.join("meta.json")).unwrap();
            std::fs::write(g.join("meta.json"), &text[..text.len() / 2]).unwrap();
        });
        assert_damaged(&dir, &e, "meta.json is not valid JSON");
        // Valid JSON that is not an index's meta.
        let (dir, e, _t) =
            damaged_error(|g| std::fs::write(g.join("meta.json"), "{\"a\": 1}").unwrap());
        assert_damaged(&dir, &e, "meta.json is corrupt");
        let (dir, e, _t) = damaged_error(|g| std::fs::remove_file(g.join("meta.json")).unwrap());
        assert_damaged(&dir, &e, "meta.json is missing");
    }

    fn segment_file(g: &Path, ext: &str) -> PathBuf {
        std::fs::read_dir(g)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == ext))
            .unwrap_or_else(|| panic!("no .{ext} file in {}", g.display()))
    }

    #[test]
    fn a_missing_or_truncated_segment_file_is_damage_named_in_our_words() {
        for ext in ["store", "idx", "term", "fast"] {
            let (dir, e, _t) =
                damaged_error(|g| std::fs::remove_file(segment_file(g, ext)).unwrap());
            assert_damaged(&dir, &e, &format!(".{ext} is missing"));
        }
        let (dir, e, _t) = damaged_error(|g| {
            let f = segment_file(g, "store");
            let len = std::fs::metadata(&f).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(&f)
                .unwrap()
                .set_len(len / 3)
                .unwrap();
        });
        assert_damaged(&dir, &e, ".store is corrupt or truncated");
    }

    #[test]
    fn a_missing_generation_or_manifest_is_damage() {
        let (dir, e, _t) = damaged_error(|g| std::fs::remove_dir_all(g).unwrap());
        assert_damaged(&dir, &e, "that CURRENT names is missing");
        let (dir, e, _t) = damaged_error(|g| std::fs::write(g.join(MANIFEST), "{").unwrap());
        assert_damaged(&dir, &e, "manifest.json is not valid");
        let (dir, e, _t) = damaged_error(|g| {
            std::fs::write(g.parent().unwrap().join(CURRENT), "../etc\n").unwrap();
        });
        assert_damaged(&dir, &e, "CURRENT names an invalid generation");
        // A manifest that claims more roles than the index holds is refused
        // before anything is sized by its count.
        let (dir, e, _t) = damaged_error(|g| {
            let text = std::fs::read_to_string(g.join(MANIFEST)).unwrap();
            let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
            m["roles"] = serde_json::json!(u64::MAX / 2);
            std::fs::write(g.join(MANIFEST), m.to_string()).unwrap();
        });
        assert_damaged(&dir, &e, "where its manifest says");
    }

    #[test]
    fn opening_a_missing_index_names_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let e = RoleIndex::open(&dir.path().join("nope"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("nope") && e.contains("no index"), "{e}");
    }

    #[test]
    fn duplicate_ids_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let roles = vec![role("a", "X", ""), role("a", "Y", "")];
        assert!(build(&roles, &RoleSource::Embedded, dir.path()).is_err());
        assert!(!exists(dir.path()));
    }

    #[test]
    fn fingerprint_changes_when_a_role_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r.toml");
        std::fs::write(&f, "id = 'x'\ntitle = 'X'\n").unwrap();
        let src = RoleSource::Paths {
            paths: vec![dir.path().to_path_buf()],
        };
        let a = src.fingerprint().unwrap();
        std::fs::write(&f, "id = 'x'\ntitle = 'X Y'\n").unwrap();
        let b = src.fingerprint().unwrap();
        assert_ne!(a, b);
    }
}
