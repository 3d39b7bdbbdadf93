//! Form controls, read as a reader saw them: a button's content, a text area's text, a
//! drop-down's selected option. The controls themselves never reach the output.
//!
//! | control | becomes |
//! |---|---|
//! | `<button>` | its content, unwrapped (links and images cleaned as anywhere else); an empty or icon-only button is removed |
//! | `<textarea>` | its text, in a `<pre>`; an empty one is removed |
//! | `<select>` | the text of the option it shows (the selected one, else the first enabled one); every option's text, one a line, for a list box (`multiple`, `size` > 1) |
//!
//! Whatever is unwrapped or removed leaves a space where it separated two words (removals:
//! the walk, `dom::junction`).

use crate::dom::serialize::escape_into;
use crate::{Action, Element, NodeRef};
use html5ever::local_name;

/// An image with both dimensions at most this many pixels is an icon.
const ICON_SIZE: u32 = 32;

/// Elements whose text a reader never sees as such.
fn is_unseen(name: &str) -> bool {
    crate::dom::names::shows_no_text(name)
        || matches!(name, "svg" | "iframe" | "object" | "datalist")
}

/// Empty form controls and other replaced elements removed by the sanitizer: they render
/// as a box between the words around them, so they are not dropped while parsing (the walk
/// leaves a space where one separated two words, `dom::junction`).
pub(super) fn is_box(name: &html5ever::LocalName) -> bool {
    // Atoms, not strings: this runs on every element (each name is a static atom).
    matches!(
        *name,
        local_name!("input")
            | local_name!("canvas")
            | local_name!("meter")
            | local_name!("progress")
            | local_name!("keygen")
            | local_name!("applet")
    )
}

/// `<button>`: its content, unless it shows nothing but icons.
pub(super) fn button(el: &Element<'_>) -> Action {
    if !shows_content(el) {
        return Action::Remove;
    }
    el.pad_children(el.glued_before(), el.glued_after());
    Action::Unwrap
}

/// Whether some text or a content image (not an icon) is below `el`.
fn shows_content(el: &Element<'_>) -> bool {
    let mut stack: Vec<NodeRef> = el.children();
    while let Some(node) = stack.pop() {
        if node.is_text() {
            if !node.is_blank() {
                return true;
            }
            continue;
        }
        let Some(name) = node.name() else { continue };
        if is_unseen(name) {
            continue;
        }
        if matches!(name, "img" | "picture" | "video") && !is_icon(&node) {
            return true;
        }
        stack.extend(node.children_iter());
    }
    false
}

/// An image whose declared width and height are both icon-sized.
fn is_icon(node: &NodeRef) -> bool {
    let size = |a: &str| {
        node.attr(a).and_then(|v| {
            v.trim()
                .trim_end_matches("px")
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|n| n.is_finite())
        })
    };
    let small = |n: Option<f32>| n.is_some_and(|n| n <= ICON_SIZE as f32);
    small(size("width")) && small(size("height"))
}

/// `<textarea>`, `<xmp>`, `<plaintext>`: the text a reader saw (written as is, not read as
/// markup), as preformatted text.
pub(super) fn preformatted(el: &Element<'_>) -> Action {
    let text = el.text_content();
    if text.trim().is_empty() {
        return Action::Remove;
    }
    let mut html = String::with_capacity(text.len() + 16);
    html.push_str("<pre>");
    if text.starts_with('\n') {
        // The parser drops one line feed right after `<pre>`.
        html.push('\n');
    }
    escape_into(&mut html, &text, false);
    html.push_str("</pre>");
    Action::Replace(html)
}

/// `<select>`: the option(s) it shows, as text.
pub(super) fn select(el: &Element<'_>) -> Action {
    let options = options(el);
    let list_box = el.has_attr("multiple")
        || el
            .attr("size")
            .and_then(|s| s.trim().parse::<u32>().ok())
            .is_some_and(|n| n > 1);
    let shown: Vec<&NodeRef> = if list_box {
        options.iter().collect()
    } else {
        // The last selected option wins; without one, the first that is not disabled.
        options
            .iter()
            .rev()
            .find(|o| o.attr("selected").is_some())
            .or_else(|| options.iter().find(|o| o.attr("disabled").is_none()))
            .or(options.first())
            .into_iter()
            .collect()
    };
    let texts: Vec<String> = shown
        .iter()
        .map(|o| option_text(o))
        .filter(|t| !t.is_empty())
        .collect();
    if texts.is_empty() {
        return Action::Remove;
    }
    let mut html = String::new();
    if el.glued_before() {
        html.push(' ');
    }
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            html.push_str("<br>");
        }
        escape_into(&mut html, text, false);
    }
    if el.glued_after() {
        html.push(' ');
    }
    Action::Replace(html)
}

/// The `option`s of a `select`, in tree order (those of its `optgroup`s included).
fn options(el: &Element<'_>) -> Vec<NodeRef> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeRef> = el.children();
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.name() {
            Some("option") => out.push(node),
            Some(name) if !is_unseen(name) => {
                let mut kids = node.children();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
    out
}

/// What an option shows: its `label`, else its text with white space collapsed.
fn option_text(option: &NodeRef) -> String {
    let label = option.attr("label").unwrap_or_default();
    let text = if label.trim().is_empty() {
        super::math::seen_text(option)
    } else {
        label
    };
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

impl super::Sanitize {
    /// An element of `READ_AS_TEXT`, replaced by what a reader saw of it.
    #[inline(never)]
    pub(super) fn read(&self, el: &Element<'_>, name: &html5ever::LocalName) -> Action {
        match &**name {
            "button" => button(el),
            "textarea" | "xmp" | "plaintext" => preformatted(el),
            // An image map's content shows (text, an image put inside it); its areas do not
            // (and go as elements): a map of areas only leaves nothing.
            "map"
                if el.has_text()
                    || el
                        .children_iter()
                        .any(|c| c.name().is_some_and(|n| n != "area")) =>
            {
                Action::Unwrap
            }
            "map" => Action::Remove,
            // A closed dialog shows nothing (the user agent hides it; an open one is not
            // read here: it is a block, see `Sanitize::element`).
            "dialog" => Action::Remove,
            "select" => select(el),
            // An HTML `math` (a renamed element): its content, like any unknown element.
            _ => Action::Unwrap,
        }
    }
}
