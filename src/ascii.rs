//! ASCII case-insensitive string tests, without building lower-case copies (URLs, class
//! names and file names are compared this way all over the rules).

/// ASCII case-insensitive `starts_with`.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// ASCII case-insensitive `strip_prefix`.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if starts_with_ci(s, prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// ASCII case-insensitive `contains` (`needle` not empty).
pub(crate) fn contains_ci(s: &str, needle: &str) -> bool {
    find_ci(s, needle).is_some()
}

/// ASCII case-insensitive `find`: the byte offset of the first `needle` (not empty) in `s`.
pub(crate) fn find_ci(s: &str, needle: &str) -> Option<usize> {
    let (s, needle) = (s.as_bytes(), needle.as_bytes());
    let last_start = s.len().checked_sub(needle.len())?;
    // Only where the first byte is, in either case (`memchr2`), is the rest compared.
    let first = needle[0];
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &s[..=last_start],
    )
    .find(|&i| s[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::contains_ci;

    /// The same answer as a search in lowercase copies, on every string of up to five
    /// characters of `a A b / é` and needles of one to three bytes.
    #[test]
    fn contains_ci_is_a_search_in_lowercase() {
        let alphabet = ["a", "A", "b", "/", "é"];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        for needle in ["a", "B", "ab", "Ab/", "/", "aa", "é", "/é"] {
            for s in &strings {
                let expected = s
                    .to_ascii_lowercase()
                    .contains(&needle.to_ascii_lowercase());
                assert_eq!(contains_ci(s, needle), expected, "{s:?} {needle:?}");
            }
        }
    }
}
