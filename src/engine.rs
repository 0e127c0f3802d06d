//! The library's entry point: an [`Engine`] holds an index of roles and the
//! knowledge matching reads, and matches CVs against them.
//!
//! ```no_run
//! use cvmatch::{Engine, EngineOptions};
//!
//! # fn main() -> cvmatch::Result<()> {
//! let engine = Engine::open("index", EngineOptions::default())?;
//! let found = engine.match_path("cv.pdf")?;
//! for m in &found.matches {
//!     println!("{:5.1} {} ({}/{} essentials)", m.score, m.title, m.essentials_met, m.essentials_total);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! An engine never prints: what `cvmatch` would say on stderr (an index older
//! than its roles, closed adverts skipped, a scanned CV) comes back as values,
//! in [`Engine::warnings`] and [`CvMatch::warnings`]. Everything is bounded by
//! [`EngineOptions::extract`]'s [`Limits`](crate::limits::Limits): one
//! deadline per CV covers reading, analysing and scoring it.
//!
//! The commands of [`crate::app`] are built on the same engine: `cvmatch match`
//! and `cvmatch batch` give the same matches for the same options.

use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::blind::Pseudonyms;
use crate::config::{EngineOptions, IndexLocation};
use crate::cv;
use crate::error::{Error, Result};
use crate::extract::{self, ExtractOptions};
use crate::index::{self, RoleIndex, RoleSource};
use crate::knowledge::Knowledge;
use crate::limits::Deadline;
use crate::report;
use crate::roles::Role;
use crate::score::{Matcher, RoleMatch, Scope};

/// A CV with fewer characters than this is probably a scan or an image.
const LITTLE_TEXT: usize = 200;

/// Matches CVs against the roles of one index.
///
/// Open one with [`Engine::open`] (an index directory built by `cvmatch
/// index`) or [`Engine::samples`] (the sample roles built into the library),
/// then match CVs with [`Engine::match_path`], [`Engine::match_bytes`] or, for
/// many, [`Engine::batch`]. An engine is `Send` and `Sync`: share it between
/// threads by reference.
pub struct Engine {
    // Dropped before `_samples`, whose folder it reads.
    index: RoleIndex,
    knowledge: Knowledge,
    options: EngineOptions,
    /// `EngineOptions::roles` as positions in the index.
    named: Option<Vec<usize>>,
    /// The positions the filter keeps, when it leaves some out.
    allowed: Option<Vec<usize>>,
    warnings: Vec<String>,
    /// The role analysis cache, read beside opening the index, for the first
    /// matcher.
    preloaded: std::sync::Mutex<Option<crate::score::cache::Preloaded>>,
    /// The role analysis of the first matcher made, shared by every later one.
    prepared: std::sync::Mutex<Option<std::sync::Arc<crate::score::Prepared>>>,
    _samples: Option<PrivateDir>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("index", &self.index.dir())
            .field("roles", &self.index.role_count())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// A folder of our own, removed with everything in it when dropped.
#[derive(Debug)]
struct PrivateDir(PathBuf);

impl PrivateDir {
    /// A new folder under the temporary directory, readable by this user only.
    fn create() -> Result<PrivateDir> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for n in 0..100u32 {
            let dir = base.join(format!(
                "cvmatch-samples-{}-{nanos:09}-{n}",
                std::process::id()
            ));
            let mut b = std::fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            match b.create(&dir) {
                Ok(()) => return Ok(PrivateDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(&dir, e)),
            }
        }
        Err(Error::io(
            &base,
            std::io::Error::other("cannot create a private folder for the sample index"),
        ))
    }
}

