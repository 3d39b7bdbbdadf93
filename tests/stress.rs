//! Hostile sizes and shapes: deep nesting, huge attributes and comments, odd characters, many
//! siblings. Each must clean without a panic or a stack overflow, keep its text, stay within
//! the browsers' nesting depth, and give output that cleaning again leaves unchanged.
//! (Timings are measured in release by `examples/scale_probe.rs`, not here.)

mod common;

use articlean::{rule_fn, Action, Cleaner};

/// The deepest an element may be nested in the output (the crate's documented cap).
const MAX_DEPTH: usize = 256;

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How deeply elements nest in serialized output (which writes an end tag for every element
/// that is not void), counted without parsing.
fn max_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let closing = bytes.get(i + 1) == Some(&b'/');
            let start = i + 1 + usize::from(closing);
            let end = html[start..]
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .map_or(html.len(), |n| start + n);
            let name = html[start..end].to_ascii_lowercase();
            if !name.is_empty() && !VOID.contains(&name.as_str()) {
                if closing {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    max
}

/// Cleans `html` twice on a small stack; checks idempotence and the depth cap; returns the
/// first output.
fn clean_checked(label: &str, html: String) -> String {
    let label = label.to_string();
    common::on_small_stack(move || {
        let cleaner = Cleaner::default();
        let out = cleaner.clean(&html).into_html();
        let again = cleaner.clean(&out).into_html();
        assert!(
            again == out,
            "{label}: cleaning the output again changed it"
        );
        let depth = max_depth(&out);
        assert!(depth <= MAX_DEPTH, "{label}: output nests {depth} deep");
        out
    })
}

fn nested(tags: &[&str], n: usize, text: &str) -> String {
    let mut html = String::with_capacity(n * 12);
    for i in 0..n {
        html.push('<');
        html.push_str(tags[i % tags.len()]);
        html.push('>');
    }
    html.push_str(text);
    for i in (0..n).rev() {
        html.push_str("</");
        html.push_str(tags[i % tags.len()]);
        html.push('>');
    }
    html
}

#[test]
fn hundred_thousand_nested_elements_of_each_kind() {
    for tag in ["div", "b", "a", "table", "svg", "blockquote"] {
        let out = clean_checked(tag, nested(&[tag], 100_000, "deep text"));
        // The default policy removes `<svg>` with its content.
        if tag != "svg" {
            assert!(out.contains("deep text"), "{tag}: text lost: {out:.200}");
        }
    }
}

#[test]
fn hundred_thousand_nested_elements_of_mixed_kinds() {
    let mixes: [&[&str]; 3] = [
        &["div", "blockquote", "section", "table", "li", "svg", "p"],
        &["ul", "li", "ol", "li", "dl", "dd", "section"],
        &["div", "svg", "g", "foreignObject", "div", "math", "mi"],
    ];
    for tags in mixes {
        let out = clean_checked(&tags.join("/"), nested(tags, 100_000, "deep text"));
        if !tags.contains(&"svg") {
            assert!(out.contains("deep text"), "{tags:?}: text lost");
        }
    }
}

#[test]
fn text_at_every_level_of_deep_nesting_is_kept_in_order() {
    let n = 1_000;
    let mut html = String::new();
    for i in 0..n {
        html.push_str(&format!("<div>t{i} "));
    }
    for _ in 0..n {
        html.push_str("</div>after ");
    }
    let out = clean_checked("levels", html);
    let text = common::visible_text(&out);
    let expected: Vec<String> = (0..n)
        .map(|i| format!("t{i}"))
        .chain(std::iter::repeat_n("after".to_string(), n))
        .collect();
    assert_eq!(text, expected.join(" "));
}

#[test]
fn formatting_elements_reopened_in_every_paragraph_stay_linear_and_shallow() {
    // Each paragraph re-creates every `<b>` left open before it.
    let html: String = (0..1_000)
        .map(|i| format!("<p><b id=b{i}>x{i}</p>"))
        .collect();
    let out = clean_checked("reopened", html);
    let text = common::visible_text(&out);
    for i in [0, 1, 99, 999] {
        assert!(text.contains(&format!("x{i}")), "x{i} lost");
    }
    // The same within deep nesting and with unclosed formatting after the body.
    let html = format!(
        "<!doctype html><body>{}{}</body><b>after body</b></html><i>after html",
        "<div><i>".repeat(300),
        "<p><b id=a>x</p>".repeat(100)
    );
    let out = clean_checked("reopened deep", html);
    assert!(out.contains("after body") && out.contains("after html"));
}

#[test]
fn elements_a_rule_inserts_deep_down_are_capped_too() {
    let deepen = rule_fn("deepen", |el, _cx| {
        if el.is("span") {
            Action::Replace(format!("{}inserted", "<div>".repeat(300)))
        } else {
            Action::Keep
        }
    });
    let cleaner = Cleaner::builder().with_rule(deepen).build().unwrap();
    let html = format!("{}<span>x</span>", "<div>".repeat(200));
    let out = cleaner.clean(&html).into_html();
    assert!(out.contains("inserted"));
    assert!(max_depth(&out) <= MAX_DEPTH, "{}", max_depth(&out));
}

#[test]
fn a_few_megabytes_of_article_keep_their_text() {
    let block = concat!(
        r#"<div class="post"><h2>Heading</h2><p>Some <b>bold</b> and <a href="https://example.com/a" onclick="t()">a link</a>, "#,
        r#"then more words.</p><figure><img class="lazy" data-src="https://example.com/i.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></figure>"#,
        r#"<ul><li>one</li><li>two <i>three</i></li></ul><p></p><script>var x = 1;</script><table><tr><td>cell</td></tr></table></div>"#
    );
    let n = (2 << 20) / block.len();
    let out = clean_checked("page", block.repeat(n));
    assert_eq!(out.matches("then more words.").count(), n);
    assert_eq!(out.matches("cell").count(), n);
    assert!(!out.contains("onclick") && !out.contains("<script"));
}

#[test]
fn odd_characters_and_entities() {
    let html = concat!(
        "a\0b<p\0x attr\0=\"v\0\">c\0</p\0>",
        "<p>&#xD800; &#xDFFF; &#55296; &#x0; &#0; &#x110000; &#xFFFFFFFFFF; &#1114112;</p>",
        "<p>&bogusentity; &amp &; &#; &#x; &#xZZ; &ampamp; &lt &gt</p>",
        "<p title=\"&#xD800;&#0;\">\u{FFFD}\u{FEFF}\u{200B}\u{10FFFF}</p>"
    )
    .to_string();
    let out = clean_checked("odd", html);
    assert!(!out.contains('\0'), "NUL kept: {out}");
    assert!(out.contains("&amp;bogusentity;"), "{out}");
    assert!(out.contains('\u{FFFD}'), "{out}");
}

#[test]
fn a_megabyte_attribute_value_and_comment() {
    let big = "x".repeat(1 << 20);
    let out = clean_checked(
        "attribute",
        format!("<p title=\"{big}\">text</p><a href=\"https://example.com/{big}\">link</a>"),
    );
    assert!(out.contains("text") && out.contains("link"));
    let out = clean_checked(
        "comment",
        format!("<p>before</p><!--{big}--><p>after</p><!--{big}"),
    );
    assert!(out.contains("before") && out.contains("after"));
    let out = clean_checked("raw text", format!("<p>a</p><style>{big}</style><p>b</p>"));
    assert!(out.contains('a') && out.contains('b'));
}

#[test]
fn a_hundred_thousand_attributes_on_one_element() {
    // Only 10,000 distinct names: html5ever's tokenizer checks each new attribute against all
    // earlier ones of the tag (O(n²): 100,000 distinct names take 11 s in release).
    let attrs: String = (0..10_000).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
    let dup: String = (0..100_000).map(|i| format!(" title=\"{i}\"")).collect();
    let out = clean_checked("attributes", format!("<p{attrs}>text</p><p{dup}>dup</p>"));
    assert!(out.contains("text") && out.contains("dup"));
    assert!(
        out.matches(" title=").count() <= 1,
        "duplicate attributes kept"
    );
}

#[test]
fn a_hundred_thousand_removed_siblings() {
    let out = clean_checked("siblings", format!("{}text", "<p></p>".repeat(100_000)));
    assert_eq!(out, "text");
    let out = clean_checked(
        "nested empties",
        format!(
            "<div>{}</div>text",
            "<div><p> </p><span></span></div>".repeat(20_000)
        ),
    );
    assert_eq!(common::visible_text(&out), "text");
}
