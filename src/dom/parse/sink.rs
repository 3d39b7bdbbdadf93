//! A `TreeSink` around `RcDom` that drops, while parsing, what the policy would remove with
//! its content anyway, and puts `<template>` contents straight into the element.
//!
//! Nothing is built below a dropped element: the raw text of a `<script>` or `<style>` is
//! not even read (see [`raw_text`](super::raw_text)), no node is attached below an `<svg>`, and
//! the walk never visits, nor the allocator frees, those subtrees. The element itself stays,
//! as an empty *shell* with its attributes, so the rules see it where they would have (and
//! count what they do to it, or remove it with an ancestor) and the walk removes it as
//! before: the output and the report are the same.
//!
//! A shell is marked by its template contents, which are the `dropped` sentinel: everything
//! attached to it is dropped.
//!
//! How a node is marked: its parent pointer points at one of two sentinel nodes that are never
//! part of the tree: `pending` (created, not placed yet) or `dropped` (placed where it would
//! have been, and counted once). The tree builder only reaches parents through this sink, so
//! the marks are invisible to it; every operation that would attach something to a marked
//! node marks that thing instead.
//!
//! What it relies on in html5ever (each tested in `html5ever_behaviour`): the tree builder
//! reaches nodes only through the sink (it is generic over the handle, and moves nodes with
//! `append*`, `remove_from_parent` and `reparent_children`); it puts a template's children
//! wherever `get_template_contents` says; it passes the annotation-xml integration point
//! flag to `create_element` and asks for it later (this sink builds its elements itself,
//! so it keeps the flag in them as rcdom does).

use super::attr_filter::AttrFilter;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, ExpandedName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom, WeakHandle};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The sink a [`FilterSink`] wraps: an `RcDom`, possibly with something of its own around it.
pub(crate) trait InnerSink: TreeSink<Handle = Handle, Output = RcDom> {
    /// Whether a comment created now is a probe of the inner sink's own (never dropped).
    fn probing(&self) -> bool {
        false
    }

    /// `append` of text, which an inner sink may place without looking at it.
    fn append_text(&self, parent: &Handle, text: StrTendril) {
        self.append(parent, NodeOrText::AppendText(text));
    }
}

impl InnerSink for RcDom {}

/// Whether `name` is HTML's `<base>`, whose `href` sets the URL the page's relative URLs
/// resolve against (one atom comparison per element created).
#[inline]
pub(crate) fn is_base(name: &QualName) -> bool {
    name.local == local_name!("base") && name.ns == ns!(html)
}

/// What may be dropped while parsing.
#[derive(Clone, Copy)]
pub(crate) struct Prefilter<'a> {
    /// Elements removed with their content, given their name and attributes.
    pub(crate) drop_element: &'a dyn Fn(&QualName, &[Attribute]) -> bool,
    /// Whether every comment is removed.
    pub(crate) drop_comments: bool,
    /// Attributes removed from start tags before the tokenizer reads them.
    pub(crate) attributes: Option<&'a AttrFilter>,
    /// Whether the content of an `<svg>` that draws no text may be skipped (see
    /// [`drawing`](super::drawing)): the output never holds SVG.
    pub(crate) skip_drawings: bool,
}

/// The parsed tree and what was dropped on the way.
pub(crate) struct Filtered {
    pub(crate) dom: RcDom,
    /// Elements dropped where they would have stood in the tree (their descendants are not
    /// counted, as the walk would not have visited them).
    pub(crate) dropped_elements: usize,
    /// Comments dropped outside dropped elements.
    pub(crate) dropped_comments: usize,
    /// Whether a `<base>` may have been dropped with a dropped element (see
    /// [`FilterSink::swallow`]): the page's base URL must then be read from the tree as
    /// parsed without the filter.
    pub(crate) dropped_base: bool,
}

