//! Parsing with html5ever into a markup5ever_rcdom tree.
//!
//! The entry points ([`parse`], [`parse_filtered`], [`parse_fragment_nodes_at`]) do what
//! `html5ever::parse_document` / `parse_fragment` do, with this crate's pieces around
//! html5ever, one concept per module:
//!
//! | module | what | relies on |
//! |---|---|---|
//! | [`attr_cap`] | the pre-scan of start tags: a cap on attributes, and cutting those an [`AttrFilter`] drops | the tokenizer's states, HTML § 13.2.5 |
//! | [`attr_filter`] | which attributes go, compiled from the rules' [`Interest`](crate::Interest)s | which attributes the tree builder reads, § 13.2.6 |
//! | [`lift`] | attributes the pre-scan reads as the tokenizer would, handed to the tree builder past the tokenizer | the attribute and character reference states, § 13.2.5.32–39, 72–80 |
//! | [`name_codes`] | the short codes the pre-scan writes for common tag names, given back by the gate | the tag name state, § 13.2.5.8 |
//! | [`attr_memo`] | what a scan remembers of the filter's answers, kept by each thread for the next page | the filter's and its tables' numbers |
//! | [`tokens`] | the tokens of text, tags, comments, doctypes and raw text of common shapes, made without html5ever's tokenizer and handed to the gate; the rest of a page from the first other shape on goes to the tokenizer | the tokenizer's states, § 13.2.5; the tree builder's answers to a start tag |
//! | [`gate`] | between the tokenizer and the tree builder: puts lifted attributes back, drops start tags too deep, caps formatting elements, skips dropped raw text | the probe comment, raw-text answers, `trace_handles` |
//! | [`depth`] | the nesting-depth cap: [`DepthSink`] measures depths in the tree, [`enforce`] guarantees the cap | which sink calls move nodes, template contents |
//! | [`sink`] | the parse-time filter: [`FilterSink`] builds nothing below an element the policy drops | the tree builder reaching nodes only through the sink |
//! | [`raw_text`] | where dropped raw text ends | the tokenizer's raw-text and script states, § 13.2.5.9–31 |
//! | [`drawing`] | where the content of an `<svg>` that draws no text ends, to skip it | the rules for foreign content, § 13.2.6.5 |
//! | [`text_refs`] | character references in text the input may hold as their characters | the character reference states, § 13.2.5.72–80 |
//!
//! What this module relies on: `Tokenizer::feed` returns at each `</script>` and goes on
//! when called again; a fragment in `<body>` context starts in the data state and hangs
//! from a synthetic `<html>` element; rcdom keeps template contents apart (moved into the
//! element here) and the document's quirks mode. Every html5ever behaviour the parse relies
//! on has its own test in `html5ever_behaviour`, so that a release that changes one fails
//! there, by name (html5ever is not pinned exactly: that would break users' dependency
//! trees).

pub(crate) mod attr_cap;
pub(crate) mod attr_filter;
mod attr_memo;
pub(crate) mod depth;
pub(crate) mod drawing;
pub(crate) mod gate;
#[cfg(test)]
mod html5ever_behaviour;
mod lift;
mod name_atoms;
mod name_codes;
mod past_cap;
pub(crate) mod raw_text;
mod simple;
pub(crate) mod sink;
mod special_tags;
mod tag_bytes;
mod text_refs;
mod tokens;

pub(crate) use attr_filter::AttrFilter;
pub(crate) use simple::single_img_attrs;
pub(crate) use sink::Prefilter;

use attr_cap::filter_attributes;
use depth::{enforce, DepthSink, HasDepth};
use gate::Gate;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::State;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{create_element, QuirksMode, TreeBuilder};
use html5ever::{local_name, ns, ParseOpts, QualName, TokenizerResult};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use sink::FilterSink;
use std::rc::Rc;

/// What kind of input a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputKind {
    /// A body fragment: serialized back without `<html>`/`<head>`/`<body>`.
    Fragment,
    /// A whole document (starts with a doctype or `<html>`): keeps its structure.
    Document,
}

impl InputKind {
    /// A document when the first thing in `html` (after a BOM, white space and comments)
    /// is `<!doctype` or `<html`, case-insensitive; a fragment otherwise.
    pub(crate) fn detect(html: &str) -> InputKind {
        let mut rest = html.trim_start_matches('\u{feff}');
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if let Some(after) = rest.strip_prefix("<!--") {
                match after.find("-->") {
                    Some(end) => rest = &after[end + 3..],
                    None => return InputKind::Fragment,
                }
            } else {
                break;
            }
        }
        let lower: String = rest
            .chars()
            .take(9)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype") || is_html_open_tag(&lower) {
            InputKind::Document
        } else {
            InputKind::Fragment
        }
    }
}

