//! Lifting attributes past the tokenizer gives the tree the tokenizer gives, on generated
//! tags of every shape the attribute states read, and on the markup around them.

use super::attribute;
use crate::dom::parse::{parse, parse_lifting, InputKind, Prefilter};
use crate::Cleaner;
use markup5ever_rcdom::{Handle, NodeData};
use proptest::prelude::*;

/// The tree under `node`, every name with its namespace and every attribute in order.
fn dump(node: &Handle, out: &mut String) {
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            out.push_str(&format!("<{}:{}", &*name.ns, &*name.local));
            for a in attrs.borrow().iter() {
                out.push_str(&attr_text(a));
            }
            out.push('>');
        }
        NodeData::Text { contents } => out.push_str(&format!("{:?}", &**contents.borrow())),
        NodeData::Comment { contents } => out.push_str(&format!("<!--{:?}-->", &**contents)),
        _ => {}
    }
    for child in node.children.borrow().iter() {
        dump(child, out);
    }
    out.push_str("</>");
}

fn attr_text(a: &html5ever::Attribute) -> String {
    format!(
        " {}:{}:{}={:?}",
        a.name.prefix.as_deref().unwrap_or(""),
        &*a.name.ns,
        &*a.name.local,
        &*a.value
    )
}

/// `html` parsed as `kind` with the default cleaner's attribute filter (nothing else
/// dropped), with or without lifting.
pub(in crate::dom::parse) fn parse_with_default_filter(
    html: &str,
    kind: InputKind,
    lift: bool,
) -> crate::dom::parse::Parsed {
    let cleaner = Cleaner::default();
    let filter = Prefilter {
        drop_element: &|_, _| false,
        drop_comments: false,
        attributes: cleaner.inner.attributes.as_ref(),
        skip_drawings: false,
    };
    parse_lifting(html, kind, 0, Some(filter), lift)
}

/// `html` parsed with the default cleaner's attribute filter, with or without lifting.
fn parsed(html: &str, kind: InputKind, lift: bool) -> String {
    let parsed = parse_with_default_filter(html, kind, lift);
    let mut out = String::new();
    dump(&parsed.root, &mut out);
    out
}

fn same_tree(html: &str) -> Result<(), TestCaseError> {
    for kind in [InputKind::Fragment, InputKind::Document] {
        // Short generated pages hold no frameset and stay far from the depth cap: the
        // tokenizer reads every marker and code the scan wrote, and no page is parsed again
        // (which would hide a difference: the second parse cuts no attribute).
        prop_assert!(!disagrees(html, kind), "{:?} as {:?}", html, kind);
        prop_assert_eq!(
            parsed(html, kind, true),
            parsed(html, kind, false),
            "{:?} as {:?}",
            html,
            kind
        );
    }
    Ok(())
}

/// Names as pages write them and as the tokenizer must still read them: kept and dropped
/// ones, in capitals, repeated, with quotes, `<` or `=` in them, NUL, non-ASCII.
const NAMES: &[&str] = &[
    "src",
    "SRC",
    "Src",
    "data-src",
    "DATA-SRC",
    "srcset",
    "alt",
    "class",
    "style",
    "href",
    "title",
    "width",
    "onclick",
    "onClick",
    "data-x",
    "id",
    "type",
    "color",
    "encoding",
    "xlink:href",
    "\"a",
    "'b",
    "<c",
    "=d",
    "e\0f",
    "é",
    "loading",
    "srcSet",
    "data-original",
    "aria-label",
    "\u{1}",
];

