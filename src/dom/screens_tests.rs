//! The screens change nothing: the output and the report of every page are those of the
//! slow path (every screen off), on pages of the elements the screens let through or stop.

use proptest::prelude::*;

/// Elements with the attributes the screened rules act on (hidden, styles, trackers, ad
/// slots, URLs, classes, ids, event handlers, namespaced names), and none.
fn element() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "div",
        "span",
        "p",
        "a",
        "img",
        "ins",
        "source",
        "picture",
        "section",
        "b",
        "i",
        "em",
        "font",
        "center",
        "li",
        "ul",
        "table",
        "td",
        "tr",
        "h2",
        "br",
        "iframe",
        "svg",
        "math",
        "video",
        "noscript",
        "form",
        "button",
        "dialog",
        "option",
        "html",
        "body",
        "head",
        "amp-img",
        "x-foo",
        "figure",
        "figcaption",
        "blockquote",
        "label",
        "u",
        "style",
    ]);
    let attrs = prop::sample::select(vec![
        "",
        "",
        "",
        " class=\"x\"",
        " class=\"caption\"",
        " class=\"adsbygoogle\"",
        " id=\"a\"",
        " hidden",
        " hidden=\"until-found\"",
        " style=\"display:none\"",
        " style=\"display:block\"",
        " style=\"visibility:hidden\"",
        " style=\"display:block;float:left\"",
        " STYLE=\"color:red\"",
        " aria-hidden=\"true\"",
        " onclick=\"x()\"",
        " src=\"https://pixel.wp.com/g.gif\"",
        " src=\"javascript:alert(1)\"",
        " width=\"1\" height=\"1\"",
        " src=\"a.jpg\"",
        " srcset=\"c.jpg 2x\"",
        " href=\"https://e.example/\"",
        " href=\"/rel\"",
        " href=\"javascript:x\"",
        " title=\"t\"",
        " xlink:href=\"#a\"",
        " rel=\"nofollow\"",
        " target=\"_blank\"",
        " open",
        " data-x=\"1\"",
        " data-src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"",
        " class=\"twitter-tweet\"",
    ]);
    (names, attrs.clone(), prop::collection::vec(attrs, 0..3))
        .prop_map(|(n, a, more)| format!("<{n}{a}{}>", more.concat()))
}

/// Pages of such elements, text, blanks, comments, line breaks and closings.
fn page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => element(),
        3 => prop::sample::select(vec!["word ", " ", "\n", "\u{a0}", "E", "text text",
            "</div>", "</span>", "</p>", "</a>", "</section>", "</figure>", "</li>",
            "</b>", "</svg>", "<br>", "<br/>", "<img src=\"x.png\">", "<img>", "<!--more-->",
            "<!-- c -->", "<source src=\"v.mp4\">", "<source>"])
            .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..28).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn screens_change_nothing(html in page(), document in any::<bool>()) {
        let cleaner = crate::Cleaner::default();
        let html = if document { format!("<!doctype html><html><body>{html}") } else { html };
        let fast = cleaner.clean(&html);
        let slow = super::without(|| cleaner.clean(&html));
        prop_assert_eq!(fast.html(), slow.html());
        prop_assert_eq!(fast.report(), slow.report());
    }
}
