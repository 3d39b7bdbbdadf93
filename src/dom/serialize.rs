//! Serializes an rcdom tree to HTML, straight into a `String`, without recursion.
//!
//! Follows the HTML fragment serialization algorithm (as html5ever's serializer does), plus
//! one round-trip fix: a `pre`, `textarea` or `listing` whose text starts with a newline gets
//! an extra one, because the parser drops the first newline after those start tags.

use super::names::{is_raw_text, is_void};
use html5ever::{local_name, ns, Attribute, QualName};
use markup5ever_rcdom::{Handle, NodeData};
use memchr::{memchr2, memchr3};

/// Serializes the children of `root`, leaving the tree as it is (the cleaner takes it apart
/// with [`serialize_children_taking`]).
#[cfg(test)]
pub(crate) fn serialize_children(root: &Handle, capacity: usize) -> String {
    serialize_nodes(&root.children.borrow(), capacity)
}

/// Serializes the children of `root` as `serialize_children` (its test oracle) does, taking the tree apart
/// on the way: an element's children are taken out of it when its start tag is written, and
/// each node is dropped as soon as it is written (with its start tag for a leaf, with its end
/// tag for an element). The tree is freed in the same pass, while its nodes are still in the
/// caches, not in a second walk by rcdom's `Drop` (#17). `root` is left without children.
pub(crate) fn serialize_children_taking(root: &Handle, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let top = std::mem::take(&mut *root.children.borrow_mut());
    // One entry per open element: the element (`None` for `root`), its children not written
    // yet, whether their text is raw.
    let mut stack: Vec<(Option<Handle>, std::vec::IntoIter<Handle>, bool)> =
        vec![(None, top.into_iter(), false)];
    while let Some((node, children, in_raw_text)) = stack.last_mut() {
        let Some(child) = children.next() else {
            if let Some(node) = node {
                close_tag(&mut out, node);
            }
            stack.pop();
            continue;
        };
        let in_raw_text = *in_raw_text;
        if let Some(raw) = write_node(&mut out, &child, in_raw_text) {
            let grandchildren = std::mem::take(&mut *child.children.borrow_mut());
            stack.push((Some(child), grandchildren.into_iter(), raw));
        }
    }
    out
}

/// Serializes `nodes` (each with its subtree), in order.
///
/// The stack holds one entry per open element (the element, the index of its next child,
/// whether its text is raw), so a node is cloned (one reference count) only when it is an
/// element with children; text, comments and empty elements are written in place.
pub(crate) fn serialize_nodes(nodes: &[Handle], capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut stack: Vec<(Handle, usize, bool)> = Vec::new();
    let mut top = 0;
    loop {
        let next = match stack.last_mut() {
            None => {
                let Some(node) = nodes.get(top) else { break };
                top += 1;
                match write_node(&mut out, node, false) {
                    Some(raw) => Next::Descend(node.clone(), raw),
                    None => continue,
                }
            }
            Some((node, index, in_raw_text)) => {
                let children = node.children.borrow();
                let mut next = Next::Close;
                while let Some(child) = children.get(*index) {
                    *index += 1;
                    if let Some(raw) = write_node(&mut out, child, *in_raw_text) {
                        next = Next::Descend(child.clone(), raw);
                        break;
                    }
                }
                if let Next::Close = next {
                    close_tag(&mut out, node);
                }
                next
            }
        };
        match next {
            Next::Descend(node, raw) => stack.push((node, 0, raw)),
            Next::Close => {
                stack.pop();
            }
        }
    }
    out
}

/// What the serializer does after writing a node.
enum Next {
    /// Write the children of this node (whose text is raw when `true`).
    Descend(Handle, bool),
    /// The top element is finished.
    Close,
}

