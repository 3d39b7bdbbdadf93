//! A URL's text as the browser's URL parser reads it.
//!
//! The URL Standard's basic URL parser begins by removing every ASCII tab or newline
//! (U+0009, U+000A, U+000D) from its input, wherever it stands
//! (<https://url.spec.whatwg.org/#concept-basic-url-parser>: "Remove all ASCII tab or newline
//! from input"; <https://infra.spec.whatwg.org/#ascii-tab-or-newline>; the `url` crate does the
//! same). So `<img src="https://i0.wp.com/exa
//! mple.com/a.jpg">` loads `https://i0.wp.com/example.com/a.jpg`, and `java<TAB>script:` is
//! `javascript:`. Code that reads a URL with its own byte logic (the proxy and redirect screens
//! and recognisers, the tracker and image tests) reads [`as_parsed`]'s text, so that it sees
//! what the browser loads.

use std::borrow::Cow;

/// Whether `b` is an ASCII tab or newline: a byte the URL parser removes.
#[inline]
pub(crate) const fn is_tab_or_newline(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\r')
}

/// Whether `text` holds an ASCII tab or newline. A byte up to `\r` (one of them, or another
/// control: rare in a URL) is looked for over the whole value sixteen bytes at a time without
/// stopping inside a block (a few vector instructions a block, no call: URLs are short); only
/// when there is one is it asked which.
#[inline]
pub(crate) fn has_tab_or_newline(text: &[u8]) -> bool {
    let low = |b: u8| b <= b'\r';
    let mut blocks = text.chunks_exact(16);
    let any_low = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |seen, &b| seen | low(b)))
        || blocks.remainder().iter().any(|&b| low(b));
    any_low && memchr::memchr3(b'\t', b'\n', b'\r', text).is_some()
}

/// `url` without its ASCII tabs and newlines, as the URL parser reads it: borrowed (and no
/// more than one `memchr3` pass) when it holds none, which is nearly always.
#[inline]
pub(crate) fn as_parsed(url: &str) -> Cow<'_, str> {
    if has_tab_or_newline(url.as_bytes()) {
        Cow::Owned(removed(url))
    } else {
        Cow::Borrowed(url)
    }
}

/// `url` with every ASCII tab and newline removed (rare: out of line).
#[cold]
#[inline(never)]
fn removed(url: &str) -> String {
    url.chars()
        .filter(|&c| !(c.is_ascii() && is_tab_or_newline(c as u8)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_tabs_and_newlines_only() {
        assert!(matches!(
            as_parsed("https://a.example/b.jpg"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            as_parsed("ht\ttps://a.ex\r\nample/b .jpg"),
            "https://a.example/b .jpg"
        );
        assert_eq!(as_parsed("\n\t\r"), "");
        assert_eq!(as_parsed("é\tü"), "éü");
    }

    proptest::proptest! {
        /// The block screen answers as one search for the three bytes, wherever they stand.
        #[test]
        fn has_tab_or_newline_is_a_search_for_them(
            bytes in proptest::collection::vec(proptest::sample::select(
                &[b'\t', b'\n', b'\r', 0, 0x0b, 0x0c, b' ', b'a', 0x80, 0xff][..]), 0..70),
            filler in 0usize..40,
        ) {
            let mut text = vec![b'x'; filler];
            text.extend(&bytes);
            let want = text.iter().any(|&b| is_tab_or_newline(b));
            proptest::prop_assert_eq!(has_tab_or_newline(&text), want);
        }

        /// The text the `url` crate parses is the text `as_parsed` gives: the same URL.
        #[test]
        fn the_url_crate_reads_the_same(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https://", "//", "a.example", "/", "p", "?q=1", "#f", "\t", "\n", "\r", " ", "é",
                "%0A", ":", "x",
            ][..]), 0..12)
        ) {
            let url: String = pieces.concat();
            let base = url::Url::parse("https://base.example/d/").ok();
            let join = |u: &str| base.as_ref().and_then(|b| b.join(u).ok()).map(String::from);
            proptest::prop_assert_eq!(join(&url), join(&as_parsed(&url)), "{:?}", url);
            proptest::prop_assert!(!has_tab_or_newline(as_parsed(&url).as_bytes()));
        }
    }
}
