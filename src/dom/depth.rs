//! The nesting-depth cap: no element of a parsed tree is deeper than [`MAX_DEPTH`].
//!
//! Two reasons. Browsers stop nesting at 512 open elements (Blink and Gecko attach deeper
//! elements to an ancestor instead, whatwg/html#3732), so deeper output would re-parse into a
//! different tree in the browser than the one we cleaned. And html5ever's tree builder scans
//! its stack of open elements for every scope check, which makes deep block nesting quadratic
//! (100,000 nested `<div>` took 43 s in a release build).
//!
//! How: [`Gate`] sits between html5ever's tokenizer and its tree builder. Once the tree has
//! grown that deep, it asks the tree builder where the next node would go (with a probe: an
//! empty comment token that [`DepthSink`] intercepts instead of inserting) and drops a start
//! tag that would open an element deeper than the cap, together with its end tag. The text
//! and everything else inside such a tag stays, one level up. The tree builder itself never
//! sees the dropped tags, so the tree stays one that html5ever (and a browser) builds from the
//! serialized output. The tree builder can still nest elements without a start tag (it
//! re-creates formatting elements such as `<b>`, and the adoption agency moves content into
//! new ones), so [`enforce`] finally turns anything deeper than the cap into its text.
//!
//! The depth is measured in the tree (each inserted element's depth is noted), not counted
//! from the tree builder's pushes and pops: html5ever 0.40 reports only some pops to the
//! `TreeSink` (`pop_until`, `pop_until_current` and the adoption agency's `truncate`/`remove`
//! on its stack of open elements bypass `TreeSink::pop`), so such a count would drift.
//!
//! Why 256: the cleaned HTML ends up inside someone's page, whose own elements count towards
//! the browser's 512 as well (plus the `<html>` and `<body>` of a whole document), so half of
//! it is left to them. Real articles are far shallower: the deepest of the 103 pages of the
//! shared corpus nests 38 elements, and all of them clean to the same bytes with or without
//! the caps.

