//! Advert HTML (a posting's description) to text, and the person
//! specification parsed from that text, as the JSON-LD loader does.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::strict_panics();
    let input = String::from_utf8_lossy(data);
    let text = cvmatch::roles::html::to_text(&input);
    // Tags and entities only ever shrink: what grows is bounded by the input.
    assert!(
        text.len() <= 8 * input.len() + 64,
        "{} bytes of text from {} bytes of HTML",
        text.len(),
        input.len()
    );
    let line = cvmatch::roles::html::to_line(&input);
    assert!(line.len() <= 8 * input.len() + 64);
    let _ = cvmatch::roles::spec::parse(&text);
});
