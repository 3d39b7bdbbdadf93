//! Previews shown twice: a low-quality stand-in `<img>` beside the real image (Medium's
//! `max/60/…?q=20` before its `<noscript>` original, Gatsby's `img[data-placeholder-image]`,
//! a separate LQIP `<img>`) goes when the real image is there: one image per figure.

use super::noscript::{picture_key, single_image, single_image_of};
use super::placeholder::{file_name, is_placeholder};
use super::trim::Trimmed;
use crate::ascii::contains_ci;
use crate::dom::parse::single_img_attrs;
use crate::rule::ParsedAhead;
use crate::{Context, Element, NodeRef};

/// How many wrapper levels are climbed to find the real image (Medium nests the preview in
/// `div > div` and puts the `<noscript>` beside the outer one).
const MAX_LEVELS: usize = 3;

/// Attributes that mark an `<img>` as the preview of another image.
pub(super) const PREVIEW_ATTRIBUTES: &[&str] =
    &["data-placeholder-image", "data-lqip", "data-placeholder"];

/// Whether `el` says it is a preview: a [`PREVIEW_ATTRIBUTES`] attribute, a class word
/// containing `lqip` or `placeholder`, `lqip` in its file name, or an inline blurred
/// preview (`inline`: [`inline_preview`] of `el`, asked last, as the caller may already
/// know it).
pub(crate) fn is_marked_preview(el: &Element<'_>, inline: impl FnOnce() -> Option<Inline>) -> bool {
    // One pass over the attributes `has_attr` sees (not a look-up per listed name).
    el.plain_attrs_by_atom()
        .any(|(k, _)| PREVIEW_ATTRIBUTES.contains(&&**k))
        || el
            .attr_by_atom(&html5ever::local_name!("class"))
            .is_some_and(class_marks_preview)
        || el
            .attr("src")
            .is_some_and(|s| contains_ci(file_name(s), "lqip"))
        || inline().is_some()
}

/// Whether a word of the `class` value `class` contains `lqip` or `placeholder` (any case):
/// neither holds white space, so a word holds one when the whole value does.
fn class_marks_preview(class: &str) -> bool {
    contains_ci(class, "lqip") || contains_ci(class, "placeholder")
}

/// The largest side of an inline preview, in pixels (Gatsby's and Next.js' blurred
/// previews are 20 to 40 pixels wide).
const PREVIEW_PIXELS: u32 = 64;

/// The largest side of an inline image too small to be a picture at all.
pub(crate) const TINY_PIXELS: u32 = 8;

/// What an inline `data:` raster image is, when it is no picture of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inline {
    /// At most [`TINY_PIXELS`] a side: nothing a reader can make out.
    Tiny,
    /// At most [`PREVIEW_PIXELS`] a side, stretched over a box four times its width.
    Stretched,
    /// At most [`PREVIEW_PIXELS`] a side, hidden from assistive technology
    /// (`aria-hidden="true"`) or drawn blurred (`filter: blur(…)`).
    Marked,
}

/// Whether `el`'s `src` is an inline preview rather than a picture: a `data:` raster
/// image (not a blank, which is a placeholder) that is [`Inline::Tiny`],
/// [`Inline::Stretched`] or [`Inline::Marked`]. An inline icon shown at its own size is
/// none of these.
pub(crate) fn inline_preview(el: &Element<'_>) -> Option<Inline> {
    let src = el
        .attr("src")
        .filter(|s| s.trim_start().starts_with("data:") && !is_placeholder(s))?;
    inline_preview_of(el, src)
}

/// [`inline_preview`] of `el`, whose `src` is `src`, known to be no placeholder (an image
/// whose `src` the caller already found real): the placeholder test, which decodes a
/// `data:` image, is not made twice.
pub(crate) fn inline_preview_of(el: &Element<'_>, src: &str) -> Option<Inline> {
    if !src.trim_start().starts_with("data:") {
        return None;
    }
    let (w, h) = super::placeholder::data_image_size(src)?;
    let side = w.max(h);
    if side <= TINY_PIXELS {
        return Some(Inline::Tiny);
    }
    if side > PREVIEW_PIXELS {
        return None;
    }
    let declared = el
        .attr("width")
        .and_then(|v| super::pixels::pixels(v, u32::MAX));
    if declared.is_some_and(|d| d >= 4 * w.max(1)) {
        return Some(Inline::Stretched);
    }
    let marked = el
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || el.attr("style").is_some_and(|s| contains_ci(s, "blur("));
    marked.then_some(Inline::Marked)
}

