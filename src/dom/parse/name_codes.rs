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
/// Its length and first and third letters give the one name of [`CODES`] it may be (a table
/// built at compile time, which fails to build should two names meet), compared in two
/// overlapping words. Most tags are `<p>`, `<a>`, `<li>`, which have none, and are told at
/// the first test.
#[inline]
pub(super) fn code(name: &[u8]) -> Option<&'static [u8]> {
    let [first, _, third, ..] = *name else {
        return None;
    };
    if name.len() > LONGEST {
        return None;
    }
    let entry = BY_SLOT[hash(name.len(), first | 0x20, third | 0x20)];
    let &(code, candidate) = CODES.get(usize::from(entry).checked_sub(1)?)?;
    (candidate.len() == name.len() && same_letters(name, candidate.as_bytes())).then_some(code)
}

/// The longest name with a code (`blockquote`, `figcaption`).
const LONGEST: usize = 10;

/// The slot of [`BY_SLOT`] for a name `len` bytes long whose first and third bytes, with
/// bit 0x20 set, are `first` and `third`.
const fn hash(len: usize, first: u8, third: u8) -> usize {
    (len + first as usize * 4 + third as usize * 36) & 127
}

/// By slot: one more than the index in [`CODES`] of the name there, 0 for none.
const BY_SLOT: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < CODES.len() {
        let name = CODES[i].1.as_bytes();
        assert!(name.len() >= 3 && name.len() <= LONGEST);
        let at = hash(name.len(), name[0], name[2]);
        assert!(table[at] == 0, "two names of CODES share a slot");
        table[at] = i as u8 + 1;
        i += 1;
    }
    table
};

/// Whether `name` is `lower` (lower-case ASCII letters, as long as `name`, 3 to 10 bytes) in
/// any ASCII case: bit 0x20 set on each byte of `name`, compared as two overlapping words. A
/// byte with that bit set equals a lower-case letter only when it is that letter in either
/// case.
#[inline]
fn same_letters(name: &[u8], lower: &[u8]) -> bool {
    match name.len() {
        8.. => same_words::<8>(name, lower),
        4.. => same_words::<4>(name, lower),
        _ => same_words::<2>(name, lower),
    }
}

/// [`same_letters`] for names `N` to `2 × N` bytes long: the first and the last `N` bytes.
#[inline(always)]
fn same_words<const N: usize>(name: &[u8], lower: &[u8]) -> bool {
    fn word<const N: usize>(s: &[u8], at: usize) -> [u8; N] {
        let mut w = [0u8; N];
        w.copy_from_slice(&s[at..at + N]);
        w
    }
    let last = name.len() - N;
    word::<N>(name, 0).map(|b| b | 0x20) == word(lower, 0)
        && word::<N>(name, last).map(|b| b | 0x20) == word(lower, last)
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

    /// [`code`] as a search of the table.
    fn searched(name: &[u8]) -> Option<&'static [u8]> {
        CODES
            .iter()
            .find(|(_, n)| n.as_bytes().eq_ignore_ascii_case(name))
            .map(|&(c, _)| c)
    }

    /// Bytes a tag name may hold, near letters in the ASCII table, or a name of the table.
    fn name_bytes() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            4 => prop::sample::select(&b"abcdefghijklmnopqrstuvwxyzACDEFGIMNOST"[..]),
            1 => prop::sample::select(&b"@`[{-_0\x01\x7f\xc3\xa9"[..]),
            1 => any::<u8>(),
        ];
        prop_oneof![
            prop::collection::vec(byte, 0..13),
            (prop::sample::select(CODES), any::<u16>(), any::<u8>()).prop_map(
                |((_, n), caps, b)| {
                    // A name of the table, its case flipped here and there, one byte changed.
                    let mut v: Vec<u8> = n
                        .bytes()
                        .enumerate()
                        .map(|(i, c)| {
                            if caps >> (i % 16) & 1 == 1 {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            }
                        })
                        .collect();
                    if b % 3 == 0 {
                        let at = usize::from(b) % v.len();
                        v[at] ^= 1 << (b % 8);
                    }
                    v
                }
            ),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The table and the two-word comparison answer as a search of [`CODES`].
        #[test]
        fn code_is_the_search(name in name_bytes()) {
            prop_assert_eq!(code(&name), searched(&name), "{:?}", String::from_utf8_lossy(&name));
        }

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
