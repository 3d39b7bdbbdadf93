//! URL literals (`www.example.com/…`, `https://…` written without `<…>`), which marked (as
//! Hexo runs it), goldmark's linkify (Hugo) and markdown-it's inline linkify rule (`linkify:
//! true`, for `http(s)://`) read where they start, before any code span: the literal runs on
//! over every character but white space and `<`, backticks included. A backtick that
//! pulldown-cmark reads as the opening of a code span can so be part of a link to them, and
//! the span's content, which pulldown-cmark and the cleaner read as code, is Markdown and raw
//! HTML there:
//! `www.a.com/` <img src=x onerror=alert(1)> `` ran the handler in marked.
//!
//! Such backticks are found here (one pass over the body); the caller writes them escaped
//! (`` \` ``), so that every reader reads the span's content as text and HTML, and the
//! cleaner cleans it. A run is counted up to white space only, `<` included: a later pass can
//! write a `<` as `&lt;`, which a literal runs over, and the result must not change when
//! cleaned again.

use crate::ascii::contains_ci;

/// The starts of URL literals, as marked reads them (ASCII case-insensitive), each to be
/// followed by a letter, a digit or `-`.
const STARTS: [&[u8]; 4] = [b"www.", b"http://", b"https://", b"ftp://"];

/// The positions of the backticks of `body` that may stand in a URL literal: after a
/// literal's start, with no white space between. Sorted; empty when the body has no
/// backtick or no literal start (checked first, without a pass).
pub(super) fn backticks_in_literals(body: &str) -> Vec<usize> {
    let bytes = body.as_bytes();
    if memchr::memchr(b'`', bytes).is_none()
        || (memchr::memmem::find(bytes, b"://").is_none() && !contains_ci(body, "www."))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_literal = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b if b.is_ascii_whitespace() => in_literal = false,
            b'`' if in_literal => found.push(i),
            b'w' | b'W' | b'h' | b'H' | b'f' | b'F' if !in_literal => {
                in_literal = STARTS.iter().any(|start| {
                    bytes
                        .get(i..i + start.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(start))
                        && bytes
                            .get(i + start.len())
                            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-')
                });
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::backticks_in_literals;

    #[test]
    fn backticks_after_a_literal_start_in_the_same_run() {
        assert_eq!(backticks_in_literals("www.a.com/` x `"), [10]);
        assert_eq!(backticks_in_literals("see HTTPS://a.com/x`y` z"), [19, 21]);
        assert_eq!(backticks_in_literals("xwww.a.com`"), [10]);
        // The closing backtick of a span that opened before the literal: the caller only
        // escapes backticks that open a span.
        assert_eq!(backticks_in_literals("`www.a.com`"), [10]);
        // Up to white space only: a `<` may be written `&lt;` by a later pass.
        assert_eq!(backticks_in_literals("www.a.com/<b>`x`"), [13, 15]);
        for none in [
            "www.a.com/ `x`",
            "www.`x`",
            "http://`x`",
            "no literal `x`",
            "www.a.com/ nothing",
        ] {
            assert_eq!(backticks_in_literals(none), Vec::<usize>::new(), "{none}");
        }
    }
}
