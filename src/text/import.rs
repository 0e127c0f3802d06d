//! Importing skills and job titles from public taxonomies.
//!
//! [`read_skills_file`] reads, detected by the file's header:
//!
//! - an **ESCO skills CSV** (`skills_en.csv` or a collection such as
//!   `digitalSkillsCollection_en.csv`): columns `conceptUri`, `preferredLabel` and
//!   `altLabels`, read by name; alternative labels are separated by `" | "` or by
//!   line breaks inside the quoted field. Category `esco`.
//! - an **O\*NET `Technology Skills.txt`** (tab-separated, with the columns
//!   `Example` and `Commodity Title`): each distinct example ("Microsoft Excel") is a
//!   skill, its category the commodity title, lowercased ("spreadsheet software").
//! - a **cvmatch TOML** file in the built-in format (`[[skill]]` tables), taken as is.
//!
//! [`read_occupations_file`] reads an **O\*NET `Alternate Titles.txt`** (one entry
//! per occupation: its title, with the alternate and short titles as aliases), an
//! **O\*NET `Occupation Data.txt`** (the occupation titles), an **ESCO occupations
//! CSV** (`preferredLabel` + `altLabels`) or a cvmatch TOML file (`[[occupation]]`).
//! All get the category `occupation`.
//!
//! ## Quality filters
//!
//! Imported labels (not TOML entries, which are curated) are filtered:
//!
//! - labels shorter than 3 or longer than 80 characters are dropped, and so are
//!   labels made only of stop words and digits;
//! - single-word labels that are generic ([`GENERIC_WORDS`]: "communication",
//!   "management", "data", "engineer"...) are dropped: ESCO has such skills and
//!   O\*NET such job titles, and they would fire on nearly every CV. An entry whose
//!   own name is dropped is dropped whole;
//! - an alias claimed by two or more imported entries ("Machine Operator" is an
//!   alternate title of 43 O\*NET occupations) is ambiguous and dropped from all;
//! - a single lowercase word is kept as an entry's name ("cryptography") but not as
//!   an alias: ESCO's one-word alternative labels ("innovate", "experiment",
//!   "design") are everyday words;
//! - a capitalised alias of a lowercase (generic) entry that shares no word with
//!   its name is dropped: ESCO lists 56 programming languages ("LabVIEW", "Emacs
//!   Lisp") as alternative labels of *computer programming*, and products under
//!   *graphics editor software*; they are kinds of the skill, not names for it;
//! - a single-word label with a capital letter ("Haskell", "AJAX", "Chef") becomes
//!   an `exact` form, matched case-sensitively as a whole word, so the product
//!   `Chef` is not every "chef" and `Excel` not "excel at".
//!
//! When the entries are merged into a taxonomy with
//! [`Taxonomy::extend_with`](super::Taxonomy::extend_with) (which is what
//! [`Knowledge::with_imports`](crate::knowledge::Knowledge::with_imports) does),
//! built-in entries win: imported aliases never take over a built-in alias or
//! exact form.
//!
//! ## Attribution
//!
//! ESCO and O\*NET require credit when their data is used: [`attribution`] gives the
//! text for a file, to be shown whenever it is imported.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use super::taxonomy::{Entry, Taxonomy};
use crate::error::{Error, Result};

/// Credit for ESCO data, as the European Commission asks (reuse is allowed if the
/// source is acknowledged: Commission Decision 2011/833/EU).
pub const ESCO_ATTRIBUTION: &str =
    "This service uses the ESCO classification of the European Commission.";

/// Credit for O\*NET data (CC BY 4.0), with `{database}` standing for the
/// database's name and version; see [`onet_attribution`].
const ONET_TEMPLATE: &str = "This product includes information from the {database} by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. cvmatch has modified all or some of this information (labels are filtered and used as matching aliases); USDOL/ETA has not approved, endorsed, or tested these modifications. O*NET\u{ae} is a trademark of USDOL/ETA.";

/// The O\*NET credit for `database` (e.g. "O*NET 29.2 Database").
pub fn onet_attribution(database: &str) -> String {
    ONET_TEMPLATE.replace("{database}", database)
}

/// The formats this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ESCO skills CSV (`skills_en.csv`, skill collections).
    EscoSkills,
    /// ESCO occupations CSV (`occupations_en.csv`).
    EscoOccupations,
    /// O\*NET `Technology Skills.txt`.
    OnetTechnologySkills,
    /// O\*NET `Alternate Titles.txt`.
    OnetAlternateTitles,
    /// O\*NET `Occupation Data.txt`.
    OnetOccupationData,
    /// cvmatch's own TOML format.
    Toml,
}

