//! `str::trim` for attribute values that have no white space at their ends (nearly all).

/// [`str::trim`] as a method of its own, for the values the rule reads over and over.
pub(crate) trait Trimmed {
    /// `self.trim()`, answered without the Unicode white space search when the value starts
    /// and ends with a printable ASCII byte (`!` to `~`, or DEL): nothing to trim then.
    /// White space is what `trim` reads (`char::is_whitespace`, the vertical tab included);
    /// any other end byte (a control, a space, a non-ASCII character) is left to `trim`
    /// itself. An image's URLs are trimmed by each test that reads them: a few instructions
    /// each, not a call.
    fn trimmed(&self) -> &str;
}

impl Trimmed for str {
    #[inline]
    fn trimmed(&self) -> &str {
        let plain = |c: Option<&u8>| c.is_some_and(|&c| (0x21..=0x7F).contains(&c));
        let b = self.as_bytes();
        if plain(b.first()) && plain(b.last()) {
            self
        } else {
            self.trim()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Trimmed;

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// `trimmed` is `str::trim`, on values made of URL bytes, ASCII controls and white
        /// space, and non-ASCII white space and letters at either end.
        #[test]
        fn trimmed_is_str_trim(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a", "/", "!", "~", "\u{7f}", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\0",
                "\u{1f}", "\u{85}", "\u{a0}", "\u{3000}", "é", "中", "https://a.example/x.jpg",
            ][..]), 0..8)
        ) {
            let s: String = pieces.concat();
            proptest::prop_assert_eq!(s.trimmed(), s.trim(), "{:?}", s);
        }
    }
}
