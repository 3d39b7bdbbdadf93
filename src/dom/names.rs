//! Element-name classes used by the parser-facing code (serializer, walk) and the rules.

use html5ever::{local_name, LocalName, LocalNameStaticSet};
use std::hash::Hasher;
use std::sync::LazyLock;
use string_cache::StaticAtomSet;

/// The names of the HTML elements (current, obsolete and legacy ones the parser knows), and
/// `svg` and `math`, whitespace-separated: what a per-name table is filled with, and what a
/// test of a per-name answer runs over.
pub(crate) const HTML_ELEMENTS: &str =
    "a abbr acronym address applet area article aside audio b base \
    basefont bdi bdo bgsound big blink blockquote body br button canvas caption center cite \
    code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset \
    figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr \
    html i iframe image img input ins isindex kbd keygen label legend li link listing main map \
    mark marquee menu menuitem meta meter nav nobr noembed noframes noscript object ol \
    optgroup option output p param picture plaintext pre progress q rb rp rt rtc ruby s samp \
    script search section select slot small source spacer span strike strong style sub \
    summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul \
    var video wbr xmp svg math";

/// Answers of up to 16 per-name predicates for every element name that has an answer,
/// computed once: a question about a name is then an [`AtomTable`] look-up (a multiply and
/// one or two loads) instead of a chain of compares (which runs cold and mispredicts on
/// varied pages).
///
/// A `local_name!` constant is a static or inline atom, and a name equal to it is packed to
/// the same value (atoms compare by that value); a dynamic atom (a pointer) equals no such
/// constant, so every predicate built from matches on such constants is false for it, and it
/// finds no entry here. The table is filled from the canonical atom of every static name.
pub(crate) struct NameBits(AtomTable<u16>);

impl NameBits {
    /// The table of `preds` (bit `k` answers `preds[k]`) over every name of [`candidates`].
    pub(crate) fn build(preds: &[fn(&LocalName) -> bool]) -> NameBits {
        let entries = candidates()
            .filter_map(|atom| {
                let bits = preds
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p(&atom))
                    .fold(0u16, |b, (k, _)| b | 1 << k);
                (bits != 0).then_some((atom, bits))
            })
            .collect();
        NameBits(AtomTable::new(entries))
    }

    /// The bits of `name` (0 for a name no predicate holds for).
    #[inline]
    pub(crate) fn get(&self, name: &LocalName) -> u16 {
        self.0.get(name).unwrap_or(0)
    }
}

/// The names a [`NameBits`] table is filled from: every static name (the long ones; short
/// names are packed inline, not in the static set) and every HTML element name.
pub(crate) fn candidates() -> impl Iterator<Item = LocalName> {
    let statics = <LocalNameStaticSet as StaticAtomSet>::get().atoms.len() as u32;
    (0..statics)
        .map(LocalName::pack_static)
        .chain(HTML_ELEMENTS.split_whitespace().map(LocalName::from))
}

const VOID: u16 = 1;
const RAW_TEXT: u16 = 2;
const BLOCK: u16 = 4;

static CLASSES: LazyLock<NameBits> =
    LazyLock::new(|| NameBits::build(&[is_void_slow, is_raw_text_slow, is_block_slow]));

/// Elements that have no end tag and whose children are never serialized.
#[inline]
pub(crate) fn is_void(name: &LocalName) -> bool {
    CLASSES.get(name) & VOID != 0
}

/// Elements whose text content the parser reads as raw text (never as markup), with
/// scripting enabled as in a browser.
#[inline]
pub(crate) fn is_raw_text(name: &LocalName) -> bool {
    CLASSES.get(name) & RAW_TEXT != 0
}

/// Block-level elements: unwrapping one must not glue its text onto its neighbours', and an
/// image wrapper in block context becomes a `<figure>`.
#[inline]
pub(crate) fn is_block(name: &LocalName) -> bool {
    CLASSES.get(name) & BLOCK != 0
}

/// [`is_void`] as a match: what its table is built from.
pub(crate) fn is_void_slow(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Elements whose text is never shown as text: raw text that is not displayed, templates,
/// the document title. Each caller adds what else its reading leaves out.
pub(crate) fn shows_no_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "noscript" | "xmp" | "noembed" | "noframes" | "title"
    )
}

/// [`is_raw_text`] as a match: what its table is built from.
pub(crate) fn is_raw_text_slow(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("style")
            | local_name!("script")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("plaintext")
            | local_name!("noscript")
    )
}

/// [`is_block`] as a match: what its table is built from.
pub(crate) fn is_block_slow(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("li")
            | local_name!("listing")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("ul")
            | local_name!("caption")
            | local_name!("html")
            | local_name!("frameset")
            | local_name!("marquee")
            | local_name!("noscript")
            | local_name!("search")
            | local_name!("xmp")
            | local_name!("plaintext")
    )
}

/// A map from atoms to small values: open addressing on the atoms' packed data (which is
/// never 0: 0 marks an empty slot), linear probing, at most half full. A look-up is a
/// multiply and a load or two: less code and quicker than a `HashMap`'s, for the tables
/// asked about every element.
#[derive(Debug, Clone)]
pub(crate) struct AtomTable<V> {
    /// `(packed atom, value)`; a power of two long.
    slots: Box<[(u64, V)]>,
    /// The atoms, each once, in the order given: held, as a dynamic atom's packed data is its
    /// address, valid while it lives; and the table's names, in a fixed order.
    held: Vec<LocalName>,
}

impl<V: Copy + Default> Default for AtomTable<V> {
    fn default() -> Self {
        AtomTable::new(Vec::new())
    }
}

