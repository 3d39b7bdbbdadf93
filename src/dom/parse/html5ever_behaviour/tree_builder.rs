//! The tree builder: what it asks of its sink, and how it answers tokens.

use super::*;
use crate::dom::parse::gate::is_raw_text_start;

/// `depth.rs`: `TreeSink::pop` hears of only some of the elements the tree builder closes
/// (`pop_until`, `pop_until_current` and the "any other end tag" steps shorten its stack of
/// open elements directly), so the depth is measured in the tree, not counted from pops.
#[test]
fn tree_sink_pop_hears_of_only_some_closed_elements() {
    let html = "<div><span>a</span></div><p>b</p><b>c<p>d</b><br>";
    let builder = tokenize(html, document_builder());
    let popped: Vec<String> = builder
        .sink
        .events
        .borrow()
        .iter()
        .filter_map(|e| match e {
            Event::Pop(name) => Some(name.to_string()),
            _ => None,
        })
        .collect();
    // Heard of: the implied `</head>`, the `<b>` the adoption agency takes off the stack,
    // and at the end what is still open. Not: `div`, `span` and the first `p`, closed by
    // their end tags, nor `br`, never pushed.
    assert_eq!(popped, ["head", "b", "p", "body", "html"]);
}

/// `gate.rs`: a comment token goes where an element would (to the current node), through
/// `create_comment` and then `append`: the probe that asks how deep the next element goes.
#[test]
fn a_comment_goes_to_the_current_node() {
    let builder = fragment_builder();
    for token in [start("div"), start("section"), start("span")] {
        let _ = builder.process_token(token, 0);
    }
    let before = builder.sink.events.borrow().len();
    let result = builder.process_token(Token::CommentToken(StrTendril::new()), 0);
    assert!(matches!(result, TokenSinkResult::Continue));
    let events = builder.sink.events.borrow();
    let [Event::Comment(comment), Event::Append {
        parent,
        node: Some(appended),
    }] = &events[before..]
    else {
        panic!("{:?}", &events[before..]);
    };
    assert_eq!(&*local(parent), "span");
    assert!(Rc::ptr_eq(comment, appended));
}

/// `gate.rs`: after `</body>` a comment goes to the `<html>` element, not where an element
/// would: so the gate drops `</body>` and `</html>` once the tree is deep.
#[test]
fn after_body_a_comment_goes_to_the_html_element() {
    let builder = document_builder();
    for token in [start("html"), start("body"), start("div"), end("body")] {
        let _ = builder.process_token(token, 0);
    }
    let before = builder.sink.events.borrow().len();
    let _ = builder.process_token(Token::CommentToken(StrTendril::new()), 0);
    let events = builder.sink.events.borrow();
    let parent = events[before..].iter().find_map(|e| match e {
        Event::Append { parent, .. } => Some(local(parent)),
        _ => None,
    });
    assert_eq!(parent.as_deref(), Some("html"));
}

const ELEMENTS: &str = "a abbr address area article aside audio b base bdi bdo big blockquote \
    body br button canvas caption center cite code col colgroup data datalist dd del details \
    dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame \
    frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins kbd \
    keygen label legend li link listing main map mark marquee math menu meta meter nav nobr \
    noembed noframes noscript object ol optgroup option output p param picture plaintext pre \
    progress q rb rp rt rtc ruby s samp script search section select selectedcontent slot \
    small source span strike strong style sub summary sup svg table tbody td template \
    textarea tfoot th thead time title tr track tt u ul var video wbr xmp x-custom";

/// `gate.rs`, `raw_text.rs`: the tree builder answers a start tag in body with
/// `RawData(kind)` exactly for the elements `is_raw_text_start` names (script data for
/// `<script>`, RCDATA for `<textarea>` and `<title>`, raw text for the others; scripting is
/// on, so `<noscript>` too), after creating that element; `<plaintext>` gets `Plaintext`.
#[test]
fn raw_text_answers_follow_exactly_these_start_tags() {
    for name in ELEMENTS.split_ascii_whitespace() {
        let builder = fragment_builder();
        let result = builder.process_token(start(name), 0);
        let atom = LocalName::from(name);
        match result {
            TokenSinkResult::RawData(kind) => {
                assert!(is_raw_text_start(&atom), "{name}: {kind:?}");
                let expected = match name {
                    "script" => RawKind::ScriptData,
                    "textarea" | "title" => RawKind::Rcdata,
                    _ => RawKind::Rawtext,
                };
                assert_eq!(kind, expected, "{name}");
                let created = last_created(&builder.sink).map(|(n, _)| n);
                assert_eq!(created.as_deref(), Some(name));
            }
            TokenSinkResult::Plaintext => assert_eq!(name, "plaintext"),
            TokenSinkResult::Continue => {
                assert!(!is_raw_text_start(&atom) || name == "plaintext", "{name}");
            }
            other => panic!("{name}: {:?}", std::mem::discriminant(&other)),
        }
    }
}

