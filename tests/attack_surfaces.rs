//! Attacks on the input paths earlier rounds looked at least: foreign content and elements
//! read as text, the URL-bearing attributes the lazy-image, proxy and embed rules promote,
//! URLs the proxy unwrapper and link redirector decode from an inner URL, user rules that
//! rename, set attributes or insert markup (with caps hit in the middle), and front matter
//! image URLs. Every output is checked by `common::safety` (no script-capable element,
//! attribute or URL; idempotent; parses back to itself) under several cleaners.

mod common;

use articlean::{Action, Cleaner, Context, Element, Rule};
use common::safety;

/// The cleaners every vector goes through: the default, a widened one (embeds, classes,
/// ids, more tags and attributes), one with an image proxy and a proxy pattern of its own,
/// and one with a base URL and every option that rewrites URLs on.
fn cleaners() -> Vec<(&'static str, Cleaner)> {
    vec![
        ("default", Cleaner::default()),
        (
            "widened",
            Cleaner::builder()
                .with_embeds(true)
                .with_embed_hosts(&["embed.example"])
                .with_embed_thumbnails(true)
                .with_classes_kept(true)
                .with_ids_kept("user-content-")
                .with_links_in_new_tab(true)
                .with_tags_allowed(&["font", "center", "marquee", "label"])
                .with_attributes_allowed("*", &["align", "color", "background", "data"])
                .with_url_schemes_allowed(&["ftp", "magnet"])
                .build()
                .unwrap(),
        ),
        (
            "proxied",
            Cleaner::builder()
                .with_image_proxy("https://images.example/?url={url_encoded}")
                .with_proxy_pattern("https://mine.example/p/{url}")
                .with_lazy_src_attribute("data-hi-res")
                .with_https_upgrade(true)
                .with_base_url("https://site.example/a/b.html")
                .build()
                .unwrap(),
        ),
        (
            "proxied (host path)",
            Cleaner::builder()
                .with_image_proxy("https://cdn.example/{scheme}/{host}{path}")
                .with_image_proxy_http_only(true)
                .with_embeds(true)
                .build()
                .unwrap(),
        ),
    ]
}

