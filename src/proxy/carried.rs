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
}
