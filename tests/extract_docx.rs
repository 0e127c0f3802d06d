//! Word (.docx) extraction: fictional CV fixtures (see
//! `tests/fixtures/docx/make_fixtures.py`) and hostile inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use cvmatch::extract::{Document, Line, extract_docx_bytes};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

fn fixture(name: &str) -> (Vec<u8>, PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name);
    (std::fs::read(&path).unwrap(), path)
}

fn load(name: &str) -> Document {
    let (bytes, path) = fixture(name);
    extract_docx_bytes(&bytes, &path).unwrap()
}

fn line<'a>(doc: &'a Document, text: &str) -> &'a Line {
    doc.lines
        .iter()
        .find(|l| l.text == text)
        .unwrap_or_else(|| panic!("no line {text:?} in {:#?}", doc.lines))
}

fn index(doc: &Document, text: &str) -> usize {
    doc.lines
        .iter()
        .position(|l| l.text == text)
        .unwrap_or_else(|| panic!("no line {text:?} in {:#?}", doc.lines))
}

/// A .docx in memory from (part name, content) pairs.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
}

fn error_of(bytes: &[u8]) -> String {
    match extract_docx_bytes(bytes, Path::new("cvs/cv.docx")) {
        Ok(d) => panic!("expected an error, got {d:?}"),
        Err(e) => e.one_line(),
    }
}

#[test]
fn sidebar_table_reads_cell_by_cell() {
    let doc = load("sidebar_table.docx");
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Curriculum Vitae",
            "Morgan Example",
            "Contact",
            "morgan.example@example.org",
            "07700 900123",
            "Skills",
            "Python",
            "SQL and PostgreSQL",
            "Data visualisation",
            "Profile",
            "Data analyst with five years of experience in public health reporting.",
            "Experience",
            "Senior Data Analyst, Northwind Health Trust",
            "2021-2025 Leeds",
            "Built dashboards for waiting-list monitoring & capacity planning.",
            "Education",
            "BSc Mathematics, University of Examplefield",
            "References",
            "Available on request.",
            "Morgan Example - CV",
        ]
    );
    // The sidebar column is read whole before the main column: never interleaved.
    assert!(index(&doc, "Data visualisation") < index(&doc, "Profile"));
    // Header text first, page break counted.
    assert_eq!(doc.pages, 2);
    assert_eq!(line(&doc, "Curriculum Vitae").page, 1);
    assert_eq!(line(&doc, "References").page, 2);
    assert!(
        doc.text
            .starts_with("Curriculum Vitae\nMorgan Example\nContact\n")
    );
    assert!(
        doc.text
            .contains("BSc Mathematics, University of Examplefield\n\nReferences")
    );
}

#[test]
fn sidebar_table_headings_are_bold_and_large() {
    let doc = load("sidebar_table.docx");
    let body = line(&doc, "Python");
    assert_eq!(body.font_size, 11.0);
    assert!(!body.bold);
    for h in [
        "Profile",
        "Experience",
        "Education",
        "Skills",
        "Contact",
        "References",
    ] {
        let l = line(&doc, h);
        assert!(l.bold, "{h} should be bold");
        assert!(l.font_size >= 16.0, "{h}: {}", l.font_size);
    }
    let title = line(&doc, "Morgan Example");
    assert!(title.bold && title.font_size >= 24.0);
    let job = line(&doc, "Senior Data Analyst, Northwind Health Trust");
    assert!(job.bold);
    assert_eq!(job.font_size, 11.0);
    assert_eq!(line(&doc, "Curriculum Vitae").font_size, 9.0);
    // Lines go down the page.
    let ys: Vec<f32> = doc
        .lines
        .iter()
        .filter(|l| l.page == 1)
        .map(|l| l.y)
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn text_box_is_read_once_after_its_anchor() {
    let doc = load("text_box.docx");
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Sam Placeholder",
            "Key skills",
            "Nursing assessment",
            "Medicines management",
            "Registered nurse (adult), NMC PIN 00X0000X",
            "Experience",
            "Staff Nurse, Riverside General Hospital",
            "Led a ward team of six; audited falls risk assessments.",
            "Line one",
            "line two",
            "Education",
            "BSc (Hons) Adult Nursing, Examplefield University",
        ]
    );
    assert_eq!(doc.text.matches("Medicines management").count(), 1);
    assert_eq!(doc.pages, 1);
    let k = line(&doc, "Key skills");
    assert!(k.bold && k.font_size == 13.0);
    assert!(line(&doc, "Experience").bold);
    // A character style (Strong) makes its run bold; here it is a minority.
    assert!(!line(&doc, "Staff Nurse, Riverside General Hospital").bold);
}

