//! A `TreeSink` around `RcDom` that drops, while parsing, what the policy would remove with
//! its content anyway, and puts `<template>` contents straight into the element.
//!
//! The tokenizer still reads every byte, but nothing is built below a dropped element: no
//! text is copied into a `<script>` or `<style>`, no node is attached below an `<svg>`, and
//! the walk never visits, nor the allocator frees, those subtrees. The result is the tree the
//! walk would have left, minus nodes it would have removed: the output is the same.
//!
//! How a node is marked: its parent pointer points at one of two sentinel nodes that are never
//! part of the tree: `pending` (created, not placed yet) or `dropped` (placed where it would
//! have been, and counted once). The tree builder only reaches parents through this sink, so
//! the marks are invisible to it; every operation that would attach something to a marked
//! node marks that thing instead.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, ExpandedName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom, WeakHandle};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What may be dropped while parsing.
pub(crate) struct Prefilter<'a> {
    /// Elements removed with their content, whatever their attributes and place.
    pub(crate) drop_element: &'a dyn Fn(&QualName) -> bool,
    /// Whether every comment is removed.
    pub(crate) drop_comments: bool,
}

/// The parsed tree and what was dropped on the way.
pub(crate) struct Filtered {
    pub(crate) dom: RcDom,
    /// Elements dropped where they would have stood in the tree (their descendants are not
    /// counted, as the walk would not have visited them).
    pub(crate) dropped_elements: usize,
    /// Comments dropped outside dropped elements.
    pub(crate) dropped_comments: usize,
}

/// The sink: an [`RcDom`] plus the two sentinels and the counters.
pub(crate) struct FilterSink<'a> {
    inner: RcDom,
    filter: Prefilter<'a>,
    pending: Handle,
    dropped: Handle,
    pending_weak: WeakHandle,
    dropped_weak: WeakHandle,
    dropped_elements: Cell<usize>,
    dropped_comments: Cell<usize>,
}

#[derive(PartialEq)]
enum Mark {
    Live,
    Pending,
    Dropped,
}

impl<'a> FilterSink<'a> {
    pub(crate) fn new(filter: Prefilter<'a>) -> Self {
        let pending = Node::new(NodeData::Document);
        let dropped = Node::new(NodeData::Document);
        FilterSink {
            inner: RcDom::default(),
            filter,
            pending_weak: Rc::downgrade(&pending),
            dropped_weak: Rc::downgrade(&dropped),
            pending,
            dropped,
            dropped_elements: Cell::new(0),
            dropped_comments: Cell::new(0),
        }
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

    fn set_mark(&self, node: &Handle, dropped: bool) {
        let weak = if dropped {
            &self.dropped_weak
        } else {
            &self.pending_weak
        };
        node.parent.set(Some(weak.clone()));
    }

    /// `child` goes below a dropped node: it is dropped too (text is simply not kept).
    fn swallow(&self, child: NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(node) = child {
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

impl TreeSink for FilterSink<'_> {
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
            dom: self.inner,
            dropped_elements: self.dropped_elements.get(),
            dropped_comments: self.dropped_comments.get(),
        }
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }

    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }

    fn elem_name<'b>(&'b self, target: &'b Handle) -> ExpandedName<'b> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let drop = (self.filter.drop_element)(&name);
        let node = Node::new(NodeData::Element {
            name,
            // A dropped element's attributes are never looked at.
            attrs: RefCell::new(if drop { Vec::new() } else { attrs }),
            // Template contents go straight into the element (see `get_template_contents`).
            template_contents: RefCell::new(None),
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        });
        if drop {
            self.set_mark(&node, false);
        }
        node
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        let node = self.inner.create_comment(text);
        if self.filter.drop_comments {
            self.set_mark(&node, false);
        }
        node
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        if self.mark(parent) != Mark::Live {
            return self.swallow(child);
        }
        if !self.place_marked(&child) {
            self.inner.append(parent, child);
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
        let children = std::mem::take(&mut *node.children.borrow_mut());
        if self.mark(new_parent) == Mark::Live {
            let weak = Rc::downgrade(new_parent);
            for child in &children {
                child.parent.set(Some(weak.clone()));
            }
            new_parent.children.borrow_mut().extend(children);
        } else {
            for child in &children {
                self.set_mark(child, true);
            }
        }
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
