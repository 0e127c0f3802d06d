//! Plain configuration for each command.
//!
//! The binary's command-line parser fills these structs; the library never sees
//! clap. Defaults that depend on the environment (the index directory, the default
//! roles) are resolved here, in one place.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::ExtractOptions;
use crate::index::RoleSource;
use crate::roles::{Date, RoleFilter};
use crate::score::Weights;
use crate::text::Fnv;

/// Environment variable naming the default index directory.
pub const INDEX_ENV: &str = "CVMATCH_INDEX";

/// Environment variable: how many seconds a build waits for another build of
/// the same index (default [`index::DEFAULT_LOCK_WAIT`]; `0` fails at once).
///
/// [`index::DEFAULT_LOCK_WAIT`]: crate::index::DEFAULT_LOCK_WAIT
pub const LOCK_WAIT_ENV: &str = "CVMATCH_LOCK_WAIT";

/// Environment variable: the date (`YYYY-MM-DD`) that adverts' closing dates
/// are compared with instead of today's, for tests and reproducible runs.
pub const TODAY_ENV: &str = "CVMATCH_TODAY";

/// The date `$CVMATCH_TODAY` names, when set; an error when it is not a date.
pub fn today_override() -> Result<Option<Date>> {
    match std::env::var(TODAY_ENV) {
        Ok(v) if !v.trim().is_empty() => Date::parse(&v).map(Some).ok_or_else(|| {
            Error::Usage(format!(
                "{TODAY_ENV}={v} is not a date (expected YYYY-MM-DD)"
            ))
        }),
        _ => Ok(None),
    }
}

/// How long a build waits for the index's writer lock: `$CVMATCH_LOCK_WAIT`
/// seconds when set, else [`crate::index::DEFAULT_LOCK_WAIT`].
pub fn lock_wait() -> Result<std::time::Duration> {
    match std::env::var(LOCK_WAIT_ENV) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 86_400.0)
            .map(std::time::Duration::from_secs_f64)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{LOCK_WAIT_ENV}={v} is not a number of seconds (0 to 86400)"
                ))
            }),
        _ => Ok(crate::index::DEFAULT_LOCK_WAIT),
    }
}

/// Where the index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexLocation {
    /// `$CVMATCH_INDEX`, else `./index`. Refreshed from its own roles when they
    /// changed; when missing, built from `./samples/roles` if that folder exists,
    /// else an error that says how to build one (never silently the built-in
    /// samples).
    Default,
    /// The default location, built from the sample roles (`./samples/roles`, else
    /// the ones built into the binary) when missing or damaged (`--samples`).
    Samples,
    /// A directory given on the command line. `match` and `batch` require it to
    /// exist.
    Explicit(PathBuf),
}

impl IndexLocation {
    /// From an optional `--index` value.
    pub fn from_option(dir: Option<PathBuf>) -> IndexLocation {
        dir.map_or(IndexLocation::Default, IndexLocation::Explicit)
    }

    /// From an optional `--index` value and `--samples` (which only matters
    /// without `--index`).
    pub fn from_args(dir: Option<PathBuf>, samples: bool) -> IndexLocation {
        match dir {
            Some(d) => IndexLocation::Explicit(d),
            None if samples => IndexLocation::Samples,
            None => IndexLocation::Default,
        }
    }

    /// The directory this location names.
    pub fn dir(&self) -> PathBuf {
        match self {
            IndexLocation::Explicit(d) => d.clone(),
            IndexLocation::Default | IndexLocation::Samples => default_index_dir(),
        }
    }
}

/// Environment variable holding the password for encrypted PDFs, so that it need
/// not appear on the command line (where `ps` shows it).
pub const PASSWORD_ENV: &str = "CVMATCH_PASSWORD";

/// The most a password file may hold.
const PASSWORD_FILE_LIMIT: u64 = 64 << 10;

/// The password for encrypted PDFs: `given` (`--password`), else the contents of
/// `file` (`--password-file`) with its trailing newline trimmed, else
/// `$CVMATCH_PASSWORD` when set and not empty, else none. A file that cannot be
/// read, is empty or is larger than 64 KiB is an error naming it.
pub fn resolve_password(given: Option<String>, file: Option<&Path>) -> Result<Option<String>> {
    if given.is_some() {
        return Ok(given);
    }
    if let Some(f) = file {
        return read_password_file(f).map(Some);
    }
    Ok(std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()))
}

