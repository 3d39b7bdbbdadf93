//! An adversarial differential test of the fragment fast path ([`simple`](super)):
//! markup from a grammar wider than `simple_tests`' (every element name the fast path
//! knows and many it does not, any case; misnested and stray end tags; attributes with odd
//! names, duplicates, quoted values touching the next attribute, `/` and `<` inside tags;
//! every kind of character reference, legacy ones without `;` followed by letters or `=`,
//! numeric ones html5ever remaps; all kinds of white space, CR, NUL, a BOM), at depths near
//! the cap. Wherever the fast path answers, it must build what html5ever builds.

use super::simple_tests::check;
use crate::dom::parse::depth::MAX_DEPTH;
use proptest::prelude::*;

/// `PROPTEST_CASES` when set (to run many more), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

const NAMES: &[&str] = &[
    "img",
    "br",
    "wbr",
    "source",
    "div",
    "figure",
    "figcaption",
    "p",
    "span",
    "picture",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "code",
    "u",
    "s",
    "small",
    "cite",
    "sub",
    "sup",
    "abbr",
    "mark",
    "time",
    "kbd",
    "var",
    "samp",
    "dfn",
    "blockquote",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "li",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "button",
    "nobr",
    "font",
    "big",
    "tt",
    "strike",
    "table",
    "td",
    "tr",
    "h1",
    "h2",
    "pre",
    "listing",
    "form",
    "select",
    "option",
    "optgroup",
    "rb",
    "rp",
    "rt",
    "ruby",
    "image",
    "svg",
    "math",
    "template",
    "hr",
    "input",
    "area",
    "embed",
    "keygen",
    "param",
    "track",
    "col",
    "frame",
    "xmp",
    "noscript",
    "script",
    "style",
    "textarea",
    "title",
    "plaintext",
    "iframe",
    "applet",
    "object",
    "marquee",
    "main",
    "nav",
    "menu",
    "address",
    "center",
    "details",
    "summary",
    "dialog",
    "search",
    "hgroup",
    "fieldset",
    "dir",
    "html",
    "body",
    "head",
    "frameset",
    "caption",
    "x-y",
    "my-el",
    "foo",
    "annotation-xml",
    "foreignobject",
    "desc",
    "mi",
    "label",
    "q",
    "bdi",
    "bdo",
    "data",
    "ins",
    "del",
    "video",
    "audio",
    "figure2",
];

const ATTR_NAMES: &[&str] = &[
    "src",
    "alt",
    "href",
    "class",
    "id",
    "data-src",
    "srcset",
    "x",
    "a-b",
    "a_b",
    "a.b",
    "a:b",
    "xlink:href",
    "xmlns",
    "xml:lang",
    "9",
    "-",
    "_",
    ":",
    ".",
    "ß",
    "é",
    "a\"b",
    "a'b",
    "a<b",
    "a=b",
    "=x",
    "a`b",
    "a/b",
    "A",
    "SRC",
    "Src",
    "definitionurl",
    "viewbox",
    "srcSet",
];

const ATTR_VALUES: &[&str] = &[
    "",
    "x",
    "a.jpg",
    "/p/q.png?a=1&b=2",
    "&amp;",
    "&amp",
    "&ampx",
    "&amp=",
    "&amp;x",
    "&not",
    "&not;",
    "&notin",
    "&notin;",
    "&notit;",
    "&not=",
    "&notx=",
    "&copy",
    "&copy=",
    "&copy;",
    "&copyx",
    "&COPY",
    "&COPY;",
    "&Amp;",
    "&AMP;",
    "&AMP",
    "&lt",
    "&lt;",
    "&gt",
    "&gt;",
    "&quot",
    "&quot;",
    "&apos;",
    "&apos",
    "&nbsp",
    "&nbsp;",
    "&nbspx",
    "&#",
    "&#;",
    "&#x;",
    "&#X;",
    "&#65",
    "&#65;",
    "&#065;",
    "&#0000065;",
    "&#x41;",
    "&#X41;",
    "&#x41",
    "&#x0000041;",
    "&#0;",
    "&#x0;",
    "&#x80;",
    "&#x81;",
    "&#x8d;",
    "&#x9f;",
    "&#128;",
    "&#150;",
    "&#x7f;",
    "&#127;",
    "&#x1;",
    "&#9;",
    "&#10;",
    "&#13;",
    "&#xd;",
    "&#12;",
    "&#xD800;",
    "&#xdfff;",
    "&#55296;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#1114112;",
    "&#99999999999;",
    "&#xFFFFFFFFF;",
    "&#xFDD0;",
    "&#xfdcf;",
    "&#xFFFE;",
    "&#xFFFF;",
    "&#x1FFFE;",
    "&#xa0;",
    "&#160;",
    "&#xd7ff;",
    "&#xe000;",
    "&#x20;",
    "&#32;",
    "&#x7e;",
    "&#60;",
    "&#x3c;",
    "&#38;",
    "&#x26;",
    "&#34;",
    "&#39;",
    "&",
    "&&",
    "&;",
    "&=",
    "&a1=",
    "&a1",
    "&a;",
    "&zz;",
    "&#x26",
    "<",
    ">",
    "'",
    "\"",
    "`",
    "=",
    "/",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x0c",
    " ",
    "\0",
    "é",
    "中",
    "\u{feff}",
    "\u{a0}",
    "\u{2028}",
    "javascript:x",
];

