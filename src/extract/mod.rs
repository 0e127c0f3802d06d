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

use serde::Serialize;

use crate::error::{Error, Result};

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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, Default, PartialEq)]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Link {
    /// The target as written (`mailto:…`, `https://…`).
    pub uri: String,
    /// 1-based page number.
    pub page: usize,
}

/// What extraction found out about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
}

/// The status a failed extraction corresponds to: `needs-password` for encrypted
/// PDFs, `damaged` for files that are not readable PDFs; `None` for other errors
/// (missing file, unsupported type).
pub fn error_status(e: &Error) -> Option<Status> {
    match e {
        Error::Pdf { message, .. } if message.starts_with("encrypted PDF") => {
            Some(Status::NeedsPassword)
        }
        Error::Pdf { .. } => Some(Status::Damaged),
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

/// Extracts the text of a CV file, choosing the reader by extension.
///
/// Errors name the file and the cause: missing file, unsupported type, or a PDF that
/// cannot be read (including a non-PDF file renamed `.pdf`).
pub fn extract_path(path: &Path) -> Result<Document> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            extract_pdf_bytes(&bytes, path)
        }
        Some("docx") => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            docx::extract(&bytes, path)
        }
        Some("txt") => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            Ok(Document::from_plain_text(&String::from_utf8_lossy(&bytes)))
        }
        _ => Err(unreadable_error(path)),
    }
}

/// Extracts the text of a PDF held in memory. `origin` names the file in errors.
///
/// Never panics: any failure in the interpreter becomes an [`Error::Pdf`].
pub fn extract_pdf_bytes(bytes: &[u8], origin: &Path) -> Result<Document> {
    extract_pdf_bytes_with(bytes, origin, &ExtractOptions::default())
}

/// Like [`extract_path`], with options (a password for encrypted PDFs).
///
/// Encrypted PDFs are errors when no password fits: "encrypted PDF: needs a
/// password (use --password)" without one, "encrypted PDF: wrong password" with a
/// wrong one. Other files read exactly as with [`extract_path`].
pub fn extract_path_with(path: &Path, opts: &ExtractOptions) -> Result<Document> {
    let is_pdf = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf && opts.password.is_some() {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        return extract_pdf_bytes_with(&bytes, path, opts);
    }
    extract_path(path)
}

/// Extracts a CV held in memory whose type is not known from a file name (a CV
/// read from standard input): a PDF by its `%PDF-` header, a .docx by its zip
/// header, anything else as text. `origin` names it in errors.
pub fn extract_bytes_with(bytes: &[u8], origin: &Path, opts: &ExtractOptions) -> Result<Document> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        extract_pdf_bytes_with(bytes, origin, opts)
    } else if bytes.starts_with(b"PK\x03\x04") {
        docx::extract(bytes, origin)
    } else {
        Ok(Document::from_plain_text(&String::from_utf8_lossy(bytes)))
    }
}

/// Like [`extract_pdf_bytes`], with options (a password for encrypted PDFs).
pub fn extract_pdf_bytes_with(
    bytes: &[u8],
    origin: &Path,
    opts: &ExtractOptions,
) -> Result<Document> {
    pdf::extract(bytes, origin, opts.password.as_deref())
}

/// Extracts the text of a Word (.docx) CV held in memory. `origin` names the file
/// in errors; failures (not a .docx, legacy .doc, damaged) are one-line
/// [`Error::Invalid`]s and never panics.
pub fn extract_docx_bytes(bytes: &[u8], origin: &Path) -> Result<Document> {
    docx::extract(bytes, origin)
}