impl Drop for PrivateDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The lines written to a message sink, as values.
fn lines_of(sink: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(sink)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

impl Engine {
    /// Opens the index in `dir`, built by `cvmatch index` (or
    /// [`index::build`]). It must exist; an index older than its role files is
    /// used as it is, with a warning in [`Engine::warnings`].
    ///
    /// Fails when there is no index, when it is damaged or of another format,
    /// when `options` name a role the index does not hold, when the filter
    /// keeps no role, or when a taxonomy file in `options` cannot be read.
    pub fn open(dir: impl AsRef<Path>, options: EngineOptions) -> Result<Engine> {
        let mut sink = Vec::new();
        let loc = IndexLocation::Explicit(dir.as_ref().to_path_buf());
        let mut engine = Engine::open_at(&loc, options, &mut sink)?;
        engine.warnings = lines_of(&sink);
        Ok(engine)
    }

    /// An engine on the sample roles built into the library (the ones in
    /// `samples/roles` of the source), indexed in a private temporary folder
    /// that is removed when the engine is dropped. Needs no file of its own:
    /// it works on a fresh machine.
    pub fn samples(options: EngineOptions) -> Result<Engine> {
        let roles = crate::roles::embedded()?;
        Engine::from_roles(&roles, RoleSource::Embedded, options)
    }

    /// An engine on `roles` (loaded with [`crate::roles`]' loaders or made in
    /// code), indexed in a private temporary folder that is removed when the
    /// engine is dropped. `source` is recorded in the index's manifest.
    pub fn from_roles(
        roles: &[Role],
        source: RoleSource,
        options: EngineOptions,
    ) -> Result<Engine> {
        let mut sink = Vec::new();
        crate::app::warn_roles(roles, &mut sink);
        let dir = PrivateDir::create()?;
        index::build(roles, &source, &dir.0)?;
        let index = RoleIndex::open(&dir.0)?;
        let mut engine = Engine::assemble(index, options, &mut sink)?;
        engine.warnings = lines_of(&sink);
        engine._samples = Some(dir);
        Ok(engine)
    }

    /// An engine on an index already open: resolves the roles `options` name
    /// or keep and loads the knowledge. Notes (adverts skipped, roles left)
    /// are written to `err`.
    /// Opens the index at `loc` and builds the knowledge side by side (two
    /// threads: a cold single match spends most of its time on these two),
    /// then [`assemble`](Self::assemble)s them. The notes of opening come
    /// first on `err`, then those of the knowledge.
    pub(crate) fn open_at(
        loc: &IndexLocation,
        options: EngineOptions,
        err: &mut dyn Write,
    ) -> Result<Engine> {
        let dir = loc.dir();
        let (index, knowledge, notes, preloaded) = std::thread::scope(|s| {
            let imports = &options.settings.imports;
            let dir = &dir;
            let building = s.spawn(move || {
                let mut notes = Vec::new();
                let k = crate::app::load_knowledge_in(imports, Some(dir), &mut notes);
                (k, notes)
            });
            // The role analysis cache, read while the index opens and the
            // knowledge is built; it is checked against both when the matcher
            // is made. Three jobs rather than two: the longest no longer
            // waits for the other two in turn.
            let reading = s.spawn(move || crate::score::cache::preload(dir));
            let index = crate::app::open_index(loc, err);
            let (knowledge, notes) = building
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            let preloaded = reading
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (index, knowledge, notes, preloaded)
        });
        let index = index?;
        let _ = err.write_all(&notes);
        let engine = Engine::assemble_with(index, knowledge?, options, err)?;
        if let Ok(mut p) = engine.preloaded.lock() {
            *p = preloaded;
        }
        Ok(engine)
    }

    pub(crate) fn assemble(
        index: RoleIndex,
        options: EngineOptions,
        err: &mut dyn Write,
    ) -> Result<Engine> {
        let knowledge = crate::app::load_knowledge(&options.settings.imports, err)?;
        Engine::assemble_with(index, knowledge, options, err)
    }

    /// An engine on an open index and built knowledge.
    fn assemble_with(
        index: RoleIndex,
        knowledge: Knowledge,
        options: EngineOptions,
        err: &mut dyn Write,
    ) -> Result<Engine> {
        let (named, allowed) = if options.roles.is_empty() {
            let allowed = crate::app::select_roles(&options.filter, &index, err)?;
            (None, allowed)
        } else {
            let named =
                crate::app::named_roles(&options.roles, &options.filter, index.roles()?, err)?;
            (Some(named), None)
        };
        Ok(Engine {
            index,
            knowledge,
            options,
            named,
            allowed,
            warnings: Vec::new(),
            preloaded: std::sync::Mutex::new(None),
            prepared: std::sync::Mutex::new(None),
            _samples: None,
        })
    }

    /// The indexed roles; [`RoleMatch::role`] is a position in this slice.
    /// The first call reads them all from the index (a damaged index is an
    /// error); matching alone reads only the roles it re-ranks.
    pub fn roles(&self) -> Result<&[Role]> {
        self.index.roles()
    }

    /// How many roles the index holds.
    pub fn role_count(&self) -> usize {
        self.index.role_count()
    }

    /// The role a match is for (`None` when the index cannot give it).
    pub fn role(&self, m: &RoleMatch) -> Option<&Role> {
        self.index.role(m.role).ok().flatten()
    }

    /// The index the engine reads.
    pub fn index(&self) -> &RoleIndex {
        &self.index
    }

    /// The knowledge (taxonomy, thesaurus, background) matching reads.
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// The options the engine was opened with.
    pub fn options(&self) -> &EngineOptions {
        &self.options
    }

    /// What opening the engine had to say, one line each, as `cvmatch` prints
    /// them on stderr (`warning: …`, `note: …`): an index older than its
    /// roles, values left out of role files, closed adverts skipped, how many
    /// roles the filter keeps.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The roles each CV is scored against.
    pub(crate) fn scope(&self) -> Scope<'_> {
        match (&self.named, &self.allowed) {
            (Some(named), _) => Scope::Only(named),
            (None, Some(allowed)) => Scope::Among(allowed),
            (None, None) => Scope::All,
        }
    }

    /// The ids of the roles named in [`EngineOptions::roles`] that the filter
    /// kept, in the order named (empty when none were named).
    pub fn named_roles(&self) -> Vec<String> {
        self.named
            .iter()
            .flatten()
            .filter_map(|&i| self.index.role(i).ok().flatten())
            .map(|r| r.id.clone())
            .collect()
    }

    /// The scorer over this engine's roles. The first call analyses the roles
    /// (or reads that analysis from its cache beside the index); every later
    /// call, and so each [`Engine::match_path`], [`Engine::match_bytes`] and
    /// [`Engine::batch`] after the first, shares it. Fails only when the index
    /// cannot be read.
    pub fn matcher(&self) -> Result<Matcher<'_>> {
        let weights = self.options.settings.weights;
        let mut slot = self
            .prepared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(p) = slot.as_ref() {
            return Ok(Matcher::from_prepared(
                &self.index,
                &self.knowledge,
                weights,
                std::sync::Arc::clone(p),
            ));
        }
        let preloaded = self.preloaded.lock().ok().and_then(|mut p| p.take());
        let m = Matcher::with_preloaded(&self.index, &self.knowledge, weights, preloaded)?;
        *slot = Some(m.prepared());
        Ok(m)
    }

    /// Reads, analyses and matches the CV at `path` (`.pdf`, `.docx` or
    /// `.txt`), within one deadline ([`crate::limits::Limits::time`]).
    ///
    /// The matches are best first, cut to [`EngineOptions::top`]. Fails with
    /// the CV's error when it cannot be read (missing, unsupported, damaged,
    /// encrypted, over a limit).
    pub fn match_path(&self, path: impl AsRef<Path>) -> Result<CvMatch> {
        let path = path.as_ref();
        if path.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a directory; match the CVs in it with Engine::batch",
                path.display()
            )));
        }
        let matcher = self.matcher()?;
        let names = self.pseudonyms(&[path.to_path_buf()]);
        let opts = &self.options.extract;
        match_cv_file(
            &matcher,
            path,
            self.options.top,
            names.as_ref(),
            opts,
            self.scope(),
        )
        .into_result()
    }

    /// Matches a CV held in memory. Its format comes from `name`'s extension
    /// (`.pdf`, `.docx` or `.txt`), as for a file of that name; `name` also
    /// names the CV in errors and warnings. Gives the same matches as
    /// [`Engine::match_path`] on a file holding `bytes`.
    pub fn match_bytes(&self, bytes: &[u8], name: impl AsRef<Path>) -> Result<CvMatch> {
        let name = name.as_ref();
        let matcher = self.matcher()?;
        let names = self.pseudonyms(&[name.to_path_buf()]);
        let opts = &self.options.extract;
        let deadline = opts.limits.deadline();
        let doc = extract::extract_named_bytes_within(bytes, name, opts, &deadline);
        match_document(
            &matcher,
            name,
            doc,
            self.options.top,
            names.as_ref(),
            self.scope(),
            &deadline,
        )
        .into_result()
    }

    /// Matches many CV files, yielding one [`BatchItem`] per path, in the order
    /// given, as an iterator. A CV that cannot be read (or that panics its
    /// reader) is an item with an error; the iterator goes on with the next.
    ///
    /// CVs are read in parallel on rayon's global pool, a few per thread at a
    /// time, so memory stays bounded however many paths there are. Paths are
    /// taken as given: folders are not walked. In blind mode the CVs are named
    /// `candidate-NNN` for this batch.
    ///
    /// Fails only when the index cannot be read.
    pub fn batch<I, P>(&self, paths: I) -> Result<Batch<'_>>
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        let files: Vec<PathBuf> = paths.into_iter().map(Into::into).collect();
        let names = self.pseudonyms(&files);
        let chunk = rayon::current_num_threads().max(1) * 4;
        Ok(Batch {
            engine: self,
            matcher: self.matcher()?,
            names,
            files: files.into_iter(),
            ready: VecDeque::new(),
            chunk,
        })
    }

    fn pseudonyms(&self, files: &[PathBuf]) -> Option<Pseudonyms> {
        self.options.blind.then(|| Pseudonyms::new(files))
    }
}