fn is_html_open_tag(lower: &str) -> bool {
    lower.starts_with("<html")
        && matches!(
            lower.as_bytes().get(5),
            None | Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        )
}

/// A parsed tree and the node whose children are the content to clean and serialize.
pub(crate) struct Parsed {
    /// Keeps the tree alive.
    pub(crate) _dom: RcDom,
    /// Fragment: the synthetic `<html>` element html5ever puts the fragment under.
    /// Document: the document node itself.
    pub(crate) root: Handle,
    /// Elements and comments a [`Prefilter`] dropped while parsing.
    pub(crate) dropped: usize,
    /// A document the parser read in quirks mode (no doctype, or a legacy one): there a
    /// `<table>` stays inside a `<p>`.
    pub(crate) quirks: bool,
    /// The mode the parser read a document in (no quirks for a fragment), which the output
    /// keeps (`document::keep_mode`).
    pub(crate) mode: QuirksMode,
    /// The `href` of the page's first `<base href>` (see [`first_base_href`]), as written.
    pub(crate) base_href: Option<String>,
}

fn opts() -> ParseOpts {
    // Scripting stays on (the default), as in a browser: `<noscript>` content is raw text,
    // which is what the lazy-image rule expects and what a browser will see.
    ParseOpts::default()
}

/// Parses `html` as a fragment in `<body>` context or as a document.
pub(crate) fn parse(html: &str, kind: InputKind) -> Parsed {
    parse_at(html, kind, 0, None)
}

/// [`parse`], dropping what `filter` says while parsing (see [`FilterSink`]).
pub(crate) fn parse_filtered(html: &str, kind: InputKind, filter: Prefilter<'_>) -> Parsed {
    parse_at(html, kind, 0, Some(filter))
}

/// Parses `html` into a tree whose root sits at depth `base` (see [`MAX_DEPTH`]).
///
/// This is what `html5ever::parse_document` / `parse_fragment` do, with [`Gate`] between the
/// tokenizer and the tree builder and [`DepthSink`] around the `RcDom`.
///
/// [`MAX_DEPTH`]: depth::MAX_DEPTH
fn parse_at(html: &str, kind: InputKind, base: usize, filter: Option<Prefilter<'_>>) -> Parsed {
    parse_lifting(html, kind, base, filter, true)
}

/// [`parse_at`], lifting attributes past the tokenizer when `lift` (see [`lift`]).
fn parse_lifting(
    html: &str,
    kind: InputKind,
    base: usize,
    filter: Option<Prefilter<'_>>,
    lift: bool,
) -> Parsed {
    let input = html;
    let (html, attributes_dropped, lifted) =
        filter_attributes(html, filter.as_ref().and_then(|f| f.attributes), lift);
    let fragment = kind == InputKind::Fragment;
    let filtered = filter.is_some();
    let (dom, dropped, built, dropped_base) = match filter {
        None => {
            let (dom, built) = build(html, kind, DepthSink::new(base, fragment), lifted, lift);
            (dom, 0, built, false)
        }
        Some(filter) => {
            let sink = FilterSink::new(DepthSink::new(base, fragment), filter);
            let (out, built) = build(html, kind, sink, lifted, lift);
            if built.scan_disagreed && filter.attributes.is_some() {
                // The pre-scan read raw text where the tokenizer read markup (see
                // `Built::scan_disagreed`): what it cut and lifted after that may be wrong.
                // Parsed again without cutting attributes (rare: a raw-text tag past the
                // depth cap, after a frameset).
                let again = Prefilter {
                    attributes: None,
                    ..filter
                };
                return parse_lifting(input, kind, base, Some(again), false);
            }
            (
                out.dom,
                out.dropped_elements + out.dropped_comments + attributes_dropped,
                built,
                out.dropped_base,
            )
        }
    };
    let Built {
        too_deep, saw_base, ..
    } = built;
    let root = match kind {
        InputKind::Document => dom.document.clone(),
        InputKind::Fragment => fragment_root(&dom.document),
    };
    if !filtered {
        // A `FilterSink` puts template contents in place itself.
        inline_template_contents(&root);
    }
    if too_deep {
        enforce(&root, base);
    }
    let mode = match kind {
        InputKind::Document => dom.quirks_mode.get(),
        InputKind::Fragment => QuirksMode::NoQuirks,
    };
    // Searched for only where the parser created a `<base>`: most pages have none.
    let base_href = if dropped_base {
        // A `<base>` may have gone with an element the filter dropped (`<datalist><base
        // href>`): read it from the tree as parsed without the filter, as a browser would
        // (rare: it takes a `<base>` inside an element the sanitizer removes).
        parse_at(input, kind, base, None).base_href
    } else if saw_base {
        first_base_href(&root)
    } else {
        None
    };
    Parsed {
        _dom: dom,
        root,
        dropped,
        quirks: mode == QuirksMode::Quirks,
        mode,
        base_href,
    }
}

