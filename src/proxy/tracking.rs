//! Tracking parameters: [`strip_tracking`] removes them from links and image URLs,
//! [`strip_lazy_markers`] removes Jetpack's lazy-load marker from image URLs.
//!
//! Both work on the raw text: the parameters they keep are copied byte for byte, never
//! decoded or re-encoded.

/// Tracking parameter names removed by [`strip_tracking`] (compared ASCII case-insensitively):
/// lower case and sorted, for a binary search (a unit test checks).
const TRACKING_PARAMS: &[&str] = &[
    "__hsfp",
    "__hssc",
    "__hstc",
    "__twitter_impression",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "_openstat",
    "dclid",
    "fbclid",
    "gbraid",
    "gclid",
    "gclsrc",
    "hsctatracking",
    "igsh",
    "igshid",
    "isappinstalled",
    "mc_cid",
    "mc_eid",
    "mkt_tok",
    "msclkid",
    "oly_anon_id",
    "oly_enc_id",
    "pk_campaign",
    "pk_content",
    "pk_kwd",
    "pk_medium",
    "pk_source",
    "rb_clickid",
    "ref_src",
    "ref_url",
    "s_cid",
    "scm",
    "spm",
    "spm_id_from",
    "ttclid",
    "twclid",
    "vd_source",
    "vero_conv",
    "vero_id",
    "wbraid",
    "wickedid",
    "yclid",
];

/// Length of the longest name in [`TRACKING_PARAMS`].
const LONGEST_TRACKING_PARAM: usize = 20;

/// Tracking parameter prefixes removed by [`strip_tracking`] (`utm_source`, `mtm_campaign`…).
const TRACKING_PREFIXES: &[&str] = &["utm_", "mtm_"];

