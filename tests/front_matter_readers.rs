//! The front matter of a cleaned post is not cleaned (it is data), so every common reader
//! must cut the cleaned post where the cleaner did: a reader that ends the front matter
//! earlier renders the rest of it as Markdown, raw HTML included, and one that ends it later
//! starts the body inside the cleaned one (inside a fenced code block, whose content a
//! renderer passes through as it is). Each cleaned post is cut here as Hugo, gray-matter and
//! Jekyll cut it (re-implemented from their documented behaviour and source), and the body
//! each of them gets is rendered by pulldown-cmark with raw HTML on and checked by
//! `common::safety`.
#![cfg(feature = "posts")] // Markdown posts

mod common;

use articlean::{BodyKind, Cleaner, Post};
use common::markdown::{
    definitions_refused, links_refused, render, renderer_options, unsafe_in_rendering,
};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// Hugo's `pageparser`: after a BOM and any white space, `---` or `+++` opens (whatever
/// follows on the line belongs to the front matter); the first line (after `\r` or `\n`)
/// that starts with the fence closes, and after it one `\r` and one `\n` are skipped.
///
/// Before that, Hugo's intro lexer (`pagelexer_intro.go`) also reads JSON front matter (a
/// `{` first: up to the matching `}`, braces inside `"` quotes not counted, `\\` skipping
/// the next character, then one `\r` and one `\n`), Org front matter (`#+` first: every line
/// up to the first that does not start with `#+`), and a first line that opens an HTML comment
/// (`<!--`: the line is skipped, front matter may follow, and the body starts after the first
/// `-->` from there).
fn hugo(text: &str) -> Option<&str> {
    hugo_from(text.strip_prefix('\u{feff}').unwrap_or(text), false)
}

fn hugo_from(t: &str, in_comment: bool) -> Option<&str> {
    let t = t.trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}']);
    // The body after the front matter, past the comment's end when one was opened.
    let end_comment = |body: &'_ str| -> Option<usize> {
        if in_comment {
            body.find("-->").map(|i| i + 3)
        } else {
            Some(0)
        }
    };
    if t.starts_with("<!--") {
        let line = t.find(['\r', '\n']).map_or(t.len(), |i| i + 1);
        return hugo_from(&t[line..], true);
    }
    if t.starts_with('{') {
        let b = t.as_bytes();
        let (mut i, mut level, mut quote) = (0, 0i64, false);
        loop {
            match *b.get(i)? {
                b'{' if !quote => level += 1,
                b'}' if !quote => level -= 1,
                b'"' => quote = !quote,
                b'\\' => i += 1,
                _ => {}
            }
            i += 1;
            if level == 0 {
                break;
            }
        }
        let i = i.min(b.len());
        let i = i + usize::from(b.get(i) == Some(&b'\r'));
        let i = i + usize::from(b.get(i) == Some(&b'\n'));
        let body = &t[i..];
        return Some(&body[end_comment(body)?..]);
    }
    if t.starts_with("#+") {
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            i += 1;
            if b[i - 1] == b'\n' && !t[i..].starts_with("#+") {
                break;
            }
        }
        let body = &t[i..];
        return Some(&body[end_comment(body)?..]);
    }
    if in_comment && !t.starts_with(['-', '+']) {
        // Not front matter: the body starts after the comment's end (the first character
        // read is skipped before looking for it).
        let first = t.chars().next().map_or(0, char::len_utf8);
        return Some(&t[first + end_comment(&t[first..])?..]);
    }
    let body = hugo_fences(t)?;
    Some(&body[end_comment(body)?..])
}

