//! Elements that stand for an image without being one: NYT's `figure[itemid]`, a lazy
//! `div`/`span` with `data-src` and nothing inside.

use super::candidates::{clean_srcset, clean_url, find_with, AttrName, Found, SRC_ATTRIBUTES};
use super::LazyImages;
use crate::dom::Removed;
use crate::rules::junk::is_tracker_url;
use crate::{Action, Context, Element};

impl LazyImages {
    /// A `<figure>` that holds no image (not even in a `<noscript>`) but names one: its
    /// `itemid` (NYT) or a lazy image attribute, as a stand-in `div` does
    /// ([`stand_in_image`](Self::stand_in_image): `figure[data-src]`,
    /// `figure[data-image]`). The image is put first in the figure, before its caption.
    #[inline(never)]
    pub(super) fn fix_figure(&self, el: &mut Element<'_>, cx: &Context<'_>) -> Action {
        let img = match el
            .attr("itemid")
            .filter(|v| is_image_url(v))
            .and_then(clean_url)
        {
            Some(url) => format!("<img src=\"{}\">", escape_attr(&url)),
            None => match self.stand_in_image(el) {
                Some(found) => img_html(el, &found),
                None => return Action::Keep,
            },
        };
        if holds_image(el, cx, &self.src_attributes) {
            return Action::Keep;
        }
        // Put first in the figure, where it is cleaned with the other children: nothing is
        // serialized and parsed again (nested figures would make that quadratic).
        el.prepend_html(&img);
        Action::Keep
    }

    /// A `<picture>` with sources and no `<img>` (lozad's shape: `data-iesrc`, lazy
    /// `<source>`s) renders nothing: it gets its `<img>`, from `data-iesrc` (or `data-src`)
    /// when that is an image URL, else from the `srcset` of its last `<source>` without a
    /// `type` (or the last one); `alt` from `data-alt`/`alt`.
    #[inline(never)]
    pub(super) fn fix_picture(&self, el: &mut Element<'_>) -> Action {
        let children = el.element_children();
        if children.iter().any(|c| c.is("img")) || !children.iter().any(|c| c.is("source")) {
            return Action::Keep;
        }
        let own = ["data-iesrc", "data-src"]
            .iter()
            .filter_map(|a| el.attr(a))
            .find(|v| is_image_url(v))
            .and_then(clean_url);
        // Without its own URL or alternative text (which the sanitizer removes before the
        // end), the picture gets its `<img>` from its sources at its end
        // ([`fix_picture_end`](Self::fix_picture_end)), when they are cleaned: their markup
        // as parsed may not survive being written out and read again (a `<plaintext>`
        // after them would swallow the new `<img>`).
        let img = match own {
            Some(url) => format!("<img src=\"{}\"", escape_attr(&url)),
            None if el.has_attr("data-alt") || el.has_attr("alt") => {
                match self.sources_offer(&children) {
                    Some(set) => format!("<img srcset=\"{}\"", escape_attr(&set)),
                    None => return Action::Keep,
                }
            }
            None => return Action::Keep,
        };
        with_img(el, &img)
    }

    /// At the end of a `<picture>`, its children cleaned (an `<img>` with nothing to show
    /// removed, the elements around a `<source>` unwrapped): one still without `<img>` gets
    /// it from its sources now, not in a second cleaning.
    pub(super) fn fix_picture_end(&self, el: &mut Element<'_>) -> Action {
        let children = el.element_children();
        if children.iter().any(|c| c.is("img")) {
            return Action::Keep;
        }
        match self.sources_offer(&children) {
            Some(set) => with_img(el, &format!("<img srcset=\"{}\"", escape_attr(&set))),
            None => Action::Keep,
        }
    }

