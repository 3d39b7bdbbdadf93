//! Elements that stand for an image without being one: NYT's `figure[itemid]`, a lazy
//! `div`/`span` with `data-src` and nothing inside.

use super::candidates::{clean_url, find, is_image_url};
use super::LazyImages;
use crate::{Action, Element};

impl LazyImages {
    /// `figure[itemid]` whose `itemid` is an image URL and which holds no image (not even in a
    /// `<noscript>`): the image is put first in the figure.
    #[inline(never)]
    pub(super) fn fix_figure(&self, el: &mut Element<'_>) -> Action {
        let Some(url) = el
            .attr("itemid")
            .filter(|v| is_image_url(v))
            .and_then(clean_url)
        else {
            return Action::Keep;
        };
        let has_image = el.element_children().iter().any(|c| {
            c.is("img")
                || c.is("picture")
                || c.descendant_elements()
                    .iter()
                    .any(|d| d.is("img") || d.is("picture"))
                || (c.is("noscript") && c.text_content().to_ascii_lowercase().contains("<img"))
                || c.descendant_elements().iter().any(|d| {
                    d.is("noscript") && d.text_content().to_ascii_lowercase().contains("<img")
                })
        });
        if has_image {
            return Action::Keep;
        }
        Action::Replace(format!(
            "<figure><img src=\"{}\">{}</figure>",
            escape_attr(&url),
            el.inner_html()
        ))
    }

    /// A `div`/`span` with a lazy image attribute (by name) and no content: becomes the
    /// `<img>` (keeping `alt`).
    pub(super) fn fix_block(&self, el: &mut Element<'_>) -> Action {
        // Cheap test first: this runs on every `div` and `span`.
        if !el
            .attrs()
            .any(|(k, _)| k.starts_with("data-") || self.src_attributes.iter().any(|a| a == k))
            || el.children_iter().any(|c| !c.is_blank())
        {
            return Action::Keep;
        }
        let attrs: Vec<(&str, &str)> = el.attrs().collect();
        let found = find(&attrs, &self.src_attributes, false);
        let mut html = String::from("<img");
        if let Some((_, url)) = &found.src {
            html.push_str(&format!(" src=\"{}\"", escape_attr(url)));
        }
        if let Some((_, set)) = &found.srcset {
            html.push_str(&format!(" srcset=\"{}\"", escape_attr(set)));
        }
        if !found.is_some() {
            return Action::Keep;
        }
        for name in ["alt", "title"] {
            if let Some(v) = el.attr(name) {
                html.push_str(&format!(" {name}=\"{}\"", escape_attr(v)));
            }
        }
        html.push('>');
        Action::Replace(html)
    }
}

/// Escapes a value for a double-quoted attribute.
pub(crate) fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;")
}
