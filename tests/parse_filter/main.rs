//! Dropping at parse time what the sanitizer removes anyway changes nothing a user sees: the
//! same HTML and the same report, for every fixture input and every shared corpus page, in
//! the default policy and with embeds on (where `<iframe>` is not dropped). The one
//! difference is in the sanitizer's count: an attribute removed before parsing counts once
//! per start tag it was written in, where the sanitizer counts it on each element that
//! reaches it with the attribute (none when another rule removed the element first; two when
//! the tree builder re-created a formatting element such as `<a>` from one tag). The corpus
//! pages need `../shared`: without it, their test is reported as ignored, with the reason
//! (`common::needs_shared`).

#[path = "../common/mod.rs"]
mod common;
mod svg;

use articlean::{Cleaned, Cleaner};
use common::same_report;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let mut trials = vec![
        common::test(
            "parse_time_filter_changes_no_output_and_no_report",
            parse_time_filter_changes_no_output_and_no_report,
        ),
        common::needs_shared(
            "parse_time_filter_changes_no_output_and_no_report_on_the_corpus",
            parse_time_filter_changes_no_output_and_no_report_on_the_corpus,
        ),
        common::test(
            "references_replaced_in_text_read_as_they_did",
            references_replaced_in_text_read_as_they_did,
        ),
        common::test(
            "dropped_elements_and_comments_count_for_sanitize",
            dropped_elements_and_comments_count_for_sanitize,
        ),
        common::test(
            "a_user_rule_still_sees_what_the_sanitizer_removes",
            a_user_rule_still_sees_what_the_sanitizer_removes,
        ),
        common::test(
            "a_user_rule_sees_what_its_interest_names",
            a_user_rule_sees_what_its_interest_names,
        ),
        common::test(
            "what_is_removed_with_its_content_holds_no_image_for_the_rules",
            what_is_removed_with_its_content_holds_no_image_for_the_rules,
        ),
        common::test(
            "a_lightbox_link_holds_no_image_inside_what_is_removed_with_its_content",
            a_lightbox_link_holds_no_image_inside_what_is_removed_with_its_content,
        ),
        common::test(
            "a_dropped_name_repeated_past_the_attribute_cap_is_cut_once",
            a_dropped_name_repeated_past_the_attribute_cap_is_cut_once,
        ),
        common::test(
            "a_duplicate_attribute_stays_ignored_when_the_filter_drops_the_first",
            a_duplicate_attribute_stays_ignored_when_the_filter_drops_the_first,
        ),
        common::test(
            "raw_text_of_dropped_elements_ends_where_the_parser_ends_it",
            raw_text_of_dropped_elements_ends_where_the_parser_ends_it,
        ),
        common::test(
            "raw_text_mixes_clean_the_same_with_and_without_the_filter",
            raw_text_mixes_clean_the_same_with_and_without_the_filter,
        ),
        common::test(
            "attribute_mixes_clean_the_same_with_and_without_the_filter",
            attribute_mixes_clean_the_same_with_and_without_the_filter,
        ),
    ];
    trials.extend(svg::trials());
    common::run(trials)
}

/// The input of every fixture case.
fn fixture_inputs() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for suite in fs::read_dir(&fixtures).unwrap() {
        for case in fs::read_dir(suite.unwrap().path()).unwrap() {
            files.push(case.unwrap().path().join("input.html"));
        }
    }
    read_all(files)
}

