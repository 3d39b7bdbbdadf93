//! Which attributes are removed before html5ever reads them.
//!
//! On modern pages most of html5ever's work is reading attributes: its tokenizer takes
//! attribute names one character at a time, makes an atom of each, and copies each value.
//! Most of those attributes (`class`, `data-*`, `aria-*`…) are read by no rule and removed
//! by the sanitizer. An [`AttrFilter`] names them: the attribute scan of
//! [`attr_cap`](super::attr_cap) then cuts them out of the start tags it reads, and the tree
//! built is the one html5ever builds from the whole input, less those attributes.
//!
//! What may go is decided by the cleaner from its rules' [`Interest`](crate::Interest)s: the
//! sanitizer names the attributes it never keeps (the *family*), every rule the attributes
//! it reads on which elements; an attribute goes when it is in the family and no rule reads
//! it on that element. None of the attributes html5ever's tree builder itself looks at
//! (`type` of `<input>`, `color`/`face`/`size` of `<font>`, `encoding` of
//! `<annotation-xml>`, `shadowroot*` of `<template>`, `<meta>`'s `charset`/`http-equiv`/
//! `content`) may be in the family: [`AttrFilter::new`] refuses them.

use crate::interest::{Pattern, Read};

/// Attributes the tree builder reads (HTML § 13.2.6): removing them would change the tree.
const TREE_BUILDER_READS: &[&[u8]] = &[
    b"type",
    b"color",
    b"face",
    b"size",
    b"encoding",
    b"shadowrootmode",
    b"shadowrootdelegatesfocus",
    b"shadowrootclonable",
    b"shadowrootserializable",
    b"charset",
    b"http-equiv",
    b"content",
];

/// The attributes removed before parsing: see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct AttrFilter {
    /// Whether a name starting with this byte may be in the family: one look-up rules out
    /// most attributes (`href`, `src`…).
    first: [bool; 256],
    /// The attributes that may go.
    family: Vec<Pattern>,
    /// The fate of each family member on the elements some read names exactly.
    named: Vec<(Box<[u8]>, Box<[Fate]>)>,
    /// ... and on every other element.
    other: Box<[Fate]>,
    /// Reads naming elements by prefix (`lite-*`): a tag matching one is decided by
    /// [`check`](AttrFilter::check).
    prefixed: bool,
    /// What the rules read of the family (reads of other attributes are left out).
    reads: Vec<Read>,
}

/// What becomes of one family member on one element.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fate {
    Drop,
    Keep,
    /// Kept when its value holds one of these words.
    KeepWith(Vec<Box<[u8]>>),
    /// Some reads take part of the member only: [`AttrFilter::check`] decides.
    Check,
}

impl AttrFilter {
    /// `None` when nothing can go, or when the family would take an attribute the tree
    /// builder reads.
    pub(crate) fn new(family: Vec<Pattern>, reads: Vec<Read>) -> Option<AttrFilter> {
        let harmless = !family
            .iter()
            .any(|p| TREE_BUILDER_READS.iter().any(|a| p.matches(a)));
        if !harmless || family.is_empty() {
            return None;
        }
        let mut first = [false; 256];
        for p in &family {
            let (Pattern::Exact(n) | Pattern::Prefix(n)) = p else {
                return None;
            };
            let b = *n.first()?;
            first[usize::from(b.to_ascii_lowercase())] = true;
            first[usize::from(b.to_ascii_uppercase())] = true;
        }
        let reads: Vec<Read> = reads
            .into_iter()
            .filter(|r| family.iter().any(|f| overlap(f, &r.attribute)))
            .collect();
        let fates = |element: Option<&[u8]>| -> Box<[Fate]> {
            family
                .iter()
                .map(|member| fate(member, element, &reads))
                .collect()
        };
        let mut named: Vec<(Box<[u8]>, Box<[Fate]>)> = Vec::new();
        for r in &reads {
            if let Pattern::Exact(e) = &r.element {
                if !named.iter().any(|(n, _)| n == e) {
                    named.push((e.clone(), fates(Some(e))));
                }
            }
        }
        let other = fates(None);
        let prefixed = reads
            .iter()
            .any(|r| matches!(r.element, Pattern::Prefix(_)));
        Some(AttrFilter {
            first,
            family,
            named,
            other,
            prefixed,
            reads,
        })
    }

