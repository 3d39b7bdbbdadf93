//! The tokens of the scanned input, made without html5ever's tokenizer where their shape is
//! common.
//!
//! Once the pre-scan ([`attr_cap`](super::attr_cap)) has cut and lifted attributes and written
//! names as codes, most of a page is text and short tags: `<n\u{1}>`, `<img\u{1} />`,
//! `</n\u{2}>`, `</r\u{3}>`, `<p>`. html5ever's tokenizer reads each of them one character
//! at a time through its states (HTML § 13.2.5): a state-machine step, a queue look-up and a
//! buffer push per character, and a jump between states the processor mispredicts. This
//! module reads the common shapes itself and hands the [`Gate`] the very tokens html5ever
//! would have made of them:
//!
//! - text in the data state (§ 13.2.5.1) up to a `<` or `&`, as one character token;
//! - a `<` that opens nothing (§ 13.2.5.6, "anything else"): the character itself;
//! - a `&` that starts no reference (§ 13.2.5.72, "anything else"), a named reference the
//!   table of entities has with its `;`, a number of up to six digits with its `;` standing
//!   for a character given as it is (§ 13.2.5.73–80): its characters;
//! - a start or end tag, its attributes read by the scan's own readers
//!   ([`tag_bytes::attribute`](super::tag_bytes::attribute),
//!   [`lift::attribute_in`]) (§ 13.2.5.6–13.2.5.40);
//! - a comment that ends with `-->` (§ 13.2.5.43–52), a bogus comment (§ 13.2.5.41), a
//!   doctype with a name and no identifiers or quoted ones (§ 13.2.5.53–68);
//! - the raw text of the element a start tag opens, when the tree builder asks for it (§
//!   13.2.5.2–3, 15–23): up to its appropriate end tag, found as
//!   [`raw_text::text_len`] finds it, and that end tag when it is
//!   written `</name>`. RCDATA with a `&` in it is not read here.
//!
//! At anything else (a reference of another form, a CDATA section, a tag or comment the
//! input ends in, `<plaintext>`'s text…), it hands the rest of the input to html5ever's
//! tokenizer, started in the state the input is in there, and does not take it back. Only
//! input without NUL and carriage returns comes here ([`reads`]): the tokenizer's input
//! stream changes both before any state sees them. (A byte order mark at the very start was
//! taken off before, for both.)
//!
//! Tested in `tokens_tests`: every piece of a list of these shapes and the shapes around them,
//! alone and after each other, and generated pages of them, parse to the tree html5ever's
//! tokenizer gives; so do the sample articles.

use super::depth::HasDepth;
use super::gate::{end_tag, Gate};
use super::lift;
use super::raw_text;
use super::tag_bytes::{attribute, skip_until, skip_while, GT, SLASH, SPACE};
use super::text_refs;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, State};
use html5ever::tokenizer::{
    BufferQueue, Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult, TokenizerOpts,
};
use html5ever::{Attribute, LocalName};

/// The line number handed on with every token: html5ever's tokenizer counts lines for its
/// parse errors, which nothing here reads.
const LINE: u64 = 1;

/// Whether the tokens of `html` may be made here: the input has no NUL and no carriage
/// return (the tokenizer's input stream replaces both, HTML § 13.2.3.5). (A byte order mark
/// at its start is gone already.)
pub(super) fn reads(html: &str) -> bool {
    #[cfg(test)]
    if OFF.with(std::cell::Cell::get) {
        return false;
    }
    memchr::memchr2(0, b'\r', html.as_bytes()).is_none()
}

