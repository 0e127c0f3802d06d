//! Text extraction: CV files (PDF or plain text) to text with layout.
//!
//! PDFs go through our own content-stream interpreter built on lopdf's object layer
//! (`pdf`), which decodes fonts (`font`) and rebuilds words and lines from glyph
//! positions (`layout`). Plain-text CVs are read directly (invalid UTF-8 is read
//! lossily). The result is a [`Document`]: the text in reading order plus the lines
//! with their geometry and font size, which CV analysis uses to find headings.
//!
//! Every document carries [`Stats`]: a [`Status`] (`ok`, `empty`, `image-only`,
//! `undecodable-font`, `damaged`), counts, link targets and warnings. Files that
//! cannot be read at all (not a PDF, encrypted without the right password, no
//! readable page) are errors instead.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::limits::{Bound, Deadline, Hit, Limits};

pub mod cache;
mod cid;
mod cmap;
mod docx;
mod encodings;
mod font;
mod layout;
mod lexer;
mod pdf;
mod sfnt;

/// Kinds of CV file that cvmatch reads, by extension.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["pdf", "txt", "docx"];

/// CV formats that cvmatch does not read, by extension, with their names: a
/// file of one of these is reported by name rather than skipped.
pub const UNSUPPORTED_FORMATS: &[(&str, &str)] = &[
    ("doc", "Word 97-2003 (.doc)"),
    ("rtf", "Rich Text Format (.rtf)"),
    ("odt", "OpenDocument text (.odt)"),
    ("pages", "Apple Pages (.pages)"),
    ("wpd", "WordPerfect (.wpd)"),
];

/// The name of the CV format `path` is in, when it is one cvmatch knows it
/// cannot read ([`UNSUPPORTED_FORMATS`]).
pub fn unsupported_format(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?;
    UNSUPPORTED_FORMATS
        .iter()
        .find(|(e, _)| ext.eq_ignore_ascii_case(e))
        .map(|(_, name)| *name)
}

/// Files a folder walk leaves out without counting them as CVs: hidden files
/// (a leading dot, which covers macOS `._` resource forks and LibreOffice's
/// `.~lock.` files) and Word's `~$` lock files.
pub fn is_hidden_or_lock(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"))
}

/// The error for a file cvmatch does not read: missing, a known format it
/// cannot read, or another type.
pub fn unreadable_error(path: &Path) -> Error {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Error::Missing {
            path: path.to_path_buf(),
        };
    }
    if let Err(e @ Error::NotAFile { .. }) = check_regular_file(path) {
        return e;
    }
    match unsupported_format(path) {
        Some(format) => Error::UnsupportedFormat {
            path: path.to_path_buf(),
            format,
        },
        None => Error::Unsupported {
            path: path.to_path_buf(),
        },
    }
}

/// Is `path` a CV file type that cvmatch reads (by extension, case-insensitive)?
pub fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| e.eq_ignore_ascii_case(s))
    })
}

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The line's text, words separated by single spaces.
    pub text: String,
    /// 1-based page number (1 for plain text).
    pub page: usize,
    /// Left edge in PDF user-space points (0 for plain text).
    pub x: f32,
    /// Baseline in points from the top of the page (0 for plain text).
    pub y: f32,
    /// Dominant font size in points (0 when unknown, as for plain text).
    pub font_size: f32,
    /// Whether the dominant font of the line is bold (from its name or weight).
    pub bold: bool,
}

/// The text of a CV with its layout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The full text in reading order: lines joined by `\n`, pages separated by a
    /// blank line.
    pub text: String,
    /// The lines, in reading order.
    pub lines: Vec<Line>,
    /// Number of pages (1 for plain text).
    pub pages: usize,
    /// How well the text could be read, with links and warnings.
    pub stats: Stats,
}

/// How well a document's text could be read.
///
/// Files that cannot be read at all (not a PDF, encrypted without the right
/// password, nothing readable) are errors, not documents; every other outcome is a
/// [`Document`] with one of these, so that callers can warn that its text is
/// unreliable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Text read normally.
    #[default]
    Ok,
    /// No text and no images: blank pages (or text drawn as vector outlines).
    Empty,
    /// Encrypted and no usable password. Extraction returns an error for these;
    /// the status is for callers that report failed files (see [`error_status`]).
    NeedsPassword,
    /// No text layer, only images: a scan or a picture of a CV.
    ImageOnly,
    /// Many glyphs have no Unicode mapping: the text is incomplete or garbled.
    UndecodableFont,
    /// The file is damaged; the text is what could be read.
    Damaged,
}

