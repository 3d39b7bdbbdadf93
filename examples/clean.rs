//! Cleans an article and prints the result.
//!
//! ```text
//! cargo run --release --example clean -- FILE    # .md post, .html fragment/document, or - for stdin
//! cargo run --release --example clean            # every file in examples/articles/, one line each
//! ```
//!
//! With a file, the clean HTML goes to stdout and the report to stderr.

use articlean::{Cleaned, Cleaner};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `--help` prints.
const USAGE: &str = "\
Cleans an article and prints the result.

Usage:
  cargo run --release --example clean -- FILE   a .md/.markdown post, or an .html fragment or
                                                document; - reads stdin (a post when it starts
                                                with front matter)
  cargo run --release --example clean           every file in examples/articles/, one line each

The clean HTML goes to stdout, the report of what changed to stderr.
Options:
  -h, --help  prints this
";

fn main() -> ExitCode {
    let cleaner = Cleaner::default();
    match std::env::args_os().nth(1) {
        Some(arg) if arg == "-h" || arg == "--help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(arg) if arg == "-" => {
            let mut input = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut input) {
                eprintln!("error: cannot read stdin: {e}");
                return ExitCode::FAILURE;
            }
            let out = clean_text(&cleaner, &input, None);
            print!("{}", out.html());
            eprintln!("{}", out.report());
            ExitCode::SUCCESS
        }
        Some(arg) => {
            let path = PathBuf::from(arg);
            match std::fs::read_to_string(&path) {
                Ok(input) => {
                    let out = clean_text(&cleaner, &input, Some(&path));
                    print!("{}", out.html());
                    eprintln!("{}", out.report());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", path.display());
                    ExitCode::FAILURE
                }
            }
        }
        None => clean_samples(&cleaner),
    }
}

/// A `.md`/`.markdown` file is a post (front matter + body); anything else is HTML.
/// Stdin is a post when it starts with a front-matter fence.
fn clean_text(cleaner: &Cleaner, input: &str, path: Option<&Path>) -> Cleaned {
    let is_post = match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some(ext) => matches!(ext.to_ascii_lowercase().as_str(), "md" | "markdown"),
        None => articlean::Post::split(input).has_front_matter(),
    };
    if is_post {
        cleaner.clean_post(input)
    } else {
        cleaner.clean(input)
    }
}

fn clean_samples(cleaner: &Cleaner) -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| matches!(e, "html" | "htm" | "md" | "markdown"))
                    && p.file_name().is_some_and(|n| n != "README.md")
            })
            .collect(),
        Err(e) => {
            eprintln!("error: cannot list {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    paths.sort();
    let mut failed = false;
    println!(
        "{:<28} {:>9} {:>9}  changes",
        "file", "bytes in", "bytes out"
    );
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read_to_string(&path) {
            Ok(input) => {
                let out = clean_text(cleaner, &input, Some(&path));
                println!(
                    "{name:<28} {:>9} {:>9}  {}",
                    input.len(),
                    out.html().len(),
                    out.report()
                );
            }
            Err(e) => {
                println!("{name:<28} error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
