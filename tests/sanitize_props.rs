//! Bounded property test (deterministic: fixed seed, 512 cases; `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` ask for more or another, `common::props`): random HTML built from a
//! grammar of tricky pieces (foreign content, tables, `select`, raw-text elements, event
//! handlers, obfuscated URLs, comments, text with `<`, `&`, `"`), cleaned under random
//! options; every output must satisfy `common::safety` (no script, no `on*`, no dangerous
//! URL, idempotent, parses back to itself).

mod common;

use articlean::Cleaner;
use common::safety;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng};

const CASES: u32 = 512;

const TAGS: &[&str] = &[
    "p",
    "div",
    "a",
    "b",
    "i",
    "span",
    "font",
    "center",
    "marquee",
    "nobr",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "colgroup",
    "col",
    "select",
    "option",
    "optgroup",
    "selectedcontent",
    "noscript",
    "template",
    "svg",
    "math",
    "mi",
    "mtext",
    "mglyph",
    "malignmark",
    "annotation-xml",
    "foreignObject",
    "desc",
    "title",
    "style",
    "script",
    "xmp",
    "textarea",
    "iframe",
    "noembed",
    "noframes",
    "form",
    "button",
    "input",
    "li",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "h1",
    "h2",
    "pre",
    "listing",
    "ruby",
    "rt",
    "rp",
    "img",
    "image",
    "br",
    "object",
    "embed",
    "details",
    "summary",
    "frameset",
    "body",
    "html",
    "head",
    "figure",
    "blockquote",
    "video",
    "source",
    "picture",
    "plaintext",
    "hr",
    "label",
    "code",
];

const URLS: &[&str] = &[
    "javascript:alert(1)",
    " JaVa&#x09;ScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#0000106avascript:x",
    "javascript&colon;x",
    "java&#x0A;script:x",
    "&#x01;javascript:x",
    "vbscript:x",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgo=",
    "https://ok.example/a.png",
    "//cdn.example/b.jpg",
    "/relative/c.jpg",
    "#frag",
    "mailto:a@b.example",
    "https://www.youtube.com/embed/xyz",
    "a.jpg 1x, javascript:x 2x",
    "a.jpg ((x) , javascript:x 1x",
    "a.jpg 1\u{a0}, b.jpg 2é, c.jpg 3x",
    // Shapes the lazy-image rules take for image URLs and promote to `src`/`srcset`/`href`.
    "javascript:alert(1)//a.jpg",
    "JAVASCRIPT:alert(1)//b.png?w=600",
    "java&#x09;script:alert(1)//c.webp",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#.jpg",
    "url(javascript:alert(1)//d.jpg)",
    "url('vbscript:x//e.jpg')",
    "url(data:image/svg+xml,<svg/onload=alert(1)>.png)",
    "javascript:alert(1)//f.jpg 600w, https://ok.example/g.jpg 1200w",
];

const ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "poster",
    "cite",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "onerror",
    "OnLoad",
    "style",
    "class",
    "id",
    "name",
    "title",
    "encoding",
    "width",
    "rel",
    "target",
    "srcdoc",
    "is",
    "lang",
    // What the lazy-image rules read.
    "data-src",
    "data-srcset",
    "data-original",
    "data-lazy-src",
    "data-bg",
    "data-background-image",
    "data-href",
    "longdesc",
    "data-full-url",
    "loading",
];

const VALUES: &[&str] = &[
    "x",
    "text/html",
    "application/xhtml+xml",
    "</noscript><img src=x onerror=alert(1)>",
    "</style><script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "a&b<c>",
    "foo bar",
    "alert(1)",
    "lazyload",
    "lazy",
];

const OTHER: &[&str] = &[
    "<!-- c -->",
    "<!-->",
    "<!--->",
    "<! x >",
    "<?pi x?>",
    "<![CDATA[ <b>x</b> ]]>",
    "a",
    " ",
    "b&c",
    "<",
    "\"",
    "&lt;",
    "&#13;",
    "\r\n",
    "\n",
    "&nbsp;",
    "&amp;",
    "x</p>",
    "</",
    "<!DOCTYPE html>",
    "\u{0}",
    "&#0;",
    "Text.",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(URLS).prop_map(str::to_string),
        prop::sample::select(VALUES).prop_map(str::to_string),
    ]
}

