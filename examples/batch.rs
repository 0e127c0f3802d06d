//! Matches many CVs with the library's batch iterator and prints each CV's
//! best role, in the order given; a CV that cannot be read is reported and the
//! batch goes on.
//!
//! ```text
//! cargo run --example batch -- samples/cvs/*.pdf
//! ```
//!
//! The roles are the samples built into the library; set `CVMATCH_INDEX` to an
//! index directory built by `cvmatch index` to use your own.

use std::process::ExitCode;

use cvmatch::{Engine, EngineOptions};

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: batch CV...");
        return ExitCode::from(2);
    }
    let options = EngineOptions::default().with_top(1);
    let engine = match std::env::var_os("CVMATCH_INDEX") {
        Some(dir) => Engine::open(dir, options),
        None => Engine::samples(options),
    };
    let engine = match engine {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0;
    // CVs are read in parallel, and the items come back in input order, one
    // per path: `result` holds the matches or that CV's error.
    let batch = match engine.batch(paths) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for item in batch {
        match item.result {
            Ok(found) => match found.matches.first() {
                Some(m) => println!("{:5.1}  {}  {}", m.score, m.role_id, found.cv),
                None => println!("    -  (no role)  {}", found.cv),
            },
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
