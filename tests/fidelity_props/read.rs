//! What a reader gets of the cleaned HTML: the text (a space where an element separates
//! words) and the image URLs shown.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

// ---------------------------------------------------------------------------------------
// Reading the output.

/// Elements that separate the words around them (blocks, line breaks, replaced elements).
pub fn separates(name: &str) -> bool {
    !matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "del"
            | "ins"
    )
}

/// What a reader gets of some cleaned HTML.
#[derive(Debug, Default)]
pub struct Read {
    /// The text, a space where an element separates words.
    pub text: String,
    /// Image URLs shown: `img` `src` and `srcset` candidates, `source` `srcset`.
    pub images: Vec<String>,
}

pub fn srcset_urls(v: &str) -> Vec<String> {
    v.split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

pub fn read(html: &str, document: bool) -> Read {
    let dom = if document {
        html5ever::parse_document(RcDom::default(), Default::default()).one(html)
    } else {
        html5ever::parse_fragment(
            RcDom::default(),
            Default::default(),
            html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("body")),
            vec![],
            false,
        )
        .one(html)
    };
    let mut out = Read::default();
    // (node, entering): no recursion.
    let mut stack: Vec<(Handle, bool)> = vec![(dom.document.clone(), true)];
    while let Some((node, entering)) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } if entering => out.text.push_str(&contents.borrow()),
            NodeData::Element { name, attrs, .. } => {
                let tag = name.local.to_string();
                if separates(&tag) {
                    out.text.push(' ');
                }
                if !entering {
                    continue;
                }
                if matches!(tag.as_str(), "script" | "style" | "template" | "noscript") {
                    continue;
                }
                for a in attrs.borrow().iter() {
                    let n = a.name.local.to_string();
                    let v = a.value.to_string();
                    match (tag.as_str(), n.as_str()) {
                        ("img", "src") => out.images.push(v),
                        ("img" | "source", "srcset") => out.images.extend(srcset_urls(&v)),
                        _ => {}
                    }
                }
                stack.push((node.clone(), false));
                for c in node.children.borrow().iter().rev() {
                    stack.push((c.clone(), true));
                }
            }
            _ if entering => {
                for c in node.children.borrow().iter().rev() {
                    stack.push((c.clone(), true));
                }
            }
            _ => {}
        }
    }
    out
}
