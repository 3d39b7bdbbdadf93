//! A read-only view of any node, for rules that look around the element they are given.

use super::parse::parse_fragment_nodes_at;
use super::serialize::serialize_nodes;
use html5ever::{local_name, ns, LocalName, QualName};
use markup5ever_rcdom::{Handle, NodeData};

/// A read-only view of a node near the element a [`Rule`](crate::Rule) is looking at: a child,
/// a sibling or an ancestor.
///
/// During the walk, an ancestor's own child list is being rebuilt: look at siblings through
/// [`Element::previous_sibling`](crate::Element::previous_sibling) and friends, not through
/// the parent's [`children`](NodeRef::children).
#[derive(Clone)]
pub struct NodeRef {
    pub(super) handle: Handle,
}

impl std::fmt::Debug for NodeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.handle.data {
            NodeData::Element { name, .. } => write!(f, "<{}>", name.local),
            NodeData::Text { contents } => write!(f, "{:?}", &**contents.borrow()),
            NodeData::Comment { contents } => write!(f, "<!--{}-->", &**contents),
            _ => f.write_str("#node"),
        }
    }
}

impl NodeRef {
    pub(crate) fn new(handle: &Handle) -> NodeRef {
        NodeRef {
            handle: handle.clone(),
        }
    }

    /// Whether `self` and `other` are the same node (not two equal ones).
    pub(crate) fn same(&self, other: &NodeRef) -> bool {
        std::rc::Rc::ptr_eq(&self.handle, &other.handle)
    }

    /// The element's local name (`"img"`), or `None` for text, comments and the like.
    pub fn name(&self) -> Option<&str> {
        self.local_name().map(|n| &**n)
    }

