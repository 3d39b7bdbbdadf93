//! One piece of raw HTML in a Markdown body (an HTML block, one line of an HTML block in a
//! container, or one inline HTML event), cleaned as a browser's tokenizer reads it and written
//! back so that it cannot change the Markdown around it.
//!
//! The piece is read by html5ever's tokenizer, from the data state, switching to raw text
//! after `<script>`, `<style>`, `<title>`, `<textarea>`… as the tree builder would. Then:
//!
//! - a piece whose tags all pair up (void elements aside) is cleaned whole by the
//!   [`Cleaner`] (every rule: lazy images, proxies, junk, the sanitizer);
//! - any other piece is cleaned token by token: an element the policy removes with its content
//!   goes with its content when its end tag is in the piece (otherwise only its tags go); an
//!   element it unwraps loses its tags; a kept start tag is cleaned by the [`Cleaner`] with a
//!   placeholder as its content (or, when the cleaner would not keep it alone, written with
//!   the attributes the policy keeps); a void element is cleaned alone; end tags of kept
//!   elements stay; comments stay only when they are excerpt markers (`<!-- more -->`).
//!
//! Whatever the path, what is written is regenerated from tokens and checked against the
//! policy ([`Verifier`]): only kept elements, each attribute allowed on its element (URLs
//! checked), values always in `"…"` with `&`, `"`, `<`, `>` and line breaks encoded; text with
//! `&`, `<`, `>` encoded; never a blank line (the newline that would end one is written
//! `&#10;`), and no line break at all in inline pieces or lines. A raw-text element is only
//! written with its end tag right after it. So every written piece leaves a browser's
//! tokenizer in the data state, whatever the pieces around it.

use crate::cleaner::Cleaner;
use crate::dom::names::is_void;
use crate::report::Report;
use crate::rules::sanitize::verify::Verifier;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{local_name, ns, LocalName};
use std::cell::RefCell;
use std::collections::HashMap;

/// Where a piece stands, which decides how line breaks are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A whole HTML block, starting at the start of a line: line breaks are kept, but never
    /// one that would end a blank line.
    Block,
    /// Inline HTML, or one line of an HTML block in a container: no line break is written.
    Inline,
}

/// One token of a piece.
#[derive(Debug)]
enum Tok {
    Start(Tag),
    End(LocalName),
    Text(String),
    Comment(String),
}

#[derive(Default)]
struct Sink {
    tokens: RefCell<Vec<Tok>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut tokens = self.tokens.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    let switch = match tag.name {
                        local_name!("title") | local_name!("textarea") => {
                            TokenSinkResult::RawData(RawKind::Rcdata)
                        }
                        local_name!("style")
                        | local_name!("xmp")
                        | local_name!("iframe")
                        | local_name!("noembed")
                        | local_name!("noframes")
                        | local_name!("noscript") => TokenSinkResult::RawData(RawKind::Rawtext),
                        local_name!("script") => TokenSinkResult::RawData(RawKind::ScriptData),
                        local_name!("plaintext") => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                    tokens.push(Tok::Start(tag));
                    return switch;
                }
                TagKind::EndTag => tokens.push(Tok::End(tag.name)),
            },
            Token::CharacterTokens(text) => match tokens.last_mut() {
                Some(Tok::Text(t)) => t.push_str(&text),
                _ => tokens.push(Tok::Text(text.to_string())),
            },
            Token::CommentToken(text) => tokens.push(Tok::Comment(text.to_string())),
            // A doctype, NUL, parse errors, the end: nothing to write.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokens of `html` as a browser's tokenizer reads them from the data state.
fn tokenize(html: &str) -> Vec<Tok> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

/// Whether an element named `name` has no content (`<img>`), so its start tag is complete.
fn is_complete(tag: &Tag) -> bool {
    is_void(&tag.name)
}

/// Whether every start tag of `tokens` is closed, in order, and every end tag closes one.
fn balanced(tokens: &[Tok]) -> bool {
    let mut open: Vec<&LocalName> = Vec::new();
    for t in tokens {
        match t {
            Tok::Start(tag) if !is_complete(tag) => open.push(&tag.name),
            Tok::End(name) if open.pop() != Some(name) => return false,
            _ => {}
        }
    }
    open.is_empty()
}

