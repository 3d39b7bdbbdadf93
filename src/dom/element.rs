//! The mutable view of one element that a [`Rule`](crate::Rule) is given.

use super::node::{is_blank_text, text_content, NodeRef};
use super::walk::Frame;
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;

/// One element, as a [`Rule`](crate::Rule) sees it: its name, its attributes (read and
/// write), and read-only views of its children, siblings and ancestors.
///
/// Attribute names are matched exactly: the parser has already lowercased the names of
/// HTML attributes. Only attributes without a namespace are seen by [`attr`](Element::attr)
/// and friends; [`retain_attrs`](Element::retain_attrs) sees all of them.
///
/// The fields are `dom`'s own: rules, the built-in ones included, go through the methods
/// (the `pub(crate)` ones are for the built-ins: atoms instead of strings, one pass).
pub struct Element<'a> {
    pub(super) node: &'a Handle,
    pub(super) name: &'a QualName,
    pub(super) attrs: &'a mut Vec<Attribute>,
    pub(super) frames: &'a [Frame],
    /// Set by every method that changes an attribute: the walk then has the sanitizer look
    /// at the attributes again (a rule's `element_end` runs after the sanitizer's check).
    pub(super) touched: bool,
    /// The children are not cleaned yet (`Rule::element`, not `element_end`).
    pub(super) before_children: bool,
    /// The nodes an [`Action::Replace`](crate::Action::Replace) answered with
    /// [`replace_with`](Element::replace_with) stands for, parsed already.
    pub(super) replacement: Option<Vec<Handle>>,
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Element");
        d.field("name", &&*self.name.local);
        for a in self.attrs.iter() {
            d.field(&a.name.local, &&*a.value);
        }
        d.finish()
    }
}

impl<'a> Element<'a> {
    /// `html` parsed as a body fragment where this element stands, exactly as the walk parses
    /// the HTML of an [`Action::Replace`](crate::Action::Replace) (same depth, so the same
    /// nodes): a rule that reads the HTML before answering parses it once with this and
    /// answers with [`replace_with`](Element::replace_with).
    pub(crate) fn parse_replacement(&self, html: &str) -> Vec<NodeRef> {
        super::parse::parse_fragment_nodes_at(html, self.replacement_depth())
            .iter()
            .map(NodeRef::new)
            .collect()
    }

    /// The depth [`parse_replacement`](Element::parse_replacement) parses at: the same for
    /// this element and its siblings.
    pub(crate) fn replacement_depth(&self) -> usize {
        self.frames.len().saturating_sub(1)
    }

    /// Whether `node` is this element.
    pub(crate) fn is_node(&self, node: &NodeRef) -> bool {
        std::rc::Rc::ptr_eq(self.node, &node.handle)
    }

    /// [`Action::Replace`](crate::Action::Replace) with nodes from
    /// [`parse_replacement`](Element::parse_replacement): the walk takes them as they are
    /// instead of parsing the HTML again.
    pub(crate) fn replace_with(&mut self, nodes: Vec<NodeRef>) -> crate::Action {
        self.replacement = Some(nodes.into_iter().map(|n| n.handle).collect());
        crate::Action::Replace(String::new())
    }
    /// The local name, lowercase for HTML elements: `"img"`, `"div"`.
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The local name as an html5ever atom, for fast comparisons with `local_name!("img")`.
    pub(crate) fn local_name(&self) -> &LocalName {
        &self.name.local
    }

    /// Whether this element is named `name` and is in the HTML namespace.
    pub fn is(&self, name: &str) -> bool {
        self.is_html() && &*self.name.local == name
    }

    /// Whether this element is in the HTML namespace (not SVG or MathML).
    pub fn is_html(&self) -> bool {
        self.name.ns == ns!(html)
    }

    /// Whether this element is in the SVG namespace.
    pub fn is_svg(&self) -> bool {
        self.name.ns == ns!(svg)
    }

    /// Whether this element is in the MathML namespace.
    pub fn is_mathml(&self) -> bool {
        self.name.ns == ns!(mathml)
    }

