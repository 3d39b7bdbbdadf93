//! Hidden elements, read from the inline `style` with a CSS tokenizer (`cssparser`), so that
//! comments, escapes, odd spacing, case and `!important` read as a browser reads them
//! (`display:/*x*/none`, `DISPLAY : None !IMPORTANT`, `display: n\6f ne`).
//!
//! Two kinds of hiding, two fates:
//!
//! - **hidden from everyone** — `display: none`, `visibility: hidden | collapse`,
//!   `content-visibility: hidden`, the `hidden` attribute (but not `hidden="until-found"`,
//!   which find-in-page reveals): nobody reads it, it is removed;
//! - **visually hidden, read by screen readers** — clipped to nothing (`clip: rect(0 0 0 0)`,
//!   `clip-path: inset(50%)`), shrunk to a pixel or to zero with `overflow: hidden`, moved
//!   off-screen (`position: absolute; left: -9999px`), indented out of view
//!   (`text-indent: -9999px`): this is the screen-reader-only idiom (`.sr-only`,
//!   `.visually-hidden`), and its text is what a reader without sight gets — the label of an
//!   icon, the name behind a logo, the MathML of a formula drawn as SVG, "opens in a new
//!   window". It is kept (and shows as text, like the classes' text). It goes only when
//!   it is also hidden from screen readers (`aria-hidden="true"`): then nobody reads it
//!   (a form's honeypot field, a tracking frame).
//!
//! Within one `style`, a later declaration wins over an earlier one unless the earlier is
//! `!important` and the later is not. `visibility` is inherited, and a descendant's
//! `visibility: visible` shows it inside a `visibility: hidden` parent: of such a parent,
//! only what is shown again stays (`Element::keep_shown`). `display: none` cannot be undone
//! by a descendant. The `hidden` attribute is the user agent's `display: none`, which an
//! inline `display` (other than `none`) overrides: such an element is shown.

use cssparser::{ParseError, Parser, Token};

/// How an inline style hides an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hiding {
    /// Shown.
    No,
    /// `display: none`, `content-visibility: hidden`: not rendered at all.
    Removed,
    /// `visibility: hidden | collapse`: not rendered, but a descendant may show itself again.
    Invisible,
    /// Clipped, shrunk or moved out of view: read by screen readers.
    Visually,
}

/// A value, simplified: what the hiding tests look at.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Ident(String),
    /// A number with its unit (`""` for a plain number, `"%"` for a percentage).
    Number(f32, String),
    Function(String, Vec<Value>),
    Other,
}

/// One declaration: the lowercased property name, its values, `!important`.
type Declaration = (String, Vec<Value>, bool);

/// The properties the tests read; every other declaration is skipped.
const READ: &[&str] = &[
    "display",
    "visibility",
    "content-visibility",
    "position",
    "left",
    "top",
    "right",
    "clip",
    "clip-path",
    "width",
    "height",
    "max-height",
    "max-width",
    "overflow",
    "overflow-x",
    "overflow-y",
    "text-indent",
    "float",
];

/// The declarations some test of this module acts on: every answer other than the one for
/// no style needs one of them. `display` ([`displays`], [`breaks_lines`], `Removed`),
/// `visibility` and `content-visibility` (`Invisible`, `Removed`, [`visibility`]), and for
/// `Visually`, `position` (beside `left`, `top`, `right` or `clip`), `overflow` (`-x`,
/// `-y`: beside `height` or `max-height`), `text-indent` or `clip-path`. The other
/// properties of [`READ`] are only read beside one of these (`float` once [`breaks_lines`]).
/// `content-visibility` is found as `visibility`, the end of its name.
const ACTED_ON: &[&[u8]] = &[
    b"display",
    b"visibility",
    b"position",
    b"overflow",
    b"overflow-x",
    b"overflow-y",
    b"text-indent",
    b"clip-path",
];