fn read_password_file(file: &Path) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(PASSWORD_FILE_LIMIT + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(file, e))?;
    if bytes.len() as u64 > PASSWORD_FILE_LIMIT {
        return Err(Error::invalid(
            file,
            "more than 64 KiB; a password file holds just the password",
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::invalid(file, "the password is not UTF-8 text"))?;
    // One trailing line ending ("secret\n", "secret\r\n"), as editors and
    // `echo` write it; spaces are part of the password.
    let password = text
        .strip_suffix('\n')
        .map_or(text.as_str(), |t| t.strip_suffix('\r').unwrap_or(t));
    if password.is_empty() {
        return Err(Error::invalid(file, "the password file is empty"));
    }
    Ok(password.to_string())
}

/// `$CVMATCH_INDEX` when set and not empty, else `./index`.
pub fn default_index_dir() -> PathBuf {
    match std::env::var_os(INDEX_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from("index"),
    }
}

/// The folder of default role files, relative to the working directory.
pub const DEFAULT_ROLES_DIR: &str = "samples/roles";

/// The roles indexed when none are named: `./samples/roles` when that folder
/// exists, else the samples embedded in the binary.
pub fn default_role_source() -> RoleSource {
    let dir = Path::new(DEFAULT_ROLES_DIR);
    if dir.is_dir() {
        RoleSource::Paths {
            paths: vec![absolute(dir)],
        }
    } else {
        RoleSource::Embedded
    }
}

/// `path` made absolute against the working directory (without resolving links),
/// so a manifest means the same thing from any folder.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people.
    Table,
    /// One JSON object.
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    /// Comma-separated values.
    Csv,
    /// One self-contained HTML page (`batch` and `shortlist`).
    Html,
}

impl Format {
    /// The format a report file's extension names: `.csv`, `.jsonl` (or
    /// `.json`, one JSON object per line), `.html`/`.htm`, `.txt` (a table) or
    /// none.
    pub fn from_extension(path: Option<&Path>) -> Option<Format> {
        let ext = path?.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }

    /// The format's name, as the `--format` flag spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// The name of the settings file looked for in the working directory.
pub const SETTINGS_FILE: &str = "cvmatch.toml";

/// Matching settings: `--config FILE`, else `./cvmatch.toml`, else the defaults.
///
/// ```toml
/// [weights]          # multipliers on the standardised components (defaults shown)
/// relevance = 1.0    # cosine of the CV's and the role's tf-idf vectors
/// skills = 0.25      # share of the role's skills the CV shows
/// criteria = 0.0     # Essential (x2) and Desirable criteria evidence
/// title = 0.5        # job-title fit (occupation codes, rarity-weighted words)
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The multipliers of the score's components.
    pub weights: Weights,
    /// Where the settings came from (`None` for the defaults).
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// Taxonomy files that extend the built-in knowledge (`--taxonomy`,
    /// `--occupations`); read when an engine or a command starts.
    #[serde(skip)]
    pub imports: Imports,
}

/// Files that extend the built-in knowledge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imports {
    /// ESCO skills CSVs, O*NET `Technology Skills.txt` or cvmatch skills TOML.
    pub skills: Vec<PathBuf>,
    /// O*NET alternate titles / occupation data, ESCO occupations or cvmatch
    /// occupations TOML.
    pub occupations: Vec<PathBuf>,
}

impl Imports {
    /// Fails on the first file that is missing or not a regular file.
    pub fn check(&self) -> Result<()> {
        for p in self.skills.iter().chain(&self.occupations) {
            let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
            if !meta.is_file() {
                return Err(Error::invalid(p, "not a file"));
            }
        }
        Ok(())
    }
}

impl Settings {
    /// Loads `explicit` (which must exist), else `./cvmatch.toml` when present,
    /// else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Settings> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = PathBuf::from(SETTINGS_FILE);
                if !p.is_file() {
                    return Ok(Settings::default());
                }
                p
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        Settings::parse(&text, &path)
    }

    /// Parses settings text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        let mut s: Settings = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|sp| crate::error::line_col(text, sp.start))
                .unwrap_or((1, 1));
            Error::Syntax {
                path: path.to_path_buf(),
                line,
                col,
                message: e.message().split_whitespace().collect::<Vec<_>>().join(" "),
            }
        })?;
        let w = s.weights;
        let all = [w.relevance, w.skills, w.criteria, w.title];
        if all.iter().any(|x| !x.is_finite() || *x < 0.0) || all.iter().sum::<f64>() <= 0.0 {
            return Err(Error::invalid(
                path,
                "weights must be non-negative numbers and not all zero",
            ));
        }
        s.source = Some(path.to_path_buf());
        Ok(s)
    }

    /// A fingerprint of these settings, the knowledge and an index fingerprint,
    /// so a result can be traced to what produced it.
    pub fn fingerprint(
        &self,
        knowledge: &crate::knowledge::Knowledge,
        index_fingerprint: &str,
    ) -> String {
        let mut h = Fnv::new();
        h.write(toml::to_string(self).unwrap_or_default().as_bytes());
        h.write(&knowledge.fingerprint().to_le_bytes());
        h.write(index_fingerprint.as_bytes());
        format!("{:016x}", h.finish())
    }
}