    /// The value of the attribute `name` (without namespace).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// Like [`attr`](Element::attr), with the name as an atom (`local_name!("class")`): no
    /// string comparison, for rules that run on every element.
    pub(crate) fn attr_by_atom(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.local == *name && a.name.ns == ns!())
            .map(|a| &*a.value)
    }

    /// The attributes without a namespace (those [`attr`](Element::attr) sees) as `(name,
    /// value)` with the name as an atom, in source order: for rules that look for several
    /// attributes in one pass on every element.
    pub(crate) fn plain_attrs_by_atom(&self) -> impl Iterator<Item = (&LocalName, &str)> + '_ {
        self.attrs
            .iter()
            .filter(|a| a.name.ns == ns!())
            .map(|a| (&a.name.local, &*a.value))
    }

    /// The local names of the attributes (namespaced ones too), in source order: for a
    /// screen that looks for names only.
    pub(crate) fn attr_names(&self) -> impl Iterator<Item = &LocalName> + '_ {
        self.attrs.iter().map(|a| &a.name.local)
    }

    /// Sets the attribute `name` (without namespace, given as an atom) to `value`, adding it
    /// at the end when absent. Returns whether anything changed.
    pub(crate) fn set_attr_by_atom(&mut self, name: &LocalName, value: &str) -> bool {
        match self
            .attrs
            .iter_mut()
            .find(|a| a.name.local == *name && a.name.ns == ns!())
        {
            Some(a) if &*a.value == value => return false,
            Some(a) => a.value = StrTendril::from_slice(value),
            None => self.attrs.push(Attribute {
                name: QualName::new(None, ns!(), name.clone()),
                value: StrTendril::from_slice(value),
            }),
        }
        self.touched = true;
        true
    }

    /// [`set_attr_by_atom`](Element::set_attr_by_atom) with the value as a tendril, whose
    /// buffer the attribute shares (a value set on many elements is allocated once).
    pub(crate) fn set_attr_tendril_by_atom(
        &mut self,
        name: &LocalName,
        value: &StrTendril,
    ) -> bool {
        match self
            .attrs
            .iter_mut()
            .find(|a| a.name.local == *name && a.name.ns == ns!())
        {
            Some(a) if a.value == *value => return false,
            Some(a) => a.value = value.clone(),
            None => self.attrs.push(Attribute {
                name: QualName::new(None, ns!(), name.clone()),
                value: value.clone(),
            }),
        }
        self.touched = true;
        true
    }

    /// Removes the attribute `name` (without namespace, given as an atom); returns whether it
    /// was there.
    pub(crate) fn remove_attr_by_atom(&mut self, name: &LocalName) -> bool {
        let Some(i) = self
            .attrs
            .iter()
            .position(|a| a.name.local == *name && a.name.ns == ns!())
        else {
            return false;
        };
        self.attrs.remove(i);
        self.touched = true;
        true
    }

    /// Whether the attribute `name` is present.
    pub fn has_attr(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }

    /// All attributes as `(name, value)` pairs, in source order. Namespaced attributes
    /// (`xlink:href`) are given by local name.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }

    /// Number of attributes.
    pub fn attr_count(&self) -> usize {
        self.attrs.len()
    }

    /// Sets the attribute `name` to `value`, adding it at the end when absent. Returns
    /// `false` (and changes nothing) when `name` is not a valid attribute name. Names are
    /// lowercased on HTML elements, as the parser would.
    pub fn set_attr(&mut self, name: &str, value: &str) -> bool {
        if !is_valid_attr_name(name) {
            return false;
        }
        let name: std::borrow::Cow<'_, str> =
            if self.is_html() && name.bytes().any(|b| b.is_ascii_uppercase()) {
                name.to_ascii_lowercase().into()
            } else {
                name.into()
            };
        if let Some(a) = self
            .attrs
            .iter_mut()
            .find(|a| a.name.ns == ns!() && *a.name.local == *name)
        {
            if &*a.value != value {
                a.value = StrTendril::from_slice(value);
                self.touched = true;
            }
            return true;
        }
        self.touched = true;
        self.attrs.push(Attribute {
            name: QualName::new(None, ns!(), LocalName::from(&*name)),
            value: StrTendril::from_slice(value),
        });
        true
    }

    /// Removes the attribute `name` and returns its value.
    pub fn remove_attr(&mut self, name: &str) -> Option<String> {
        let i = self
            .attrs
            .iter()
            .position(|a| a.name.ns == ns!() && &*a.name.local == name)?;
        self.touched = true;
        Some(String::from(&*self.attrs.remove(i).value))
    }

    /// Keeps the attributes for which `keep(name, value)` is true; returns how many were
    /// removed. Sees namespaced attributes too, by local name.
    pub fn retain_attrs(&mut self, mut keep: impl FnMut(&str, &str) -> bool) -> usize {
        let before = self.attrs.len();
        self.attrs.retain(|a| keep(&a.name.local, &a.value));
        let removed = before - self.attrs.len();
        self.touched |= removed > 0;
        removed
    }

    /// Like [`retain_attrs`](Element::retain_attrs), with the attribute name as an atom and
    /// whether it has a namespace: for rules that compare many names.
    pub(crate) fn retain_attrs_by_atom(
        &mut self,
        mut keep: impl FnMut(&LocalName, bool, &str) -> bool,
    ) -> usize {
        let before = self.attrs.len();
        self.attrs
            .retain(|a| keep(&a.name.local, !a.name.ns.is_empty(), &a.value));
        let removed = before - self.attrs.len();
        self.touched |= removed > 0;
        removed
    }

    /// Like [`retain_attrs_by_atom`](Element::retain_attrs_by_atom), and `keep` may also
    /// rewrite the value of an attribute it keeps (through [`AttrValue::set`]): one pass for
    /// a rule that filters and rewrites, such as the sanitizer's.
    pub(crate) fn retain_attrs_mut(
        &mut self,
        mut keep: impl FnMut(&LocalName, bool, &mut AttrValue<'_>) -> bool,
    ) -> usize {
        let before = self.attrs.len();
        let touched = &mut self.touched;
        self.attrs.retain_mut(|a| {
            let mut value = AttrValue {
                value: &mut a.value,
                touched: &mut *touched,
            };
            keep(&a.name.local, a.name.ns != ns!(), &mut value)
        });
        let removed = before - self.attrs.len();
        self.touched |= removed > 0;
        removed
    }

    /// Puts a space before and after the children (when there are any), so that the text of
    /// an element that is unwrapped is not glued to its neighbours'.
    pub(crate) fn space_around_children(&mut self) {
        let mut children = self.node.children.borrow_mut();
        if !children.is_empty() {
            let space = || {
                Node::new(NodeData::Text {
                    contents: RefCell::new(" ".into()),
                })
            };
            children.insert(0, space());
            children.push(space());
        }
    }

    /// Whether the `class` attribute contains `class` as one of its white-space separated words.
    pub fn has_class(&self, class: &str) -> bool {
        self.classes().any(|c| c == class)
    }

    /// The words of the `class` attribute.
    pub fn classes(&self) -> impl Iterator<Item = &str> + '_ {
        self.attr("class").unwrap_or("").split_ascii_whitespace()
    }

    /// The child nodes. Before the element's children are cleaned
    /// ([`Rule::element`](crate::Rule::element)) they are as parsed; at
    /// [`Rule::element_end`](crate::Rule::element_end) they are the cleaned ones.
    pub fn children(&self) -> Vec<NodeRef> {
        self.children_iter().collect()
    }

    /// The child nodes, like [`children`](Element::children) but without collecting them:
    /// nothing is allocated. Prefer it in rules that run on every element.
    pub fn children_iter(&self) -> impl Iterator<Item = NodeRef> + '_ {
        ChildIter::new(self.node)
    }

    /// Whether every child is white-space text, a comment or a `<br>` (in any namespace):
    /// what an empty element holds. Reads the child list in place, the elements first (one
    /// that is no `<br>` answers without a text read: most elements that hold one hold
    /// indentation too).
    pub(crate) fn holds_only_blanks_and_breaks(&self) -> bool {
        let children = self.node.children.borrow();
        let is_br = |c: &Handle| match &c.data {
            NodeData::Element { name, .. } => name.local == local_name!("br"),
            _ => true,
        };
        children.iter().all(is_br)
            && children.iter().all(|c| match &c.data {
                NodeData::Element { .. } | NodeData::Comment { .. } => true,
                NodeData::Text { contents } => is_blank_text(&contents.borrow()),
                _ => false,
            })
    }

    /// The number of child nodes.
    pub fn child_count(&self) -> usize {
        self.node.children.borrow().len()
    }

    /// The child elements (text and comments skipped).
    pub fn element_children(&self) -> Vec<NodeRef> {
        NodeRef::new(self.node).element_children()
    }

    /// Whether there is any child node at all.
    pub fn has_children(&self) -> bool {
        !self.node.children.borrow().is_empty()
    }

    /// The children serialized as HTML (the element's "inner HTML"), as they are now: as
    /// parsed in [`Rule::element`](crate::Rule::element), cleaned in
    /// [`Rule::element_end`](crate::Rule::element_end).
    pub fn inner_html(&self) -> String {
        NodeRef::new(self.node).inner_html()
    }

    /// All text below this element.
    pub fn text_content(&self) -> String {
        text_content(self.node)
    }

    /// Whether some text below this element, outside the elements `removed` names, is more
    /// than white space (see [`Removed`](super::Removed)).
    pub(crate) fn has_text_outside(&self, removed: super::Removed<'_>) -> bool {
        NodeRef::new(self.node).has_text_outside(removed)
    }

    /// The outer HTML of the topmost elements below this one that `pick` chooses, leaving
    /// out the insides of the elements `removed` names (see [`Removed`](super::Removed)).
    pub(crate) fn html_of_outside(
        &self,
        removed: super::Removed<'_>,
        pick: impl Fn(&NodeRef) -> bool,
    ) -> String {
        NodeRef::new(self.node).html_of_outside(removed, pick)
    }

    /// Whether some text below this element is more than white space.
    pub fn has_text(&self) -> bool {
        let mut stack = vec![self.node.clone()];
        while let Some(n) = stack.pop() {
            if let NodeData::Text { contents } = &n.data {
                if !is_blank_text(&contents.borrow()) {
                    return true;
                }
            }
            stack.extend(n.children.borrow().iter().cloned());
        }
        false
    }

    /// The parent element, or `None` at the top of a fragment or for the `<html>` element.
    pub fn parent(&self) -> Option<NodeRef> {
        self.ancestors().next()
    }

    /// The ancestor elements, nearest first.
    pub fn ancestors(&self) -> impl Iterator<Item = NodeRef> + '_ {
        self.frames
            .iter()
            .skip(1)
            .rev()
            .map(|f| NodeRef::new(&f.parent))
    }

    /// The local names of the ancestors, nearest first (`None` for one that is not an
    /// element): [`ancestors`](Element::ancestors) without a handle to each, for rules that
    /// look far up on every element.
    pub(crate) fn ancestor_names(&self) -> impl Iterator<Item = Option<&LocalName>> + '_ {
        self.frames
            .iter()
            .skip(1)
            .rev()
            .map(|f| match &f.parent.data {
                NodeData::Element { name, .. } => Some(&name.local),
                _ => None,
            })
    }

    /// `step` folded over the local names of the ancestors, outermost first (`None` for one
    /// that is not an element), from `init`: the fact it computes for the parent. The fold
    /// up to each open ancestor is remembered in the walk's frame of that ancestor (whose
    /// ancestors stay as they are while it is open), so the elements of one subtree fold
    /// only the ancestors not folded yet (usually none), for rules that look far up on every
    /// element. One fold may use it (the final stage's, `sanitize::nesting`'s scopes), and
    /// `step` must depend on nothing but its arguments.
    pub(crate) fn fold_ancestor_names(
        &self,
        init: u8,
        step: impl Fn(u8, Option<&LocalName>) -> u8,
    ) -> u8 {
        let ancestors = self.frames.get(1..).unwrap_or_default();
        let mut known = ancestors.len();
        while known > 0 && ancestors[known - 1].fold.get().is_none() {
            known -= 1;
        }
        let mut state = known
            .checked_sub(1)
            .and_then(|k| ancestors[k].fold.get())
            .unwrap_or(init);
        for f in &ancestors[known..] {
            let name = match &f.parent.data {
                NodeData::Element { name, .. } => Some(&name.local),
                _ => None,
            };
            state = step(state, name);
            f.fold.set(Some(state));
        }
        state
    }

    /// Whether an ancestor is an element named `name`.
    pub fn has_ancestor(&self, name: &str) -> bool {
        self.frames.iter().skip(1).any(
            |f| matches!(&f.parent.data, NodeData::Element { name: n, .. } if &*n.local == name),
        )
    }

    /// How many elements enclose this one.
    pub fn depth(&self) -> usize {
        self.frames.len().saturating_sub(1)
    }

    /// Whether the walk sees this element before its children are cleaned (not again, under
    /// a new name, after them): a note left on a child then is read when the child is.
    pub(crate) fn is_before_children(&self) -> bool {
        self.before_children
    }

    /// Parses `html` as a body fragment and puts its nodes first among this element's
    /// children, where they are cleaned by every rule like the rest of the children (so
    /// nothing unsafe can come in this way). Only before the children are cleaned, in
    /// [`Rule::element`](crate::Rule::element): in `element_end` it does nothing and returns
    /// `false`.
    ///
    /// ```
    /// use articlean::{rule_fn, Action, Cleaner};
    ///
    /// let numbered = rule_fn("numbered", |el, _cx| {
    ///     if el.is("h2") {
    ///         el.prepend_html("<b>§</b> <script>x()</script>");
    ///     }
    ///     Action::Keep
    /// });
    /// let cleaner = Cleaner::builder().with_rule(numbered).build()?;
    /// assert_eq!(cleaner.clean("<h2>Title</h2>").html(), "<h2><b>§</b> Title</h2>");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn prepend_html(&mut self, html: &str) -> bool {
        if !self.before_children {
            return false;
        }
        let nodes = super::parse::parse_fragment_nodes_at(html, self.frames.len());
        let weak = std::rc::Rc::downgrade(self.node);
        for node in &nodes {
            node.parent.set(Some(weak.clone()));
        }
        let mut children = self.node.children.borrow_mut();
        children.splice(0..0, nodes);
        true
    }

    /// The sibling node just before this element (already cleaned).
    pub fn previous_sibling(&self) -> Option<NodeRef> {
        self.frames.last()?.done.last().map(NodeRef::new)
    }

    /// The sibling nodes before this element (already cleaned), nearest first.
    pub fn previous_siblings(&self) -> impl Iterator<Item = NodeRef> + '_ {
        self.frames
            .last()
            .into_iter()
            .flat_map(|f| f.done.iter().rev().map(NodeRef::new))
    }

    /// The nearest sibling element before this one, skipping white space and comments, or
    /// `None` when there is none or text stands between them.
    pub fn previous_element_sibling(&self) -> Option<NodeRef> {
        let frame = self.frames.last()?;
        adjacent_element(frame.done.iter().rev())
    }

    /// The sibling node just after this element (not cleaned yet).
    pub fn next_sibling(&self) -> Option<NodeRef> {
        self.frames
            .last()?
            .pending
            .front()
            .map(|p| NodeRef::new(&p.node))
    }

    /// The nearest sibling element after this one, skipping white space and comments, or
    /// `None` when there is none or text stands between them.
    pub fn next_element_sibling(&self) -> Option<NodeRef> {
        let frame = self.frames.last()?;
        adjacent_element(frame.pending.iter().map(|p| &p.node))
    }

    /// The frame whose pending and finished children are the siblings of this element
    /// (`level` 0), of its parent (1)…; `None` past the top.
    fn frame_at(&self, level: usize) -> Option<&Frame> {
        let i = self.frames.len().checked_sub(1 + level)?;
        self.frames.get(i)
    }

    /// [`next_element_siblings`](Element::next_element_siblings) of this element (`level`
    /// 0), of its parent (1), of its grandparent (2)…: the elements that follow each other
    /// after that node (not cleaned yet). Empty past the top.
    pub fn next_element_siblings_at(&self, level: usize) -> Vec<NodeRef> {
        let Some(frame) = self.frame_at(level) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for p in &frame.pending {
            match &p.node.data {
                NodeData::Element { .. } => out.push(NodeRef::new(&p.node)),
                NodeData::Text { contents } if is_blank_text(&contents.borrow()) => {}
                NodeData::Comment { .. } => {}
                _ => break,
            }
        }
        out
    }

    /// Whether this element (`level` 0), its parent (1), its grandparent (2)… has no sibling
    /// element and no non-blank text beside it. False past the top.
    pub fn is_only_child_at(&self, level: usize) -> bool {
        let Some(frame) = self.frame_at(level) else {
            return false;
        };
        let alone = |n: &Handle| match &n.data {
            NodeData::Element { .. } => false,
            NodeData::Text { contents } => is_blank_text(&contents.borrow()),
            _ => true,
        };
        frame.done.iter().all(alone) && frame.pending.iter().all(|p| alone(&p.node))
    }

    /// The sibling elements after this one that follow each other with nothing but white
    /// space and comments between them, nearest first (not cleaned yet). Stops at the first
    /// non-blank text.
    pub fn next_element_siblings(&self) -> Vec<NodeRef> {
        self.next_element_siblings_at(0)
    }
}

