//! Skipping the rules that need attributes on an element without any
//! ([`Interest::needing_attributes`](crate::interest::Interest)) changes nothing: the output
//! and the report are those of a walk that asks every rule.

use proptest::prelude::*;
use std::cell::Cell;

thread_local! {
    /// Set while the oracle runs: every rule is asked about every element it handles.
    static ASK_ALL: Cell<bool> = const { Cell::new(false) };
}

/// Whether the walk asks every rule, attributes or not.
pub(super) fn asks_all() -> bool {
    ASK_ALL.with(Cell::get)
}

/// Elements with the attributes the rules that need them read (hidden, styles, trackers,
/// ad slots, captions, event handlers), and none.
fn element() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "div",
        "span",
        "p",
        "img",
        "ins",
        "a",
        "section",
        "source",
        "picture",
        "figure",
        "b",
        "noscript",
        "iframe",
        "video",
        "table",
        "td",
        "li",
        "ul",
        "svg",
        "amp-img",
        "lite-youtube",
        "br",
        "html",
        "body",
        "head",
        "blockquote",
    ]);
    let attrs = prop::sample::select(vec![
        "",
        "",
        "",
        " class=\"caption\"",
        " class=\"wp-caption-text\"",
        " class=\"adsbygoogle\"",
        " data-ad-slot=\"1\"",
        " hidden",
        " hidden=\"until-found\"",
        " style=\"display:none\"",
        " style=\"display:block\"",
        " style=\"visibility:hidden\"",
        " style=\"display:block;float:left\"",
        " aria-hidden=\"true\"",
        " onclick=\"x()\"",
        " ON=\"tap\"",
        " src=\"https://pixel.wp.com/g.gif\"",
        " width=\"1\" height=\"1\"",
        " width=\"728\" height=\"90\"",
        " src=\"a.jpg\"",
        " data-src=\"b.jpg\"",
        " srcset=\"c.jpg 2x\"",
        " href=\"https://e.example/\"",
        " href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"",
        " title=\"t\"",
    ]);
    (names, attrs.clone(), prop::collection::vec(attrs, 0..3))
        .prop_map(|(n, a, more)| format!("<{n}{a}{}>", more.concat()))
}

/// Pages of such elements, text, closings and images.
fn page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => element(),
        2 => prop::sample::select(vec!["word ", " ", "E", "text text", "</div>", "</span>",
            "</p>", "</a>", "</section>", "</figure>", "<br>", "<img src=\"x.png\">",
            "<img>", "<!--more-->"])
            .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn skipping_rules_without_attributes_changes_nothing(html in page()) {
        let cleaner = crate::Cleaner::default();
        let fast = cleaner.clean(&html);
        ASK_ALL.with(|a| a.set(true));
        let slow = cleaner.clean(&html);
        ASK_ALL.with(|a| a.set(false));
        prop_assert_eq!(fast.html(), slow.html());
        prop_assert_eq!(fast.report(), slow.report());
    }
}

/// The oracle is not the fast walk: a rule that says it needs attributes but removes every
/// `<b>` is not asked about a bare one, and is under the oracle.
#[test]
fn the_oracle_asks_every_rule() {
    use crate::{Action, Context, Element, Interest, Rule};
    struct NoBold;
    impl Rule for NoBold {
        fn name(&self) -> &'static str {
            "no_bold"
        }
        fn element(&self, _el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
            Action::Remove
        }
        fn interest(&self) -> Interest {
            Interest::elements("b").needing_attributes()
        }
    }
    let cleaner = crate::Cleaner::builder().with_rule(NoBold).build().unwrap();
    let html = "<p>a<b>kept</b> <b title=t>removed</b></p>";
    assert_eq!(cleaner.clean(html).html(), "<p>a<b>kept</b> </p>");
    ASK_ALL.with(|a| a.set(true));
    let all = cleaner.clean(html);
    ASK_ALL.with(|a| a.set(false));
    assert_eq!(all.html(), "<p>a </p>");
    // An image without attributes is no tracker's: `junk` keeps it either way.
    assert!(!crate::rules::junk::is_tracker_or_ad_image(
        "", None, None, None
    ));
}

/// A rule that needs attributes is asked about an element a rule before it gave one.
#[test]
fn asked_once_an_attribute_is_given() {
    use crate::{Action, Context, Element, Interest, Rule};
    struct Titles;
    impl Rule for Titles {
        fn name(&self) -> &'static str {
            "titles"
        }
        fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
            if el.attr_count() == 0 && el.text_content() == "title" {
                el.set_attr("title", "t");
            }
            Action::Keep
        }
        fn interest(&self) -> Interest {
            Interest::elements("b")
        }
    }
    struct Untitled;
    impl Rule for Untitled {
        fn name(&self) -> &'static str {
            "untitled"
        }
        fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
            if el.attr_count() == 0 {
                Action::Keep
            } else {
                Action::Unwrap
            }
        }
        fn interest(&self) -> Interest {
            Interest::elements("b").needing_attributes()
        }
    }
    let cleaner = crate::Cleaner::builder()
        .with_rule(Titles)
        .with_rule(Untitled)
        .build()
        .unwrap();
    let out = cleaner.clean("<p>a <b>kept</b> <b>title</b></p>");
    assert_eq!(out.html(), "<p>a <b>kept</b> title</p>");
}
