//! Text extraction: CV files (PDF or plain text) to text with layout.
//!
//! PDFs go through our own content-stream interpreter built on lopdf's object layer
//! (`pdf`), which decodes fonts (`font`) and rebuilds words and lines from glyph
//! positions (`layout`). Plain-text CVs are read directly (invalid UTF-8 is read
//! lossily). The result is a [`Document`]: the text in reading order plus the lines
//! with their geometry and font size, which CV analysis uses to find headings.

use std::path::Path;

use crate::error::{Error, Result};

mod cmap;
mod docx;
mod encodings;
mod font;
mod layout;
mod lexer;
mod pdf;

/// Kinds of CV file that cvmatch reads, by extension.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["pdf", "txt", "docx"];

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
        Document {
            text,
            lines,
            pages: 1,
        }
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
        _ => Err(Error::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

/// Extracts the text of a PDF held in memory. `origin` names the file in errors.
///
/// Never panics: any failure in the interpreter becomes an [`Error::Pdf`].
pub fn extract_pdf_bytes(bytes: &[u8], origin: &Path) -> Result<Document> {
    pdf::extract(bytes, origin)
}

/// Extracts the text of a Word (.docx) CV held in memory. `origin` names the file
/// in errors; failures (not a .docx, legacy .doc, damaged) are one-line
/// [`Error::Invalid`]s and never panics.
pub fn extract_docx_bytes(bytes: &[u8], origin: &Path) -> Result<Document> {
    docx::extract(bytes, origin)
}
