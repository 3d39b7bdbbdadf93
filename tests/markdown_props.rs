//! Property test of the Markdown post path (issue #11): generated posts mixing text,
//! emphasis, code spans, `$`, lists, quotes, headings, tables, links, images, definitions and
//! raw HTML from a vector alphabet (the shapes of the issue, and whole payloads of the shared
//! XSS suites, read at run time from `../shared/xss`), with and without front matter.
//! For each, under the default policy and a widened one: every rendering of the cleaned body (pulldown-cmark, raw HTML passed through,
//! three settings) is safe per `common::safety`, and cleaning again changes nothing.
//!
//! Deterministic (fixed seed); `PROPTEST_CASES` sets the number of cases (384 by default),
//! `PROPTEST_RNG_SEED` another seed (`common::props`). Two tests: the built-in alphabet alone, and with the
//! shared payloads added; the second needs `../shared` (without it, it is reported as ignored,
//! with the reason: `common::needs_shared`).

mod common;

use articlean::Cleaner;
use common::markdown::problems;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng};
use serde_json::Value;

/// Pieces of raw HTML and Markdown that the issue's vectors are made of.
const HTML: &[&str] = &[
    "<svg onload=alert(1)>",
    "<svg>",
    "</svg>",
    "<math><mtext>",
    "<select autofocus onfocus=alert(1)>",
    "<image src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<img src=x a'b onerror=alert(1)>",
    "<img src=x'y onerror=alert(1)>",
    "<img src=x <x onerror=alert(1)>",
    "<img src=\"https://e.example/a.png\">",
    "<iframe src=javascript:alert(1)>",
    "<object data=x>",
    "<form action=javascript:alert(1)>",
    "<details open title=\"a&#10;&#10;\">",
    "<b title=\" ontoggle=alert(1) \" lang=\"x\">",
    "<b title=\"&#10;```&#10;\">",
    "<p title=\"a&#10;&#10;[x](javascript:alert(1))\">",
    "</details>",
    "<div align=center>",
    "<div>",
    "</div>",
    "<p x=<style>>",
    "</)<title>",
    "<title>",
    "</title>",
    "<style>",
    "</style>",
    "<script>alert(1)</script>",
    "<textarea>",
    "<xmp>",
    "<noscript>",
    "<a href=javascript:alert(1)>",
    "<a href=\"https://e.example/\">",
    "</a>",
    "<span onclick=alert(1)>",
    "</span>",
    "<b>",
    "</b>",
    "<br>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<pre>",
    "</pre>",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!--->",
    "<!-- more -->",
    "<?x ?>",
    "<?",
    "?>",
    "<![CDATA[",
    "]]>",
    "<!x>",
    "<!DOCTYPE x>",
    " onerror=alert(1)",
    " title='",
    "'",
    "\"",
    ">",
    "<",
    "/",
    "=",
    "&#10;",
    "&#13;",
    "&lt;",
    "&",
];

/// Markdown pieces (inline).
const MARKDOWN: &[&str] = &[
    // Attribute lists (pulldown-cmark's heading attributes, kramdown, markdown-it-attrs) and
    // wikilinks, in any position: `attr_lists` must make them text where a renderer would
    // write a refused attribute or URL.
    "{onclick=alert(1)}",
    "{#config}",
    "{.c title=\"x onclick=alert(1) y\"}",
    "{: onmouseover=alert(1)}",
    "{",
    "}",
    "[[javascript:alert(1)|x]]",
    "![[javascript:alert(1)]]",
    "[[",
    "\r",
    "text",
    " ",
    "*",
    "**",
    "_",
    "`",
    "`code <b>`",
    "``",
    "$",
    "$$",
    "[",
    "]",
    "(",
    ")",
    "](",
    "[x](javascript:alert(1))",
    "[x](https://e.example/ \"t\")",
    "[x][r]",
    "[r]",
    "![i](javascript:alert(1))",
    "![i](data:text/html,x)",
    "![i](https://cors.example.workers.dev/?http://img.example.com/a.jpg)",
    "<javascript:alert(1)>",
    "<https://e.example/>",
    "\\",
    "|",
    "\n",
    "\n\n",
    "  \n",
    "é中",
    "~~",
    "[^1]",
    "\n[^1]: ",
    "\n    ",
    "\n> ",
    "\n- ",
    "\n```\n",
    "\n~~~\n",
    "&#58;",
    "&#x3C;",
    "javascript:alert(1)",
    "<a href=\"",
    "\">",
    // Relative destinations, which a base URL resolves (the widened and based policies):
    // the resolved URL must not change the Markdown around it.
    "[x](rel/a.html)",
    "[x](<rel a>)",
    "[x](<a)b>)",
    "[x](a\\)b)",
    "[x](../up \"t\")",
    "[x](?q=1)",
    "[x](//h.example/p)",
    "[x](/\\evil.example)",
    "[x](a&amp;b)",
    "[x](%2e%2e/x)",
    "![i](pic.png)",
    "![i](<p q.png> 't')",
    "[x][rel]",
    "![i][rel]",
    "\n[rel]: rel/def.png",
    "\n[rel]: <rel def>",
    "`[x](rel/in-code)`",
];

