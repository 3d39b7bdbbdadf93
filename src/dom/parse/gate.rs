//! The gate between html5ever's tokenizer and its tree builder: every token goes through
//! [`Gate`], which may hold back a start tag (and its end tag), and takes dropped raw text off
//! the input.
//!
//! Five jobs, each the cheapest place for it:
//!
//! - **Lifted attributes** ([`lift`]): a start tag whose attributes the pre-scan lifted off
//!   the input carries a marker; the gate puts the lifted list in its place, and a tag
//!   whose name the pre-scan wrote as its code (see [`name_codes`](super::name_codes)) gets
//!   its name back, so the tree builder gets the token the tokenizer would have made of the
//!   tag as written.
//! - **Depth** ([`MAX_DEPTH`], see [`depth`](super::depth)): once the tree has grown near the
//!   cap, the gate asks the tree builder where the next node would go, with a *probe*: an
//!   empty comment token, which [`DepthSink`](super::depth::DepthSink) intercepts instead of
//!   inserting. A start tag that would open an element deeper than the cap is dropped,
//!   together with its end tag; the text and everything else inside it stays, one level up.
//!   The tree builder never sees the dropped tags, so the tree stays one that html5ever (and
//!   a browser) builds from the serialized output.
//! - **Formatting elements** ([`MAX_FORMATTING`]): past that many open or active formatting
//!   elements, their start tags are dropped (their text stays).
//! - **Raw text** ([`raw_text`]): when the tree builder switches the
//!   tokenizer to raw text for an element whose content the sink drops, the text is taken
//!   off the input before the tokenizer reads it.
//! - **Drawings** ([`drawing`]): when the tree builder has just opened an `<svg>` and the
//!   sink allows it, content that draws no text is taken off the input up to the `</svg>`.
//!
//! What it relies on in html5ever (each tested in `html5ever_behaviour`): a comment token
//! goes to the current node, through `create_comment` and `append` (HTML § 13.2.6.1,
//! "insert a comment"), except in the "after body" modes (to the `<html>` element, so
//! `</body>` and `</html>` are dropped once the tree is deep); `trace_handles` visits the
//! open elements and the list of active formatting elements; the tree builder answers a
//! start tag with `TokenSinkResult::RawData(kind)` right after creating a `<script>`,
//! `<style>`, `<textarea>`, `<title>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>` or
//! (scripting on) `<noscript>` element, never in foreign content, and the tokenizer has then
//! read nothing past the start tag's `>`.