/// The source of every page of the shared Readability corpus and of the real pages.
fn corpus_inputs(shared: &Path) -> Vec<(PathBuf, String)> {
    let corpus = shared.join("corpus/readability");
    let pages = fs::read_dir(&corpus).unwrap_or_else(|e| panic!("{}: {e}", corpus.display()));
    let mut files: Vec<PathBuf> = pages
        .map(|p| p.unwrap().path().join("source.html"))
        .collect();
    let real = shared.join("corpus/real");
    let pages = fs::read_dir(&real).unwrap_or_else(|e| panic!("{}: {e}", real.display()));
    files.extend(
        pages
            .map(|p| p.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html")),
    );
    read_all(files)
}

fn read_all(files: Vec<PathBuf>) -> Vec<(PathBuf, String)> {
    files
        .into_iter()
        .filter_map(|f| Some((f.clone(), fs::read_to_string(&f).ok()?)))
        .collect()
}

fn same(filtered: &Cleaner, plain: &Cleaner, html: &str, what: &str) -> bool {
    let (a, b): (Cleaned, Cleaned) = (filtered.clean(html), plain.clean(html));
    assert_eq!(a.html(), b.html(), "output differs: {what}");
    assert!(same_report(&a, &b), "report differs: {what}");
    a.report().get("sanitize") > 0
}

/// Two cleaners that differ only in the parse-time filter: (with it, without it).
fn with_and_without_filter(embeds: bool) -> (Cleaner, Cleaner) {
    let build = |filter: bool| {
        Cleaner::builder()
            .with_embeds(embeds)
            .with_parse_time_filter(filter)
            .build()
            .unwrap()
    };
    (build(true), build(false))
}

fn parse_time_filter_changes_no_output_and_no_report() {
    let inputs = fixture_inputs();
    assert!(inputs.len() > 20, "fixture inputs not found");
    same_on_all(&inputs);
}

fn parse_time_filter_changes_no_output_and_no_report_on_the_corpus(shared: &Path) {
    let inputs = corpus_inputs(shared);
    assert!(inputs.len() > 20, "corpus pages not found");
    same_on_all(&inputs);
}

/// Policies that change what the rules and the sanitizer read: classes and ids kept, an
/// attribute allowed, a rule off (its reads go, so more is cut before parsing).
fn policies() -> Vec<(&'static str, articlean::CleanerBuilder)> {
    vec![
        ("classes kept", Cleaner::builder().with_classes_kept(true)),
        ("ids kept", Cleaner::builder().with_ids_kept("x-")),
        (
            "data-caption allowed on figure",
            Cleaner::builder().with_attributes_allowed("figure", &["data-caption"]),
        ),
        (
            "without lazy_images",
            Cleaner::builder().without_rule("lazy_images"),
        ),
        ("only junk", Cleaner::builder().with_only_rules(&["junk"])),
    ]
}

/// The same output and report on every input, with and without the filter, with and without
/// embeds (and in a few other policies); enough of them exercise the sanitizer.
fn same_on_all(inputs: &[(PathBuf, String)]) {
    for embeds in [false, true] {
        let (filtered, plain) = with_and_without_filter(embeds);
        let mut sanitized = 0;
        for (path, html) in inputs {
            let what = format!("{} (embeds {embeds})", path.display());
            sanitized += usize::from(same(&filtered, &plain, html, &what));
        }
        assert!(sanitized > 10, "too few inputs exercise the sanitizer");
    }
    for (name, builder) in policies() {
        let filtered = builder.clone().build().unwrap();
        let plain = builder.with_parse_time_filter(false).build().unwrap();
        for (path, html) in inputs {
            same(
                &filtered,
                &plain,
                html,
                &format!("{} ({name})", path.display()),
            );
        }
    }
}

/// `html` cleans the same with and without the filter (embeds on and off), and the output
/// shows the image `shown` and nothing named `hidden`.
fn same_and_shows_only(html: &str, shown: &str, hidden: &str) {
    for embeds in [false, true] {
        let (filtered, plain) = with_and_without_filter(embeds);
        let (a, b) = (filtered.clean(html), plain.clean(html));
        assert_eq!(a.html(), b.html(), "{html}");
        assert!(same_report(&a, &b), "{html}");
        assert!(
            a.html().contains(&format!("src=\"{shown}\"")),
            "{html} → {}",
            a.html()
        );
        assert!(!a.html().contains(hidden), "{html} → {}", a.html());
    }
}

/// A `figure[itemid]` gets its image unless it holds one a reader sees: an `<img>` inside
/// what the final stage removes with its content (a `<template>`, a `<canvas>`'s fallback, a
/// `<noembed>`) is not one, and the parse-time filter does not even build it. Found by the
/// attribute property test: with the filter the figure got its image, without it the figure
/// was dropped as empty.
fn what_is_removed_with_its_content_holds_no_image_for_the_rules() {
    for inside in ["template", "canvas", "noembed"] {
        for between in ["", "</p>", "<p>text</p>"] {
            let html = format!(
                "<figure itemid=https://e.com/i.jpg>{between}<{inside}><img src=https://e.com/other.jpg></{inside}></figure>"
            );
            same_and_shows_only(&html, "https://e.com/i.jpg", "other.jpg");
        }
    }
}

/// A lightbox link gives its picture to the one `<img>` it holds: an `<img>` inside what the
/// final stage removes with its content is not a second one (the parse-time filter does not
/// build it). Found by the attribute property test on a fresh seed: with the filter the link's
/// `<img>` got `a.jpg`, without it the link held two images and the empty one was dropped.
fn a_lightbox_link_holds_no_image_inside_what_is_removed_with_its_content() {
    // (A block in a `<canvas>` inside a link is moved out of both by the tree builder: a
    // reader sees that image.)
    let cases = [
        ("template", "<button>"),
        ("template", "<span>"),
        ("template", ""),
        ("canvas", "<span>"),
        ("canvas", ""),
        ("noembed", "<button>"),
        ("noembed", ""),
    ];
    for (inside, wrapper) in cases {
        let html = format!(
            "<a data-src=https://e.com/a.jpg><img><{inside}>{wrapper}<img src=https://e.com/other.jpg></{inside}></a>"
        );
        same_and_shows_only(&html, "https://e.com/a.jpg", "other.jpg");
    }
}

/// The tokenizer keeps the first of two attributes with one name. When the filter drops the
/// first for its value (a class no rule reads), the second must go too, or it would become
/// the first: `class="x" CLASS=caption` made a caption of a plain `div`. Found by the
/// attribute property test.
fn a_dropped_name_repeated_past_the_attribute_cap_is_cut_once() {
    // The 300th attribute repeats a name the filter dropped: it goes with the attributes
    // past the cap (it was cut twice, which panicked).
    let attrs: String = (0..300).map(|i| format!(" a{i}={i}")).collect();
    for html in [
        format!("<p class=a{attrs} class=b>text</p>"),
        format!("<p class=a\n    {attrs}\n    class=b\n    >text</p>"),
    ] {
        let (filtered, plain) = with_and_without_filter(false);
        let (a, b) = (filtered.clean(&html), plain.clean(&html));
        assert_eq!(a.html(), "<p>text</p>");
        assert_eq!(a.html(), b.html());
    }
}

fn a_duplicate_attribute_stays_ignored_when_the_filter_drops_the_first() {
    let many: String = (0..12).map(|i| format!(" data-k{i}=v")).collect();
    for tag in [
        "<div class=\"x\" CLASS=caption>".to_string(),
        "<div class=x class=wp-caption-text>".to_string(),
        format!("<div{many} class=x{many} Class=caption>"),
        "<div style=\"color:red\" class=y onclick=a() ONCLICK=b() class=caption>".to_string(),
    ] {
        let html = format!("<div><img src=https://e.com/a.jpg>{tag}Words here</div></div>");
        for embeds in [false, true] {
            let (filtered, plain) = with_and_without_filter(embeds);
            let (a, b) = (filtered.clean(&html), plain.clean(&html));
            assert_eq!(a.html(), b.html(), "{html}");
            assert!(same_report(&a, &b), "{html}");
            assert!(!a.html().contains("figcaption"), "{html} → {}", a.html());
        }
    }
}

fn dropped_elements_and_comments_count_for_sanitize() {
    let html = "<p>a<script>x()</script><!-- c -->b<svg><g/></svg><style>p{}</style></p>";
    let out = Cleaner::default().clean(html);
    assert_eq!(out.html(), "<p>ab</p>");
    assert_eq!(out.report().get("sanitize"), 4);
}

/// A user rule that says what it reads keeps the attribute filter on and still sees what it
/// reads; what it does not say it reads is not there for it.
fn a_user_rule_sees_what_its_interest_names() {
    use articlean::{Action, Context, Element, Interest, Rule};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    struct Marked(Arc<AtomicUsize>, Arc<AtomicUsize>);
    impl Rule for Marked {
        fn name(&self) -> &'static str {
            "marked"
        }
        fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
            if el.has_class("pull-quote") {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
            if el.has_attr("data-note") {
                self.1.fetch_add(1, Ordering::Relaxed);
            }
            Action::Keep
        }
        fn interest(&self) -> Interest {
            Interest::elements("p").reads("p", "class")
        }
    }
    let html = r#"<p class="pull-quote" data-note="n">a</p><span class="pull-quote">b</span>"#;
    for filter in [true, false] {
        let (classes, notes) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let cleaner = Cleaner::builder()
            .with_rule(Marked(classes.clone(), notes.clone()))
            .with_parse_time_filter(filter)
            .build()
            .unwrap();
        assert_eq!(cleaner.clean(html).html(), "<p>a</p><span>b</span>");
        // Called on the `p` only, which keeps its class either way.
        assert_eq!(classes.load(Ordering::Relaxed), 1, "filter {filter}");
        // `data-note` was not declared: cut before parsing when the filter is on.
        assert_eq!(
            notes.load(Ordering::Relaxed),
            usize::from(!filter),
            "filter {filter}"
        );
    }
}