/// The matches of one CV.
#[derive(Debug, Clone, PartialEq)]
pub struct CvMatch {
    /// The CV as shown: its path as given, or `candidate-NNN` in blind mode.
    pub cv: String,
    /// The roles, best first (score, then role id), cut to
    /// [`EngineOptions::top`]. Each holds its criteria with their evidence.
    pub matches: Vec<RoleMatch>,
    /// Problems that did not stop matching, one line each: text that looks
    /// scanned or unreliable, so the scores are too.
    pub warnings: Vec<String>,
}

/// One CV of a [`Batch`]: its path, and its matches or why it has none.
#[derive(Debug)]
pub struct BatchItem {
    /// The path as given to [`Engine::batch`].
    pub path: PathBuf,
    /// The matches, or the CV's error.
    pub result: Result<CvMatch>,
}

/// The iterator of [`Engine::batch`]: one [`BatchItem`] per path, in order.
pub struct Batch<'e> {
    engine: &'e Engine,
    matcher: Matcher<'e>,
    names: Option<Pseudonyms>,
    files: std::vec::IntoIter<PathBuf>,
    ready: VecDeque<BatchItem>,
    chunk: usize,
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("left", &(self.ready.len() + self.files.len()))
            .finish_non_exhaustive()
    }
}

impl Iterator for Batch<'_> {
    type Item = BatchItem;

    fn next(&mut self) -> Option<BatchItem> {
        if self.ready.is_empty() {
            let chunk: Vec<PathBuf> = self.files.by_ref().take(self.chunk).collect();
            let (engine, matcher, names) = (self.engine, &self.matcher, self.names.as_ref());
            let opts = &engine.options;
            let done: Vec<BatchItem> = chunk
                .into_par_iter()
                .map(|path| {
                    let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        match_any_file(
                            matcher,
                            &path,
                            opts.top,
                            names,
                            &opts.extract,
                            engine.scope(),
                        )
                    }))
                    .unwrap_or_else(|_| Scored::panicked(&path, names));
                    BatchItem {
                        result: scored.into_result(),
                        path,
                    }
                })
                .collect();
            self.ready.extend(done);
        }
        self.ready.pop_front()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.ready.len() + self.files.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Batch<'_> {}