/// Line prefixes that make blocks.
const PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "- ",
    "1. ",
    "> ",
    "# ",
    "    ",
    "  ",
    "| ",
    "- > ",
    "```\n",
    "[r]: ",
    ">> ",
    "- - ",
    "  - ",
    "1) ",
    "[^1]: ",
    "Title\n===\n",
    "- [ ] ",
    "<div>\n",
    "</div>\n",
];

fn main() {
    common::run(vec![
        common::test(
            "rendered_clean_posts_are_safe_and_cleaning_is_idempotent",
            || rendered_clean_posts_are_safe_and_cleaning_is_idempotent(Vec::new()),
        ),
        common::needs_shared(
            "rendered_clean_posts_are_safe_and_cleaning_is_idempotent_with_the_shared_payloads",
            |dir| rendered_clean_posts_are_safe_and_cleaning_is_idempotent(shared_payloads(dir)),
        ),
    ])
}

fn shared_payloads(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for (file, key) in [
        ("dompurify-expect.json", "payload"),
        ("bluemonday-cases.json", "in"),
        ("ammonia-cases.json", "in"),
    ] {
        let path = dir.join("xss").join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Ok(Value::Array(cases)) = serde_json::from_str::<Value>(&text) else {
            panic!("{}: not a JSON list", path.display());
        };
        for case in cases {
            if let Some(p) = case[key].as_str() {
                // Short ones: a post mixes several.
                let cut: String = p.chars().take(160).collect();
                out.push(cut);
            }
        }
    }
    out
}

fn atom(payloads: Vec<String>) -> BoxedStrategy<String> {
    let html = proptest::sample::select(HTML).prop_map(str::to_string);
    let md = proptest::sample::select(MARKDOWN).prop_map(str::to_string);
    if payloads.is_empty() {
        prop_oneof![3 => html, 3 => md].boxed()
    } else {
        let shared = proptest::sample::select(payloads);
        prop_oneof![3 => html, 3 => md, 1 => shared].boxed()
    }
}

fn post(payloads: Vec<String>) -> impl Strategy<Value = String> {
    let line = (
        proptest::sample::select(PREFIXES),
        proptest::collection::vec(atom(payloads), 0..8),
    )
        .prop_map(|(prefix, atoms)| format!("{prefix}{}", atoms.concat()));
    (
        any::<bool>(),
        proptest::collection::vec(line, 1..8),
        proptest::sample::select(&["\n", "\n\n", "\n|---|---|\n"][..]),
    )
        .prop_map(|(front, lines, sep)| {
            let body = lines.join(sep);
            let front = if front { "---\ntitle: t\n---\n" } else { "" };
            format!("{front}{body}\n\n[r]: javascript:alert(2)\n")
        })
}

fn rendered_clean_posts_are_safe_and_cleaning_is_idempotent(payloads: Vec<String>) {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&0x6d61_726b_646f_776e_u64.to_le_bytes());
    let mut runner = common::props::runner(384, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let cases = runner.config().cases;
    let default = Cleaner::default();
    // A widened policy too: embeds, classes, ids, old presentational tags and attributes.
    let widened = Cleaner::builder()
        .with_embeds(true)
        .with_classes_kept(true)
        .with_ids_kept("user-content-")
        .with_links_in_new_tab(true)
        .with_tags_allowed(&["font", "center", "marquee", "label"])
        .with_attributes_allowed("*", &["align", "color", "background", "data", "action"])
        .with_url_schemes_allowed(&["ftp", "magnet"])
        .with_base_url("https://example.com/a/")
        .build()
        .expect("valid settings");
    // A base URL whose resolved URLs hold characters that mean something in Markdown.
    let based = Cleaner::builder()
        .with_base_url("https://ex.example/a(b)/c%20d/\u{e9}/x_y*z/[q]/?q=<1>#f")
        .build()
        .expect("valid settings");
    let alphabet = payloads.len();
    let result = runner.run(&post(payloads), |post| {
        for (policy, cleaner) in [
            ("default", &default),
            ("widened", &widened),
            ("based", &based),
        ] {
            let found = problems(cleaner, &post);
            prop_assert!(
                found.is_empty(),
                "[{policy}] {post:?}\n  {}",
                found.join("\n  ")
            );
        }
        Ok(())
    });
    if common::verbose() {
        eprintln!("{cases} generated posts ({alphabet} shared payloads in the alphabet)");
    }
    if let Err(e) = result {
        panic!("{e}");
    }
}
