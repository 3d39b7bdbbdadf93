//! The shape a whole document keeps: it always has a `<body>`, and a doctype that puts it in
//! the mode (quirks or not) its input was parsed in.

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::QuirksMode;
use html5ever::{local_name, ns, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom};
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

/// The identifiers of a doctype in limited-quirks mode whatever else it says (XHTML 1.0
/// Transitional, as W3C documents it).
const LIMITED_QUIRKS: (&str, &str) = (
    "-//W3C//DTD XHTML 1.0 Transitional//EN",
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd",
);

/// Makes the doctype of `document` put the output in `mode`, the mode its input was parsed
/// in: the tree was built (and cleaned) in that mode, and in another one the output would
/// parse back to another tree (in quirks mode a `<table>` stays inside a `<p>`).
///
/// The tree keeps a doctype's name and identifiers, not all of what decided the mode: a
/// malformed doctype (`<!DOCTYPE html SYSTEM>`, a stray word, a missing quote) is quirks
/// whatever it names, and an empty system identifier is not a missing one (an HTML 4.01
/// Transitional public identifier is quirks without one, limited quirks with one). When the
/// doctype as written reads in another mode, it is replaced: `<!DOCTYPE html>` for no quirks,
/// XHTML 1.0 Transitional for limited quirks, none at all for quirks (as a page without a
/// doctype).
pub(crate) fn keep_mode(document: &Handle, mode: QuirksMode) {
    let mut children = document.children.borrow_mut();
    let at = children
        .iter()
        .position(|n| matches!(n.data, NodeData::Doctype { .. }));
    // A document without a doctype is read in quirks mode (§ 13.2.6.4.1), and so is its
    // output without one: nothing to parse.
    if at.is_none() && mode == QuirksMode::Quirks {
        return;
    }
    if let Some(i) = at {
        // The usual case, answered without parsing: `<!DOCTYPE html>` in no-quirks mode.
        if let NodeData::Doctype {
            name,
            public_id,
            system_id,
        } = &children[i].data
        {
            if mode == QuirksMode::NoQuirks
                && &**name == "html"
                && public_id.is_empty()
                && system_id.is_empty()
            {
                return;
            }
        }
    }
    let written = at.map_or(String::new(), |i| {
        super::serialize::serialize_nodes(&children[i..=i], 64)
    });
    if mode_of(&written) == mode {
        return;
    }
    let ids = match mode {
        QuirksMode::NoQuirks => Some(("", "")),
        QuirksMode::LimitedQuirks => Some(LIMITED_QUIRKS),
        QuirksMode::Quirks => None,
    };
    let Some((public_id, system_id)) = ids else {
        if let Some(i) = at {
            children.remove(i);
        }
        return;
    };
    let doctype = Node::new(NodeData::Doctype {
        name: "html".into(),
        public_id: public_id.into(),
        system_id: system_id.into(),
    });
    doctype.parent.set(Some(Rc::downgrade(document)));
    match at {
        Some(i) => children[i] = doctype,
        None => children.insert(0, doctype),
    }
}

/// The mode a document starting with `doctype` (HTML, or nothing) is parsed in.
fn mode_of(doctype: &str) -> QuirksMode {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(doctype);
    dom.quirks_mode.get()
}

fn is_html(node: &Handle, name: &html5ever::LocalName) -> bool {
    matches!(&node.data, NodeData::Element { name: n, .. } if n.ns == ns!(html) && n.local == *name)
}
