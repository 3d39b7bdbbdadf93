//! The nesting-depth cap: no element of a parsed tree is deeper than [`MAX_DEPTH`].
//!
//! Two reasons. Browsers stop nesting at 512 open elements (Blink and Gecko attach deeper
//! elements to an ancestor instead, whatwg/html#3732), so deeper output would re-parse into a
//! different tree in the browser than the one we cleaned. And html5ever's tree builder scans
//! its stack of open elements for every scope check, which makes deep block nesting quadratic
//! (100,000 nested `<div>` took 43 s in a release build).
//!
//! How: [`DepthSink`], a `TreeSink` around the `RcDom`, knows the depth of every element
//! it inserts (the path of elements from the root to the last one, with their depths; the
//! tree builder inserts into its current node, which is on that path, so a look-up is a few
//! comparisons, and a node off the path is counted up to the root); the [`Gate`](super::gate::Gate) between the tokenizer and the tree builder asks
//! it (with a probe) where the next node would go, and drops start tags that would nest
//! deeper than the cap. The tree builder can still nest elements without a start tag (it
//! re-creates formatting elements such as `<b>`, and the adoption agency moves content into
//! new ones), so [`enforce`] finally turns anything deeper than the cap into its text.
//!
//! The depth is measured in the tree (an element's depth is its parent's plus one), not counted
//! from the tree builder's pushes and pops: html5ever 0.40 reports only some pops to the
//! `TreeSink` (`pop_until`, `pop_until_current` and the adoption agency's `truncate`/`remove`
//! on its stack of open elements bypass `TreeSink::pop`), so such a count would drift.
//!
//! What it relies on in html5ever (each tested in `html5ever_behaviour`): the tree builder
//! moves nodes only through the sink (`remove_from_parent`, `reparent_children`, an `append`
//! of a node that has a parent; foster parenting through `append_based_on_parent_node` or
//! `append_before_sibling`), so the depths noted are forgotten whenever a subtree may move;
//! a `<template>` is created with the `template` flag, rcdom gives it a parentless contents
//! node, and its children go where `get_template_contents` says (their depth counts from
//! the template element).
//!
//! Why 256: the cleaned HTML ends up inside someone's page, whose own elements count towards
//! the browser's 512 as well (plus the `<html>` and `<body>` of a whole document), so half of
//! it is left to them. Real articles are far shallower: the deepest of the 103 pages of the
//! shared corpus nests 38 elements, and all of them clean to the same bytes with or without
//! the caps.

use super::sink::{is_base, FilterSink, InnerSink};
use crate::dom::names::is_void;
use crate::dom::node::text_content;
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, Attribute, ExpandedName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::{Rc, Weak};

