//! schema.org `JobPosting` in JSON / JSON-LD (`.json`, `.jsonld`) and JSON Lines
//! (`.jsonl`, `.jsonl.gz`, one posting per line).
//!
//! A document may be one posting, an array of them, or a JSON-LD `@graph`;
//! entries of an array or graph that are not postings are skipped. Values are read
//! leniently: any field may be text, a number, an array or an object (a
//! `DefinedTerm`'s `name`, a `PropertyValue`'s `value`, a `QuantitativeValue`...),
//! unknown fields are ignored, and odd shapes never panic. HTML descriptions
//! (escaped or not) become plain text; person specifications in `qualifications`
//! or the description become [`Criterion`]s (see [`super::spec`]).
//!
//! Ids: `id` (when it is not a URL) or `identifier`; otherwise the file stem, with
//! `:<n>` (1-based) for each posting of a multi-posting file, and `:<line>` for
//! JSON Lines.
//!
//! Reading is bounded ([`super::limits`]): JSON Lines are read line by line, a
//! line no longer than [`Limits::line_bytes`]; every posting's text is at most
//! [`Limits::posting_bytes`]; what a load reads after decompression comes out
//! of its [`Limits::total_bytes`] budget.
//!
//! The entry points, for callers that hold a posting rather than a file
//! ([`super::load_file`] reads files): [`parse_value`] for a parsed
//! [`serde_json::Value`], [`parse_str`] and [`parse_bytes`] for a JSON or
//! JSON-LD document, [`parse_lines`] for JSON Lines text; the `_with` forms
//! take [`Limits`]. Each gives the postings' [`Role`]s in document order, or
//! an [`Error`] naming `origin` (which names the input and becomes the roles'
//! `source`; nothing is read from it).
//!
//! ```
//! use std::path::Path;
//! use cvmatch::roles::{Priority, jsonld};
//!
//! let posting = r#"{
//!   "@context": "https://schema.org", "@type": "JobPosting",
//!   "identifier": "analyst-1", "title": "Data Analyst",
//!   "description": "<p>Join our team.</p><p>Essential: SQL; Python</p>",
//!   "skills": ["SQL", "Python"]
//! }"#;
//! let roles = jsonld::parse_str(posting, Path::new("adverts.jsonld"))?;
//! assert_eq!(roles.len(), 1);
//! assert_eq!(roles[0].id, "analyst-1");
//! assert_eq!(roles[0].title, "Data Analyst");
//! assert_eq!(roles[0].criteria_with(Priority::Essential).count(), 2);
//! # Ok::<(), cvmatch::Error>(())
//! ```

use std::io::{BufReader, Read};
use std::path::Path;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::bounded::{self, Budgeted, Line, LineReader};
use super::limits::{Limit, Limits};
use super::{Category, Criterion, Place, Priority, Role, SalaryPeriod, html, spec};
use crate::error::{Error, Result};

/// Length of the summary taken from the description, in characters.
const SUMMARY_CHARS: usize = 300;

/// Parses a JSON or JSON-LD document of one or more postings, within the
/// default [`Limits`].
pub(super) fn parse_document(text: &str, path: &Path) -> Result<Vec<Role>> {
    parse_document_with(text, path, &Limits::default())
}

/// The roles of a JSON or JSON-LD document (`text`) of one or more
/// `JobPosting`s (one object, an array, or a `@graph`), within the default
/// [`Limits`]. A byte-order mark is skipped. Fails on a syntax error (with
/// line and column), on a document with no posting, on a posting with no
/// title, and on a posting over [`Limits::posting_bytes`].
pub fn parse_str(text: &str, origin: &Path) -> Result<Vec<Role>> {
    parse_document_with(text, origin, &Limits::default())
}

/// [`parse_str`] within `limits`.
pub fn parse_str_with(text: &str, origin: &Path, limits: &Limits) -> Result<Vec<Role>> {
    parse_document_with(text, origin, limits)
}

/// [`parse_str`] on UTF-8 bytes (a document over [`Limits::document_bytes`]
/// or not UTF-8 is an error, not a panic).
pub fn parse_bytes(bytes: &[u8], origin: &Path) -> Result<Vec<Role>> {
    parse_bytes_with(bytes, origin, &Limits::default())
}

/// [`parse_bytes`] within `limits`.
pub fn parse_bytes_with(bytes: &[u8], origin: &Path, limits: &Limits) -> Result<Vec<Role>> {
    let mut budget = limits.total_bytes;
    let text = bounded::text_of(
        bytes,
        origin,
        limits.document_bytes,
        Limit::DocumentBytes,
        &mut budget,
    )?;
    parse_document_with(text, origin, limits)
}

/// The roles of a parsed JSON value: one `JobPosting`, an array of them, or a
/// JSON-LD `@graph` (entries that are not postings are skipped), within the
/// default [`Limits`].
pub fn parse_value(value: &Value, origin: &Path) -> Result<Vec<Role>> {
    parse_value_with(value, origin, &Limits::default())
}

