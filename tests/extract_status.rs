//! Document status from PDF extraction: image-only, empty, undecodable fonts,
//! damage, links and encryption. Synthetic PDFs are built here with lopdf; the
//! encrypted files come from qpdf's test suite in the shared corpus (skipped with a
//! printed reason when it is absent).

use std::path::{Path, PathBuf};

use cvmatch::extract::{
    Document, ExtractOptions, Link, Status, error_status, extract_path, extract_path_with,
    extract_pdf_bytes, extract_pdf_bytes_with,
};
mod support;

use lopdf::{Dictionary, Object, ObjectId, Stream, dictionary};
use support::{Pdf, fonts, helvetica_page};

fn extract(bytes: &[u8]) -> Document {
    extract_pdf_bytes(bytes, Path::new("test.pdf")).unwrap_or_else(|e| panic!("{}", e.one_line()))
}

/// A 1x1 grey image XObject.
fn image(pdf: &mut Pdf) -> ObjectId {
    pdf.add(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 1,
            "Height" => 1,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        vec![0x80],
    ))
}

const TEXT: &[u8] = b"BT /F1 10 Tf 72 700 Td (Jane Doe, nurse) Tj ET";

// ---------------------------------------------------------------- statuses

#[test]
fn text_page_is_ok_and_reliable() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::Ok);
    assert!(d.is_reliable());
    assert_eq!(d.stats.pages, 1);
    assert_eq!(d.stats.chars, "JaneDoe,nurse".len());
    assert_eq!(d.stats.glyphs, "Jane Doe, nurse".len());
    assert_eq!(d.stats.unmapped_glyphs, 0);
    assert_eq!(d.stats.images, 0);
    assert!(d.stats.links.is_empty());
    assert!(d.stats.warnings.is_empty(), "{:?}", d.stats.warnings);
}

#[test]
fn image_xobject_only_page_is_image_only_document() {
    let mut pdf = Pdf::new();
    let im = image(&mut pdf);
    pdf.page(
        b"q 612 0 0 792 0 0 cm /Im1 Do Q",
        dictionary! { "XObject" => dictionary! { "Im1" => im } },
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::ImageOnly);
    assert!(!d.is_reliable());
    assert_eq!(d.text, "");
    assert_eq!(d.stats.chars, 0);
    assert_eq!(d.stats.images, 1);
    assert!(
        d.stats.warnings.iter().any(|w| w.contains("no text layer")),
        "{:?}",
        d.stats.warnings
    );
}

#[test]
fn image_inside_a_form_and_inline_images_count() {
    let mut pdf = Pdf::new();
    let im = image(&mut pdf);
    let form = pdf.add(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => im } },
        },
        b"/Im1 Do".to_vec(),
    ));
    pdf.page(
        b"q 100 0 0 100 0 0 cm /Fm1 Do Q",
        dictionary! { "XObject" => dictionary! { "Fm1" => form } },
    );
    pdf.page(
        b"q 100 0 0 100 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q",
        Dictionary::new(),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::ImageOnly);
    assert_eq!(d.stats.images, 2);
    assert_eq!(d.pages, 2);
}

#[test]
fn scanned_page_among_text_pages_is_a_warning() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let im = image(&mut pdf);
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    pdf.page(
        b"q 612 0 0 792 0 0 cm /Im1 Do Q",
        dictionary! { "XObject" => dictionary! { "Im1" => im } },
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::Ok);
    assert!(
        d.stats
            .warnings
            .iter()
            .any(|w| w.contains("no text layer on page 2")),
        "{:?}",
        d.stats.warnings
    );
}

#[test]
fn page_with_nothing_is_empty_document() {
    let mut pdf = Pdf::new();
    pdf.page(b"", Dictionary::new());
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::Empty);
    assert!(!d.is_reliable());
    assert_eq!(d.text, "");

    // Vector drawing only (no text, no image): also empty.
    let mut pdf = Pdf::new();
    pdf.page(b"q 100 0 0 100 0 0 cm 0 0 1 1 re f Q", Dictionary::new());
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::Empty);
}

#[test]
fn plain_text_is_ok_unless_blank() {
    let d = Document::from_plain_text("Jane Doe\nNurse\n");
    assert_eq!(d.stats.status, Status::Ok);
    assert!(d.is_reliable());
    assert_eq!(d.stats.chars, 12);
    assert_eq!(d.stats.pages, 1);
    let d = Document::from_plain_text(" \n\n");
    assert_eq!(d.stats.status, Status::Empty);
    assert!(!d.is_reliable());
}

