//! Which attributes are removed before html5ever reads them.
//!
//! On modern pages most of html5ever's work is reading attributes: its tokenizer takes
//! attribute names one character at a time, makes an atom of each, and copies each value.
//! Most of those attributes (`class`, `data-*`, `aria-*`…) are read by no rule and removed
//! by the sanitizer. An [`AttrFilter`] names them: the attribute scan of
//! [`attr_cap`](super::attr_cap) then cuts them out of the start tags it reads, and the tree
//! built is the one html5ever builds from the whole input, less those attributes.
//!
//! What stays is decided by the cleaner from its rules' [`Interest`](crate::Interest)s: every
//! rule, the sanitizer included, says which attributes it reads on which elements (the
//! sanitizer reads every attribute it may keep). An attribute goes when no rule reads it on
//! its element. The attributes html5ever's tree builder itself looks at always stay (see
//! [`TREE_BUILDER_READS`]).

use crate::interest::{Pattern, Read};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Attributes the tree builder reads (HTML § 13.2.6; html5ever's `tree_builder`): `type` of
/// `<input>` (hidden inputs in tables), `color`/`face`/`size` of `<font>` (leaving foreign
/// content), `encoding` of `<annotation-xml>`, `shadowroot*` of `<template>`, `form` (form
/// association), and `<meta>`'s `charset`/`http-equiv`/`content`. Removing them could change
/// the tree, so they always stay.
const TREE_BUILDER_READS: &str = "type color face size encoding shadowroot* form charset \
                                  http-equiv content";

/// The longest attribute or element name looked up: longer ones always stay.
const MAX_NAME: usize = 48;

/// The attributes removed before parsing: see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct AttrFilter {
    /// What stays on every element.
    everywhere: Kept,
    /// What stays on the elements some read names exactly (`everywhere` included).
    named: HashMap<Box<[u8]>, Kept, BuildHasherDefault<Fnv>>,
    /// ... on the elements some read names by prefix (`lite-*`).
    prefixed: Vec<(Box<[u8]>, Kept)>,
}

/// The attributes that stay on an element.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kept {
    /// All of them.
    all: bool,
    names: NameSet,
    prefixes: Vec<Box<[u8]>>,
    /// All but these (from `Interest::reads_all_but`).
    all_but: Vec<Vec<Pattern>>,
    /// These when their value holds the word (from `Interest::reads_word`).
    words: Vec<(Pattern, Box<[u8]>)>,
}

impl Kept {
    fn add(&mut self, read: &Read) {
        match (&read.attribute, &read.word) {
            (Pattern::Any, None) if read.except.is_empty() => self.all = true,
            (Pattern::Any, None) => self.all_but.push(read.except.clone()),
            (attribute, Some(word)) => self.words.push((attribute.clone(), word.clone())),
            (Pattern::Exact(n), None) => {
                self.names.insert(n);
            }
            (Pattern::Prefix(p), None) => self.prefixes.push(p.clone()),
        }
    }

    fn merge(&mut self, other: &Kept) {
        self.all |= other.all;
        self.names.extend(&other.names);
        self.prefixes.extend(other.prefixes.iter().cloned());
        self.all_but.extend(other.all_but.iter().cloned());
        self.words.extend(other.words.iter().cloned());
    }

    /// Whether the attribute `attr` (ASCII lower case) with this value stays.
    fn keeps(&self, attr: &[u8], value: &[u8]) -> bool {
        self.all
            || self.names.contains(attr)
            || self
                .prefixes
                .iter()
                .any(|p| attr.len() > p.len() && attr.starts_with(p))
            || self
                .all_but
                .iter()
                .any(|except| !except.iter().any(|e| e.matches(attr)))
            || self
                .words
                .iter()
                .any(|(a, word)| a.matches(attr) && has_word(value, word))
    }
}

impl AttrFilter {
    /// The filter keeping what `reads` (every rule's, the sanitizer's included) read;
    /// `None` when they read everything anyway.
    pub(crate) fn new(reads: &[Read]) -> Option<AttrFilter> {
        let mut everywhere = Kept::default();
        for attr in TREE_BUILDER_READS.split_ascii_whitespace() {
            everywhere.add(&Read::of(Pattern::Any, attr));
        }
        let mut named_kept: Vec<(Box<[u8]>, Kept)> = Vec::new();
        let mut prefixed: Vec<(Box<[u8]>, Kept)> = Vec::new();
        for read in reads {
            let kept = match &read.element {
                Pattern::Any => &mut everywhere,
                Pattern::Exact(e) | Pattern::Prefix(e) => {
                    let list = if matches!(read.element, Pattern::Exact(_)) {
                        &mut named_kept
                    } else {
                        &mut prefixed
                    };
                    let at = match list.iter().position(|(n, _)| n == e) {
                        Some(at) => at,
                        None => {
                            list.push((e.clone(), Kept::default()));
                            list.len() - 1
                        }
                    };
                    &mut list[at].1
                }
            };
            kept.add(read);
        }
        if everywhere.all {
            return None;
        }
        // What stays everywhere stays on the named elements too: one look-up per attribute.
        for (_, kept) in named_kept.iter_mut().chain(&mut prefixed) {
            kept.merge(&everywhere);
            kept.names.rehash();
        }
        everywhere.names.rehash();
        Some(AttrFilter {
            everywhere,
            named: named_kept.into_iter().collect(),
            prefixed,
        })
    }

