//! Markdown bodies: only the HTML embedded in them is cleaned, and only the image URLs in
//! them are rewritten; every other byte (text, code blocks, spacing) stays as it was.
//!
//! [pulldown-cmark](https://crates.io/crates/pulldown-cmark) finds the pieces (with their byte
//! offsets), so HTML inside code blocks and code spans is never touched:
//!
//! - **Block HTML** that closes every element it opens is cleaned as one fragment (its leading
//!   and trailing white space kept). A block that does not (`<div align="center">`, a blank
//!   line, Markdown, then `</div>`) is cleaned tag by tag, see below.
//! - **Inline HTML** comes as one event per tag. A start tag and its end tag in the same
//!   paragraph (or heading, table cell…) are cleaned together with what is between them, when
//!   that is only text, tags, line breaks and emphasis (no code spans, links, images, backslash
//!   escapes, `&` or `<` in the text, which the HTML parser would read differently). Otherwise
//!   tags are cleaned one by one.
//! - **Tag by tag**: a void or self-closing tag (`<img …>`, `<br>`) is cleaned
//!   alone (comments are kept: `<!-- more -->` marks a Hexo or Hugo excerpt, and a block of
//!   only comments is kept too); a start tag is cleaned with a placeholder as its content and replaced by the clean
//!   start tag when the element survives with the same name (attributes cleaned), else kept;
//!   end tags are kept.
//! - **Images**: the URL of `![alt](url)` and of the reference definition `[id]: url` that an
//!   image `![alt][id]` uses gets the policy's image treatment (proxy unwrapped, re-routed…)
//!   when it is an absolute http(s) URL; it is written back only when it needs no escaping in
//!   Markdown (no white space, `(`, `)`, `<`, `>`, `\`). Links are left alone.

use super::tags::{self, TagKind};
use crate::cleaner::Cleaner;
use crate::report::Report;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The parser options: CommonMark with the GitHub extensions and math, so that `$a<b$`
/// is math, not HTML.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// Whether a post body is HTML: its first non-blank line starts (indented at most three
/// spaces) with a block-level HTML tag (`<div`, `<p`, `<section`, `<figure`, `<h1`…, `<!doctype`,
/// `<html`), at least half of its non-blank bytes are in HTML blocks, and nothing outside
/// those blocks is Markdown syntax (headings, lists, quotes, fenced code, emphasis, links,
/// images, code spans, tables). Indented lines after a blank line count as HTML, not code.
pub(crate) fn is_html(body: &str) -> bool {
    let Some(first) = body.lines().find(|l| !l.trim().is_empty()) else {
        return true;
    };
    let trimmed = first.trim_start_matches(' ');
    if first.len() - trimmed.len() > 3 || !starts_with_block_tag(trimmed) {
        return false;
    }
    let mut html_bytes = 0;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                html_bytes += body[range]
                    .bytes()
                    .filter(|b| !b.is_ascii_whitespace())
                    .count()
            }
            Event::Start(
                Tag::Heading { .. }
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_),
            )
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => return false,
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_))) => return false,
            _ => {}
        }
    }
    let total = body.bytes().filter(|b| !b.is_ascii_whitespace()).count();
    html_bytes * 2 >= total
}

fn starts_with_block_tag(line: &str) -> bool {
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "iframe",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "head",
        "style",
        "script",
        "noscript",
        "picture",
        "video",
    ];
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest
        .as_bytes()
        .get(..8)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"!doctype"))
    {
        return true;
    }
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest[..name_len].to_ascii_lowercase();
    let after = rest[name_len..].chars().next();
    BLOCK.contains(&name.as_str()) && matches!(after, None | Some(' ' | '\t' | '>' | '/'))
}

/// Replacements of byte ranges of the body, kept sorted and non-overlapping.
struct Edits<'a> {
    cleaner: &'a Cleaner,
    body: &'a str,
    edits: Vec<(Range<usize>, String)>,
    report: Report,
}

