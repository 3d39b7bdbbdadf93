//! Image hosts that refuse hotlinking when the browser sends a foreign `Referer`.
//!
//! Images from these hosts only load with `referrerpolicy="no-referrer"` (or through a
//! proxy, which is why so much scraped content wraps them in one).

use std::borrow::Cow;

/// Exact host names.
const EXACT: &[&str] = &[
    // WeChat official-account images (mp.weixin.qq.com): "此图片来自微信公众平台 未经允许不可引用".
    "mmbiz.qpic.cn",
    "mmbiz.qlogo.cn",
    "wx.qlogo.cn",
    // Pixiv (Miniflux referer_override: https://www.pixiv.net).
    "i.pximg.net",
    // 少数派 (Miniflux referer_override: https://sspai.com).
    "cdnfile.sspai.com",
    // Miniflux referer_override entries.
    "appinn.com",
    "bjp.org.cn",
    "img.hellogithub.com",
    "www.parkablogs.com",
];

/// Domains whose every subdomain is covered (the domain itself too).
const DOMAINS: &[&str] = &[
    // Sina Weibo image and video CDNs (Miniflux: Referer https://weibo.com).
    "sinaimg.cn",
    "weibocdn.com",
    // Zhihu.
    "zhimg.com",
    // ByteDance (Toutiao, Douyin) image CDN.
    "byteimg.com",
    // Bilibili.
    "hdslb.com",
    // Douban.
    "doubanio.com",
    // Xiaohongshu.
    "xiaohongshu.com",
    "xhscdn.com",
    // Jandan (Miniflux: Referer https://i.jandan.net).
    "moyu.im",
    // Instagram (Miniflux: Referer https://www.instagram.com).
    "cdninstagram.com",
    // Jianshu uploads.
    "jianshu.io",
    // CSDN blog images.
    "csdnimg.cn",
];

/// True for image hosts known to refuse hotlinking when a foreign `Referer` is sent.
///
/// `host` is a host name (case-insensitive; a trailing `.` or a `:port` is ignored). The
/// list:
///
/// | host | site |
/// |---|---|
/// | `mmbiz.qpic.cn`, `mmbiz.qlogo.cn`, `wx.qlogo.cn` | WeChat official accounts |
/// | `*.sinaimg.cn`, `*.weibocdn.com` | Sina Weibo |
/// | `*.zhimg.com` | Zhihu |
/// | `zkres*.myzaker.com` (`zkres.myzaker.com`, `zkres1.myzaker.com`, …) | ZAKER |
/// | `*.byteimg.com` | ByteDance (Toutiao, Douyin) |
/// | `i.pximg.net` | Pixiv |
/// | `cdnfile.sspai.com` | 少数派 (sspai) |
/// | `*.hdslb.com` | Bilibili |
/// | `*.doubanio.com` | Douban |
/// | `*.xiaohongshu.com`, `*.xhscdn.com` | Xiaohongshu |
/// | `*.cdninstagram.com` | Instagram |
/// | `*.jianshu.io` | Jianshu |
/// | `*.csdnimg.cn` | CSDN |
/// | `moyu.im`, `*.moyu.im` | Jandan |
/// | `appinn.com`, `bjp.org.cn`, `img.hellogithub.com`, `www.parkablogs.com` | Miniflux's referer overrides |
///
/// ```
/// use articlean::proxy::refuses_hotlinking;
///
/// assert!(refuses_hotlinking("mmbiz.qpic.cn"));
/// assert!(refuses_hotlinking("WX1.SINAIMG.CN"));
/// assert!(refuses_hotlinking("zkres1.myzaker.com"));
/// assert!(!refuses_hotlinking("example.com"));
/// assert!(!refuses_hotlinking("notsinaimg.cn"));
/// ```
pub fn refuses_hotlinking(host: &str) -> bool {
    let host = strip_port(host).trim_end_matches('.');
    // Lower-cased only when needed: hosts from the `url` crate already are.
    let host: Cow<'_, str> = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    };
    if host.is_empty() {
        return false;
    }
    let host = &*host;
    if EXACT.contains(&host) || is_zaker_resource(host) {
        return true;
    }
    // The host and each of its parent domains (after every `.`), compared by length first.
    DOMAINS.contains(&host)
        || host
            .bytes()
            .enumerate()
            .any(|(i, b)| b == b'.' && DOMAINS.contains(&&host[i + 1..]))
}

/// `zkres.myzaker.com`, `zkres1.myzaker.com`, `zkres3.myzaker.com`…
fn is_zaker_resource(host: &str) -> bool {
    host.strip_suffix(".myzaker.com")
        .and_then(|h| h.strip_prefix("zkres"))
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
}

/// Drops a `:port` suffix (not inside an IPv6 literal).
fn strip_port(host: &str) -> &str {
    if !host.bytes().any(|b| b == b':') {
        return host;
    }
    match host.rsplit_once(':') {
        Some((h, port)) if !h.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert!(refuses_hotlinking("pic1.zhimg.com"));
        assert!(refuses_hotlinking("sns-webpic-qc.xhscdn.com"));
        assert!(refuses_hotlinking("i0.hdslb.com:443"));
        assert!(refuses_hotlinking("img9.doubanio.com."));
        assert!(refuses_hotlinking("zkres.myzaker.com"));
        assert!(!refuses_hotlinking("zkresx.myzaker.com"));
        assert!(!refuses_hotlinking("qpic.cn"));
        assert!(!refuses_hotlinking(""));
    }
}
