//! The picture a lightbox link opens: `<a href="…/photo-full.jpg" class="lightbox"><img
//! src="data:…"></a>` (lightbox, Fancybox's `data-fancybox`, PhotoSwipe's
//! `data-pswp-src`/`data-size`, "view full size" links). When the `<img>` inside shows only a
//! placeholder, the link's image is the picture; the link stays.
//!
//! The link is read when it is visited, before its content: the sanitizer removes its data
//! attributes before the `<img>` inside is reached. What it names is left on its one
//! `<img>` as a note ([`LINK_SRC`], [`LINK_SIZE`]) that the `<img>` reads only when it has
//! nothing else to show, and removes in any case.

use super::candidates::{clean_url, is_image_url, Found};
use crate::dom::Removed;
use crate::rules::junk::is_tracker_url;
use crate::{Element, NodeRef};

/// Attributes of a lightbox link that name its picture when its `href` does not
/// (PhotoSwipe's `data-pswp-src`, Fancybox's `data-src`, zoom plugins' `data-zoom-image`),
/// in the order they are tried.
pub(super) const LINK_IMAGE_ATTRIBUTES: &[&str] = &[
    "data-pswp-src",
    "data-src",
    "data-full",
    "data-full-src",
    "data-large",
    "data-large-src",
    "data-original",
    "data-zoom-image",
    "data-zoom-src",
    "data-image",
];

/// Attributes of a lightbox link that give its picture's size: PhotoSwipe 5's
/// `data-pswp-width`/`data-pswp-height`, PhotoSwipe 4's `data-size="1600x1067"`.
pub(super) const LINK_SIZE_ATTRIBUTES: &[&str] =
    &["data-pswp-width", "data-pswp-height", "data-size"];

/// The note (see `NOTE_PREFIX`): the picture the link around opens.
const LINK_SRC: &str = "data-articlean-link-src";
/// The note: its size, `WIDTHxHEIGHT`.
const LINK_SIZE: &str = "data-articlean-link-size";

/// At most this many nodes are looked at inside the link: a link around a whole block is
/// no lightbox link.
const MAX_LINK_NODES: usize = 64;

/// At a link `el`, before its content is cleaned: when it holds one `<img>` (see
/// [`only_image`]) and names a picture — its `href` when that is an
/// image URL (see [`is_image_url`]: a page, a `.html`, an endpoint is not), else the first
/// of [`LINK_IMAGE_ATTRIBUTES`] that is one; never a placeholder or a tracker's — that
/// `<img>` gets the note [`LINK_SRC`] (and [`LINK_SIZE`] when the link states the size).
pub(super) fn note_link_image(el: &Element<'_>, removed: Removed<'_>) {
    // Cheap tests first: this runs on every link, and most hold text only. A link seen
    // again after its children (renamed at its end) has its `<img>` cleaned already.
    if !el.is_before_children() || !el.children_iter().any(|c| c.is_element()) {
        return;
    }
    let Some(img) = only_image(el, removed) else {
        return;
    };
    let Some(url) = el.attr("href").and_then(picture).or_else(|| {
        LINK_IMAGE_ATTRIBUTES
            .iter()
            .find_map(|n| el.attr(n).and_then(picture))
    }) else {
        return;
    };
    img.set_attr_before_visit(LINK_SRC, &url);
    let size = el
        .attr("data-pswp-width")
        .zip(el.attr("data-pswp-height"))
        .and_then(|(w, h)| Some((pixels(w)?, pixels(h)?)))
        .or_else(|| {
            let (w, h) = el.attr("data-size")?.split_once(['x', 'X'])?;
            Some((pixels(w)?, pixels(h)?))
        });
    if let Some((w, h)) = size {
        img.set_attr_before_visit(LINK_SIZE, &format!("{w}x{h}"));
    }
}

/// `v` as the picture of a lightbox link: an image URL (see [`is_image_url`]), not a
/// tracker's, cleaned.
fn picture(v: &str) -> Option<String> {
    let v = v.trim();
    (is_image_url(v) && !is_tracker_url(v))
        .then(|| clean_url(v))
        .flatten()
}

/// The picture of the lightbox link around the `<img>` `el` (its note [`LINK_SRC`]), as a
/// candidate; `el` gets the size the link stated when it states none. The note is read
/// again as a link's picture: a page may write the note's attribute itself (a page URL, an
/// endpoint, a tracker's), and what no link could have named is not taken.
pub(super) fn link_image(el: &mut Element<'_>) -> Option<Found> {
    let url = el.attr(LINK_SRC).and_then(picture)?;
    if !el.has_attr("width") && !el.has_attr("height") {
        let size = el.attr(LINK_SIZE).and_then(|s| {
            let (w, h) = s.split_once('x')?;
            Some((pixels(w)?, pixels(h)?))
        });
        if let Some((w, h)) = size {
            el.set_attr("width", &w.to_string());
            el.set_attr("height", &h.to_string());
        }
    }
    Some(Found {
        src: Some((super::candidates::AttrName::Borrowed(LINK_SRC), url)),
        ..Found::default()
    })
}

/// The one `<img>` of the link `el`, when it holds no other, at most three levels deep
/// (`a > img`, `a > picture > img`, `a > span > span > img`) and within
/// [`MAX_LINK_NODES`] nodes (a link with deeper elements is no lightbox link), the insides
/// of what `removed` names left out. Nested loops, one per level: nothing is allocated.
fn only_image(el: &Element<'_>, removed: Removed<'_>) -> Option<NodeRef> {
    let mut seen = 0;
    let mut found = None;
    let mut visit = |node: NodeRef, seen: &mut usize| -> Option<bool> {
        *seen += 1;
        if *seen > MAX_LINK_NODES {
            return None;
        }
        if node.is("img") {
            if found.is_some() {
                return None;
            }
            found = Some(node);
            return Some(false);
        }
        // The insides of what the final stage removes with its content (a `<template>`)
        // are not read: the parse-time filter may not have built them.
        Some(node.is_element() && !node.insides_left_out(removed))
    };
    for c1 in el.children_iter() {
        if !visit(c1.clone(), &mut seen)? {
            continue;
        }
        for c2 in c1.children_iter() {
            if !visit(c2.clone(), &mut seen)? {
                continue;
            }
            for c3 in c2.children_iter() {
                if visit(c3.clone(), &mut seen)? && c3.children_iter().any(|c| c.is_element()) {
                    return None;
                }
            }
        }
    }
    found
}

/// A number of pixels (`1800`, `1800px`), 1–100000.
fn pixels(v: &str) -> Option<u32> {
    super::pixels::pixels(v, 100_000)
}
