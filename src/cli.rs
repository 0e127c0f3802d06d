//! The command line: clap definitions, turned into the library's plain
//! configuration structs. Nothing here does work; `main` runs the commands.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use cvmatch::config::{
    BatchConfig, CacheAction, CacheConfig, EvalConfig, ExtractConfig, Format, IndexConfig,
    IndexLocation, MatchConfig, ParseConfig, RolesConfig, Settings, resolve_password,
};
use cvmatch::extract::ExtractOptions;
use cvmatch::limits::Limits;
use cvmatch::roles::{Date, RoleFilter, band_code, filter::parse_amount};

/// Match CVs (PDF or text) against role descriptions and NHS-style person
/// specifications, and explain every score.
#[derive(Debug, Parser)]
#[command(name = "cvmatch", version, about, long_about = None)]
pub struct Cli {
    /// Settings file (weights). Default: ./cvmatch.toml when present, else the
    /// built-in defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Extend the built-in skills taxonomy from an ESCO skills CSV, an O*NET
    /// `Technology Skills.txt` or a cvmatch TOML file (repeatable).
    #[arg(long, global = true, value_name = "FILE")]
    pub taxonomy: Vec<PathBuf>,
    /// Extend the built-in job titles from O*NET `Alternate Titles.txt` /
    /// `Occupation Data.txt`, an ESCO occupations CSV or a cvmatch TOML file
    /// (repeatable).
    #[arg(long, global = true, value_name = "FILE")]
    pub occupations: Vec<PathBuf>,
    /// Without --index: when the default index is missing or damaged, build it
    /// from the sample roles (./samples/roles, else those built into the binary)
    /// instead of failing.
    #[arg(long, global = true)]
    pub samples: bool,
    /// No notes, warnings or progress on stderr (errors still show; the exit
    /// code still says when some CVs could not be read).
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the role index (atomically replacing any index already there).
    Index {
        /// Role files or folders (.toml, .json, .jsonld, .jsonl, .jsonl.gz).
        /// Default: ./samples/roles, else the built-in sample roles.
        #[arg(long = "roles", value_name = "PATH")]
        roles: Vec<PathBuf>,
        /// Index directory (created if needed). Default: $CVMATCH_INDEX, else ./index.
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Raise or lower a bound on reading the role files, NAME=MIB
        /// (repeatable): line-mb (8, a JSON Lines record), posting-mb (1, one
        /// posting or TOML file), document-mb (256, a .json document),
        /// total-mb (2048, all role bytes after decompression).
        #[arg(long = "role-limit", value_name = "NAME=MIB", value_parser = parse_role_limit)]
        role_limits: Vec<String>,
        /// Seconds to wait while another process rebuilds the same index before
        /// giving up. Default: $CVMATCH_LOCK_WAIT, else 60.
        #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
        lock_wait: Option<f64>,
    },
    /// Match one CV against every role, with the reasons.
    Match {
        /// The CV (.pdf, .docx or .txt), or `-` to read it from standard input
        /// (a PDF, .docx or text, told apart by its content).
        cv: PathBuf,
        /// Index directory; must exist. Default: $CVMATCH_INDEX, else ./index,
        /// built or refreshed automatically.
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Number of roles to show (0 = all).
        #[arg(long, default_value_t = 5, value_name = "N")]
        top: usize,
        #[arg(short = 'f', long, value_enum, default_value_t = MatchFormat::Table)]
        format: MatchFormat,
        /// List every criterion as met, partly met or missing, with its evidence.
        #[arg(long)]
        explain: bool,
        /// Remove the candidate's name (wherever it appears), emails, phones,
        /// addresses, dates of birth, URLs and profile handles from the output,
        /// and show the CV as `candidate-NNN` (numbered at random per run).
        #[arg(long)]
        blind: bool,
        /// With --blind: write which file each `candidate-NNN` is to FILE (JSON,
        /// readable by its owner only), for the panel's administrator. Never
        /// printed.
        #[arg(long, value_name = "FILE", requires = "blind")]
        blind_key: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Match every CV under the given files and folders (recursively).
    Batch {
        #[command(flatten)]
        cvs: CvsArgs,
        /// Roles per CV (0 = all); with --by-role, candidates per role.
        #[arg(long, default_value_t = 3, value_name = "N")]
        top: usize,
        /// Centre each role's scores on the batch before ranking: a role that
        /// scores every CV high (a generic title, a long advert) loses its lift.
        /// Scores then depend on the whole batch; off by default.
        #[arg(long)]
        calibrate: bool,
        /// Per-role shortlists: for each role, its candidates best first (with
        /// --top K per role, 0 = all), instead of each CV's best roles.
        #[arg(long)]
        by_role: bool,
        /// Under each match, every criterion as met, partly met or missing,
        /// with its evidence (table and JSON Lines; the HTML report always has
        /// them, a CSV has the unmet essentials and the top evidence).
        #[arg(long, conflicts_with = "by_role")]
        explain: bool,
        /// Only this role (repeatable), scored in full for every CV.
        #[arg(long = "role", value_name = "ID")]
        roles: Vec<String>,
        /// Go on with a run that was stopped: skip the CVs already in the
        /// `--out` JSON Lines file and append the rest (a partial last line is
        /// dropped and redone; a missing file starts afresh). Not with --blind:
        /// blind names are drawn afresh each run, so the file cannot say which
        /// CVs are done.
        #[arg(long, conflicts_with = "blind")]
        resume: bool,
    },
    /// Show what cvmatch understood of a CV: sections, skills with evidence,
    /// degrees, experience spans and years, registrations, personal data.
    Parse {
        /// The CV (.pdf, .docx or .txt), or `-` to read it from standard input
        /// (a PDF, .docx or text, told apart by its content).
        cv: PathBuf,
        #[arg(short = 'f', long, value_enum, default_value_t = MatchFormat::Table)]
        format: MatchFormat,
        /// Redact personal data and show the CV as `candidate-NNN`.
        #[arg(long)]
        blind: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Evaluate ranking on labelled CVs (LABELS.csv: `cv,role_id`, paths relative
    /// to the file; `none` for CVs that fit no role): top-1, top-3, MRR with 95%
    /// bootstrap intervals and the most confused pairs, beside the standard
    /// TF-IDF cosine and BM25 baselines and cvmatch's difference from each.
    Eval {
        labels: PathBuf,
        /// Index directory; must exist. Default: $CVMATCH_INDEX, else ./index.
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        #[arg(short = 'f', long, value_enum, default_value_t = MatchFormat::Table)]
        format: MatchFormat,
        /// Worker threads (default: all cores).
        #[arg(short = 'j', long, value_name = "N")]
        jobs: Option<usize>,
        /// Rank with batch calibration, as `batch --calibrate` does, over the
        /// labelled CVs.
        #[arg(long)]
        calibrate: bool,
    },
    /// Print the text extracted from CVs.
    Extract {
        /// CV files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Write DIR/<stem>.txt for each input (required for several inputs).
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(short = 'j', long, value_name = "N")]
        jobs: Option<usize>,
        /// Print one JSON line per file with the extraction status (ok, empty,
        /// needs-password, image-only, undecodable-font, damaged), pages,
        /// characters, unmapped glyphs and links, instead of the text.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// List the indexed roles.
    Roles {
        /// Index directory. Default: $CVMATCH_INDEX, else ./index.
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Output format: a table, or JSON Lines with every role as read
        /// (title, text, skills, person specification).
        #[arg(short = 'f', long, value_enum, default_value = "table")]
        format: RolesFormat,
    },
    /// One role's candidates, best first: `batch --by-role --role ROLE_ID`.
    Shortlist {
        /// The role's id (`cvmatch roles` lists them).
        role: String,
        #[command(flatten)]
        cvs: CvsArgs,
        /// Candidates to list (0 = all).
        #[arg(long, default_value_t = 0, value_name = "K")]
        top: usize,
    },
    /// Empty an extraction cache made with --cache, or say what it holds.
    Cache {
        #[command(subcommand)]
        action: CacheCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell),
    /// e.g. `cvmatch completions bash > ~/.local/share/bash-completion/completions/cvmatch`.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), e.g. `cvmatch man > cvmatch.1`.
    Man,
}

/// The CVs and report options `batch` and `shortlist` share.
#[derive(Debug, clap::Args)]
pub struct CvsArgs {
    /// CV files or folders.
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also read CV paths from FILE, one per line (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Index directory; must exist. Default: $CVMATCH_INDEX, else ./index,
    /// built or refreshed automatically.
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,
    /// Output format. Default: from the `--out` file's extension (`.csv`,
    /// `.jsonl` or `.json`, `.html` or `.htm`), else a table. `html` is one
    /// self-contained page for a panel (heatmap, criteria, errors).
    #[arg(short = 'f', long, value_enum)]
    format: Option<BatchFormat>,
    /// Write the report to FILE instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Leave out the UTF-8 byte-order mark that a CSV file written with
    /// `--out` starts with (so that Excel reads it as UTF-8).
    #[arg(long)]
    no_bom: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Remove personal data from the output and show each CV as
    /// `candidate-NNN` (see `match --blind`).
    #[arg(long)]
    blind: bool,
    /// With --blind: write which file each `candidate-NNN` is to FILE (JSON,
    /// readable by its owner only), for the panel's administrator. Never
    /// printed.
    #[arg(long, value_name = "FILE", requires = "blind")]
    blind_key: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    read: ReadArgs,
}

/// Which roles are ranked: filters applied before ranking (`match`, `batch`,
/// `shortlist`).
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Role filters")]
pub struct FilterArgs {
    /// Only roles in this place (repeatable: any of them): a town, county or
    /// region (whole words, case and accents ignored), a postcode area,
    /// district or sector (LS, LS1, LS1 4), a country (GB, UK), or `remote`.
    #[arg(long = "location", value_name = "PLACE")]
    locations: Vec<String>,
    /// Only roles of this Agenda for Change band (repeatable: any of them):
    /// 6, 8a, 8A, "Band 7".
    #[arg(long = "band", value_name = "BAND", value_parser = parse_band)]
    bands: Vec<String>,
    /// Only roles whose salary reaches at least this much a year, in the
    /// role's currency (30000, 30k; hourly, daily, weekly and monthly pay
    /// counted over a year). Roles with no salary are kept.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_amount)]
    salary_min: Option<f64>,
    /// Only roles whose salary starts at most this much a year, in the
    /// role's currency. Roles with no salary are kept.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_amount)]
    salary_max: Option<f64>,
    /// Leave out roles that give no salary.
    #[arg(long)]
    require_salary: bool,
    /// Keep adverts whose closing date (validThrough) has passed; they are
    /// skipped by default, with a note of how many.
    #[arg(long)]
    include_expired: bool,
    /// Only roles posted on or after this date (datePosted, YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    posted_since: Option<Date>,
}

/// Checks one `--band`.
fn parse_band(s: &str) -> Result<String, String> {
    band_code(s)
        .map(|_| s.to_string())
        .ok_or_else(|| format!("`{s}` is not an Agenda for Change band (1 to 9, 8a to 8d)"))
}

/// Reads one `--posted-since`.
fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

impl FilterArgs {
    fn into_filter(self) -> RoleFilter {
        RoleFilter {
            locations: self.locations,
            bands: self.bands,
            salary_min: self.salary_min,
            salary_max: self.salary_max,
            require_salary: self.require_salary,
            include_expired: self.include_expired,
            posted_since: self.posted_since,
            today: None,
        }
    }
}

/// What `cvmatch cache` does.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove every cached document from DIR (the folder and its tag stay).
    Clear {
        /// The folder given to --cache.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Count the cached documents in DIR and their size.
    Info {
        /// The folder given to --cache.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// How CV files are read: a password, and the bounds on the work for one CV.
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Password for encrypted PDFs (the empty password is always tried;
    /// prefer --password-file or $CVMATCH_PASSWORD: `ps` shows the command
    /// line).
    #[arg(long, value_name = "PASSWORD")]
    password: Option<String>,
    /// Read the password from FILE (its trailing newline trimmed), so it does
    /// not show in `ps`. Without --password or --password-file,
    /// $CVMATCH_PASSWORD is used when set.
    #[arg(long, value_name = "FILE", conflicts_with = "password")]
    password_file: Option<PathBuf>,
    /// Give up on a CV after this many seconds (extraction, analysis and
    /// scoring together); it becomes an error row and the others go on.
    /// Default 15.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    timeout: Option<u64>,
    /// Raise or lower a bound on one CV, NAME=VALUE (repeatable): pdf-mb (50),
    /// docx-mb (50), txt-mb (5), pages (200), chars (2000000),
    /// glyphs-per-page (200000), decompressed-mb (256), time (15 seconds).
    #[arg(long = "limit", value_name = "NAME=VALUE", value_parser = parse_limit)]
    limits: Vec<String>,
    /// Keep extracted text in DIR, keyed by each file's content, so re-runs skip
    /// extraction. Off by default. DIR then holds the text of every CV read:
    /// personal data (owner-only files; `cvmatch cache clear DIR` empties it).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

/// Checks one `--role-limit NAME=MIB`.
fn parse_role_limit(spec: &str) -> Result<String, String> {
    cvmatch::roles::limits::Limits::default().set(spec)?;
    Ok(spec.to_string())
}

/// A number of seconds from 0 to a day.
fn parse_seconds(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (0.0..=86_400.0).contains(v))
        .ok_or_else(|| format!("`{s}` is not a number of seconds (0 to 86400)"))
}

/// Checks one `--limit NAME=VALUE`.
fn parse_limit(spec: &str) -> Result<String, String> {
    Limits::default().set(spec)?;
    Ok(spec.to_string())
}

impl ReadArgs {
    /// How documents are read: the password from --password, --password-file
    /// or $CVMATCH_PASSWORD, and the limits.
    fn into_options(self) -> cvmatch::Result<ExtractOptions> {
        let mut limits = Limits::default();
        for spec in &self.limits {
            // Checked by clap through `parse_limit`.
            let _ = limits.set(spec);
        }
        if let Some(seconds) = self.timeout {
            limits.time = std::time::Duration::from_secs(seconds);
        }
        Ok(ExtractOptions {
            password: resolve_password(self.password, self.password_file.as_deref())?,
            limits,
            cache: self
                .cache
                .as_deref()
                .map(cvmatch::extract::cache::Cache::open)
                .transpose()?,
        })
    }
}

/// What `batch` and `shortlist` add to the shared options.
struct BatchExtras {
    top: usize,
    calibrate: bool,
    by_role: bool,
    explain: bool,
    roles: Vec<String>,
    resume: bool,
}

impl CvsArgs {
    fn into_config(
        self,
        extras: BatchExtras,
        samples: bool,
        progress: bool,
        settings: Settings,
    ) -> cvmatch::Result<BatchConfig> {
        Ok(BatchConfig {
            paths: self.paths,
            files_from: self.files_from,
            index: IndexLocation::from_args(self.index, samples),
            top: extras.top,
            format: batch_format(self.format, self.out.as_deref()),
            bom: !self.no_bom,
            out: self.out,
            jobs: self.jobs,
            progress,
            blind: self.blind,
            blind_key: self.blind_key,
            calibrate: extras.calibrate,
            by_role: extras.by_role,
            explain: extras.explain,
            resume: extras.resume,
            roles: extras.roles,
            filter: self.filter.into_filter(),
            extract: self.read.into_options()?,
            settings,
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RolesFormat {
    Table,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MatchFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BatchFormat {
    Table,
    Csv,
    Jsonl,
    Html,
}

/// A command with its configuration.
#[derive(Debug)]
pub enum Job {
    Index(IndexConfig),
    Match(MatchConfig),
    Batch(BatchConfig),
    Extract(ExtractConfig),
    Roles(RolesConfig),
    Parse(ParseConfig),
    Eval(EvalConfig),
    Cache(CacheConfig),
    /// Print a completion script for this shell.
    Completions(clap_complete::Shell),
    /// Print the man page.
    Man,
}

/// A batch report's format: as given, else from the `--out` file's extension,
/// else a table.
fn batch_format(format: Option<BatchFormat>, out: Option<&std::path::Path>) -> Format {
    match format {
        Some(BatchFormat::Table) => Format::Table,
        Some(BatchFormat::Csv) => Format::Csv,
        Some(BatchFormat::Jsonl) => Format::Jsonl,
        Some(BatchFormat::Html) => Format::Html,
        None => Format::from_extension(out).unwrap_or(Format::Table),
    }
}

impl Command {
    /// Converts parsed arguments into the library's configuration. Fails when a
    /// password file cannot be read.
    pub fn into_job(self, settings: Settings, samples: bool, quiet: bool) -> cvmatch::Result<Job> {
        let progress = !quiet && std::io::stderr().is_terminal();
        Ok(match self {
            Command::Index {
                roles,
                index,
                role_limits,
                lock_wait,
            } => Job::Index(IndexConfig {
                roles,
                index: IndexLocation::from_option(index),
                settings,
                role_limits: {
                    let mut l = cvmatch::roles::limits::Limits::default();
                    for spec in &role_limits {
                        // Checked by clap through `parse_role_limit`.
                        let _ = l.set(spec);
                    }
                    l
                },
                lock_wait: lock_wait.map(std::time::Duration::from_secs_f64),
            }),
            Command::Match {
                cv,
                index,
                top,
                format,
                explain,
                blind,
                blind_key,
                filter,
                read,
            } => Job::Match(MatchConfig {
                cv,
                index: IndexLocation::from_args(index, samples),
                top,
                format: match format {
                    MatchFormat::Table => Format::Table,
                    MatchFormat::Json => Format::Json,
                },
                explain,
                blind,
                blind_key,
                filter: filter.into_filter(),
                extract: read.into_options()?,
                settings,
            }),
            Command::Batch {
                cvs,
                top,
                calibrate,
                by_role,
                explain,
                roles,
                resume,
            } => Job::Batch(cvs.into_config(
                BatchExtras {
                    top,
                    calibrate,
                    by_role,
                    explain,
                    roles,
                    resume,
                },
                samples,
                progress,
                settings,
            )?),
            Command::Extract {
                paths,
                out_dir,
                jobs,
                stats,
                read,
            } => Job::Extract(ExtractConfig {
                paths,
                out_dir,
                jobs,
                progress,
                stats,
                extract: read.into_options()?,
            }),
            Command::Eval {
                labels,
                index,
                format,
                jobs,
                calibrate,
            } => Job::Eval(EvalConfig {
                labels,
                index: IndexLocation::from_args(index, samples),
                format: match format {
                    MatchFormat::Table => Format::Table,
                    MatchFormat::Json => Format::Json,
                },
                jobs,
                calibrate,
                settings,
            }),
            Command::Parse {
                cv,
                format,
                blind,
                read,
            } => Job::Parse(ParseConfig {
                cv,
                format: match format {
                    MatchFormat::Table => Format::Table,
                    MatchFormat::Json => Format::Json,
                },
                blind,
                extract: read.into_options()?,
                settings,
            }),
            Command::Roles { index, format } => Job::Roles(RolesConfig {
                index: IndexLocation::from_args(index, samples),
                format: match format {
                    RolesFormat::Table => Format::Table,
                    RolesFormat::Jsonl => Format::Jsonl,
                },
            }),
            Command::Shortlist { role, cvs, top } => Job::Batch(cvs.into_config(
                BatchExtras {
                    top,
                    calibrate: false,
                    by_role: true,
                    explain: false,
                    roles: vec![role],
                    resume: false,
                },
                samples,
                progress,
                settings,
            )?),
            Command::Cache { action } => Job::Cache(match action {
                CacheCommand::Clear { dir } => CacheConfig {
                    dir,
                    action: CacheAction::Clear,
                },
                CacheCommand::Info { dir } => CacheConfig {
                    dir,
                    action: CacheAction::Info,
                },
            }),
            Command::Completions { shell } => Job::Completions(shell),
            Command::Man => Job::Man,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_become_plain_config() {
        let cli = Cli::try_parse_from([
            "cvmatch", "batch", "a", "b", "--top", "0", "--format", "jsonl", "--jobs", "2",
        ])
        .unwrap();
        match cli
            .command
            .into_job(Settings::default(), cli.samples, cli.quiet)
            .unwrap()
        {
            Job::Batch(c) => {
                assert_eq!(c.paths.len(), 2);
                assert_eq!(c.top, 0);
                assert_eq!(c.format, Format::Jsonl);
                assert_eq!(c.jobs, Some(2));
                assert_eq!(c.index, IndexLocation::Default);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["cvmatch", "match", "x.pdf", "--format", "csv"]).is_err());
    }

    #[test]
    fn batch_format_comes_from_the_flag_else_the_out_extension() {
        let format = |args: &[&str]| {
            let cli = Cli::try_parse_from(args).unwrap();
            match cli
                .command
                .into_job(Settings::default(), cli.samples, cli.quiet)
                .unwrap()
            {
                Job::Batch(c) => c.format,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            format(&["cvmatch", "batch", "a", "-o", "r.html"]),
            Format::Html
        );
        assert_eq!(
            format(&["cvmatch", "batch", "a", "-o", "R.HTM"]),
            Format::Html
        );
        assert_eq!(
            format(&["cvmatch", "batch", "a", "-f", "html"]),
            Format::Html
        );
        assert_eq!(
            format(&["cvmatch", "batch", "a", "-o", "r.csv"]),
            Format::Csv
        );
        assert_eq!(
            format(&["cvmatch", "batch", "a", "-o", "r.out"]),
            Format::Table
        );
        assert_eq!(
            format(&["cvmatch", "batch", "a", "-o", "r.html", "-f", "jsonl"]),
            Format::Jsonl
        );
        assert_eq!(
            format(&["cvmatch", "shortlist", "role", "a", "-o", "r.html"]),
            Format::Html
        );
    }

    #[test]
    fn filter_flags_become_one_role_filter() {
        let job = |args: &[&str]| {
            let cli = Cli::try_parse_from(args).unwrap();
            cli.command
                .into_job(Settings::default(), cli.samples, cli.quiet)
                .unwrap()
        };
        let flags = [
            "--location",
            "Leeds",
            "--location",
            "remote",
            "--band",
            "8A",
            "--band",
            "6",
            "--salary-min",
            "30k",
            "--salary-max",
            "£45,000",
            "--require-salary",
            "--include-expired",
            "--posted-since",
            "2025-06-01",
        ];
        let want = RoleFilter {
            locations: vec!["Leeds".into(), "remote".into()],
            bands: vec!["8A".into(), "6".into()],
            salary_min: Some(30000.0),
            salary_max: Some(45000.0),
            require_salary: true,
            include_expired: true,
            posted_since: Date::parse("2025-06-01"),
            today: None,
        };
        let mut m = vec!["cvmatch", "match", "cv.pdf"];
        m.extend(flags);
        match job(&m) {
            Job::Match(c) => assert_eq!(c.filter, want),
            other => panic!("{other:?}"),
        }
        let mut b = vec!["cvmatch", "batch", "cvs"];
        b.extend(flags);
        match job(&b) {
            Job::Batch(c) => assert_eq!(c.filter, want),
            other => panic!("{other:?}"),
        }
        let mut s = vec!["cvmatch", "shortlist", "role-1", "cvs"];
        s.extend(flags);
        match job(&s) {
            Job::Batch(c) => {
                assert_eq!(c.filter, want);
                assert_eq!(c.roles, ["role-1"]);
            }
            other => panic!("{other:?}"),
        }
        match job(&["cvmatch", "batch", "cvs"]) {
            Job::Batch(c) => assert_eq!(c.filter, RoleFilter::default()),
            other => panic!("{other:?}"),
        }
        for bad in [
            ["--band", "senior"],
            ["--salary-min", "lots"],
            ["--posted-since", "2025-02-30"],
        ] {
            let mut a = vec!["cvmatch", "match", "cv.pdf"];
            a.extend(bad);
            let e = Cli::try_parse_from(&a).unwrap_err().to_string();
            assert!(e.contains(bad[1]), "{e}");
        }
    }
}