    /// The `srcset` of images a `<picture>`'s sources offer: of its last `<source>` without
    /// a `type` (or its last), by its own attributes or, when it is still to be visited, by
    /// what [`source_offer`](Self::source_offer) will give it.
    fn sources_offer(&self, children: &[crate::NodeRef]) -> Option<String> {
        let sources: Vec<_> = children.iter().filter(|c| c.is("source")).collect();
        let pick = sources
            .iter()
            .rev()
            .find(|s| s.attr("type").is_none())
            .or(sources.last())?;
        ["srcset", "data-srcset", "src", "data-src"]
            .iter()
            .filter_map(|a| pick.attr(a))
            .find_map(|v| clean_srcset(&v).filter(|s| srcset_of_images(s)))
            .or_else(|| self.source_offer(pick).filter(|s| srcset_of_images(s)))
    }

    /// A `div`/`span` with nothing inside that stands for an image
    /// ([`stand_in_image`](Self::stand_in_image)): it becomes the `<img>` (keeping `alt`,
    /// `title`). A stand-in whose URL is not an image (an Outbrain widget's article URL, a
    /// share widget's page, a video embed) is left alone: junk removes it as empty.
    pub(super) fn fix_block(&self, el: &mut Element<'_>) -> Action {
        // Cheap tests first: this runs on every `div` and `span`.
        if !self.may_stand_in(el) || el.children_iter().any(|c| !c.is_blank()) {
            return Action::Keep;
        }
        match self.stand_in_image(el) {
            Some(found) => Action::Replace(img_html(el, &found)),
            None => Action::Keep,
        }
    }

    /// A link without a picture inside that a lazy loader paints (jQuery Lazy Load's and
    /// vanilla-lazyload's `<a class="thumb lazy" data-original="…/t.jpg" href="…">`, empty or
    /// holding only text laid over the picture such as a score; a `data-bg` link): a lazy
    /// class and a lazy image attribute by name (`data-src`, `data-original`…, a
    /// `data-srcset`), or a lazy background attribute, whose value is an image URL. The link
    /// stays and gets the `<img>` first inside. Without a lazy marker a link's `data-src` is
    /// left alone (a lightbox's hidden gallery entry); a link holding an image already (or
    /// more than [`LINK_NODES`] nodes) is left alone; the image attributes of widgets
    /// (`data-image` beside a share `href`) are never read here.
    pub(super) fn fix_link(&self, el: &mut Element<'_>, removed: Removed<'_>) -> Action {
        // Cheap tests first: this runs on every link.
        if !el.is_before_children() || !self.may_stand_in(el) {
            return Action::Keep;
        }
        let holds_picture = el.holds_element(removed, LINK_NODES, |n| {
            matches!(
                n,
                "img" | "picture" | "svg" | "video" | "figure" | "noscript" | "iframe"
            ) || n.starts_with("amp-")
        });
        if holds_picture != Some(false) {
            return Action::Keep;
        }
        let lazy = super::image::has_lazy_class(el);
        let attrs: Vec<(&str, &str)> = el.attrs().collect();
        let mut found = Found::default();
        if lazy {
            found = self.named_picture(&attrs);
        }
        if !found.is_some() {
            found = background(&attrs);
        }
        drop(attrs);
        if found.is_some() {
            // Inside the link, where it is cleaned as the link's child.
            let img = img_html_of(&found, el.attr("title"));
            el.prepend_html(&img);
        }
        Action::Keep
    }

    /// The picture a stand-in's lazy image attributes name (`data-src`, `data-srcset`…, and
    /// the configured names), in their order: a value that is no picture gives way to the
    /// next name.
    fn named_picture(&self, attrs: &[(&str, &str)]) -> Found {
        find_with(
            attrs,
            &self.src_attributes,
            false,
            &is_image_url,
            &srcset_of_images,
        )
    }

    /// A screen for [`stand_in_image`](Self::stand_in_image): every attribute it reads is a
    /// `data-` one or a configured name.
    fn may_stand_in(&self, el: &Element<'_>) -> bool {
        el.attrs()
            .any(|(k, _)| k.starts_with("data-") || self.src_attributes.iter().any(|a| a == k))
    }

