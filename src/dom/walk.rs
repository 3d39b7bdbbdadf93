//! The one fused, stack-safe walk that runs every rule over the tree.
//!
//! The walk keeps an explicit stack of [`Frame`]s, one per open element, so the depth of the
//! tree never touches the call stack. Each frame rebuilds its element's child list as it goes:
//! children waiting to be visited are in `pending`, finished ones in `done`. Removing,
//! unwrapping or replacing a node is therefore O(1) (no index look-ups in the parent, no
//! shifting of siblings), and the whole walk is linear in the size of the tree.

use super::element::Element;
use super::junction;
use super::names::HTML_ELEMENTS;
use super::names::{AtomHasher, AtomTable};
use super::parse::parse_fragment_nodes_at;
use crate::interest::{Interest, Pattern};
use crate::rule::{Action, Context, Rule};
use html5ever::tendril::StrTendril;
use html5ever::{LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// How many times a node may be renamed or replaced by a rule and visited again. Past it, a
/// rule's rename or replacement is ignored (the rules after it still run), so no rule can
/// loop forever; the final stage is told (`Context::renames_exhausted`) and must then decide
/// without renaming or replacing: should it still answer so, the element is removed. The cap
/// fails closed: an element the final stage does not accept as it is never stays.
const MAX_GENERATION: u8 = 8;

/// How a node came to be: through how many nested replacements (inherited by its
/// children: replacement HTML could otherwise nest itself forever) and how many renames of
/// the node itself (not inherited: the children of a renamed `<center>` were not renamed).
#[derive(Clone, Copy, Default)]
pub(crate) struct Generation {
    replaced: u8,
    renamed: u8,
}

impl Generation {
    fn exhausted(self) -> bool {
        self.replaced.saturating_add(self.renamed) >= MAX_GENERATION
    }

    fn after_rename(self) -> Generation {
        Generation {
            renamed: self.renamed.saturating_add(1),
            ..self
        }
    }

    /// Of the nodes that replace this one.
    fn after_replace(self) -> Generation {
        Generation {
            replaced: self.replaced.saturating_add(self.renamed).saturating_add(1),
            renamed: 0,
        }
    }

    /// Of this node's children.
    fn of_children(self) -> Generation {
        Generation {
            replaced: self.replaced,
            renamed: 0,
        }
    }
}

/// A node waiting to be visited.
pub(crate) struct Pending {
    pub(crate) node: Handle,
    /// How many renames/replacements produced this node.
    generation: Generation,
    /// The children were already cleaned (the node is a renamed element whose children were
    /// visited before): only the element itself is visited again.
    children_done: bool,
}

/// The nodes of a frame waiting to be visited, in order. Kept last first in a `Vec`: taking
/// the next node and putting nodes first in line are both at its end.
#[derive(Default)]
pub(crate) struct Queue {
    /// Last first.
    reversed: Vec<Pending>,
}

impl Queue {
    /// The next node.
    pub(crate) fn front(&self) -> Option<&Pending> {
        self.reversed.last()
    }

    /// The nodes, next first.
    pub(crate) fn iter(&self) -> std::iter::Rev<std::slice::Iter<'_, Pending>> {
        self.reversed.iter().rev()
    }

    fn pop_front(&mut self) -> Option<Pending> {
        self.reversed.pop()
    }

    fn push_front(&mut self, pending: Pending) {
        self.reversed.push(pending);
    }
}

impl<'q> IntoIterator for &'q Queue {
    type Item = &'q Pending;
    type IntoIter = std::iter::Rev<std::slice::Iter<'q, Pending>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// An element whose children are being visited.
pub(crate) struct Frame {
    pub(crate) parent: Handle,
    pub(crate) pending: Queue,
    pub(crate) done: Vec<Handle>,
    generation: Generation,
    /// Some node in `done` did not come from `parent`'s own child list (unwrapped children,
    /// replacements, a renamed element's children): parent pointers must be set at the end.
    moved_in: bool,
    /// A fold over the ancestors' names up to `parent`, remembered by
    /// `Element::fold_ancestor_names`.
    pub(crate) fold: Cell<Option<u8>>,
}

/// Buffers of finished frames, reused so that visiting an element allocates nothing.
#[derive(Default)]
struct Pool {
    queues: Vec<Queue>,
}

impl Frame {
    fn new(parent: Handle, generation: Generation, children_done: bool, pool: &mut Pool) -> Frame {
        // The element's own child vector becomes `done` (its allocation is reused), and its
        // nodes go to a pooled queue: no allocation per element once the pool is warm.
        let mut done = std::mem::take(&mut *parent.children.borrow_mut());
        let mut pending = pool.queues.pop().unwrap_or_default();
        if !children_done {
            let of_children = generation.of_children();
            pending
                .reversed
                .extend(done.drain(..).rev().map(|node| Pending {
                    node,
                    generation: of_children,
                    children_done: false,
                }));
        }
        Frame {
            parent,
            pending,
            done,
            generation,
            moved_in: children_done,
            fold: Cell::new(None),
        }
    }

