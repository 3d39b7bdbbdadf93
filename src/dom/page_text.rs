//! How much of the page's text an element holds. A rule about to remove an element that
//! holds text (a hidden one) can ask whether it would remove most of the page: the article
//! a script shows once it has run (WeChat's `#js_content` with `visibility: hidden`).
//!
//! Text is measured in bytes other than ASCII white space (indentation does not count), as
//! a reader gets it (`node::shown_text_below`): not the insides of the elements the final
//! stage removes with their content ([`Removed`]), nor a `<noscript>`'s markup.

use super::element::Element;
use super::node::{shown_text_below, Removed};
use markup5ever_rcdom::{Handle, NodeData};

impl Element<'_> {
    /// The text below this element, counted up to `limit` (the count stops once it is
    /// reached, so asking whether an element holds at least so much costs no more than that).
    pub(crate) fn text_len_outside(&self, removed: Removed<'_>, limit: usize) -> usize {
        text_len_below(self.node, removed, limit)
    }

    /// Whether an element below this one has a name `pick` chooses, reading at most `budget`
    /// nodes (`None` when that was not enough; see
    /// [`NodeRef::finds_element_within`](super::node::NodeRef::finds_element_within)): how the
    /// text is laid out, what a link holds.
    pub(crate) fn holds_element(
        &self,
        removed: Removed<'_>,
        budget: usize,
        pick: impl Fn(&str) -> bool,
    ) -> Option<bool> {
        super::node::NodeRef::new(self.node).finds_element_within(removed, budget, pick)
    }

    /// The text of the whole page as it stands: what the walk has finished, what it has
    /// still to visit, and this element (which is in neither while a rule looks at it).
    /// Linear in the size of the page.
    pub(crate) fn page_text_len(&self, removed: Removed<'_>) -> usize {
        let mut total = text_len_below(self.node, removed, usize::MAX);
        for frame in self.frames {
            let nodes = frame
                .done
                .iter()
                .chain(frame.pending.iter().map(|p| &p.node));
            for node in nodes {
                total += match &node.data {
                    NodeData::Text { contents } => visible_len(&contents.borrow()),
                    _ => text_len_below(node, removed, usize::MAX),
                };
            }
        }
        total
    }
}

/// The text below `node`, none when `node` is an element whose insides never reach the
/// reader (a `<template>` the filter may build as an empty shell, or not).
fn text_len_below(node: &Handle, removed: Removed<'_>, limit: usize) -> usize {
    if removed.inside(node) {
        return 0;
    }
    let mut total = 0;
    shown_text_below(node, removed, |text| {
        total += visible_len(text);
        total >= limit
    });
    total
}

/// The bytes of `text` other than ASCII white space.
fn visible_len(text: &str) -> usize {
    // Counted in blocks of at most 255 bytes into a byte-wide counter, with comparisons
    // only (no table, no branch): the compiler does 16 or 32 bytes at a time. White space
    // is the space and `\t` `\n` `\x0c` `\r` (`\t`..=`\r` less `\x0b`).
    let mut blank = 0;
    for block in text.as_bytes().chunks(255) {
        let mut n = 0u8;
        for &b in block {
            n += u8::from((b == b' ') | ((b.wrapping_sub(b'\t') < 5) & (b != 0x0b)));
        }
        blank += usize::from(n);
    }
    text.len() - blank
}

#[cfg(test)]
mod tests {
    use super::visible_len;
    use proptest::prelude::*;

    proptest! {
        /// The block count agrees with testing each byte, on texts of every byte below
        /// 0x80 and beyond, longer than a block.
        #[test]
        fn visible_len_counts_what_is_not_white_space(
            text in proptest::collection::vec(
                prop_oneof![0u8..0x80, Just(b' '), Just(b'\t'), Just(0x0b)], 0..700)
                .prop_map(|b| String::from_utf8(b).unwrap())
                .prop_flat_map(|s| (Just(s), ".{0,8}"))
                .prop_map(|(a, b)| format!("{a}{b}{a}")),
        ) {
            let naive = text.bytes().filter(|b| !b.is_ascii_whitespace()).count();
            prop_assert_eq!(visible_len(&text), naive);
        }
    }
}