const SKILL_FORMATS: &str = "an ESCO skills CSV (conceptUri, preferredLabel, altLabels), \
     an O*NET Technology Skills.txt (tab-separated, with Example and Commodity Title) \
     or a cvmatch TOML file ([[skill]] tables)";

const OCCUPATION_FORMATS: &str = "an O*NET Alternate Titles.txt or Occupation Data.txt \
     (tab-separated), an ESCO occupations CSV (conceptUri, preferredLabel, altLabels) \
     or a cvmatch TOML file ([[occupation]] tables)";

/// Single words too generic to be a skill or a job title on their own. Compared
/// after analysis, so plurals and other inflections are covered.
pub const GENERIC_WORDS: &[&str] = &[
    "administration",
    "administrator",
    "advice",
    "agent",
    "analysis",
    "analyst",
    "assistant",
    "associate",
    "communication",
    "consultant",
    "coordination",
    "coordinator",
    "data",
    "design",
    "designer",
    "development",
    "director",
    "engineer",
    "engineering",
    "executive",
    "head",
    "helper",
    "information",
    "instructor",
    "lead",
    "leader",
    "leadership",
    "management",
    "manager",
    "member",
    "operator",
    "organisation",
    "organization",
    "owner",
    "partner",
    "planning",
    "president",
    "production",
    "research",
    "sales",
    "service",
    "services",
    "software",
    "specialist",
    "staff",
    "supervisor",
    "support",
    "teacher",
    "teamwork",
    "technician",
    "technology",
    "trainer",
    "training",
    "work",
    "worker",
    "writing",
];

fn generic_terms() -> &'static HashSet<String> {
    static G: OnceLock<HashSet<String>> = OnceLock::new();
    G.get_or_init(|| {
        GENERIC_WORDS
            .iter()
            .filter_map(|w| super::analyzer().term(w))
            .collect()
    })
}

/// Whether an imported label passes the quality filters (see the module docs).
pub fn usable_label(label: &str) -> bool {
    let n = label.chars().count();
    if !(3..=80).contains(&n) {
        return false;
    }
    let terms = super::analyzer().terms(label);
    if terms.is_empty() || terms.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    !(terms.len() == 1 && generic_terms().contains(&terms[0]))
}

/// Reads the file's text, without a UTF-8 byte-order mark.
fn read_text(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    })
}

fn header_of(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end_matches('\r')
}

/// Detects a file's format from its header (and `.toml` extension).
fn detect(path: &Path, text: &str) -> Option<Format> {
    let header = header_of(text);
    if header.contains('\t') {
        let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
        let has = |c: &str| cols.contains(&c);
        if has("Example") && has("Commodity Title") {
            return Some(Format::OnetTechnologySkills);
        }
        if has("Alternate Title") {
            return Some(Format::OnetAlternateTitles);
        }
        if has("Title") && has("O*NET-SOC Code") {
            return Some(Format::OnetOccupationData);
        }
        return None;
    }
    if header.contains("preferredLabel") && header.contains(',') {
        let cols: Vec<&str> = header
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        if cols.contains(&"preferredLabel") {
            let occupation = cols.contains(&"iscoGroup")
                || text
                    .lines()
                    .nth(1)
                    .is_some_and(|l| l.starts_with("Occupation,"));
            return Some(if occupation {
                Format::EscoOccupations
            } else {
                Format::EscoSkills
            });
        }
    }
    let toml_ext = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    if toml_ext || first.is_some_and(|l| l.starts_with("[[")) {
        return Some(Format::Toml);
    }
    None
}

/// Detects the format of the taxonomy file at `path`.
pub fn detect_format(path: &Path) -> Result<Option<Format>> {
    let text = read_text(path)?;
    Ok(detect(path, &text))
}

/// The credit to show when importing `path`, or `None` when its format needs none
/// (cvmatch TOML) or is not recognised. For O\*NET, the database version is read
/// from a `Read Me.txt` (or `ONET_READ_ME.txt`) next to the file when there is one.
pub fn attribution(path: &Path) -> Option<String> {
    match detect_format(path).ok()?? {
        Format::EscoSkills | Format::EscoOccupations => Some(ESCO_ATTRIBUTION.to_string()),
        Format::OnetTechnologySkills | Format::OnetAlternateTitles | Format::OnetOccupationData => {
            Some(onet_attribution(&onet_database_name(path)))
        }
        Format::Toml => None,
    }
}