    /// Whether the attribute named `attr` with the value `value` (as written: char
    /// references not decoded) of a start tag named `element` (names as written, in any
    /// ASCII case) goes.
    pub(crate) fn drops(&self, element: &[u8], attr: &[u8], value: &[u8]) -> bool {
        if !attr.first().is_some_and(|&b| self.first[usize::from(b)]) {
            return false;
        }
        let Some(member) = self.family.iter().position(|p| p.matches(attr)) else {
            return false;
        };
        let element = canonical(element);
        let fates = match self.named.iter().find(|(n, _)| element.eq_ignore_ascii_case(n)) {
            Some((_, fates)) => fates,
            None if self.prefixed
                && self.reads.iter().any(|r| {
                    matches!(r.element, Pattern::Prefix(_)) && r.element.matches(element)
                }) =>
            {
                return self.check(element, attr, value);
            }
            None => &self.other,
        };
        match &fates[member] {
            Fate::Drop => true,
            Fate::Keep => false,
            Fate::KeepWith(words) => !words.iter().any(|w| has_word(value, w)),
            Fate::Check => self.check(element, attr, value),
        }
    }

    /// [`drops`](AttrFilter::drops) for an attribute of the family, read by read (the
    /// tables of `drops` are this, computed ahead).
    fn check(&self, element: &[u8], attr: &[u8], value: &[u8]) -> bool {
        !self.reads.iter().any(|r| {
            r.attribute.matches(attr)
                && r.element.matches(element)
                && !r.except.iter().any(|e| e.matches(attr))
                && r.word.as_ref().is_none_or(|w| has_word(value, w))
        })
    }
}

/// The name the tree builder gives an element: it renames `<image>` to `img` (HTML
/// § 13.2.6.4.7).
fn canonical(element: &[u8]) -> &[u8] {
    if element.eq_ignore_ascii_case(b"image") {
        b"img"
    } else {
        element
    }
}

/// Whether `value` holds `word` (lower case) in any ASCII case; a character reference might
/// spell it, so a value with one is read as holding it.
fn has_word(value: &[u8], word: &[u8]) -> bool {
    value.contains(&b'&') || value.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word))
}

/// The fate of the family member `member` on the element named `element` (`None`: an
/// element no read names exactly; reads naming elements by prefix are left to `check`).
fn fate(member: &Pattern, element: Option<&[u8]>, reads: &[Read]) -> Fate {
    let mut words = Vec::new();
    let mut check = false;
    for r in reads {
        let applies = match (&r.element, element) {
            (Pattern::Any, _) => true,
            (Pattern::Exact(e), Some(name)) => e[..] == *name,
            _ => false,
        };
        if !applies || !overlap(member, &r.attribute) || r.except.iter().any(|e| covers(e, member)) {
            continue;
        }
        if !covers(&r.attribute, member) || r.except.iter().any(|e| overlap(e, member)) {
            check = true;
            continue;
        }
        match &r.word {
            None => return Fate::Keep,
            Some(w) => words.push(w.clone()),
        }
    }
    if check {
        Fate::Check
    } else if words.is_empty() {
        Fate::Drop
    } else {
        Fate::KeepWith(words)
    }
}

/// Whether every name `b` matches, `a` matches too.
fn covers(a: &Pattern, b: &Pattern) -> bool {
    match (a, b) {
        (Pattern::Any, _) => true,
        (_, Pattern::Any) => false,
        (a, Pattern::Exact(n)) => a.matches(n),
        (Pattern::Exact(_), Pattern::Prefix(_)) => false,
        (Pattern::Prefix(x), Pattern::Prefix(y)) => {
            y.len() >= x.len() && y[..x.len()].eq_ignore_ascii_case(x)
        }
    }
}

