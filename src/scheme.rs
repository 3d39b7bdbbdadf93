//! How a browser reads a URL's scheme; shared by the sanitizer (scheme allowlist) and the URL
//! rules (relative or not, http or not), so they can never disagree.

use crate::url_text::is_tab_or_newline;

/// The scheme as written, or `None` for a relative URL: the text from the first character
/// after leading C0 controls and spaces up to the first `:`, which may still contain ASCII
/// tabs and newlines (a browser removes them) and is not lower-cased. Never allocates.
///
/// Anything before the first `:` that is not a valid scheme (`/`, `?`, `#` or another
/// character outside `[A-Za-z0-9+.-]` comes first) makes the URL relative, as in the URL
/// standard.
fn raw_scheme(url: &str) -> Option<&str> {
    split_scheme(url).map(|(scheme, _)| scheme)
}

/// [`raw_scheme`] and the text after its `:`.
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    // Most URLs start with `https:` or `http:` exactly: answered by one comparison, as the
    // scan below answers them (a property test checks).
    if let Some(rest) = url.strip_prefix("https:") {
        return Some((&url[..5], rest));
    }
    if let Some(rest) = url.strip_prefix("http:") {
        return Some((&url[..4], rest));
    }
    split_scheme_scanned(url)
}

/// [`split_scheme`] by a scan of the text before the first `:`.
fn split_scheme_scanned(url: &str) -> Option<(&str, &str)> {
    // Trailing characters never matter: the scan stops at the first `:`.
    let trimmed = url.trim_start_matches(|c: char| c <= ' ');
    let mut seen = false;
    for (i, b) in trimmed.bytes().enumerate() {
        match b {
            b if is_tab_or_newline(b) => {}
            b':' => return seen.then(|| (&trimmed[..i], &trimmed[i + 1..])),
            b if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => seen = true,
            _ => return None,
        }
    }
    None
}

/// The scheme's characters as a browser reads them: without tabs and newlines.
fn scheme_chars(raw: &str) -> impl Iterator<Item = u8> + '_ {
    raw.bytes().filter(|&b| !is_tab_or_newline(b))
}

/// The URL's scheme, lowercase, as a browser reads it, or `None` for a relative URL.
///
/// Anything before the first `:` that is not a valid scheme (`/`, `?`, `#` or another
/// character outside `[A-Za-z0-9+.-]` comes first) makes the URL relative, as in the URL
/// standard. A leading digit is still reported as a scheme, so it is refused rather than
/// trusted.
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    raw_scheme(url).map(|raw| {
        scheme_chars(raw)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    })
}

/// True for a URL without a scheme (relative or protocol-relative): the same as
/// `url_scheme(url).is_none()`, without allocating.
pub(crate) fn is_relative(url: &str) -> bool {
    raw_scheme(url).is_none()
}

/// True for `http:`/`https:` URLs and URLs without a scheme: the same as
/// `url_scheme(url).is_none_or(|s| s == "http" || s == "https")`, without allocating.
pub(crate) fn is_http_or_relative(url: &str) -> bool {
    raw_scheme(url).is_none_or(|raw| {
        let lower = || scheme_chars(raw).map(|b| b.to_ascii_lowercase());
        lower().eq(*b"http") || lower().eq(*b"https")
    })
}

/// True for a `data:` URL (any case) that has no host: the `:` is not followed by `/` (or by a
/// tab or newline, which a browser removes). Such a URL never has a host, whatever the base
/// URL, so it can be answered without parsing (data URLs are often kilobytes long).
pub(crate) fn is_hostless_data(url: &str) -> bool {
    split_scheme(url).is_some_and(|(raw, rest)| {
        scheme_chars(raw)
            .map(|b| b.to_ascii_lowercase())
            .eq(*b"data")
            && !matches!(rest.bytes().next(), Some(b'/' | b'\t' | b'\n' | b'\r'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostless_data() {
        let base = url::Url::parse("https://a.example/p/").unwrap_or_else(|e| panic!("{e}"));
        for url in [
            "data:image/png;base64,AAAA",
            " DaTa:,x",
            "da\tta:text/plain,x",
            "data:",
            "data://h.example/x",
            "data:/x",
            "data:\t//h.example/x",
            "dat:x",
            "/data:x",
        ] {
            let has_host = base.join(url).ok().is_some_and(|u| u.host_str().is_some());
            if is_hostless_data(url) {
                assert!(!has_host, "{url:?}");
            }
        }
        assert!(is_hostless_data("data:image/png;base64,AAAA"));
        assert!(is_hostless_data("da\tta:,x"));
        assert!(!is_hostless_data("data://h.example/x"));
        assert!(!is_hostless_data("data:\t//h.example/x"));
    }

    proptest::proptest! {
        /// The `https:` and `http:` shortcut splits as the scan does.
        #[test]
        fn shortcut_splits_as_the_scan(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https:", "http:", "HTTPS:", "http", "s", ":", "//a.example/", " ", "\t", "x",
                "/", "é", "data:", "https", "\u{1}",
            ][..]), 0..6),
        ) {
            let url: String = pieces.concat();
            proptest::prop_assert_eq!(split_scheme(&url), split_scheme_scanned(&url), "{:?}", url);
        }
    }

    #[test]
    fn agrees_with_url_scheme() {
        for url in [
            "https://a.example/",
            "HtTp://a",
            " \u{1}h\tttps:x",
            "http",
            "https:",
            "httpx:",
            "ht tp:",
            "/a:b",
            "?x:y",
            "",
            ":",
            "data:x",
            "mailto:a@b",
            "é:x",
        ] {
            let scheme = url_scheme(url);
            assert_eq!(is_relative(url), scheme.is_none(), "{url:?}");
            assert_eq!(
                is_http_or_relative(url),
                scheme
                    .as_deref()
                    .is_none_or(|s| s == "http" || s == "https"),
                "{url:?}"
            );
        }
    }
}