/// What matching one CV gave, before it becomes a report row (the commands)
/// or a [`CvMatch`] (the engine).
#[derive(Debug)]
pub(crate) struct Scored {
    /// The CV as shown ([`shown_path`]).
    pub shown: String,
    /// The matches, best first and cut, or why there are none.
    pub matches: Result<Vec<RoleMatch>>,
    /// Warnings, made one line (and redacted in blind mode).
    pub warnings: Vec<String>,
}

impl Scored {
    /// The row of a CV whose reader panicked.
    pub(crate) fn panicked(path: &Path, blind: Option<&Pseudonyms>) -> Scored {
        let shown = shown_path(path, blind);
        Scored {
            matches: Err(Error::invalid(
                if blind.is_some() {
                    Path::new(&shown)
                } else {
                    path
                },
                "internal error while reading this CV",
            )),
            shown,
            warnings: Vec::new(),
        }
    }

    fn into_result(self) -> Result<CvMatch> {
        let matches = self.matches?;
        Ok(CvMatch {
            cv: self.shown,
            matches,
            warnings: self.warnings,
        })
    }
}

/// The path to show for a CV: as given, or in blind mode its `candidate-NNN`
/// name for this run ([`Pseudonyms`]), which holds nothing of the path.
pub(crate) fn shown_path(path: &Path, blind: Option<&Pseudonyms>) -> String {
    match blind {
        Some(names) => names.name(path),
        None => path.display().to_string(),
    }
}

