//! Parse stability: would this element stay where it is when the output is parsed again?
//!
//! A parsed tree is not always what its serialization parses back to (`<a><table><a>`), and
//! unwrapping or removing an element can put its children where the HTML parser would never
//! leave them (`<p><marquee><div>` without the `marquee` is `<p><div>`, which a browser reads
//! as two siblings). The sanitizer asks [`placement`] for every element it keeps, with the
//! ancestors it has in the *output*, and lifts (unwraps) or drops the ones that would move.
//! The rules below are the start-tag rules of the HTML tree builder ("in body", "in table"
//! and friends) that close or move an open element; everything else nests freely.

use crate::dom::names::NameBits;
use crate::Element;
use html5ever::{local_name, LocalName};
use std::sync::LazyLock;

/// [`placement_full`] may answer other than `Fits` for the name (whatever its ancestors).
const ASKS: u16 = 1;
/// [`table_child_fits`] answers for children of the name.
const TABLE_PARENT: u16 = 2;
/// [`closes_p`].
const CLOSES_P: u16 = 4;
/// [`ends_scope`].
const ENDS_SCOPE: u16 = 8;
/// [`is_special`].
const SPECIAL: u16 = 16;
/// See [`plain_closes_p_slow`].
const PLAIN_CLOSES_P: u16 = 32;

static NAMES: LazyLock<NameBits> = LazyLock::new(|| {
    NameBits::build(&[
        asks_slow,
        |p| table_child_fits(p, &local_name!("span")).is_some(),
        closes_p_slow,
        ends_scope_slow,
        is_special_slow,
        plain_closes_p_slow,
    ])
});

/// Builds the table of names now (with the sanitizer, when the cleaner is built), not when
/// the first element of the first page is placed.
pub(crate) fn prepare() {
    LazyLock::force(&NAMES);
}

/// A `p`-closing name that no other rule of [`placement_full`] names (`div`, `p`, `ul`…,
/// not `li`, a heading, a table part or `table`): under a parent that is no table structure,
/// whether it moves is whether a `p` is open in button scope.
fn plain_closes_p_slow(name: &LocalName) -> bool {
    closes_p_slow(name) && table_part_fits(name, None).is_none() && !in_own_arms(name)
}

/// The names [`placement_full`] reads: table parts, the names of its `match` and the
/// `p`-closing ones.
fn asks_slow(name: &LocalName) -> bool {
    table_part_fits(name, None).is_some() || closes_p_slow(name) || in_own_arms(name)
}

/// The names of [`placement_full`]'s own `match` arms (list items, headings, `a`, `nobr`,
/// ruby parts, `table`), besides table parts and the `p`-closing names.
fn in_own_arms(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("a")
            | local_name!("nobr")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("rb")
            | local_name!("rtc")
            | local_name!("table")
    )
}

/// How far up the ancestors are looked at. Browsers do not nest deeper than 512 elements
/// anyway (deeper markup is reparented), and the bound keeps the check linear.
const MAX_LOOKUP: usize = 512;

/// What to do with an element so that the output re-parses to the tree it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// It stays where it is.
    Fits,
    /// Unwrap it: the parser would close or ignore it here; its content fits.
    Lift,
    /// Remove it: it stands where only table structure may stand (the parser would move it
    /// out of the table); such elements are empty in parsed input.
    Drop,
}

/// Where an element named `name` may stay, given the names of its ancestors (nearest first,
/// `None` for one that is not an element; called again for each look).
///
/// `quirks`: the input is a document in quirks mode, where a `table` does not close an open
/// `p` (only read for a `table`).
///
/// Only the parent is looked at for most elements; the ancestors are scanned (without
/// taking a handle to any of them) only for the few start tags that close or move an open
/// element: `p`-closing blocks, headings, list items, `a`, `nobr`, ruby parts.
///
/// `scopes`: [`Scopes`] of the same ancestors (see [`scopes`]), asked only when needed.
pub(crate) fn placement<'n, I>(
    name: &LocalName,
    quirks: bool,
    ancestors: impl Fn() -> I,
    scopes: impl Fn() -> Scopes,
) -> Placement
where
    I: Iterator<Item = Option<&'n LocalName>>,
{
    // One load each screens out most elements: a name no rule below reads, under a parent
    // that is no table structure, fits.
    let bits = NAMES.get(name);
    if bits & ASKS == 0 {
        let parent = ancestors().next().flatten();
        if parent.is_none_or(|p| NAMES.get(p) & TABLE_PARENT == 0) {
            return Placement::Fits;
        }
    }
    // Most other elements are a `div`, `p`… or an `a`: one question of the scopes each,
    // under a parent that is no table structure (the rules before it answer only there).
    if bits & PLAIN_CLOSES_P != 0 || *name == local_name!("a") {
        let parent = ancestors().next().flatten();
        if parent.is_none_or(|p| NAMES.get(p) & TABLE_PARENT == 0) {
            let s = scopes();
            let moves = if bits & PLAIN_CLOSES_P != 0 {
                s.p_in_button_scope
            } else {
                s.a_after_marker
            };
            return if moves {
                Placement::Lift
            } else {
                Placement::Fits
            };
        }
    }
    placement_full(name, quirks, ancestors, scopes)
}

