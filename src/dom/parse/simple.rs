//! A fast path for small fragment markup of a simple shape: what a `<noscript>` fallback or
//! a rule's replacement usually is (`<img src="…" alt="…">`, a `<figure>` with its image
//! and caption). It builds the nodes that html5ever's tokenizer and tree builder build for
//! it in `<body>` context (the [`parse_fragment_nodes_at`](super::parse_fragment_nodes_at)
//! parse), without them: a whole fragment parse (tokenizer, tree builder, a `RcDom` and its
//! synthetic `<html>`) cost some 40,000 instructions for one `<img>`.
//!
//! The shape, on which the two parses agree (HTML § 13.2.5 and § 13.2.6.4.7 "in body"):
//!
//! - text without `<`, NUL or CR, whose `&` start one of a few references written with
//!   their `;` (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, and numeric ones of a
//!   printable character): no lookup of a reference written without `;`, no replacement of a
//!   numeric one, no line-ending normalisation;
//! - start tags of a few elements (see [`kind`]): void ones (`img`, `br`, `wbr`, `source`:
//!   inserted and popped at once; `/>` allowed), containers that close an open `<p>` (`div`,
//!   `figure`, `figcaption`, `p`…: only where no `<p>` is open, so that they close nothing),
//!   ordinary ones (`span`, `picture`, `sub`…) and formatting elements (`a`, `b`, `em`,
//!   `code`…: each only where no element of its name is open; the list of active formatting
//!   elements then only holds open elements, all different, so nothing is ever
//!   reconstructed, and an end tag closes the current node as the adoption agency does when
//!   the formatting element is the current node);
//! - attributes written plainly: names of ASCII letters, digits, `-`, `_`, `:` and `.`
//!   (lowercased, as the tokenizer does; a repeated name keeps its first value), values
//!   quoted (the next attribute may follow without white space) or unquoted (without `"`, `'`, `<`, `=`
//!   or `` ` ``), with the references above and `&` + letters and digits + `=` (a query
//!   string's `&name=`, which the tokenizer keeps as written in an attribute value); at most
//!   [`MAX_ATTRIBUTES`] as written;
//! - end tags `</name>` of the current node only, and every element closed by the end;
//! - elements well inside the depth cap ([`MAX_DEPTH`]): the gate and the depth sink change
//!   nothing there.
//!
//! Anything else (comments, other elements or references, a stray `<`, misnested tags)
//! returns `None`, and html5ever parses it. `simple_tests` compares the two on generated
//! markup of this shape and near it.

use super::attr_cap::MAX_ATTRIBUTES;
use super::depth::MAX_DEPTH;
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// How the tree builder treats a start tag of the shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Inserted and popped at once.
    Void,
    /// Closes an open `<p>` (in button scope) first: allowed only where none is open.
    ClosesP,
    /// Inserted as it is.
    Ordinary,
    /// A formatting element (`<a>`, `<b>`, `<em>`…): inserted and put on the list of active
    /// formatting elements; allowed only where no element of the same name is open.
    Formatting,
}

fn kind(name: &LocalName) -> Option<Kind> {
    Some(match *name {
        local_name!("img") | local_name!("br") | local_name!("wbr") | local_name!("source") => {
            Kind::Void
        }
        local_name!("div")
        | local_name!("figure")
        | local_name!("figcaption")
        | local_name!("p")
        | local_name!("blockquote")
        | local_name!("section")
        | local_name!("article")
        | local_name!("aside")
        | local_name!("header")
        | local_name!("footer") => Kind::ClosesP,
        local_name!("span")
        | local_name!("picture")
        | local_name!("cite")
        | local_name!("sub")
        | local_name!("sup")
        | local_name!("abbr")
        | local_name!("mark")
        | local_name!("time")
        | local_name!("kbd")
        | local_name!("var")
        | local_name!("samp")
        | local_name!("dfn") => Kind::Ordinary,
        local_name!("a")
        | local_name!("b")
        | local_name!("i")
        | local_name!("em")
        | local_name!("strong")
        | local_name!("code")
        | local_name!("u")
        | local_name!("s")
        | local_name!("small") => Kind::Formatting,
        _ => return None,
    })
}

/// The nodes html5ever would parse `html` into as a `<body>` fragment whose nodes go into an
/// element at depth `parent_depth` (detached top-level nodes), when `html` has the shape of
/// this module; `None` otherwise.
pub(crate) fn parse_simple(html: &str, parent_depth: usize) -> Option<Vec<Handle>> {
    let mut b = Builder {
        roots: Vec::new(),
        stack: Vec::new(),
        text: String::new(),
    };
    let bytes = html.as_bytes();
    // The tokenizer drops a byte order mark at the start, normalises line endings and
    // replaces or drops NUL.
    if html.starts_with('\u{feff}') || memchr::memchr2(0, b'\r', bytes).is_some() {
        return None;
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                b.flush_text();
                i = tag(html, i + 1, &mut b, parent_depth)?;
            }
            b'&' => {
                let (c, len) = reference(&bytes[i..])?;
                b.text.push(c);
                i += len;
            }
            _ => {
                let end = memchr::memchr2(b'<', b'&', &bytes[i..]).map_or(bytes.len(), |p| i + p);
                b.text.push_str(&html[i..end]);
                i = end;
            }
        }
    }
    b.flush_text();
    if !b.stack.is_empty() {
        return None;
    }
    Some(b.roots)
}

