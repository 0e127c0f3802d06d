//! The commands, on plain configuration: `index`, `match`, `batch`, `extract` and
//! `roles`.
//!
//! Each command writes its report to `out` and warnings and progress to `err`, and
//! returns an [`Outcome`]: every input handled, or some inputs failed while the
//! rest were reported. Fatal problems (no index, bad options) are errors. The
//! binary maps these to exit codes 0, 1 and 2.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::blind::Pseudonyms;
use crate::config::{
    BatchConfig, CacheAction, CacheConfig, EvalConfig, ExtractConfig, Format, Imports, IndexConfig,
    IndexLocation, MatchConfig, ParseConfig, RolesConfig, check_jobs, default_index_dir,
    default_role_source, lock_wait,
};
use crate::cv;
use crate::engine::{self, Engine, cut, shown_path, unreliable_warning};
use crate::error::{Error, Result};
use crate::extract;
use crate::index::{self, Manifest, RoleIndex, RoleSource};
use crate::knowledge::Knowledge;

mod resume;
mod shortlist;
use crate::report::{self, CvReport, ReportOptions};
use crate::roles::{Role, RoleFilter};
use crate::score::Matcher;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything succeeded (warnings do not count).
    Success,
    /// Some inputs failed; the others were reported.
    Partial,
}

impl Outcome {
    /// The process exit code: 0 or 1.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Success => 0,
            Outcome::Partial => 1,
        }
    }
}

/// The knowledge matching reads: the built-in tables, extended by the files in
/// `imports` (each file's licence attribution is printed on `err`).
pub(crate) fn load_knowledge(imports: &Imports, err: &mut dyn Write) -> Result<Knowledge> {
    load_knowledge_in(imports, None, err)
}

/// [`load_knowledge`], with the built-in tables' prepared image kept in the
/// index folder `image_dir` ([`Knowledge::with_imports_in`]).
pub(crate) fn load_knowledge_in(
    imports: &Imports,
    image_dir: Option<&Path>,
    err: &mut dyn Write,
) -> Result<Knowledge> {
    use crate::text::import;
    let mut skills = Vec::new();
    let mut titles = Vec::new();
    for (files, into, what) in [
        (&imports.skills, &mut skills, "skills"),
        (&imports.occupations, &mut titles, "occupations"),
    ] {
        for f in files {
            let entries = if what == "skills" {
                import::read_skills_file(f)?
            } else {
                import::read_occupations_file(f)?
            };
            if let Some(a) = import::attribution(f) {
                let _ = writeln!(err, "note: {}", report::printable(&a));
            }
            let _ = writeln!(
                err,
                "note: {} read {} {what}",
                printable_path(f),
                entries.len()
            );
            into.extend(entries);
        }
    }
    Ok(Knowledge::with_imports_in(skills, titles, image_dir))
}

