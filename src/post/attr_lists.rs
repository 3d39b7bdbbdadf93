//! Attribute lists: the `{…}` syntax by which Markdown extensions put attributes on what they
//! render, written in the Markdown text where a plain CommonMark renderer shows it as text
//! (and wikilinks, the other extension syntax in text that writes markup:
//! [`neutralise_wikilinks`]).
//!
//! - pulldown-cmark with heading attributes (Zola, mdBook) and goldmark with attributes
//!   (Hugo, on for headings by default): `# Title {#id .class key=value}` at the end of a
//!   heading; pulldown-cmark writes every `key=value` as it is, `onclick` too;
//! - kramdown (Jekyll): an inline attribute list `{: key="value"}` after a span or on the line
//!   after a block, an attribute list definition `{:name: key="value"}` that a later
//!   `{: name}` refers to, and extensions `{::nomarkdown}…{:/}`, whose content (a code span to
//!   CommonMark, never cleaned as HTML) kramdown writes out raw;
//! - markdown-it-attrs, markdown-it's plugin, allowing every attribute unless configured:
//!   `{key=value}` after inline elements, at the end of blocks and in a fence's info string
//!   (```` ```js {key=value} ````, on the `<code>`; pandoc's ```` ```{=html} ```` is a raw
//!   block).
//!
//! So a `{` of the text (never one of code or raw HTML, under any reading) that opens a list
//! holding anything but ids, classes and attributes the sanitizer's policy keeps with their
//! value on some element a list can land on (`title`, `lang`, an image's `width`…; a heading's
//! list: on a heading), or an extension (`{::`), is written `&#123;`; so is one that the
//! renderers may cut differently (another `{` before its `}`, an unclosed quote, a quoted
//! value with white space, which pulldown-cmark splits). `&#123;` is a character reference,
//! which every renderer shows as `{` and none reads as the start of a list. Classes
//! (`.class`, kramdown's everyday `{: .notice}`) stay; an `#id` is an `id` of the author's
//! choosing (a global of the page: DOM clobbering) and stays only with the policy's id prefix,
//! or in the list that ends a heading (`# Title {#intro}`), whose renderers write an id from
//! its text anyway. Template syntax around it (`{{ … }}` of Hugo's
//! shortcodes and Liquid, `{% … %}`) is not a list and is left alone.

use super::edits::Edits;
use crate::rules::sanitize::verify::Verifier;
use html5ever::{local_name, LocalName};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The elements of a list at the end of a heading.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The elements a list can put its attributes on (what the renderers write: headings,
/// paragraphs, list items, links, images, spans of emphasis or code, table parts).
const ELEMENTS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "a",
    "img",
    "li",
    "ul",
    "ol",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "span",
    "div",
    "hr",
];

/// `body` with the `{` of every list the policy would not keep written `&#123;` (see the
/// module docs), and how many.
pub(crate) fn neutralise(v: &Verifier<'_>, body: &str, readings: &[Options]) -> (String, usize) {
    let bytes = body.as_bytes();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let positions = text_positions(body, readings, b'{');
    // A list in a heading is its heading's to pulldown-cmark: checked against headings.
    let mut headings: Vec<Range<usize>> = Vec::new();
    if !positions.is_empty() {
        let reading = super::markdown::options() | Options::ENABLE_HEADING_ATTRIBUTES;
        for (event, range) in Parser::new_ext(body, reading).into_offset_iter() {
            if let Event::Start(Tag::Heading { .. }) = event {
                headings.push(range);
            }
        }
    }
    // Both in source order: one walk.
    let mut h = 0;
    for at in positions {
        while h < headings.len() && headings[h].end <= at {
            h += 1;
        }
        let heading = headings.get(h).filter(|r| r.contains(&at));
        let elements = if heading.is_some() {
            HEADINGS
        } else {
            ELEMENTS
        };
        let ids_free = heading.is_some_and(|r| ends_heading(body, at, r));
        if !opens_unkept_list(v, body, at, elements, ids_free) {
            continue;
        }
        // `\{` is read as a list by pulldown-cmark all the same: the escape goes too.
        let backslashes = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        let start = if backslashes % 2 == 1 { at - 1 } else { at };
        // The `{`s just before it (`{{onclick=x}`) go too: left alone, the first would open
        // a list on the next cleaning (`{&#123;onclick=x}`), which would not be idempotent.
        let braces = bytes[..start]
            .iter()
            .rev()
            .take_while(|&&b| b == b'{')
            .count();
        let range = start - braces..at + 1;
        // Ranges that overlap (`{\{onclick=x}`: the first `{` for the second, the second
        // with the first before it) are one: an edit left out for overlapping would leave a
        // `{` for the next cleaning.
        match ranges.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => ranges.push(range),
        }
    }
    let mut edits = Edits::default();
    for range in ranges {
        // Only `{`s and the `\` escaping one are in a range: each `{` is written `&#123;`.
        let n = bytes[range.clone()].iter().filter(|&&b| b == b'{').count();
        edits.push(range, "&#123;".repeat(n));
    }
    applied(body, edits)
}

