//! Posts through the public API: front matter kept byte for byte except image URLs (every
//! quoting style, comments, CRLF, BOM), Markdown bodies where only embedded HTML and image
//! URLs change, and the HTML/Markdown detection.
#![cfg(feature = "posts")] // Markdown posts, and telling a body apart

use articlean::{BodyKind, Cleaner, Post};

const PROXIED: &str = "https://cors.example.workers.dev/?http://img.example.com/a.jpg";
const ORIGIN: &str = "http://img.example.com/a.jpg";

fn clean(text: &str) -> String {
    Cleaner::default().clean_post(text).into_html()
}

/// Cleans twice: the second run must change nothing.
fn clean_idempotent(text: &str) -> String {
    let once = clean(text);
    let twice = Cleaner::default().clean_post(&once);
    assert_eq!(twice.html(), once, "not idempotent");
    assert_eq!(twice.report().total(), 0, "{}", twice.report());
    once
}

#[test]
fn yaml_quoting_styles_comments_and_order_kept() {
    let input = format!(
        "---\n# a comment: {PROXIED}\ntitle: \"It's \\\"quoted\\\"\" # trailing\ncover: '{PROXIED}'\nthumbnail: \"{PROXIED}\"\nbanner: {PROXIED} # plain, then a comment\nimages:\n  - {PROXIED}\n  - '{PROXIED}'\ntags: [a, '{PROXIED}']\nzeta: 1\nalpha: 2\n---\n<p>x</p>\n"
    );
    let want = format!(
        "---\n# a comment: {PROXIED}\ntitle: \"It's \\\"quoted\\\"\" # trailing\ncover: '{ORIGIN}'\nthumbnail: \"{ORIGIN}\"\nbanner: {ORIGIN} # plain, then a comment\nimages:\n  - {ORIGIN}\n  - '{ORIGIN}'\ntags: [a, '{ORIGIN}']\nzeta: 1\nalpha: 2\n---\n<p>x</p>\n"
    );
    assert_eq!(clean_idempotent(&input), want);
}

#[test]
fn crlf_bom_and_leading_blank_lines_kept() {
    let input =
        format!("\u{feff}\r\n\r\n---\r\ncover: '{PROXIED}'\r\ntitle: x\r\n---\r\n<p>x</p>\r\n");
    let out = clean_idempotent(&input);
    assert_eq!(
        Post::split(&out).front_matter,
        format!("\u{feff}\r\n\r\n---\r\ncover: '{ORIGIN}'\r\ntitle: x\r\n---\r\n")
    );
}

#[test]
fn toml_strings() {
    let input = format!(
        "+++\ntitle = 'It''s'\ncover = '{PROXIED}'\n[params]\nimages = [\n  \"{PROXIED}\",\n]\n# {PROXIED}\n+++\n<p>x</p>\n"
    );
    let out = clean_idempotent(&input);
    assert_eq!(
        Post::split(&out).front_matter,
        format!(
            "+++\ntitle = 'It''s'\ncover = '{ORIGIN}'\n[params]\nimages = [\n  \"{ORIGIN}\",\n]\n# {PROXIED}\n+++\n"
        )
    );
}

#[test]
fn escapes_decoded_and_rewritten_in_the_same_quoting() {
    // A double-quoted YAML value with `\/` escapes is read as the URL it stands for.
    let escaped = PROXIED.replace('/', "\\/");
    let input = format!("---\ncover: \"{escaped}\"\n---\n");
    assert_eq!(clean(&input), format!("---\ncover: \"{ORIGIN}\"\n---\n"));
    // A doubled `''` in single-quoted YAML is one `'` of the URL (which the unwrapped
    // origin writes as `%27`).
    let input =
        "---\ncover: 'https://cors.example.workers.dev/?http://img.example.com/it''s.jpg'\n---\n";
    assert_eq!(
        clean(input),
        "---\ncover: 'http://img.example.com/it%27s.jpg'\n---\n"
    );
    // TOML basic strings: `\u` escapes decoded, `\"` written back escaped.
    let input = "+++\ncover = \"https:\\u002F/cors.example.workers.dev/?http://img.example.com/a.jpg\"\n+++\n";
    assert_eq!(clean(input), format!("+++\ncover = \"{ORIGIN}\"\n+++\n"));
}

