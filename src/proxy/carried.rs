//! An absolute `http(s)` URL carried whole in another URL's path, after a `/`: a web
//! archive's snapshot (`/web/20250917090628im_/https://a.example/p.gif`), a proxy that
//! prefixes the URL it fetches, `https:/host/…` with its second slash folded away. The
//! tracker test and the embed recognisers both read it.

use crate::ascii::strip_prefix_ci;

/// The first URL that `s` (a path, with what follows it) carries after a `/`: its scheme
/// (`"https"` or `"http"`, whatever case `s` writes it in) and what follows the scheme's
/// slashes (host, path, query and fragment).
pub(crate) fn carried_in_path(s: &str) -> Option<(&'static str, &str)> {
    memchr::memchr_iter(b'/', s.as_bytes()).find_map(|at| {
        let inner = &s[at + 1..];
        // Most `/`s are followed by no `h` (nor `H`): told by one byte.
        if inner.as_bytes().first().is_none_or(|&b| b | 0x20 != b'h') {
            return None;
        }
        let (scheme, rest) = match strip_prefix_ci(inner, "https:/") {
            Some(rest) => ("https", rest),
            None => ("http", strip_prefix_ci(inner, "http:/")?),
        };
        Some((scheme, rest.trim_start_matches('/')))
    })
}

#[cfg(test)]
mod tests {
    use super::carried_in_path;

    #[test]
    fn the_first_url_after_a_slash_with_its_slashes_folded() {
        assert_eq!(
            carried_in_path("/web/2025im_/https://a.example/p.gif?x=1"),
            Some(("https", "a.example/p.gif?x=1"))
        );
        assert_eq!(
            carried_in_path("/fetch/HTTP:/a.example/p"),
            Some(("http", "a.example/p"))
        );
        assert_eq!(carried_in_path("/httpdocs/uploads/a.jpg"), None);
        assert_eq!(carried_in_path("https://a.example/"), None);
    }

    proptest::proptest! {
        /// The one-byte look before the scheme answers as the scheme's comparison alone.
        #[test]
        fn answers_as_without_the_first_byte_look(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "/", "h", "H", "http:", "HTTPS:", "https:/", "ttp:/", "x", "é", "a.example",
            ][..]), 0..10),
        ) {
            let s: String = pieces.concat();
            let plain = memchr::memchr_iter(b'/', s.as_bytes()).find_map(|at| {
                let inner = &s[at + 1..];
                let (scheme, rest) = match crate::ascii::strip_prefix_ci(inner, "https:/") {
                    Some(rest) => ("https", rest),
                    None => ("http", crate::ascii::strip_prefix_ci(inner, "http:/")?),
                };
                Some((scheme, rest.trim_start_matches('/')))
            });
            proptest::prop_assert_eq!(carried_in_path(&s), plain);
        }
    }
}
