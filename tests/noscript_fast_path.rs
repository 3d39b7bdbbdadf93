//! End to end, the fragment fast path (`dom::parse::simple`) against html5ever: a
//! `<noscript>` fallback cleaned as written, and the same fallback with an empty comment
//! after it, which the fast path declines (html5ever then parses the whole fallback, the
//! comment one node more, which the sanitizer drops). Both pages must clean to the same
//! output, and that output must be safe (`common::safety`).

mod common;

use articlean::Cleaner;
use common::safety;
use proptest::prelude::*;

const ELEMENTS: &[&str] = &[
    "img",
    "img",
    "img",
    "br",
    "source",
    "div",
    "figure",
    "figcaption",
    "p",
    "span",
    "picture",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "code",
    "small",
    "sub",
    "cite",
    "blockquote",
    "section",
    "IMG",
    "A",
    "li",
    "table",
    "svg",
    "nobr",
];
const ATTRS: &[&str] = &[
    "src",
    "srcset",
    "alt",
    "href",
    "class",
    "width",
    "data-src",
    "loading",
    "title",
    "onerror",
    "style",
    "SRC",
    "data-lazy-src",
    "sizes",
];
const VALUES: &[&str] = &[
    "https://a.example/u/photo-1024x683.jpg",
    "https://i0.wp.com/a.example/u/photo.jpg?resize=300%2C200&amp;ssl=1",
    "https://a.example/u/photo.jpg?quality=90&amp;auto=webp",
    "//cdn.example/a.png",
    "/u/b.jpg",
    "a.jpg 1x, b.jpg 2x",
    "https://wx1.sinaimg.cn/large/abc.jpg",
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "https://a.example/blank.gif",
    "javascript:alert(1)",
    "Boats &amp; ships",
    "&lt;script&gt;",
    "&#60;b&#62;",
    "&copy=1",
    "x&not=y",
    "&nbsp;",
    "1024",
    "",
    "lazy",
    "https://pixel.wp.com/g.gif?v=noscript&blog=1&post=2",
];
const TEXTS: &[&str] = &[
    "Caption",
    " ",
    "\n",
    "滚动监听",
    "&amp;",
    "&lt;b&gt;",
    "&#160;",
    "a &gt; b",
    "&copy;",
];

type Step = (u8, usize, Vec<(usize, usize, u8)>);

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let attr = (0..ATTRS.len(), 0..VALUES.len(), 0..3u8);
    proptest::collection::vec(
        (
            0..4u8,
            0..ELEMENTS.len().max(TEXTS.len()),
            proptest::collection::vec(attr, 0..4),
        ),
        1..10,
    )
}

fn fallback(steps: &[Step]) -> String {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for (op, n, attrs) in steps {
        match op {
            0 | 1 => {
                let name = ELEMENTS[n % ELEMENTS.len()];
                out.push('<');
                out.push_str(name);
                for (a, v, q) in attrs {
                    out.push(' ');
                    out.push_str(ATTRS[*a]);
                    let v = VALUES[*v];
                    match q {
                        0 => out.push_str(&format!("=\"{v}\"")),
                        1 => out.push_str(&format!("='{v}'")),
                        _ if !v.is_empty() && !v.contains([' ', '>', '\'', '"', '=']) => {
                            out.push_str(&format!("={v}"))
                        }
                        _ => {}
                    }
                }
                out.push('>');
                if !matches!(name.to_ascii_lowercase().as_str(), "img" | "br" | "source") {
                    open.push(name);
                }
            }
            2 => {
                if let Some(name) = open.pop() {
                    out.push_str(&format!("</{name}>"));
                }
            }
            _ => out.push_str(TEXTS[n % TEXTS.len()]),
        }
    }
    while let Some(name) = open.pop() {
        out.push_str(&format!("</{name}>"));
    }
    out
}

fn cleaners() -> Vec<Cleaner> {
    vec![
        Cleaner::default(),
        Cleaner::builder()
            .with_base_url("https://wx1.sinaimg.cn/post/")
            .build()
            .unwrap(),
    ]
}

proptest! {
    #![proptest_config(common::props::config(600))]

    #[test]
    fn noscript_fallbacks_clean_as_html5ever_parses_them(steps in steps(), before in 0..3usize) {
        let x = fallback(&steps);
        let around = [
            "",
            "<img data-src=\"https://a.example/u/photo.jpg\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
            "<figure><img src=\"https://a.example/u/other.jpg\"></figure>",
        ][before];
        for cleaner in cleaners() {
            let page = |tail: &str| {
                format!("<p>Intro text.</p>{around}<noscript>{x}{tail}</noscript><p>After.</p>")
            };
            let fast = cleaner.clean(&page("")).into_html();
            let slow = cleaner.clean(&page("<!---->")).into_html();
            prop_assert_eq!(&fast, &slow, "fallback {:?}", x);
            let again = cleaner.clean(&fast).into_html();
            let problems = safety::check(&fast, &again);
            prop_assert!(problems.is_empty(), "{:?}: {:?}", x, problems);
        }
    }
}
