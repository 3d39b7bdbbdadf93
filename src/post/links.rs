//! Markdown-native URLs: the destinations of inline links and images, of the reference
//! definitions links and images use, and autolinks.
//!
//! A CommonMark renderer writes these into `href` and `src` as they are (only escaped), so a
//! destination the sanitizer's URL policy would not keep on that element (`javascript:`,
//! `vbscript:`, `data:text/html`…, read as a browser reads them, entities and escapes
//! decoded) is neutralised in the source:
//!
//! - an inline link or image, or a reference definition: the destination becomes `#` (the
//!   link, its text and title stay; nothing is re-associated, as the Markdown structure does
//!   not change);
//! - an autolink `<javascript:…>`: its `<` is escaped (`&lt;`), so it is text.
//!
//! The image URLs of `![alt](url)` and of the definitions only images use get the policy's
//! image treatment (proxy unwrapped, re-routed…) when they are absolute http(s) URLs written
//! as they are (no escapes) and the new URL needs no escaping in Markdown.

use std::ops::Range;

/// The span of the destination of an inline link or image whose text ends at or before
/// `from` (`…](dest "title")`): the `<…>` or bare destination, possibly empty.
pub(crate) fn inline_dest(source: &str, from: usize, end: usize) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let mut i = from;
    // The `]` that closes the text.
    while i < end {
        match bytes[i] {
            b'\\' => i += 2,
            b']' => break,
            _ => i += 1,
        }
    }
    if bytes.get(i + 1) != Some(&b'(') {
        return None;
    }
    dest_at(source, i + 2, end)
}

/// The span of the destination of the reference definition `source[span]` (`[label]: dest`).
pub(crate) fn definition_dest(source: &str, span: Range<usize>) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let mut i = span.start;
    while i < span.end && bytes[i] != b'[' {
        i += 1;
    }
    i += 1;
    while i < span.end {
        match bytes[i] {
            b'\\' => i += 2,
            b']' => break,
            _ => i += 1,
        }
    }
    if bytes.get(i + 1) != Some(&b':') {
        return None;
    }
    dest_at(source, i + 2, span.end)
}

/// The destination starting after optional white space at `at`, before `end`.
fn dest_at(source: &str, mut at: usize, end: usize) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    while at < end && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r') {
        at += 1;
    }
    if at >= end {
        return None;
    }
    if bytes[at] == b'<' {
        let mut i = at + 1;
        while i < end {
            match bytes[i] {
                b'\\' => i += 2,
                b'>' => return Some(at..i + 1),
                b'\n' | b'<' => return None,
                _ => i += 1,
            }
        }
        return None;
    }
    let mut depth = 0usize;
    let mut i = at;
    while i < end {
        match bytes[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b <= b' ' => break,
            _ => {}
        }
        i += 1;
    }
    Some(at..i.min(end))
}

/// Whether `url` can replace a destination as it is: no white space, controls, parentheses,
/// angle brackets or backslashes.
pub(crate) fn writable(url: &str) -> bool {
    !url.chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>' | '\\'))
}

/// Whether `url` is an absolute http(s) URL.
pub(crate) fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_destinations() {
        let s = "[a](<x y> \"t\")";
        assert_eq!(&s[inline_dest(s, 1, s.len()).unwrap()], "<x y>");
        let s = "![a\\]](javascript:f(1) 't')";
        assert_eq!(&s[inline_dest(s, 2, s.len()).unwrap()], "javascript:f(1)");
        let s = "[a]()";
        assert_eq!(inline_dest(s, 1, s.len()), Some(4..4));
        let s = "[l\\]]:\n  javascript:x \"t\"";
        assert_eq!(&s[definition_dest(s, 0..s.len()).unwrap()], "javascript:x");
    }
}