/// Whether any test of this module may read `style` (as written in the input: character
/// references not decoded) otherwise than it reads no style at all: the rule's parse-time
/// screen (`Junk::interest`), which drops every other `style` before the page is parsed.
///
/// A declaration is read only when its name, an identifier, is followed by a colon, with
/// white space or comments between. Without a comment (`/`), an escape (`\`) or a character
/// reference (`&`), which could hide or spell one, the name is written as it is read, ending
/// where the white space before a colon starts: a style in which none of [`ACTED_ON`] ends
/// there (in any ASCII case) declares none of them, and every test answers as for no style,
/// whatever the element's other attributes (`hidden`, `aria-hidden`).
pub(crate) fn may_act_on(style: &[u8]) -> bool {
    if memchr::memchr3(b'/', b'\\', b'&', style).is_some() {
        return true;
    }
    memchr::memchr_iter(b':', style).any(|colon| {
        let before = &style[..colon];
        let end = before
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
            .map_or(0, |at| at + 1);
        let name = &before[..end];
        ACTED_ON
            .iter()
            .any(|p| name.len() >= p.len() && name[name.len() - p.len()..].eq_ignore_ascii_case(p))
    })
}

/// Whether `style` may hide the element from everyone: the cheap screen before the
/// tokenizer, true for every style that hides (an escape could spell any word).
pub(crate) fn may_hide(style: &str) -> bool {
    let b = style.as_bytes();
    // Each word is looked for only where its first letter is (two `memchr` passes, one per
    // case), not at every byte.
    let word_at = |i: usize| {
        let word: &[u8] = match b[i] | 0x20 {
            b'n' => b"none",
            b'h' => b"hidden",
            _ => b"collapse",
        };
        b.get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    memchr::memchr(b'\\', b).is_some()
        || memchr::memchr3_iter(b'n', b'h', b'c', b).any(word_at)
        || memchr::memchr3_iter(b'N', b'H', b'C', b).any(word_at)
}

/// Whether [`hiding`] may find `style` hiding its element from everyone (`Removed` or
/// `Invisible`): only a style that names `display` and `none`, or `visibility` (also part
/// of `content-visibility`) and `hidden` or `collapse`, or has an escape (which could spell
/// any of them), is read. Narrower than [`may_hide`], which lets every `overflow: hidden`
/// through to the tokenizer: the screen for an element that is not `aria-hidden`, for which
/// the other hidings make no difference.
pub(crate) fn may_hide_from_all(style: &str) -> bool {
    let b = style.as_bytes();
    if memchr::memchr(b'\\', b).is_some() {
        return true;
    }
    // `display` and `visibility` first, by their `y` (rare in a style), before the words
    // that go with them (whose first letters are common).
    let (display, visibility) = y_words(b);
    (display && mentions(b, b"none"))
        || (visibility && (mentions(b, b"hidden") || mentions(b, b"collapse")))
}

/// Whether `b` holds `display`, and whether it holds `visibility` (any ASCII case): each
/// ends with a `y`, looked for by one `memchr2` pass (a style holds few), and only there is
/// a word compared (as [`mentions`] would find it: the same bytes, ending there).
fn y_words(b: &[u8]) -> (bool, bool) {
    let (mut display, mut visibility) = (false, false);
    for i in memchr::memchr2_iter(b'y', b'Y', b) {
        let ends = |word: &[u8]| {
            (i + 1)
                .checked_sub(word.len())
                .is_some_and(|start| b[start..=i].eq_ignore_ascii_case(word))
        };
        display |= ends(b"display");
        visibility |= ends(b"visibility");
    }
    (display, visibility)
}

/// Whether `b` holds `word` (ASCII lower case) in any ASCII case: compared only where its
/// first letter is.
fn mentions(b: &[u8], word: &[u8]) -> bool {
    let first = word[0];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), b).any(|i| {
        b.get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// How `style` hides its element.
pub(crate) fn hiding(style: &str) -> Hiding {
    let decls = declarations(style);
    let get = |p: &str| effective(&decls, p).map(|(_, v, _)| v);
    let ident = |p: &str| match get(p).map(|v| v.as_slice()) {
        Some([Value::Ident(i)]) => Some(i.as_str()),
        _ => None,
    };
    if ident("display") == Some("none") || ident("content-visibility") == Some("hidden") {
        return Hiding::Removed;
    }
    if matches!(ident("visibility"), Some("hidden" | "collapse")) {
        return Hiding::Invisible;
    }
    let positioned = matches!(ident("position"), Some("absolute" | "fixed"));
    let length = |p: &str| match get(p).map(|v| v.as_slice()) {
        Some([Value::Number(n, unit)]) => Some((*n, unit.as_str())),
        _ => None,
    };
    let overflow_hidden = ["overflow", "overflow-x", "overflow-y"]
        .iter()
        .any(|p| matches!(ident(p), Some("hidden" | "clip")));
    // Moved far out of view.
    let far_off = |p: &str| {
        length(p).is_some_and(|(n, unit)| match unit {
            "%" => n <= -100.0,
            "" | "px" => n <= -500.0,
            "em" | "rem" => n <= -30.0,
            _ => false,
        })
    };
    if positioned && (far_off("left") || far_off("top") || far_off("right")) {
        return Hiding::Visually;
    }
    if far_off("text-indent") {
        return Hiding::Visually;
    }
    // Clipped to nothing (only positioned boxes are clipped by `clip`).
    let tiny = |v: &Value| matches!(v, Value::Number(n, _) if *n <= 1.0);
    if positioned {
        if let Some([Value::Function(f, args)]) = get("clip").map(|v| v.as_slice()) {
            if f == "rect" && !args.is_empty() && args.iter().all(tiny) {
                return Hiding::Visually;
            }
        }
    }
    if let Some([Value::Function(f, args)]) = get("clip-path").map(|v| v.as_slice()) {
        let half = |v: &Value| matches!(v, Value::Number(n, u) if u == "%" && *n >= 50.0);
        if f == "inset" && args.first().is_some_and(half) {
            return Hiding::Visually;
        }
    }
    // Shrunk to a pixel or nothing, the overflow cut.
    let small = |p: &str| length(p).is_some_and(|(n, unit)| n <= 1.0 && unit != "%");
    if overflow_hidden
        && ((small("width") && small("height")) || small("height") || small("max-height"))
    {
        return Hiding::Visually;
    }
    Hiding::No
}

/// The `visibility` an inline style sets, for a descendant of an invisible element (the
/// property is inherited): `Some(false)` hidden (`hidden`, `collapse`), `Some(true)` shown
/// again (`visible`, or `initial`: the initial value is `visible`), `None` inherited (not
/// declared, `inherit`, `unset`, `revert`, anything else). `display: none` shows nothing.
pub(crate) fn visibility(style: &str) -> Option<bool> {
    let b = style.as_bytes();
    let mentions = |word: &[u8]| b.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    if memchr::memchr(b'\\', b).is_none() && !mentions(b"visib") && !mentions(b"none") {
        return None;
    }
    let decls = declarations(style);
    let ident = |p: &str| match effective(&decls, p).map(|(_, v, _)| v.as_slice()) {
        Some([Value::Ident(i)]) => Some(i.as_str()),
        _ => None,
    };
    if ident("display") == Some("none") || ident("content-visibility") == Some("hidden") {
        return Some(false);
    }
    match ident("visibility")? {
        "hidden" | "collapse" => Some(false),
        "visible" | "initial" => Some(true),
        _ => None,
    }
}

/// Whether an inline style gives the element a `display` other than `none`: it then wins
/// over the user agent's `[hidden] { display: none }`, and a `hidden` element is shown.
pub(crate) fn displays(style: &str) -> bool {
    display(style).is_some_and(|v| {
        matches!(v.as_slice(), [Value::Ident(i)]
            if !matches!(i.as_str(), "none" | "revert" | "revert-layer"))
    })
}

/// The values of the `display` declaration that applies in an inline style; `None` without
/// one (a style that never says `display`, nor has an escape that could spell it, is not
/// tokenized).
fn display(style: &str) -> Option<Vec<Value>> {
    let b = style.as_bytes();
    let mentions = y_words(b).0;
    if !mentions && memchr::memchr(b'\\', b).is_none() {
        return None;
    }
    let mut decls = declarations(style);
    let at = effective_at(&decls, "display")?;
    Some(decls.swap_remove(at).1)
}

/// Whether an inline style lays the element out as a block (`display: block`, `flex`,
/// `grid`, `list-item`, `table`, `flow-root`, `flow`, a table part, their prefixed forms
/// such as `-webkit-flex`, or two keywords, in either order, neither of which is `inline`:
/// `block flow`, `flow list-item`): its text starts a line of its own, so it is not glued to
/// the words around it even when no white space separates them in the source.
pub(crate) fn breaks_lines(style: &str) -> bool {
    display(style).is_some_and(|v| {
        let idents = || {
            v.iter().map(|v| match v {
                Value::Ident(i) => i.as_str(),
                _ => "",
            })
        };
        idents().any(|i| {
            matches!(
                i,
                "block"
                    | "flex"
                    | "grid"
                    | "list-item"
                    | "table"
                    | "flow-root"
                    | "flow"
                    | "-webkit-box"
                    | "-webkit-flex"
                    | "-moz-box"
                    | "-ms-flexbox"
                    | "-ms-grid"
                    | "table-row"
                    | "table-cell"
                    | "table-caption"
                    | "table-row-group"
                    | "table-header-group"
                    | "table-footer-group"
            )
        }) && !idents().any(|i| i == "inline" || i == "run-in")
    })
}

/// Whether an inline style floats the element (`float: left`, `right`, `inline-start`,
/// `inline-end`): it sits beside the text that follows rather than above it.
pub(crate) fn floats(style: &str) -> bool {
    let b = style.as_bytes();
    if !b.windows(5).any(|w| w.eq_ignore_ascii_case(b"float")) && memchr::memchr(b'\\', b).is_none()
    {
        return false;
    }
    effective(&declarations(style), "float").is_some_and(|(_, v, _)| {
        matches!(v.as_slice(), [Value::Ident(i)]
                if matches!(i.as_str(), "left" | "right" | "inline-start" | "inline-end"))
    })
}

/// The declaration of `property` that applies: the last one, unless an earlier one is
/// `!important` and it is not. Found where it stands (no declaration is copied).
fn effective<'d>(decls: &'d [Declaration], property: &str) -> Option<&'d Declaration> {
    effective_at(decls, property).map(|at| &decls[at])
}

