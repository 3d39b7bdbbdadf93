//! Read-only visits of a parsed fragment, for checks that only look (the policy verifier).

use super::parse::{parse, InputKind};
use html5ever::{local_name, ns, Attribute, QualName};
use markup5ever_rcdom::NodeData;

/// Parses `html` as a body fragment (as a browser's `innerHTML` would) and calls `f` with the
/// name and attributes of every element, in document order, without recursion; then with
/// the page's own `<html>` or `<body>` when `html` would give it attributes
/// (see [`page_attributes`]).
pub(crate) fn for_each_element(html: &str, mut f: impl FnMut(&QualName, &[Attribute])) {
    page_attributes(html, &mut f);
    let parsed = parse(html, InputKind::Fragment);
    // The root is the synthetic `<html>` the fragment is parsed into: its children are the
    // fragment.
    let mut stack: Vec<_> = parsed
        .root
        .children
        .borrow()
        .iter()
        .rev()
        .cloned()
        .collect();
    while let Some(node) = stack.pop() {
        if let NodeData::Element {
            name,
            attrs,
            template_contents,
            ..
        } = &node.data
        {
            f(name, &attrs.borrow());
            if let Some(contents) = template_contents.borrow().as_ref() {
                stack.push(contents.clone());
            }
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
}

/// A `<body>` or `<html>` start tag in a fragment is dropped by a fragment parse, but where
/// the fragment is written into a page's body (a blog's template, a Markdown renderer's
/// output) the browser adds its attributes to the page's own `<body>` or `<html>`
/// (`<body onload=…>` runs). When `html` holds such a tag, it is parsed as the content of a
/// page's body, and `f` is called with that page's `<html>` and `<body>` when they have
/// attributes. (A `<frameset>` cannot replace a body opened by a start tag.)
fn page_attributes(html: &str, f: &mut impl FnMut(&QualName, &[Attribute])) {
    let bytes = html.as_bytes();
    let root_tag = memchr::memchr_iter(b'<', bytes).any(|i| {
        bytes.get(i + 1..i + 5).is_some_and(|name| {
            name.eq_ignore_ascii_case(b"body") || name.eq_ignore_ascii_case(b"html")
        })
    });
    if !root_tag {
        return;
    }
    let parsed = parse(
        &format!("<!DOCTYPE html><html><head></head><body>{html}"),
        InputKind::Document,
    );
    // The document, its `<html>`, and the children of that: no deeper.
    let mut stack = vec![(parsed.root.clone(), 0)];
    while let Some((node, level)) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let page = name.ns == ns!(html)
                && matches!(name.local, local_name!("html") | local_name!("body"));
            if page && !attrs.borrow().is_empty() {
                f(name, &attrs.borrow());
            }
        }
        if level < 2 {
            stack.extend(
                node.children
                    .borrow()
                    .iter()
                    .map(|c| (c.clone(), level + 1)),
            );
        }
    }
}
