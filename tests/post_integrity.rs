//! Posts as blog engines read them: the comments an engine reads (`<!-- more -->`…) survive in
//! HTML bodies, the body keeps the file's line endings, template URLs (`{{ }}`, `{% %}`,
//! Hugo shortcodes) are never resolved, unwrapped or dropped, and nothing written into front
//! matter can change its structure.
#![cfg(feature = "posts")] // Markdown posts, and telling a body apart

use articlean::{BodyKind, Cleaner};

const PROXIED: &str = "https://cors.example.workers.dev/?http://img.example.com/a.jpg";
const ORIGIN: &str = "http://img.example.com/a.jpg";

fn with_base() -> Cleaner {
    Cleaner::builder()
        .with_base_url("https://blog.example.com/posts/")
        .build()
        .unwrap()
}

fn clean_twice(cleaner: &Cleaner, text: &str) -> String {
    let once = cleaner.clean_post(text).into_html();
    let twice = cleaner.clean_post(&once);
    assert_eq!(twice.html(), once, "not idempotent");
    once
}

#[test]
fn engine_comments_survive_in_html_bodies() {
    for marker in [
        "<!-- more -->",
        "<!--more-->",
        "<!-- excerpt -->",
        "<!--more Read the rest-->",
        "<!--nextpage-->",
        "<!-- wp:paragraph -->",
    ] {
        let post = format!(
            "---\ntitle: Hi\n---\n<p onclick=\"x()\">Intro</p>\n{marker}\n<div><p>Rest</p></div>\n"
        );
        let out = clean_twice(&Cleaner::default(), &post);
        assert!(out.contains(marker), "{marker} lost: {out}");
        assert!(!out.contains("onclick"), "{out}");
        // Forced HTML (a `.html` post) too.
        let out = Cleaner::default()
            .clean_post_as(&post, BodyKind::Html)
            .into_html();
        assert!(out.contains(marker), "{marker} lost: {out}");
    }
    // Other comments still go, and plain HTML (not a post) keeps dropping every comment.
    let post = "---\ntitle: Hi\n---\n<p>a</p><!-- Google Analytics --><!-- more --x --><p>b</p>\n";
    let out = Cleaner::default().clean_post(post).into_html();
    assert_eq!(out, "---\ntitle: Hi\n---\n<p>a</p><p>b</p>\n");
    assert_eq!(
        articlean::clean("<p>a</p><!-- more --><p>b</p>"),
        "<p>a</p><p>b</p>"
    );
}

#[test]
fn crlf_html_body_stays_crlf() {
    let post = "---\r\ntitle: Hi\r\n---\r\n<p onclick=\"x()\">One</p>\r\n<!-- more -->\r\n<pre>a\r\nb</pre>\r\n<p>Two</p>\r\n";
    let out = clean_twice(&Cleaner::default(), post);
    assert_eq!(
        out,
        "---\r\ntitle: Hi\r\n---\r\n<p>One</p>\r\n<!-- more -->\r\n<pre>a\r\nb</pre>\r\n<p>Two</p>\r\n"
    );
    // An LF post stays LF.
    let lf = post.replace("\r\n", "\n");
    assert!(!Cleaner::default().clean_post(&lf).html().contains('\r'));
}

#[test]
fn template_urls_are_never_resolved_unwrapped_or_dropped() {
    let cleaner = with_base();
    for url in [
        "{{ site.baseurl }}/assets/a.jpg",
        "{{site.url}}/a.png",
        "{% static 'img/a.jpg' %}",
        "{{< param \"cover\" >}}",
        "{{% asset \"a.jpg\" %}}",
        "https://cors.example.workers.dev/?{{ page.image }}",
    ] {
        // As the serializer writes any attribute value (`<`, `>`, `"` as references): the
        // same value for the engine that reads the built page.
        let attr = url
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        let post = format!(
            "---\ntitle: Hi\n---\n<p><img src=\"{attr}\" alt=\"a\"><a href=\"{attr}\">x</a></p>\n"
        );
        let out = clean_twice(&cleaner, &post);
        assert_eq!(out.matches(&attr).count(), 2, "{url} changed: {out}");
        // And in HTML that is not a post.
        let out = cleaner.clean(&format!("<img src=\"{attr}\">")).into_html();
        assert!(out.contains(&attr), "{url} changed: {out}");
    }
    // Still checked as URLs: a scheme must be allowed.
    let out = cleaner
        .clean("<a href=\"javascript:{{ x }}\">a</a>")
        .into_html();
    assert!(!out.contains("javascript"), "{out}");
    // Ordinary relative URLs are still resolved.
    let out = cleaner.clean("<img src=\"a.jpg\">").into_html();
    assert!(
        out.contains("https://blog.example.com/posts/a.jpg"),
        "{out}"
    );
}

