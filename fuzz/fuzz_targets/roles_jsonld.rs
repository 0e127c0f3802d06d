//! schema.org `JobPosting` role files, as `cvmatch index` loads them: a gzip
//! input as `.jsonl.gz`, any other as both a JSON / JSON-LD document and JSON
//! Lines.
#![no_main]

use std::path::Path;

use cvmatch::roles::limits::Limits;
use libfuzzer_sys::fuzz_target;

mod common;

fn load(data: &[u8], name: &str) {
    let limits = Limits::default();
    if let Ok(roles) = cvmatch::roles::load_bytes_with(data, Path::new(name), &limits) {
        for role in &roles {
            let _ = role.body_text();
        }
        let _ = cvmatch::roles::check_unique(&roles);
    }
}

fuzz_target!(|data: &[u8]| {
    common::strict_panics();
    if data.starts_with(&[0x1f, 0x8b]) {
        load(data, "fuzz.jsonl.gz");
    } else {
        load(data, "fuzz.jsonld");
        load(data, "fuzz.jsonl");
    }
});