#[test]
fn block_scalars_and_multiline_strings_untouched() {
    let input = format!(
        "---\nlist:\n  - |\n    {PROXIED}\ndescription: |\n  {PROXIED}\nsummary: >-\n  '{PROXIED}'\nnote: '{PROXIED}\n  continued'\ncover: '{PROXIED}'\n---\n"
    );
    let want = input.replacen(
        &format!("cover: '{PROXIED}'"),
        &format!("cover: '{ORIGIN}'"),
        1,
    );
    assert_eq!(clean(&input), want);
}

#[test]
fn page_links_not_treated_as_images() {
    let cleaner = Cleaner::builder()
        .with_image_proxy("https://images.weserv.nl/?url={url_encoded}")
        .build()
        .unwrap();
    let input =
        "---\nlink: 'https://news.example.org/story'\ncover: 'http://img.example.org/c'\n---\n";
    let out = cleaner.clean_post(input).into_html();
    // A link under an ordinary key stays; an image key's value is routed, extension or not.
    assert!(
        out.contains("link: 'https://news.example.org/story'"),
        "{out}"
    );
    assert!(
        out.contains("cover: 'https://images.weserv.nl/?url=http%3A%2F%2Fimg.example.org%2Fc'"),
        "{out}"
    );
}

#[test]
fn detection_of_html_and_markdown_bodies() {
    let kind = |body: &str| Post::split(body).body_kind();
    assert_eq!(kind("<div>\n<p>a</p><p>b</p>\n</div>\n"), BodyKind::Html);
    assert_eq!(
        kind("\n  <section class=\"x\">\n\n<p>a</p>\n\n    <p>b</p>\n</section>"),
        BodyKind::Html
    );
    assert_eq!(
        kind("<!DOCTYPE html><html><body><p>x</p></body></html>"),
        BodyKind::Html
    );
    assert_eq!(kind(""), BodyKind::Html);
    assert_eq!(kind("Hello *world*\n"), BodyKind::Markdown);
    assert_eq!(kind("<span>inline</span> start\n"), BodyKind::Markdown);
    assert_eq!(
        kind("<div align=\"center\"><img src=\"a.png\"></div>\n\n# Title\n\nText.\n"),
        BodyKind::Markdown
    );
    assert_eq!(kind("<div>a</div>\n\n```\ncode\n```\n"), BodyKind::Markdown);
    assert_eq!(
        kind("<p>short</p>\n\nA long paragraph of plain text that is most of the post, without any markup in it at all.\n"),
        BodyKind::Markdown
    );
}

#[test]
fn markdown_code_blocks_untouched() {
    let body = "# Title\n\nText with `<div onclick=\"x()\">` in code.\n\n```html\n<div onclick=\"x()\"><p></p></div>\n```\n\n    <div onclick=\"y()\"></div>\n\n~~~\n<script>z()</script>\n~~~\n";
    let input = format!("---\ntitle: t\n---\n{body}");
    assert_eq!(clean_idempotent(&input), input);
}

#[test]
fn markdown_inline_and_block_html_cleaned() {
    let body = concat!(
        "Para with <img class=\"lazy\" data-src=\"https://img.example.com/x.jpg\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" onclick=\"z()\"> inline,\n",
        "a <span onclick=\"s()\">span *with emphasis*</span> and a <br> break.\n",
        "\n",
        "<div onclick=\"b()\"><p>block</p><p></p><script>evil()</script></div>\n",
        "\n",
        "- item <b onmouseover=\"m()\">bold</b>\n",
        "\n",
        "Text  with   spacing\\\n",
        "kept.\n",
    );
    let want = concat!(
        "Para with <img src=\"https://img.example.com/x.jpg\" loading=\"lazy\" decoding=\"async\"> inline,\n",
        "a <span>span *with emphasis*</span> and a <br> break.\n",
        "\n",
        "<div><p>block</p></div>\n",
        "\n",
        "- item <b>bold</b>\n",
        "\n",
        "Text  with   spacing\\\n",
        "kept.\n",
    );
    let input = format!("---\ntitle: t\n---\n{body}");
    assert_eq!(
        clean_idempotent(&input),
        format!("---\ntitle: t\n---\n{want}")
    );
}

