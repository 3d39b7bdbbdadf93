//! What makes a value an image URL: the one predicate behind "promote this attribute" (lazy
//! images found by value) and "this stand-in is an image" (`div[data-src]`, lazy
//! backgrounds). An article's own URL, a share or AJAX endpoint, a video embed are not
//! images, whatever attribute holds them.

use super::trim::Trimmed;
use crate::ascii::starts_with_ci;

/// File extensions of images (compared case-insensitively on the path); `.image` is
/// ByteDance's image CDN (`…~tplv-zoom-1.image`).
const IMAGE_EXTENSIONS: &[&str] = &[
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".gif", ".avif", ".svg", ".bmp", ".heic",
    ".heif", ".tif", ".tiff", ".ico", ".image",
];

/// Query parameters that name the output format of an image service (`?fm=jpg`,
/// WeChat's `?wx_fmt=png`, `?format=webp`, `?ext=jpg`).
const FORMAT_PARAMS: &[&str] = &["fm", "format", "wx_fmt", "ext", "output", "f", "type"];

/// Image formats a [`FORMAT_PARAMS`] value names.
const FORMATS: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "avif", "svg", "pjpg", "auto", "image",
];

/// Hosts that serve nothing but images (suffix match on the host name): extensionless URLs
/// there are images. Sources: each service's URL documentation (Medium's `miro`, WeChat's
/// `mmbiz.qpic.cn`, Zhihu's `zhimg`, Twitter's `pbs.twimg.com`, Contentful's
/// `images.ctfassets.net`, Imgix, Cloudinary, Unsplash, Sanity, Substack's CDN).
const IMAGE_HOSTS: &[&str] = &[
    "miro.medium.com",
    "cdn-images-1.medium.com",
    "mmbiz.qpic.cn",
    "zhimg.com",
    "pbs.twimg.com",
    "images.ctfassets.net",
    "imgix.net",
    "res.cloudinary.com",
    "images.unsplash.com",
    "cdn.sanity.io",
    "substackcdn.com",
    "googleusercontent.com",
    "ggpht.com",
    "i.ytimg.com",
    "images.squarespace-cdn.com",
];

/// Whether `value` is one image URL: one token (no white space), not `data:`, not a
/// template (`{width}`), and
///
/// - its path ends in an image extension (`.jpg`, `.png`, `.webp`, `.avif`, `.svg`…, any
///   case; query and fragment allowed), or
/// - a query parameter names an image format (`?fm=jpg`, `?wx_fmt=png`, `?format=webp`), or
/// - its host serves only images (`IMAGE_HOSTS`: Medium's `miro`, WeChat's `mmbiz`, Zhihu,
///   `pbs.twimg.com`, Contentful, Imgix, Cloudinary…), or
/// - its path has an image service's marker: Cloudinary's `/image/upload/`, WordPress'
///   Jetpack CDN host `iN.wp.com`.
///
/// A page URL (`https://news.example/2016/12/19/story/`), an endpoint (`/Site?View=x`) or a
/// video (`https://www.youtube.com/embed/ID`, `.mp4`) is not an image URL.
///
/// The value is read as the browser's URL parser reads it: an ASCII tab or newline inside
/// is removed (see `crate::url_text`), so `https://a.example/ph` and `oto.jpg` across a
/// line break are one image URL.
pub fn is_image_url(value: &str) -> bool {
    let v = value.trimmed();
    // Bytes first, in one screen (most URLs pass it): a space, a control or a non-ASCII
    // byte is looked at out of line.
    if super::candidates::has_space_control_or_non_ascii(v) {
        return is_image_url_with_odd_bytes(v);
    }
    is_image_url_shape(v)
}

/// [`is_image_url`] of a trimmed value with a byte up to `' '` or over `0x7F`: read without
/// its ASCII tabs and newlines, it must hold no white space (the characters are decoded
/// only when a non-ASCII byte is there).
#[cold]
#[inline(never)]
fn is_image_url_with_odd_bytes(v: &str) -> bool {
    let v = crate::url_text::as_parsed(v);
    let blank = v.bytes().any(|b| b <= b' ')
        || (v.bytes().any(|b| b >= 0x80) && v.chars().any(char::is_whitespace));
    !blank && is_image_url_shape(&v)
}

