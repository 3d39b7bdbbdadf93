//! `<noscript>` fallbacks. The parser runs with scripting on, so a `<noscript>` holds its
//! markup as one text node: it is parsed here to see which images it holds.

use super::candidates::{find, srcset_is_placeholder};
use super::placeholder::{file_name, is_placeholder};
use crate::ascii::contains_ci;
use crate::dom::node::without;
use crate::proxy::Unwrapper;
use crate::rule::ParsedAhead;
use crate::rules::junk::is_tracker_url;
use crate::{Action, Context, Element, NodeRef};

/// The one `<img>` of a `<noscript>`'s markup, when that markup is a single image (possibly
/// inside wrappers or a `<picture>`) and no text.
pub(crate) fn single_image(markup: &str) -> Option<NodeRef> {
    if !contains_ci(markup, "<img") {
        return None;
    }
    // The top nodes are detached: they must outlive the walk, or dropping one empties its
    // descendants (rcdom's non-recursive drop) before they are looked at.
    let roots = NodeRef::parse_fragment(markup);
    single_image_of(&roots)
}

/// [`single_image`] of markup parsed into `roots` (kept alive by the caller).
pub(crate) fn single_image_of(roots: &[NodeRef]) -> Option<NodeRef> {
    let mut image = None;
    let mut stack = roots.to_vec();
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

/// The image of the `<noscript>` just after `el`, if it holds one that is no tracker's pixel
/// (comScore's `<noscript><img src="…/p?c1=2…"></noscript>` is no fallback of an image).
///
/// The markup is parsed where the `<noscript>` stands (a sibling: the same depth) and kept in
/// `cx` for when the walk reaches it ([`ParsedAhead`]): `noscript_action` then takes these
/// nodes instead of parsing it again.
pub(super) fn next_noscript_image(el: &Element<'_>, cx: &mut Context<'_>) -> Option<NodeRef> {
    let next = el.next_element_sibling()?;
    if !next.is("noscript") {
        return None;
    }
    let markup = next.text_content();
    if !contains_ci(&markup, "<img") {
        return None;
    }
    let depth = el.replacement_depth();
    // Parsed already when the preview before `el` looked for its real image.
    let image = match &cx.parsed_ahead {
        Some(a) if a.node.same(&next) && a.depth == depth && a.markup == markup => {
            single_image_of(&a.roots)
        }
        _ => {
            let roots = el.parse_replacement(&markup);
            let image = single_image_of(&roots);
            cx.parsed_ahead = Some(ParsedAhead {
                node: next,
                depth,
                markup,
                roots,
            });
            image
        }
    };
    image.filter(|img| !img.attr("src").is_some_and(|s| is_tracker_url(&s)))
}

/// Every `<img>` of parsed markup, in any order.
fn all_images(roots: &[NodeRef]) -> Vec<NodeRef> {
    let mut images = Vec::new();
    let mut stack = roots.to_vec();
    while let Some(node) = stack.pop() {
        if node.is("img") {
            images.push(node.clone());
        }
        stack.extend(node.children());
    }
    images
}

/// What to do with a `<noscript>`:
///
/// - anything in `<head>`, and a `<noscript>` without images: removed;
/// - every image it holds is a tracker, or is already shown by the element just before it,
///   or will be by the element just after it (the same picture: the same URL, or the same
///   file name but for a size suffix): removed;
/// - otherwise (an image on its own, a gallery of images with their captions): replaced by
///   its markup, which is then cleaned like any input (so each image passes the same
///   placeholder and tracker tests as any other), less the images already shown beside it
///   (with the `figure`, `a` or `picture` that holds only them). Consecutive `<noscript>`
///   images therefore each keep their image, and a gallery does not repeat its first one.
#[inline(never)]
pub(crate) fn noscript_action(
    el: &mut Element<'_>,
    extra: &[String],
    ahead: Option<ParsedAhead>,
) -> Action {
    // Nothing in `<head>` is content (and an image there would move on the next parse).
    if el.has_ancestor("head") {
        return Action::Remove;
    }
    let markup = el.text_content();
    if !contains_ci(&markup, "<img") {
        return Action::Remove;
    }
    // Parsed where the walk would parse it: when all of it replaces the `<noscript>`, these
    // nodes do (one parse, not two); or already, by the image before it (`ahead`).
    let roots = match ahead {
        Some(a)
            if el.is_node(&a.node) && a.depth == el.replacement_depth() && a.markup == markup =>
        {
            a.roots
        }
        _ => el.parse_replacement(&markup),
    };
    let images = all_images(&roots);
    if images.is_empty() {
        return Action::Remove;
    }
    let mut shown: Vec<String> = Vec::new();
    if let Some(before) = el.previous_element_sibling() {
        shown_keys(&before, &mut shown);
    }
    if let Some(after) = el.next_element_sibling() {
        if will_show_image(&after, extra) {
            upcoming_keys(&after, &mut shown);
        }
    }
    // The keys of each image, read once (each URL goes through the proxy unwrapper).
    let keys: Vec<Vec<String>> = images.iter().map(image_keys).collect();
    let shown_all = |keys: &[String]| !keys.is_empty() && keys.iter().all(|k| shown.contains(k));
    // An image of its own: not shown beside it, and not a tracker.
    let new_image = images.iter().zip(&keys).any(|(img, keys)| {
        !keys.is_empty()
            && !keys.iter().any(|k| shown.contains(k))
            && !img.attr("src").is_some_and(|s| is_tracker_url(&s))
    });
    if !new_image {
        return Action::Remove;
    }
    let shown_images: Vec<&NodeRef> = images
        .iter()
        .zip(&keys)
        .filter(|(_, keys)| shown_all(keys))
        .map(|(img, _)| img)
        .collect();
    // One image per figure: the images already shown beside it (with their own figure or
    // link) are left out of what is unwrapped, from the nodes parsed above.
    if shown_images.is_empty() {
        drop(images);
        return el.replace_with(roots);
    }
    let is_shown = |img: &NodeRef| shown_images.iter().any(|s| s.same(img));
    let kept = without(roots, |n| {
        if n.is("img") {
            return is_shown(n);
        }
        if !(n.is("figure") || n.is("a") || n.is("picture")) {
            return false;
        }
        let inner: Vec<NodeRef> = n
            .descendant_elements()
            .into_iter()
            .filter(|d| d.is("img"))
            .collect();
        !inner.is_empty() && inner.iter().all(is_shown)
    });
    drop(shown_images);
    drop(images);
    el.replace_with(kept)
}

/// The picture keys of the images `node` (already cleaned) shows with a real source.
fn shown_keys(node: &NodeRef, out: &mut Vec<String>) {
    let real = |n: &NodeRef| n.is("img") && n.with_attrs(has_real_source);
    if real(node) {
        out.extend(image_keys(node));
    } else if node.is("picture") || node.is("figure") || node.is("a") || node.is("span") {
        for d in node.descendant_elements().iter().filter(|d| real(d)) {
            out.extend(image_keys(d));
        }
    }
}

/// The picture keys of the images `node` (not cleaned yet) will show, its lazy candidates
/// included.
fn upcoming_keys(node: &NodeRef, out: &mut Vec<String>) {
    if node.is("img") {
        out.extend(image_keys(node));
    } else {
        for d in node.descendant_elements().iter().filter(|d| d.is("img")) {
            out.extend(image_keys(d));
        }
    }
}

/// The keys of every URL an `<img>` names (`src`, `srcset` candidates, URL-valued `data-`
/// attributes), placeholders left out.
fn image_keys(img: &NodeRef) -> Vec<String> {
    img.with_attrs(attr_keys)
}

/// [`image_keys`] of an `<img>` whose attributes are `attrs`.
fn attr_keys(attrs: &[(&str, &str)]) -> Vec<String> {
    let mut keys = Vec::new();
    for &(k, v) in attrs {
        if k.contains("srcset") {
            for c in crate::srcset::parse(v) {
                push_key(c.url, &mut keys);
            }
        } else if k == "src" || (k.starts_with("data-") && (v.contains('/') || v.contains('.'))) {
            push_key(v, &mut keys);
        }
    }
    keys
}

/// Adds the key of `url`, read through any image proxy or optimiser it is routed through
/// (`/_next/image?url=%2Fa.jpg` is the picture `a`, as the twin beside it shows once the
/// proxy rule has unwrapped it).
fn push_key(url: &str, keys: &mut Vec<String>) {
    let url = url.trim();
    if url.is_empty() || url.starts_with("data:") {
        return;
    }
    let origin = Unwrapper::new().unwrap(url);
    let key = picture_key(origin.as_deref().unwrap_or(url));
    // A key already there stays whatever this URL is: the placeholder test (the dearer one)
    // only for a new key. (A `srcset` names one picture in several sizes.)
    if !key.is_empty() && !keys.contains(&key) && !is_placeholder(url) {
        keys.push(key);
    }
}

/// File stems that name no picture (`…/4411/full.jpeg`, `…/a8f3/original.png`): the folder
/// does, and is part of the key.
const GENERIC_STEMS: &[&str] = &[
    "full",
    "original",
    "orig",
    "large",
    "medium",
    "small",
    "thumb",
    "thumbnail",
    "image",
    "img",
    "main",
    "default",
    "index",
    "raw",
    "source",
    "master",
    "hero",
    "cover",
    "file",
    "max",
    "big",
];

/// What identifies a picture across its sizes: the file name (lowercase, no extension)
/// without a trailing size suffix (`-1024x683`, `_800x600`, `@2x`, `-scaled`); a generic
/// name ([`GENERIC_STEMS`], a number, a size) with its folder (`4411/full`).
pub(crate) fn picture_key(url: &str) -> String {
    let stem = file_key(url);
    let generic = GENERIC_STEMS.contains(&stem.as_str())
        || stem.bytes().all(|b| b.is_ascii_digit() || b == b'x');
    if !generic {
        return stem;
    }
    let end = memchr::memchr2(b'?', b'#', url.as_bytes()).unwrap_or(url.len());
    let path = &url[..end];
    let folder = path
        .rsplit('/')
        .nth(1)
        .filter(|f| !f.is_empty() && !f.contains(':'))
        .map(str::to_ascii_lowercase);
    match folder {
        Some(folder) => format!("{folder}/{stem}"),
        None => stem,
    }
}

/// The file name part of [`picture_key`].
fn file_key(url: &str) -> String {
    // Read in any case, lower-cased once at the end (ASCII only: the offsets stay).
    let name = file_name(url);
    let mut stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    for suffix in ["-scaled", "@2x", "@3x", "@1x"] {
        if let Some(at) = stem.len().checked_sub(suffix.len()) {
            if stem.is_char_boundary(at) && stem[at..].eq_ignore_ascii_case(suffix) {
                stem = &stem[..at];
            }
        }
    }
    // `-1024x683` / `_800x600`
    if let Some(pos) = stem.rfind(['-', '_']) {
        let tail = &stem[pos + 1..];
        let dims = tail.split_once(['x', 'X']).is_some_and(|(w, h)| {
            !w.is_empty()
                && !h.is_empty()
                && (w.bytes().chain(h.bytes())).all(|b| b.is_ascii_digit())
        });
        if dims && pos > 0 {
            stem = &stem[..pos];
        }
    }
    stem.to_ascii_lowercase()
}

/// Whether `node` (not cleaned yet) is, or holds, an image that has a real source or a
/// lazy candidate to promote.
fn will_show_image(node: &NodeRef, extra: &[String]) -> bool {
    let ok = |n: &NodeRef| {
        if !n.is("img") {
            return false;
        }
        n.with_attrs(|pairs| has_real_source(pairs) || find(pairs, extra, true).is_some())
    };
    ok(node) || (node.is("picture") && node.descendant_elements().iter().any(ok))
}

fn has_real_source(attrs: &[(&str, &str)]) -> bool {
    attrs.iter().any(|&(k, v)| match k {
        "src" => !v.trim().is_empty() && !is_placeholder(v),
        "srcset" => !srcset_is_placeholder(v),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn nested_markup_is_read_whole() {
        let captioned = r#"<div><img src="https://a.example/1.jpg"><p>A caption</p></div>"#;
        assert!(super::single_image(captioned).is_none());
        let gallery = r#"<div><figure><a href="x"><img src="https://a.example/1.jpg"></a></figure><figure><a href="y"><img src="https://a.example/2.jpg"></a></figure></div>"#;
        let roots = crate::NodeRef::parse_fragment(gallery);
        assert_eq!(super::all_images(&roots).len(), 2);
    }

    #[test]
    fn picture_keys() {
        let k = super::picture_key;
        assert_eq!(k("https://a.example/u/photo-1024x683.jpg?x=1"), "photo");
        assert_eq!(k("//a.example/u/photo.jpg"), "photo");
        assert_eq!(k("/u/photo@2x.png"), "photo");
        assert_ne!(k("/u/photo_a.jpg"), k("/u/photo_b.jpg"));
        // Any case.
        assert_eq!(k("/u/Photo-SCALED.JPG"), "photo");
        assert_eq!(k("/u/Photo@2X.png"), "photo");
        assert_eq!(k("/u/Photo_800X600.webp"), "photo");
        assert_eq!(k("/u/été-1024x683.jpg"), "été");
        assert_eq!(k("/u/-800x600.jpg"), "-800x600");
        // A generic name is told by its folder.
        assert_eq!(k("https://a.example/g/4411/full.jpeg#x"), "4411/full");
        assert_ne!(k("/g/4411/full.jpeg"), k("/g/4412/full.jpeg"));
        assert_eq!(k("/g/4411/Original-1024x683.png"), "4411/original");
        assert_eq!(k("full.jpg"), "full");
    }
}