/// [`parse_value`] within `limits` (each posting at most
/// [`Limits::posting_bytes`] of text).
pub fn parse_value_with(value: &Value, origin: &Path, limits: &Limits) -> Result<Vec<Role>> {
    roles_of_value(value, origin, limits)
}

/// Parses a JSON or JSON-LD document of one or more postings; each posting
/// must be within [`Limits::posting_bytes`].
fn parse_document_with(text: &str, path: &Path, limits: &Limits) -> Result<Vec<Role>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| syntax(path, text, e, None))?;
    roles_of_value(&value, path, limits)
}

/// The roles of the postings in a parsed document.
fn roles_of_value(value: &Value, path: &Path, limits: &Limits) -> Result<Vec<Role>> {
    let postings = top_level_postings(value).map_err(|e| Error::invalid(path, e.to_string()))?;
    let source = path.display().to_string();
    let stem = super::stem_id(path);
    let many = postings.len() > 1;
    for (i, p) in postings.iter().enumerate() {
        check_posting_size(p, limits, path, None, many.then_some(i + 1))?;
    }
    let results: Vec<Result<Role>> = postings
        .par_iter()
        .with_min_len(64)
        .enumerate()
        .map(|(i, p)| {
            let fallback = if many {
                format!("{stem}:{}", i + 1)
            } else {
                stem.clone()
            };
            let where_ = if many {
                format!("posting {}: ", i + 1)
            } else {
                String::new()
            };
            posting_to_role(p, fallback, source.clone())
                .map_err(|e| Error::invalid(path, format!("{where_}{e}")))
        })
        .collect();
    results.into_iter().collect()
}

/// The roles of JSON Lines held in memory: one posting (or array, or graph)
/// per line, blank lines skipped; ids default to `<stem>:<line>`. Within the
/// default [`Limits`] (a line at most [`Limits::line_bytes`]).
pub fn parse_lines(text: &str, path: &Path) -> Result<Vec<Role>> {
    let mut budget = u64::MAX;
    read_lines(
        text.as_bytes(),
        path,
        &Limits::default(),
        &mut budget,
        false,
    )
}

/// How many bytes of lines are parsed together (in parallel, keeping file
/// order) before the next are read.
const CHUNK_BYTES: usize = 16 << 20;

/// Reads JSON Lines from `input`: one posting (or array / graph) per line; blank
/// lines are skipped. Lines longer than [`Limits::line_bytes`] are refused after
/// reading only that much of them; what is read (after decompression) comes out
/// of `budget`. `gzip` says `input` is a decompressor, for messages.
pub(super) fn read_lines(
    input: impl Read,
    path: &Path,
    limits: &Limits,
    budget: &mut u64,
    gzip: bool,
) -> Result<Vec<Role>> {
    let total_max = *budget;
    let display = path.display().to_string();
    let stem = super::stem_id(path);
    let reader = BufReader::with_capacity(64 << 10, Budgeted::new(input, budget));
    let mut lines = LineReader::new(reader, limits.line_bytes);
    let mut roles = Vec::new();
    let mut chunk: Vec<(usize, String)> = Vec::new();
    let mut chunk_bytes = 0;
    let mut buf = Vec::new();
    loop {
        let line = match lines.next_line(&mut buf) {
            Ok(l) => l,
            Err(e) => {
                return Err(if lines.get_ref().get_ref().over() {
                    bounded::limit_error(path, Limit::TotalBytes, total_max, None)
                } else if gzip {
                    Error::invalid(path, format!("cannot decompress gzip: {e}"))
                } else {
                    Error::io(path, e)
                });
            }
        };
        let n = match line {
            Line::End => break,
            Line::TooLong(n) => {
                return Err(Error::RoleLimit {
                    path: path.to_path_buf(),
                    line: Some(n),
                    posting: None,
                    limit: Limit::LineBytes,
                    max: limits.line_bytes,
                    found: None,
                });
            }
            Line::Text(n) => n,
        };
        let bytes = match (n, buf.strip_prefix(b"\xef\xbb\xbf")) {
            (1, Some(rest)) => rest,
            _ => &buf[..],
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let good = &bytes[..e.valid_up_to()];
            Error::Syntax {
                path: path.to_path_buf(),
                line: n,
                col: String::from_utf8_lossy(good).chars().count() + 1,
                message: "not valid UTF-8".into(),
            }
        })?;
        if text.trim().is_empty() {
            continue;
        }
        chunk_bytes += text.len();
        chunk.push((n, text.to_string()));
        if chunk_bytes >= CHUNK_BYTES {
            parse_chunk(&chunk, path, &display, &stem, limits, &mut roles)?;
            chunk.clear();
            chunk_bytes = 0;
        }
    }
    parse_chunk(&chunk, path, &display, &stem, limits, &mut roles)?;
    Ok(roles)
}

