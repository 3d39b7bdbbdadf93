//! Where a post's front matter starts and ends, read so that every common reader of the
//! cleaned post cuts it at the same place.
//!
//! The front matter is data and keeps its bytes; only the body is cleaned. Should a site
//! generator end the front matter earlier than the cleaner did, the rest of the front matter
//! would be rendered as Markdown, raw HTML included; should it end it later, its body would
//! start inside the cleaned one (in the middle of a fenced code block, whose content a
//! renderer passes through). The readers differ:
//!
//! | reader | opening | closing |
//! |---|---|---|
//! | Hugo (`pageparser`) | `---`/`+++` after any leading white space (byte order marks among it), whatever follows on its line | the first line (after `\n` or `\r`) that *starts with* the fence; the rest of that line is body |
//! | gray-matter (Eleventy, Gatsby, Astro…) | `---` at the very start, not `----` (the rest of the line names a language) | the first `\n---`, whatever follows it |
//! | Jekyll | `---` alone on the first line | the first line that is `---` or `...` alone |
//! | Hexo (`hexo-front-matter`) | three or more `-` (or `;`, JSON) then a line break, else none: the whole post is body; with no opening fence (the text not starting with `---`), what comes before the first line of three or more `-` | the first line that starts with the opening run |
//!
//! So the cleaner reads the opening as Hugo does, and ends the front matter where the first
//! of them would: the first line (after `\n` or a lone `\r`) that starts with the fence, or
//! (YAML) a line `...`. When that closing line is not one that all of them read alike (a
//! plain fence after `\n`, then only spaces or tabs), the cleaned post writes it as the plain
//! fence on a line of its own, with what followed the fence on that line starting the body.
//! White space before the opening fence (which Hugo skips and gray-matter does not: it then
//! renders the whole post as Markdown), and an opening line with more than the fence (Hexo
//! then renders the whole post), stay only when the whole cleaned post is safe as Markdown;
//! else the opening fence is written alone on the first line. A post where the cleaner
//! reads no front matter but Hugo (JSON, Org, a comment) or Hexo (no opening fence, `----`,
//! `;;;`) would, and would render a part the cleaner saw in another context, is written so
//! that they read none (`Cleaner::clean_post`). Left: Hexo renders a front matter that is no
//! YAML map (a scalar, only comments) as Markdown.

use std::borrow::Cow;

/// Where the front matter of a post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fences {
    /// The end of the byte order mark (0 without one).
    pub bom: usize,
    /// The start of the opening fence.
    pub open: usize,
    /// The start of the closing line's marker (`---`, `+++` or `...`).
    pub close: usize,
    /// The start of the body.
    pub body: usize,
    /// The fence (`---` or `+++`).
    fence: &'static str,
    /// Whether the closing line reads alike to every reader: the fence right after `\n`,
    /// then only spaces or tabs up to `\n`, `\r\n` or the end.
    plain_close: bool,
    /// The line break written after a closing fence that is not written as it was.
    eol: &'static str,
    /// Whether the opening line is the fence alone, then `\n` or `\r\n` (Hexo reads no front
    /// matter otherwise, and renders the whole post).
    pub plain_open: bool,
    /// The end of the opening line, and the start of the next.
    open_end: usize,
    open_next: usize,
}

impl Fences {
    /// The front matter as the cleaned post writes it: as it was when every reader reads its
    /// fences alike; else the BOM, the white space before the opening fence when `lead`
    /// (gray-matter and Jekyll then read no front matter), the opening fence, and the
    /// closing fence alone on a line after a line break every reader sees.
    ///
    /// Without `lead`, an opening line with more than the fence is written as the fence
    /// alone, what followed it (unless blank) starting the next line.
    pub fn front_matter<'a>(&self, text: &'a str, lead: bool) -> Cow<'a, str> {
        if self.plain_close && (lead || (self.open == self.bom && self.plain_open)) {
            return Cow::Borrowed(&text[..self.body]);
        }
        let mut out = String::with_capacity(self.body + 8);
        out.push_str(&text[..self.bom]);
        let start = if lead || self.plain_open {
            if lead {
                self.bom
            } else {
                self.open
            }
        } else {
            out.push_str(self.fence);
            out.push_str(if text[..self.open_next].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            });
            let rest = &text[self.open + 3..self.open_end];
            if rest.trim_matches([' ', '\t']).is_empty() {
                self.open_next
            } else {
                self.open + 3
            }
        };
        let inside = &text[start.min(self.close)..self.close];
        out.push_str(inside);
        if inside.ends_with('\r') {
            out.push('\n');
        }
        if self.plain_close {
            out.push_str(&text[self.close..self.body]);
        } else {
            out.push_str(self.fence);
            out.push_str(self.eol);
        }
        Cow::Owned(out)
    }
}

