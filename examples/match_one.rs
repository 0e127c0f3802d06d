//! Matches one CV against roles with the library's `Engine`, and prints the
//! best roles with their scores, essentials met and one line of evidence.
//!
//! ```text
//! cargo run --example match_one -- samples/cvs/amara-okafor.pdf
//! cargo run --example match_one -- path/to/cv.pdf path/to/index
//! ```
//!
//! With one argument the roles are the samples built into the library, so it
//! works on a fresh machine; a second argument names an index directory built
//! by `cvmatch index`.

use std::process::ExitCode;

use cvmatch::roles::Priority;
use cvmatch::{Engine, EngineOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cv) = args.first() else {
        eprintln!("usage: match_one CV [INDEX_DIR]");
        return ExitCode::from(2);
    };
    match run(cv, args.get(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Every library error names the file it concerns and the cause.
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cv: &str, index: Option<&String>) -> cvmatch::Result<()> {
    // The options are a plain struct: the best 3 roles, default weights and
    // limits (a time limit per CV included).
    let options = EngineOptions::default().with_top(3);
    // Opening loads the roles' index and the built-in knowledge once; reuse
    // the engine for every CV.
    let engine = match index {
        Some(dir) => Engine::open(dir, options)?,
        None => Engine::samples(options)?,
    };
    // The engine never prints: what it has to say comes back as values.
    for w in engine.warnings() {
        eprintln!("{w}");
    }

    let found = engine.match_path(cv)?;
    for w in &found.warnings {
        eprintln!("warning: {w}");
    }
    println!("{}", found.cv);
    for (rank, m) in found.matches.iter().enumerate() {
        println!(
            "{}. {:5.1}  {} ({})  essentials {}/{}",
            rank + 1,
            m.score,
            m.title,
            m.role_id,
            m.essentials_met,
            m.essentials_total
        );
        // Criteria come with the CV line that is their evidence: show the
        // best-evidenced essential (else any criterion with evidence).
        let best = m
            .criteria
            .iter()
            .filter(|c| c.evidence.is_some())
            .max_by_key(|c| (c.priority == Priority::Essential, c.score));
        if let Some(c) = best {
            println!(
                "     {} — \"{}\"",
                c.text,
                c.evidence.as_deref().unwrap_or_default()
            );
        }
    }
    Ok(())
}
