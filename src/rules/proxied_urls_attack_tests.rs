//! The hotlink test's shortcuts ([`loads_from_refuser`]: the written host, the plainly
//! relative URL) against resolving every URL, on a wider grammar than `tests`: white space
//! and control bytes the `url` crate strips or removes, schemes in any case, user info,
//! ports, IPv4 and IPv6 hosts, percent-escapes, trailing dots, non-ASCII that IDNA maps to
//! ASCII, and base URLs of every kind (special, non-special, opaque, with an IP host).

use super::loads_from_refuser;
use crate::proxy::refuses_hotlinking;
use proptest::test_runner::TestCaseError;
use url::Url;

/// [`loads_from_refuser`] of `url` on the base `base` (none when it does not parse) answers
/// as resolving the trimmed URL with the url crate and asking its host does.
fn check(url: &str, base: &str) -> Result<(), TestCaseError> {
    let base = Url::parse(base).ok();
    let resolved = match &base {
        Some(b) => b.join(url.trim()).ok(),
        None => Url::parse(url.trim()).ok(),
    }
    .is_some_and(|u| u.host_str().is_some_and(refuses_hotlinking));
    proptest::prop_assert_eq!(
        loads_from_refuser(url, base.as_ref()),
        resolved,
        "{:?} on {:?}",
        url,
        base.as_ref().map(Url::as_str)
    );
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(4000)
    ))]
    #[test]
    fn hotlink_answers_are_the_resolved_hosts_answers(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "/", "//", "\\", "\\\\", ":", "?", "#", ".", "..", "a", "x.jpg", "sinaimg.cn",
            "wx1.sinaimg.cn", "SINAIMG.CN", "sinaimg.cn.", "example.com", "https:", "http:",
            "HTTPS:", "hTtP:", "httpS://", "https:\\\\", "https:/", "%2F", "%2e", "%73", " ",
            "\t", "\n", "\r", "\0", "\u{1}", "\u{b}", "\u{c}", "\u{a0}", "\u{3000}", "\u{ad}",
            "é", "ｓinaimg.cn", "＠", "@", "u:p@", ":@", "data:", "mmbiz.qpic.cn", "https://",
            "//Pic1.ZHIMG.com", "xn--", "XN--a.", "xn--80ak6aa92e.com", "0x1f", "1", "1.2.3.4",
            "127.0.0.1", "[::1]", "[", "]", "-", "zkres1.myzaker.com", ":80", ":443", ":x",
            "blob:", "file:", "javascript:", "sinaimg", ".cn", "%40", "&", ";", "=", "'",
        ][..]), 0..9),
        base in proptest::sample::select(&[
            "", "https://wx1.sinaimg.cn/post/", "https://example.com/a/b", "file:///x/",
            "mailto:a@example.com", "foo://mmbiz.qpic.cn/p", "foo:/p", "foo:opaque",
            "http://SINAIMG.CN./a", "https://1.2.3.4/", "http://[::1]:8080/x",
            "blob:https://sinaimg.cn/uuid", "data:text/html,x", "https://u:p@sinaimg.cn:8443/",
            "file://sinaimg.cn/share/",
        ][..]),
    ) {
        let url: String = pieces.concat();
        check(&url, base)?;
    }

    /// URLs of the shape the written-host shortcut reads: scheme and slashes, a first host,
    /// what ends it, user info or not, a second host, a tail; so that every combination of
    /// a host followed by `\`, `@` and another host is tried.
    #[test]
    fn written_hosts_answer_as_resolved(
        prefix in proptest::sample::select(&[
            "", "//", "https://", "HTTP:\\\\", "https:", "https:/", "http:///", " //", "\t//",
            "https:\\/", "foo://", "//\\",
        ][..]),
        first in proptest::sample::select(&[
            "a", "x.com", ".", "sinaimg.cn", "wx1.sinaimg.cn", "1.2.3.4", "xn--a", "SINAIMG.CN.",
            "", "a..b", "0x7f.1",
        ][..]),
        end in proptest::sample::select(&[
            "", "\\", "/", "?", "#", ":80", ":", "\t", "%2F", "@", "\\\\", "\n",
        ][..]),
        middle in proptest::sample::select(&["", "@", "u:p@", "\\@", "x@", "/@", "?@", "#@"][..]),
        second in proptest::sample::select(&[
            "", "sinaimg.cn", "wx1.sinaimg.cn", "example.com", "mmbiz.qpic.cn", "a",
        ][..]),
        tail in proptest::sample::select(&["", "/a.jpg", "\\a.jpg", "?x", "#y", " "][..]),
        base in proptest::sample::select(&[
            "", "https://wx1.sinaimg.cn/post/", "https://example.com/a/b", "file:///x/",
            "foo://mmbiz.qpic.cn/p", "foo:/p", "http://1.2.3.4/",
        ][..]),
    ) {
        let url = format!("{prefix}{first}{end}{middle}{second}{tail}");
        check(&url, base)?;
    }
}