/// The sink: an inner sink building the [`RcDom`], plus the two sentinels and the counters.
pub(crate) struct FilterSink<'a, S> {
    pub(crate) inner: S,
    filter: Prefilter<'a>,
    pending: Handle,
    dropped: Handle,
    pending_weak: WeakHandle,
    dropped_weak: WeakHandle,
    dropped_elements: Cell<usize>,
    dropped_comments: Cell<usize>,
    /// Whether the element created last is a shell.
    last_shell: Cell<bool>,
    /// Whether an `<svg>` element was created since [`FilterSink::take_svg_created`] last
    /// asked (only when `skip_drawings`).
    svg_created: Cell<bool>,
    /// Whether an HTML `<base>` element was created.
    saw_base: Cell<bool>,
    /// Whether a `<base>`, or a node that may hold one, went below a dropped node.
    dropped_base: Cell<bool>,
}

#[derive(PartialEq)]
enum Mark {
    Live,
    Pending,
    Dropped,
}

impl<'a, S: InnerSink> FilterSink<'a, S> {
    pub(crate) fn new(inner: S, filter: Prefilter<'a>) -> Self {
        let pending = Node::new(NodeData::Document);
        let dropped = Node::new(NodeData::Document);
        FilterSink {
            inner,
            filter,
            pending_weak: Rc::downgrade(&pending),
            dropped_weak: Rc::downgrade(&dropped),
            pending,
            dropped,
            dropped_elements: Cell::new(0),
            dropped_comments: Cell::new(0),
            last_shell: Cell::new(false),
            svg_created: Cell::new(false),
            saw_base: Cell::new(false),
            dropped_base: Cell::new(false),
        }
    }

    /// Notes that `node` goes below a dropped node: if it is a `<base>`, or holds nodes
    /// (moved by the tree builder, which may hold one), once a `<base>` was created, the
    /// page's base URL may be lost with it (a browser uses the first `<base href>`
    /// wherever it stands). Conservative and O(1): the parse then reads the base from the
    /// tree built without the filter.
    fn note_dropped(&self, node: &Handle) {
        if self.saw_base.get()
            && (matches!(&node.data, NodeData::Element { name, .. } if is_base(name))
                || !node.children.borrow().is_empty())
        {
            self.dropped_base.set(true);
        }
    }

    /// Whether an SVG `<svg>` element was created since the last call, whose content may be
    /// skipped (see [`Prefilter::skip_drawings`]).
    pub(crate) fn take_svg_created(&self) -> bool {
        self.svg_created.replace(false)
    }

    /// Whether an HTML `<base>` element was created (this sink creates the elements itself,
    /// not its inner sink).
    pub(crate) fn saw_base(&self) -> bool {
        self.saw_base.get()
    }

    /// Whether the element created last is a shell: nothing attached to it is kept.
    pub(crate) fn last_was_shell(&self) -> bool {
        self.last_shell.get()
    }

    fn mark(&self, node: &Handle) -> Mark {
        let parent = node.parent.take();
        let mark = match &parent {
            Some(p) if p.ptr_eq(&self.dropped_weak) => Mark::Dropped,
            Some(p) if p.ptr_eq(&self.pending_weak) => Mark::Pending,
            _ => Mark::Live,
        };
        node.parent.set(parent);
        mark
    }

    /// Whether nothing may be attached to `parent`: it is marked, or it is a shell.
    fn closed(&self, parent: &Handle) -> bool {
        if let NodeData::Element {
            template_contents, ..
        } = &parent.data
        {
            if let Some(contents) = &*template_contents.borrow() {
                if Rc::ptr_eq(contents, &self.dropped) {
                    return true;
                }
            }
        }
        self.mark(parent) != Mark::Live
    }

    fn set_mark(&self, node: &Handle, dropped: bool) {
        let weak = if dropped {
            &self.dropped_weak
        } else {
            &self.pending_weak
        };
        node.parent.set(Some(weak.clone()));
    }

    /// `child` goes below a dropped node: it is dropped too (text is simply not kept). Out
    /// of line: most appends go to live nodes.
    #[cold]
    #[inline(never)]
    fn swallow(&self, child: NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(node) = child {
            self.note_dropped(&node);
            self.set_mark(&node, true);
        }
    }

