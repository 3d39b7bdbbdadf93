//! The fast path of [`parse_simple`] builds the nodes html5ever builds, or declines.

use super::parse_simple;
use crate::dom::parse::depth::MAX_DEPTH;
use crate::dom::parse::parse_fragment_html5ever;
use markup5ever_rcdom::{Handle, NodeData};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::fmt::Write;

/// Everything about a node list the rest of the crate can see: names, namespaces and
/// prefixes, attributes in order, text, template contents, and that each node's parent is
/// the node it hangs from (none at the top).
pub(in crate::dom::parse) fn describe(nodes: &[Handle]) -> String {
    let mut out = String::new();
    let mut stack: Vec<(Handle, Option<Handle>, usize)> =
        nodes.iter().rev().map(|n| (n.clone(), None, 0)).collect();
    while let Some((node, parent, depth)) = stack.pop() {
        let actual = node.parent.take();
        node.parent.set(actual.clone());
        let same_parent = match (actual.and_then(|w| w.upgrade()), &parent) {
            (None, None) => true,
            (Some(a), Some(p)) => std::rc::Rc::ptr_eq(&a, p),
            _ => false,
        };
        write!(out, "{:indent$}", "", indent = depth * 2).unwrap();
        match &node.data {
            NodeData::Element {
                name,
                attrs,
                template_contents,
                mathml_annotation_xml_integration_point,
            } => {
                write!(out, "<{:?} {:?} {}", name.prefix, name.ns, name.local).unwrap();
                for a in attrs.borrow().iter() {
                    write!(
                        out,
                        " {:?}|{:?}|{}={:?}",
                        a.name.prefix, a.name.ns, a.name.local, &*a.value
                    )
                    .unwrap();
                }
                let template = template_contents.borrow().is_some();
                write!(
                    out,
                    " t={template} m={mathml_annotation_xml_integration_point}"
                )
                .unwrap();
            }
            NodeData::Text { contents } => write!(out, "{:?}", &**contents.borrow()).unwrap(),
            other => write!(out, "other {other:?}").unwrap(),
        }
        writeln!(out, " parent_ok={same_parent}").unwrap();
        for child in node.children.borrow().iter().rev() {
            stack.push((child.clone(), Some(node.clone()), depth + 1));
        }
    }
    out
}

/// The fast path, where it answers, agrees with html5ever; says whether it answered.
pub(super) fn check(html: &str, depth: usize) -> Result<bool, TestCaseError> {
    let slow = describe(&parse_fragment_html5ever(html, depth));
    match parse_simple(html, depth) {
        Some(fast) => {
            prop_assert_eq!(describe(&fast), slow, "{:?} at depth {}", html, depth);
            Ok(true)
        }
        None => Ok(false),
    }
}