/// Where in `decls` the declaration of `property` that applies ([`effective`]) is.
fn effective_at(decls: &[Declaration], property: &str) -> Option<usize> {
    let mut at: Option<usize> = None;
    for (i, d) in decls.iter().enumerate() {
        if d.0 != property {
            continue;
        }
        // A later one wins when it is `!important` or the one before is not.
        if at.is_none_or(|prev| d.2 || !decls[prev].2) {
            at = Some(i);
        }
    }
    at
}

/// The declarations of an inline style (those of [`READ`]), as a browser tokenizes them;
/// an invalid one is skipped up to the next `;`.
fn declarations(style: &str) -> Vec<Declaration> {
    let mut out = Vec::new();
    crate::css::each_declaration(style, |name, p| {
        if READ.contains(&name) {
            let (values, important) = values(p);
            out.push((name.to_string(), values, important));
        }
        Ok(())
    });
    out
}

/// The values up to the end of the declaration, and whether it ends with `!important`.
fn values(p: &mut Parser<'_>) -> (Vec<Value>, bool) {
    let mut out = Vec::new();
    let mut important = false;
    while let Ok(token) = p.next() {
        let value = match token {
            Token::Ident(i) => Value::Ident(i.to_ascii_lowercase()),
            Token::Number { value, .. } => Value::Number(*value, String::new()),
            Token::Percentage { unit_value, .. } => Value::Number(unit_value * 100.0, "%".into()),
            Token::Dimension { value, unit, .. } => {
                Value::Number(*value, unit.to_ascii_lowercase())
            }
            Token::Delim('!') => {
                important =
                    matches!(p.next(), Ok(Token::Ident(i)) if i.eq_ignore_ascii_case("important"));
                continue;
            }
            Token::Comma => continue,
            Token::Function(name) => {
                let name = name.to_ascii_lowercase();
                let args = p
                    .parse_nested_block(|p| -> Result<_, ParseError<()>> { Ok(values(p).0) })
                    .unwrap_or_default();
                Value::Function(name, args)
            }
            _ => Value::Other,
        };
        out.push(value);
    }
    (out, important)
}