/// Checks one input under every cleaner, as a fragment and as a document.
fn assert_all_safe(inputs: &[&str]) {
    let mut failures = Vec::new();
    for (name, cleaner) in cleaners() {
        for input in inputs {
            for (how, out) in [
                ("fragment", cleaner.clean_fragment(input).into_html()),
                ("document", cleaner.clean_document(input).into_html()),
            ] {
                let again = match how {
                    "fragment" => cleaner.clean_fragment(&out).into_html(),
                    _ => cleaner.clean_document(&out).into_html(),
                };
                let found = safety::check(&out, &again);
                if !found.is_empty() {
                    failures.push(format!(
                        "[{name}, {how}] {input:?}\n  out: {out:?}\n  {}",
                        found.join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn foreign_content_and_elements_read_as_text() {
    assert_all_safe(&[
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<svg><text>a<style>&lt;img src=x onerror=alert(1)&gt;</style></text></svg>",
        "<svg><text>&lt;script&gt;alert(1)&lt;/script&gt;</text></svg>",
        "<svg><foreignObject><img src=x onerror=alert(1)><p>t</p></foreignObject></svg>",
        "<svg><text><a href=javascript:alert(1)>x</a></text></svg>",
        "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
        "<svg><text><tspan>&lt;img src=x onerror=alert(1)&gt;</tspan></text></svg>",
        "<math><annotation encoding=\"application/x-tex\">&lt;img src=x onerror=alert(1)&gt;</annotation></math>",
        "<math><semantics><mi>x</mi><annotation encoding=\"application/x-tex\"></code><img src=x onerror=alert(1)></annotation></semantics></math>",
        "<math alttext=\"<img src=x onerror=alert(1)>\"><mi>x</mi></math>",
        "<math alttext=\"</code><script>alert(1)</script>\"></math>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=alert(1)>\"></style></h1>",
        "<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=alert(1)></style></annotation-xml></math>",
        "<math><mfrac><mi>&lt;script&gt;</mi><mi>b</mi></mfrac><msqrt><mi>&lt;img src=x onerror=alert(1)&gt;</mi></msqrt></math>",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        "<template><img src=x onerror=alert(1)></template><template><script>alert(1)</script></template>",
        "<select><option><img src=x onerror=alert(1)></option></select>",
        "<select><option label=\"<img src=x onerror=alert(1)>\">a</option></select>",
        "<select multiple><option>&lt;script&gt;alert(1)&lt;/script&gt;<option>b</select>",
        "<select><template><img src=x onerror=alert(1)></template></select>",
        "<textarea>&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>",
        "<textarea><img src=x onerror=alert(1)></textarea>",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<plaintext><img src=x onerror=alert(1)>",
        "<button><img src=x onerror=alert(1)>a</button>",
        "<button formaction=javascript:alert(1)>b</button>",
        "<dialog open><img src=x onerror=alert(1)></dialog>",
        "<map><area href=javascript:alert(1)><img src=a.png></map>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<noscript><img src=x onerror=alert(1)></noscript>",
        "<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>",
        "<img data-src=a.jpg><noscript><img src=\"javascript:alert(1)\" onerror=alert(1)></noscript>",
        "<img src=data:image/gif;base64,R0lGOD class=lazy><noscript><img src=x onerror=alert(1)><script>alert(1)</script></noscript>",
        "<img src=p.gif class=lazy><noscript><svg onload=alert(1)><img src=https://a.example/r.jpg></noscript>",
        "<img src=p.gif class=lazy><noscript>&lt;img src=x onerror=alert(1)&gt;</noscript>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=https://www.youtube.com/embed/abc srcdoc=\"<img src=x onerror=alert(1)>\"></iframe>",
        "<iframe src=\"https://www.youtube.com/embed/abc\"><img src=x onerror=alert(1)></iframe>",
        "<object data=javascript:alert(1)><img src=x onerror=alert(1)></object>",
        "<embed src=javascript:alert(1)>",
        "<portal src=javascript:alert(1)></portal>",
        "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)' /></svg>#x\"></use></svg>",
    ]);
}

#[test]
fn urls_promoted_by_lazy_image_proxy_and_embed_rules() {
    assert_all_safe(&[
        "<img data-src=\"javascript:alert(1)\">",
        "<img data-src=\"&#106;avascript:alert(1)\">",
        "<img data-src=\"jav&#x09;ascript:alert(1)\">",
        "<img data-src=\" java\nscript:alert(1)\">",
        "<img data-hi-res=\"javascript:alert(1)\" src=\"p.gif\">",
        "<img data-lazy-src=\"vbscript:msgbox(1)\">",
        "<img data-original=\"data:text/html,<script>alert(1)</script>\">",
        "<img data-src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<img data-src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<img data-srcset=\"javascript:alert(1) 1x, data:text/html,x 2x\">",
        "<img srcset=\"https://a.example/a.jpg 1x, javascript:alert(1) 2x\">",
        "<img data-srcset=\"https://a.example/a.jpg 1x,javascript:alert(1) 2x\">",
        "<img src=p.gif data-srcset=\"a.jpg 100w,  java&#9;script:alert(1) 200w\">",
        "<img src=p.gif data-src=\"https://a.example/{width}/a.jpg\" data-widths=\"[100,javascript:alert(1)]\">",
        "<img src=p.gif data-src=\"javascript:alert({width})\" data-widths=\"[100,200]\">",
        "<div data-bg=\"javascript:alert(1)\">x</div>",
        "<div data-bg=\"url(javascript:alert(1))\">x</div>",
        "<div data-background-image=\"url('javascript:alert(1)')\">x</div>",
        "<div class=lazy data-bg=\"data:text/html,<script>alert(1)</script>\">x</div>",
        "<div style=\"background-image:url(javascript:alert(1))\" class=hero>x</div>",
        "<video poster=\"javascript:alert(1)\" src=\"javascript:alert(1)\"></video>",
        "<video data-poster=\"javascript:alert(1)\"><source data-src=\"javascript:alert(1)\"></video>",
        "<picture><source data-srcset=\"javascript:alert(1)\"><img src=a.jpg></picture>",
        "<picture><source srcset=\"data:text/html,x 1x\"><img data-src=a.jpg></picture>",
        "<a href=\"javascript:alert(1)\"><img src=a.jpg></a>",
        "<a data-href=\"javascript:alert(1)\" class=\"lightbox\"><img src=a.jpg></a>",
        "<figure><a href=\"javascript:alert(1)\" data-large=\"javascript:alert(1)\"><img data-src=\"javascript:alert(1)\"></a></figure>",
        "<iframe data-src=\"javascript:alert(1)\"></iframe>",
        "<iframe src=\"about:blank\" data-src=\"https://www.youtube.com/embed/a&quot;onload=&quot;alert(1)\"></iframe>",
        "<iframe src=\"https://www.youtube.com/embed/javascript:alert(1)\"></iframe>",
        "<iframe src=\"https://www.youtube.com/embed/x?url=javascript:alert(1)\" title=\"<img src=x onerror=alert(1)>\"></iframe>",
        "<iframe src=\"https://embed.example/embed?url=javascript%3Aalert(1)\"></iframe>",
        "<iframe src=\"https://cdn.embedly.com/widgets/media.html?src=javascript%3Aalert(1)&url=javascript%3Aalert(1)\"></iframe>",
        "<iframe src=\"https://cdn.embedly.com/widgets/media.html?src=https%3A%2F%2Fwww.youtube.com%2Fembed%2F%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E\"></iframe>",
        "<iframe src=\"javascript:alert(1)//www.youtube.com/embed/abc\"></iframe>",
        "<iframe src=\"java&#x0A;script:alert(1)//https://www.youtube.com/embed/abc\"></iframe>",
        "<lite-youtube videoid=\"&quot;><img src=x onerror=alert(1)>\" playlabel=\"<script>alert(1)</script>\"></lite-youtube>",
        "<lite-youtube videoid=\"javascript:alert(1)\"></lite-youtube>",
        "<div data-plyr-provider=\"youtube\" data-plyr-embed-id=\"javascript:alert(1)\"></div>",
        "<div data-plyr-provider=\"vimeo\" data-plyr-embed-id=\"//evil.example/x\"></div>",
        "<div class=\"lazyload\" data-src=\"javascript:alert(1)\" data-provider=youtube></div>",
        "<div data-src=\"https://www.youtube.com/embed/abc\" title=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></div>",
        "<blockquote class=\"twitter-tweet\"><a href=\"javascript:alert(1)\">x</a></blockquote>",
        "<blockquote class=\"twitter-tweet\" data-href=\"javascript:alert(1)\"></blockquote>",
        "<embed src=\"https://www.youtube.com/v/abc\" title=\"x\" onload=alert(1)>",
        "<object data=\"https://www.youtube.com/v/javascript:alert(1)\"><param name=movie value=\"javascript:alert(1)\"></object>",
    ]);
}

#[test]
fn urls_unwrapped_from_proxies_and_redirectors() {
    assert_all_safe(&[
        "<a href=\"https://www.google.com/url?q=javascript%3Aalert(1)\">x</a>",
        "<a href=\"https://www.google.com/url?q=javascript%253Aalert(1)\">x</a>",
        "<a href=\"https://www.google.com/url?q=java%0ascript%3Aalert(1)\">x</a>",
        "<a href=\"https://www.google.com/url?q=%20javascript:alert(1)\">x</a>",
        "<a href=\"https://www.google.com/url?q=java%09script:alert(1)\">x</a>",
        "<a href=\"https://www.google.com/url?q=%6a%61%76%61%73%63%72%69%70%74%3aalert(1)\">x</a>",
        "<a href=\"https://link.zhihu.com/?target=javascript%3Aalert(1)\">x</a>",
        "<a href=\"https://link.zhihu.com/?target=data%3Atext%2Fhtml%2C%3Cscript%3Ealert(1)%3C%2Fscript%3E\">x</a>",
        "<a href=\"https://l.facebook.com/l.php?u=vbscript%3Amsgbox(1)\">x</a>",
        "<a href=\"https://l.facebook.com/l.php?u=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Djavascript%253Aalert(1)\">x</a>",
        "<a href=\"https://t.umblr.com/redirect?z=javascript%3Aalert(1)\">x</a>",
        "<a href=\"https://www.youtube.com/redirect?q=javascript%3Aalert(1)\">x</a>",
        "<a href=\"https://out.reddit.com/t3_x?url=javascript%3Aalert(1)\">x</a>",
        "<a href=\"https://web.archive.org/web/2020/javascript:alert(1)\">x</a>",
        "<img src=\"https://proxy.example/?url=javascript%3Aalert(1)\">",
        "<img src=\"https://proxy.example/?url=javascript%253Aalert(1)\">",
        "<img src=\"https://proxy.example/?url=data%3Atext%2Fhtml%3Bbase64%2CPHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg\">",
        "<img src=\"https://proxy.example/?url=data%3Aimage%2Fsvg%2Bxml%2C%3Csvg%20onload%3Dalert(1)%3E\">",
        "<img src=\"https://proxy.example/?javascript:alert(1)\">",
        "<img src=\"https://proxy.example/?url=java%0D%0Ascript%3Aalert(1)\">",
        "<img src=\"https://cors.example.workers.dev/?javascript:alert(1)\">",
        "<img src=\"https://images.weserv.nl/?url=javascript:alert(1)\">",
        "<img src=\"https://images.weserv.nl/?url=ssl:javascript:alert(1)\">",
        "<img src=\"https://i0.wp.com/javascript:alert(1)\">",
        "<img src=\"https://i0.wp.com/javascript%3Aalert(1)\">",
        "<img src=\"https://mine.example/p/javascript:alert(1)\">",
        "<img src=\"https://mine.example/p/data:text/html,x\">",
        "<img src=\"https://images.example/?url=javascript%3Aalert(1)\">",
        "<img src=\"https://cdn.example/javascript/alert(1)/x\">",
        "<img src=\"https://wsrv.nl/?url=%2F%2Fevil.example%2Fa.jpg\">",
        "<img src=\"https://imgproxy.example/insecure/plain/javascript:alert(1)\">",
        "<img src=\"https://x.example/_next/image?url=javascript%3Aalert(1)&w=640&q=75\">",
        "<img src=\"https://x.example/_next/image?url=%2F_next%2Fimage%3Furl%3Djavascript%253Aalert(1)\">",
        "<img src=\"https://camo.githubusercontent.com/abc/6a6176617363726970743a616c6572742831\">",
        "<img src=\"https://x.example/cdn-cgi/image/width=100/javascript:alert(1)\">",
        "<img srcset=\"https://proxy.example/?url=javascript%3Aalert(1) 1x, https://proxy.example/?url=https%3A%2F%2Fa.example%2Fa.jpg 2x\">",
        "<video poster=\"https://proxy.example/?url=javascript%3Aalert(1)\"></video>",
        "<a href=\"https://proxy.example/?url=javascript%3Aalert(1)\"><img src=\"https://proxy.example/?url=javascript%3Aalert(1)\"></a>",
    ]);
}

/// A user rule that does the worst it can to every element it sees.
struct Hostile {
    moves: &'static [&'static str],
}

impl Rule for Hostile {
    fn name(&self) -> &'static str {
        "hostile"
    }
    fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        for m in self.moves {
            match *m {
                "attrs" => {
                    el.set_attr("onclick", "alert(1)");
                    el.set_attr("style", "background:url(javascript:alert(1))");
                    el.set_attr("href", "javascript:alert(1)");
                    el.set_attr("src", "javascript:alert(1)");
                    el.set_attr("srcset", "javascript:alert(1) 1x");
                    el.set_attr("data-src", "javascript:alert(1)");
                    el.set_attr("poster", "javascript:alert(1)");
                    el.set_attr("formaction", "javascript:alert(1)");
                    el.set_attr("xlink:href", "javascript:alert(1)");
                    el.set_attr("srcdoc", "<script>alert(1)</script>");
                }
                "prepend" if el.is("p") => {
                    el.prepend_html("<svg><style><img src=x onerror=alert(1)></style></svg><script>alert(1)</script><textarea></p><img src=x onerror=alert(1)></textarea>");
                }
                "script" if el.is("b") => return Action::rename("script").unwrap(),
                "style" if el.is("i") => return Action::rename("style").unwrap(),
                "iframe" if el.is("span") => return Action::rename("iframe").unwrap(),
                "textarea" if el.is("em") => return Action::rename("textarea").unwrap(),
                "noscript" if el.is("u") => return Action::rename("noscript").unwrap(),
                "replace" if el.is("s") => {
                    return Action::Replace(
                        "<s><img src=x onerror=alert(1)></s><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>".to_string(),
                    )
                }
                _ => {}
            }
        }
        Action::Keep
    }
    fn element_end(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if self.moves.contains(&"attrs") {
            el.set_attr("onmouseover", "alert(1)");
            el.set_attr("href", " java\tscript:alert(1)");
            el.set_attr("style", "x");
        }
        if self.moves.contains(&"end-rename") && el.is("div") {
            return Action::rename("script").unwrap();
        }
        Action::Keep
    }
}

#[test]
fn hostile_user_rules_with_caps_hit_in_the_middle() {
    let deep: String = "<div>".repeat(400) + "<p><b>x</b><i>y</i><span>z</span><s>w</s></p>";
    let wide: String = format!(
        "<p {}>a</p>",
        (0..300)
            .map(|i| format!("a{i}=x"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let renames: String = "<center>".repeat(40) + "<s>q</s>";
    let inputs = [
        "<p><b>x</b><i>y</i><span>z</span><em>e</em><u>u</u><s>w</s></p>".to_string(),
        "<a href=/a><img src=/a.jpg></a><video src=/v.mp4></video>".to_string(),
        deep,
        wide,
        renames,
    ];
    let mut failures = Vec::new();
    for moves in [
        &["attrs"][..],
        &["prepend"],
        &["script", "style", "iframe", "textarea", "noscript"],
        &["replace"],
        &["attrs", "prepend", "script", "replace", "end-rename"],
    ] {
        for embeds in [false, true] {
            let cleaner = Cleaner::builder()
                .with_rule(Hostile { moves })
                .with_embeds(embeds)
                .build()
                .unwrap();
            for input in &inputs {
                let out = cleaner.clean(input).into_html();
                // A rule that prepends markup prepends it again on the next cleaning: only
                // the output itself is checked then.
                let found = if moves.contains(&"prepend") {
                    safety::check_output(&out)
                } else {
                    safety::check(&out, &cleaner.clean(&out).into_html())
                };
                if !found.is_empty() {
                    failures.push(format!(
                        "{moves:?} embeds {embeds}: {}\n  out: {}\n  {}",
                        &input[..input.len().min(80)],
                        &out[..out.len().min(300)],
                        found.join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(feature = "posts")]
#[test]
fn front_matter_image_urls_never_become_script_urls() {
    let cleaner = Cleaner::builder()
        .with_image_proxy("https://images.example/?url={url_encoded}")
        .build()
        .unwrap();
    for cleaner in [Cleaner::default(), cleaner] {
        for value in [
            "https://proxy.example/?url=javascript%3Aalert(1)",
            "https://www.google.com/url?q=javascript%3Aalert(1)",
            "https://i0.wp.com/javascript:alert(1)",
            "https://proxy.example/?url=data%3Atext%2Fhtml%2Cx",
            "https://proxy.example/?url=java%0ascript%3Aalert(1)",
            "\"https://proxy.example/?url=%22%20onerror%3D%22alert(1)\"",
            "'https://proxy.example/?url=https%3A%2F%2Fa.example%2Fa.jpg%27%29%3Balert(1)%2F%2F'",
        ] {
            for post in [
                format!("---\ncover: {value}\nimage: {value}\nlink: {value}\n---\nbody\n"),
                format!("+++\ncover = \"{value}\"\n+++\nbody\n"),
            ] {
                let out = cleaner.clean_post(&post).into_html();
                let front = out.split("---").nth(1).unwrap_or(&out);
                for word in front.split(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
                    let lower = word.to_ascii_lowercase();
                    assert!(
                        !(lower.starts_with("javascript:")
                            || lower.starts_with("data:")
                            || lower.starts_with("vbscript:")
                            || word.contains(['<', '>', '`', '(', ')']) && !post.contains(word)),
                        "{post:?}\n  out: {out:?}"
                    );
                }
                assert_eq!(cleaner.clean_post(&out).into_html(), out, "{post:?}");
            }
        }
    }
}

/// Every attribute that takes a URL in some browser, old or new.
const URL_ATTRIBUTES: [&str; 16] = [
    "href",
    "src",
    "data",
    "action",
    "background",
    "lowsrc",
    "dynsrc",
    "longdesc",
    "usemap",
    "poster",
    "cite",
    "formaction",
    "icon",
    "manifest",
    "itemtype",
    "srcset",
];

/// Tags a user may allow that the HTML parser treats specially (`listing` drops a leading
/// line break like `pre`, `nobr` and `font` are formatting elements, `image` is parsed as
/// `img`), with URL-bearing attributes allowed everywhere: still nothing script-capable, and
/// the output parses back to itself.
#[test]
fn widened_tags_and_url_attributes_stay_safe() {
    let tags = [
        "listing", "nobr", "image", "isindex", "menuitem", "font", "center", "label",
    ];
    let cleaner = Cleaner::builder()
        .with_tags_allowed(&tags)
        .with_attributes_allowed(
            "*",
            &[URL_ATTRIBUTES.as_slice(), &["for", "color", "face"]].concat(),
        )
        .build()
        .unwrap();
    let mut failures = Vec::new();
    let urls = [
        "javascript:alert(1)",
        " JaVa&#x09;Script&colon;alert(1)",
        "&#x6A;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "https://a.example/a.jpg 1x, javascript:alert(1) 2x",
    ];
    for tag in tags
        .iter()
        .chain(&["p", "div", "img", "a", "span", "table", "td"])
    {
        for attr in URL_ATTRIBUTES {
            for url in urls {
                for input in [
                    format!("<{tag} {attr}=\"{url}\">x</{tag}>"),
                    format!("<{tag}>\n\n<{tag} {attr}='{url}'>\ny</{tag}></{tag}>"),
                    format!("<p><{tag} {attr}={url}><b>z</p></{tag}>"),
                ] {
                    let out = cleaner.clean(&input).into_html();
                    let again = cleaner.clean(&out).into_html();
                    let found = safety::check(&out, &again);
                    if !found.is_empty() {
                        failures.push(format!(
                            "{input:?}\n  out: {out:?}\n  {}",
                            found.join("\n  ")
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures\n{}",
        failures.len(),
        failures[..failures.len().min(8)].join("\n")
    );
}

/// Markdown posts aimed at the extensions' syntax: wikilinks and attribute lists with
/// character references, escapes and Unicode white space, in headings of both kinds,
/// definition lists, footnotes and quotes. Each rendering (pulldown-cmark under every
/// setting, links or definitions refused) is checked by `common::markdown::problems`.
#[cfg(feature = "posts")]
#[test]
fn extension_syntax_in_posts() {
    let default = Cleaner::default();
    let widened = Cleaner::builder()
        .with_ids_kept("user-content-")
        .with_classes_kept(true)
        .with_attributes_allowed("*", &["align", "color", "background", "data"])
        .build()
        .unwrap();
    let posts = [
        "[[&#106;avascript:alert(1)]]\n",
        "[[javascript&#58;alert(1)|x]]\n",
        "![[&#x6a;avascript:alert(1)]]\n",
        "[[jav\\ascript:alert(1)]]\n",
        "[[ <javascript:alert(1)> ]]\n",
        "[[javascript:alert(1)#x|y]]\n",
        "[x][[javascript:alert(1)]]\n",
        "[[x]](javascript:alert(1))\n",
        "# t {title=&quot; onclick=alert(1)}\n",
        "# t {.a\u{a0}onclick=alert(1)}\n",
        "# t {#x\u{0b}onclick=alert(1)}\n",
        "# t {#x\u{3000}onclick=alert(1)}\n",
        "# t {background=javascript:alert(1)}\n",
        "# t {data=javascript:alert(1) .c}\n",
        "# t {onclick=alert(1)} #\n",
        "# t {onclick=alert(1)}#\n",
        "t {onclick=alert(1)}\n===\n",
        "t {onclick=alert(1)}\n---\n",
        "# `x` {onclick=alert(1)}\n",
        "# t\n{: onclick=alert(1)}\n",
        "term\n: {onclick=alert(1)}\n",
        "term {onclick=alert(1)}\n: d\n",
        "[^1]: {onclick=alert(1)}\n\nx[^1]\n",
        "> # t {onclick=alert(1)}\n",
        "- # t {onclick=alert(1)}\n",
        "| # t {onclick=alert(1)} |\n|---|\n",
        "# t {title=\"x\"onclick=alert(1)}\n",
        "# t {title=x\"onclick=alert(1)}\n",
        "# t {title='x'onclick=alert(1)}\n",
        "# t {=html}\n",
        "# t {\\onclick=alert(1)}\n",
        "# t {on\\click=alert(1)}\n",
        "# t {ON&#99;lick=alert(1)}\n",
        "# t {#user-content-x onclick=alert(1)}\n",
        "# t {align=center\tonclick=alert(1)}\n",
        "# t {color=red\u{85}onclick=alert(1)}\n",
        "# t {color=red\u{2028}onclick=alert(1)}\n",
        "```{=html}\n<img src=x onerror=alert(1)>\n```\n",
        "`<img src=x onerror=alert(1)>`{=html}\n",
    ];
    let mut failures = Vec::new();
    for (name, cleaner) in [("default", &default), ("widened", &widened)] {
        for post in posts {
            let found = common::markdown::problems(cleaner, post);
            if !found.is_empty() {
                failures.push(format!("[{name}] {post:?}\n  {}", found.join("\n  ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
