//! Attributes read by the pre-scan and handed to the tree builder past the tokenizer.
//!
//! html5ever's tokenizer reads an attribute one character at a time through its attribute
//! states (HTML § 13.2.5.32–13.2.5.39), some 80 instructions a byte on article markup, most of
//! which is the long `src`, `srcset` and `data-*` values of images. The pre-scan
//! ([`attr_cap`](super::attr_cap)) has already found where each attribute's name and value
//! start and end, by those same states. When it can also tell the attribute the tokenizer
//! would make of them (see [`Lifted::attribute`]), it *lifts* the tag's attributes: the
//! tokenizer reads `<img\u{1}>` (or `<section \u{1}>`, see [`Marker`]) instead of the tag as
//! written, and the [`Gate`](super::gate::Gate) puts the next lifted list in the marker's
//! place, and the name back, before the tree builder sees the token. The tree builder gets
//! the token the tokenizer would have made of the tag as written; nothing else changes.
//!
//! The marker, U+0001, is a character no page uses: an input that holds it (or U+0002, which
//! follows a name's code in a tag with no list: see [`name_codes`]) anywhere has nothing
//! lifted ([`Lifted::new`]), so every marker the gate sees is one the scan wrote, and the
//! lists are taken in the order the scan wrote them. The scan reads the input as the
//! tokenizer does except where the tree builder steers the tokenizer: it gives up inside
//! `<svg>`/`<math>` and after CDATA, and where a raw-text start tag did not switch the
//! tokenizer to raw text (dropped past the depth cap, ignored after a frameset), the gate
//! notices. Should the tokenizer still pass over a marker, a list (or a count of coded names)
//! is left at the end. Either way the page is parsed again without cutting or lifting
//! ([`Gate::scan_disagreed`](super::gate::Gate::scan_disagreed)).
//!
//! Tested: `lifting_never_changes_the_tree` compares the trees parsed with and without
//! lifting on generated pages, `a_lifted_attribute_is_the_tokenizers` each lifted attribute
//! with html5ever's, and `tests/lift_attack.rs` whole cleanings with and without the
//! parse-time filter.

use super::name_atoms::{name_key_at, NameAtoms};
use super::name_codes;
use super::simple::{digit_run, lowercase_atom};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind};
use html5ever::{ns, Attribute, LocalName, QualName};
use std::cell::RefCell;

/// The marker's character (see the module documentation).
pub(super) const MARKER: &str = "\u{1}";

/// The character that follows a name's code in a tag with no lifted list (see
/// [`name_codes`]): `</n\u{2}>`, `<d\u{2}>`. Such tags are counted, not listed
/// ([`Slots::all_taken`]).
pub(super) const CODE_MARKER: &str = "\u{2}";

/// The name of the one end tag that stands for a run of end tags written as codes, one
/// right after the other (`</span></p></div>` as `</r\u{3}>`): the gate hands the tree
/// builder the run's end tags in turn ([`Lists::runs`]).
pub(super) const RUN_NAME: &str = "r\u{3}";

/// The single bytes of [`MARKER`] and [`CODE_MARKER`], and the last of [`RUN_NAME`].
const MARKER_BYTE: u8 = MARKER.as_bytes()[0];
const CODE_MARKER_BYTE: u8 = CODE_MARKER.as_bytes()[0];
const RUN_BYTE: u8 = RUN_NAME.as_bytes()[1];

