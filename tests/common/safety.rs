//! The safety properties of a sanitizer's output, checked independently of the crate: the
//! output is parsed here with html5ever and markup5ever_rcdom directly, as a browser would
//! parse it. Shared by the integration tests and the fuzz target
//! (`#[path = "../../tests/common/safety.rs"]`), so there is one implementation.
//!
//! Properties of one cleaning (`input` → `output`, then `output` cleaned `again`):
//! 1. no `<script>`, nor any element that runs or hides markup (`style`, `iframe` without
//!    `sandbox`, `object`, `embed`, `frame`, `base`, `meta`, `link`, `form`, `svg`, `math`,
//!    `template`, `noscript`, `xmp`, `textarea`…);
//! 2. no attribute named `on*` (any case), no `srcdoc`;
//! 3. no dangerous URL in any URL-bearing attribute (each `srcset`/`ping` word alone), read
//!    as a browser reads it (the parser decoded the entities; C0 controls and spaces
//!    stripped at both ends, tabs and newlines removed, case-insensitive): `javascript:`,
//!    `vbscript:`, `livescript:`, `data:` other than a raster image;
//! 4. idempotence: `again == output`;
//! 5. re-parse: the tree dump of `again` equals the tree dump of `output`;
//! 6. round trip: the output parses back to the tree it was serialized from — serializing
//!    the parsed output (HTML fragment serialization) gives the output back, byte for byte.
#![allow(dead_code)]

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Every violated property, described; empty when the output is safe.
pub fn check(output: &str, again: &str) -> Vec<String> {
    let mut violations = check_output(output);
    if again != output {
        violations.push(format!("not idempotent: cleaned again gives {again:?}"));
    }
    let (a, b) = (dump(output), dump(again));
    if a != b {
        violations.push(format!("re-parse differs:\n{a}\n---\n{b}"));
    }
    violations
}

/// Properties 1–3 and 6, on the output alone.
pub fn check_output(output: &str) -> Vec<String> {
    let mut violations = Vec::new();
    let parsed = parse(output);
    let root = &parsed.root;
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let attrs = attrs.borrow();
            let local = &*name.local;
            let is_html = name.ns == ns!(html);
            let sandboxed = attrs.iter().any(|a| &*a.name.local == "sandbox");
            if local.eq_ignore_ascii_case("script")
                || !is_html
                || FORBIDDEN.contains(&local)
                || (local == "iframe" && !sandboxed)
            {
                violations.push(format!("element <{local}> ({:?})", name.ns));
            }
            for a in attrs.iter() {
                let attr = &*a.name.local;
                if attr.len() >= 2 && attr[..2].eq_ignore_ascii_case("on") {
                    violations.push(format!("event handler {attr} on <{local}>"));
                }
                if attr.eq_ignore_ascii_case("srcdoc") {
                    violations.push(format!("srcdoc on <{local}>"));
                }
                if attr == "sandbox" && a.value.contains("allow-top-navigation") {
                    violations.push(format!("sandbox {:?}", &*a.value));
                }
                let lower = attr.to_ascii_lowercase();
                if URL_ATTRS.contains(&lower.as_str()) {
                    if let Some(bad) = dangerous_url(&a.value) {
                        violations.push(format!("{attr}={bad:?} on <{local}>"));
                    }
                } else if matches!(lower.as_str(), "srcset" | "imagesrcset" | "ping") {
                    for word in a.value.split(|c: char| c.is_ascii_whitespace() || c == ',') {
                        if let Some(bad) = dangerous_url(word) {
                            violations.push(format!("{attr} candidate {bad:?} on <{local}>"));
                        }
                    }
                }
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    // A `<body>` or `<html>` start tag is dropped by the fragment parse, but in a page (the
    // output written into a template's body) its attributes go onto the page's own.
    let lower = output.to_ascii_lowercase();
    if !is_document(output) && (lower.contains("<body") || lower.contains("<html")) {
        let page = format!("<!DOCTYPE html><html><head></head><body>{output}");
        let dom = html5ever::parse_document(RcDom::default(), ParseOpts::default()).one(page);
        let html = dom.document.children.borrow().last().cloned();
        let body = html
            .iter()
            .flat_map(|h| h.children.borrow().clone())
            .collect::<Vec<_>>();
        for node in html.iter().chain(&body) {
            if let NodeData::Element { name, attrs, .. } = &node.data {
                for a in attrs.borrow().iter() {
                    violations.push(format!("{} on the page's <{}>", a.name.local, name.local));
                }
            }
        }
    }
    let reserialized = serialize(root);
    if reserialized != output {
        violations.push(format!(
            "does not parse back to itself:\n  output   {output:?}\n  re-parse {reserialized:?}"
        ));
    }
    violations
}

/// Elements the output must never hold (HTML namespace).
const FORBIDDEN: &[&str] = &[
    "script",
    "style",
    "object",
    "embed",
    "applet",
    "frame",
    "frameset",
    "base",
    "meta",
    "link",
    "form",
    "input",
    "button",
    "select",
    "option",
    "textarea",
    "template",
    "noscript",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "title",
    "param",
    "portal",
    "fencedframe",
];

/// Attributes whose whole value is one URL.
pub const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "background",
    "data",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "usemap",
    "codebase",
    "manifest",
    "icon",
    "profile",
    "itemtype",
    "itemid",
    "xlink:href",
    "to",
    "from",
    "values",
    "attributename",
];