#[cfg(test)]
thread_local! {
    /// Set by the tests: every input goes to html5ever's tokenizer, to compare with.
    pub(super) static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `gate` over all of `input` (the one buffer of [`reads`]-able input, in the data
/// state), ends it, and gives it back.
pub(super) fn run<'i, S: HasDepth>(
    gate: Gate<'i, S>,
    input: &'i BufferQueue,
    opts: TokenizerOpts,
) -> Gate<'i, S> {
    loop {
        let Some(front) = input.pop_front() else {
            // The end of the input in the data state (§ 13.2.5.1, EOF).
            let _ = gate.process_token(Token::EOFToken, LINE);
            gate.end();
            return gate;
        };
        let bytes = front.as_bytes();
        let (token, used) = match next(bytes) {
            Next::Text(len) => (Token::CharacterTokens(front.subtendril(0, len as u32)), len),
            Next::Char(c, len) => (Token::CharacterTokens(StrTendril::from_char(c)), len),
            Next::Chars(c, d, len) => {
                let mut text = StrTendril::from_char(c);
                text.push_char(d);
                (Token::CharacterTokens(text), len)
            }
            Next::Tag(tag) => match tag.token(&front) {
                Some(token) => (Token::TagToken(token), tag.len),
                None => {
                    input.push_front(front);
                    return hand_over(gate, input, opts, State::Data, None);
                }
            },
            Next::Comment(start, end, len) => (
                Token::CommentToken(front.subtendril(start as u32, (end - start) as u32)),
                len,
            ),
            Next::Doctype(at) => (Token::DoctypeToken(doctype(&front, &at)), at.len),
            Next::HandOver => {
                input.push_front(front);
                return hand_over(gate, input, opts, State::Data, None);
            }
        };
        // The rest goes back first: the gate may take raw text off the input.
        push_rest(input, &front, used);
        let name = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => Some(tag.name.clone()),
            _ => None,
        };
        match gate.process_token(token, LINE) {
            TokenSinkResult::Continue
            | TokenSinkResult::Script(_)
            | TokenSinkResult::EncodingIndicator(_) => {}
            TokenSinkResult::Plaintext => {
                return hand_over(gate, input, opts, State::Plaintext, None);
            }
            TokenSinkResult::RawData(kind) => {
                // Only a start tag is answered so; its name is the one raw text ends with.
                let name = name.unwrap_or_default();
                if !raw_text_of(&gate, input, kind, &name) {
                    return hand_over(gate, input, opts, State::RawData(kind), Some(&name));
                }
            }
        }
    }
}

/// Puts `front` less its first `used` bytes back at the front of `input`.
fn push_rest(input: &BufferQueue, front: &StrTendril, used: usize) {
    let total = front.len();
    if used < total {
        input.push_front(front.subtendril(used as u32, (total - used) as u32));
    }
}

/// Hands the raw text of the element named `name` (just opened: the tree builder answered
/// its start tag with `RawData(kind)`) and its end tag to `gate`. `false`, with the input as
/// it was, when html5ever's tokenizer must read them.
fn raw_text_of<S: HasDepth>(
    gate: &Gate<'_, S>,
    input: &BufferQueue,
    kind: RawKind,
    name: &LocalName,
) -> bool {
    let Some(front) = input.pop_front() else {
        // The end of the input in raw text: the data state's answer (§ 13.2.5.2–4, EOF).
        return true;
    };
    let bytes = front.as_bytes();
    let len = raw_text::text_len(bytes, kind, name.as_bytes(), true);
    // In RCDATA, character references are read (§ 13.2.5.2).
    let refs = kind == RawKind::Rcdata && memchr::memchr(b'&', &bytes[..len]).is_some();
    // The end tag as the tokenizer reads it with nothing before `>` (§ 13.2.5.11, 12, 13…).
    let end = len + 2 + name.len();
    let written_plainly = len == bytes.len() || bytes.get(end) == Some(&b'>');
    if refs || !written_plainly {
        input.push_front(front);
        return false;
    }
    if len > 0 {
        let text = Token::CharacterTokens(front.subtendril(0, len as u32));
        let _ = gate.process_token(text, LINE);
    }
    if len < bytes.len() {
        push_rest(input, &front, end + 1);
        // An end tag is answered with `Continue` (or `Script`, which changes nothing here).
        let _ = gate.process_token(Token::TagToken(end_tag(name.clone())), LINE);
    }
    true
}

/// Hands the rest of `input` to html5ever's tokenizer, started in `state` (with `last` as
/// the last start tag's name, for raw text), and gives `gate` back once it has ended.
fn hand_over<'i, S: HasDepth>(
    gate: Gate<'i, S>,
    input: &'i BufferQueue,
    opts: TokenizerOpts,
    state: State,
    last: Option<&LocalName>,
) -> Gate<'i, S> {
    let opts = TokenizerOpts {
        initial_state: Some(state),
        last_start_tag_name: last.map(|n| n.to_string()),
        ..opts
    };
    super::tokenize(gate, input, opts)
}