    /// The image an element standing for one names (one code path for every stand-in:
    /// `div`, `span`, `figure`): a lazy image attribute by name (`data-src`, `data-url`…,
    /// a `srcset` in `data-srcset`), a lazy background (`data-bg`, `data-bgset`,
    /// `data-background-image`…, see [`BACKGROUND_ATTRIBUTES`]) or an image attribute
    /// ([`STAND_IN_ATTRIBUTES`]: `data-image`, `data-img`…, on an element that is no
    /// widget), whose value is an image URL (see [`is_image_url`]) or a `srcset` of them;
    /// a URL template filled first (see `template`).
    fn stand_in_image(&self, el: &mut Element<'_>) -> Option<Found> {
        if !self.may_stand_in(el) {
            return None;
        }
        super::template::fill_template(el, BACKGROUND_ATTRIBUTES, false);
        super::template::fill_template(el, SRC_ATTRIBUTES, false);
        let attrs: Vec<(&str, &str)> = el.attrs().collect();
        let mut found = self.named_picture(&attrs);
        if !found.is_some() {
            found = background(&attrs);
        }
        if !found.is_some() {
            found = image_attribute(&attrs);
        }
        found.is_some().then_some(found)
    }
}

/// At most this many nodes are read inside a link that may be painted by a lazy loader: a
/// thumbnail link holds a caption or a score, not a page.
const LINK_NODES: usize = 32;

/// Whether a stand-in's `v` is a picture: an image URL (also behind a proxy, see
/// [`candidates::is_image_url`](super::candidates::is_image_url)) that is no tracker's
/// (`pixel.wp.com/b.gif`: an image-shaped pixel makes no picture of the article).
fn is_image_url(v: &str) -> bool {
    super::candidates::is_image_url(v) && !is_tracker_url(v)
}

/// The `<img>` of a stand-in: `found`'s `src`/`srcset`, the element's `alt` (or `data-alt`) and
/// `title`.
fn img_html(el: &Element<'_>, found: &Found) -> String {
    let mut html = img_src_html(found);
    // Its text: `alt`, else the `data-alt` the loader would give the image (BBC's
    // `js-delayed-image-load`), as a `<picture>`'s is read.
    let alt = el.attr("alt").or_else(|| el.attr("data-alt"));
    for (name, v) in [("alt", alt), ("title", el.attr("title"))] {
        if let Some(v) = v {
            html.push_str(&format!(" {name}=\"{}\"", escape_attr(v)));
        }
    }
    html.push('>');
    html
}

/// The `<img>` a link paints: `found`'s `src`/`srcset`, the link's `title` as its `alt`.
fn img_html_of(found: &Found, title: Option<&str>) -> String {
    let mut html = img_src_html(found);
    if let Some(v) = title {
        html.push_str(&format!(" alt=\"{}\"", escape_attr(v)));
    }
    html.push('>');
    html
}

/// `<img` with `found`'s `src` and `srcset`, without the closing `>`.
fn img_src_html(found: &Found) -> String {
    let mut html = String::from("<img");
    if let Some((_, url)) = &found.src {
        html.push_str(&format!(" src=\"{}\"", escape_attr(url)));
    }
    if let Some((_, set)) = &found.srcset {
        html.push_str(&format!(" srcset=\"{}\"", escape_attr(set)));
    }
    html
}

/// Attributes a stand-in names its image with, besides the lazy ones
/// ([`SRC_ATTRIBUTES`]) and the backgrounds ([`BACKGROUND_ATTRIBUTES`]).
const STAND_IN_ATTRIBUTES: &[&str] = &[
    "data-image",
    "data-img",
    "data-image-src",
    "data-img-src",
    "data-lazy-image",
];

