//! Attacks on what landed in session 17: a page's own `<base href>`, Markdown posts with a
//! base URL, the sanitizer policy's one store.

use articlean::{rule_fn, Action, Cleaner};

fn noop_cleaner() -> Cleaner {
    Cleaner::builder()
        .with_rule(rule_fn("noop", |_, _| Action::Keep))
        .build()
        .unwrap()
}

/// A `<base href>` inside an element the sanitizer removes with its content (`<datalist>`,
/// `<portal>`) still sets the page's base in a browser, and in the tree the walk sees when a
/// user rule turns the parse-time filter off: the filtered parse dropped it with the element,
/// so the two paths resolved the page's URLs differently.
#[test]
fn a_base_inside_an_element_dropped_while_parsing_counts_on_every_path() {
    let wrappers = [
        "form", "button", "textarea", "select", "dialog", "nav", "footer", "aside", "header",
        "object", "embed", "iframe", "noscript", "frameset", "audio", "video", "canvas", "map",
        "applet", "marquee", "details", "summary", "menu", "input", "label", "fieldset", "legend",
        "datalist", "output", "progress", "meter", "slot", "portal", "picture", "table", "xmp",
        "noembed", "noframes", "title", "style", "script", "template",
    ];
    let mut bad = Vec::new();
    for w in wrappers {
        for shape in [
            format!("<!DOCTYPE html><body><{w}><base href=\"https://evil.example/x/\"></{w}><p>t<img src=\"a.jpg\" alt=\"\"><a href=\"b.html\">b</a></p>"),
            format!("<!DOCTYPE html><body><{w}><div><base href=\"https://evil.example/x/\"></div></{w}><p>t<img src=\"a.jpg\" alt=\"\"><a href=\"b.html\">b</a></p>"),
            format!("<!DOCTYPE html><body><svg><foreignObject><{w}><base href=\"https://evil.example/x/\"></{w}></foreignObject></svg><p>t<img src=\"a.jpg\" alt=\"\"><a href=\"b.html\">b</a></p>"),
        ] {
            let a = Cleaner::default().clean(&shape).into_html();
            let b = noop_cleaner().clean(&shape).into_html();
            if a != b {
                bad.push(format!("{shape}\n  on:  {a}\n  off: {b}"));
            }
        }
    }
    for b in &bad {
        eprintln!("{b}");
    }
    assert!(bad.is_empty(), "{} differ", bad.len());
}