/// `cvmatch index`.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// Role files or folders; empty means the default roles.
    pub roles: Vec<PathBuf>,
    /// Where the index is written.
    pub index: IndexLocation,
    /// Matching settings (the role analysis cached with the index uses them).
    pub settings: Settings,
    /// Bounds on reading the role files (`--role-limit`).
    pub role_limits: crate::roles::limits::Limits,
    /// How long to wait for another build of the same index (`--lock-wait`);
    /// `None`: [`lock_wait`] (`$CVMATCH_LOCK_WAIT`, else the default).
    pub lock_wait: Option<std::time::Duration>,
}

impl IndexConfig {
    /// The role source to index.
    pub fn source(&self) -> RoleSource {
        if self.roles.is_empty() {
            default_role_source()
        } else {
            RoleSource::Paths {
                paths: self.roles.iter().map(|p| absolute(p)).collect(),
            }
        }
    }
}

/// `cvmatch match`.
#[derive(Debug, Clone)]
pub struct MatchConfig {
    /// The CV file, or `-` for standard input.
    pub cv: PathBuf,
    /// Where the index is.
    pub index: IndexLocation,
    /// Number of roles to show; 0 means all.
    pub top: usize,
    /// Table or JSON.
    pub format: Format,
    /// List every criterion with its evidence.
    pub explain: bool,
    /// Redact personal data from the output, and show the CV as
    /// `candidate-NNN` ([`crate::blind`]).
    pub blind: bool,
    /// In blind mode, write the mapping from `candidate-NNN` back to the path
    /// here (mode 0600), for the panel's administrator.
    pub blind_key: Option<PathBuf>,
    /// Which roles are ranked (location, band, salary, dates).
    pub filter: RoleFilter,
    /// How documents are read (password for encrypted PDFs).
    pub extract: ExtractOptions,
    /// Matching settings (weights, taxonomy imports).
    pub settings: Settings,
}

/// Options of a library [`Engine`](crate::Engine): what `cvmatch match` and
/// `cvmatch batch` take as flags, as a plain struct. Start from
/// [`EngineOptions::default`] and set fields, or chain the `with_*` methods:
///
/// ```
/// use cvmatch::config::EngineOptions;
/// use cvmatch::limits::Limits;
///
/// let mut limits = Limits::default();
/// limits.time = std::time::Duration::from_secs(5);
/// let options = EngineOptions::default().with_top(3).with_limits(limits).with_blind(true);
/// assert_eq!(options.top, 3);
/// ```
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Roles kept per CV, best first; 0 keeps every role scored. Default 5,
    /// as `cvmatch match`.
    pub top: usize,
    /// Redact personal data from evidence lines and warnings, and name each CV
    /// `candidate-NNN` instead of its path ([`crate::blind`]).
    pub blind: bool,
    /// Which roles are ranked (location, band, salary, dates); by default
    /// every role whose advert has not closed.
    pub filter: RoleFilter,
    /// Only these role ids, each scored in full for every CV (kept even when
    /// their advert has closed: they were named); empty: the roles `filter`
    /// keeps.
    pub roles: Vec<String>,
    /// How documents are read: password for encrypted PDFs, and the bounds on
    /// the work done for one CV ([`crate::limits::Limits`], its time limit
    /// included).
    pub extract: ExtractOptions,
    /// Score weights and taxonomy files that extend the built-in knowledge.
    pub settings: Settings,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            top: 5,
            blind: false,
            filter: RoleFilter::default(),
            roles: Vec::new(),
            extract: ExtractOptions::default(),
            settings: Settings::default(),
        }
    }
}

impl EngineOptions {
    /// Keeps `top` roles per CV (0: all).
    pub fn with_top(mut self, top: usize) -> Self {
        self.top = top;
        self
    }

    /// Blind mode on or off.
    pub fn with_blind(mut self, blind: bool) -> Self {
        self.blind = blind;
        self
    }