#[test]
fn statuses_serialise_kebab_case() {
    let all = [
        (Status::Ok, "ok"),
        (Status::Empty, "empty"),
        (Status::NeedsPassword, "needs-password"),
        (Status::ImageOnly, "image-only"),
        (Status::UndecodableFont, "undecodable-font"),
        (Status::Damaged, "damaged"),
    ];
    for (s, name) in all {
        assert_eq!(serde_json::to_value(s).unwrap(), name);
        assert_eq!(s.to_string(), name);
    }
    let d = Document::from_plain_text("x");
    let v = serde_json::to_value(&d.stats).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["links"], serde_json::json!([]));
}

// ---------------------------------------------------------------- links

fn uri_link(pdf: &mut Pdf, uri: &str) -> ObjectId {
    pdf.add(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Link",
        "Rect" => vec![72.into(), 690.into(), 200.into(), 710.into()],
        "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal(uri) },
    })
}

#[test]
fn link_annotations_are_reported_not_in_text() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mail = uri_link(&mut pdf, "mailto:jane.doe@example.com");
    let gh = uri_link(&mut pdf, "https://github.com/janedoe");
    let gh_again = uri_link(&mut pdf, "https://github.com/janedoe");
    let goto = pdf.add(dictionary! {
        "Type" => "Annot", "Subtype" => "Link",
        "Rect" => vec![0.into(), 0.into(), 1.into(), 1.into()],
        "A" => dictionary! { "S" => "GoTo", "D" => vec![Object::Integer(0)] },
    });
    let note = pdf.add(dictionary! {
        "Type" => "Annot", "Subtype" => "Text",
        "Rect" => vec![0.into(), 0.into(), 1.into(), 1.into()],
        "Contents" => Object::string_literal("a note"),
    });
    let annots = pdf.add(vec![
        mail.into(),
        gh.into(),
        gh_again.into(),
        goto.into(),
        note.into(),
    ]);
    pdf.page_with(
        TEXT,
        fonts(&[("F1", f1)]),
        dictionary! { "Annots" => annots },
    );
    let li = uri_link(&mut pdf, "https://www.linkedin.com/in/janedoe");
    pdf.page_with(
        b"BT /F1 10 Tf 72 700 Td (Page two) Tj ET",
        fonts(&[("F1", f1)]),
        dictionary! { "Annots" => vec![li.into()] },
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::Ok);
    assert_eq!(
        d.stats.links,
        vec![
            Link {
                uri: "mailto:jane.doe@example.com".into(),
                page: 1
            },
            Link {
                uri: "https://github.com/janedoe".into(),
                page: 1
            },
            Link {
                uri: "https://www.linkedin.com/in/janedoe".into(),
                page: 2
            },
        ]
    );
    for s in ["mailto", "github", "linkedin", "example.com", "a note"] {
        assert!(!d.text.contains(s), "{s} leaked into text: {}", d.text);
    }
}

// ---------------------------------------------------------------- fonts

/// A Type 3 font whose glyph names have no Unicode meaning and no ToUnicode.
fn type3_font(pdf: &mut Pdf) -> ObjectId {
    let proc_ = pdf.add(Stream::new(dictionary! {}, b"0 0 d0".to_vec()));
    pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
        "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "CharProcs" => dictionary! { "g1" => proc_, "g2" => proc_ },
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "Differences" => vec![65.into(), "g1".into(), "g2".into()],
        },
        "FirstChar" => 65,
        "LastChar" => 66,
        "Widths" => vec![500.into(), 500.into()],
        "Resources" => Dictionary::new(),
    })
}

/// A Type 0 font, Identity-H, without ToUnicode: two-byte CIDs with no text.
fn identity_font(pdf: &mut Pdf) -> ObjectId {
    let cid = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ABCDEF+Unknown",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 500,
    });
    pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+Unknown",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()],
    })
}

#[test]
fn type3_font_without_unicode_is_undecodable() {
    let mut pdf = Pdf::new();
    let t3 = type3_font(&mut pdf);
    pdf.page(
        b"BT /T1 12 Tf 72 700 Td (ABABABABABAB) Tj ET",
        fonts(&[("T1", t3)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.unmapped_glyphs, 12);
    assert_eq!(d.stats.glyphs, 12);
    assert_eq!(d.stats.status, Status::UndecodableFont);
    assert!(!d.is_reliable());
    assert!(
        d.stats
            .warnings
            .iter()
            .any(|w| w.contains("no Unicode mapping")),
        "{:?}",
        d.stats.warnings
    );
}

#[test]
fn identity_h_font_without_to_unicode_is_undecodable_but_keeps_other_text() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let f0 = identity_font(&mut pdf);
    let mut content = b"BT /F1 10 Tf 72 720 Td (Jane Doe) Tj ET BT /F0 10 Tf 72 700 Td <".to_vec();
    content.extend(b"0011002200330044".repeat(5));
    content.extend(b"> Tj ET");
    pdf.page(&content, fonts(&[("F1", f1), ("F0", f0)]));
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.unmapped_glyphs, 20);
    assert_eq!(d.stats.glyphs, 28);
    assert_eq!(d.stats.status, Status::UndecodableFont);
    assert!(d.text.contains("Jane Doe"), "{}", d.text);
}