/// The value of one attribute, given to [`Element::retain_attrs_mut`]'s closure: read it, or
/// replace it.
pub(crate) struct AttrValue<'v> {
    value: &'v mut StrTendril,
    touched: &'v mut bool,
}

impl AttrValue<'_> {
    /// The value.
    pub(crate) fn as_str(&self) -> &str {
        self.value
    }

    /// Replaces the value.
    pub(crate) fn set(&mut self, value: &str) {
        *self.value = StrTendril::from_slice(value);
        *self.touched = true;
    }
}

/// Iterates over a node's children while holding the borrow of its child list: one
/// reference count per child, no allocation.
pub(crate) struct ChildIter<'a> {
    children: std::cell::Ref<'a, Vec<Handle>>,
    next: usize,
}

impl<'a> ChildIter<'a> {
    pub(crate) fn new(node: &'a Handle) -> Self {
        ChildIter {
            children: node.children.borrow(),
            next: 0,
        }
    }
}

impl Iterator for ChildIter<'_> {
    type Item = NodeRef;

    fn next(&mut self) -> Option<NodeRef> {
        let child = self.children.get(self.next)?;
        self.next += 1;
        Some(NodeRef::new(child))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.children.len() - self.next;
        (left, Some(left))
    }
}

fn adjacent_element<'h>(mut nodes: impl Iterator<Item = &'h Handle>) -> Option<NodeRef> {
    nodes.find_map(|n| match &n.data {
        NodeData::Element { .. } => Some(Some(NodeRef::new(n))),
        NodeData::Text { contents } if is_blank_text(&contents.borrow()) => None,
        NodeData::Comment { .. } => None,
        _ => Some(None),
    })?
}

/// What the HTML tokenizer would read back as one attribute name.
pub(crate) fn is_valid_attr_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            !b.is_ascii_whitespace()
                && !b.is_ascii_control()
                && !matches!(b, b'"' | b'\'' | b'>' | b'/' | b'=' | b'<' | b'`')
        })
}