const SPACES: &[&str] = &[" ", "  ", "\t", "\n", "\x0c", "\r", "\r\n", "", "/", " / "];

const TEXTS: &[&str] = &[
    "x",
    "hello",
    " ",
    "\n",
    "\t",
    "\x0c",
    "\r",
    "\r\n",
    "\0",
    "\u{feff}",
    "é",
    "中",
    "&amp;",
    "&amp",
    "&ampx",
    "&not",
    "&notin;",
    "&notit;",
    "&copy",
    "&copyx",
    "&copy;",
    "&#65;",
    "&#x80;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#65",
    "&#x41",
    "&lt",
    "&lt;",
    "&gt;",
    "&nbsp;",
    "&nbsp",
    "&",
    "&#",
    "&#x",
    "&;",
    "<",
    ">",
    "</",
    "<>",
    "</>",
    "<!",
    "<!--",
    "-->",
    "<!--x-->",
    "<?x>",
    "<!doctype html>",
    "]]>",
    "<![CDATA[x]]>",
    "a < b",
    "a<1",
    "<3",
    "<é",
    "</é>",
    "</ p>",
    "</p >",
    "</p x>",
    "</p/>",
    "=",
    "\"",
    "'",
    "\u{a0}",
    "\u{1}",
    "\u{7f}",
    "\u{80}",
    "\u{fffd}",
    "😀",
];

const ENDS: &[&str] = &[
    ">", " >", "/>", " />", "/ >", "\n>", "/x>", "//>", "\t/>", "",
];

/// One piece of markup.
#[derive(Debug, Clone)]
enum Piece {
    Start {
        name: usize,
        case: u8,
        attrs: Vec<(usize, usize, u8, Vec<usize>, usize)>,
        end: usize,
    },
    End {
        name: usize,
        case: u8,
        tail: usize,
    },
    /// Closes the last start tag written (when it can).
    Close,
    Text(usize),
}

fn piece() -> impl Strategy<Value = Piece> {
    let attr = (
        0..ATTR_NAMES.len(),
        0..SPACES.len(),
        0..6u8,
        proptest::collection::vec(0..ATTR_VALUES.len(), 0..3),
        0..SPACES.len(),
    );
    prop_oneof![
        4 => (
            0..NAMES.len(),
            0..4u8,
            proptest::collection::vec(attr, 0..4),
            0..ENDS.len()
        )
            .prop_map(|(name, case, attrs, end)| Piece::Start {
                name,
                case,
                attrs,
                end
            }),
        1 => (0..NAMES.len(), 0..4u8, 0..4usize).prop_map(|(name, case, tail)| Piece::End {
            name,
            case,
            tail
        }),
        4 => Just(Piece::Close),
        3 => (0..TEXTS.len()).prop_map(Piece::Text),
    ]
}

/// `name` in one of four cases: as written, upper, first letter upper, alternating.
fn cased(name: &str, case: u8) -> String {
    match case {
        0 => name.to_string(),
        1 => name.to_ascii_uppercase(),
        2 => {
            let mut s = name.to_string();
            if let Some(first) = s.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            s
        }
        _ => name
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 1 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect(),
    }
}