#[test]
fn markdown_paired_tags_around_markdown_are_cleaned_tag_by_tag() {
    // The `<div>` block is not self-contained (Markdown between its tags): its start tag is
    // cleaned alone, the Markdown and the end tag stay.
    let body = "<div align=\"center\" onclick=\"x()\">\n\n**Bold** and [a link](https://example.com).\n\n</div>\n\nA <span onclick=\"y()\">`code` inside</span>.\n";
    let want = "<div>\n\n**Bold** and [a link](https://example.com).\n\n</div>\n\nA <span>`code` inside</span>.\n";
    let out = Cleaner::default().clean_post_as(body, BodyKind::Markdown);
    assert_eq!(out.html(), want);
}

#[test]
fn markdown_image_urls_rewritten_links_kept() {
    let body = format!(
        "![alt]({PROXIED}) and ![t]({PROXIED} \"title\")\n\n[link]({PROXIED})\n\n![ref][pic] ![shortcut]\n\n[pic]: {PROXIED}\n[shortcut]: <{PROXIED}> \"t\"\n[other]: {PROXIED}\n"
    );
    let want = format!(
        "![alt]({ORIGIN}) and ![t]({ORIGIN} \"title\")\n\n[link]({PROXIED})\n\n![ref][pic] ![shortcut]\n\n[pic]: {ORIGIN}\n[shortcut]: <{ORIGIN}> \"t\"\n[other]: {PROXIED}\n"
    );
    let input = format!("---\ntitle: t\n---\n{body}");
    let out = Cleaner::default().clean_post(&input);
    assert_eq!(out.html(), format!("---\ntitle: t\n---\n{want}"));
    assert_eq!(out.report().get("proxied_urls"), 4);
    assert_eq!(clean_idempotent(&input), out.html());
}

#[test]
fn markdown_comments_kept() {
    let body = "Excerpt <!-- inline --> here.\n\n<!-- more -->\n\nRest <img src=\"a.png\" onerror=\"e()\">.\n";
    let want = "Excerpt <!-- inline --> here.\n\n<!-- more -->\n\nRest <img src=\"a.png\" loading=\"lazy\" decoding=\"async\">.\n";
    assert_eq!(
        Cleaner::default()
            .clean_post_as(body, BodyKind::Markdown)
            .html(),
        want
    );
}

#[test]
fn markdown_in_blockquote_html_is_cleaned_tag_by_tag() {
    let body = "> <div onclick=\"x()\">\n> quoted <img src=\"a.png\" onerror=\"e()\">\n> </div>\n";
    let want =
        "> <div>\n> quoted <img src=\"a.png\" loading=\"lazy\" decoding=\"async\">\n> </div>\n";
    assert_eq!(
        Cleaner::default()
            .clean_post_as(body, BodyKind::Markdown)
            .html(),
        want
    );
}

/// Deterministic pieces glued together: never a panic, never a lost fence, and the Markdown
/// text outside HTML survives.
#[test]
fn glued_inputs_never_panic() {
    let pieces = [
        "---\n",
        "+++\n",
        "cover: '",
        PROXIED,
        "'",
        "\"",
        "\\",
        "\r\n",
        "\n",
        "# t\n",
        "<div>",
        "</div>",
        "<img src=",
        "![a](",
        ")",
        "[x]: ",
        "```\n",
        "    ",
        "- ",
        "> ",
        "é中",
        "'''",
        "\"\"\"",
        "[",
        "]",
        "{",
        "}",
        ": ",
        " = ",
        "<!--",
        "-->",
        "`",
        "|\n",
        "\u{feff}",
        "&amp;",
        "<span onclick=x>",
        "</span>",
        "*",
        "$a<b$",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut total = 0;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(next() % 24) {
            text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
        }
        total += text.len();
        let out = Cleaner::default().clean_post(&text);
        let before = Post::split(&text);
        if before.body_kind() == BodyKind::Markdown {
            // Markdown is never dropped wholesale.
            assert!(
                out.html().len() + 64 >= text.len() / 4,
                "{text:?} -> {:?}",
                out.html()
            );
        }
        assert!(out
            .html()
            .starts_with(before.front_matter.split('\n').next().unwrap_or("")));
    }
    assert!(total > 3000 * 20, "the generator made {total} bytes");
}