fn a_user_rule_still_sees_what_the_sanitizer_removes() {
    use articlean::{rule_fn, Action};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let cleaner = Cleaner::builder()
        .with_rule(rule_fn("scripts", move |el, _cx| {
            if el.is("script") && el.text_content().contains("track") {
                counter.fetch_add(1, Ordering::Relaxed);
            }
            Action::Keep
        }))
        .build()
        .unwrap();
    let out = cleaner.clean("<p>a<script>track()</script>b</p>");
    assert_eq!(out.html(), "<p>ab</p>");
    assert_eq!(seen.load(Ordering::Relaxed), 1);
    assert_eq!(out.report().get("sanitize"), 1);
}

/// Raw text (script, style, textarea, title…) of a dropped element is not even read: these
/// are the shapes where the end of that text is easy to get wrong.
const RAW_TEXT_CASES: &[&str] = &[
    "<script>a</script>b",
    "<script><!-- x </script> y --></script><p>after</p>",
    "<script><!--<script>x</script>y</script>z</p>",
    "<script>a<!b</script>c",
    "<SCRIPT>x</SCRIPT >y",
    "<script>x</script\r\n>y",
    "<script>x</scripts>y</script>z",
    "<script>x</script",
    "<style>p{}</STYLE/>after",
    "<style>a</style\u{0}>b</style>c",
    "<textarea>a &lt; </textarea>b",
    "<title>t</title>x",
    "<xmp><b></xmp>x",
    "<noembed>x</noembed>y",
    "<iframe>a</iframe>b",
    "<noscript><img src=a.jpg></noscript>n",
    "<table><script>x</script><tr><td>c</table>",
    "<table>t<style>s</style>u</table>",
    "<svg><style>a</style><script>b</script></svg>after",
    "<math><style>x</style></math>y",
    "<script>never ends <p>",
    "<style>never",
    "<textarea>abc",
    "<select><script>x</script><option>o</select>",
    "<template><script>x</script></template>y",
    "<!doctype html><frameset><noframes>x</noframes></frameset>",
    "<!doctype html><html><head><script>x</script><style>y</style><title>t</title></head><body>z",
    "<!doctype html><head></head><script>after head</script><p>z",
    "<plaintext>a</plaintext>b",
    "<script>\u{0}\r\n</script>a\r\nb",
    "<script>é</script>ü<style>€</style>ß",
    "<b>1<p>2<script>x</script>3",
    // An end tag of the other foreign root closes nothing: the `<b>` leaves the `<svg>` and
    // the raw text that follows is the `<textarea>`'s, not the `<noscript>`'s.
    "<svg></math><noscript><b><textarea></noscript><p onclick=x class=y data-z=1>t</textarea>",
    "<math></svg><noscript><b><textarea></noscript><img src=a.jpg onerror=x>u</textarea>v",
];