/// A cleaned piece: what to write and what changed.
pub(crate) struct Cleaned {
    pub(crate) html: String,
    pub(crate) report: Report,
}

/// Cleans one piece of raw HTML standing at `place`.
pub(crate) fn clean(
    cleaner: &Cleaner,
    verifier: Option<&Verifier<'_>>,
    html: &str,
    place: Place,
) -> Cleaned {
    let tokens = tokenize(html);
    if whole(&tokens) {
        return clean_whole(cleaner, verifier, html, place);
    }
    let mut w = Writer::new(verifier, place, newline_of(html));
    w.tokens_one_by_one(cleaner, &tokens);
    // What is left may pair up now (an unclosed `<svg>` gone): then it is cleaned whole as
    // well, as it will be when the result is cleaned again.
    if whole(&tokenize(&w.out)) {
        let mut again = clean_whole(cleaner, verifier, &w.out, place);
        w.report.merge(&again.report);
        again.report = w.report;
        return again;
    }
    Cleaned {
        html: w.out,
        report: w.report,
    }
}

/// Whether a piece is cleaned whole by the cleaner: it has tags, they pair up, and it has no
/// excerpt marker (which the cleaner would drop).
fn whole(tokens: &[Tok]) -> bool {
    tokens
        .iter()
        .any(|t| matches!(t, Tok::Start(_) | Tok::End(_)))
        && !tokens
            .iter()
            .any(|t| matches!(t, Tok::Comment(c) if is_marker(c)))
        && balanced(tokens)
}

fn newline_of(html: &str) -> &'static str {
    if html.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Cleans a piece whole with the cleaner, then writes the result's tokens.
fn clean_whole(
    cleaner: &Cleaner,
    verifier: Option<&Verifier<'_>>,
    html: &str,
    place: Place,
) -> Cleaned {
    let mut w = Writer::new(verifier, place, newline_of(html));
    let (clean, report) = cleaner.clean_post_piece(html).into_parts();
    w.report.merge(&report);
    w.write_all(&tokenize(&clean));
    Cleaned {
        html: w.out,
        report: w.report,
    }
}

/// Clean HTML (the cleaner's output) rewritten as a [`Place::Block`] piece: the same tokens,
/// checked, with no blank line and no line break in attribute values (white space around
/// it kept).
pub(crate) fn rewrite(verifier: Option<&Verifier<'_>>, html: &str) -> String {
    let core = html.trim_start();
    let lead = &html[..html.len() - core.len()];
    let core = core.trim_end();
    let trail = &html[lead.len() + core.len()..];
    let mut w = Writer::new(verifier, Place::Block, newline_of(html));
    w.out.push_str(lead);
    w.write_all(&tokenize(core));
    w.out.push_str(trail);
    w.out
}

/// Writes tokens back as safe HTML (see the module docs).
struct Writer<'v, 'p> {
    verifier: Option<&'v Verifier<'p>>,
    place: Place,
    newline: &'static str,
    out: String,
    /// Whether the line being written holds only spaces and tabs so far.
    line_blank: bool,
    report: Report,
}

impl<'v, 'p> Writer<'v, 'p> {
    fn new(verifier: Option<&'v Verifier<'p>>, place: Place, newline: &'static str) -> Self {
        Writer {
            verifier,
            place,
            newline,
            out: String::new(),
            line_blank: true,
            report: Report::default(),
        }
    }

    fn dropped(&mut self) {
        self.report.add("sanitize", 1);
    }

    fn keeps(&self, name: &LocalName) -> bool {
        self.verifier.is_none_or(|v| v.keeps_element(name))
    }

    fn removes(&self, name: &LocalName) -> bool {
        self.verifier.is_some_and(|v| v.removes_element(name))
    }

    /// Writes cleaned tokens (already the cleaner's output): checked, re-encoded.
    fn write_all(&mut self, tokens: &[Tok]) {
        let mut i = 0;
        while i < tokens.len() {
            i += self.write(tokens, i);
        }
    }

