//! Percent-decoding, strict: a `%` not followed by two hex digits, or a result that is not
//! UTF-8, gives `None`.
//!
//! Every origin a proxy or a redirector carries escaped is decoded here, once or twice
//! (`decode_to_http`): the text is copied in runs between its `%`s (found by `memchr`), not
//! byte by byte through an iterator.

/// True when every `%` in `s` starts a well-formed `%XX` escape.
pub(crate) fn has_valid_escapes(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'%', b).all(|i| escape_at(b, i).is_some())
}

/// The byte the `%` at `i` escapes, when two hex digits (any case) follow it.
pub(crate) fn escape_at(b: &[u8], i: usize) -> Option<u8> {
    let hex = |d: u8| char::from(d).to_digit(16);
    let (hi, lo) = (hex(*b.get(i + 1)?)?, hex(*b.get(i + 2)?)?);
    u8::try_from(hi << 4 | lo).ok()
}

/// Percent-decodes `s` once. `None` on a malformed escape or a non-UTF-8 result.
/// `+` is left alone (it is not a space outside HTML form encoding).
pub(crate) fn percent_decode_once(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut start = 0;
    for i in memchr::memchr_iter(b'%', b) {
        // Every `%` starts an escape (else `None`): none stands among the digits of another.
        out.extend_from_slice(&b[start..i]);
        out.push(escape_at(b, i)?);
        start = i + 3;
    }
    out.extend_from_slice(&b[start..]);
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::{has_valid_escapes, percent_decode_once};

    /// [`has_valid_escapes`] as it was, a byte loop (the oracle).
    fn has_valid_escapes_looped(s: &str) -> bool {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes.get(i) == Some(&b'%') {
                let ok = matches!(
                    (bytes.get(i + 1), bytes.get(i + 2)),
                    (Some(a), Some(b)) if a.is_ascii_hexdigit() && b.is_ascii_hexdigit()
                );
                if !ok {
                    return false;
                }
                i += 3;
            } else {
                i += 1;
            }
        }
        true
    }

    /// [`percent_decode_once`] as it was, through `percent_encoding` (the oracle).
    fn percent_decode_once_iterated(s: &str) -> Option<String> {
        if !has_valid_escapes_looped(s) {
            return None;
        }
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(|cow| cow.into_owned())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(8000))]
        /// Both answer as they did, on runs of escapes (valid, cut short, of a `%`, of bytes
        /// that are not UTF-8 alone) and plain text.
        #[test]
        fn decoded_as_before(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "%", "%2", "%2F", "%2f", "%25", "%zz", "%g1", "%E6", "%97", "%A5", "%C3%A9",
                "%FF", "%00", "%7E", "a", "é", "+", "2", "F", "%%", "%%41", "日",
            ][..]), 0..10),
        ) {
            let s: String = pieces.concat();
            proptest::prop_assert_eq!(has_valid_escapes(&s), has_valid_escapes_looped(&s), "{:?}", s);
            proptest::prop_assert_eq!(percent_decode_once(&s), percent_decode_once_iterated(&s), "{:?}", s);
        }
    }
}