/// The scan writes some character references in text as their characters; it must not
/// where the character would read otherwise: after a `<` that opened no tag (`!`, `/`, `?`
/// would open a comment or a tag), or after a reference left unfinished (a hex digit ends
/// `&#x`). Both lost or changed text when found by `raw_text_mixes_…`.
fn references_replaced_in_text_read_as_they_did() {
    for html in [
        "<p>a<&#33;--x-->b</p>",
        "<p>a<&#x21;-- x -->b</p>",
        "<p>a<&#47;p>b</p>",
        "<p>a<&#63;x>b</p>",
        "<p>&#x&#65;;b<style>",
        "<p>&#&#49;23;b</p>",
        "<p>&am&#112;;b</p>",
    ] {
        same_as_fragment(html).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = Cleaner::default().clean("<p>a<&#33;--x-->b &#x&#65;</p>");
    assert_eq!(out.html(), "<p>a&lt;!--x--&gt;b &amp;#xA</p>");
}

fn raw_text_of_dropped_elements_ends_where_the_parser_ends_it() {
    for embeds in [false, true] {
        let (filtered, plain) = with_and_without_filter(embeds);
        for html in RAW_TEXT_CASES {
            same(
                &filtered,
                &plain,
                html,
                &format!("{html:?} (embeds {embeds})"),
            );
        }
    }
    let out = Cleaner::default().clean("<p>a<script>if (a </b) {}</script>b</p>");
    assert_eq!(out.html(), "<p>ab</p>");
}

/// Elements the rules handle, and attributes in the shapes they read: class words that
/// mean something, image URLs in data attributes, hiding, ad slots, embeds, links.
const ATTRIBUTE_ELEMENTS: &[&str] = &[
    "img",
    "IMAGE",
    "div",
    "span",
    "p",
    "a",
    "figure",
    "picture",
    "source",
    "video",
    "audio",
    "noscript",
    "blockquote",
    "ins",
    "iframe",
    "button",
    "select",
    "option",
    "li",
    "section",
    "lite-youtube",
    "figcaption",
    "table",
    "td",
    "font",
    "center",
    "input",
    "template",
    "b",
];
const ATTRIBUTES: &[&str] = &[
    "class=lazyload",
    "class='wp-caption-text'",
    "class=\"twitter-tweet\"",
    "class=adsbygoogle",
    "class=placeholder",
    "class=lqip",
    "class=x",
    "CLASS=Caption",
    "class=&#99;aption",
    "id=a",
    "id=b",
    "data-src=https://example.com/a.jpg",
    "data-srcset='a.jpg 1x, b.jpg 2x'",
    "data-bg=url(b.png)",
    "data-ad-slot=1",
    "data-instgrm-permalink=https://www.instagram.com/p/x/",
    "data-youtube-id=dQw4w9WgXcQ",
    "data-url=https://vimeo.com/1",
    "itemid=https://e.com/i.jpg",
    "style=display:none",
    "style='visibility:hidden'",
    "hidden",
    "aria-hidden=true",
    "aria-label=Close",
    "role=button",
    "tabindex=0",
    "width=1",
    "height=1",
    "width=600",
    "title=t",
    "alt=a",
    "lang=en",
    "href=https://www.google.com/url?q=https://e.com/",
    "href=/x",
    "src=https://i0.wp.com/e.com/a.jpg",
    "src=data:image/gif;base64,R0lGOD",
    "srcset='a.jpg 1x'",
    "onclick=x()",
    "type=hidden",
    "color=red",
    "rel=nofollow",
    "target=_blank",
    "videoid=abc",
    "cite=https://twitter.com/a/status/1",
    "selected",
    "label=L",
    "poster=p.jpg",
    "encoding=text/html",
    "shadowrootmode=open",
    "x=1",
    "data-x=1",
    "on=tap:menu",
    "ON=x",
];

/// What may stand before an attribute or the end of a tag: a `/` ends an unquoted value
/// before it only when not separated by white space; indentation is shortened by the scan.
const SEPARATORS: &[&str] = &[
    " ",
    "\n",
    "\n        ",
    " \t\r\n  ",
    "/",
    " /",
    "  /  ",
    "\u{c}\u{c}\u{c}",
    "",
];

proptest::proptest! {
    // 256 cases unless `PROPTEST_CASES` says otherwise; failures are kept beside this file
    // (`main.proptest-regressions`, `common::props::config`).
    #![proptest_config(common::props::config(256))]

    /// Random trees of the elements the rules handle, with the attributes they read and
    /// others: attributes removed before parsing (no rule reads them) change nothing
    /// (no `#[test]`: `main` runs it).
    fn attribute_mixes_clean_the_same_with_and_without_the_filter(
        tags in proptest::collection::vec(
            (
                proptest::sample::select(ATTRIBUTE_ELEMENTS),
                proptest::collection::vec(
                    (
                        proptest::sample::select(SEPARATORS),
                        proptest::sample::select(ATTRIBUTES),
                    ),
                    0..5,
                ),
                proptest::sample::select(SEPARATORS),
                proptest::sample::select(&["", "text", "<img src=a.jpg>", "</p>", "</div>"][..]),
            ),
            0..10,
        )
    ) {
        let html: String = tags
            .iter()
            .map(|(name, attrs, last, after)| {
                let attrs: String = attrs.iter().map(|(sep, attr)| format!("{sep}{attr}")).collect();
                format!("<{name}{attrs}{last}>{after}")
            })
            .collect();
        for embeds in [false, true] {
            let (filtered, plain) = with_and_without_filter(embeds);
            let (a, b) = (filtered.clean(&html), plain.clean(&html));
            proptest::prop_assert_eq!(a.html(), b.html(), "{:?}", html);
            proptest::prop_assert!(same_report(&a, &b), "{:?}", html);
        }
    }

    /// Random mixes of the pieces that start and end raw text (no `#[test]`: `main` runs it).
    fn raw_text_mixes_clean_the_same_with_and_without_the_filter(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "<script>", "</script>", "</SCRIPT ", "<!--", "-->", "<style>", "</style>",
            "<textarea>", "</textarea>", "<title>", "</title>", "<p>", "</p>", "<svg>",
            "</svg>", "<table>", "<td>", "<noscript>", "</noscript>", "<iframe>",
            "</iframe>", "text", "é", "\r\n", "\0", "<", "/", ">", " ", "<b>", "<img src=x>",
            "<!", "-", "--", "<script ", "<SCRIPT/", "</script\n", "<scripts>",
            "<p class=x id=y data-a=1>", "<img class=lazy data-src=a.jpg>",
            "&nbsp;", "&#x306E;", "&#8217;", "&amp;", "&lt;", "&#60;", "&#38;", "&gt;",
            "&#0;", "&#128;", "&#xD800;", "&#xFFFE;", "&nbsp", "&rsquo", "&#65", "&",
            "&#x", ";", "#", "x41;", "<pre>", "</pre>", "<table>", "<select>",
            // References whose character would open a tag after a `<` (`!`, `/`, `?`) or go
            // on one left unfinished (a letter, a digit, `#`, `;`).
            "&#33;", "&#x2F;", "&#63;", "&#98;", "&#x23;", "&#59;", "&quot;", "&apos;", "</",
            "&am", "&#1",
            // Other states the tokenizer and the tree builder switch on.
            "<xmp>", "</xmp>", "<noembed>", "<noframes>", "<plaintext>", "<template>",
            "</template>", "<math>", "</math>", "<![CDATA[", "]]>", "<?", "<!DOCTYPE html>",
            "<body>", "<head>", "</head>", "<frameset>", "<a href=\"&#33;\">", "\t", "\n",
            "<img\n   alt=x\n   class=y\n>", "<p\n\n  id=a\n\n   >", "<p/ >", "&#x3C;",
        ][..]), 0..24)
    ) {
        same_as_fragment(&pieces.concat())?;
    }
}

/// `html` cleaned as a fragment with and without the parse-time filter (embeds off): the
/// same output and the same report.
fn same_as_fragment(html: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    let (filtered, plain) = with_and_without_filter(false);
    let (a, b) = (filtered.clean(html), plain.clean(html));
    proptest::prop_assert_eq!(a.html(), b.html(), "{:?}", html);
    proptest::prop_assert!(same_report(&a, &b), "{:?}", html);
    Ok(())
}
