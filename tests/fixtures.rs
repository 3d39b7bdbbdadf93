//! Data-driven fixtures: `tests/fixtures/<suite>/<case>/{input.html, expected.html}`.
//!
//! Every case is its own named test (`cargo test --test fixtures -- lazy_images::`), and each
//! also checks idempotence: cleaning `expected.html` changes nothing.
//!
//! A case may hold `options.toml`: an [`articlean::Config`] in TOML, as the command-line
//! tool's `articlean.toml` (every key is documented on `Config`; an unknown key fails the
//! case with the list of valid ones), read by `Config::from_toml_str` and built with
//! `CleanerBuilder::from_config`, plus one key of the harness's own: `mode` (`"fragment"`,
//! `"document"`, `"post"`; default: detected). Without the `config` feature (TOML), the cases
//! with options are ignored.
//!
//! `BLESS=1 cargo test --test fixtures` rewrites `expected.html` from the current output (review
//! the diff before committing).

use articlean::Cleaner;
#[cfg(feature = "config")]
use articlean::{CleanerBuilder, Config};
use libtest_mimic::{Arguments, Failed, Trial};
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut trials = Vec::new();
    for suite in sorted_dirs(&root) {
        let suite_name = file_name(&suite);
        for case in sorted_dirs(&suite) {
            let name = format!("{suite_name}::{}", file_name(&case));
            // Options are TOML, read with the `config` feature; a `mode = post` case cleans a
            // post, with the `posts` feature. Without them such a case is reported as
            // ignored, with the reason.
            let needs = if !cfg!(feature = "config") && case.join("options.toml").exists() {
                Some("needs the `config` feature (its options.toml)")
            } else if !cfg!(feature = "posts") && matches!(configure(&case), Ok((_, Mode::Post))) {
                Some("needs the `posts` feature")
            } else {
                None
            };
            match needs {
                Some(reason) => trials.push(Trial::ignorable_test(name, move || {
                    Ok(libtest_mimic::Completion::ignored_with(reason))
                })),
                None => trials.push(Trial::test(name, move || run_case(&case))),
            }
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "config"), allow(dead_code))] // set by options.toml only
enum Mode {
    Auto,
    Fragment,
    Document,
    Post,
}

fn configure(case: &Path) -> Result<(Cleaner, Mode), Failed> {
    let Ok(text) = fs::read_to_string(case.join("options.toml")) else {
        return Ok((Cleaner::default(), Mode::Auto));
    };
    configure_from(&text)
}

/// The harness's `mode` key is taken out; the rest is the one `Config`.
#[cfg(feature = "config")]
fn configure_from(text: &str) -> Result<(Cleaner, Mode), Failed> {
    let mut table: toml::Table = toml::from_str(text).map_err(|e| format!("options.toml: {e}"))?;
    let mode = match table.remove("mode") {
        None => Mode::Auto,
        Some(m) => match m.as_str() {
            Some("fragment") => Mode::Fragment,
            Some("document") => Mode::Document,
            Some("post") => Mode::Post,
            _ => return Err(format!("options.toml: unknown mode {m}").into()),
        },
    };
    let config = toml::to_string(&table)
        .map_err(|e| e.to_string())
        .and_then(|t| Config::from_toml_str(&t).map_err(|e| e.to_string()))
        .map_err(|e| format!("options.toml: {e}"))?;
    let cleaner = CleanerBuilder::from_config(&config)
        .build()
        .map_err(|e| format!("options.toml: {e}"))?;
    Ok((cleaner, mode))
}

#[cfg(not(feature = "config"))]
fn configure_from(_: &str) -> Result<(Cleaner, Mode), Failed> {
    unreachable!("cases with options.toml are ignored without the config feature")
}

fn clean(cleaner: &Cleaner, mode: Mode, input: &str) -> String {
    match mode {
        Mode::Auto => cleaner.clean(input),
        Mode::Fragment => cleaner.clean_fragment(input),
        Mode::Document => cleaner.clean_document(input),
        #[cfg(feature = "posts")]
        Mode::Post => cleaner.clean_post(input),
        #[cfg(not(feature = "posts"))]
        Mode::Post => unreachable!("post cases are ignored without the posts feature"),
    }
    .into_html()
}

fn run_case(case: &Path) -> Result<(), Failed> {
    // Only these files make a case: anything else (a leftover `options.txt`, the format
    // before `Config`) would be silently ignored.
    for entry in fs::read_dir(case).map_err(|e| format!("cannot read the case: {e}"))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let known = ["input.html", "expected.html", "options.toml"];
        if !known.iter().any(|k| name == *k) {
            return Err(format!("{name:?} is not one of {known:?}").into());
        }
    }
    let (cleaner, mode) = configure(case)?;
    let input = fs::read_to_string(case.join("input.html"))
        .map_err(|e| format!("cannot read input.html: {e}"))?;
    let actual = clean(&cleaner, mode, &input);
    let expected_path = case.join("expected.html");
    if std::env::var_os("BLESS").is_some() {
        fs::write(&expected_path, format!("{}\n", actual.trim_end()))
            .map_err(|e| format!("cannot write expected.html: {e}"))?;
    }
    let expected = fs::read_to_string(&expected_path)
        .map_err(|e| format!("cannot read expected.html: {e}"))?;
    if actual.trim_end() != expected.trim_end() {
        return Err(format!(
            "output differs\n--- expected\n{}\n--- actual\n{}\n",
            expected.trim_end(),
            actual.trim_end()
        )
        .into());
    }
    // Trailing white space is the file's, not the cleaner's (in a document it would move
    // into <body> on re-parse).
    let again = clean(&cleaner, mode, expected.trim_end());
    if again.trim_end() != expected.trim_end() {
        return Err(format!(
            "not idempotent: cleaning expected.html changes it\n--- expected\n{}\n--- cleaned again\n{}\n",
            expected.trim_end(),
            again.trim_end()
        )
        .into());
    }
    Ok(())
}
