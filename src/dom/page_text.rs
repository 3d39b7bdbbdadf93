//! How much of the page's text an element holds. A rule about to remove an element that
//! holds text (a hidden one) can ask whether it would remove most of the page: the article
//! a script shows once it has run (WeChat's `#js_content` with `visibility: hidden`).
//!
//! Text is measured in bytes other than ASCII white space (indentation does not count),
//! leaving out the insides of the elements the final stage removes with their content
//! ([`Removed`]).

use super::element::Element;
use super::node::{below, Removed, Step};
use markup5ever_rcdom::{Handle, NodeData};

impl Element<'_> {
    /// The text below this element, counted up to `limit` (the count stops once it is
    /// reached, so asking whether an element holds at least so much costs no more than that).
    pub(crate) fn text_len_outside(&self, removed: Removed<'_>, limit: usize) -> usize {
        text_len_below(self.node, removed, limit)
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
                    _ if removed.inside(node) => 0,
                    _ => text_len_below(node, removed, usize::MAX),
                };
            }
        }
        total
    }
}

fn text_len_below(node: &Handle, removed: Removed<'_>, limit: usize) -> usize {
    let mut total = 0;
    below(node, removed, |n| {
        if let NodeData::Text { contents } = &n.data {
            total += visible_len(&contents.borrow());
        }
        if total >= limit {
            Step::Stop
        } else {
            Step::Enter
        }
    });
    total
}

fn visible_len(text: &str) -> usize {
    text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}
