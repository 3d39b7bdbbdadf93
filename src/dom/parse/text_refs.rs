//! Character references in text that the input may hold as the characters themselves.
//!
//! html5ever's tokenizer reads a character reference one character at a time (the named ones
//! against its table of entities), and hands the character it stands for to the tree
//! builder as a token of its own, cutting the text around it in three tokens: a page whose
//! text is written `&#x306E;&#x30FC;…` costs a trip through the tree builder per character.
//! Where the scan of [`attr_cap`](super::attr_cap) reads text in the data state (HTML
//! § 13.2.5.1), a reference that stands for a character the tokenizer reads as text anyway
//! is replaced by that character: the tree is the same, the text one token.
//!
//! Only references whose reading does not depend on what follows are replaced: a number
//! with its `;` (§ 13.2.5.80), or one of a few common names with its `;`. Only characters
//! the data state reads as themselves: not `&`, `<`, NUL, CR or other controls, and no
//! number the tokenizer replaces or remaps (zero, surrogates, past U+10FFFF, the C1
//! controls, § 13.2.5.80) nor a noncharacter.

/// Named references replaced, with their `;` (each the one longest match of its name in
/// the table of entities, HTML § 13.5), and their characters.
const NAMED: &[(&[u8], char)] = &[
    (b"nbsp", '\u{a0}'),
    (b"quot", '"'),
    (b"apos", '\''),
    (b"gt", '>'),
    (b"copy", '\u{a9}'),
    (b"reg", '\u{ae}'),
    (b"hellip", '\u{2026}'),
    (b"mdash", '\u{2014}'),
    (b"ndash", '\u{2013}'),
    (b"lsquo", '\u{2018}'),
    (b"rsquo", '\u{2019}'),
    (b"ldquo", '\u{201c}'),
    (b"rdquo", '\u{201d}'),
    (b"laquo", '\u{ab}'),
    (b"raquo", '\u{bb}'),
    (b"middot", '\u{b7}'),
    (b"bull", '\u{2022}'),
    (b"times", '\u{d7}'),
    (b"trade", '\u{2122}'),
    (b"deg", '\u{b0}'),
    (b"euro", '\u{20ac}'),
];

/// The numeric reference at the start of `text` (at its `&`: `&#233;`, `&#xE9;`) when it has
/// at most six digits and its `;` (§ 13.2.5.75–80): its length and its number.
pub(super) fn numeric(text: &[u8]) -> Option<(usize, u32)> {
    if text.get(1) != Some(&b'#') {
        return None;
    }
    let (radix, from) = match text.get(2) {
        Some(b'x' | b'X') => (16, 3),
        _ => (10, 2),
    };
    let digits = text[from..]
        .iter()
        .take_while(|b| char::from(**b).is_digit(radix))
        .count();
    if digits == 0 || digits > 6 || text.get(from + digits) != Some(&b';') {
        return None;
    }
    let value = std::str::from_utf8(&text[from..from + digits]).ok()?;
    Some((from + digits + 1, u32::from_str_radix(value, radix).ok()?))
}

/// The reference at the start of `text` (which starts with `&`), if it is one the input may
/// hold as its character: its length and the character.
pub(super) fn reference(text: &[u8]) -> Option<(usize, char)> {
    let body = text.get(1..)?;
    let (len, value) = if body.first() == Some(&b'#') {
        numeric(text)?
    } else {
        let name = body
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if body.get(name) != Some(&b';') {
            return None;
        }
        let (_, c) = NAMED.iter().find(|(n, _)| *n == &body[..name])?;
        (1 + name + 1, u32::from(*c))
    };
    // Nor a character that would go on a reference the text before left unfinished: a
    // letter or digit, `#` or `;` (`&#x&#65;` is `&#x` then `A` as written, `&#xA` once
    // replaced: a line feed).
    let continues = matches!(value, 0x30..=0x39 | 0x41..=0x5a | 0x61..=0x7a)
        || value == u32::from(b'#')
        || value == u32::from(b';');
    let text = matches!(value, 0x20..=0x7e)
        && value != u32::from(b'&')
        && value != u32::from(b'<')
        && !continues
        || matches!(value, 0xa0..=0xd7ff | 0xe000..=0xfdcf | 0xfdf0..=0xfffd)
        || (matches!(value, 0x1_0000..=0x10_ffff) && value & 0xfffe != 0xfffe);
    Some((len, char::from_u32(value).filter(|_| text)?))
}

