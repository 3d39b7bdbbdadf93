//! `<noscript>` fallbacks. The parser runs with scripting on, so a `<noscript>` holds its
//! markup as one text node: it is parsed here to see whether it holds one image.

use super::candidates::{find, srcset_is_placeholder};
use super::placeholder::is_placeholder;
use crate::{Action, Element, NodeRef};

/// The one `<img>` of a `<noscript>`'s markup, when that markup is a single image (possibly
/// inside wrappers or a `<picture>`) and no text.
pub(crate) fn single_image(markup: &str) -> Option<NodeRef> {
    if !markup.to_ascii_lowercase().contains("<img") {
        return None;
    }
    let mut image = None;
    let mut stack = NodeRef::parse_fragment(markup);
    while let Some(node) = stack.pop() {
        if node.is_text() {
            if !node.is_blank() {
                return None;
            }
            continue;
        }
        if node.is("img") {
            if image.is_some() {
                return None;
            }
            image = Some(node.clone());
        }
        stack.extend(node.children());
    }
    image
}

/// What to do with a `<noscript>`:
///
/// - it holds one image, and the image it stands in for is already there (the element just
///   before it shows an image, or the one just after it will once promoted): removed;
/// - it holds one image on its own: replaced by its markup (which is then cleaned like any
///   input);
/// - anything else (and anything in `<head>`): removed.
#[inline(never)]
pub(crate) fn noscript_action(el: &Element<'_>, extra: &[String]) -> Action {
    let markup = el.text_content();
    // Nothing in `<head>` is content (and an image there would move on the next parse).
    if single_image(&markup).is_none() || el.has_ancestor("head") {
        return Action::Remove;
    }
    let before = el.previous_element_sibling();
    let after = el.next_element_sibling();
    let shown = before.as_ref().is_some_and(shows_image)
        || after.as_ref().is_some_and(|n| will_show_image(n, extra));
    if shown {
        Action::Remove
    } else {
        Action::Replace(markup)
    }
}

/// Whether `node` (already cleaned) is, or holds, an image with a real source.
fn shows_image(node: &NodeRef) -> bool {
    let real = |n: &NodeRef| n.is("img") && has_real_source(&n.attrs());
    real(node)
        || ((node.is("picture") || node.is("figure") || node.is("a") || node.is("span"))
            && node.descendant_elements().iter().any(real))
}

/// Whether `node` (not cleaned yet) is, or holds, an image that has a real source or a
/// lazy candidate to promote.
fn will_show_image(node: &NodeRef, extra: &[String]) -> bool {
    let ok = |n: &NodeRef| {
        if !n.is("img") {
            return false;
        }
        let attrs = n.attrs();
        let pairs: Vec<(&str, &str)> = attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        has_real_source(&attrs) || find(&pairs, extra, true).is_some()
    };
    ok(node) || (node.is("picture") && node.descendant_elements().iter().any(ok))
}

fn has_real_source(attrs: &[(String, String)]) -> bool {
    attrs.iter().any(|(k, v)| match k.as_str() {
        "src" => !v.trim().is_empty() && !is_placeholder(v),
        "srcset" => !srcset_is_placeholder(v),
        _ => false,
    })
}