/// Values as written after `=`, with every reference shape the lift answers or declines.
const VALUES: &[&str] = &[
    "x.jpg",
    "\"https://a.test/i.jpg?w=1&amp;h=2\"",
    "'a b'",
    "\"a&b=c\"",
    "\"&not\"",
    "\"&notit;\"",
    "\"&amp\"",
    "\"&ampx\"",
    "\"&amp=\"",
    "\"&#38;\"",
    "\"&#x26\"",
    "\"&#0;\"",
    "\"&#128;\"",
    "\"&lt;&gt;&quot;&apos;&nbsp;\"",
    "\"&\"",
    "\"&&\"",
    "\"& \"",
    "\"&#\"",
    "\"a\r\nb\"",
    "\"a\rb\"",
    "\"a\0b\"",
    "\"\"",
    "''",
    "a/",
    "a&b",
    "a&amp;b",
    "\">\"",
    "'\"'",
    "\"'\"",
    "\"/\"",
    "\"é&eacute;\"",
    "\"\u{1}\"",
    "=a",
    "a`b",
    "\"<b>\"",
    "\"&#x1F600;\"",
    "\"&#55296;\"",
    "\"&copy;2\"",
    "\"&copy2\"",
    "\"a&b\"",
    // Named references with and without `;`, legacy ones, two-character ones, near-misses.
    "\"&sect; 19a\"",
    "\"K&ouml;ln\"",
    "\"&notin;\"",
    "\"&notin\"",
    "\"&not \"",
    "\"&not\"",
    "'&copy'",
    "&copy",
    "\"&AMP;&Amp;\"",
    "\"&NotNestedGreaterGreater;\"",
    "\"&nGt;\"",
    "\"&is-pending=1#038;ssl=1\"",
    "\"?a=1&utm_source=x&lang=en\"",
    "\"&amp;amp;\"",
    "\"&ampx\"",
    "\"&amp-x\"",
    "\"&lt&gt\"",
    "\"&quot&\"",
    "\"&;\"",
    "\"&-\"",
    "&amp",
    // Numeric ones: without `;`, without digits, C1, noncharacters, controls, too big, long.
    "\"&#38\"",
    "\"&#x26x\"",
    "\"&#x\"",
    "\"&#X41;\"",
    "\"&#128;&#x81;&#x9F;\"",
    "\"&#xFDD0;&#xFFFE;&#x10FFFF;\"",
    "\"&#x110000;\"",
    "\"&#13;&#x7F;&#1;\"",
    "\"&#99999999;\"",
    "\"&#000000065;\"",
    "\"&#x00000041;\"",
    "\"&#xD800;&#0;\"",
    "\"&#x5C0F;&#x3055;&#xFF01;\"",
    "'&#'",
    "\"&#65;x\"",
];

/// What comes between attributes, and after the last.
const SEPARATORS: &[&str] = &[" ", "  \n\t ", "/", " / ", "", "\r\n", "\x0c"];
const ENDS: &[&str] = &[">", "/>", " />", " >", "", "/ >"];
const TAGS: &[&str] = &[
    "img",
    "IMG",
    "a",
    "div",
    "p",
    "span",
    // Names with a code (see `name_codes`), and names that read as codes.
    "Span",
    "FIGURE",
    "figcaption",
    "section",
    "blockquote",
    "code",
    "d",
    "D",
    "z",
    "za",
    "ZB",
    "zz",
    "svg",
    "math",
    "script",
    "textarea",
    "title",
    "template",
    "table",
    "input",
    "font",
    "html",
    "body",
    "select",
    "option",
    "noscript",
    "iframe",
    "source",
    "picture",
    "image",
    "base",
    "meta",
    "plaintext",
    "foreignObject",
    "b",
];
/// Markup around the tags: text, references in text, comments, end tags, CDATA.
const AROUND: &[&str] = &[
    "text",
    "&amp; &copy",
    "<!-- c -->",
    "</p>",
    "</div>",
    "</svg>",
    "</script>",
    "</textarea>",
    "<![CDATA[ x ]]>",
    "<br>",
    "\n",
    "</a>",
    "<!--<img src=z>-->",
    "</table>",
    "</template>",
    "</select>",
    "</noscript>",
    "<span>",
    "</span>",
    "<DIV>",
    "</Div >",
    "</section class=x>",
    "</figcaption/>",
    "<d>",
    "</d>",
    "</za>",
    "<m>",
    // Runs of end tags (one tag to the tokenizer, see `lift::RUN_NAME`), in orders that
    // close different elements when read in another order.
    "</span></div>",
    "</div></span>",
    "</section></SPAN></div>",
    "<span><div>",
];

fn attribute_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(NAMES),
        prop::option::of((
            prop::sample::select(&[" = ", "=", " =", "= "][..]),
            prop::sample::select(VALUES),
        )),
        prop::sample::select(SEPARATORS),
    )
        .prop_map(|(name, value, sep)| match value {
            Some((eq, v)) => format!("{name}{eq}{v}{sep}"),
            None => format!("{name}{sep}"),
        })
}

