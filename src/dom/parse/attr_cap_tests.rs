//! Tests of [`super`]: the cap, the filter's cuts, and the scan against the tokenizer.

use super::super::past_cap::MAX_EXTRA;
use super::{cap_attributes, MAX_ATTRIBUTES};

/// Past the cap, new names stay up to this many: later ones (but names cleaning reads
/// by name) go.
const KEPT: usize = MAX_ATTRIBUTES + MAX_EXTRA;

fn attrs(n: usize) -> String {
    (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect()
}

#[test]
fn tags_within_the_cap_are_untouched_and_not_copied() {
    let html = format!(
        "<p{}>x</p><img{} src=a.jpg>",
        attrs(MAX_ATTRIBUTES),
        attrs(10)
    );
    assert!(matches!(
        cap_attributes(&html),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn attributes_past_the_cap_are_cut() {
    let html = format!("<p{} data-last=1>text</p>", attrs(KEPT + 50));
    let capped = cap_attributes(&html);
    assert_eq!(capped, format!("<p{} >text</p>", attrs(KEPT)));
}

/// Past the cap the first of each new name stays (until the allowance is spent, and
/// then still when cleaning reads the name: `src`, `alt`, `data-src`…); a repeated name
/// goes, as the tokenizer drops it.
#[test]
fn past_the_cap_the_first_of_each_new_name_stays() {
    let first = attrs(MAX_ATTRIBUTES);
    let html = format!("<img{first} a3=x b=1 a200 b=2 B=3 c='>' a0=y>");
    assert_eq!(cap_attributes(&html), format!("<img{first} b=1 c='>' >"));
    let junk = attrs(100_000);
    let html =
        format!("<img{junk} src=a.jpg a1=x SrcSet='b.jpg 2x' ALT=\"t\" src=c.jpg data-src=d.jpg>");
    assert_eq!(
        cap_attributes(&html),
        format!(
            "<img{} src=a.jpg SrcSet='b.jpg 2x' ALT=\"t\" data-src=d.jpg>",
            attrs(KEPT)
        )
    );
    // Only a start tag keeps any: an end tag's attributes are dropped by the parser.
    let html = format!("<p>x</p{junk} src=a.jpg>");
    assert_eq!(
        cap_attributes(&html),
        format!("<p>x</p{} >", attrs(MAX_ATTRIBUTES))
    );
}

#[test]
fn quoted_greater_than_signs_do_not_end_the_tag() {
    let many: String = (0..KEPT + 3).map(|i| format!(" b{i}='>'")).collect();
    let html = format!("<p{many}/>after");
    let capped = cap_attributes(&html);
    let kept: String = (0..KEPT).map(|i| format!(" b{i}='>'")).collect();
    assert_eq!(capped, format!("<p{kept} />after"));
}

#[test]
fn comments_and_raw_text_are_not_tags() {
    for wrap in [
        ("<!--", "-->"),
        ("<script>", "</script>"),
        ("<textarea>", "</textarea>"),
        ("<title>", "</TITLE >"),
        ("<?", ">"),
    ] {
        let inner = format!("<p{}", attrs(MAX_ATTRIBUTES + 5).replace('>', ""));
        let html = format!("{}{inner}{}<p>after</p>", wrap.0, wrap.1);
        if wrap.0 == "<?" {
            continue; // a `>` inside ends the bogus comment: covered by the next test
        }
        assert_eq!(cap_attributes(&html), html, "{wrap:?}");
    }
    let html = format!("<plaintext><p{}>", attrs(MAX_ATTRIBUTES + 5));
    assert_eq!(cap_attributes(&html), html);
}

#[test]
fn a_tag_is_self_closing_as_the_tokenizer_reads_it() {
    use super::read_tag;
    // `/>` closes the tag only when its `/` is not part of an unquoted value
    // (§ 13.2.5.38: `/` is a value character there) nor followed by white space.
    for (tag, closing) in [
        ("<svg/>", true),
        ("<svg />", true),
        ("<svg id=a />", true),
        ("<svg id='a'/>", true),
        ("<svg a//>", true),
        ("<svg a/>", true),
        ("<svg id=a/>", false),
        ("<svg id=/>", false),
        ("<svg id= />", false),
        ("<svg / >", false),
        ("<svg>", false),
        ("<svg id=\"a/>", false),
    ] {
        assert_eq!(read_tag(tag.as_bytes(), 1).2, closing, "{tag}");
    }
}

proptest::proptest! {
    /// The short cut for a tag that is a name and `>` reads it as the full read does:
    /// same end, raw text, foreign root and self-closing flag, and nothing cut, for start
    /// and end tags of the special names (in any case), near-misses and plain ones,
    /// whatever follows.
    #[test]
    fn a_bare_tag_reads_as_any_tag(
        name in proptest::sample::select(vec![
            "p", "DIV", "script", "Script", "style", "xmp", "iframe", "noembed",
            "noframes", "noscript", "textarea", "TITLE", "plaintext", "svg", "SVG",
            "math", "Math", "scripts", "tit", "s", "x", "mathx", "svg:a", "a-b",
        ]),
        after in proptest::sample::select(vec![
            "", ">", "/>", " a=b>", "</p>", "text", "<x>",
        ]),
        start in proptest::bool::ANY,
    ) {
        use super::super::attr_filter::{AttrFilter, Memo};
        use crate::Interest;
        let html = format!("<{name}>{after}");
        let bytes = html.as_bytes();
        let interest = Interest::elements("*").reads("div", "class");
        let filter = AttrFilter::new(&interest.reads.unwrap()).unwrap();
        for filter in [None, Some(&filter)] {
            let (mut fast_cuts, mut full_cuts) = (Vec::new(), Vec::new());
            let (mut memo, mut full_memo) = (Memo::default(), Memo::default());
            let mut reader = super::Reader { filter, memo: &mut memo, lift: None };
            let fast = super::tag(bytes, 1, start, &mut fast_cuts, &mut reader);
            let mut full_reader = super::Reader { filter, memo: &mut full_memo, lift: None };
            let full = super::tag_with_attributes(
                bytes,
                1,
                1 + name.len(),
                start,
                &mut full_cuts,
                &mut full_reader,
            );
            proptest::prop_assert_eq!(&fast, &full, "{}", html);
            proptest::prop_assert!(fast_cuts.is_empty() && full_cuts.is_empty());
        }
    }
}

#[test]
fn end_tags_are_capped_too() {
    let html = format!("<p>x</p{}>", attrs(MAX_ATTRIBUTES + 1));
    assert_eq!(
        cap_attributes(&html),
        format!("<p>x</p{} >", attrs(MAX_ATTRIBUTES))
    );
}

#[test]
fn never_panics_on_truncated_input() {
    let html = format!("<p{} a=\"unterminated", attrs(MAX_ATTRIBUTES + 2));
    for end in 0..html.len() {
        if html.is_char_boundary(end) {
            let _ = cap_attributes(&html[..end]);
        }
    }
    for s in [
        "<", "</", "<!", "<!-", "<!--", "<!-->", "<a", "<a b=", "<a b='", "<!--x--!",
    ] {
        let _ = cap_attributes(s);
    }
}

/// All text of a tree parsed by html5ever itself, and the attribute counts of its
/// elements.
fn read(html: &str) -> (String, Vec<usize>) {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let (mut text, mut counts) = (String::new(), Vec::new());
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            NodeData::Comment { contents } => text.push_str(contents),
            // Foreign content is dropped with its text by the sanitizer; the scan does
            // not follow the tree builder there (see the module doc).
            NodeData::Element { name, .. } if name.ns != html5ever::ns!(html) => continue,
            NodeData::Element { attrs, .. } => counts.push(attrs.borrow().len()),
            _ => {}
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    (text, counts)
}

/// Differential: whatever surrounds a tag with too many attributes (comments, raw text,
/// quotes holding `<` and `>`, broken tags), the capped input parses to the same text, and
/// no element of it has more than the cap and what may stay past it.
/// An end tag of the other foreign root (`</math>` in an `<svg>`) closes nothing: the scan
/// stays in foreign content, where it cuts nothing (the `<b>` below leaves the `<svg>`
/// for the tree builder, and what follows `<script>` is script text).
#[test]
fn the_other_roots_end_tag_does_not_leave_foreign_content() {
    for (open, close) in [("<svg>", "</math>"), ("<math>", "</svg>")] {
        let html = format!(
            "{open}{close}<noscript><b x='>'><script></noscript><p{}>",
            attrs(MAX_ATTRIBUTES + 3)
        );
        assert_eq!(cap_attributes(&html), html.as_str(), "{open}{close}");
        assert_eq!(read(&cap_attributes(&html)).0, read(&html).0);
    }
}

#[test]
fn a_roots_end_tag_in_html_inside_an_integration_point_does_not_leave_it() {
    // `</svg>` closes nothing inside the `<div>`: the `<style>` after is SVG, the `<img>`
    // breaks out of it, and what the scan would take for a `<p>` tag is its alt text.
    for (open, inside, close) in [
        ("<svg>", "<foreignObject><div>", "</div></foreignObject>"),
        ("<svg>", "<desc><span>", "</span></desc>"),
        ("<math>", "<mtext><b>", "</b></mtext>"),
    ] {
        let root = &open[1..open.len() - 1];
        let html = format!(
            "{open}{inside}</{root}>{close}<style><img alt=\"</style><p{}>\">",
            attrs(MAX_ATTRIBUTES + 3)
        );
        assert_eq!(cap_attributes(&html), html.as_str(), "{open}{inside}");
        assert_eq!(read(&cap_attributes(&html)).0, read(&html).0);
    }
}

#[test]
fn capping_never_changes_text() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let many = format!("<p{}>", attrs(KEPT + 3));
    let with_src = format!("<img{} a0=x src=\"<b>\" alt='>' a1>", attrs(KEPT + 3));
    let pieces: Vec<String> = [
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "<script>",
        "</script>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<style>",
        "</style>",
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<svg/>",
        "<![CDATA[",
        "]]>",
        "<?x",
        ">",
        "<!--<script>",
        "<script><!--",
        "<",
        "</",
        "\"",
        "'",
        "=",
        " a=\"<b>\" ",
        "text ",
        "<b x='>'>",
        "</b>",
        "<plaintext>",
        "<noscript>",
        "</noscript>",
        "<a b=c/>",
        "<svg x=a/>",
        "<foreignObject>",
        "<mtext>",
        "<div>",
        "</div>",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([
        many.clone(),
        many.replace('>', ""),
        with_src,
        format!("</i{}>", attrs(300)),
    ])
    .collect();
    let strategy = proptest::collection::vec(proptest::sample::select(pieces), 1..24);
    // A fixed seed and 512 cases, unless `PROPTEST_RNG_SEED` and `PROPTEST_CASES` ask for
    // another seed or more cases.
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse().ok());
    let mut seed = [3; 32];
    if let Some(s) = env("PROPTEST_RNG_SEED") {
        seed = [0; 32];
        seed[..8].copy_from_slice(&u64::to_le_bytes(s));
    }
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
    let config = Config {
        cases: env("PROPTEST_CASES").map_or(512, |c: u64| u32::try_from(c).unwrap_or(u32::MAX)),
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, rng)
        .run(&strategy, |parts| {
            let html = parts.concat();
            let capped = cap_attributes(&html);
            let (before, _) = read(&html);
            let (after, counts) = read(&capped);
            prop_assert_eq!(before, after, "{}", html);
            // Inside `<svg>` the scan may find fewer tags than the tokenizer (see the
            // module doc): only the text is compared there.
            let foreign = ["<svg>", "<svg x=a/>", "<math>", "<![CDATA[", "<script>"]
                .iter()
                .any(|p| html.contains(p));
            // The allowance past the cap, and `src` and `alt` (names cleaning reads).
            prop_assert!(foreign || counts.iter().all(|&n| n <= KEPT + 2), "{}", html);
            Ok(())
        })
        .unwrap();
}
