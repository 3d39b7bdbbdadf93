//! `image_wrappers`: a container that only holds one image becomes a `<figure>`.

use crate::dom::names::is_block;
use crate::{Action, Context, Element, NodeRef, Rule};

/// A `div`, `span`, `section`, or `a` without a real link (no `href`, `#`, or
/// `javascript:`), whose only content is one image (`img`, `picture` or an existing
/// `figure`) plus white space:
///
/// - around a `figure`, it is unwrapped;
/// - in block context (at the top, or inside a block element), it becomes
///   `<figure><img></figure>`;
/// - inline (inside a paragraph, a link…), it is unwrapped to the bare image.
///
/// Runs bottom-up, so nested wrappers (`div.img_box > div.content_img_div > img`) collapse to
/// one `<figure>`. Counts one change per wrapper.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImageWrappers;

impl Rule for ImageWrappers {
    fn name(&self) -> &'static str {
        "image_wrappers"
    }

    fn element_end(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        let wrapper =
            el.is("div") || el.is("span") || el.is("section") || (el.is("a") && !has_real_link(el));
        if !wrapper {
            return Action::Keep;
        }
        let children = el.children();
        let Some(only) = only_child_element(&children) else {
            return Action::Keep;
        };
        match only.name() {
            Some("figure") => Action::Unwrap,
            Some("img" | "picture") => {
                let block_context = el.parent().is_none_or(|p| {
                    p.local_name().is_some_and(|n| is_block(n) && n != "p") && !p.is("figure")
                });
                if block_context && !el.is("span") && !el.is("a") {
                    Action::rename("figure")
                } else {
                    Action::Unwrap
                }
            }
            _ => Action::Keep,
        }
    }
}

fn has_real_link(el: &Element<'_>) -> bool {
    el.attr("href").is_some_and(|h| {
        let h = h.trim();
        !h.is_empty() && h != "#" && !h.to_ascii_lowercase().starts_with("javascript:")
    })
}

/// The one child element when every other child is blank text or a comment.
fn only_child_element(children: &[NodeRef]) -> Option<&NodeRef> {
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
