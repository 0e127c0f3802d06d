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
                let msg = cvmatch::report::printable(&e.to_string()).into_owned();
                let _ = writeln!(std::io::stderr(), "cvmatch: error: {msg}");
                return ExitCode::from(2);
            }
            s
        }
        Err(e) => {
            let msg = cvmatch::report::printable(&e.to_string()).into_owned();
            let _ = writeln!(std::io::stderr(), "cvmatch: error: {msg}");
            return ExitCode::from(2);
        }
    };
    let quiet = args.quiet;
    let job = match args.command.into_job(settings, args.samples, quiet) {
        Ok(j) => j,
        Err(e) => {
            let msg = cvmatch::report::printable(&e.to_string()).into_owned();
            let _ = writeln!(std::io::stderr(), "cvmatch: error: {msg}");
            return ExitCode::from(2);
        }
    };
    match run(job, quiet) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped reading (`cvmatch batch … | head`) is not an
        // error, as in ripgrep.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            // File names in messages come from strangers: no control characters.
            let msg = cvmatch::report::printable(&e.to_string()).into_owned();
            let _ = writeln!(err, "cvmatch: error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(job: cli::Job, quiet: bool) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Notes, warnings and progress; fatal errors are printed by `main` anyway.
    let mut err: Box<dyn Write> = if quiet {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::stderr())
    };
    let err = &mut *err;
    let outcome = match job {
        cli::Job::Index(c) => app::run_index(&c, &mut out, err).map(|_| app::Outcome::Success)?,
        cli::Job::Match(c) => app::run_match(&c, &mut out, err)?,
        cli::Job::Batch(c) => app::run_batch(&c, &mut out, err)?,
        cli::Job::Extract(c) => app::run_extract(&c, &mut out, err)?,
        cli::Job::Roles(c) => app::run_roles(&c, &mut out, err)?,
        cli::Job::Parse(c) => app::run_parse(&c, &mut out, err)?,
        cli::Job::Eval(c) => app::run_eval(&c, &mut out, err)?,
        cli::Job::Cache(c) => app::run_cache(&c, &mut out)?,
        cli::Job::Completions(shell) => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut cli::Cli::command(), "cvmatch", &mut out);
            app::Outcome::Success
        }
        cli::Job::Man => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(cli::Cli::command()).render(&mut out) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(anyhow::anyhow!("cannot write the man page: {e}")),
            }
            app::Outcome::Success
        }
    };
    match out.flush() {
        Ok(()) => {}
        // A closed pipe (`cvmatch batch … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(anyhow::anyhow!("cannot write to stdout: {e}")),
    }
    Ok(outcome.exit_code() as u8)
}
