//! The generic fallback: an unknown service that carries an absolute URL in its query.
//!
//! Meant for **image** URLs (`img[src]`, `srcset` candidates, `video[poster]`): on an image
//! URL, a query that carries another absolute http(s) URL almost always names the image to
//! fetch. On a link (`a[href]`) it usually does not (share buttons, login pages, redirect
//! pages), which is why the fallback refuses URLs that look like page links.

use url::Url;

use super::decode::{decode_to_http, raw_param};
use super::known::segments;
use crate::ascii::starts_with_ci;

/// Query parameters that name the image to fetch on unknown image proxies
/// (`/resize?src=…`, `timthumb.php?src=…`, `/fetch?url=…`).
pub(crate) const GENERIC_PARAMS: &[&str] = &["url", "src", "u", "image", "img", "imgurl"];

/// Path words that mark a page rather than an image endpoint.
const PAGE_WORDS: &[&str] = &[
    "share",
    "sharer",
    "sharer.php",
    "sharearticle",
    "intent",
    "login",
    "signin",
    "sign_in",
    "logout",
    "auth",
    "oauth",
    "authorize",
    "search",
    "subscribe",
    "comment",
    "comments",
    "redirect",
    "bookmark",
];

/// File extensions that mark a page, or a file that is itself the resource.
const RESOURCE_EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp",
    "ico", "mp4", "webm", "mp3",
];

/// Extensions of image files, for [`names_image_file`].
const IMAGE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "jpe", "jfif", "png", "apng", "gif", "webp", "avif", "svg", "bmp", "heic",
    "heif", "jxl", "tif", "tiff",
];

/// True when the last path segment of `url` ends with an image file extension (`.jpg`,
/// `.png`, `.webp`…, ASCII case-insensitive). Query and fragment are not looked at.
pub(crate) fn names_image_file(url: &Url) -> bool {
    segments(url)
        .last()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// True when the outer URL, given by its path segments, looks like a page link (a path word from a share/login/search
/// page) or names a file by extension (`.html`, or an image that is itself the resource).
pub(crate) fn looks_like_page_link(segs: &[&str]) -> bool {
    if segs
        .iter()
        .any(|s| PAGE_WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)))
    {
        return true;
    }
    segs.last()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(_, ext)| {
            RESOURCE_EXTENSIONS
                .iter()
                .any(|e| ext.eq_ignore_ascii_case(e))
        })
}

/// The candidate origin of an unknown proxy: the whole query, or the first of
/// [`GENERIC_PARAMS`] present, when it is (after percent-decoding up to twice) an absolute
/// http(s) URL and the outer URL is not a page link.
///
/// Example: `https://img.example/resize?src=https%3A%2F%2Forigin.example%2Fa.jpg&w=300`.
pub(crate) fn generic(url: &Url, segs: &[&str]) -> Option<String> {
    let query = url.query()?;
    if looks_like_page_link(segs) {
        return None;
    }
    if starts_with_ci(query, "http") {
        if let Some(found) = decode_to_http(query) {
            return Some(found);
        }
    }
    GENERIC_PARAMS
        .iter()
        .filter_map(|name| raw_param(query, name))
        .find_map(decode_to_http)
}
