//! The parse-time filter's per-thread memo of its verdicts (kept across pages and across
//! Cleaners) changes no output: Cleaners of different policies, their `clean` calls
//! interleaved on one thread and across rayon threads, each give what the same policy gives
//! without the parse-time filter (no memo at all).

use articlean::{Cleaner, CleanerBuilder};
use proptest::prelude::*;
use rayon::prelude::*;

/// Policies that keep and drop different attributes on the same elements.
fn policies() -> Vec<CleanerBuilder> {
    vec![
        Cleaner::builder(),
        Cleaner::builder().allow_unsafe_output(),
        Cleaner::builder()
            .allow_unsafe_output()
            .with_attributes_allowed("div", &["data-x", "title"]),
        Cleaner::builder().with_attributes_allowed("div", &["data-x", "title"]),
        Cleaner::builder().with_attributes_allowed("*", &["data-x", "lang"]),
        Cleaner::builder().with_attributes_removed("img", &["alt", "title"]),
        Cleaner::builder().with_attributes_removed("a", &["href"]),
        Cleaner::builder().with_classes_kept(true),
        Cleaner::builder().with_classes_allowed(&["x", "lazy"]),
        Cleaner::builder().with_ids_kept("x-"),
        Cleaner::builder().with_only_rules(&["junk"]),
        Cleaner::builder()
            .allow_unsafe_output()
            .without_rule("sanitize"),
        Cleaner::builder().with_only_rules(&["lazy_images"]),
        Cleaner::builder().without_rule("lazy_images"),
        Cleaner::builder().with_embeds(true),
    ]
}

/// (with the filter, without it) for every policy.
fn cleaners() -> Vec<(Cleaner, Cleaner)> {
    policies()
        .into_iter()
        .map(|b| {
            (
                b.clone().build().unwrap(),
                b.with_parse_time_filter(false).build().unwrap(),
            )
        })
        .collect()
}

const ELEMENTS: &[&str] = &[
    "div", "DIV", "p", "img", "a", "span", "figure", "section", "x-y",
];
const ATTRS: &[&str] = &[
    "style",
    "STYLE",
    "onclick",
    "OnClick",
    "onerror",
    "data-x",
    "data-src",
    "data-y",
    "title",
    "lang",
    "class",
    "id",
    "href",
    "src",
    "alt",
    "srcset",
    "loading",
    "data-lazy-src",
    "aria-label",
    "a-very-long-attribute-name",
];
const VALUES: &[&str] = &[
    "x",
    "lazy x",
    "x-1",
    "color:red",
    "alert(1)",
    "javascript:alert(1)",
    "https://a.example/i.jpg",
    "/p.png 1x, /q.png 2x",
    "",
];

fn tag() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ELEMENTS),
        prop::collection::vec(
            (prop::sample::select(ATTRS), prop::sample::select(VALUES)),
            0..4,
        ),
    )
        .prop_map(|(el, attrs)| {
            let attrs: String = attrs.iter().map(|(a, v)| format!(" {a}=\"{v}\"")).collect();
            format!("<{el}{attrs}>text</{el}>")
        })
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(tag(), 1..8).prop_map(|t| format!("<article>{}</article>", t.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Pages cleaned by every policy in turn on one thread, then in parallel: each output
    /// equals the policy's output without the filter.
    #[test]
    fn interleaved_cleaners_clean_as_without_the_memo(pages in prop::collection::vec(page(), 1..6)) {
        let cleaners = cleaners();
        for html in &pages {
            for (filtered, plain) in &cleaners {
                prop_assert_eq!(filtered.clean(html).into_html(), plain.clean(html).into_html(), "{}", html);
            }
        }
        let jobs: Vec<(usize, usize)> = (0..pages.len())
            .flat_map(|p| (0..cleaners.len()).map(move |c| (p, c)))
            .collect();
        let bad: Vec<String> = jobs
            .par_iter()
            .filter_map(|&(p, c)| {
                let (filtered, plain) = &cleaners[c];
                let html = &pages[p];
                (filtered.clean(html).html() != plain.clean(html).html())
                    .then(|| format!("policy {c}: {html}"))
            })
            .collect();
        prop_assert!(bad.is_empty(), "{:?}", bad);
    }
}

/// A stricter Cleaner right after a looser one, on the same page: nothing the looser kept
/// leaks through the stricter one.
#[test]
fn a_loose_cleaners_verdicts_do_not_reach_a_strict_one() {
    let loose = Cleaner::builder()
        .allow_unsafe_output()
        .without_rule("sanitize")
        .build()
        .unwrap();
    let strict = Cleaner::builder().build().unwrap();
    let html = r#"<article><div style="color:red" onclick="alert(1)" data-x="1">t</div><p>x</p></article>"#;
    for _ in 0..3 {
        let kept = loose.clean(html).into_html();
        assert!(kept.contains("style="), "{kept}");
        let out = strict.clean(html).into_html();
        assert!(
            !out.contains("style") && !out.contains("onclick") && !out.contains("data-x"),
            "{out}"
        );
    }
}