/// `cvmatch index`: loads the roles and builds the index atomically, under the
/// index's writer lock (waiting for another build of the same index first).
pub fn run_index(cfg: &IndexConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<Manifest> {
    let source = cfg.source();
    let dir = cfg.index.dir();
    let roles = source.load_with(&cfg.role_limits)?;
    warn_roles(&roles, err);
    let lock = lock_index(&dir, cfg.lock_wait, err)?;
    let manifest = index::build_locked(&lock, &roles, &source)?;
    drop(lock);
    // Analyse the roles now (cached with the index), not on the first match.
    let idx = RoleIndex::open(&dir)?;
    let knowledge = load_knowledge_in(&cfg.settings.imports, Some(&dir), err)?;
    drop(Matcher::new(&idx, &knowledge, cfg.settings.weights)?);
    writeln!(
        out,
        "indexed {} roles from {} into {}",
        manifest.roles,
        report::one_line(&source.describe()),
        printable_path(&dir)
    )
    .map_err(|e| Error::io("<stdout>", e))?;
    Ok(manifest)
}

/// How many of the roles' load warnings are shown one by one.
const ROLE_WARNINGS_SHOWN: usize = 20;

/// Shows on `err` what the role loaders left out (dates that are not dates…):
/// the first [`ROLE_WARNINGS_SHOWN`], then how many more.
pub(crate) fn warn_roles(roles: &[Role], err: &mut dyn Write) {
    let all: Vec<&String> = roles.iter().flat_map(|r| &r.warnings).collect();
    for w in all.iter().take(ROLE_WARNINGS_SHOWN) {
        let _ = writeln!(err, "warning: {w}");
    }
    if all.len() > ROLE_WARNINGS_SHOWN {
        let _ = writeln!(
            err,
            "warning: … and {} more values left out of the role files",
            all.len() - ROLE_WARNINGS_SHOWN
        );
    }
}

/// Takes the writer lock of the index in `dir`, saying so on `err` when
/// another process holds it and this one waits ([`lock_wait`]).
fn lock_index(
    dir: &Path,
    wait: Option<std::time::Duration>,
    err: &mut dyn Write,
) -> Result<index::WriterLock> {
    let wait = match wait {
        Some(w) => w,
        None => lock_wait()?,
    };
    index::WriterLock::acquire_with(dir, wait, |pid| {
        let who = pid.map_or_else(|| "another process".to_string(), |p| format!("pid {p}"));
        let _ = writeln!(
            err,
            "note: index {} is being rebuilt by {who}; waiting up to {}",
            dir.display(),
            crate::error::seconds(wait)
        );
    })
}

/// A path for a message: on one line, without control characters.
fn printable_path(p: &Path) -> String {
    report::one_line(&p.display().to_string())
}

/// The command that rebuilds the index in `dir` from `source`, for hints: never
/// one that would replace the user's roles by the samples.
fn rebuild_command(dir: &Path, source: Option<&RoleSource>) -> String {
    let roles = match source {
        Some(RoleSource::Paths { paths }) => paths
            .iter()
            .map(|p| format!(" --roles {}", p.display()))
            .collect::<String>(),
        Some(RoleSource::Embedded) => String::new(),
        None => " --roles YOUR_ROLES".into(),
    };
    format!("cvmatch index{roles} --index {}", dir.display())
}

/// Opens the index for `match`, `batch` and `roles`.
///
/// An explicit directory must hold an index. The default index is rebuilt from
/// its own roles when they changed since it was built. When it is missing it is
/// built from `./samples/roles` if that folder exists; otherwise it is an error
/// that says how to build one, unless the sample roles were asked for
/// ([`IndexLocation::Samples`]), so the built-in samples never silently stand in
/// for the user's roles.
pub(crate) fn open_index(loc: &IndexLocation, err: &mut dyn Write) -> Result<RoleIndex> {
    match loc {
        IndexLocation::Explicit(dir) => {
            if !index::exists(dir) {
                return Err(Error::index(
                    dir,
                    format!(
                        "no index here; build one with `{}`",
                        rebuild_command(dir, None)
                    ),
                ));
            }
            let idx = RoleIndex::open(dir).map_err(|e| match index::read_manifest(dir) {
                Ok(m) if m.format != index::INDEX_FORMAT => Error::index(
                    dir,
                    format!(
                        "built by another cvmatch (index format {}, this one reads {}); \
                         rebuild it with `{}`",
                        m.format,
                        index::INDEX_FORMAT,
                        rebuild_command(dir, Some(&m.source))
                    ),
                ),
                _ => e,
            })?;
            let source = idx.manifest().source.clone();
            if let Ok(false) = idx.is_fresh_for(&source) {
                let _ = writeln!(
                    err,
                    "warning: index {} is older than its roles; run `{}` to refresh it",
                    printable_path(dir),
                    report::one_line(&rebuild_command(dir, Some(&source)))
                );
            }
            Ok(idx)
        }
        IndexLocation::Default | IndexLocation::Samples => {
            let samples = *loc == IndexLocation::Samples;
            let dir = default_index_dir();
            if !index::exists(&dir) {
                let source = default_role_source();
                if source == RoleSource::Embedded && !samples {
                    return Err(Error::index(
                        &dir,
                        format!(
                            "no index here; build one from your roles with `{}` \
                             (or add --samples to try the built-in sample roles)",
                            rebuild_command(&dir, None)
                        ),
                    ));
                }
                return build_default(&dir, &source, "missing", err);
            }
            let idx = match RoleIndex::open(&dir) {
                Ok(idx) => idx,
                Err(e) if samples => {
                    let _ = writeln!(
                        err,
                        "note: rebuilding index {}: {}",
                        printable_path(&dir),
                        report::one_line(&e.to_string())
                    );
                    return build_default(&dir, &default_role_source(), "unreadable", err);
                }
                Err(e @ Error::IndexDamaged { .. }) => return Err(e),
                // Built by another cvmatch: rebuilt from its own roles.
                Err(_)
                    if index::read_manifest(&dir)
                        .is_ok_and(|m| m.format != index::INDEX_FORMAT) =>
                {
                    let m = index::read_manifest(&dir)?;
                    let why = format!("built by another cvmatch (index format {})", m.format);
                    return build_default(&dir, &m.source, &why, err);
                }
                Err(e) => {
                    return Err(Error::index(
                        &dir,
                        format!(
                            "cannot be read ({e}); rebuild it with `{}`",
                            rebuild_command(&dir, None)
                        ),
                    ));
                }
            };
            let source = idx.manifest().source.clone();
            match idx.is_fresh_for(&source) {
                Ok(true) => Ok(idx),
                Ok(false) => {
                    drop(idx);
                    build_default(&dir, &source, "older than its roles", err)
                }
                Err(e) => {
                    let _ = writeln!(
                        err,
                        "warning: cannot check whether index {} is up to date ({}); using it as it is",
                        printable_path(&dir),
                        report::one_line(&e.to_string())
                    );
                    Ok(idx)
                }
            }
        }
    }
}

/// Rebuilds the default index from `source` under the writer lock. Once the
/// lock is held, the index is checked again: when another process rebuilt it
/// from the same roles meanwhile, that index is used and nothing is rebuilt.
fn build_default(
    dir: &Path,
    source: &RoleSource,
    why: &str,
    err: &mut dyn Write,
) -> Result<RoleIndex> {
    let lock = lock_index(dir, None, err)?;
    if index::exists(dir)
        && let Ok(idx) = RoleIndex::open(dir)
        && matches!(idx.is_fresh_for(source), Ok(true))
    {
        return Ok(idx);
    }
    let roles = source.load()?;
    warn_roles(&roles, err);
    let m = index::build_locked(&lock, &roles, source)?;
    drop(lock);
    let _ = writeln!(
        err,
        "note: the index in {} was {why}; indexed {} roles from {}",
        printable_path(dir),
        m.roles,
        report::one_line(&source.describe())
    );
    RoleIndex::open(dir)
}

/// The report row of one CV (in blind mode its error already names it by its
/// `candidate-NNN` name only: [`engine::match_document`]).
fn row(s: engine::Scored) -> CvReport {
    let outcome = s
        .matches
        .map_err(|e| report::RowError::new(&e, e.to_string()));
    CvReport {
        cv: s.shown,
        outcome,
        warnings: s.warnings,
    }
}

/// The most a CV read from standard input may hold.
pub(crate) const STDIN_LIMIT: u64 = 64 << 20;

/// Reads standard input (a CV for `match -`, a path list for `--files-from -`),
/// up to [`STDIN_LIMIT`] bytes.
fn read_stdin() -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(STDIN_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("<stdin>", e))?;
    if bytes.len() as u64 > STDIN_LIMIT {
        return Err(Error::Usage(format!(
            "<stdin>: more than {} MiB; save it to a file instead",
            STDIN_LIMIT >> 20
        )));
    }
    Ok(bytes)
}

/// The blind names of a run's CVs, and the key file that maps them back to the
/// paths (`--blind-key`), written before any CV is read.
fn pseudonyms(blind: bool, files: &[PathBuf], key: Option<&Path>) -> Result<Option<Pseudonyms>> {
    if !blind {
        return Ok(None);
    }
    let names = Pseudonyms::new(files);
    if let Some(key) = key {
        names.write_key(key)?;
    }
    Ok(Some(names))
}

/// The `config` object echoed in JSON: weights, where they came from, and a
/// fingerprint of settings, taxonomy and index.
fn config_json(
    settings: &crate::config::Settings,
    k: &Knowledge,
    idx: &RoleIndex,
) -> serde_json::Value {
    let m = idx.manifest();
    serde_json::json!({
        "weights": settings.weights,
        "settings": settings.source.as_ref().map(|p| p.display().to_string()),
        "fingerprint": settings.fingerprint(k, &format!("{}:{}", m.fingerprint, m.built_at)),
    })
}

