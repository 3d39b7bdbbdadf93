//! Image hosts that refuse hotlinking when the browser sends a foreign `Referer`.
//!
//! Images from these hosts only load with `referrerpolicy="no-referrer"` (or through a
//! proxy, which is why so much scraped content wraps them in one).

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
    // A port or an upper-case letter sends the host the long way (out of line): hosts from
    // the `url` crate, and those written plainly, have neither. One pass looks for both.
    if host.bytes().any(|b| b == b':' || b.is_ascii_uppercase()) {
        return refuses_written(host);
    }
    refuses_lower_case(trim_end_dots(host))
}

/// [`refuses_hotlinking`] for a host known to hold no `:` and no upper-case letter (a
/// [`plain_host_cased`](super::plain_host_cased) one without upper case): the same answer
/// without looking for them.
pub(crate) fn refuses_hotlinking_lower(host: &str) -> bool {
    debug_assert!(!host.bytes().any(|b| b == b':' || b.is_ascii_uppercase()));
    refuses_lower_case(trim_end_dots(host))
}

/// [`refuses_hotlinking`] for a host with a `:` or an upper-case letter (rare): its port
/// dropped, lower-cased.
#[cold]
#[inline(never)]
fn refuses_written(host: &str) -> bool {
    let host = strip_port(host).trim_end_matches('.');
    refuses_lower_case(&host.to_ascii_lowercase())
}

/// [`refuses_hotlinking`] for a lower-case host without port or trailing `.`.
fn refuses_lower_case(host: &str) -> bool {
    if host.is_empty() {
        return false;
    }
    // Every host on the lists ends with one of these last two labels: most hosts are
    // answered by one `match` (a unit test checks the lists, a property test the answer).
    if !is_listed_ending(last_two_labels(host)) {
        return false;
    }
    listed(host)
}

/// True for the last two labels of a host on the lists ([`EXACT`], [`DOMAINS`], ZAKER's).
fn is_listed_ending(last_two: &str) -> bool {
    matches!(
        last_two,
        "qpic.cn"
            | "qlogo.cn"
            | "pximg.net"
            | "sspai.com"
            | "appinn.com"
            | "org.cn"
            | "hellogithub.com"
            | "parkablogs.com"
            | "sinaimg.cn"
            | "weibocdn.com"
            | "zhimg.com"
            | "byteimg.com"
            | "hdslb.com"
            | "doubanio.com"
            | "xiaohongshu.com"
            | "xhscdn.com"
            | "moyu.im"
            | "cdninstagram.com"
            | "jianshu.io"
            | "csdnimg.cn"
            | "myzaker.com"
    )
}

/// The text after the second-to-last `.` of `host` (all of it with fewer than two). A host
/// is short: a plain backward loop (a `memrchr` costs more to set up than such a search).
fn last_two_labels(host: &str) -> &str {
    let b = host.as_bytes();
    let mut dots = 0;
    for i in (0..b.len()).rev() {
        if b[i] == b'.' {
            dots += 1;
            if dots == 2 {
                return &host[i + 1..];
            }
        }
    }
    host
}

/// [`last_two_labels`] as it was, by two `memrchr` (the oracle of its test).
#[cfg(test)]
fn last_two_labels_searched(host: &str) -> &str {
    let b = host.as_bytes();
    let start = memchr::memrchr(b'.', b)
        .and_then(|last| memchr::memrchr(b'.', &b[..last]))
        .map_or(0, |dot| dot + 1);
    &host[start..]
}

/// `host` without its trailing dots (`str::trim_end_matches('.')`, by a byte loop: the
/// `char` pattern goes through its searcher).
fn trim_end_dots(host: &str) -> &str {
    let b = host.as_bytes();
    let mut end = b.len();
    while end > 0 && b[end - 1] == b'.' {
        end -= 1;
    }
    &host[..end]
}

/// Whether a lower-cased host, without port or trailing `.`, is on the lists (out of line:
/// most hosts are answered by their last two labels first).
#[inline(never)]
fn listed(host: &str) -> bool {
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

    /// The first `match` never answers "no" for a host on the lists.
    #[test]
    fn every_listed_host_ends_with_its_last_two_labels() {
        for host in EXACT.iter().chain(DOMAINS).chain(&["zkres1.myzaker.com"]) {
            assert!(is_listed_ending(last_two_labels(host)), "{host}");
            assert!(refuses_hotlinking(host), "{host}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]

        /// Answered with the first `match`, or by the lists alone: the same.
        #[test]
        fn screened_answer_is_the_lists(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a", "zkres", "1", ".", "myzaker.com", "sinaimg.cn", "qpic.cn", "mmbiz",
                "bjp.org.cn", "org.cn", "moyu.im", "MOYU", ":443", ":", "x", "-", "com",
                "i.pximg.net", "notzhimg.com", "zhimg.com", "..",
            ][..]), 0..7),
        ) {
            let host = pieces.concat();
            proptest::prop_assert_eq!(last_two_labels(&host), last_two_labels_searched(&host), "{:?}", host);
            proptest::prop_assert_eq!(trim_end_dots(&host), host.trim_end_matches('.'), "{:?}", host);
            let plain = strip_port(&host).trim_end_matches('.').to_ascii_lowercase();
            let slow = !plain.is_empty() && listed(&plain);
            proptest::prop_assert_eq!(refuses_hotlinking(&host), slow, "{:?}", host);
        }
    }

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
