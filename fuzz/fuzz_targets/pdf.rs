//! The PDF extractor (lopdf parsing, our content-stream interpreter, fonts,
//! CMaps, layout) on arbitrary bytes.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::strict_panics();
    let opts = common::extract_options();
    if let Ok(doc) = cvmatch::extract::extract_pdf_bytes_with(data, Path::new("fuzz.pdf"), &opts) {
        assert!(doc.stats.chars <= opts.limits.chars);
        let _ = doc.is_reliable();
    }
});