/// [`placement`] without its screen: every rule asked in turn.
#[inline(never)]
fn placement_full<'n, I>(
    name: &LocalName,
    quirks: bool,
    ancestors: impl Fn() -> I,
    scopes: impl Fn() -> Scopes,
) -> Placement
where
    I: Iterator<Item = Option<&'n LocalName>>,
{
    let parent = ancestors().next().flatten();
    if let Some(parent) = parent {
        if let Some(fits) = table_child_fits(parent, name) {
            return if fits {
                Placement::Fits
            } else {
                Placement::Drop
            };
        }
    }
    if let Some(fits) = table_part_fits(name, parent) {
        return if fits {
            Placement::Fits
        } else {
            Placement::Lift
        };
    }
    let names = || ancestors().take(MAX_LOOKUP).flatten();
    let moves = match *name {
        local_name!("li") => closes_list_item(names, &[local_name!("li")], &scopes),
        local_name!("dd") | local_name!("dt") => {
            closes_list_item(names, &[local_name!("dd"), local_name!("dt")], &scopes)
        }
        local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6") => parent.is_some_and(is_heading) || scopes().p_in_button_scope,
        local_name!("a") => scopes().a_after_marker,
        local_name!("nobr") => in_scope(names(), &local_name!("nobr")),
        local_name!("rt") | local_name!("rp") | local_name!("rb") | local_name!("rtc") => {
            let parent_closes = parent.is_some_and(|p| {
                implied_end(p) && !(*p == local_name!("rtc") && *name != local_name!("rb"))
            });
            parent_closes && in_scope(names(), &local_name!("ruby"))
        }
        local_name!("table") if quirks => false,
        _ if closes_p(name) => scopes().p_in_button_scope,
        _ => false,
    };
    if moves {
        Placement::Lift
    } else {
        Placement::Fits
    }
}

/// The two questions most start tags ask about all the open elements, nearest deciding:
/// which can be answered by folding the ancestors from the outermost in, one step per
/// ancestor, so the answer for a parent serves all its children (see [`scopes`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Scopes {
    /// A `p` is open in button scope: a `p`-closing start tag would close it.
    pub(crate) p_in_button_scope: bool,
    /// An `a` is open since the last marker: an `a` start tag would close it.
    pub(crate) a_after_marker: bool,
}

impl Scopes {
    /// The scopes inside an element named `name` (`None`: not an element), given those
    /// around it.
    fn step(self, name: Option<&LocalName>) -> Scopes {
        let Some(n) = name else { return self };
        let p_in_button_scope = if *n == local_name!("p") {
            true
        } else if ends_scope(n) || *n == local_name!("button") {
            false
        } else {
            self.p_in_button_scope
        };
        let a_after_marker = match *n {
            local_name!("a") => true,
            ref m if is_marker(m) => false,
            _ => self.a_after_marker,
        };
        Scopes {
            p_in_button_scope,
            a_after_marker,
        }
    }

    /// The scopes found by scanning `names`, the ancestors nearest first.
    fn scan<'n, I: Iterator<Item = &'n LocalName>>(names: impl Fn() -> I) -> Scopes {
        Scopes {
            p_in_button_scope: p_in_button_scope(names()),
            a_after_marker: a_after_marker(names()),
        }
    }
}

impl Scopes {
    /// As one byte, for [`Element::fold_ancestor_names`].
    fn to_bits(self) -> u8 {
        u8::from(self.p_in_button_scope) | u8::from(self.a_after_marker) << 1
    }