const ELEMENTS: &[&str] = &[
    "img",
    "IMG",
    "Img",
    "br",
    "wbr",
    "source",
    "div",
    "DIV",
    "figure",
    "figcaption",
    "p",
    "P",
    "span",
    "picture",
    "a",
    "A",
    "blockquote",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "cite",
    "sub",
    "sup",
    "abbr",
    "mark",
    "time",
    "kbd",
    "var",
    "samp",
    "dfn",
    "b",
    "i",
    "em",
    "strong",
    "code",
    "u",
    "s",
    "small", // near the shape
    "image",
    "li",
    "table",
    "hr",
    "input",
    "template",
    "svg",
    "math",
    "script",
    "noscript",
    "textarea",
    "select",
    "option",
    "iframe",
    "button",
    "img2",
    "h1",
    "nobr",
    "ul",
    "pre",
    "font",
    "big",
    "tt",
    "object",
    "applet",
    "marquee",
    "dd",
    "ruby",
    "rt",
    "form",
    "caption",
];
/// How many of [`ELEMENTS`] are of the shape.
const SHAPE_ELEMENTS: usize = 40;
pub(super) const ATTR_NAMES: &[&str] = &[
    "src",
    "SRC",
    "alt",
    "data-src",
    "srcSet",
    "srcset",
    "class",
    "Width",
    "loading",
    "data-original",
    "x:y",
    "a.b",
    "a_b",
    "9n",
    "xlink:href",
    "on",
    "é",
    "\"q",
    "a\"b",
];
pub(super) const BETWEEN: &[&str] = &[" ", "  ", "\n", "\t", "\x0c", "", "\r", " / "];
pub(super) const EQUALS: &[&str] = &["=", " = ", "= ", "\n=\n"];
pub(super) const QUOTES: &[&str] = &["\"", "'", "", "none"];
pub(super) const VALUES: &[&str] = &[
    "a.jpg",
    "https://a.example/wp-content/uploads/2023/04/photo-1024x683.jpg",
    "/x/y.png?a=1",
    "&amp;",
    "&#038;",
    "&#x26;",
    "&#X3c;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&nbsp;",
    " ",
    "&blog=4&srv=x",
    "é中",
    "'",
    "\"",
    "&blog=",
    "&amp",
    "&#0;",
    "&#128;",
    "&#xD800;",
    "&#9;",
    "&#1234567;",
    "&#;",
    "&notin;",
    "&copy;",
    "&",
    "&not=",
    "&notit=",
    "&amp=",
    "&#12=",
    "&copy=x",
    "&=",
    "&a1=",
    "&AMP=",
    "&lt=",
    "&lt;=",
    "\r",
    "\0",
    ">",
    "/",
    "=",
    "`",
    "<",
    "\n",
    "\t",
];
pub(super) const ENDS: &[&str] = &[">", " >", "/>", " />", "/ >", "\n>", "/x>"];
const TEXT: &[&str] = &[
    "x",
    " ",
    "\n",
    "é 中",
    "&amp;",
    "&lt;b&gt;",
    "&#60;",
    "&nbsp;",
    "&",
    "<",
    "\r\n",
    "\0",
    "&copy",
    "&notin;",
    "\u{feff}",
    "a < b",
    "&#x1F600;",
    "\t\x0c",
];
const JUNK: &[&str] = &[
    "<!--c-->",
    "</div>",
    "</p>",
    "</a>",
    "</span>",
    "<p>",
    "<a href=x>",
    "<div>",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "=",
    "/",
    "</img>",
    "</br>",
    "<b>",
    "<br/>",
    "<img>",
    "<table>",
    "\u{feff}",
    "</ div>",
    "</div >",
    "<?x>",
    "<!doctype html>",
];

/// One step of generated markup: open an element (with attributes, its end written as the
/// step says), close the last one opened, or text.
type Step = (
    usize,
    usize,
    Vec<(usize, usize, usize, usize, Vec<usize>)>,
    usize,
);

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let attr = (
        0..ATTR_NAMES.len(),
        0..BETWEEN.len(),
        0..EQUALS.len(),
        0..QUOTES.len(),
        proptest::collection::vec(0..VALUES.len(), 0..3),
    );
    proptest::collection::vec(
        (
            0..4usize,
            0..ELEMENTS.len(),
            proptest::collection::vec(attr, 0..4),
            0..ENDS.len(),
        ),
        0..10,
    )
}

/// Markup from `steps`, elements closed in order (a generated document is well nested).
fn markup(steps: &[Step], weird: bool) -> String {
    markup_with(steps, weird, weird)
}

