//! Times cleaning of generated worst-case inputs at two sizes, to show the cost is linear.
//!
//! ```text
//! cargo run --release --example scale_probe
//! ```
//!
//! Each line: the input kind, its size at n and at 10·n, both times and their ratio (about 10
//! when linear, about 100 when quadratic).

use std::time::{Duration, Instant};

fn nested(tags: &[&str], n: usize) -> String {
    let mut html = String::new();
    for i in 0..n {
        html.push('<');
        html.push_str(tags[i % tags.len()]);
        html.push('>');
    }
    html.push_str("deep text");
    for i in (0..n).rev() {
        html.push_str("</");
        html.push_str(tags[i % tags.len()]);
        html.push('>');
    }
    html
}

/// A plausible article page of about `bytes` bytes: paragraphs, links, images, lists.
fn page(bytes: usize) -> String {
    let block = concat!(
        r#"<div class="post"><h2>Heading</h2><p>Some <b>bold</b> and <a href="https://example.com/a?utm_source=x" onclick="t()">a link</a>, "#,
        r#"then more words in the paragraph so it has some length to it.</p><figure><img class="lazy" data-src="https://example.com/i.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></figure>"#,
        r#"<ul><li>one</li><li>two <i>three</i></li></ul><p></p><script>var x = 1;</script><table><tr><td>cell</td></tr></table></div>"#
    );
    block.repeat(bytes / block.len() + 1)
}

fn time(html: &str) -> Duration {
    let start = Instant::now();
    let out = articlean::clean(html);
    let took = start.elapsed();
    assert!(out.contains("text") || out.contains("words"), "text lost");
    took
}

/// A named input generator: size parameter to HTML.
type Case = (&'static str, Box<dyn Fn(usize) -> String>);

fn main() {
    let n = 10_000;
    let cases: Vec<Case> = vec![
        ("nested div", Box::new(|n| nested(&["div"], n))),
        (
            "nested blockquote",
            Box::new(|n| nested(&["blockquote"], n)),
        ),
        (
            "nested div/blockquote/section/table/li/svg/p",
            Box::new(|n| {
                nested(
                    &["div", "blockquote", "section", "table", "li", "svg", "p"],
                    n,
                )
            }),
        ),
        (
            "nested div/section/ul/li/blockquote",
            Box::new(|n| nested(&["div", "section", "ul", "li", "blockquote"], n)),
        ),
        ("nested b", Box::new(|n| nested(&["b"], n))),
        (
            "reopened <p><b id=N></p> (formatting reconstruction)",
            Box::new(|n| {
                (0..n / 10)
                    .map(|i| format!("<p><b id=b{i}>text</p>"))
                    .collect()
            }),
        ),
        (
            "siblings <p></p>",
            Box::new(|n| format!("{}text", "<p></p>".repeat(n))),
        ),
    ];
    for (name, make) in &cases {
        let small = make(n);
        let large = make(10 * n);
        let (a, b) = (time(&small), time(&large));
        println!(
            "{name}: n={n} ({} B) {:.3}s, n={} ({} B) {:.3}s, ratio {:.1}",
            small.len(),
            a.as_secs_f64(),
            10 * n,
            large.len(),
            b.as_secs_f64(),
            b.as_secs_f64() / a.as_secs_f64().max(1e-9)
        );
    }
    let (small, large) = (page(5 << 20), page(50 << 20));
    let (a, b) = (time(&small), time(&large));
    println!(
        "article page: 5 MB {:.3}s, 50 MB {:.3}s, ratio {:.1}",
        a.as_secs_f64(),
        b.as_secs_f64(),
        b.as_secs_f64() / a.as_secs_f64().max(1e-9)
    );
}
