//! A page's own `<base href>`: its relative URLs resolve against it, as in a browser, on
//! every path (documents and fragments, with or without the parse-time filter), and a
//! base that a browser would not use changes nothing.

use articlean::{rule_fn, Action, Cleaner};

fn img_src(html: &str) -> Vec<&str> {
    html.split("<img ")
        .skip(1)
        .filter_map(|tag| tag.split("src=\"").nth(1)?.split('"').next())
        .collect()
}

const PAGE: &str = r##"<!DOCTYPE html><html><head><base href="https://news.example/2024/"></head><body>
<p><a href="story.html">Story</a> <a href="#top">Top</a></p>
<img src="pics/a.jpg" srcset="pics/a.jpg 1x, pics/a@2x.jpg 2x" alt="A">
<img data-src="pics/harbour.jpg" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" class="lazyload" alt="B">
</body></html>"##;

#[test]
fn relative_urls_resolve_against_the_pages_base() {
    let html = articlean::clean(PAGE);
    assert_eq!(
        img_src(&html),
        [
            "https://news.example/2024/pics/a.jpg",
            "https://news.example/2024/pics/harbour.jpg"
        ],
        "{html}"
    );
    assert!(
        html.contains(r#"href="https://news.example/2024/story.html""#),
        "{html}"
    );
    assert!(
        html.contains("https://news.example/2024/pics/a@2x.jpg 2x"),
        "{html}"
    );
    // A link to a place in the page stays one.
    assert!(html.contains(r##"href="#top""##), "{html}");
    assert!(!html.contains("<base"), "{html}");
}

#[test]
fn every_path_reads_the_same_base() {
    // A user rule turns the parse-time filter off; the sanitizer alone reads no lazy image;
    // both must still see the base.
    let default = Cleaner::default().clean(PAGE).into_html();
    let noop = rule_fn("noop", |_, _| Action::Keep);
    let with_rule = Cleaner::builder()
        .with_rule(noop)
        .build()
        .unwrap()
        .clean(PAGE)
        .into_html();
    assert_eq!(default, with_rule);
    let sanitize_only = Cleaner::builder()
        .with_only_rules(&["sanitize"])
        .build()
        .unwrap()
        .clean(PAGE)
        .into_html();
    assert!(
        sanitize_only.contains(r#"src="https://news.example/2024/pics/a.jpg""#),
        "{sanitize_only}"
    );
    // A fragment may carry one too (a browser uses the first `<base href>` anywhere).
    let fragment = Cleaner::default()
        .clean_fragment(r#"<base href="https://cdn.example/p/"><img src="x.jpg" alt="">"#)
        .into_html();
    assert_eq!(
        img_src(&fragment),
        ["https://cdn.example/p/x.jpg"],
        "{fragment}"
    );
}

#[test]
fn a_relative_base_resolves_against_the_configured_url() {
    let cleaner = Cleaner::builder()
        .with_base_url("https://site.example/blog/2024/post.html")
        .build()
        .unwrap();
    let html = cleaner
        .clean(r#"<!DOCTYPE html><head><base href="/static/"></head><img src="x.png" alt="">"#)
        .into_html();
    assert_eq!(
        img_src(&html),
        ["https://site.example/static/x.png"],
        "{html}"
    );
}

#[test]
fn bases_a_browser_does_not_use_change_nothing() {
    let cases = [
        // Relative, with nothing to resolve it against.
        r#"<base href="/static/">"#,
        r#"<base href="">"#,
        // Not a URL that relative URLs resolve against.
        r#"<base href="javascript:alert(1)//">"#,
        r#"<base href="data:text/html,x/">"#,
        r#"<base href="mailto:a@example.com">"#,
        // Not the page's: inside a template, SVG or MathML, or without `href`.
        r#"<template><base href="https://t.example/"></template>"#,
        r#"<svg><base href="https://s.example/"/></svg>"#,
        r#"<math><base href="https://m.example/"/></math>"#,
        r#"<base target="_blank">"#,
    ];
    for base in cases {
        let page = format!("<!DOCTYPE html><head>{base}</head><p><img src=\"x.jpg\" alt=\"\"><a href=\"y.html\">y</a></p>");
        let html = articlean::clean(&page);
        assert_eq!(img_src(&html), ["x.jpg"], "{base}: {html}");
        assert!(html.contains(r#"href="y.html""#), "{base}: {html}");
    }
}

#[test]
fn only_the_first_base_with_href_counts() {
    let page = r#"<!DOCTYPE html><head><base target="_blank"><base href="https://one.example/a/"><base href="https://two.example/"></head><body><base href="https://three.example/"><img src="x.jpg" alt=""></body>"#;
    let html = articlean::clean(page);
    assert_eq!(img_src(&html), ["https://one.example/a/x.jpg"], "{html}");
    // The URL parser drops tabs and newlines inside it and spaces around it.
    let html = articlean::clean("<!DOCTYPE html><head><base href=\" https://sp\n.example/a\tb/ \"></head><img src=\"x.jpg\" alt=\"\">");
    assert_eq!(img_src(&html), ["https://sp.example/ab/x.jpg"], "{html}");
}

#[cfg(feature = "posts")]
#[test]
fn a_posts_base_rebases_nothing() {
    // A post is part of a page the site writes: its `<base>` would move the site's own
    // URLs, so it goes without being applied, in a Markdown body and in an HTML one.
    let cleaner = Cleaner::default();
    let markdown = "---\ntitle: T\n---\n<div><base href=\"https://photos.example/h/\"><img src=\"raw.jpg\" alt=\"r\"></div>\n\n![a](x.jpg)\n";
    let html = cleaner.clean_post(markdown).into_html();
    assert!(html.contains(r#"src="raw.jpg""#), "{html}");
    assert!(html.contains("![a](x.jpg)"), "{html}");
    assert!(!html.contains("<base"), "{html}");
    let html_body = "---\ntitle: T\n---\n<p><base href=\"https://photos.example/h/\"><img src=\"raw.jpg\" alt=\"r\"></p>\n";
    let html = cleaner
        .clean_post_as(html_body, articlean::BodyKind::Html)
        .into_html();
    assert!(html.contains(r#"src="raw.jpg""#), "{html}");
    assert!(!html.contains("<base"), "{html}");
}