    /// The bounds on the work done for one CV (sizes, pages, time).
    pub fn with_limits(mut self, limits: crate::limits::Limits) -> Self {
        self.extract.limits = limits;
        self
    }

    /// The multipliers of the score's components.
    pub fn with_weights(mut self, weights: Weights) -> Self {
        self.settings.weights = weights;
        self
    }

    /// Only the roles `filter` keeps are ranked.
    pub fn with_filter(mut self, filter: RoleFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Only these role ids are scored, each in full.
    pub fn with_roles<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.roles = ids.into_iter().map(Into::into).collect();
        self
    }

    /// The password tried on encrypted PDFs.
    pub fn with_password(mut self, password: impl Into<String>) -> Self {
        self.extract.password = Some(password.into());
        self
    }
}

impl MatchConfig {
    /// The engine options these settings give ([`crate::Engine`]).
    pub fn engine_options(&self) -> EngineOptions {
        EngineOptions {
            top: self.top,
            blind: self.blind,
            filter: self.filter.clone(),
            roles: Vec::new(),
            extract: self.extract.clone(),
            settings: self.settings.clone(),
        }
    }
}

/// `cvmatch eval`.
#[derive(Debug, Clone)]
pub struct EvalConfig {
    /// `cv,role_id` rows; CV paths relative to this file.
    pub labels: PathBuf,
    /// Where the index is.
    pub index: IndexLocation,
    /// Table or JSON.
    pub format: Format,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Rank with batch calibration over the labelled CVs (see
    /// [`BatchConfig::calibrate`]).
    pub calibrate: bool,
    /// Matching settings (weights, taxonomy imports).
    pub settings: Settings,
}

/// `cvmatch parse`.
#[derive(Debug, Clone)]
pub struct ParseConfig {
    /// The CV file, or `-` for standard input.
    pub cv: PathBuf,
    /// Table or JSON.
    pub format: Format,
    /// Redact personal data from the output, and show the CV as `candidate-NNN`.
    pub blind: bool,
    /// How documents are read (password for encrypted PDFs).
    pub extract: ExtractOptions,
    /// Matching settings (taxonomy imports).
    pub settings: Settings,
}

/// `cvmatch batch`.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Files and folders (read recursively).
    pub paths: Vec<PathBuf>,
    /// A file listing more paths, one per line (`-`: standard input).
    pub files_from: Option<PathBuf>,
    /// Where the index is.
    pub index: IndexLocation,
    /// Roles per CV; 0 means all.
    pub top: usize,
    /// Table, CSV, JSON Lines or HTML.
    pub format: Format,
    /// Write the report here instead of stdout.
    pub out: Option<PathBuf>,
    /// Start a CSV report written to a `.csv` file with a UTF-8 byte-order mark
    /// (Excel then reads it as UTF-8).
    pub bom: bool,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Show a progress bar (the binary sets this when stderr is a terminal).
    pub progress: bool,
    /// Redact personal data from the output, and show each CV as
    /// `candidate-NNN` ([`crate::blind`]).
    pub blind: bool,
    /// In blind mode, write the mapping from `candidate-NNN` back to the paths
    /// here (mode 0600), for the panel's administrator.
    pub blind_key: Option<PathBuf>,
    /// Centre each role's scores on the batch before ranking and cutting to
    /// `top` ([`crate::score::calibrate`]).
    pub calibrate: bool,
    /// Per-role shortlists: for each role, its candidates best first, cut to
    /// `top` (instead of each CV's roles).
    pub by_role: bool,
    /// Under each match, every criterion with its evidence (table and JSON
    /// Lines; not with `by_role` or CSV).
    pub explain: bool,
    /// Only these role ids (each scored in full for every CV); empty: every role.
    pub roles: Vec<String>,
    /// Which roles are ranked (location, band, salary, dates). Roles named in
    /// `roles` are kept when their advert has closed.
    pub filter: RoleFilter,
    /// Skip the CVs already in the `out` JSON Lines file and append the rest.
    pub resume: bool,
    /// How documents are read (password for encrypted PDFs).
    pub extract: ExtractOptions,
    /// Matching settings (weights, taxonomy imports).
    pub settings: Settings,
}

impl BatchConfig {
    /// The engine options these settings give ([`crate::Engine`]).
    pub fn engine_options(&self) -> EngineOptions {
        EngineOptions {
            top: self.top,
            blind: self.blind,
            filter: self.filter.clone(),
            roles: self.roles.clone(),
            extract: self.extract.clone(),
            settings: self.settings.clone(),
        }
    }
}

