//! Images named inside a JSON-valued attribute: a component's `data-media='{"src":"…"}'`,
//! `data-props='{"image":{"url":"…"}}'`, Wix's `data-image-info='{"imageData":{"uri":"…"}}'`
//! on the element around the `<img>`, whose `src` is a placeholder or a tiny blurred preview
//! until a script reads the JSON. The JSON is parsed (`serde_json`), never searched as text.

use super::candidates::clean_url;
use super::image_url::is_image_url;
use super::placeholder::is_low_res;
use crate::rules::junk::is_tracker_url;
use crate::Element;
use serde_json::Value;

/// Key words that name another picture than the one shown: a thumbnail, a preview, an
/// author's avatar, a logo. A URL under such a key (at any depth) is never taken.
const OTHER_PICTURE_KEYS: &[&str] = &[
    "thumb",
    "preview",
    "placeholder",
    "lqip",
    "blur",
    "small",
    "tiny",
    "icon",
    "avatar",
    "logo",
    "lowres",
    "lowsrc",
];

/// Key words that name the full picture (rank 0).
const FULL_PICTURE_KEYS: &[&str] = &[
    "original", "full", "large", "hires", "highres", "zoom", "master",
];

/// Key words that name the picture (rank 1); any other key ranks 2.
const PICTURE_KEYS: &[&str] = &["src", "url", "uri", "image", "img", "file", "path"];

/// Attributes of the element around an `<img>` read as JSON (any attribute of the `<img>`
/// itself is).
pub(super) const WRAPPER_ATTRIBUTES: &[&str] = &[
    "data-image-info",
    "data-media",
    "data-props",
    "data-image",
    "data-img",
    "data-image-data",
];

/// At most this many JSON values are looked at in one attribute.
const MAX_VALUES: usize = 4096;

/// The note (see `NOTE_PREFIX`): the JSON of the element around.
const WRAPPER_JSON: &str = "data-articlean-json";

/// At a wrapper `el` (a `div`, `span`, `figure`, `picture`, `a` or custom element), before
/// its content is cleaned: the first of its
/// [`WRAPPER_ATTRIBUTES`] whose value is JSON is left as the note [`WRAPPER_JSON`] on its
/// `<img>` child when it has one only, read by [`json_image`] when that image has nothing else to show (the
/// sanitizer removes the attribute from `el` before the `<img>` is reached).
pub(super) fn note_wrapper_json(el: &Element<'_>) {
    // Seen again after its children (renamed at its end, as a wrapper becoming a figure):
    // its `<img>` has been cleaned, and would keep the note.
    if !el.is_before_children() {
        return;
    }
    // Cheap test first: this runs on every wrapper (`div`, `span`, `a`…).
    let Some(json) = el
        .attrs()
        .find(|(k, v)| {
            k.starts_with("data-") && WRAPPER_ATTRIBUTES.contains(k) && is_json_attribute(k, v)
        })
        .map(|(_, v)| v)
    else {
        return;
    };
    // Only the one `<img>` of the wrapper: the JSON is copied once, however many images a
    // gallery holds (and however long its JSON).
    let mut images = el.children_iter().filter(|c| c.is("img"));
    if let (Some(img), None) = (images.next(), images.next()) {
        img.set_attr_before_visit(WRAPPER_JSON, json);
    }
}

/// The image URL that a JSON-valued attribute of the `<img>` `el` names (its own, or the
/// note [`WRAPPER_JSON`] from the element around): of the strings that are an image URL
/// (see [`is_image_url`]; not a placeholder, a low-quality variant or a tracker's) under
/// no key naming another picture (`thumb`, `preview`, `avatar`…), those under the
/// best-ranked key (`original`/`full`/`large`, then `src`/`url`/`uri`/`image`, then any),
/// when they are one URL, or when exactly one of them names the file of `el`'s own `src`.
/// A file name alone (Wix's `"uri":"ab12~mv2.jpg"`) is resolved against `el`'s `src`
/// only: the part of it that ends with that file (`https://static.example/media/ab12~mv2.jpg`
/// of `…/media/ab12~mv2.jpg/v1/fill/w_49,blur_2/ab12~mv2.jpg`); any other relative path
/// that is not rooted (`/…`) is not taken. `None` when no attribute is JSON, or the choice
/// is not clear.
pub(super) fn json_image(el: &Element<'_>) -> Option<String> {
    let src = el.attr("src").unwrap_or("").trim();
    el.attrs()
        .filter(|(k, v)| is_json_attribute(k, v))
        .find_map(|(_, json)| image_in(json, src))
}