/// What stands in a lifted tag for its attributes, or in a tag for its name. Lifted lists
/// are taken in the order their markers were written: the tokenizer reads the input in order,
/// and the gate takes the next list at each marker it sees ([`Slots`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Marker {
    /// The marker's character ends the tag's name: `<img\u{1}>`, read as one start tag named
    /// `img\u{1}` without attributes. Used where the name with it stays an inline atom (seven
    /// bytes at most: never interned), reads as no code, and the tag is no raw-text one (the
    /// tokenizer matches the end tag of raw text against the start tag's name as it read it).
    InName,
    /// An attribute named by the marker's character, without a value: `<script \u{1}>`.
    Attribute,
    /// The name's code and the marker's character stand for the name and the attributes:
    /// `<n\u{1}>` for a lifted `<span class=…>` (see [`name_codes`]).
    Coded(&'static [u8]),
    /// The name's code and [`CODE_MARKER`] stand for the name alone, in a tag with no lifted
    /// list: `</n\u{2}>`, `<d\u{2}>`.
    CodeOnly(&'static [u8]),
    /// [`RUN_NAME`] stands for the names of a run of end tags, from the first's name to the
    /// last's (the `>` of the others within).
    EndRun,
}

impl Marker {
    /// The marker for a start tag named `name` (as written), `plain` when it opens no raw
    /// text.
    pub(super) fn for_tag(name: &[u8], plain: bool) -> Marker {
        if let Some(code) = name_codes::code(name) {
            Marker::Coded(code)
        } else if plain && name.len() < 7 && !name_codes::is_code(name) {
            Marker::InName
        } else {
            Marker::Attribute
        }
    }

    /// Whether the marker stands for a lifted list.
    pub(super) fn has_list(self) -> bool {
        !matches!(self, Marker::CodeOnly(_) | Marker::EndRun)
    }

    /// Whether the marker replaces the tag's name too (the cut starts at the name).
    pub(super) fn replaces_name(self) -> bool {
        matches!(self, Marker::Coded(_) | Marker::CodeOnly(_))
    }
}

/// Appends `marker` to `out`. What follows is what followed the tag's last attribute (or,
/// for [`Marker::CodeOnly`], its name): white space, `/` or `>`, each of which ends a tag or
/// attribute name (HTML § 13.2.5.8, 13.2.5.33), so a `/` still makes the tag self-closing.
pub(super) fn write_marker(out: &mut String, marker: Marker) {
    match marker {
        Marker::InName => out.push_str(MARKER),
        Marker::Attribute => {
            out.push(' ');
            out.push_str(MARKER);
        }
        Marker::EndRun => out.push_str(RUN_NAME),
        Marker::Coded(code) | Marker::CodeOnly(code) => {
            // Codes are ASCII letters.
            out.extend(code.iter().map(|&b| char::from(b)));
            out.push_str(if marker.has_list() {
                MARKER
            } else {
                CODE_MARKER
            });
        }
    }
}

/// The attribute lists lifted from one input, in the order their markers were written.
pub(crate) struct Lifted<'h> {
    /// The input the scan reads.
    pub(super) html: &'h str,
    pub(super) slots: Vec<Vec<Attribute>>,
    /// Tags written with [`Marker::CodeOnly`].
    pub(super) code_only: usize,
    /// The names of each run of end tags written as [`RUN_NAME`], in order.
    pub(super) runs: Vec<Vec<LocalName>>,
    /// `html` as a shared tendril, made at the first value written as it is: such values are
    /// slices of it (as the tokenizer's are of its input), not copies.
    source: Option<StrTendril>,
    /// The attributes of the tag being read, moved to a list of their exact length at its
    /// end (not grown 4, 8, 16 in each tag's own list).
    tag: Vec<Attribute>,
    /// The atoms of the names lifted, by their keys (the thread's, given back on drop).
    atoms: Option<NameAtoms>,
}

impl Drop for Lifted<'_> {
    fn drop(&mut self) {
        if let Some(atoms) = self.atoms.take() {
            atoms.give_back();
        }
    }
}