#[test]
fn not_a_zip() {
    assert_eq!(
        error_of(b"Dear hiring manager, please find my CV attached."),
        "cvs/cv.docx: not a Word document (not a .docx zip)"
    );
    assert_eq!(
        error_of(b""),
        "cvs/cv.docx: not a Word document (not a .docx zip)"
    );
    let (pdf, _) = (b"%PDF-1.7\n1 0 obj\n".to_vec(), ());
    assert_eq!(
        error_of(&pdf),
        "cvs/cv.docx: not a Word document (not a .docx zip)"
    );
}

#[test]
fn legacy_doc_or_encrypted() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert_eq!(
        error_of(&ole),
        "cvs/cv.docx: password-protected or legacy .doc Word file; save it as .docx"
    );
}

#[test]
fn zip_without_document() {
    let bytes = zip_of(&[("hello.txt", "hi"), ("xl/workbook.xml", "<workbook/>")]);
    assert_eq!(
        error_of(&bytes),
        "cvs/cv.docx: not a Word document (no word/document.xml)"
    );
}

#[test]
fn main_part_found_through_rels() {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let doc = document_xml("<w:p><w:r><w:t>Hello</w:t></w:r></w:p>");
    let bytes = zip_of(&[("_rels/.rels", rels), ("word/document2.xml", &doc)]);
    let d = extract_docx_bytes(&bytes, Path::new("a.docx")).unwrap();
    assert_eq!(d.text, "Hello");
}

#[test]
fn malformed_xml_is_damaged() {
    let bytes = zip_of(&[(
        "word/document.xml",
        "<w:document><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>",
    )]);
    let e = error_of(&bytes);
    assert!(e.starts_with("cvs/cv.docx: damaged Word document: "), "{e}");
    assert!(!e.contains('\n'));
    let bytes = zip_of(&[("word/document.xml", "<w:document><w:body><w:p>")]);
    let e = error_of(&bytes);
    assert!(e.starts_with("cvs/cv.docx: damaged Word document: "), "{e}");
}

#[test]
fn empty_document_is_empty_text() {
    let bytes = zip_of(&[("word/document.xml", &document_xml(""))]);
    let d = extract_docx_bytes(&bytes, Path::new("a.docx")).unwrap();
    assert_eq!(d.text, "");
    assert!(d.lines.is_empty());
    assert_eq!(d.pages, 1);
}

#[test]
fn zip_bomb_is_refused() {
    let big = " ".repeat((50 << 20) + 16);
    let bytes = zip_of(&[("word/document.xml", &big)]);
    assert!(bytes.len() < 1 << 20);
    let e = error_of(&bytes);
    assert!(e.contains("too large"), "{e}");
}

#[test]
fn truncated_files_never_panic() {
    for name in ["sidebar_table.docx", "text_box.docx"] {
        let (bytes, _) = fixture(name);
        for cut in (0..bytes.len()).step_by(7) {
            let r = extract_docx_bytes(&bytes[..cut], Path::new("t.docx"));
            if let Err(e) = r {
                let m = e.one_line();
                assert!(!m.contains('\n'));
                assert!(m.starts_with("t.docx: "), "{m}");
            }
        }
    }
}

#[test]
fn corrupted_and_random_bytes_never_panic() {
    // A small deterministic generator (xorshift).
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    for len in [2usize, 4, 30, 100, 1000, 5000] {
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        assert!(extract_docx_bytes(&bytes, Path::new("r.docx")).is_err());
        bytes[..2].copy_from_slice(b"PK");
        assert!(extract_docx_bytes(&bytes, Path::new("r.docx")).is_err());
    }
    // Flip bytes inside a real .docx.
    let (orig, _) = fixture("text_box.docx");
    for i in 0..300 {
        let mut bytes = orig.clone();
        let at = (next() as usize) % bytes.len();
        bytes[at] ^= (next() as u8) | 1;
        if i % 2 == 0 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if let Err(e) = extract_docx_bytes(&bytes, Path::new("c.docx")) {
            let m = e.one_line();
            assert!(!m.contains('\n'));
            assert!(!m.contains("reader failed"), "{m}");
        }
    }
}