fn attribute() -> impl Strategy<Value = String> {
    (prop::sample::select(ATTRS), value(), 0..3u8).prop_map(|(name, value, quote)| match quote {
        0 => format!(" {name}=\"{}\"", value.replace('"', "&quot;")),
        1 => format!(" {name}='{}'", value.replace('\'', "&#39;")),
        _ => format!(" {name}={}", value.replace([' ', '>'], "")),
    })
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prop::sample::select(TAGS), prop::collection::vec(attribute(), 0..3))
            .prop_map(|(tag, attrs)| format!("<{tag}{}>", attrs.concat())),
        3 => prop::sample::select(TAGS).prop_map(|tag| format!("</{tag}>")),
        3 => prop::sample::select(OTHER).prop_map(str::to_string),
    ]
}

#[derive(Debug, Clone)]
struct Options {
    embeds: bool,
    classes: bool,
    ids: bool,
    new_tab: bool,
    base: bool,
    extra_tags: bool,
}

fn options() -> impl Strategy<Value = Options> {
    (any::<[bool; 6]>()).prop_map(|f| Options {
        embeds: f[0],
        classes: f[1],
        ids: f[2],
        new_tab: f[3],
        base: f[4],
        extra_tags: f[5],
    })
}

fn cleaner(o: &Options) -> Cleaner {
    let mut b = Cleaner::builder()
        .with_embeds(o.embeds)
        .with_classes_kept(o.classes)
        .with_links_in_new_tab(o.new_tab);
    if o.ids {
        b = b.with_ids_kept("uc-");
    }
    if o.base {
        b = b.with_base_url("https://example.com/dir/page");
    }
    if o.extra_tags {
        b = b
            .with_tags_allowed(&["font", "center", "marquee", "nobr", "label"])
            .with_attributes_allowed("*", &["background", "data", "action"]);
    }
    b.build().expect("valid options")
}

#[test]
fn random_html_keeps_the_safety_properties() {
    let mut runner = common::props::runner(CASES, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let cases = runner.config().cases;
    let strategy = (options(), prop::collection::vec(piece(), 0..40));
    let outputs = std::cell::Cell::new(0usize);
    let survived = std::cell::Cell::new(0usize);
    runner
        .run(&strategy, |(options, pieces)| {
            let input = pieces.concat();
            let cleaner = cleaner(&options);
            let output = cleaner.clean(&input).into_html();
            let again = cleaner.clean(&output).into_html();
            let violations = safety::check(&output, &again);
            outputs.set(outputs.get() + 1);
            survived.set(survived.get() + usize::from(!output.is_empty()));
            prop_assert!(
                violations.is_empty(),
                "options {options:?}\ninput  {input:?}\noutput {output:?}\n{}",
                violations.join("\n")
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "property test: {cases} cases, {} outputs checked ({} non-empty), 0 violations",
        outputs.get(),
        survived.get()
    );
}

/// Found by the property test above at 50,000 cases: a `srcset` written without white space
/// (`a.jpg1x,javascript:x2x`) is one relative URL to a browser, but a reader that splits it
/// at every comma sees a script URL. No candidate of the output holds one, whatever the
/// policy; image URLs with commas stay.
#[test]
fn no_srcset_candidate_hides_a_script_url_after_a_comma() {
    let shapes = [
        "<img srcset=a.jpg1x,javascript:x2x>",
        "<p>t<img src=b.jpg srcset=\"b.jpg1x,JavaScript:alert(1)\">",
        "<picture><source srcset='c.webp,vbscript:x 2x'><img src=c.jpg></picture>",
        "<img srcset=\"d.jpg 1x, d.jpg2x,data:text/html,<b>x</b> 2x\">",
    ];
    let keeps = "<img srcset=\"https://res.example/w_300,c_fill/e.jpg 1x\">";
    for bits in 0..8u8 {
        let options = Options {
            embeds: bits & 1 != 0,
            classes: bits & 2 != 0,
            ids: false,
            new_tab: false,
            base: bits & 4 != 0,
            extra_tags: bits & 4 != 0,
        };
        let cleaner = cleaner(&options);
        for input in shapes {
            let output = cleaner.clean(input).into_html();
            let again = cleaner.clean(&output).into_html();
            let violations = safety::check(&output, &again);
            assert!(
                violations.is_empty(),
                "{options:?}\n{input}\n→ {output}\n{violations:#?}"
            );
        }
        let output = cleaner.clean(keeps).into_html();
        assert!(output.contains("w_300,c_fill/e.jpg 1x"), "{output}");
    }
}