use super::depth::{HasDepth, MAX_DEPTH};
use super::{drawing, lift, raw_text};
use crate::dom::names::{is_raw_text, is_void};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{Tracer, TreeBuilder};
use html5ever::{local_name, ns, LocalName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

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
pub(super) fn is_raw_text_start(name: &LocalName) -> bool {
    is_raw_text(name) || matches!(*name, local_name!("textarea") | local_name!("title"))
}

/// The end tag `</name>` as the tokenizer makes it: no attributes, not self-closing.
pub(super) fn end_tag(name: LocalName) -> Tag {
    Tag {
        kind: TagKind::EndTag,
        name,
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    }
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

/// The tree builder as the tokenizer's `TokenSink`, minus the start tags that would nest
/// too deep, and minus the raw text of elements whose content the sink drops (see
/// [`raw_text`]).
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
    /// What scans for drawings that skip nothing may still read (see [`drawing::skip`]).
    drawing_budget: Cell<usize>,
    /// The attribute lists the pre-scan lifted off the input (see [`lift`]).
    lifted: RefCell<lift::Slots>,
    /// See [`Self::scan_disagreed`].
    scan_disagreed: Cell<bool>,
}

impl<'i, S: HasDepth> Gate<'i, S> {
    /// A gate for the tokenizer reading `input`, `input_len` bytes long.
    pub(crate) fn new(
        builder: TreeBuilder<Handle, S>,
        input: &'i BufferQueue,
        input_len: usize,
        lifted: lift::Lists,
    ) -> Gate<'i, S> {
        Gate {
            lifted: RefCell::new(lift::Slots::new(lifted)),
            scan_disagreed: Cell::new(false),
            builder,
            input,
            dropped: RefCell::default(),
            formatting_passed: Cell::new(0),
            formatting_counted: Cell::new((0, 0)),
            drawing_budget: Cell::new(input_len),
        }
    }

    /// Whether a start tag that the pre-scan ([`attr_cap`](super::attr_cap)) reads as
    /// opening raw text (`<script>`, `<style>`, `<textarea>`, `<title>`…: it then looks for
    /// the end tag, and reads no tag before it) left the tokenizer reading markup: the gate
    /// dropped it (past the depth cap), or the tree builder ignored it (after a frameset).
    /// What the scan cut and lifted after it may then not be what the tokenizer reads, and
    /// the input is parsed again without that (see `parse_lifting`). So it is when the
    /// markers of lifted tags the tokenizer read as tags were not one per lifted list (see
    /// [`lift::Slots::all_taken`]).
    pub(crate) fn scan_disagreed(&self) -> bool {
        self.scan_disagreed.get() || !self.lifted.borrow().all_taken()
    }

    /// Notes a start tag the scan read as opening raw text that did not (see
    /// [`Self::scan_disagreed`]), unless the tree builder reads it in foreign content: there
    /// the scan has given up already (it cuts nothing inside `<svg>`/`<math>` and stops at
    /// their raw-text and integration-point tags), as it has after `<plaintext>`.
    #[cold]
    #[inline(never)]
    fn note_no_raw_text(&self, name: &LocalName, in_foreign: bool) {
        if *name != local_name!("plaintext") && !in_foreign {
            self.scan_disagreed.set(true);
        }
    }

    /// True once the tree has come near the cap; until then nothing is checked.
    fn deep(&self) -> bool {
        self.builder.sink.depth_sink().deepest() + 1 >= MAX_DEPTH
    }

    /// The depth of the node the tree builder would insert the next node into.
    fn current_depth(&self, line_number: u64) -> usize {
        let sink = self.builder.sink.depth_sink();
        // A comment goes to the same place as an element in every insertion mode where a
        // start tag adds one (the "after body" modes send comments to the root, but `</body>`
        // and `</html>` are dropped once the tree is deep, so those modes are not entered).
        let probed = sink.probe(|| {
            let _ = self
                .builder
                .process_token(Token::CommentToken(StrTendril::new()), line_number);
        });
        // No answer (no insertion mode ignores comments): assume the deepest seen.
        probed.unwrap_or_else(|| sink.deepest())
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
        self.count_formatting(passed)
    }

    /// Counts the formatting elements the tree builder holds (see [`Self::formatting`]).
    /// Out of line, as every rarely taken branch of the gate: the gate runs for every token,
    /// inside html5ever's tokenizer loop, and its code shares the instruction cache with it.
    #[cold]
    #[inline(never)]
    fn count_formatting(&self, passed: usize) -> usize {
        let count = FormattingCount::default();
        self.builder.trace_handles(&count);
        let count = count.0.borrow().len();
        self.formatting_counted.set((count, passed));
        count
    }

    /// Remembers a dropped start tag, so its end tag is dropped too.
    #[cold]
    #[inline(never)]
    fn drop_start(&self, tag: &Tag) {
        if !tag.self_closing {
            *self
                .dropped
                .borrow_mut()
                .entry(tag.name.clone())
                .or_default() += 1;
        }
    }

    /// Decides about a tag; `false` drops it. A formatting start tag that passes is counted
    /// (see [`Self::formatting`]).
    #[inline]
    fn pass(&self, tag: &Tag, line_number: u64) -> bool {
        if tag.kind == TagKind::EndTag {
            return !self.deep() || self.pass_end_deep(tag);
        }
        let formatting = is_formatting(&tag.name);
        if formatting && self.formatting() >= MAX_FORMATTING {
            self.drop_start(tag);
            return false;
        }
        if self.deep() && !self.pass_start_deep(tag, line_number) {
            return false;
        }
        if formatting {
            self.formatting_passed.set(self.formatting_passed.get() + 1);
        }
        true
    }

    /// Decides about a start tag once the tree is [`deep`](Self::deep); `false` drops it.
    #[cold]
    #[inline(never)]
    fn pass_start_deep(&self, tag: &Tag, line_number: u64) -> bool {
        let current = self.current_depth(line_number);
        if current < MAX_DEPTH {
            // Back above the dropped region: the elements the dropped tags were in are
            // closed, so their end tags will not come.
            self.dropped.borrow_mut().clear();
        }
        if Self::allowed(tag, current + 1) {
            return true;
        }
        self.drop_start(tag);
        false
    }

    /// Decides about an end tag once the tree is [`deep`](Self::deep); `false` drops it.
    #[cold]
    #[inline(never)]
    fn pass_end_deep(&self, tag: &Tag) -> bool {
        if matches!(tag.name, local_name!("body") | local_name!("html")) {
            // These only switch to the "after body" insertion modes (where the probe would
            // see the root), and html5ever ignores them in a fragment anyway.
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

    /// A start tag after which the tokenizer may read raw text, or an `<svg>`: hands it to
    /// the tree builder, then skips what the sink drops (see the module documentation).
    #[inline(never)]
    fn process_special_start(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        let (raw_text_of, svg) = match &token {
            Token::TagToken(tag) => (
                is_raw_text_start(&tag.name).then(|| tag.name.clone()),
                tag.name == local_name!("svg") && !tag.self_closing,
            ),
            _ => (None, false),
        };
        if svg {
            self.builder.sink.take_svg_created();
        }
        let in_foreign = raw_text_of.is_some()
            && self
                .builder
                .adjusted_current_node_present_but_not_in_html_namespace();
        let result = self.builder.process_token(token, line_number);
        match (&result, raw_text_of) {
            // The tree builder has just created the element whose raw text comes next.
            (TokenSinkResult::RawData(kind), Some(name))
                if self.builder.sink.last_element_drops_content() =>
            {
                raw_text::skip(self.input, *kind, &name);
            }
            (TokenSinkResult::RawData(_), _) | (_, None) => {}
            (_, Some(name)) => self.note_no_raw_text(&name, in_foreign),
        }
        if svg && self.builder.sink.take_svg_created() {
            // The tree builder has just opened an `<svg>`: its content comes next.
            drawing::skip(self.input, &self.drawing_budget);
        }
        result
    }
}

impl<S: HasDepth> Gate<'_, S> {
    /// The end tags of a run the scan wrote as one (see [`lift::RUN_NAME`]), each as the
    /// tokenizer would have handed it on: none of them has a code that opens or closes raw
    /// text, so the tree builder answers each with `Continue`.
    #[inline(never)]
    fn process_end_run(&self, names: Vec<LocalName>, line_number: u64) -> TokenSinkResult<Handle> {
        for name in names {
            let tag = end_tag(name);
            if self.pass(&tag, line_number) {
                let result = self
                    .builder
                    .process_token(Token::TagToken(tag), line_number);
                debug_assert!(matches!(result, TokenSinkResult::Continue));
            }
        }
        TokenSinkResult::Continue
    }
}

impl<S: HasDepth> TokenSink for Gate<'_, S> {
    type Handle = Handle;

    fn process_token(&self, mut token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        // Text, comments and the rest go straight through; so do most tags, after a few
        // comparisons (the rare cases are out of line).
        if let Token::TagToken(tag) = &mut token {
            if let Some(names) = lift::restore(tag, &self.lifted) {
                return self.process_end_run(names, line_number);
            }
            if !self.pass(tag, line_number) {
                if tag.kind == TagKind::StartTag && is_raw_text_start(&tag.name) {
                    let in_foreign = self
                        .builder
                        .adjusted_current_node_present_but_not_in_html_namespace();
                    self.note_no_raw_text(&tag.name, in_foreign);
                }
                return TokenSinkResult::Continue;
            }
            if tag.kind == TagKind::StartTag
                && (is_raw_text_start(&tag.name) || tag.name == local_name!("svg"))
            {
                return self.process_special_start(token, line_number);
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
