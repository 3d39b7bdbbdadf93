//! Attributes read by the pre-scan and handed to the tree builder past the tokenizer.
//!
//! html5ever's tokenizer reads an attribute one character at a time through its attribute
//! states (HTML § 13.2.5.32–13.2.5.39), some 80 instructions a byte on article markup, most of
//! which is the long `src`, `srcset` and `data-*` values of images. The pre-scan
//! ([`attr_cap`](super::attr_cap)) has already found where each attribute's name and value
//! start and end, by those same states. When it can also tell the attribute the tokenizer
//! would make of them (its [`attribute`] answers), it *lifts* the tag's attributes: the
//! tokenizer reads `<img \u{1}="7">` instead of the tag as written, and the
//! [`Gate`](super::gate::Gate) puts lifted list 7 in that one attribute's place, before the
//! tree builder sees the token. The tree builder gets the token the tokenizer would have made
//! of the tag as written; nothing else changes.
//!
//! The marker's name, U+0001, is a character no page uses: an input that holds it anywhere
//! has nothing lifted ([`Lifted::new`]), so every marker the gate sees is one the scan wrote.
//! `lifting_never_changes_the_tree` compares the trees parsed with and without lifting.

use super::simple::{lowercase_atom, reference};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::Tag;
use html5ever::{ns, Attribute, QualName};

/// The name of the marker attribute (see the module documentation).
pub(super) const MARKER: &str = "\u{1}";

/// Appends the marker of slot `slot` to `out`: ` \u{1}="slot"`, quoted so that a `/` after
/// it still makes the tag self-closing.
pub(super) fn write_marker(out: &mut String, slot: usize) {
    out.push(' ');
    out.push_str(MARKER);
    out.push_str("=\"");
    // The decimal digits, without the formatting machinery (one marker per lifted tag).
    let mut digits = [0u8; 20];
    let mut n = slot;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
    out.push('"');
}

/// The attribute lists lifted from one input, in the order their markers were written.
pub(crate) struct Lifted<'h> {
    /// The input the scan reads.
    pub(super) html: &'h str,
    pub(super) slots: Vec<Vec<Attribute>>,
    /// `html` as a shared tendril, made at the first value written as it is: such values are
    /// slices of it (as the tokenizer's are of its input), not copies.
    source: Option<StrTendril>,
    /// The attributes of the tag being read, moved to a list of their exact length at its
    /// end (not grown 4, 8, 16 in each tag's own list).
    tag: Vec<Attribute>,
}