/// `cvmatch extract`.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Files and folders (read recursively).
    pub paths: Vec<PathBuf>,
    /// Where `<stem>.txt` files go; required for more than one input unless
    /// `stats`.
    pub out_dir: Option<PathBuf>,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Show a progress bar (the binary sets this when stderr is a terminal).
    pub progress: bool,
    /// Print one JSON line of extraction statistics per file (status, pages,
    /// characters, unmapped glyphs, links) instead of the text.
    pub stats: bool,
    /// How documents are read (password for encrypted PDFs).
    pub extract: ExtractOptions,
}

/// `cvmatch roles`.
#[derive(Debug, Clone)]
pub struct RolesConfig {
    /// Where the index is.
    pub index: IndexLocation,
    /// `Table` or `Jsonl` (one role per line, as read).
    pub format: Format,
}

/// `cvmatch cache`: what to do with an extraction cache folder
/// ([`crate::extract::cache`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    /// The cache folder, as given to `--cache`.
    pub dir: PathBuf,
    /// What to do.
    pub action: CacheAction,
}

/// What `cvmatch cache` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheAction {
    /// Remove every entry (`cache clear`).
    Clear,
    /// Count the entries and their size (`cache info`).
    Info,
}

/// Checks a `--jobs` value.
pub fn check_jobs(jobs: Option<usize>) -> Result<()> {
    match jobs {
        Some(0) => Err(Error::Usage("--jobs must be at least 1".into())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_validate_and_fingerprint() {
        let p = Path::new("cvmatch.toml");
        let s = Settings::parse("[weights]\ntitle = 0.75\n", p).unwrap();
        assert_eq!(s.weights.title, 0.75);
        assert_eq!(s.weights.relevance, Weights::default().relevance);
        let e = Settings::parse("[weights]\ntitel = 0.5\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("cvmatch.toml:2:"), "{e}");
        let e = Settings::parse("[weights]\ntitle = -1\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("non-negative"), "{e}");
        let k = crate::knowledge::for_tests();
        assert_ne!(
            s.fingerprint(k, "a"),
            Settings::default().fingerprint(k, "a")
        );
        assert_ne!(s.fingerprint(k, "a"), s.fingerprint(k, "b"));
    }

    #[test]
    fn explicit_index_wins_and_roles_become_absolute() {
        let l = IndexLocation::from_option(Some("x/idx".into()));
        assert_eq!(l.dir(), PathBuf::from("x/idx"));
        let c = IndexConfig {
            roles: vec!["some/roles".into()],
            index: l,
            settings: Settings::default(),
            role_limits: Default::default(),
            lock_wait: None,
        };
        match c.source() {
            RoleSource::Paths { paths } => assert!(paths[0].is_absolute()),
            other => panic!("{other:?}"),
        }
        assert!(check_jobs(Some(0)).is_err());
        assert!(check_jobs(Some(2)).is_ok());
    }

    #[test]
    fn password_files_are_read_trimmed_and_named_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pw");
        for (content, want) in [
            ("user1\n", "user1"),
            ("user1\r\n", "user1"),
            ("user1", "user1"),
            ("asdf asdf qwer \n", "asdf asdf qwer "),
            ("two\nlines\n", "two\nlines"),
        ] {
            std::fs::write(&f, content).unwrap();
            assert_eq!(
                resolve_password(None, Some(&f)).unwrap().as_deref(),
                Some(want),
                "{content:?}"
            );
        }
        // --password wins (the command line refuses both anyway).
        assert_eq!(
            resolve_password(Some("x".into()), Some(&f))
                .unwrap()
                .as_deref(),
            Some("x")
        );
        for (content, says) in [
            (&b"\n"[..], "empty"),
            (&b""[..], "empty"),
            (&[0xff, 0xfe][..], "UTF-8"),
        ] {
            std::fs::write(&f, content).unwrap();
            let e = resolve_password(None, Some(&f)).unwrap_err().to_string();
            assert!(e.contains(says) && e.contains("pw"), "{e}");
        }
        std::fs::write(&f, vec![b'a'; 70 << 10]).unwrap();
        let e = resolve_password(None, Some(&f)).unwrap_err().to_string();
        assert!(e.contains("64 KiB"), "{e}");
        let missing = dir.path().join("no-such-file");
        let e = resolve_password(None, Some(&missing))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no-such-file"), "{e}");
    }
}
