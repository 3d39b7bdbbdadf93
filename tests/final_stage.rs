//! The sanitizer is the final stage of every element: nothing a rule does (built-in or the
//! user's, before or after the children, renaming or replacing at any depth) gets past it,
//! and turning it off takes an explicit `allow_unsafe_output()`.

mod common;

use articlean::{rule_fn, Action, Cleaner, Context, Element, Error, Rule};
use common::safety;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// Elements the default policy renames (a block it does not keep becomes a `div`): each
/// nesting level is one rename.
const RENAMED: &[&str] = &["center", "fieldset", "legend", "marquee", "listing", "form"];

fn nested(wrappers: &[&str], inner: &str) -> String {
    let open: String = wrappers.iter().map(|w| format!("<{w}>")).collect();
    let close: String = wrappers.iter().rev().map(|w| format!("</{w}>")).collect();
    format!("{open}{inner}{close}")
}

fn assert_safe(cleaner: &Cleaner, input: &str) -> String {
    let out = cleaner.clean(input).into_html();
    let again = cleaner.clean(&out).into_html();
    let problems = safety::check(&out, &again);
    assert!(problems.is_empty(), "{input}\n→ {out}\n{problems:#?}");
    out
}

#[test]
fn deep_renames_never_keep_an_element_the_policy_refuses() {
    let cleaner = Cleaner::default();
    for depth in [1, 7, 8, 9, 16, 40] {
        for wrapper in RENAMED {
            let wrappers = vec![*wrapper; depth];
            for inner in [
                r#"<form action="javascript:alert(1)">x</form>"#,
                "<fieldset>x</fieldset>",
                "<marquee onstart=alert(1)>x</marquee>",
                r#"<button formaction="javascript:alert(1)">x</button>"#,
            ] {
                let input = nested(&wrappers, inner);
                let out = assert_safe(&cleaner, &input);
                for refused in ["<form", "<fieldset", "<marquee", "<center", "<listing"] {
                    assert!(!out.contains(refused), "{input}\n→ {out}");
                }
                if !inner.starts_with("<button") {
                    assert!(out.contains('x'), "text lost: {input}\n→ {out}");
                }
            }
        }
    }
}

#[test]
fn deep_renames_keep_their_block_structure() {
    // Renames are counted per node, not inherited: 20 nested `<center>`s are 20 `<div>`s.
    let out = Cleaner::default().clean(&nested(&["center"; 20], "<p>x</p>"));
    assert_eq!(
        out.html(),
        format!("{}<p>x</p>{}", "<div>".repeat(20), "</div>".repeat(20))
    );
}

#[test]
fn an_embed_past_the_cap_never_keeps_srcdoc() {
    let cleaner = Cleaner::builder().with_embeds(true).build().unwrap();
    for depth in [0, 8, 9, 30] {
        let input = nested(
            &vec!["center"; depth],
            r#"<iframe src="https://www.youtube.com/embed/abc" srcdoc="<script>parent.alert(1)</script>"></iframe>"#,
        );
        let out = assert_safe(&cleaner, &input);
        assert!(!out.contains("srcdoc"), "{input}\n→ {out}");
        if out.contains("<iframe") {
            assert!(out.contains("sandbox="), "{out}");
        }
    }
}

/// A user rule that replaces an element with HTML that holds the same element again: the
/// replacement chain stops at the cap, and what is left is still sanitized.
#[test]
fn replacement_chains_end_sanitized() {
    let nest = rule_fn("nest", |el, _cx| {
        if el.is("b") {
            Action::Replace(r#"<b onclick="x()"><b>again</b></b><script>y()</script>"#.into())
        } else {
            Action::Keep
        }
    });
    let cleaner = Cleaner::builder().with_rule(nest).build().unwrap();
    let out = cleaner.clean("<b>x</b>").into_html();
    assert!(safety::check_output(&out).is_empty(), "{out}");
    assert!(!out.contains("onclick") && !out.contains("script"), "{out}");
}

/// Sets attributes after the children were cleaned: the sanitizer must see them.
struct LateAttrs;

impl Rule for LateAttrs {
    fn name(&self) -> &'static str {
        "late_attrs"
    }
    fn element_end(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        el.set_attr("onclick", "alert(1)");
        el.set_attr("style", "background:url(javascript:alert(1))");
        el.set_attr("href", "javascript:alert(1)");
        el.set_attr("src", "javascript:alert(2)");
        el.set_attr("formaction", "javascript:alert(3)");
        Action::Keep
    }
}

