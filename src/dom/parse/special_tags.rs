//! The tag names the scan ([`attr_cap`](super::attr_cap)) reads apart: those of raw text and
//! RCDATA, `plaintext`, and the foreign roots `svg` and `math`.
//!
//! Every tag's name is asked. Its length and first letter leave at most one name to compare
//! (two for `noframes` and `noscript`, told apart by their third letter), where a search of
//! the list compared each in turn. `special_is_the_lists` checks this against that search.

/// What a tag name is to the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Special {
    /// Raw text or RCDATA follows its start tag, up to `</` + this name.
    UntilEndTag(&'static [u8]),
    /// `plaintext`: the rest of the input is text.
    Plaintext,
    Svg,
    Math,
}

/// The elements whose content the tokenizer reads as text (scripting enabled, as in a
/// browser and in this crate's parser).
#[cfg(test)]
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"textarea",
    b"title",
];

/// What the tag name `name` (as written, any ASCII case) is to the scan, if anything.
#[inline]
pub(super) fn special(name: &[u8]) -> Option<Special> {
    use Special::{Math, Plaintext, Svg, UntilEndTag};
    let first = name.first()?.to_ascii_lowercase();
    let (candidate, special): (&[u8], Special) = match (name.len(), first) {
        (3, b'x') => (b"xmp", UntilEndTag(b"xmp")),
        (3, b's') => (b"svg", Svg),
        (4, b'm') => (b"math", Math),
        (5, b's') => (b"style", UntilEndTag(b"style")),
        (5, b't') => (b"title", UntilEndTag(b"title")),
        (6, b's') => (b"script", UntilEndTag(b"script")),
        (6, b'i') => (b"iframe", UntilEndTag(b"iframe")),
        (7, b'n') => (b"noembed", UntilEndTag(b"noembed")),
        (8, b'n') if name[2].eq_ignore_ascii_case(&b'f') => (b"noframes", UntilEndTag(b"noframes")),
        (8, b'n') => (b"noscript", UntilEndTag(b"noscript")),
        (8, b't') => (b"textarea", UntilEndTag(b"textarea")),
        (9, b'p') => (b"plaintext", Plaintext),
        _ => return None,
    };
    name.eq_ignore_ascii_case(candidate).then_some(special)
}

#[cfg(test)]
mod tests {
    use super::{special, Special, RAW_TEXT};
    use proptest::prelude::*;

    /// The old reading: the list searched in turn, `plaintext`, `svg` and `math` compared.
    fn searched(name: &[u8]) -> Option<Special> {
        if name.eq_ignore_ascii_case(b"plaintext") {
            return Some(Special::Plaintext);
        }
        if name.eq_ignore_ascii_case(b"svg") {
            return Some(Special::Svg);
        }
        if name.eq_ignore_ascii_case(b"math") {
            return Some(Special::Math);
        }
        RAW_TEXT
            .iter()
            .find(|n| name.eq_ignore_ascii_case(n))
            .map(|n| Special::UntilEndTag(n))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]
        /// `special` agrees with the search of the list, on the special names in any case,
        /// their near misses (one letter off, longer, shorter, same length and first
        /// letter) and other names.
        #[test]
        fn special_is_the_lists(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "script", "SCRIPT", "Style", "xmp", "iframe", "noembed", "noframes",
                "NoScript", "textarea", "title", "plaintext", "svg", "SVG", "math", "Math",
                "s", "n", "no", "t", "x", "p", "i", "m", "f", "e", "scripx", "noscripx",
                "nofxames", "svh", "img", "span", "é", "\u{0}", "-",
            ][..]), 1..3),
        ) {
            let name = pieces.concat();
            prop_assert_eq!(special(name.as_bytes()), searched(name.as_bytes()), "{:?}", name);
        }
    }

    #[test]
    fn every_special_name_is_found() {
        for name in RAW_TEXT.iter().chain(&[&b"plaintext"[..], b"svg", b"math"]) {
            let upper = name.to_ascii_uppercase();
            assert_eq!(special(name), searched(name));
            assert_eq!(special(&upper), searched(name));
            assert!(special(name).is_some());
        }
    }
}
