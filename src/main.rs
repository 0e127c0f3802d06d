//! The `cvmatch` binary: parse the command line, run the command, map the outcome
//! to an exit code (0 all good, 1 some CVs failed, 2 usage or fatal error).

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cvmatch::app;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let settings = match cvmatch::config::Settings::load(args.config.as_deref()) {
        Ok(mut s) => {
            s.imports = cvmatch::config::Imports {
                skills: args.taxonomy.clone(),
                occupations: args.occupations.clone(),
            };
            // Every command refuses a taxonomy file it cannot read, even one
            // that never loads the knowledge.
            if let Err(e) = s.imports.check() {
                let _ = writeln!(std::io::stderr(), "cvmatch: error: {e}");
                return ExitCode::from(2);
            }
            s
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "cvmatch: error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(args.command.into_job(settings, args.samples)) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "cvmatch: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(job: cli::Job) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let outcome = match job {
        cli::Job::Index(c) => {
            app::run_index(&c, &mut out, &mut err).map(|_| app::Outcome::Success)?
        }
        cli::Job::Match(c) => app::run_match(&c, &mut out, &mut err)?,
        cli::Job::Batch(c) => app::run_batch(&c, &mut out, &mut err)?,
        cli::Job::Extract(c) => app::run_extract(&c, &mut out, &mut err)?,
        cli::Job::Roles(c) => app::run_roles(&c, &mut out, &mut err)?,
        cli::Job::Parse(c) => app::run_parse(&c, &mut out, &mut err)?,
        cli::Job::Eval(c) => app::run_eval(&c, &mut out, &mut err)?,
    };
    match out.flush() {
        Ok(()) => {}
        // A closed pipe (`cvmatch batch … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(anyhow::anyhow!("cannot write to stdout: {e}")),
    }
    Ok(outcome.exit_code() as u8)
}
