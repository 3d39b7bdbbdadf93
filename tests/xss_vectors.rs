//! The shared XSS vectors (DOMPurify, bluemonday, ammonia) through the default policy and a
//! widened one: every output must satisfy the safety properties of `common::safety`
//! (no script, no `on*`, no dangerous URL, idempotent, parses back to itself). Byte equality
//! with those libraries' outputs is not the goal: their policies differ from ours.

mod common;

use articlean::Cleaner;
use common::safety;
use serde_json::Value;
use std::fs;

use std::path::Path;

/// The vector sets of `../shared/xss`: (name, file, the key of a case's payload).
const SOURCES: [(&str, &str, &str); 3] = [
    ("DOMPurify", "dompurify-expect.json", "payload"),
    ("bluemonday", "bluemonday-cases.json", "in"),
    ("ammonia", "ammonia-cases.json", "in"),
];

/// One test per policy and vector set (`default_policy_is_safe_on_every_vector::DOMPurify`…).
fn main() {
    let mut trials = vec![common::test(
        "checker_catches_known_bad_outputs",
        checker_catches_known_bad_outputs,
    )];
    type MakeCleaner = fn() -> Cleaner;
    let policies: [(&str, &str, MakeCleaner); 2] = [
        (
            "default",
            "default_policy_is_safe_on_every_vector",
            Cleaner::default,
        ),
        ("widened", "widened_policy_is_safe_on_every_vector", widened),
    ];
    for (policy, test, cleaner) in policies {
        for (source, file, key) in SOURCES {
            trials.push(common::needs_shared(
                format!("{test}::{source}"),
                move |shared| run(policy, &cleaner(), source, &payloads(shared, file, key)),
            ));
        }
    }
    common::run(trials)
}

/// The payloads of one vector set.
fn payloads(shared: &Path, file: &str, key: &str) -> Vec<String> {
    let text = fs::read_to_string(shared.join("xss").join(file))
        .unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
    json.as_array()
        .unwrap_or_else(|| panic!("{file} is not a list"))
        .iter()
        .map(|case| {
            case[key]
                .as_str()
                .unwrap_or_else(|| panic!("{file}: a case without {key:?}"))
                .to_string()
        })
        .collect()
}

fn run(policy: &str, cleaner: &Cleaner, source: &str, payloads: &[String]) {
    assert!(!payloads.is_empty(), "{source}: no vectors");
    let mut failures = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        let output = cleaner.clean(payload).into_html();
        let again = cleaner.clean(&output).into_html();
        let found = safety::check(&output, &again);
        if !found.is_empty() {
            failures.push(format!(
                "{source} #{i}: {payload:?}\n  output: {output:?}\n  {}",
                found.join("\n  ")
            ));
        }
    }
    if common::verbose() {
        eprintln!(
            "[{policy}] {source}: {} vectors, {} violations",
            payloads.len(),
            failures.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A widened policy: embeds, classes, ids, old presentational tags and attributes, more schemes.
fn widened() -> Cleaner {
    Cleaner::builder()
        .with_embeds(true)
        .with_classes_kept(true)
        .with_ids_kept("user-content-")
        .with_links_in_new_tab(true)
        .with_tags_allowed(&[
            "font", "center", "marquee", "nobr", "big", "tt", "label", "rb", "rtc",
        ])
        .with_attributes_allowed("*", &["align", "color", "background", "data", "action"])
        .with_url_schemes_allowed(&["ftp", "magnet"])
        .with_base_url("https://example.com/a/")
        .build()
        .expect("valid settings")
}

/// The checker itself must catch what it is there to catch.
fn checker_catches_known_bad_outputs() {
    let bad = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVa&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:x\">x</a>",
        "<img srcset=\"a.png 1x, javascript:x 2x\">",
        "<a href=\"data:text/html,x\">x</a>",
        "<svg><a xlink:href=\"javascript:x\">x</a></svg>",
        "<p><div>x</div></p>",
        "<a href=\"/\"><div><a href=\"/\">x</a></div></a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    ];
    for output in bad {
        assert!(
            !safety::check(output, output).is_empty(),
            "not caught: {output}"
        );
    }
    assert!(!safety::check("<p>a</p>", "<p>b</p>").is_empty());
    for good in [
        "<p>a &amp; b</p>",
        "<img src=\"data:image/png;base64,AA\">",
        "<a href=\"https://example.com/\" rel=\"noopener noreferrer\">x</a>",
    ] {
        assert_eq!(safety::check(good, good), Vec::<String>::new(), "{good}");
    }
}
