//! Previews shown twice: a low-quality stand-in `<img>` beside the real image (Medium's
//! `max/60/…?q=20` before its `<noscript>` original, Gatsby's `img[data-placeholder-image]`,
//! a separate LQIP `<img>`) goes when the real image is there: one image per figure.

use super::noscript::single_image;
use super::placeholder::file_name;
use crate::ascii::contains_ci;
use crate::dom::Removed;
use crate::{Element, NodeRef};

/// How many wrapper levels are climbed to find the real image (Medium nests the preview in
/// `div > div` and puts the `<noscript>` beside the outer one).
const MAX_LEVELS: usize = 3;

/// Attributes that mark an `<img>` as the preview of another image.
const PREVIEW_ATTRIBUTES: &[&str] = &["data-placeholder-image", "data-lqip", "data-placeholder"];

/// Whether `el` says it is a preview: a [`PREVIEW_ATTRIBUTES`] attribute, a class word
/// containing `lqip` or `placeholder`, or `lqip` in its file name.
pub(crate) fn is_marked_preview(el: &Element<'_>) -> bool {
    PREVIEW_ATTRIBUTES.iter().any(|a| el.has_attr(a))
        || el
            .classes()
            .any(|c| contains_ci(c, "lqip") || contains_ci(c, "placeholder"))
        || el
            .attr("src")
            .is_some_and(|s| contains_ci(file_name(s), "lqip"))
}

/// Whether the real image of the preview `el` follows it: among the next two element
/// siblings of `el`, or of the wrappers it is the only element of (up to [`MAX_LEVELS`]),
/// an `<img>`, `<picture>` or `<noscript>` image that is the same picture (the same file
/// name as `src`) — or any image when `any_image` (the preview is marked as one). Not inside
/// what the final stage removes with its content (`removed`).
pub(crate) fn real_image_follows(
    el: &Element<'_>,
    src: &str,
    any_image: bool,
    removed: Removed<'_>,
) -> bool {
    let name = file_name(src.trim()).to_ascii_lowercase();
    let same = |url: &str| {
        any_image || (!name.is_empty() && file_name(url.trim()).eq_ignore_ascii_case(&name))
    };
    let shows = |n: &NodeRef| -> bool {
        if n.is("noscript") {
            return single_image(&n.text_content()).is_some_and(|img| image_urls(&img, &same));
        }
        if n.is("img") {
            return image_urls(n, &same);
        }
        (n.is("picture") || n.is("a") || n.is("span") || n.is("div"))
            && n.descendant_elements_outside(removed)
                .iter()
                .any(|d| d.is("img") && image_urls(d, &same))
    };
    let ancestors: Vec<NodeRef> = el.ancestors().take(MAX_LEVELS).collect();
    for level in 0..=MAX_LEVELS {
        if level > 0 {
            // Climb only out of a wrapper that holds nothing but the preview.
            let wrapper = &ancestors.get(level - 1);
            let ok = wrapper.is_some_and(|w| !w.is("body") && !w.is("figure") && !w.is("picture"))
                && el.is_only_child_at(level - 1);
            if !ok {
                return false;
            }
        }
        if el.next_element_siblings_at(level).iter().take(2).any(shows) {
            return true;
        }
    }
    false
}

/// Whether an `<img>` has a URL (`src`, `srcset` candidates, any URL-valued `data-`
/// attribute) that passes `same`; a lazy `<img>` with no URL yet counts when `same` accepts
/// anything.
fn image_urls(img: &NodeRef, same: &dyn Fn(&str) -> bool) -> bool {
    let attrs = img.attrs();
    let mut any_url = false;
    for (k, v) in &attrs {
        let urls: Vec<&str> = if k.contains("srcset") {
            crate::srcset::parse(v).iter().map(|c| c.url).collect()
        } else if k == "src" || k.starts_with("data-") {
            vec![v.as_str()]
        } else {
            continue;
        };
        for u in urls {
            if u.trim().is_empty() || u.starts_with("data:") {
                continue;
            }
            any_url = true;
            if same(u) {
                return true;
            }
        }
    }
    !any_url && same("")
}
