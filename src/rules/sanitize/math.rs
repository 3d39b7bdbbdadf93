//! `<math>` (MathML), read as text. MathML is foreign content and never reaches the output
//! (its elements change namespace when the output is parsed again, the classic mutation
//! XSS); the formula stays readable instead:
//!
//! 1. its TeX source, when an `<annotation>` carries it (KaTeX, MathJax, Wikipedia, pandoc),
//!    as `<code>`: the exact formula, fractions and alignments included;
//! 2. else its `alttext`;
//! 3. else the text it renders: identifiers, numbers, operators and text in order, with
//!    subscripts and superscripts as `<sub>`/`<sup>`, fractions as `(a)/(b)`, roots as `√(…)`,
//!    table rows on lines of their own. Annotations and phantoms (never rendered) are
//!    skipped.
//!
//! A formula with `display="block"` becomes a block (`<div>`). The result is escaped text and
//! a few inline elements, cleaned again by every rule like any replacement.

use crate::dom::serialize::escape_into;
use crate::{Action, Element, NodeRef};

/// Elements whose text is never part of the formula as shown.
fn is_unseen(name: &str) -> bool {
    crate::dom::names::shows_no_text(name)
        || matches!(
            name,
            "annotation"
                | "annotation-xml"
                | "mphantom"
                | "none"
                | "mprescripts"
                | "textarea"
                | "svg"
                | "iframe"
                | "object"
        )
}

/// Token elements: their text is shown, trimmed.
fn is_token(name: &str) -> bool {
    matches!(name, "mi" | "mn" | "mo" | "mtext" | "ms")
}

/// Replaces a `<math>` element by its readable form (or removes it when it shows nothing).
pub(super) fn read(el: &Element<'_>) -> Action {
    let inline = if let Some(tex) = tex(el) {
        let mut html = String::from("<code>");
        escape_into(&mut html, &tex, false);
        html.push_str("</code>");
        html
    } else if let Some(alt) = el.attr("alttext").map(collapse).filter(|a| !a.is_empty()) {
        let mut html = String::new();
        escape_into(&mut html, &alt, false);
        html
    } else {
        rendered(el)
    };
    if inline.is_empty() {
        return Action::Remove;
    }
    if el
        .attr("display")
        .is_some_and(|d| d.trim().eq_ignore_ascii_case("block"))
    {
        return Action::Replace(format!("<div>{inline}</div>"));
    }
    let before = if el.glued_before() { " " } else { "" };
    let after = if el.glued_after() { " " } else { "" };
    Action::Replace(format!("{before}{inline}{after}"))
}

/// The TeX source of the formula, from its first non-empty TeX annotation.
fn tex(el: &Element<'_>) -> Option<String> {
    let mut stack: Vec<NodeRef> = el.children();
    while let Some(node) = stack.pop() {
        match node.name() {
            Some("annotation") => {
                let tex = node.attr("encoding").is_some_and(|e| {
                    let e = e.to_ascii_lowercase();
                    e.contains("tex")
                });
                let text = node.text_content();
                if tex && !text.trim().is_empty() {
                    return Some(text.trim().to_string());
                }
            }
            Some(_) => stack.extend(node.children_iter()),
            None => {}
        }
    }
    None
}