pub(crate) use crate::error::without_path;

/// Replaces each evidence line by its redacted form.
fn redact_evidence(matches: &mut [RoleMatch], cv: &cv::Cv) {
    // Every piece of personal data the CV holds, to keep out of any text
    // quoted from it.
    let personal: Vec<&str> = cv
        .personal
        .iter()
        .map(|p| &cv.lines[p.line].text[p.start..p.end])
        .filter(|t| t.len() >= 3)
        .collect();
    for m in matches {
        for c in &mut m.criteria {
            if let Some(l) = c.evidence_line {
                c.evidence = Some(cv.redacted_line(l));
            }
        }
        if let Some(t) = &m.title_match
            && personal.iter().any(|p| t.contains(p))
        {
            m.title_match = Some(cv.redact_str(t));
        }
    }
}

/// The best `top` matches (0: all).
pub(crate) fn cut(mut matches: Vec<RoleMatch>, top: usize) -> Vec<RoleMatch> {
    if top > 0 {
        matches.truncate(top);
    }
    matches
}

/// Why a document's text is unreliable (scanned, empty, undecodable fonts,
/// damaged), when it is.
pub(crate) fn unreliable_warning(shown: &str, doc: &extract::Document) -> Option<String> {
    if doc.is_reliable() {
        return None;
    }
    let mut msg = format!(
        "{shown}: text is unreliable ({})",
        doc.stats.status.as_str()
    );
    if !doc.stats.warnings.is_empty() {
        msg.push_str(": ");
        msg.push_str(&doc.stats.warnings.join("; "));
    }
    Some(report::one_line(&msg))
}

/// Extracts, analyses and scores one CV file, within one deadline for all of
/// it. In blind mode (`blind` names the run's CVs) the CV is shown as
/// `candidate-NNN` and evidence lines lose personal data.
pub(crate) fn match_cv_file(
    matcher: &Matcher<'_>,
    path: &Path,
    top: usize,
    blind: Option<&Pseudonyms>,
    opts: &ExtractOptions,
    scope: Scope<'_>,
) -> Scored {
    // One deadline for everything done for this CV.
    let deadline = opts.limits.deadline();
    match_document(
        matcher,
        path,
        extract::extract_path_within(path, opts, &deadline),
        top,
        blind,
        scope,
        &deadline,
    )
}