/// [`is_image_url`] of a trimmed value without white space.
fn is_image_url_shape(v: &str) -> bool {
    // Each yes below needs a `.` (an extension), a `?` (a format parameter) or a `/` (a
    // host): a value with none (a number, a word, `300,640`: most attributes read by value)
    // is answered in one byte search (`byte_searches_answer_as_the_splits` checks).
    if crate::screens::on() && memchr::memchr3(b'.', b'?', b'/', v.as_bytes()).is_none() {
        return false;
    }
    if v.is_empty() || starts_with_ci(v, "data:") || is_template(v) {
        return false;
    }
    // Byte searches (`memchr`), not string splits: this runs on every candidate.
    let before_fragment = memchr::memchr(b'#', v.as_bytes()).map_or(v, |i| &v[..i]);
    let (path_part, query) = memchr::memchr(b'?', before_fragment.as_bytes())
        .map_or((before_fragment, ""), |i| {
            (&before_fragment[..i], &before_fragment[i + 1..])
        });
    // The extension of the last path segment, compared in any case without a lowercase
    // copy: this runs on every candidate.
    let file_start = memchr::memrchr(b'/', path_part.as_bytes()).map_or(0, |i| i + 1);
    if let Some(dot) = memchr::memrchr(b'.', &path_part.as_bytes()[file_start..]) {
        let ext = &path_part[file_start + dot..];
        if path_part.len() > ext.len()
            && IMAGE_EXTENSIONS
                .iter()
                .any(|e| e.len() == ext.len() && e.eq_ignore_ascii_case(ext))
        {
            return true;
        }
    }
    // Only a parameter with a `=` can name a format.
    let format_param = memchr::memchr(b'=', query.as_bytes()).is_some()
        && query.split('&').any(|kv| {
            memchr::memchr(b'=', kv.as_bytes()).is_some_and(|eq| {
                let (k, v) = (&kv[..eq], &kv[eq + 1..]);
                FORMAT_PARAMS.iter().any(|p| k.eq_ignore_ascii_case(p))
                    && FORMATS.iter().any(|f| v.eq_ignore_ascii_case(f))
            })
        });
    if format_param {
        return true;
    }
    let Some(host) = host_of(path_part) else {
        return false;
    };
    let host_is = |h: &str| {
        let (host, h) = (host.as_bytes(), h.as_bytes());
        host.len() >= h.len()
            && host[host.len() - h.len()..].eq_ignore_ascii_case(h)
            && (host.len() == h.len() || host[host.len() - h.len() - 1] == b'.')
    };
    IMAGE_HOSTS.iter().any(|h| host_is(h))
        || crate::ascii::contains_ci(path_part, "/image/upload/")
        || is_jetpack_cdn(host)
}

/// File extensions that are never an image: video, audio, streaming manifests, pages,
/// documents, scripts and data.
const NOT_IMAGE_EXTENSIONS: &[&str] = &[
    ".mp4", ".m4v", ".webm", ".mov", ".ogv", ".mkv", ".avi", ".mp3", ".m4a", ".ogg", ".oga",
    ".wav", ".flac", ".m3u8", ".mpd", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".json", ".js",
    ".css", ".txt", ".xml", ".zip",
];