/// Writes `node` (an element's start tag, or a whole leaf node) and returns `Some(raw)` when
/// its children must be written next, `raw` telling whether their text is written as is.
/// `in_raw_text`: the parent is a raw-text element.
fn write_node(out: &mut String, node: &Handle, in_raw_text: bool) -> Option<bool> {
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            open_tag(out, name, &attrs.borrow());
            let html = name.ns == ns!(html);
            if html && is_void(&name.local) {
                return None;
            }
            let children = node.children.borrow();
            if children.is_empty() {
                close_tag(out, node);
                return None;
            }
            if html
                && matches!(
                    name.local,
                    local_name!("pre") | local_name!("textarea") | local_name!("listing")
                )
            {
                if let NodeData::Text { contents } = &children[0].data {
                    if contents.borrow().starts_with('\n') {
                        out.push('\n');
                    }
                }
            }
            Some(html && is_raw_text(&name.local))
        }
        NodeData::Text { contents } => {
            if in_raw_text {
                out.push_str(&contents.borrow());
            } else {
                escape_into(out, &contents.borrow(), false);
            }
            None
        }
        NodeData::Comment { contents } => {
            out.push_str("<!--");
            out.push_str(contents);
            out.push_str("-->");
            None
        }
        NodeData::Doctype {
            name,
            public_id,
            system_id,
        } => {
            // With its identifiers: they decide the quirks mode the output is parsed in
            // again, as the input was.
            out.push_str("<!DOCTYPE ");
            out.push_str(name);
            if !public_id.is_empty() {
                out.push_str(" PUBLIC ");
                push_quoted(out, public_id);
                if !system_id.is_empty() {
                    out.push(' ');
                    push_quoted(out, system_id);
                }
            } else if !system_id.is_empty() {
                out.push_str(" SYSTEM ");
                push_quoted(out, system_id);
            }
            out.push('>');
            None
        }
        NodeData::ProcessingInstruction { target, contents } => {
            out.push_str("<?");
            out.push_str(target);
            out.push(' ');
            out.push_str(contents);
            out.push('>');
            None
        }
        NodeData::Document => (!node.children.borrow().is_empty()).then_some(false),
    }
}