fn tag_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(TAGS),
        prop::sample::select(&[" ", "\n", "/", "  "][..]),
        prop::collection::vec(attribute_text(), 0..6),
        prop::sample::select(ENDS),
    )
        .prop_map(|(name, first, attrs, end)| format!("<{name}{first}{}{end}", attrs.concat()))
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => tag_text(), 1 => prop::sample::select(AROUND).prop_map(str::to_string)],
        1..12,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The tree parsed with attributes lifted is the tree parsed without: same elements,
    /// same attributes in the same order, with the same values and namespaces.
    #[test]
    fn lifting_never_changes_the_tree(html in page()) {
        same_tree(&html)?;
    }

    /// Where the lift reads an attribute, it reads it as the tokenizer does: the same name
    /// and value as html5ever gives the tag written alone.
    #[test]
    fn a_lifted_attribute_is_the_tokenizers(
        name in prop::sample::select(NAMES),
        value in prop::sample::select(VALUES),
    ) {
        let bytes = value.as_bytes();
        let quoted = bytes.len() >= 2
            && matches!(bytes[0], b'"' | b'\'')
            && bytes[bytes.len() - 1] == bytes[0];
        let raw = if quoted { &value[1..value.len() - 1] } else { value };
        if let Some(lifted) = attribute(name, raw) {
            let html = format!("<p {name}={value}>");
            let mut tree = String::new();
            dump(&parse(&html, InputKind::Fragment).root, &mut tree);
            let expected = format!("{}>", attr_text(&lifted));
            prop_assert!(tree.contains(&expected), "{} gave {}, lifted {}", html, tree, expected);
        }
    }
}

/// Shapes written out: every lift the scan makes is undone by the gate.
#[test]
fn pages_with_lifted_tags_parse_as_written() {
    for html in [
        "<img src=\"a.jpg\" alt=\"A &amp; B\" class=\"lazy\" data-src=\"https://x.test/b.jpg?w=1&amp;h=2\">",
        "<p><a href=\"https://x.test/?a=1&b=2\" onclick=\"x()\">t</a></p>",
        "<img src=x.jpg/><img src='y.jpg'/><img/src=z.jpg>",
        "<svg><a href=x><img src=y></a></svg><img src=z>",
        "<table><input type=hidden name=x><td>a</td></table>",
        "<html lang=en><body class=x><p id=a>t</p></body></html>",
        "<img src=\"a\" src=\"b\" SRC=c alt=\"&#x1F600;\">",
        "<div title=\"&not\" data-a=\"&notit;\">x</div>",
    ] {
        same_tree(html).unwrap();
    }
}

/// Whether the gate notes that a raw-text start tag did not switch the tokenizer to raw text
/// (see `Gate::scan_disagreed`), parsing `html` as `kind` with the default filter.
fn disagrees(html: &str, kind: InputKind) -> bool {
    use crate::dom::parse::attr_cap::filter_attributes;
    use crate::dom::parse::{build, depth::DepthSink};
    let cleaner = Cleaner::default();
    let (input, _, lifted) = filter_attributes(html, cleaner.inner.attributes.as_ref(), true);
    let sink = DepthSink::new(0, kind == InputKind::Fragment);
    build(input, kind, sink, lifted, true).1.scan_disagreed
}

/// The gate notes a raw-text start tag that the tree builder ignores (after a frameset) or
/// that it drops (past the depth cap), so that the page is parsed again; not one it reads in foreign content
/// (`<svg><title>`, common on pages), where the scan has given up already, nor one that
/// switched the tokenizer as the scan expects.
#[test]
fn the_gate_notes_raw_text_the_tree_builder_ignored() {
    assert!(disagrees(
        "<!doctype html><frameset></frameset><textarea>x</textarea>",
        InputKind::Document
    ));
    assert!(disagrees(
        &format!("{}<title>x</title>", "<div>".repeat(600)),
        InputKind::Fragment
    ));
    for kind in [InputKind::Fragment, InputKind::Document] {
        assert!(!disagrees(
            "<svg><title>t</title><style>s</style><text>x</text></svg><p class=a>x</p>",
            kind
        ));
        assert!(!disagrees(
            "<style>x</style><textarea>y</textarea><script>z</script><noscript>n</noscript>",
            kind
        ));
    }
}