/// What comes next in the data state.
#[derive(Debug, PartialEq)]
enum Next {
    /// Text: its length (no `<` or `&` in it).
    Text(usize),
    /// A character made of the next bytes (a `<` or `&` read as text, a reference), and how
    /// many bytes it takes.
    Char(char, usize),
    /// Two characters of one reference, and how many bytes it takes.
    Chars(char, char, usize),
    /// A tag.
    Tag(ShortTag),
    /// A comment: where its text starts and ends, and its length, `<` to `>`.
    Comment(usize, usize, usize),
    /// A doctype.
    Doctype(DoctypeAt),
    /// What html5ever's tokenizer reads.
    HandOver,
}

/// A tag as found in the input.
#[derive(Debug, PartialEq)]
struct ShortTag {
    kind: TagKind,
    /// Where its name starts and ends.
    name: (usize, usize),
    /// Where each attribute's name and value (as written) start and end.
    attrs: Vec<((usize, usize), (usize, usize))>,
    self_closing: bool,
    /// Its length, `<` to `>`.
    len: usize,
}

impl ShortTag {
    /// The token the tokenizer makes of the tag: its name in ASCII lower case, and its
    /// attributes read as [`lift::attribute_in`] reads them (the first of a name kept, as
    /// § 13.2.5.33 says). `None` when one cannot be read so.
    fn token(&self, input: &StrTendril) -> Option<Tag> {
        let (start, end) = self.name;
        let name = &input[start..end];
        // As the tokenizer makes it (`simple::lowercase_atom`, which caches the atoms of
        // attribute names, costs more here: most names are a code, an inline atom).
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            LocalName::from(name.to_ascii_lowercase())
        } else {
            LocalName::from(name)
        };
        let mut attrs: Vec<Attribute> = Vec::with_capacity(self.attrs.len());
        for &(name, value) in &self.attrs {
            let a = lift::attribute_in(input, name, value)?;
            if !attrs.iter().any(|b| b.name.local == a.name.local) {
                attrs.push(a);
            }
        }
        Some(Tag {
            kind: self.kind,
            name,
            self_closing: self.self_closing,
            attrs,
            had_duplicate_attributes: false,
        })
    }
}

/// What `bytes` (input in the data state) start with.
fn next(bytes: &[u8]) -> Next {
    match memchr::memchr2(b'<', b'&', bytes) {
        None => Next::Text(bytes.len()),
        Some(0) if bytes[0] == b'<' => markup(bytes),
        Some(0) => reference(bytes),
        Some(n) => Next::Text(n),
    }
}

/// At a `<` (§ 13.2.5.6, tag open state).
fn markup(bytes: &[u8]) -> Next {
    match bytes.get(1) {
        Some(b) if b.is_ascii_alphabetic() => tag(bytes, TagKind::StartTag, 1),
        Some(b'/') => match bytes.get(2) {
            Some(b) if b.is_ascii_alphabetic() => tag(bytes, TagKind::EndTag, 2),
            _ => Next::HandOver,
        },
        Some(b'!') => declaration(bytes),
        // § 13.2.5.6: the `?` is the comment's first character.
        Some(b'?') => bogus_comment(bytes, 1),
        // Anything else, the end included: the `<` is text, and what follows is read again.
        _ => Next::Char('<', 1),
    }
}

/// The tag whose name starts at `from` (§ 13.2.5.8, tag name state, and the attribute states
/// § 13.2.5.32–40), as [`attr_cap`](super::attr_cap) reads tags; one the input ends in is
/// html5ever's (which drops it).
fn tag(bytes: &[u8], kind: TagKind, from: usize) -> Next {
    let mut i = skip_until(bytes, from, SPACE | SLASH | GT);
    let name = (from, i);
    let mut attrs = Vec::new();
    let (self_closing, len) = loop {
        // Before attribute name (§ 13.2.5.32), also after a quoted value or a `/`.
        let before = i;
        i = skip_while(bytes, i, SPACE | SLASH);
        match bytes.get(i) {
            None => return Next::HandOver,
            // Self-closing when a `/` read in the self-closing start tag state (§ 13.2.5.40)
            // comes right before, not one of an unquoted value.
            Some(b'>') => break (i > before && bytes[i - 1] == b'/', i + 1),
            Some(_) => {}
        }
        let (name_end, value, next) = attribute(bytes, i);
        let value_start = value.as_ptr() as usize - bytes.as_ptr() as usize;
        attrs.push(((i, name_end), (value_start, value_start + value.len())));
        i = next;
    };
    Next::Tag(ShortTag {
        kind,
        name,
        attrs,
        self_closing,
        len,
    })
}