/// The tree built so far: the top-level nodes, the open elements, pending text.
struct Builder {
    roots: Vec<Handle>,
    stack: Vec<(Handle, LocalName)>,
    text: String,
}

impl Builder {
    fn append(&mut self, node: Handle) {
        match self.stack.last() {
            Some((parent, _)) => {
                node.parent.set(Some(Rc::downgrade(parent)));
                parent.children.borrow_mut().push(node);
            }
            None => self.roots.push(node),
        }
    }

    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let contents = StrTendril::from_slice(&self.text);
        self.text.clear();
        self.append(Node::new(NodeData::Text {
            contents: RefCell::new(contents),
        }));
    }

    fn is_open(&self, name: &LocalName) -> bool {
        self.stack.iter().any(|(_, n)| n == name)
    }
}

/// `name` lowercased (ASCII), as an atom.
pub(super) fn lowercase_atom(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = name.to_ascii_lowercase();
        known_atom(&lower).unwrap_or_else(|| other_atom(&lower))
    } else {
        known_atom(name).unwrap_or_else(|| other_atom(name))
    }
}

thread_local! {
    /// The atoms of the last names [`other_atom`] made, by a hash of the name: `data-src`,
    /// `data-original`… repeat on every image of a page and from page to page.
    static OTHER_ATOMS: std::cell::RefCell<[Option<LocalName>; OTHER_SLOTS]> =
        const { std::cell::RefCell::new([const { None }; OTHER_SLOTS]) };
}

/// How many atoms [`other_atom`] keeps.
const OTHER_SLOTS: usize = 256;

/// `LocalName::from(name)` for a name [`known_atom`] does not know. `LocalName::from` hashes
/// the name to look for it among the static atoms, then (past seven bytes) in the global set
/// of dynamic atoms, under its lock, where an atom no tree holds any more was removed: the
/// atoms made last are kept here (which also keeps a dynamic one alive from page to page).
fn other_atom(name: &str) -> LocalName {
    let bytes = name.as_bytes();
    // The slot: the first and the last eight bytes (overlapping when shorter), mixed.
    let n = bytes.len();
    let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        _ => {
            let short = bytes.iter().fold(0u64, |w, &x| (w << 8) | u64::from(x));
            (short, 0)
        }
    };
    let mixed = (head ^ tail.rotate_left(29) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let slot = (mixed >> 56) as usize % OTHER_SLOTS;
    OTHER_ATOMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        match &cache[slot] {
            Some(atom) if &**atom == name => atom.clone(),
            _ => {
                let atom = LocalName::from(name);
                cache[slot] = Some(atom.clone());
                atom
            }
        }
    })
}

/// Defines [`known_atom`] and the list of the names it knows (`KNOWN_NAMES`, for its test).
macro_rules! known_atoms {
    ($($name:tt)*) => {
        /// The atom of `name` (lowercase), when it is one of the names fragments usually hold:
        /// a `match` on the string, where [`LocalName::from`] hashes it to find the static
        /// atom. `None` for any other name.
        fn known_atom(name: &str) -> Option<LocalName> {
            Some(match name {
                $($name => local_name!($name),)*
                _ => return None,
            })
        }

        /// The names [`known_atom`] knows.
        #[cfg(test)]
        const KNOWN_NAMES: &[&str] = &[$($name),*];
    };
}

known_atoms! {
    "img" "src" "alt" "class" "width" "height" "srcset" "sizes" "title" "style" "id"
    "loading" "decoding" "role" "href" "type" "div" "span" "a" "p" "figure" "figcaption"
    "picture" "source" "br"
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0c')
}

