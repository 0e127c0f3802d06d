//! Reports: the results of matching, as a table, JSON, JSON Lines, CSV or an
//! HTML page ([`html`]).
//!
//! Machine formats are stable and documented in the README:
//!
//! - **JSON / JSON Lines**: exactly one object per CV, on one line, each with
//!   `version`. A matched CV has `cv` and `matches`; a CV that failed has `cv` and
//!   `error` (the `error` key appears only on failures). Scores are unrounded.
//! - **CSV**: a header, then one row per CV and role (`rank` from 1), or one row
//!   with `error` filled for a CV that failed. Scores carry 2 decimals.
//!
//! Tables are for people: for each role, the score, essentials met, and a short
//! "why" (the score's components, matched and missing skills, unmet essentials);
//! `--explain` lists every criterion with its evidence line.
//!
//! Everything a writer prints goes through [`printable`] (or [`one_line`], which
//! uses it): file names, CV text and role titles come from strangers, and a
//! control character or a bidirectional override in them must not reach a
//! terminal or a spreadsheet.

use std::io::{self, Write};

use serde::Serialize;

use crate::OUTPUT_VERSION;
use crate::cv::{Cv, PersonalKind, PersonalSpan};
use crate::roles::{Priority, Role};
use crate::score::{CriterionResult, RoleMatch};

pub mod html;

/// The outcome of matching one CV.
#[derive(Debug, Clone)]
pub struct CvReport {
    /// The CV's path as given (or found by the directory walk).
    pub cv: String,
    /// The matches, best first, already cut to `--top`; or why the CV could
    /// not be matched.
    pub outcome: Result<Vec<RoleMatch>, RowError>,
    /// Non-fatal problems (little text extracted, and so on).
    pub warnings: Vec<String>,
}

/// Why one CV has no matches: the kind of error, kept typed, and its message
/// (naming the file, never the CV's content). Reads as the message.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// What kind of error it was (`error_kind` in JSON).
    pub kind: crate::error::ErrorKind,
    /// The message, as printed.
    pub message: String,
}

impl RowError {
    /// The row for `e`, its message shown as `message`.
    pub fn new(e: &crate::Error, message: String) -> RowError {
        RowError {
            kind: e.kind(),
            message,
        }
    }
}

impl From<&str> for RowError {
    /// A row error of kind `other` (tests, internal failures).
    fn from(message: &str) -> Self {
        RowError {
            kind: crate::error::ErrorKind::Other,
            message: message.to_string(),
        }
    }
}

impl std::ops::Deref for RowError {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Options shared by the writers.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions<'a> {
    /// Include every criterion with its evidence.
    pub explain: bool,
    /// Echoed as `config` on every JSON line: the weights in use and a fingerprint
    /// of settings, taxonomy and index.
    pub config: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    #[serde(flatten)]
    m: &'a RoleMatch,
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<&'a str>,
    /// The advert's address, when the role has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A role match as JSON. Criteria are included only with `explain`.
fn match_json(m: &RoleMatch, role: Option<&Role>, explain: bool) -> serde_json::Value {
    let mut v = serde_json::to_value(JsonMatch {
        m,
        organisation: role.and_then(|r| r.organisation.as_deref()),
        url: role.and_then(|r| r.url.as_deref()),
    })
    .unwrap_or(serde_json::Value::Null);
    if !explain && let Some(obj) = v.as_object_mut() {
        obj.remove("criteria");
    }
    v
}

/// One CV as a single-line JSON object.
pub fn cv_json(report: &CvReport, roles: &[Role], opts: ReportOptions) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("version".into(), OUTPUT_VERSION.into());
    obj.insert("cv".into(), report.cv.clone().into());
    match &report.outcome {
        Ok(matches) => {
            if let Some(c) = opts.config {
                obj.insert("config".into(), c.clone());
            }
            let list: Vec<serde_json::Value> = matches
                .iter()
                .map(|m| match_json(m, roles.get(m.role), opts.explain))
                .collect();
            obj.insert("matches".into(), list.into());
            if !report.warnings.is_empty() {
                obj.insert("warnings".into(), report.warnings.clone().into());
            }
        }
        Err(e) => {
            obj.insert("error".into(), one_line(e).into());
            obj.insert("error_kind".into(), e.kind.as_str().into());
        }
    }
    json_line(serde_json::Value::Object(obj))
}

/// Writes one JSON line per CV.
pub fn write_jsonl(
    out: &mut dyn Write,
    reports: &[CvReport],
    roles: &[Role],
    opts: ReportOptions,
) -> io::Result<()> {
    for r in reports {
        writeln!(out, "{}", cv_json(r, roles, opts))?;
    }
    Ok(())
}

/// A text cell made safe for terminals and spreadsheets: control characters
/// and bidirectional overrides are dropped ([`printable`]), then a cell starting
/// with `=`, `+`, `-`, `@` or a tab would be read as a formula, so it gets a
/// leading `'` (OWASP's advice for CSV injection; a carriage return, which
/// OWASP also names, is already gone, as is an ESC hiding a `=`). Applied to
/// every text cell, whatever its source (file names, advert titles, error
/// messages).
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let clean = printable(text);
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

/// The CSV report's columns (new ones are appended, so readers that go by
/// position keep working).
const CSV_COLUMNS: [&str; 14] = [
    "cv",
    "rank",
    "role_id",
    "title",
    "organisation",
    "band",
    "score",
    "essentials_met",
    "essentials_total",
    "unmet_essentials",
    "top_evidence",
    "matched_skills",
    "error",
    "url",
];

/// The position of `name` in `columns`.
fn column(columns: &[&str], name: &str) -> usize {
    columns.iter().position(|c| *c == name).unwrap_or(0)
}

/// The CV line that best evidences a match: the evidence of its best-scored
/// criterion, essentials first (already redacted in blind mode).
fn top_evidence(m: &RoleMatch) -> &str {
    m.criteria
        .iter()
        .filter(|c| c.evidence.is_some())
        .filter(|c| c.score > 0)
        .max_by_key(|c| (c.priority == Priority::Essential, c.score))
        .and_then(|c| c.evidence.as_deref())
        .unwrap_or("")
}

