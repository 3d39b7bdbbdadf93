//! `<svg>`, read as text. SVG is foreign content and never reaches the output (its elements
//! change namespace when the output is parsed again, the classic mutation XSS); what a
//! reader saw of it in words stays: the labels of a chart, the values on its bars, the name
//! drawn in a logo. Each `<text>` (with its `<tspan>`s and `<textPath>`s) and each
//! `<foreignObject>` gives one piece, in document order, the pieces separated by spaces; of
//! a `<switch>`, only its first child is drawn, and read.
//!
//! What an SVG never draws is not read: `<title>` and `<desc>` (tooltips and descriptions),
//! `<defs>`, `<symbol>`, `<clipPath>`, `<mask>`, `<pattern>`, `<marker>` and the other
//! containers of things drawn elsewhere or not at all, and elements hidden with
//! `display="none"`, `visibility="hidden"` or an inline style that hides. An SVG without
//! text (an icon, a drawing) is removed, as before. The result is escaped text, cleaned
//! again by every rule like any replacement.

use crate::dom::serialize::escape_into;
use crate::{Action, Element, NodeRef};

/// SVG elements whose content may be drawn as text: the others are dropped while parsing
/// (shapes and paths draw no text; `defs`, `symbol`, `title`, `desc`… draw none where they
/// stand).
pub(super) fn may_draw_text(name: &str) -> bool {
    matches!(
        name,
        "svg" | "g" | "a" | "switch" | "text" | "tspan" | "textPath" | "foreignObject"
    )
}

/// Whether an element inside the SVG is hidden by its presentation attributes or style.
fn hidden(node: &NodeRef) -> bool {
    let is = |attr: &str, value: &str| {
        node.attr(attr)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
    };
    is("display", "none")
        || is("visibility", "hidden")
        || node
            .attr("style")
            .is_some_and(|s| crate::rules::junk::style_hides(&s))
}

/// The text pieces an SVG draws, in document order.
fn pieces(el: &Element<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // (node, the index of the piece its text goes to: inside a `text` or `foreignObject`)
    let mut stack: Vec<(NodeRef, Option<usize>)> =
        el.children().into_iter().rev().map(|c| (c, None)).collect();
    while let Some((node, piece)) = stack.pop() {
        if let Some(text) = node.text() {
            if let Some(i) = piece {
                out[i].push_str(&text);
            }
            continue;
        }
        let Some(name) = node.name() else {
            continue;
        };
        let svg = node
            .qual_name()
            .is_some_and(|n| n.ns == html5ever::ns!(svg));
        let drawn = if piece.is_some() && !svg {
            // HTML inside a `foreignObject`: what shows no text is skipped.
            !crate::dom::names::shows_no_text(name)
                && !matches!(name, "textarea" | "select" | "iframe" | "object")
        } else {
            // SVG, inside a `text` too (`tspan`, `textPath`, `a`): a shape holds no text
            // that is drawn (and the parse-time filter builds nothing below one).
            may_draw_text(name) && !(piece.is_some() && name == "svg")
        };
        if !drawn || hidden(&node) {
            continue;
        }
        let piece = match piece {
            Some(i) => Some(i),
            None if matches!(name, "text" | "foreignObject") => {
                out.push(String::new());
                Some(out.len() - 1)
            }
            None => None,
        };
        let kids: Vec<NodeRef> = if name == "switch" {
            // Draws only its first child that can be drawn (diagram tools put the same label
            // in a `foreignObject` and in a fallback `text`): read once.
            node.children_iter()
                .filter(NodeRef::is_element)
                .take(1)
                .collect()
        } else {
            node.children_iter().collect()
        };
        stack.extend(kids.into_iter().rev().map(|c| (c, piece)));
    }
    out.into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Replaces an `<svg>` by the text it draws (or removes it when it draws none).
pub(super) fn read(el: &Element<'_>) -> Action {
    let pieces = pieces(el);
    if pieces.is_empty() {
        return Action::Remove;
    }
    let mut html = String::new();
    if el.glued_before() {
        html.push(' ');
    }
    escape_into(&mut html, &pieces.join(" "), false);
    if el.glued_after() {
        html.push(' ');
    }
    Action::Replace(html)
}
