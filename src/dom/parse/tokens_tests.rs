//! The tokens made in [`tokens`](super) build the tree html5ever's tokenizer builds.

use super::OFF;
use crate::dom::parse::lift::lift_tests::parse_with_default_filter;
use crate::dom::parse::simple::simple_tests::describe;
use crate::dom::parse::InputKind;
use proptest::prelude::*;

/// `html` parsed as `kind` with the default cleaner's attribute filter (lifting on), its
/// tokens made here or (`off`) all by html5ever's tokenizer.
fn parsed(html: &str, kind: InputKind, off: bool) -> String {
    OFF.with(|o| o.set(off));
    let parsed = parse_with_default_filter(html, kind, true);
    OFF.with(|o| o.set(false));
    // A comment's text is shown with its tendril's kind: a slice of the input here, a copy
    // there; the text is what counts.
    describe(std::slice::from_ref(&parsed.root))
        .replace("(shared: ", "(")
        .replace("(owned: ", "(")
        .replace("(inline: ", "(")
}

/// Pieces of every shape the module reads and of the shapes around them that it hands on:
/// text with references of each kind, a lone `<` or `&`, comments, bogus comments and
/// doctypes written each way, tags with and without attributes (quoted, unquoted, with
/// references, repeated, in capitals, self-closing), raw text and RCDATA with their end tags
/// written each way, foreign content with CDATA, and pieces the input may end in.
const PIECES: &[&str] = &[
    "text ",
    "\n  ",
    "a < b ",
    "<3 ",
    "AT&T ",
    "& ",
    "&amp; ",
    "&amp;lt; ",
    "&lt;p&gt; ",
    "&ouml;&szlig; ",
    "&#x41;&#65;&#038; ",
    "&#0;",
    "&#x80;",
    "&#128512;",
    "&notit; ",
    "&amp",
    "&NotEqualTilde;",
    "&#;",
    "<p>",
    "</p>",
    "<P>",
    "<div class=\"a b\" id=x>",
    "</div>",
    "<span CLASS='q' class=r>",
    "</span>",
    "<a href=\"/x?a=1&amp;b=2\" title=\"&quot;t&quot;\">",
    "</a>",
    "<img src=a.jpg data-src=\"b.jpg\" />",
    "<img src=c.jpg/>",
    "<br/>",
    "<br  />",
    "<hr / >",
    "</p/>",
    "</br>",
    "</>",
    "</ p>",
    "<!-- c -->",
    "<!---->",
    "<!--a--->",
    "<!-->",
    "<!--->",
    "<!--[if !IE]><!-->",
    "<!--<![endif]-->",
    "<!-- a --!> b -->",
    "<!-- <!-- x -->",
    "<?xml version=\"1.0\"?>",
    "<![if IE]>",
    "<!x>",
    "<!DOCTYPE html>",
    "<!doctype HTML >",
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">",
    "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
    "<!DOCTYPE html SYSTEM 'about:legacy-compat'>",
    "<!DOCTYPE html PUBLIC>",
    "<noscript><img src=n.jpg></noscript>",
    "<noscript>a &amp; <b>b</b></NOSCRIPT >",
    "<style>p{}</style>",
    "<style>a</style x>",
    "<title>T &amp; x</title>",
    "<title>T</title>",
    "<textarea>\nq</textarea>",
    "<script>var a = '<b>';</script>",
    "<script>a<!--b</script>c-->d</script>",
    "<script type=\"application/ld+json\">{}</script>",
    "<xmp><p></xmp>",
    "<iframe>x</iframe>",
    "<plaintext>",
    "<svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg>",
    "<svg><![CDATA[x<y]]></svg>",
    "<math><mi>x</mi></math>",
    "<svg><foreignObject><p>f</p></foreignObject></svg>",
    "<table><tr><td>c",
    "<select><option>o",
    "<pre>\nx</pre>",
    "<ul><li>one<li>two</ul>",
    "<p",
    "<p a='x",
    "<!-- open",
    "<",
    "&",
    "\u{feff}",
];

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..16).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Same elements, attributes, text, comments and doctype, same parents, as when
    /// html5ever's tokenizer reads the whole input; as a fragment and as a document.
    #[test]
    fn fast_tokens_never_change_the_tree(html in page()) {
        for kind in [InputKind::Fragment, InputKind::Document] {
            prop_assert_eq!(parsed(&html, kind, false), parsed(&html, kind, true), "{:?} as {:?}", html, kind);
        }
    }
}

/// Each piece alone, and each piece after every other (the state one leaves the next in).
#[test]
fn every_piece_and_pair_builds_html5evers_tree() {
    for a in PIECES {
        for b in std::iter::once(&"").chain(PIECES) {
            let html = format!("{a}{b}");
            for kind in [InputKind::Fragment, InputKind::Document] {
                assert_eq!(
                    parsed(&html, kind, false),
                    parsed(&html, kind, true),
                    "{html:?} as {kind:?}"
                );
            }
        }
    }
}

/// The real pages' shapes: every page of the bundled articles parses to the same tree.
#[test]
fn the_sample_articles_build_html5evers_tree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).expect("examples/articles") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).expect("article");
            for kind in [InputKind::Fragment, InputKind::Document] {
                assert!(
                    parsed(&html, kind, false) == parsed(&html, kind, true),
                    "{} as {kind:?}",
                    path.display()
                );
            }
            read += 1;
        }
    }
    assert!(read >= 5, "only {read} articles read");
}

/// A U+FEFF after `</script>` is text, as anywhere past the input's start (html5ever's
/// tokenizer, left to drop a byte order mark, drops one at the start of each `feed`, and
/// `feed` starts again after every `</script>`); the one at the start is not.
#[test]
fn a_byte_order_mark_is_text_past_the_start() {
    for off in [false, true] {
        let tree = parsed(
            "\u{feff}<script>x</script>\u{feff}y",
            InputKind::Fragment,
            off,
        );
        assert!(tree.contains("\"\\u{feff}y\""), "{tree}");
        assert_eq!(tree.matches("feff").count(), 1, "{tree}");
    }
}