/// Markup of `pieces`; with `names_plain`, element names among the first 30 only.
fn markup(pieces: &[Piece], names_plain: bool) -> String {
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    for p in pieces {
        match p {
            Piece::Start {
                name,
                case,
                attrs,
                end,
            } => {
                let name = if names_plain {
                    NAMES[name % 30]
                } else {
                    NAMES[*name]
                };
                let written = cased(name, *case);
                out.push('<');
                out.push_str(&written);
                for (n, before, quote, value, after) in attrs {
                    out.push_str(SPACES[*before]);
                    out.push_str(ATTR_NAMES[*n]);
                    let value: String = value.iter().map(|&v| ATTR_VALUES[v]).collect();
                    match quote {
                        0 => {}
                        1 | 4 => {
                            out.push_str("=\"");
                            out.push_str(&value);
                            out.push('"');
                        }
                        2 => {
                            out.push_str("='");
                            out.push_str(&value);
                            out.push('\'');
                        }
                        3 => {
                            out.push('=');
                            out.push_str(if value.is_empty() { "v" } else { &value });
                        }
                        _ => {
                            out.push_str(SPACES[*after]);
                            out.push('=');
                            out.push_str(SPACES[*after]);
                            out.push('"');
                            out.push_str(&value);
                            out.push('"');
                        }
                    }
                }
                out.push_str(ENDS[*end]);
                open.push(written);
            }
            Piece::End { name, case, tail } => {
                out.push_str("</");
                out.push_str(&cased(NAMES[*name], *case));
                out.push_str([">", " >", "/>", "\t>"][*tail]);
            }
            Piece::Close => {
                if let Some(name) = open.pop() {
                    out.push_str("</");
                    out.push_str(&name);
                    out.push('>');
                }
            }
            Piece::Text(t) => out.push_str(TEXTS[*t]),
        }
    }
    while let Some(name) = open.pop() {
        out.push_str("</");
        out.push_str(&name);
        out.push('>');
    }
    out
}

fn depths() -> impl Strategy<Value = usize> {
    prop_oneof![Just(0usize), Just(2), (MAX_DEPTH - 12)..(MAX_DEPTH + 2),]
}

/// Bytes from an alphabet of markup's special characters and a few names: a soup that
/// reaches the tokenizer's corners.
fn soup() -> impl Strategy<Value = String> {
    const ALPHABET: &[&str] = &[
        "<", ">", "/", "=", "\"", "'", "&", ";", "#", "x", "X", "4", "1", "0", "a", "b", "i", "p",
        "img", "div", "span", "em", "code", "amp", "not", "copy", "lt", " ", "\t", "\n", "\x0c",
        "\r", "\0", "é", "-", "`", "!", "?", "src", "alt",
    ];
    proptest::collection::vec(0..ALPHABET.len(), 0..40)
        .prop_map(|v| v.into_iter().map(|i| ALPHABET[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(4000), ..ProptestConfig::default() })]

    /// Element names the fast path mostly knows, the rest wide.
    #[test]
    fn wide_markup_with_known_names_parses_as_html5ever_does(
        pieces in proptest::collection::vec(piece(), 0..14),
        depth in depths(),
    ) {
        check(&markup(&pieces, true), depth)?;
    }

    /// Any element name.
    #[test]
    fn wide_markup_parses_as_html5ever_does(
        pieces in proptest::collection::vec(piece(), 0..14),
        depth in depths(),
    ) {
        check(&markup(&pieces, false), depth)?;
    }

    /// A soup of markup's special characters.
    #[test]
    fn markup_soup_parses_as_html5ever_does(html in soup(), depth in depths()) {
        check(&html, depth)?;
    }
}

/// The wide generator still makes markup the fast path takes (the properties test it).
#[test]
fn the_fast_path_takes_some_wide_markup() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut taken, mut total) = (0, 0);
    for _ in 0..1000 {
        let pieces = proptest::collection::vec(piece(), 0..8)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        total += 1;
        if check(&markup(&pieces, true), 2).unwrap() {
            taken += 1;
        }
    }
    assert!(taken * 10 >= total, "only {taken} of {total}");
}

/// The names the fast path knows (the first 35 of [`NAMES`]), and a few of them in other
/// cases.
static KNOWN: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    NAMES[..35]
        .iter()
        .copied()
        .chain(["A", "B", "Em", "DIV", "P"])
        .collect()
});

