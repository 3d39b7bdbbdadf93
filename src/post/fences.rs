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
//! that they read none (`Cleaner::clean_post`), and so is one that Hugo alone reads as
//! opened (`----x: 1`, see [`hugo_run`]) when what it would render is not safe. Hexo renders
//! the whole post, front matter included, when the front matter is no YAML map: see `hexo`.

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
    /// Whether the front matter is TOML (`+++`).
    #[cfg(feature = "posts")]
    pub fn is_toml(&self) -> bool {
        self.fence == "+++"
    }

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

/// A start that only Hugo reads as an opening fence: `---` or `+++` followed by the same
/// character (`----x: 1`, `-----`), which gray-matter, Jekyll, Hexo and [`find`] read as no
/// front matter. Hugo reads front matter from the fourth character on, up to the first line
/// (after `\n` or `\r`) that starts with the fence, and renders what follows (as its
/// `lexFrontMatterSection` does for any line that starts with the fence).
///
/// Returns where Hugo's body starts (after the closing fence, one `\r` and one `\n`).
#[cfg(feature = "posts")]
pub(crate) fn hugo_run(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let at = lead_end(bytes, start);
    let c = *bytes.get(at).filter(|c| matches!(c, b'-' | b'+'))?;
    if bytes.get(at..at + 4) != Some(&[c; 4]) {
        return None;
    }
    let fence = &bytes[at..at + 3];
    let mut pos = at + 3;
    let close = loop {
        let i = pos + memchr::memchr2(b'\n', b'\r', &bytes[pos..])?;
        if bytes[i + 1..].starts_with(fence) {
            break i + 1;
        }
        pos = i + 1;
    };
    let mut body = close + 3;
    body += usize::from(bytes.get(body) == Some(&b'\r'));
    body += usize::from(bytes.get(body) == Some(&b'\n'));
    Some(body)
}
