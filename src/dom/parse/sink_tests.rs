//! The filtered parse gives the tree that parsing everything and then removing the same
//! elements and comments in the walk gives, on the shapes where the tree builder moves
//! nodes around (foster parenting, the adoption agency, foreign content, templates).

use super::{FilterSink, Prefilter};
use crate::dom::parse::{parse, InputKind};
use crate::dom::serialize::serialize_children;
use crate::dom::walk::{walk, Stages};
use crate::rule::{Action, Context, Rule};
use crate::Element;
use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, ParseOpts, QualName};

fn dropped(name: &QualName) -> bool {
    name.ns != ns!(html)
        || matches!(
            name.local,
            local_name!("script")
                | local_name!("style")
                | local_name!("template")
                | local_name!("iframe")
                | local_name!("button")
                | local_name!("select")
                | local_name!("option")
                | local_name!("textarea")
                | local_name!("title")
                | local_name!("object")
        )
}

/// Removes in the walk what the filter drops while parsing.
struct Remove;

impl Rule for Remove {
    fn name(&self) -> &'static str {
        "remove"
    }
    fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if dropped(el.name) {
            Action::Remove
        } else {
            Action::Keep
        }
    }
    fn keep_comment(&self, _text: &str, _cx: &mut Context<'_>) -> bool {
        false
    }
}

/// The output and the count of removals, with the walk doing all the work.
fn walked(html: &str, kind: InputKind) -> (String, usize) {
    let parsed = parse(html, kind);
    let mut cx = Context::new(None, 1, kind == InputKind::Document);
    walk(
        &parsed.root,
        Stages {
            rules: &[&Remove],
            handlers: None,
            last: None,
        },
        &mut cx,
    );
    (serialize_children(&parsed.root, html.len()), cx.counts[0])
}

/// The output and the count of drops, with the sink dropping while parsing (and the walk
/// then finding nothing left to remove).
fn filtered(html: &str, kind: InputKind) -> (String, usize) {
    filtered_by(html, kind, &|name, _| dropped(name), true)
}

fn filtered_by(
    html: &str,
    kind: InputKind,
    drop_element: &dyn Fn(&QualName, &[html5ever::Attribute]) -> bool,
    drop_comments: bool,
) -> (String, usize) {
    let sink = FilterSink::new(
        markup5ever_rcdom::RcDom::default(),
        Prefilter {
            drop_element,
            drop_comments,
            attributes: None,
            skip_drawings: false,
        },
    );
    let out = match kind {
        InputKind::Document => html5ever::parse_document(sink, ParseOpts::default()).one(html),
        InputKind::Fragment => html5ever::parse_fragment(
            sink,
            ParseOpts::default(),
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
            false,
        )
        .one(html),
    };
    let root = match kind {
        InputKind::Document => out.dom.document.clone(),
        InputKind::Fragment => out.dom.document.children.borrow()[0].clone(),
    };
    let mut removed = 0;
    if drop_comments {
        // The walk removes the shells the sink left (and nothing below them).
        let mut cx = Context::new(None, 1, kind == InputKind::Document);
        walk(
            &root,
            Stages {
                rules: &[&Remove],
                handlers: None,
                last: None,
            },
            &mut cx,
        );
        removed = cx.counts[0];
    }
    (
        serialize_children(&root, html.len()),
        out.dropped_elements + out.dropped_comments + removed,
    )
}

const CASES: &[&str] = &[
    "<p>a<script>var x = '<p>';</script>b</p>",
    "<p>a<!-- c -->b<style>p{}</style><!--d-->c</p>",
    "<svg><g><path d='M0'/></g><p>breaks out</p></svg>after",
    "<math><mi>x</mi><annotation-xml encoding='text/html'><p>in</p></annotation-xml></math>t",
    "<table><tr><td>1</td></tr><script>s()</script><svg><b>fostered</b></svg>text<tr><td>2</td></table>",
    "<table><b>bold<svg>x</svg></b><tr><td>c</td></tr></table>",
    "<b>1<p>2<iframe>x</iframe></b>3</p>",
    "<a href=x>1<button>2<a href=y>3</a>4</button>5</a>",
    "<b><button>X</b>Y</button>Z",
    "<i>a<object><b>b</i>c</object>d</b>e",
    "<template><p>t<script>x</script></p></template><p>after",
    "<p><select><option>1<option>2</select>after</p>",
    "<div><textarea>\n<b>raw</b></textarea><title>t</title>ok</div>",
    "<font><svg><foreignObject><p>a</p></foreignObject></svg></font><p>b",
    "<ul><li>1<script>x</script><li>2</ul><!-- end -->",
    "<p>x<svg><desc><b>y</b></desc></svg></p><b>z",
    "<!DOCTYPE html><html><head><title>t</title><script>x</script><style>s</style></head><body><!--c--><p>b<iframe src=a></iframe></p></body></html>",
    "<!DOCTYPE html><table><tr><td>a<svg><g></table>after",
    "<!doctype html><body><template><tr><td>x</td></tr></template><table><template><td>y</template></table>",
];

#[test]
fn same_tree_and_counts_as_the_walk() {
    for html in CASES {
        let kind = InputKind::detect(html);
        assert_eq!(filtered(html, kind), walked(html, kind), "input: {html}");
    }
}

#[test]
fn nothing_is_built_below_a_dropped_element() {
    let (html, dropped) = filtered(
        "<p>keep</p><script>if (a < b) { document.write('<p>no</p>') }</script><svg><p>out</p></svg>",
        InputKind::Fragment,
    );
    assert_eq!(html, "<p>keep</p><p>out</p>");
    assert_eq!(dropped, 2);
}

/// Dropping nothing, the sink builds the tree `parse` builds (templates inlined included).
#[test]
fn without_drops_the_tree_is_the_plain_parse() {
    for html in CASES {
        let kind = InputKind::detect(html);
        let parsed = parse(html, kind);
        let plain = serialize_children(&parsed.root, html.len());
        assert_eq!(
            filtered_by(html, kind, &|_, _| false, false),
            (plain, 0),
            "input: {html}"
        );
    }
}