/// Hugo's YAML and TOML front matter, `t` starting at the opening fence.
fn hugo_fences(t: &str) -> Option<&str> {
    let fence = ["---", "+++"].into_iter().find(|f| t.starts_with(f))?;
    let b = t.as_bytes();
    // `----` then white space: the front matter starts with `-` alone, a YAML sequence (or
    // `+`, not TOML), which Hugo refuses (front matter is a map): nothing is rendered.
    if b.get(3) == Some(&b[0]) && b.get(4).is_none_or(|c| c.is_ascii_whitespace()) {
        return None;
    }
    let mut i = 3;
    let crlf = |i: &mut usize| {
        let start = *i;
        if b.get(*i) == Some(&b'\r') {
            *i += 1;
        }
        if b.get(*i) == Some(&b'\n') {
            *i += 1;
        }
        *i > start
    };
    let mut was_eol = crlf(&mut i);
    loop {
        if !was_eol {
            let c = *b.get(i)?; // EOF: an error, nothing rendered
            i += 1;
            if !matches!(c, b'\r' | b'\n') {
                continue;
            }
        }
        if t[i..].starts_with(fence) {
            i += 3;
            crlf(&mut i);
            return Some(&t[i..]);
        }
        was_eol = false;
    }
}

/// gray-matter (default delimiters): `---` first (after a BOM), not `----`; the first
/// `\n---` closes, then one `\r` and one `\n` are skipped. Without an opening, the whole
/// text is the content; without a closing, the content is empty.
fn gray_matter(text: &str) -> Option<&str> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !t.starts_with("---") || t[3..].starts_with('-') {
        return Some(t);
    }
    let rest = &t[3..];
    let close = rest.find("\n---")?;
    let content = &rest[close + 4..];
    let content = content.strip_prefix('\r').unwrap_or(content);
    Some(content.strip_prefix('\n').unwrap_or(content))
}

/// Jekyll: `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)` (Ruby, multi-line): `---` alone on the
/// first line, closed by the first line that is `---` or `...` alone (`\s` is ASCII white
/// space). Without it, the file is copied as it is, not rendered.
fn jekyll(text: &str) -> Option<&str> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let b = t.as_bytes();
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c');
    if !t.starts_with("---") {
        return None;
    }
    // `---\s*\n`: the white space run after the fence, up to its last `\n`.
    let run = b[3..].iter().take_while(|c| ws(**c)).count();
    let last_nl = b[3..3 + run].iter().rposition(|c| *c == b'\n')?;
    let mut p = 3 + last_nl + 1;
    loop {
        // `^`: `p` is the start of the text after the opening, or follows a `\n`.
        let line = &t[p..];
        if line.starts_with("---") || line.starts_with("...") {
            // `\s*$\n?`: the longest white space run that ends at a line end.
            let q = p + 3;
            let run = b[q..].iter().take_while(|c| ws(**c)).count();
            let ends = (q..=q + run).rev().find(|&r| r == b.len() || b[r] == b'\n');
            if let Some(r) = ends {
                let after = if r < b.len() { r + 1 } else { r };
                return Some(&t[after..]);
            }
        }
        let next = b[p..].iter().position(|c| *c == b'\n')?;
        p += next + 1;
    }
}