/// The scan's input, lists and names written as codes alone for `html` with the default
/// filter.
fn scanned(html: &str) -> (String, usize, usize) {
    use crate::dom::parse::attr_cap::filter_attributes;
    let cleaner = Cleaner::default();
    let (input, _, lifted) = filter_attributes(html, cleaner.inner.attributes.as_ref(), true);
    (input.to_string(), lifted.lists.len(), lifted.code_only)
}

/// Each marker written stands for one list, in order: a common name is written as its code
/// (`<m\u{1}>`, see `name_codes`), another short plain name carries the marker
/// (`<em\u{1}>`), a long or raw-text name or one that reads as a code gets it as an
/// attribute; a tag whose cuts are taken back (it opens foreign content, where the scan cuts
/// nothing) keeps no list either. A tag without a list, start or end, has its name written as
/// its code with U+0002 (`</m\u{2}>`), and counted; not one the input ends in (the tokenizer
/// drops it), nor inside foreign content.
#[test]
fn one_list_per_marker_written() {
    let cases = [
        ("<img src=a.jpg alt=b>", "<m\u{1}>", 1, 0),
        ("<IMG SRC=\"a.jpg\"/>", "<m\u{1}/>", 1, 0),
        ("<img src=a.jpg/>", "<m\u{1}>", 1, 0),
        (
            "<figure class=x><img src=a></figure>",
            "<f\u{1}><m\u{1}></f\u{2}>",
            2,
            1,
        ),
        (
            "<blockquote title=x>t</blockquote>",
            "<zb\u{1}>t</zb\u{2}>",
            1,
            1,
        ),
        ("<em title=x>t</em>", "<em\u{1}>t</em>", 1, 0),
        ("<d title=x>t</d>", "<d \u{1}>t</d>", 1, 0),
        (
            "<ZA title=y></za><SPAN>x</Span >",
            "<ZA \u{1}></za><n\u{2}>x</n\u{2} >",
            1,
            2,
        ),
        (
            "<section title=a></section class=x><div>",
            "<v\u{1}></v\u{2} class=x><d\u{2}>",
            1,
            2,
        ),
        ("<p>x</p><div", "<p>x</p><div", 0, 0),
        ("<p>x<span title=a", "<p>x<span title=a", 0, 0),
        (
            "<title title=a>t</title><p title=x>",
            "<title \u{1}>t</title><p\u{1}>",
            2,
            0,
        ),
        (
            "<svg width=1><path d=x></path><span>t</span></svg><img src=a>",
            "<svg width=1><path d=x></path><span>t</span></svg><m\u{1}>",
            1,
            0,
        ),
        (
            "<p><math display=block><mi>x</mi></math>",
            "<p><math display=block><mi>x</mi></math>",
            0,
            0,
        ),
    ];
    for (html, input, lists, code_only) in cases {
        let (got, n, codes) = scanned(html);
        assert_eq!(
            (got.as_str(), n, codes),
            (input, lists, code_only),
            "{html}"
        );
        assert!(!disagrees(html, InputKind::Fragment), "{html}");
    }
}

/// The gate takes one list per marker, in order; a marker without a list, or a list no
/// marker took, is a disagreement (the page is then parsed again without lifting).
#[test]
fn slots_are_taken_one_per_marker() {
    use super::{restore, Lists, Slots};
    use html5ever::tokenizer::{Tag, TagKind};
    use html5ever::{ns, Attribute, LocalName, QualName};
    use std::cell::RefCell;
    let attr = |name: &str, value: &str| Attribute {
        name: QualName::new(None, ns!(), LocalName::from(name)),
        value: value.into(),
    };
    let tag = |name: &str, attrs: Vec<Attribute>| Tag {
        kind: TagKind::StartTag,
        name: LocalName::from(name),
        self_closing: false,
        attrs,
        had_duplicate_attributes: false,
    };
    let slots = RefCell::new(Slots::new(Lists {
        lists: vec![vec![attr("src", "a.jpg")], vec![attr("class", "x")]],
        code_only: 0,
        runs: Vec::new(),
    }));
    let mut first = tag("img\u{1}", Vec::new());
    restore(&mut first, &slots);
    assert_eq!(&*first.name, "img");
    assert_eq!(&*first.attrs[0].value, "a.jpg");
    assert!(!slots.borrow().all_taken());
    // A tag without a marker takes nothing.
    let mut plain = tag("p", vec![attr("id", "k")]);
    restore(&mut plain, &slots);
    assert_eq!(&*plain.attrs[0].value, "k");
    let mut second = tag("section", vec![attr("\u{1}", "")]);
    restore(&mut second, &slots);
    assert_eq!((&*second.name, &*second.attrs[0].value), ("section", "x"));
    assert!(slots.borrow().all_taken());
    // Past the last list (or with none: an input holding U+0001), a tag is the input's own.
    let mut own = tag("b\u{1}", vec![attr("\u{1}", "v")]);
    restore(&mut own, &slots);
    assert_eq!((&*own.name, &*own.attrs[0].value), ("b\u{1}", "v"));
    assert!(slots.borrow().all_taken());
}