/// The image of a [`STAND_IN_ATTRIBUTES`] attribute, unless the element is a widget: one
/// whose other attributes point at a page (a share button's `data-url`, `data-href`: its
/// `data-image` is the picture to share, shown elsewhere if at all).
fn image_attribute(attrs: &[(&str, &str)]) -> Found {
    let mut found = Found::default();
    let points_at_page = attrs
        .iter()
        .any(|(k, v)| !STAND_IN_ATTRIBUTES.contains(k) && is_web_url(v) && !is_image_url(v));
    if points_at_page {
        return found;
    }
    for name in STAND_IN_ATTRIBUTES {
        let Some(value) = attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v) else {
            continue;
        };
        if is_image_url(value) {
            if let Some(url) = clean_url(value) {
                found.src = Some((AttrName::Borrowed(name), url));
                return found;
            }
        }
    }
    found
}

/// Whether `v` is an absolute or protocol-relative web URL.
fn is_web_url(v: &str) -> bool {
    let v = v.trim();
    crate::ascii::starts_with_ci(v, "http://")
        || crate::ascii::starts_with_ci(v, "https://")
        || v.starts_with("//")
}

/// The `<picture>` with `img` (an `<img` start tag without its `>`) after its content, `alt`
/// from `data-alt`/`alt`.
fn with_img(el: &Element<'_>, img: &str) -> Action {
    let alt = el.attr("data-alt").or_else(|| el.attr("alt")).unwrap_or("");
    Action::Replace(format!(
        "<picture>{}{img} alt=\"{}\"></picture>",
        el.inner_html(),
        escape_attr(alt)
    ))
}

/// Attributes that hold a lazy background image (lazysizes' `data-bg`/`data-bgset`,
/// vanilla-lazyload's `data-bg-multi`, its high-density `data-bg-hidpi`/`data-bg-multi-hidpi`
/// and its `image-set()` values `data-bg-set`, and the `data-background*` spellings), in the
/// order they are tried.
pub(crate) const BACKGROUND_ATTRIBUTES: &[&str] = &[
    "data-bg",
    "data-bg-multi",
    "data-bg-hidpi",
    "data-bg-multi-hidpi",
    "data-bg-set",
    "data-bgset",
    "data-background-image",
    "data-background",
    "data-bg-src",
    "data-bg-image",
];

/// The lazy background of a stand-in: a [`BACKGROUND_ATTRIBUTES`] value that is one image
/// URL (also written `url(…)`; of several `url(…)` layers, the first image) or a `srcset`
/// of image URLs.
fn background(attrs: &[(&str, &str)]) -> Found {
    let mut found = Found::default();
    for name in BACKGROUND_ATTRIBUTES {
        let Some(value) = attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v) else {
            continue;
        };
        let v = bgset_default(value.trim());
        let v = css_urls(v)
            .into_iter()
            .find(|u| is_image_url(u))
            .unwrap_or(v);
        if is_image_url(v) {
            if let Some(url) = clean_url(v) {
                found.src = Some((AttrName::Borrowed(name), url));
                return found;
            }
        }
        if srcset_of_images(v) {
            if let Some(set) = clean_srcset(v) {
                found.srcset = Some((AttrName::Borrowed(name), set));
                return found;
            }
        }
    }
    found
}

/// Of lazysizes' art-directed `data-bgset` (sets separated by a `|` with white space
/// beside it, each ending in its media query or type in brackets:
/// `a-small.jpg [--small] | a-400.jpg 400w, a-800.jpg 800w`), the set shown when no media
/// query matches: the last one without brackets, else the last one, brackets removed.
/// Any other value as it is (bLazy's `a.jpg|a@2x.jpg` has no white space by its `|`).
fn bgset_default(v: &str) -> &str {
    let b = v.as_bytes();
    let is_separator = |i: usize| {
        b[i] == b'|'
            && (i.checked_sub(1).is_some_and(|j| b[j].is_ascii_whitespace())
                || b.get(i + 1).is_some_and(u8::is_ascii_whitespace))
    };
    if !memchr::memchr_iter(b'|', b).any(is_separator) {
        return v;
    }
    let mut sets = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'|', b).filter(|&i| is_separator(i)) {
        sets.push(v[start..i].trim());
        start = i + 1;
    }
    sets.push(v[start..].trim());
    fn without_media(set: &str) -> &str {
        let mut set = set.trim_end();
        // At most two bracketed parts: the media query, then the type.
        for _ in 0..2 {
            match set
                .strip_suffix(']')
                .and_then(|s| s.rfind('[').map(|i| &s[..i]))
            {
                Some(rest) => set = rest.trim_end(),
                None => break,
            }
        }
        set
    }
    sets.iter()
        .rev()
        .find(|set| !set.ends_with(']'))
        .or(sets.last())
        .map_or(v, |set| without_media(set))
}