    /// Writes `tokens[i]` if the policy keeps it; returns how many tokens were consumed.
    fn write(&mut self, tokens: &[Tok], i: usize) -> usize {
        match &tokens[i] {
            Tok::Start(tag) => {
                if !self.keeps(&tag.name) {
                    self.dropped();
                    return 1;
                }
                if is_raw(&tag.name) {
                    // Only with its end tag right after it (its content is dropped).
                    return match tokens.get(i + 1..i + 3) {
                        Some([Tok::Text(_), Tok::End(end)]) if *end == tag.name => {
                            self.start_tag(tag);
                            self.end_tag(end);
                            3
                        }
                        _ => match tokens.get(i + 1) {
                            Some(Tok::End(end)) if *end == tag.name => {
                                self.start_tag(tag);
                                self.end_tag(end);
                                2
                            }
                            _ => {
                                self.dropped();
                                1
                            }
                        },
                    };
                }
                self.start_tag(tag);
            }
            Tok::End(name) => {
                if self.keeps(name) && !is_raw(name) {
                    self.end_tag(name);
                } else {
                    self.dropped();
                }
            }
            Tok::Text(text) => self.text(text),
            Tok::Comment(text) => {
                if is_marker(text) {
                    self.out.push_str("<!--");
                    self.out.push_str(text);
                    self.out.push_str("-->");
                    self.line_blank = false;
                } else {
                    self.dropped();
                }
            }
        }
        1
    }

    /// Cleans the tokens of a piece whose tags do not pair up, one by one.
    fn tokens_one_by_one(&mut self, cleaner: &Cleaner, tokens: &[Tok]) {
        // The end tag of each start tag, paired per name (for removal with content).
        let mut ends: Vec<Option<usize>> = vec![None; tokens.len()];
        let mut open: HashMap<&LocalName, Vec<usize>> = HashMap::new();
        for (i, t) in tokens.iter().enumerate() {
            match t {
                Tok::Start(tag) if !is_complete(tag) => open.entry(&tag.name).or_default().push(i),
                Tok::End(name) => {
                    if let Some(start) = open.get_mut(name).and_then(Vec::pop) {
                        ends[start] = Some(i);
                    }
                }
                _ => {}
            }
        }
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Tok::Start(tag) if self.removes(&tag.name) => {
                    self.dropped();
                    i = ends[i].map_or(i + 1, |end| end + 1);
                    continue;
                }
                Tok::Start(tag) if self.keeps(&tag.name) && !is_raw(&tag.name) => {
                    self.lone_start_tag(cleaner, tag);
                }
                _ => {
                    i += self.write(tokens, i);
                    continue;
                }
            }
            i += 1;
        }
    }

    /// A kept start tag whose element does not close in the piece (or a void element).
    fn lone_start_tag(&mut self, cleaner: &Cleaner, tag: &Tag) {
        const MARK: &str = "\u{E000}";
        let mut source = Writer::new(None, Place::Inline, "\n");
        source.start_tag(tag);
        let complete = is_complete(tag);
        let probe = if complete {
            source.out
        } else {
            format!("{}{MARK}</{}>", source.out, tag.name)
        };
        let (html, report) = cleaner.clean_post_piece(&probe).into_parts();
        let cleaned = tokenize(&html);
        if complete {
            self.report.merge(&report);
            self.write_all(&cleaned);
            return;
        }
        match &cleaned[..] {
            [Tok::Start(new), Tok::Text(mark), Tok::End(end)]
                if new.name == tag.name && *end == tag.name && mark == MARK =>
            {
                self.report.merge(&report);
                self.start_tag(new);
            }
            // The cleaner would not keep it alone (a list item outside a list…): the
            // attributes the policy keeps.
            _ => self.start_tag(tag),
        }
    }

    fn start_tag(&mut self, tag: &Tag) {
        self.out.push('<');
        self.out.push_str(&tag.name);
        for attr in &tag.attrs {
            let name = &attr.name.local;
            let kept = attr.name.ns == ns!()
                && is_attr_name(name)
                && self
                    .verifier
                    .is_none_or(|v| v.keeps_attr(&tag.name, name, &attr.value));
            if !kept {
                self.dropped();
                continue;
            }
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            for c in attr.value.chars() {
                match c {
                    '&' => self.out.push_str("&amp;"),
                    '"' => self.out.push_str("&quot;"),
                    '<' => self.out.push_str("&lt;"),
                    '>' => self.out.push_str("&gt;"),
                    '\n' => self.out.push_str("&#10;"),
                    '\r' => self.out.push_str("&#13;"),
                    '|' => self.out.push_str("&#124;"),
                    '`' => self.out.push_str("&#96;"),
                    '\u{a0}' => self.out.push_str("&nbsp;"),
                    c => self.out.push(c),
                }
            }
            self.out.push('"');
        }
        self.out.push('>');
        self.line_blank = false;
    }

    fn end_tag(&mut self, name: &LocalName) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self.line_blank = false;
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '\r' => self.out.push_str("&#13;"),
                '\u{a0}' => self.out.push_str("&nbsp;"),
                '|' if self.place == Place::Inline => self.out.push_str("&#124;"),
                '`' if self.place == Place::Inline => self.out.push_str("&#96;"),
                '\n' if self.place == Place::Inline || self.line_blank => {
                    self.out.push_str("&#10;");
                }
                '\n' => {
                    self.out.push_str(self.newline);
                    self.line_blank = true;
                    continue;
                }
                ' ' | '\t' => {
                    self.out.push(c);
                    continue;
                }
                c => self.out.push(c),
            }
            self.line_blank = false;
        }
    }
}