/// Markup that mostly has the shape (so the fast path answers), with the pieces the shape
/// allows at their edges: formatting elements nested in every order, closed in order or
/// not; quoted values touching the next attribute; references at the ends of values; a
/// piece from the wide lists now and then.
fn near_shape() -> impl Strategy<Value = String> {
    const VALUES: &[&str] = &[
        "x", "a.jpg", "x", "a.jpg", "/p?q=1", "x y", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
        "&nbsp;", "&#65;", "&#x41;", "&#160;", "&#xa0;", "&#x3c;", "&#38;", "&b=", "&amp=",
        "&not=", "&notit=", "&copy=", "&a1=", "&=", "?a=1", "&", "é", "中", " ", "\n", "\t", "<",
        ">", "/", "=", "`", "'", "\"", "&#xfdcf;", "&#xe000;", "&#xd7ff;", "&#x7e;", "&#x20;",
    ];
    const GAPS: &[&str] = &[" ", "  ", "\n", "\t", "\x0c", ""];
    let attr = (
        0..8usize,
        0..GAPS.len(),
        0..5u8,
        proptest::collection::vec(0..VALUES.len(), 0..3),
    );
    let step = prop_oneof![
        3 => (0..KNOWN.len(), proptest::collection::vec(attr, 0..3), 0..4usize)
            .prop_map(|(n, a, e)| (0u8, n, a, e)),
        3 => Just((1u8, 0, Vec::new(), 0)),
        1 => (0..KNOWN.len() * 8).prop_map(|n| (2u8, n, Vec::new(), 0)),
        3 => (0..TEXTS.len()).prop_map(|t| (3u8, t, Vec::new(), 0)),
    ];
    proptest::collection::vec(step, 0..16).prop_map(|steps| {
        const NAMES8: &[&str] = &["src", "alt", "href", "class", "data-x", "SRC", "a:b", "x"];
        let mut out = String::new();
        let mut open: Vec<&str> = Vec::new();
        for (op, n, attrs, e) in steps {
            match op {
                0 => {
                    let name = KNOWN[n];
                    out.push('<');
                    out.push_str(name);
                    let mut touching = false;
                    for (an, gap, q, vals) in attrs {
                        out.push_str(if touching {
                            GAPS[gap]
                        } else {
                            match GAPS[gap] {
                                "" => " ",
                                g => g,
                            }
                        });
                        out.push_str(NAMES8[an]);
                        let v: String = vals.iter().map(|&v| VALUES[v]).collect();
                        touching = false;
                        match q {
                            0 => {}
                            1 | 2 => {
                                out.push_str("=\"");
                                out.push_str(&v.replace('"', ""));
                                out.push('"');
                                touching = q == 2;
                            }
                            3 => {
                                out.push_str("='");
                                out.push_str(&v.replace('\'', ""));
                                out.push('\'');
                                touching = true;
                            }
                            _ => {
                                out.push('=');
                                out.push_str(if v.is_empty() { "v" } else { &v });
                            }
                        }
                    }
                    out.push_str([">", "/>", " />", " >"][e]);
                    if !matches!(name, "img" | "br" | "wbr" | "source") {
                        open.push(name);
                    }
                }
                1 => {
                    if let Some(name) = open.pop() {
                        out.push_str("</");
                        out.push_str(name);
                        out.push('>');
                    }
                }
                // Mostly the end tag of an open element, not the current one.
                2 => {
                    let name = match open.len() {
                        0 => KNOWN[n % KNOWN.len()],
                        len if n < KNOWN.len() => open[n % len],
                        _ => KNOWN[n % KNOWN.len()],
                    };
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
                // Mostly text of the shape.
                _ => out.push_str(if n % 3 == 0 {
                    TEXTS[n]
                } else {
                    [
                        "x",
                        " ",
                        "é 中",
                        "&amp;",
                        "&lt;b&gt;",
                        "&#60;",
                        "&nbsp;",
                        "\n",
                        "\t\x0c",
                        ">",
                        "a'b\"",
                    ][n % 11]
                }),
            }
        }
        while let Some(name) = open.pop() {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(6000), ..ProptestConfig::default() })]

    /// Markup near the shape, at its edges.
    #[test]
    fn markup_at_the_edges_of_the_shape_parses_as_html5ever_does(
        html in near_shape(),
        depth in depths(),
    ) {
        check(&html, depth)?;
    }
}