/// Writes the CSV report: one row per CV and role, one row with `error` for a
/// CV that failed. Text cells go through [`csv_cell`].
pub fn write_csv(out: &mut dyn Write, reports: &[CvReport], roles: &[Role]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    for r in reports {
        write_csv_rows(&mut w, r, roles)?;
    }
    w.flush()?;
    Ok(())
}

/// The CSV rows of one CV: one per match, or one error row.
fn write_csv_rows<W: Write>(
    w: &mut csv::Writer<W>,
    r: &CvReport,
    roles: &[Role],
) -> io::Result<()> {
    match &r.outcome {
        Ok(matches) => {
            for (i, m) in matches.iter().enumerate() {
                let role = roles.get(m.role);
                let unmet: Vec<&str> = m
                    .criteria
                    .iter()
                    .filter(|c| c.priority == Priority::Essential && c.score < 2)
                    .map(|c| c.text.as_str())
                    .collect();
                let row: [String; CSV_COLUMNS.len()] = [
                    r.cv.clone(),
                    (i + 1).to_string(),
                    m.role_id.clone(),
                    m.title.clone(),
                    role.and_then(|r| r.organisation.clone())
                        .unwrap_or_default(),
                    role.and_then(|r| r.band.clone()).unwrap_or_default(),
                    format!("{:.2}", m.score),
                    m.essentials_met.to_string(),
                    m.essentials_total.to_string(),
                    unmet.join("; "),
                    top_evidence(m).to_string(),
                    m.matched_skills.join("; "),
                    String::new(),
                    role.and_then(|r| r.url.clone()).unwrap_or_default(),
                ];
                w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
            }
        }
        Err(e) => {
            let mut row: [String; CSV_COLUMNS.len()] = Default::default();
            row[0] = r.cv.clone();
            row[column(&CSV_COLUMNS, "error")] = one_line(e);
            w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
        }
    }
    Ok(())
}

/// The formats a batch report streams in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    /// Fixed-width table.
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON object per CV.
    Jsonl,
}

/// Writes a batch report one CV at a time, as each is ready, so that nothing
/// but the CV being written is held and a killed run keeps every CV written
/// before it. Column widths of the table come from what is known before the
/// first CV (the paths and the role ids), not from the results.
pub struct BatchWriter<'a> {
    format: StreamFormat,
    roles: &'a [Role],
    opts: ReportOptions<'a>,
    cv_w: usize,
    id_w: usize,
    /// The title column's width when some role has a url (a URL column
    /// follows the title then).
    title_w: Option<usize>,
}

/// The title column's width when some role has a url: the longest title, up
/// to 60 characters (longer ones are cut); `None` when no role has one.
fn url_title_width(roles: &[Role]) -> Option<usize> {
    roles.iter().any(|r| r.url.is_some()).then(|| {
        roles
            .iter()
            .map(|r| r.title.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 60)
    })
}

impl<'a> BatchWriter<'a> {
    /// A writer for `format`; `names` are the CVs as they will be shown (for
    /// the table's widths).
    pub fn new<'n>(
        format: StreamFormat,
        roles: &'a [Role],
        opts: ReportOptions<'a>,
        names: impl Iterator<Item = &'n str>,
    ) -> BatchWriter<'a> {
        let cv_w = names
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(2)
            .clamp(2, 60);
        let id_w = roles
            .iter()
            .map(|r| r.id.chars().count())
            .max()
            .unwrap_or(4)
            .clamp(4, 40);
        BatchWriter {
            format,
            roles,
            opts,
            cv_w,
            id_w,
            title_w: url_title_width(roles),
        }
    }

    /// The header (CSV columns, table headings); nothing for JSON Lines.
    pub fn header(&self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            StreamFormat::Jsonl => Ok(()),
            StreamFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_COLUMNS)?;
                w.flush()
            }
            StreamFormat::Table => table_header(out, self.cv_w, self.id_w, self.title_w),
        }
    }

    /// One CV's rows.
    pub fn write(&self, out: &mut dyn Write, r: &CvReport) -> io::Result<()> {
        match self.format {
            StreamFormat::Jsonl => writeln!(out, "{}", cv_json(r, self.roles, self.opts)),
            StreamFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                write_csv_rows(&mut w, r, self.roles)?;
                w.flush()
            }
            StreamFormat::Table => {
                let urls = self.title_w.map(|w| (self.roles, w));
                write_table_rows(out, r, self.cv_w, self.id_w, urls, self.opts.explain)
            }
        }
    }
}

/// One candidate on a role's shortlist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The CV as shown (path or `candidate-NNN`).
    pub cv: String,
    /// 0–100, unrounded.
    pub score: f64,
    /// Essentials of the role the CV meets.
    pub essentials_met: usize,
    /// Essentials of the role.
    pub essentials_total: usize,
    /// The essentials the CV does not meet, as the role words them.
    pub unmet: Vec<String>,
    /// The CV line behind its best-met essential (redacted in blind mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// One role's candidates, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shortlist {
    /// The role's id.
    pub role_id: String,
    /// The role's title.
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The employer, when known.
    pub organisation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The pay band, when known.
    pub band: Option<String>,
    /// The advert's address, when the role has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The candidates, best first, cut to `--top`.
    pub candidates: Vec<Candidate>,
}

/// Turns per-CV results into per-role shortlists: for each role (the ids in
/// `only`, in that order, else every role some CV was scored against, in index
/// order) its candidates by score, then CV path, cut to `top` (0: all). Failed
/// CVs are left out (they are reported on their own).
pub fn shortlists(
    reports: &[CvReport],
    roles: &[Role],
    only: &[String],
    top: usize,
) -> Vec<Shortlist> {
    let mut by_role: Vec<Vec<Candidate>> = vec![Vec::new(); roles.len()];
    for r in reports {
        let Ok(matches) = &r.outcome else { continue };
        for m in matches {
            if let Some(list) = by_role.get_mut(m.role) {
                list.push(Candidate {
                    cv: r.cv.clone(),
                    score: m.score,
                    essentials_met: m.essentials_met,
                    essentials_total: m.essentials_total,
                    unmet: m
                        .criteria
                        .iter()
                        .filter(|c| c.priority == Priority::Essential && c.score < 2)
                        .map(|c| c.text.clone())
                        .collect(),
                    evidence: Some(top_evidence(m).to_string()).filter(|e| !e.is_empty()),
                });
            }
        }
    }
    let order: Vec<usize> = if only.is_empty() {
        (0..roles.len())
            .filter(|&i| !by_role[i].is_empty())
            .collect()
    } else {
        only.iter()
            .filter_map(|id| roles.iter().position(|r| &r.id == id))
            .collect()
    };
    order
        .into_iter()
        .map(|i| {
            let mut c = std::mem::take(&mut by_role[i]);
            c.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.cv.cmp(&b.cv)));
            if top > 0 {
                c.truncate(top);
            }
            let role = &roles[i];
            Shortlist {
                role_id: role.id.clone(),
                title: role.title.clone(),
                organisation: role.organisation.clone(),
                band: role.band.clone(),
                url: role.url.clone(),
                candidates: c,
            }
        })
        .collect()
}

