//! A GIF in `src` that a lazy loader's own attribute replaces with a picture in another
//! format: `<img src="…/e151e5.gif" data-src="…/step-1.png">`, or `data-src` holding a
//! responsive map (`{"default":"…/step-1.png"}`). A loader's stand-in is a GIF (a blank, a
//! spinner, one file for every image of the page) whatever its name; a picture written as a
//! GIF that the loader swaps for a PNG, JPEG or WebP (an image URL by its shape: a page or
//! an endpoint never) is that stand-in. Only the attributes a loader reads to swap the image
//! count: a WordPress attachment's `data-orig-file` or `data-medium-file`, a lightbox's
//! `data-hi-res-src` name other sizes of the picture shown, and leave a real `src` alone.

use super::candidates::{is_image_url, Found, SRCSET_ATTRIBUTES};
use super::placeholder::file_name;
use crate::srcset;
use crate::Element;

/// The attributes a lazy loader swaps into `src` (lazysizes, lozad, unveil, echo.js,
/// vanilla-lazyload, Jetpack, PageSpeed, WP Rocket…).
const LOADER_ATTRIBUTES: &[&str] = &[
    "data-src",
    "data-original",
    "data-actualsrc",
    "data-original-src",
    "data-lazy-src",
    "data-lazyload",
    "data-echo",
    "data-ll-src",
    "data-pagespeed-lazy-src",
];

/// Whether `url` names a GIF file (by its extension, any case).
fn is_gif(url: &str) -> bool {
    let name = file_name(url.trim());
    name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(".gif")
}

/// When the `src` of `el` is a GIF that a loader's attribute replaces with a picture in
/// another format: `Some(None)` when that picture is already in `found` (by name), or
/// `Some(Some(url))` for the picture named by the JSON in such an attribute. `extra` are
/// the configured source attributes (a site's own loader).
pub(super) fn gif_gives_way(
    el: &Element<'_>,
    found: &Found,
    extra: &[String],
) -> Option<Option<String>> {
    let src = el.attr("src")?.trim();
    if !is_gif(src) {
        return None;
    }
    let is_loader = |k: &str| LOADER_ATTRIBUTES.contains(&k) || extra.iter().any(|a| a == k);
    if let Some((name, url)) = &found.src {
        // A picture by its shape: a page or an endpoint in `data-src` never replaces `src`.
        return (is_loader(name) && is_image_url(url) && !is_gif(url) && url.trim() != src)
            .then_some(None);
    }
    if let Some((name, set)) = &found.srcset {
        let other = srcset::parse(set)
            .iter()
            .any(|c| is_image_url(c.url) && !is_gif(c.url));
        return (SRCSET_ATTRIBUTES.contains(&name.as_str()) && other).then_some(None);
    }
    el.attrs()
        .filter(|(k, _)| is_loader(k))
        .find_map(|(_, v)| super::json_attr::json_value_image(v, src))
        .filter(|url| !is_gif(url))
        .map(Some)
}
