//! The shape a whole document keeps: it always has a `<body>`.

use html5ever::{local_name, ns, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;
use std::rc::Rc;

/// Gives the `<html>` element of `document` a `<body>` when it has none (a `<frameset>`
/// document, whose frameset the sanitizer removed): the parser would add one when the output
/// is parsed again, so without it a second cleaning would not give the same HTML.
pub(crate) fn ensure_body(document: &Handle) {
    let html = document
        .children
        .borrow()
        .iter()
        .find(|n| is_html(n, &local_name!("html")))
        .cloned();
    let Some(html) = html else {
        return;
    };
    if html
        .children
        .borrow()
        .iter()
        .any(|n| is_html(n, &local_name!("body")))
    {
        return;
    }
    let body = Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), local_name!("body")),
        attrs: RefCell::new(Vec::new()),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    });
    body.parent.set(Some(Rc::downgrade(&html)));
    html.children.borrow_mut().push(body);
}

fn is_html(node: &Handle, name: &html5ever::LocalName) -> bool {
    matches!(&node.data, NodeData::Element { name: n, .. } if n.ns == ns!(html) && n.local == *name)
}
