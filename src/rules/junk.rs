//! `junk`: hidden elements, tracking pixels and empty elements.

mod buttons;
mod hidden;
mod trackers;

pub use trackers::{is_tracker_or_ad_image, is_tracker_url};

use crate::dom::names::is_block;
use crate::rules::BuiltIn;
use crate::{Action, Context, Element, Interest, Rule};
use hidden::Hiding;
use html5ever::{local_name, LocalName};

/// Removes what a reader never sees:
///
/// - elements hidden from every reader: the `hidden` attribute (not `hidden="until-found"`,
///   nor with an inline `display` other than `none`, which overrides it), an inline
///   `display: none` or `visibility: hidden` (read with a CSS tokenizer; of an invisible
///   element, what its descendants show again with `visibility: visible` stays); text
///   that is only *visually* hidden (screen-reader-only: clipped, off-screen) is kept unless
///   it is also `aria-hidden="true"` (see `hidden`);
/// - tracking pixels and ads: images whose `width` and `height` are both 0 or 1, images
///   from tracker and ad hosts, standard banner sizes (see [`is_tracker_url`] and
///   `junk/trackers.rs` for the table and its sources), empty ad slots
///   and AdSense `<ins>` slots (`ins.adsbygoogle`), and images (and media `<source>`s) left
///   with neither `src` nor `srcset`;
/// - elements left empty (no text but white space, nothing but `<br>` inside), bottom-up so
///   nested empties collapse: paragraphs, `div`s, sections, headings, list items, inline
///   formatting, links. An empty inline element is unwrapped rather than removed, so the
///   white space it held still separates its neighbours. Table cells, media and line breaks
///   are never removed for being empty.
///
/// Counts one change per element removed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Junk;

/// The registry entry: no settings.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "junk",
    on_by_default: true,
    settings: &[],
    final_stage: false,
    filters_at_parse_time: false,
    add: |_, parts| {
        parts.push(Junk);
        Ok(())
    },
};

impl Rule for Junk {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        // Whether an element is hidden, on every element; tracker images and ad slots by
        // any of their attributes; whether a media source has a URL left.
        // `element_end` only where it may act: an image or source left without a URL, an
        // element removable when empty; it keeps every other element untouched.
        // `element` acts only on what an attribute says (hidden, a tracker image, an ad
        // slot, a style that makes a block): not asked about an element without any.
        // A `style` only when it declares what hides or makes a block (`hidden::may_act_on`):
        // any other is as good as none.
        Interest::elements("*")
            .needing_attributes()
            .ending(&format!("img source {REMOVABLE_WHEN_EMPTY}"))
            .reads("*", "hidden aria-hidden")
            .reads_when("*", "style", hidden::may_act_on)
            .reads("img ins", "*")
            .reads("source", "src srcset")
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        // The common element (no `hidden`, `style` or `aria-hidden`; no image nor ad slot)
        // is kept untouched: told by one pass over the attribute names.
        if crate::screens::on() && !may_act(el) {
            return Action::Keep;
        }
        element_slow(el, cx)
    }

    fn element_end(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        // At the end, every rule has had its say on the attributes (the sanitizer may have
        // removed an unsafe `src`): an image, or a media source, with nothing to show goes.
        #[cfg(test)]
        if !crate::screens::on() {
            return tests::element_end_reference(el, cx);
        }
        if !el.is_html() {
            return Action::Keep;
        }
        if matches!(*el.local_name(), local_name!("img") | local_name!("source")) {
            return media_end(el);
        }
        // Empty: nothing inside but white space, comments and line breaks. Most elements
        // hold text or an element: kept.
        if !el.holds_only_blanks_and_breaks() {
            return Action::Keep;
        }
        empty_end(el, cx)
    }
}

/// [`Junk`]'s `element_end` for an image or a media source: it goes when it has nothing to
/// show. Out of line and cold.
#[cold]
#[inline(never)]
fn media_end(el: &Element<'_>) -> Action {
    if !el.has_attr("src") && !el.has_attr("srcset") {
        Action::Remove
    } else {
        Action::Keep
    }
}

/// [`Junk`]'s `element_end` for an empty element (see
/// `Element::holds_only_blanks_and_breaks`) that is no image nor media source. Out of line
/// and cold: most elements are not empty.
#[cold]
#[inline(never)]
fn empty_end(el: &Element<'_>, cx: &Context<'_>) -> Action {
    if !removable_when_empty(el.local_name()) {
        return Action::Keep;
    }
    empty_action(el, cx)
}

