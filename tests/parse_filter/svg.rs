//! The parse-time filter and `<svg>`: the content of an `<svg>` that draws no text is
//! skipped while parsing (`dom::parse::drawing`), and the scan that cuts attributes before
//! parsing counts `<svg>`/`<math>` from their tags (`dom::parse::attr_cap`). Both must read
//! foreign content where the tokenizer and the tree builder do, or the output differs.

use super::{common, same, same_as_fragment, with_and_without_filter};
use libtest_mimic::Trial;

/// The tests of this file, for `main`.
pub(crate) fn trials() -> Vec<Trial> {
    vec![
        common::test(
            "foreign_content_that_goes_on_is_not_read_as_html",
            foreign_content_that_goes_on_is_not_read_as_html,
        ),
        common::test(
            "an_element_left_open_in_an_svg_at_the_depth_cap_keeps_it_parsed",
            an_element_left_open_in_an_svg_at_the_depth_cap_keeps_it_parsed,
        ),
        common::test(
            "svg_mixes_clean_the_same_with_and_without_the_filter",
            svg_mixes_clean_the_same_with_and_without_the_filter,
        ),
        common::test(
            "svg_in_context_cleans_the_same_with_and_without_the_filter",
            svg_in_context_cleans_the_same_with_and_without_the_filter,
        ),
    ]
}

/// A `/` at the end of an unquoted value is the value's (HTML § 13.2.5.38): `<svg id=a/>`
/// opens an `<svg>`, and the first `</svg>` after it closes that one, not the `<svg>` around
/// it. What the parse-time filter skips or cuts follows the tokenizer there too.
const UNQUOTED_SLASH_CASES: &[&str] = &[
    "<p>a</p><svg><svg id=a/></svg><style><img src=x.jpg alt=hidden></style></svg><p>b</p>",
    "<svg><svg viewBox=0/></svg><text>Label</text></svg><p>b</p>",
    "<svg x=a/><style><img src=x.jpg alt=\"</style><p data-z=1 title='t'>\"></style></svg><p>c</p>",
    "<math x=a/><style><img src=x.jpg title=\"</style><p data-z=1>\"></style></math>",
];

/// Inside the HTML content of an integration point (an element in a `<foreignObject>`,
/// `<desc>`, `<mtext>`…), `</svg>` and `</math>` close nothing (HTML § 13.2.6.4.7, "any other
/// end tag", stops at the integration point): the foreign content goes on after them, where
/// `<style>` is no raw text, and the scan that cuts attributes before parsing must not read
/// the rest as HTML.
const INTEGRATION_POINT_CASES: &[&str] = &[
    "<svg><foreignObject><div></svg></div></foreignObject><style><img src=x.jpg alt=\"</style><p data-z=1>\"></style></svg>",
    "<svg><desc><span></svg></span></desc><style><img src=x.jpg alt=\"</style><p data-z=1>\"></style></svg>",
    "<math><mi><b></math></b></mi><style><img src=x.jpg alt=\"</style><p data-z=1>\"></style></math>",
    "<math><annotation-xml encoding=text/html><i></math></i></annotation-xml><style><img src=x.jpg title='</style><p data-z=1>'></style></math>",
];

fn foreign_content_that_goes_on_is_not_read_as_html() {
    for embeds in [false, true] {
        let (filtered, plain) = with_and_without_filter(embeds);
        for html in UNQUOTED_SLASH_CASES.iter().chain(INTEGRATION_POINT_CASES) {
            same(
                &filtered,
                &plain,
                html,
                &format!("{html:?} (embeds {embeds})"),
            );
            let (a, b) = (filtered.clean_document(html), plain.clean_document(html));
            assert_eq!(a.html(), b.html(), "document {html:?}");
        }
    }
}

/// At the depth cap (`dom::parse::depth`), a start tag inside an `<svg>` is dropped and its
/// end tag waits to be dropped too. The drawing skip takes only content whose every element
/// it closes: an element left open at `</svg>` (which the tree builder would close with it)
/// keeps the `<svg>` parsed, else the `</path>` after it would close the HTML `<path>` (and
/// the `<b>`) with the skip and be dropped without it.
fn an_element_left_open_in_an_svg_at_the_depth_cap_keeps_it_parsed() {
    let (filtered, plain) = with_and_without_filter(false);
    // (`<path d=M0/>` is open too: the `/` is the value's.) Closed drawings, text in them
    // included, are skipped alike at the cap: the parse without the skip drops their tags
    // and keeps their text one level up, in the `<svg>`, which draws none of it.
    for inner in [
        "<path>",
        "<path d=M0/>",
        "<title>T</title>",
        "<path>P</path>",
        "<g><desc>D</desc></g>",
    ] {
        for depth in 240..270 {
            let html = format!(
                "{}<path><b>x<svg>{inner}</svg></path>y",
                "<div>".repeat(depth)
            );
            same(
                &filtered,
                &plain,
                &html,
                &format!("{inner} in {depth} divs"),
            );
        }
    }
}