/// The URLs of a CSS background value's `url(…)` functions, quotes removed
/// (vanilla-lazyload's `data-bg-multi="url(a.png), linear-gradient(…), url(b.jpg)"`).
fn css_urls(v: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = v;
    while let Some(i) = rest.find("url(") {
        let after = &rest[i + 4..];
        let Some(end) = after.find(')') else {
            break;
        };
        out.push(after[..end].trim().trim_matches(['"', '\'']).trim());
        rest = &after[end + 1..];
    }
    out
}

/// Whether every candidate of a `srcset` is an image URL (and there is one).
fn srcset_of_images(set: &str) -> bool {
    crate::srcset::all_of(set, |c| is_image_url(c.url))
}

/// Whether a `figure` already holds its image: an `<img>` or `<picture>`, or a
/// `<noscript>` whose markup has one, anywhere inside, except inside a nested `figure`
/// that names an image ([`names_image`]), which is that figure's own (and gets its image
/// itself). Each node is looked at by its nearest such figure only: linear in the tree
/// however deep figures nest. What the final stage removes with its content (a `<template>`)
/// holds nothing a reader sees.
fn holds_image(el: &Element<'_>, cx: &Context<'_>, extra: &[String]) -> bool {
    let mut stack: Vec<crate::NodeRef> = el.children_iter().collect();
    while let Some(node) = stack.pop() {
        if node.is("img") || node.is("picture") {
            return true;
        }
        if node.is("noscript") {
            if crate::ascii::contains_ci(&node.text_content(), "<img") {
                return true;
            }
            continue;
        }
        if node.is("figure") && names_image(&node, extra) {
            continue;
        }
        if cx.removes_inside(&node) {
            continue;
        }
        stack.extend(node.children_iter());
    }
    false
}

/// Whether the nested `figure` `node` names an image of its own, which
/// [`fix_figure`](LazyImages::fix_figure) gives it: its `itemid`, or what
/// [`stand_in_image`](LazyImages::stand_in_image) reads (templates aside).
fn names_image(node: &crate::NodeRef, extra: &[String]) -> bool {
    node.with_attrs(|attrs| {
        attrs.iter().any(|(k, v)| *k == "itemid" && is_image_url(v))
            || find_with(attrs, extra, false, &is_image_url, &srcset_of_images).is_some()
            || background(attrs).is_some()
            || image_attribute(attrs).is_some()
    })
}

/// Escapes a value for a double-quoted attribute.
pub(crate) fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::bgset_default;

    #[test]
    fn bgset_sets() {
        assert_eq!(
            bgset_default("a-s.jpg [--small] | a-400.jpg 400w, a-800.jpg 800w"),
            "a-400.jpg 400w, a-800.jpg 800w"
        );
        assert_eq!(
            bgset_default(
                "a.jpg [(max-width: 640px)] | b.webp [(min-width: 641px)] [type: image/webp]"
            ),
            "b.webp"
        );
        assert_eq!(bgset_default("a.jpg|a@2x.jpg"), "a.jpg|a@2x.jpg");
        assert_eq!(bgset_default("a.jpg 1x, b.jpg 2x"), "a.jpg 1x, b.jpg 2x");
    }
}