    /// Puts `nodes` first in line, in order.
    fn push_front(&mut self, nodes: Vec<Handle>, generation: Generation) {
        self.moved_in = true;
        self.pending
            .reversed
            .extend(nodes.into_iter().rev().map(|node| Pending {
                node,
                generation,
                children_done: false,
            }));
    }

    /// Appends a finished node, merging adjacent text nodes (an unwrap or a removal can
    /// bring two together).
    #[inline]
    fn push_done(&mut self, node: Handle) {
        if let (NodeData::Text { .. }, Some(last)) = (&node.data, self.done.last()) {
            if let NodeData::Text { .. } = &last.data {
                merge_text(last, &node);
                return;
            }
        }
        self.done.push(node);
    }

    /// Gives the element its rebuilt child list and returns it; the frame's queue goes back
    /// to the pool.
    fn finish(self, pool: &mut Pool) -> (Handle, Generation) {
        let Frame {
            parent,
            pending,
            done,
            generation,
            moved_in,
            fold: _,
        } = self;
        if moved_in {
            let weak = Rc::downgrade(&parent);
            for child in &done {
                child.parent.set(Some(weak.clone()));
            }
        }
        *parent.children.borrow_mut() = done;
        pool.queues.push(pending);
        (parent, generation)
    }
}

/// Appends the text of `new` to the text node `last` (two texts brought together by an
/// unwrap or a removal: rare, out of line).
#[cold]
#[inline(never)]
fn merge_text(last: &Handle, new: &Handle) {
    if let (NodeData::Text { contents: prev }, NodeData::Text { contents: new }) =
        (&last.data, &new.data)
    {
        prev.borrow_mut().push_tendril(&new.borrow());
    }
}

#[derive(Clone, Copy)]
enum Phase {
    /// Before the children are cleaned.
    Start,
    /// Before the element itself is seen again under a new name, its children already
    /// cleaned.
    Renamed,
    /// After the children were cleaned.
    End,
}

/// Which rules handle which elements ([`Interest`]): one look-up per element gives the set
/// of rules to ask, as bits; once for the start of elements, once for their end.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handlers {
    start: Table,
    end: Table,
    /// The rules whose `element` keeps an element without attributes untouched
    /// ([`Interest::needing_attributes`]): not asked about one.
    needs_attributes: u64,
}

/// The rules (bits) handling each element name.
#[derive(Debug, Clone, Default)]
struct Table {
    /// The whole answer of [`Table::of`] for the names rules name and the HTML elements:
    /// one look-up for nearly every element.
    known: Known,
    /// The rules handling each element named exactly.
    by_name: HashMap<LocalName, u64, BuildHasherDefault<AtomHasher>>,
    /// The rules that handle every element.
    everywhere: u64,
    /// Rules handling the elements whose names start with these bytes.
    prefixed: Vec<(Box<[u8]>, u64)>,
    /// Rules handling every element whose name has a hyphen.
    hyphenated: u64,
}

impl Table {
    fn add(&mut self, bit: u64, patterns: Option<&[Pattern]>, hyphenated: bool) {
        let Some(patterns) = patterns else {
            self.everywhere |= bit;
            return;
        };
        if hyphenated {
            self.hyphenated |= bit;
        }
        for p in patterns {
            match p {
                Pattern::Any => self.everywhere |= bit,
                Pattern::Exact(n) => {
                    let name = LocalName::from(String::from_utf8_lossy(n).as_ref());
                    *self.by_name.entry(name).or_default() |= bit;
                }
                Pattern::Prefix(p) => self.prefixed.push((p.clone(), bit)),
            }
        }
    }