/// Shortlists as JSON Lines: one line per role (`version`, `role_id`, `title`,
/// `candidates`), then one `{version, cv, error}` line per CV that failed.
pub fn write_shortlists_jsonl(
    out: &mut dyn Write,
    lists: &[Shortlist],
    reports: &[CvReport],
) -> io::Result<()> {
    for l in lists {
        let mut v = serde_json::to_value(l).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("version".into(), OUTPUT_VERSION.into());
        }
        writeln!(out, "{}", json_line(v))?;
    }
    for r in reports {
        if let Err(e) = &r.outcome {
            let v = serde_json::json!({
                "version": OUTPUT_VERSION,
                "cv": r.cv,
                "error": one_line(e),
                "error_kind": e.kind.as_str(),
            });
            writeln!(out, "{}", json_line(v))?;
        }
    }
    Ok(())
}

/// The shortlist CSV's columns.
const SHORTLIST_COLUMNS: [&str; 13] = [
    "role_id",
    "title",
    "organisation",
    "band",
    "rank",
    "cv",
    "score",
    "essentials_met",
    "essentials_total",
    "unmet_essentials",
    "top_evidence",
    "error",
    "url",
];

/// Shortlists as CSV: one row per role and candidate, then one row per CV that
/// failed (`cv` and `error` filled). Text cells go through [`csv_cell`].
pub fn write_shortlists_csv(
    out: &mut dyn Write,
    lists: &[Shortlist],
    reports: &[CvReport],
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SHORTLIST_COLUMNS)?;
    for l in lists {
        for (i, c) in l.candidates.iter().enumerate() {
            let row: [String; SHORTLIST_COLUMNS.len()] = [
                l.role_id.clone(),
                l.title.clone(),
                l.organisation.clone().unwrap_or_default(),
                l.band.clone().unwrap_or_default(),
                (i + 1).to_string(),
                c.cv.clone(),
                format!("{:.2}", c.score),
                c.essentials_met.to_string(),
                c.essentials_total.to_string(),
                c.unmet.join("; "),
                c.evidence.clone().unwrap_or_default(),
                String::new(),
                l.url.clone().unwrap_or_default(),
            ];
            w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
        }
    }
    for r in reports {
        if let Err(e) = &r.outcome {
            let mut row: [String; SHORTLIST_COLUMNS.len()] = Default::default();
            row[column(&SHORTLIST_COLUMNS, "cv")] = r.cv.clone();
            row[column(&SHORTLIST_COLUMNS, "error")] = one_line(e);
            w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
        }
    }
    w.flush()
}

/// Shortlists as a table: a block per role, candidates best first, with the
/// essentials they do not meet.
pub fn write_shortlists_table(
    out: &mut dyn Write,
    lists: &[Shortlist],
    reports: &[CvReport],
) -> io::Result<()> {
    for (n, l) in lists.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let extra: Vec<&str> = [l.organisation.as_deref(), l.band.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if extra.is_empty() {
            writeln!(
                out,
                "ROLE {} — {}",
                one_line(&l.role_id),
                one_line(&l.title)
            )?;
        } else {
            writeln!(
                out,
                "ROLE {} — {} ({})",
                one_line(&l.role_id),
                one_line(&l.title),
                one_line(&extra.join(", "))
            )?;
        }
        if let Some(url) = &l.url {
            writeln!(out, "  advert: {url}")?;
        }
        if l.candidates.is_empty() {
            writeln!(out, "  (no candidates)")?;
            continue;
        }
        writeln!(
            out,
            "  {:>4}  {:>6}  {:>10}  CV",
            "RANK", "SCORE", "ESSENTIALS"
        )?;
        for (i, c) in l.candidates.iter().enumerate() {
            writeln!(
                out,
                "  {:>4}  {:>6.2}  {:>10}  {}",
                i + 1,
                c.score,
                format!("{}/{}", c.essentials_met, c.essentials_total),
                one_line(&c.cv)
            )?;
            for u in &c.unmet {
                writeln!(out, "                            unmet: {}", one_line(u))?;
            }
        }
    }
    for r in reports {
        if let Err(e) = &r.outcome {
            writeln!(out, "ERROR {}: {}", one_line(&r.cv), one_line(e))?;
        }
    }
    Ok(())
}

/// The batch table's heading (with a URL column when `title_w` is set).
fn table_header(
    out: &mut dyn Write,
    cv_w: usize,
    id_w: usize,
    title_w: Option<usize>,
) -> io::Result<()> {
    let title = match title_w {
        Some(w) => format!("{:<w$}  URL", "TITLE"),
        None => "TITLE".into(),
    };
    writeln!(
        out,
        "{:<cv_w$}  {:>4}  {:>6}  {:>10}  {:<id_w$}  {title}",
        "CV", "RANK", "SCORE", "ESSENTIALS", "ROLE"
    )
}

