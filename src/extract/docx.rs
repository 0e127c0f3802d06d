//! Word (.docx) CVs: the zip is opened, `word/document.xml` (and the header and
//! footer parts) are streamed with quick-xml, and every paragraph becomes one or
//! more [`Line`]s.
//!
//! Reading order is document order: table cells are read row by row, cell by cell,
//! each cell's paragraphs on their own lines, so a sidebar laid out as a table
//! column is never interleaved with the main column. Text boxes are read once (the
//! `mc:Choice` of an `mc:AlternateContent`, never its `mc:Fallback` copy), right
//! after the paragraph that anchors them. Header text comes first (a CV's name is
//! often there), footer text last (lines already in the body are not repeated).
//!
//! Font sizes come from run properties (`w:sz`, half-points), then the character
//! and paragraph styles of `word/styles.xml`, then the document defaults. Heading
//! paragraphs (styles named "heading N" or "Title", or with an outline level) are
//! reported bold and at least [`HEADING_MIN_SIZE`] points so that CV analysis
//! treats them as headings.
//!
//! Parts are size-bounded (a zip-bomb guard) and every failure is a one-line
//! [`Error::Invalid`]; the reader never panics on hostile input.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Document, ExtractErrorKind, Line};
use crate::error::{Error, Result};
use crate::limits::Deadline;

/// Largest uncompressed size of one part that is read.
const MAX_PART_SIZE: u64 = 50 << 20;
/// At most this many header parts and this many footer parts are read.
const MAX_HEADER_FOOTER_PARTS: usize = 16;
/// Body size when neither the runs nor the styles give one (Word's default).
const DEFAULT_SIZE: f32 = 11.0;
/// Smallest font size reported for a heading paragraph.
const HEADING_MIN_SIZE: f32 = 16.0;
/// Bound on `w:basedOn` chains.
const MAX_STYLE_DEPTH: usize = 16;

const NOT_ZIP: &str = "not a Word document (not a .docx zip)";
const NO_DOCUMENT: &str = "not a Word document (no word/document.xml)";
const OLE: &str = "password-protected or legacy .doc Word file; save it as .docx";

type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Extracts the text of a .docx held in memory. `origin` names the file in errors.
/// The reader checks `deadline` as it goes: a document still being read when
/// it passes is an [`Error::Limit`], whatever stopped the reading.
pub(super) fn extract(bytes: &[u8], origin: &Path, deadline: &Deadline) -> Result<Document> {
    let outcome = std::panic::catch_unwind(|| extract_inner(bytes, deadline))
        .unwrap_or_else(|_| Err("damaged Word document: the reader failed on this file".into()));
    outcome.map_err(|f| match deadline.check() {
        Err(hit) => Error::Limit {
            path: origin.to_path_buf(),
            hit,
        },
        Ok(()) => Error::Extract {
            path: origin.to_path_buf(),
            kind: f.kind,
            message: f.message.split_whitespace().collect::<Vec<_>>().join(" "),
        },
    })
}

/// The message a reader loop stops with when the deadline has passed
/// ([`extract`] turns it into the time limit's error).
const OUT_OF_TIME: &str = "out of time";

/// Why the reader stopped: the kind and the message.
#[derive(Debug)]
struct Fail {
    kind: ExtractErrorKind,
    message: String,
}

impl Fail {
    fn new(kind: ExtractErrorKind, message: impl Into<String>) -> Fail {
        Fail {
            kind,
            message: message.into(),
        }
    }
}

/// A message alone is damage.
impl From<String> for Fail {
    fn from(message: String) -> Self {
        Fail::new(ExtractErrorKind::Damaged, message)
    }
}

impl From<&str> for Fail {
    fn from(message: &str) -> Self {
        Fail::new(ExtractErrorKind::Damaged, message)
    }
}