#[test]
fn attributes_set_in_element_end_are_sanitized() {
    let cleaner = Cleaner::builder().with_rule(LateAttrs).build().unwrap();
    for input in [
        "<p>text</p>",
        r#"<a href="https://example.com/">link</a>"#,
        r#"<img src="https://example.com/a.jpg" alt="x">"#,
        "<div><span>deep</span></div>",
    ] {
        let out = cleaner.clean(input).into_html();
        assert!(safety::check_output(&out).is_empty(), "{input} → {out}");
        assert!(
            !out.contains("onclick") && !out.contains("style") && !out.contains("javascript"),
            "{input} → {out}"
        );
    }
}

/// Renames elements to forbidden names, before or after their children.
struct RenameTo(&'static str, bool);

impl Rule for RenameTo {
    fn name(&self) -> &'static str {
        "rename_to"
    }
    fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if !self.1 && el.is("b") {
            Action::rename(self.0).unwrap()
        } else {
            Action::Keep
        }
    }
    fn element_end(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if self.1 && el.is("i") {
            el.set_attr("onerror", "alert(1)");
            Action::rename(self.0).unwrap()
        } else {
            Action::Keep
        }
    }
}

#[test]
fn renames_by_user_rules_are_sanitized_under_the_new_name() {
    for name in [
        "script", "iframe", "object", "form", "svg", "style", "textarea",
    ] {
        for late in [false, true] {
            let cleaner = Cleaner::builder()
                .with_rule(RenameTo(name, late))
                .build()
                .unwrap();
            let out = assert_safe(&cleaner, "<p><b>one</b> <i>two</i></p>");
            assert!(!out.contains(&format!("<{name}")), "{name} {late}: {out}");
        }
    }
}

#[test]
fn turning_the_sanitizer_off_is_explicit() {
    let err = Cleaner::builder()
        .without_rule("sanitize")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert!(err.to_string().contains("allow_unsafe_output"), "{err}");

    // `with_only_rules` without "sanitize" keeps the sanitizer.
    let only = Cleaner::builder()
        .with_only_rules(&["proxied_urls"])
        .build()
        .unwrap();
    assert_safe(&only, r#"<p onclick="x()">a<script>y()</script></p>"#);
    assert_eq!(only.rule_names().last(), Some("sanitize"));

    let unsafe_cleaner = Cleaner::builder()
        .with_only_rules(&["proxied_urls"])
        .allow_unsafe_output()
        .build()
        .unwrap();
    assert!(unsafe_cleaner.rule_names().all(|n| n != "sanitize"));
}

#[test]
fn rule_names_are_unique() {
    let junk = rule_fn("junk", |_el, _cx| Action::Keep);
    let err = Cleaner::builder().with_rule(junk).build().unwrap_err();
    assert!(matches!(err, Error::InvalidSetting { .. }), "{err}");
    let err = Cleaner::builder()
        .with_rule(rule_fn("mine", |_el, _cx| Action::Keep))
        .with_rule(rule_fn("mine", |_el, _cx| Action::Keep))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidSetting { .. }), "{err}");
}

#[test]
fn embed_hosts_without_embeds_is_an_error() {
    let err = Cleaner::builder()
        .with_embed_hosts(&["video.example.com"])
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
}