/// Whether some name matches both patterns.
fn overlap(a: &Pattern, b: &Pattern) -> bool {
    match (a, b) {
        (Pattern::Any, _) | (_, Pattern::Any) => true,
        (Pattern::Exact(x), p) | (p, Pattern::Exact(x)) => p.matches(x),
        (Pattern::Prefix(x), Pattern::Prefix(y)) => {
            let n = x.len().min(y.len());
            x[..n].eq_ignore_ascii_case(&y[..n])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interest::patterns;
    use crate::Interest;

    fn filter(family: &str, interest: Interest) -> Option<AttrFilter> {
        AttrFilter::new(patterns(family), interest.reads.unwrap())
    }

    fn drops(f: &AttrFilter, element: &str, attr: &str) -> bool {
        f.drops(element.as_bytes(), attr.as_bytes(), b"")
    }

    #[test]
    fn an_attribute_goes_unless_a_rule_reads_it_there() {
        let f = filter(
            "class data-*",
            Interest::elements("*").reads("img", "*").reads("div", "class"),
        )
        .unwrap();
        assert!(drops(&f, "span", "class") && drops(&f, "SPAN", "Data-Src"));
        assert!(!drops(&f, "img", "class") && !drops(&f, "img", "data-src"));
        assert!(!drops(&f, "div", "class") && drops(&f, "div", "data-x"));
        assert!(!drops(&f, "span", "href") && !drops(&f, "span", "data-"));
        // `<image>` is an `img` once parsed.
        assert!(!drops(&f, "image", "data-src"));
    }

    #[test]
    fn exceptions_and_words() {
        let f = filter(
            "class id data-*",
            Interest::elements("*")
                .reads_all_but("div", "class id")
                .reads_word("p", "class", "caption"),
        )
        .unwrap();
        assert!(drops(&f, "div", "class") && drops(&f, "div", "id"));
        assert!(!drops(&f, "div", "data-src"));
        assert!(f.drops(b"p", b"class", b"intro"));
        assert!(!f.drops(b"p", b"class", b"wp-Caption-text"));
        // `&#99;aption` may spell it.
        assert!(!f.drops(b"p", b"class", b"&#99;aption"));
    }

    /// The tables `drops` computes ahead agree with reading every read in turn, on every
    /// combination of names that exercises them (exact, prefix, except, word, `<image>`).
    #[test]
    fn the_tables_agree_with_the_reads() {
        let f = filter(
            "class id role tabindex aria-* data-* item*",
            Interest::elements("*")
                .reads("img", "*")
                .reads_all_but("div span", "class id")
                .reads_word("div p span", "class", "caption")
                .reads("*", "aria-hidden style data-keep")
                .reads("lite-*", "*")
                .reads("a", "href data-*"),
        )
        .unwrap();
        let elements = [
            "img", "IMAGE", "div", "Span", "p", "a", "li", "lite-youtube", "lite-", "x", "figure",
        ];
        let attrs = [
            "class", "id", "ID", "data-src", "data-", "data-x", "data-keep", "aria-label",
            "aria-hidden", "role", "itemid", "items", "href", "style", "data", "tabindex",
        ];
        let values = ["", "x", "Caption", "a&amp;b", "lazyload"];
        for e in elements {
            for a in attrs {
                for v in values {
                    let (e, a, v) = (e.as_bytes(), a.as_bytes(), v.as_bytes());
                    let plain = f.family.iter().any(|p| p.matches(a)) && f.check(canonical(e), a, v);
                    assert_eq!(f.drops(e, a, v), plain, "{e:?} {a:?} {v:?}");
                }
            }
        }
    }

    #[test]
    fn what_the_tree_builder_reads_never_goes() {
        assert!(filter("class type", Interest::elements("*")).is_none());
        assert!(filter("*", Interest::elements("*")).is_none());
        assert!(filter("", Interest::elements("*")).is_none());
        assert!(filter("class", Interest::elements("*")).is_some());
    }
}
