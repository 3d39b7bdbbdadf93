//! Helpers shared by the integration tests.
#![allow(dead_code)]

#[cfg(feature = "posts")]
pub mod markdown;
pub mod props;
pub mod safety;

use libtest_mimic::{Arguments, Completion, Trial};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Whether two cleanings of one input, with and without the parse-time filter, give the same
/// counts for every rule but the sanitizer: an attribute cut before parsing counts once per
/// start tag, where the sanitizer counts it on each element that reaches it
/// (tests/parse_filter/main.rs).
pub fn same_report(filtered: &articlean::Cleaned, plain: &articlean::Cleaned) -> bool {
    let (a, b) = (filtered.report(), plain.report());
    let names = |r: &articlean::Report| r.iter().map(|(n, _)| n).collect::<Vec<_>>();
    names(a) == names(b)
        && a.iter()
            .zip(b.iter())
            .all(|((name, x), (_, y))| x == y || name == "sanitize")
}

/// The shared data folder (`$ARTICLEAN_SHARED`, or `../shared` beside the crate), or why it
/// cannot be used.
pub fn shared_dir() -> Result<PathBuf, String> {
    let candidate = match std::env::var_os("ARTICLEAN_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    if candidate.is_dir() {
        Ok(candidate)
    } else {
        Err(format!(
            "needs the shared data: no folder {}; set ARTICLEAN_SHARED",
            candidate.display()
        ))
    }
}

/// Whether a missing shared folder is an error (`ARTICLEAN_REQUIRE_SHARED=1`, as in `.ci/run`).
pub fn shared_required() -> bool {
    std::env::var_os("ARTICLEAN_REQUIRE_SHARED").is_some_and(|v| v == "1")
}

/// A test that reads the shared data: `body` gets the folder and panics on failure. Without
/// the folder the test is reported as ignored, with the reason, so that a run without the data
/// says what it did not test; with `ARTICLEAN_REQUIRE_SHARED=1` it fails instead.
pub fn needs_shared(name: impl Into<String>, body: impl FnOnce(&Path) + Send + 'static) -> Trial {
    Trial::ignorable_test(name, move || match shared_dir() {
        Ok(dir) => {
            body(&dir);
            Ok(Completion::Completed)
        }
        Err(why) if shared_required() => {
            Err(format!("ARTICLEAN_REQUIRE_SHARED=1, but this test {why}").into())
        }
        Err(why) => Ok(Completion::ignored_with(why)),
    })
}

/// A test that needs a feature this build does not have: reported as ignored, with the reason.
pub fn needs_feature(name: impl Into<String>, feature: &str) -> Trial {
    let why = format!("needs the `{feature}` feature");
    Trial::ignorable_test(name, move || Ok(Completion::ignored_with(why)))
}

/// A test that needs nothing but the crate: `body` panics on failure.
pub fn test(name: impl Into<String>, body: impl FnOnce() + Send + 'static) -> Trial {
    Trial::test(name, move || {
        body();
        Ok(())
    })
}

static VERBOSE: OnceLock<bool> = OnceLock::new();

/// Runs `trials` as `cargo test` runs tests (filters, `--list`, `--ignored`…) and exits.
pub fn run(trials: Vec<Trial>) -> ! {
    let args = Arguments::from_args();
    VERBOSE.get_or_init(|| args.nocapture);
    libtest_mimic::run(&args, trials).exit()
}

/// Whether the run was asked for `--nocapture`: a test under [`run`] prints its figures only
/// then (the harness does not capture output).
pub fn verbose() -> bool {
    VERBOSE.get().copied().unwrap_or(false)
}

/// The text of some HTML: tags removed, the few entities the tests meet decoded, white space
/// collapsed. Independent of the crate under test.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Values of `attr="…"` in `html`, in order (double-quoted only).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

/// Runs `f` on a thread with a 256 KiB stack: anything recursive over the tree overflows it.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the cleaner overflowed a 256 KiB stack")
}