#[test]
fn a_few_unmapped_glyphs_among_text_stay_ok() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let t3 = type3_font(&mut pdf);
    let mut content = b"BT /F1 10 Tf 72 720 Td (".to_vec();
    content.extend(b"Registered nurse with ten years on surgical wards. ".repeat(3));
    content.extend(b") Tj ET BT /T1 10 Tf 72 700 Td (AB) Tj ET");
    pdf.page(&content, fonts(&[("F1", f1), ("T1", t3)]));
    let d = extract(&pdf.finish());
    // Counted, but too few for a warning (icons and bullets in real CVs).
    assert_eq!(d.stats.unmapped_glyphs, 2);
    assert_eq!(d.stats.status, Status::Ok);
    assert!(d.stats.warnings.is_empty(), "{:?}", d.stats.warnings);
}

#[test]
fn invisible_text_is_kept_but_flagged() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let content = b"BT /F1 10 Tf 72 720 Td (Registered nurse) Tj ET \
        BT 3 Tr /F1 10 Tf 72 700 Td (Python SQL) Tj 0 Tr ( Java) Tj ET";
    pdf.page(content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    assert!(d.text.contains("Registered nurse"), "{}", d.text);
    assert!(d.text.contains("Python SQL"), "{}", d.text);
    // "Python SQL" (10 glyphs) in mode 3; "Java" after `0 Tr` is visible again.
    assert_eq!(d.stats.invisible_glyphs, 10);
    assert_eq!(d.stats.status, Status::Ok);
    assert!(
        d.stats
            .warnings
            .iter()
            .any(|w| w.contains("invisible text")),
        "{:?}",
        d.stats.warnings
    );
    // Visible text alone raises no such warning.
    let d = extract(&helvetica_page(
        b"BT /F1 10 Tf 72 720 Td (Registered nurse) Tj ET",
    ));
    assert_eq!(d.stats.invisible_glyphs, 0);
    assert!(d.stats.warnings.is_empty(), "{:?}", d.stats.warnings);
}

#[test]
fn actual_text_replaces_unmapped_glyphs() {
    let mut pdf = Pdf::new();
    let t3 = type3_font(&mut pdf);
    pdf.page(
        b"BT /T1 12 Tf 72 700 Td /Span << /ActualText (Jane Doe) >> BDC (ABABABABABAB) Tj EMC ET",
        fonts(&[("T1", t3)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.unmapped_glyphs, 0);
    assert_eq!(d.stats.status, Status::Ok);
    assert_eq!(d.text, "Jane Doe");
}

// ---------------------------------------------------------------- damage

#[test]
fn missing_content_stream_on_one_page_is_damaged_with_the_rest() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    // Page 2 points at a content stream that does not exist.
    pdf.page_with(
        b"",
        fonts(&[("F1", f1)]),
        dictionary! { "Contents" => Object::Reference((9999, 0)) },
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.stats.status, Status::Damaged);
    assert!(!d.is_reliable());
    assert!(d.text.contains("Jane Doe"));
    assert!(
        d.stats
            .warnings
            .iter()
            .any(|w| w.contains("1 of 2 pages could not be read (page 2)")),
        "{:?}",
        d.stats.warnings
    );
}

#[test]
fn broken_cross_reference_table_is_damaged_with_the_text() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    let bytes = pdf.finish();
    // Shift every object by inserting a comment after the header: the offsets in
    // the cross-reference table all point at the wrong places.
    let nl = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut shifted = bytes[..nl].to_vec();
    shifted.extend(b"%".repeat(200));
    shifted.push(b'\n');
    shifted.extend(&bytes[nl..]);
    // Also break startxref so that the table is not found near its offset.
    let sx = shifted.windows(9).rposition(|w| w == b"startxref").unwrap();
    shifted.truncate(sx);
    shifted.extend(b"startxref\n999999\n%%EOF\n");
    let d = extract(&shifted);
    println!("status {} warnings {:?}", d.stats.status, d.stats.warnings);
    assert!(d.text.contains("Jane Doe"), "{}", d.text);
    assert_eq!(d.stats.status, Status::Damaged);
}