/// Hashes node addresses, the keys of the maps here: one widening multiplication, folded
/// (SipHash cost more than the rest of the depth bookkeeping).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_usize(usize::from(b) ^ (self.0 as usize).rotate_left(8));
        }
    }

    fn write_usize(&mut self, n: usize) {
        const K: u128 = 0x9E37_79B9_7F4A_7C15;
        let m = (n as u128).wrapping_mul(K);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

/// A map keyed by node address.
type AddrMap<V> = HashMap<*const Node, V, BuildHasherDefault<AddrHasher>>;

/// The deepest an element may be nested (top-level nodes are at depth 1; in a whole document
/// `<html>` is at depth 1 and `<body>` at 2). Void elements such as `<img>` may sit one level
/// below, as they never have children.
pub(crate) const MAX_DEPTH: usize = 256;

/// The parent of `node`, if it has one (rcdom keeps it in a `Cell<Option<Weak>>`).
fn parent_of(node: &Node) -> Option<Handle> {
    let weak = node.parent.take();
    node.parent.set(weak.clone());
    weak.and_then(|w| w.upgrade())
}

/// What rcdom's `append_before_sibling` does, finding `sibling` among its parent's children
/// from the end rather than from the start. The tree builder inserts before a sibling to
/// foster-parent content out of a table (HTML § 13.2.6.1, "appropriate place for inserting a
/// node"): the table is nearly always among the last children, and a page of many tables
/// with stray content in each (`<table><datalist>…</table>` repeated) made the search from
/// the start quadratic. A text node joins the text node before it, as in rcdom; a node that
/// has a parent leaves it first (`remove`), after the index is found, as in rcdom.
fn insert_before(sibling: &Handle, new_node: NodeOrText<Handle>, remove: impl Fn(&Handle)) {
    let parent = parent_of(sibling).expect("append_before_sibling called on node without parent");
    let i = parent
        .children
        .borrow()
        .iter()
        .rposition(|c| Rc::ptr_eq(c, sibling))
        .expect("have parent but couldn't find in parent's children!");
    let child = match new_node {
        NodeOrText::AppendText(text) => {
            if let Some(prev) = i
                .checked_sub(1)
                .map(|p| parent.children.borrow()[p].clone())
            {
                if let NodeData::Text { contents } = &prev.data {
                    contents.borrow_mut().push_slice(&text);
                    return;
                }
            }
            Node::new(NodeData::Text {
                contents: RefCell::new(text),
            })
        }
        NodeOrText::AppendNode(node) => node,
    };
    if has_parent(&child) {
        remove(&child);
    }
    child.parent.set(Some(Rc::downgrade(&parent)));
    parent.children.borrow_mut().insert(i, child);
}

/// Whether `node` has a parent (without upgrading the pointer).
fn has_parent(node: &Node) -> bool {
    let weak = node.parent.take();
    let has = weak.is_some();
    node.parent.set(weak);
    has
}

/// A `TreeSink` around [`RcDom`] that knows how deep the nodes it inserts are.
pub(crate) struct DepthSink {
    dom: RcDom,
    /// Depth of the node the tree hangs from: 1 less than the depth of its children.
    base: usize,
    /// A fragment hangs from a synthetic `<html>` element, which does not count.
    fragment: bool,
    /// Each `<template>`'s contents (a parentless fragment), by address, to its element.
    templates: RefCell<AddrMap<Weak<Node>>>,
    /// Known depths (before the fragment adjustment) of elements, by address: the elements
    /// from the root to the one looked up or inserted last, root first (a path, not a table:
    /// the tree builder inserts into its current node, which is on it, so a look-up searches
    /// a few entries from the end; a table hashed every element and missed the cache).
    /// Emptied when the tree builder moves nodes around.
    path: RefCell<Vec<(*const Node, usize)>>,
    /// The deepest element inserted so far (counted up to a little past the cap).
    deepest: Cell<usize>,
    /// Whether the tree builder has moved nodes.
    moved: Cell<bool>,
    /// The comment node handed out while [`Gate`](super::gate::Gate) probes.
    probe: Handle,
    probing: Cell<bool>,
    /// Where the probe would have gone: the depth of its parent.
    probed: Cell<Option<usize>>,
    /// Whether an HTML `<base>` element was created (see [`HasDepth::saw_base`]).
    saw_base: Cell<bool>,
}

impl DepthSink {
    /// A sink for a tree whose root is at depth `base` (0 for a whole parse; the depth of the
    /// parent for HTML that a rule inserts inside the tree).
    ///
    pub(crate) fn new(base: usize, fragment: bool) -> DepthSink {
        DepthSink {
            dom: RcDom::default(),
            base,
            fragment,
            templates: RefCell::default(),
            path: RefCell::new(Vec::with_capacity(64)),
            deepest: Cell::new(0),
            moved: Cell::new(false),
            probe: Node::new(NodeData::Comment {
                contents: StrTendril::new(),
            }),
            probing: Cell::new(false),
            probed: Cell::new(None),
            saw_base: Cell::new(false),
        }
    }

    /// The depth of `node`: the number of elements from the root to it, itself included, plus
    /// the base, counting a fragment's synthetic `<html>` too (callers subtract it). A
    /// template's contents count as its children. Looked up on the path of known depths
    /// (normally `node` is on it, near its end: it is cut just past `node`); otherwise
    /// counted by walking up to the root, which becomes the path. Stops counting a little
    /// past the cap.
    fn raw_depth(&self, node: &Handle) -> usize {
        let mut path = self.path.borrow_mut();
        let ptr = Rc::as_ptr(node);
        if let Some(i) = path.iter().rposition(|&(p, _)| p == ptr) {
            path.truncate(i + 1);
            return path[i].1;
        }
        self.raw_depth_counted(node, &mut path)
    }

    /// [`Self::raw_depth`] of a `node` off the path: the elements from it up, counted, become
    /// the path. Out of line: the tree builder nearly always inserts into a node on it.
    #[cold]
    #[inline(never)]
    fn raw_depth_counted(&self, node: &Handle, path: &mut Vec<(*const Node, usize)>) -> usize {
        let mut chain: Vec<*const Node> = Vec::new();
        let mut current = node.clone();
        loop {
            if let NodeData::Element { .. } = current.data {
                chain.push(Rc::as_ptr(&current));
                if chain.len() > MAX_DEPTH + 4 {
                    // Too deep to be worth noting: only "past the cap" matters.
                    path.clear();
                    return self.base + chain.len();
                }
            }
            let next = match parent_of(&current) {
                Some(parent) => parent,
                None => match self.templates.borrow().get(&Rc::as_ptr(&current)) {
                    Some(template) => match template.upgrade() {
                        Some(template) => template,
                        None => break,
                    },
                    None => break,
                },
            };
            current = next;
        }
        path.clear();
        let top = chain.len();
        path.extend(
            chain
                .iter()
                .rev()
                .enumerate()
                .map(|(i, &p)| (p, self.base + i + 1)),
        );
        self.base + top
    }

    /// Notes that `element`, just inserted into the element whose depth was looked up last
    /// (the end of the path), is at depth `raw`.
    fn note(&self, element: &Handle, raw: usize) {
        let mut path = self.path.borrow_mut();
        if path.last().is_some_and(|&(_, d)| d + 1 == raw) {
            path.push((Rc::as_ptr(element), raw));
        } else {
            // The parent's depth came from elsewhere (a probe, the cap): start afresh.
            path.clear();
        }
    }

    /// Forgets the known depths (nodes are about to move).
    #[cold]
    #[inline(never)]
    fn moving(&self) {
        self.moved.set(true);
        self.path.borrow_mut().clear();
    }

    /// Whether some element of the tree may be nested deeper than the cap: one was inserted
    /// that deep, or nodes were moved (the depths of moved subtrees are not followed), so
    /// [`enforce`] has something to do.
    pub(crate) fn may_exceed_cap(&self) -> bool {
        self.moved.get() || self.deepest.get() > MAX_DEPTH
    }

    /// The deepest element inserted so far.
    pub(super) fn deepest(&self) -> usize {
        self.deepest.get()
    }

    /// Runs `ask`, which hands the tree builder a comment token, with the probe out: the
    /// comment the tree builder creates meanwhile is the probe, noted where it would go
    /// instead of inserted. Returns the depth of the node it would have gone into (`None`
    /// if the tree builder placed nothing).
    pub(super) fn probe(&self, ask: impl FnOnce()) -> Option<usize> {
        self.probing.set(true);
        ask();
        self.probing.set(false);
        self.probed.take()
    }

    /// Notes that `child` goes into a parent of depth `parent_depth`. Returns false for the
    /// probe, which is not inserted.
    /// `parent_depth` gives the raw depth (see [`Self::raw_depth`]).
    fn inserting(&self, parent_depth: impl FnOnce() -> usize, child: &NodeOrText<Handle>) -> bool {
        let fragment = usize::from(self.fragment);
        match child {
            NodeOrText::AppendNode(node) if self.probing.get() && Rc::ptr_eq(node, &self.probe) => {
                self.probed
                    .set(Some(parent_depth().saturating_sub(fragment)));
                false
            }
            NodeOrText::AppendNode(node) if matches!(node.data, NodeData::Element { .. }) => {
                if has_parent(node) {
                    self.moving();
                }
                let raw = parent_depth() + 1;
                self.note(node, raw);
                let depth = raw.saturating_sub(fragment);
                if depth > self.deepest.get() {
                    self.deepest.set(depth);
                }
                true
            }
            NodeOrText::AppendNode(node) => {
                if has_parent(node) {
                    self.moving();
                }
                true
            }
            NodeOrText::AppendText(_) => true,
        }
    }
}

impl TreeSink for DepthSink {
    type Handle = Handle;
    type Output = RcDom;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> RcDom {
        self.dom
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.dom.parse_error(msg)
    }

    fn get_document(&self) -> Handle {
        self.dom.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        self.dom.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        if is_base(&name) {
            self.saw_base.set(true);
        }
        let element = self.dom.create_element(name, attrs, flags);
        if let NodeData::Element {
            template_contents, ..
        } = &element.data
        {
            if let Some(contents) = template_contents.borrow().as_ref() {
                self.templates
                    .borrow_mut()
                    .insert(Rc::as_ptr(contents), Rc::downgrade(&element));
            }
        }
        element
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        if self.probing.get() {
            return self.probe.clone();
        }
        self.dom.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.dom.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        if self.inserting(|| self.raw_depth(parent), &child) {
            self.dom.append(parent, child)
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let parent_depth = || match parent_of(element) {
            Some(parent) => self.raw_depth(&parent),
            None => self.raw_depth(prev_element),
        };
        if self.inserting(parent_depth, &child) {
            // rcdom's own, with the insertion before `element` found from the end.
            if has_parent(element) {
                insert_before(element, child, |node| self.dom.remove_from_parent(node));
            } else {
                self.dom.append(prev_element, child);
            }
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.dom
            .append_doctype_to_document(name, public_id, system_id)
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.dom.mark_script_already_started(node)
    }

    fn pop(&self, node: &Handle) {
        self.dom.pop(node)
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.dom.get_template_contents(target)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.dom.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.dom.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let parent_depth = || parent_of(sibling).map_or(self.base, |p| self.raw_depth(&p));
        if self.inserting(parent_depth, &new_node) {
            insert_before(sibling, new_node, |node| self.dom.remove_from_parent(node));
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.dom.add_attrs_if_missing(target, attrs)
    }

    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.dom.associate_with_form(target, form, nodes)
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.moving();
        self.dom.remove_from_parent(target)
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.moving();
        self.dom.reparent_children(node, new_parent)
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.dom.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.dom.set_current_line(line_number)
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.dom.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &Handle,
        template: &Handle,
        attrs: &[Attribute],
    ) -> bool {
        self.dom
            .attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.dom.maybe_clone_an_option_into_selectedcontent(option)
    }
}

/// A tree builder's sink that has a [`DepthSink`] inside (or is one).
pub(crate) trait HasDepth: TreeSink<Handle = Handle> {
    fn depth_sink(&self) -> &DepthSink;

    /// Whether the content of the element created last is dropped (it is a shell of a
    /// [`FilterSink`]), so its raw text need not be read.
    fn last_element_drops_content(&self) -> bool {
        false
    }

    /// Whether an SVG `<svg>` element whose content may be skipped was created since the
    /// last call (see [`drawing`](super::drawing)).
    fn take_svg_created(&self) -> bool {
        false
    }

    /// Whether an HTML `<base>` element was created (by whichever sink creates elements):
    /// only then is the tree searched for the page's base URL.
    fn saw_base(&self) -> bool;
}

impl HasDepth for DepthSink {
    fn depth_sink(&self) -> &DepthSink {
        self
    }

    fn saw_base(&self) -> bool {
        self.saw_base.get()
    }
}

impl InnerSink for DepthSink {
    fn probing(&self) -> bool {
        self.probing.get()
    }

    fn append_text(&self, parent: &Handle, text: StrTendril) {
        // Text has no depth (see `inserting`).
        self.dom.append(parent, NodeOrText::AppendText(text));
    }
}

impl HasDepth for FilterSink<'_, DepthSink> {
    fn depth_sink(&self) -> &DepthSink {
        &self.inner
    }

    fn last_element_drops_content(&self) -> bool {
        self.last_was_shell()
    }

    fn take_svg_created(&self) -> bool {
        FilterSink::take_svg_created(self)
    }

    fn saw_base(&self) -> bool {
        FilterSink::saw_base(self)
    }
}

/// Elements in which the parser does not keep text (it moves it in front of the table).
fn keeps_no_text(node: &Node) -> bool {
    match &node.data {
        NodeData::Element { name, .. } => {
            name.ns == ns!(html)
                && matches!(
                    name.local,
                    local_name!("table")
                        | local_name!("tbody")
                        | local_name!("thead")
                        | local_name!("tfoot")
                        | local_name!("tr")
                        | local_name!("colgroup")
                )
        }
        _ => false,
    }
}

fn text_node(text: String, parent: &Handle) -> Handle {
    let node = Node::new(NodeData::Text {
        contents: RefCell::new(StrTendril::from(text)),
    });
    node.parent.set(Some(Rc::downgrade(parent)));
    node
}

/// Replaces every element nested deeper than [`MAX_DEPTH`] (void elements: one more) under
/// `root`, whose children are at depth `base + 1`, by its text. Without recursion.
pub(crate) fn enforce(root: &Handle, base: usize) {
    /// `(node, its depth, where text goes instead of into it: (the parent of the outermost
    /// of the table elements around it, that table element))`
    type Entry = (Handle, usize, Option<(Handle, Handle)>);
    let mut stack: Vec<Entry> = vec![(root.clone(), base, None)];
    while let Some((node, depth, text_target)) = stack.pop() {
        let child_depth = depth + 1;
        if child_depth <= MAX_DEPTH {
            // Every child may stay: only descend (without copying the child list).
            for child in node.children.borrow().iter() {
                if let NodeData::Element { .. } = child.data {
                    let target = if keeps_no_text(child) {
                        text_target.clone().or(Some((node.clone(), child.clone())))
                    } else {
                        None
                    };
                    stack.push((child.clone(), child_depth, target));
                }
            }
            continue;
        }
        let children = node.children.borrow().clone();
        let mut changed = false;
        let mut kept = Vec::with_capacity(children.len());
        for child in children {
            let NodeData::Element { name, .. } = &child.data else {
                kept.push(child);
                continue;
            };
            let leaf_void =
                name.ns == ns!(html) && is_void(&name.local) && child.children.borrow().is_empty();
            if child_depth <= MAX_DEPTH || (leaf_void && child_depth == MAX_DEPTH + 1) {
                let target = if keeps_no_text(&child) {
                    text_target.clone().or(Some((node.clone(), child.clone())))
                } else {
                    None
                };
                stack.push((child.clone(), child_depth, target));
                kept.push(child);
                continue;
            }
            changed = true;
            let text = text_content(&child);
            if text.is_empty() {
                continue;
            }
            match &text_target {
                Some((outer_parent, table)) => {
                    let mut siblings = outer_parent.children.borrow_mut();
                    let at = siblings
                        .iter()
                        .position(|s| Rc::ptr_eq(s, table))
                        .unwrap_or(siblings.len());
                    siblings.insert(at, text_node(text, outer_parent));
                }
                None => match kept.last().map(|last| &last.data) {
                    Some(NodeData::Text { contents }) => contents.borrow_mut().push_slice(&text),
                    _ => kept.push(text_node(text, &node)),
                },
            }
        }
        if changed {
            *node.children.borrow_mut() = kept;
        }
    }
}