use super::names::{is_raw_text, is_void};
use super::node::text_content;
use super::raw_text;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, Tracer, TreeBuilder, TreeSink,
};
use html5ever::{local_name, ns, Attribute, ExpandedName, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
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

/// At most this many formatting elements (`<b>`, `<a>`, `<font>`…) may be open or waiting in
/// the tree builder's list of active formatting elements. Past it, such start tags are
/// dropped (their text stays).
///
/// Every paragraph re-creates the formatting elements left unclosed before it, and checks
/// each against the stack of open elements: `<p><b id=1>x</p><p><b id=2>x</p>…` costs
/// O(n²) in html5ever (10,000 paragraphs took 137 s in a release build; browsers are as
/// slow). Bounding the list makes every step O(this × [`MAX_DEPTH`]).
pub(crate) const MAX_FORMATTING: usize = 64;

fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

/// Start tags after which the tree builder may switch the tokenizer to raw text: the
/// raw-text elements, and the RCDATA ones (`<plaintext>` gets its own state, not `RawData`).
fn is_raw_text_start(name: &LocalName) -> bool {
    is_raw_text(name) || matches!(*name, local_name!("textarea") | local_name!("title"))
}

/// Collects the distinct formatting elements among the handles the tree builder holds.
#[derive(Default)]
struct FormattingCount(RefCell<HashSet<*const Node>>);

impl Tracer for FormattingCount {
    type Handle = Handle;

    fn trace_handle(&self, node: &Handle) {
        if let NodeData::Element { name, .. } = &node.data {
            if name.ns == ns!(html) && is_formatting(&name.local) {
                self.0.borrow_mut().insert(Rc::as_ptr(node));
            }
        }
    }
}

/// The parent of `node`, if it has one (rcdom keeps it in a `Cell<Option<Weak>>`).
fn parent_of(node: &Node) -> Option<Handle> {
    let weak = node.parent.take();
    node.parent.set(weak.clone());
    weak.and_then(|w| w.upgrade())
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
    /// Known depths (before the fragment adjustment) of elements, by address. Emptied when
    /// the tree builder moves nodes around.
    depths: RefCell<AddrMap<usize>>,
    /// The deepest element inserted so far (counted up to a little past the cap).
    deepest: Cell<usize>,
    /// Whether the tree builder has moved nodes.
    moved: Cell<bool>,
    /// The comment node handed out while [`Gate`] probes.
    probe: Handle,
    probing: Cell<bool>,
    /// Where the probe would have gone: the depth of its parent.
    probed: Cell<Option<usize>>,
}

impl DepthSink {
    /// A sink for a tree whose root is at depth `base` (0 for a whole parse; the depth of the
    /// parent for HTML that a rule inserts inside the tree).
    ///
    /// `input_len`, the length of the HTML, sizes the table of depths (articles have about
    /// one element per 200 bytes), so that it is not rehashed again and again as it grows.
    pub(crate) fn new(base: usize, fragment: bool, input_len: usize) -> DepthSink {
        let expected = (input_len / 256).min(1 << 16);
        DepthSink {
            dom: RcDom::default(),
            base,
            fragment,
            templates: RefCell::default(),
            depths: RefCell::new(AddrMap::with_capacity_and_hasher(
                expected,
                Default::default(),
            )),
            deepest: Cell::new(0),
            moved: Cell::new(false),
            probe: Node::new(NodeData::Comment {
                contents: StrTendril::new(),
            }),
            probing: Cell::new(false),
            probed: Cell::new(None),
        }
    }

    /// The depth of `node`: the number of elements from the root to it, itself included, plus
    /// the base, counting a fragment's synthetic `<html>` too (callers subtract it). A
    /// template's contents count as its children. Walks up to the first
    /// element whose depth is known (normally the node itself: every inserted element's
    /// depth is noted), and stops counting a little past the cap.
    fn raw_depth(&self, node: &Handle) -> usize {
        let depths = self.depths.borrow();
        let mut above = 0;
        let mut current = node.clone();
        loop {
            if let NodeData::Element { .. } = current.data {
                if let Some(known) = depths.get(&Rc::as_ptr(&current)) {
                    return known + above;
                }
                above += 1;
                if above > MAX_DEPTH + 4 {
                    break;
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
        self.base + above
    }

    /// Forgets the known depths (nodes are about to move).
    ///
    /// The table is replaced, not cleared: `clear` costs the table's capacity (it resets
    /// every bucket), and the adoption agency moves nodes for every misnested end tag, so
    /// `<b><p>x</b></p>` repeated would cost the capacity once per repetition (quadratic).
    /// A new table costs what is inserted into it until the next move.
    fn moving(&self) {
        self.moved.set(true);
        let mut depths = self.depths.borrow_mut();
        if !depths.is_empty() {
            *depths = AddrMap::default();
        }
    }

    /// Whether some element of the tree may be nested deeper than the cap: one was inserted
    /// that deep, or nodes were moved (the depths of moved subtrees are not followed), so
    /// [`enforce`] has something to do.
    pub(crate) fn may_exceed_cap(&self) -> bool {
        self.moved.get() || self.deepest.get() > MAX_DEPTH
    }

    /// The deepest element inserted so far.
    fn deepest(&self) -> usize {
        self.deepest.get()
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
                self.depths.borrow_mut().insert(Rc::as_ptr(node), raw);
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
            self.dom
                .append_based_on_parent_node(element, prev_element, child)
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
            self.dom.append_before_sibling(sibling, new_node)
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
    /// [`FilterSink`](crate::dom::sink::FilterSink)), so its raw text need not be read.
    fn last_element_drops_content(&self) -> bool {
        false
    }
}

impl HasDepth for DepthSink {
    fn depth_sink(&self) -> &DepthSink {
        self
    }
}

impl crate::dom::sink::InnerSink for DepthSink {
    fn probing(&self) -> bool {
        self.probing.get()
    }
}

impl HasDepth for crate::dom::sink::FilterSink<'_, DepthSink> {
    fn depth_sink(&self) -> &DepthSink {
        &self.inner
    }

    fn last_element_drops_content(&self) -> bool {
        self.last_was_shell()
    }
}

/// The tree builder as the tokenizer's `TokenSink`, minus the start tags that would nest
/// too deep, and minus the raw text of elements whose content the sink drops (see
/// [`raw_text`](super::raw_text)).
pub(crate) struct Gate<'i, S: HasDepth> {
    pub(crate) builder: TreeBuilder<Handle, S>,
    /// The tokenizer's input, to take dropped raw text off.
    input: &'i BufferQueue,
    /// How many start tags of each name were dropped and still wait for their end tag.
    dropped: RefCell<HashMap<LocalName, usize>>,
    /// Formatting start tags passed to the tree builder so far.
    formatting_passed: Cell<usize>,
    /// [`Self::formatting`] as last counted, and `formatting_passed` at that time.
    formatting_counted: Cell<(usize, usize)>,
}

impl<'i, S: HasDepth> Gate<'i, S> {
    pub(crate) fn new(builder: TreeBuilder<Handle, S>, input: &'i BufferQueue) -> Gate<'i, S> {
        Gate {
            builder,
            input,
            dropped: RefCell::default(),
            formatting_passed: Cell::new(0),
            formatting_counted: Cell::new((0, 0)),
        }
    }

    /// True once the tree has come near the cap; until then nothing is checked.
    fn deep(&self) -> bool {
        self.builder.sink.depth_sink().deepest() + 1 >= MAX_DEPTH
    }

    /// The depth of the node the tree builder would insert the next node into.
    fn current_depth(&self, line_number: u64) -> usize {
        let sink = self.builder.sink.depth_sink();
        sink.probing.set(true);
        // A comment goes to the same place as an element in every insertion mode where a
        // start tag adds one (the "after body" modes send comments to the root, but `</body>`
        // and `</html>` are dropped once the tree is deep, so those modes are not entered).
        let _ = self
            .builder
            .process_token(Token::CommentToken(StrTendril::new()), line_number);
        sink.probing.set(false);
        // No answer (no insertion mode ignores comments): assume the deepest seen.
        sink.probed.take().unwrap_or_else(|| sink.deepest())
    }

    /// Whether `tag`, a start tag, opens an element that may be nested at `depth`.
    fn allowed(tag: &Tag, depth: usize) -> bool {
        // Void elements that the tree builder never leaves open, even inside `<svg>`/`<math>`
        // (there `br`, `embed`, `hr`, `img` and `meta` end the foreign content first).
        let never_open = matches!(
            tag.name,
            local_name!("br")
                | local_name!("embed")
                | local_name!("hr")
                | local_name!("img")
                | local_name!("meta")
        ) || (tag.self_closing && is_void(&tag.name));
        depth <= MAX_DEPTH || (never_open && depth == MAX_DEPTH + 1)
    }

    /// How many formatting elements the tree builder holds: open ones, and the ones in the
    /// list of active formatting elements (an upper bound for the length of that list).
    fn formatting(&self) -> usize {
        // Each formatting element the tree builder holds came from a formatting start tag,
        // or replaced one that did; so it holds at most what it held when last counted plus
        // the formatting start tags passed since, and while that is few, there is no need to
        // count again.
        let passed = self.formatting_passed.get();
        let (counted, then) = self.formatting_counted.get();
        let bound = counted + (passed - then);
        if bound < MAX_FORMATTING {
            return bound;
        }
        let count = FormattingCount::default();
        self.builder.trace_handles(&count);
        let count = count.0.borrow().len();
        self.formatting_counted.set((count, passed));
        count
    }

    /// Remembers a dropped start tag, so its end tag is dropped too.
    fn drop_start(&self, tag: &Tag) {
        if !tag.self_closing {
            *self
                .dropped
                .borrow_mut()
                .entry(tag.name.clone())
                .or_default() += 1;
        }
    }

    /// Decides about a tag; `false` drops it.
    fn pass(&self, tag: &Tag, line_number: u64) -> bool {
        if tag.kind == TagKind::StartTag
            && is_formatting(&tag.name)
            && self.formatting() >= MAX_FORMATTING
        {
            self.drop_start(tag);
            return false;
        }
        if !self.deep() {
            return true;
        }
        match tag.kind {
            TagKind::StartTag => {
                let current = self.current_depth(line_number);
                if current < MAX_DEPTH {
                    // Back above the dropped region: the elements the dropped tags were in
                    // are closed, so their end tags will not come.
                    self.dropped.borrow_mut().clear();
                }
                if Self::allowed(tag, current + 1) {
                    return true;
                }
                self.drop_start(tag);
                false
            }
            TagKind::EndTag => {
                if matches!(tag.name, local_name!("body") | local_name!("html")) {
                    // These only switch to the "after body" insertion modes (where the probe
                    // would see the root), and html5ever ignores them in a fragment anyway.
                    return false;
                }
                let mut dropped = self.dropped.borrow_mut();
                match dropped.get_mut(&tag.name) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            }
        }
    }
}

impl<S: HasDepth> TokenSink for Gate<'_, S> {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        let mut raw_text_of = None;
        if let Token::TagToken(tag) = &token {
            if !self.pass(tag, line_number) {
                return TokenSinkResult::Continue;
            }
            if tag.kind == TagKind::StartTag {
                if is_formatting(&tag.name) {
                    self.formatting_passed.set(self.formatting_passed.get() + 1);
                }
                if is_raw_text_start(&tag.name) {
                    raw_text_of = Some(tag.name.clone());
                }
            }
        }
        let result = self.builder.process_token(token, line_number);
        if let (TokenSinkResult::RawData(kind), Some(name)) = (&result, raw_text_of) {
            // The tree builder has just created the element whose raw text comes next.
            if self.builder.sink.last_element_drops_content() {
                raw_text::skip(self.input, *kind, &name);
            }
        }
        result
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
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
