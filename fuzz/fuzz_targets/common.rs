//! What every target shares: panics are crashes, and each input gets a short
//! deadline.

#![allow(dead_code)] // each target uses a part of it

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use cvmatch::extract::ExtractOptions;
use cvmatch::limits::Limits;

/// Deadline for one CV input, well below libFuzzer's `-timeout`, so that a slow
/// input shows as the library's own time limit, and a hang past it (a loop the
/// deadline does not reach) as a libFuzzer timeout.
pub const TIME: Duration = Duration::from_secs(2);

/// Default extraction options with the short deadline.
pub fn extract_options() -> ExtractOptions {
    ExtractOptions {
        limits: Limits {
            time: TIME,
            ..Limits::default()
        },
        ..ExtractOptions::default()
    }
}

/// Makes every panic a crash, even one the library catches.
///
/// The PDF and .docx readers run inside `catch_unwind`, so a panic there costs
/// a CV its text but not the process; it is still a bug to find. The PDF reader
/// also installs, on first use, a panic hook that silences its worker threads.
/// This runs that first use, then replaces the hook with one that prints the
/// panic and aborts, on any thread.
///
/// With `CVMATCH_FUZZ_ALLOW_CAUGHT=1` set, caught panics are only printed, and
/// only panics that escape the library are crashes (libfuzzer-sys aborts on
/// those): for fuzzing past a known panic in a dependency.
pub fn strict_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = cvmatch::extract::extract_pdf_bytes(b"%PDF-1.0\n", Path::new("init.pdf"));
        let abort = std::env::var_os("CVMATCH_FUZZ_ALLOW_CAUGHT").is_none();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            eprintln!(
                "panic on thread {}: {info}\n{}",
                thread.name().unwrap_or("?"),
                std::backtrace::Backtrace::force_capture()
            );
            if abort {
                std::process::abort();
            }
        }));
    });
}
