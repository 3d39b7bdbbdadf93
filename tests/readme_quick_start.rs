//! The README's quick start: the report its comment shows is the report the code prints.

use articlean::Cleaner;

const README: &str = include_str!("../README.md");

/// The Rust block of the "Quick start" section.
fn quick_start() -> &'static str {
    let section = &README[README
        .find("## Quick start")
        .expect("a Quick start section")..];
    let start = section.find("```rust\n").expect("a Rust block") + "```rust\n".len();
    &section[start..start + section[start..].find("```").expect("the block ends")]
}

/// The `r#"…"#` strings of the `concat!(…)` call, joined.
fn input(code: &str) -> String {
    let call = &code[code.find("concat!(").expect("concat!")..];
    let call = &call[..call.find("))").expect("concat! ends")];
    call.split("r#\"")
        .skip(1)
        .map(|s| &s[..s.find("\"#").expect("raw string ends")])
        .collect()
}

#[test]
fn report_comment_matches_the_real_report() {
    let code = quick_start();
    let base = code
        .split(".with_base_url(\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("with_base_url");
    let cleaner = Cleaner::builder().with_base_url(base).build().unwrap();
    let out = cleaner.clean(&input(code));
    let comment = code
        .lines()
        .find(|l| l.contains("out.report()"))
        .and_then(|l| l.split("// ").nth(1))
        .expect("the report comment");
    // The comment shows the report up to `…`.
    let shown = comment.trim_end_matches('…');
    let real = out.report().to_string();
    assert!(
        real.starts_with(shown),
        "README says `{comment}`, the report is `{real}`"
    );
    // And the html the README asserts.
    let html = code
        .split("out.html(),\n    r#\"")
        .nth(1)
        .and_then(|s| s.split("\"#").next())
        .expect("the asserted html");
    assert_eq!(out.html(), html);
}
