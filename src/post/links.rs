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
//! A renderer may refuse a link, image or definition that pulldown-cmark reads, and render
//! its Markdown as text (markdown-it refuses destinations it thinks unsafe, among them raster
//! `data:` URLs the policy keeps): so a definition no link uses is neutralised too, and no
//! destination or title keeps a `<` that would start raw HTML or an autolink there
//! ([`escape_lt`], [`escape_uncovered_lt`]).
//!
//! The image URLs of `![alt](url)` and of the definitions only images use get the policy's
//! image treatment (proxy unwrapped, re-routed…) when they are absolute http(s) URLs written
//! as they are (no escapes) and the new URL needs no escaping in Markdown.

use super::edits::Edits;
use pulldown_cmark::{Event, Tag};
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

/// Writes each `<` of `body[span]` as `with`; how many there were.
///
/// A renderer may refuse a link that pulldown-cmark reads (markdown-it takes no link,
/// image or definition whose destination starts with `data:`, but for four raster types
/// followed by `;`, `file:`, `javascript:` or `vbscript:`): it then renders the Markdown of
/// the link as text, where a `<` of its destination or title starts raw HTML. Written `%3C`
/// in a destination (the URL renderers write anyway) or `&lt;` in a title (the same title),
/// it starts none.
pub(crate) fn escape_lt(body: &str, span: Range<usize>, with: &str, edits: &mut Edits) -> usize {
    let mut n = 0;
    for (i, _) in body[span.clone()].match_indices('<') {
        edits.push(span.start + i..span.start + i + 1, with.to_string());
        n += 1;
    }
    n
}

/// The `<` of `body` outside every range of `covered` (sorted by start) that opens no `<…>`
/// destination after a definition's `]:`: in pulldown-cmark's reading, the `<` of reference
/// definitions (which make no event), the repeated definitions of a label included. Each is
/// written `&lt;` (see [`escape_lt`]). A `<…>` destination that `refused` refuses becomes
/// `<#>` (read as text, it would be an autolink).
pub(crate) fn escape_uncovered_lt(
    body: &str,
    events: &[(Event<'_>, Range<usize>)],
    refused: impl Fn(&str) -> bool,
    edits: &mut Edits,
) -> usize {
    let covered = covered(events);
    let bytes = body.as_bytes();
    let mut n = 0;
    let mut c = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        while c < covered.len() && covered[c].end <= at {
            c += 1;
        }
        // Ranges may nest: any range from here on that starts before `at` and ends after it.
        let inside = covered[c..]
            .iter()
            .take_while(|r| r.start <= at)
            .any(|r| r.end > at);
        if inside {
            continue;
        }
        if opens_pointy_destination(bytes, at) {
            let end = bytes[at..]
                .iter()
                .position(|&b| matches!(b, b'>' | b'\n'))
                .filter(|&n| bytes[at + n] == b'>');
            if let Some(len) = end {
                if refused(&body[at + 1..at + len]) {
                    edits.push(at..at + len + 1, "<#>".to_string());
                    n += 1;
                }
            }
            continue;
        }
        edits.push(at..at + 1, "&lt;".to_string());
        n += 1;
    }
    n
}

/// The source ranges of the events that carry text, markup or a whole link, sorted by start:
/// every `<` of the body but those of reference definitions is inside one.
fn covered(events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let mut covered: Vec<Range<usize>> = events
        .iter()
        .filter(|(e, _)| {
            matches!(
                e,
                Event::Text(_)
                    | Event::Code(_)
                    | Event::InlineMath(_)
                    | Event::DisplayMath(_)
                    | Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::FootnoteReference(_)
                    | Event::Start(
                        Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock
                    )
            )
        })
        .map(|(_, r)| r.clone())
        .collect();
    covered.sort_by_key(|r| r.start);
    covered
}

/// Whether the `<` at `at` follows a definition's `]:` (white space, one line break and
/// quote markers between them allowed): it opens a `<…>` destination.
fn opens_pointy_destination(bytes: &[u8], at: usize) -> bool {
    let mut i = at;
    let mut line_breaks = 0;
    while i > 0 {
        match bytes[i - 1] {
            b' ' | b'\t' | b'>' | b'\r' => i -= 1,
            b'\n' if line_breaks == 0 => {
                line_breaks += 1;
                i -= 1;
            }
            _ => break,
        }
    }
    i >= 2 && &bytes[i - 2..i] == b"]:"
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