#[test]
fn unreadable_files_stay_errors() {
    let e =
        extract_pdf_bytes(b"%PDF-1.4\nthis is not really a pdf", Path::new("bad.pdf")).unwrap_err();
    assert_eq!(error_status(&e), Some(Status::Damaged));
    let e = extract_pdf_bytes(b"PK\x03\x04 zip", Path::new("cv.pdf")).unwrap_err();
    assert_eq!(error_status(&e), Some(Status::Damaged));
    let e = extract_path(Path::new("no/such/file.pdf")).unwrap_err();
    assert_eq!(error_status(&e), None);

    // The only page's content stream is missing: nothing readable at all.
    let mut pdf = Pdf::new();
    pdf.page_with(
        b"",
        Dictionary::new(),
        dictionary! { "Contents" => Object::Reference((9999, 0)) },
    );
    let e = extract_pdf_bytes(&pdf.finish(), Path::new("gone.pdf")).unwrap_err();
    assert_eq!(e.one_line(), "gone.pdf: damaged PDF: no page could be read");
    assert_eq!(error_status(&e), Some(Status::Damaged));
}

#[test]
fn password_is_ignored_for_unencrypted_files() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    let opts = ExtractOptions {
        password: Some("secret".into()),
        ..ExtractOptions::default()
    };
    let d = extract_pdf_bytes_with(&pdf.finish(), Path::new("a.pdf"), &opts).unwrap();
    assert_eq!(d.stats.status, Status::Ok);
    let txt = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/cvs/expected.csv");
    // Non-PDF paths go through extract_path unchanged (here: unsupported type).
    assert!(extract_path_with(&txt, &opts).is_err());
}

// ---------------------------------------------------------------- encryption

fn qpdf_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bad-pdfs/qpdf-qtest");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: no qpdf test corpus at {}", dir.display());
        None
    }
}

fn with_password(p: &str) -> ExtractOptions {
    ExtractOptions {
        password: Some(p.to_string()),
        ..ExtractOptions::default()
    }
}

#[test]
fn encrypted_pdfs_need_the_right_password() {
    let Some(dir) = qpdf_dir() else { return };
    let cases: &[(&str, &str)] = &[
        ("c-r2.pdf", "user1"),
        (
            "enc-long-password.pdf",
            "asdf asdf asdf asdf asdf asdf qwer",
        ),
        ("enc-R2,V1,U=view,O=master.pdf", "view"),
        ("enc-R3,V2,U=view,O=master.pdf", "view"),
        ("enc-XI-R6,V5,U=view,O=master.pdf", "view"),
        // The owner password opens the file too.
        ("enc-R3,V2,U=view,O=master.pdf", "master"),
    ];
    for (name, password) in cases {
        let path = dir.join(name);
        if !path.is_file() {
            println!("skipped: {name} absent");
            continue;
        }
        let e = extract_path(&path).unwrap_err();
        let msg = e.one_line();
        assert!(
            msg.ends_with("encrypted PDF: needs a password (use --password)"),
            "{name}: {msg}"
        );
        assert!(!msg.contains('\n'));
        assert_eq!(error_status(&e), Some(Status::NeedsPassword));

        let e = extract_path_with(&path, &with_password("not the password")).unwrap_err();
        assert!(
            e.one_line().ends_with("encrypted PDF: wrong password"),
            "{name}: {e}"
        );
        assert_eq!(error_status(&e), Some(Status::NeedsPassword));

        let d = extract_path_with(&path, &with_password(password))
            .unwrap_or_else(|e| panic!("{name} with its password: {}", e.one_line()));
        println!(
            "{name}: status {}, {} pages, {} chars",
            d.stats.status, d.stats.pages, d.stats.chars
        );
        assert!(d.stats.chars > 0, "{name}: no text after decryption");
    }
}

#[test]
fn encrypted_with_empty_user_password_opens_without_one() {
    let Some(dir) = qpdf_dir() else { return };
    for name in ["enc-R2,V1.pdf", "enc-R3,V2.pdf", "enc-R2,V1,O=master.pdf"] {
        let path = dir.join(name);
        if !path.is_file() {
            println!("skipped: {name} absent");
            continue;
        }
        let d = extract_path(&path).unwrap_or_else(|e| panic!("{name}: {}", e.one_line()));
        println!("{name}: status {}, {} chars", d.stats.status, d.stats.chars);
        assert!(d.stats.chars > 0, "{name}");
    }
}

