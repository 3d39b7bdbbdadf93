//! Short codes for the common tag names, written by the scan in place of the names.
//!
//! html5ever's tokenizer reads a tag name one character at a time (tag name state, HTML
//! § 13.2.5.8): each character costs some 270 instructions (taken from the input queue,
//! lowercased, pushed onto the name's tendril), as much as an attribute's. On article markup
//! the names of tags are a tenth of the parse: `<span>`, `</span>`, `<figcaption>`… The scan
//! ([`attr_cap`](super::attr_cap)), which reads every tag already, writes the name of a tag
//! it reads as the tokenizer does as its code followed by a marker: `</span>` becomes
//! `</n\u{2}>`, and a lifted `<span class=…>` (see [`lift`](super::lift)) `<n\u{1}>`. The
//! [`Gate`](super::gate::Gate) gives the token its name back before the tree builder sees it.
//!
//! A code is one letter, or `z` and a letter; none is the name of an HTML element. A tag the
//! input names with a code (an unknown `<d>` or `<zb>`) keeps its name as written: the scan
//! never writes a code's letters followed by a marker for it (see
//! [`Marker::for_tag`](super::lift::Marker::for_tag)). Raw-text and RCDATA elements,
//! `plaintext`, `svg` and `math` have no code: the tokenizer matches the end tag of raw text
//! against the start tag's name as it read it, and the scan reads foreign content apart.
//!
//! Which names: the most frequent of three or more letters in the shared corpus of real pages
//! and the Readability pages, counted by the characters a code saves. Every name decodes to a
//! static atom. `codes_are_a_bijection` checks the two directions against [`CODES`].

use html5ever::{local_name, LocalName};

/// Every code and its name. One-letter codes first (the letters that name no HTML element:
/// `a`, `b`, `i`, `p`, `q`, `s` and `u` do), then `z` + a letter.
pub(super) const CODES: &[(&[u8], &str)] = &[
    (b"c", "cite"),
    (b"d", "div"),
    (b"e", "meta"),
    (b"f", "figure"),
    (b"g", "figcaption"),
    (b"h", "header"),
    (b"j", "input"),
    (b"k", "link"),
    (b"l", "label"),
    (b"m", "img"),
    (b"n", "span"),
    (b"o", "option"),
    (b"r", "article"),
    (b"t", "strong"),
    (b"v", "section"),
    (b"w", "button"),
    (b"x", "source"),
    (b"y", "picture"),
    (b"z", "aside"),
    (b"za", "small"),
    (b"zb", "blockquote"),
    (b"zc", "code"),
    (b"zd", "footer"),
    (b"ze", "time"),
    (b"zf", "table"),
    (b"zg", "form"),
    (b"zh", "main"),
    (b"zi", "tbody"),
    (b"zj", "abbr"),
    (b"zk", "select"),
    (b"zl", "caption"),
    (b"zm", "details"),
    (b"zn", "summary"),
    (b"zo", "address"),
    (b"zp", "center"),
    (b"zq", "thead"),
    (b"zr", "fieldset"),
    (b"zs", "legend"),
    (b"zt", "mark"),
    (b"zu", "font"),
];