/// `body` with the `[` of every wikilink (`[[url]]`, `[[url|text]]`, `![[url]]`: pulldown-cmark
/// with wikilinks, Obsidian's syntax) to a URL the policy would not keep on its link or image
/// written `&#91;`, and how many. Read in the text of every reading, whatever is around it (a
/// renderer that refuses the link around `![[…]]` leaves it a wikilink).
pub(crate) fn neutralise_wikilinks(
    v: &Verifier<'_>,
    body: &str,
    readings: &[Options],
) -> (String, usize) {
    let bytes = body.as_bytes();
    let mut edits = Edits::default();
    if memchr::memmem::find(bytes, b"[[").is_none() {
        return (body.to_string(), 0);
    }
    for at in text_positions(body, readings, b'[') {
        if bytes.get(at + 1) != Some(&b'[') {
            continue;
        }
        // Up to `]]`, over line ends too (pulldown-cmark reads a wikilink across the lines
        // of a paragraph, `[[javascript:x\n|a|\n|x]]`); another `[` before it makes the link
        // text (the `[[` it opens is read on its own). Each `[` is read up to the next one:
        // linear.
        let mut close = None;
        for (i, &b) in bytes.iter().enumerate().skip(at + 2) {
            match b {
                b'[' => {
                    close = Some(None);
                    break;
                }
                b']' if bytes.get(i + 1) == Some(&b']') => {
                    close = Some(Some(i));
                    break;
                }
                _ => {}
            }
        }
        let close = match close {
            None => continue,
            Some(None) => {
                edits.push(at..at + 1, "&#91;".to_string());
                continue;
            }
            Some(Some(i)) => i,
        };
        let inner = &body[at + 2..close];
        let dest = inner.split('|').next().unwrap_or(inner).trim();
        let element = if at > 0 && bytes[at - 1] == b'!' {
            local_name!("img")
        } else {
            local_name!("a")
        };
        if !v.keeps_url(&element, dest) {
            edits.push(at..at + 1, "&#91;".to_string());
        }
    }
    applied(body, edits)
}

/// `body` with `edits` applied, and how many.
fn applied(body: &str, edits: Edits) -> (String, usize) {
    let n = edits.list.len();
    if n == 0 {
        return (body.to_string(), 0);
    }
    (edits.apply(body), n)
}

/// The positions of `byte` in the text of `body` under any of `readings` (never in code, code
/// blocks or raw HTML), in order.
fn text_positions(body: &str, readings: &[Options], byte: u8) -> Vec<usize> {
    let bytes = body.as_bytes();
    if memchr::memchr(byte, bytes).is_none() {
        return Vec::new();
    }
    let mut text: Vec<Range<usize>> = Vec::new();
    for &reading in readings {
        // The text of a code block is code.
        let mut code = false;
        let mut iter = Parser::new_ext(body, reading).into_offset_iter();
        for (event, range) in iter.by_ref() {
            match event {
                // The info string of a fence is a list's place too (markdown-it-attrs:
                // ```` ```js {onclick=x} ```` puts it on the `<code>`; pandoc's `{=html}`
                // writes the block raw).
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                    code = true;
                    if byte == b'{' {
                        text.extend(fence_info(bytes, range));
                    }
                }
                Event::Start(Tag::CodeBlock(_)) => code = true,
                // The `[` that opens a link or an image is text to a renderer that refuses
                // it (markdown-it, commonmark.js): `![[javascript:x]][r]]()` is a wikilink
                // image there.
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) if byte == b'[' => {
                    let end = (range.start + 2).min(range.end);
                    text.push(range.start..end);
                }
                Event::End(TagEnd::CodeBlock) => code = false,
                Event::Text(_)
                    if !code && memchr::memchr(byte, &bytes[range.clone()]).is_some() =>
                {
                    text.push(range)
                }
                _ => {}
            }
        }
        // A reference definition is text to a renderer that refuses it (markdown-it refuses
        // unsafe destinations, commonmark.js one with a tab): `[r]: {onclick=x}` over a
        // `-` line is a heading there, and its list the heading's.
        for (_, def) in iter.reference_definitions().iter() {
            if memchr::memchr(byte, &bytes[def.span.clone()]).is_some() {
                text.push(def.span.clone());
            }
        }
    }
    text.sort_by_key(|r| r.start);
    let mut found = Vec::new();
    let mut done = 0;
    for range in text {
        let from = range.start.max(done).min(range.end);
        found.extend(memchr::memchr_iter(byte, &bytes[from..range.end]).map(|i| from + i));
        done = done.max(range.end);
    }
    found
}