/// `cvmatch match`: one CV against every role.
///
/// Made for a command that ends after it: the index, knowledge and role tables
/// are not freed on return (the operating system takes them back at exit;
/// freeing them took about a tenth of a cold match against a large index). A
/// program that matches many CVs uses [`crate::Engine`] instead.
pub fn run_match(cfg: &MatchConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let stdin = cfg.cv.as_os_str() == "-";
    if !stdin && !cfg.cv.exists() {
        return Err(Error::io(
            &cfg.cv,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    if cfg.cv.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a directory; use `cvmatch batch` for folders",
            cfg.cv.display()
        )));
    }
    let engine = Engine::open_at(&cfg.index, cfg.engine_options(), err)?;
    let (idx, knowledge) = (engine.index(), engine.knowledge());
    let scope = engine.scope();
    let matcher = engine.matcher()?;
    let path = if stdin {
        Path::new("<stdin>")
    } else {
        cfg.cv.as_path()
    };
    let names = pseudonyms(cfg.blind, &[path.to_path_buf()], cfg.blind_key.as_deref())?;
    let blind = names.as_ref();
    let scored = if stdin {
        let deadline = cfg.extract.limits.deadline();
        let doc = read_stdin()
            .and_then(|b| extract::extract_bytes_within(&b, path, &cfg.extract, &deadline));
        engine::match_document(&matcher, path, doc, cfg.top, blind, scope, &deadline)
    } else {
        engine::match_cv_file(&matcher, path, cfg.top, blind, &cfg.extract, scope)
    };
    // A damaged index fails the run: it is not this CV's fault.
    let scored = match scored.matches {
        Err(e) if e.kind() == crate::error::ErrorKind::Index => return Err(e),
        matches => engine::Scored { matches, ..scored },
    };
    let report = row(scored);
    let config = config_json(&cfg.settings, knowledge, idx);
    for w in &report.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    let opts = ReportOptions {
        explain: cfg.explain,
        config: Some(&config),
    };
    // Only the matched roles are read from the index: a lookup against
    // thousands of roles needs a few of them.
    let (roles, report) = matched_roles(idx, report)?;
    let res = match cfg.format {
        Format::Json | Format::Jsonl => writeln!(out, "{}", report::cv_json(&report, &roles, opts)),
        _ => {
            let mut r = report.clone();
            r.warnings.clear();
            report::write_match_table(out, &r, &roles, opts)
        }
    };
    res.map_err(|e| Error::io("<stdout>", e))?;
    std::mem::forget(matcher);
    std::mem::forget(engine);
    match &report.outcome {
        Ok(_) => Ok(Outcome::Success),
        Err(e) => {
            let _ = writeln!(err, "error: {}", report::one_line(e));
            Ok(Outcome::Partial)
        }
    }
}

/// The roles `filter` keeps, by position: `None` when it keeps them all.
/// Says on `err` how many closed adverts were skipped and, when the filter
/// narrows the roles, how many are left; fails when none is.
/// The roles `report` matched, read from the index, with the report's role
/// positions renumbered into that list.
fn matched_roles(idx: &RoleIndex, mut report: CvReport) -> Result<(Vec<Role>, CvReport)> {
    let mut roles = Vec::new();
    if let Ok(matches) = &mut report.outcome {
        for m in matches {
            if let Some(r) = idx.role(m.role)? {
                roles.push(r.clone());
                m.role = roles.len() - 1;
            } else {
                m.role = usize::MAX;
            }
        }
    }
    Ok((roles, report))
}

pub(crate) fn select_roles(
    filter: &RoleFilter,
    idx: &RoleIndex,
    err: &mut dyn Write,
) -> Result<Option<Vec<usize>>> {
    filter.check()?;
    let mut filter = filter.clone();
    if filter.today.is_none() {
        filter.today = crate::config::today_override()?;
    }
    // Closing dates alone need no role read from the index.
    let sel = if filter.needs_roles() {
        filter.select(idx.roles()?)
    } else {
        filter.select_by_closing(idx.closing_dates())
    };
    let total = idx.role_count();
    if sel.allowed.is_empty() {
        return Err(Error::Usage(filter.nothing_left(&sel, total)));
    }
    if sel.expired > 0 {
        let _ = writeln!(
            err,
            "note: skipped {} role{} whose advert closed before {} (validThrough); \
             --include-expired keeps them",
            sel.expired,
            if sel.expired == 1 { "" } else { "s" },
            sel.today
        );
    }
    if filter.narrows() {
        let _ = writeln!(
            err,
            "note: {} of {} roles pass the filters ({})",
            sel.allowed.len(),
            total,
            filter.describe()
        );
    }
    Ok((sel.allowed.len() < total).then_some(sel.allowed))
}