/// The URL as a browser reads it, when its scheme runs script or is `data:` but not a raster
/// image.
pub fn dangerous_url(value: &str) -> Option<String> {
    let read: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = read.split(':').next().unwrap_or("");
    if !read.contains(':') {
        return None;
    }
    let dangerous = match scheme {
        "javascript" | "vbscript" | "livescript" | "mocha" => true,
        "data" => {
            let media = read[5..].split([';', ',']).next().unwrap_or("").trim();
            !matches!(
                media,
                "image/png"
                    | "image/jpeg"
                    | "image/jpg"
                    | "image/pjpeg"
                    | "image/gif"
                    | "image/webp"
                    | "image/avif"
                    | "image/bmp"
                    | "image/x-icon"
                    | "image/vnd.microsoft.icon"
            )
        }
        _ => false,
    };
    dangerous.then_some(read)
}

fn is_document(html: &str) -> bool {
    let start = html
        .trim_start_matches(|c: char| c.is_ascii_whitespace())
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype") || start.starts_with("<html")
}

/// A parsed tree (the `RcDom` must outlive the handles: dropping it empties the nodes).
pub struct Parsed {
    _dom: RcDom,
    /// The node whose children are the content.
    pub root: Handle,
}

/// Parses as a browser would: a document when it starts like one, otherwise a fragment in
/// `<body>` context; scripting on.
pub fn parse(html: &str) -> Parsed {
    let opts = ParseOpts::default();
    if is_document(html) {
        let dom = html5ever::parse_document(RcDom::default(), opts).one(html);
        let root = dom.document.clone();
        Parsed { _dom: dom, root }
    } else {
        let dom = html5ever::parse_fragment(
            RcDom::default(),
            opts,
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
            false,
        )
        .one(html);
        let html_el = dom.document.children.borrow().first().cloned();
        let root = html_el.unwrap_or_else(|| dom.document.clone());
        Parsed { _dom: dom, root }
    }
}

/// A line per node: depth, element name with namespace and attributes, text; template
/// contents included.
pub fn dump(html: &str) -> String {
    let mut out = String::new();
    let parsed = parse(html);
    let mut stack: Vec<(Handle, usize)> = parsed
        .root
        .children
        .borrow()
        .iter()
        .rev()
        .map(|c| (c.clone(), 0))
        .collect();
    while let Some((node, depth)) = stack.pop() {
        out.push_str(&"  ".repeat(depth));
        match &node.data {
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                out.push_str(&format!("<{:?} {}", name.ns, name.local));
                for a in attrs.borrow().iter() {
                    out.push_str(&format!(
                        " {:?}:{}={:?}",
                        a.name.ns, a.name.local, &*a.value
                    ));
                }
                out.push_str(">\n");
                if let Some(contents) = template_contents.borrow().as_ref() {
                    for c in contents.children.borrow().iter().rev() {
                        stack.push((c.clone(), depth + 1));
                    }
                }
            }
            NodeData::Text { contents } => out.push_str(&format!("{:?}\n", &**contents.borrow())),
            NodeData::Comment { contents } => out.push_str(&format!("<!--{contents:?}-->\n")),
            NodeData::Doctype { name, .. } => out.push_str(&format!("<!DOCTYPE {name}>\n")),
            _ => out.push_str("?\n"),
        }
        for c in node.children.borrow().iter().rev() {
            stack.push((c.clone(), depth + 1));
        }
    }
    out
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
const RAW: &[&str] = &[
    "style",
    "script",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
    "noscript",
];

/// The HTML fragment serialization of `root`'s children (attribute values double-quoted;
/// `&`, `<`, `>`, U+00A0 and CR escaped, `"` too in attributes; an extra newline after
/// `<pre>`, `<textarea>`, `<listing>` whose text starts with one).
pub fn serialize(root: &Handle) -> String {
    enum Step {
        Open(Handle, bool),
        Close(String),
    }
    let mut out = String::new();
    let mut stack: Vec<Step> = root
        .children
        .borrow()
        .iter()
        .rev()
        .map(|c| Step::Open(c.clone(), false))
        .collect();
    while let Some(step) = stack.pop() {
        let (node, raw) = match step {
            Step::Close(name) => {
                out.push_str(&format!("</{name}>"));
                continue;
            }
            Step::Open(node, raw) => (node, raw),
        };
        match &node.data {
            NodeData::Element { name, attrs, .. } => {
                let local = &*name.local;
                out.push('<');
                out.push_str(local);
                for a in attrs.borrow().iter() {
                    out.push(' ');
                    out.push_str(&a.name.local);
                    out.push_str("=\"");
                    escape(&mut out, &a.value, true);
                    out.push('"');
                }
                out.push('>');
                if VOID.contains(&local) {
                    continue;
                }
                let children = node.children.borrow();
                if matches!(local, "pre" | "textarea" | "listing") {
                    if let Some(NodeData::Text { contents }) = children.first().map(|c| &c.data) {
                        if contents.borrow().starts_with('\n') {
                            out.push('\n');
                        }
                    }
                }
                stack.push(Step::Close(local.to_string()));
                let raw = RAW.contains(&local);
                stack.extend(children.iter().rev().map(|c| Step::Open(c.clone(), raw)));
            }
            NodeData::Text { contents } => {
                if raw {
                    out.push_str(&contents.borrow());
                } else {
                    escape(&mut out, &contents.borrow(), false);
                }
            }
            NodeData::Comment { contents } => out.push_str(&format!("<!--{contents}-->")),
            NodeData::Doctype { name, .. } => out.push_str(&format!("<!DOCTYPE {name}>")),
            NodeData::Document => stack.extend(
                node.children
                    .borrow()
                    .iter()
                    .rev()
                    .map(|c| Step::Open(c.clone(), false)),
            ),
            NodeData::ProcessingInstruction { .. } => {}
        }
    }
    out
}

fn escape(out: &mut String, text: &str, attr: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '\r' => out.push_str("&#13;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