    /// Fills [`Table::known`], once every rule was added.
    fn finish(&mut self) {
        let mut names = HTML_ELEMENTS
            .split_ascii_whitespace()
            .map(LocalName::from)
            .chain(self.by_name.keys().cloned())
            .collect::<Vec<_>>();
        names.sort_unstable_by_key(LocalName::unsafe_data);
        names.dedup();
        let entries = names
            .into_iter()
            .map(|name| {
                let bits = self.compute(&name);
                (name, bits)
            })
            .collect();
        self.known = Known::new(entries);
    }

    /// The rules (bits) that handle an element named `name`.
    #[inline]
    fn of(&self, name: &LocalName) -> u64 {
        match self.known.get(name) {
            Some(bits) => bits,
            None => self.compute(name),
        }
    }

    /// [`Table::of`], from the patterns.
    #[inline(never)]
    fn compute(&self, name: &LocalName) -> u64 {
        let mut bits = self.everywhere | self.by_name.get(name).copied().unwrap_or(0);
        if self.prefixed.is_empty() && self.hyphenated & !bits == 0 {
            return bits;
        }
        // The name's text, read once (an atom's text is behind a look-up).
        let text = name.as_bytes();
        for (p, bit) in &self.prefixed {
            if text.len() > p.len() && text[..p.len()].eq_ignore_ascii_case(p) {
                bits |= bit;
            }
        }
        if self.hyphenated & !bits != 0 && text.contains(&b'-') {
            bits |= self.hyphenated;
        }
        bits
    }
}

/// The bits of the known names.
type Known = AtomTable<u64>;

impl Handlers {
    /// `None` when there are too many rules for the bits (every rule is then asked).
    pub(crate) fn new(interests: &[Interest]) -> Option<Handlers> {
        if interests.len() > 64 {
            return None;
        }
        let mut h = Handlers::default();
        for (i, interest) in interests.iter().enumerate() {
            let bit = 1u64 << i;
            let elements = interest.elements.as_deref();
            h.start.add(bit, elements, interest.hyphenated);
            if interest.needs_attributes {
                h.needs_attributes |= bit;
            }
            match &interest.ends {
                None => h.end.add(bit, elements, interest.hyphenated),
                Some(ends) => h.end.add(bit, Some(ends), false),
            }
        }
        h.start.finish();
        h.end.finish();
        Some(h)
    }

    /// The rules (bits) that handle an element named `name`, before its children (`end`:
    /// after them).
    fn of(&self, name: &LocalName, end: bool) -> u64 {
        if end {
            self.end.of(name)
        } else {
            self.start.of(name)
        }
    }
}

/// The rules of one walk: the ordinary rules, asked in order until one answers, and the
/// final stage (the sanitizer), whose decision on every element comes after all of theirs.
#[derive(Clone, Copy)]
pub(crate) struct Stages<'r> {
    pub(crate) rules: &'r [&'r dyn Rule],
    /// Which rules handle which elements; `None`: every rule handles every element.
    pub(crate) handlers: Option<&'r Handlers>,
    /// Asked about every element that all `rules` kept, when they have answered: before the
    /// children (`Rule::element`), and again after them when a rule's `element_end` changed
    /// an attribute. Asked about every comment the rules kept. Its counts go to index
    /// `rules.len()` of the context.
    pub(crate) last: Option<&'r dyn Rule>,
}

/// Runs the stages over the children of `root` (not `root` itself).
pub(crate) fn walk(root: &Handle, rules: Stages<'_>, cx: &mut Context<'_>) {
    let mut pool = Pool::default();
    let mut frames = vec![Frame::new(
        root.clone(),
        Generation::default(),
        false,
        &mut pool,
    )];
    while let Some(top) = frames.last_mut() {
        match top.pending.pop_front() {
            Some(pending) => visit(pending, &mut frames, &mut pool, rules, cx),
            None => {
                let Some(frame) = frames.pop() else { break };
                let (node, generation) = frame.finish(&mut pool);
                if frames.is_empty() {
                    break;
                }
                let (action, parsed) = run_rules(Phase::End, &node, generation, &frames, rules, cx);
                if matches!(action, Action::Keep) {
                    if let Some(parent) = frames.last_mut() {
                        parent.push_done(node);
                    }
                } else {
                    not_kept(&mut frames, node, action, parsed, generation, true);
                }
            }
        }
    }
}

