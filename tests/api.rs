//! The public API: builder errors, thread safety, custom rules, stack safety, bad input.

mod common;

use articlean::{rule_fn, Action, Cleaner, Context, Element, Error, Rule};

#[test]
fn builder_rejects_bad_base_urls() {
    for bad in [
        "not a url",
        "/relative/path",
        "mailto:someone@example.com",
        "",
    ] {
        match Cleaner::builder().with_base_url(bad).build() {
            Err(Error::InvalidBaseUrl { url, .. }) => assert_eq!(url, bad),
            other => panic!("{bad:?}: expected InvalidBaseUrl, got {other:?}"),
        }
    }
    assert!(Cleaner::builder()
        .with_base_url("https://example.com/a/b.html")
        .build()
        .is_ok());
}

#[test]
fn builder_rejects_bad_proxy_templates() {
    for bad in ["https://img.example/?url=", "", "no placeholder at all"] {
        let err = Cleaner::builder()
            .with_image_proxy(bad)
            .build()
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidProxyTemplate { template, .. } if template == bad),
            "{bad:?}: {err:?}"
        );
        assert!(err.to_string().contains("invalid proxy template"), "{err}");
        let err = Cleaner::builder()
            .with_proxy_pattern(bad)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidProxyTemplate { .. }));
    }
}

#[test]
fn builder_rejects_unknown_rule_names() {
    let err = Cleaner::builder()
        .without_rule("lazy_image")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidSetting { .. }));
    assert!(
        err.to_string().contains("lazy_images"),
        "the message lists the known names: {err}"
    );
    assert!(Cleaner::builder()
        .with_only_rules(&["junk", "nope"])
        .build()
        .is_err());
}

#[test]
fn cleaner_and_error_are_thread_safe_values() {
    fn assert_send_sync_static<T: Send + Sync + 'static>() {}
    assert_send_sync_static::<Cleaner>();
    assert_send_sync_static::<Error>();
    assert_send_sync_static::<articlean::Cleaned>();

    let cleaner = Cleaner::default();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let c = cleaner.clone();
            std::thread::spawn(move || c.clean(&format!("<p onclick=x>{i}</p>")).into_html())
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        assert_eq!(h.join().unwrap(), format!("<p>{i}</p>"));
    }
}

#[test]
fn one_liner_uses_the_default_policy() {
    assert_eq!(
        articlean::clean(r#"<p onclick="x()">a</p><p></p><script>b()</script>"#),
        "<p>a</p>"
    );
}

struct Shout;

impl Rule for Shout {
    fn name(&self) -> &'static str {
        "shout"
    }
    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if el.is("em") {
            return Action::rename("strong").unwrap_or(Action::Keep);
        }
        if el.is("p") && el.attr("data-kind") == Some("ad") {
            return Action::Remove;
        }
        if el.is("p") && el.remove_attr("data-kind").is_some() {
            el.set_attr("title", "was tagged");
            cx.changed();
        }
        Action::Keep
    }
}

#[test]
fn custom_rules_see_data_attributes_and_are_counted() {
    let cleaner = Cleaner::builder().with_rule(Shout).build().unwrap();
    let out = cleaner.clean(r#"<p data-kind="ad">buy</p><p data-kind="x">an <em>idea</em></p>"#);
    assert_eq!(
        out.html(),
        r#"<p title="was tagged">an <strong>idea</strong></p>"#
    );
    assert_eq!(out.report().get("shout"), 3, "{}", out.report());
    assert!(cleaner.rule_names().any(|n| n == "shout"));
}

#[test]
fn replaced_html_is_cleaned_like_input() {
    let evil = rule_fn("evil", |el, _| {
        if el.is("blink") {
            Action::Replace(
                r#"<img src=x onerror=alert(1)><script>alert(2)</script><b>ok</b>"#.into(),
            )
        } else {
            Action::Keep
        }
    });
    let cleaner = Cleaner::builder().with_rule(evil).build().unwrap();
    assert_eq!(
        cleaner.clean("<p><blink>x</blink></p>").html(),
        r#"<p><img src="x" loading="lazy" decoding="async"><b>ok</b></p>"#
    );
}

#[test]
fn a_rule_that_always_replaces_cannot_loop_forever() {
    let looping = rule_fn("looping", |el, _| {
        if el.is("b") {
            Action::Replace("<b>again</b>".into())
        } else {
            Action::Keep
        }
    });
    let cleaner = Cleaner::builder().with_rule(looping).build().unwrap();
    assert_eq!(cleaner.clean("<b>x</b>").html(), "<b>again</b>");
}

#[test]
fn rules_can_be_turned_off() {
    let cleaner = Cleaner::builder().without_rule("junk").build().unwrap();
    assert_eq!(cleaner.clean("<p></p>").html(), "<p></p>");
    // The sanitizer is the final stage: leaving it out of `with_only_rules` keeps it on…
    let only = Cleaner::builder()
        .with_only_rules(&["event_handlers"])
        .build()
        .unwrap();
    assert_eq!(
        only.clean(r#"<p onclick="x" class="c"><script>y()</script></p>"#)
            .html(),
        "<p></p>"
    );
    // …and turning it off takes `allow_unsafe_output`.
    assert!(Cleaner::builder().without_rule("sanitize").build().is_err());
    let only = Cleaner::builder()
        .with_only_rules(&["event_handlers"])
        .allow_unsafe_output()
        .build()
        .unwrap();
    assert_eq!(
        only.clean(r#"<p onclick="x" class="c"></p>"#).html(),
        r#"<p class="c"></p>"#
    );
}

#[test]
fn hundred_thousand_nested_elements_do_not_overflow_the_stack() {
    // Block elements such as `div` used to make html5ever's tree builder quadratic; the depth
    // cap keeps them linear (tests/stress.rs has more kinds and mixtures).
    for tag in ["div", "b", "span", "a", "em"] {
        let n = 100_000;
        let html = format!(
            "{}deep{}",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        );
        let out = common::on_small_stack(move || Cleaner::default().clean(&html).into_html());
        assert!(out.contains("deep"), "{tag}: text lost");
    }
}

#[test]
fn malformed_html_never_panics_and_keeps_text() {
    let cases = [
        "<p>unclosed <b>bold <i>italic",
        "</div></div>stray end tags</p></span>",
        "a\0b<p\0x>c\0</p>",
        "&notanentity; &#xFFFFFFFF; &#0; &#55296; &amp text",
        "<<<>>><!-- unclosed comment",
        "<table><tr><td>cell<p>para</table>after",
        "<img src=\"unterminated",
        "<a href='x'><a href='y'>nested links</a></a>",
        "<svg><p>out of svg</p></svg>",
        "<select><option>opt<p>para after select",
        "\u{feff}<!DOCTYPE html><html><body><p>doc</p>",
    ];
    for case in cases {
        let out = Cleaner::default().clean(case).into_html();
        let again = Cleaner::default().clean(&out).into_html();
        assert_eq!(again, out, "not idempotent for {case:?}");
    }
    let out = articlean::clean("<p>unclosed <b>bold <i>italic");
    assert_eq!(common::visible_text(&out), "unclosed bold italic");
    let out = articlean::clean("</div></div>stray end tags</p></span>");
    assert_eq!(common::visible_text(&out), "stray end tags");
    let out = articlean::clean("&bogusentity; &amp text");
    assert_eq!(common::visible_text(&out), "&bogusentity; & text");
}
