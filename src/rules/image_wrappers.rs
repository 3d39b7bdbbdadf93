//! `image_wrappers`: a container that only holds one image (and maybe its caption) becomes a
//! `<figure>`.
//!
//! Kept apart from [`lazy_images`](crate::rules::lazy_images): that rule recovers the image
//! itself, this one (which runs after it, bottom-up) decides what is left around it.

use crate::dom::names::is_block;
use crate::dom::Removed;
use crate::rules::BuiltIn;
use crate::{Action, Context, Element, Interest, NodeRef, Rule};
use html5ever::local_name;

/// The registry entry: no settings.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "image_wrappers",
    on_by_default: true,
    settings: &[],
    final_stage: false,
    filters_at_parse_time: false,
    add: |_, parts| {
        parts.push(ImageWrappers);
        Ok(())
    },
};

/// A `div`, `span`, `section`, or `a` without a real link (no `href`, `#`, or
/// `javascript:`) — lazy-load, preview and zoom boxes, `onclick` boxes — whose only content
/// is one image (`img`, `picture` or an existing `figure`) plus white space:
///
/// - around a `figure`, or inside one, it is unwrapped (figures are never nested);
/// - in block context (at the top, or inside a block element), it becomes
///   `<figure><img></figure>`;
/// - inline (inside a paragraph, a link…), it is unwrapped to the bare image.
///
/// In block context, a `div`/`section` holding one image followed by its caption (a
/// `figcaption`, or a last `div`/`p`/`span` whose class contains `caption`: Jianshu's
/// `.image-caption`, WordPress's `.wp-caption-text`) becomes
/// `<figure><img><figcaption>…</figcaption></figure>`.
///
/// Runs bottom-up, so nested wrappers (`div.img_box > div.content_img_div > img`) collapse to
/// one `<figure>`. Counts one change per wrapper.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImageWrappers;

impl Rule for ImageWrappers {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        // `element` looks for a caption class: not asked about an element without
        // attributes.
        Interest::elements("div p span section a")
            .needing_attributes()
            .ending("div span section a")
            .reads_word("div p span", "class", "caption")
            .reads("a", "href")
    }

    /// A caption right after an image, last in a `div`/`section`, becomes a `figcaption`
    /// now, while its class is still there (the sanitizer removes classes); its parent
    /// then turns the pair into one `<figure>`.
    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let candidate = el.is_html()
            && matches!(
                *el.local_name(),
                local_name!("div") | local_name!("p") | local_name!("span")
            );
        // A class word contains `caption` exactly when the attribute does (the word has no
        // white space): one look at the whole value.
        if !candidate
            || !el
                .attr_by_atom(&local_name!("class"))
                .is_some_and(is_caption_class)
        {
            return Action::Keep;
        }
        caption(el, cx)
    }

    fn element_end(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        // By name first, then the children (without collecting them), and only then the
        // link: this runs on every element.
        let wrapper = el.is_html()
            && matches!(
                *el.local_name(),
                local_name!("div")
                    | local_name!("span")
                    | local_name!("section")
                    | local_name!("a")
            );
        if !wrapper
            || !el.children_iter().any(|c| {
                c.local_name().is_some_and(|n| {
                    matches!(
                        *n,
                        local_name!("img") | local_name!("picture") | local_name!("figure")
                    )
                })
            })
            || (*el.local_name() == local_name!("a") && has_real_link(el))
        {
            return Action::Keep;
        }
        wrapper_action(el, cx.removed())
    }
}

/// A caption candidate (its class says so): a `figcaption` when it stands last after an
/// image in a `div`/`section`. Out of line: `element` runs on every element.
#[inline(never)]
fn caption(el: &Element<'_>, cx: &Context<'_>) -> Action {
    let parent_ok = el.parent().is_some_and(|p| p.is("div") || p.is("section"));
    let after_image = el
        .previous_element_sibling()
        .is_some_and(|s| s.is("img") || s.is("picture") || s.is("figure"));
    if parent_ok
        && after_image
        && el.next_element_sibling().is_none()
        && el.has_text_outside(cx.removed())
    {
        Action::rename_to(local_name!("figcaption"))
    } else {
        Action::Keep
    }
}

/// A wrapper holding an image: unwrapped, turned into a `figure`, or kept. Out of line:
/// `element_end` runs on every element.
///
/// The children are read in place (no list of them is made) and the ancestors only when the
/// answer depends on them: the only child a figure is unwrapped wherever it stands, a `span`
/// or `a` holding only an image too; a list of the children is made for a caption only.
#[inline(never)]
fn wrapper_action(el: &Element<'_>, removed: Removed<'_>) -> Action {
    #[cfg(test)]
    if !crate::screens::on() {
        return tests::wrapper_action_reference(el, removed);
    }
    let only = match child_elements(el.children_iter()) {
        ChildElements::One(only) => only,
        ChildElements::Two(image, caption)
            if matches!(
                *el.local_name(),
                local_name!("div") | local_name!("section")
            ) && in_block_context(el) =>
        {
            return with_caption(&image, &caption, removed).map_or(Action::Keep, Action::Replace);
        }
        _ => return Action::Keep,
    };
    match only.local_name() {
        Some(&local_name!("figure")) => Action::Unwrap,
        Some(&local_name!("img") | &local_name!("picture")) => {
            if !matches!(*el.local_name(), local_name!("span") | local_name!("a"))
                && in_block_context(el)
            {
                Action::rename_to(local_name!("figure"))
            } else {
                Action::Unwrap
            }
        }
        _ => Action::Keep,
    }
}