fn close_tag(out: &mut String, node: &Handle) {
    if let NodeData::Element { name, .. } = &node.data {
        out.push_str("</");
        out.push_str(&name.local);
        out.push('>');
    }
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

/// Escapes `&`, `<`, `>`, U+00A0, CR and, in attribute values, `"`. Finds the special bytes
/// with `memchr` (vectorised) and copies the runs between them in one go: each byte of the
/// input is scanned once by each of the two searches.
pub(crate) fn escape_into(out: &mut String, text: &str, attr_mode: bool) {
    let bytes = text.as_bytes();
    let end = bytes.len();
    // Short values (`lazy`, `640`, a word between two tags) are most of them: one byte loop
    // tells that nothing needs escaping sooner than two vectorised searches start.
    if end <= SHORT {
        let special = if attr_mode {
            &SPECIAL_IN_ATTRIBUTES
        } else {
            &SPECIAL_IN_TEXT
        };
        if !bytes.iter().any(|&b| special[usize::from(b)]) {
            out.push_str(text);
            return;
        }
    }
    // `&<>` everywhere; CR, the lead byte of U+00A0 (0xC2) and, in attributes, `"` in a
    // second search. The next hit of each search is kept until it has been passed.
    let markup = |from: usize| memchr3(b'&', b'<', b'>', &bytes[from..]).map_or(end, |p| p + from);
    let other = |from: usize| {
        let hit = if attr_mode {
            memchr3(b'"', b'\r', 0xC2, &bytes[from..])
        } else {
            memchr2(b'\r', 0xC2, &bytes[from..])
        };
        hit.map_or(end, |p| p + from)
    };
    let (mut next_markup, mut next_other) = (markup(0), other(0));
    let mut start = 0;
    loop {
        let i = next_markup.min(next_other);
        if i >= end {
            break;
        }
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            // A raw CR would be read back as LF (the parser normalises newlines).
            b'\r' => ("&#13;", 1),
            _ if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                // 0xC2 leading another character.
                next_other = other(i + 1);
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + len;
        if i == next_markup {
            next_markup = markup(start);
        } else {
            next_other = other(start);
        }
    }
    out.push_str(&text[start..]);
}

/// Up to this many bytes, [`escape_into`] looks for special bytes one by one first.
const SHORT: usize = 24;

/// The bytes [`escape_into`] may replace in text: `&`, `<`, `>`, CR and the lead byte of
/// U+00A0.
static SPECIAL_IN_TEXT: [bool; 256] = special_bytes(b"&<>\r\xC2");

/// The same in attribute values, with `"`.
static SPECIAL_IN_ATTRIBUTES: [bool; 256] = special_bytes(b"&<>\r\xC2\"");

const fn special_bytes(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// A doctype identifier in quotes: the parser read it between quotes, so it holds no `>` and
/// at most one kind of quote.
fn push_quoted(out: &mut String, id: &str) {
    let quote = if id.contains('"') { '\'' } else { '"' };
    out.push(quote);
    out.push_str(id);
    out.push(quote);
}

#[cfg(test)]
mod tests {
    use super::{escape_into, serialize_children, serialize_children_taking};
    use crate::dom::parse::{parse, InputKind};
    use proptest::prelude::*;

    /// Taking the tree apart while writing it writes what the borrowing serializer writes, and
    /// leaves the root empty.
    fn same_as_borrowing(html: &str, kind: InputKind) {
        let borrowed = serialize_children(&parse(html, kind).root, html.len());
        let parsed = parse(html, kind);
        let taken = serialize_children_taking(&parsed.root, html.len());
        assert_eq!(taken, borrowed, "{html:?}");
        assert!(parsed.root.children.borrow().is_empty(), "{html:?}");
    }

    #[test]
    fn taking_writes_every_kind_of_node() {
        for html in [
            "",
            "text only & <more>",
            "<!DOCTYPE html><html><head><title>t &amp; u</title></head><body><p>a<b>b</b></p></body></html>",
            "<div><pre>\nfirst line</pre><textarea>\nx</textarea><script>if (a < b) {}</script></div>",
            "<ul><li>one<li>two</ul><br><img src=a alt='b \"c\"'><hr>",
            "<template><p>in a template</p></template><!-- a comment --><svg><circle r=1 /></svg>",
            "<table><tr><td>cell</table><p>after<i>unclosed",
        ] {
            for kind in [InputKind::Document, InputKind::Fragment] {
                same_as_borrowing(html, kind);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn taking_writes_what_borrowing_writes(
            html in "(<(p|div|pre|textarea|script|template|table|td|br|img|svg)( a=\"[x&<]\")?>|</(p|div|pre|script|template|table|svg)>|[a-z &<\n]{0,4}|<!--x-->){0,30}",
            document in any::<bool>(),
        ) {
            same_as_borrowing(&html, if document { InputKind::Document } else { InputKind::Fragment });
        }
    }

    #[test]
    fn escapes_text_and_attributes() {
        let mut out = String::new();
        escape_into(&mut out, "a&b<c>\"d\u{a0}é", false);
        assert_eq!(out, "a&amp;b&lt;c&gt;\"d&nbsp;é");
        out.clear();
        escape_into(&mut out, "\"x\"", true);
        assert_eq!(out, "&quot;x&quot;");
    }

    /// The two searches interleave: every special byte is replaced wherever it stands, and
    /// other characters starting with 0xC2 (`©` is C2 A9) are left alone.
    #[test]
    fn escapes_every_special_byte_in_any_order() {
        let cases = [
            ("", "", ""),
            ("plain 中文", "plain 中文", "plain 中文"),
            ("\u{a0}", "&nbsp;", "&nbsp;"),
            ("©\u{a0}©<", "©&nbsp;©&lt;", "©&nbsp;©&lt;"),
            (
                "a\"<\u{a0}&\">",
                "a\"&lt;&nbsp;&amp;\"&gt;",
                "a&quot;&lt;&nbsp;&amp;&quot;&gt;",
            ),
            (
                "x\u{a0}\u{a0}y&&",
                "x&nbsp;&nbsp;y&amp;&amp;",
                "x&nbsp;&nbsp;y&amp;&amp;",
            ),
            ("end©", "end©", "end©"),
            (
                "a\r\nb\"\u{a0}\r",
                "a&#13;\nb\"&nbsp;&#13;",
                "a&#13;\nb&quot;&nbsp;&#13;",
            ),
        ];
        for (input, text, attr) in cases {
            // Short, and long enough to pass the byte loop by.
            let pad = "x".repeat(super::SHORT);
            for (pre, post) in [("", ""), (pad.as_str(), ""), ("", pad.as_str())] {
                let input = format!("{pre}{input}{post}");
                let mut out = String::new();
                escape_into(&mut out, &input, false);
                assert_eq!(out, format!("{pre}{text}{post}"), "text {input:?}");
                out.clear();
                escape_into(&mut out, &input, true);
                assert_eq!(out, format!("{pre}{attr}{post}"), "attribute {input:?}");
            }
        }
    }
}
