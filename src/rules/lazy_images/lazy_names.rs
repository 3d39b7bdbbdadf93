//! The built-in lazy attribute names ([`SRC_ATTRIBUTES`](super::candidates::SRC_ATTRIBUTES), [`SRCSET_ATTRIBUTES`](super::candidates::SRCSET_ATTRIBUTES),
//! [`SIZES_ATTRIBUTES`](super::candidates::SIZES_ATTRIBUTES)) told apart by one look at the name: its length, then the few names
//! of that length. An element's attributes are read once, each given its rank, instead of
//! one look-up over all of them per name.

#[cfg(test)]
use super::candidates::{SIZES_ATTRIBUTES, SRCSET_ATTRIBUTES, SRC_ATTRIBUTES};

/// Which list a built-in lazy attribute name is in, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rank {
    /// `SRC_ATTRIBUTES[i]`.
    Src(u8),
    /// `SRCSET_ATTRIBUTES[i]`.
    Srcset(u8),
    /// `SIZES_ATTRIBUTES[i]`.
    Sizes(u8),
}

/// How many names [`Rank::Src`] counts (`SRC_ATTRIBUTES.len()`).
pub(crate) const SRC_COUNT: usize = 23;
/// How many names [`Rank::Srcset`] counts.
pub(crate) const SRCSET_COUNT: usize = 3;
/// How many names [`Rank::Sizes`] counts.
pub(crate) const SIZES_COUNT: usize = 2;

/// The rank of `name` among the built-in lazy attribute names; `None` for any other name.
/// Every one of them is a `data-` name but `real_src`, and their lengths are few: most names
/// are answered by their length, the rest by one or two comparisons.
pub(crate) fn rank(name: &str) -> Option<Rank> {
    use Rank::{Sizes, Src, Srcset};
    Some(match name.len() {
        8 => match name {
            "data-src" => Src(0),
            "data-url" => Src(6),
            "real_src" => Src(16),
            _ => return None,
        },
        9 => match name {
            "data-orig" => Src(5),
            "data-echo" => Src(12),
            _ => return None,
        },
        10 => match name {
            "data-sizes" => Sizes(0),
            _ => return None,
        },
        11 => match name {
            "data-srcset" => Srcset(0),
            "data-ll-src" => Src(13),
            "data-800src" => Src(19),
            "data-655src" => Src(20),
            "data-500src" => Src(21),
            "data-380src" => Src(22),
            _ => return None,
        },
        12 => match name {
            "data-2000src" => Src(17),
            "data-1000src" => Src(18),
            _ => return None,
        },
        13 => match name {
            "data-original" => Src(1),
            "data-lazy-src" => Src(4),
            "data-lazyload" => Src(11),
            _ => return None,
        },
        14 => match name {
            "data-actualsrc" => Src(2),
            "data-orig-file" => Src(7),
            _ => return None,
        },
        15 => match name {
            "data-large-file" => Src(8),
            "data-hi-res-src" => Src(10),
            "data-lazy-sizes" => Sizes(1),
            _ => return None,
        },
        16 => match name {
            "data-medium-file" => Src(9),
            "data-lazy-srcset" => Srcset(1),
            _ => return None,
        },
        17 => match name {
            "data-original-src" => Src(3),
            "data-original-mos" => Src(15),
            _ => return None,
        },
        20 => match name {
            "data-original-srcset" => Srcset(2),
            _ => return None,
        },
        23 => match name {
            "data-pagespeed-lazy-src" => Src(14),
            _ => return None,
        },
        _ => return None,
    })
}

/// The values of the built-in lazy attributes of one element, by rank: of each name, its
/// first attribute (as a look-up by name finds it).
#[derive(Debug, Default)]
pub(crate) struct Ranked<'a> {
    pub(crate) src: [Option<&'a str>; SRC_COUNT],
    pub(crate) srcset: [Option<&'a str>; SRCSET_COUNT],
    pub(crate) sizes: [Option<&'a str>; SIZES_COUNT],
}

impl<'a> Ranked<'a> {
    /// Reads the built-in lazy attributes of `attrs` into `self` (empty), in one pass.
    /// Filled where it stands: an array moved is an array copied.
    #[inline]
    pub(crate) fn read(&mut self, attrs: impl Iterator<Item = (&'a str, &'a str)>) {
        for (name, value) in attrs {
            let slot = match rank(name) {
                None => continue,
                Some(Rank::Src(i)) => &mut self.src[usize::from(i)],
                Some(Rank::Srcset(i)) => &mut self.srcset[usize::from(i)],
                Some(Rank::Sizes(i)) => &mut self.sizes[usize::from(i)],
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name of the lists has its own place, and the counts are the lists' lengths.
    #[test]
    fn ranks_are_the_lists_places() {
        assert_eq!(SRC_ATTRIBUTES.len(), SRC_COUNT);
        assert_eq!(SRCSET_ATTRIBUTES.len(), SRCSET_COUNT);
        assert_eq!(SIZES_ATTRIBUTES.len(), SIZES_COUNT);
        for (i, name) in SRC_ATTRIBUTES.iter().enumerate() {
            assert_eq!(rank(name), Some(Rank::Src(i as u8)), "{name}");
        }
        for (i, name) in SRCSET_ATTRIBUTES.iter().enumerate() {
            assert_eq!(rank(name), Some(Rank::Srcset(i as u8)), "{name}");
        }
        for (i, name) in SIZES_ATTRIBUTES.iter().enumerate() {
            assert_eq!(rank(name), Some(Rank::Sizes(i as u8)), "{name}");
        }
    }

    proptest::proptest! {
        /// Any other name has no rank: the lists' names cut, grown, changed by one byte.
        #[test]
        fn other_names_have_none(
            pick in 0usize..28,
            cut in 0usize..24,
            byte in proptest::sample::select(&[b'a', b'-', b's', b'_', b'x', b'0', b'A'][..]),
            at in 0usize..24,
            grow in proptest::bool::ANY,
        ) {
            let all: Vec<&str> = SRC_ATTRIBUTES
                .iter()
                .chain(SRCSET_ATTRIBUTES)
                .chain(SIZES_ATTRIBUTES)
                .copied()
                .collect();
            let mut name = all[pick].as_bytes().to_vec();
            if grow {
                name.insert(at.min(name.len()), byte);
            } else if cut < name.len() && cut % 2 == 0 {
                name.truncate(cut);
            } else {
                let i = at.min(name.len() - 1);
                name[i] = byte;
            }
            let name = String::from_utf8(name).unwrap();
            let listed = all.iter().position(|n| *n == name);
            let expected = listed.map(|i| {
                if i < SRC_COUNT {
                    Rank::Src(i as u8)
                } else if i < SRC_COUNT + SRCSET_COUNT {
                    Rank::Srcset((i - SRC_COUNT) as u8)
                } else {
                    Rank::Sizes((i - SRC_COUNT - SRCSET_COUNT) as u8)
                }
            });
            proptest::prop_assert_eq!(rank(&name), expected, "{:?}", name);
        }
    }
}