fn extract_inner(bytes: &[u8], deadline: &Deadline) -> std::result::Result<Document, Fail> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Fail::new(ExtractErrorKind::WrongFormat, OLE));
    }
    let mut zip = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) if bytes.starts_with(b"PK") => {
            return Err(match e {
                ZipError::InvalidPassword | ZipError::UnsupportedArchive(_) => zip_error("", e),
                e => format!("damaged Word document: truncated or corrupt zip ({e})").into(),
            });
        }
        Err(_) => return Err(Fail::new(ExtractErrorKind::WrongFormat, NOT_ZIP)),
    };
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();

    let main = match find_name(&names, "word/document.xml") {
        Some(n) => n,
        None => main_part_from_rels(&mut zip, &names)
            .ok_or_else(|| Fail::new(ExtractErrorKind::WrongFormat, NO_DOCUMENT))?,
    };
    let main_xml = read_part(&mut zip, &main)?
        .ok_or_else(|| Fail::new(ExtractErrorKind::WrongFormat, NO_DOCUMENT))?;

    // Styles are optional: a damaged or missing styles part only loses sizes.
    let styles = match find_name(&names, "word/styles.xml") {
        Some(n) => match read_part(&mut zip, &n) {
            Ok(Some(xml)) => Styles::parse(&xml, deadline).unwrap_or_default(),
            _ => Styles::default(),
        },
        None => Styles::default(),
    };

    let mut lines: Vec<Line> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for name in parts_named(&names, "header") {
        // Headers are optional: skip one that cannot be read.
        if let Ok(Some(xml)) = read_part(&mut zip, &name)
            && let Ok((part, _)) = parse_part(&xml, &styles, deadline)
        {
            for mut l in part {
                if seen.insert(l.text.clone()) {
                    l.page = 1;
                    lines.push(l);
                }
            }
        }
    }

    let (body, pages) = parse_part(&main_xml, &styles, deadline).map_err(|f| Fail {
        message: format!("damaged Word document: {}", f.message),
        ..f
    })?;
    for l in body {
        seen.insert(l.text.clone());
        lines.push(l);
    }

    for name in parts_named(&names, "footer") {
        if let Ok(Some(xml)) = read_part(&mut zip, &name)
            && let Ok((part, _)) = parse_part(&xml, &styles, deadline)
        {
            for mut l in part {
                if !is_page_number(&l.text) && seen.insert(l.text.clone()) {
                    l.page = pages;
                    lines.push(l);
                }
            }
        }
    }

    Ok(assemble(lines, pages))
}

/// A footer line that only numbers pages ("Page 2 of 3", "- 2 -"): its digits
/// are field results, so it carries nothing about the candidate.
fn is_page_number(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    numbers <= 2
        && words.iter().all(|w| {
            (w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()))
                || ["page", "of", "seite", "von", "pagina", "de", "sur"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
        })
}

/// Lays lines out top to bottom on their pages and joins the text.
fn assemble(mut lines: Vec<Line>, pages: usize) -> Document {
    let mut text = String::new();
    let mut page = 0;
    let mut y = 0.0;
    for (i, l) in lines.iter_mut().enumerate() {
        if l.page != page {
            if i > 0 {
                text.push_str("\n\n");
            }
            page = l.page;
            y = 0.0;
        } else if i > 0 {
            text.push('\n');
        }
        y += l.font_size.max(1.0) * 1.2;
        l.y = y;
        text.push_str(&l.text);
    }
    let chars = super::count_chars(&text);
    let pages = pages.max(1);
    let status = if chars == 0 {
        super::Status::Empty
    } else {
        super::Status::Ok
    };
    Document {
        text,
        lines,
        pages,
        stats: super::Stats {
            status,
            pages,
            chars,
            warnings: if chars == 0 {
                vec!["no text".to_string()]
            } else {
                Vec::new()
            },
            ..Default::default()
        },
    }
}

/// The archive name equal to `wanted`, else equal ignoring ASCII case and
/// backslashes written for slashes (as some generators do).
fn find_name(names: &[String], wanted: &str) -> Option<String> {
    names
        .iter()
        .find(|n| n.as_str() == wanted)
        .or_else(|| {
            names
                .iter()
                .find(|n| n.replace('\\', "/").eq_ignore_ascii_case(wanted))
        })
        .cloned()
}

