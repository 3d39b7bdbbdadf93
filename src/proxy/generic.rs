//! The generic fallback: an unknown service that carries an absolute URL in its query.
//!
//! Meant for **image** URLs (`img[src]`, `srcset` candidates, `video[poster]`): on an image
//! URL, a query that carries another absolute http(s) URL almost always names the image to
//! fetch. On a link (`a[href]`) it usually does not (share buttons, login pages, redirect
//! pages), which is why the fallback refuses URLs that look like page links.
//!
//! Even on an image URL the carried URL may be a page: favicon, screenshot, QR, badge and
//! page-thumbnail services make an image *of* a page. So the fallback only unwraps when the
//! payload is itself an image ([`payload::is_image`]), and never
//! on a service whose path or host names one of those services.

use crate::proxy::parsed::Parsed;

use super::decode::decode_to_http;
use super::known::{fix_collapsed_scheme, segments, with_query};
use super::payload;
use crate::ascii::{contains_ci, starts_with_ci};

/// Query parameters that name the image to fetch on unknown image proxies
/// (`/resize?src=…`, `timthumb.php?src=…`, `/fetch?url=…`).
pub(crate) const GENERIC_PARAMS: &[&str] = &["url", "src", "u", "image", "img", "imgurl"];

/// Path words that mark a page rather than an image endpoint (also read by the lazy-image
/// rule: a candidate with such a segment is no picture).
pub(crate) const PAGE_WORDS: &[&str] = &[
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

/// Words in the outer URL's host or path that name a service making an image of a page (or of
/// text): favicons, screenshots, QR codes, badges, page thumbnails, archives. Compared ASCII
/// case-insensitively as substrings of the host and of each path segment.
const PAGE_IMAGE_SERVICES: &[&str] = &[
    "favicon",
    "screenshot",
    "mshots",
    "qrcode",
    "qr-code",
    "qr_code",
    "badge",
    "shields",
    "webcache",
    "archive",
    "snapshot",
    "thum.io",
    "preview-image",
    "og-image",
    "opengraph",
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
pub(crate) fn names_image_file(url: &Parsed<'_>) -> bool {
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

/// True when the host or a path segment of the outer URL names a service that makes an
/// image of a page ([`PAGE_IMAGE_SERVICES`]), a segment is a bare `qr`, or the query asks for a
/// screenshot.
pub(crate) fn is_page_image_service(url: &Parsed<'_>, segs: &[&str]) -> bool {
    let named = |s: &str| PAGE_IMAGE_SERVICES.iter().any(|w| contains_ci(s, w));
    url.host_str().is_some_and(named)
        || segs
            .iter()
            .any(|s| named(s) || s.eq_ignore_ascii_case("qr"))
        || url
            .query()
            .is_some_and(|q| q.split('&').any(|p| starts_with_ci(p, "screenshot")))
}

/// True for one image option of an unknown path proxy: `key_value`, `key:value`,
/// `key=value` (key of letters), a size `300x200`, or several of them joined by `,`, `+`,
/// `&` or `;`.
fn is_option_segment(seg: &str) -> bool {
    let size = |s: &str| {
        s.split_once('x').is_some_and(|(w, h)| {
            !(w.is_empty() && h.is_empty())
                && w.bytes().chain(h.bytes()).all(|b| b.is_ascii_digit())
        })
    };
    !seg.is_empty()
        && seg.split([',', '+', '&', ';']).all(|o| {
            size(o)
                || o.split_once(['_', ':', '=']).is_some_and(|(k, v)| {
                    (1..=16).contains(&k.len())
                        && k.bytes().all(|b| b.is_ascii_alphabetic())
                        && !v.is_empty()
                })
        })
}

/// An unknown path proxy: one or more option segments, then an absolute URL written plainly
/// (`/w_300,q_80/https://origin.example/a.jpg`, `/fit=cover/300x200/https://…`).
fn options_then_url(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let at = segs.iter().position(|s| !is_option_segment(s))?;
    if at == 0 {
        return None;
    }
    let rest = segs.get(at..)?;
    let plain = fix_collapsed_scheme(&rest.join("/"))?;
    Some(with_query(plain, url.query()))
}

/// The candidate origin of an unknown proxy: the whole query, or the first of
/// [`GENERIC_PARAMS`] present, when it is (after percent-decoding up to twice) an absolute
/// http(s) URL; or an absolute URL after option segments in the path. Only when the outer
/// URL is not a page link or a service that makes images of pages, and the candidate is
/// itself an image ([`payload::is_image`]).
///
/// Example: `https://img.example/resize?src=https%3A%2F%2Forigin.example%2Fa.jpg&w=300`.
pub(crate) fn generic(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    // The service's name is looked for only once a candidate is found (most URLs that come
    // here carry none): the answer is the same as when it is looked for first.
    let found = candidate(url, segs)?;
    // In the path form the origin's own segments follow the options: a word of its path
    // (`…/w_300/https://site.example/archive/qr/a.jpg`) says nothing of the service.
    let carried = segs
        .iter()
        .position(|s| starts_with_ci(s, "http:") || starts_with_ci(s, "https:"));
    (!is_page_image_service(url, carried.map_or(segs, |at| &segs[..at]))).then_some(found)
}

/// The value of the first pair named each of [`GENERIC_PARAMS`] (in their order), as
/// [`raw_param`](super::decode::raw_param) reads it (not decoded; `""` for a pair without `=`): one pass over the
/// query's pairs instead of one per name (a property test compares the two).
fn generic_values(query: &str) -> [Option<&str>; GENERIC_PARAMS.len()] {
    let mut values = [None; GENERIC_PARAMS.len()];
    let q = query.as_bytes();
    let mut start = 0;
    loop {
        let end = memchr::memchr(b'&', &q[start..]).map_or(q.len(), |at| start + at);
        let pair = &query[start..end];
        let (name, value) = match memchr::memchr(b'=', pair.as_bytes()) {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, ""),
        };
        // The names of `GENERIC_PARAMS`, in the same order.
        let slot = match name {
            "url" => Some(0),
            "src" => Some(1),
            "u" => Some(2),
            "image" => Some(3),
            "img" => Some(4),
            "imgurl" => Some(5),
            _ => None,
        };
        if let Some(slot) = slot {
            values[slot].get_or_insert(value);
        }
        if end == q.len() {
            return values;
        }
        start = end + 1;
    }
}

/// [`generic`]'s candidate, before the service's name is looked at.
fn candidate(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let image = |c: &String| payload::is_image(c);
    // The path form's last segment is the origin's file name: only the query forms read the
    // outer URL's last segment as a page or a file of its own.
    if let Some(query) = url.query().filter(|_| !looks_like_page_link(segs)) {
        if starts_with_ci(query, "http") {
            if let Some(found) = decode_to_http(query).filter(image) {
                return Some(found);
            }
        }
        // Each name's first value, in the order of the names: one pass over the query.
        let found = generic_values(query)
            .into_iter()
            .flatten()
            .filter_map(decode_to_http)
            .find(image);
        if found.is_some() {
            return found;
        }
    }
    options_then_url(url, segs).filter(image)
}

#[cfg(test)]
mod tests {
    use super::{generic_values, GENERIC_PARAMS};
    use crate::proxy::decode::raw_param;

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The one-pass reading gives, for each name, what asking for it alone gave.
        #[test]
        fn generic_values_are_each_names_own(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "url", "src", "u", "image", "img", "imgurl", "=", "&", "==", "&&", "x", "%3D",
                "é", "urll", "uu", "https://a.example/a.jpg", "?", "#", "",
            ][..]), 0..14),
        ) {
            let query = pieces.concat();
            let values = generic_values(&query);
            for (name, value) in GENERIC_PARAMS.iter().zip(values) {
                proptest::prop_assert_eq!(value, raw_param(&query, name), "{:?} {:?}", query, name);
            }
        }
    }
}