/// Whether [`Junk`]'s `element` may act on `el`: it is an image or an `<ins>` (tracker,
/// ad slot), or has an attribute that may hide it or make it a block (`hidden`, `style`,
/// `aria-hidden`). Every other element is kept untouched (the slow path's answer: a
/// property test checks it). Names in any namespace: the slow path tells them apart.
#[inline]
fn may_act(el: &Element<'_>) -> bool {
    matches!(*el.local_name(), local_name!("img") | local_name!("ins"))
        || el.attr_names().any(|n| {
            matches!(
                *n,
                local_name!("hidden") | local_name!("style") | local_name!("aria-hidden")
            )
        })
}

/// [`Junk`]'s `element`, for an element [`may_act`] lets through. Out of line and cold: the
/// common element never gets here.
#[cold]
#[inline(never)]
fn element_slow(el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
    let html = el.is_html();
    if html
        && matches!(
            *el.local_name(),
            local_name!("html") | local_name!("body") | local_name!("head")
        )
    {
        return Action::Keep;
    }
    let (shown, styled) = hidden_from(el);
    match shown {
        Shown::Not | Shown::Partly if holds_the_page(el, cx) => {}
        Shown::Not => return Action::Remove,
        // Only what its descendants show again stays.
        Shown::Partly if !keep_shown(el) => return Action::Remove,
        _ => {}
    }
    if html && *el.local_name() == local_name!("img") && trackers::is_tracker_image(el) {
        return Action::Remove;
    }
    // Only a `style` can make it a block (none was added since it was looked for).
    if html && styled {
        pad_styled_block(el);
    }
    // Before the sanitizer removes the class that says so.
    if html && *el.local_name() == local_name!("ins") && trackers::is_ad_slot(el) {
        return Action::Remove;
    }
    Action::Keep
}

/// What becomes of an element removable when empty that is empty (nothing but white space
/// and line breaks inside). Out of line: `element_end` runs on every element it handles,
/// and most are not empty.
#[inline(never)]
fn empty_action(el: &Element<'_>, cx: &Context<'_>) -> Action {
    if is_blank_line(el) {
        // Blogger's paragraph gap, `text<br><div><br></div>text`: the line break stays.
        return Action::Unwrap;
    }
    // A comment the run keeps (a post's `<!--more-->`) outlives the empty element.
    let keeps_comment = || {
        el.children_iter()
            .any(|c| c.comment_text().is_some_and(|t| cx.keeps_comment(t)))
    };
    if (is_block(el.local_name()) && !keeps_comment()) || !el.has_children() {
        Action::Remove
    } else {
        Action::Unwrap
    }
}

/// Whether an inline style hides its element from every reader (`display: none`,
/// `visibility: hidden`…, read with a CSS tokenizer), for rules reading inside content the
/// walk does not visit (an SVG's text).
pub(crate) fn style_hides(style: &str) -> bool {
    hidden::may_hide(style) && matches!(hidden::hiding(style), Hiding::Removed | Hiding::Invisible)
}

/// Text, in bytes other than white space, that a hidden element must hold before it may be
/// the page's content (about a paragraph; fewer words in Chinese or Japanese).
const PAGE_TEXT_MIN: usize = 200;

/// Whether the hidden element `el` is the page's content, hidden until a script shows it
/// (WeChat's `#js_content` with `visibility: hidden`, an article a script fades in): it
/// holds most of the page's text, laid out as an article is (a paragraph, a heading, a
/// section, a figure or image, a quotation, a table or preformatted text). Removing it would
/// leave the reader next to nothing; kept, it shows what the page shows once its script has
/// run. What it hides inside itself is judged as usual. A hidden block of bare text or
/// links, however long (the keyword list a page hides for search engines), is no article
/// and goes.
///
/// At most one element per page is kept so (the first), which keeps the walk linear: every
/// hidden element measured is then either removed (its text is not seen again) or that one.
#[inline(never)]
fn holds_the_page(el: &Element<'_>, cx: &mut Context<'_>) -> bool {
    if cx.page_revealed {
        return false;
    }
    let removed = cx.removed();
    let holds = holds_enough(
        |limit| el.text_len_outside(removed, limit),
        &mut cx.page_text,
        || el.page_text_len(removed),
    ) && el.holds_element(removed, usize::MAX, is_article_part) == Some(true);
    cx.page_revealed = holds;
    holds
}

