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