/// At `<!` (§ 13.2.5.42, markup declaration open state): a comment or a doctype of the
/// common shapes.
fn declaration(bytes: &[u8]) -> Next {
    let rest = &bytes[2..];
    if rest.starts_with(b"--") {
        return comment(bytes);
    }
    // In foreign content a CDATA section: the tree builder's to tell.
    if rest.starts_with(b"[CDATA[") {
        return Next::HandOver;
    }
    match rest.get(..7) {
        Some(keyword) if keyword.eq_ignore_ascii_case(b"doctype") => doctype_at(bytes),
        // A prefix of one of the three above, cut by the end of the input.
        None if b"--".starts_with(rest)
            || b"[CDATA[".starts_with(rest)
            || b"doctype"
                .get(..rest.len())
                .is_some_and(|k| k.eq_ignore_ascii_case(rest)) =>
        {
            Next::HandOver
        }
        _ => bogus_comment(bytes, 2),
    }
}

/// At `<!DOCTYPE` (§ 13.2.5.53–68): white space, the name (letters and digits here), and
/// either `>` or `PUBLIC "…"`, `PUBLIC "…" "…"` or `SYSTEM "…"` (quotes of either kind,
/// no `>` inside) before it, with white space between the parts.
fn doctype_at(bytes: &[u8]) -> Next {
    let start = skip_while(bytes, 9, SPACE);
    let end = start
        + bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
    if start == 9 || end == start {
        return Next::HandOver;
    }
    let mut at = skip_while(bytes, end, SPACE);
    let mut ids = [None, None];
    let keyword = bytes.get(at..at + 6);
    let public = keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"public"));
    let system = keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"system"));
    if public || system {
        let mut slot = usize::from(system);
        at += 6;
        loop {
            let from = skip_while(bytes, at, SPACE);
            let Some(&q @ (b'"' | b'\'')) = bytes.get(from) else {
                break;
            };
            // White space before the identifier (its absence is a parse error, but a
            // public identifier right after `PUBLIC` is read all the same: kept simple).
            if from == at || slot > 1 {
                return Next::HandOver;
            }
            let Some(n) = memchr::memchr(q, &bytes[from + 1..]) else {
                return Next::HandOver;
            };
            let id = (from + 1, from + 1 + n);
            if bytes[id.0..id.1].contains(&b'>') {
                return Next::HandOver;
            }
            ids[slot] = Some(id);
            slot += 1;
            at = id.1 + 1;
        }
        if ids == [None, None] {
            return Next::HandOver;
        }
        at = skip_while(bytes, at, SPACE);
    }
    if bytes.get(at) != Some(&b'>') {
        return Next::HandOver;
    }
    Next::Doctype(DoctypeAt {
        name: (start, end),
        public: ids[0],
        system: ids[1],
        len: at + 1,
    })
}

/// Where the parts of a doctype are.
#[derive(Debug, PartialEq)]
struct DoctypeAt {
    name: (usize, usize),
    public: Option<(usize, usize)>,
    system: Option<(usize, usize)>,
    len: usize,
}

/// The token of a [`DoctypeAt`] in `input`: the name in ASCII lower case, the identifiers as
/// written.
fn doctype(input: &StrTendril, at: &DoctypeAt) -> Doctype {
    let part = |(start, end): (usize, usize)| input.subtendril(start as u32, (end - start) as u32);
    Doctype {
        name: Some(StrTendril::from_slice(
            &input[at.name.0..at.name.1].to_ascii_lowercase(),
        )),
        public_id: at.public.map(part),
        system_id: at.system.map(part),
        force_quirks: false,
    }
}