/// Whether an element holds at least [`PAGE_TEXT_MIN`] of text and half the page's, given
/// `count`, which counts its text up to a limit (exact below it, at least the limit once
/// reached), and the page's text (measured by `measure` the first time, then kept in `page`).
///
/// The text is counted once, as far as both tests need: up to the limit, the count is
/// exact, and past it both pass (the limit is at least `PAGE_TEXT_MIN` and half the page).
/// Only before the page is measured is it first counted up to `PAGE_TEXT_MIN`, not to
/// measure the page for an element that holds less.
fn holds_enough(
    count: impl Fn(usize) -> usize,
    page: &mut Option<usize>,
    measure: impl FnOnce() -> usize,
) -> bool {
    let limit = |page: usize| PAGE_TEXT_MIN.max(page.div_ceil(2));
    let (len, page) = match *page {
        Some(page) => (count(limit(page)), page),
        None => {
            if count(PAGE_TEXT_MIN) < PAGE_TEXT_MIN {
                return false;
            }
            let measured = measure();
            *page = Some(measured);
            (count(limit(measured)), measured)
        }
    };
    len >= PAGE_TEXT_MIN && 2 * len >= page
}

/// The elements an article's text is laid out in (see [`holds_the_page`]).
fn is_article_part(name: &str) -> bool {
    matches!(
        name,
        "p" | "section"
            | "article"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "img"
            | "pre"
            | "table"
    )
}

/// How much of an element a reader sees.
enum Shown {
    All,
    /// `visibility: hidden`: only what descendants show again (`visibility: visible`).
    Partly,
    Not,
}

/// An inline element that its style made a block (`<span style="display:block">`) loses that
/// style to the sanitizer: a space first and last among its children keeps its words from
/// being glued to the text around it (`By<span style="display:block">Ana</span>` reads
/// "By Ana", not "ByAna"). An empty one still ends a line: it gets one space when it stands
/// between two words (`By<span style="display:block"></span>Ana`), which stays when it is
/// unwrapped as empty. A drop cap is the exception: a floated block holding only the
/// first letter or two of the word that follows (`<span style="display:block;float:left">E</span>xercise`)
/// sits beside that word, which reads "Exercise". Out of line: `element` runs on every
/// element.
#[inline(never)]
fn pad_styled_block(el: &mut Element<'_>) {
    if is_block(el.local_name()) {
        return;
    }
    let Some(style) = el.attr_by_atom(&local_name!("style")) else {
        return;
    };
    if hidden::breaks_lines(style) && !(hidden::floats(style) && is_initial(el)) {
        let (before, after) = (el.glued_before(), el.glued_after());
        el.pad_children(before, after);
    }
}

/// Keeps what the descendants of an invisible `el` show again (`visibility: visible`);
/// whether any is. Out of line and cold: `element` runs on every element.
#[cold]
#[inline(never)]
fn keep_shown(el: &mut Element<'_>) -> bool {
    el.keep_shown(|d| d.attr("style").and_then(|s| hidden::visibility(&s)))
}

/// Whether `el` holds nothing but one text of one or two letters (a drop cap: `E`, `“T`).
fn is_initial(el: &Element<'_>) -> bool {
    let mut children = el.children_iter();
    let (Some(only), None) = (children.next(), children.next()) else {
        return false;
    };
    only.text().is_some_and(|t| {
        let t = t.trim();
        (1..=2).contains(&t.chars().count()) && t.chars().any(char::is_alphabetic)
    })
}

/// Whether `el` is hidden from every reader (see `hidden`), and whether it has a `style`.
fn hidden_from(el: &Element<'_>) -> (Shown, bool) {
    // One pass over the attributes (without namespace, as `attr` sees them): `hidden`
    // anywhere, and the (first) `style`.
    let mut style = None;
    let mut aria_hidden = false;
    let mut hidden_attr = false;
    for (name, value) in el.plain_attrs_by_atom() {
        match *name {
            local_name!("hidden") => {
                hidden_attr |= !value.trim().eq_ignore_ascii_case("until-found");
            }
            local_name!("style") if style.is_none() => style = Some(value),
            local_name!("aria-hidden") => {
                aria_hidden = value.trim().eq_ignore_ascii_case("true");
            }
            _ => {}
        }
    }
    let Some(style) = style else {
        return (if hidden_attr { Shown::Not } else { Shown::All }, false);
    };
    // `hidden` is the user agent's `display: none`, which an inline `display` overrides.
    if hidden_attr && !hidden::displays(style) {
        return (Shown::Not, true);
    }
    if !aria_hidden && !hidden::may_hide_from_all(style) {
        return (Shown::All, true);
    }
    let shown = match hidden::hiding(style) {
        Hiding::Removed => Shown::Not,
        Hiding::Invisible => Shown::Partly,
        Hiding::Visually if aria_hidden => Shown::Not,
        Hiding::Visually | Hiding::No => Shown::All,
    };
    (shown, true)
}