/// The positions of the roles named by `--role` (or `shortlist ROLE_ID`), in
/// the order named, that pass `filter`'s criteria. A named role whose advert
/// has closed is kept (shortlisting comes after the closing date), with a note.
pub(crate) fn named_roles(
    ids: &[String],
    filter: &RoleFilter,
    roles: &[Role],
    err: &mut dyn Write,
) -> Result<Vec<usize>> {
    filter.check()?;
    let mut named = Vec::new();
    for id in ids {
        match roles.iter().position(|r| &r.id == id) {
            Some(i) => named.push(i),
            None => {
                return Err(Error::Usage(format!(
                    "no role `{id}` in the index; `cvmatch roles` lists them"
                )));
            }
        }
    }
    let mut filter = filter.clone();
    if filter.today.is_none() {
        filter.today = crate::config::today_override()?;
    }
    let today = filter.today();
    for &i in named.iter().filter(|_| !filter.include_expired) {
        if let Some(closed) = roles[i].valid_through.filter(|d| *d < today) {
            let _ = writeln!(
                err,
                "note: the advert of `{}` closed on {closed}; kept because it was named",
                roles[i].id
            );
        }
    }
    if !filter.narrows() {
        return Ok(named);
    }
    filter.include_expired = true;
    let sel = filter.select(roles);
    let (kept, out): (Vec<usize>, Vec<usize>) = named
        .into_iter()
        .partition(|i| sel.allowed.binary_search(i).is_ok());
    let list = |v: &[usize]| {
        v.iter()
            .map(|&i| format!("`{}`", roles[i].id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if kept.is_empty() {
        return Err(Error::Usage(format!(
            "no role passes the filters ({}): {} named, outside them",
            filter.describe(),
            list(&out)
        )));
    }
    if !out.is_empty() {
        let _ = writeln!(
            err,
            "note: {} left out by the filters ({})",
            list(&out),
            filter.describe()
        );
    }
    Ok(kept)
}

/// What a walk of the command line's paths found.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// CV files in path order: files named outright, supported files found in
    /// folders, and files in a known unsupported CV format (`.doc`, `.rtf`…),
    /// which become error rows naming the format. A missing path is kept, so it
    /// becomes an error row too.
    pub files: Vec<PathBuf>,
    /// Hidden and lock files in folders (`._cv.pdf`, `~$cv.docx`), left out.
    pub hidden: usize,
    /// Files of other types in folders, left out.
    pub other: usize,
}

impl Collected {
    /// One line for stderr on what was left out, if anything.
    pub(crate) fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.other > 0 {
            parts.push(format!(
                "{} file{} of other types (cvmatch reads {})",
                self.other,
                if self.other == 1 { "" } else { "s" },
                extract::SUPPORTED_EXTENSIONS
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if self.hidden > 0 {
            parts.push(format!(
                "{} hidden or lock file{} (._*, ~$*, dot files)",
                self.hidden,
                if self.hidden == 1 { "" } else { "s" }
            ));
        }
        (!parts.is_empty()).then(|| format!("skipped {}", parts.join(" and ")))
    }
}

/// CV files named by `paths`: files as given, folders walked recursively (see
/// [`Collected`]).
pub(crate) fn collect_cv_files(paths: &[PathBuf]) -> Collected {
    let mut c = Collected::default();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if extract::is_hidden_or_lock(e.path()) {
                            c.hidden += 1;
                        } else if extract::is_supported(e.path())
                            || extract::unsupported_format(e.path()).is_some()
                        {
                            c.files.push(e.into_path());
                        } else {
                            c.other += 1;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        // An unreadable entry becomes an error row.
                        if let Some(path) = e.path() {
                            c.files.push(path.to_path_buf());
                        }
                    }
                }
            }
        } else {
            c.files.push(p.clone());
        }
    }
    c.files.sort();
    c.files.dedup();
    c
}

fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    check_jobs(jobs)?;
    let mut b = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("cvmatch-{i}"));
    if let Some(n) = jobs {
        b = b.num_threads(n);
    }
    b.build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))
}

fn progress_bar(show: bool, len: usize, what: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(len as u64);
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{{spinner}} {what} {{pos}}/{{len}} [{{bar:30}}] {{per_sec}}, {{elapsed}} elapsed, eta {{eta}}"
    )) {
        pb.set_style(style);
    }
    pb
}

/// The paths listed in `file` (`-`: standard input), one per line; blank lines
/// are skipped.
fn read_path_list(file: &Path) -> Result<Vec<PathBuf>> {
    let text = if file.as_os_str() == "-" {
        String::from_utf8_lossy(&read_stdin()?).into_owned()
    } else {
        std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?
    };
    Ok(text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect())
}

/// `cvmatch batch`: every CV under the paths against every role.
pub fn run_batch(cfg: &BatchConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let mut paths = cfg.paths.clone();
    if let Some(list) = &cfg.files_from {
        paths.extend(read_path_list(list)?);
    }
    if paths.is_empty() {
        return Err(Error::Usage(
            "batch needs at least one file or folder".into(),
        ));
    }
    if !matches!(
        cfg.format,
        Format::Table | Format::Csv | Format::Jsonl | Format::Html
    ) {
        return Err(Error::Usage(format!(
            "batch writes table, csv, jsonl or html, not {}",
            cfg.format.as_str()
        )));
    }
    if cfg.explain && (cfg.by_role || cfg.format == Format::Csv) {
        return Err(Error::Usage(
            "--explain lists criteria under each match in a table or JSON Lines report; \
             a CSV report has the unmet essentials and the top evidence as columns, and \
             --by-role shortlists list each candidate's unmet essentials"
                .into(),
        ));
    }
    if cfg.resume && cfg.blind {
        return Err(Error::Usage(
            "--resume cannot be used with --blind: blind names are drawn afresh each run, \
             so the report cannot say which CVs are done"
                .into(),
        ));
    }
    let pool = pool(cfg.jobs)?;
    let collected = collect_cv_files(&paths);
    let skipped = collected.note();
    if let Some(note) = &skipped {
        let _ = writeln!(err, "{note}");
    }
    let mut files = collected.files;
    let names = pseudonyms(cfg.blind, &files, cfg.blind_key.as_deref())?;
    if let Some(n) = &names {
        // Reported in the order of their blind names: in path order, the rows
        // would tell the file names' alphabetical order.
        files.sort_by_cached_key(|f| n.name(f));
    }
    let blind = names.as_ref();
    // `--role ID`: only those roles, each scored in full for every CV (and
    // kept by the filters when their advert has closed: they were named).
    // Otherwise the roles the filters keep, ranked as the whole index is.
    let engine = Engine::open_at(&cfg.index, cfg.engine_options(), err)?;
    let (idx, knowledge) = (engine.index(), engine.knowledge());
    let scope = engine.scope();
    let matcher = pool.install(|| engine.matcher())?;
    let read = &cfg.extract;
    // Calibration needs every role's score before the cut; a shortlist cuts
    // per role, not per CV. An HTML report needs the whole batch too, but only
    // each CV's top matches: it holds no more than it shows.
    let top = if cfg.calibrate || cfg.by_role {
        0
    } else {
        cfg.top
    };
    // An unreadable CV gets the same error row as any (the path anonymised
    // in blind mode).
    let work = |f: &PathBuf| -> CvReport {
        row(engine::match_any_file(&matcher, f, top, blind, read, scope))
    };
    if !cfg.calibrate
        && !cfg.by_role
        && let Some(format) = stream_format(cfg.format)
    {
        let config = config_json(&cfg.settings, knowledge, idx);
        return stream_batch(
            cfg,
            blind,
            format,
            &pool,
            &files,
            &work,
            idx.roles()?,
            &config,
            out,
            err,
        );
    }
    if cfg.resume && cfg.format == Format::Html {
        return Err(Error::Usage(
            "--resume needs --out FILE with JSON Lines output (-f jsonl or a .jsonl file), \
             not HTML"
                .into(),
        ));
    }
    if cfg.resume {
        return Err(Error::Usage(
            "--resume works with the per-CV report, not with --calibrate or --by-role".into(),
        ));
    }
    // Bounded memory: CVs are matched in input order through the reorder
    // window and each report keeps only what the report shows. Calibration
    // first counts every role's scores over the batch (a pass that keeps
    // nothing per CV), then shifts each CV's scores as it is matched again;
    // a shortlist keeps each role's best `--top` candidates as they come.
    let calibration = if cfg.calibrate {
        let pb = progress_bar(cfg.progress, files.len(), "calibrating");
        let mut c = crate::score::Calibration::default();
        in_order(
            &pool,
            files.len(),
            &|i| work(&files[i]),
            &mut |r: CvReport| {
                if let Ok(ms) = &r.outcome {
                    c.add(ms);
                }
                pb.inc(1);
                Ok(())
            },
        )?;
        pb.finish_and_clear();
        Some(c)
    } else {
        None
    };
    let pb = progress_bar(cfg.progress, files.len(), "matching");
    let mut heaps = cfg
        .by_role
        .then(|| shortlist::RoleHeaps::new(idx.role_count(), cfg.top));
    let mut reports: Vec<CvReport> = Vec::with_capacity(files.len());
    in_order(
        &pool,
        files.len(),
        &|i| work(&files[i]),
        &mut |mut r: CvReport| {
            if let Ok(ms) = &mut r.outcome {
                if let Some(c) = &calibration {
                    c.apply(ms);
                }
                let all = std::mem::take(ms);
                match &mut heaps {
                    Some(h) => h.offer(reports.len(), &r.cv, all),
                    None => *ms = cut(all, cfg.top),
                }
            }
            reports.push(r);
            pb.inc(1);
            Ok(())
        },
    )?;
    pb.finish_and_clear();
    if let Some(h) = heaps {
        h.into_reports(&mut reports);
    }
    for r in &reports {
        for w in &r.warnings {
            let _ = writeln!(err, "warning: {w}");
        }
        if let Err(e) = &r.outcome {
            let _ = writeln!(err, "error: {}", report::one_line(e));
        }
    }
    let failed = reports.iter().filter(|r| r.outcome.is_err()).count();
    let mut config = config_json(&cfg.settings, knowledge, idx);
    if cfg.calibrate {
        config["calibrated"] = serde_json::Value::Bool(true);
    }
    // The roles named by `--role` that the filters kept, in the order named.
    let shortlisted = engine.named_roles();
    let notes: Vec<String> = skipped.into_iter().collect();
    write_report(
        cfg,
        &reports,
        idx.roles()?,
        &shortlisted,
        &config,
        &notes,
        out,
    )?;
    if failed > 0 {
        let _ = writeln!(
            err,
            "{failed} of {} CVs could not be read; the others were reported",
            reports.len()
        );
        Ok(Outcome::Partial)
    } else {
        Ok(Outcome::Success)
    }
}

