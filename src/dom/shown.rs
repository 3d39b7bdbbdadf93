//! What stays of a subtree that is not shown but for some of its descendants: CSS
//! `visibility`, which descendants inherit and may set back to `visible`.

use super::element::Element;
use super::node::{is_blank_text, NodeRef};
use markup5ever_rcdom::{Handle, NodeData};

impl Element<'_> {
    /// Keeps of this element's subtree only what is shown, when the element itself is not
    /// and being shown is inherited: `shows` tells, for a descendant element, whether it is
    /// shown (`Some`) or inherits from its parent (`None`). Text that is not shown becomes
    /// one space (it still took room between its neighbours); elements neither shown nor
    /// holding anything shown go, with their subtrees; comments that are not shown go;
    /// white space stays. Returns whether anything is shown at all.
    ///
    /// Only before the children are cleaned, in [`Rule::element`](crate::Rule::element):
    /// in `element_end` it does nothing and returns `true`. Linear in the size of the
    /// subtree, without recursion.
    pub(crate) fn keep_shown(&mut self, shows: impl Fn(&NodeRef) -> Option<bool>) -> bool {
        if !self.before_children {
            return true;
        }
        // Breadth first: each node after its parent. (node, parent's index, shown)
        let mut nodes: Vec<(Handle, usize, bool)> = vec![(self.node.clone(), 0, false)];
        // The index of each node's first child (its children follow one another).
        let mut first = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            first.push(nodes.len());
            let (node, shown) = (nodes[i].0.clone(), nodes[i].2);
            for child in node.children.borrow().iter() {
                let own = match child.data {
                    NodeData::Element { .. } => shows(&NodeRef::new(child)),
                    _ => None,
                };
                nodes.push((child.clone(), i, own.unwrap_or(shown)));
            }
            i += 1;
        }
        // Children before parents: whether each node holds something shown.
        let mut holds = vec![false; nodes.len()];
        for j in (1..nodes.len()).rev() {
            let (node, parent, shown) = &nodes[j];
            let own = *shown
                && match &node.data {
                    NodeData::Text { contents } => !is_blank_text(&contents.borrow()),
                    NodeData::Element { .. } => true,
                    _ => false,
                };
            holds[j] |= own;
            let held = holds[j];
            holds[*parent] |= held;
        }
        for (j, (node, _, shown)) in nodes.iter().enumerate() {
            if *shown || (j > 0 && !holds[j]) {
                // Shown (kept whole, but for what its own descendants hide), or about to go
                // with its parent's pass.
                continue;
            }
            let mut children = node.children.borrow_mut();
            let mut k = first[j];
            children.retain(|child| {
                let index = k;
                k += 1;
                debug_assert!(std::rc::Rc::ptr_eq(child, &nodes[index].0));
                let child_shown = nodes[index].2;
                match &child.data {
                    NodeData::Text { contents } => {
                        if !child_shown && !is_blank_text(&contents.borrow()) {
                            *contents.borrow_mut() = " ".into();
                        }
                        true
                    }
                    NodeData::Element { .. } => holds[index],
                    _ => child_shown,
                }
            });
        }
        holds[0]
    }
}

#[cfg(test)]
mod tests {
    use crate::Cleaner;

    #[test]
    fn deep_and_wide_subtrees_without_recursion() {
        // As deep as the parse lets elements be (`dom::depth::MAX_DEPTH`), and wide.
        let depth = super::super::parse::depth::MAX_DEPTH - 8;
        let mut html = String::from("<div style=\"visibility:hidden\">hidden");
        html.push_str(&"<span>".repeat(depth));
        html.push_str("<b style=\"visibility:visible\">deep</b>gone");
        html.push_str(&"</span>".repeat(depth));
        html.push_str(&"<i>wide</i>".repeat(50_000));
        // More text shown than hidden: the hidden block is not the page's content (which a
        // script would show, see `junk::holds_the_page`).
        html.push_str("</div><p>");
        html.push_str(&"shown ".repeat(100_000));
        html.push_str("</p><p>after</p>");
        let out = Cleaner::default().clean(&html).into_html();
        assert!(
            out.contains("<b>deep</b>"),
            "{}",
            &out[..out.len().min(300)]
        );
        for gone in ["hidden", "gone", "wide"] {
            assert!(!out.contains(gone), "{gone}");
        }
        assert!(out.ends_with("<p>after</p>"));
    }
}