#[test]
fn mangled_xml_never_panics() {
    let xml = document_xml(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="30"/></w:rPr><w:t>Skills &amp; tools</w:t><w:tab/><w:br w:type="page"/><w:t>&#x41;&#66;</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
    );
    let bytes = xml.as_bytes();
    let mut s: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let specials = b"<>/&;#\"= wxp0";
    for i in 0..2000 {
        let mut b = bytes.to_vec();
        for _ in 0..(1 + i % 4) {
            if b.is_empty() {
                break;
            }
            let at = (next() as usize) % b.len();
            match next() % 3 {
                0 => b[at] = specials[(next() as usize) % specials.len()],
                1 => {
                    b.remove(at);
                }
                _ => b.truncate(at),
            }
        }
        let text = String::from_utf8_lossy(&b).into_owned();
        let docx = zip_of(&[("word/document.xml", &text)]);
        match extract_docx_bytes(&docx, Path::new("m.docx")) {
            Ok(d) => assert!(d.pages >= 1),
            Err(e) => {
                let m = e.one_line();
                assert!(m.starts_with("m.docx: damaged Word document: "), "{m}");
                assert!(!m.contains("reader failed"), "{m}");
            }
        }
    }
}

#[test]
fn cv_analysis_finds_the_sections_of_word_cvs() {
    use cvmatch::cv::{SectionKind, analyse};
    let cv = analyse(&load("sidebar_table.docx"), knowledge());
    let kinds: Vec<(SectionKind, &str)> = cv
        .sections
        .iter()
        .map(|s| (s.kind, s.heading.as_str()))
        .collect();
    assert_eq!(cv.name(), Some("Morgan Example"));
    for k in [
        SectionKind::Skills,
        SectionKind::Profile,
        SectionKind::Experience,
        SectionKind::Education,
    ] {
        assert!(cv.has_section(k), "{k} not found in {kinds:?}");
    }
    assert!(cv.has_skill("Python"));

    let cv = analyse(&load("text_box.docx"), knowledge());
    let kinds: Vec<(SectionKind, &str)> = cv
        .sections
        .iter()
        .map(|s| (s.kind, s.heading.as_str()))
        .collect();
    assert_eq!(cv.name(), Some("Sam Placeholder"));
    for k in [
        SectionKind::Skills,
        SectionKind::Experience,
        SectionKind::Education,
    ] {
        assert!(cv.has_section(k), "{k} not found in {kinds:?}");
    }
}

#[test]
fn odd_part_names_are_found() {
    let doc = document_xml("<w:p><w:r><w:t>Body</w:t></w:r></w:p>");
    let hdr = r#"<w:hdr xmlns:w="x"><w:p><w:r><w:t>Head</w:t></w:r></w:p></w:hdr>"#;
    let bytes = zip_of(&[("Word\\Document.xml", &doc), ("word\\header2.xml", hdr)]);
    let d = extract_docx_bytes(&bytes, Path::new("a.docx")).unwrap();
    assert_eq!(d.text, "Head\nBody");
}

/// The time limit covers the Word reader too: a large document whose deadline
/// passes while it is read is a time-limit error naming the file, and the same
/// document within its time is read in full.
#[test]
fn docx_reading_stops_at_the_deadline() {
    use cvmatch::extract::{ExtractOptions, extract_bytes_within};
    use cvmatch::limits::Deadline;
    let body: String = (0..50_000)
        .map(|i| format!("<w:p><w:r><w:t>Paragraph {i}</w:t></w:r></w:p>"))
        .collect();
    let bytes = zip_of(&[("word/document.xml", &document_xml(&body))]);
    let origin = Path::new("cvs/long.docx");
    let opts = ExtractOptions::default();
    let doc = extract_bytes_within(&bytes, origin, &opts, &Deadline::never()).unwrap();
    assert_eq!(doc.lines.len(), 50_000);
    let spent = Deadline::after(std::time::Duration::ZERO);
    let e = extract_bytes_within(&bytes, origin, &opts, &spent).unwrap_err();
    assert_eq!(e.kind(), cvmatch::error::ErrorKind::Timeout, "{e}");
    let msg = e.one_line();
    assert!(
        msg.starts_with("cvs/long.docx:") && msg.contains("time"),
        "{msg}"
    );
}