/// "O*NET 29.2 Database" from the read-me next to `path`, else "O*NET Database".
fn onet_database_name(path: &Path) -> String {
    let dir = path.parent().unwrap_or(Path::new("."));
    for name in [
        "Read Me.txt",
        "ONET_READ_ME.txt",
        "Read_Me.txt",
        "read_me.txt",
    ] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
            let first = text.lines().next().unwrap_or("").trim();
            if first.starts_with("O*NET") && first.ends_with("Database") && first.len() < 40 {
                return first.to_string();
            }
        }
    }
    "O*NET Database".to_string()
}

/// Reads skills from an ESCO skills CSV, an O\*NET `Technology Skills.txt` or a
/// cvmatch TOML file (see the module docs). Errors name the file and, for syntax
/// errors, the line.
pub fn read_skills_file(path: &Path) -> Result<Vec<Entry>> {
    let text = read_text(path)?;
    match detect(path, &text) {
        Some(Format::EscoSkills) => Ok(finish(read_esco(path, &text, "esco")?)),
        Some(Format::OnetTechnologySkills) => Ok(finish(read_onet_technology(path, &text)?)),
        Some(Format::Toml) => read_toml(path, &text),
        Some(f) => Err(Error::invalid(
            path,
            format!(
                "this is an occupations file ({f:?}), not a skills file; \
                 import it as occupations (--occupations). Skills files are {SKILL_FORMATS}"
            ),
        )),
        None => Err(Error::invalid(
            path,
            format!("unrecognised skills taxonomy format; expected {SKILL_FORMATS}"),
        )),
    }
}

/// Reads occupations from an O\*NET `Alternate Titles.txt` or `Occupation
/// Data.txt`, an ESCO occupations CSV or a cvmatch TOML file (see the module docs).
pub fn read_occupations_file(path: &Path) -> Result<Vec<Entry>> {
    let text = read_text(path)?;
    let mut entries = match detect(path, &text) {
        Some(Format::EscoOccupations) => finish(read_esco(path, &text, "occupation")?),
        Some(Format::OnetAlternateTitles) => finish(read_onet_alternates(path, &text)?),
        Some(Format::OnetOccupationData) => finish(read_onet_occupations(path, &text)?),
        Some(Format::Toml) => read_toml(path, &text)?,
        Some(f) => {
            return Err(Error::invalid(
                path,
                format!(
                    "this is a skills file ({f:?}), not an occupations file; \
                     import it as skills (--taxonomy). Occupation files are {OCCUPATION_FORMATS}"
                ),
            ));
        }
        None => {
            return Err(Error::invalid(
                path,
                format!("unrecognised occupations format; expected {OCCUPATION_FORMATS}"),
            ));
        }
    };
    for e in &mut entries {
        if e.category.is_empty() {
            e.category = "occupation".into();
        }
    }
    Ok(entries)
}

fn read_toml(path: &Path, text: &str) -> Result<Vec<Entry>> {
    let t = Taxonomy::from_toml(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Error::syntax_at(path, text, offset, e.message().to_string())
    })?;
    Ok(t.entries().to_vec())
}

/// An entry before filtering: name, category, aliases.
struct Raw {
    name: String,
    category: String,
    aliases: Vec<String>,
}

fn syntax(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        col: 1,
        message: message.into(),
    }
}

/// Splits an ESCO `altLabels` field on line breaks and `" | "`.
pub fn split_alt_labels(field: &str) -> impl Iterator<Item = &str> {
    field
        .split('\n')
        .flat_map(|l| l.split(" | "))
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '|'))
        .filter(|l| !l.is_empty())
}

fn read_esco(path: &Path, text: &str, category: &str) -> Result<Vec<Raw>> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let csv_err = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line() as usize);
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("expected {expected_len} comma-separated fields, found {len}"),
            _ => e.to_string(),
        };
        syntax(path, line, message)
    };
    let headers = rdr.headers().map_err(csv_err)?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let label =
        col("preferredLabel").ok_or_else(|| syntax(path, 1, "missing column preferredLabel"))?;
    let alt = col("altLabels");
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_err(e)),
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let name = record.get(label).unwrap_or("").trim();
        if name.is_empty() {
            return Err(syntax(path, line, "empty preferredLabel"));
        }
        let aliases = alt
            .and_then(|i| record.get(i))
            .map(|f| split_alt_labels(f).map(str::to_string).collect())
            .unwrap_or_default();
        out.push(Raw {
            name: name.to_string(),
            category: category.to_string(),
            aliases,
        });
    }
    Ok(out)
}

