//! How Hexo reads a post (`hexo-front-matter` 4, Hexo 8's; version 5 reads alike): what of
//! the cleaned post it renders, so that it renders nothing the cleaner did not clean in the
//! same place.
//!
//! Hexo (`hexo-fs` first strips a BOM and makes `\r\n` `\n`) splits a post with two regular
//! expressions, then keeps the front matter only when it parses to an object:
//!
//! 1. `^(-{3,}|;{3,})\n([\s\S]+?)\n\1\n?([\s\S]*)`: a run of three or more `-` (YAML) or `;`
//!    (JSON) alone on the first line, the data (at least one character), and the first line
//!    that starts with the same run; the content is what follows that run (and one `\n`).
//! 2. Else, when the text starts with such a run, there is no front matter.
//! 3. Else `^([\s\S]+?)\n(-{3,}|;{3,})\n?([\s\S]*)`: front matter with no opening fence, the
//!    data being everything before the first line that starts with a run.
//!
//! YAML data is read by js-yaml (`yaml` in version 5), after each tab that starts a line is
//! made two spaces; JSON data as `{data}`. When the result is not an object (a string, a
//! number, `null` for data that is only comments or blank: `typeof result !== 'object'`,
//! `!data`), Hexo renders the **whole text** as the body, front matter and fences included;
//! when the YAML does not parse, the build stops on that post. An object is a map, a list, or
//! (js-yaml) a date.
//!
//! The cleaner does not run JavaScript: a YAML text is taken for an object only when
//! yaml-rust2's parser starts its first document with a mapping or a sequence, which every
//! YAML parser decides from the same first tokens (`key:`, `? `, `- `, `{`, `[`), and reads
//! the rest without an error; anything else (a scalar, which js-yaml may still read as a
//! date, an alias, nothing, an error) may be either, and both what follows the front matter
//! and the whole text are checked. The parser's events are read, never a document built (no
//! alias is expanded), so this is linear.

use std::borrow::Cow;
use yaml_rust2::parser::{Event, Parser};

/// What Hexo may render of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Where the content after the front matter starts, when Hexo reads front matter that may
    /// be an object (Hexo then renders from there).
    pub content: Option<usize>,
    /// Whether Hexo may render the whole text (no front matter, or one that may be no
    /// object). The whole text starts after the BOM.
    pub whole: bool,
}

/// How Hexo reads `text` (offsets into `text`).
pub(crate) fn reading(text: &str) -> Reading {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let Some(split) = split(&text[bom..]) else {
        return Reading {
            content: None,
            whole: true,
        };
    };
    let data = &text[bom + split.data.0..bom + split.data.1];
    let object = if split.json {
        // `JSON.parse` and serde_json agree on what an object is; where serde_json refuses
        // (a lone surrogate escape), it may still be one.
        match serde_json::from_str::<serde_json::Value>(&format!("{{{data}}}")) {
            Ok(_) => Maybe::Yes,
            Err(_) => Maybe::Unknown,
        }
    } else {
        yaml_object(data)
    };
    Reading {
        content: (object != Maybe::No).then_some(bom + split.content),
        whole: object != Maybe::Yes,
    }
}

/// Whether the YAML front matter Hexo reads in `text` (with an opening fence or without)
/// parses, as far as yaml-rust2 reads it (its events to the end, no alias expanded); `true`
/// when Hexo reads none or reads JSON.
pub(crate) fn front_matter_parses(text: &str) -> bool {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(split) = split(t).filter(|s| !s.json) else {
        return true;
    };
    let data = as_hexo_reads(&t[split.data.0..split.data.1]);
    parses_to_the_end(&mut Parser::new_from_str(&data))
}

/// Whether some data is an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Maybe {
    Yes,
    No,
    Unknown,
}

/// Where Hexo splits a text (without BOM): the data and the start of the content.
struct Split {
    data: (usize, usize),
    content: usize,
    json: bool,
}

/// Hexo's split of `t` (see the module docs); `\r\n` counts as `\n`.
fn split(t: &str) -> Option<Split> {
    let bytes = t.as_bytes();
    // A run of three or more `-` or `;` at `at`: its length.
    let run = |at: usize| -> Option<usize> {
        let c = *bytes.get(at).filter(|c| matches!(c, b'-' | b';'))?;
        let n = bytes[at..].iter().take_while(|b| **b == c).count();
        (n >= 3).then_some(n)
    };
    // A line break at `at` (`\n` or `\r\n`): where the next line starts.
    let newline = |at: usize| -> Option<usize> {
        match bytes.get(at)? {
            b'\n' => Some(at + 1),
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => Some(at + 2),
            _ => None,
        }
    };
    // The end of the content's optional `\n` after a closing run ending at `at`.
    let after = |at: usize| newline(at).unwrap_or(at);
    // The data's end (before `\n` or `\r\n`, at least one character after `from`) and the
    // end of the closing run: the first line that starts with `sep` (any run when `None`).
    let closing = |from: usize, sep: Option<&[u8]>| -> Option<(usize, usize)> {
        let mut at = from;
        while let Some(i) = memchr::memchr(b'\n', bytes.get(at..)?) {
            let brk = at + i;
            let line = brk + 1;
            let len = match sep {
                Some(sep) => bytes[line..].starts_with(sep).then_some(sep.len()),
                None => run(line),
            };
            let end = if brk > from && bytes[brk - 1] == b'\r' {
                brk - 1
            } else {
                brk
            };
            if let Some(len) = len.filter(|_| end > from) {
                return Some((end, line + len));
            }
            at = line;
        }
        None
    };
    if let Some(n) = run(0) {
        let json = bytes[0] == b';';
        if let Some(open) = newline(n) {
            if let Some((end, close)) = closing(open, Some(&bytes[..n])) {
                return Some(Split {
                    data: (open, end),
                    content: after(close),
                    json,
                });
            }
        }
        return None;
    }
    let (end, close) = closing(0, None)?;
    Some(Split {
        data: (0, end),
        content: after(close),
        json: bytes[close - 1] == b';',
    })
}