/// How many CVs may be started ahead of the first one not yet written: the
/// reorder buffer that keeps output in input order holds at most this many
/// reports, per worker thread.
const REORDER_WINDOW_PER_THREAD: usize = 8;

/// The format a per-CV report streams in; `None` for HTML, which needs the
/// whole batch (its heatmap is sorted best first).
fn stream_format(format: Format) -> Option<report::StreamFormat> {
    match format {
        Format::Csv => Some(report::StreamFormat::Csv),
        Format::Jsonl | Format::Json => Some(report::StreamFormat::Jsonl),
        Format::Table => Some(report::StreamFormat::Table),
        Format::Html => None,
    }
}

/// The per-CV batch report, streamed: CVs are taken in input order by the
/// workers, and each report is written (and the file flushed) as soon as it
/// and every CV before it are done. Only the reports in the reorder window are
/// held, so memory does not grow with the batch, and a killed run keeps every
/// CV written before it (`--resume` goes on from there).
#[allow(clippy::too_many_arguments)]
fn stream_batch(
    cfg: &BatchConfig,
    blind: Option<&Pseudonyms>,
    format: report::StreamFormat,
    pool: &rayon::ThreadPool,
    files: &[PathBuf],
    work: &(dyn Fn(&PathBuf) -> CvReport + Sync),
    roles: &[Role],
    config: &serde_json::Value,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let mut done = resume::Done::default();
    if cfg.resume {
        let path = match (&cfg.out, format) {
            (Some(p), report::StreamFormat::Jsonl) => p,
            _ => {
                return Err(Error::Usage(
                    "--resume needs --out FILE with JSON Lines output (-f jsonl or a .jsonl file)"
                        .into(),
                ));
            }
        };
        if cfg.blind {
            return Err(Error::Usage(
                "--resume cannot be used with --blind: blind output does not name the files \
                 it came from"
                    .into(),
            ));
        }
        done = resume::read_done(path)?;
    }
    let todo: Vec<&PathBuf> = files
        .iter()
        .filter(|f| !done.cvs.contains(&f.display().to_string()))
        .collect();
    if cfg.resume && !done.cvs.is_empty() {
        let _ = writeln!(
            err,
            "note: {} CVs already in {}; {} to go",
            files.len() - todo.len(),
            cfg.out.as_deref().unwrap_or(Path::new("")).display(),
            todo.len()
        );
    }
    let opts = ReportOptions {
        explain: cfg.explain,
        config: Some(config),
    };
    let shown: Vec<String> = todo.iter().map(|f| shown_path(f, blind)).collect();
    let writer = report::BatchWriter::new(format, roles, opts, shown.iter().map(String::as_str));
    let mut file = match &cfg.out {
        Some(path) => {
            let f = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(cfg.resume)
                .truncate(!cfg.resume)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            Some((path.clone(), std::io::BufWriter::new(f)))
        }
        None => None,
    };
    let sink_name = cfg.out.clone().unwrap_or_else(|| PathBuf::from("<stdout>"));
    let dest: &mut dyn Write = match &mut file {
        Some((_, f)) => f,
        None => out,
    };
    let io_err = |e: std::io::Error| Error::io(&sink_name, e);
    let fresh = !cfg.resume || done.lines == 0;
    if fresh {
        let csv_file = cfg
            .out
            .as_deref()
            .is_some_and(|p| Format::from_extension(Some(p)) == Some(Format::Csv));
        if format == report::StreamFormat::Csv && cfg.bom && csv_file {
            dest.write_all("\u{feff}".as_bytes()).map_err(io_err)?;
        }
        writer.header(dest).map_err(io_err)?;
    }
    let pb = progress_bar(cfg.progress, todo.len(), "matching");
    let mut failed = done.errors;
    let mut written = 0usize;
    let work_at = |i: usize| -> CvReport {
        let f = todo[i];
        // A CV that panics the reader becomes its error row: the others go on.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(f))).unwrap_or_else(|_| {
            CvReport {
                cv: shown_path(f, blind),
                outcome: Err(report::RowError::from(
                    format!(
                        "{}: internal error while reading this CV",
                        shown_path(f, blind)
                    )
                    .as_str(),
                )),
                warnings: vec![],
            }
        })
    };
    let mut sink = |r: CvReport| -> Result<()> {
        for w in &r.warnings {
            pb.suspend(|| {
                let _ = writeln!(err, "warning: {w}");
            });
        }
        if let Err(e) = &r.outcome {
            failed += 1;
            pb.suspend(|| {
                let _ = writeln!(err, "error: {}", report::one_line(e));
            });
        }
        writer.write(dest, &r).map_err(io_err)?;
        dest.flush().map_err(io_err)?;
        written += 1;
        pb.inc(1);
        Ok(())
    };
    in_order(pool, todo.len(), &work_at, &mut sink)?;
    pb.finish_and_clear();
    let total = done.lines + written;
    if failed > 0 {
        let _ = writeln!(
            err,
            "{failed} of {total} CVs could not be read; the others were reported"
        );
        Ok(Outcome::Partial)
    } else {
        Ok(Outcome::Success)
    }
}

