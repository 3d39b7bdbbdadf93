//! What makes a value an image URL: the one predicate behind "promote this attribute" (lazy
//! images found by value) and "this stand-in is an image" (`div[data-src]`, lazy
//! backgrounds). An article's own URL, a share or AJAX endpoint, a video embed are not
//! images, whatever attribute holds them.

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
pub fn is_image_url(value: &str) -> bool {
    let v = value.trim();
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
    ".wav", ".flac", ".m3u8", ".mpd", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".json",
    ".js", ".css", ".txt", ".xml", ".zip",
];

/// Whether `value` is a URL that is certainly not an image: its path ends in a video,
/// audio, page or document extension (`.mp4`, `.m3u8`, `.html`, `.pdf`…). An extensionless
/// URL, also one ending in `/`, is not certainly anything (image services write
/// `…/resize/320x209!/quality/90/?url=…`): `false`.
pub fn is_not_image_url(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || starts_with_ci(v, "data:") || is_image_url(v) {
        return false;
    }
    let (before_fragment, _) = v.split_once('#').unwrap_or((v, ""));
    let path = before_fragment
        .split_once('?')
        .map_or(before_fragment, |(p, _)| p)
        .to_ascii_lowercase();
    NOT_IMAGE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

/// Whether `v` is a URL template a script fills in (`…_{width}x.jpg`, `{{src}}`,
/// `%7Bwidth%7D`): never an image as written.
pub fn is_template(v: &str) -> bool {
    memchr::memchr2(b'{', b'}', v.as_bytes()).is_some()
        || (crate::ascii::contains_ci(v, "%7b") && crate::ascii::contains_ci(v, "%7d"))
}

/// The host of an absolute or protocol-relative URL (as written: any case), without port
/// or user info.
fn host_of(url: &str) -> Option<&str> {
    let rest = crate::ascii::strip_prefix_ci(url, "https://")
        .or_else(|| crate::ascii::strip_prefix_ci(url, "http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let authority = rest.split('/').next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
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
        ] {
            assert!(is_not_image_url(url), "{url}");
        }
        for url in [
            "https://cdn.example.org/img/a.jpg",
            "https://www.example.org/gallery/view/1234",
            "https://cdn.example.org/photos/",
            "https://img.example.com/dims4/default/1885e38/strip/true/quality/90/?url=x",
            "https://www.example.org/2024/05/story-slug/",
            "https://mmbiz.qpic.cn/mmbiz_png/xyz/640?wx_fmt=png",
            "https://lh3.googleusercontent.com/abc/def/",
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
