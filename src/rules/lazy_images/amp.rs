//! AMP's image elements: `<amp-img>` and `<amp-anim>` are the images of an AMP page (the
//! AMP runtime draws an `<img>` inside them). Outside AMP they render nothing, so each
//! becomes the `<img>` it stands for.
//!
//! Documented at <https://amp.dev/documentation/components/amp-img> and
//! `amp-anim`: `src`, `srcset`, `sizes`, `alt`, `width`, `height`, `attribution`; a child
//! with the `placeholder` attribute is shown while the image loads, a child with
//! `fallback` when it fails, and a `<noscript><img></noscript>` child repeats the image for
//! readers without scripts.

use super::candidates::{clean_srcset, clean_url, srcset_is_placeholder};
use super::placeholder::is_placeholder;
use super::stand_in::escape_attr;
use super::LazyImages;
use crate::{Action, Element};

/// The AMP elements that are images.
pub(super) const AMP_IMAGES: &[&str] = &["amp-img", "amp-anim"];

/// Attributes copied to the `<img>` as they are (the URLs are checked first).
const KEPT: &[&str] = &["alt", "title", "width", "height", "sizes"];

impl LazyImages {
    /// `<amp-img>`/`<amp-anim>` with a real `src` or `srcset` becomes that `<img>`: its
    /// placeholder, fallback and `<noscript>` children show the same picture (or a stand-in
    /// for it) and go with it. Without a real source of its own, it is unwrapped: a
    /// `<noscript>` image or a fallback inside is then the image.
    #[inline(never)]
    pub(super) fn fix_amp_image(&self, el: &mut Element<'_>) -> Action {
        let src = el
            .attr("src")
            .filter(|s| !is_placeholder(s))
            .and_then(clean_url);
        let srcset = el
            .attr("srcset")
            .filter(|s| !srcset_is_placeholder(s))
            .and_then(clean_srcset);
        if src.is_none() && srcset.is_none() {
            return Action::Unwrap;
        }
        let mut html = String::from("<img");
        if let Some(src) = &src {
            html.push_str(&format!(" src=\"{}\"", escape_attr(src)));
        }
        if let Some(set) = &srcset {
            html.push_str(&format!(" srcset=\"{}\"", escape_attr(set)));
        }
        for name in KEPT {
            if let Some(v) = el.attr(name) {
                html.push_str(&format!(" {name}=\"{}\"", escape_attr(v)));
            }
        }
        html.push('>');
        Action::Replace(html)
    }
}
