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
    // Most names are none of the built-in ones, told by their first byte and length.
    may_be_built_in(name.as_bytes()) && is_built_in(name.as_bytes())
}

/// For each byte (lower-cased), the lengths of the built-in names ([`TRACKING_PARAMS`])
/// that start with it, one bit per length; and for `u` and `m` (the prefixes' first bytes,
/// [`TRACKING_PREFIXES`]) every length from 4 up. A unit test checks it against the lists.
static FIRST_AND_LENGTH: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < TRACKING_PARAMS.len() {
        let name = TRACKING_PARAMS[i].as_bytes();
        table[name[0] as usize] |= 1 << name.len();
        i += 1;
    }
    let mut p = 0;
    while p < TRACKING_PREFIXES.len() {
        let first = TRACKING_PREFIXES[p].as_bytes()[0] as usize;
        table[first] |= !0 << TRACKING_PREFIXES[p].len();
        p += 1;
    }
    table
};

/// False only when `name` is none of the built-in names nor starts with a prefix (see
/// [`is_built_in`]): its first byte (any case) starts none of a length like its own. A name
/// of 31 bytes or more is read as 31 (only a prefix can match it).
#[inline]
fn may_be_built_in(name: &[u8]) -> bool {
    let Some(&first) = name.first() else {
        return false;
    };
    let len = name.len().min(31);
    FIRST_AND_LENGTH[usize::from(first.to_ascii_lowercase())] >> len & 1 == 1
}