/// `word/header1.xml`, `word/header2.xml`, ... (or footers) in numeric order.
fn parts_named(names: &[String], kind: &str) -> Vec<String> {
    let prefix = format!("word/{kind}");
    let mut parts: Vec<(u32, String)> = names
        .iter()
        .filter_map(|n| {
            let lower = n.replace('\\', "/").to_ascii_lowercase();
            let digits = lower.strip_prefix(&prefix)?.strip_suffix(".xml")?;
            let num = if digits.is_empty() {
                0
            } else {
                digits.parse().ok()?
            };
            Some((num, n.clone()))
        })
        .collect();
    parts.sort();
    parts
        .into_iter()
        .take(MAX_HEADER_FOOTER_PARTS)
        .map(|(_, n)| n)
        .collect()
}

/// The main document part named by `_rels/.rels`, for files whose body is not
/// `word/document.xml`.
fn main_part_from_rels(zip: &mut Zip<'_>, names: &[String]) -> Option<String> {
    let rels = find_name(names, "_rels/.rels")?;
    let xml = read_part(zip, &rels).ok()??;
    let mut reader = Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if e.local_name().as_ref() == "Relationship"
                    && attr(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
                {
                    let target = attr(&e, "Target")?;
                    let target = target.trim_start_matches('/');
                    return find_name(names, target);
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Reads one part as text, bounded in size. `Ok(None)` when the part is missing.
fn read_part(zip: &mut Zip<'_>, name: &str) -> std::result::Result<Option<String>, Fail> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(name, e)),
    };
    if file.encrypted() {
        return Err(Fail::new(ExtractErrorKind::NeedsPassword, OLE));
    }
    let too_large = || {
        Fail::new(
            ExtractErrorKind::TooLarge,
            format!("Word document part {name} is too large (over 50 MiB uncompressed)"),
        )
    };
    if file.size() > MAX_PART_SIZE {
        return Err(too_large());
    }
    let mut buf = Vec::with_capacity(file.size() as usize);
    file.take(MAX_PART_SIZE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("damaged Word document: {name}: {e}"))?;
    if buf.len() as u64 > MAX_PART_SIZE {
        return Err(too_large());
    }
    Ok(Some(decode(buf)))
}

fn zip_error(what: &str, e: ZipError) -> Fail {
    match e {
        ZipError::InvalidPassword => Fail::new(ExtractErrorKind::NeedsPassword, OLE),
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            Fail::new(ExtractErrorKind::NeedsPassword, OLE)
        }
        e if what.is_empty() => format!("damaged Word document: {e}").into(),
        e => format!("damaged Word document: {what}: {e}").into(),
    }
}

/// XML bytes to text: UTF-16 with a byte-order mark, otherwise UTF-8 (lossily).
fn decode(buf: Vec<u8>) -> String {
    let utf16 = |bytes: &[u8], le: bool| {
        let units = bytes.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if let Some(rest) = buf.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, true)
    } else if let Some(rest) = buf.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, false)
    } else {
        let rest = buf.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&buf);
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(_) => String::from_utf8_lossy(rest).into_owned(),
        }
    }
}

/// The unescaped value of the attribute with local name `local`.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A `w:b`-like toggle: on unless `w:val` says off.
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// A `w:sz` value (half-points) in points.
fn half_points(e: &BytesStart<'_>) -> Option<f32> {
    let v: f32 = attr(e, "val")?.trim().parse().ok()?;
    (v.is_finite() && v > 0.0 && v < 4000.0).then_some(v / 2.0)
}

/// A named entity or character reference.
fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

// ---------------------------------------------------------------------------
// Styles

#[derive(Debug, Default, Clone)]
struct StyleDef {
    based_on: Option<String>,
    size: Option<f32>,
    bold: Option<bool>,
    heading: bool,
}

#[derive(Debug, Default)]
struct Styles {
    defs: HashMap<String, StyleDef>,
    default_size: Option<f32>,
    default_paragraph: Option<String>,
}

/// Resolved formatting of a style (following `w:basedOn`).
#[derive(Debug, Default, Clone, Copy)]
struct Format {
    size: Option<f32>,
    bold: Option<bool>,
    heading: bool,
}