#[cfg(test)]
mod tests {
    use super::{
        breaks_lines, displays, effective, floats, hiding, may_act_on, may_hide, may_hide_from_all,
        mentions, visibility, y_words, Declaration, Hiding, Value,
    };
    use crate::dom::parse::attr_filter::AttrFilter;
    use crate::Rule;
    use proptest::prelude::*;

    /// Properties with values that may hide, show or make a block with them, and others
    /// (some named like them: `border-left`, `x-display`, `displayx`).
    const DECLARATIONS: &[(&str, &[&str])] = &[
        (
            "display",
            &[
                "none",
                "block",
                "inline",
                "flex",
                "inline flow-root",
                "table-cell",
            ],
        ),
        (
            "visibility",
            &["hidden", "collapse", "visible", "initial", "inherit"],
        ),
        ("content-visibility", &["hidden", "auto"]),
        ("position", &["absolute", "fixed", "relative"]),
        ("left", &["-9999px", "-100%", "-40em", "0", "10px"]),
        ("top", &["-9999px", "-100%", "0"]),
        ("right", &["-9999px", "0"]),
        (
            "clip",
            &["rect(0 0 0 0)", "rect(1px, 1px, 1px, 1px)", "auto"],
        ),
        ("clip-path", &["inset(50%)", "inset(10%)", "none"]),
        ("width", &["0", "1px", "100%", "240px"]),
        ("height", &["0", "1px", "100%", "240px", "auto"]),
        ("max-height", &["0", "1px", "400px"]),
        ("max-width", &["0", "700px"]),
        ("overflow", &["hidden", "clip", "visible"]),
        ("overflow-x", &["hidden", "auto"]),
        ("overflow-y", &["hidden", "clip"]),
        ("text-indent", &["-9999px", "2em"]),
        ("float", &["left", "right", "none"]),
        ("margin-top", &["0", "-9999px"]),
        ("border-left", &["4px solid rgb(76, 140, 90)", "none"]),
        ("padding-left", &["10px"]),
        ("color", &["red", "rgb(62, 62, 62)"]),
        ("font-family", &["\"none\"", "Arial"]),
        ("x-display", &["none"]),
        ("displayx", &["none"]),
        ("opacity", &["0"]),
        ("line-height", &["1.75em"]),
    ];