/// Runs `work(0..n)` on the pool, several indices at a time taken in order,
/// and hands each result to `sink` in index order as soon as it and every one
/// before it are done. No index more than [`REORDER_WINDOW_PER_THREAD`] ×
/// threads past the first one not yet handed on is started, so at most that
/// many results wait. A failing `sink` stops the work and is returned.
///
/// The feeders that wait for the window are threads of their own, each
/// handing one index at a time to the pool (`install`): a pool thread never
/// blocks on the window. (When the feeders were pool tasks, a pool thread
/// waiting inside one CV's parallel scoring could steal a feeder, which then
/// waited on the window for the very CV under it: a deadlock.)
fn in_order<T: Send>(
    pool: &rayon::ThreadPool,
    n: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    sink: &mut dyn FnMut(T) -> Result<()>,
) -> Result<()> {
    use std::sync::{Condvar, Mutex, mpsc};
    struct Window {
        next: usize,
        handed: usize,
        stop: bool,
    }
    let threads = pool.current_num_threads().max(1);
    let window = REORDER_WINDOW_PER_THREAD * threads;
    let state = Mutex::new(Window {
        next: 0,
        handed: 0,
        stop: false,
    });
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let mut outcome = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(n) {
            let tx = tx.clone();
            let (state, moved) = (&state, &moved);
            scope.spawn(move || {
                loop {
                    let i = {
                        let mut w = state.lock().unwrap_or_else(|p| p.into_inner());
                        while !w.stop && w.next < n && w.next >= w.handed + window {
                            w = moved.wait(w).unwrap_or_else(|p| p.into_inner());
                        }
                        if w.stop || w.next >= n {
                            return;
                        }
                        w.next += 1;
                        w.next - 1
                    };
                    if tx.send((i, pool.install(|| work(i)))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: std::collections::BTreeMap<usize, T> = std::collections::BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                want += 1;
                if outcome.is_ok() {
                    outcome = sink(r);
                }
                let mut w = state.lock().unwrap_or_else(|p| p.into_inner());
                w.handed = want;
                w.stop |= outcome.is_err();
                moved.notify_all();
            }
        }
    });
    outcome
}

/// Writes a collected batch report (`--calibrate`, `--by-role`, HTML);
/// `shortlisted` are the role ids a per-role report lists (empty: every role
/// some CV was scored against); `notes` (files skipped) are shown in the HTML
/// page.
fn write_report(
    cfg: &BatchConfig,
    reports: &[CvReport],
    roles: &[Role],
    shortlisted: &[String],
    config: &serde_json::Value,
    notes: &[String],
    out: &mut dyn Write,
) -> Result<()> {
    let mut buf: Vec<u8> = Vec::new();
    let opts = ReportOptions {
        explain: cfg.explain,
        config: Some(config),
    };
    let html = report::html::HtmlOptions {
        blind: cfg.blind,
        top: cfg.top,
        calibrated: cfg.calibrate,
        config: Some(config),
        notes,
    };
    let csv_file = cfg
        .out
        .as_deref()
        .is_some_and(|p| Format::from_extension(Some(p)) == Some(Format::Csv));
    if cfg.format == Format::Csv && cfg.bom && csv_file {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    if cfg.by_role {
        let lists = report::shortlists(reports, roles, shortlisted, cfg.top);
        match cfg.format {
            Format::Csv => report::write_shortlists_csv(&mut buf, &lists, reports),
            Format::Jsonl | Format::Json => {
                report::write_shortlists_jsonl(&mut buf, &lists, reports)
            }
            Format::Table => report::write_shortlists_table(&mut buf, &lists, reports),
            Format::Html => report::html::write_shortlists_html(&mut buf, &lists, reports, html),
        }
    } else {
        match cfg.format {
            Format::Csv => report::write_csv(&mut buf, reports, roles),
            Format::Jsonl | Format::Json => report::write_jsonl(&mut buf, reports, roles, opts),
            Format::Table => report::write_batch_table(&mut buf, reports, roles, cfg.explain),
            Format::Html => report::html::write_batch_html(&mut buf, reports, roles, html),
        }
    }
    .map_err(|e| Error::io("<report>", e))?;
    match &cfg.out {
        Some(path) => {
            let tmp = path.with_extension(format!(
                "{}.tmp",
                path.extension().and_then(|e| e.to_str()).unwrap_or("out")
            ));
            std::fs::write(&tmp, &buf).map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
        }
        None => out.write_all(&buf).map_err(|e| Error::io("<stdout>", e)),
    }
}

/// `cvmatch extract`: the text of CVs, to stdout (one file) or `DIR/<stem>.txt`.
pub fn run_extract(
    cfg: &ExtractConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    if cfg.paths.is_empty() {
        return Err(Error::Usage(
            "extract needs at least one file or folder".into(),
        ));
    }
    let read = &cfg.extract;
    let single = cfg.paths.len() == 1 && !cfg.paths[0].is_dir();
    if single && cfg.out_dir.is_none() {
        let p = &cfg.paths[0];
        let doc = match extract::extract_path_with(p, read) {
            Ok(doc) => doc,
            Err(e) if cfg.stats => {
                writeln!(out, "{}", stats_json(p, Err(&e)))
                    .map_err(|e| Error::io("<stdout>", e))?;
                let _ = writeln!(err, "error: {}", report::one_line(&e.to_string()));
                return Ok(Outcome::Partial);
            }
            Err(e) => return Err(e),
        };
        warn_unreliable(err, &p.display().to_string(), &doc);
        let res = if cfg.stats {
            writeln!(out, "{}", stats_json(p, Ok(&doc)))
        } else {
            // CV text, not a terminal's commands: control characters and
            // bidirectional overrides go, lines and tabs stay.
            let text = report::printable(&doc.text);
            out.write_all(text.as_bytes()).and_then(|_| {
                if doc.text.ends_with('\n') {
                    Ok(())
                } else {
                    out.write_all(b"\n")
                }
            })
        };
        res.map_err(|e| Error::io("<stdout>", e))?;
        return Ok(Outcome::Success);
    }
    if cfg.out_dir.is_none() && !cfg.stats {
        return Err(Error::Usage(
            "extracting several files or a folder needs --out-dir DIR (or --stats)".into(),
        ));
    }
    let pool = pool(cfg.jobs)?;
    let collected = collect_cv_files(&cfg.paths);
    if let Some(note) = collected.note() {
        let _ = writeln!(err, "{note}");
    }
    let files = collected.files;
    let names = match &cfg.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            output_names(&files, dir, err)
        }
        None => Vec::new(),
    };
    let pb = progress_bar(cfg.progress, files.len(), "extracting");
    let results: Vec<std::result::Result<extract::Document, Error>> = pool.install(|| {
        files
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let r = extract::extract_path_with(f, read).and_then(|mut doc| {
                    if let Some(target) = names.get(i) {
                        std::fs::write(target, doc.text.as_bytes())
                            .map_err(|e| Error::io(target, e))?;
                    }
                    // Only the stats are needed from here on.
                    doc.text = String::new();
                    doc.lines = Vec::new();
                    Ok(doc)
                });
                pb.inc(1);
                r
            })
            .collect()
    });
    pb.finish_and_clear();
    let mut failed = 0;
    for (f, r) in files.iter().zip(&results) {
        match r {
            Ok(doc) => warn_unreliable(err, &f.display().to_string(), doc),
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "error: {}", report::one_line(&e.to_string()));
            }
        }
        if cfg.stats {
            writeln!(out, "{}", stats_json(f, r.as_ref())).map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    if let Some(dir) = &cfg.out_dir {
        let _ = writeln!(
            err,
            "extracted {} of {} files into {}",
            files.len() - failed,
            files.len(),
            printable_path(dir)
        );
    }
    Ok(if failed > 0 {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

/// Output names for `extract --out-dir`: `<stem>.txt`, with -2, -3… when two
/// inputs share a stem.
fn output_names(files: &[PathBuf], out_dir: &Path, err: &mut dyn Write) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = Vec::with_capacity(files.len());
    let mut used = std::collections::HashSet::new();
    for f in files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cv".into());
        let mut name = format!("{stem}.txt");
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}-{n}.txt");
            n += 1;
        }
        if n > 2 {
            let _ = writeln!(
                err,
                "warning: {} shares its name with another input; written as {}",
                printable_path(f),
                report::one_line(&name)
            );
        }
        names.push(out_dir.join(name));
    }
    names
}

