//! TOML role files, as `cvmatch index` loads them.
#![no_main]

use std::path::Path;

use cvmatch::roles::limits::Limits;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::strict_panics();
    if let Ok(roles) =
        cvmatch::roles::load_bytes_with(data, Path::new("fuzz.toml"), &Limits::default())
    {
        assert_eq!(roles.len(), 1);
        let _ = roles[0].body_text();
    }
});