/// The `href` of the first HTML `<base>` element with one, in tree order: the element that
/// sets the page's base URL (HTML § 4.2.3, "the first `base` element with an `href`
/// attribute in tree order", whose value is parsed against the document's fallback base
/// URL). A `<template>`'s contents belong to another document and do not count; neither
/// does an SVG or MathML element named `base`. Without recursion.
fn first_base_href(root: &Handle) -> Option<String> {
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            if sink::is_base(name) {
                if let Some(href) = attrs
                    .borrow()
                    .iter()
                    .find(|a| a.name.local == local_name!("href") && a.name.ns == ns!())
                {
                    return Some(href.value.to_string());
                }
            }
            if name.local == local_name!("template") && name.ns == ns!(html) {
                continue;
            }
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    None
}

/// What [`build`] says besides the tree.
struct Built {
    /// The tree may hold elements deeper than the cap (see [`DepthSink::may_exceed_cap`]).
    too_deep: bool,
    /// It holds a `<base>` element (see [`HasDepth::saw_base`]).
    saw_base: bool,
    /// A start tag the pre-scan ([`attr_cap`]) read as opening raw text did not switch the
    /// tokenizer to raw text (see [`Gate::scan_disagreed`]).
    scan_disagreed: bool,
}

/// Runs the tokenizer and the tree builder over `html` into `sink`, with the attribute lists
/// the pre-scan `lifted` off it; the tokens of simple markup made by [`tokens`] when
/// `fast_tokens`, html5ever's tokenizer reading the rest.
fn build<S: HasDepth>(
    mut html: StrTendril,
    kind: InputKind,
    sink: S,
    lifted: lift::Lists,
    fast_tokens: bool,
) -> (S::Output, Built) {
    let opts = opts();
    let (builder, initial_state) = match kind {
        InputKind::Document => (TreeBuilder::new(sink, opts.tree_builder), None),
        InputKind::Fragment => {
            let context = create_element(
                &sink,
                QualName::new(None, ns!(html), local_name!("body")),
                Vec::new(),
            );
            let builder = TreeBuilder::new_for_fragment(sink, context, None, opts.tree_builder);
            // `parse_fragment` passes "context element allows scripting" = false; for a
            // `<body>` context the initial state is the data state either way.
            let state = builder.tokenizer_state_for_context_elem(false);
            (builder, Some(state))
        }
    };
    let input = BufferQueue::default();
    let input_len = html.len();
    // A byte order mark starts no page's text (HTML § 13.2.3.1): taken off here, once. The
    // tokenizer would take one off at the start of every `feed`, and `feed` starts again
    // after each `</script>`, where a U+FEFF is text.
    if html.starts_with('\u{feff}') {
        html.pop_front('\u{feff}'.len_utf8() as u32);
    }
    let opts = TokenizerOpts {
        initial_state: initial_state.or(opts.tokenizer.initial_state),
        discard_bom: false,
        ..opts.tokenizer
    };
    // Both kinds start in the data state (a fragment in `<body>` context).
    let data_state = matches!(opts.initial_state, None | Some(State::Data));
    let fast = fast_tokens && data_state && tokens::reads(&html);
    input.push_back(html);
    let gate = Gate::new(builder, &input, input_len, lifted);
    let gate = if fast {
        tokens::run(gate, &input, opts)
    } else {
        tokenize(gate, &input, opts)
    };
    let scan_disagreed = gate.scan_disagreed();
    let sink = gate.builder.sink;
    let built = Built {
        too_deep: sink.depth_sink().may_exceed_cap(),
        saw_base: sink.saw_base(),
        scan_disagreed,
    };
    (sink.finish(), built)
}