    /// What stays on a start tag named `element` (as written, in any ASCII case): look it
    /// up once per tag, then ask
    /// [`drops`](AttrFilter::drops) for each attribute.
    pub(crate) fn element(&self, element: &[u8]) -> ElementKept<'_> {
        let mut buf = [0u8; MAX_NAME];
        let Some(name) = lower(element, &mut buf) else {
            return ElementKept::All;
        };
        // The tree builder renames `<image>` to `img` (HTML § 13.2.6.4.7).
        let name: &[u8] = if name == b"image" { b"img" } else { name };
        if let Some(kept) = self.named.get(name) {
            return ElementKept::Some(kept);
        }
        match self
            .prefixed
            .iter()
            .find(|(p, _)| name.len() > p.len() && name.starts_with(p))
        {
            Some((_, kept)) => ElementKept::Some(kept),
            None => ElementKept::Nothing,
        }
    }

    /// Whether the attribute named `attr` (as written) with the value `value` (char
    /// references not decoded) goes from a start tag whose [`element`](AttrFilter::element)
    /// look-up gave `on`.
    pub(crate) fn drops(&self, on: &ElementKept<'_>, attr: &[u8], value: &[u8]) -> bool {
        let mut buf = [0u8; MAX_NAME];
        let Some(attr) = lower(attr, &mut buf) else {
            return false;
        };
        match on {
            ElementKept::All => false,
            ElementKept::Nothing => !self.everywhere.keeps(attr, value),
            ElementKept::Some(kept) => !kept.keeps(attr, value),
        }
    }
}

/// What stays on one element.
pub(crate) enum ElementKept<'f> {
    /// Everything (a name too long to look up).
    All,
    /// What stays everywhere.
    Nothing,
    /// What stays everywhere and on this element.
    Some(&'f Kept),
}

impl Read {
    fn of(element: Pattern, attribute: &str) -> Read {
        Read {
            element,
            attribute: crate::interest::patterns(attribute).remove(0),
            except: Vec::new(),
            word: None,
        }
    }
}

/// `name` in ASCII lower case, in `buf`; `None` when it does not fit.
fn lower<'b>(name: &[u8], buf: &'b mut [u8; MAX_NAME]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..name.len())?;
    for (o, b) in out.iter_mut().zip(name) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// Whether `value` holds `word` (lower case) in any ASCII case; a character reference might
/// spell it, so a value with one is read as holding it.
fn has_word(value: &[u8], word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return true;
    };
    // Only where the first letter stands (either case) is the word compared: a class list
    // runs to hundreds of bytes on utility-class pages, and is read for every `div`.
    memchr::memchr(b'&', value).is_some()
        || memchr::memchr2_iter(first, first.to_ascii_uppercase(), value).any(|at| {
            value
                .get(at..at + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        })
}

/// A set of names (ASCII lower case). A name up to 15 bytes long is one number, looked up in
/// an open-addressing table: most attribute names are short, and this look-up is most of the
/// filter's work.
#[derive(Debug, Clone, Default)]
struct NameSet {
    short: Vec<u128>,
    /// `short` hashed: a power-of-two number of slots, 0 for an empty one.
    slots: Vec<u128>,
    long: Vec<Box<[u8]>>,
}

impl NameSet {
    /// `name` as a number: its bytes, then zeros, its length in the top byte (`None` for
    /// the empty name or past 15 bytes).
    fn key(name: &[u8]) -> Option<u128> {
        if name.is_empty() || name.len() > 15 {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes[..name.len()].copy_from_slice(name);
        bytes[15] = name.len() as u8;
        Some(u128::from_le_bytes(bytes))
    }

    fn slot(key: u128, mask: usize) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
    }

    fn insert(&mut self, name: &[u8]) {
        match NameSet::key(name) {
            Some(k) if !self.short.contains(&k) => self.short.push(k),
            Some(_) => {}
            None if !self.long.iter().any(|n| **n == *name) => self.long.push(name.into()),
            None => {}
        }
    }

    fn extend(&mut self, other: &NameSet) {
        for &k in &other.short {
            if !self.short.contains(&k) {
                self.short.push(k);
            }
        }
        for n in &other.long {
            self.insert(n);
        }
    }

    /// Builds `slots` from `short`, with at most one name in four slots used: once the set
    /// is complete (`insert` and `extend` only collect), before any `contains`.
    fn rehash(&mut self) {
        let size = (self.short.len() * 4).next_power_of_two().max(8);
        self.slots = vec![0; size];
        for &k in &self.short {
            let mut at = NameSet::slot(k, size - 1);
            while self.slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = k;
        }
    }

    fn contains(&self, name: &[u8]) -> bool {
        let Some(k) = NameSet::key(name) else {
            return self.long.iter().any(|n| **n == *name);
        };
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = NameSet::slot(k, mask);
        loop {
            match self.slots.get(at) {
                Some(&s) if s == k => return true,
                Some(&0) | None => return false,
                Some(_) => at = (at + 1) & mask,
            }
        }
    }
}