impl<'h> Lifted<'h> {
    /// Lists for `html`; `None` when it holds the marker's character, [`CODE_MARKER`] or
    /// U+0003 (the end of [`RUN_NAME`]), or is too long for a tendril.
    pub(super) fn new(html: &'h str) -> Option<Lifted<'h>> {
        (memchr::memchr3(MARKER_BYTE, CODE_MARKER_BYTE, RUN_BYTE, html.as_bytes()).is_none()
            && u32::try_from(html.len()).is_ok())
        .then(|| Lifted {
            html,
            slots: Vec::with_capacity(html.len() / 256),
            code_only: 0,
            runs: Vec::new(),
            source: None,
            tag: Vec::new(),
            atoms: Some(NameAtoms::take()),
        })
    }

    /// A start tag begins.
    pub(super) fn begin_tag(&mut self) {
        self.tag.clear();
    }

    /// Reads the attribute whose name and value are at these byte ranges of the input into
    /// the tag's list (a repeated name is ignored, as the tokenizer does); `false` when it
    /// cannot be read as the tokenizer would (see [`Self::attribute`]): the tag is then not lifted.
    pub(super) fn add(&mut self, name: (usize, usize), value: (usize, usize)) -> bool {
        let Some(a) = self.attribute(name, value) else {
            return false;
        };
        if !self.tag.iter().any(|b| b.name.local == a.name.local) {
            self.tag.push(a);
        }
        true
    }

    /// The tag ends: its attributes become the next list; `false` when it has none (every
    /// attribute went), and nothing is lifted.
    pub(super) fn end_tag(&mut self) -> bool {
        if self.tag.is_empty() {
            return false;
        }
        self.slots.push(self.tag.drain(..).collect());
        true
    }

    /// The attribute the tokenizer makes of the name at `name` and the value at `value`
    /// (byte ranges of the input; the value as written: between its quotes, or unquoted);
    /// `None` where this reading leaves it to the tokenizer (the tag is then not lifted). A
    /// value written as it is becomes a slice of the input.
    ///
    /// The tokenizer lowercases ASCII letters of a name and replaces NUL (§ 13.2.5.33); in a
    /// value it decodes character references (§ 13.2.5.72–80, see [`reference()`]) and
    /// replaces NUL, and line endings were normalised before (§ 13.2.3.5). Left to it: a name
    /// or value holding NUL, a value holding CR, a numeric reference of more than
    /// [`MAX_DIGITS`] digits.
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
        let written = &self.html[name.0..name.1];
        match (
            name_key_at(self.html.as_bytes(), name.0, name.1),
            &mut self.atoms,
        ) {
            (Some(key), Some(atoms)) if !written.as_bytes().contains(&0) => Some(Attribute {
                name: QualName::new(None, ns!(), atoms.atom(key, written)),
                value,
            }),
            _ => named(written, value),
        }
    }
}

/// The attribute the tokenizer makes of the name and the value at these byte ranges of
/// `input` (the value as written: between its quotes, or unquoted); a value written as it
/// is becomes a slice of `input`. `None` where [`Lifted::attribute`] leaves it to the
/// tokenizer.
pub(super) fn attribute_in(
    input: &StrTendril,
    name: (usize, usize),
    value: (usize, usize),
) -> Option<Attribute> {
    let value = match decode(&input[value.0..value.1])? {
        Decoded::AsWritten => input.subtendril(value.0 as u32, (value.1 - value.0) as u32),
        Decoded::Owned(value) => value,
    };
    named(&input[name.0..name.1], value)
}

/// [`Lifted::attribute`] of a name and a value given as strings (for the tests).
#[cfg(test)]
pub(super) fn attribute(name: &str, value: &str) -> Option<Attribute> {
    let value = match decode(value)? {
        Decoded::AsWritten => StrTendril::from_slice(value),
        Decoded::Owned(value) => value,
    };
    named(name, value)
}

/// The attribute `name` (as written) with `value`, unless the name holds NUL.
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