/// An empty `div` holding a line break, between a line break (or text) and text: in text
/// written with line breaks rather than paragraphs, it is the blank line between two of them.
fn is_blank_line(el: &Element<'_>) -> bool {
    let is_br = |n: &crate::NodeRef| n.is("br");
    let text = |n: &crate::NodeRef| n.is_text() && !n.is_blank();
    *el.local_name() == local_name!("div")
        && el.children_iter().any(|c| is_br(&c))
        && el.previous_sibling().is_some_and(|p| is_br(&p) || text(&p))
        && el
            .next_sibling()
            .is_some_and(|n| text(&n) || n.local_name().is_some_and(|n| !is_block(n)))
}

/// The names [`removable_when_empty`] matches, for the rule's [`Interest`] (a unit test
/// checks that the two agree).
const REMOVABLE_WHEN_EMPTY: &str = "p div section article aside header footer nav main \
    blockquote center h1 h2 h3 h4 h5 h6 ul ol li dl dd dt figure figcaption span font a b \
    strong i em u s small big mark sub sup label picture";

fn removable_when_empty(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("nav")
            | local_name!("main")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("li")
            | local_name!("dl")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("span")
            | local_name!("font")
            | local_name!("a")
            | local_name!("b")
            | local_name!("strong")
            | local_name!("i")
            | local_name!("em")
            | local_name!("u")
            | local_name!("s")
            | local_name!("small")
            | local_name!("big")
            | local_name!("mark")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("label")
            // A `<picture>` draws only through its `<img>`: empty, it shows nothing (the
            // sources of a stand-in or tracker removed, say).
            | local_name!("picture")
    )
}

#[cfg(test)]
mod tests {
    use super::{
        empty_action, holds_enough, removable_when_empty, PAGE_TEXT_MIN, REMOVABLE_WHEN_EMPTY,
    };
    use crate::{Action, Context, Element};
    use html5ever::{local_name, LocalName};
    use proptest::prelude::*;

    /// `Junk::element_end` as it was before its screen (the oracle of `screens`):
    /// the media check, then the names removable when empty, then the children, elements
    /// first.
    pub(super) fn element_end_reference(el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if !el.is_html() {
            return Action::Keep;
        }
        if matches!(*el.local_name(), local_name!("img") | local_name!("source"))
            && !el.has_attr("src")
            && !el.has_attr("srcset")
        {
            return Action::Remove;
        }
        if !removable_when_empty(el.local_name()) {
            return Action::Keep;
        }
        let is_br = |n: &LocalName| *n == local_name!("br");
        if el
            .children_iter()
            .any(|c| c.local_name().is_some_and(|n| !is_br(n)))
        {
            return Action::Keep;
        }
        let empty = el
            .children_iter()
            .all(|c| c.is_blank() || c.local_name().is_some_and(is_br));
        if !empty {
            return Action::Keep;
        }
        empty_action(el, cx)
    }

    /// The text of an element as `Element::text_len_outside` counts it: texts of the given
    /// lengths in turn, until the total reaches the limit.
    fn count(texts: &[usize], limit: usize) -> usize {
        let mut total = 0;
        for &t in texts {
            total += t;
            if total >= limit {
                break;
            }
        }
        total
    }

    proptest! {
        /// One count as far as both tests need decides as the two counts did (the first up
        /// to `PAGE_TEXT_MIN`, the second up to half the page), whether the page is measured
        /// now or was before, and measures the page in the same cases.
        #[test]
        fn one_count_decides_as_two(
            texts in proptest::collection::vec(
                prop_oneof![0..4usize, 0..150usize, 0..3000usize], 0..12),
            rest in prop_oneof![0..4usize, 0..400usize, 0..20000usize],
            known in proptest::option::of(0..30000usize),
        ) {
            let own: usize = texts.iter().sum();
            let old = |page: &mut Option<usize>| {
                if count(&texts, PAGE_TEXT_MIN) < PAGE_TEXT_MIN {
                    return false;
                }
                let page = *page.get_or_insert(own + rest);
                2 * count(&texts, page.div_ceil(2)) >= page
            };
            let (mut before, mut after) = (known, known);
            let expected = old(&mut before);
            let got = holds_enough(|limit| count(&texts, limit), &mut after, || own + rest);
            prop_assert_eq!(got, expected);
            prop_assert_eq!(after, before);
        }
    }

    /// The `element_end` interest names exactly the elements removable when empty: one
    /// missing there would never be removed, one too many asked for nothing.
    #[test]
    fn the_interest_names_the_removable_elements() {
        let listed: Vec<&str> = REMOVABLE_WHEN_EMPTY.split_ascii_whitespace().collect();
        for name in crate::dom::names::HTML_ELEMENTS
            .split_ascii_whitespace()
            .chain(listed.iter().copied())
        {
            assert_eq!(
                removable_when_empty(&LocalName::from(name)),
                listed.contains(&name),
                "{name}"
            );
        }
    }
}