impl<V: Copy + Default> AtomTable<V> {
    /// The table of `entries`; of a name given twice, the last value.
    pub(crate) fn new(entries: Vec<(LocalName, V)>) -> AtomTable<V> {
        let len = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u64, V::default()); len].into_boxed_slice();
        let mut held = Vec::with_capacity(entries.len());
        for (name, value) in entries {
            let key = name.unsafe_data();
            let mut i = table_slot(key, len - 1);
            while slots[i].0 != 0 && slots[i].0 != key {
                i = (i + 1) & (len - 1);
            }
            if slots[i].0 == 0 {
                held.push(name);
            }
            slots[i] = (key, value);
        }
        AtomTable { slots, held }
    }

    /// The names in the table, each once, in the order they were first given.
    pub(crate) fn names(&self) -> impl Iterator<Item = &LocalName> + '_ {
        self.held.iter()
    }

    /// The value of `name`, when it is in the table.
    #[inline]
    pub(crate) fn get(&self, name: &LocalName) -> Option<V> {
        let key = name.unsafe_data();
        let mask = self.slots.len() - 1;
        let mut i = table_slot(key, mask);
        loop {
            let (k, value) = *self.slots.get(i)?;
            if k == key {
                return Some(value);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The first slot of the packed atom `key` in an [`AtomTable`] of `mask + 1` slots.
#[inline]
fn table_slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// Hashes html5ever atoms (each hashes as one `u64`) with a multiply and a rotate. The sets
/// are filled from the configuration only and input is merely looked up in them, so SipHash's
/// defence against chosen keys buys nothing here, and it was most of the cost of a lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct AtomHasher(u64);

impl Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name the table can answer for (each static atom), the HTML element names and
    /// names that are no static atom (inline and dynamic ones): table and match agree.
    #[test]
    fn class_table_matches_the_matches() {
        let statics = <LocalNameStaticSet as StaticAtomSet>::get().atoms;
        assert!(statics.len() > 100);
        let mut names: Vec<LocalName> = statics.iter().map(|s| LocalName::from(*s)).collect();
        names.extend((0..statics.len()).map(|i| LocalName::pack_static(i as u32)));
        names.extend(HTML_ELEMENTS.split_whitespace().map(LocalName::from));
        for custom in [
            "x",
            "my-el",
            "blockquotes",
            "DIV",
            "p2",
            "a-very-long-custom-name",
            "",
        ] {
            names.push(LocalName::from(custom));
        }
        let mut blocks = 0;
        for name in &names {
            assert_eq!(is_void(name), is_void_slow(name), "{name}");
            assert_eq!(is_raw_text(name), is_raw_text_slow(name), "{name}");
            assert_eq!(is_block(name), is_block_slow(name), "{name}");
            blocks += usize::from(is_block(name));
        }
        assert!(blocks >= 46, "{blocks}");
        assert!(is_block(&local_name!("div")) && !is_block(&LocalName::from("my-el")));
    }

    /// Every `local_name!` constant in the files whose matches fill tables is a candidate: so
    /// a name any of those predicates holds for has its bits in the table.
    #[test]
    fn every_matched_name_is_a_candidate() {
        let known: Vec<LocalName> = candidates().collect();
        let sources = [
            include_str!("names.rs"),
            include_str!("../rules/sanitize/nesting.rs"),
        ];
        let mut seen = 0;
        for source in sources {
            for piece in source.split("local_name!(\"").skip(1) {
                let name = &piece[..piece.find('"').unwrap()];
                assert!(known.contains(&LocalName::from(name)), "{name}");
                seen += 1;
            }
        }
        assert!(seen > 200, "{seen}");
    }

    /// A name for [`atom_table_answers_as_a_map`]: static atoms, short (inline) and long
    /// (dynamic) ones, other cases, odd characters, non-ASCII, the empty name.
    fn any_name() -> impl proptest::strategy::Strategy<Value = LocalName> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::sample::select(HTML_ELEMENTS.split_whitespace().collect::<Vec<_>>())
                .prop_map(LocalName::from),
            "[a-zA-Z0-9:_\\-]{0,7}".prop_map(|s| LocalName::from(s.as_str())),
            "[a-zA-Z][a-zA-Z0-9-]{7,20}".prop_map(|s| LocalName::from(s.as_str())),
            "\\PC{0,12}".prop_map(|s| LocalName::from(s.as_str())),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1024))]
        /// An [`AtomTable`] answers as a map built from the same entries (the last value of
        /// a name given twice) for its names and others, however many collide; the names
        /// looked up are made again from their text (a dynamic atom is found by the address
        /// the held one has).
        #[test]
        fn atom_table_answers_as_a_map(
            entries in proptest::collection::vec((any_name(), proptest::num::u32::ANY), 0..80),
            others in proptest::collection::vec(any_name(), 0..40),
        ) {
            let map: std::collections::HashMap<LocalName, u32> = entries.iter().cloned().collect();
            let names: Vec<String> = entries.iter().map(|(n, _)| n.to_string()).collect();
            let mut first_given: Vec<&str> = Vec::new();
            for name in &names {
                if !first_given.contains(&name.as_str()) {
                    first_given.push(name);
                }
            }
            let table = AtomTable::new(entries);
            for name in names.iter().map(|n| LocalName::from(n.as_str())).chain(others) {
                proptest::prop_assert_eq!(table.get(&name), map.get(&name).copied(), "{}", name);
            }
            // Its names: each once, in the order first given.
            let listed: Vec<&str> = table.names().map(|n| &**n).collect();
            proptest::prop_assert_eq!(listed, first_given);
        }
    }
}