/// `gate.rs`: inside `<svg>` and `<math>`, `<style>`, `<script>`, `<title>`, `<textarea>`
/// and `<xmp>` are foreign elements and get no raw-text answer (the gate then skips
/// nothing); in an HTML integration point (`<foreignObject>`) they are raw text again.
#[test]
fn in_foreign_content_raw_text_tags_are_not_raw() {
    for (outer, raw) in [
        (&["svg"][..], false),
        (&["math"][..], false),
        (&["svg", "foreignObject"][..], true),
    ] {
        for name in ["style", "script", "title", "textarea", "xmp"] {
            let builder = fragment_builder();
            for o in outer {
                let _ = builder.process_token(start(o), 0);
            }
            let result = builder.process_token(start(name), 0);
            let is_raw = matches!(result, TokenSinkResult::RawData(_));
            assert_eq!(is_raw, raw, "{outer:?} {name}");
        }
    }
}

/// `parse/mod.rs`: a fragment's nodes hang from a synthetic `<html>` element, the
/// document's only child.
#[test]
fn a_fragment_hangs_from_a_synthetic_html_element() {
    let builder = tokenize("<p>a</p>b", fragment_builder());
    let document = builder.sink.dom.document.clone();
    let children = document.children.borrow();
    assert_eq!(children.len(), 1);
    assert_eq!(&*local(&children[0]), "html");
    let top: Vec<LocalName> = children[0].children.borrow().iter().map(local).collect();
    assert_eq!(top, [LocalName::from("p"), LocalName::from("")]);
}

/// `attr_filter.rs`, `gate.rs`: the tree builder creates an `img` for an `<image>` start tag
/// (HTML § 13.2.6.4.7), so the attributes of `<image>` are those of an `img`.
#[test]
fn image_start_tags_create_img_elements() {
    let builder = fragment_builder();
    let _ = builder.process_token(start_with("image", "src", "a.png"), 0);
    let created = last_created(&builder.sink).map(|(n, _)| n);
    assert_eq!(created, Some(local_name!("img")));
}

/// `depth.rs`, `sink.rs`, `parse/mod.rs`: a `<template>` is created with the `template` flag
/// (rcdom then gives it a contents fragment), and the tree builder puts its children
/// wherever `get_template_contents` says: in rcdom, the contents, not the element.
#[test]
fn template_children_go_where_get_template_contents_says() {
    let builder = tokenize("<template><p>x</p></template>", fragment_builder());
    let events = builder.sink.events.borrow();
    let flagged = events
        .iter()
        .any(|e| matches!(e, Event::Create(n, f) if *n == local_name!("template") && f.template));
    assert!(flagged, "{events:?}");
    let contents = events.iter().find_map(|e| match e {
        Event::TemplateContents(c) => Some(c.clone()),
        _ => None,
    });
    let contents = contents.expect("get_template_contents was not asked");
    let p_parent = events.iter().find_map(|e| match e {
        Event::Append {
            parent,
            node: Some(n),
        } if &*local(n) == "p" => Some(parent.clone()),
        _ => None,
    });
    assert!(p_parent.is_some_and(|p| Rc::ptr_eq(&p, &contents)));
    let template = find(&builder.sink.dom.document, "template").unwrap();
    assert!(template.children.borrow().is_empty());
    let NodeData::Element {
        template_contents, ..
    } = &template.data
    else {
        unreachable!()
    };
    let inside = template_contents.borrow().clone().unwrap();
    assert!(Rc::ptr_eq(&inside, &contents));
    assert_eq!(&*local(&inside.children.borrow()[0]), "p");
}

/// `parse/mod.rs` (`Parsed::quirks`) and the sanitizer's nesting check: the tree builder
/// reports the document's mode to the sink, and in quirks mode a `<table>` stays inside a
/// `<p>` (in no-quirks mode it closes the paragraph).
#[test]
fn quirks_mode_is_reported_and_keeps_a_table_in_a_paragraph() {
    for (doctype, mode) in [
        ("", QuirksMode::Quirks),
        ("<!DOCTYPE html>", QuirksMode::NoQuirks),
        (
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">",
            QuirksMode::Quirks,
        ),
    ] {
        let html = format!("{doctype}<p>a<table><tr><td>b</table>");
        let builder = tokenize(&html, document_builder());
        let reported = builder.sink.events.borrow().iter().find_map(|e| match e {
            Event::Quirks(m) => Some(*m),
            _ => None,
        });
        assert_eq!(reported, Some(mode), "{doctype}");
        assert_eq!(builder.sink.dom.quirks_mode.get(), mode);
        let table = find(&builder.sink.dom.document, "table").unwrap();
        let parent = table.parent.take().and_then(|p| p.upgrade()).unwrap();
        let in_p = &*local(&parent) == "p";
        assert_eq!(in_p, mode == QuirksMode::Quirks, "{doctype}");
    }
}

