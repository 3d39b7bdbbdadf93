//! The tokenizer's tag states read over the input's bytes (HTML § 13.2.5), for the scan that
//! runs before html5ever reads it ([`attr_cap`](super::attr_cap)) and the drawing screen
//! ([`drawing`](super::drawing)): byte classes, one attribute (§ 13.2.5.32–13.2.5.40), what
//! follows a tag (raw text, RCDATA, `plaintext`, foreign content), comments and bogus
//! comments (§ 13.2.5.43–13.2.5.52), and the integration points of foreign content
//! (§ 13.2.6). Pure functions of bytes and offsets; nothing here cuts or copies.

use super::raw_text::text_len;
use super::special_tags::{special, Special};
use html5ever::tokenizer::states::RawKind;

/// Whether the start tag whose name is at `at` names an element that is an HTML integration
/// point (§ 13.2.6: SVG `foreignObject`, `desc`, `title`; MathML `annotation-xml`) or a MathML
/// text integration point (`mi`, `mo`, `mn`, `ms`, `mtext`), in foreign content.
pub(super) fn is_integration_point(bytes: &[u8], at: usize) -> bool {
    let name = &bytes[at..skip_until(bytes, at, SPACE | SLASH | GT)];
    [
        &b"foreignobject"[..],
        b"desc",
        b"title",
        b"annotation-xml",
        b"mi",
        b"mo",
        b"mn",
        b"ms",
        b"mtext",
    ]
    .iter()
    .any(|n| name.eq_ignore_ascii_case(n))
}

/// What follows a start tag.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) enum RawText {
    None,
    /// Raw text or RCDATA up to `</` + this name.
    UntilEndTag(&'static [u8]),
    /// `plaintext`: the rest of the input is text.
    Rest,
}

#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct TagEnd {
    /// Just past the tag's `>` (or the end of the input).
    pub(super) end: usize,
    pub(super) raw_text: RawText,
    /// An `svg` (0) or `math` (1) tag.
    pub(super) foreign: Option<usize>,
    /// Ends with `/>`.
    pub(super) self_closing: bool,
}

/// Byte classes of the tag states, looked up in [`CLASS`].
pub(super) const SPACE: u8 = 1;
pub(super) const SLASH: u8 = 2;
pub(super) const GT: u8 = 4;
pub(super) const EQ: u8 = 8;

/// The class bits of every byte: one table look-up per byte in the tag loops.
pub(super) static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0c] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b' ' as usize] = SPACE;
    t[b'/' as usize] = SLASH;
    t[b'>' as usize] = GT;
    t[b'=' as usize] = EQ;
    t
};

/// The first offset from `at` whose byte has one of the `stop` classes (or the end).
#[inline(never)]
pub(super) fn skip_until(bytes: &[u8], mut at: usize, stop: u8) -> usize {
    while let Some(&b) = bytes.get(at) {
        if CLASS[usize::from(b)] & stop != 0 {
            break;
        }
        at += 1;
    }
    at
}

/// The first offset from `at` whose byte has none of the `skip` classes (or the end).
#[inline]
pub(super) fn skip_while(bytes: &[u8], mut at: usize, skip: u8) -> usize {
    while let Some(&b) = bytes.get(at) {
        if CLASS[usize::from(b)] & skip == 0 {
            break;
        }
        at += 1;
    }
    at
}

/// The attribute whose name starts at `at` (before attribute name state, § 13.2.5.32; the
/// name may start with `=`): where its name ends, its value (empty when it has none; char
/// references not decoded), and where it ends.
// Always inlined: in the loop of every tag with attributes (the scan past the cap reads
// attributes with it too, rarely).
#[inline(always)]
pub(super) fn attribute(bytes: &[u8], at: usize) -> (usize, &[u8], usize) {
    let mut i = skip_until(bytes, at + 1, SPACE | SLASH | GT | EQ);
    let attr_end = i;
    // After attribute name (§ 13.2.5.34).
    let j = skip_while(bytes, i, SPACE);
    let mut value = &bytes[i..i];
    if bytes.get(j) == Some(&b'=') {
        // Before attribute value (§ 13.2.5.35).
        i = skip_while(bytes, j + 1, SPACE);
        match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[i + 1..]) {
                Some(n) => {
                    value = &bytes[i + 1..i + 1 + n];
                    i += n + 2;
                }
                None => {
                    value = &bytes[i + 1..];
                    i = bytes.len();
                }
            },
            Some(b'>') | None => {}
            Some(_) => {
                let from = i;
                i = skip_until(bytes, i, SPACE | GT);
                value = &bytes[from..i];
            }
        }
    }
    (attr_end, value, i)
}

/// The [`TagEnd`] of a tag named `name` ending at `end` (a start tag when `start`), in an
/// input of `len` bytes.
#[inline(always)]
pub(super) fn tag_end(
    name: &[u8],
    start: bool,
    end: usize,
    len: usize,
    self_closing: bool,
) -> TagEnd {
    let (raw_text, foreign) = match special(name) {
        None => (RawText::None, None),
        Some(Special::Svg) => (RawText::None, Some(0)),
        Some(Special::Math) => (RawText::None, Some(1)),
        Some(_) if !start || end > len => (RawText::None, None),
        Some(Special::Plaintext) => (RawText::Rest, None),
        Some(Special::UntilEndTag(name)) => (RawText::UntilEndTag(name), None),
    };
    TagEnd {
        end,
        raw_text,
        foreign,
        self_closing,
    }
}

/// Whether the attribute name at the start of `at` is `name` (ASCII case-insensitive, as the
/// tokenizer lowercases names).
pub(super) fn same_name(at: &[u8], name: &[u8]) -> bool {
    at.len() >= name.len()
        && at[..name.len()].eq_ignore_ascii_case(name)
        && at
            .get(name.len())
            .is_none_or(|&b| CLASS[usize::from(b)] & (SPACE | SLASH | GT | EQ) != 0)
}

/// Where the appropriate end tag of raw text starting at `at` begins (or the end of the
/// input): where the parser's raw-text skip stops ([`text_len`]), script data through its
/// escape states (§ 13.2.5.15–13.2.5.31). The end tag itself is scanned as a tag (it may
/// carry attributes).
pub(super) fn end_of_raw_text(bytes: &[u8], at: usize, name: &[u8]) -> usize {
    let kind = if name == b"script" {
        RawKind::ScriptData
    } else {
        RawKind::Rawtext
    };
    at + text_len(&bytes[at..], kind, name, true)
}

/// After `<!`: a comment, a CDATA section, or a doctype / bogus comment up to the first `>`.
pub(super) fn markup_declaration(bytes: &[u8], at: usize) -> usize {
    let rest = &bytes[at.min(bytes.len())..];
    if !rest.starts_with(b"--") {
        return bogus_comment(bytes, at);
    }
    let body = at + 2;
    // `<!-->` and `<!--->` end at once (§ 13.2.5.44, 13.2.5.45).
    match bytes.get(body..) {
        Some([b'>', ..]) => return body + 1,
        Some([b'-', b'>', ..]) => return body + 2,
        _ => {}
    }
    let mut pos = body;
    while let Some(found) = memchr::memchr(b'-', &bytes[pos..]) {
        let dash = pos + found;
        let after = &bytes[dash..];
        if after.starts_with(b"-->") {
            return dash + 3;
        }
        if after.starts_with(b"--!>") {
            return dash + 4;
        }
        pos = dash + 1;
    }
    bytes.len()
}

/// A bogus comment from `at`: up to and including the first `>`.
pub(super) fn bogus_comment(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1)
}
