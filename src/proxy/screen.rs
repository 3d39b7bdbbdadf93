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
    let s = url.trim_ascii_start();
    match s.as_bytes().first()? {
        b'/' => s
            .strip_prefix("//")
            .map(|rest| rest.trim_start_matches('/')),
        b'h' | b'H' => strip_prefix_ci(s, "http://").or_else(|| strip_prefix_ci(s, "https://")),
        _ => None,
    }
}

/// True when `bytes[i - back..]` starts with `needle` (and `i - back` is in range).
fn found_at(bytes: &[u8], i: usize, back: usize, needle: &[u8]) -> bool {
    i.checked_sub(back)
        .and_then(|start| bytes.get(start..))
        .is_some_and(|tail| tail.starts_with(needle))
}

/// True when `bytes[..i]` ends with `needle`, ASCII case-insensitively.
fn ends_ci(bytes: &[u8], i: usize, needle: &[u8]) -> bool {
    i.checked_sub(needle.len())
        .and_then(|start| bytes.get(start..i))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(needle))
}

/// True when the `=` at `i` ends a `/`-separated segment of exactly 28 bytes (thumbor's
/// base64 HMAC-SHA1 signature).
fn ends_signature(bytes: &[u8], i: usize) -> bool {
    let ends_segment = matches!(bytes.get(i + 1), None | Some(b'/'));
    ends_segment
        && i >= 27
        && !bytes[i - 27..i].contains(&b'/')
        && (i == 27 || bytes[i - 28] == b'/')
}

/// False only when `url` cannot be a proxy URL of any built-in format (templates are not
/// screened).
///
/// Every built-in format leaves a mark in the text of the URL after its scheme: an embedded
/// `http` (plain or percent-encoded, in the path, query or fragment, any case), base64
/// (`aHR0c`) or hex (`68747470`) of `http`, weserv's scheme-less `url=` (any case), thumbor's
/// `/unsafe/` or 28-byte signature segment ending in `=`, Photon's `.wp.com/` host. A URL
/// that is not `http(s)://…` or `//…` is never a proxy URL either.
///
/// Each mark contains one of six rare bytes: `p`/`P` (`http`, `.wp.com/`), `=` (`url=`, the
/// signature), `R` (`aHR0c`), `7` (`68747470`), `f` (`/unsafe/`). Two `memchr3` passes
/// find those bytes and only there is a mark looked for, so most image and link URLs are
/// answered in a few hundred instructions, without allocating.
pub(crate) fn may_be_proxy(url: &str) -> bool {
    let Some(rest) = after_scheme(url) else {
        return false;
    };
    let b = rest.as_bytes();
    memchr::memchr3_iter(b'p', b'P', b'=', b).any(|i| {
        if b[i] == b'=' {
            ends_ci(b, i, b"url") || ends_signature(b, i)
        } else {
            ends_ci(b, i + 1, b"http") || found_at(b, i, 2, b".wp.com/")
        }
    }) || memchr::memchr3_iter(b'R', b'7', b'f', b).any(|i| match b[i] {
        b'R' => found_at(b, i, 2, b"aHR0c"),
        b'7' => found_at(b, i, 2, b"68747470"),
        _ => found_at(b, i, 5, b"/unsafe/"),
    })
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

    /// The screen as it was first written (contains and windows over the text after the
    /// first `://`): the reference the fast one must agree with.
    fn reference(url: &str) -> bool {
        let rest = url
            .find("://")
            .map_or(url.trim_start_matches('/'), |i| &url[i + 3..]);
        rest.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"http") || w.eq_ignore_ascii_case(b"url="))
            || rest.contains("aHR0c")
            || rest.contains("68747470")
            || rest.contains("/unsafe/")
            || rest.contains(".wp.com/")
            || rest
                .split('/')
                .any(|segment| segment.len() == 28 && segment.ends_with('='))
    }

    /// Pseudo-random URLs made of mark pieces, broken pieces and filler agree with the
    /// reference: equal for `http(s)://` URLs, never stricter for `//` ones.
    #[test]
    fn agrees_with_reference() {
        const PIECES: &[&str] = &[
            "http",
            "HtTp",
            "htt",
            "ttp",
            "url=",
            "URL",
            "rl=",
            "aHR0c",
            "aHR0",
            "HR0c",
            "68747470",
            "6874747",
            "8747470",
            ".wp.com/",
            ".wp.com",
            "wp.com/",
            "/unsafe/",
            "/unsafe",
            "unsafe/",
            "=",
            "/",
            "//",
            "://",
            "?",
            "#",
            "%3A",
            "a",
            "p",
            "P",
            "R",
            "7",
            "f",
            "6",
            ".",
            "x",
            "abcdefghijklmnopqrstuvwxyz0",
            "abcdefghijklmnopqrstuvwxyz",
            "0123456789abcdefghijklmnopq",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap_or(0)
        };
        let mut checked = 0;
        for _ in 0..20_000 {
            let mut body = String::new();
            for _ in 0..next(9) {
                body.push_str(PIECES[next(PIECES.len())]);
            }
            for prefix in ["https://", "HTTP://", "//"] {
                let url = format!("{prefix}{body}");
                let (fast, slow) = (may_be_proxy(&url), reference(&url));
                if prefix == "//" {
                    assert!(fast || !slow, "{url}");
                } else {
                    assert_eq!(fast, slow, "{url}");
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 60_000);
    }

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