    /// The element's local name as an html5ever atom, for fast comparisons.
    pub(crate) fn local_name(&self) -> Option<&LocalName> {
        match &self.handle.data {
            NodeData::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// The element's qualified name (namespace and local name), or `None` for other nodes.
    pub(crate) fn qual_name(&self) -> Option<&html5ever::QualName> {
        match &self.handle.data {
            NodeData::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Whether this is an element named `name` in the HTML namespace, as
    /// [`Element::is`](crate::Element::is) (an SVG `<a>` or `<title>` is not an HTML one).
    pub fn is(&self, name: &str) -> bool {
        match &self.handle.data {
            NodeData::Element { name: n, .. } => n.ns == html5ever::ns!(html) && &*n.local == name,
            _ => false,
        }
    }

    /// Whether this is an element.
    pub fn is_element(&self) -> bool {
        matches!(self.handle.data, NodeData::Element { .. })
    }

    /// Whether this is a text node.
    pub fn is_text(&self) -> bool {
        matches!(self.handle.data, NodeData::Text { .. })
    }

    /// Whether this is a comment.
    pub fn is_comment(&self) -> bool {
        matches!(self.handle.data, NodeData::Comment { .. })
    }

    /// The text of a comment (without `<!--`/`-->`), or `None` for another node.
    pub(crate) fn comment_text(&self) -> Option<&str> {
        match &self.handle.data {
            NodeData::Comment { contents } => Some(contents),
            _ => None,
        }
    }

    /// Whether this is a text node holding only white space (including U+00A0 and zero-width
    /// spaces), or a comment: nodes a reader does not see.
    pub fn is_blank(&self) -> bool {
        match &self.handle.data {
            NodeData::Text { contents } => is_blank_text(&contents.borrow()),
            NodeData::Comment { .. } => true,
            _ => false,
        }
    }

    /// The text of a text node.
    pub fn text(&self) -> Option<String> {
        match &self.handle.data {
            NodeData::Text { contents } => Some(String::from(&**contents.borrow())),
            _ => None,
        }
    }

    /// The value of an attribute (no namespace) of an element.
    pub fn attr(&self, name: &str) -> Option<String> {
        match &self.handle.data {
            NodeData::Element { attrs, .. } => attrs
                .borrow()
                .iter()
                .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
                .map(|a| String::from(&*a.value)),
            _ => None,
        }
    }

    /// The child nodes.
    pub fn children(&self) -> Vec<NodeRef> {
        self.children_iter().collect()
    }

    /// The child nodes without collecting them: nothing is allocated.
    pub fn children_iter(&self) -> impl Iterator<Item = NodeRef> + '_ {
        super::element::ChildIter::new(&self.handle)
    }

    /// The child elements, skipping text and comments.
    pub fn element_children(&self) -> Vec<NodeRef> {
        self.handle
            .children
            .borrow()
            .iter()
            .filter(|c| matches!(c.data, NodeData::Element { .. }))
            .map(NodeRef::new)
            .collect()
    }

    /// All the text below this node, in document order.
    pub fn text_content(&self) -> String {
        text_content(&self.handle)
    }

    /// All attributes of an element as `(name, value)` pairs, in source order (namespaced
    /// ones by local name); empty for other nodes.
    pub fn attrs(&self) -> Vec<(String, String)> {
        match &self.handle.data {
            NodeData::Element { attrs, .. } => attrs
                .borrow()
                .iter()
                .map(|a| (String::from(&*a.name.local), String::from(&*a.value)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Calls `f` with the attributes of an element as borrowed `(name, value)` pairs, in
    /// source order (namespaced ones by local name; none for other nodes): [`attrs`] without
    /// copying a string. `f` must not change this node's attributes.
    ///
    /// [`attrs`]: NodeRef::attrs
    pub(crate) fn with_attrs<R>(&self, f: impl FnOnce(&[(&str, &str)]) -> R) -> R {
        match &self.handle.data {
            NodeData::Element { attrs, .. } => {
                let attrs = attrs.borrow();
                let pairs: Vec<(&str, &str)> =
                    attrs.iter().map(|a| (&*a.name.local, &*a.value)).collect();
                f(&pairs)
            }
            _ => f(&[]),
        }
    }

    /// Sets the attribute `name` (a valid lower-case name, no namespace) of an element that
    /// the walk has not visited yet (a descendant of the element a rule is looking at, before
    /// its children are cleaned), adding it at the end when absent: the note a rule leaves
    /// for itself on a node it will see later, which every rule then cleans as usual.
    /// Returns `false` (and changes nothing) for another node or an invalid name.
    pub(crate) fn set_attr_before_visit(&self, name: &str, value: &str) -> bool {
        let NodeData::Element { attrs, .. } = &self.handle.data else {
            return false;
        };
        if !super::element::is_valid_attr_name(name) || name.bytes().any(|b| b.is_ascii_uppercase())
        {
            return false;
        }
        let mut attrs = attrs.borrow_mut();
        let value = html5ever::tendril::StrTendril::from_slice(value);
        match attrs
            .iter_mut()
            .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
        {
            Some(a) => a.value = value,
            None => attrs.push(html5ever::Attribute {
                name: QualName::new(None, html5ever::ns!(), LocalName::from(name)),
                value,
            }),
        }
        true
    }

    /// Whether some text below this node, outside the elements `removed` names and outside
    /// `<noscript>`, is more than white space. A `<noscript>` holds markup as text (it is
    /// read with scripting on, as a browser does): nothing of it shows as text, and what the
    /// rules make of it is images.
    pub(crate) fn has_text_outside(&self, removed: Removed<'_>) -> bool {
        let mut found = false;
        shown_text_below(&self.handle, removed, |text| {
            found = !is_blank_text(text);
            found
        });
        found
    }

    /// Whether an element below this node has a name `pick` chooses: `Some(true)` or
    /// `Some(false)`, or `None` when there are more than `budget` nodes below it and none of
    /// those read (in document order) is one. Reads one node at a time (no list of a node's
    /// children is made), so the cost is bounded by `budget` whatever the tree.
    pub(crate) fn finds_element_within(
        &self,
        removed: Removed<'_>,
        budget: usize,
        pick: impl Fn(&str) -> bool,
    ) -> Option<bool> {
        // Each entry: a node whose children are being read, and the next child's index.
        let mut stack: Vec<(Handle, usize)> = vec![(self.handle.clone(), 0)];
        let mut read = 0;
        while let Some((node, i)) = stack.last_mut() {
            let Some(child) = node.children.borrow().get(*i).cloned() else {
                stack.pop();
                continue;
            };
            *i += 1;
            read += 1;
            if read > budget {
                return None;
            }
            if let NodeData::Element { name, .. } = &child.data {
                if pick(&name.local) {
                    return Some(true);
                }
                // The insides of what the final stage removes with its content are not read
                // (the parse-time filter may not have built them).
                if !removed.inside(&child) {
                    stack.push((child, 0));
                }
            }
        }
        Some(false)
    }

    /// Whether the rules leave out the insides of this element: the final stage removes it
    /// with its content (`removed` names it), so the parse-time filter may not have built
    /// them.
    pub(crate) fn insides_left_out(&self, removed: Removed<'_>) -> bool {
        removed.inside(&self.handle)
    }

    /// The outer HTML of the topmost elements below this node that `pick` chooses, in
    /// document order, leaving out the insides of the elements `removed` names (nothing
    /// below a chosen element is looked at again).
    pub(crate) fn html_of_outside(
        &self,
        removed: Removed<'_>,
        pick: impl Fn(&NodeRef) -> bool,
    ) -> String {
        let mut picked = Vec::new();
        below(&self.handle, removed, |n| {
            if matches!(n.data, NodeData::Element { .. }) && pick(&NodeRef::new(n)) {
                picked.push(n.clone());
                Step::Skip
            } else {
                Step::Enter
            }
        });
        serialize_nodes(&picked, 64)
    }

    /// The elements below this node, in document order, leaving out the insides of the
    /// elements `removed` names (those elements themselves are listed).
    pub(crate) fn descendant_elements_outside(&self, removed: Removed<'_>) -> Vec<NodeRef> {
        let mut out = Vec::new();
        below(&self.handle, removed, |n| {
            if matches!(n.data, NodeData::Element { .. }) {
                out.push(NodeRef::new(n));
            }
            Step::Enter
        });
        out
    }

    /// The elements below this node (not the node itself), in document order.
    pub fn descendant_elements(&self) -> Vec<NodeRef> {
        self.descendant_elements_outside(Removed(None))
    }

    /// The node serialized as HTML, with its subtree (its "outer HTML").
    pub fn html(&self) -> String {
        serialize_nodes(std::slice::from_ref(&self.handle), 64)
    }

    /// The children serialized as HTML (the node's "inner HTML").
    pub fn inner_html(&self) -> String {
        serialize_nodes(&self.handle.children.borrow(), 64)
    }

    /// Parses `html` as a body fragment (as [`Action::Replace`](crate::Action::Replace)
    /// would) and returns its top-level nodes, detached from any tree: for rules that need to
    /// look inside markup held as text, such as the content of a `<noscript>` (read as text,
    /// because the parser runs with scripting on).
    ///
    /// Keep the returned nodes alive while walking their descendants: they are the only
    /// owners of their subtrees, and dropping one empties its descendants.
    pub fn parse_fragment(html: &str) -> Vec<NodeRef> {
        parse_fragment_nodes_at(html, 0)
            .iter()
            .map(NodeRef::new)
            .collect()
    }
}

/// `roots` (parsed markup, such as a `<noscript>`'s from
/// [`Element::parse_replacement`](crate::Element)) without the elements `drop` picks, each
/// with its subtree (`drop` sees an element before its descendants, and the descendants of
/// a dropped element are not offered).
pub(crate) fn without(roots: Vec<NodeRef>, drop: impl Fn(&NodeRef) -> bool) -> Vec<NodeRef> {
    let mut roots: Vec<Handle> = roots.into_iter().map(|n| n.handle).collect();
    let mut dropped: Vec<Handle> = Vec::new();
    let mut stack: Vec<Handle> = roots.iter().rev().cloned().collect();
    while let Some(node) = stack.pop() {
        if !matches!(node.data, NodeData::Element { .. }) {
            continue;
        }
        if drop(&NodeRef::new(&node)) {
            dropped.push(node);
            continue;
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    for node in &dropped {
        let parent = node.parent.take().and_then(|weak| weak.upgrade());
        match parent {
            Some(parent) => parent
                .children
                .borrow_mut()
                .retain(|c| !std::rc::Rc::ptr_eq(c, node)),
            None => roots.retain(|c| !std::rc::Rc::ptr_eq(c, node)),
        }
    }
    roots.into_iter().map(|handle| NodeRef { handle }).collect()
}

pub(crate) fn is_blank_text(text: &str) -> bool {
    // ASCII first, byte by byte; the rest by character.
    for (i, b) in text.bytes().enumerate() {
        if b >= 0x80 {
            return text[i..].chars().all(is_blank_char);
        }
        if !matches!(b, b'\t'..=b'\r' | b' ') {
            return false;
        }
    }
    true
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// The elements whose insides never reach the reader (the final stage removes them with their
/// content, and the parse-time filter may not build them): a rule that asks what an element
/// holds does not look inside them, or its answer would depend on the filter. `None`: no
/// final stage, every node counts.
#[derive(Clone, Copy)]
pub(crate) struct Removed<'a>(pub(crate) Option<&'a dyn Fn(&QualName) -> bool>);

impl Removed<'_> {
    /// Whether the insides of `node` are left out.
    pub(crate) fn inside(&self, node: &Handle) -> bool {
        match (self.0, &node.data) {
            (Some(removed), NodeData::Element { name, .. }) => removed(name),
            _ => false,
        }
    }
}

/// What [`below`] does after visiting a node.
pub(super) enum Step {
    /// Goes on into its children (unless [`Removed`] leaves them out).
    Enter,
    /// Goes on with the nodes after it, not into its children.
    Skip,
    /// Stops the visit.
    Stop,
}

/// Calls `each` with every text below `node` that a reader can get: outside the elements
/// `removed` names and outside `<noscript>` (which holds markup as text, read with scripting
/// on as a browser does: nothing of it shows as text), in document order, until `each`
/// returns `true`.
pub(super) fn shown_text_below(
    node: &Handle,
    removed: Removed<'_>,
    mut each: impl FnMut(&str) -> bool,
) {
    below(node, removed, |n| match &n.data {
        NodeData::Text { contents } if each(&contents.borrow()) => Step::Stop,
        NodeData::Element { name, .. }
            if name.local == local_name!("noscript") && name.ns == ns!(html) =>
        {
            Step::Skip
        }
        _ => Step::Enter,
    });
}

/// Visits the nodes below `node` in document order, without recursion, not entering the
/// elements `removed` names; `visit` says what to do after each node.
pub(super) fn below(node: &Handle, removed: Removed<'_>, mut visit: impl FnMut(&Handle) -> Step) {
    let mut stack: Vec<Handle> = node.children.borrow().iter().rev().cloned().collect();
    while let Some(n) = stack.pop() {
        match visit(&n) {
            Step::Stop => return,
            Step::Enter if !removed.inside(&n) => {
                stack.extend(n.children.borrow().iter().rev().cloned());
            }
            Step::Enter | Step::Skip => {}
        }
    }
}

/// All text below `node`, without recursion.
pub(crate) fn text_content(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        if let NodeData::Text { contents } = &n.data {
            out.push_str(&contents.borrow());
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_blank_text;

    #[test]
    fn blank_text() {
        for blank in [
            "",
            " \t\n\r\x0c\x0b",
            "\u{a0}",
            " \u{200b}\u{3000} ",
            "\u{feff}",
        ] {
            assert!(is_blank_text(blank), "{blank:?}");
        }
        for text in ["x", " x ", "\u{a0}x", "中", "\x1c", " \u{200b}."] {
            assert!(!is_blank_text(text), "{text:?}");
        }
    }
}