/// At `<!--` (§ 13.2.5.43–52): a comment that ends with `-->`, not before with `--!>` (the
/// end bang state), and does not start with `>` or `->` (abrupt). The states between read
/// its text as written: a `<!--` inside is a parse error only, and ends the comment when
/// `>` follows, where `-->` stands anyway.
fn comment(bytes: &[u8]) -> Next {
    let body = &bytes[4..];
    if body.starts_with(b">") || body.starts_with(b"->") {
        return Next::HandOver;
    }
    let Some(end) = memchr::memmem::find(body, b"-->") else {
        return Next::HandOver;
    };
    if memchr::memmem::find(&body[..end + 3], b"--!>").is_some() {
        return Next::HandOver;
    }
    Next::Comment(4, 4 + end, 4 + end + 3)
}

/// A bogus comment whose text starts at `from` (§ 13.2.5.41): up to the first `>`; one the
/// input ends in is html5ever's.
fn bogus_comment(bytes: &[u8], from: usize) -> Next {
    match memchr::memchr(b'>', &bytes[from..]) {
        Some(n) => Next::Comment(from, from + n, from + n + 1),
        None => Next::HandOver,
    }
}

/// At a `&` (§ 13.2.5.72, character reference state).
fn reference(bytes: &[u8]) -> Next {
    match bytes.get(1) {
        Some(b) if b.is_ascii_alphanumeric() || *b == b'#' => {}
        // Anything else: the `&` is text.
        _ => return Next::Char('&', 1),
    }
    match read_reference(bytes) {
        Some((len, c, None)) => Next::Char(c, len),
        Some((len, c, Some(d))) => Next::Chars(c, d, len),
        None => Next::HandOver,
    }
}