/// A name written as its code gets its name back, start or end tag, with its list or alone
/// (counted); with none counted (an input holding U+0002 has nothing lifted), a tag is the
/// input's own.
#[test]
fn codes_are_read_back_and_counted() {
    use super::{restore, Lists, Slots};
    use html5ever::tokenizer::{Tag, TagKind};
    use html5ever::{ns, Attribute, LocalName, QualName};
    use std::cell::RefCell;
    let tag = |kind, name: &str| Tag {
        kind,
        name: LocalName::from(name),
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    };
    let class = Attribute {
        name: QualName::new(None, ns!(), LocalName::from("class")),
        value: "x".into(),
    };
    let slots = RefCell::new(Slots::new(Lists {
        lists: vec![vec![class]],
        code_only: 2,
        runs: Vec::new(),
    }));
    let mut start = tag(TagKind::StartTag, "n\u{1}");
    restore(&mut start, &slots);
    assert_eq!((&*start.name, start.attrs.len()), ("span", 1));
    let mut bare = tag(TagKind::StartTag, "zb\u{2}");
    restore(&mut bare, &slots);
    assert_eq!((&*bare.name, bare.attrs.len()), ("blockquote", 0));
    assert!(!slots.borrow().all_taken(), "one code left");
    let mut end = tag(TagKind::EndTag, "n\u{2}");
    restore(&mut end, &slots);
    assert_eq!(&*end.name, "span");
    assert!(slots.borrow().all_taken());
    let mut own = tag(TagKind::EndTag, "d\u{2}");
    restore(&mut own, &slots);
    assert_eq!(&*own.name, "d\u{2}");
    assert!(slots.borrow().all_taken());
}

/// A run of end tags written as codes, one right after the other, is one end tag to the
/// tokenizer (`</r\u{3}>`) and its names, in order, to the gate; text, white space, an
/// attribute, a tag without a code or the end of the input between them ends the run.
#[test]
fn end_runs_are_one_tag() {
    use crate::dom::parse::attr_cap::filter_attributes;
    let cleaner = Cleaner::default();
    let cases: [(&str, &str, &[&[&str]]); 6] = [
        (
            "<div><section><span>x</span></section></div>",
            "<d\u{2}><v\u{2}><n\u{2}>x</r\u{3}>",
            &[&["span", "section", "div"]],
        ),
        (
            "<span><div>x</span></div>y</SPAN></p></div></Div>",
            "<n\u{2}><d\u{2}>x</r\u{3}>y</n\u{2}></p></r\u{3}>",
            &[&["span", "div"], &["div", "div"]],
        ),
        ("</span> </div>", "</n\u{2}> </d\u{2}>", &[]),
        (
            "</span class=a></div></div >",
            "</n\u{2} class=a></d\u{2}></d\u{2} >",
            &[],
        ),
        ("</span></div", "</n\u{2}></div", &[]),
        ("<svg></span></div></svg>", "<svg></span></div></svg>", &[]),
    ];
    for (html, written, runs) in cases {
        let (input, _, lifted) = filter_attributes(html, cleaner.inner.attributes.as_ref(), true);
        let names: Vec<Vec<&str>> = lifted
            .runs
            .iter()
            .map(|r| r.iter().map(|n| &**n).collect())
            .collect();
        assert_eq!(
            (&*input, names),
            (written, runs.iter().map(|r| r.to_vec()).collect()),
            "{html}"
        );
        assert!(!disagrees(html, InputKind::Fragment), "{html}");
        same_tree(html).unwrap();
    }
}
