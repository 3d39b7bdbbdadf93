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
        match el.attr("title").as_deref() {
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

/// Attributes that make [`Dresser`] act.
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
    fn screens_change_nothing_elsewhere(html in dressed_page(), which in 0usize..6) {
        let cleaners = cleaners();
        let post = which == 5;
        let cleaner = cleaners.get(which).unwrap_or(&cleaners[3]);
        let run = || if post {
            cleaner.clean_post(&format!("---\ntitle: t\n---\n\n# Head\n\n{html}\n\ntext\n"))
        } else {
            cleaner.clean(&html)
        };
        let fast = run();
        let slow = super::without(run);
        prop_assert_eq!(fast.html(), slow.html());
        prop_assert_eq!(fast.report(), slow.report());
    }
}