/// Writes the batch table: one row per CV and role, with the advert's url
/// when some role has one, and with `explain` every criterion under its row.
pub fn write_batch_table(
    out: &mut dyn Write,
    reports: &[CvReport],
    roles: &[Role],
    explain: bool,
) -> io::Result<()> {
    let cv_w = reports
        .iter()
        .map(|r| one_line(&r.cv).chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 60);
    let id_w = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flatten()
        .map(|m| m.role_id.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    let title_w = url_title_width(roles);
    table_header(out, cv_w, id_w, title_w)?;
    for r in reports {
        write_table_rows(out, r, cv_w, id_w, title_w.map(|w| (roles, w)), explain)?;
    }
    Ok(())
}

/// The table rows of one CV; with `urls` (the roles and the title column's
/// width), the advert's url after the title.
fn write_table_rows(
    out: &mut dyn Write,
    r: &CvReport,
    cv_w: usize,
    id_w: usize,
    urls: Option<(&[Role], usize)>,
    explain: bool,
) -> io::Result<()> {
    match &r.outcome {
        Ok(matches) if matches.is_empty() => {
            writeln!(out, "{:<cv_w$}  (no roles)", one_line(&r.cv))?;
        }
        Ok(matches) => {
            for (i, m) in matches.iter().enumerate() {
                // Cleaned before padding: `one_line` folds runs of spaces.
                let clean = one_line(&m.title);
                let title = match urls {
                    Some((roles, w)) => {
                        let url = roles.get(m.role).and_then(|r| r.url.as_deref());
                        let url = one_line(url.unwrap_or(""));
                        let cell = format!("{:<w$}  {}", shorten(&clean, w), url);
                        cell.trim_end().to_string()
                    }
                    None => clean,
                };
                writeln!(
                    out,
                    "{:<cv_w$}  {:>4}  {:>6.2}  {:>10}  {:<id_w$}  {}",
                    one_line(&r.cv),
                    i + 1,
                    m.score,
                    format!("{}/{}", m.essentials_met, m.essentials_total),
                    one_line(&m.role_id),
                    title
                )?;
                if explain {
                    for c in &m.criteria {
                        write_criterion(out, "      ", c)?;
                    }
                }
            }
        }
        Err(e) => writeln!(out, "{:<cv_w$}  ERROR  {}", one_line(&r.cv), one_line(e))?,
    }
    Ok(())
}

/// Writes the table for one CV, with a "why" under each role.
pub fn write_match_table(
    out: &mut dyn Write,
    report: &CvReport,
    roles: &[Role],
    opts: ReportOptions,
) -> io::Result<()> {
    writeln!(out, "CV: {}", one_line(&report.cv))?;
    let matches = match &report.outcome {
        Ok(m) => m,
        Err(e) => {
            writeln!(out, "error: {}", one_line(e))?;
            return Ok(());
        }
    };
    writeln!(out)?;
    writeln!(
        out,
        "{:>4}  {:>6}  {:>10}  ROLE",
        "RANK", "SCORE", "ESSENTIALS"
    )?;
    for (i, m) in matches.iter().enumerate() {
        let role = roles.get(m.role);
        let mut heading = format!("{} — {}", m.role_id, m.title);
        if let Some(r) = role {
            let extra: Vec<&str> = [r.organisation.as_deref(), r.band.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !extra.is_empty() {
                heading.push_str(&format!(" ({})", extra.join(", ")));
            }
        }
        writeln!(
            out,
            "{:>4}  {:>6.2}  {:>10}  {}",
            i + 1,
            m.score,
            format!("{}/{}", m.essentials_met, m.essentials_total),
            one_line(&heading)
        )?;
        let pad = "                            ";
        if let Some(url) = role.and_then(|r| r.url.as_deref()) {
            writeln!(out, "{pad}advert: {}", one_line(url))?;
        }
        writeln!(out, "{pad}why: {}", one_line(&components(m)))?;
        if let Some(c) = carried(m) {
            writeln!(out, "{pad}rank carried by {c}")?;
        }
        if !m.matched_skills.is_empty() {
            writeln!(
                out,
                "{pad}skills found: {}",
                one_line(&list(&m.matched_skills, 10))
            )?;
        }
        if !m.missing_skills.is_empty() {
            writeln!(
                out,
                "{pad}skills missing: {}",
                one_line(&list(&m.missing_skills, 8))
            )?;
        }
        if opts.explain {
            for c in &m.criteria {
                write_criterion(out, pad, c)?;
            }
        } else {
            let unmet: Vec<&CriterionResult> = m
                .criteria
                .iter()
                .filter(|c| c.priority == Priority::Essential && c.score < 2)
                .collect();
            for c in unmet.iter().take(3) {
                writeln!(
                    out,
                    "{pad}essential {}: {}",
                    c.status(),
                    shorten(&one_line(&c.text), 90)
                )?;
            }
            if unmet.len() > 3 {
                writeln!(out, "{pad}… and {} more unmet essentials", unmet.len() - 3)?;
            }
        }
        writeln!(out)?;
    }
    for w in &report.warnings {
        writeln!(out, "warning: {}", one_line(w))?;
    }
    if !opts.explain && !matches.is_empty() {
        writeln!(
            out,
            "Use --explain to see every criterion with its evidence from the CV."
        )?;
    }
    Ok(())
}

fn write_criterion(out: &mut dyn Write, pad: &str, c: &CriterionResult) -> io::Result<()> {
    let mark = match c.score {
        2.. => "✓",
        1 => "~",
        0 => "✗",
    };
    writeln!(
        out,
        "{pad}{mark} {} [{}/3 {}] {}",
        c.priority,
        c.score,
        c.status(),
        shorten(&one_line(&c.text), 100)
    )?;
    if let Some(e) = &c.evidence {
        let section = c.section.map(|s| s.as_str()).unwrap_or("cv");
        writeln!(
            out,
            "{pad}    evidence ({section}): {}",
            shorten(&one_line(e), 100)
        )?;
    }
    if !c.reason.is_empty() {
        writeln!(out, "{pad}    {}", one_line(&c.reason))?;
    }
    Ok(())
}

fn components(m: &RoleMatch) -> String {
    let mut parts = vec![format!("relevance {:.2}", m.relevance)];
    if let Some(s) = m.skills_score {
        parts.push(format!(
            "skills {:.2} ({} of {})",
            s,
            m.matched_skills.len(),
            m.matched_skills.len() + m.missing_skills.len()
        ));
    }
    if let Some(c) = m.criteria_score {
        parts.push(format!("criteria {c:.2}"));
    } else {
        parts.push("no person spec".into());
    }
    match &m.title_match {
        Some(t) => parts.push(format!("title {:.2} ({t})", m.title_score)),
        None => parts.push(format!("title {:.2}", m.title_score)),
    }
    if let Some(o) = &m.occupation {
        parts.push(format!("role occupation: {} {}", o.code, o.name));
    }
    if let Some(s) = &m.seniority {
        parts.push(format!("seniority: {s}"));
    }
    parts.join(" · ")
}

/// Which components put the role where it is against the other roles for this
/// CV: each component's multiplier × z-score, largest first, those above a
/// tenth of a standard deviation ("title +2.10, relevance +1.35").
fn carried(m: &RoleMatch) -> Option<String> {
    let parts: Vec<String> = m
        .contributions
        .ranked()
        .into_iter()
        .filter(|(_, c)| c.abs() >= 0.1)
        .map(|(name, c)| format!("{name} {c:+.2}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn list(items: &[String], max: usize) -> String {
    let mut s = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        s.push_str(&format!(" (+{} more)", items.len() - max));
    }
    s
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// Must `c` be kept from a terminal: a C0 control other than `\n` and `\t`
/// (ESC starts escape sequences, CR rewrites a line), DEL, a C1 control (U+009B
/// is a CSI), or a bidirectional embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069), which reorder what a reader sees?
pub fn is_unprintable(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without the characters [`is_unprintable`] names; `\n` and `\t` stay
/// for layout. The one sanitiser every writer uses (through [`one_line`] for
/// single-line fields).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unprintable) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_unprintable(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A JSON value as one line, every string in it [`printable`] (serde_json
/// escapes C0 controls, but a consumer that decodes and prints the value would
/// get them back; C1 controls and bidirectional overrides it writes raw).
pub fn json_line(mut v: serde_json::Value) -> String {
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                if let std::borrow::Cow::Owned(o) = printable(s) {
                    *s = o;
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(clean),
            serde_json::Value::Object(o) => o.values_mut().for_each(clean),
            _ => {}
        }
    }
    clean(&mut v);
    v.to_string()
}

/// A message or field on one printable line: whitespace runs (newlines, tabs)
/// become one space, unprintable characters go ([`printable`]).
pub fn one_line(s: &str) -> String {
    s.split_whitespace()
        .map(|w| printable(w).into_owned())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes every role as one JSON line, as read (`cvmatch roles --format jsonl`).
pub fn write_roles_jsonl(out: &mut dyn Write, roles: &[Role]) -> io::Result<()> {
    for r in roles {
        writeln!(out, "{}", json_line(serde_json::to_value(r)?))?;
    }
    Ok(())
}

/// Writes the roles table (`cvmatch roles`).
pub fn write_roles_table(out: &mut dyn Write, roles: &[Role]) -> io::Result<()> {
    let id_w = roles
        .iter()
        .map(|r| one_line(&r.id).chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 40);
    writeln!(
        out,
        "{:<id_w$}  {:>4}  {:>4}  {:<8}  TITLE",
        "ID", "ESS", "DES", "BAND"
    )?;
    for r in roles {
        let ess = r.essentials_total();
        let des = r.criteria.len() - ess;
        let mut title = r.title.clone();
        if let Some(o) = &r.organisation {
            title.push_str(&format!(" — {o}"));
        }
        writeln!(
            out,
            "{:<id_w$}  {:>4}  {:>4}  {:<8}  {}",
            one_line(&r.id),
            ess,
            des,
            one_line(r.band.as_deref().unwrap_or("-")),
            one_line(&title)
        )?;
    }
    writeln!(out, "{} roles", roles.len())?;
    Ok(())
}

/// The CV model as one JSON line (`cvmatch parse --format json`), shaped after
/// JSON Resume where it fits (`basics`, `work`, `education`, `skills`,
/// `certificates`), with the evidence line of every finding. Under `blind`,
/// personal data is replaced by `[kind]` markers everywhere.
pub fn parse_json(shown: &str, cv: &Cv, pages: usize, blind: bool) -> String {
    use serde_json::{Map, Value, json};
    let line = |i: usize| -> String {
        if blind {
            cv.redacted_line(i)
        } else {
            cv.lines.get(i).map(|l| l.text.clone()).unwrap_or_default()
        }
    };
    // Text derived from the CV (headings, job titles, subjects).
    let derived = |t: &str| -> String {
        if blind {
            cv.redact_str(t)
        } else {
            t.to_string()
        }
    };
    let derived_opt = |t: &Option<String>| -> Value {
        t.as_deref()
            .map_or(Value::Null, |t| Value::String(derived(t)))
    };
    let span_text = |p: &PersonalSpan| -> String {
        if blind {
            format!("[{}]", p.kind.as_str())
        } else {
            cv.lines[p.line].text[p.start..p.end].to_string()
        }
    };
    let first = |kind: PersonalKind| -> Value {
        cv.personal
            .iter()
            .find(|p| p.kind == kind)
            .map_or(Value::Null, |p| Value::String(span_text(p)))
    };
    let urls: Vec<String> = cv
        .personal
        .iter()
        .filter(|p| p.kind == PersonalKind::Url)
        .map(span_text)
        .collect();
    let mut basics = Map::new();
    basics.insert(
        "name".into(),
        cv.name_span
            .as_ref()
            .map_or(Value::Null, |p| Value::String(span_text(p))),
    );
    basics.insert("email".into(), first(PersonalKind::Email));
    basics.insert("phone".into(), first(PersonalKind::Phone));
    basics.insert("urls".into(), urls.into());
    basics.insert(
        "location".into(),
        json!({"address": first(PersonalKind::Address), "postalCode": first(PersonalKind::Postcode)}),
    );
    basics.insert("dateOfBirth".into(), first(PersonalKind::DateOfBirth));
    let work: Vec<Value> = cv
        .experience
        .iter()
        .map(|w| {
            json!({
                "position": derived_opt(&w.title),
                "startDate": w.start,
                "endDate": if w.current { Value::Null } else { json!(w.end) },
                "current": w.current,
                "months": w.months,
                "section": w.section,
                "evidence": line(w.line),
            })
        })
        .collect();
    let education: Vec<Value> = cv
        .degrees
        .iter()
        .map(|d| {
            json!({
                "studyType": d.level.as_str(),
                "area": derived_opt(&d.subject),
                "score": derived_opt(&d.class),
                "evidence": line(d.line),
            })
        })
        .collect();
    let skills: Vec<Value> = cv
        .skills
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "category": s.category,
                "count": s.count,
                "section": s.section,
                "evidence": line(s.line),
            })
        })
        .collect();
    let creds = |v: &[crate::cv::Credential]| -> Vec<Value> {
        v.iter()
            .map(|c| json!({"name": derived(&c.name), "via": c.via, "evidence": line(c.line)}))
            .collect()
    };
    let occupations: Vec<Value> = cv
        .occupations
        .iter()
        .map(|o| {
            json!({
                "code": o.code,
                "name": o.name,
                "title": derived(&o.title),
                "source": o.source,
                "score": (f64::from(o.score) * 100.0).round() / 100.0,
                "evidence": line(o.line),
            })
        })
        .collect();
    let titles: Vec<Value> = cv
        .titles
        .iter()
        .map(|t| json!({"occupation": t.name, "evidence": line(t.line)}))
        .collect();
    let sections: Vec<Value> = cv
        .sections
        .iter()
        .map(|s| {
            json!({"kind": s.kind, "heading": derived(&s.heading), "first_line": s.first_line, "last_line": s.last_line})
        })
        .collect();
    let personal: Vec<Value> = cv
        .personal
        .iter()
        .map(|p| json!({"kind": p.kind.as_str(), "line": p.line, "text": span_text(p)}))
        .collect();
    let doc = json!({
        "version": crate::OUTPUT_VERSION,
        "cv": shown,
        "blind": blind,
        "pages": pages,
        "basics": basics,
        "years_experience": cv.years_experience,
        "years_stated": cv.stated_years.map(|s| s.years),
        "work": work,
        "education": education,
        "skills": skills,
        "certificates": creds(&cv.certifications),
        "registrations": creds(&cv.registrations),
        "titles": titles,
        "occupations": occupations,
        "sections": sections,
        "personal": personal,
    });
    json_line(doc)
}

/// The CV model for people (`cvmatch parse`). Every field is one line of the CV
/// or text taken from one, so the whole table goes through [`printable`].
pub fn write_parse_table(out: &mut dyn Write, shown: &str, cv: &Cv, blind: bool) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::new();
    parse_table(&mut buf, &one_line(shown), cv, blind)?;
    out.write_all(printable(&String::from_utf8_lossy(&buf)).as_bytes())
}