/// The text below `node`, without that of elements whose text is not shown (a `<style>` or
/// `<script>` in an `<mtext>`…).
pub(super) fn seen_text(node: &NodeRef) -> String {
    let mut out = String::new();
    let mut stack: Vec<NodeRef> = node.children_iter().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if let Some(t) = n.text() {
            out.push_str(&t);
        } else if n.name().is_some_and(|name| !is_unseen(name)) {
            let mut kids: Vec<NodeRef> = n.children_iter().collect();
            kids.reverse();
            stack.extend(kids);
        }
    }
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A piece of work of [`rendered`]: a node to read, or markup to write.
enum Work {
    Node(NodeRef),
    Text(&'static str),
}

/// The formula as it renders, as escaped text with `<sub>`, `<sup>` and `<br>`.
fn rendered(el: &Element<'_>) -> String {
    let mut out = String::new();
    let mut stack: Vec<Work> = el.children().into_iter().rev().map(Work::Node).collect();
    while let Some(work) = stack.pop() {
        let node = match work {
            Work::Text(t) => {
                out.push_str(t);
                continue;
            }
            Work::Node(node) => node,
        };
        if node.is_text() {
            let text = collapse(&node.text().unwrap_or_default());
            escape_into(&mut out, &text, false);
            continue;
        }
        let Some(name) = node.name().map(str::to_string) else {
            continue;
        };
        if is_unseen(&name) {
            continue;
        }
        if is_token(&name) {
            let text = collapse(&seen_text(&node));
            escape_into(&mut out, &text, false);
            continue;
        }
        let kids: Vec<NodeRef> = node
            .children_iter()
            .filter(|c| c.is_element() || (!c.is_blank() && c.is_text()))
            .collect();
        // Pieces pushed in reverse: the stack pops them in order.
        let mut pieces: Vec<Work> = Vec::new();
        let part = |pieces: &mut Vec<Work>, k: Option<&NodeRef>, open, close| {
            if let Some(k) = k {
                pieces.push(Work::Text(open));
                pieces.push(Work::Node(k.clone()));
                pieces.push(Work::Text(close));
            }
        };
        match name.as_str() {
            "msub" | "munder" => {
                pieces.extend(kids.first().cloned().map(Work::Node));
                part(&mut pieces, kids.get(1), "<sub>", "</sub>");
            }
            "msup" | "mover" => {
                pieces.extend(kids.first().cloned().map(Work::Node));
                part(&mut pieces, kids.get(1), "<sup>", "</sup>");
            }
            "msubsup" | "munderover" => {
                pieces.extend(kids.first().cloned().map(Work::Node));
                part(&mut pieces, kids.get(1), "<sub>", "</sub>");
                part(&mut pieces, kids.get(2), "<sup>", "</sup>");
            }
            "mfrac" => {
                part(&mut pieces, kids.first(), "(", ")");
                pieces.push(Work::Text("/"));
                part(&mut pieces, kids.get(1), "(", ")");
            }
            "msqrt" => {
                pieces.push(Work::Text("√("));
                pieces.extend(kids.iter().cloned().map(Work::Node));
                pieces.push(Work::Text(")"));
            }
            "mroot" => {
                part(&mut pieces, kids.get(1), "<sup>", "</sup>");
                part(&mut pieces, kids.first(), "√(", ")");
            }
            "semantics" => {
                // Only the first child is rendered; the others are annotations.
                pieces.extend(kids.first().cloned().map(Work::Node));
            }
            "mtr" | "mlabeledtr" => {
                for (i, k) in kids.iter().enumerate() {
                    if i > 0 {
                        pieces.push(Work::Text(" "));
                    }
                    pieces.push(Work::Node(k.clone()));
                }
                pieces.push(Work::Text("<br>"));
            }
            "mspace" => pieces.push(Work::Text(" ")),
            _ => pieces.extend(kids.iter().cloned().map(Work::Node)),
        }
        stack.extend(pieces.into_iter().rev());
    }
    // A table's last row needs no line break after it.
    while out.ends_with("<br>") {
        out.truncate(out.len() - "<br>".len());
    }
    if out.replace("<br>", "").trim().is_empty() {
        return String::new();
    }
    out
}

impl super::Sanitize {
    /// Whether `<math>` is read as text (the default) rather than removed with its content.
    pub(super) fn reads_math(&self) -> bool {
        self.policy.fate(&html5ever::local_name!("math")) != super::Fate::Remove
    }

    /// Whether `<svg>` is read as text (the default) rather than removed with its content.
    pub(super) fn reads_svg(&self) -> bool {
        self.policy.fate(&html5ever::local_name!("svg")) != super::Fate::Remove
    }

    /// An element of another namespace than HTML: a `<math>` or an `<svg>` is read as text,
    /// anything else (the elements inside them) is removed.
    #[inline(never)]
    pub(super) fn foreign(&self, el: &Element<'_>) -> Action {
        if el.is_mathml() && *el.local_name() == html5ever::local_name!("math") && self.reads_math()
        {
            return read(el);
        }
        if el.is_svg() && *el.local_name() == html5ever::local_name!("svg") && self.reads_svg() {
            return super::svg_text::read(el);
        }
        Action::Remove
    }
}