/// [`markup`], with elements of any name (`weird_names`) and other pieces off the shape
/// (`weird`): without them, only the pieces of the shape (the first of each list, mostly).
fn markup_with(steps: &[Step], weird_names: bool, weird: bool) -> String {
    let pick = |list: &[&'static str], i: usize, plain: usize| {
        if weird {
            list[i]
        } else {
            list[i % plain]
        }
    };
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for (op, element, attrs, end) in steps {
        match op {
            0 | 1 => {
                let name = if weird_names && element % 3 == 0 {
                    // One name in three off the shape: most of the markup stays in it.
                    ELEMENTS[SHAPE_ELEMENTS + element / 3 % (ELEMENTS.len() - SHAPE_ELEMENTS)]
                } else if weird_names {
                    ELEMENTS[element % SHAPE_ELEMENTS]
                } else {
                    pick(ELEMENTS, *element, SHAPE_ELEMENTS)
                };
                out.push('<');
                out.push_str(name);
                for (n, between, eq, quote, value) in attrs {
                    out.push_str(pick(BETWEEN, *between, 6));
                    out.push_str(pick(ATTR_NAMES, *n, 15));
                    let quote = pick(QUOTES, *quote, 4);
                    if quote == "none" {
                        continue;
                    }
                    out.push_str(pick(EQUALS, *eq, 4));
                    out.push_str(quote);
                    let value: String = value.iter().map(|&v| pick(VALUES, v, 15)).collect();
                    let value = if value.is_empty() && quote.is_empty() {
                        "v".to_string()
                    } else {
                        value
                    };
                    out.push_str(&value);
                    out.push_str(quote);
                }
                let void = matches!(
                    name.to_ascii_lowercase().as_str(),
                    "img" | "br" | "wbr" | "source"
                );
                out.push_str(if void || weird {
                    pick(ENDS, *end, 4)
                } else {
                    pick(ENDS, *end, 2)
                });
                if !void {
                    open.push(name);
                }
            }
            2 => {
                if let Some(name) = open.pop() {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            _ => {
                out.push_str(pick(TEXT, *element % TEXT.len(), 8));
            }
        }
    }
    while let Some(name) = open.pop() {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    out
}

pub(super) fn depths() -> impl Strategy<Value = usize> {
    prop_oneof![
        Just(0usize),
        Just(3),
        Just(100),
        (MAX_DEPTH - 6)..(MAX_DEPTH + 3),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// Markup of the shape: the fast path builds what html5ever builds.
    #[test]
    fn simple_markup_parses_as_html5ever_does(steps in steps(), depth in depths()) {
        check(&markup(&steps, false), depth)?;
    }

    /// Markup near the shape (odd names, values, references, ends, text): the fast path
    /// declines or builds what html5ever builds.
    #[test]
    fn markup_near_the_shape_parses_as_html5ever_does(steps in steps(), depth in depths()) {
        check(&markup(&steps, true), depth)?;
    }

    /// Markup of the shape but for the names of its elements (which the tree builder may
    /// treat otherwise: close, reopen, move).
    #[test]
    fn markup_of_other_elements_parses_as_html5ever_does(steps in steps(), depth in depths()) {
        check(&markup_with(&steps, true, false), depth)?;
    }

    /// Markup of the shape with one piece of junk put anywhere.
    #[test]
    fn markup_with_junk_parses_as_html5ever_does(
        steps in steps(),
        at in any::<proptest::sample::Index>(),
        junk in 0..JUNK.len(),
        depth in depths(),
    ) {
        let mut html = markup(&steps, false);
        let mut cut = at.index(html.len() + 1);
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        html.insert_str(cut, JUNK[junk]);
        check(&html, depth)?;
    }
}

/// The generator of the shape mostly makes markup the fast path takes: the properties above
/// test it, not only html5ever against itself.
#[test]
fn the_fast_path_takes_most_generated_markup() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut taken, mut total) = (0, 0);
    for _ in 0..500 {
        let steps = steps().new_tree(&mut runner).unwrap().current();
        let html = markup(&steps, false);
        total += 1;
        if check(&html, 4).unwrap() {
            taken += 1;
        }
    }
    assert!(taken * 10 >= total * 6, "only {taken} of {total}");
}

#[test]
fn what_pages_hold_is_taken() {
    for html in [
        r#"<img src="https://a.example/u/1.jpg?quality=90&amp;auto=webp">"#,
        r#"<img data-lazy-fallback="1" width="1024" src="https://i0.wp.com/a.jpg?resize=1024%2C683&#038;ssl=1" class="wp-image-123" alt="Boats">"#,
        r#"<img alt="" class="bg md" src="https://miro.medium.com/max/1400/1*H7.jpeg" width="700" srcSet="https://miro.medium.com/max/552/1*H7.jpeg 276w, https://miro.medium.com/max/1104/1*H7.jpeg 552w" sizes="700px" role="presentation"/>"#,
        r#"<img src="https://pic3.zhimg.com/v2-9df_b.png" data-caption="" data-size="small" width="640"/>"#,
        "<figure><img src=\"//upload.example/a.png\" width=\"1200\" loading=\"lazy\"><figcaption>滚动监听方案的性能面板截图</figcaption></figure>",
        "<p><a href=\"https://www.youtube.com/watch?v=Qv7\">Tour of the array</a></p>",
        r#"<img src="https://pixel.wp.com/g.gif?v=noscript&blog=1904&post=4127&srv=a.com" width="1" style="position:absolute;" alt="" />"#,
        "<figure><img src=\"a.jpg\" alt=\"x\"class=\"\"\n  style=\"width:100%;\"\n><figcaption><strong>A <em>b</em></strong> <cite>c</cite></figcaption></figure>",
        "<div><code>\\begin{aligned}\nC_G(g)=\\langle g\\rangle\n\\end{aligned}</code></div>",
        "r<sub>perf</sub>",
        "\n  <picture><source srcset=\"a.webp\" type=\"image/webp\"><img src=a.jpg></picture>\n",
    ] {
        assert!(check(html, 3).unwrap(), "{html}");
    }
}

#[test]
fn what_html5ever_reads_otherwise_is_not() {
    for html in [
        "<img src=\"x\">\r\n",
        "<img src=\"&copy\">",
        "<img src=\"a?x=1&not\">",
        "<img src=\"a?x=1&#12=\">",
        "x&not=y",
        "<img src=\"x\"=\"y\">",
        "<b><i><b>x</b></i></b>",
        "<pre>\nx</pre>",
        "<img src=x / alt=y>",
        "<p><div></div></p>",
        "<a><span><a>x</a></span></a>",
        "<div><span></div></span>",
        "<div>",
        "<!--x--><img>",
        "\u{feff}<img>",
        "<div/>",
        "<img src=\"&#128;\">",
    ] {
        assert!(parse_simple(html, 3).is_none(), "{html:?}");
    }
    assert!(parse_simple("<img>", MAX_DEPTH).is_none());
}

#[test]
fn known_atoms_are_the_atoms_of_their_names() {
    for name in super::KNOWN_NAMES {
        assert_eq!(
            super::known_atom(name),
            Some(html5ever::LocalName::from(*name)),
            "{name}"
        );
    }
    assert_eq!(super::known_atom("data-src"), None);
    assert_eq!(super::known_atom("IMG"), None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]
    /// `lowercase_atom` is the atom of the name lowercased, whether [`super::known_atom`]
    /// knows it or not.
    #[test]
    fn lowercase_atom_is_the_lowercase_names_atom(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "img", "IMG", "src", "Src", "set", "srcset", "a", "A", "data-", "-", "class",
            "width", "Height", "figcaption", "br", "x", "é", "",
        ][..]), 0..4)
    ) {
        let name = pieces.concat();
        prop_assert_eq!(
            super::lowercase_atom(&name),
            html5ever::LocalName::from(name.to_ascii_lowercase()),
            "{:?}", name
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    /// The atoms `other_atom` keeps are the names' own, however the names fall on its slots:
    /// many names in a row, repeated and colliding, short and long (inline, static and dynamic
    /// atoms), each checked as it comes.
    #[test]
    fn other_atoms_are_the_names_atoms(
        names in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(&[
                "data-", "src", "lazy", "-", "original", "x", "y", "é", "img", "", "width",
                "0123456789",
            ][..]), 0..4),
            1..600,
        )
    ) {
        for pieces in names {
            let name = pieces.concat();
            prop_assert_eq!(
                super::other_atom(&name),
                html5ever::LocalName::from(name.as_str()),
                "{:?}", name
            );
        }
    }
}