/// Reads the tag whose `<` is just before `i`, into `b`; returns where it ends.
fn tag(html: &str, mut i: usize, b: &mut Builder, parent_depth: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let end_tag = bytes.get(i) == Some(&b'/');
    if end_tag {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i == start {
        return None;
    }
    let name = lowercase_atom(&html[start..i]);
    let kind = kind(&name)?;
    if end_tag {
        // `</name>` of the current node, which is not void.
        if bytes.get(i) != Some(&b'>') || b.stack.last().map(|(_, n)| n) != Some(&name) {
            return None;
        }
        b.stack.pop();
        return Some(i + 1);
    }
    match kind {
        Kind::ClosesP if b.is_open(&local_name!("p")) => return None,
        Kind::Formatting if b.is_open(&name) => return None,
        _ => {}
    }
    // Well inside the cap: this element sits at `parent_depth + stack + 1`.
    if parent_depth + b.stack.len() + 2 > MAX_DEPTH {
        return None;
    }
    let (attrs, end, self_closing) = attributes::<Vec<Attribute>>(html, i)?;
    if self_closing && kind != Kind::Void {
        return None;
    }
    let node = Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), name.clone()),
        attrs: RefCell::new(attrs),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    });
    b.append(node.clone());
    if kind != Kind::Void {
        b.stack.push((node, name));
    }
    Some(end)
}

/// Where a start tag's attributes go, as they are read: the nodes' `Attribute`s, or plain
/// strings ([`single_img_attrs`]). One reading of the markup for both.
trait Attrs<'a>: Default {
    /// The decoded value of an attribute.
    type Value: Value<'a>;
    /// Adds the attribute `name` (as written) unless one of its name (lowercased) is there.
    fn add(&mut self, name: &'a str, value: Self::Value);
}

/// A decoded attribute value, built from runs of the markup and decoded characters.
trait Value<'a>: Default {
    fn run(&mut self, s: &'a str);
    fn char(&mut self, c: char);
}

impl Attrs<'_> for Vec<Attribute> {
    type Value = StrTendril;
    fn add(&mut self, name: &str, value: StrTendril) {
        let local = lowercase_atom(name);
        if !self.iter().any(|a| a.name.local == local) {
            if self.is_empty() {
                // Room for an image's usual attributes at once, not grown 4, 8, 16.
                self.reserve(8);
            }
            self.push(Attribute {
                name: QualName::new(None, ns!(), local),
                value,
            });
        }
    }
}

impl Value<'_> for StrTendril {
    fn run(&mut self, s: &str) {
        if self.is_empty() {
            // One copy of the run, not a push into an empty tendril (which allocates it
            // short, then grows it): the value is usually one run, a URL or a class.
            *self = StrTendril::from_slice(s);
        } else {
            self.push_slice(s);
        }
    }
    fn char(&mut self, c: char) {
        self.push_char(c);
    }
}

/// Attributes as strings: the name lowercased, the value decoded (borrowed from the markup
/// when it is one run).
pub(crate) type PlainAttrs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

impl<'a> Attrs<'a> for PlainAttrs<'a> {
    type Value = Cow<'a, str>;
    fn add(&mut self, name: &'a str, value: Cow<'a, str>) {
        let name: Cow<'a, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        if !self.iter().any(|(n, _)| *n == name) {
            if self.is_empty() {
                self.reserve(8);
            }
            self.push((name, value));
        }
    }
}

impl<'a> Value<'a> for Cow<'a, str> {
    fn run(&mut self, s: &'a str) {
        if self.is_empty() {
            *self = Cow::Borrowed(s);
        } else {
            self.to_mut().push_str(s);
        }
    }
    fn char(&mut self, c: char) {
        self.to_mut().push(c);
    }
}

/// The attributes of the one `<img>` of `html` when `html` is that tag alone (white space
/// around it allowed) and of the shape of this module, as [`parse_simple`] would give them
/// to its element at `parent_depth` (so as html5ever would): names lowercased, a repeated
/// name's first value, values decoded. `None` otherwise. Nothing is built: for a caller that
/// only reads them (a `<noscript>` image whose picture is shown beside it).
pub(crate) fn single_img_attrs(html: &str, parent_depth: usize) -> Option<PlainAttrs<'_>> {
    let bytes = html.as_bytes();
    if html.starts_with('\u{feff}') || memchr::memchr2(0, b'\r', bytes).is_some() {
        return None;
    }
    // As in `tag`: the element sits at `parent_depth + 1`.
    if parent_depth + 2 > MAX_DEPTH {
        return None;
    }
    let start = bytes.iter().position(|&c| !is_space(c))?;
    let name_end = start + 1 + 3;
    if bytes.get(start) != Some(&b'<')
        || !bytes.get(start + 1..name_end)?.eq_ignore_ascii_case(b"img")
        || bytes.get(name_end).is_some_and(u8::is_ascii_alphabetic)
    {
        return None;
    }
    let (attrs, end, _) = attributes::<PlainAttrs<'_>>(html, name_end)?;
    bytes[end..].iter().all(|&c| is_space(c)).then_some(attrs)
}