fn visit(
    pending: Pending,
    frames: &mut Vec<Frame>,
    pool: &mut Pool,
    rules: Stages<'_>,
    cx: &mut Context<'_>,
) {
    let Pending {
        node,
        generation,
        children_done,
    } = pending;
    match &node.data {
        NodeData::Element { .. } => {
            let phase = if children_done {
                Phase::Renamed
            } else {
                Phase::Start
            };
            let (action, parsed) = run_rules(phase, &node, generation, frames, rules, cx);
            if matches!(action, Action::Keep) {
                frames.push(Frame::new(node, generation, children_done, pool));
            } else {
                not_kept(frames, node, action, parsed, generation, children_done);
            }
        }
        NodeData::Comment { contents } => {
            if keeps_comment(contents, rules, cx) {
                if let Some(frame) = frames.last_mut() {
                    frame.push_done(node);
                }
            }
        }
        _ => {
            if let Some(frame) = frames.last_mut() {
                frame.push_done(node);
            }
        }
    }
}

/// What the rules answered other than `Keep` about `node`: before its children, or after
/// them (`children_done`: its frame just ended). Out of line and cold, as are the other rare
/// answers: the walk's loop runs for every node and stays small.
#[cold]
#[inline(never)]
fn not_kept(
    frames: &mut [Frame],
    node: Handle,
    action: Action,
    parsed: Option<Vec<Handle>>,
    generation: Generation,
    children_done: bool,
) {
    let space = action == Action::Remove && junction::leaves_space(&node, frames);
    let Some(frame) = frames.last_mut() else {
        return;
    };
    match action {
        // Handled by the callers.
        Action::Keep => {}
        Action::Remove if space => frame.push_done(junction::space()),
        Action::Remove => {}
        Action::Unwrap => {
            let children = take_children(&node);
            if children_done {
                frame.moved_in = true;
                for child in children {
                    frame.push_done(child);
                }
            } else {
                frame.push_front(children, generation.of_children());
            }
        }
        Action::Rename(name) => rename(frame, &node, name.0, generation, children_done),
        // The replaced node is at depth `frames.len()`.
        Action::Replace(html) => replace(frames, &html, parsed, generation),
    }
}

/// Puts `node` renamed to `name` first in line in `frame`. Out of line and cold, as are the
/// other rare answers: the walk's loop runs for every node and stays small.
#[cold]
#[inline(never)]
fn rename(
    frame: &mut Frame,
    node: &Handle,
    name: LocalName,
    generation: Generation,
    children_done: bool,
) {
    frame.pending.push_front(Pending {
        node: renamed(node, name),
        generation: generation.after_rename(),
        children_done,
    });
}

/// Puts the nodes of `html` (parsed already: `parsed`) first in line in the last frame, in
/// place of a node at depth `frames.len()`.
#[cold]
#[inline(never)]
fn replace(frames: &mut [Frame], html: &str, parsed: Option<Vec<Handle>>, generation: Generation) {
    let nodes = parsed.unwrap_or_else(|| parse_fragment_nodes_at(html, frames.len() - 1));
    if let Some(frame) = frames.last_mut() {
        frame.push_front(nodes, generation.after_replace())
    }
}

/// Whether a comment stays: every stage keeps it, or the run keeps it whatever they say.
#[inline(never)]
fn keeps_comment(contents: &StrTendril, rules: Stages<'_>, cx: &mut Context<'_>) -> bool {
    // A comment the run keeps whatever the rules say (a post's excerpt marker).
    if cx.keeps_comment(contents) {
        return true;
    }
    let all = rules.rules.iter().copied().chain(rules.last);
    for (i, rule) in all.enumerate() {
        cx.current = i;
        if !rule.keep_comment(contents, cx) {
            cx.changed();
            return false;
        }
    }
    true
}