    /// A style of `declarations` (an index into [`DECLARATIONS`], one into its values,
    /// `!important`, the white space around the colon, and whether a comment, an escape or
    /// a character reference goes in), each byte's case flipped where `case` says.
    fn style_of(declarations: &[(usize, usize, bool, u8, u8)], case: &[bool]) -> String {
        let spaces = ["", " ", "\n", "\t", "\x0c", "  "];
        let mut out = String::new();
        for &(d, v, important, space, extra) in declarations {
            let (name, values) = DECLARATIONS[d % DECLARATIONS.len()];
            let value = values[v % values.len()];
            let (before, after) = (
                spaces[usize::from(space) % spaces.len()],
                spaces[usize::from(space / 8) % spaces.len()],
            );
            let name = match extra % 16 {
                0 => format!("{name}/**/"),
                1 => format!("\\{:x} {}", name.as_bytes()[0], &name[1..]),
                2 => format!("&#{};{}", name.as_bytes()[0], &name[1..]),
                _ => name.to_string(),
            };
            let important = if important { " !important" } else { "" };
            out.push_str(&format!("{before}{name}{after}:{after}{value}{important};"));
        }
        out.chars()
            .zip(case.iter().chain(std::iter::repeat(&false)))
            .map(|(c, &flip)| {
                if flip && c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect()
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// A `style` the rule's parse-time screen drops (through the filter built from
        /// `Junk`'s interest, on any element) is read by every test as no style: not hidden
        /// from anyone, not visually hidden, no `visibility` of its own, no `display` that
        /// overrides `hidden` or makes a block. Styles of declarations that hide (or nearly),
        /// others named like them, in mixed case, odd white space, `!important`, comments,
        /// escapes and character references.
        #[test]
        fn what_the_screen_drops_no_test_acts_on(
            declarations in proptest::collection::vec(
                (0..DECLARATIONS.len(), 0..8usize, any::<bool>(), any::<u8>(), any::<u8>()),
                0..6,
            ),
            case in proptest::collection::vec(prop_oneof![4 => Just(false), 1 => Just(true)], 0..200),
        ) {
            let style = style_of(&declarations, &case);
            let junk = crate::rules::junk::Junk.interest().reads.unwrap();
            let filter = AttrFilter::new(&junk).unwrap();
            let dropped = filter.drops(b"p", b"style", style.as_bytes());
            prop_assert_eq!(dropped, !may_act_on(style.as_bytes()), "{:?}", style);
            for element in ["span", "SECTION", "div", "svg", "tspan", "x-y"] {
                prop_assert_eq!(filter.drops(element.as_bytes(), b"style", style.as_bytes()), dropped);
            }
            if dropped {
                prop_assert_eq!(hiding(&style), Hiding::No, "{:?}", &style);
                prop_assert_eq!(visibility(&style), None, "{:?}", &style);
                prop_assert!(!displays(&style), "{:?}", &style);
                prop_assert!(!breaks_lines(&style), "{:?}", &style);
                prop_assert!(!crate::rules::junk::style_hides(&style), "{:?}", &style);
            }
        }
    }

    #[test]
    fn the_screen_keeps_what_hides_or_makes_a_block() {
        for style in [
            "display:none",
            "DISPLAY : block",
            "x:y;visibility:hidden",
            "content-visibility:hidden",
            "position:absolute;left:-9999px",
            "overflow:hidden;height:0",
            "overflow-Y\n:hidden;max-height:0",
            "text-indent:-9999px",
            "clip-path: inset(50%)",
            "display/**/:none",
            "\\64 isplay:none",
            "&#100;isplay:none",
        ] {
            assert!(may_act_on(style.as_bytes()), "{style}");
        }
        for style in [
            "",
            "margin-top: 10px; border-left: 4px solid rgb(76, 140, 90)",
            "width: 100%; height: 240px; background-size: cover;",
            "max-width: 700px; max-height: 400px;",
            "float:left",
            "left:-9999px",
            "font-family: none; x-displayed: none",
        ] {
            assert!(!may_act_on(style.as_bytes()), "{style}");
        }
    }

    proptest! {
        /// What the narrow screen lets by, the tokenizer never reads as hidden from everyone;
        /// and it lets by no more than the wide one does (styles of the pieces a hiding is
        /// written with, in any case, with comments, escapes and `!important`).
        #[test]
        fn the_narrow_screen_lets_by_no_hiding_from_everyone(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "display", "DISPLAY", "Display", "none", "NONE", "visibility", "Visibility",
                "content-", "content-visibility", "hidden", "HIDDEN", "collapse", "Collapse",
                "visible", "block", ":", ": ", ";", " ", "/**/", "/*none*/", "!important",
                "overflow", "height", "0", "clip", "x-", "n\\6f ne", "\\", "\"", "'", "-",
                "inline", "(", ")",
            ]), 0..12),
        ) {
            let style = parts.concat();
            if !may_hide_from_all(&style) {
                prop_assert!(
                    !matches!(hiding(&style), Hiding::Removed | Hiding::Invisible),
                    "{}", style
                );
            }
            prop_assert!(!may_hide_from_all(&style) || may_hide(&style), "{}", style);
        }
    }

    /// The declarations that apply, as they were worked out before [`effective`] found
    /// one where it stands: every property's, copied (the oracle).
    fn effective_reference(decls: &[Declaration]) -> Vec<Declaration> {
        let mut out: Vec<Declaration> = Vec::new();
        for d in decls {
            match out.iter_mut().find(|(n, _, _)| *n == d.0) {
                Some(prev) if d.2 || !prev.2 => *prev = d.clone(),
                Some(_) => {}
                None => out.push(d.clone()),
            }
        }
        out
    }

    proptest! {
        /// The declaration that applies is the one the copies chose, for lists of a few
        /// properties given several times, `!important` or not.
        #[test]
        fn effective_as_the_copies_chose(
            decls in proptest::collection::vec(
                (proptest::sample::select(vec!["display", "float", "visibility"]),
                 0..4u8, any::<bool>()),
                0..8,
            ),
        ) {
            let decls: Vec<Declaration> = decls
                .iter()
                .map(|&(n, v, important)| {
                    (n.to_string(), vec![Value::Number(f32::from(v), String::new())], important)
                })
                .collect();
            let chosen = effective_reference(&decls);
            for p in ["display", "float", "visibility", "clip"] {
                prop_assert_eq!(effective(&decls, p), chosen.iter().find(|d| d.0 == p));
            }
        }
    }

    /// `may_hide_from_all` as it was before it looked for the `y`s first (the oracle).
    fn may_hide_from_all_reference(style: &str) -> bool {
        let b = style.as_bytes();
        memchr::memchr(b'\\', b).is_some()
            || (mentions(b, b"none") && mentions(b, b"display"))
            || ((mentions(b, b"hidden") || mentions(b, b"collapse")) && mentions(b, b"visibility"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The words ending in `y` are found as a search for each finds them, and the
        /// screen answers as before, on styles made of those words, their pieces and
        /// neighbours in mixed case.
        #[test]
        fn y_words_are_found_as_searched(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "display", "DISPLAY", "Display", "displa", "isplay", "y", "Y", "visibility",
                "VisiBility", "visibilit", "content-visibility", "none", "NONE", "hidden",
                "collapse", ":", ";", " ", "\\", "overflow-y", "é", "d", "dy", "ydisplay",
            ][..]), 0..8),
        ) {
            let style: String = pieces.concat();
            let b = style.as_bytes();
            let search = |w: &[u8]| b.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
            proptest::prop_assert_eq!(
                y_words(b),
                (search(b"display"), search(b"visibility")),
                "{:?}", style
            );
            proptest::prop_assert_eq!(
                may_hide_from_all(&style),
                may_hide_from_all_reference(&style),
                "{:?}", style
            );
        }
    }

    #[test]
    fn the_narrow_screen_reads_what_hides() {
        for style in [
            "display:none",
            "visibility:hidden",
            "VISIBILITY: Collapse",
            "content-visibility: hidden",
            "display: n\\6f ne",
        ] {
            assert!(may_hide_from_all(style), "{style}");
        }
        for style in [
            "overflow:hidden",
            "display:block",
            "border:none",
            "visibility:visible",
        ] {
            assert!(!may_hide_from_all(style), "{style}");
        }
    }

    #[test]
    fn hidden_from_everyone() {
        for style in [
            "display:none",
            " DISPLAY : None ;x:y",
            "a:b; display: none !IMPORTANT",
            "display:/*x*/none",
            "display : /* a */ none /* b */ ! important",
            "display: n\\6f ne",
            "content-visibility: hidden",
            "display:block; display:none",
            "display:none !important; display:block",
        ] {
            assert!(may_hide(style), "{style}");
            assert_eq!(hiding(style), Hiding::Removed, "{style}");
        }
        for style in ["visibility:hidden", "VISIBILITY: collapse !important"] {
            assert_eq!(hiding(style), Hiding::Invisible, "{style}");
        }
    }

    #[test]
    fn visually_hidden() {
        for style in [
            "position:absolute; left:-9999px",
            "position: fixed; top: -10000px; left: 0",
            "position:absolute;left:-1000%",
            "text-indent:-9999px",
            "position:absolute!important;clip:rect(1px, 1px, 1px, 1px);width:1px;height:1px",
            "border:0;clip:rect(0 0 0 0);height:1px;width:1px;overflow:hidden;position:absolute",
            "clip-path: inset(50%)",
            "height:0;overflow:hidden",
            "max-height: 0; overflow: hidden",
        ] {
            assert_eq!(hiding(style), Hiding::Visually, "{style}");
        }
    }

    #[test]
    fn shown() {
        for style in [
            "",
            "display:nonex",
            "display:block",
            "display:none!importan; display:block",
            "x-display:none",
            "display:block; /* display:none */",
            "visibility:visible",
            "opacity:0",
            "height:0",
            "height:0;padding-bottom:56%",
            "position:relative; top:-150px",
            "left:-9999px",
            "clip:rect(0 0 0 0)",
            "width:1px;height:1px",
            "font-family: \"none\"",
            "display:",
            ";;;",
            "display:none {",
        ] {
            assert_ne!(hiding(style), Hiding::Removed, "{style}");
            if !style.contains("none") {
                assert_eq!(hiding(style), Hiding::No, "{style}");
            }
        }
        assert_eq!(hiding("display:block; /* display:none */"), Hiding::No);
    }

    #[test]
    fn visibility_of_a_descendant() {
        for (style, shown) in [
            ("visibility:visible", Some(true)),
            ("VISIBILITY : Visible !important", Some(true)),
            ("visibility: initial", Some(true)),
            ("visibility:hidden", Some(false)),
            ("visibility:collapse", Some(false)),
            ("visibility:visible; display:none", Some(false)),
            ("visibility:inherit", None),
            ("visibility:unset", None),
            ("visibility:hidden; visibility:visible", Some(true)),
            (
                "visibility:hidden !important; visibility:visible",
                Some(false),
            ),
            ("color:red", None),
            ("/* visibility:visible */", None),
            ("visibility: vis\\69 ble", Some(true)),
        ] {
            assert_eq!(visibility(style), shown, "{style}");
        }
    }

    #[test]
    fn block_level_displays_break_lines() {
        for style in [
            "display:block",
            "display: FLOW",
            "display:-webkit-flex",
            "display:-ms-flexbox",
            "display: block flow",
            "display: flow list-item",
            "display: flex block",
            "display:table-cell",
        ] {
            assert!(super::breaks_lines(style), "{style}");
        }
        for style in [
            "display:inline",
            "display:inline-block",
            "display:-webkit-inline-box",
            "display: inline flow-root",
            "display: flow inline",
            "display: list-item inline",
            "display:contents",
            "display:none",
            "display:blocky",
            "color:red",
        ] {
            assert!(!super::breaks_lines(style), "{style}");
        }
    }

    #[test]
    fn inline_display_overrides_hidden() {
        for style in [
            "display:block",
            "display: flex !important",
            "display:/*x*/inline",
            "display:inherit",
        ] {
            assert!(displays(style), "{style}");
        }
        for style in [
            "",
            "color:red",
            "display:none",
            "display:revert",
            "display:block; display:none",
            "/* display:block */",
        ] {
            assert!(!displays(style), "{style}");
        }
    }

    #[test]
    fn floats_read_as_css() {
        for style in [
            "display:block;float:left",
            "FLOAT: Right !important",
            "float:/* cap */inline-start",
            "fl\\6f at:left",
        ] {
            assert!(floats(style), "{style}");
        }
        for style in [
            "float:none",
            "display:block",
            "float:left; float:none",
            "floaty:left",
        ] {
            assert!(!floats(style), "{style}");
        }
    }
}
