//! The last input URL that [`Unwrapper::unwrap`](super::Unwrapper::unwrap) parsed and found to
//! be no proxy, kept for [`unwrap_redirect`](super::unwrap_redirect) to read without parsing
//! it again: the `proxied_urls` rule asks about every link (`a[href]` to an image) just before
//! the `links` rule does, and a link through a redirector carries an `http` that the proxy
//! screen lets through, so both rules parse it.
//!
//! One entry per thread, keyed by the exact (trimmed) text: [`parse_input`] reads nothing
//! else, so the kept [`Parsed`] is what parsing the same text again gives.

use super::decode::parse_input;
use super::parsed::Parsed;
use std::cell::RefCell;

thread_local! {
    /// The trimmed text and what [`parse_input`] made of it.
    static LAST: RefCell<(String, Option<Parsed<'static>>)> = const { RefCell::new((String::new(), None)) };
}

/// Keeps `parsed`, which [`parse_input`] gave for `input`, for [`take_or_parse`].
pub(super) fn keep(input: &str, parsed: Parsed<'_>) {
    let _ = LAST.try_with(|last| {
        let mut last = last.borrow_mut();
        last.0.clear();
        last.0.push_str(input.trim_ascii());
        last.1 = Some(parsed.into_owned());
    });
}

/// [`parse_input`] of `input`: the kept URL when it was kept for the same text (taken: it is
/// read once), parsed otherwise.
pub(super) fn take_or_parse(input: &str) -> Option<Parsed<'_>> {
    let key = input.trim_ascii();
    let kept = LAST
        .try_with(|last| {
            let mut last = last.borrow_mut();
            (last.1.is_some() && last.0 == key)
                .then(|| last.1.take())
                .flatten()
        })
        .ok()
        .flatten();
    kept.or_else(|| parse_input(input))
}

#[cfg(test)]
mod tests {
    use super::{keep, parse_input, take_or_parse, Parsed};

    /// The text a parse gave (its parts are the `url` crate's for that text: see `parsed`).
    fn text_of(parsed: Option<Parsed<'_>>) -> Option<String> {
        parsed.map(|p| p.as_str().to_owned())
    }

    const URLS: &[&str] = &[
        "https://link.zhihu.com/?target=https%3A//a.example/b",
        " https://link.zhihu.com/?target=https%3A//a.example/b\t",
        "https://link.zhihu.com/?target=https%3A//a.example/c",
        "//Example.COM/a/../b?x#y",
        "HTTP://example.com:80/%7e",
        "https://example.com/\\a",
        "https://exa mple.com/",
        "javascript:alert(1)",
        "",
        "  ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// Whatever was kept before (for the same text, other text, or nothing), the answer
        /// is the one of parsing the text.
        #[test]
        fn kept_or_parsed_is_parsed(
            steps in proptest::collection::vec(
                (proptest::sample::select(URLS), proptest::sample::select(URLS), proptest::bool::ANY),
                1..8,
            )
        ) {
            for (kept, asked, keep_first) in steps {
                if keep_first {
                    if let Some(parsed) = parse_input(kept) {
                        keep(kept, parsed);
                    }
                }
                proptest::prop_assert_eq!(text_of(take_or_parse(asked)), text_of(parse_input(asked)), "{:?} {:?}", kept, asked);
            }
        }
    }

    /// A kept URL is read once, for its own text (trimmed) only.
    #[test]
    fn read_once_for_its_own_text() {
        let text = "https://link.zhihu.com/?target=https%3A//a.example/b";
        let mut marked = super::super::decode::parse_input_url(text).unwrap();
        // A mark that parsing never gives, to see which answer came back.
        marked.set_fragment(Some("kept"));
        keep(text, Parsed::from(marked.clone()));
        assert_eq!(
            text_of(take_or_parse(URLS[2])),
            text_of(parse_input(URLS[2]))
        );
        assert_eq!(
            text_of(take_or_parse(&format!(" {text} "))).as_deref(),
            Some(marked.as_str())
        );
        assert_eq!(text_of(take_or_parse(text)), text_of(parse_input(text)));
    }
}
