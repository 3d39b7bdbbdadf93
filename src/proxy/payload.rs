//! Whether the URL an unknown service carries is itself an image: the test the generic
//! fallback must pass before it unwraps anything.
//!
//! A favicon, screenshot, QR, badge, archive or page-thumbnail service also carries a URL in
//! its query, but that URL is a **page**: the image at the outer URL is made from it, and is
//! not it. Only a payload that names an image (by its file name, its image host or store, or
//! an image format parameter) is taken for the origin.

use crate::proxy::parsed::Parsed;

use super::decode::finalize_owned;
use super::generic::names_image_file;
use super::known;

/// Image hosts whose every URL is an image (or a video still), compared with the host and
/// each of its parent domains.
const IMAGE_HOSTS: &[&str] = &[
    // Chinese article images: WeChat, Weibo, Zhihu, ByteDance, Bilibili, Douban, Xiaohongshu,
    // CSDN, Jianshu, ZAKER, NetEase.
    "mmbiz.qpic.cn",
    "mmbiz.qlogo.cn",
    "sinaimg.cn",
    "zhimg.com",
    "byteimg.com",
    "hdslb.com",
    "doubanio.com",
    "xhscdn.com",
    "csdnimg.cn",
    "upload-images.jianshu.io",
    "dingyue.ws.126.net",
    // Social and media platforms' image hosts.
    "pbs.twimg.com",
    "i.imgur.com",
    "i.redd.it",
    "preview.redd.it",
    "i.ytimg.com",
    "img.youtube.com",
    "ggpht.com",
    "googleusercontent.com",
    "cdninstagram.com",
    "fbcdn.net",
    "media.tumblr.com",
    "staticflickr.com",
    "media.giphy.com",
    "cdn.discordapp.com",
    "media.discordapp.net",
    "i.pximg.net",
    "avatars.githubusercontent.com",
    "user-images.githubusercontent.com",
    "private-user-images.githubusercontent.com",
    "upload.wikimedia.org",
    "images.unsplash.com",
    "images.pexels.com",
    "substack-post-media.s3.amazonaws.com",
    "images.ctfassets.net",
    "cdn.sanity.io",
];

/// Object stores: any object is a file, never a page of a site.
const STORES: &[&str] = &[
    "s3.amazonaws.com",
    "storage.googleapis.com",
    "blob.core.windows.net",
    "r2.dev",
    "r2.cloudflarestorage.com",
    "digitaloceanspaces.com",
    "backblazeb2.com",
    "aliyuncs.com",
    "myqcloud.com",
];

/// Path pieces that only image stores use (WordPress uploads, Cloudinary uploads).
const IMAGE_PATHS: &[&str] = &["/wp-content/uploads/", "/image/upload/"];

/// Query parameters that name an image format (`?format=jpg`, `?wx_fmt=png`, `?fm=webp`).
const FORMAT_PARAMS: &[&str] = &["format", "fmt", "fm", "wx_fmt", "type", "ext"];

/// Image format names for [`FORMAT_PARAMS`].
const FORMATS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp", "heic", "jxl", "image",
];

/// True when `host` is `domain` or under it.
fn under(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|prefix| prefix.ends_with('.'))
}

/// True when `payload` (an absolute http(s) URL) is itself an image: its last path segment
/// names an image file, its host is an image host or object store (S3 in any region
/// spelling), its path is an image store's, a query parameter names an image format, or it
/// is itself a URL of a known image proxy.
pub(crate) fn is_image(payload: &str) -> bool {
    Parsed::new(payload.into()).is_some_and(|url| is_image_url(&url, true))
}

/// [`is_image`] on a parsed URL; a known proxy counts only when `through_proxy` and the
/// origin it carries is an image by the other tests.
fn is_image_url(url: &Parsed<'_>, through_proxy: bool) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    if names_image_file(url)
        || IMAGE_HOSTS.iter().chain(STORES).any(|d| under(host, d))
        || is_regional_s3(host)
        || IMAGE_PATHS.iter().any(|p| url.path().contains(p))
    {
        return true;
    }
    let names_format = url.query_pairs().any(|(k, v)| {
        FORMAT_PARAMS.iter().any(|p| k.eq_ignore_ascii_case(p))
            && FORMATS.iter().any(|f| v.eq_ignore_ascii_case(f))
    });
    names_format || through_proxy && carries_image(url)
}

/// `s3.<region>.amazonaws.com`, `s3-<region>.amazonaws.com`, `<bucket>.s3.<region>.amazonaws.com`.
fn is_regional_s3(host: &str) -> bool {
    host.strip_suffix(".amazonaws.com").is_some_and(|rest| {
        rest.split('.')
            .any(|label| label == "s3" || label.starts_with("s3-"))
    })
}

/// True when a built-in recogniser reads out of `url` an origin that is an image (a proxy of
/// an image, one level deep).
fn carries_image(url: &Parsed<'_>) -> bool {
    let segs = known::segments(url);
    // Only those that may read a URL on its host: the others would answer `None`.
    known::for_host(url.host_str())
        .iter()
        .any(|(_, recognise)| {
            recognise(url, &segs)
                .and_then(finalize_owned)
                .and_then(|c| Parsed::new(c.into()))
                .is_some_and(|origin| is_image_url(&origin, false))
        })
}

#[cfg(test)]
mod tests {
    use super::is_image;

    #[test]
    fn images_and_pages() {
        for yes in [
            "https://example.com/a/b.JPG",
            "https://example.com/a.webp?x=1",
            "https://mmbiz.qpic.cn/mmbiz_png/abc/640",
            "https://wx1.sinaimg.cn/large/abc",
            "https://bucket.s3.us-west-2.amazonaws.com/key",
            "https://s3-eu-west-1.amazonaws.com/bucket/key",
            "https://example.com/wp-content/uploads/2024/01/photo",
            "https://example.com/render?id=1&format=png",
            "https://i0.wp.com/example.com/a.jpg",
        ] {
            assert!(is_image(yes), "{yes}");
        }
        for no in [
            "https://www.example.com",
            "https://www.example.com/",
            "https://www.example.org/page",
            "https://example.com/article.html",
            "https://example.com/login?return_to=/a.jpg",
            "https://www.amazonaws.com.example/x",
            "not a url",
        ] {
            assert!(!is_image(no), "{no}");
        }
    }
}