/// The image URL that the JSON `value` of a lazy loader's own attribute (`data-src`
/// holding `{"default":"…"}`) names for an `<img>` whose `src` is `src`, chosen as in
/// [`json_image`].
pub(super) fn json_value_image(value: &str, src: &str) -> Option<String> {
    let v = value.trim_start();
    if v.starts_with('{') || v.starts_with('[') {
        image_in(value, src)
    } else {
        None
    }
}

/// Whether an attribute's value is JSON worth parsing: an object or an array, in an
/// attribute that is not text for people or a style.
fn is_json_attribute(name: &str, value: &str) -> bool {
    let v = value.trim_start();
    (v.starts_with('{') || v.starts_with('['))
        && !matches!(name, "class" | "style" | "alt" | "title" | "aria-label")
}

/// The image `json` names for an `<img>` whose `src` is `src` (see [`json_image`]).
fn image_in(json: &str, src: &str) -> Option<String> {
    let value: Value = serde_json::from_str(json).ok()?;
    // (rank, URL) of every acceptable string; the walk is iterative (serde_json bounds the
    // depth it parses, the walk bounds the values it visits).
    let mut found: Vec<(u8, String)> = Vec::new();
    let mut stack: Vec<(&Value, u8)> = vec![(&value, 2)];
    let mut seen = 0;
    while let Some((v, rank)) = stack.pop() {
        seen += 1;
        if seen > MAX_VALUES {
            return None;
        }
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter().rev() {
                    let k = k.to_ascii_lowercase();
                    if OTHER_PICTURE_KEYS.iter().any(|w| k.contains(w)) {
                        continue;
                    }
                    stack.push((child, rank.min(key_rank(&k))));
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev().map(|c| (c, rank))),
            Value::String(s) => {
                if let Some(url) = resolve(s.trim(), src).filter(|u| acceptable(u, src)) {
                    found.push((rank, url));
                }
            }
            _ => {}
        }
    }
    let best = found.iter().map(|(r, _)| *r).min()?;
    let mut urls: Vec<&str> = found
        .iter()
        .filter(|(r, _)| *r == best)
        .map(|(_, u)| u.as_str())
        .collect();
    // A responsive map (`{"default":"…/a.jpg?w=320","wide":"…/a.jpg?w=1280"}`): one
    // picture at several sizes, the same file asked with other parameters. The widest asked
    // (`w=`/`width=`) is taken, else the first.
    fn path(u: &str) -> &str {
        u.split(['?', '#']).next().unwrap_or(u)
    }
    if let Some(first) = urls.first().copied() {
        if urls.iter().all(|u| path(u) == path(first)) {
            let widest = urls
                .iter()
                .copied()
                .rev()
                .max_by_key(|u| asked_width(u))
                .unwrap_or(first);
            return Some(widest.to_string());
        }
    }
    urls.sort_unstable();
    urls.dedup();
    if urls.len() > 1 {
        // Several pictures: the one whose file the preview in `src` shows, if one is.
        let names_src: Vec<&str> = urls
            .iter()
            .copied()
            .filter(|u| {
                let file = super::placeholder::file_name(u);
                !file.is_empty() && src.contains(file)
            })
            .collect();
        urls = names_src;
    }
    match urls.as_slice() {
        [one] => Some((*one).to_string()),
        _ => None,
    }
}

/// The width a URL's query asks for (`w=640`, `width=640`; `&amp;` as written in JSON
/// taken from HTML too), 0 when none.
fn asked_width(url: &str) -> u32 {
    let Some((_, query)) = url.split_once('?') else {
        return 0;
    };
    query
        .split(['&', ';'])
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| {
            let k = k.trim_start_matches("amp;");
            k.eq_ignore_ascii_case("w") || k.eq_ignore_ascii_case("width")
        })
        .filter_map(|(_, v)| v.parse().ok())
        .max()
        .unwrap_or(0)
}

/// The rank of a key: 0 for the full picture, 1 for the picture, 2 for any other.
fn key_rank(key: &str) -> u8 {
    if FULL_PICTURE_KEYS.iter().any(|w| key.contains(w)) {
        0
    } else if PICTURE_KEYS.iter().any(|w| key.contains(w)) {
        1
    } else {
        2
    }
}

