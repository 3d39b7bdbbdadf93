//! [`single_img_attrs`](super::single_img_attrs) reads the attributes html5ever gives the
//! one `<img>` of a fragment, or declines.

use super::simple_tests::{depths, ATTR_NAMES, BETWEEN, ENDS, EQUALS, QUOTES, VALUES};
use crate::dom::parse::parse_fragment_html5ever;
use markup5ever_rcdom::NodeData;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// What [`super::single_img_attrs`] gives for `html`, checked against html5ever: when it
/// answers, html5ever's nodes are text and one `<img>`, with these attributes in this order
/// (names lowercased, values decoded). Says whether it answered.
fn check_single_img(html: &str, depth: usize) -> Result<bool, TestCaseError> {
    let Some(fast) = super::single_img_attrs(html, depth) else {
        return Ok(false);
    };
    let fast: Vec<(String, String)> = fast
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let roots = parse_fragment_html5ever(html, depth);
    let mut images = Vec::new();
    for node in &roots {
        match &node.data {
            NodeData::Text { .. } => {}
            NodeData::Element { name, attrs, .. } => {
                prop_assert!(node.children.borrow().is_empty(), "{:?}", html);
                prop_assert_eq!(&*name.local, "img", "{:?}", html);
                prop_assert_eq!(&name.ns, &html5ever::ns!(html), "{:?}", html);
                let attrs: Vec<(String, String)> = attrs
                    .borrow()
                    .iter()
                    .map(|a| {
                        assert!(a.name.ns.is_empty() && a.name.prefix.is_none());
                        (a.name.local.to_string(), a.value.to_string())
                    })
                    .collect();
                images.push(attrs);
            }
            other => prop_assert!(false, "{:?} in {:?}", other, html),
        }
    }
    prop_assert_eq!(images, vec![fast], "{:?} at depth {}", html, depth);
    Ok(true)
}

const IMG_AROUND: &[&str] = &[
    "", " ", "\n  ", "\t", "\x0c", "x", "&amp;", "\r", "<br>", "\u{feff}",
];
const IMG_NAMES: &[&str] = &[
    "img", "IMG", "Img", "imgx", "img2", "im", "br", "i", "image",
];

/// One tag of attributes (as `markup_with` writes them), with things around it.
fn img_markup() -> impl Strategy<Value = String> {
    let attr = (
        0..ATTR_NAMES.len(),
        0..BETWEEN.len(),
        0..EQUALS.len(),
        0..QUOTES.len(),
        proptest::collection::vec(0..VALUES.len(), 0..3),
    );
    (
        prop_oneof![3 => Just(0usize), 1 => 0..IMG_AROUND.len()],
        prop_oneof![3 => Just(0usize), 1 => 0..IMG_NAMES.len()],
        proptest::collection::vec(attr, 0..6),
        0..ENDS.len(),
        prop_oneof![3 => Just(0usize), 1 => 0..IMG_AROUND.len()],
        prop_oneof![3 => Just(false), 1 => Just(true)],
    )
        .prop_map(|(lead, name, attrs, end, trail, weird)| {
            let pick = |list: &[&'static str], i: usize, plain: usize| {
                if weird {
                    list[i]
                } else {
                    list[i % plain]
                }
            };
            let mut out = String::from(IMG_AROUND[lead]);
            out.push('<');
            out.push_str(IMG_NAMES[name]);
            for (n, between, eq, quote, value) in attrs {
                out.push_str(pick(BETWEEN, between, 6));
                out.push_str(pick(ATTR_NAMES, n, 15));
                let quote = pick(QUOTES, quote, 4);
                if quote == "none" {
                    continue;
                }
                out.push_str(pick(EQUALS, eq, 4));
                out.push_str(quote);
                let value: String = value.iter().map(|&v| pick(VALUES, v, 15)).collect();
                out.push_str(if value.is_empty() && quote.is_empty() {
                    "v"
                } else {
                    &value
                });
                out.push_str(quote);
            }
            out.push_str(pick(ENDS, end, 4));
            out.push_str(IMG_AROUND[trail]);
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// An `<img>` alone, near the shape: the attributes read without nodes are html5ever's.
    #[test]
    fn single_img_attrs_are_html5evers(html in img_markup(), depth in depths()) {
        check_single_img(&html, depth)?;
    }
}

/// The generator above mostly makes markup `single_img_attrs` answers for, and the images
/// of pages are read.
#[test]
fn single_img_attrs_answers_for_most_images() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut taken, mut total) = (0, 0);
    for _ in 0..1000 {
        let html = img_markup().new_tree(&mut runner).unwrap().current();
        total += 1;
        if check_single_img(&html, 4).unwrap() {
            taken += 1;
        }
    }
    assert!(taken * 10 >= total * 4, "only {taken} of {total}");
    for html in [
        r#"<img data-lazy-fallback="1" width="1024" src="https://i0.wp.com/a.jpg?resize=1024%2C683&#038;ssl=1" class="wp-image-123" alt="Boats">"#,
        r#"<img alt="" class="bg md" src="https://miro.medium.com/max/1400/1*H7.jpeg" width="700" srcSet="https://miro.medium.com/max/552/1*H7.jpeg 276w" sizes="700px" role="presentation"/>"#,
        r#" <img src="https://pic3.zhimg.com/v2-9df_b.png" data-caption="" data-size="small" width="640"/>
"#,
        r#"<img src="https://pixel.wp.com/g.gif?v=noscript&blog=1904&post=4127&srv=a.com" width="1" style="position:absolute;" alt="" />"#,
    ] {
        assert!(check_single_img(html, 3).unwrap(), "{html}");
    }
    for html in [
        "<img src=x><img src=y>",
        "<p><img src=x></p>",
        "<img src=x>text",
        "<imgx src=x>",
    ] {
        assert!(!check_single_img(html, 3).unwrap(), "{html}");
    }
}