/// Hexo (`hexo-front-matter` 4, after `hexo-fs` strips the BOM and makes `\r\n` `\n`):
/// `^(-{3,}|;{3,})\r?\n([\s\S]+?)\r?\n\1\r?\n?([\s\S]*)` first; else, when the text does not
/// start with `---` or `;;;`, `^([\s\S]+?)\r?\n(-{3,}|;{3,})\r?\n?([\s\S]*)` (front matter with
/// no opening fence). The front matter read must be a YAML map or list (JSON after `;;;`):
/// else the whole text is the body, front matter included; YAML that does not parse stops the
/// build (nothing). Each text Hexo may render is returned.
fn hexo(text: &str) -> Vec<String> {
    let t = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let run = |s: &str| {
        let c = s.chars().next().filter(|c| matches!(c, '-' | ';'))?;
        let n = s.chars().take_while(|x| *x == c).count();
        (n >= 3).then(|| s[..n].to_string())
    };
    let opened = run(&t);
    let split = if let Some(sep) = opened.as_ref().filter(|_| t[3..].contains('\n')) {
        // `\1\n` then data (at least one character) up to the first `\n` + the same run.
        let after = t[sep.len()..].strip_prefix('\n');
        after.and_then(|rest| {
            let close = rest.get(1..)?.find(&format!("\n{sep}"))? + 1;
            let content = &rest[close + 1 + sep.len()..];
            Some((
                sep.clone(),
                rest[..close].to_string(),
                content.strip_prefix('\n').unwrap_or(content).to_string(),
            ))
        })
    } else {
        None
    };
    let split = match split {
        Some(s) => Some(s),
        None if t.starts_with("---") || t.starts_with(";;;") => None,
        None => {
            // The first line (after at least one character) that starts with a run.
            let mut found = None;
            for (i, _) in t.match_indices('\n').filter(|(i, _)| *i > 0) {
                if let Some(sep) = run(&t[i + 1..]) {
                    let content = &t[i + 1 + sep.len()..];
                    let content = content.strip_prefix('\n').unwrap_or(content);
                    found = Some((sep, t[..i].to_string(), content.to_string()));
                    break;
                }
            }
            found
        }
    };
    let Some((sep, data, content)) = split else {
        return vec![t];
    };
    if sep.starts_with(';') {
        let object = serde_json::from_str::<serde_json::Value>(&format!("{{{data}}}")).is_ok();
        return vec![if object { content } else { t }];
    }
    // Each tab that starts a line is two spaces to Hexo.
    let mut yaml = String::new();
    for (i, line) in data.split('\n').enumerate() {
        if i > 0 {
            yaml.push('\n');
        }
        let tabs = line.bytes().take_while(|b| *b == b'\t').count();
        yaml.push_str(&"  ".repeat(tabs));
        yaml.push_str(&line[tabs..]);
    }
    let Ok(docs) = yaml_rust2::YamlLoader::load_from_str(&yaml) else {
        return Vec::new(); // the build stops
    };
    match docs.as_slice() {
        [yaml_rust2::Yaml::Hash(_) | yaml_rust2::Yaml::Array(_)] => vec![content],
        [] | [yaml_rust2::Yaml::Null] => vec![t],
        // A scalar (js-yaml reads a timestamp as a date, an object), several documents
        // (js-yaml stops, `yaml` reads the first): either.
        _ => vec![t, content],
    }
}

/// Every unsafe thing any reader's body renders to, and how the readers cut the post.
fn problems(cleaner: &Cleaner, post: &str) -> Vec<String> {
    problems_of(cleaner, post, |text| cleaner.clean_post(text).into_html())
}

/// [`problems`] of `clean` (`clean_post`, or `clean_post_as` a known kind).
fn problems_of(cleaner: &Cleaner, post: &str, clean: impl Fn(&str) -> String) -> Vec<String> {
    let _ = cleaner;
    let once = clean(post);
    let mut found = Vec::new();
    let toml = once
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with("+++");
    let hexo = if toml { Vec::new() } else { hexo(&once) };
    let mut readers: Vec<(&str, Option<&str>)> = vec![
        ("hugo", hugo(&once)),
        // gray-matter reads `---` only by default (TOML needs its own delimiters).
        ("gray-matter", if toml { None } else { gray_matter(&once) }),
        ("jekyll", jekyll(&once)),
    ];
    // Hexo does not read TOML.
    readers.extend(hexo.iter().map(|body| ("hexo", Some(body.as_str()))));
    for (reader, body) in readers {
        let Some(body) = body else { continue };
        // Also as a renderer reads it that refuses every link, or every definition, and
        // writes their Markdown as text (markdown-it, commonmark.js).
        let refused = links_refused(body);
        let defs_refused = definitions_refused(body);
        for (name, options) in renderer_options() {
            for (reading, text) in [
                ("", body),
                (", links refused", refused.as_str()),
                (", definitions refused", defs_refused.as_str()),
            ] {
                for v in unsafe_in_rendering(&render(text, options)) {
                    found.push(format!(
                        "[{reader}, {name}{reading}] {v}\n    body: {text:?}"
                    ));
                }
            }
        }
    }
    let twice = clean(&once);
    if twice != once {
        found.push(format!("not idempotent: cleaned again gives {twice:?}"));
    }
    if !found.is_empty() {
        found.insert(0, format!("cleaned: {once:?}"));
    }
    found
}