fn is_tracking(name: &str, extra: &[String]) -> bool {
    if extra.iter().any(|e| e == name) {
        return true;
    }
    let bytes = name.as_bytes();
    let prefixed = |p: &str| {
        bytes
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    if TRACKING_PREFIXES.iter().any(|p| prefixed(p)) {
        return true;
    }
    // Lower-cased on the stack; a longer name is none of them.
    let mut buf = [0u8; LONGEST_TRACKING_PARAM];
    let Some(lower) = buf.get_mut(..bytes.len()) else {
        return false;
    };
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    TRACKING_PARAMS
        .binary_search_by(|t| t.as_bytes().cmp(lower))
        .is_ok()
}

/// Splits `url` into (before `?`, query, `#fragment` or empty). The query is `None` when
/// there is no `?` before the fragment.
#[cfg(test)]
fn split_query(url: &str) -> (&str, Option<&str>, &str) {
    match query_start(url) {
        Some(question) => {
            let (base, query, fragment) = split_at_query(url, question);
            (base, Some(query), fragment)
        }
        None => match url.find('#') {
            Some(i) => (&url[..i], None, &url[i..]),
            None => (url, None, ""),
        },
    }
}

/// Index of the `?` that starts the query: the first `?`, unless a `#` comes before it.
/// Most links have no `?` at all, answered with one scan.
fn query_start(url: &str) -> Option<usize> {
    let question = memchr::memchr(b'?', url.as_bytes())?;
    (!url.as_bytes()[..question].contains(&b'#')).then_some(question)
}

/// (before `?`, query, `#fragment` or empty) for the query starting at `question`.
fn split_at_query(url: &str, question: usize) -> (&str, &str, &str) {
    let after = &url[question + 1..];
    match after.find('#') {
        Some(i) => (&url[..question], &after[..i], &after[i..]),
        None => (&url[..question], after, ""),
    }
}

/// Rebuilds a URL from its base, kept query pieces and fragment; drops a `?` left empty.
fn rebuild(base: &str, kept: &[&str], fragment: &str) -> String {
    let mut out = String::with_capacity(base.len() + fragment.len() + 64);
    out.push_str(base);
    if kept.iter().any(|p| !p.is_empty()) {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out.push_str(fragment);
    out
}

/// Removes tracking query parameters and returns the new URL, or `None` when nothing was
/// removed.
///
/// Removed: any name starting with `utm_` or `mtm_`; `fbclid`, `gclid`, `gclsrc`, `dclid`,
/// `gbraid`, `wbraid`, `msclkid`, `yclid`, `twclid`, `ttclid`, `igshid`, `igsh`, `mc_cid`,
/// `mc_eid`, `_hsenc`, `_hsmi`, `__hssc`, `__hstc`, `__hsfp`, `hsCtaTracking`, `mkt_tok`,
/// `spm`, `scm`, `spm_id_from`, `vd_source`, `ref_src`, `ref_url`, `__twitter_impression`,
/// `_ga`, `_gl`, `oly_anon_id`, `oly_enc_id`, `rb_clickid`, `s_cid`, `vero_id`, `vero_conv`,
/// `wickedid`, `_openstat`, `pk_campaign`, `pk_kwd`, `pk_source`, `pk_medium`, `pk_content`,
/// `isappinstalled` (all ASCII case-insensitive), plus the `extra` names (exact match).
///
/// The URL is read as the browser reads it, without the ASCII tabs and newlines the URL
/// parser removes (see `crate::url_text`); the other parameters stay in order and
/// byte-identical; a `?` left empty is dropped; the
/// fragment is kept. Works on relative URLs too. URLs with another scheme (`data:`,
/// `mailto:`…) are left alone, and so is a URL that would be left empty (`?utm_source=x`).
///
/// ```
/// use articlean::proxy::strip_tracking;
///
/// assert_eq!(
///     strip_tracking("https://a.example/p?id=7&utm_source=x&fbclid=y#top", &[]).as_deref(),
///     Some("https://a.example/p?id=7#top")
/// );
/// assert_eq!(strip_tracking("https://a.example/p?id=7", &[]), None);
/// ```
pub fn strip_tracking(url: &str, extra: &[String]) -> Option<String> {
    // No query, nothing to remove (a tab or newline makes none). Else read as the browser
    // reads it: ASCII tabs and newlines removed (see `crate::url_text`).
    query_start(url)?;
    let url = &*crate::url_text::as_parsed(url);
    let (base, query, fragment) = split_at_query(url, query_start(url)?);
    let tracking = |piece: &str| {
        // The name: up to the first `=` (usually a few bytes in).
        let name = piece.as_bytes().iter().position(|&b| b == b'=');
        let name = name.map_or(piece, |i| &piece[..i]);
        !name.is_empty() && is_tracking(name, extra)
    };
    // Nothing to remove (the common case): answered without allocating.
    if !query.split('&').any(tracking) || !http_or_relative(url) {
        return None;
    }
    let kept: Vec<&str> = query.split('&').filter(|piece| !tracking(piece)).collect();
    let out = rebuild(base, &kept, fragment);
    (!out.trim().is_empty()).then_some(out)
}

/// True for `http:`/`https:` URLs and URLs without a scheme (relative, `//host/…`).
fn http_or_relative(url: &str) -> bool {
    crate::scheme::is_http_or_relative(url)
}

/// Removes Jetpack's lazy-load marker `is-pending-load` from an image URL. Returns the new
/// URL, or `None` when there was no marker.
///
/// Jetpack appends the marker with `add_query_arg`, which can leave the rest of the query
/// written `#038;` (a half-decoded `&#038;`), e.g. `…jpg?resize=1100%2C825&is-pending-load=1#038;ssl=1`;
/// when the marker is found, those `#038;` are turned back into `&`.
///
/// ```
/// use articlean::proxy::strip_lazy_markers;
///
/// assert_eq!(
///     strip_lazy_markers("https://i2.wp.com/a.example/x.jpg?resize=1100%2C825&is-pending-load=1#038;ssl=1")
///         .as_deref(),
///     Some("https://i2.wp.com/a.example/x.jpg?resize=1100%2C825&ssl=1")
/// );
/// ```
pub fn strip_lazy_markers(url: &str) -> Option<String> {
    // Read as the browser reads it: ASCII tabs and newlines removed (see `crate::url_text`).
    let url = &*crate::url_text::as_parsed(url);
    const MARKER: &str = "is-pending-load";
    let (base, rest) = url.split_once('?')?;
    if !rest.contains(MARKER) {
        return None;
    }
    let repaired = rest.replace("#038;", "&");
    let (query, fragment) = match repaired.find('#') {
        Some(i) => repaired.split_at(i),
        None => (repaired.as_str(), ""),
    };
    let mut removed = false;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|piece| {
            let drop = piece.split('=').next() == Some(MARKER);
            removed |= drop;
            !drop && !piece.is_empty()
        })
        .collect();
    removed.then(|| rebuild(base, &kept, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_table_is_searchable() {
        assert!(TRACKING_PARAMS.windows(2).all(|w| w[0] < w[1]));
        assert!(TRACKING_PARAMS.iter().all(|t| t.to_ascii_lowercase() == *t));
        assert_eq!(
            TRACKING_PARAMS.iter().map(|t| t.len()).max(),
            Some(LONGEST_TRACKING_PARAM)
        );
        for t in TRACKING_PARAMS {
            assert!(is_tracking(&t.to_ascii_uppercase(), &[]), "{t}");
        }
        assert!(is_tracking("UTM_Source", &[]));
        assert!(!is_tracking("id", &[]));
        assert!(!is_tracking("__twitter_impressions", &[]));
        assert!(is_tracking("from", &["from".to_owned()]));
    }

    #[test]
    fn split() {
        assert_eq!(split_query("a?b#c?d"), ("a", Some("b"), "#c?d"));
        assert_eq!(split_query("a#c?d"), ("a", None, "#c?d"));
        assert_eq!(split_query("a"), ("a", None, ""));
    }

    #[test]
    fn empty_query_dropped() {
        assert_eq!(
            strip_tracking("/p?utm_source=a&utm_medium=b#f", &[]).as_deref(),
            Some("/p#f")
        );
        assert_eq!(strip_tracking("?utm_source=a", &[]), None);
        assert_eq!(
            strip_tracking("data:image/svg+xml,<svg>?utm_source=a", &[]),
            None
        );
        assert_eq!(strip_tracking("mailto:a@b.example?utm_source=a", &[]), None);
        assert_eq!(
            strip_tracking("HTTPS://a.example/?utm_source=a", &[]).as_deref(),
            Some("HTTPS://a.example/")
        );
    }
}