#[test]
fn a_base_inside_a_datalist_sets_the_base() {
    let page = r#"<!DOCTYPE html><body><datalist><base href="https://cdn.example/x/"></datalist><p>t<img src="a.jpg" alt=""></p>"#;
    let html = articlean::clean(page);
    assert!(
        html.contains(r#"src="https://cdn.example/x/a.jpg""#),
        "{html}"
    );
    // Foster-parented out of a table, moved by the adoption agency: same on both paths.
    for page in [
        r#"<table><tr><td><datalist><base href="https://one.example/"></datalist></td></tr><base href="https://two.example/"></table><img src="a.jpg" alt="">"#,
        r#"<datalist><b><base href="https://one.example/"><p>x</b>y</p></datalist><img src="a.jpg" alt="">"#,
        r#"<b><datalist><base href="https://one.example/"></b><p>x</p><img src="a.jpg" alt="">"#,
    ] {
        assert_eq!(
            Cleaner::default().clean(page).into_html(),
            noop_cleaner().clean(page).into_html(),
            "{page}"
        );
    }
}

#[cfg(feature = "posts")]
mod markdown_base {
    //! A Markdown post cleaned with a base URL: the rendering (pulldown-cmark) of the cleaned
    //! body is the rendering of the post, but for relative link and image destinations, each
    //! either as written or resolved against the base; nothing else changes.
    use articlean::{Cleaner, Post};
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag};

    const PIECES: &[&str] = &[
        "text ",
        "[x](rel/a.html)",
        "[x](<rel a>)",
        "[x](<a)b>)",
        "[x](a\\)b)",
        "[x](../up \"t\")",
        "[x](?q=1)",
        "[x](#frag)",
        "[x](//h.example/p)",
        "[x](/\\evil.example)",
        "[x](a&amp;b)",
        "[x](%2e%2e/x)",
        "[x](a%29b)",
        "[x](a_b*c*)",
        "[x](<>)",
        "[x]()",
        "![i](pic.png)",
        "![i](<p q.png> 't')",
        "![i](pic.png 'a(b)')",
        "[x][rel]",
        "![i][rel]",
        "[rel]",
        "[![i](in.png)](out.html)",
        "`[x](rel/in-code)`",
        // (followed by a space: a URL literal glued to a backtick is escaped without a base)
        "<https://abs.example/auto> ",
        "[x](é/ü.png)",
        "*",
        "_",
        "\n",
        "\n\n",
        "\n\n[rel]: rel/def.png\n",
        "\n\n[rel]: <rel def> \"title\"\n",
        "\n\n[rel]:\n  next/line.png\n",
    ];
    const BASES: &[&str] = &[
        "https://ex.example/a/b.html",
        "https://ex.example/a(b)/c%20d/",
        "https://ex.example/p_q*r*/[s]/",
        "https://ex.example/é/ü/?q=<1>#f",
        "https://user:pw@ex.example:8080/x\\y/",
        "http://ex.example",
    ];

    fn events(body: &str) -> Vec<Event<'_>> {
        Parser::new_ext(body, Options::all() - Options::ENABLE_OLD_FOOTNOTES).collect()
    }

    fn check(base: &str, post: &str) -> Result<(), TestCaseError> {
        let cleaner = Cleaner::builder().with_base_url(base).build().unwrap();
        let once = cleaner.clean_post(post).into_html();
        let twice = cleaner.clean_post(&once).into_html();
        prop_assert_eq!(&twice, &once, "not idempotent");
        let body = Post::split(&once).body;
        let before = events(post);
        let after = events(body);
        let url = url::Url::parse(base).unwrap();
        // A space may be written `%20` (the cleaner writes a definition's `<a b>` so).
        let fits = |a: &str, b: &str| {
            a == b
                || a.replace(' ', "%20") == b
                || url.join(a.trim()).map(|u| u.as_str() == b).unwrap_or(false)
        };
        prop_assert_eq!(before.len(), after.len(), "{:?}\n{:?}", before, after);
        for (a, b) in before.iter().zip(&after) {
            match (a, b) {
                (
                    Event::Start(Tag::Link {
                        dest_url: da,
                        title: ta,
                        link_type: la,
                        ..
                    }),
                    Event::Start(Tag::Link {
                        dest_url: db,
                        title: tb,
                        link_type: lb,
                        ..
                    }),
                )
                | (
                    Event::Start(Tag::Image {
                        dest_url: da,
                        title: ta,
                        link_type: la,
                        ..
                    }),
                    Event::Start(Tag::Image {
                        dest_url: db,
                        title: tb,
                        link_type: lb,
                        ..
                    }),
                ) => {
                    prop_assert_eq!(ta, tb);
                    prop_assert_eq!(la, lb);
                    prop_assert!(fits(da, db), "{:?} became {:?}", da, db);
                }
                (Event::Text(_), Event::Text(_)) => {}
                _ => prop_assert_eq!(a, b),
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]
        #[test]
        fn resolving_changes_only_the_destinations(
            base in proptest::sample::select(BASES),
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 1..10),
        ) {
            check(base, &pieces.concat())?;
        }
    }
}

/// A relative destination glued to a code span (`[x](a.html)`code``): resolved, it would be
/// a URL literal running over the backtick in marked and goldmark, and the cleaner (cleaning
/// again) wrote the backticks escaped: the code span was lost to the base URL alone.
#[cfg(feature = "posts")]
#[test]
fn resolving_a_destination_keeps_the_code_span_after_it() {
    let cleaner = Cleaner::builder()
        .with_base_url("https://ex.example/a/b.html")
        .build()
        .unwrap();
    for post in [
        "[x](?q=1)`[x](rel/in-code)`",
        "see [docs](api.html)`fn main()` here",
        "![i](pic.png)`code`",
        "[x](<rel a>)`code`",
        "[x](?a`b)",
    ] {
        let out = cleaner.clean_post(post).into_html();
        assert!(!out.contains("\\`"), "{post:?} -> {out:?}");
    }
    // With white space between, it resolves.
    let out = cleaner.clean_post("[x](y.html) `code`").into_html();
    assert_eq!(out, "[x](https://ex.example/a/y.html) `code`");
}