/// Front matter whose end some reader sees elsewhere than another: a line that starts with
/// the fence but is more than it, `...`, a lone `\r` before the fence, blank lines or spaces
/// before the opening fence, an opening fence with more on its line. Each hides raw HTML in
/// the front matter, or in a code block that a later cut would open.
const VECTORS: &[&str] = &[
    "---\ntitle: x\n----\n<img src=x onerror=alert(1)>\n---\nBody\n",
    "---\ntitle: x\n---<img src=x onerror=alert(1)>\n---\nBody\n",
    "---\ntitle: x\n--- <img src=x onerror=alert(1)>\n---\nBody\n",
    "---\ntitle: x\n...\n```\n---\n<img src=x onerror=alert(1)>\n```\n",
    "---\ntitle: x\n...   \r\n```\r\n---\r\n<img src=x onerror=alert(1)>\r\n```\r\n",
    "\n---\ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
    " \n\t\n---\ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
    "\u{feff}\n---\ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
    "---\ntitle: x\r---\r\n<img src=x onerror=alert(1)>\n---\nBody\n",
    "---\ntitle: x\r---\r<img src=x onerror=alert(1)>\r---\rBody\r",
    "--- {a: \"\n   ```\n \"}\n---\n<img src=x onerror=alert(1)>\n```\n",
    "--- # front matter\ndescription: |\n   ```\n---\n<img src=x onerror=alert(1)>\n```\n",
    "  ---\ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
    "+++\ntitle = 'x'\n+++<img src=x onerror=alert(1)>\n+++\nBody\n",
    "+++\ntitle = 'x'\n++++\n<img src=x onerror=alert(1)>\n+++\nBody\n",
    "---\r\ntitle: x\r\n---x\r\n<img src=x onerror=alert(1)>\r\n---\r\nBody\r\n",
    // What only Hugo reads as front matter: JSON, Org, a first line opening a comment, the
    // rest of the post hidden from the cleaner in an indented code block or a code span.
    "{\"a\":\n\n    1}<img src=x onerror=alert(1)>\n",
    "\n {\"a\": \"}\\\"\",\n\n    \"b\": 1}\r\n<img src=x onerror=alert(1)>\n",
    "    {\"a\":\n\n    1}<img src=x onerror=alert(1)>\n",
    "#+title: a `\n<img src=x onerror=alert(1)>`\n",
    "\t#+title: a\n#+b: `\r\n<img src=x onerror=alert(1)>`\n",
    "<!-- more -->\n```\n-->\n<img src=x onerror=alert(1)>\n```\n",
    "<!--\n#+a: `\n<img src=x onerror=alert(1)>`\n-->\n",
    "<!-- more -->\n<div><!-- more -->[a](javascript:alert(1))</div>\n",
    "<!-- more -->\n<p>a</p>\n\n```\n<!-- more -->\n<img src=x onerror=alert(1)>\n```\n",
    "\u{feff}<!-- more -->\n    -->\n<img src=x onerror=alert(1)>\n",
    // Hugo skips a byte order mark anywhere among the white space before the front matter.
    "\n\u{feff}---\n```\n---\n<img src=x onerror=alert(1)>\n```\n",
    "\u{feff}\u{feff}+++\n```\n+++\n<img src=x onerror=alert(1)>\n```\n",
    " \u{feff}{\"a\":\n\n    1}<img src=x onerror=alert(1)>\n",
    // Hexo: an opening line with more than the fence opens nothing (the whole post is body);
    // front matter that is no YAML map is body; front matter with no opening fence (what
    // comes before the first line of dashes) or opened by more dashes.
    "--- \ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
    "--- # c\ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
    "---\r\ntitle: <img src=x onerror=alert(1)>\r\n---\r\nBody\r\n",
    "~~~ a: b\n---\n<img src=x onerror=alert(1)>\n~~~\n",
    "----\n~~~ a: b\n----\n<img src=x onerror=alert(1)>\n~~~\n",
    ";;;\n\"a\": 1\n;;;\n<img src=x onerror=alert(1)>\n",
    "<p>a: b</p>\r\n<pre>\r\n---\r\n<!-- more -->\r\n</pre>\r\n<p>c</p>\r\n",
    "~~~ a: b\r\n---\r\n<img src=x onerror=alert(1)>\r\n~~~\r\n",
    // Hexo renders front matter that is no YAML map: a link there that another renderer
    // refuses (markdown-it: a `data:` URL but four raster types) is written out as text.
    "---\n![x](data:image/png,AA<script>alert(1)</script>)\n---\nBody\n",
    "---\n# ![x](data:image/png,AA \"<script>alert(1)</script>\")\n---\nBody\n",
    "---\n[u]: data:text/html,<script>alert(1)</script>\n---\nBody\n",
];

