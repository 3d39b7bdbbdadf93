//! Cheap screens that answer "certainly not" from the raw text of a URL, before any parsing.
//!
//! Each screen may let through URLs that turn out not to match (the full check then runs),
//! but never rejects one that would.

use super::decode::strip_prefix_ci;

/// The text after `http://`, `https://` (ASCII case-insensitive) or `//` (with any further
/// leading `/`), once leading ASCII white space is skipped; `None` for any other URL.
///
/// Those are exactly the URLs [`parse_input`](super::decode::parse_input) may accept, so a
/// URL that gives `None` here is never unwrapped (by the built-in recognisers).
fn after_scheme(url: &str) -> Option<&str> {
    let s = url.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if let Some(rest) = s.strip_prefix("//") {
        return Some(rest.trim_start_matches('/'));
    }
    strip_prefix_ci(s, "http://").or_else(|| strip_prefix_ci(s, "https://"))
}

/// True when `haystack` starts with `needle`, ASCII case-insensitively.
fn starts_ci(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .get(..needle.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(needle))
}

/// False only when `url` cannot be a proxy URL of any built-in format (templates are not
/// screened).
///
/// Every built-in format leaves a mark in the text of the URL after its scheme: an embedded
/// `http` (plain or percent-encoded, in the path, query or fragment), base64 (`aHR0c`) or hex
/// (`68747470`) of `http`, weserv's scheme-less `url=`, thumbor's `/unsafe/` or 28-character
/// signature segment ending in `=`, Photon's `*.wp.com/` host. A URL that is not
/// `http(s)://…` or `//…` is never a proxy URL either.
///
/// One pass over the bytes, branching only on the few bytes that can start a mark; most image
/// and link URLs are answered in well under a thousand instructions, without allocating.
pub(crate) fn may_be_proxy(url: &str) -> bool {
    let Some(rest) = after_scheme(url) else {
        return false;
    };
    let bytes = rest.as_bytes();
    let mut segment_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let here = &bytes[i..];
        let mark = match b {
            b'h' | b'H' => starts_ci(here, b"http"),
            b'u' | b'U' => starts_ci(here, b"url="),
            b'a' => here.starts_with(b"aHR0c"),
            b'6' => here.starts_with(b"68747470"),
            b'.' => here.starts_with(b".wp.com/"),
            b'/' => {
                let signature = i - segment_start == 28 && bytes[i - 1] == b'=';
                segment_start = i + 1;
                signature || here.starts_with(b"/unsafe/")
            }
            _ => false,
        };
        if mark {
            return true;
        }
    }
    bytes.len() - segment_start == 28 && bytes.last() == Some(&b'=')
}

/// The host of an `http://`, `https://` or `//` URL when it is written plainly: only ASCII
/// letters, digits, `.` and `-`, directly followed by `/`, `\`, `?`, `#` or the end (no
/// port, user info, percent-escape, IDN or white space). `None` for any other URL.
///
/// When this gives `Some(host)`, the `url` crate reads the URL's host as `host` lower-cased,
/// or as an IPv4 address written in decimal (a host whose last label is a number), or fails
/// to parse the URL: nothing else. A caller can therefore answer "no" for a host that does
/// not match any of its (alphabetic) names without parsing the URL.
pub(crate) fn plain_host(url: &str) -> Option<&str> {
    let rest = after_scheme(url)?;
    let end = rest
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
        .unwrap_or(rest.len());
    let terminated = matches!(
        rest.as_bytes().get(end),
        None | Some(b'/' | b'\\' | b'?' | b'#')
    );
    (end > 0 && terminated).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::{may_be_proxy, plain_host};

    #[test]
    fn plain_hosts() {
        assert_eq!(
            plain_host("https://Img.Example.com/a"),
            Some("Img.Example.com")
        );
        assert_eq!(plain_host(" //a.example?x"), Some("a.example"));
        assert_eq!(plain_host("http://a.example"), Some("a.example"));
        assert_eq!(plain_host("http://a.example\\x"), Some("a.example"));
        for other in [
            "http://a.example:8080/",
            "http://u@a.example/",
            "http://%61.example/",
            "http://a\texample/",
            "http://例子.cn/",
            "http:///a.example/",
            "http:a.example/",
            "/a.example/",
            "ftp://a.example/",
        ] {
            assert_eq!(plain_host(other), None, "{other}");
        }
    }

    #[test]
    fn marks() {
        for yes in [
            "https://x.example/?HTTP://a",
            "//x.example/a?URL=b",
            " https://x.example/aHR0cHM6",
            "https://x.example/68747470",
            "https://i0.wp.com/a.example/b.jpg",
            "https://x.example/unsafe/a.jpg",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfb=/x",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfb=",
            "///x.example/p?u=http%3A",
        ] {
            assert!(may_be_proxy(yes), "{yes}");
        }
        for no in [
            "https://cdn.example.com/images/a.jpg",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFf=/x",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfbx=/x",
            "data:image/png;base64,aHR0cHM6",
            "/relative/http/a.jpg",
            "ftp://x.example/?http://a",
            "",
        ] {
            assert!(!may_be_proxy(no), "{no}");
        }
    }
}