/// Calls `found(start, end, character)` for each reference in the text `bytes[from..to]`
/// that the input may hold as its character (see [`reference()`]), in order: not one right
/// after a `<`, which the tokenizer read as text because a `&` followed it.
pub(super) fn each(
    bytes: &[u8],
    from: usize,
    to: usize,
    mut found: impl FnMut(usize, usize, char),
) {
    for amp in memchr::memchr_iter(b'&', &bytes[from..to]) {
        let at = from + amp;
        // After a `<` that opened no tag (`<&#33;--`), the character would open one: `!`
        // a comment, `/` an end tag, `?` a bogus comment.
        if at > 0 && bytes[at - 1] == b'<' {
            continue;
        }
        if let Some((len, c)) = reference(&bytes[at..to]) {
            found(at, at + len, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reference;

    /// Every reference replaced decodes, in html5ever's text, to the character replacing it,
    /// which html5ever reads as itself (the others are left to html5ever).
    #[test]
    fn replaced_references_are_what_html5ever_reads() {
        use html5ever::tendril::TendrilSink;
        use markup5ever_rcdom::{NodeData, RcDom};
        let read = |html: &str| {
            let dom = html5ever::parse_fragment(
                RcDom::default(),
                Default::default(),
                html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("p")),
                Vec::new(),
                false,
            )
            .one(html);
            let html = dom.document.children.borrow()[0].clone();
            let text = match &html.children.borrow().first().map(|n| n.data.clone()) {
                Some(NodeData::Text { contents }) => contents.borrow().to_string(),
                _ => String::new(),
            };
            text
        };
        let mut cases: Vec<String> = [
            "&nbsp;",
            "&quot;",
            "&apos;",
            "&gt;",
            "&lt;",
            "&amp;",
            "&hellip;",
            "&rsquo;",
            "&nbsp",
            "&notit;",
            "&Nbsp;",
            "&euro;",
            "&#65;",
            "&#x41;",
            "&#X41;",
            "&#038;",
            "&#60;",
            "&#0;",
            "&#13;",
            "&#10;",
            "&#9;",
            "&#127;",
            "&#128;",
            "&#150;",
            "&#159;",
            "&#160;",
            "&#xD7FF;",
            "&#xD800;",
            "&#xDFFF;",
            "&#xE000;",
            "&#xFDD0;",
            "&#xFDEF;",
            "&#xFDF0;",
            "&#xFFFD;",
            "&#xFFFE;",
            "&#xFFFF;",
            "&#x1FFFE;",
            "&#x10000;",
            "&#x10FFFF;",
            "&#x110000;",
            "&#1114111;",
            "&#0000065;",
            "&#000065;",
            "&#x;",
            "&#;",
            "&#65",
            "&#x306E;",
            "&#12398;",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for v in (0..0x800).chain([0xfeff, 0x1f600]) {
            cases.push(format!("&#{v};"));
            cases.push(format!("&#x{v:x};"));
        }
        for common in ["&nbsp;", "&rsquo;", "&#x306E;", "&#8217;", "&#62;"] {
            assert!(reference(common.as_bytes()).is_some(), "{common}");
        }
        // After a reference the text left unfinished, the character reads as the reference
        // did (the scan replaces a reference whatever text stands before it).
        let unfinished = [
            "&", "&#", "&#x", "&#X", "&#1", "&#x4", "&am", "&amp", "&not", "&n",
        ];
        for case in &cases {
            if let Some((_, c)) = reference(case.as_bytes()) {
                for before in unfinished {
                    assert_eq!(
                        read(&format!("a{before}{c}b")),
                        read(&format!("a{before}{case}b")),
                        "{before}{case}"
                    );
                }
            }
        }
        for case in cases {
            let html = format!("a{case}b");
            let decoded = read(&html);
            if let Some((len, c)) = reference(case.as_bytes()) {
                assert_eq!(len, case.len(), "{case}");
                assert_eq!(decoded, format!("a{c}b"), "{case}");
                assert_eq!(read(&format!("a{c}b")), decoded, "{case}");
            }
        }
    }
}