/// The indexes of the wanted columns, and the rows as (line number, fields).
type Table<'t> = (Vec<usize>, Vec<(usize, Vec<&'t str>)>);

/// Rows of a tab-separated file with a header: (line number, fields), with the
/// columns named in `want` required.
fn tsv<'t>(path: &Path, text: &'t str, want: &[&str]) -> Result<Table<'t>> {
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, l)| {
            l.trim_end_matches('\r')
                .split('\t')
                .map(str::trim)
                .collect()
        })
        .unwrap_or_default();
    let mut idx = Vec::new();
    for w in want {
        let i = header
            .iter()
            .position(|h| h == w)
            .ok_or_else(|| syntax(path, 1, format!("missing column {w}")))?;
        idx.push(i);
    }
    let need = idx.iter().max().map_or(0, |m| m + 1);
    let mut rows = Vec::new();
    for (i, l) in lines {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = l.split('\t').map(str::trim).collect();
        if fields.len() < need {
            return Err(syntax(
                path,
                i + 1,
                format!(
                    "expected at least {need} tab-separated fields, found {}",
                    fields.len()
                ),
            ));
        }
        rows.push((i + 1, fields));
    }
    Ok((idx, rows))
}

fn read_onet_technology(path: &Path, text: &str) -> Result<Vec<Raw>> {
    let (idx, rows) = tsv(path, text, &["Example", "Commodity Title"])?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Raw> = Vec::new();
    for (line, f) in rows {
        let example = f[idx[0]];
        if example.is_empty() {
            return Err(syntax(path, line, "empty Example"));
        }
        let key = example.to_lowercase();
        if seen.contains_key(&key) {
            continue;
        }
        seen.insert(key, out.len());
        out.push(Raw {
            name: example.to_string(),
            category: f[idx[1]].to_lowercase(),
            aliases: Vec::new(),
        });
    }
    Ok(out)
}

fn read_onet_occupations(path: &Path, text: &str) -> Result<Vec<Raw>> {
    let (idx, rows) = tsv(path, text, &["O*NET-SOC Code", "Title"])?;
    let mut out = Vec::new();
    for (line, f) in rows {
        let title = f[idx[1]];
        if title.is_empty() {
            return Err(syntax(path, line, "empty Title"));
        }
        out.push(Raw {
            name: title.to_string(),
            category: "occupation".into(),
            aliases: Vec::new(),
        });
    }
    Ok(out)
}

/// O\*NET occupation titles by SOC code, from an `Occupation Data.txt` next to
/// `path` (the 29.x `Alternate Titles.txt` has no Title column).
fn sibling_onet_titles(path: &Path) -> HashMap<String, String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    for name in ["Occupation Data.txt", "occupation_data.txt"] {
        let p = dir.join(name);
        let Ok(text) = read_text(&p) else { continue };
        if let Ok((idx, rows)) = tsv(&p, &text, &["O*NET-SOC Code", "Title"]) {
            return rows
                .into_iter()
                .map(|(_, f)| (f[idx[0]].to_string(), f[idx[1]].to_string()))
                .collect();
        }
    }
    HashMap::new()
}

fn read_onet_alternates(path: &Path, text: &str) -> Result<Vec<Raw>> {
    let (idx, rows) = tsv(path, text, &["O*NET-SOC Code", "Alternate Title"])?;
    let header: Vec<&str> = header_of(text).split('\t').map(str::trim).collect();
    let title_col = header.iter().position(|h| *h == "Title");
    let short_col = header.iter().position(|h| *h == "Short Title");
    let sibling = if title_col.is_none() {
        sibling_onet_titles(path)
    } else {
        HashMap::new()
    };
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Raw> = Vec::new();
    for (line, f) in rows {
        let code = f[idx[0]];
        let alternate = f[idx[1]];
        if code.is_empty() || alternate.is_empty() {
            return Err(syntax(
                path,
                line,
                "empty O*NET-SOC Code or Alternate Title",
            ));
        }
        let title = title_col
            .and_then(|i| f.get(i).copied())
            .filter(|t| !t.is_empty())
            .or_else(|| sibling.get(code).map(String::as_str));
        let i = *by_code.entry(code.to_string()).or_insert_with(|| {
            out.push(Raw {
                // Without a title, the first alternate title names the occupation.
                name: title.unwrap_or(alternate).to_string(),
                category: "occupation".into(),
                aliases: Vec::new(),
            });
            out.len() - 1
        });
        let e = &mut out[i];
        e.aliases.push(alternate.to_string());
        if let Some(short) = short_col.and_then(|c| f.get(c).copied())
            && !short.is_empty()
            && !short.eq_ignore_ascii_case("n/a")
        {
            e.aliases.push(short.to_string());
        }
    }
    Ok(out)
}