impl Status {
    /// The status as written in JSON: `ok`, `empty`, `needs-password`, `image-only`,
    /// `undecodable-font`, `damaged`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::NeedsPassword => "needs-password",
            Status::ImageOnly => "image-only",
            Status::UndecodableFont => "undecodable-font",
            Status::Damaged => "damaged",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A link annotation (`/Annots`, `/Subtype /Link` with a `/URI` action): e-mail,
/// web site, LinkedIn or GitHub profile. Links are reported here, never in the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    /// The target as written (`mailto:…`, `https://…`).
    pub uri: String,
    /// 1-based page number.
    pub page: usize,
}

/// What extraction found out about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Overall verdict on the text.
    pub status: Status,
    /// Number of pages.
    pub pages: usize,
    /// Non-white-space characters of the text.
    pub chars: usize,
    /// Glyphs shown by the content streams (0 for plain text).
    pub glyphs: usize,
    /// Glyphs that no font decoding could map to Unicode (ToUnicode, encoding,
    /// glyph names), outside `/ActualText` spans.
    pub unmapped_glyphs: usize,
    /// Glyphs drawn in an invisible text rendering mode (`3 Tr`): an OCR layer
    /// over a scan, or words hidden from the reader. They are kept in the text
    /// and flagged here and in the warnings.
    pub invisible_glyphs: usize,
    /// Images drawn (image XObjects and inline images), counted but never decoded.
    pub images: usize,
    /// Link annotations with URI actions, deduplicated per page, in page order.
    pub links: Vec<Link>,
    /// Human-readable problems, one line each (no file name).
    pub warnings: Vec<String>,
}

