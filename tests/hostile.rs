//! Crafted hostile inputs, generated here (nothing large is committed): each
//! ends in bounded time and memory, as an ok row or an error row that names
//! its cause, and a batch holding all of them still reports every good CV.
//!
//! The bounds are enforced by the binary's own limits ([`cvmatch::limits`]);
//! this test runs it under an address-space limit (`ulimit -v`) so that
//! runaway memory fails the run, and with a generous kill timer that only
//! catches a hang. Nothing here measures speed.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use lopdf::{Object, Stream, dictionary};
use support::{Pdf, fonts};

/// Address space the binary may use while reading the hostile files, KiB.
const MEMORY_KIB: u64 = 4 << 20;
/// Kill timer for the whole batch: only a hang comes near it.
const HANG_SECONDS: u64 = 600;

fn compressed(dict: lopdf::Dictionary, content: Vec<u8>) -> Stream {
    let mut s = Stream::new(dict, content);
    s.compress().expect("compress test stream");
    s
}

/// One content stream of 200,000 `(a)Tj` at one place, shared by ten pages:
/// the layout bomb (duplicate-glyph removal used to be quadratic).
fn layout_bomb() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = b"BT /F1 10 Tf 72 700 Td ".to_vec();
    content.extend(b"(a)Tj 0 0 Td ".repeat(200_000));
    content.extend(b"ET");
    let stream = pdf.add(compressed(dictionary! {}, content));
    for _ in 0..10 {
        let page = pdf.add(dictionary! {
            "Type" => "Page",
            "Parent" => pdf.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => stream,
            "Resources" => fonts(&[("F1", f1)]),
        });
        pdf.kids.push(page.into());
    }
    pdf.finish()
}

/// Ten million operators in one compressed stream.
fn many_operators() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = b"BT /F1 10 Tf 72 700 Td (Python SQL) Tj ET ".to_vec();
    content.extend(b"q Q ".repeat(5_000_000));
    let stream = pdf.add(compressed(dictionary! {}, content));
    let page = pdf.add(dictionary! {
        "Type" => "Page",
        "Parent" => pdf.pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Contents" => stream,
        "Resources" => fonts(&[("F1", f1)]),
    });
    pdf.kids.push(page.into());
    pdf.finish()
}

/// A content stream that inflates to 200 MiB.
fn flate_bomb() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let content = vec![b' '; 200 << 20];
    let stream = pdf.add(compressed(dictionary! {}, content));
    let page = pdf.add(dictionary! {
        "Type" => "Page",
        "Parent" => pdf.pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Contents" => stream,
        "Resources" => fonts(&[("F1", f1)]),
    });
    pdf.kids.push(page.into());
    pdf.finish()
}

/// Form XObjects twelve deep, each drawing the next ten times (10^12 draws
/// if nothing stopped it).
fn deep_forms() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut inner = pdf.add(compressed(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => fonts(&[("F1", f1)]),
        },
        b"BT /F1 10 Tf 72 700 Td (deep) Tj ET".to_vec(),
    ));
    for _ in 0..12 {
        inner = pdf.add(compressed(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "X" => inner } },
            },
            b"/X Do ".repeat(10),
        ));
    }
    pdf.page(
        b"/X Do",
        dictionary! { "XObject" => dictionary! { "X" => inner } },
    );
    pdf.finish()
}

/// A ToUnicode CMap with a 65,536-entry range repeated 2,000 times, and an
/// array range of 65,536 strings.
fn giant_to_unicode() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        .to_vec();
    for _ in 0..2_000 {
        cmap.extend(b"1 beginbfrange <0000> <FFFF> <0041> endbfrange\n");
    }
    cmap.extend(b"1 beginbfrange <0000> <FFFF> [");
    for i in 0..65_536u32 {
        write!(cmap, "<{:04X}>", 0x41 + (i % 26)).unwrap();
    }
    cmap.extend(b"] endbfrange\nendcmap end end");
    let to_unicode = pdf.add(compressed(dictionary! {}, cmap));
    let font = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Crafted",
        "Encoding" => "Identity-H",
        "ToUnicode" => to_unicode,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Crafted",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
        })],
    });
    pdf.page(
        b"BT /F1 10 Tf 72 700 Td <00010002> Tj ET",
        fonts(&[("F1", font)]),
    );
    pdf.finish()
}

