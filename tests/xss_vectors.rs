//! The shared XSS vectors (DOMPurify, bluemonday, ammonia) through the default policy and a
//! widened one: every output must satisfy the safety properties of `common::safety`
//! (no script, no `on*`, no dangerous URL, idempotent, parses back to itself). Byte equality
//! with those libraries' outputs is not the goal: their policies differ from ours.

mod common;

use articlean::Cleaner;
use common::safety;
use serde_json::Value;
use std::fs;

/// `(source, payloads)` from `../shared/xss`.
fn vectors() -> Option<Vec<(&'static str, Vec<String>)>> {
    let dir = common::shared_dir("xss_vectors")?.join("xss");
    let load = |file: &str, key: &str| -> Vec<String> {
        let text = fs::read_to_string(dir.join(file))
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
    };
    Some(vec![
        ("DOMPurify", load("dompurify-expect.json", "payload")),
        ("bluemonday", load("bluemonday-cases.json", "in")),
        ("ammonia", load("ammonia-cases.json", "in")),
    ])
}

fn run(policy: &str, cleaner: &Cleaner) {
    let Some(sources) = vectors() else { return };
    let mut total = 0;
    let mut failures = Vec::new();
    for (source, payloads) in &sources {
        let mut violations = 0;
        for (i, payload) in payloads.iter().enumerate() {
            let output = cleaner.clean(payload).into_html();
            let again = cleaner.clean(&output).into_html();
            let found = safety::check(&output, &again);
            if !found.is_empty() {
                violations += 1;
                failures.push(format!(
                    "{source} #{i}: {payload:?}\n  output: {output:?}\n  {}",
                    found.join("\n  ")
                ));
            }
        }
        eprintln!(
            "[{policy}] {source}: {} vectors, {violations} violations",
            payloads.len()
        );
        total += payloads.len();
    }
    eprintln!("[{policy}] {total} vectors, {} violations", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn default_policy_is_safe_on_every_vector() {
    run("default", &Cleaner::default());
}

#[test]
fn widened_policy_is_safe_on_every_vector() {
    let cleaner = Cleaner::builder()
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
        .expect("valid settings");
    run("widened", &cleaner);
}

/// The checker itself must catch what it is there to catch.
#[test]
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