/// What a generated user rule does to the elements it matches.
#[derive(Debug, Clone)]
enum Move {
    Keep,
    SetAttr(&'static str, &'static str),
    Rename(&'static str),
    Replace(&'static str),
    Unwrap,
}

/// A user rule made of generated moves, one before and one after the children.
#[derive(Debug)]
struct Generated {
    target: &'static str,
    start: Move,
    end: Move,
}

fn apply(m: &Move, el: &mut Element<'_>) -> Action {
    match m {
        Move::Keep => Action::Keep,
        Move::SetAttr(n, v) => {
            el.set_attr(n, v);
            Action::Keep
        }
        Move::Rename(n) => Action::rename(n).unwrap(),
        Move::Replace(h) => Action::Replace(h.to_string()),
        Move::Unwrap => Action::Unwrap,
    }
}

impl Rule for Generated {
    fn name(&self) -> &'static str {
        "generated"
    }
    fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if el.name() == self.target {
            apply(&self.start, el)
        } else {
            Action::Keep
        }
    }
    fn element_end(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if el.name() == self.target {
            apply(&self.end, el)
        } else {
            Action::Keep
        }
    }
}

const TARGETS: &[&str] = &["b", "div", "p", "center", "iframe", "a", "img", "form"];
const ATTRS: &[(&str, &str)] = &[
    ("onclick", "alert(1)"),
    ("style", "x:expression(alert(1))"),
    ("href", "javascript:alert(1)"),
    ("src", " java\tscript:alert(1)"),
    ("srcdoc", "<script>alert(1)</script>"),
    ("formaction", "javascript:alert(1)"),
    ("class", "x"),
];
const NAMES: &[&str] = &[
    "script", "iframe", "center", "form", "svg", "math", "style", "b", "div", "marquee",
];
const HTML: &[&str] = &[
    "<b>again</b>",
    "<center><b>x</b></center>",
    r#"<iframe src="https://www.youtube.com/embed/a" srcdoc="<script>alert(1)</script>"></iframe>"#,
    "<img src=x onerror=alert(1)>",
    r#"<a href="javascript:alert(1)">y</a>"#,
    "<svg><script>alert(1)</script></svg>",
];

fn moves() -> impl Strategy<Value = Move> {
    prop_oneof![
        Just(Move::Keep),
        prop::sample::select(ATTRS).prop_map(|(n, v)| Move::SetAttr(n, v)),
        prop::sample::select(NAMES).prop_map(Move::Rename),
        prop::sample::select(HTML).prop_map(Move::Replace),
        Just(Move::Unwrap),
    ]
}

fn documents() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<center>",
        "</center>",
        "<b>",
        "</b>",
        "<div>",
        "</div>",
        "<p>",
        "<form>",
        "x ",
        "<a href=/a>",
        "</a>",
        "<img src=/a.jpg>",
        "<iframe src=https://www.youtube.com/embed/v>",
        "</iframe>",
        "<fieldset>",
        "<marquee>",
    ]);
    prop::collection::vec(piece, 1..60).prop_map(|v| v.concat())
}

#[test]
fn generated_user_rules_never_get_past_the_sanitizer() {
    // A fixed seed (the run is reproducible), or `PROPTEST_RNG_SEED`.
    let mut runner = common::props::runner(512, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let strategy = (
        prop::sample::select(TARGETS),
        moves(),
        moves(),
        any::<bool>(),
        documents(),
    );
    runner
        .run(&strategy, |(target, start, end, embeds, doc)| {
            let rule = Generated { target, start, end };
            let desc = format!("{rule:?} embeds={embeds}");
            let cleaner = Cleaner::builder()
                .with_rule(rule)
                .with_embeds(embeds)
                .build()
                .unwrap();
            let out = cleaner.clean(&doc).into_html();
            let problems = safety::check_output(&out);
            prop_assert!(problems.is_empty(), "{desc}\n{doc}\n→ {out}\n{problems:#?}");
            prop_assert!(!out.contains("srcdoc"), "{desc}\n{doc}\n→ {out}");
            Ok(())
        })
        .unwrap();
}