impl Edits<'_> {
    /// Records a replacement, and its changes in the report, unless it changes nothing or
    /// overlaps one already recorded.
    fn push(&mut self, range: Range<usize>, new: String, report: &Report) {
        if self.body[range.clone()] == new
            || self
                .edits
                .iter()
                .any(|(r, _)| r.start < range.end && range.start < r.end)
        {
            return;
        }
        self.report.merge(report);
        self.edits.push((range, new));
    }

    /// Cleans `range` as an HTML fragment.
    fn clean_fragment(&mut self, range: Range<usize>) {
        let out = self.cleaner.clean_fragment(&self.body[range.clone()]);
        let (html, report) = out.into_parts();
        self.push(range, html, &report);
    }

    /// Cleans the tags in `range` one by one (see the module docs).
    fn clean_tags(&mut self, range: Range<usize>) {
        let piece = &self.body[range.clone()];
        for tag in tags::scan(piece) {
            let at = range.start + tag.start..range.start + tag.end;
            match tag.kind {
                TagKind::Complete => self.clean_fragment(at),
                // Comments stay: `<!-- more -->` marks the excerpt for Hexo and Hugo.
                TagKind::Other => {}
                TagKind::Open => self.clean_start_tag(at, &tag.name),
                TagKind::Close => {}
            }
        }
    }

    /// Cleans a lone start tag: with a placeholder as content, the element must survive with
    /// the same name for its clean start tag to replace it.
    fn clean_start_tag(&mut self, range: Range<usize>, name: &str) {
        const MARK: char = '\u{E000}';
        let start_tag = &self.body[range.clone()];
        let probe = format!("{start_tag}{MARK}</{name}>");
        let (html, report) = self.cleaner.clean_fragment(&probe).into_parts();
        let Some(new) = html.strip_suffix(&format!("{MARK}</{name}>")).filter(|t| {
            tags::tag_at(t, 0).is_some_and(|tag| tag.end == t.len() && tag.name == name)
        }) else {
            return;
        };
        self.push(range, new.to_string(), &report);
    }

    /// Rewrites the image URL `dest` found at the start of `self.body[at..]` (after an
    /// optional `<`).
    fn image_url(&mut self, at: usize, dest: &str) {
        let Some(urls) = self.cleaner.inner.image_urls.as_ref() else {
            return;
        };
        let rest = &self.body[at..];
        let skip = usize::from(rest.starts_with('<'));
        if !rest[skip..].starts_with(dest) {
            return;
        }
        let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return;
        }
        let Some(new) = urls.rewrite(dest) else {
            return;
        };
        if new.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>' | '\\')
        }) {
            return;
        }
        let start = at + skip;
        let mut one = Report::default();
        one.add("proxied_urls", 1);
        self.push(start..start + dest.len(), new, &one);
    }
}