/// Elements whose content the tokenizer reads as text: written only with their end tag.
fn is_raw(name: &LocalName) -> bool {
    crate::dom::names::is_raw_text(name)
        || matches!(*name, local_name!("title") | local_name!("textarea"))
}

/// Attribute names a CommonMark parser reads as one (`[A-Za-z_:][A-Za-z0-9_.:-]*`).
fn is_attr_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b':')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

/// Whether a comment is an excerpt or engine marker (`<!-- more -->`, `<!--more-->`,
/// `<!-- toc -->`…): one line of plain text that every reader ends at the same `-->`.
pub(crate) fn is_marker(text: &str) -> bool {
    let t = text.trim_matches(' ');
    !t.is_empty()
        && t.len() <= 64
        && !t.starts_with('-')
        && !t.ends_with('-')
        && !t.contains("--")
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | ':' | '.' | '/' | '='))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sanitize::policy::SanitizerConfig;

    fn run(html: &str, place: Place) -> String {
        let policy = SanitizerConfig::default().build().unwrap();
        let v = Verifier::new(&policy);
        clean(&Cleaner::default(), Some(&v), html, place).html
    }

    #[test]
    fn reads_as_the_browser_and_writes_only_what_the_policy_keeps() {
        assert_eq!(run("<svg onload=alert(1)>", Place::Inline), "");
        assert_eq!(
            run("<!--x--!><img src=x onerror=alert(1)>-->", Place::Inline),
            "<!--x--><img src=\"x\" loading=\"lazy\" decoding=\"async\">--&gt;"
        );
        assert_eq!(run("<?x ?><svg onload=alert(1)>", Place::Inline), "");
        assert_eq!(run("<div align=center onclick=x>", Place::Block), "<div>");
        assert_eq!(
            run("<details open title=\"a&#10;&#10;\"><b title=\" ontoggle=alert(1) \" lang=\"x\">x</b></details>", Place::Block),
            "<details open=\"\" title=\"a&#10;&#10;\"><b title=\" ontoggle=alert(1) \" lang=\"x\">x</b></details>"
        );
        assert_eq!(
            run(
                "<div>\n<svg><x>\n\n</x></svg>\n<select autofocus onfocus=alert(1)>",
                Place::Block
            ),
            "<div>\n&#10;"
        );
        assert_eq!(run("<p>a\n\n\nb", Place::Block), "<p>a\n&#10;\nb");
        assert_eq!(run("<!-- more -->", Place::Block), "<!-- more -->");
        assert_eq!(run("<!-->x", Place::Block), "x");
    }
}