/// Applies the quality filters and turns raw entries into [`Entry`]s: merges
/// entries of the same name, drops unusable and ambiguous labels, and makes
/// capitalised single words exact forms.
fn finish(raw: Vec<Raw>) -> Vec<Entry> {
    let a = super::analyzer();
    let key = |s: &str| a.terms(s).join(" ");
    // Merge by name (case-insensitive), dropping unusable names.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut merged: Vec<Raw> = Vec::new();
    for r in raw {
        if !usable_label(&r.name) {
            continue;
        }
        match by_name.get(&r.name.to_lowercase()) {
            Some(&i) => merged[i].aliases.extend(r.aliases),
            None => {
                by_name.insert(r.name.to_lowercase(), merged.len());
                merged.push(r);
            }
        }
    }
    // Analysed alias keys per entry (without the name's own key), deduplicated.
    let mut keyed: Vec<Vec<(String, String)>> = Vec::with_capacity(merged.len());
    let mut owners: HashMap<String, usize> = HashMap::new();
    let name_keys: Vec<String> = merged.iter().map(|r| key(&r.name)).collect();
    for (i, r) in merged.iter().enumerate() {
        let mut seen: HashSet<String> = HashSet::new();
        seen.insert(name_keys[i].clone());
        let mut v = Vec::new();
        for al in &r.aliases {
            if !usable_label(al) {
                continue;
            }
            let k = key(al);
            if seen.insert(k.clone()) {
                *owners.entry(k.clone()).or_default() += 1;
                v.push((k, al.clone()));
            }
        }
        keyed.push(v);
    }
    for k in name_keys {
        *owners.entry(k).or_default() += 1;
    }
    let mut out = Vec::with_capacity(merged.len());
    for (r, aliases) in merged.into_iter().zip(keyed) {
        let generic_name = !r.name.chars().any(char::is_uppercase);
        let name_terms: HashSet<String> = a.terms(&r.name).into_iter().collect();
        let mut e = Entry {
            name: r.name,
            category: r.category,
            aliases: Vec::new(),
            exact: Vec::new(),
        };
        if is_proper_word(&e.name) {
            e.exact.push(e.name.trim().to_string());
        }
        for (k, al) in aliases {
            if owners.get(&k).copied().unwrap_or(0) > 1 {
                continue;
            }
            if generic_name
                && al.chars().any(char::is_uppercase)
                && !k.split(' ').any(|t| name_terms.contains(t))
            {
                // A named product or language under a generic skill ("LabVIEW" under
                // "computer programming"): a kind of the skill, not a name for it.
                continue;
            }
            if is_proper_word(&al) {
                e.exact.push(al.trim().to_string());
            } else if k.contains(' ') {
                e.aliases.push(al);
            }
            // Single lowercase words as aliases ("innovate", "experiment") are
            // everyday words: dropped.
        }
        out.push(e);
    }
    out
}

/// One word with a capital letter ("Haskell", "AJAX", "Act!"): matched as an
/// exact, case-sensitive form.
fn is_proper_word(label: &str) -> bool {
    super::raw_tokens(label).len() == 1 && label.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_words_are_sorted() {
        let mut s = GENERIC_WORDS.to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s, GENERIC_WORDS);
    }

    #[test]
    fn label_filters() {
        assert!(usable_label("Haskell"));
        assert!(!usable_label("IT"));
        assert!(!usable_label("of the"));
        assert!(!usable_label("1234 5678"));
        assert!(!usable_label("communication"));
        assert!(!usable_label("Managers"));
        assert!(usable_label("data management"));
        assert!(!usable_label(&"x".repeat(81)));
    }

    #[test]
    fn alt_labels_split_on_bars_and_lines() {
        let v: Vec<_> = split_alt_labels("a b | c d\r\ne f\n").collect();
        assert_eq!(v, ["a b", "c d", "e f"]);
    }
}