// ---------------------------------------------------------------- sample CVs

#[test]
fn sample_cvs_are_ok_with_no_unmapped_glyphs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/cvs");
    let mut cvs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    cvs.sort();
    assert!(!cvs.is_empty());
    for p in &cvs {
        let d = extract_path(p).unwrap_or_else(|e| panic!("{}", e.one_line()));
        let name = p.file_name().unwrap().to_string_lossy();
        println!(
            "{name}: {} pages, {} chars, {} glyphs, {} unmapped, {} images, {} links",
            d.stats.pages,
            d.stats.chars,
            d.stats.glyphs,
            d.stats.unmapped_glyphs,
            d.stats.images,
            d.stats.links.len()
        );
        assert_eq!(d.stats.status, Status::Ok, "{name}: {:?}", d.stats.warnings);
        assert!(d.is_reliable());
        assert_eq!(d.stats.pages, d.pages);
        assert_eq!(d.stats.unmapped_glyphs, 0, "{name}");
        assert!(
            d.stats.warnings.is_empty(),
            "{name}: {:?}",
            d.stats.warnings
        );
        assert!(d.stats.chars > 500, "{name}");
        for l in &d.stats.links {
            assert!(l.page >= 1 && l.page <= d.pages, "{name}: {l:?}");
        }
    }
}

/// Encrypted files whose pages need no password: only their attachments are
/// encrypted (`/StmF` and `/StrF` are `/Identity`), or the key's `/ID` is
/// missing and is taken as empty. pdftotext reads all of them.
#[test]
fn encrypted_files_readable_without_a_password_are_read() {
    let Some(dir) = qpdf_dir() else { return };
    for name in [
        "invalid-id-xref.pdf",
        "nontrivial-crypt-filter.pdf",
        "unfilterable-with-crypt.pdf",
        "enc-XI-R6,V5,U=attachment,encrypted-attachments.pdf",
        "../pdfjs/encrypted-attachment.pdf",
    ] {
        let path = dir.join(name);
        if !path.is_file() {
            println!("skipped: {name} absent");
            continue;
        }
        let d = extract_path(&path).unwrap_or_else(|e| panic!("{name}: {}", e.one_line()));
        assert!(d.stats.chars > 0, "{name}: no text");
    }
}

#[test]
fn an_encryption_dictionary_with_identity_filters_leaves_the_text_readable() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    let hex = |n: usize| lopdf::Object::String(vec![7; n], lopdf::StringFormat::Hexadecimal);
    let encrypt = pdf.add(lopdf::dictionary! {
        "Filter" => "Standard", "V" => 5, "R" => 6, "Length" => 256, "P" => -1028,
        "O" => hex(48), "U" => hex(48), "OE" => hex(32), "UE" => hex(32), "Perms" => hex(16),
        "CF" => lopdf::dictionary! { "StdCF" => lopdf::dictionary! { "CFM" => "AESV3", "Length" => 32 } },
        "StmF" => "Identity", "StrF" => "Identity", "EFF" => "StdCF",
    });
    pdf.doc.trailer.set("Encrypt", encrypt);
    let bytes = pdf.finish();
    let d = cvmatch::extract::extract_pdf_bytes(&bytes, Path::new("a.pdf"))
        .unwrap_or_else(|e| panic!("{}", e.one_line()));
    assert!(d.text.contains("Jane Doe"), "{}", d.text);
    // The same with streams encrypted (StmF /StdCF) needs the password.
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(TEXT, fonts(&[("F1", f1)]));
    let encrypt = pdf.add(lopdf::dictionary! {
        "Filter" => "Standard", "V" => 5, "R" => 6, "Length" => 256, "P" => -1028,
        "O" => hex(48), "U" => hex(48), "OE" => hex(32), "UE" => hex(32), "Perms" => hex(16),
        "CF" => lopdf::dictionary! { "StdCF" => lopdf::dictionary! { "CFM" => "AESV3", "Length" => 32 } },
        "StmF" => "StdCF", "StrF" => "StdCF",
    });
    pdf.doc.trailer.set("Encrypt", encrypt);
    pdf.doc.trailer.set("ID", vec![hex(16), hex(16)]);
    let e = cvmatch::extract::extract_pdf_bytes(&pdf.finish(), Path::new("b.pdf")).unwrap_err();
    assert_eq!(
        error_status(&e),
        Some(Status::NeedsPassword),
        "{}",
        e.one_line()
    );
}
