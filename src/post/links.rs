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
//! `data:` URLs the policy keeps; commonmark.js a definition with a tab after its colon): so
//! a definition no link uses is neutralised too, no destination or title keeps a `<` that
//! would start raw HTML or an autolink there, no definition a `[` that would start a link,
//! and no `<…>` destination reads as a tag ([`escape_lt`], [`escape_uncovered_lt`]).
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

/// The `<` and `[` of `body` outside the text, markup and links of `events`: in
/// pulldown-cmark's reading, those of reference definitions (which make no event), repeated
/// definitions of a label included. Read as text (a renderer that refuses the definition),
/// a `<` there starts raw HTML or an autolink and a `[` a link: each is written `&lt;` or
/// `&#91;` (the same destination, the same title), but a `[` that opens a label (`[r]:`, a
/// footnote's `[^1]:`, an alert's `[!NOTE]`); a `](` there has its `]` written `&#93;` (it
/// would close a `[` above the definition). A `<…>` destination that `refused` refuses
/// becomes `<#>`.
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
    let brackets = memchr::memchr3_iter(b'<', b'[', b']', bytes)
        .filter(|&at| bytes[at] != b']' || bytes.get(at + 1) == Some(&b'('));
    for at in brackets {
        while c < covered.len() && covered[c].end <= at {
            c += 1;
        }
        if covered.get(c).is_some_and(|r| r.start <= at) {
            continue;
        }
        if bytes[at] == b'[' {
            if !opens_label(bytes, at) {
                edits.push(at..at + 1, "&#91;".to_string());
                n += 1;
            }
            continue;
        }
        if bytes[at] == b']' {
            // `](` whose `[` went above: read as text, it would close a `[` before the
            // definition (`[` … `[r]: ![i](javascript:x)` is one link to a renderer that
            // refuses the definition).
            edits.push(at..at + 1, "&#93;".to_string());
            n += 1;
            continue;
        }
        if opens_pointy_destination(bytes, at) {
            let end = bytes[at..]
                .iter()
                .position(|&b| matches!(b, b'>' | b'\n'))
                .filter(|&n| bytes[at + n] == b'>');
            if let Some(len) = end {
                let inner = &body[at + 1..at + len];
                if refused(inner) {
                    edits.push(at..at + len + 1, "<#>".to_string());
                    n += 1;
                } else if let Some(bare) = bare_destination(inner) {
                    edits.push(at..at + len + 1, bare);
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

/// The `<…>` destination `inner` written bare (white space, parentheses and brackets
/// percent-encoded: the URL renderers write anyway; a bare `[` would be a definition's `[`
/// that opens no label, written `&#91;` by the next cleaning) when, read as text, `<inner>` would be an HTML tag (a tag
/// name, then white space, `/` or the end); `None` otherwise.
fn bare_destination(inner: &str) -> Option<String> {
    let name = inner
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-'))
        .unwrap_or(inner.len());
    let tag = inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner[name..]
            .bytes()
            .next()
            .is_none_or(|b| b.is_ascii_whitespace() || b == b'/');
    tag.then(|| {
        let mut out = String::with_capacity(inner.len() + 8);
        for c in inner.chars() {
            match c {
                ' ' => out.push_str("%20"),
                '\t' => out.push_str("%09"),
                '\x0c' => out.push_str("%0C"),
                '(' => out.push_str("%28"),
                ')' => out.push_str("%29"),
                '[' => out.push_str("%5B"),
                ']' => out.push_str("%5D"),
                c => out.push(c),
            }
        }
        out
    })
}

/// Whether the `[` at `at` opens a definition's label (`[r]:`, `[^1]:`) or a GFM alert's
/// marker (`[!NOTE]` alone on its line).
fn opens_label(bytes: &[u8], at: usize) -> bool {
    let mut i = at + 1;
    while i < bytes.len() && i - at <= 1000 {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => return false,
            b']' => {
                let alert = bytes.get(at + 1) == Some(&b'!')
                    && bytes[at + 2..i].iter().all(u8::is_ascii_alphabetic)
                    && bytes[i + 1..]
                        .iter()
                        .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'))
                        .is_none_or(|&b| b == b'\n');
                return alert || bytes.get(i + 1) == Some(&b':');
            }
            _ => i += 1,
        }
    }
    false
}

/// The source ranges of the events that carry text, markup or a whole link, merged into
/// disjoint ranges in order: every `<` and `[` of the body but those of reference
/// definitions and labels is inside one.
fn covered(events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = events
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
                    | Event::TaskListMarker(_)
                    | Event::Start(
                        Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock
                    )
            )
        })
        .map(|(_, r)| r.clone())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
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
