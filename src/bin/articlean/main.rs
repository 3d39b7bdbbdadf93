//! `articlean`: cleans files and folders of articles and posts from the command line.
//!
//! ```text
//! articlean clean FILE                      # the clean file on stdout
//! articlean clean DIR… --dry-run            # unified diffs of what would change
//! articlean clean DIR… --check              # exit 1 when anything would change (CI)
//! articlean clean DIR… --in-place [--backup]
//! articlean clean DIR… --out OUT_DIR        # mirror the layout under OUT_DIR
//! ```
//!
//! Exit codes: 0 done (nothing to change for `--check`), 1 `--check` found files to change,
//! 2 some files failed (unreadable, not UTF-8, not writable; the others were processed),
//! 3 bad command line or configuration (nothing was done).

mod config;
mod files;
mod run;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: `--check` found files that would change.
const EXIT_CHANGES: u8 = 1;
/// Exit code: some files failed; the others were processed.
const EXIT_FAILED: u8 = 2;
/// Exit code: bad command line or configuration.
const EXIT_USAGE: u8 = 3;

/// Turns scraped article HTML and posts (Markdown or HTML with front matter) into clean, safe
/// HTML.
///
/// Exit codes: 0 done, 1 --check found changes, 2 some files failed (the rest were
/// processed), 3 bad command line or configuration.
#[derive(Debug, Parser)]
#[command(name = "articlean", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Cleans files, and folders recursively (.md .markdown .html .htm).
    Clean(CleanArgs),
}

#[derive(Debug, Args)]
struct CleanArgs {
    /// Files or folders. One file without --in-place/--out/--check/--dry-run is printed to
    /// stdout.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Replaces each changed file (through a temporary file renamed over it).
    #[arg(short = 'i', long, conflicts_with = "out")]
    in_place: bool,
    /// With --in-place: keeps the original of each changed file as FILE.orig.
    #[arg(long, requires = "in_place")]
    backup: bool,
    /// Writes every clean file under DIR, at its path relative to the folder given.
    #[arg(short, long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Writes nothing; prints a unified diff of each file that would change.
    #[arg(long, conflicts_with_all = ["in_place", "out"])]
    dry_run: bool,
    /// Writes nothing; exits with 1 when any file would change.
    #[arg(long, conflicts_with_all = ["in_place", "out"])]
    check: bool,
    /// Files cleaned at once (default: one per core).
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// The cleaning policy, a TOML file (base_url, image_proxy, rules_off…).
    #[arg(short, long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Prints only failures on stderr, no summary.
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Clean(args) => clean(args),
    }
}

fn clean(args: CleanArgs) -> ExitCode {
    let cleaner = match config::Config::load(args.config.as_deref()).and_then(|c| {
        c.cleaner().map_err(|e| match &args.config {
            Some(path) => format!("{}: {e}", path.display()),
            None => e.to_string(),
        })
    }) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("articlean: configuration error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (jobs, mut failures) = files::discover(&args.paths);
    let single_file = args.paths.len() == 1 && jobs.len() == 1 && !args.paths[0].is_dir();
    let output = if args.dry_run || args.check {
        run::Output::Nothing { diff: args.dry_run }
    } else if args.in_place {
        run::Output::InPlace {
            backup: args.backup,
        }
    } else if let Some(dir) = &args.out {
        run::Output::Out(dir.clone())
    } else if single_file || (jobs.is_empty() && args.paths.len() == 1) {
        run::Output::Stdout
    } else {
        eprintln!(
            "articlean: several files: give --in-place, --out DIR, --dry-run or --check \
             (stdout takes one file)"
        );
        return ExitCode::from(EXIT_USAGE);
    };
    let threads = args
        .jobs
        .map(NonZeroUsize::get)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get));
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("articlean: cannot start {threads} threads: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let progress = if std::io::stderr().is_terminal() && !args.quiet && jobs.len() >= 200 {
        let bar = ProgressBar::new(jobs.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed} (eta {eta})")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let outcomes: Vec<run::Outcome> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let o = run::process(&cleaner, job, &output);
                progress.inc(1);
                o
            })
            .collect()
    });
    progress.finish_and_clear();

    let mut summary = run::Summary::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for o in &outcomes {
        summary.add(o);
        if let Some(text) = &o.text {
            let _ = out.write_all(text.as_bytes());
        }
        if args.check && o.changed && o.error.is_none() && !args.dry_run {
            let _ = writeln!(out, "would change: {}", o.path.display());
        }
    }
    let _ = out.flush();
    summary.failures.append(&mut failures);
    let verb = if args.check || args.dry_run {
        "would change"
    } else {
        "changed"
    };
    if args.quiet {
        for (path, why) in &summary.failures {
            eprintln!("failed: {}: {why}", path.display());
        }
    } else if matches!(output, run::Output::Stdout) && summary.failures.is_empty() {
        eprintln!("{}", summary.report);
    } else {
        eprint!("{}", summary.table(verb));
    }
    if !summary.failures.is_empty() {
        ExitCode::from(EXIT_FAILED)
    } else if args.check && summary.changed > 0 {
        ExitCode::from(EXIT_CHANGES)
    } else {
        ExitCode::SUCCESS
    }
}