/// Whether the real image of the preview `el` follows it: among the next two element
/// siblings of `el`, or of the wrappers it is the only element of (up to [`MAX_LEVELS`]),
/// an `<img>`, `<picture>` or `<noscript>` image that is the same picture (the same
/// [`picture_key`] as `src`: the file name but for its extension and size suffix, as a
/// `<noscript>` original in another format or size names it) — or any image when `any_image` (the preview is marked as one). Not inside
/// what the final stage removes with its content (`cx.removed()`).
pub(crate) fn real_image_follows(
    el: &Element<'_>,
    src: &str,
    any_image: bool,
    cx: &mut Context<'_>,
) -> bool {
    let removed = cx.removed();
    let name = picture_key(src.trim());
    let same = |url: &str| any_image || (!name.is_empty() && picture_key(url.trim()) == name);
    // A `<noscript>` beside `el` is parsed where it stands and kept for the rules that reach
    // it next (`ParsedAhead`); one beside a wrapper is parsed on its own.
    let mut ahead: Option<ParsedAhead> = None;
    let mut shows = |n: &NodeRef, level: usize| -> bool {
        if n.is("noscript") {
            let markup = n.text_content();
            if level > 0 {
                // One `<img>` alone (the usual `<noscript>`): its attributes read as strings,
                // without nodes (as `single_image` parses it: at depth 0).
                if let Some(attrs) = single_img_attrs(&markup, 0) {
                    let pairs: Vec<(&str, &str)> =
                        attrs.iter().map(|(k, v)| (&**k, &**v)).collect();
                    return attrs_urls(&pairs, &same);
                }
                return single_image(&markup).is_some_and(|img| image_urls(&img, &same));
            }
            if !contains_ci(&markup, "<img") {
                return false;
            }
            let roots = el.parse_replacement(&markup);
            let found = single_image_of(&roots).is_some_and(|img| image_urls(&img, &same));
            ahead = Some(ParsedAhead {
                node: n.clone(),
                depth: el.replacement_depth(),
                markup,
                roots,
            });
            return found;
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
    let mut follows = false;
    for level in 0..=MAX_LEVELS {
        if level > 0 {
            // Climb only out of a wrapper that holds nothing but the preview.
            let wrapper = &ancestors.get(level - 1);
            let ok = wrapper.is_some_and(|w| !w.is("body") && !w.is("figure") && !w.is("picture"))
                && el.is_only_child_at(level - 1);
            if !ok {
                break;
            }
        }
        if el
            .next_element_siblings_at(level)
            .iter()
            .take(2)
            .any(|n| shows(n, level))
        {
            follows = true;
            break;
        }
    }
    if ahead.is_some() {
        cx.parsed_ahead = ahead;
    }
    follows
}

/// Whether an `<img>` has a URL (`src`, `srcset` candidates, any URL-valued `data-`
/// attribute) that passes `same`; a lazy `<img>` with no URL yet counts when `same` accepts
/// anything.
fn image_urls(img: &NodeRef, same: &dyn Fn(&str) -> bool) -> bool {
    img.with_attrs(|attrs| attrs_urls(attrs, same))
}

/// [`image_urls`] of an `<img>` whose attributes are `attrs`: each URL tried as it is read
/// (no list of an attribute's URLs built first).
fn attrs_urls(attrs: &[(&str, &str)], same: &dyn Fn(&str) -> bool) -> bool {
    let mut any_url = false;
    let mut passes = |u: &str| {
        if u.trimmed().is_empty() || u.starts_with("data:") {
            return false;
        }
        any_url = true;
        same(u)
    };
    for &(k, v) in attrs {
        if k.contains("srcset") {
            if crate::srcset::iter(v).any(|c| passes(c.url)) {
                return true;
            }
        } else if (k == "src" || k.starts_with("data-")) && passes(v) {
            return true;
        }
    }
    !any_url && same("")
}

/// Whether the `srcset` of a `<picture>`'s `<source>` is an inline preview: every candidate a
/// `data:` raster image (not a blank, which is a placeholder) of at most [`PREVIEW_PIXELS`] a
/// side. A browser that takes the source shows the blurred preview and never the real image,
/// which a lazy attribute of the source or the `<img>` after it holds.
pub(crate) fn srcset_is_inline_preview(srcset: &str) -> bool {
    crate::srcset::all_of(srcset, |c| {
        let url = c.url.trimmed();
        crate::ascii::starts_with_ci(url, "data:")
            && !is_placeholder(url)
            && super::placeholder::data_image_size(url)
                .is_some_and(|(w, h)| w.max(h) <= PREVIEW_PIXELS)
    })
}

/// Whether the `<img>` after the `<source>` `el` names an image by URL (a `src`, a `srcset`
/// or a `data-` attribute that is not an inline `data:` image): the picture has a real image
/// to show in place of a preview source.
pub(crate) fn picture_img_has_url(el: &Element<'_>) -> bool {
    let siblings = el.next_element_siblings();
    let Some(img) = siblings.iter().find(|n| n.is("img")) else {
        return false;
    };
    let by_url = |v: &str| {
        !crate::ascii::starts_with_ci(v.trim_start(), "data:")
            && super::candidates::clean_url(v).is_some()
    };
    img.with_attrs(|attrs| {
        attrs.iter().any(|&(k, v)| {
            if k.ends_with("srcset") {
                crate::srcset::iter(v).any(|c| by_url(c.url))
            } else {
                (k == "src" || k.starts_with("data-")) && by_url(v)
            }
        })
    })
}

#[cfg(test)]
mod tests {
    /// [`super::image_urls`] as it was written first: each attribute's URLs listed, then
    /// tried.
    fn image_urls_listed(img: &crate::NodeRef, same: &dyn Fn(&str) -> bool) -> bool {
        img.with_attrs(|attrs| {
            let mut any_url = false;
            for &(k, v) in attrs {
                let urls: Vec<&str> = if k.contains("srcset") {
                    crate::srcset::iter(v).map(|c| c.url).collect()
                } else if k == "src" || k.starts_with("data-") {
                    vec![v]
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
        })
    }

    const ATTRS: &[&str] = &[
        r#" src="https://a.example/u/photo.jpg""#,
        r#" src="https://a.example/u/other-1024x683.jpg""#,
        r#" SRC="data:image/gif;base64,R0lGODlhAQABAAAAACw=""#,
        r#" src=" ""#,
        r#" srcset="https://a.example/u/photo@2x.jpg 2x, https://a.example/u/x.jpg 1x""#,
        r#" srcSet="data:image/png;base64,AA 1x,  , https://a.example/u/y.jpg 640w""#,
        r#" data-src="https://a.example/u/Photo.PNG?w=640&amp;q=1""#,
        r#" data-lazy-srcset="https://a.example/u/other.jpg 100w""#,
        r#" alt="photo.jpg""#,
        r#" class="lazy""#,
        r#" data-x="""#,
        " hidden",
    ];

    proptest::proptest! {
        /// A `<noscript>` of one `<img>`, read without nodes when it is beside a wrapper of
        /// the preview: the same answer as the image `single_image` parses, with the URLs of
        /// each attribute tried as they are read.
        #[test]
        fn noscript_image_urls_without_nodes(
            attrs in proptest::collection::vec(0..ATTRS.len(), 0..5),
            lead in proptest::sample::select(&["", " ", "\n  "][..]),
            end in proptest::sample::select(&[">", "/>", " />"][..]),
            any_image in proptest::bool::ANY,
        ) {
            let markup = format!(
                "{lead}<img{}{end}{lead}",
                attrs.iter().map(|&a| ATTRS[a]).collect::<String>()
            );
            let name = super::picture_key("https://a.example/u/photo.jpg");
            let same = |url: &str| any_image || super::picture_key(url.trim()) == name;
            let img = super::single_image(&markup).expect("one image");
            let slow = image_urls_listed(&img, &same);
            proptest::prop_assert_eq!(super::image_urls(&img, &same), slow, "{}", markup);
            let attrs = crate::dom::parse::single_img_attrs(&markup, 0).expect("read");
            let pairs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (&**k, &**v)).collect();
            proptest::prop_assert_eq!(super::attrs_urls(&pairs, &same), slow, "{}", markup);
        }
    }

    proptest::proptest! {
        /// One search of the whole `class` value answers as a look at each word.
        #[test]
        fn preview_class_as_each_word(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "lqip", "LQIP", "img-lqip", "lq", "ip", "placeholder", "Placeholder-x",
                    "place", "holder", "img", "", "é",
                ][..]),
                0..6,
            ),
            sep in proptest::sample::select(&[" ", "  ", "\t", "\n", "", "\u{a0}"][..]),
        ) {
            let class = words.join(sep);
            let by_word = class.split_ascii_whitespace().any(|c| {
                crate::ascii::contains_ci(c, "lqip") || crate::ascii::contains_ci(c, "placeholder")
            });
            proptest::prop_assert_eq!(super::class_marks_preview(&class), by_word, "{:?}", class);
        }
    }
}