/// 20,000 pages sharing one small content stream.
fn many_pages() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let stream = pdf.add(Stream::new(
        dictionary! {},
        b"BT /F1 10 Tf 72 700 Td (Data scientist) Tj ET".to_vec(),
    ));
    for _ in 0..20_000 {
        let page = pdf.add(dictionary! {
            "Type" => "Page",
            "Parent" => pdf.pages_id,
            "Contents" => stream,
            "Resources" => fonts(&[("F1", f1)]),
        });
        pdf.kids.push(page.into());
    }
    // One MediaBox for all, inherited from the page tree.
    let count = pdf.kids.len() as i64;
    let pages = dictionary! {
        "Type" => "Pages",
        "Kids" => pdf.kids.clone(),
        "Count" => count,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    };
    pdf.doc
        .objects
        .insert(pdf.pages_id, Object::Dictionary(pages));
    let catalog = pdf.add(dictionary! { "Type" => "Catalog", "Pages" => pdf.pages_id });
    pdf.doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    pdf.doc.save_to(&mut out).expect("save");
    out
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A .docx whose document part inflates to 256 MiB.
fn zip_bomb() -> Vec<u8> {
    let mut body = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>".to_vec();
    body.resize(256 << 20, b'a');
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &body),
    ])
}

/// A .docx whose document defines nested entities (billion laughs).
fn billion_laughs() -> Vec<u8> {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        doc.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!(
                "&lol{};",
                if i == 1 {
                    String::new()
                } else {
                    (i - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    doc.push_str("]>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", doc.as_bytes()),
    ])
}

#[test]
fn hostile_files_end_bounded_and_never_withhold_the_good_rows() {
    if !cfg!(unix) {
        eprintln!("skipping: the memory bound needs a Unix shell's `ulimit -v`");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("layout-bomb.pdf", layout_bomb()),
        ("many-operators.pdf", many_operators()),
        ("flate-bomb.pdf", flate_bomb()),
        ("deep-forms.pdf", deep_forms()),
        ("giant-tounicode.pdf", giant_to_unicode()),
        ("many-pages.pdf", many_pages()),
        ("zip-bomb.docx", zip_bomb()),
        ("billion-laughs.docx", billion_laughs()),
        ("huge-line.txt", vec![b'a'; 4 << 20]),
    ];
    for (name, bytes) in &cases {
        assert!(bytes.len() < 8 << 20, "{name} is {} bytes", bytes.len());
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let good = ["amara-okafor.pdf", "tom-whitfield.pdf"];
    for g in good {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples/cvs")
                .join(g),
            dir.path().join(g),
        )
        .unwrap();
    }
    let out = dir.path().join("out.jsonl");
    let bin = assert_cmd::cargo::cargo_bin!("cvmatch");
    let script = format!(
        "ulimit -v {MEMORY_KIB} && exec \"$0\" --samples batch --timeout 10 --format jsonl --out \"$1\" \"$2\""
    );
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(bin)
        .arg(&out)
        .arg(dir.path())
        .env("CVMATCH_INDEX", dir.path().join("index"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed().as_secs() > HANG_SECONDS {
            let _ = child.kill();
            panic!("the batch hung for more than {HANG_SECONDS} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    // Partial (some CVs are error rows), never a crash or an abort.
    assert_eq!(status.code(), Some(1), "status {status:?}\n{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r["cv"].as_str().is_some_and(|c| c.ends_with(name)))
            .unwrap_or_else(|| panic!("no row for {name} in\n{text}"))
    };
    for g in good {
        let r = row(g);
        assert!(r.get("error").is_none(), "{g}: {r}");
        assert!(!r["matches"].as_array().unwrap().is_empty(), "{g}: {r}");
    }
    for (name, _) in &cases {
        let r = row(name);
        eprintln!(
            "{name}: {}",
            r.get("error").unwrap_or(&serde_json::json!("ok"))
        );
        if let Some(e) = r.get("error").and_then(|e| e.as_str()) {
            assert!(!e.contains("reader failed"), "{name}: {e}");
            assert!(!e.contains('\n'), "{name}: {e}");
        }
    }
    // The bounds that must have been hit, named.
    let error = |name: &str| row(name)["error"].as_str().unwrap_or("").to_string();
    assert!(
        error("many-pages.pdf").contains("pages over the limit"),
        "{}",
        error("many-pages.pdf")
    );
    assert!(
        error("flate-bomb.pdf").contains("decompressed bytes over the limit"),
        "{}",
        error("flate-bomb.pdf")
    );
    assert!(
        error("zip-bomb.docx").contains("too large"),
        "{}",
        error("zip-bomb.docx")
    );
    // Each error row keeps its kind.
    let kind = |name: &str| row(name)["error_kind"].as_str().unwrap_or("").to_string();
    assert_eq!(kind("many-pages.pdf"), "limit");
    assert_eq!(kind("flate-bomb.pdf"), "limit");
    assert_eq!(kind("zip-bomb.docx"), "too-large");
    assert_eq!(kind("huge-line.txt"), "limit");
    assert_eq!(rows.len(), cases.len() + good.len(), "{text}");
}

#[test]
fn special_files_are_refused_by_type_before_they_are_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("cv.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: no mkfifo here");
        return;
    }
    // Opening a FIFO with no writer would block for ever; it must be refused.
    let e = cvmatch::extract::extract_path(&fifo)
        .unwrap_err()
        .to_string();
    assert!(e.contains("is a FIFO"), "{e}");
    if Path::new("/dev/zero").exists() {
        let e = cvmatch::extract::extract_path(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("character device"), "{e}");
    }
    let e = cvmatch::extract::extract_path(dir.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("is a folder"), "{e}");
}

#[test]
fn size_bounds_are_checked_before_reading_and_name_their_flag() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("cv.txt");
    std::fs::write(&txt, "Data scientist. Python, SQL.\n".repeat(1000)).unwrap();
    let mut opts = cvmatch::extract::ExtractOptions::default();
    assert!(cvmatch::extract::extract_path_with(&txt, &opts).is_ok());
    opts.limits.set("txt-mb=1").unwrap();
    opts.limits.txt_bytes = 1000;
    let e = cvmatch::extract::extract_path_with(&txt, &opts)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("text file size over the limit") && e.contains("txt-mb"),
        "{e}"
    );
    let mut opts = cvmatch::extract::ExtractOptions::default();
    opts.limits.set("chars=100").unwrap();
    let e = cvmatch::extract::extract_path_with(&txt, &opts)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("characters of text over the limit") && e.contains("chars=N"),
        "{e}"
    );
}

#[test]
fn utf16_text_cvs_are_decoded() {
    let text = "Siobhán Ní Bhriain\nData Scientist – Python, SQL\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let bare: Vec<u8> = "Data Scientist, Python and SQL\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(cvmatch::extract::decode_text(&le), text);
    assert_eq!(cvmatch::extract::decode_text(&be), text);
    assert_eq!(
        cvmatch::extract::decode_text(&bare),
        "Data Scientist, Python and SQL\n"
    );
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend(text.as_bytes());
    assert_eq!(cvmatch::extract::decode_text(&bom8), text);
    assert_eq!(cvmatch::extract::decode_text(text.as_bytes()), text);
}