/// The info string of the fenced code block at `block` (its source range): what follows the
/// opening run of backticks or tildes on its first line.
fn fence_info(bytes: &[u8], block: Range<usize>) -> Option<Range<usize>> {
    let line = &bytes[block.start..block.end];
    let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
    let fence = line.iter().position(|&b| matches!(b, b'`' | b'~'))?;
    let run = line[fence..]
        .iter()
        .take_while(|&&b| b == line[fence])
        .count();
    let start = block.start + fence + run;
    (run >= 3 && start < block.start + line.len()).then_some(start..block.start + line.len())
}

/// Whether the list opened by the `{` at `at` is the one that ends `heading` (its source
/// range): after white space, with nothing after its `}` but white space and the heading's
/// closing `#`s or underline. Only there is it the heading's to every renderer that reads
/// lists (one right after a link or an emphasis, `# [a](u){#x}`, is the link's to
/// markdown-it-attrs and kramdown), and only a heading gets an id from its text anyway.
fn ends_heading(body: &str, at: usize, heading: &Range<usize>) -> bool {
    let bytes = body.as_bytes();
    if at == 0 || !matches!(bytes[at - 1], b' ' | b'\t') {
        return false;
    }
    let Some(close) = memchr::memchr(b'}', &bytes[at..heading.end]) else {
        return false;
    };
    bytes[at + close + 1..heading.end]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'#' | b'=' | b'-'))
}

/// Whether the `{` at `at` opens a list (on its line) that holds an attribute the policy
/// would not keep as it is on any of `elements`, or a kramdown extension. An `#id` counts as
/// `id="id"` (kept only with the policy's id prefix: an element with an id of the author's
/// choosing clobbers the page's globals, `<a id="config" href=…>` is `window.config`), but
/// where `ids_free` (a list that ends a heading, whose renderers write an id from its text
/// anyway).
fn opens_unkept_list(
    v: &Verifier<'_>,
    body: &str,
    at: usize,
    elements: &[&str],
    ids_free: bool,
) -> bool {
    let bytes = body.as_bytes();
    // Template syntax: `{{ … }}`, `{% … %}`. The inner `{` of `{{` is a template's only
    // when its `}` is doubled too (checked below): `{{onclick=x}` ends in a list, which
    // markdown-it-attrs applies.
    // A `&#123;` before it counts as the `{` it was (the first `{` of a post, which Hugo
    // would read as JSON front matter, is written `&#123;` after this module ran): the next
    // cleaning must read what this one read.
    let after_brace = at > 0 && (bytes[at - 1] == b'{' || bytes[..at].ends_with(b"&#123;"));
    if matches!(bytes.get(at + 1), Some(b'{' | b'%')) {
        return false;
    }
    // The list ends at the first `}` (pulldown-cmark's does, quotes or not); another `{`
    // before it (`{: title="{" onclick=…}` is one list to kramdown) makes it text too. So each
    // `{` is read up to the next one at most: linear in the body.
    // A `&#123;` (a `{` this module wrote) stops it as the `{` it was did: else the next
    // cleaning would read a list through it (`{{onclick=x{onclick=x}`: the first list is
    // left alone for the second `{`, then read up to the `}` once that `{` is `&#123;`).
    let Some(len) = bytes[at + 1..].iter().enumerate().position(|(i, &b)| {
        matches!(b, b'{' | b'}' | b'\n' | b'\r')
            || (b == b'&' && bytes[at + 1 + i..].starts_with(b"&#123;"))
    }) else {
        return false;
    };
    let end = at + 1 + len;
    match bytes[end] {
        b'{' | b'&' => return !after_brace,
        b'}' if after_brace && bytes.get(end + 1) == Some(&b'}') => return false,
        b'}' => {}
        // No closing `}` on the line: not a list.
        _ => return false,
    }
    let rest = &body[at + 1..end];
    if rest.starts_with("::") {
        return true;
    }
    let mut s = rest.strip_prefix(':').unwrap_or(rest);
    loop {
        s = s.trim_start_matches([' ', '\t']);
        if s.is_empty() {
            return false;
        }
        if s.starts_with(['#', '.']) {
            let end = s.find([' ', '\t', '}']).unwrap_or(s.len());
            let (name, after) = s.split_at(end);
            s = after;
            if let Some(id) = name.strip_prefix('#') {
                if !ids_free && !kept(v, "id", id, elements) {
                    return true;
                }
            }
            continue;
        }
        let key_end = s.find([' ', '\t', '}', '=']).unwrap_or(s.len());
        let key = &s[..key_end];
        s = &s[key_end..];
        let value = match s.strip_prefix('=') {
            None => "",
            Some(after) => match after.chars().next() {
                Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                    // An unclosed quote: read differently by each renderer.
                    None => return true,
                    // pulldown-cmark splits a list at white space, quotes or not:
                    // `{title="x onclick=alert(1)"}` is an `onclick` to it.
                    Some(end) if after[1..1 + end].contains(char::is_whitespace) => return true,
                    Some(end) => {
                        s = &after[1 + end + 1..];
                        &after[1..1 + end]
                    }
                },
                _ => {
                    let end = after.find([' ', '\t', '}']).unwrap_or(after.len());
                    s = &after[end..];
                    &after[..end]
                }
            },
        };
        if !kept(v, key, value, elements) {
            return true;
        }
    }
}

