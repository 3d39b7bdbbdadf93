//! What the parse relies on in html5ever (and markup5ever_rcdom), asserted directly against
//! them, one test per behaviour, so that a release that changes one fails here, by name,
//! rather than as a subtly different tree somewhere in the cleaner.
//!
//! Each test names the file that relies on the behaviour: [`tokenizer`] for how the tokenizer
//! returns and reads its input, [`tree_builder`] for what the tree builder asks of its sink
//! and how it answers tokens. The crate does not pin html5ever exactly (that would break its
//! users' dependency trees): these tests are the pin.

mod tokenizer;
mod tree_builder;

use super::opts;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, Tracer, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::states::{RawKind, State};
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{create_element, TreeBuilder};
use html5ever::{local_name, ns, Attribute, ExpandedName, LocalName, QualName, TokenizerResult};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// The `ElementFlags` a test looks at.
#[derive(Debug, Clone, Copy)]
struct Flags {
    template: bool,
    mathml_annotation_xml_integration_point: bool,
}

/// What the tree builder asked of its sink.
#[derive(Debug)]
enum Event {
    /// `create_element(name, flags)`: the `template` and annotation-xml flags.
    Create(LocalName, Flags),
    Comment(Handle),
    /// `append(parent, node)` (`None`: text).
    Append {
        parent: Handle,
        node: Option<Handle>,
    },
    BeforeSibling,
    BasedOnParent,
    Pop(LocalName),
    TemplateContents(Handle),
    RemoveFromParent,
    Reparent,
    Quirks(QuirksMode),
}

/// An `RcDom` that records what the tree builder asks of it.
#[derive(Default)]
struct Recorder {
    dom: RcDom,
    events: RefCell<Vec<Event>>,
}

impl Recorder {
    fn note(&self, event: Event) {
        self.events.borrow_mut().push(event);
    }
}

fn local(node: &Handle) -> LocalName {
    match &node.data {
        NodeData::Element { name, .. } => name.local.clone(),
        _ => LocalName::from(""),
    }
}

impl TreeSink for Recorder {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Self {
        self
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Handle {
        self.dom.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        self.dom.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.note(Event::Create(
            name.local.clone(),
            Flags {
                template: flags.template,
                mathml_annotation_xml_integration_point: flags
                    .mathml_annotation_xml_integration_point,
            },
        ));
        self.dom.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Handle {
        let node = self.dom.create_comment(text);
        self.note(Event::Comment(node.clone()));
        node
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.dom.create_pi(target, data)
    }
    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let node = match &child {
            NodeOrText::AppendNode(n) => Some(n.clone()),
            NodeOrText::AppendText(_) => None,
        };
        self.note(Event::Append {
            parent: parent.clone(),
            node,
        });
        self.dom.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.note(Event::BasedOnParent);
        self.dom.append_based_on_parent_node(element, prev, child)
    }
    fn append_doctype_to_document(&self, name: StrTendril, public: StrTendril, system: StrTendril) {
        self.dom.append_doctype_to_document(name, public, system)
    }
    fn get_template_contents(&self, target: &Handle) -> Handle {
        let contents = self.dom.get_template_contents(target);
        self.note(Event::TemplateContents(contents.clone()));
        contents
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.dom.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.note(Event::Quirks(mode));
        self.dom.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        self.note(Event::BeforeSibling);
        self.dom.append_before_sibling(sibling, child)
    }
    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.dom.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &Handle) {
        self.note(Event::RemoveFromParent);
        self.dom.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.note(Event::Reparent);
        self.dom.reparent_children(node, new_parent)
    }
    fn pop(&self, node: &Handle) {
        self.note(Event::Pop(local(node)));
        self.dom.pop(node)
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.dom.is_mathml_annotation_xml_integration_point(handle)
    }
}

/// A tree builder for a whole document, as `parse::build` makes it.
fn document_builder() -> TreeBuilder<Handle, Recorder> {
    TreeBuilder::new(Recorder::default(), opts().tree_builder)
}

/// A tree builder for a fragment in `<body>` context, as `parse::build` makes it.
fn fragment_builder() -> TreeBuilder<Handle, Recorder> {
    let sink = Recorder::default();
    let context = create_element(
        &sink,
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
    );
    TreeBuilder::new_for_fragment(sink, context, None, opts().tree_builder)
}

/// Runs the tokenizer over `html` into `sink`, as `parse::build` does (without the gate).
fn tokenize<S: TokenSink>(html: &str, sink: S) -> S {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink
}

fn start(name: &str) -> Token {
    Token::TagToken(Tag {
        kind: TagKind::StartTag,
        name: LocalName::from(name),
        self_closing: false,
        had_duplicate_attributes: false,
        attrs: Vec::new(),
    })
}

fn start_with(name: &str, attr: &str, value: &str) -> Token {
    Token::TagToken(Tag {
        kind: TagKind::StartTag,
        name: LocalName::from(name),
        self_closing: false,
        had_duplicate_attributes: false,
        attrs: vec![Attribute {
            name: QualName::new(None, ns!(), LocalName::from(attr)),
            value: StrTendril::from_slice(value),
        }],
    })
}

fn end(name: &str) -> Token {
    Token::TagToken(Tag {
        kind: TagKind::EndTag,
        name: LocalName::from(name),
        self_closing: false,
        had_duplicate_attributes: false,
        attrs: Vec::new(),
    })
}

/// The element created last.
fn last_created(sink: &Recorder) -> Option<(LocalName, Flags)> {
    sink.events.borrow().iter().rev().find_map(|e| match e {
        Event::Create(name, flags) => Some((name.clone(), *flags)),
        _ => None,
    })
}

/// The first element named `name` under `node`, depth first.
fn find(node: &Handle, name: &str) -> Option<Handle> {
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        if &*local(&n) == name {
            return Some(n);
        }
        if let NodeData::Element {
            template_contents, ..
        } = &n.data
        {
            stack.extend(template_contents.borrow().iter().cloned());
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    None
}