/// One JSON line of `extract --stats`: status, pages, characters, glyphs,
/// unmapped glyphs, images, links and warnings; or the error.
fn stats_json(path: &Path, doc: std::result::Result<&extract::Document, &Error>) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("version".into(), crate::OUTPUT_VERSION.into());
    obj.insert("cv".into(), path.display().to_string().into());
    match doc {
        Ok(d) => {
            if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(&d.stats) {
                obj.extend(m);
            }
        }
        Err(e) => {
            let status = extract::error_status(e).map_or("error", |s| s.as_str());
            obj.insert("status".into(), status.into());
            obj.insert("error".into(), report::one_line(&e.to_string()).into());
        }
    }
    report::json_line(serde_json::Value::Object(obj))
}

/// Warns on stderr when a document's text is unreliable (scanned, empty,
/// undecodable fonts, damaged).
fn warn_unreliable(err: &mut dyn Write, shown: &str, doc: &extract::Document) {
    if let Some(w) = unreliable_warning(shown, doc) {
        let _ = writeln!(err, "warning: {w}");
    }
}

/// `cvmatch parse`: what cvmatch understood of one CV.
pub fn run_parse(cfg: &ParseConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let stdin = cfg.cv.as_os_str() == "-";
    if !stdin && !cfg.cv.exists() {
        return Err(Error::io(
            &cfg.cv,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    let read = &cfg.extract;
    let knowledge = load_knowledge(&cfg.settings.imports, err)?;
    let deadline = read.limits.deadline();
    let (doc, path) = if stdin {
        let name = Path::new("<stdin>");
        let bytes = read_stdin()?;
        (
            extract::extract_bytes_within(&bytes, name, read, &deadline)?,
            name,
        )
    } else {
        (
            extract::extract_path_within(&cfg.cv, read, &deadline)?,
            cfg.cv.as_path(),
        )
    };
    let cv =
        cv::analyse_within(&doc, cv::YearMonth::today(), &knowledge, &deadline).map_err(|hit| {
            Error::Limit {
                path: path.to_path_buf(),
                hit,
            }
        })?;
    let names = pseudonyms(cfg.blind, &[path.to_path_buf()], None)?;
    let shown = shown_path(path, names.as_ref());
    let res = match cfg.format {
        Format::Json | Format::Jsonl => writeln!(
            out,
            "{}",
            report::parse_json(&shown, &cv, doc.pages, cfg.blind)
        ),
        _ => report::write_parse_table(out, &shown, &cv, cfg.blind),
    };
    res.map_err(|e| Error::io("<stdout>", e))?;
    Ok(Outcome::Success)
}

/// `cvmatch eval`: top-1, top-3, MRR and confusions on labelled CVs, for
/// cvmatch and a TF-IDF cosine baseline.
pub fn run_eval(cfg: &EvalConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    check_jobs(cfg.jobs)?;
    let labels = crate::eval::read_labels(&cfg.labels)?;
    let idx = open_index(&cfg.index, err)?;
    crate::eval::check_labels(&cfg.labels, &labels, idx.roles()?)?;
    let knowledge = load_knowledge(&cfg.settings.imports, err)?;
    let matcher = Matcher::new(&idx, &knowledge, cfg.settings.weights)?;
    let report = crate::eval::evaluate(&labels, &idx, &matcher, cfg.jobs, cfg.calibrate);
    let res = match cfg.format {
        Format::Json | Format::Jsonl => match serde_json::to_value(&report) {
            Ok(j) => writeln!(out, "{}", report::json_line(j)),
            Err(e) => return Err(Error::Usage(format!("cannot write the report: {e}"))),
        },
        _ => {
            // CV paths and role ids from the labels file, made printable.
            let mut buf: Vec<u8> = Vec::new();
            crate::eval::write_eval_table(&mut buf, &report).and_then(|_| {
                out.write_all(report::printable(&String::from_utf8_lossy(&buf)).as_bytes())
            })
        }
    };
    res.map_err(|e| Error::io("<stdout>", e))?;
    Ok(if report.errors.is_empty() {
        Outcome::Success
    } else {
        Outcome::Partial
    })
}

/// `cvmatch roles`: the indexed roles.
pub fn run_roles(cfg: &RolesConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let idx = open_index(&cfg.index, err)?;
    match cfg.format {
        Format::Jsonl => report::write_roles_jsonl(out, idx.roles()?),
        _ => report::write_roles_table(out, idx.roles()?),
    }
    .map_err(|e| Error::io("<stdout>", e))?;
    Ok(Outcome::Success)
}

/// `cvmatch cache clear|info DIR`: empties the extraction cache in `DIR`, or
/// says what it holds. A folder that is not a cvmatch cache is refused.
pub fn run_cache(cfg: &CacheConfig, out: &mut dyn Write) -> Result<Outcome> {
    use extract::cache;
    let dir = printable_path(&cfg.dir);
    let line = match cfg.action {
        CacheAction::Clear => {
            let u = cache::clear(&cfg.dir)?;
            format!(
                "removed {} cached documents ({}) from {dir}",
                u.entries,
                crate::roles::limits::human_bytes(u.bytes)
            )
        }
        CacheAction::Info => {
            let u = cache::usage(&cfg.dir)?;
            format!(
                "{dir}: {} cached documents ({}); they hold the text of CVs",
                u.entries,
                crate::roles::limits::human_bytes(u.bytes)
            )
        }
    };
    writeln!(out, "{line}").map_err(|e| Error::io("<stdout>", e))?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Work that is itself parallel on the pool (as scoring one CV is) must
    /// not deadlock the reorder window, and results come in order. Run many
    /// times: the deadlock this guards against needed a pool thread to steal
    /// a waiting feeder at start-up. A hang fails after a minute.
    #[test]
    fn in_order_with_nested_parallel_work_neither_deadlocks_nor_reorders() {
        use rayon::prelude::*;
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(8)
                .build()
                .unwrap();
            for _ in 0..1000 {
                let n = 3 * REORDER_WINDOW_PER_THREAD * 8;
                let work = |i: usize| -> usize {
                    (0..64usize)
                        .into_par_iter()
                        .with_max_len(1)
                        .map(|x| {
                            std::hint::black_box(x);
                            1
                        })
                        .sum::<usize>()
                        * 1000
                        + i
                };
                let mut got = Vec::new();
                in_order(&pool, n, &work, &mut |r| {
                    got.push(r);
                    Ok(())
                })
                .unwrap();
                let want: Vec<usize> = (0..n).map(|i| 64_000 + i).collect();
                assert_eq!(got, want);
            }
            done_tx.send(()).unwrap();
        });
        done_rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("in_order deadlocked");
    }

    #[test]
    fn collect_walks_folders_in_path_order_and_counts_skips() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("b");
        std::fs::create_dir(&sub).unwrap();
        for f in ["z.pdf", "a.txt", "notes.md", "b/c.PDF", "b/d.docx.bak"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        for f in ["._z.pdf", "~$cv.docx", ".hidden.txt", "old.doc", "b/cv.RTF"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let missing = dir.path().join("gone.pdf");
        let c = collect_cv_files(&[dir.path().to_path_buf(), missing.clone()]);
        let names: Vec<String> = c
            .files
            .iter()
            .map(|f| {
                f.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.txt", "b/c.PDF", "b/cv.RTF", "gone.pdf", "old.doc", "z.pdf"
            ]
        );
        assert_eq!((c.other, c.hidden), (2, 3));
        let note = c.note().unwrap();
        assert!(
            note.contains("2 files of other types") && note.contains("3 hidden or lock files"),
            "{note}"
        );
        for (f, says) in [
            ("old.doc", "Word 97-2003 (.doc) files are not supported"),
            ("b/cv.RTF", "Rich Text Format (.rtf)"),
            ("gone.pdf", "no such file or folder"),
            ("nowhere", "no such file or folder"),
            ("notes.md", "unsupported file type"),
        ] {
            let e = extract::unreadable_error(&dir.path().join(f)).to_string();
            assert!(e.contains(says) && e.contains(f), "{f}: {e}");
        }
    }

    #[test]
    fn top_zero_keeps_everything() {
        let m = |id: &str| crate::score::RoleMatch {
            role: 0,
            role_id: id.into(),
            title: String::new(),
            score: 1.0,
            essentials_met: 0,
            essentials_total: 0,
            desirables_met: 0,
            desirables_total: 0,
            relevance: 0.0,
            skills_score: None,
            criteria_score: None,
            contributions: Default::default(),
            title_score: 0.0,
            matched_skills: vec![],
            missing_skills: vec![],
            title_match: None,
            occupation: None,
            seniority: None,
            criteria: vec![],
            calibration: None,
        };
        assert_eq!(cut(vec![m("a"), m("b"), m("c")], 0).len(), 3);
        assert_eq!(cut(vec![m("a"), m("b"), m("c")], 2).len(), 2);
        assert_eq!(Outcome::Partial.exit_code(), 1);
    }

    #[test]
    fn extract_of_several_files_needs_an_out_dir() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = ExtractConfig {
            paths: vec![dir.path().to_path_buf()],
            out_dir: None,
            jobs: None,
            progress: false,
            stats: false,
            extract: extract::ExtractOptions::default(),
        };
        let e = run_extract(&cfg, &mut Vec::new(), &mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("--out-dir"), "{e}");
    }
}