/// `sink.rs` (which builds its elements itself): the tree builder flags an `annotation-xml`
/// whose `encoding` is HTML as an integration point when it creates it, asks the sink for
/// that flag later, and parses HTML inside it as HTML.
#[test]
fn annotation_xml_integration_points_are_flagged_at_creation() {
    for (encoding, point) in [
        (Some("text/html"), true),
        (Some("Application/XHTML+XML"), true),
        (Some("text/plain"), false),
        (None, false),
    ] {
        let builder = fragment_builder();
        let _ = builder.process_token(start("math"), 0);
        let tag = match encoding {
            Some(e) => start_with("annotation-xml", "encoding", e),
            None => start("annotation-xml"),
        };
        let _ = builder.process_token(tag, 0);
        let flags = last_created(&builder.sink).map(|(_, f)| f).unwrap();
        assert_eq!(
            flags.mathml_annotation_xml_integration_point, point,
            "{encoding:?}"
        );
        let _ = builder.process_token(start("div"), 0);
        let div = find(&builder.sink.dom.document, "div").unwrap();
        let NodeData::Element { name, .. } = &div.data else {
            unreachable!()
        };
        // Outside an integration point a `div` ends the MathML content: HTML either way,
        // but only inside the point is it a child of `annotation-xml`.
        assert_eq!(name.ns, ns!(html));
        let parent = div.parent.take().and_then(|p| p.upgrade()).unwrap();
        assert_eq!(&*local(&parent) == "annotation-xml", point, "{encoding:?}");
    }
}

/// Counts the elements the tree builder traces.
#[derive(Default)]
struct Traced(RefCell<Vec<LocalName>>);

impl Tracer for Traced {
    type Handle = Handle;
    fn trace_handle(&self, node: &Handle) {
        self.0.borrow_mut().push(local(node));
    }
}

/// `gate.rs` (the cap on formatting elements): `trace_handles` visits the open elements and
/// the list of active formatting elements, including those no longer open.
#[test]
fn trace_handles_visits_open_and_active_formatting_elements() {
    let builder = fragment_builder();
    for token in [
        start("p"),
        start("b"),
        start("i"),
        end("p"),
        start("div"),
        start("u"),
    ] {
        let _ = builder.process_token(token, 0);
    }
    let traced = Traced::default();
    builder.trace_handles(&traced);
    let traced = traced.0.take();
    // `b` and `i` were closed with the `p`, and wait to be re-created; `u` is open.
    for name in ["b", "i", "u", "div"] {
        assert!(traced.iter().any(|t| &**t == name), "{name}: {traced:?}");
    }
    assert!(!traced.iter().any(|t| &**t == "p"), "{traced:?}");
}

/// `depth.rs`: the tree builder moves nodes only through the sink: the adoption agency with
/// `remove_from_parent` and `reparent_children`; foster parenting goes through
/// `append_based_on_parent_node` (or `append_before_sibling`).
#[test]
fn nodes_move_only_through_the_sink() {
    let builder = tokenize("<b><p>x</b>y</p>", document_builder());
    let events = builder.sink.events.borrow();
    assert!(events.iter().any(|e| matches!(e, Event::RemoveFromParent)));
    assert!(events.iter().any(|e| matches!(e, Event::Reparent)));
    drop(events);
    let builder = tokenize(
        "<table><tr><td>a</td></tr>b<div>c</div></table>",
        document_builder(),
    );
    let events = builder.sink.events.borrow();
    let fostered = events
        .iter()
        .filter(|e| matches!(e, Event::BasedOnParent | Event::BeforeSibling))
        .count();
    assert!(fostered >= 2, "{events:?}");
}

/// `parse/mod.rs`: markup5ever_rcdom's `parse_document` builds the same tree as the parse
/// assembled here from the tokenizer and the tree builder (the assembly is what
/// `html5ever::driver` does).
#[test]
fn the_assembled_parse_is_html5evers_own() {
    let html = "<!doctype html><title>t</title><p>a<b>b<i>c</p>d<table>e<tr><td>f</table>\
                <template><li>g</template><svg><style>h</style></svg><script>i</script>j";
    let ours = crate::dom::parse::parse(html, crate::dom::parse::InputKind::Document);
    let theirs = html5ever::parse_document(RcDom::default(), opts()).one(html);
    let serialize = |node: &Handle| {
        let mut out = Vec::new();
        let node: markup5ever_rcdom::SerializableHandle = node.clone().into();
        html5ever::serialize(&mut out, &node, Default::default()).unwrap();
        String::from_utf8(out).unwrap()
    };
    // Our parse puts template contents into the element; rcdom's keeps them apart.
    let theirs = serialize(&theirs.document)
        .replace("<template></template>", "<template><li>g</li></template>");
    assert_eq!(serialize(&ours.root), theirs);
}