/// The attributes of a start tag from just after its name at `i`: them, where the tag ends,
/// and whether it ends with `/>`.
fn attributes<'a, A: Attrs<'a>>(html: &'a str, mut i: usize) -> Option<(A, usize, bool)> {
    let bytes = html.as_bytes();
    let mut attrs = A::default();
    let mut written = 0;
    // After a quoted value, the next attribute may follow without white space (the
    // tokenizer's "after attribute value (quoted)" state reads it as a new one).
    let mut quoted = false;
    loop {
        // Here: just after the tag name or an attribute.
        let before = i;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((attrs, i + 1, false)),
            b'/' => {
                return (bytes.get(i + 1) == Some(&b'>')).then_some((attrs, i + 2, true));
            }
            _ if i == before && !quoted => return None,
            _ => {}
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i == start {
            return None;
        }
        let name = &html[start..i];
        let mut after = i;
        while after < bytes.len() && is_space(bytes[after]) {
            after += 1;
        }
        let value = if bytes.get(after) == Some(&b'=') {
            i = after + 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            quoted = matches!(bytes.get(i), Some(b'"' | b'\''));
            let (value, end) = value::<A::Value>(html, i)?;
            i = end;
            value
        } else {
            // No value: the white space read stands before the next attribute or the end.
            match bytes.get(i)? {
                c if is_space(*c) || matches!(c, b'/' | b'>') => {}
                _ => return None,
            }
            quoted = false;
            A::Value::default()
        };
        written += 1;
        if written > MAX_ATTRIBUTES {
            return None;
        }
        attrs.add(name, value);
    }
}

/// An attribute value starting at `i` (after `=` and white space): it, decoded, and where
/// it ends (after its closing quote, or at the white space or `>` after it).
fn value<'a, V: Value<'a>>(html: &'a str, i: usize) -> Option<(V, usize)> {
    let bytes = html.as_bytes();
    let quote = match bytes.get(i)? {
        q @ (b'"' | b'\'') => Some(*q),
        b'>' => return None,
        _ => None,
    };
    let mut out = V::default();
    let mut j = if quote.is_some() { i + 1 } else { i };
    loop {
        let run = match quote {
            Some(q) => memchr::memchr2(q, b'&', &bytes[j..]),
            None => bytes[j..].iter().position(|&c| {
                is_space(c) || matches!(c, b'>' | b'&' | b'"' | b'\'' | b'<' | b'=' | b'`')
            }),
        }
        .map(|p| j + p)?;
        out.run(&html[j..run]);
        j = run;
        match bytes[j] {
            b'&' => match reference(&bytes[j..]) {
                Some((c, len)) => {
                    out.char(c);
                    j += len;
                }
                None => {
                    // `&name=` (a query string's `&blog=`): what a named reference could
                    // match in it is followed by `=` or a letter or digit, which in an
                    // attribute value keeps it as written.
                    let name = bytes[j + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .count();
                    if bytes.get(j + 1 + name) != Some(&b'=') {
                        return None;
                    }
                    out.run(&html[j..j + 1 + name]);
                    j += 1 + name;
                }
            },
            c if Some(c) == quote => return Some((out, j + 1)),
            c if quote.is_none() && (is_space(c) || c == b'>') => {
                return (j > i).then_some((out, j));
            }
            _ => return None,
        }
    }
}

/// The character of the reference at the start of `s` (at its `&`) and its length, for the
/// references of the shape.
pub(super) fn reference(s: &[u8]) -> Option<(char, usize)> {
    const NAMED: [(&[u8], char); 6] = [
        (b"&amp;", '&'),
        (b"&lt;", '<'),
        (b"&gt;", '>'),
        (b"&quot;", '"'),
        (b"&apos;", '\''),
        (b"&nbsp;", '\u{a0}'),
    ];
    if let Some(&(r, c)) = NAMED.iter().find(|(r, _)| s.starts_with(r)) {
        return Some((c, r.len()));
    }
    let rest = s.strip_prefix(b"&#")?;
    let (hex, digits) = match rest.first()? {
        b'x' | b'X' => (true, &rest[1..]),
        _ => (false, rest),
    };
    let n = digit_run(digits, hex);
    if n == 0 || n > 6 || digits.get(n) != Some(&b';') {
        return None;
    }
    let text = std::str::from_utf8(&digits[..n]).ok()?;
    let code = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
    // Printable: no replacement (NUL, C1 controls, surrogates, past U+10FFFF), and no
    // control or noncharacter.
    if !matches!(code, 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf) {
        return None;
    }
    Some((char::from_u32(code)?, s.len() - digits.len() + n + 1))
}

/// How many hexadecimal (`hex`) or decimal digits `bytes` starts with.
pub(super) fn digit_run(bytes: &[u8], hex: bool) -> usize {
    bytes
        .iter()
        .take_while(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        })
        .count()
}

#[cfg(test)]
#[path = "simple_tests.rs"]
pub(super) mod simple_tests;

#[cfg(test)]
#[path = "simple_attack_tests.rs"]
mod simple_attack_tests;

#[cfg(test)]
#[path = "simple_img_tests.rs"]
mod simple_img_tests;
