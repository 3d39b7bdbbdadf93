//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod markdown;
pub mod safety;

use std::path::PathBuf;

/// The shared data folder: `$ARTICLEAN_SHARED`, or `../shared` beside the crate. `None` (after
/// printing why the caller skips) when it is absent; a panic instead when
/// `ARTICLEAN_REQUIRE_SHARED=1` (as in `.ci/run`), so that CI never passes without the data.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let candidate = match std::env::var_os("ARTICLEAN_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    if candidate.is_dir() {
        Some(candidate)
    } else if std::env::var_os("ARTICLEAN_REQUIRE_SHARED").is_some_and(|v| v == "1") {
        panic!(
            "{test}: shared data not found at {} and ARTICLEAN_REQUIRE_SHARED=1 \
             (CI needs ../shared beside the crate, or ARTICLEAN_SHARED)",
            candidate.display()
        );
    } else {
        eprintln!(
            "skipped {test}: shared data not found at {} (set ARTICLEAN_SHARED)",
            candidate.display()
        );
        None
    }
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