fn parse_table(out: &mut dyn Write, shown: &str, cv: &Cv, blind: bool) -> io::Result<()> {
    let line = |i: usize| -> String {
        let t = if blind {
            cv.redacted_line(i)
        } else {
            cv.lines.get(i).map(|l| l.text.clone()).unwrap_or_default()
        };
        shorten(&t, 90)
    };
    let derived = |t: &str| -> String {
        if blind {
            cv.redact_str(t)
        } else {
            t.to_string()
        }
    };
    writeln!(out, "CV: {shown}")?;
    match cv.name() {
        Some(_) if blind => writeln!(out, "name: [name]")?,
        Some(n) => writeln!(out, "name: {n}")?,
        None => writeln!(out, "name: (not found)")?,
    }
    writeln!(
        out,
        "sections: {}",
        cv.sections
            .iter()
            .map(|s| s.kind.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(
        out,
        "experience: {:.1} years from {} dated spans",
        cv.years_experience,
        cv.experience.len()
    )?;
    if let Some(s) = cv.stated_years {
        writeln!(out, "stated: {:.1} years (line {})", s.years, s.line)?;
    }
    for w in &cv.experience {
        writeln!(
            out,
            "  {}–{} {}  ← {}",
            w.start,
            if w.current {
                "present".to_string()
            } else {
                w.end.to_string()
            },
            derived(w.title.as_deref().unwrap_or("")),
            line(w.line)
        )?;
    }
    writeln!(out, "education:")?;
    for d in &cv.degrees {
        writeln!(
            out,
            "  {} {} {}  ← {}",
            d.level.as_str(),
            derived(d.subject.as_deref().unwrap_or("-")),
            derived(d.class.as_deref().unwrap_or("")),
            line(d.line)
        )?;
    }
    let regs: Vec<String> = cv.registrations.iter().map(|c| derived(&c.name)).collect();
    let certs: Vec<String> = cv.certifications.iter().map(|c| derived(&c.name)).collect();
    writeln!(
        out,
        "registrations: {}",
        if regs.is_empty() {
            "-".into()
        } else {
            regs.join(", ")
        }
    )?;
    writeln!(
        out,
        "certifications: {}",
        if certs.is_empty() {
            "-".into()
        } else {
            certs.join(", ")
        }
    )?;
    if cv.occupations.is_empty() {
        writeln!(out, "occupations: -")?;
    } else {
        writeln!(out, "occupations:")?;
        for o in &cv.occupations {
            writeln!(
                out,
                "  {} {} ({}, {:.2})  ← {}",
                o.code,
                o.name,
                match o.source {
                    crate::cv::TitleSource::Headline => "headline",
                    crate::cv::TitleSource::Role => "role",
                    crate::cv::TitleSource::Line => "title line",
                },
                o.score,
                line(o.line)
            )?;
        }
    }
    let titles: Vec<&str> = cv.titles.iter().map(|t| t.name.as_str()).collect();
    writeln!(
        out,
        "job titles: {}",
        if titles.is_empty() {
            "-".into()
        } else {
            titles.join(", ")
        }
    )?;
    writeln!(out, "skills ({}):", cv.skills.len())?;
    for s in &cv.skills {
        writeln!(
            out,
            "  {} [{}] ×{} in {}  ← {}",
            s.name,
            s.category,
            s.count,
            s.section.as_str(),
            line(s.line)
        )?;
    }
    writeln!(
        out,
        "personal data: {} spans{}",
        cv.personal.len(),
        if blind { " (redacted)" } else { "" }
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, score: f64) -> RoleMatch {
        RoleMatch {
            role: 0,
            role_id: id.into(),
            title: "Data Scientist".into(),
            score,
            essentials_met: 1,
            essentials_total: 2,
            desirables_met: 0,
            desirables_total: 0,
            relevance: 0.5,
            skills_score: Some(0.5),
            criteria_score: Some(0.5),
            contributions: Default::default(),
            title_score: 1.0,
            matched_skills: vec!["Python".into()],
            missing_skills: vec!["R".into()],
            title_match: None,
            occupation: None,
            seniority: None,
            criteria: vec![],
            calibration: None,
        }
    }

    #[test]
    fn json_lines_have_version_and_error_only_on_failure() {
        let ok = CvReport {
            cv: "a.pdf".into(),
            outcome: Ok(vec![m("ds", 71.234567)]),
            warnings: vec![],
        };
        let bad = CvReport {
            cv: "b.pdf".into(),
            outcome: Err("b.pdf: not a PDF\nfile".into()),
            warnings: vec![],
        };
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &[ok, bad], &[], ReportOptions::default()).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["version"], OUTPUT_VERSION);
        assert!(lines[0].get("error").is_none());
        assert_eq!(lines[0]["matches"][0]["score"], 71.234567);
        assert_eq!(lines[0]["matches"][0]["essentials_total"], 2);
        assert!(lines[0]["matches"][0].get("criteria").is_none());
        assert_eq!(lines[1]["error"], "b.pdf: not a PDF file");
        assert!(lines[1].get("matches").is_none());
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralised() {
        for bad in ["=1+1", "+44 20", "-2", "@SUM(A1)", "\t=cmd"] {
            assert_eq!(csv_cell(bad), format!("'{bad}"));
        }
        // A carriage return or an escape before the formula: dropped, and the
        // formula still neutralised.
        for (bad, want) in [
            ("\r=cmd", "'=cmd"),
            ("\u{1b}=cmd", "'=cmd"),
            ("\u{202e}@x", "'@x"),
        ] {
            assert_eq!(csv_cell(bad), want);
        }
        for ok in ["Data Scientist", "a=b", "", "'quoted"] {
            assert_eq!(csv_cell(ok), ok);
        }
    }

    #[test]
    fn nothing_unprintable_reaches_a_terminal() {
        let hostile =
            "A\u{1b}[31mred\u{7}\r\u{7f}\u{9b}2J\u{202e}gpj.exe\u{2066}x\u{2069}\tend\nnext\u{0}";
        let p = printable(hostile);
        assert_eq!(p, "A[31mred2Jgpj.exex\tend\nnext");
        assert!(!p.chars().any(is_unprintable));
        // In one line, a carriage return is a line break: a space.
        assert_eq!(one_line(hostile), "A[31mred 2Jgpj.exex end next");
        // Ordinary text, right-to-left scripts and their marks are left alone.
        for ok in [
            "Zoë Pemberton — Data Scientist",
            "محمد أحمد",
            "\u{200f}x",
            "a\tb\nc",
        ] {
            assert!(
                matches!(printable(ok), std::borrow::Cow::Borrowed(_)),
                "{ok}"
            );
        }
        // Every writer: a CV name, a role title and a CV line with control
        // characters come out clean in tables, CSV and JSON.
        let mut mm = m("r\u{1b}1", 50.0);
        mm.title = "Data \u{1b}]0;pwned\u{7}Scientist\u{202e}".into();
        mm.criteria = vec![];
        let report = CvReport {
            cv: "cvs/\u{1b}[2Jevil\nname.pdf".into(),
            outcome: Ok(vec![mm]),
            warnings: vec!["w\u{9b}1".into()],
        };
        let failed = CvReport {
            cv: "bad\u{1b}.pdf".into(),
            outcome: Err("bad\u{1b}.pdf: \u{202e}broken".into()),
            warnings: vec![],
        };
        let reports = [report.clone(), failed];
        let mut outputs: Vec<String> = Vec::new();
        let mut buf = Vec::new();
        write_batch_table(&mut buf, &reports, &[], false).unwrap();
        outputs.push(String::from_utf8(std::mem::take(&mut buf)).unwrap());
        write_csv(&mut buf, &reports, &[]).unwrap();
        outputs.push(String::from_utf8(std::mem::take(&mut buf)).unwrap());
        write_jsonl(&mut buf, &reports, &[], ReportOptions::default()).unwrap();
        outputs.push(String::from_utf8(std::mem::take(&mut buf)).unwrap());
        write_match_table(&mut buf, &report, &[], ReportOptions::default()).unwrap();
        outputs.push(String::from_utf8(std::mem::take(&mut buf)).unwrap());
        let lists = shortlists(&reports, &[], &[], 0);
        write_shortlists_table(&mut buf, &lists, &reports).unwrap();
        write_shortlists_csv(&mut buf, &lists, &reports).unwrap();
        write_shortlists_jsonl(&mut buf, &lists, &reports).unwrap();
        outputs.push(String::from_utf8(std::mem::take(&mut buf)).unwrap());
        for o in &outputs {
            assert!(!o.chars().any(|c| is_unprintable(c) && c != '\r'), "{o:?}");
            assert!(!o.contains("\u{1b}") && !o.contains('\u{202e}'), "{o:?}");
            // Not even escaped in JSON: "\u001b".
            assert!(!o.contains("\\u001b"), "{o:?}");
        }
        // The file name's newline does not start a row of its own.
        assert!(
            outputs[0].contains("cvs/[2Jevil name.pdf"),
            "{}",
            outputs[0]
        );
    }

    #[test]
    fn csv_has_two_decimals_and_error_rows() {
        let crit = |text: &str, priority, score, evidence: Option<&str>| CriterionResult {
            text: text.into(),
            priority,
            category: None,
            score,
            evidence: evidence.map(String::from),
            section: None,
            reason: String::new(),
            evidence_line: None,
        };
        let mut ds = m("ds", 71.2);
        ds.criteria = vec![
            crit("Python", Priority::Essential, 2, Some("Python, SQL")),
            crit("NHS data", Priority::Essential, 1, Some("hospital data")),
            crit("PhD", Priority::Desirable, 3, Some("PhD Statistics")),
        ];
        let ok = CvReport {
            cv: "a.pdf".into(),
            outcome: Ok(vec![ds, m("da", 50.0)]),
            warnings: vec![],
        };
        let bad = CvReport {
            cv: "b.pdf".into(),
            outcome: Err("broken".into()),
            warnings: vec![],
        };
        let role = Role {
            organisation: Some("Northshire NHS Trust".into()),
            band: Some("Band 7".into()),
            ..Role::default()
        };
        let mut buf = Vec::new();
        write_csv(&mut buf, &[ok, bad], &[role]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let head = rdr.headers().unwrap().clone();
        assert_eq!(head.iter().collect::<Vec<_>>(), CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        let col = |r: &csv::StringRecord, name: &str| {
            r.get(CSV_COLUMNS.iter().position(|c| *c == name).unwrap())
                .unwrap()
                .to_string()
        };
        assert_eq!(col(&rows[0], "score"), "71.20");
        assert_eq!(col(&rows[0], "organisation"), "Northshire NHS Trust");
        assert_eq!(col(&rows[0], "band"), "Band 7");
        assert_eq!(col(&rows[0], "unmet_essentials"), "NHS data");
        assert_eq!(col(&rows[0], "top_evidence"), "Python, SQL");
        assert_eq!(col(&rows[1], "rank"), "2");
        assert_eq!(col(&rows[2], "cv"), "b.pdf");
        assert_eq!(col(&rows[2], "error"), "broken");
        assert_eq!(col(&rows[2], "score"), "");
    }

    #[test]
    fn match_table_layout_is_stable() {
        let mut m = m("nhs-data-scientist", 72.5);
        m.title_match = Some("Data Scientist".into());
        m.criteria = vec![CriterionResult {
            text: "Proficiency in SQL".into(),
            priority: Priority::Essential,
            category: None,
            score: 2,
            evidence: Some("• SQL Server (T-SQL), SSMS".into()),
            section: Some(crate::cv::SectionKind::Skills),
            reason: "SQL found".into(),
            evidence_line: Some(3),
        }];
        let report = CvReport {
            cv: "cvs/a.pdf".into(),
            outcome: Ok(vec![m]),
            warnings: vec![],
        };
        let mut buf = Vec::new();
        write_match_table(
            &mut buf,
            &report,
            &[],
            ReportOptions {
                explain: true,
                config: None,
            },
        )
        .unwrap();
        insta::assert_snapshot!(String::from_utf8(buf).unwrap());
    }

    #[test]
    fn the_advert_url_is_in_every_format() {
        let with_url = Role {
            id: "ds".into(),
            title: "Data Scientist".into(),
            url: Some("https://www.jobs.nhs.uk/xi/vacancy/1".into()),
            ..Role::default()
        };
        let without = Role {
            id: "da".into(),
            title: "Data Analyst".into(),
            ..Role::default()
        };
        let roles = [with_url, without];
        let mut da = m("da", 50.0);
        da.role = 1;
        da.title = "Data Analyst".into();
        let ok = CvReport {
            cv: "a.pdf".into(),
            outcome: Ok(vec![m("ds", 71.2), da]),
            warnings: vec![],
        };
        let bad = CvReport {
            cv: "b.pdf".into(),
            outcome: Err("broken".into()),
            warnings: vec![],
        };
        let reports = [ok, bad];
        // JSON: `url` on the match whose role has one.
        let v: serde_json::Value =
            serde_json::from_str(&cv_json(&reports[0], &roles, ReportOptions::default())).unwrap();
        assert_eq!(
            v["matches"][0]["url"],
            "https://www.jobs.nhs.uk/xi/vacancy/1"
        );
        assert!(v["matches"][1].get("url").is_none());
        // CSV: a `url` column at the end; the error stays in `error`.
        let mut buf = Vec::new();
        write_csv(&mut buf, &reports, &roles).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rdr.headers().unwrap().iter().next_back(), Some("url"));
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        let url = column(&CSV_COLUMNS, "url");
        assert_eq!(&rows[0][url], "https://www.jobs.nhs.uk/xi/vacancy/1");
        assert_eq!(&rows[1][url], "");
        assert_eq!(&rows[2][column(&CSV_COLUMNS, "error")], "broken");
        assert_eq!(&rows[2][url], "");
        // Batch table: a URL column after the title, aligned.
        let mut buf = Vec::new();
        write_batch_table(&mut buf, &reports, &roles, false).unwrap();
        let table = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].ends_with("TITLE           URL"), "{table}");
        assert!(
            lines[1].ends_with("Data Scientist  https://www.jobs.nhs.uk/xi/vacancy/1"),
            "{table}"
        );
        assert!(lines[2].ends_with("Data Analyst"), "{table}");
        // Without urls the table is as it was.
        let mut buf = Vec::new();
        write_batch_table(&mut buf, &reports, &roles[1..], false).unwrap();
        assert!(
            String::from_utf8(buf)
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .ends_with("  TITLE")
        );
        // Match table: the url under the role's heading.
        let mut buf = Vec::new();
        write_match_table(&mut buf, &reports[0], &roles, ReportOptions::default()).unwrap();
        let table = String::from_utf8(buf).unwrap();
        assert!(
            table.contains(
                "\n                            advert: https://www.jobs.nhs.uk/xi/vacancy/1\n"
            ),
            "{table}"
        );
        assert_eq!(table.matches("advert:").count(), 1);
        // Shortlists: `url` on the role's line, column and heading.
        let lists = shortlists(&reports, &roles, &[], 0);
        assert_eq!(
            lists[0].url.as_deref(),
            Some("https://www.jobs.nhs.uk/xi/vacancy/1")
        );
        let mut buf = Vec::new();
        write_shortlists_csv(&mut buf, &lists, &reports).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rdr.headers().unwrap().iter().next_back(), Some("url"));
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        let url = column(&SHORTLIST_COLUMNS, "url");
        assert_eq!(&rows[0][url], "https://www.jobs.nhs.uk/xi/vacancy/1");
        assert_eq!(&rows[2][column(&SHORTLIST_COLUMNS, "cv")], "b.pdf");
        assert_eq!(&rows[2][column(&SHORTLIST_COLUMNS, "error")], "broken");
        let mut buf = Vec::new();
        write_shortlists_table(&mut buf, &lists, &reports).unwrap();
        assert!(
            String::from_utf8(buf)
                .unwrap()
                .contains("\n  advert: https://www.jobs.nhs.uk/xi/vacancy/1\n")
        );
    }
}