/// `v` as a URL to promote: an absolute, protocol-relative or rooted URL as written; a
/// relative one (a file name) only as the part of `src` that ends with it.
fn resolve(v: &str, src: &str) -> Option<String> {
    if v.is_empty() || v.starts_with("data:") {
        return None;
    }
    let lower_start = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    if v.starts_with('/')
        || lower_start.starts_with("http://")
        || lower_start.starts_with("https://")
    {
        return Some(v.to_string());
    }
    if v.contains(':') || v.contains('?') || v.contains('#') {
        return None;
    }
    // The first `/v/` in the path of `src` (before its query): the rest of `src` is a
    // variant of that file.
    let path_end = src.find(['?', '#']).unwrap_or(src.len());
    let path = &src[..path_end];
    let needle = format!("/{v}/");
    let at = path.find(&needle)?;
    Some(path[..at + needle.len() - 1].to_string())
}

/// Whether `url` may replace `src`: an image URL that is no placeholder, no low-quality
/// variant, no tracker's, and not `src` itself.
fn acceptable(url: &str, src: &str) -> bool {
    url != src
        && is_image_url(url)
        && clean_url(url).is_some_and(|u| u == url)
        && !is_low_res(url)
        && !is_tracker_url(url)
}

#[cfg(test)]
mod tests {
    use super::image_in;

    #[test]
    fn picks_the_picture_by_key() {
        let json = r#"{"thumbnail":{"url":"https://m.example/t.jpg"},"image":{"url":"https://m.example/i.jpg"}}"#;
        assert_eq!(
            image_in(json, "").as_deref(),
            Some("https://m.example/i.jpg")
        );
        let json = r#"{"src":"https://m.example/a.jpg","original":"https://m.example/a-full.jpg"}"#;
        assert_eq!(
            image_in(json, "").as_deref(),
            Some("https://m.example/a-full.jpg")
        );
    }

    #[test]
    fn a_gallery_is_no_clear_choice() {
        let json =
            r#"{"images":[{"src":"https://m.example/a.jpg"},{"src":"https://m.example/b.jpg"}]}"#;
        assert_eq!(image_in(json, "data:image/gif;base64,R0lG"), None);
        assert_eq!(
            image_in(json, "https://m.example/b.jpg?w=20&blur=10").as_deref(),
            Some("https://m.example/b.jpg")
        );
    }

    #[test]
    fn one_file_at_several_sizes_is_one_picture() {
        let json = r#"{"default":{"src":"//m.example/e/AB1.jpg?h=41&w=73"},"wide":{"src":"//m.example/e/AB1.jpg?h=410&w=728"},"mid":{"src":"//m.example/e/AB1.jpg?h=230&w=410"}}"#;
        assert_eq!(
            image_in(json, "").as_deref(),
            Some("//m.example/e/AB1.jpg?h=410&w=728")
        );
        // No width asked: the first written.
        let json = r#"{"a":"https://m.example/p/q.jpg?v=1","b":"https://m.example/p/q.jpg?v=2"}"#;
        assert_eq!(
            image_in(json, "").as_deref(),
            Some("https://m.example/p/q.jpg?v=1")
        );
        // Two files are two pictures.
        let json =
            r#"{"a":"https://m.example/p/q.jpg?w=900","b":"https://m.example/p/r.jpg?w=990"}"#;
        assert_eq!(image_in(json, ""), None);
    }

    #[test]
    fn file_names_resolve_against_src_only() {
        let src = "https://static.example/media/ab12~mv2.jpg/v1/fill/w_49,h_33,blur_2/ab12~mv2.jpg";
        assert_eq!(
            image_in(r#"{"imageData":{"uri":"ab12~mv2.jpg"}}"#, src).as_deref(),
            Some("https://static.example/media/ab12~mv2.jpg")
        );
        assert_eq!(image_in(r#"{"uri":"ab12~mv2.jpg"}"#, "data:,"), None);
        assert_eq!(image_in(r#"{"uri":"other.jpg"}"#, src), None);
    }

    #[test]
    fn not_images_nor_bad_json() {
        for json in [
            r#"{"url":"https://news.example/2024/story/"}"#,
            r#"{"url":"https://t.example.net/pixel?uid=1"}"#,
            r#"{"src":"javascript:alert(1)//.jpg"}"#,
            r#"{"src":"https://m.example/a.jpg""#,
            "[1,2,3]",
            "{}",
        ] {
            assert_eq!(image_in(json, ""), None, "{json}");
        }
    }
}