/// Parses numbered lines in parallel and appends their roles in order; the
/// first error in file order wins.
fn parse_chunk(
    chunk: &[(usize, String)],
    path: &Path,
    display: &str,
    stem: &str,
    limits: &Limits,
    roles: &mut Vec<Role>,
) -> Result<()> {
    let results: Vec<Result<Vec<Role>>> = chunk
        .par_iter()
        .with_min_len(64)
        .map(|(n, line)| parse_line(line, *n, path, display, stem, limits))
        .collect();
    for r in results {
        roles.extend(r?);
    }
    Ok(())
}

fn parse_line(
    line: &str,
    n: usize,
    path: &Path,
    display: &str,
    stem: &str,
    limits: &Limits,
) -> Result<Vec<Role>> {
    let value: Value = serde_json::from_str(line).map_err(|e| syntax(path, line, e, Some(n)))?;
    let at = |e: PostingError| Error::Syntax {
        path: path.to_path_buf(),
        line: n,
        col: 1,
        message: e.to_string(),
    };
    let postings = top_level_postings(&value).map_err(at)?;
    let many = postings.len() > 1;
    for (i, p) in postings.iter().enumerate() {
        check_posting_size(p, limits, path, Some(n), many.then_some(i + 1))?;
    }
    postings
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let fallback = if many {
                format!("{stem}:{n}.{}", i + 1)
            } else {
                format!("{stem}:{n}")
            };
            posting_to_role(p, fallback, format!("{display}:{n}")).map_err(at)
        })
        .collect()
}

/// Refuses a posting whose text is over [`Limits::posting_bytes`].
fn check_posting_size(
    p: &Map<String, Value>,
    limits: &Limits,
    path: &Path,
    line: Option<usize>,
    posting: Option<usize>,
) -> Result<()> {
    let size: u64 = p.iter().map(|(k, v)| k.len() as u64 + text_bytes(v)).sum();
    if size > limits.posting_bytes {
        return Err(Error::RoleLimit {
            path: path.to_path_buf(),
            line,
            posting,
            limit: Limit::PostingBytes,
            max: limits.posting_bytes,
            found: Some(size),
        });
    }
    Ok(())
}

/// The bytes of text in a value: its strings and keys, with a few bytes for
/// other scalars. (serde_json bounds nesting, so the recursion is bounded.)
fn text_bytes(v: &Value) -> u64 {
    match v {
        Value::String(s) => s.len() as u64,
        Value::Null | Value::Bool(_) | Value::Number(_) => 8,
        Value::Array(a) => a.iter().map(text_bytes).sum(),
        Value::Object(o) => o.iter().map(|(k, v)| k.len() as u64 + text_bytes(v)).sum(),
    }
}

/// A serde_json error as [`Error::Syntax`]. `text` is what was parsed; `line`
/// overrides the line number (JSON Lines, where each line is parsed on its own).
/// serde_json counts columns in bytes; the error counts characters.
fn syntax(path: &Path, text: &str, e: serde_json::Error, line: Option<usize>) -> Error {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let src_line = text.split('\n').nth(e.line().max(1) - 1).unwrap_or("");
    let mut byte_col = e.column().min(src_line.len());
    while !src_line.is_char_boundary(byte_col) {
        byte_col -= 1;
    }
    let col = if e.column() > src_line.len() {
        src_line.chars().count() + 1
    } else {
        src_line[..byte_col].chars().count().max(1)
    };
    Error::Syntax {
        path: path.to_path_buf(),
        line: line.unwrap_or(e.line().max(1)),
        col,
        message: msg,
    }
}

/// Why a JSON value gives no role: the typed leaf errors of this parser, made
/// [`Error::Invalid`] or [`Error::Syntax`] (with the file and line) by its
/// callers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostingError {
    /// An object of another schema.org type with no posting inside it.
    #[error("not a schema.org JobPosting (\"@type\" is {0}) and no JobPosting inside it")]
    OtherType(String),
    /// An object with neither a type nor a title.
    #[error(
        "not a schema.org JobPosting: expected an object with \"@type\": \"JobPosting\" or a \"title\""
    )]
    Untyped,
    /// An array with no posting in it.
    #[error("no JobPosting found in the array")]
    NoneInArray,
    /// A value that is neither an object nor an array.
    #[error("expected a JobPosting object or an array of them, found {0}")]
    NotAnObject(&'static str),
    /// A posting without a title (or name).
    #[error("the JobPosting has no `title`")]
    NoTitle,
}