/// Cleans a Markdown body: the new body and what changed.
pub(crate) fn clean(cleaner: &Cleaner, body: &str) -> (String, Report) {
    let mut edits = Edits {
        cleaner,
        body,
        edits: Vec::new(),
        report: Report::new(cleaner.rule_names().map(|n| (n, 0)).collect()),
    };
    let mut iter = Parser::new_ext(body, options()).into_offset_iter();
    let events: Vec<(Event<'_>, Range<usize>)> = iter.by_ref().collect();
    let defs = iter.reference_definitions();
    let mut defs_done: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::HtmlBlock) => {
                let mut j = i + 1;
                let mut contiguous = true;
                let mut pos = range.start;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::HtmlBlock)) {
                    contiguous &= events[j].1.start == pos;
                    pos = events[j].1.end;
                    j += 1;
                }
                contiguous &= pos == range.end;
                html_block(&mut edits, range.clone(), contiguous);
                i = j + 1;
                continue;
            }
            Event::InlineHtml(_) => {
                i = inline_html(&mut edits, &events, i);
                continue;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => match link_type {
                LinkType::Inline => {
                    if let Some(at) = inline_dest(&body[range.clone()], dest_url) {
                        edits.image_url(range.start + at, dest_url);
                    }
                }
                LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                    if let Some(def) = defs.get(id) {
                        if !defs_done.contains(&def.span.start) {
                            defs_done.push(def.span.start);
                            if let Some(at) = definition_dest(&body[def.span.clone()]) {
                                edits.image_url(def.span.start + at, &def.dest);
                            }
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut edits_list = edits.edits;
    edits_list.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(body.len());
    let mut done = 0;
    for (range, new) in edits_list {
        out.push_str(&body[done..range.start]);
        out.push_str(&new);
        done = range.end;
    }
    out.push_str(&body[done..]);
    (out, edits.report)
}

/// A block of HTML: cleaned whole when it is self-contained and its lines are not prefixed
/// by a container (`> `, list indentation), tag by tag otherwise.
fn html_block(edits: &mut Edits<'_>, range: Range<usize>, contiguous: bool) {
    let text = &edits.body[range.clone()];
    let core_start = range.start + (text.len() - text.trim_start().len());
    let core_end = range.start + text.trim_end().len();
    if core_start >= core_end {
        return;
    }
    let core = &edits.body[core_start..core_end];
    let found = tags::scan(core);
    if found.iter().all(|t| t.kind == TagKind::Other) {
        // Only comments (`<!-- more -->`) and text: kept.
        return;
    }
    if contiguous && tags::balanced(&found) {
        edits.clean_fragment(core_start..core_end);
    } else {
        edits.clean_tags(core_start..core_end);
    }
}

/// Inline HTML at `events[i]`: returns the index of the next event to look at.
fn inline_html(edits: &mut Edits<'_>, events: &[(Event<'_>, Range<usize>)], i: usize) -> usize {
    let range = events[i].1.clone();
    let Some(tag) = tags::tag_at(edits.body, range.start).filter(|t| t.end == range.end) else {
        edits.clean_tags(range);
        return i + 1;
    };
    if tag.kind != TagKind::Open {
        edits.clean_tags(range);
        return i + 1;
    }
    // Look for the matching end tag in the same run of inline events.
    let mut depth = 0usize;
    let mut plain = true;
    for (j, (event, r)) in events.iter().enumerate().skip(i) {
        match event {
            Event::InlineHtml(_) => {
                if let Some(t) = tags::tag_at(edits.body, r.start).filter(|t| t.end == r.end) {
                    if t.name == tag.name {
                        match t.kind {
                            TagKind::Open => depth += 1,
                            TagKind::Close => depth -= 1,
                            _ => {}
                        }
                    }
                }
                if depth == 0 {
                    if plain {
                        edits.clean_fragment(range.start..r.end);
                        return j + 1;
                    }
                    break;
                }
            }
            Event::Text(_) => {
                plain &= !edits.body[r.clone()].contains(['`', '\\', '&', '<']);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::Superscript | Tag::Subscript,
            )
            | Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Superscript | TagEnd::Subscript) => {
                plain = false
            }
            // Anything else ends the paragraph: no end tag in it.
            _ => break,
        }
    }
    edits.clean_tags(range);
    i + 1
}

/// Where the destination of an inline image `![alt](dest "title")` starts in its source.
fn inline_dest(source: &str, dest: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = source[from..].find("](") {
        let open = from + off + 2;
        let after = &source[open..];
        let at = open + (after.len() - after.trim_start().len());
        let rest = &source[at..];
        let skip = usize::from(rest.starts_with('<'));
        if rest[skip..].starts_with(dest) {
            let next = rest[skip + dest.len()..].chars().next();
            if matches!(next, Some(')' | '>' | ' ' | '\t' | '\n' | '\r')) {
                return Some(at);
            }
        }
        from = open;
    }
    None
}

/// Where the destination of a reference definition `[id]: dest "title"` starts in its source.
fn definition_dest(source: &str) -> Option<usize> {
    let colon = source.find("]:")? + 2;
    let after = &source[colon..];
    Some(colon + (after.len() - after.trim_start().len()))
}