    fn from_bits(bits: u8) -> Scopes {
        Scopes {
            p_in_button_scope: bits & 1 != 0,
            a_after_marker: bits & 2 != 0,
        }
    }
}

/// The [`Scopes`] inside the parent of `el`. The walk's frames remember the fold of the
/// ancestors (see [`Element::fold_ancestor_names`]), so an element costs a fold step for
/// each ancestor not folded before (usually none), instead of a scan of all of them by
/// name. More than [`MAX_LOOKUP`] ancestors deep, the nearest ones are scanned as
/// [`placement`] always did.
pub(crate) fn scopes(el: &Element<'_>) -> Scopes {
    if el.depth() > MAX_LOOKUP {
        return Scopes::scan(|| el.ancestor_names().take(MAX_LOOKUP).flatten());
    }
    let bits = el.fold_ancestor_names(Scopes::default().to_bits(), |bits, name| {
        Scopes::from_bits(bits).step(name).to_bits()
    });
    Scopes::from_bits(bits)
}

/// For a child of a table-structure element: whether `child` is the structure that may
/// stand there (`None` when `parent` is no such element).
fn table_child_fits(parent: &LocalName, child: &LocalName) -> Option<bool> {
    Some(match *parent {
        local_name!("table") => matches!(
            *child,
            local_name!("caption")
                | local_name!("colgroup")
                | local_name!("tbody")
                | local_name!("thead")
                | local_name!("tfoot")
        ),
        local_name!("tbody") | local_name!("thead") | local_name!("tfoot") => {
            *child == local_name!("tr")
        }
        local_name!("tr") => matches!(*child, local_name!("td") | local_name!("th")),
        local_name!("colgroup") => *child == local_name!("col"),
        _ => return None,
    })
}

/// For a table part: whether its parent is the one the parser gives it (`None` for other
/// elements). Outside their place, the parser ignores these start tags.
fn table_part_fits(name: &LocalName, parent: Option<&LocalName>) -> Option<bool> {
    let body = local_name!("body");
    let parent = parent.unwrap_or(&body);
    Some(match *name {
        local_name!("caption")
        | local_name!("colgroup")
        | local_name!("tbody")
        | local_name!("thead")
        | local_name!("tfoot") => *parent == local_name!("table"),
        local_name!("tr") => matches!(
            *parent,
            local_name!("tbody") | local_name!("thead") | local_name!("tfoot")
        ),
        local_name!("td") | local_name!("th") => *parent == local_name!("tr"),
        local_name!("col") => *parent == local_name!("colgroup"),
        _ => return None,
    })
}

fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Start tags that close an open `p` ("close a p element" in the tree builder).
fn closes_p(name: &LocalName) -> bool {
    NAMES.get(name) & CLOSES_P != 0
}

/// [`closes_p`] as a match: what its table is built from.
fn closes_p_slow(name: &LocalName) -> bool {
    is_heading(name)
        || matches!(
            *name,
            local_name!("address")
                | local_name!("article")
                | local_name!("aside")
                | local_name!("blockquote")
                | local_name!("center")
                | local_name!("details")
                | local_name!("dialog")
                | local_name!("dir")
                | local_name!("div")
                | local_name!("dl")
                | local_name!("fieldset")
                | local_name!("figcaption")
                | local_name!("figure")
                | local_name!("footer")
                | local_name!("header")
                | local_name!("hgroup")
                | local_name!("main")
                | local_name!("menu")
                | local_name!("nav")
                | local_name!("ol")
                | local_name!("p")
                | local_name!("search")
                | local_name!("section")
                | local_name!("summary")
                | local_name!("ul")
                | local_name!("pre")
                | local_name!("listing")
                | local_name!("form")
                | local_name!("hr")
                | local_name!("li")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("table")
                | local_name!("xmp")
                | local_name!("plaintext")
        )
}

/// The elements that end the default scope (the HTML ones; foreign content never reaches
/// the output).
fn ends_scope(name: &LocalName) -> bool {
    NAMES.get(name) & ENDS_SCOPE != 0
}

/// [`ends_scope`] as a match: what its table is built from.
fn ends_scope_slow(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("applet")
            | local_name!("caption")
            | local_name!("html")
            | local_name!("table")
            | local_name!("td")
            | local_name!("th")
            | local_name!("marquee")
            | local_name!("object")
            | local_name!("template")
    )
}