#[test]
fn proxies_never_decode_into_template_syntax() {
    let proxied =
        "https://cors.example.workers.dev/?http://img.example.com/%7B%7Bsite.secret%7D%7D.jpg";
    let post =
        format!("---\ncover: {proxied}\n---\n![a]({proxied})\n\n<p><img src=\"{proxied}\"></p>\n");
    let out = Cleaner::default().clean_post(&post).into_html();
    for bad in ["{{", "}}", "{%", "%}"] {
        assert!(!out.contains(bad), "{out}");
    }
    let html = Cleaner::default()
        .clean(&format!("<img src=\"{proxied}\">"))
        .into_html();
    assert!(!html.contains("{{"), "{html}");
}

#[test]
fn front_matter_cannot_gain_a_key() {
    // The origin, once decoded, holds `,'layout':evil`.
    let evil =
        "https://images.weserv.nl/?url=https%3A%2F%2Fe.example%2Fa.jpg%2C%27layout%27%3Aevil";
    for front in [
        format!("cover: !!map {{\n src: {evil}\n}}\n"),
        format!("cover: &a {{\n src: {evil}\n}}\n"),
        format!("cover: {{src: {evil}}}\n"),
        format!("cover: [{evil}]\n"),
        format!("cover:\n  src: {evil}\n"),
        format!("cover: {evil}\n"),
    ] {
        let post = format!("---\n{front}---\n");
        let out = Cleaner::default().clean_post(&post).into_html();
        let parsed = yaml_rust2::YamlLoader::load_from_str(out.trim_matches('-'));
        let before = yaml_rust2::YamlLoader::load_from_str(post.trim_matches('-'));
        match (before, parsed) {
            (Ok(b), Ok(a)) => assert_eq!(
                shape(&b[0]),
                shape(&a[0]),
                "structure changed:\n{post}\n{out}"
            ),
            (b, a) => assert_eq!(b.is_ok(), a.is_ok(), "{post}\n{out}"),
        }
    }
}

/// The keys and nesting of a YAML value, strings replaced by `_`.
fn shape(y: &yaml_rust2::Yaml) -> String {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Hash(h) => {
            let items: Vec<String> = h
                .iter()
                .map(|(k, v)| format!("{k:?}:{}", shape(v)))
                .collect();
            format!("{{{}}}", items.join(","))
        }
        Yaml::Array(a) => format!("[{}]", a.iter().map(shape).collect::<Vec<_>>().join(",")),
        Yaml::String(_) => "_".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn multi_line_plain_scalars_untouched() {
    for front in [
        format!("description: {PROXIED}\n  continued here\ncover: '{PROXIED}'\n"),
        format!("images:\n  - {PROXIED}\n    continued\ncover: '{PROXIED}'\n"),
        format!("cover: [{PROXIED}\n  more]\nthumb: '{PROXIED}'\n"),
        format!("cover: {PROXIED}\n\n  after a blank line\nthumb: '{PROXIED}'\n"),
    ] {
        let post = format!("---\n{front}---\n");
        let out = Cleaner::default().clean_post(&post).into_html();
        assert_eq!(out.matches(PROXIED).count(), 1, "{out}");
        assert_eq!(out.matches(&format!("'{ORIGIN}'")).count(), 1, "{out}");
    }
    // One-line plain scalars are still rewritten, also with a sibling key after them.
    let post = format!("---\n- cover: {PROXIED}\n  title: x\n---\n");
    let out = Cleaner::default().clean_post(&post).into_html();
    assert_eq!(out, format!("---\n- cover: {ORIGIN}\n  title: x\n---\n"));
}

#[test]
fn only_http_urls_are_written() {
    let post = "---\ncover: 'https://cors.example.workers.dev/?javascript:alert(1)'\nimage: \"https://cors.example.workers.dev/?data:image/png;base64,AAAA\"\n---\n";
    let out = Cleaner::default().clean_post(post).into_html();
    assert!(
        !out.contains("'javascript:") && !out.contains("\"data:"),
        "{out}"
    );
}

#[test]
fn a_marker_alone_in_a_paragraph_survives() {
    // Editors often wrap the marker: `<p><!--more--></p>`. The paragraph is empty, but the
    // marker is what the engine reads.
    let post = "---\ntitle: Hi\n---\n<p>Intro</p>\n<p><!--more--></p>\n<p>Rest</p>\n";
    let out = clean_twice(&Cleaner::default(), post);
    assert!(out.contains("<!--more-->"), "{out}");
}