/// The fences of `text`, or `None` when it has no front matter (no opening fence, or none
/// that closes).
pub(crate) fn find(text: &str) -> Option<Fences> {
    let bytes = text.as_bytes();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let open = lead_end(bytes, bom);
    let fence = match bytes.get(open..open + 3) {
        Some(b"---") => "---",
        Some(b"+++") => "+++",
        _ => return None,
    };
    // `----` opens nothing (gray-matter; a thematic break).
    if bytes.get(open + 3) == Some(&fence.as_bytes()[0]) {
        return None;
    }
    let open_end = memchr::memchr2(b'\n', b'\r', &bytes[open..]).map_or(bytes.len(), |i| open + i);
    // From the line after the opening one, each line (its start follows `\n`, `\r\n` or a
    // lone `\r`) up to the first that starts with the fence, or is `...` (YAML).
    let mut close = next_line(bytes, open)?;
    let open_next = close;
    let plain_open = open_end == open + 3
        && (bytes[open_end] == b'\n' || bytes.get(open_end + 1) == Some(&b'\n'));
    loop {
        let line = &bytes[close..];
        if line.starts_with(fence.as_bytes()) || (fence == "---" && is_dots_line(line)) {
            break;
        }
        close = next_line(bytes, close)?;
    }
    let line_end =
        memchr::memchr2(b'\n', b'\r', &bytes[close..]).map_or(bytes.len(), |i| close + i);
    let blank_rest = bytes[close + 3..line_end]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t'));
    let (after, break_is) = match bytes.get(line_end) {
        Some(b'\r') if bytes.get(line_end + 1) == Some(&b'\n') => (line_end + 2, "\r\n"),
        Some(b'\r') => (line_end + 1, "\r"),
        Some(_) => (line_end + 1, "\n"),
        None => (line_end, ""),
    };
    let plain_close = bytes[close..].starts_with(fence.as_bytes())
        && bytes[close - 1] == b'\n'
        && blank_rest
        && break_is != "\r";
    // What follows the fence on its line, unless blank, is the body's first line.
    let body = if blank_rest { after } else { close + 3 };
    let eol = match break_is {
        "\r\n" => "\r\n",
        _ if body == bytes.len() => "",
        _ => "\n",
    };
    Some(Fences {
        bom,
        open,
        close,
        body,
        fence,
        plain_close,
        eol,
        plain_open,
        open_end,
        open_next,
    })
}
/// The end of the white space from `pos` that Hugo skips before front matter: spaces, tabs,
/// line breaks, and byte order marks among them.
fn lead_end(bytes: &[u8], mut pos: usize) -> usize {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    loop {
        match bytes.get(pos) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => pos += 1,
            Some(_) if bytes[pos..].starts_with(BOM) => pos += BOM.len(),
            _ => return pos,
        }
    }
}

/// The start of the line after the one `pos` is in (after `\n`, `\r\n` or a lone `\r`).
fn next_line(bytes: &[u8], pos: usize) -> Option<usize> {
    let i = pos + memchr::memchr2(b'\n', b'\r', &bytes[pos..])?;
    let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    };
    (next < bytes.len()).then_some(next)
}

/// A line `...` (YAML's end of document), with only spaces or tabs after it.
fn is_dots_line(line: &[u8]) -> bool {
    let end = memchr::memchr2(b'\n', b'\r', line).unwrap_or(line.len());
    line.starts_with(b"...") && line[3..end].iter().all(|b| matches!(b, b' ' | b'\t'))
}