/// Odd `<base href>`s, with and without a configured base URL, in the places the parser
/// moves them to: every output is the same with the parse-time filter on and off, cleaning
/// it again changes nothing, and no URL of it has a scheme other than http(s) or mailto.
#[test]
fn odd_bases_anywhere_stay_safe_idempotent_and_equal_on_both_paths() {
    let hrefs = [
        "https:javascript:alert(1)//",
        "javascript:alert(1)//",
        "\\\\evil.example\\x\\",
        "http:/one.example/a/",
        "http:two.example/a/",
        "https://user:pw@three.example/a/",
        "//four.example/a/",
        "https://five.example/a/?q=1#f",
        "https://ü.example/é/",
        "https://six.example/a(b)/c d/",
        " \t https://sev\nen.example/ ",
        "data:text/html,<script>alert(1)</script>/",
        "vbscript:x/",
        "https://[::1]/x/",
        "https://eight.example:99999/",
        "../up/",
        "?q",
        "#frag",
        "",
    ];
    let shapes = [
        "<!DOCTYPE html><head>{B}</head><body>{P}</body>",
        "<!DOCTYPE html><body><table>{B}<tr><td>{P}</td></tr></table>",
        "<!DOCTYPE html><body>{P}</body></html>{B}",
        "<!DOCTYPE html><head><noscript>{B}</noscript></head><body>{P}</body>",
        "<!DOCTYPE html><frameset>{B}</frameset>{P}",
        "<!DOCTYPE html><body><svg><p>{B}</svg>{P}",
        "<!DOCTYPE html><body><math><mi>{B}</mi></math>{P}",
        "<!DOCTYPE html><body><select>{B}</select>{P}",
        "<!DOCTYPE html><body><template>{B}</template>{P}",
    ];
    let payload = r#"<p><a href="x.html">x</a><a href="javascript:alert(1)">j</a><img src="a.jpg" srcset="a.jpg 1x, b.jpg 2x" alt=""><img data-src="lazy.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="" class="lazyload"><video poster="p.jpg" src="v.mp4"></video><q cite="c.html">q</q><a href="mailto:a@b.example">m</a></p>"#;
    let cleaners = [
        Cleaner::default(),
        noop_cleaner(),
        Cleaner::builder()
            .with_base_url("https://conf.example/dir/page.html")
            .build()
            .unwrap(),
        Cleaner::builder()
            .with_base_url("https://conf.example/dir/page.html")
            .with_rule(rule_fn("noop", |_, _| Action::Keep))
            .build()
            .unwrap(),
    ];
    let mut bad = Vec::new();
    for href in hrefs {
        let base = format!("<base href=\"{}\">", href.replace('"', "&quot;"));
        for shape in shapes {
            let page = shape.replace("{B}", &base).replace("{P}", payload);
            let outs: Vec<String> = cleaners
                .iter()
                .map(|c| c.clean(&page).into_html())
                .collect();
            for (i, pair) in [(0, 1), (2, 3)].into_iter().enumerate() {
                if outs[pair.0] != outs[pair.1] {
                    bad.push(format!(
                        "paths differ ({i}): {page}\n  {}\n  {}",
                        outs[pair.0], outs[pair.1]
                    ));
                }
            }
            for (c, out) in cleaners.iter().zip(&outs) {
                let again = c.clean(out).into_html();
                if &again != out {
                    bad.push(format!("not idempotent: {page}\n  {out}\n  {again}"));
                }
                for attr in ["href=\"", "src=\"", "poster=\"", "cite=\"", "srcset=\""] {
                    for value in out.split(attr).skip(1) {
                        let value = value.split('"').next().unwrap().to_ascii_lowercase();
                        let scheme = value
                            .split_once(':')
                            .map(|(s, _)| s)
                            .filter(|s| !s.contains('/'));
                        if let Some(s) = scheme {
                            if !matches!(s, "http" | "https" | "mailto") {
                                bad.push(format!("unsafe {attr}{value}: {page}\n  {out}"));
                            }
                        }
                    }
                }
            }
        }
    }
    for b in &bad {
        eprintln!("{b}");
    }
    assert!(bad.is_empty(), "{} problems", bad.len());
}

