//! The atoms of the attribute names the scan lifts (see [`lift`](super::lift)), by the key
//! of each name (its bytes in ASCII lower case and its length, one number: see
//! [`name_key_at`]).
//!
//! [`lowercase_atom`] looks at every byte of a name for upper case, matches it against the
//! names it knows, or hashes it into the cache of other names and compares the strings
//! (some 140 instructions a name). A page lifts a few dozen names thousands of times: the
//! key, read from the input in one go, finds the atom in a direct-mapped table here with one
//! comparison of two numbers. The table goes from page to page with the thread, as the
//! scan's [`Memo`](super::attr_filter::Memo) does.

use super::simple::lowercase_atom;
use html5ever::LocalName;

pub(super) use super::attr_filter::name_key_at;

/// How many atoms a table keeps.
const SLOTS: usize = 1024;

/// The atoms of names met last, by their keys: direct-mapped, a 0 key for an empty slot.
pub(super) struct NameAtoms {
    slots: Vec<(u128, Option<LocalName>)>,
}

thread_local! {
    /// The table of the last scan on this thread.
    static THREAD_ATOMS: std::cell::Cell<Option<NameAtoms>> = const { std::cell::Cell::new(None) };
}

impl NameAtoms {
    /// A table of `n` slots (a power of two).
    pub(super) fn with_slots(n: usize) -> NameAtoms {
        NameAtoms {
            slots: vec![(0, None); n],
        }
    }

    /// This thread's table (a new one the first time, or when a scan did not give it back).
    pub(super) fn take() -> NameAtoms {
        THREAD_ATOMS
            .with(std::cell::Cell::take)
            .unwrap_or_else(|| NameAtoms::with_slots(SLOTS))
    }

    /// Gives this thread its table back.
    pub(super) fn give_back(self) {
        THREAD_ATOMS.with(|t| t.set(Some(self)));
    }

    /// `lowercase_atom(name)`, where `key` is `name`'s key ([`name_key_at`]).
    pub(super) fn atom(&mut self, key: u128, name: &str) -> LocalName {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let at =
            (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize & (self.slots.len() - 1);
        let slot = &mut self.slots[at];
        if slot.0 == key {
            if let Some(atom) = &slot.1 {
                return atom.clone();
            }
        }
        let atom = lowercase_atom(name);
        *slot = (key, Some(atom.clone()));
        atom
    }
}

#[cfg(test)]
mod tests {
    use super::{name_key_at, NameAtoms};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
        /// The atom found by a name's key is `lowercase_atom`'s (the old path), in tables
        /// of one, two and all slots (names colliding, repeated, in other cases, short and
        /// long: inline, static and dynamic atoms), each name read from a longer input and
        /// from one that ends with it, as the scan reads them.
        #[test]
        fn an_atom_by_key_is_the_lowercase_names_atom(
            names in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(&[
                    "data-", "src", "SRC", "lazy", "-", "original", "x", "Y", "é", "img",
                    "", "width", "012345", "class", "\u{0}", "Ä",
                ][..]), 0..4),
                1..200,
            )
        ) {
            let mut tables = [
                NameAtoms::with_slots(1),
                NameAtoms::with_slots(2),
                NameAtoms::with_slots(super::SLOTS),
            ];
            for pieces in names {
                let name = pieces.concat();
                let padded = format!(" {name} and more than sixteen bytes");
                let inputs = [(padded.as_bytes(), 1), (name.as_bytes(), 0)];
                for (input, at) in inputs {
                    let Some(key) = name_key_at(input, at, at + name.len()) else {
                        continue;
                    };
                    for table in &mut tables {
                        prop_assert_eq!(
                            table.atom(key, &name),
                            super::lowercase_atom(&name),
                            "{:?}", name
                        );
                    }
                }
            }
        }
    }
}