/// What only Hugo reads as front matter at the start of a post (after a BOM and white
/// space): a JSON object (`{`, up to the matching `}`), Org keywords (lines starting with
/// `#+`), or a first line that opens an HTML comment (`<!--`: Hugo then skips up to the next
/// `-->`, reading any front matter on the way). gray-matter and Jekyll read none of them, so
/// the cleaner cleans them as body; but Hugo renders only what follows, and a part of the
/// body the cleaner saw inside a code block or a code span (`{"a":` then a blank line and
/// `    1}<img …>`) can come out of it there.
#[cfg(feature = "posts")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HugoOnly {
    /// Where the opener is (`{`, the `#` of `#+`, the `<` of `<!--`).
    pub at: usize,
    /// Whether a character reference can stand for its first character: `{` or `#` on a
    /// line indented by less than four columns (not in an indented code block).
    pub escapable: bool,
}

/// The front matter only Hugo reads at the start of `text`, if any.
#[cfg(feature = "posts")]
pub(crate) fn hugo_only(text: &str) -> Option<HugoOnly> {
    let bytes = text.as_bytes();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let at = lead_end(bytes, start);
    let rest = &bytes[at..];
    let brace = rest.starts_with(b"{") || rest.starts_with(b"#+");
    if !brace && !rest.starts_with(b"<!--") {
        return None;
    }
    let line = bytes[..at]
        .iter()
        .rposition(|b| matches!(b, b'\n' | b'\r'))
        .map_or(start, |i| i + 1);
    // A byte order mark there is a character of the line for a Markdown renderer.
    let columns = text[line..at].chars().fold(0, |col, c| match c {
        '\t' => col / 4 * 4 + 4,
        ' ' => col + 1,
        _ => 4,
    });
    Some(HugoOnly {
        at,
        escapable: brace && columns < 4,
    })
}

/// The body Hexo renders when it finds front matter where the cleaner finds none
/// (`hexo-front-matter`): opened by three or more `-` or `;` (`----`, `;;;` JSON) and closed
/// by a line starting with the same run; or, when the text does not start with `---` or
/// `;;;`, with no opening fence: everything before the first line that starts with three `-`
/// or `;`. Hexo takes it only when it reads as a YAML map (JSON), which is not checked here:
/// the body returned is the one Hexo may render.
#[cfg(feature = "posts")]
pub(crate) fn hexo_body(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let run = |at: usize| -> Option<&[u8]> {
        let c = *bytes.get(at).filter(|c| matches!(c, b'-' | b';'))?;
        let n = bytes[at..].iter().take_while(|b| **b == c).count();
        (n >= 3).then(|| &bytes[at..at + n])
    };
    let after_break = |at: usize| -> usize {
        let at = at + usize::from(bytes.get(at) == Some(&b'\r'));
        at + usize::from(bytes.get(at) == Some(&b'\n'))
    };
    // The first line after `from` (at least one character on) that starts with `sep` (any
    // run when `None`): the body after that run and its line break.
    let closing = |from: usize, sep: Option<&[u8]>| -> Option<usize> {
        let mut at = from + 1;
        while let Some(i) = memchr::memchr(b'\n', bytes.get(at..)?) {
            let line = at + i + 1;
            let ok = match sep {
                Some(sep) => bytes[line..].starts_with(sep),
                None => run(line).is_some(),
            };
            if ok {
                let len = sep.map_or_else(|| run(line).map_or(0, <[u8]>::len), <[u8]>::len);
                return Some(after_break(line + len));
            }
            at = line;
        }
        None
    };
    if let Some(sep) = run(0) {
        let open = after_break(sep.len());
        if open > sep.len() && bytes[open - 1] == b'\n' && open < bytes.len() {
            if let Some(body) = closing(open, Some(sep)) {
                return Some(&text[body..]);
            }
        }
        if bytes.starts_with(b"---") || bytes.starts_with(b";;;") {
            return None;
        }
    }
    closing(0, None).map(|body| &text[body..])
}