/// User policies that try to let an event handler, `style`, `srcdoc` or a dangerous element
/// through (case, white space, `"*"`, repeated and contradictory settings): each is a clear
/// error from `build`, never a panic, or the cleaner it builds still drops them.
#[test]
fn user_policies_cannot_let_handlers_styles_or_scripts_through() {
    let attrs = [
        "onclick",
        "ONCLICK",
        "OnError",
        " onload",
        "onload ",
        "on",
        "style",
        "STYLE",
        " style",
        "srcdoc",
        "SrcDoc",
        "formaction",
        "xmlns",
        "xmlns:xlink",
        "xlink:href",
        "is",
        "name",
        "on\u{0}x",
        "",
        "*",
        "o\u{212A}nclick",
        "href",
        "src",
        "action",
        "data",
        "background",
        "poster",
        "cite",
        "HREF",
        "srcset",
        "ping",
        "lowsrc",
        "dynsrc",
        "longdesc",
        "codebase",
        "manifest",
        "icon",
        "profile",
        "usemap",
        "itemtype",
        "href ",
    ];
    let tags = [
        "*", "a", "A", "img", "script", "SCRIPT", " p", "p ", "", "svg", "style",
    ];
    let page = r#"<p onclick="alert(1)" ONLOAD="alert(1)" style="x:expression(1)" srcdoc="<script>" formaction="javascript:1" xmlns="x" is="x-y" name="n"><a href="javascript:alert(1)" onclick="alert(1)" style="a" xlink:href="javascript:1">a</a><img src="x.jpg" onerror="alert(1)" style="b" alt=""><script>alert(1)</script><style>p{}</style><svg onload="alert(1)"></svg>text</p><p href="javascript:1" src="javascript:1" action="javascript:1" data="javascript:1" background="javascript:1" poster="javascript:1" cite="javascript:1" srcset="javascript:1 1x" ping="javascript:1" lowsrc="javascript:1" dynsrc="javascript:1" longdesc="javascript:1" codebase="javascript:1" manifest="javascript:1" icon="javascript:1" profile="javascript:1" usemap="javascript:1" itemtype="javascript:1">u</p><a ping="https://t.example/">p</a>"#;
    let mut built = 0;
    let mut bad = Vec::new();
    for tag in tags {
        for attr in attrs {
            for remove_too in [false, true] {
                let build = std::panic::catch_unwind(|| {
                    let mut b = Cleaner::builder()
                        .with_attributes_allowed(tag, &[attr])
                        .with_attributes_allowed(tag, &[attr, "title"]);
                    if remove_too {
                        b = b
                            .with_attributes_removed(tag, &[attr])
                            .with_tags_allowed(&[tag])
                            .with_tags_unwrapped(&[tag])
                            .with_tags_removed(&[tag]);
                    }
                    b.build().map(|c| c.clean(page).into_html())
                });
                match build {
                    Err(_) => bad.push(format!("panic: {tag:?} {attr:?} {remove_too}")),
                    Ok(Err(e)) => {
                        if e.to_string().is_empty() {
                            bad.push(format!("empty error: {tag:?} {attr:?}"));
                        }
                    }
                    Ok(Ok(out)) => {
                        built += 1;
                        let lower = out.to_ascii_lowercase();
                        for needle in [
                            "onclick",
                            "onload",
                            "onerror",
                            "style=",
                            "srcdoc",
                            "<script",
                            "<style",
                            "<svg",
                            "javascript:",
                            "formaction",
                            "xmlns",
                            " is=",
                            " name=",
                            "ping=",
                        ] {
                            if lower.contains(needle) {
                                bad.push(format!(
                                    "{needle} kept with {tag:?} {attr:?} {remove_too}: {out}"
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    for b in &bad {
        eprintln!("{b}");
    }
    eprintln!("{built} policies built");
    assert!(built > 50, "{built} policies built");
    assert!(bad.is_empty(), "{} problems", bad.len());
}

/// A definition whose label is a footnote's (`[^1]: rel/x`) is a footnote to a renderer with
/// footnotes (GitHub, goldmark): its "destination" is the footnote's text, which a base URL
/// must not rewrite (it became `https://…/rel/x`, a different text and, autolinked, a link).
#[cfg(feature = "posts")]
#[test]
fn a_footnote_like_definition_is_not_resolved() {
    let cleaner = Cleaner::builder()
        .with_base_url("https://ex.example/a/b.html")
        .build()
        .unwrap();
    for post in [
        "text[^1]\n\n[^1]: rel/x\n",
        "[x][^1]\n\n[^1]: rel/x\n",
        "![i][^1]\n\n[^1]: rel/x.png\n",
    ] {
        assert_eq!(cleaner.clean_post(post).into_html(), post);
    }
    // An ordinary label still resolves.
    assert_eq!(
        cleaner.clean_post("[x][r]\n\n[r]: rel/x\n").into_html(),
        "[x][r]\n\n[r]: https://ex.example/a/rel/x\n"
    );
}