/// Runs html5ever's tokenizer over all of `input` into `gate`, ends it, and gives `gate`
/// back.
fn tokenize<'i, S: HasDepth>(
    gate: Gate<'i, S>,
    input: &'i BufferQueue,
    opts: TokenizerOpts,
) -> Gate<'i, S> {
    let tokenizer = Tokenizer::new(gate, opts);
    // `feed` returns early for every `</script>` (to let a browser run it); we just go on.
    while !matches!(tokenizer.feed(input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink
}

/// Parses `html` as a body fragment and returns its top-level nodes, detached, for nodes that
/// go into an element at depth `parent_depth`: the depth cap counts from there.
///
/// Markup of a simple shape (an `<img>`, a `<figure>` with its caption) is built without
/// html5ever, into the same nodes (see [`simple`]).
pub(crate) fn parse_fragment_nodes_at(html: &str, parent_depth: usize) -> Vec<Handle> {
    match simple::parse_simple(html, parent_depth) {
        Some(nodes) => nodes,
        None => parse_fragment_html5ever(html, parent_depth),
    }
}

/// [`parse_fragment_nodes_at`] by html5ever.
fn parse_fragment_html5ever(html: &str, parent_depth: usize) -> Vec<Handle> {
    let parsed = parse_at(html, InputKind::Fragment, parent_depth, None);
    let nodes = std::mem::take(&mut *parsed.root.children.borrow_mut());
    for node in &nodes {
        node.parent.set(None);
    }
    nodes
}

/// html5ever puts a fragment's nodes under a synthetic `<html>` element.
fn fragment_root(document: &Handle) -> Handle {
    let first = document.children.borrow().first().cloned();
    first.unwrap_or_else(|| document.clone())
}

/// Moves the contents of every `<template>` into the element's own children, so the walk and
/// the serializer see one uniform tree (re-parsing the output puts them back in the contents).
fn inline_template_contents(root: &Handle) {
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element {
            template_contents, ..
        } = &node.data
        {
            if let Some(contents) = template_contents.borrow_mut().take() {
                let moved = std::mem::take(&mut *contents.children.borrow_mut());
                for child in &moved {
                    child.parent.set(Some(Rc::downgrade(&node)));
                }
                node.children.borrow_mut().extend(moved);
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::depth::MAX_DEPTH;
    use super::{parse, InputKind};
    use crate::dom::node::text_content;
    use markup5ever_rcdom::{Handle, NodeData};

    /// The deepest element under `root` (its children are at depth 1), without recursion.
    fn deepest(root: &Handle) -> usize {
        let mut max = 0;
        let mut stack: Vec<(Handle, usize)> = vec![(root.clone(), 0)];
        while let Some((node, depth)) = stack.pop() {
            for child in node.children.borrow().iter() {
                if let NodeData::Element { .. } = child.data {
                    max = max.max(depth + 1);
                    stack.push((child.clone(), depth + 1));
                }
            }
        }
        max
    }

    #[test]
    fn trees_the_tree_builder_deepens_by_itself_are_capped() {
        // Near the cap the gate drops start tags that would nest deeper, but the tree
        // builder nests without them: formatting elements left open are re-created, deeper
        // than any start tag that passed the gate, before the next text. `enforce` turns
        // them into their text.
        let cases = [
            (
                "formatting re-created deep down",
                format!(
                    "<div><b><i><em><strong><code></div>{}deep",
                    "<div>".repeat(254)
                ),
            ),
            (
                "formatting re-created in a deep list item",
                format!(
                    "<div><b><i><em><strong><code></div>{}<ul><li>deep",
                    "<div>".repeat(252)
                ),
            ),
        ];
        for (label, html) in cases {
            let parsed = parse(&html, InputKind::Fragment);
            let depth = deepest(&parsed.root);
            assert!(depth <= MAX_DEPTH, "{label}: {depth} deep");
            assert!(
                depth >= MAX_DEPTH - 1,
                "{label}: only {depth} deep, not a test"
            );
            assert!(
                text_content(&parsed.root).contains("deep"),
                "{label}: text lost"
            );
        }
    }

    #[test]
    fn detects_documents() {
        for doc in [
            "<!DOCTYPE html><p>x",
            "\u{feff}  <!-- c --> <html lang=en>",
            "<HTML>",
            "<!doctype html>",
        ] {
            assert_eq!(InputKind::detect(doc), InputKind::Document, "{doc}");
        }
        for frag in [
            "<p>x</p>",
            "<htmlx>",
            "text <html>",
            "<!-- unclosed <html>",
            "",
        ] {
            assert_eq!(InputKind::detect(frag), InputKind::Fragment, "{frag}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Inserting before a sibling (foster parenting out of tables, the adoption agency)
        /// is found from the end of the parent's children (`depth::insert_before`): the
        /// tree, its parent pointers included, is the one html5ever builds into a plain
        /// rcdom (compared as `simple_tests::describe` writes them).
        #[test]
        fn foster_parenting_builds_html5evers_tree(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<table>", "</table>", "<tr>", "<td>", "</td>", "<caption>", "<datalist>",
                "</datalist>", "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<a href=x>",
                "</a>", "text", " ", "<div>", "</div>", "<select>", "<option>", "<!--c-->",
                "<tbody>", "<col>", "<form>", "<input type=hidden>", "<input>", "<img src=a>",
                "<span>", "</span>", "<br>",
            ]), 0..40)
        ) {
            use html5ever::tendril::TendrilSink;
            let html: String = pieces.concat();
            let ours = parse(&html, InputKind::Document);
            let plain = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
                .one(html.as_str());
            use super::simple::simple_tests::describe;
            proptest::prop_assert_eq!(
                describe(std::slice::from_ref(&ours.root)),
                describe(std::slice::from_ref(&plain.document)),
                "{}",
                html
            );
        }
    }
}
