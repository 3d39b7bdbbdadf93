//! Image URLs in front matter (YAML between `---` fences, TOML between `+++` fences),
//! rewritten in place: every byte that is not part of a rewritten URL stays as it was.
//!
//! This is not a full YAML or TOML parser: a small line-based lexer finds the *scalars* (plain,
//! single- or double-quoted YAML; literal or basic TOML strings) that sit on one line, and the
//! key each belongs to. It understands comments, `key: value` / `key = value`, quoted and
//! dotted keys, `- item` lists, TOML `[table]` headers, flow/inline collections (`[a, b]`,
//! `{k: v}`, also over several lines), and skips what it does not rewrite: block scalars
//! (`|`, `>`), multi-line quoted strings and TOML `"""`/`'''` strings.
//!
//! A scalar is a candidate when its value (after unescaping) is exactly one `http://` or
//! `https://` URL without white space. Then:
//!
//! - under a known image key ([`IMAGE_KEYS`], or a parent key or TOML table that is one, e.g.
//!   `cover:`/`images:` lists, `[cover]` tables), it is rewritten as an image: unwrapped,
//!   tracking parameters stripped, upgraded and re-routed as the policy says;
//! - under any other key, it is rewritten only when it goes through a proxy (unwrapped), and
//!   gets the full image treatment only when its origin names an image file (`.jpg`, `.png`…),
//!   so a page link is never sent through an image proxy.
//!
//! The new URL is written back in the scalar's own quoting (`'` doubled in single-quoted YAML,
//! `\` and `"` escaped in double-quoted and TOML basic strings). When that is not possible
//! (white space or control characters, a `'` in a TOML literal string, flow indicators in a
//! plain scalar inside `[…]`), the scalar is left as it was.

use crate::cleaner::Cleaner;
use crate::template::has_template_syntax;

use super::scalar::{decode, encode, find_close, is_url, Style};

/// Keys whose values are images (compared ASCII-case-insensitively, `-` read as `_`).
pub const IMAGE_KEYS: &[&str] = &[
    "avatar",
    "banner",
    "banner_image",
    "cover",
    "cover_image",
    "cover_img",
    "feature_image",
    "featured_image",
    "gallery",
    "head_img",
    "header_image",
    "header_img",
    "headimg",
    "hero",
    "hero_image",
    "image",
    "images",
    "img",
    "logo",
    "og_image",
    "photo",
    "photos",
    "poster",
    "thumb",
    "thumbnail",
    "top_img",
];

fn is_image_key(key: &str) -> bool {
    let key = key.trim().to_ascii_lowercase().replace('-', "_");
    IMAGE_KEYS.contains(&key.as_str())
}

/// The front matter with its image URLs rewritten, and the number of URLs rewritten.
pub(crate) fn rewrite(cleaner: &Cleaner, front: &str) -> (String, usize) {
    let Some(urls) = cleaner.inner.image_urls.as_ref() else {
        return (front.to_string(), 0);
    };
    let syntax = match front.trim_start_matches(['\u{feff}', '\n', '\r', ' ', '\t']) {
        s if s.starts_with("+++") => Syntax::Toml,
        _ => Syntax::Yaml,
    };
    let mut out = String::with_capacity(front.len() + 64);
    let mut done = 0;
    let mut changes = 0;
    for scalar in scalars(front, syntax).into_iter().filter(|s| !s.skip) {
        let raw = &front[scalar.start..scalar.end];
        let Some(value) = decode(raw, scalar.style) else {
            continue;
        };
        if !is_url(&value) {
            continue;
        }
        let new = if scalar.image_key {
            urls.rewrite(&value)
        } else {
            cleaner.rewrite_image_url(&value)
        };
        // Only an http(s) URL is ever written, never one holding template syntax.
        let new = new
            .map(|n| inert_in_templates(&n))
            .filter(|n| is_url(n) && !has_template_syntax(n));
        let Some(encoded) = new.and_then(|n| encode(&n, scalar.style)) else {
            continue;
        };
        if encoded == raw {
            continue;
        }
        out.push_str(&front[done..scalar.start]);
        out.push_str(&encoded);
        done = scalar.end;
        changes += 1;
    }
    out.push_str(&front[done..]);
    (out, changes)
}