proptest::proptest! {
    // 256 cases unless `PROPTEST_CASES` says otherwise; failures are kept beside this file
    // (`svg.proptest-regressions`, `common::props::config`).
    #![proptest_config(common::props::config(256))]

    /// Random mixes of drawings and what may end or escape an `<svg>`: the content of an
    /// `<svg>` that draws no text is skipped while parsing (`dom::parse::drawing`), which
    /// changes nothing (no `#[test]`: `main` runs it).
    fn svg_mixes_clean_the_same_with_and_without_the_filter(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "<svg>", "<svg viewBox='0 0 8 8'>", "</svg>", "<SVG>", "</Svg >", "<svg/>",
            "<path d='M0 0>1'/>", "<path d=x/>", "<path>", "</path>", "<g>", "</g>",
            "<g id=a/>", "<circle r=1/>", "<title>", "</title>", "<title id=t/>", "<desc>",
            "</desc>", "<defs>", "</defs>", "<symbol id=i>", "</symbol>", "<use href=#i/>",
            "<clipPath>", "</clippath>", "<feBlend/>", "<text>", "</text>", "<tspan>",
            "<foreignObject>", "</foreignObject>", "<image href=a.jpg/>", "<a href=/x>", "</a>",
            "word", " ", "\n", "&amp;", "<", "< ", "<!-- c -->", "<!--", "-->", "<![CDATA[x]]>",
            "<p>", "</p>", "</br>", "<b>", "</b>", "<div>", "</div>", "<font color=red>",
            "<math>", "</math>", "<table>", "<td>", "<select>", "<template>", "</template>",
            "<img src=a.jpg>", "<script>", "</script>", "<style>", "</style>", "<noscript>",
            "</noscript>", "<span>", "</span>", "<svg id=a/>", "<svg id=a />", "<math x=a/>",
            "<g x=a/>", "<desc x=a/>", "<foreignObject x=a/>", "<path d='</svg>'>",
            "</svg x='>'>", "<!-->", "--!>", "\0", "</ svg>", "<title/>", "<mi>",
            "<annotation-xml encoding=text/html>", "<path d=M0/>",
            // Pieces that read differently in foreign content and in HTML, whole, so that
            // a mix meets them often enough.
            "<svg><svg id=a/></svg>", "<style><img src=a.jpg></style>",
            "<title><img src=a.jpg></title>", "<textarea><img src=a.jpg></textarea>",
            "<img src=a.jpg alt='</style><p data-z=1>'>", "<mtext>",
        ][..]), 0..24)
    ) {
        let html: String = pieces.concat();
        same_as_fragment(&html)?;
        let (filtered, plain) = with_and_without_filter(false);
        let (a, b) = (filtered.clean_document(&html), plain.clean_document(&html));
        proptest::prop_assert_eq!(a.html(), b.html(), "{:?}", html);
    }

    /// An `<svg>` in the places the tree builder treats differently (a table, a `<select>`,
    /// a template, inside another foreign root or an integration point, an HTML element of
    /// a drawing's name), holding a random mix of drawings and what may end them, then what
    /// reads differently in foreign content and in HTML: the structure a flat mix rarely
    /// meets (no `#[test]`: `main` runs it).
    fn svg_in_context_cleans_the_same_with_and_without_the_filter(
        context in proptest::sample::select(&[
            "", "<p>", "<b>", "<table>", "<table><tr><td>", "<select>", "<template>",
            "<math>", "<math><mi>", "<math><annotation-xml encoding=text/html>",
            "<svg><foreignObject>", "<svg><desc>", "<svg><title>", "<path><b>", "<g><i>",
            "<noscript>", "<a href=/x>", "<ul><li>", "<h1>", "<textarea>", "<svg>",
        ][..]),
        open in proptest::sample::select(&[
            "<svg>", "<SVG viewBox='0 0 8 8'>", "<svg x=a/>", "<svg/>", "<svg\n>",
        ][..]),
        inner in proptest::collection::vec(proptest::sample::select(&[
            "<path d='M0 0'/>", "<path d=M0/>", "<path>", "</path>", "<g>", "</g>",
            "<g x=1/>", "<title>t</title>", "<title>", "</title>", "<desc x=a/>", "</desc>",
            "<svg>", "<svg id=i/>", "</svg>", "<symbol>", "</symbol>", "<text>T</text>",
            "<foreignObject>", "<div>", "</div>", "<p>", "</p>", "</br>", "<!-- c -->",
            "<!--", "--!>", "<![CDATA[<img src=c.jpg>]]>", "w", " ", "\0", "&lt;", "<",
            "<b>", "<span>", "</span>", "<img src=a.jpg>", "<style>", "</style>",
        ][..]), 0..8),
        close in proptest::sample::select(&["</svg>", "</SVG >", "", "</svg></svg>"][..]),
        after in proptest::sample::select(&[
            "", "<style><img src=b.jpg></style>", "<text>After</text>",
            "<title><img src=b.jpg></title>", "</path>after", "</g>x", "<img src=b.jpg>",
            "<![CDATA[<img src=d.jpg>]]>", "<img src=e.jpg alt='</style><p data-z=1>'>",
            "</b>after", "</td>cell", "</select>s", "</template>t",
        ][..]),
    ) {
        let html = format!("{context}{open}{}{close}{after}<p>end</p>", inner.concat());
        same_as_fragment(&html)?;
        let (filtered, plain) = with_and_without_filter(false);
        let (a, b) = (filtered.clean_document(&html), plain.clean_document(&html));
        proptest::prop_assert_eq!(a.html(), b.html(), "{:?}", html);
    }
}