/// Asks each rule in turn about `node` until one answers other than `Keep`; then, when all
/// kept it, the final stage.
fn run_rules(
    phase: Phase,
    node: &Handle,
    generation: Generation,
    frames: &[Frame],
    stages: Stages<'_>,
    cx: &mut Context<'_>,
) -> (Action, Option<Vec<Handle>>) {
    let NodeData::Element { name, attrs, .. } = &node.data else {
        return (Action::Keep, None);
    };
    let end = matches!(phase, Phase::End);
    let asked = stages.handlers.map_or(u64::MAX, |h| h.of(&name.local, end));
    // The rules not asked about an element while it has no attribute (none at the end).
    let needs_attributes = match stages.handlers {
        Some(h) if !end && !attrs_tests::asks_all() => h.needs_attributes,
        _ => 0,
    };
    if end && asked == 0 {
        // No rule asked, nothing touched: the final stage is not asked either.
        return (Action::Keep, None);
    }
    // The attributes are moved out of their `RefCell` for the duration, so a rule gets a
    // plain `&mut Vec` and nothing can be borrowed twice.
    let mut taken = std::mem::take(&mut *attrs.borrow_mut());
    let mut decision = Action::Keep;
    let exhausted = generation.exhausted();
    let mut touched = false;
    // One view for all the rules; `touched` is read and reset after each.
    let mut el = Element {
        node,
        name,
        attrs: &mut taken,
        frames,
        touched: false,
        before_children: matches!(phase, Phase::Start),
        replacement: None,
    };
    // Only the rules that handle this element are visited: the set bits of `asked`, then
    // (past 64 rules, when there are no handlers) every rule after the first 64.
    let mut bits = asked;
    // The rules that need attributes are left out of an element without any; should a rule
    // give it one, those after that rule are asked again (asking one about an element
    // without attributes is always right: it keeps it untouched).
    let mut skipped = 0;
    if asked & needs_attributes != 0 && el.attrs.is_empty() {
        skipped = asked & needs_attributes;
        bits &= !skipped;
    }
    let mut past = 64;
    loop {
        let i = if bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            i
        } else {
            past += 1;
            past - 1
        };
        let Some(rule) = stages.rules.get(i) else {
            break;
        };
        cx.current = i;
        let action = if end {
            rule.element_end(&mut el, cx)
        } else {
            rule.element(&mut el, cx)
        };
        touched |= std::mem::take(&mut el.touched);
        if skipped != 0 && !el.attrs.is_empty() {
            // The skipped rules after this one (`i` < 64: there are handlers).
            bits |= skipped & (!1u64).wrapping_shl(i as u32);
            skipped = 0;
        }
        if matches!(action, Action::Keep) {
            continue;
        }
        if exhausted && matches!(action, Action::Rename(_) | Action::Replace(_)) {
            el.replacement = None;
            continue;
        }
        cx.changed();
        decision = action;
        break;
    }
    // Nodes parsed already stand for the HTML of the deciding rule's `Replace` only.
    let replacement = match decision {
        Action::Replace(_) => el.replacement.take(),
        _ => None,
    };
    // The final stage sees every element the rules keep, as they left it: before the
    // children always, after them when an `element_end` changed its attributes.
    let ask_last = !end || touched;
    if let (Action::Keep, Some(last), true) = (&decision, stages.last, ask_last) {
        cx.current = stages.rules.len();
        cx.renames_exhausted = exhausted;
        decision = match last.element(&mut el, cx) {
            Action::Keep => Action::Keep,
            // Past the cap nothing may be renamed or replaced: fail closed.
            Action::Rename(_) | Action::Replace(_) if exhausted => {
                cx.changed();
                Action::Remove
            }
            action => {
                cx.changed();
                action
            }
        };
        cx.renames_exhausted = false;
    }
    let left = std::mem::replace(&mut *attrs.borrow_mut(), taken);
    // What was left in the cell is the empty vector put there (nothing else can reach the
    // element's attributes meanwhile): nothing to free, and its drop need not be called.
    if left.capacity() == 0 {
        std::mem::forget(left);
    }
    (decision, replacement)
}

fn take_children(node: &Handle) -> Vec<Handle> {
    let children = std::mem::take(&mut *node.children.borrow_mut());
    for child in &children {
        child.parent.set(None);
    }
    children
}

/// A new element named `name` (same namespace) with `node`'s attributes and children.
fn renamed(node: &Handle, name: html5ever::LocalName) -> Handle {
    let (ns, attrs) = match &node.data {
        NodeData::Element { name, attrs, .. } => {
            (name.ns.clone(), std::mem::take(&mut *attrs.borrow_mut()))
        }
        _ => (html5ever::ns!(html), Vec::new()),
    };
    let new = Node::new(NodeData::Element {
        name: QualName::new(None, ns, name),
        attrs: RefCell::new(attrs),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    });
    let children = take_children(node);
    let weak = Rc::downgrade(&new);
    for child in &children {
        child.parent.set(Some(weak.clone()));
    }
    *new.children.borrow_mut() = children;
    new
}

/// The property test of [`Interest::needing_attributes`]: every rule asked (the oracle) or
/// not; outside tests, never every rule.
#[cfg(test)]
#[path = "walk_attrs_tests.rs"]
mod attrs_tests;
#[cfg(not(test))]
mod attrs_tests {
    #[inline(always)]
    pub(super) fn asks_all() -> bool {
        false
    }
}

#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