/// Whether `key="value"` is an attribute the policy keeps with that value on some element
/// of `elements`. A value with a character reference or an escape (decoded by some
/// renderers, written as it is by others) is never.
fn kept(v: &Verifier<'_>, key: &str, value: &str, elements: &[&str]) -> bool {
    if key.is_empty() || value.contains(['&', '\\']) {
        return false;
    }
    let attr = LocalName::from(key);
    elements
        .iter()
        .any(|e| v.keeps_attr(&LocalName::from(*e), &attr, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sanitize::policy::SanitizerConfig;

    fn run(body: &str) -> String {
        let policy = SanitizerConfig::default().build().unwrap();
        let v = Verifier::new(&policy);
        neutralise(
            &v,
            body,
            &[super::super::markdown::options(), Options::empty()],
        )
        .0
    }

    #[test]
    fn lists_with_unkept_attributes_are_text() {
        for (input, expected) in [
            (
                "# Hi {onclick=alert(1)}\n",
                "# Hi &#123;onclick=alert(1)}\n",
            ),
            (
                "# Hi \\{style=\"position:fixed\"}\n",
                "# Hi &#123;style=\"position:fixed\"}\n",
            ),
            (
                "para\n{: onmouseover=\"alert(1)\"}\n",
                "para\n&#123;: onmouseover=\"alert(1)\"}\n",
            ),
            (
                "[x](https://a.example/){: href=\"javascript:alert(1)\"}\n",
                "[x](https://a.example/)&#123;: href=\"javascript:alert(1)\"}\n",
            ),
            ("{:evil: onclick=\"x\"}\n", "&#123;:evil: onclick=\"x\"}\n"),
            (
                "{::nomarkdown}`<b>`{:/}\n",
                "&#123;::nomarkdown}`<b>`&#123;:/}\n",
            ),
            ("a {title=\"x&#58;\"}\n", "a &#123;title=\"x&#58;\"}\n"),
            (
                "a {: title=\"{\" onclick=\"x\"} {: title=\"}\" onclick=\"x\"}\n",
                "a &#123;: title=\"&#123;\" onclick=\"x\"} &#123;: title=\"}\" onclick=\"x\"}\n",
            ),
            (
                "# T {title=\"x onclick=alert(1) y\"}\n",
                "# T &#123;title=\"x onclick=alert(1) y\"}\n",
            ),
            (
                "a set {x} with no end {\n",
                "a set &#123;x} with no end {\n",
            ),
            // An `#id` is an `id` (DOM clobbering) but at the end of a heading.
            (
                "[x](https://a.example/){#config}\n",
                "[x](https://a.example/)&#123;#config}\n",
            ),
            ("para\n{: #cookie}\n", "para\n&#123;: #cookie}\n"),
            ("# *a*{#x}\n", "# *a*&#123;#x}\n"),
            // A doubled `{` whose `}` is single ends in a list (markdown-it-attrs).
            ("{{onclick=alert(1)}\n", "&#123;&#123;onclick=alert(1)}\n"),
            // The info string of a fence (markdown-it-attrs, pandoc's raw blocks).
            (
                "```js {onclick=alert(1)}\nx\n```\n",
                "```js &#123;onclick=alert(1)}\nx\n```\n",
            ),
            (
                "> ~~~ \\{.c onclick=alert(1)}\n> x\n",
                "> ~~~ &#123;.c onclick=alert(1)}\n> x\n",
            ),
            (
                "- ```{=html}\n  <script>alert(1)</script>\n  ```\n",
                "- ```&#123;=html}\n  <script>alert(1)</script>\n  ```\n",
            ),
            // A definition is text where a renderer refuses it.
            (
                "[r]: {onclick=alert(1)}\n- \n",
                "[r]: &#123;onclick=alert(1)}\n- \n",
            ),
        ] {
            assert_eq!(run(input), expected, "{input}");
        }
    }

    /// Every string of up to four of these pieces (braces single, doubled, escaped, around
    /// raw HTML and a list) is neutralised once for all: a second pass changes nothing.
    #[test]
    fn neutralising_is_idempotent_on_brace_shapes() {
        const PIECES: &[&str] = &[
            "{",
            "{{",
            "}",
            "}}",
            "onclick=x",
            "{onclick=x}",
            "<b x>",
            "\\",
            " ",
            "&#123;",
            "#a",
            "{%",
        ];
        let mut shapes = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &shapes {
                for p in PIECES {
                    next.push(format!("{s}{p}"));
                }
            }
            all.extend(next.iter().cloned());
            shapes = next;
        }
        // What the next cleaning gets when the post's first `{` was written `&#123;` (Hugo).
        let escaped = "&#123;{<b x>&#123;onclick=x}\n";
        assert_eq!(run(escaped), escaped);
        for shape in all {
            let input = format!("{shape}\n");
            let once = run(&input);
            assert_eq!(run(&once), once, "{input:?}");
        }
    }

    #[test]
    fn wikilinks_to_refused_urls_are_text() {
        let policy = SanitizerConfig::default().build().unwrap();
        let v = Verifier::new(&policy);
        let run =
            |body: &str| neutralise_wikilinks(&v, body, &[super::super::markdown::options()]).0;
        assert_eq!(
            run("[[javascript:alert(1)|x]]\n"),
            "&#91;[javascript:alert(1)|x]]\n"
        );
        assert_eq!(
            run("![[ JaVa\tscript:x ]]\n"),
            "!&#91;[ JaVa\tscript:x ]]\n"
        );
        assert_eq!(
            run("[x ![[javascript:x]]](https://a.example/)\n"),
            "[x !&#91;[javascript:x]]](https://a.example/)\n"
        );
        assert_eq!(run("[[javascript:x[y]]\n"), "&#91;[javascript:x[y]]\n");
        // Its first `[` opens a link or an image, which a renderer may refuse.
        assert_eq!(
            run("![[javascript:alert(1)]][r]]()\n"),
            "!&#91;[javascript:alert(1)]][r]]()\n"
        );
        assert_eq!(
            run("[[javascript:alert(1)]](https://a.example/)\n"),
            "&#91;[javascript:alert(1)]](https://a.example/)\n"
        );
        assert_eq!(
            run("[[javascript:x\n|---|\n|x]]\n"),
            "&#91;[javascript:x\n|---|\n|x]]\n"
        );
        for kept in [
            "[[Home]] [[https://a.example/|A]] ![[a.png]]\n",
            "`[[javascript:x]]`\n",
        ] {
            assert_eq!(run(kept), kept);
        }
    }

    #[test]
    fn everyday_braces_stay() {
        for input in [
            "# Title {#intro}\n",
            "## Title {#intro .wide}\n",
            "Title {#intro}\n---\n",
            "Note.\n{: .notice}\n",
            "![a](a.png){: width=\"300\" title=\"A\"}\n",
            "{{< youtube abc >}}\n\n{% include note.html text=\"x\" %}\n",
            "{{ .Title }} and {{onclick=x}} and {{< note >}}\n",
            "{% include note.html text=\"x\" %}\n",
            "`{onclick=x}` and\n\n    {onclick=x}\n\n```\n{onclick=x}\n```\n",
            "```js {.numberLines .wide}\n{onclick=x}\n```\n",
            "<b title=\"{onclick=x}\">b</b>\n",
        ] {
            assert_eq!(run(input), input);
        }
    }
}