/// Whether `value` is a URL that is certainly not an image: its path ends in a video,
/// audio, page or document extension (`.mp4`, `.m3u8`, `.html`, `.pdf`…), or it is shaped
/// as an article's page (a date archive's or a slug: `/2024/05/story-title/`), an endpoint's, a
/// share page's, or it is a known provider's video or post (`https://www.youtube.com/embed/…`:
/// the sanitizer makes it a link). Any other
/// extensionless URL, also one ending in `/`, is not certainly anything (image services
/// write `…/resize/320x209!/quality/90/?url=…`, `…/photo/8812`): `false`.
pub fn is_not_image_url(value: &str) -> bool {
    // Read as the browser reads it: ASCII tabs and newlines removed (`crate::url_text`).
    let v = crate::url_text::as_parsed(value.trimmed());
    let v = &*v;
    if v.is_empty() || starts_with_ci(v, "data:") || is_image_url(v) {
        return false;
    }
    let (before_fragment, _) = v.split_once('#').unwrap_or((v, ""));
    let (path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let path = path.to_ascii_lowercase();
    NOT_IMAGE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
        || is_page_path(&path)
        || is_endpoint(&path)
        || query.split('&').any(|kv| {
            let key = kv.split_once('=').map_or(kv, |(k, _)| k);
            PAGE_PARAMS.iter().any(|p| key.eq_ignore_ascii_case(p))
        })
        || crate::rules::sanitize::is_embed_url(v)
}

/// `(host, path)` of a URL without query and fragment: for a scheme-relative or absolute one
/// the path starts at the `/` after the host (empty when none follows); a relative one has
/// no host.
fn host_and_path(url: &str) -> (&str, &str) {
    match url.find("//") {
        Some(i) if !url[..i].contains('/') => {
            let rest = &url[i + 2..];
            rest.find('/').map_or((rest, ""), |j| rest.split_at(j))
        }
        _ => ("", url),
    }
}

/// Query parameters that ask a site for a page, a view or an action rather than a file
/// (`/Site?View=Search`, `/?p=123`, WordPress' `?page_id=`, AJAX's `?action=load_more`).
const PAGE_PARAMS: &[&str] = &["action", "view", "page_id", "p"];

/// Path segments of web APIs and AJAX handlers (`/wp-json/wp/v2/media/12`,
/// `/wp-admin/admin-ajax.php`, `/api/v2/related`), which answer with data, not a picture.
const ENDPOINT_SEGMENTS: &[&str] = &[
    "api",
    "wp-json",
    "wp-admin",
    "ajax",
    "graphql",
    "xmlrpc.php",
];

/// Whether `url` (lowercase, without query and fragment) is a web API's, an AJAX handler's
/// or a share, login or search page's: a host `api.…` or `share.…`, a segment of
/// [`ENDPOINT_SEGMENTS`] or of the proxy unwrapper's page words (`sharer.php`, `intent`,
/// `share`, `login`, `search`…), or a file named for AJAX (`admin-ajax.php`, `ajax.aspx`).
fn is_endpoint(url: &str) -> bool {
    let (host, path) = host_and_path(url);
    host.starts_with("api.")
        || host.starts_with("share.")
        || path.split('/').any(|seg| {
            ENDPOINT_SEGMENTS.contains(&seg)
                || crate::proxy::PAGE_WORDS.contains(&seg)
                || seg
                    .rsplit_once('.')
                    .is_some_and(|(stem, _)| stem.split(['-', '_']).any(|w| w == "ajax"))
        })
}

/// Whether the path of a URL (`path`, lowercase, without query and fragment; scheme and
/// host allowed before it) is shaped as a page of a site rather than a file: its last
/// segment has no extension, and
///
/// - it is a date archive's (`/2024/05/…`, `/2016/12/19/…`: a year segment followed by a
///   month segment) outside an image folder (an image service's `/image/title/2019/6/140`
///   or `/photos/2024/05/8812` files its pictures by date too: a segment of
///   [`IMAGE_FOLDERS`] before the date makes it a file), or
/// - its last segment is a slug of words (`story-about-the-harbour`, `another_story`): at
///   least two hyphen- or underscore-separated words of two or more letters.
///
/// Image services name files by number, hash or option list (`/photo/8812`,
/// `…/quality/90/`, `1*a8Bc…`), not by a sentence; image files have an extension.
fn is_page_path(path: &str) -> bool {
    let (_, path) = host_and_path(path);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(last) = segments.last() else {
        return false;
    };
    if last.contains('.') {
        return false;
    }
    let year = |s: &str| s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
    let month = |s: &str| {
        s.parse::<u8>()
            .is_ok_and(|m| (1..=12).contains(&m) && s.len() <= 2)
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let dated = segments
        .windows(2)
        .position(|w| digits(w[0]) && year(w[0]) && month(w[1]))
        .is_some_and(|at| !segments[..at].iter().any(|s| IMAGE_FOLDERS.contains(s)));
    let words = last
        .split(['-', '_'])
        .filter(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_alphabetic()))
        .count();
    dated || words >= 2
}

/// Path segments (lowercase) of folders that hold pictures: a dated path below one is an
/// image file's, not an archive page's.
const IMAGE_FOLDERS: &[&str] = &[
    "image",
    "images",
    "img",
    "imgs",
    "photo",
    "photos",
    "picture",
    "pictures",
    "pics",
    "thumb",
    "thumbs",
    "thumbnail",
    "thumbnails",
];

/// Whether `v` is a URL template a script fills in (`…_{width}x.jpg`, `{{src}}`,
/// `%7Bwidth%7D`): never an image as written.
///
/// One pass over `v` for its three marks (`{`, `}`, and `%` for the encoded ones), rather
/// than one for the braces and one for each encoded brace: image URLs are asked about
/// several times each.
pub fn is_template(v: &str) -> bool {
    let b = v.as_bytes();
    let (mut open, mut close) = (false, false);
    for i in memchr::memchr3_iter(b'{', b'}', b'%', b) {
        match b[i] {
            b'%' => match b.get(i + 1..i + 3) {
                Some([b'7', c]) if c.eq_ignore_ascii_case(&b'b') => open = true,
                Some([b'7', c]) if c.eq_ignore_ascii_case(&b'd') => close = true,
                _ => continue,
            },
            _ => return true,
        }
        // Both encoded braces seen: a brace later would not change the answer.
        if open && close {
            return true;
        }
    }
    false
}

/// The host of an absolute or protocol-relative URL (as written: any case), without port
/// or user info.
fn host_of(url: &str) -> Option<&str> {
    let rest = crate::ascii::strip_prefix_ci(url, "https://")
        .or_else(|| crate::ascii::strip_prefix_ci(url, "http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let authority = memchr::memchr(b'/', rest.as_bytes()).map_or(rest, |i| &rest[..i]);
    let host =
        memchr::memrchr(b'@', authority.as_bytes()).map_or(authority, |i| &authority[i + 1..]);
    let host = memchr::memchr(b':', host.as_bytes()).map_or(host, |i| &host[..i]);
    (!host.is_empty()).then_some(host)
}

/// Jetpack's image CDN: `i0.wp.com` … `i3.wp.com`.
fn is_jetpack_cdn(host: &str) -> bool {
    let n = host.len();
    (n > 7 && host.as_bytes()[n - 7..].eq_ignore_ascii_case(b".wp.com"))
        .then(|| &host[..n - 7])
        .and_then(|h| h.strip_prefix(['i', 'I']))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// One pass, `is_template` answers as the three searches it replaces: a brace, or
        /// both encoded braces (any case), on mixes of the marks and their near misses.
        #[test]
        fn is_template_as_three_searches(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "{", "}", "%", "%7", "%7b", "%7B", "%7d", "%7D", "%7c", "7b", "%%7b", "%3C",
                "a", "é", "/", "https://a.example/u_", "width", "",
            ][..]), 0..10)
        ) {
            let v: String = pieces.concat();
            let three = memchr::memchr2(b'{', b'}', v.as_bytes()).is_some()
                || (crate::ascii::contains_ci(&v, "%7b") && crate::ascii::contains_ci(&v, "%7d"));
            proptest::prop_assert_eq!(is_template(&v), three, "{:?}", v);
        }
    }

    /// `is_image_url` as it was written with string splits: the oracle of the byte searches.
    fn is_image_url_plainly(value: &str) -> bool {
        let v = value.trimmed();
        if v.is_empty() || starts_with_ci(v, "data:") || is_template(v) {
            return false;
        }
        // Bytes first: the characters are decoded only when a non-ASCII byte is there.
        if v.bytes().any(|b| b <= b' ')
            || (v.bytes().any(|b| b >= 0x80) && v.chars().any(char::is_whitespace))
        {
            return false;
        }
        let (before_fragment, _) = v.split_once('#').unwrap_or((v, ""));
        let (path_part, query) = before_fragment
            .split_once('?')
            .unwrap_or((before_fragment, ""));
        // The extension of the last path segment, compared in any case without a lowercase
        // copy: this runs on every candidate.
        let file_start = memchr::memrchr(b'/', path_part.as_bytes()).map_or(0, |i| i + 1);
        if let Some(dot) = memchr::memrchr(b'.', &path_part.as_bytes()[file_start..]) {
            let ext = &path_part[file_start + dot..];
            if path_part.len() > ext.len()
                && IMAGE_EXTENSIONS
                    .iter()
                    .any(|e| e.len() == ext.len() && e.eq_ignore_ascii_case(ext))
            {
                return true;
            }
        }
        let format_param = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .any(|(k, v)| {
                FORMAT_PARAMS.iter().any(|p| k.eq_ignore_ascii_case(p))
                    && FORMATS.iter().any(|f| v.eq_ignore_ascii_case(f))
            });
        if format_param {
            return true;
        }
        let Some(host) = host_of_plainly(path_part) else {
            return false;
        };
        let host_is = |h: &str| {
            let (host, h) = (host.as_bytes(), h.as_bytes());
            host.len() >= h.len()
                && host[host.len() - h.len()..].eq_ignore_ascii_case(h)
                && (host.len() == h.len() || host[host.len() - h.len() - 1] == b'.')
        };
        IMAGE_HOSTS.iter().any(|h| host_is(h))
            || crate::ascii::contains_ci(path_part, "/image/upload/")
            || is_jetpack_cdn(host)
    }

    /// `host_of` as it was written with string splits.
    fn host_of_plainly(url: &str) -> Option<&str> {
        let rest = crate::ascii::strip_prefix_ci(url, "https://")
            .or_else(|| crate::ascii::strip_prefix_ci(url, "http://"))
            .or_else(|| url.strip_prefix("//"))?;
        let authority = rest.split('/').next().unwrap_or("");
        let host = authority.rsplit('@').next().unwrap_or("");
        let host = host.split(':').next().unwrap_or("");
        (!host.is_empty()).then_some(host)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The byte searches answer as the string splits did, on URLs made of separators,
        /// extensions, format parameters, image hosts and filler.
        #[test]
        fn byte_searches_answer_as_the_splits(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https://", "HTTP://", "//", "/", "?", "#", "&", "=", "@", ":", ":80", ".",
                ".jpg", ".PNG", ".image", "a", "photo", "fm=jpg", "FORMAT=webp", "wx_fmt",
                "png", "miro.medium.com", "x.zhimg.com", "i0.wp.com", "I2.WP.COM",
                "/image/upload/", "{w}", "%7B", "%7d", " ", "é", "data:",
            ][..]), 0..10)
        ) {
            let url: String = pieces.concat();
            proptest::prop_assert_eq!(is_image_url(&url), is_image_url_plainly(&url), "{:?}", url);
            proptest::prop_assert_eq!(host_of(&url), host_of_plainly(&url), "{:?}", url);
        }
    }

    #[test]
    fn images_by_extension_query_and_host() {
        for url in [
            "https://cdn.example.org/a/b.JPG?x=1",
            "//cdn.example.org/a/b.webp#frag",
            "/u/photo.avif",
            "https://mmbiz.qpic.cn/mmbiz_png/xyz/640?wx_fmt=png",
            "https://img.example.net/abc?fm=jpg&w=800",
            "https://miro.medium.com/v2/resize:fit:1400/1*abcdef",
            "https://res.example-cdn.com/demo/image/upload/w_800/sample",
            "https://i1.wp.com/blog.example/photo?resize=800",
        ] {
            assert!(is_image_url(url), "{url}");
        }
    }

    #[test]
    fn certainly_not_images() {
        for url in [
            "https://cdn.example.org/video/intro.mp4",
            "//cdn.example.org/live/index.m3u8?token=1",
            "https://www.example.org/about.html",
            "https://www.example.org/2024/05/story-slug/",
            "https://news.example.com/culture/2016/12/19/harbour-7",
            "/2023/11/harbour-notes/",
            "https://news.example.com/2019/06/140",
            "https://news.example.com/images/2019/06/gallery-of-the-harbour",
            "https://www.example.org/another-story",
            "/wp-admin/admin-ajax.php?action=load_more&post=3",
            "https://api.news.example/v2/related?id=42",
            "https://news.example/wp-json/wp/v2/media/12",
            "https://www.social.example/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2F",
            "https://social.example/intent/tweet?url=https%3A%2F%2Fnews.example%2F",
            "https://share.news.example/?url=https://news.example/harbour/",
            "/Site?View=Search",
            "https://news.example/?p=1234",
            "https://www.youtube.com/embed/abcdefghijk",
            "https://player.vimeo.com/video/76979871",
        ] {
            assert!(is_not_image_url(url), "{url}");
        }
        for url in [
            "https://cdn.example.org/img/a.jpg",
            "https://www.example.org/gallery/view/1234",
            "https://cdn.example.org/photos/",
            "https://img.example.com/dims4/default/1885e38/strip/true/quality/90/?url=x",
            "https://img.example.net/photo/8812",
            "https://cdn.example.org/media/2024/a8f3c2d9e1",
            "https://mmbiz.qpic.cn/mmbiz_png/xyz/640?wx_fmt=png",
            "https://lh3.googleusercontent.com/abc/def/",
            "//covers.example.net/Delivery/image/title/WKLY/2019/6/140",
            "https://cdn.example.org/photos/2024/05/8812",
            "/img/",
            "",
        ] {
            assert!(!is_not_image_url(url), "{url}");
        }
    }

    #[test]
    fn pages_endpoints_videos_and_templates_are_not() {
        for url in [
            "https://news.example.com/2016/12/19/some-article/",
            "/Site?View=Search",
            "https://www.youtube.com/embed/abcdefghijk",
            "https://video.example.com/clip.mp4",
            "https://shop.example/products/shirt_{width}x.jpg",
            "https://shop.example/p/shirt_%7Bwidth%7Dx.jpg",
            "data:image/png;base64,AAAA",
            "a.jpg 320w, b.jpg 640w",
            "",
            ".jpg",
        ] {
            assert!(!is_image_url(url), "{url}");
        }
    }
}