#[test]
fn every_reader_cuts_the_cleaned_post_where_the_cleaner_did() {
    let cleaner = Cleaner::default();
    let mut all = Vec::new();
    for post in VECTORS {
        let found = problems(&cleaner, post);
        if !found.is_empty() {
            all.push(format!("{post:?}\n  {}", found.join("\n  ")));
        }
        // A `.md` file cleaned as Markdown whatever it looks like.
        let found = problems_of(&cleaner, post, |text| {
            cleaner.clean_post_as(text, BodyKind::Markdown).into_html()
        });
        if !found.is_empty() {
            all.push(format!("as Markdown: {post:?}\n  {}", found.join("\n  ")));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n\n"));
}

/// Posts whose front matter is read alike by every reader keep every byte.
#[test]
fn plain_front_matter_keeps_every_byte() {
    let cleaner = Cleaner::default();
    for post in [
        "---\ntitle: x\n---\nBody\n",
        "---\r\ntitle: x\r\n---  \r\n\r\nBody\r\n",
        "\u{feff}+++\ntitle = 'x'\n+++\nBody\n",
        "---\ntitle: x\n---",
        "--- # comment\ntitle: x\n---\nBody\n",
    ] {
        assert_eq!(cleaner.clean_post(post).html(), post);
    }
    // A `...` closing line becomes the fence (which only Jekyll reads as a closing); blank
    // lines before the opening fence stay when the whole post is safe as Markdown (as
    // gray-matter and Jekyll read it then), and go when it is not.
    let cleaned = cleaner.clean_post("\n\n---\ntitle: x\n...\nBody\n");
    assert_eq!(cleaned.html(), "\n\n---\ntitle: x\n---\nBody\n");
    let cleaned = cleaner.clean_post("\n\n---\ntitle: <b onclick=x>B</b>\n---\nBody\n");
    assert_eq!(
        cleaned.html(),
        "---\ntitle: <b onclick=x>B</b>\n---\nBody\n"
    );
    // What followed a fence on its closing line starts the body.
    let cleaned = cleaner.clean_post("---\ntitle: x\n----\nBody\n");
    assert_eq!(cleaned.html(), "---\ntitle: x\n---\n-\nBody\n");
    let split = Post::split(cleaned.html());
    assert_eq!(split.body, "-\nBody\n");
}

/// Lines that look like fences, in any order, with any line break.
fn post() -> impl Strategy<Value = String> {
    let line = prop::sample::select(vec![
        "---",
        "----",
        "---x",
        "--- # c",
        "...",
        "+++",
        "+++x",
        "title: x",
        "a: |",
        "   ```",
        "```",
        "<img src=x onerror=alert(1)>",
        "",
        "  ",
        "Body",
        "{\"a\":",
        "    1}",
        "#+a: `",
        "<!-- more -->",
        "-->",
        // Front matter that is no YAML map (Hexo renders it with the body), or that is one
        // and holds raw HTML; Markdown that runs on past a closing line.
        "----x: 1",
        "-----",
        "# <img src=x onerror=alert(1)>",
        "'<b onclick=alert(1)>q</b>'",
        "See [a](javascript:alert(1))",
        "- <img src=x onerror=alert(1)>",
        "\ta: <b onclick=alert(1)>",
        "<div>",
        "`<img src=x onerror=alert(1)>`",
        "| a |",
        "<body onload=alert(1)>",
    ]);
    let brk = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    let start = prop::sample::select(vec!["", "\u{feff}", "\n", " ", "\u{feff}\n \n"]);
    (start, prop::collection::vec((line, brk), 1..10)).prop_map(|(start, lines)| {
        let mut out = String::from(start);
        for (line, brk) in lines {
            out.push_str(line);
            out.push_str(brk);
        }
        out
    })
}

#[test]
fn generated_fence_lines_are_cut_alike_by_every_reader() {
    let mut runner =
        common::props::runner(2048, TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]));
    let cleaner = Cleaner::default();
    let result = runner.run(&post(), |post| {
        let found = problems(&cleaner, &post);
        prop_assert!(found.is_empty(), "{post:?}\n  {}", found.join("\n  "));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// An opening line of four dashes and more (`----x: 1`) is no front matter for gray-matter,
/// Jekyll and Hexo, nor for the cleaner, but Hugo reads `-x: 1` as its first key; a code fence
/// opened on a later front-matter line hides the HTML after Hugo's closing from the cleaner.
/// The post is then written after an empty front matter, which every reader reads alike.
#[test]
fn four_dashes_and_a_key_open_front_matter_for_hugo() {
    let cleaner = Cleaner::default();
    for post in [
        "----x: 1\n   ~~~\n---\n<img src=x onerror=alert(1)>\n~~~\n",
        " -----\n```\n---\n<img src=x onerror=alert(1)>\n```\n",
        "++++x = 1\r\n```\r\n+++\r\n<img src=x onerror=alert(1)>\r\n```\r\n",
    ] {
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{}", found.join("\n  "));
        // Nothing of the post is lost: all of it follows the empty front matter (the image
        // is in a code block for every reader now).
        let once = cleaner.clean_post(post).into_html();
        let empty = if post.contains('\r') {
            "---\r\n{}\r\n---\r\n"
        } else {
            "---\n{}\n---\n"
        };
        assert_eq!(once, format!("{empty}{post}"));
    }
    // A post that starts so but is safe however it is cut keeps every byte.
    for post in [
        "----x: 1\n---\nBody <b>x</b>\n",
        "-----\n\nText\n\n---\n\nMore\n",
    ] {
        assert_eq!(cleaner.clean_post(post).html(), post);
    }
}

/// Hexo renders the whole post, front matter included, when its front matter is no YAML map
/// (a scalar, only comments, nothing), and the front matter is not cleaned: such a front
/// matter is cleaned as Markdown where it is (its raw HTML only: a scalar stays a scalar, a
/// comment a comment), or, when what it opens runs on into the body (a code fence, an HTML
/// block), the whole post is cleaned as Markdown and written after an empty front matter.
#[test]
fn hexo_renders_front_matter_that_is_no_map() {
    let cleaner = Cleaner::default();
    // Each post, and what its cleaned front matter (or the start of the post) must hold.
    for (post, kept) in [
        (
            "---\n<img src=x onerror=alert(1)>\n---\nBody\n",
            "---\n<img src=\"x\"",
        ),
        (
            "---\n# <img src=x onerror=alert(1)>\n---\nBody\n",
            "---\n# <img src=\"x\"",
        ),
        (
            "---\r\n'<b onclick=alert(1)>x</b>'\r\n---\r\nBody\r\n",
            "---\r\n'<b>x</b>'\r\n---",
        ),
        (
            "---\nSee [a](javascript:alert(1))\n---\nBody\n",
            "---\nSee [a](#)\n---",
        ),
        (
            "\u{feff}---\n# c\n\n<img src=x onerror=alert(1)>\n---\nBody\n",
            "\u{feff}---\n# c\n\n<img src=\"x\"",
        ),
        // What the front matter opens runs on into the body: all of it after `{}`.
        (
            "---\n```\n---\n```\n<img src=x onerror=alert(1)>\n",
            "---\n{}\n---\n---\n```\n---\n```\n<img src=\"x\"",
        ),
        (
            "---\n<div>\n---\n`<img src=x onerror=alert(1)>`\n",
            "---\n{}\n---\n---\n<div>\n---\n`<img src=\"x\"",
        ),
        // Cleaned where it is, the double-quoted scalar would end at `src="`: YAML Hexo
        // would stop on.
        (
            "---\n\"<img src=x onerror=alert(1)>\"\n---\nBody\n",
            "---\n{}\n---\n---\n\"<img src=\"x\"",
        ),
    ] {
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}: {}", found.join("\n  "));
        let once = cleaner.clean_post(post).into_html();
        for body in hexo(&once) {
            let found = unsafe_in_rendering(&render(&body, renderer_options()[0].1));
            assert!(found.is_empty(), "{post:?}: {found:?}");
        }
        assert!(once.starts_with(kept), "{post:?} -> {once:?}");
        assert!(once.contains("Body") || !post.contains("Body"), "{once:?}");
    }
    // A `<body>` (or `<html>`) start tag gives its attributes to the page's own, which a
    // fragment parse does not show: the verifier reads them as a page does.
    for (post, cleaned) in [
        (
            "---\n<body onload=alert(1)>\n---\nBody\n",
            "---\n\n---\nBody\n",
        ),
        (
            "---\n# <html onclick=alert(1)>\n---\nBody\n",
            "---\n# \n---\nBody\n",
        ),
        // A map (which no reader renders) once gray-matter reads it as front matter too.
        (
            "\n---\ntitle: <body onload=alert(1)>\n---\nBody\n",
            "---\ntitle: <body onload=alert(1)>\n---\nBody\n",
        ),
    ] {
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}: {}", found.join("\n  "));
        assert_eq!(cleaner.clean_post(post).html(), cleaned);
    }
    // A scalar or a comment stays one, cleaned where it is; the body is untouched.
    assert_eq!(
        cleaner
            .clean_post("---\n# <img src=x onerror=alert(1)>\n---\nBody <b>x</b>\n")
            .html(),
        "---\n# <img src=\"x\" loading=\"lazy\" decoding=\"async\">\n---\nBody <b>x</b>\n"
    );
    // A map's front matter is never cleaned, whatever it holds.
    for post in [
        "---\ntitle: <img src=x onerror=alert(1)>\n---\nBody\n",
        "---\n- <img src=x onerror=alert(1)>\n---\nBody\n",
        "---\n# c\n\ta: <b onclick=x>\n---\nBody\n",
        "---\n# just a comment\n---\nBody\n",
        // TOML, which Hexo does not read: Hugo's.
        "+++\ntitle = \"<img src=x onerror=alert(1)>\"\n+++\nBody\n",
    ] {
        assert_eq!(cleaner.clean_post(post).html(), post);
    }
}

/// Hexo's file reader (and git's `autocrlf`) makes `\r\n` `\n`, which joins a lone `\r` and
/// the `\r\n` after it into one line break: a blank line the cleaner read is gone, and what
/// was an indented code block after it continues the paragraph, its HTML live. Such a lone
/// `\r` is written `\r\n` (one line break to every renderer, before and after).
#[test]
fn a_lone_cr_before_a_crlf_is_one_line_break_for_hexo() {
    let cleaner = Cleaner::default();
    for post in [
        "x\r\r\n\t<b onclick=alert(1)>b</b>\n",
        "---\ntitle: x\n---\nText\r\r\n    <img src=x onerror=alert(1)>\r\n",
        "- a\r\r\r\n      <b onclick=alert(1)>b</b>\n",
        "\n---\n---\n---x\r\r\n\ta: <b onclick=alert(1)>\n",
    ] {
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}: {}", found.join("\n  "));
        let once = cleaner.clean_post(post).into_html();
        assert!(!once.contains("\r\r"), "{once:?}");
        // Nothing else changed: the same text once every line break is `\n`.
        let lines = |t: &str| t.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(lines(&once).trim_end(), lines(post).trim_end(), "{once:?}");
    }
}

/// A post without front matter whose first block the cleaner removes, leaving white space and
/// then fence lines: read again (by a reader, or by the cleaner) its start would now be front
/// matter, which hides the lines under it or cuts the post elsewhere. It is written after an
/// empty front matter, every line still in the body.
#[test]
fn a_removed_first_block_opens_no_front_matter() {
    let cleaner = Cleaner::default();
    for (post, cleaned) in [
        (
            "\n<iframe src=javascript:alert(1)></iframe>\n+++\n+++x\n",
            "---\n{}\n---\n\n\n+++\n+++x\n",
        ),
        (
            "<script>x</script>\n---\na: 1\n---\nBody\n",
            "---\n{}\n---\n\n---\na: 1\n---\nBody\n",
        ),
        (
            "<p onclick=x></p>\n---\na: 1\n---\nBody\n",
            "---\n{}\n---\n\n---\na: 1\n---\nBody\n",
        ),
    ] {
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}: {}", found.join("\n  "));
        assert_eq!(cleaner.clean_post(post).html(), cleaned);
    }
}
