//! Serializes an rcdom tree to HTML, straight into a `String`, without recursion.
//!
//! Follows the HTML fragment serialization algorithm (as html5ever's serializer does), plus
//! one round-trip fix: a `pre`, `textarea` or `listing` whose text starts with a newline gets
//! an extra one, because the parser drops the first newline after those start tags.

use super::names::{is_raw_text, is_void};
use html5ever::{local_name, ns, Attribute, QualName};
use markup5ever_rcdom::{Handle, NodeData};

/// Serializes the children of `root` (or, with `include_root`, `root` itself).
pub(crate) fn serialize_children(root: &Handle, capacity: usize) -> String {
    serialize_nodes(&root.children.borrow(), capacity)
}

/// Serializes `nodes` (each with its subtree), in order.
pub(crate) fn serialize_nodes(nodes: &[Handle], capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    /// `Open(node, in_raw_text)`: `in_raw_text` says the parent is a raw-text element, whose
    /// text is written as is.
    enum Step {
        Open(Handle, bool),
        Close(Handle),
    }
    let open = |raw: bool| move |node: &Handle| Step::Open(node.clone(), raw);
    let mut stack: Vec<Step> = nodes.iter().rev().map(open(false)).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(node) => {
                if let NodeData::Element { name, .. } = &node.data {
                    out.push_str("</");
                    out.push_str(&name.local);
                    out.push('>');
                }
            }
            Step::Open(node, in_raw_text) => match &node.data {
                NodeData::Element { name, attrs, .. } => {
                    open_tag(&mut out, name, &attrs.borrow());
                    if name.ns == ns!(html) && is_void(&name.local) {
                        continue;
                    }
                    let children = node.children.borrow();
                    if name.ns == ns!(html)
                        && matches!(
                            name.local,
                            local_name!("pre") | local_name!("textarea") | local_name!("listing")
                        )
                    {
                        if let Some(NodeData::Text { contents }) = children.first().map(|c| &c.data)
                        {
                            if contents.borrow().starts_with('\n') {
                                out.push('\n');
                            }
                        }
                    }
                    stack.push(Step::Close(node.clone()));
                    let raw = name.ns == ns!(html) && is_raw_text(&name.local);
                    stack.extend(children.iter().rev().map(open(raw)));
                }
                NodeData::Text { contents } => {
                    if in_raw_text {
                        out.push_str(&contents.borrow());
                    } else {
                        escape_into(&mut out, &contents.borrow(), false);
                    }
                }
                NodeData::Comment { contents } => {
                    out.push_str("<!--");
                    out.push_str(contents);
                    out.push_str("-->");
                }
                NodeData::Doctype { name, .. } => {
                    out.push_str("<!DOCTYPE ");
                    out.push_str(name);
                    out.push('>');
                }
                NodeData::ProcessingInstruction { target, contents } => {
                    out.push_str("<?");
                    out.push_str(target);
                    out.push(' ');
                    out.push_str(contents);
                    out.push('>');
                }
                NodeData::Document => {
                    stack.extend(node.children.borrow().iter().rev().map(open(false)));
                }
            },
        }
    }
    out
}

fn open_tag(out: &mut String, name: &QualName, attrs: &[Attribute]) {
    out.push('<');
    out.push_str(&name.local);
    for attr in attrs {
        out.push(' ');
        match attr.name.ns {
            ns!() => {}
            ns!(xml) => out.push_str("xml:"),
            ns!(xmlns) => {
                if attr.name.local != local_name!("xmlns") {
                    out.push_str("xmlns:");
                }
            }
            ns!(xlink) => out.push_str("xlink:"),
            _ => {
                if let Some(prefix) = &attr.name.prefix {
                    out.push_str(prefix);
                    out.push(':');
                }
            }
        }
        out.push_str(&attr.name.local);
        out.push_str("=\"");
        escape_into(out, &attr.value, true);
        out.push('"');
    }
    out.push('>');
}

/// Escapes `&`, `<`, `>`, U+00A0, CR and, in attribute values, `"`. Scans bytes and copies the
/// runs between special characters in one go.
pub(crate) fn escape_into(out: &mut String, text: &str, attr_mode: bool) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let replacement = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr_mode => "&quot;",
            // A raw CR would be read back as LF (the parser normalises newlines).
            b'\r' => "&#13;",
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => "&nbsp;",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        i += if bytes[i] == 0xC2 { 2 } else { 1 };
        start = i;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::escape_into;

    #[test]
    fn escapes_text_and_attributes() {
        let mut out = String::new();
        escape_into(&mut out, "a&b<c>\"d\u{a0}é", false);
        assert_eq!(out, "a&amp;b&lt;c&gt;\"d&nbsp;é");
        out.clear();
        escape_into(&mut out, "\"x\"", true);
        assert_eq!(out, "&quot;x&quot;");
    }
}
