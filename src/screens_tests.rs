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

/// A user rule that gives some elements what the screened rules act on (a hiding `style`,
/// `hidden`, `aria-hidden`, a `data-` URL, a name in another case on foreign elements), and
/// renames or replaces others: the screens must see the element as the slow path does.
struct Dresser;

impl crate::Rule for Dresser {
    fn name(&self) -> &'static str {
        "dresser"
    }

    fn element(&self, el: &mut crate::Element<'_>, _: &mut crate::Context<'_>) -> crate::Action {
        match el.attr("title") {
            Some("hide") => {
                el.set_attr("style", "display:none");
            }
            Some("Hide") => {
                el.set_attr("Style", "display:none");
                el.set_attr("HIDDEN", "");
            }
            Some("aria") => {
                el.set_attr("aria-hidden", "true");
                el.set_attr("style", "opacity:0");
            }
            Some("embed") => {
                el.set_attr("data-src", "https://www.youtube.com/embed/dQw4w9WgXcQ");
            }
            Some("img") => return crate::Action::rename("img").unwrap_or(crate::Action::Keep),
            Some("div") => return crate::Action::rename("div").unwrap_or(crate::Action::Keep),
            Some("swap") => {
                return crate::Action::Replace(
                    "<span hidden>gone</span><img src=\"https://i0.wp.com/e.example/a.jpg\">"
                        .to_string(),
                )
            }
            _ => {}
        }
        crate::Action::Keep
    }
}

/// Attributes that make [`Dresser`] act, and proxied, lazy and redirected URLs.
fn dressed_page() -> impl Strategy<Value = String> {
    let title = prop::sample::select(vec![
        "",
        "",
        " title=\"hide\"",
        " title=\"Hide\"",
        " title=\"aria\"",
        " title=\"embed\"",
        " title=\"img\"",
        " title=\"div\"",
        " title=\"swap\"",
        " src=\"https://i0.wp.com/e.example/a.jpg\"",
        " src=\"HTTPS://I0.WP.COM/e.example/a.jpg\"",
        " src=\"/_next/image?url=%2Fa.jpg&amp;w=640\"",
        " srcset=\"https://images.weserv.nl/?url=e.example/b.jpg 2x\"",
        " class=\"lazyload\" data-src=\"https://e.example/b.jpg\"",
        " src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-lazy-src=\"https://i0.wp.com/e.example/c.jpg\"",
        " data-width=\"640\" data-height=\"480\"",
        " src=\"https://e.example/x.jpg?w=1&amp;is-pending-load=1#038;ssl=1\"",
        " srcset=\"data:image/gif;base64,R0lGODlhAQABAAAAACw= 1w\" sizes=\"1px\"",
        " href=\"https://www.google.com/url?q=https://a.example/\"",
        " href=\"https://x.substack.com/redirect/2/eyJlIjoiaHR0cHM6Ly9hLmV4YW1wbGUvIn0\"",
        " href=\"/amp/s/a.example/x\"",
    ]);
    (page(), prop::collection::vec(title, 0..28)).prop_map(|(page, titles)| {
        // Each element's first `>` gets the next title.
        let mut out = String::new();
        let mut titles = titles.into_iter();
        for (i, part) in page.split('>').enumerate() {
            if i > 0 {
                out.push('>');
            }
            out.push_str(part);
            if part.starts_with('<') || part.contains('<') && !part.ends_with('/') {
                if let Some(t) = titles.next() {
                    if !part.rsplit('<').next().unwrap_or("").starts_with('/') {
                        out.push_str(t);
                    }
                }
            }
        }
        out
    })
}

/// `html` as the raw HTML of a Markdown post (as HTML without the `posts` feature).
fn clean_post(cleaner: &crate::Cleaner, html: &str) -> crate::Cleaned {
    #[cfg(feature = "posts")]
    return cleaner.clean_post(&format!("---\ntitle: t\n---\n\n# Head\n\n{html}\n\ntext\n"));
    #[cfg(not(feature = "posts"))]
    return cleaner.clean(html);
}

/// Cleaners other than the default: a policy that keeps more (attributes the junk rule
/// reads, `ins`, `big`, `font`), a rule subset, a user rule that dresses elements.
fn cleaners() -> Vec<crate::Cleaner> {
    let b = crate::Cleaner::builder;
    vec![
        b().with_tags_allowed(&["ins", "big", "font", "center", "u"])
            .with_attributes_allowed("*", &["hidden", "aria-hidden", "data-x", "title"])
            .with_attributes_allowed("div", &["data-src"])
            .with_embeds(true)
            .build()
            .unwrap(),
        b().with_only_rules(&["junk", "sanitize"]).build().unwrap(),
        b().with_only_rules(&["lazy_images", "proxied_urls", "links"])
            .allow_unsafe_output()
            .build()
            .unwrap(),
        b().with_rule(Dresser).build().unwrap(),
        b().with_only_rules(&["lazy_images", "junk"])
            .build()
            .unwrap(),
        b().with_rule(Dresser)
            .with_tags_removed(&["aside", "x-foo"])
            .with_tags_unwrapped(&["span", "figure"])
            .build()
            .unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The same under other cleaners, user rules and Markdown posts with raw HTML.
    #[test]
    fn screens_change_nothing_elsewhere(html in dressed_page(), which in 0usize..7) {
        let cleaners = cleaners();
        let post = which == 6;
        let cleaner = cleaners.get(which).unwrap_or(&cleaners[3]);
        let run = || if post {
            clean_post(cleaner, &html)
        } else {
            cleaner.clean(&html)
        };
        let fast = run();
        let slow = super::without(run);
        prop_assert_eq!(fast.html(), slow.html());
        prop_assert_eq!(fast.report(), slow.report());
    }
}

/// Pages each screen answers for, under every cleaner of [`cleaners`] and the default: the
/// output and report with the screens on are those with them off.
#[test]
fn screens_change_nothing_on_examples() {
    let pages = [
        "<p>t</p><img src=\"https://e.example/x.jpg?w=1&amp;is-pending-load=1#038;ssl=1\">",
        "<p>t</p><img src=\"https://e.example/x.jpg\" srcset=\"data:image/gif;base64,R0lGODlhAQABAAAAACw= 1w\" sizes=\"1px\">",
        "<p>t</p><img src=\"https://e.example/x.jpg\" data-width=\"640\" data-height=\"480\">",
        "<p>t</p><img src=\"https://i0.wp.com/e.example/a.jpg\"><img src=\"/_next/image?url=%2Fa.jpg&amp;w=640\">",
        "<p><a href=\"https://www.google.com/url?q=https://a.example/\">a</a> <a href=\"/amp/s/a.example/x\">b</a></p>",
        "<div data-src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></div><span class=\"x\"></span>",
        "<p>a<div style=\"display:none\">b</div><svg><g style=\"display:none\"></g></svg><ins class=\"adsbygoogle\"></ins></p>",
    ];
    let mut all = cleaners();
    all.push(crate::Cleaner::default());
    for cleaner in &all {
        for page in pages {
            let fast = cleaner.clean(page);
            let slow = super::without(|| cleaner.clean(page));
            assert_eq!(fast.html(), slow.html(), "{page}");
            assert_eq!(fast.report(), slow.report(), "{page}");
        }
    }
}