impl Styles {
    /// Reads the styles part; past the deadline it stops with what it has (the
    /// body's reader then reports the time limit).
    fn parse(xml: &str, deadline: &Deadline) -> std::result::Result<Styles, quick_xml::Error> {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut stack: Vec<String> = Vec::new();
        let mut current: Option<(String, StyleDef)> = None;
        loop {
            if deadline.tick().is_err() {
                break;
            }
            let ev = reader.read_event()?;
            let (e, is_start) = match &ev {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(_) => {
                    if stack.pop().as_deref() == Some("style")
                        && let Some((id, def)) = current.take()
                    {
                        styles.defs.insert(id, def);
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = e.local_name().as_ref().to_string();
            let parent = stack.last().map(String::as_str);
            let grand = stack.len().checked_sub(2).map(|i| stack[i].as_str());
            match name.as_str() {
                "style" => {
                    let id = attr(e, "styleId").unwrap_or_default();
                    let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
                    if paragraph && attr(e, "default").is_some_and(|d| d == "1" || d == "true") {
                        styles.default_paragraph = Some(id.clone());
                    }
                    let heading = paragraph && {
                        let l = id.to_ascii_lowercase();
                        l.starts_with("heading") || l == "title"
                    };
                    current = Some((
                        id,
                        StyleDef {
                            heading,
                            ..StyleDef::default()
                        },
                    ));
                }
                "name" if parent == Some("style") => {
                    if let (Some((_, def)), Some(v)) = (current.as_mut(), attr(e, "val")) {
                        let v = v.to_ascii_lowercase();
                        if v == "title" || v.starts_with("heading ") {
                            def.heading = true;
                        }
                    }
                }
                "basedOn" if parent == Some("style") => {
                    if let Some((_, def)) = current.as_mut() {
                        def.based_on = attr(e, "val");
                    }
                }
                "outlineLvl" if parent == Some("pPr") && grand == Some("style") => {
                    let level = attr(e, "val").and_then(|v| v.parse::<u32>().ok());
                    if let (Some((_, def)), Some(l)) = (current.as_mut(), level)
                        && l < 9
                    {
                        def.heading = true;
                    }
                }
                "sz" if parent == Some("rPr") && grand == Some("style") => {
                    if let Some((_, def)) = current.as_mut() {
                        def.size = half_points(e);
                    }
                }
                "b" if parent == Some("rPr") && grand == Some("style") => {
                    if let Some((_, def)) = current.as_mut() {
                        def.bold = Some(on_off(e));
                    }
                }
                "sz" if parent == Some("rPr") && grand == Some("rPrDefault") => {
                    styles.default_size = half_points(e);
                }
                _ => {}
            }
            if is_start {
                stack.push(name);
            } else if name == "style"
                && let Some((id, def)) = current.take()
            {
                styles.defs.insert(id, def);
            }
        }
        Ok(styles)
    }

    /// The formatting of style `id` with its `w:basedOn` ancestors.
    fn resolve(&self, id: &str) -> Format {
        let mut f = Format::default();
        let mut next = Some(id);
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(cur) = next else { break };
            let Some(def) = self.defs.get(cur) else {
                // A style not defined in styles.xml: recognise the built-in ids.
                let l = cur.to_ascii_lowercase();
                f.heading |= l.starts_with("heading") || l == "title";
                break;
            };
            f.size = f.size.or(def.size);
            f.bold = f.bold.or(def.bold);
            f.heading |= def.heading;
            next = def.based_on.as_deref();
        }
        f
    }

    fn body_size(&self) -> f32 {
        self.default_paragraph
            .as_deref()
            .and_then(|d| self.resolve(d).size)
            .or(self.default_size)
            .unwrap_or(DEFAULT_SIZE)
    }
}

// ---------------------------------------------------------------------------
// Body

/// One output line being built.
#[derive(Debug, Default)]
struct LineBuf {
    text: String,
    page: usize,
    /// Visible characters per font size (size in hundredths of a point).
    sizes: Vec<(u32, usize)>,
    bold_chars: usize,
    chars: usize,
}

impl LineBuf {
    fn new(page: usize) -> LineBuf {
        LineBuf {
            page,
            ..LineBuf::default()
        }
    }
}

/// A paragraph being built: its lines (split at `w:br`) and the finished lines of
/// text boxes anchored in it.
#[derive(Debug)]
struct Para {
    lines: Vec<LineBuf>,
    nested: Vec<Line>,
    style: Format,
    outline_heading: bool,
}

#[derive(Debug, Default)]
struct Run {
    size: Option<f32>,
    bold: Option<bool>,
    style: Format,
    hidden: bool,
}

struct BodyParser<'s> {
    styles: &'s Styles,
    default_para: Format,
    body_size: f32,
    out: Vec<Line>,
    paras: Vec<Para>,
    /// Properties of the open runs (a text box's runs nest inside a run).
    runs: Vec<Run>,
    page: usize,
    page_has_text: bool,
}

impl BodyParser<'_> {
    fn page_break(&mut self) {
        if self.page_has_text {
            self.page += 1;
            self.page_has_text = false;
        }
    }