/// Whether `el` stands in block context outside any figure: at the top, or in a block
/// element other than `p`, with no `figure` (in any namespace) among its ancestors. Names
/// compared as atoms (equal exactly when their text is).
fn in_block_context(el: &Element<'_>) -> bool {
    el.ancestor_names()
        .next()
        .is_none_or(|p| p.is_some_and(|n| is_block(n) && *n != local_name!("p")))
        && !el
            .ancestor_names()
            .any(|n| n == Some(&local_name!("figure")))
}

/// Whether a class attribute (or one of its words) contains `caption`, in any case.
fn is_caption_class(class: &str) -> bool {
    crate::ascii::contains_ci(class, "caption")
}

fn has_real_link(el: &Element<'_>) -> bool {
    el.attr("href").is_some_and(|h| {
        let h = h.trim();
        !h.is_empty()
            && h != "#"
            && !h
                .as_bytes()
                .get(..11)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"javascript:"))
    })
}

/// The child elements of a node whose other children are all blank text or comments: one,
/// two (what [`with_caption`] reads), or another case ([`ChildElements::Other`]).
enum ChildElements {
    One(NodeRef),
    Two(NodeRef, NodeRef),
    /// No child element, more than two, or a child that is text (not blank).
    Other,
}

/// The [`ChildElements`] of `children`, read once in place.
fn child_elements(children: impl Iterator<Item = NodeRef>) -> ChildElements {
    let (mut first, mut second, mut more) = (None, None, false);
    for child in children {
        if child.is_element() {
            if first.is_none() {
                first = Some(child);
            } else if second.is_none() {
                second = Some(child);
            } else {
                more = true;
            }
        } else if !child.is_blank() {
            return ChildElements::Other;
        }
    }
    match (first, second, more) {
        (Some(one), None, _) => ChildElements::One(one),
        (Some(image), Some(caption), false) => ChildElements::Two(image, caption),
        _ => ChildElements::Other,
    }
}

/// The most nodes a caption is read for (a caption is a line or two of text).
const CAPTION_NODES: usize = 256;

/// `<figure><img><figcaption>…</figcaption></figure>` when the two child elements of a
/// wrapper (its other children blank) are one image (bare, or alone in a `figure`) then a
/// caption with text.
fn with_caption(image: &NodeRef, caption: &NodeRef, removed: Removed<'_>) -> Option<String> {
    // The image to write out (its HTML made only once the caption is known to be one).
    let image = if image.is("img") || image.is("picture") {
        image.clone()
    } else if image.is("figure") {
        let inner = image.element_children();
        match inner.as_slice() {
            [one]
                if (one.is("img") || one.is("picture"))
                    && !image.text_content().chars().any(|c| !c.is_whitespace()) =>
            {
                one.clone()
            }
            _ => return None,
        }
    } else {
        return None;
    };
    // A caption that holds an image (or more than `CAPTION_NODES` nodes) is not the
    // caption of the image beside it; were it one, nested image-and-caption wrappers would
    // each write out and parse again everything below them.
    if !caption.is("figcaption")
        || caption.finds_element_within(removed, CAPTION_NODES, |n| {
            matches!(n, "img" | "picture" | "figure" | "video")
        }) != Some(false)
        || caption.text_content().trim().is_empty()
    {
        return None;
    }
    let image_html = image.html();
    Some(format!(
        "<figure>{image_html}<figcaption>{}</figcaption></figure>",
        caption.inner_html()
    ))
}

#[cfg(test)]
mod tests {
    use super::{is_block, with_caption, Action, Element, NodeRef, Removed};

    /// `with_caption` as it was, given every child.
    fn with_caption_reference(children: &[NodeRef], removed: Removed<'_>) -> Option<String> {
        if children.iter().any(|c| !c.is_element() && !c.is_blank()) {
            return None;
        }
        let elements: Vec<&NodeRef> = children.iter().filter(|c| c.is_element()).collect();
        let [image, caption] = elements.as_slice() else {
            return None;
        };
        with_caption(image, caption, removed)
    }
    use html5ever::local_name;

    /// `wrapper_action` as it was before it read the children in place (the oracle of
    /// `screens`): the children collected, the block context worked out first.
    pub(super) fn wrapper_action_reference(el: &Element<'_>, removed: Removed<'_>) -> Action {
        let children = el.children();
        let block_context = el
            .parent()
            .is_none_or(|p| p.local_name().is_some_and(|n| is_block(n) && n != "p"))
            && !el.has_ancestor("figure");
        let Some(only) = only_child(&children) else {
            if block_context && (el.is("div") || el.is("section")) {
                return with_caption_reference(&children, removed)
                    .map_or(Action::Keep, Action::Replace);
            }
            return Action::Keep;
        };
        match only.name() {
            Some("figure") => Action::Unwrap,
            Some("img" | "picture") => {
                if block_context && !el.is("span") && !el.is("a") {
                    Action::rename_to(local_name!("figure"))
                } else {
                    Action::Unwrap
                }
            }
            _ => Action::Keep,
        }
    }

    fn only_child(children: &[NodeRef]) -> Option<&NodeRef> {
        let mut only = None;
        for child in children {
            if child.is_element() {
                if only.is_some() {
                    return None;
                }
                only = Some(child);
            } else if !child.is_blank() {
                return None;
            }
        }
        only
    }
}