fn in_scope<'n>(names: impl Iterator<Item = &'n LocalName>, target: &LocalName) -> bool {
    for n in names {
        if n == target {
            return true;
        }
        if ends_scope(n) {
            return false;
        }
    }
    false
}

fn p_in_button_scope<'n>(names: impl Iterator<Item = &'n LocalName>) -> bool {
    for n in names {
        if *n == local_name!("p") {
            return true;
        }
        if ends_scope(n) || *n == local_name!("button") {
            return false;
        }
    }
    false
}

/// `li` (or `dd`/`dt`): an open one is closed unless a special element other than
/// `address`, `div` and `p` comes first; then a `p` in button scope is closed too.
fn closes_list_item<'n, I: Iterator<Item = &'n LocalName>>(
    names: impl Fn() -> I,
    closed_by: &[LocalName],
    scopes: impl Fn() -> Scopes,
) -> bool {
    for n in names() {
        if closed_by.contains(n) {
            return true;
        }
        if is_special(n)
            && !matches!(
                *n,
                local_name!("address") | local_name!("div") | local_name!("p")
            )
        {
            break;
        }
    }
    scopes().p_in_button_scope
}

/// An `a` start tag with an `a` open since the last marker runs the adoption agency.
fn a_after_marker<'n>(names: impl Iterator<Item = &'n LocalName>) -> bool {
    for n in names {
        if *n == local_name!("a") {
            return true;
        }
        if is_marker(n) {
            return false;
        }
    }
    false
}

/// Where [`a_after_marker`] stops looking: the elements that put a marker on the list of
/// active formatting elements, and `html`.
fn is_marker(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("td")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("marquee")
            | local_name!("applet")
            | local_name!("object")
            | local_name!("template")
            | local_name!("html")
    )
}

/// Elements popped by "generate implied end tags".
fn implied_end(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("dd")
            | local_name!("dt")
            | local_name!("li")
            | local_name!("optgroup")
            | local_name!("option")
            | local_name!("p")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
    )
}

/// The "special" category of the HTML standard (HTML namespace).
fn is_special(name: &LocalName) -> bool {
    NAMES.get(name) & SPECIAL != 0
}

/// [`is_special`] as a match: what its table is built from.
fn is_special_slow(name: &LocalName) -> bool {
    is_heading(name)
        || matches!(
            *name,
            local_name!("address")
                | local_name!("applet")
                | local_name!("area")
                | local_name!("article")
                | local_name!("aside")
                | local_name!("base")
                | local_name!("basefont")
                | local_name!("bgsound")
                | local_name!("blockquote")
                | local_name!("body")
                | local_name!("br")
                | local_name!("button")
                | local_name!("caption")
                | local_name!("center")
                | local_name!("col")
                | local_name!("colgroup")
                | local_name!("dd")
                | local_name!("details")
                | local_name!("dir")
                | local_name!("div")
                | local_name!("dl")
                | local_name!("dt")
                | local_name!("embed")
                | local_name!("fieldset")
                | local_name!("figcaption")
                | local_name!("figure")
                | local_name!("footer")
                | local_name!("form")
                | local_name!("frame")
                | local_name!("frameset")
                | local_name!("head")
                | local_name!("header")
                | local_name!("hgroup")
                | local_name!("hr")
                | local_name!("html")
                | local_name!("iframe")
                | local_name!("img")
                | local_name!("input")
                | local_name!("keygen")
                | local_name!("li")
                | local_name!("link")
                | local_name!("listing")
                | local_name!("main")
                | local_name!("marquee")
                | local_name!("menu")
                | local_name!("meta")
                | local_name!("nav")
                | local_name!("noembed")
                | local_name!("noframes")
                | local_name!("noscript")
                | local_name!("object")
                | local_name!("ol")
                | local_name!("p")
                | local_name!("param")
                | local_name!("plaintext")
                | local_name!("pre")
                | local_name!("script")
                | local_name!("search")
                | local_name!("section")
                | local_name!("select")
                | local_name!("source")
                | local_name!("style")
                | local_name!("summary")
                | local_name!("table")
                | local_name!("tbody")
                | local_name!("td")
                | local_name!("template")
                | local_name!("textarea")
                | local_name!("tfoot")
                | local_name!("th")
                | local_name!("thead")
                | local_name!("title")
                | local_name!("tr")
                | local_name!("track")
                | local_name!("ul")
                | local_name!("wbr")
                | local_name!("xmp")
        )
}

