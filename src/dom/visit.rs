//! Read-only visits of a parsed fragment, for checks that only look (the policy verifier).

use super::parse::{parse, InputKind};
use html5ever::{Attribute, QualName};
use markup5ever_rcdom::NodeData;

/// Parses `html` as a body fragment (as a browser's `innerHTML` would) and calls `f` with the
/// name and attributes of every element, in document order, without recursion.
pub(crate) fn for_each_element(html: &str, mut f: impl FnMut(&QualName, &[Attribute])) {
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