/// [`match_cv_file`] for any path of a batch: a file of a type cvmatch does
/// not read (or a missing one) gets the error that names why, unopened.
pub(crate) fn match_any_file(
    matcher: &Matcher<'_>,
    path: &Path,
    top: usize,
    blind: Option<&Pseudonyms>,
    opts: &ExtractOptions,
    scope: Scope<'_>,
) -> Scored {
    if extract::is_supported(path) {
        match_cv_file(matcher, path, top, blind, opts, scope)
    } else {
        let e = Err(extract::unreadable_error(path));
        match_document(matcher, path, e, top, blind, scope, &Deadline::never())
    }
}

/// Analyses and scores one extracted CV (or keeps why it could not be read).
pub(crate) fn match_document(
    matcher: &Matcher<'_>,
    path: &Path,
    doc: Result<extract::Document>,
    top: usize,
    blind: Option<&Pseudonyms>,
    scope: Scope<'_>,
    deadline: &Deadline,
) -> Scored {
    let shown = shown_path(path, blind);
    // In blind mode an error names the CV by its shown name only, for the
    // library's callers as for the reports.
    let blind_error = |e: Error| {
        if blind.is_some() {
            e.shown_as(path, &shown)
        } else {
            e
        }
    };
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            return Scored {
                matches: Err(blind_error(e)),
                shown,
                warnings: Vec::new(),
            };
        }
    };
    let cv = match cv::analyse_within(&doc, cv::YearMonth::today(), matcher.knowledge(), deadline) {
        Ok(cv) => cv,
        Err(hit) => {
            return Scored {
                matches: Err(blind_error(Error::Limit {
                    path: path.to_path_buf(),
                    hit,
                })),
                shown,
                warnings: Vec::new(),
            };
        }
    };
    let mut warnings = Vec::new();
    let chars = doc.text.chars().filter(|c| !c.is_whitespace()).count();
    if let Some(w) = unreliable_warning(&shown, &doc) {
        warnings.push(format!("{w}; scores will be unreliable"));
    } else if chars < LITTLE_TEXT {
        warnings.push(format!(
            "{shown}: only {chars} characters of text found; is it a scanned or image-only CV? Scores will be unreliable"
        ));
    }
    let matches = matcher
        .score_scoped(&cv, scope, deadline, path)
        .map(|m| {
            let mut m = cut(m, top);
            if blind.is_some() {
                redact_evidence(&mut m, &cv);
            }
            m
        })
        .map_err(blind_error);
    for w in &mut warnings {
        if blind.is_some() {
            *w = cv.redact_str(&without_path(w, path, &shown));
        }
        *w = report::one_line(w);
    }
    Scored {
        shown,
        matches,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_and_sync() {
        fn both<T: Send + Sync>() {}
        both::<Engine>();
        both::<CvMatch>();
    }

    /// Every matcher after the first shares the first one's role analysis, and
    /// scores as it does.
    #[test]
    fn matchers_share_one_role_analysis() {
        let e = Engine::samples(EngineOptions::default().with_top(0)).unwrap();
        let a = e.matcher().unwrap();
        let b = e.matcher().unwrap();
        assert!(std::sync::Arc::ptr_eq(&a.prepared(), &b.prepared()));
        let cv = env!("CARGO_MANIFEST_DIR").to_string() + "/samples/cvs/amara-okafor.pdf";
        let first = e.match_path(&cv).unwrap();
        let again = e.match_path(&cv).unwrap();
        assert_eq!(first, again);
        assert!(!first.matches.is_empty());
    }

    #[test]
    fn private_dir_is_removed_on_drop() {
        let d = PrivateDir::create().unwrap();
        let path = d.0.clone();
        std::fs::write(path.join("x"), "y").unwrap();
        drop(d);
        assert!(!path.exists());
    }
}