/// `value` as the tokenizer reads it (see [`Lifted::attribute`]); `None` when it holds NUL or CR, or
/// a numeric reference of more than [`MAX_DIGITS`] digits.
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
        let done = match reference(&bytes[at..])? {
            Reference::Chars(c, more, len) => {
                out.push_char(c);
                if let Some(c) = more {
                    out.push_char(c);
                }
                at + len
            }
            Reference::Literal(len) => {
                out.push_slice(&value[at..at + len]);
                at + len
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

/// The most digits of a numeric reference read here: more are left to the tokenizer.
const MAX_DIGITS: usize = 8;

/// What a `&` in an attribute value starts.
enum Reference {
    /// A reference: its character (two for a few named ones) and its length.
    Chars(char, Option<char>, usize),
    /// This many bytes that stay as written.
    Literal(usize),
}

/// The reference at the start of `s` (at its `&`) in an attribute value, as the tokenizer
/// reads it (HTML § 13.2.5.72–80; html5ever's `CharRefTokenizer`):
///
/// - `&` before anything but a letter, a digit or `#` is no reference;
/// - `&#` (or `&#x`) without digits stays as written; with digits, the number's character
///   (`;` optional), NUL, surrogates and numbers past U+10FFFF as U+FFFD, 0x80–0x9F through
///   the Windows-1252 table;
/// - `&name;` is the entity `name;` when html5ever's table has it (no longer name can match
///   past the `;`), else it stays as written (a shorter match would be followed by a letter
///   or digit, which in an attribute keeps it as written);
/// - `&name` before any other character: the entity `name` (one of those written without
///   `;`) unless `=` follows, else as written: a shorter match is followed by a letter or
///   digit.
///
/// `None` for a number of more than [`MAX_DIGITS`] digits.
fn reference(s: &[u8]) -> Option<Reference> {
    let entities = &html5ever::data::NAMED_ENTITIES;
    match s.get(1) {
        Some(b'#') => {
            let hex = matches!(s.get(2), Some(b'x' | b'X'));
            let from = if hex { 3 } else { 2 };
            let digits = digit_run(&s[from.min(s.len())..], hex);
            if digits == 0 {
                return Some(Reference::Literal(from));
            }
            if digits > MAX_DIGITS {
                return None;
            }
            let text = std::str::from_utf8(&s[from..from + digits]).ok()?;
            let n = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
            let c = match n {
                0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{fffd}',
                0x80..=0x9F => html5ever::data::C1_REPLACEMENTS[(n - 0x80) as usize]
                    .or_else(|| char::from_u32(n))?,
                n => char::from_u32(n)?,
            };
            let len = from + digits + usize::from(s.get(from + digits) == Some(&b';'));
            Some(Reference::Chars(c, None, len))
        }
        Some(c) if c.is_ascii_alphanumeric() => {
            let n = s[1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let (key, len) = match s.get(1 + n) {
                Some(b';') => (&s[1..2 + n], 2 + n),
                Some(b'=') => return Some(Reference::Literal(1 + n)),
                _ => (&s[1..1 + n], 1 + n),
            };
            let found = std::str::from_utf8(key)
                .ok()
                .and_then(|key| entities.get(key))
                .filter(|(first, _)| *first != 0);
            Some(match found {
                Some(&(first, second)) => Reference::Chars(
                    char::from_u32(first)?,
                    (second != 0).then(|| char::from_u32(second)).flatten(),
                    len,
                ),
                None => Reference::Literal(len),
            })
        }
        _ => Some(Reference::Literal(1)),
    }
}

/// The lifted lists as the gate takes them, in order, one at each marker.
pub(crate) struct Slots {
    lists: std::vec::IntoIter<Vec<Attribute>>,
    /// Names written with [`CODE_MARKER`] not yet read (see [`Lifted::code_only`]).
    code_only: usize,
    /// The runs of end tags, in order (see [`RUN_NAME`]).
    runs: std::vec::IntoIter<Vec<LocalName>>,
    /// The names last restored from names with the marker: `(img\u{1}, img)`. A handful of
    /// names make most tags; a name read from the table is looked up once.
    names: [Option<(LocalName, LocalName)>; NAMES],
    next_name: usize,
}

/// How many names [`Slots`] keeps.
const NAMES: usize = 8;

/// What the scan lifted off one input, for the gate: the lists in the order their markers
/// were written, and how many tags it wrote with [`Marker::CodeOnly`].
#[derive(Default)]
pub(crate) struct Lists {
    pub(crate) lists: Vec<Vec<Attribute>>,
    pub(crate) code_only: usize,
    /// The names of each run of end tags written as [`RUN_NAME`], in order.
    pub(crate) runs: Vec<Vec<LocalName>>,
}

impl Slots {
    pub(crate) fn new(lifted: Lists) -> Slots {
        Slots {
            lists: lifted.lists.into_iter(),
            code_only: lifted.code_only,
            runs: lifted.runs.into_iter(),
            names: Default::default(),
            next_name: 0,
        }
    }

    /// Whether each list was taken by a marker, and each name written with
    /// [`CODE_MARKER`] read as a tag's: otherwise the tokenizer did not read some tag as the
    /// scan did, and lists may have gone to the wrong tags (the input is then parsed again
    /// without lifting). Every marker has its list (the scan writes them in pairs, and takes
    /// both back together), so no marker comes after the last list.
    pub(crate) fn all_taken(&self) -> bool {
        self.lists.len() == 0 && self.code_only == 0 && self.runs.len() == 0
    }

    /// The tag's name without the marker's character that ends `marked` (a name that is no
    /// code: see [`restore`]).
    fn name(&mut self, marked: &LocalName) -> LocalName {
        if let Some((_, name)) = self.names.iter().flatten().find(|(m, _)| m == marked) {
            return name.clone();
        }
        let name = LocalName::from(&marked[..marked.len() - MARKER.len()]);
        self.names[self.next_name] = Some((marked.clone(), name.clone()));
        self.next_name = (self.next_name + 1) % NAMES;
        name
    }
}

/// Gives `tag` (start or end) its name back when the scan wrote it with a marker, and puts
/// the next lifted list in place of the marker of a start tag, if it has one and a list is
/// left. An end tag named [`RUN_NAME`] stands for a run of end tags: their names are
/// returned, for the gate to hand them on in turn.
#[inline]
pub(super) fn restore(tag: &mut Tag, slots: &RefCell<Slots>) -> Option<Vec<LocalName>> {
    // The marker's character or `CODE_MARKER` ends the name, and what comes before it may be
    // a code (decoded here, while the name's bytes are at hand).
    let (last, decoded) = match tag.name.as_bytes() {
        [code @ .., last @ (MARKER_BYTE | CODE_MARKER_BYTE)] => (*last, name_codes::name(code)),
        [_, RUN_BYTE] => (RUN_BYTE, None),
        _ => (0, None),
    };
    if last != 0 || matches!(&tag.attrs[..], [only] if &*only.name.local == MARKER) {
        return restore_marked(tag, last, decoded, &mut slots.borrow_mut());
    }
    None
}

/// [`restore`] of a tag with a marker: `last` is the name's last byte when it is a marker's
/// (0 otherwise), `decoded` the name its code stands for.
#[inline(never)]
fn restore_marked(
    tag: &mut Tag,
    last: u8,
    decoded: Option<LocalName>,
    slots: &mut Slots,
) -> Option<Vec<LocalName>> {
    // Nothing counted or no list left: nothing was lifted (an input holding either
    // character has no lists), and the tag is the input's own.
    match last {
        CODE_MARKER_BYTE => {
            if slots.code_only > 0 {
                slots.code_only -= 1;
                tag.name = decoded.unwrap_or_else(|| slots.name(&tag.name));
            }
        }
        RUN_BYTE => {
            if tag.kind == TagKind::EndTag && *tag.name == *RUN_NAME {
                return slots.runs.next();
            }
        }
        _ => {
            if let Some(list) = slots.lists.next() {
                if last == MARKER_BYTE {
                    tag.name = decoded.unwrap_or_else(|| slots.name(&tag.name));
                }
                tag.attrs = list;
            }
        }
    }
    None
}

#[cfg(test)]
#[path = "lift_tests.rs"]
pub(super) mod lift_tests;