/// A rewritten URL as front matter holds it. Themes paste front-matter values into their
/// templates, often unescaped (`style="background-image: url('{{ cover }}')"`,
/// `<img src={{ image }}>`), and unwrapping a proxy decodes what its parameter escaped
/// (`%27` becomes `'`): the characters that would end a quoted string, a CSS `url(…)` or an
/// unquoted attribute value there are written percent-encoded, as the proxy's parameter
/// had them (servers read `%27` and `'` in a path alike).
fn inert_in_templates(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_control() || matches!(c, '\'' | '"' | '(' | ')' | '<' | '>' | '`' | ' ') {
            // ASCII, so one byte.
            out.push_str(percent_encoding::percent_encode_byte(c as u8));
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Toml,
}

/// A scalar on one line: `start..end` is its content without the quotes.
#[derive(Debug)]
struct Scalar {
    start: usize,
    end: usize,
    style: Style,
    image_key: bool,
    /// Never rewritten (a tagged scalar).
    skip: bool,
}

/// What the lines after the current one continue.
enum Open {
    None,
    /// A YAML block scalar: lines indented more than this, or blank, belong to it.
    Block(usize),
    /// A quoted string not closed on its line: skipped up to this closing delimiter.
    Quote(&'static str, Style),
    /// A flow collection (`[`/`{`) not closed on its line.
    Flow,
}

/// The lexer's state across lines.
struct Lexer {
    syntax: Syntax,
    /// The plain scalar that ended the last line (its index in `out`), and the indentation
    /// a line needs to continue it (block context) or `None` in a flow collection: a plain
    /// scalar that goes on over several lines is never touched.
    plain_tail: Option<(usize, Option<usize>)>,
    /// The indentation a continuation line of a plain scalar on this line needs.
    continues_over: usize,
    /// A tag other than `!!str` is pending: the next scalar is not a plain string.
    tagged: bool,
    /// YAML: `(indent, key)` of the mapping keys enclosing the current line. TOML: the
    /// current table's segments (indent 0) and the line's key.
    keys: Vec<(usize, String)>,
    open: Open,
    /// Keys of the open flow collections (`None`: inherit from the enclosing one).
    flow_keys: Vec<Option<String>>,
    out: Vec<Scalar>,
}

/// Every one-line scalar of the front matter, in order, with whether it is under an image
/// key. The fence lines are skipped.
fn scalars(front: &str, syntax: Syntax) -> Vec<Scalar> {
    let mut lx = Lexer {
        syntax,
        plain_tail: None,
        continues_over: 0,
        tagged: false,
        keys: Vec::new(),
        open: Open::None,
        flow_keys: Vec::new(),
        out: Vec::new(),
    };
    let mut pos = 0;
    let mut first_fence = true;
    let lines: Vec<&str> = front.split_inclusive('\n').collect();
    // The last line is the closing fence.
    for line in &lines[..lines.len().saturating_sub(1)] {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if first_fence {
            // BOM and leading blank lines, then the opening fence.
            if trimmed.trim_start_matches('\u{feff}').is_empty() {
                continue;
            }
            first_fence = false;
            continue;
        }
        lx.line(front, start, content);
    }
    lx.out
}

impl Lexer {
    fn line(&mut self, text: &str, start: usize, content: &str) {
        let end = start + content.len();
        if let Some((index, over)) = self.plain_tail.take() {
            let rest = content.trim();
            let continues = match over {
                _ if rest.is_empty() => {
                    // Blank lines may sit inside a multi-line plain scalar.
                    self.plain_tail = Some((index, over));
                    false
                }
                Some(over) => indent_of(content) > over,
                None => !rest.starts_with([',', ']', '}', '#']),
            };
            if continues {
                if index + 1 == self.out.len() {
                    self.out.pop();
                }
                if let Some(over) = over {
                    // The rest of the scalar: skipped like a block scalar's lines.
                    self.open = Open::Block(over);
                    return;
                }
            }
        }
        match std::mem::replace(&mut self.open, Open::None) {
            Open::Block(indent) => {
                let this = indent_of(content);
                if content.trim().is_empty() || this > indent {
                    self.open = Open::Block(indent);
                    return;
                }
            }
            Open::Quote(close, style) => {
                match find_close(&text[start..end], close, style) {
                    Some(i) => self.value(text, start + i + close.len(), end),
                    None => self.open = Open::Quote(close, style),
                }
                return;
            }
            Open::Flow => {
                self.value(text, start, end);
                return;
            }
            Open::None => {}
        }
        let indent = indent_of(content);
        let rest = content[indent..].trim_end();
        if rest.is_empty() || rest.starts_with('#') {
            return;
        }
        match self.syntax {
            Syntax::Yaml => self.yaml_line(text, start + indent, end, indent),
            Syntax::Toml => self.toml_line(text, start + indent, end),
        }
    }

    fn yaml_line(&mut self, text: &str, mut at: usize, end: usize, mut indent: usize) {
        let line_indent = indent;
        // `- ` list items (possibly nested: `- - x`), each adding to the indentation.
        loop {
            let rest = &text[at..end];
            if rest == "-" {
                return;
            }
            match rest.strip_prefix("- ") {
                Some(after) => {
                    let skip = rest.len() - after.trim_start().len();
                    // A list item belongs to the key above it, at a smaller or the same
                    // indentation (`key:\n- a`).
                    while self.keys.last().is_some_and(|(i, _)| *i > indent) {
                        self.keys.pop();
                    }
                    at += skip;
                    indent += skip;
                }
                None => break,
            }
        }
        if let Some((key, value_at)) = yaml_key(&text[at..end]) {
            while self.keys.last().is_some_and(|(i, _)| *i >= indent) {
                self.keys.pop();
            }
            self.keys.push((indent, key));
            self.continues_over = indent;
            let value_at = at + value_at;
            let value = text[value_at..end].trim_start();
            if value.starts_with(['|', '>']) {
                self.open = Open::Block(indent);
                return;
            }
            self.value(text, value_at, end);
        } else {
            // A list item, or the continuation of a plain scalar: belongs to the keys above.
            while self.keys.last().is_some_and(|(i, _)| *i > indent) {
                self.keys.pop();
            }
            if text[at..end].starts_with(['|', '>']) {
                // `- |`: a block scalar as a list item.
                self.open = Open::Block(line_indent);
                return;
            }
            self.continues_over = line_indent;
            self.value(text, at, end);
        }
    }

    fn toml_line(&mut self, text: &str, at: usize, end: usize) {
        let rest = &text[at..end];
        if rest.starts_with('[') {
            // `[table]` or `[[array.of.tables]]`: its segments are the keys of what follows.
            let name = rest.trim_start_matches('[');
            let name = name.split(']').next().unwrap_or_default();
            self.keys = toml_key_segments(name)
                .into_iter()
                .map(|k| (0, k))
                .collect();
            return;
        }
        let table_len = self.keys.iter().take_while(|(i, _)| *i == 0).count();
        self.keys.truncate(table_len);
        match toml_key(rest) {
            Some((segments, value_at)) => {
                self.keys.extend(segments.into_iter().map(|k| (1, k)));
                self.value(text, at + value_at, end);
            }
            None => self.value(text, at, end),
        }
    }

    /// Whether a scalar here is under an image key.
    fn image_key(&self) -> bool {
        self.flow_keys.iter().flatten().any(|k| is_image_key(k))
            || self.keys.iter().any(|(_, k)| is_image_key(k))
    }

    /// Lexes a value from `at` to `end` (one line), recording its scalars.
    fn value(&mut self, text: &str, at: usize, end: usize) {
        let bytes = text.as_bytes();
        let mut i = at;
        let toml = self.syntax == Syntax::Toml;
        // The scalar just read, which a following `:`/`=` turns into a key.
        let mut last: Option<String> = None;
        // The plain scalar read last on this line, while nothing else followed it.
        let mut last_plain: Option<usize> = None;
        while i < end {
            let c = bytes[i];
            if !matches!(c, b' ' | b'\t' | b'#') {
                last_plain = None;
            }
            match c {
                b' ' | b'\t' => i += 1,
                b'#' if i == at || matches!(bytes[i - 1], b' ' | b'\t') => break,
                b'[' | b'{' => {
                    self.flow_keys.push(None);
                    self.tagged = false;
                    last = None;
                    i += 1;
                }
                b']' | b'}' => {
                    self.flow_keys.pop();
                    last = None;
                    i += 1;
                }
                b',' if !self.flow_keys.is_empty() => {
                    if let Some(top) = self.flow_keys.last_mut() {
                        *top = None;
                    }
                    last = None;
                    i += 1;
                }
                b':' | b'=' if !self.flow_keys.is_empty() && last.is_some() => {
                    if let Some(top) = self.flow_keys.last_mut() {
                        *top = last.take();
                    }
                    i += 1;
                }
                b'!' | b'&' | b'*' if !toml => {
                    // A tag, anchor or alias: a token up to white space (or a flow
                    // indicator); what follows is the node it belongs to.
                    let mut j = i + 1;
                    while j < end
                        && !matches!(bytes[j], b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}')
                    {
                        j += 1;
                    }
                    if c == b'!' {
                        let tag = &text[i..j];
                        self.tagged = !(tag == "!!str" || tag == "!<tag:yaml.org,2002:str>");
                    }
                    last = None;
                    i = j;
                }
                b'\'' | b'"' => {
                    let (delim, style) = match (c, toml) {
                        (b'\'', false) => ("'", Style::YamlSingle),
                        (b'"', false) => ("\"", Style::YamlDouble),
                        (b'\'', true) if text[i..end].starts_with("'''") => {
                            ("'''", Style::TomlLiteral)
                        }
                        (b'"', true) if text[i..end].starts_with("\"\"\"") => {
                            ("\"\"\"", Style::TomlBasic)
                        }
                        (b'\'', true) => ("'", Style::TomlLiteral),
                        _ => ("\"", Style::TomlBasic),
                    };
                    let from = i + delim.len();
                    match find_close(&text[from..end], delim, style) {
                        Some(len) => {
                            if delim.len() == 1 {
                                self.push(from, from + len, style);
                                last = decode(&text[from..from + len], style);
                            }
                            i = from + len + delim.len();
                        }
                        None => {
                            self.open = Open::Quote(
                                match delim {
                                    "'" => "'",
                                    "\"" => "\"",
                                    "'''" => "'''",
                                    _ => "\"\"\"",
                                },
                                style,
                            );
                            return;
                        }
                    }
                }
                _ => {
                    // A plain scalar (YAML) or a bare token (TOML key, number, date, bool).
                    let in_flow = !self.flow_keys.is_empty();
                    let mut j = i;
                    while j < end {
                        let b = bytes[j];
                        if (in_flow || toml) && matches!(b, b',' | b'[' | b']' | b'{' | b'}') {
                            break;
                        }
                        if matches!(b, b' ' | b'\t') && bytes.get(j + 1) == Some(&b'#') {
                            break;
                        }
                        if b == b':'
                            && (j + 1 == end || matches!(bytes[j + 1], b' ' | b'\t'))
                            && in_flow
                        {
                            break;
                        }
                        if toml && matches!(b, b' ' | b'\t' | b'=' | b'#') {
                            break;
                        }
                        j += 1;
                    }
                    let token = text[i..j].trim_end();
                    if !toml {
                        self.push(i, i + token.len(), Style::Plain);
                        last_plain = Some(self.out.len());
                    }
                    last = Some(token.to_string());
                    i = j.max(i + 1);
                }
            }
        }
        if !self.flow_keys.is_empty() {
            self.open = Open::Flow;
        }
        if let Some(len) = last_plain.filter(|&n| n > 0) {
            let over = self.flow_keys.is_empty().then_some(self.continues_over);
            self.plain_tail = Some((len - 1, over));
        }
    }

    fn push(&mut self, start: usize, end: usize, style: Style) {
        if std::mem::take(&mut self.tagged) {
            // A tagged scalar (`!!binary`, `!custom`) is not a plain string: left alone.
            // A placeholder keeps `plain_tail` pointing at the right entry.
            self.out.push(Scalar {
                start,
                end,
                style,
                image_key: false,
                skip: true,
            });
            return;
        }
        let image_key = self.image_key();
        self.out.push(Scalar {
            start,
            end,
            style,
            image_key,
            skip: false,
        });
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// A YAML `key:` at the start of `rest`: the key and the offset of its value.
fn yaml_key(rest: &str) -> Option<(String, usize)> {
    let (key, after) = if rest.starts_with(['\'', '"']) {
        let style = if rest.starts_with('\'') {
            Style::YamlSingle
        } else {
            Style::YamlDouble
        };
        let len = find_close(&rest[1..], &rest[..1], style)?;
        (decode(&rest[1..1 + len], style)?, 2 + len)
    } else {
        if rest.starts_with(['[', '{', '#', '&', '*', '!', '|', '>', '%', '@', '`']) {
            return None;
        }
        let bytes = rest.as_bytes();
        let colon = (0..bytes.len()).find(|&i| {
            bytes[i] == b':' && (i + 1 == bytes.len() || matches!(bytes[i + 1], b' ' | b'\t'))
        })?;
        let key = &rest[..colon];
        if key.contains(" #") {
            return None;
        }
        (key.trim_end().to_string(), colon)
    };
    let tail = &rest[after..];
    let spaces = tail.len() - tail.trim_start_matches([' ', '\t']).len();
    let tail = &tail[spaces..];
    let value = tail.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, after + spaces + 1))
}

/// A TOML `key =` (bare, quoted or dotted) at the start of `rest`: its segments and the offset
/// of its value.
fn toml_key(rest: &str) -> Option<(Vec<String>, usize)> {
    let mut in_quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (in_quote, c) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => in_quote = Some(c),
            (None, '=') => return Some((toml_key_segments(&rest[..i]), i + 1)),
            (None, c) if c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '\t') => {}
            _ => return None,
        }
    }
    None
}