    fn new_line(&mut self) {
        let page = self.page;
        if let Some(p) = self.paras.last_mut() {
            p.lines.push(LineBuf::new(page));
        }
    }

    fn push_text(&mut self, text: &str) {
        let no_run = Run::default();
        let run = self.runs.last().unwrap_or(&no_run);
        if run.hidden {
            return;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let size = run
            .size
            .or(run.style.size)
            .or(p.style.size)
            .unwrap_or(self.body_size);
        let bold = run
            .bold
            .or(run.style.bold)
            .or(p.style.bold)
            .unwrap_or(false);
        let key = (size * 100.0).round() as u32;
        let Some(line) = p.lines.last_mut() else {
            return;
        };
        let mut visible = 0;
        for c in text.chars() {
            match c {
                '\u{AD}' | '\u{200B}' | '\u{FEFF}' => {}
                c if c.is_whitespace() || c.is_control() => line.text.push(' '),
                c => {
                    line.text.push(c);
                    visible += 1;
                }
            }
        }
        if visible > 0 {
            if line.chars == 0 {
                // The line's first visible text: it starts on the current page.
                line.page = self.page;
            }
            self.page_has_text = true;
            line.chars += visible;
            if bold {
                line.bold_chars += visible;
            }
            match line.sizes.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += visible,
                None => line.sizes.push((key, visible)),
            }
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        let heading = p.style.heading || p.outline_heading;
        let mut done: Vec<Line> = Vec::new();
        for lb in p.lines {
            let text = lb.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            let size = lb
                .sizes
                .iter()
                .max_by_key(|(k, n)| (*n, *k))
                .map_or(self.body_size, |(k, _)| *k as f32 / 100.0);
            let (font_size, bold) = if heading {
                (size.max(HEADING_MIN_SIZE).max(self.body_size + 2.0), true)
            } else {
                (size, lb.bold_chars * 2 > lb.chars)
            };
            done.push(Line {
                text,
                page: lb.page,
                x: 0.0,
                y: 0.0,
                font_size,
                bold,
            });
        }
        done.extend(p.nested);
        match self.paras.last_mut() {
            Some(parent) => parent.nested.extend(done),
            None => self.out.extend(done),
        }
    }
}

/// Parses one WordprocessingML part (body, header or footer) into lines, and
/// returns them with the number of pages.
fn parse_part(
    xml: &str,
    styles: &Styles,
    deadline: &Deadline,
) -> std::result::Result<(Vec<Line>, usize), Fail> {
    let default_para = styles
        .default_paragraph
        .as_deref()
        .map(|d| styles.resolve(d))
        .unwrap_or_default();
    let mut bp = BodyParser {
        styles,
        default_para,
        body_size: styles.body_size(),
        out: Vec::new(),
        paras: Vec::new(),
        runs: Vec::new(),
        page: 1,
        page_has_text: false,
    };
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    // Depth inside an element whose content is skipped (mc:Fallback, w:moveFrom).
    let mut skip = 0usize;
    loop {
        deadline.tick().map_err(|_| Fail::from(OUT_OF_TIME))?;
        let pos = reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| Fail::from(format!("{e} (near byte {pos})")))?;
        if skip > 0 {
            match ev {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_start = matches!(ev, Event::Start(_));
                let name = e.local_name().as_ref().to_string();
                let parent = stack.last().map(String::as_str);
                let grand = stack.len().checked_sub(2).map(|i| stack[i].as_str());
                match name.as_str() {
                    "Fallback" | "moveFrom" if is_start => {
                        skip = 1;
                        continue;
                    }
                    "p" if is_start => {
                        bp.paras.push(Para {
                            lines: vec![LineBuf::new(bp.page)],
                            nested: Vec::new(),
                            style: bp.default_para,
                            outline_heading: false,
                        });
                    }
                    "r" if is_start => bp.runs.push(Run::default()),
                    "pStyle" if parent == Some("pPr") => {
                        if let (Some(p), Some(v)) = (bp.paras.last_mut(), attr(e, "val")) {
                            p.style = bp.styles.resolve(&v);
                        }
                    }
                    "outlineLvl" if parent == Some("pPr") => {
                        let level = attr(e, "val").and_then(|v| v.parse::<u32>().ok());
                        if let (Some(p), Some(l)) = (bp.paras.last_mut(), level) {
                            p.outline_heading = l < 9;
                        }
                    }
                    "pageBreakBefore" if parent == Some("pPr") && on_off(e) => {
                        bp.page_break();
                        if let Some(p) = bp.paras.last_mut()
                            && let Some(l) = p.lines.last_mut()
                            && l.chars == 0
                        {
                            l.page = bp.page;
                        }
                    }
                    "sz" if parent == Some("rPr") && grand == Some("r") => {
                        if let Some(r) = bp.runs.last_mut() {
                            r.size = half_points(e);
                        }
                    }
                    "b" if parent == Some("rPr") && grand == Some("r") => {
                        if let Some(r) = bp.runs.last_mut() {
                            r.bold = Some(on_off(e));
                        }
                    }
                    "vanish" if parent == Some("rPr") && grand == Some("r") => {
                        if let Some(r) = bp.runs.last_mut() {
                            r.hidden = on_off(e);
                        }
                    }
                    "rStyle" if parent == Some("rPr") && grand == Some("r") => {
                        if let (Some(v), Some(r)) = (attr(e, "val"), bp.runs.last_mut()) {
                            r.style = bp.styles.resolve(&v);
                            r.style.heading = false;
                        }
                    }
                    "tab" | "ptab" if parent == Some("r") => bp.push_text(" "),
                    "noBreakHyphen" if parent == Some("r") => bp.push_text("-"),
                    "br" | "cr" if parent == Some("r") => {
                        if attr(e, "type").as_deref() == Some("page") {
                            bp.page_break();
                        }
                        bp.new_line();
                    }
                    "lastRenderedPageBreak" => bp.page_break(),
                    _ => {}
                }
                if is_start {
                    stack.push(name);
                }
            }
            Event::End(_) => match stack.pop().as_deref() {
                Some("p") => bp.end_paragraph(),
                Some("r") => {
                    bp.runs.pop();
                }
                _ => {}
            },
            Event::Text(ref t) if in_text(&stack) => bp.push_text(&t.xml10_content()),
            Event::CData(ref t) if in_text(&stack) => bp.push_text(&t.xml10_content()),
            Event::GeneralRef(ref r) if in_text(&stack) => {
                if let Some(c) = resolve_ref(&r.xml10_content()) {
                    bp.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        let open = stack.last().map_or("", String::as_str);
        return Err(format!("unexpected end of XML (<{open}> not closed)").into());
    }
    // Paragraphs left open cannot remain after a balanced document, but be safe.
    while !bp.paras.is_empty() {
        bp.end_paragraph();
    }
    let pages = if bp.page_has_text || bp.page == 1 {
        bp.page
    } else {
        bp.page - 1
    };
    Ok((bp.out, pages.max(1)))
}

/// Is the innermost element a run's text (`w:t`)?
fn in_text(stack: &[String]) -> bool {
    stack.last().is_some_and(|s| s == "t") && stack.iter().any(|s| s == "r")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> (Vec<Line>, usize) {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>"#
        );
        parse_part(&xml, &Styles::default(), &Deadline::never()).unwrap()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn docx_runs_tabs_breaks_and_entities() {
        let (lines, pages) = body(
            r#"<w:p><w:r><w:t xml:space="preserve">Jane </w:t></w:r><w:r><w:t>Doe&amp;Co</w:t><w:tab/><w:t>x</w:t></w:r></w:p>
<w:p><w:r><w:t>co</w:t><w:noBreakHyphen/><w:t>op&#173;er</w:t><w:sym w:char="F0B7"/><w:br/><w:t>next</w:t></w:r></w:p>
<w:p/><w:p><w:r><w:br w:type="page"/><w:t>Page two</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            texts(&lines),
            ["Jane Doe&Co x", "co-oper", "next", "Page two"]
        );
        assert_eq!(pages, 2);
        assert_eq!(lines[3].page, 2);
        assert_eq!(lines[0].font_size, DEFAULT_SIZE);
    }

    #[test]
    fn docx_bold_size_and_headings() {
        let (lines, _) = body(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Experience</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>Big bold</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>plain</w:t></w:r></w:p>"#,
        );
        assert!(lines[0].bold && lines[0].font_size >= HEADING_MIN_SIZE);
        assert!(lines[1].bold);
        assert_eq!(lines[1].font_size, 14.0);
        assert!(!lines[2].bold);
    }

    #[test]
    fn docx_text_box_once_after_anchor() {
        let (lines, _) = body(
            r#"<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>After</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&lines), ["Anchor", "Boxed", "After"]);
        let (lines, _) = body(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Bold </w:t><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Plain box</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict><w:t>still bold</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&lines), ["Bold still bold", "Plain box"]);
        assert!(lines[0].bold && !lines[1].bold);
    }

    #[test]
    fn docx_skips_deleted_hidden_and_field_codes() {
        let (lines, _) = body(
            r#"<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>kept</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&lines), ["kept"]);
    }

    #[test]
    fn docx_styles_sizes_and_headings() {
        let styles = Styles::parse(
            r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Section"><w:basedOn w:val="berschrift1"/></w:style></w:styles>"#,
            &Deadline::never(),
        )
        .unwrap();
        assert_eq!(styles.body_size(), 10.0);
        let f = styles.resolve("Section");
        assert!(f.heading);
        assert_eq!(f.size, Some(16.0));
        assert!(!styles.resolve("Normal").heading);
    }

    #[test]
    fn docx_malformed_xml_is_an_error() {
        let xml = "<w:document><w:body><w:p><w:r><w:t>x</w:t></w:p></w:body></w:document>";
        assert!(parse_part(xml, &Styles::default(), &Deadline::never()).is_err());
        let xml = "<w:document><w:body><w:p><w:r><w:t>x";
        assert!(parse_part(xml, &Styles::default(), &Deadline::never()).is_err());
    }

    #[test]
    fn docx_page_number_footers() {
        assert!(is_page_number("Page 2 of 3"));
        assert!(is_page_number("- 2 -"));
        assert!(is_page_number("Page"));
        assert!(!is_page_number("Morgan Example - CV"));
        assert!(!is_page_number("07700 900123 | Leeds"));
        assert!(!is_page_number("07700 900123"));
        assert!(!is_page_number("0113 496 0000"));
    }

    #[test]
    fn docx_not_zip_and_ole() {
        let p = Path::new("cv.docx");
        let e = extract(b"hello", p, &Deadline::never())
            .unwrap_err()
            .one_line();
        assert_eq!(e, format!("cv.docx: {NOT_ZIP}"));
        let e = extract(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], p, &Deadline::never())
            .unwrap_err()
            .one_line();
        assert_eq!(e, format!("cv.docx: {OLE}"));
    }
}