/// Whether YAML `data` is an object for Hexo (see the module docs).
fn yaml_object(data: &str) -> Maybe {
    // Hexo makes `\r\n` `\n`, and the tabs that start a line two spaces each.
    let data = as_hexo_reads(data);
    let data: Cow<'_, str> = if data.contains("\n\t") {
        let mut out = String::with_capacity(data.len() + 16);
        let mut lines = data.split('\n');
        out.push_str(lines.next().unwrap_or_default());
        for line in lines {
            out.push('\n');
            let tabs = line.bytes().take_while(|b| *b == b'\t').count();
            out.extend(std::iter::repeat_n("  ", tabs));
            out.push_str(&line[tabs..]);
        }
        Cow::Owned(out)
    } else {
        data
    };
    // A document marker line (`...` that ends the first document, which `yaml` then reads
    // as `null`, or `---`): more than one document, which yaml-rust2 reads otherwise.
    if data
        .split('\n')
        .any(|line| line.starts_with("...") || line.starts_with("---"))
    {
        return Maybe::Unknown;
    }
    let mut parser = Parser::new_from_str(&data);
    loop {
        match parser.next_token() {
            Ok((Event::StreamStart | Event::DocumentStart, _)) => {}
            // An object only when the whole text parses too: where it does not (`[a [x](…)`
            // opens a list it never closes), what a reader makes of it is nobody's guess.
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), _)) => {
                return if parses_to_the_end(&mut parser) {
                    Maybe::Yes
                } else {
                    Maybe::Unknown
                };
            }
            // An empty document, only comments: `null`.
            Ok((Event::StreamEnd | Event::DocumentEnd, _)) => return Maybe::No,
            // A scalar (js-yaml reads some as dates, objects), an alias, an error.
            _ => return Maybe::Unknown,
        }
    }
}

/// Whether the rest of `parser`'s events come without an error (aliases are events, never
/// expanded: linear).
fn parses_to_the_end(parser: &mut Parser<std::str::Chars<'_>>) -> bool {
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// `text` as Hexo reads it: `\r\n` made `\n` (by `hexo-fs`), which joins a lone `\r` and the
/// `\r\n` after it into one line break.
pub(crate) fn as_hexo_reads(text: &str) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_some() {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::{reading, Reading};

    fn read(text: &str) -> (Option<&str>, bool) {
        let Reading { content, whole } = reading(text);
        (content.map(|c| &text[c..]), whole)
    }

    #[test]
    fn maps_and_lists_hide_the_front_matter() {
        assert_eq!(read("---\ntitle: x\n---\nBody\n"), (Some("Body\n"), false));
        assert_eq!(read("---\r\n- a\r\n---\r\nBody"), (Some("Body"), false));
        assert_eq!(read("\u{feff}---\na: 1\n----\nB"), (Some("-\nB"), false));
        assert_eq!(read(";;;\n\"a\": 1\n;;;\nB"), (Some("B"), false));
        // No opening fence: what comes before the first line of dashes.
        assert_eq!(read("a: 1\n-----\nB"), (Some("B"), false));
        // Tabs that start a line are spaces to Hexo.
        assert_eq!(read("---\n# c\n\ta: 1\n---\nB"), (Some("B"), false));
    }

    #[test]
    fn anything_else_may_render_the_whole_text() {
        assert_eq!(read("---\n<img src=x>\n---\nB"), (Some("B"), true));
        assert_eq!(read("---\n# only a comment\n---\nB"), (None, true));
        assert_eq!(read("---\n\n---\nB"), (None, true));
        assert_eq!(read("---\n'quoted'\n---\nB"), (Some("B"), true));
        // A map or a list that does not parse to its end: read either way (Hexo's build
        // stops on it; a reader that goes on may render it).
        assert_eq!(read("---\na: [\n---\nB"), (Some("B"), true));
        assert_eq!(
            read("---\n[a [x](javascript:alert(1))\n---\nB"),
            (Some("B"), true)
        );
        assert_eq!(read("---\n[a, b]\n---\nB"), (Some("B"), false));
        assert_eq!(read("---\n'a': x\n---\nB"), (Some("B"), false));
        assert_eq!(read(";;;\nnot json\n;;;\nB"), (Some("B"), true));
        // An opening line with more than the fence, or none that closes: no front matter.
        assert_eq!(read("--- \na: 1\n---\nB"), (None, true));
        assert_eq!(read("---\na: 1\n"), (None, true));
        assert_eq!(read("Hello\n"), (None, true));
        // An empty front matter: the data runs on to the next line of dashes.
        assert_eq!(read("---\n---\nB\n---\nC"), (Some("C"), true));
        // A document marker in the data: several documents, read either way.
        assert_eq!(read("---\n---\na: 1\n---\nC"), (Some("C"), true));
    }
}