/// The code of the tag name `name` (as written, any ASCII case), if it has one.
///
/// Its length and first and third letters leave at most one name to compare (as
/// [`special`](super::special_tags::special) does): most tags are `<p>`, `<a>`, `<li>`,
/// which have none, and are told at the first test.
#[inline]
pub(super) fn code(name: &[u8]) -> Option<&'static [u8]> {
    let (first, third) = match *name {
        [f, _, t, ..] => (f.to_ascii_lowercase(), t.to_ascii_lowercase()),
        _ => return None,
    };
    let (candidate, code): (&[u8], &'static [u8]) = match (name.len(), first, third) {
        (3, b'd', b'v') => (b"div", b"d"),
        (3, b'i', b'g') => (b"img", b"m"),
        (4, b'a', b'b') => (b"abbr", b"zj"),
        (4, b'c', b'd') => (b"code", b"zc"),
        (4, b'c', b't') => (b"cite", b"c"),
        (4, b'f', b'n') => (b"font", b"zu"),
        (4, b'f', b'r') => (b"form", b"zg"),
        (4, b'l', b'n') => (b"link", b"k"),
        (4, b'm', b'i') => (b"main", b"zh"),
        (4, b'm', b'r') => (b"mark", b"zt"),
        (4, b'm', b't') => (b"meta", b"e"),
        (4, b's', b'a') => (b"span", b"n"),
        (4, b't', b'm') => (b"time", b"ze"),
        (5, b'a', b'i') => (b"aside", b"z"),
        (5, b'i', b'p') => (b"input", b"j"),
        (5, b'l', b'b') => (b"label", b"l"),
        (5, b's', b'a') => (b"small", b"za"),
        (5, b't', b'b') => (b"table", b"zf"),
        (5, b't', b'e') => (b"thead", b"zq"),
        (5, b't', b'o') => (b"tbody", b"zi"),
        (6, b'b', b't') => (b"button", b"w"),
        (6, b'c', b'n') => (b"center", b"zp"),
        (6, b'f', b'g') => (b"figure", b"f"),
        (6, b'f', b'o') => (b"footer", b"zd"),
        (6, b'h', b'a') => (b"header", b"h"),
        (6, b'l', b'g') => (b"legend", b"zs"),
        (6, b'o', b't') => (b"option", b"o"),
        (6, b's', b'l') => (b"select", b"zk"),
        (6, b's', b'r') => (b"strong", b"t"),
        (6, b's', b'u') => (b"source", b"x"),
        (7, b'a', b'd') => (b"address", b"zo"),
        (7, b'a', b't') => (b"article", b"r"),
        (7, b'c', b'p') => (b"caption", b"zl"),
        (7, b'd', b't') => (b"details", b"zm"),
        (7, b'p', b'c') => (b"picture", b"y"),
        (7, b's', b'c') => (b"section", b"v"),
        (7, b's', b'm') => (b"summary", b"zn"),
        (8, b'f', b'e') => (b"fieldset", b"zr"),
        (10, b'b', b'o') => (b"blockquote", b"zb"),
        (10, b'f', b'g') => (b"figcaption", b"g"),
        _ => return None,
    };
    name.eq_ignore_ascii_case(candidate).then_some(code)
}

/// The name coded `code` (as the tokenizer read it: lowercase), if it is a code.
#[inline]
pub(super) fn name(code: &[u8]) -> Option<LocalName> {
    let index = match *code {
        [b] => slot(&ONE, b),
        [b'z', b] => slot(&TWO, b),
        _ => 0,
    };
    Some(NAMES[usize::from(index.checked_sub(1)?)].clone())
}

/// Whether the tag name `name` (as written, any ASCII case) reads as a code: such a name is
/// never written followed by a marker (it would decode to another name).
#[inline]
pub(super) fn is_code(name: &[u8]) -> bool {
    match *name {
        [b] => slot(&ONE, b) != 0,
        [z, b] if z.eq_ignore_ascii_case(&b'z') => slot(&TWO, b) != 0,
        _ => false,
    }
}

/// The entry of `table` for `letter` (any ASCII case); 0 for no letter.
fn slot(table: &[u8; 26], letter: u8) -> u8 {
    let at = letter.to_ascii_lowercase().wrapping_sub(b'a');
    table.get(usize::from(at)).copied().unwrap_or(0)
}