/// Whether `name` is a built-in tracking parameter: a prefix ([`TRACKING_PREFIXES`]) or a
/// name ([`TRACKING_PARAMS`]), ASCII case-insensitively.
fn is_built_in(bytes: &[u8]) -> bool {
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
    // A byte search (`str::find` with a `char` goes through its pattern searcher).
    match memchr::memchr(b'#', after.as_bytes()) {
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
    let question = query_start(url)?;
    let parsed = crate::url_text::as_parsed(url);
    let url = &*parsed;
    // Without tabs and newlines (nearly always) the text is the same: so is its query.
    let question = match parsed {
        std::borrow::Cow::Borrowed(_) => question,
        std::borrow::Cow::Owned(_) => query_start(url)?,
    };
    let (base, query, fragment) = split_at_query(url, question);
    // Nothing to remove (the common case): answered without allocating.
    if !pieces(query).any(|piece| tracking(piece, extra)) || !http_or_relative(url) {
        return None;
    }
    stripped(base, query, fragment, extra)
}

/// The pieces of a query, split at each `&` (as `split('&')`, by `memchr`).
fn pieces(query: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(query);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'&', r.as_bytes()) {
            Some(amp) => {
                rest = Some(&r[amp + 1..]);
                Some(&r[..amp])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Whether the query piece `piece` (`name=value` or `name`) is a tracking parameter.
fn tracking(piece: &str, extra: &[String]) -> bool {
    // The name: up to the first `=` (usually a few bytes in).
    let name = piece.as_bytes().iter().position(|&b| b == b'=');
    let name = name.map_or(piece, |i| &piece[..i]);
    !name.is_empty() && is_tracking(name, extra)
}

/// [`strip_tracking`]'s URL rebuilt without its tracking parameters (rare: out of line).
#[cold]
#[inline(never)]
fn stripped(base: &str, query: &str, fragment: &str, extra: &[String]) -> Option<String> {
    let kept: Vec<&str> = pieces(query)
        .filter(|piece| !tracking(piece, extra))
        .collect();
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
    // Most image URLs are told by a few byte searches (`lazy_markers_screened_as_before`
    // checks, screens on and off).
    if crate::screens::on() && !may_hold_marker(url.as_bytes()) {
        return None;
    }
    // Read as the browser reads it: ASCII tabs and newlines removed (see `crate::url_text`).
    let url = &*crate::url_text::as_parsed(url);
    let question = memchr::memchr(b'?', url.as_bytes())?;
    let (base, rest) = (&url[..question], &url[question + 1..]);
    if !holds_marker(rest.as_bytes()) {
        return None;
    }
    remove_marker(base, rest)
}

/// Jetpack's lazy-load marker.
const MARKER: &str = "is-pending-load";

/// The screen of [`strip_lazy_markers`]: a `?`, and after it the marker, or anywhere a tab
/// or line break. (The browser's reading only removes bytes: it makes no `?`, and makes the
/// marker only where one of them is removed.)
fn may_hold_marker(b: &[u8]) -> bool {
    let Some(q) = memchr::memchr(b'?', b) else {
        return false;
    };
    // The marker's first `-` is its third byte.
    let query = &b[q..];
    crate::url_text::has_tab_or_newline(b)
        || memchr::memchr_iter(b'-', query)
            .any(|i| i >= 2 && query[i - 2..].starts_with(MARKER.as_bytes()))
}

/// Whether `text` holds [`MARKER`], by a searcher built once.
fn holds_marker(text: &[u8]) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(MARKER));
    FINDER.find(text).is_some()
}

/// [`strip_lazy_markers`] once the marker is found in the query `rest` (rare: out of line).
#[cold]
#[inline(never)]
fn remove_marker(base: &str, rest: &str) -> Option<String> {
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

    /// Every built-in name and every prefix, in any case, is let through by the first byte
    /// and length screen.
    #[test]
    fn the_screen_lets_every_built_in_name_through() {
        for t in TRACKING_PARAMS {
            for name in [t.to_string(), t.to_ascii_uppercase()] {
                assert!(may_be_built_in(name.as_bytes()), "{name}");
            }
        }
        for p in TRACKING_PREFIXES {
            for tail in ["", "x", "source", &"y".repeat(40)] {
                let name = format!("{p}{tail}");
                assert!(may_be_built_in(name.as_bytes()), "{name}");
                assert!(
                    may_be_built_in(name.to_ascii_uppercase().as_bytes()),
                    "{name}"
                );
            }
        }
        assert!(!may_be_built_in(b""));
        assert!(!may_be_built_in(b"id"));
        assert!(!may_be_built_in(b"width"));
        assert!(!may_be_built_in(b"q"));
    }

    /// `strip_lazy_markers` as it was before its screens (the oracle).
    fn strip_lazy_markers_reference(url: &str) -> Option<String> {
        let url = &*crate::url_text::as_parsed(url);
        let (base, rest) = url.split_once('?')?;
        if !rest.contains(MARKER) {
            return None;
        }
        remove_marker(base, rest)
    }

    /// `strip_tracking` as it was before its screens (the oracle): `split('&')`, the names
    /// looked up in the lists without the first byte and length screen.
    fn strip_tracking_reference(url: &str, extra: &[String]) -> Option<String> {
        query_start(url)?;
        let url = &*crate::url_text::as_parsed(url);
        let (base, query, fragment) = split_at_query(url, query_start(url)?);
        let tracking = |piece: &str| {
            let name = piece.split('=').next().unwrap_or(piece);
            !name.is_empty() && (extra.iter().any(|e| e == name) || is_built_in(name.as_bytes()))
        };
        if !query.split('&').any(tracking) || !http_or_relative(url) {
            return None;
        }
        let kept: Vec<&str> = query.split('&').filter(|piece| !tracking(piece)).collect();
        let out = rebuild(base, &kept, fragment);
        (!out.trim().is_empty()).then_some(out)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The screened name test answers as the plain one, on names made of built-in
        /// names, prefixes and other pieces in mixed case.
        #[test]
        fn screened_names_answer_as_the_lists(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "utm_", "mtm_", "UTM_", "u", "m", "t", "_", "s", "x", "id", "source", "fbclid",
                "GCLID", "_ga", "spm", "spm_id_from", "__twitter_impression", "ref_src",
                "isappinstalled", "é", "-", "w", "yclid", "pk_", "campaign", "hs",
            ][..]), 0..5),
        ) {
            let name: String = pieces.concat();
            let b = name.as_bytes();
            proptest::prop_assert_eq!(may_be_built_in(b) && is_built_in(b), is_built_in(b), "{:?}", name);
            proptest::prop_assert_eq!(
                is_tracking(&name, &[]),
                !name.is_empty() && is_built_in(b),
                "{:?}", name
            );
        }

        /// Tracking parameters are removed as before the screens.
        #[test]
        fn tracking_stripped_as_before(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https://a.example/p", "/p", "data:x", "?", "&", "#", "=", "\t", "\n", "id=7",
                "utm_source=x", "UTM_", "fbclid", "Fbclid=1", "from=t", "spm=1", "wx_fmt=png",
                "q=20", "é", " ",
            ][..]), 0..9),
            extra in proptest::sample::select(&[0usize, 1, 2][..]),
        ) {
            let url: String = pieces.concat();
            let extra: Vec<String> = [&[][..], &["from"][..], &["id", "x"][..]][extra]
                .iter()
                .map(|e| e.to_string())
                .collect();
            proptest::prop_assert_eq!(
                strip_tracking(&url, &extra),
                strip_tracking_reference(&url, &extra),
                "{:?}", url
            );
        }

        /// The pieces of a query are `split('&')`'s.
        #[test]
        fn pieces_split_at_ampersands(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "&", "a", "=", "b=c", "&&", "é", "",
            ][..]), 0..8),
        ) {
            let query: String = pieces.concat();
            let want: Vec<&str> = query.split('&').collect();
            let got: Vec<&str> = super::pieces(&query).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// The lazy marker is removed as before its screens (a `?` and the marker or a tab
        /// or line break first, a searcher built once), screens on and off: the marker
        /// whole, cut by a tab or line break, cut short, before or after the `?`, Jetpack's
        /// `#038;`.
        #[test]
        fn lazy_markers_screened_as_before(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https://i0.wp.com/a.example/x.jpg", "?", "&", "#038;", "#", "=1", "-",
                "is-pending-load", "is-pend", "ing-load", "is-pend\ting-load", "is-\npending-load",
                "\t", "\n", "\r", "resize=1%2C2", "ssl=1",
            ][..]), 0..9),
        ) {
            let url: String = pieces.concat();
            let want = strip_lazy_markers_reference(&url);
            proptest::prop_assert_eq!(&strip_lazy_markers(&url), &want, "{:?}", &url);
            let slow = crate::screens::without(|| strip_lazy_markers(&url));
            proptest::prop_assert_eq!(&slow, &want, "{:?}", &url);
        }
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