/// FNV-1a: the names are short, and come from the configuration (the input is only looked
/// up), so a keyed hash buys nothing here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Interest;

    #[test]
    fn word_search_agrees_with_every_window() {
        // The memchr search against the plain one, on values where the word's first letter
        // comes in both cases, overlaps itself, or is cut by the end.
        let naive = |value: &[u8], word: &[u8]| {
            value.contains(&b'&')
                || value
                    .windows(word.len())
                    .any(|w| w.eq_ignore_ascii_case(word))
        };
        let pieces = [
            "c", "C", "ca", "cap", "CAPTION", "caption", "aption", " ", "x", "&",
        ];
        let mut values = vec![String::new()];
        for _ in 0..3 {
            let mut longer = Vec::new();
            for v in &values {
                for p in pieces {
                    longer.push(format!("{v}{p}"));
                }
            }
            values.extend(longer);
        }
        for word in ["caption", "c", "lazy"] {
            for v in &values {
                assert_eq!(
                    has_word(v.as_bytes(), word.as_bytes()),
                    naive(v.as_bytes(), word.as_bytes()),
                    "{v:?} {word:?}"
                );
            }
        }
    }

    fn filter(interest: Interest) -> AttrFilter {
        AttrFilter::new(&interest.reads.unwrap()).unwrap()
    }

    fn drops(f: &AttrFilter, element: &str, attr: &str, value: &str) -> bool {
        f.drops(
            &f.element(element.as_bytes()),
            attr.as_bytes(),
            value.as_bytes(),
        )
    }

    #[test]
    fn an_attribute_goes_unless_a_rule_reads_it_there() {
        let f = filter(
            Interest::elements("*")
                .reads("img", "*")
                .reads("div", "class")
                .reads("*", "href"),
        );
        assert!(drops(&f, "span", "class", "") && drops(&f, "SPAN", "Data-Src", ""));
        assert!(!drops(&f, "img", "class", "") && !drops(&f, "img", "data-src", ""));
        assert!(!drops(&f, "div", "class", "") && drops(&f, "div", "data-x", ""));
        assert!(!drops(&f, "span", "HREF", ""));
        // `<image>` is an `img` once parsed.
        assert!(!drops(&f, "image", "data-src", ""));
        // What the tree builder reads stays everywhere.
        for attr in [
            "type",
            "color",
            "face",
            "size",
            "encoding",
            "shadowrootmode",
            "form",
        ] {
            assert!(!drops(&f, "span", attr, "x"), "{attr}");
        }
        // Names too long to look up stay.
        assert!(!drops(&f, "span", &"x".repeat(MAX_NAME + 1), ""));
        assert!(!drops(&f, &"x".repeat(MAX_NAME + 1), "class", ""));
    }

    #[test]
    fn reading_everything_everywhere_keeps_everything() {
        assert!(AttrFilter::new(&Interest::elements("*").reads("*", "*").reads.unwrap()).is_none());
    }

    /// The tables agree with reading every read in turn, on every combination of names
    /// that exercises them (exact, prefix, except, word, `<image>`, case).
    #[test]
    fn the_tables_agree_with_the_reads() {
        let interest = Interest::elements("*")
            .reads("img", "*")
            .reads_all_but("div span", "class id")
            .reads_word("div p span", "class", "caption")
            .reads("*", "aria-hidden style data-keep on* aria-describedby")
            .reads("lite-*", "*")
            .reads("a", "href data-*");
        let reads = interest.reads.clone().unwrap();
        let f = filter(interest);
        let tree = crate::interest::patterns(TREE_BUILDER_READS);
        let elements = [
            "img",
            "IMAGE",
            "div",
            "Span",
            "p",
            "a",
            "li",
            "lite-youtube",
            "lite-",
            "x",
            "figure",
        ];
        let attrs = [
            "class",
            "id",
            "ID",
            "data-src",
            "data-",
            "data-x",
            "data-keep",
            "aria-label",
            "aria-hidden",
            "role",
            "itemid",
            "href",
            "style",
            "data",
            "onclick",
            "on",
            "type",
            "shadowrootmode",
            "Form",
            "aria-describedby",
            "aria-describedbx",
            "aria-describedb",
        ];
        let values = ["", "x", "Caption", "a&amp;b", "lazyload"];
        for e in elements {
            let canonical = if e.eq_ignore_ascii_case("image") {
                "img"
            } else {
                e
            };
            for a in attrs {
                for v in values {
                    let read = tree.iter().any(|t| t.matches(a.as_bytes()))
                        || reads.iter().any(|r| {
                            r.element.matches(canonical.as_bytes())
                                && r.attribute.matches(a.as_bytes())
                                && !r.except.iter().any(|x| x.matches(a.as_bytes()))
                                && r.word.as_ref().is_none_or(|w| has_word(v.as_bytes(), w))
                        });
                    assert_eq!(drops(&f, e, a, v), !read, "{e:?} {a:?} {v:?}");
                }
            }
        }
    }
}
