//! The .docx reader (zip, WordprocessingML, styles, headers, footers).
//!
//! An input that starts like a zip (`PK`) is read as a .docx file. Any other
//! input is a list of XML parts, separated by [`SEPARATOR`], that is stored
//! (uncompressed) in a fresh zip under the names of [`PARTS`] in order: so
//! mutations reach the XML rather than break the zip's deflate streams and
//! checksums. `fuzz/seed.sh` writes seeds of both kinds.
#![no_main]

use std::io::{Cursor, Write};
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

mod common;

/// Separates the parts of a parts-list input.
const SEPARATOR: &[u8] = b"\n--cvmatch-part--\n";

/// Zip names of the parts of a parts-list input, in order.
const PARTS: &[&str] = &[
    "word/document.xml",
    "word/styles.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
];

fn split<'a>(mut data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(i) = data.windows(sep.len()).position(|w| w == sep) {
        out.push(&data[..i]);
        data = &data[i + sep.len()..];
    }
    out.push(data);
    out
}

fn zip_of_parts(data: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in PARTS.iter().zip(split(data, SEPARATOR)) {
        zip.start_file(*name, stored).expect("zip entry");
        zip.write_all(part).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fuzz_target!(|data: &[u8]| {
    common::strict_panics();
    let origin = Path::new("fuzz.docx");
    let built;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        built = zip_of_parts(data);
        &built[..]
    };
    if let Ok(doc) = cvmatch::extract::extract_docx_bytes(bytes, origin) {
        let _ = doc.is_reliable();
    }
});