    /// Handles a marked `child` placed in a live spot: counts it the first time. `false`
    /// when `child` is live and must really be placed.
    fn place_marked(&self, child: &NodeOrText<Handle>) -> bool {
        let NodeOrText::AppendNode(node) = child else {
            return false;
        };
        match self.mark(node) {
            Mark::Live => return false,
            Mark::Dropped => {}
            Mark::Pending => {
                let counter = if matches!(node.data, NodeData::Comment { .. }) {
                    &self.dropped_comments
                } else {
                    &self.dropped_elements
                };
                counter.set(counter.get() + 1);
                self.set_mark(node, true);
            }
        }
        true
    }
}

impl<S: InnerSink> TreeSink for FilterSink<'_, S> {
    type Handle = Handle;
    type Output = Filtered;
    type ElemName<'b>
        = ExpandedName<'b>
    where
        Self: 'b;

    fn finish(self) -> Filtered {
        // The sentinels have no children; marked nodes only point at them weakly.
        drop((self.pending, self.dropped));
        Filtered {
            dom: self.inner.finish(),
            dropped_elements: self.dropped_elements.get(),
            dropped_comments: self.dropped_comments.get(),
            dropped_base: self.dropped_base.get(),
        }
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }

    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }

    fn elem_name<'b>(&'b self, target: &'b Handle) -> ExpandedName<'b> {
        // As `RcDom` does: the tree builder only asks elements for their name.
        match &target.data {
            NodeData::Element { name, .. } => name.expanded(),
            _ => unreachable!("the tree builder asked a non-element for its name"),
        }
    }

    // Called for every element: kept inlined into the tree builder.
    #[inline]
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        if is_base(&name) {
            self.saw_base.set(true);
        }
        let shell = (self.filter.drop_element)(&name, &attrs);
        self.last_shell.set(shell);
        if self.filter.skip_drawings && name.local == local_name!("svg") && name.ns == ns!(svg) {
            self.svg_created.set(true);
        }
        Node::new(NodeData::Element {
            name,
            attrs: RefCell::new(attrs),
            // Template contents go straight into the element (see `get_template_contents`);
            // a shell's "contents" are the `dropped` sentinel, which marks it.
            template_contents: RefCell::new(shell.then(|| self.dropped.clone())),
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        let probe = self.inner.probing();
        let node = self.inner.create_comment(text);
        if self.filter.drop_comments && !probe {
            self.set_mark(&node, false);
        }
        node
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        if self.closed(parent) {
            return self.swallow(child);
        }
        match child {
            // Half the appends: straight to the tree.
            NodeOrText::AppendText(text) => self.inner.append_text(parent, text),
            child => {
                if !self.place_marked(&child) {
                    self.inner.append(parent, child);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        match self.mark(element) {
            Mark::Live => {
                let parent = element.parent.take();
                let has_parent = parent.is_some();
                element.parent.set(parent);
                if has_parent {
                    self.append_before_sibling(element, child);
                } else {
                    self.append(prev_element, child);
                }
            }
            Mark::Dropped => self.swallow(child),
            Mark::Pending => self.append(prev_element, child),
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // The element is its own contents: the walk and the serializer see one uniform tree
        // (re-parsing the output puts the nodes back in the contents).
        target.clone()
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        if self.mark(sibling) != Mark::Live {
            return self.swallow(child);
        }
        if !self.place_marked(&child) {
            self.inner.append_before_sibling(sibling, child);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }

    fn remove_from_parent(&self, target: &Handle) {
        // A marked node is in no child list: it keeps its mark.
        if self.mark(target) == Mark::Live {
            self.inner.remove_from_parent(target)
        }
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        if !self.closed(new_parent) {
            self.inner.reparent_children(node, new_parent);
        } else {
            let children = std::mem::take(&mut *node.children.borrow_mut());
            for child in &children {
                self.note_dropped(child);
                self.set_mark(child, true);
            }
        }
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.inner.mark_script_already_started(node)
    }

    fn pop(&self, node: &Handle) {
        self.inner.pop(node)
    }

    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number)
    }

    fn is_mathml_annotation_xml_integration_point(&self, target: &Handle) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(target)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option)
    }
}

#[cfg(test)]
#[path = "sink_tests.rs"]
mod tests;