/// The postings in a top-level value, or why there are none.
fn top_level_postings(v: &Value) -> std::result::Result<Vec<&Map<String, Value>>, PostingError> {
    match v {
        Value::Object(o) => {
            if is_posting(o) || (has_type(o).is_none() && has_title(o)) {
                return Ok(vec![o]);
            }
            let mut out = Vec::new();
            collect_postings(v, &mut out, 0);
            if !out.is_empty() {
                return Ok(out);
            }
            if has_title(o) {
                // A typed object that is not a posting but has a title: take it.
                return Ok(vec![o]);
            }
            Err(match has_type(o) {
                Some(t) => PostingError::OtherType(t),
                None => PostingError::Untyped,
            })
        }
        Value::Array(_) => {
            let mut out = Vec::new();
            collect_postings(v, &mut out, 0);
            if out.is_empty() {
                Err(PostingError::NoneInArray)
            } else {
                Ok(out)
            }
        }
        other => Err(PostingError::NotAnObject(kind(other))),
    }
}

/// Collects postings from arrays, `@graph`s and `mainEntity` wrappers.
fn collect_postings<'a>(v: &'a Value, out: &mut Vec<&'a Map<String, Value>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                collect_postings(x, out, depth + 1);
            }
        }
        Value::Object(o) => {
            if is_posting(o) || (depth > 0 && has_type(o).is_none() && has_title(o)) {
                out.push(o);
                return;
            }
            for key in ["@graph", "mainEntity", "itemListElement", "item"] {
                if let Some(x) = o.get(key) {
                    collect_postings(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The `@type` of an object as written (for messages), if any.
fn has_type(o: &Map<String, Value>) -> Option<String> {
    o.get("@type").map(|t| match t {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    })
}

fn has_title(o: &Map<String, Value>) -> bool {
    get(o, "title").is_some_and(|t| !first_text(t).is_empty())
}

/// Whether `@type` is (or includes) JobPosting, in any common spelling.
fn is_posting(o: &Map<String, Value>) -> bool {
    fn is_jp(s: &str) -> bool {
        let s = s.trim();
        let last = s.rsplit(['/', ':', '#']).next().unwrap_or(s);
        last.eq_ignore_ascii_case("JobPosting")
    }
    match o.get("@type").or_else(|| o.get("type")) {
        Some(Value::String(s)) => is_jp(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(is_jp)),
        _ => false,
    }
}

/// A field by its schema.org name, also as `schema:name` or a full IRI
/// (`http://schema.org/name`). Null counts as absent.
fn get<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if let Some(v) = o.get(key) {
        return Some(v).filter(|v| !v.is_null());
    }
    o.iter()
        .find(|(k, _)| {
            k.len() > key.len()
                && k.ends_with(key)
                && matches!(k.as_bytes()[k.len() - key.len() - 1], b':' | b'/' | b'#')
                && (k.starts_with("schema:") || k.contains("schema.org"))
        })
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

/// Number as text without a needless ".0".
fn number_text(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        let f = n.as_f64().unwrap_or(0.0);
        if f.fract() == 0.0 && f.abs() < 1e15 {
            format!("{}", f as i64)
        } else {
            f.to_string()
        }
    }
}

/// All texts in a value: strings, numbers, arrays of them, and objects by their
/// usual text property (`name`, `credentialCategory`, `value`, `@value`...).
fn texts(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_texts(v, &mut out, 0);
    out
}

fn collect_texts(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::String(s) => {
            if !s.trim().is_empty() {
                out.push(s.clone());
            }
        }
        Value::Number(n) => out.push(number_text(n)),
        Value::Array(a) => {
            for x in a {
                collect_texts(x, out, depth + 1);
            }
        }
        Value::Object(o) => {
            if let Some(m) = get(o, "monthsOfExperience") {
                if let Some(t) = months_text(m) {
                    out.push(t);
                }
                if let Some(d) = get(o, "description") {
                    collect_texts(d, out, depth + 1);
                }
                return;
            }
            for key in [
                "@value",
                "name",
                "credentialCategory",
                "educationalLevel",
                "value",
                "description",
                "text",
                "@list",
            ] {
                if let Some(x) = get(o, key) {
                    let before = out.len();
                    collect_texts(x, out, depth + 1);
                    if out.len() > before {
                        return;
                    }
                }
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
}

/// The first text in a value, on one line ("" when none).
fn first_text(v: &Value) -> String {
    texts(v)
        .into_iter()
        .map(|t| html::to_line(&t))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// "At least 2 years of relevant experience" from `monthsOfExperience`.
fn months_text(v: &Value) -> Option<String> {
    let m = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !(m.is_finite() && m > 0.0) {
        return None;
    }
    Some(if m >= 12.0 && (m % 12.0) == 0.0 {
        let y = (m / 12.0) as u64;
        format!(
            "At least {y} year{} of relevant experience",
            if y == 1 { "" } else { "s" }
        )
    } else {
        let y = m / 12.0;
        if m > 12.0 && (y * 2.0).fract() == 0.0 {
            format!("At least {y} years of relevant experience")
        } else {
            let m = m.round() as u64;
            format!(
                "At least {m} month{} of relevant experience",
                if m == 1 { "" } else { "s" }
            )
        }
    })
}

/// Builds a role from one posting object.
fn posting_to_role(
    o: &Map<String, Value>,
    fallback_id: String,
    source: String,
) -> std::result::Result<Role, PostingError> {
    let title = get(o, "title").map(first_text).unwrap_or_default();
    let title = if title.is_empty() {
        get(o, "name").map(first_text).unwrap_or_default()
    } else {
        title
    };
    // Titles carry HTML entities too ("Nurse &amp; Midwife").
    let title = if title.contains('&') || title.contains('<') {
        super::html::to_text(&title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        title
    };
    if title.is_empty() {
        return Err(PostingError::NoTitle);
    }
    let id = posting_id(o).unwrap_or(fallback_id);

    let description = get(o, "description")
        .map(|v| {
            texts(v)
                .iter()
                .map(|t| html::to_text(t))
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .unwrap_or_default();
    let summary = summary_of(&description);

    let organisation = get(o, "hiringOrganization")
        .map(first_text)
        .filter(|s| !s.is_empty());
    let location = location(o);
    let employment_type = get(o, "employmentType").and_then(|v| {
        let mut parts: Vec<String> = Vec::new();
        for t in texts(v) {
            let t = readable_enum(&html::to_line(&t));
            if !t.is_empty() && !parts.contains(&t) {
                parts.push(t);
            }
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    });
    let occupational_category = get(o, "occupationalCategory").and_then(|v| {
        let parts = text_list(v);
        (!parts.is_empty()).then(|| parts.join("; "))
    });

    let Salary {
        min: salary_min,
        max: salary_max,
        text: salary_text,
        currency: salary_currency,
        period: salary_period,
    } = get(o, "baseSalary")
        .or_else(|| get(o, "estimatedSalary"))
        .map(salary)
        .unwrap_or_default();

    // Facts for filters; a value that cannot be read is a warning, not fatal.
    let mut warnings: Vec<String> = Vec::new();
    let mut warn = |field: &str, v: &Value, why: &str| {
        let shown = match v {
            Value::String(s) => format!("{:?}", spec::truncate_words(s, 60)),
            other => spec::truncate_words(&other.to_string(), 60),
        };
        warnings.push(format!(
            "{source} (posting `{id}`): `{field}` {shown} {why}; left out"
        ));
    };
    let mut date = |field: &str| -> Option<super::Date> {
        let v = get(o, field)?;
        let t = match v {
            Value::String(s) => s.as_str(),
            _ => {
                warn(field, v, "is not an ISO 8601 date");
                return None;
            }
        };
        if t.trim().is_empty() {
            return None;
        }
        let d = super::Date::parse(t);
        if d.is_none() {
            warn(field, v, "is not an ISO 8601 date (YYYY-MM-DD)");
        }
        d
    };
    let date_posted = date("datePosted");
    let valid_through = date("validThrough");
    let url = ["url", "sameAs"].iter().find_map(|k| {
        let v = get(o, k)?;
        let found = texts(v)
            .into_iter()
            .map(|t| t.trim().to_string())
            .find(|t| !t.is_empty())?;
        if is_web_address(&found) {
            Some(found)
        } else {
            warn(k, v, "is not an http(s) address");
            None
        }
    });
    let places = places(o);
    let remote = get(o, "jobLocationType").is_some_and(|v| {
        texts(v)
            .iter()
            .any(|t| t.to_ascii_uppercase().contains("TELECOMMUTE"))
    });

    let responsibilities: Vec<String> = get(o, "responsibilities")
        .map(|v| {
            texts(v)
                .iter()
                .flat_map(|t| spec::sentences(&html::to_text(t)))
                .collect()
        })
        .unwrap_or_default();

    let mut skills: Vec<String> = Vec::new();
    if let Some(v) = get(o, "skills") {
        for t in texts(v) {
            let t = html::to_text(&t);
            for part in t.split([',', ';', '\n']) {
                let p = spec::strip_bullet(part.trim())
                    .1
                    .trim_end_matches('.')
                    .trim();
                if !p.is_empty()
                    && p.chars().count() <= 100
                    && !skills.iter().any(|s| s.eq_ignore_ascii_case(p))
                {
                    skills.push(p.to_string());
                }
            }
        }
    }

    // The person specification.
    let mut criteria: Vec<Criterion> = Vec::new();
    if let Some(v) = get(o, "qualifications") {
        for t in texts(v) {
            let t = html::to_text(&t);
            let found = spec::parse(&t);
            if found.is_empty() {
                push_list(&mut criteria, &t, None);
            } else {
                criteria.extend(found);
            }
        }
    }
    for (key, cat) in [
        ("educationRequirements", Category::Qualifications),
        ("experienceRequirements", Category::Experience),
    ] {
        if let Some(v) = get(o, key) {
            for t in texts(v) {
                let t = html::to_text(&t);
                let found = spec::parse(&t);
                if found.is_empty() {
                    push_list(&mut criteria, &capitalise(&t), Some(cat));
                } else {
                    criteria.extend(found.into_iter().map(|mut c| {
                        c.category = c.category.or(Some(cat));
                        c
                    }));
                }
            }
        }
    }
    criteria.extend(spec::parse(&description));

    let band = band_in(&title)
        .or_else(|| salary_text.as_deref().and_then(band_in))
        .or_else(|| get(o, "baseSalary").and_then(|v| texts(v).iter().find_map(|t| band_in(t))))
        .or_else(|| band_in(&description));

    let mut role = Role {
        id,
        title,
        organisation,
        location,
        band,
        salary_min,
        salary_max,
        salary_text,
        salary_currency,
        salary_period,
        url,
        date_posted,
        valid_through,
        places,
        remote,
        employment_type,
        summary,
        description,
        responsibilities,
        skills,
        occupational_category,
        criteria,
        source,
        warnings,
    };
    role.normalise_criteria();
    Ok(role)
}

/// Essential criteria from an unlabelled list field.
fn push_list(criteria: &mut Vec<Criterion>, text: &str, category: Option<Category>) {
    for item in spec::list_items(text) {
        criteria.push(Criterion {
            text: capitalise(&item),
            priority: Priority::Essential,
            category,
        });
    }
}

fn capitalise(s: &str) -> String {
    let s = s.trim();
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// The id from `id` (unless a URL or blank node) or `identifier`.
fn posting_id(o: &Map<String, Value>) -> Option<String> {
    let ok = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    if let Some(v) = o.get("id").or_else(|| o.get("@id")) {
        let t = match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(number_text(n)),
            _ => None,
        };
        if let Some(t) = t.and_then(ok)
            && !t.contains("://")
            && !t.starts_with("_:")
            && !t.starts_with('#')
        {
            return Some(t);
        }
    }
    let v = get(o, "identifier")?;
    identifier_text(v).and_then(ok)
}

fn identifier_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(number_text(n)),
        Value::Array(a) => a.iter().find_map(identifier_text),
        Value::Object(o) => ["value", "@value", "@id", "identifier"]
            .iter()
            .filter_map(|k| o.get(*k))
            .find_map(identifier_text),
        _ => None,
    }
}

/// Distinct one-line texts of a value.
fn text_list(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts(v) {
        let t = html::to_line(&t);
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Where: `jobLocation` address locality and region (or the place's name), or
/// "Remote" for telecommuting posts.
fn location(o: &Map<String, Value>) -> Option<String> {
    let mut places: Vec<String> = Vec::new();
    if let Some(v) = get(o, "jobLocation") {
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let p = place_text(item);
            if let Some(p) = p
                && !places.contains(&p)
            {
                places.push(p);
            }
        }
    }
    if places.is_empty()
        && get(o, "jobLocationType")
            .map(first_text)
            .is_some_and(|t| t.to_ascii_uppercase().contains("TELECOMMUTE"))
    {
        places.push("Remote".to_string());
    }
    (!places.is_empty()).then(|| places.join("; "))
}

/// Whether `s` is a web address cvmatch will show: `http://` or `https://`,
/// a host, and no white space.
pub(super) fn is_web_address(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        r.split(['/', '?', '#'])
            .next()
            .is_some_and(|host| !host.is_empty())
    }) && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Every address of `jobLocation`, its parts kept apart.
fn places(o: &Map<String, Value>) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    if let Some(v) = get(o, "jobLocation") {
        collect_places(v, &mut out, 0);
    }
    out
}

fn collect_places(v: &Value, out: &mut Vec<Place>, depth: usize) {
    if depth > 4 {
        return;
    }
    let text = |v: &Value| Some(first_text(v)).filter(|s| !s.is_empty());
    let place = match v {
        Value::String(_) | Value::Number(_) => Place {
            locality: text(v).map(|t| tidy_place(&t)),
            ..Place::default()
        },
        Value::Array(a) => {
            for x in a {
                collect_places(x, out, depth + 1);
            }
            return;
        }
        Value::Object(p) => match get(p, "address") {
            Some(Value::Object(a)) => address_place(a),
            Some(Value::Array(a)) => {
                for x in a {
                    collect_places(x, out, depth + 1);
                }
                return;
            }
            Some(other) => Place {
                locality: text(other).map(|t| tidy_place(&t)),
                ..Place::default()
            },
            None => {
                let bare = address_place(p);
                if bare.is_empty() {
                    Place {
                        locality: get(p, "name").and_then(text).map(|t| tidy_place(&t)),
                        ..Place::default()
                    }
                } else {
                    bare
                }
            }
        },
        _ => return,
    };
    if !place.is_empty() && !out.contains(&place) {
        out.push(place);
    }
}

/// The parts of a PostalAddress.
fn address_place(a: &Map<String, Value>) -> Place {
    let part = |k: &str| {
        get(a, k)
            .map(first_text)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    Place {
        locality: part("addressLocality").map(|t| tidy_place(&t)),
        region: part("addressRegion").map(|t| tidy_place(&t)),
        postcode: part("postalCode").map(|t| t.to_ascii_uppercase()),
        country: part("addressCountry"),
    }
}

fn place_text(v: &Value) -> Option<String> {
    match v {
        Value::String(_) | Value::Number(_) => Some(first_text(v)).filter(|s| !s.is_empty()),
        Value::Object(p) => {
            let from_addr = match get(p, "address") {
                Some(Value::Object(a)) => address_text(a),
                Some(other) => Some(first_text(other)).filter(|s| !s.is_empty()),
                None => None,
            };
            from_addr
                .or_else(|| get(p, "name").map(first_text).filter(|s| !s.is_empty()))
                // A bare PostalAddress as the location.
                .or_else(|| {
                    get(p, "addressLocality")
                        .or_else(|| get(p, "addressRegion"))
                        .and_then(|_| address_text(p))
                })
        }
        Value::Array(a) => a.iter().find_map(place_text),
        _ => None,
    }
}

/// "Locality, Region" of a PostalAddress (or its name, street, postcode...).
fn address_text(a: &Map<String, Value>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for k in ["addressLocality", "addressRegion"] {
        if let Some(t) = get(a, k).map(first_text)
            && !t.is_empty()
            && !parts.iter().any(|p| p.eq_ignore_ascii_case(&t))
        {
            parts.push(tidy_place(&t));
        }
    }
    if parts.is_empty() {
        for k in ["name", "streetAddress", "postalCode", "addressCountry"] {
            if let Some(t) = get(a, k).map(first_text)
                && !t.is_empty()
            {
                parts.push(t);
                break;
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "ARLESEY" → "Arlesey"; mixed case is kept.
fn tidy_place(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) || !s.chars().any(|c| c.is_alphabetic()) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            capitalise_word(&lower)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise_word(w: &str) -> String {
    // Capitalise after '-' too: "STOKE-ON-TRENT" → "Stoke-On-Trent".
    let mut out = String::with_capacity(w.len());
    let mut up = true;
    for c in w.chars() {
        if up && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
        if c == '-' || c == '(' {
            up = true;
        }
    }
    out
}

/// "FULL_TIME" → "Full time"; other text is kept.
fn readable_enum(s: &str) -> String {
    let s = s.trim();
    let s = s.rsplit('/').next().unwrap_or(s); // https://schema.org/FullTime
    if s.contains('_') || (s.chars().all(|c| !c.is_lowercase()) && s.len() > 1) {
        capitalise(&s.replace('_', " ").to_lowercase())
    } else if s.len() > 3 && !s.contains(' ') && s[1..].chars().any(|c| c.is_uppercase()) {
        // CamelCase: "FullTime" → "Full time".
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && c.is_uppercase() {
                out.push(' ');
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    } else {
        s.to_string()
    }
}

/// The first paragraph of the description, cut to about [`SUMMARY_CHARS`].
fn summary_of(description: &str) -> String {
    let para = description
        .split("\n\n")
        .map(str::trim)
        .find(|p| p.chars().filter(|c| c.is_alphanumeric()).count() >= 20)
        .or_else(|| {
            description
                .split("\n\n")
                .map(str::trim)
                .find(|p| !p.is_empty())
        })
        .unwrap_or("");
    let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
    spec::truncate_words(&para, SUMMARY_CHARS)
}

/// An Agenda for Change band ("Band 7", "Band 8a") named in `s`.
fn band_in(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find("band") {
        let at = from + p;
        from = at + 4;
        if at > 0 && lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &lower[from..];
        let rest = rest.trim_start_matches([' ', ':']);
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || digits.len() > 1 {
            continue;
        }
        let after = &rest[digits.len()..];
        let mut band = digits.clone();
        let mut chars = after.chars();
        if let Some(c) = chars.next()
            && matches!(c, 'a'..='d')
            && !chars.next().is_some_and(|n| n.is_ascii_alphanumeric())
        {
            band.push(c);
        } else if after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        return Some(format!("Band {band}"));
    }
    None
}

/// What a `baseSalary` says.
#[derive(Debug, Clone, Default, PartialEq)]
struct Salary {
    min: Option<f64>,
    max: Option<f64>,
    /// The salary as text when it is not a yearly amount ("negotiable",
    /// "12.50 per hour").
    text: Option<String>,
    currency: Option<String>,
    period: Option<SalaryPeriod>,
}

/// No yearly salary is below this: a smaller "yearly" amount is a weekly or
/// sessional rate labelled as a year, digits of a postcode, or NHS Jobs's
/// yearly figure for a rate of "1" (1,681).
const LEAST_YEARLY_SALARY: f64 = 2000.0;

/// The salary of `baseSalary`: a number, text, a MonetaryAmount or a
/// QuantitativeValue (`minValue`/`maxValue` or `value`, `unitText`), with
/// `currency`. Amounts given as numbers win over text, except where the text
/// names another period and the same amounts: NHS Jobs labels "£155.63 per
/// week" a YEAR of 155. Amounts in text ("£35,392 - £42,618 a year") are read
/// when there are no numbers, with the period the text names.
fn salary(v: &Value) -> Salary {
    let mut g = SalaryParts::default();
    g.gather(v, 0);
    let unit_period = g.unit.as_deref().and_then(SalaryPeriod::parse);
    let in_text = g
        .texts
        .iter()
        .find_map(|t| super::salary::parse(t).map(|s| (s, t.as_str())));
    let close = |a: f64, b: f64| (a - b).abs() < 1.0;
    let plausible = |&(_, max, period, _): &(f64, f64, Option<SalaryPeriod>, bool)| {
        !(matches!(period, None | Some(SalaryPeriod::Year)) && max < LEAST_YEARLY_SALARY)
    };
    let from_numbers = g
        .numbers
        .map(|(lo, hi)| (lo.min(hi), lo.max(hi), unit_period, false));
    let from_text = in_text.map(|(t, _)| (t.min, t.max, t.period.or(unit_period), true));
    let chosen = match (from_numbers, in_text) {
        (Some((lo, hi, _, _)), Some((t, _)))
            if t.period.is_some_and(|p| Some(p) != unit_period)
                && close(t.min, lo)
                && close(t.max, hi) =>
        {
            Some((t.min, t.max, t.period, true))
        }
        (Some(n), _) if plausible(&n) => Some(n),
        _ => from_text.filter(plausible),
    };
    let text_currency = in_text.and_then(|(t, _)| t.currency.map(String::from));
    let currency = g.currency.clone().or(text_currency);
    let Some((min, max, period, from_text)) = chosen else {
        return Salary {
            text: g.texts.into_iter().next(),
            currency,
            ..Salary::default()
        };
    };
    let amount = if min == max {
        fmt_money(min)
    } else {
        format!("{}–{}", fmt_money(min), fmt_money(max))
    };
    let text = match period {
        None | Some(SalaryPeriod::Year) => None,
        Some(SalaryPeriod::Other) => match (&g.unit, from_text) {
            (_, true) => in_text.map(|(_, t)| t.to_string()),
            (Some(u), false) => Some(format!("{amount} per {}", u.trim().to_lowercase())),
            (None, false) => None,
        },
        Some(p) => Some(format!("{amount} per {}", p.as_str())),
    };
    Salary {
        min: Some(min),
        max: Some(max),
        text,
        currency,
        period,
    }
}

fn fmt_money(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x:.2}")
    }
}

/// The pieces of a `baseSalary`, gathered before they are weighed.
#[derive(Debug, Default)]
struct SalaryParts {
    /// The first amounts given as numbers (`minValue`/`maxValue`, `value`).
    numbers: Option<(f64, f64)>,
    unit: Option<String>,
    currency: Option<String>,
    /// Texts, on one line each, in document order.
    texts: Vec<String>,
}

impl SalaryParts {
    fn gather(&mut self, v: &Value, depth: usize) {
        if depth > 4 {
            return;
        }
        match v {
            Value::Number(n) => {
                if let Some(x) = n.as_f64().filter(|x| x.is_finite() && *x > 0.0) {
                    self.numbers.get_or_insert((x, x));
                }
            }
            Value::String(s) => {
                let s = html::to_line(s);
                if !s.is_empty() {
                    self.texts.push(s);
                }
            }
            Value::Array(a) => {
                for x in a {
                    self.gather(x, depth + 1);
                }
            }
            Value::Object(o) => {
                if self.unit.is_none() {
                    self.unit = get(o, "unitText").map(first_text).filter(|s| !s.is_empty());
                }
                if self.currency.is_none() {
                    self.currency = get(o, "currency")
                        .or_else(|| get(o, "salaryCurrency"))
                        .map(first_text)
                        .map(|c| c.trim().to_ascii_uppercase())
                        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
                }
                let num = |k: &str| get(o, k).and_then(number_of);
                let (lo, hi) = (num("minValue"), num("maxValue"));
                if self.numbers.is_none()
                    && let Some(lo) = lo.or(hi)
                {
                    self.numbers = Some((lo, hi.unwrap_or(lo)));
                }
                if let Some(x) = get(o, "value") {
                    self.gather(x, depth + 1);
                }
                if let Some(x) = get(o, "@value") {
                    self.gather(x, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// A number from a JSON number or a string such as "36738", "£36,738" or "40k".
fn number_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite() && *x > 0.0),
        Value::String(s) => {
            let nums = super::salary::money_numbers(s);
            (nums.len() == 1).then(|| nums[0])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