/// Non-white-space characters of `text`.
pub(crate) fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Options for [`extract_path_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Password (user or owner) for encrypted PDFs; the empty user password is
    /// always tried first.
    pub password: Option<String>,
    /// Bounds on the work done for one CV.
    pub limits: Limits,
    /// Where extracted documents are kept between runs ([`cache`], `--cache`);
    /// `None`, the default, keeps nothing.
    pub cache: Option<cache::Cache>,
}

/// Why a CV file could not be read at all ([`Error::Extract`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExtractErrorKind {
    /// Not the format its name says: no `%PDF-` header, not a zip, a legacy
    /// binary Word file.
    WrongFormat,
    /// Encrypted, and the empty password does not open it.
    NeedsPassword,
    /// Encrypted, and the password given does not open it.
    WrongPassword,
    /// Encrypted in a way that cannot be decrypted here.
    UnsupportedEncryption,
    /// Damaged beyond reading.
    Damaged,
    /// A part larger than the reader takes (a .docx part over 50 MiB).
    TooLarge,
}

/// The status a failed extraction corresponds to: `needs-password` for
/// encrypted files, `damaged` for files that cannot be read; `None` for other
/// errors (missing file, unsupported type, a limit).
pub fn error_status(e: &Error) -> Option<Status> {
    match e {
        Error::Extract {
            kind:
                ExtractErrorKind::NeedsPassword
                | ExtractErrorKind::WrongPassword
                | ExtractErrorKind::UnsupportedEncryption,
            ..
        } => Some(Status::NeedsPassword),
        Error::Extract { .. } => Some(Status::Damaged),
        _ => None,
    }
}

impl Document {
    /// Builds a document from plain text: one [`Line`] per text line.
    pub fn from_plain_text(text: &str) -> Document {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines = text
            .lines()
            .map(|l| Line {
                text: l.trim_end().to_string(),
                page: 1,
                x: 0.0,
                y: 0.0,
                font_size: 0.0,
                bold: false,
            })
            .collect();
        let chars = count_chars(&text);
        let (status, warnings) = if chars == 0 {
            (Status::Empty, vec!["no text".to_string()])
        } else {
            (Status::Ok, Vec::new())
        };
        Document {
            text,
            lines,
            pages: 1,
            stats: Stats {
                status,
                pages: 1,
                chars,
                warnings,
                ..Stats::default()
            },
        }
    }

    /// Whether the text can be trusted for matching: status `ok`. Documents that
    /// are empty, image-only, undecodable or damaged have missing or garbled text;
    /// callers should warn ("text is unreliable") and say why from
    /// [`Stats::status`] and [`Stats::warnings`].
    pub fn is_reliable(&self) -> bool {
        self.stats.status == Status::Ok
    }
}

/// Extracts the text of a CV file, choosing the reader by extension, with the
/// default [`Limits`].
///
/// Errors name the file and the cause: missing file, unsupported type, or a PDF that
/// cannot be read (including a non-PDF file renamed `.pdf`).
pub fn extract_path(path: &Path) -> Result<Document> {
    extract_path_with(path, &ExtractOptions::default())
}

/// Extracts the text of a PDF held in memory. `origin` names the file in errors.
///
/// Never panics: any failure in the interpreter becomes an [`Error::Extract`].
pub fn extract_pdf_bytes(bytes: &[u8], origin: &Path) -> Result<Document> {
    extract_pdf_bytes_with(bytes, origin, &ExtractOptions::default())
}

/// Like [`extract_path`], with options (a password for encrypted PDFs, limits).
///
/// Encrypted PDFs are errors when no password fits: "encrypted PDF: needs a
/// password (use --password)" without one, "encrypted PDF: wrong password" with a
/// wrong one.
pub fn extract_path_with(path: &Path, opts: &ExtractOptions) -> Result<Document> {
    extract_path_within(path, opts, &opts.limits.deadline())
}

/// The kinds of CV file, by how they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Docx,
    Text,
}

impl Kind {
    fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Kind::Pdf),
            "docx" => Some(Kind::Docx),
            "txt" => Some(Kind::Text),
            _ => None,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Text => "txt",
        }
    }
}

/// What a path is when it is not a regular file: a folder, or a special file
/// that must not be opened (reading a FIFO blocks, a device never ends).
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("FIFO (named pipe)");
        }
        if ft.is_char_device() {
            return Some("character device");
        }
        if ft.is_block_device() {
            return Some("block device");
        }
        if ft.is_socket() {
            return Some("socket");
        }
    }
    Some("special file")
}

/// Refuses anything but a regular file (after following symbolic links), by
/// its type and before it is opened.
pub fn check_regular_file(path: &Path) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(path).is_err() {
            Error::Missing {
                path: path.to_path_buf(),
            }
        } else {
            Error::io(path, e)
        }
    })?;
    match special_kind(&meta) {
        Some(kind) => Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind,
        }),
        None => Ok(meta),
    }
}

/// Reads at most `max` bytes of `path`: a file that grew past its checked size
/// is refused rather than read without end.
fn read_bounded(path: &Path, max: u64, hit: Hit) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::Limit {
            path: path.to_path_buf(),
            hit,
        });
    }
    Ok(bytes)
}

/// Like [`extract_path_with`], within a [`Deadline`] that the caller's later
/// stages (analysis, scoring) share. The file's type and size are checked
/// before it is opened: FIFOs, devices and sockets are refused, and a file
/// over its kind's size bound is not read.
pub fn extract_path_within(
    path: &Path,
    opts: &ExtractOptions,
    deadline: &Deadline,
) -> Result<Document> {
    // Special files are refused whatever their name.
    let meta = check_regular_file(path)?;
    let Some(kind) = Kind::of(path) else {
        return Err(unreadable_error(path));
    };
    let (max, bound) = opts
        .limits
        .file_bytes(kind.ext())
        .expect("every kind has a size bound");
    let too_big = |actual: u64| Error::Limit {
        path: path.to_path_buf(),
        hit: Hit::new(bound, max).with_actual(actual),
    };
    if meta.len() > max {
        return Err(too_big(meta.len()));
    }
    let bytes = read_bounded(path, max, Hit::new(bound, max))?;
    extract_kind(kind, &bytes, path, opts, deadline)
}

/// Reads bytes known to be of `kind`, then applies the bound on characters.
fn extract_kind(
    kind: Kind,
    bytes: &[u8],
    origin: &Path,
    opts: &ExtractOptions,
    deadline: &Deadline,
) -> Result<Document> {
    let (max, bound) = opts
        .limits
        .file_bytes(kind.ext())
        .expect("every kind has a size bound");
    if bytes.len() as u64 > max {
        return Err(Error::Limit {
            path: origin.to_path_buf(),
            hit: Hit::new(bound, max).with_actual(bytes.len() as u64),
        });
    }
    let key = opts
        .cache
        .as_ref()
        .map(|_| cache::key(kind.ext(), bytes, opts));
    if let (Some(c), Some(k)) = (&opts.cache, &key)
        && let Some(doc) = c.get(k)
    {
        return Ok(doc);
    }
    let doc = match kind {
        Kind::Pdf => pdf::extract(
            bytes,
            origin,
            opts.password.as_deref(),
            &opts.limits,
            deadline,
        )?,
        Kind::Docx => docx::extract(bytes, origin, deadline)?,
        Kind::Text => Document::from_plain_text(&decode_text(bytes)),
    };
    if doc.stats.chars > opts.limits.chars {
        return Err(Error::Limit {
            path: origin.to_path_buf(),
            hit: Hit::new(Bound::Chars, opts.limits.chars as u64)
                .with_actual(doc.stats.chars as u64),
        });
    }
    deadline.check().map_err(|hit| Error::Limit {
        path: origin.to_path_buf(),
        hit,
    })?;
    if let (Some(c), Some(k)) = (&opts.cache, &key) {
        // A failed write leaves the document uncached; it never fails the CV.
        let _ = c.put(k, &doc);
    }
    Ok(doc)
}

/// Decodes a plain-text CV: UTF-8 (a byte-order mark dropped; invalid bytes
/// read lossily), or UTF-16 when it starts with a UTF-16 byte-order mark or
/// its first characters are ASCII with every other byte zero.
pub fn decode_text(bytes: &[u8]) -> String {
    let utf16 = |bytes: &[u8], little: bool| {
        let units = bytes.chunks_exact(2).map(|c| {
            if little {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    // No mark: UTF-16 shows as ASCII text with a zero in every other byte.
    let head = &bytes[..bytes.len().min(256) & !1];
    if head.len() >= 8 {
        let pairs = head.chunks_exact(2);
        let n = pairs.len();
        let le = pairs.clone().filter(|c| c[0] != 0 && c[1] == 0).count();
        let be = pairs.filter(|c| c[0] == 0 && c[1] != 0).count();
        if le * 10 >= n * 9 {
            return utf16(bytes, true);
        }
        if be * 10 >= n * 9 {
            return utf16(bytes, false);
        }
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Extracts a CV held in memory whose type is not known from a file name (a CV
/// read from standard input): a PDF by its `%PDF-` header, a .docx by its zip
/// header, anything else as text. `origin` names it in errors.
pub fn extract_bytes_with(bytes: &[u8], origin: &Path, opts: &ExtractOptions) -> Result<Document> {
    extract_bytes_within(bytes, origin, opts, &opts.limits.deadline())
}

/// Like [`extract_bytes_with`], within a [`Deadline`].
pub fn extract_bytes_within(
    bytes: &[u8],
    origin: &Path,
    opts: &ExtractOptions,
    deadline: &Deadline,
) -> Result<Document> {
    let head = &bytes[..bytes.len().min(1024)];
    let kind = if head.windows(5).any(|w| w == b"%PDF-") {
        Kind::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        Kind::Docx
    } else {
        Kind::Text
    };
    extract_kind(kind, bytes, origin, opts, deadline)
}

/// Extracts a CV held in memory whose type is known from its file name
/// (`name`'s extension: `.pdf`, `.docx` or `.txt`), within a [`Deadline`]:
/// exactly what [`extract_path_within`] does with a file of that name holding
/// `bytes`. `name` names the CV in errors; nothing is read from it. Another
/// extension is the same error as for such a file.
pub fn extract_named_bytes_within(
    bytes: &[u8],
    name: &Path,
    opts: &ExtractOptions,
    deadline: &Deadline,
) -> Result<Document> {
    match Kind::of(name) {
        Some(kind) => extract_kind(kind, bytes, name, opts, deadline),
        None => Err(match unsupported_format(name) {
            Some(format) => Error::UnsupportedFormat {
                path: name.to_path_buf(),
                format,
            },
            None => Error::Unsupported {
                path: name.to_path_buf(),
            },
        }),
    }
}

/// Like [`extract_pdf_bytes`], with options (a password for encrypted PDFs, limits).
pub fn extract_pdf_bytes_with(
    bytes: &[u8],
    origin: &Path,
    opts: &ExtractOptions,
) -> Result<Document> {
    extract_kind(Kind::Pdf, bytes, origin, opts, &opts.limits.deadline())
}

/// Extracts the text of a Word (.docx) CV held in memory. `origin` names the file
/// in errors; failures (not a .docx, legacy .doc, damaged) are one-line
/// [`Error::Invalid`]s and never panics.
pub fn extract_docx_bytes(bytes: &[u8], origin: &Path) -> Result<Document> {
    docx::extract(bytes, origin, &crate::limits::Deadline::never())
}