#[cfg(test)]
#[path = "nesting_screen_tests.rs"]
mod screen_tests;

#[cfg(test)]
mod tests {
    use super::{Scopes, MAX_LOOKUP};
    use html5ever::{local_name, LocalName};

    /// Folding the ancestors from the outermost in gives what scanning them from the
    /// nearest out gives, for every sequence of up to five of the names that matter (and
    /// others, and non-elements).
    #[test]
    fn fold_equals_scan() {
        let alphabet: Vec<Option<LocalName>> = vec![
            None,
            Some(local_name!("p")),
            Some(local_name!("a")),
            Some(local_name!("button")),
            Some(local_name!("table")),
            Some(local_name!("td")),
            Some(local_name!("html")),
            Some(local_name!("div")),
        ];
        let n = alphabet.len();
        let mut checked = 0;
        for len in 0..=5u32 {
            for code in 0..n.pow(len) {
                // Outermost first.
                let seq: Vec<Option<&LocalName>> = (0..len as usize)
                    .map(|i| alphabet[(code / n.pow(i as u32)) % n].as_ref())
                    .collect();
                let folded = seq.iter().fold(Scopes::default(), |s, name| s.step(*name));
                let scanned = Scopes::scan(|| seq.iter().rev().copied().take(MAX_LOOKUP).flatten());
                assert_eq!(folded, scanned, "{seq:?}");
                checked += 1;
            }
        }
        assert!(checked > 30_000);
    }

    /// The remembered ancestors follow the walk: a `p` (or `a`) that an unwrapped element
    /// no longer shields lifts the block (or link) inside it, and the same shape next to it,
    /// outside any `p` (or `a`), stays.
    #[test]
    fn remembered_scopes_follow_the_walk() {
        let out = crate::Cleaner::default().clean(concat!(
            "<article><p>a<span><button><div>b</div></button></span></p>",
            "<span><button><div>c</div></button></span>",
            "<a href=\"/1\">g<span><marquee><a href=\"/2\">h</a></marquee></span></a>",
            "<span><marquee><a href=\"/3\">i</a></marquee></span></article>",
        ));
        assert_eq!(
            out.html(),
            concat!(
                "<article><p>a<span>  b </span></p><span><div>c</div> </span>",
                "<a href=\"/1\" rel=\"noopener noreferrer\">g<span><div>h</div></span></a>",
                "<span><div><a href=\"/3\" rel=\"noopener noreferrer\">i</a></div></span>",
                "</article>",
            )
        );
    }

    /// Asserts, on every element it sees (before and after its children), that the scopes
    /// remembered by the walk's frames are the ones a scan of the ancestors gives.
    struct ScopesAsScanned;

    impl ScopesAsScanned {
        fn check(el: &crate::Element<'_>) -> crate::Action {
            let remembered = super::scopes(el);
            let scanned = Scopes::scan(|| el.ancestor_names().take(MAX_LOOKUP).flatten());
            assert_eq!(remembered, scanned, "{el:?}");
            crate::Action::Keep
        }
    }

    impl crate::Rule for ScopesAsScanned {
        fn name(&self) -> &'static str {
            "scopes_as_scanned"
        }
        fn element(
            &self,
            el: &mut crate::Element<'_>,
            _: &mut crate::Context<'_>,
        ) -> crate::Action {
            Self::check(el)
        }
        fn element_end(
            &self,
            el: &mut crate::Element<'_>,
            _: &mut crate::Context<'_>,
        ) -> crate::Action {
            Self::check(el)
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// The scopes remembered in the walk's frames are the scanned ones, on mixes of the
        /// elements that open and close scopes, that the rules unwrap, rename or remove.
        #[test]
        fn remembered_scopes_are_the_scanned_ones(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<p>", "</p>", "<a href=/x>", "</a>", "<button>", "</button>", "<table>",
                "<td>", "</table>", "<div>", "</div>", "<span>", "</span>", "<marquee>",
                "</marquee>", "<center>", "<h2>", "<li>", "<ul>", "</ul>", "<section>",
                "<script>x</script>", "<div hidden>", "<svg><text>t</text></svg>", "x", " ",
            ]), 0..24)
        ) {
            let html = pieces.concat();
            let cleaner = crate::Cleaner::builder().with_rule(ScopesAsScanned).build().unwrap();
            let _ = cleaner.clean(&html);
            let _ = cleaner.clean_document(&html);
        }
    }
}