fn toml_key_segments(key: &str) -> Vec<String> {
    key.split('.')
        .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{scalars, Syntax};

    fn found(front: &str, syntax: Syntax) -> Vec<(&str, bool)> {
        scalars(front, syntax)
            .iter()
            .map(|s| (&front[s.start..s.end], s.image_key))
            .collect()
    }

    #[test]
    fn yaml_scalars_and_keys() {
        let front = "---\ntitle: It's a 'title' # c\ncover: 'https://a/x.jpg'\nimages:\n  - https://a/1.jpg\n  - \"https://a/2.jpg\"\ntags: [a, 'b', \"c\"]\nog: {image: https://a/3.jpg, alt: x}\ntext: |\n  'not: lexed'\nlast: z\n---\n";
        assert_eq!(
            found(front, Syntax::Yaml),
            vec![
                ("It's a 'title'", false),
                ("https://a/x.jpg", true),
                ("https://a/1.jpg", true),
                ("https://a/2.jpg", true),
                ("a", false),
                ("b", false),
                ("c", false),
                ("image", false),
                ("https://a/3.jpg", true),
                ("alt", false),
                ("x", false),
                ("z", false),
            ]
        );
    }

    #[test]
    fn toml_scalars_and_keys() {
        let front = "+++\ntitle = \"It's\" # c\ndate = 2024-01-01\n[cover]\nsrc = 'https://a/x.jpg'\n[params]\nimages = [\n  \"https://a/1.jpg\",\n]\nlink = \"\"\"\nhttps://a/b\"\"\"\nz = 'y'\n+++\n";
        assert_eq!(
            found(front, Syntax::Toml),
            vec![
                ("It's", false),
                ("https://a/x.jpg", true),
                ("https://a/1.jpg", true),
                ("y", false),
            ]
        );
    }
}