/// The names of [`CODES`], in its order, as atoms.
static NAMES: [LocalName; 40] = [
    local_name!("cite"),
    local_name!("div"),
    local_name!("meta"),
    local_name!("figure"),
    local_name!("figcaption"),
    local_name!("header"),
    local_name!("input"),
    local_name!("link"),
    local_name!("label"),
    local_name!("img"),
    local_name!("span"),
    local_name!("option"),
    local_name!("article"),
    local_name!("strong"),
    local_name!("section"),
    local_name!("button"),
    local_name!("source"),
    local_name!("picture"),
    local_name!("aside"),
    local_name!("small"),
    local_name!("blockquote"),
    local_name!("code"),
    local_name!("footer"),
    local_name!("time"),
    local_name!("table"),
    local_name!("form"),
    local_name!("main"),
    local_name!("tbody"),
    local_name!("abbr"),
    local_name!("select"),
    local_name!("caption"),
    local_name!("details"),
    local_name!("summary"),
    local_name!("address"),
    local_name!("center"),
    local_name!("thead"),
    local_name!("fieldset"),
    local_name!("legend"),
    local_name!("mark"),
    local_name!("font"),
];

/// By letter (`a` = 0): one more than the index in [`NAMES`] of the one-letter code's name,
/// 0 when the letter is no code.
const ONE: [u8; 26] = index(1);
/// The same for `z` + the letter.
const TWO: [u8; 26] = index(2);

/// The look-up table of the codes `len` bytes long, made from [`CODES`].
const fn index(len: usize) -> [u8; 26] {
    let mut table = [0u8; 26];
    let mut i = 0;
    while i < CODES.len() {
        let code = CODES[i].0;
        if code.len() == len {
            table[(code[len - 1] - b'a') as usize] = i as u8 + 1;
        }
        i += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::{code, is_code, name, CODES, NAMES};
    use proptest::prelude::*;

    #[test]
    fn codes_are_a_bijection() {
        assert_eq!(CODES.len(), NAMES.len());
        for (i, &(c, n)) in CODES.iter().enumerate() {
            assert_eq!(&*NAMES[i], n, "NAMES in the order of CODES");
            assert_eq!(code(n.as_bytes()), Some(c), "{n}");
            assert_eq!(code(n.to_ascii_uppercase().as_bytes()), Some(c), "{n}");
            assert_eq!(name(c).as_deref(), Some(n), "{n}");
            assert!(is_code(c), "{n}");
            assert!(c.iter().all(u8::is_ascii_lowercase));
            // A code saves a character or more, even with its marker.
            assert!(n.len() > c.len(), "{n}");
        }
    }

    #[test]
    fn no_code_is_an_html_element_nor_special() {
        for n in [
            "a", "b", "i", "p", "q", "s", "u", "br", "dd", "dl", "dt", "em", "hr", "li", "ol",
            "rb", "rp", "rt", "td", "th", "tr", "tt", "ul", "mi", "mo", "mn", "ms",
        ] {
            assert!(!is_code(n.as_bytes()), "{n}");
            assert_eq!(name(n.as_bytes()), None);
        }
        for n in [
            "script",
            "style",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "noscript",
            "textarea",
            "title",
            "plaintext",
            "svg",
            "math",
            "template",
            "html",
            "body",
            "head",
        ] {
            assert_eq!(code(n.as_bytes()), None, "{n}");
        }
    }

    proptest! {
        /// Any name: a code decodes to it, and a name that reads as a code has none.
        #[test]
        fn code_and_name_agree(n in "[a-zA-Z][a-zA-Z0-9-]{0,11}") {
            if let Some(c) = code(n.as_bytes()) {
                let decoded = name(c);
                prop_assert_eq!(decoded.as_deref(), Some(&*n.to_ascii_lowercase()));
                prop_assert!(!is_code(n.as_bytes()));
            }
            let lower = n.to_ascii_lowercase();
            prop_assert_eq!(
                is_code(n.as_bytes()),
                CODES.iter().any(|(c, _)| *c == lower.as_bytes())
            );
            prop_assert_eq!(
                name(lower.as_bytes()).is_some(),
                CODES.iter().any(|(c, _)| *c == lower.as_bytes())
            );
        }
    }
}