#[test]
fn an_unwrapped_front_matter_url_ends_no_string_or_css_url_in_a_theme() {
    // Themes paste front-matter values into templates unescaped, e.g.
    // `style="background-image: url('{{ cover }}')"`: a proxy's parameter decoded to a `'`,
    // `)` or `"` would end the string, the `url(…)` or the attribute there.
    let cases = [
        (
            "cover: https://images.weserv.nl/?url=https%3A%2F%2Fa.example%2Fx%27)%3Bbackground%3Aurl(%22evil.png%22.jpg",
            "cover: https://a.example/x%27%29;background:url%28%22evil.png%22.jpg",
        ),
        (
            "image: \"https://images.weserv.nl/?url=https%3A%2F%2Fa.example%2Fit%27s%20(1).jpg\"",
            "image: \"https://a.example/it%27s%20%281%29.jpg\"",
        ),
        (
            "thumbnail: 'https://images.weserv.nl/?url=a.example/p%3E%3Cimg%20src=x%20onerror=alert(1)%3E.jpg'",
            "thumbnail: 'http://a.example/p%3E%3Cimg%20src=x%20onerror=alert%281%29%3E.jpg'",
        ),
    ];
    for (line, want) in cases {
        let input = format!("---\ntitle: t\n{line}\n---\nText.\n");
        let out = clean(&input);
        let got = out.lines().nth(2).unwrap_or_default();
        assert_eq!(got, want, "{out}");
        let value = got.split_once(": ").map_or("", |(_, v)| v);
        let inner = value.trim_matches(|c| c == '\'' || c == '"');
        assert!(
            !inner.contains(['\'', '"', '(', ')', '<', '>', ' ']),
            "{inner}"
        );
        assert_eq!(clean(&out), out, "cleaning again changes it");
    }
}

/// With a base URL, a Markdown body's relative destinations resolve against it, as the
/// HTML's do (a post and its raw HTML images agree); a `#fragment`, a template and an
/// escaped destination stay as written, and the result cleans again to itself.
#[test]
fn markdown_relative_destinations_resolve_against_the_base_url() {
    let cleaner = Cleaner::builder()
        .with_base_url("https://blog.example/2024/05/harbour/")
        .build()
        .unwrap();
    let post = "---\ntitle: Harbour\ncover: images/cover.jpg\n---\n\
        ![Dawn](dawn.jpg \"At dawn\") and ![Dusk](</img/dusk photo.jpg>)\n\n\
        See [the map](../map.html), [top](#top), [{{ site.url }}]({{ site.url }}) and [ref][r].\n\n\
        <img src=\"raw.jpg\" alt=\"raw\">\n\n\
        ![Escaped](a\\_b.jpg)\n\n\
        [r]: notes/ref.html\n";
    let once = cleaner.clean_post(post).into_html();
    for expected in [
        "![Dawn](https://blog.example/2024/05/harbour/dawn.jpg \"At dawn\")",
        "![Dusk](<https://blog.example/img/dusk%20photo.jpg>)",
        "[the map](https://blog.example/2024/05/map.html)",
        "[top](#top)",
        "[{{ site.url }}]({{ site.url }})",
        "src=\"https://blog.example/2024/05/harbour/raw.jpg\"",
        "![Escaped](a\\_b.jpg)",
        "[r]: https://blog.example/2024/05/harbour/notes/ref.html",
        // Front matter is not cleaned: only whole image URLs there are rewritten.
        "cover: images/cover.jpg",
    ] {
        assert!(once.contains(expected), "{expected}\n{once}");
    }
    let twice = cleaner.clean_post(&once);
    assert_eq!(twice.html(), once);
    // Without a base URL nothing is resolved.
    let plain = Cleaner::default().clean_post(post).into_html();
    assert!(plain.contains("![Dawn](dawn.jpg \"At dawn\")"), "{plain}");
    assert!(plain.contains("[r]: notes/ref.html"), "{plain}");
    // A base whose URLs the policy refuses resolves nothing into them.
    let ftp = Cleaner::builder()
        .with_base_url("ftp://files.example/p/")
        .build()
        .unwrap()
        .clean_post("![a](x.jpg) [b](y.html)\n")
        .into_html();
    assert_eq!(ftp, "![a](x.jpg) [b](y.html)\n");
}