/// The character reference at the start of `bytes` (at its `&`) in text, where nothing
/// before it is read again: its length and its one or two characters. Read here: a name
/// that the table of entities has with its `;` (no longer name can match past the `;`,
/// § 13.2.5.73), and a number of at most six digits with its `;` (§ 13.2.5.75–80) that
/// stands for a character the tokenizer gives as it is (not zero, a surrogate, one past
/// U+10FFFF, or one of the C1 controls it maps through Windows-1252).
fn read_reference(bytes: &[u8]) -> Option<(usize, char, Option<char>)> {
    if bytes.get(1) == Some(&b'#') {
        let (len, value) = text_refs::numeric(bytes)?;
        if value == 0 || (0x80..=0x9f).contains(&value) {
            return None;
        }
        return Some((len, char::from_u32(value)?, None));
    }
    let name = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if bytes.get(1 + name) != Some(&b';') {
        return None;
    }
    // The name with its `;`: ASCII.
    let key = std::str::from_utf8(&bytes[1..name + 2]).ok()?;
    match html5ever::data::NAMED_ENTITIES.get(key) {
        Some(&(c, d)) if c != 0 => Some((
            name + 2,
            char::from_u32(c)?,
            if d == 0 {
                None
            } else {
                Some(char::from_u32(d)?)
            },
        )),
        _ => None,
    }
}

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tokens_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn short(kind: TagKind, name: (usize, usize), self_closing: bool, len: usize) -> Next {
        Next::Tag(ShortTag {
            kind,
            name,
            attrs: Vec::new(),
            self_closing,
            len,
        })
    }

    fn doctype(
        name: (usize, usize),
        public: Option<(usize, usize)>,
        system: Option<(usize, usize)>,
        len: usize,
    ) -> Next {
        Next::Doctype(DoctypeAt {
            name,
            public,
            system,
            len,
        })
    }

    #[test]
    fn reads_text_tags_and_characters() {
        use TagKind::{EndTag, StartTag};
        let cases: &[(&str, Next)] = &[
            ("plain text<p>", Next::Text(10)),
            ("text", Next::Text(4)),
            ("<p>x", short(StartTag, (1, 2), false, 3)),
            ("<n\u{1}>x", short(StartTag, (1, 3), false, 4)),
            ("<BR/>", short(StartTag, (1, 3), true, 5)),
            ("</r\u{3}>", short(EndTag, (2, 4), false, 5)),
            ("</p/>", short(EndTag, (2, 3), true, 5)),
            ("< p>", Next::Char('<', 1)),
            ("<", Next::Char('<', 1)),
            ("<3", Next::Char('<', 1)),
            ("& b", Next::Char('&', 1)),
            ("&", Next::Char('&', 1)),
            ("&amp;amp;", Next::Char('&', 5)),
            ("&lt;p>", Next::Char('<', 4)),
            ("&#x41;", Next::Char('A', 6)),
            ("&#038;", Next::Char('&', 6)),
            ("&#233;", Next::Char('é', 6)),
            ("&#0;", Next::HandOver),
            ("&#x80;", Next::HandOver),
            ("&#xD800;", Next::HandOver),
            ("&#1234567;", Next::HandOver),
            ("&#65", Next::HandOver),
            ("&mdash;", Next::Char('\u{2014}', 7)),
            ("&ouml;x", Next::Char('ö', 6)),
            ("&NotEqualTilde;", Next::Chars('\u{2242}', '\u{338}', 15)),
            ("&amp", Next::HandOver),
            ("&notit;", Next::HandOver),
            ("&#;", Next::HandOver),
            (
                "<p class=x>",
                Next::Tag(ShortTag {
                    kind: StartTag,
                    name: (1, 2),
                    attrs: vec![((3, 8), (9, 10))],
                    self_closing: false,
                    len: 11,
                }),
            ),
            ("<img\u{1} />", short(StartTag, (1, 5), true, 8)),
            ("<br  />", short(StartTag, (1, 3), true, 7)),
            (
                "<a b=x/>",
                Next::Tag(ShortTag {
                    kind: StartTag,
                    name: (1, 2),
                    attrs: vec![((3, 4), (5, 7))],
                    self_closing: false,
                    len: 8,
                }),
            ),
            ("<p ", Next::HandOver),
            ("<p", Next::HandOver),
            ("<p a='x", Next::HandOver),
            ("</>", Next::HandOver),
            ("</ p>", Next::HandOver),
            ("<!-- c -->x", Next::Comment(4, 7, 10)),
            ("<!---->", Next::Comment(4, 4, 7)),
            ("<!--a--->", Next::Comment(4, 6, 9)),
            ("<!-- a -- b -->", Next::Comment(4, 12, 15)),
            ("<!--[if !IE]><!-->x", Next::Comment(4, 15, 18)),
            ("<!-->", Next::HandOver),
            ("<!--->", Next::HandOver),
            ("<!-- a --!>", Next::HandOver),
            ("<!-- a --!> b -->", Next::HandOver),
            ("<!-- open", Next::HandOver),
            ("<?xml v?>x", Next::Comment(1, 8, 9)),
            ("<![if IE]>", Next::Comment(2, 9, 10)),
            ("<!x>", Next::Comment(2, 3, 4)),
            ("<!x", Next::HandOver),
            ("<!doctype html>", doctype((10, 14), None, None, 15)),
            ("<!DOCTYPE HTML >x", doctype((10, 14), None, None, 16)),
            (
                "<!DOCTYPE html PUBLIC \"-//A\" 'b'>",
                doctype((10, 14), Some((23, 27)), Some((30, 31)), 33),
            ),
            (
                "<!DOCTYPE html SYSTEM \"s\">",
                doctype((10, 14), None, Some((23, 24)), 26),
            ),
            ("<!DOCTYPE html PUBLIC \"a>b\">", Next::HandOver),
            ("<!DOCTYPE html PUBLIC\"a\">", Next::HandOver),
            ("<!DOCTYPE html PUBLIC>", Next::HandOver),
            ("<!DOCTYPE html SYSTEM \"a\" \"b\">", Next::HandOver),
            ("<!DOCTYPE html junk>", Next::HandOver),
            ("<!DOCTYPE>", Next::HandOver),
            ("<!DOCTYPEhtml>", Next::HandOver),
            ("<!doc", Next::HandOver),
            ("<![CDATA[x]]>", Next::HandOver),
        ];
        for (input, want) in cases {
            assert_eq!(&next(input.as_bytes()), want, "{input:?}");
        }
    }

    #[test]
    fn reads_only_input_the_tokenizer_does_not_change() {
        assert!(reads("<p>x</p>"));
        assert!(!reads("<p>a\r\nb"));
        assert!(!reads("<p>a\0b"));
        // A U+FEFF past the start is text.
        assert!(reads("<p>a\u{feff}b"));
    }
}