impl<'h> Lifted<'h> {
    /// Lists for `html`; `None` when it holds the marker's character (or is too long for a
    /// tendril).
    pub(super) fn new(html: &'h str) -> Option<Lifted<'h>> {
        (memchr::memchr(1, html.as_bytes()).is_none() && u32::try_from(html.len()).is_ok()).then(
            || Lifted {
                html,
                slots: Vec::with_capacity(html.len() / 256),
                source: None,
                tag: Vec::new(),
            },
        )
    }

    /// A start tag begins.
    pub(super) fn begin_tag(&mut self) {
        self.tag.clear();
    }

    /// Reads the attribute whose name and value are at these byte ranges of the input into
    /// the tag's list (a repeated name is ignored, as the tokenizer does); `false` when it
    /// cannot be read as the tokenizer would (see [`attribute`]): the tag is then not lifted.
    pub(super) fn add(&mut self, name: (usize, usize), value: (usize, usize)) -> bool {
        let Some(a) = self.attribute(name, value) else {
            return false;
        };
        if !self.tag.iter().any(|b| b.name.local == a.name.local) {
            self.tag.push(a);
        }
        true
    }

    /// The tag ends: its attributes become the next list, and its slot is returned (`None`
    /// when it has none, as every attribute went).
    pub(super) fn end_tag(&mut self) -> Option<usize> {
        if self.tag.is_empty() {
            return None;
        }
        self.slots.push(self.tag.drain(..).collect());
        Some(self.slots.len() - 1)
    }

    /// [`attribute`] of the name at `name` and the value at `value` (byte ranges of the
    /// input), the value a slice of the input when written as it is.
    pub(super) fn attribute(
        &mut self,
        name: (usize, usize),
        value: (usize, usize),
    ) -> Option<Attribute> {
        let text = &self.html[value.0..value.1];
        let value = match decode(text)? {
            Decoded::AsWritten => {
                let html = self.html;
                let source = self
                    .source
                    .get_or_insert_with(|| StrTendril::from_slice(html));
                // In bounds and on character boundaries: `text` is a slice of `html`, whose
                // length fits a tendril's (see `new`).
                source.subtendril(value.0 as u32, text.len() as u32)
            }
            Decoded::Owned(value) => value,
        };
        let name = &self.html[name.0..name.1];
        if name.as_bytes().contains(&0) {
            return None;
        }
        Some(Attribute {
            name: QualName::new(None, ns!(), lowercase_atom(name)),
            value,
        })
    }
}

/// The attribute the tokenizer makes of the name `name` and the value `value` (as written:
/// between its quotes, or unquoted), when no look-up of a named reference is needed to tell;
/// `None` otherwise (the tag is then left to the tokenizer).
///
/// The tokenizer lowercases ASCII letters of a name and replaces NUL (§ 13.2.5.33); in a
/// value it decodes character references (§ 13.2.5.72–80) and replaces NUL, and line endings
/// were normalised before (§ 13.2.3.5). Answered here: values without NUL or CR whose `&`
/// starts one of [`reference`]'s references, `&` + letters and digits + `=` (kept as written
/// in an attribute value), or `&` followed by anything but a letter, a digit or `#` (not a
/// reference at all).
#[cfg(test)]
pub(super) fn attribute(name: &str, value: &str) -> Option<Attribute> {
    let value = match decode(value)? {
        Decoded::AsWritten => StrTendril::from_slice(value),
        Decoded::Owned(value) => value,
    };
    named(name, value)
}

/// The attribute `name` (as written) with `value`, unless the name holds NUL.
#[cfg(test)]
fn named(name: &str, value: StrTendril) -> Option<Attribute> {
    if name.as_bytes().contains(&0) {
        return None;
    }
    Some(Attribute {
        name: QualName::new(None, ns!(), lowercase_atom(name)),
        value,
    })
}

/// A value as the tokenizer reads it.
enum Decoded {
    /// As written: no reference, NUL or CR in it.
    AsWritten,
    Owned(StrTendril),
}

/// `value` as the tokenizer reads it, when that needs no look-up of a named reference (see
/// [`attribute`]).
fn decode(value: &str) -> Option<Decoded> {
    let bytes = value.as_bytes();
    let Some(first) = memchr::memchr3(b'&', 0, b'\r', bytes) else {
        return Some(Decoded::AsWritten);
    };
    if memchr::memchr2(0, b'\r', &bytes[first..]).is_some() {
        return None;
    }
    let mut out = StrTendril::from_slice(&value[..first]);
    // `bytes[at]` is a `&`.
    let mut at = first;
    loop {
        let done = match reference(&bytes[at..]) {
            Some((c, len)) => {
                out.push_char(c);
                at + len
            }
            None => {
                let name = bytes[at + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let literal = match bytes.get(at + 1 + name) {
                    _ if name == 0 && bytes.get(at + 1) != Some(&b'#') => at + 1,
                    Some(b'=') if name > 0 => at + 1 + name,
                    _ => return None,
                };
                out.push_slice(&value[at..literal]);
                literal
            }
        };
        let run_end = memchr::memchr(b'&', &bytes[done..]).map_or(bytes.len(), |n| done + n);
        out.push_slice(&value[done..run_end]);
        if run_end == bytes.len() {
            return Some(Decoded::Owned(out));
        }
        at = run_end;
    }
}

/// Puts the lifted list in place of the marker of `tag`, if it has one.
#[inline]
pub(super) fn restore(tag: &mut Tag, slots: &mut [Vec<Attribute>]) {
    if let [only] = &tag.attrs[..] {
        if &*only.name.local == MARKER {
            restore_marked(tag, slots);
        }
    }
}

#[inline(never)]
fn restore_marked(tag: &mut Tag, slots: &mut [Vec<Attribute>]) {
    let slot = tag.attrs[0]
        .value
        .parse::<usize>()
        .ok()
        .and_then(|n| slots.get_mut(n));
    if let Some(slot) = slot {
        tag.attrs = std::mem::take(slot);
    }
}

#[cfg(test)]
#[path = "lift_tests.rs"]
mod lift_tests;
